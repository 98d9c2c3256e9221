"""The lxml reading of HTML gives what the standard parser gives on well-formed pages,
and stays within its bounds on any page."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from badfiles import mutate_bytes
from html_oracle import oracle_rows
from producers import PRODUCERS
from zfxxgk import AnnualReport
from zfxxgk.errors import ZfxxgkError
from zfxxgk.published.textsource import html_rows

SAMPLES = Path(__file__).parent / "data" / "samples"
NAMES = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")
HTML_PRODUCERS = ("html", "html-cms", "html-cms-rowspan", "html-repeated-header", "html-word")

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=gbk">
<title>某局2024年政府信息公开工作年度报告</title>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
</head><body lang=ZH-CN>
<p class=MsoNormal><![if !supportLists]>一、<![endif]>总体情况&nbsp;&amp;&#x4E00;&lt;b&gt;
<br/>第二行</p>
<table class=MsoTableGrid border=1 cellspacing=0>
<tr><td width=100 rowspan=2 valign=top><p>信息内容</p></td>
<TD COLSPAN='2'>本年<br>制发件数</TD></tr>
<tr><td colspan="2" nowrap>3</td></tr>
<tr><td>5</td><td>4 <!-- a note --> </td></tr>
</table><?xml version="1.0"?><script>if (a<b) {document.write('<td>9</td>')}</script>
</body></html>"""


def pages(tmp: Path) -> list[str]:
    out = [WORD_HTML]
    for name in NAMES:
        report = AnnualReport.from_json((SAMPLES / f"{name}.json").read_bytes())
        out += [PRODUCERS[p](report, tmp).read_text("utf-8") for p in HTML_PRODUCERS]
    return out


def test_pages_read_as_the_standard_parser_reads_them(tmp_path: Path) -> None:
    """Our pages, CMS pages, Word's pages (conditional comments, <o:p>, a script with
    markup in it, a charset the text no longer has): the rows the standard parser reads."""
    for page in pages(tmp_path):
        rows, text = html_rows(page)
        assert rows == oracle_rows(page)[0]
        assert "document.write" not in text and "年度报告" in text


def test_mutated_pages_stay_readable(tmp_path: Path) -> None:
    """Byte mutations of our pages: read, or refused with our error, in bounded time."""
    rng = random.Random(20261127)
    base = [p.encode() for p in pages(tmp_path)]
    for _ in range(200):
        page = mutate_bytes(rng.choice(base), rng).decode("utf-8", "replace")
        t = time.perf_counter()
        try:
            rows, _ = html_rows(page)
        except ZfxxgkError:
            continue
        assert all(isinstance(c, str) for r in rows for c in r.cells)
        assert time.perf_counter() - t < 2.0


@pytest.mark.parametrize(
    "page",
    [
        '<table><tr><td title="a>b">1</td></tr></table>',
        "<table><tr><td rowspan=&#50;>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
    ],
)
def test_markup_the_fast_path_once_left_out(page: str) -> None:
    """Quotes holding ">", entities in spans, unclosed tags: as the standard parser
    reads them."""
    assert html_rows(page)[0] == oracle_rows(page)[0]


def test_a_table_in_a_table_is_read_as_a_table_of_its_own() -> None:
    """A table that holds a table lays the page out (the standard parser's reader wrote
    the inner table into the outer cell's text): its cells are lines, the inner table a
    table of its own, on its own grid."""
    rows, _ = html_rows(
        "<table><tr><td>1<table><tr><td>2</td><td>4</td></tr></table></td><td>3</td></tr></table>"
    )
    assert [(r.cells, r.positional) for r in rows] == [
        (("1",), False),
        (("2", "4"), True),
        (("3",), False),
    ]


def test_a_small_table_of_a_cells_lines_is_the_cells_text() -> None:
    """A table in a cell that only lays out the cell's lines (one cell a row, short) is
    no page layout: the outer table is a table, the cell's text its lines."""
    rows, _ = html_rows(
        "<table><tr><td>1<table><tr><td>2</td></tr><tr><td>5</td></tr></table></td>"
        "<td>3</td></tr></table>"
    )
    assert [(tuple(c.split() for c in r.cells), r.positional) for r in rows] == [
        ((["1", "2", "5"], ["3"]), True)
    ]


def test_unclosed_tags_close_as_a_browser_closes_them() -> None:
    """A new row closes the cell before it, a paragraph the one before it."""
    rows, _ = html_rows("<p>a<p>b<table><tr><td>1<td>2<tr><td>3</table>c")
    assert [r.cells for r in rows] == [("a",), ("b",), ("1", "2"), ("3", ""), ("c",)]
    assert [r.written() for r in rows[2:4]] == [(0, 1), (0,)]
