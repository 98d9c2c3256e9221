"""The check area of a template: a mark for each HARD rule, as spreadsheet formulas.

Made from the rule catalogue and the edition's equations, and judged as
:func:`zfxxgk.check` judges (:func:`zfxxgk.core.evaluate.judge`), so that the sheet and
the library say the same thing on the same cells. Each instance of a rule becomes a
code — 0 nothing stated, 1 holds, 2 cannot be judged, 3 fails — and the row shows the
worst: blank, ✓, ？ or ✗. A spreadsheet cannot see everything the library sees, and
where it cannot, it shows ？ rather than a ✓ it does not know:

- a number stored as text (a spreadsheet's SUM skips it, the library reads it);
- a blank total beside stated parts, or a stated total with no stated part.

A group subtotal with no cell of its own (stated by a report, kept in the hidden data
sheet) stands in for its rows when they are all blank, on the sheet as in the library.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import attrs

from zfxxgk.core.check_values import value_status
from zfxxgk.core.evaluate import Status, verdict
from zfxxgk.core.grid import Span, place_table
from zfxxgk.core.layout import Edition, Equation, FieldPath, Table, table_fields
from zfxxgk.core.rules import CATALOGUE, Rule, RuleKind
from zfxxgk.workbook.formulas import (
    Standins,
    condition,
    expression,
    parts_count,
    rectangles,
    runs,
    standin_refs,
)

CHECK_HEADER = (
    "勾稽关系校验（✓ 成立；✗ 不成立；？ 无法判断：有文本数字、合计或各项未填写，"
    "请用 zfxxgk check 核对；空白：未填写）"
)
OK, BAD, UNKNOWN = "✓", "✗", "？"
#: What each instance code shows; a row shows its instances' highest code.
MARKS = ("", OK, UNKNOWN, BAD)
_CODES = {Status.SKIPPED: 0, Status.PASSED: 1, Status.NOT_ASSESSABLE: 2, Status.FAILED: 3}


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


def _text_count(spans: list[Span]) -> str:
    """How many of these cells hold text that is not empty (a "" result is not text)."""
    return "+".join(f"SUMPRODUCT(ISTEXT({r})*(LEN({r})>0))" for r in rectangles(spans))


def _instance_code(
    eq: Equation, rule: Rule, cells: dict[FieldPath, Span], standins: Standins
) -> str:
    """The spreadsheet expression of an instance's code (0 to 3), as :func:`judge` and
    :func:`sheet_verdict` decide it."""
    total = cells[eq.total]
    spans = [total, *(cells[t.path] for t in eq.parts)]
    subs = [standins[g.subtotal] for g in eq.groups if g.subtotal in standins]
    everything = f"COUNT({','.join([*runs(spans), *subs])})"
    parts = parts_count(eq, cells, standins)
    blank_total = "" if rule.absent_total_is_zero else f"COUNT({total.ref()})=0,2,"
    judged = f"IF({condition(eq, cells, standins)},1,3)"
    return (
        f"IF({_text_count(spans)}>0,2,IF({everything}=0,0,IF({parts}=0,2,"
        + (f"IF({blank_total}" if blank_total else "")
        + judged
        + (")" if blank_total else "")
        + ")))"
    )


def _nonneg_code(rule: Rule, edition: Edition, table: Table) -> str | None:
    placement = place_table(table)
    fields = {f.path: f for f in edition.table_fields(table)}
    chosen = [(p, s) for p, s in placement.fields.items() if fields[p].kind in rule.kinds]
    if not chosen:
        return None
    spans = [s for _, s in chosen]
    ranges = rectangles(spans)
    bad = "+".join(f'COUNTIF({r},"<0")' for r in ranges)
    if any(k.accepts.whole for k in rule.kinds):
        # fractions among the typed cells (a total that shows "" would make INT() fail)
        typed = rectangles([s for p, s in chosen if not fields[p].computed])
        bad += "+" + "+".join(f"SUMPRODUCT(({r}<>INT({r}))*1)" for r in typed)
    return f"IF({_text_count(spans)}>0,2,IF(COUNT({','.join(ranges)})=0,0,IF({bad}=0,1,3)))"


def _mark_formula(codes: list[str]) -> str:
    return f'=IFERROR(CHOOSE(MAX({",".join(codes)})+1,"","{OK}","{UNKNOWN}","{BAD}"),"{UNKNOWN}")'


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
        codes: list[str] = []
        if rule.kind is RuleKind.RELATION:
            standins = standin_refs(edition)
            codes = [
                _instance_code(eq, rule, cells, standins)
                for eq in sheet_equations(edition, table, rule)
            ]
        elif rule.kind is RuleKind.NONNEG and rule.table == table.key:
            code = _nonneg_code(rule, edition, table)
            codes = [code] if code else []
        if not codes:
            continue
        label = f"{rule.id}　{rule.formula}"
        rows.append(
            CheckRow(
                rule,
                label,
                Span(r, 0, r, width - 2),
                Span(r, width - 1, r, width - 1),
                _mark_formula(codes),
            )
        )
        r += 1
    return tuple(rows)


def check_area_top(table: Table) -> int:
    """The row of the check area's heading: below the table and its legend."""
    return place_table(table).height + 3


def total_marks(edition: Edition, table: Table) -> list[tuple[Span, str]]:
    """Cells to mark when they disagree with their parts (both stated), with the
    condition to mark on."""
    cells = place_table(table).fields
    standins = standin_refs(edition)
    out: list[tuple[Span, str]] = []
    seen: set[FieldPath] = set()
    for rule in CATALOGUE:
        if rule.kind is not RuleKind.RELATION or not rule.hard or edition.id not in rule.editions:
            continue
        for eq in sheet_equations(edition, table, rule):
            if eq.op != "=":
                continue
            span = cells[eq.total]
            text = (
                f"AND(COUNT({span.ref()})>0,{parts_count(eq, cells, standins)}>0,"
                f"{span.ref()}<>{expression(eq, cells, standins)})"
            )
            if eq.total in seen:
                out = [(s, c if s != span else f"OR({c},{text})") for s, c in out]
            else:
                out.append((span, text))
                seen.add(eq.total)
    return out


def sheet_verdict(eq: Equation, rule: Rule, values: Mapping[FieldPath, Any]) -> Status:
    """What the sheet decides for one instance over the cells it can see (``values``:
    the report's values of the fields that have a cell, and of the stand-in subtotals
    that the hidden data sheet holds), as the formula encodes it: as :func:`judge`."""

    return verdict(eq, values, total_required=not rule.absent_total_is_zero)


def row_result(
    edition: Edition, table: Table, row: CheckRow, values: Mapping[FieldPath, Any]
) -> str:
    """What the row's formula shows for these values (the report's, as the fill writes
    them: numbers or blanks, never text)."""
    rule = row.rule
    if rule.kind is RuleKind.RELATION:
        codes = [
            _CODES[sheet_verdict(eq, rule, values)] for eq in sheet_equations(edition, table, rule)
        ]
        return MARKS[max(codes, default=0)]
    # judged value by value as check judges it
    codes = [
        _CODES[value_status(rule, values.get(f.path))]
        for f in table_fields(table)
        if f.kind in rule.kinds
    ]
    return MARKS[max(codes, default=0)]
