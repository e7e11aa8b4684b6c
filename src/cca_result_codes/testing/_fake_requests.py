"""FakeCcaWebApi as a requests transport adapter."""

from __future__ import annotations

import io

import requests
import requests.adapters
from urllib3 import HTTPResponse

from .._headers import Headers

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    _Answer = Callable[[str, str, Headers, bytes], tuple[int, dict[str, str], bytes]]


# requests reads the body itself, as from the network: urllib3 must not read it first.
# (A module constant: urllib3 reads preload_content only for its truth.)
_STREAMED: dict[str, Any] = {"preload_content": False}


class _RequestsAdapter(requests.adapters.HTTPAdapter):
    """Answers from a FakeCcaWebApi's script; mount it for "http://" and "https://"."""

    def __init__(self, answer: _Answer) -> None:
        super().__init__()
        self._answer = answer

    def send(
        self, request: requests.PreparedRequest, *args: object, **kwargs: object
    ) -> requests.Response:
        # stream, timeout, verify, cert and proxies are for a network; nothing here goes over one.
        data = _bytes_of(request.body)
        headers = Headers(request.headers.items())
        status, reply_headers, content = self._answer(
            str(request.method), str(request.url), headers, data
        )
        raw = HTTPResponse(
            body=io.BytesIO(content),
            headers=reply_headers,
            status=status,
            **_STREAMED,
        )
        return self.build_response(request, raw)


def make_adapter(answer: _Answer) -> _RequestsAdapter:
    return _RequestsAdapter(answer)


def _bytes_of(body: object) -> bytes:
    """The request body as bytes: requests sends bytes, text, a file or chunks of bytes."""
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode()
    if isinstance(body, bytes):
        return body
    # A binary file, iterated, gives its lines; chunks are bytes already.
    chunks: Iterable[bytes] = body  # type: ignore[assignment]  # a file, or chunks of bytes
    return b"".join(chunks)
