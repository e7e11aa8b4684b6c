"""The TypeScript export compiles with a real tsc, and its type guard agrees with the parser.

tsc is found through the TSC environment variable, else on PATH. TSC may name
several compilers, separated by os.pathsep (``/a/tsc:/b/tsc``): every compile
test runs with each, as .ci/run does with TypeScript 5 and the newest. Without
any tsc these tests skip, unless CCA_REQUIRE_TSC=1 (as .ci/run sets), when
they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import Category, EnvelopeError, ResultCode, from_response
from cca_result_codes.cli import main
from cca_result_codes.exports import render, to_typescript
from vendor_table import read_rows

ROWS = read_rows()
STRICTER = [
    "--noUncheckedIndexedAccess",
    "--exactOptionalPropertyTypes",
    "--noImplicitReturns",
    "--noUnusedLocals",
    "--noUnusedParameters",
    "--noPropertyAccessFromIndexSignature",
    "--isolatedModules",
]

USAGE = """\
import { Category, ResultCode, isCcaErrorResponse } from "./cca-result-codes";
import type { CcaEnvelope, CcaErrorResponse } from "./cca-result-codes";

interface Agents {
  Agents: string[];
}

const failure: CcaEnvelope<Agents> = {
  Request: { Method: "GET", Url: "http://cca.example/CcaWebApi/agents" },
  Version: "5.4.6.1",
  StatusCode: 401,
  Response: { ResultCode: ResultCode.UnknownToken, Error: "" },
};
const success: CcaEnvelope<Agents> = { StatusCode: 200, Response: { Agents: ["a"] } };
const unknown: CcaErrorResponse = { ResultCode: 127 };

export function describe(envelope: CcaEnvelope<Agents>): string {
  if (isCcaErrorResponse(envelope.Response)) {
    const code: number = envelope.Response.ResultCode;
    return code === ResultCode.UnknownToken ? "log in again" : String(code);
  }
  return envelope.Response.Agents.join(",");
}

const category: Category = Category.LISTEN_IN;
export const seen = [describe(failure), describe(success), unknown.ResultCode, category];
"""


def named_compilers() -> list[str]:
    """The compilers TSC names, in order; else tsc on PATH; else none."""
    named = [path for path in os.environ.get("TSC", "").split(os.pathsep) if path]
    if named:
        return named
    on_path = shutil.which("tsc")
    return [on_path] if on_path else []


COMPILERS = named_compilers()


def find_tsc(tsc: str | None = None) -> str:
    if tsc:
        return tsc
    if COMPILERS:
        return COMPILERS[0]
    if os.environ.get("CCA_REQUIRE_TSC") == "1":
        pytest.fail("CCA_REQUIRE_TSC=1 but no tsc: set TSC or put tsc on PATH")
    pytest.skip("no TypeScript compiler: set TSC or put tsc on PATH (npm install typescript)")


# Each test that compiles runs once per compiler; with none, once, to skip or fail.
each_tsc = pytest.mark.parametrize("tsc", COMPILERS or [None], ids=str)

# What docs/exports.md says code that awaits needs: async functions need the Promise
# constructor, which TypeScript 5's default target (ES5) lacks.
DOCS_FLAGS = ("--target", "es2017")


def tsc_run(
    tmp_path: Path, usage: str, *flags: str, tsc: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Compile *usage* beside the export with --strict and *flags*.

    Without *tsc*, the first compiler, and the flags docs/exports.md gives for its example.
    """
    compiler = find_tsc(tsc)
    if tsc is None:
        flags = (*DOCS_FLAGS, *flags)
    (tmp_path / "cca-result-codes.ts").write_text(to_typescript(), encoding="utf-8")
    (tmp_path / "usage.ts").write_text(usage, encoding="utf-8")
    return subprocess.run(
        [compiler, "--strict", *flags, "usage.ts", "cca-result-codes.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)},
        timeout=300,
    )


def tsc_major(tsc: str) -> int:
    shown = subprocess.run(
        [tsc, "--version"], capture_output=True, text=True, check=True, timeout=300
    ).stdout
    found = re.search(r"Version (\d+)\.", shown)
    assert found is not None, shown
    return int(found.group(1))


@each_tsc
def test_the_export_compiles_with_a_usage_file(tmp_path: Path, tsc: str | None) -> None:
    # No --target: the export and this usage need none, under each compiler's default.
    result = tsc_run(tmp_path, USAGE, "--noEmit", tsc=find_tsc(tsc))
    assert result.returncode == 0, result.stdout + result.stderr


@each_tsc
def test_the_export_compiles_under_stricter_options(tmp_path: Path, tsc: str | None) -> None:
    result = tsc_run(tmp_path, USAGE, "--noEmit", *STRICTER, tsc=find_tsc(tsc))
    assert result.returncode == 0, result.stdout + result.stderr


@each_tsc
def test_the_export_needs_no_target_or_lib_beyond_es5(tmp_path: Path, tsc: str | None) -> None:
    compiler = find_tsc(tsc)
    # ES5 is the oldest target TypeScript 5 takes; 6 and later take ES2015 at the oldest.
    target = ["--target", "es5" if tsc_major(compiler) < 6 else "es2015"]
    result = tsc_run(tmp_path, USAGE, "--noEmit", *target, "--lib", "es5", tsc=compiler)
    assert result.returncode == 0, result.stdout + result.stderr


@each_tsc
def test_the_docs_usage_compiles_with_the_target_the_docs_give(
    tmp_path: Path, tsc: str | None
) -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "exports.md").read_text("utf-8")
    (usage,) = re.findall(r"```ts\n(.*?)```", page, flags=re.S)
    assert "--target es2017" in page
    compiler = find_tsc(tsc)
    result = tsc_run(tmp_path, usage, "--noEmit", *DOCS_FLAGS, *STRICTER, tsc=compiler)
    assert result.returncode == 0, result.stdout + result.stderr
    if tsc_major(compiler) == 5:
        # Why the docs name a target: TypeScript 5's default, ES5, has no Promise constructor.
        bare = tsc_run(tmp_path, usage, "--noEmit", tsc=compiler)
        assert "TS2705" in bare.stdout


@each_tsc
def test_tsc_rejects_a_code_the_enum_lacks(tmp_path: Path, tsc: str | None) -> None:
    bad = USAGE + "export const wrong: ResultCode = 127;\n"
    result = tsc_run(tmp_path, bad, "--noEmit", tsc=find_tsc(tsc))
    assert result.returncode != 0
    assert "usage.ts" in result.stdout
    assert "127" in result.stdout


GUARD_CASES: list[tuple[Any, bool]] = [
    ({"ResultCode": 102, "Error": ""}, True),
    ({"ResultCode": 102}, True),
    ({"ResultCode": 0, "Error": None}, True),
    ({"ResultCode": -(2**31), "Error": "x"}, True),
    ({"ResultCode": 2**31 - 1}, True),
    ({"resultCode": 102}, True),
    ({"ResultCode": 1, "error": None}, True),
    ({"RESULTCODE": 3, "ERROR": "e"}, True),
    ({"ResultCode": 1, "resultcode": 2}, True),
    ({"ResultCode": 2**31}, False),
    ({"ResultCode": -(2**31) - 1}, False),
    ({"ResultCode": 1.5}, False),
    ({"ResultCode": "102"}, False),
    ({"ResultCode": "OK"}, False),
    ({"ResultCode": True}, False),
    ({"ResultCode": None}, False),
    ({"ResultCode": 102, "Error": 5}, False),
    ({"ResultCode": 102, "Extra": 1}, False),
    ({"Id": 7, "ResultCode": 0, "Name": "call"}, False),
    ({"resultcode": "x", "ResultCode": 1}, False),
    ({"Error": "a", "error": "b"}, False),
    ({"Error": ""}, False),
    ({"Agents": []}, False),
    ({}, False),
    ([{"ResultCode": 102}], False),
    (None, False),
    (102, False),
    ("ResultCode", False),
]


def start_guard(directory: Path) -> subprocess.Popen[str]:
    """node, answering one JSON line per JSON line with what the compiled export says of it."""
    if shutil.which("node") is None:  # tsc itself runs on node
        if os.environ.get("CCA_REQUIRE_TSC") == "1":
            pytest.fail("CCA_REQUIRE_TSC=1 but node is not on PATH")
        pytest.skip("node is not on PATH")
    (directory / "cca-result-codes.ts").write_text(to_typescript(), encoding="utf-8")
    compiled = subprocess.run(
        [find_tsc(), "--strict", "--module", "commonjs", "--outDir", "out", "cca-result-codes.ts"],
        cwd=directory,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (directory / "out" / "package.json").write_text('{"type": "commonjs"}', encoding="utf-8")
    (directory / "out" / "answer.js").write_text(ANSWER_JS, encoding="utf-8")
    return subprocess.Popen(
        ["node", "out/answer.js"],
        cwd=directory,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


ANSWER_JS = """\
const { isCcaErrorResponse, readCcaResult } = require("./cca-result-codes.js");
const lines = require("readline").createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const response = JSON.parse(line);
  const answer = { guard: isCcaErrorResponse(response) };
  try {
    answer.result = readCcaResult(response) ?? null;
  } catch (error) {
    answer.thrown = error.constructor.name + ": " + error.message;
  }
  process.stdout.write(JSON.stringify(answer) + "\\n");
});
"""


@pytest.fixture(scope="module")
def guard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Any]]:
    """Ask the compiled guard about a ``Response`` given as JSON text."""
    node = start_guard(tmp_path_factory.mktemp("guard"))
    assert node.stdin is not None
    assert node.stdout is not None
    stdin, stdout = node.stdin, node.stdout

    def ask(response_json: str) -> Any:
        stdin.write(response_json + "\n")
        stdin.flush()
        return json.loads(stdout.readline())

    yield ask
    stdin.close()
    node.wait(timeout=60)
    stdout.close()


@pytest.mark.parametrize(("value", "expected"), GUARD_CASES)
def test_the_type_guard_tells_the_result_shape_from_a_payload(
    guard: Callable[[str], Any], value: Any, expected: bool
) -> None:
    assert guard(json.dumps(value))["guard"] is expected


def test_read_result_spells_the_keys_as_the_vendor_does(guard: Callable[[str], Any]) -> None:
    assert guard('{"resultCode": 102}')["result"] == {"ResultCode": 102}
    assert guard('{"ERROR": null, "resultcode": 1}')["result"] == {"ResultCode": 1, "Error": None}
    assert guard('{"RESULTCODE": 3, "error": "e"}')["result"] == {"ResultCode": 3, "Error": "e"}
    assert guard('{"Agents": []}') == {"guard": False, "result": None}
    assert guard('{"ResultCode": 1, "resultCode": 2}') == {
        "guard": True,
        "thrown": 'TypeError: Response has the key "resultCode" twice, in different cases',
    }


# Response values near the result shape: its keys in several cases, and others.
RESULT_KEYS = st.sampled_from(
    ["ResultCode", "resultCode", "RESULTCODE", "resultcode", "Error", "error", "ERROR"]
) | st.text(max_size=12)
# Every JSON number but one with an integral value written with a fraction or exponent,
# which JSON.parse cannot tell from an integer (docs/exports.md says so).
NUMBERS = (
    st.integers()
    | st.sampled_from([0, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1])
    | (
        st.floats(allow_nan=False, allow_infinity=False).filter(
            lambda number: not number.is_integer()
        )
    )
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | NUMBERS | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(RESULT_KEYS, children, max_size=3)
    ),
    max_leaves=6,
)


@given(response=JSON_VALUES | st.dictionaries(RESULT_KEYS, JSON_VALUES, max_size=3))
@example(response={"resultCode": 102})
@example(response={"ResultCode": 1, "error": None})
@example(response={"Id": 7, "ResultCode": 0, "Name": "call"})
@example(response={"ResultCode": "OK"})
@example(response={"ResultCode": 1, "resultcode": 2})
@example(response={"resultcode": "x", "ResultCode": 1})
@example(response={"Error": None, "error": "x"})
@example(response={"ResultCode": 2**31 - 1, "Error": None})
@example(response={"ResultCode": 2**31, "Error": None})
@example(response={"ResultCode": -(2**31), "Error": "e"})
@example(response={"ResultCode": -(2**31) - 1})
@example(response={"ResultCode": 1, "Error": 0})
@example(response={"__proto__": 1, "ResultCode": 1})
@example(response={"\u0130": 1, "ResultCode": 1})
@example(response={"ResultCode": 0.5})
def test_the_guard_and_from_response_agree_on_every_2xx_response(
    guard: Callable[[str], Any], response: Any
) -> None:
    text = json.dumps(response)
    answer = guard(text)
    try:
        reply = from_response(f'{{"StatusCode": 200, "Response": {text}}}')
    except EnvelopeError as error:
        # Only an ambiguous result: the guard calls it the result shape, and reading it throws.
        assert "twice, in different cases" in str(error)
        assert answer["guard"] is True
        assert answer["thrown"].startswith("TypeError: Response has the key ")
        return
    assert answer["guard"] is (reply.raw_code is not None)
    if reply.raw_code is None:
        assert answer["result"] is None
    else:
        assert answer["result"]["ResultCode"] == reply.raw_code
        assert (answer["result"].get("Error") or "") == reply.error


def test_the_command_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "typescript"]) == 0
    assert capsys.readouterr().out == to_typescript() == render("typescript")


def test_every_code_is_an_enum_member_with_its_facts() -> None:
    text = to_typescript()
    members = dict(re.findall(r"^  (\w+) = (\d+),$", text, flags=re.M))
    assert members == {row.name: str(row.code) for row in ROWS}
    for row in ROWS:
        doc = re.search(r"/\*\*\n((?:   \*.*\n)+)   \*/\n  " + row.name + " =", text)
        assert doc is not None, row.name
        lines = doc.group(1)
        assert lines.startswith(
            f"   * {ResultCode[row.name].description}\n   *\n   * Category: {row.label} "
        )
        assert ("Legacy number" in lines) is (row.legacy_code is not None)
        if row.legacy_code is not None:
            assert f"Legacy number: {row.legacy_code} on servers older than 5.4.6." in lines
        assert ("@since" in lines) is (row.since > (5, 4, 6, 0))
        if row.since > (5, 4, 6, 0):
            assert f"@since {'.'.join(map(str, row.since[:3]))}\n" in lines


def test_categories_are_an_enum_of_their_names() -> None:
    found = re.findall(r'^  (\w+) = "(\w+)",$', to_typescript(), flags=re.M)
    assert found == [(category.name, category.name) for category in Category]
    assert "   * listen-in errors: codes 700-799\n" in to_typescript()


def test_the_module_says_it_is_generated() -> None:
    first = to_typescript().splitlines()[0]
    assert first.startswith("// Generated by `cca-codes export --format typescript`")


def test_comment_ends_in_text_are_escaped() -> None:
    from cca_result_codes.exports import (
        _jsdoc,  # pyright: ignore[reportPrivateUsage] -- no table text holds "*/" to test it through
    )

    assert _jsdoc(["a */ b", ""], "  ") == ["  /**", "   * a *\\/ b", "   *", "   */"]


def test_the_module_opens_with_its_header_and_the_enums_docs() -> None:
    lines = to_typescript().splitlines()
    assert lines[:6] == [
        "// Generated by `cca-codes export --format typescript` from the table in"
        " cca-result-codes;",
        "// do not edit by hand: regenerate with that command.",
        "",
        "/**",
        " * The category of a result code: the block of numbers it lies in.",
        " */",
    ]
    start = lines.index("export enum ResultCode {")
    assert lines[start - 6 : start] == [
        "",
        "/**",
        " * A CCA result code, named as the vendor names it.",
        " *",
        " * A server may send a number this enum lacks: read codes as `number`.",
        " */",
    ]
    end = lines.index("/** The request an envelope answers. */")
    assert lines[end - 2 : end] == ["}", ""]
    assert lines[-1] == "}"
