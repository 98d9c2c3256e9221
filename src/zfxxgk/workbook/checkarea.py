"""The check area of a template: ✓/✗ for each HARD rule, as spreadsheet formulas.

Made from the rule catalogue and the edition's equations, like :func:`zfxxgk.check`, so
the sheet and the library test the same things. A spreadsheet cannot tell a blank from
0, so here a blank counts as 0; for a fully filled report the two agree.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from zfxxgk.core.grid import Span, place_table
from zfxxgk.core.layout import Edition, Equation, FieldPath, Kind, Table, table_fields
from zfxxgk.core.rules import CATALOGUE, Rule
from zfxxgk.workbook.formulas import condition, expression, rectangles

CHECK_HEADER = "勾稽关系校验（表内空白按 0 计；✓ 成立，✗ 不成立）"
OK, BAD = "✓", "✗"


@attrs.frozen
class CheckRow:
    """One line of the check area: a rule, its label cell and its result formula."""

    rule: Rule
    label: str
    label_span: Span
    result: Span
    formula: str


@functools.lru_cache(maxsize=256)
def sheet_equations(edition: Edition, table: Table, rule: Rule) -> tuple[Equation, ...]:
    """The rule's instances that a spreadsheet can test on this table's sheet alone."""
    cells = place_table(table).fields
    return tuple(
        eq
        for eq in edition.equations
        if eq.rule == rule.id
        and not eq.cross_year
        and eq.total in cells
        and all(t.path in cells for t in eq.parts)
    )


def _nonneg_formula(rule: Rule, table: Table) -> str | None:
    placement = place_table(table)
    fields = {f.path: f for f in table_fields(table)}
    spans = [s for p, s in placement.fields.items() if fields[p].kind in rule.kinds]
    if not spans:
        return None
    ranges = rectangles(spans)
    negative = "+".join(f'COUNTIF({r},"<0")' for r in ranges)
    test = f"{negative}=0"
    if any(k.value in ("count", "signed") for k in rule.kinds):
        fraction = "+".join(f"SUMPRODUCT(({r}<>INT({r}))*1)" for r in ranges)
        test = f"AND({test},{fraction}=0)"
    return f'=IF(IFERROR({test},FALSE),"{OK}","{BAD}")'


@functools.lru_cache(maxsize=16)
def check_rows(edition: Edition, table: Table, top: int) -> tuple[CheckRow, ...]:
    """The check area of a table's sheet, starting at row ``top`` (zero-based)."""
    cells = place_table(table).fields
    width = table.width
    rows: list[CheckRow] = []
    r = top + 1
    for rule in CATALOGUE:
        if not rule.hard or edition.id not in rule.editions:
            continue
        formula: str | None = None
        if rule.kind == "relation":
            eqs = sheet_equations(edition, table, rule)
            if eqs:
                conds = ",".join(condition(eq, cells) for eq in eqs)
                formula = f'=IF(IFERROR(AND({conds}),FALSE),"{OK}","{BAD}")'
        elif rule.kind == "nonneg" and rule.table == table.key:
            formula = _nonneg_formula(rule, table)
        if formula is None:
            continue
        label = f"{rule.id}　{rule.formula}"
        rows.append(
            CheckRow(
                rule, label, Span(r, 0, r, width - 2), Span(r, width - 1, r, width - 1), formula
            )
        )
        r += 1
    return tuple(rows)


def check_area_top(table: Table) -> int:
    """The row of the check area's heading: below the table and its legend."""
    return place_table(table).height + 3


def total_marks(edition: Edition, table: Table) -> list[tuple[Span, str]]:
    """Cells to mark when they disagree with their parts, with the condition to mark on."""
    cells = place_table(table).fields
    out: list[tuple[Span, str]] = []
    seen: set[FieldPath] = set()
    for rule in CATALOGUE:
        if rule.kind != "relation" or not rule.hard or edition.id not in rule.editions:
            continue
        for eq in sheet_equations(edition, table, rule):
            if eq.op != "=":
                continue
            span = cells[eq.total]
            text = f"{span.ref()}<>{expression(eq, cells)}"
            if eq.total in seen:
                out = [(s, c if s != span else f"OR({c},{text})") for s, c in out]
            else:
                out.append((span, text))
                seen.add(eq.total)
    return out


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq,
    "<=": operator.le,
    ">=": operator.ge,
}


def row_result(
    edition: Edition, table: Table, row: CheckRow, values: Mapping[FieldPath, Any]
) -> str:
    """What the row's formula shows for these values: ✓ or ✗, a blank counting as 0 just
    as in the spreadsheet (the values are the report's, as the fill writes them)."""

    def number(path: FieldPath) -> int | Decimal:
        v = values.get(path)
        return 0 if v is None else v

    rule = row.rule
    if rule.kind == "relation":
        for eq in sheet_equations(edition, table, rule):
            rhs = sum(t.sign * number(t.path) for t in eq.parts)
            if not _OPS[eq.op](number(eq.total), rhs):
                return BAD
        return OK
    whole = any(k in (Kind.COUNT, Kind.SIGNED) for k in rule.kinds)
    for f in table_fields(table):
        v = values.get(f.path)
        if f.kind in rule.kinds and v is not None and (v < 0 or (whole and v != int(v))):
            return BAD
    return OK
