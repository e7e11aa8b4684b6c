"""docs/client.md's two clients, unchanged, against FakeCcaWebApi in all its forms, via tenacity.

The requests client runs against the fake's requests adapter and its real
HTTP server; the httpx client against its httpx transport and its real HTTP
server. Each scenario runs on all four. tenacity's sleep is replaced by one
that records the waits asked for, so no test sleeps or times anything.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from tenacity import wait_none

from cca_result_codes import ApiResponse, EnvelopeError, ResultCode, errors
from cca_result_codes.testing import FakeCcaWebApi, make_envelope
from raw_server import fixed, serve_raw
from test_client import PROGRAMS, load_program

AGENTS = [{"Id": 1, "Name": "Ann"}, {"Id": 2, "Name": "Bob"}]
CREDENTIALS = {"UserName": "supervisor", "Password": "secret"}
AGENTS_PATH = "/CcaWebApi/agents"
LOGIN_PATH = "/CcaWebApi/login"
PROXY_PAGE = "<html><body><h1>502 Bad Gateway</h1></body></html>"


class Harness:
    """One of the page's clients, driven from plain test code: sync calls, concurrent calls."""

    def __init__(self, form: str, base_url: str, fake: FakeCcaWebApi | None) -> None:
        self.form = form
        self.waits: list[float] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        if form.startswith("requests"):
            module = load_program("cca_client.py")
            module.CcaWebApi.get.retry.sleep = self.waits.append
            self.api = module.CcaWebApi(base_url, "supervisor", "secret")
            if fake is not None and form == "requests adapter":
                self.api.session.mount("http://", fake.requests_adapter())
            return
        module = load_program("cca_async_client.py")

        async def sleep(seconds: float) -> None:
            self.waits.append(seconds)

        module.AsyncCcaWebApi.get.retry.sleep = sleep
        transport = (
            fake.httpx_transport() if fake is not None and form == "httpx transport" else None
        )
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

        async def make() -> Any:  # the AsyncClient is made inside its loop
            return module.AsyncCcaWebApi(base_url, "supervisor", "secret", transport)

        self.api = self._run(make())

    def _run(self, coroutine: Any) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def get(self, path: str) -> Any:
        if self._loop is None:
            return self.api.get(path)
        return self._run(self.api.get(path))

    def post(self, path: str, body: Any) -> ApiResponse:
        if self._loop is None:
            reply: ApiResponse = self.api.post(path, body)
            return reply
        return self._run(self.api.post(path, body))  # type: ignore[no-any-return]  # the page's

    def get_concurrently(self, path: str, count: int) -> list[Any]:
        """*count* GETs at once: threads for requests, asyncio tasks for httpx."""
        if self._loop is None:
            start = threading.Barrier(count)

            def get() -> Any:
                start.wait()
                return self.api.get(path)

            with ThreadPoolExecutor(count) as pool:
                futures = [pool.submit(get) for _ in range(count)]
                return [future.result() for future in futures]

        async def gather() -> list[Any]:
            return list(await asyncio.gather(*(self.api.get(path) for _ in range(count))))

        return self._run(gather())  # type: ignore[no-any-return]  # gather's list

    def close(self) -> None:
        if self._loop is None:
            self.api.session.close()
            return
        self._run(self.api.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


FORMS = ["requests adapter", "requests served", "httpx transport", "httpx served"]


@pytest.fixture(params=FORMS)
def client(request: pytest.FixtureRequest, cca_webapi: FakeCcaWebApi) -> Iterator[Harness]:
    form: str = request.param
    base = cca_webapi.serve() if form.endswith("served") else "http://cca.test"
    harness = Harness(form, f"{base}/CcaWebApi", cca_webapi)
    yield harness
    harness.close()


def _logged_in_on_demand(fake: FakeCcaWebApi, token: str = "t1") -> None:
    """The first GET goes without a token, meets UnknownToken, logs in: script that."""
    fake.fail("GET", AGENTS_PATH, ResultCode.UnknownToken, error="Unknown token")
    fake.reply("POST", LOGIN_PATH, {"Token": token})


def _logins(fake: FakeCcaWebApi) -> int:
    return sum(call.path == LOGIN_PATH for call in fake.calls)


def test_the_first_call_logs_in_and_sends_the_token(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS, match_headers={"Token": "t1"})
    assert client.get("agents") == AGENTS
    assert [(call.method, call.path, call.status) for call in cca_webapi.calls] == [
        ("GET", AGENTS_PATH, 401),
        ("POST", LOGIN_PATH, 200),
        ("GET", AGENTS_PATH, 200),
    ]
    assert cca_webapi.calls[1].json() == CREDENTIALS
    assert "token" not in cca_webapi.calls[0].headers
    assert cca_webapi.calls[2].headers["token"] == "t1"
    assert client.waits == []
    cca_webapi.assert_all_used()


def test_an_expired_token_under_20_concurrent_requests_logs_in_once(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS, match_headers={"Token": "t1"})
    assert client.get("agents") == AGENTS
    # The server forgets t1: every request with it now meets UnknownToken.
    cca_webapi.fail("GET", AGENTS_PATH, 102, match_headers={"Token": "t1"}, repeat=True)
    cca_webapi.reply("POST", LOGIN_PATH, {"Token": "t2"})  # once: a second login gets a 501
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS, match_headers={"Token": "t2"}, times=20)
    assert client.get_concurrently("agents", 20) == [AGENTS] * 20
    assert _logins(cca_webapi) == 2  # the first, and exactly one for the 20
    resent = [call for call in cca_webapi.calls if call.headers.get("token") == "t2"]
    assert (len(resent), {call.status for call in resent}) == (20, {200})
    assert client.waits == []
    cca_webapi.assert_all_used()


def test_a_second_unknown_token_raises_it_without_a_retry(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.UnknownToken, error="still unknown")
    with pytest.raises(errors.UnknownToken) as caught:
        client.get("agents")
    assert caught.value.error == "still unknown"
    assert (len(cca_webapi.calls), _logins(cca_webapi), client.waits) == (3, 1, [])
    cca_webapi.assert_all_used()


def test_refused_credentials_raise_access_denied_naming_the_request(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.UnknownToken)
    cca_webapi.fail(
        "POST", LOGIN_PATH, ResultCode.AccessDenied, error="bad password", status_code=403
    )
    with pytest.raises(errors.AccessDenied) as caught:
        client.get("agents")
    assert caught.value.status_code == 403
    notes = "\n".join([*getattr(caught.value, "__notes__", []), str(caught.value)])
    assert "while logging in again for GET http" in notes
    assert notes.count("/CcaWebApi/agents") == 1
    assert (len(cca_webapi.calls), client.waits) == (2, [])
    cca_webapi.assert_all_used()


def test_a_transient_failure_of_the_login_is_retried(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.UnknownToken, times=2)
    cca_webapi.raw("POST", LOGIN_PATH, PROXY_PAGE, 502, headers={"Content-Type": "text/html"})
    cca_webapi.reply("POST", LOGIN_PATH, {"Token": "t1"})
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS, match_headers={"Token": "t1"})
    assert client.get("agents") == AGENTS
    assert [(call.method, call.status) for call in cca_webapi.calls] == [
        ("GET", 401),
        ("POST", 502),
        ("GET", 401),
        ("POST", 200),
        ("GET", 200),
    ]
    assert client.waits == [0.5]
    cca_webapi.assert_all_used()


def test_a_proxy_502_page_is_retried(client: Harness, cca_webapi: FakeCcaWebApi) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.raw("GET", AGENTS_PATH, PROXY_PAGE, 502, headers={"Content-Type": "text/html"})
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS, match_headers={"Token": "t1"})
    assert client.get("agents") == AGENTS
    assert client.waits == [0.5]  # wait_exponential(multiplier=0.5): 0.5 s after attempt 1
    assert [call.status for call in cca_webapi.calls] == [401, 200, 502, 200]
    cca_webapi.assert_all_used()


def test_a_503_with_retry_after_waits_as_asked(client: Harness, cca_webapi: FakeCcaWebApi) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.raw(
        "GET",
        AGENTS_PATH,
        "Service Unavailable",
        503,
        headers={"Content-Type": "text/plain", "Retry-After": "3"},
    )
    cca_webapi.fail(
        "GET", AGENTS_PATH, ResultCode.CacheLoading, status_code=503, headers={"Retry-After": "7"}
    )
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS)
    assert client.get("agents") == AGENTS
    assert client.waits == [3.0, 7.0]  # the proxy's, then CcaWebApi's own Retry-After
    cca_webapi.assert_all_used()


def test_a_429_is_retried_and_retry_after_is_capped(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.raw("GET", AGENTS_PATH, "slow down", 429, headers={"Retry-After": "3600"})
    cca_webapi.raw("GET", AGENTS_PATH, "slow down", 429)
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS)
    assert client.get("agents") == AGENTS
    assert client.waits == [60.0, 1.0]  # capped at 60 s; then wait_exponential's 1 s
    cca_webapi.assert_all_used()


def test_a_lasting_failure_is_raised_after_four_attempts(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.raw("GET", AGENTS_PATH, PROXY_PAGE, 502, headers={"Content-Type": "text/html"})
    cca_webapi.raw("GET", AGENTS_PATH, PROXY_PAGE, 502, times=3, headers={"X-Request-Id": "r9"})
    with pytest.raises(EnvelopeError) as caught:
        client.get("agents")
    assert caught.value.status_code == 502
    assert caught.value.headers is not None
    assert caught.value.headers["x-request-id"] == "r9"
    assert client.waits == [0.5, 1.0, 2.0]
    assert [call.status for call in cca_webapi.calls] == [401, 200, 502, 502, 502, 502]
    cca_webapi.assert_all_used()


def test_retry_with_no_wait_as_the_page_says(cca_webapi: FakeCcaWebApi) -> None:
    harness = Harness("requests adapter", "http://cca.test/CcaWebApi", cca_webapi)
    _logged_in_on_demand(cca_webapi)
    cca_webapi.raw("GET", AGENTS_PATH, "Bad Gateway", 502)
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS)
    api = harness.api
    client_class: Any = api.__class__
    assert client_class.get.retry_with(wait=wait_none())(api, "agents") == AGENTS
    assert harness.waits == [0.0]  # the recording sleep, asked for no wait
    harness.close()
    cca_webapi.assert_all_used()


def test_a_code_that_will_not_change_is_raised_at_once(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.UnknownObject, error="no such agent")
    with pytest.raises(errors.UnknownObject):
        client.get("agents")
    assert client.waits == []
    cca_webapi.assert_all_used()


def test_a_204_is_none(client: Harness, cca_webapi: FakeCcaWebApi) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.raw("GET", AGENTS_PATH, b"", 204)
    assert client.get("agents") is None
    assert client.waits == []
    cca_webapi.assert_all_used()


def test_pending_is_none_from_get_and_told_apart_by_post(
    client: Harness, cca_webapi: FakeCcaWebApi
) -> None:
    _logged_in_on_demand(cca_webapi)
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.Pending, status_code=202)
    cca_webapi.fail("POST", "/CcaWebApi/exports", ResultCode.Pending, status_code=202)
    cca_webapi.reply("POST", "/CcaWebApi/exports", {"Rows": 2})
    assert client.get("agents") is None
    reply = client.post("exports", {"From": "2026-01-01"})
    assert (reply.pending, reply.status_code) == (True, 202)
    assert reply.payload == {"ResultCode": 1, "Error": ""}
    assert reply.raise_for_result() is None
    done = client.post("exports", {"From": "2026-01-01"})
    assert (done.pending, done.raise_for_result()) == (False, {"Rows": 2})
    assert cca_webapi.calls[-1].json() == {"From": "2026-01-01"}
    cca_webapi.assert_all_used()


def test_a_legacy_server(client: Harness, cca_webapi: FakeCcaWebApi) -> None:
    old = "5.4.5"
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.UnknownToken, version=old)
    cca_webapi.reply("POST", LOGIN_PATH, {"Token": "t1"}, version=old)
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.CacheLoading, status_code=503, version=old)
    cca_webapi.reply("GET", AGENTS_PATH, AGENTS, version=old)
    cca_webapi.fail("GET", AGENTS_PATH, ResultCode.ListenInNoActiveConversationFound, version=old)
    assert client.get("agents") == AGENTS
    assert client.waits == [0.5]
    with pytest.raises(errors.ListenInNoActiveConversationFound) as caught:
        client.get("agents")
    # 5.4.5 numbered it 712; it raises today's class, and the number sent is kept.
    assert (caught.value.raw_code, caught.value.result_code) == (712, 711)
    assert client.waits == [0.5]
    cca_webapi.assert_all_used()


# --- a connection reset, from a real server that resets the first agents request


def _reset(handler: BaseHTTPRequestHandler) -> None:
    handler.close_connection = True
    # SO_LINGER 0: close() sends RST, as a crashed peer or a firewall does.
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01" + b"\x00" * 7)
    handler.connection.close()


def _resetting_server() -> tuple[dict[str, Callable[[BaseHTTPRequestHandler], None]], list[str]]:
    """Routes: the first agents request is reset, then a CcaWebApi with token t1."""
    seen: list[str] = []

    def agents(handler: BaseHTTPRequestHandler) -> None:
        seen.append(f"agents {handler.headers.get('Token')}")
        if len(seen) == 1:
            _reset(handler)
        elif handler.headers.get("Token") != "t1":
            fixed(401, _json(ResultCode.UnknownToken, None))(handler)
        else:
            fixed(200, _json(ResultCode.Success, AGENTS))(handler)

    def login(handler: BaseHTTPRequestHandler) -> None:
        seen.append("login")
        handler.rfile.read(int(handler.headers["Content-Length"]))
        fixed(200, _json(ResultCode.Success, {"Token": "t1"}))(handler)

    return {AGENTS_PATH: agents, LOGIN_PATH: login}, seen


def _json(code: ResultCode, payload: Any) -> bytes:
    import json

    return json.dumps(make_envelope(code, payload=payload)).encode()


@pytest.mark.parametrize("form", ["requests served", "httpx served"])
def test_a_connection_reset_is_retried(form: str) -> None:
    routes, seen = _resetting_server()
    with serve_raw(routes) as url:
        harness = Harness(form, f"{url}/CcaWebApi", None)
        try:
            assert harness.get("agents") == AGENTS
        finally:
            harness.close()
    assert seen == ["agents None", "agents None", "login", "agents t1"]
    assert harness.waits == [0.5]


@pytest.mark.parametrize("name", ["cca_client.py", "cca_async_client.py"])
@pytest.mark.parametrize(
    ("agents", "printed"), [(AGENTS, "1 Ann\n2 Bob\n"), (None, "")], ids=["agents", "204"]
)
def test_each_program_runs_against_the_served_fake(
    name: str, agents: Any, printed: str, cca_webapi: FakeCcaWebApi, tmp_path: Path
) -> None:
    _logged_in_on_demand(cca_webapi)
    if agents is None:
        cca_webapi.raw("GET", AGENTS_PATH, b"", 204, match_headers={"Token": "t1"})
    else:
        cca_webapi.reply("GET", AGENTS_PATH, agents, match_headers={"Token": "t1"})
    program = tmp_path / name
    program.write_text(PROGRAMS[name], encoding="utf-8")
    env = {"CCA_URL": f"{cca_webapi.serve()}/CcaWebApi/", "CCA_USER": "u", "CCA_PASSWORD": "p"}
    result = subprocess.run(
        [sys.executable, "-I", str(program)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    assert (result.returncode, result.stderr, result.stdout) == (0, "", printed)
    assert cca_webapi.calls[1].json() == {"UserName": "u", "Password": "p"}
    cca_webapi.assert_all_used()
