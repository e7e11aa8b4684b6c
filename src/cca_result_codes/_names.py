"""Name folding shared by every lookup by name."""

from __future__ import annotations


def fold_name(text: str) -> str:
    """Reduce a name to lower-case letters and digits: ``Unknown_Token`` -> ``unknowntoken``."""
    return text.lower().replace("_", "").replace("-", "").replace(" ", "")
