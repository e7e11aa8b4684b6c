"""from_response() at the edges: odd statuses, hostile objects, repeated keys, odd Versions.

Each test states the exact outcome: the class, the values, and the words of the message.
"""

from __future__ import annotations

import enum
import gzip
import inspect
import json
import pickle
from http import HTTPStatus
from typing import NoReturn

import pytest

import readers
from cca_result_codes import (
    ApiResponse,
    CcaApiError,
    EnvelopeError,
    GeneralError,
    ListenInError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    from_response,
)
from cca_result_codes import envelope as envelope_module
from hostile import Hostile
from vendor_table import SPEC_DIR

# Every test here runs once per reader: the short reader first, and the general reader alone.
each_reader = readers.each_reader
version_cache = readers.version_cache

EXAMPLE_TEXT = (SPEC_DIR / "envelope-example.json").read_text(encoding="utf-8")
BODY = b'{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}'
NO_STATUS_BODY = b'{"Response": {"ResultCode": 10001, "Error": "warming up"}}'


class Response:
    """A duck-typed HTTP response: a status attribute and a body."""

    def __init__(self, status: object, body: bytes | bytearray = BODY) -> None:
        self.status_code = status
        self.content = body


# --- the transport's status


@pytest.mark.parametrize(
    ("status", "described"),
    [
        (999, "the integer 999"),
        (0, "the integer 0"),
        (-5, "the integer -5"),
        (99, "the integer 99"),
        (600, "the integer 600"),
        pytest.param(10**5000, "the integer <16610-bit integer>", id="huge"),
        (True, "the boolean true"),
        ("200", "the string '200'"),
        (200.0, "the number 200.0"),
        (None, "null"),
    ],
)
def test_an_invalid_transport_status_is_described_honestly(status: object, described: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(Response(status, NO_STATUS_BODY))
    assert str(caught.value) == (
        f"HTTP response (its status is {described}, not an HTTP status) is not a CcaWebApi"
        " envelope: the envelope has no StatusCode"
    )
    assert caught.value.status_code is None


@pytest.mark.parametrize(
    "status", [999, 0, -5, pytest.param(10**5000, id="huge"), True, "200", 200.0, None]
)
def test_an_invalid_transport_status_is_harmless_when_the_envelope_has_one(status: object) -> None:
    reply = from_response(Response(status))
    assert reply.status_code == 401
    assert reply.result_code is ResultCode.UnknownToken
    assert repr(reply).startswith("ApiResponse(status_code=401,")
    with pytest.raises(GeneralError, match=r"^401 UnknownToken \(102\): Unknown token$"):
        reply.raise_for_result()


@pytest.mark.parametrize(("status", "expected"), [(100, 100), (599, 599), (HTTPStatus(503), 503)])
def test_transport_statuses_at_the_boundaries_fill_in(status: object, expected: int) -> None:
    reply = from_response(Response(status, NO_STATUS_BODY))
    assert reply.status_code == expected
    assert type(reply.status_code) is int


@pytest.mark.parametrize("status", [99, 600])
def test_transport_statuses_past_the_boundaries_do_not(status: int) -> None:
    with pytest.raises(EnvelopeError, match=f"its status is the integer {status}, not an HTTP"):
        from_response(Response(status, NO_STATUS_BODY))


def test_a_null_status_code_falls_back_to_the_transport() -> None:
    body = b'{"StatusCode": null, "Response": {"ResultCode": 10001, "Error": ""}}'
    assert from_response(Response(503, body)).status_code == 503
    with pytest.raises(EnvelopeError) as caught:
        from_response(json.loads(body))
    assert str(caught.value) == "the envelope has no StatusCode"


def test_a_response_without_any_status_is_named_plainly() -> None:
    class NoStatus:
        content = NO_STATUS_BODY

    with pytest.raises(EnvelopeError) as caught:
        from_response(NoStatus())
    assert str(caught.value) == (
        "HTTP response is not a CcaWebApi envelope: the envelope has no StatusCode"
    )


def test_the_second_status_attribute_is_used_when_the_first_is_invalid() -> None:
    class Both:
        status_code = 999
        status = 502
        content = NO_STATUS_BODY

    assert from_response(Both()).status_code == 502


# --- response objects whose attributes raise


class RaisingGetattr:
    """Every attribute lookup raises KeyError, as a careless __getattr__ does."""

    def __getattr__(self, name: str) -> object:
        raise KeyError(name)


class ContentRaisesKeyError:
    status_code = 500

    @property
    def content(self) -> bytes:
        raise KeyError("content")


class ReadPropertyRaises:
    status = 500

    @property
    def read(self) -> object:
        raise LookupError("read")


def test_a_raising_getattr_is_not_an_http_response() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(RaisingGetattr())
    assert str(caught.value) == ("could not read the HTTP response body: KeyError: 'content'")


def test_a_raising_content_property_is_an_unreadable_body() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(ContentRaisesKeyError())
    assert str(caught.value) == "could not read the HTTP 500 response body: KeyError: 'content'"
    assert caught.value.status_code == 500


def test_a_raising_read_property_counts_as_no_read() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(ReadPropertyRaises())
    assert str(caught.value) == (
        "expected a dict, JSON text or an HTTP response, not ReadPropertyRaises"
    )


def test_an_exception_whose_str_raises_is_still_reported() -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no")

    class ReadFails:
        status = 502

        def read(self) -> bytes:
            raise Unprintable

    with pytest.raises(EnvelopeError) as caught:
        from_response(ReadFails())
    assert str(caught.value) == (
        "could not read the HTTP 502 response body: Unprintable: (no message)"
    )


def test_a_long_transport_error_is_cut() -> None:
    class ReadFails:
        status = 502

        def read(self) -> bytes:
            raise RuntimeError("x" * 500)

    with pytest.raises(EnvelopeError) as caught:
        from_response(ReadFails())
    assert str(caught.value) == (
        "could not read the HTTP 502 response body: RuntimeError: " + "x" * 200 + "..."
    )


def test_a_bytearray_body_and_a_bytes_subclass_body_are_read() -> None:
    class Body(bytes):
        pass

    assert from_response(Response(401, bytearray(BODY))).raw_code == 102
    assert from_response(Response(401, Body(BODY))).raw_code == 102


# --- hostile values inside dicts


def _no_class(_: object) -> type:
    raise RuntimeError("__class__")


class LyingClass:
    """A value whose __class__ raises, so that isinstance() would run its code."""

    __class__ = property(_no_class)  # pyright: ignore[reportIncompatibleMethodOverride] -- hostile on purpose


@pytest.mark.parametrize("kind", [Hostile, LyingClass], ids=["dunders", "class"])
@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("StatusCode", "StatusCode must be an HTTP status from 100 to 599, not a "),
        ("Request", "Request must be an object, not a "),
        ("ResultCode", "Response.ResultCode must be a 32-bit integer, not a "),
        ("Error", "Response.Error must be a string, not a "),
        ("Method", "Request.Method must be a string, not a "),
    ],
)
def test_hostile_values_give_envelope_errors(kind: type, place: str, message: str) -> None:
    hostile = kind()
    source: dict[str, object] = {
        "Request": {"Method": "GET", "Url": "u"},
        "StatusCode": 401,
        "Response": {"ResultCode": 102, "Error": ""},
    }
    if place in ("ResultCode", "Error"):
        source["Response"] = {"ResultCode": 102, "Error": ""} | {place: hostile}
    elif place == "Method":
        source["Request"] = {"Method": hostile, "Url": "u"}
    else:
        source[place] = hostile
    with pytest.raises(EnvelopeError) as caught:
        from_response(source)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("kind", [Hostile, LyingClass], ids=["dunders", "class"])
def test_a_hostile_version_or_payload_is_kept_not_touched(kind: type) -> None:
    hostile = kind()
    reply = from_response({"StatusCode": 200, "Version": hostile, "Response": hostile})
    assert reply.ok
    assert reply.version is None
    assert reply.version_text is None
    assert reply.payload is hostile
    assert reply.raise_for_result() is hostile


def test_a_hostile_key_is_an_envelope_error(each_reader: str) -> None:
    class CollidingKey(Hostile):
        def __hash__(self) -> int:
            return hash("StatusCode")

    # Four keys, as the vendor sends: the short reader's lookup of "StatusCode" compares it
    # with the key, which raises; the general reader skips a key that is not a string.
    with pytest.raises(EnvelopeError) as caught:
        from_response({CollidingKey(): 1, "Request": None, "Version": "", "Response": 1})
    if each_reader == "usual":
        assert str(caught.value) == (
            "could not read the input as an envelope: RuntimeError raised while reading it"
        )
        assert isinstance(caught.value.__cause__, RuntimeError)
    else:
        assert str(caught.value) == "the envelope has no StatusCode"
    # Otherwise keys are matched by their folded text, and a key that is not a str is skipped.
    with pytest.raises(EnvelopeError, match=r"^the envelope has no StatusCode$"):
        from_response({CollidingKey(): 1, "Response": 1})


def test_a_dict_subclass_whose_methods_raise_is_an_envelope_error() -> None:
    class Broken(dict[str, object]):
        def items(self) -> NoReturn:
            raise KeyError("items")

    with pytest.raises(EnvelopeError, match="KeyError raised while reading it"):
        from_response(Broken(StatusCode=200, Response=1))


def test_str_and_bytes_subclasses_are_read_as_text() -> None:
    class Text(str):
        def removeprefix(self, prefix: str) -> str:
            raise RuntimeError("not called")

    class Data(bytes):
        def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
            raise RuntimeError("not called")

    assert from_response(Text(EXAMPLE_TEXT)) == from_response(EXAMPLE_TEXT)
    assert from_response(Data(EXAMPLE_TEXT.encode())) == from_response(EXAMPLE_TEXT)


def test_string_subclasses_in_an_envelope_become_plain_strings() -> None:
    class Text(str):
        def __repr__(self) -> str:
            raise RuntimeError("__repr__")

        def lower(self) -> str:
            raise RuntimeError("lower")

    reply = from_response(
        {
            Text("statusCode"): 401,
            "Request": {"Method": Text("GET"), "Url": Text("u"), "x": 1},
            "Version": Text("5.4.6.1"),
            "Response": {"ResultCode": 102, "Error": Text("e"), "Detail": 1},
        }
    )
    assert (reply.request, reply.error, reply.version_text) == (
        RequestInfo("GET", "u"),
        "e",
        "5.4.6.1",
    )
    assert [type(reply.error), type(reply.version_text)] == [str, str]
    assert reply.request is not None
    assert [type(reply.request.method), type(reply.request.url)] == [str, str]
    assert repr(reply).startswith("ApiResponse(status_code=401")


# --- int subclasses


class Colour(enum.IntEnum):
    RED = 401


class SneakyInt(int):
    """An int whose own methods lie or raise: only int's value may be used."""

    def __int__(self) -> int:
        raise RuntimeError("__int__")

    def __index__(self) -> int:
        raise RuntimeError("__index__")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__")


@pytest.mark.parametrize(
    "status",
    [HTTPStatus.UNAUTHORIZED, Colour.RED, SneakyInt(401)],
    ids=["HTTPStatus", "IntEnum", "sneaky"],
)
@pytest.mark.parametrize(
    "code", [ResultCode.UnknownToken, SneakyInt(102)], ids=["ResultCode", "sneaky"]
)
def test_int_subclasses_are_the_ints_they_are(status: int, code: int) -> None:
    reply = from_response({"StatusCode": status, "Response": {"ResultCode": code, "Error": ""}})
    assert (reply.status_code, reply.raw_code, reply.result_code) == (401, 102, ResultCode(102))
    assert type(reply.status_code) is int
    assert type(reply.raw_code) is int
    with pytest.raises(GeneralError, match=r"^401 UnknownToken \(102\): Unknown token$"):
        reply.raise_for_result()


def test_an_int_subclass_out_of_range_is_described_by_its_value() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response({"StatusCode": SneakyInt(999), "Response": 1})
    assert (
        str(caught.value)
        == "StatusCode must be an HTTP status from 100 to 599, not the integer 999"
    )
    with pytest.raises(EnvelopeError) as caught:
        from_response({"StatusCode": 401, "Response": {"ResultCode": SneakyInt(2**31)}})
    assert str(caught.value) == (
        "Response.ResultCode must be a 32-bit integer, not the integer 2147483648"
    )


def test_float_and_bool_subclasses_are_still_refused() -> None:
    class Number(float):
        def __repr__(self) -> str:
            raise RuntimeError("__repr__")

    with pytest.raises(EnvelopeError) as caught:
        from_response({"StatusCode": Number(401.5), "Response": 1})
    assert (
        str(caught.value)
        == "StatusCode must be an HTTP status from 100 to 599, not the number 401.5"
    )
    with pytest.raises(EnvelopeError, match="not the boolean false"):
        from_response({"StatusCode": 401, "Response": {"ResultCode": False}})


# --- boundaries


@pytest.mark.parametrize(
    ("status", "accepted"), [(99, False), (100, True), (599, True), (600, False)]
)
def test_status_code_boundaries(status: int, accepted: bool) -> None:
    source = {"StatusCode": status, "Response": {"ResultCode": 102, "Error": ""}}
    if accepted:
        assert from_response(source).status_code == status
        assert from_response(json.dumps(source)).status_code == status
    else:
        with pytest.raises(EnvelopeError) as caught:
            from_response(source)
        assert str(caught.value) == (
            f"StatusCode must be an HTTP status from 100 to 599, not the integer {status}"
        )


@pytest.mark.parametrize(
    ("code", "accepted"),
    [(-(2**31) - 1, False), (-(2**31), True), (2**31 - 1, True), (2**31, False)],
)
@pytest.mark.parametrize("status", [200, 401])
def test_result_code_boundaries(code: int, accepted: bool, status: int) -> None:
    source = {"StatusCode": status, "Response": {"ResultCode": code}}
    if accepted:
        assert from_response(source).raw_code == code
    elif status == 200:
        assert from_response(source).raw_code is None  # on 2xx, not the result shape: a payload
    else:
        with pytest.raises(EnvelopeError) as caught:
            from_response(source)
        assert str(caught.value) == (
            f"Response.ResultCode must be a 32-bit integer, not the integer {code}"
        )


def test_the_request_fast_path_still_refuses_a_repeated_url() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(
            {"StatusCode": 200, "Response": 1, "Request": {"Method": "GET", "Url": "a", "URL": "b"}}
        )
    assert str(caught.value) == "Request has the key 'URL' twice, in different cases"


# --- 2xx Response shapes


@pytest.mark.parametrize(
    ("response", "raw_code", "error", "ok"),
    [
        ({"ResultCode": 102}, 102, "", False),
        ({"resultcode": 102, "ERROR": "expired"}, 102, "expired", False),
        ({"ResultCode": 102, "Error": None}, 102, "", False),
        ({"ResultCode": 0}, 0, "", True),
        ({"Error": "boom"}, None, "", True),
        ({"ResultCode": "OK"}, None, "", True),
        ({"ResultCode": True}, None, "", True),
        ({"ResultCode": 1.0}, None, "", True),
        ({"ResultCode": 2**31}, None, "", True),
        ({"ResultCode": 102, "Error": 5}, None, "", True),
        ({"ResultCode": 102, "Data": 5}, None, "", True),
        ({"ResultCode": 102, 7: "x"}, None, "", True),
        ({}, None, "", True),
    ],
    ids=repr,
)
def test_2xx_response_shapes(
    response: dict[object, object], raw_code: int | None, error: str, ok: bool
) -> None:
    reply = from_response({"StatusCode": 200, "Response": response})
    assert (reply.raw_code, reply.error, reply.ok) == (raw_code, error, ok)
    assert reply.payload is response


def test_2xx_result_shape_with_a_key_in_two_cases_is_refused() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response({"StatusCode": 200, "Response": {"ResultCode": 102, "resultCode": 0}})
    assert str(caught.value) == "Response has the key 'resultCode' twice, in different cases"


def test_2xx_payload_that_repeats_error_in_two_cases_is_a_payload() -> None:
    payload = {"Error": "a", "error": "b"}
    assert from_response({"StatusCode": 200, "Response": payload}).payload is payload


def test_non_2xx_result_shape_is_required() -> None:
    for response, message in [
        ({"Error": "boom"}, "but Response is an object without it"),
        ({"ResultCode": "OK"}, "not the string 'OK'"),
        ({"ResultCode": 102, "Error": 5}, "Response.Error must be a string, not the integer 5"),
    ]:
        with pytest.raises(EnvelopeError, match=message):
            from_response({"StatusCode": 500, "Response": response})


# --- repeated keys in JSON text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"StatusCode": 500, "StatusCode": 200, "Response": 1}',
            "the envelope has the key 'StatusCode' twice",
        ),
        (
            '{"StatusCode": 500, "statuscode": 200, "Response": 1}',
            "the envelope has the key 'statuscode' twice, in different cases",
        ),
        (
            '{"statuscode": 500, "statuscode": 200, "Response": 1}',
            "the envelope has the key 'statuscode' twice",
        ),
        (
            '{"Status\\u0043ode": 500, "StatusCode": 200, "Response": 1}',
            "the envelope has the key 'StatusCode' twice",
        ),
        (
            '{"StatusCode": 200, "Response": 1,'
            ' "Request": {"Method": "GET", "Url": "a", "Url": "b"}}',
            "Request has the key 'Url' twice",
        ),
        (
            '{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": "", "ResultCode": 0}}',
            "Response has the key 'ResultCode' twice",
        ),
        (
            '{"StatusCode": 200, "Response": {"ResultCode": 102, "ResultCode": 0}}',
            "Response has the key 'ResultCode' twice",
        ),
        (
            '{"StatusCode": 401,'
            ' "Response": {"ResultCode": 102, "Error": "a", "Error": "b", "X": 1}}',
            "Response has the key 'Error' twice",
        ),
    ],
)
def test_repeated_keys_are_refused(text: str, message: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(text)
    assert str(caught.value) == message
    with pytest.raises(EnvelopeError) as caught:
        from_response(text.encode())
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        ('{"StatusCode": 200, "Response": {"Error": "a", "Error": "b"}}', {"Error": "b"}),
        (
            '{"StatusCode": 200, "Response": {"ResultCode": 1, "Data": 2, "Data": 3}}',
            {"ResultCode": 1, "Data": 3},
        ),
        ('{"StatusCode": 200, "Response": [{"Url": 1, "Url": 2}]}', [{"Url": 2}]),
        ('{"StatusCode": 200, "Response": {"Version": 1, "Version": 2}}', {"Version": 2}),
        ('{"StatusCode": 200, "Response": "\\u0041", "Other": 1, "Other": 2}', "A"),
    ],
)
def test_repeated_keys_in_payloads_are_read_as_json_reads_them(text: str, payload: object) -> None:
    reply = from_response(text)
    assert reply.ok
    assert reply.payload == payload


def test_a_discarded_object_does_not_lend_its_id_to_the_request() -> None:
    # The first "x" object is dropped by json; the Request object comes later.
    pieces = ", ".join(f'"x": {{"Url": {n}, "Url": {n}}}' for n in range(50))
    text = (
        '{"StatusCode": 200, "Response": {'
        + pieces
        + '}, "Request": {"Method": "GET", "Url": "u"}}'
    )
    assert from_response(text).request == RequestInfo("GET", "u")


# --- Version


@pytest.mark.parametrize(
    ("sent", "server_version", "version", "version_text"),
    [
        ("5.4.6.1-beta", None, ServerVersion(5, 4, 6, 1), "5.4.6.1-beta"),
        ("5.4.6.1-beta", "5.4.5", ServerVersion(5, 4, 5), "5.4.6.1-beta"),
        ("abc", None, None, "abc"),
        ("abc", "5.4.5", ServerVersion(5, 4, 5), "abc"),
        ("1.2.3.4.5", None, ServerVersion(1, 2, 3, 4), "1.2.3.4.5"),
        (5, None, None, None),
        (5.4, "5.4.7", ServerVersion(5, 4, 7), None),
        ([5, 4], None, None, None),
        pytest.param(10**5000, None, None, None, id="huge"),
        ("", None, None, ""),
        ("", "5.4.5", ServerVersion(5, 4, 5), ""),
        (None, "5.4.5", ServerVersion(5, 4, 5), None),
        (" 5.4.7 ", "5.4.5", ServerVersion(5, 4, 7), " 5.4.7 "),
        ("5.4.6.1", "5.4.5", ServerVersion(5, 4, 6, 1), "5.4.6.1"),
    ],
)
def test_versions_that_do_not_parse_never_lose_the_response(
    sent: object,
    server_version: str | None,
    version: ServerVersion | None,
    version_text: str | None,
) -> None:
    reply = from_response(
        {"StatusCode": 401, "Version": sent, "Response": {"ResultCode": 712, "Error": ""}},
        server_version=server_version,
    )
    assert (reply.version, reply.version_text) == (version, version_text)
    legacy = version is not None and version < ServerVersion(5, 4, 6)
    expected = (
        ResultCode.ListenInNoActiveConversationFound if legacy else ResultCode.ListenInTapiError
    )
    assert reply.result_code is expected
    assert reply.raw_code == 712


def test_absent_version_has_no_text() -> None:
    reply = from_response({"StatusCode": 200, "Response": 1})
    assert (reply.version, reply.version_text) == (None, None)


def test_version_cache_holds_at_most_64_short_canonical_strings(
    version_cache: dict[str, ServerVersion],
) -> None:
    sizes: list[int] = []
    for patch in range(300):
        reply = from_response({"StatusCode": 200, "Response": 1, "Version": f"5.4.{patch}"})
        assert reply.version == ServerVersion(5, 4, patch)
        sizes.append(len(version_cache))
    assert max(sizes) == 64
    assert sizes[:64] == list(range(1, 65))
    version_cache.clear()
    padded = " " * 2_000_000 + "5.4.7"
    long_form = "1" * 9 + "." + "2" * 9 + "." + "3" * 9  # 29 characters, canonical
    for text in [padded, "5.4.7 ", "05.4.7", "5.4.7-beta", long_form]:
        from_response({"StatusCode": 200, "Response": 1, "Version": text})
    assert version_cache == {}
    for text in ["5", "5.4", "5.4.7", "5.4.7.0", "1" * 9 + "." + "2" * 9 + ".3.45"]:
        from_response({"StatusCode": 200, "Response": 1, "Version": text})
    assert sorted(version_cache) == sorted(
        ["5", "5.4", "5.4.7", "5.4.7.0", "1" * 9 + "." + "2" * 9 + ".3.45"]
    )


def test_a_cached_version_is_not_parsed_again(version_cache: dict[str, ServerVersion]) -> None:
    version_cache["5.4.7"] = ServerVersion(9, 9)
    reply = from_response({"StatusCode": 200, "Response": 1, "Version": "5.4.7"})
    assert reply.version == ServerVersion(9, 9)


# --- nesting


def _nested(depth: int) -> str:
    """An envelope whose whole nesting, the envelope included, is *depth* levels."""
    inner = depth - 1
    return '{"StatusCode": 200, "Response": ' + "[" * inner + "]" * inner + "}"


def test_max_depth_is_one_hundred() -> None:
    assert envelope_module.MAX_DEPTH == 100


def test_nesting_up_to_the_limit_parses() -> None:
    assert from_response(_nested(100)).ok
    assert from_response(_nested(100).encode()).ok


@pytest.mark.parametrize("depth", [101, 200, 100_000])
def test_nesting_past_the_limit_is_refused(depth: int) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(_nested(depth))
    assert str(caught.value) == "the JSON is nested too deeply to read (more than 100 levels)"
    assert caught.value.excerpt == _nested(depth)[:200]


def test_the_shortest_json_past_the_limit_is_refused_and_shorter_text_goes_to_json() -> None:
    # 101 pairs of brackets, 202 characters: the shortest JSON nested 101 levels deep.
    with pytest.raises(EnvelopeError) as caught:
        from_response("[" * 101 + "]" * 101)
    assert str(caught.value) == "the JSON is nested too deeply to read (more than 100 levels)"
    # One bracket short of that is 201 characters, and not JSON: json says so.
    with pytest.raises(EnvelopeError) as caught:
        from_response("[" * 101 + "]" * 100)
    assert str(caught.value) == (
        "the input is not JSON: Expecting ',' delimiter at line 1 column 202 (char 201),"
        " near ']]]]]]]]]]]]]]]]]]]]'"
    )


def test_the_bracket_scanner_is_made_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envelope_module, "_skeleton_pattern", None)
    with pytest.raises(EnvelopeError, match=r"^the JSON is nested too deeply to read"):
        from_response(_nested(101))
    assert from_response(_nested(100)).ok


def test_many_brackets_side_by_side_are_not_deep() -> None:
    wide = '{"StatusCode": 200, "Response": [' + ", ".join(["[{}]"] * 500) + "]}"
    assert len(from_response(wide).payload) == 500


def test_brackets_inside_strings_are_not_nesting() -> None:
    text = '{"StatusCode": 200, "Response": ["' + "[{" * 300 + '\\"["]}'
    assert from_response(text).payload == ["[{" * 300 + '"[']


def test_an_unterminated_string_stops_the_count() -> None:
    text = '{"StatusCode": 200, "Response": "' + "[" * 300
    with pytest.raises(EnvelopeError, match="not JSON: Unterminated string"):
        from_response(text)


def test_the_exact_scan_runs_only_when_the_brackets_could_nest_too_deep(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The module's promise, seen by the calls and not by a timing: text with at most
    # MAX_DEPTH opening brackets cannot nest deeper, so the scan is skipped.
    scanned: list[str] = []
    scan = envelope_module._nesting_depth  # pyright: ignore[reportPrivateUsage]

    def noting_scan(text: str) -> int:
        scanned.append(text)
        return scan(text)

    monkeypatch.setattr(envelope_module, "_nesting_depth", noting_scan)
    hundred = _nested(100)  # 100 opening brackets, 229 characters
    assert from_response(hundred).ok
    assert scanned == []
    hundred_and_one = '{"StatusCode": 200, "Response": [' + "[" * 98 + "]" * 98 + ", []]}"
    assert from_response(hundred_and_one).ok
    assert scanned == [hundred_and_one]


@pytest.mark.parametrize(
    "after",
    [
        "X",  # not whitespace at all
        "\x0c",  # form feed: whitespace to Python, not to JSON
        "\x0b",
        "\x1c",
        "\xa0",
        "\u2028",
    ],
)
def test_only_jsons_whitespace_may_follow_the_value(after: str) -> None:
    text = '{"StatusCode": 200, "Response": 1}'
    assert from_response(text + " \t\r\n").payload == 1
    with pytest.raises(EnvelopeError) as caught:
        from_response(text + after)
    near = ' 200, "Response": 1}' + after  # 20 characters before the extra data, and it
    assert str(caught.value) == (
        f"the input is not JSON: Extra data at line 1 column 35 (char 34), near {near!r}"
    )


# --- messages that help


def test_a_gzip_body_says_so() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(Response(401, gzip.compress(BODY)))
    assert str(caught.value).startswith(
        "HTTP 401 response is not a CcaWebApi envelope: the input is not UTF-8"
        " (it looks gzip-compressed: it starts with 1f 8b; decompress it first):"
    )


@pytest.mark.parametrize(
    ("encoding", "name", "how"),
    [
        ("utf-16", "UTF-16-LE", "it starts with the UTF-16-LE byte order mark"),
        ("utf-32", "UTF-32-LE", "it starts with the UTF-32-LE byte order mark"),
        ("utf-16-le", "UTF-16-LE", "NUL bytes between the characters"),
        ("utf-16-be", "UTF-16-BE", "NUL bytes between the characters"),
        ("utf-32-le", "UTF-32-LE", "NUL bytes between the characters"),
        ("utf-32-be", "UTF-32-BE", "NUL bytes between the characters"),
    ],
)
def test_utf16_and_utf32_bodies_name_the_encoding(encoding: str, name: str, how: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(BODY.decode().encode(encoding))
    assert f"(it looks like {name}: {how})" in str(caught.value)


def test_big_endian_byte_order_marks() -> None:
    with pytest.raises(
        EnvelopeError, match=r"\(it looks like UTF-16-BE: it starts with the UTF-16-BE byte"
    ):
        from_response(b"\xfe\xff" + BODY.decode().encode("utf-16-be"))
    with pytest.raises(
        EnvelopeError, match=r"\(it looks like UTF-32-BE: it starts with the UTF-32-BE byte"
    ):
        from_response(b"\x00\x00\xfe\xff" + BODY.decode().encode("utf-32-be"))


def test_other_bad_bytes_get_no_hint() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(b"{\xff}")
    assert str(caught.value) == "the input is not UTF-8: invalid start byte at byte 1"
    with pytest.raises(EnvelopeError) as caught:
        from_response(b"\x00{")
    assert str(caught.value).startswith("the input is not JSON: Expecting value")


def test_a_legacy_hole_is_explained() -> None:
    reply = from_response(
        {"StatusCode": 409, "Version": "5.4.5", "Response": {"ResultCode": 709, "Error": ""}}
    )
    with pytest.raises(ListenInError) as caught:
        reply.raise_for_result()
    message = str(caught.value)
    assert message.startswith("409 legacy code 709 has no documented meaning: ")
    assert message.endswith(" (from a 5.4.5.0 server)")
    assert "unknown result code" not in message


def test_a_hand_made_response_with_a_mapped_legacy_number_says_unknown() -> None:
    reply = ApiResponse(None, ServerVersion(5, 4, 5), 409, None, 712, "", None, {})
    with pytest.raises(ListenInError) as caught:
        reply.raise_for_result()
    assert str(caught.value) == "409 unknown result code 712"


def test_an_unknown_number_from_a_current_server_is_plainly_unknown() -> None:
    reply = from_response({"StatusCode": 409, "Version": "5.4.6", "Response": {"ResultCode": 799}})
    with pytest.raises(ListenInError) as caught:
        reply.raise_for_result()
    assert str(caught.value) == "409 unknown result code 799"


# --- raise_for_result's class


def test_an_old_number_raises_the_class_of_todays_code() -> None:
    reply = from_response(
        {"StatusCode": 409, "Version": "5.4.5", "Response": {"ResultCode": 712, "Error": ""}}
    )
    with pytest.raises(ListenInError) as caught:
        reply.raise_for_result()
    assert type(caught.value) is CcaApiError.for_code(711)
    assert caught.value.result_code is ResultCode.ListenInNoActiveConversationFound
    assert caught.value.raw_code == 712


def test_a_success_code_on_a_failure_status_raises_the_base_class() -> None:
    reply = from_response({"StatusCode": 500, "Response": {"ResultCode": 0}})
    with pytest.raises(CcaApiError) as caught:
        reply.raise_for_result()
    assert type(caught.value) is CcaApiError


# --- the object's field lists agree


def test_api_response_field_lists_agree() -> None:
    names = [
        "request",
        "version",
        "status_code",
        "result_code",
        "raw_code",
        "error",
        "payload",
        "envelope",
        "version_text",
        "headers",
    ]
    assert sorted(ApiResponse.__slots__) == sorted(names)
    assert list(ApiResponse.__annotations__) == names
    assert list(inspect.signature(ApiResponse.__init__).parameters)[1:] == names
    values = [object() for _ in names]
    reply = ApiResponse(*values)  # type: ignore[arg-type]  # markers, to see where each goes
    assert [getattr(reply, name) for name in names] == values
    assert list(reply._fields()) == values  # pyright: ignore[reportPrivateUsage]


def test_every_field_takes_part_in_equality_and_pickling() -> None:
    base: list[object] = [None, None, 401, None, 5000, "", None, {}, None, None]
    others: list[object] = [
        RequestInfo("GET", "u"),
        ServerVersion(5, 4, 6),
        402,
        ResultCode(102),
        5001,
        "e",
        1,
        {"a": 1},
        "5",
        {"Retry-After": "5"},
    ]
    reply = ApiResponse(*base)  # type: ignore[arg-type]  # values of the right types, positionally
    for index, other in enumerate(others):
        changed = list(base)
        changed[index] = other
        different = ApiResponse(*changed)  # type: ignore[arg-type]  # as above
        assert different != reply
        assert pickle.loads(pickle.dumps(different)) == different


def test_request_info_hash_follows_both_fields() -> None:
    hashes = {hash(RequestInfo(method, url)) for method in ("GET", "POST") for url in ("a", "b")}
    assert len(hashes) == 4
    assert hash(RequestInfo("GET", "a")) == hash(RequestInfo("GET", "a"))
    assert hash(RequestInfo("GET", "a")) == hash(("GET", "a"))


# --- the caller's server_version


@pytest.mark.parametrize(("value", "name"), [(5.4, "float"), (b"5.4.5", "bytes"), (546, "int")])
def test_a_bad_server_version_names_the_argument(value: object, name: str) -> None:
    with pytest.raises(TypeError) as caught:
        from_response(EXAMPLE_TEXT, server_version=value)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == f"server_version must be a ServerVersion or str, not {name}"


def test_available_in_names_its_argument() -> None:
    with pytest.raises(TypeError) as caught:
        ResultCode.UnknownToken.available_in(5.4)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == "available_in()'s version must be a ServerVersion or str, not float"


@pytest.mark.parametrize(
    "text",
    [
        EXAMPLE_TEXT,
        EXAMPLE_TEXT.replace('"Error": ""', '"Error": "line\\none"'),
        '{"StatusCode": 200, "Response": [{"Id": 1, "Name": "Ann"}, {"Id": 2, "Name": "Bob"}]}',
        '{"StatusCode": 200, "Response": {"Agent": {"Id": 1, "Name": "Ann"}}}',
        '{"StatusCode": 200, "Response": {"Names": ["Ann", "Bob"]}}',
        EXAMPLE_TEXT.replace('"Error": ""', '"Error": "say \\"hi\\""'),
        '{"StatusCode": 200, "Response": "a\\\\b", "Version": "5.4.6"}',
        "[1, 2]",
        # A payload's repeated key is json's business: no key the readers read is in it.
        '{"StatusCode": 200, "Response": {"a": 1, "a": 2}}',
    ],
    ids=[
        "vendor",
        "escape",
        "list",
        "nested-object",
        "nested-list",
        "escaped-quote",
        "backslash",
        "not-object",
        "payload-repeat",
    ],
)
def test_texts_without_repeats_are_read_once(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    def no_second_read(_: str) -> object:
        raise AssertionError("a text without repeated keys should be decoded once")

    monkeypatch.setattr(envelope_module, "_decode_noting_repeats", no_second_read)
    try:
        from_response(text)
    except EnvelopeError as error:
        assert str(error) == "expected a JSON object at the top, not an array"


@pytest.mark.parametrize(
    "text",
    [
        '{"StatusCode": 200, "Response": {"Agent": {"Error": 1, "Error": 2}}}',
        '{"StatusCode": 200, "Response": [{"a": "\\n"}], "Version": "\\u0035"}',
    ],
    ids=["deep-repeat", "escape"],
)
def test_texts_that_may_repeat_keys_are_read_again(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    calls: list[str] = []
    real = envelope_module._decode_noting_repeats  # pyright: ignore[reportPrivateUsage]

    def counting(text: str) -> tuple[object, dict[int, tuple[object, list[str]]]]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(envelope_module, "_decode_noting_repeats", counting)
    assert from_response(text).ok
    assert calls == [text]


def test_the_usual_failure_shape_is_read_once_though_a_value_spells_a_name(
    monkeypatch: pytest.MonkeyPatch, each_reader: str, version_cache: dict[str, ServerVersion]
) -> None:
    # The short reader's shortcut: its 24 quotes delimit 12 strings and no escape can hide a
    # key, so "Error" twice is a value. The general reader alone counts names: it reads again.
    readers.warm_version_cache()  # the short reader takes only a Version parsed before
    assert "5.4.6.1" in version_cache
    text = EXAMPLE_TEXT.replace('"Error": ""', '"Error": "Error"')
    calls: list[str] = []
    real = envelope_module._decode_noting_repeats  # pyright: ignore[reportPrivateUsage]

    def counting(text: str) -> tuple[object, dict[int, tuple[object, list[str]]]]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(envelope_module, "_decode_noting_repeats", counting)
    reply = from_response(text)
    assert (reply.status_code, reply.raw_code, reply.error) == (401, 102, "Error")
    assert calls == ([] if each_reader == "usual" else [text])


def test_plain_dicts_texts_and_bytes_skip_the_reading_of_other_objects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # from_response() reads the four plain types itself; only subclasses and HTTP responses
    # take the longer way, which asks the type and then the object.
    def other(source: object, _: object) -> NoReturn:
        raise AssertionError(f"{type(source).__name__} took the way of other objects")

    monkeypatch.setattr(envelope_module, "_parse_other", other)
    text = '{"StatusCode": 401, "Response": {"ResultCode": 102, "Error": ""}}'
    for source in (json.loads(text), text, text.encode(), bytearray(text.encode())):
        assert from_response(source).result_code is ResultCode.UnknownToken


def test_a_text_read_again_keeps_the_callers_version() -> None:
    # The escape may hide a repeated key, so this text is read again, noting repeats.
    text = '{"StatusCode": 409, "Response": {"ResultCode": 712, "Error": "\\u0041"}}'
    reply = from_response(text, server_version="5.4.5")
    assert reply.version == ServerVersion(5, 4, 5)
    assert reply.result_code is ResultCode.ListenInNoActiveConversationFound
    assert reply.error == "A"


def test_a_text_read_again_keeps_the_transports_status() -> None:
    body = b'{"Response": {"ResultCode": 10001, "Error": "\\u0041"}}'
    reply = from_response(Response(503, body))
    assert reply.status_code == 503
    assert (reply.raw_code, reply.error) == (10001, "A")


# --- details pinned down


def test_the_raised_error_carries_the_servers_error_text() -> None:
    reply = from_response({"StatusCode": 409, "Response": {"ResultCode": 799, "Error": "busy"}})
    with pytest.raises(ListenInError) as caught:
        reply.raise_for_result()
    assert (caught.value.error, caught.value.raw_code, caught.value.result_code) == (
        "busy",
        799,
        None,
    )
    assert (caught.value.status_code, caught.value.response) == (409, reply)


def test_the_decoder_is_made_on_first_use_and_refuses_nan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(envelope_module, "_json", None)
    with pytest.raises(EnvelopeError) as caught:
        from_response('{"StatusCode": 401, "Response": {"ResultCode": NaN}}')
    assert str(caught.value) == "the input is not JSON this library can read: NaN is not JSON"
    monkeypatch.setattr(envelope_module, "_json", None)
    assert from_response(EXAMPLE_TEXT).raw_code == 102
    assert envelope_module._json is not None  # pyright: ignore[reportPrivateUsage]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x", "the input is not JSON: Expecting value at line 1 column 1 (char 0), near 'x'"),
        (
            "\ud800{}",
            "the input is not JSON: Expecting value at line 1 column 1 (char 0), near '\\ud800{}'",
        ),
        (
            '{"a": 1 x}',
            "the input is not JSON: Expecting ',' delimiter at line 1 column 9 (char 8),"
            " near '{\"a\": 1 x}'",
        ),
        (
            "{\x00}\x00",
            "the input is not JSON (it looks like UTF-16-LE: NUL bytes between the characters):"
            " Expecting property name enclosed in double quotes at line 1 column 2 (char 1),"
            " near '{\\x00}\\x00'",
        ),
    ],
)
def test_early_syntax_errors_quote_from_the_start(text: str, message: str) -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("length", "shown"), [(200, "x" * 200), (201, "x" * 200 + "...")])
def test_transport_error_text_is_cut_after_200_characters(length: int, shown: str) -> None:
    class ReadFails:
        status = 502

        def read(self) -> bytes:
            raise RuntimeError("x" * length)

    with pytest.raises(EnvelopeError) as caught:
        from_response(ReadFails())
    assert str(caught.value) == (
        f"could not read the HTTP 502 response body: RuntimeError: {shown}"
    )
    assert caught.value.status_code == 502


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("5.4.6.1-beta", ServerVersion(5, 4, 6, 1)),
        ("5.4-beta", ServerVersion(5, 4, 0, 0)),
        ("7", ServerVersion(7, 0, 0, 0)),
        ("  5.4-x  ", ServerVersion(5, 4, 0, 0)),
        ("5.4.6rc1", ServerVersion(5, 4, 6, 0)),
        ("1.2.3.4.5.6", ServerVersion(1, 2, 3, 4)),
        ("123456789.1-x", ServerVersion(123456789, 1, 0, 0)),
        ("5.1234567890", ServerVersion(5, 0, 0, 0)),
        ("1234567890.1", None),
        ("beta", None),
        ("", None),
        ("-5.4", None),
        (".5", None),
    ],
)
def test_leading_version(text: str, version: ServerVersion | None) -> None:
    from cca_result_codes.versions import leading_version

    assert leading_version(text) == version
    reply = from_response({"StatusCode": 200, "Response": 1, "Version": text + "?"})
    assert reply.version == version


def test_the_callers_version_applies_to_text_and_bytes() -> None:
    text = '{"Version": "", "StatusCode": 409, "Response": {"ResultCode": 712, "Error": ""}}'
    for source in (text, text.encode(), bytearray(text.encode())):
        reply = from_response(source, server_version="5.4.5")
        assert reply.result_code is ResultCode.ListenInNoActiveConversationFound


def test_the_limit_itself_parses_when_the_exact_scan_runs() -> None:
    # More than MAX_DEPTH brackets in all, so the exact scan runs; the deepest is exactly 100.
    text = _nested(100)[:-1] + ', "Other": [' + "[], " * 20 + "[]]}"
    assert text.count("[") + text.count("{") > 100
    assert from_response(text).ok


def _claims_str(_: object) -> type:
    return str


class ClaimsStr:
    """A key whose __class__ claims str: it is no string, and must be skipped, not lowered."""

    __class__ = property(_claims_str)  # pyright: ignore[reportIncompatibleMethodOverride] -- on purpose


def test_a_key_that_claims_to_be_a_string_is_skipped() -> None:
    reply = from_response({ClaimsStr(): 1, "statusCode": 200, "Response": [1]})
    assert reply.payload == [1]


def test_subclasses_of_dict_str_and_bytes_take_the_callers_version() -> None:
    class Mapping(dict[str, object]):
        pass

    class Text(str):
        pass

    class Data(bytes):
        pass

    text = '{"Version": "", "StatusCode": 409, "Response": {"ResultCode": 712, "Error": ""}}'
    for source in (Mapping(json.loads(text)), Text(text), Data(text.encode())):
        reply = from_response(source, server_version="5.4.5")
        assert reply.result_code is ResultCode.ListenInNoActiveConversationFound


def test_a_text_that_is_one_long_string_is_not_deep() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response('"' + "[" * 200 + '"')
    assert (
        str(caught.value)
        == "expected a JSON object at the top, not the string '" + "[" * 60 + "'..."
    )


def test_the_second_reading_refuses_nan_too() -> None:
    with pytest.raises(EnvelopeError) as caught:
        from_response('{"StatusCode": 401, "Response": {"ResultCode": NaN, "Error": "\\u0041"}}')
    assert str(caught.value) == "the input is not JSON this library can read: NaN is not JSON"


def test_utf16_with_non_ascii_text_is_named_too() -> None:
    data = '{"StatusCode": 200, "Response": "caf\u00e9"}'.encode("utf-16-le")
    with pytest.raises(EnvelopeError) as caught:
        from_response(data)
    assert str(caught.value).startswith(
        "the input is not UTF-8 (it looks like UTF-16-LE: NUL bytes between the characters):"
    )


class _ClaimsToBeStr:
    """Not a str, though its __class__ says so (isinstance() would believe it)."""

    __class__ = str  # type: ignore[assignment]  # a lie on purpose


class _ClaimsToBeBytes:
    """Not bytes, though its __class__ says so."""

    __class__ = bytes  # type: ignore[assignment]  # a lie on purpose


@pytest.mark.parametrize("liar", [_ClaimsToBeStr, _ClaimsToBeBytes])
def test_an_object_that_claims_to_be_text_is_read_by_its_real_type(liar: type) -> None:
    assert isinstance(liar(), (str, bytes))  # the lie works on isinstance()
    with pytest.raises(EnvelopeError) as caught:
        from_response(liar())
    assert str(caught.value) == (
        f"expected a dict, JSON text or an HTTP response, not {liar.__name__}"
    )


def test_many_brackets_with_values_inside_are_not_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    # The scanner's pattern is made on first use: make it again, as a first use would.
    monkeypatch.setattr(envelope_module, "_skeleton_pattern", None)
    # More brackets than MAX_DEPTH, so the exact scan runs; none of them is deeper than 3.
    wide = '{"StatusCode": 200, "Response": [' + ", ".join(["[1]"] * 300) + "]}"
    assert from_response(wide).payload == [[1]] * 300


def test_an_escaped_backslash_ends_its_string_before_deep_nesting() -> None:
    # "a\\" is a string holding one backslash; the 100 arrays after it are real nesting.
    deep = '{"StatusCode": 200, "Response": ["a\\\\", ' + "[" * 100 + "]" * 100 + "]}"
    with pytest.raises(EnvelopeError, match=r"^the JSON is nested too deeply to read"):
        from_response(deep)


def test_brackets_after_an_escaped_quote_are_still_inside_the_string() -> None:
    # Long enough (over 202 characters) and bracket-heavy enough for the exact scan to run.
    text = '{"StatusCode": 200, "Response": "x\\"' + "[" * 250 + '"}'
    assert len(text) > 202
    assert from_response(text).payload == 'x"' + "[" * 250


class _Body(bytes):
    def removeprefix(self, prefix: bytes) -> bytes:  # type: ignore[override]  # hostile on purpose
        raise RuntimeError("not called")

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        raise RuntimeError("not called")


class _Posing:
    """Claims to be bytes through __class__; its methods would forge an envelope."""

    @property  # type: ignore[misc]  # a read-only __class__, hostile on purpose
    def __class__(self) -> type:  # pyright: ignore[reportIncompatibleMethodOverride] -- as above
        return bytes

    def removeprefix(self, prefix: bytes) -> _Posing:
        return self

    def decode(self, *_: object) -> str:
        return '{"StatusCode": 200, "Response": "forged"}'


@pytest.mark.parametrize("body", [_Body(EXAMPLE_TEXT.encode()), bytearray(EXAMPLE_TEXT.encode())])
def test_a_response_body_is_read_as_plain_bytes_whatever_its_class(body: bytes) -> None:
    class Response:
        status_code = 401
        content = body

        def read(self) -> bytes:
            return body

    assert from_response(Response()) == from_response(EXAMPLE_TEXT)

    class Unread:  # no content: read() gives the body
        status = 401

        def read(self) -> bytes:
            return body

    assert from_response(Unread()) == from_response(EXAMPLE_TEXT)


def test_a_body_that_only_poses_as_bytes_is_not_read() -> None:
    class Response:
        status_code = 200
        content = _Posing()

    with pytest.raises(EnvelopeError) as caught:
        from_response(Response())
    assert str(caught.value) == "expected a dict, JSON text or an HTTP response, not Response"

    class Unread:
        status_code = 200

        def read(self) -> object:
            return _Posing()

    with pytest.raises(EnvelopeError) as caught:
        from_response(Unread())
    assert str(caught.value) == "the HTTP 200 response body is _Posing, not bytes"


def test_a_plain_bytes_body_is_taken_as_it_is() -> None:
    from cca_result_codes._transport import read_body

    body = EXAMPLE_TEXT.encode()

    class Response:
        status_code = 401
        content = body

    assert read_body(Response(), 401, 401) is body  # no copy: nothing of it can be overridden
    copied = read_body(type("R", (), {"content": bytearray(body)})(), 401, 401)
    assert (type(copied), copied) == (bytes, body)
