"""Exceptions: EnvelopeError for input that is not an envelope, CcaApiError for failures.

Each failing category has one CcaApiError subclass, defined here and
registered by its class keyword, so ``except ListenInError`` catches every
listen-in failure, known code or not.

>>> CcaApiError.for_code(711)
<class 'cca_result_codes.errors.ListenInError'>
"""

from __future__ import annotations

from .categories import Category

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

    from .codes import ResultCode
    from .envelope import ApiResponse

__all__ = [
    "CcaApiClientError",
    "CcaApiError",
    "EnvelopeError",
    "GeneralError",
    "ListError",
    "ListenInError",
    "LockingError",
    "ManualDialError",
    "QuotaError",
    "RecordingError",
    "ReportingError",
    "TaskError",
    "UpdateFailedError",
]


class EnvelopeError(ValueError):
    """The input is not a CcaWebApi envelope.

    ``status_code`` is the HTTP status when the input was an HTTP response
    (else None); ``excerpt`` is a short piece of the input, at most 200
    characters.
    """

    def __init__(self, message: str, *, status_code: int | None = None, excerpt: str = "") -> None:
        super().__init__(message)
        self.status_code = status_code
        self.excerpt = excerpt


_CLASS_BY_CATEGORY: dict[Category, type[CcaApiError]] = {}


class CcaApiError(Exception):
    """CcaWebApi reported a failure.

    Raised by ``ApiResponse.raise_for_result()`` as the subclass for the
    code's category; this base class is raised for codes outside every
    failing category.
    """

    category: ClassVar[Category | None] = None

    def __init_subclass__(cls, *, category: Category | None = None) -> None:
        super().__init_subclass__()
        if category is None:
            return
        if category in _CLASS_BY_CATEGORY:
            taken = _CLASS_BY_CATEGORY[category].__name__
            raise TypeError(f"{category} already has its exception class, {taken}")
        cls.category = category
        _CLASS_BY_CATEGORY[category] = cls

    def __init__(
        self,
        message: str,
        *,
        result_code: ResultCode | None = None,
        raw_code: int | None = None,
        status_code: int | None = None,
        error: str = "",
        response: ApiResponse | None = None,
    ) -> None:
        super().__init__(message)
        self.result_code = result_code
        self.raw_code = raw_code
        self.status_code = status_code
        self.error = error
        self.response = response

    @staticmethod
    def for_code(number: int) -> type[CcaApiError]:
        """The exception class for *number*, known code or not.

        >>> CcaApiError.for_code(127).__name__
        'GeneralError'
        """
        found = Category.of(number)
        if found is None:
            return CcaApiError
        return _CLASS_BY_CATEGORY.get(found, CcaApiError)


class GeneralError(CcaApiError, category=Category.GENERAL):
    """A general error."""


class TaskError(CcaApiError, category=Category.TASK):
    """A task error."""


class ListError(CcaApiError, category=Category.LIST):
    """A list error."""


class ReportingError(CcaApiError, category=Category.REPORTING):
    """A reporting error."""


class LockingError(CcaApiError, category=Category.LOCKING):
    """A locking error."""


class UpdateFailedError(CcaApiError, category=Category.UPDATE):
    """An update that failed."""


class ListenInError(CcaApiError, category=Category.LISTEN_IN):
    """A listen-in error."""


class QuotaError(CcaApiError, category=Category.QUOTA):
    """A quota error."""


class ManualDialError(CcaApiError, category=Category.MANUAL_DIAL):
    """A manual dial error."""


class RecordingError(CcaApiError, category=Category.RECORDING):
    """A Recording Management Service error."""


class CcaApiClientError(CcaApiError, category=Category.CCA_API):
    """An error made by the CcaAPI client layer, never by a CCA server."""
