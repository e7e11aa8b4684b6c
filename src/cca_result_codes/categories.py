"""The twelve categories of result codes, each a block of numbers.

>>> Category.of(711)
<Category.LISTEN_IN: 'listen-in errors'>
>>> Category.of(711).label
'listen-in errors'
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
    """

    label: str
    codes: range

    def __new__(cls, label: str, first: int = 0, /) -> Category:
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
        """False for SUCCESS, True for every category of errors."""
        return self is not Category.SUCCESS

    @staticmethod
    def of(number: int) -> Category | None:
        """The category whose block holds *number*, known code or not.

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

        Raises KeyError when nothing matches.
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
    for member in Category
    for folded in (
        fold_name(member.name),
        fold_name(member.label),
        fold_name(member.label).removesuffix("errors"),
    )
}
