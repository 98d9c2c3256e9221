"""Spreadsheet formula text for the edition's equations, from the cells the grid gives."""

from __future__ import annotations

from collections.abc import Iterable

from zfxxgk.core.grid import Span
from zfxxgk.core.layout import Equation, FieldPath
from zfxxgk.xlsx.refs import cell_ref


def runs(spans: Iterable[Span]) -> list[str]:
    """Cells, in order, as A1 ranges that join neighbours along a row or down a column."""
    out: list[list[Span]] = []
    for span in spans:
        if out:
            run = out[-1]
            last = run[-1]
            across = span.row == last.row and span.col == last.last_col + 1
            down = span.col == last.col and span.row == last.last_row + 1
            way = None if len(run) == 1 else ("across" if run[0].row == last.row else "down")
            if (across and way in (None, "across")) or (down and way in (None, "down")):
                run.append(span)
                continue
        out.append([span])
    return [_range(r[0], r[-1]) for r in out]


def rectangles(spans: Iterable[Span]) -> list[str]:
    """Cells as few A1 rectangles: runs along each row, stacked where rows match."""
    rows: list[tuple[int, int, int]] = []  # (row, first col, last col), in order
    for span in sorted(spans, key=lambda s: (s.row, s.col)):
        if rows and rows[-1][0] == span.row and rows[-1][2] + 1 == span.col:
            rows[-1] = (span.row, rows[-1][1], span.last_col)
        else:
            rows.append((span.row, span.col, span.last_col))
    rects: list[list[int]] = []  # [first row, last row, first col, last col]
    for r, c0, c1 in rows:
        if rects and rects[-1][1] + 1 == r and rects[-1][2:] == [c0, c1]:
            rects[-1][1] = r
        else:
            rects.append([r, r, c0, c1])
    return [_range(Span(a, c, a, c), Span(b, d, b, d)) for a, b, c, d in rects]


def _range(first: Span, last: Span) -> str:
    a = cell_ref(first.row, first.col)
    b = cell_ref(last.row, last.col)
    return a if a == b else f"{a}:{b}"


def sum_of(spans: list[Span]) -> str:
    """``SUM(D5:I5)`` over cells (``0`` for none): SUM skips text, so a blank total that
    shows "" adds nothing, as a blank does."""
    return f"SUM({','.join(runs(spans))})" if spans else "0"


def expression(eq: Equation, cells: dict[FieldPath, Span]) -> str:
    """Σ sign·part of an equation as SUM(plus)−SUM(minus): never a bare ``+``, which a
    total showing "" would turn into #VALUE!."""
    plus = [cells[t.path] for t in eq.parts if t.sign > 0]
    minus = [cells[t.path] for t in eq.parts if t.sign < 0]
    return sum_of(plus) + (f"-{sum_of(minus)}" if minus else "")


def parts_count(eq: Equation, cells: dict[FieldPath, Span]) -> str:
    """``COUNT(...)`` of an equation's parts: how many hold a number."""
    return f"COUNT({','.join(runs([cells[t.path] for t in eq.parts]))})"


def condition(eq: Equation, cells: dict[FieldPath, Span]) -> str:
    """The equation as a spreadsheet condition, e.g. ``N(J5)=SUM(D5:I5)`` (N() reads a
    blank or "" total as 0)."""
    return f"N({cells[eq.total].ref()}){eq.op}{expression(eq, cells)}"


def total_formula(eq: Equation, cells: dict[FieldPath, Span]) -> str:
    """A total the template computes: blank until a part is entered, then the sum."""
    return f'=IF({parts_count(eq, cells)}=0,"",{expression(eq, cells)})'
