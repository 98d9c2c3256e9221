"""Checking a report against every rule of its edition (勾稽关系), cell by cell.

Absent is not zero (:mod:`zfxxgk.core.evaluate` holds the one evaluator and its verdicts).
A rule instance whose cells are all absent is skipped. One whose checked total is absent
while some parts are stated, or whose stated total has no stated part, is *not
assessable* (a warning naming the blank cells), never an error; an equation without a
single total (R3-COL-BALANCE) counts a blank total as 0. Otherwise absent parts count as
0 and the finding lists them. A value rule (non-negativity) looks only at stated values.
A stated group subtotal stands in for its group when all the group's rows are absent. A
subtotal that the official tables print no cell for is checked only where the report
states it and at least one of its rows. Completeness rules say when a report, a table or
an applicant column is blank, and which numbers the workbook holds as text; where several
failures share one cell that a single change would mend, it is named first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from zfxxgk.core.editions import EDITIONS, edition_for_year
from zfxxgk.core.evaluate import (
    Blanks,
    Evaluation,
    Getter,
    Status,
    evaluate,
    holds,
    judge,
    partial_subtotals,
    report_getter,
)
from zfxxgk.core.findings import (
    ROW_COLUMNS,
    CellInfo,
    CheckResult,
    Finding,
    LikelyCause,
    compact_refs,
    finding_rows,
    text_report,
)
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Edition, Equation, Field, FieldPath, Kind
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.rules import Rule, apply_overrides
from zfxxgk.core.values import plain
from zfxxgk.errors import UnknownEditionError
from zfxxgk.notes import Note

__all__ = [
    "ROW_COLUMNS",
    "CellInfo",
    "CheckResult",
    "Finding",
    "LikelyCause",
    "check",
    "finding_rows",
    "instances",
    "text_report",
]

Number = int | Decimal


@cache
def _template_cells(edition_id: str) -> dict[FieldPath, tuple[str, str]]:
    return {
        path: (sheet, span.ref())
        for path, (sheet, span) in all_fields(EDITIONS[edition_id]).items()
    }


def _fmt(value: Any) -> str:
    if value is None:
        return "空"
    if isinstance(value, Decimal):
        return plain(value)
    return str(value)


class _Context:
    """The report under check, last year's, and how to name their cells."""

    def __init__(
        self, report: AnnualReport, previous: AnnualReport | None, include_passed: bool = True
    ) -> None:
        self.report = report
        self.previous = previous
        self.partial = partial_subtotals(report.meta)
        self.get = report_getter(report, previous)
        #: passing instances are not reported: one that plainly holds needs no finding
        self.skip_passed = not include_passed and not self.partial

    def cell(self, path: FieldPath, previous: bool = False) -> CellInfo:
        rep = self.previous if previous else self.report
        assert rep is not None
        f = rep.layout.field_map[path]
        prov = rep.provenance
        raw = None
        in_workbook = prov is not None and prov.kind == "workbook"
        if prov is not None and path in prov.cells:
            src = prov.cells[path]
            where: tuple[str, str] | None = (src.sheet, src.cell)
            # text the cell holds (a formula's text is not the cell's content)
            if in_workbook and isinstance(src.raw, str) and src.formula is None:
                raw = src.raw
        else:
            where = _template_cells(rep.edition).get(path)
        sheet, cell = where if where else (None, None)
        return CellInfo(".".join(path), f.label, sheet, cell, rep.get(path), previous, raw)


def _finding(rule: Rule, status: Status | str, statement: str, code: str, **kw: Any) -> Finding:
    """A finding whose message is the note ``code`` over the given parameters."""
    params = {"rule": rule.id, "statement": statement, **kw.pop("params", {})}
    status_text = status.value if isinstance(status, Status) else status
    severity = rule.severity
    if status_text == "not_assessable" and severity == "error":
        severity = "warning"  # what cannot be judged is never an error
    return Finding(
        rule=rule.id,
        severity=severity,
        status=status_text,
        statement=statement,
        note=Note(code, params=params),
        **kw,
    )


# ---------------------------------------------------------------------- relations


def _plainly_holds(rule: Rule, eq: Equation, report: AnnualReport) -> bool:
    """Every cell of a same-year instance is stated and it holds: the common case, told
    from the values alone (no stand-in subtotal can apply when every row is stated)."""
    total = report.get(eq.total)
    if not isinstance(total, int | Decimal):
        return False
    computed: Number = 0
    for term in eq.parts:
        v = report.get(term.path)
        if not isinstance(v, int | Decimal):
            return False
        computed = computed + term.sign * v
    return holds(eq.op, total - computed, rule.tolerance)


def _relation(rule: Rule, eq: Equation, ctx: _Context) -> tuple[Finding, Evaluation] | None:
    if eq.cross_year:
        if ctx.previous is None:
            return None
    elif ctx.skip_passed and _plainly_holds(rule, eq, ctx.report):
        return None
    ev = evaluate(eq, ctx.get, partial=ctx.partial)
    verdict = judge(ev, total_required=not rule.absent_total_is_zero, tolerance=rule.tolerance)
    if verdict is Status.SKIPPED:
        return None
    if not ctx.report.layout.field_map[eq.total].official and (
        ev.total is None or not ev.stated_addends
    ):
        return None  # a subtotal with no cell: checked only where it and a row are stated
    if eq.cross_year and not any(a.term.previous and a.value is not None for a in ev.addends):
        return None  # nothing stated last year to compare with
    return _relation_finding(rule, ev, verdict, ctx), ev


def _relation_finding(rule: Rule, ev: Evaluation, verdict: Status, ctx: _Context) -> Finding:
    """The finding of an instance that is judged: its cells, numbers and message."""
    eq = ev.equation
    total = ctx.cell(eq.total)
    parts = [ctx.cell(a.path, a.term.previous) for a in ev.addends]
    cells = (total, *parts)
    absent = tuple(c.where for c in cells if c.value is None)
    base = {"label": total.label, "field": total.field, "where": total.where}
    common: dict[str, Any] = {"cells": cells, "absent": absent}
    if ".".join(eq.total[:2]) in ctx.partial and all(t.path[1] != eq.total[1] for t in eq.parts):
        found = _finding(
            rule, Status.NOT_ASSESSABLE, eq.statement, "check-partial", stated=total.value, **common
        )
        return found
    computed = ev.computed
    if verdict is Status.NOT_ASSESSABLE:
        if ev.total is None:
            params = {**base, "computed": _fmt(computed)}
            code = "check-total-blank"
        else:
            blank_parts = compact_refs([c for c in cells if c.value is None])
            params = {**base, "stated": _fmt(ev.total), "blank": blank_parts}
            code = "check-parts-blank"
        found = _finding(
            rule,
            verdict,
            eq.statement,
            code,
            stated=ev.total,
            computed=None if ev.total is not None else computed,
            params=params,
            **common,
        )
        return found
    stated: Number = ev.total if isinstance(ev.total, int | Decimal) else 0
    difference = stated - computed
    blank = {"blank": compact_refs([c for c in cells if c.value is None])}
    if verdict is Status.PASSED:
        found = _finding(
            rule,
            verdict,
            eq.statement,
            "check-holds",
            stated=stated,
            computed=computed,
            difference=difference,
            params=blank,
            **common,
        )
        return found
    params = {
        **base,
        **blank,
        **_text_cause(rule, ev, total, parts),
        "stated": _fmt(stated),
        "computed": _fmt(computed),
        "difference": _fmt(difference),
        "op": eq.op,
    }
    code = "check-differs" if eq.op == "=" else "check-violated"
    found = _finding(
        rule,
        verdict,
        eq.statement,
        code,
        stated=stated,
        computed=computed,
        difference=difference,
        params=params,
        **common,
    )
    return found


def _text_cause(
    rule: Rule, ev: Evaluation, total: CellInfo, parts: list[CellInfo]
) -> dict[str, str]:
    """Where a part of a failed total is a number stored as text, the sheet's own SUM
    skips it: the text cells whose skipping explains the difference (the sum without
    them satisfies the stated total), and the total the sheet itself shows. Text cells
    that do not explain it are not named as its cause."""
    texts = [c for c in parts if c.is_text and not c.previous]
    if not texts or total.is_text or not isinstance(ev.total, int | Decimal):
        return {}
    for chosen in [texts] + ([[c] for c in texts] if len(texts) > 1 else []):
        shown = evaluate(ev.equation, _skipping(ev, chosen), blanks=Blanks.ZERO).computed
        if holds(ev.equation.op, ev.total - shown, rule.tolerance):
            return {"text_cells": "、".join(c.where for c in chosen), "sheet_total": _fmt(shown)}
    return {}


def _skipping(ev: Evaluation, cells: list[CellInfo]) -> Getter:
    """The values ``ev`` read, those of ``cells`` left out (as a spreadsheet skips text)."""
    skipped = {c.field for c in cells}

    def get(path: FieldPath, previous: bool) -> Any:
        return None if ".".join(path) in skipped else ev_value(ev, path, previous)

    return get


def ev_value(ev: Evaluation, path: FieldPath, previous: bool) -> Any:
    """The value an evaluation read for ``path`` (None where it read none)."""
    for a in ev.addends:
        if a.path == path and a.term.previous == previous:
            return a.value
    return ev.total if path == ev.equation.total and not previous else None


# ---------------------------------------------------------------------- values


def _nonneg(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    for f in ctx.report.layout.fields():
        if f.path[0] != rule.table or f.kind not in rule.kinds:
            continue
        v = ctx.report.get(f.path)
        if v is None or (ctx.skip_passed and isinstance(v, int | Decimal) and v >= 0):
            continue
        cell = ctx.cell(f.path)
        statement = f"{f.label} ≥ 0"
        params = {"label": f.label, "field": cell.field, "where": cell.where}
        negative = cell.value < 0
        yield _finding(
            rule,
            Status.FAILED if negative else Status.PASSED,
            statement,
            "check-negative" if negative else "check-nonneg-holds",
            stated=cell.value,
            computed=0,
            difference=cell.value,
            cells=(cell,),
            params={**params, "value": _fmt(cell.value)},
        )


def _unit(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    fields = ctx.report.layout.field_map
    for f in fields.values():
        unit_path = (f.path[0], f.path[1], f"{f.path[2]}_unit")
        if f.path[0] != rule.table or unit_path not in fields:
            continue
        amount, unit = ctx.cell(f.path), ctx.cell(unit_path)
        if amount.value is None:
            continue
        if unit.value is None:
            params = {
                "label": f.label,
                "field": amount.field,
                "where": amount.where,
                "value": _fmt(amount.value),
                "unit_where": unit.where,
            }
            yield _finding(
                rule,
                Status.FAILED,
                rule.formula,
                "check-unit-missing",
                cells=(amount, unit),
                absent=(unit.where,),
                params=params,
            )
        else:
            yield _finding(
                rule,
                Status.PASSED,
                rule.formula,
                "check-unit-stated",
                stated=unit.value,
                cells=(amount, unit),
                params={"label": f.label, "unit": unit.value},
            )


def _edition_year(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    year = ctx.report.year
    if year is None:
        return
    try:
        expected = edition_for_year(year).id
    except UnknownEditionError:
        expected = None
    edition = ctx.report.edition
    if expected == edition:
        yield _finding(rule, Status.PASSED, rule.formula, "check-edition-matches", stated=edition)
        return
    want = f"{expected} 版式" if expected else "本工具所知的任何版式（2019 年起）"
    params = {"year": year, "want": want, "edition": edition, "expected": expected}
    yield _finding(
        rule,
        Status.FAILED,
        rule.formula,
        "check-edition-mismatch",
        stated=edition,
        computed=expected,
        params=params,
    )


# ---------------------------------------------------------------------- completeness


def _input_fields(edition: Edition) -> tuple[Field, ...]:
    """The cells of the official tables a person types into (not the computed totals)."""
    return _inputs(edition.id)


@cache
def _inputs(edition_id: str) -> tuple[Field, ...]:
    edition = EDITIONS[edition_id]
    computed = {eq.total for eq in edition.equations if eq.formula}
    return tuple(
        f
        for f in edition.fields()
        if f.official and f.path not in computed and f.kind is not Kind.UNIT
    )


def _stated(report: AnnualReport) -> int:
    """How many numbers the report states."""
    return sum(
        1
        for f in report.layout.fields()
        if f.kind is not Kind.UNIT and report.get(f.path) is not None
    )


def _unreported(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    count = _stated(ctx.report)
    if count == 0:
        yield _finding(rule, Status.FAILED, rule.formula, "check-unreported")
    else:
        yield _finding(
            rule, Status.PASSED, rule.formula, "check-filled", stated=count, params={"count": count}
        )


_COVER = (("agency", "报告单位", "agency"), ("year", "年度", "year"))


def _cover(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    if _stated(ctx.report) == 0:
        return  # 未填报 says it all
    for key, what, what_en in _COVER:
        value = getattr(ctx.report, key)
        params = {"what": what, "what_en": what_en, "value": value}
        if value is None:
            yield _finding(rule, Status.FAILED, rule.formula, "check-cover-missing", params=params)
        else:
            yield _finding(
                rule, Status.PASSED, rule.formula, "check-cover-stated", stated=value, params=params
            )


def _table_blank(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    report = ctx.report
    if _stated(report) == 0:
        return
    inputs = _input_fields(report.layout)
    for table in report.layout.tables:
        own = [f for f in inputs if f.path[0] == table.key]
        if not own or any(report.get(f.path) is not None for f in own):
            continue
        cells = tuple(ctx.cell(f.path) for f in own)
        where = _span(cells)
        params = {"title": table.title, "table": table.key, "where": where}
        yield _finding(
            rule,
            Status.FAILED,
            rule.formula,
            "check-table-blank",
            cells=cells[:1],
            absent=(where,),
            params=params,
        )


def _column_blank(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    report = ctx.report
    inputs = [f for f in _input_fields(report.layout) if f.path[0] == rule.table]
    if not any(report.get(f.path) is not None for f in inputs):
        return  # a blank table is another rule's
    table = report.layout.table(rule.table)
    by_column: dict[str, list[Field]] = {}
    for f in inputs:
        by_column.setdefault(f.path[2], []).append(f)
    if len(by_column) < 2:
        return
    for key, fields in by_column.items():
        if len(fields) < 2 or any(report.get(f.path) is not None for f in fields):
            continue
        cells = tuple(ctx.cell(f.path) for f in fields)
        label = fields[0].labels[-1] if fields[0].labels else key
        where = _span(cells)
        params = {"title": table.title, "table": table.key, "column": label, "where": where}
        yield _finding(
            rule,
            Status.FAILED,
            rule.formula,
            "check-column-blank",
            cells=cells[:1],
            absent=(where,),
            params=params,
        )


def _span(cells: tuple[CellInfo, ...]) -> str:
    """The first and last cell of a run, as ``'三、依申请'!D5…D29``."""
    refs = [c for c in cells if c.ref]
    if not refs:
        return cells[0].field if cells else ""
    first, last = refs[0], refs[-1]
    return first.where if first is last else f"{first.where}…{last.cell}"


def _text_numbers(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    prov = ctx.report.provenance
    if prov is None or prov.kind != "workbook":
        return  # every cell of a published text is text: only a workbook stores numbers
    by_sheet: dict[str, list[CellInfo]] = {}
    for f in ctx.report.layout.fields():
        src = prov.cells.get(f.path)
        if src is None or f.kind is Kind.UNIT or not isinstance(src.raw, str):
            continue
        cell = ctx.cell(f.path)
        if cell.is_text and src.raw.strip() and not src.raw.startswith("="):
            by_sheet.setdefault(src.sheet, []).append(cell)
    for sheet, cells in by_sheet.items():
        shown = "、".join(c.cell or c.field for c in cells[:20]) + ("…" if len(cells) > 20 else "")
        params = {"sheet": sheet, "count": len(cells), "cells": shown}
        yield _finding(
            rule,
            Status.FAILED,
            rule.formula,
            "check-text-numbers",
            cells=tuple(cells),
            params=params,
        )


# ---------------------------------------------------------------------- likely causes


def _likely_causes(
    ctx: _Context, failed: list[tuple[int, Evaluation]], rules: Mapping[str, Rule]
) -> list[LikelyCause]:
    """Cells that, changed by one amount, would mend two or more failed sums at once.

    For each failed ``=`` instance, a cell with coefficient k (the total +1, a part its
    sign) mends it when changed by −difference/k; a cell is a likely cause when that
    change is the same for every failed instance it takes part in, it mends at least two,
    and, applied to the report, it breaks no instance that held.
    """
    wanted: dict[FieldPath, dict[int, Number]] = {}
    for index, ev in failed:
        diff = ev.difference()
        coefficients: dict[FieldPath, int] = {ev.equation.total: 1}
        for a in ev.addends:
            if not a.term.previous:
                coefficients[a.path] = coefficients.get(a.path, 0) - a.term.sign
        for path, k in coefficients.items():
            if k and not diff % k:  # a whole change of the cell mends it
                wanted.setdefault(path, {})[index] = -diff // k
    # candidates: one consistent change of a typed cell (not a formula's) mends two or more
    candidates: list[tuple[FieldPath, dict[int, Number], Number]] = []
    for path, changes in wanted.items():
        value = ctx.report.get(path)
        if len(changes) < 2 or len(set(changes.values())) != 1 or isinstance(value, str):
            continue
        if _is_formula(ctx, path):
            continue
        suggested = (value or 0) + next(iter(changes.values()))
        if suggested >= 0 and _mends(ctx, path, suggested, set(changes), rules):
            candidates.append((path, changes, suggested))
    causes: list[LikelyCause] = []
    used: set[int] = set()
    for path, changes, suggested in sorted(candidates, key=lambda c: (-len(c[1]), c[0])):
        rivals = [
            other
            for other, theirs, _ in candidates
            if other != path and len(theirs) >= len(changes) and set(theirs) & set(changes)
        ]
        if rivals or set(changes) & used:
            continue  # two cells explain the same failures as well: neither is named
        value = ctx.report.get(path)
        used.update(changes)
        cell = ctx.cell(path)
        params = {
            "where": cell.where,
            "label": cell.label,
            "field": cell.field,
            "suggested": _fmt(suggested),
            "value": _fmt(value),
            "count": len(changes),
            "rules": "、".join(dict.fromkeys(_rules_of(failed, changes))),
        }
        causes.append(
            LikelyCause(
                cell=cell,
                suggested=suggested,
                explains=tuple(sorted(changes)),
                note=Note("check-likely-cause", params=params),
            )
        )
    return causes


def _is_formula(ctx: _Context, path: FieldPath) -> bool:
    """Whether the field's cell holds a formula (a total that follows its parts)."""
    prov = ctx.report.provenance
    src = prov.cells.get(path) if prov is not None else None
    return src is not None and src.formula is not None


def _rules_of(failed: list[tuple[int, Evaluation]], indices: Mapping[int, Any]) -> list[str]:
    return [ev.equation.rule for i, ev in failed if i in indices]


def _mends(
    ctx: _Context, path: FieldPath, value: Number, indices: set[int], rules: Mapping[str, Rule]
) -> bool:
    """Whether setting ``path`` to ``value`` mends those instances and breaks none."""
    report = ctx.report.copy()
    try:
        report.set(path, value)
    except ValueError:
        return False
    trial = _Context(report, ctx.previous, include_passed=True)
    for eq in report.layout.equations:
        if eq.total != path and all(t.path != path for t in eq.parts):
            continue
        rule = rules.get(eq.rule)
        if rule is None or not rule.enabled or eq.cross_year:
            continue
        ev = evaluate(eq, trial.get, partial=trial.partial)
        verdict = judge(ev, total_required=not rule.absent_total_is_zero, tolerance=rule.tolerance)
        if verdict is Status.FAILED:
            return False
    return True


# ---------------------------------------------------------------------- check


@cache
def _equations_by_rule(edition_id: str) -> dict[str, tuple[Equation, ...]]:
    out: dict[str, list[Equation]] = {}
    for eq in EDITIONS[edition_id].equations:
        out.setdefault(eq.rule, []).append(eq)
    return {k: tuple(v) for k, v in out.items()}


def instances(edition: Edition, rule: Rule) -> tuple[Equation, ...]:
    """The equations of ``edition`` that are instances of a relation rule."""
    return _equations_by_rule(edition.id).get(rule.id, ())


_VALUE_RULES = {
    "nonneg": _nonneg,
    "unit": _unit,
    "edition-year": _edition_year,
    "unreported": _unreported,
    "cover": _cover,
    "table-blank": _table_blank,
    "column-blank": _column_blank,
    "text-number": _text_numbers,
}


def check(
    report: AnnualReport,
    previous: AnnualReport | None = None,
    rules: Mapping[str, Any] | None = None,
    *,
    include_passed: bool = False,
) -> CheckResult:
    """Check ``report`` against every enabled rule of its edition.

    Args:
        report: the report to check.
        previous: last year's report of the same agency, for the cross-year rules.
        rules: overrides of the catalogue, ``{rule_id: {"enabled": …, "severity": …}}``.
        include_passed: list passing instances too (status ``passed``).

    Returns:
        A CheckResult: ok when no finding is an error; the likely causes of failed sums
        first; the number of blank input cells.
    """
    catalogue = apply_overrides(rules)
    ctx = _Context(report, previous, include_passed)
    findings: list[Finding] = []
    failed: list[tuple[int, Evaluation]] = []
    for rule in catalogue.values():
        if not rule.enabled or report.edition not in rule.editions:
            continue
        if rule.kind == "relation":
            for eq in instances(report.layout, rule):
                result = _relation(rule, eq, ctx)
                if result is None:
                    continue
                finding, ev = result
                if finding.status == "passed" and not include_passed:
                    continue
                if finding.status == "failed" and eq.op == "=" and not eq.cross_year:
                    failed.append((len(findings), ev))
                findings.append(finding)
            continue
        make = _VALUE_RULES.get(rule.kind)
        if make is None:  # pragma: no cover - the catalogue is data; a new kind needs code
            raise ValueError(f"unknown rule kind {rule.kind}")
        findings.extend(f for f in make(rule, ctx) if include_passed or f.status != "passed")
    likely = _likely_causes(ctx, failed, catalogue) if len(failed) > 1 else []
    blank = sum(1 for f in _input_fields(report.layout) if report.get(f.path) is None)
    file = report.provenance.file if report.provenance else None
    return CheckResult(
        report.edition, report.agency, report.year, file, tuple(findings), tuple(likely), blank
    )
