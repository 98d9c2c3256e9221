"""White text on a background the white-text rule of ``published/unseen.py`` missed.

Review of 09a8e39: text written white was blanked wherever the reader knew no background,
so a page that sets its dark background another way lost its values without a word: a
background image (``background-image``, ``<table background>``), a style sheet rule in a
``@media`` block or under a selector with an attribute, pseudo-class or ``*``, or a linked
style sheet (never fetched). On 09a8e39 each of these read 140-165 cells of a report as
blank with no warning (the judge counts them wrong). Now the backgrounds the page writes
are read, and a cell of nothing but white figures on a background the reader cannot know
is blank with a warning (``cell-white-unsure``), never silently.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _set_inner, _style_sheet
from hostile_producers import FORMATS, _is_value, _text, judge
from producers import random_report
from zfxxgk import parse
from zfxxgk.core.cellvalue import UNSEEN
from zfxxgk.published.export import to_html

Page = lxml.html.HtmlElement


def _values(page: Page) -> list[Page]:
    return [td for td in page.iter("td") if _is_value(td)]


def _white_values(page: Page) -> None:
    for td in _values(page):
        td.set("style", "color:#fff")


def _image_inline(page: Page) -> None:
    for table in page.iter("table"):
        table.set("style", "background-image:url(dark.png)")
    _white_values(page)


def _image_attribute(page: Page) -> None:
    for table in page.iter("table"):
        table.set("background", "dark.jpg")
    for td in _values(page):
        _set_inner(td, f'<font color="white">{_text(td)}</font>')


def _media(page: Page) -> None:
    _style_sheet(page, "@media screen { table { background:#000 } }")
    _white_values(page)


def _attribute_selector(page: Page) -> None:
    _style_sheet(page, "table[border] { background:#000 }")
    _white_values(page)


def _universal(page: Page) -> None:
    _style_sheet(page, "table * { background-color:#1f4e79 }")
    _white_values(page)


def _pseudo(page: Page) -> None:
    _style_sheet(page, "td:not(.x) { background:#036 }")
    _white_values(page)


READ = {
    "image-inline": _image_inline,
    "image-attribute": _image_attribute,
    "media": _media,
    "attribute-selector": _attribute_selector,
    "universal": _universal,
    "pseudo-class": _pseudo,
}


def _page(seed: str, edition: str, transform: Callable[[Page], None]) -> tuple[Page, object]:
    report = random_report(random.Random(seed), edition)
    page = lxml.html.fromstring(to_html(report))
    transform(page)
    return page, report


@pytest.mark.parametrize("name", sorted(READ))
def test_white_on_a_background_the_page_sets_is_read(name: str, tmp_path: Path) -> None:
    for edition in ("2019", "2021"):
        page, report = _page(f"white-bg/{name}", edition, READ[name])
        folder = tmp_path / edition
        folder.mkdir()
        got = judge(report, parse(FORMATS["html"](page, folder)))  # type: ignore[arg-type]
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def _linked(page: Page) -> None:
    head = page.find("head")
    assert head is not None
    head.append(lxml.html.fragment_fromstring('<link rel="stylesheet" href="site.css">'))
    for td in _values(page):
        td.set("class", f"{td.get('class')} dark")
        td.set("style", "color:#fff")


def test_white_figures_on_an_unknown_background_are_blank_with_a_warning(
    tmp_path: Path,
) -> None:
    """A linked style sheet may set the cells' background: no value, each cell said."""
    for edition in ("2019", "2021"):
        page, report = _page("white-bg/linked", edition, _linked)
        folder = tmp_path / edition
        folder.mkdir()
        result = parse(FORMATS["html"](page, folder))
        got = judge(report, result)  # type: ignore[arg-type]
        assert got.wrong == 0, got.wrong_cells[:3]
        assert got.blank > 0
        reasons = {str(getattr(w.params.get("reason"), "key", "")) for w in result.warnings}
        assert "cell-white-unsure" in reasons
        assert UNSEEN not in json.dumps(result.to_dict(), ensure_ascii=False, default=str)


def test_white_junk_beside_seen_figures_is_still_dropped(tmp_path: Path) -> None:
    """The rule's own case stays: 1<white>7</white>3 is 13, no warning."""

    def junk(page: Page) -> None:
        for td in _values(page):
            text = _text(td)
            _set_inner(td, f'{text[:1]}<span style="color:#fff">7</span>{text[1:]}')

    for edition in ("2019", "2021"):
        page, report = _page("white-bg/junk", edition, junk)
        folder = tmp_path / edition
        folder.mkdir()
        got = judge(report, parse(FORMATS["html"](page, folder)))  # type: ignore[arg-type]
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]


def _white_page(page: Page) -> None:
    """The whole report in a white box: a dark page's design (its style sheet linked)."""
    body = page.find(".//body")
    assert body is not None
    box = lxml.html.Element("div", style="color:#fff")
    for child in list(body):
        box.append(child)
    body.append(box)


def _white_tables(page: Page) -> None:
    for table in page.iter("table"):
        table.set("style", "color:#FFFFFF")


def _white_rows(page: Page) -> None:
    for tr in page.iter("tr"):
        tr.set("style", "color:white")


DESIGN = {"page": _white_page, "tables": _white_tables, "rows": _white_rows}


@pytest.mark.parametrize("name", sorted(DESIGN))
def test_a_table_written_white_is_read_as_shown(name: str, tmp_path: Path) -> None:
    """On 09a8e39 such tables were emptied, then read as hidden ones (the warning
    hidden-tables-read: wrong) or, rows emptied, lost."""
    for edition in ("2019", "2021"):
        page, report = _page(f"white-design/{name}", edition, DESIGN[name])
        folder = tmp_path / edition
        folder.mkdir()
        result = parse(FORMATS["html"](page, folder))
        got = judge(report, result)  # type: ignore[arg-type]
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
        assert "hidden-tables-read" not in {w.code for w in result.warnings}


def _linked_sheet(page: Page) -> None:
    head = page.find("head")
    assert head is not None
    head.append(lxml.html.fragment_fromstring('<link rel="stylesheet" href="site.css">'))


def _white_labels(page: Page) -> None:
    """Every cell that is no value written white (heads, row labels): a dark table set
    by a linked style sheet."""
    _linked_sheet(page)
    for td in page.iter("td", "th"):
        if not _is_value(td) and _text(td).strip():
            td.set("style", "color:#fff")


def test_labels_alone_in_white_cells_are_read(tmp_path: Path) -> None:
    """Junk is figures: a cell whose whole text is a white label is a head on a dark
    ground, read. On 09a8e39 the labels were blanked: no table found, or tables lost."""
    for edition in ("2019", "2021"):
        page, report = _page("white-bg/labels", edition, _white_labels)
        folder = tmp_path / edition
        folder.mkdir()
        got = judge(report, parse(FORMATS["html"](page, folder)))  # type: ignore[arg-type]
        assert (got.wrong, got.blank) == (0, 0), got.wrong_cells[:3]
