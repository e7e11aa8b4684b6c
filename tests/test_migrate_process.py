"""cca-codes migrate as a process: Ctrl-C, a full disk, a broken pipe, the progress line."""

from __future__ import annotations

import io
import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cca_result_codes import migrate
from cca_result_codes.cli import main

COMMAND = [sys.executable, "-m", "cca_result_codes", "migrate", "--column", "result"]
ROWS = b"".join(b"%d,712\n" % number for number in range(200_000))


def test_ctrl_c_leaves_no_output_and_exits_130(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    process = subprocess.Popen(
        [*COMMAND, "--format", "csv", "-o", str(target), "--rejects", str(tmp_path / "r.csv")],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(b"id,result\n" + ROWS)
    process.stdin.flush()
    deadline = time.monotonic() + 60
    # The temporary files appear once the run has started; the input is still open.
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(list(tmp_path.iterdir())) == 2
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err == b"cca-codes: interrupted; no output file was written\n"
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_on_stdout_exits_74(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,result\n" + ROWS)
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [*COMMAND, str(source)], stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert result.returncode == 74
    assert result.stderr == b"cca-codes: cannot write the output: No space left on device\n"
    assert source.read_bytes() == b"id,result\n" + ROWS


def test_a_broken_pipe_exits_141_quietly(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,result\n" + ROWS * 5)
    process = subprocess.Popen(
        [*COMMAND, str(source)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stdout.read(10) == b"id,result,"
    process.stdout.close()  # as "| head" does
    _, err = process.communicate(timeout=60)
    assert process.returncode == 141
    assert err == b""


def test_the_progress_line_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = itertools.count(10_000)
    monkeypatch.setattr(migrate, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(time, "monotonic", lambda: next(clock) / 10)
    monkeypatch.setattr(migrate, "_BLOCK", 10)
    source = tmp_path / "in.csv"
    source.write_bytes(b"result\n712\n712\n712\n712\n712\n712\n")
    status = main(["migrate", "--column", "result", str(source), "-o", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert status == 0
    # The file is 31 bytes, read 10 at a time, cut after the last whole line: the header,
    # then 3 rows, 2 rows, 1 row. The clock reads 1000.0 s at the start and 0.1 s more at
    # each look, so the line is drawn once, after 5 rows at 0.3 s (17 rows/s), with 30 of
    # the 31 bytes read (96%); 0.1 s and 0.2 s later it is too soon to draw it again.
    progress, summary = err.split("\r\x1b[K")
    assert progress == "\r5 rows, 17 rows/s, 96%   "
    assert summary.startswith("rows read:      6\n")


def test_stdin_closed(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["migrate", "--column", "result", "--format", "csv"]) == 2
    assert capsys.readouterr().err == "cca-codes: cannot read standard input: it is closed\n"


def test_the_input_stays_untouched_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,result\n1,712\n")
    before = os.stat(source)
    result = subprocess.run(
        [*COMMAND, str(source), "-o", str(tmp_path / "out.csv")],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in.csv", "out.csv"]
    assert os.stat(source).st_mtime_ns == before.st_mtime_ns


@pytest.mark.parametrize(
    ("data", "progress"),
    [
        # Standard input has no size: no percent. A quarter of a second is time enough.
        (b"result\n3\n3\n", "\r2 rows, 8 rows/s   \r2 rows, 4 rows/s   \r\x1b[K"),
    ],
)
def test_no_percent_when_the_size_is_unknown(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    progress: str,
) -> None:
    clock = itertools.count(4_000)
    monkeypatch.setattr(migrate, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(time, "monotonic", lambda: next(clock) / 4)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO()))
    assert main(["migrate", "--column", "result", "--format", "csv"]) == 0
    assert capsys.readouterr().err.startswith(progress + "rows read:      2\n")


@pytest.mark.parametrize(
    ("data", "progress"),
    [
        (b"", "\r0 rows, 0 rows/s   "),  # an empty file: no percent
        # One blank line (1 byte, all read): drawn after it, and again at the end.
        (b"\n", "\r0 rows, 0 rows/s, 100%   " * 2),
    ],
)
def test_the_progress_line_goes_before_an_error(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: bytes,
    progress: str,
) -> None:
    clock = itertools.count(4_000)
    monkeypatch.setattr(migrate, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(time, "monotonic", lambda: next(clock) / 4)
    source = tmp_path / "in.csv"
    source.write_bytes(data)
    assert main(["migrate", "--column", "result", str(source)]) == 2
    assert capsys.readouterr().err == (
        f"{progress}\r\x1b[Kcca-codes: the input is empty: no header with a column 'result'\n"
    )


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_the_progress_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = itertools.count(4_000)
    monkeypatch.setattr(time, "monotonic", lambda: next(clock) / 4)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    source = tmp_path / "in.csv"
    source.write_bytes(b"result\n3\n")
    assert main(["migrate", "--column", "result", str(source), "-o", str(tmp_path / "o.csv")]) == 0
    assert terminal.getvalue().startswith("\r1 rows, 4 rows/s, 100%   ")
