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
  (a proxy's HTML 502, say) raises ``EnvelopeError`` with the status and an
  excerpt. As in ``from_response()``, an envelope's own ``StatusCode``
  outranks the transport's: one that says 2xx and success passes.
- **2xx**: a body whose Content-Type is not JSON passes untouched and
  unread: recordings and report files are downloads, not envelopes. A JSON
  envelope carrying a code outside the success category raises, as
  ``raise_for_result()`` would: an error code is an error whatever the HTTP
  status says. Anything else passes, a JSON body that is not an envelope
  included.
- **3xx**: passes untouched, so that the client can follow the redirect
  (requests and httpx run response hooks on every hop).

The hooks return None, so the client hands you its own response object.
Neither requests nor httpx is imported by this module: the hooks only read
``status_code``, ``headers`` and the body.

Cost: on a 2xx JSON response the hook reads the body (the client keeps it, so
``response.json()`` does not read it again), then looks for the text
``resultcode`` in any case. Only a body that contains it, or a ``\\u``
escape, is parsed, so a payload is parsed once, by your ``response.json()``;
docs/client.md gives the figures.
"""

from __future__ import annotations

from .codes import ResultCode
from .envelope import from_response
from .errors import EnvelopeError

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Protocol

    class _Response(Protocol):
        """What every hook reads: a response of requests or httpx."""

        @property
        def status_code(self) -> int: ...
        @property
        def headers(self) -> Mapping[str, str]: ...
        @property
        def content(self) -> bytes: ...

    class _HttpxResponse(_Response, Protocol):
        def read(self) -> bytes: ...

    class _AsyncHttpxResponse(_Response, Protocol):
        async def aread(self) -> bytes: ...


__all__ = ["httpx_async_hook", "httpx_hook", "requests_hook"]


def requests_hook(response: _Response, *args: object, **kwargs: object) -> None:
    """Raise the exception of a failed CcaWebApi call; for ``session.hooks["response"]``.

    requests passes its send options as keyword arguments; they are ignored.
    Returns None, so requests keeps its response.
    """
    success = _judge(response)
    if success is not None:
        _raise_for(response, success)


def httpx_hook(response: _HttpxResponse) -> None:
    """Raise the exception of a failed CcaWebApi call; for ``httpx.Client(event_hooks=...)``.

    httpx runs event hooks before it reads the body: this hook reads it
    (``response.read()``) when it needs it, and only then.
    """
    success = _judge(response)
    if success is not None:
        response.read()
        _raise_for(response, success)


async def httpx_async_hook(response: _AsyncHttpxResponse) -> None:
    """Raise the exception of a failed CcaWebApi call; for ``httpx.AsyncClient(event_hooks=...)``.

    The body is awaited (``await response.aread()``) when the hook needs it,
    so this works on ``client.stream(...)`` responses too.
    """
    success = _judge(response)
    if success is not None:
        await response.aread()
        _raise_for(response, success)


def _judge(response: _Response) -> bool | None:
    """What the body is, by status and type: None when it cannot say the call failed.

    True for a 2xx JSON body, which may carry an error code; False for the
    body of a failure (not 2xx, not 3xx); None for a redirect, and for a 2xx
    body that is not JSON, which stays unread.
    """
    status = response.status_code
    if 200 <= status < 300:
        return True if _is_json(response.headers.get(_CONTENT_TYPE)) else None
    if 300 <= status < 400:
        return None
    return False


_JSON_MEDIA_TYPES = frozenset({"application/json", "text/json"})
# Both clients look header names up in any case.
_CONTENT_TYPE = "content-type"


def _is_json(content_type: str | None) -> bool:
    if content_type is None:
        return False
    media_type = content_type.partition(";")[0].strip().lower()
    return media_type in _JSON_MEDIA_TYPES or media_type.endswith("+json")


def _raise_for(response: _Response, success: bool) -> None:
    """Raise what the body, already read, says went wrong."""
    if success:
        body = response.content
        # Keys match in any case, and JSON may spell any letter as a \u escape: a body
        # with neither holds no ResultCode, and is left for the caller to parse, once.
        # (Looking for one byte first is fast; most bodies have no backslash.)
        escaped = b"\\" in body and b"\\u" in body
        if not escaped and b"resultcode" not in body.lower():
            return
        try:
            reply = from_response(response)
        except EnvelopeError:
            return  # JSON, but not an envelope: not ours to judge
    else:
        reply = from_response(response)
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
