"""Every example in docs/testing.md and docs/exports.md runs, with the real libraries."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from test_typescript import tsc_run

DOCS = Path(__file__).resolve().parents[1] / "docs"


def fenced(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.M | re.S)


PROGRAMS = [block for block in fenced("testing.md", "python") if not block.startswith(">>>")]


@pytest.mark.parametrize("page", ["testing.md", "exports.md"])
def test_doctest_examples_run(page: str) -> None:
    result = doctest.testfile(
        str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= 4
    assert result.failed == 0


def test_the_page_has_each_recipe() -> None:
    assert len(PROGRAMS) == 4
    joined = "\n".join(PROGRAMS)
    for library in ("import respx", "import responses", "httpx.MockTransport", "hypothesis"):
        assert library in joined


# Not the page's path: inspect.getsource() (hypothesis calls it) would read the Markdown
# file as Python, which Python 3.12's tokenizer refuses.
SOURCE_NAME = "<docs/testing.md>"


@pytest.mark.parametrize("program", PROGRAMS, ids=["hypothesis", "respx", "responses", "mock"])
def test_recipe_runs(program: str) -> None:
    namespace: dict[str, object] = {"__name__": "recipe"}
    exec(compile(program, SOURCE_NAME, "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert tests
    for test in tests:
        assert callable(test)
        test()


def test_a_failing_recipe_fails() -> None:
    # The runner above must notice an assertion that does not hold.
    broken = PROGRAMS[3].replace(
        "assert reply.result_code.retryable", "assert not reply.result_code.retryable"
    )
    namespace: dict[str, object] = {"__name__": "recipe"}
    exec(compile(broken, SOURCE_NAME, "exec"), namespace)
    test = namespace["test_a_loading_cache_is_worth_a_retry"]
    assert callable(test)
    with pytest.raises(AssertionError):
        test()


def test_the_typescript_example_compiles(tmp_path: Path) -> None:
    (example,) = fenced("exports.md", "ts")
    result = tsc_run(tmp_path, example, "--noEmit")
    assert result.returncode == 0, result.stdout + result.stderr
