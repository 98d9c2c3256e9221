"""Adversarial review of the page-structure and speed pass (b881887..2ede925).

A report table that holds a small table in one of its cells (old sites and Word
documents lay a two-line label out as a one-column table inside the cell) is still the
report's table: a person reads the cell as its lines. It is no page layout: reading
its cells as the page's flow lost the whole table (b881887 read it; 2ede925 left 161 of
198 cells blank).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from conftest import SAMPLE_JSON, sample_path
from docx_structures import _q, reshape_docx
from hostile_producers import FORMATS, TRANSFORMS, _is_value, _tables, judge, to_html
from producers import PRODUCERS, cells_of, docx, random_report, score
from zfxxgk import AnnualReport, parse


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def _lines_table_html(text: str) -> str:
    """A one-column table of a label's lines (two characters a line)."""
    lines = [text[i : i + 2] for i in range(0, len(text), 2)] or [text]
    rows = "".join(f"<tr><td>{line}</td></tr>" for line in lines)
    return f"<table border=0>{rows}</table>"


def _nest_html(page: str, labels: tuple[str, ...]) -> str:
    """Each cell whose whole text is one of ``labels`` holds its text as a small table."""
    out = page
    for label in labels:
        pattern = re.compile(
            r"(<t[dh][^>]*>)(?:\s*<(?:p|span)[^>]*>)*\s*"
            + re.escape(label)
            + r"\s*(?:<o:p></o:p>)?(?:</(?:p|span)>\s*)*(</t[dh]>)"
        )
        out, n = pattern.subn(lambda m, t=label: m[1] + _lines_table_html(t) + m[2], out)
        assert n, label
    return out


_LABELS = ("总计", "自然人")


@pytest.mark.parametrize("producer", ("html", "html-word"))
@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_a_label_laid_out_as_a_small_table_in_its_cell_keeps_the_report_table(
    name: str, producer: str, tmp_path: Path
) -> None:
    report = _sample(name)
    page = PRODUCERS[producer](report, tmp_path)
    raw = page.read_bytes()
    charset = "gbk" if b"charset=gbk" in raw.lower() else "utf-8"
    nested = tmp_path / f"nested-{page.name}"
    nested.write_bytes(_nest_html(raw.decode(charset), _LABELS).encode(charset))
    got = score(report, parse(nested))
    assert got.wrong_cells == ()
    assert got.right == len(cells_of(report))


def _nest_docx(body: etree._Element, labels: tuple[str, ...]) -> int:
    """Each cell whose text is one of ``labels``: its paragraph replaced by a one-column
    table of the label's lines, as Word writes a table inserted into a cell."""
    n = 0
    for tc in list(body.iter(_q("tc"))):
        text = "".join(tc.itertext()).strip()
        if text not in labels:
            continue
        for p in [c for c in tc if c.tag == _q("p")]:
            tc.remove(p)
        tbl = etree.SubElement(tc, _q("tbl"))
        for i in range(0, len(text), 2):
            cell = etree.SubElement(etree.SubElement(tbl, _q("tr")), _q("tc"))
            run = etree.SubElement(etree.SubElement(cell, _q("p")), _q("r"))
            etree.SubElement(run, _q("t")).text = text[i : i + 2]
        etree.SubElement(tc, _q("p"))  # Word ends a cell with a paragraph
        n += 1
    return n


@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_a_word_label_laid_out_as_a_small_table_in_its_cell_keeps_the_report_table(
    name: str, tmp_path: Path
) -> None:
    report = _sample(name)
    source = docx(report, tmp_path)
    out = tmp_path / "nested.docx"
    assert reshape_docx(source, out, lambda body: _nest_docx(body, _LABELS))
    got = score(report, parse(out))
    assert got.wrong_cells == ()
    assert got.right == len(cells_of(report))


# A report table whose header rows are its own and whose body rows stand in a table in
# a cell spanning its columns (a CMS editor pasted the data as a table into the table):
# the outer table lays that table out, but its header rows are still a table's rows.
# Read as the page's flow, each header label was a line of its own, so no header could
# show the columns out of the table's order: with the 总计 column first, 2ede925 read
# 139 of 200 cells of a report into the wrong columns (b881887 left them blank).


def _body_in_a_cell(page: lxml.html.HtmlElement) -> None:
    """Each table's value rows moved into a table inside one cell spanning its width."""
    for t in _tables(page):
        trs = list(t.iter("tr"))
        body = [tr for tr in trs if any(_is_value(td) for td in tr.iter("td"))]
        if len(body) < 2:
            continue
        width = max(sum(int(td.get("colspan", 1)) for td in tr) for tr in trs)
        parent = body[0].getparent()
        at = parent.index(body[0])
        inner = lxml.html.fromstring("<table></table>")
        for tr in body:
            tr.getparent().remove(tr)
            inner.append(tr)
        holder = lxml.html.fromstring(f'<table><tr><td colspan="{width}"></td></tr></table>')
        row = holder.find(".//tr")
        row.find("td").append(inner)
        parent.insert(at, row)


@pytest.mark.parametrize("reorder", (False, True))
def test_header_rows_over_a_body_in_a_nested_table_keep_their_columns(
    reorder: bool, tmp_path: Path
) -> None:
    rng = random.Random(f"body-in-a-cell-{reorder}")
    wrong, right = {}, 0
    for i in range(4):
        report = random_report(rng, "2021" if i % 2 else "2019")
        page = lxml.html.fromstring(to_html(report))
        if reorder:
            TRANSFORMS["total-first"](page, report)
        _body_in_a_cell(page)
        path = tmp_path / f"{i}.html"
        path.write_text(lxml.html.tostring(page, encoding="unicode"), encoding="utf-8")
        got = judge(report, parse(path))
        right += got.right
        if got.wrong_cells:
            wrong[i] = got.wrong_cells[:3]
    assert wrong == {}
    if not reorder:  # in the table's order, the order proves every column
        assert right == sum(len(cells_of(r)) for r in _reports_of(f"body-in-a-cell-{reorder}"))


def _reports_of(seed: str) -> list[AnnualReport]:
    rng = random.Random(seed)
    return [random_report(rng, "2021" if i % 2 else "2019") for i in range(4)]


# A 备注 column of numbers in a table whose CMS dropped its spans (on b881887 and
# 2ede925 alike): a row whose values are one unbroken run as long as its fields, with a
# blank or a 备注 number at either end, was read by that run, the 备注's number taken
# for a value and every value one column off (with the 备注 column moved first, 9 of 16
# reports; in a table part without a header of its own, 10 of 16). Where the row
# writes past its headers' labels, or continues a table with a 备注 column, a run
# one cell over is as good a reading: the row is blank with a warning.
_NOTE_PAIRS = [
    ("notes-numbers", "total-first"),
    ("split-tables", "notes-numbers"),
    ("zero-marks", "notes-numbers", "total-first"),
    ("reviews-swapped", "rowspan-plus-one", "notes-numbers"),
]


@pytest.mark.parametrize("shapes", _NOTE_PAIRS, ids="+".join)
def test_a_notes_column_of_numbers_never_shifts_a_run_of_values(
    shapes: tuple[str, ...], tmp_path: Path
) -> None:
    rng = random.Random("/".join(shapes))
    wrong = {}
    for i in range(6):
        report = random_report(rng, "2021" if i % 2 else "2019")
        page = lxml.html.fromstring(to_html(report))
        for shape in shapes:
            TRANSFORMS[shape](page, report)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS["cms"](page, folder)))
        if got.wrong_cells:
            wrong[i] = got.wrong_cells[:3]
    assert wrong == {}


def _body_in_a_cell_docx(body: etree._Element) -> int:
    """Each table's value rows moved into a table inside one cell spanning its grid."""
    n = 0
    for tbl in list(body.iter(_q("tbl"))):
        trs = [c for c in tbl if c.tag == _q("tr")]
        rows = [tr for tr in trs if any(_is_number(tc) for tc in tr if tc.tag == _q("tc"))]
        if len(rows) < 2:
            continue
        grid = tbl.find(_q("tblGrid"))
        width = len(grid) if grid is not None else 1
        at = tbl.index(rows[0])
        holder = etree.Element(_q("tr"))
        cell = etree.SubElement(holder, _q("tc"))
        props = etree.SubElement(cell, _q("tcPr"))
        etree.SubElement(props, _q("gridSpan"), {_q("val"): str(width)})
        inner = etree.SubElement(cell, _q("tbl"))
        for tr in rows:
            tbl.remove(tr)
            inner.append(tr)
        etree.SubElement(cell, _q("p"))
        tbl.insert(at, holder)
        n += 1
    return n


def _is_number(tc: etree._Element) -> bool:
    text = "".join(tc.itertext()).strip()
    return bool(text) and text.replace(".", "").isdigit()


@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_word_header_rows_over_a_body_in_a_nested_table_are_read(name: str, tmp_path: Path) -> None:
    """The Word form of the page above: the header rows a table of their own, the body
    one of its own continuing it, every cell read."""
    report = _sample(name)
    source = docx(report, tmp_path)
    out = tmp_path / "body.docx"
    assert reshape_docx(source, out, _body_in_a_cell_docx)
    got = score(report, parse(out))
    assert got.wrong_cells == ()
    assert got.right == len(cells_of(report))


@pytest.mark.parametrize("fmt", ("md", "tab"))
def test_an_index_column_before_a_row_with_a_blank_last_value_is_no_value(
    fmt: str, tmp_path: Path
) -> None:
    """Table 四 (no label of its row) with a 序号 column: its row's index and 14 values
    then a blank 总计 are a run of 15 as long as the fields; read as the row, the index
    was 结果维持 and every value one column on (b881887 and 2ede925)."""
    rng = random.Random(f"index-{fmt}")
    for i in range(4):
        report = random_report(rng, "2021")
        for k, path in enumerate(p for p in cells_of(report) if p[0] == "reviews"):
            report.set(path, 10 + k)
        report.set(("reviews", "litigation_after_reconsideration", "total"), None)
        page = lxml.html.fromstring(to_html(report))
        TRANSFORMS["index-column"](page, report)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert got.wrong_cells == ()


@pytest.mark.parametrize("fmt", ("md", "word", "html", "cms", "tab"))
def test_a_total_column_moved_first_with_a_header_unfound_is_never_misread(
    fmt: str, tmp_path: Path
) -> None:
    """The 总计 column moved first, 自然人's header not found (a footnote mark glued to
    it): the 总计 header, alone on its row, contradicted no order, and the row was read in
    the fields' order, 总计's value as 自然人's (b881887 and 2ede925). A header found over
    a column names the field it holds: no reading gives that column another field."""
    rng = random.Random(f"footnotes/total-first{fmt}")
    wrong = {}
    for i in range(4):
        report = random_report(rng, "2021" if i % 2 else "2019")
        page = lxml.html.fromstring(to_html(report))
        TRANSFORMS["footnotes"](page, report)
        TRANSFORMS["total-first"](page, report)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        if got.wrong_cells:
            wrong[i] = got.wrong_cells[:3]
    assert wrong == {}
