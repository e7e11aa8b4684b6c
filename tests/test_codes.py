"""ResultCode's behaviour: lookups, predicates and what every Python prints.

Expected values are written out here or read from the vendor's page by
tests/vendor_table.py; none is computed with ResultCode itself.
"""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import Category, ResultCode, ServerVersion
from pinned import RETRYABLE_NAMES
from vendor_table import VendorRow, read_rows

VENDOR_ROWS = read_rows()
VENDOR_NAMES = [row.name for row in VENDOR_ROWS]
VENDOR_CODES = {row.code for row in VENDOR_ROWS}


def by_name(row: VendorRow) -> str:
    return row.name


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=by_name)
def test_str_and_format_give_the_number(row: VendorRow) -> None:
    member = ResultCode[row.name]
    assert str(member) == str(row.code)
    assert f"{member}" == str(row.code)
    assert format(member) == str(row.code)
    assert f"{member:>6}" == f"{row.code:>6}"
    assert f"{member:x}" == f"{row.code:x}"
    assert "%d" % member == str(row.code)  # noqa: UP031 -- printf style is what is tested


def test_str_and_format_written_out() -> None:
    assert str(ResultCode.UnknownToken) == "102"
    assert f"{ResultCode.Success}" == "0"
    assert f"{ResultCode.CcaTimeout:>7}" == "  10002"
    assert f"{ResultCode.ListenInCallEnd:05d}" == "00714"
    assert f"{ResultCode.UnknownToken:x}" == "66"
    assert f"{ResultCode.UnknownToken!r}" == "<ResultCode.UnknownToken: 102>"


def test_repr_is_the_enum_form() -> None:
    assert repr(ResultCode.UnknownToken) == "<ResultCode.UnknownToken: 102>"
    assert repr(ResultCode.Success) == "<ResultCode.Success: 0>"
    assert repr(ResultCode.CcaTimeout) == "<ResultCode.CcaTimeout: 10002>"


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trips_to_the_same_member(protocol: int) -> None:
    for member in ResultCode:
        assert pickle.loads(pickle.dumps(member, protocol)) is member


def test_copy_gives_the_same_member() -> None:
    for member in ResultCode:
        assert copy.copy(member) is member
        assert copy.deepcopy(member) is member


def test_members_are_ints() -> None:
    number: int = ResultCode.UnknownToken
    assert number == 102
    assert ResultCode.UnknownToken + 1 == 103
    assert isinstance(ResultCode.UnknownToken, int)
    assert {102: "x"}[ResultCode.UnknownToken] == "x"
    assert hash(ResultCode.UnknownToken) == hash(102)


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=by_name)
def test_every_lookup_finds_the_vendor_row(row: VendorRow) -> None:
    member = ResultCode(row.code)
    assert member.name == row.name
    assert member.value == row.code
    assert ResultCode[row.name] is member
    assert ResultCode.get(row.code) is member
    assert ResultCode.get(row.code, "default") is member
    assert ResultCode.from_name(row.name) is member


@pytest.mark.parametrize("number", [127, -1, 3, 199, 1004, 5000, 10003, 10**30])
def test_unknown_number_raises_value_error_as_every_int_enum(number: int) -> None:
    assert number not in VENDOR_CODES
    with pytest.raises(ValueError, match=f"{number} is not a valid ResultCode"):
        ResultCode(number)


@pytest.mark.parametrize("number", [127, -1, 3, 199, 1004, 5000, 10003, 10**30])
def test_get_returns_default_for_unknown_numbers(number: int) -> None:
    assert ResultCode.get(number) is None
    assert ResultCode.get(number, ResultCode.UnknownError) is ResultCode.UnknownError
    assert ResultCode.get(number, "none") == "none"


def test_get_with_a_default_still_finds_known_numbers() -> None:
    assert ResultCode.get(102, ResultCode.UnknownError) is ResultCode.UnknownToken
    assert ResultCode.get(0, ResultCode.UnknownError) is ResultCode.Success


def test_success_is_falsy_so_predicates_exist() -> None:
    # Success == 0 is falsy: code must ask is_success, not truth.
    assert not ResultCode.Success
    assert ResultCode.Success.is_success
    assert not ResultCode.Success.is_error


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=by_name)
def test_is_success_and_is_error_follow_the_vendor_category(row: VendorRow) -> None:
    member = ResultCode[row.name]
    assert member.is_success is (row.label == "success")
    assert member.is_error is (row.label != "success")


def test_the_success_codes_written_out() -> None:
    assert {member.name for member in ResultCode if member.is_success} == {
        "Success",
        "Pending",
        "SuccessListRunning",
    }


def test_retryable_codes_written_out() -> None:
    assert len(RETRYABLE_NAMES) == 30
    assert {member.name for member in ResultCode if member.retryable} == RETRYABLE_NAMES


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=by_name)
def test_retryable_advice_of_every_code(row: VendorRow) -> None:
    assert ResultCode[row.name].retryable is (row.name in RETRYABLE_NAMES)


def test_no_success_code_is_retryable() -> None:
    success = {row.name for row in VENDOR_ROWS if row.label == "success"}
    assert not success & RETRYABLE_NAMES
    assert RETRYABLE_NAMES.issubset(VENDOR_NAMES)


def since_edges(row: VendorRow) -> tuple[str, str]:
    """The last version without *row*'s code and the first with it, as text."""
    major, minor, patch, _ = row.since
    return f"{major}.{minor}.{patch - 1}.999999999", f"{major}.{minor}.{patch}"


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=by_name)
def test_available_in_from_the_vendors_first_version_on(row: VendorRow) -> None:
    member = ResultCode[row.name]
    before, first = since_edges(row)
    assert member.available_in(first)
    assert member.available_in(ServerVersion.parse(first))
    assert member.available_in(first + ".1")
    assert member.available_in("6")
    assert not member.available_in(before)
    assert not member.available_in(ServerVersion.parse(before))
    assert not member.available_in("5.4.5")


def test_available_in_written_out() -> None:
    assert ResultCode.UnknownToken.available_in(ServerVersion(5, 4, 6))
    assert ResultCode.UnknownToken.available_in("5.4.6.1")
    assert not ResultCode.UnknownToken.available_in("5.4.5.999999999")
    assert not ResultCode.ListUnknownField.available_in("5.4.6.9")
    assert ResultCode.ListUnknownField.available_in("5.4.7")
    assert not ResultCode.TooMuchData.available_in("5.4.7.99")
    assert ResultCode.TooMuchData.available_in("5.4.8")
    assert ResultCode.TooMuchData.available_in(ServerVersion(5, 4, 8, 0))
    assert ResultCode.TooMuchData.available_in("6")


def test_available_in_rejects_bad_versions() -> None:
    with pytest.raises(ValueError, match=r"'5\.x'") as caught:
        ResultCode.UnknownToken.available_in("5.x")
    assert str(caught.value) == (
        "invalid server version '5.x': expected up to four dot-separated"
        " non-negative integers, such as 5.4.6.1"
    )


@pytest.mark.parametrize(
    ("version", "type_name"), [((5, 4, 6), "tuple"), (None, "NoneType"), (546, "int")]
)
def test_available_in_names_its_argument_in_a_type_error(version: object, type_name: str) -> None:
    with pytest.raises(TypeError, match=type_name) as caught:
        ResultCode.UnknownToken.available_in(version)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == (
        f"available_in()'s version must be a ServerVersion or str, not {type_name}"
    )


@pytest.mark.parametrize(
    "text",
    [
        "UnknownToken",
        "unknowntoken",
        "UNKNOWNTOKEN",
        "UNKNOWN_TOKEN",
        "unknown_token",
        "Unknown-Token",
        "unknown token",
        "  unknown token  ",
        "_unknown__token_",
        "U-n_k n-o_w n-T o_k e-n",
    ],
)
def test_from_name_spellings(text: str) -> None:
    assert ResultCode.from_name(text) is ResultCode.UnknownToken


@pytest.mark.parametrize("name", VENDOR_NAMES)
def test_from_name_finds_every_vendor_name_in_every_case(name: str) -> None:
    for text in (name, name.lower(), name.upper(), name.swapcase(), "_".join(name)):
        assert ResultCode.from_name(text).name == name


# Three bits per letter choose what follows it: mostly nothing, else a separator.
SEPARATORS = ("", "", "", "", "_", "-", " ", "__")


def respelled(name: str, upper_mask: int, separator_mask: int) -> str:
    """*name* with each letter's case set by a bit of *upper_mask*, and separators after
    letters as three bits of *separator_mask* choose."""
    return "".join(
        (char.upper() if upper_mask >> index & 1 else char.lower())
        + SEPARATORS[separator_mask >> (3 * index) & 7]
        for index, char in enumerate(name)
    )


def test_respelled_spells_as_its_masks_say() -> None:
    assert respelled("AbC", 0, 0) == "abc"
    assert respelled("AbC", 0b111, 0) == "ABC"
    assert respelled("AbC", 0b010, 0b110_101_100) == "a_B-c "


@given(
    st.sampled_from(VENDOR_NAMES),
    st.integers(min_value=0, max_value=2**64 - 1),
    st.integers(min_value=0, max_value=2**132 - 1),
)
@example("SuccessListRunning", 0, 0)
@example("QuotaSetFaceAllocationForQuestionNotAllowed", 2**64 - 1, 2**132 - 1)
def test_from_name_ignores_case_and_separators(
    name: str, upper_mask: int, separator_mask: int
) -> None:
    assert ResultCode.from_name(respelled(name, upper_mask, separator_mask)).name == name


def fold(text: str) -> str:
    return text.lower().replace("_", "").replace("-", "").replace(" ", "")


FOLDED_VENDOR_NAMES = {fold(name): name for name in VENDOR_NAMES}


@given(st.one_of(st.text(), st.sampled_from(VENDOR_NAMES).map(lambda name: name[:-1])))
@example("")
@example("Unknown")
@example("UnknownTokens")
@example("UnknownToken.")
@example("Unknown\u00a0Token")
@example("unknowntoken\t")
def test_from_name_rejects_unknown_names_with_key_error_only(text: str) -> None:
    if fold(text) in FOLDED_VENDOR_NAMES:
        assert ResultCode.from_name(text).name == FOLDED_VENDOR_NAMES[fold(text)]
    else:
        with pytest.raises(KeyError) as caught:
            ResultCode.from_name(text)
        assert caught.value.args == (f"no result code named {text!r}",)


def test_from_name_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="int") as caught:
        ResultCode.from_name(102)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == "ResultCode.from_name() needs a str, not int"


def test_folded_vendor_names_do_not_collide() -> None:
    assert len(FOLDED_VENDOR_NAMES) == len(VENDOR_NAMES) == 107


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=by_name)
def test_category_of_every_code_is_the_vendors(row: VendorRow) -> None:
    assert ResultCode[row.name].category.label == row.label


def test_category_members_of_result_codes_written_out() -> None:
    assert ResultCode.ListenInCallEnd.category.name == "LISTEN_IN"
    assert ResultCode.CcaTimeout.category.name == "CCA_API"
    assert ResultCode.Success.category.name == "SUCCESS"
    assert ResultCode.JobFailed.category.name == "RECORDING"


def test_the_name_index_is_built_once_on_the_first_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    from cca_result_codes import _names
    from cca_result_codes import codes as codes_module

    folded: list[str] = []
    real_fold = _names.fold_name

    def counting_fold(text: str) -> str:
        folded.append(text)
        return real_fold(text)

    monkeypatch.setattr(_names, "fold_name", counting_fold)
    monkeypatch.setattr(codes_module, "_member_by_folded_name", None)
    assert ResultCode.from_name("unknown_token") is ResultCode.UnknownToken
    assert len(folded) == 1 + 107  # the text, then every name once
    assert ResultCode.from_name("CCA-timeout") is ResultCode.CcaTimeout
    assert folded[-1] == "CCA-timeout"
    assert len(folded) == 1 + 107 + 1


@pytest.mark.parametrize(
    ("name", "since"),
    [("Success", (5, 4, 6, 0)), ("ListUnknownField", (5, 4, 7, 0)), ("TooMuchData", (5, 4, 8, 0))],
)
def test_since_is_made_on_first_read_and_kept_on_the_member(
    name: str, since: tuple[int, int, int, int]
) -> None:
    code = ResultCode[name]
    vars(code).pop("since", None)
    assert code.since == ServerVersion(*since)
    assert type(code.since) is ServerVersion
    assert vars(code)["since"] is code.since  # read back from the member itself
    assert ResultCode.since is vars(ResultCode)["since"]


def test_the_first_read_descriptor_finds_once_and_keeps_the_value_under_its_name() -> None:
    found: list[ResultCode] = []

    def find(member: ResultCode) -> object:
        found.append(member)
        return "found"

    from cca_result_codes.codes import _OnFirstRead  # pyright: ignore[reportPrivateUsage]

    descriptor = _OnFirstRead(find)
    descriptor.__set_name__(ResultCode, "probe")
    member = ResultCode.JobDone
    try:
        assert descriptor.__get__(member) == "found"
        assert vars(member)["probe"] == "found"
        assert found == [ResultCode.JobDone]
        assert descriptor.__get__(None, ResultCode) is descriptor
    finally:
        vars(member).pop("probe", None)


def test_a_category_is_found_on_first_read_and_kept_on_the_member() -> None:
    code = ResultCode.ListenInBusy
    vars(code).pop("category", None)
    assert code.category is Category.LISTEN_IN
    assert vars(code)["category"] is Category.LISTEN_IN
    assert code.category is Category.LISTEN_IN  # read back from the member itself
    # On the class itself it is the descriptor, as a property would be.
    assert ResultCode.category is vars(ResultCode)["category"]
