"""Grid tables, as pandoc writes a Word document's tables in Markdown, plain text and
reStructuredText: ``+---+---+`` rules, ``+===+`` under the header, a cell's text wrapped
over several lines between ``|``, merged cells drawn as one box (rules cut short).

The table is laid out by display columns (a Chinese character is two wide, as pandoc
counts them), and each cell is found as a box: from a ``+`` corner right along its top
rule, down its right edge, back along its bottom rule and up its left edge (as docutils
reads them). A cell's lines are joined, its paragraphs and hard line breaks kept as
lines; a cell that spans columns or rows keeps its
span. A table whose boxes do not tile it (a line off its columns, a rule that does not
close) is not laid out: its lines are read as text and pipe rows, never guessed into
columns.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from zfxxgk.published.grid import Budget, Grid
from zfxxgk.published.source import TextRow

#: A grid table's rule: ``+---+:==+``.
RULE = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
_ESCAPED = re.compile(r"\\([^\w\s])")
_FLAT = frozenset("-=:+")  # what a top or bottom rule is drawn with
_UPRIGHT = frozenset("|+")  # what a left or right edge is drawn with
#: The largest table laid out as boxes (lines × display columns); a larger one is read
#: line by line.
MAX_AREA = 2_000_000
#: How many times over its area the search for a table's boxes may look at it.
STEPS_PER_CHAR = 8


def _canvas(line: str) -> list[str]:
    """A line by display column: a wide character in its first column, "" in its second."""
    out: list[str] = []
    for ch in line:
        if unicodedata.combining(ch) and out:
            out[-1] += ch
            continue
        out.append(ch)
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            out.append("")
    return out


def _join(parts: list[str]) -> str:
    """A cell's lines as one text: the lines of a paragraph joined (a wrapped word of Latin
    letters or digits gets back the space it was wrapped at; Chinese text is joined as it
    is); paragraphs (a blank line between them) and lines broken by a backslash at their
    end (Markdown's hard line break) each on a line of their own, as the cell shows them
    (12 above 345: two numbers, not 12 345)."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            if out and out[-1] != "\n":
                out += "\n"  # a paragraph ends
            continue
        if (
            out
            and out[-1] != "\n"
            and out[-1].isascii()
            and out[-1].isalnum()
            and part[0].isascii()
        ):
            out += " "
        broken = part.endswith("\\") and not part.endswith("\\\\")
        out += part[:-1] + "\n" if broken else part
    return _ESCAPED.sub(r"\1", out.strip("\n"))


@attrs.frozen
class _Box:
    top: int
    left: int
    bottom: int
    right: int


class _Unlaid(Exception):
    """The table took more looking at than its size allows: it is read line by line."""


class _Table:
    """A grid table drawn on a canvas of display columns."""

    def __init__(self, lines: list[str]) -> None:
        self.rows = [_canvas(line.rstrip()) for line in lines]
        #: the characters the search may look at: a few times the table's area (a
        #: report's tables need about one), so that no drawing makes it quadratic
        self.steps = STEPS_PER_CHAR * len(self.rows) * max(map(len, self.rows)) + 10_000

    def at(self, y: int, x: int) -> str:
        self.steps -= 1
        if self.steps < 0:
            raise _Unlaid
        row = self.rows[y]
        return row[x] if x < len(row) else " "

    def _flat(self, y: int, x0: int, x1: int) -> bool:
        return all(self.at(y, x) in _FLAT for x in range(x0, x1 + 1))

    def _upright(self, x: int, y0: int, y1: int) -> bool:
        return all(self.at(y, x) in _UPRIGHT for y in range(y0, y1 + 1))

    def box(self, top: int, left: int) -> _Box | None:
        """The cell whose top-left corner is at (top, left): the first corner right of it
        on its top rule whose edge goes down to a corner closing the box."""
        width = len(self.rows[top])
        for right in range(left + 1, width):
            ch = self.at(top, right)
            if ch not in _FLAT:
                return None  # the top rule ends before a box closes
            if ch != "+":
                continue
            for bottom in range(top + 1, len(self.rows)):
                edge = self.at(bottom, right)
                if edge == "+":
                    if self._flat(bottom, left, right) and self._upright(left, top, bottom):
                        return _Box(top, left, bottom, right)
                elif edge != "|":
                    break
        return None

    def text(self, box: _Box) -> str:
        lines = []
        for y in range(box.top + 1, box.bottom):
            row = self.rows[y]
            if box.right < len(row) and row[box.right] == "":
                return "\0"  # a wide character across the right edge: not on the grid
            line = "".join(row[box.left + 1 : box.right])
            if " | " in f" {line} ":
                return "\0"  # a bar between words: a column the rules do not draw
            lines.append(line)
        return _join(lines)

    def boxes(self) -> list[_Box] | None:
        """Every cell of the table, or None where the boxes do not tile it."""
        corners = [(0, 0)]
        seen: set[tuple[int, int]] = set()
        found: list[_Box] = []
        while corners:
            corner = corners.pop()
            if corner in seen:
                continue
            seen.add(corner)
            top, left = corner
            if top == len(self.rows) - 1 or left == len(self.rows[top]) - 1:
                continue  # the table's bottom rule, or its right edge
            if self.at(top, left + 1) not in _FLAT or self.at(top + 1, left) not in _UPRIGHT:
                continue  # a point on the edge of a cell that spans it: no cell starts here
            box = self.box(top, left)
            if box is None:
                return None
            found.append(box)
            corners += [(box.top, box.right), (box.bottom, box.left)]
        right = len(self.rows[0]) - 1
        area = sum((b.bottom - b.top) * (b.right - b.left) for b in found)
        if area != (len(self.rows) - 1) * right:
            return None  # boxes that do not tile the table
        return found


def grid_table(lines: list[tuple[int, str]], budget: Budget) -> list[TextRow] | None:
    """The rows of a grid table (``lines``: its numbered lines, the first a rule, the
    last too), or None where its cells do not tile it as boxes."""
    if len(lines) < 3 or len(lines) * max(len(t) for _, t in lines) > MAX_AREA:
        return None
    table = _Table([t for _, t in lines])
    widths = {len(r) for r in table.rows}
    if len(widths) != 1:
        return None  # lines of other lengths: not drawn on one grid
    try:
        boxes = table.boxes()
    except _Unlaid:
        return None
    if not boxes:
        return None
    ys = sorted({b.top for b in boxes} | {b.bottom for b in boxes})
    xs = sorted({b.left for b in boxes} | {b.right for b in boxes})
    row_of = {y: i for i, y in enumerate(ys)}
    col_of = {x: i for i, x in enumerate(xs)}
    grid = Grid(budget)
    by_row: dict[int, list[_Box]] = {}
    for b in boxes:
        by_row.setdefault(row_of[b.top], []).append(b)
    for r in range(len(ys) - 1):
        grid.new_row()
        cells = sorted(by_row.get(r, []), key=lambda b: b.left)
        texts = [table.text(b) for b in cells]
        if "\0" in texts:
            return None
        grid.add_all(
            [
                (text, row_of[b.bottom] - r, col_of[b.right] - col_of[b.left])
                for b, text in zip(cells, texts, strict=True)
            ]
        )
        if tuple(col_of[b.left] for b in cells) != tuple(grid.starts.get(r, ())):
            return None  # (cannot be where the boxes tile the table)
    first = lines[0][0]
    return [
        attrs.evolve(row, line=lines[ys[i]][0] + 1, table=first)
        for i, row in enumerate(grid.rows(first))
    ]
