"""Pending and other successes that carry a result instead of a payload; the headers mapping."""

from __future__ import annotations

import pickle
from collections.abc import Mapping

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import CcaApiError, ResultCode, from_response
from cca_result_codes._headers import Headers


def _reply(status: int, response: object) -> dict[str, object]:
    return {"Version": "5.4.6.1", "StatusCode": status, "Response": response}


@pytest.mark.parametrize("status", [200, 202, 299])
def test_an_accepted_pending_reply_is_pending_and_has_no_payload(status: int) -> None:
    result = {"ResultCode": 1, "Error": ""}
    reply = from_response(_reply(status, result))
    assert reply.ok
    assert reply.pending is True
    assert reply.result_code is ResultCode.Pending
    assert reply.raise_for_result() is None
    assert reply.payload == {"ResultCode": 1, "Error": ""}


@pytest.mark.parametrize(
    "result",
    [
        {"ResultCode": 0, "Error": ""},
        {"ResultCode": 0},
        {"resultCode": 2, "error": None},  # SuccessListRunning
        {"ResultCode": 57, "Error": "a newer server's success"},
    ],
)
def test_a_success_result_is_done_and_has_no_payload(result: dict[str, object]) -> None:
    reply = from_response(_reply(200, result))
    assert reply.ok
    assert reply.pending is False
    assert reply.raise_for_result() is None
    assert reply.payload == result


@pytest.mark.parametrize(
    "payload", [[{"Id": 1}], {"Id": 7}, {"ResultCode": "OK"}, None, 0, {"Error": "boom"}]
)
def test_a_payload_is_returned_as_sent(payload: object) -> None:
    reply = from_response(_reply(200, payload))
    assert reply.pending is False
    assert reply.raise_for_result() == payload
    assert reply.raise_for_result() is reply.payload


def test_pending_on_a_failure_status_is_not_pending() -> None:
    reply = from_response(_reply(500, {"ResultCode": 1, "Error": ""}))
    assert reply.pending is False
    with pytest.raises(CcaApiError):
        reply.raise_for_result()


def test_a_legacy_pending_reply_is_pending() -> None:
    reply = from_response(
        {"Version": "5.4.5", "StatusCode": 202, "Response": {"ResultCode": 1, "Error": ""}}
    )
    assert reply.pending is True


def test_a_2xx_body_whose_envelope_says_401_raises_even_with_code_0() -> None:
    # The envelope's own status counts: the server says the call failed.
    reply = from_response(_reply(401, {"ResultCode": 0, "Error": ""}))
    assert not reply.ok
    with pytest.raises(CcaApiError) as caught:
        reply.raise_for_result()
    assert type(caught.value) is CcaApiError
    assert caught.value.status_code == 401


# --- Headers


def test_headers_join_repeats_in_order_and_keep_the_first_name() -> None:
    headers = Headers([("Via", "a"), ("X-Id", "1"), ("VIA", "b"), ("via", "c")])
    assert list(headers) == ["Via", "X-Id"]
    assert len(headers) == 2
    assert headers["via"] == "a, b, c"
    assert dict(headers) == {"Via": "a, b, c", "X-Id": "1"}
    assert repr(headers) == "Headers({'Via': 'a, b, c', 'X-Id': '1'})"
    assert isinstance(headers, Mapping)


def test_headers_refuse_keys_that_are_not_strings() -> None:
    headers = Headers([("7", "seven")])
    with pytest.raises(KeyError):
        headers[7]  # type: ignore[index]  # wrong on purpose
    assert headers.get(7) is None  # type: ignore[call-overload]  # wrong on purpose
    assert 7 not in headers  # type: ignore[comparison-overlap]  # wrong on purpose


def test_headers_equal_any_mapping_in_any_case() -> None:
    headers = Headers([("Retry-After", "5")])
    assert headers == {"retry-after": "5"}
    assert headers == Headers([("RETRY-AFTER", "5")])
    assert headers != {"retry-after": "6"}
    assert headers != {"retry-after": "5", "via": "a"}
    assert headers != {7: "5"}
    assert headers != [("Retry-After", "5")]
    assert (headers == [("Retry-After", "5")]) is False  # not a mapping: not equal, not None
    assert headers.__eq__(1) is NotImplemented
    assert Headers() == {}
    with pytest.raises(TypeError):
        hash(headers)


def test_headers_are_read_only_and_pickle() -> None:
    headers = Headers([("Via", "a"), ("via", "b")])
    with pytest.raises(AttributeError):
        headers.extra = 1  # type: ignore[attr-defined]  # slots: no new attributes
    clone = pickle.loads(pickle.dumps(headers))
    assert type(clone) is Headers
    assert list(clone.items()) == [("Via", "a, b")]


names = st.text(st.sampled_from("aAbB-"), min_size=1, max_size=4)


@given(st.lists(st.tuples(names, st.text(max_size=3)), max_size=8))
@example([("a", "1"), ("A", "2")])
@example([])
def test_headers_match_a_dict_of_folded_names(fields: list[tuple[str, str]]) -> None:
    expected: dict[str, list[str]] = {}
    for name, value in fields:
        expected.setdefault(name.lower(), []).append(value)
    headers = Headers(fields)
    assert {name.lower(): value for name, value in headers.items()} == {
        name: ", ".join(values) for name, values in expected.items()
    }
    for name, values in expected.items():
        assert headers[name.upper()] == ", ".join(values)
    assert pickle.loads(pickle.dumps(headers)) == headers
