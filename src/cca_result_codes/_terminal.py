"""Terminal-safe output for the ``cca-codes`` command: escaping, wrapping, writing, flushing.

The command's text reaches a terminal, a pipe or a file. Three promises hold here:

- A server's text cannot steer the terminal. Control characters, line and
  paragraph separators and every invisible format character (Unicode
  category Cf: bidi marks and overrides, zero-width characters, tags) are
  shown escaped, as ``\\x1b`` or ``\\u200e``.
- A write never ends in a traceback. A failing write or flush becomes
  ``OutputError``; a closed pipe or a full stderr is pointed at the null
  device, so that the flush at exit cannot fail again.
- Long lines wrap in time linear in their length.

>>> printable("red \\x1b[31m \\u200fleft")
'red \\\\x1b[31m \\\\u200fleft'
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

__all__ = [
    "PROG",
    "OutputError",
    "clip",
    "complain",
    "complain_raw",
    "flush",
    "is_terminal",
    "is_unsafe",
    "prepare_stdout",
    "print_json",
    "printable",
    "silence",
    "wrap",
    "write",
    "write_lines",
]

PROG = "cca-codes"
LONGEST_MESSAGE = 500

# Characters that move the cursor, change colours, reorder text or hide on a terminal:
# C0 and C1 controls and DEL, lone surrogates (a file name's undecodable bytes), then, as
# Unicode 15.1 lists them, the line and paragraph separators (Zl, Zp) and every format
# character (Cf), bidi marks and overrides included.
_UNSAFE_RANGES = (
    (0x00, 0x1F),
    (0x7F, 0x9F),
    (0xAD, 0xAD),  # SOFT HYPHEN
    (0x600, 0x605),
    (0x61C, 0x61C),  # ARABIC LETTER MARK
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),  # zero-width characters, LEFT-TO-RIGHT and RIGHT-TO-LEFT MARK
    (0x2028, 0x202E),  # separators, bidi embeddings and overrides
    (0x2060, 0x2064),
    (0x2066, 0x206F),  # bidi isolates and deprecated format characters
    (0xD800, 0xDFFF),  # lone surrogates, which no terminal can show
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),  # tags
)
_SHORT_ESCAPES = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}


def _text_escape(point: int) -> str:
    """Python's spelling of a code point: ``\\x1b``, ``\\u200e``, ``\\U000e0001``."""
    if point < 0x100:
        return _SHORT_ESCAPES.get(point, f"\\x{point:02x}")
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def _json_escape(point: int) -> str:
    """JSON's spelling of a code point: ``\\u200e``, or a surrogate pair past U+FFFF."""
    if point < 0x10000:
        return f"\\u{point:04x}"
    high, low = divmod(point - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def is_unsafe(point: int) -> bool:
    """Whether the code point *point* is one that a terminal must be shown escaped."""
    return any(first <= point <= last for first, last in _UNSAFE_RANGES)


class _EscapeTable(dict[int, "str | int"]):
    """What ``str.translate()`` makes of each code point, worked out the first time it is met.

    A text holds few distinct characters, so the table stays small, and the
    command does not pay at start-up for the 2,400 unsafe points it will
    almost never print.
    """

    def __init__(self, escape: Callable[[int], str], kept: tuple[int, ...] = ()) -> None:
        super().__init__()
        self._escape = escape
        self._kept = kept  # unsafe code points that this table leaves as they are

    def __missing__(self, point: int) -> str | int:
        found = self._escape(point) if is_unsafe(point) and point not in self._kept else point
        self[point] = found
        return found


_TEXT_ESCAPES = _EscapeTable(_text_escape)
# In JSON, json.dumps already escapes C0 and leaves only the newlines of its indentation;
# what else is unsafe becomes a \\u escape, still valid JSON.
_JSON_ESCAPES = _EscapeTable(_json_escape, kept=(ord("\n"),))


class OutputError(Exception):
    """Standard output could not be written; wraps the OSError."""

    def __init__(self, error: OSError) -> None:
        self.error = error


def printable(text: str) -> str:
    r"""*text* with control and format characters escaped, safe to show on a terminal.

    >>> printable("red \x1b[31m text\a")
    'red \\x1b[31m text\\x07'
    """
    return text.translate(_TEXT_ESCAPES)


def clip(text: str, room: int) -> str:
    """*text* cut to *room* characters, the last one an ellipsis when it was cut.

    >>> clip("UnknownToken", 8)
    'Unknown…'
    """
    return text if len(text) <= room else text[: room - 1] + "\N{HORIZONTAL ELLIPSIS}"


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most *width* characters, in time linear in ``len(text)``.

    Words are packed greedily and a word longer than a line is cut, as
    ``textwrap.wrap(break_on_hyphens=False)`` does, whose slicing of long words
    is quadratic. *first* and *rest* start the first and later lines.

    >>> wrap("no active call for agent", 12, "", "  ")
    ['no active', '  call for', '  agent']
    """
    lines: list[str] = []
    line, indent = first, len(first)
    for word in text.split(" "):  # runs of spaces count as one
        start = 0
        while start < len(word):
            empty = len(line) == indent  # a word is never empty, so this says no word yet
            room = width - len(line) - (0 if empty else 1)
            if len(word) - start <= room:
                line += word[start:] if empty else " " + word[start:]
                break
            if empty:
                room = max(room, 1)
                lines.append(line + word[start : start + room])
                start += room
            elif len(word) > width - indent and room > 0:
                # Too long for any line: fill this one first, as textwrap does.
                # (Only a whole word gets here: a cut always leaves an empty line.)
                lines.append(f"{line} {word[:room]}")
                start = room
            else:
                lines.append(line)
            line, indent = rest, len(rest)
    lines.append(line)  # never empty here but for empty text: a word's last piece always fits
    return lines


# --- writing


def prepare_stdout() -> None:
    """Make text that stdout's encoding cannot show (or a lone surrogate) escaped, never fatal."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def write(text: str) -> None:
    """Write *text* to stdout; a failing write becomes ``OutputError``."""
    stream: TextIO | None = sys.stdout
    try:
        if stream is None:
            raise OSError("standard output is closed")
        stream.write(text)
    except OSError as error:
        raise OutputError(error) from None


def write_lines(lines: list[str]) -> None:
    """Write each of *lines* with its line end."""
    write("".join(line + "\n" for line in lines))


def flush() -> None:
    """Flush stdout now, so that a failing flush is an ``OutputError``, not a failure at exit."""
    stream: TextIO | None = sys.stdout
    if stream is not None:
        try:
            stream.flush()
        except OSError as error:
            raise OutputError(error) from None


def silence(stream: TextIO | None) -> None:
    """Point *stream*'s file descriptor at the null device, if it has one.

    What is still buffered would fail again in the flush at exit: it goes nowhere.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())  # type: ignore[union-attr]  # None: AttributeError
        finally:
            os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass  # no file descriptor to redirect (closed, or replaced in-process)


def complain(message: str) -> None:
    """One line on stderr, with unsafe characters escaped and its length bounded."""
    complain_raw(f"{PROG}: {clip(printable(message), LONGEST_MESSAGE)}\n")


def complain_raw(text: str) -> None:
    """*text* on stderr as it is; a stderr that fails is silenced, never an error."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        # stderr is closed, full or strict about encodings too: the exit status is all that is left.
        silence(sys.stderr)


def _stdout_takes_utf8() -> bool:
    import codecs

    encoding = getattr(sys.stdout, "encoding", None)
    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def print_json(value: object) -> None:
    """*value* as JSON indented by two, with unsafe characters as ``\\u`` escapes."""
    import json

    utf8 = _stdout_takes_utf8()
    # On UTF-8, keep the server's words as sent; lone surrogates come out as \\u escapes
    # through the stream's backslashreplace, which JSON reads back. Elsewhere, ASCII.
    text = json.dumps(value, indent=2, ensure_ascii=not utf8)
    if utf8:
        text = text.translate(_JSON_ESCAPES)
    write(text + "\n")


def is_terminal(stream: TextIO | None) -> bool:
    """Whether *stream* is a terminal; a closed or replaced stream is not."""
    try:
        return bool(stream.isatty())  # type: ignore[union-attr]  # None: AttributeError
    except (AttributeError, ValueError):
        return False
