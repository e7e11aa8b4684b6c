"""Build CcaWebApi envelopes for tests: the inverse of ``from_response()``.

``make_envelope()`` writes the envelope a CcaWebApi server would send, so that
a client's tests need no live server and no hand-written dicts:

>>> from cca_result_codes import ResultCode, from_response
>>> envelope = make_envelope(ResultCode.UnknownToken)
>>> envelope["StatusCode"], envelope["Response"]
(401, {'ResultCode': 102, 'Error': ''})
>>> from_response(envelope).result_code
<ResultCode.UnknownToken: 102>

This module does not import hypothesis; ``cca_result_codes.testing.strategies``
holds the hypothesis strategies and needs it.
"""

from __future__ import annotations

from .._wire import INT32_MAX as _INT32_MAX
from .._wire import INT32_MIN as _INT32_MIN
from ..categories import Category
from ..codes import ResultCode
from ..legacy import to_legacy
from ..versions import UNIFIED_IN, ServerVersion, as_server_version, leading_version

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .fake import FakeCcaWebApi, RecordedCall


__all__ = [
    "DEFAULT_URL",
    "DEFAULT_VERSION",
    "FakeCcaWebApi",
    "RecordedCall",
    "default_status",
    "looks_like_result",
    "make_envelope",
]

DEFAULT_URL = "http://cca.example/CcaWebApi/agents"
"""The ``Request.Url`` that ``make_envelope()`` writes unless told otherwise.

The shape of the vendor's example (``http://{Server}/CcaWebApi/agents``), on
``cca.example``, a name reserved for examples that never resolves.
"""

DEFAULT_VERSION = "5.4.6.1"
"""The ``Version`` that ``make_envelope()`` writes unless told otherwise: the vendor's example."""


def default_status(code: ResultCode | int) -> int:
    """The HTTP status ``make_envelope()`` writes for *code* when given none.

    200 for a code in the success block, 401 for ``UnknownToken`` (as in the
    vendor's example) and 400 for every other code. The vendor publishes no
    status per code: this is a convenience for tests, not vendor data.

    >>> default_status(ResultCode.Pending), default_status(102), default_status(711)
    (200, 401, 400)
    """
    if Category.of(code) is Category.SUCCESS:
        return 200
    if code == ResultCode.UnknownToken:
        return 401
    return 400


def make_envelope(
    code: ResultCode | int,
    *,
    error: str = "",
    status_code: int | None = None,
    method: str | None = "GET",
    url: str | None = DEFAULT_URL,
    version: ServerVersion | str | None = DEFAULT_VERSION,
    payload: Any = None,
) -> dict[str, Any]:
    """The envelope a CcaWebApi server sends for *code*, as a JSON-ready dict.

    - Without *payload*, ``Response`` is the result shape
      ``{"ResultCode": n, "Error": error}``, success codes included, so that
      ``Pending`` and ``SuccessListRunning`` survive ``from_response()``.
    - With *payload* (any JSON value but null), ``Response`` is the payload.
      The code must then be ``Success``, *error* empty and the status 2xx;
      a payload object must not have a ``ResultCode`` key (in any case) at its
      top level, since readers would take it for the result shape. Anything
      else raises ValueError.
    - *status_code* None picks ``default_status(code)``.
    - *method* and *url* fill ``Request``; None for either leaves ``Request``
      out. *version* None leaves ``Version`` out; a string is written as
      given, a ServerVersion in its dotted form.
    - A *version* older than 5.4.6 writes the code's legacy number, so that
      ``from_response()`` reads back the same code; a code new after 5.4.6
      has none and raises ``LegacyCodeError``.
    - *code* may also be an int no member has (a 32-bit number), for the
      codes a newer server may send.

    >>> make_envelope(ResultCode.SuccessListRunning, version="5.4.5")["Response"]
    {'ResultCode': 3, 'Error': ''}
    >>> make_envelope(ResultCode.Success, payload=[1, 2], method=None, version=None)
    {'StatusCode': 200, 'Response': [1, 2]}
    """
    number = _code_number(code)
    if not isinstance(error, str):
        raise TypeError(f"error must be a str, not {type(error).__name__}")
    status = default_status(number) if status_code is None else _status(status_code)
    envelope: dict[str, Any] = {}
    if method is not None and url is not None:
        envelope["Request"] = {"Method": _text(method, "method"), "Url": _text(url, "url")}
    else:  # a str given beside None must still be a str
        _optional_text(method, "method")
        _optional_text(url, "url")
    if version is not None:
        envelope["Version"] = str(version)  # as given; a ServerVersion in its dotted form
        server_version = version_as_read(version)
        if server_version is not None and server_version < UNIFIED_IN:
            number = to_legacy(number)
    envelope["StatusCode"] = status
    if payload is None:
        envelope["Response"] = {"ResultCode": number, "Error": error}
    else:
        _check_payload(code, error, status, payload)
        envelope["Response"] = payload
    return envelope


def version_as_read(version: ServerVersion | str) -> ServerVersion | None:
    """The server version that from_response() reads from *version*, as Version says it."""
    if isinstance(version, str):
        try:
            return ServerVersion.parse(version)
        except ValueError:  # "5.4.6.1-beta": from_response() reads the leading number
            return leading_version(version)
    return as_server_version(version, "version")  # a TypeError for anything else


def _code_number(code: object) -> int:
    if not isinstance(code, int) or isinstance(code, bool):
        raise TypeError(f"code must be a ResultCode or an int, not {type(code).__name__}")
    if not _INT32_MIN <= code <= _INT32_MAX:
        raise ValueError(f"code must be a 32-bit integer, as CcaWebApi sends, not {code}")
    return int(code)  # a plain int: the envelope holds JSON values only


def _status(status_code: object) -> int:
    if not isinstance(status_code, int) or isinstance(status_code, bool):
        raise TypeError(f"status_code must be an int or None, not {type(status_code).__name__}")
    if not 100 <= status_code <= 599:
        raise ValueError(f"status_code must be an HTTP status from 100 to 599, not {status_code}")
    return int(status_code)


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str or None, not {type(value).__name__}")
    return value


def _optional_text(value: object, name: str) -> None:
    if value is not None:
        _text(value, name)


def _check_payload(code: ResultCode | int, error: str, status: int, payload: object) -> None:
    if code != ResultCode.Success:
        raise ValueError(
            f"a payload goes with ResultCode.Success only, not {_name(code)}:"
            " a failure's Response is the result shape"
        )
    if error:
        raise ValueError("a payload carries no Error text: error must be empty")
    if not 200 <= status <= 299:
        raise ValueError(f"a payload needs a 2xx status, not {status}")
    if looks_like_result(payload):
        raise ValueError(
            "the payload has a ResultCode key at its top level, so readers would take it"
            " for the result shape; pass the code instead of a payload"
        )


def looks_like_result(payload: object) -> bool:
    """True for an object with a ``ResultCode`` key, in any case, at its top level.

    ``make_envelope()`` refuses such payloads, and the exported JSON Schema
    and TypeScript guard read them as the result shape.

    >>> looks_like_result({"resultCode": 5}), looks_like_result({"Agents": []})
    (True, False)
    """
    return isinstance(payload, dict) and any(
        isinstance(key, str) and key.lower() == "resultcode"
        for key in payload  # pyright: ignore[reportUnknownVariableType]
    )


def _name(code: ResultCode | int) -> str:
    member = ResultCode.get(code)
    return str(code) if member is None else f"{member.name} ({member.value})"


def __getattr__(name: str) -> object:
    # The fake loads on first use: it imports json and threading, which envelopes do not need.
    if name in ("FakeCcaWebApi", "RecordedCall"):
        from . import fake

        return getattr(fake, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
