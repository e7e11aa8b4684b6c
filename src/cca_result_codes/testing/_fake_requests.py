"""FakeCcaWebApi as a requests transport adapter."""

from __future__ import annotations

import io

import requests
import requests.adapters
from urllib3 import HTTPResponse

from .fake import Headers

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    _Answer = Callable[[str, str, Headers, bytes], tuple[int, dict[str, str], bytes]]


class _RequestsAdapter(requests.adapters.HTTPAdapter):
    """Answers from a FakeCcaWebApi's script; mount it for "http://" and "https://"."""

    def __init__(self, answer: _Answer) -> None:
        super().__init__()
        self._answer = answer

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: None | float | tuple[float, float] | tuple[float, None] = None,
        verify: bool | str = True,
        cert: None | bytes | str | tuple[bytes | str, bytes | str] = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        body = request.body
        if body is None:
            data = b""
        elif isinstance(body, str):
            data = body.encode()
        elif isinstance(body, bytes):
            data = body
        else:  # a file or an iterator of chunks
            read = getattr(body, "read", None)
            data = read() if callable(read) else b"".join(body)  # type: ignore[arg-type]  # chunks
        headers = Headers(request.headers.items())
        status, reply_headers, content = self._answer(
            request.method or "GET", request.url or "", headers, data
        )
        raw = HTTPResponse(
            body=io.BytesIO(content),
            headers=reply_headers,
            status=status,
            preload_content=False,
            decode_content=False,
            request_method=request.method,
            request_url=request.url,
        )
        return self.build_response(request, raw)


def make_adapter(answer: _Answer) -> _RequestsAdapter:
    return _RequestsAdapter(answer)
