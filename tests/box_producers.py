"""Pages whose cells a browser keeps or drops in ways a tree of tags does not say.

A cell hidden by ``visibility:hidden`` (inline, by a class or id, ``collapse``, on its row)
keeps its box: a person sees a blank cell there, the cells after it in their columns. A
cell of ``display:none`` has no box: the cells after it move left (a person sees the row
short). ``display:contents`` drops a wrapper's box and keeps what it holds. A span written
``rowspan="+2"``, ``" 3 "``, ``"2.5"``, ``"00"`` or beyond its row group is laid out by the
HTML standard's rules. Junk digits in a colour a person cannot tell from white
(``#fefefe``, ``hsl(0,0%,99%)``, a colour at an opacity of a few percent) are not seen;
a background set only on ``:hover`` does not colour the page at rest.

Each transformation takes our ruled page of a report and the report (a private copy it
may not change: the truth is the report); :func:`hostile_producers.judge` scores the
parse: every cell right, or blank with a warning naming its row, never another number.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from hidden_producers import _hide_inside, _junk, _set_inner, _style_sheet, _values
from hostile_producers import FORMATS, _is_value, _rows, _tables, _text
from zfxxgk import AnnualReport
from zfxxgk.published.export import to_html

Page = HtmlElement
Transform = Callable[[Page, AnnualReport], None]


def _blank_cells(page: Page) -> list[HtmlElement]:
    """The value cells the report leaves blank."""
    return [td for td in page.iter("td") if _is_value(td) and not list(td) and not _text(td)]


def _hidden_blanks(how: Callable[[HtmlElement, int], None]) -> Transform:
    """Junk digits in each blank value cell, the cell hidden by ``how(td, index)``."""

    def transform(page: Page, report: AnnualReport) -> None:
        for i, td in enumerate(_blank_cells(page)):
            td.text = _junk(i) + _junk(i + 3)
            how(td, i)

    return transform


def _style(css: str) -> Callable[[HtmlElement, int], None]:
    def how(td: HtmlElement, i: int) -> None:
        td.set("style", css)

    return how


def _class(name: str) -> Callable[[HtmlElement, int], None]:
    def how(td: HtmlElement, i: int) -> None:
        td.set("class", f"{td.get('class')} {name}")

    return how


def visibility_class(page: Page, report: AnnualReport) -> None:
    """Junk in blank value cells hidden by classes of the page's style sheet."""
    _style_sheet(page, ".vh { visibility : hidden } td.vc{visibility:collapse}")
    _hidden_blanks(lambda td, i: _class(("vh", "vc")[i % 2])(td, i))(page, report)


def visibility_ids(page: Page, report: AnnualReport) -> None:
    """Junk in blank value cells hidden by their ids."""
    cells = _blank_cells(page)
    for i, td in enumerate(cells):
        td.text = _junk(i)
        td.set("id", f"b{i}")
    if cells:
        _style_sheet(page, ", ".join(f"#b{i}" for i in range(len(cells))) + "{visibility:hidden}")


def visibility_values(page: Page, report: AnnualReport) -> None:
    """Every third value cell that holds a value hidden (``visibility:hidden``): a person
    sees it blank, the cells after it where they were; the value is not seen (blank, said)."""
    cells = [td for td in page.iter("td") if _is_value(td) and _text(td)]
    for td in cells[::3]:
        td.set("style", "visibility:hidden")


def _junk_row(tr: HtmlElement, css: str) -> HtmlElement:
    """A copy of a row with other numbers, styled ``css``."""
    copy = lxml.html.fromstring(lxml.html.tostring(tr))
    copy.tail = None
    copy.set("style", css)
    for i, td in enumerate(copy):
        td.attrib.pop("rowspan", None)
        if _is_value(td):
            td.text = str(len(_text(td)) * 11 + i + 1)
    return copy


def _rows_in_groups(css: str) -> Transform:
    """Before each row of values that a row-spanning label covers, a copy of it with other
    numbers, styled ``css``; the label spans one more row (a person sees it beside its
    rows as before)."""

    def transform(page: Page, report: AnnualReport) -> None:
        for table in _tables(page):
            rows = _rows(table)
            covering: list[tuple[HtmlElement, int]] = []  # (spanning cell, last row index)
            for i, tr in enumerate(rows):
                covering = [(td, end) for td, end in covering if end >= i]
                starts = any(td.get("rowspan") for td in tr)
                if covering and not starts and any(_is_value(td) for td in tr):
                    tr.addprevious(_junk_row(tr, css))
                    for td, _end in covering:
                        td.set("rowspan", str(int(td.get("rowspan")) + 1))
                for td in tr:
                    if td.get("rowspan") and int(td.get("rowspan")) > 1:
                        covering.append((td, i + int(td.get("rowspan")) - 1))

    return transform


def display_none_blanks(page: Page, report: AnnualReport) -> None:
    """A blank value cell holding junk, ``display:none``: a person sees the row's later
    cells moved left, the row short (blank with a warning, never a number moved)."""
    _hidden_blanks(_style("display:none"))(page, report)


# --------------------------------------------------------------------- display:contents


def contents_rows(page: Page, report: AnnualReport) -> None:
    """The rows of each table in a ``div`` of ``display:contents``; its tbody too."""
    for table in _tables(page):
        for body in table.findall("tbody"):
            body.set("style", "display:contents")
        rows = [tr for tr in _rows(table) if tr.getparent() is table]
        if rows:
            box = lxml.html.Element("div", style="display: contents")
            rows[0].addprevious(box)
            for tr in rows:
                box.append(tr)


def contents_cells(page: Page, report: AnnualReport) -> None:
    """Each value cell wrapped in a ``span`` of ``display:contents``, its text in another."""
    for td in [td for td in page.iter("td") if _is_value(td)]:
        box = lxml.html.Element("span", style="display:contents")
        td.addprevious(box)
        box.append(td)
        if not list(td):
            _set_inner(td, f'<span style="display:contents">{html.escape(_text(td))}</span>')


def contents_value_cells(page: Page, report: AnnualReport) -> None:
    """Every other value cell of ``display:contents`` (its box gone, its text in an
    anonymous cell where it stood, of no span); adjacent ones make one cell of both texts,
    as a browser lays them out."""
    for i, td in enumerate(td for td in page.iter("td") if _is_value(td)):
        if i % 2 == 0:
            td.set("style", "display:contents")


# --------------------------------------------------------------------- span spellings


def _respell(rowspan: Callable[[str], str], colspan: Callable[[str], str]) -> Transform:
    def transform(page: Page, report: AnnualReport) -> None:
        for td in page.iter("td", "th"):
            if td.get("rowspan"):
                td.set("rowspan", rowspan(td.get("rowspan")))
            if td.get("colspan"):
                td.set("colspan", colspan(td.get("colspan")))
            elif _is_value(td) and td.get("rowspan") is None:
                td.set("colspan", "0")  # (colspan 0 is 1)

    return transform


def _to_group_end(spell: Callable[[int, int], str]) -> Transform:
    """Each spanning cell that reaches the last row of its row group respelt
    ``spell(its span, index)``."""

    def transform(page: Page, report: AnnualReport) -> None:
        n = 0
        for table in _tables(page):
            for section in [table, *table.findall("thead"), *table.findall("tbody")]:
                rows = [tr for tr in section if tr.tag == "tr"]
                for i, tr in enumerate(rows):
                    for td in tr:
                        span = td.get("rowspan")
                        if span and i + int(span) == len(rows):
                            td.set("rowspan", spell(int(span), n))
                            n += 1

    return transform


# --------------------------------------------------------------------- near white


def white_on_near_white(page: Page, report: AnnualReport) -> None:
    """Junk in white on a cell whose background is a near-white grey."""
    for td in page.iter("td"):
        if _is_value(td):
            td.set("style", "background-color:#fefefe")
    _values(page, lambda s, i: f'{s[:1]}<span style="color:#fff">{_junk(i)}</span>{s[1:]}')


def near_white_class(page: Page, report: AnnualReport) -> None:
    """Junk in a class the style sheet writes near white (``.w{color:#fdfdfd}``)."""
    _style_sheet(page, ".w{color:#FDFDFD}")
    _values(page, lambda s, i: f'{s[:1]}<span class="w">{_junk(i)}</span>{s[1:]}')


def hover_background(page: Page, report: AnnualReport) -> None:
    """White junk whose class has a dark background only on hover or focus, or as a
    pseudo-element's, and a first label cell's background."""
    _style_sheet(
        page,
        ".w:hover{background:#000} .w:focus-within{background-color:#333}"
        " .w::selection{background:#000} td.r:first-child{background:#ccc}"
        " .w{color:#fff}",
    )
    _values(page, lambda s, i: f'{s[:1]}<span class="w">{_junk(i)}</span>{s[1:]}')


def visible_inside(page: Page, report: AnnualReport) -> None:
    """Each value inside a span of ``visibility:visible`` in a span of
    ``visibility:hidden`` that holds junk before and after it: a person sees the value."""
    hidden = (
        '<span style="visibility:hidden">{}<span style="visibility: visible">{}</span>{}</span>'
    )
    _values(page, lambda s, i: hidden.format(_junk(i), s, _junk(i + 1)))


def visible_in_hidden_cells(page: Page, report: AnnualReport) -> None:
    """Every other value cell hidden (``visibility:hidden``), its value in a span that
    shows itself again, junk beside it: a person sees the value in its place."""
    for i, td in enumerate(td for td in page.iter("td") if _is_value(td) and not list(td)):
        if i % 2 == 0:
            value = html.escape(_text(td))
            _set_inner(td, f'{_junk(i)}<b style="visibility:visible">{value}</b>')
            td.set("style", "visibility:hidden")


def _hidden_by_rule(rule: str, junk: str) -> Transform:
    """Junk digits in each value cell, written ``junk`` (``{j}``: the digit, ``{s}``: the
    value), hidden by the style sheet's ``rule`` (a selector with pseudo-classes)."""

    def transform(page: Page, report: AnnualReport) -> None:
        _style_sheet(page, rule)
        _values(page, lambda s, i: junk.format(j=_junk(i), s=s))

    return transform


#: Every transformation by name.
TRANSFORMS: dict[str, Transform] = {
    "visibility-cell": _hidden_blanks(_style("visibility:hidden")),
    "visibility-cell-important": _hidden_blanks(_style("VISIBILITY: HIDDEN !important")),
    "collapse-cell": _hidden_blanks(_style("visibility:collapse")),
    "opacity-cell": _hidden_blanks(_style("opacity:0")),
    "font-size-cell": _hidden_blanks(_style("font-size:0")),
    "visibility-class": visibility_class,
    "visibility-ids": visibility_ids,
    "visibility-values": visibility_values,
    "visible-inside": visible_inside,
    "visible-in-hidden-cells": visible_in_hidden_cells,
    "hidden-first-child": _hidden_by_rule(
        ".jk:first-child{display:none}", '<span class="jk">{j}</span><span>{s}</span>'
    ),
    "hidden-nth-child": _hidden_by_rule(
        ".c > .k:nth-child(2n + 1){display:none}",
        '<span class="c"><span class="k">{j}</span><span class="k">{s}</span></span>',
    ),
    "hidden-not": _hidden_by_rule(
        ".jk:not(.v){display:none}", '<span class="jk">{j}</span><span class="jk v">{s}</span>'
    ),
    "shown-on-hover": _hidden_by_rule(
        ".jk{display:none} .jk:hover{display:inline} td:hover .jk{display:inline}",
        '<span class="jk">{j}</span>{s}',
    ),
    "collapse-rows": _rows_in_groups("visibility:collapse"),
    "hidden-rows-in-groups": _rows_in_groups("visibility:hidden"),
    "display-none-blanks": display_none_blanks,
    "contents-rows": contents_rows,
    "contents-cells": contents_cells,
    "contents-value-cells": contents_value_cells,
    "span-plus": _respell(lambda s: f"+{s}", lambda s: f" {s} "),
    "span-decimal": _respell(lambda s: f"{s}.5", lambda s: f"{s}.0"),
    "span-zeros": _respell(lambda s: f"00{s}", lambda s: f"\t0{s}px"),
    # (HTML: 0 spans to the end of the row group; a span past it ends there)
    "span-to-group-end": _to_group_end(lambda s, i: ("00", "0", " +0", "0.9")[i % 4]),
    "span-past-group": _to_group_end(lambda s, i: str(s + 1 + i % 7)),
    "span-far-past-group": _to_group_end(lambda s, i: ("99999", "65535", "1000")[i % 3]),
    "near-white-fffffe": _hide_inside("color:#fffffe"),
    "near-white-fefefe": _hide_inside("color: #FEFEFE"),
    "near-white-rgb": _hide_inside("color:rgb(254, 254, 254)"),
    "near-white-rgb-percent": _hide_inside("color:rgb(99.5%,99.5%,99.5%)"),
    "near-white-hsl": _hide_inside("color:hsl(0, 0%, 99%)"),
    "near-white-named": _hide_inside("color:snow"),
    "near-white-alpha": _hide_inside("color:rgba(0,0,0,0.02)"),
    "near-white-opacity": _hide_inside("color:#000;opacity:.02"),
    "near-white-class": near_white_class,
    "white-on-near-white": white_on_near_white,
    "hover-background": hover_background,
}
#: The formats a page is published in (our page; Word's web page).
BOX_FORMATS = ("html", "word")


def produce(report: AnnualReport, transform: str, fmt: str, folder: Path) -> Path:
    """The report's page, transformed and published in an HTML format, in the folder."""
    page = lxml.html.fromstring(to_html(report))
    TRANSFORMS[transform](page, report)
    return FORMATS[fmt](page, folder)
