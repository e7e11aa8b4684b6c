"""A real HTTP/1.1 server on 127.0.0.1 whose routes write what a plain server cannot.

Endless bodies, bodies cut short, corrupt gzip, repeated headers, and HEAD
and 204 answers: each route is a function that writes the whole response.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

from cca_result_codes.envelope import MAX_BODY
from local_server import serving

if TYPE_CHECKING:
    from collections.abc import Generator, Sequence

Route = Callable[[BaseHTTPRequestHandler], None]
"""Writes a whole response to a request."""

JSON = "application/json; charset=utf-8"


@contextmanager
def serve_raw(routes: dict[str, Route]) -> Generator[str]:
    """Serve *routes* (path without query: writer) to GET, HEAD and POST; yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            routes[self.path.partition("?")[0]](self)

        do_HEAD = do_POST = do_GET

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

    with serving(Handler) as base_url:
        yield base_url


def fixed(
    status: int,
    body: bytes,
    headers: Sequence[tuple[str, str]] = (),
    content_type: str | None = JSON,
) -> Route:
    """A response with a Content-Length; an answer to HEAD has the headers only."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        if content_type is not None:
            handler.send_header("Content-Type", content_type)
        for name, value in headers:
            handler.send_header(name, value)
        if status != 204:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD" and status != 204:
            handler.wfile.write(body)

    return write


def endless(status: int, headers: Sequence[tuple[str, str]] = ()) -> Route:
    """A body longer than any limit the tests set: spaces, until the client hangs up.

    It does end, one MiB past MAX_BODY: a mutant that drops the limit then
    reads it all and fails, instead of filling memory until the machine kills it.
    """

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", JSON)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Connection", "close")  # the body ends when the connection does
        handler.end_headers()
        handler.close_connection = True
        chunk = b" " * 65536
        try:
            for _ in range((MAX_BODY + 2**20) // len(chunk)):
                handler.wfile.write(chunk)
        except OSError:
            pass  # the client closed: what it read was enough

    return write


def cut_short(status: int) -> Route:
    """A chunked body whose connection closes in the middle of a chunk."""

    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", JSON)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        handler.wfile.write(b'40\r\n{"StatusCode": 401, "Resp')  # 64 bytes announced
        handler.wfile.flush()
        handler.close_connection = True

    return write


def corrupt_gzip(status: int) -> Route:
    """A body that says it is gzip-compressed, and is not."""
    return fixed(status, b"\x1f\x8b\x08\x00 this is not gzip", [("Content-Encoding", "gzip")])
