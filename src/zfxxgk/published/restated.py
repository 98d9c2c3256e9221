"""Value cells that restate their column's header above the number.

A responsive web table saved in its phone view (or printed so) shows each value cell as
its column's header over the number: ``自然人`` above ``26``. The cell is the number: the
label only says which column it is, and that is where it stands. Where a cell's first
lines name its own column's header (a header text of the table above it in that
column, or those texts joined) and its last line is a value, or its text is that
header glued to a number (自然人26; a header ending in a digit never), the cell is read
as that value; its header alone, in a row of numbers, as a blank. A cell that names
another column's header is left as it is (blank, with the reader's warning), never
moved.
"""

from __future__ import annotations

import re

import attrs

from zfxxgk.core.discover import looks_like_value
from zfxxgk.core.labels import normalize
from zfxxgk.published.source import TextRow


def _column_headers(head: list[TextRow], width: int) -> list[set[str]]:
    """Each column's header texts, normalised (a label spanning from the left counted for
    the columns it covers), and their top-to-bottom joins."""
    out: list[set[str]] = [set() for _ in range(width)]
    stacks: list[list[str]] = [[] for _ in range(width)]
    for row in head:
        carry = ""
        for col in range(width):
            text = row.cells[col].strip() if col < len(row.cells) else ""
            if text or (row.starts is not None and col in row.starts):
                carry = text
            if carry:
                out[col].add(normalize(carry))
                stacks[col].append(carry)
    for col, stack in enumerate(stacks):
        for i in range(len(stack)):
            out[col].add(normalize("".join(stack[i:])))
    return out


#: A number with a footnote mark before it (*12, ※3, △2, 注0, (注)0): no header.
_MARK_FIRST = re.compile(r"(?:注|[^\w\s])+\s*\d[\d.,]*\s*(?:注|[^\w\s])*")


def _value(cell: str, headers: set[str]) -> str | None:
    """The value a cell states under its column's header restated before it: on lines of
    their own, or glued (自然人26; a header ending in a digit is never taken so, 数据1 and
    2 being no 数据12); "" for its header alone (a blank shown so); None for any other
    cell."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    if len(lines) >= 2:
        if looks_like_value(lines[-1]) and normalize("".join(lines[:-1])) in headers:
            return lines[-1]
        return None
    text = normalize(cell)
    if not text or looks_like_value(text):
        return None
    if text in headers:
        # (a header is words: a number with a mark, 0注, is none, though a row of such
        # numbers and blanks above, no plain number in it, was taken for a header row)
        return None if text[:1].isdigit() or _MARK_FIRST.fullmatch(text) else ""
    for header in headers:
        if header and text.startswith(header) and not header[-1].isdigit():
            rest = text[len(header) :]
            if rest[:1].isdigit() and looks_like_value(rest):
                return rest
    return None


#: A cell ending in a number after other text (自然人26, 自然人 over 26), cells joined
#: by NUL: the cheap test before a table's cells are compared with its headers.
_GLUED = re.compile(r"[^\d\s.,+\-\x00]\s*\d[\d.,]*(?:\x00|$)")
#: The same, of one cell (not the last: the join's end may be a line break after it).
_GLUED_CELL = re.compile(r"[^\d\s.,+\-\x00]\s*\d[\d.,]*\Z")


def _glued(cells: list[str]) -> bool:
    """Whether a table's cells (in order) hold one that ends in a number after other
    text, as :data:`_GLUED` finds it in their join: a cell of digits alone, or that ends
    in no digit, comma or point, is passed over without a search."""
    if any("\x00" in cell for cell in cells):  # (a NUL of its own: searched as joined)
        return _GLUED.search("\x00".join(cells)) is not None
    for cell in cells[:-1]:
        end = cell[-1:]
        plain = not (end.isdecimal() or end in (".", ",")) or cell.isdecimal()
        if not plain and _GLUED_CELL.search(cell):
            return True
    return bool(cells) and _GLUED.search(cells[-1]) is not None


def _restated(row: TextRow, headers: list[set[str]]) -> list[str] | None:
    """The row's cells with each restating cell read as its value; None for a row with
    no number, as written or restated (a header row: its labels are kept)."""
    cells = list(row.cells)
    numbers = any(looks_like_value(c) for c in cells)
    for col, cell in enumerate(cells):
        value = _value(cell, headers[col]) if col < len(headers) else None
        if value is not None:
            cells[col] = value
            numbers = numbers or value != ""
    return cells if numbers else None


def without_restated_headers(rows: list[TextRow]) -> list[TextRow]:
    """The rows with each value cell that restates its column's header read as its value
    (see the module)."""
    out = list(rows)
    tables: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        if row.positional and row.table is not None:
            tables.setdefault(row.table, []).append(i)
    for members in tables.values():
        if not _glued([c for i in members for c in rows[i].cells]):
            continue  # (no cell ends in a number after other text: nothing restated)
        width = max(len(rows[i].cells) for i in members)
        head: list[TextRow] = []
        headers: list[set[str]] | None = None
        after_values = False
        for i in members:
            row = rows[i]
            if headers is None:
                headers = _column_headers(head, width)
            cells = _restated(row, headers)
            if cells is None:  # a header row (after values: a block of its own)
                head = [row] if after_values else [*head, row]
                headers, after_values = None, False
                continue
            after_values = True
            if cells != list(row.cells):
                out[i] = attrs.evolve(row, cells=tuple(cells))
    return out
