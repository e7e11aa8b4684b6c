"""The hypothesis strategies and the plugin that registers them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

from cca_result_codes import (
    ApiResponse,
    Category,
    CcaApiError,
    GeneralError,
    ListenInError,
    LockingError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    errors,
    from_response,
)
from cca_result_codes.testing import _hypothesis_plugin, strategies
from cca_result_codes.testing.strategies import (
    envelope_texts,
    envelopes,
    result_codes,
    server_versions,
    unknown_codes,
)
from vendor_table import read_rows


def reaches(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> bool:
    """Whether *strategy* can draw a value that meets *condition*.

    find() searches for one, derandomized, so that reaching it never rests on a lucky draw.
    """
    try:
        find(
            strategy,
            condition,
            settings=settings(max_examples=2000, database=None, derandomize=True),
        )
    except NoSuchExample:
        return False
    return True


KNOWN = {row.code for row in read_rows()}
SUCCESS_NAMES = {"Success", "Pending", "SuccessListRunning"}
UNIFIED = ServerVersion(5, 4, 6, 0)


@given(data=st.data())
def test_result_codes_are_members(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    code: ResultCode = data.draw(result_codes())
    assert type(code) is ResultCode
    assert code.value in KNOWN


@pytest.mark.parametrize("category", list(Category))
@given(data=st.data())
def test_result_codes_of_a_category(category: Category, data: st.DataObject) -> None:
    code = data.draw(result_codes(category=category))
    assert code.category is category


def test_result_codes_refuses_a_label() -> None:
    with pytest.raises(TypeError, match="category must be a Category or None, not str"):
        result_codes(category="success")  # type: ignore[arg-type]  # the wrong type on purpose


@given(data=st.data())
def test_unknown_codes_are_not_members(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    number: int = data.draw(unknown_codes())
    assert number not in KNOWN
    assert -(2**31) <= number < 2**31
    assert ResultCode.get(number) is None
    reply = from_response({"StatusCode": 400, "Response": {"ResultCode": number, "Error": ""}})
    assert (reply.result_code, reply.raw_code) == (None, number)


def test_unknown_codes_reach_inside_the_blocks() -> None:
    assert reaches(unknown_codes(), lambda number: 0 <= number < 1100)


@given(data=st.data())
def test_server_versions_survive_their_text(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    version: ServerVersion = data.draw(server_versions())
    assert type(version) is ServerVersion
    assert ServerVersion.parse(str(version)) == version


@given(data=st.data())
def test_legacy_versions_are_older_than_5_4_6(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    version: ServerVersion = data.draw(server_versions(legacy=True))
    assert version < UNIFIED


@given(data=st.data())
def test_current_versions_are_5_4_6_or_newer(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    version: ServerVersion = data.draw(server_versions(legacy=False))
    assert version >= UNIFIED


def test_server_versions_refuses_a_non_bool() -> None:
    with pytest.raises(TypeError, match="legacy must be a bool or None, not int"):
        server_versions(legacy=1)  # type: ignore[arg-type]  # the wrong type on purpose


def check_envelope(envelope: dict[str, Any]) -> ApiResponse:
    reply = from_response(envelope)
    response = envelope["Response"]
    assert reply.status_code == envelope["StatusCode"]
    if isinstance(response, dict) and "ResultCode" in response:
        assert reply.raw_code == response["ResultCode"]
        assert reply.error == response["Error"]
    else:
        assert reply.result_code is ResultCode.Success
        assert reply.payload == response
    if "Version" in envelope:
        assert reply.version == ServerVersion.parse(envelope["Version"])
    else:
        assert reply.version is None
    assert from_response(json.dumps(envelope)).result_code is reply.result_code
    return reply


@given(data=st.data())
def test_every_drawn_envelope_parses(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(envelopes())
    reply = check_envelope(envelope)
    assert reply.result_code is not None


@given(data=st.data())
def test_success_envelopes(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(envelopes(success=True))
    reply = check_envelope(envelope)
    assert reply.result_code is not None
    assert reply.result_code.name in SUCCESS_NAMES
    assert 200 <= envelope["StatusCode"] <= 299
    assert reply.ok


@given(data=st.data())
def test_failure_envelopes(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(envelopes(success=False))
    reply = check_envelope(envelope)
    assert reply.result_code is not None
    assert reply.result_code.name not in SUCCESS_NAMES
    assert not reply.ok


@given(data=st.data())
def test_envelopes_with_unknown_codes(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(
        envelopes(codes=unknown_codes(), versions=st.none() | server_versions())
    )
    reply = check_envelope(envelope)
    assert reply.result_code is None
    assert reply.raw_code not in KNOWN
    assert reply.version is None or reply.version >= UNIFIED


@given(data=st.data())
def test_success_filters_given_codes(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(
        envelopes(codes=st.sampled_from([0, 1, 100, 127]), success=True)
    )
    assert check_envelope(envelope).raw_code in {None, 0, 1}


@given(data=st.data())
def test_legacy_envelopes_read_back_as_members(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(envelopes(versions=server_versions(legacy=True).map(str)))
    reply = check_envelope(envelope)
    assert reply.version is not None
    assert reply.version < UNIFIED
    assert reply.result_code is not None
    assert reply.result_code.since <= UNIFIED


@given(data=st.data())
def test_envelope_texts_parse(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    text: str = data.draw(envelope_texts())
    reply = from_response(text)
    assert reply.result_code is not None
    assert json.loads(text)["StatusCode"] == reply.status_code


def test_envelopes_refuses_a_non_bool() -> None:
    with pytest.raises(TypeError, match="success must be a bool or None, not str"):
        envelopes(success="yes")  # type: ignore[arg-type]  # the wrong type on purpose


@given(version=st.from_type(ServerVersion))
def test_from_type_server_version_needs_no_set_up(version: ServerVersion) -> None:
    assert type(version) is ServerVersion


@given(reply=st.from_type(ApiResponse))
def test_from_type_api_response(reply: ApiResponse) -> None:
    assert type(reply) is ApiResponse
    assert reply.result_code is not None


def test_the_registered_functions_build_the_types() -> None:
    @given(
        version=_hypothesis_plugin._server_versions(ServerVersion),  # pyright: ignore[reportPrivateUsage] -- what register() hands to hypothesis
        reply=_hypothesis_plugin._api_responses(ApiResponse),  # pyright: ignore[reportPrivateUsage] -- as above
    )
    def draw(version: ServerVersion, reply: ApiResponse) -> None:
        assert type(version) is ServerVersion
        assert type(reply) is ApiResponse

    draw()


def test_register_is_what_the_entry_point_names() -> None:
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="hypothesis") if e.module.startswith("cca_")]
    assert entry.value == "cca_result_codes.testing._hypothesis_plugin:register"
    assert entry.load() is _hypothesis_plugin.register
    _hypothesis_plugin.register()  # again: registering twice is harmless

    @given(version=st.from_type(ServerVersion))
    def draw(version: ServerVersion) -> None:
        assert ServerVersion.parse(str(version)) == version

    draw()


def test_the_plugin_loads_the_strategies_only_when_asked() -> None:
    code = (
        "import sys, hypothesis;"
        "from hypothesis import strategies as st;"
        "from cca_result_codes import ServerVersion;"
        "name = 'cca_result_codes.testing.strategies';"
        "before = name in sys.modules;"
        "st.from_type(ServerVersion).example();"
        "print(before, name in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.stdout == "False True\n"


def test_module_names_what_it_exports() -> None:
    assert sorted(strategies.__all__) == [
        "BODY_STATUSES",
        "api_errors",
        "envelope_texts",
        "envelopes",
        "errors_of",
        "request_infos",
        "result_codes",
        "server_versions",
        "unknown_codes",
    ]


def test_server_versions_reach_both_sides_of_5_4_6() -> None:
    assert reaches(server_versions(), lambda version: version < UNIFIED)
    assert reaches(server_versions(), lambda version: version >= UNIFIED)


def test_envelope_texts_keep_success() -> None:
    @given(text=st.deferred(lambda: envelope_texts(success=False)))
    def failures(text: str) -> None:
        assert not from_response(text).ok

    failures()


def test_envelopes_check_the_versions_they_draw() -> None:
    @given(envelope=st.deferred(lambda: envelopes(versions=st.just(5.4))))  # type: ignore[arg-type]  # the wrong type on purpose
    def draw(envelope: dict[str, Any]) -> None:
        raise AssertionError(f"drew {envelope}")

    with pytest.raises(TypeError, match=r"^version must be a ServerVersion or str, not float\n"):
        draw()


def test_envelope_texts_pass_codes_and_versions_on() -> None:
    @given(text=envelope_texts(codes=unknown_codes(), versions=st.just("5.4.7")))
    def unknown(text: str) -> None:
        reply = from_response(text)
        assert reply.result_code is None
        assert reply.version_text == "5.4.7"

    unknown()


def test_envelope_texts_come_compact_and_indented() -> None:
    assert reaches(envelope_texts(), lambda text: text.startswith("{\n  "))
    assert reaches(envelope_texts(), lambda text: not text.startswith("{\n  "))


# --- statuses, errors and requests (issue: strategies HTTP cannot carry) ---

BODILESS = {204, 205, 304}


def test_body_statuses_are_every_status_but_the_bodiless_ones() -> None:
    assert tuple(n for n in range(200, 600) if n not in BODILESS) == strategies.BODY_STATUSES
    assert len(strategies.BODY_STATUSES) == 397


@settings(max_examples=50)
@given(data=st.data())
def test_envelopes_draw_only_statuses_http_carries_with_a_body(data: st.DataObject) -> None:
    envelope: dict[str, Any] = data.draw(envelopes())
    status = envelope["StatusCode"]
    assert 200 <= status <= 599
    assert status not in BODILESS
    check_envelope(envelope)


@pytest.mark.parametrize("kind", [2, 3, 4, 5])
def test_envelopes_reach_every_kind_of_status(kind: int) -> None:
    assert reaches(envelopes(), lambda envelope: envelope["StatusCode"] // 100 == kind)


@settings(max_examples=50)
@given(data=st.data())
def test_success_envelopes_keep_2xx_statuses_with_a_body(data: st.DataObject) -> None:
    envelope: dict[str, Any] = data.draw(envelopes(success=True))
    assert 200 <= envelope["StatusCode"] <= 299
    assert envelope["StatusCode"] not in BODILESS
    assert from_response(envelope).ok


@settings(max_examples=50)
@given(data=st.data())
def test_statuses_are_what_the_caller_gives(data: st.DataObject) -> None:
    envelope: dict[str, Any] = data.draw(envelopes(statuses=st.sampled_from([100, 204, 503])))
    assert envelope["StatusCode"] in (100, 204, 503)
    text: str = data.draw(envelope_texts(statuses=st.just(418)))
    assert json.loads(text)["StatusCode"] == 418


@settings(max_examples=50)
@given(data=st.data())
def test_given_statuses_still_give_ok_success_envelopes(data: st.DataObject) -> None:
    envelope: dict[str, Any] = data.draw(
        envelopes(success=True, statuses=st.sampled_from([201, 500]))
    )
    assert envelope["StatusCode"] == 201
    assert from_response(envelope).ok


def _kind(envelope: dict[str, Any]) -> tuple[bool, int]:
    """Whether Response is the result object, and the status."""
    response = envelope["Response"]
    return isinstance(response, dict) and "ResultCode" in response, envelope["StatusCode"]


SUCCESS_AT_200_OR_400 = envelopes(
    codes=st.just(ResultCode.Success), statuses=st.sampled_from([200, 400])
)


@given(envelope=SUCCESS_AT_200_OR_400)
def test_a_payload_comes_only_with_a_2xx_status(envelope: dict[str, Any]) -> None:
    assert _kind(envelope) != (False, 400)


@pytest.mark.parametrize("kind", [(True, 200), (False, 200), (True, 400)])
def test_the_result_comes_with_any_status_and_a_payload_with_2xx(kind: tuple[bool, int]) -> None:
    assert reaches(SUCCESS_AT_200_OR_400, lambda envelope: _kind(envelope) == kind)


@pytest.mark.parametrize("version", ["5.4.6.1-beta", "", "5.4.5 (build 7)", "beta"])
def test_versions_that_do_not_parse_are_judged_by_their_leading_number(version: str) -> None:
    @settings(max_examples=50)
    @given(envelope=envelopes(versions=st.just(version)))
    def draw(envelope: dict[str, Any]) -> None:
        assert envelope["Version"] == version
        reply = from_response(envelope)
        response = envelope["Response"]
        if isinstance(response, dict) and "ResultCode" in response:
            # The number written is the one from_response() reads back as the same member.
            assert reply.raw_code == response["ResultCode"]
            assert reply.result_code is not None

    draw()


def test_a_legacy_version_string_keeps_new_codes_out() -> None:
    @settings(max_examples=100)
    @given(
        envelope=envelopes(
            codes=st.sampled_from([ResultCode.TooMuchData, ResultCode.UnknownToken]),
            versions=st.just("5.4.5 (build 7)"),
        )
    )
    def draw(envelope: dict[str, Any]) -> None:
        assert from_response(envelope).result_code is ResultCode.UnknownToken

    draw()


@settings(max_examples=50)
@given(data=st.data())
def test_requests_are_methods_and_urls(data: st.DataObject) -> None:
    from urllib.parse import urlsplit

    info = data.draw(strategies.request_infos())
    assert info.method in {"GET", "POST", "PUT", "PATCH", "DELETE"}
    assert info.url is not None
    parts = urlsplit(info.url)
    assert parts.scheme in {"http", "https"}
    assert parts.netloc in {"cca.example", "cca.example:8080", "127.0.0.1:5000", "[::1]"}
    assert parts.path.startswith("/CcaWebApi/")
    segments = parts.path.split("/")[2:]
    assert 1 <= len(segments) <= 3
    assert all(re.fullmatch(r"[A-Za-z0-9._~-]{1,12}", segment) for segment in segments)
    assert (parts.query, parts.fragment) == ("", "")
    envelope: dict[str, Any] = data.draw(envelopes())
    if "Request" in envelope:
        assert envelope["Request"]["Method"] in {"GET", "POST", "PUT", "PATCH", "DELETE"}
        assert envelope["Request"]["Url"].split("/")[3] == "CcaWebApi"


@settings(max_examples=50)
@given(info=st.from_type(RequestInfo))
def test_from_type_request_info(info: RequestInfo) -> None:
    assert info.method in {"GET", "POST", "PUT", "PATCH", "DELETE"}
    assert str(info.url).startswith(("http://", "https://"))


@settings(max_examples=50)
@given(data=st.data())
def test_api_errors_are_what_raise_for_result_raises(data: st.DataObject) -> None:
    error = data.draw(strategies.api_errors())
    assert isinstance(error, CcaApiError)
    assert error.response is not None
    assert error.status_code is not None
    assert 400 <= error.status_code <= 599
    assert error.raw_code is not None
    assert Category.of(error.raw_code) not in (None, Category.SUCCESS)
    assert type(error) is CcaApiError.for_code(error.raw_code)
    with pytest.raises(CcaApiError) as caught:
        error.response.raise_for_result()
    assert type(caught.value) is type(error)


@settings(max_examples=50)
@given(data=st.data())
def test_api_errors_by_code(data: st.DataObject) -> None:
    error = data.draw(strategies.api_errors(codes=[ResultCode.UnknownToken, 799]))
    assert type(error) in (errors.UnknownToken, ListenInError)
    assert error.raw_code in (102, 799)


@settings(max_examples=50)
@given(data=st.data())
def test_api_errors_by_category(data: st.DataObject) -> None:
    error = data.draw(strategies.api_errors(categories=[Category.LOCKING]))
    assert isinstance(error, LockingError)
    assert error.raw_code is not None
    assert 500 <= error.raw_code <= 599


@settings(max_examples=50)
@given(data=st.data())
def test_api_errors_by_code_and_category(data: st.DataObject) -> None:
    error = data.draw(strategies.api_errors(codes=[102], categories=[Category.LOCKING]))
    assert isinstance(error, (errors.UnknownToken, LockingError))


def test_api_errors_by_code_and_category_draw_both_kinds() -> None:
    from hypothesis import find

    both = strategies.api_errors(codes=[102], categories=[Category.LOCKING])
    assert type(find(both, lambda e: isinstance(e, errors.UnknownToken))) is errors.UnknownToken
    assert isinstance(find(both, lambda e: isinstance(e, LockingError)), LockingError)


def test_api_errors_reach_known_and_unknown_codes() -> None:
    locking = strategies.api_errors(categories=[Category.LOCKING])
    assert reaches(locking, lambda error: type(error) is LockingError)
    assert reaches(locking, lambda error: type(error) is not LockingError)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"codes": [ResultCode.Pending]},
            ValueError,
            "<ResultCode.Pending: 1> is not a failing code: it raises no exception",
        ),
        ({"codes": [5000]}, ValueError, "5000 is not a failing code"),
        ({"codes": ["102"]}, TypeError, "codes must hold ResultCode members or ints, not str"),
        ({"codes": [True]}, TypeError, "codes must hold ResultCode members or ints, not bool"),
        (
            {"categories": [Category.SUCCESS]},
            ValueError,
            "<Category.SUCCESS: 'success'> is the success category: it raises no exception",
        ),
        ({"categories": ["LOCKING"]}, TypeError, "categories must hold Category members, not str"),
        ({"codes": []}, ValueError, r"api_errors\(\) needs at least one code or category"),
        ({"codes": [], "categories": []}, ValueError, r"api_errors\(\) needs at least one"),
    ],
)
def test_api_errors_refuses_what_raises_nothing(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{message}"):
        strategies.api_errors(**kwargs)


@pytest.mark.parametrize(
    "error_class", [errors.UnknownToken, errors.ListenInCallEnd, GeneralError, CcaApiError]
)
def test_from_type_gives_instances_of_every_error_class(error_class: type[CcaApiError]) -> None:
    @settings(max_examples=30)
    @given(error=st.from_type(error_class))
    def draw(error: CcaApiError) -> None:
        assert isinstance(error, error_class)
        assert error.response is not None

    draw()


def test_from_type_of_a_code_class_gives_that_code_only() -> None:
    @settings(max_examples=30)
    @given(error=st.from_type(errors.UnknownToken))
    def draw(error: errors.UnknownToken) -> None:
        assert type(error) is errors.UnknownToken
        assert error.result_code is ResultCode.UnknownToken

    draw()


def test_every_error_class_is_registered() -> None:
    from hypothesis.strategies._internal import types

    classes = _hypothesis_plugin.error_classes(CcaApiError)
    assert classes[0] is CcaApiError
    assert {GeneralError, errors.UnknownToken, errors.ListenInCallEnd} <= set(classes)
    # Other tests define subclasses of their own; the library's are counted here.
    own = [cls for cls in classes if cls.__module__ == "cca_result_codes.errors"]
    assert len(own) == 1 + len(list(Category)) - 1 + sum(1 for m in ResultCode if m.is_error)
    registered = types._global_type_lookup  # pyright: ignore[reportPrivateUsage] -- hypothesis's
    assert all(cls in registered for cls in classes)


def test_raised_refuses_a_success() -> None:
    reply = from_response({"StatusCode": 200, "Response": [1]})
    with pytest.raises(ValueError, match=r"^ApiResponse\(.*\) is a success: it raises nothing$"):
        strategies.raised(reply)


@pytest.mark.parametrize("resolve", [strategies.errors_of, _hypothesis_plugin._errors_of])  # pyright: ignore[reportPrivateUsage] -- the plugin's resolver, called as hypothesis calls it
def test_errors_of_draws_instances_of_the_class_asked(resolve: Any) -> None:
    from hypothesis import find
    from hypothesis.errors import NoSuchExample

    # Called directly, not through st.from_type(), whose lookups hypothesis caches.
    only = find(resolve(errors.UnknownToken), lambda error: True)
    assert type(only) is errors.UnknownToken
    assert only.result_code is ResultCode.UnknownToken
    # A category's class: its per-code classes and the unknown numbers of its block (written
    # out: 127 is no code; 711 is a listen-in code, outside the general block).
    general = find(resolve(GeneralError), lambda error: error.raw_code == 127)
    assert type(general) is GeneralError
    assert isinstance(find(resolve(GeneralError), lambda error: True), GeneralError)
    few = settings(max_examples=30, database=None)
    with pytest.raises(NoSuchExample):
        find(resolve(GeneralError), lambda error: error.raw_code == 711, settings=few)
