"""Properties of from_response(): it never crashes, and valid envelopes come back exactly."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from cca_result_codes import (
    ApiResponse,
    CcaApiError,
    EnvelopeError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    from_response,
    legacy,
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
envelope_keys = st.sampled_from(
    ["Request", "Version", "StatusCode", "Response", "ResultCode", "Error"]
)
envelope_like = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(envelope_keys | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


def parses_or_refuses(source: object) -> None:
    try:
        reply = from_response(source)
    except EnvelopeError as error:
        assert len(error.excerpt) <= 200
        assert str(error)
    else:
        assert isinstance(reply, ApiResponse)
        assert 100 <= reply.status_code < 600
        assert repr(reply)
        try:
            reply.raise_for_result()
        except CcaApiError as error:
            assert not reply.ok
            assert error.response is reply
        else:
            assert reply.ok


@given(json_values | envelope_like)
def test_any_json_value_parses_or_raises_envelope_error(value: object) -> None:
    parses_or_refuses(value)
    parses_or_refuses(json.dumps(value))


@given(st.binary())
def test_any_bytes_parse_or_raise_envelope_error(data: bytes) -> None:
    parses_or_refuses(data)


@given(st.text())
def test_any_text_parses_or_raises_envelope_error(text: str) -> None:
    parses_or_refuses(text)


@st.composite
def versions(draw: st.DrawFn) -> ServerVersion:
    part = st.integers(min_value=0, max_value=99)
    return ServerVersion(draw(part), draw(part), draw(part), draw(part))


def spell(draw: st.DrawFn, key: str) -> str:
    return draw(st.sampled_from([key, key.lower(), key.upper(), key[0].lower() + key[1:]]))


@st.composite
def valid_envelopes(draw: st.DrawFn) -> tuple[dict[str, object], dict[str, object]]:
    """An envelope, and the fields that from_response must give back for it."""
    version = draw(st.none() | versions())
    failing = draw(st.booleans())
    status = draw(st.integers(400, 599) if failing else st.integers(200, 299))
    request = draw(st.none() | st.tuples(st.sampled_from(["GET", "POST", "PUT"]), st.text()))
    envelope: dict[str, object] = {spell(draw, "StatusCode"): status}
    if version is not None:
        envelope[spell(draw, "Version")] = str(version)
    if request is not None:
        envelope[spell(draw, "Request")] = {"Method": request[0], "Url": request[1]}
    if failing:
        raw = draw(st.integers(-(2**31), 2**31 - 1) | st.sampled_from(list(ResultCode)).map(int))
        error = draw(st.text())
        payload: object = {spell(draw, "ResultCode"): raw, spell(draw, "Error"): error}
        if version is not None and version < legacy.UNIFIED_IN:
            try:
                expected_code: ResultCode | None = legacy.to_current(raw)
            except legacy.LegacyCodeError:
                expected_code = None
        else:
            expected_code = ResultCode.get(raw)
        expected_raw: int | None = raw
    else:
        payload = draw(json_values.filter(lambda value: not isinstance(value, dict)))
        expected_code, expected_raw, error = ResultCode.Success, None, ""
    envelope[spell(draw, "Response")] = payload
    expected: dict[str, object] = {
        "status_code": status,
        "version": version,
        "request": None if request is None else RequestInfo(*request),
        "result_code": expected_code,
        "raw_code": expected_raw,
        "error": error,
        "payload": payload,
        "ok": not failing,
    }
    return envelope, expected


@given(valid_envelopes())
def test_valid_envelopes_come_back_exactly(
    case: tuple[dict[str, object], dict[str, object]],
) -> None:
    envelope, expected = case
    for source in (envelope, json.dumps(envelope), json.dumps(envelope).encode()):
        reply = from_response(source)
        assert {name: getattr(reply, name) for name in expected} == expected
        assert reply.envelope == envelope
