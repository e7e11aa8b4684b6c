"""The HTTP headers of a response, as a read-only, case-insensitive snapshot.

Loaded with the envelope reader, never at package import.

>>> headers = Headers([("Retry-After", "30"), ("Via", "1.1 a"), ("via", "1.1 b")])
>>> headers["retry-after"], headers["VIA"]
('30', '1.1 a, 1.1 b')
>>> list(headers)
['Retry-After', 'Via']
"""

from __future__ import annotations

from collections.abc import Mapping

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["Headers", "headers_of_fields", "read_headers"]


class Headers(Mapping[str, str]):  # noqa: PLW1641 -- equal to dicts, which are unhashable
    """A read-only mapping of header names to values; names match in any case.

    A field that appears more than once has its values joined by ``", "``, in
    order, as HTTP combines repeated fields (RFC 9110, section 5.3). A name
    keeps the case of its first appearance. The mapping is a copy: it holds
    plain strings only, so it pickles and keeps no response alive.
    """

    __slots__ = ("_fields",)

    # Folded name -> (name as first sent, value).
    _fields: dict[str, tuple[str, str]]

    def __init__(self, fields: Iterable[tuple[str, str]] = ()) -> None:
        joined: dict[str, tuple[str, str]] = {}
        for name, value in fields:
            folded = name.lower()
            first = joined.get(folded)
            joined[folded] = (name, value) if first is None else (first[0], f"{first[1]}, {value}")
        self._fields = joined

    def __getitem__(self, name: str) -> str:
        if not isinstance(name, str):  # pyright: ignore[reportUnnecessaryIsInstance] -- callers may pass anything
            raise KeyError(name)
        return self._fields[name.lower()][1]

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._fields.values())

    def __len__(self) -> int:
        return len(self._fields)

    def __eq__(self, other: object) -> bool:
        """Equal to any mapping with the same names, in any case, and the same values."""
        if isinstance(other, Headers):
            theirs = other
        elif isinstance(other, Mapping):
            try:
                theirs = Headers(other.items())  # pyright: ignore[reportUnknownArgumentType, reportUnknownMemberType] -- a foreign mapping
            except AttributeError:  # a name that is not a string has no lower()
                return False
        else:
            return NotImplemented
        return self._values() == theirs._values()

    def _values(self) -> dict[str, str]:
        return {folded: value for folded, (_, value) in self._fields.items()}

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"

    def __reduce__(self) -> tuple[type[Headers], tuple[list[tuple[str, str]]]]:
        return (Headers, (list(self._fields.values()),))


def read_headers(response: object) -> Headers | None:
    """A snapshot of *response*'s ``headers``, or None when it has none that can be read.

    requests and httpx give a mapping, urllib an ``email.message.Message``:
    each has ``items()``. Only pairs of strings are kept; a headers object
    that fails in any way counts as absent.
    """
    try:
        # getattr() gives Any: the object is duck-typed, and read under the guard.
        headers = getattr(response, "headers")  # noqa: B009
        pairs: Iterable[tuple[object, object]] = headers.items()
        fields = [
            (str.__str__(name), str.__str__(value))
            for name, value in pairs
            # The type is asked first, so that no hostile __class__ runs; isinstance() narrows.
            if issubclass(type(name), str)
            and isinstance(name, str)
            and issubclass(type(value), str)
            and isinstance(value, str)
        ]
    except Exception:  # absent, or a property, __getattr__ or items() that fails
        return None
    return Headers(fields)


def headers_of_fields(fields: dict[str, tuple[str, str]]) -> Headers:
    """Headers holding *fields*, folded name to (name, value), as they are: already checked."""
    headers = Headers.__new__(Headers)
    headers._fields = fields  # pyright: ignore[reportPrivateUsage] -- its own module's class
    return headers
