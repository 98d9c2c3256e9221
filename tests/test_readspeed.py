"""The shortcuts of the fast read (issue 19 §13) give exactly what the long way gives.

- a formula's stored empty result (``t="str"`` with ``<v></v>`` or ``<v/>``) is told
  apart from a missing one (no ``<v>``, or an empty one without a type: openpyxl's);
- a blank total whose stored "" its own test confirms is not evaluated again, and one
  whose stored "" is stale (a cell of it was changed without recalculating) still is;
- :func:`zfxxgk.xlsx.formula.shows_blank` says "blank" only where evaluating gives "".
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from badfiles import replace_part
from conftest import sample_path
from zfxxgk import AnnualReport, fill, read
from zfxxgk.core.layout import Kind
from zfxxgk.core.recordbase import is_typed, set_typed
from zfxxgk.core.values import convert
from zfxxgk.xlsx import sheetxml
from zfxxgk.xlsx.cells import CellErrorValue, read_sheets
from zfxxgk.xlsx.formula import FormulaError, Sheet, Unsupported, evaluate, shows_blank

HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def _base(tmp_path: Path) -> Path:
    import xlsxwriter

    path = tmp_path / "base.xlsx"
    with xlsxwriter.Workbook(str(path)) as book:
        book.add_worksheet("Sheet").write(0, 0, "甲")
    return path


@pytest.mark.parametrize("scanner", ["bytes", "expat"])
def test_a_stored_empty_result_is_told_from_a_missing_one(
    scanner: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fails on main (no ``blank_results``): Excel's and our fill's stored "" (t="str",
    <v></v> or <v/>) against openpyxl's never-computed <v></v> and a formula without <v>."""
    body = (
        HEAD + '<row r="1">'
        '<c r="A1" t="str"><f>IF(B2="","","x")</f><v></v></c>'
        '<c r="B1" s="1" t="str"><f>""</f><v/></c>'
        '<c r="C1"><f>SUM(A2:B2)</f><v></v></c>'
        '<c r="D1" t="str"><f>1&amp;""</f></c>'
        '<c r="E1" t="str"><f>"a"</f><v>a</v></c>'
        '<c r="F1" t="str"><v></v></c>'
        "</row></sheetData></worksheet>"
    )
    path = replace_part(
        _base(tmp_path), tmp_path / "r.xlsx", "xl/worksheets/sheet1.xml", body.encode()
    )
    if scanner == "expat":
        monkeypatch.setattr(sheetxml, "_fast_cells", lambda *args: False)
    sheet = read_sheets(path)["Sheet"]
    assert sheet.blank_results == {(0, 0), (0, 1)}
    assert set(sheet.formulas) == {(0, c) for c in range(5)}
    assert sheet.cells == {(0, 4): "a"}


def _filled(tmp_path: Path) -> tuple[AnnualReport, Path]:
    """The 2021 sample, whose row 其他 of 三 (row 25) is blank: its 总计 J25 keeps its
    formula with a stored "" (none of D25:I25 holds a number)."""
    report = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    assert report.applications.other_overdue_correction.is_empty()
    return report, fill(report, tmp_path / "f.xlsx")


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def test_a_confirmed_blank_total_reads_as_evaluating_it_does(tmp_path: Path) -> None:
    report, path = _filled(tmp_path)
    sheet3 = _part(path, "xl/worksheets/sheet3.xml")
    assert b'<c r="J25" s="15" t="str"><f>IF(COUNT(D25:I25)=0,"",SUM(D25:I25))</f><v></v>' in sheet3
    got = read(path)
    assert got == report
    assert got.provenance is not None
    src = got.provenance.cells[("applications", "other_overdue_correction", "total")]
    assert src.cell == "J25" and src.formula == 'IF(COUNT(D25:I25)=0,"",SUM(D25:I25))'
    assert src.raw == '=IF(COUNT(D25:I25)=0,"",SUM(D25:I25))'
    codes = {n.code for n in got.provenance.notes}
    assert "formula-evaluated" not in codes and "formula-unsupported" not in codes


def test_a_stale_stored_blank_is_not_trusted(tmp_path: Path) -> None:
    """D25 typed in by a tool that does not recalculate: J25 still stores "", but its
    own test says it shows 7 — read 7 (as main does), never a blank."""
    _, path = _filled(tmp_path)
    sheet3 = _part(path, "xl/worksheets/sheet3.xml")
    i = sheet3.index(b'<c r="D25"')
    j = sheet3.index(b">", i) + 1
    cell = sheet3[i:j]
    assert cell.endswith(b"/>")
    typed = cell[:-2] + b"><v>7</v></c>"
    stale = replace_part(
        path, tmp_path / "stale.xlsx", "xl/worksheets/sheet3.xml", sheet3.replace(cell, typed)
    )
    got = read(stale)
    assert got.applications.other_overdue_correction.natural_person == 7
    assert got.applications.other_overdue_correction.total == 7
    assert got.provenance is not None
    assert any(n.code == "formula-evaluated" for n in got.provenance.notes)


refs = st.sampled_from(["A1", "B2", "A1:C1", "B1:B3", "C2:D3", "A1:A1"])
cell_values = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.decimals(-5, 5, places=1),
    st.floats(-5, 5),
    st.text(max_size=3),
    st.sampled_from(["1", " 2 ", "x", ""]),
    st.booleans(),
    st.just(CellErrorValue("#DIV/0!")),
)
grids = st.dictionaries(st.tuples(st.integers(0, 3), st.integers(0, 3)), cell_values, max_size=10)


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(refs, min_size=1, max_size=3),
    other=st.booleans(),
    grid=grids,
    formula_cells=st.sets(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=2),
)
def test_shows_blank_only_where_evaluating_gives_blank(
    parts: list[str], other: bool, grid: dict[tuple[int, int], Any], formula_cells: set[Any]
) -> None:
    """Over random grids (numbers, text, text numbers, booleans, errors, formula cells):
    True ⇒ the evaluator gives "", and where no cell of it holds a formula the two agree."""
    refs_text = ",".join(parts)
    formula = f'IF(COUNT({refs_text})=0,"",SUM({"D4" if other else refs_text}))'
    values = {at: v for at, v in grid.items() if v is not None and at not in formula_cells}
    formulas = dict.fromkeys(formula_cells, "1+1")
    try:
        shown: Any = evaluate(formula, Sheet(dict(values), dict(formulas)))
    except (Unsupported, FormulaError) as exc:
        shown = exc
    blank = shows_blank(formula, values, formulas)
    if blank:
        assert shown == ""
    if other:
        assert not blank  # not the template's form: always evaluated
    elif not formulas:
        assert blank == (shown == "")


def test_shows_blank_refuses_other_forms() -> None:
    """Only the template's exact form is taken; anything else is evaluated as before."""
    for formula in (
        'IF(COUNT(A1:B1)=0,"",VLOOKUP(A1,A1:B1,2))',
        'IF(COUNT(A1:B1)=0,"",SUM(A1:B2))',
        'IF(COUNT(a1:b1)=0,"",SUM(a1:b1))',
        'IF(COUNT(A1:B1)=0,"",SUM(A1:B1))+0',
        'IF(COUNT(zfxxgk!B2)=0,"",SUM(zfxxgk!B2))',
        'IF(COUNT(A1:ZZ1000)=0,"",SUM(A1:ZZ1000))',
    ):
        assert not shows_blank(formula, {}, {}), formula
    assert shows_blank('=IF(COUNT(A1:B1,C3)=0,"",SUM(A1:B1,C3))', {(0, 0): "x"}, {})
    assert not shows_blank('IF(COUNT(A1:B1)=0,"",SUM(A1:B1))', {(0, 1): Decimal("0.5")}, {})


any_values = st.one_of(
    st.none(),
    st.integers(-(2**60), 2**60),
    st.integers(-(2**53) - 2, -(2**53) + 2),
    st.integers(2**53 - 2, 2**53 + 2),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.sampled_from(["元", "万元", "5", ""]),
)


def _assigned(edition: str, values: dict[int, Any], fast: bool) -> tuple[AnnualReport, list[Any]]:
    """A report with ``values`` (by field index) assigned to its records: through the
    converting assignment, or through the typed fast path wherever it applies."""
    report = AnnualReport(edition=edition)
    fields = report.layout.field_list
    refused: list[Any] = []
    for i, value in sorted(values.items()):
        f = fields[i % len(fields)]
        table, part, key = f.path
        record = getattr(getattr(report, table), part)
        if fast and is_typed(f.kind, value):
            set_typed(record, key, value)
            continue
        try:
            setattr(record, key, value)
        except (ValueError, TypeError) as exc:
            refused.append((i, type(exc).__name__))
    return report, refused


@settings(max_examples=200, deadline=None)
@given(
    edition=st.sampled_from(["2019", "2021"]),
    values=st.dictionaries(st.integers(0, 400), any_values, max_size=40),
)
def test_the_typed_fast_path_builds_the_same_records(edition: str, values: dict[int, Any]) -> None:
    """Whatever the values, a report built through ``set_typed`` (where ``is_typed`` says
    so) equals the one built by the converting assignment, value for value and type for
    type, and the same values are refused."""
    normal, refused_normal = _assigned(edition, values, fast=False)
    fast, refused_fast = _assigned(edition, values, fast=True)
    assert refused_fast == refused_normal
    assert fast == normal
    for f in normal.layout.field_list:
        assert type(fast.get(f.path)) is type(normal.get(f.path)), f.path


@settings(max_examples=300, deadline=None)
@given(value=any_values, kind=st.sampled_from(list(Kind)))
def test_is_typed_means_convert_keeps_the_value(value: Any, kind: Kind) -> None:
    """``is_typed`` holds only where ``convert`` returns the very value it was given."""
    if is_typed(kind, value):
        assert convert(kind, value, "f") is value


_CONTENTS = [
    '<f>IF(A1="","","x")</f><v></v>',
    '<f>""</f><v/>',
    "<f>SUM(A1:B1)</f><v></v>",
    "<f>1+1</f><v>2</v>",
    "<f>1+1</f>",
    "<f>A1&amp;B1</f><v>a&amp;b</v>",
    '<f t="shared" si="0">1</f><v>1</v>',
    "<v>12</v>",
    "<v></v>",
    '<is><t xml:space="preserve"> a&lt;b _x000D_ </t></is>',
    "<is><t>甲</t></is>",
    "<is><r><t>a</t></r><r><t>b</t></r></is>",
]


@settings(max_examples=60, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(["", ' t="str"', ' t="n"', ' t="inlineStr"', ' t="e"', ' t="b"']),
            st.sampled_from(_CONTENTS),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_both_scanners_agree_on_formula_results_and_inline_strings(
    cells: list[tuple[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Formula cells with and without stored results of every type, and inline strings,
    give the same cells, formulas and stored blanks through the byte scanner (which now
    decodes them itself) as through expat."""
    tmp = tmp_path_factory.mktemp("scan")
    row = "".join(f'<c r="{"ABCDEFGH"[i]}1"{t}>{body}</c>' for i, (t, body) in enumerate(cells))
    body = HEAD + f'<row r="1">{row}</row></sheetData></worksheet>'
    path = replace_part(_base(tmp), tmp / "r.xlsx", "xl/worksheets/sheet1.xml", body.encode())
    fast = read_sheets(path)["Sheet"]
    with pytest.MonkeyPatch.context() as m:
        m.setattr(sheetxml, "_fast_cells", lambda *args: False)
        slow = read_sheets(path)["Sheet"]
    # by repr and type: a text in a number cell reads as nan both ways (nan != nan)
    assert {k: (type(v), repr(v)) for k, v in fast.cells.items()} == {
        k: (type(v), repr(v)) for k, v in slow.cells.items()
    }
    assert fast.formulas == slow.formulas
    assert fast.blank_results == slow.blank_results


def test_the_plain_cell_pattern_finds_the_same(tmp_path: Path) -> None:
    """Python 3.10 has no possessive repeats: the plain pattern it compiles instead finds
    exactly the same cells (here on both editions' filled workbooks and the corpus)."""
    import re

    plain = re.compile(sheetxml.plain_repeats(sheetxml._CELL_PATTERN), re.S)
    assert plain.pattern == (  # the pattern before it was made possessive
        rb'<c r="([A-Z]{1,3}\d+)"(?: s="(\d+)")?(?: t="(\w+)")?\s*>'
        rb"(?:<v>([^<]+)</v></c>|([^<]*(?:<(?!/c>)[^<]*)*)</c>)"
    )
    _, filled = _filled(tmp_path)
    files = [filled, *sorted((Path(__file__).parent / "data" / "corpus").glob("*.xlsx"))]
    seen = 0
    for path in files:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    data = zf.read(name)
                    assert plain.findall(data) == sheetxml._ORDERED_CELL.findall(data), name
                    seen += 1
    assert seen >= 5
