"""Hostile values for tests of code that must not trust what it is given."""

from __future__ import annotations


class Hostile:
    """A value whose every dunder that a parser might be tempted to call raises."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__")

    def __ne__(self, other: object) -> bool:
        raise RuntimeError("__ne__")

    def __bool__(self) -> bool:
        raise RuntimeError("__bool__")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__")

    def __len__(self) -> int:
        raise RuntimeError("__len__")

    def __index__(self) -> int:
        raise RuntimeError("__index__")

    __str__ = __repr__
    __int__ = __index__
