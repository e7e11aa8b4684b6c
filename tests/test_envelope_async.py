"""afrom_response() on real httpx.AsyncClient responses from a local server, streamed or not."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler

import httpx
import pytest
import requests

import readers
from cca_result_codes import (
    ApiResponse,
    EnvelopeError,
    GeneralError,
    ResultCode,
    ServerVersion,
    afrom_response,
    from_response,
)
from cca_result_codes.envelope import MAX_BODY
from local_server import serve_routes
from raw_server import Route, cut_short, endless, fixed, serve_raw
from vendor_table import SPEC_DIR

# Every test here runs once per reader: the short reader first, and the general reader alone.
each_reader = readers.each_reader

EXAMPLE = (SPEC_DIR / "envelope-example.json").read_bytes()
LEGACY = json.dumps(
    {"Version": "", "StatusCode": 409, "Response": {"ResultCode": 712, "Error": ""}}
).encode()

# path: (HTTP status, body)
ROUTES: dict[str, tuple[int, bytes]] = {
    "/error": (401, EXAMPLE),
    "/agents": (200, b'{"StatusCode": 200, "Response": [{"Id": 1}]}'),
    "/legacy": (409, LEGACY),
    "/html": (502, b"<html>Bad Gateway</html>"),
}


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve_routes(ROUTES) as url:
        yield url


async def _streamed(url: str, server_version: str | None = None) -> ApiResponse:
    async with httpx.AsyncClient(timeout=10) as client, client.stream("GET", url) as response:
        assert not hasattr(response, "_content")  # unread: afrom_response must read it
        return await afrom_response(response, server_version=server_version)


async def _plain(url: str) -> ApiResponse:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(url)
        return await afrom_response(response)


def _sans_headers(reply: ApiResponse) -> ApiResponse:
    """*reply* as read from its body alone: its headers came with the response."""
    assert reply.headers is not None
    assert reply.headers["content-type"] == "application/json"
    return ApiResponse(*reply._fields()[:-1])  # type: ignore[arg-type]  # pyright: ignore[reportPrivateUsage, reportArgumentType] -- the fields in order


def test_a_streamed_error_envelope_is_read(base_url: str) -> None:
    reply = asyncio.run(_streamed(base_url + "/error"))
    assert _sans_headers(reply) == from_response(EXAMPLE)


def test_a_plain_async_response_is_read(base_url: str) -> None:
    reply = asyncio.run(_plain(base_url + "/agents"))
    assert _sans_headers(reply) == from_response(ROUTES["/agents"][1])
    reply_streamed = asyncio.run(_streamed(base_url + "/agents"))
    assert _sans_headers(reply_streamed) == _sans_headers(reply)


def test_the_callers_version_applies(base_url: str) -> None:
    reply = asyncio.run(_streamed(base_url + "/legacy", server_version="5.4.5"))
    assert _sans_headers(reply) == from_response(LEGACY, server_version="5.4.5")
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound


def test_raise_for_result_on_a_streamed_response(base_url: str) -> None:
    reply = asyncio.run(_streamed(base_url + "/error"))
    with pytest.raises(GeneralError, match=r"^401 UnknownToken \(102\)"):
        reply.raise_for_result()


def test_a_streamed_html_page_is_an_envelope_error(base_url: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(_streamed(base_url + "/html"))
    assert str(caught.value).startswith("HTTP 502 response is not a CcaWebApi envelope: ")
    assert caught.value.status_code == 502
    assert caught.value.excerpt == "<html>Bad Gateway</html>"


@pytest.mark.parametrize(
    "source",
    [EXAMPLE, EXAMPLE.decode(), bytearray(EXAMPLE), json.loads(EXAMPLE)],
    ids=["bytes", "str", "bytearray", "dict"],
)
def test_other_sources_are_read_as_from_response_reads_them(source: object) -> None:
    reply = asyncio.run(afrom_response(source, server_version=ServerVersion(5, 4, 5)))
    assert reply == from_response(source, server_version=ServerVersion(5, 4, 5))


@pytest.mark.parametrize(
    "source", [LEGACY, LEGACY.decode(), json.loads(LEGACY)], ids=["bytes", "str", "dict"]
)
def test_the_callers_version_applies_to_other_sources(source: object) -> None:
    reply = asyncio.run(afrom_response(source, server_version="5.4.5"))
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound
    assert reply.version == ServerVersion(5, 4, 5)


def test_a_bad_server_version_names_the_argument() -> None:
    with pytest.raises(TypeError) as caught:
        asyncio.run(afrom_response(_Unread(), server_version=5.4))  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == "server_version must be a ServerVersion or str, not float"


def test_an_unread_response_takes_the_callers_version() -> None:
    unread = _Unread(LEGACY)
    reply = asyncio.run(afrom_response(unread, server_version="5.4.5"))
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound


class _Unread:
    """An unread async response: content raises until aread() has run."""

    status_code = 401

    def __init__(self, aread_result: object = EXAMPLE) -> None:
        self._result = aread_result

    @property
    def content(self) -> bytes:
        raise RuntimeError("not read")

    async def aread(self) -> object:
        return self._result


def test_an_unread_response_is_awaited() -> None:
    assert asyncio.run(afrom_response(_Unread())) == from_response(EXAMPLE)


def test_aread_that_returns_text_is_an_envelope_error() -> None:
    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(_Unread(EXAMPLE.decode())))
    assert str(caught.value) == "the HTTP 401 response body is str, not bytes"
    assert caught.value.status_code == 401


def test_aread_that_fails_is_an_envelope_error() -> None:
    class Fails(_Unread):
        async def aread(self) -> object:
            raise KeyError("reset")

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(Fails()))
    assert str(caught.value) == "could not read the HTTP 401 response body: KeyError: 'reset'"
    assert caught.value.status_code == 401
    assert isinstance(caught.value.__cause__, KeyError)


def test_aread_that_fails_in_the_transport_raises_its_own_error() -> None:
    class Fails(_Unread):
        async def aread(self) -> object:
            raise ConnectionResetError("reset")

    with pytest.raises(ConnectionResetError, match=r"^reset$"):
        asyncio.run(afrom_response(Fails()))


def test_aread_that_is_not_a_coroutine_is_an_envelope_error() -> None:
    class NotAsync(_Unread):
        def aread(self) -> object:  # type: ignore[override]  # wrong on purpose
            return EXAMPLE

    with pytest.raises(
        EnvelopeError, match=r"^could not read the HTTP 401 response body: TypeError"
    ):
        asyncio.run(afrom_response(NotAsync()))


def test_an_unread_response_without_aread_is_an_envelope_error() -> None:
    class NoAread:
        status = 503

        @property
        def content(self) -> bytes:
            raise RuntimeError("not read")

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(NoAread()))
    assert str(caught.value) == "could not read the HTTP 503 response body: RuntimeError: not read"
    assert caught.value.status_code == 503


def test_a_sync_response_object_is_read_by_its_read_method() -> None:
    class Sync:
        status = 401

        def read(self) -> bytes:
            return EXAMPLE

    assert asyncio.run(afrom_response(Sync())) == from_response(EXAMPLE)

    class SyncText:
        status = 401

        def read(self) -> str:
            return EXAMPLE.decode()

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(SyncText()))
    assert (str(caught.value), caught.value.status_code) == (
        "the HTTP 401 response body is str, not bytes",
        401,
    )


def test_an_invalid_status_is_described_in_async_messages() -> None:
    class Odd(_Unread):
        status_code = 999

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(Odd(b'{"Response": 1}')))
    assert str(caught.value) == (
        "HTTP response (its status is the integer 999, not an HTTP status) is not a CcaWebApi"
        " envelope: the envelope has no StatusCode"
    )
    assert caught.value.status_code is None


def test_hostile_response_objects_give_envelope_errors() -> None:
    class Hostile:
        status_code = 401

        @property
        def content(self) -> bytes:
            raise RuntimeError("not read")

        def __getattr__(self, name: str) -> object:
            raise KeyError(name)

    class BadBody:
        status_code = 401

        @property
        def content(self) -> object:
            return memoryview(b"{}")

        def __getattr__(self, name: str) -> object:
            raise KeyError(name)

    with pytest.raises(EnvelopeError, match="RuntimeError: not read"):
        asyncio.run(afrom_response(Hostile()))
    with pytest.raises(EnvelopeError, match=r"^expected a dict, JSON text or an HTTP response"):
        asyncio.run(afrom_response(BadBody()))


def _no_class(_: object) -> type:
    raise RuntimeError("__class__")


class _LyingContent:
    __class__ = property(_no_class)  # pyright: ignore[reportIncompatibleMethodOverride] -- hostile on purpose


def test_a_body_whose_class_raises_is_never_asked_and_not_read() -> None:
    class Sends:
        status_code = 401
        content = _LyingContent()

    expected = "expected a dict, JSON text or an HTTP response, not Sends"
    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(Sends()))
    assert str(caught.value) == expected
    with pytest.raises(EnvelopeError) as caught:
        from_response(Sends())
    assert str(caught.value) == expected


def test_an_unexpected_failure_inside_is_still_an_envelope_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cca_result_codes import envelope as envelope_module

    def fails(_: object) -> tuple[int | None, object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(envelope_module, "read_status", fails)

    class Sends:
        status_code = 401
        content = EXAMPLE

    failures: list[EnvelopeError] = []
    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(Sends()))
    failures.append(caught.value)
    with pytest.raises(EnvelopeError) as caught:
        from_response(Sends())
    failures.append(caught.value)
    for failure in failures:
        assert str(failure) == (
            "could not read the input as an envelope: RuntimeError raised while reading it"
        )
        assert isinstance(failure.__cause__, RuntimeError)


def test_a_response_with_a_sync_stream_is_read_as_from_response_reads_it() -> None:
    # httpx refuses aread() on a sync stream; read() reads it.
    body = b'{"Response": {"ResultCode": 102, "Error": ""}}'
    reply = asyncio.run(afrom_response(httpx.Response(401, content=iter([body]))))
    assert (reply.status_code, reply.result_code) == (401, ResultCode.UnknownToken)


def test_a_sync_stream_that_cannot_be_read_names_the_response() -> None:
    class SyncStreamThatFails(_Unread):
        async def aread(self) -> object:
            raise RuntimeError("Attempted to call an async iterator on a sync stream.")

        def read(self) -> bytes:
            raise KeyError("reset")

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(SyncStreamThatFails()))
    assert str(caught.value) == "could not read the HTTP 401 response body: KeyError: 'reset'"
    assert caught.value.status_code == 401


class _NoStatusReadFails:
    def read(self) -> bytes:
        raise KeyError("reset")


class _NoStatusReadsText:
    def read(self) -> str:
        return EXAMPLE.decode()


class _NoStatusUnread:
    @property
    def content(self) -> bytes:
        raise RuntimeError("not read")


class _NoStatusAreadFails(_NoStatusUnread):
    async def aread(self) -> bytes:
        raise KeyError("reset")


class _NoStatusAreadsText(_NoStatusUnread):
    async def aread(self) -> str:
        return EXAMPLE.decode()


class _NoStatusSyncStream(_NoStatusUnread):
    """As httpx's response over a sync stream: aread() refuses, read() is the way."""

    async def aread(self) -> bytes:
        raise RuntimeError("Attempted to call an async iterator on a sync stream.")

    def read(self) -> bytes:
        raise KeyError("reset")


@pytest.mark.parametrize(
    ("response", "message", "reads"),
    [
        (_NoStatusReadFails(), "could not read the HTTP response body: KeyError: 'reset'", "both"),
        (_NoStatusReadsText(), "the HTTP response body is str, not bytes", "both"),
        (
            _NoStatusUnread(),
            "could not read the HTTP response body: RuntimeError: not read",
            "both",
        ),
        (
            _NoStatusAreadFails(),
            "could not read the HTTP response body: KeyError: 'reset'",
            "async",
        ),
        (_NoStatusAreadsText(), "the HTTP response body is str, not bytes", "async"),
        (
            _NoStatusSyncStream(),
            "could not read the HTTP response body: KeyError: 'reset'",
            "async",
        ),
    ],
    ids=["read-fails", "read-gives-text", "unread", "aread-fails", "aread-gives-text", "sync"],
)
def test_a_response_without_a_status_is_named_plainly_wherever_reading_fails(
    response: object, message: str, reads: str
) -> None:
    readers = [asyncio.run(_failure_of(response))]
    if reads == "both":
        with pytest.raises(EnvelopeError) as caught:
            from_response(response)
        readers.append(caught.value)
    for error in readers:
        assert (str(error), error.status_code) == (message, None)


async def _failure_of(response: object) -> EnvelopeError:
    with pytest.raises(EnvelopeError) as caught:
        await afrom_response(response)
    return caught.value


# --- over a raw server: limits, transport failures, empty bodies, headers


def _long_then_cut_short(handler: BaseHTTPRequestHandler) -> None:
    """64 KiB of a chunked 502 body, then a chunk cut off in the middle."""
    handler.send_response(502)
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    handler.wfile.write(b"10000\r\n" + b" " * 0x10000 + b"\r\n40\r\n   ")
    handler.wfile.flush()
    handler.close_connection = True


RAW_ROUTES: dict[str, Route] = {
    "/long-then-cut-short": _long_then_cut_short,
    "/endless": endless(502, [("X-Request-Id", "r-1")]),
    "/failure": fixed(401, EXAMPLE, [("Via", "a"), ("Via", "b")]),
    "/cut-short": cut_short(401),
    "/no-content": fixed(204, b""),
}


@pytest.fixture(scope="module")
def raw_url() -> Iterator[str]:
    with serve_raw(RAW_ROUTES) as url:
        yield url


async def _stream_and_read(url: str, max_body: int | None = MAX_BODY) -> ApiResponse:
    async with httpx.AsyncClient(timeout=10) as client, client.stream("GET", url) as response:
        return await afrom_response(response, max_body=max_body)


def test_an_endless_async_stream_is_refused_past_max_body(raw_url: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(_stream_and_read(raw_url + "/endless", max_body=70_000))
    assert str(caught.value) == (
        "the HTTP 502 response body is larger than 70000 bytes, the most this reads"
        " (see max_body=); the rest of it was not read"
    )
    assert caught.value.headers is not None
    assert caught.value.headers["x-request-id"] == "r-1"


def test_an_async_body_of_exactly_max_body_bytes_is_read(raw_url: str) -> None:
    reply = asyncio.run(_stream_and_read(raw_url + "/failure", max_body=len(EXAMPLE)))
    assert reply.result_code is ResultCode.UnknownToken
    assert reply.headers is not None
    assert reply.headers["via"] == "a, b"
    with pytest.raises(EnvelopeError, match=f"larger than {len(EXAMPLE) - 1} bytes"):
        asyncio.run(_stream_and_read(raw_url + "/failure", max_body=len(EXAMPLE) - 1))
    assert asyncio.run(_stream_and_read(raw_url + "/failure", max_body=None)).raw_code == 102


def test_an_async_body_cut_short_raises_httpx_own_error(raw_url: str) -> None:
    with pytest.raises(httpx.RemoteProtocolError):
        asyncio.run(_stream_and_read(raw_url + "/cut-short"))


def test_an_async_204_is_a_success_with_nothing_in_it(raw_url: str) -> None:
    reply = asyncio.run(_stream_and_read(raw_url + "/no-content"))
    assert (reply.ok, reply.status_code, reply.payload, reply.envelope) == (True, 204, None, {})


def test_what_afrom_response_reads_is_kept_for_the_caller(raw_url: str) -> None:
    async def read() -> object:
        async with (
            httpx.AsyncClient(timeout=10) as client,
            client.stream("GET", raw_url + "/failure") as response,
        ):
            await afrom_response(response)
            return response.json()

    assert asyncio.run(read()) == json.loads(EXAMPLE)


def test_afrom_response_reads_a_requests_stream_in_chunks(raw_url: str) -> None:
    with (
        requests.get(raw_url + "/endless", timeout=10, stream=True) as response,
        pytest.raises(EnvelopeError, match="larger than 10 bytes"),
    ):
        asyncio.run(afrom_response(response, max_body=10))
    with requests.get(raw_url + "/failure", timeout=10, stream=True) as response:
        assert asyncio.run(afrom_response(response)).raw_code == 102


def test_an_async_limit_is_checked_on_a_body_read_at_once() -> None:
    with pytest.raises(EnvelopeError, match="larger than 5 bytes"):
        asyncio.run(afrom_response(_Unread(), max_body=5))
    with pytest.raises(ValueError, match=r"^max_body must be 0 or more, not -2$"):
        asyncio.run(afrom_response(_Unread(), max_body=-2))
    with pytest.raises(ValueError, match=r"^max_body must be 0 or more, not -2$"):
        asyncio.run(afrom_response(EXAMPLE, max_body=-2))


def test_a_chunk_that_is_not_bytes_is_an_envelope_error() -> None:
    class TextChunks(_Unread):
        async def aiter_bytes(self) -> AsyncIterator[object]:
            yield "text"

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(TextChunks()))
    assert str(caught.value) == "the HTTP 401 response body is str, not bytes"


def test_a_failure_while_iterating_is_sorted_as_reading_is() -> None:
    class Fails(_Unread):
        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

        async def aiter_bytes(self) -> AsyncIterator[bytes]:
            yield b"{"
            raise self.error

    with pytest.raises(
        EnvelopeError, match=r"^could not read the HTTP 401 response body: KeyError"
    ):
        asyncio.run(afrom_response(Fails(KeyError("x"))))
    with pytest.raises(TimeoutError):
        asyncio.run(afrom_response(Fails(TimeoutError("slow"))))


def test_an_object_that_refuses_the_cache_is_still_read() -> None:
    class Slotted:
        __slots__ = ()
        status_code = 401

        @property
        def content(self) -> bytes:
            raise RuntimeError("not read")

        def iter_bytes(self) -> Iterator[bytes]:
            yield EXAMPLE

        async def aiter_bytes(self) -> AsyncIterator[bytes]:
            yield EXAMPLE

    assert from_response(Slotted()).raw_code == 102
    assert asyncio.run(afrom_response(Slotted())).raw_code == 102


def test_the_async_limit_counts_every_chunk() -> None:
    class Chunks(_Unread):
        def __init__(self, *chunks: bytes) -> None:
            super().__init__()
            self.chunks = chunks

        async def aiter_bytes(self) -> AsyncIterator[bytes]:
            for chunk in self.chunks:
                yield chunk

    with pytest.raises(EnvelopeError, match="larger than 100 bytes"):
        asyncio.run(afrom_response(Chunks(b" " * 40, b" " * 40, b" " * 40), max_body=100))
    parts = Chunks(EXAMPLE[:40], EXAMPLE[40:])
    assert asyncio.run(afrom_response(parts, max_body=len(EXAMPLE))).raw_code == 102


def test_a_body_awaited_at_once_is_held_to_the_limit_exactly() -> None:
    assert asyncio.run(afrom_response(_Unread(), max_body=len(EXAMPLE))).raw_code == 102
    with pytest.raises(EnvelopeError, match=f"larger than {len(EXAMPLE) - 1} bytes"):
        asyncio.run(afrom_response(_Unread(), max_body=len(EXAMPLE) - 1))


def test_the_sync_fallbacks_keep_the_limit_and_the_headers(raw_url: str) -> None:
    sync_stream = httpx.Response(401, content=iter([EXAMPLE]), headers={"X-Id": "s"})
    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(sync_stream, max_body=5))
    assert str(caught.value) == (
        "the HTTP 401 response body is larger than 5 bytes, the most this reads"
        " (see max_body=); the rest of it was not read"
    )
    assert caught.value.status_code == 401
    assert caught.value.headers == {"x-id": "s", "transfer-encoding": "chunked"}
    with (
        requests.get(raw_url + "/endless", timeout=10, stream=True) as response,
        pytest.raises(EnvelopeError) as failed,
    ):
        asyncio.run(afrom_response(response, max_body=10))
    assert str(failed.value) == (
        "the HTTP 502 response body is larger than 10 bytes, the most this reads"
        " (see max_body=); the rest of it was not read"
    )
    assert failed.value.status_code == 502
    assert failed.value.headers is not None
    assert failed.value.headers["x-request-id"] == "r-1"


def test_a_body_read_already_names_an_invalid_status_past_the_limit() -> None:
    class Odd:
        status_code = 999
        content = EXAMPLE

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(Odd(), max_body=10))
    assert str(caught.value) == (
        "the HTTP response (its status is the integer 999, not an HTTP status) body is larger"
        " than 10 bytes, the most this reads (see max_body=); the rest of it was not read"
    )
    assert caught.value.status_code is None


def test_an_unread_body_past_the_limit_names_an_invalid_status() -> None:
    class Odd(_Unread):
        status_code = 999

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(Odd(), max_body=5))
    assert str(caught.value) == (
        "the HTTP response (its status is the integer 999, not an HTTP status) body is larger"
        " than 5 bytes, the most this reads (see max_body=); the rest of it was not read"
    )
    assert caught.value.status_code is None


def test_an_unread_body_with_no_async_reader_names_what_its_content_raised() -> None:
    class NoReader:
        status_code = 401

        @property
        def content(self) -> bytes:
            raise LookupError("not read yet")

    with pytest.raises(EnvelopeError) as caught:
        asyncio.run(afrom_response(NoReader()))
    assert str(caught.value) == (
        "could not read the HTTP 401 response body: LookupError: not read yet"
    )
    assert isinstance(caught.value.__cause__, LookupError)


def test_an_unread_requests_body_stops_at_the_limit_in_async_code(raw_url: str) -> None:
    # Past the limit the body is cut short: reading it whole would raise requests' own error.
    with (
        requests.get(raw_url + "/long-then-cut-short", timeout=10, stream=True) as response,
        pytest.raises(EnvelopeError, match="larger than 10 bytes"),
    ):
        asyncio.run(afrom_response(response, max_body=10))
