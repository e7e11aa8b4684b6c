"""The mutation gate itself (mutation/check.py), run against a stand-in for mutmut.

The stand-in prints verdicts and diffs that each test writes, so every rule of
the gate is tried without a mutation run: what counts as detected, what an
entry of the equivalent list excuses, stale entries, the 99% floor.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / "mutation" / "check.py"
EQUIVALENT = ROOT / "mutation" / "equivalent.toml"

pytestmark = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="the gate runs on Python 3.11+ (it reads TOML)"
)

FAKE_MUTMUT = """
import json, os, sys
data = json.loads(open(os.environ["FAKE_MUTMUT"], encoding="utf-8").read())
command, *rest = sys.argv[1:]
if command == "results":
    assert rest == ["--all", "true"], rest
    for name, status in data["results"].items():
        print(f"    {name}: {status}")
elif command == "show":
    print(f"# {rest[0]}: {data['results'][rest[0]]}")
    print(data["diffs"][rest[0]])
"""

SURVIVOR = "pkg.codes.x_lookup__mutmut_3"
SURVIVOR_DIFF = """--- src/pkg/codes.py
+++ src/pkg/codes.py
@@ -1,2 +1,2 @@
 def lookup(number):
-    return TABLE.get(number, None)
+    return TABLE.get(number, )"""
SURVIVOR_ENTRY = """
[[equivalent]]
function = "pkg.codes.lookup"
removed = ["return TABLE.get(number, None)"]
added = ["return TABLE.get(number, )"]
reason = "get() defaults to None."
"""


def load_gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_check", CHECK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses looks the module up by name while the class statements run.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


class Gate:
    """The gate run in this process, with mutmut's two commands answered from a dict."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


RunGate = Callable[..., Gate]


def killed(count: int) -> dict[str, str]:
    return {f"pkg.codes.x_other__mutmut_{number}": "killed" for number in range(count)}


def run_gate(
    tmp_path: Path, results: dict[str, str], equivalent: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """check.py as CI runs it, in a subprocess, with a stand-in mutmut package on its path."""
    (tmp_path / "fake" / "mutmut").mkdir(parents=True, exist_ok=True)
    (tmp_path / "fake" / "mutmut" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "fake" / "mutmut" / "__main__.py").write_text(FAKE_MUTMUT, encoding="utf-8")
    data = {"results": results, "diffs": {SURVIVOR: SURVIVOR_DIFF}}
    (tmp_path / "data.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "equivalent.toml").write_text(equivalent, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(tmp_path / "fake"),
        "FAKE_MUTMUT": str(tmp_path / "data.json"),
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, str(CHECK), "--equivalent", "equivalent.toml", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


@pytest.fixture
def gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> RunGate:
    """A function that runs the gate in this process: quicker than a subprocess per case."""
    module = load_gate()
    monkeypatch.chdir(tmp_path)

    def run(results: dict[str, str], equivalent: str, *args: str) -> Gate:
        def mutmut(*command: str) -> str:
            if command == ("results", "--all", "true"):
                return "".join(f"    {name}: {status}\n" for name, status in results.items())
            assert command[0] == "show", command
            return f"# {command[1]}: {results[command[1]]}\n{SURVIVOR_DIFF}\n"

        monkeypatch.setattr(module, "mutmut", mutmut)
        (tmp_path / "equivalent.toml").write_text(equivalent, encoding="utf-8")
        returncode = module.main(["--equivalent", "equivalent.toml", *args])
        captured = capsys.readouterr()
        return Gate(returncode, captured.out, captured.err)

    return run


def test_all_detected_passes_and_writes_the_figures(gate: RunGate, tmp_path: Path) -> None:
    results = killed(198) | {"pkg.codes.x_slow__mutmut_1": "timeout", SURVIVOR: "killed"}
    result = gate(results, "", "--write", "figures.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mutation gate: passed" in result.stdout
    assert "note: timeout (detected: a test hung): pkg.codes.x_slow__mutmut_1" in result.stdout
    assert json.loads((tmp_path / "figures.json").read_text(encoding="utf-8")) == {
        "mutants": 200,
        "killed": 199,
        "timeouts": 1,
        "survivors": 0,
        "equivalent": 0,
        "unexcused": 0,
        "detected_percent": 100.0,
        "by_verdict": {"killed": 199, "timeout": 1},
    }
    assert re.search(r"detected +100\.00%", result.stdout)


def test_a_listed_survivor_is_excused(gate: RunGate) -> None:
    result = gate(killed(199) | {SURVIVOR: "survived"}, SURVIVOR_ENTRY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"survivors +1 +\(1 listed as equivalent, 0 not\)", result.stdout)
    assert re.search(r"detected +99\.50%", result.stdout)


def test_an_unlisted_survivor_fails_and_shows_the_entry_to_paste(gate: RunGate) -> None:
    result = gate(killed(199) | {SURVIVOR: "survived"}, "")
    assert result.returncode == 1
    assert f"FAIL survived: {SURVIVOR}" in result.stdout
    assert "+    return TABLE.get(number, )" in result.stdout
    assert 'function = "pkg.codes.lookup"' in result.stdout
    assert "mutation gate: FAILED" in result.stdout


@pytest.mark.parametrize("status", ["no tests", "suspicious", "not checked", "skipped"])
def test_other_undetected_outcomes_fail_even_when_listed(gate: RunGate, status: str) -> None:
    result = gate(killed(199) | {SURVIVOR: status}, SURVIVOR_ENTRY)
    assert result.returncode == 1
    assert f"FAIL {status}: {SURVIVOR}" in result.stdout
    # The entry matched nothing that may be excused, so it is stale as well.
    assert "FAIL stale entry in equivalent.toml: pkg.codes.lookup" in result.stdout


def test_a_stale_entry_fails(gate: RunGate) -> None:
    result = gate(killed(199) | {SURVIVOR: "killed"}, SURVIVOR_ENTRY)
    assert result.returncode == 1
    assert "FAIL stale entry in equivalent.toml: pkg.codes.lookup" in result.stdout


def test_an_entry_for_another_change_does_not_excuse(gate: RunGate) -> None:
    other = SURVIVOR_ENTRY.replace('added = ["return TABLE.get(number, )"]', 'added = ["x"]')
    result = gate(killed(199) | {SURVIVOR: "survived"}, other)
    assert result.returncode == 1
    assert f"FAIL survived: {SURVIVOR}" in result.stdout
    assert "FAIL stale entry" in result.stdout


def test_below_99_percent_fails_even_when_every_survivor_is_listed(gate: RunGate) -> None:
    result = gate(killed(50) | {SURVIVOR: "survived"}, SURVIVOR_ENTRY)
    assert result.returncode == 1
    assert "FAIL detected 98.04% < 99.0%" in result.stdout


def test_as_ci_runs_it_an_unlisted_survivor_fails(tmp_path: Path) -> None:
    # The real wiring once: a subprocess that calls `python -m mutmut` (the stand-in) itself.
    result = run_gate(tmp_path, killed(199) | {SURVIVOR: "survived"}, "")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"FAIL survived: {SURVIVOR}" in result.stdout
    assert "+    return TABLE.get(number, )" in result.stdout
    assert "mutation gate: FAILED" in result.stdout
    passed = run_gate(tmp_path, killed(199) | {SURVIVOR: "survived"}, SURVIVOR_ENTRY)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "mutation gate: passed" in passed.stdout


def test_no_results_fail(gate: RunGate) -> None:
    result = gate({}, "")
    assert result.returncode == 1
    assert "no mutation results" in result.stderr


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[other]\n", "unknown tables ['other']"),
        (SURVIVOR_ENTRY.replace("get() defaults to None.", "TODO"), "give the reason"),
        (SURVIVOR_ENTRY.replace('reason = "get() defaults to None."', ""), "needs exactly"),
        (SURVIVOR_ENTRY.replace('added = ["return TABLE.get(number, )"]', "added = [1]"), "list"),
    ],
)
def test_a_malformed_list_fails(gate: RunGate, text: str, complaint: str) -> None:
    result = gate(killed(200), text)
    assert result.returncode == 1
    assert complaint in result.stderr


def test_the_checked_in_list_is_well_formed_and_documented() -> None:
    tomllib = pytest.importorskip("tomllib")
    entries = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")).get("equivalent", [])
    assert len(entries) <= 5, "keep the list of equivalent mutants short"
    page = (ROOT / "docs" / "quality.md").read_text(encoding="utf-8")
    for entry in entries:
        # docs/quality.md explains every equivalent mutant, by its function's short name.
        short = entry["function"].removeprefix("cca_result_codes.")
        assert f"`{short}`" in page, short


# mutmut collects the tests, then runs them again in the same process, by their ids: each
# collection must give the same ids, or mutmut's clean run stops ("not found", exit code 4).
TWO_SESSIONS = """
import json, sys
import pytest

class Ids:
    def __init__(self):
        self.ids = []

    def pytest_collection_modifyitems(self, items):
        self.ids = [item.nodeid for item in items]

sessions = []
for _ in range(2):
    ids = Ids()
    code = pytest.main(["--collect-only", "-qq", "-p", "no:cacheprovider", "tests/"], plugins=[ids])
    sessions.append({"code": int(code), "ids": ids.ids})
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(sessions, out)
"""


@pytest.mark.slow
def test_a_second_session_in_one_process_collects_the_same_test_ids(tmp_path: Path) -> None:
    found = tmp_path / "sessions.json"
    result = subprocess.run(
        [sys.executable, "-c", TWO_SESSIONS, str(found)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    first, second = json.loads(found.read_text(encoding="utf-8"))
    assert first["code"] == second["code"] == 0
    assert len(first["ids"]) > 1000
    assert sorted(set(first["ids"]) ^ set(second["ids"])) == []
