"""docs/client.md's programs, run against a local CcaWebApi stand-in; real tenacity retries."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_none

from cca_result_codes import CcaApiError, EnvelopeError, errors, from_response, is_retryable
from cca_result_codes.hooks import requests_hook
from test_hooks import AGENTS, CcaWebApiServer

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs/client.md"


def _programs() -> dict[str, str]:
    """The page's program blocks, by the file name on their first line."""
    blocks = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)
    return {block.split(":")[0].removeprefix("# "): block for block in blocks}


PROGRAMS = _programs()


def load_program(name: str) -> Any:
    """The program *name* as a module, its ``__main__`` part not run."""
    module = types.ModuleType(name.removesuffix(".py"))
    exec(compile(PROGRAMS[name], str(PAGE), "exec"), module.__dict__)
    return module


@pytest.fixture
def server() -> Iterator[CcaWebApiServer]:
    with CcaWebApiServer() as running:
        yield running


def test_the_page_has_its_three_programs() -> None:
    assert sorted(PROGRAMS) == [
        "cca_async_client.py",
        "cca_client.py",
        "hook_limit.py",
        "measure_hook.py",
        "pending.py",
    ]


def test_the_pending_example_runs() -> None:
    module = load_program("pending.py")
    assert module.reply.pending


def test_the_limited_hook_refuses_a_longer_body() -> None:
    session = load_program("hook_limit.py").session
    with responses.RequestsMock() as mocked:
        mocked.add(responses.GET, "https://cca.test/big", body=b" " * (4 * 2**20 + 1), status=502)
        mocked.add(responses.GET, "https://cca.test/fits", body=b" " * 4 * 2**20, status=502)
        with pytest.raises(EnvelopeError, match="larger than 4194304 bytes"):
            session.get("https://cca.test/big")
        with pytest.raises(EnvelopeError, match="not a CcaWebApi envelope"):
            session.get("https://cca.test/fits")


@pytest.mark.parametrize("name", ["cca_client.py", "cca_async_client.py"])
def test_each_client_runs_as_a_program(name: str, server: CcaWebApiServer, tmp_path: Path) -> None:
    program = tmp_path / name
    program.write_text(PROGRAMS[name], encoding="utf-8")
    env = {"CCA_URL": server.url, "CCA_USER": "supervisor", "CCA_PASSWORD": "secret"}
    result = subprocess.run(
        [sys.executable, "-I", str(program)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "1 Ann\n2 Bob\n"
    assert server.logins == 1  # the first call had no token


def test_the_clients_type_check_in_strict_mode(tmp_path: Path) -> None:
    mypy_api = pytest.importorskip("mypy.api")
    names = ["cca_client.py", "cca_async_client.py"]
    for name in names:
        (tmp_path / name).write_text(PROGRAMS[name], encoding="utf-8")
    out, err, status = mypy_api.run(["--strict", *(str(tmp_path / name) for name in names)])
    assert (status, err) == (0, ""), out
    assert out == "Success: no issues found in 2 source files\n"


# --- the sync client, step by step


@pytest.fixture
def sync_client(server: CcaWebApiServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    module = load_program("cca_client.py")
    waits: list[float] = []
    monkeypatch.setattr(module.CcaWebApi.get.retry, "sleep", waits.append)
    client = module.CcaWebApi(server.url, "supervisor", "secret")
    client.waits = waits
    yield client
    client.session.close()


def test_the_client_logs_in_on_demand_and_again_when_the_token_expires(
    server: CcaWebApiServer, sync_client: Any
) -> None:
    assert sync_client.get("agents") == AGENTS
    assert (server.logins, server.agents_calls) == (1, 2)
    assert sync_client.get("agents") == AGENTS
    assert (server.logins, server.agents_calls) == (1, 3)
    server.expire_tokens()
    assert sync_client.get("agents") == AGENTS
    assert (server.logins, server.agents_calls) == (2, 5)
    assert sync_client.waits == []


def test_the_client_retries_a_loading_cache_with_backoff(
    server: CcaWebApiServer, sync_client: Any
) -> None:
    assert sync_client.get("agents") == AGENTS  # logs in
    server.busy_for(2)
    assert sync_client.get("agents") == AGENTS
    assert (server.logins, server.agents_calls) == (1, 5)
    assert sync_client.waits == [0.5, 1.0]


def test_the_client_gives_up_after_four_attempts(server: CcaWebApiServer, sync_client: Any) -> None:
    assert sync_client.get("agents") == AGENTS  # logs in
    server.busy_for(10)
    with pytest.raises(errors.CacheLoading):
        sync_client.get("agents")
    assert server.agents_calls == 2 + 4
    assert sync_client.waits == [0.5, 1.0, 2.0]


def test_refused_credentials_raise_access_denied_at_once(server: CcaWebApiServer) -> None:
    module = load_program("cca_client.py")
    client = module.CcaWebApi(server.url, "supervisor", "wrong")
    with pytest.raises(errors.AccessDenied):
        client.get("agents")
    assert (server.logins, server.agents_calls) == (0, 1)
    client.session.close()


def test_an_unknown_route_is_not_an_envelope(server: CcaWebApiServer, sync_client: Any) -> None:
    with pytest.raises(EnvelopeError) as caught:
        sync_client.get("no-such-route")
    assert caught.value.status_code == 404


# --- the async client


def test_the_async_client(server: CcaWebApiServer, monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_program("cca_async_client.py")
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr(module.AsyncCcaWebApi.get.retry, "sleep", sleep)

    async def scenario() -> None:
        client = module.AsyncCcaWebApi(server.url, "supervisor", "secret")
        try:
            assert await client.get("agents") == AGENTS
            assert server.logins == 1
            server.expire_tokens()
            server.busy_for(1)
            assert await client.get("agents") == AGENTS
            assert server.logins == 2
            server.busy_for(10)
            with pytest.raises(errors.CacheLoading):
                await client.get("agents")
        finally:
            await client.aclose()

    asyncio.run(scenario())
    assert waits == [0.5, 0.5, 1.0, 2.0]


def test_the_measuring_program_runs(capsys: pytest.CaptureFixture[str]) -> None:
    module = load_program("measure_hook.py")
    module.measure(sizes=(2, 3), repeat=1, volume=1)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in lines] == [
        "2 agents",
        "3 agents",
        "1",  # "1,000 agents with a ResultCode field"
    ]
    assert all("hook" in line and "response.json()" in line for line in lines)


# --- tenacity with is_retryable, on a real session


def _flaky(server: CcaWebApiServer, key: str, code: int, failures: int) -> Callable[[], Any]:
    session = requests.Session()
    session.hooks["response"].append(requests_hook)
    url = f"{server.url}/flaky/{key}?code={code}&failures={failures}"

    def call() -> Any:
        return from_response(session.get(url, timeout=10)).raise_for_result()

    return call


def _retrying() -> Retrying:
    return Retrying(
        retry=retry_if_exception(is_retryable),
        stop=stop_after_attempt(5),
        wait=wait_none(),
        reraise=True,
    )


def test_tenacity_retries_a_retryable_code_until_it_succeeds(server: CcaWebApiServer) -> None:
    retrying = _retrying()
    assert retrying(_flaky(server, "busy", 10001, 2)) == {"Attempts": 3}
    assert retrying.statistics["attempt_number"] == 3


def test_tenacity_does_not_retry_a_code_that_will_not_change(server: CcaWebApiServer) -> None:
    retrying = _retrying()
    with pytest.raises(errors.UnknownToken):
        retrying(_flaky(server, "token", 102, 2))
    assert retrying.statistics["attempt_number"] == 1


def test_tenacity_does_not_retry_an_unknown_code(server: CcaWebApiServer) -> None:
    retrying = _retrying()
    with pytest.raises(CcaApiError) as caught:
        retrying(_flaky(server, "unknown", 199, 2))
    assert type(caught.value) is errors.GeneralError
    assert retrying.statistics["attempt_number"] == 1
