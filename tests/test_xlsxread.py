"""The cell reader against an independent one (python-calamine), and its two scanners
against each other: the byte-level regex pass and the token scanner it falls back to."""

from __future__ import annotations

import contextlib
import math
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from badfiles import replace_part
from conftest import LINEAR_SECONDS
from zfxxgk.errors import WorkbookFormatError
from zfxxgk.xlsx import cells as xlsxread
from zfxxgk.xlsx import sheetxml
from zfxxgk.xlsx.cells import read_sheets

CORPUS = Path(__file__).parent / "data" / "corpus"

texts = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="_\r"
    ),
    min_size=1,
    max_size=12,
).filter(lambda t: t.strip() and not t.startswith("="))
values = st.one_of(
    st.integers(-(2**53), 2**53),
    st.floats(-1e300, 1e300, allow_nan=False),
    texts,
    st.booleans(),
)
grids = st.dictionaries(
    st.tuples(st.integers(0, 40), st.integers(0, 12)), values, min_size=1, max_size=60
)


def _token_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, xlsxread.Sheet]:
    with monkeypatch.context() as m:
        m.setattr(sheetxml, "_fast_cells", lambda *args: False)
        return read_sheets(path)


def _write(path: Path, sheets: dict[str, dict[tuple[int, int], Any]], writer: str) -> None:
    if writer == "openpyxl":
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for name, grid in sheets.items():
            ws = wb.create_sheet(name)
            for (r, c), v in grid.items():
                ws.cell(r + 1, c + 1, v)
        wb.save(path)
        return
    import xlsxwriter

    with xlsxwriter.Workbook(str(path)) as book:
        for name, grid in sheets.items():
            ws = book.add_worksheet(name)
            for (r, c), v in grid.items():
                ws.write(r, c, v)


def _same(a: Any, b: Any, rel: float = 0.0) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b or math.isclose(a, b, rel_tol=rel)
    return bool(a == b)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(grid=grids, writer=st.sampled_from(["openpyxl", "xlsxwriter"]))
def test_values_agree_with_calamine_and_the_token_scanner(
    grid: dict[tuple[int, int], Any],
    writer: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever openpyxl (inline strings) or xlsxwriter (shared strings) writes, both
    scanners read what calamine reads, cell for cell."""
    path = tmp_path / "g.xlsx"
    _write(path, {"表 1": grid, "空": {}}, writer)
    ours = read_sheets(path)
    tokens = _token_only(path, monkeypatch)
    assert list(ours) == list(tokens) == ["表 1", "空"]
    assert ours["表 1"].cells == tokens["表 1"].cells
    assert ours["空"].cells == {}
    cal = (
        CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name("表 1")
        .to_python(skip_empty_area=False)
    )
    seen = {(r, c): v for r, row in enumerate(cal) for c, v in enumerate(row) if v != ""}
    assert set(seen) == set(ours["表 1"].cells)
    for at, v in seen.items():
        assert _same(ours["表 1"].cells[at], v), (at, ours["表 1"].cells[at], v)
        # both writers keep 16 significant digits of a float
        assert _same(ours["表 1"].cells[at], grid[at], 1e-15), (at, grid[at])


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.xls[xm]")), ids=lambda p: p.name)
def test_the_two_scanners_agree_on_the_corpus(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files from Excel-like writers, LibreOffice and hand edits: the same cells and
    formulas from the regex pass as from the token scanner."""
    ours = read_sheets(path)
    tokens = _token_only(path, monkeypatch)
    assert list(ours) == list(tokens)
    for name in ours:
        assert ours[name].cells == tokens[name].cells, name
        assert ours[name].formulas == tokens[name].formulas, name


def test_unusual_but_valid_cell_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Attributes in another order, a cell without a reference, prefixes, inline strings,
    entities, an empty stored result and a comment all read as the XML says."""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><!-- a comment <c r="A1"><v>9</v></c> -->'
        '<row r="1"><c t="s" r="A1" s="0"><v>0</v></c><c r="B1" t="inlineStr"><is><t>a&amp;b'
        '</t></is></c><c r="C1"><f>SUM(A2:B2)</f><v></v></c><c r="D1" t="str"><v>&lt;x&gt;'
        '</v></c><c r="E1" t="str"><f>IF(A2&gt;1,"✓","✗")</f><v>&lt;✓&gt;</v></c>'
        '<c r="F1"><f>1+1</f><v>2</v></c><c r="G1" t="str"><f>""</f><v></v></c></row>'
        '<row r="2"><c r="A2"><v>1.5</v></c><c><v>2</v></c><c r="D2" t="b"><v>1</v></c>'
        '<c r="E2" t="e"><v>#DIV/0!</v></c></row></sheetData></worksheet>'
    )
    _write(tmp_path / "base.xlsx", {"Sheet": {(0, 0): "甲"}}, "xlsxwriter")  # shared string 0
    path = replace_part(
        tmp_path / "base.xlsx", tmp_path / "odd.xlsx", "xl/worksheets/sheet1.xml", sheet.encode()
    )
    for sheets in (read_sheets(path), _token_only(path, monkeypatch)):
        cells = next(iter(sheets.values())).cells
        assert cells[(0, 0)] == "甲" and cells[(0, 1)] == "a&b" and cells[(0, 3)] == "<x>"
        formulas = next(iter(sheets.values())).formulas
        assert (0, 2) not in cells and formulas[(0, 2)] == "SUM(A2:B2)"
        assert formulas[(0, 4)] == 'IF(A2>1,"✓","✗")' and cells[(0, 4)] == "<✓>"
        assert formulas[(0, 5)] == "1+1" and cells[(0, 5)] == 2
        assert formulas[(0, 6)] == '""' and (0, 6) not in cells
        assert cells[(1, 0)] == 1.5 and cells[(1, 1)] == 2 and cells[(1, 3)] is True
        assert str(cells[(1, 4)]) == "#DIV/0!"


def _sheet_of(
    tmp_path: Path, name: str, body: bytes, part: str = "xl/worksheets/sheet1.xml"
) -> Path:
    _write(tmp_path / "base.xlsx", {"Sheet": {(0, 0): "甲"}}, "xlsxwriter")
    return replace_part(tmp_path / "base.xlsx", tmp_path / name, part, body)


HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


@pytest.mark.parametrize(
    "name, body",
    [
        # tags that never close, before the last </c>: each start must not scan the rest
        (
            "open-tags",
            b'<row r="1">' + b'<c t="n" r="A1" ' * 20000 + b'/><c t="n" r="B1"><v>1</v></c></row>',
        ),
        ("no-gt", b"<row><c" + b"<c" * 60000),
        (
            "open-values",
            b'<row r="1"><c r="A1" t="str"><f>1</f><v>1</v>' + b"<v>" * 60000 + b"</c></row>",
        ),
        ("open-formulas", b'<row r="1"><c r="A1"><f>1</f>' + b"<f>" * 60000 + b"</c></row>"),
        (
            "open-texts",
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t>'
            + b"<t>" * 60000
            + b"</is></c></row>",
        ),
        (
            "open-phonetic",
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh>'
            + b"<rPh>" * 60000
            + b"</is></c></row>",
        ),
        (
            "long-attributes",
            b'<row r="1">'
            + b'<c r="A1" x="'
            + b"a" * 300000
            + b'"'
            + b'<c r="A1"><v>1</v></c></row>',
        ),
    ],
)
def test_crafted_markup_costs_linear_time(tmp_path: Path, name: str, body: bytes) -> None:
    """Markup made to send the scanners back over the rest of the part again and again
    (unclosed tags and elements) reads in linear time: a read or an error, within a
    generous limit."""
    path = _sheet_of(tmp_path, f"{name}.xlsx", HEAD + body + b"</sheetData></worksheet>")
    start = time.perf_counter()
    with contextlib.suppress(WorkbookFormatError):
        read_sheets(path)
    assert time.perf_counter() - start < LINEAR_SECONDS, name


def test_crafted_styles_and_strings_cost_linear_time(tmp_path: Path) -> None:
    """The same for the styles and shared strings parts."""
    base = _sheet_of(
        tmp_path,
        "ok.xlsx",
        HEAD + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
    )
    for part, body in (
        ("xl/styles.xml", b"<styleSheet><cellXfs>" + b"<xf " * 60000 + b"</cellXfs>"),
        ("xl/styles.xml", b"<styleSheet>" + b"<numFmt " * 60000 + b"</styleSheet>"),
        ("xl/sharedStrings.xml", b"<sst><si><t>a</t>" + b"<t " * 60000 + b"</si></sst>"),
        ("xl/sharedStrings.xml", b"<sst><x:si>" + b"<t>" * 60000 + b"</x:si></sst>"),
    ):
        path = replace_part(base, tmp_path / "crafted.xlsx", part, body)
        start = time.perf_counter()
        with contextlib.suppress(WorkbookFormatError):
            read_sheets(path)
        assert time.perf_counter() - start < LINEAR_SECONDS, (part, body[:30])
