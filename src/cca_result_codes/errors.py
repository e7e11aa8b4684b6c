"""Exceptions: EnvelopeError for input that is not an envelope, CcaApiError for failures.

The tree, with the numbers each class stands for:

    Exception
    ├── ValueError
    │   └── EnvelopeError             input that is not a CcaWebApi envelope
    └── CcaApiError                   a failure; the base for a code outside every block
        ├── GeneralError              100-199
        │   ├── Failed                100
        │   ├── UnknownToken          102
        │   └── ...                   one class per code of the block
        ├── TaskError                 200-299
        ├── ListError                 300-399
        ├── ReportingError            400-499
        ├── LockingError              500-599
        ├── UpdateFailedError         600-699
        ├── ListenInError             700-799
        ├── QuotaError                800-899
        ├── ManualDialError           900-999
        ├── RecordingError            1000-1099
        └── CcaApiClientError         10000-10099 (made by the client layer, never a server)

Every failing code has its own class, named as its ``ResultCode`` member,
under the class of its category, so you can catch as narrowly as you need:

>>> from cca_result_codes import ResultCode
>>> UnknownToken.code is ResultCode.UnknownToken
True
>>> issubclass(UnknownToken, GeneralError) and issubclass(GeneralError, CcaApiError)
True

``CcaApiError.for_code()`` finds the class for any number, known or not:

>>> CcaApiError.for_code(102)
<class 'cca_result_codes.errors.UnknownToken'>
>>> CcaApiError.for_code(127)
<class 'cca_result_codes.errors.GeneralError'>

This module is written by hand. The per-code classes are generated from
``ResultCode`` into ``_code_errors.py`` by ``python scripts/generate.py`` and
re-exported here, the module their reprs and pickles name.
"""

from __future__ import annotations

from .categories import Category
from .codes import ResultCode

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import ClassVar, TypeVar

    from .envelope import ApiResponse

    _Key = TypeVar("_Key", Category, int)

# Annotated: the per-code classes' names are added at the end.
__all__: list[str] = [
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
    "is_retryable",
]


class EnvelopeError(ValueError):
    """The input is not a CcaWebApi envelope.

    ``status_code`` is the HTTP status when the input was an HTTP response
    (else None); ``excerpt`` is a short piece of the input, at most 200
    characters; ``headers`` are the response's HTTP headers (from a
    transport's reader, a read-only, case-insensitive snapshot; else the
    ``headers=`` argument as given), or None when the input was not an HTTP
    response.

    >>> EnvelopeError("the input is not JSON", status_code=502).status_code
    502
    """

    # Read when a subclass's __init__ never reaches this one.
    status_code: int | None = None
    excerpt: str = ""
    headers: Mapping[str, str] | None = None

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        excerpt: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.excerpt = excerpt
        self.headers = headers


# Filled by CcaApiError.__init_subclass__, as each class statement below runs.
_CLASS_BY_CATEGORY: dict[Category, type[CcaApiError]] = {}
_CLASS_BY_CODE: dict[int, type[CcaApiError]] = {}


class CcaApiError(Exception):
    """CcaWebApi reported a failure.

    ``ApiResponse.raise_for_result()`` raises the class of the code: the
    per-code class (``UnknownToken``) for a known code, the category's class
    (``GeneralError``) for an unknown number in a category's block, and this
    base class otherwise.

    Subclasses register themselves with a class keyword: ``category=`` for a
    category's class, ``code=`` for a code's class, which must subclass the
    class of the code's category. Each category and each code has one class.
    A class statement that is refused registers nothing.

    Every attribute has a class-level default, so a subclass of your own
    whose ``__init__`` never reaches this one (``class
    CcaTimeoutError(TimeoutError, errors.CcaTimeout)``, or one that calls
    ``Exception.__init__``) still reads: ``result_code`` is then the class's
    code, or None.
    """

    category: ClassVar[Category | None] = None
    """The category this class stands for; None on this base class."""

    result_code: ResultCode | None = None
    """The code, as read (today's code for a legacy number); None when unknown."""
    raw_code: int | None = None
    """The number as the server sent it; None when the envelope had no ResultCode."""
    status_code: int | None = None
    """The envelope's HTTP status."""
    error: str = ""
    """The envelope's ``Error`` text, often empty."""
    response: ApiResponse | None = None
    """The whole parsed envelope; None for an exception made by hand."""
    headers: Mapping[str, str] | None = None
    """The HTTP headers of the response; None when unknown.

    The ``headers=`` argument as given, else the headers of ``response``.
    Those of a response read from requests, httpx or urllib are a read-only,
    case-insensitive snapshot, which keeps no transport object alive.
    ``wait_retry_after()`` reads ``Retry-After`` from them, in any case.
    """

    def __init_subclass__(
        cls, *, category: Category | None = None, code: ResultCode | None = None
    ) -> None:
        super().__init_subclass__()
        # Every check runs before anything is registered: a refused class leaves no trace.
        if category is not None:
            _check_free(_CLASS_BY_CATEGORY, category)
        if code is not None:
            own_category = cls.category if category is None else category
            if code.category is not own_category:
                raise TypeError(
                    f"{cls.__name__} is for ResultCode.{code.name}, one of the"
                    f" {code.category.label}: it must subclass the class of that category"
                )
            _check_free(_CLASS_BY_CODE, code)
        if category is not None:
            _CLASS_BY_CATEGORY[category] = cls
            cls.category = category
        if code is not None:
            _CLASS_BY_CODE[code] = cls
            # Declared per class, not here: on this base the attribute would be Optional,
            # and a subclass may not narrow a class variable's type.
            setattr(cls, "code", code)  # noqa: B010
            cls.result_code = code

    def __init__(
        self,
        message: str,
        *,
        result_code: ResultCode | None = None,
        raw_code: int | None = None,
        status_code: int | None = None,
        error: str = "",
        response: ApiResponse | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        # A per-code class raised by hand, errors.UnknownToken("..."), knows its code.
        self.result_code = self.result_code if result_code is None else result_code
        self.raw_code = raw_code
        self.status_code = status_code
        self.error = error
        self.response = response
        self.headers = getattr(response, "headers", None) if headers is None else headers

    @property
    def retryable(self) -> bool:
        """This library's advice on the code: may the same request succeed later?

        False when the code is unknown. See ``ResultCode.retryable``, and
        ``is_transient()`` for the HTTP and network failures worth a retry.

        >>> CcaTimeout("the command timed out").retryable
        True
        """
        code = self.result_code
        return isinstance(code, ResultCode) and code.retryable

    @staticmethod
    def for_code(number: int) -> type[CcaApiError]:
        """The exception class for *number*, known code or not.

        The per-code class for a known code, the category's class for an
        unknown number inside a category's block, and ``CcaApiError`` for
        anything else (success codes included).

        >>> CcaApiError.for_code(711).__name__
        'ListenInNoActiveConversationFound'
        >>> CcaApiError.for_code(799).__name__
        'ListenInError'
        >>> CcaApiError.for_code(5000).__name__
        'CcaApiError'
        """
        found = _CLASS_BY_CODE.get(number)
        if found is not None:
            return found
        return CcaApiError.for_category(Category.of(number))

    @staticmethod
    def for_category(category: Category | None) -> type[CcaApiError]:
        """The exception class of *category*: ``CcaApiError`` for SUCCESS and for None.

        For a number with no code of its own, such as a legacy number with
        no documented meaning, whose block still tells its category:

        >>> CcaApiError.for_category(Category.LISTEN_IN).__name__
        'ListenInError'
        """
        if category is None:
            return CcaApiError
        return _CLASS_BY_CATEGORY.get(category, CcaApiError)


def _error_for_reply(  # pyright: ignore[reportUnusedFunction] -- ApiResponse.raise_for_result() calls it
    error_class: type[CcaApiError], message: str, code: ResultCode | None, reply: ApiResponse
) -> CcaApiError:
    """``error_class(message, result_code=code, ..., response=reply)``, for ``raise_for_result()``.

    Returned, not raised, so that no frame of the caller holds the exception
    it raises (a cycle through the traceback that only the collector frees).
    """
    # ## HACK: benchmarks/run.py, row "from_response(r).raise_for_result()": a class this
    # library ships is made as CcaApiError.__init__ makes it, without the keyword call, which
    # costs a twentieth of the peer's whole path. A class of your own may have other bases, a
    # metaclass or an __init__ that must run: it is called.
    if error_class not in _SHIPPED_CLASSES:
        return error_class(
            message,
            result_code=code,
            raw_code=reply.raw_code,
            status_code=reply.status_code,
            error=reply.error,
            response=reply,
        )
    error = error_class.__new__(error_class, message)
    # __init__ keeps the class's own code when given None: None, for every class shipped that
    # can be given None (the base and the category classes).
    error.result_code = code
    error.raw_code = reply.raw_code
    error.status_code = reply.status_code
    error.error = reply.error
    error.response = reply
    error.headers = reply.headers
    return error


def _check_free(registry: dict[_Key, type[CcaApiError]], key: _Key) -> None:
    taken = registry.get(key)
    if taken is not None:
        raise TypeError(f"{key!r} already has its exception class, {taken.__name__}")


def is_retryable(error: object) -> bool:
    """True for a CcaApiError whose code is retryable; False for anything else.

    This library's advice on the code alone, made for tenacity:
    ``retry=retry_if_exception(is_retryable)``. An EnvelopeError, a transport
    error or a CcaApiError with an unknown code is not retryable by this
    predicate. ``is_transient()`` says True for every error this one does,
    and also for a proxy's 429, 502, 503 or 504 and for a dropped
    connection or a read timeout: use it to retry a whole HTTP call.
    Never raises, whatever it is given.

    >>> is_retryable(CcaTimeout("the command timed out"))
    True
    >>> is_retryable(UnknownToken("log in again"))
    False
    >>> is_retryable(TimeoutError())
    False
    """
    try:
        return isinstance(error, CcaApiError) and error.retryable is True
    except Exception:  # a caller's subclass whose retryable raises: no advice
        return False


class GeneralError(CcaApiError, category=Category.GENERAL):
    """A general error (codes 100 to 199)."""


class TaskError(CcaApiError, category=Category.TASK):
    """A task error (codes 200 to 299)."""


class ListError(CcaApiError, category=Category.LIST):
    """A list error (codes 300 to 399)."""


class ReportingError(CcaApiError, category=Category.REPORTING):
    """A reporting error (codes 400 to 499)."""


class LockingError(CcaApiError, category=Category.LOCKING):
    """A locking error (codes 500 to 599)."""


class UpdateFailedError(CcaApiError, category=Category.UPDATE):
    """An update that failed (codes 600 to 699)."""


class ListenInError(CcaApiError, category=Category.LISTEN_IN):
    """A listen-in error (codes 700 to 799)."""


class QuotaError(CcaApiError, category=Category.QUOTA):
    """A quota error (codes 800 to 899)."""


class ManualDialError(CcaApiError, category=Category.MANUAL_DIAL):
    """A manual dial error (codes 900 to 999)."""


class RecordingError(CcaApiError, category=Category.RECORDING):
    """A Recording Management Service error (codes 1000 to 1099)."""


class CcaApiClientError(CcaApiError, category=Category.CCA_API):
    """An error made by the CcaAPI client layer, never by a CCA server (codes 10000 to 10099)."""


# The per-code classes, generated; their public path is this module.
from . import _code_errors  # noqa: E402  -- it subclasses the classes above
from ._code_errors import *  # noqa: E402, F403

for _name in _code_errors.__all__:
    getattr(_code_errors, _name).__module__ = __name__
__all__ += _code_errors.__all__

# Every class above and every generated one: each is made by CcaApiError.__init__ alone, with
# nothing else in its bases that makes or fills an exception (see _error_for_reply()).
_SHIPPED_CLASSES = frozenset({CcaApiError, *_CLASS_BY_CATEGORY.values(), *_CLASS_BY_CODE.values()})
