"""Text written white on the white page: anti-copy junk a person does not see.

Sites mix junk digits into a page's text in white (``<span style="color:#fff">7</span>``,
``<font color="#FFFFFF">``): a person reads 13 where the source says 173, and sees a
blank cell where the source holds a junk digit alone. On the code before this test the
junk was read into the numbers. Now text written white where nothing around it sets a
background is not read (its element keeps its place: a cell stays, blank); white on a
coloured head (an inline background, ``bgcolor``, or the page's style sheet for the
row's tag, class or id) is read, for a person sees it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _junk, _labels, _set_inner, _style_sheet, _values
from hostile_producers import FORMATS, _is_header_row, _is_value, _text, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.export import to_html

Page = lxml.html.HtmlElement


def _inside(open_tag: str, close_tag: str) -> Callable[[Page], None]:
    def transform(page: Page) -> None:
        junk = open_tag + "{}" + close_tag
        _values(page, lambda s, i: f"{s[:1]}{junk.format(_junk(i))}{s[1:]}")
        _labels(page, lambda s, i: f"{s[:1]}{junk.format(_junk(i))}{s[1:]}")

    return transform


JUNK = {
    "span-fff": _inside('<span style="color:#fff">', "</span>"),
    "span-white": _inside('<span style="COLOR: White; font-size:12px">', "</span>"),
    "span-rgb": _inside('<span style="color: rgb(255, 255, 255)">', "</span>"),
    "font": _inside('<font color="#FFFFFF">', "</font>"),
    "white-on-white": _inside('<span style="color:#ffffff;background:#fff">', "</span>"),
}


@pytest.mark.parametrize("fmt", ("html", "cms", "word"))
@pytest.mark.parametrize("junk", sorted(JUNK))
def test_white_junk_is_not_read(junk: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"white/{junk}/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        JUNK[junk](page)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](page, folder)))
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank == 0, got.blank


def _header_rows(page: Page) -> list[Page]:
    rows = []
    for tr in page.iter("tr"):
        cells = [td for td in tr if isinstance(td.tag, str)]
        if _is_header_row(list(enumerate(cells))):
            rows.append(tr)
    return rows


def _white_heads_inline(page: Page) -> None:
    for tr in _header_rows(page):
        for td in tr:
            td.set("style", "background:#1f4e79;color:#fff")


def _white_heads_bgcolor(page: Page) -> None:
    for tr in _header_rows(page):
        tr.set("bgcolor", "#336699")
        for td in tr:
            _set_inner(td, f'<font color="white">{_text(td)}</font>')


def _white_heads_class(page: Page) -> None:
    _style_sheet(page, "tr.head { background-color: #003366 }")
    for tr in _header_rows(page):
        tr.set("class", "head")
        for td in tr:
            td.set("style", "color:#FFF")


def _white_values_on_colour(page: Page) -> None:
    _style_sheet(page, ".zb td.v { background: #eef }")
    for td in page.iter("td"):
        if _is_value(td):
            td.set("style", "color:white")


SEEN = {
    "heads-inline": _white_heads_inline,
    "heads-bgcolor": _white_heads_bgcolor,
    "heads-class": _white_heads_class,
    "values-on-colour": _white_values_on_colour,
}


@pytest.mark.parametrize("seen", sorted(SEEN))
def test_white_on_a_colour_is_read(seen: str, tmp_path: Path) -> None:
    """A control: white text on a background the page sets is seen, and read whole."""
    rng = random.Random(f"white-seen/{seen}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        page = lxml.html.fromstring(to_html(report))
        SEEN[seen](page)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS["html"](page, folder)))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
