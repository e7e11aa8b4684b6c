"""legacy: numbers from servers older than 5.4.6.

The expected mapping is built here from the vendor's rows (tests/vendor_table.py)
by the rule in docs/design.md, and the holes are written out; nothing is
computed with legacy itself.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import ResultCode, ServerVersion, legacy
from cca_result_codes.legacy import LegacyCodeError, to_current, to_legacy
from vendor_table import VendorRow, read_rows

VENDOR_ROWS = read_rows()
BASE = (5, 4, 6, 0)
# Old number -> today's name: a renumbered code by its old number; any other code
# of the base release by its own number, unless a renumbered code took that number.
RENUMBERED = {row.legacy_code: row.name for row in VENDOR_ROWS if row.legacy_code is not None}
TOOK_A_NEW_NUMBER = {row.code for row in VENDOR_ROWS if row.legacy_code is not None}
EXPECTED_CURRENT = RENUMBERED | {
    row.code: row.name
    for row in VENDOR_ROWS
    if row.legacy_code is None and row.code not in RENUMBERED and row.since == BASE
}
# Codes that first appeared after 5.4.6: no older server sent their numbers.
NEWER = {
    125: "NoReportingService",
    126: "TooMuchData",
    301: "ListUnknownField",
    302: "ListUnknownContact",
}
# Today's numbers of renumbered codes that no code had before 5.4.6.
HOLES = {2, 709, 809}
# The holes: which code took the number in 5.4.6, and what it was before.
HOLE_TAKERS = {
    2: ("SuccessListRunning", 3),
    709: ("ListenInPickUpTelephone", 710),
    809: ("QuotaLockFailed", 810),
}


def by_name(row: VendorRow) -> str:
    return row.name


def test_unified_in() -> None:
    assert tuple(legacy.UNIFIED_IN) == (5, 4, 6, 0)
    assert type(legacy.UNIFIED_IN) is ServerVersion


def test_the_holes_follow_from_the_vendor_rows() -> None:
    assert TOOK_A_NEW_NUMBER - set(RENUMBERED) == HOLES
    assert not HOLES & set(EXPECTED_CURRENT)


def test_the_renumbered_codes_written_out() -> None:
    assert RENUMBERED == {
        3: "SuccessListRunning",
        710: "ListenInPickUpTelephone",
        711: "ListenInNoActiveCallFound",
        712: "ListenInNoActiveConversationFound",
        713: "ListenInTapiError",
        714: "ListenInActiveConversationInConference",
        715: "ListenInCallEnd",
        810: "QuotaLockFailed",
        811: "QuotaAvailabilityGetFailed",
        812: "QuotaSetFaceAllocationForQuestionNotAllowed",
        813: "QuotaSetWebAllocationForQuestionNotAllowed",
    }


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
        (811, ResultCode.QuotaAvailabilityGetFailed),
        (812, ResultCode.QuotaSetFaceAllocationForQuestionNotAllowed),
        (813, ResultCode.QuotaSetWebAllocationForQuestionNotAllowed),
        (0, ResultCode.Success),
        (1, ResultCode.Pending),
        (102, ResultCode.UnknownToken),
        (708, ResultCode.ListenInNoAgentFound),
        (808, ResultCode.QuotaInvalidToken),
        (10002, ResultCode.CcaTimeout),
    ],
)
def test_to_current(old: int, current: ResultCode) -> None:
    assert to_current(old) is current


@pytest.mark.parametrize("old", sorted(EXPECTED_CURRENT))
def test_to_current_of_every_documented_old_number(old: int) -> None:
    assert to_current(old).name == EXPECTED_CURRENT[old]


@pytest.mark.parametrize("hole", sorted(HOLES))
def test_holes_raise_and_say_why(hole: int) -> None:
    taker, was = HOLE_TAKERS[hole]
    with pytest.raises(LegacyCodeError, match="no documented meaning") as caught:
        to_current(hole)
    assert str(caught.value) == (
        f"legacy code {hole} has no documented meaning: {taker} took number {hole} in"
        f" 5.4.6.0 (it was {was} before), and the vendor documents no code numbered"
        f" {hole} before then"
    )
    assert caught.value.number == hole
    assert caught.value.reason == str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("unknown", [127, -1, 4, 99, 716, 814, 1004, 5000, 10003, 10**30])
def test_unknown_numbers_raise(unknown: int) -> None:
    with pytest.raises(LegacyCodeError, match="is not a documented") as caught:
        to_current(unknown)
    assert str(caught.value) == f"legacy code {unknown} is not a documented result code"
    assert caught.value.number == unknown


@pytest.mark.parametrize(
    ("value", "type_name"),
    # True and 1.0 equal 1 and hash like it: without the check they would find Pending.
    [("711", "str"), (None, "NoneType"), (True, "bool"), (1.0, "float"), ([1], "list")],
)
def test_to_current_rejects_non_ints(value: object, type_name: str) -> None:
    with pytest.raises(TypeError, match=type_name) as caught:
        to_current(value)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == f"result codes are ints, not {type_name}"


@given(st.integers(min_value=-10, max_value=11_000))
@example(-1)
@example(0)
@example(2)
@example(3)
@example(4)
@example(708)
@example(709)
@example(715)
@example(716)
@example(808)
@example(809)
@example(813)
@example(814)
@example(10002)
@example(10003)
def test_to_current_maps_documented_numbers_and_raises_for_the_rest(old: int) -> None:
    if old in EXPECTED_CURRENT:
        assert to_current(old).name == EXPECTED_CURRENT[old]
    elif old in HOLES or old in NEWER:
        with pytest.raises(LegacyCodeError, match=f"legacy code {old} has no documented meaning"):
            to_current(old)
    else:
        with pytest.raises(LegacyCodeError, match=f"legacy code {old} is not a documented"):
            to_current(old)


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=by_name)
def test_to_legacy_of_every_vendor_row(row: VendorRow) -> None:
    member = ResultCode[row.name]
    if row.since == BASE:
        expected = row.code if row.legacy_code is None else row.legacy_code
        assert to_legacy(member) == expected
        assert to_legacy(row.code) == expected
        # ...and back again.
        assert to_current(expected).name == row.name
    else:
        with pytest.raises(LegacyCodeError, match="no legacy number"):
            to_legacy(member)


@pytest.mark.parametrize(
    ("current", "old"),
    [
        (ResultCode.SuccessListRunning, 3),
        (ResultCode.ListenInPickUpTelephone, 710),
        (ResultCode.QuotaSetWebAllocationForQuestionNotAllowed, 813),
        (ResultCode.UnknownToken, 102),
        (711, 712),
        (0, 0),
    ],
)
def test_to_legacy(current: int, old: int) -> None:
    assert to_legacy(current) == old


@pytest.mark.parametrize(
    ("newer", "message"),
    [
        (ResultCode.NoReportingService, "NoReportingService (125) first appeared in 5.4.8.0"),
        (ResultCode.TooMuchData, "TooMuchData (126) first appeared in 5.4.8.0"),
        (ResultCode.ListUnknownField, "ListUnknownField (301) first appeared in 5.4.7.0"),
        (302, "ListUnknownContact (302) first appeared in 5.4.7.0"),
    ],
)
def test_to_legacy_raises_for_codes_newer_than_the_unification(newer: int, message: str) -> None:
    with pytest.raises(LegacyCodeError, match="first appeared in") as caught:
        to_legacy(newer)
    assert str(caught.value) == f"{message}, after 5.4.6.0, so it has no legacy number"
    assert caught.value.number == newer


@pytest.mark.parametrize("unknown", [127, -1, 3, 10003])
def test_to_legacy_rejects_unknown_numbers(unknown: int) -> None:
    with pytest.raises(LegacyCodeError, match="is not a documented result code") as caught:
        to_legacy(unknown)
    assert str(caught.value) == f"{unknown} is not a documented result code"
    assert caught.value.number == unknown


@pytest.mark.parametrize(
    ("value", "type_name"), [(True, "bool"), (False, "bool"), ("711", "str"), (711.0, "float")]
)
def test_to_legacy_rejects_non_ints(value: object, type_name: str) -> None:
    with pytest.raises(TypeError, match=type_name) as caught:
        to_legacy(value)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == f"result codes are ints, not {type_name}"


def test_renumbered_and_unchanged_numbers_are_disjoint() -> None:
    unchanged = {row.code for row in VENDOR_ROWS if row.legacy_code is None}
    assert not set(RENUMBERED) & unchanged


def test_legacy_code_error_pickles_and_keeps_its_fields() -> None:
    with pytest.raises(LegacyCodeError) as caught:
        to_current(709)
    clone = pickle.loads(pickle.dumps(caught.value))
    assert type(clone) is LegacyCodeError
    assert (clone.number, clone.reason, str(clone)) == (709, caught.value.reason, str(caught.value))
    assert clone.args == (709, caught.value.reason)


def test_legacy_code_error_fields() -> None:
    error = LegacyCodeError(5, "five is not one")
    assert (error.number, error.reason, str(error), error.args) == (
        5,
        "five is not one",
        "five is not one",
        (5, "five is not one"),
    )


def test_to_current_refuses_a_member_as_already_current() -> None:
    # A member is an int, yet today's 710 read as an old number would be today's 709.
    with pytest.raises(TypeError) as caught:
        to_current(ResultCode.ListenInNoActiveCallFound)
    assert str(caught.value) == (
        "to_current() takes an old number as stored, not ResultCode.ListenInNoActiveCallFound:"
        " a ResultCode is already current, and translating it again would be a double"
        " translation"
    )


def test_to_current_takes_another_int_subclass_as_its_number() -> None:
    class Stored(int):
        pass

    assert to_current(Stored(711)) is ResultCode.ListenInNoActiveCallFound


@pytest.mark.parametrize(
    ("newer", "name", "since"),
    [
        (125, "NoReportingService", "5.4.8.0"),
        (126, "TooMuchData", "5.4.8.0"),
        (301, "ListUnknownField", "5.4.7.0"),
        (302, "ListUnknownContact", "5.4.7.0"),
    ],
)
def test_to_current_refuses_codes_newer_than_the_unification(
    newer: int, name: str, since: str
) -> None:
    with pytest.raises(LegacyCodeError) as caught:
        to_current(newer)
    assert str(caught.value) == (
        f"legacy code {newer} has no documented meaning: {name} first appeared after 5.4.6"
        f" (in {since}), so no server older than 5.4.6.0 sent it"
    )
    assert caught.value.number == newer


def test_a_plain_int_needs_no_type_check(monkeypatch: pytest.MonkeyPatch) -> None:
    # The check runs for what is not exactly an int; a plain int goes straight to the table.
    def not_called(_: object) -> None:
        raise AssertionError("a plain int is checked by its type alone")

    monkeypatch.setattr(legacy, "_require_int", not_called)
    assert to_current(711) is ResultCode.ListenInNoActiveCallFound
