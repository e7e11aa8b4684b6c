"""The ``cca-codes`` command: the table and the envelope parser at a terminal.

Exit status: 0 for success; 1 for an unknown code, a legacy number with no
meaning, a search with no match, or an envelope that reports a failure;
2 for usage errors and input that is not an envelope.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap

from . import __version__
from .categories import Category
from .codes import ResultCode
from .envelope import ApiResponse, from_response
from .errors import EnvelopeError
from .exports import FORMATS as EXPORT_FORMATS
from .exports import block, record, render, short_version
from .legacy import UNIFIED_IN, LegacyCodeError, to_current, to_legacy
from .versions import ServerVersion

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import NoReturn

__all__ = ["main"]

PROG = "cca-codes"
EXIT_OK, EXIT_NOT_FOUND, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE, EXIT_INTERRUPTED = 141, 130
COMMANDS = ("show", "list", "search", "legacy", "explain", "export")
_WIDTH = 80
# Longer digit strings are no result code, and int() of thousands of digits raises.
_LONGEST_NUMBER = 12


class UserError(Exception):
    """A mistake or a negative answer, reported as one line on stderr."""

    def __init__(self, message: str, exit_status: int) -> None:
        super().__init__(message)
        self.exit_status = exit_status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see '{self.prog} --help')", EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] not in COMMANDS and (not args[0].startswith("-") or _is_int(args[0])):
        args.insert(0, "show")  # "cca-codes 102" means "cca-codes show 102"
    try:
        parser = _build_parser()
        options = parser.parse_args(args)
        if options.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        handler: Callable[[argparse.Namespace], int] = options.handler
        return handler(options)
    except UserError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return error.exit_status
    except BrokenPipeError:
        # The reader went away (as with "| head"). Point stdout at devnull so
        # that the flush at exit cannot fail again, and exit as SIGPIPE would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _build_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Look up CCA result codes and explain CcaWebApi responses.",
        epilog=f"'{PROG} 102' is short for '{PROG} show 102'.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # Subparsers are _Parser too (argparse uses the parent's class), so their errors are one line.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    show = commands.add_parser("show", help="one code, by number or name")
    show.add_argument("code", help="a number such as 102 or a name such as UnknownToken")
    _add_json_flag(show)
    show.set_defaults(handler=_show)

    listing = commands.add_parser("list", help="a table of codes")
    listing.add_argument("--category", help="a category's name or label, such as listen-in")
    listing.add_argument(
        "--since", help="only codes first found in VERSION or later", metavar="VERSION"
    )
    _add_json_flag(listing)
    listing.set_defaults(handler=_list)

    search = commands.add_parser(
        "search", help="codes whose name, description or note contain TEXT"
    )
    search.add_argument("text", nargs="+", help="words to find, matched as one phrase")
    _add_json_flag(search)
    search.set_defaults(handler=_search)

    legacy = commands.add_parser("legacy", help="translate a number from a server older than 5.4.6")
    legacy.add_argument("number", help="the old number (with --reverse: today's code or name)")
    legacy.add_argument(
        "--reverse", action="store_true", help="from today's code to its pre-5.4.6 number"
    )
    _add_json_flag(legacy)
    legacy.set_defaults(handler=_legacy)

    explain = commands.add_parser("explain", help="explain a CcaWebApi response in plain words")
    explain.add_argument("file", help="a file holding the JSON envelope, or - for standard input")
    explain.add_argument(
        "--server-version",
        help="the server's version, when the envelope has none",
        metavar="VERSION",
    )
    _add_json_flag(explain)
    explain.set_defaults(handler=_explain)

    export = commands.add_parser("export", help="the whole table as JSON, CSV or Markdown")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json")
    _add_json_flag(export, "the same as --format json")
    export.set_defaults(handler=_export)
    return parser


def _add_json_flag(parser: argparse.ArgumentParser, text: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=text)


# --- commands


def _show(options: argparse.Namespace) -> int:
    member = _find_code(options.code)
    if options.json:
        _print_json(record(member))
        return EXIT_OK
    rows = [
        ("Description", member.description),
        ("Category", f"{member.category.label} ({block(member.category)})"),
        ("Since", short_version(member.since)),
        ("Legacy code", _legacy_text(member)),
        ("Retryable", ("yes" if member.retryable else "no") + " (this library's advice)"),
    ]
    if member.note:
        rows.append(("Note", member.note))
    print(f"{member.value} {member.name}")
    for label, value in rows:
        lead = f"  {label + ':':<13}"
        print(textwrap.fill(value, _WIDTH, initial_indent=lead, subsequent_indent=" " * len(lead)))
    return EXIT_OK


def _list(options: argparse.Namespace) -> int:
    members: Iterable[ResultCode] = ResultCode
    if options.category is not None:
        category = _find_category(options.category)
        members = [member for member in members if member.category is category]
    if options.since is not None:
        since = _parse_version(options.since, "--since")
        members = [member for member in members if member.since >= since]
    return _print_codes(list(members), options.json, "no codes match")


def _search(options: argparse.Namespace) -> int:
    phrase = " ".join(options.text)
    needle = phrase.casefold()
    found = [
        member
        for member in ResultCode
        if needle in member.name.casefold()
        or needle in member.description.casefold()
        or needle in member.note.casefold()
    ]
    return _print_codes(found, options.json, f"no code mentions {phrase!r}")


def _legacy(options: argparse.Namespace) -> int:
    try:
        if options.reverse:
            member = _find_code(options.number)
            old = to_legacy(member)
        else:
            old = _parse_int(options.number, "the legacy number")
            member = to_current(old)
    except LegacyCodeError as error:
        raise UserError(str(error), EXIT_NOT_FOUND) from None
    if options.json:
        _print_json(record(member))
    elif old == member.value:
        since = short_version(UNIFIED_IN)
        print(f"{old} is {member.name} both before and since {since}: {member.description}")
    else:
        print(
            f"{old} before {short_version(UNIFIED_IN)} is {member.value} {member.name} today:"
            f" {member.description}"
        )
    return EXIT_OK


def _explain(options: argparse.Namespace) -> int:
    server_version = None
    if options.server_version is not None:
        server_version = _parse_version(options.server_version, "--server-version")
    data = _read_input(options.file)
    try:
        reply = from_response(data, server_version=server_version)
    except EnvelopeError as error:
        raise UserError(f"{_source_name(options.file)}: {error}", EXIT_USAGE) from None
    if options.json:
        _print_json(_responserecord(reply))
    else:
        for line in _explanation(reply):
            print(textwrap.fill(line, _WIDTH, subsequent_indent="  "))
    return EXIT_OK if reply.ok else EXIT_NOT_FOUND


def _export(options: argparse.Namespace) -> int:
    sys.stdout.write(render("json" if options.json else options.format))
    return EXIT_OK


# --- finding things


def _find_code(text: str) -> ResultCode:
    if _is_int(text):
        if len(text) > _LONGEST_NUMBER:
            raise UserError(f"{_clip(text, 24)} is not a documented result code", EXIT_NOT_FOUND)
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
        import difflib

        names = [member.name for member in ResultCode]
        close = difflib.get_close_matches(text, names)  # at most three
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise UserError(f"no result code named {text!r}{hint}", EXIT_NOT_FOUND) from None


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
    if not _is_int(text) or len(text) > _LONGEST_NUMBER:
        raise UserError(f"{what} must be a whole number, not {_clip(text, 24)!r}", EXIT_USAGE)
    return int(text)


def _is_int(text: str) -> bool:
    digits = text.removeprefix("-")
    return digits.isascii() and digits.isdigit()


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}", EXIT_USAGE) from None


def _source_name(path: str) -> str:
    return "standard input" if path == "-" else path


# --- printing


def _print_json(value: object) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))  # keep the server's words as sent


def _print_codes(members: list[ResultCode], as_json: bool, empty_message: str) -> int:
    if as_json:
        _print_json([record(member) for member in members])
        return EXIT_OK if members else EXIT_NOT_FOUND
    if not members:
        raise UserError(empty_message, EXIT_NOT_FOUND)
    width = shutil.get_terminal_size((_WIDTH, 24)).columns if sys.stdout.isatty() else _WIDTH
    name_width = max(len("NAME"), *(len(member.name) for member in members))
    indent = " " * (5 + 2 + name_width + 2)
    room = max(width - len(indent), 20)
    print(f"{'CODE':>5}  {'NAME':<{name_width}}  DESCRIPTION")
    for member in members:
        lines = textwrap.wrap(member.description, room)
        print(f"{member.value:>5}  {member.name:<{name_width}}  {lines[0]}")
        for line in lines[1:]:
            print(indent + line)
    return EXIT_OK


def _clip(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1] + "\N{HORIZONTAL ELLIPSIS}"


def _legacy_text(member: ResultCode) -> str:
    if member.since > UNIFIED_IN:
        return f"none (new in {short_version(member.since)})"
    if member.legacy_code is None:
        return f"{member.value} (unchanged by {short_version(UNIFIED_IN)})"
    return f"{member.legacy_code} before {short_version(UNIFIED_IN)}"


def _responserecord(reply: ApiResponse) -> dict[str, object]:
    code = reply.result_code
    return {
        "ok": reply.ok,
        "status_code": reply.status_code,
        "raw_code": reply.raw_code,
        "result_code": None if code is None else record(code),
        "category": None if reply.category is None else reply.category.name,
        "error": reply.error,
        "version": None if reply.version is None else str(reply.version),
        "request": None
        if reply.request is None
        else {"method": reply.request.method, "url": reply.request.url},
    }


def _explanation(reply: ApiResponse) -> list[str]:
    lines: list[str] = []
    if reply.request is not None:
        lines.append(f"Request: {reply.request.method or '?'} {reply.request.url or '?'}")
    server = "not given" if reply.version is None else str(reply.version)
    lines.append(f"Server version: {server}; HTTP status {reply.status_code}")
    code = reply.result_code
    if reply.raw_code is None:
        lines.append("Result: success, with no ResultCode")
    elif code is None:
        category = "no known category" if reply.category is None else reply.category.label
        lines.append(f"Result: {reply.raw_code}, a code this library does not know ({category})")
    else:
        sent = "" if reply.raw_code == code.value else f", sent as legacy {reply.raw_code}"
        lines.append(
            f"Result: {code.value} {code.name}{sent} ({code.category.label}): {code.description}"
        )
    if reply.error:
        lines.append(f"Server's message: {reply.error}")
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
