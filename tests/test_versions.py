"""ServerVersion: parse, compare, hash, print; every limit of the parser tried at its edge."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import ServerVersion
from cca_result_codes.versions import UNIFIED_IN, as_server_version, leading_version

parts = st.integers(min_value=0, max_value=999_999_999)
versions = st.builds(ServerVersion, parts, parts, parts, parts)

NOT_A_VERSION = "expected up to four dot-separated non-negative integers, such as 5.4.6.1"


def test_parse_fills_missing_parts_with_zero() -> None:
    assert ServerVersion.parse("5.4.8") == ServerVersion(5, 4, 8, 0)
    assert ServerVersion.parse("5.4.6.1") == (5, 4, 6, 1)
    assert ServerVersion.parse("6") == ServerVersion(6, 0, 0, 0)
    assert ServerVersion.parse("5.4") == (5, 4, 0, 0)
    assert ServerVersion.parse(" 5.4.6 ") == ServerVersion(5, 4, 6)
    assert ServerVersion.parse("\t5.4.6.1\n") == (5, 4, 6, 1)
    assert type(ServerVersion.parse("5.4.6")) is ServerVersion


def test_constructor_fills_missing_parts_with_zero() -> None:
    assert tuple(ServerVersion(5, 4)) == (5, 4, 0, 0)
    assert tuple(ServerVersion(5, 4, 8)) == (5, 4, 8, 0)
    assert tuple(ServerVersion(5, 4, 6, 1)) == (5, 4, 6, 1)
    assert tuple(ServerVersion(0, 0)) == (0, 0, 0, 0)


def test_unified_in_is_5_4_6_0() -> None:
    assert tuple(UNIFIED_IN) == (5, 4, 6, 0)
    assert type(UNIFIED_IN) is ServerVersion


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("0", (0, 0, 0, 0)),
        ("999999999", (999_999_999, 0, 0, 0)),
        ("999999999.999999999.999999999.999999999", (999_999_999,) * 4),
        ("000000005.4", (5, 4, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("0.0.0.0", (0, 0, 0, 0)),
    ],
)
def test_parse_accepts_up_to_nine_digits_and_four_parts(
    text: str, numbers: tuple[int, int, int, int]
) -> None:
    assert tuple(ServerVersion.parse(text)) == numbers


@pytest.mark.parametrize(
    "text",
    [
        "1000000000",  # ten digits
        "0000000000",  # ten digits, even as zeros
        "5.4.6.1234567890",
        "5.x",
        "",
        " ",
        "5..6",
        "5.4.",
        ".5",
        "5,4",
        "+5",
        "-5",
        "5.-4.6",
        "\u0665.4",  # ARABIC-INDIC DIGIT FIVE: a digit, but not ASCII
        "\u00b2",  # SUPERSCRIPT TWO: isdigit() is True
        "1_0.4",
        "5.4.6.1-beta",
        "5 .4",
    ],
)
def test_parse_rejects_what_is_not_a_version_and_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="invalid server version") as caught:
        ServerVersion.parse(text)
    assert str(caught.value) == f"invalid server version {text!r}: {NOT_A_VERSION}"


@pytest.mark.parametrize("text", ["1.2.3.4.5", "x.x.x.x.x", "5.4.6.1.", "1.2.3.4.5.6.7"])
def test_parse_rejects_more_than_four_parts(text: str) -> None:
    with pytest.raises(ValueError, match="more than four parts") as caught:
        ServerVersion.parse(text)
    assert str(caught.value) == f"invalid server version {text!r}: more than four parts"


def test_parse_quotes_only_an_excerpt_of_long_input() -> None:
    with pytest.raises(ValueError, match=r"\.\.\.") as caught:
        ServerVersion.parse("9" * 10_000)
    assert str(caught.value) == f"invalid server version {'9' * 40!r}...: {NOT_A_VERSION}"


@pytest.mark.parametrize(
    ("length", "quoted"),
    [(39, "'" + "x" * 39 + "'"), (40, "'" + "x" * 40 + "'"), (41, "'" + "x" * 40 + "'...")],
)
def test_parse_quotes_up_to_forty_characters(length: int, quoted: str) -> None:
    with pytest.raises(ValueError, match="invalid") as caught:
        ServerVersion.parse("x" * length)
    assert str(caught.value) == f"invalid server version {quoted}: {NOT_A_VERSION}"


def test_parse_needs_a_string() -> None:
    with pytest.raises(TypeError) as caught:
        ServerVersion.parse(b"5.4.6")  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == "ServerVersion.parse() needs a str, not bytes"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((-1, 4), "ServerVersion major must not be negative, got -1"),
        ((5, -1), "ServerVersion minor must not be negative, got -1"),
        ((5, 4, -1), "ServerVersion patch must not be negative, got -1"),
        ((5, 4, 6, -1), "ServerVersion build must not be negative, got -1"),
        ((5, 4, 6, -(10**30)), f"ServerVersion build must not be negative, got {-(10**30)}"),
    ],
)
def test_constructor_rejects_negative_parts(arguments: tuple[int, ...], message: str) -> None:
    with pytest.raises(ValueError, match="must not be negative") as caught:
        ServerVersion(*arguments)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("5", 4), "ServerVersion major must be an int, not str"),
        ((True, 4), "ServerVersion major must be an int, not bool"),
        ((5, 4.0), "ServerVersion minor must be an int, not float"),
        ((5, 4, "6"), "ServerVersion patch must be an int, not str"),
        ((5, 4, 6, None), "ServerVersion build must be an int, not NoneType"),
        ((5, 4, 6, False), "ServerVersion build must be an int, not bool"),
    ],
)
def test_constructor_rejects_parts_that_are_not_ints(
    arguments: tuple[object, ...], message: str
) -> None:
    with pytest.raises(TypeError) as caught:
        ServerVersion(*arguments)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == message


def test_zero_parts_are_allowed() -> None:
    assert tuple(ServerVersion(0, 0, 0, 0)) == (0, 0, 0, 0)


def test_fields_str_and_repr() -> None:
    version = ServerVersion(5, 4, 6, 1)
    assert (version.major, version.minor, version.patch, version.build) == (5, 4, 6, 1)
    assert str(version) == "5.4.6.1"
    assert repr(version) == "ServerVersion(5, 4, 6, 1)"
    assert str(ServerVersion.parse("5.4.8")) == "5.4.8.0"
    assert repr(ServerVersion(10, 20, 30, 40)) == "ServerVersion(10, 20, 30, 40)"
    assert str(ServerVersion(10, 20, 30, 40)) == "10.20.30.40"


def test_ordering_and_hashing() -> None:
    assert ServerVersion.parse("5.4.5") < ServerVersion(5, 4, 6) < ServerVersion(5, 4, 6, 1)
    assert ServerVersion(5, 10) > ServerVersion(5, 9, 99)
    assert ServerVersion(5, 4, 6, 1) > ServerVersion(5, 4, 6, 0)
    assert ServerVersion(6, 0) > ServerVersion(5, 99, 99, 99)
    assert len({ServerVersion(5, 4, 6), ServerVersion.parse("5.4.6.0")}) == 1
    assert len({ServerVersion(5, 4, 6), ServerVersion(5, 4, 6, 1)}) == 2
    assert ServerVersion(5, 4, 6) == (5, 4, 6, 0)
    assert hash(ServerVersion(5, 4, 6)) == hash((5, 4, 6, 0))
    assert ServerVersion(5, 4, 6) != ServerVersion(5, 4, 6, 1)


def test_as_server_version_keeps_versions_and_parses_text() -> None:
    version = ServerVersion(5, 4, 5)
    assert as_server_version(version, "x") is version
    assert as_server_version("5.4.5", "x") == (5, 4, 5, 0)
    assert type(as_server_version("5.4.5", "x")) is ServerVersion


@pytest.mark.parametrize(
    ("value", "what", "message"),
    [
        ((5, 4, 6), "server_version", "server_version must be a ServerVersion or str, not tuple"),
        (546, "the version", "the version must be a ServerVersion or str, not int"),
        (b"5.4.6", "v", "v must be a ServerVersion or str, not bytes"),
        (
            None,
            "available_in()'s version",
            "available_in()'s version must be a ServerVersion or str, not NoneType",
        ),
    ],
)
def test_as_server_version_names_what_is_wrong(value: object, what: str, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        as_server_version(value, what)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == message


def test_as_server_version_lets_a_parse_error_through() -> None:
    with pytest.raises(ValueError, match="invalid server version") as caught:
        as_server_version("5.x", "server_version")
    assert str(caught.value) == f"invalid server version '5.x': {NOT_A_VERSION}"


@given(versions)
@example(ServerVersion(0, 0, 0, 0))
@example(ServerVersion(999_999_999, 999_999_999, 999_999_999, 999_999_999))
def test_str_parse_round_trip(version: ServerVersion) -> None:
    text = ".".join(str(part) for part in tuple(version))
    assert str(version) == text
    assert ServerVersion.parse(text) == version


@given(st.lists(parts, min_size=1, max_size=4))
@example([999_999_999])
@example([0, 0, 0, 0])
@example([1, 2, 3, 999_999_999])
def test_parse_reads_the_numbers(numbers: list[int]) -> None:
    version = ServerVersion.parse(".".join(map(str, numbers)))
    assert list(version) == numbers + [0] * (4 - len(numbers))


@pytest.mark.parametrize(
    "text",
    ["1000000000.4.6.1", "5.1000000000.6.1", "5.4.1000000000.1", "5.4.6.1000000000"],
)
def test_parse_rejects_ten_digits_in_any_part(text: str) -> None:
    with pytest.raises(ValueError, match="invalid server version") as caught:
        ServerVersion.parse(text)
    assert str(caught.value) == f"invalid server version {text!r}: {NOT_A_VERSION}"


@given(versions, versions)
@example(ServerVersion(5, 4, 6, 0), ServerVersion(5, 4, 6, 1))
@example(ServerVersion(5, 4, 6, 1), ServerVersion(5, 4, 7, 0))
@example(ServerVersion(5, 9, 0, 0), ServerVersion(5, 10, 0, 0))
@example(ServerVersion(4, 999, 999, 999), ServerVersion(5, 0, 0, 0))
@example(ServerVersion(5, 4, 6, 0), ServerVersion(5, 4, 6, 0))
def test_order_is_the_order_of_the_four_numbers(left: ServerVersion, right: ServerVersion) -> None:
    left_numbers = (left.major, left.minor, left.patch, left.build)
    right_numbers = (right.major, right.minor, right.patch, right.build)
    assert (left < right) == (left_numbers < right_numbers)
    assert (left <= right) == (left_numbers <= right_numbers)
    assert (left == right) == (left_numbers == right_numbers)
    if left == right:
        assert hash(left) == hash(right)


@given(versions)
def test_pickle_and_copy(version: ServerVersion) -> None:
    for clone in (pickle.loads(pickle.dumps(version)), copy.copy(version), copy.deepcopy(version)):
        assert clone == version
        assert type(clone) is ServerVersion


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_keeps_all_four_numbers(protocol: int) -> None:
    clone = pickle.loads(pickle.dumps(ServerVersion(5, 4, 6, 1), protocol))
    assert type(clone) is ServerVersion
    assert repr(clone) == "ServerVersion(5, 4, 6, 1)"


@pytest.mark.parametrize(
    ("text", "expected"),
    # A fifth part, or more, never reaches the version: the fourth piece ends at its digits.
    [("1.2.3.4.5", (1, 2, 3, 4)), ("1.2.3.45.6", (1, 2, 3, 45)), ("5.4.6.1-beta.2", (5, 4, 6, 1))],
)
def test_leading_version_reads_four_parts_at_most(text: str, expected: tuple[int, ...]) -> None:
    assert leading_version(text) == ServerVersion(*expected)
