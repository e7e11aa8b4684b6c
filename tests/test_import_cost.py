"""Importing the package stays cheap: no json, dataclasses, typing or argparse."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FORBIDDEN = ["json", "dataclasses", "typing", "argparse"]


def _loaded_by(module: str) -> list[str]:
    """The modules that importing *module* loads, in a fresh interpreter."""
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        f"import {module}\n"
        "print(sorted(set(sys.modules) - before))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    loaded: list[str] = json.loads(result.stdout.replace("'", '"'))
    assert module in loaded
    return loaded


@pytest.mark.parametrize(
    "module",
    [
        "cca_result_codes",
        "cca_result_codes.envelope",
        "cca_result_codes.legacy",
        "cca_result_codes.errors",
        "cca_result_codes.hooks",
    ],
)
def test_import_loads_none_of_the_heavy_modules(module: str) -> None:
    loaded = _loaded_by(module)
    assert [name for name in FORBIDDEN if name in loaded] == []


def test_the_package_loads_the_table_and_nothing_else_of_its_own() -> None:
    loaded = _loaded_by("cca_result_codes")
    own = sorted(name for name in loaded if name.startswith("cca_result_codes."))
    assert own == ["cca_result_codes.codes"]


def test_the_categories_load_on_first_use() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, cca_result_codes\n"
            "assert 'cca_result_codes.categories' not in sys.modules\n"
            "print(cca_result_codes.ResultCode.UnknownToken.category.label)\n"
            "print('cca_result_codes.categories' in sys.modules)\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "general errors\nTrue\n"


def test_the_versions_load_on_the_first_read_of_since() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, cca_result_codes\n"
            "assert 'cca_result_codes.versions' not in sys.modules\n"
            "code = cca_result_codes.ResultCode.TooMuchData\n"
            "print(repr(code.since), 'since' in vars(code))\n"
            "print('cca_result_codes.versions' in sys.modules)\n"
            "print(repr(cca_result_codes.ResultCode.Success.since))\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "ServerVersion(5, 4, 8, 0) True\nTrue\nServerVersion(5, 4, 6, 0)\n"


def test_the_hooks_load_neither_requests_nor_httpx() -> None:
    loaded = _loaded_by("cca_result_codes.hooks")
    assert "cca_result_codes.errors" in loaded  # the check above sees what it claims to
    assert [name for name in loaded if name.split(".")[0] in ("requests", "httpx")] == []


def test_parsing_text_loads_json_on_first_use() -> None:
    code = (
        "import sys, cca_result_codes\n"
        "assert 'json' not in sys.modules\n"
        'cca_result_codes.from_response(\'{"StatusCode": 200, "Response": 1}\')\n'
        "print('json' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"


def test_lazy_names_resolve_and_unknown_names_raise() -> None:
    import cca_result_codes

    for name in cca_result_codes.__all__:
        assert getattr(cca_result_codes, name) is not None
        assert name in dir(cca_result_codes)
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        cca_result_codes.nothing_here  # noqa: B018 -- the access is the test


def test_legacy_module_loads_on_first_access(monkeypatch: pytest.MonkeyPatch) -> None:
    import cca_result_codes
    from cca_result_codes import legacy

    # As in a fresh process, where no other module has imported legacy yet.
    monkeypatch.delattr(cca_result_codes, "legacy")
    assert cca_result_codes.legacy is legacy


@pytest.mark.parametrize(
    "name", ["from_response", "GeneralError", "LegacyCodeError", "is_retryable"]
)
def test_a_lazy_name_loads_once_and_is_kept(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    import importlib

    import cca_result_codes

    expected = getattr(cca_result_codes, name)
    home = importlib.import_module(expected.__module__)
    monkeypatch.delitem(vars(cca_result_codes), name)
    assert getattr(cca_result_codes, name) is getattr(home, name)
    assert vars(cca_result_codes)[name] is expected


def test_the_modules_the_package_once_loaded_are_still_its_attributes() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import cca_result_codes\n"
            "print(cca_result_codes.categories.Category.QUOTA.label)\n"
            "print(cca_result_codes.legacy.to_current(712).name)\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "quota errors\nListenInNoActiveConversationFound\n"
