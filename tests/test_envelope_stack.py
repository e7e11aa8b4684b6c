"""Deep input in a thread with a 128 KiB stack (musl's default): refused, never a crash.

Each check runs in a subprocess, so that a crash fails the test instead of killing the run,
on this interpreter and on every other Python 3.10 to 3.13 found on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cca_result_codes

PACKAGE_PARENT = str(Path(cca_result_codes.__file__).resolve().parents[1])

SCRIPT = r"""
import threading
from cca_result_codes import EnvelopeError, from_response
from cca_result_codes.envelope import MAX_DEPTH

assert MAX_DEPTH == 100, MAX_DEPTH
outcomes = []

def nested(depth, opener="[", closer="]"):
    inner = depth - 1
    return '{"StatusCode": 200, "Response": ' + opener * inner + closer * inner + "}"

def objects(depth):
    inner = depth - 1
    return '{"StatusCode": 200, "Response": ' + '{"a": ' * inner + "1" + "}" * inner + "}"

def parse_all():
    # ~50 levels of payload, and the limit itself, on the plain and the slow (\u) paths.
    for text in (nested(52), objects(52), nested(100), objects(100),
                 objects(100).replace('"a"', '"\\u0061"'),
                 objects(100).replace('"a"', '"Error"')):
        outcomes.append(from_response(text).ok)
        outcomes.append(from_response(text.encode()).ok)
    for text in ("[" * 1000, "[" * 100_000 + "]" * 100_000, nested(101), objects(5000),
                 '{"a":' * 100_000, objects(5000).replace('"a"', '"\\u0061"')):
        try:
            from_response(text)
        except EnvelopeError as error:
            outcomes.append(str(error))

threading.stack_size(128 * 1024)
thread = threading.Thread(target=parse_all)
thread.start()
thread.join()
assert outcomes[:12] == [True] * 12, outcomes
refused = "the JSON is nested too deeply to read (more than 100 levels)"
assert outcomes[12:] == [refused] * 6, outcomes
print("ok")
"""


def _interpreters() -> list[str]:
    found = [sys.executable]
    if "mutmut" in sys.modules:
        return found  # the mutated package imports mutmut, which only this interpreter has
    for minor in range(10, 14):
        path = shutil.which(f"python3.{minor}")
        if path is None:
            continue
        probe = subprocess.run([path, "-c", "pass"], capture_output=True, check=False)
        if probe.returncode == 0:  # a pyenv shim answers only for the versions it is given
            found.append(path)
    return found


@pytest.mark.parametrize("python", _interpreters())
def test_deep_input_in_a_small_stack_thread_is_refused_not_a_crash(python: str) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": PACKAGE_PARENT}
    if "PYENV_VERSION" in os.environ:
        env["PYENV_VERSION"] = os.environ["PYENV_VERSION"]
    result = subprocess.run(
        [python, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")
