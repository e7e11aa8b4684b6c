# Generated from ResultCode by `python scripts/generate.py`: do not edit by hand.
"""One exception class per failing ResultCode, under the class of its category.

Import them from ``cca_result_codes.errors``: it re-exports them, and their
reprs and pickles name it. The classes of the categories are written by hand
there.
"""

from __future__ import annotations

from .codes import ResultCode
from .errors import (
    CcaApiClientError,
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

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

__all__: list[str] = [
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
