"""HTML pages, read with lxml (libxml2): tables on their grids, the text between as lines.

The page is parsed by libxml2's HTML parser with the network off, comments and processing
instructions dropped and its depth and size limits on (no ``huge_tree``); entities are the
parser's own, so nothing external is ever fetched. The bytes and tags of a page are
bounded before it is parsed, its grid cells and rows while it is laid out.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import attrs

from zfxxgk.core.cellvalue import UNSEEN
from zfxxgk.core.labels import MAX_LABEL
from zfxxgk.noteparams import cut
from zfxxgk.notes import Note
from zfxxgk.published import formfields, sections
from zfxxgk.published.blocktable import may_hold, tables_of_blocks
from zfxxgk.published.elements import drop
from zfxxgk.published.grid import MAX_TAGS, Budget, Grid, check_bound, span
from zfxxgk.published.pagestyles import page_styles
from zfxxgk.published.raised import (
    WORD_MARK_CLASSES,
    raised,
    raises,
    raising_classes,
    vertical,
)
from zfxxgk.published.source import TextRow
from zfxxgk.published.struck import seen, unstruck
from zfxxgk.published.unseen import drop_unseen, may_hide
from zfxxgk.published.xnum import held_text

#: White figures a person may not see, as :mod:`~zfxxgk.published.unseen` marks a cell's.
_UNSEEN_TEXT = re.compile(f"{UNSEEN}[^{UNSEEN}]*{UNSEEN}")
#: Tags that end a line of text outside tables (and in the cells of a layout table).
BLOCKS = frozenset(
    (
        "caption",
        "td",
        "th",
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "br",
        "tr",
        "title",
        "section",
        "article",
        "header",
        "footer",
    )
)
#: A letter (of any script): what a list's bullet or number beside a link has none of
_LETTER = re.compile(r"[^\W\d_]")
#: Headings: a link in one is the page's own title, linked to itself.
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "title"))
_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        from lxml import etree

        # etree's parser, not lxml.html's: its elements need no Python class lookup
        _PARSER = etree.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            huge_tree=False,
            default_doctype=False,
            collect_ids=False,
        )
    return _PARSER


@functools.cache
def _string_value() -> Any:
    """XPath's string() of an element: the text of all it holds, as tostring's text
    method writes it, without its tail; for a whole page several times faster."""
    from lxml import etree

    return etree.XPath("string()", smart_strings=False)


def _document(text: str, utf8: bytes | None = None, sheets: list[str] | None = None) -> Any:
    """The page's element tree, without scripts and style sheets; None where it is empty.
    ``utf8``: the text's UTF-8 bytes, where the caller has them (not encoded again);
    ``sheets``: where given, gets the text of each style sheet dropped."""
    from lxml import etree

    data = text.encode("utf-8", "surrogatepass") if utf8 is None else utf8
    try:
        root = etree.fromstring(data, _parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    for el in list(root.iter("script", "style", "noscript", "template")):
        if el.tag == "style" and el.text and sheets is not None and _applied(el):
            sheets.append(el.text)
        drop(el)
    return root


def _applied(style: Any) -> bool:
    """Whether a browser (scripts on) applies a style sheet: not one in ``<noscript>``
    (text to it) or ``<template>`` (inert)."""
    return next(style.iterancestors("noscript", "template"), None) is None


class _Page:
    """The rows of a page as its elements are walked: lines, and the top-level tables."""

    def __init__(self) -> None:
        self.rows: list[TextRow] = []
        self.line: list[str] = []
        #: which of ``line``'s pieces are a link's text
        self.linked: list[int] = []
        self.budget = Budget()

    def flush(self) -> None:
        line = "".join(self.line).strip()
        link = False
        if self.linked:  # all of the line a link's: its other pieces no word (·, 1., ●)
            mine = set(self.linked)
            rest = "".join(t for k, t in enumerate(self.line) if k not in mine)
            link = _LETTER.search(rest) is None
            self.linked = []
        self.line = []
        if line:
            self.budget.charge(0, 1)
            self.rows.append(TextRow((line,), False, len(self.rows) + 1, link=link))


def _table(
    el: Any,
    grid: Grid,
    text_of: Any,
    row: list[tuple[str, int, int]],
    held: list[str] | None = None,
) -> None:
    """The rows and cells of a table in document order (``tr`` under ``tbody``, ``thead``
    or any wrapper), each cell's text at once; a table nested outside a cell is skipped
    with everything it holds, as is what a cell holds. ``row``: the cells met since the
    last row began, laid out on the grid when the next begins (and by the caller at the
    end). ``held``, on a page of Excel's (``x:num``): gets each number read as a cell
    holds it where it shows another (:mod:`~zfxxgk.published.xnum`)."""
    for child in el:
        tag = child.tag
        if tag == "td" or tag == "th":
            # libxml2 writes out the text of what a cell holds (as itertext would join it);
            # a cell of several paragraphs shows them on lines of their own
            text = _cell_text(child, text_of)
            if held is not None and (number := child.get("x:num")):
                shown = text
                text, said = held_text(text, number)
                if said:
                    held.append(f"{text} ({shown.strip()})")
            rowspan = child.get("rowspan")
            colspan = child.get("colspan")
            row.append(
                (
                    text,
                    1 if rowspan is None else sections.row_span(child, rowspan),
                    1 if colspan is None else span(colspan),
                )
            )
        elif tag == "tr":
            grid.add_all(row)
            row.clear()
            grid.new_row()
            _table(child, grid, text_of, row, held)
        elif tag != "table" and isinstance(tag, str):
            _table(child, grid, text_of, row, held)


def _mark_cell_blocks(table: Any) -> None:
    """Each block a table's cells hold (a paragraph, a div, a list item, a heading, a
    section; at any depth, inside any wrapper) begins and ends a line of its cell, as a
    browser shows it: ``<p>12</p><p>345</p>`` and ``12<p>345</p>`` show 12 above 345,
    not 12345 (two numbers, as a Word cell of two paragraphs is read). The line ends are
    written as :data:`_BLOCK_END` around each block, so that libxml2 still writes out a
    cell's text at once; :func:`_cell_text` makes them lines."""
    for block in table.iter(*_CELL_BLOCKS):
        block.text = _BLOCK_END + (block.text or "")
        block.tail = _BLOCK_END + (block.tail or "")


#: Where a block in a cell begins or ends: a noncharacter, which no page shows (one a
#: page holds is dropped before it is read).
_BLOCK_END = "\ufdd0"


def _cell_text(cell: Any, text_of: Any) -> str:
    """The text of a cell: where it holds a block, its lines (each stripped, empty ones
    dropped), else its text as written."""
    if not len(cell):
        return cell.text or ""
    text: str = text_of(cell)
    if _BLOCK_END not in text:
        return text
    lines = text.replace(_BLOCK_END, "\n").strip()
    if "\n" not in lines:  # one line (a Word cell's one paragraph), or none
        return lines or text.replace(_BLOCK_END, "")
    return "\n".join(filter(None, map(str.strip, lines.split("\n"))))


#: What makes a line of its own inside a cell (a browser's blocks; a table inside a cell
#: is laid out as lines by _as_lines).
_CELL_BLOCKS = frozenset(
    [
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "center",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "hr",
    ]
)


def _is_layout(table: Any) -> bool:
    """A table that holds a table lays out the page (a frame around the article, a menu
    beside it), as older sites do: its cells are read as the page's flow, each a block,
    so that the tables inside are laid out as tables of their own. A table that holds
    only :func:`_cell_lines` tables is a table of its own (a report's table whose label
    cell lays its lines out as a small table)."""
    return any(not _cell_lines(t) for t in table.iterdescendants("table"))


def _cell_lines(table: Any) -> bool:
    """A table nested in a cell that only lays out the cell's lines: one cell a row, or
    one row (:func:`_one_row`), no table inside, no more text than a label (a person
    reads it as the cell's text)."""
    if table.find(".//table") is not None:
        return False
    if not _one_row(table):
        for tr in table.iter("tr"):
            if sum(1 for c in tr if c.tag in ("td", "th")) > 1:
                return False
    return len(_string_value()(table)) <= MAX_LABEL


def _one_row(table: Any) -> bool:
    """A table of one row, the only table of its cell, in a table of several rows: no
    table of a report (which has headers above its values), but the cell's text laid
    out side by side (12 | 345, a value and its unit), read as the cell's lines, each
    of its cells a line (:func:`_as_lines`): never glued into one number. (A layout
    table's cell may hold a report's rows as tables of one row each, or a one-row
    table beside its text: tables of their own; and a cell alone in its row, as a frame
    holds a report's row in each of its rows, is no cell among a row's values.)"""
    if sum(1 for _ in table.iter("tr")) != 1:
        return False
    cell = next(table.iterancestors("td", "th"), None)
    if cell is None or sum(1 for _ in cell.iterdescendants("table")) != 1:
        return False
    tr = cell.getparent()
    if tr is None or sum(1 for c in tr if c.tag in ("td", "th")) < 2:
        return False
    outer = next(cell.iterancestors("table"), None)
    if outer is None:
        return False
    own = (tr for tr in outer.iter("tr") if next(tr.iterancestors("table"), None) is outer)
    return next(own, None) is not None and next(own, None) is not None


def _unframe(table: Any) -> None:
    """A layout table made a ``div`` of its rows, in order: each run of rows that hold no
    table a table of its own (a report table's header rows whose body stands in a
    table in a cell keep their columns), each row that holds a table its cells as the
    page's flow (a frame's menu and article)."""
    from lxml import etree

    rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
    caption = table.find("caption")
    pieces: list[Any] = [] if caption is None else [caption]
    run: Any = None
    for tr in rows:
        if all(map(_cell_lines, tr.iter("table"))):
            if run is None:
                run = etree.Element("table")
                pieces.append(run)
            run.append(tr)
        else:
            run = None
            flow = etree.Element("div")
            flow.extend(list(tr))  # its cells, each a block
            pieces.append(flow)
    tail = table.tail
    for child in list(table):
        table.remove(child)
    table.tag = "div"
    table.attrib.clear()
    table.text = None
    table.extend(pieces)
    table.tail = tail


def _as_lines(table: Any) -> None:
    """The :func:`_cell_lines` tables in a table's cells: each row a line of the cell's
    text, as a person reads them (not glued to the text around them)."""
    for inner in table.iterdescendants("table"):
        inner.text = "\n" + (inner.text or "")
        inner.tail = "\n" + (inner.tail or "")
        for tr in inner.iter("tr"):
            tr.tail = "\n" + (tr.tail or "")
        for cell in inner.iter("td", "th"):
            cell.tail = "\n" + (cell.tail or "")  # (a row of cells: each a line)


def _raise_marks(root: Any, classes: dict[str, str] | None) -> None:
    """Write the text of ``<sup>`` and ``<sub>`` (``classes`` not None: also of elements
    a ``vertical-align`` of super or sub raises, inline or by one of these classes) with
    Unicode's raised characters (:mod:`~zfxxgk.published.raised`)."""
    string = _string_value()
    elements = root.iter() if classes is not None else root.iter("sup", "sub")
    for el in list(elements):
        tag = el.tag
        if tag in ("sup", "sub"):
            how: str | None = "sub" if tag == "sub" else "super"
        elif classes is None or not isinstance(tag, str) or tag in _NOT_RAISED:
            continue
        else:
            how = vertical(el.get("style"))
            if how is None and classes:
                how = next(
                    (classes[c] for c in (el.get("class") or "").split() if c in classes), None
                )
            if how is None:
                continue
        content = string(el)
        for child in list(el):
            el.remove(child)  # (its tail with it: the string holds it)
        el.text = raised(content, sub=how == "sub")


#: What a style's vertical-align does not raise as a mark: a table's parts align their
#: content in the cell.
_NOT_RAISED = frozenset(("table", "thead", "tbody", "tfoot", "tr", "td", "th", "html", "body"))


def _links_marked(table: Any, rows: list[TextRow]) -> list[TextRow]:
    """The rows of a table, those of one cell that is a link's text marked as links
    (:attr:`TextRow.link`; a link in a heading is the page's own title)."""
    texts = {
        "".join(_string_value()(a).split())
        for a in table.iter("a")
        if next(a.iterancestors(*_HEADINGS), None) is None
    }
    out = []
    for row in rows:
        cells = [c for c in row.cells if c and c.strip()]
        if len(cells) == 1 and "".join(cells[0].split()) in texts:
            row = attrs.evolve(row, link=True)
        out.append(row)
    return out


def html_rows(
    text: str, utf8: bytes | None = None, notes: list[Note] | None = None
) -> tuple[list[TextRow], str]:
    """Rows of an HTML page: every table on its grid, the text between as single cells;
    and the page's text. ``utf8``: the page's text as UTF-8 bytes, where the caller has
    them (the bytes of a page written in UTF-8, less a byte-order mark); ``notes``, where
    given, gets what reading the page had to interpret."""
    from lxml import etree

    check_bound("tags", text.count("<"), MAX_TAGS)
    if _BLOCK_END in text:  # (a noncharacter: nothing a person sees)
        text, utf8 = text.replace(_BLOCK_END, ""), None
    sheets: list[str] = []
    root = _document(text, utf8, sheets)
    if root is None:
        return [], ""
    # what a person does not see, or sees struck out, is not read; but where every table
    # of the page is hidden (a tab, or a report a script shows), they are the report
    styles = page_styles(root, sheets)
    hides = may_hide(root, styles)
    tables = sum(1 for _ in root.iter("table")) if hides else 0
    marked = hides and drop_unseen(root, sheets, drop)
    if tables and next(root.iter("table"), None) is None:
        root = _document(text, utf8)
        # (what the tables' own cells hide is still junk: only what holds them is read)
        marked = drop_unseen(root, sheets, drop, keep_tables=True)
        if notes is not None:
            notes.append(Note("hidden-tables-read", params={"count": tables}))
    if may_hold(text, styles):  # divs, lists or a grid shown as a table: made the table
        tables_of_blocks(root, sheets)
    if next(root.iter("input", "select", "tfoot"), None) is not None:
        formfields.field_values(root)  # a value in a form's text box: the text it shows
        sections.feet_last(root)  # a tfoot written before the body: shown after it
    text_of = functools.partial(etree.tostring, method="text", encoding=str, with_tail=False)
    # (Word's note marks are raised by their class where its style sheet was dropped)
    aligned = raises(styles) or any(word in text for word in WORD_MARK_CLASSES)
    if aligned or next(root.iter("sup", "sub"), None) is not None:  # a mark: no digit
        _raise_marks(root, raising_classes(sheets) if aligned else None)
    plain = _string_value()(root)
    if UNSEEN in plain:  # white figures a person may not see: a cell's, not the page's
        plain = _UNSEEN_TEXT.sub("", plain)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    page = _Page()
    # Excel's web page: a number it shows otherwise than it holds (x:num)
    excel = b"x:num" in utf8 if utf8 is not None else "x:num" in text
    held: list[str] | None = [] if excel else None
    # the elements in document order, each opened, then closed after what it holds,
    # without recursion (a page may nest deeper than Python's stack); a top-level table
    # is laid out at once (a layout table is made a div of its rows first, walked into
    # like any element: see _unframe); a comment or an entity counts neither its text
    # nor its tail
    stack: list[tuple[Any, Any]] = [(None, iter((root,)))]
    # the headings open, and the links opened outside one: a link's text (a link in a
    # heading is the page's own title; a heading in a link, a card's, is a link's)
    links = heads = 0
    while stack:
        parent, children = stack[-1]
        el = next(children, None)
        if el is None:  # the parent closes
            stack.pop()
            if parent is None:
                break
            el = parent
        else:
            tag = el.tag
            if tag == "table" and _is_layout(el):
                _unframe(el)
                tag = "div"
            if tag == "table":
                page.flush()
                _as_lines(el)
                _mark_cell_blocks(el)
                grid = Grid(page.budget)
                row: list[tuple[str, int, int]] = []
                _table(el, grid, text_of, row, held)
                grid.add_all(row)
                made = grid.rows(len(page.rows))
                if el.find(".//a") is not None:  # (a list of links set as a table)
                    made = _links_marked(el, made)
                page.rows += made
            elif isinstance(tag, str):
                if tag in BLOCKS:
                    if page.line:  # (an empty line makes no row)
                        page.flush()
                    if tag in _HEADINGS:
                        heads += 1
                elif tag == "a" and not heads:
                    links += 1
                own = el.text  # (no str: an element's text may be None)
                if own and tag != "br":
                    if links:
                        page.linked.append(len(page.line))
                    page.line.append(own)
                if len(el):
                    stack.append((el, iter(el)))
                    continue
            else:
                continue
        # el closes
        tag = el.tag
        if tag in BLOCKS:
            if tag != "br" and page.line:
                page.flush()
            if tag in _HEADINGS:
                heads -= 1
        elif tag == "a" and not heads:
            links -= 1
        tail = el.tail
        if tail:
            if tag == "br":
                page.flush()
                tail = tail[1:]
            if links:
                page.linked.append(len(page.line))
            page.line.append(tail)
    page.flush()
    if held and notes is not None:
        params = {"count": len(held), "cells": cut(held, 10)}
        notes.append(Note("page-shown-otherwise", params=params))
    if marked:  # each cell says what is not struck out in it, or is struck out
        plain = unstruck(plain)
        page.rows = [attrs.evolve(r, cells=tuple(map(seen, r.cells))) for r in page.rows]
    return page.rows, plain
