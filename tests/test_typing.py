"""What a user's type checker sees. mypy --strict and pyright strict check this file.

The assertions also run, so the file proves the same facts at run time.
"""

from __future__ import annotations

from typing_extensions import assert_type

from cca_result_codes import Category, ResultCode, ServerVersion, legacy


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
    assert assert_type(reply.payload, object) == {"ResultCode": 711}
    try:
        reply.raise_for_result()
    except CcaApiError as error:
        assert assert_type(error.result_code, "ResultCode | None") is ResultCode(711)
        assert assert_type(error.raw_code, "int | None") == 711
        assert assert_type(error.status_code, "int | None") == 409
        assert assert_type(error.error, str) == ""
        assert assert_type(error.response, "ApiResponse | None") is reply
        assert isinstance(error, ListenInError)
    assert assert_type(CcaApiError.for_code(711), "type[CcaApiError]") is ListenInError
    info = RequestInfo("GET", "u")
    assert assert_type(info.method, "str | None") == "GET"
