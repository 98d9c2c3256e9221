"""The check's compiled first look (core/check_screen.py) says of every instance what the
typed fast path says, and the check's findings are those of the general path; a blank
run is named from the cells it needs (issue 17, item 9)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import consistent_reports, reports
from zfxxgk import AnnualReport
from zfxxgk.core import check as check_module
from zfxxgk.core.check import check, instances
from zfxxgk.core.check_completeness import _first_and_span, _span
from zfxxgk.core.check_screen import instances_of, screen
from zfxxgk.core.checkctx import Context
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.evaluate import Status, sums, verdict
from zfxxgk.core.layout import Equation
from zfxxgk.core.model import CellSource, Provenance
from zfxxgk.core.rules import RULES, RuleKind

RELATIONS = [r for r in RULES.values() if r.kind is RuleKind.RELATION]


def _quiet(eq: Equation, values: dict[Any, Any], required: bool, tolerance: Decimal) -> bool:
    """What ``relation`` decides first: an instance that holds or is all blank."""
    quick = verdict(eq, values, total_required=required, tolerance=tolerance)
    return quick is Status.SKIPPED or quick is Status.PASSED


def _expected(
    edition: str, eqs: tuple[Equation, ...], values: dict[Any, Any], required: bool, tol: Decimal
) -> list[int]:
    fields = EDITIONS[edition].field_map
    out = []
    for k, eq in enumerate(eqs):
        if eq.groups or eq.cross_year:
            out.append(k)
            continue
        if _quiet(eq, values, required, tol):
            continue
        if not fields[eq.total].official:
            total, _, stated = sums(eq, values)
            if total is None or not stated:
                continue
        out.append(k)
    return out


def _mixed(report: AnnualReport, data: st.DataObject) -> dict[Any, Any]:
    """The report's values, some made Decimal, negative or blank."""
    values = {f.path: v for f, v in report.items()}
    for path, v in list(values.items()):
        if type(v) is not int:
            continue
        change = data.draw(st.sampled_from(["keep"] * 6 + ["decimal", "negative", "blank"]))
        if change == "decimal":
            values[path] = Decimal(v) + Decimal("0.25")
        elif change == "negative":
            values[path] = -v - 1
        elif change == "blank":
            values[path] = None
    return values


@given(st.one_of(reports(), consistent_reports()), st.data())
@settings(max_examples=30, deadline=None)
def test_screen_is_the_fast_path(report: AnnualReport, data: st.DataObject) -> None:
    """For every relation rule, both meanings of a blank total and two tolerances: the
    instances the compiled screen returns are exactly those the fast path keeps."""
    values = {f.path: v for f, v in report.items()}
    if data.draw(st.booleans()):
        values = _mixed(report, data)
    for rule in RELATIONS:
        if report.edition not in rule.editions:
            continue
        eqs = instances(report.layout, rule)
        for required in (True, False):
            for tol in (Decimal(0), Decimal("0.5")):
                got = screen(report.edition, rule.id, required, tol)(values)
                assert got == _expected(report.edition, eqs, values, required, tol)


def _everything(edition: str, rule_id: str, required: bool, tol: Decimal) -> Any:
    return lambda values: list(range(len(instances_of(edition, rule_id))))


@given(st.one_of(reports(), consistent_reports()))
@settings(max_examples=25, deadline=None)
def test_check_with_screen_equals_general_path(report: AnnualReport) -> None:
    """The findings, likely causes and blank count with the screen are those without."""
    fast = check(report)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(check_module, "screen", _everything)
        general = check(report)
    assert fast == general


@given(reports(), st.data())
@settings(max_examples=30, deadline=None)
def test_first_and_span_is_span_of_every_cell(report: AnnualReport, data: st.DataObject) -> None:
    """A blank run's first cell and span, made from its first and last cells with a
    reference, are those made from all its cells (cells of a workbook with no cell for
    some fields, of a document, of no source)."""
    kind = data.draw(st.sampled_from(["workbook", "document", None]))
    fields = [f for f in report.layout.fields() if f.input]
    if kind is not None:
        prov = Provenance(file="x", kind=kind)
        for f in fields:
            if data.draw(st.booleans()):
                prov.cells[f.path] = CellSource("正文", f"第{len(prov.cells)}行")
        report.provenance = prov
    ctx = Context(report, None)
    start = data.draw(st.integers(0, len(fields)))
    run = fields[start : start + data.draw(st.integers(0, 30))]
    cells = tuple(ctx.cell(f.path) for f in run)
    assert _first_and_span(ctx, run) == (cells[:1], _span(cells))
