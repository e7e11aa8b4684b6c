"""The mutation gate: fail when a mutant survives that mutation/equivalent.toml does not excuse.

Run it after ``mutmut run``, from the project root (``nox -s mutation`` does both):

    python mutation/check.py [--write FIGURES.json]

It reads mutmut's verdicts (``mutmut results --all true``) and, for each mutant
no test detected, its diff (``mutmut show``). A mutant is detected when a test
failed (killed), a test hung (timeout) or it crashed the interpreter. Any other
outcome - survived, no tests, suspicious, skipped, not checked - fails the gate,
except a survivor that matches an entry of the equivalent list. An entry names
the function and the lines that the mutant removes and adds, not mutmut's
numbered name, so it still matches after unrelated edits. An entry that matches
no survivor is stale and fails the gate too, so the list stays honest.

The figures (mutants, killed, timeouts, survivors, % detected) are printed, and
written as JSON with ``--write``; docs/quality.md points here for them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import tomllib

DETECTED = frozenset({"killed", "timeout", "segfault", "caught by type check"})
# Only a mutant that ran its tests and passed them can be excused as equivalent.
EXCUSABLE = "survived"
ENTRY_KEYS_IN_ORDER = ("function", "removed", "added", "reason")
ENTRY_KEYS = frozenset(ENTRY_KEYS_IN_ORDER)
_RESULT_LINE = re.compile(r"^\s*(?P<name>\S+): (?P<status>[a-z ]+)$")
_MUTANT_SUFFIX = re.compile(r"__mutmut_\d+$")


@dataclass(frozen=True)
class Change:
    """What a mutant does: the function it mutates and the lines it swaps."""

    function: str
    removed: tuple[str, ...]
    added: tuple[str, ...]

    def as_toml(self, reason: str) -> str:
        def strings(lines: tuple[str, ...]) -> str:
            return "[" + ", ".join(json.dumps(line) for line in lines) + "]"

        return (
            "[[equivalent]]\n"
            f"function = {json.dumps(self.function)}\n"
            f"removed = {strings(self.removed)}\n"
            f"added = {strings(self.added)}\n"
            f"reason = {json.dumps(reason)}\n"
        )


@dataclass
class Entry:
    """One excused mutant from the equivalent list."""

    change: Change
    reason: str
    matched: list[str] = field(default_factory=list[str])


def function_of(mutant: str) -> str:
    """The dotted name of the function a mutant changes.

    ``cca_result_codes.cli.x__print_json__mutmut_4`` -> ``cca_result_codes.cli._print_json``;
    ``pkg.codes.xǁResultCodeǁget__mutmut_2`` -> ``pkg.codes.ResultCode.get``.
    """
    mangled = _MUTANT_SUFFIX.sub("", mutant)
    module, _, name = mangled.rpartition(".")
    if name.startswith("x\u01c1"):
        name = name[2:].replace("\u01c1", ".")
    elif name.startswith("x_"):
        name = name[2:]
    return f"{module}.{name}"


def parse_results(text: str) -> dict[str, str]:
    """Mutant name -> verdict, from the output of ``mutmut results --all true``."""
    verdicts: dict[str, str] = {}
    for line in text.splitlines():
        match = _RESULT_LINE.match(line)
        if match:
            verdicts[match["name"]] = match["status"]
    return verdicts


def parse_diff(mutant: str, text: str) -> Change:
    """The lines a mutant removes and adds, from the output of ``mutmut show``."""
    removed: list[str] = []
    added: list[str] = []
    for line in text.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(line[1:].strip())
        elif line.startswith("+"):
            added.append(line[1:].strip())
    return Change(function_of(mutant), tuple(removed), tuple(added))


def load_entries(text: str, where: str) -> list[Entry]:
    """The entries of the equivalent list; raise ValueError, saying where, if one is malformed."""
    data = tomllib.loads(text)
    unknown = set(data) - {"equivalent"}
    if unknown:
        raise ValueError(f"{where}: unknown tables {sorted(unknown)}")
    listed: object = data.get("equivalent", [])
    if not isinstance(listed, list):
        raise ValueError(f"{where}: write each entry as an [[equivalent]] table")
    entries: list[Entry] = []
    for number, raw in enumerate(cast("list[object]", listed), start=1):
        label = f"{where}: entry {number}"
        if not isinstance(raw, dict):
            raise ValueError(f"{label}: write each entry as an [[equivalent]] table")
        fields = cast("dict[str, object]", raw)
        if set(fields) != set(ENTRY_KEYS):
            raise ValueError(f"{label}: needs exactly the keys {sorted(ENTRY_KEYS)}")
        function, removed, added, reason = (fields[key] for key in ENTRY_KEYS_IN_ORDER)
        if not isinstance(function, str) or not function:
            raise ValueError(f"{label}: function must be a dotted name")
        if not isinstance(reason, str) or not reason.strip() or reason.startswith("TODO"):
            raise ValueError(f"{label}: give the reason the mutant is equivalent")
        change = Change(
            function, _lines(removed, f"{label}: removed"), _lines(added, f"{label}: added")
        )
        entries.append(Entry(change, reason))
    return entries


def _lines(value: object, label: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{label} must be a list of strings")
    lines: list[str] = []
    for line in cast("list[object]", value):
        if not isinstance(line, str):
            raise ValueError(f"{label} must be a list of strings")
        lines.append(line.strip())
    return tuple(lines)


@dataclass
class Verdict:
    """The gate's findings: the figures, and what fails it."""

    total: int
    counts: dict[str, int]
    excused: dict[str, Entry]
    unexcused: dict[str, str]  # mutant -> verdict
    stale: list[Entry]
    timeouts: list[str]

    @property
    def detected(self) -> int:
        return sum(self.counts.get(status, 0) for status in DETECTED)

    @property
    def detected_percent(self) -> float:
        return 100.0 * self.detected / self.total if self.total else 0.0

    def figures(self) -> dict[str, object]:
        return {
            "mutants": self.total,
            "killed": self.counts.get("killed", 0),
            "timeouts": self.counts.get("timeout", 0),
            "survivors": self.total - self.detected,
            "equivalent": len(self.excused),
            "unexcused": len(self.unexcused),
            "detected_percent": round(self.detected_percent, 2),
            "by_verdict": dict(sorted(self.counts.items())),
        }


def judge(verdicts: dict[str, str], changes: dict[str, Change], entries: list[Entry]) -> Verdict:
    """Match every undetected mutant against the equivalent list.

    *changes* holds the change of every survivor.
    """
    counts: dict[str, int] = {}
    for status in verdicts.values():
        counts[status] = counts.get(status, 0) + 1
    excused: dict[str, Entry] = {}
    unexcused: dict[str, str] = {}
    for mutant, status in sorted(verdicts.items()):
        if status in DETECTED:
            continue
        entry = next((e for e in entries if e.change == changes.get(mutant)), None)
        if entry is not None and status == EXCUSABLE:
            entry.matched.append(mutant)
            excused[mutant] = entry
        else:
            unexcused[mutant] = status
    stale = [entry for entry in entries if not entry.matched]
    timeouts = sorted(mutant for mutant, status in verdicts.items() if status == "timeout")
    return Verdict(len(verdicts), counts, excused, unexcused, stale, timeouts)


def mutmut(*args: str) -> str:
    """Run a mutmut command in this process's environment and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-m", "mutmut", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"mutmut {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def report(verdict: Verdict, equivalent_path: str) -> list[str]:
    """The lines to print; the failures come first, then the figures."""
    lines: list[str] = []
    for mutant, status in verdict.unexcused.items():
        lines.append(f"FAIL {status}: {mutant}")
    for entry in verdict.stale:
        lines.append(
            f"FAIL stale entry in {equivalent_path}: {entry.change.function}"
            f" ({' / '.join(entry.change.added) or 'lines removed'}) matches no survivor;"
            " remove it"
        )
    for mutant in verdict.timeouts:
        lines.append(f"note: timeout (detected: a test hung): {mutant}")
    figures = verdict.figures()
    lines += [
        "",
        "Mutation testing figures (mutmut, HYPOTHESIS_PROFILE=mutation):",
        f"  mutants               {figures['mutants']}",
        f"  killed                {figures['killed']}",
        f"  timeouts (detected)   {figures['timeouts']}",
        f"  survivors             {figures['survivors']}"
        f"  ({figures['equivalent']} listed as equivalent, {figures['unexcused']} not)",
        f"  detected              {verdict.detected_percent:.2f}%",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--equivalent", default="mutation/equivalent.toml", metavar="TOML")
    parser.add_argument("--write", metavar="JSON", help="also write the figures to this file")
    parser.add_argument(
        "--min-detected", type=float, default=99.0, metavar="PERCENT", help="(default: 99)"
    )
    options = parser.parse_args(argv)

    equivalent_path = options.equivalent
    try:
        entries = load_entries(Path(equivalent_path).read_text(encoding="utf-8"), equivalent_path)
    except (OSError, ValueError) as error:
        print(f"FAIL {error}", file=sys.stderr)
        return 1

    verdicts = parse_results(mutmut("results", "--all", "true"))
    if not verdicts:
        print("FAIL no mutation results: run `mutmut run` first", file=sys.stderr)
        return 1
    # One `mutmut show` per survivor: each starts a process.
    shown = {
        mutant: mutmut("show", mutant) for mutant, status in verdicts.items() if status == EXCUSABLE
    }
    changes = {mutant: parse_diff(mutant, text) for mutant, text in shown.items()}
    verdict = judge(verdicts, changes, entries)

    for mutant in verdict.unexcused:
        if mutant in changes:  # a survivor: show it, and how to list it if it is equivalent
            print(shown[mutant].rstrip())
            print("If no test can tell it from the original, list it with its reason:")
            print(changes[mutant].as_toml("TODO: why no test can tell it apart"))
    for line in report(verdict, equivalent_path):
        print(line)
    if options.write:
        Path(options.write).write_text(
            json.dumps(verdict.figures(), indent=2) + "\n", encoding="utf-8"
        )

    failed = bool(verdict.unexcused or verdict.stale)
    if verdict.detected_percent < options.min_detected:
        print(f"FAIL detected {verdict.detected_percent:.2f}% < {options.min_detected}%")
        failed = True
    print("mutation gate:", "FAILED" if failed else "passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
