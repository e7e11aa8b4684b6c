"""Reading the status and body of an HTTP response object, sync and async.

Duck-typed: requests, httpx and urllib are never imported. Every attribute of
the response is read under a guard, because a response object is the
caller's and may raise anything from a property or ``__getattr__``.
Integers are normalised here too, without calling any method an int
subclass could override.
"""

from __future__ import annotations

from ._describe import describe
from ._wire import MISSING as ABSENT
from ._wire import http_status, plain_int
from .errors import EnvelopeError

__all__ = [
    "aread_body",
    "http_status",
    "plain_int",
    "read_body",
    "read_status",
    "response_label",
]


def attribute(response: object, name: str) -> object:
    """``response.name``, or ABSENT when reading it fails in any way."""
    try:
        return getattr(response, name)
    except Exception:  # absent, or a property or __getattr__ that fails: treated as absent
        return ABSENT


def read_status(response: object) -> tuple[int | None, object]:
    """The response's HTTP status, and the value it was read from.

    requests and httpx say ``status_code``; http.client and urllib's HTTPError
    say ``status``. The first valid status wins. When neither is valid the
    status is None and the value is the first one present (ABSENT if none),
    for the message.
    """
    first: object = ABSENT
    for name in ("status_code", "status"):
        try:
            value = getattr(response, name)
        except Exception:  # absent, or a property or __getattr__ that fails: treated as absent
            continue
        status = http_status(value)
        if status is not None:
            return status, value
        if first is ABSENT:
            first = value
    return None, first


def response_label(status: int | None, sent: object) -> str:
    """How messages name the HTTP response: "HTTP 401 response", or what its status was.

    *status* and *sent* are what ``read_status()`` returned.
    """
    if status is not None:
        return f"HTTP {status} response"
    if sent is ABSENT:
        return "HTTP response"
    return f"HTTP response (its status is {describe(sent)}, not an HTTP status)"


def read_body(response: object, status: int | None, sent: object) -> bytes:
    """The body of *response* as plain bytes: its ``content``, else what ``read()`` returns.

    *status* and *sent* are what ``read_status()`` returned, for messages.
    Raises EnvelopeError when there is no body to read or reading it fails.
    """
    content_error: Exception | None = None
    try:
        content = getattr(response, "content", None)
    except Exception as error:  # httpx raises ResponseNotRead for an unread stream: try read()
        content, content_error = None, error
    if type(content) is bytes:
        return content  # nothing of it can be overridden: no copy needed
    if issubclass(type(content), (bytes, bytearray)):
        return _copy(content)
    read = attribute(response, "read")
    if callable(read):
        try:
            body: object = read()
        except Exception as error:  # the transport's own failure, whatever its class
            raise unreadable(status, sent, error) from error
    elif content_error is not None:
        raise unreadable(status, sent, content_error) from content_error
    else:
        raise EnvelopeError(
            f"expected a dict, JSON text or an HTTP response, not {type(response).__name__}"
        )
    return _bytes_of(body, status, sent)


async def aread_body(response: object, status: int | None, sent: object) -> bytes:
    """As read_body(), but an unread body is read with ``await response.aread()`` (httpx)."""
    try:
        getattr(response, "content", None)
    except Exception as error:  # an unread httpx stream: the async read below fills it
        aread = attribute(response, "aread")
        if not callable(aread):
            raise unreadable(status, sent, error) from error
        try:
            # httpx's aread() is a coroutine function; anything else fails here and is reported.
            body: object = await aread()  # pyright: ignore[reportGeneralTypeIssues, reportUnknownVariableType] -- checked at run time
        except RuntimeError:
            # httpx refuses aread() on a sync stream (httpx.Response(content=iter(...))),
            # which read() reads: as from_response() would.
            return read_body(response, status, sent)
        except Exception as read_error:  # the transport's own failure, whatever its class
            raise unreadable(status, sent, read_error) from read_error
        return _bytes_of(body, status, sent)  # pyright: ignore[reportUnknownArgumentType] -- as above
    return read_body(response, status, sent)


def _copy(data: object) -> bytes:
    """Plain bytes of *data*, a bytes or bytearray (subclass), read through its buffer.

    None of a subclass's own methods runs.
    """
    return bytes(memoryview(data))  # type: ignore[arg-type]  # callers check its type


def _bytes_of(body: object, status: int | None, sent: object) -> bytes:
    # Asked of the type, not isinstance(): a hostile __class__ is never consulted.
    if issubclass(type(body), (bytes, bytearray)):
        return _copy(body)
    raise EnvelopeError(
        f"the {response_label(status, sent)} body is {type(body).__name__}, not bytes",
        status_code=status,
    )


def unreadable(status: int | None, sent: object, error: Exception) -> EnvelopeError:
    """The EnvelopeError for a body that could not be read because of *error*."""
    return EnvelopeError(
        f"could not read the {response_label(status, sent)} body:"
        f" {type(error).__name__}: {_safe_str(error)}",
        status_code=status,
    )


def _safe_str(error: Exception) -> str:
    try:
        text = str(error)
    except Exception:  # a hostile __str__: the class name already says enough
        return "(no message)"
    return text if len(text) <= 200 else text[:200] + "..."
