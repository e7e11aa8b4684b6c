"""from_response() on real requests, httpx and urllib responses from a local server."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import httpx
import pytest
import requests

from cca_result_codes import (
    ApiResponse,
    EnvelopeError,
    GeneralError,
    ResultCode,
    ServerVersion,
    from_response,
)
from local_server import serve_routes
from vendor_table import SPEC_DIR

EXAMPLE = (SPEC_DIR / "envelope-example.json").read_bytes()


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


def _parse_with(fetch: Callable[[str], object], url: str, **kwargs: str) -> ApiResponse:
    response = fetch(url)
    try:
        return from_response(response, **kwargs)
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
