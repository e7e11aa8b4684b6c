"""The ``cca-codes`` command: the table and the envelope parser at a terminal.

Exit status:

- 0: success.
- 1: a negative answer: an unknown code, a legacy number with no meaning,
  a list or search with no match, or an envelope that reports a failure.
- 2: a usage error, or input that cannot be read, is larger than
  ``MAX_INPUT_BYTES`` or is not an envelope.
- 70: an internal error, which is a bug: one line asks you to report it.
- 74: the output could not be written (a full disk, a closed stdout).
- 130: interrupted (Ctrl-C).
- 141: the reader went away (a broken pipe, as with ``| head``); nothing is printed.

Errors are one line on stderr, never a traceback. Output never fails on
encoding: text a terminal cannot show is escaped (``\\xe9``), JSON falls back
to ``\\u`` escapes, and control and format characters in a server's text are
shown escaped (``\\x1b``, ``\\u200f``), never sent to the terminal.

This module parses the command line and runs the subcommands, one
``_add_*`` function per subcommand (listed in ``_SUBCOMMANDS``) and one
handler each. What reaches the terminal goes through ``_terminal``; the
``cca-codes`` script enters through ``__main__.run``.

``cca-codes 102`` and ``cca-codes --version`` take a fast path that loads
neither argparse, json nor the envelope parser; their output and exit status
are those of the full parser.
"""

from __future__ import annotations

import sys

from . import __version__
from ._terminal import (
    PROG,
    OutputError,
    clip,
    complain,
    complain_raw,
    flush,
    is_terminal,
    prepare_stdout,
    print_json,
    printable,
    silence,
    wrap,
    write,
    write_lines,
)
from .categories import Category
from .codes import ResultCode
from .exports import block, short_version
from .versions import UNIFIED_IN, ServerVersion

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterable, Sequence
    from io import BufferedReader
    from typing import Any, NoReturn, TextIO

    from .envelope import ApiResponse

    # (name, summary, description, **layout): layout is add_parser's epilog, formatter_class.
    NewCommand = Callable[..., argparse.ArgumentParser]

__all__ = ["MAX_INPUT_BYTES", "main"]

EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL, EXIT_WRITE_ERROR = 70, 74  # EX_SOFTWARE and EX_IOERR of sysexits.h
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE
COMMANDS = ("show", "list", "search", "legacy", "explain", "export", "migrate", "help")
LIST_FORMATS = ("table", "tsv", "json")

MAX_INPUT_BYTES = 32 * 1024 * 1024
"""The most ``explain`` reads: 32 MiB. A CcaWebApi envelope is a few kilobytes."""
_CHUNK = 1024 * 1024
_WIDTH = 80
_MIN_DESCRIPTION_WIDTH = 20
# Longer digit strings (leading zeros aside) are no result code, and int() of thousands
# of digits raises.
_LONGEST_NUMBER = 12


class UserError(Exception):
    """A mistake or a negative answer, reported as one line on stderr."""

    def __init__(self, message: str, exit_status: int) -> None:
        super().__init__(message)
        self.exit_status = exit_status


class _Exit(Exception):
    """argparse finished early (``--help``) with this status."""

    def __init__(self, status: int) -> None:
        self.status = status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status.

    It never raises and never prints a traceback: see the module docstring for
    the exit statuses.
    """
    return _main(list(sys.argv[1:] if argv is None else argv), fast=True)


def _main(args: list[str], fast: bool) -> int:
    try:
        try:
            prepare_stdout()
            status = _dispatch(args, fast)
        except UserError as error:
            complain(str(error))
            status = error.exit_status
        except _Exit as done:
            status = done.status
        # Flush here, not at exit, so that a failing write is handled below.
        flush()
    except OutputError as failure:
        silence(sys.stdout)
        if isinstance(failure.error, BrokenPipeError):
            # The reader went away (as with "| head"): not worth a word.
            return EXIT_BROKEN_PIPE
        complain(f"cannot write the output: {failure.error.strerror or failure.error}")
        return EXIT_WRITE_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:
        complain(
            f"internal error: {type(error).__name__}: {error}; this is a bug, please report it"
            f" with the command you ran ({PROG} {__version__},"
            f" Python {'.'.join(map(str, sys.version_info[:3]))})"
        )
        return EXIT_INTERNAL
    return status


def _dispatch(args: list[str], fast: bool) -> int:
    expanded = _expand_shorthand(args)
    # Without a command, a word may be a mistyped command rather than a code's name.
    shorthand = expanded is not args
    if fast:
        # "cca-codes 102" is the common case: answer it without argparse.
        if expanded == ["--version"]:
            return _print_version()
        if len(expanded) == 2 and expanded[0] == "show" and _is_positional(expanded[1]):
            return _show_text(_find_code(expanded[1], suggest_commands=shorthand))
    return _run_parser(expanded, shorthand)


def _expand_shorthand(args: list[str]) -> list[str]:
    """``cca-codes 102`` and ``cca-codes --json 102`` mean ``cca-codes show ...``."""
    for arg in args:
        if arg == "--json":
            continue
        if arg in COMMANDS or not _is_positional(arg):
            return args
        return ["show", *args]
    return args


def _is_positional(arg: str) -> bool:
    # argparse reads "-5" as a number, not an option, since no option looks like one.
    return not arg.startswith("-") or _is_int(arg)


def _print_version() -> int:
    write(f"{PROG} {__version__}\n")
    return EXIT_OK


# --- the full parser


def _run_parser(args: list[str], shorthand: bool) -> int:
    parser, commands = _build_parser()
    options = parser.parse_args(args)
    options.suggest_commands = shorthand
    if options.version:
        return _print_version()
    if options.command is None:
        complain_raw(parser.format_help())
        return EXIT_USAGE
    if options.command == "help":
        topic: str | None = options.topic
        write((parser if topic is None else commands[topic]).format_help())
        return EXIT_OK
    handler: Callable[[argparse.Namespace], int] = options.handler
    return handler(options)


def _build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    import argparse

    class Parser(argparse.ArgumentParser):
        """Errors become one line; help goes through the guarded writer."""

        def error(self, message: str) -> NoReturn:
            raise UserError(f"{message} (see '{self.prog} --help')", EXIT_USAGE)

        def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
            raise _Exit(status)  # only --help gets here: error() is overridden

        def print_help(self, file: object = None) -> None:
            write(self.format_help())

    parser = Parser(
        prog=PROG,
        description="Look up CCA result codes and explain CcaWebApi responses.",
        epilog=f"'{PROG} 102' is short for '{PROG} show 102'.",
    )
    parser.add_argument(
        "--version", action="store_true", help="show program's version number and exit"
    )
    # Subparsers are Parser too (argparse uses the parent's class), so their errors are one line.
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, summary: str, description: str, **layout: Any
    ) -> argparse.ArgumentParser:
        return subparsers.add_parser(name, help=summary, description=description, **layout)

    for add_command in _SUBCOMMANDS:
        add_command(command)
    return parser, dict(subparsers.choices)


# --- one function per subcommand: its arguments, then what it does


def _add_show(command: NewCommand) -> None:
    show = command(
        "show",
        "one code, by number or name",
        "Show one result code: its description, category, first version, number"
        " before 5.4.6, retry advice and note. Names ignore case, underscores, hyphens and"
        " spaces; numbers may have leading zeros.",
    )
    show.add_argument("code", help="a number such as 102 or a name such as UnknownToken")
    _add_json_flag(show)
    show.set_defaults(handler=_show)


def _add_list(command: NewCommand) -> None:
    listing = command(
        "list",
        "codes, all or filtered, with the retry advice",
        "List codes: code, name, retry advice and description. On a terminal"
        " this is a table; into a pipe, one code per line with tab-separated fields.",
    )
    listing.add_argument("--category", help="a category's name or label, such as listen-in")
    listing.add_argument(
        "--since", help="only codes first found in VERSION or later", metavar="VERSION"
    )
    listing.add_argument(
        "--retryable", action="store_true", help="only codes this library advises retrying"
    )
    _add_list_formats(listing)
    listing.set_defaults(handler=_list)


def _add_search(command: NewCommand) -> None:
    search = command(
        "search",
        "codes whose name, description or note contain TEXT",
        "Find codes whose name, description or note contain TEXT, ignoring case."
        " Several words are one phrase. Output as for list.",
    )
    search.add_argument("text", nargs="+", help="words to find, matched as one phrase")
    _add_list_formats(search)
    search.set_defaults(handler=_search)


def _add_legacy(command: NewCommand) -> None:
    legacy = command(
        "legacy",
        "translate a number from a server older than 5.4.6",
        "Translate result code numbers sent by a server older than 5.4.6 into today's"
        " codes, or with --reverse today's codes into their old numbers. A number with no"
        " translation is reported on stderr, and the exit status is then 1. With --json,"
        " several numbers give an array, with null for a number that has none.",
    )
    legacy.add_argument(
        "number",
        nargs="+",
        help="old numbers, one or several (with --reverse: today's codes or names)",
    )
    legacy.add_argument(
        "--reverse", action="store_true", help="from today's code to its pre-5.4.6 number"
    )
    _add_json_flag(legacy)
    legacy.set_defaults(handler=_legacy)


def _add_explain(command: NewCommand) -> None:
    explain = command(
        "explain",
        "explain a CcaWebApi response in plain words",
        "Read a CcaWebApi JSON envelope (at most 32 MiB) and say what it means."
        " Exit status 0 for success, 1 for a reported failure, 2 for input that is not an"
        " envelope.",
    )
    explain.add_argument(
        "file",
        nargs="?",
        help="a file holding the JSON envelope, or - for standard input (the default when"
        " standard input is not a terminal)",
    )
    explain.add_argument(
        "--server-version",
        help="the server's version, when the envelope has none",
        metavar="VERSION",
    )
    _add_json_flag(explain)
    explain.set_defaults(handler=_explain)


def _add_export(command: NewCommand) -> None:
    from .exports import FORMATS

    export = command(
        "export",
        "the whole table as JSON, CSV, Markdown and more",
        "Print the whole table in one format, generated from the library's one table.",
    )
    formats = export.add_mutually_exclusive_group()
    formats.add_argument(
        "--format",
        choices=FORMATS,
        help=f"one of {', '.join(FORMATS)} (default: json)",
        metavar="FORMAT",
    )
    formats.add_argument("--json", action="store_true", help="the same as --format json")
    export.set_defaults(handler=_export)


def _add_migrate(command: NewCommand) -> None:
    from .migrate import add_command  # its parser and handler live beside the engine

    add_command(command)


def _add_help(command: NewCommand) -> None:
    helper = command(
        "help",
        "the help of the command, or of one COMMAND",
        "Show the help of the command, or of one COMMAND: the same as COMMAND --help.",
    )
    helper.add_argument(
        "topic", nargs="?", choices=COMMANDS, metavar="COMMAND", help="a command's name"
    )


# The subcommands in the order of the help; a new one adds its function here and its name to
# COMMANDS.
_SUBCOMMANDS: tuple[Callable[[NewCommand], None], ...] = (
    _add_show,
    _add_list,
    _add_search,
    _add_legacy,
    _add_explain,
    _add_export,
    _add_migrate,
    _add_help,
)


def _add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _add_list_formats(parser: argparse.ArgumentParser) -> None:
    formats = parser.add_mutually_exclusive_group()
    formats.add_argument(
        "--format",
        choices=LIST_FORMATS,
        help="table, tsv or json (default: table on a terminal, tsv otherwise)",
        metavar="FORMAT",
    )
    formats.add_argument("--json", action="store_true", help="the same as --format json")


# --- commands


def _show(options: argparse.Namespace) -> int:
    member = _find_code(options.code, suggest_commands=options.suggest_commands)
    if options.json:
        from .exports import record

        print_json(record(member))
        return EXIT_OK
    return _show_text(member)


def _show_text(member: ResultCode) -> int:
    rows = [
        ("Description", member.description),
        ("Category", f"{member.category.label} ({block(member.category)})"),
        ("Since", short_version(member.since)),
        ("Legacy code", _legacy_text(member)),
        ("Retryable", ("yes" if member.retryable else "no") + " (this library's advice)"),
    ]
    if member.note:
        rows.append(("Note", member.note))
    lines = [f"{member.value} {member.name}"]
    for label, value in rows:
        lead = f"  {label + ':':<13}"
        lines += wrap(value, _WIDTH, lead, " " * len(lead))
    write_lines(lines)
    return EXIT_OK


def _list(options: argparse.Namespace) -> int:
    members: Iterable[ResultCode] = ResultCode
    if options.category is not None:
        category = _find_category(options.category)
        members = [member for member in members if member.category is category]
    if options.since is not None:
        since = _parse_version(options.since, "--since")
        members = [member for member in members if member.since >= since]
    if options.retryable:
        members = [member for member in members if member.retryable]
    return _print_codes(list(members), options, "no codes match")


def _search(options: argparse.Namespace) -> int:
    phrase = " ".join(" ".join(options.text).split())
    if not phrase:
        raise UserError("search needs some TEXT to find", EXIT_USAGE)
    needle = phrase.casefold()
    found = [
        member
        for member in ResultCode
        if needle in member.name.casefold()
        or needle in member.description.casefold()
        or needle in member.note.casefold()
    ]
    return _print_codes(found, options, f"no code mentions {phrase!r}")


def _legacy(options: argparse.Namespace) -> int:
    from .legacy import LegacyCodeError, to_current, to_legacy

    # Read every argument first: a usage error prints no half answer.
    asked: list[int]
    if options.reverse:
        asked = [_find_code(text) for text in options.number]
    else:
        asked = [_parse_int(text, "the legacy number") for text in options.number]
    records: list[object] = []
    status = EXIT_OK
    for number in asked:
        try:
            if options.reverse:
                member, old = ResultCode(number), to_legacy(number)
            else:
                member, old = to_current(number), number
        except LegacyCodeError as error:
            if len(asked) == 1:
                raise UserError(str(error), EXIT_NOT_FOUND) from None
            flush()  # the answers so far first: stderr and stdout then read in order
            complain(str(error))
            records.append(None)
            status = EXIT_NOT_FOUND
            continue
        if options.json:
            from .exports import record

            records.append(record(member))
        else:
            write(_legacy_answer(old, member))
    if options.json:
        print_json(records if len(asked) > 1 else records[0])
    return status


def _legacy_answer(old: int, member: ResultCode) -> str:
    if old == member.value:
        since = short_version(UNIFIED_IN)
        return f"{old} is {member.name} both before and since {since}: {member.description}\n"
    return (
        f"{old} before {short_version(UNIFIED_IN)} is {member.value} {member.name} today:"
        f" {member.description}\n"
    )


def _explain(options: argparse.Namespace) -> int:
    from .envelope import from_response
    from .errors import EnvelopeError

    server_version = None
    if options.server_version is not None:
        server_version = _parse_version(options.server_version, "--server-version")
    path = _input_path(options.file)
    data = _read_input(path)
    try:
        reply = from_response(data, server_version=server_version)
    except EnvelopeError as error:
        raise UserError(f"{_source_name(path)}: {error}", EXIT_USAGE) from None
    if options.json:
        print_json(_response_record(reply))
    else:
        lines: list[str] = []
        for line in _explanation(reply):
            lines += wrap(line, _WIDTH, "", "  ")
        write_lines(lines)
    return EXIT_OK if reply.ok else EXIT_NOT_FOUND


def _export(options: argparse.Namespace) -> int:
    from .exports import render

    write(render(options.format or "json"))
    return EXIT_OK


# --- finding things


def _find_code(text: str, *, suggest_commands: bool = False) -> ResultCode:
    """The code *text* names or numbers; *suggest_commands* when it may be a mistyped command."""
    text = text.strip()
    if not text:
        raise UserError("a result code is a number such as 102 or a name, not ''", EXIT_USAGE)
    if _is_int(text):
        if _too_long(text):
            raise UserError(f"{clip(text, 24)} is not a documented result code", EXIT_NOT_FOUND)
        number = int(text)
        member = ResultCode.get(number)
        if member is None:
            category = Category.of(number)
            where = "" if category is None else f" (its block is {category.label})"
            raise UserError(f"{number} is not a documented result code{where}", EXIT_NOT_FOUND)
        return member
    try:
        return ResultCode.from_name(text)
    except KeyError:
        raise _unknown_name(text, suggest_commands) from None


def _unknown_name(text: str, suggest_commands: bool) -> UserError:
    import difflib

    close = difflib.get_close_matches(text, [member.name for member in ResultCode])  # at most 3
    codes = " or ".join(close)
    if suggest_commands:
        command = difflib.get_close_matches(text.lower(), COMMANDS)
        if command:
            also = f" (or the code {codes})" if close else ""
            return UserError(
                f"no command or result code named {text!r}; did you mean {command[0]}?{also}",
                EXIT_USAGE,
            )
    hint = f"; did you mean {codes}?" if close else ""
    return UserError(f"no result code named {text!r}{hint}", EXIT_NOT_FOUND)


def _find_category(text: str) -> Category:
    try:
        return Category.from_name(text)
    except KeyError:
        choices = ", ".join(category.name.lower() for category in Category)
        raise UserError(f"unknown category {text!r}; choose from {choices}", EXIT_USAGE) from None


def _parse_version(text: str, option: str) -> ServerVersion:
    try:
        return ServerVersion.parse(text)
    except ValueError as error:
        raise UserError(f"{option}: {error}", EXIT_USAGE) from None


def _parse_int(text: str, what: str) -> int:
    digits = text.strip()
    if not _is_int(digits) or _too_long(digits):
        raise UserError(f"{what} must be a whole number, not {clip(text, 24)!r}", EXIT_USAGE)
    return int(digits)


def _is_int(text: str) -> bool:
    """Whether *text* is ASCII digits with an optional sign, as ``legacy.translate()`` reads."""
    digits = _unsigned(text)
    return digits.isascii() and digits.isdigit()


def _unsigned(number: str) -> str:
    return number[1:] if number.startswith(("+", "-")) else number


def _too_long(number: str) -> bool:
    """Whether *number* has more significant digits than a result code can have.

    Leading zeros do not count, so "0000000000102" is 102, as a padded log shows it.
    """
    return not set(_unsigned(number)[:-_LONGEST_NUMBER]) <= {"0"}


# --- reading


def _input_path(path: str | None) -> str:
    """The file ``explain`` reads: *path*, or ``-`` when none is named and stdin is no terminal."""
    if path is None:
        if is_terminal(sys.stdin):
            raise UserError(
                "explain needs a FILE, or - to type the envelope here"
                f" (see '{PROG} explain --help')",
                EXIT_USAGE,
            )
        return "-"
    return path


def _read_input(path: str) -> bytearray:
    source = _source_name(path)
    try:
        if path != "-":
            with _open(path, source) as file:
                return _read_limited(file.read1, source)
        stdin: TextIO | None = sys.stdin
        if stdin is None:
            raise UserError("cannot read standard input: it is closed", EXIT_USAGE)
        if is_terminal(stdin):
            complain("reading an envelope from the terminal; end it with Ctrl-D")
        buffer = stdin.buffer
        # read1 makes one read at most, so a terminal's first Ctrl-D ends the input, as for cat.
        return _read_limited(getattr(buffer, "read1", buffer.read), source)
    except OSError as error:
        raise UserError(f"cannot read {source}: {error.strerror or error}", EXIT_USAGE) from None


def _open(path: str, source: str) -> BufferedReader:
    try:
        return open(path, "rb")
    except ValueError as error:  # a NUL, or a lone surrogate the file system cannot take
        raise UserError(
            f"cannot read {source}: not a possible file name ({error})", EXIT_USAGE
        ) from None


def _read_limited(read: Callable[[int], bytes], source: str) -> bytearray:
    """What *read* gives up to its first empty read, holding at most one chunk past the limit.

    The limit is ``MAX_INPUT_BYTES``, and the chunk the most one read asks for
    (think of /dev/zero).
    """
    data = bytearray()
    while chunk := read(_CHUNK):
        data += chunk
        if len(data) > MAX_INPUT_BYTES:
            raise UserError(
                f"{source}: the input is larger than {MAX_INPUT_BYTES >> 20} MiB,"
                " the most this command reads",
                EXIT_USAGE,
            )
    return data


def _source_name(path: str) -> str:
    return "standard input" if path == "-" else path


# --- printing


def _print_codes(members: list[ResultCode], options: argparse.Namespace, empty: str) -> int:
    fmt: str | None = "json" if options.json else options.format
    if fmt == "json":
        from .exports import record

        print_json([record(member) for member in members])
        return EXIT_OK if members else EXIT_NOT_FOUND
    if not members:
        raise UserError(empty, EXIT_NOT_FOUND)
    if fmt == "tsv" or (fmt is None and not is_terminal(sys.stdout)):
        write_lines(
            [
                f"{member.value}\t{member.name}\t{_yes_no(member.retryable)}\t{member.description}"
                for member in members
            ]
        )
    else:
        write_lines(_table(members))
    return EXIT_OK


def _table(members: list[ResultCode]) -> list[str]:
    import shutil

    width = shutil.get_terminal_size().columns  # 80 (_WIDTH) when it cannot tell
    name_width = max(len("NAME"), *(len(member.name) for member in members))
    indent = " " * (5 + 2 + name_width + 2 + 5 + 2)
    room = max(width - len(indent), _MIN_DESCRIPTION_WIDTH)
    lines = [f"{'CODE':>5}  {'NAME':<{name_width}}  RETRY  DESCRIPTION"]
    for member in members:
        lead = f"{member.value:>5}  {member.name:<{name_width}}  {_yes_no(member.retryable):<5}  "
        lines += wrap(member.description, len(lead) + room, lead, indent)
    return lines


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _legacy_text(member: ResultCode) -> str:
    if member.since > UNIFIED_IN:
        return f"none (new in {short_version(member.since)})"
    if member.legacy_code is None:
        return f"{member.value} (unchanged by {short_version(UNIFIED_IN)})"
    return f"{member.legacy_code} before {short_version(UNIFIED_IN)}"


def _response_record(reply: ApiResponse) -> dict[str, object]:
    from .exports import record

    code = reply.result_code
    return {
        "ok": reply.ok,
        "status_code": reply.status_code,
        "raw_code": reply.raw_code,
        "result_code": None if code is None else record(code),
        "category": None if reply.category is None else reply.category.name,
        "error": reply.error,
        "version": None if reply.version is None else str(reply.version),
        "version_text": reply.version_text,
        "request": None
        if reply.request is None
        else {"method": reply.request.method, "url": reply.request.url},
    }


def _explanation(reply: ApiResponse) -> list[str]:
    """The plain-words lines of ``explain``; a server's text is shown escaped."""
    from .legacy import legacy_gap

    lines: list[str] = []
    if reply.request is not None:
        method = printable(reply.request.method or "?")
        lines.append(f"Request: {method} {printable(reply.request.url or '?')}")
    sent = reply.version_text or None  # "" is no version, as an absent one is
    if reply.version is None:
        server = "not given" if sent is None else "unknown"
    else:
        server = str(reply.version)
        if sent in (server, short_version(reply.version)):
            sent = None
    if sent is not None:
        server += f" (sent as {clip(printable(repr(sent)), 60)})"
    lines.append(f"Server version: {server}; HTTP status {reply.status_code}")
    code = reply.result_code
    if reply.raw_code is None:
        lines.append("Result: success, with no ResultCode")
    elif code is None:
        category = "no known category" if reply.category is None else reply.category.label
        gap = legacy_gap(reply.version, reply.raw_code)
        if gap is None:
            what = f"a code this library does not know ({category})"
            lines.append(f"Result: {reply.raw_code}, {what}")
        else:  # a legacy number with no documented meaning: say why, as legacy does
            lines.append(f"Result: {reply.raw_code} ({category}): {gap}")
    else:
        sent = "" if reply.raw_code == code.value else f", sent as legacy {reply.raw_code}"
        lines.append(
            f"Result: {code.value} {code.name}{sent} ({code.category.label}): {code.description}"
        )
    if reply.error:
        lines.append(f"Server's message: {printable(reply.error)}")
    if reply.ok:
        lines.append("Outcome: success")
    else:
        advice = (
            "may succeed if retried later"
            if code is not None and code.retryable
            else "retrying is not advised"
        )
        lines.append(f"Outcome: failure; {advice}")
    return lines
