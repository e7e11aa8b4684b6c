"""The exception classes: one per failing category and one per failing code.

Expected classes are named here, one by one, and the codes come from the
vendor's page through tests/vendor_table.py, never from the code under test.
"""

from __future__ import annotations

import copy
import os
import pickle
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cca_result_codes
from cca_result_codes import (
    ApiResponse,
    Category,
    CcaApiClientError,
    CcaApiError,
    EnvelopeError,
    GeneralError,
    ListenInError,
    ListError,
    LockingError,
    ManualDialError,
    QuotaError,
    RecordingError,
    ReportingError,
    RequestInfo,
    ResultCode,
    ServerVersion,
    TaskError,
    UpdateFailedError,
    errors,
    from_response,
    is_retryable,
)
from pinned import RETRYABLE_NAMES
from vendor_table import VendorRow, read_rows

ROOT = Path(__file__).resolve().parents[1]

# The class of each of the vendor's category labels, written out by hand.
CLASS_BY_LABEL: dict[str, type[CcaApiError]] = {
    "general errors": GeneralError,
    "task errors": TaskError,
    "list errors": ListError,
    "reporting errors": ReportingError,
    "locking errors": LockingError,
    "update failed": UpdateFailedError,
    "listen-in errors": ListenInError,
    "quota errors": QuotaError,
    "manual dial errors": ManualDialError,
    "Recording Management Service errors": RecordingError,
    "CcaAPI-specific errors": CcaApiClientError,
}
# The first number of each class's block, written out by hand.
BLOCK_START_BY_CLASS: dict[type[CcaApiError], int] = {
    GeneralError: 100,
    TaskError: 200,
    ListError: 300,
    ReportingError: 400,
    LockingError: 500,
    UpdateFailedError: 600,
    ListenInError: 700,
    QuotaError: 800,
    ManualDialError: 900,
    RecordingError: 1000,
    CcaApiClientError: 10000,
}
CATEGORY_CLASSES = list(BLOCK_START_BY_CLASS)

ROWS = read_rows()
FAILING_ROWS = [row for row in ROWS if row.label != "success"]
SUCCESS_ROWS = [row for row in ROWS if row.label == "success"]
FAILING_NUMBERS = {row.code for row in FAILING_ROWS}


def _failure(number: int, status: int = 400, **extra: object) -> dict[str, object]:
    return {
        "Request": {"Method": "GET", "Url": "http://cca/CcaWebApi/agents"},
        "StatusCode": status,
        "Response": {"ResultCode": number, "Error": "why"},
        **extra,
    }


def _raised(envelope: dict[str, object]) -> CcaApiError:
    reply = from_response(envelope)
    with pytest.raises(CcaApiError) as caught:
        reply.raise_for_result()
    return caught.value


# --- the category classes, named one by one


@pytest.mark.parametrize(
    ("cls", "label"),
    [(cls, label) for label, cls in CLASS_BY_LABEL.items()],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
def test_each_category_class_stands_for_its_label(cls: type[CcaApiError], label: str) -> None:
    assert cls.category is not None
    assert cls.category.label == label
    assert cls.__bases__ == (CcaApiError,)
    assert getattr(cca_result_codes, cls.__name__) is cls
    assert cls.__name__ in cca_result_codes.__all__
    assert cls.__module__ == "cca_result_codes.errors"


@pytest.mark.parametrize(
    ("label", "cls"),
    [*CLASS_BY_LABEL.items(), ("success", CcaApiError)],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
def test_for_category(label: str, cls: type[CcaApiError]) -> None:
    assert CcaApiError.for_category(Category(label)) is cls


def test_for_category_none_is_the_base_class() -> None:
    assert CcaApiError.for_category(None) is CcaApiError


def test_task_and_list_errors_are_not_swapped() -> None:
    assert TaskError.category is Category.TASK
    assert ListError.category is Category.LIST
    assert CcaApiError.for_code(250) is TaskError
    assert CcaApiError.for_code(350) is ListError
    assert type(_raised(_failure(299))) is TaskError
    assert type(_raised(_failure(399))) is ListError
    assert isinstance(_raised(_failure(200)), TaskError)
    assert isinstance(_raised(_failure(300)), ListError)


def test_base_class_has_no_category() -> None:
    assert CcaApiError.category is None
    assert not hasattr(CcaApiError, "code")
    assert not hasattr(GeneralError, "code")


# --- one class per failing code, each checked against the vendor's row


@pytest.mark.parametrize("row", FAILING_ROWS, ids=lambda row: row.name)
def test_each_failing_code_has_its_class(row: VendorRow) -> None:
    cls = getattr(errors, row.name)
    expected_base = CLASS_BY_LABEL[row.label]
    assert cls.__name__ == row.name
    assert cls.__module__ == "cca_result_codes.errors"
    assert cls.__bases__ == (expected_base,)
    assert cls.code == row.code
    assert cls.code.name == row.name
    assert cls.category is expected_base.category
    assert row.name in errors.__all__
    assert row.name not in cca_result_codes.__all__  # kept in errors, as psycopg does
    assert CcaApiError.for_code(row.code) is cls
    # The vendor left 1001 to 1003 without a description; this library wrote one.
    written = row.description or ResultCode[row.name].description
    assert cls.__doc__ == f"{row.code}: {written}."


@pytest.mark.parametrize("row", FAILING_ROWS, ids=lambda row: row.name)
def test_raise_for_result_raises_the_class_of_the_code(row: VendorRow) -> None:
    raised = _raised(_failure(row.code, 409))
    assert type(raised) is getattr(errors, row.name)
    assert isinstance(raised, CLASS_BY_LABEL[row.label])
    assert raised.result_code is not None
    assert raised.result_code.value == row.code
    assert raised.raw_code == row.code
    assert raised.status_code == 409
    assert raised.error == "why"
    assert raised.retryable is (row.name in RETRYABLE_NAMES)
    assert is_retryable(raised) is (row.name in RETRYABLE_NAMES)


@pytest.mark.parametrize("row", SUCCESS_ROWS, ids=lambda row: row.name)
def test_success_codes_have_no_class(row: VendorRow) -> None:
    assert not hasattr(errors, row.name)
    assert CcaApiError.for_code(row.code) is CcaApiError
    # A success code with a failing status is still a failure, of the base class.
    assert type(_raised(_failure(row.code, 500))) is CcaApiError


def test_the_counts() -> None:
    per_code = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, CcaApiError) and "code" in vars(value)
    ]
    assert len(per_code) == 104
    assert len(FAILING_ROWS) == 104
    # The codes' classes, the categories' classes, CcaApiError, EnvelopeError, is_retryable.
    assert len(errors.__all__) == 104 + 11 + 3
    assert len(set(errors.__all__)) == len(errors.__all__)


def test_legacy_712_from_a_5_4_5_server_raises_todays_class() -> None:
    raised = _raised(_failure(712, 409, Version="5.4.5"))
    assert type(raised) is errors.ListenInNoActiveConversationFound
    assert raised.result_code is ResultCode.ListenInNoActiveConversationFound
    assert raised.raw_code == 712


# raise_for_result() must choose for_category(self.category) when the code is unknown.
def test_legacy_hole_from_a_5_4_5_server_raises_the_category_class() -> None:
    # Old 709 has no documented meaning: no code, so the block decides.
    raised = _raised(_failure(709, 409, Version="5.4.5"))
    assert type(raised) is ListenInError
    assert raised.result_code is None


# --- for_code


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (102, errors.UnknownToken),
        (711, errors.ListenInNoActiveConversationFound),
        (10002, errors.CcaTimeout),
        (127, GeneralError),
        (199, GeneralError),
        (299, TaskError),
        (300, errors.ListTargetNotCompatible),
        (399, ListError),
        (400, ReportingError),
        (1099, RecordingError),
        (10099, CcaApiClientError),
        (0, CcaApiError),
        (1, CcaApiError),
        (99, CcaApiError),
        (-1, CcaApiError),
        (1100, CcaApiError),
        (9999, CcaApiError),
        (10100, CcaApiError),
        (2**31 - 1, CcaApiError),
    ],
)
def test_for_code(number: int, expected: type[CcaApiError]) -> None:
    assert CcaApiError.for_code(number) is expected


def test_for_code_takes_a_member_too() -> None:
    assert CcaApiError.for_code(ResultCode.UnknownToken) is errors.UnknownToken


@given(st.integers(min_value=-(2**40), max_value=2**40))
@example(100)
@example(1099)
@example(1100)
@example(10000)
@example(10100)
def test_for_code_of_unknown_numbers_is_the_class_of_the_block(number: int) -> None:
    cls = CcaApiError.for_code(number)
    if number in FAILING_NUMBERS:
        assert "code" in vars(cls)
        assert cls.code == number  # type: ignore[attr-defined]  # checked just above
        return
    blocks = [c for c, start in BLOCK_START_BY_CLASS.items() if start <= number < start + 100]
    assert cls is (blocks[0] if blocks else CcaApiError)


# --- retry advice


def test_retryable_and_is_retryable() -> None:
    assert errors.CcaTimeout("t").retryable is True
    assert errors.UnknownToken("t").retryable is False
    assert is_retryable(errors.ListenInBusy("busy")) is True
    assert is_retryable(GeneralError("unknown code")) is False
    assert is_retryable(CcaApiError("no code")) is False
    assert is_retryable(GeneralError("x", result_code=ResultCode.ObjectNotReady)) is True
    assert is_retryable(EnvelopeError("not an envelope", status_code=503)) is False
    assert is_retryable(TimeoutError()) is False
    assert is_retryable(KeyboardInterrupt()) is False


def test_retryable_names_are_the_vendor_names_of_failing_codes() -> None:
    # Guards the list above against typos: each name is a failing row of the vendor's table.
    assert {row.name for row in FAILING_ROWS} >= RETRYABLE_NAMES
    assert len(RETRYABLE_NAMES) == 30


# --- construction, pickling, copying


def test_hand_made_exception_defaults() -> None:
    error = CcaApiError("boom")
    assert str(error) == "boom"
    assert (error.result_code, error.raw_code, error.status_code, error.error, error.response) == (
        None,
        None,
        None,
        "",
        None,
    )
    assert GeneralError("boom").result_code is None


def test_a_per_code_class_raised_by_hand_knows_its_code() -> None:
    assert errors.UnknownToken("expired").result_code is ResultCode.UnknownToken
    assert errors.UnknownToken("x", result_code=ResultCode.Failed).result_code is ResultCode.Failed
    assert errors.UnknownToken("x").raw_code is None  # never made up


ALL_CLASSES = [CcaApiError, *CATEGORY_CLASSES, *(getattr(errors, row.name) for row in FAILING_ROWS)]


@pytest.mark.parametrize("cls", ALL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_exception_pickles_and_copies_with_its_fields(cls: type[CcaApiError]) -> None:
    if cls is CcaApiError:
        number = 5000
    elif cls in BLOCK_START_BY_CLASS:
        number = BLOCK_START_BY_CLASS[cls] + 99  # unknown in every block
    else:
        number = int(cls.code)  # type: ignore[attr-defined]  # a per-code class
    reply = from_response(_failure(number, 503))
    with pytest.raises(cls) as caught:
        reply.raise_for_result()
    original = caught.value
    assert type(original) is cls
    vars(original)["attempts"] = 3  # set by a caller, in the instance dict
    for clone in (
        pickle.loads(pickle.dumps(original)),
        copy.deepcopy(original),
        copy.copy(original),
    ):
        assert type(clone) is cls
        assert str(clone) == str(original)
        assert clone.result_code is original.result_code
        assert clone.raw_code == number
        assert clone.status_code == 503
        assert clone.error == "why"
        assert clone.response == reply
        assert vars(clone)["attempts"] == 3


def test_envelope_error_defaults() -> None:
    error = EnvelopeError("bad")
    assert (str(error), error.status_code, error.excerpt) == ("bad", None, "")
    assert isinstance(error, ValueError)


def test_envelope_error_pickles_with_its_fields() -> None:
    error = EnvelopeError("bad", status_code=502, excerpt="<html>")
    clone = pickle.loads(pickle.dumps(error))
    assert (type(clone), str(clone), clone.status_code, clone.excerpt) == (
        EnvelopeError,
        "bad",
        502,
        "<html>",
    )


# --- registration by class keyword


def test_a_second_class_for_a_category_is_refused() -> None:
    with pytest.raises(TypeError, match=r"^<Category.QUOTA: 'quota errors'> already has its"):

        class _AnotherQuotaError(CcaApiError, category=Category.QUOTA):  # pyright: ignore[reportUnusedClass]
            pass

    assert CcaApiError.for_code(899) is QuotaError


def test_a_second_class_for_a_code_is_refused() -> None:
    with pytest.raises(
        TypeError,
        match=r"^<ResultCode.UnknownToken: 102> already has its exception class, UnknownToken$",
    ):

        class _AnotherUnknownToken(GeneralError, code=ResultCode.UnknownToken):  # pyright: ignore[reportUnusedClass]
            pass

    assert CcaApiError.for_code(102) is errors.UnknownToken


@pytest.mark.parametrize(
    ("base", "code"),
    [
        (TaskError, ResultCode.ListTargetNotCompatible),
        (ListError, ResultCode.TaskNoDefaultWorkingDir),
        (CcaApiError, ResultCode.UnknownToken),
        (CcaApiError, ResultCode.Pending),
    ],
)
def test_a_code_class_must_subclass_its_category_class(
    base: type[CcaApiError], code: ResultCode, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CODE", {})
    with pytest.raises(
        TypeError,
        match=rf"^Wrong is for ResultCode\.{code.name}, one of the {code.category.label}:"
        " it must subclass the class of that category$",
    ):
        types.new_class("Wrong", (base,), {"code": code})

    assert errors._CLASS_BY_CODE == {}  # pyright: ignore[reportPrivateUsage]


def test_subclasses_without_keywords_are_allowed_and_not_registered() -> None:
    class MyError(CcaApiError):
        pass

    class MyUnknownToken(errors.UnknownToken):
        pass

    assert MyError.category is None
    assert MyUnknownToken.code is ResultCode.UnknownToken
    assert MyUnknownToken("x").result_code is ResultCode.UnknownToken
    assert CcaApiError.for_code(101) is errors.UnknownError
    assert CcaApiError.for_code(102) is errors.UnknownToken


def test_registration_by_class_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", {})
    monkeypatch.setattr(errors, "_CLASS_BY_CODE", {})

    class FreshQuotaError(CcaApiError, category=Category.QUOTA):
        pass

    class FreshQuotaLockFailed(FreshQuotaError, code=ResultCode.QuotaLockFailed):
        code: ClassVar[ResultCode]

    assert FreshQuotaError.category is Category.QUOTA
    assert FreshQuotaLockFailed.category is Category.QUOTA
    assert FreshQuotaLockFailed.code is ResultCode.QuotaLockFailed
    assert "code" not in vars(FreshQuotaError)
    assert CcaApiError.for_code(809) is FreshQuotaLockFailed
    assert CcaApiError.for_code(801) is FreshQuotaError
    assert CcaApiError.for_code(101) is CcaApiError
    assert CcaApiError.for_code(102) is CcaApiError


# --- the generated module and files

# mutmut rewrites src/ in its copy of the tree, so there the files are not what the
# generator writes; these tests exercise scripts/generate.py, which it does not mutate.
# mutmut's clean run sets no MUTANT_UNDER_TEST, but it runs the tests in its own process.
_NOT_UNDER_MUTMUT = pytest.mark.skipif(
    "MUTANT_UNDER_TEST" in os.environ or "mutmut" in sys.modules,
    reason="mutmut's copy of src/ is rewritten",
)
CODE_ERRORS = "src/cca_result_codes/_code_errors.py"


@_NOT_UNDER_MUTMUT
def test_every_generated_target_is_current() -> None:
    result = _generate("--check")
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


@_NOT_UNDER_MUTMUT
def test_the_generated_module_says_so_and_how_in_its_first_line() -> None:
    first = (ROOT / CODE_ERRORS).read_text(encoding="utf-8").splitlines()[0]
    assert first == (
        "# Generated from ResultCode by `python scripts/generate.py`: do not edit by hand."
    )


def test_the_generated_classes_live_apart_and_are_named_by_errors() -> None:
    from cca_result_codes import _code_errors  # pyright: ignore[reportPrivateUsage]

    assert _code_errors.UnknownToken is errors.UnknownToken
    assert sorted(_code_errors.__all__) == sorted(row.name for row in FAILING_ROWS)
    assert errors.__all__[-104:] == _code_errors.__all__
    assert repr(errors.UnknownToken) == "<class 'cca_result_codes.errors.UnknownToken'>"
    assert repr(errors.UnknownToken("expired")) == "UnknownToken('expired')"
    assert errors.UnknownToken.__qualname__ == "UnknownToken"
    # The hand-written module holds no per-code class statement of its own.
    hand_written = (ROOT / "src/cca_result_codes/errors.py").read_text(encoding="utf-8")
    assert "class UnknownToken" not in hand_written


def _copy_targets(tmp_path: Path) -> Path:
    for name in ("src/cca_result_codes/errors.py", CODE_ERRORS, "docs/reference.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    return tmp_path


@_NOT_UNDER_MUTMUT
def test_a_stale_module_is_named_then_rewritten(tmp_path: Path) -> None:
    root = _copy_targets(tmp_path)
    module = root / CODE_ERRORS
    current = module.read_text(encoding="utf-8")
    # A code the table no longer has: the generator must not need to import this module.
    module.write_text(current.replace("UnknownToken", "RenamedToken"), encoding="utf-8")
    (root / "docs/reference.md").write_text("# old\n", encoding="utf-8")

    check = _generate("--check", "--root", str(root))
    assert check.returncode == 1
    assert check.stdout == (
        f"stale: {CODE_ERRORS}\nstale: docs/reference.md\nrun: python scripts/generate.py\n"
    )
    write = _generate("--root", str(root))
    assert write.returncode == 0
    assert write.stdout == f"rewrote {CODE_ERRORS}\nrewrote docs/reference.md\n"
    assert module.read_bytes() == (ROOT / CODE_ERRORS).read_bytes()
    assert (root / "docs/reference.md").read_bytes() == (ROOT / "docs/reference.md").read_bytes()
    assert _generate("--check", "--root", str(root)).returncode == 0
    assert _generate("--root", str(root)).stdout == ""


@_NOT_UNDER_MUTMUT
def test_a_missing_module_is_named_then_written(tmp_path: Path) -> None:
    root = _copy_targets(tmp_path)
    (root / CODE_ERRORS).unlink()
    check = _generate("--check", "--root", str(root))
    assert (check.returncode, check.stdout) == (
        1,
        f"stale: {CODE_ERRORS}\nrun: python scripts/generate.py\n",
    )
    assert _generate("--root", str(root)).stdout == f"rewrote {CODE_ERRORS}\n"
    assert (root / CODE_ERRORS).read_bytes() == (ROOT / CODE_ERRORS).read_bytes()


@_NOT_UNDER_MUTMUT
def test_the_category_classes_are_read_from_the_hand_written_module(tmp_path: Path) -> None:
    root = _copy_targets(tmp_path)
    errors_module = root / "src/cca_result_codes/errors.py"
    errors_module.write_text(
        errors_module.read_text(encoding="utf-8").replace("class GeneralError(", "class Generic("),
        encoding="utf-8",
    )
    assert _generate("--root", str(root)).returncode == 0
    written = (root / CODE_ERRORS).read_text(encoding="utf-8")
    assert "class UnknownToken(Generic, code=ResultCode.UnknownToken):" in written
    assert "GeneralError" not in written
    assert "class ListenInBusy(ListenInError, code=ResultCode.ListenInBusy):" in written


@_NOT_UNDER_MUTMUT
def test_a_category_without_its_class_is_refused(tmp_path: Path) -> None:
    root = _copy_targets(tmp_path)
    errors_module = root / "src/cca_result_codes/errors.py"
    errors_module.write_text(
        errors_module.read_text(encoding="utf-8").replace(
            "category=Category.QUOTA", "category=Quota.QUOTA"
        ),
        encoding="utf-8",
    )
    result = _generate("--check", "--root", str(root))
    assert result.returncode == 1
    assert result.stderr == (f"{errors_module}: no class statement with category=Category.QUOTA\n")


@_NOT_UNDER_MUTMUT
def test_the_generator_runs_and_imports_no_error_module() -> None:
    code = (
        "import runpy, sys\n"
        "sys.argv = ['generate.py', '--check']\n"
        "try:\n"
        f"    runpy.run_path({str(ROOT / 'scripts/generate.py')!r}, run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    print(done.code)\n"
        "print(sorted(m for m in sys.modules if 'errors' in m))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout == "0\n[]\n", result.stderr
    assert "exec(" not in (ROOT / "scripts/generate.py").read_text(encoding="utf-8")


def _generate(*args: str) -> subprocess.CompletedProcess[str]:
    # -I: no PYTHON* variables and no user site; the script finds the package itself.
    return subprocess.run(
        [sys.executable, "-I", str(ROOT / "scripts/generate.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


def test_a_success_code_on_a_failing_status_keeps_its_code() -> None:
    # No per-code class exists for the success block, so the base class carries the code.
    reply = from_response({"StatusCode": 409, "Response": {"ResultCode": 1, "Error": "queued"}})
    with pytest.raises(CcaApiError) as caught:
        reply.raise_for_result()
    assert type(caught.value) is CcaApiError
    assert caught.value.result_code is ResultCode.Pending
    assert (caught.value.raw_code, caught.value.status_code) == (1, 409)


def test_an_error_made_by_hand_keeps_every_field() -> None:
    reply = from_response(_failure(711, 409))
    error = CcaApiError(
        "made by hand",
        result_code=ResultCode.ListenInNoActiveConversationFound,
        raw_code=712,
        status_code=409,
        error="why",
        response=reply,
    )
    assert (error.args, error.result_code, error.raw_code) == (
        ("made by hand",),
        ResultCode.ListenInNoActiveConversationFound,
        712,
    )
    assert (error.status_code, error.error, error.response) == (409, "why", reply)


def test_a_class_of_the_callers_own_is_made_by_its_own_init(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The success category has no class here: a caller may register one, with its own __init__.
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(errors._CLASS_BY_CATEGORY))  # pyright: ignore[reportPrivateUsage]

    class SuccessOnAFailingStatus(CcaApiError, category=Category.SUCCESS):
        def __init__(self, message: str, **fields: Any) -> None:
            super().__init__(message, **fields)
            self.seen_by_init = True

    reply = from_response({"StatusCode": 500, "Response": {"ResultCode": 0, "Error": "odd"}})
    with pytest.raises(SuccessOnAFailingStatus) as caught:
        reply.raise_for_result()
    assert caught.value.seen_by_init
    assert (caught.value.result_code, caught.value.raw_code) == (ResultCode.Success, 0)
    assert (caught.value.status_code, caught.value.response) == (500, reply)
    assert (caught.value.error, str(caught.value)) == (
        "odd",
        "500 Success (0): No error \N{EM DASH} odd",
    )


@pytest.mark.parametrize(
    "builtin",
    [TimeoutError, ConnectionError, OSError, KeyError, ImportError, UnicodeDecodeError],
)
def test_an_error_class_mixes_with_the_builtin_exceptions(builtin: type[Exception]) -> None:
    mixed = types.new_class("Mixed", (errors.CcaTimeout, builtin))
    assert issubclass(mixed, errors.CcaTimeout)
    assert issubclass(mixed, builtin)


# --- a caller's own subclasses: reading them never raises (issue 17, item 2)


class CcaTimeoutError(TimeoutError, errors.CcaTimeout):
    """A builtin first: its __init__ is OSError's, and CcaApiError's never runs."""


class PlainInitTimeout(errors.CcaTimeout):
    def __init__(self, message: str) -> None:
        Exception.__init__(self, message)


class PlainInitGeneral(GeneralError):
    def __init__(self, message: str) -> None:
        Exception.__init__(self, message)


@pytest.mark.parametrize("cls", [CcaTimeoutError, PlainInitTimeout], ids=lambda c: c.__name__)
def test_a_subclass_whose_init_skips_ours_still_reads(cls: type[errors.CcaTimeout]) -> None:
    error = cls("slow")
    assert "result_code" not in vars(error)  # the case at hand: CcaApiError.__init__ never ran
    assert error.result_code is ResultCode.CcaTimeout
    assert error.retryable is True
    assert is_retryable(error) is True
    assert (error.raw_code, error.status_code, error.error) == (None, None, "")
    assert (error.response, error.headers) == (None, None)
    assert str(error) == "slow"


def test_a_category_subclass_whose_init_skips_ours_has_no_code() -> None:
    error = PlainInitGeneral("odd")
    assert error.result_code is None
    assert error.retryable is False
    assert is_retryable(error) is False


def test_the_issues_example_inside_tenacity_is_retried_and_then_raised() -> None:
    import tenacity

    attempts: list[int] = []

    @tenacity.retry(
        retry=tenacity.retry_if_exception(is_retryable),
        stop=tenacity.stop_after_attempt(3),
        sleep=lambda _: None,
        reraise=True,
    )
    def call() -> None:
        attempts.append(1)
        raise CcaTimeoutError("slow")

    with pytest.raises(CcaTimeoutError, match=r"^slow$"):
        call()
    assert len(attempts) == 3


class _RaisingRetryable(CcaApiError):
    @property
    def retryable(self) -> bool:
        raise RuntimeError("a caller's bug")


def test_is_retryable_never_raises() -> None:
    assert is_retryable(_RaisingRetryable("x")) is False
    assert is_retryable(None) is False
    assert is_retryable("CcaTimeout") is False
    assert is_retryable(errors.CcaTimeout) is False  # the class, not an instance


class _TruthyRetryable(CcaApiError):
    @property
    def retryable(self) -> bool:
        return 1  # type: ignore[return-value]  # a caller's property that is not a bool


def test_is_retryable_is_a_real_bool() -> None:
    assert is_retryable(_TruthyRetryable("x")) is False
    assert type(is_retryable(errors.CcaTimeout("t"))) is bool


def test_retryable_of_a_code_that_is_not_a_member() -> None:
    # A caller who passes a plain number where a member belongs gets no advice, not a crash.
    error = CcaApiError("x", result_code=10002)  # type: ignore[arg-type]  # the wrong type, on purpose
    assert error.retryable is False
    assert is_retryable(error) is False


# --- registration is all or nothing (issue 17, item 8)


def test_a_refused_class_statement_registers_nothing() -> None:
    with pytest.raises(
        TypeError,
        match=r"^Oops is for ResultCode\.UnknownToken, one of the general errors:"
        " it must subclass the class of that category$",
    ):

        class Oops(CcaApiError, category=Category.SUCCESS, code=ResultCode.UnknownToken):  # pyright: ignore[reportUnusedClass]
            pass

    assert CcaApiError.for_category(Category.SUCCESS) is CcaApiError
    assert CcaApiError.for_code(0) is CcaApiError
    assert CcaApiError.for_code(102) is errors.UnknownToken
    # A 500 with code 0 raises the base class, not the phantom.
    assert type(_raised(_failure(0, 500))) is CcaApiError


def test_a_correct_class_after_a_refused_one_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(errors._CLASS_BY_CATEGORY))  # pyright: ignore[reportPrivateUsage]
    with pytest.raises(TypeError):

        class Oops(CcaApiError, category=Category.SUCCESS, code=ResultCode.UnknownToken):  # pyright: ignore[reportUnusedClass]
            pass

    class SuccessOnAFailingStatus(CcaApiError, category=Category.SUCCESS):
        pass

    assert CcaApiError.for_code(0) is SuccessOnAFailingStatus
    assert type(_raised(_failure(0, 500))) is SuccessOnAFailingStatus


def test_a_taken_code_refuses_the_category_named_beside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", {})
    with pytest.raises(
        TypeError,
        match=r"^<ResultCode.UnknownToken: 102> already has its exception class, UnknownToken$",
    ):

        class Twice(CcaApiError, category=Category.GENERAL, code=ResultCode.UnknownToken):  # pyright: ignore[reportUnusedClass]
            pass

    assert errors._CLASS_BY_CATEGORY == {}  # pyright: ignore[reportPrivateUsage]
    assert CcaApiError.for_code(102) is errors.UnknownToken


def test_a_taken_category_refuses_the_code_named_beside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CODE", {})
    with pytest.raises(TypeError, match=r"^<Category.GENERAL: 'general errors'> already has"):

        class Twice(CcaApiError, category=Category.GENERAL, code=ResultCode.UnknownToken):  # pyright: ignore[reportUnusedClass]
            pass

    assert errors._CLASS_BY_CODE == {}  # pyright: ignore[reportPrivateUsage]
    assert CcaApiError.for_code(199) is GeneralError


def test_one_statement_registers_a_category_and_a_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", {})
    monkeypatch.setattr(errors, "_CLASS_BY_CODE", {})

    class QuotaLock(CcaApiError, category=Category.QUOTA, code=ResultCode.QuotaLockFailed):
        code: ClassVar[ResultCode]

    assert QuotaLock.category is Category.QUOTA
    assert QuotaLock.code is ResultCode.QuotaLockFailed
    assert QuotaLock("x").result_code is ResultCode.QuotaLockFailed
    assert CcaApiError.for_code(809) is QuotaLock
    assert CcaApiError.for_code(801) is QuotaLock
    assert CcaApiError.for_code(101) is CcaApiError


# --- a registered class that mixes in OSError is raised (issue 17, item 9)


def test_a_registered_category_class_mixing_in_oserror_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(errors._CLASS_BY_CATEGORY))  # pyright: ignore[reportPrivateUsage]

    class S(CcaApiError, OSError, category=Category.SUCCESS):
        pass

    raised = _raised(_failure(0, 500))
    assert type(raised) is S
    assert isinstance(raised, OSError)
    assert (raised.result_code, raised.raw_code, raised.status_code) == (ResultCode.Success, 0, 500)
    assert raised.args == (
        "500 Success (0): No error \N{EM DASH} why [GET http://cca/CcaWebApi/agents]",
    )
    clone = copy.deepcopy(raised)  # as pickle does, but a local class cannot be found by name
    assert (type(clone), clone.args, clone.raw_code, clone.errno) == (S, raised.args, 0, None)


def test_a_registered_code_class_mixing_in_oserror_is_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CODE", dict(errors._CLASS_BY_CODE))  # pyright: ignore[reportPrivateUsage]
    del errors._CLASS_BY_CODE[ResultCode.CcaTimeout]  # pyright: ignore[reportPrivateUsage]

    class NetTimeout(CcaApiClientError, ConnectionError, code=ResultCode.CcaTimeout):
        code: ClassVar[ResultCode]

    raised = _raised(_failure(10002, 504))
    assert type(raised) is NetTimeout
    assert isinstance(raised, ConnectionError)
    assert (raised.result_code, raised.status_code, raised.error) == (
        ResultCode.CcaTimeout,
        504,
        "why",
    )
    assert is_retryable(raised) is True


# --- raise_for_result() makes its exception as CcaApiError.__init__ would, without the call


@pytest.mark.parametrize(
    ("envelope", "cls", "code"),
    [
        (_failure(102, 401), errors.UnknownToken, ResultCode.UnknownToken),
        (_failure(712, 409, Version="5.4.5"), errors.ListenInNoActiveConversationFound, None),
        (_failure(127, 400), GeneralError, None),
        (_failure(5000, 500), CcaApiError, None),
    ],
    ids=["known", "legacy", "unknown-in-a-block", "outside-every-block"],
)
def test_the_error_raised_is_the_one_the_keyword_call_makes(
    envelope: dict[str, object], cls: type[CcaApiError], code: ResultCode | None
) -> None:
    reply = from_response(envelope)
    raised = _raised(envelope)
    assert type(raised) is cls
    if code is not None:
        assert raised.result_code is code
    made = cls(
        *raised.args,
        result_code=reply.result_code,
        raw_code=reply.raw_code,
        status_code=reply.status_code,
        error=reply.error,
        response=reply,
    )
    assert vars(raised) == vars(made)
    assert raised.args == made.args
    assert raised.response == reply
    clone = pickle.loads(pickle.dumps(raised))
    assert (type(clone), clone.args, clone.raw_code) == (cls, raised.args, reply.raw_code)


def test_a_class_with_a_result_code_of_its_own_keeps_it_when_the_code_is_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(errors._CLASS_BY_CATEGORY))  # pyright: ignore[reportPrivateUsage]

    class S(CcaApiError, category=Category.SUCCESS):
        result_code = ResultCode.Pending

    raised = _raised(_failure(7, 500))  # in the success block, with no code of its own
    assert type(raised) is S
    assert (raised.result_code, raised.raw_code) == (ResultCode.Pending, 7)
    assert vars(raised)["result_code"] is ResultCode.Pending  # as __init__ sets it


def test_the_usual_error_is_made_without_calling_init(monkeypatch: pytest.MonkeyPatch) -> None:
    # A spy in place of CcaApiError.__init__: the classes the library ships are made without it.
    calls: list[tuple[object, ...]] = []
    init = CcaApiError.__init__

    def spy(self: CcaApiError, *args: Any, **keywords: Any) -> None:
        calls.append(args)
        init(self, *args, **keywords)

    monkeypatch.setattr(CcaApiError, "__init__", spy)
    raised = _raised(_failure(102, 401))
    assert (type(raised), raised.raw_code, raised.status_code) == (errors.UnknownToken, 102, 401)
    assert calls == []
    errors.UnknownToken("by hand")
    assert calls == [("by hand",)]  # the spy sees the call when it is made


def test_a_registered_class_with_its_own_new_or_init_is_called_with_the_keywords(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, dict[str, object]]] = []

    class OwnNew(CcaApiError):
        def __new__(cls, message: str, **keywords: Any) -> OwnNew:  # pyright: ignore[reportInconsistentConstructor] -- a spy that takes every keyword
            seen.append(("new", keywords))
            return super().__new__(cls, message)

    class OwnInit(CcaApiError):
        def __init__(self, message: str, **keywords: Any) -> None:
            seen.append(("init", keywords))
            super().__init__(message, **keywords)

    shipped = dict(errors._CLASS_BY_CATEGORY)  # pyright: ignore[reportPrivateUsage]
    for cls in (OwnNew, OwnInit):
        monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(shipped))
        registered = type(cls.__name__, (cls,), {}, category=Category.SUCCESS)
        seen.clear()
        raised = _raised(_failure(7, 500))
        assert type(raised) is registered
        assert [(kind, sorted(keywords)) for kind, keywords in seen] == [
            (
                "new" if cls is OwnNew else "init",
                ["error", "raw_code", "response", "result_code", "status_code"],
            )
        ]
        assert (raised.raw_code, raised.status_code, raised.error) == (7, 500, "why")


class _Tagged(Exception):
    """A base whose __init__ runs after CcaApiError's, through its super().__init__()."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.tag = "seen"


class _Marking(type):
    """A metaclass that marks every instance its classes make."""

    def __call__(cls, *args: Any, **keywords: Any) -> Any:
        made = super().__call__(*args, **keywords)
        made.via_metaclass = True
        return made


def test_a_registered_class_with_another_base_or_a_metaclass_is_called(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = dict(errors._CLASS_BY_CATEGORY)  # pyright: ignore[reportPrivateUsage]
    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(shipped))

    class Tagged(CcaApiError, _Tagged, category=Category.SUCCESS):
        pass

    raised = _raised(_failure(7, 500))
    assert type(raised) is Tagged
    assert vars(raised)["tag"] == "seen"

    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(shipped))

    class Marked(CcaApiError, metaclass=_Marking, category=Category.SUCCESS):
        pass

    raised = _raised(_failure(7, 500))
    assert type(raised) is Marked
    assert vars(raised)["via_metaclass"] is True

    monkeypatch.setattr(errors, "_CLASS_BY_CATEGORY", dict(shipped))

    class Stopping(CcaApiError, StopIteration, category=Category.SUCCESS):
        pass

    raised = _raised(_failure(7, 500))
    assert type(raised) is Stopping
    assert (
        raised.value
        == "500 unknown result code 7 \N{EM DASH} why [GET http://cca/CcaWebApi/agents]"
    )


# --- headers


def test_headers_given_are_kept_and_pickle() -> None:
    headers = {"Retry-After": "5", "X-Request-Id": "abc"}
    for error in (
        CcaApiError("busy", headers=headers),
        EnvelopeError("not JSON", status_code=503, headers=headers),
    ):
        assert error.headers is headers
        clone = pickle.loads(pickle.dumps(error))
        assert clone.headers == {"Retry-After": "5", "X-Request-Id": "abc"}
        assert copy.copy(error).headers == headers


def test_headers_default_to_none() -> None:
    assert CcaApiError("x").headers is None
    assert EnvelopeError("x").headers is None
    assert _raised(_failure(102, 401)).headers is None  # a dict has no headers


def test_headers_come_from_the_response_when_not_given() -> None:
    from typing import cast

    # Any response with headers counts; one read from a transport keeps a snapshot there.
    response = cast("ApiResponse", types.SimpleNamespace(headers={"Retry-After": "7"}))
    assert CcaApiError("x", response=response).headers == {"Retry-After": "7"}
    given = {"Retry-After": "1"}
    assert CcaApiError("x", response=response, headers=given).headers is given


class _EnvelopeErrorOfYourOwn(EnvelopeError):
    def __init__(self, message: str) -> None:
        ValueError.__init__(self, message)


def test_an_envelope_error_whose_init_skips_ours_still_reads() -> None:
    error = _EnvelopeErrorOfYourOwn("odd")
    assert (error.status_code, error.excerpt, error.headers) == (None, "", None)


# --- pickles written by release 0.1.0 still load

# Written by 0.1.0's classes with pickle.dumps(), default protocol: a GeneralError that
# raise_for_result() raised for a 401 with code 102, one made by hand, and an EnvelopeError.
PICKLE_0_1_0_RAISED = (
    b"\x80\x04\x95\x19\x02\x00\x00\x00\x00\x00\x00\x8c\x17cca_result_codes.errors\x94\x8c\x0c"
    b"GeneralError\x94\x93\x94\x8cS401 UnknownToken (102): Unknown token \xe2\x80\x94 expired"
    b" [GET http://cca/CcaWebApi/agents]\x94\x85\x94R\x94}\x94(\x8c\x0bresult_code\x94\x8c\x16"
    b"cca_result_codes.codes\x94\x8c\nResultCode\x94\x93\x94Kf\x85\x94R\x94\x8c\x08raw_code"
    b"\x94Kf\x8c\x0bstatus_code\x94M\x91\x01\x8c\x05error\x94\x8c\x07expired\x94\x8c\x08"
    b"response\x94\x8c\x19cca_result_codes.envelope\x94\x8c\x0bApiResponse\x94\x93\x94(h\x12"
    b"\x8c\x0bRequestInfo\x94\x93\x94\x8c\x03GET\x94\x8c\x1bhttp://cca/CcaWebApi/agents\x94"
    b"\x86\x94R\x94\x8c\x19cca_result_codes.versions\x94\x8c\rServerVersion\x94\x93\x94(K\x05"
    b"K\x04K\x06K\x00t\x94R\x94M\x91\x01h\x0cKfh\x10}\x94(h\tKf\x8c\x05Error\x94h\x10u}\x94("
    b"\x8c\x07Request\x94}\x94(\x8c\x06Method\x94h\x17\x8c\x03Url\x94h\x18u\x8c\x07Version\x94"
    b"\x8c\x075.4.6.0\x94\x8c\nStatusCode\x94M\x91\x01\x8c\x08Response\x94h ut\x94R\x94ub."
)
PICKLE_0_1_0_BY_HAND = (
    b"\x80\x04\x95\x80\x00\x00\x00\x00\x00\x00\x00\x8c\x17cca_result_codes.errors\x94\x8c\x0c"
    b"GeneralError\x94\x93\x94\x8c\x07by hand\x94\x85\x94R\x94}\x94(\x8c\x0bresult_code\x94N"
    b"\x8c\x08raw_code\x94N\x8c\x0bstatus_code\x94N\x8c\x05error\x94\x8c\x00\x94\x8c\x08"
    b"response\x94Nub."
)
PICKLE_0_1_0_ENVELOPE_ERROR = (
    b"\x80\x04\x95`\x00\x00\x00\x00\x00\x00\x00\x8c\x17cca_result_codes.errors\x94\x8c\r"
    b"EnvelopeError\x94\x93\x94\x8c\x03bad\x94\x85\x94R\x94}\x94(\x8c\x0bstatus_code\x94M"
    b"\xf6\x01\x8c\x07excerpt\x94\x8c\x06<html>\x94ub."
)


def test_a_pickle_of_0_1_0_raised_error_loads() -> None:
    error = pickle.loads(PICKLE_0_1_0_RAISED)
    assert type(error) is GeneralError
    assert str(error) == (
        "401 UnknownToken (102): Unknown token \N{EM DASH} expired"
        " [GET http://cca/CcaWebApi/agents]"
    )
    assert (error.result_code, error.raw_code, error.status_code, error.error) == (
        ResultCode.UnknownToken,
        102,
        401,
        "expired",
    )
    assert error.headers is None
    response = error.response
    assert type(response) is ApiResponse
    assert (response.status_code, response.result_code, response.raw_code, response.error) == (
        401,
        ResultCode.UnknownToken,
        102,
        "expired",
    )
    assert (response.request, response.version) == (
        RequestInfo("GET", "http://cca/CcaWebApi/agents"),
        ServerVersion(5, 4, 6, 0),
    )
    assert response.envelope == {
        "Request": {"Method": "GET", "Url": "http://cca/CcaWebApi/agents"},
        "Version": "5.4.6.0",
        "StatusCode": 401,
        "Response": {"ResultCode": 102, "Error": "expired"},
    }
    assert error.retryable is False


def test_a_pickle_of_0_1_0_error_made_by_hand_loads() -> None:
    error = pickle.loads(PICKLE_0_1_0_BY_HAND)
    assert (type(error), error.args, error.result_code, error.response) == (
        GeneralError,
        ("by hand",),
        None,
        None,
    )


def test_a_pickle_of_0_1_0_envelope_error_loads() -> None:
    error = pickle.loads(PICKLE_0_1_0_ENVELOPE_ERROR)
    assert (type(error), str(error), error.status_code, error.excerpt, error.headers) == (
        EnvelopeError,
        "bad",
        502,
        "<html>",
        None,
    )
