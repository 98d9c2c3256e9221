"""A table printed in two parts, each with the row labels and some of the columns.

A table too wide for the page is printed as two (Word, a CMS): the first with the row
labels and the first value columns under their headers, the second (after a line such as
（续表）) with the same row labels and the other columns. A person reads one table; read
as two, each row has half its values and none of its columns is proven (table 三 blank).

Two such tables are joined row by row where it is certain they are one table's parts:
consecutive (at most :data:`GAP` short lines of text between them), as many rows each,
the same label columns (the same text in the same leading columns of every row, no
number among them, a label in most rows; or none in either, their rows below the header
numbers and blanks only, as table 四's), and the headers of their other columns (each
column's header texts, top to bottom) all different: two tables of the same columns one
after the other (this year's and last year's) are never joined.

A data grid with frozen columns (EasyUI, LayUI) writes the label columns' header and
body tables, then the value columns' header and body tables: where the first half of a
run of tables holds no number, the second half no label (numbers and blanks below its
header), and each pair has as many rows, each pair is joined side by side.
"""

from __future__ import annotations

import attrs

from zfxxgk.core.discover import looks_like_value
from zfxxgk.core.labels import normalize
from zfxxgk.published.source import TextRow

#: The most lines of text between the two parts (（续表）, a page footer's remains).
GAP = 2
#: The longest such line (characters).
GAP_TEXT = 20


def _tables(rows: list[TextRow]) -> list[list[TextRow] | TextRow]:
    """The rows as runs of one table's rows, and the other rows alone."""
    out: list[list[TextRow] | TextRow] = []
    for row in rows:
        last = out[-1] if out else None
        if row.positional and row.table is not None:
            if isinstance(last, list) and last[0].table == row.table:
                last.append(row)
            else:
                out.append([row])
        else:
            out.append(row)
    return out


def _labels(a: list[TextRow], b: list[TextRow]) -> int:
    """How many leading columns the two parts share as label columns (0: none)."""
    width = min(min(len(r.cells) for r in a), min(len(r.cells) for r in b))
    k = 0
    while k < width - 1 and all(x.cells[k] == y.cells[k] for x, y in zip(a, b, strict=True)):
        k += 1
    if k == 0:
        return 0
    if any(looks_like_value(c) for r in a for c in r.cells[:k]):
        return 0
    labelled = sum(1 for r in a if any(c.strip() for c in r.cells[:k]))
    return k if 2 * labelled >= len(a) else 0


def _unlabelled(part: list[TextRow]) -> bool:
    """A part whose rows below its header hold numbers and blanks only (table 四)."""
    body = [r for r in part if any(looks_like_value(c) for c in r.cells)]
    return bool(body) and all(looks_like_value(c) or not c.strip() for r in body for c in r.cells)


def _headers(part: list[TextRow], k: int) -> list[tuple[str, ...]] | None:
    """Each column's header texts after the label columns, top to bottom (the rows above
    the first row that holds a number; a header cell empty where a label spans from the
    left takes that label); None where a column has none."""
    head: list[TextRow] = []
    for row in part:
        if any(looks_like_value(c) for c in row.cells[k:]):
            break
        head.append(row)
    if not head or len(head) == len(part):
        return None
    width = max(len(r.cells) for r in part)
    spread: list[list[str]] = []
    for row in head:
        carry, line = "", []
        for col in range(k, width):
            text = row.cells[col].strip() if col < len(row.cells) else ""
            if text or (row.starts is not None and col in row.starts):
                carry = text
            line.append(carry)
        spread.append(line)
    out = [tuple(line[i] for line in spread) for i in range(width - k)]
    return None if any(not any(path) for path in out) else out


def _same_header(left: list[tuple[str, ...]], right: list[tuple[str, ...]]) -> bool:
    """Whether a column of one part has the headers of a column of the other, as labels
    are compared (自 然 人 is 自然人: last year's table written with spaced headers)."""

    def paths(part: list[tuple[str, ...]]) -> set[tuple[str, ...]]:
        return {tuple(normalize(t) for t in path) for path in part}

    return bool(paths(left) & paths(right))


def _joined(a: list[TextRow], b: list[TextRow]) -> list[TextRow] | None:
    if len(a) != len(b) or len(a) < 2:
        return None
    k = _labels(a, b)
    if k == 0 and not (_unlabelled(a) and _unlabelled(b)):
        return None
    left, right = _headers(a, k), _headers(b, k)
    if left is None or right is None or _same_header(left, right):
        return None
    out: list[TextRow] = []
    for x, y in zip(a, b, strict=True):
        width = max(len(r.cells) for r in a)
        cells = x.cells + ("",) * (width - len(x.cells)) + y.cells[k:]
        starts = None
        if x.starts is not None and y.starts is not None:
            starts = x.starts + tuple(width + s - k for s in y.starts if s >= k)
        out.append(attrs.evolve(x, cells=cells, starts=starts, reach=None))
    return out


def _no_values(part: list[TextRow]) -> bool:
    """A part that holds no number."""
    return not any(looks_like_value(c) for r in part for c in r.cells)


def _no_labels(part: list[TextRow]) -> bool:
    """A part whose rows that hold a number hold numbers and blanks only."""
    return all(
        all(looks_like_value(c) or not c.strip() for c in r.cells)
        for r in part
        if any(looks_like_value(c) for c in r.cells)
    )


def _frozen(run: list[list[TextRow]]) -> list[TextRow] | None:
    """A data grid's frozen columns: the label columns' tables (header, body), then the
    value columns' as many tables of as many rows each; their rows joined side by side."""
    half = len(run) // 2
    if len(run) % 2 or half == 0:
        return None
    left, right = run[:half], run[half:]
    if any(len(a) != len(b) for a, b in zip(left, right, strict=True)):
        return None
    if not all(_no_values(a) for a in left) or not all(map(_no_labels, right)):
        return None
    if all(_no_values(b) for b in right):
        return None
    if not any(c.strip() for a in left for r in a for c in r.cells):
        return None
    out: list[TextRow] = []
    for a, b in zip(left, right, strict=True):
        width = max(len(r.cells) for r in a)
        for x, y in zip(a, b, strict=True):
            cells = x.cells + ("",) * (width - len(x.cells)) + y.cells
            starts = None
            if x.starts is not None and y.starts is not None:
                starts = x.starts + tuple(width + s for s in y.starts)
            out.append(attrs.evolve(x, cells=cells, starts=starts, reach=None, table=a[0].table))
    return [attrs.evolve(r, table=run[0][0].table) for r in out]


def _gap(item: list[TextRow] | TextRow) -> bool:
    return isinstance(item, TextRow) and len("".join(item.cells)) <= GAP_TEXT


def joined_beside(rows: list[TextRow]) -> list[TextRow]:
    """The rows with each table printed in two parts joined into one (see the module)."""
    tables = {r.table for r in rows if r.positional and r.table is not None}
    if len(tables) < 2:
        return rows
    items = _tables(rows)
    out: list[TextRow] = []
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, list):
            end = i
            while end < len(items) and isinstance(items[end], list):
                end += 1
            run = [t for t in items[i:end] if isinstance(t, list)]
            frozen = _frozen(run) if len(run) >= 2 else None
            if frozen is not None:
                out += frozen
                i = end
                continue
            j = i + 1
            while j < len(items) and j - i - 1 < GAP and _gap(items[j]):
                j += 1
            other = items[j] if j < len(items) else None
            joined = _joined(item, other) if isinstance(other, list) else None
            if joined is not None:  # (the lines between them after it)
                out += joined
                out += [r for r in items[i + 1 : j] if isinstance(r, TextRow)]
                i = j + 1
                continue
            out += item
        else:
            out.append(item)
        i += 1
    return out
