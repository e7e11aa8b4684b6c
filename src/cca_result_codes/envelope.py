"""from_response(): a CcaWebApi JSON envelope as typed objects.

CcaWebApi wraps every response as ``{Request, Version, StatusCode, Response}``.
On failure ``Response`` is ``{ResultCode, Error}``; on success it is the
payload.

>>> reply = from_response('{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}')
>>> reply.ok, reply.result_code
(False, <ResultCode.UnknownToken: 102>)
"""

from __future__ import annotations

from .categories import Category
from .codes import ResultCode
from .errors import CcaApiError, EnvelopeError
from .legacy import LegacyCodeError, to_current
from .versions import UNIFIED_IN, ServerVersion

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from json import JSONDecoder
    from typing import Final

__all__ = ["ApiResponse", "RequestInfo", "from_response"]

EXCERPT_CHARS = 200
_UTF8_BOM = b"\xef\xbb\xbf"
# CcaWebApi is a .NET service: its result codes are Int32.
_INT32 = range(-(2**31), 2**31)
_HTTP_STATUSES = range(100, 600)
_VERSION_CACHE_SIZE = 64


class RequestInfo:
    """The request an envelope answers: its HTTP method and URL, None where absent."""

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
    """A parsed CcaWebApi envelope.

    ``result_code`` is None for a number this library does not know;
    ``raw_code`` always holds the number as sent (None when the envelope
    carried no ResultCode). ``payload`` is the envelope's ``Response`` as
    sent, and ``envelope`` the whole envelope.
    """

    __slots__ = (
        "envelope",
        "error",
        "payload",
        "raw_code",
        "request",
        "result_code",
        "status_code",
        "version",
    )

    request: Final[RequestInfo | None]
    version: Final[ServerVersion | None]
    status_code: Final[int]
    result_code: Final[ResultCode | None]
    raw_code: Final[int | None]
    error: Final[str]
    payload: Final[object]
    envelope: Final[dict[str, object]]

    def __init__(
        self,
        *,
        request: RequestInfo | None,
        version: ServerVersion | None,
        status_code: int,
        result_code: ResultCode | None,
        raw_code: int | None,
        error: str,
        payload: object,
        envelope: dict[str, object],
    ) -> None:
        self.request = request
        self.version = version
        self.status_code = status_code
        self.result_code = result_code
        self.raw_code = raw_code
        self.error = error
        self.payload = payload
        self.envelope = envelope

    @property
    def category(self) -> Category | None:
        """The category of the code, known or not; None outside every block."""
        if self.result_code is not None:
            return self.result_code.category
        if self.raw_code is None:
            return None
        return Category.of(self.raw_code)

    @property
    def ok(self) -> bool:
        """True for a 2xx status with a code in the success category (or none)."""
        return 200 <= self.status_code < 300 and self.category is Category.SUCCESS

    def raise_for_result(self) -> object:
        """Return the payload when ``ok``; otherwise raise the CcaApiError for the code.

        >>> from_response('{"StatusCode": 200, "Response": [1, 2]}').raise_for_result()
        [1, 2]
        """
        if self.ok:
            return self.payload
        error_class = CcaApiError if self.raw_code is None else CcaApiError.for_code(self.raw_code)
        raise error_class(
            self._failure_message(),
            result_code=self.result_code,
            raw_code=self.raw_code,
            status_code=self.status_code,
            error=self.error,
            response=self,
        )

    def _failure_message(self) -> str:
        code = self.result_code
        if code is None and self.raw_code is None:
            message = f"{self.status_code} without a ResultCode"
        elif code is None:
            message = f"{self.status_code} unknown result code {self.raw_code}"
        else:
            sent = "" if self.raw_code == code.value else f", sent as legacy {self.raw_code}"
            message = f"{self.status_code} {code.name} ({code.value}{sent}): {code.description}"
        if self.error:
            message += f" \N{EM DASH} {self.error}"
        if self.request is not None:
            message += f" [{self.request.method or '?'} {self.request.url or '?'}]"
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
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ApiResponse):
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        return (
            f"ApiResponse(status_code={self.status_code}, result_code={self.result_code!r},"
            f" raw_code={_describe_int(self.raw_code)}, error={_short(self.error)},"
            f" version={self.version!r}, request={self.request!r})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_api_response, self._fields())


def _rebuild_api_response(
    request: RequestInfo | None,
    version: ServerVersion | None,
    status_code: int,
    result_code: ResultCode | None,
    raw_code: int | None,
    error: str,
    payload: object,
    envelope: dict[str, object],
) -> ApiResponse:
    return ApiResponse(
        request=request,
        version=version,
        status_code=status_code,
        result_code=result_code,
        raw_code=raw_code,
        error=error,
        payload=payload,
        envelope=envelope,
    )


def from_response(
    source: object, *, server_version: ServerVersion | str | None = None
) -> ApiResponse:
    """Parse a CcaWebApi envelope.

    *source* is a parsed dict, JSON text (str, bytes or bytearray, UTF-8,
    a BOM tolerated), or a response from requests, httpx or urllib.
    *server_version* says which server sent it, for envelopes whose
    ``Version`` is empty; below 5.4.6 codes are read as legacy numbers.

    Raises EnvelopeError, and nothing else, when *source* is not an envelope.
    """
    fallback_version = _as_version(server_version)
    if isinstance(source, dict):
        return _read_envelope(source, fallback_version, None)  # pyright: ignore[reportUnknownArgumentType]
    if isinstance(source, str):
        return _read_envelope(_parse_json(source), fallback_version, None)
    if isinstance(source, (bytes, bytearray)):
        return _read_envelope(_parse_json(_decode_utf8(source)), fallback_version, None)
    return _read_http_response(source, fallback_version)


def _as_version(value: ServerVersion | str | None) -> ServerVersion | None:
    if value is None or isinstance(value, ServerVersion):
        return value
    if isinstance(value, str):
        return ServerVersion.parse(value)
    raise TypeError(
        f"server_version must be a ServerVersion, str or None, not {type(value).__name__}"
    )


# --- reading HTTP responses (duck-typed: none of the client libraries is imported)


def _read_http_response(response: object, fallback_version: ServerVersion | None) -> ApiResponse:
    status = _transport_status(response)
    body = _read_body(response, status)
    try:
        return _read_envelope(_parse_json(_decode_utf8(body)), fallback_version, status)
    except EnvelopeError as error:
        excerpt = body[:EXCERPT_CHARS].decode("utf-8", "replace")
        raise EnvelopeError(
            f"HTTP {status} response is not a CcaWebApi envelope: {error}",
            status_code=status,
            excerpt=excerpt,
        ) from None


def _transport_status(response: object) -> int | None:
    # requests and httpx say status_code; http.client says status; urllib's HTTPError says code.
    for attribute in ("status_code", "status", "code"):
        try:
            value = getattr(response, attribute, None)
        except Exception:  # a property that fails tells us nothing about the status
            continue
        if type(value) is int:
            return value
    return None


def _read_body(response: object, status: int | None) -> bytes:
    content_error: Exception | None = None
    try:
        content = getattr(response, "content", None)
    except Exception as error:  # httpx raises ResponseNotRead for an unread stream: try read()
        content, content_error = None, error
    if isinstance(content, (bytes, bytearray)):
        return bytes(content)
    read = getattr(response, "read", None)
    if callable(read):
        try:
            body: object = read()
        except Exception as error:  # the transport's own failure, whatever its class
            raise _unreadable(status, error) from error
    elif content_error is not None:
        raise _unreadable(status, content_error) from content_error
    else:
        raise EnvelopeError(
            f"expected a dict, JSON text or an HTTP response, not {type(response).__name__}"
        )
    if not isinstance(body, (bytes, bytearray)):
        raise EnvelopeError(
            f"the HTTP {status} response body is {type(body).__name__}, not bytes",
            status_code=status,
        )
    return bytes(body)


def _unreadable(status: int | None, error: Exception) -> EnvelopeError:
    return EnvelopeError(
        f"could not read the HTTP {status} response body: {type(error).__name__}: {error}",
        status_code=status,
    )


# --- JSON text


def _decode_utf8(data: bytes | bytearray) -> str:
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise EnvelopeError(
            f"the input is not UTF-8: {error.reason} at byte {error.start}",
            excerpt=data[max(0, error.start - 40) : error.start + 40].decode("utf-8", "replace"),
        ) from None


_decoder: JSONDecoder | None = None


def _json_decoder() -> JSONDecoder:
    global _decoder  # noqa: PLW0603 -- json is imported on first use, not at package import
    if _decoder is None:
        import json

        _decoder = json.JSONDecoder(parse_constant=_reject_constant)
    return _decoder


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _parse_json(text: str) -> object:
    text = text.removeprefix("\ufeff")
    try:
        return _json_decoder().decode(text)
    except RecursionError:
        raise EnvelopeError(
            "the JSON is nested too deeply to read", excerpt=text[:EXCERPT_CHARS]
        ) from None
    except ValueError as error:
        raise _not_json(error, text) from None


def _not_json(error: ValueError, text: str) -> EnvelopeError:
    import json

    if isinstance(error, json.JSONDecodeError):
        start = max(0, error.pos - EXCERPT_CHARS // 2)
        near = text[max(0, error.pos - 20) : error.pos + 40]
        return EnvelopeError(
            f"the input is not JSON: {error.msg} at line {error.lineno} column {error.colno}"
            f" (char {error.pos}), near {near!r}",
            excerpt=text[start : start + EXCERPT_CHARS],
        )
    # Too many digits for int(), or NaN and Infinity, which JSON does not allow.
    return EnvelopeError(
        f"the input is not JSON this library can read: {error}", excerpt=text[:EXCERPT_CHARS]
    )


# --- the envelope itself

_ENVELOPE_KEYS = frozenset({"request", "version", "statuscode", "response"})
_REQUEST_KEYS = frozenset({"method", "url"})
_RESULT_KEYS = frozenset({"resultcode", "error"})
_MISSING = object()

_version_cache: dict[str, ServerVersion] = {}


def _read_envelope(
    data: object, fallback_version: ServerVersion | None, transport_status: int | None
) -> ApiResponse:
    if not isinstance(data, dict):
        raise EnvelopeError(f"expected a JSON object at the top, not {_describe(data)}")
    envelope: dict[str, object] = data  # pyright: ignore[reportUnknownVariableType]
    fields = _fields(envelope, _ENVELOPE_KEYS, "the envelope")

    status = fields.get("statuscode", _MISSING)
    if status is _MISSING or status is None:
        if transport_status is None:
            raise EnvelopeError("the envelope has no StatusCode")
        status = transport_status
    elif type(status) is not int or status not in _HTTP_STATUSES:
        raise EnvelopeError(
            f"StatusCode must be an HTTP status from 100 to 599, not {_describe(status)}"
        )

    response = fields.get("response", _MISSING)
    if response is _MISSING:
        raise EnvelopeError("the envelope has no Response")

    version = _read_version(fields.get("version"))
    raw_code, error = _read_result(response, 200 <= status < 300)

    if raw_code is None:
        result_code: ResultCode | None = ResultCode.Success
    elif (version or fallback_version or UNIFIED_IN) < UNIFIED_IN:
        try:
            result_code = to_current(raw_code)
        except LegacyCodeError:
            result_code = None
    else:
        result_code = ResultCode.get(raw_code)

    return ApiResponse(
        request=_read_request(fields.get("request")),
        version=version,
        status_code=status,
        result_code=result_code,
        raw_code=raw_code,
        error=error,
        payload=response,
        envelope=envelope,
    )


def _fields(mapping: dict[str, object], wanted: frozenset[str], where: str) -> dict[str, object]:
    """The wanted keys of *mapping*, matched case-insensitively, lower-cased."""
    found: dict[str, object] = {}
    for key, value in mapping.items():
        if not isinstance(key, str):
            continue
        folded = key.lower()
        if folded in wanted:
            if folded in found:
                raise EnvelopeError(f"{where} has the key {key!r} twice, in different cases")
            found[folded] = value
    return found


def _read_version(value: object) -> ServerVersion | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise EnvelopeError(f'Version must be a string such as "5.4.6.1", not {_describe(value)}')
    cached = _version_cache.get(value)
    if cached is not None:
        return cached
    try:
        version = ServerVersion.parse(value)
    except ValueError as error:
        raise EnvelopeError(f"Version: {error}") from None
    if len(_version_cache) >= _VERSION_CACHE_SIZE:
        _version_cache.clear()
    _version_cache[value] = version
    return version


def _read_request(value: object) -> RequestInfo | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise EnvelopeError(f"Request must be an object, not {_describe(value)}")
    fields = _fields(value, _REQUEST_KEYS, "Request")  # pyright: ignore[reportUnknownArgumentType]
    method = fields.get("method")
    url = fields.get("url")
    for name, part in (("Method", method), ("Url", url)):
        if part is not None and not isinstance(part, str):
            raise EnvelopeError(f"Request.{name} must be a string, not {_describe(part)}")
    return RequestInfo(method, url)  # type: ignore[arg-type]  # both checked just above


def _read_result(response: object, success: bool) -> tuple[int | None, str]:
    """The ResultCode and Error of a ``Response``, or (None, "") for a success payload."""
    if isinstance(response, dict):
        fields = _fields(response, _RESULT_KEYS, "Response")  # pyright: ignore[reportUnknownArgumentType]
        # On success an object is a payload unless it has the error shape exactly.
        is_result = "resultcode" in fields and (not success or len(fields) == len(response))  # pyright: ignore[reportUnknownArgumentType]
    else:
        fields, is_result = {}, False
    if not is_result:
        if success:
            return None, ""
        raise EnvelopeError(
            "a failure envelope needs Response.ResultCode, but Response is "
            + (
                "an object without ResultCode"
                if isinstance(response, dict)
                else _describe(response)
            )
        )
    code = fields["resultcode"]
    if type(code) is not int or code not in _INT32:
        raise EnvelopeError(f"Response.ResultCode must be a 32-bit integer, not {_describe(code)}")
    error = fields.get("error")
    if error is None:
        error = ""
    elif not isinstance(error, str):
        raise EnvelopeError(f"Response.Error must be a string, not {_describe(error)}")
    return code, error


# --- describing bad values without ever failing on them


def _describe(value: object) -> str:
    """A short, safe description: huge ints and deep structures never raise here."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"the integer {_describe_int(value)}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__}"


def _describe_int(value: int | None) -> str:
    if value is None or -(10**30) < value < 10**30:
        return repr(value)
    return f"<{value.bit_length()}-bit integer>"


def _short(text: str) -> str:
    if len(text) <= 60:
        return repr(text)
    return repr(text[:60]) + "..."
