"""Numbers written in exponent notation (Excel's Scientific format, and its General
format in a narrow column, as its "save as CSV" writes them): a count whose every digit
to the units is shown (1.234E+03, 1.20E+01) is that count; one shown rounded (1.2E+03
for 1234) is no number of the report's, left blank with a warning, never read as 1200."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hostile_producers import judge
from producers import cells_of
from producers_attack9 import reports
from producers_wrong12 import _scientific, csv_scientific
from zfxxgk import parse
from zfxxgk.core.cellvalue import interpret
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.layout import Kind
from zfxxgk.errors import CellValueError

_COUNT = next(f for f in EDITIONS["2021"].fields() if f.kind is Kind.COUNT)
_MONEY = next(f for f in EDITIONS["2021"].fields() if f.kind is Kind.MONEY)


@given(st.integers(0, 10**15), st.integers(0, 16), st.sampled_from(["E", "e"]))
def test_a_count_in_exponent_notation_is_read_exactly_or_not_at_all(
    n: int, places: int, e: str
) -> None:
    text = _scientific(str(n), places).replace("E", e)
    try:
        got = interpret(text, _COUNT).value
    except CellValueError:
        got = None
    shown = len(str(n)) <= places + 1  # (every digit to the units shown)
    assert got == (n if shown else None)


@pytest.mark.parametrize("text", ["1.2E+03", "1E+3", "1.23457E+11", "1.25E+01", "1E+9999"])
def test_a_count_shown_rounded_is_no_number(text: str) -> None:
    with pytest.raises(CellValueError):
        interpret(text, _COUNT)


def test_an_amount_in_exponent_notation_is_no_number() -> None:
    """An amount's digits below those shown may be hidden (1.25E+01 for 12.53)."""
    with pytest.raises(CellValueError):
        interpret("1.25E+01", _MONEY)


@pytest.mark.parametrize("places", [0, 2, 5, 14])
def test_excel_scientific_csv_reads_right_or_blank_with_a_warning(
    places: int, tmp_path: Path
) -> None:
    """Every count shown whole is read, the others blank with a warning (on main none
    was read: at 14 places 1027 of 1394 cells were blank, 5 now: the amounts)."""
    for stem, truth in reports(9, 1):
        folder = tmp_path / stem
        folder.mkdir()
        result = parse(csv_scientific(places)(truth, folder))
        got = judge(truth, result)
        assert got.wrong == 0, (stem, got.wrong_cells[:3])
        for path in cells_of(truth):
            want = truth.get(path)
            whole = truth.layout.field_map[path].kind is Kind.COUNT and isinstance(want, int)
            if whole and len(str(want)) <= places + 1:
                assert result.report.get(path) == want, (stem, path)
