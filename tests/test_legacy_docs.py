"""The pandas and polars examples of docs/legacy.md run, when those libraries are there.

They are no dependency of the library, so the page shows them as plain code
blocks (not ``>>>`` examples, which tests/test_docs.py runs everywhere). Here
each block runs as written, and skips, saying which library is missing, where
it is not installed.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

PAGE = Path(__file__).resolve().parents[1] / "docs" / "legacy.md"
FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
LIBRARIES = ("pandas", "polars")


def plain_blocks() -> dict[str, str]:
    """The page's Python blocks without ``>>>``, by the library each imports first."""
    blocks: dict[str, str] = {}
    for body in FENCE.findall(PAGE.read_text(encoding="utf-8")):
        if ">>>" not in body:
            library = body.split()[1]
            blocks[library] = body
    return blocks


def test_the_page_shows_pandas_and_polars() -> None:
    blocks = plain_blocks()
    assert sorted(blocks) == sorted(LIBRARIES)
    assert "legacy.CURRENT_BY_LEGACY" in blocks["pandas"]
    assert ".map(legacy.CURRENT_BY_LEGACY)" in blocks["pandas"]
    assert "replace_strict(legacy.CURRENT_BY_LEGACY, default=None)" in blocks["polars"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_the_example_runs(library: str) -> None:
    if importlib.util.find_spec(library) is None:
        pytest.skip(f"{library} is not installed; the docs' {library} example needs it")
    code = compile(plain_blocks()[library], f"{PAGE}:{library}", "exec")
    exec(code, {})  # the block asserts its own result
