"""ResultCode: every documented CCA result code, written once, one line per code.

>>> ResultCode(102)
<ResultCode.UnknownToken: 102>
>>> ResultCode.UnknownToken.description
'Unknown token'
>>> code = ResultCode.ListenInNoActiveConversationFound
>>> print(code, code.legacy_code)
711 712

Each row reads ``Name = number, description[, since[, legacy_code[, note]]]``.
Descriptions are the vendor's words, casing included; notes are ours. This
table is the only place a code is written: the exception classes, the
exports and the reference page are generated from it.
"""

from __future__ import annotations

from enum import IntEnum

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar, overload

    from .categories import Category
    from .versions import ServerVersion

    _Default = TypeVar("_Default")

__all__ = ["ResultCode"]

# The "since" column: the release that added the code. A ServerVersion is made on the first
# read of ``since``, so that the table loads without the versions module.
_BASE = None  # 5.4.6, the base release: versions.UNIFIED_IN
_V5_4_7 = (5, 4, 7)
_V5_4_8 = (5, 4, 8)
_WRITTEN_BY_LIBRARY = "The vendor gives no description; this library wrote one from the name."


class _OnFirstRead:
    """A member attribute found on its first read, then kept in the member's own dict.

    A descriptor without ``__set__``, so that the member's dict answers every
    later read at the speed of a plain attribute. What it needs loads only
    when it is first wanted.
    """

    _name: str  # the attribute's name, given by __set_name__ when the class is made

    def __init__(self, find: Callable[[ResultCode], object]) -> None:
        self._find = find

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, member: ResultCode | None, owner: object = None) -> object:
        if member is None:
            return self
        value = self._find(member)
        vars(member)[self._name] = value
        return value


def _category_of(member: ResultCode) -> Category | None:
    from .categories import Category

    # Every row lies in a block (tests/test_table.py), so this is never None.
    return Category.of(member._value_)


def _since_of(member: ResultCode) -> ServerVersion:
    from .versions import UNIFIED_IN, ServerVersion

    parts = member._since_parts  # pyright: ignore[reportPrivateUsage] -- the row, as __new__ kept it
    return UNIFIED_IN if parts is None else ServerVersion(*parts)


# No @unique: it costs import time; a test proves that no number has two names.
class ResultCode(IntEnum):
    """A CCA result code: an int with the vendor's description and this library's metadata.

    One member per row of the vendor's table, named exactly as the vendor
    names it. A member is an int: it compares, hashes and serialises as its
    number, and ``str()`` and ``format()`` give the number on every Python.

    >>> code = ResultCode(711)
    >>> code.name, code.description, code.category.label
    ('ListenInNoActiveConversationFound', 'No active conversation', 'listen-in errors')
    >>> f"code={code}"
    'code=711'

    Find a member:

    - ``ResultCode(102)`` by number, ``ResultCode["UnknownToken"]`` by exact
      name. They raise ValueError and KeyError for what the table lacks, as
      with every IntEnum.
    - ``ResultCode.get(number, default=None)`` returns *default* instead, for
      numbers from a newer server.
    - ``ResultCode.from_name(text)`` ignores case, ``_``, ``-`` and spaces.

    Read a member:

    - ``description``: the vendor's words, casing included.
    - ``note``: this library's remark on the row, "" when none.
    - ``category``: its Category; ``is_success`` and ``is_error``.
    - ``since``: the first server version with the code;
      ``available_in(version)``.
    - ``legacy_code``: its number before 5.4.6, where that differed.
    - ``retryable``: this library's advice on retrying; the vendor gives none.

    ``Success`` is 0, which is falsy: ask ``is_success``, not ``bool()``.
    """

    description: str
    """The vendor's description, verbatim, casing included."""
    note: str
    """This library's remark on the row, or "" when there is none.

    A note holds an editorial remark moved out of the vendor's description, a
    likely copy slip in the vendor's table, or says that this library wrote
    the description.
    """
    if TYPE_CHECKING:
        # The row's since column as written (None for the base); ``since`` reads it.
        _since_parts: tuple[int, int, int] | None
        category: Category
        """The category whose block of numbers holds the code.

        Found on the first read, so that importing the table does not build
        the categories too; a plain attribute of the member after that.
        """
        since: ServerVersion
        """The first server version with this code: 5.4.6.0 (the base) or later.

        Made on the first read, as ``category`` is.
        """
    else:
        category = _OnFirstRead(_category_of)
        since = _OnFirstRead(_since_of)
    legacy_code: int | None
    """The number the code had before 5.4.6, or None when it was not renumbered.

    None also for codes that first appeared after 5.4.6. To get the number an
    old server sent for any code, use ``legacy.to_legacy()``.
    """

    def __new__(
        cls,
        value: int,
        description: str = "",
        since: tuple[int, int, int] | None = _BASE,
        legacy_code: int | None = None,
        note: str = "",
        /,
    ) -> ResultCode:
        """Build a member from one row of the table, while the class is created.

        After that, ``ResultCode(102)`` looks a member up; it makes none.
        """
        member = int.__new__(cls, value)
        member._value_ = value
        member.description = description
        member.note = note
        member._since_parts = since
        member.legacy_code = legacy_code
        return member

    # success
    Success = 0, "No error"
    Pending = 1, "Request is accepted but pending"
    SuccessListRunning = 2, "No error, with warning list is running", _BASE, 3

    # general errors
    Failed = 100, "General error"
    UnknownError = 101, "Unknown"
    UnknownToken = 102, "Unknown token"
    UnknownObject = 103, "Unknown object"
    ObjectNotReady = 104, "Object not ready"
    ObjectInUse = 105, "Object is in use"
    DatabaseError = 106, "Database error"
    InvalidXml = 107, "Invalid Xml"
    AlreadyLoggedIn = (
        108,
        "Already logged",
        _BASE,
        None,
        'The vendor\'s table adds the editorial note "[-> TO SESSION ?]" to this description.',
    )
    AlreadyExists = 109, "Object exists"
    IncompatibleData = 110, "Incompatible data"
    AccessDenied = 111, "Access denied"
    NotAllowed = 112, "Action isn't permitted"
    BadCrc = 113, "Bad CRC"
    InvalidArgs = 114, "invalid arguments"
    InvalidOperation = 115, "Invalid operation"
    OperationAborted = 116, "Operation aborted"
    NoDataAvailable = 117, "No data"
    NoCTArchitect = 118, "No CTArchitect connection"
    NoSpeechService = 119, "No speech service"
    NoAgentMonitoringService = 120, "No agent monitoring service"
    AgentNotReachable = 121, "Agent not reachable"
    NoLicense = 122, "Not allowed by license"
    FileNotFound = 123, "File doesn't exist"
    NoRecordingManagementService = 124, "No recording management service"
    NoReportingService = 125, "No reporting", _V5_4_8
    TooMuchData = 126, "Too much data", _V5_4_8

    # task errors
    TaskNoDefaultWorkingDir = (
        200,
        "Unknown question",
        _BASE,
        None,
        "Likely a copy slip in the vendor's table: the name speaks of a missing default"
        " working directory, and the text repeats 202 SurveyUnknownQuestion.",
    )
    TaskReloadTemporaryBlocked = 201, "Temporarily blocked (to prevent hammering)"
    SurveyUnknownQuestion = 202, "Unknown question"
    SurveyUnknownResource = 203, "Unknown resource"
    SurveyWebConnectionOffline = 204, "Web connection is offline"
    SurveyUpdateFailed = 205, "Update of survey failed"
    TaskUpdateCompatibilityWarnings = 206, "Compatibility warnings on survey update"
    WebProdInternalError = 290, "internal webprod error"
    WebProdSurveyAlreadyOnline = 291, "survey is already online"
    WebProdInvalidName = 292, "duplicate internal name"
    WebProdDuplicateName = 293, "duplicate external name"
    WebProdNoFreePosition = 294, "no free web position"
    WebProdUnknownSurvey = 295, "unknown webprod survey"

    # list errors
    ListTargetNotCompatible = 300, "task/project isn't compatible with list"
    ListUnknownField = 301, "Unknown list field", _V5_4_7
    ListUnknownContact = 302, "Unknown list contact", _V5_4_7

    # reporting errors
    ReportInvalidFieldtype = 401, "Error invalid fieldtype"
    ReportInvalidFilter = 402, "Error invalid filter"
    ReportErrorRetrievingFile = 403, "Error retrieving report file"
    ReportInvalidFormula = 404, "Error invalid formula"
    ReportAbortedBySystem = 405, "Error aborted by system"
    ReportErrorRetrievingDatabaseName = 406, "Error retrieving database name"
    ReportConnectionFailed = 407, "Error connecting"
    ReportEngineError = 408, "Error returned by CRPE/SSRS report engine"

    # locking errors
    LockTimeout = 501, "Lock time out"
    AlreadyLocked = 502, "Already locked (on lock request)"
    NotLocked = 503, "Not locked (on unlock request)"

    # update failed
    UpdateFailedNameAlreadyUsed = (
        601,
        "name already used",
        _BASE,
        None,
        'The vendor\'s table adds the editorial note "[AlreadyExists]" to this description,'
        " likely pointing at 109 AlreadyExists.",
    )
    UpdateFailedNTAccountAlreadyUsed = 602, "NT account already used"
    UpdateFailedInternalNumberAlreadyUsed = 603, "Internal number already used"
    UpdateFailedDIDAlreadyUsed = 604, "DID already used"

    # listen-in errors; 709 to 714 were renumbered in 5.4.6
    ListenInCallAnswered = 700, "Call answered"
    ListenInRinging = 701, "Supervisor phone is ringing"
    ListenInNoRing = 702, "Agent phone not ringing"
    ListenInBusy = 703, "Agent phone is busy"
    ListenInNoAnswer = 704, "Agent doesn't answer"
    ListenInNoFreeChannel = 705, "No free channel available"
    ListenInNetworkProblem = 706, "Network problem"
    ListenInLocationNotFound = 707, "Location doesn't exist"
    ListenInNoAgentFound = 708, "Agent doesn't exist"
    ListenInPickUpTelephone = 709, "Supervisor telephone should be picked up", _BASE, 710
    ListenInNoActiveCallFound = 710, "No active call for agent", _BASE, 711
    ListenInNoActiveConversationFound = 711, "No active conversation", _BASE, 712
    ListenInTapiError = 712, "TAPI error", _BASE, 713
    ListenInActiveConversationInConference = (
        713,
        "No active conversation",
        _BASE,
        714,
        "Likely a copy slip in the vendor's table: the name speaks of an active conversation"
        " in a conference, and the text repeats 711 ListenInNoActiveConversationFound.",
    )
    ListenInCallEnd = 714, "End listen-in call", _BASE, 715

    # quota errors; 809 to 812 were renumbered in 5.4.6
    QuotaNotReceived = 801, "Quota no quota received"
    QuotaQuestionNotFound = 802, "Quota question not found"
    QuotaResponseNotFound = 803, "Quota response not found"
    QuotaTokenNotFound = 804, "Quota token not found"
    QuotaAgentNotFound = 805, "Quota agent not found"
    QuotaBrokerNotFound = 806, "Quota broker not found"
    QuotaQuestionNotAllowed = 807, "Quota question not allowed"
    QuotaInvalidToken = 808, "Quota invalid token"
    QuotaLockFailed = 809, "Quota lock failed", _BASE, 810
    QuotaAvailabilityGetFailed = 810, "Quota availability get failed", _BASE, 811
    QuotaSetFaceAllocationForQuestionNotAllowed = (
        811,
        "Quota set face allocation for question not allowed",
        _BASE,
        812,
    )
    QuotaSetWebAllocationForQuestionNotAllowed = (
        812,
        "Quota set web allocation for question not allowed",
        _BASE,
        813,
    )

    # manual dial errors
    ManualDialRinging = 901, "phone is ringing"
    ManualDialNoRing = 902, "phone has no ringtone"
    ManualDialBusy = 903, "Agent phone is busy"
    ManualDialNoAnswer = 904, "Agent doesn't answer"
    ManualDialNoFreeChannel = 905, "No free channel available"
    ManualDialNetworkProblem = 906, "Network problem"
    ManualDialTapiError = 907, "TAPI error"
    ManualDialAgentDisconnectedBeforeConnection = 908, "agent disconnected before connection"
    ManualDialAgentNotLoggedIn = 909, "Agent not logged on"
    ManualDialAgentInCall = 910, "Agent still connected to another caller"
    ManualDialNoVoiceResources = 911, "no voice resources"
    ManualDialWrongNumber = 912, "wrong number"
    ManualDialMaxNumberOfCallsExceeded = 913, "Maximum number of calls exceeded"

    # Recording Management Service errors
    JobInitFailed = 1001, "Job initialisation failed", _BASE, None, _WRITTEN_BY_LIBRARY
    JobDone = 1002, "Job done", _BASE, None, _WRITTEN_BY_LIBRARY
    JobFailed = 1003, "Job failed", _BASE, None, _WRITTEN_BY_LIBRARY

    # CcaAPI-specific errors: made by the CcaAPI client, never sent by a CCA server
    NoCcaConnection = 10000, "No CCA connection"
    CacheLoading = 10001, "CcaAPI cache isn't available yet"
    CcaTimeout = 10002, "CCA command timeout"

    # str() and format() give the number on every Python; 3.10 needs them pinned.
    def __str__(self) -> str:
        """The number in decimal, as ``str()`` of a plain int gives it.

        >>> str(ResultCode.UnknownToken)
        '102'
        """
        return int.__repr__(self)

    def __format__(self, format_spec: str) -> str:
        """The number formatted as a plain int: every int format spec works.

        >>> code = ResultCode.UnknownToken
        >>> f"{code} [{code:>5}] {code:#x}"
        '102 [  102] 0x66'
        """
        return int.__format__(self, format_spec)

    @property
    def is_success(self) -> bool:
        """True for the success category: Success, Pending and SuccessListRunning.

        >>> ResultCode.Pending.is_success, ResultCode.UnknownToken.is_success
        (True, False)
        """
        return not self.category.is_error

    @property
    def is_error(self) -> bool:
        """True for every code outside the success category; the opposite of ``is_success``."""
        return self.category.is_error

    @property
    def retryable(self) -> bool:
        """This library's advice: may the same request succeed if sent again later?

        True for timeouts, busy lines, held locks and services not yet up. The
        vendor says nothing about retrying; treat this as a hint, and bound
        your retries.

        >>> ResultCode.CcaTimeout.retryable, ResultCode.UnknownToken.retryable
        (True, False)
        """
        return self in _RETRYABLE

    def available_in(self, version: ServerVersion | str) -> bool:
        """Whether a server of *version* reports this code by this number.

        *version* is a ServerVersion or a dotted string such as ``"5.4.7"``.
        Servers older than 5.4.6 used other numbers for some codes, so the
        answer is False for every code there; translate their numbers with
        ``legacy.to_current()``.

        >>> code = ResultCode.TooMuchData
        >>> code.since
        ServerVersion(5, 4, 8, 0)
        >>> code.available_in("5.4.7"), code.available_in("5.4.8")
        (False, True)
        """
        from .versions import as_server_version

        return as_server_version(version, "available_in()'s version") >= self.since

    @classmethod
    def from_name(cls, text: str) -> ResultCode:
        """Find a member by name, ignoring case, ``_``, ``-`` and spaces.

        >>> ResultCode.from_name("unknown_token")
        <ResultCode.UnknownToken: 102>

        Raises KeyError when no member has that name, and TypeError when
        *text* is not a str.
        """
        if not isinstance(text, str):
            raise TypeError(f"ResultCode.from_name() needs a str, not {type(text).__name__}")
        from ._names import fold_name

        index = _member_by_folded_name or _index_folded_names()
        member = index.get(fold_name(text))
        if member is None:
            raise KeyError(f"no result code named {text!r}")
        return member

    if TYPE_CHECKING:

        @overload
        @staticmethod
        def get(number: int) -> ResultCode | None: ...

        @overload
        @staticmethod
        def get(number: int, default: _Default) -> ResultCode | _Default: ...

    @staticmethod
    def get(number: int, default: object = None) -> object:
        """The member numbered *number*, or *default* when there is none.

        Unlike ``ResultCode(number)`` it never raises, so a code that a newer
        server sends and this table lacks needs no ``try``.

        >>> ResultCode.get(102)
        <ResultCode.UnknownToken: 102>
        >>> ResultCode.get(127) is None
        True
        >>> ResultCode.get(127, "unknown")
        'unknown'
        """
        return _MEMBER_BY_NUMBER.get(number, default)


# A plain dict: the hot lookup path skips the Enum machinery. Copied from the enum's own index
# of values, which holds each member under its number: iterating the class costs import time.
# typeshed types that index dict[Any, Enum]; this class's index holds only its own members.
_MEMBER_BY_NUMBER: dict[int, ResultCode] = dict(ResultCode._value2member_map_)  # pyright: ignore[reportAssignmentType]


# Made on the first lookup by name, not at import: folding 107 names costs import time.
# None until the index is whole: the finished dict is published by one assignment, so that
# another thread never reads a half-built index (two threads may both build it; both are whole).
_member_by_folded_name: dict[str, ResultCode] | None = None


def _index_folded_names() -> dict[str, ResultCode]:
    global _member_by_folded_name  # noqa: PLW0603 -- published once, whole
    from ._names import fold_name

    index = {fold_name(name): member for name, member in ResultCode.__members__.items()}
    _member_by_folded_name = index
    return index


# Advice, not vendor data: see ResultCode.retryable.
_RETRYABLE = frozenset(
    {
        ResultCode.ObjectNotReady,
        ResultCode.ObjectInUse,
        ResultCode.NoCTArchitect,
        ResultCode.NoSpeechService,
        ResultCode.NoAgentMonitoringService,
        ResultCode.AgentNotReachable,
        ResultCode.NoRecordingManagementService,
        ResultCode.NoReportingService,
        ResultCode.TaskReloadTemporaryBlocked,
        ResultCode.SurveyWebConnectionOffline,
        ResultCode.ReportAbortedBySystem,
        ResultCode.ReportConnectionFailed,
        ResultCode.LockTimeout,
        ResultCode.AlreadyLocked,
        ResultCode.ListenInRinging,
        ResultCode.ListenInBusy,
        ResultCode.ListenInNoAnswer,
        ResultCode.ListenInNoFreeChannel,
        ResultCode.ListenInNetworkProblem,
        ResultCode.ManualDialBusy,
        ResultCode.ManualDialNoAnswer,
        ResultCode.ManualDialNoFreeChannel,
        ResultCode.ManualDialNetworkProblem,
        ResultCode.ManualDialAgentInCall,
        ResultCode.ManualDialNoVoiceResources,
        ResultCode.ManualDialMaxNumberOfCallsExceeded,
        ResultCode.QuotaLockFailed,
        ResultCode.NoCcaConnection,
        ResultCode.CacheLoading,
        ResultCode.CcaTimeout,
    }
)
