"""Markdown grid tables, as pandoc writes a Word document's tables: ``+---+---+`` rules,
``+===+`` under the header, a cell's text wrapped over several lines between ``|``.

The columns are the ``+`` of the table's first rule, in display columns (a Chinese
character is two wide, as pandoc counts them); a ``|`` of a line stands on one of them,
and a cell whose line skips a column's ``|`` spans it. A row is the lines between two
rules, each cell's lines joined. A table whose lines do not stand on its columns (or
that merges cells down, with rules cut short) is not laid out: its lines are read as
text, never guessed into columns.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

import attrs

from zfxxgk.published.grid import Budget, Grid
from zfxxgk.published.source import TextRow

#: A grid table's rule: ``+---+:==+``.
RULE = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
_ESCAPED = re.compile(r"\\([^\w\s])")


def _widths(line: str) -> list[int]:
    """The display column where each character of ``line`` begins, and the line's end."""
    out = [0]
    for ch in line:
        wide = unicodedata.east_asian_width(ch) in ("W", "F")
        out.append(out[-1] + (0 if unicodedata.combining(ch) else 2 if wide else 1))
    return out


def _bars(line: str, mark: str) -> list[tuple[int, int]]:
    """(index, display column) of each ``mark`` in ``line``."""
    cols = _widths(line)
    return [(i, cols[i]) for i, ch in enumerate(line) if ch == mark]


def _join(parts: list[str]) -> str:
    """A cell's lines as one text: a wrapped word of Latin letters or digits gets back the
    space it was wrapped at; Chinese text is joined as it is."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii():
            out += " "
        out += part
    return _ESCAPED.sub(r"\1", out)


def grid_table(lines: list[tuple[int, str]], budget: Budget) -> list[TextRow] | None:
    """The rows of a grid table (``lines``: its numbered lines, the first a rule), or
    None where its lines do not stand on the columns of its first rule."""
    first = lines[0][1].rstrip()
    bounds = [col for _, col in _bars(first, "+")]
    where = {col: k for k, col in enumerate(bounds)}
    grid = Grid(budget)
    pending: dict[int, tuple[int, list[str]]] = {}  # start column -> (span, lines)
    starts: list[int] = []  # the source line each row begins on
    for n, line in lines[1:]:
        line = line.rstrip()
        if RULE.match(line):
            if [col for _, col in _bars(line, "+")] != bounds:
                return None  # a rule of other columns: not this table
            if pending:
                grid.new_row()
                grid.add_all(
                    [(_join(parts), 1, span) for _, (span, parts) in sorted(pending.items())]
                )
            pending = {}
            continue
        if "+-" in line or "-+" in line or "+=" in line:
            return None  # a rule cut short: a cell merged down
        marks = [(i, where[col]) for i, col in _bars(line, "|") if col in where]
        if len(marks) < 2 or marks[0][1] != 0 or marks[-1][1] != len(bounds) - 1:
            return None
        layout = [(a, b) for (_, a), (_, b) in itertools.pairwise(marks)]
        spans = {a: b - a for a, b in layout}
        if pending and {a: s for a, (s, _) in pending.items()} != spans:
            return None  # the row's lines do not agree on its cells
        if not pending:
            starts.append(n)
        for (i, a), (j, _) in itertools.pairwise(marks):
            _span, parts = pending.setdefault(a, (spans[a], []))
            parts.append(line[i + 1 : j])
    if pending or not starts:
        return None  # the table does not end with a rule, or has no row
    table = lines[0][0]
    return [
        attrs.evolve(row, line=line, table=table)
        for row, line in zip(grid.rows(table), starts, strict=True)
    ]
