"""Category: labels, blocks, and classifying any int.

Expected values are written out here or read from the vendor's page by
tests/vendor_table.py; none is computed with Category itself.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import Category
from vendor_table import LABELS, VendorRow, read_rows

# Each category: its member name, the vendor's label, and the first number of its block.
BLOCKS = [
    ("SUCCESS", "success", 0),
    ("GENERAL", "general errors", 100),
    ("TASK", "task errors", 200),
    ("LIST", "list errors", 300),
    ("REPORTING", "reporting errors", 400),
    ("LOCKING", "locking errors", 500),
    ("UPDATE", "update failed", 600),
    ("LISTEN_IN", "listen-in errors", 700),
    ("QUOTA", "quota errors", 800),
    ("MANUAL_DIAL", "manual dial errors", 900),
    ("RECORDING", "Recording Management Service errors", 1000),
    ("CCA_API", "CcaAPI-specific errors", 10000),
]


def expected_category_name(number: int) -> str | None:
    """The written-out block table's answer for *number*."""
    for name, _, first in BLOCKS:
        if first <= number <= first + 99:
            return name
    return None


def test_twelve_categories_in_vendor_order() -> None:
    assert [category.name for category in Category] == [name for name, _, _ in BLOCKS]


def test_labels_are_the_vendors_in_order() -> None:
    assert tuple(label for _, label, _ in BLOCKS) == LABELS
    assert [category.label for category in Category] == list(LABELS)
    assert [category.value for category in Category] == list(LABELS)


@pytest.mark.parametrize(("name", "label", "first"), BLOCKS, ids=[name for name, _, _ in BLOCKS])
def test_every_category_its_label_and_block(name: str, label: str, first: int) -> None:
    category = Category[name]
    assert category.label == label
    assert Category(label) is category
    assert category.codes == range(first, first + 100)
    assert category.codes.start == first
    assert category.codes.stop == first + 100
    assert category.codes.step == 1


@pytest.mark.parametrize("row", read_rows(), ids=lambda row: row.name)
def test_of_puts_every_vendor_code_under_its_vendor_label(row: VendorRow) -> None:
    found = Category.of(row.code)
    assert found is not None
    assert found.label == row.label


EDGES = [
    (-101, None),
    (-100, None),
    (-99, None),
    (-1, None),
    (0, "SUCCESS"),
    (1, "SUCCESS"),
    (99, "SUCCESS"),
    (100, "GENERAL"),
    (127, "GENERAL"),
    (199, "GENERAL"),
    (200, "TASK"),
    (299, "TASK"),
    (300, "LIST"),
    (399, "LIST"),
    (400, "REPORTING"),
    (499, "REPORTING"),
    (500, "LOCKING"),
    (599, "LOCKING"),
    (600, "UPDATE"),
    (699, "UPDATE"),
    (700, "LISTEN_IN"),
    (711, "LISTEN_IN"),
    (799, "LISTEN_IN"),
    (800, "QUOTA"),
    (899, "QUOTA"),
    (900, "MANUAL_DIAL"),
    (999, "MANUAL_DIAL"),
    (1000, "RECORDING"),
    (1099, "RECORDING"),
    (1100, None),
    (1101, None),
    (5000, None),
    (9999, None),
    (10000, "CCA_API"),
    (10099, "CCA_API"),
    (10100, None),
    (10199, None),
    (100000, None),
    (2**31 - 1, None),
    (2**63, None),
    (10**100, None),
    (-(10**100), None),
]


@pytest.mark.parametrize(("number", "name"), EDGES)
def test_of_at_every_block_edge(number: int, name: str | None) -> None:
    found = Category.of(number)
    assert (None if found is None else found.name) == name


def test_the_edge_table_agrees_with_the_block_table() -> None:
    # The two written-out tables check each other, so a typo in one shows.
    assert [(number, expected_category_name(number)) for number, _ in EDGES] == EDGES


@given(st.integers())
@example(-1).via("below the first block")
@example(1100).via("just after the recording block")
@example(9999).via("just before the CcaAPI block")
@example(10100).via("just after the last block")
def test_of_matches_the_written_block_table(number: int) -> None:
    found = Category.of(number)
    assert (None if found is None else found.name) == expected_category_name(number)


@pytest.mark.parametrize(
    ("name", "is_error"),
    [(name, name != "SUCCESS") for name, _, _ in BLOCKS],
)
def test_is_error(name: str, is_error: bool) -> None:
    assert Category[name].is_error is is_error


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("SUCCESS", "SUCCESS"),
        ("success", "SUCCESS"),
        ("GENERAL", "GENERAL"),
        ("general errors", "GENERAL"),
        ("general", "GENERAL"),
        ("Task", "TASK"),
        ("list errors", "LIST"),
        ("reporting", "REPORTING"),
        ("locking_errors", "LOCKING"),
        ("update failed", "UPDATE"),
        ("UPDATE", "UPDATE"),
        ("LISTEN_IN", "LISTEN_IN"),
        ("listen-in", "LISTEN_IN"),
        ("Listen-in errors", "LISTEN_IN"),
        ("listenin", "LISTEN_IN"),
        ("quota", "QUOTA"),
        ("Quota Errors", "QUOTA"),
        ("manual dial", "MANUAL_DIAL"),
        ("manual-dial errors", "MANUAL_DIAL"),
        ("recording", "RECORDING"),
        ("recording management service errors", "RECORDING"),
        ("Recording Management Service", "RECORDING"),
        ("cca_api", "CCA_API"),
        ("ccaapi-specific errors", "CCA_API"),
        ("CcaAPI-specific", "CCA_API"),
        (" quota ", "QUOTA"),
    ],
)
def test_from_name(text: str, name: str) -> None:
    assert Category.from_name(text) is Category[name]


@pytest.mark.parametrize("text", ["nothing", "", "errors", "listen", "quota error", "cca"])
def test_from_name_rejects_what_names_no_category(text: str) -> None:
    with pytest.raises(KeyError) as caught:
        Category.from_name(text)
    assert caught.value.args == (f"no category named {text!r}",)


def test_from_name_rejects_non_text() -> None:
    with pytest.raises(TypeError) as caught:
        Category.from_name(3)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == "Category.from_name() needs a str, not int"


def test_pickle() -> None:
    for category in Category:
        assert pickle.loads(pickle.dumps(category)) is category
