"""The fast path of ``cca-codes CODE``: no argparse, and the full parser's exact answers."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import __version__
from cca_result_codes import cli as cli_module

# What "cca-codes 102" must not load (issue 13: they are most of its wall time).
HEAVY = [
    "argparse",
    "json",
    "textwrap",
    "shutil",
    "difflib",
    "cca_result_codes.envelope",
    "cca_result_codes.errors",
]


def answer(args: list[str], fast: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = cli_module._main(list(args), fast=fast)  # pyright: ignore[reportPrivateUsage]
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [
        ["102"],
        ["show", "102"],
        ["711"],
        ["UnknownToken"],
        ["unknown-token"],
        [" 102 "],
        ["-5"],
        ["127"],
        ["5000"],
        ["9" * 13],
        [""],
        ["UnknownTokn"],
        ["zzzz"],
        ["show", "TooMuchData"],
        ["--version"],
    ],
)
def test_fast_and_full_paths_answer_alike(argv: list[str]) -> None:
    fast = answer(argv, fast=True)
    assert fast == answer(argv, fast=False)
    assert fast[0] in (0, 1, 2)
    assert (fast[1] == "") is (fast[0] != 0)


@given(st.text(max_size=30))
@example("help")
@example("-")
@example("--")
@example("-h")
@example("--json")
@example("-0102")
@example("1" * 12)
@example("\u0661\u0660\u0662")  # ARABIC-INDIC digits: not an ASCII number
@example("x\x1b[31m")
def test_any_argument_gets_the_same_answer_on_both_paths(text: str) -> None:
    for argv in ([text], ["show", text]):
        assert answer(argv, fast=True) == answer(argv, fast=False)


def test_the_fast_answers_are_the_documented_ones() -> None:
    assert answer(["--version"], fast=True) == (0, f"cca-codes {__version__}\n", "")
    assert answer(["102"], fast=True) == (
        0,
        "102 UnknownToken\n"
        "  Description: Unknown token\n"
        "  Category:    general errors (100-199)\n"
        "  Since:       5.4.6\n"
        "  Legacy code: 102 (unchanged by 5.4.6)\n"
        "  Retryable:   no (this library's advice)\n",
        "",
    )
    assert answer([""], fast=True) == (
        2,
        "",
        "cca-codes: a result code is a number such as 102 or a name, not ''\n",
    )


@pytest.mark.parametrize("argv", [["102"], ["show", "711"], ["--version"], ["UnknownTokn"]])
def test_the_fast_path_loads_no_heavy_module(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from cca_result_codes.cli import main\n"
        f"status = main({argv!r})\n"
        "print(status, sorted(sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    status, _, modules = result.stderr.splitlines()[-1].partition(" ")
    loaded = json.loads(modules.replace("'", '"'))
    assert "cca_result_codes.cli" in loaded
    assert int(status) in (0, 1)
    # difflib loads only to suggest names for a name that is not found.
    heavy = [name for name in HEAVY if name in loaded]
    assert heavy == (["difflib"] if argv == ["UnknownTokn"] else [])


def test_the_full_parser_loads_argparse() -> None:
    code = (
        "import sys\n"
        "from cca_result_codes.cli import main\n"
        "main(['show', '--json', '102'])\n"
        "print('argparse' in sys.modules, 'json' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.split() == ["True", "True"]
