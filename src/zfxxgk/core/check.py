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

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from zfxxgk.core.check_completeness import (
    column_blank,
    cover,
    input_paths,
    table_blank,
    text_numbers,
    unreported,
)
from zfxxgk.core.check_relations import ev_value, relation
from zfxxgk.core.check_screen import instances_of, screen
from zfxxgk.core.check_values import edition_year, nonneg, unit
from zfxxgk.core.checkctx import Context
from zfxxgk.core.evaluate import Evaluation, Status
from zfxxgk.core.findings import (
    ROW_COLUMNS,
    CellInfo,
    CheckResult,
    Finding,
    LikelyCause,
    finding_rows,
    text_report,
)
from zfxxgk.core.layout import Edition, Equation
from zfxxgk.core.likely import likely_causes
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.rules import Rule, RuleKind, apply_overrides

__all__ = [
    "ROW_COLUMNS",
    "CellInfo",
    "CheckResult",
    "Finding",
    "LikelyCause",
    "check",
    "ev_value",
    "finding_rows",
    "instances",
    "text_report",
]


def instances(edition: Edition, rule: Rule) -> tuple[Equation, ...]:
    """The equations of ``edition`` that are instances of a relation rule."""
    return instances_of(edition.id, rule.id)


_VALUE_RULES: dict[RuleKind, Callable[[Rule, Context], Iterator[Finding]]] = {
    RuleKind.NONNEG: nonneg,
    RuleKind.UNIT: unit,
    RuleKind.EDITION_YEAR: edition_year,
    RuleKind.UNREPORTED: unreported,
    RuleKind.COVER: cover,
    RuleKind.TABLE_BLANK: table_blank,
    RuleKind.COLUMN_BLANK: column_blank,
    RuleKind.TEXT_NUMBER: text_numbers,
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
    ctx = Context(report, previous, include_passed)
    findings: list[Finding] = []
    failed: list[tuple[int, Evaluation]] = []
    for rule in catalogue.values():
        if not rule.enabled or report.edition not in rule.editions:
            continue
        if rule.kind is RuleKind.RELATION:
            eqs = instances_of(report.edition, rule.id)
            if ctx.skip_passed:  # the instances that hold or are blank, told at once
                first = screen(
                    report.edition, rule.id, not rule.absent_total_is_zero, rule.tolerance
                )
                eqs = tuple(eqs[k] for k in first(ctx.values))
            for eq in eqs:
                result = relation(rule, eq, ctx)
                if result is None:
                    continue
                finding, ev = result
                if finding.status is Status.PASSED and not include_passed:
                    continue
                if finding.status is Status.FAILED and eq.op == "=" and not eq.cross_year:
                    failed.append((len(findings), ev))
                findings.append(finding)
            continue
        make = _VALUE_RULES.get(rule.kind)
        if make is None:  # pragma: no cover - the catalogue is data; a new kind needs code
            raise ValueError(f"unknown rule kind {rule.kind}")
        findings.extend(
            f for f in make(rule, ctx) if include_passed or f.status is not Status.PASSED
        )
    likely = likely_causes(ctx, failed, catalogue) if len(failed) > 1 else []
    values = ctx.values
    blank = list(map(values.__getitem__, input_paths(report.edition))).count(None)
    file = report.provenance.file if report.provenance else None
    return CheckResult(
        report.edition, report.agency, report.year, file, tuple(findings), tuple(likely), blank
    )
