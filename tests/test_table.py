"""The table in codes.py against the vendor's page, row by row, and its invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cca_result_codes import Category, ResultCode, ServerVersion
from vendor_table import LABELS, VendorRow, read_rows

VENDOR_ROWS = read_rows()
ALL_CODES = list(ResultCode)


def test_the_vendor_page_has_107_rows_and_so_does_the_enum() -> None:
    assert len(VENDOR_ROWS) == 107
    assert len(ALL_CODES) == 107


def test_names_and_numbers_follow_the_vendor_in_order() -> None:
    assert [(row.name, row.code) for row in VENDOR_ROWS] == [
        (member.name, member.value) for member in ALL_CODES
    ]


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=lambda row: row.name)
def test_member_matches_its_vendor_row(row: VendorRow) -> None:
    member = ResultCode[row.name]
    assert member == row.code
    assert member.category.label == row.label
    assert member.since == ServerVersion(*row.since)
    assert member.legacy_code == row.legacy_code
    if row.description:
        assert member.description == row.description
    else:
        # The vendor left it empty; the library's own text must say so.
        assert member.description
        assert "this library wrote" in member.note
    if row.editorial_note:
        assert row.editorial_note in member.note


def test_every_vendor_label_is_a_category_in_vendor_order() -> None:
    assert tuple(category.label for category in Category) == LABELS


def test_values_are_unique() -> None:
    assert len({int(member) for member in ALL_CODES}) == len(ALL_CODES)


def test_every_value_lies_in_its_categorys_block() -> None:
    for member in ALL_CODES:
        assert member.value in member.category.codes, member


def test_legacy_numbers_are_unique_and_stay_in_their_category() -> None:
    legacy = [member.legacy_code for member in ALL_CODES if member.legacy_code is not None]
    assert len(legacy) == len(set(legacy))
    for member in ALL_CODES:
        if member.legacy_code is not None:
            assert Category.of(member.legacy_code) is member.category
            # A legacy number never names a code that kept its number.
            kept = ResultCode.get(member.legacy_code)
            assert kept is None or kept.legacy_code is not None


def test_since_is_one_of_the_three_documented_releases() -> None:
    allowed = {ServerVersion(5, 4, 6), ServerVersion(5, 4, 7), ServerVersion(5, 4, 8)}
    assert {member.since for member in ALL_CODES} == allowed


def test_renumbered_codes_are_in_the_base_release() -> None:
    for member in ALL_CODES:
        if member.legacy_code is not None:
            assert member.since == ServerVersion(5, 4, 6)


def test_notes_exist_exactly_where_design_asks() -> None:
    noted = {member.name for member in ALL_CODES if member.note}
    assert noted == {
        "AlreadyLoggedIn",
        "UpdateFailedNameAlreadyUsed",
        "TaskNoDefaultWorkingDir",
        "ListenInActiveConversationInConference",
        "JobInitFailed",
        "JobDone",
        "JobFailed",
    }


def test_copy_slips_keep_the_vendor_text_and_explain_it() -> None:
    assert ResultCode.TaskNoDefaultWorkingDir.description == "Unknown question"
    assert "slip" in ResultCode.TaskNoDefaultWorkingDir.note
    assert ResultCode.ListenInActiveConversationInConference.description == "No active conversation"
    assert "slip" in ResultCode.ListenInActiveConversationInConference.note


def test_editorial_notes_are_moved_out_of_descriptions() -> None:
    for member in ALL_CODES:
        assert "[" not in member.description, member


def test_no_description_has_stray_whitespace() -> None:
    for member in ALL_CODES:
        assert member.description == member.description.strip()
        assert "\u00a0" not in member.description + member.note


@pytest.mark.parametrize(
    ("number", "name", "description", "label"),
    [
        (0, "Success", "No error", "success"),
        (102, "UnknownToken", "Unknown token", "general errors"),
        (
            201,
            "TaskReloadTemporaryBlocked",
            "Temporarily blocked (to prevent hammering)",
            "task errors",
        ),
        (300, "ListTargetNotCompatible", "task/project isn't compatible with list", "list errors"),
        (408, "ReportEngineError", "Error returned by CRPE/SSRS report engine", "reporting errors"),
        (502, "AlreadyLocked", "Already locked (on lock request)", "locking errors"),
        (604, "UpdateFailedDIDAlreadyUsed", "DID already used", "update failed"),
        (711, "ListenInNoActiveConversationFound", "No active conversation", "listen-in errors"),
        (801, "QuotaNotReceived", "Quota no quota received", "quota errors"),
        (
            913,
            "ManualDialMaxNumberOfCallsExceeded",
            "Maximum number of calls exceeded",
            "manual dial errors",
        ),
        (1003, "JobFailed", "Job failed", "Recording Management Service errors"),
        (10001, "CacheLoading", "CcaAPI cache isn't available yet", "CcaAPI-specific errors"),
    ],
)
def test_spot_check_one_row_of_every_category(
    number: int, name: str, description: str, label: str
) -> None:
    member = ResultCode(number)
    assert member.name == name
    assert member.description == description
    assert member.category.label == label


@pytest.mark.parametrize(
    ("name", "legacy_code"),
    [
        ("SuccessListRunning", 3),
        ("ListenInPickUpTelephone", 710),
        ("ListenInNoActiveCallFound", 711),
        ("ListenInNoActiveConversationFound", 712),
        ("ListenInTapiError", 713),
        ("ListenInActiveConversationInConference", 714),
        ("ListenInCallEnd", 715),
        ("QuotaLockFailed", 810),
        ("QuotaAvailabilityGetFailed", 811),
        ("QuotaSetFaceAllocationForQuestionNotAllowed", 812),
        ("QuotaSetWebAllocationForQuestionNotAllowed", 813),
    ],
)
def test_spot_check_every_legacy_row(name: str, legacy_code: int) -> None:
    assert ResultCode[name].legacy_code == legacy_code


@pytest.mark.parametrize(
    ("name", "since"),
    [
        ("NoReportingService", "5.4.8"),
        ("TooMuchData", "5.4.8"),
        ("ListUnknownField", "5.4.7"),
        ("ListUnknownContact", "5.4.7"),
    ],
)
def test_spot_check_every_version_row(name: str, since: str) -> None:
    member = ResultCode[name]
    assert member.since == ServerVersion.parse(since)
    assert member.legacy_code is None


def test_legacy_rows_of_the_spot_check_are_all_of_them() -> None:
    renumbered = [member for member in ALL_CODES if member.legacy_code is not None]
    assert len(renumbered) == 11


@given(st.integers())
def test_category_of_agrees_with_every_member(number: int) -> None:
    member = ResultCode.get(number)
    found = Category.of(number)
    if member is not None:
        assert found is member.category
    if found is not None:
        assert number in found.codes
    else:
        assert all(number not in category.codes for category in Category)


@given(st.sampled_from(ALL_CODES))
def test_lookups_agree(member: ResultCode) -> None:
    assert ResultCode(member.value) is member
    assert ResultCode[member.name] is member
    assert ResultCode.get(member.value) is member
    assert ResultCode.from_name(member.name) is member
