"""The testing kit: make_envelope() and its round trip through from_response()."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import (
    LegacyCodeError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    from_response,
)
from cca_result_codes.testing import (
    DEFAULT_URL,
    DEFAULT_VERSION,
    default_status,
    looks_like_result,
    make_envelope,
)
from vendor_table import read_rows

ROWS = read_rows()
# Codes the vendor marks "Only in 5.4.N+" after 5.4.6: no legacy number.
NEW_AFTER_5_4_6 = [row for row in ROWS if row.since > (5, 4, 6, 0)]
# Every version the vendor's page names, and the edges of 5.4.6.
VERSIONS = ["5.4.5", "5.4.5.9", "5.4.6", "5.4.6.0", "5.4.6.1", "5.4.7", "5.4.8", "6.0"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def test_the_vendor_example_is_what_the_defaults_give() -> None:
    spec = Path(__file__).resolve().parents[1] / "spec" / "envelope-example.json"
    example_envelope = json.loads(
        spec.read_text(encoding="utf-8").replace("{Server}", "cca.example")
    )
    assert make_envelope(ResultCode.UnknownToken) == example_envelope
    assert list(make_envelope(ResultCode.UnknownToken)) == [
        "Request",
        "Version",
        "StatusCode",
        "Response",
    ]


def test_defaults_are_documented_values() -> None:
    assert DEFAULT_URL == "http://cca.example/CcaWebApi/agents"
    assert DEFAULT_VERSION == "5.4.6.1"


@pytest.mark.parametrize(
    ("code", "status"),
    [(0, 200), (1, 200), (2, 200), (99, 200), (100, 400), (101, 400), (102, 401), (103, 400),
     (711, 400), (10002, 400), (-1, 400), (5000, 400)],
)  # fmt: skip
def test_default_status(code: int, status: int) -> None:
    assert default_status(code) == status
    assert make_envelope(code)["StatusCode"] == status


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
@pytest.mark.parametrize("version", VERSIONS)
def test_every_code_round_trips_at_every_version(row: Any, version: str) -> None:
    member = ResultCode[row.name]
    legacy = ServerVersion.parse(version) < ServerVersion(5, 4, 6)
    if legacy and row.since > (5, 4, 6, 0):
        with pytest.raises(LegacyCodeError, match="first appeared in"):
            make_envelope(member, version=version)
        return
    envelope = make_envelope(member, error="boom", version=version)
    sent = row.legacy_code if legacy and row.legacy_code is not None else row.code
    assert envelope["Response"] == {"ResultCode": sent, "Error": "boom"}
    assert type(envelope["Response"]["ResultCode"]) is int
    assert envelope["Version"] == version
    for source in (envelope, json.dumps(envelope)):
        reply = from_response(source)
        assert reply.result_code is member
        assert reply.raw_code == sent
        assert reply.error == "boom"
        assert reply.version == ServerVersion.parse(version)
        assert reply.request == RequestInfo("GET", DEFAULT_URL)
        assert reply.status_code == (200 if row.code < 100 else 401 if row.code == 102 else 400)


def test_the_vendor_lists_codes_new_after_5_4_6() -> None:
    assert {row.name for row in NEW_AFTER_5_4_6} == {
        "NoReportingService",
        "TooMuchData",
        "ListUnknownField",
        "ListUnknownContact",
    }


@given(
    code=st.sampled_from(list(ResultCode)),
    version=st.none() | st.sampled_from(VERSIONS),
    error=st.text(),
    status=st.none() | st.integers(100, 599),
    method=st.none() | st.text(),
    url=st.none() | st.text(),
)
@example(ResultCode.Pending, "5.4.5", "", 599, "GET", "")
@example(ResultCode.SuccessListRunning, "5.4.5", "\ud800", 100, None, "u")
@example(ResultCode.UnknownToken, None, "x", 200, "", None)
def test_round_trip_property(
    code: ResultCode,
    version: str | None,
    error: str,
    status: int | None,
    method: str | None,
    url: str | None,
) -> None:
    old = version is not None and ServerVersion.parse(version) < ServerVersion(5, 4, 6)
    if old and code.since > ServerVersion(5, 4, 6):
        with pytest.raises(LegacyCodeError):
            make_envelope(code, version=version)
        return
    envelope = make_envelope(
        code, error=error, status_code=status, method=method, url=url, version=version
    )
    for source in (envelope, json.dumps(envelope), json.dumps(envelope, ensure_ascii=False)):
        if isinstance(source, str) and "\ud800" in source:
            continue  # a lone surrogate cannot go into unescaped text
        reply = from_response(source)
        assert reply.result_code is code
        assert reply.error == error
        assert reply.status_code == (default_status(code) if status is None else status)
        expected_request = None if method is None or url is None else RequestInfo(method, url)
        assert reply.request == expected_request
        assert reply.version == (None if version is None else ServerVersion.parse(version))
        assert reply.version_text == version
    assert ("Request" in envelope) is (method is not None and url is not None)
    assert ("Version" in envelope) is (version is not None)


@given(payload=JSON_VALUES.filter(lambda v: v is not None and not looks_like_result(v)))
@example([])
@example({})
@example(0)
@example("")
@example({"Error": "boom"})
@example({"Agents": [{"ResultCode": 5}]})
def test_payloads_round_trip(payload: Any) -> None:
    envelope = make_envelope(ResultCode.Success, payload=payload)
    assert envelope["Response"] is payload
    reply = from_response(json.loads(json.dumps(envelope)))
    assert reply.result_code is ResultCode.Success
    assert reply.raw_code is None
    assert reply.ok
    assert reply.payload == payload
    assert reply.error == ""
    assert reply.status_code == 200


def test_a_server_version_is_written_in_its_dotted_form() -> None:
    assert make_envelope(0, version=ServerVersion(5, 4, 8))["Version"] == "5.4.8.0"
    assert make_envelope(0, version=" 5.4.5 ")["Response"]["ResultCode"] == 0
    assert make_envelope(2, version=ServerVersion(5, 4, 5, 99))["Response"]["ResultCode"] == 3
    assert make_envelope(2, version=ServerVersion(5, 4, 6))["Response"]["ResultCode"] == 2


def test_none_leaves_request_and_version_out() -> None:
    assert make_envelope(102, method=None, version=None) == {
        "StatusCode": 401,
        "Response": {"ResultCode": 102, "Error": ""},
    }
    assert "Request" not in make_envelope(102, url=None)


@pytest.mark.parametrize("number", [127, 3, -(2**31), 2**31 - 1])
def test_unknown_numbers_are_written_as_given(number: int) -> None:
    envelope = make_envelope(number)
    assert envelope["Response"] == {"ResultCode": number, "Error": ""}
    reply = from_response(envelope)
    assert (reply.result_code, reply.raw_code) == (None, number)


def test_unknown_numbers_have_no_legacy_number() -> None:
    with pytest.raises(LegacyCodeError, match="127 is not a documented result code"):
        make_envelope(127, version="5.4.5")


NOT_SUCCESS = (
    r"^a payload goes with ResultCode.Success only, not Pending \(1\):"
    r" a failure's Response is the result shape$"
)
NO_ERROR_TEXT = "^a payload carries no Error text: error must be empty$"
RESULT_LIKE = (
    "^the payload has a ResultCode key at its top level, so readers would take it"
    " for the result shape; pass the code instead of a payload$"
)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"code": True}, TypeError, "code must be a ResultCode or an int, not bool"),
        ({"code": "102"}, TypeError, "code must be a ResultCode or an int, not str"),
        ({"code": 2**31}, ValueError, "code must be a 32-bit integer, as CcaWebApi sends, not"),
        ({"code": -(2**31) - 1}, ValueError, "code must be a 32-bit integer"),
        ({"code": 0, "error": b"x"}, TypeError, "error must be a str, not bytes"),
        ({"code": 0, "status_code": 99}, ValueError, "from 100 to 599, not 99"),
        ({"code": 0, "status_code": 600}, ValueError, "from 100 to 599, not 600"),
        ({"code": 0, "status_code": True}, TypeError, "status_code must be an int or None, not b"),
        ({"code": 0, "status_code": 200.0}, TypeError, "status_code must be an int or None"),
        ({"code": 0, "method": 1}, TypeError, "method must be a str or None, not int"),
        ({"code": 0, "url": b"/"}, TypeError, "url must be a str or None, not bytes"),
        ({"code": 0, "method": None, "url": 1}, TypeError, "url must be a str or None, not int"),
        ({"code": 0, "method": 1, "url": None}, TypeError, "method must be a str or None, not int"),
        ({"code": 0, "version": 5.4}, TypeError, "version must be a ServerVersion or str, not f"),
        ({"code": 1, "payload": []}, ValueError, NOT_SUCCESS),
        ({"code": 127, "payload": []}, ValueError, "ResultCode.Success only, not 127:"),
        ({"code": 0, "payload": [], "error": "x"}, ValueError, NO_ERROR_TEXT),
        ({"code": 0, "payload": [], "status_code": 300}, ValueError, "needs a 2xx status, not 300"),
        ({"code": 0, "payload": [], "status_code": 199}, ValueError, "needs a 2xx status, not 199"),
        ({"code": 0, "payload": {"resultCODE": 0}}, ValueError, RESULT_LIKE),
    ],
)  # fmt: skip
def test_bad_arguments_are_refused(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        make_envelope(**kwargs)


def test_payload_edges_are_accepted() -> None:
    assert make_envelope(ResultCode.Success, payload=1, status_code=299)["StatusCode"] == 299
    assert make_envelope(0, payload=False, status_code=200)["Response"] is False
    assert make_envelope(0, payload={"Result Code": 1})["Response"] == {"Result Code": 1}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"ResultCode": 0}, True),
        ({"resultcode": 0, "x": 1}, True),
        ({"RESULTCODE": None}, True),
        ({1: 2, "Error": ""}, False),
        ({"ResultCodes": 0}, False),
        ([{"ResultCode": 0}], False),
        ("ResultCode", False),
    ],
)
def test_looks_like_result(value: object, expected: bool) -> None:
    assert looks_like_result(value) is expected


def test_the_package_does_not_import_hypothesis() -> None:
    import subprocess

    code = (
        "import sys, cca_result_codes.testing as t;"
        "t.make_envelope(0);"
        "print('hypothesis' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PYTHONIOENCODING": "utf-8"},
    )
    assert result.stdout == "False\n"


def test_strategies_say_how_to_install_hypothesis(monkeypatch: pytest.MonkeyPatch) -> None:
    name = "cca_result_codes.testing.strategies"
    monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "hypothesis", None)  # as if not installed
    with pytest.raises(ImportError, match="needs hypothesis: pip install hypothesis"):
        importlib.import_module(name)
    assert name not in sys.modules


@pytest.mark.parametrize(
    ("version", "written"),
    # A Version that does not parse is read by its leading number, as from_response() reads it.
    [("5.4.6.1-beta", 711), ("5.4.5-rc1", 712), ("5.4.x", 712), ("beta", 711)],
)
def test_a_version_that_does_not_parse_is_written_as_given(version: str, written: int) -> None:
    envelope = make_envelope(ResultCode.ListenInNoActiveConversationFound, version=version)
    assert envelope["Version"] == version
    assert envelope["Response"]["ResultCode"] == written
    reply = from_response(envelope)
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound
    assert reply.version_text == version
