"""legacy.translate(), translate_all(), Translation and the two mappings.

Expected values come from the vendor's rows (tests/vendor_table.py) or are
written out here; nothing is computed with legacy itself.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import ResultCode, legacy
from cca_result_codes.legacy import Translation, translate, translate_all
from vendor_table import read_rows

VENDOR_ROWS = read_rows()
BASE = (5, 4, 6, 0)
# Old number -> today's name, from the vendor's rows: renumbered codes by their old
# number, and the base release's other codes by their own.
EXPECTED = {row.legacy_code: row.name for row in VENDOR_ROWS if row.legacy_code is not None} | {
    row.code: row.name for row in VENDOR_ROWS if row.legacy_code is None and row.since == BASE
}
NEWER = {125, 126, 301, 302}  # "Only in 5.4.7+" and "Only in 5.4.8+" in the vendor's table
INT32_MIN, INT32_MAX = -2147483648, 2147483647


def expected_reason(number: int) -> str | None:
    if number in EXPECTED:
        return None
    if not INT32_MIN <= number <= INT32_MAX:
        return "out of Int32"
    if number in NEWER:
        return "first appeared after 5.4.6"
    return "no documented meaning"


def test_the_reasons_written_out() -> None:
    assert legacy.REASONS == (
        "blank",
        "not a number",
        "out of Int32",
        "no documented meaning",
        "first appeared after 5.4.6",
    )
    assert (
        legacy.BLANK,
        legacy.NOT_A_NUMBER,
        legacy.OUT_OF_INT32,
        legacy.NO_DOCUMENTED_MEANING,
        legacy.FIRST_APPEARED_AFTER_5_4_6,
    ) == legacy.REASONS


@pytest.mark.parametrize(
    ("value", "name", "reason"),
    [
        ("712", "ListenInNoActiveConversationFound", None),
        (" 712 ", "ListenInNoActiveConversationFound", None),
        ("+712", "ListenInNoActiveConversationFound", None),
        ("0712", "ListenInNoActiveConversationFound", None),
        ("\t+000712\r\n", "ListenInNoActiveConversationFound", None),
        ("0" * 5000 + "3", "SuccessListRunning", None),
        ("0", "Success", None),
        ("-0", "Success", None),
        ("+0", "Success", None),
        ("00", "Success", None),
        ("102", "UnknownToken", None),
        ("10002", "CcaTimeout", None),
        (712, "ListenInNoActiveConversationFound", None),
        (3, "SuccessListRunning", None),
        ("", None, "blank"),
        ("   ", None, "blank"),
        ("\t\r\n", None, "blank"),
        ("abc", None, "not a number"),
        ("+", None, "not a number"),
        ("-", None, "not a number"),
        ("+-1", None, "not a number"),
        ("--1", None, "not a number"),
        ("- 1", None, "not a number"),
        ("X12", None, "not a number"),
        ("1X", None, "not a number"),
        ("7 12", None, "not a number"),
        ("7_12", None, "not a number"),
        ("712.0", None, "not a number"),
        ("0x2c8", None, "not a number"),
        ("1e3", None, "not a number"),
        ("\u0667\u0661\u0662", None, "not a number"),  # Arabic-Indic 712: not ASCII
        ("\uff17\uff11\uff12", None, "not a number"),  # fullwidth 712
        ("\u00b2", None, "not a number"),  # superscript two: a digit, not a decimal one
        ("-1", None, "no documented meaning"),
        (-1, None, "no documented meaning"),
        ("2", None, "no documented meaning"),
        ("709", None, "no documented meaning"),
        ("809", None, "no documented meaning"),
        (709, None, "no documented meaning"),
        ("127", None, "no documented meaning"),
        ("1712", None, "no documented meaning"),
        ("125", None, "first appeared after 5.4.6"),
        ("126", None, "first appeared after 5.4.6"),
        ("301", None, "first appeared after 5.4.6"),
        (302, None, "first appeared after 5.4.6"),
        ("2147483647", None, "no documented meaning"),
        ("-2147483648", None, "no documented meaning"),
        ("00000000002147483647", None, "no documented meaning"),
        ("2147483648", None, "out of Int32"),
        ("-2147483649", None, "out of Int32"),
        ("10000000000", None, "out of Int32"),
        ("99999999999", None, "out of Int32"),
        ("9" * 5000, None, "out of Int32"),  # int() alone would refuse this many digits
        (2147483648, None, "out of Int32"),
        (-2147483649, None, "out of Int32"),
        (10**300, None, "out of Int32"),
    ],
)
def test_translate(value: int | str, name: str | None, reason: str | None) -> None:
    found = translate(value)
    assert found.value is value
    assert (None if found.code is None else found.code.name, found.reason) == (name, reason)
    assert type(found) is Translation


def test_a_reason_is_the_constant_itself() -> None:
    assert translate("").reason is legacy.BLANK
    assert translate("x").reason is legacy.NOT_A_NUMBER
    assert translate("1" * 11).reason is legacy.OUT_OF_INT32
    assert translate(1 << 40).reason is legacy.OUT_OF_INT32
    assert translate("709").reason is legacy.NO_DOCUMENTED_MEANING
    assert translate(125).reason is legacy.FIRST_APPEARED_AFTER_5_4_6


@given(st.integers(min_value=-20, max_value=11_000) | st.integers())
@example(INT32_MIN)
@example(INT32_MIN - 1)
@example(INT32_MAX)
@example(INT32_MAX + 1)
@example(125)
@example(709)
@example(3)
def test_ints_and_their_stored_text_agree_with_the_vendor(number: int) -> None:
    reason = expected_reason(number)
    sign = "-" if number < 0 else "+"
    for value in (number, str(number), f" {number}\t", f"{sign}000{abs(number)}"):
        found = translate(value)
        assert found.reason == reason
        assert (found.code is None) == (reason is not None)
        if found.code is not None:
            assert found.code.name == EXPECTED[number]


@given(st.text())
@example("\x00")
@example("\u00a0712\u2003")  # Unicode spaces surround the digits: still 712
def test_any_text_translates_without_raising(text: str) -> None:
    found = translate(text)
    assert found.value is text
    assert (found.code is None) != (found.reason is None)
    assert found.reason is None or found.reason in legacy.REASONS


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "translate() takes an int or a str, not NoneType"),
        (True, "translate() takes an int or a str, not bool"),
        (False, "translate() takes an int or a str, not bool"),
        (712.0, "translate() takes an int or a str, not float"),
        (b"712", "translate() takes an int or a str, not bytes"),
        (
            ResultCode.ListenInCallEnd,
            "translate() takes an old number as stored, not ResultCode.ListenInCallEnd:"
            " a ResultCode is already current, and translating it again would be a"
            " double translation",
        ),
    ],
)
def test_translate_refuses_other_types(value: object, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        translate(value)  # type: ignore[arg-type]  # wrong on purpose
    assert str(caught.value) == message


def test_translate_all_keeps_order_and_shares_one_answer_per_value() -> None:
    values: list[int | str] = ["712", " 712", "712", 712, 712, "x", "", 709, 709, "712"]
    found = list(translate_all(values))
    assert [t.value for t in found] == values
    assert [None if t.code is None else t.code.value for t in found] == [
        711, 711, 711, 711, 711, None, None, None, None, 711
    ]  # fmt: skip
    assert [t.reason for t in found][5:9] == [
        "not a number",
        "blank",
        *["no documented meaning"] * 2,
    ]
    assert found[0] is found[2] is found[9]
    assert found[1] is not found[0]
    assert found[3] is found[4]  # an int that translates has one answer made in advance
    assert found[3] is next(translate_all([712]))
    assert found[7] == found[8]


def test_translate_all_is_lazy() -> None:
    def values() -> object:
        yield "712"
        raise AssertionError("read too far")

    first = translate_all(values())  # type: ignore[arg-type]  # a generator of str
    assert next(first).code is ResultCode.ListenInNoActiveConversationFound


@pytest.mark.parametrize(
    ("seen", "other", "type_name"),
    # Each equals an int already seen, and hashes like it: it must not find its answer.
    [(1, True, "bool"), (1, 1.0, "float"), (712, 712.0, "float"), ("1", b"1", "bytes")],
)
def test_translate_all_refuses_a_lookalike_of_a_value_it_has_seen(
    seen: int | str, other: object, type_name: str
) -> None:
    found = translate_all([seen, seen, other])  # type: ignore[list-item]  # wrong on purpose
    assert next(found).value == seen
    assert next(found).value == seen
    with pytest.raises(TypeError, match=f"takes an int or a str, not {type_name}"):
        next(found)


def test_translate_all_refuses_a_member_after_its_number() -> None:
    found = translate_all([712, "712", ResultCode.ListenInTapiError])
    assert next(found).code is ResultCode.ListenInNoActiveConversationFound
    assert next(found).code is ResultCode.ListenInNoActiveConversationFound
    with pytest.raises(TypeError, match="double translation"):
        next(found)


def test_translate_all_does_not_remember_a_string_subclass() -> None:
    class Cell(str):
        pass

    first, second = translate_all([Cell("712"), Cell("712")])
    assert first == second
    assert first is not second
    assert type(first.value) is Cell


def test_translate_all_remembers_a_bounded_number_of_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(legacy, "_CACHE_LIMIT", 2)
    found = list(translate_all(["1", "2", "3", "3", "1", "2"]))
    # old 1 is Pending (1), old 2 is a hole, old 3 is SuccessListRunning (2)
    assert [None if t.code is None else t.code.value for t in found] == [1, None, 2, 2, 1, None]
    assert found[0] is found[4]
    assert found[1] is found[5]
    assert found[2] is not found[3]  # past the limit: translated again, not remembered
    assert found[2] == found[3]


def test_translation_fields_equality_hash_and_repr() -> None:
    found = translate(" 712")
    assert (found.value, found.code, found.reason) == (
        " 712",
        ResultCode.ListenInNoActiveConversationFound,
        None,
    )
    same = Translation(" 712", ResultCode.ListenInNoActiveConversationFound, None)
    assert found == same
    assert not found != same  # noqa: SIM202  # __ne__ follows __eq__
    assert (
        hash(found)
        == hash(same)
        == hash((" 712", ResultCode.ListenInNoActiveConversationFound, None))
    )
    assert found != translate("712")
    assert found != Translation(" 712", None, "blank")
    assert found != Translation(" 712", ResultCode.ListenInNoActiveConversationFound, "blank")
    assert found != (" 712", ResultCode.ListenInNoActiveConversationFound, None)
    assert found.__eq__(object()) is NotImplemented
    assert repr(found) == (
        "Translation(value=' 712', code=<ResultCode.ListenInNoActiveConversationFound: 711>,"
        " reason=None)"
    )
    assert repr(translate("x")) == "Translation(value='x', code=None, reason='not a number')"


def test_translation_is_read_only() -> None:
    found = translate("712")
    with pytest.raises(AttributeError):
        found.code = None  # type: ignore[misc]  # read-only on purpose
    with pytest.raises(AttributeError):
        found.extra = 1  # type: ignore[attr-defined]  # no such field on purpose


@pytest.mark.parametrize("value", ["712", "x", 125, "  3 "])
def test_translation_pickles(value: int | str) -> None:
    found = translate(value)
    clone = pickle.loads(pickle.dumps(found))
    assert type(clone) is Translation
    assert (clone.value, clone.code, clone.reason) == (found.value, found.code, found.reason)


def test_current_by_legacy_is_the_vendor_mapping() -> None:
    assert {old: member.name for old, member in legacy.CURRENT_BY_LEGACY.items()} == EXPECTED
    assert all(type(member) is ResultCode for member in legacy.CURRENT_BY_LEGACY.values())
    assert legacy.CURRENT_BY_LEGACY.get(712) is ResultCode.ListenInNoActiveConversationFound
    assert legacy.CURRENT_BY_LEGACY.get(709) is None
    assert legacy.CURRENT_BY_LEGACY.get(125) is None
    with pytest.raises(TypeError):
        legacy.CURRENT_BY_LEGACY[709] = ResultCode.Success  # type: ignore[index]  # read-only


def test_legacy_by_current_is_its_reverse() -> None:
    expected = {
        row.name: (row.code if row.legacy_code is None else row.legacy_code)
        for row in VENDOR_ROWS
        if row.since == BASE
    }
    assert {member.name: old for member, old in legacy.LEGACY_BY_CURRENT.items()} == expected
    assert legacy.LEGACY_BY_CURRENT[ResultCode.ListenInNoActiveConversationFound] == 712
    assert ResultCode.NoReportingService not in legacy.LEGACY_BY_CURRENT
    with pytest.raises(TypeError):
        legacy.LEGACY_BY_CURRENT[ResultCode.Success] = 1  # type: ignore[index]  # read-only


def test_an_int_too_long_to_print_is_out_of_int32() -> None:
    assert translate(10**5000).reason == "out of Int32"
