"""The twelve categories of result codes, each a block of 100 numbers.

>>> Category.of(711)
<Category.LISTEN_IN: 'listen-in errors'>
>>> Category.of(711).label
'listen-in errors'

A number's category follows from its block alone, so a code that this table
lacks is still classified.
"""

from __future__ import annotations

from enum import Enum

from ._names import fold_name

__all__ = ["Category"]

_BLOCK_SIZE = 100


class Category(Enum):
    """A category of result codes: its vendor label and its block of numbers.

    A member's value is the vendor's label, so ``Category("quota errors")``
    works as well as ``Category.QUOTA``.

    >>> Category.QUOTA.label, Category.QUOTA.codes
    ('quota errors', range(800, 900))
    >>> Category("quota errors") is Category.QUOTA
    True

    ``CCA_API`` holds the codes that the CcaAPI client layer makes; a CCA
    server never sends them.
    """

    label: str
    """The vendor's words for the category, such as ``"listen-in errors"``."""
    codes: range
    """The category's block of numbers: ``range(100, 200)`` for GENERAL.

    Every number in the block belongs to the category, documented or not.
    """

    def __new__(cls, label: str, first: int = 0, /) -> Category:
        """Build a member from its label and the first number of its block."""
        member = object.__new__(cls)
        member._value_ = label
        member.label = label
        member.codes = range(first, first + _BLOCK_SIZE)
        return member

    SUCCESS = "success", 0
    GENERAL = "general errors", 100
    TASK = "task errors", 200
    LIST = "list errors", 300
    REPORTING = "reporting errors", 400
    LOCKING = "locking errors", 500
    UPDATE = "update failed", 600
    LISTEN_IN = "listen-in errors", 700
    QUOTA = "quota errors", 800
    MANUAL_DIAL = "manual dial errors", 900
    RECORDING = "Recording Management Service errors", 1000
    # Made by the CcaAPI client layer, never sent by a CCA server.
    CCA_API = "CcaAPI-specific errors", 10000

    @property
    def is_error(self) -> bool:
        """False for SUCCESS, True for every category of errors.

        >>> Category.SUCCESS.is_error, Category.GENERAL.is_error
        (False, True)
        """
        return self is not Category.SUCCESS

    @staticmethod
    def of(number: int) -> Category | None:
        """The category whose block holds *number*, known code or not; None outside every block.

        >>> Category.of(127)
        <Category.GENERAL: 'general errors'>
        >>> Category.of(5000) is None
        True
        """
        return _CATEGORY_BY_BLOCK.get(number // _BLOCK_SIZE)

    @classmethod
    def from_name(cls, text: str) -> Category:
        """Find a category by member name or label, ignoring case, ``_``, ``-`` and spaces.

        >>> Category.from_name("listen-in")
        <Category.LISTEN_IN: 'listen-in errors'>

        Besides the names and labels, ``"listen-in"`` and ``"quota"`` are
        accepted: a label without its trailing "errors". Raises KeyError
        when nothing matches, and TypeError when *text* is not a str.
        """
        if not isinstance(text, str):
            raise TypeError(f"Category.from_name() needs a str, not {type(text).__name__}")
        found = _CATEGORY_BY_FOLDED_NAME.get(fold_name(text))
        if found is None:
            raise KeyError(f"no category named {text!r}")
        return found


_CATEGORY_BY_BLOCK = {member.codes.start // _BLOCK_SIZE: member for member in Category}


# "listen-in" and "quota" are accepted as short forms of the labels.
_CATEGORY_BY_FOLDED_NAME = {
    folded: member
    for name, member in Category.__members__.items()
    for folded in (
        fold_name(name),
        fold_name(member.label),
        fold_name(member.label).removesuffix("errors"),
    )
}
