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
"""

from __future__ import annotations

from ._describe import describe, describe_int, short
from ._transport import (
    ABSENT,
    MAX_BODY,
    aread_body,
    body_limit,
    http_status,
    is_transport_error,
    plain_int,
    read_body,
    read_status,
    response_label,
)
from .categories import Category
from .codes import _MEMBER_BY_NUMBER, ResultCode  # pyright: ignore[reportPrivateUsage] -- the table's own index
from .errors import CcaApiError, EnvelopeError, new_error
from .legacy import LegacyCodeError, to_current
from .versions import UNIFIED_IN, ServerVersion, as_server_version, leading_version

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from re import Pattern
    from typing import Any, Final, TypeGuard

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
# CcaWebApi is a .NET service: its result codes are Int32.
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_VERSION_CACHE_SIZE = 64
# Only short canonical Version strings are cached, so that the cache stays small.
_CACHEABLE_VERSION_CHARS = 24


class RequestInfo:
    """The request an envelope answers: its HTTP method and URL, None where absent.

    >>> RequestInfo("GET", "http://h/CcaWebApi/agents").method
    'GET'
    """

    __slots__ = ("method", "url")

    method: Final[str | None]
    url: Final[str | None]

    def __init__(self, method: str | None, url: str | None) -> None:
        self.method = method
        self.url = url

    def __repr__(self) -> str:
        return f"RequestInfo(method={self.method!r}, url={self.url!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RequestInfo):
            return NotImplemented
        return (self.method, self.url) == (other.method, other.url)

    def __hash__(self) -> int:
        return hash((self.method, self.url))

    def __reduce__(self) -> tuple[type[RequestInfo], tuple[str | None, str | None]]:
        return (RequestInfo, (self.method, self.url))


class ApiResponse:  # noqa: PLW1641 -- payloads may be dicts, so responses are unhashable
    """A parsed CcaWebApi envelope, as ``from_response()`` returns it.

    ``result_code`` is None for a number this library does not know;
    ``raw_code`` always holds the number as sent (None when the envelope
    carried no ResultCode). ``payload`` is the envelope's ``Response`` as
    sent, and ``envelope`` the whole envelope. ``version`` is the version the
    codes were read by, and ``version_text`` the ``Version`` string as sent
    (None when absent or not a string). ``headers`` are the HTTP headers of
    the response it was read from, a read-only case-insensitive mapping
    (None when read from a dict or text).

    A 2xx response with no body (a 204, say) is a success with nothing in
    it: ``result_code`` Success, as for any 2xx without a ResultCode, and
    ``raw_code``, ``version``, ``request`` and ``payload`` None, ``envelope``
    empty: none of them pretends that the server sent it.

    >>> reply = from_response({"StatusCode": 200, "Version": "5.4.6.1-beta", "Response": [1]})
    >>> reply.version, reply.version_text
    (ServerVersion(5, 4, 6, 1), '5.4.6.1-beta')
    """

    __slots__ = (
        "envelope",
        "error",
        "headers",
        "payload",
        "raw_code",
        "request",
        "result_code",
        "status_code",
        "version",
        "version_text",
    )

    request: Final[RequestInfo | None]
    version: Final[ServerVersion | None]
    status_code: Final[int]
    result_code: Final[ResultCode | None]
    raw_code: Final[int | None]
    error: Final[str]
    payload: Final[Any]
    envelope: Final[dict[str, Any]]
    version_text: Final[str | None]
    headers: Final[Mapping[str, str] | None]

    def __init__(
        self,
        request: RequestInfo | None,
        version: ServerVersion | None,
        status_code: int,
        result_code: ResultCode | None,
        raw_code: int | None,
        error: str,
        payload: Any,
        envelope: dict[str, Any],
        version_text: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.request = request
        self.version = version
        self.status_code = status_code
        self.result_code = result_code
        self.raw_code = raw_code
        self.error = error
        self.payload = payload
        self.envelope = envelope
        self.version_text = version_text
        self.headers = headers

    @property
    def category(self) -> Category | None:
        """The category of the code, known or not; None outside every block.

        >>> from_response({"StatusCode": 409, "Response": {"ResultCode": 799}}).category
        <Category.LISTEN_IN: 'listen-in errors'>
        """
        if self.result_code is not None:
            return self.result_code.category
        if self.raw_code is None:
            return None
        return Category.of(self.raw_code)

    @property
    def ok(self) -> bool:
        """True for a 2xx status with a code in the success category (or none)."""
        return 200 <= self.status_code < 300 and self.category is Category.SUCCESS

    @property
    def pending(self) -> bool:
        """True when the server accepted the request but has not finished it: ``ok``, code Pending.

        >>> from_response({"StatusCode": 202, "Response": {"ResultCode": 1, "Error": ""}}).pending
        True
        """
        return self.result_code is _PENDING and self.ok

    def raise_for_result(self) -> Any:
        """Return the payload when ``ok``; otherwise raise the CcaApiError for the code.

        A success whose ``Response`` is the result object (``{"ResultCode": 1,
        "Error": ""}`` for Pending, say) has no payload: this returns None
        for it, while ``payload`` still holds that object as sent.

        The class is ``CcaApiError.for_code()`` of the code as read (today's
        code for a legacy number); for a number with no code, such as a
        legacy number with no documented meaning, it is the class of the
        number's category.

        >>> from_response('{"StatusCode": 200, "Response": [1, 2]}').raise_for_result()
        [1, 2]
        """
        if self.ok:
            # raw_code is set on 2xx only when Response is the result, not a payload.
            return None if self.raw_code is not None else self.payload
        code = self.result_code
        if code is not None:
            error_class = CcaApiError.for_code(code)
        else:
            error_class = CcaApiError.for_category(self.category)
        raise new_error(
            error_class,
            self._failure_message(),
            code,
            self.raw_code,
            self.status_code,
            self.error,
            self,
        )

    def _failure_message(self) -> str:
        code, raw = self.result_code, self.raw_code
        # _name_ and the number, not .name and .value: Enum properties are slow on 3.10 and 3.11.
        if code is not None and raw == code:  # pyright: ignore[reportUnnecessaryComparison] -- members are ints
            message = f"{self.status_code} {code._name_} ({raw}): {code.description}"
        elif code is not None:
            message = (
                f"{self.status_code} {code._name_} ({int(code)}, sent as legacy {raw}):"
                f" {code.description}"
            )
        elif raw is None:
            message = f"{self.status_code} without a ResultCode"
        else:
            gap = legacy_gap(self.version, raw)
            if gap is None:
                message = f"{self.status_code} unknown result code {raw}"
            else:
                message = f"{self.status_code} {gap} (from a {self.version} server)"
        if self.error:
            message += f" \N{EM DASH} {self.error}"
        request = self.request
        if request is not None:
            message += f" [{request.method or '?'} {request.url or '?'}]"
        return message

    def _fields(self) -> tuple[object, ...]:
        return (
            self.request,
            self.version,
            self.status_code,
            self.result_code,
            self.raw_code,
            self.error,
            self.payload,
            self.envelope,
            self.version_text,
            self.headers,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ApiResponse):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        return (
            f"ApiResponse(status_code={self.status_code}, result_code={self.result_code!r},"
            f" raw_code={describe_int(self.raw_code)}, error={short(self.error)},"
            f" version={self.version!r}, request={self.request!r})"
        )

    def __reduce__(self) -> tuple[type[ApiResponse], tuple[object, ...]]:
        return (ApiResponse, self._fields())


def legacy_gap(version: ServerVersion | None, raw_code: int) -> str | None:
    """Why *raw_code* from a server of *version* has no meaning, when it is a legacy gap.

    None unless the server is older than 5.4.6 and the number has no
    documented meaning there (old 709, say); the reason is legacy's own.
    """
    if version is None or version >= UNIFIED_IN:
        return None
    try:
        to_current(raw_code)
    except LegacyCodeError as error:
        return error.reason
    return None


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
    limit = body_limit(max_body)
    try:
        # type() rather than isinstance(): a hostile __class__ is never asked.
        if type(source) is dict:
            envelope: dict[str, object] = source  # pyright: ignore[reportUnknownVariableType]
            usual = _read_usual(envelope)
            if usual is not None:
                return usual
            return _read_envelope(envelope, fallback_version, None, None)
        if type(source) is str:
            return _read_text(source, fallback_version, None)
        if type(source) is bytes or type(source) is bytearray:
            return _read_text(_decode_utf8(source), fallback_version, None)
        return _read_other(source, fallback_version, limit)
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
    from ._headers import read_headers  # only responses have headers

    try:
        status, sent = read_status(source)
        headers = read_headers(source)
        body = await aread_body(source, status, sent, limit, headers)
        return _read_body(body, fallback_version, status, sent, headers)
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


def _read_other(
    source: object, fallback_version: ServerVersion | None, limit: int | None
) -> ApiResponse:
    """Subclasses of dict, str and bytes, and HTTP response objects."""
    # Asked of the type first, so that a hostile __class__ never runs; isinstance() then narrows.
    kind = type(source)
    if issubclass(kind, dict):
        return _read_envelope(source, fallback_version, None, None)
    if issubclass(kind, str) and isinstance(source, str):
        return _read_text(str.__str__(source), fallback_version, None)
    if issubclass(kind, (bytes, bytearray)) and isinstance(source, (bytes, bytearray)):
        return _read_text(_decode_utf8(bytes(memoryview(source))), fallback_version, None)
    from ._headers import read_headers  # only responses have headers

    status, sent = read_status(source)
    headers = read_headers(source)
    body = read_body(source, status, sent, limit, headers)
    return _read_body(body, fallback_version, status, sent, headers)


def _read_body(
    body: bytes,
    fallback_version: ServerVersion | None,
    status: int | None,
    sent: object,
    headers: Mapping[str, str] | None,
) -> ApiResponse:
    if not body:
        if status is not None and 200 <= status < 300:
            # No body (204, 205, a HEAD): a success, with nothing that could come from the server.
            return ApiResponse(None, None, status, _SUCCESS, None, "", None, {}, None, headers)
        raise EnvelopeError(
            f"{response_label(status, sent)} has an empty body, not a CcaWebApi envelope",
            status_code=status,
            headers=headers,
        )
    try:
        reply = _read_text(_decode_utf8(body), fallback_version, status)
    except EnvelopeError as error:
        raise EnvelopeError(
            f"{response_label(status, sent)} is not a CcaWebApi envelope: {error}",
            status_code=status,
            excerpt=body[:EXCERPT_CHARS].decode(errors="replace"),
            headers=headers,
        ) from None
    # The parser builds the reply from the envelope; the headers come with the response.
    return ApiResponse(
        reply.request,
        reply.version,
        reply.status_code,
        reply.result_code,
        reply.raw_code,
        reply.error,
        reply.payload,
        reply.envelope,
        reply.version_text,
        headers,
    )


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
_QUOTED_NAMES = (
    '"request"',
    '"version"',
    '"statuscode"',
    '"response"',
    '"method"',
    '"url"',
    '"resultcode"',
    '"error"',
)
# The usual failure envelope holds 12 strings: four keys, Request's two keys and two values,
# Version, and the result's two keys and Error. Without escapes, every quote delimits one.
_USUAL_FAILURE_QUOTES = 24


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
    scan, decode = _json or _load_json()
    try:
        value, end = scan(text, 0)
    except StopIteration:  # no value at the start
        return decode(text)
    if text[end:].strip(" \t\n\r"):  # JSON's four whitespace characters, and nothing else
        return decode(text)
    return value


def _read_text(
    text: str, fallback_version: ServerVersion | None, transport_status: int | None
) -> ApiResponse:
    text = text.removeprefix("\ufeff")
    # Counting brackets is cheap; the exact scan runs only when the count could be too deep.
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
    repeats: dict[int, tuple[object, list[str]]] | None = None
    if type(data) is dict:
        envelope: dict[str, object] = data  # pyright: ignore[reportUnknownVariableType]
        usual = _read_usual(envelope)
        if (
            usual is not None
            and usual.raw_code is not None
            and "\\" not in text
            and text.count('"') == _USUAL_FAILURE_QUOTES
        ):
            return usual  # no quote left over: json dropped no repeated key
        if not _may_repeat_keys(text, envelope):
            if usual is not None:
                return usual
        else:
            # Rare: read it again, noting the objects in which json kept only the last value.
            data, repeats = _decode_noting_repeats(text)
    return _read_envelope(data, fallback_version, transport_status, repeats)  # pyright: ignore[reportUnknownArgumentType] -- json's values


def _may_repeat_keys(text: str, data: dict[str, object]) -> bool:
    """Whether *text* may hold an object with a key twice, which json reads silently."""
    if "\\" not in text:
        strings = _count_strings(data)
        if strings is not None:
            # Without escapes every quote delimits a string; a dropped repeat leaves extra quotes.
            return text.count('"') != 2 * strings
    # A repeated key can hide only behind a \\u escape or a name that occurs twice.
    return "\\u" in text or max(map(text.lower().count, _QUOTED_NAMES)) > 1


def _count_strings(envelope: dict[str, object]) -> int | None:
    """The keys and string values of a shallow envelope (objects two deep at most), else None."""
    count = len(envelope)
    for value in envelope.values():
        if type(value) is str:
            count += 1
        elif type(value) is dict:
            mapping: dict[str, object] = value  # pyright: ignore[reportUnknownVariableType]
            count += len(mapping)
            for inner in mapping.values():
                if type(inner) is str:
                    count += 1
                elif type(inner) is dict or type(inner) is list:
                    return None
        elif type(value) is list:
            return None
    return count


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


# --- the envelope itself

_ENVELOPE_KEYS = ("Request", "Version", "StatusCode", "Response")
_REQUEST_KEYS = ("Method", "Url")
_RESULT_KEYS = ("ResultCode", "Error")
_MISSING = ABSENT

_version_cache: dict[str, ServerVersion] = {}
# Bound once: attribute lookups on an Enum class are slow on Python 3.10 and 3.11.
_code_by_number = _MEMBER_BY_NUMBER.get
_SUCCESS = ResultCode.Success
_PENDING = ResultCode.Pending


def _read_envelope(
    data: object,
    fallback_version: ServerVersion | None,
    transport_status: int | None,
    repeats: dict[int, tuple[object, list[str]]] | None,
) -> ApiResponse:
    if not _is_dict(data):
        raise EnvelopeError(f"expected a JSON object at the top, not {describe(data)}")
    envelope: dict[str, object] = data  # pyright: ignore[reportUnknownVariableType]
    request, version_text, status, response = _pick(envelope, _ENVELOPE_KEYS, "the envelope")
    if repeats:
        _refuse_repeats(envelope, _ENVELOPE_KEYS, "the envelope", repeats)

    status = _read_status(status, transport_status)
    if response is _MISSING:
        raise EnvelopeError("the envelope has no Response")

    version_text = _text_or_none(version_text)
    # Servers repeat one Version string: parse it once.
    version = None if version_text is None else _version_cache.get(version_text)
    if version is None:
        version = _read_version(version_text, fallback_version)
    raw_code, error = _read_result(response, 200 <= status < 300)
    if repeats and raw_code is not None:
        _refuse_repeats(response, _RESULT_KEYS, "Response", repeats)

    if raw_code is None:
        result_code: ResultCode | None = _SUCCESS
    elif version is not None and version < UNIFIED_IN:
        try:
            result_code = to_current(raw_code)
        except LegacyCodeError:
            result_code = None
    else:
        result_code = _code_by_number(raw_code)

    # Positional: keyword arguments would cost a tenth of the whole parse.
    return ApiResponse(
        _read_request(request, repeats),
        version,
        status,
        result_code,
        raw_code,
        error,
        response,
        envelope,
        version_text,
    )


def _read_usual(envelope: dict[str, object]) -> ApiResponse | None:
    """*envelope* read in its usual shape, or None when it is not in that shape.

    The usual shape is what CcaWebApi sends: the four keys spelled as the
    vendor spells them, an HTTP status, a ``Version`` read before (so in the
    cache) and not older than 5.4.6, and a ``Request`` of two strings,
    ``Method`` and ``Url``. ``Response`` is the result, an Int32
    ``ResultCode`` and an ``Error`` string, or on 2xx a payload that cannot be
    a result: anything but an object of two keys or fewer. The general reader
    gives the same answer for this shape, only slower.
    """
    if len(envelope) != 4:
        return None
    status = envelope.get("StatusCode")
    version_text = envelope.get("Version")
    value = envelope.get("Request")
    # Chained comparisons: a range's `in` costs several times as much.
    if (
        type(status) is not int
        or not 100 <= status < 600
        or type(version_text) is not str
        or type(value) is not dict
    ):
        return None
    request: dict[str, object] = value  # pyright: ignore[reportUnknownVariableType]
    version = _version_cache.get(version_text)
    method = request.get("Method")
    url = request.get("Url")
    if (
        version is None
        or version < UNIFIED_IN
        or len(request) != 2
        or type(method) is not str
        or type(url) is not str
    ):
        return None
    response = envelope.get("Response", _MISSING)  # null is a payload: absent is not
    if response is _MISSING:
        return None
    if type(response) is dict and len(response) <= 2:  # pyright: ignore[reportUnknownArgumentType]
        result: dict[str, object] = response  # pyright: ignore[reportUnknownVariableType]
        code = result.get("ResultCode")
        error = result.get("Error")
        if (
            len(result) != 2
            or type(code) is not int
            or not _INT32_MIN <= code <= _INT32_MAX
            or type(error) is not str
        ):
            return None
        result_code = _code_by_number(code)
    elif 200 <= status < 300:
        code, error, result_code = None, "", _SUCCESS
    else:
        return None
    return ApiResponse(
        RequestInfo(method, url),
        version,
        status,
        result_code,
        code,
        error,
        response,
        envelope,
        version_text,
    )


def _read_status(value: object, transport_status: int | None) -> int:
    if value is _MISSING or value is None:
        if transport_status is None:
            raise EnvelopeError("the envelope has no StatusCode")
        return transport_status
    status = http_status(value)
    if status is None:
        raise EnvelopeError(
            f"StatusCode must be an HTTP status from 100 to 599, not {describe(value)}"
        )
    return status


def _is_dict(value: object) -> TypeGuard[dict[Any, Any]]:
    """isinstance(value, dict), asked of the type so that a hostile __class__ never runs."""
    return issubclass(type(value), dict)


def _fold(key: object) -> str | None:
    """*key* in lower case when it is a string, else None; a str subclass's methods are not run."""
    if issubclass(type(key), str) and isinstance(key, str):
        return str.lower(key)
    return None


def _scan(mapping: dict[str, object], keys: tuple[str, ...]) -> tuple[list[object], str | None]:
    """The values of *keys*, matched case-insensitively (_MISSING where absent); a repeated key."""
    folded_keys = [key.lower() for key in keys]
    values = [_MISSING] * len(keys)
    repeated = None
    for key, value in mapping.items():
        folded = _fold(key)
        if folded is not None and folded in folded_keys:
            index = folded_keys.index(folded)
            if values[index] is not _MISSING:
                repeated = repeated or key
            else:
                values[index] = value
    return values, repeated


def _pick(mapping: dict[str, object], keys: tuple[str, ...], where: str) -> list[object]:
    """The values of *keys* in *mapping*, matched case-insensitively; _MISSING where absent."""
    values, repeated = _scan(mapping, keys)
    if repeated is not None:
        raise EnvelopeError(f"{where} has the key {repeated!r} twice, in different cases")
    return values


def _refuse_repeats(
    value: object, keys: tuple[str, ...], where: str, repeats: dict[int, tuple[object, list[str]]]
) -> None:
    """Refuse a key of *keys* that the JSON text gave twice in *value*, in the same case."""
    entry = repeats.get(id(value))
    if entry is None:
        return
    folded_keys = [key.lower() for key in keys]
    for key in entry[1]:
        if key.lower() in folded_keys:
            raise EnvelopeError(f"{where} has the key {key!r} twice")


def _text_or_none(value: object) -> str | None:
    """*value* as a plain str when it is a string, else None."""
    if issubclass(type(value), str) and isinstance(value, str):
        return str.__str__(value)
    return None


def _read_version(text: str | None, fallback_version: ServerVersion | None) -> ServerVersion | None:
    if not text:
        return fallback_version
    try:
        version = ServerVersion.parse(text)
    except ValueError:
        # Never lose a response to an odd Version: trust the caller, else its leading number.
        return fallback_version or leading_version(text)
    short_form = ".".join(map(str, version[: text.count(".") + 1]))
    if len(text) <= _CACHEABLE_VERSION_CHARS and text == short_form:
        if len(_version_cache) >= _VERSION_CACHE_SIZE:
            _version_cache.clear()
        _version_cache[text] = version
    return version


def _read_request(
    value: object, repeats: dict[int, tuple[object, list[str]]] | None
) -> RequestInfo | None:
    if value is _MISSING or value is None:
        return None
    if not _is_dict(value):
        raise EnvelopeError(f"Request must be an object, not {describe(value)}")
    request: dict[str, object] = value  # pyright: ignore[reportUnknownVariableType]
    if repeats:
        _refuse_repeats(request, _REQUEST_KEYS, "Request", repeats)
    method, url = _pick(request, _REQUEST_KEYS, "Request")
    return RequestInfo(_optional_text(method, "Request.Method"), _optional_text(url, "Request.Url"))


def _optional_text(value: object, where: str) -> str | None:
    if value is _MISSING or value is None:
        return None
    text = _text_or_none(value)
    if text is None:
        raise EnvelopeError(f"{where} must be a string, not {describe(value)}")
    return text


def _read_result(response: object, success: bool) -> tuple[int | None, str]:
    """The ResultCode and Error of a ``Response``, or (None, "") for a success payload."""
    if not _is_dict(response):
        if success:
            return None, ""
        raise EnvelopeError(
            "a failure envelope needs Response.ResultCode, but Response is " + describe(response)
        )
    result: dict[str, object] = response  # pyright: ignore[reportUnknownVariableType]
    if success and len(result) > len(_RESULT_KEYS):
        return None, ""  # a payload: the result shape has at most two keys
    if success:
        return _result_on_success(result)
    code, error = _pick(result, _RESULT_KEYS, "Response")
    if code is _MISSING:
        raise EnvelopeError(
            "a failure envelope needs Response.ResultCode, but Response is an object without it"
        )
    number = plain_int(code)
    if number is None or not _INT32_MIN <= number <= _INT32_MAX:
        raise EnvelopeError(f"Response.ResultCode must be a 32-bit integer, not {describe(code)}")
    return number, _optional_text(error, "Response.Error") or ""


def _result_on_success(result: dict[str, object]) -> tuple[int | None, str]:
    """On 2xx, an object is the result only in its exact shape; otherwise it is a payload."""
    (code, error), repeated = _scan(result, _RESULT_KEYS)
    present = (code is not _MISSING) + (error is not _MISSING) + (repeated is not None)
    if code is _MISSING or present != len(result):
        return None, ""
    number = plain_int(code)
    if number is None or not _INT32_MIN <= number <= _INT32_MAX:
        return None, ""
    text = "" if error is _MISSING or error is None else _text_or_none(error)
    if text is None:
        return None, ""
    if repeated is not None:
        raise EnvelopeError(f"Response has the key {repeated!r} twice, in different cases")
    return number, text
