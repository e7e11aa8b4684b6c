"""FakeCcaWebApi over real HTTP: a threaded server on 127.0.0.1, on a free port."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .._headers import Headers
from .fake import BODILESS

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    _Answer = Callable[[str, str, Headers, bytes], tuple[int, dict[str, str], bytes]]


# How often the serving thread looks for shutdown(): the time a test waits for the fake to stop.
_POLL_SECONDS = 0.02
# Header names, read case-insensitively by http.server: written once, here.
_CONTENT_LENGTH = "Content-Length"
_HOST = "Host"
# The fake serves this machine alone.
_LOOPBACK = "127.0.0.1"


def start(answer: _Answer) -> tuple[ThreadingHTTPServer, threading.Thread, str]:
    """Start serving *answer* in a daemon thread; the server, its thread and its base URL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get(_CONTENT_LENGTH) or 0))
            url = f"http://{self.headers.get(_HOST)}{self.path}"
            headers = Headers(self.headers.items())
            status, reply_headers, content = answer(self.command, url, headers, body)
            self.send_response(status)
            for name, value in reply_headers.items():
                self.send_header(name, value)
            if status not in BODILESS:  # RFC 9110: no Content-Length on these
                self.send_header(_CONTENT_LENGTH, str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer((_LOOPBACK, 0), Handler)  # port 0: the system picks a free one
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": _POLL_SECONDS},
        name="FakeCcaWebApi",
        daemon=True,
    )
    thread.start()
    return server, thread, f"http://{_LOOPBACK}:{server.server_port}"
