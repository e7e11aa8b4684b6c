"""CCA server versions: four numbers, compared like tuples.

>>> ServerVersion.parse("5.4.8") > ServerVersion(5, 4, 6, 1)
True
"""

from __future__ import annotations

__all__ = ["UNIFIED_IN", "ServerVersion", "as_server_version", "leading_version"]

_PART_NAMES = ("major", "minor", "patch", "build")
# Version strings come from the network; a cap keeps int() away from huge inputs.
_MAX_PART_DIGITS = 9
_EXCERPT_CHARS = 40


class ServerVersion(tuple[int, int, int, int]):
    """A CCA server version such as 5.4.6.1: hashable, ordered, tuple-like.

    Missing trailing parts are zero, so ``ServerVersion(5, 4, 8)`` is 5.4.8.0.
    """

    __slots__ = ()

    def __new__(cls, major: int, minor: int, patch: int = 0, build: int = 0) -> ServerVersion:
        parts = (major, minor, patch, build)
        for name, part in zip(_PART_NAMES, parts, strict=True):
            if type(part) is not int:
                raise TypeError(f"ServerVersion {name} must be an int, not {type(part).__name__}")
            if part < 0:
                raise ValueError(f"ServerVersion {name} must not be negative, got {part}")
        return super().__new__(cls, parts)

    @classmethod
    def parse(cls, text: str) -> ServerVersion:
        """Read a dotted version of one to four parts: ``"5.4.8"`` is 5.4.8.0.

        Raises ValueError, quoting the input, for anything else.
        """
        if not isinstance(text, str):
            raise TypeError(f"ServerVersion.parse() needs a str, not {type(text).__name__}")
        pieces = text.strip().split(".")
        if len(pieces) > len(_PART_NAMES):
            raise ValueError(f"invalid server version {_quote(text)}: more than four parts")
        for piece in pieces:
            if not (piece.isascii() and piece.isdigit() and len(piece) <= _MAX_PART_DIGITS):
                raise ValueError(
                    f"invalid server version {_quote(text)}: "
                    "expected up to four dot-separated non-negative integers, such as 5.4.6.1"
                )
        numbers = [int(piece) for piece in pieces]
        numbers += [0] * (len(_PART_NAMES) - len(numbers))
        return super().__new__(cls, numbers)

    @property
    def major(self) -> int:
        """The first number: 5 in 5.4.6.1."""
        return self[0]

    @property
    def minor(self) -> int:
        """The second number: 4 in 5.4.6.1."""
        return self[1]

    @property
    def patch(self) -> int:
        """The third number: 6 in 5.4.6.1."""
        return self[2]

    @property
    def build(self) -> int:
        """The fourth number: 1 in 5.4.6.1."""
        return self[3]

    def __repr__(self) -> str:
        return f"ServerVersion({self[0]}, {self[1]}, {self[2]}, {self[3]})"

    def __str__(self) -> str:
        return f"{self[0]}.{self[1]}.{self[2]}.{self[3]}"

    def __reduce__(self) -> tuple[type[ServerVersion], tuple[int, int, int, int]]:
        return (self.__class__, (self[0], self[1], self[2], self[3]))


def as_server_version(value: ServerVersion | str, what: str) -> ServerVersion:
    """*value* as a ServerVersion, parsing a string; *what* names it in a TypeError.

    >>> as_server_version("5.4.5", "server_version")
    ServerVersion(5, 4, 5, 0)
    """
    if isinstance(value, ServerVersion):
        return value
    if isinstance(value, str):
        return ServerVersion.parse(value)
    raise TypeError(f"{what} must be a ServerVersion or str, not {type(value).__name__}")


def leading_version(text: str) -> ServerVersion | None:
    """The version that *text* starts with, or None: ``"5.4.6.1-beta"`` gives 5.4.6.1.

    Reads up to four dot-separated numbers from the start (after spaces), as
    far as they go; None when *text* does not start with a number or a part
    is too long.

    >>> leading_version("5.4.6.1-beta"), leading_version("beta")
    (ServerVersion(5, 4, 6, 1), None)
    """
    numbers: list[int] = []
    # At most four pieces: anything after a fourth dot stays in the last, past its digits.
    for piece in text.lstrip().split(".", len(_PART_NAMES) - 1):
        digits = len(piece) - len(piece.lstrip(_DIGITS))
        if digits == 0 or digits > _MAX_PART_DIGITS:
            break
        numbers.append(int(piece[:digits]))
        if digits < len(piece):
            break  # the numeric part ends inside this piece
    if not numbers:
        return None
    numbers += [0] * (len(_PART_NAMES) - len(numbers))
    return ServerVersion(*numbers)


_DIGITS = "0123456789"


def _quote(text: str) -> str:
    if len(text) > _EXCERPT_CHARS:
        return repr(text[:_EXCERPT_CHARS]) + "..."
    return repr(text)


UNIFIED_IN = ServerVersion(5, 4, 6, 0)
"""The release that gave CCA, Supervisor and CcaAPI one set of numbers."""
