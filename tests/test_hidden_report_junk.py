"""A page that hides every table still hides junk inside them.

Review of 09a8e39: where every table of a page is hidden (a tab pane, a box a script
opens), the page was read again as its source writes it, hidden junk and all: the
anti-copy digits in ``display:none`` spans, in a class the page's style sheet hides or in
white spans were read into the numbers (131 for 11, 7094314903124 for 794314903124): 187
to 197 cells of each report another number, under one page-level warning. Now only what
holds the tables is read though hidden; what the cells hide is not (each case fails on
09a8e39).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement

from hidden_producers import _junk, _style_sheet, _values
from hostile_producers import FORMATS, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html


def _wrap(page: HtmlElement, **attrib: str) -> None:
    body = page.find(".//body")
    assert body is not None
    box = lxml.html.Element("div", **attrib)
    box.text, body.text = body.text, None
    for child in list(body):
        box.append(child)
    body.append(box)


def _inline(page: HtmlElement) -> None:
    _wrap(page, style="display:none")


def _tab_pane(page: HtmlElement) -> None:
    _wrap(page, **{"class": "tab-pane"})
    _style_sheet(page, ".tab-pane{display:none} .tab-pane.active{display:block}")


def _each_table(page: HtmlElement) -> None:
    for table in page.iter("table"):
        table.set("style", "DISPLAY: NONE")


HIDINGS: dict[str, Callable[[HtmlElement], None]] = {
    "inline": _inline,
    "tab-pane": _tab_pane,
    "each-table": _each_table,
}


def _junk_in(tag: str) -> Callable[[HtmlElement], None]:
    def transform(page: HtmlElement) -> None:
        _values(page, lambda s, i: f"{s[:1]}{tag.format(_junk(i))}{s[1:]}")

    return transform


def _class_junk(page: HtmlElement) -> None:
    _junk_in('<span class="hid">{}</span>')(page)
    _style_sheet(page, ".hid{display:none}")


JUNK: dict[str, Callable[[HtmlElement], None]] = {
    "display-none": _junk_in('<span style="display:none">{}</span>'),
    "white": _junk_in('<span style="color:#fff">{}</span>'),
    "class": _class_junk,
}


@pytest.mark.parametrize("junk", sorted(JUNK))
@pytest.mark.parametrize("hiding", sorted(HIDINGS))
def test_junk_in_hidden_tables_is_not_read(hiding: str, junk: str, tmp_path: Path) -> None:
    rng = random.Random(f"hidden-junk/{hiding}/{junk}")
    for edition in ("2019", "2021"):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        JUNK[junk](page)
        HIDINGS[hiding](page)
        folder = tmp_path / edition
        folder.mkdir()
        result = parse(FORMATS["html"](page, folder))
        got = judge(report, result)
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
        assert "hidden-tables-read" in {w.code for w in result.warnings}
