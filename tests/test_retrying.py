"""is_transient() and wait_retry_after(): real tenacity, real transports on 127.0.0.1.

Expected answers are written out here: the statuses from the issue (429, 502,
503, 504), the retryable names from tests/pinned.py, the delays by hand.
"""

from __future__ import annotations

import asyncio
import http.client
import math
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from typing import NoReturn

import httpx
import pytest
import requests
import tenacity
from hypothesis import example, given
from hypothesis import strategies as st

import cca_result_codes
from cca_result_codes import (
    CcaApiError,
    EnvelopeError,
    ResultCode,
    errors,
    is_transient,
    retrying,
    wait_retry_after,
)
from pinned import RETRYABLE_NAMES

# --- is_transient: codes


@pytest.mark.parametrize("member", list(ResultCode), ids=lambda member: member.name)
def test_a_code_is_transient_exactly_when_it_is_retryable(member: ResultCode) -> None:
    error = CcaApiError.for_code(member)("x", result_code=member)
    assert is_transient(error) is (member.name in RETRYABLE_NAMES)


def test_an_unknown_code_is_not_transient() -> None:
    assert is_transient(errors.GeneralError("unknown code 127")) is False
    assert is_transient(CcaApiError("no code", status_code=503)) is False


# --- is_transient: EnvelopeError by status

TRANSIENT_STATUSES = {429, 502, 503, 504}


@given(st.one_of(st.none(), st.integers(min_value=-(2**40), max_value=2**40)))
@example(429)
@example(502)
@example(503)
@example(504)
@example(428)
@example(430)
@example(500)
@example(501)
@example(505)
@example(408)
@example(200)
@example(None)
def test_an_envelope_error_is_transient_by_its_status(status: int | None) -> None:
    error = EnvelopeError("not JSON near '<html>'", status_code=status)
    assert is_transient(error) is (status in TRANSIENT_STATUSES)


def test_the_statuses_are_the_documented_four() -> None:
    assert frozenset({429, 502, 503, 504}) == retrying.TRANSIENT_STATUSES


# --- is_transient: the standard library's errors


@pytest.mark.parametrize(
    "error",
    [
        ConnectionResetError(104, "Connection reset by peer"),
        ConnectionRefusedError(111, "Connection refused"),
        ConnectionAbortedError(),
        BrokenPipeError(),
        http.client.RemoteDisconnected("Remote end closed connection without response"),
        TimeoutError("timed out"),
        socket.timeout(),  # noqa: UP041 -- the name urllib's callers meet
        urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
        urllib.error.URLError(TimeoutError("timed out")),
    ],
    ids=lambda error: type(error).__name__,
)
def test_standard_library_transport_errors_are_transient(error: BaseException) -> None:
    assert is_transient(error) is True


@pytest.mark.parametrize(
    "error",
    [
        OSError("disk full"),
        ValueError("bad"),
        KeyError("x"),
        urllib.error.URLError("unknown url type: ftp"),
        urllib.error.URLError(OSError("no such host")),
        http.client.IncompleteRead(b""),
        requests.exceptions.InvalidURL("bad url"),
        requests.exceptions.HTTPError("503"),
        httpx.UnsupportedProtocol("ftp"),
        httpx.LocalProtocolError("bad request"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_other_errors_are_not_transient(error: BaseException) -> None:
    assert is_transient(error) is False


# --- is_transient: real transport failures from real clients on 127.0.0.1


@contextmanager
def raw_server(reply: Callable[[socket.socket], None]) -> Generator[str]:
    """Accept connections on a free port; *reply* handles each one; yield the base URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    connections: list[socket.socket] = []

    def serve() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connections.append(connection)
            connection.recv(65536)  # the request
            reply(connection)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        stop.set()
        thread.join()
        listener.close()
        for connection in connections:
            connection.close()


def _hang_up(connection: socket.socket) -> None:
    connection.close()


def _stay_silent(connection: socket.socket) -> None:
    del connection  # kept open, unanswered, until the server stops


def _cut_the_body(connection: socket.socket) -> None:
    connection.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b'Transfer-Encoding: chunked\r\n\r\n10\r\n{"StatusCode": 2'
    )
    connection.close()


def _reset(connection: socket.socket) -> None:
    # SO_LINGER 0: close() sends RST, as a crashed peer or a firewall does.
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    connection.close()


def _closed_port() -> str:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def _caught(call: Callable[[], object]) -> BaseException:
    with pytest.raises(Exception) as caught:  # noqa: PT011 -- the type is what is checked next
        call()
    return caught.value


SCENARIOS = {
    "hang-up": _hang_up,
    "silence": _stay_silent,
    "cut body": _cut_the_body,
    "reset": _reset,
}


@pytest.mark.parametrize("scenario", [*SCENARIOS, "refused"])
def test_requests_transport_failures_are_transient(scenario: str) -> None:
    def get(url: str) -> None:
        requests.get(url, timeout=0.3).content  # noqa: B018 -- read the body

    if scenario == "refused":
        error = _caught(lambda: get(_closed_port()))
    else:
        with raw_server(SCENARIOS[scenario]) as url:
            error = _caught(lambda: get(url))
    assert isinstance(error, requests.RequestException)
    assert is_transient(error) is True


@pytest.mark.parametrize("scenario", [*SCENARIOS, "refused"])
def test_httpx_transport_failures_are_transient(scenario: str) -> None:
    def get(url: str) -> None:
        httpx.get(url, timeout=0.3).read()

    if scenario == "refused":
        error = _caught(lambda: get(_closed_port()))
    else:
        with raw_server(SCENARIOS[scenario]) as url:
            error = _caught(lambda: get(url))
    assert isinstance(error, httpx.TransportError)
    assert is_transient(error) is True


@pytest.mark.parametrize("scenario", ["hang-up", "silence", "reset", "refused"])
def test_urllib_transport_failures_are_transient(scenario: str) -> None:
    def get(url: str) -> None:
        with urllib.request.urlopen(url, timeout=0.3) as response:
            response.read()

    if scenario == "refused":
        error = _caught(lambda: get(_closed_port()))
    else:
        with raw_server(SCENARIOS[scenario]) as url:
            error = _caught(lambda: get(url))
    assert isinstance(error, OSError)
    assert is_transient(error) is True


def test_an_async_httpx_failure_is_transient() -> None:
    async def get() -> BaseException:
        async with httpx.AsyncClient(timeout=0.3) as client:
            try:
                await client.get(_closed_port())
            except httpx.ConnectError as error:
                return error
        raise AssertionError("the request succeeded")

    assert is_transient(asyncio.run(get())) is True


# --- is_transient never raises, and answers a real bool


def _unreadable(self: object) -> NoReturn:
    raise RuntimeError("unreadable")


def _a_list(self: object) -> list[int]:
    return [503]


def _plain_init(self: ValueError, message: str) -> None:
    ValueError.__init__(self, message)


# Made with type(): a checker rightly refuses these overrides in a class statement.
_Hostile = type("_Hostile", (), {"__class__": property(_unreadable)})  # what isinstance() reads
_UnhashableStatus = type(
    "_UnhashableStatus",
    (EnvelopeError,),
    {"status_code": property(_a_list), "__init__": _plain_init},
)


def test_is_transient_never_raises() -> None:
    assert is_transient(_Hostile()) is False
    assert is_transient(_UnhashableStatus("odd")) is False


ANYTHING: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(),
    st.lists(st.integers()),
    st.dictionaries(st.text(), st.text()),
    st.builds(object),
    st.builds(EnvelopeError, st.text(), status_code=st.none() | st.integers()),
    st.builds(CcaApiError, st.text(), result_code=st.none() | st.sampled_from(ResultCode)),
    st.sampled_from([OSError(), ValueError(), KeyboardInterrupt(), SystemExit(1), object]),
)


@given(ANYTHING)
def test_is_transient_answers_a_bool_for_anything(value: object) -> None:
    assert type(is_transient(value)) is bool


def test_is_transient_is_exported_from_the_package() -> None:
    assert cca_result_codes.is_transient is retrying.is_transient
    assert cca_result_codes.wait_retry_after is retrying.wait_retry_after
    assert {"is_transient", "wait_retry_after"} <= set(cca_result_codes.__all__)


def test_retrying_imports_neither_requests_nor_httpx() -> None:
    code = (
        "import sys\n"
        "from cca_result_codes import is_transient, wait_retry_after\n"
        "print(is_transient(ConnectionResetError()), is_transient(ValueError()))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('requests', 'httpx', 'json', 'typing', 'email', 'urllib')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "True False\n[]\n"


# --- wait_retry_after with real tenacity, sync and async

FALLBACK = 3.0


def _envelope_error(headers: Mapping[str, str] | None) -> EnvelopeError:
    return EnvelopeError("not JSON near '<html>'", status_code=503, headers=headers)


def _sleeps(error: BaseException, *, cap: float | None = None, attempts: int = 2) -> list[float]:
    """The waits tenacity takes between *attempts* calls that each raise *error*."""
    slept: list[float] = []
    wait = (
        wait_retry_after(tenacity.wait_fixed(FALLBACK))
        if cap is None
        else wait_retry_after(tenacity.wait_fixed(FALLBACK), cap=cap)
    )
    retrying_call = tenacity.Retrying(
        retry=tenacity.retry_if_exception(is_transient),
        wait=wait,
        stop=tenacity.stop_after_attempt(attempts),
        sleep=slept.append,
        reraise=True,
    )

    def call() -> NoReturn:
        raise error

    with pytest.raises(type(error)):
        retrying_call(call)
    return slept


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5),
        ("0", 0),
        (" 7 ", 7),
        ("60", 60),
        ("61", 60),
        ("86400", 60),
        pytest.param("9" * 400, 60, id="400-digits"),  # more than a float holds: capped
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),  # a date past: at once
    ],
)
def test_retry_after_is_waited_up_to_the_default_cap(value: str, expected: float) -> None:
    assert _sleeps(_envelope_error({"Retry-After": value})) == [expected]
    assert retrying.RETRY_AFTER_CAP == 60.0


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(None, id="no-headers"),
        pytest.param({}, id="empty"),
        pytest.param({"Content-Type": "text/html"}, id="other-header"),
        pytest.param({"Retry-After": ""}, id="blank"),
        pytest.param({"Retry-After": "soon"}, id="word"),
        pytest.param({"Retry-After": "-5"}, id="negative"),
        pytest.param({"Retry-After": "1.5"}, id="fraction"),
        # A digit, but not one of HTTP's.
        pytest.param({"Retry-After": "\N{ARABIC-INDIC DIGIT THREE}"}, id="arabic-indic-digit"),
        # More digits than int() takes from text.
        pytest.param({"Retry-After": "9" * 5000}, id="5000-digits"),
        pytest.param({"Retry-After": "Thu, 32 Jan 2026 00:00:00 GMT"}, id="no-such-date"),
    ],
)
def test_no_readable_retry_after_falls_back(headers: dict[str, str] | None) -> None:
    assert _sleeps(_envelope_error(headers)) == [FALLBACK]


def test_only_the_retry_after_header_is_read() -> None:
    assert _sleeps(_envelope_error({"X-Delay": "7"})) == [FALLBACK]
    assert _sleeps(_envelope_error({"Content-Length": "12", "Retry-After": "4"})) == [4]


def test_a_date_without_a_zone_is_utc_whatever_the_local_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "-0000" gives a datetime without tzinfo; read in the local zone it would be 5.5 h off.
    monkeypatch.setattr(time, "time", lambda: 1_795_168_800.0 - 42)
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "IST-5:30"
    time.tzset()
    try:
        waits = _sleeps(_envelope_error({"Retry-After": "Fri, 20 Nov 2026 10:00:00 -0000"}))
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()
    assert waits == [42]


def test_the_header_is_found_in_any_case() -> None:
    assert _sleeps(_envelope_error({"retry-after": "4"})) == [4]
    assert _sleeps(_envelope_error({"RETRY-AFTER": "4"})) == [4]


def test_a_header_value_that_is_not_text_falls_back() -> None:
    error = CcaApiError("busy", headers={"Retry-After": 5})  # type: ignore[dict-item]  # on purpose
    error_class_retryable = errors.ListenInBusy("busy", headers=error.headers)
    assert _sleeps(error_class_retryable) == [FALLBACK]


def test_a_cap_of_your_own() -> None:
    assert _sleeps(_envelope_error({"Retry-After": "120"}), cap=300) == [120]
    assert _sleeps(_envelope_error({"Retry-After": "120"}), cap=30) == [30]
    assert _sleeps(_envelope_error({"Retry-After": "120"}), cap=0) == [0]
    assert _sleeps(_envelope_error({"Retry-After": "1"}), cap=0.5) == [0.5]
    assert _sleeps(_envelope_error({"Retry-After": "1"}), cap=math.inf) == [1]


@pytest.mark.parametrize("cap", [-1, -0.5, math.nan])
def test_a_negative_cap_is_refused(cap: float) -> None:
    with pytest.raises(
        ValueError, match=rf"^cap must be a number of seconds, 0 or more, not {cap!r}$"
    ):
        wait_retry_after(tenacity.wait_fixed(1), cap=cap)


def test_the_header_of_a_cca_api_error_is_read() -> None:
    error = errors.ListenInBusy("busy", headers={"Retry-After": "9"})
    assert _sleeps(error, attempts=3) == [9, 9]


def test_an_error_without_headers_falls_back() -> None:
    assert _sleeps(ConnectionResetError(), attempts=3) == [FALLBACK, FALLBACK]


def test_an_http_date_is_a_delay_from_now(monkeypatch: pytest.MonkeyPatch) -> None:
    # Fri, 20 Nov 2026 10:00:00 GMT is 1,795,168,800 seconds after the epoch.
    monkeypatch.setattr(time, "time", lambda: 1_795_168_800.0 - 42)
    assert _sleeps(_envelope_error({"Retry-After": "Fri, 20 Nov 2026 10:00:00 GMT"})) == [42]
    assert _sleeps(_envelope_error({"Retry-After": "Fri, 20 Nov 2026 10:00:00 -0000"})) == [42]
    assert _sleeps(_envelope_error({"Retry-After": "Fri, 20 Nov 2026 11:00:10 +0100"})) == [52]
    assert _sleeps(_envelope_error({"Retry-After": "Fri, 20 Nov 2026 09:59:00 GMT"})) == [0]


class _BrokenHeaders(Mapping[str, str]):
    def __getitem__(self, key: str) -> str:
        raise RuntimeError("unreadable")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("unreadable")

    def __len__(self) -> int:
        return 1


def test_headers_that_cannot_be_read_fall_back() -> None:
    assert _sleeps(_envelope_error(_BrokenHeaders())) == [FALLBACK]


def test_a_result_retried_without_an_exception_falls_back() -> None:
    slept: list[float] = []
    answers = iter([None, "done"])
    result = tenacity.Retrying(
        retry=tenacity.retry_if_result(lambda value: value is None),
        wait=wait_retry_after(tenacity.wait_fixed(FALLBACK)),
        sleep=slept.append,
    )(lambda: next(answers))
    assert (result, slept) == ("done", [FALLBACK])


def test_a_state_before_any_attempt_falls_back() -> None:
    state = tenacity.RetryCallState(tenacity.Retrying(), fn=None, args=(), kwargs={})
    assert state.outcome is None
    assert wait_retry_after(tenacity.wait_fixed(FALLBACK))(state) == FALLBACK


def test_the_fallback_gets_the_retry_state() -> None:
    seen: list[int] = []

    def fallback(state: tenacity.RetryCallState) -> float:
        seen.append(state.attempt_number)
        return 0.25 * state.attempt_number

    slept: list[float] = []
    retrying_call = tenacity.Retrying(
        retry=tenacity.retry_if_exception(is_transient),
        wait=wait_retry_after(fallback),
        stop=tenacity.stop_after_attempt(3),
        sleep=slept.append,
        reraise=True,
    )

    def call() -> NoReturn:
        raise ConnectionResetError

    with pytest.raises(ConnectionResetError):
        retrying_call(call)
    assert slept == [0.25, 0.5]
    assert seen[:2] == [1, 2]  # tenacity 9 also asks after the last attempt, then stops


def test_async_tenacity_honours_retry_after() -> None:
    slept: list[float] = []
    calls: list[int] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    @tenacity.retry(
        retry=tenacity.retry_if_exception(is_transient),
        wait=wait_retry_after(tenacity.wait_exponential(multiplier=1, max=8)),
        stop=tenacity.stop_after_attempt(4),
        sleep=sleep,
    )
    async def get() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise _envelope_error({"Retry-After": "2"})
        if len(calls) == 2:
            raise ConnectionResetError
        return "agents"

    assert asyncio.run(get()) == "agents"
    assert slept == [2, 2]  # the header's 2, then wait_exponential's 2 for attempt 2
