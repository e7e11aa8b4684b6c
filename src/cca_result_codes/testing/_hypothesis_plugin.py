"""hypothesis plugin: ``st.from_type()`` for ``ServerVersion`` and ``ApiResponse``.

hypothesis calls ``register()`` when it is imported, through the
``hypothesis`` entry point in ``pyproject.toml``. It registers functions, not
strategies, so that the strategies module loads only when a test first asks
for one of these types.
"""

from __future__ import annotations

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from ..envelope import ApiResponse
    from ..versions import ServerVersion


def register() -> None:
    """Register this library's strategies with hypothesis (called by hypothesis itself)."""
    from hypothesis import strategies as st

    from ..envelope import ApiResponse
    from ..versions import ServerVersion

    st.register_type_strategy(ServerVersion, _server_versions)
    st.register_type_strategy(ApiResponse, _api_responses)


def _server_versions(_: type[ServerVersion]) -> SearchStrategy[ServerVersion]:
    from .strategies import server_versions

    return server_versions()


def _api_responses(_: type[ApiResponse]) -> SearchStrategy[ApiResponse]:
    from ..envelope import from_response
    from .strategies import envelopes

    return envelopes().map(from_response)
