"""Cases an adversarial review of the published-report reader found (review 6).

Each is a class of input a producer makes, tested on a generated report: every cell
right, or blank with a warning; never another number, and nothing read before lost.
"""

from __future__ import annotations

import copy
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

from hidden_producers import _VALUE, _each, _plain_docx, _run
from hostile_producers import judge
from pasted_workbooks import _one_sheet
from producers import cells_of, random_report
from test_workbook_raised_runs import _shared
from test_workbook_unseen import _value_cells
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html


def _docx(
    report: AnnualReport,
    path: Path,
    change: Callable[[str], str] = lambda x: x,
    styles: Callable[[str], str] = lambda x: x,
) -> Path:
    plain = io.BytesIO(_plain_docx(report, path.parent))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "word/styles.xml":
                data = styles(data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)
    return path


def _value_style_positioned(xml: str) -> str:
    """The value paragraphs' style (表格数字) lowered by 1.5 pt: every value alike."""
    head = re.compile(r'(<w:style [^>]*w:styleId="表格数字"[^>]*>)')
    assert head.search(xml)
    return head.sub(r'\1<w:rPr><w:position w:val="-3"/></w:rPr>', xml, count=1)


#: How a document sets a whole value off the line by w:position (every run of it alike).
POSITIONED: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "lowered-run": (
        lambda x: _each(_VALUE, x, lambda s, i: _run(s, '<w:position w:val="-2"/>')),
        lambda x: x,
    ),
    "raised-run": (
        lambda x: _each(_VALUE, x, lambda s, i: _run(s, '<w:position w:val="1"/>')),
        lambda x: x,
    ),
    "split-runs": (
        lambda x: _each(
            _VALUE,
            x,
            lambda s, i: (
                _run(s[:1], '<w:position w:val="-2"/>') + _run(s[1:], '<w:position w:val="-2"/>')
            ),
        ),
        lambda x: x,
    ),
    "paragraph-style": (lambda x: x, _value_style_positioned),
}


@pytest.mark.parametrize("kind", sorted(POSITIONED))
def test_a_value_positioned_whole_is_read(kind: str, tmp_path: Path) -> None:
    """A w:position raises a run against its paragraph's other runs only: a value whose
    runs are all lowered alike (as PDF converters and people align a cell's text) is
    read. On b7bbb13 every such value was taken for a raised mark: the report blank."""
    report = random_report(random.Random(f"review6/position/{kind}"), "2021")
    change, styles = POSITIONED[kind]
    got = judge(report, parse(_docx(report, tmp_path / "p.docx", change, styles)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def test_a_mark_positioned_against_a_lowered_value_is_no_digit(tmp_path: Path) -> None:
    """The control: each value lowered by 1 pt and a mark after every third at 0 (raised
    against it), or at 3 pt: blank with a warning, never a digit of the number."""

    def mark(s: str, i: int) -> str:
        value = _run(s, '<w:position w:val="-2"/>')
        if not (s.strip().isdigit() and i % 3 == 0):
            return value
        return value + _run(str(i % 9 + 1), "" if i % 2 else '<w:position w:val="6"/>')

    report = random_report(random.Random("review6/position/mark"), "2021")
    got = judge(report, parse(_docx(report, tmp_path / "m.docx", lambda x: _each(_VALUE, x, mark))))
    assert got.wrong == 0, got.wrong_cells[:3]
    assert got.blank > 0


def _rows_in_frames(html: str) -> str:
    """Each table's rows, each in a table of its own, in the rows of a frame table (a
    frame's one cell a row), as page builders lay a report out."""
    page = lxml.html.fromstring(html)
    for table in list(page.iter("table")):
        frame = etree.Element("table")
        for tr in list(table.iter("tr")):
            cell = etree.SubElement(etree.SubElement(frame, "tr"), "td")
            etree.SubElement(cell, "table").append(copy.deepcopy(tr))
        parent = table.getparent()
        assert parent is not None
        parent.replace(table, frame)
    return lxml.html.tostring(page, encoding="unicode")


def test_rows_each_a_table_in_a_frame_are_read(tmp_path: Path) -> None:
    """A one-row table alone in a frame's row is a report's row, not a cell's lines laid
    out side by side (which stand beside the other cells of their row). On b7bbb13 each
    such row was read as one cell's lines: the report blank (141 of 141 cells)."""
    report = random_report(random.Random("review6/frames"), "2021")
    path = tmp_path / "frames.html"
    path.write_text(_rows_in_frames(to_html(report)), encoding="utf-8")
    result = parse(path)
    got = judge(report, result)
    assert got.wrong == 0, got.wrong_cells[:3]
    # (table 四's header row and its values row, two one-row tables, are joined side by
    # side by sidetables' frozen-columns rule: blank with a warning; the rest is read)
    missed = [p for p in cells_of(report) if p[0] != "reviews" and result.report.get(p) is None]
    assert not [p for p in missed if report.get(p) is not None], missed[:3]


@pytest.mark.parametrize("fill", ("FF1F4E79", "FFF2F2F2"))
@pytest.mark.parametrize("where", ("inline", "shared"))
def test_a_white_run_in_a_white_font_cell_is_a_digit(where: str, fill: str, tmp_path: Path) -> None:
    """A cell of a fill and a white font (a styled 总计 column) whose number has one
    digit made bold: Excel writes the bold run with its colour (the theme's Background
    1, white) and the others without (the cell's own font, white too). A person reads
    the whole number; on b7bbb13 the white run was left out as junk beside runs that
    show text: 71 read 7, every such cell another number."""
    report = random_report(random.Random(f"review6/dark-run/{where}/{fill}"), "2021")
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    marked = 0
    for r, c, has_value in _value_cells(report):
        value = ws.cell(r, c).value
        if has_value and isinstance(value, int) and value >= 10:
            text = str(value)
            bold = InlineFont(color=Color(theme=0), b=True)
            ws.cell(r, c).value = CellRichText(text[:-1], TextBlock(bold, text[-1]))
            ws.cell(r, c).font = Font(color="FFFFFFFF")
            ws.cell(r, c).fill = PatternFill("solid", fgColor=fill)
            marked += 1
    path = tmp_path / "dark.xlsx"
    wb.save(path)
    if where == "shared":
        _shared(path)
    assert marked > 0
    got = judge(report, parse(path))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


#: Style sheets whose white rule names the value cells' class but applies to none of
#: them as a browser matches it: inside an element no cell is in, on hover, on another
#: tag.
UNAPPLIED_WHITE = {
    "scoped": ".hl td.v{color:#fff} .hl{background:#c00}",
    "hover": "td.v:hover{color:#fff}",
    "other-tag": "a.v{color:#fff}",
}


@pytest.mark.parametrize("kind", sorted(UNAPPLIED_WHITE))
def test_a_white_rule_that_matches_no_cell_leaves_values_read(kind: str, tmp_path: Path) -> None:
    """A style sheet's white rule is judged by its whole selector (its tag, the
    ancestors it names, no pseudo-class), as a browser applies it. On b7bbb13 its last
    class alone was read: every value cell of that class white, the report blank (160
    of 160 cells, with warnings)."""
    report = random_report(random.Random(f"review6/unapplied-white/{kind}"), "2021")
    page = to_html(report)
    assert 'class="v"' in page and "</head>" in page
    path = tmp_path / "p.html"
    path.write_text(page.replace("</head>", f"<style>{UNAPPLIED_WHITE[kind]}</style></head>", 1))
    got = judge(report, parse(path))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _framed_docx(xml: str) -> str:
    """Each table of the body as a frame table: a row of one cell each of its rows,
    the cell holding a table of that one row."""
    root = etree.fromstring(xml.encode("utf-8"))
    body = root.find(f"{_W}body")
    assert body is not None
    for tbl in [t for t in body if t.tag == f"{_W}tbl"]:
        frame = etree.Element(f"{_W}tbl")
        for tr in tbl.findall(f"{_W}tr"):
            cell = etree.SubElement(etree.SubElement(frame, f"{_W}tr"), f"{_W}tc")
            inner = etree.SubElement(cell, f"{_W}tbl")
            inner.extend(copy.deepcopy(c) for c in tbl if c.tag in (f"{_W}tblPr", f"{_W}tblGrid"))
            inner.append(copy.deepcopy(tr))
            etree.SubElement(cell, f"{_W}p")
        body.replace(tbl, frame)
    return etree.tostring(root, encoding="unicode")


def test_word_rows_each_a_table_in_a_frame_are_read(tmp_path: Path) -> None:
    """The .docx of the frame case (:func:`test_rows_each_a_table_in_a_frame_are_read`):
    on b7bbb13 each one-row table was read as its cell's lines, 150 cells blank."""
    report = random_report(random.Random("review6/word-frames"), "2021")
    result = parse(_docx(report, tmp_path / "frames.docx", _framed_docx))
    got = judge(report, result)
    assert got.wrong == 0, got.wrong_cells[:3]
    missed = [p for p in cells_of(report) if p[0] != "reviews" and result.report.get(p) is None]
    assert not [p for p in missed if report.get(p) is not None], missed[:3]


_WHITE_STYLE = (
    '<w:style w:type="character" w:customStyle="1" w:styleId="WhiteText">'
    '<w:name w:val="白字"/><w:rPr><w:color w:val="FFFFFF"/></w:rPr></w:style>'
)
#: How a value is written white, the whole of it: its run's own colour, a style's.
WHITE_VALUES = {"own": '<w:color w:val="FFFFFF"/>', "style": '<w:rStyle w:val="WhiteText"/>'}


@pytest.mark.parametrize("kind", sorted(WHITE_VALUES))
def test_a_value_all_white_in_a_word_cell_is_a_blank_said(kind: str, tmp_path: Path) -> None:
    """A Word cell whose only text is a figure in white (a value on a shading this
    reader does not see, a table style's; or junk in a blank cell) is no value, said
    (cell-white-unsure), as the HTML reader says it: on b7bbb13 the white run was
    dropped and the cell read blank without a word (28 cells of a report)."""

    def white(s: str, i: int) -> str:
        on = s.strip().isdigit() and i % 5 == 0
        return _run(s, WHITE_VALUES[kind]) if on else _run(s)

    report = random_report(random.Random(f"review6/white-value/{kind}"), "2021")
    path = _docx(
        report,
        tmp_path / "w.docx",
        lambda x: _each(_VALUE, x, white),
        lambda x: x.replace("</w:styles>", _WHITE_STYLE + "</w:styles>"),
    )
    result = parse(path)
    got = judge(report, result)
    assert got.wrong == 0, got.wrong_cells[:3]
    assert got.blank > 0
    notes = result.report.provenance.notes
    reasons = {getattr(n.params.get("reason"), "key", None) for n in notes if n.params}
    assert "cell-white-unsure" in reasons


@pytest.mark.parametrize("fill", ("FFF2F2F2", "FFFFF2CC"))
def test_a_white_junk_run_on_a_light_fill_is_no_digit(fill: str, tmp_path: Path) -> None:
    """The control: anti-copy junk pasted into a cell of a light fill and a dark font
    (white on light grey or yellow, which no one reads) is left out, as on no fill."""
    rng = random.Random(f"review6/light-run/{fill}")
    report = random_report(rng, "2021")
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    for r, c, has_value in _value_cells(report):
        value = ws.cell(r, c).value
        if has_value and isinstance(value, int) and rng.random() < 0.3:
            junk = TextBlock(InlineFont(color="FFFFFFFF"), str(rng.randint(1, 99)))
            ws.cell(r, c).value = CellRichText(str(value), junk)
            ws.cell(r, c).fill = PatternFill("solid", fgColor=fill)
    path = tmp_path / "light.xlsx"
    wb.save(path)
    _shared(path)
    got = judge(report, parse(path))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


@pytest.mark.parametrize("where", ("inline", "shared"))
def test_a_noncharacter_in_a_workbook_string_marks_no_run(where: str, tmp_path: Path) -> None:
    """The character the reader marks white runs with (a noncharacter, U+FDD2) may
    stand in a file's string, which no one sees: it is left out, never taken for a
    white run's marks. On b7bbb13 1\\ufdd29\\ufdd25 + a bold 7 (shown 1957) read 157."""
    report = random_report(random.Random(f"review6/noncharacter/{where}"), "2021")
    wb = _one_sheet(report, merge=True)
    ws = wb.active
    assert ws is not None
    marked = 0
    for r, c, has_value in _value_cells(report):
        value = ws.cell(r, c).value
        if has_value and isinstance(value, int) and value >= 100:
            t = str(value)
            plain = f"{t[:1]}\ufdd2{t[1:2]}\ufdd2{t[2:-1]}"
            # (rich text: a last digit in bold, as the expat readers read it)
            ws.cell(r, c).value = CellRichText(plain, TextBlock(InlineFont(b=True), t[-1]))
            marked += 1
    assert marked > 0
    path = tmp_path / "n.xlsx"
    wb.save(path)
    if where == "shared":
        _shared(path)
    got = judge(report, parse(path))
    assert got.wrong == 0, got.wrong_cells[:3]
