"""FakeCcaWebApi as an httpx transport: one object for httpx.Client and httpx.AsyncClient."""

from __future__ import annotations

import httpx

from .._headers import Headers

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    _Answer = Callable[[str, str, Headers, bytes], tuple[int, dict[str, str], bytes]]


class HttpxTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers from a FakeCcaWebApi's script, sync and async."""

    def __init__(self, answer: _Answer) -> None:
        self._answer = answer

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._respond(request, request.read())

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self._respond(request, await request.aread())

    def _respond(self, request: httpx.Request, body: bytes) -> httpx.Response:
        headers = Headers(request.headers.multi_items())
        status, reply_headers, content = self._answer(
            request.method, str(request.url), headers, body
        )
        return httpx.Response(status, headers=reply_headers, content=content)


def make_transport(answer: _Answer) -> HttpxTransport:
    return HttpxTransport(answer)
