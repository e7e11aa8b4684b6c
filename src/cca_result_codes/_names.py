"""Name folding shared by every lookup by name (ResultCode and Category)."""

from __future__ import annotations


def fold_name(text: str) -> str:
    """Reduce a name to lower-case letters and digits: ``Unknown_Token`` -> ``unknowntoken``.

    Two names that fold alike are the same name to ``from_name()``.

    >>> fold_name("Unknown_Token"), fold_name("listen-in errors")
    ('unknowntoken', 'listeninerrors')
    """
    return text.lower().replace("_", "").replace("-", "").replace(" ", "")
