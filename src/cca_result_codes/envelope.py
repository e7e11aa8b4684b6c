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
from .versions import UNIFIED_IN, ServerVersion, as_server_version

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
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
    """A parsed CcaWebApi envelope, as ``from_response()`` returns it.

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

    def __reduce__(self) -> tuple[type[ApiResponse], tuple[object, ...]]:
        return (ApiResponse, self._fields())


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
    fallback_version = (
        None if server_version is None else as_server_version(server_version, "server_version")
    )
    if isinstance(source, dict):
        return _read_envelope(source, fallback_version, None)  # pyright: ignore[reportUnknownArgumentType]
    if isinstance(source, str):
        return _read_envelope(_parse_json(source), fallback_version, None)
    if isinstance(source, (bytes, bytearray)):
        return _read_envelope(_parse_json(_decode_utf8(source)), fallback_version, None)
    return _read_http_response(source, fallback_version)


# --- reading HTTP responses (duck-typed: none of the client libraries is imported)


def _read_http_response(response: object, fallback_version: ServerVersion | None) -> ApiResponse:
    status = _transport_status(response)
    body = _read_body(response, status)
    try:
        return _read_envelope(_parse_json(_decode_utf8(body)), fallback_version, status)
    except EnvelopeError as error:
        excerpt = body[:EXCERPT_CHARS].decode(errors="replace")
        raise EnvelopeError(
            f"HTTP {status} response is not a CcaWebApi envelope: {error}",
            status_code=status,
            excerpt=excerpt,
        ) from None


def _transport_status(response: object) -> int | None:
    # requests and httpx say status_code; http.client and urllib's HTTPError say status.
    for attribute in ("status_code", "status"):
        try:
            value = getattr(response, attribute)
        except Exception:  # absent, or a property that fails: no status from it
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
        return data.removeprefix(_UTF8_BOM).decode()  # UTF-8, strictly
    except UnicodeDecodeError as error:
        raise EnvelopeError(
            f"the input is not UTF-8: {error.reason} at byte {error.start}",
            excerpt=data[max(0, error.start - 40) : error.start + 40].decode(errors="replace"),
        ) from None


_decode: Callable[[str], object] | None = None


def _load_decoder() -> Callable[[str], object]:
    global _decode  # noqa: PLW0603 -- json is imported on first use, not at package import
    import json

    _decode = json.JSONDecoder(parse_constant=_reject_constant).decode
    return _decode


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _parse_json(text: str) -> object:
    decode = _decode or _load_decoder()
    text = text.removeprefix("\ufeff")
    try:
        return decode(text)
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

_ENVELOPE_KEYS = ("Request", "Version", "StatusCode", "Response")
_REQUEST_KEYS = ("Method", "Url")
_RESULT_KEYS = ("ResultCode", "Error")
_MISSING = object()
_ALL_MISSING = (_MISSING,) * len(_ENVELOPE_KEYS)

_version_cache: dict[str, ServerVersion] = {}
# Bound once: attribute lookups on an Enum class are slow on Python 3.10 and 3.11.
_code_by_number = ResultCode.get


def _read_envelope(
    data: object, fallback_version: ServerVersion | None, transport_status: int | None
) -> ApiResponse:
    if not isinstance(data, dict):
        raise EnvelopeError(f"expected a JSON object at the top, not {_describe(data)}")
    envelope: dict[str, object] = data  # pyright: ignore[reportUnknownVariableType]
    request = envelope.get("Request", _MISSING)
    version_text = envelope.get("Version", _MISSING)
    status = envelope.get("StatusCode", _MISSING)
    response = envelope.get("Response", _MISSING)
    if len(envelope) != 4 or any(
        value is _MISSING for value in (request, version_text, status, response)
    ):
        # Not the vendor's exact spelling: match keys case-insensitively.
        request, version_text, status, response = _pick(envelope, _ENVELOPE_KEYS, "the envelope")

    if status is _MISSING or status is None:
        if transport_status is None:
            raise EnvelopeError("the envelope has no StatusCode")
        status = transport_status
    elif type(status) is not int or status not in _HTTP_STATUSES:
        raise EnvelopeError(
            f"StatusCode must be an HTTP status from 100 to 599, not {_describe(status)}"
        )
    if response is _MISSING:
        raise EnvelopeError("the envelope has no Response")

    # Servers repeat one Version string: parse it once.
    version = _version_cache.get(version_text) if type(version_text) is str else None
    if version is None:
        version = _read_version(version_text)
    raw_code, error = _read_result(response, 200 <= status < 300)

    if raw_code is None:
        result_code: ResultCode | None = ResultCode.Success
    else:
        sender = fallback_version if version is None else version
        if sender is not None and sender < UNIFIED_IN:
            try:
                result_code = to_current(raw_code)
            except LegacyCodeError:
                result_code = None
        else:
            result_code = _code_by_number(raw_code)

    # Positional: keyword arguments would cost a tenth of the whole parse.
    return ApiResponse(
        _read_request(request), version, status, result_code, raw_code, error, response, envelope
    )


def _pick(mapping: dict[str, object], keys: tuple[str, ...], where: str) -> list[object]:
    """The values of *keys* in *mapping*, matched case-insensitively; _MISSING where absent."""
    values = list(map(mapping.get, keys, _ALL_MISSING))
    if len(mapping) + values.count(_MISSING) == len(keys):
        return values  # only the usual spellings are present: nothing else can match
    folded_keys = [key.lower() for key in keys]
    values = [_MISSING] * len(keys)
    for key, value in mapping.items():
        if isinstance(key, str) and (folded := key.lower()) in folded_keys:
            index = folded_keys.index(folded)
            if values[index] is not _MISSING:
                raise EnvelopeError(f"{where} has the key {key!r} twice, in different cases")
            values[index] = value
    return values


def _read_version(value: object) -> ServerVersion | None:
    if value is _MISSING or value is None or value == "":
        return None
    if not isinstance(value, str):
        raise EnvelopeError(f'Version must be a string such as "5.4.6.1", not {_describe(value)}')
    try:
        version = ServerVersion.parse(value)
    except ValueError as error:
        raise EnvelopeError(f"Version: {error}") from None
    if len(_version_cache) >= _VERSION_CACHE_SIZE:
        _version_cache.clear()
    _version_cache[value] = version
    return version


def _read_request(value: object) -> RequestInfo | None:
    if value is _MISSING or value is None:
        return None
    if not isinstance(value, dict):
        raise EnvelopeError(f"Request must be an object, not {_describe(value)}")
    request: dict[str, object] = value  # pyright: ignore[reportUnknownVariableType]
    method = request.get("Method")
    url = request.get("Url")
    if len(request) == 2 and type(method) is str and type(url) is str:
        return RequestInfo(method, url)  # the usual shape: nothing more to check
    method, url = _pick(request, _REQUEST_KEYS, "Request")
    return RequestInfo(_optional_text(method, "Request.Method"), _optional_text(url, "Request.Url"))


def _optional_text(value: object, where: str) -> str | None:
    if value is _MISSING or value is None:
        return None
    if not isinstance(value, str):
        raise EnvelopeError(f"{where} must be a string, not {_describe(value)}")
    return value


def _read_result(response: object, success: bool) -> tuple[int | None, str]:
    """The ResultCode and Error of a ``Response``, or (None, "") for a success payload."""
    if not isinstance(response, dict):
        if success:
            return None, ""
        raise EnvelopeError(
            "a failure envelope needs Response.ResultCode, but Response is " + _describe(response)
        )
    result: dict[str, object] = response  # pyright: ignore[reportUnknownVariableType]
    if success and len(result) > len(_RESULT_KEYS):
        return None, ""  # a payload: the error shape has at most two keys
    code = result.get("ResultCode")
    error = result.get("Error")
    if len(result) == 2 and type(code) is int and type(error) is str and code in _INT32:
        return code, error  # the usual shape: nothing more to check
    code, error = _pick(result, _RESULT_KEYS, "Response")
    present = (code is not _MISSING) + (error is not _MISSING)
    # On success an object is a payload unless it has the error shape exactly.
    if code is _MISSING or (success and present != len(result)):
        if success:
            return None, ""
        raise EnvelopeError(
            "a failure envelope needs Response.ResultCode, but Response is an object without it"
        )
    if type(code) is not int or code not in _INT32:
        raise EnvelopeError(f"Response.ResultCode must be a 32-bit integer, not {_describe(code)}")
    return code, _optional_text(error, "Response.Error") or ""


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
