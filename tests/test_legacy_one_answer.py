"""One answer everywhere: every place that reads an old number agrees, number by number.

The places are legacy.translate() (int and stored text), CURRENT_BY_LEGACY,
to_current(), to_legacy(), ``cca-codes legacy``, the legacy column of every
export (JSON, CSV, Markdown, SQL) and from_response() on a server older than
5.4.6. Each is checked against one expectation, for every number from -1 to
1,200 and a sample of Int32. The expectation is read from the vendor's table
(tests/vendor_table.py) by its remarks alone: nothing is computed by the code
under test.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3

import pytest

from cca_result_codes import ResultCode, from_response, legacy
from cca_result_codes.cli import main
from cca_result_codes.exports import render
from vendor_table import read_rows

ROWS = read_rows()
BASE = (5, 4, 6, 0)
# Old number -> today's (number, name): a renumbered code by its "Code was N" remark,
# and a code of the base release (no "Only in" remark) by its own number.
EXPECTED = {
    row.legacy_code: (row.code, row.name) for row in ROWS if row.legacy_code is not None
} | {
    row.code: (row.code, row.name) for row in ROWS if row.legacy_code is None and row.since == BASE
}
# "Only in 5.4.7+" and "Only in 5.4.8+": no older server sent these numbers.
NEWER = {row.code for row in ROWS if row.since != BASE}
SAMPLE = [
    *range(-1, 1201),
    *range(9990, 10110),
    -(2**31),
    -(2**31) + 1,
    -100_000,
    65_535,
    123_456_789,
    2**31 - 2,
    2**31 - 1,
]


def expected_reason(number: int) -> str | None:
    if number in EXPECTED:
        return None
    return "first appeared after 5.4.6" if number in NEWER else "no documented meaning"


def test_the_expectation_reads_the_remarks_as_documented() -> None:
    assert {125, 126, 301, 302} == NEWER
    assert {2, 709, 809} & set(EXPECTED) == set()
    assert EXPECTED[712] == (711, "ListenInNoActiveConversationFound")
    assert EXPECTED[102] == (102, "UnknownToken")
    assert len(EXPECTED) == 103


@pytest.mark.parametrize("number", SAMPLE)
def test_translate_the_mapping_and_to_current_agree(number: int) -> None:
    reason = expected_reason(number)
    for value in (number, str(number)):
        found = legacy.translate(value)
        assert found.reason == reason
        assert (None if found.code is None else (found.code.value, found.code.name)) == (
            EXPECTED.get(number)
        )
    mapped = legacy.CURRENT_BY_LEGACY.get(number)
    assert (None if mapped is None else (mapped.value, mapped.name)) == EXPECTED.get(number)
    if reason is None:
        assert to_pair(legacy.to_current(number)) == EXPECTED[number]
    else:
        with pytest.raises(legacy.LegacyCodeError) as caught:
            legacy.to_current(number)
        if number in NEWER:
            assert "has no documented meaning" in str(caught.value)
            assert "first appeared after 5.4.6" in str(caught.value)


def to_pair(member: ResultCode) -> tuple[int, str]:
    return (member.value, member.name)


def test_to_legacy_is_the_reverse_and_refuses_the_newer_codes() -> None:
    for old, (_, name) in EXPECTED.items():
        assert legacy.to_legacy(ResultCode[name]) == old
        assert legacy.LEGACY_BY_CURRENT[ResultCode[name]] == old
    for number in NEWER:
        with pytest.raises(legacy.LegacyCodeError, match="so it has no legacy number"):
            legacy.to_legacy(number)
        assert ResultCode(number) not in legacy.LEGACY_BY_CURRENT


def test_the_command_agrees(capsys: pytest.CaptureFixture[str]) -> None:
    numbers = [str(number) for number in SAMPLE]
    assert main(["legacy", "--json", *numbers]) == 1
    answers = json.loads(capsys.readouterr().out)
    assert len(answers) == len(SAMPLE)
    for number, answer in zip(SAMPLE, answers, strict=True):
        got = None if answer is None else (answer["code"], answer["name"])
        assert got == EXPECTED.get(number), number
    assert main(["legacy", *numbers]) == 1
    captured = capsys.readouterr()
    said = captured.out.splitlines()
    assert len(said) == sum(number in EXPECTED for number in SAMPLE)
    for line, number in zip(said, [n for n in SAMPLE if n in EXPECTED], strict=True):
        code, name = EXPECTED[number]
        if code == number:
            assert line.startswith(f"{number} is {name} both before and since 5.4.6: ")
        else:
            assert line.startswith(f"{number} before 5.4.6 is {code} {name} today: ")
    refused = captured.err.splitlines()
    assert len(refused) == sum(number not in EXPECTED for number in SAMPLE)
    for number in NEWER:
        assert main(["legacy", str(number)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"cca-codes: legacy code {number} has no documented meaning: ")
        assert "first appeared after 5.4.6" in err


def test_the_json_export_agrees() -> None:
    records: list[dict[str, object]] = json.loads(render("json"))
    pairs = {
        record["legacy_code"]: (record["code"], record["name"])
        for record in records
        if record["legacy_code"] is not None
    }
    assert pairs == EXPECTED
    assert {record["code"] for record in records if record["legacy_code"] is None} == NEWER


def test_the_csv_export_agrees() -> None:
    records = list(csv.DictReader(io.StringIO(render("csv"))))
    pairs = {
        int(record["legacy_code"]): (int(record["code"]), record["name"])
        for record in records
        if record["legacy_code"] != ""
    }
    assert pairs == EXPECTED
    assert {int(record["code"]) for record in records if record["legacy_code"] == ""} == NEWER


def test_the_markdown_export_agrees() -> None:
    pairs: dict[int, tuple[int, str]] = {}
    newer: set[int] = set()
    for line in render("markdown").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        if len(cells) != 6 or not cells[0].isdigit():
            continue
        code, name, legacy_cell = int(cells[0]), cells[1].strip("`"), cells[4]
        if legacy_cell == "none":
            newer.add(code)
        else:
            pairs[int(legacy_cell) if legacy_cell else code] = (code, name)
    assert pairs == EXPECTED
    assert newer == NEWER


def test_the_sql_export_agrees() -> None:
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.executescript(render("sql"))
        rows = connection.execute(
            "SELECT legacy_code, code, name, reason FROM cca_legacy_codes"
        ).fetchall()
    table = {old: (code, name, reason) for old, code, name, reason in rows}
    for number in SAMPLE:
        reason = expected_reason(number)
        if reason is None:
            assert table[number] == (*EXPECTED[number], None)
        elif number in table:
            assert table[number] == (None, None, reason)
        else:  # no row: no code ever had the number, the documented "no meaning"
            assert reason == "no documented meaning"
            assert all(row.code != number for row in ROWS)


@pytest.mark.parametrize("version", ["5.4.5", "5.4.0.9", "5.3"])
def test_from_response_on_an_older_server_agrees(version: str) -> None:
    for number in SAMPLE:
        envelope = {
            "Version": version,
            "StatusCode": 500,
            "Response": {"ResultCode": number, "Error": ""},
        }
        reply = from_response(envelope)
        assert reply.raw_code == number
        got = None if reply.result_code is None else to_pair(reply.result_code)
        assert got == EXPECTED.get(number), number
        if number in NEWER:
            assert not reply.ok
