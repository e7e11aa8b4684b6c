"""Rewrite every generated region and file of the repository from the one table.

    python scripts/generate.py          rewrite whatever is stale
    python scripts/generate.py --check  change nothing; exit 1 and name what is stale

Each target is one line of ``TARGETS``: a path from the repository's root,
the function that renders its text, and whether only a marked region of the
file is generated. A region runs from the line holding ``REGION_START`` to
the line holding ``REGION_END``; everything outside it is written by hand.
Renderers read the table from the package itself (``ResultCode``), so the
table stays written once, in ``src/cca_result_codes/codes.py``.
"""

from __future__ import annotations

import argparse
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

REGION_START = "--- generated region: start ---"
REGION_END = "--- generated region: end ---"
COMMAND = "python scripts/generate.py"
ERRORS_MODULE = "src/cca_result_codes/errors.py"


class Target(NamedTuple):
    """A generated file, or a generated region of a file (``region=True``)."""

    path: str
    render: Callable[[Path], str]
    region: bool = False


def error_classes(root: Path) -> str:
    """The per-code exception classes of errors.py: one per failing ResultCode."""
    base_by_category = _category_classes(root / ERRORS_MODULE)
    lines = [
        f"# Generated from ResultCode by `{COMMAND}`: do not edit by hand.",
        "# One class per failing code, under the class of the code's category.",
    ]
    names: list[str] = []
    category: Category | None = None
    for member in ResultCode:
        if member.is_success:
            continue
        if member.category is not category:
            category = member.category
            lines += ["", "", f"# {category.label}"]
        else:
            lines += ["", ""]
        names.append(member.name)
        bases = f"{base_by_category[member.category]}, code=ResultCode.{member.name}"
        head = f"class {member.name}({bases}):"
        if len(head) > 100:  # wrapped as ruff format wraps a class statement
            head = f"class {member.name}(\n    {bases}\n):"
        lines += [
            head,
            f'    """{_docstring_text(member)}"""',
            "",
            "    code: ClassVar[ResultCode]",
        ]
    lines += ["", ""]
    lines += ["__all__ += [", *(f'    "{name}",' for name in sorted(names)), "]"]
    return "\n".join(lines) + "\n"


def _docstring_text(member: ResultCode) -> str:
    text = f"{member.value}: {member.description}."
    if '"' in text or "\\" in text:
        raise ValueError(f"{member.name}: write a docstring for this description by hand")
    return text


def _category_classes(errors_path: Path) -> dict[Category, str]:
    """The name of each category's class, read from the hand-written part of errors.py.

    The module runs with its generated region emptied, so that a stale region
    (one that names a code the table no longer has) cannot block its own
    regeneration.
    """
    source = _replace_region(errors_path.read_text(encoding="utf-8"), "", errors_path)
    namespace: dict[str, object] = {
        "__name__": "cca_result_codes.errors",
        "__package__": "cca_result_codes",
    }
    exec(compile(source, str(errors_path), "exec"), namespace)
    found: dict[Category, str] = {}
    for value in namespace.values():
        if isinstance(value, type) and isinstance(
            category := vars(value).get("category"), Category
        ):
            found[category] = value.__name__
    return found


def reference_page(root: Path) -> str:
    """docs/reference.md: the table as Markdown, as ``cca-codes export`` prints it."""
    del root  # the page is made from the table alone
    return render("markdown")


TARGETS = [
    Target(ERRORS_MODULE, error_classes, region=True),
    Target("docs/reference.md", reference_page),
]


def _replace_region(text: str, region: str, path: Path) -> str:
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if REGION_START in line]
    ends = [i for i, line in enumerate(lines) if REGION_END in line]
    if len(starts) != 1 or len(ends) != 1 or starts[0] > ends[0]:
        raise SystemExit(
            f"{path}: expected one line with {REGION_START!r} before one line with {REGION_END!r}"
        )
    return "".join([*lines[: starts[0] + 1], region, *lines[ends[0] :]])


def _expected(target: Target, root: Path) -> tuple[Path, str]:
    path = root / target.path
    text = target.render(root)
    if target.region:
        text = _replace_region(path.read_text(encoding="utf-8"), text, path)
    return path, text


def stale(root: Path = ROOT) -> list[str]:
    """The paths of the targets under *root* whose text is not what it would be generated as."""
    names: list[str] = []
    for target in TARGETS:
        path, text = _expected(target, root)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            names.append(target.path)
    return names


def write(root: Path = ROOT) -> list[str]:
    """Rewrite the stale targets under *root*; return their paths."""
    written: list[str] = []
    for target in TARGETS:
        path, text = _expected(target, root)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(target.path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command: 0 when everything is (now) current, 1 with --check when not."""
    parser = argparse.ArgumentParser(
        description="Rewrite every generated region and file from the one table."
    )
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
