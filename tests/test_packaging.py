"""The built wheel and sdist, the README's commands, and an sdist that runs its own tests.

The tests that build need ``build`` (and ``twine check`` needs ``twine``): both
are in the dev extra, not the test extra, so without them those tests skip.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    setup = README[README.index("## Set up") :]
    return re.findall(r"```console\n(.*?)\n```", setup, flags=re.S)[:2]


def readme_printed_output() -> str:
    found = re.search(r"It prints:\n\n```text\n(.*?)```", README, flags=re.S)
    assert found is not None
    return found[1]


def test_readme_gives_the_two_commands() -> None:
    install_and_run, install_and_test = readme_commands()
    assert install_and_run == "python -m pip install . && cca-codes 102"
    assert install_and_test == "python -m pip install -e '.[test]' && python -m pytest"


def test_readme_gives_the_powershell_forms_of_the_two_commands() -> None:
    setup = README[README.index("## Set up") :]
    found = re.search(r"```powershell\n(.*?)\n```", setup, flags=re.S)
    assert found is not None
    # The same two commands, with PowerShell's chaining and cmd.exe-safe quotes.
    expected: list[str] = []
    for command in readme_commands():
        first, then = command.replace("'", '"').split(" && ")
        expected.append(f"{first} ; if ($?) {{ {then} }}")
    assert found[1].splitlines() == expected
    assert expected[1] == 'python -m pip install -e ".[test]" ; if ($?) { python -m pytest }'


def test_readme_output_is_what_the_command_prints() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cca_result_codes", "102"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == readme_printed_output()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, test = readme_commands()[1].split(" && ")
    assert install == "python -m pip install -e '.[test]'"
    # CI installs the test extra, with others beside it, as the README does.
    extras = re.search(r"^python -m pip install --quiet -e '\.\[([\w,]+)\]'$", ci, flags=re.M)
    assert extras is not None
    assert "test" in extras[1].split(",")
    # ... and runs the README's test command in a plain shell.
    plain = re.search(r"^plain=\((env .*)\)$", ci, flags=re.M)
    assert plain is not None
    assert {"-u PYTHONUNBUFFERED", "-u PYTHONDONTWRITEBYTECODE"} <= set(
        re.findall(r"-u \w+", plain[1])
    )
    assert f'\n"${{plain[@]}}" {test}\n' in ci


def require(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (it is in the dev extra)")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require("build")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


@pytest.mark.slow
def test_twine_check_passes(dist: Path) -> None:
    require("twine")
    files = sorted(str(path) for path in dist.iterdir())
    assert len(files) == 2
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_wheel_holds_the_package_and_py_typed(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "cca_result_codes/py.typed" in names
    assert "cca_result_codes/codes.py" in names
    assert not [name for name in names if name.startswith(("tests/", "docs/"))]
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert (
        "cca-codes = cca_result_codes.__main__:run"
        in zipfile.ZipFile(wheel).read(entry_points).decode()
    )


@pytest.mark.slow
def test_sdist_holds_tests_docs_and_spec(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for expected in (
        "tests/test_table.py",
        "docs/reference.md",
        "spec/result-codes.txt",
        "src/cca_result_codes/py.typed",
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
    ):
        assert expected in names


@pytest.mark.slow
def test_readme_first_command_works_in_a_fresh_venv(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    environment = tmp_path / "venv"
    venv.create(environment, with_pip=True)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    # The README installs "." from a checkout; here "." is the wheel just built.
    command = readme_commands()[0].replace("install .", f"install --no-index '{wheel}'")
    env = dict(os.environ, PATH=str(bin_dir) + os.pathsep + os.environ["PATH"])
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(readme_printed_output())
    check = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import cca_result_codes; print(cca_result_codes.__file__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(environment) in check.stdout


def unpack_sdist(dist: Path, into: Path) -> Path:
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        # Python 3.12 and later warn without a filter; 3.10 and 3.11 have one since mid-2023.
        if hasattr(tarfile, "data_filter"):
            archive.extractall(into, filter="data")
        else:
            archive.extractall(into)
    (root,) = into.iterdir()
    return root


def sdist_environment(root: Path) -> dict[str, str]:
    """A plain shell's environment, with the unpacked sources first on the path."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTHON", "COV_CORE_", "COVERAGE_"))
    }
    env["PYTHONPATH"] = str(root / "src")
    return env


@pytest.mark.slow
def test_sdist_runs_its_own_fast_tests(dist: Path, tmp_path: Path) -> None:
    root = unpack_sdist(dist, tmp_path)
    env = sdist_environment(root)
    where = subprocess.run(
        [sys.executable, "-c", "import cca_result_codes; print(cca_result_codes.__file__)"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    # The tests below test the unpacked sources, not this checkout.
    assert where.stdout.startswith(str(root / "src"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-m",
            "not slow",
            "--no-cov",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
