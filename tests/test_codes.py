"""ResultCode's behaviour: lookups, predicates and what every Python prints."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cca_result_codes import Category, ResultCode, ServerVersion

ALL_CODES = list(ResultCode)


@pytest.mark.parametrize("member", ALL_CODES, ids=lambda member: member.name)
def test_str_and_format_give_the_number(member: ResultCode) -> None:
    number = int(member)
    assert str(member) == str(number)
    assert f"{member}" == str(number)
    assert format(member) == str(number)
    assert f"{member:>6}" == f"{number:>6}"
    assert f"{member:x}" == f"{number:x}"
    assert "%d" % member == str(number)  # noqa: UP031 -- printf style is what is tested


def test_repr_is_the_enum_form() -> None:
    assert repr(ResultCode.UnknownToken) == "<ResultCode.UnknownToken: 102>"
    assert repr(ResultCode.Success) == "<ResultCode.Success: 0>"


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trips_to_the_same_member(protocol: int) -> None:
    for member in ALL_CODES:
        assert pickle.loads(pickle.dumps(member, protocol)) is member


def test_copy_gives_the_same_member() -> None:
    for member in ALL_CODES:
        assert copy.copy(member) is member
        assert copy.deepcopy(member) is member


def test_members_are_ints() -> None:
    number: int = ResultCode.UnknownToken
    assert number == 102
    assert ResultCode.UnknownToken + 1 == 103
    assert isinstance(ResultCode.UnknownToken, int)
    assert {102: "x"}[ResultCode.UnknownToken] == "x"


def test_unknown_number_raises_value_error_as_every_int_enum() -> None:
    with pytest.raises(ValueError, match="127"):
        ResultCode(127)


def test_get_returns_default_for_unknown_numbers() -> None:
    assert ResultCode.get(127) is None
    assert ResultCode.get(127, ResultCode.UnknownError) is ResultCode.UnknownError
    assert ResultCode.get(102, ResultCode.UnknownError) is ResultCode.UnknownToken
    assert ResultCode.get(-1) is None


def test_success_is_falsy_so_predicates_exist() -> None:
    # Success == 0 is falsy: code must ask is_success, not truth.
    assert not ResultCode.Success
    assert ResultCode.Success.is_success
    assert not ResultCode.Success.is_error


@pytest.mark.parametrize("member", ALL_CODES, ids=lambda member: member.name)
def test_is_success_and_is_error_follow_the_category(member: ResultCode) -> None:
    expected_success = member.value in (0, 1, 2)
    assert member.is_success is expected_success
    assert member.is_error is not expected_success


def test_retryable_advice() -> None:
    retry = {member.name for member in ALL_CODES if member.retryable}
    for name in (
        "CcaTimeout",
        "CacheLoading",
        "NoCcaConnection",
        "LockTimeout",
        "ListenInBusy",
        "ManualDialBusy",
        "ObjectNotReady",
        "TaskReloadTemporaryBlocked",
    ):
        assert name in retry
    for name in (
        "UnknownToken",
        "AccessDenied",
        "InvalidArgs",
        "NoLicense",
        "ManualDialWrongNumber",
        "QuotaInvalidToken",
    ):
        assert name not in retry
    # Success is never something to retry.
    assert not any(member.retryable for member in ALL_CODES if member.is_success)


def test_available_in() -> None:
    assert ResultCode.UnknownToken.available_in(ServerVersion(5, 4, 6))
    assert ResultCode.UnknownToken.available_in("5.4.6.1")
    assert not ResultCode.UnknownToken.available_in("5.4.5")
    assert not ResultCode.ListUnknownField.available_in("5.4.6.9")
    assert ResultCode.ListUnknownField.available_in("5.4.7")
    assert not ResultCode.TooMuchData.available_in("5.4.7.99")
    assert ResultCode.TooMuchData.available_in("5.4.8")
    assert ResultCode.TooMuchData.available_in("6")


def test_available_in_rejects_bad_versions() -> None:
    with pytest.raises(ValueError, match=r"'5\.x'"):
        ResultCode.UnknownToken.available_in("5.x")
    with pytest.raises(TypeError, match="tuple"):
        ResultCode.UnknownToken.available_in((5, 4, 6))  # type: ignore[arg-type]  # wrong on purpose


@pytest.mark.parametrize(
    "text",
    [
        "UnknownToken",
        "unknowntoken",
        "UNKNOWN_TOKEN",
        "unknown_token",
        "Unknown-Token",
        "unknown token",
    ],
)
def test_from_name_spellings(text: str) -> None:
    assert ResultCode.from_name(text) is ResultCode.UnknownToken


def spellings_of(name: str) -> st.SearchStrategy[str]:
    """Every case of every letter, with underscores sprinkled between letters."""
    return st.lists(st.booleans(), min_size=len(name), max_size=len(name)).flatmap(
        lambda upper: st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
            lambda underscore: "".join(
                (char.upper() if up else char.lower()) + ("_" if score else "")
                for char, up, score in zip(name, upper, underscore, strict=True)
            )
        )
    )


@given(st.sampled_from(ALL_CODES).flatmap(lambda m: st.tuples(st.just(m), spellings_of(m.name))))
def test_from_name_ignores_case_and_underscores(pair: tuple[ResultCode, str]) -> None:
    member, text = pair
    assert ResultCode.from_name(text) is member


FOLDED_NAMES = {member.name.lower() for member in ALL_CODES}


@given(st.text())
def test_from_name_rejects_unknown_names_with_key_error_only(text: str) -> None:
    folded = text.lower().replace("_", "").replace("-", "").replace(" ", "")
    if folded in FOLDED_NAMES:
        assert ResultCode.from_name(text).name.lower() == folded
    else:
        with pytest.raises(KeyError, match="no result code named"):
            ResultCode.from_name(text)


def test_from_name_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="int"):
        ResultCode.from_name(102)  # type: ignore[arg-type]  # wrong on purpose


def test_folded_names_do_not_collide() -> None:
    assert len(FOLDED_NAMES) == len(ALL_CODES)


def test_category_members_of_result_codes() -> None:
    assert ResultCode.ListenInCallEnd.category is Category.LISTEN_IN
    assert ResultCode.CcaTimeout.category is Category.CCA_API
