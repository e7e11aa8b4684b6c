"""The docs cannot rot: examples run, command output matches, generated pages are current.

Every ``>>>`` example in README.md, in every page under docs/ and in every
module's docstrings runs here, so a page added later is checked without
being listed. The site itself is built by ``mkdocs build --strict`` below
(when mkdocs is installed) and its pages are inspected.
"""

from __future__ import annotations

import doctest
import html
import importlib
import importlib.util
import inspect
import io
import os
import pkgutil
import re
import shlex
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cca_result_codes
from cca_result_codes import ResultCode
from cca_result_codes.cli import main

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = ["README.md", *sorted(str(page.relative_to(ROOT)) for page in DOCS.rglob("*.md"))]
# Pages that must keep examples: an empty page here would pass the run silently.
PAGES_WITH_EXAMPLES = {"README.md", "docs/index.md", "docs/legacy.md"}
# Running __main__ would run the command.
MODULES = [
    "cca_result_codes",
    *sorted(
        module.name
        for module in pkgutil.walk_packages(cca_result_codes.__path__, "cca_result_codes.")
        if not module.name.endswith(".__main__")
    ),
]


def run_examples(tests: list[doctest.DocTest]) -> tuple[int, int, str]:
    """Run doctests; return (attempted, failed, the runner's report of failures)."""
    report = io.StringIO()
    runner = doctest.DocTestRunner(verbose=False, optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test, out=report.write)
    failed, attempted = runner.summarize(verbose=False)
    return attempted, failed, report.getvalue()


def test_reference_page_is_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "markdown"]) == 0
    generated = capsys.readouterr().out
    committed = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert committed == generated, "run: cca-codes export --format markdown > docs/reference.md"


def test_reference_page_lists_every_code() -> None:
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    for member in ResultCode:
        assert f"| {member.value} | `{member.name}` |" in text


def test_every_page_is_checked() -> None:
    assert set(PAGES) >= PAGES_WITH_EXAMPLES
    assert {"docs/cli.md", "docs/design.md", "docs/reference.md"} <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_markdown_examples_run(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, name, str(ROOT / name), 0)
    attempted, failed, report = run_examples([test])
    assert failed == 0, report
    if name in PAGES_WITH_EXAMPLES:
        assert attempted > 0


def test_every_module_is_checked() -> None:
    for name in (
        "cca_result_codes",
        "cca_result_codes.codes",
        "cca_result_codes.envelope",
        "cca_result_codes.errors",
        "cca_result_codes.legacy",
        "cca_result_codes.testing",
    ):
        assert name in MODULES
    assert "cca_result_codes.__main__" not in MODULES


def module_examples(name: str) -> list[doctest.DocTest]:
    module: ModuleType = importlib.import_module(name)
    return doctest.DocTestFinder().find(module)


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module: str) -> None:
    _, failed, report = run_examples(module_examples(module))
    assert failed == 0, report


def test_docstring_examples_exist() -> None:
    examples = sum(len(test.examples) for module in MODULES for test in module_examples(module))
    assert examples >= 60


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


def example_id(command: str) -> str:
    """The test id of a page example: its command, without backslashes.

    pytest escapes a backslash in an id, and escapes it again when a second session in
    the same process reuses the id (mutmut runs its sessions so); the doubled id then
    names no test and mutmut's clean run stops with a usage error.
    """
    return command.replace("\\", "")


CONSOLE_IDS = [example_id(command) for command, _ in CONSOLE_EXAMPLES]


def test_cli_page_shows_every_command() -> None:
    commands = " ".join(command for command, _ in CONSOLE_EXAMPLES)
    for name in ("show", "list", "search", "legacy", "explain", "export", "--json", "--reverse"):
        assert name in commands


@pytest.mark.parametrize(("command", "expected"), CONSOLE_EXAMPLES, ids=CONSOLE_IDS)
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
    r"^(?:echo '(?P<stdin>[^']*)' \| |printf '(?P<lines>[^'%]*)' \| )?cca-codes (?P<args>.*?)"
    r"(?P<quiet> 2>/dev/null)?"
    r"(?: \| head -(?P<head>\d+))?(?P<status>; echo \"exit status \$\?\")?$"
)


@pytest.mark.parametrize(("command", "expected"), CONSOLE_EXAMPLES, ids=CONSOLE_IDS)
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
    if form["lines"] is not None:  # printf: only \n escapes, and no final newline added
        stdin = form["lines"].replace("\\n", "\n")
    else:
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
    if not form["quiet"]:
        lines += captured.err.splitlines()
    if form["status"]:
        lines.append(f"exit status {status}")
    assert "\n".join(lines) == expected


# --- the documentation site ----------------------------------------------------------


def load_griffe_extension() -> ModuleType:
    pytest.importorskip("griffe", reason="griffe comes with mkdocstrings, in the dev extra")
    spec = importlib.util.spec_from_file_location("griffe_ext", DOCS / "api" / "griffe_ext.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_site_fences_doctest_examples() -> None:
    fence_examples = load_griffe_extension().fence_examples
    text = (
        "Prose.\n\n>>> 1 + 1\n2\n\nMore prose.\n\n"
        "```python\n>>> left alone\n```\n\nExamples:\n    >>> indented\n    1\n>>> last\n1"
    )
    assert fence_examples(text) == (
        "Prose.\n\n```pycon\n>>> 1 + 1\n2\n```\n\nMore prose.\n\n"
        "```python\n>>> left alone\n```\n\nExamples:\n    >>> indented\n    1\n"
        "```pycon\n>>> last\n1\n```"
    )


def test_site_writes_each_member_from_the_table() -> None:
    member_text = load_griffe_extension().member_text
    assert member_text(ResultCode.UnknownToken) == (
        "102: Unknown token\n\nCategory: general errors. Since 5.4.6."
    )
    assert member_text(ResultCode.ListenInNoActiveConversationFound) == (
        "711: No active conversation\n\nCategory: listen-in errors. Since 5.4.6."
        " Numbered 712 before 5.4.6."
    )
    assert member_text(ResultCode.NoReportingService) == (
        "125: No reporting\n\nCategory: general errors. Since 5.4.8."
        " Retrying may succeed (this library's advice)."
    )
    assert member_text(ResultCode.AlreadyLoggedIn).endswith(
        '\n\n*Note:* The vendor\'s table adds the editorial note "[-> TO SESSION ?]"'
        " to this description."
    )


def page_text(site: Path, page: str) -> str:
    """A built page's text without its tags, whitespace collapsed."""
    markup = (site / page / "index.html").read_text(encoding="utf-8")
    main = markup[markup.index("<article") : markup.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("mkdocs") is None:
        pytest.skip("mkdocs is not installed (it is in the dev extra)")
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.slow
def test_site_shows_the_guide_and_the_code_reference(site: Path) -> None:
    assert "cca-result-codes guide" in page_text(site, ".")
    reference = page_text(site, "reference")
    assert "Result code reference" in reference
    assert "102 UnknownToken Unknown token" in reference
    # The build tooling beside the pages is not published.
    assert sorted(site.rglob("*.py*")) == []


@pytest.mark.slow
def test_site_shows_from_response_with_signature_and_docstring(site: Path) -> None:
    from cca_result_codes import from_response

    markup = (site / "api" / "envelope" / "index.html").read_text(encoding="utf-8")
    assert 'id="cca_result_codes.from_response"' in markup
    text = page_text(site, "api/envelope")
    signature = (
        "from_response(source:object,*,server_version:ServerVersion|str|None=None)->ApiResponse"
    )
    assert signature in text.replace(" ", "").replace(",)", ")")
    docstring = inspect.getdoc(from_response)
    assert docstring is not None
    summary = docstring.splitlines()[0]
    assert summary in text


@pytest.mark.slow
def test_site_lists_every_result_code_on_the_result_code_page(site: Path) -> None:
    text = page_text(site, "api/result-code")
    for member in ResultCode:
        assert f"{member.name} {member.value}: " in text


@pytest.mark.slow
def test_site_documents_every_public_name(site: Path) -> None:
    ids = {
        anchor
        for page in (site / "api").rglob("index.html")
        for anchor in re.findall(r'id="(cca_result_codes[\w.]*)"', page.read_text("utf-8"))
    }
    names = {anchor.rsplit(".", 1)[-1] for anchor in ids}
    public = set(cca_result_codes.__all__)
    for module in ("errors", "exports", "hooks", "legacy", "testing", "testing.strategies"):
        public.update(importlib.import_module(f"cca_result_codes.{module}").__all__)
        assert f"cca_result_codes.{module}" in ids
    assert sorted(public - names) == []
