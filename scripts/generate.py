"""Rewrite every generated file of the repository from the one table.

    python scripts/generate.py          rewrite whatever is stale
    python scripts/generate.py --check  change nothing; exit 1 and name what is stale

Each target is one line of ``TARGETS``: a path from the repository's root and
the function that renders its whole text. Renderers read the table from the
package itself (``ResultCode``), so the table stays written once, in
``src/cca_result_codes/codes.py``. Nothing here imports a generated module,
so a stale one (naming a code the table no longer has) cannot block its own
regeneration.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
# A fresh clone works without installing the package first.
sys.path.insert(0, str(ROOT / "src"))

from cca_result_codes import Category, ResultCode  # noqa: E402
from cca_result_codes.exports import render  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

COMMAND = "python scripts/generate.py"
ERRORS_MODULE = "src/cca_result_codes/errors.py"
CODE_ERRORS_MODULE = "src/cca_result_codes/_code_errors.py"


class Target(NamedTuple):
    """A generated file: its path from the root, and what renders its text."""

    path: str
    render: Callable[[Path], str]


def code_errors_module(root: Path) -> str:
    """_code_errors.py: one exception class per failing ResultCode."""
    base_by_category = category_classes(root / ERRORS_MODULE)
    failing = [member for member in ResultCode if not member.is_success]
    bases = sorted({base_by_category[member.category] for member in failing}, key=str.lower)
    lines = [
        f"# Generated from ResultCode by `{COMMAND}`: do not edit by hand.",
        '"""One exception class per failing ResultCode, under the class of its category.',
        "",
        "Import them from ``cca_result_codes.errors``: it re-exports them, and their",
        "reprs and pickles name it. The classes of the categories are written by hand",
        "there.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from .codes import ResultCode",
        "from .errors import (",
        *(f"    {base}," for base in bases),
        ")",
        "",
        "# typing costs import time; checkers treat this name as True.",
        "TYPE_CHECKING = False",
        "if TYPE_CHECKING:",
        "    from typing import ClassVar",
        "",
        "__all__: list[str] = [",
        *(f'    "{name}",' for name in sorted(member.name for member in failing)),
        "]",
    ]
    category: Category | None = None
    for member in failing:
        lines += ["", ""]
        if member.category is not category:
            category = member.category
            lines += [f"# {category.label}"]
        head_bases = f"{base_by_category[member.category]}, code=ResultCode.{member.name}"
        head = f"class {member.name}({head_bases}):"
        if len(head) > 100:  # wrapped as ruff format wraps a class statement
            head = f"class {member.name}(\n    {head_bases}\n):"
        lines += [
            head,
            f'    """{_docstring_text(member)}"""',
            "",
            "    code: ClassVar[ResultCode]",
        ]
    return "\n".join(lines) + "\n"


def _docstring_text(member: ResultCode) -> str:
    text = f"{member.value}: {member.description}."
    if '"' in text or "\\" in text:
        raise ValueError(f"{member.name}: write a docstring for this description by hand")
    return text


def category_classes(errors_path: Path) -> dict[Category, str]:
    """The name of each category's class, read from the class statements of errors.py.

    The source is parsed, not run: a class statement with the keyword
    ``category=Category.NAME`` stands for that category.
    """
    tree = ast.parse(errors_path.read_text(encoding="utf-8"), str(errors_path))
    found: dict[Category, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        for keyword in node.keywords:
            value = keyword.value
            if (
                keyword.arg == "category"
                and isinstance(value, ast.Attribute)
                and isinstance(value.value, ast.Name)
                and value.value.id == "Category"
            ):
                found[Category[value.attr]] = node.name
    missing = [
        category.name for category in Category if category.is_error and category not in found
    ]
    if missing:
        raise SystemExit(f"{errors_path}: no class statement with category=Category.{missing[0]}")
    return found


def reference_page(root: Path) -> str:
    """docs/reference.md: the table as Markdown, as ``cca-codes export`` prints it."""
    del root  # the page is made from the table alone
    return render("markdown")


TARGETS = [
    Target(CODE_ERRORS_MODULE, code_errors_module),
    Target("docs/reference.md", reference_page),
]


def stale(root: Path = ROOT) -> list[str]:
    """The paths of the targets under *root* whose text is not what it would be generated as."""
    names: list[str] = []
    for target in TARGETS:
        path = root / target.path
        if not path.exists() or path.read_text(encoding="utf-8") != target.render(root):
            names.append(target.path)
    return names


def write(root: Path = ROOT) -> list[str]:
    """Rewrite the stale targets under *root*; return their paths."""
    written: list[str] = []
    for target in TARGETS:
        path = root / target.path
        text = target.render(root)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(target.path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command: 0 when everything is (now) current, 1 with --check when not."""
    parser = argparse.ArgumentParser(description="Rewrite every generated file from the one table.")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 when a target is stale"
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the repository's root (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if args.check:
        outdated = stale(args.root)
        for name in outdated:
            print(f"stale: {name}")
        if outdated:
            print(f"run: {COMMAND}")
            return 1
        return 0
    for name in write(args.root):
        print(f"rewrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
