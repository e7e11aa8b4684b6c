"""Numbers from CCA servers older than 5.4.6, when some codes had other numbers.

>>> to_current(712)
<ResultCode.ListenInNoActiveConversationFound: 711>
>>> to_legacy(ResultCode.ListenInNoActiveConversationFound)
712
>>> translate(" 712 ").code
<ResultCode.ListenInNoActiveConversationFound: 711>
>>> translate("abc").reason
'not a number'

The mapping is not a bijection: old 710 is today's 709, yet today's 710
exists too. Old 2, 709 and 809 have no documented meaning, and neither have
125, 126, 301 and 302, which first appeared after 5.4.6: no older server
sent them.

For one number, ``to_current()`` raises LegacyCodeError. For stored data,
``translate()`` and ``translate_all()`` never raise for a bad value: they
return a ``Translation`` with a code or a short reason. ``CURRENT_BY_LEGACY``
is the mapping itself, for ``dict.get``, pandas and SQL exports.

``from_response()`` applies ``to_current()`` itself when an envelope's
Version, or its ``server_version`` argument, is older than ``UNIFIED_IN``.
"""

from __future__ import annotations

from types import MappingProxyType

from ._wire import INT32_MAX as _INT32_MAX
from ._wire import INT32_MIN as _INT32_MIN
from .codes import ResultCode
from .versions import UNIFIED_IN, ServerVersion

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from typing import NoReturn

    _Fields = tuple[int | str, ResultCode | None, str | None]

__all__ = [
    "BLANK",
    "CURRENT_BY_LEGACY",
    "FIRST_APPEARED_AFTER_5_4_6",
    "LEGACY_BY_CURRENT",
    "NOT_A_NUMBER",
    "NO_DOCUMENTED_MEANING",
    "OUT_OF_INT32",
    "REASONS",
    "UNIFIED_IN",
    "LegacyCodeError",
    "Translation",
    "to_current",
    "to_legacy",
    "translate",
    "translate_all",
]

# The reasons a stored value has no code: fixed one-line strings, to compare or count.
BLANK = "blank"
"""The value is empty or only whitespace."""
NOT_A_NUMBER = "not a number"
"""The value is not ASCII decimal digits with an optional sign."""
OUT_OF_INT32 = "out of Int32"
"""The number is outside -2147483648..2147483647, where no result code lives."""
NO_DOCUMENTED_MEANING = "no documented meaning"
"""No code had this number before 5.4.6: a hole (2, 709, 809) or a number no code had."""
FIRST_APPEARED_AFTER_5_4_6 = "first appeared after 5.4.6"
"""Today's code with this number is newer than 5.4.6, so no older server sent it."""
REASONS = (BLANK, NOT_A_NUMBER, OUT_OF_INT32, NO_DOCUMENTED_MEANING, FIRST_APPEARED_AFTER_5_4_6)
"""Every reason, in the order ``translate()`` checks them."""

_INT32_DIGITS = len(str(_INT32_MAX))  # more significant digits than this is out of Int32
_ZERO = "0"  # here, not in _parse(): a mutated strip set would be equivalent
_CACHE_LIMIT = 100_000  # distinct values translate_all() remembers; memory stays bounded


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


class Translation:
    """What a stored value means today: ``code``, or no code and a ``reason``.

    ``value`` is the value as given. ``reason`` is None when ``code`` is set,
    and otherwise one of the module's reason constants (``REASONS``).
    Translations are immutable, compare equal and hash as the tuple of their
    three fields, and ``translate_all()`` hands out one object per distinct
    value.

    >>> translate("709")
    Translation(value='709', code=None, reason='no documented meaning')
    """

    __slots__ = ("_code", "_reason", "_value")

    def __init__(self, value: int | str, code: ResultCode | None, reason: str | None) -> None:
        self._value = value
        self._code = code
        self._reason = reason

    @property
    def value(self) -> int | str:
        """The value as given: an int, or the string as stored."""
        return self._value

    @property
    def code(self) -> ResultCode | None:
        """Today's code, or None when the value has no translation."""
        return self._code

    @property
    def reason(self) -> str | None:
        """Why there is no code (one of ``REASONS``), or None when there is one."""
        return self._reason

    def _fields(self) -> _Fields:
        return (self._value, self._code, self._reason)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Translation:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Translation(value={self._value!r}, code={self._code!r}, reason={self._reason!r})"

    def __reduce__(
        self,
    ) -> tuple[type[Translation], tuple[int | str, ResultCode | None, str | None]]:
        return (Translation, self._fields())


def translate(value: int | str) -> Translation:
    """Today's code for *value*, an old number as stored: an int or a string.

    A string may have surrounding whitespace; inside it, only ASCII decimal
    digits with an optional sign count (``"+712"`` and ``"0712"`` are 712).
    It never raises for a bad value: the ``Translation`` has no code and one
    of the reasons in ``REASONS``. It raises TypeError for anything but an
    int or a str, and for a ResultCode member, which is already current:
    translating it again would be a double translation.

    >>> translate(" +0712 ").code
    <ResultCode.ListenInNoActiveConversationFound: 711>
    >>> translate(125).reason
    'first appeared after 5.4.6'
    """
    if isinstance(value, str):
        number = _parse(value)
        if isinstance(number, str):
            return Translation(value, None, number)
    elif type(value) is int:
        number = value
    else:
        _refuse(value, "translate")
    code = _CURRENT_BY_LEGACY.get(number)
    if code is not None:
        return Translation(value, code, None)
    return Translation(value, None, _why_untranslatable(number))


def translate_all(values: Iterable[int | str]) -> Iterator[Translation]:
    """``translate()`` each value, lazily and in order.

    Stored data repeats a few distinct values, so each distinct value is
    translated once and its ``Translation`` handed out again: this runs at
    about the speed of a ``dict`` lookup per value. Raises TypeError, as
    ``translate()`` does, when it reaches a value that is not an int or a str.

    >>> [str(t.code or t.reason) for t in translate_all(["712", "712", 3, "x"])]
    ['711', '711', '2', 'not a number']
    """
    # map() over a dict's own lookup keeps the loop in C. Only strings are
    # remembered: 1.0, True or a ResultCode equal an int and would find its entry.
    return map(_TextCache().__getitem__, values)


class _TextCache(dict[object, Translation]):
    """Translations of the strings seen so far; other values go to translate()."""

    __slots__ = ()

    def __missing__(self, value: object) -> Translation:
        if type(value) is int:
            found = _TRANSLATED_INTS.get(value)
            return translate(value) if found is None else found
        found = translate(value)  # type: ignore[arg-type]  # translate() checks the type
        if type(value) is str and len(self) < _CACHE_LIMIT:
            self[value] = found
        return found


def _parse(text: str) -> int | str:
    """The number in *text*, or the reason there is none."""
    digits = text.strip()
    if not digits:
        return BLANK
    sign = digits[0]
    if sign in "+-":
        digits = digits[1:]
    if not (digits.isascii() and digits.isdigit()):
        return NOT_A_NUMBER
    significant = digits.lstrip(_ZERO)
    if len(significant) > _INT32_DIGITS:  # int() of thousands of digits raises
        return OUT_OF_INT32
    number = int(significant or "0")
    return -number if sign == "-" else number


def _why_untranslatable(number: int) -> str:
    if not _INT32_MIN <= number <= _INT32_MAX:
        return OUT_OF_INT32
    if number in _NEWER_NUMBERS:
        return FIRST_APPEARED_AFTER_5_4_6
    return NO_DOCUMENTED_MEANING


def _refuse(value: object, function: str) -> NoReturn:
    if isinstance(value, ResultCode):
        raise TypeError(
            f"{function}() takes an old number as stored, not ResultCode.{value.name}:"
            " a ResultCode is already current, and translating it again would be a"
            " double translation"
        )
    raise TypeError(f"{function}() takes an int or a str, not {type(value).__name__}")


def to_current(old: int) -> ResultCode:
    """Today's code for *old*, a number sent by a server older than 5.4.6.

    A renumbered code is found by its old number; any other number means
    the code that has it today, if that code existed before 5.4.6. Raises
    LegacyCodeError for a number with no documented meaning (old 2, 709 and
    809, 125, 126, 301 and 302, which first appeared after 5.4.6, and
    numbers no code ever had), and TypeError for anything but an int, and
    for a ResultCode member, which is already current.

    >>> to_current(711)  # renumbered: old 711 is today's 710
    <ResultCode.ListenInNoActiveCallFound: 710>
    >>> to_current(102)  # never renumbered
    <ResultCode.UnknownToken: 102>
    """
    if type(old) is not int:  # True and 1.0 would find code 1; int subclasses pass
        if isinstance(old, ResultCode):
            _refuse(old, "to_current")
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
    today = ResultCode.get(old)
    if today is None:
        return f"legacy code {old} is not a documented result code"
    if today.since > UNIFIED_IN:
        return (
            f"legacy code {old} has no documented meaning: {today.name} first appeared"
            f" after 5.4.6 (in {today.since}), so no server older than {UNIFIED_IN} sent it"
        )
    return (
        f"legacy code {old} has no documented meaning: {today.name} took"
        f" number {old} in {UNIFIED_IN} (it was {today.legacy_code} before),"
        f" and the vendor documents no code numbered {old} before then"
    )


# Old numbers of renumbered codes, and the numbers of the base release that never
# moved. The two sets are disjoint (tests/test_legacy.py proves it), so the merge
# loses nothing. Codes newer than 5.4.6 are left out: no older server sent them.
_CURRENT_BY_LEGACY = {
    member.value: member
    for member in ResultCode
    if member.legacy_code is None and member.since <= UNIFIED_IN
} | {member.legacy_code: member for member in ResultCode if member.legacy_code is not None}
_NEWER_NUMBERS = frozenset(member.value for member in ResultCode if member.since > UNIFIED_IN)
_TRANSLATED_INTS = {
    number: Translation(number, code, None) for number, code in _CURRENT_BY_LEGACY.items()
}

CURRENT_BY_LEGACY: Mapping[int, ResultCode] = MappingProxyType(_CURRENT_BY_LEGACY)
"""Every old number that translates, to today's code; read-only.

>>> CURRENT_BY_LEGACY.get(712), CURRENT_BY_LEGACY.get(709)
(<ResultCode.ListenInNoActiveConversationFound: 711>, None)
"""
LEGACY_BY_CURRENT: Mapping[ResultCode, int] = MappingProxyType(
    {member: old for old, member in _CURRENT_BY_LEGACY.items()}
)
"""Every code that existed before 5.4.6, to its old number; read-only.

>>> LEGACY_BY_CURRENT[ResultCode.ListenInNoActiveConversationFound]
712
"""


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
