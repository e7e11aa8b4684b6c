"""auth: log in again on UnknownToken, once, with requests and httpx, sync and async.

Every client here is real and talks to FakeCcaWebApi, through its transports
and over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import threading
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import requests.adapters
import requests.auth

from cca_result_codes import ResultCode, errors, from_response
from cca_result_codes.auth import (
    DEFAULT_HEADER,
    RELOGIN_EXTENSION,
    HttpxRelogin,
    RequestsRelogin,
    TokenKeeper,
    append_to_message,
    is_unknown_token,
    may_say_unknown_token,
    name_request,
)
from cca_result_codes.hooks import httpx_async_hook, httpx_hook, requests_hook
from cca_result_codes.testing.fake import FakeCcaWebApi

AGENTS = ["ann", "bob"]


@pytest.fixture
def fake() -> Iterator[FakeCcaWebApi]:
    with FakeCcaWebApi() as made:
        yield made
        made.assert_no_unmatched()


class Logins:
    """A login function that asks the fake for a token, counting its calls."""

    def __init__(self, fake: FakeCcaWebApi, base: str) -> None:
        self.fake, self.base, self.count = fake, base, 0
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            self.count += 1
        with requests.Session() as session:
            session.mount("http://", self.fake.requests_adapter())
            reply = session.post(f"{self.base}/login", json={"UserName": "ann"}, timeout=5)
        token: str = from_response(reply).raise_for_result()["Token"]
        return token

    async def alogin(self) -> str:
        with self._lock:
            self.count += 1
        async with httpx.AsyncClient(transport=self.fake.httpx_transport()) as client:
            reply = await client.post(f"{self.base}/login", json={"UserName": "ann"})
        token: str = from_response(reply).raise_for_result()["Token"]
        return token


# Each form: (fake, login, hooks on?) -> a function that GETs a path and returns the payload
# of the reply, and runs `count` of them at once (threads, or tasks).
Client = Callable[[FakeCcaWebApi, bool], "Form"]


class Form:
    logins: Logins
    base: str

    def get(self, path: str) -> Any:
        raise NotImplementedError

    def get_many(self, path: str, count: int) -> list[Any]:
        results: list[Any] = []
        barrier = threading.Barrier(count)

        def one() -> None:
            barrier.wait()
            results.append(self.get(path))

        threads = [threading.Thread(target=one) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    def close(self) -> None:
        raise NotImplementedError


class RequestsForm(Form):
    def __init__(self, fake: FakeCcaWebApi, hooks: bool, over_http: bool) -> None:
        self.base = fake.serve() if over_http else "http://cca.example"
        self.logins = Logins(fake, self.base)
        self.session = requests.Session()
        if not over_http:
            self.session.mount("http://", fake.requests_adapter())
        self.session.auth = RequestsRelogin(self.logins)
        if hooks:
            self.session.hooks["response"].append(requests_hook)

    def get(self, path: str) -> Any:
        return from_response(self.session.get(self.base + path, timeout=5)).raise_for_result()

    def close(self) -> None:
        self.session.close()


class HttpxForm(Form):
    def __init__(self, fake: FakeCcaWebApi, hooks: bool, over_http: bool) -> None:
        self.base = fake.serve() if over_http else "http://cca.example"
        self.logins = Logins(fake, self.base)
        self.client = httpx.Client(
            transport=None if over_http else fake.httpx_transport(),
            auth=HttpxRelogin(self.logins),
            event_hooks={"response": [httpx_hook] if hooks else []},
        )

    def get(self, path: str) -> Any:
        return from_response(self.client.get(self.base + path)).raise_for_result()

    def close(self) -> None:
        self.client.close()


class AsyncHttpxForm(Form):
    def __init__(self, fake: FakeCcaWebApi, hooks: bool, over_http: bool) -> None:
        self.base = fake.serve() if over_http else "http://cca.example"
        self.logins = Logins(fake, self.base)
        self.transport = None if over_http else fake.httpx_transport()
        self.auth = HttpxRelogin(self.logins.alogin)
        self.hooks = [httpx_async_hook] if hooks else []

    async def _get_many(self, path: str, count: int) -> list[Any]:
        async with httpx.AsyncClient(
            transport=self.transport, auth=self.auth, event_hooks={"response": self.hooks}
        ) as client:

            async def one() -> Any:
                return from_response(await client.get(self.base + path)).raise_for_result()

            return list(await asyncio.gather(*(one() for _ in range(count))))

    def get(self, path: str) -> Any:
        return asyncio.run(self._get_many(path, 1))[0]

    def get_many(self, path: str, count: int) -> list[Any]:
        return asyncio.run(self._get_many(path, count))

    def close(self) -> None:
        pass


FORMS: dict[str, Callable[[FakeCcaWebApi, bool], Form]] = {
    "requests": lambda fake, hooks: RequestsForm(fake, hooks, over_http=False),
    "requests-http": lambda fake, hooks: RequestsForm(fake, hooks, over_http=True),
    "httpx": lambda fake, hooks: HttpxForm(fake, hooks, over_http=False),
    "httpx-http": lambda fake, hooks: HttpxForm(fake, hooks, over_http=True),
    "httpx-async": lambda fake, hooks: AsyncHttpxForm(fake, hooks, over_http=False),
    "httpx-async-http": lambda fake, hooks: AsyncHttpxForm(fake, hooks, over_http=True),
}


@pytest.fixture(
    params=[(name, hooks) for name in FORMS for hooks in (False, True)],
    ids=[f"{name}{'-hooks' if hooks else ''}" for name in FORMS for hooks in (False, True)],
)
def form(request: pytest.FixtureRequest, fake: FakeCcaWebApi) -> Iterator[Form]:
    name, hooks = request.param
    made: Form = FORMS[name](fake, hooks)
    yield made
    made.close()


def test_the_first_call_logs_in_and_is_sent_again(fake: FakeCcaWebApi, form: Form) -> None:
    fake.reply("POST", "/login", {"Token": "t1"})
    fake.reply("GET", "/agents", AGENTS, match_headers={"Token": "t1"})
    fake.fail("GET", "/agents", ResultCode.UnknownToken)
    assert form.get("/agents") == AGENTS
    assert form.logins.count == 1
    assert [(c.method, c.path, c.headers.get("Token")) for c in fake.calls] == [
        ("GET", "/agents", None),
        ("POST", "/login", None),
        ("GET", "/agents", "t1"),
    ]
    fake.assert_all_used()


def test_an_expired_token_under_20_concurrent_requests_logs_in_once(
    fake: FakeCcaWebApi, form: Form
) -> None:
    fake.reply("POST", "/login", {"Token": "t1"})
    fake.reply("GET", "/agents", AGENTS, match_headers={"Token": "t1"})
    fake.fail("GET", "/agents", ResultCode.UnknownToken)
    assert form.get("/agents") == AGENTS
    # The server forgets t1: every request with it meets UnknownToken until a new login.
    fake.reply("POST", "/login", {"Token": "t2"})
    fake.reply("GET", "/agents", AGENTS, match_headers={"Token": "t2"}, times=20)
    fake.fail("GET", "/agents", ResultCode.UnknownToken, repeat=True)
    assert form.get_many("/agents", 20) == [AGENTS] * 20
    assert form.logins.count == 2
    sent = [c.headers.get("Token") for c in fake.calls if c.path == "/agents"]
    assert sent.count("t2") == 20
    assert sent.count("t1") >= 1  # the ones that met the expired token


def test_concurrent_first_requests_log_in_once(fake: FakeCcaWebApi, form: Form) -> None:
    fake.reply("POST", "/login", {"Token": "t1"})
    fake.reply("GET", "/agents", AGENTS, match_headers={"Token": "t1"}, times=20)
    fake.fail("GET", "/agents", ResultCode.UnknownToken, repeat=True)
    assert form.get_many("/agents", 20) == [AGENTS] * 20
    assert form.logins.count == 1


def test_a_second_unknown_token_raises_the_typed_error(fake: FakeCcaWebApi, form: Form) -> None:
    fake.reply("POST", "/login", {"Token": "t1"})
    fake.fail("GET", "/agents", ResultCode.UnknownToken, error="still unknown", times=2)
    with pytest.raises(errors.UnknownToken) as caught:
        form.get("/agents")
    assert caught.value.error == "still unknown"
    assert caught.value.status_code == 401
    assert form.logins.count == 1
    assert len(fake.calls) == 3


def test_other_failures_pass_without_a_login(fake: FakeCcaWebApi, form: Form) -> None:
    fake.fail("GET", "/agents", ResultCode.AlreadyLocked, status_code=409)
    with pytest.raises(errors.AlreadyLocked):
        form.get("/agents")
    assert form.logins.count == 0


def test_a_failing_login_raises_its_own_error_naming_the_request(
    fake: FakeCcaWebApi, form: Form
) -> None:
    fake.fail("POST", "/login", ResultCode.AccessDenied, error="bad password", status_code=403)
    fake.fail("GET", "/agents", ResultCode.UnknownToken)
    with pytest.raises(errors.AccessDenied) as caught:
        form.get("/agents")
    said = "\n".join([str(caught.value), *getattr(caught.value, "__notes__", [])])
    assert f"while logging in again for GET {form.base}/agents" in said


def test_a_2xx_envelope_saying_unknown_token_logs_in_too(fake: FakeCcaWebApi, form: Form) -> None:
    fake.reply("POST", "/login", {"Token": "t1"})
    fake.fail("GET", "/agents", ResultCode.UnknownToken, status_code=299)
    fake.reply("GET", "/agents", AGENTS)
    assert form.get("/agents") == AGENTS
    assert form.logins.count == 1


def test_the_mark_says_whether_a_relogin_may_follow(fake: FakeCcaWebApi) -> None:
    fake.reply("GET", "/a", 1)
    fake.fail("GET", "/a", ResultCode.UnknownToken)
    fake.reply("GET", "/a", 2)
    with httpx.Client(transport=fake.httpx_transport(), auth=HttpxRelogin(lambda: "t")) as client:
        first = client.get("http://h/a")
        assert first.request.extensions[RELOGIN_EXTENSION] is True
        resent = client.get("http://h/a")
    assert resent.request.extensions[RELOGIN_EXTENSION] is False
    assert [r.status_code for r in resent.history] == [401]


def test_the_async_flow_marks_its_sends_too(fake: FakeCcaWebApi) -> None:
    fake.reply("GET", "/a", 1)
    fake.fail("GET", "/a", ResultCode.UnknownToken)
    fake.reply("GET", "/a", 2)

    async def get_twice() -> tuple[httpx.Response, httpx.Response]:
        auth = HttpxRelogin(lambda: "t")
        async with httpx.AsyncClient(transport=fake.httpx_transport(), auth=auth) as client:
            return await client.get("http://h/a"), await client.get("http://h/a")

    first, resent = asyncio.run(get_twice())
    assert first.request.extensions[RELOGIN_EXTENSION] is True
    assert resent.request.extensions[RELOGIN_EXTENSION] is False
    assert [r.status_code for r in resent.history] == [401]


def test_the_async_flow_raises_a_second_unknown_token(fake: FakeCcaWebApi) -> None:
    fake.fail("GET", "/a", ResultCode.UnknownToken, times=2)

    async def get() -> httpx.Response:
        async with httpx.AsyncClient(
            transport=fake.httpx_transport(), auth=HttpxRelogin(lambda: "t")
        ) as client:
            return await client.get("http://h/a")

    with pytest.raises(errors.UnknownToken):
        asyncio.run(get())
    assert [call.headers.get("Token") for call in fake.calls] == [None, "t"]


class TimeoutsSeen(requests.adapters.HTTPAdapter):
    """A real requests adapter that notes the timeout of each send."""

    def __init__(self) -> None:
        super().__init__()
        self.timeouts: list[object] = []

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        self.timeouts.append(kwargs.get("timeout"))
        return super().send(request, *args, **kwargs)


def test_the_resend_keeps_the_send_options(fake: FakeCcaWebApi) -> None:
    fake.fail("GET", "/a", ResultCode.UnknownToken)
    fake.reply("GET", "/a", 1)
    base = fake.serve()
    adapter = TimeoutsSeen()
    with requests.Session() as session:
        session.mount(base, adapter)
        session.auth = RequestsRelogin(lambda: "t")
        response = session.get(f"{base}/a", timeout=(7, 8))
    assert response.json()["Response"] == 1
    assert adapter.timeouts == [(7, 8), (7, 8)]


@pytest.mark.parametrize("status", [300, 302, 399])
def test_a_redirect_is_never_read_for_a_token(fake: FakeCcaWebApi, status: int) -> None:
    fake.fail("GET", "/agents", ResultCode.UnknownToken, status_code=status)
    requests_form = RequestsForm(fake, hooks=False, over_http=False)
    with requests.Session() as session:
        session.mount("http://", fake.requests_adapter())
        session.auth = requests_form.session.auth
        response = session.get("http://h/agents", allow_redirects=False, timeout=5)
    assert response.status_code == status
    fake.fail("GET", "/agents", ResultCode.UnknownToken, status_code=status)
    httpx_form = HttpxForm(fake, hooks=False, over_http=False)
    assert httpx_form.client.get("http://h/agents").status_code == status
    assert requests_form.logins.count == httpx_form.logins.count == 0


def test_a_2xx_download_is_left_unread(fake: FakeCcaWebApi) -> None:
    # Over real HTTP, where a streamed body stays unread until someone reads it.
    body = b'{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}'
    fake.raw("GET", "/recording", body, 200, headers={"Content-Type": "audio/wav"}, times=3)
    form = HttpxForm(fake, hooks=False, over_http=True)
    with form.client.stream("GET", f"{form.base}/recording") as response:
        assert not response.is_stream_consumed
        assert response.read() == body

    async def stream() -> bool:
        async with (
            httpx.AsyncClient(auth=HttpxRelogin(form.logins.alogin)) as client,
            client.stream("GET", f"{form.base}/recording") as response,
        ):
            return response.is_stream_consumed

    assert asyncio.run(stream()) is False
    with requests.Session() as session:
        session.auth = RequestsRelogin(form.logins)
        streamed = session.get(f"{form.base}/recording", stream=True, timeout=5)
        assert streamed._content_consumed is False  # type: ignore[attr-defined]  # requests' own
        streamed.close()
    form.client.close()
    assert form.logins.count == 0


def test_the_resent_request_carries_its_body_again(fake: FakeCcaWebApi, tmp_path: Path) -> None:
    fake.reply("POST", "/login", {"Token": "t1"}, times=3)
    for _ in range(3):
        fake.fail("POST", "/lists", ResultCode.UnknownToken)
        fake.reply("POST", "/lists", 1)
    HttpxForm(fake, hooks=True, over_http=False).client.post("http://h/lists", json={"n": 1})
    upload = tmp_path / "list.json"
    upload.write_bytes(b'{"n": 2}')
    form = RequestsForm(fake, hooks=True, over_http=False)
    form.session.post("http://h/lists", json={"n": 1}, timeout=5)
    with upload.open("rb") as file:
        form.session.post("http://h/lists", data=file, timeout=5)
    bodies = [call.body for call in fake.calls if call.path == "/lists"]
    assert bodies == [b'{"n":1}', b'{"n":1}', b'{"n": 1}', b'{"n": 1}', b'{"n": 2}', b'{"n": 2}']
    fake.assert_all_used()


def script_expiry(fake: FakeCcaWebApi, times: int) -> None:
    """GET /a meets UnknownToken, then succeeds, *times* over."""
    for _ in range(times):
        fake.fail("GET", "/a", ResultCode.UnknownToken)
        fake.reply("GET", "/a", 1)


def test_the_header_can_be_named(fake: FakeCcaWebApi) -> None:
    script_expiry(fake, 2)
    with requests.Session() as session:
        session.mount("http://", fake.requests_adapter())
        session.auth = RequestsRelogin(lambda: "t1", header="X-Cca-Token")
        session.get("http://h/a", timeout=5)
    with httpx.Client(
        transport=fake.httpx_transport(), auth=HttpxRelogin(lambda: "t1", header="X-Cca-Token")
    ) as client:
        client.get("http://h/a")
    assert [call.headers.get("X-Cca-Token") for call in fake.calls] == [None, "t1", None, "t1"]
    assert [call.headers.get(DEFAULT_HEADER) for call in fake.calls] == [None] * 4


def test_apply_puts_the_token_anywhere(fake: FakeCcaWebApi) -> None:
    fake.fail("GET", "/a", ResultCode.UnknownToken)
    fake.reply("GET", "/a", 1, times=2)
    fake.fail("GET", "/a", ResultCode.UnknownToken)
    fake.reply("GET", "/a", 1, times=2)
    tokens = iter(["t1", "t2"])

    def in_query(request: requests.PreparedRequest, token: str) -> None:
        request.url = f"{request.url}?token={token}"

    def in_httpx_query(request: httpx.Request, token: str) -> None:
        request.url = request.url.copy_set_param("token", token)

    with requests.Session() as session:
        session.mount("http://", fake.requests_adapter())
        session.auth = RequestsRelogin(lambda: next(tokens), apply=in_query)
        session.get("http://h/a", timeout=5)
        session.get("http://h/a", timeout=5)
    with httpx.Client(
        transport=fake.httpx_transport(), auth=HttpxRelogin(lambda: "t9", apply=in_httpx_query)
    ) as client:
        client.get("http://h/a")
        client.get("http://h/a")
    assert [call.url for call in fake.calls] == [
        "http://h/a",
        "http://h/a?token=t1",
        "http://h/a?token=t1",
        "http://h/a",
        "http://h/a?token=t9",
        "http://h/a?token=t9",
    ]
    assert [call.headers.get(DEFAULT_HEADER) for call in fake.calls] == [None] * 6


def test_a_login_of_each_kind_works_with_the_async_client(fake: FakeCcaWebApi) -> None:
    script_expiry(fake, 2)

    async def login() -> str:
        return "async"

    async def get(auth: HttpxRelogin) -> Any:
        async with httpx.AsyncClient(transport=fake.httpx_transport(), auth=auth) as client:
            return (await client.get("http://h/a")).json()["Response"]

    assert asyncio.run(get(HttpxRelogin(login))) == 1
    assert asyncio.run(get(HttpxRelogin(lambda: "plain"))) == 1
    assert [call.headers.get("Token") for call in fake.calls] == [None, "async", None, "plain"]


def test_one_auth_serves_one_event_loop_after_another(fake: FakeCcaWebApi) -> None:
    script_expiry(fake, 2)
    tokens = iter(["t1", "t2"])

    async def login() -> str:
        return next(tokens)

    auth = HttpxRelogin(login)

    async def get() -> int:
        async with httpx.AsyncClient(transport=fake.httpx_transport(), auth=auth) as client:
            response = await client.get("http://h/a")
            return response.status_code

    assert asyncio.run(get()) == 200
    # A new loop; the token t1 is still held, and the server refuses it once more.
    assert asyncio.run(get()) == 200
    assert [call.headers.get("Token") for call in fake.calls] == [None, "t1", "t1", "t2"]


def test_an_async_login_needs_the_async_client(fake: FakeCcaWebApi) -> None:
    fake.fail("GET", "/a", ResultCode.UnknownToken, times=2)

    async def login() -> str:
        return "never"

    with requests.Session() as session:
        session.mount("http://", fake.requests_adapter())
        session.auth = RequestsRelogin(login)  # type: ignore[arg-type]  # the wrong kind on purpose
        with pytest.raises(
            TypeError,
            match=r"^login returned an awaitable: an async login needs httpx\.AsyncClient and"
            r" HttpxRelogin; with requests or httpx\.Client, log in with a plain function",
        ):
            session.get("http://h/a", timeout=5)
    with (
        httpx.Client(transport=fake.httpx_transport(), auth=HttpxRelogin(login)) as client,
        pytest.raises(TypeError, match=r"an async login needs httpx\.AsyncClient"),
    ):
        client.get("http://h/a")


@pytest.mark.parametrize("token", [None, b"t1", 7])
def test_a_login_must_return_text(fake: FakeCcaWebApi, token: object) -> None:
    # Typed Any: the logins break their type on purpose.
    def returns_token() -> Any:
        return token

    async def login() -> Any:
        return token

    fake.fail("GET", "/a", ResultCode.UnknownToken, times=2)
    with (
        pytest.raises(
            TypeError, match=f"^login must return the token as a str, not {type(token).__name__}"
        ),
        httpx.Client(transport=fake.httpx_transport(), auth=HttpxRelogin(returns_token)) as client,
    ):
        client.get("http://h/a")

    async def get() -> None:
        async with httpx.AsyncClient(
            transport=fake.httpx_transport(), auth=HttpxRelogin(login)
        ) as client:
            await client.get("http://h/a")

    with pytest.raises(TypeError, match="must return the token as a str") as caught:
        asyncio.run(get())
    said = "\n".join([str(caught.value), *getattr(caught.value, "__notes__", [])])
    assert "while logging in again for GET http://h/a" in said


def test_a_failing_async_login_names_the_request(fake: FakeCcaWebApi) -> None:
    fake.fail("GET", "/a", ResultCode.UnknownToken)

    async def login() -> str:
        raise ConnectionError("login server down")

    async def get() -> None:
        async with httpx.AsyncClient(
            transport=fake.httpx_transport(), auth=HttpxRelogin(login)
        ) as client:
            await client.get("http://h/a?x=1")

    with pytest.raises(ConnectionError) as caught:
        asyncio.run(get())
    said = "\n".join([str(caught.value), *getattr(caught.value, "__notes__", [])])
    assert "while logging in again for GET http://h/a?x=1" in said


def test_the_request_is_named_before_apply_changes_it(fake: FakeCcaWebApi) -> None:
    fake.fail("GET", "/a", ResultCode.UnknownToken, times=2)
    answers = ["t1"]

    def login() -> str:
        return answers.pop()  # the second login fails: IndexError

    def in_query(request: httpx.Request, token: str) -> None:
        request.url = request.url.copy_set_param("token", token)

    auth = HttpxRelogin(login, apply=in_query)
    with httpx.Client(transport=fake.httpx_transport(), auth=auth) as client:
        with pytest.raises(errors.UnknownToken):
            client.get("http://h/a")
        fake.fail("GET", "/a", ResultCode.UnknownToken)
        with pytest.raises(IndexError) as caught:
            client.get("http://h/a")
    said = "\n".join([str(caught.value), *getattr(caught.value, "__notes__", [])])
    assert "for GET http://h/a" in said
    assert "token=" not in said


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"login": "t"}, TypeError, "login must be callable, not str"),
        (
            {"login": str, "header": "A", "apply": print},
            TypeError,
            "give header= or apply=, not both",
        ),
        ({"login": str, "header": ""}, TypeError, "header must be a header name, not ''"),
        (
            {"login": str, "header": b"Token"},
            TypeError,
            "header must be a header name, not b'Token'",
        ),
        ({"login": str, "apply": "Token"}, TypeError, "apply must be callable, not str"),
    ],
)
def test_bad_arguments_are_refused_at_once(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    kwargs = dict(kwargs)  # the parameters are shared by every run of the test
    login = kwargs.pop("login")
    for auth_class in (RequestsRelogin, HttpxRelogin):
        with pytest.raises(error, match=f"^{message}$"):
            auth_class(login, **kwargs)


def test_the_auth_classes_are_the_libraries_own_kinds() -> None:
    assert isinstance(RequestsRelogin(str), requests.auth.AuthBase)
    assert isinstance(HttpxRelogin(str), httpx.Auth)


def test_the_token_keeper_holds_one_token() -> None:
    keeper = TokenKeeper(lambda: "t1", None, None)
    assert keeper.current() == (None, 0)
    assert keeper.header == "Token"
    assert keeper.renew(0, "GET /a") == "t1"
    assert keeper.current() == ("t1", 1)
    assert keeper.renew(0, "GET /a") == "t1"  # a login after 0 happened: no second one
    assert keeper.current() == ("t1", 1)


def test_a_failed_login_keeps_the_old_token() -> None:
    answers: list[object] = ["t1", RuntimeError("down")]

    def login() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    keeper = TokenKeeper(login, None, None)
    keeper.renew(0, "GET /a")
    with pytest.raises(RuntimeError, match="down"):
        keeper.renew(1, "GET /a")
    assert keeper.current() == ("t1", 1)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ("note",)),
        (("",), ("note",)),
        (("boom",), ("boom\nnote",)),
        (("boom", 2), ("boom\nnote", 2)),
        ((5,), ("5\nnote",)),
        (("  indented",), ("  indented\nnote",)),
        (("XML: no",), ("XML: no\nnote",)),
    ],
)
def test_on_python_3_10_the_note_ends_the_message(
    args: tuple[object, ...], expected: tuple[object, ...]
) -> None:
    error = RuntimeError(*args)
    append_to_message(error, "note")
    assert error.args == expected


def test_name_request_uses_notes_where_python_has_them() -> None:
    error = ValueError("bad")
    name_request(error, "GET http://h/a")
    if sys.version_info >= (3, 11):
        assert error.__notes__ == ["while logging in again for GET http://h/a"]
        assert str(error) == "bad"
    else:  # pragma: no cover -- Python 3.10
        assert str(error) == "bad\nwhile logging in again for GET http://h/a"


@pytest.mark.parametrize(
    ("status", "content_type", "expected"),
    [
        (200, "application/json", True),
        (299, "Application/JSON; charset=utf-8", True),
        (200, " text/json ", True),
        (200, "application/problem+json", True),
        (200, "text/plain", False),
        (200, "application/jsonx", False),
        (200, None, False),
        (199, None, True),
        (300, "application/json", False),
        (302, "application/json", False),
        (399, "application/json", False),
        (400, None, True),
        (401, "text/html", True),
        (503, None, True),
    ],
)
def test_which_responses_are_read(status: int, content_type: str | None, expected: bool) -> None:
    assert may_say_unknown_token(status, content_type) is expected


def test_is_unknown_token_reads_the_envelope() -> None:
    def response(body: str) -> httpx.Response:
        return httpx.Response(401, content=body.encode())

    assert is_unknown_token(response('{"StatusCode": 401, "Response": {"ResultCode": 102}}'))
    assert not is_unknown_token(response('{"StatusCode": 401, "Response": {"ResultCode": 103}}'))
    assert not is_unknown_token(response("<html>login</html>"))
    # A legacy server's 102 is still UnknownToken, which kept its number.
    legacy = '{"Version": "5.4.5", "StatusCode": 401, "Response": {"ResultCode": 102}}'
    assert is_unknown_token(response(legacy))


def test_the_hook_lets_unknown_token_through_only_for_a_marked_request() -> None:
    body = b'{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}'
    request = httpx.Request("GET", "http://h/a")
    response = httpx.Response(401, content=body, request=request)
    with pytest.raises(errors.UnknownToken):
        httpx_hook(response)
    request.extensions[RELOGIN_EXTENSION] = True
    httpx_hook(response)  # lets it through
    request.extensions[RELOGIN_EXTENSION] = False
    with pytest.raises(errors.UnknownToken):
        httpx_hook(response)
    request.extensions[RELOGIN_EXTENSION] = "yes"
    with pytest.raises(errors.UnknownToken):
        httpx_hook(response)
    # Another code is raised whatever the mark says.
    other = b'{"StatusCode": 401, "Response": {"ResultCode": 103, "Error": ""}}'
    request.extensions[RELOGIN_EXTENSION] = True
    with pytest.raises(errors.UnknownObject):
        httpx_hook(httpx.Response(401, content=other, request=request))
    # No request at all (httpx raises RuntimeError for .request): nothing marked it.
    with pytest.raises(errors.UnknownToken):
        httpx_hook(httpx.Response(401, content=body))


def test_importing_auth_loads_neither_client() -> None:
    code = textwrap.dedent(
        """
        import sys
        import cca_result_codes.auth as auth
        loaded = lambda: sorted(m for m in ("requests", "httpx") if m in sys.modules)
        print(loaded())
        auth.HttpxRelogin
        print(loaded())
        auth.RequestsRelogin
        print(loaded())
        try:
            auth.Nothing
        except AttributeError as error:
            print(error)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == (
        "[]\n['httpx']\n['httpx', 'requests']\n"
        "module 'cca_result_codes.auth' has no attribute 'Nothing'\n"
    )


def test_a_waiting_thread_takes_the_token_of_the_login_it_waited_for() -> None:
    started, release = threading.Event(), threading.Event()
    count = 0

    def slow_login() -> str:
        nonlocal count
        count += 1
        started.set()
        release.wait(5)
        return f"t{count}"

    keeper = TokenKeeper(slow_login, None, None)
    results: list[str] = []
    first = threading.Thread(target=lambda: results.append(keeper.renew(0, "GET /a")))
    first.start()
    started.wait(5)
    second = threading.Thread(target=lambda: results.append(keeper.renew(0, "GET /a")))
    second.start()
    release.set()
    first.join()
    second.join()
    assert (results, count) == (["t1", "t1"], 1)


def test_the_async_flow_logs_in_once_for_tasks_waiting_together() -> None:
    count = 0

    async def login() -> str:
        nonlocal count
        count += 1
        await asyncio.sleep(0)
        return "t1"

    keeper = TokenKeeper(login, None, None)

    async def main() -> list[str]:
        return list(await asyncio.gather(*(keeper.arenew(0, "GET /a") for _ in range(5))))

    assert asyncio.run(main()) == ["t1"] * 5
    assert count == 1
    assert keeper.current() == ("t1", 1)


def typed_use(login: Callable[[], Awaitable[str]]) -> HttpxRelogin:
    return HttpxRelogin(login)


def test_a_resend_answered_with_a_download_is_returned(fake: FakeCcaWebApi) -> None:
    for _ in range(3):
        fake.fail("GET", "/file", ResultCode.UnknownToken)
        fake.raw("GET", "/file", b"data", headers={"Content-Type": "text/plain"})
    with httpx.Client(transport=fake.httpx_transport(), auth=HttpxRelogin(lambda: "t")) as client:
        assert client.get("http://h/file").content == b"data"

    async def get() -> bytes:
        async with httpx.AsyncClient(
            transport=fake.httpx_transport(), auth=HttpxRelogin(lambda: "t")
        ) as client:
            return (await client.get("http://h/file")).content

    assert asyncio.run(get()) == b"data"
    with requests.Session() as session:
        session.mount("http://", fake.requests_adapter())
        session.auth = RequestsRelogin(lambda: "t")
        response = session.get("http://h/file", timeout=5)
    assert (response.content, len(response.history)) == (b"data", 1)
    assert response.history[0].status_code == 401
    assert response.request.headers["Token"] == "t"
    assert "Token" not in response.history[0].request.headers
    fake.assert_all_used()


def test_a_login_may_go_through_the_same_client(fake: FakeCcaWebApi) -> None:
    # As the docs' client does: the login request itself passes through the auth.
    fake.reply("POST", "/login", {"Token": "t1"}, times=2)
    for _ in range(2):
        fake.fail("GET", "/a", ResultCode.UnknownToken)
        fake.reply("GET", "/a", 1, match_headers={"Token": "t1"})
    session = requests.Session()
    session.mount("http://", fake.requests_adapter())

    def login() -> str:
        reply = session.post("http://h/login", timeout=5)
        token: str = from_response(reply).raise_for_result()["Token"]
        return token

    session.auth = RequestsRelogin(login)
    assert session.get("http://h/a", timeout=5).json()["Response"] == 1
    session.close()

    def httpx_login() -> str:
        token: str = from_response(client.post("http://h/login")).raise_for_result()["Token"]
        return token

    client = httpx.Client(transport=fake.httpx_transport(), auth=HttpxRelogin(httpx_login))
    assert client.get("http://h/a").json()["Response"] == 1
    client.close()
    fake.assert_all_used()


def test_any_awaitable_login_result_is_refused_by_the_sync_flows() -> None:
    class Later:
        def __await__(self) -> Iterator[None]:
            yield None

    keeper = TokenKeeper(Later, None, None)  # type: ignore[arg-type]  # the wrong kind on purpose
    with pytest.raises(TypeError, match=r"^login returned an awaitable"):
        keeper.renew(0, "GET /a")
    assert keeper.current() == (None, 0)


def test_the_auth_classes_load_on_first_access(monkeypatch: pytest.MonkeyPatch) -> None:
    from cca_result_codes import auth
    from cca_result_codes._relogin_httpx import HttpxRelogin as Home

    monkeypatch.delitem(vars(auth), "HttpxRelogin", raising=False)
    assert auth.HttpxRelogin is Home
    assert vars(auth)["HttpxRelogin"] is Home  # kept: loaded once
    with pytest.raises(
        AttributeError, match=r"^module 'cca_result_codes\.auth' has no attribute 'x'$"
    ):
        auth.x  # noqa: B018 -- the access is the test


def test_without_notes_the_request_goes_in_the_message() -> None:
    class NoNotes(Exception):
        """As on Python 3.10, where exceptions have no add_note()."""

        def __getattribute__(self, name: str) -> Any:
            if name == "add_note":
                raise AttributeError(name)
            return super().__getattribute__(name)

    error = NoNotes("bad")
    name_request(error, "GET http://h/a")
    assert error.args == ("bad\nwhile logging in again for GET http://h/a",)
    assert not hasattr(error, "__notes__")
