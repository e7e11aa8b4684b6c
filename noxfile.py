"""Run the test suite under every supported Python: ``nox -s tests``."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = True

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    session.install("-e", ".[test]")
    # The main CI run builds and installs the package once; here each Python runs the rest.
    session.run("python", "-m", "pytest", "-m", "not slow", *session.posargs)
