"""from_response() on dicts and JSON text: both shapes, legacy numbers, bad input."""

from __future__ import annotations

import json
import pickle
import sys

import pytest

import readers
from cca_result_codes import (
    ApiResponse,
    Category,
    CcaApiError,
    EnvelopeError,
    GeneralError,
    ListenInError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    from_response,
)
from vendor_table import SPEC_DIR

# Every test here runs once per reader: the short reader first, and the general reader alone.
each_reader = readers.each_reader

EXAMPLE_TEXT = (SPEC_DIR / "envelope-example.json").read_text(encoding="utf-8")


def envelope(status: int = 401, response: object = None, **extra: object) -> dict[str, object]:
    if response is None:
        response = {"ResultCode": 102, "Error": ""}
    return {"StatusCode": status, "Response": response, **extra}


# --- the vendor's example


def test_vendor_example_field_by_field() -> None:
    reply = from_response(EXAMPLE_TEXT)
    assert reply.request == RequestInfo("GET", "http://{Server}/CcaWebApi/agents")
    assert reply.request is not None
    assert reply.request.method == "GET"
    assert reply.request.url == "http://{Server}/CcaWebApi/agents"
    assert reply.version == ServerVersion(5, 4, 6, 1)
    assert reply.status_code == 401
    assert reply.result_code is ResultCode.UnknownToken
    assert reply.raw_code == 102
    assert reply.error == ""
    assert reply.payload == {"ResultCode": 102, "Error": ""}
    assert reply.ok is False
    assert reply.category is Category.GENERAL
    assert reply.envelope == json.loads(EXAMPLE_TEXT)


@pytest.mark.parametrize(
    "source",
    [
        EXAMPLE_TEXT,
        EXAMPLE_TEXT.encode(),
        bytearray(EXAMPLE_TEXT.encode()),
        b"\xef\xbb\xbf" + EXAMPLE_TEXT.encode(),
        "\ufeff" + EXAMPLE_TEXT,
        json.loads(EXAMPLE_TEXT),
    ],
    ids=["str", "bytes", "bytearray", "bytes-bom", "str-bom", "dict"],
)
def test_every_source_kind_gives_the_same_response(source: object) -> None:
    assert from_response(source) == from_response(EXAMPLE_TEXT)


def test_raise_for_result_on_the_vendor_example() -> None:
    with pytest.raises(GeneralError) as caught:
        from_response(EXAMPLE_TEXT).raise_for_result()
    error = caught.value
    assert str(error) == (
        "401 UnknownToken (102): Unknown token [GET http://{Server}/CcaWebApi/agents]"
    )
    assert error.result_code is ResultCode.UnknownToken
    assert error.raw_code == 102
    assert error.status_code == 401
    assert error.error == ""
    assert error.response == from_response(EXAMPLE_TEXT)


# --- success envelopes


@pytest.mark.parametrize(
    "payload",
    [{"Agents": [{"Id": 1}]}, [1, 2, 3], "text", 42, 1.5, True, None, {}, []],
    ids=repr,
)
def test_success_payloads_come_back_as_sent(payload: object) -> None:
    reply = from_response(envelope(200, payload) | {"Response": payload})
    assert reply.ok
    assert reply.result_code is ResultCode.Success
    assert reply.raw_code is None
    assert reply.error == ""
    assert reply.payload == payload
    assert reply.category is Category.SUCCESS
    assert reply.raise_for_result() == payload


def test_success_with_an_explicit_success_code() -> None:
    reply = from_response(envelope(200, {"ResultCode": 2, "Error": ""}))
    assert reply.ok
    assert reply.result_code is ResultCode.SuccessListRunning
    assert reply.raw_code == 2


def test_2xx_with_an_error_code_is_not_ok() -> None:
    reply = from_response(envelope(200, {"ResultCode": 711, "Error": "busy"}))
    assert not reply.ok
    with pytest.raises(ListenInError, match="No active conversation \N{EM DASH} busy"):
        reply.raise_for_result()


def test_a_payload_that_merely_has_a_result_code_field_stays_a_payload() -> None:
    payload = {"Id": 7, "ResultCode": 1003, "Name": "job"}
    reply = from_response(envelope(200, payload))
    assert reply.ok
    assert reply.raw_code is None
    assert reply.payload == payload


def test_failure_with_a_success_code_is_not_ok() -> None:
    reply = from_response(envelope(500, {"ResultCode": 0, "Error": "odd"}))
    assert not reply.ok
    with pytest.raises(CcaApiError) as caught:
        reply.raise_for_result()
    assert type(caught.value) is CcaApiError
    assert str(caught.value) == "500 Success (0): No error \N{EM DASH} odd"


# --- keys, versions and the request


def test_keys_match_case_insensitively() -> None:
    reply = from_response(
        {
            "request": {"METHOD": "POST", "url": "http://h/x"},
            "version": "5.4.7",
            "statusCode": 409,
            "response": {"resultCode": 502, "error": "held by bob"},
        }
    )
    assert reply.request == RequestInfo("POST", "http://h/x")
    assert reply.version == ServerVersion(5, 4, 7)
    assert reply.result_code is ResultCode.AlreadyLocked
    assert reply.error == "held by bob"


def test_the_same_key_twice_in_different_cases_is_rejected() -> None:
    with pytest.raises(EnvelopeError, match=r"^the envelope has the key 'statusCode' twice"):
        from_response({"StatusCode": 401, "statusCode": 200, "Response": None})


@pytest.mark.parametrize("version", ["", None])
def test_empty_or_null_version_is_none(version: object) -> None:
    assert from_response(envelope(Version=version)).version is None


def test_absent_version_and_request_are_none() -> None:
    reply = from_response(envelope())
    assert reply.version is None
    assert reply.request is None


def test_request_parts_may_be_absent() -> None:
    assert from_response(envelope(Request={})).request == RequestInfo(None, None)
    assert from_response(envelope(Request={"Url": "u"})).request == RequestInfo(None, "u")


def test_extra_keys_are_kept_in_the_envelope() -> None:
    source = envelope(TraceId="abc")
    assert from_response(source).envelope["TraceId"] == "abc"


# --- legacy numbers


def test_old_version_reads_legacy_numbers_and_keeps_the_raw_number() -> None:
    reply = from_response(envelope(response={"ResultCode": 712, "Error": ""}, Version="5.4.5"))
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound
    assert reply.raw_code == 712
    with pytest.raises(ListenInError, match=r"\(711, sent as legacy 712\)"):
        reply.raise_for_result()


def test_caller_version_reads_legacy_numbers_when_the_envelope_has_none() -> None:
    source = envelope(response={"ResultCode": 715, "Error": ""}, Version="")
    assert from_response(source).result_code is None  # 715 is unknown today
    assert from_response(source, server_version="5.4.5").result_code is ResultCode.ListenInCallEnd
    old = ServerVersion(5, 4, 5, 9)
    assert from_response(source, server_version=old).result_code is ResultCode.ListenInCallEnd


def test_envelope_version_wins_over_the_callers() -> None:
    source = envelope(response={"ResultCode": 712, "Error": ""}, Version="5.4.6.1")
    reply = from_response(source, server_version="5.4.5")
    assert reply.result_code is ResultCode.ListenInTapiError


def test_legacy_hole_gives_no_result_code_but_keeps_the_number() -> None:
    reply = from_response(envelope(response={"ResultCode": 709, "Error": ""}, Version="5.4.5"))
    assert reply.result_code is None
    assert reply.raw_code == 709
    assert reply.category is Category.LISTEN_IN


def test_bad_server_version_argument_is_the_callers_error() -> None:
    with pytest.raises(ValueError, match="'five'"):
        from_response(envelope(), server_version="five")
    with pytest.raises(TypeError, match="float"):
        from_response(envelope(), server_version=5.4)  # type: ignore[arg-type]  # wrong on purpose


# --- unknown codes


@pytest.mark.parametrize(
    ("number", "category", "error_class"),
    [
        (127, Category.GENERAL, GeneralError),
        (799, Category.LISTEN_IN, ListenInError),
        (5000, None, CcaApiError),
        (-3, None, CcaApiError),
    ],
)
def test_unknown_codes_never_crash(
    number: int, category: Category | None, error_class: type[CcaApiError]
) -> None:
    reply = from_response(envelope(response={"ResultCode": number, "Error": "new"}))
    assert reply.result_code is None
    assert reply.raw_code == number
    assert reply.category is category
    assert not reply.ok
    with pytest.raises(error_class) as caught:
        reply.raise_for_result()
    assert type(caught.value) is error_class
    assert str(caught.value) == f"401 unknown result code {number} \N{EM DASH} new"


# --- objects


def test_api_response_pickles_and_compares() -> None:
    reply = from_response(EXAMPLE_TEXT)
    assert pickle.loads(pickle.dumps(reply)) == reply
    assert reply != from_response(envelope())
    assert reply != "not a response"
    with pytest.raises(TypeError, match="unhashable"):
        hash(reply)


# Pickled by cca-result-codes 0.1.0 (protocol 2), when both classes lived in
# cca_result_codes.envelope and ApiResponse had no version_text: from_response() of the
# vendor's example, and its request.
PICKLED_BY_0_1_0 = (
    b"\x80\x02ccca_result_codes.envelope\nApiResponse\nq\x00(ccca_result_codes.envelope"
    b"\nRequestInfo\nq\x01X\x03\x00\x00\x00GETq\x02X \x00\x00\x00http://{Server}/CcaWebApi/"
    b"agentsq\x03\x86q\x04Rq\x05ccca_result_codes.versions\nServerVersion\nq\x06(K\x05K\x04"
    b"K\x06K\x01tq\x07Rq\x08M\x91\x01ccca_result_codes.codes\nResultCode\nq\tKf\x85q\nRq"
    b"\x0bKfX\x00\x00\x00\x00q\x0c}q\r(X\n\x00\x00\x00ResultCodeq\x0eKfX\x05\x00\x00\x00"
    b"Errorq\x0fh\x0cu}q\x10(X\x07\x00\x00\x00Requestq\x11}q\x12(X\x06\x00\x00\x00Method"
    b"q\x13h\x02X\x03\x00\x00\x00Urlq\x14h\x03uX\x07\x00\x00\x00Versionq\x15X\x07\x00"
    b"\x00\x005.4.6.1q\x16X\n\x00\x00\x00StatusCodeq\x17M\x91\x01X\x08\x00\x00\x00"
    b"Responseq\x18h\rutq\x19Rq\x1a."
)
PICKLED_REQUEST_BY_0_1_0 = (
    b"\x80\x02ccca_result_codes.envelope\nRequestInfo\nq\x00X\x03\x00\x00\x00GETq\x01X "
    b"\x00\x00\x00http://{Server}/CcaWebApi/agentsq\x02\x86q\x03Rq\x04."
)


def test_objects_pickled_by_0_1_0_still_load() -> None:
    reply = pickle.loads(PICKLED_BY_0_1_0)
    assert type(reply) is ApiResponse
    request = RequestInfo("GET", "http://{Server}/CcaWebApi/agents")
    assert (reply.request, reply.version, reply.status_code) == (
        request,
        ServerVersion(5, 4, 6, 1),
        401,
    )
    assert (reply.result_code, reply.raw_code, reply.error) == (ResultCode.UnknownToken, 102, "")
    assert reply.payload == {"ResultCode": 102, "Error": ""}
    assert reply.envelope == json.loads(EXAMPLE_TEXT)
    assert reply.version_text is None  # 0.1.0 had no version_text
    assert pickle.loads(PICKLED_REQUEST_BY_0_1_0) == request


def test_the_classes_live_in_response_and_import_from_envelope_too() -> None:
    from cca_result_codes import envelope, response

    assert (envelope.ApiResponse, envelope.RequestInfo) == (ApiResponse, RequestInfo)
    assert ApiResponse.__module__ == RequestInfo.__module__ == "cca_result_codes.response"
    assert (response.ApiResponse, response.RequestInfo) == (ApiResponse, RequestInfo)


def test_request_info_is_a_hashable_value() -> None:
    info = RequestInfo("GET", "u")
    assert {info, RequestInfo("GET", "u")} == {info}
    assert pickle.loads(pickle.dumps(info)) == info
    assert repr(info) == "RequestInfo(method='GET', url='u')"
    assert info != ("GET", "u")


def test_api_response_repr() -> None:
    assert repr(from_response(EXAMPLE_TEXT)) == (
        "ApiResponse(status_code=401, result_code=<ResultCode.UnknownToken: 102>, raw_code=102,"
        " error='', version=ServerVersion(5, 4, 6, 1),"
        " request=RequestInfo(method='GET', url='http://{Server}/CcaWebApi/agents'))"
    )


def test_api_response_can_be_built_by_hand() -> None:
    reply = ApiResponse(
        request=None,
        version=None,
        status_code=503,
        result_code=None,
        raw_code=None,
        error="",
        payload=None,
        envelope={},
    )
    assert reply.category is None
    assert not reply.ok
    with pytest.raises(CcaApiError, match=r"^503 without a ResultCode$"):
        reply.raise_for_result()


def test_message_with_a_partial_request() -> None:
    reply = from_response(envelope(Request={"Url": "http://h/a"}, response={"ResultCode": 1}))
    with pytest.raises(CcaApiError, match=r"\[\? http://h/a\]$"):
        reply.raise_for_result()


# --- bad input


BIG = "9" * 5000

BAD_INPUTS: list[tuple[object, str]] = [
    ("", "not JSON: Expecting value at line 1 column 1"),
    ('{"StatusCode": 401', "not JSON: Expecting ',' delimiter"),
    ("[1, 2]", "expected a JSON object at the top, not an array"),
    ('"text"', "not the string 'text'"),
    ("null", "not null"),
    (b"\xc3{}", "not UTF-8: invalid continuation byte at byte 0"),
    (b"\xff\xfe{}", "not UTF-8 (it looks like UTF-16-LE: it starts with the UTF-16-LE byte order"),
    (b'{"a": "\xc3"}', "not UTF-8"),
    ("[" * 100_000 + "]" * 100_000, "the JSON is nested too deeply to read (more than 100 levels)"),
    ('{"StatusCode": 401, "Response": {"ResultCode": ' + BIG + "}}", "digits"),
    ('{"StatusCode": 401, "Response": {"ResultCode": NaN}}', "NaN is not JSON"),
    ('{"StatusCode": 401, "Response": {"ResultCode": 1e400}}', "the number inf"),
    ('{"StatusCode": 401, "Response": {"ResultCode": 102.0}}', "not the number 102.0"),
    ('{"StatusCode": 401, "Response": {"ResultCode": true}}', "not the boolean true"),
    ('{"StatusCode": 401, "Response": {"ResultCode": "102"}}', "not the string '102'"),
    ('{"StatusCode": 401, "Response": {"ResultCode": 4294967296}}', "32-bit"),
    (
        '{"StatusCode": 401, "Response": {"Error": "x"}}',
        "a failure envelope needs Response.ResultCode, but Response is an object without it",
    ),
    ('{"StatusCode": 401, "Response": [1]}', "needs Response.ResultCode, but Response is an array"),
    ('{"StatusCode": 401, "Response": null}', "but Response is null"),
    ('{"StatusCode": 401, "Response": {"ResultCode": 1, "Error": 5}}', "Error must be a string"),
    ('{"StatusCode": "401", "Response": {}}', "StatusCode must be an HTTP status"),
    ('{"StatusCode": 401.0, "Response": {}}', "not the number 401.0"),
    ('{"StatusCode": 99, "Response": {}}', "not the integer 99"),
    ('{"StatusCode": {}, "Response": {}}', "not an object"),
    ('{"StatusCode": 200}', "no Response"),
    ('{"Response": {}}', "no StatusCode"),
    ("{}", "no StatusCode"),
    (
        '{"StatusCode": 200, "Response": 1, "Request": "GET /"}',
        "Request must be an object, not the string 'GET /'",
    ),
    (
        '{"StatusCode": 200, "Response": 1, "Request": {"Method": 1}}',
        "Request.Method must be a string, not the integer 1",
    ),
    (
        '{"StatusCode": 200, "Response": 1, "Request": {"Url": []}}',
        "Request.Url must be a string, not an array",
    ),
    (
        '{"StatusCode": 200, "Response": 1, "Request": {"Url": "a", "URL": "b"}}',
        "Request has the key 'URL' twice, in different cases",
    ),
    (
        '{"StatusCode": 401, "Response": {"ResultCode": 1, "resultcode": 2}}',
        "Response has the key 'resultcode' twice, in different cases",
    ),
    (
        '{"StatusCode": 401, "Response": {"ResultCode": 1, "Error": 5}}',
        "Response.Error must be a string, not the integer 5",
    ),
    (42, "not int"),
    (None, "not NoneType"),
    (["StatusCode"], "not list"),
    ({"StatusCode": 401, "Response": {"ResultCode": 10**5000}}, "not the integer <16610-bit"),
    ({"StatusCode": 401, "Response": {"ResultCode": object()}}, "not a object"),
    ({"StatusCode": 10**5000, "Response": 1}, "not the integer <16610-bit integer>"),
]


@pytest.mark.parametrize(("source", "message"), BAD_INPUTS, ids=[m for _, m in BAD_INPUTS])
def test_bad_input_raises_envelope_error_naming_the_problem(source: object, message: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(source)
    text = str(caught.value)
    assert message in text
    assert len(text) < 400
    assert len(caught.value.excerpt) <= 200
    assert isinstance(caught.value, ValueError)


def test_syntax_errors_quote_the_place() -> None:
    text = '{"StatusCode": 401, ' + '"padding": "' + "x" * 1000 + '", "Response": {oops}}'
    with pytest.raises(EnvelopeError, match="oops") as caught:
        from_response(text)
    assert "oops" in caught.value.excerpt


def test_recursion_limit_is_restored_after_deep_input() -> None:
    limit = sys.getrecursionlimit()
    with pytest.raises(EnvelopeError):
        from_response("{" * 50_000)
    assert sys.getrecursionlimit() == limit
    assert from_response(EXAMPLE_TEXT).ok is False


# --- boundaries


def test_status_300_is_not_success() -> None:
    with pytest.raises(EnvelopeError, match=r"needs Response\.ResultCode"):
        from_response(envelope(300, [1]) | {"Response": [1]})
    assert from_response(envelope(299, [1]) | {"Response": [1]}).ok


def test_version_5_4_6_itself_reads_current_numbers() -> None:
    source = envelope(response={"ResultCode": 712, "Error": ""}, Version="5.4.6.0")
    assert from_response(source).result_code is ResultCode.ListenInTapiError
    assert from_response(
        envelope(response={"ResultCode": 712}), server_version="5.4.6"
    ).result_code is (ResultCode.ListenInTapiError)


@pytest.mark.parametrize("number", [2**31 - 1, -(2**31)])
def test_result_codes_span_int32(number: int) -> None:
    reply = from_response(envelope(response={"ResultCode": number, "Error": ""}))
    assert reply.raw_code == number


@pytest.mark.parametrize("number", [2**31, -(2**31) - 1])
def test_result_codes_beyond_int32_are_refused(number: int) -> None:
    with pytest.raises(EnvelopeError, match="32-bit integer"):
        from_response(envelope(response={"ResultCode": number, "Error": ""}))


@pytest.mark.parametrize(
    ("response", "raw_code"),
    [
        ({"ResultCode": 0}, 0),
        ({"resultCode": 2, "error": "x"}, 2),
        ({"ResultCode": 0, "Other": 1}, None),
        ({"Error": "x"}, None),
        ({"ResultCode": 1, "Error": "", "Extra": 1}, None),
    ],
)
def test_success_objects_are_results_only_in_the_error_shape(
    response: dict[str, object], raw_code: int | None
) -> None:
    reply = from_response(envelope(200, response))
    assert reply.raw_code == raw_code
    assert reply.payload == response
    assert reply.error == ("x" if raw_code == 2 else "")


def test_failure_objects_may_carry_extra_keys() -> None:
    reply = from_response(envelope(401, {"ResultCode": 102, "Error": "", "Detail": "expired"}))
    assert reply.result_code is ResultCode.UnknownToken
    assert reply.payload == {"ResultCode": 102, "Error": "", "Detail": "expired"}
    assert from_response(envelope(401, {"ResultCode": 102, "Error": None})).error == ""


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (False, "the boolean false"),
        (True, "the boolean true"),
        (10**30 - 1, f"the integer {10**30 - 1}"),
        (-(10**30) + 1, f"the integer {-(10**30) + 1}"),
        (10**30, "the integer <100-bit integer>"),
        (-(10**30), "the integer <100-bit integer>"),
        ("s" * 60, "the string '" + "s" * 60 + "'"),
        ("s" * 61, "the string '" + "s" * 60 + "'..."),
    ],
)
def test_bad_values_are_described_safely(value: object, described: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(envelope() | {"StatusCode": value})
    assert str(caught.value) == (
        f"StatusCode must be an HTTP status from 100 to 599, not {described}"
    )


def test_the_excerpt_is_centred_on_the_error() -> None:
    digits = "".join(f"{n:04d}" for n in range(100))
    text = f'["{digits}" oops "{digits}"]'
    position = text.index("oops")
    with pytest.raises(EnvelopeError) as caught:
        from_response(text)
    excerpt = caught.value.excerpt
    assert len(excerpt) == 200
    assert excerpt == text[position - 100 : position + 100]
    assert repr(text[position - 20 : position + 40]) in str(caught.value)


def test_the_excerpt_starts_at_the_input_when_the_error_is_early() -> None:
    text = "a" + "x" * 300
    with pytest.raises(EnvelopeError) as caught:
        from_response(text)
    assert caught.value.excerpt == text[:200]


def test_digit_limit_errors_keep_an_excerpt() -> None:
    text = '{"StatusCode": 401, "Response": {"ResultCode": ' + "9" * 5000 + "}}"
    with pytest.raises(EnvelopeError) as caught:
        from_response(text)
    assert caught.value.excerpt == text[:200]


def test_deep_nesting_keeps_an_excerpt() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response("[" * 100_000)
    assert caught.value.excerpt == "[" * 200


def test_bad_utf8_excerpt_surrounds_the_bad_byte() -> None:
    data = b"a" * 100 + b"\xff" + b"b" * 100
    with pytest.raises(EnvelopeError, match="at byte 100") as caught:
        from_response(data)
    assert caught.value.excerpt == "a" * 40 + "\N{REPLACEMENT CHARACTER}" + "b" * 39


def test_utf8_bom_only_at_the_start() -> None:
    with pytest.raises(EnvelopeError, match="not JSON"):
        from_response(EXAMPLE_TEXT.encode() + b"\xef\xbb\xbf")


def test_request_without_method_reads_as_none_in_messages() -> None:
    reply = from_response(envelope(Request={"Method": "GET"}))
    with pytest.raises(CcaApiError, match=r"\[GET \?\]$"):
        reply.raise_for_result()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"Response": 1}, "the envelope has no StatusCode"),
        ({"StatusCode": 200}, "the envelope has no Response"),
        (
            {"StatusCode": 401, "Response": {"Error": ""}},
            "a failure envelope needs Response.ResultCode, but Response is an object without it",
        ),
        ("[" * 100_000, "the JSON is nested too deeply to read (more than 100 levels)"),
    ],
)
def test_messages_in_full(source: object, message: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(source)
    assert str(caught.value) == message


@pytest.mark.parametrize("renamed", ["request", "version", "statusCode", "response"])
def test_four_keys_in_another_spelling_are_still_found(renamed: str) -> None:
    source = dict(json.loads(EXAMPLE_TEXT))
    canonical = next(key for key in source if key.lower() == renamed.lower())
    source[renamed] = source.pop(canonical)
    reply, usual = from_response(source), from_response(EXAMPLE_TEXT)
    assert (reply.request, reply.version, reply.status_code, reply.result_code, reply.payload) == (
        usual.request,
        usual.version,
        usual.status_code,
        usual.result_code,
        usual.payload,
    )


def test_bad_utf8_near_the_start_quotes_from_the_first_byte() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(b"a\xff")
    assert caught.value.excerpt == "a\N{REPLACEMENT CHARACTER}"


def test_an_unexpected_key_does_not_hide_another_spelling() -> None:
    reply = from_response(envelope(Request={"Method": "GET", "url": "http://h/u", "Extra": 1}))
    assert reply.request == RequestInfo("GET", "http://h/u")
