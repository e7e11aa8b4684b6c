"""hypothesis plugin: ``st.from_type()`` for ``ServerVersion``, ``ApiResponse``, ``RequestInfo``
and every ``CcaApiError`` class.

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

    from ..envelope import ApiResponse, RequestInfo
    from ..errors import CcaApiError
    from ..versions import ServerVersion


def register() -> None:
    """Register this library's strategies with hypothesis (called by hypothesis itself)."""
    from hypothesis import strategies as st

    from .. import errors
    from ..envelope import ApiResponse, RequestInfo
    from ..versions import ServerVersion

    st.register_type_strategy(ServerVersion, _server_versions)
    st.register_type_strategy(ApiResponse, _api_responses)
    st.register_type_strategy(RequestInfo, _request_infos)
    # Each class on its own: hypothesis looks a registered type up exactly, not its bases.
    for error_class in error_classes(errors.CcaApiError):
        st.register_type_strategy(error_class, _errors_of)


def error_classes(base: type[CcaApiError]) -> list[type[CcaApiError]]:
    """*base* and every class below it."""
    found = [base]
    for subclass in base.__subclasses__():
        found += error_classes(subclass)
    return found


def _server_versions(_: type[ServerVersion]) -> SearchStrategy[ServerVersion]:
    from .strategies import server_versions

    return server_versions()


def _api_responses(_: type[ApiResponse]) -> SearchStrategy[ApiResponse]:
    from ..envelope import from_response
    from .strategies import envelopes

    return envelopes().map(from_response)


def _request_infos(_: type[RequestInfo]) -> SearchStrategy[RequestInfo]:
    from .strategies import request_infos

    return request_infos()


def _errors_of(error_class: type[CcaApiError]) -> SearchStrategy[CcaApiError]:
    from .strategies import errors_of

    return errors_of(error_class)
