"""Numbers from CCA servers older than 5.4.6, when some codes had other numbers.

>>> to_current(712)
<ResultCode.ListenInNoActiveConversationFound: 711>
>>> to_legacy(ResultCode.ListenInNoActiveConversationFound)
712

The mapping is not a bijection: old 710 is today's 709, yet today's 710
exists too. Old 2, 709 and 809 have no documented meaning and raise
LegacyCodeError.

``from_response()`` applies ``to_current()`` itself when an envelope's
Version, or its ``server_version`` argument, is older than ``UNIFIED_IN``.
"""

from __future__ import annotations

from .codes import ResultCode
from .versions import UNIFIED_IN, ServerVersion

__all__ = ["UNIFIED_IN", "LegacyCodeError", "to_current", "to_legacy"]


class LegacyCodeError(ValueError):
    """A number that has no counterpart on the other side of 5.4.6.

    ``number`` is the number asked about, and ``reason`` says in a sentence
    why it has no counterpart; the message is ``reason``. A ValueError, so
    ``except ValueError`` catches it too.

    >>> try:
    ...     to_current(809)
    ... except LegacyCodeError as error:
    ...     print(error.number)
    809
    """

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(number, reason)
        self.number = number
        self.reason = reason

    def __str__(self) -> str:
        """The reason, so that the error prints as one sentence."""
        return self.reason


def to_current(old: int) -> ResultCode:
    """Today's code for *old*, a number sent by a server older than 5.4.6.

    A renumbered code is found by its old number; any other number means
    the code that has it today. Raises LegacyCodeError for a number with no
    documented meaning (old 2, 709 and 809, and numbers no code ever had),
    and TypeError for anything but an int.

    >>> to_current(711)  # renumbered: old 711 is today's 710
    <ResultCode.ListenInNoActiveCallFound: 710>
    >>> to_current(102)  # never renumbered
    <ResultCode.UnknownToken: 102>
    """
    if type(old) is not int:  # True and 1.0 would find code 1; int subclasses pass
        _require_int(old)
    try:
        return _CURRENT_BY_LEGACY[old]
    except KeyError:
        raise LegacyCodeError(old, _why_no_current(old)) from None


def to_legacy(code: ResultCode | int) -> int:
    """The number that *code* had on servers older than 5.4.6.

    *code* is a ResultCode or its number. For a code that was never
    renumbered that is the code itself. Raises LegacyCodeError for an
    unknown number and for a code that first appeared after 5.4.6, and
    TypeError for anything but an int.

    >>> to_legacy(ResultCode.ListenInNoActiveCallFound), to_legacy(102)
    (711, 102)
    """
    _require_int(code)
    member = ResultCode.get(code)
    if member is None:
        raise LegacyCodeError(code, f"{code} is not a documented result code")
    if member.since > UNIFIED_IN:
        raise LegacyCodeError(
            code,
            f"{member.name} ({member.value}) first appeared in {member.since},"
            f" after {UNIFIED_IN}, so it has no legacy number",
        )
    return member.value if member.legacy_code is None else member.legacy_code


def _require_int(number: object) -> None:
    if not isinstance(number, int) or isinstance(number, bool):
        raise TypeError(f"result codes are ints, not {type(number).__name__}")


def _why_no_current(old: int) -> str:
    renumbered = ResultCode.get(old)
    if renumbered is not None:
        return (
            f"legacy code {old} has no documented meaning: {renumbered.name} took"
            f" number {old} in {UNIFIED_IN} (it was {renumbered.legacy_code} before),"
            f" and the vendor documents no code numbered {old} before then"
        )
    return f"legacy code {old} is not a documented result code"


# Old numbers of renumbered codes, and the numbers that never moved. The two
# sets are disjoint (tests/test_legacy.py proves it), so the merge loses nothing.
_CURRENT_BY_LEGACY = {
    member.value: member for member in ResultCode if member.legacy_code is None
} | {member.legacy_code: member for member in ResultCode if member.legacy_code is not None}


def legacy_gap(version: ServerVersion | None, raw_code: int) -> str | None:
    """Why *raw_code* from a server of *version* has no meaning, when it is a legacy gap.

    None unless the server is older than 5.4.6 and the number has no
    documented meaning there; the reason is ``to_current()``'s own.

    >>> legacy_gap(ServerVersion(5, 4, 5, 0), 12345)
    'legacy code 12345 is not a documented result code'
    >>> legacy_gap(ServerVersion(5, 4, 6, 0), 12345) is None
    True
    """
    if version is None or version >= UNIFIED_IN:
        return None
    try:
        to_current(raw_code)
    except LegacyCodeError as error:
        return error.reason
    return None
