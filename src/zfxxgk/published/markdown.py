"""Markdown: pipe tables and grid tables cell by cell, other lines whole; OCR's restated
label headings."""

from __future__ import annotations

import re

import attrs

from zfxxgk.published.grid import MAX_ROWS, Budget, check_bound
from zfxxgk.published.gridtable import RULE, grid_table
from zfxxgk.published.raised import raised
from zfxxgk.published.source import TextRow
from zfxxgk.published.struck import seen, struck
from zfxxgk.published.text import check_text, clean_lines, split_cells

_SEPARATOR = re.compile(r"^:?-{2,}:?$")
_PIPE = re.compile(r"(?<!\\)\|")
#: struck-out text in a cell: ~~12~~ (GitHub's Markdown), or <del>, <s>, <strike>
_STRUCK = re.compile(r"~~(?P<t>[^~]+?)~~|<(?P<tag>del|s|strike)>(?P<h>.*?)</(?P=tag)>", re.I)


def _struck(m: re.Match[str]) -> str:
    return struck(m.group("t") if m.group("t") is not None else m.group("h"))


#: HTML in a cell that shows no text of its own: a comment (an old figure kept in it:
#: 15<!-- 12 -->), or a raised or lowered mark (12<sup>1</sup>: a footnote, no digit)
_HTML_MARKS = re.compile(r"<!--.*?-->|<(?P<tag>sup|sub)>(?P<m>.*?)</(?P=tag)>", re.I | re.S)


def _html_mark(m: re.Match[str]) -> str:
    tag = m.group("tag")
    return "" if tag is None else raised(m.group("m"), tag.lower() == "sub")


def _cell_html(cell: str) -> str:
    """A cell's text as shown: comments left out, marks raised, struck text marked and
    what is not struck kept where there is any."""
    return seen(_STRUCK.sub(_struck, _HTML_MARKS.sub(_html_mark, cell)))


def markdown_rows(text: str) -> list[TextRow]:
    """Rows of a Markdown document: pipe tables cell by cell, other lines whole."""
    check_text(text, "|")
    rows: list[TextRow] = []
    table: int | None = None  # the line of the current pipe table's first row
    lines = with_outer_pipes(clean_lines(text))
    budget = Budget()
    i = 0
    flat = 0  # the lines before it are a grid table's that is read line by line
    # the line before was a grid table's rule (+---+); the current table's first row was
    after_rule = ruled = False
    while i < len(lines):
        n, line = lines[i]
        i += 1
        if i > flat and RULE.match(line):  # a grid table (pandoc): its lines up to its last rule
            end = i
            while end < len(lines) and lines[end][1].lstrip().startswith(("|", "+")):
                end += 1
            while end > i and not RULE.match(lines[end - 1][1]):
                end -= 1  # (lines after its last rule are not the table's)
            grid = grid_table(lines[i - 1 : end], budget)
            if grid is not None:
                rows += grid
                table, i = None, end
                continue
            flat = end  # not laid out: each of its lines read as it is, none as a table's start
        s = line.strip()
        if not s:
            table, after_rule = None, False  # a blank line ends a table
            continue
        if s.startswith("|"):
            body = s[1:-1] if s.endswith("|") and len(s) > 1 else s[1:]
            split_cells(body, "|")  # bounded before the split below
            cells = [c.replace("\\|", "|").replace("<br>", "").strip() for c in _PIPE.split(body)]
            if "~~" in body or "<" in body:  # struck out: what is not, where there is any
                cells = [_cell_html(c) for c in cells]
            if all(_SEPARATOR.match(c.replace(" ", "")) for c in cells if c):
                continue
            if table is None:
                table, ruled = n, after_rule
            last = rows[-1] if rows else None
            if ruled and last is not None and last.table == table and len(last.cells) == len(cells):
                # a grid table read line by line (its rules not on one grid): a cell's
                # next line is no row of its own, its lines are the cell's (1 above 234:
                # no number, never 1)
                pairs = zip(last.cells, cells, strict=True)
                joined = ("\n".join(p for p in pair if p) for pair in pairs)
                rows[-1] = attrs.evolve(last, cells=tuple(joined))
            else:
                rows.append(TextRow(tuple(cells), True, n, table=table))
        else:
            table = None
            after_rule = s[0] == "+" and not s.strip("+-=: ")
            rows.append(TextRow((s.lstrip("#").strip(),), False, n))
    check_bound("rows", len(rows), MAX_ROWS)
    return without_restated_labels(rows)


#: A pipe table's delimiter row written without outer pipes (``---|:---:|---``), or a
#: lone rule under a one-cell first row (html2text writes ``---`` there).
_BARE_DELIMITER = re.compile(r"^:?-{3,}:?(?:\s*\|\s*:?-{3,}:?)*$")


def _has_pipe(line: str) -> bool:
    return _PIPE.search(line) is not None


def with_outer_pipes(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines with the rows of each pipe table written without outer pipes
    (``a| b| c`` over ``---|---|---``, as html2text and GitHub's Markdown allow) between
    outer pipes, so that they are read as the cells they are.

    Such a table is a delimiter row, the line above it (its first row) and the lines
    below up to a blank line; at least one of the two rows around the delimiter holds a
    pipe (a rule under a line of text with no pipe about it is a heading's). Its rows
    have no outer pipes: a pipe at a row's start or end is an empty first or last cell."""
    out = list(lines)
    for i in range(1, len(lines) - 1):
        rule = lines[i][1].strip()
        if rule.startswith("|") or not _BARE_DELIMITER.match(rule):
            continue
        above, below = lines[i - 1][1].strip(), lines[i + 1][1].strip()
        if not above or above.startswith("|") or not (_has_pipe(above) or _has_pipe(below)):
            continue
        if len(_PIPE.split(above)) != len(_PIPE.split(rule)):
            continue  # (as many cells as the first row's: else a heading's rule under text)
        end = i + 1
        while end < len(lines) and lines[end][1].strip():
            end += 1
        for k in range(i - 1, end):
            n, line = lines[k]  # (a pipe at either end: an empty first or last cell)
            out[k] = (n, f"| {line.strip()} |")
    return out


def without_restated_labels(rows: list[TextRow]) -> list[TextRow]:
    """The rows without a label line that the next rows restate with the row's numbers.

    OCR and language models write a row's label as a heading (``### (一)予以公开``) and
    under it a small table whose one row repeats the label with the numbers: the heading
    alone would claim the row with no values, and the numbers be lost.
    """
    from zfxxgk.core.discover import looks_like_value
    from zfxxgk.core.labels import normalize

    out: list[TextRow] = []
    for i, row in enumerate(rows):
        if len(row.cells) == 1 and not row.positional and len(row.cells[0]) <= 200:
            label = normalize(row.cells[0])
            restated = any(
                normalize(next((c for c in later.cells if c.strip()), "")) == label
                and any(looks_like_value(c) for c in later.cells)
                for later in rows[i + 1 : i + 4]
            )
            if label and restated:
                continue
        out.append(row)
    return out
