"""Short descriptions of untrusted values, for error messages; they never raise.

A value from a server or a caller may be a huge int, a deep structure or an
object of any class: these helpers read it through its type, so that none of
its own methods runs.

>>> describe(True), describe(10**40), describe([1])
('the boolean true', 'the integer <133-bit integer>', 'an array')
"""

from __future__ import annotations

__all__ = ["describe", "describe_int", "short"]

_BIG = 10**30


def describe(value: object) -> str:
    """A short, safe description: huge ints, deep structures and odd classes never raise here."""
    if value is None:
        return "null"
    kind = type(value)
    if kind is bool:
        return f"the boolean {'true' if value else 'false'}"
    # Checked on the type, so that no method of the value runs.
    if issubclass(kind, int) and isinstance(value, int):
        return f"the integer {describe_int(int.__int__(value))}"
    if issubclass(kind, float) and isinstance(value, float):
        return f"the number {float.__repr__(value)}"
    if issubclass(kind, str) and isinstance(value, str):
        return f"the string {short(str.__str__(value))}"
    if issubclass(kind, dict):
        return "an object"
    if issubclass(kind, list):
        return "an array"
    return f"a {kind.__name__}"


def describe_int(value: int | None) -> str:
    """``repr(value)``, or its size in bits for an int of 30 digits or more."""
    if value is None or -_BIG < value < _BIG:
        return repr(value)
    return f"<{value.bit_length()}-bit integer>"


def short(text: str) -> str:
    """``repr(text)``, cut to its first 60 characters and "..." when longer."""
    if len(text) <= 60:
        return repr(text)
    return repr(text[:60]) + "..."
