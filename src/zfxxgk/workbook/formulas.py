"""Spreadsheet formula text for the edition's equations, from the cells the grid gives.

A group subtotal that the official table prints no cell for (（三）不予公开 …) is kept,
where a report states it, in column B of the edition's hidden data sheet
(:func:`standin_cells`); the formulas read it there and let it stand in for its rows
when they are all blank, as :func:`zfxxgk.core.evaluate.evaluate` does.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from zfxxgk.core.grid import Span
from zfxxgk.core.layout import Edition, Equation, FieldPath, Group
from zfxxgk.xlsx.refs import cell_ref, formula_sheet, joined_runs

#: subtotal → its cell in the hidden data sheet, as a formula refers to it
Standins = Mapping[FieldPath, str]
STANDIN_COL = 1  #: column B of the data sheet
NO_STANDINS: Standins = MappingProxyType({})


@functools.cache
def standin_cells(edition: Edition) -> dict[FieldPath, tuple[int, int]]:
    """Each group subtotal of the edition and its (row, col) in the hidden data sheet:
    column B from the second row, in the order the equations name them."""
    out: dict[FieldPath, tuple[int, int]] = {}
    for eq in edition.equations:
        for g in eq.groups:
            if g.subtotal not in out:
                out[g.subtotal] = (len(out) + 1, STANDIN_COL)
    return out


@functools.cache
def standin_refs(edition: Edition) -> dict[FieldPath, str]:
    """:func:`standin_cells` as references from another sheet (``zfxxgk!B2``)."""
    sheet = formula_sheet(edition.data_sheet)
    return {p: f"{sheet}!{cell_ref(r, c)}" for p, (r, c) in standin_cells(edition).items()}


def runs(spans: Iterable[Span]) -> list[str]:
    """Cells, in order, as A1 ranges that join neighbours along a row or down a column."""
    cells = list(spans)
    boxes = [(s.row, s.col, s.last_row, s.last_col) for s in cells]
    return [_range(cells[a], cells[b]) for a, b in joined_runs(boxes)]


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


def _groups(eq: Equation, cells: dict[FieldPath, Span], standins: Standins) -> list[Group]:
    """The groups of ``eq`` whose rows all have a cell and whose subtotal has one."""
    return [g for g in eq.groups if g.subtotal in standins and all(m in cells for m in g.members)]


def expression(eq: Equation, cells: dict[FieldPath, Span], standins: Standins = NO_STANDINS) -> str:
    """Σ sign·part of an equation as SUM(plus)−SUM(minus): never a bare ``+`` on a cell,
    which a total showing "" would turn into #VALUE!. A group of rows with a stand-in
    subtotal adds ``IF(COUNT(rows)=0,N(subtotal),SUM(rows))``."""
    groups = _groups(eq, cells, standins)
    grouped = {m for g in groups for m in g.members}
    plus = [cells[t.path] for t in eq.parts if t.sign > 0 and t.path not in grouped]
    minus = [cells[t.path] for t in eq.parts if t.sign < 0]
    text = sum_of(plus) if plus or not groups else ""
    for g in groups:
        rows = ",".join(runs([cells[m] for m in g.members]))
        stand = f"IF(COUNT({rows})=0,N({standins[g.subtotal]}),SUM({rows}))"
        text = f"{text}+{stand}" if text else stand
    return text + (f"-{sum_of(minus)}" if minus else "")


def parts_count(
    eq: Equation, cells: dict[FieldPath, Span], standins: Standins = NO_STANDINS
) -> str:
    """``COUNT(...)`` of an equation's parts (and stand-in subtotals): how many hold a
    number."""
    subs = [standins[g.subtotal] for g in _groups(eq, cells, standins)]
    return f"COUNT({','.join([*runs([cells[t.path] for t in eq.parts]), *subs])})"


def condition(eq: Equation, cells: dict[FieldPath, Span], standins: Standins = NO_STANDINS) -> str:
    """The equation as a spreadsheet condition, e.g. ``N(J5)=SUM(D5:I5)`` (N() reads a
    blank or "" total as 0)."""
    return f"N({cells[eq.total].ref()}){eq.op}{expression(eq, cells, standins)}"


def total_formula(
    eq: Equation, cells: dict[FieldPath, Span], standins: Standins = NO_STANDINS
) -> str:
    """A total the template computes: blank until a part is entered, then the sum."""
    count = parts_count(eq, cells, standins)
    return f'=IF({count}=0,"",{expression(eq, cells, standins)})'
