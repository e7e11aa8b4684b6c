"""ServerVersion: parse, compare, hash, print."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cca_result_codes import ServerVersion

parts = st.integers(min_value=0, max_value=999_999_999)
versions = st.builds(ServerVersion, parts, parts, parts, parts)


def test_parse_fills_missing_parts_with_zero() -> None:
    assert ServerVersion.parse("5.4.8") == ServerVersion(5, 4, 8, 0)
    assert ServerVersion.parse("5.4.6.1") == (5, 4, 6, 1)
    assert ServerVersion.parse("6") == ServerVersion(6, 0, 0, 0)
    assert ServerVersion.parse(" 5.4.6 ") == ServerVersion(5, 4, 6)


def test_fields_str_and_repr() -> None:
    version = ServerVersion(5, 4, 6, 1)
    assert (version.major, version.minor, version.patch, version.build) == (5, 4, 6, 1)
    assert str(version) == "5.4.6.1"
    assert repr(version) == "ServerVersion(5, 4, 6, 1)"
    assert str(ServerVersion.parse("5.4.8")) == "5.4.8.0"


def test_ordering_and_hashing() -> None:
    assert ServerVersion.parse("5.4.5") < ServerVersion(5, 4, 6) < ServerVersion(5, 4, 6, 1)
    assert ServerVersion(5, 10) > ServerVersion(5, 9, 99)
    assert len({ServerVersion(5, 4, 6), ServerVersion.parse("5.4.6.0")}) == 1
    assert ServerVersion(5, 4, 6) == (5, 4, 6, 0)


@pytest.mark.parametrize(
    "text",
    ["5.x", "", "1.2.3.4.5", "5.-4.6", "-5", "5..6", "5.4.", "5,4", "+5", "\u0665.4", "1_0.4"],
)
def test_parse_rejects_bad_text_and_quotes_it(text: str) -> None:
    with pytest.raises(ValueError, match="invalid server version") as caught:
        ServerVersion.parse(text)
    assert repr(text) in str(caught.value)


def test_parse_quotes_only_an_excerpt_of_long_input() -> None:
    with pytest.raises(ValueError, match=r"\.\.\.") as caught:
        ServerVersion.parse("9" * 10_000)
    assert len(str(caught.value)) < 200


def test_parse_needs_a_string() -> None:
    with pytest.raises(TypeError, match="bytes"):
        ServerVersion.parse(b"5.4.6")  # type: ignore[arg-type]  # wrong on purpose


def test_constructor_checks_parts() -> None:
    with pytest.raises(ValueError, match="minor must not be negative"):
        ServerVersion(5, -1)
    with pytest.raises(TypeError, match="patch must be an int, not str"):
        ServerVersion(5, 4, "6")  # type: ignore[arg-type]  # wrong on purpose
    with pytest.raises(TypeError, match="major must be an int, not bool"):
        ServerVersion(True, 4)


@given(versions)
def test_str_parse_round_trip(version: ServerVersion) -> None:
    assert ServerVersion.parse(str(version)) == version
    assert str(ServerVersion.parse(str(version))) == str(version)


@given(st.lists(parts, min_size=1, max_size=4))
def test_parse_reads_the_numbers(numbers: list[int]) -> None:
    version = ServerVersion.parse(".".join(map(str, numbers)))
    assert list(version) == numbers + [0] * (4 - len(numbers))


@given(versions, versions)
def test_order_is_tuple_order(left: ServerVersion, right: ServerVersion) -> None:
    assert (left < right) == (tuple(left) < tuple(right))
    assert (left == right) == (hash(left) == hash(right) and tuple(left) == tuple(right))


@given(versions)
def test_pickle_and_copy(version: ServerVersion) -> None:
    for clone in (pickle.loads(pickle.dumps(version)), copy.copy(version), copy.deepcopy(version)):
        assert clone == version
        assert type(clone) is ServerVersion


def test_parse_error_message_in_full() -> None:
    with pytest.raises(ValueError, match="x") as caught:
        ServerVersion.parse("5.x")
    assert str(caught.value) == (
        "invalid server version '5.x': expected up to four dot-separated"
        " non-negative integers, such as 5.4.6.1"
    )


@pytest.mark.parametrize(
    ("length", "quoted"), [(40, "'" + "x" * 40 + "'"), (41, "'" + "x" * 40 + "'...")]
)
def test_parse_quotes_up_to_forty_characters(length: int, quoted: str) -> None:
    with pytest.raises(ValueError, match="invalid") as caught:
        ServerVersion.parse("x" * length)
    assert str(caught.value).startswith(f"invalid server version {quoted}:")
