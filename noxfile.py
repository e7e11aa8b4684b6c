"""Test sessions: ``nox -s tests`` (every supported Python) and ``nox -s mutation`` (the gate)."""

from __future__ import annotations

import shutil

import nox

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = True

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
# Pinned: another mutmut makes other mutants, and mutation/equivalent.toml lists some by diff.
MUTMUT = "mutmut==3.8.1"


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The README's test command, the quick run, under one Python."""
    session.install("-e", ".[test]")
    # The main CI run (--full --cov) builds and installs the package once; here each Python
    # runs the quick suite, exactly as the README gives it.
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python="3.11")
def mutation(session: nox.Session) -> None:
    """Mutate src/ with mutmut, then fail on any mutant that no test detects.

    Mutants listed in mutation/equivalent.toml, each with its reason, are
    excused. The figures are printed, and written to mutants/figures.json.
    """
    session.install("-e", ".[test]", MUTMUT)
    # Start clean: mutmut reuses the verdicts it finds in mutants/.
    shutil.rmtree("mutants", ignore_errors=True)
    session.run(
        "mutmut",
        "run",
        "--max-children",
        "2",
        env={"HYPOTHESIS_PROFILE": "mutation"},
    )
    session.run("python", "mutation/check.py", "--write", "mutants/figures.json", *session.posargs)
