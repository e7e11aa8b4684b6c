"""legacy: numbers from servers older than 5.4.6."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cca_result_codes import ResultCode, ServerVersion, legacy
from cca_result_codes.legacy import LegacyCodeError, to_current, to_legacy
from vendor_table import read_rows

VENDOR_LEGACY_NUMBERS = {row.legacy_code for row in read_rows() if row.legacy_code is not None}
WITH_LEGACY_NUMBER = [member for member in ResultCode if member.since <= legacy.UNIFIED_IN]


def test_unified_in() -> None:
    assert ServerVersion(5, 4, 6, 0) == legacy.UNIFIED_IN


@pytest.mark.parametrize(
    ("old", "current"),
    [
        (3, ResultCode.SuccessListRunning),
        (710, ResultCode.ListenInPickUpTelephone),
        (711, ResultCode.ListenInNoActiveCallFound),
        (712, ResultCode.ListenInNoActiveConversationFound),
        (713, ResultCode.ListenInTapiError),
        (714, ResultCode.ListenInActiveConversationInConference),
        (715, ResultCode.ListenInCallEnd),
        (810, ResultCode.QuotaLockFailed),
        (813, ResultCode.QuotaSetWebAllocationForQuestionNotAllowed),
        (0, ResultCode.Success),
        (102, ResultCode.UnknownToken),
        (708, ResultCode.ListenInNoAgentFound),
    ],
)
def test_to_current(old: int, current: ResultCode) -> None:
    assert to_current(old) is current


@pytest.mark.parametrize("hole", [2, 709, 809])
def test_holes_raise_and_say_why(hole: int) -> None:
    with pytest.raises(
        LegacyCodeError, match=f"legacy code {hole} has no documented meaning"
    ) as caught:
        to_current(hole)
    assert caught.value.number == hole
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("unknown", [127, -1, 5000, 716, 10**30])
def test_unknown_numbers_raise(unknown: int) -> None:
    with pytest.raises(LegacyCodeError, match=f"legacy code {unknown} is not a documented"):
        to_current(unknown)


def test_to_current_rejects_non_ints() -> None:
    with pytest.raises(TypeError, match="str"):
        to_current("711")  # type: ignore[arg-type]  # wrong on purpose


@pytest.mark.parametrize(
    ("current", "old"),
    [
        (ResultCode.SuccessListRunning, 3),
        (ResultCode.ListenInPickUpTelephone, 710),
        (ResultCode.QuotaSetWebAllocationForQuestionNotAllowed, 813),
        (ResultCode.UnknownToken, 102),
        (711, 712),
    ],
)
def test_to_legacy(current: int, old: int) -> None:
    assert to_legacy(current) == old


@pytest.mark.parametrize(
    "newer",
    [ResultCode.NoReportingService, ResultCode.TooMuchData, ResultCode.ListUnknownField, 302],
)
def test_to_legacy_raises_for_codes_newer_than_the_unification(newer: int) -> None:
    with pytest.raises(LegacyCodeError, match=r"first appeared in 5\.4\.[78]"):
        to_legacy(newer)


def test_to_legacy_rejects_unknown_and_non_ints() -> None:
    with pytest.raises(LegacyCodeError, match="127 is not a documented result code") as caught:
        to_legacy(127)
    assert caught.value.number == 127
    with pytest.raises(LegacyCodeError) as caught:
        to_legacy(ResultCode.TooMuchData)
    assert caught.value.number == ResultCode.TooMuchData
    with pytest.raises(TypeError, match="bool"):
        to_legacy(True)


@given(st.sampled_from(WITH_LEGACY_NUMBER))
def test_round_trip(member: ResultCode) -> None:
    assert to_current(to_legacy(member)) is member


@given(st.integers(min_value=-10, max_value=11_000))
def test_to_current_either_maps_or_raises_legacy_code_error(old: int) -> None:
    if ResultCode.get(old) is None and old not in {
        3,
        710,
        711,
        712,
        713,
        714,
        715,
        810,
        811,
        812,
        813,
    }:
        with pytest.raises(LegacyCodeError, match=f"legacy code {old} is not a documented"):
            to_current(old)
    elif old in (2, 709, 809):
        with pytest.raises(LegacyCodeError, match="no documented meaning"):
            to_current(old)
    elif to_current(old).since <= legacy.UNIFIED_IN:
        assert to_legacy(to_current(old)) == old
    else:
        # DESIGN.md: a number no code had before 5.4.6 maps to itself.
        assert to_current(old) == old


def test_codes_newer_than_the_unification_map_to_themselves() -> None:
    assert to_current(301) is ResultCode.ListUnknownField
    assert to_current(126) is ResultCode.TooMuchData


def test_renumbered_and_unchanged_numbers_are_disjoint() -> None:
    legacy_numbers = {member.legacy_code for member in ResultCode if member.legacy_code is not None}
    unchanged = {member.value for member in ResultCode if member.legacy_code is None}
    assert not legacy_numbers & unchanged


def test_legacy_code_error_pickles_and_keeps_its_fields() -> None:
    import pickle

    with pytest.raises(LegacyCodeError) as caught:
        to_current(709)
    clone = pickle.loads(pickle.dumps(caught.value))
    assert (clone.number, clone.reason, str(clone)) == (709, caught.value.reason, str(caught.value))
    assert clone.args == (709, caught.value.reason)
