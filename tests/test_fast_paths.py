"""The usual envelope takes the fast path, and every other envelope takes the general one.

``from_response()`` reads an envelope in the shape CcaWebApi sends with a
short reader of its own, and everything else with the general reader, which
gives the same answers, only slower. Speed is measured in benchmarks/, never
here; these tests pin down which reader runs, at every edge of the usual
shape, so that neither a slower library nor a wrong fast path goes unseen.
"""

from __future__ import annotations

import contextlib
import json
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import (
    ApiResponse,
    EnvelopeError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    from_response,
)
from cca_result_codes import envelope as envelope_module
from vendor_table import SPEC_DIR

EXAMPLE_TEXT = (SPEC_DIR / "envelope-example.json").read_text(encoding="utf-8")
REQUEST = {"Method": "GET", "Url": "http://cca/CcaWebApi/agents"}


def usual(status: int = 401, response: object = None, **changes: object) -> dict[str, object]:
    """An envelope in the vendor's shape and key order; *changes* replace or add keys."""
    if response is None:
        response = {"ResultCode": 102, "Error": "expired"}
    base: dict[str, object] = {
        "Request": dict(REQUEST),
        "Version": "5.4.6.1",
        "StatusCode": status,
        "Response": response,
    }
    return base | changes


@pytest.fixture
def general_reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The envelopes that reached the general reader, in order; the version cache is warm."""
    from_response(usual(Version="5.4.6"))
    from_response(usual(Version="5.4.5"))
    from_response(usual())
    calls: list[object] = []
    real = envelope_module._read_envelope  # pyright: ignore[reportPrivateUsage]

    def spy(
        data: object,
        fallback_version: ServerVersion | None,
        transport_status: int | None,
        repeats: dict[int, tuple[object, list[str]]] | None,
    ) -> ApiResponse:
        calls.append(data)
        return real(data, fallback_version, transport_status, repeats)

    monkeypatch.setattr(envelope_module, "_read_envelope", spy)
    return calls


# --- the usual shape: read without the general reader, at every edge


@pytest.mark.parametrize(
    ("envelope", "status", "raw_code", "error", "result_code"),
    [
        (usual(), 401, 102, "expired", ResultCode.UnknownToken),
        (usual(100), 100, 102, "expired", ResultCode.UnknownToken),
        (usual(599), 599, 102, "expired", ResultCode.UnknownToken),
        (usual(300), 300, 102, "expired", ResultCode.UnknownToken),
        (usual(200, {"ResultCode": 0, "Error": ""}), 200, 0, "", ResultCode.Success),
        (usual(299, {"ResultCode": 1, "Error": "x"}), 299, 1, "x", ResultCode.Pending),
        (usual(409, {"ResultCode": -(2**31), "Error": ""}), 409, -(2**31), "", None),
        (usual(409, {"ResultCode": 2**31 - 1, "Error": ""}), 409, 2**31 - 1, "", None),
        (usual(409, {"ResultCode": 799, "Error": ""}), 409, 799, "", None),
        (usual(Version="5.4.6"), 401, 102, "expired", ResultCode.UnknownToken),
    ],
    ids=[
        "vendor",
        "status-100",
        "status-599",
        "status-300",
        "2xx-result",
        "status-299",
        "int32-min",
        "int32-max",
        "unknown-code",
        "version-5.4.6",
    ],
)
def test_results_in_the_usual_shape_skip_the_general_reader(
    general_reads: list[object],
    envelope: dict[str, object],
    status: int,
    raw_code: int,
    error: str,
    result_code: ResultCode | None,
) -> None:
    for source in (envelope, json.dumps(envelope)):
        reply = from_response(source)
        assert (reply.status_code, reply.raw_code, reply.error) == (status, raw_code, error)
        assert reply.result_code is result_code
        assert reply.request == RequestInfo("GET", "http://cca/CcaWebApi/agents")
        assert reply.version_text == envelope["Version"]
        assert reply.payload == envelope["Response"]
    assert general_reads == []


@pytest.mark.parametrize(
    ("status", "payload"),
    [
        (200, [1, 2]),
        (299, "done"),
        (204, None),
        (200, {"Id": 7, "Name": "Ann", "Error": "none"}),
    ],
    ids=["list", "string", "null", "three-keys"],
)
def test_payloads_in_the_usual_shape_skip_the_general_reader(
    general_reads: list[object], status: int, payload: object
) -> None:
    envelope = usual(status) | {"Response": payload}
    for source in (envelope, json.dumps(envelope)):
        reply = from_response(source)
        assert reply.ok
        assert (reply.result_code, reply.raw_code, reply.error) == (ResultCode.Success, None, "")
        assert reply.payload == payload
        assert reply.version == ServerVersion(5, 4, 6, 1)
    assert general_reads == []


def test_the_usual_text_is_decoded_once_without_counting_its_strings(
    general_reads: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_called(*_: object) -> object:
        raise AssertionError("the usual failure text needs neither")

    monkeypatch.setattr(envelope_module, "_count_strings", not_called)
    monkeypatch.setattr(envelope_module, "_decode_noting_repeats", not_called)
    assert from_response(EXAMPLE_TEXT).raw_code == 102
    compact = json.dumps(json.loads(EXAMPLE_TEXT), separators=(",", ":"))
    assert from_response(compact).raw_code == 102
    assert general_reads == []


# --- just outside the usual shape: the general reader decides


@pytest.mark.parametrize(
    "envelope",
    [
        usual() | {"Extra": 1},
        {key: value for key, value in usual().items() if key != "Request"},
        {key: value for key, value in usual(200).items() if key != "Response"} | {"Extra": None},
        usual() | {"Request": None},
        usual() | {"Request": {"Method": "GET"}},
        usual() | {"Request": REQUEST | {"Body": ""}},
        usual() | {"Request": {"method": "GET", "Url": "u"}},
        usual() | {"Request": {"Method": None, "Url": "u"}},
        usual() | {"Request": {"Method": "GET", "Url": None}},
        usual() | {"Version": ""},
        usual() | {"Version": None},
        usual() | {"Version": "5.4.5"},
        usual() | {"Version": "5.4.6.1-beta"},
        usual(200, {"ResultCode": 0}),
        usual(200, {"resultCode": 0, "Error": ""}),
        usual(200, {}),
        usual(200, {"Id": 7}),
        usual(200, {"Id": 7, "Name": "Ann"}),
        usual(401, {"ResultCode": 102}),
        usual(401, {"ResultCode": 102, "Error": None}),
        usual(401, {"ResultCode": True, "Error": ""}),
        usual(401, {"ResultCode": 2**31, "Error": ""}),
        usual(401, {"ResultCode": -(2**31) - 1, "Error": ""}),
        usual(401, {"ResultCode": 102, "Error": 5}),
        usual(401, [1]),
        usual(199, [1]),
        usual(300, [1]),
        usual(99),
        usual(600),
        usual(True),  # bool is an int subclass, not a status
    ],
    ids=[
        "five-keys",
        "three-keys",
        "no-response",
        "request-null",
        "request-one-key",
        "request-three-keys",
        "request-key-case",
        "method-null",
        "url-null",
        "version-empty",
        "version-null",
        "version-legacy",
        "version-not-cached",
        "2xx-result-one-key",
        "2xx-result-key-case",
        "2xx-empty-object",
        "2xx-one-key-payload",
        "2xx-two-key-payload",
        "result-one-key",
        "error-null",
        "code-bool",
        "code-above-int32",
        "code-below-int32",
        "error-int",
        "4xx-list",
        "199-list",
        "300-list",
        "status-99",
        "status-600",
        "status-bool",
    ],
)
def test_anything_else_goes_to_the_general_reader(
    general_reads: list[object], envelope: dict[str, object]
) -> None:
    for source in (envelope, json.dumps(envelope)):
        general_reads.clear()
        with contextlib.suppress(EnvelopeError):
            from_response(source)
        assert len(general_reads) == 1
        assert general_reads[0] == envelope


def test_a_first_version_is_read_by_the_general_reader_then_cached(
    general_reads: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(envelope_module, "_version_cache", {})
    first, second = from_response(usual()), from_response(usual())
    assert first == second
    assert first.version == ServerVersion(5, 4, 6, 1)
    assert general_reads == [usual()]


# --- repeated keys still count in the usual shape


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            EXAMPLE_TEXT.replace('"StatusCode": 401', '"StatusCode": 401, "StatusCode": 401'),
            "the envelope has the key 'StatusCode' twice",
        ),
        (
            EXAMPLE_TEXT.replace('"Method": "GET"', '"Method": "GET", "Method": "GET"'),
            "Request has the key 'Method' twice",
        ),
        (
            EXAMPLE_TEXT.replace('"ResultCode": 102', '"ResultCode": 102, "ResultCode": 102'),
            "Response has the key 'ResultCode' twice",
        ),
        (
            json.dumps(usual(200, [1])).replace(
                '"StatusCode": 200', '"StatusCode": 200, "StatusCode": 200'
            ),
            "the envelope has the key 'StatusCode' twice",
        ),
        (
            json.dumps(usual(200, [1])).replace('"Url": ', '"Url": "x", "Url": '),
            "Request has the key 'Url' twice",
        ),
    ],
    ids=["envelope", "request", "result", "payload-envelope", "payload-request"],
)
def test_a_repeated_key_in_the_usual_shape_is_refused(text: str, message: str) -> None:
    with pytest.raises(EnvelopeError, match=f"^{message}$"):
        from_response(text)


# --- both readers give the same answer, near the usual shape and far from it

_RESULTS = st.fixed_dictionaries(
    {},
    optional={
        "ResultCode": st.one_of(
            st.sampled_from([0, 1, 102, 711, 799, -(2**31), 2**31 - 1, 2**31, True, 1.0]),
            st.integers(),
            st.none(),
            st.just("102"),
        ),
        "Error": st.one_of(st.sampled_from(["", "expired", 'say "hi"']), st.none(), st.just(5)),
        "resultCode": st.just(102),
        "Id": st.just(7),
    },
)
_ENVELOPE_VALUES = {
    "Request": st.one_of(
        st.just(REQUEST),
        st.dictionaries(
            st.sampled_from(["Method", "Url", "method", "Body"]),
            st.one_of(st.sampled_from(["GET", "u", ""]), st.none(), st.just(1)),
            max_size=3,
        ),
        st.none(),
        st.just("GET /x"),
    ),
    "Version": st.one_of(
        st.sampled_from(["5.4.6.1", "5.4.6", "5.4.8", "5.4.5", "", "5.4.6.1-beta", "05.4.6"]),
        st.none(),
        st.just(546),
    ),
    "StatusCode": st.one_of(
        st.sampled_from([99, 100, 200, 204, 299, 300, 401, 409, 599, 600]),
        st.booleans(),
        st.just("401"),
        st.none(),
    ),
    "Response": st.one_of(
        _RESULTS,
        st.lists(st.integers(), max_size=2),
        st.sampled_from(["done", 0, None]),
        st.just({"Id": 7, "Name": "Ann", "Error": "none"}),
    ),
}


@st.composite
def _near_usual(draw: st.DrawFn) -> dict[str, object]:
    """Envelopes in the usual shape, and up to three steps away from it in every direction."""
    envelope: dict[str, object] = {
        "Request": dict(REQUEST),
        "Version": draw(st.sampled_from(["5.4.6.1", "5.4.6", "5.4.8"])),
        "StatusCode": draw(st.sampled_from([100, 200, 204, 299, 300, 401, 409, 599])),
        "Response": draw(
            st.one_of(
                st.fixed_dictionaries(
                    {
                        "ResultCode": st.sampled_from([0, 1, 102, 711, 799, -(2**31), 2**31 - 1]),
                        "Error": st.sampled_from(["", "expired"]),
                    }
                ),
                st.lists(st.integers(), max_size=2),
                st.just({"Id": 7, "Name": "Ann", "Error": "none"}),
            )
        ),
    }
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(sorted(_ENVELOPE_VALUES)))
        step = draw(st.sampled_from(["value", "value", "spelling", "drop", "extra"]))
        if step == "value":
            envelope[key] = draw(_ENVELOPE_VALUES[key])
        elif step == "spelling" and key in envelope:
            envelope[key.lower()] = envelope.pop(key)
        elif step == "drop":
            envelope.pop(key, None)
        else:
            envelope["Extra"] = 1
    return envelope


def _outcome(source: object) -> object:
    try:
        return from_response(source)
    except EnvelopeError as error:
        return (type(error), str(error), error.status_code, error.excerpt)


@given(envelope=_near_usual())
@example(envelope=usual())
@example(envelope=usual(200, [1]))
@example(envelope=usual(200, {"ResultCode": 0, "Error": ""}))
@example(envelope=usual(200, {"ResultCode": 0}))
@example(envelope=usual(599, {"ResultCode": 2**31 - 1, "Error": ""}))
@example(envelope=usual(100, {"ResultCode": -(2**31), "Error": ""}))
@example(envelope=usual(600))
@example(envelope=usual(99))
@example(envelope=usual(Version="5.4.5"))
@example(  # four keys, but "Response" only in another case: not a null payload
    envelope={key: value for key, value in usual(200).items() if key != "Response"}
    | {"response": {"Id": 7}}
)
def test_the_short_reader_and_the_general_reader_agree(envelope: dict[str, object]) -> None:
    for version in ("5.4.6.1", "5.4.6", "5.4.8", "5.4.5"):  # every usual Version is cached
        from_response(usual(Version=version))
    sources = [envelope, json.dumps(envelope)]
    with_both = [_outcome(source) for source in sources]
    with mock.patch.object(envelope_module, "_read_usual", return_value=None):
        general_only = [_outcome(source) for source in sources]
    assert with_both == general_only
