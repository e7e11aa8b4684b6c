"""``cca-codes migrate``: translate a column of stored legacy codes in a CSV, TSV or JSONL file.

A streaming filter. Every input row is in the output, in order. The code
cell of a row becomes today's number; a name column, a column keeping the
old number and a reason column are added. Every other byte is kept: quoted
fields, a UTF-8 BOM, ``\\r\\n`` line endings, blank lines, ragged rows, and in
JSON Lines every other key's exact text.

Records are split by a small scanner that follows the rules of Python's
``csv`` module (a quote opens a quoted field only at the start of a field),
and the output is the input's own text with the one cell replaced, never a
re-serialisation. The whole run holds one block of input at a time.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

from .legacy import BLANK, NOT_A_NUMBER, translate

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator
    from typing import BinaryIO

__all__ = ["FORMATS", "MigrationError", "Summary", "add_command", "migrate", "run"]

FORMATS = ("csv", "tsv", "jsonl")
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_SEPARATORS = {"csv": ",", "tsv": "\t"}

EXIT_OK, EXIT_UNTRANSLATABLE, EXIT_USAGE = 0, 1, 2
EXIT_WRITE_ERROR, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 74, 130, 141

NOT_JSON = "not JSON"
NOT_AN_OBJECT = "not a JSON object"

_BLOCK = 1 << 20  # bytes read, and so written, at a time: benchmark row "cca-codes migrate"
_LONGEST_RECORD = 1 << 20  # a quoted field left open must not swallow the whole file
_CACHE_SIZE = 10_000  # distinct stored values are few; garbage must not grow memory
_PROGRESS_EVERY = 0.25  # seconds between redraws of the progress line

_TRANSLATED, _UNCHANGED = 0, 1  # indices into the counts; reasons follow

_EPILOG = """\
examples:
  cca-codes migrate --column result calls.csv -o calls-new.csv
  cca-codes migrate --column result --format tsv < calls.tsv > calls-new.tsv
  cca-codes migrate --column call.result events.jsonl -o events-new.jsonl \\
      --rejects rejects.jsonl

Each row's code cell gets today's number; NAME_name, NAME_legacy and NAME_reason
are added (JSON Lines: as keys). Untranslatable rows keep their text, are marked
in NAME_reason and also go to --rejects with their line number. Exit status:
0 all translated, 1 some untranslatable (the output is complete anyway), 2 a
usage error or unreadable input, 74 the output could not be written, 130
interrupted. With -o nothing is written unless the whole run succeeds.
"""

# Characters that move the cursor or change colours on a terminal, escaped in messages.
_ESCAPES = {
    point: f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"
    for point in (*range(0x20), *range(0x7F, 0xA0), *range(0x2028, 0x202F), *range(0x2066, 0x206A))
}


class MigrationError(Exception):
    """The run cannot go on: bad input, a missing column, a failed write."""

    def __init__(self, message: str, exit_status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_status = exit_status


class Summary:
    """What a run did: rows read, and how many translated, unchanged or untranslatable."""

    def __init__(
        self, rows: int, translated: int, unchanged: int, untranslatable: dict[str, int]
    ) -> None:
        self.rows = rows
        self.translated = translated
        self.unchanged = unchanged
        self.untranslatable = untranslatable

    @property
    def rejected(self) -> int:
        """The untranslatable rows, all reasons together."""
        return sum(self.untranslatable.values())

    def lines(self, seconds: float) -> list[str]:
        """The summary as printed on stderr."""
        lines = [
            f"rows read:      {self.rows}",
            f"translated:     {self.translated}",
            f"unchanged:      {self.unchanged}",
            f"untranslatable: {self.rejected}",
        ]
        lines += [f"  {reason}: {count}" for reason, count in sorted(self.untranslatable.items())]
        lines.append(f"time taken:     {seconds:.2f} s")
        return lines


# --- the command line


def add_command(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Register ``migrate``: *command* is (name, summary, description, **layout)."""
    import argparse

    parser = command(
        "migrate",
        "translate old codes in a CSV, TSV or JSON Lines file",
        "Translate a column of result codes stored by servers older than 5.4.6\n"
        "in a CSV, TSV or JSON Lines file, keeping every other byte. Every row is in\n"
        "the output, in order; a summary goes to stderr.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "input",
        nargs="?",
        default="-",
        metavar="INPUT",
        help="the file to read, or - (the default) for standard input",
    )
    parser.add_argument(
        "--column",
        required=True,
        metavar="NAME",
        help="the column holding the old codes (JSON Lines: a key, dotted for nested objects)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        metavar="FORMAT",
        help="csv, tsv or jsonl (default: from the file's name)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here, atomically (default: standard output)"
    )
    parser.add_argument(
        "--rejects",
        metavar="FILE",
        help="also write the untranslatable rows here, with line numbers",
    )
    parser.add_argument("--name-column", metavar="NAME", help="default: COLUMN_name")
    parser.add_argument("--legacy-column", metavar="NAME", help="default: COLUMN_legacy")
    parser.add_argument("--reason-column", metavar="NAME", help="default: COLUMN_reason")
    parser.set_defaults(handler=run)


def run(options: argparse.Namespace) -> int:
    """Run ``cca-codes migrate`` with parsed *options*; return the exit status. Never raises."""
    started = time.perf_counter()
    outputs: list[_AtomicFile] = []
    try:
        try:
            fmt = _choose_format(options.format, options.input, options.output)
            column: str = options.column
            added = (
                options.name_column or f"{column}_name",
                options.legacy_column or f"{column}_legacy",
                options.reason_column or f"{column}_reason",
            )
            _refuse_overwriting_input(options.input, options.output, options.rejects)
            source = _open_input(options.input)
            try:
                sink = _AtomicFile(options.output) if options.output else None
                if sink is not None:
                    outputs.append(sink)
                rejects = _AtomicFile(options.rejects) if options.rejects else None
                if rejects is not None:
                    outputs.append(rejects)
                progress = _Progress(source) if _stderr_is_terminal() else None
                try:
                    summary = migrate(
                        source,
                        sink.write if sink is not None else _write_stdout,
                        None if rejects is None else rejects.write,
                        fmt,
                        column,
                        added,
                        progress,
                    )
                finally:
                    if progress is not None:
                        progress.clear()  # before any message
            finally:
                if source is not sys.stdin.buffer:
                    source.close()
            for output in outputs:
                output.commit()
            outputs.clear()
        finally:
            for output in outputs:
                output.discard()
    except MigrationError as error:
        _complain(str(error))
        return error.exit_status
    except _BrokenPipe:
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        _complain("interrupted; no output file was written")
        return EXIT_INTERRUPTED
    _say("\n".join(summary.lines(time.perf_counter() - started)) + "\n")
    return EXIT_UNTRANSLATABLE if summary.untranslatable else EXIT_OK


def _choose_format(given: str | None, path: str, output: str | None) -> str:
    if given is not None:
        return given
    for name in filter(None, (path, output)):  # "-" has no suffix
        found = _SUFFIXES.get(os.path.splitext(name)[1].lower())
        if found is not None:
            return found
    raise MigrationError(
        "cannot tell the format from the file's name; give --format csv, tsv or jsonl"
    )


def _refuse_overwriting_input(path: str, *outputs: str | None) -> None:
    named = [output for output in outputs if output]
    if len({os.path.realpath(output) for output in named}) < len(named):
        raise MigrationError("-o and --rejects name the same file")
    if path == "-":
        return
    for output in named:
        with contextlib.suppress(OSError):  # one of them does not exist (yet): they differ
            if os.path.samefile(path, output):
                raise MigrationError(
                    f"{_printable(output)} is the input file; write the output to another file"
                )


def _open_input(path: str) -> BinaryIO:
    if path == "-":
        if sys.stdin is None:
            raise MigrationError("cannot read standard input: it is closed")
        return sys.stdin.buffer
    try:
        return open(path, "rb")  # closed by run()
    except OSError as error:
        raise MigrationError(f"cannot read {_printable(path)}: {error.strerror or error}") from None


class _BrokenPipe(Exception):
    """Standard output's reader went away, as with ``| head``."""


class _AtomicFile:
    """A file written under a temporary name in its directory, renamed into place on commit.

    A device or a pipe (``-o /dev/null``) is written directly: it cannot be replaced.
    """

    def __init__(self, path: str) -> None:
        import stat
        import tempfile

        self.path = path
        self.temporary: str | None = None
        try:
            if os.path.exists(path) and not stat.S_ISREG(os.stat(path).st_mode):
                # open() refuses a directory itself.
                self.file = open(path, "wb")  # noqa: SIM115  # closed by commit() or discard()
                return
            handle, self.temporary = tempfile.mkstemp(
                prefix=f".{os.path.basename(path)}.",
                suffix=".tmp",
                dir=os.path.dirname(path) or ".",
            )
        except OSError as error:
            raise self._failure(error) from None
        self.file = os.fdopen(handle, "wb")
        umask = os.umask(stat.S_IRWXO)  # read by setting; the mask set is put back at once
        os.umask(umask)
        os.chmod(self.temporary, 0o666 & ~umask)  # mkstemp's 0600 is for secrets

    def write(self, data: bytes) -> None:
        try:
            self.file.write(data)
        except OSError as error:
            raise self._failure(error) from None

    def commit(self) -> None:
        try:
            self.file.flush()
            if self.temporary is not None:
                os.fsync(self.file.fileno())
            self.file.close()
            if self.temporary is not None:
                os.replace(self.temporary, self.path)
        except OSError as error:
            raise self._failure(error) from None

    def discard(self) -> None:
        # A full disk fails the close's flush again; the file goes anyway.
        with contextlib.suppress(OSError):
            self.file.close()
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.temporary)

    def _failure(self, error: OSError) -> MigrationError:
        return MigrationError(
            f"cannot write {_printable(self.path)}: {error.strerror or error}", EXIT_WRITE_ERROR
        )


def _write_stdout(data: bytes) -> None:
    try:
        stream = sys.stdout.buffer
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise _BrokenPipe from None
    except (AttributeError, OSError) as error:
        _silence_stdout()
        reason = error.strerror if isinstance(error, OSError) else None
        raise MigrationError(
            f"cannot write the output: {reason or 'standard output is closed'}", EXIT_WRITE_ERROR
        ) from None


def _silence_stdout() -> None:
    # What is still buffered would fail again at exit: send it nowhere.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass  # no descriptor to redirect (closed, or replaced in-process)


class _Progress:
    """A progress line on stderr, redrawn at most four times a second."""

    def __init__(self, source: BinaryIO) -> None:
        self.source = source
        self.started = self.shown = time.monotonic()
        self.size: int | None = None
        try:
            status = os.fstat(source.fileno())
            if status.st_size > 0:
                self.size = status.st_size
        except (AttributeError, OSError, ValueError):
            pass  # not a file: no percent

    def update(self, rows: int) -> None:
        now = time.monotonic()
        if now - self.shown < _PROGRESS_EVERY:
            return
        self.shown = now
        line = f"\r{rows} rows, {rows / (now - self.started):.0f} rows/s"
        if self.size is not None:
            line += f", {100 * self.source.tell() // self.size}%"
        _say(line + "   ")

    def clear(self) -> None:
        _say("\r\x1b[K")


def _stderr_is_terminal() -> bool:
    stderr = sys.stderr
    return stderr is not None and not stderr.closed and stderr.isatty()


def _say(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass  # stderr is gone or closed: the exit status is all that is left


def _complain(message: str) -> None:
    _say(f"cca-codes: {message}\n")


def _printable(text: str) -> str:
    r"""*text* with control characters escaped, safe to show on a terminal.

    >>> _printable("a\x1b[31mb")
    'a\\x1b[31mb'
    """
    return text.translate(_ESCAPES)


# --- the engine


def migrate(
    source: BinaryIO,
    write: Callable[[bytes], object],
    write_rejects: Callable[[bytes], object] | None,
    fmt: str,
    column: str,
    added: tuple[str, str, str],
    progress: _Progress | None = None,
) -> Summary:
    """Translate *column* of *source* (bytes in *fmt*) into *write*; return the summary.

    *added* names the name, legacy and reason columns. Raises MigrationError
    for bad input; what was written before then is the caller's to discard.
    """
    if fmt == "jsonl":
        engine: _Delimited | _JsonLines = _JsonLines(column, added)
    else:
        engine = _Delimited(_SEPARATORS[fmt], column, added)
    line = 1
    for text, lines in _decoded_blocks(source):
        out, rejects = engine.feed(text, line, text == "")
        line += lines
        if out:
            write(out.encode())
        if rejects and write_rejects is not None:
            write_rejects(rejects.encode())
        if progress is not None:
            progress.update(engine.rows())
    return engine.finish()


# What _decoded_blocks() yields last: no text, no newlines.
_END_OF_INPUT = ("", 0)


def _decoded_blocks(source: BinaryIO) -> Iterator[tuple[str, int]]:
    """Whole lines of *source*, decoded, a block at a time; then ``("", 0)`` at the end.

    Each block is paired with its count of newlines. Raises MigrationError for
    bytes that are not UTF-8 and for NUL bytes (a binary file), naming the line.
    """
    carry = b""
    line = 1
    while True:
        try:
            data = source.read(_BLOCK)
        except OSError as error:
            raise MigrationError(f"cannot read the input: {error.strerror or error}") from None
        end = not data
        data = carry + data
        cut = len(data) if end else data.rfind(b"\n") + 1
        block, carry = data[:cut], data[cut:]
        if b"\0" in block:
            where = line + block[: block.index(b"\0")].count(b"\n")
            raise MigrationError(
                f"line {where}: a NUL byte; this looks like a binary file, not text"
            )
        try:
            text = block.decode()
        except UnicodeDecodeError as error:
            where = line + block[: error.start].count(b"\n")
            bad = block[error.start : error.start + 1].hex()
            raise MigrationError(
                f"line {where}: byte 0x{bad} is not UTF-8; save the file as UTF-8 and retry"
            ) from None
        lines = block.count(b"\n")
        line += lines
        if text:
            yield text, lines
        if end:
            yield _END_OF_INPUT
            return


class _Engine:
    """One format's translation, fed whole lines a block at a time."""

    def __init__(self) -> None:
        self.counts = [0, 0]
        self.reason_index: dict[str, int] = {}

    def rows(self) -> int:
        return sum(self.counts)

    def kind(self, reason: str) -> int:
        index = self.reason_index.get(reason)
        if index is None:
            index = self.reason_index[reason] = len(self.counts)
            self.counts.append(0)
        return index

    def finish(self) -> Summary:
        translated, unchanged = self.counts[:2]
        untranslatable = {reason: self.counts[index] for reason, index in self.reason_index.items()}
        return Summary(self.rows(), translated, unchanged, untranslatable)


class _Delimited(_Engine):
    """CSV and TSV: each record's raw text, with one cell replaced and three cells added."""

    # Set when the header is read, and only read after it.
    width: int  # the header's cells
    newline: str  # the rejects file's line ending: the header's

    def __init__(self, separator: str, column: str, added: tuple[str, str, str]) -> None:
        super().__init__()
        self.added = added
        self.separator = separator
        self.column = column
        self.index = -1  # the column's place, once the header is read
        self.pending = ""  # a record whose quoted field runs into the next block
        # Stored text -> (new cell, cells to add, kind):
        # benchmark row "cca-codes migrate" (each distinct value is translated once).
        self.cache: dict[str, tuple[str, str, int]] = {}

    def entry(self, value: str) -> tuple[str, str, int]:
        """The new cell, the cells to add and the kind for *value*, a cell's text."""
        found = self.cache.get(value)
        if found is not None:
            return found
        translation = translate(value)
        code = translation.code
        separator = self.separator
        if code is None:
            reason = str(translation.reason)
            found = (value, separator * 3 + _quoted(reason, separator), self.kind(reason))
        else:
            old = code.value if code.legacy_code is None else code.legacy_code
            found = (
                str(code.value),
                f"{separator}{code.name}{separator}{old}{separator}",
                _UNCHANGED if old == code.value else _TRANSLATED,
            )
        if len(self.cache) < _CACHE_SIZE:
            self.cache[value] = found
        return found

    def feed(self, text: str, line: int, last: bool) -> tuple[str, str]:
        # A pending record ends with the last line ending of the block before, which
        # counted its lines: it starts that many lines earlier.
        pending = self.pending
        text = pending + text
        line -= pending.count("\n")
        self.pending = ""
        if not text:
            return "", ""
        # Split at the one line ending the whole block uses, so that it is written back by
        # the join; a block that mixes endings keeps each line's own "\r".
        if "\r" not in text:
            newline = "\n"
        elif text.count("\r") == text.count("\r\n") == text.count("\n"):
            newline = "\r\n"
        else:
            newline = "\n"
        pieces = iter(text.split(newline))
        out: list[str] = []
        rejects: list[str] = []
        skew = line
        if self.index == -1:
            # The header, and blank lines before it, take the careful path. A record that
            # runs past the block spends the pieces, and so ends both loops.
            for number, piece in enumerate(pieces):
                skew += self.record(piece, pieces, newline, number + skew, out, rejects, last)
                if self.index != -1:
                    skew += number + 1
                    break
            else:
                return self.output(out, newline), ""  # no header yet, so no rejects
        mixed = newline == "\n" and "\r" in text
        append = out.append
        separator = self.separator
        width = self.width
        index = self.index
        cache = self.cache
        counts = self.counts
        # The hot loop: benchmark row "cca-codes migrate". A record without quotes splits
        # with str.split, and a value seen before costs one dict lookup.
        for number, piece in enumerate(pieces):
            if not mixed and piece and '"' not in piece:
                cells = piece.split(separator)
                if len(cells) == width:
                    found = cache.get(cells[index])
                    if found is not None:
                        new, tail, kind = found
                        counts[kind] += 1
                        if new == cells[index]:
                            append(piece + tail)
                        else:
                            cells[index] = new
                            append(separator.join(cells) + tail)
                        if kind > _UNCHANGED:
                            rejects.append(
                                f"{number + skew}{separator}{tail[3:]}{separator}{piece}"
                            )
                        continue
            skew += self.record(piece, pieces, newline, number + skew, out, rejects, last)
        return self.output(out, newline), _lines(rejects, self.newline)

    def output(self, out: list[str], newline: str) -> str:
        if self.pending:
            out.append("")  # the pending record took the block's last line ending
        return newline.join(out)

    def record(
        self,
        piece: str,
        pieces: Iterator[str],
        newline: str,
        line: int,
        out: list[str],
        rejects: list[str],
        last: bool,
    ) -> int:
        """Translate the record that starts with *piece*; return the extra lines it took.

        A record that runs past the block is kept, to be finished with the next.
        """
        if piece in ("", "\r"):  # "\r" is left only where a block's newline is "\n"
            out.append(piece)  # a blank line stays, and is no row
            return 0
        record = piece
        while True:
            spans = _cells(record, self.separator)
            if spans is not None:
                break
            try:
                record += newline + next(pieces)
            except StopIteration:
                if not last:
                    self.pending = record  # it ends with the block's last line ending
                    return record.count(newline)
                spans = _cells(record, self.separator, closed=True) or []
                break
            if len(record) > _LONGEST_RECORD:
                raise MigrationError(
                    f"line {line}: a quoted field is not closed within 1 MiB;"
                    " check the file's quotes"
                )
        body, cr = _split_cr(record)  # where the newline is "\r\n", no "\r" is left
        if cr:
            spans = _cells(body, self.separator, closed=True) or []
        if self.index == -1:
            self.take_header(body, cr, spans, line, newline, out, rejects)
            return record.count(newline)
        separator = self.separator
        cell = spans[self.index] if len(spans) > self.index else None
        value = "" if cell is None else _unquoted(body[cell[0] : cell[1]])  # short row: blank
        new, tail, kind = self.entry(value)
        self.counts[kind] += 1
        text = body
        if cell is not None and new != value:
            text = body[: cell[0]] + new + body[cell[1] :]
        text += separator * (self.width - len(spans))  # a short row is padded
        out.append(text + tail + cr)
        if kind > _UNCHANGED:
            rejects.append(f"{line}{separator}{tail[3:]}{separator}{body}")
        return record.count(newline)

    def take_header(
        self,
        body: str,
        cr: str,
        spans: list[tuple[int, int]],
        line: int,
        newline: str,
        out: list[str],
        rejects: list[str],
    ) -> None:
        names = [_unquoted(body[start:end]) for start, end in spans]
        names[0] = names[0].removeprefix("\ufeff")
        if self.column not in names:
            shown = ", ".join(repr(name) for name in names)
            raise MigrationError(
                f"line {line}: no column {_printable(repr(self.column))};"
                f" the header has {_printable(shown)}"
            )
        self.index = names.index(self.column)
        self.width = len(names)
        separator = self.separator
        added = separator.join(_quoted(name, separator) for name in self.added)
        out.append(f"{body}{separator}{added}{cr}")
        # The rejects file ends its lines as the header does.
        self.newline = "\r\n" if cr or newline == "\r\n" else "\n"
        header = body.removeprefix("\ufeff")
        rejects.append(f"line{separator}reason{separator}{header}")

    def finish(self) -> Summary:
        if self.index == -1:
            raise MigrationError(f"the input is empty: no header with a column {self.column!r}")
        return super().finish()


def _lines(items: list[str], newline: str) -> str:
    return "".join(item + newline for item in items)


def _split_cr(record: str) -> tuple[str, str]:
    if record.endswith("\r"):
        return record[:-1], "\r"
    return record, ""


def _cells(record: str, separator: str, closed: bool = False) -> list[tuple[int, int]] | None:
    """The spans of *record*'s cells, read as Python's csv module reads them.

    A quote opens a quoted field only at the start of a cell; in it a doubled
    quote is a quote. Returns None when a quoted field is still open at the
    end, unless *closed*, which ends it there.

    >>> _cells('a,"b,""c",d', ",")
    [(0, 1), (2, 9), (10, 11)]
    >>> _cells('a,"b', ",") is None
    True
    """
    spans: list[tuple[int, int]] = []
    start = 0
    size = len(record)
    while True:
        if record.startswith('"', start):
            at = start + 1
            while True:
                quote = record.find('"', at)
                if quote == -1:
                    if not closed:
                        return None
                    spans.append((start, size))
                    return spans
                if record.startswith('"', quote + 1):
                    at = quote + 2
                    continue
                break
            after = quote + 1
        else:
            after = start
        stop = record.find(separator, after)
        if stop < 0:
            spans.append((start, size))
            return spans
        spans.append((start, stop))
        start = stop + 1


def _unquoted(cell: str) -> str:
    """A cell's value: a quoted cell loses its quotes, and doubled quotes become one."""
    if cell.startswith('"'):
        close = cell.rfind('"')  # 0 when the quote never closes: then all is text
        return cell[1:close].replace('""', '"') + cell[close + 1 :]
    return cell


def _quoted(text: str, separator: str) -> str:
    """*text* as a cell: quoted when it holds the separator, a quote or a line ending."""
    if separator in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


class _JsonLines(_Engine):
    """JSON Lines: each object's text, with one value replaced and three keys added."""

    def __init__(self, column: str, added: tuple[str, str, str]) -> None:
        import json

        super().__init__()
        self.column = column
        self.path = column.split(".")
        self.json = json
        self.keys = [json.dumps(name) for name in added]

    def feed(self, text: str, line: int, last: bool) -> tuple[str, str]:
        out: list[str] = []
        rejects: list[str] = []
        dumps = self.json.dumps
        for number, piece in enumerate(text.split("\n"), line):
            body, cr = _split_cr(piece)
            offset = 1 if number == 1 and body.startswith("\ufeff") else 0  # the file's BOM
            if not body[offset:].strip():
                out.append(piece)  # a blank line stays, and is no row
                continue
            reason, new_body = self.line(body, offset)
            out.append(new_body + cr)
            if reason is not None:
                rejects.append(dumps({"line": number, "reason": reason, "text": body[offset:]}))
        return "\n".join(out), _lines(rejects, "\n")

    def line(self, body: str, offset: int) -> tuple[str | None, str]:
        """The reason *body* is untranslatable (or None), and its new text."""
        json = self.json
        try:
            record = json.loads(body[offset:], parse_int=_JsonInt, object_pairs_hook=_JsonObject)
        except ValueError:
            return self.reject(NOT_JSON), body
        if not isinstance(record, _JsonObject):
            return self.reject(NOT_AN_OBJECT), body
        path = [self.column] if self.column in record else self.path
        value: object = record
        for key in path:
            value = value.get(key) if isinstance(value, _JsonObject) else None
        code = None
        if value is None:
            reason = BLANK  # absent or null
        elif isinstance(value, str):  # a _JsonInt is a number's text
            translation = translate(str(value))
            code = translation.code
            reason = str(translation.reason)
        else:
            reason = NOT_A_NUMBER  # true, 1.5, a list
        name_key, legacy_key, reason_key = self.keys
        if code is None:
            self.reject(reason)
            extra = f"{name_key}: null, {legacy_key}: null, {reason_key}: {json.dumps(reason)}"
            return reason, _add_keys(body, extra, bool(record))
        old = code.value if code.legacy_code is None else code.legacy_code
        self.counts[_UNCHANGED if old == code.value else _TRANSLATED] += 1
        start, end = _value_span(body, offset, path)
        body = body[:start] + str(code.value) + body[end:]
        extra = f"{name_key}: {json.dumps(code.name)}, {legacy_key}: {old}, {reason_key}: null"
        return None, _add_keys(body, extra, True)

    def reject(self, reason: str) -> str:
        self.counts[self.kind(reason)] += 1
        return reason


class _JsonObject(dict[str, object]):
    """A JSON object as read (json.loads's object_pairs_hook); the last of a duplicate key wins."""


class _JsonInt(str):
    """A JSON integer's text, kept as written (json.loads's parse_int)."""


def _add_keys(body: str, extra: str, comma: bool) -> str:
    close = body.rfind("}")  # the object's own: only whitespace may follow it
    return body[:close] + (", " if comma else "") + extra + body[close:]


def _value_span(body: str, offset: int, path: list[str]) -> tuple[int, int]:
    """Where the value at *path* is written in the JSON object *body*: its start and end.

    The path is known to lead to a value: json.loads() found it.
    """
    from json import JSONDecoder

    read = JSONDecoder().raw_decode
    span = _member_span(body, _skip_space(body, offset), path[0], read)
    for key in path[1:]:
        span = _member_span(body, span[0], key, read)
    return span


def _member_span(
    body: str, brace: int, key: str, read: Callable[[str, int], tuple[object, int]]
) -> tuple[int, int]:
    """Where the value of *key* is written in the object whose brace is at *brace*.

    A duplicate key resolves as json.loads() resolves it, to the last.
    """
    found: list[tuple[int, int]] = []
    at = _skip_space(body, brace + 1)
    while True:  # json.loads() found the key: this object has members
        name, at = read(body, at)
        at = _skip_space(body, _skip_space(body, at) + 1)  # past the colon
        end = read(body, at)[1]
        if name == key:
            found.append((at, end))
        at = _skip_space(body, end)
        if not body.startswith(",", at):
            return found[-1]
        at = _skip_space(body, at + 1)


def _skip_space(text: str, at: int) -> int:
    """The first place from *at* that is not JSON whitespace (a line holds no "\\n")."""
    while text.startswith((" ", "\t", "\r"), at):
        at += 1
    return at
