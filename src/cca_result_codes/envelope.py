"""from_response(): a CcaWebApi JSON envelope as typed objects.

CcaWebApi wraps every response as ``{Request, Version, StatusCode, Response}``.
On failure ``Response`` is ``{ResultCode, Error}``; on success it is the
payload.

>>> reply = from_response('{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}')
>>> reply.ok, reply.result_code
(False, <ResultCode.UnknownToken: 102>)

The rules, for input that is odd but not hostile:

- **Status.** ``StatusCode`` must be an HTTP status, 100 to 599: an int, or an
  int subclass such as ``HTTPStatus`` (bool is not one), stored as a plain
  int. When it is absent or null, the HTTP response's own status is used; an
  invalid transport status is an error only when it is needed.
- **Result codes** are 32-bit ints (CcaWebApi is a .NET service); int
  subclasses such as ``ResultCode`` members are accepted and stored as plain
  ints.
- **2xx responses.** ``Response`` is the result ``{ResultCode, Error}`` only
  when it is an object whose keys, in any case, are ``ResultCode`` and
  optionally ``Error``, with a 32-bit int ``ResultCode`` and a string or null
  ``Error``; anything else is a payload. So ``{"ResultCode": 102}`` is a
  failure, while ``{"Error": "boom"}`` and ``{"ResultCode": "OK"}`` are
  payloads. On other statuses the result shape is required.
- **Keys** match case-insensitively. A key the library reads (envelope,
  ``Request``, the result object in ``Response``) that appears twice, in the
  same case or in different cases, is refused: the envelope is ambiguous.
  Payload objects are left as ``json`` reads them.
- **Version.** ``version`` is the version the codes were read by: the
  envelope's ``Version`` when it parses; otherwise the caller's
  *server_version*; otherwise the leading numeric part of ``Version``
  (``"5.4.6.1-beta"`` is 5.4.6.1); otherwise None. ``version_text`` keeps the
  ``Version`` string as sent. An odd ``Version`` never loses the response.
- **Nesting.** JSON nested deeper than :data:`MAX_DEPTH` levels is refused
  before the JSON parser sees it, so that a thread with a small stack cannot
  crash. Text shorter than the shortest JSON that deep (202 characters) goes
  straight to the parser: it reads it, or refuses it as not JSON.
- **Anything else** that is not an envelope raises EnvelopeError, and nothing
  else does, whatever the input object's methods do.

How the reading is laid out, as ``json`` lays out its scanners:

- this module turns each kind of input into a parsed envelope: a dict as it
  is, JSON text through ``json``, an HTTP response through ``_transport``
  (``_parse_other()`` chooses: a read requests response goes through
  ``_requests_reader``, its short path);
- ``_read_parsed()``, below, is the one place that chooses a reader: the
  short reader (``_short_reader.read_usual()``) for the shape CcaWebApi
  usually sends, then the general reader
  (``_general_reader.read_envelope()``), the reference, for everything else;
- ``tests/test_envelope_readers.py`` proves that the two agree, and every
  envelope test runs against both;
- ``_wire`` holds the keys and bounds that both readers use;
- ``response`` holds ``ApiResponse`` and ``RequestInfo``, re-exported here.
"""

from __future__ import annotations

from ._general_reader import SUCCESS, read_envelope
from ._headers import read_headers
from ._requests_reader import read_requests_response
from ._short_reader import may_repeat_keys, read_usual
from ._transport import (
    MAX_BODY,
    aread_body,
    body_limit,
    is_transport_error,
    read_body,
    read_status,
    response_label,
)
from ._wire import MISSING
from .errors import EnvelopeError
from .response import ApiResponse, RequestInfo
from .versions import ServerVersion, as_server_version

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from re import Pattern

__all__ = ["MAX_BODY", "MAX_DEPTH", "ApiResponse", "RequestInfo", "afrom_response", "from_response"]

EXCERPT_CHARS = 200
MAX_DEPTH = 100
"""The deepest nesting of arrays and objects that JSON text may have (the envelope counts 1).

An envelope needs 3 levels; 100 leaves room for deep payloads, and stays far
below what crashes a thread with a 128 KiB stack (about 800 on CPython 3.10 to
3.13).
"""
# The shortest JSON nested deeper than MAX_DEPTH: [[[...]]], 101 pairs. Shorter text is
# never too deep, and while json refuses it the parser nests no deeper than its length.
_SHORTEST_TOO_DEEP = 2 * (MAX_DEPTH + 1)
_UTF8_BOM = b"\xef\xbb\xbf"


def from_response(
    source: object,
    *,
    server_version: ServerVersion | str | None = None,
    max_body: int | None = MAX_BODY,
) -> ApiResponse:
    """Parse a CcaWebApi envelope.

    *source* is a parsed dict, JSON text (str, bytes or bytearray, UTF-8,
    a BOM tolerated), or a response from requests, httpx or urllib.
    *server_version* says which server sent it, for envelopes whose
    ``Version`` is empty or does not parse; below 5.4.6 codes are read as
    legacy numbers.

    From a response, at most *max_body* bytes of the body are read (32 MiB,
    :data:`MAX_BODY`; None reads any length), and ``headers`` keeps its
    headers. A 2xx response with no body (204, 205, a HEAD) is a success
    with no payload.

    Raises EnvelopeError, and nothing else, when *source* is not an envelope
    or its body is longer than *max_body*; a bad *server_version* or
    *max_body* is the caller's error (TypeError or ValueError). A failure of
    the transport while reading the body (a reset connection, a truncated
    body) raises the client's own exception, as reading it yourself would.

    >>> from_response(b'{"StatusCode": 200, "Response": {"Id": 7}}').payload
    {'Id': 7}
    """
    fallback_version = (
        None if server_version is None else as_server_version(server_version, "server_version")
    )
    # ## HACK: benchmarks/run.py, rows "from_response(dict)" and "from_response(text)": the
    # default limit is known good; checking it again costs a fifth of reading a dict.
    limit = MAX_BODY if max_body is MAX_BODY else body_limit(max_body)
    try:
        # type() rather than isinstance(): a hostile __class__ is never asked.
        if type(source) is dict:
            return _read_parsed(source, fallback_version, None, None, None)  # pyright: ignore[reportUnknownArgumentType] -- read as object
        if type(source) is str:
            return _parse_text(source, fallback_version, None, None)
        if type(source) is bytes or type(source) is bytearray:
            return _parse_text(_decode_utf8(source), fallback_version, None, None)
        return _parse_other(source, fallback_version, limit)
    except EnvelopeError:
        raise
    except Exception as error:
        if is_transport_error(error):
            raise  # the client's own failure, as reading the body yourself would raise it
        raise _unreadable_input(error) from error  # the input's own methods failed


async def afrom_response(
    source: object,
    *,
    server_version: ServerVersion | str | None = None,
    max_body: int | None = MAX_BODY,
) -> ApiResponse:
    """Parse a CcaWebApi envelope, awaiting the body of an unread httpx async response.

    For a response from ``httpx.AsyncClient.stream()`` this awaits its body
    first, at most *max_body* bytes of it; any other *source* is read as
    ``from_response()`` reads it. httpx is never imported.

    >>> import asyncio
    >>> asyncio.run(afrom_response('{"StatusCode": 200, "Response": 1}')).payload
    1
    """
    kind = type(source)
    if issubclass(kind, (dict, str, bytes, bytearray)):
        return from_response(source, server_version=server_version, max_body=max_body)
    fallback_version = (
        None if server_version is None else as_server_version(server_version, "server_version")
    )
    limit = body_limit(max_body)
    try:
        status, sent = read_status(source)
        headers = read_headers(source)
        body = await aread_body(source, status, sent, limit, headers)
        return _parse_http_body(body, fallback_version, status, headers, sent)
    except EnvelopeError:
        raise
    except Exception as error:
        if is_transport_error(error):
            raise  # the client's own failure, as reading the body yourself would raise it
        raise _unreadable_input(error) from error  # the input's own methods failed


def _unreadable_input(error: Exception) -> EnvelopeError:
    return EnvelopeError(
        f"could not read the input as an envelope: {type(error).__name__} raised while reading it"
    )


def _read_parsed(
    data: object,
    fallback_version: ServerVersion | None,
    transport_status: int | None,
    text: str | None,
    headers: Mapping[str, str] | None,
) -> ApiResponse:
    """The one place that chooses a reader: the short reader, then the general reader.

    *data* is what was parsed, *text* the JSON text it was parsed from (None
    for a dict given as is), and *transport_status* and *headers* the HTTP
    response's status and headers (None without one). The short reader
    reads a plain dict in the usual shape; everything else, and JSON text
    that may give a key twice, goes to the general reader, the reference.
    """
    if type(data) is dict:  # a subclass's own get() could disagree with its items
        envelope: dict[str, object] = data  # pyright: ignore[reportUnknownVariableType]
        usual = read_usual(envelope, headers)
        if text is not None and may_repeat_keys(text, usual):
            # Rare: read it again, noting the objects in which json kept only the last value.
            noted, repeats = _decode_noting_repeats(text)
            return read_envelope(noted, fallback_version, transport_status, repeats, headers)
        if usual is not None:
            return usual
    return read_envelope(data, fallback_version, transport_status, None, headers)  # pyright: ignore[reportUnknownArgumentType] -- read as object


def _parse_other(
    source: object, fallback_version: ServerVersion | None, limit: int | None
) -> ApiResponse:
    """Subclasses of dict, str and bytes, and HTTP response objects.

    The one place that chooses how a response is read: a read requests
    response by ``_requests_reader``, its short path; any other by the
    general path, ``read_status()``, ``read_headers()`` and ``read_body()``.
    """
    known = read_requests_response(source, limit)
    if known is not None:
        status_code, content, snapshot = known
        return _parse_http_body(content, fallback_version, status_code, snapshot)
    # Asked of the type first, so that a hostile __class__ never runs; isinstance() then narrows.
    kind = type(source)
    if issubclass(kind, dict):
        return _read_parsed(source, fallback_version, None, None, None)
    if issubclass(kind, str) and isinstance(source, str):
        return _parse_text(str.__str__(source), fallback_version, None, None)
    if issubclass(kind, (bytes, bytearray)) and isinstance(source, (bytes, bytearray)):
        return _parse_text(_decode_utf8(bytes(memoryview(source))), fallback_version, None, None)
    status, sent = read_status(source)
    headers = read_headers(source)
    body = read_body(source, status, sent, limit, headers)
    return _parse_http_body(body, fallback_version, status, headers, sent)


def _parse_http_body(
    body: bytes,
    fallback_version: ServerVersion | None,
    status: int | None,
    headers: Mapping[str, str] | None,
    sent: object = MISSING,
) -> ApiResponse:
    """The body of an HTTP response as an envelope with its headers.

    *sent*, the value the status was read from, is named in messages only
    when *status* is None (``_transport.response_label()``).
    """
    if not body:
        if status is not None and 200 <= status < 300:
            # No body (204, 205, a HEAD): a success, with nothing that could come from the server.
            return ApiResponse(None, None, status, SUCCESS, None, "", None, {}, None, headers)
        raise EnvelopeError(
            f"{response_label(status, sent)} has an empty body, not a CcaWebApi envelope",
            status_code=status,
            headers=headers,
        )
    try:
        return _parse_text(_decode_utf8(body), fallback_version, status, headers)
    except EnvelopeError as error:
        raise EnvelopeError(
            f"{response_label(status, sent)} is not a CcaWebApi envelope: {error}",
            status_code=status,
            excerpt=body[:EXCERPT_CHARS].decode(errors="replace"),
            headers=headers,
        ) from None


def _parse_text(
    text: str,
    fallback_version: ServerVersion | None,
    transport_status: int | None,
    headers: Mapping[str, str] | None,
) -> ApiResponse:
    """JSON text as an envelope: its nesting bounded, parsed, then read."""
    text = text.removeprefix("\ufeff")
    # ## HACK: benchmarks/run.py, row "from_response(text)": text too short to nest too deep
    # (the vendor's example) skips even the count of brackets, which costs more than the length
    # test. The exact scan runs only when the count could be too deep.
    if (
        len(text) >= _SHORTEST_TOO_DEEP
        and text.count("[") + text.count("{") > MAX_DEPTH
        and _nesting_depth(text) > MAX_DEPTH
    ):
        raise EnvelopeError(
            f"the JSON is nested too deeply to read (more than {MAX_DEPTH} levels)",
            excerpt=text[:EXCERPT_CHARS],
        )
    try:
        data = _parse_json(text)
    except ValueError as error:
        raise _not_json(error, text) from None
    return _read_parsed(data, fallback_version, transport_status, text, headers)


# --- JSON text


def _decode_utf8(data: bytes | bytearray) -> str:
    try:
        return data.removeprefix(_UTF8_BOM).decode()  # UTF-8, strictly
    except UnicodeDecodeError as error:
        raise EnvelopeError(
            f"the input is not UTF-8{_encoding_hint(bytes(data[:4]))}:"
            f" {error.reason} at byte {error.start}",
            excerpt=data[max(0, error.start - 40) : error.start + 40].decode(errors="replace"),
        ) from None


def _encoding_hint(head: bytes) -> str:
    """What the first four bytes of a body that is not UTF-8 JSON suggest it is, or ""."""
    if head.startswith(b"\x1f\x8b"):
        return " (it looks gzip-compressed: it starts with 1f 8b; decompress it first)"
    for bom, name in _BOMS:
        if head.startswith(bom):
            return f" (it looks like {name}: it starts with the {name} byte order mark)"
    nuls = tuple(byte == 0 for byte in head)
    for pattern, name in _NUL_PATTERNS:
        if nuls == pattern:
            return f" (it looks like {name}: NUL bytes between the characters)"
    return ""


# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32-LE"),
    (b"\x00\x00\xfe\xff", "UTF-32-BE"),
    (b"\xff\xfe", "UTF-16-LE"),
    (b"\xfe\xff", "UTF-16-BE"),
)
# Where the NUL bytes fall when the first two characters are ASCII.
_NUL_PATTERNS = (
    ((False, True, True, True), "UTF-32-LE"),
    ((True, True, True, False), "UTF-32-BE"),
    ((False, True, False, True), "UTF-16-LE"),
    ((True, False, True, False), "UTF-16-BE"),
)

_json: tuple[Callable[[str, int], tuple[object, int]], Callable[[str], object]] | None = None


def _load_json() -> tuple[Callable[[str, int], tuple[object, int]], Callable[[str], object]]:
    """json's scanner and decoder, refusing NaN and Infinity; json is imported on first use."""
    global _json  # noqa: PLW0603 -- json is imported on first use, not at package import
    import json

    decoder = json.JSONDecoder(parse_constant=_reject_constant)
    # Set by JSONDecoder.__init__, which typeshed does not declare.
    _json = getattr(decoder, "scan_once"), decoder.decode  # noqa: B009
    return _json


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _parse_json(text: str) -> object:
    """``json.loads(text)``, refusing NaN and Infinity.

    json's scanner reads the value at the start directly, which skips the
    decoder's two whitespace matches; anything else (space before the value,
    text after it, no value at all) goes to ``decode()``, which reads it or
    raises exactly as ``json.loads`` would.
    """
    # ## HACK: benchmarks/run.py, row "from_response(text)": the scanner alone reads the
    # vendor's example in about two thirds of the time that decode() takes.
    scan, decode = _json or _load_json()
    try:
        value, end = scan(text, 0)
    except StopIteration:  # no value at the start
        return decode(text)
    if text[end:].strip(" \t\n\r"):  # JSON's four whitespace characters, and nothing else
        return decode(text)
    return value


def _decode_noting_repeats(text: str) -> tuple[object, dict[int, tuple[object, list[str]]]]:
    """Decode *text*, noting each object that had a key twice (json keeps the last)."""
    import json

    # By id: the object itself is kept in the entry, so that its id cannot be reused.
    repeats: dict[int, tuple[object, list[str]]] = {}

    def note_repeats(pairs: list[tuple[str, object]]) -> dict[str, object]:
        found = dict(pairs)
        if len(found) != len(pairs):
            seen: set[str] = set()
            repeated: list[str] = []
            for key, _ in pairs:
                if key in seen:
                    repeated.append(key)
                seen.add(key)
            repeats[id(found)] = (found, repeated)
        return found

    # No parse_constant: the plain decoder has already refused NaN and Infinity in this text.
    decoder = json.JSONDecoder(object_pairs_hook=note_repeats)
    return decoder.decode(text), repeats


_skeleton_pattern: Pattern[str] | None = None
_AS_PARENTHESES = str.maketrans("[{]}", "(())")


def _nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in *text*, brackets in strings not counted.

    Counting stops just past MAX_DEPTH. Each pass deletes the innermost pairs,
    so the passes count the levels; every step runs in C, as json's own does.
    """
    global _skeleton_pattern  # noqa: PLW0603 -- re is imported only for long, bracket-heavy text
    if _skeleton_pattern is None:
        import re

        _skeleton_pattern = re.compile(r"[^\[\]{}]+")  # everything but brackets
    # Escapes first (\\ before \"), so that the quotes left delimit strings; every other
    # piece of the split lies outside a string. An unterminated string ends the JSON.
    unescaped = text.replace("\\\\", "").replace('\\"', "")
    outside = "".join(unescaped.split('"')[::2])
    skeleton = _skeleton_pattern.sub("", outside).translate(_AS_PARENTHESES)
    depth = 0
    while depth <= MAX_DEPTH and "()" in skeleton:
        skeleton = skeleton.replace("()", "")
        depth += 1
    # Brackets still open when the text ends (cut short) each nest one level more.
    return depth + skeleton.count("(")


def _not_json(error: ValueError, text: str) -> EnvelopeError:
    import json

    if isinstance(error, json.JSONDecodeError):
        start = max(0, error.pos - EXCERPT_CHARS // 2)
        near = text[max(0, error.pos - 20) : error.pos + 40]
        hint = _encoding_hint(text[:4].encode(errors="replace"))
        return EnvelopeError(
            f"the input is not JSON{hint}: {error.msg} at line {error.lineno}"
            f" column {error.colno} (char {error.pos}), near {near!r}",
            excerpt=text[start : start + EXCERPT_CHARS],
        )
    # Too many digits for int(), or NaN and Infinity, which JSON does not allow.
    return EnvelopeError(
        f"the input is not JSON this library can read: {error}", excerpt=text[:EXCERPT_CHARS]
    )
