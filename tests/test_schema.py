"""The JSON Schema export against the parser, both ways."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from cca_result_codes import ApiResponse, ResultCode, from_response
from cca_result_codes.cli import main
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
    {"StatusCode": 401, "Response": {"ResultCode": 102, "Error": "", "More": 1}},
    {"StatusCode": 200, "Response": {"resultCode": 1, "Data": 2}},
    {"StatusCode": 200, "Response": {"ResultCode": True}},
    {"StatusCode": 200, "statusCode": 200, "Response": 1},
    {"StatusCode": 200, "RESPONSE": 1},
    {"StatusCode": 200, "Response": 1, "Version": "5.4.6.1-beta"},
    {"StatusCode": 200, "Response": 1, "Version": "1.2.3.4.5"},
    {"StatusCode": 200, "Response": 1, "Version": "1234567890"},
    {"StatusCode": 200, "Response": 1, "Version": 5},
    {"StatusCode": 200, "Response": 1, "Request": []},
    {"StatusCode": 200, "Response": 1, "Request": {"Method": 1}},
    {"StatusCode": 200, "Response": 1, "Request": {"Url": "/", "url": "/"}},
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


# Dicts near the envelope's shape: whatever the schema accepts, the parser reads.
KEYS = st.sampled_from(
    ["Request", "Version", "StatusCode", "Response", "statusCode", "response", "Other"]
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**32), 2**32)
    | st.sampled_from([100, 200, 299, 300, 401, 599, 0, 2**31 - 1, -(2**31)])
    | st.text(max_size=4)
    | st.sampled_from(["", "5.4.5", "5.4.6.1", "x"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["ResultCode", "Error", "resultcode", "Method", "Url", "x"]),
            children,
            max_size=3,
        )
    ),
    max_leaves=8,
)


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(candidate=st.dictionaries(KEYS, VALUES, max_size=5))
@example({"StatusCode": 200, "Response": {"ResultCode": 1, "resultcode": 2}})
@example({"StatusCode": 200, "Response": {"ResultCode": 2**31}})
@example({"StatusCode": 200, "Response": {"ResultCode": 0, "Error": 0}})
@example({"StatusCode": 401, "Response": {"ResultCode": 0, "Error": None}, "response": 1})
def test_what_the_schema_accepts_the_parser_reads(candidate: dict[str, Any]) -> None:
    if VALIDATOR.is_valid(candidate):
        from_response(candidate)
        from_response(json.dumps(candidate))


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
    @given(instance=instances_of(envelope_schema()))
    def parse(instance: Any) -> None:
        assert isinstance(from_response(instance), ApiResponse)

    parse()
