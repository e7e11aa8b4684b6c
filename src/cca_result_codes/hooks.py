"""Response hooks for requests and httpx: every failed CcaWebApi call raises its exception.

Install a hook once, and each response is checked as it arrives:

>>> import requests
>>> session = requests.Session()
>>> session.hooks["response"].append(requests_hook)

>>> import httpx
>>> with httpx.Client(event_hooks={"response": [httpx_hook]}) as client:
...     pass

and for asyncio, ``httpx.AsyncClient(event_hooks={"response": [httpx_async_hook]})``.

What a hook does with a response, by its HTTP status:

- **non-2xx, non-3xx**: it reads the body. An envelope raises the
  ``CcaApiError`` subclass of its code (``errors.UnknownToken``), as
  ``ApiResponse.raise_for_result()`` would; a body that is not an envelope
  (a proxy's HTML 502, say) raises ``EnvelopeError`` with the status, an
  excerpt and the headers. As in ``from_response()``, an envelope's own
  ``StatusCode`` outranks the transport's: one that says 2xx and success
  passes.
- **2xx**: a body whose Content-Type is not JSON passes untouched and
  unread: recordings and report files are downloads, not envelopes. A JSON
  envelope raises when ``raise_for_result()`` would: for a code outside the
  success category (an error code is an error whatever the HTTP status
  says), and for an envelope whose own ``StatusCode`` is not 2xx (HTTP 200
  around ``"StatusCode": 401`` raises, even with code 0). Anything else
  passes: a success, an empty body, a JSON body that is not an envelope.
- **3xx**: passes untouched, so that the client can follow the redirect
  (requests and httpx run response hooks on every hop).
- **no body**: an answer to ``HEAD``, a 1xx, 204 or 205 passes unread,
  whatever its status: it has nothing to judge.

A hook reads at most *max_body* bytes of a body (:data:`MAX_BODY`, 32 MiB);
a longer one raises ``EnvelopeError`` without the rest being read. Set
another limit with ``functools.partial(httpx_hook, max_body=...)``. A
transport failure while reading (a body cut short, bad gzip) raises the
client's own exception, as reading the body yourself would.

The hooks return None, so the client hands you its own response object.
Neither requests nor httpx is imported by this module: the hooks only read
``status_code``, ``headers``, ``request.method`` and the body.
``httpx_hook`` on an ``httpx.AsyncClient``, or ``httpx_async_hook`` on an
``httpx.Client``, raises TypeError naming the right one.

Cost: on a 2xx JSON response the hook reads the body (the client keeps it, so
``response.json()`` does not read it again), then looks for the text
``resultcode`` in any case. Only a body that contains it, or a ``\\u``
escape, is parsed, so a payload is parsed once, by your ``response.json()``;
docs/client.md gives the figures.
"""

from __future__ import annotations

from ._headers import read_headers
from ._transport import (
    MAX_BODY,
    aread_body,
    attribute,
    body_limit,
    read_body,
    stream_kind,
)
from .codes import ResultCode
from .envelope import from_response
from .errors import EnvelopeError

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Coroutine, Mapping
    from typing import Protocol

    class _Response(Protocol):
        """What every hook reads: a response of requests or httpx."""

        @property
        def status_code(self) -> int: ...
        @property
        def headers(self) -> Mapping[str, str]: ...


__all__ = ["MAX_BODY", "httpx_async_hook", "httpx_hook", "requests_hook"]


def requests_hook(
    response: _Response, *args: object, max_body: int | None = MAX_BODY, **kwargs: object
) -> None:
    """Raise the exception of a failed CcaWebApi call; for ``session.hooks["response"]``.

    requests passes its send options as keyword arguments; they are ignored.
    Returns None, so requests keeps its response. The body is read in chunks,
    at most *max_body* bytes of it: give another limit with
    ``functools.partial(requests_hook, max_body=...)``.
    """
    _check(response, max_body)


def httpx_hook(response: _Response, *, max_body: int | None = MAX_BODY) -> None:
    """Raise the exception of a failed CcaWebApi call; for ``httpx.Client(event_hooks=...)``.

    httpx runs event hooks before it reads the body: this hook reads it, at
    most *max_body* bytes, when it needs it, and only then. On a response of
    an ``httpx.AsyncClient`` it raises TypeError naming ``httpx_async_hook``.
    """
    if stream_kind(response) == "async":
        raise TypeError(
            "httpx_hook is for httpx.Client: an httpx.AsyncClient needs httpx_async_hook"
        )
    _check(response, max_body)


def httpx_async_hook(
    response: _Response, *, max_body: int | None = MAX_BODY
) -> Coroutine[object, object, None]:
    """Raise the exception of a failed CcaWebApi call; for ``httpx.AsyncClient(event_hooks=...)``.

    Returns the coroutine that httpx awaits. The body is awaited, at most
    *max_body* bytes of it, when the hook needs it, so this works on
    ``client.stream(...)`` responses too. On a response of an ``httpx.Client``,
    which would never await it, it raises TypeError at once, naming
    ``httpx_hook``.
    """
    if stream_kind(response) == "sync":
        raise TypeError(
            "httpx_async_hook is for httpx.AsyncClient: an httpx.Client needs httpx_hook"
        )
    return _check_async(response, max_body)


def _check(response: _Response, max_body: int | None) -> None:
    limit = body_limit(max_body)
    success = _judge(response)
    if success is None:
        return
    status = response.status_code  # requests and httpx: always an HTTP status
    try:
        body = read_body(response, status, limit=limit)
    except EnvelopeError as error:
        error.headers = read_headers(response)  # read only for an error: a snapshot costs time
        raise
    _raise_for(response, body, success)


async def _check_async(response: _Response, max_body: int | None) -> None:
    limit = body_limit(max_body)
    success = _judge(response)
    if success is None:
        return
    status = response.status_code  # requests and httpx: always an HTTP status
    try:
        body = await aread_body(response, status, limit=limit)
    except EnvelopeError as error:
        error.headers = read_headers(response)  # read only for an error: a snapshot costs time
        raise
    _raise_for(response, body, success)


def _judge(response: _Response) -> bool | None:
    """What the body is, by status and type: None when it cannot say the call failed.

    True for a 2xx JSON body, which may carry an error code; False for the
    body of a failure (not 2xx, not 3xx); None for a redirect, for a 2xx
    body that is not JSON, which stays unread, and for a response that has
    no body: an answer to HEAD, a 1xx, a 204 or a 205 (a 304 is a redirect).
    """
    status = response.status_code
    if status < 200 or status in _NO_BODY or _answers_head(response):
        return None
    if 200 <= status < 300:
        return True if _is_json(response.headers.get(_CONTENT_TYPE)) else None
    if 300 <= status < 400:
        return None
    return False


_NO_BODY = (204, 205)
_JSON_MEDIA_TYPES = frozenset({"application/json", "text/json"})
# Both clients look header names up in any case.
_CONTENT_TYPE = "content-type"


def _answers_head(response: _Response) -> bool:
    """Whether *response* answers a HEAD request, which has no body whatever its headers say."""
    return attribute(attribute(response, "request"), "method") == "HEAD"


def _is_json(content_type: str | None) -> bool:
    if content_type is None:
        return False
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type in _JSON_MEDIA_TYPES or media_type.endswith("+json")


def _raise_for(response: _Response, body: bytes, success: bool) -> None:
    """Raise what *body*, the body of *response*, says went wrong.

    The client keeps the body it read: from_response() takes it from there,
    with the response's status and headers, and needs no limit of its own.
    """
    # Keys match in any case, and JSON may spell any letter as a \u escape: a success
    # body with neither holds no ResultCode, and is left for the caller to parse, once.
    if success and b"\\u" not in body and b"resultcode" not in body.lower():
        return
    try:
        reply = from_response(response, max_body=None)
    except EnvelopeError:
        if success:
            return  # JSON, but not an envelope: not ours to judge
        raise
    if reply.result_code is ResultCode.UnknownToken and _relogin_follows(response):
        return  # auth.HttpxRelogin logs in again and resends; a second UnknownToken raises
    reply.raise_for_result()


def _relogin_follows(response: object) -> bool:
    """Whether auth.HttpxRelogin marked the request: it may still log in again."""
    try:
        marked: object = response.request.extensions.get("cca_result_codes.relogin")  # type: ignore[attr-defined]  # httpx's
    except Exception:  # not httpx, or no request: nothing marked it
        return False
    return marked is True  # the name is auth.RELOGIN_EXTENSION
