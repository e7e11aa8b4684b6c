"""The TypeScript export compiles with a real tsc, and its type guard behaves.

tsc is found through the TSC environment variable, else on PATH. Without it
these tests skip, unless CCA_REQUIRE_TSC=1 (as .ci/run sets), when they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cca_result_codes import Category, ResultCode
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


def find_tsc() -> str:
    tsc = os.environ.get("TSC") or shutil.which("tsc")
    if tsc:
        return tsc
    if os.environ.get("CCA_REQUIRE_TSC") == "1":
        pytest.fail("CCA_REQUIRE_TSC=1 but no tsc: set TSC or put tsc on PATH")
    pytest.skip("no TypeScript compiler: set TSC or put tsc on PATH (npm install typescript)")


def tsc_run(tmp_path: Path, usage: str, *flags: str) -> subprocess.CompletedProcess[str]:
    tsc = find_tsc()
    (tmp_path / "cca-result-codes.ts").write_text(to_typescript(), encoding="utf-8")
    (tmp_path / "usage.ts").write_text(usage, encoding="utf-8")
    return subprocess.run(
        [tsc, "--strict", *flags, "usage.ts", "cca-result-codes.ts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)},
        timeout=300,
    )


def test_the_export_compiles_with_a_usage_file(tmp_path: Path) -> None:
    result = tsc_run(tmp_path, USAGE, "--noEmit")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_export_compiles_under_stricter_options(tmp_path: Path) -> None:
    result = tsc_run(tmp_path, USAGE, "--noEmit", *STRICTER)
    assert result.returncode == 0, result.stdout + result.stderr


def test_tsc_rejects_a_code_the_enum_lacks(tmp_path: Path) -> None:
    bad = USAGE + "export const wrong: ResultCode = 127;\n"
    result = tsc_run(tmp_path, bad, "--noEmit")
    assert result.returncode != 0
    assert "usage.ts" in result.stdout
    assert "127" in result.stdout


GUARD_CASES: list[tuple[Any, bool]] = [
    ({"ResultCode": 102, "Error": ""}, True),
    ({"ResultCode": 102}, True),
    ({"ResultCode": 0, "Error": None}, True),
    ({"ResultCode": -(2**31), "Error": "x"}, True),
    ({"ResultCode": 2**31 - 1}, True),
    ({"ResultCode": 2**31}, False),
    ({"ResultCode": -(2**31) - 1}, False),
    ({"ResultCode": 1.5}, False),
    ({"ResultCode": "102"}, False),
    ({"ResultCode": 102, "Error": 5}, False),
    ({"ResultCode": 102, "Extra": 1}, False),
    ({"Error": ""}, False),
    ({"Agents": []}, False),
    ({}, False),
    ([{"ResultCode": 102}], False),
    (None, False),
    (102, False),
    ("ResultCode", False),
]


def test_the_type_guard_tells_the_result_shape_from_a_payload(tmp_path: Path) -> None:
    if shutil.which("node") is None:  # tsc itself runs on node
        pytest.skip("node is not on PATH")
    cases = json.dumps([value for value, _ in GUARD_CASES])
    runner = (
        'import { isCcaErrorResponse } from "./cca-result-codes";\n'
        f"const cases: unknown[] = {cases};\n"
        "console.log(JSON.stringify(cases.map((value) => isCcaErrorResponse(value))));\n"
    )
    result = tsc_run(tmp_path, runner, "--module", "commonjs", "--outDir", "out")
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp_path / "out" / "package.json").write_text('{"type": "commonjs"}', encoding="utf-8")
    ran = subprocess.run(
        ["node", "out/usage.js"], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert json.loads(ran.stdout) == [expected for _, expected in GUARD_CASES]


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
