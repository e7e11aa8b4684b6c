"""The response hooks, with real requests and httpx clients against a real local server.

``CcaWebApiServer`` is a small stand-in for CcaWebApi on 127.0.0.1, on a free
port; tests/test_client.py uses it too.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
import requests
import responses
import respx

from cca_result_codes import (
    ApiResponse,
    CcaApiError,
    EnvelopeError,
    GeneralError,
    ResultCode,
    errors,
    from_response,
    hooks,
)
from cca_result_codes.hooks import MAX_BODY, httpx_async_hook, httpx_hook, requests_hook
from raw_server import Route, corrupt_gzip, cut_short, endless, fixed, serve_raw

DOWNLOAD = b"RIFF\x00\x01\xff\xfe" + b'{"StatusCode": 401, "Response": {"ResultCode": 102}}'
BAD_GATEWAY = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
AGENTS = [{"Id": 1, "Name": "Ann"}, {"Id": 2, "Name": "Bob"}]
# Made once: an httpx client loads the CA certificates each time it makes its own.
TLS = ssl.create_default_context()


class CcaWebApiServer:
    """A stand-in for CcaWebApi: envelopes, a download, an HTML 502, a redirect, a login.

    Routes (all under /CcaWebApi):

    - ``error/CODE?status=S&version=V``: a failure envelope (status 400 by default);
    - ``ok``: a success envelope whose payload lists agents;
    - ``json?type=T&status=S&body=B``: body B (default: a 2xx error envelope for 102)
      with Content-Type T (none when absent) and status S (default 200);
    - ``download``: a binary 2xx file; ``bad-gateway``: a proxy's HTML 502;
    - ``redirect``: a 302 to ``ok``;
    - ``flaky/KEY?code=C&failures=N``: fails N times with code C, then succeeds;
    - ``login`` (POST, {"UserName", "Password"}) and ``agents`` (header ``Token``):
      the small API that docs/client.md's client calls. ``expire_tokens()`` makes
      every token unknown; ``busy_for(n)`` answers the next n agents calls with
      CacheLoading.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._tokens: set[str] = set()
        self._issued = 0
        self._busy = 0
        self.logins = 0
        self.agents_calls = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server._answer(self)

            def do_POST(self) -> None:
                server._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # keep the test output clean

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL, ``http://127.0.0.1:PORT/CcaWebApi``."""
        return f"http://127.0.0.1:{self._http.server_address[1]}/CcaWebApi"

    def __enter__(self) -> CcaWebApiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join()

    def expire_tokens(self) -> None:
        """Forget every token, as a server does when a session times out."""
        with self._lock:
            self._tokens.clear()

    def busy_for(self, calls: int) -> None:
        """Answer the next *calls* agents requests with 10001 CacheLoading."""
        with self._lock:
            self._busy = calls

    # --- answering

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        route = parts.path.removeprefix("/CcaWebApi/").split("/")
        name = route[0]
        if name == "error":
            status = int(query.get("status", "400"))
            self._envelope(handler, status, _failure(int(route[1])), query.get("version", ""))
        elif name == "ok":
            self._envelope(handler, 200, AGENTS)
        elif name == "json":
            body = query.get("body", json.dumps(_envelope(handler, 200, _failure(102))))
            self._send(handler, int(query.get("status", "200")), query.get("type"), body.encode())
        elif name == "download":
            self._send(handler, 200, "application/octet-stream", DOWNLOAD)
        elif name == "bad-gateway":
            self._send(handler, 502, "text/html", BAD_GATEWAY)
        elif name == "redirect":
            self._send(handler, 302, None, b"", Location="/CcaWebApi/ok")
        elif name == "flaky":
            with self._lock:
                left = self._failures.setdefault(route[1], int(query["failures"]))
                self._failures[route[1]] = left - 1
            if left > 0:
                self._envelope(handler, 503, _failure(int(query["code"])))
            else:
                self._envelope(handler, 200, {"Attempts": int(query["failures"]) + 1})
        elif name == "login":
            self._login(handler)
        elif name == "agents":
            self._agents(handler)
        else:
            self._send(handler, 404, "text/plain", b"no such route")

    def _login(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length", "0"))
        credentials = json.loads(handler.rfile.read(length) or b"{}")
        if credentials != {"UserName": "supervisor", "Password": "secret"}:
            self._envelope(handler, 403, _failure(ResultCode.AccessDenied))
            return
        with self._lock:
            self.logins += 1
            self._issued += 1
            token = f"token-{self._issued}"
            self._tokens.add(token)
        self._envelope(handler, 200, {"Token": token})

    def _agents(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.agents_calls += 1
            known = handler.headers.get("Token") in self._tokens
            busy = known and self._busy > 0
            self._busy -= busy
        if not known:
            self._envelope(handler, 401, _failure(ResultCode.UnknownToken))
        elif busy:
            self._envelope(handler, 503, _failure(ResultCode.CacheLoading))
        else:
            self._envelope(handler, 200, AGENTS)

    def _envelope(
        self, handler: BaseHTTPRequestHandler, status: int, response: object, version: str = ""
    ) -> None:
        body = json.dumps(_envelope(handler, status, response, version)).encode()
        self._send(handler, status, "application/json; charset=utf-8", body)

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        content_type: str | None,
        body: bytes,
        **headers: str,
    ) -> None:
        handler.send_response(status)
        if content_type is not None:
            handler.send_header("Content-Type", content_type)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


def _failure(code: int) -> dict[str, object]:
    return {"ResultCode": int(code), "Error": "from the test server"}


def _envelope(
    handler: BaseHTTPRequestHandler, status: int, response: object, version: str = ""
) -> dict[str, object]:
    url = f"http://{handler.headers.get('Host')}{handler.path}"
    return {
        "Request": {"Method": handler.command, "Url": url},
        "Version": version,
        "StatusCode": status,
        "Response": response,
    }


@pytest.fixture(scope="module")
def server() -> Iterator[CcaWebApiServer]:
    with CcaWebApiServer() as running:
        yield running


# --- one request through each client, the hook installed


def _get_with_requests(url: str) -> bytes:
    with requests.Session() as session:
        session.hooks["response"].append(requests_hook)
        response = session.get(url, timeout=10)
        assert type(response) is requests.Response  # the hook returned None
        return response.content


def _get_with_httpx(url: str) -> bytes:
    with httpx.Client(
        event_hooks={"response": [httpx_hook]}, follow_redirects=True, verify=TLS
    ) as client:
        return client.get(url, timeout=10).content


def _get_with_httpx_async(url: str) -> bytes:
    async def get() -> bytes:
        async with httpx.AsyncClient(
            event_hooks={"response": [httpx_async_hook]}, follow_redirects=True, verify=TLS
        ) as client:
            return (await client.get(url, timeout=10)).content

    return asyncio.run(get())


def _stream_with_httpx_async(url: str) -> bytes:
    async def stream() -> bytes:
        async with (
            httpx.AsyncClient(
                event_hooks={"response": [httpx_async_hook]}, follow_redirects=True, verify=TLS
            ) as client,
            client.stream("GET", url, timeout=10) as response,
        ):
            return await response.aread()

    return asyncio.run(stream())


def _stream_with_httpx(url: str) -> bytes:
    with (
        httpx.Client(
            event_hooks={"response": [httpx_hook]}, follow_redirects=True, verify=TLS
        ) as client,
        client.stream("GET", url, timeout=10) as response,
    ):
        return response.read()


CLIENTS: dict[str, Callable[[str], bytes]] = {
    "requests": _get_with_requests,
    "httpx": _get_with_httpx,
    "httpx-stream": _stream_with_httpx,
    "httpx-async": _get_with_httpx_async,
    "httpx-async-stream": _stream_with_httpx_async,
}


@pytest.fixture(params=list(CLIENTS))
def fetch(request: pytest.FixtureRequest) -> Callable[[str], bytes]:
    return CLIENTS[request.param]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("error/102?status=401", errors.UnknownToken),
        ("error/711?status=409", errors.ListenInNoActiveConversationFound),
        ("error/10001?status=503", errors.CacheLoading),
        ("error/127?status=500", GeneralError),  # unknown code: its category's class
        ("error/5000?status=500", CcaApiError),  # outside every block
        ("error/0?status=500", CcaApiError),  # a success code with a failing status
        ("error/712?status=409&version=5.4.5", errors.ListenInNoActiveConversationFound),
        ("json?type=application/json", errors.UnknownToken),  # 2xx carrying an error code
    ],
)
def test_a_failure_envelope_raises_the_class_of_its_code(
    server: CcaWebApiServer, fetch: Callable[[str], bytes], path: str, expected: type[CcaApiError]
) -> None:
    with pytest.raises(CcaApiError) as caught:
        fetch(f"{server.url}/{path}")
    assert type(caught.value) is expected
    assert isinstance(caught.value.response, ApiResponse)
    request = caught.value.response.request
    assert request is not None
    assert request.url == f"{server.url}/{path}"
    assert caught.value.error == "from the test server"


def test_the_exception_carries_the_envelope(server: CcaWebApiServer) -> None:
    with pytest.raises(errors.UnknownToken) as caught:
        _get_with_requests(f"{server.url}/error/102?status=401")
    error = caught.value
    assert (error.result_code, error.raw_code, error.status_code) == (
        ResultCode.UnknownToken,
        102,
        401,
    )
    assert str(error) == (
        f"401 UnknownToken (102): Unknown token \N{EM DASH} from the test server"
        f" [GET {server.url}/error/102?status=401]"
    )


def test_an_html_502_raises_envelope_error_with_status_and_excerpt(
    server: CcaWebApiServer, fetch: Callable[[str], bytes]
) -> None:
    with pytest.raises(EnvelopeError) as caught:
        fetch(f"{server.url}/bad-gateway")
    assert type(caught.value) is EnvelopeError
    assert caught.value.status_code == 502
    assert caught.value.excerpt == BAD_GATEWAY.decode()
    assert str(caught.value).startswith("HTTP 502 response is not a CcaWebApi envelope: ")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("ok", None),
        ("download", DOWNLOAD),
        ("redirect", None),  # followed: the hook sees the 302, then the 200
        ("json", None),  # no Content-Type: not JSON, so not read
        ("json?type=text/plain", None),
        ('json?type=application/json&body={"ResultCode": "fine"}', b'{"ResultCode": "fine"}'),
        ("json?type=application/json&body=[1, 2]", b"[1, 2]"),
    ],
)
def test_what_passes_untouched(
    server: CcaWebApiServer, fetch: Callable[[str], bytes], path: str, body: bytes | None
) -> None:
    content = fetch(f"{server.url}/{path}")
    if body is not None:
        assert content == body
    elif path in ("ok", "redirect"):
        assert json.loads(content)["Response"] == AGENTS
    else:
        assert json.loads(content)["Response"] == _failure(102)


# --- Content-Type and status, one boundary at a time


@pytest.mark.parametrize(
    ("content_type", "raises"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("Application/JSON", True),
        ("application/json ; charset=utf-8", True),
        ("text/json", True),
        ("application/vnd.cca+json", True),
        ("application/problem+json; charset=utf-8", True),
        ("text/plain", False),
        ("application/jsonp", False),
        ("application/octet-stream", False),
        ("text/html; profile=application/json", False),
        ("", False),
    ],
)
def test_a_2xx_is_read_only_when_labelled_json(
    server: CcaWebApiServer, content_type: str, raises: bool
) -> None:
    url = f"{server.url}/json?type={quote(content_type, safe='')}"
    if raises:
        with pytest.raises(errors.UnknownToken):
            _get_with_requests(url)
    else:
        assert json.loads(_get_with_requests(url))["Response"] == _failure(102)


NOT_AN_ENVELOPE = '{"resultCode": "not an envelope"}'


@pytest.mark.parametrize(
    ("status", "raises"),
    [(200, False), (299, False), (300, False), (304, False), (399, False), (400, True)],
)
def test_only_non_2xx_non_3xx_bodies_must_be_envelopes(
    server: CcaWebApiServer, status: int, raises: bool
) -> None:
    url = _json_url(server, NOT_AN_ENVELOPE, status)
    with requests.Session() as session:
        session.hooks["response"].append(requests_hook)
        if raises:
            with pytest.raises(EnvelopeError) as caught:
                session.get(url, timeout=10)
            assert caught.value.status_code == status
        else:
            response = session.get(url, timeout=10, allow_redirects=False)
            assert response.status_code == status


ERROR_ENVELOPE = '{"StatusCode": 409, "Response": {"ResultCode": 102, "Error": ""}}'


@pytest.mark.parametrize(
    ("status", "raises"),
    [(200, True), (299, True), (300, False), (302, False), (399, False), (400, True)],
)
def test_an_error_envelope_raises_except_in_a_3xx(
    server: CcaWebApiServer, status: int, raises: bool
) -> None:
    url = _json_url(server, ERROR_ENVELOPE, status)
    with requests.Session() as session:
        session.hooks["response"].append(requests_hook)
        if raises:
            with pytest.raises(errors.UnknownToken):
                session.get(url, timeout=10)
        else:
            response = session.get(url, timeout=10, allow_redirects=False)
            assert response.content == ERROR_ENVELOPE.encode()


def test_the_envelope_status_outranks_the_transport_status(server: CcaWebApiServer) -> None:
    body = '{"StatusCode": 200, "Response": {"Agents": []}}'
    assert _get_with_httpx(_json_url(server, body, 500)) == body.encode()
    failure = '{"StatusCode": 200, "Response": {"ResultCode": 10001, "Error": ""}}'
    with pytest.raises(errors.CacheLoading) as caught:
        _get_with_httpx(_json_url(server, failure, 500))
    assert caught.value.status_code == 200


def test_a_non_json_error_body_is_read_whatever_its_type(server: CcaWebApiServer) -> None:
    with pytest.raises(errors.UnknownToken):
        _get_with_requests(f"{server.url}/json?type=text/plain&status=401")


# --- what is read, and what is parsed


def test_a_2xx_download_stays_unread(server: CcaWebApiServer) -> None:
    with requests.Session() as session:
        session.hooks["response"].append(requests_hook)
        response = session.get(f"{server.url}/download", stream=True, timeout=10)
        assert response.raw.read() == DOWNLOAD  # the hook left the stream to us

    with (
        httpx.Client(event_hooks={"response": [httpx_hook]}, verify=TLS) as client,
        client.stream("GET", f"{server.url}/download") as streamed,
    ):
        assert not streamed.is_stream_consumed
        assert b"".join(streamed.iter_raw()) == DOWNLOAD

    async def stream() -> None:
        async with (
            httpx.AsyncClient(event_hooks={"response": [httpx_async_hook]}, verify=TLS) as client,
            client.stream("GET", f"{server.url}/download") as streamed,
        ):
            assert not streamed.is_stream_consumed
            assert b"".join([chunk async for chunk in streamed.aiter_raw()]) == DOWNLOAD

    asyncio.run(stream())


def test_a_redirect_is_not_read(server: CcaWebApiServer) -> None:
    with (
        httpx.Client(event_hooks={"response": [httpx_hook]}, verify=TLS) as client,
        client.stream("GET", f"{server.url}/redirect") as streamed,
    ):
        assert streamed.status_code == 302
        assert not streamed.is_stream_consumed


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every source the hooks hand to from_response()."""
    seen: list[object] = []
    real = from_response

    def counting(source: object, **options: Any) -> ApiResponse:
        seen.append(source)
        return real(source, **options)

    monkeypatch.setattr(hooks, "from_response", counting)
    return seen


def _json_url(server: CcaWebApiServer, body: str, status: int = 200) -> str:
    return f"{server.url}/json?type=application/json&status={status}&body={quote(body, safe='')}"


@pytest.mark.parametrize(
    ("body", "parsed"),
    [
        ('{"StatusCode": 200, "Response": {"Agents": []}}', False),
        ('{"StatusCode": 200, "Response": {"Agents": [], "resultcode": 0}}', True),
        ('{"StatusCode": 200, "Response": {"Agents": [], "RESULTCODE": 0}}', True),
        ('{"StatusCode": 200, "Response": {"Name": "Ren\\u00e9"}}', True),
        ('{"StatusCode": 200, "Response": {"Name": "say \\"hi\\""}}', False),
        ('{"StatusCode": 200, "Response": {"Path": "C:\\\\u"}}', True),  # parsed, to be safe
    ],
)
def test_a_success_body_is_parsed_only_when_it_may_hold_a_code(
    server: CcaWebApiServer, parses: list[object], body: str, parsed: bool
) -> None:
    assert _get_with_requests(_json_url(server, body)) == body.encode()
    assert len(parses) == (1 if parsed else 0)


def test_a_key_spelled_with_escapes_is_still_found(
    server: CcaWebApiServer, parses: list[object]
) -> None:
    body = '{"StatusCode": 200, "Response": {"Result\\u0043ode": 102, "Error": ""}}'
    with pytest.raises(errors.UnknownToken):
        _get_with_httpx(_json_url(server, body))
    assert len(parses) == 1
    assert isinstance(parses[0], httpx.Response)  # the response: its status backs the envelope's


def test_an_envelope_without_status_takes_the_transport_status(server: CcaWebApiServer) -> None:
    body = '{"Response": {"ResultCode": 102, "Error": ""}}'
    with pytest.raises(errors.UnknownToken) as caught:
        _get_with_httpx(_json_url(server, body, 401))
    assert caught.value.status_code == 401


# --- the hooks as plain functions


def test_requests_hook_accepts_and_ignores_send_options(server: CcaWebApiServer) -> None:
    response = requests.get(f"{server.url}/ok", timeout=10)
    requests_hook(response, timeout=10, verify=True, stream=False)
    failed = requests.get(f"{server.url}/error/102?status=401", timeout=10)
    with pytest.raises(errors.UnknownToken):
        requests_hook(failed, "positional", cert=None)


# --- over a raw server: no body, too long, cut short, corrupt, and the hooks' own limit

FAILURE_BODY = json.dumps({"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}})
RAW_ROUTES: dict[str, Route] = {
    "/failure": fixed(401, FAILURE_BODY.encode(), [("X-Request-Id", "r-9")]),
    "/no-content": fixed(204, b""),
    "/endless-502": endless(502, [("X-Request-Id", "r-1")]),
    "/endless-200": endless(200),
    "/cut-short": cut_short(401),
    "/corrupt-gzip": corrupt_gzip(401),
    "/says-401": fixed(200, b'{"StatusCode": 401, "Response": {"ResultCode": 0, "Error": ""}}'),
    "/html": fixed(502, BAD_GATEWAY, [("Retry-After", "30")], "text/html"),
}


@pytest.fixture(scope="module")
def raw_url() -> Iterator[str]:
    with serve_raw(RAW_ROUTES) as url:
        yield url


def _requests_get(url: str, *, stream: bool = False, method: str = "GET", **options: Any) -> int:
    with requests.Session() as session:
        session.hooks["response"].append(partial(requests_hook, **options))
        with session.request(method, url, timeout=10, stream=stream) as response:
            return response.status_code


def _httpx_get(url: str, *, stream: bool = False, method: str = "GET", **options: Any) -> int:
    with httpx.Client(event_hooks={"response": [partial(httpx_hook, **options)]}) as client:
        if stream:
            with client.stream(method, url, timeout=10) as response:
                return response.status_code
        return client.request(method, url, timeout=10).status_code


def _httpx_async_get(url: str, *, stream: bool = False, method: str = "GET", **options: Any) -> int:
    async def get() -> int:
        hook = partial(httpx_async_hook, **options)
        async with httpx.AsyncClient(event_hooks={"response": [hook]}) as client:
            if stream:
                async with client.stream(method, url, timeout=10) as response:
                    return response.status_code
            return (await client.request(method, url, timeout=10)).status_code

    return asyncio.run(get())


HOOKED: dict[str, Callable[..., int]] = {
    "requests": _requests_get,
    "requests-stream": partial(_requests_get, stream=True),
    "httpx": _httpx_get,
    "httpx-stream": partial(_httpx_get, stream=True),
    "httpx-async": _httpx_async_get,
    "httpx-async-stream": partial(_httpx_async_get, stream=True),
}


@pytest.fixture(params=list(HOOKED))
def hooked(request: pytest.FixtureRequest) -> Callable[..., int]:
    return HOOKED[request.param]


def test_a_failing_head_is_left_to_the_caller(hooked: Callable[..., int], raw_url: str) -> None:
    assert hooked(raw_url + "/failure", method="HEAD") == 401


def test_a_failing_get_of_the_same_route_raises(hooked: Callable[..., int], raw_url: str) -> None:
    with pytest.raises(errors.UnknownToken) as caught:
        hooked(raw_url + "/failure")
    assert caught.value.status_code == 401


def test_a_204_is_left_to_the_caller(hooked: Callable[..., int], raw_url: str) -> None:
    assert hooked(raw_url + "/no-content") == 204


def test_an_endless_failure_body_is_refused_past_the_limit(
    hooked: Callable[..., int], raw_url: str
) -> None:
    with pytest.raises(EnvelopeError) as caught:
        hooked(raw_url + "/endless-502", stream=True, max_body=50_000)
    assert str(caught.value) == (
        "the HTTP 502 response body is larger than 50000 bytes, the most this reads"
        " (see max_body=); the rest of it was not read"
    )
    assert caught.value.status_code == 502
    assert caught.value.headers is not None
    assert caught.value.headers["x-request-id"] == "r-1"


def test_an_endless_json_2xx_is_refused_past_the_default_limit(raw_url: str) -> None:
    with pytest.raises(EnvelopeError, match="larger than 33554432 bytes"):
        _httpx_get(raw_url + "/endless-200", stream=True)


def test_a_limit_of_none_reads_any_length(hooked: Callable[..., int], raw_url: str) -> None:
    with pytest.raises(errors.UnknownToken):
        hooked(raw_url + "/failure", max_body=None)


def test_a_bad_limit_is_the_callers_error(raw_url: str) -> None:
    with pytest.raises(ValueError, match=r"^max_body must be 0 or more, not -1$"):
        _requests_get(raw_url + "/failure", max_body=-1)


CUT_SHORT: dict[str, type[Exception]] = {
    "requests": requests.exceptions.ChunkedEncodingError,
    "requests-stream": requests.exceptions.ChunkedEncodingError,
    "httpx": httpx.RemoteProtocolError,
    "httpx-stream": httpx.RemoteProtocolError,
    "httpx-async": httpx.RemoteProtocolError,
    "httpx-async-stream": httpx.RemoteProtocolError,
}
CORRUPT: dict[str, type[Exception]] = {
    "requests": requests.exceptions.ContentDecodingError,
    "requests-stream": requests.exceptions.ContentDecodingError,
    "httpx": httpx.DecodingError,
    "httpx-stream": httpx.DecodingError,
    "httpx-async": httpx.DecodingError,
    "httpx-async-stream": httpx.DecodingError,
}


@pytest.mark.parametrize("client", list(HOOKED))
def test_a_failure_body_cut_short_raises_the_clients_own_error(raw_url: str, client: str) -> None:
    with pytest.raises(CUT_SHORT[client]):
        HOOKED[client](raw_url + "/cut-short")


@pytest.mark.parametrize("client", list(HOOKED))
def test_a_corrupt_failure_body_raises_the_clients_own_error(raw_url: str, client: str) -> None:
    with pytest.raises(CORRUPT[client]):
        HOOKED[client](raw_url + "/corrupt-gzip")


def test_a_2xx_whose_envelope_says_401_raises_even_with_code_0(
    hooked: Callable[..., int], raw_url: str
) -> None:
    with pytest.raises(CcaApiError) as caught:
        hooked(raw_url + "/says-401")
    assert type(caught.value) is CcaApiError
    assert (caught.value.status_code, caught.value.result_code) == (401, ResultCode.Success)


def test_an_envelope_error_carries_the_headers(hooked: Callable[..., int], raw_url: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        hooked(raw_url + "/html")
    assert caught.value.headers is not None
    assert caught.value.headers["retry-after"] == "30"


def test_the_exception_of_a_failure_carries_the_headers(
    hooked: Callable[..., int], raw_url: str
) -> None:
    with pytest.raises(errors.UnknownToken) as caught:
        hooked(raw_url + "/failure")
    response = caught.value.response
    assert response is not None
    assert response.headers is not None
    assert response.headers["X-REQUEST-ID"] == "r-9"


# --- the wrong hook for the client


def test_httpx_hook_on_an_async_client_names_the_async_hook(raw_url: str) -> None:
    async def get() -> None:
        async with httpx.AsyncClient(event_hooks={"response": [httpx_hook]}) as client:
            await client.get(raw_url + "/no-content")

    with pytest.raises(TypeError) as caught:
        asyncio.run(get())
    assert str(caught.value) == (
        "httpx_hook is for httpx.Client: an httpx.AsyncClient needs httpx_async_hook"
    )


def test_httpx_async_hook_on_a_sync_client_names_the_sync_hook(raw_url: str) -> None:
    with (
        httpx.Client(event_hooks={"response": [httpx_async_hook]}) as client,
        pytest.raises(TypeError) as caught,
    ):
        client.get(raw_url + "/no-content")
    assert str(caught.value) == (
        "httpx_async_hook is for httpx.AsyncClient: an httpx.Client needs httpx_hook"
    )


def test_either_httpx_hook_reads_a_response_made_by_hand() -> None:
    body = FAILURE_BODY.encode()
    with pytest.raises(errors.UnknownToken):
        httpx_hook(httpx.Response(401, content=body))
    with pytest.raises(errors.UnknownToken):
        asyncio.run(httpx_async_hook(httpx.Response(401, content=body)))


# --- with respx and responses


@pytest.mark.parametrize("status", [101, 204, 205])
def test_a_status_that_has_no_body_is_not_read(status: int) -> None:
    with respx.mock:
        respx.get("https://cca.test/x").respond(
            status, content=FAILURE_BODY.encode(), headers={"Content-Type": "application/json"}
        )
        with httpx.Client(event_hooks={"response": [httpx_hook]}) as client:
            response = client.get("https://cca.test/x")
    assert response.status_code == status


def test_respx_and_responses_failures_carry_headers() -> None:
    with respx.mock:
        respx.get("https://cca.test/x").respond(
            401, content=FAILURE_BODY.encode(), headers={"X-Request-Id": "respx"}
        )
        with (
            httpx.Client(event_hooks={"response": [httpx_hook]}) as client,
            pytest.raises(errors.UnknownToken) as caught,
        ):
            client.get("https://cca.test/x")
    assert caught.value.response is not None
    assert caught.value.response.headers == {
        "x-request-id": "respx",
        "content-length": str(len(FAILURE_BODY)),
    }

    with responses.RequestsMock() as mocked:
        mocked.add(
            responses.GET,
            "https://cca.test/y",
            body=BAD_GATEWAY,
            status=502,
            headers={"Retry-After": "9"},
        )
        with requests.Session() as session:
            session.hooks["response"].append(requests_hook)
            with pytest.raises(EnvelopeError) as failed:
                session.get("https://cca.test/y")
    assert failed.value.headers is not None
    assert failed.value.headers["retry-after"] == "9"


def test_a_hook_without_a_limit_reads_past_the_default() -> None:
    with responses.RequestsMock() as mocked:
        mocked.add(responses.GET, "https://cca.test/big", body=b" " * (MAX_BODY + 1), status=502)
        with requests.Session() as session:
            session.hooks["response"].append(partial(requests_hook, max_body=None))
            with pytest.raises(EnvelopeError, match="not a CcaWebApi envelope"):
                session.get("https://cca.test/big")
