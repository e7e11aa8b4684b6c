"""Fuzzing from_response(): deep nesting, huge numbers, odd encodings, damaged envelopes.

The default profile runs a couple of hundred examples per property. For a long
run: HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_fuzz.py --no-cov
"""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import ApiResponse, EnvelopeError, from_response
from vendor_table import SPEC_DIR

EXAMPLE = (SPEC_DIR / "envelope-example.json").read_text(encoding="utf-8")
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"]


def never_crashes(source: object) -> ApiResponse | None:
    """Parse *source*; an EnvelopeError is a valid outcome, anything else is a bug."""
    try:
        return from_response(source)
    except EnvelopeError as error:
        assert len(error.excerpt) <= 200
        assert len(str(error)) < 1_000
        return None


# Drawn up to 20,000 levels, far past any stack; the deepest case is an example of its own.
@given(st.integers(min_value=1, max_value=20_000), st.sampled_from("[{"))
@example(99, "[")  # the envelope around it makes 100 levels: the most allowed
@example(100, "{")
@example(101, "[")
@example(200_000, "[")
@example(200_000, "{")
def test_deep_nesting(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    inner = (
        opener * depth + closer * depth if opener == "[" else '{"a":' * depth + "1" + closer * depth
    )
    never_crashes(inner)
    never_crashes(f'{{"StatusCode": 200, "Response": {inner}}}')


@given(st.integers(min_value=1, max_value=20_000), st.booleans())
def test_huge_numbers(digits: int, negative: bool) -> None:
    number = ("-" if negative else "") + "9" * digits
    never_crashes(f'{{"StatusCode": 401, "Response": {{"ResultCode": {number}, "Error": ""}}}}')
    never_crashes(f'{{"StatusCode": {number}, "Response": 1}}')
    never_crashes(f'{{"StatusCode": 200, "Response": 1e{number}}}')


@given(st.sampled_from(ENCODINGS), st.text(max_size=40))
def test_odd_encodings(encoding: str, error_text: str) -> None:
    text = EXAMPLE.replace('"Error": ""', f'"Error": {json.dumps(error_text, ensure_ascii=False)}')
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    reply = never_crashes(data)
    if encoding in ("utf-8", "utf-8-sig"):
        assert reply is not None
        assert reply.error == error_text


@given(st.data())
def test_damaged_vendor_example(data: st.DataObject) -> None:
    raw = bytearray(EXAMPLE.encode())
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "drop", "insert"]))
        if action == "flip":
            raw[position] = data.draw(st.integers(min_value=0, max_value=255))
        elif action == "drop":
            del raw[position]
        else:
            raw.insert(position, data.draw(st.integers(min_value=0, max_value=255)))
    never_crashes(bytes(raw))
    never_crashes(raw.decode("utf-8", "surrogateescape"))
