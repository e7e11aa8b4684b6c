"""The cca-codes command: answers, exit statuses and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cca_result_codes import ResultCode, __version__
from cca_result_codes.cli import main
from cca_result_codes.versions import UNIFIED_IN
from vendor_table import SPEC_DIR

EXAMPLE = SPEC_DIR / "envelope-example.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert err.count("\n") == 1
    assert err.startswith("cca-codes: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


@pytest.mark.parametrize(
    "argv",
    [
        ["102"],
        ["UnknownToken"],
        ["unknown_token"],
        ["unknown-token"],
        ["show", "102"],
        ["show", "UNKNOWNTOKEN"],
    ],
)
def test_show_by_number_or_name(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "102 UnknownToken",
        "  Description: Unknown token",
        "  Category:    general errors (100-199)",
        "  Since:       5.4.6",
        "  Legacy code: 102 (unchanged by 5.4.6)",
        "  Retryable:   no (this library's advice)",
    ]


def test_show_renumbered_new_and_noted_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert "Legacy code: 712 before 5.4.6" in run(capsys, "711")[1]
    out = run(capsys, "TooMuchData")[1]
    assert "Legacy code: none (new in 5.4.8)" in out
    assert "Since:       5.4.8" in out
    out = run(capsys, "713")[1]
    assert "Note:        Likely a copy slip" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "Retryable:   yes" in run(capsys, "CcaTimeout")[1]


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "711", "--json")
    assert status == 0
    assert json.loads(out) == {
        "code": 711,
        "name": "ListenInNoActiveConversationFound",
        "description": "No active conversation",
        "note": "",
        "category": "LISTEN_IN",
        "category_label": "listen-in errors",
        "since": "5.4.6",
        "legacy_code": 712,
        "retryable": False,
        "is_success": False,
    }


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["127"], ["127 is not a documented result code (its block is general errors)"]),
        (["5000"], ["5000 is not a documented result code"]),
        (["-5"], ["-5 is not a documented result code"]),
        (["9" * 5000], ["is not a documented result code"]),
        (["UnknownTokn"], ["no result code named 'UnknownTokn'", "did you mean UnknownToken"]),
        (["zzzz"], ["no result code named 'zzzz'"]),
        (["search", "no such words"], ["no code mentions 'no such words'"]),
        (["legacy", "709"], ["legacy code 709 has no documented meaning"]),
        (["legacy", "2"], ["legacy code 2 has no documented meaning"]),
        (["legacy", "127"], ["legacy code 127 is not a documented result code"]),
        (["legacy", "--reverse", "TooMuchData"], ["first appeared in 5.4.8"]),
        (["legacy", "--reverse", "127"], ["127 is not a documented result code"]),
    ],
)
def test_unknown_answers_exit_1_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragments: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (1, "")
    assert_one_line_error(err, *fragments)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["list", "--category", "nope"], "unknown category 'nope'; choose from success, general"),
        (["list", "--since", "5.x"], "--since: invalid server version '5.x'"),
        (["list", "--bogus"], "unrecognized arguments: --bogus (see 'cca-codes --help')"),
        (["export", "--format", "xml"], "invalid choice: 'xml'"),
        (["list", "--format", "xml"], "invalid choice: 'xml'"),
        (["search", "busy", "--format", "xml"], "invalid choice: 'xml'"),
        (["legacy", "seven"], "the legacy number must be a whole number, not 'seven'"),
        (["legacy", "9" * 5000], "the legacy number must be a whole number"),
        (["explain", "/no/such/file.json"], "cannot read /no/such/file.json"),
        (["explain", "--server-version", "x", "-"], "--server-version: invalid server version 'x'"),
        (["show"], "the following arguments are required: code"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert_one_line_error(err, fragment)


def test_no_arguments_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    assert (status, out) == (2, "")
    assert "usage: cca-codes" in err
    assert "explain" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"cca-codes {__version__}\n", "")


def test_list_table_fits_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = run(capsys, "list", "--format", "table")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "RETRY", "DESCRIPTION"]
    assert all(len(line) <= 80 for line in lines)
    listed = [int(line.split()[0]) for line in lines[1:] if line[:5].strip()]
    assert listed == [int(member) for member in ResultCode]
    # Wrapped descriptions lose no words.
    descriptions: list[str] = []
    for line in lines[1:]:
        if line[:5].strip():
            descriptions.append(line[59:])
        else:
            assert line[:59].strip() == ""
            descriptions[-1] += " " + line[59:]
    assert descriptions == [member.description for member in ResultCode]
    start = lines.index("  811  QuotaSetFaceAllocationForQuestionNotAllowed  no     Quota set face")
    assert lines[start + 1 : start + 3] == [
        " " * 59 + "allocation for",
        " " * 59 + "question not allowed",
    ]


def test_list_into_a_pipe_is_one_code_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list")
    assert status == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert [row[:2] for row in rows] == [[str(member.value), member.name] for member in ResultCode]
    assert {len(row) for row in rows} == {4}
    assert [
        "913",
        "ManualDialMaxNumberOfCallsExceeded",
        "yes",
        "Maximum number of calls exceeded",
    ] in rows
    assert ["0", "Success", "no", "No error"] in rows
    assert run(capsys, "list", "--format", "tsv")[1] == out


def test_list_retryable(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "list", "--retryable", "--category", "quota") == (
        0,
        "809\tQuotaLockFailed\tyes\tQuota lock failed\n",
        "",
    )
    status, out, _ = run(capsys, "list", "--retryable", "--json")
    assert status == 0
    assert [record["code"] for record in json.loads(out)] == [
        member.value for member in ResultCode if member.retryable
    ]
    assert 10002 in [record["code"] for record in json.loads(out)]


@pytest.mark.parametrize("category", ["listen-in", "LISTEN_IN", "listen-in errors", "Listen_In"])
def test_list_by_category(capsys: pytest.CaptureFixture[str], category: str) -> None:
    status, out, _ = run(capsys, "list", "--category", category, "--json")
    assert status == 0
    assert [record["code"] for record in json.loads(out)] == list(range(700, 715))


def test_list_since(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", "--since", "5.4.7", "--json")
    assert status == 0
    assert [record["name"] for record in json.loads(out)] == [
        "NoReportingService",
        "TooMuchData",
        "ListUnknownField",
        "ListUnknownContact",
    ]
    status, out, _ = run(capsys, "list", "--since", "5.4.8", "--category", "list", "--json")
    assert (status, json.loads(out)) == (1, [])


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "CONVERSATION")
    assert status == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == ["711", "713"]
    status, out, _ = run(capsys, "search", "no", "free", "channel", "--json")
    assert [record["code"] for record in json.loads(out)] == [705, 905]
    status, out, _ = run(capsys, "search", "copy slip", "--json")
    assert [record["code"] for record in json.loads(out)] == [200, 713]


def test_legacy(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "legacy", "712") == (
        0,
        "712 before 5.4.6 is 711 ListenInNoActiveConversationFound today: No active conversation\n",
        "",
    )
    assert run(capsys, "legacy", "--reverse", "ListenInCallEnd")[1].startswith(
        "715 before 5.4.6 is 714"
    )
    assert run(capsys, "legacy", "102")[1] == (
        "102 is UnknownToken both before and since 5.4.6: Unknown token\n"
    )
    status, out, _ = run(capsys, "legacy", "--reverse", "711", "--json")
    assert status == 0
    record = json.loads(out)
    assert (record["legacy_code"], record["code"]) == (712, 711)


def test_explain_failure_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "explain", str(EXAMPLE))
    assert (status, err) == (1, "")
    assert out.splitlines() == [
        "Request: GET http://{Server}/CcaWebApi/agents",
        "Server version: 5.4.6.1; HTTP status 401",
        "Result: 102 UnknownToken (general errors): Unknown token",
        "Outcome: failure; retrying is not advised",
    ]


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "envelope.json"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_explain_success_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, '{"StatusCode": 200, "Response": [1]}')
    status, out, _ = run(capsys, "explain", path)
    assert status == 0
    assert out.splitlines()[-2:] == ["Result: success, with no ResultCode", "Outcome: success"]


def test_explain_unknown_retryable_and_legacy(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, '{"StatusCode": 500, "Response": {"ResultCode": 5000, "Error": ""}}')
    out = run(capsys, "explain", path)[1]
    assert "Result: 5000, a code this library does not know (no known category)" in out
    path = write(tmp_path, '{"StatusCode": 500, "Response": {"ResultCode": 127, "Error": "x"}}')
    out = run(capsys, "explain", path)[1]
    assert "(general errors)" in out
    assert "Server's message: x" in out
    path = write(tmp_path, '{"StatusCode": 503, "Response": {"ResultCode": 10001}}')
    assert "Outcome: failure; may succeed if retried later" in run(capsys, "explain", path)[1]
    path = write(tmp_path, '{"StatusCode": 409, "Response": {"ResultCode": 712}}')
    status, out, _ = run(capsys, "explain", "--server-version", "5.4.5", path)
    assert status == 1
    assert "Result: 711 ListenInNoActiveConversationFound, sent as legacy 712" in out


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "--json", str(EXAMPLE))
    record = json.loads(out)
    assert status == 1
    assert record["ok"] is False
    assert record["status_code"] == 401
    assert record["raw_code"] == 102
    assert record["result_code"]["name"] == "UnknownToken"
    assert record["category"] == "GENERAL"
    assert record["version"] == "5.4.6.1"
    assert record["request"] == {"method": "GET", "url": "http://{Server}/CcaWebApi/agents"}


def test_explain_json_of_a_bare_success(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, '{"StatusCode": 200, "Response": null}')
    record = json.loads(run(capsys, "explain", "--json", path)[1])
    assert (record["ok"], record["result_code"]["name"], record["request"], record["version"]) == (
        True,
        "Success",
        None,
        None,
    )


def test_explain_not_an_envelope_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "explain", write(tmp_path, "<html>"))
    assert (status, out) == (2, "")
    assert_one_line_error(err, "envelope.json: the input is not JSON")


def test_explain_reads_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cca_result_codes", "explain", "-"],
        input=EXAMPLE.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert result.returncode == 1
    assert b"Result: 102 UnknownToken" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "cca_result_codes", "explain", "-"],
        input=b"\xff",
        capture_output=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.decode().startswith("cca-codes: standard input: the input is not UTF-8")


def test_export_json_is_the_whole_table(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["export"], ["export", "--json"], ["export", "--format", "json"]):
        status, out, _ = run(capsys, *argv)
        records = json.loads(out)
        assert status == 0
        assert len(records) == 107
        for record, member in zip(records, ResultCode, strict=True):
            assert record["code"] == member.value
            assert record["name"] == member.name
            assert record["description"] == member.description
            # Before 5.4.6 the code had legacy_code, or its own number when never renumbered.
            expected = member.value if member.legacy_code is None else member.legacy_code
            assert record["legacy_code"] == (None if member.since > UNIFIED_IN else expected)


def test_export_csv(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert len(rows) == 107
    assert rows[2] == {
        "code": "2",
        "name": "SuccessListRunning",
        "description": "No error, with warning list is running",
        "note": "",
        "category": "SUCCESS",
        "category_label": "success",
        "since": "5.4.6",
        "legacy_code": "3",
        "retryable": "false",
        "is_success": "true",
    }


def test_broken_pipe_is_quiet() -> None:
    result = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m cca_result_codes export | head -c 10"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == "[\n  {\n    "
    assert result.stderr == ""


def test_console_script_and_module_agree() -> None:
    script = Path(sys.executable).with_name("cca-codes")
    by_script = subprocess.run([str(script), "102"], capture_output=True, text=True, check=True)
    by_module = subprocess.run(
        [sys.executable, "-m", "cca_result_codes", "102"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert by_script.stdout == by_module.stdout
    assert by_script.stdout.startswith("102 UnknownToken\n")


# --- exact output where the formatting is the behaviour


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["9" * 24], "9" * 24 + " is not a documented result code"),
        (["9" * 25], "9" * 23 + "\N{HORIZONTAL ELLIPSIS} is not a documented result code"),
        (["5000"], "5000 is not a documented result code"),
        (["zzzz"], "no result code named 'zzzz'"),
        (
            ["ManualDialBusyy"],
            "no result code named 'ManualDialBusyy'; did you mean ManualDialBusy or"
            " ManualDialNoAnswer or ManualDialNoRing?",
        ),
        (
            ["UnknownTokn"],
            "no result code named 'UnknownTokn'; did you mean UnknownToken or UnknownError"
            " or ListUnknownContact?",
        ),
    ],
)
def test_unknown_code_messages_in_full(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(capsys, *argv) == (1, "", f"cca-codes: {message}\n")


def test_numbers_may_have_any_number_of_leading_zeros(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "000000000102")[1].startswith("102 UnknownToken\n")
    assert run(capsys, "0000000000102")[1].startswith("102 UnknownToken\n")
    assert run(capsys, "0" * 40 + "711")[1].startswith("711 ListenInNoActiveConversationFound\n")
    assert run(capsys, "show", "-0000000000000")[1].startswith("0 Success\n")
    assert run(capsys, "legacy", "000000000712")[1].startswith("712 before 5.4.6 is 711")
    assert run(capsys, "legacy", "0000000000712")[1].startswith("712 before 5.4.6 is 711")
    # Twelve significant digits are still a number; thirteen are not a code at all.
    assert run(capsys, "0999999999999") == (
        1,
        "",
        "cca-codes: 999999999999 is not a documented result code\n",
    )
    assert run(capsys, "1000000000000") == (
        1,
        "",
        "cca-codes: 1000000000000 is not a documented result code\n",
    )
    assert run(capsys, "legacy", "-0999999999999")[2] == (
        "cca-codes: legacy code -999999999999 is not a documented result code\n"
    )
    status, _, err = run(capsys, "legacy", "-1000000000000")
    assert status == 2
    assert err == "cca-codes: the legacy number must be a whole number, not '-1000000000000'\n"
    err = run(capsys, "legacy", "7" * 25)[2]
    assert err == (
        "cca-codes: the legacy number must be a whole number, not '"
        + "7" * 23
        + "\N{HORIZONTAL ELLIPSIS}'\n"
    )


def test_a_number_may_have_a_plus_sign_as_legacy_translate_reads_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "+102")[1].startswith("102 UnknownToken\n")
    assert run(capsys, "show", "+0000000000102")[1].startswith("102 UnknownToken\n")
    assert run(capsys, "legacy", "+712")[1].startswith("712 before 5.4.6 is 711")
    assert run(capsys, "legacy", "+1000000000000")[2] == (
        "cca-codes: the legacy number must be a whole number, not '+1000000000000'\n"
    )
    # One sign only.
    assert run(capsys, "legacy", "+-712")[2] == (
        "cca-codes: the legacy number must be a whole number, not '+-712'\n"
    )
    assert run(capsys, "legacy", "++712")[0] == 2
    assert run(capsys, "+")[2] == "cca-codes: no result code named '+'\n"


def test_list_without_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "list", "--since", "5.4.8", "--category", "list") == (
        1,
        "",
        "cca-codes: no codes match\n",
    )


def test_legacy_json_for_an_unchanged_number(capsys: pytest.CaptureFixture[str]) -> None:
    record = json.loads(run(capsys, "legacy", "102", "--json")[1])
    assert (record["legacy_code"], record["code"], record["name"]) == (102, 102, "UnknownToken")


def test_explain_json_of_an_unknown_code_keeps_non_ascii_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path, '{"StatusCode": 500, "Response": {"ResultCode": 5000, "Error": "défaut"}}'
    )
    status, out, _ = run(capsys, "explain", "--json", path)
    assert status == 1
    assert '"error": "défaut"' in out
    record = json.loads(out)
    assert (record["result_code"], record["category"], record["raw_code"]) == (None, None, 5000)


@pytest.mark.parametrize(
    ("request_json", "line"),
    [('{"Url": "http://h/a"}', "Request: ? http://h/a"), ('{"Method": "GET"}', "Request: GET ?")],
)
def test_explain_partial_requests(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, request_json: str, line: str
) -> None:
    path = write(tmp_path, f'{{"Request": {request_json}, "StatusCode": 200, "Response": 1}}')
    out = run(capsys, "explain", path)[1]
    assert out.splitlines()[: line.count("\n") + 1] == line.splitlines()


def test_explain_refuses_a_file_that_is_not_utf8(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"StatusCode": 200, "Response": "caf\xe9"}')
    status, out, err = run(capsys, "explain", str(path))
    assert (status, out) == (2, "")
    assert_one_line_error(err, "latin1.json: the input is not UTF-8")


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "csv", "--json"],
        ["export", "--json", "--format", "json"],
        ["list", "--format", "tsv", "--json"],
        ["search", "--json", "--format", "table", "busy"],
    ],
)
def test_format_and_json_together_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert_one_line_error(err, "not allowed with argument")


def test_export_csv_uses_unix_line_ends(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "export", "--format", "csv")[1]
    assert "\r" not in out
    assert out.count("\n") == 108


def test_search_with_one_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "search", "lock failed", "--format", "table") == (
        0,
        " CODE  NAME             RETRY  DESCRIPTION\n"
        "  809  QuotaLockFailed  yes    Quota lock failed\n",
        "",
    )
    assert run(capsys, "search", "  lock   failed ") == (
        0,
        "809\tQuotaLockFailed\tyes\tQuota lock failed\n",
        "",
    )


def test_tables_use_the_terminal_width(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    piped = run(capsys, "list", "--category", "quota")[1]
    assert piped.count("\t") == 36  # a pipe gets tab-separated lines, whatever the width
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    wide = run(capsys, "list", "--category", "quota")[1].splitlines()
    assert len(wide) == 13  # a header and twelve codes, none wrapped
    assert wide[0] == " CODE  NAME" + " " * 41 + "RETRY  DESCRIPTION"
    monkeypatch.setenv("COLUMNS", "40")
    narrow = run(capsys, "list", "--category", "quota")[1].splitlines()
    descriptions = [line[59:] for line in narrow[1:]]
    # Too narrow a terminal still leaves twenty columns for descriptions.
    assert max(len(text) for text in descriptions) == 20
    assert narrow[-1] == " " * 59 + "question not allowed"


def test_a_stdout_that_cannot_say_isatty_gets_tab_separated_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def closed() -> bool:
        raise ValueError("I/O operation on closed file")

    monkeypatch.setattr(sys.stdout, "isatty", closed)
    assert (
        run(capsys, "search", "lock failed")[1] == "809\tQuotaLockFailed\tyes\tQuota lock failed\n"
    )


def test_markdown_cells_escape_pipes() -> None:
    from cca_result_codes import exports

    assert exports._markdown_cell("a|b") == "a\\|b"  # pyright: ignore[reportPrivateUsage]


@pytest.mark.parametrize(
    ("version", "line"),
    [
        ('"5.4.6.1-beta"', "Server version: 5.4.6.1 (sent as '5.4.6.1-beta'); HTTP status 200"),
        ('"abc"', "Server version: unknown (sent as 'abc'); HTTP status 200"),
        ('""', "Server version: not given; HTTP status 200"),
        ("5", "Server version: not given; HTTP status 200"),
        ('"5.4.5"', "Server version: 5.4.5.0; HTTP status 200"),
        ('"5.4.5.0"', "Server version: 5.4.5.0; HTTP status 200"),
        ('"5.4.6.1"', "Server version: 5.4.6.1; HTTP status 200"),
        ('"5.4.6\\u001b"', "Server version: 5.4.6.0 (sent as '5.4.6\\x1b'); HTTP status 200"),
        (
            '"5.4.6.' + "9" * 80 + '"',
            "Server version: 5.4.6.0 (sent as\n  '5.4.6."
            + "9" * 52
            + "\N{HORIZONTAL ELLIPSIS}); HTTP status 200",
        ),
    ],
)
def test_explain_shows_a_version_sent_in_another_form(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, version: str, line: str
) -> None:
    path = write(tmp_path, f'{{"Version": {version}, "StatusCode": 200, "Response": 1}}')
    out = run(capsys, "explain", path)[1]
    assert out.splitlines()[: line.count("\n") + 1] == line.splitlines()


def test_explain_json_keeps_the_version_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, '{"Version": "5.4.6.1-beta", "StatusCode": 200, "Response": 1}')
    record = json.loads(run(capsys, "explain", "--json", path)[1])
    assert (record["version"], record["version_text"]) == ("5.4.6.1", "5.4.6.1-beta")


# --- rough edges of issue 12


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([""], "a result code is a number such as 102 or a name, not ''"),
        (["show", "  "], "a result code is a number such as 102 or a name, not ''"),
        (["legacy", ""], "the legacy number must be a whole number, not ''"),
        (["legacy", "--reverse", ""], "a result code is a number such as 102 or a name, not ''"),
        (["search", ""], "search needs some TEXT to find"),
        (["search", " ", "  "], "search needs some TEXT to find"),
    ],
)
def test_empty_arguments_are_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(capsys, *argv) == (2, "", f"cca-codes: {message}\n")


@pytest.mark.parametrize(
    "argv",
    [[" 102"], ["102 "], ["--json", "102"], ["show", "\t102\n"], ["legacy", " 102 "]],
)
def test_spaces_and_a_leading_json_flag_are_understood(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "")
    assert "102" in out
    assert "UnknownToken" in out


def test_json_flag_first_gives_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--json", "711")
    assert status == 0
    assert json.loads(out)["legacy_code"] == 712


def test_help_command(capsys: pytest.CaptureFixture[str]) -> None:
    status, top, err = run(capsys, "help")
    assert (status, err) == (0, "")
    assert top.startswith("usage: cca-codes [-h] [--version] COMMAND ...\n")
    assert "    help      the help of the command, or of one COMMAND\n" in top
    assert run(capsys, "--help") == (0, top, "")
    for command in ("show", "list", "search", "legacy", "explain", "export", "help"):
        status, page, _ = run(capsys, "help", command)
        assert status == 0
        assert page.startswith(f"usage: cca-codes {command} [-h]")
        assert run(capsys, command, "--help") == (0, page, "")
    status, out, err = run(capsys, "help", "nope")
    assert (status, out) == (2, "")
    assert_one_line_error(err, "invalid choice: 'nope'")


def test_every_subcommand_has_a_description(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("show", "list", "search", "legacy", "explain", "export", "help"):
        page = run(capsys, "help", command)[1]
        description = page.split("\n\n")[1]
        assert description[0].isupper()
        assert description.endswith(".")
    assert "--format FORMAT  one of json, csv, markdown" in run(capsys, "export", "--help")[1]
    assert "--format FORMAT      table, tsv or json" in run(capsys, "list", "--help")[1]


def test_list_and_search_formats(capsys: pytest.CaptureFixture[str]) -> None:
    tsv = "809\tQuotaLockFailed\tyes\tQuota lock failed\n"
    assert run(capsys, "search", "lock failed", "--format", "tsv") == (0, tsv, "")
    status, out, _ = run(capsys, "search", "lock failed", "--format", "json")
    assert (status, [record["name"] for record in json.loads(out)]) == (0, ["QuotaLockFailed"])
    assert run(capsys, "search", "nothing like this", "--format", "json")[:2] == (1, "[]\n")
    assert run(capsys, "list", "--retryable", "--category", "success") == (
        1,
        "",
        "cca-codes: no codes match\n",
    )


def test_show_wraps_a_long_note_under_its_label(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "AlreadyLoggedIn")[1].splitlines()[-2:] == [
        '  Note:        The vendor\'s table adds the editorial note "[-> TO SESSION ?]" to',
        "               this description.",
    ]


def test_json_text_is_indented_by_two(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "search", "lock failed", "--json")[1]
    assert out.startswith('[\n  {\n    "code": 809,\n    "name": "QuotaLockFailed",\n')
    assert out.endswith('    "is_success": false\n  }\n]\n')


def test_json_text_on_an_ascii_stdout_is_indented_and_escaped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sink = io.BytesIO()
    stdout = io.TextIOWrapper(sink, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    path = write(
        tmp_path, '{"StatusCode": 500, "Response": {"ResultCode": 5000, "Error": "\u00e9"}}'
    )
    assert main(["explain", "--json", path]) == 1
    stdout.flush()
    text = sink.getvalue().decode("ascii")
    assert text.startswith('{\n  "ok": false,\n  "status_code": 500,\n')
    assert '\n  "error": "\\u00e9",\n' in text


def test_explain_says_why_a_legacy_number_has_no_meaning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = '{"StatusCode": 409, "Version": "5.4.5", "Response": {"ResultCode": 709, "Error": ""}}'
    status, out, _ = run(capsys, "explain", write(tmp_path, text))
    assert status == 1
    assert " ".join(out.split()) == (
        "Server version: 5.4.5.0; HTTP status 409"
        " Result: 709 (listen-in errors): legacy code 709 has no documented meaning:"
        " ListenInPickUpTelephone took number 709 in 5.4.6.0 (it was 710 before),"
        " and the vendor documents no code numbered 709 before then"
        " Outcome: failure; retrying is not advised"
    )
