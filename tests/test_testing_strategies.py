"""The hypothesis strategies and the plugin that registers them."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cca_result_codes import ApiResponse, Category, ResultCode, ServerVersion, from_response
from cca_result_codes.testing import _hypothesis_plugin, strategies
from cca_result_codes.testing.strategies import (
    envelope_texts,
    envelopes,
    result_codes,
    server_versions,
    unknown_codes,
)
from vendor_table import read_rows

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
    inside: set[int] = set()

    @given(number=unknown_codes())
    def collect(number: int) -> None:
        if 0 <= number < 1100:
            inside.add(number)

    collect()
    assert inside


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
    seen: set[bool] = set()

    @given(version=server_versions())
    def collect(version: ServerVersion) -> None:
        seen.add(version < UNIFIED)

    collect()
    assert seen == {True, False}


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
    indented: set[bool] = set()

    @given(text=envelope_texts())
    def collect(text: str) -> None:
        indented.add(text.startswith("{\n  "))

    collect()
    assert indented == {True, False}
