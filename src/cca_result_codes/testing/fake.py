"""A scripted CcaWebApi for tests, served to httpx, requests, or any client over real HTTP.

Script the replies once; serve them three ways:

>>> fake = FakeCcaWebApi()
>>> fake.reply("POST", "/CcaWebApi/login", {"Token": "t1"})
>>> fake.fail("GET", "/CcaWebApi/agents", ResultCode.UnknownToken, error="expired")
>>> fake.reply("GET", "/CcaWebApi/agents", [{"Id": 1}])
>>> import httpx
>>> with httpx.Client(transport=fake.httpx_transport()) as client:
...     client.get("http://cca.example/CcaWebApi/agents").status_code
...     client.post("http://cca.example/CcaWebApi/login").json()["Response"]
...     client.get("http://cca.example/CcaWebApi/agents").json()["Response"]
401
{'Token': 't1'}
[{'Id': 1}]
>>> [f"{call.method} {call.path}" for call in fake.calls]
['GET /CcaWebApi/agents', 'POST /CcaWebApi/login', 'GET /CcaWebApi/agents']
>>> fake.assert_all_used()

Replies match by method and URL path (the host and the query are ignored),
and each route's replies are served in the order scripted, each once unless
``times=`` or ``repeat=`` says otherwise. A request with no reply left gets
HTTP 501 with a text body naming what is still scripted, never a 2xx; it is
kept, and ``assert_all_used()`` (or the ``cca_webapi`` fixture's teardown)
fails with it.

requests and httpx are imported only by ``requests_adapter()`` and
``httpx_transport()``.
"""

from __future__ import annotations

import json
import threading
from urllib.parse import urlsplit

from ..codes import ResultCode
from . import DEFAULT_VERSION, make_envelope

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from http.server import ThreadingHTTPServer
    from types import TracebackType
    from typing import Any

    import requests.adapters

    from .._headers import Headers
    from ..versions import ServerVersion

__all__ = ["UNMATCHED_STATUS", "FakeCcaWebApi", "RecordedCall"]

UNMATCHED_STATUS = 501
"""The HTTP status of the answer to a request that no scripted reply matches.

Not 2xx, and not a status that retry predicates take for a transient failure.
"""

_JSON = "application/json; charset=utf-8"
BODILESS = frozenset({204, 205, 304})
"""Statuses that HTTP sends without a body (RFC 9110), besides 1xx: no envelope travels in them."""


class RecordedCall:
    """One request the fake received: ``method``, ``url``, ``path``, ``headers``, ``body``.

    ``status`` is the HTTP status the fake answered with (``UNMATCHED_STATUS``
    when no scripted reply matched).
    """

    __slots__ = ("body", "headers", "method", "path", "status", "url")

    def __init__(self, method: str, url: str, headers: Headers, body: bytes, status: int) -> None:
        self.method = method
        self.url = url
        self.path = _path_of(url)
        self.headers = headers
        self.body = body
        self.status = status

    def json(self) -> Any:
        """The request body parsed as JSON."""
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"<RecordedCall {self.method} {self.url} -> {self.status}>"


class _Reply:
    __slots__ = ("content", "headers", "left", "match_headers", "status")

    def __init__(
        self,
        status: int,
        headers: dict[str, str],
        content: bytes | dict[str, Any],
        match_headers: Mapping[str, str] | None,
        left: int | None,
    ) -> None:
        self.status = status
        self.headers = headers
        # Bytes go as they are; an envelope is written per request, so Request names the real one.
        self.content = content
        self.match_headers = _header_dict(match_headers)
        self.left = left  # None: repeats for ever

    def matches(self, headers: Headers) -> bool:
        return all(headers.get(name) == value for name, value in self.match_headers.items())

    def condition(self) -> str:
        """How messages name the headers this reply waits for: " with Token: t2"."""
        pairs = ", ".join(f"{name}: {value}" for name, value in self.match_headers.items())
        return f" with {pairs}" if pairs else ""

    def count(self) -> str:
        return "repeats" if self.left is None else f"{self.left} left"


class FakeCcaWebApi:
    """A scripted CcaWebApi. Takes no arguments; script it with ``reply()``, ``fail()``, ``raw()``.

    Use it as a context manager, or call ``close()``, to stop the server
    ``serve()`` started; the ``cca_webapi`` pytest fixture does both for you.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[tuple[str, str], list[_Reply]] = {}
        self._unmatched: list[str] = []
        self._used: set[_Reply] = set()  # a reply that repeats is used once served
        self._serving: tuple[ThreadingHTTPServer, threading.Thread, str] | None = None
        self.calls: list[RecordedCall] = []
        """Every request received, in order, matched or not."""

    # --- scripting ---

    def reply(
        self,
        method: str,
        path: str,
        payload: Any = None,
        *,
        status_code: int | None = None,
        version: ServerVersion | str | None = DEFAULT_VERSION,
        headers: Mapping[str, str] | None = None,
        match_headers: Mapping[str, str] | None = None,
        times: int = 1,
        repeat: bool = False,
    ) -> None:
        """Answer *method* *path* with a success envelope carrying *payload*.

        *payload* None sends the result shape of ``Success``. *status_code*
        and *version* are ``make_envelope()``'s (a 2xx status; the vendor's
        version by default). ``Request`` names the request as received.
        """
        self._add_envelope(
            method,
            path,
            ResultCode.Success,
            "",
            status_code,
            version,
            payload,
            headers,
            match_headers,
            times,
            repeat,
        )

    def fail(
        self,
        method: str,
        path: str,
        code: ResultCode | int,
        *,
        error: str = "",
        status_code: int | None = None,
        version: ServerVersion | str | None = DEFAULT_VERSION,
        headers: Mapping[str, str] | None = None,
        match_headers: Mapping[str, str] | None = None,
        times: int = 1,
        repeat: bool = False,
    ) -> None:
        """Answer *method* *path* with the envelope of *code*, as ``make_envelope()`` writes it.

        The status defaults to ``default_status(code)``; a *version* older
        than 5.4.6 sends the code's legacy number. Any code works, so
        ``ResultCode.Pending`` scripts an accepted, pending reply.
        """
        self._add_envelope(
            method,
            path,
            code,
            error,
            status_code,
            version,
            None,
            headers,
            match_headers,
            times,
            repeat,
        )

    def raw(
        self,
        method: str,
        path: str,
        body: bytes | str,
        status: int = 200,
        *,
        headers: Mapping[str, str] | None = None,
        match_headers: Mapping[str, str] | None = None,
        times: int = 1,
        repeat: bool = False,
    ) -> None:
        """Answer *method* *path* with *body* as given: a proxy's HTML 502, a 204, a header.

        Text is sent as UTF-8. No Content-Type is added: give one in *headers*.
        """
        if isinstance(body, str):
            body = body.encode()
        elif not isinstance(body, bytes):
            raise TypeError(f"body must be bytes or str, not {type(body).__name__}")
        if not isinstance(status, int) or not 200 <= status <= 599:
            raise ValueError(f"status must be an HTTP status from 200 to 599, not {status!r}")
        if body and status in BODILESS:
            raise ValueError(f"HTTP {status} carries no body")
        self._add(
            method,
            path,
            _Reply(status, _header_dict(headers), body, match_headers, _count(times, repeat)),
        )

    def _add_envelope(
        self,
        method: str,
        path: str,
        code: ResultCode | int,
        error: str,
        status_code: int | None,
        version: ServerVersion | str | None,
        payload: Any,
        headers: Mapping[str, str] | None,
        match_headers: Mapping[str, str] | None,
        times: int,
        repeat: bool,
    ) -> None:
        # Made now, so that bad arguments fail here, where the test scripts them.
        envelope = make_envelope(
            code, error=error, status_code=status_code, version=version, payload=payload
        )
        status = envelope["StatusCode"]
        if status < 200 or status in BODILESS:
            raise ValueError(
                f"HTTP {status} carries no body, so no envelope: use raw() for a bodiless reply"
            )
        merged = _header_dict(headers)
        if not any(name.lower() == "content-type" for name in merged):
            merged["Content-Type"] = _JSON
        self._add(
            method, path, _Reply(status, merged, envelope, match_headers, _count(times, repeat))
        )

    def _add(self, method: str, path: str, reply: _Reply) -> None:
        key = (_method(method), _script_path(path))
        with self._lock:
            self._routes.setdefault(key, []).append(reply)

    # --- serving ---

    def _answer(
        self, method: str, url: str, headers: Headers, body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        """Record the request and pick its reply: (status, headers, body)."""
        with self._lock:
            queue = self._routes.get((method, _path_of(url)), [])
            reply = next((reply for reply in queue if reply.matches(headers)), None)
            if reply is None:
                status, reply_headers = UNMATCHED_STATUS, {"Content-Type": "text/plain"}
                message = f"no reply scripted for {method} {_path_of(url)}; {self._listing()}"
                self._unmatched.append(message)
                content = f"FakeCcaWebApi: {message}\n".encode()
            else:
                status, reply_headers = reply.status, reply.headers
                self._used.add(reply)
                if isinstance(reply.content, bytes):
                    content = reply.content
                else:  # Request names the request as received, as CcaWebApi's does.
                    sent = {**reply.content, "Request": {"Method": method, "Url": url}}
                    content = json.dumps(sent).encode()
                if reply.left is not None:
                    reply.left -= 1
                    if reply.left == 0:
                        queue.remove(reply)
            self.calls.append(RecordedCall(method, url, headers, body, status))
        if method == "HEAD":
            content = b""
        return status, dict(reply_headers), content

    def _listing(self, *, unused_only: bool = False) -> str:
        """What is still scripted: every reply left, or only those not used up."""
        scripted = [
            f"{method} {path}{reply.condition()} ({reply.count()})"
            for (method, path), queue in self._routes.items()
            for reply in queue
            if not unused_only or reply.left is not None or reply not in self._used
        ]
        return "still scripted: " + (", ".join(scripted) if scripted else "nothing")

    def httpx_transport(self) -> HttpxTransport:
        """A transport for ``httpx.Client(transport=...)`` and ``httpx.AsyncClient(...)`` alike."""
        from ._fake_httpx import make_transport

        return make_transport(self._answer)

    def requests_adapter(self) -> requests.adapters.HTTPAdapter:
        """An adapter for requests: ``session.mount("http://", fake.requests_adapter())``."""
        from ._fake_requests import make_adapter

        return make_adapter(self._answer)

    def serve(self) -> str:
        """Serve the script over HTTP on 127.0.0.1, on a free port; the base URL, no slash.

        One server per fake, however often this is called. It stops at
        ``close()``.
        """
        with self._lock:
            if self._serving is None:
                from ._fake_server import start

                self._serving = start(self._answer)
            return self._serving[2]

    def close(self) -> None:
        """Stop the server that ``serve()`` started, if any."""
        with self._lock:
            serving, self._serving = self._serving, None
        if serving is not None:
            server, thread, _ = serving
            server.shutdown()
            server.server_close()
            thread.join()

    def __enter__(self) -> FakeCcaWebApi:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- checking ---

    def assert_all_used(self) -> None:
        """Raise AssertionError if a scripted reply was never served or a request went unmatched.

        A reply with ``repeat=True`` counts as used once it has been served.
        """
        self.assert_no_unmatched()
        with self._lock:
            listing = self._listing(unused_only=True)
        if listing != "still scripted: nothing":
            raise AssertionError(f"FakeCcaWebApi: not every reply was used; {listing}")

    def assert_no_unmatched(self) -> None:
        """Raise AssertionError if any request had no scripted reply."""
        with self._lock:
            if self._unmatched:
                raise AssertionError("FakeCcaWebApi: " + "\n".join(self._unmatched))


if TYPE_CHECKING:
    from ._fake_httpx import HttpxTransport


def _count(times: int, repeat: bool) -> int | None:
    if not isinstance(times, int) or isinstance(times, bool) or times < 1:
        raise ValueError(f"times must be a positive int, not {times!r}")
    if repeat:
        if times != 1:
            raise ValueError("give times= or repeat=True, not both")
        return None
    return times


def _method(method: str) -> str:
    if not isinstance(method, str) or not method.isalpha():
        raise ValueError(f"method must be an HTTP method such as 'GET', not {method!r}")
    return method.upper()


def _script_path(path: str) -> str:
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, not {type(path).__name__}")
    parts = urlsplit(path)
    if parts.query or parts.fragment:
        extra = "query" if parts.query else "fragment"
        raise ValueError(f"replies match by path alone; drop the {extra} from {path!r}")
    if not parts.path.startswith("/") and not parts.netloc:
        raise ValueError(f"path must start with '/', or be a whole URL, not {path!r}")
    return parts.path or "/"


def _path_of(url: str) -> str:
    return urlsplit(url).path or "/"


def _header_dict(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {} if headers is None else dict(headers)
