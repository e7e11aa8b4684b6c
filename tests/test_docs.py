"""The docs cannot rot: examples run, command output matches, generated pages are current."""

from __future__ import annotations

import doctest
import importlib
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from cca_result_codes import ResultCode
from cca_result_codes.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
MODULES = [
    "cca_result_codes",
    "cca_result_codes.categories",
    "cca_result_codes.codes",
    "cca_result_codes.envelope",
    "cca_result_codes.errors",
    "cca_result_codes.legacy",
    "cca_result_codes.versions",
]


def test_reference_page_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "markdown"]) == 0
    generated = capsys.readouterr().out
    committed = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert committed == generated, "run: cca-codes export --format markdown > docs/reference.md"


def test_reference_page_lists_every_code() -> None:
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    for member in ResultCode:
        assert f"| {member.value} | `{member.name}` |" in text


@pytest.mark.parametrize("name", ["README.md", "docs/index.md", "docs/legacy.md"])
def test_markdown_examples_run(name: str) -> None:
    result = doctest.testfile(
        str(ROOT / name), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_docstring_examples_exist() -> None:
    finder = doctest.DocTestFinder()
    examples = sum(
        len(test.examples)
        for module in MODULES
        for test in finder.find(importlib.import_module(module))
    )
    assert examples >= 15


def console_examples() -> list[tuple[str, str]]:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        command, output = "", list[str]()
        for line in block.splitlines():
            if line.startswith("$ "):
                if command:
                    examples.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        examples.append((command, "\n".join(output)))
    return examples


CONSOLE_EXAMPLES = console_examples()


def test_cli_page_shows_every_command() -> None:
    commands = " ".join(command for command, _ in CONSOLE_EXAMPLES)
    for name in ("show", "list", "search", "legacy", "explain", "export", "--json", "--reverse"):
        assert name in commands


@pytest.mark.parametrize(
    ("command", "expected"), CONSOLE_EXAMPLES, ids=[c for c, _ in CONSOLE_EXAMPLES]
)
def test_cli_page_output_is_real(command: str, expected: str) -> None:
    env = dict(os.environ, COLUMNS="80")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    assert result.stdout.rstrip("\n") == expected


def test_legacy_page_table_matches_the_code_table() -> None:
    text = (DOCS / "legacy.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| (\d+) \| `(\w+)` \|$", text, flags=re.M)
    documented = [(int(old), int(new), name) for old, new, name in rows]
    assert documented == [
        (member.legacy_code, member.value, member.name)
        for member in ResultCode
        if member.legacy_code is not None
    ]


# The page's commands use only these shell forms, so they can also run in-process,
# where coverage and mutation testing see them.
SHELL_FORM = re.compile(
    r"^(?:echo '(?P<stdin>[^']*)' \| )?cca-codes (?P<args>.*?)"
    r"(?: \| head -(?P<head>\d+))?(?P<status>; echo \"exit status \$\?\")?$"
)


@pytest.mark.parametrize(
    ("command", "expected"), CONSOLE_EXAMPLES, ids=[c for c, _ in CONSOLE_EXAMPLES]
)
def test_cli_page_output_in_process(
    command: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    form = SHELL_FORM.match(command)
    assert form is not None, f"unsupported shell form: {command}"
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    stdin = (form["stdin"] or "") + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    try:
        status = main(shlex.split(form["args"]))
    except SystemExit as exit_:  # --help exits through argparse
        status = int(exit_.code or 0)
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    if form["head"]:
        lines = lines[: int(form["head"])]
    lines += captured.err.splitlines()
    if form["status"]:
        lines.append(f"exit status {status}")
    assert "\n".join(lines) == expected
