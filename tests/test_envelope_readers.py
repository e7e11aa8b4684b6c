"""The twin test: the short reader and the general reader give one answer.

``from_response()`` reads the shape CcaWebApi usually sends with the short
reader (``cca_result_codes/_short_reader.py``) and everything else with the
general reader (``cca_result_codes/_general_reader.py``), the reference; the
one place that chooses is ``envelope._read_parsed()``. This file holds:

- the short reader at every edge of its shape, asked directly: it answers,
  with the values written out here and the general reader's answer;
- envelopes just outside the shape, where it must give up (None);
- its text shortcut, ``may_repeat_keys()``, case by case;
- a differential property: the two readers agree on envelopes in the usual
  shape and up to three steps away from it.

Every other envelope test runs against both readers too (``tests/readers.py``).
Speed is measured in benchmarks/, never here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import (
    EnvelopeError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    _general_reader,
    from_response,
)
from cca_result_codes import envelope as envelope_module
from cca_result_codes._general_reader import read_envelope
from cca_result_codes._headers import Headers
from cca_result_codes._short_reader import may_repeat_keys, read_usual
from vendor_table import SPEC_DIR

EXAMPLE_TEXT = (SPEC_DIR / "envelope-example.json").read_text(encoding="utf-8")
REQUEST = {"Method": "GET", "Url": "http://cca/CcaWebApi/agents"}
# Every Version these tests send, read once so that the cache holds those that parse.
VERSIONS = ("5.4.6.1", "5.4.6", "5.4.8", "5.4.5")


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


def warm_version_cache() -> None:
    for version in VERSIONS:
        from_response(usual(Version=version))


# Module scope: hypothesis refuses function-scoped fixtures. The cache starts empty here:
# holding at most 64 versions, it empties itself when full, and what the run's earlier tests
# left in it must not decide whether a version read here is evicted before a test needs it.
@pytest.fixture(scope="module", autouse=True)
def _warm_cache() -> Iterator[None]:  # pyright: ignore[reportUnusedFunction] -- autouse
    cache = _general_reader.version_cache
    saved = dict(cache)
    cache.clear()
    warm_version_cache()
    yield
    cache.clear()
    cache.update(saved)


# --- the usual shape: the short reader answers, at every edge


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
def test_the_short_reader_reads_results_at_every_edge_of_its_shape(
    envelope: dict[str, object],
    status: int,
    raw_code: int,
    error: str,
    result_code: ResultCode | None,
) -> None:
    reply = read_usual(envelope, None)
    assert reply is not None
    assert (reply.status_code, reply.raw_code, reply.error) == (status, raw_code, error)
    assert reply.result_code is result_code
    assert reply.request == RequestInfo("GET", "http://cca/CcaWebApi/agents")
    assert reply.version_text == envelope["Version"]
    assert reply.payload is envelope["Response"]
    assert reply.envelope is envelope
    assert reply == read_envelope(envelope, None, None, None, None)


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
def test_the_short_reader_reads_payloads_at_every_edge_of_its_shape(
    status: int, payload: object
) -> None:
    envelope = usual(status) | {"Response": payload}
    reply = read_usual(envelope, None)
    assert reply is not None
    assert reply.ok
    assert (reply.result_code, reply.raw_code, reply.error) == (ResultCode.Success, None, "")
    assert reply.payload == payload
    assert reply.version == ServerVersion(5, 4, 6, 1)
    assert reply == read_envelope(envelope, None, None, None, None)


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
def test_the_short_reader_gives_up_just_outside_its_shape(envelope: dict[str, object]) -> None:
    assert read_usual(envelope, None) is None


def test_the_short_reader_takes_only_a_version_read_before() -> None:
    envelope = usual(Version="5.4.9")
    _general_reader.version_cache.pop("5.4.9", None)  # as a server's first reply finds it
    assert read_usual(envelope, None) is None
    first = from_response(envelope)  # by the general reader, which caches the version
    assert read_usual(envelope, None) == first
    assert first.version == ServerVersion(5, 4, 9)


def test_both_readers_give_the_reply_the_headers_they_are_handed() -> None:
    headers = Headers([("Retry-After", "30")])
    envelope = usual(200) | {"Response": [1, 2]}
    short = read_usual(envelope, headers)
    assert short is not None
    assert short.headers is headers
    assert read_envelope(envelope, None, 200, None, headers).headers is headers


# --- the one dispatch point


def test_the_dispatch_point_asks_the_short_reader_first(monkeypatch: pytest.MonkeyPatch) -> None:
    general: list[object] = []

    def spy(data: object, *rest: object) -> object:
        general.append(data)
        return read_envelope(data, *rest)  # type: ignore[arg-type]  # passed through as given

    monkeypatch.setattr(envelope_module, "read_envelope", spy)
    for source in (EXAMPLE_TEXT, EXAMPLE_TEXT.encode(), json.loads(EXAMPLE_TEXT)):
        assert from_response(source).raw_code == 102
    assert from_response(usual(200, [1])).payload == [1]
    assert general == []
    assert from_response(usual(Version="5.4.5")).result_code is ResultCode.UnknownToken
    assert general == [usual(Version="5.4.5")]


# --- the text shortcut: may json have dropped a repeated key that the readers read?

_QUOTES_24 = json.dumps(usual(Version="5.4.6") | {"Response": {"ResultCode": 102, "Error": "url"}})
_PAYLOAD_24 = json.dumps(usual(200, ["url", "a", "b"], Version="5.4.6"))


def test_the_usual_failure_text_is_cleared_by_its_quote_count() -> None:
    # 24 quotes and no escape: json read 12 strings, so it dropped no key, though the
    # value "url" looks like a key to the count of names.
    assert _QUOTES_24.count('"') == 24
    assert may_repeat_keys(_QUOTES_24, read_usual(json.loads(_QUOTES_24), None)) is False
    assert may_repeat_keys(EXAMPLE_TEXT, read_usual(json.loads(EXAMPLE_TEXT), None)) is False


@pytest.mark.parametrize(
    ("text", "short_reader_answers", "expected"),
    [
        (_QUOTES_24, False, True),  # no short reader: "url" occurs twice
        (_QUOTES_24.replace('"url"', '"u"'), False, False),  # every name once
        (_PAYLOAD_24, True, True),  # a payload: only a failure's quotes are counted
        (_PAYLOAD_24.replace('"url"', '"u"'), True, False),
        (_QUOTES_24.replace("/agents", "\\/agents"), True, True),  # an escape: count names
        (_QUOTES_24.replace('"Error"', '"Error": "x", "Error"'), True, True),  # 28 quotes
    ],
    ids=["general", "general-unique", "payload", "payload-unique", "escape", "repeat"],
)
def test_other_texts_are_cleared_only_when_no_name_occurs_twice(
    text: str, short_reader_answers: bool, expected: bool
) -> None:
    reply = read_usual(json.loads(text), None) if short_reader_answers else None
    assert (reply is not None) is short_reader_answers
    assert may_repeat_keys(text, reply) is expected


def test_an_escaped_character_may_hide_a_repeat() -> None:
    text = '{"StatusCode": 200, "Response": 1, "St\\u0061tusCode": 200}'
    assert may_repeat_keys(text, None) is True


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
    warm_version_cache()  # a test elsewhere in the run may have emptied the cache
    sources = [envelope, json.dumps(envelope)]
    with_both = [_outcome(source) for source in sources]
    with mock.patch.object(envelope_module, "read_usual", return_value=None):
        general_only = [_outcome(source) for source in sources]
    assert with_both == general_only
