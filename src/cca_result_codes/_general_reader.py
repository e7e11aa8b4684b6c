"""The general reader: every rule of the envelope, for every envelope. It is the reference.

``read_envelope()`` reads any parsed envelope, in any key case, from any
server version, and refuses whatever breaks a rule with an EnvelopeError
that says which. The rules are those of ``envelope``'s docstring.

Its twin, the short reader (``_short_reader.read_usual()``), reads only the
shape CcaWebApi usually sends, faster, and must answer as this reader does;
``envelope._read_parsed()`` tries the short reader first and then this one;
``tests/test_envelope_readers.py`` holds the test that keeps the two equal,
and every envelope test runs against this reader alone as well.
"""

from __future__ import annotations

from ._describe import describe
from ._wire import (
    ENVELOPE_KEYS,
    MISSING,
    REQUEST_KEYS,
    RESULT_KEYS,
    STATUS_MAX,
    STATUS_MIN,
    http_status,
    is_int32,
    plain_int,
)
from .codes import _MEMBER_BY_NUMBER, ResultCode  # pyright: ignore[reportPrivateUsage] -- the table's own index
from .errors import EnvelopeError
from .legacy import LegacyCodeError, to_current
from .response import ApiResponse, RequestInfo
from .versions import UNIFIED_IN, ServerVersion, leading_version

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, TypeGuard

__all__ = ["SUCCESS", "code_by_number", "read_envelope", "version_cache"]

version_cache: dict[str, ServerVersion] = {}
"""Version strings parsed before: servers repeat one. The short reader reads only these."""
_VERSION_CACHE_SIZE = 64
# Only short canonical Version strings are cached, so that the cache stays small.
_CACHEABLE_VERSION_CHARS = 24
# ## HACK: benchmarks/run.py, row "from_response(dict)": bound once, because an attribute
# of an Enum class (ResultCode.get) goes through EnumType.__getattr__ on 3.10 and 3.11.
code_by_number = _MEMBER_BY_NUMBER.get
SUCCESS = ResultCode.Success


def read_envelope(
    data: object,
    fallback_version: ServerVersion | None,
    transport_status: int | None,
    repeats: dict[int, tuple[object, list[str]]] | None,
    headers: Mapping[str, str] | None,
) -> ApiResponse:
    """*data*, a parsed envelope, as an ApiResponse; EnvelopeError when it is not an envelope.

    The reference reader: it applies every rule, to any envelope, and the
    short reader must answer as it does wherever the short reader answers.
    *fallback_version* is the caller's ``server_version``, *transport_status*
    the HTTP response's status (None without one), and *repeats* the keys
    that JSON text gave twice, by the id of their object (None for a dict
    given as is). *headers*, the HTTP response's, go to the reply as they are.
    """
    if not _is_dict(data):
        raise EnvelopeError(f"expected a JSON object at the top, not {describe(data)}")
    envelope: dict[str, object] = data  # pyright: ignore[reportUnknownVariableType]
    request, version_text, status, response = _pick_keys(envelope, ENVELOPE_KEYS, "the envelope")
    if repeats:
        _refuse_repeats(envelope, ENVELOPE_KEYS, "the envelope", repeats)

    status = _envelope_status(status, transport_status)
    if response is MISSING:
        raise EnvelopeError("the envelope has no Response")

    version_text = _plain_str(version_text)
    version = _envelope_version(version_text, fallback_version)
    raw_code, error = _envelope_result(response, 200 <= status < 300)
    if repeats and raw_code is not None:
        _refuse_repeats(response, RESULT_KEYS, "Response", repeats)

    if raw_code is None:
        result_code: ResultCode | None = SUCCESS
    elif version is not None and version < UNIFIED_IN:
        try:
            result_code = to_current(raw_code)
        except LegacyCodeError:
            result_code = None
    else:
        result_code = code_by_number(raw_code)

    return ApiResponse(
        request=_envelope_request(request, repeats),
        version=version,
        status_code=status,
        result_code=result_code,
        raw_code=raw_code,
        error=error,
        payload=response,
        envelope=envelope,
        version_text=version_text,
        headers=headers,
    )


def _envelope_status(value: object, transport_status: int | None) -> int:
    """The envelope's StatusCode; the transport's status fills in only when it is absent or null."""
    if value is MISSING or value is None:
        if transport_status is None:
            raise EnvelopeError("the envelope has no StatusCode")
        return transport_status
    status = http_status(value)
    if status is None:
        raise EnvelopeError(
            f"StatusCode must be an HTTP status from {STATUS_MIN} to {STATUS_MAX},"
            f" not {describe(value)}"
        )
    return status


def _envelope_version(
    text: str | None, fallback_version: ServerVersion | None
) -> ServerVersion | None:
    """The version the codes are read by: Version, the caller's, Version's leading number, None."""
    if not text:
        return fallback_version
    version = version_cache.get(text)
    if version is not None:
        return version
    try:
        version = ServerVersion.parse(text)
    except ValueError:
        # Never lose a response to an odd Version: trust the caller, else its leading number.
        return fallback_version or leading_version(text)
    short_form = ".".join(map(str, version[: text.count(".") + 1]))
    if len(text) <= _CACHEABLE_VERSION_CHARS and text == short_form:
        if len(version_cache) >= _VERSION_CACHE_SIZE:
            version_cache.clear()
        version_cache[text] = version
    return version


def _envelope_request(
    value: object, repeats: dict[int, tuple[object, list[str]]] | None
) -> RequestInfo | None:
    if value is MISSING or value is None:
        return None
    if not _is_dict(value):
        raise EnvelopeError(f"Request must be an object, not {describe(value)}")
    request: dict[str, object] = value  # pyright: ignore[reportUnknownVariableType]
    if repeats:
        _refuse_repeats(request, REQUEST_KEYS, "Request", repeats)
    method, url = _pick_keys(request, REQUEST_KEYS, "Request")
    return RequestInfo(_string_field(method, "Request.Method"), _string_field(url, "Request.Url"))


def _envelope_result(response: object, success: bool) -> tuple[int | None, str]:
    """The ResultCode and Error of a ``Response``, or (None, "") for a success payload."""
    if not _is_dict(response):
        if success:
            return None, ""
        raise EnvelopeError(
            "a failure envelope needs Response.ResultCode, but Response is " + describe(response)
        )
    result: dict[str, object] = response  # pyright: ignore[reportUnknownVariableType]
    if success and len(result) > len(RESULT_KEYS):
        return None, ""  # a payload: the result shape has at most two keys
    if success:
        return _result_on_success(result)
    code, error = _pick_keys(result, RESULT_KEYS, "Response")
    if code is MISSING:
        raise EnvelopeError(
            "a failure envelope needs Response.ResultCode, but Response is an object without it"
        )
    number = plain_int(code)
    if number is None or not is_int32(number):
        raise EnvelopeError(f"Response.ResultCode must be a 32-bit integer, not {describe(code)}")
    return number, _string_field(error, "Response.Error") or ""


def _result_on_success(result: dict[str, object]) -> tuple[int | None, str]:
    """On 2xx, an object is the result only in its exact shape; otherwise it is a payload."""
    (code, error), repeated = _scan_keys(result, RESULT_KEYS)
    present = (code is not MISSING) + (error is not MISSING) + (repeated is not None)
    if code is MISSING or present != len(result):
        return None, ""
    number = plain_int(code)
    if number is None or not is_int32(number):
        return None, ""
    text = "" if error is MISSING or error is None else _plain_str(error)
    if text is None:
        return None, ""
    if repeated is not None:
        raise EnvelopeError(f"Response has the key {repeated!r} twice, in different cases")
    return number, text


# --- keys, matched without regard to case


def _is_dict(value: object) -> TypeGuard[dict[Any, Any]]:
    """isinstance(value, dict), asked of the type so that a hostile __class__ never runs."""
    return issubclass(type(value), dict)


def _folded_key(key: object) -> str | None:
    """*key* in lower case when it is a string, else None; a str subclass's methods are not run."""
    if issubclass(type(key), str) and isinstance(key, str):
        return str.lower(key)
    return None


def _scan_keys(
    mapping: dict[str, object], keys: tuple[str, ...]
) -> tuple[list[object], str | None]:
    """The values of *keys*, matched case-insensitively (MISSING where absent); a repeated key."""
    folded_keys = [key.lower() for key in keys]
    values = [MISSING] * len(keys)
    repeated = None
    for key, value in mapping.items():
        folded = _folded_key(key)
        if folded is not None and folded in folded_keys:
            index = folded_keys.index(folded)
            if values[index] is not MISSING:
                repeated = repeated or key
            else:
                values[index] = value
    return values, repeated


def _pick_keys(mapping: dict[str, object], keys: tuple[str, ...], where: str) -> list[object]:
    """The values of *keys* in *mapping*, matched case-insensitively; MISSING where absent."""
    values, repeated = _scan_keys(mapping, keys)
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


# --- values


def _plain_str(value: object) -> str | None:
    """*value* as a plain str when it is a string, else None."""
    if issubclass(type(value), str) and isinstance(value, str):
        return str.__str__(value)
    return None


def _string_field(value: object, where: str) -> str | None:
    """The string at *where*, None when absent or null; EnvelopeError for anything else."""
    if value is MISSING or value is None:
        return None
    text = _plain_str(value)
    if text is None:
        raise EnvelopeError(f"{where} must be a string, not {describe(value)}")
    return text
