"""Checking a report against every rule of its edition (勾稽关系), cell by cell.

Absent is not zero. A rule instance whose cells are all absent is skipped. One whose
checked total is absent while some inputs are stated is *not assessable* (a warning that
names the blank cell), never an error; an equation without a single total (R3-COL-BALANCE)
counts a blank as 0 unless all its cells are blank. Otherwise absent inputs count as 0
and the finding lists them. A value rule (non-negativity) looks only at stated values. A
stated group subtotal stands in for its group when all the group's rows are absent. A
subtotal that the official tables print no cell for is checked only where the report
states it and at least one of its rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

import attrs

from zfxxgk.core.editions import EDITIONS, edition_for_year
from zfxxgk.core.grid import all_fields
from zfxxgk.core.jsonio import dumps
from zfxxgk.core.layout import Edition, Equation, Field, FieldPath, Term
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.rules import Rule, apply_overrides
from zfxxgk.core.values import plain
from zfxxgk.errors import UnknownEditionError

Number = int | Decimal


@attrs.frozen
class CellInfo:
    """One cell that takes part in a rule instance."""

    field: str  #: dotted path, e.g. ``applications.new_received.total``
    label: str
    sheet: str | None  #: from the report's provenance, else the official template
    cell: str | None
    value: Any
    previous: bool = False  #: a cell of last year's report

    @property
    def ref(self) -> str | None:
        """``'三、依申请'!J5`` (``上年 …`` for last year's), or None without a cell."""
        if self.sheet is None or self.cell is None:
            return None
        return f"{'上年 ' if self.previous else ''}'{self.sheet}'!{self.cell}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "cell": self.ref,
            "value": self.value,
            "previous_year": self.previous,
        }


@attrs.frozen
class Finding:
    """One instance of a rule, failed, not assessable or (when asked) passed."""

    rule: str
    severity: str
    status: str  #: ``failed``, ``not_assessable`` or ``passed``
    statement: str
    stated: Any
    computed: Any
    difference: Any
    cells: tuple[CellInfo, ...]
    absent: tuple[str, ...]  #: cells (or fields) of the instance that were blank
    message_zh: str
    message_en: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "status": self.status,
            "statement": self.statement,
            "stated": self.stated,
            "computed": self.computed,
            "difference": self.difference,
            "cells": [c.to_dict() for c in self.cells],
            "absent": list(self.absent),
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


@attrs.frozen
class CheckResult:
    """The findings of one report: ok when none is an error."""

    edition: str
    agency: str | None
    year: int | None
    file: str | None
    findings: tuple[Finding, ...]

    @property
    def issues(self) -> tuple[Finding, ...]:
        """The findings that are not passes."""
        return tuple(f for f in self.findings if f.status != "passed")

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.issues)

    @property
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.issues:
            out[f.severity] += 1
        return out

    def by_rule(self) -> dict[str, int]:
        """How many findings (not passes) each rule has."""
        out: dict[str, int] = {}
        for f in self.issues:
            out[f.rule] = out.get(f.rule, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "agency": self.agency,
            "year": self.year,
            "edition": self.edition,
            "ok": self.ok,
            "counts": self.counts,
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = None) -> str:
        return dumps(self.to_dict(), indent=indent)

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per finding, for a spreadsheet or pandas."""
        return finding_rows(self.to_dict())

    def text(self) -> str:
        """A readable report in Chinese."""
        return text_report(self.to_dict())


ROW_COLUMNS = (
    "file",
    "agency",
    "year",
    "edition",
    "rule",
    "severity",
    "status",
    "statement",
    "stated",
    "computed",
    "difference",
    "cells",
    "absent",
    "message_zh",
    "message_en",
)


def finding_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The flat rows of a check result in its dict form (``CheckResult.to_dict()``)."""
    head = {k: result.get(k) for k in ("file", "agency", "year", "edition")}
    return [
        {
            **head,
            **{k: f[k] for k in ROW_COLUMNS if k in f},
            "cells": " ".join(c["cell"] or c["field"] for c in f["cells"]),
            "absent": " ".join(f["absent"]),
        }
        for f in result["findings"]
    ]


def text_report(result: dict[str, Any]) -> str:
    """The Chinese text of a check result in its dict form."""
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    status = {"failed": "", "not_assessable": "（无法核对）", "passed": "（通过）"}
    head = (
        f"{result.get('file') or ''} {result.get('agency') or '（报告单位未填）'} "
        f"{result.get('year') or ''}年度 {result['edition']} 版式"
    ).strip()
    c = result["counts"]
    issues = [f for f in result["findings"] if f["status"] != "passed"]
    lines = [head]
    if result.get("previous"):
        lines.append(f"对照上一年度报告：{result['previous']}")
    elif result.get("previous_note"):
        lines.append(f"注意：{result['previous_note']}")
    lines.append(
        f"勾稽关系校验：{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 个提示"
        + ("。" if issues else "，全部通过。")
    )
    for f in result["findings"]:
        tag = "通过" if f["status"] == "passed" else names[f["severity"]]
        lines.append(f"[{tag}] {f['rule']}{status[f['status']]} {f['message_zh']}")
        refs = "、".join(x["cell"] or x["field"] for x in f["cells"])
        if refs and f["status"] != "passed":
            lines.append(f"    涉及单元格：{refs}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- instances


@cache
def _fields(edition_id: str) -> dict[FieldPath, Field]:
    return {f.path: f for f in EDITIONS[edition_id].fields()}


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
    def __init__(
        self, report: AnnualReport, previous: AnnualReport | None, include_passed: bool = True
    ) -> None:
        self.report = report
        self.previous = previous
        #: passing instances are not reported: one that plainly holds needs no finding
        self.skip_passed = not include_passed and not _partial(report)

    def source(self, previous: bool) -> AnnualReport | None:
        return self.previous if previous else self.report

    def cell(self, path: FieldPath, previous: bool = False) -> CellInfo:
        rep = self.source(previous)
        assert rep is not None
        f = _fields(rep.edition)[path]
        prov = rep.provenance
        if prov is not None and path in prov.cells:
            src = prov.cells[path]
            where: tuple[str, str] | None = (src.sheet, src.cell)
        else:
            where = _template_cells(rep.edition).get(path)
        sheet, cell = where if where else (None, None)
        return CellInfo(".".join(path), f.label, sheet, cell, rep.get(path), previous)


def _resolve(ctx: _Context, eq: Equation) -> list[tuple[Term, CellInfo]] | None:
    """The parts of an equation with stand-in subtotals applied; None if not applicable."""
    out: list[tuple[Term, CellInfo]] = []
    replaced: set[FieldPath] = set()
    partial = _partial(ctx.report)
    for group in eq.groups:
        members = [ctx.report.get(m) for m in group.members]
        covers = all(v is None for v in members) or ".".join(group.subtotal[:2]) in partial
        if covers and ctx.report.get(group.subtotal) is not None:
            replaced.update(group.members)
            out.append((Term(group.subtotal), ctx.cell(group.subtotal)))
    for term in eq.parts:
        if term.path in replaced:
            continue
        rep = ctx.source(term.previous)
        if rep is None or term.path not in _fields(rep.edition):
            return None
        out.append((term, ctx.cell(term.path, term.previous)))
    return out


def _partial(report: AnnualReport) -> set[str]:
    """Subtotals that cover more inputs than their rows (an aggregate says which)."""
    value = report.meta.get("partial_subtotals") if isinstance(report.meta, dict) else None
    return {x for x in value if isinstance(x, str)} if isinstance(value, list) else set()


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
    return _holds(eq.op, total - computed, rule.tolerance)


def _holds(op: str, difference: Any, tolerance: Decimal) -> bool:
    """Whether ``stated − computed`` satisfies the equation's relation, within tolerance."""
    if op == ">=":
        return bool(difference >= -tolerance)
    if op == "<=":
        return bool(difference <= tolerance)
    return bool(abs(difference) <= tolerance)


def _relation(rule: Rule, eq: Equation, ctx: _Context) -> Finding | None:
    if eq.cross_year:
        if ctx.previous is None:
            return None
    elif ctx.skip_passed and _plainly_holds(rule, eq, ctx.report):
        return None
    parts = _resolve(ctx, eq)
    if parts is None:
        return None
    total = ctx.cell(eq.total)
    cells = (total, *(c for _, c in parts))
    if all(c.value is None for c in cells):
        return None
    official = _fields(ctx.report.edition)[eq.total].official
    stated_parts = [c for _, c in parts if c.value is not None]
    if not official and (total.value is None or not stated_parts):
        return None  # a subtotal with no cell: checked only where it and a row are stated
    if eq.cross_year and not any(c.previous and c.value is not None for _, c in parts):
        return None  # nothing stated last year to compare with
    absent = tuple(c.ref or c.field for c in cells if c.value is None)
    if ".".join(eq.total[:2]) in _partial(ctx.report) and all(
        t.path[1] != eq.total[1] for t in eq.parts
    ):
        return Finding(
            rule.id,
            "info" if rule.severity == "info" else "warning",
            "not_assessable",
            eq.statement,
            total.value,
            None,
            None,
            cells,
            absent,
            f"{eq.statement}：部分报告只填报了小计，小计与其下各项覆盖的报告不同，无法核对",
            f"{rule.id}: some inputs state only this subtotal, so it and its rows cover "
            "different reports and cannot be compared",
        )
    computed: Number = 0
    for term, c in parts:
        if c.value is not None:
            computed = computed + term.sign * c.value
    if total.value is None and not rule.absent_total_is_zero:
        return Finding(
            rule.id,
            "info" if rule.severity == "info" else "warning",
            "not_assessable",
            eq.statement,
            None,
            computed,
            None,
            cells,
            absent,
            f"{eq.statement}：{total.label}（{total.ref or total.field}）未填写，无法核对"
            f"（按各项计算应为 {_fmt(computed)}）",
            f"{rule.id}: {total.field} ({total.ref or 'no cell'}) is blank, so the rule cannot "
            f"be checked (the parts add up to {_fmt(computed)})",
        )
    stated: Number = total.value if total.value is not None else 0
    difference: Any = stated - computed
    holds = _holds(eq.op, difference, rule.tolerance)
    note_zh = f"；未填写按 0 计：{'、'.join(absent)}" if absent else ""
    note_en = f"; blank cells counted as 0: {', '.join(absent)}" if absent else ""
    if holds:
        return Finding(
            rule.id,
            rule.severity,
            "passed",
            eq.statement,
            stated,
            computed,
            difference,
            cells,
            absent,
            f"{eq.statement}：成立{note_zh}",
            f"{rule.id} holds{note_en}",
        )
    if eq.op == "=":
        zh = (
            f"{eq.statement}：不成立，{total.label}填报 {_fmt(stated)}，按各项计算为 "
            f"{_fmt(computed)}，相差 {_fmt(difference)}{note_zh}"
        )
        en = (
            f"{rule.id}: {total.field} states {_fmt(stated)} but its parts give "
            f"{_fmt(computed)} (difference {_fmt(difference)}){note_en}"
        )
    else:
        zh = f"{eq.statement}：不成立，{_fmt(stated)} {eq.op} {_fmt(computed)} 不满足{note_zh}"
        en = f"{rule.id}: {_fmt(stated)} {eq.op} {_fmt(computed)} does not hold{note_en}"
    return Finding(
        rule.id,
        rule.severity,
        "failed",
        eq.statement,
        stated,
        computed,
        difference,
        cells,
        absent,
        zh,
        en,
    )


def _nonneg(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    for f in ctx.report.layout.fields():
        if f.path[0] != rule.table or f.kind not in rule.kinds:
            continue
        if ctx.skip_passed:
            v = ctx.report.get(f.path)
            if v is None or (isinstance(v, int | Decimal) and v >= 0):
                continue
        cell = ctx.cell(f.path)
        if cell.value is None:
            continue
        where = cell.ref or cell.field
        if cell.value < 0:
            yield Finding(
                rule.id,
                rule.severity,
                "failed",
                f"{f.label} ≥ 0",
                cell.value,
                0,
                cell.value,
                (cell,),
                (),
                f"{f.label}（{where}）为负数 {_fmt(cell.value)}，应为不小于 0 的数",
                f"{rule.id}: {cell.field} ({where}) is negative: {_fmt(cell.value)}",
            )
        else:
            yield Finding(
                rule.id,
                rule.severity,
                "passed",
                f"{f.label} ≥ 0",
                cell.value,
                0,
                cell.value,
                (cell,),
                (),
                f"{f.label} ≥ 0：成立",
                f"{rule.id} holds",
            )


def _unit(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    fields = _fields(ctx.report.edition)
    for f in fields.values():
        unit_path = (f.path[0], f.path[1], f"{f.path[2]}_unit")
        if f.path[0] != rule.table or unit_path not in fields:
            continue
        amount, unit = ctx.cell(f.path), ctx.cell(unit_path)
        if amount.value is None:
            continue
        if unit.value is None:
            yield Finding(
                rule.id,
                rule.severity,
                "failed",
                rule.formula,
                None,
                None,
                None,
                (amount, unit),
                (unit.ref or unit.field,),
                f"{f.label}（{amount.ref}）填写了 {_fmt(amount.value)}，但未注明单位"
                f"（{unit.ref}：元或万元），无法与其他报告比较或汇总",
                f"{rule.id}: {amount.field} is stated without its unit ({unit.ref}: 元 or 万元)",
            )
        else:
            yield Finding(
                rule.id,
                rule.severity,
                "passed",
                rule.formula,
                unit.value,
                None,
                None,
                (amount, unit),
                (),
                f"{f.label}单位：{unit.value}",
                f"{rule.id} holds",
            )


def _edition_year(rule: Rule, ctx: _Context) -> Iterator[Finding]:
    year = ctx.report.year
    if year is None:
        return
    try:
        expected = edition_for_year(year).id
    except UnknownEditionError:
        expected = None
    if expected == ctx.report.edition:
        yield Finding(
            rule.id,
            rule.severity,
            "passed",
            rule.formula,
            ctx.report.edition,
            expected,
            None,
            (),
            (),
            "版式与年度相符",
            f"{rule.id} holds",
        )
        return
    want = f"{expected} 版式" if expected else "本工具所知的任何版式（2019 年起）"
    yield Finding(
        rule.id,
        rule.severity,
        "failed",
        rule.formula,
        ctx.report.edition,
        expected,
        None,
        (),
        (),
        f"{year} 年度的报告应使用{want}，实际使用 {ctx.report.edition} 版式",
        f"{rule.id}: a {year} report should use edition {expected}, not {ctx.report.edition}",
    )


@cache
def _equations_by_rule(edition_id: str) -> dict[str, tuple[Equation, ...]]:
    out: dict[str, list[Equation]] = {}
    for eq in EDITIONS[edition_id].equations:
        out.setdefault(eq.rule, []).append(eq)
    return {k: tuple(v) for k, v in out.items()}


def instances(edition: Edition, rule: Rule) -> tuple[Equation, ...]:
    """The equations of ``edition`` that are instances of a relation rule."""
    return _equations_by_rule(edition.id).get(rule.id, ())


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
        A CheckResult: ok when no finding is an error.
    """
    catalogue = apply_overrides(rules)
    ctx = _Context(report, previous, include_passed)
    findings: list[Finding] = []
    for rule in catalogue.values():
        if not rule.enabled or report.edition not in rule.editions:
            continue
        if rule.kind == "relation":
            found: Iterator[Finding | None] = (
                _relation(rule, eq, ctx) for eq in instances(report.layout, rule)
            )
        elif rule.kind == "nonneg":
            found = _nonneg(rule, ctx)
        elif rule.kind == "unit":
            found = _unit(rule, ctx)
        elif rule.kind == "edition-year":
            found = _edition_year(rule, ctx)
        else:  # pragma: no cover - the catalogue is data; a new kind needs code here
            raise ValueError(f"unknown rule kind {rule.kind}")
        for f in found:
            if f is not None and (include_passed or f.status != "passed"):
                findings.append(f)
    file = report.provenance.file if report.provenance else None
    return CheckResult(report.edition, report.agency, report.year, file, tuple(findings))
