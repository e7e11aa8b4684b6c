"""Properties of from_response(): it never crashes, and valid envelopes come back exactly."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from http import HTTPStatus

from hypothesis import given
from hypothesis import strategies as st

import readers
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
from hostile import Hostile

# Every test here runs once per reader: the short reader first, and the general reader alone.
each_reader = readers.each_reader

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


# --- hostile objects, int subclasses, response objects and statuses of every type


class _SneakyInt(int):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")

    def __int__(self) -> int:
        raise RuntimeError("__int__")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__")


class _SneakyStr(str):
    def lower(self) -> str:
        raise RuntimeError("lower")

    def strip(self, chars: str | None = None) -> str:
        raise RuntimeError("strip")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __hash__(self) -> int:
        return str.__hash__(self)


class _Colour(enum.IntEnum):
    UNAUTHORIZED = 401
    OK = 200


int_like = (
    st.integers(min_value=-(2**40), max_value=2**40)
    | st.sampled_from([99, 100, 101, 200, 299, 300, 599, 600])
    | st.sampled_from([-(2**31), 2**31 - 1, 2**31, -(2**31) - 1])
    # Built, not listed: hypothesis cannot repr an int of 5001 digits.
    | st.builds(pow, st.just(10), st.just(5000))
)
any_status = (
    int_like
    | int_like.map(_SneakyInt)
    | st.sampled_from(list(HTTPStatus))
    | st.sampled_from(list(_Colour))
    | st.sampled_from(list(ResultCode))
    | st.booleans()
    | st.none()
    | st.floats()
    | st.text(max_size=5)
    | st.builds(Hostile)
    | st.just([401])
    | st.just({"StatusCode": 401})
)
hostile_values = (
    json_scalars
    | any_status
    | st.builds(Hostile)
    | st.text(max_size=12).map(_SneakyStr)
    | st.sampled_from(["5.4.5", "5.4.6.1-beta", "abc", " 5.4.7 ", ""]).map(_SneakyStr)
)
hostile_trees = st.recursive(
    hostile_values,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(envelope_keys | st.sampled_from(["Method", "Url"]), children, max_size=5)
    ),
    max_leaves=12,
)


@given(st.dictionaries(envelope_keys, hostile_trees, max_size=5), st.none() | st.just("5.4.5"))
def test_hostile_values_give_envelope_error_or_a_response(
    source: dict[str, object], server_version: str | None
) -> None:
    try:
        reply = from_response(source, server_version=server_version)
    except EnvelopeError as error:
        assert len(error.excerpt) <= 200
        assert str(error)
    else:
        assert type(reply.status_code) is int
        assert 100 <= reply.status_code < 600
        assert reply.raw_code is None or type(reply.raw_code) is int
        assert type(reply.error) is str
        assert reply.version_text is None or type(reply.version_text) is str
        assert repr(reply)
        try:
            reply.raise_for_result()
        except CcaApiError as error:
            assert str(error)
            assert not reply.ok


@given(any_status, any_status)
def test_statuses_of_every_type(envelope_status: object, transport_status: object) -> None:
    class Response:
        status_code = transport_status
        content = json.dumps({"Response": {"ResultCode": 102, "Error": ""}}).encode()

    body = {"StatusCode": envelope_status, "Response": {"ResultCode": 102, "Error": ""}}
    for source in (body, Response()):
        try:
            reply = from_response(source)
        except EnvelopeError as error:
            assert str(error)
        else:
            assert type(reply.status_code) is int
            assert 100 <= reply.status_code < 600
            assert repr(reply).startswith(f"ApiResponse(status_code={reply.status_code},")


@given(int_like | st.sampled_from(list(HTTPStatus)))
def test_int_subclass_statuses_read_as_their_value(status: int) -> None:
    plain = int.__int__(status)
    source = {"StatusCode": _SneakyInt(plain), "Response": {"ResultCode": 102, "Error": ""}}
    try:
        reply = from_response(source)
    except EnvelopeError as error:
        assert not 100 <= plain < 600
        assert "StatusCode must be an HTTP status from 100 to 599" in str(error)
    else:
        assert 100 <= plain < 600
        assert reply.status_code == plain
        assert type(reply.status_code) is int


def _returns(value: bytes) -> Callable[[], bytes]:
    def method() -> bytes:
        return value

    return method


FAILURES: list[type[Exception]] = [
    RuntimeError,
    KeyError,
    AttributeError,
    ValueError,
    TypeError,
    OSError,
    LookupError,
]
failing_attribute = st.sampled_from(FAILURES)


@given(
    st.dictionaries(
        st.sampled_from(["status_code", "status", "content", "read", "aread"]),
        failing_attribute | any_status | st.binary(max_size=40),
        max_size=5,
    )
)
def test_response_objects_whose_attributes_raise(attributes: dict[str, object]) -> None:
    class Response:
        def __getattr__(self, name: str) -> object:
            value: object = attributes.get(name, AttributeError)
            for failure in FAILURES:
                if value is failure:
                    raise failure(name)
            if name in ("read", "aread") and isinstance(value, bytes):
                return _returns(value)
            return value

    try:
        from_response(Response())
    except EnvelopeError as error:
        assert str(error)
