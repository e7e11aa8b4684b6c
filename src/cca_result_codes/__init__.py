"""Typed CCA result codes, and the CcaWebApi envelope as typed objects.

>>> from cca_result_codes import ResultCode
>>> ResultCode(102).description
'Unknown token'
"""

from __future__ import annotations

from . import legacy
from .categories import Category
from .codes import ResultCode
from .envelope import ApiResponse, RequestInfo, from_response
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
)
from .legacy import LegacyCodeError
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
    "from_response",
    "legacy",
]
__version__ = "0.1.0"
