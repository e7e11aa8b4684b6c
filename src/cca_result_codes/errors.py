"""Exceptions: EnvelopeError for input that is not an envelope, CcaApiError for failures.

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

The per-code classes are generated from ``ResultCode`` by
``python scripts/generate.py``, into the marked region at the end of this
module; everything above that region is written by hand.
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
    _ErrorClass = TypeVar("_ErrorClass", bound="CcaApiError")

# Annotated: the generated region at the end adds the per-code classes.
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
    characters; ``headers`` are the response's headers, a read-only
    case-insensitive mapping (else None).
    """

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
    """

    category: ClassVar[Category | None] = None
    """The category this class stands for; None on this base class."""

    result_code: ResultCode | None
    """The code, as read (today's code for a legacy number); None when unknown."""
    raw_code: int | None
    """The number as the server sent it; None when the envelope had no ResultCode."""
    status_code: int | None
    """The envelope's HTTP status."""
    error: str
    """The envelope's ``Error`` text, often empty."""
    response: ApiResponse | None
    """The whole parsed envelope; None for an exception made by hand."""

    def __init_subclass__(
        cls, *, category: Category | None = None, code: ResultCode | None = None
    ) -> None:
        super().__init_subclass__()
        if category is not None:
            _register(_CLASS_BY_CATEGORY, category, cls)
            cls.category = category
        if code is not None:
            if code.category is not cls.category:
                raise TypeError(
                    f"{cls.__name__} is for ResultCode.{code.name}, one of the"
                    f" {code.category.label}: it must subclass the class of that category"
                )
            _register(_CLASS_BY_CODE, code, cls)
            # Declared per class, not here: on this base the attribute would be Optional,
            # and a subclass may not narrow a class variable's type.
            setattr(cls, "code", code)  # noqa: B010

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
        # A per-code class raised by hand, errors.UnknownToken("..."), knows its code.
        self.result_code = getattr(self, "code", None) if result_code is None else result_code
        self.raw_code = raw_code
        self.status_code = status_code
        self.error = error
        self.response = response

    @property
    def retryable(self) -> bool:
        """This library's advice on the code: may the same request succeed later?

        False when the code is unknown. See ``ResultCode.retryable``.

        >>> CcaTimeout("the command timed out").retryable
        True
        """
        code = self.result_code
        return code is not None and code.retryable

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


def new_error(
    error_class: type[_ErrorClass],
    message: str,
    result_code: ResultCode | None,
    raw_code: int | None,
    status_code: int | None,
    error: str,
    response: ApiResponse | None,
) -> _ErrorClass:
    """``error_class(message, result_code=..., ...)``, made as fast as the failure path needs.

    For a class with CcaApiError's own ``__init__`` (every class this library
    makes) the result is the same object as the keyword call makes:
    BaseException's ``__new__`` sets ``args``, and the attributes are set as
    ``__init__`` sets them, with the code as given. A class of the caller's
    own with its own ``__init__`` (for the success category, which has none
    here) is called as usual.
    """
    if error_class.__init__ is not CcaApiError.__init__:
        return error_class(
            message,
            result_code=result_code,
            raw_code=raw_code,
            status_code=status_code,
            error=error,
            response=response,
        )
    made = BaseException.__new__(error_class, message)
    made.result_code = result_code
    made.raw_code = raw_code
    made.status_code = status_code
    made.error = error
    made.response = response
    return made


def _register(registry: dict[_Key, type[CcaApiError]], key: _Key, cls: type[CcaApiError]) -> None:
    taken = registry.get(key)
    if taken is not None:
        raise TypeError(f"{key!r} already has its exception class, {taken.__name__}")
    registry[key] = cls


def is_retryable(error: BaseException) -> bool:
    """True for a CcaApiError whose code is retryable; False for anything else.

    Made for tenacity: ``retry=retry_if_exception(is_retryable)``. An
    EnvelopeError, a transport error or a CcaApiError with an unknown code
    is not retryable by this predicate; combine it with your own for those.

    >>> is_retryable(CcaTimeout("the command timed out"))
    True
    >>> is_retryable(UnknownToken("log in again"))
    False
    >>> is_retryable(TimeoutError())
    False
    """
    return isinstance(error, CcaApiError) and error.retryable


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


# --- generated region: start ---
# Generated from ResultCode by `python scripts/generate.py`: do not edit by hand.
# One class per failing code, under the class of the code's category.


# general errors
class Failed(GeneralError, code=ResultCode.Failed):
    """100: General error."""

    code: ClassVar[ResultCode]


class UnknownError(GeneralError, code=ResultCode.UnknownError):
    """101: Unknown."""

    code: ClassVar[ResultCode]


class UnknownToken(GeneralError, code=ResultCode.UnknownToken):
    """102: Unknown token."""

    code: ClassVar[ResultCode]


class UnknownObject(GeneralError, code=ResultCode.UnknownObject):
    """103: Unknown object."""

    code: ClassVar[ResultCode]


class ObjectNotReady(GeneralError, code=ResultCode.ObjectNotReady):
    """104: Object not ready."""

    code: ClassVar[ResultCode]


class ObjectInUse(GeneralError, code=ResultCode.ObjectInUse):
    """105: Object is in use."""

    code: ClassVar[ResultCode]


class DatabaseError(GeneralError, code=ResultCode.DatabaseError):
    """106: Database error."""

    code: ClassVar[ResultCode]


class InvalidXml(GeneralError, code=ResultCode.InvalidXml):
    """107: Invalid Xml."""

    code: ClassVar[ResultCode]


class AlreadyLoggedIn(GeneralError, code=ResultCode.AlreadyLoggedIn):
    """108: Already logged."""

    code: ClassVar[ResultCode]


class AlreadyExists(GeneralError, code=ResultCode.AlreadyExists):
    """109: Object exists."""

    code: ClassVar[ResultCode]


class IncompatibleData(GeneralError, code=ResultCode.IncompatibleData):
    """110: Incompatible data."""

    code: ClassVar[ResultCode]


class AccessDenied(GeneralError, code=ResultCode.AccessDenied):
    """111: Access denied."""

    code: ClassVar[ResultCode]


class NotAllowed(GeneralError, code=ResultCode.NotAllowed):
    """112: Action isn't permitted."""

    code: ClassVar[ResultCode]


class BadCrc(GeneralError, code=ResultCode.BadCrc):
    """113: Bad CRC."""

    code: ClassVar[ResultCode]


class InvalidArgs(GeneralError, code=ResultCode.InvalidArgs):
    """114: invalid arguments."""

    code: ClassVar[ResultCode]


class InvalidOperation(GeneralError, code=ResultCode.InvalidOperation):
    """115: Invalid operation."""

    code: ClassVar[ResultCode]


class OperationAborted(GeneralError, code=ResultCode.OperationAborted):
    """116: Operation aborted."""

    code: ClassVar[ResultCode]


class NoDataAvailable(GeneralError, code=ResultCode.NoDataAvailable):
    """117: No data."""

    code: ClassVar[ResultCode]


class NoCTArchitect(GeneralError, code=ResultCode.NoCTArchitect):
    """118: No CTArchitect connection."""

    code: ClassVar[ResultCode]


class NoSpeechService(GeneralError, code=ResultCode.NoSpeechService):
    """119: No speech service."""

    code: ClassVar[ResultCode]


class NoAgentMonitoringService(GeneralError, code=ResultCode.NoAgentMonitoringService):
    """120: No agent monitoring service."""

    code: ClassVar[ResultCode]


class AgentNotReachable(GeneralError, code=ResultCode.AgentNotReachable):
    """121: Agent not reachable."""

    code: ClassVar[ResultCode]


class NoLicense(GeneralError, code=ResultCode.NoLicense):
    """122: Not allowed by license."""

    code: ClassVar[ResultCode]


class FileNotFound(GeneralError, code=ResultCode.FileNotFound):
    """123: File doesn't exist."""

    code: ClassVar[ResultCode]


class NoRecordingManagementService(GeneralError, code=ResultCode.NoRecordingManagementService):
    """124: No recording management service."""

    code: ClassVar[ResultCode]


class NoReportingService(GeneralError, code=ResultCode.NoReportingService):
    """125: No reporting."""

    code: ClassVar[ResultCode]


class TooMuchData(GeneralError, code=ResultCode.TooMuchData):
    """126: Too much data."""

    code: ClassVar[ResultCode]


# task errors
class TaskNoDefaultWorkingDir(TaskError, code=ResultCode.TaskNoDefaultWorkingDir):
    """200: Unknown question."""

    code: ClassVar[ResultCode]


class TaskReloadTemporaryBlocked(TaskError, code=ResultCode.TaskReloadTemporaryBlocked):
    """201: Temporarily blocked (to prevent hammering)."""

    code: ClassVar[ResultCode]


class SurveyUnknownQuestion(TaskError, code=ResultCode.SurveyUnknownQuestion):
    """202: Unknown question."""

    code: ClassVar[ResultCode]


class SurveyUnknownResource(TaskError, code=ResultCode.SurveyUnknownResource):
    """203: Unknown resource."""

    code: ClassVar[ResultCode]


class SurveyWebConnectionOffline(TaskError, code=ResultCode.SurveyWebConnectionOffline):
    """204: Web connection is offline."""

    code: ClassVar[ResultCode]


class SurveyUpdateFailed(TaskError, code=ResultCode.SurveyUpdateFailed):
    """205: Update of survey failed."""

    code: ClassVar[ResultCode]


class TaskUpdateCompatibilityWarnings(TaskError, code=ResultCode.TaskUpdateCompatibilityWarnings):
    """206: Compatibility warnings on survey update."""

    code: ClassVar[ResultCode]


class WebProdInternalError(TaskError, code=ResultCode.WebProdInternalError):
    """290: internal webprod error."""

    code: ClassVar[ResultCode]


class WebProdSurveyAlreadyOnline(TaskError, code=ResultCode.WebProdSurveyAlreadyOnline):
    """291: survey is already online."""

    code: ClassVar[ResultCode]


class WebProdInvalidName(TaskError, code=ResultCode.WebProdInvalidName):
    """292: duplicate internal name."""

    code: ClassVar[ResultCode]


class WebProdDuplicateName(TaskError, code=ResultCode.WebProdDuplicateName):
    """293: duplicate external name."""

    code: ClassVar[ResultCode]


class WebProdNoFreePosition(TaskError, code=ResultCode.WebProdNoFreePosition):
    """294: no free web position."""

    code: ClassVar[ResultCode]


class WebProdUnknownSurvey(TaskError, code=ResultCode.WebProdUnknownSurvey):
    """295: unknown webprod survey."""

    code: ClassVar[ResultCode]


# list errors
class ListTargetNotCompatible(ListError, code=ResultCode.ListTargetNotCompatible):
    """300: task/project isn't compatible with list."""

    code: ClassVar[ResultCode]


class ListUnknownField(ListError, code=ResultCode.ListUnknownField):
    """301: Unknown list field."""

    code: ClassVar[ResultCode]


class ListUnknownContact(ListError, code=ResultCode.ListUnknownContact):
    """302: Unknown list contact."""

    code: ClassVar[ResultCode]


# reporting errors
class ReportInvalidFieldtype(ReportingError, code=ResultCode.ReportInvalidFieldtype):
    """401: Error invalid fieldtype."""

    code: ClassVar[ResultCode]


class ReportInvalidFilter(ReportingError, code=ResultCode.ReportInvalidFilter):
    """402: Error invalid filter."""

    code: ClassVar[ResultCode]


class ReportErrorRetrievingFile(ReportingError, code=ResultCode.ReportErrorRetrievingFile):
    """403: Error retrieving report file."""

    code: ClassVar[ResultCode]


class ReportInvalidFormula(ReportingError, code=ResultCode.ReportInvalidFormula):
    """404: Error invalid formula."""

    code: ClassVar[ResultCode]


class ReportAbortedBySystem(ReportingError, code=ResultCode.ReportAbortedBySystem):
    """405: Error aborted by system."""

    code: ClassVar[ResultCode]


class ReportErrorRetrievingDatabaseName(
    ReportingError, code=ResultCode.ReportErrorRetrievingDatabaseName
):
    """406: Error retrieving database name."""

    code: ClassVar[ResultCode]


class ReportConnectionFailed(ReportingError, code=ResultCode.ReportConnectionFailed):
    """407: Error connecting."""

    code: ClassVar[ResultCode]


class ReportEngineError(ReportingError, code=ResultCode.ReportEngineError):
    """408: Error returned by CRPE/SSRS report engine."""

    code: ClassVar[ResultCode]


# locking errors
class LockTimeout(LockingError, code=ResultCode.LockTimeout):
    """501: Lock time out."""

    code: ClassVar[ResultCode]


class AlreadyLocked(LockingError, code=ResultCode.AlreadyLocked):
    """502: Already locked (on lock request)."""

    code: ClassVar[ResultCode]


class NotLocked(LockingError, code=ResultCode.NotLocked):
    """503: Not locked (on unlock request)."""

    code: ClassVar[ResultCode]


# update failed
class UpdateFailedNameAlreadyUsed(UpdateFailedError, code=ResultCode.UpdateFailedNameAlreadyUsed):
    """601: name already used."""

    code: ClassVar[ResultCode]


class UpdateFailedNTAccountAlreadyUsed(
    UpdateFailedError, code=ResultCode.UpdateFailedNTAccountAlreadyUsed
):
    """602: NT account already used."""

    code: ClassVar[ResultCode]


class UpdateFailedInternalNumberAlreadyUsed(
    UpdateFailedError, code=ResultCode.UpdateFailedInternalNumberAlreadyUsed
):
    """603: Internal number already used."""

    code: ClassVar[ResultCode]


class UpdateFailedDIDAlreadyUsed(UpdateFailedError, code=ResultCode.UpdateFailedDIDAlreadyUsed):
    """604: DID already used."""

    code: ClassVar[ResultCode]


# listen-in errors
class ListenInCallAnswered(ListenInError, code=ResultCode.ListenInCallAnswered):
    """700: Call answered."""

    code: ClassVar[ResultCode]


class ListenInRinging(ListenInError, code=ResultCode.ListenInRinging):
    """701: Supervisor phone is ringing."""

    code: ClassVar[ResultCode]


class ListenInNoRing(ListenInError, code=ResultCode.ListenInNoRing):
    """702: Agent phone not ringing."""

    code: ClassVar[ResultCode]


class ListenInBusy(ListenInError, code=ResultCode.ListenInBusy):
    """703: Agent phone is busy."""

    code: ClassVar[ResultCode]


class ListenInNoAnswer(ListenInError, code=ResultCode.ListenInNoAnswer):
    """704: Agent doesn't answer."""

    code: ClassVar[ResultCode]


class ListenInNoFreeChannel(ListenInError, code=ResultCode.ListenInNoFreeChannel):
    """705: No free channel available."""

    code: ClassVar[ResultCode]


class ListenInNetworkProblem(ListenInError, code=ResultCode.ListenInNetworkProblem):
    """706: Network problem."""

    code: ClassVar[ResultCode]


class ListenInLocationNotFound(ListenInError, code=ResultCode.ListenInLocationNotFound):
    """707: Location doesn't exist."""

    code: ClassVar[ResultCode]


class ListenInNoAgentFound(ListenInError, code=ResultCode.ListenInNoAgentFound):
    """708: Agent doesn't exist."""

    code: ClassVar[ResultCode]


class ListenInPickUpTelephone(ListenInError, code=ResultCode.ListenInPickUpTelephone):
    """709: Supervisor telephone should be picked up."""

    code: ClassVar[ResultCode]


class ListenInNoActiveCallFound(ListenInError, code=ResultCode.ListenInNoActiveCallFound):
    """710: No active call for agent."""

    code: ClassVar[ResultCode]


class ListenInNoActiveConversationFound(
    ListenInError, code=ResultCode.ListenInNoActiveConversationFound
):
    """711: No active conversation."""

    code: ClassVar[ResultCode]


class ListenInTapiError(ListenInError, code=ResultCode.ListenInTapiError):
    """712: TAPI error."""

    code: ClassVar[ResultCode]


class ListenInActiveConversationInConference(
    ListenInError, code=ResultCode.ListenInActiveConversationInConference
):
    """713: No active conversation."""

    code: ClassVar[ResultCode]


class ListenInCallEnd(ListenInError, code=ResultCode.ListenInCallEnd):
    """714: End listen-in call."""

    code: ClassVar[ResultCode]


# quota errors
class QuotaNotReceived(QuotaError, code=ResultCode.QuotaNotReceived):
    """801: Quota no quota received."""

    code: ClassVar[ResultCode]


class QuotaQuestionNotFound(QuotaError, code=ResultCode.QuotaQuestionNotFound):
    """802: Quota question not found."""

    code: ClassVar[ResultCode]


class QuotaResponseNotFound(QuotaError, code=ResultCode.QuotaResponseNotFound):
    """803: Quota response not found."""

    code: ClassVar[ResultCode]


class QuotaTokenNotFound(QuotaError, code=ResultCode.QuotaTokenNotFound):
    """804: Quota token not found."""

    code: ClassVar[ResultCode]


class QuotaAgentNotFound(QuotaError, code=ResultCode.QuotaAgentNotFound):
    """805: Quota agent not found."""

    code: ClassVar[ResultCode]


class QuotaBrokerNotFound(QuotaError, code=ResultCode.QuotaBrokerNotFound):
    """806: Quota broker not found."""

    code: ClassVar[ResultCode]


class QuotaQuestionNotAllowed(QuotaError, code=ResultCode.QuotaQuestionNotAllowed):
    """807: Quota question not allowed."""

    code: ClassVar[ResultCode]


class QuotaInvalidToken(QuotaError, code=ResultCode.QuotaInvalidToken):
    """808: Quota invalid token."""

    code: ClassVar[ResultCode]


class QuotaLockFailed(QuotaError, code=ResultCode.QuotaLockFailed):
    """809: Quota lock failed."""

    code: ClassVar[ResultCode]


class QuotaAvailabilityGetFailed(QuotaError, code=ResultCode.QuotaAvailabilityGetFailed):
    """810: Quota availability get failed."""

    code: ClassVar[ResultCode]


class QuotaSetFaceAllocationForQuestionNotAllowed(
    QuotaError, code=ResultCode.QuotaSetFaceAllocationForQuestionNotAllowed
):
    """811: Quota set face allocation for question not allowed."""

    code: ClassVar[ResultCode]


class QuotaSetWebAllocationForQuestionNotAllowed(
    QuotaError, code=ResultCode.QuotaSetWebAllocationForQuestionNotAllowed
):
    """812: Quota set web allocation for question not allowed."""

    code: ClassVar[ResultCode]


# manual dial errors
class ManualDialRinging(ManualDialError, code=ResultCode.ManualDialRinging):
    """901: phone is ringing."""

    code: ClassVar[ResultCode]


class ManualDialNoRing(ManualDialError, code=ResultCode.ManualDialNoRing):
    """902: phone has no ringtone."""

    code: ClassVar[ResultCode]


class ManualDialBusy(ManualDialError, code=ResultCode.ManualDialBusy):
    """903: Agent phone is busy."""

    code: ClassVar[ResultCode]


class ManualDialNoAnswer(ManualDialError, code=ResultCode.ManualDialNoAnswer):
    """904: Agent doesn't answer."""

    code: ClassVar[ResultCode]


class ManualDialNoFreeChannel(ManualDialError, code=ResultCode.ManualDialNoFreeChannel):
    """905: No free channel available."""

    code: ClassVar[ResultCode]


class ManualDialNetworkProblem(ManualDialError, code=ResultCode.ManualDialNetworkProblem):
    """906: Network problem."""

    code: ClassVar[ResultCode]


class ManualDialTapiError(ManualDialError, code=ResultCode.ManualDialTapiError):
    """907: TAPI error."""

    code: ClassVar[ResultCode]


class ManualDialAgentDisconnectedBeforeConnection(
    ManualDialError, code=ResultCode.ManualDialAgentDisconnectedBeforeConnection
):
    """908: agent disconnected before connection."""

    code: ClassVar[ResultCode]


class ManualDialAgentNotLoggedIn(ManualDialError, code=ResultCode.ManualDialAgentNotLoggedIn):
    """909: Agent not logged on."""

    code: ClassVar[ResultCode]


class ManualDialAgentInCall(ManualDialError, code=ResultCode.ManualDialAgentInCall):
    """910: Agent still connected to another caller."""

    code: ClassVar[ResultCode]


class ManualDialNoVoiceResources(ManualDialError, code=ResultCode.ManualDialNoVoiceResources):
    """911: no voice resources."""

    code: ClassVar[ResultCode]


class ManualDialWrongNumber(ManualDialError, code=ResultCode.ManualDialWrongNumber):
    """912: wrong number."""

    code: ClassVar[ResultCode]


class ManualDialMaxNumberOfCallsExceeded(
    ManualDialError, code=ResultCode.ManualDialMaxNumberOfCallsExceeded
):
    """913: Maximum number of calls exceeded."""

    code: ClassVar[ResultCode]


# Recording Management Service errors
class JobInitFailed(RecordingError, code=ResultCode.JobInitFailed):
    """1001: Job initialisation failed."""

    code: ClassVar[ResultCode]


class JobDone(RecordingError, code=ResultCode.JobDone):
    """1002: Job done."""

    code: ClassVar[ResultCode]


class JobFailed(RecordingError, code=ResultCode.JobFailed):
    """1003: Job failed."""

    code: ClassVar[ResultCode]


# CcaAPI-specific errors
class NoCcaConnection(CcaApiClientError, code=ResultCode.NoCcaConnection):
    """10000: No CCA connection."""

    code: ClassVar[ResultCode]


class CacheLoading(CcaApiClientError, code=ResultCode.CacheLoading):
    """10001: CcaAPI cache isn't available yet."""

    code: ClassVar[ResultCode]


class CcaTimeout(CcaApiClientError, code=ResultCode.CcaTimeout):
    """10002: CCA command timeout."""

    code: ClassVar[ResultCode]


__all__ += [
    "AccessDenied",
    "AgentNotReachable",
    "AlreadyExists",
    "AlreadyLocked",
    "AlreadyLoggedIn",
    "BadCrc",
    "CacheLoading",
    "CcaTimeout",
    "DatabaseError",
    "Failed",
    "FileNotFound",
    "IncompatibleData",
    "InvalidArgs",
    "InvalidOperation",
    "InvalidXml",
    "JobDone",
    "JobFailed",
    "JobInitFailed",
    "ListTargetNotCompatible",
    "ListUnknownContact",
    "ListUnknownField",
    "ListenInActiveConversationInConference",
    "ListenInBusy",
    "ListenInCallAnswered",
    "ListenInCallEnd",
    "ListenInLocationNotFound",
    "ListenInNetworkProblem",
    "ListenInNoActiveCallFound",
    "ListenInNoActiveConversationFound",
    "ListenInNoAgentFound",
    "ListenInNoAnswer",
    "ListenInNoFreeChannel",
    "ListenInNoRing",
    "ListenInPickUpTelephone",
    "ListenInRinging",
    "ListenInTapiError",
    "LockTimeout",
    "ManualDialAgentDisconnectedBeforeConnection",
    "ManualDialAgentInCall",
    "ManualDialAgentNotLoggedIn",
    "ManualDialBusy",
    "ManualDialMaxNumberOfCallsExceeded",
    "ManualDialNetworkProblem",
    "ManualDialNoAnswer",
    "ManualDialNoFreeChannel",
    "ManualDialNoRing",
    "ManualDialNoVoiceResources",
    "ManualDialRinging",
    "ManualDialTapiError",
    "ManualDialWrongNumber",
    "NoAgentMonitoringService",
    "NoCTArchitect",
    "NoCcaConnection",
    "NoDataAvailable",
    "NoLicense",
    "NoRecordingManagementService",
    "NoReportingService",
    "NoSpeechService",
    "NotAllowed",
    "NotLocked",
    "ObjectInUse",
    "ObjectNotReady",
    "OperationAborted",
    "QuotaAgentNotFound",
    "QuotaAvailabilityGetFailed",
    "QuotaBrokerNotFound",
    "QuotaInvalidToken",
    "QuotaLockFailed",
    "QuotaNotReceived",
    "QuotaQuestionNotAllowed",
    "QuotaQuestionNotFound",
    "QuotaResponseNotFound",
    "QuotaSetFaceAllocationForQuestionNotAllowed",
    "QuotaSetWebAllocationForQuestionNotAllowed",
    "QuotaTokenNotFound",
    "ReportAbortedBySystem",
    "ReportConnectionFailed",
    "ReportEngineError",
    "ReportErrorRetrievingDatabaseName",
    "ReportErrorRetrievingFile",
    "ReportInvalidFieldtype",
    "ReportInvalidFilter",
    "ReportInvalidFormula",
    "SurveyUnknownQuestion",
    "SurveyUnknownResource",
    "SurveyUpdateFailed",
    "SurveyWebConnectionOffline",
    "TaskNoDefaultWorkingDir",
    "TaskReloadTemporaryBlocked",
    "TaskUpdateCompatibilityWarnings",
    "TooMuchData",
    "UnknownError",
    "UnknownObject",
    "UnknownToken",
    "UpdateFailedDIDAlreadyUsed",
    "UpdateFailedInternalNumberAlreadyUsed",
    "UpdateFailedNTAccountAlreadyUsed",
    "UpdateFailedNameAlreadyUsed",
    "WebProdDuplicateName",
    "WebProdInternalError",
    "WebProdInvalidName",
    "WebProdNoFreePosition",
    "WebProdSurveyAlreadyOnline",
    "WebProdUnknownSurvey",
]
# --- generated region: end ---
