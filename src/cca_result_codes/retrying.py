"""Retrying what may succeed later: a predicate and a wait for tenacity.

Two predicates answer two questions:

- ``is_retryable(error)`` (in ``errors``) is this library's advice on a
  result code alone: True for a CcaApiError whose code is retryable
  (timeouts, busy lines, services not yet up).
- ``is_transient(error)`` answers for a whole HTTP call. It says True
  wherever ``is_retryable`` does, and also for what fails before any
  envelope arrives: a proxy's or gateway's 429, 502, 503 or 504 page (an
  EnvelopeError with that status), a refused, reset or dropped connection,
  and a timeout, from requests, httpx or urllib.

``wait_retry_after(fallback_wait)`` waits as the server's ``Retry-After``
header asks, up to a cap, and otherwise as *fallback_wait* does:

>>> from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential
>>> @retry(
...     retry=retry_if_exception(is_transient),
...     wait=wait_retry_after(wait_exponential(multiplier=0.5, max=8)),
...     stop=stop_after_attempt(4),
...     reraise=True,
... )
... def get_agents() -> list[str]:
...     return ["Ann"]
>>> get_agents()
['Ann']

Neither function imports requests or httpx: their errors are recognised
only once the caller has imported them, through ``sys.modules``.
"""

from __future__ import annotations

import sys
import time

from .errors import EnvelopeError, is_retryable

# typing costs import time; checkers treat this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Protocol, TypeVar

    class _Outcome(Protocol):
        @property
        def failed(self) -> bool: ...

        def exception(self) -> BaseException | None: ...

    class _RetryState(Protocol):
        """What the wait reads of tenacity's ``RetryCallState``."""

        @property
        def outcome(self) -> _Outcome | None: ...

    _State = TypeVar("_State", bound=_RetryState)

__all__ = ["RETRY_AFTER_CAP", "TRANSIENT_STATUSES", "is_transient", "wait_retry_after"]

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})
"""HTTP statuses of an EnvelopeError that ``is_transient`` counts: too many
requests, and a gateway or service that is down or slow for now."""

RETRY_AFTER_CAP = 60.0
"""The longest wait, in seconds, that ``wait_retry_after`` takes from a header by default.

A longer ``Retry-After`` (a misconfigured or hostile server can ask for a
day) is cut to this, so a worker stays responsive; ask for more with
``cap=``.
"""


def is_transient(error: object) -> bool:
    """True when sending the same request again may succeed; never raises.

    True for:

    - a CcaApiError whose code is retryable (``is_retryable``);
    - an EnvelopeError with a status of 429, 502, 503 or 504 (a proxy's
      HTML error page, a gateway timeout);
    - a connection that was refused, reset or dropped, or a timeout:
      ``ConnectionError`` and ``TimeoutError`` (among them
      ``http.client.RemoteDisconnected`` and ``ConnectionResetError``),
      urllib's ``URLError`` wrapping one of those, requests'
      ``ConnectionError``, ``Timeout`` and ``ChunkedEncodingError``, and
      httpx's ``TimeoutException``, ``NetworkError`` and
      ``RemoteProtocolError``.

    False for anything else, including objects that are not exceptions.
    Made for tenacity: ``retry=retry_if_exception(is_transient)``.

    >>> from cca_result_codes import EnvelopeError, errors
    >>> is_transient(EnvelopeError("not JSON near '<html>'", status_code=503))
    True
    >>> is_transient(errors.ListenInBusy("busy")), is_transient(errors.UnknownToken("log in"))
    (True, False)
    >>> is_transient(ConnectionResetError()), is_transient(ValueError())
    (True, False)
    """
    try:
        return _is_transient(error)
    except Exception:  # an object of the caller's whose attributes raise: not transient
        return False


def _is_transient(error: object) -> bool:
    if is_retryable(error):
        return True
    if isinstance(error, EnvelopeError):
        return error.status_code in TRANSIENT_STATUSES
    # http.client's RemoteDisconnected is a ConnectionResetError; socket.timeout is TimeoutError.
    if isinstance(error, (ConnectionError, TimeoutError)):
        return True
    urllib_error = sys.modules.get("urllib.error")
    if urllib_error is not None and isinstance(error, urllib_error.URLError):
        return isinstance(getattr(error, "reason", None), (ConnectionError, TimeoutError))
    requests_exceptions = sys.modules.get("requests.exceptions")
    if requests_exceptions is not None and isinstance(
        error,
        (
            requests_exceptions.ConnectionError,
            requests_exceptions.Timeout,
            requests_exceptions.ChunkedEncodingError,
        ),
    ):
        return True
    httpx = sys.modules.get("httpx")
    return httpx is not None and isinstance(
        error, (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
    )


def wait_retry_after(
    fallback_wait: Callable[[_State], float], *, cap: float = RETRY_AFTER_CAP
) -> Callable[[_State], float]:
    """A tenacity wait that honours the ``Retry-After`` header of the failed attempt.

    The header is read from the exception's ``headers`` (``CcaApiError.headers``,
    ``EnvelopeError.headers``, or any exception with a ``headers`` mapping),
    in any case, as delay-seconds (``"120"``) or an HTTP date (``"Wed, 21
    Oct 2026 07:28:00 GMT"``; a date past gives 0). The wait is the smaller
    of that and *cap* (``RETRY_AFTER_CAP``, 60 seconds, by default). With no
    exception, no header, or a value that is neither, it is
    ``fallback_wait(retry_state)``. The wait itself never raises.

    >>> from tenacity import wait_fixed
    >>> wait = wait_retry_after(wait_fixed(2), cap=30)

    ``wait`` is then given as ``wait=`` to ``@retry``, ``Retrying`` or
    ``AsyncRetrying``.
    """
    if not cap >= 0:  # NaN fails this too
        raise ValueError(f"cap must be a number of seconds, 0 or more, not {cap!r}")

    def wait(retry_state: _State) -> float:
        delay = _retry_after(retry_state)
        if delay is None:
            return fallback_wait(retry_state)
        return min(delay, cap)

    return wait


def _retry_after(retry_state: _RetryState) -> float | None:
    """The delay the failed attempt's ``Retry-After`` asks for, in seconds; None without one."""
    outcome = retry_state.outcome
    if outcome is None:
        return None
    # A successful outcome's exception() is None, which has no headers either.
    headers: Mapping[str, object] = getattr(outcome.exception(), "headers", None) or {}
    try:
        for name, value in headers.items():
            if name.lower() == "retry-after" and isinstance(value, str):
                return _parse_retry_after(value)
    except Exception:  # headers of the caller's own that cannot be read, a value out of range
        return None
    return None


def _parse_retry_after(value: str) -> float | None:
    """Seconds to wait for a ``Retry-After`` value; None when it is neither form.

    >>> _parse_retry_after("120"), _parse_retry_after(" 0 ")
    (120, 0)
    >>> _parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT")
    0.0
    >>> _parse_retry_after("soon") is None
    True
    """
    text = value.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, as RFC 5322 reads it
        from datetime import timezone

        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - time.time())
