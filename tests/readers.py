"""Run every envelope test against both readers, as CPython's test_json runs PyTest and CTest.

``from_response()`` reads an envelope with one of two readers, chosen at one
point, ``envelope._read_parsed()``: the short reader
(``_short_reader.read_usual()``) for the shape CcaWebApi usually sends, and
the general reader (``_general_reader.read_envelope()``), the reference, for
everything else. A test module that assigns ``each_reader`` runs each of its
tests twice:

- ``usual``: the library as it ships, the short reader first;
- ``general``: the short reader switched off at the dispatch point, so the
  general reader reads every envelope.

A rule the short reader restates wrongly then fails under ``usual`` alone.

HTTP responses are read the same way: ``envelope._parse_other()`` takes a
read requests response through its short path
(``_requests_reader.read_requests_response()``), and any other response
through the general one. A module that assigns ``each_requests_path`` runs
each test with the short path (``short``) and without it (``general``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

from cca_result_codes import _general_reader, from_response
from cca_result_codes import envelope as envelope_module

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

    from cca_result_codes import ServerVersion

READERS = ("usual", "general")
REQUESTS_PATHS = ("short", "general")
# The versions of the usual shape: the short reader reads only a Version parsed before.
USUAL_VERSIONS = ("5.4.6.1", "5.4.6", "5.4.8")


def warm_version_cache() -> None:
    """Read each usual Version once, so that the short reader takes envelopes that carry it."""
    for version in USUAL_VERSIONS:
        from_response({"StatusCode": 200, "Response": None, "Version": version})


def _gives_up(*_: object) -> None:
    return None


@contextmanager
def _short_path(name: str, *, on: bool) -> Generator[None]:
    """The short path ``envelope.<name>`` as shipped, or switched off so that it always gives up."""
    with pytest.MonkeyPatch.context() as patch:
        if not on:
            patch.setattr(envelope_module, name, _gives_up)
        yield


# Module scope: hypothesis refuses function-scoped fixtures, and a module runs whole per reader.
@pytest.fixture(scope="module", params=READERS, autouse=True)
def each_reader(request: pytest.FixtureRequest) -> Iterator[str]:
    """The reader under test: ``usual`` (both, as shipped) or ``general`` (the reference alone)."""
    reader: str = request.param
    with _short_path("read_usual", on=reader == "usual"):
        yield reader


@pytest.fixture(scope="module", params=REQUESTS_PATHS, autouse=True)
def each_requests_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """How requests responses are read: ``short`` (as shipped) or ``general`` (the reference)."""
    path: str = request.param
    with _short_path("read_requests_response", on=path == "short"):
        yield path


@pytest.fixture
def version_cache() -> Iterator[dict[str, ServerVersion]]:
    """The readers' cache of parsed Version strings, empty for the test and restored after it."""
    cache = _general_reader.version_cache
    saved = dict(cache)
    cache.clear()
    yield cache
    cache.clear()
    cache.update(saved)
