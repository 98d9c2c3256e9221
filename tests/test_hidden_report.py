"""A report whose every table the page hides (a tab, a "展开全文" box a script opens).

Sites put a report in a tab pane or a box shown by a click or a script: the tables are in
the page, hidden by its style until then. Content a person does not see is not read
(:mod:`zfxxgk.published.unseen`), so on the code before this test such a page was refused
("none of the report's tables found"), though a person sees the report once the page
runs. Now, where every table of the page is hidden, the tables are read as the page's
source writes them, with a warning (``hidden-tables-read``); where some table is shown,
hidden ones stay unread (tests/test_hidden_content.py).
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

from hostile_producers import FORMATS, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html


def _wrap(page: HtmlElement, **attrib: str) -> HtmlElement:
    """The page's body content moved into a new div with ``attrib``; the div."""
    body = page.find(".//body")
    assert body is not None
    box = lxml.html.Element("div", **attrib)
    box.text, body.text = body.text, None
    for child in list(body):
        box.append(child)
    body.append(box)
    return box


def _add_style(page: HtmlElement, rule: str) -> None:
    head = page.find(".//head")
    assert head is not None
    style = lxml.html.Element("style")
    style.text = rule
    head.append(style)


def inline(page: HtmlElement) -> None:
    _wrap(page, style="display:none")


def attribute(page: HtmlElement) -> None:
    _wrap(page, hidden="hidden")


def tab_pane(page: HtmlElement) -> None:
    """A second tab pane, hidden by the page's style sheet; the shown one holds text."""
    box = _wrap(page, **{"class": "tab-pane"})
    shown = lxml.html.Element("div", **{"class": "tab-pane active"})
    shown.text = "政务公开目录"
    box.addprevious(shown)
    _add_style(page, ".tab-pane{display:none} .tab-pane.active{display:block}")


def collapsed(page: HtmlElement) -> None:
    _wrap(page, id="zoom", style="visibility: hidden; height: 0")


def each_table(page: HtmlElement) -> None:
    for table in page.iter("table"):
        table.set("style", "DISPLAY: NONE")


HIDINGS = {
    "inline": inline,
    "attribute": attribute,
    "tab-pane": tab_pane,
    "collapsed": collapsed,
    "each-table": each_table,
}


@pytest.mark.parametrize("fmt", ("html", "cms", "word"))
@pytest.mark.parametrize("hiding", sorted(HIDINGS))
def test_a_report_the_page_hides_whole_is_read_with_a_warning(
    hiding: str, fmt: str, tmp_path: Path
) -> None:
    rng = random.Random(f"hidden-report/{hiding}/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        HIDINGS[hiding](page)
        folder = tmp_path / str(i)
        folder.mkdir()
        result = parse(FORMATS[fmt](page, folder))
        got = judge(report, result)
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.right > 0.8 * (got.right + got.blank), (got.right, got.blank)
        assert [w.code for w in result.warnings].count("hidden-tables-read") == 1


def test_a_shown_table_keeps_the_hidden_ones_unread(tmp_path: Path) -> None:
    """A page showing one table (a menu) and hiding the report's: nothing is read from
    what is hidden, and the page is refused as before."""
    report = random_report(random.Random(3), "2021")
    page = lxml.html.fromstring(to_html(report))
    each_table(page)
    body = page.find(".//body")
    assert body is not None
    body.insert(0, lxml.html.fromstring("<table><tr><td>首页</td><td>政务公开</td></tr></table>"))
    path = FORMATS["html"](page, tmp_path)
    with pytest.raises(Exception, match="找不到报告的表格"):
        parse(path)
