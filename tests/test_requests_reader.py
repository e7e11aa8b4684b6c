"""The short path for requests responses against the general path, its twin.

``envelope._parse_other()`` reads a requests response whose body has been
read with ``_requests_reader.read_requests_response()``, and any other
response with the general path (``read_status()``, ``read_headers()``,
``read_body()``). These tests prove that the two give the same answers,
that the short path gives up on every odd state, and that the usual
response takes it. ``tests/test_http.py`` runs its whole suite once per path.
"""

from __future__ import annotations

import json
import sys
import threading
import types
from http import HTTPStatus
from typing import TYPE_CHECKING
from unittest import mock

import pytest
import requests
from hypothesis import example, given
from hypothesis import strategies as st
from requests.structures import CaseInsensitiveDict

from cca_result_codes import EnvelopeError, from_response
from cca_result_codes import envelope as envelope_module
from cca_result_codes._headers import read_headers
from cca_result_codes._requests_reader import read_requests_response
from cca_result_codes._transport import read_body, read_status

if TYPE_CHECKING:
    from collections.abc import Iterator

FAILURE = json.dumps(
    {
        "Request": {"Method": "GET", "Url": "http://127.0.0.1/CcaWebApi/agents"},
        "Version": "5.4.6.1",
        "StatusCode": 401,
        "Response": {"ResultCode": 102, "Error": ""},
    }
).encode()
NO_STATUS = b'{"Response": {"ResultCode": 10001, "Error": "warming up"}}'
BODIES = (FAILURE, NO_STATUS, b"", b"<html></html>", b'{"StatusCode": 200, "Response": [1]}')


def _response(
    status: object = 401,
    body: object = FAILURE,
    headers: object = None,
) -> requests.Response:
    """A requests response as requests leaves it once its body is read, with *headers*."""
    response = requests.Response()
    response.status_code = status  # type: ignore[assignment]  # odd values on purpose
    response._content = body  # type: ignore[assignment]  # as requests fills it, or odd on purpose
    response.headers = _headers() if headers is None else headers  # type: ignore[assignment]  # as above
    response.url = "http://127.0.0.1/CcaWebApi/agents"
    return response


def _headers(*pairs: tuple[str, str]) -> CaseInsensitiveDict[str]:
    headers: CaseInsensitiveDict[str] = CaseInsensitiveDict()
    for name, value in pairs or (("Retry-After", "30"), ("VIA", "1.1 a")):
        headers[name] = value
    return headers


def _outcome(source: object, max_body: int | None) -> object:
    try:
        reply = from_response(source, max_body=max_body)
    except EnvelopeError as error:
        return (type(error), str(error), error.status_code, error.excerpt, error.headers)
    return (reply, reply.headers)


def _general_outcome(source: object, max_body: int | None) -> object:
    with mock.patch.object(envelope_module, "read_requests_response", return_value=None):
        return _outcome(source, max_body)


@pytest.fixture
def general_path_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The general path fails if asked: only the short path can read a response."""

    def refuse(*_: object) -> object:
        raise AssertionError("read through the general path")

    for name in ("read_status", "read_headers", "read_body"):
        monkeypatch.setattr(envelope_module, name, refuse)


# --- the twin: same answers, in every state a response can be in


_statuses = st.one_of(
    st.integers(min_value=-1, max_value=700),
    st.sampled_from([True, HTTPStatus.UNAUTHORIZED, None, "401", 401.0]),
)
_bodies = st.one_of(
    st.sampled_from(BODIES),
    st.binary(max_size=40),
    st.sampled_from([False, None, bytearray(FAILURE), "text"]),
)
_header_pairs = st.lists(
    st.tuples(st.sampled_from(["Retry-After", "via", "X-Id", "x-id"]), st.text(max_size=5)),
    max_size=4,
)
_limits = st.one_of(st.none(), st.integers(min_value=0, max_value=len(FAILURE) + 2))


@given(status=_statuses, body=_bodies, pairs=_header_pairs, max_body=_limits)
@example(status=401, body=FAILURE, pairs=[], max_body=None)
@example(status=100, body=NO_STATUS, pairs=[], max_body=None)
@example(status=99, body=NO_STATUS, pairs=[], max_body=None)
@example(status=599, body=NO_STATUS, pairs=[], max_body=None)
@example(status=600, body=NO_STATUS, pairs=[], max_body=None)
@example(status=True, body=NO_STATUS, pairs=[], max_body=None)
@example(status=HTTPStatus.UNAUTHORIZED, body=NO_STATUS, pairs=[], max_body=None)
@example(status=401, body=FAILURE, pairs=[], max_body=len(FAILURE))
@example(status=401, body=FAILURE, pairs=[], max_body=len(FAILURE) - 1)
@example(status=401, body=FAILURE, pairs=[], max_body=0)
@example(status=204, body=b"", pairs=[], max_body=0)
@example(status=401, body=bytearray(FAILURE), pairs=[], max_body=None)
@example(status=401, body=False, pairs=[], max_body=None)
@example(status=401, body=FAILURE, pairs=[("Via", "a"), ("via", "b")], max_body=None)
def test_both_paths_give_the_same_answer(
    status: object, body: object, pairs: list[tuple[str, str]], max_body: int | None
) -> None:
    def response() -> requests.Response:
        return _response(status, body, _headers(*pairs) if pairs else CaseInsensitiveDict[str]())

    assert _outcome(response(), max_body) == _general_outcome(response(), max_body)


@given(status=_statuses, body=_bodies, pairs=_header_pairs, max_body=_limits)
@example(status=100, body=FAILURE, pairs=[], max_body=None)
@example(status=599, body=FAILURE, pairs=[("X-Id", "1")], max_body=len(FAILURE))
def test_where_the_short_path_answers_it_answers_as_the_general_path(
    status: object, body: object, pairs: list[tuple[str, str]], max_body: int | None
) -> None:
    response = _response(status, body, _headers(*pairs) if pairs else CaseInsensitiveDict[str]())
    known = read_requests_response(response, max_body)
    if known is not None:
        general_status, _ = read_status(response)
        assert general_status is not None
        general_headers = read_headers(response)
        general_body = read_body(response, general_status, status, max_body, general_headers)
        assert known == (general_status, general_body, general_headers)
        assert type(known[0]) is int


# --- the usual response takes the short path, at every edge of its state


@pytest.mark.usefixtures("general_path_refused")
@pytest.mark.parametrize(
    ("status", "max_body", "headers"),
    [
        (401, envelope_module.MAX_BODY, _headers()),
        (100, None, _headers()),
        (599, len(FAILURE), _headers()),
        (401, len(FAILURE), CaseInsensitiveDict[str]()),
        (401, None, _headers(("Via", "a"), ("via", "b"))),
    ],
    ids=["usual", "status-100-no-limit", "status-599-body-at-the-limit", "no-headers", "repeat"],
)
def test_the_usual_response_takes_the_short_path(
    status: int, max_body: int | None, headers: CaseInsensitiveDict[str]
) -> None:
    expected_headers = dict(headers.items())
    reply = from_response(_response(status, FAILURE, headers), max_body=max_body)
    assert (reply.status_code, reply.raw_code, reply.error) == (401, 102, "")
    assert reply.headers == expected_headers


@pytest.mark.usefixtures("general_path_refused")
def test_the_short_path_gives_the_transport_status_to_an_envelope_without_one() -> None:
    for status in (100, 503, 599):
        reply = from_response(_response(status, NO_STATUS))
        assert (reply.status_code, reply.raw_code) == (status, 10001)


@pytest.mark.usefixtures("general_path_refused")
def test_the_short_path_reads_headers_without_iterating_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(self: object) -> Iterator[str]:
        raise AssertionError("read through Mapping")

    monkeypatch.setattr(CaseInsensitiveDict, "__iter__", refuse)
    reply = from_response(_response())
    assert list(reply.headers or {}) == ["Retry-After", "VIA"]
    assert reply.headers == {"retry-after": "30", "via": "1.1 a"}


# --- the short path gives up on everything else, and the general path answers


def test_a_body_over_the_limit_is_refused_by_the_general_path() -> None:
    response = _response()
    assert read_requests_response(response, len(FAILURE) - 1) is None
    with pytest.raises(EnvelopeError, match=f"larger than {len(FAILURE) - 1} bytes"):
        from_response(response, max_body=len(FAILURE) - 1)


@pytest.mark.parametrize("status", [99, 600, True, HTTPStatus.UNAUTHORIZED, None, "401"], ids=repr)
def test_a_status_that_is_not_a_plain_http_status_is_left_to_the_general_path(
    status: object,
) -> None:
    assert read_requests_response(_response(status), None) is None


@pytest.mark.parametrize("body", [False, None, bytearray(FAILURE), "text"], ids=repr)
def test_a_body_that_is_not_plain_bytes_is_left_to_the_general_path(body: object) -> None:
    assert read_requests_response(_response(body=body), None) is None


def test_a_subclass_of_requests_response_is_left_to_the_general_path() -> None:
    class Mine(requests.Response):
        pass

    response = Mine()
    response.status_code = 401
    response._content = FAILURE
    assert read_requests_response(response, None) is None
    assert from_response(response).raw_code == 102


def test_headers_that_are_not_requests_own_are_left_to_the_general_path() -> None:
    response = _response(headers={"Retry-After": "30"})
    assert read_requests_response(response, None) is None
    assert from_response(response).headers == {"Retry-After": "30"}


def test_a_response_is_read_while_requests_models_is_not_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    response = _response()
    monkeypatch.delitem(sys.modules, "requests.models")
    assert read_requests_response(response, None) is None
    assert from_response(response).headers == {"Retry-After": "30", "Via": "1.1 a"}


def test_other_inputs_are_left_to_the_general_path() -> None:
    for source in ({"StatusCode": 200}, "text", b"bytes", object()):
        assert read_requests_response(source, None) is None


class _Folded(str):
    __slots__ = ()


@pytest.mark.parametrize(
    ("folded", "pair", "kept"),
    [
        ("x-id", ("X-Id", 7), {}),
        ("x-id", ("X-Id", _Folded("7")), {"X-Id": "7"}),
        ("x-id", (_Folded("X-Id"), "7"), {"X-Id": "7"}),
        ("x-id", ("X-Id", "7", "8"), None),
        ("x-id", ["X-Id", "7"], {"X-Id": "7"}),
        ("x-id", ("Other", "7"), None),
        (_Folded("x-id"), ("X-Id", "7"), {"X-Id": "7"}),
        (7, ("X-Id", "7"), None),
    ],
    ids=[
        "int-value",
        "str-subclass-value",
        "str-subclass-name",
        "three",
        "list",
        "misfiled",
        "str-subclass-key",
        "int-key",
    ],
)
def test_an_odd_header_table_is_left_to_the_general_path(
    folded: object, pair: object, kept: dict[str, str] | None
) -> None:
    headers = _headers()
    headers._store[folded] = pair  # type: ignore[attr-defined]  # private in requests' stubs: tampered with
    response = _response(headers=headers)
    assert read_requests_response(response, None) is None
    expected = None if kept is None else {"Retry-After": "30", "Via": "1.1 a"} | kept
    assert from_response(response).headers == expected


def test_a_header_table_that_is_a_plain_dict_is_left_to_the_general_path() -> None:
    headers = _headers()
    headers._store = dict(headers._store)  # type: ignore[attr-defined]  # private in requests' stubs: tampered with
    response = _response(headers=headers)
    assert read_requests_response(response, None) is None
    assert from_response(response).headers == {"Retry-After": "30", "Via": "1.1 a"}


def test_a_header_table_that_is_gone_is_left_to_the_general_path() -> None:
    headers = _headers()
    del headers._store  # type: ignore[attr-defined]  # private in requests' stubs: tampered with
    response = _response(headers=headers)
    assert read_requests_response(response, None) is None
    assert from_response(response).headers is None


def test_a_requests_models_module_without_its_classes_leaves_responses_to_the_general_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    response = _response()
    stub = types.ModuleType("requests.models")
    monkeypatch.setitem(sys.modules, "requests.models", stub)
    assert read_requests_response(response, None) is None
    assert from_response(response).headers == {"Retry-After": "30", "Via": "1.1 a"}
    stub.Response = requests.Response  # type: ignore[attr-defined]  # half a stub
    assert read_requests_response(response, None) is None
    assert from_response(response).headers == {"Retry-After": "30", "Via": "1.1 a"}


class _StubResponse:
    """A response class of a stub of requests.models, whose headers are a plain dict."""

    def __init__(self) -> None:
        self.status_code = 401
        self._content = FAILURE
        self.headers = {"Retry-After": "5"}

    @property
    def content(self) -> bytes:
        return self._content


def test_a_stub_of_requests_models_leaves_its_responses_to_the_general_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stub = types.ModuleType("requests.models")
    stub.Response = _StubResponse  # type: ignore[attr-defined]  # a stub
    stub.CaseInsensitiveDict = dict  # type: ignore[attr-defined]  # as above
    monkeypatch.setitem(sys.modules, "requests.models", stub)
    assert read_requests_response(_StubResponse(), None) is None
    reply = from_response(_StubResponse())
    assert (reply.raw_code, reply.headers) == (102, {"Retry-After": "5"})


def test_a_stub_that_fails_on_any_attribute_leaves_every_input_to_the_general_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stub = types.ModuleType("requests.models")

    def refuse(name: str) -> object:
        raise ImportError(f"no {name} in this stub")

    stub.__getattr__ = refuse  # type: ignore[method-assign]  # a module's own __getattr__
    monkeypatch.setitem(sys.modules, "requests.models", stub)

    class Envelope(dict[str, object]):
        pass

    assert read_requests_response(_response(), None) is None
    assert from_response(_StubResponse()).raw_code == 102
    assert from_response(Envelope(StatusCode=200, Response=1)).payload == 1


def test_headers_changed_by_another_thread_while_they_are_read_lose_nothing() -> None:
    headers = _headers(*((f"X-{number}", str(number)) for number in range(200)))
    response = _response(headers=headers)
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            headers["Late"] = "1"
            del headers["Late"]

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    thread = threading.Thread(target=churn)
    thread.start()
    try:
        replies = [from_response(response) for _ in range(2000)]
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    assert {reply.raw_code for reply in replies} == {102}


@pytest.mark.parametrize("path", ["short", "general"])
def test_the_body_is_marked_consumed_as_reading_content_marks_it(path: str) -> None:
    response = _response()
    assert response._content_consumed is False  # type: ignore[attr-defined]  # as requests' constructor leaves it
    if path == "short":
        from_response(response)
    else:
        _general_outcome(response, None)
    assert response._content_consumed is True  # type: ignore[attr-defined]  # as content leaves it
    assert b"".join(response.iter_content(16)) == FAILURE
