"""Properties of cca-codes migrate on any CSV: rows in equal rows out, other cells kept.

Python's csv module is the oracle for reading both files; today's codes come
from legacy.translate(), which tests/test_legacy.py checks against the vendor's table.
"""

from __future__ import annotations

import csv
import io

from hypothesis import example, given
from hypothesis import strategies as st

from cca_result_codes import migrate
from cca_result_codes.legacy import translate

CELLS = st.text(alphabet=st.sampled_from(list('ab,"\r\n 7120-+\t\u00e9')), max_size=8)
CODES = st.sampled_from(["712", " 3 ", "", "abc", "709", "125", "99999999999", '"7"', "0"])
ROWS = st.lists(st.tuples(CELLS, CODES | CELLS, CELLS), max_size=12)


def run(data: bytes, block: int) -> tuple[bytes, migrate.Summary]:
    out = io.BytesIO()
    saved = migrate._BLOCK  # pyright: ignore[reportPrivateUsage] -- the block size is internal
    migrate._BLOCK = block  # pyright: ignore[reportPrivateUsage] -- as above
    try:
        summary = migrate.migrate(
            io.BytesIO(data), out.write, None, "csv", "code", ("name", "legacy", "reason")
        )
    finally:
        migrate._BLOCK = saved  # pyright: ignore[reportPrivateUsage] -- as above
    return out.getvalue(), summary


@given(ROWS, st.sampled_from(["\n", "\r\n"]), st.integers(1, 64))
@example([], "\n", 1)
@example([("", "", "")], "\r\n", 1)
@example([("a\nb", "712", '"')], "\n", 2)
@example([("", "\r", "")], "\r\n", 3)
def test_every_row_and_every_other_cell_is_kept(
    rows: list[tuple[str, str, str]], newline: str, block: int
) -> None:
    if newline == "\n":
        # csv.writer leaves a lone "\r" unquoted then, and csv.reader ends a line there;
        # migrate reads lines as ended by "\n" only (docs/migrate.md).
        rows = [tuple(cell.replace("\r", "") for cell in row) for row in rows]  # type: ignore[misc]
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator=newline)
    writer.writerow(["a", "code", "c"])
    writer.writerows(rows)
    data = text.getvalue().encode()
    output, summary = run(data, block)
    assert output == run(data, 1 << 20)[0]  # the block size changes nothing
    got = list(csv.reader(io.StringIO(output.decode(), newline="")))
    expected = list(csv.reader(io.StringIO(data.decode(), newline="")))
    assert got[0] == ["a", "code", "c", "name", "legacy", "reason"]
    assert len(got) == len(expected)
    assert summary.rows == len(expected) - 1
    for before, after in zip(expected[1:], got[1:], strict=True):
        assert (after[0], after[2]) == (before[0], before[2])
        translation = translate(before[1])
        code = translation.code
        if code is None:
            assert after[1:] == [before[1], before[2], "", "", str(translation.reason)]
        else:
            old = code.value if code.legacy_code is None else code.legacy_code
            assert after[1:] == [str(code.value), before[2], code.name, str(old), ""]
