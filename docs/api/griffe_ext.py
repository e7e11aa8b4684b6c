"""Griffe extensions for the API pages; mkdocs.yml loads this file by path.

Build tooling only: the package never imports it, and mkdocs does not publish it.

- ``DoctestBlocks``: the docstrings hold doctest examples (``>>>`` lines) in
  plain prose, so that ``help()`` and doctest read them as they are. Markdown
  would render those lines as nested block quotes, so each example block is
  fenced as ``pycon`` before mkdocstrings renders it.
- ``ResultCodeMembers``: a member such as ``UnknownToken = 102, "Unknown
  token"`` has no docstring of its own. Each gets one written from the live
  table (number, description, note, version, legacy number, retry advice), so
  the ResultCode page lists every member without a hand-copied word.
"""

from __future__ import annotations

from typing import Any

import griffe

FENCE = "```"
RESULT_CODE = "cca_result_codes.codes.ResultCode"


def fence_examples(text: str) -> str:
    """Wrap every run of doctest lines (a ``>>>`` line up to a blank line) in a fence.

    Lines inside an existing fence, and indented lines (such as those of a
    Google-style ``Examples:`` section, which mkdocstrings handles itself),
    are left alone.
    """
    out: list[str] = []
    in_fence = in_example = False
    for line in text.splitlines():
        if in_example and not line.strip():
            out.append(FENCE)
            in_example = False
        elif line.startswith(FENCE):
            in_fence = not in_fence
        elif not in_fence and not in_example and line.startswith(">>>"):
            out.append(FENCE + "pycon")
            in_example = True
        out.append(line)
    if in_example:
        out.append(FENCE)
    return "\n".join(out)


def member_text(member: Any) -> str:
    """The docstring of one ResultCode member, from its row of the table."""
    from cca_result_codes.exports import short_version

    facts = [f"Category: {member.category.label}.", f"Since {short_version(member.since)}."]
    if member.legacy_code is not None:
        facts.append(f"Numbered {member.legacy_code} before 5.4.6.")
    if member.retryable:
        facts.append("Retrying may succeed (this library's advice).")
    text = f"{member.value}: {member.description}\n\n{' '.join(facts)}"
    if member.note:
        text += f"\n\n*Note:* {member.note}"
    return text


class DoctestBlocks(griffe.Extension):
    """Fence the doctest examples of every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite *obj*'s docstring, if it has one."""
        if obj.docstring is not None:
            obj.docstring.value = fence_examples(obj.docstring.value)


class ResultCodeMembers(griffe.Extension):
    """Give each ResultCode member a docstring read from the table itself."""

    def on_attribute(self, *, attr: griffe.Attribute, **kwargs: Any) -> None:
        """Set the docstring of *attr* when it is a member of ResultCode."""
        if attr.parent is None or attr.parent.path != RESULT_CODE:
            return
        from cca_result_codes import ResultCode

        member = ResultCode.__members__.get(attr.name)
        if member is not None:
            attr.docstring = griffe.Docstring(member_text(member), parent=attr)
