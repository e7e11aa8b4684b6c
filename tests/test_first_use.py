"""What the package builds on first use is whole when another thread first sees it.

The name index of ``ResultCode.from_name()``, the categories behind
``ResultCode.category``, the versions behind ``ResultCode.since`` and the
package's lazy attributes are made on first use. A thread that arrives
while another is building must never see half of it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from cca_result_codes import ResultCode, _names, codes

# Written out: the last member of the vendor's table, so a half-built index lacks it.
LAST_NAME = "CcaTimeout"


@pytest.fixture
def unbuilt_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the name index, as a fresh interpreter has none."""
    monkeypatch.setattr(codes, "_member_by_folded_name", None)


@pytest.mark.usefixtures("unbuilt_index")
def test_a_lookup_during_the_build_sees_a_whole_index(monkeypatch: pytest.MonkeyPatch) -> None:
    # Another thread's lookup, run while the first is halfway through folding the names.
    fold = _names.fold_name
    found: list[ResultCode] = []
    calls = 0

    def fold_and_interleave(text: str) -> str:
        nonlocal calls
        calls += 1
        if calls == 50:
            found.append(ResultCode.from_name(LAST_NAME))
        return fold(text)

    monkeypatch.setattr(_names, "fold_name", fold_and_interleave)
    assert ResultCode.from_name("unknown_token") is ResultCode.UnknownToken
    assert found == [ResultCode.CcaTimeout]


RACE = """
import sys, threading
sys.setswitchinterval(1e-6)
from cca_result_codes import ResultCode
import cca_result_codes as package

names = [member.name for member in ResultCode] * 2
barrier = threading.Barrier(32)
failures = []

def look_up(index):
    barrier.wait()
    try:
        name = names[index * 7 % len(names)]
        assert ResultCode.from_name(name.lower()).name == name
        assert ResultCode[name].category.name == package.Category.of(ResultCode[name]).name
        assert ResultCode[name].since >= package.ServerVersion(5, 4, 6)
        assert type(ResultCode[name].since) is package.versions.ServerVersion
        assert package.errors.CcaApiError.for_code(ResultCode[name]) is not None
    except BaseException as error:
        failures.append(repr(error))

threads = [threading.Thread(target=look_up, args=(i,)) for i in range(32)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(len(failures), failures[:3])
"""


@pytest.mark.parametrize("attempt", range(3))
def test_threads_racing_on_first_use_in_a_fresh_interpreter(attempt: int) -> None:
    # 32 threads behind a barrier, switching every microsecond: the first lookups by name,
    # the first category and since reads and the first package attribute all race.
    result = subprocess.run(
        [sys.executable, "-c", RACE], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout == "0 []\n", (attempt, result.stdout, result.stderr)


# Every module that the API reference documents, reached as an attribute in a fresh interpreter.
SUBMODULES = ["auth", "categories", "codes", "envelope", "errors", "exports", "hooks"]
SUBMODULES_TOO = ["legacy", "response", "retrying", "testing", "versions"]


@pytest.mark.parametrize("name", SUBMODULES + SUBMODULES_TOO)
def test_every_documented_module_is_a_package_attribute_from_the_start(name: str) -> None:
    code = (
        "import sys, cca_result_codes as c\n"
        f"module = c.{name}\n"
        f"print(module.__name__, module is sys.modules['cca_result_codes.{name}'])"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == f"cca_result_codes.{name} True\n"
