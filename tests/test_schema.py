"""The JSON Schema export against the parser, both ways."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from cca_result_codes import ApiResponse, EnvelopeError, ResultCode, from_response
from cca_result_codes.cli import main
from cca_result_codes.envelope import MAX_DEPTH
from cca_result_codes.exports import envelope_schema, render, to_jsonschema
from cca_result_codes.testing import make_envelope
from cca_result_codes.testing.strategies import envelopes, unknown_codes
from vendor_table import read_rows

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads(to_jsonschema())
# Any: jsonschema's stubs type instances as JSON values, and these tests pass any object.
VALIDATOR: Any = Draft202012Validator(SCHEMA)
ROWS = read_rows()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def test_the_text_is_the_dict_and_is_deterministic() -> None:
    assert to_jsonschema() == render("jsonschema")
    assert json.loads(to_jsonschema()) == envelope_schema()
    assert to_jsonschema().endswith("}\n")
    assert to_jsonschema().startswith(
        '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n'
    )


def test_the_command_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "jsonschema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA


def test_defs_hold_every_known_code() -> None:
    defs = SCHEMA["$defs"]
    for row in ROWS:
        assert defs[row.name]["const"] == row.code
        assert defs[row.name]["title"] == row.name
        assert defs[row.name]["description"] == ResultCode[row.name].description
    codes = {name: d for name, d in defs.items() if "const" in d}
    assert len(codes) == len(ROWS)
    assert defs["ListenInCallEnd"]["$comment"] == (
        "listen-in errors; legacy number 715 before 5.4.6"
    )
    assert defs["TooMuchData"]["$comment"] == "general errors; since 5.4.8"
    assert defs["UnknownToken"]["$comment"] == "general errors"
    assert defs["JobDone"]["$comment"].startswith("Recording Management Service errors; The ")


def test_the_vendor_example_validates() -> None:
    example_envelope = json.loads((ROOT / "spec" / "envelope-example.json").read_text("utf-8"))
    VALIDATOR.validate(example_envelope)


VALID: list[dict[str, Any]] = [
    {"StatusCode": 200, "Response": None},
    {"StatusCode": 200, "Response": [1, {"ResultCode": 1}]},
    {"StatusCode": 200, "Response": {"Agents": []}},
    {"StatusCode": 200, "Response": {"ResultCode": 1, "Error": None}},
    {"StatusCode": 299, "Response": "text"},
    {"StatusCode": 100, "Response": {"ResultCode": 127}},
    {"StatusCode": 599, "Response": {"ResultCode": -(2**31), "Error": ""}},
    {"StatusCode": 500, "Response": {"ResultCode": 2**31 - 1, "Error": "x"}},
    {"Request": None, "Version": None, "StatusCode": 401, "Response": {"ResultCode": 102}},
    {"Request": {}, "Version": "", "StatusCode": 401, "Response": {"ResultCode": 102}},
    {"Version": "5", "StatusCode": 400, "Response": {"ResultCode": 712, "Error": ""}},
    {"Version": "5.4.5", "StatusCode": 400, "Response": {"ResultCode": 3, "Error": ""}},
    {"StatusCode": 200, "Response": 1, "Extra": {"a": 1}},
    {"Request": {"Method": "GET", "Url": "/", "Body": 1}, "StatusCode": 200, "Response": 1},
    # The issue's cases: a result with another key; payloads that hold a ResultCode key.
    {"StatusCode": 401, "Response": {"ResultCode": 102, "Error": "", "More": 1}},
    {"StatusCode": 200, "Response": {"Id": 7, "ResultCode": 0, "Name": "call"}},
    {"StatusCode": 200, "Response": {"ResultCode": "OK"}},
    {"StatusCode": 200, "Response": {"resultCode": 1, "Data": 2}},
    {"StatusCode": 200, "Response": {"ResultCode": True}},
    {"StatusCode": 200, "Response": {"ResultCode": 1, "resultCode": 2, "Data": 3}},
    # Any Version is read: by its leading number, or as no version.
    {"StatusCode": 200, "Response": 1, "Version": "5.4.6.1-beta"},
    {"StatusCode": 200, "Response": 1, "Version": "1.2.3.4.5"},
    {"StatusCode": 200, "Response": 1, "Version": "1234567890"},
    {"StatusCode": 200, "Response": 1, "Version": 5},
    {"StatusCode": 200, "Response": 1, "Version": ["5.4.6"]},
    # Keys that are not a spelling of one the parser reads, though Python's $ would match them.
    {"StatusCode": 200, "Response": 1, "StatusCode\n": 1, "Request": {"Url\n": 1}},
    {"StatusCode": 401, "Response": {"ResultCode": 102, "Error\n": 1}},
    {"StatusCode": 200, "Response": {"ResultCode": 1, "ResultCode\n": 2}},
]


@pytest.mark.parametrize("envelope", VALID)
def test_valid_envelopes_validate_and_parse(envelope: dict[str, Any]) -> None:
    VALIDATOR.validate(envelope)
    from_response(envelope)
    from_response(json.dumps(envelope))


INVALID: list[Any] = [
    [],
    "envelope",
    {},
    {"StatusCode": 200},
    {"Response": {"ResultCode": 0}},
    {"StatusCode": 99, "Response": {"ResultCode": 0}},
    {"StatusCode": 600, "Response": {"ResultCode": 0}},
    {"StatusCode": "200", "Response": 1},
    {"StatusCode": True, "Response": 1},
    {"StatusCode": 401, "Response": [1]},
    {"StatusCode": 401, "Response": None},
    {"StatusCode": 401, "Response": {"Error": "no code"}},
    {"StatusCode": 401, "Response": {"ResultCode": "102"}},
    {"StatusCode": 401, "Response": {"ResultCode": 2**31}},
    {"StatusCode": 401, "Response": {"ResultCode": -(2**31) - 1}},
    {"StatusCode": 401, "Response": {"ResultCode": 1.5}},
    {"StatusCode": 401, "Response": {"ResultCode": True}},
    {"StatusCode": 401, "Response": {"ResultCode": 102, "Error": 5}},
    {"StatusCode": 200, "statusCode": 200, "Response": 1},
    {"StatusCode": 200, "RESPONSE": 1},
    {"StatusCode": 200, "Response": 1, "Request": []},
    {"StatusCode": 200, "Response": 1, "Request": {"Method": 1}},
    {"StatusCode": 200, "Response": 1, "Request": {"Url": "/", "url": "/"}},
    {"StatusCode": 200, "Response": 1, "Request": {"URL": "/"}},
    {"StatusCode": 401, "Response": {"resultCode": 102}},
    {"StatusCode": 401, "Response": {"ResultCode": 102, "error": ""}},
    {"StatusCode": 200, "Response": {"ResultCode": 1, "resultcode": 2}},
    {"StatusCode": 200, "Response": {"resultcode": "x", "ResultCode": 1}},
    {"StatusCode": 200, "Version": "5.4.6", "version": "5.4.6", "Response": 1},
]


@pytest.mark.parametrize("value", INVALID)
def test_non_envelopes_fail_validation(value: object) -> None:
    assert not VALIDATOR.is_valid(value)


@given(data=st.data())
def test_make_envelope_outputs_validate(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(envelopes())
    VALIDATOR.validate(envelope)


@given(data=st.data())
def test_unknown_codes_validate(data: st.DataObject) -> None:
    # Drawn here, not in the decorator, so that mutation testing sees the call.
    envelope: dict[str, Any] = data.draw(envelopes(codes=unknown_codes()))
    VALIDATOR.validate(envelope)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_every_code_validates_at_every_version(row: Any) -> None:
    for version in ("5.4.5", "5.4.6.1", "5.4.8"):
        if version == "5.4.5" and row.since > (5, 4, 6, 0):
            continue
        VALIDATOR.validate(make_envelope(ResultCode[row.name], version=version))


def nested(levels: int, core: Any = 1) -> Any:
    """*core* inside *levels* arrays and objects, alternating: ``[{"x": [1]}]`` is 3."""
    value = core
    for level in range(levels):
        value = [value] if level % 2 == 0 else {"x": value}
    return value


def reads(envelope: Any) -> bool:
    """Whether from_response() reads *envelope* as JSON text, without EnvelopeError."""
    try:
        from_response(json.dumps(envelope))
    except EnvelopeError:
        return False
    return True


ENVELOPE_KEYS = ("Request", "Version", "StatusCode", "Response")
REQUEST_KEYS = ("Method", "Url")
RESULT_KEYS = ("ResultCode", "Error")


def spelled_as_the_vendor_does(mapping: dict[str, Any], names: tuple[str, ...]) -> bool:
    folded = {name.lower(): name for name in names}
    return all(folded.get(key.lower(), key) == key for key in mapping)


def in_the_vendors_spelling(candidate: dict[str, Any]) -> bool:
    """Every key from_response() reads is spelled as the vendor spells it (docs/exports.md)."""
    if not spelled_as_the_vendor_does(candidate, ENVELOPE_KEYS):
        return False
    request = candidate.get("Request")
    if isinstance(request, dict):
        request_keys: dict[str, Any] = cast("dict[str, Any]", request)
        if not spelled_as_the_vendor_does(request_keys, REQUEST_KEYS):
            return False
    if not isinstance(candidate.get("Response"), dict):
        return True
    response: dict[str, Any] = candidate["Response"]
    status = candidate.get("StatusCode")
    if isinstance(status, int) and 200 <= status < 300:
        # A payload's keys are its own, but ResultCode in two spellings is read as a result.
        return [key.lower() for key in response] != ["resultcode", "resultcode"]
    return spelled_as_the_vendor_does(response, RESULT_KEYS)


# Dicts near the envelope's shape. No number with an integral value written as a float:
# JSON Schema takes 200.0 for an integer, the parser does not (a difference the docs state).
KEYS = st.sampled_from(
    [
        *("Request", "Version", "StatusCode", "Response", "Other"),
        *("statusCode", "response", "RESPONSE", "StatusCode\n"),
    ]
)
INNER_KEYS = st.sampled_from(
    [
        *("ResultCode", "Error", "Method", "Url", "Id", "x"),
        *("resultcode", "resultCode", "ERROR", "url", "ResultCode\n"),
    ]
)
NUMBERS = (
    st.integers(-(2**32), 2**32)
    | st.sampled_from([100, 200, 299, 300, 401, 599, 0, 2**31 - 1, -(2**31), 2**31])
    | st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer())
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | NUMBERS
    | st.text(max_size=4)
    | st.sampled_from(["", "5.4.5", "5.4.6.1", "5.4.6.1-beta", "x"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(INNER_KEYS, children, max_size=3)
    ),
    max_leaves=8,
)
# Payloads around the depth limit: the envelope is one level, so 99 more fit.
DEEP = st.integers(96, 104).map(nested)
CANDIDATES = st.dictionaries(KEYS, VALUES | DEEP, max_size=5)


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(candidate=CANDIDATES)
@example({"StatusCode": 200, "Response": {"ResultCode": 1, "resultcode": 2}})
@example({"StatusCode": 200, "Response": {"resultcode": "x", "ResultCode": 1}})
@example({"StatusCode": 200, "Response": {"ResultCode": 2**31}})
@example({"StatusCode": 200, "Response": {"ResultCode": 0, "Error": 0}})
@example({"StatusCode": 401, "Response": {"ResultCode": 0, "Error": None}, "response": 1})
@example({"StatusCode": 401, "Response": {"ResultCode": 102, "Error": "", "More": 1}})
@example({"StatusCode": 200, "Response": {"Id": 7, "ResultCode": 0, "Name": "call"}})
@example({"StatusCode": 200, "Response": {"ResultCode": "OK"}})
@example({"StatusCode": 200, "Response": {"resultCode": 102}})
@example({"StatusCode": 200, "Response": nested(99)})
@example({"StatusCode": 200, "Response": nested(100)})
@example({"StatusCode": 200, "Response": nested(111)})
@example({"StatusCode": 200, "Response": 1, "Request": nested(99, "/")})
@example({"StatusCode": 200, "Response": 1, "Other": nested(100)})
@example({"StatusCode": 200, "Response": 1, "Version": 5})
@example({"StatusCode": 200, "Response": 1, "StatusCode\n": 2})
@example({"StatusCode": 200, "Response": {"ResultCode": 1, "ResultCode\n": 2}})
def test_the_schema_accepts_exactly_what_the_parser_reads(candidate: dict[str, Any]) -> None:
    accepted = VALIDATOR.is_valid(candidate)
    read = reads(candidate)
    if accepted:  # whatever the schema accepts, the parser reads, as text and as a dict
        assert read
        from_response(candidate)
    if read and in_the_vendors_spelling(candidate):  # and the other way round
        assert accepted


@pytest.mark.parametrize(
    ("levels", "accepted"), [(1, True), (98, True), (99, True), (100, False), (111, False)]
)
def test_nesting_is_limited_as_the_parser_limits_it(levels: int, accepted: bool) -> None:
    # The envelope is the first level: 99 more in Response make MAX_DEPTH, 100.
    assert MAX_DEPTH == 100
    envelope = {"StatusCode": 200, "Response": nested(levels)}
    assert VALIDATOR.is_valid(envelope) is accepted
    assert reads(envelope) is accepted


def test_the_depth_limit_counts_arrays_and_objects_alike() -> None:
    deepest_list: Any = 1
    for _ in range(99):
        deepest_list = [deepest_list]
    deepest_dict: Any = 1
    for _ in range(99):
        deepest_dict = {"x": deepest_dict}
    for payload in (deepest_list, deepest_dict):
        assert VALIDATOR.is_valid({"StatusCode": 200, "Response": payload})
        assert not VALIDATOR.is_valid({"StatusCode": 200, "Response": [payload]})
        assert not VALIDATOR.is_valid({"StatusCode": 200, "Response": {"x": payload}})


def test_the_differences_the_docs_state() -> None:
    # How a number is written: JSON Schema reads 200.0 as an integer; the parser refuses it.
    for envelope in (
        {"StatusCode": 200.0, "Response": 1},
        {"StatusCode": 401, "Response": {"ResultCode": 102.0}},
    ):
        assert VALIDATOR.is_valid(envelope)
        assert not reads(envelope)
    # Very long integers: 4300 digits are read; the schema cannot bound them, only say so.
    longest = {"StatusCode": 200, "Response": 10**4300 - 1}
    too_long = {"StatusCode": 200, "Response": 10**5000 - 1}
    assert VALIDATOR.is_valid(longest)
    assert reads(longest)
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)  # jsonschema writes the number into its messages
    try:
        assert VALIDATOR.is_valid(too_long)
    finally:
        sys.set_int_max_str_digits(limit)
    # Python words the limit as "(4300 digits)" from 3.11 and as "(4300)" on 3.10.
    with pytest.raises(EnvelopeError, match=r"limit \(4300\b"):
        from_response('{"StatusCode": 200, "Response": ' + "9" * 5000 + "}")
    assert "integers of at most 4300 digits" in SCHEMA["$comment"]
    # Spelling: the parser reads statusCode; the schema takes the vendor's spelling only.
    assert reads({"statusCode": 200, "Response": 1})
    assert not VALIDATOR.is_valid({"statusCode": 200, "Response": 1})
    # A dict is read at any depth; the limit is on JSON text.
    assert from_response({"StatusCode": 200, "Response": nested(200)}).ok


def test_the_structure_is_as_written() -> None:
    defs = SCHEMA["$defs"]
    top = {key: value for key, value in SCHEMA.items() if key != "$defs"}
    assert top == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "CcaWebApi envelope",
        "description": (
            "Every CcaWebApi response: {Request, Version, StatusCode, Response}. Generated by"
            " `cca-codes export --format jsonschema` from the table in cca-result-codes;"
            " do not edit."
        ),
        "$comment": (
            "Limits of the parser on JSON text: nesting at most 100 levels deep (the envelope"
            " is one; CcaDepth100); integers of at most 4300 digits, which JSON Schema cannot"
            " bound in numbers every JSON reader can load."
        ),
        "type": "object",
        "allOf": [{"$ref": "#/$defs/CcaDepth100"}],
        "properties": {
            "Request": {"$ref": "#/$defs/CcaRequest"},
            "Version": {"$ref": "#/$defs/CcaVersion"},
            "StatusCode": {"$ref": "#/$defs/CcaStatusCode"},
            "Response": True,
        },
        "required": ["StatusCode", "Response"],
        "propertyNames": {
            "allOf": [
                {
                    "if": {"pattern": "^[Rr][Ee][Qq][Uu][Ee][Ss][Tt]$", "maxLength": 7},
                    "then": {"const": "Request"},
                },
                {
                    "if": {"pattern": "^[Vv][Ee][Rr][Ss][Ii][Oo][Nn]$", "maxLength": 7},
                    "then": {"const": "Version"},
                },
                {
                    "if": {
                        "pattern": "^[Ss][Tt][Aa][Tt][Uu][Ss][Cc][Oo][Dd][Ee]$",
                        "maxLength": 10,
                    },
                    "then": {"const": "StatusCode"},
                },
                {
                    "if": {"pattern": "^[Rr][Ee][Ss][Pp][Oo][Nn][Ss][Ee]$", "maxLength": 8},
                    "then": {"const": "Response"},
                },
            ]
        },
        "if": {"properties": {"StatusCode": {"minimum": 200, "maximum": 299}}},
        "then": {
            "properties": {
                "Response": {
                    "anyOf": [{"$ref": "#/$defs/CcaErrorResponse"}, {"$ref": "#/$defs/CcaPayload"}]
                }
            }
        },
        "else": {"properties": {"Response": {"$ref": "#/$defs/CcaErrorResponse"}}},
    }
    assert defs["CcaVersion"] == {
        "description": (
            "The server's version: servers send one to four dot-separated numbers, or an empty"
            " string when unknown. Below 5.4.6, ResultCode holds the legacy number. Any value"
            " is read: another string by its leading number (5.4.6.1-beta is 5.4.6.1), a value"
            " that is not a string as no version."
        ),
        "examples": ["5.4.6.1", ""],
    }
    assert defs["CcaErrorResponse"] == {
        "description": (
            "The result shape: every failure, and success codes such as Pending."
            " Other keys are read past."
        ),
        "type": "object",
        "properties": {
            "ResultCode": {"$ref": "#/$defs/CcaResultCode"},
            "Error": {"type": ["string", "null"]},
        },
        "required": ["ResultCode"],
        "propertyNames": {
            "allOf": [
                {
                    "if": {
                        "pattern": "^[Rr][Ee][Ss][Uu][Ll][Tt][Cc][Oo][Dd][Ee]$",
                        "maxLength": 10,
                    },
                    "then": {"const": "ResultCode"},
                },
                {
                    "if": {"pattern": "^[Ee][Rr][Rr][Oo][Rr]$", "maxLength": 5},
                    "then": {"const": "Error"},
                },
            ]
        },
    }
    assert defs["CcaPayload"] == {
        "description": (
            "A success payload: any JSON value. An object whose keys are ResultCode and"
            " optionally Error, in any case, with a 32-bit integer ResultCode and a string or"
            " null Error, is read as the result shape instead."
        ),
        "not": {"$ref": "#/$defs/CcaAmbiguousResult"},
    }
    assert defs["CcaAmbiguousResult"] == {
        "description": (
            "Two keys that are both ResultCode, in different cases: an ambiguous result,"
            " which the parser refuses (or reads as a payload when the first is not a 32-bit"
            " integer: JSON Schema cannot see the order of keys)."
        ),
        "type": "object",
        "minProperties": 2,
        "maxProperties": 2,
        "propertyNames": {
            "pattern": "^[Rr][Ee][Ss][Uu][Ll][Tt][Cc][Oo][Dd][Ee]$",
            "maxLength": 10,
        },
    }
    assert defs["CcaDepth0"] == {
        "description": "A JSON value that is not an array or object.",
        "type": ["null", "boolean", "number", "string"],
    }
    assert defs["CcaDepth1"] == {
        "description": "JSON nested at most 1 level deep.",
        "items": {"$ref": "#/$defs/CcaDepth0"},
        "additionalProperties": {"$ref": "#/$defs/CcaDepth0"},
    }
    assert defs["CcaDepth100"] == {
        "description": "JSON nested at most 100 levels deep.",
        "items": {"$ref": "#/$defs/CcaDepth99"},
        "additionalProperties": {"$ref": "#/$defs/CcaDepth99"},
    }
    assert "CcaDepth101" not in defs
    assert [name for name in defs if name.startswith("CcaDepth")] == [
        f"CcaDepth{depth}" for depth in range(101)
    ]


def without_depth_limit(schema: dict[str, Any]) -> dict[str, Any]:
    # hypothesis-jsonschema inlines every $ref: CcaDepth100 names CcaDepth99 twice, and so
    # on down, 2**100 copies. Its instances are never that deep anyway.
    del schema["allOf"]
    return schema


def instances_of(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    # Its JSON type holds list[Unknown]: pyright strict cannot see through it.
    from hypothesis_jsonschema import from_schema  # pyright: ignore[reportUnknownVariableType]

    return from_schema(schema)  # pyright: ignore[reportUnknownVariableType] -- as above


# Slow (half a minute: hypothesis-jsonschema draws from 107 $defs), so it runs in the full
# suite only, not in the fast run that mutation testing repeats for every mutant.
@pytest.mark.slow
def test_instances_generated_from_the_schema_parse() -> None:
    @settings(
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        max_examples=100,
    )
    # A fresh copy: hypothesis-jsonschema resolves $refs in the schema it is given, in place.
    @given(instance=instances_of(without_depth_limit(envelope_schema())))
    def parse(instance: Any) -> None:
        assert isinstance(from_response(instance), ApiResponse)

    parse()
