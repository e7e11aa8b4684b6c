"""The table in codes.py against the vendor's page, row by row, and its invariants.

Expected values come from the vendor's page, read by tests/vendor_table.py, or
are written out here: the library's own words (notes, the descriptions of 1001
to 1003) in full, so that changing one is a visible change to this file.
"""

from __future__ import annotations

import pytest

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


# Everything the library wrote itself, in full: a change here is a visible test change.
WRITTEN_BY_LIBRARY = "The vendor gives no description; this library wrote one from the name."
LIBRARY_DESCRIPTIONS = {
    "JobInitFailed": "Job initialisation failed",
    "JobDone": "Job done",
    "JobFailed": "Job failed",
}
NOTES = {
    "AlreadyLoggedIn": (
        'The vendor\'s table adds the editorial note "[-> TO SESSION ?]" to this description.'
    ),
    "TaskNoDefaultWorkingDir": (
        "Likely a copy slip in the vendor's table: the name speaks of a missing default"
        " working directory, and the text repeats 202 SurveyUnknownQuestion."
    ),
    "UpdateFailedNameAlreadyUsed": (
        'The vendor\'s table adds the editorial note "[AlreadyExists]" to this description,'
        " likely pointing at 109 AlreadyExists."
    ),
    "ListenInActiveConversationInConference": (
        "Likely a copy slip in the vendor's table: the name speaks of an active conversation"
        " in a conference, and the text repeats 711 ListenInNoActiveConversationFound."
    ),
    "JobInitFailed": WRITTEN_BY_LIBRARY,
    "JobDone": WRITTEN_BY_LIBRARY,
    "JobFailed": WRITTEN_BY_LIBRARY,
}


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=lambda row: row.name)
def test_member_matches_its_vendor_row(row: VendorRow) -> None:
    member = ResultCode[row.name]
    assert member.value == row.code
    assert member.category.label == row.label
    assert tuple(member.since) == row.since
    assert member.legacy_code == row.legacy_code
    # The vendor's words where it gave any; the library's, pinned above, where it gave none.
    assert member.description == (row.description or LIBRARY_DESCRIPTIONS[row.name])
    assert member.note == NOTES.get(row.name, "")
    if row.editorial_note:
        assert row.editorial_note in member.note


def test_the_vendor_left_exactly_1001_to_1003_without_a_description() -> None:
    assert [(row.code, row.name) for row in VENDOR_ROWS if not row.description] == [
        (1001, "JobInitFailed"),
        (1002, "JobDone"),
        (1003, "JobFailed"),
    ]


def test_library_descriptions_written_out() -> None:
    assert ResultCode.JobInitFailed.description == "Job initialisation failed"
    assert ResultCode.JobDone.description == "Job done"
    assert ResultCode.JobFailed.description == "Job failed"


def test_editorial_notes_are_where_the_vendor_put_them() -> None:
    assert {row.name: row.editorial_note for row in VENDOR_ROWS if row.editorial_note} == {
        "AlreadyLoggedIn": "[-> TO SESSION ?]",
        "UpdateFailedNameAlreadyUsed": "[AlreadyExists]",
    }


def test_every_vendor_label_is_a_category_in_vendor_order() -> None:
    assert tuple(category.label for category in Category) == LABELS


def test_vendor_codes_are_unique() -> None:
    assert len({row.code for row in VENDOR_ROWS}) == len(VENDOR_ROWS)


# The block of numbers under each vendor label, written out.
BLOCK_STARTS = {
    "success": 0,
    "general errors": 100,
    "task errors": 200,
    "list errors": 300,
    "reporting errors": 400,
    "locking errors": 500,
    "update failed": 600,
    "listen-in errors": 700,
    "quota errors": 800,
    "manual dial errors": 900,
    "Recording Management Service errors": 1000,
    "CcaAPI-specific errors": 10000,
}


@pytest.mark.parametrize("row", VENDOR_ROWS, ids=lambda row: row.name)
def test_every_code_lies_in_its_categorys_block(row: VendorRow) -> None:
    first = BLOCK_STARTS[row.label]
    assert first <= row.code <= first + 99
    assert ResultCode[row.name].category.codes == range(first, first + 100)


def test_legacy_numbers_are_unique_and_stay_in_their_block() -> None:
    legacy = [row for row in VENDOR_ROWS if row.legacy_code is not None]
    assert len({row.legacy_code for row in legacy}) == len(legacy) == 11
    kept_their_number = {row.code for row in VENDOR_ROWS if row.legacy_code is None}
    for row in legacy:
        assert row.legacy_code is not None
        first = BLOCK_STARTS[row.label]
        assert first <= row.legacy_code <= first + 99
        # A legacy number never names a code that kept its number.
        assert row.legacy_code not in kept_their_number


def test_since_is_one_of_the_three_documented_releases() -> None:
    assert {row.since for row in VENDOR_ROWS} == {(5, 4, 6, 0), (5, 4, 7, 0), (5, 4, 8, 0)}
    assert {tuple(member.since) for member in ResultCode} == {
        (5, 4, 6, 0),
        (5, 4, 7, 0),
        (5, 4, 8, 0),
    }
    assert all(type(member.since) is ServerVersion for member in ResultCode)


def test_renumbered_codes_are_in_the_base_release() -> None:
    for row in VENDOR_ROWS:
        if row.legacy_code is not None:
            assert row.since == (5, 4, 6, 0)


def test_notes_exist_exactly_where_design_asks() -> None:
    noted = {member.name for member in ALL_CODES if member.note}
    assert noted == set(NOTES)


def test_copy_slips_keep_the_vendor_text_and_explain_it() -> None:
    assert ResultCode.TaskNoDefaultWorkingDir.description == "Unknown question"
    assert ResultCode.SurveyUnknownQuestion.description == "Unknown question"
    assert ResultCode.ListenInActiveConversationInConference.description == "No active conversation"
    assert ResultCode.ListenInNoActiveConversationFound.description == "No active conversation"


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
    assert str(member.since) == since + ".0"
    assert member.legacy_code is None


def test_legacy_and_version_rows_of_the_spot_checks_are_all_of_them() -> None:
    assert len([row for row in VENDOR_ROWS if row.legacy_code is not None]) == 11
    assert len([row for row in VENDOR_ROWS if row.since != (5, 4, 6, 0)]) == 4


def test_every_vendor_row_is_a_member_of_its_own() -> None:
    # An Enum makes a second name for a number an alias, which __members__ lists and
    # iteration skips; the table has none.
    assert len(ResultCode.__members__) == len(list(ResultCode)) == len(VENDOR_ROWS) == 107
