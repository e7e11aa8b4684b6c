"""cca-codes at the edges: closed pipes, full disks, closed stdin, odd encodings, hostile text.

Each subprocess gets the environment it relies on, built here: no
PYTHONUNBUFFERED, no PYTHONDONTWRITEBYTECODE, and the encoding the test names.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from cca_result_codes import __version__
from cca_result_codes import _terminal as terminal
from cca_result_codes import cli as cli_module
from cca_result_codes.cli import main
from vendor_table import SPEC_DIR

EXAMPLE = SPEC_DIR / "envelope-example.json"
ROOT = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "cca_result_codes"]
WRITE_HEAVY = [
    ["711"],
    ["list"],
    ["list", "--json"],
    ["list", "--format", "table"],
    ["search", "busy"],
    ["export"],
    ["export", "--format", "csv"],
    ["export", "--format", "markdown"],
    ["export", "--format", "typescript"],
    ["--help"],
    ["help", "explain"],
    ["--version"],
    ["explain", str(EXAMPLE)],
]
needs_dev_full = pytest.mark.skipif(
    not os.path.exists("/dev/full"), reason="needs /dev/full (Linux) to fill a disk"
)
HOSTILE_ERROR = "d\u00e9faut \x1b[31mred\x07 \x9b2J \u202eevil\n\ud800 end"


def plain_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell, plus *extra*."""
    unset = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONUTF8")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(extra)
    return env


def cca_codes(
    *argv: str,
    env: dict[str, str] | None = None,
    stdout: int | BinaryIO = subprocess.PIPE,
    stderr: int | BinaryIO = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *argv],
        env=plain_env() if env is None else env,
        stdout=stdout,
        stderr=stderr,
        check=False,
        timeout=120,
    )


def envelope_file(tmp_path: Path, error: str, **request: str) -> str:
    envelope: dict[str, object] = {
        "StatusCode": 500,
        "Response": {"ResultCode": 100, "Error": error},
    }
    if request:
        envelope["Request"] = request
    path = tmp_path / "envelope.json"
    # ensure_ascii keeps the lone surrogate as a \ud800 escape, which is valid JSON.
    path.write_text(json.dumps(envelope), encoding="ascii")
    return str(path)


# --- broken pipes, full disks, closed streams


@pytest.mark.parametrize("argv", WRITE_HEAVY, ids=" ".join)
def test_a_reader_gone_before_the_first_write_is_quiet_every_time(argv: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # deterministic: every write fails with EPIPE
    try:
        result = cca_codes(*argv, stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, b"")


@pytest.mark.parametrize("command", ["list", "export", "export --format csv", "list --json"])
def test_head_closing_the_pipe_is_quiet(command: str) -> None:
    for _ in range(3):
        result = subprocess.run(
            ["bash", "-c", f"'{sys.executable}' -m cca_result_codes {command} | head -c 3"],
            env=plain_env(),
            capture_output=True,
            check=False,
            timeout=120,
        )
        assert len(result.stdout) == 3
        assert result.stderr == b""


@needs_dev_full
@pytest.mark.parametrize("argv", WRITE_HEAVY, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_74(argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = cca_codes(*argv, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 74
    assert result.stderr == b"cca-codes: cannot write the output: No space left on device\n"


@needs_dev_full
def test_stderr_full_too_still_gives_the_exit_status() -> None:
    with open("/dev/full", "wb") as full:
        result = cca_codes("711", stdout=full, stderr=full)
    assert result.returncode == 74
    with open("/dev/full", "wb") as full:
        result = cca_codes("127", stdout=subprocess.PIPE, stderr=full)
    assert (result.returncode, result.stdout) == (1, b"")


@pytest.mark.parametrize(("argv", "status"), [(["711"], 74), (["list", "--json"], 74)])
def test_a_closed_stdout_is_a_write_error(argv: list[str], status: int) -> None:
    command = " ".join(["exec", f"'{sys.executable}'", "-m", "cca_result_codes", *argv, ">&-"])
    result = subprocess.run(
        ["bash", "-c", command], env=plain_env(), capture_output=True, check=False, timeout=120
    )
    assert result.returncode == status
    assert result.stderr == b"cca-codes: cannot write the output: standard output is closed\n"


def test_a_closed_stdin_is_a_usage_error() -> None:
    command = f"exec '{sys.executable}' -m cca_result_codes explain - <&-"
    result = subprocess.run(
        ["bash", "-c", command], env=plain_env(), capture_output=True, check=False, timeout=120
    )
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == b"cca-codes: cannot read standard input: it is closed\n"


def test_closed_stdout_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["711"]) == 74
    assert main(["list"]) == 74  # not a terminal: tab-separated, and still nowhere to go
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["explain", "-"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "cca-codes: cannot write the output: standard output is closed",
        "cca-codes: cannot write the output: standard output is closed",
        "cca-codes: cannot read standard input: it is closed",
    ]


def test_a_write_error_in_process_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["list", "--format", "table"]) == 74
    assert (
        capsys.readouterr().err == "cca-codes: cannot write the output: No space left on device\n"
    )


def test_a_failing_flush_is_caught_inside_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class FlushFails(io.StringIO):
        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", FlushFails())
    assert main(["711"]) == 141
    assert capsys.readouterr().err == ""


def test_a_failing_stderr_is_pointed_at_devnull(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    stderr = io.TextIOWrapper(io.FileIO(write_end, "w"), encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", stderr)
    try:
        assert main(["127"]) == 1
        # What stderr still buffers goes nowhere, so the flush at exit cannot fail.
        assert os.path.samestat(os.fstat(write_end), os.stat(os.devnull))
    finally:
        stderr.close()


def test_a_failing_stderr_leaves_the_exit_status(monkeypatch: pytest.MonkeyPatch) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(sys, "stderr", Full())
    assert main(["127"]) == 1
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["127"]) == 1


# --- input


def test_endless_input_is_refused_past_the_limit() -> None:
    result = cca_codes("explain", "/dev/zero")
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == (
        b"cca-codes: /dev/zero: the input is larger than 32 MiB, the most this command reads\n"
    )


class EndlessStdin:
    """A stdin whose buffer never ends, counting what is read from it."""

    def __init__(self) -> None:
        self.buffer = self
        self.read_so_far = 0

    def isatty(self) -> bool:
        return False

    def read(self, size: int) -> bytes:
        self.read_so_far += size
        if self.read_so_far > 40 * 1024 * 1024:
            raise AssertionError("read past the limit")  # fail, rather than hang
        return b" " * size


def test_reading_stops_one_chunk_past_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = EndlessStdin()
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["explain", "-"]) == 2
    assert stdin.read_so_far == 32 * 1024 * 1024 + 1024 * 1024  # 33 one-MiB chunks
    assert capsys.readouterr().err == (
        "cca-codes: standard input: the input is larger than 32 MiB, the most this command reads\n"
    )


@pytest.mark.parametrize(("padding", "status"), [(0, 1), (1, 2)])
def test_the_limit_is_32_mib_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], padding: int, status: int
) -> None:
    envelope = EXAMPLE.read_bytes().strip()
    path = tmp_path / "padded.json"
    path.write_bytes(envelope + b" " * (32 * 1024 * 1024 - len(envelope) + padding))
    assert main(["explain", str(path)]) == status
    captured = capsys.readouterr()
    if status == 2:
        assert captured == (
            "",
            f"cca-codes: {path}: the input is larger than 32 MiB, the most this command reads\n",
        )
    else:
        assert captured.err == ""
        assert "Result: 102 UnknownToken" in captured.out


def test_a_terminal_on_stdin_gets_a_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(EXAMPLE.read_bytes())))
    assert main(["explain", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "cca-codes: reading an envelope from the terminal; end it with Ctrl-D\n"
    assert "Result: 102 UnknownToken" in captured.out


def test_a_failing_stdin_read_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: object) -> int:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Broken())))
    assert main(["explain", "-"]) == 2
    assert capsys.readouterr().err == (
        "cca-codes: cannot read standard input: Input/output error\n"
    )


def test_a_directory_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"cca-codes: cannot read {tmp_path}: Is a directory\n"


# --- encodings and hostile text


@pytest.mark.parametrize(
    "extra",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "cp1252"},
        {"PYTHONIOENCODING": "utf-8"},
        {"LC_ALL": "C", "LANG": "C"},
    ],
    ids=["ascii", "cp1252", "utf-8", "C locale"],
)
def test_json_survives_any_stdout_encoding(tmp_path: Path, extra: dict[str, str]) -> None:
    path = envelope_file(tmp_path, HOSTILE_ERROR, Method="G\u00c9T\x1b", Url="http://h/\u2192")
    result = cca_codes("explain", "--json", path, env=plain_env(**extra))
    assert (result.returncode, result.stderr) == (1, b"")
    record = json.loads(result.stdout)  # json reads bytes as UTF-8; ASCII is UTF-8
    assert record["error"] == HOSTILE_ERROR
    assert record["request"] == {"method": "G\u00c9T\x1b", "url": "http://h/\u2192"}
    assert b"\x1b" not in result.stdout
    assert b"\xc2\x9b" not in result.stdout  # C1 CSI, raw
    assert b"\xe2\x80\xae" not in result.stdout  # RIGHT-TO-LEFT OVERRIDE, raw


@pytest.mark.parametrize(
    ("encoding", "error_line"),
    [
        (
            "ascii",
            "Server's message: d\\xe9faut \\x1b[31mred\\x07 \\x9b2J \\u202eevil\\n\\ud800 end",
        ),
        (
            "utf-8",
            "Server's message: d\u00e9faut \\x1b[31mred\\x07 \\x9b2J \\u202eevil\\n\\ud800 end",
        ),
    ],
)
def test_text_shows_control_characters_escaped(
    tmp_path: Path, encoding: str, error_line: str
) -> None:
    path = envelope_file(tmp_path, HOSTILE_ERROR, Method="GET\x07", Url="http://h/\x1b]0;x\x07")
    result = cca_codes("explain", path, env=plain_env(PYTHONIOENCODING=encoding))
    assert (result.returncode, result.stderr) == (1, b"")
    lines = result.stdout.decode(encoding).splitlines()
    assert lines == [
        "Request: GET\\x07 http://h/\\x1b]0;x\\x07",
        "Server version: not given; HTTP status 500",
        "Result: 100 Failed (general errors): General error",
        error_line,
        "Outcome: failure; retrying is not advised",
    ]


def test_show_under_ascii_is_the_same_as_under_utf8() -> None:
    formats = ["json", "csv", "markdown", "jsonschema", "typescript"]
    for argv in (["711"], ["list"], *(["export", "--format", fmt] for fmt in formats)):
        ascii_run = cca_codes(*argv, env=plain_env(PYTHONIOENCODING="ascii"))
        utf8_run = cca_codes(*argv, env=plain_env(PYTHONIOENCODING="utf-8"))
        assert (ascii_run.returncode, ascii_run.stderr) == (0, b"")
        assert ascii_run.stdout == utf8_run.stdout


def test_arguments_that_are_not_utf8_are_answered(tmp_path: Path) -> None:
    result = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"cca_result_codes", b"caf\xe9"],
        env=plain_env(PYTHONIOENCODING="ascii"),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == b"cca-codes: no result code named 'caf\\udce9'\n"
    missing = os.fsencode(tmp_path) + b"/\xff.json"
    result = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"cca_result_codes", b"explain", missing],
        env=plain_env(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr == (
        b"cca-codes: cannot read "
        + os.fsencode(tmp_path)
        + b"/\\udcff.json: No such file or directory\n"
    )


def test_json_on_a_stdout_of_unknown_encoding_is_ascii(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    class OddEncoding(io.StringIO):
        encoding = "no-such-codec"  # StringIO has no encoding of its own

    stdout = OddEncoding()
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["explain", "--json", envelope_file(tmp_path, "caf\u00e9")]) == 1
    assert '"error": "caf\\u00e9"' in stdout.getvalue()


def test_text_a_strict_stdout_cannot_encode_is_escaped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sink = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(sink, encoding="ascii", errors="strict"))
    assert main(["explain", envelope_file(tmp_path, "caf\u00e9 \ud800")]) == 1
    sys.stdout.flush()
    assert b"Server's message: caf\\xe9 \\ud800\n" in sink.getvalue()


def test_json_on_a_stdout_with_no_encoding_is_ascii(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    written: list[str] = []

    class Bare:
        """A writer with nothing but write and flush."""

        def write(self, text: str) -> int:
            written.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setattr(sys, "stdout", Bare())
    assert main(["explain", "--json", envelope_file(tmp_path, "caf\u00e9")]) == 1
    assert '  "error": "caf\\u00e9",\n' in "".join(written)


def test_the_fast_path_needs_no_parser(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_parser(args: list[str], shorthand: bool) -> int:
        raise AssertionError(f"the parser ran for {args}")

    monkeypatch.setattr(cli_module, "_run_parser", no_parser)
    assert main(["102"]) == 0
    assert main(["--version"]) == 0
    assert main(["show", "zzzz"]) == 1
    assert capsys.readouterr().out.startswith("102 UnknownToken\n")


def test_a_long_unbroken_error_is_wrapped_without_loss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = "x" * 4_000_000  # quadratic wrapping took about 15 s here
    assert main(["explain", envelope_file(tmp_path, error)]) == 1
    lines = capsys.readouterr().out.splitlines()
    message = lines[2:-1]
    assert all(len(line) == 80 for line in message[:-1])
    assert message[0] == "Server's message: " + "x" * 62  # filled first, as textwrap does
    assert "".join(line.removeprefix("  ") for line in message) == "Server's message: " + error


# --- the internal-error net


def test_an_internal_error_is_one_line_asking_for_a_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_: object) -> int:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli_module, "_show_text", broken)
    assert main(["102"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("cca-codes: internal error: RuntimeError: boom\\nsecond line; ")
    version = sys.version_info
    assert err.endswith(
        "; this is a bug, please report it with the command you ran"
        f" (cca-codes {__version__}, Python {version.major}.{version.minor}.{version.micro})\n"
    )
    assert "Traceback" not in err


def test_very_long_messages_are_clipped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--category", "x" * 2000]) == 2
    err = capsys.readouterr().err
    assert len(err) == len("cca-codes: ") + 500 + 1
    assert err.endswith("\N{HORIZONTAL ELLIPSIS}\n")


# --- the linear wrapper against textwrap

words = st.lists(st.text("abcdefgh.,'()", min_size=1, max_size=30), max_size=40)
indents = st.sampled_from(["", "> ", "  ", "Server's message: "])


@given(words, st.integers(min_value=1, max_value=90), indents, indents)
@example([], 20, "> ", "  ")
@example(["a" * 12] * 3, 14, "> ", "  ")
@example(["ab", "a" * 7], 10, "> ", "    ")  # fits the first line's room, not the next's
@example(["ab", "abcdefghij"], 6, "> ", "  ")
@example(["ab", "a" * 9], 10, "> ", "")  # longer than the first line's room only
@example(["a" * 9, "ab", "b" * 9], 10, "", "  ")  # longer than a later line's room only
@example(["ab", "a" * 8], 10, "> ", "  ")  # exactly the first line's room
@example(["a" * 9, "b" * 12], 10, "", "")  # a full line before a long word
@example(["ab", "c" * 40], 10, "> ", "")  # cut four times, into lines of two widths
def test_wrap_packs_words_as_textwrap_does(
    parts: list[str], width: int, first: str, rest: str
) -> None:
    import textwrap

    # With an indent as wide as the line, textwrap emits lines of bare spaces.
    assume(width > max(len(first), len(rest)))
    text = " ".join(parts)
    expected = textwrap.wrap(
        text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first]
    lines = terminal.wrap(text, width, first, rest)
    # textwrap may leave a space at the end of a line before a cut word; ours does not.
    assert lines == [line.rstrip(" ") if line != first else line for line in expected]


@given(st.text(st.characters(codec="utf-8"), max_size=300), st.integers(1, 100))
@example("x" * 250, 80)
@example("ab", 1)
@example("", 5)
def test_wrap_never_loses_a_character(text: str, width: int) -> None:
    lines = terminal.wrap(text, width)
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_examples() -> None:
    wrap = terminal.wrap
    assert wrap("a  b   c ", 10) == ["a b c"]  # runs of spaces count as one
    assert wrap("> " + "x" * 9, 10, "", "  ") == [">", "  xxxxxxxx", "  x"]
    assert wrap("ab abcdefghij", 6, "> ", "  ") == ["> ab a", "  bcde", "  fghi", "  j"]
    assert wrap("abc", 2, "long lead ", "") == ["long lead a", "bc"]
    assert wrap("no active call for agent", 12, "", "  ") == ["no active", "  call for", "  agent"]
