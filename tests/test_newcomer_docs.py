"""What a newcomer reads first: the README's set-up, its links, and the site's links."""

from __future__ import annotations

import re
from importlib.metadata import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = [
    "README.md",
    *sorted(str(page.relative_to(ROOT)) for page in (ROOT / "docs").rglob("*.md")),
]
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")

# The project's home, as pyproject.toml's [project.urls] gives it.
DOCUMENTATION = "https://cca-result-codes.github.io/cca-result-codes/"
SOURCE = "https://github.com/cca-result-codes/cca-result-codes"


@pytest.mark.parametrize("page", PAGES)
def test_links_read_as_words_not_file_names(page: str) -> None:
    text = (ROOT / page).read_text(encoding="utf-8")
    named_as_files = [
        label for label, _ in LINK.findall(text) if re.search(r"\.(md|py|toml)`?$", label)
    ]
    assert named_as_files == []


def test_readme_links_work_on_a_package_index() -> None:
    # A package index shows the README without the repository: relative links are dead there.
    targets = [target for _, target in LINK.findall(README)]
    assert len(targets) >= 10
    for target in targets:
        assert target.startswith((DOCUMENTATION, SOURCE)), target
    pages = {target.removeprefix(DOCUMENTATION).rstrip("/") for target in targets}
    for page in pages - {""}:
        if not page.startswith("https://"):
            assert (ROOT / "docs" / f"{page}.md").is_file(), page


def test_the_metadata_names_the_project_urls() -> None:
    urls = dict(
        entry.split(", ", 1) for entry in metadata("cca-result-codes").get_all("Project-URL") or []
    )
    assert urls == {
        "Documentation": DOCUMENTATION,
        "Changelog": f"{SOURCE}/blob/main/CHANGELOG.md",
        "Source": SOURCE,
        "Issues": f"{SOURCE}/issues",
    }
    site_url = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert site_url is not None
    assert site_url[1] == DOCUMENTATION


def test_the_readme_makes_a_virtual_environment_before_its_commands() -> None:
    venv = README.index("## Before you start: a virtual environment")
    assert venv < README.index("## Set up")
    steps = README[venv : README.index("## Set up")]
    assert "```console\npython3 -m venv .venv\n. .venv/bin/activate\n```" in steps
    assert "```powershell\npy -m venv .venv\n.venv\\Scripts\\Activate.ps1\n```" in steps


def test_the_docs_extra_formats_signatures_as_ci_does() -> None:
    # mkdocstrings needs ruff or black to format signatures; CI has ruff from the dev extra.
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    docs_extra = re.search(r"^docs = \[\n(.*?)^\]", pyproject, flags=re.M | re.S)
    assert docs_extra is not None
    assert re.search(r'^\s+"ruff[>=<]', docs_extra[1], flags=re.M)


def test_the_guide_shows_the_per_code_classes() -> None:
    guide = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "except errors.UnknownToken as error:" in guide


def test_the_testing_page_names_what_its_recipes_import() -> None:
    page = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    install = re.search(r"`python -m pip\s+install ([^`]+)`", page)
    assert install is not None
    assert set(install[1].split()) == {"hypothesis", "pytest", "respx", "responses", "httpx"}


def test_names_in_tables_never_break_and_the_reference_scrolls() -> None:
    site = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "extra_css:\n  - stylesheets/extra.css\n" in site
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    without_comments = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = {
        selector.strip(): body
        for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", without_comments)
    }
    names = rules[".md-typeset table:not([class]) td code"]
    assert "white-space: nowrap;" in names
    assert "word-break: normal;" in names
    reference = ".md-typeset:has(> h1#result-code-reference)"
    assert "max-width: none;" in rules[f"{reference} table:not([class])"]
    assert "overflow: visible;" in rules[f"{reference} .md-typeset__table table:not([class])"]
    # The page heading the rules select by is the one the generated page has.
    assert (
        (ROOT / "docs" / "reference.md").read_text("utf-8").startswith("# Result code reference\n")
    )
