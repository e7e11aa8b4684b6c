"""Typed CCA result codes, and the CcaWebApi envelope as typed objects.

>>> from cca_result_codes import ResultCode
>>> ResultCode(102).description
'Unknown token'

What the package offers:

- ``ResultCode``, every documented code; ``Category``, the twelve blocks of
  numbers; ``ServerVersion``, a server version such as 5.4.6.1.
- ``legacy``, for numbers from servers older than 5.4.6: ``to_current()``,
  ``to_legacy()`` and ``LegacyCodeError``.
- ``from_response()`` and ``afrom_response()``, which read a CcaWebApi
  envelope into an ``ApiResponse``.
- ``CcaApiError``, with one subclass per failing category (``GeneralError``,
  ``ListenInError`` ...) and, in ``cca_result_codes.errors``, one per code;
  ``EnvelopeError`` for input that is not an envelope.
- ``is_retryable()``, this library's advice on a code, and ``is_transient()``
  with ``wait_retry_after()``, for retrying a whole HTTP call with tenacity.
- The modules ``hooks`` (response hooks for requests and httpx), ``testing``
  (envelopes for tests) and ``exports`` (the table as JSON, CSV, Markdown and
  more), imported by name.

``import cca_result_codes`` loads only the table: ``ServerVersion``, the
categories, the envelope parser, the exceptions and the legacy tables load
on first use.
"""

from __future__ import annotations

from .codes import ResultCode

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import legacy
    from .categories import Category
    from .envelope import ApiResponse, RequestInfo, afrom_response, from_response
    from .errors import (
        CcaApiClientError,
        CcaApiError,
        EnvelopeError,
        GeneralError,
        ListenInError,
        ListError,
        LockingError,
        ManualDialError,
        QuotaError,
        RecordingError,
        ReportingError,
        TaskError,
        UpdateFailedError,
        is_retryable,
    )
    from .legacy import LegacyCodeError
    from .retrying import is_transient, wait_retry_after
    from .versions import ServerVersion

__all__ = [
    "ApiResponse",
    "Category",
    "CcaApiClientError",
    "CcaApiError",
    "EnvelopeError",
    "GeneralError",
    "LegacyCodeError",
    "ListError",
    "ListenInError",
    "LockingError",
    "ManualDialError",
    "QuotaError",
    "RecordingError",
    "ReportingError",
    "RequestInfo",
    "ResultCode",
    "ServerVersion",
    "TaskError",
    "UpdateFailedError",
    "afrom_response",
    "from_response",
    "is_retryable",
    "is_transient",
    "legacy",
    "wait_retry_after",
]
__version__ = "0.1.0"

# The versions, the categories, the envelope parser, its exceptions and the legacy tables load
# on first use (PEP 562), so that "import cca_result_codes" costs little more than the table.
_LAZY_MODULES = {
    "Category": "categories",
    "ApiResponse": "envelope",
    "RequestInfo": "envelope",
    "from_response": "envelope",
    "afrom_response": "envelope",
    "CcaApiClientError": "errors",
    "CcaApiError": "errors",
    "EnvelopeError": "errors",
    "GeneralError": "errors",
    "ListError": "errors",
    "ListenInError": "errors",
    "LockingError": "errors",
    "ManualDialError": "errors",
    "QuotaError": "errors",
    "RecordingError": "errors",
    "ReportingError": "errors",
    "TaskError": "errors",
    "UpdateFailedError": "errors",
    "is_retryable": "errors",
    "LegacyCodeError": "legacy",
    "is_transient": "retrying",
    "wait_retry_after": "retrying",
    "ServerVersion": "versions",
}


# Every public module is an attribute of the package from the start, as if imported with it;
# all but codes load on first use.
_SUBMODULES = frozenset(
    {
        "auth",
        "categories",
        "codes",
        "envelope",
        "errors",
        "exports",
        "hooks",
        "legacy",
        "response",
        "retrying",
        "testing",
        "versions",
    }
)


def __getattr__(name: str) -> object:
    from importlib import import_module

    if name in _SUBMODULES:  # as when they were imported with the package
        return import_module(f".{name}", __name__)
    module_name = _LAZY_MODULES.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
