"""Junk made white by a page's style sheet (a class or an id) is no part of a number.

tests/test_white_text.py covers text written white inline (``style="color:#fff"``,
``<font color>``). Pages do the same through their style sheet: ``.w{color:#fff}`` and
``<span class="w">7</span>`` beside a value's digits (Google Docs writes every colour as
a class), or a junk figure alone in a blank cell of such a class. A person reads 123;
on the code before this test the junk was read (1237, without a word). Now a cell's text
that the style sheet's rule for its class or id makes white, with nothing around it
setting a background, is judged as inline white is: beside shown text not read, alone
a blank said. White on a background a rule gives (a dark head) is read, and so is a
heading outside the tables (a banner's design).
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _set_inner
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html

#: Style sheets that write class w white (and give class dark a background).
SHEETS = {
    "hex": ".w{color:#fff}",
    "tag-class": "td.w, span.w{color:white;font-size:9pt}",  # (a rule names its tags)
    "rgb-descendant": "table .w { color: rgb(255, 255, 255) !important }",
    "overridden": ".w{color:#333} p{margin:0} .w{color:#FFFFFF}",
}


def _page(report: AnnualReport, sheet: str, rng: random.Random) -> lxml.html.HtmlElement:
    page = lxml.html.fromstring(to_html(report))
    head = page.find("head")
    assert head is not None
    head.append(
        lxml.html.fragment_fromstring(f"<style>{sheet} .dark{{background:#1f4e79}}</style>")
    )
    for td in page.iter("td"):
        if not _is_value(td) or rng.random() > 0.4:
            continue
        junk = str(rng.randint(1, 99))
        if _text(td).isdigit():  # beside the value's digits
            text = _text(td)
            cut = rng.randint(0, len(text))
            _set_inner(td, f'{text[:cut]}<span class="w">{junk}</span>{text[cut:]}')
        elif not _text(td):  # alone in a blank cell
            td.set("class", td.get("class", "") + " w")
            td.text = junk
    return page


@pytest.mark.parametrize("fmt", ("html", "cms"))
@pytest.mark.parametrize("sheet", sorted(SHEETS))
def test_junk_white_by_a_class_is_not_read(sheet: str, fmt: str, tmp_path: Path) -> None:
    rng = random.Random(f"class-white/{sheet}/{fmt}")
    for i, edition in enumerate(("2019", "2021")):
        report = random_report(rng, edition)
        folder = tmp_path / str(i)
        folder.mkdir()
        got = judge(report, parse(FORMATS[fmt](_page(report, SHEETS[sheet], rng), folder)))
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def test_white_by_a_class_on_a_background_or_outside_tables_is_read(tmp_path: Path) -> None:
    report = random_report(random.Random("class-white/control"), "2021")
    page = lxml.html.fromstring(to_html(report))
    head = page.find("head")
    assert head is not None
    head.append(
        lxml.html.fragment_fromstring("<style>.w{color:#fff} .dark{background:#000}</style>")
    )
    for td in page.iter("td"):
        if _is_value(td) and _text(td):
            td.set("class", td.get("class", "") + " dark")
            _set_inner(td, f'<span class="w">{_text(td)}</span>')
    for h in page.iter("h1", "h2"):
        h.set("class", "w")
    got = judge(report, parse(FORMATS["html"](page, tmp_path)))
    assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
