"""Values the library wrote itself, pinned once for every test that checks them.

The vendor says nothing about retrying: which codes are retryable is this
library's advice. A change to the advice is a visible change here.
"""

from __future__ import annotations

# Every retryable code, by name: all 30 of them.
RETRYABLE_NAMES = frozenset(
    {
        "ObjectNotReady",
        "ObjectInUse",
        "NoCTArchitect",
        "NoSpeechService",
        "NoAgentMonitoringService",
        "AgentNotReachable",
        "NoRecordingManagementService",
        "NoReportingService",
        "TaskReloadTemporaryBlocked",
        "SurveyWebConnectionOffline",
        "ReportAbortedBySystem",
        "ReportConnectionFailed",
        "LockTimeout",
        "AlreadyLocked",
        "ListenInRinging",
        "ListenInBusy",
        "ListenInNoAnswer",
        "ListenInNoFreeChannel",
        "ListenInNetworkProblem",
        "QuotaLockFailed",
        "ManualDialBusy",
        "ManualDialNoAnswer",
        "ManualDialNoFreeChannel",
        "ManualDialNetworkProblem",
        "ManualDialAgentInCall",
        "ManualDialNoVoiceResources",
        "ManualDialMaxNumberOfCallsExceeded",
        "NoCcaConnection",
        "CacheLoading",
        "CcaTimeout",
    }
)
