"""Pages whose style sheets strike out, colour or hide text by rules the reader must match.

A CMS's page strikes out a stale number beside the right one by a class of its style
sheet (``.old{text-decoration:line-through}``, ``text-decoration-line``, the shorthand
``red line-through``, a rule on an ancestor), hides anti-copy junk by a rule for a tag in
a place (``td small{display:none}``, ``em > b{visibility:hidden}``) or by ``:is()``,
``:where()``, ``:has()``, writes it white by a rule of place with ``:not()`` (or sets a
background everywhere but the value cells: ``td:not(.v){background:#333}``), keeps a
style sheet for browsers without scripts in ``<noscript>`` (which a browser with scripts
does not apply), or writes a comment inside a display (``display:/**/table-row``) of a
table of blocks. Each transformation takes our ruled page of a report and the report (a
private copy it may not change: the truth is what a browser with scripts shows);
:func:`hostile_producers.judge` scores the parse: every cell right, or blank with a
warning naming its row, never another number. The producers of tables of blocks
(:data:`BLOCK_PRODUCERS`) write :mod:`producers_cms`'s pages with a comment in each
display and flex direction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from box_producers import _rows_in_groups
from hidden_producers import _junk, _labels, _style_sheet, _values
from hostile_producers import FORMATS, _is_value, _tables, _text
from producers_cms import CMS, Producer
from zfxxgk import AnnualReport
from zfxxgk.published.export import to_html

Page = HtmlElement
Transform = Callable[[Page, AnnualReport], None]


def _was(s: str, i: int) -> str:
    """A stale number for a value ``s`` (never ``s``), or a junk digit for a blank."""
    return str(int(s) + 1 + i % 5) if s.isdigit() else _junk(i)


def _struck(rule: str, value: str, label: str | None = None) -> Transform:
    """The style sheet's ``rule``; each value cell written ``value`` (``{s}``: the value,
    ``{w}``: a stale number), each label ``label`` (``{j}``: a junk digit)."""

    def transform(page: Page, report: AnnualReport) -> None:
        _style_sheet(page, rule)
        _values(page, lambda s, i: value.format(s=s, w=_was(s, i), j=_junk(i)))
        if label is not None:
            _labels(page, lambda s, i: label.format(s=s, j=_junk(i)))

    return transform


def _struck_rows(rule: str, klass: str) -> Transform:
    """Before each row of values a row-spanning label covers, a copy of it with other
    numbers in the class ``klass`` that the style sheet's ``rule`` strikes out."""
    inline = "text-decoration:line-through"

    def transform(page: Page, report: AnnualReport) -> None:
        _style_sheet(page, rule)
        _rows_in_groups(inline)(page, report)
        for tr in page.iter("tr"):
            if tr.get("style") == inline:
                del tr.attrib["style"]
                tr.set("class", klass)

    return transform


def _struck_tables(rule: str) -> Transform:
    """A struck-out copy of each table with other numbers before it, by the class ``old``
    that the style sheet's ``rule`` strikes out (an earlier version kept, struck)."""

    def transform(page: Page, report: AnnualReport) -> None:
        _style_sheet(page, rule)
        for table in _tables(page):
            copy = lxml.html.fromstring(lxml.html.tostring(table))
            copy.tail = None
            copy.attrib.pop("id", None)
            copy.set("class", "zb old")
            for i, td in enumerate(td for td in copy.iter("td") if _is_value(td)):
                td.text = _was(_text(td), i) if _text(td) else ""
            table.addprevious(copy)

    return transform


def _hidden(rule: str, value: str, label: str | None = None) -> Transform:
    """Junk hidden by the style sheet's ``rule``: each value cell written ``value``
    (``{s}``: the value, ``{j}``: a junk digit), each label ``label``."""

    def transform(page: Page, report: AnnualReport) -> None:
        _style_sheet(page, rule)
        _values(page, lambda s, i: value.format(s=s, j=_junk(i)))
        if label is not None:
            _labels(page, lambda s, i: label.format(s=s[:1], t=s[1:], j=_junk(i)))

    return transform


def _noscript(rule: str, shown: str, value: str) -> Transform:
    """The style sheet's ``shown`` rule, and ``rule`` in a ``<noscript>`` (not applied by
    a browser with scripts); each value cell written ``value``."""

    def transform(page: Page, report: AnnualReport) -> None:
        if shown:
            _style_sheet(page, shown)
        head = page.find(".//head")
        head.append(lxml.html.fromstring(f"<noscript><style>{rule}</style></noscript>"))
        _values(page, lambda s, i: value.format(s=s, j=_junk(i)))

    return transform


def template_hides_values(page: Page, report: AnnualReport) -> None:
    """A style sheet in a ``<template>`` (inert: no browser applies it) that would hide
    each value's span."""
    body = page.find(".//body")
    body.insert(0, lxml.html.fromstring("<template><style>.ns{display:none}</style></template>"))
    _values(page, lambda s, i: f'<span class="ns">{s}</span>')


def noscript_hides_a_table(page: Page, report: AnnualReport) -> None:
    """A ``<noscript>`` style sheet that hides the first table (a page that shows it by a
    script that a browser without one cannot run, its text said elsewhere): a browser
    with scripts shows it."""
    head = page.find(".//head")
    head.append(
        lxml.html.fromstring("<noscript><style>#proactive{display:none}</style></noscript>")
    )


#: Every transformation by name, by the class of rule it exercises.
TRANSFORMS: dict[str, Transform] = {
    # 1. struck out by a style sheet's rule
    "struck-class": _struck(
        ".old{text-decoration:line-through}",
        '<span class="old">{w}</span>{s}',
        '{s}<span class="old">（原{j}）</span>',
    ),
    "struck-class-line": _struck(
        ".old{text-decoration-line: line-through}", '<span class="old">{w}</span>{s}'
    ),
    "struck-class-shorthand": _struck(
        ".old{text-decoration: red line-through}", '<span class="old">{w}</span>{s}'
    ),
    "struck-class-wavy": _struck(
        "span.old{TEXT-DECORATION: line-through wavy #c00 !important}",
        '{s} <span class="old">{w}</span>',
    ),
    "struck-class-comment": _struck(
        ".old{text-decoration:/**/line-through}", '<span class="old">{w}</span>{s}'
    ),
    "struck-ancestor": _struck(
        ".o{text-decoration:line-through}", '<span class="o"><b>{w}</b></span>{s}'
    ),
    "struck-in-place": _struck(
        "td .old{text-decoration:line-through}", '<span class="old">{w}</span>{s}'
    ),
    "struck-tag": _struck("td u{text-decoration:line-through}", "<u>{w}</u>{s}"),
    "struck-is": _struck(
        ":is(.old, .was){text-decoration:line-through}", '<span class="was">{w}</span>{s}'
    ),
    "struck-only-class": _struck(
        ".old{text-decoration:line-through}", '<span class="old">{w}</span>'
    ),
    "struck-undone": _struck(
        ".old{text-decoration:line-through} .old.now{text-decoration:none}",
        '<span class="old">{w}</span><span class="old now">{s}</span>',
    ),
    "struck-rows-class": _struck_rows("tr.old{text-decoration:line-through}", "old"),
    "struck-tables-class": _struck_tables(".old{text-decoration:line-through}"),
    # 2. colours by place with :not()
    "white-not-place": _hidden("td:not(.h) small{color:#fff}", "{s}<small>{j}</small>"),
    "white-not-class": _hidden(
        ".w:not(.keep){color:#fff}", '<span class="w">{j}</span><span class="w keep">{s}</span>'
    ),
    "white-not-value": _hidden("td.v:not(.r) .w{color:#fefefe}", '{s}<span class="w">{j}</span>'),
    "ground-not-values": _hidden(
        ".w{color:#fff} td:not(.v){background:#333}", '{s}<span class="w">{j}</span>'
    ),
    "ground-not-values-tag": _hidden(
        "td small{color:#fff} td:not(.v){background-color:#333}", "{s}<small>{j}</small>"
    ),
    # 3. hiding rules of a tag in a place, :is(), :where(), :has()
    "hide-tag-in-cell": _hidden(
        "td small{display:none}", "<small>{j}</small>{s}", "{s}<small>{j}</small>{t}"
    ),
    "hide-tag-child": _hidden("em > b{display:none}", "{s}<em><b>{j}</b></em>"),
    "hide-tag-visibility": _hidden("td b{visibility:hidden}", "{s}<b>{j}</b>"),
    "hide-tag-font-size": _hidden(".zb td i{font-size:0}", "<i>{j}</i>{s}"),
    "hide-tag-shown-again": _hidden(
        "td small{display:none} td small.v{display:inline}",
        '<small>{j}</small><small class="v">{s}</small>',
    ),
    "hide-is": _hidden(":is(td, th) .j{display:none}", '{s}<span class="j">{j}</span>'),
    "hide-where": _hidden(":where(.j){display:none}", '{s}<span class="j">{j}</span>'),
    "hide-is-last": _hidden("span:is(.j, .k){display:none}", '<span class="k">{j}</span>{s}'),
    "hide-not-is": _hidden(
        ".j:not(:is(.v)){display:none}", '<span class="j">{j}</span><span class="j v">{s}</span>'
    ),
    "hide-has": _hidden(
        "span:has(> .j){display:none}", '{s}<span><span class="j">{j}</span></span>'
    ),
    "hide-has-place": _hidden("td:has(.j) .j{display:none}", '{s}<span class="j">{j}</span>'),
    "hide-attribute": _hidden("span[data-j]{display:none}", "{s}<span data-j>{j}</span>"),
    "hide-attribute-value": _hidden(
        'td span[class="j"]{display:none}', '<span class="j">{j}</span>{s}'
    ),
    "hide-adjacent": _hidden(
        ".a + .j{display:none}", '<span class="a">{s}</span><b class="j">{j}</b>'
    ),
    "hide-sibling": _hidden(".a ~ b{display:none}", '<span class="a"></span><b>{j}</b>{s}'),
    "hide-complex-not": _hidden(".j:not(.x .y){display:none}", '{s}<span class="j">{j}</span>'),
    "hide-lang": _hidden("td:lang(zh) .j{display:none}", '{s}<span class="j">{j}</span>'),
    "hide-nth-of": _hidden(".j:nth-child(1 of .j){display:none}", '<span class="j">{j}</span>{s}'),
    "hide-empty-sibling": _hidden("b:empty + .j{display:none}", '{s}<b></b><i class="j">{j}</i>'),
    # 4. a style sheet in <noscript>
    "noscript-shows-junk": _noscript(
        ".jk{display:inline}", ".jk{display:none}", '{s}<span class="jk">{j}</span>'
    ),
    "noscript-hides-values": _noscript(".ns{display:none}", "", '<span class="ns">{s}</span>'),
    "noscript-hides-a-table": noscript_hides_a_table,
    "template-hides-values": template_hides_values,
    # the cascade: a rule of a class outweighs a later one of a tag
    "hidden-class-over-tag": _hidden(
        ".j{display:none} td span{display:inline}", '{s}<span class="j">{j}</span>'
    ),
    "struck-class-over-tag": _struck(
        ".old{text-decoration:line-through} td span{text-decoration:none}",
        '<span class="old">{w}</span>{s}',
    ),
}
#: The formats a page is published in (our page; Word's web page).
SHEET_FORMATS = ("html", "word")
#: The transformations that leave cells of the report blank, said (struck out only).
BLANK_SAID = ("struck-only-class",)
#: The transformations whose junk a rule this cannot match may hide (``:lang(zh) .j``):
#: each value beside it blank, said.
DOUBTED = ("hide-lang",)


def produce(report: AnnualReport, transform: str, fmt: str, folder: Path) -> Path:
    """The report's page, transformed and published in an HTML format, in the folder."""
    page = lxml.html.fromstring(to_html(report))
    TRANSFORMS[transform](page, report)
    return FORMATS[fmt](page, folder)


# --------------------------------------------------------------------- tables of blocks

_DISPLAY = re.compile(r"(display|flex-direction)(\s*):(\s*)", re.I)


def _commented(name: str, reverse: bool = False) -> Producer:
    """:mod:`producers_cms`'s page ``name`` with a comment inside each display
    (``display:/**/table-row``); ``reverse``: each row of blocks written right to left
    and shown left to right again by ``flex-direction:/**/row-reverse``."""

    def producer(report: AnnualReport, folder: Path) -> Path:
        path = CMS[name](report, folder)
        text = path.read_text(encoding="utf-8")
        if reverse:
            text = _reversed_rows(text)
        path.write_text(_DISPLAY.sub(r"\1\2:/**/\3", text), encoding="utf-8")
        return path

    return producer


_UL_ROW = re.compile(r'<ul class="tr">(.*?)</ul>')
_ITEM = re.compile(r"<li>.*?</li>")


def _reversed_rows(text: str) -> str:
    """Each list row's items written in reverse, the row reversed again by its style."""

    def row(m: re.Match[str]) -> str:
        items = _ITEM.findall(m.group(1))
        return (
            '<ul class="tr" style="display:flex;flex-direction:row-reverse">'
            + "".join(reversed(items))
            + "</ul>"
        )

    return _UL_ROW.sub(row, text)


#: Producers of tables of blocks with comments in their styles.
BLOCK_PRODUCERS: dict[str, Producer] = {
    "div-table-full-comment": _commented("div-table-full"),
    "css-grid-comment": _commented("css-grid"),
    "ul-rows-comment": _commented("ul-rows"),
    "ul-rows-reversed-comment": _commented("ul-rows", reverse=True),
    "dl-rows-comment": _commented("dl-rows"),
    "div-table-comment": _commented("div-table"),
}
