"""pytest plugin: the ``cca_webapi`` fixture, a FakeCcaWebApi for one test.

pytest loads this module through the ``pytest11`` entry point in
``pyproject.toml``, as it loads respx's and responses' fixtures.
"""

from __future__ import annotations

import pytest

from .fake import FakeCcaWebApi

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture
def cca_webapi() -> Iterator[FakeCcaWebApi]:
    """A fresh FakeCcaWebApi; its server stops after the test.

    The test fails if any request found no scripted reply. Call
    ``cca_webapi.assert_all_used()`` to also require every reply to be served.
    """
    with FakeCcaWebApi() as fake:
        yield fake
        fake.assert_no_unmatched()
