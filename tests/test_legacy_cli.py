"""``cca-codes legacy`` with several numbers, and its answer for the codes newer than 5.4.6."""

from __future__ import annotations

import json

import pytest

from cca_result_codes.cli import main

LINE_712 = (
    "712 before 5.4.6 is 711 ListenInNoActiveConversationFound today: No active conversation\n"
)
LINE_711 = "711 before 5.4.6 is 710 ListenInNoActiveCallFound today: No active call for agent\n"
WHY_709 = (
    "cca-codes: legacy code 709 has no documented meaning: ListenInPickUpTelephone took number"
    " 709 in 5.4.6.0 (it was 710 before), and the vendor documents no code numbered 709 before"
    " then\n"
)
WHY_125 = (
    "cca-codes: legacy code 125 has no documented meaning: NoReportingService first appeared"
    " after 5.4.6 (in 5.4.8.0), so no server older than 5.4.6.0 sent it\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_several_numbers_answer_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "legacy", "712", "711") == (0, LINE_712 + LINE_711, "")


def test_a_number_without_translation_among_others(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "legacy", "709", "712") == (1, LINE_712, WHY_709)
    assert run(capsys, "legacy", "712", "125", "711") == (1, LINE_712 + LINE_711, WHY_125)


def test_a_newer_code_alone_has_no_legacy_meaning(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "legacy", "125") == (1, "", WHY_125)
    status, out, err = run(capsys, "legacy", "--json", "301")
    assert (status, out) == (1, "")
    assert err.startswith("cca-codes: legacy code 301 has no documented meaning: ListUnknownField")


def test_json_for_several_numbers_is_an_array(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "legacy", "--json", "712", "711")
    assert (status, err) == (0, "")
    answers = json.loads(out)
    assert [(answer["code"], answer["legacy_code"]) for answer in answers] == [
        (711, 712),
        (710, 711),
    ]
    status, out, err = run(capsys, "legacy", "--json", "709", "3")
    assert (status, err) == (1, WHY_709)
    answers = json.loads(out)
    assert answers[0] is None
    assert answers[1]["name"] == "SuccessListRunning"
    assert len(answers) == 2


def test_reverse_takes_several_codes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "legacy", "--reverse", "711", "TooMuchData", "ListenInCallEnd")
    assert status == 1
    assert out == LINE_712 + ("715 before 5.4.6 is 714 ListenInCallEnd today: End listen-in call\n")
    assert err == (
        "cca-codes: TooMuchData (126) first appeared in 5.4.8.0, after 5.4.6.0, so it has no"
        " legacy number\n"
    )


def test_a_usage_error_prints_no_half_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "legacy", "712", "abc") == (
        2,
        "",
        "cca-codes: the legacy number must be a whole number, not 'abc'\n",
    )
    status, out, _ = run(capsys, "legacy", "--reverse", "711", "NoSuchName")
    assert (status, out) == (1, "")
