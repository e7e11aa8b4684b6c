"""Measure cca-result-codes beside the standard library and its nearest peer, as ratios.

Run it with ``python benchmarks/run.py`` (add ``--quick`` for a short run);
the peer row needs the bench extra: ``python -m pip install -e '.[bench]'``.
Each line times our operation and a reference side by side, alternating
them, and prints the median of the per-round ratios. Timings vary between
machines; ratios taken in the same run are what to compare. No test asserts
any of this.

The limits are a regression guard, not a race: a ratio over its limit prints
OVER and the run exits 1. Five are the standing limits on CPython 3.11:

- the failure path, ``from_response(r).raise_for_result()``, at most 1.0 of
  google-api-core's, so that it stays ahead of its peer;
- ``from_response(text)`` at most 1.5 of ``json.loads``;
- ``from_response(dict)`` at most 0.7 of ``json.loads`` of the same text;
- ``import cca_result_codes`` at most 1.3 of ``import http``;
- ``cca-codes 102`` at most 1.5 of ``python -c "import http"``.

Every shortcut the readers keep for speed names the row that shows it pays,
in a ``## HACK`` comment where it stands.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import timeit
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING

import cca_result_codes
from cca_result_codes import ApiResponse, Category, CcaApiError, ResultCode, from_response, legacy

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_TEXT = (ROOT / "spec" / "envelope-example.json").read_text(encoding="utf-8")
EXAMPLE_DICT = json.loads(EXAMPLE_TEXT)
PLAIN_DICT = {member.value: member for member in ResultCode}
PACKAGE_PARENT = str(Path(cca_result_codes.__file__).resolve().parents[1])
EXAMPLE_URL = "http://cca.example/CcaWebApi/agents"

# The standing limits (see the module docstring): ours over the reference, at most.
FAILURE_PATH_LIMIT = 1.0
TEXT_LIMIT = 1.5
DICT_LIMIT = 0.7
IMPORT_LIMIT = 1.3
CLI_LIMIT = 1.5


def example_requests_response() -> object:
    """A real ``requests.Response`` carrying the vendor's example: 401, code 102."""
    import requests

    response = requests.Response()
    response.status_code = 401
    response._content = EXAMPLE_TEXT.encode()
    response.encoding = "utf-8"
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    response.url = EXAMPLE_URL
    response.request = requests.Request("GET", EXAMPLE_URL).prepare()
    return response


def ours_failure_path(response: object) -> None:
    with contextlib.suppress(CcaApiError):
        from_response(response).raise_for_result()


def ours_raise_only(reply: ApiResponse) -> None:
    with contextlib.suppress(CcaApiError):
        reply.raise_for_result()


def peer_failure_path(response: object) -> None:
    from google.api_core import exceptions

    with contextlib.suppress(exceptions.GoogleAPICallError):
        raise exceptions.from_http_response(response)


@dataclass
class Measure:
    name: str
    reference: str
    limit: float | None  # the largest acceptable ratio; None means "report it"
    ours_ns: float
    reference_ns: float
    ratio: float

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return "reported"
        return "within" if self.ratio <= self.limit else "OVER"


def per_call_ns(statement: str, namespace: dict[str, object], number: int) -> float:
    return timeit.timeit(statement, globals=namespace, number=number) / number * 1e9


def compare(
    name: str,
    ours: str,
    reference: str,
    limit: float | None,
    rounds: int,
    number: int,
) -> Measure:
    namespace: dict[str, object] = {
        "ResultCode": ResultCode,
        "HTTPStatus": HTTPStatus,
        "Category": Category,
        "legacy": legacy,
        "from_response": from_response,
        "json": json,
        "EXAMPLE_TEXT": EXAMPLE_TEXT,
        "EXAMPLE_DICT": EXAMPLE_DICT,
        "PLAIN_DICT": PLAIN_DICT,
        "ours_failure_path": ours_failure_path,
        "peer_failure_path": peer_failure_path,
    }
    if "RESPONSE" in ours or "REPLY" in ours:
        namespace["RESPONSE"] = example_requests_response()
        namespace["REPLY"] = from_response(namespace["RESPONSE"])
        namespace["ours_raise_only"] = ours_raise_only
    per_call_ns(ours, namespace, number // 10)  # warm up caches and lazy imports
    per_call_ns(reference, namespace, number // 10)
    label = reference.replace("PLAIN_DICT", "dict").replace("EXAMPLE_TEXT", "text")
    if "peer_failure_path" in reference:
        label = "google-api-core from_http_response"
    return compare_callables(
        name,
        label,
        limit,
        rounds,
        lambda: per_call_ns(ours, namespace, number),
        lambda: per_call_ns(reference, namespace, number),
    )


def user_environment(**extra: str) -> dict[str, str]:
    """This environment as a user's shell has it: bytecode is cached, as an install's is."""
    env = dict(os.environ, **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def import_time_us(module: str) -> float:
    """Cumulative import time of *module* in a fresh ``python -S -X importtime``."""
    result = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-c", f"import {module}"],
        env=user_environment(PYTHONPATH=PACKAGE_PARENT),
        capture_output=True,
        text=True,
        check=True,
    )
    pattern = re.compile(rf"^import time:\s+\d+ \|\s+(\d+) \| {re.escape(module)}$", re.M)
    found = pattern.search(result.stderr)
    if found is None:
        raise RuntimeError(f"no import time for {module} in:\n{result.stderr}")
    return float(found[1])


def wall_time_ns(command: list[str]) -> float:
    env = user_environment()
    start = time.perf_counter_ns()
    subprocess.run(command, capture_output=True, check=False, env=env)
    return float(time.perf_counter_ns() - start)


def compare_callables(
    name: str,
    reference: str,
    limit: float | None,
    rounds: int,
    ours: Callable[[], float],
    theirs: Callable[[], float],
) -> Measure:
    """Alternate the two measures for *rounds*; report medians and the median ratio."""
    ours_values: list[float] = []
    reference_values: list[float] = []
    for round_number in range(rounds):
        pair = [(ours, ours_values), (theirs, reference_values)]
        for measure, sink in pair if round_number % 2 else reversed(pair):
            sink.append(measure())
    ratios = [a / b for a, b in zip(ours_values, reference_values, strict=True)]
    return Measure(
        name,
        reference,
        limit,
        statistics.median(ours_values),
        statistics.median(reference_values),
        statistics.median(ratios),
    )


def run(quick: bool) -> list[Measure]:
    rounds = 7 if quick else 25
    number = 20_000 if quick else 200_000
    measures = [
        compare("ResultCode(102)", "ResultCode(102)", "HTTPStatus(404)", 1.10, rounds, number),
        compare(
            "ResultCode.UnknownToken.description",
            "ResultCode.UnknownToken.description",
            "HTTPStatus.NOT_FOUND.phrase",
            1.10,
            rounds,
            number,
        ),
        # Against the standard library's own lookup on an Enum class: on 3.10 and 3.11 any
        # attribute of an Enum class costs several times a dict.get (EnumType.__getattr__).
        compare(
            "ResultCode.get(102)",
            "ResultCode.get(102)",
            "HTTPStatus._value2member_map_.get(404)",
            1.5,
            rounds,
            number,
        ),
        compare(
            "Category.of(711)",
            "Category.of(711)",
            "HTTPStatus._value2member_map_.get(404)",
            1.5,
            rounds,
            number,
        ),
        compare(
            "legacy.to_current(711)",
            "legacy.to_current(711)",
            "PLAIN_DICT.get(711)",
            3.0,
            rounds,
            number,
        ),
        compare(
            "from_response(dict)",
            "from_response(EXAMPLE_DICT)",
            "json.loads(EXAMPLE_TEXT)",
            DICT_LIMIT,
            rounds,
            number // 4,
        ),
        compare(
            "from_response(text)",
            "from_response(EXAMPLE_TEXT)",
            "json.loads(EXAMPLE_TEXT)",
            TEXT_LIMIT,
            rounds,
            number // 4,
        ),
    ]
    if peer_available():
        measures.append(
            compare(
                "from_response(r).raise_for_result()",
                "ours_failure_path(RESPONSE)",
                "peer_failure_path(RESPONSE)",
                FAILURE_PATH_LIMIT,
                rounds,
                number // 8,
            )
        )
        # The failure path in its two halves, each against the whole of the peer's: reported.
        measures += [
            compare(
                "  of which from_response(r)",
                "from_response(RESPONSE)",
                "peer_failure_path(RESPONSE)",
                None,
                rounds,
                number // 8,
            ),
            compare(
                "  of which .raise_for_result(), caught",
                "ours_raise_only(REPLY)",
                "peer_failure_path(RESPONSE)",
                None,
                rounds,
                number // 8,
            ),
        ]
    measures.append(bulk_translation(7 if quick else 11, 100_000 if quick else 1_000_000))
    process_rounds = 5 if quick else 21
    # Warm the bytecode caches so that neither side pays for compiling.
    import_time_us("cca_result_codes")
    import_time_us("http")
    measures.append(
        compare_callables(
            "import cca_result_codes (us)",
            "import http",
            IMPORT_LIMIT,
            process_rounds,
            lambda: import_time_us("cca_result_codes"),
            lambda: import_time_us("http"),
        )
    )
    script = Path(sys.executable).with_name("cca-codes")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cca_result_codes"]
    # Warm the bytecode caches of everything the command loads, as for import time above.
    wall_time_ns([*command, "102"])
    wall_time_ns([sys.executable, "-c", "import http"])
    measures.append(
        compare_callables(
            "cca-codes 102 wall time",
            'python -c "import http"',
            CLI_LIMIT,
            process_rounds,
            lambda: wall_time_ns([*command, "102"]),
            lambda: wall_time_ns([sys.executable, "-c", "import http"]),
        )
    )
    measures += migrate_measures(command, quick)
    return measures


def bulk_translation(rounds: int, count: int) -> Measure:
    """legacy.translate_all() over *count* stored strings, against a dict.get per value.

    The strings are what a CSV column of old codes holds: every old number that
    translates, with about one value in ten blank, garbage, a hole or too large.
    The dict is prepared in advance, as a user's own mapping would be.
    """
    import random

    translatable = [str(number) for number in legacy.CURRENT_BY_LEGACY]
    untranslatable = ["", " ", "abc", "-1", "709", "125", "99999999999", " 712 "]
    chooser = random.Random(19)
    values = [
        chooser.choice(untranslatable if chooser.random() < 0.1 else translatable)
        for _ in range(count)
    ]
    prepared = {value: legacy.translate(value) for value in set(values)}

    def ours() -> float:
        start = time.perf_counter_ns()
        list(legacy.translate_all(values))
        return (time.perf_counter_ns() - start) / count

    def reference() -> float:
        start = time.perf_counter_ns()
        [prepared.get(value) for value in values]
        return (time.perf_counter_ns() - start) / count

    return compare_callables(
        f"legacy.translate_all, {count:,} str",
        "[m.get(v) for v in values]",
        2.0,
        rounds,
        ours,
        reference,
    )


# --- cca-codes migrate (issue 19): a 1M-row CSV against the csv module's own copy

CSV_COPY = """
import csv, sys
with open(sys.argv[1], newline="") as old, open(sys.argv[2], "w", newline="") as new:
    csv.writer(new).writerows(csv.reader(old))
"""


def write_stored_codes(path: Path, rows: int) -> None:
    """A CSV of *rows* stored codes, 4 columns, about 10% of them untranslatable."""
    import random

    draw = random.Random(19)
    good = ["0", "3", "102", "712", "710", "811", "200", "1001", "10000", " 712 "]
    bad = ["", "abc", "709", "125", "99999999999", "-1"]
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("call_id,agent,result,duration\n")
        for start in range(0, rows, 10_000):
            file.write(
                "".join(
                    f"{number},agent{number % 97},"
                    f"{draw.choice(bad) if draw.random() < 0.1 else draw.choice(good)},"
                    f"{draw.randrange(1000)}\n"
                    for number in range(start, min(start + 10_000, rows))
                )
            )


def peak_rss_kib(command: list[str]) -> float:
    """The peak resident memory of *command*'s process, in KiB (Linux's ru_maxrss)."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=user_environment()
    )
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped above
    return float(usage.ru_maxrss)


def migrate_measures(command: list[str], quick: bool) -> list[Measure]:
    import tempfile

    rows = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "stored.csv"), Path(folder, "out.csv")
        write_stored_codes(source, rows)
        ours = [*command, "migrate", "--column", "result", str(source), "-o", str(target)]
        copy = [sys.executable, "-c", CSV_COPY, str(source), str(target)]
        speed = compare_callables(
            f"cca-codes migrate, {rows // 1000}k-row CSV",
            "csv.reader -> csv.writer copy",
            1.3,
            3 if quick else 7,
            lambda: wall_time_ns(ours),
            lambda: wall_time_ns(copy),
        )
        small, large = Path(folder, "small.csv"), Path(folder, "large.csv")
        write_stored_codes(small, 10_000 if quick else 100_000)
        write_stored_codes(large, 400_000 if quick else 4_000_000)
        to_stdout = [*command, "migrate", "--column", "result"]  # into /dev/null
        small_kib = peak_rss_kib([*to_stdout, str(small)])
        large_kib = peak_rss_kib([*to_stdout, str(large)])
    # Not a ratio: how many MB more the large file takes; the target is 10 MB.
    growth = Measure(
        f"  migrate peak RSS, {'400k' if quick else '4M'} rows (KiB)",
        f"{'10k' if quick else '100k'} rows; ratio column: MB more",
        10.0,
        large_kib,
        small_kib,
        (large_kib - small_kib) / 1024,
    )
    return [speed, growth]


def peer_available() -> bool:
    """Whether google-api-core and requests are installed (the bench extra)."""
    from importlib.util import find_spec

    try:  # find_spec() of a submodule imports its parent, which may be missing
        return find_spec("google.api_core") is not None and find_spec("requests") is not None
    except ModuleNotFoundError:
        return False


def report(measures: list[Measure]) -> str:
    lines = [
        f"Python {platform.python_version()} ({platform.python_implementation()}),"
        f" {platform.machine()}, {os.cpu_count()} CPUs",
        "",
        f"{'measure':<38} {'reference':<40} {'ours':>9} {'ref':>9} {'ratio':>6}"
        f" {'limit':>7}  verdict",
    ]
    for measure in measures:
        limit = "-" if measure.limit is None else f"<= {measure.limit:.2f}"
        lines.append(
            f"{measure.name:<38} {measure.reference:<40}"
            f" {measure.ours_ns:>9.0f} {measure.reference_ns:>9.0f}"
            f" {measure.ratio:>6.2f} {limit:>7}  {measure.verdict}"
        )
    lines += [
        "",
        "ours and ref are medians: nanoseconds per call, microseconds of cumulative",
        "import time, or nanoseconds of wall time per process.",
    ]
    if not peer_available():
        lines.append("The google-api-core row needs: python -m pip install -e '.[bench]'")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke test")
    options = parser.parse_args()
    measures = run(options.quick)
    print(report(measures))
    return 0 if all(measure.verdict != "OVER" for measure in measures) else 1


if __name__ == "__main__":
    sys.exit(main())
