"""What a user's type checker sees. mypy --strict and pyright strict check this file.

The assertions also run, so the file proves the same facts at run time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from typing_extensions import assert_type

from cca_result_codes import Category, ResultCode, ServerVersion, legacy
from cca_result_codes.testing import FakeCcaWebApi, RecordedCall


def test_result_code_attributes() -> None:
    code = ResultCode(102)
    assert assert_type(code.description, str) == "Unknown token"
    assert assert_type(code.note, str) == ""
    assert assert_type(code.category, Category) is Category.GENERAL
    assert assert_type(code.since, ServerVersion) == ServerVersion(5, 4, 6)
    assert assert_type(code.legacy_code, "int | None") is None
    assert assert_type(code.is_success, bool) is False
    assert assert_type(code.is_error, bool) is True
    assert assert_type(code.retryable, bool) is False
    assert assert_type(code.available_in("5.4.6"), bool) is True
    assert assert_type(int(code), int) == 102


def test_lookups() -> None:
    assert assert_type(ResultCode.get(127), "ResultCode | None") is None
    fallback = ResultCode.get(127, ResultCode.UnknownError)
    assert assert_type(fallback, ResultCode) is ResultCode.UnknownError
    either = ResultCode.get(127, "unknown")
    assert assert_type(either, "ResultCode | str") == "unknown"
    assert assert_type(ResultCode.from_name("unknown_token"), ResultCode) is ResultCode.UnknownToken
    assert assert_type(ResultCode["UnknownToken"], ResultCode) is ResultCode.UnknownToken


def test_categories_versions_and_legacy() -> None:
    assert assert_type(Category.of(711), "Category | None") is Category.LISTEN_IN
    assert assert_type(Category.LISTEN_IN.codes, range) == range(700, 800)
    assert assert_type(Category.LISTEN_IN.label, str) == "listen-in errors"
    version = assert_type(ServerVersion.parse("5.4.8"), ServerVersion)
    assert assert_type(version.build, int) == 0
    assert assert_type(legacy.to_current(712), ResultCode) is ResultCode(711)
    assert assert_type(legacy.to_legacy(ResultCode(711)), int) == 712
    assert assert_type(legacy.UNIFIED_IN, ServerVersion) == version.__class__(5, 4, 6)


def test_envelope_types() -> None:
    from cca_result_codes import (
        ApiResponse,
        CcaApiError,
        ListenInError,
        RequestInfo,
        from_response,
    )

    reply = assert_type(
        from_response({"StatusCode": 409, "Response": {"ResultCode": 711}}), ApiResponse
    )
    assert assert_type(reply.request, "RequestInfo | None") is None
    assert assert_type(reply.version, "ServerVersion | None") is None
    assert assert_type(reply.status_code, int) == 409
    assert assert_type(reply.result_code, "ResultCode | None") is ResultCode(711)
    assert assert_type(reply.raw_code, "int | None") == 711
    assert assert_type(reply.error, str) == ""
    assert assert_type(reply.ok, bool) is False
    assert assert_type(reply.category, "Category | None") is Category.LISTEN_IN
    assert assert_type(reply.payload, Any) == {"ResultCode": 711}
    try:
        reply.raise_for_result()
    except CcaApiError as error:
        assert assert_type(error.result_code, "ResultCode | None") is ResultCode(711)
        assert assert_type(error.raw_code, "int | None") == 711
        assert assert_type(error.status_code, "int | None") == 409
        assert assert_type(error.error, str) == ""
        assert assert_type(error.response, "ApiResponse | None") is reply
        assert isinstance(error, ListenInError)
    assert assert_type(CcaApiError.for_code(799), "type[CcaApiError]") is ListenInError
    info = RequestInfo("GET", "u")
    assert assert_type(info.method, "str | None") == "GET"


def test_the_payload_is_any_as_json_loads_gives() -> None:
    from cca_result_codes import from_response

    reply = from_response({"StatusCode": 200, "Response": {"Token": "t"}})
    payload = reply.raise_for_result()
    token: str = assert_type(payload, Any)["Token"]  # no cast needed in strict mode
    assert token == "t"


def test_per_code_exceptions() -> None:
    from cca_result_codes import GeneralError, errors, from_response

    reply = from_response({"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}})
    try:
        reply.raise_for_result()
    except errors.UnknownToken as error:
        assert assert_type(error.result_code, "ResultCode | None") is ResultCode.UnknownToken
        assert assert_type(error.retryable, bool) is False
        assert assert_type(error, errors.UnknownToken).status_code == 401
        assert isinstance(error, GeneralError)
    assert assert_type(errors.UnknownToken.code, ResultCode) is ResultCode.UnknownToken
    found = assert_type(errors.CcaApiError.for_code(102), "type[errors.CcaApiError]")
    assert found is errors.UnknownToken
    by_category = errors.CcaApiError.for_category(Category.GENERAL)
    assert assert_type(by_category, "type[errors.CcaApiError]") is GeneralError


def test_is_retryable_is_a_tenacity_predicate() -> None:
    from tenacity import retry_if_exception

    from cca_result_codes import errors, is_retryable

    predicate = retry_if_exception(is_retryable)
    assert assert_type(is_retryable(errors.CcaTimeout("t")), bool) is True
    assert predicate.predicate(errors.CcaTimeout("t")) is True


def test_hooks_are_accepted_by_the_clients() -> None:
    import httpx
    import requests

    from cca_result_codes.hooks import httpx_async_hook, httpx_hook, requests_hook

    # The exact types each library documents for its hooks.
    for_requests: Callable[[requests.Response], Any] = requests_hook
    for_httpx: Callable[[httpx.Response], Any] = httpx_hook
    for_async_httpx: Callable[[httpx.Response], Awaitable[None]] = httpx_async_hook
    assert (for_requests, for_httpx, for_async_httpx) == (
        requests_hook,
        httpx_hook,
        httpx_async_hook,
    )
    with requests.Session() as session:
        session.hooks["response"].append(requests_hook)
        assert session.hooks["response"] == [requests_hook]
    with requests.Session() as session:
        session.hooks = {"response": [requests_hook]}
    with httpx.Client(event_hooks={"response": [httpx_hook]}) as client:
        assert client.event_hooks["response"] == [httpx_hook]
    client.event_hooks = {"response": [httpx_hook]}
    async_client = httpx.AsyncClient(event_hooks={"response": [httpx_async_hook]})
    assert async_client.event_hooks["response"] == [httpx_async_hook]
    asyncio.run(async_client.aclose())


def test_relogin_auth_fits_each_client() -> None:
    import httpx
    import requests
    import requests.auth

    from cca_result_codes.auth import HttpxRelogin, RequestsRelogin

    def login() -> str:
        return "t"

    async def alogin() -> str:
        return "t"

    def in_header(request: httpx.Request, token: str) -> None:
        request.headers["X-Token"] = token

    for_requests: requests.auth.AuthBase = RequestsRelogin(login, header="X-Token")
    for_httpx: httpx.Auth = HttpxRelogin(login, apply=in_header)
    with requests.Session() as session:
        session.auth = for_requests
    with httpx.Client(auth=for_httpx) as client:
        assert client.auth is for_httpx
    async_client = httpx.AsyncClient(auth=HttpxRelogin(alogin))
    asyncio.run(async_client.aclose())


def test_the_fake_and_its_fixture() -> None:
    import httpx
    import requests.adapters

    fake = FakeCcaWebApi()
    assert assert_type(fake.reply("GET", "/a", [1], times=2), None) is None
    fake.fail("GET", "/a", ResultCode.UnknownToken, error="e", status_code=401, version="5.4.5")
    fake.raw("GET", "/b", b"<html/>", 502, headers={"Content-Type": "text/html"}, repeat=True)
    transport = fake.httpx_transport()
    with httpx.Client(transport=transport) as client:
        client.get("http://h/b")
    async_client = httpx.AsyncClient(transport=transport)
    asyncio.run(async_client.aclose())
    adapter: requests.adapters.HTTPAdapter = fake.requests_adapter()
    assert adapter is not None
    calls = assert_type(fake.calls, list[RecordedCall])
    assert assert_type(calls[0].status, int) == 502
    assert assert_type(calls[0].headers.get("Token"), "str | None") is None
    with fake:
        assert assert_type(fake.serve(), str).startswith("http://127.0.0.1:")
    fake.assert_no_unmatched()


def test_the_fixture_is_typed(cca_webapi: FakeCcaWebApi) -> None:
    assert assert_type(cca_webapi.calls, list[RecordedCall]) == []


def test_strategies_are_typed() -> None:
    from hypothesis import strategies as st

    from cca_result_codes import CcaApiError, errors
    from cca_result_codes.testing.strategies import api_errors, envelopes

    assert_type(api_errors(codes=[ResultCode.UnknownToken]), st.SearchStrategy[CcaApiError])
    assert_type(
        envelopes(statuses=st.sampled_from([200, 400])), "st.SearchStrategy[dict[str, Any]]"
    )
    assert_type(st.from_type(errors.UnknownToken), "st.SearchStrategy[errors.UnknownToken]")
