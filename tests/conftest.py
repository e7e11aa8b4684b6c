"""Shared test set-up: the quick and the full run, and hypothesis profiles.

``python -m pytest`` is the quick run: it leaves out the tests marked slow.
``python -m pytest --full`` runs them too, and ``--cov`` adds branch coverage;
CI runs both flags together. An explicit ``-m`` expression picks tests as given.

Each property draws 40 examples in the quick run and 200 in the full run (the
``quick`` and ``ci`` profiles); its boundaries are explicit ``@example``s, which
run in both. ``HYPOTHESIS_PROFILE=fuzz`` runs the same
properties with many more examples (docs/quality.md). ``HYPOTHESIS_PROFILE=mutation``
is what the mutation gate uses (``nox -s mutation``).
"""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, settings

# The cca_webapi fixture: the pytest11 entry point is turned off in pyproject.toml (it would
# load the package before coverage starts), so the suite loads the plugin here.
pytest_plugins = ["cca_result_codes.testing._pytest_plugin"]

settings.register_profile("quick", max_examples=40, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None)
# Mutation testing runs the tests once per mutant: fewer examples, same properties.
# Derandomized and without the example database, so that the gate's verdicts do
# not change from run to run with what hypothesis happens to draw or remember.
settings.register_profile(
    "mutation", max_examples=30, deadline=None, derandomize=True, database=None
)
settings.register_profile(
    "fuzz",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def pytest_configure(config: pytest.Config) -> None:
    # Before any test module is imported, so that every @given sees the profile.
    default = "ci" if config.getoption("--full") else "quick"
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", default))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        help="also run the tests marked slow (packaging, the docs site, schema generation)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--full") or config.getoption("markexpr"):
        return
    slow = [item for item in items if item.get_closest_marker("slow") is not None]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item.get_closest_marker("slow") is None]


@pytest.fixture
def plain_importers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Import with Python's own finders only, as ``python -m`` does outside pytest.

    pytest marks the package of a pytest11 plugin (ours registers ``cca_webapi``) for
    assertion rewriting, and the rewriting importer has no ``get_code()``, which runpy needs.
    """
    plain = [
        finder for finder in sys.meta_path if type(finder).__name__ != "AssertionRewritingHook"
    ]
    monkeypatch.setattr(sys, "meta_path", plain)
