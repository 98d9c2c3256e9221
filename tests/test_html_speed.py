"""The fast reading of simple HTML gives exactly what the standard parser gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from badfiles import mutate_bytes
from zfxxgk import AnnualReport
from zfxxgk.published.export import to_html
from zfxxgk.published.textsource import (
    TextRow,
    _HtmlTables,
    complete_markup,
    html_rows,
    simple_markup_events,
)

SAMPLES = Path(__file__).parent / "data" / "samples"
NAMES = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<title>某局2024年政府信息公开工作年度报告</title>
<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
</head><body lang=ZH-CN>
<p class=MsoNormal><![if !supportLists]>一、<![endif]>总体情况&nbsp;&amp;&#x4E00;&lt;b&gt;
<br/>第二行</p>
<table class=MsoTableGrid border=1 cellspacing=0>
<tr><td width=100 rowspan=2 valign=top><p>信息内容</p></td>
<TD COLSPAN='2'>本年<br>制发件数</TD></tr>
<tr><td colspan="2" nowrap>3</td></tr>
<tr><td/><td>4 <!-- a note -- > </td></tr>
</table><?xml version="1.0"?></body></html>"""


def standard(page: str) -> tuple[list[TextRow], str]:
    p = _HtmlTables()
    p.feed(complete_markup(page))
    p.close()
    return p.rows, "".join(p.text)


def pages() -> list[str]:
    out = [WORD_HTML]
    for name in NAMES:
        out.append(to_html(AnnualReport.from_json((SAMPLES / f"{name}.json").read_bytes())))
    return out


@pytest.mark.parametrize("page", pages())
def test_simple_pages_read_as_the_standard_parser_reads_them(page: str) -> None:
    assert simple_markup_events(complete_markup(page)) is not None
    assert html_rows(page) == standard(page)


def test_pages_it_does_not_cover_go_to_the_standard_parser() -> None:
    for page in (
        "<table><tr><td>1</td></tr></table><script>var a = '<td>';</script>",
        '<table><tr><td title="a>b">1</td></tr></table>',
        "<table><tr><td rowspan=&#50;>1</td></tr></table>",
        "<title>a<b>c</b></title><table><tr><td>1</td></tr></table>",
    ):
        assert simple_markup_events(complete_markup(page)) is None
        assert html_rows(page) == standard(page)


def test_mutated_pages_read_alike() -> None:
    """Byte mutations of simple pages: where the fast reading takes the page, it reads
    what the standard parser reads (seeded)."""
    rng = random.Random(20261127)
    base = [p.encode() for p in pages()]
    taken = 0
    for _ in range(300):
        page = mutate_bytes(rng.choice(base), rng).decode("utf-8", "replace")
        try:
            expected = standard(page)
        except AssertionError:  # the standard parser's own failure on <![x …]>
            continue
        if simple_markup_events(complete_markup(page)) is not None:
            taken += 1
        assert html_rows(page) == expected
    assert taken > 100
