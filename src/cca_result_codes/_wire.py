"""The CcaWebApi envelope on the wire: its keys, its bounds, and the checks of its numbers.

Written once, here, for every module that reads or writes an envelope: the
two readers (``_general_reader``, ``_short_reader``), the transport
(``_transport``), the exports (JSON Schema, TypeScript) and the testing kit.

>>> ENVELOPE_KEYS
('Request', 'Version', 'StatusCode', 'Response')
>>> http_status(404), http_status(600), is_int32(2**31)
(404, None, False)
"""

from __future__ import annotations

__all__ = [
    "ENVELOPE_KEYS",
    "INT32_MAX",
    "INT32_MIN",
    "MISSING",
    "REQUEST_KEYS",
    "RESULT_KEYS",
    "STATUS_MAX",
    "STATUS_MIN",
    "http_status",
    "is_int32",
    "plain_int",
]

ENVELOPE_KEYS = ("Request", "Version", "StatusCode", "Response")
"""The envelope's keys, as the vendor spells them."""
REQUEST_KEYS = ("Method", "Url")
"""The keys of ``Request``."""
RESULT_KEYS = ("ResultCode", "Error")
"""The keys of the result object that ``Response`` holds on failure."""

# CcaWebApi is a .NET service: its result codes are Int32.
INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
# An HTTP status, as the envelope's StatusCode and a response's status must be.
STATUS_MIN = 100
STATUS_MAX = 599

MISSING = object()
"""Stands for a key or an attribute that is not there (null is a value)."""


def plain_int(value: object) -> int | None:
    """*value* as a plain int when it is an int or an int subclass other than bool, else None.

    ``int.__int__`` is int's own slot: a subclass cannot override what it returns.

    >>> from http import HTTPStatus
    >>> plain_int(HTTPStatus.NOT_FOUND), plain_int(True), plain_int("1")
    (404, None, None)
    """
    # issubclass() on the type never runs the value's code; isinstance() then only narrows.
    kind = type(value)
    if issubclass(kind, int) and kind is not bool and isinstance(value, int):
        return int.__int__(value)
    return None


def http_status(value: object) -> int | None:
    """*value* as a plain int when it is an HTTP status from 100 to 599, else None."""
    number = plain_int(value)
    # Bounds, not `in range(...)`: a range's `in` costs several times as much.
    if number is None or not STATUS_MIN <= number <= STATUS_MAX:
        return None
    return number


def is_int32(number: int) -> bool:
    """Whether the plain int *number* fits a 32-bit result code."""
    return INT32_MIN <= number <= INT32_MAX
