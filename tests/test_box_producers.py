"""Cells a browser keeps or drops, spans as the standard reads them, near-white junk,
backgrounds only on hover, UTF-16 CSV, a sheet named 正文.

Each class is made by the transformations of tests/box_producers.py over the samples and
seeded random reports (benchmarks/box_report.py counts them); before this test a cell hidden
by ``visibility`` (its box kept) was dropped and its row came out short, one hidden by
``collapse`` or in upper case was read, a collapsed row inside a row-spanning label moved
the rows below it, junk in ``#fefefe`` or on a ``#fefefe`` ground or under ``.w:hover``'s
background was read as part of the value.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import openpyxl
import pytest

from box_producers import BOX_FORMATS, TRANSFORMS, produce
from hostile_producers import judge
from pasted_workbooks import csv_utf16, csv_utf16_bare, csv_utf16_be, csv_utf16_comma, merged
from producers import random_report, samples_and_random, score
from zfxxgk import AnnualReport, parse
from zfxxgk.core.cellvalue import UNSEEN
from zfxxgk.published.grid import row_span, span
from zfxxgk.published.unseen import coloured_names
from zfxxgk.published.webpage import html_rows
from zfxxgk.xlsx.colours import near_white


def _reports() -> list[AnnualReport]:
    return list(samples_and_random(29, 2).values())


@pytest.mark.parametrize("fmt", BOX_FORMATS)
@pytest.mark.parametrize("transform", list(TRANSFORMS))
def test_every_cell_is_right_or_blank_with_a_warning(
    tmp_path: Path, transform: str, fmt: str
) -> None:
    for i, report in enumerate(_reports()):
        folder = tmp_path / str(i)
        folder.mkdir()
        s = judge(report, parse(produce(report, transform, fmt, folder)))
        assert s.wrong == 0, s.wrong_cells[:3]
        if transform not in _UNSEEN_CELLS:  # (nothing of the report hidden: all read)
            assert s.blank == 0


#: The transformations that hide cells of the report itself (blank with a warning).
_UNSEEN_CELLS = ("visibility-values", "display-none-blanks")


def _grid(body: str, head: str = "") -> list[tuple[str, ...]]:
    rows, _ = html_rows(f"<html><head>{head}</head><body><table>{body}</table></body></html>")
    return [r.cells for r in rows]


@pytest.mark.parametrize(
    "style",
    ["visibility:hidden", "VISIBILITY: HIDDEN", "visibility:collapse", "opacity:0", "font-size:0"],
)
def test_a_hidden_cell_keeps_its_box(style: str) -> None:
    """A person sees a blank cell, the cell after it in its column."""
    rows = _grid(f'<tr><td>甲</td><td style="{style}">7</td><td>12</td></tr>')
    assert rows[0][0] == "甲" and rows[0][2] == "12"
    assert rows[0][1] in ("", UNSEEN + "7" + UNSEEN)  # (a figure hidden: no value, said)


def test_a_hidden_cell_by_class_keeps_its_box_and_display_none_does_not() -> None:
    head = "<style>.vh{visibility:hidden} .gone{display:none}</style>"
    rows = _grid('<tr><td>甲</td><td class="vh">7</td><td>12</td></tr>', head)
    assert rows[0][0] == "甲" and rows[0][2] == "12"
    rows = _grid('<tr><td>甲</td><td class="gone">7</td><td>12</td></tr>', head)
    assert rows[0][:2] == ("甲", "12")  # (no box: the next cell moves left, as shown)


def test_a_collapsed_row_keeps_the_columns_of_the_rows_a_label_spans() -> None:
    rows = _grid(
        '<tr><td rowspan="3">组</td><td>甲</td><td>1</td></tr>'
        '<tr style="visibility:collapse"><td>乙</td><td>9</td></tr>'
        "<tr><td>丙</td><td>3</td></tr>"
    )
    assert rows[2][1:] == ("丙", "3")
    assert not any(rows[1])  # (the collapsed row: nothing a person sees)


@pytest.mark.parametrize(
    ("written", "rows", "cols"),
    [
        ("+2", 2, 2),
        (" 2 ", 2, 2),
        ("2.5", 2, 2),
        ("2px", 2, 2),
        ("00", 0, 1),
        ("0", 0, 1),
        ("-1", 1, 1),
        ("x", 1, 1),
        ("99999", 100, 100),
    ],
)
def test_spans_are_read_as_the_html_standard_reads_them(written: str, rows: int, cols: int) -> None:
    assert row_span(written) == rows
    assert span(written) == cols


@pytest.mark.parametrize("written", ["+2", " 2", "2.5", "2px", "00", "0", " +0"])
def test_a_row_spanning_cell_covers_the_rows_the_standard_gives_it(written: str) -> None:
    """The rows below keep their columns (0: to the end of its row group)."""
    rows = _grid(
        f'<thead><tr><td rowspan="{written}">组</td><td>甲</td></tr><tr><td>乙</td></tr></thead>'
        "<tbody><tr><td>丙</td><td>3</td></tr></tbody>"
    )
    assert rows[1][1] == "乙"
    assert rows[2][:2] == ("丙", "3")


@pytest.mark.parametrize(
    "colour",
    ["#fff", "#fffffe", "#fefefe", "rgb(254,254,254)", "rgb(99.5% 99.5% 99.5%)",
     "hsl(0, 0%, 99%)", "hsla(0,0%,100%,1)", "snow", "rgba(0,0,0,0.02)", "#00000005"],
)  # fmt: skip
def test_near_white_colours_are_not_seen(colour: str) -> None:
    assert near_white(colour)


@pytest.mark.parametrize(
    "colour", ["#eee", "#f2f2f2", "#f5f5f5", "whitesmoke", "#ffff00", "#333", "red", "lightyellow"]
)
def test_a_pale_colour_a_person_tells_from_white_is_seen(colour: str) -> None:
    assert not near_white(colour)
    assert near_white("black", 0.02) and not near_white("black", 0.05)


def test_a_background_only_on_hover_colours_nothing_at_rest() -> None:
    names = coloured_names(
        [
            ".w:hover{background:#000} .x:focus-within{background:#000} .y::before{background:#000}"
            " tr:hover td{background:#000} td.r:first-child{background:#ccc} .z{background:#fefefe}"
        ]
    )
    assert names == frozenset({".r|:first-child"})


@pytest.mark.parametrize("way", [csv_utf16, csv_utf16_comma, csv_utf16_bare, csv_utf16_be])
def test_a_utf16_csv_is_read_as_the_text_it_is(tmp_path: Path, way: object) -> None:
    report = random_report(random.Random(31), "2021")
    result = parse(way(report, tmp_path))  # type: ignore[operator]
    s = score(report, result)
    assert s.wrong == 0 and s.blank == 0
    src = next(iter(result.report.provenance.cells.values()))  # type: ignore[union-attr]
    assert src.sheet.startswith("unicode") and re.fullmatch(r"[A-Z]+[0-9]+", src.cell)


@pytest.mark.parametrize("title", ["正文", "年报"])
def test_a_note_on_a_workbook_sheet_named_zhengwen_keeps_its_sheet(
    tmp_path: Path, title: str
) -> None:
    """A workbook's sheet named 正文 is not the document's own grid: a note on its cell (a
    unit typed after an amount) names the sheet and the cell, as on any other sheet."""
    report = random_report(random.Random(4), "2019")
    report.proactive.procurement.amount_unit = None
    path = merged(report, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.title = title
    label = next(c for row in ws.iter_rows() for c in row if c.value == "政府集中采购")
    amount = ws.cell(label.row, label.column + 2)  # (采购总金额)
    amount.value = "120万元"
    wb.save(path)
    notes = parse(path).report.provenance.notes  # type: ignore[union-attr]
    said = [(n.sheet, n.cell) for n in notes if n.code == "unit-from-suffix"]
    assert said == [(title, amount.coordinate)]


@pytest.mark.parametrize(
    "style",
    ["color:#00000005", "color:#0000", "COLOR: #FEFEFE", "color:hsl(0 0% 99%)",
     "color:snow", "opacity:2%", "color:#333;opacity:.02"],
)  # fmt: skip
def test_near_white_junk_inline_is_not_read(style: str) -> None:
    """Each way of writing near white reaches the walk (the page's cheap test names it)."""
    rows = _grid(f'<tr><td>甲</td><td>1<span style="{style}">7</span>2</td></tr>')
    assert rows[0] == ("甲", "12")
