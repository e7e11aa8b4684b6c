"""from_response() on real requests, httpx and urllib responses from a local server."""

from __future__ import annotations

import asyncio
import gc
import http.client
import json
import pickle
import sys
import urllib.error
import urllib.request
import weakref
from collections.abc import Callable, Iterator
from typing import ClassVar

import httpx
import pytest
import requests
import urllib3

import readers
from cca_result_codes import (
    ApiResponse,
    EnvelopeError,
    GeneralError,
    ResultCode,
    ServerVersion,
    from_response,
)
from cca_result_codes.envelope import MAX_BODY
from local_server import serve_routes
from raw_server import Route, corrupt_gzip, cut_short, endless, fixed, serve_raw
from vendor_table import SPEC_DIR

EXAMPLE = (SPEC_DIR / "envelope-example.json").read_bytes()

# Every test runs twice: requests responses through their short path, then through the general.
each_requests_path = readers.each_requests_path


def _envelope(status: int, response: object, version: str = "5.4.6.1") -> bytes:
    return json.dumps(
        {
            "Request": {"Method": "GET", "Url": "http://127.0.0.1/CcaWebApi/x"},
            "Version": version,
            "StatusCode": status,
            "Response": response,
        }
    ).encode()


# path: (HTTP status, body)
ROUTES: dict[str, tuple[int, bytes]] = {
    "/error": (401, EXAMPLE),
    "/agents": (200, _envelope(200, [{"Id": 1, "Name": "Ann"}])),
    "/legacy": (401, _envelope(401, {"ResultCode": 712, "Error": ""}, version="5.4.5")),
    "/bom": (200, b"\xef\xbb\xbf" + _envelope(200, {"Ok": True})),
    "/no-status": (503, b'{"Response": {"ResultCode": 10001, "Error": "warming up"}}'),
    "/mismatch": (200, _envelope(409, {"ResultCode": 502, "Error": ""})),
    "/html": (500, b"<html><body>Internal Server Error</body></html>"),
    "/latin1": (200, b'{"StatusCode": 200, "Response": "caf\xe9"}'),
    "/old-no-version": (401, _envelope(401, {"ResultCode": 712, "Error": ""}, version="")),
}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve_routes(ROUTES, "application/json; charset=utf-8") as url:
        yield url


def _with_requests(url: str) -> object:
    return requests.get(url, timeout=10)


def _with_httpx(url: str) -> object:
    return httpx.get(url, timeout=10)


def _with_urllib(url: str) -> object:
    try:
        return urllib.request.urlopen(url, timeout=10)
    except (
        urllib.error.HTTPError
    ) as error:  # urllib raises for 4xx and 5xx; the error is the response
        return error


def _parse_with(
    fetch: Callable[[str], object], url: str, server_version: str | None = None
) -> ApiResponse:
    response = fetch(url)
    try:
        return from_response(response, server_version=server_version)
    finally:
        close = getattr(response, "close", None)
        if callable(close):
            close()


CLIENTS = pytest.mark.parametrize(
    "fetch", [_with_requests, _with_httpx, _with_urllib], ids=["requests", "httpx", "urllib"]
)


@CLIENTS
def test_error_envelope(fetch: Callable[[str], object], base_url: str) -> None:
    reply = _parse_with(fetch, base_url + "/error")
    assert reply.status_code == 401
    assert reply.result_code is ResultCode.UnknownToken
    assert reply.version == ServerVersion(5, 4, 6, 1)
    with pytest.raises(GeneralError, match=r"^401 UnknownToken \(102\): Unknown token \[GET "):
        reply.raise_for_result()


@CLIENTS
def test_success_envelope(fetch: Callable[[str], object], base_url: str) -> None:
    reply = _parse_with(fetch, base_url + "/agents")
    assert reply.ok
    assert reply.raise_for_result() == [{"Id": 1, "Name": "Ann"}]


@CLIENTS
def test_legacy_envelope(fetch: Callable[[str], object], base_url: str) -> None:
    reply = _parse_with(fetch, base_url + "/legacy")
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound
    assert reply.raw_code == 712


@CLIENTS
def test_caller_version_applies_to_http_responses(
    fetch: Callable[[str], object], base_url: str
) -> None:
    reply = _parse_with(fetch, base_url + "/old-no-version", server_version="5.4.5")
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound
    assert (
        _parse_with(fetch, base_url + "/old-no-version").result_code is ResultCode.ListenInTapiError
    )


@CLIENTS
def test_bom(fetch: Callable[[str], object], base_url: str) -> None:
    assert _parse_with(fetch, base_url + "/bom").payload == {"Ok": True}


@CLIENTS
def test_transport_status_fills_in_a_missing_status_code(
    fetch: Callable[[str], object], base_url: str
) -> None:
    reply = _parse_with(fetch, base_url + "/no-status")
    assert reply.status_code == 503
    assert reply.result_code is ResultCode.CacheLoading
    assert reply.result_code.retryable


@CLIENTS
def test_envelope_status_wins_over_the_transport(
    fetch: Callable[[str], object], base_url: str
) -> None:
    reply = _parse_with(fetch, base_url + "/mismatch")
    assert reply.status_code == 409
    assert reply.result_code is ResultCode.AlreadyLocked


@CLIENTS
def test_html_error_page_is_an_envelope_error_that_keeps_status_and_body(
    fetch: Callable[[str], object], base_url: str
) -> None:
    with pytest.raises(
        EnvelopeError, match=r"^HTTP 500 response is not a CcaWebApi envelope: "
    ) as caught:
        _parse_with(fetch, base_url + "/html")
    assert caught.value.status_code == 500
    assert caught.value.excerpt == "<html><body>Internal Server Error</body></html>"


@CLIENTS
def test_non_utf8_body(fetch: Callable[[str], object], base_url: str) -> None:
    with pytest.raises(EnvelopeError, match="not UTF-8") as caught:
        _parse_with(fetch, base_url + "/latin1")
    assert caught.value.status_code == 200
    assert "caf" in caught.value.excerpt


def test_unread_httpx_stream_is_read(base_url: str) -> None:
    with httpx.stream("GET", base_url + "/error", timeout=10) as response:
        reply = from_response(response)
    assert reply.result_code is ResultCode.UnknownToken


def test_a_consumed_stream_is_an_envelope_error(base_url: str) -> None:
    response = requests.get(base_url + "/error", timeout=10, stream=True)
    for _ in response.iter_content(16):
        pass
    with pytest.raises(
        EnvelopeError, match=r"^could not read the HTTP 401 response body: RuntimeError: "
    ) as caught:
        from_response(response)
    assert caught.value.status_code == 401


# --- over a raw server: bodies too long, cut short or corrupt; empty bodies; headers

FAILURE = _envelope(401, {"ResultCode": 102, "Error": ""})
HTML = b"<html><body>502 Bad Gateway</body></html>"
RAW_ROUTES: dict[str, Route] = {
    "/endless-502": endless(502, [("X-Request-Id", "r-1")]),
    "/failure": fixed(401, FAILURE, [("X-Request-Id", "r-2")]),
    "/cut-short": cut_short(401),
    "/corrupt-gzip": corrupt_gzip(401),
    "/no-content": fixed(204, b""),
    "/reset-content": fixed(205, b""),
    "/empty-200": fixed(200, b""),
    "/empty-502": fixed(502, b"", content_type=None),
    "/repeated": fixed(
        401, FAILURE, [("Via", "1.1 proxy-a"), ("via", "1.1 proxy-b"), ("Retry-After", "7")]
    ),
    "/html": fixed(502, HTML, [("Retry-After", "30")], "text/html"),
}


@pytest.fixture(scope="module")
def raw_url() -> Iterator[str]:
    with serve_raw(RAW_ROUTES) as url:
        yield url


@pytest.fixture(scope="module")
def httpx_client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as client:
        yield client


@pytest.fixture(scope="module")
def pool() -> Iterator[urllib3.PoolManager]:
    with urllib3.PoolManager(timeout=10, retries=False) as manager:
        yield manager


Open = Callable[[str, str], object]


@pytest.fixture(params=["requests", "requests-stream", "httpx-stream", "urllib", "urllib3"])
def opener(
    request: pytest.FixtureRequest, httpx_client: httpx.Client, pool: urllib3.PoolManager
) -> Open:
    """Opens a URL with one client, leaving the body unread where the client can."""
    kind: str = request.param

    def open_(url: str, method: str = "GET") -> object:
        if kind == "requests":
            return requests.request(method, url, timeout=10)
        if kind == "requests-stream":
            return requests.request(method, url, timeout=10, stream=True)
        if kind == "httpx-stream":
            return httpx_client.send(httpx_client.build_request(method, url), stream=True)
        if kind == "urllib3":
            return pool.request(method, url, preload_content=False)
        try:
            return urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10)
        except urllib.error.HTTPError as error:
            return error

    return open_


def _streaming(opener: Open, request: pytest.FixtureRequest) -> None:
    """Skip the clients that read the whole body before anyone else can (endless bodies)."""
    if request.node.callspec.params["opener"] == "requests":
        pytest.skip("requests reads the whole body unless asked to stream")


def _close(response: object) -> None:
    close = getattr(response, "close", None)
    if callable(close):
        close()


def test_an_endless_body_is_refused_past_max_body(
    opener: Open, raw_url: str, request: pytest.FixtureRequest
) -> None:
    _streaming(opener, request)
    response = opener(raw_url + "/endless-502", "GET")
    try:
        with pytest.raises(EnvelopeError) as caught:
            from_response(response, max_body=100_000)
    finally:
        _close(response)
    assert str(caught.value) == (
        "the HTTP 502 response body is larger than 100000 bytes, the most this reads"
        " (see max_body=); the rest of it was not read"
    )
    assert caught.value.status_code == 502
    assert caught.value.headers is not None
    assert caught.value.headers["x-request-id"] == "r-1"


def test_a_body_refused_part_way_closes_its_response(
    raw_url: str, httpx_client: httpx.Client
) -> None:
    response = requests.get(raw_url + "/endless-502", timeout=10, stream=True)
    with pytest.raises(EnvelopeError):
        from_response(response, max_body=10)
    assert response.raw.closed
    streamed = httpx_client.send(
        httpx_client.build_request("GET", raw_url + "/endless-502"), stream=True
    )
    with pytest.raises(EnvelopeError):
        from_response(streamed, max_body=10)
    assert streamed.is_closed
    with pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(raw_url + "/endless-502", timeout=10)
    with pytest.raises(EnvelopeError):
        from_response(failed.value, max_body=10)
    assert failed.value.fp.closed


def test_a_refused_body_names_a_status_that_is_not_http(raw_url: str) -> None:
    # A client can be given any status_code; the message then says what it was.
    with requests.get(raw_url + "/endless-502", timeout=10, stream=True) as response:
        response.status_code = 1000
        with pytest.raises(EnvelopeError) as caught:
            from_response(response, max_body=10)
    assert str(caught.value) == (
        "the HTTP response (its status is the integer 1000, not an HTTP status) body is larger"
        " than 10 bytes, the most this reads (see max_body=); the rest of it was not read"
    )
    assert caught.value.status_code is None


def test_a_close_that_fails_changes_nothing() -> None:
    class Endless:
        status = 502

        def readinto(self, buffer: bytearray) -> int:
            raise NotImplementedError

        def read(self, size: int) -> bytes:
            return b" " * size

        def close(self) -> None:
            raise OSError("already closed")

    with pytest.raises(EnvelopeError, match="larger than 100 bytes"):
        from_response(Endless(), max_body=100)


def test_the_default_limit_is_32_mib(raw_url: str) -> None:
    assert MAX_BODY == 32 * 1024 * 1024
    response = requests.get(raw_url + "/endless-502", timeout=10, stream=True)
    with response, pytest.raises(EnvelopeError, match=r"larger than 33554432 bytes"):
        from_response(response)


def test_a_body_of_exactly_max_body_bytes_is_read(opener: Open, raw_url: str) -> None:
    response = opener(raw_url + "/failure", "GET")
    try:
        reply = from_response(response, max_body=len(FAILURE))
    finally:
        _close(response)
    assert reply.result_code is ResultCode.UnknownToken


def test_one_byte_more_than_max_body_is_refused(opener: Open, raw_url: str) -> None:
    response = opener(raw_url + "/failure", "GET")
    try:
        with pytest.raises(EnvelopeError) as caught:
            from_response(response, max_body=len(FAILURE) - 1)
    finally:
        _close(response)
    assert str(caught.value) == (
        f"the HTTP 401 response body is larger than {len(FAILURE) - 1} bytes, the most this"
        " reads (see max_body=); the rest of it was not read"
    )
    assert caught.value.status_code == 401
    assert caught.value.headers is not None
    assert caught.value.headers["x-request-id"] == "r-2"


def test_no_limit_reads_any_length(opener: Open, raw_url: str) -> None:
    response = opener(raw_url + "/failure", "GET")
    try:
        assert from_response(response, max_body=None).raw_code == 102
    finally:
        _close(response)


@pytest.mark.parametrize(
    ("max_body", "error", "message"),
    [
        (-1, ValueError, "max_body must be 0 or more, not -1"),
        (True, TypeError, "max_body must be an int or None, not bool"),
        ("5", TypeError, "max_body must be an int or None, not str"),
        (5.0, TypeError, "max_body must be an int or None, not float"),
    ],
)
def test_a_bad_max_body_is_the_callers_error(
    max_body: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        from_response(FAILURE, max_body=max_body)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == message


def test_max_body_zero_reads_only_an_empty_body(raw_url: str) -> None:
    with requests.get(raw_url + "/no-content", timeout=10) as response:
        assert from_response(response, max_body=0).ok
    with (
        requests.get(raw_url + "/failure", timeout=10) as response,
        pytest.raises(EnvelopeError, match="larger than 0 bytes"),
    ):
        from_response(response, max_body=0)


def test_max_body_applies_to_responses_only() -> None:
    # Text is in memory already: the limit is for what a transport would send.
    assert from_response(FAILURE, max_body=1).raw_code == 102
    assert from_response(FAILURE.decode(), max_body=1).raw_code == 102


def test_what_is_read_is_kept_for_the_caller(raw_url: str, httpx_client: httpx.Client) -> None:
    with requests.get(raw_url + "/failure", timeout=10, stream=True) as response:
        assert from_response(response).raw_code == 102
        assert response.json()["Response"]["ResultCode"] == 102
    request = httpx_client.build_request("GET", raw_url + "/failure")
    streamed = httpx_client.send(request, stream=True)
    try:
        assert from_response(streamed).raw_code == 102
        assert streamed.json()["Response"]["ResultCode"] == 102
    finally:
        streamed.close()


# --- the transport's own failures pass unchanged

CUT_SHORT_ERRORS: dict[str, type[Exception]] = {
    "requests": requests.exceptions.ChunkedEncodingError,
    "requests-stream": requests.exceptions.ChunkedEncodingError,
    "httpx-stream": httpx.RemoteProtocolError,
    "urllib": http.client.IncompleteRead,
    "urllib3": urllib3.exceptions.ProtocolError,
}


def test_a_body_cut_short_raises_the_clients_own_error(
    opener: Open, raw_url: str, request: pytest.FixtureRequest
) -> None:
    expected = CUT_SHORT_ERRORS[request.node.callspec.params["opener"]]
    with pytest.raises(expected):  # noqa: PT012 -- requests raises while opening
        response = opener(raw_url + "/cut-short", "GET")
        try:
            from_response(response)
        finally:
            _close(response)


def test_a_corrupt_compressed_body_raises_the_clients_own_error(
    raw_url: str, httpx_client: httpx.Client
) -> None:
    with (
        requests.get(raw_url + "/corrupt-gzip", timeout=10, stream=True) as response,
        pytest.raises(requests.exceptions.ContentDecodingError),
    ):
        from_response(response)
    streamed = httpx_client.send(
        httpx_client.build_request("GET", raw_url + "/corrupt-gzip"), stream=True
    )
    try:
        with pytest.raises(httpx.DecodingError):
            from_response(streamed)
    finally:
        streamed.close()


def test_a_failure_inside_a_transport_is_not_taken_for_one() -> None:
    class Fails:
        status = 502

        def read(self) -> bytes:
            raise LookupError("not the transport")

    with pytest.raises(EnvelopeError) as caught:
        from_response(Fails())
    assert str(caught.value) == (
        "could not read the HTTP 502 response body: LookupError: not the transport"
    )
    assert isinstance(caught.value.__cause__, LookupError)


# --- no body


@pytest.mark.parametrize(
    ("path", "method", "status"),
    [
        ("/no-content", "GET", 204),
        ("/reset-content", "GET", 205),
        ("/empty-200", "GET", 200),
        ("/failure", "HEAD", 401),
    ],
)
def test_an_empty_2xx_is_a_success_with_nothing_in_it(
    opener: Open, raw_url: str, path: str, method: str, status: int
) -> None:
    if status == 401:  # a HEAD to a failing route: no body, and not a success
        response = opener(raw_url + path, method)
        try:
            with pytest.raises(EnvelopeError) as caught:
                from_response(response)
        finally:
            _close(response)
        assert str(caught.value) == (
            "HTTP 401 response has an empty body, not a CcaWebApi envelope"
        )
        assert caught.value.status_code == 401
        assert caught.value.headers is not None
        assert caught.value.headers["X-Request-Id"] == "r-2"
        return
    response = opener(raw_url + path, method)
    try:
        reply = from_response(response, server_version="5.4.5")
    finally:
        _close(response)
    assert reply.ok
    assert not reply.pending
    assert reply.raise_for_result() is None
    assert (reply.status_code, reply.result_code, reply.raw_code) == (
        status,
        ResultCode.Success,
        None,
    )
    assert (reply.version, reply.version_text, reply.request, reply.payload, reply.error) == (
        None,
        None,
        None,
        None,
        "",
    )
    assert reply.envelope == {}
    assert reply.headers is not None


def test_an_empty_failure_says_so(raw_url: str) -> None:
    with (
        requests.get(raw_url + "/empty-502", timeout=10) as response,
        pytest.raises(EnvelopeError) as caught,
    ):
        from_response(response)
    assert str(caught.value) == "HTTP 502 response has an empty body, not a CcaWebApi envelope"
    assert (caught.value.status_code, caught.value.excerpt) == (502, "")


def test_an_empty_body_without_a_status_is_not_a_success() -> None:
    class Empty:
        content = b""

    with pytest.raises(EnvelopeError) as caught:
        from_response(Empty())
    assert str(caught.value) == "HTTP response has an empty body, not a CcaWebApi envelope"


# --- headers


def test_headers_are_a_case_insensitive_snapshot(opener: Open, raw_url: str) -> None:
    response = opener(raw_url + "/repeated", "GET")
    try:
        reply = from_response(response)
    finally:
        _close(response)
    headers = reply.headers
    assert headers is not None
    assert headers["VIA"] == "1.1 proxy-a, 1.1 proxy-b"
    assert headers["retry-after"] == headers["Retry-After"] == "7"
    assert headers.get("x-absent") is None
    assert "content-type" in headers
    with pytest.raises(KeyError) as missing:
        headers[7]  # type: ignore[index]  # callers may pass anything
    assert missing.value.args == (7,)
    with pytest.raises(TypeError):
        headers["Via"] = "changed"  # type: ignore[index]  # read-only on purpose
    clone = pickle.loads(pickle.dumps(reply))
    assert clone == reply
    assert clone.headers == headers


def test_headers_keep_no_response_alive(raw_url: str, httpx_client: httpx.Client) -> None:
    fetches: list[Callable[[], requests.Response | httpx.Response]] = [
        lambda: requests.get(raw_url + "/repeated", timeout=10),
        lambda: httpx_client.get(raw_url + "/repeated"),
    ]
    for fetch in fetches:
        response = fetch()
        reply = from_response(response)
        alive = weakref.ref(response)
        response.headers["Via"] = "rewritten"  # a view would see this
        del response
        gc.collect()
        assert alive() is None
        assert reply.headers is not None
        assert reply.headers["via"] == "1.1 proxy-a, 1.1 proxy-b"


def test_headers_come_with_a_body_read_twice_for_repeated_keys() -> None:
    # A \\u escape could spell a key a second time, so such text is read again, noting repeats.
    class Response:
        status_code = 401
        content = FAILURE.replace(b'"Error": ""', b'"Error": "\\u00e9"')
        headers: ClassVar[dict[str, str]] = {"Retry-After": "30"}

    reply = from_response(Response())
    assert reply.error == "\u00e9"
    assert reply.headers == {"Retry-After": "30"}


def test_headers_are_none_without_a_response() -> None:
    assert from_response(FAILURE).headers is None
    assert from_response(FAILURE.decode()).headers is None
    assert from_response(json.loads(FAILURE)).headers is None


def test_an_envelope_error_from_a_response_carries_its_headers(opener: Open, raw_url: str) -> None:
    response = opener(raw_url + "/html", "GET")
    try:
        with pytest.raises(EnvelopeError) as caught:
            from_response(response)
    finally:
        _close(response)
    assert caught.value.headers is not None
    assert caught.value.headers["retry-after"] == "30"
    clone = pickle.loads(pickle.dumps(caught.value))
    assert clone.headers == {"Retry-After": "30", "Content-Type": "text/html"} | {
        key: value
        for key, value in caught.value.headers.items()
        if key.lower() not in ("retry-after", "content-type")
    }


def test_headers_that_cannot_be_read_count_as_absent() -> None:
    class BadHeaders:
        status_code = 401
        content = FAILURE

        @property
        def headers(self) -> object:
            raise RuntimeError("gone")

    class OddHeaders:
        status_code = 401
        content = FAILURE
        headers: ClassVar[dict[object, object]] = {"Via": "a", b"X": "b", "Y": 7, "Z": "ok"}

    assert from_response(BadHeaders()).headers is None
    assert from_response(OddHeaders()).headers == {"via": "a", "z": "ok"}


# --- the wrong reader


def test_an_unread_async_stream_names_afrom_response(raw_url: str) -> None:
    async def read() -> EnvelopeError:
        async with httpx.AsyncClient(timeout=10) as client:
            request = client.build_request("GET", raw_url + "/failure")
            response = await client.send(request, stream=True)
            try:
                with pytest.raises(EnvelopeError) as caught:
                    from_response(response)
            finally:
                await response.aclose()
            return caught.value

    error = asyncio.run(read())
    assert str(error) == (
        "the HTTP 401 response body is an unread async stream:"
        " read it with `await afrom_response(response)`"
    )
    assert error.status_code == 401
    assert error.headers is not None


def test_a_file_whose_read_fails_part_way_is_an_envelope_error() -> None:
    class Fails:
        status = 401

        def readinto(self, buffer: bytearray) -> int:
            raise NotImplementedError

        def read(self, size: int) -> bytes:
            raise KeyError("gone")

    with pytest.raises(EnvelopeError) as caught:
        from_response(Fails())
    assert str(caught.value) == "could not read the HTTP 401 response body: KeyError: 'gone'"
    assert isinstance(caught.value.__cause__, KeyError)


class _File:
    """A file-like response, as urllib's: read(size) gives the chunks in turn, then b""."""

    status = 401

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = list(chunks)
        self.sizes: list[int] = []

    def readinto(self, buffer: bytearray) -> int:
        raise NotImplementedError

    def read(self, size: int) -> bytes:
        self.sizes.append(size)
        return self.chunks.pop(0) if self.chunks else b""


def test_a_file_is_read_64_kib_at_a_time() -> None:
    response = _File(FAILURE[:10], FAILURE[10:])
    assert from_response(response).raw_code == 102
    assert response.sizes == [65536, 65536, 65536]


def test_the_limit_counts_every_chunk() -> None:
    with pytest.raises(EnvelopeError, match="larger than 100 bytes"):
        from_response(_File(b" " * 40, b" " * 40, b" " * 40), max_body=100)
    reply = from_response(_File(FAILURE[:40], FAILURE[40:]), max_body=len(FAILURE))
    assert reply.raw_code == 102


def test_a_body_read_at_once_is_held_to_the_limit_too() -> None:
    class Reads:
        status = 401

        def read(self) -> bytes:
            return FAILURE

    assert from_response(Reads(), max_body=len(FAILURE)).raw_code == 102
    with pytest.raises(EnvelopeError) as caught:
        from_response(Reads(), max_body=len(FAILURE) - 1)
    assert caught.value.status_code == 401


def test_a_plain_bytes_body_read_is_taken_as_it_is() -> None:
    from cca_result_codes._transport import read_body

    body = bytes(FAILURE)

    class Reads:
        def read(self) -> bytes:
            return body

    assert read_body(Reads(), 401, 401) is body
    assert read_body(_File(body), 401, 401) is body


@pytest.mark.parametrize("status", [199, 300, 404])
def test_an_empty_body_outside_2xx_is_not_a_success(status: int) -> None:
    class Empty:
        content = b""

    Empty.status_code = status  # type: ignore[attr-defined]  # set per case
    with pytest.raises(EnvelopeError) as caught:
        from_response(Empty())
    assert str(caught.value) == (
        f"HTTP {status} response has an empty body, not a CcaWebApi envelope"
    )


def test_transport_errors_are_known_without_the_clients_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cca_result_codes._transport import is_transport_error

    remote = httpx.RemoteProtocolError("cut")
    assert is_transport_error(remote) is True
    assert is_transport_error(http.client.IncompleteRead(b"")) is True
    assert is_transport_error(urllib3.exceptions.ProtocolError("cut")) is True
    for name in ("httpx", "http.client", "urllib3.exceptions"):
        monkeypatch.delitem(sys.modules, name)
    assert is_transport_error(remote) is False  # httpx unloaded: none of its errors was raised
    assert is_transport_error(ValueError("x")) is False
    assert is_transport_error(ConnectionResetError()) is True


def test_a_chunk_that_is_not_bytes_is_named() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(_File(b"{", "text"))  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == "the HTTP 401 response body is str, not bytes"
    assert caught.value.status_code == 401
