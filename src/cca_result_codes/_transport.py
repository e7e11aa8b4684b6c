"""Reading the status and body of an HTTP response object, sync and async.

Duck-typed: requests, httpx and urllib are never imported. Every attribute of
the response is read under a guard, because a response object is the
caller's and may raise anything from a property or ``__getattr__``.
Integers are normalised here too, without calling any method an int
subclass could override.
"""

from __future__ import annotations

import sys

from ._describe import describe
from ._wire import MISSING as ABSENT
from ._wire import http_status, plain_int
from .errors import EnvelopeError

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from typing import Any

__all__ = [
    "MAX_BODY",
    "aread_body",
    "body_limit",
    "http_status",
    "is_transport_error",
    "plain_int",
    "read_body",
    "read_status",
    "response_label",
    "stream_kind",
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


MAX_BODY = 32 * 1024 * 1024
"""The most bytes of a body that ``from_response()`` and the hooks read: 32 MiB.

A CcaWebApi envelope is a few kilobytes, and a long listing a few megabytes.
``cca-codes explain`` reads at most as much.
"""

_CHUNK = 64 * 1024
# The clients' own failures that are not OSError (requests' are: its RequestException is
# one). Looked up in sys.modules: a client whose module is not loaded raised nothing.
_TRANSPORT_ERRORS = (
    ("http.client", "HTTPException"),
    ("httpx", "HTTPError"),
    ("urllib3.exceptions", "HTTPError"),
)


def body_limit(max_body: object) -> int | None:
    """*max_body* as a plain int, or None for no limit; a bad value is the caller's error."""
    if max_body is None:
        return None
    limit = plain_int(max_body)
    if limit is None:
        raise TypeError(f"max_body must be an int or None, not {type(max_body).__name__}")
    if limit < 0:
        raise ValueError(f"max_body must be 0 or more, not {limit}")
    return limit


def is_transport_error(error: BaseException) -> bool:
    """Whether *error* is the transport's own failure (a reset, a truncated or corrupt body).

    Such errors pass unchanged, as they would had the caller read the body:
    OSError (requests' exceptions, sockets, timeouts), http.client's
    HTTPException (urllib), and the HTTPError classes of httpx and urllib3.
    """
    kind = type(error)  # the type, not isinstance(): a hostile __class__ is never asked
    if issubclass(kind, OSError):
        return True
    for module_name, class_name in _TRANSPORT_ERRORS:
        base = getattr(sys.modules.get(module_name), class_name, None)
        if isinstance(base, type) and issubclass(kind, base):
            return True
    return False


class Origin:
    """What messages say of the response whose body is read: its status, and its headers."""

    __slots__ = ("headers", "sent", "status")

    def __init__(self, status: int | None, sent: object, headers: Mapping[str, str] | None) -> None:
        self.status = status
        self.sent = sent
        self.headers = headers

    @property
    def label(self) -> str:
        return response_label(self.status, self.sent)

    def error(self, message: str) -> EnvelopeError:
        """An EnvelopeError about this response: *message*, with its status and headers."""
        return EnvelopeError(message, status_code=self.status, headers=self.headers)


def read_body(
    response: object,
    status: int | None,
    sent: object = ABSENT,
    limit: int | None = None,
    headers: Mapping[str, str] | None = None,
) -> bytes:
    """The body of *response* as plain bytes, at most *limit* bytes of it (None: no limit).

    *status* and *sent* are what ``read_status()`` returned, for messages
    (*sent* is named only when *status* is None), and *headers* go on the
    errors. An unread body is read in chunks, no
    further than one chunk past *limit*: requests' ``iter_content()``,
    httpx's ``iter_bytes()``, or a file's ``read(size)`` (urllib). What
    requests and httpx read is kept on the response, so that
    ``response.json()`` still works. A body already read is its ``content``;
    an object with neither gives what its ``read()`` returns.

    Raises EnvelopeError when there is no body to read, it is too large, or
    reading it fails; a failure of the transport itself passes unchanged.
    """
    iter_content = _unread_requests(response)
    if iter_content is not None:
        # requests' content would read the whole body, however long: read it in chunks.
        origin = Origin(status, sent, headers)
        return _keep(response, _gather(response, lambda: iter_content(_CHUNK), origin, limit))
    content_error: Exception | None = None
    try:
        content = getattr(response, "content", None)
    except Exception as error:  # httpx raises ResponseNotRead for an unread stream
        content, content_error = None, error
    if issubclass(type(content), (bytes, bytearray)):  # the usual case: read already
        # Plain bytes as they are; a subclass read through its buffer, none of its methods run.
        loaded: bytes = content if type(content) is bytes else _copy(content)
        if limit is not None and len(loaded) > limit:
            raise _too_large(Origin(status, sent, headers), limit)
        return loaded
    origin = Origin(status, sent, headers)
    iter_bytes = attribute(response, "iter_bytes")
    if content_error is not None and callable(iter_bytes):
        if stream_kind(response) == "async":
            raise origin.error(
                f"the {origin.label} body is an unread async stream:"
                " read it with `await afrom_response(response)`"
            )
        return _keep(response, _gather(response, iter_bytes, origin, limit))
    read = attribute(response, "read")
    if callable(read):
        if callable(attribute(response, "readinto")):  # a file: urllib's responses
            return _gather(response, lambda: _reads(read), origin, limit)
        try:
            body: object = read()
        except Exception as error:  # the transport's own failure passes; anything else is ours
            if is_transport_error(error):
                raise
            raise unreadable(origin, error) from error
        return _within(_bytes_of(body, origin), origin, limit)
    if content_error is not None:
        raise unreadable(origin, content_error) from content_error
    raise origin.error(
        f"expected a dict, JSON text or an HTTP response, not {type(response).__name__}"
    )


async def aread_body(
    response: object,
    status: int | None,
    sent: object = ABSENT,
    limit: int | None = None,
    headers: Mapping[str, str] | None = None,
) -> bytes:
    """As read_body(), but an unread httpx body is awaited: ``aiter_bytes()``, else ``aread()``."""
    if _unread_requests(response) is None:
        try:
            getattr(response, "content", None)
        except Exception as error:  # an unread httpx stream: the async read below fills it
            body = await _aread(response, Origin(status, sent, headers), limit, error)
            if body is not None:
                return body
    return read_body(response, status, sent, limit, headers)


async def _aread(
    response: object, origin: Origin, limit: int | None, unread: Exception
) -> bytes | None:
    """The body of an unread async *response*; *unread* is what reading its content raised.

    None for a sync stream, which only ``read_body()`` can read.
    """
    aiter_bytes = attribute(response, "aiter_bytes")
    aread = attribute(response, "aread")
    try:
        if callable(aiter_bytes):
            return _keep(response, await _agather(aiter_bytes(), origin, limit))
        if not callable(aread):
            raise unreadable(origin, unread) from unread
        # httpx's aread() is a coroutine function; anything else fails here and is reported.
        body: object = await aread()  # pyright: ignore[reportGeneralTypeIssues, reportUnknownVariableType] -- checked at run time
    except RuntimeError:
        # httpx refuses to read a sync stream (httpx.Response(content=iter(...))) in async
        # code; read() reads it, as from_response() would.
        return None
    except EnvelopeError:
        raise
    except Exception as error:  # the transport's own failure passes; anything else is ours
        if is_transport_error(error):
            raise
        raise unreadable(origin, error) from error
    return _within(_bytes_of(body, origin), origin, limit)  # pyright: ignore[reportUnknownArgumentType] -- as above


def _unread_requests(response: object) -> Callable[[int], Any] | None:
    """The ``iter_content`` of a requests response whose body nobody has read yet, else None.

    requests marks an unread body with ``_content = False``, and a consumed
    stream with ``_content_consumed = True``.
    """
    if attribute(response, "_content") is not False:
        return None  # read already, or not requests: the usual case, answered first
    iter_content = attribute(response, "iter_content")
    if attribute(response, "_content_consumed") is False and callable(iter_content):
        return iter_content
    return None


def stream_kind(response: object) -> str | None:
    """ "sync" or "async" when the body of *response* can be read only that way (httpx), else None.

    httpx's clients give each response a stream of their kind: ``__iter__``
    for ``httpx.Client``, ``__aiter__`` for ``httpx.AsyncClient``.
    """
    stream = attribute(response, "stream")
    sync = callable(attribute(stream, "__iter__"))
    if sync is callable(attribute(stream, "__aiter__")):
        return None  # both (a body given as bytes), or neither (not httpx)
    return "sync" if sync else "async"


def _reads(read: Callable[[int], object]) -> Iterator[object]:
    """``read(size)`` over and over: the chunks of a file, ending with an empty one."""
    while True:
        yield read(_CHUNK)


def _gather(
    response: object, chunks: Callable[[], Any], origin: Origin, limit: int | None
) -> bytes:
    """The chunks of *response*'s body that *chunks()* gives, joined, up to an empty one or the end.

    Raises EnvelopeError as soon as they exceed *limit*, reading no further,
    and closes *response*: the rest of its body is never read, and an open
    stream would hold its connection.
    """
    parts: list[bytes] = []
    size = 0
    try:
        for chunk in chunks():
            data = _bytes_of(chunk, origin)
            if not data:
                break
            size += len(data)
            if limit is not None and size > limit:
                _close(response)
                raise _too_large(origin, limit)
            parts.append(data)
    except EnvelopeError:
        raise
    except Exception as error:  # the transport's own failure passes; anything else is ours
        if is_transport_error(error):
            raise
        raise unreadable(origin, error) from error
    return b"".join(parts)


async def _agather(chunks: Any, origin: Origin, limit: int | None) -> bytes:
    """As _gather(), over an async iterator; its failures are the caller's to sort."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:  # TypeError when it is not an async iterator
        data = _bytes_of(chunk, origin)
        size += len(data)
        if limit is not None and size > limit:
            raise _too_large(origin, limit)
        parts.append(data)
    return b"".join(parts)


def _close(response: object) -> None:
    close = attribute(response, "close")
    try:  # noqa: SIM105 -- contextlib costs import time
        close()  # type: ignore[operator]  # anything that fails here leaves the response as it was
    except Exception:  # not callable, or a close() that fails: nothing more to do
        pass


def _within(body: bytes, origin: Origin, limit: int | None) -> bytes:
    """*body*, unless it is longer than *limit*."""
    if limit is not None and len(body) > limit:
        raise _too_large(origin, limit)
    return body


def _too_large(origin: Origin, limit: int) -> EnvelopeError:
    return origin.error(
        f"the {origin.label} body is larger than {limit} bytes, the most this reads"
        " (see max_body=); the rest of it was not read"
    )


def _keep(response: object, body: bytes) -> bytes:
    """Keep *body* on a requests or httpx *response*, as their own reading does; return it."""
    try:  # noqa: SIM105 -- contextlib costs import time
        response._content = body  # type: ignore[attr-defined]  # requests' and httpx's cache
    except Exception:  # an object that refuses the attribute loses only its own later reads
        pass
    return body


def _copy(data: object) -> bytes:
    """Plain bytes of *data*, a bytes or bytearray (subclass), read through its buffer.

    None of a subclass's own methods runs.
    """
    return bytes(memoryview(data))  # type: ignore[arg-type]  # callers check its type


def _bytes_of(body: object, origin: Origin) -> bytes:
    """*body* as plain bytes, when it is bytes or a bytearray: no copy of plain bytes."""
    # Asked of the type, not isinstance(): a hostile __class__ is never consulted.
    kind = type(body)
    if kind is bytes:
        return body  # type: ignore[return-value]  # checked just above
    if issubclass(kind, (bytes, bytearray)):
        return _copy(body)
    raise origin.error(f"the {origin.label} body is {kind.__name__}, not bytes")


def unreadable(origin: Origin, error: Exception) -> EnvelopeError:
    """The EnvelopeError for a body that could not be read because of *error*."""
    return origin.error(
        f"could not read the {origin.label} body: {type(error).__name__}: {_safe_str(error)}"
    )


def _safe_str(error: Exception) -> str:
    try:
        text = str(error)
    except Exception:  # a hostile __str__: the class name already says enough
        return "(no message)"
    return text if len(text) <= 200 else text[:200] + "..."
