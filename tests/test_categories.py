"""Category: labels, blocks, and classifying any int."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cca_result_codes import Category


def test_twelve_categories_in_vendor_order() -> None:
    assert [category.name for category in Category] == [
        "SUCCESS",
        "GENERAL",
        "TASK",
        "LIST",
        "REPORTING",
        "LOCKING",
        "UPDATE",
        "LISTEN_IN",
        "QUOTA",
        "MANUAL_DIAL",
        "RECORDING",
        "CCA_API",
    ]


def test_blocks() -> None:
    assert Category.SUCCESS.codes == range(100)
    assert Category.GENERAL.codes == range(100, 200)
    assert Category.REPORTING.codes == range(400, 500)
    assert Category.RECORDING.codes == range(1000, 1100)
    assert Category.CCA_API.codes == range(10000, 10100)


def test_labels_and_lookup_by_label() -> None:
    assert Category.LISTEN_IN.label == "listen-in errors"
    assert Category("quota errors") is Category.QUOTA
    assert Category.UPDATE.label == "update failed"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, Category.SUCCESS),
        (99, Category.SUCCESS),
        (100, Category.GENERAL),
        (127, Category.GENERAL),
        (711, Category.LISTEN_IN),
        (1099, Category.RECORDING),
        (10000, Category.CCA_API),
        (10099, Category.CCA_API),
        (-1, None),
        (1100, None),
        (9999, None),
        (10100, None),
        (10**100, None),
    ],
)
def test_of_classifies_any_int(number: int, expected: Category | None) -> None:
    assert Category.of(number) is expected


@given(st.integers())
def test_of_matches_the_blocks(number: int) -> None:
    holders = [category for category in Category if number in category.codes]
    assert holders == ([] if Category.of(number) is None else [Category.of(number)])


def test_is_error() -> None:
    assert not Category.SUCCESS.is_error
    assert all(category.is_error for category in Category if category is not Category.SUCCESS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LISTEN_IN", Category.LISTEN_IN),
        ("listen-in", Category.LISTEN_IN),
        ("Listen-in errors", Category.LISTEN_IN),
        ("manual dial", Category.MANUAL_DIAL),
        ("recording management service errors", Category.RECORDING),
        ("cca_api", Category.CCA_API),
        ("update failed", Category.UPDATE),
    ],
)
def test_from_name(text: str, expected: Category) -> None:
    assert Category.from_name(text) is expected


def test_from_name_rejects_unknown_and_non_text() -> None:
    with pytest.raises(KeyError, match="'nothing'"):
        Category.from_name("nothing")
    with pytest.raises(TypeError, match="int"):
        Category.from_name(3)  # type: ignore[arg-type]  # wrong on purpose


def test_pickle() -> None:
    for category in Category:
        assert pickle.loads(pickle.dumps(category)) is category
