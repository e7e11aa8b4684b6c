"""cca-codes migrate: every row out, every other byte kept, a true summary.

Expected outputs are written out byte for byte; the codes in them come from
the vendor's table (old 712 is 711, old 810 is 809, old 3 is 2, 709 and 125
have no meaning before 5.4.6).
"""

from __future__ import annotations

import errno
import io
import itertools
import os
import re
import sys
import time
from pathlib import Path

import pytest

from cca_result_codes import migrate
from cca_result_codes.cli import main

HOSTILE_CSV = (
    b"\xef\xbb\xbfid,result,note\r\n"
    b'1, 712 ,"a,b"\r\n'
    b"\r\n"
    b'2,abc,"line one\r\nline two"\r\n'
    b'3,709,"say ""hi"""\r\n'
    b"4,102\r\n"
    b'5,"810",x,extra\r\n'
    b"6,,empty\r\n"
    b"7,125,new\r\n"
    b"8,99999999999,big\r\n"
    b"9,+0003,plus\r\n"
    b"10,-1,neg"
)
HOSTILE_CSV_OUT = (
    b"\xef\xbb\xbfid,result,note,result_name,result_legacy,result_reason\r\n"
    b'1,711,"a,b",ListenInNoActiveConversationFound,712,\r\n'
    b"\r\n"
    b'2,abc,"line one\r\nline two",,,not a number\r\n'
    b'3,709,"say ""hi""",,,no documented meaning\r\n'
    b"4,102,,UnknownToken,102,\r\n"
    b"5,809,x,extra,QuotaLockFailed,810,\r\n"
    b"6,,empty,,,blank\r\n"
    b"7,125,new,,,first appeared after 5.4.6\r\n"
    b"8,99999999999,big,,,out of Int32\r\n"
    b"9,2,plus,SuccessListRunning,3,\r\n"
    b"10,-1,neg,,,no documented meaning"
)
HOSTILE_CSV_REJECTS = (
    b"line,reason,id,result,note\r\n"
    b'4,not a number,2,abc,"line one\r\nline two"\r\n'
    b'6,no documented meaning,3,709,"say ""hi"""\r\n'
    b"9,blank,6,,empty\r\n"
    b"10,first appeared after 5.4.6,7,125,new\r\n"
    b"11,out of Int32,8,99999999999,big\r\n"
    b"13,no documented meaning,10,-1,neg\r\n"
)
HOSTILE_CSV_SUMMARY = [
    "rows read:      10",
    "translated:     3",
    "unchanged:      1",
    "untranslatable: 6",
    "  blank: 1",
    "  first appeared after 5.4.6: 1",
    "  no documented meaning: 2",
    "  not a number: 1",
    "  out of Int32: 1",
]

HOSTILE_JSONL = (
    b'\xef\xbb\xbf{"a": 1.10, "result": " 712 ", "deep": {"result": 712}}\n'
    b"\n"
    b"not json\n"
    b"[1, 2]\n"
    b'{"result": 709, "x": 1e999, "n": 12345678901234567890123}\r\n'
    b'{ "deep" : { "result" :  810 , "z": [1, {"result": 3}] } , "result": 3 }\n'
    b"{}\n"
    b'{"result": null}\n'
    b'{"result": "caf\xc3\xa9", "result": 102}\n'
    b'{"result": 1.0}'
)
HOSTILE_JSONL_OUT = (
    b'\xef\xbb\xbf{"a": 1.10, "result": 711, "deep": {"result": 712},'
    b' "result_name": "ListenInNoActiveConversationFound", "result_legacy": 712,'
    b' "result_reason": null}\n'
    b"\n"
    b"not json\n"
    b"[1, 2]\n"
    b'{"result": 709, "x": 1e999, "n": 12345678901234567890123, "result_name": null,'
    b' "result_legacy": null, "result_reason": "no documented meaning"}\r\n'
    b'{ "deep" : { "result" :  810 , "z": [1, {"result": 3}] } , "result": 2 ,'
    b' "result_name": "SuccessListRunning", "result_legacy": 3, "result_reason": null}\n'
    b'{"result_name": null, "result_legacy": null, "result_reason": "blank"}\n'
    b'{"result": null, "result_name": null, "result_legacy": null, "result_reason": "blank"}\n'
    b'{"result": "caf\xc3\xa9", "result": 102, "result_name": "UnknownToken",'
    b' "result_legacy": 102, "result_reason": null}\n'
    b'{"result": 1.0, "result_name": null, "result_legacy": null,'
    b' "result_reason": "not a number"}'
)
HOSTILE_JSONL_REJECTS = (
    b'{"line": 3, "reason": "not JSON", "text": "not json"}\n'
    b'{"line": 4, "reason": "not a JSON object", "text": "[1, 2]"}\n'
    b'{"line": 5, "reason": "no documented meaning", "text": "{\\"result\\": 709, \\"x\\":'
    b' 1e999, \\"n\\": 12345678901234567890123}"}\n'
    b'{"line": 7, "reason": "blank", "text": "{}"}\n'
    b'{"line": 8, "reason": "blank", "text": "{\\"result\\": null}"}\n'
    b'{"line": 10, "reason": "not a number", "text": "{\\"result\\": 1.0}"}\n'
)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, list[str]]:
    """Run the command; return its status and its stderr lines, the time taken left out."""
    status = main(["migrate", *map(str, argv)])
    err = capsys.readouterr().err
    lines = err.splitlines()
    if lines and re.fullmatch(r"time taken:     \d+\.\d\d s", lines[-1]):
        lines.pop()
    return status, lines


def files(tmp_path: Path, data: bytes, name: str = "in.csv") -> tuple[Path, Path]:
    source = tmp_path / name
    source.write_bytes(data)
    return source, tmp_path / f"out{source.suffix}"


def test_hostile_csv_keeps_every_row_and_every_other_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, HOSTILE_CSV)
    rejects = tmp_path / "rejects.csv"
    status, err = run(capsys, "--column", "result", source, "-o", target, "--rejects", rejects)
    assert status == 1
    assert err == HOSTILE_CSV_SUMMARY
    assert target.read_bytes() == HOSTILE_CSV_OUT
    assert rejects.read_bytes() == HOSTILE_CSV_REJECTS
    assert source.read_bytes() == HOSTILE_CSV
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv", "rejects.csv"]


@pytest.mark.parametrize("block", [1, 2, 3, 5, 7, 11, 16, 29, 64])
def test_block_boundaries_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(migrate, "_BLOCK", block)
    for data, expected, expected_rejects, name in [
        (HOSTILE_CSV, HOSTILE_CSV_OUT, HOSTILE_CSV_REJECTS, "in.csv"),
        (HOSTILE_JSONL, HOSTILE_JSONL_OUT, HOSTILE_JSONL_REJECTS, "in.jsonl"),
    ]:
        source, target = files(tmp_path, data, name)
        rejects = tmp_path / "rejects"
        status, _ = run(capsys, "--column", "result", source, "-o", target, "--rejects", rejects)
        assert (status, target.read_bytes(), rejects.read_bytes()) == (
            1,
            expected,
            expected_rejects,
        )


def test_hostile_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = files(tmp_path, HOSTILE_JSONL, "in.jsonl")
    rejects = tmp_path / "rejects.jsonl"
    status, err = run(capsys, "--column", "result", source, "-o", target, "--rejects", rejects)
    assert status == 1
    assert target.read_bytes() == HOSTILE_JSONL_OUT
    assert rejects.read_bytes() == HOSTILE_JSONL_REJECTS
    assert err == [
        "rows read:      9",
        "translated:     2",
        "unchanged:      1",
        "untranslatable: 6",
        "  blank: 2",
        "  no documented meaning: 1",
        "  not JSON: 1",
        "  not a JSON object: 1",
        "  not a number: 1",
    ]


def test_jsonl_dotted_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = (
        b'{"call": {"id": 1, "result": "810"}, "result": 5}\n'
        b'{"call": {"result": 711}}\n'
        b'{"call": 5}\n'
        b'{"call.result": 3, "call": {"result": 3}}\n'
        b'{"call": {"result": 0}, "call": {"id": 2}}\n'
    )
    source, target = files(tmp_path, data, "in.jsonl")
    status, err = run(capsys, "--column", "call.result", source, "-o", target)
    assert status == 1
    assert target.read_bytes() == (
        b'{"call": {"id": 1, "result": 809}, "result": 5, "call.result_name": "QuotaLockFailed",'
        b' "call.result_legacy": 810, "call.result_reason": null}\n'
        b'{"call": {"result": 710}, "call.result_name": "ListenInNoActiveCallFound",'
        b' "call.result_legacy": 711, "call.result_reason": null}\n'
        b'{"call": 5, "call.result_name": null, "call.result_legacy": null,'
        b' "call.result_reason": "blank"}\n'
        # A key that is the whole dotted name wins over the nested one.
        b'{"call.result": 2, "call": {"result": 3}, "call.result_name": "SuccessListRunning",'
        b' "call.result_legacy": 3, "call.result_reason": null}\n'
        # A duplicate key means what json.loads() makes of it: the last.
        b'{"call": {"result": 0}, "call": {"id": 2}, "call.result_name": null,'
        b' "call.result_legacy": null, "call.result_reason": "blank"}\n'
    )
    assert err[:4] == [
        "rows read:      5",
        "translated:     3",
        "unchanged:      0",
        "untranslatable: 2",
    ]


def test_tsv_with_its_own_column_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = b'when\tcode\n1\t711\n2\t"7\t1"\n3\t0\n'
    source, target = files(tmp_path, data, "in.TSV")
    status, err = run(
        capsys,
        "--column",
        "code",
        "--name-column",
        "name\tx",
        "--legacy-column",
        "old",
        "--reason-column",
        'why "not"',
        source,
        "-o",
        target,
    )
    assert status == 1
    assert target.read_bytes() == (
        b'when\tcode\t"name\tx"\told\t"why ""not"""\n'
        b"1\t710\tListenInNoActiveCallFound\t711\t\n"
        b'2\t"7\t1"\t\t\tnot a number\n'
        b"3\t0\tSuccess\t0\t\n"
    )
    assert err[:4] == [
        "rows read:      3",
        "translated:     1",
        "unchanged:      1",
        "untranslatable: 1",
    ]


def test_all_translated_exits_0_and_the_header_may_be_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b'"a,b","res""ult"\n\n\n"x",0712\n'
    source, target = files(tmp_path, data)
    status, err = run(capsys, "--column", 'res"ult', source, "-o", target)
    assert status == 0
    assert target.read_bytes() == (
        b'"a,b","res""ult","res""ult_name","res""ult_legacy","res""ult_reason"\n'
        b"\n\n"
        b'"x",711,ListenInNoActiveConversationFound,712,\n'
    )
    assert err == [
        "rows read:      1",
        "translated:     1",
        "unchanged:      0",
        "untranslatable: 0",
    ]


@pytest.mark.parametrize("block", [1, 64])
def test_blank_lines_before_the_header_have_no_rejects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(migrate, "_BLOCK", block)  # 1: each blank line is a block of its own
    source, target = files(tmp_path, b"\n\nresult\n3\n")
    rejects = tmp_path / "rejects.csv"
    status, _ = run(capsys, "--column", "result", source, "-o", target, "--rejects", rejects)
    assert status == 0
    assert rejects.read_bytes() == b"line,reason,result\n"


def test_standard_input_is_never_the_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file named "-" is not standard input, even where "-o -" names it.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_bytes(b"old\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"result\n3\n")))
    status, _ = run(capsys, "--column", "result", "--format", "csv", "-o", "-")
    assert status == 0
    assert (tmp_path / "-").read_bytes() == (
        b"result,result_name,result_legacy,result_reason\n2,SuccessListRunning,3,\n"
    )


def test_blank_lines_before_the_header_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, b"\n\nresult\n3\n\n")
    status, _ = run(capsys, "--column", "result", source, "-o", target)
    assert status == 0
    assert target.read_bytes() == (
        b"\n\nresult,result_name,result_legacy,result_reason\n2,SuccessListRunning,3,\n\n"
    )


def test_mixed_line_endings_keep_each_lines_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b'k,result\r\n1,712\n2,"3\r"\r\n\r\n3,\r\r\n4,3\n'
    source, target = files(tmp_path, data)
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert status == 1
    assert target.read_bytes() == (
        b"k,result,result_name,result_legacy,result_reason\r\n"
        b"1,711,ListenInNoActiveConversationFound,712,\n"
        b"2,2,SuccessListRunning,3,\r\n"  # a quoted "3\r" is 3: "\r" is whitespace
        b"\r\n"
        b"3,\r,,,blank\r\n"
        b"4,2,SuccessListRunning,3,\n"
    )
    assert err[0] == "rows read:      4"


def test_a_quoted_field_left_open_ends_at_the_end_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, b'k,result\n1,"3\n2,3\n')
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert status == 1
    assert target.read_bytes() == (
        b'k,result,result_name,result_legacy,result_reason\n1,"3\n2,3\n,,,not a number'
    )
    assert err[0] == "rows read:      1"


def test_a_quote_inside_a_cell_is_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = files(tmp_path, b'k,result\na"b,3\n"x"y,712\n')
    status, _ = run(capsys, "--column", "result", source, "-o", target)
    assert status == 0
    assert target.read_bytes() == (
        b"k,result,result_name,result_legacy,result_reason\n"
        b'a"b,2,SuccessListRunning,3,\n'
        b'"x"y,711,ListenInNoActiveConversationFound,712,\n'
    )


def test_a_quoted_field_open_past_the_limit_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrate, "_LONGEST_RECORD", 10)
    source, target = files(tmp_path, b'k,result\n1,3\n2,"3\n4\n5\n6\n7\n')
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert status == 2
    assert err == [
        "cca-codes: line 3: a quoted field is not closed within 1 MiB; check the file's quotes"
    ]
    assert not target.exists()


@pytest.mark.parametrize(("extra", "status"), [(0, 0), (1, 2)])
def test_a_quoted_field_may_take_exactly_1_mib(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: int, status: int
) -> None:
    # The record '"x...x\ny",3' is 1 MiB long (1_048_576 characters) with no extra.
    row = b'"' + b"x" * (1_048_576 - 6 + extra) + b'\ny",3'
    source, target = files(tmp_path, b"k,result\n" + row + b"\n")
    code, err = run(capsys, "--column", "result", source, "-o", target)
    assert code == status
    if status:
        assert err == [
            "cca-codes: line 2: a quoted field is not closed within 1 MiB; check the file's quotes"
        ]
        assert not target.exists()
    else:
        assert target.read_bytes() == (
            b"k,result,result_name,result_legacy,result_reason\n"
            + row[:-1]
            + b"2,SuccessListRunning,3,\n"
        )


def test_a_quoted_field_left_open_before_a_last_carriage_return(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The file ends inside the quoted field; its last "\r" is the line's ending, not text.
    source, target = files(tmp_path, b'k,result\n1,"3\r')
    status, _ = run(capsys, "--column", "result", source, "-o", target)
    assert status == 0
    assert target.read_bytes() == (
        b"k,result,result_name,result_legacy,result_reason\n1,2,SuccessListRunning,3,\r"
    )


def test_the_same_value_quoted_or_not_shares_one_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, b'result\n"712"\n712\n"712"\n')
    status, _ = run(capsys, "--column", "result", source, "-o", target)
    assert status == 0
    name = b",ListenInNoActiveConversationFound,712,\n"
    assert (
        target.read_bytes()
        == b"result,result_name,result_legacy,result_reason\n" + (b"711" + name) * 3
    )


def test_the_output_is_written_under_a_hidden_name_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    class Source(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            seen.append(sorted(os.listdir(tmp_path)))
            return super().read(size)

    source = Source(b"result\n3\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(source))
    status, _ = run(capsys, "--column", "result", "-o", tmp_path / "out.csv")
    assert status == 0
    assert seen[0] == seen[-1]
    assert len(seen[0]) == 1
    assert re.fullmatch(r"\.out\.csv\.[^.]+\.tmp", seen[0][0])
    assert os.listdir(tmp_path) == ["out.csv"]


def test_the_summary_gives_the_time_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = itertools.chain([1000.0], itertools.repeat(1001.25))  # started, then done
    monkeypatch.setattr(time, "perf_counter", lambda: next(clock))
    source, target = files(tmp_path, b"result\n3\n")
    assert main(["migrate", "--column", "result", str(source), "-o", str(target)]) == 0
    assert capsys.readouterr().err.endswith("time taken:     1.25 s\n")


def test_stdin_to_stdout(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"result\n712\n")))
    status = main(["migrate", "--column", "result", "--format", "csv"])
    captured = capsysbinary.readouterr()
    assert status == 0
    assert captured.out == (
        b"result,result_name,result_legacy,result_reason\n"
        b"711,ListenInNoActiveConversationFound,712,\n"
    )
    assert captured.err.startswith(b"rows read:      1\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a,b\n1,2\n", "line 1: no column 'result'; the header has 'a', 'b'"),
        (b"\xef\xbb\xbfresults\x1b\n", "line 1: no column 'result'; the header has 'results\\x1b'"),
        (b"\n\na\n", "line 3: no column 'result'; the header has 'a'"),
        (b"", "the input is empty: no header with a column 'result'"),
        (b"\n\n", "the input is empty: no header with a column 'result'"),
        (b"result\n3\n\xff\n", "line 3: byte 0xff is not UTF-8; save the file as UTF-8 and retry"),
        (b"result\n3\n\n4\xc3", "line 4: byte 0xc3 is not UTF-8; save the file as UTF-8 and retry"),
        (b"result\n3\x00\n", "line 2: a NUL byte; this looks like a binary file, not text"),
        (b"\x00\x01\x02", "line 1: a NUL byte; this looks like a binary file, not text"),
        # Newlines before, between and after: only those before the first bad byte count.
        (b"\nresult\x00\n\x00\n\n", "line 2: a NUL byte; this looks like a binary file, not text"),
        (
            b"\nresult\n\xff\n\xfe\n",
            "line 3: byte 0xff is not UTF-8; save the file as UTF-8 and retry",
        ),
    ],
)
def test_bad_input_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    source, target = files(tmp_path, data)
    rejects = tmp_path / "rejects.csv"
    status, err = run(capsys, "--column", "result", source, "-o", target, "--rejects", rejects)
    assert (status, err) == (2, [f"cca-codes: {message}"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv"]


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (
            ["data.txt"],
            2,
            "cannot tell the format from the file's name; give --format csv, tsv or jsonl",
        ),
        (["-"], 2, "cannot tell the format from the file's name; give --format csv, tsv or jsonl"),
        (["missing.csv"], 2, "cannot read missing.csv: No such file or directory"),
        (
            ["in.csv", "-o", "in.csv"],
            2,
            "in.csv is the input file; write the output to another file",
        ),
        (
            ["in.csv", "-o", "./in.csv"],
            2,
            "./in.csv is the input file; write the output to another file",
        ),
        (
            ["in.csv", "--rejects", "in.csv"],
            2,
            "in.csv is the input file; write the output to another file",
        ),
        (["in.csv", "-o", "x.csv", "--rejects", "x.csv"], 2, "-o and --rejects name the same file"),
        (
            ["in.csv", "-o", "./x.csv", "--rejects", "x.csv"],
            2,
            "-o and --rejects name the same file",
        ),
        (
            ["in.csv", "-o", "no/such/dir/x.csv"],
            74,
            "cannot write no/such/dir/x.csv: No such file or directory",
        ),
        (
            ["in.csv", "-o", "ok.csv", "--rejects", "no/r.csv"],
            74,
            "cannot write no/r.csv: No such file or directory",
        ),
        (
            ["in.csv", "-o", "a\x1b.csv", "--rejects", "a\x1b.csv"],
            2,
            "-o and --rejects name the same file",
        ),
        (
            ["in.csv", "-o", "no\x1b/x.csv"],
            74,
            "cannot write no\\x1b/x.csv: No such file or directory",
        ),
    ],
)
def test_usage_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    status: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.csv").write_bytes(b"result\n3\n")
    (tmp_path / "data.txt").write_bytes(b"result\n3\n")
    assert run(capsys, "--column", "result", *argv) == (status, [f"cca-codes: {message}"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data.txt", "in.csv"]


def test_the_format_comes_from_the_output_name_for_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"r": 3}\n')))
    target = tmp_path / "x.ndjson"
    status, _ = run(capsys, "--column", "r", "-", "-o", target)
    assert status == 0
    assert target.read_bytes() == (
        b'{"r": 2, "r_name": "SuccessListRunning", "r_legacy": 3, "r_reason": null}\n'
    )


def test_the_output_replaces_a_file_and_gets_ordinary_permissions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    source, target = files(tmp_path, b"result\n3\n", "in.tab")
    target.write_bytes(b"old")
    os.umask(old := os.umask(0o022))
    try:
        status, _ = run(capsys, "--column", "result", source, "-o", target)
    finally:
        os.umask(old)
    assert status == 0
    assert target.read_bytes() == (
        b"result\tresult_name\tresult_legacy\tresult_reason\n2\tSuccessListRunning\t3\t\n"
    )
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_directory_as_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in.csv"
    folder.mkdir()
    status, err = run(capsys, "--column", "result", folder)
    assert status == 2
    assert err == [f"cca-codes: cannot read {folder}: Is a directory"]


class FullDisk(io.FileIO):
    """A file on a full disk: every write fails."""

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("rejects", [False, True])
def test_a_failed_write_leaves_no_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rejects: bool,
) -> None:
    import os

    real_fdopen = os.fdopen
    opened: list[str] = []

    def fdopen(handle: int, mode: str) -> object:
        opened.append(mode)
        # The output file is opened first; with rejects, only the rejects file is full.
        if len(opened) == (2 if rejects else 1):
            return FullDisk(handle, "wb")
        return real_fdopen(handle, mode)

    monkeypatch.setattr(os, "fdopen", fdopen)
    source, target = files(tmp_path, b"result\n3\nx\n")
    extra = ["--rejects", str(tmp_path / "r.csv")] if rejects else []
    status, err = run(capsys, "--column", "result", source, "-o", target, *extra)
    failed = tmp_path / "r.csv" if rejects else target
    assert (status, err) == (74, [f"cca-codes: cannot write {failed}: No space left on device"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv"]


def test_help_shows_an_example_for_each_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "--help"]) == 0
    out = capsys.readouterr().out
    assert "cca-codes migrate --column result calls.csv -o calls-new.csv" in out
    assert "--format tsv < calls.tsv > calls-new.tsv" in out
    assert "--column call.result events.jsonl -o events-new.jsonl" in out
    assert main(["help", "migrate"]) == 0
    assert capsys.readouterr().out == out


# Python 3.13's argparse names an option's metavar once: "-o, --output FILE".
if sys.version_info >= (3, 13):
    OUTPUT_OPTION = "  -o, --output FILE     write here, atomically (default: standard output)\n"
else:
    OUTPUT_OPTION = (
        "  -o FILE, --output FILE\n"
        "                        write here, atomically (default: standard output)\n"
    )

HELP = (
    "usage: cca-codes migrate [-h] --column NAME [--format FORMAT] [-o FILE] [--rejects FILE]\n"
    "                         [--name-column NAME] [--legacy-column NAME] [--reason-column NAME]\n"
    "                         [INPUT]\n"
    "\n"
    "Translate a column of result codes stored by servers older than 5.4.6\n"
    "in a CSV, TSV or JSON Lines file, keeping every other byte. Every row is in\n"
    "the output, in order; a summary goes to stderr.\n"
    "\n"
    "positional arguments:\n"
    "  INPUT                 the file to read, or - (the default) for standard input\n"
    "\n"
    "options:\n"
    "  -h, --help            show this help message and exit\n"
    "  --column NAME         the column holding the old codes (JSON Lines: a key, dotted for"
    " nested\n"
    "                        objects)\n"
    "  --format FORMAT       csv, tsv or jsonl (default: from the file's name)\n"
    + OUTPUT_OPTION
    + "  --rejects FILE        also write the untranslatable rows here, with line numbers\n"
    "  --name-column NAME    default: COLUMN_name\n"
    "  --legacy-column NAME  default: COLUMN_legacy\n"
    "  --reason-column NAME  default: COLUMN_reason\n"
    "\n"
    "examples:\n"
    "  cca-codes migrate --column result calls.csv -o calls-new.csv\n"
    "  cca-codes migrate --column result --format tsv < calls.tsv > calls-new.tsv\n"
    "  cca-codes migrate --column call.result events.jsonl -o events-new.jsonl \\\n"
    "      --rejects rejects.jsonl\n"
    "\n"
    "Each row's code cell gets today's number; NAME_name, NAME_legacy and NAME_reason\n"
    "are added (JSON Lines: as keys). Untranslatable rows keep their text, are marked\n"
    "in NAME_reason and also go to --rejects with their line number. Exit status:\n"
    "0 all translated, 1 some untranslatable (the output is complete anyway), 2 a\n"
    "usage error or unreadable input, 74 the output could not be written, 130\n"
    "interrupted. With -o nothing is written unless the whole run succeeds.\n"
)


def test_the_help_in_full(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["migrate", "--help"]) == 0
    assert capsys.readouterr().out == HELP
    assert main(["--help"]) == 0
    assert "\n    migrate   translate old codes in a CSV, TSV or JSON Lines file\n" in (
        capsys.readouterr().out
    )


def test_an_unknown_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, b"result\n3\n")
    status, err = run(capsys, "--column", "result", "--format", "xml", source, "-o", target)
    assert status == 2
    assert "invalid choice: 'xml'" in "\n".join(err)
    assert not target.exists()


def test_a_missing_column_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", "x.csv"]) == 2
    assert "--column" in capsys.readouterr().err


def test_values_seen_before_give_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"n,result\n1,712\n2,712\n3,abc\n4,abc\n5,102\n6,102\n7, 102\n8, 102\n"
    source, target = files(tmp_path, data)
    rejects = tmp_path / "r.csv"
    status, err = run(capsys, "--column", "result", source, "-o", target, "--rejects", rejects)
    assert status == 1
    assert target.read_bytes() == (
        b"n,result,result_name,result_legacy,result_reason\n"
        b"1,711,ListenInNoActiveConversationFound,712,\n"
        b"2,711,ListenInNoActiveConversationFound,712,\n"
        b"3,abc,,,not a number\n"
        b"4,abc,,,not a number\n"
        b"5,102,UnknownToken,102,\n"
        b"6,102,UnknownToken,102,\n"
        b"7,102,UnknownToken,102,\n"
        b"8,102,UnknownToken,102,\n"
    )
    assert rejects.read_bytes() == (
        b"line,reason,n,result\n4,not a number,3,abc\n5,not a number,4,abc\n"
    )
    assert err == [
        "rows read:      8",
        "translated:     2",
        "unchanged:      4",
        "untranslatable: 2",
        "  not a number: 2",
    ]


def test_a_short_row_without_the_cell_is_blank_and_padded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, b"a,result,c\n1\n2,3\n")
    status, _ = run(capsys, "--column", "result", source, "-o", target)
    assert status == 1
    assert target.read_bytes() == (
        b"a,result,c,result_name,result_legacy,result_reason\n"
        b"1,,,,,blank\n"
        b"2,2,,SuccessListRunning,3,\n"
    )


def test_the_cache_holds_at_most_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrate, "_CACHE_SIZE", 2)
    engine = migrate._Delimited(",", "result", ("n", "l", "r"))  # pyright: ignore[reportPrivateUsage] -- the cache is not seen from outside
    out, _ = engine.feed("result\n712\n3\nx\n712\nx\n", 1, last=False)
    assert out == (
        "result,n,l,r\n"
        "711,ListenInNoActiveConversationFound,712,\n"
        "2,SuccessListRunning,3,\n"
        "x,,,not a number\n"
        "711,ListenInNoActiveConversationFound,712,\n"
        "x,,,not a number\n"
    )
    assert sorted(engine.cache) == ["3", "712"]


def test_an_output_that_is_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = files(tmp_path, b"result\n3\n")
    target.mkdir()
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert (status, err) == (74, [f"cca-codes: cannot write {target}: Is a directory"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv"]


class Failing(io.RawIOBase):
    """A stream whose reads or writes fail with *error*."""

    def __init__(self, error: BaseException, fd: int = -1) -> None:
        self.error = error
        self.fd = fd

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        raise self.error

    def write(self, data: object) -> int:
        raise self.error

    def fileno(self) -> int:
        if self.fd < 0:
            raise io.UnsupportedOperation("no descriptor")
        return self.fd


class Stream:
    """A text stream's stand-in that has only a binary ``buffer``."""

    def __init__(self, buffer: io.RawIOBase) -> None:
        self.buffer = buffer

    def fileno(self) -> int:
        return self.buffer.fileno()

    def flush(self) -> None:
        """Nothing is buffered here."""


@pytest.mark.parametrize(
    ("error", "status", "message"),
    [
        (KeyboardInterrupt(), 130, "cca-codes: interrupted; no output file was written\n"),
        (
            OSError(errno.EIO, "Input/output error"),
            2,
            "cca-codes: cannot read the input: Input/output error\n",
        ),
    ],
)
def test_a_failing_read_leaves_no_output(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    status: int,
    message: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", Stream(Failing(error)))
    target = tmp_path / "out.csv"
    assert main(["migrate", "--column", "r", "-", "-o", str(target)]) == status
    assert capsys.readouterr().err == message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "status", "message"),
    [
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), 141, ""),
        (
            OSError(errno.ENOSPC, "No space left on device"),
            74,
            "cca-codes: cannot write the output: No space left on device\n",
        ),
    ],
)
def test_a_failing_stdout(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: OSError,
    status: int,
    message: str,
) -> None:
    source, _ = files(tmp_path, b"result\n3\n")
    spare = tmp_path / "spare"
    with open(spare, "wb") as file:
        file.write(b"kept")
        file.flush()
        # stdout's descriptor goes to /dev/null after the failure: here, a spare file's.
        monkeypatch.setattr(sys, "stdout", Stream(Failing(error, os.dup(file.fileno()))))
        assert main(["migrate", "--column", "result", str(source)]) == status
    assert capsys.readouterr().err == message
    assert spare.read_bytes() == b"kept"


def test_a_closed_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _ = files(tmp_path, b"result\n3\n")
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["migrate", "--column", "result", str(source)]) == 74
    assert capsys.readouterr().err == (
        "cca-codes: cannot write the output: standard output is closed\n"
    )


@pytest.mark.parametrize("closed", [False, True])
def test_no_stderr_is_no_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, closed: bool
) -> None:
    source, target = files(tmp_path, b"result\n3\n")
    stderr = io.StringIO()
    stderr.close()
    monkeypatch.setattr(sys, "stderr", stderr if closed else None)
    assert main(["migrate", "--column", "result", str(source), "-o", str(target)]) == 0
    assert (
        target.read_bytes()
        == b"result,result_name,result_legacy,result_reason\n2,SuccessListRunning,3,\n"
    )


@pytest.mark.parametrize("block", [1, 4, 9, 100])
def test_a_header_with_a_quoted_line_ending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(migrate, "_BLOCK", block)
    source, target = files(tmp_path, b'\n"a\nb",result\n1,3\n"2\n",x\n')
    rejects = tmp_path / "r.csv"
    status, _ = run(capsys, "--column", "result", source, "-o", target, "--rejects", rejects)
    assert status == 1
    assert target.read_bytes() == (
        b'\n"a\nb",result,result_name,result_legacy,result_reason\n'
        b"1,2,SuccessListRunning,3,\n"
        b'"2\n",x,,,not a number\n'
    )
    assert rejects.read_bytes() == b'line,reason,"a\nb",result\n5,not a number,"2\n",x\n'


@pytest.mark.parametrize(
    ("data", "status", "expected"),
    [
        (
            b"result\n3\n",
            0,
            b"result,result_name,result_legacy,result_reason\n2,SuccessListRunning,3,\n",
        ),
        (b"result\n3\xff\n", 2, b""),
    ],
)
def test_a_pipe_as_output_is_written_directly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, status: int, expected: bytes
) -> None:
    # A named pipe stands for a device such as /dev/null; a test never writes to a real one.
    import stat
    import threading

    source, _ = files(tmp_path, data)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    got, _ = run(capsys, "--column", "result", source, "-o", pipe)
    reader.join(timeout=30)
    assert (got, received) == (status, [expected])
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "pipe"]


def test_each_distinct_value_is_translated_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cca_result_codes.legacy import translate as real

    asked: list[str] = []

    def translate(value: str) -> object:
        asked.append(value)
        return real(value)

    monkeypatch.setattr(migrate, "translate", translate)
    # Quoted cells and short rows take the careful path, plain ones the quick one.
    data = b'a,result\n1,"712"\n2,"712"\n3,712\n4\n5\n6,"x,y"\n7,"x,y"\n'
    source, target = files(tmp_path, data)
    status, _ = run(capsys, "--column", "result", source, "-o", target)
    assert status == 1
    assert asked == ["712", "", "x,y"]
    assert target.read_bytes() == (
        b"a,result,result_name,result_legacy,result_reason\n"
        b"1,711,ListenInNoActiveConversationFound,712,\n"
        b"2,711,ListenInNoActiveConversationFound,712,\n"
        b"3,711,ListenInNoActiveConversationFound,712,\n"
        b"4,,,,blank\n"
        b"5,,,,blank\n"
        b'6,"x,y",,,not a number\n'
        b'7,"x,y",,,not a number\n'
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (b'"",3', b'"",2,SuccessListRunning,3,'),
        (b'"a""b,c",3', b'"a""b,c",2,SuccessListRunning,3,'),
        (b'"a,",3', b'"a,",2,SuccessListRunning,3,'),
        (b'"",""', b'"","",,,blank'),
        (b'x,"3"', b"x,2,SuccessListRunning,3,"),
        (b'x,"3"4', b'x,"3"4,,,no documented meaning'),  # csv reads 34, as here
        (b'x,"""3"""', b'x,"""3""",,,not a number'),
        (b'x,3"', b'x,3",,,not a number'),
        (b",3", b",2,SuccessListRunning,3,"),  # an empty first cell
    ],
)
def test_quoted_cells_are_read_as_the_csv_module_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: bytes, expected: bytes
) -> None:
    source, target = files(tmp_path, b"k,result\n" + row + b"\n")
    run(capsys, "--column", "result", source, "-o", target)
    assert target.read_bytes() == b"k,result,result_name,result_legacy,result_reason\n" + (
        expected + b"\n"
    )


@pytest.mark.parametrize(
    ("name", "cell"),
    [("n\nx", b'"n\nx"'), ("n\rx", b'"n\rx"'), ("n;x", b"n;x"), ("n'x", b"n'x")],
)
def test_added_column_names_are_quoted_when_they_must_be(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, cell: bytes
) -> None:
    source, target = files(tmp_path, b"result\n3\n")
    run(capsys, "--column", "result", "--name-column", name, source, "-o", target)
    assert target.read_bytes() == (
        b"result," + cell + b",result_legacy,result_reason\n2,SuccessListRunning,3,\n"
    )


def named(name: str, old: int) -> bytes:
    """The keys a translated line gets, the name column being r_näme (escaped)."""
    return f', "r_n\\u00e4me": "{name}", "r_legacy": {old}, "r_reason": null}}'.encode()


def unnamed(reason: str) -> bytes:
    """The keys an untranslatable line gets."""
    return f', "r_n\\u00e4me": null, "r_legacy": null, "r_reason": "{reason}"}}'.encode()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Compact JSON, JSON whitespace (tab, carriage return) and spaces before the object.
        (b'{"a":1,"r":712}', b'{"a":1,"r":711' + named("ListenInNoActiveConversationFound", 712)),
        (
            b'  {"a" :\t1 ,\r"r"\t:\r712\t}',
            b'  {"a" :\t1 ,\r"r"\t:\r711\t' + named("ListenInNoActiveConversationFound", 712),
        ),
        (b'{"r": {"r": 3}, "r": "3"}', b'{"r": {"r": 3}, "r": 2' + named("SuccessListRunning", 3)),
        (
            b'{"r": "\\u0037\\u0031\\u0032"}',
            b'{"r": 711' + named("ListenInNoActiveConversationFound", 712),
        ),
        (b'{"\\u0072": 3}', b'{"\\u0072": 2' + named("SuccessListRunning", 3)),
        # A number too long for int() is still read as one.
        (b'{"r": ' + b"7" * 5000 + b"}", b'{"r": ' + b"7" * 5000 + unnamed("out of Int32")),
        (b'{"r": true}', b'{"r": true' + unnamed("not a number")),
        (b'{"r": [712]}', b'{"r": [712]' + unnamed("not a number")),
        (b'{"r": ""}', b'{"r": ""' + unnamed("blank")),
        # Whitespace after the object stays after it.
        (b'{"r": 3} \t', b'{"r": 2' + named("SuccessListRunning", 3) + b" \t"),
    ],
)
def test_jsonl_values_are_found_where_they_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: bytes, expected: bytes
) -> None:
    source, target = files(tmp_path, b"{}\n" + line + b"\n", "in.jsonl")
    run(capsys, "--column", "r", "--name-column", "r_n\u00e4me", source, "-o", target)
    assert target.read_bytes() == b"{" + unnamed("blank")[2:] + b"\n" + expected + b"\n"


def test_a_bom_counts_only_at_the_start_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b'\xef\xbb\xbf\n\xef\xbb\xbf{"r": 3}\n'
    source, target = files(tmp_path, data, "in.jsonl")
    status, err = run(capsys, "--column", "r", source, "-o", target)
    assert status == 1
    assert target.read_bytes() == data
    assert err[:4] == [
        "rows read:      1",
        "translated:     0",
        "unchanged:      0",
        "untranslatable: 1",
    ]
    assert err[4] == "  not JSON: 1"


class FullDiskBuffer(io.BufferedWriter):
    """A buffered file on a full disk: writes are kept, and flushing them fails."""

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_flush_leaves_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fdopen(handle: int, mode: str) -> FullDiskBuffer:
        return FullDiskBuffer(io.FileIO(handle, mode))

    monkeypatch.setattr(os, "fdopen", fdopen)
    source, target = files(tmp_path, b"result\n3\n")
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert (status, err) == (74, [f"cca-codes: cannot write {target}: No space left on device"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv"]


def test_a_temporary_file_that_went_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def vanish(path: str) -> None:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    source, target = files(tmp_path, b"result\n\xff\n")
    monkeypatch.setattr(os, "unlink", vanish)
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert (status, err) == (
        2,
        ["cca-codes: line 2: byte 0xff is not UTF-8; save the file as UTF-8 and retry"],
    )
    monkeypatch.undo()
    assert not target.exists()


@pytest.mark.parametrize(
    ("data", "careful"),
    [
        # Plain rows whose value was seen before take the quick path; the header, a first
        # value, a quoted cell, a blank line, a short row and the end take the careful one.
        (b'result,a\n712,1\n712,2\n"712",3\n712,4\n\nabc,5\nabc,6\n7\n', [1, 2, 4, 6, 7, 9, 10]),
        (
            b'result,a\r\n712,1\r\n712,2\r\n"712",3\r\n712,4\r\n\r\nabc,5\r\nabc,6\r\n',
            [1, 2, 4, 6, 7, 9],
        ),
        # A block that mixes line endings takes the careful path throughout.
        (b"result,a\r\n712,1\n712,2\n", [1, 2, 3, 4]),
    ],
)
def test_which_rows_take_the_careful_path(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    careful: list[int],
) -> None:
    seen: list[int] = []
    record = migrate._Delimited.record  # pyright: ignore[reportPrivateUsage] -- counted here

    def counted(
        self: object, piece: str, pieces: object, newline: str, line: int, *rest: object
    ) -> int:
        seen.append(line)
        return record(self, piece, pieces, newline, line, *rest)  # type: ignore[arg-type]  # the original's own arguments

    monkeypatch.setattr(migrate._Delimited, "record", counted)  # pyright: ignore[reportPrivateUsage] -- as above
    source, target = files(tmp_path, data)
    run(capsys, "--column", "result", source, "-o", target)
    assert seen == careful
    # The piece after the last line ending is an empty line to the careful path, and the
    # output is as for any row.
    assert b"712,2,ListenInNoActiveConversationFound" not in target.read_bytes()


def test_a_blank_line_is_no_row_in_a_one_column_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, b'result\n""\n\n\n')
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert status == 1
    assert (
        target.read_bytes() == b'result,result_name,result_legacy,result_reason\n"",,,blank\n\n\n'
    )
    assert err[0] == "rows read:      1"


def test_a_header_with_its_quote_left_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = files(tmp_path, b'a,"result\n')
    status, err = run(capsys, "--column", "result", source, "-o", target)
    assert (status, err) == (
        2,
        ["cca-codes: line 1: no column 'result'; the header has 'a', 'result\\n'"],
    )
