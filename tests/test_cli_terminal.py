"""cca-codes at a real terminal and under Ctrl-C, and what it shows of hostile text.

A pseudo-terminal (the pty module) stands for the user's terminal; Ctrl-C is
a real SIGINT sent to a real process. No test asserts a timing: a test that
waits has a generous timeout only so that a hang fails rather than blocks.
"""

from __future__ import annotations

import io
import json
import os
import runpy
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import _terminal as terminal
from cca_result_codes import cli as cli_module
from cca_result_codes.cli import main
from vendor_table import SPEC_DIR

if TYPE_CHECKING:
    from collections.abc import Callable

EXAMPLE = SPEC_DIR / "envelope-example.json"
COMMAND = [sys.executable, "-m", "cca_result_codes"]
SCRIPT = str(Path(sys.executable).with_name("cca-codes"))
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty and signals")


def plain_env(**extra: str) -> dict[str, str]:
    unset = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONUTF8")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(extra)
    return env


# --- a real terminal on standard input


def run_on_a_terminal(argv: list[str], typed: bytes) -> tuple[int, bytes, bytes]:
    """Run the command with a pseudo-terminal as stdin, *typed* at it before it reads."""
    import pty

    controller, terminal_end = pty.openpty()
    try:
        # Canonical mode (the default) queues the lines and each Ctrl-D's end-of-input, so
        # what is typed before the command reads is read exactly as if typed later.
        os.write(controller, typed)
        process = subprocess.Popen(
            [*COMMAND, *argv],
            stdin=terminal_end,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=plain_env(),
        )
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            pytest.fail("the command still waits for input after one Ctrl-D")
    finally:
        os.close(terminal_end)
        os.close(controller)
    return process.returncode, out, err


@posix_only
def test_one_ctrl_d_ends_the_envelope_at_a_terminal() -> None:
    envelope = EXAMPLE.read_bytes().strip().replace(b"\n", b" ")
    status, out, err = run_on_a_terminal(["explain", "-"], envelope + b"\n\x04")
    assert status == 1
    assert err == b"cca-codes: reading an envelope from the terminal; end it with Ctrl-D\n"
    assert b"Result: 102 UnknownToken (general errors): Unknown token\n" in out


@posix_only
def test_one_ctrl_d_on_an_empty_terminal_is_empty_input() -> None:
    status, out, err = run_on_a_terminal(["explain", "-"], b"\x04")
    assert (status, out) == (2, b"")
    assert err.splitlines()[-1].startswith(b"cca-codes: standard input: the input is not JSON")


@posix_only
def test_explain_without_a_file_at_a_terminal_is_a_usage_error() -> None:
    status, out, err = run_on_a_terminal(["explain"], b"\x04")
    assert (status, out) == (2, b"")
    assert err == (
        b"cca-codes: explain needs a FILE, or - to type the envelope here"
        b" (see 'cca-codes explain --help')\n"
    )


def test_explain_without_a_file_at_a_terminal_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(EXAMPLE.read_bytes())))
    assert main(["explain"]) == 2
    assert capsys.readouterr() == (
        "",
        "cca-codes: explain needs a FILE, or - to type the envelope here"
        " (see 'cca-codes explain --help')\n",
    )


def test_a_closed_stderr_leaves_the_exit_status(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    stderr.close()  # writing raises ValueError, not OSError
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["127"]) == 1
    assert main(["explain", "a\x00b.json"]) == 2


def test_explain_without_a_file_reads_a_pipe() -> None:
    result = subprocess.run(
        [*COMMAND, "explain"],
        input=EXAMPLE.read_bytes(),
        capture_output=True,
        check=False,
        env=plain_env(),
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (1, b"")
    assert b"Result: 102 UnknownToken" in result.stdout


def test_explain_without_a_file_reads_a_file_on_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with EXAMPLE.open("rb") as envelope:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(envelope))
        assert main(["explain", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["raw_code"] == 102
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["explain"]) == 2
    assert capsys.readouterr().err == "cca-codes: cannot read standard input: it is closed\n"


def test_stdin_is_read_one_read_at_a_time(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty read ends the input at once, as a terminal's Ctrl-D does; nothing reads on."""
    reads: list[int] = []
    pieces = [EXAMPLE.read_bytes(), b"", b"never read"]

    class Terminal:
        def __init__(self) -> None:
            self.buffer = self

        def isatty(self) -> bool:
            return True

        def read1(self, size: int) -> bytes:
            reads.append(size)
            return pieces.pop(0)

        def read(self, size: int) -> bytes:
            raise AssertionError("read() reads on past an empty read at a terminal")

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert main(["explain", "-"]) == 1
    assert reads == [1024 * 1024, 1024 * 1024]
    assert "Result: 102 UnknownToken" in capsys.readouterr().out


def test_a_stdin_without_read1_is_read_with_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pieces = [EXAMPLE.read_bytes(), b""]

    class Plain:
        def __init__(self) -> None:
            self.buffer = self

        def isatty(self) -> bool:
            return False

        def read(self, size: int) -> bytes:
            return pieces.pop(0)

    monkeypatch.setattr(sys, "stdin", Plain())
    assert main(["explain"]) == 1
    assert "Result: 102 UnknownToken" in capsys.readouterr().out


# --- file names that no file can have


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "a\x00b.json",
            "cca-codes: cannot read a\\x00b.json: not a possible file name (embedded null byte)\n",
        ),
        (
            "\ud800.json",
            "cca-codes: cannot read \\ud800.json: not a possible file name ('utf-8' codec can't"
            " encode character '\\ud800' in position 0: surrogates not allowed)\n",
        ),
    ],
    ids=["NUL", "lone surrogate"],
)
def test_an_impossible_file_name_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    if name.startswith("\ud800") and sys.getfilesystemencoding() != "utf-8":
        pytest.skip("the message names the file system's encoding, UTF-8 here")
    assert main(["explain", name]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == message


# --- format characters are escaped, in text and in JSON

FORMAT_CHARACTERS = [
    chr(point)
    for point in range(0x110000)
    if unicodedata.category(chr(point)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
]


# Unicode 15.1's control (Cc), format (Cf) and separator (Zl, Zp) characters, and the
# surrogates (Cs), written out: the Python that runs this may know an older Unicode.
UNICODE_15_1_UNSAFE = [
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0xAD, 0xAD),
    (0x600, 0x605),
    (0x61C, 0x61C),
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x2028, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xD800, 0xDFFF),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
]


def test_the_unsafe_characters_are_unicode_15_1s() -> None:
    expected = {point for first, last in UNICODE_15_1_UNSAFE for point in range(first, last + 1)}
    assert {point for point in range(0x110000) if terminal.is_unsafe(point)} == expected
    # Whatever Unicode this Python knows, it knows no unsafe character that is not listed.
    assert {ord(char) for char in FORMAT_CHARACTERS} <= expected


def test_the_escape_tables_fill_in_as_characters_are_met() -> None:
    # Nothing is worked out at import; each character seen is then looked up, not worked out.
    text_escapes = terminal._EscapeTable(terminal._text_escape)  # pyright: ignore[reportPrivateUsage]
    assert len(text_escapes) == 0
    assert "ab\x1bab".translate(text_escapes) == "ab\\x1bab"
    assert dict(text_escapes) == {ord("a"): ord("a"), ord("b"): ord("b"), 0x1B: "\\x1b"}
    json_escapes = terminal._EscapeTable(terminal._json_escape, kept=(0x0A,))  # pyright: ignore[reportPrivateUsage]
    assert "\n\u2028".translate(json_escapes) == "\n\\u2028"
    assert dict(json_escapes) == {0x0A: 0x0A, 0x2028: "\\u2028"}


@pytest.mark.parametrize(
    ("point", "text", "json_text"),
    [
        (0x00, "\\x00", "\\u0000"),
        (0x09, "\\t", "\\u0009"),
        (0x0A, "\\n", "\\u000a"),
        (0x0D, "\\r", "\\u000d"),
        (0x1B, "\\x1b", "\\u001b"),
        (0xFF, "\\xff", "\\u00ff"),
        (0x100, "\\u0100", "\\u0100"),
        (0xFFFF, "\\uffff", "\\uffff"),
        (0x10000, "\\U00010000", "\\ud800\\udc00"),
        (0x103FF, "\\U000103ff", "\\ud800\\udfff"),
        (0x10400, "\\U00010400", "\\ud801\\udc00"),
        (0x10FFFF, "\\U0010ffff", "\\udbff\\udfff"),
    ],
    ids=lambda value: hex(value) if isinstance(value, int) else "",
)
def test_escapes_at_their_edges(point: int, text: str, json_text: str) -> None:
    assert terminal._text_escape(point) == text  # pyright: ignore[reportPrivateUsage]
    assert terminal._json_escape(point) == json_text  # pyright: ignore[reportPrivateUsage]
    assert json.loads(f'"{json_text}"') == chr(point)


def test_every_control_and_format_character_is_escaped_in_text() -> None:
    text = "".join(FORMAT_CHARACTERS)
    shown = terminal.printable(text)
    assert shown.isascii()
    assert not [char for char in shown if char in FORMAT_CHARACTERS]
    # Python's own escapes: the text reads back as it was.
    assert shown.encode("ascii").decode("unicode_escape") == text


def test_nothing_else_is_escaped() -> None:
    others = "".join(
        chr(point)
        for point in range(0x110000)
        if unicodedata.category(chr(point)) not in ("Cc", "Cf", "Zl", "Zp", "Cs", "Cn")
    )
    assert terminal.printable(others) == others


@pytest.mark.parametrize(
    ("char", "escaped"),
    [
        ("\x00", "\\x00"),
        ("\t", "\\t"),
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\x1b", "\\x1b"),
        ("\x7f", "\\x7f"),
        ("\x9b", "\\x9b"),
        ("\xad", "\\xad"),
        ("\u061c", "\\u061c"),
        ("\u200e", "\\u200e"),
        ("\u200f", "\\u200f"),
        ("\u202e", "\\u202e"),
        ("\u2069", "\\u2069"),
        ("\ufeff", "\\ufeff"),
        ("\U000e0001", "\\U000e0001"),
        ("\ud800", "\\ud800"),
        ("\udcff", "\\udcff"),
        ("\U000e007f", "\\U000e007f"),
    ],
    ids=lambda value: f"U+{ord(value):04X}" if len(value) == 1 else "escaped",
)
def test_escapes_are_spelled_as_python_spells_them(char: str, escaped: str) -> None:
    assert terminal.printable(f"a{char}b") == f"a{escaped}b"


def test_json_escapes_read_back_as_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    class Utf8(io.StringIO):
        encoding = "utf-8"  # StringIO has no encoding of its own

    # Without surrogates: JSON reads "\\ud800\\udc00" as one character, U+10000.
    text = "".join(char for char in FORMAT_CHARACTERS if unicodedata.category(char) != "Cs")
    out = Utf8()
    monkeypatch.setattr(sys, "stdout", out)
    terminal.print_json({"error": text, "plain": "caf\u00e9 \u05d0"})
    written = out.getvalue()
    assert json.loads(written) == {"error": text, "plain": "caf\u00e9 \u05d0"}
    assert not [char for char in written if char in FORMAT_CHARACTERS and char != "\n"]
    assert "\\u200e" in written
    assert "\\udb40\\udc01" in written  # U+E0001 as JSON spells it: a surrogate pair
    assert "\\udb40\\udc7f" in written  # U+E007F
    assert '"plain": "caf\u00e9 \u05d0"' in written  # the rest is kept as sent, on UTF-8


@given(st.text(st.characters(codec="utf-8", exclude_characters="\\"), max_size=50))
@example("\u200e\u200f\u061c")
@example("\U000e0041\U000e0042")
@example("\x00\x1f\x7f\x9f")
def test_escaped_text_holds_no_unsafe_character_and_reads_back(text: str) -> None:
    shown = terminal.printable(text)
    assert not [char for char in shown if char in FORMAT_CHARACTERS]
    assert shown.encode("latin-1", "backslashreplace").decode("unicode_escape") == text


@pytest.mark.parametrize(
    "mark", ["\u200e", "\u200f", "\u061c", "\u2066", "\u200b", "\xad"], ids=ord
)
def test_bidi_marks_are_escaped_in_explain_and_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mark: str
) -> None:
    path = tmp_path / "marked.json"
    envelope = {
        "Request": {"Method": "GET", "Url": f"http://h/{mark}x"},
        "StatusCode": 500,
        "Response": {"ResultCode": 100, "Error": f"left{mark}right"},
    }
    path.write_text(json.dumps(envelope), encoding="utf-8")
    assert main(["explain", str(path)]) == 1
    out = capsys.readouterr().out
    escape = f"\\u{ord(mark):04x}" if ord(mark) > 0xFF else f"\\x{ord(mark):02x}"
    assert f"Server's message: left{escape}right\n" in out
    assert f"Request: GET http://h/{escape}x\n" in out
    assert mark not in out
    assert main([f"Unknown{mark}Token"]) == 1
    err = capsys.readouterr().err
    assert f"no result code named 'Unknown{escape}Token'" in err
    assert mark not in err


# --- a mistyped command


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("lst", "no command or result code named 'lst'; did you mean list?"),
        ("LST", "no command or result code named 'LST'; did you mean list?"),
        ("explian", "no command or result code named 'explian'; did you mean explain?"),
        ("serch", "no command or result code named 'serch'; did you mean search?"),
        (
            "legasy",
            "no command or result code named 'legasy'; did you mean legacy?",
        ),
        (
            "expor",
            "no command or result code named 'expor'; did you mean export?",
        ),
    ],
    ids=["lst", "LST", "explian", "serch", "legasy", "expor"],
)
def test_a_mistyped_command_gets_a_hint(
    capsys: pytest.CaptureFixture[str], word: str, message: str
) -> None:
    assert main([word]) == 2
    assert capsys.readouterr() == ("", f"cca-codes: {message}\n")
    assert main(["--json", word]) == 2
    assert capsys.readouterr() == ("", f"cca-codes: {message}\n")


def test_a_word_close_to_both_a_command_and_a_code_names_both(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["Failed"]) == 0  # a code's name is never taken for a command
    capsys.readouterr()
    assert main(["shw"]) == 2
    assert capsys.readouterr().err == (
        "cca-codes: no command or result code named 'shw'; did you mean show?\n"
    )
    assert main(["Faild"]) == 1
    assert capsys.readouterr().err == (
        "cca-codes: no result code named 'Faild'; did you mean Failed or JobFailed?\n"
    )
    assert main(["Lis"]) == 2
    assert capsys.readouterr().err == (
        "cca-codes: no command or result code named 'Lis'; did you mean list?\n"
    )


def test_a_word_close_to_a_command_and_to_codes_names_them_all(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sadCrc"]) == 2
    assert capsys.readouterr().err == (
        "cca-codes: no command or result code named 'sadCrc'; did you mean search?"
        " (or the code BadCrc)\n"
    )


def test_an_explicit_show_suggests_codes_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["legacy", "--reverse", "lst"]) == 1
    assert capsys.readouterr().err == "cca-codes: no result code named 'lst'\n"
    assert main(["show", "lst"]) == 1
    assert capsys.readouterr().err == "cca-codes: no result code named 'lst'\n"
    assert main(["show", "--json", "lst"]) == 1
    assert capsys.readouterr().err == "cca-codes: no result code named 'lst'\n"


def test_commands_name_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    listed = capsys.readouterr().out.split("{")[0]
    for name in cli_module.COMMANDS:
        assert f"\n    {name} " in listed
    assert len(cli_module.COMMANDS) == listed.count("\n    ")


# --- Ctrl-C


def script_entry() -> Callable[[], object]:
    """The script's ``run``, loaded without putting ``__main__`` in sys.modules."""
    namespace = runpy.run_module("cca_result_codes.__main__")  # imported, not run as a script
    entry: Callable[[], object] = namespace["run"]
    return entry


@pytest.mark.usefixtures("plain_importers")
def test_run_exits_with_the_status_of_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["cca-codes", "127"])
    with pytest.raises(SystemExit) as exit_:
        script_entry()()
    assert exit_.value.code == 1
    assert capsys.readouterr().err.startswith("cca-codes: 127 is not a documented result code")


@pytest.mark.usefixtures("plain_importers")
def test_run_turns_ctrl_c_into_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(argv: object = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "main", interrupted)
    with pytest.raises(SystemExit) as exit_:
        script_entry()()
    assert exit_.value.code == 130
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("cca_result_codes", run_name="__main__")
    assert exit_.value.code == 130


# Sends the process a real SIGINT from inside the import of the command's modules.
INTERRUPT_DURING_IMPORT = """
import os, signal, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv[1:] = ["102"]
{entry}
"""


@posix_only
@pytest.mark.parametrize(
    "module", ["cca_result_codes.cli", "cca_result_codes.exports", "cca_result_codes._terminal"]
)
@pytest.mark.parametrize(
    "entry",
    [
        "from cca_result_codes.__main__ import run\nrun()",
        "import runpy\nrunpy.run_module('cca_result_codes', run_name='__main__')",
    ],
    ids=["script", "module"],
)
def test_ctrl_c_while_the_command_loads_is_quiet(module: str, entry: str) -> None:
    code = INTERRUPT_DURING_IMPORT.format(module=module, entry=entry)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=False, timeout=120
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, b"", b"")


def loading_the_command(stderr: bytes) -> bool:
    """Whether -X importtime's report shows that the command had begun to load."""
    names = [line.rpartition(b"|")[2].strip() for line in stderr.splitlines()]
    return b"cca_result_codes._terminal" in names


@posix_only
@pytest.mark.parametrize("command", [[SCRIPT, "102"], [*COMMAND, "102"]], ids=["script", "-m"])
def test_ctrl_c_early_is_never_a_traceback_from_the_command(command: list[str]) -> None:
    """SIGINT at ever later moments, until some land while the command loads or runs.

    Whatever lands in Python's own start-up or in the package's import is not the
    command's; the test looks at the tries where the command had begun to load
    and had not yet printed its answer.
    """
    env = plain_env(PYTHONPROFILEIMPORTTIME="1")
    landed = 0
    for attempt in range(600):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        time.sleep((attempt % 150) / 2000)  # 0 to 75 ms, then again: only the moment varies
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
        if out or not loading_the_command(err):
            continue  # finished first, or interrupted before the command began
        assert b"Traceback" not in err, err.decode(errors="replace")
        assert process.returncode == 130
        landed += 1
        if landed == 3:
            break
    assert landed == 3
