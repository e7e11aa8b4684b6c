"""FakeCcaWebApi: one script, served to requests, httpx (sync and async) and urllib."""

from __future__ import annotations

import asyncio
import json
import pickle
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import requests
import requests.adapters

from cca_result_codes import ResultCode, ServerVersion, from_response
from cca_result_codes._headers import Headers
from cca_result_codes.testing.fake import UNMATCHED_STATUS, FakeCcaWebApi, RecordedCall

# (status, headers, body) as a client saw them; each form below sends one request.
Seen = tuple[int, dict[str, str], bytes]
Send = Callable[[FakeCcaWebApi, str, str, bytes | None, dict[str, str]], Seen]


def via_httpx(
    fake: FakeCcaWebApi, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> Seen:
    with httpx.Client(transport=fake.httpx_transport()) as client:
        response = client.request(
            method, f"http://cca.example{path}", content=body, headers=headers
        )
        return response.status_code, dict(response.headers), response.content


def via_async_httpx(
    fake: FakeCcaWebApi, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> Seen:
    async def send() -> Seen:
        async with httpx.AsyncClient(transport=fake.httpx_transport()) as client:
            response = await client.request(
                method, f"http://cca.example{path}", content=body, headers=headers
            )
            return response.status_code, dict(response.headers), response.content

    return asyncio.run(send())


def via_requests(
    fake: FakeCcaWebApi, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> Seen:
    with requests.Session() as session:
        session.mount("http://", fake.requests_adapter())
        response = session.request(
            method, f"http://cca.example{path}", data=body, headers=headers, timeout=5
        )
        return response.status_code, dict(response.headers), response.content


def via_urllib(
    fake: FakeCcaWebApi, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> Seen:
    request = urllib.request.Request(fake.serve() + path, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def via_requests_over_http(
    fake: FakeCcaWebApi, method: str, path: str, body: bytes | None, headers: dict[str, str]
) -> Seen:
    response = requests.request(method, fake.serve() + path, data=body, headers=headers, timeout=5)
    return response.status_code, dict(response.headers), response.content


FORMS: dict[str, Send] = {
    "httpx": via_httpx,
    "httpx-async": via_async_httpx,
    "requests": via_requests,
    "urllib": via_urllib,
    "requests-http": via_requests_over_http,
}


@pytest.fixture(params=list(FORMS))
def send(request: pytest.FixtureRequest) -> Send:
    return FORMS[request.param]


@pytest.fixture
def fake() -> Iterator[FakeCcaWebApi]:
    with FakeCcaWebApi() as made:
        yield made


def header(headers: dict[str, str], name: str) -> str | None:
    return {key.lower(): value for key, value in headers.items()}.get(name.lower())


def test_a_reply_carries_its_payload_in_an_envelope(fake: FakeCcaWebApi, send: Send) -> None:
    fake.reply("GET", "/CcaWebApi/agents", [{"Id": 1, "Name": "ann"}])
    status, headers, body = send(fake, "GET", "/CcaWebApi/agents?x=1", None, {})
    assert status == 200
    assert header(headers, "Content-Type") == "application/json; charset=utf-8"
    envelope = json.loads(body)
    assert envelope["Version"] == "5.4.6.1"
    assert envelope["StatusCode"] == 200
    assert envelope["Response"] == [{"Id": 1, "Name": "ann"}]
    assert envelope["Request"]["Method"] == "GET"
    assert envelope["Request"]["Url"].endswith("/CcaWebApi/agents?x=1")
    (call,) = fake.calls
    assert (call.method, call.path, call.status) == ("GET", "/CcaWebApi/agents", 200)
    assert call.url == envelope["Request"]["Url"]
    fake.assert_all_used()


def test_a_failure_is_the_envelope_of_its_code(fake: FakeCcaWebApi, send: Send) -> None:
    fake.fail("POST", "/CcaWebApi/login", ResultCode.AccessDenied, error="no", status_code=403)
    status, _, body = send(fake, "POST", "/CcaWebApi/login", b'{"UserName": "ann"}', {})
    assert status == 403
    reply = from_response(body)
    assert (reply.result_code, reply.error, reply.status_code) == (
        ResultCode.AccessDenied,
        "no",
        403,
    )
    assert fake.calls[0].body == b'{"UserName": "ann"}'
    assert fake.calls[0].json() == {"UserName": "ann"}


def test_raw_replies_go_as_given(fake: FakeCcaWebApi, send: Send) -> None:
    fake.raw("GET", "/a", "<html>Bad gateway</html>", 502, headers={"Content-Type": "text/html"})
    fake.raw("GET", "/a", b"", 204, headers={"X-Request-Id": "r1"})
    assert send(fake, "GET", "/a", None, {})[::2] == (502, b"<html>Bad gateway</html>")
    status, headers, body = send(fake, "GET", "/a", None, {})
    assert (status, header(headers, "X-Request-Id"), body) == (204, "r1", b"")
    assert header(headers, "Content-Type") is None


def test_a_raw_reply_may_match_headers_and_repeat(fake: FakeCcaWebApi, send: Send) -> None:
    fake.raw("GET", "/a", "for t2", match_headers={"Token": "t2"}, repeat=True)
    fake.raw("GET", "/a", "anyone", repeat=True)
    assert send(fake, "GET", "/a", None, {})[2] == b"anyone"
    assert send(fake, "GET", "/a", None, {"Token": "t2"})[2] == b"for t2"
    assert send(fake, "GET", "/a", None, {"Token": "t2"})[2] == b"for t2"
    assert send(fake, "GET", "/a", None, {})[2] == b"anyone"
    fake.assert_all_used()


def test_unmatched_requests_get_501_listing_what_is_scripted(
    fake: FakeCcaWebApi, send: Send
) -> None:
    fake.reply("GET", "/agents", [], times=2)
    fake.fail("POST", "/login", 103, repeat=True)
    status, headers, body = send(fake, "GET", "/lists", None, {})
    assert status == UNMATCHED_STATUS == 501
    assert header(headers, "Content-Type") == "text/plain"
    assert body == (
        b"FakeCcaWebApi: no reply scripted for GET /lists;"
        b" still scripted: GET /agents (2 left), POST /login (repeats)\n"
    )
    assert fake.calls[0].status == 501
    with pytest.raises(AssertionError) as caught:
        fake.assert_no_unmatched()
    assert str(caught.value) == (
        "FakeCcaWebApi: no reply scripted for GET /lists;"
        " still scripted: GET /agents (2 left), POST /login (repeats)"
    )


def test_every_unmatched_request_has_a_line_of_its_own() -> None:
    fake = FakeCcaWebApi()
    with httpx.Client(transport=fake.httpx_transport()) as client:
        client.get("http://cca.example/a")
        client.post("http://cca.example/b")
    with pytest.raises(AssertionError) as caught:
        fake.assert_no_unmatched()
    assert str(caught.value) == (
        "FakeCcaWebApi: no reply scripted for GET /a; still scripted: nothing\n"
        "no reply scripted for POST /b; still scripted: nothing"
    )


def test_a_head_request_gets_no_body(fake: FakeCcaWebApi, send: Send) -> None:
    fake.reply("HEAD", "/agents", [1])
    status, _, body = send(fake, "HEAD", "/agents", None, {})
    assert (status, body) == (200, b"")


# requests and urllib keep a header's name as sent; httpx gives it in lower case.
@pytest.mark.parametrize("form", ["requests", "urllib", "requests-http"])
def test_content_type_goes_in_its_usual_spelling(fake: FakeCcaWebApi, form: str) -> None:
    fake.reply("GET", "/a", 1)
    for path, content_type in [("/a", "application/json; charset=utf-8"), ("/b", "text/plain")]:
        _, headers, _ = FORMS[form](fake, "GET", path, None, {})
        assert [name for name in headers if name.lower() == "content-type"] == ["Content-Type"]
        assert headers["Content-Type"] == content_type


def test_a_content_type_given_in_any_case_replaces_the_default(
    fake: FakeCcaWebApi, send: Send
) -> None:
    fake.fail("GET", "/a", 103, headers={"content-type": "application/problem+json"})
    _, headers, _ = send(fake, "GET", "/a", None, {})
    assert [value for name, value in headers.items() if name.lower() == "content-type"] == [
        "application/problem+json"
    ]


def test_replies_are_used_once_each_in_order() -> None:
    fake = FakeCcaWebApi()
    fake.reply("GET", "/a", 1)
    fake.reply("GET", "/a", 2, times=2)
    fake.reply("GET", "/b", 3)
    seen = [
        json.loads(via_httpx(fake, "GET", path, None, {})[2])["Response"]
        for path in ["/a", "/b", "/a", "/a"]
    ]
    assert seen == [1, 3, 2, 2]
    fake.assert_all_used()
    assert via_httpx(fake, "GET", "/a", None, {})[0] == 501


def test_a_repeated_reply_serves_every_request_and_counts_as_used() -> None:
    fake = FakeCcaWebApi()
    fake.reply("GET", "/a", 1, repeat=True)
    fake.reply("GET", "/a", 2)
    fake.reply("GET", "/b", 3, repeat=True)
    seen = [json.loads(via_httpx(fake, "GET", "/a", None, {})[2])["Response"] for _ in range(3)]
    assert seen == [1, 1, 1]
    with pytest.raises(
        AssertionError,
        match=r"^FakeCcaWebApi: not every reply was used; still scripted:"
        r" GET /a \(1 left\), GET /b \(repeats\)$",
    ):
        fake.assert_all_used()
    via_httpx(fake, "GET", "/b", None, {})
    with pytest.raises(AssertionError, match=r"still scripted: GET /a \(1 left\)$"):
        fake.assert_all_used()


def test_a_used_script_passes_and_still_lists_repeats_for_strays() -> None:
    fake = FakeCcaWebApi()
    fake.reply("GET", "/a", 1, repeat=True)
    fake.reply("GET", "/b", 1, match_headers={"Token": "t2", "X-Id": "7"})
    via_httpx(fake, "GET", "/a", None, {})
    via_httpx(fake, "GET", "/b", None, {"token": "t2", "x-id": "7"})
    fake.assert_all_used()
    assert via_httpx(fake, "GET", "/c", None, {})[2] == (
        b"FakeCcaWebApi: no reply scripted for GET /c; still scripted: GET /a (repeats)\n"
    )


def test_the_listing_names_the_headers_a_reply_waits_for() -> None:
    fake = FakeCcaWebApi()
    fake.reply("GET", "/b", 1, match_headers={"Token": "t2", "X-Id": "7"})
    status, _, body = via_httpx(fake, "GET", "/b", None, {"Token": "t1", "X-Id": "7"})
    assert status == 501
    assert body == (
        b"FakeCcaWebApi: no reply scripted for GET /b;"
        b" still scripted: GET /b with Token: t2, X-Id: 7 (1 left)\n"
    )


def test_assert_all_used_names_what_is_left() -> None:
    fake = FakeCcaWebApi()
    fake.reply("GET", "/a", 1, times=3)
    via_httpx(fake, "GET", "/a", None, {})
    with pytest.raises(
        AssertionError,
        match=r"^FakeCcaWebApi: not every reply was used; still scripted: GET /a \(2 left\)$",
    ):
        fake.assert_all_used()


def test_assert_all_used_also_fails_on_an_unmatched_request() -> None:
    fake = FakeCcaWebApi()
    via_httpx(fake, "GET", "/a", None, {})
    with pytest.raises(
        AssertionError, match=r"no reply scripted for GET /a; still scripted: nothing"
    ):
        fake.assert_all_used()


def test_replies_can_match_on_request_headers(fake: FakeCcaWebApi) -> None:
    fake.reply("GET", "/a", "t2's", match_headers={"token": "t2"}, repeat=True)
    fake.fail("GET", "/a", ResultCode.UnknownToken, repeat=True)
    assert via_requests(fake, "GET", "/a", None, {"Token": "t1"})[0] == 401
    assert via_requests(fake, "GET", "/a", None, {})[0] == 401
    assert (
        json.loads(via_requests(fake, "GET", "/a", None, {"Token": "t2"})[2])["Response"] == "t2's"
    )
    assert fake.calls[2].headers["TOKEN"] == "t2"


def test_envelope_keywords_are_make_envelopes(fake: FakeCcaWebApi) -> None:
    fake.fail("GET", "/a", ResultCode.ListenInCallEnd, version="5.4.5")
    fake.reply("GET", "/b", version=None, status_code=201, headers={"X-Id": "7"})
    fake.fail("GET", "/c", ResultCode.Pending, version=ServerVersion(5, 4, 8))
    status, _, body = via_httpx(fake, "GET", "/a", None, {})
    assert (status, json.loads(body)["Response"]) == (400, {"ResultCode": 715, "Error": ""})
    status, headers, body = via_httpx(fake, "GET", "/b", None, {})
    assert (status, header(headers, "X-Id"), header(headers, "Content-Type")) == (
        201,
        "7",
        "application/json; charset=utf-8",
    )
    assert json.loads(body) == {
        "Request": {"Method": "GET", "Url": "http://cca.example/b"},
        "StatusCode": 201,
        "Response": {"ResultCode": 0, "Error": ""},
    }
    envelope = json.loads(via_httpx(fake, "GET", "/c", None, {})[2])
    assert (envelope["Version"], envelope["Response"]) == (
        "5.4.8.0",
        {"ResultCode": 1, "Error": ""},
    )


def test_paths_may_be_whole_urls_and_methods_any_case(fake: FakeCcaWebApi) -> None:
    fake.reply("get", "https://elsewhere.example/CcaWebApi/agents", 1)
    fake.reply("GET", "http://h", 2)
    assert via_httpx(fake, "GET", "/CcaWebApi/agents", None, {})[0] == 200
    assert json.loads(via_httpx(fake, "GET", "/", None, {})[2])["Response"] == 2


BAD_SCRIPTS: list[tuple[Callable[[FakeCcaWebApi], object], type[Exception], str]] = [
    (
        lambda f: f.reply("GET", "agents", 1),
        ValueError,
        "path must start with '/', or be a whole URL, not 'agents'",
    ),
    (
        lambda f: f.reply("GET", "/a?x=1", 1),
        ValueError,
        "replies match by path alone; drop the query from '/a?x=1'",
    ),
    (
        lambda f: f.reply("GET", "/a#x", 1),
        ValueError,
        "replies match by path alone; drop the fragment from '/a#x'",
    ),
    (lambda f: f.reply("GET", b"/a", 1), TypeError, "path must be a str, not bytes"),  # type: ignore[arg-type]  # the wrong type on purpose
    (
        lambda f: f.reply("GE T", "/a", 1),
        ValueError,
        "method must be an HTTP method such as 'GET', not 'GE T'",
    ),
    (
        lambda f: f.reply(7, "/a", 1),  # type: ignore[arg-type]  # the wrong type on purpose
        ValueError,
        "method must be an HTTP method such as 'GET', not 7",
    ),
    (
        lambda f: f.reply("GET", "/a", 1, times=0),
        ValueError,
        "times must be a positive int, not 0",
    ),
    (
        lambda f: f.reply("GET", "/a", 1, times=True),
        ValueError,
        "times must be a positive int, not True",
    ),
    (
        lambda f: f.reply("GET", "/a", 1, times=1.0),  # type: ignore[arg-type]  # the wrong type on purpose
        ValueError,
        "times must be a positive int, not 1.0",
    ),
    (
        lambda f: f.reply("GET", "/a", 1, times=2, repeat=True),
        ValueError,
        "give times= or repeat=True, not both",
    ),
    (
        lambda f: f.reply("GET", "/a", 1, status_code=404),
        ValueError,
        "a payload needs a 2xx status, not 404",
    ),
    (
        lambda f: f.reply("GET", "/a", status_code=204),
        ValueError,
        "HTTP 204 carries no body, so no envelope: use raw() for a bodiless reply",
    ),
    (
        lambda f: f.fail("GET", "/a", 102, status_code=304),
        ValueError,
        "HTTP 304 carries no body, so no envelope: use raw() for a bodiless reply",
    ),
    (
        lambda f: f.fail("GET", "/a", 102, status_code=205),
        ValueError,
        "HTTP 205 carries no body, so no envelope: use raw() for a bodiless reply",
    ),
    (
        lambda f: f.fail("GET", "/a", 102, status_code=199),
        ValueError,
        "HTTP 199 carries no body, so no envelope: use raw() for a bodiless reply",
    ),
    (
        lambda f: f.fail("GET", "/a", 126, version="5.4.5"),
        ValueError,
        "TooMuchData (126) first appeared in 5.4.8.0, after 5.4.6.0, so it has no legacy number",
    ),
    (lambda f: f.raw("GET", "/a", b"x", 204), ValueError, "HTTP 204 carries no body"),
    (lambda f: f.raw("GET", "/a", b"x", 304), ValueError, "HTTP 304 carries no body"),
    (
        lambda f: f.raw("GET", "/a", b"x", 199),
        ValueError,
        "status must be an HTTP status from 200 to 599, not 199",
    ),
    (
        lambda f: f.raw("GET", "/a", b"x", 600),
        ValueError,
        "status must be an HTTP status from 200 to 599, not 600",
    ),
    (
        lambda f: f.raw("GET", "/a", b"x", "200"),  # type: ignore[arg-type]  # the wrong type on purpose
        ValueError,
        "status must be an HTTP status from 200 to 599, not '200'",
    ),
    (lambda f: f.raw("GET", "/a", 1, 200), TypeError, "body must be bytes or str, not int"),  # type: ignore[arg-type]  # the wrong type on purpose
]


@pytest.mark.parametrize(("call", "error", "message"), BAD_SCRIPTS)
def test_bad_scripts_fail_where_they_are_written(
    call: Callable[[FakeCcaWebApi], object], error: type[Exception], message: str
) -> None:
    fake = FakeCcaWebApi()
    with pytest.raises(error) as caught:
        call(fake)
    assert str(caught.value) == message
    fake.raw("GET", "/ok", "")  # the fake still works, and holds only what was added after
    with pytest.raises(AssertionError, match=r"still scripted: GET /ok \(1 left\)$"):
        fake.assert_all_used()


def test_bodiless_statuses_pass_when_the_body_is_empty(fake: FakeCcaWebApi) -> None:
    fake.raw("GET", "/a", "", 205)
    fake.raw("GET", "/a", b"", 200)
    fake.raw("GET", "/a", b"x", 599)
    fake.raw("GET", "/a", "x")  # 200 unless told
    assert [via_httpx(fake, "GET", "/a", None, {})[::2] for _ in range(4)] == [
        (205, b""),
        (200, b""),
        (599, b"x"),
        (200, b"x"),
    ]


def test_the_server_is_one_per_fake_and_stops_on_close() -> None:
    import threading

    fake = FakeCcaWebApi()
    fake.close()  # nothing to stop yet
    base = fake.serve()
    # A daemon thread: a test that forgets close() does not keep Python from exiting.
    (serving,) = [t for t in threading.enumerate() if t.name == "FakeCcaWebApi"]
    assert serving.daemon
    assert base.startswith("http://127.0.0.1:")
    assert fake.serve() == base
    fake.reply("GET", "/a", 1)
    assert requests.get(base + "/a", timeout=5).status_code == 200
    fake.close()
    with pytest.raises(requests.ConnectionError):
        requests.get(base + "/a", timeout=5)
    assert fake.serve() != base  # a new server, on a new free port
    fake.close()
    assert [t for t in threading.enumerate() if t.name == "FakeCcaWebApi"] == []


def test_the_context_manager_stops_the_server() -> None:
    with FakeCcaWebApi() as fake:
        base = fake.serve()
    with pytest.raises(requests.ConnectionError):
        requests.get(base + "/a", timeout=5)


def test_the_server_reads_a_chunked_free_body_and_keeps_headers(fake: FakeCcaWebApi) -> None:
    fake.reply("PUT", "/a", 1)
    requests.put(fake.serve() + "/a", json={"k": "v"}, headers={"X-Trace": "t"}, timeout=5)
    (call,) = fake.calls
    assert call.json() == {"k": "v"}
    assert call.headers["x-trace"] == "t"
    assert call.url == f"{fake.serve()}/a"


def test_requests_bodies_of_every_kind_are_recorded(fake: FakeCcaWebApi, tmp_path: Path) -> None:
    fake.reply("POST", "/a", 1, repeat=True)
    upload = tmp_path / "body"
    upload.write_bytes(b"from a file")
    with requests.Session() as session, upload.open("rb") as file:
        session.mount("http://", fake.requests_adapter())
        session.post("http://h/a", data="text é", timeout=5)
        session.post("http://h/a", data=file, timeout=5)
        session.post("http://h/a", data=iter([b"chunk ", b"two"]), timeout=5)
        session.post("http://h/a", timeout=5)
    assert [call.body for call in fake.calls] == [
        "text é".encode(),
        b"from a file",
        b"chunk two",
        b"",
    ]


def test_headers_are_read_in_any_case_and_repeats_join() -> None:
    headers = Headers([("Set-Cookie", "a=1"), ("X-One", "1"), ("set-cookie", "b=2")])
    assert headers["SET-COOKIE"] == "a=1, b=2"
    assert list(headers) == ["Set-Cookie", "X-One"]
    assert len(headers) == 2
    assert headers.get("x-one") == "1"
    assert headers.get("missing") is None
    assert repr(headers) == "Headers({'Set-Cookie': 'a=1, b=2', 'X-One': '1'})"


def test_a_recorded_call_says_what_it_was() -> None:
    call = RecordedCall("GET", "http://h/a/b?c=1", Headers([]), b"[1]", 200)
    assert repr(call) == "<RecordedCall GET http://h/a/b?c=1 -> 200>"
    assert (call.path, call.json()) == ("/a/b", [1])
    assert RecordedCall("GET", "http://h", Headers([]), b"", 501).path == "/"


def test_requests_and_httpx_load_only_with_their_form() -> None:
    code = textwrap.dedent(
        """
        import sys
        from cca_result_codes.testing.fake import FakeCcaWebApi
        fake = FakeCcaWebApi()
        fake.reply("GET", "/a", 1)
        print(sorted(m for m in ("requests", "httpx") if m in sys.modules))
        fake.httpx_transport()
        print(sorted(m for m in ("requests", "httpx") if m in sys.modules))
        fake.requests_adapter()
        print(sorted(m for m in ("requests", "httpx") if m in sys.modules))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n['httpx']\n['httpx', 'requests']\n"


def test_one_transport_serves_both_httpx_clients(fake: FakeCcaWebApi) -> None:
    transport = fake.httpx_transport()
    assert isinstance(transport, httpx.BaseTransport)
    assert isinstance(transport, httpx.AsyncBaseTransport)
    fake.reply("GET", "/a", 1, repeat=True)
    with httpx.Client(transport=transport) as client:
        assert client.get("http://h/a").status_code == 200

    async def send() -> int:
        async with httpx.AsyncClient(transport=transport) as client:
            return (await client.get("http://h/a")).status_code

    assert asyncio.run(send()) == 200


def test_the_adapter_is_a_requests_adapter(fake: FakeCcaWebApi) -> None:
    adapter = fake.requests_adapter()
    assert isinstance(adapter, requests.adapters.HTTPAdapter)
    fake.reply("GET", "/a", 1)
    with requests.Session() as session:
        session.mount("https://", adapter)
        response = session.get("https://cca.example/a", timeout=5)
    assert response.connection is adapter  # pyright: ignore[reportAttributeAccessIssue] -- requests sets it
    assert response.json()["Response"] == 1


def test_the_fixture_is_a_fresh_fake(cca_webapi: FakeCcaWebApi) -> None:
    assert isinstance(cca_webapi, FakeCcaWebApi)
    assert cca_webapi.calls == []
    cca_webapi.reply("GET", "/a", 1)
    assert requests.get(cca_webapi.serve() + "/a", timeout=5).status_code == 200


PLUGIN_TESTS = """
import requests

def test_uses_the_fixture(cca_webapi):
    cca_webapi.reply("GET", "/agents", [1])
    base = cca_webapi.serve()
    assert requests.get(base + "/agents", timeout=5).json()["Response"] == [1]
    cca_webapi.assert_all_used()

def test_an_unmatched_request_fails_at_teardown(cca_webapi):
    cca_webapi.reply("GET", "/agents", [1])
    assert requests.get(cca_webapi.serve() + "/lists", timeout=5).status_code == 501
"""


@pytest.mark.slow  # a whole pytest run in a subprocess
def test_the_fixture_comes_from_the_pytest11_entry_point(tmp_path: Path) -> None:
    # A user's project: no conftest, the plugin found through the installed entry point.
    (tmp_path / "test_user.py").write_text(PLUGIN_TESTS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "2 passed, 1 error" in result.stdout, result.stdout
    assert "ERROR at teardown of test_an_unmatched_request_fails_at_teardown" in result.stdout
    assert "no reply scripted for GET /lists; still scripted: GET /agents (1 left)" in result.stdout


def test_the_entry_point_names_the_plugin() -> None:
    from importlib.metadata import entry_points

    (found,) = [
        point for point in entry_points(group="pytest11") if point.name == "cca_result_codes"
    ]
    assert found.value == "cca_result_codes.testing._pytest_plugin"


def test_recorded_calls_pickle() -> None:
    headers = Headers([("A", "1")])
    assert dict(pickle.loads(pickle.dumps(headers))) == {"A": "1"}


def test_the_testing_package_names_the_fake() -> None:
    from cca_result_codes import testing

    assert testing.FakeCcaWebApi is FakeCcaWebApi
    assert testing.RecordedCall is RecordedCall
    with pytest.raises(
        AttributeError, match=r"^module 'cca_result_codes\.testing' has no attribute 'Fake'$"
    ):
        testing.Fake  # noqa: B018 -- the access is the test


def test_the_server_looks_for_shutdown_every_20_ms(monkeypatch: pytest.MonkeyPatch) -> None:
    # So that closing the fake, at every test's teardown, waits 20 ms at most, not half a second.
    from http.server import ThreadingHTTPServer

    intervals: list[float] = []
    serve_forever = ThreadingHTTPServer.serve_forever

    def recording(self: ThreadingHTTPServer, poll_interval: float = 0.5) -> None:
        intervals.append(poll_interval)
        serve_forever(self, poll_interval)

    monkeypatch.setattr(ThreadingHTTPServer, "serve_forever", recording)
    with FakeCcaWebApi() as fake:
        fake.serve()
    assert intervals == [0.02]
