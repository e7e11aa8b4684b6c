"""The exception classes: one per failing category, registered once, picklable."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cca_result_codes
from cca_result_codes import Category, CcaApiError, EnvelopeError, ResultCode, from_response
from cca_result_codes import errors as errors_module

ERROR_CLASSES = [
    cls
    for cls in vars(errors_module).values()
    if isinstance(cls, type) and issubclass(cls, CcaApiError) and cls is not CcaApiError
]


def test_one_class_per_failing_category() -> None:
    categories = {cls.category for cls in ERROR_CLASSES}
    assert len(categories) == len(ERROR_CLASSES)
    assert categories == set(Category) - {Category.SUCCESS}


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_every_class_is_importable_from_the_package(cls: type[CcaApiError]) -> None:
    assert getattr(cca_result_codes, cls.__name__) is cls
    assert cls.__name__ in cca_result_codes.__all__
    assert cls.__module__ == "cca_result_codes.errors"


@given(st.integers())
def test_for_code_follows_category_of(number: int) -> None:
    cls = CcaApiError.for_code(number)
    category = Category.of(number)
    if category is None or category is Category.SUCCESS:
        assert cls is CcaApiError
    else:
        assert cls.category is category


@pytest.mark.parametrize("member", list(ResultCode), ids=lambda member: member.name)
def test_raise_for_result_raises_the_class_of_the_code(member: ResultCode) -> None:
    reply = from_response(
        {"StatusCode": 500, "Response": {"ResultCode": int(member), "Error": "e"}}
    )
    with pytest.raises(CcaApiError) as caught:
        reply.raise_for_result()
    assert type(caught.value) is CcaApiError.for_code(member)
    assert caught.value.result_code is member


@pytest.mark.parametrize("cls", [CcaApiError, *ERROR_CLASSES], ids=lambda cls: cls.__name__)
def test_every_exception_pickles_to_the_same_class_and_fields(cls: type[CcaApiError]) -> None:
    number = 0 if cls.category is None else cls.category.codes.start + 1
    reply = from_response(
        {
            "Request": {"Method": "GET", "Url": "http://h/x"},
            "StatusCode": 500,
            "Response": {"ResultCode": number, "Error": "why"},
        }
    )
    with pytest.raises(cls) as caught:
        reply.raise_for_result()
    original = caught.value
    for clone in (pickle.loads(pickle.dumps(original)), copy.deepcopy(original)):
        assert type(clone) is cls
        assert str(clone) == str(original)
        assert clone.result_code is original.result_code
        assert clone.raw_code == original.raw_code == number
        assert clone.status_code == 500
        assert clone.error == "why"
        assert clone.response == reply


def test_envelope_error_pickles_with_its_fields() -> None:
    error = EnvelopeError("bad", status_code=502, excerpt="<html>")
    clone = pickle.loads(pickle.dumps(error))
    assert (type(clone), str(clone), clone.status_code, clone.excerpt) == (
        EnvelopeError,
        "bad",
        502,
        "<html>",
    )


def test_a_second_class_for_a_category_is_refused() -> None:
    with pytest.raises(TypeError, match="already has its exception class, QuotaError"):

        class _AnotherQuotaError(CcaApiError, category=Category.QUOTA):  # pyright: ignore[reportUnusedClass]
            pass


def test_subclasses_without_a_category_are_allowed_and_not_registered() -> None:
    class MyError(CcaApiError):
        pass

    assert MyError.category is None
    assert CcaApiError.for_code(101) is cca_result_codes.GeneralError


def test_hand_made_exception_defaults() -> None:
    error = CcaApiError("boom")
    assert (error.result_code, error.raw_code, error.status_code, error.error, error.response) == (
        None,
        None,
        None,
        "",
        None,
    )


def test_registration_by_class_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors_module, "_CLASS_BY_CATEGORY", {})

    class FreshQuotaError(CcaApiError, category=Category.QUOTA):
        pass

    assert FreshQuotaError.category is Category.QUOTA
    assert CcaApiError.for_code(801) is FreshQuotaError
    assert CcaApiError.for_code(101) is CcaApiError
