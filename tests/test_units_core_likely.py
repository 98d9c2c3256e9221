"""zfxxgk.core.likely: the one cell named as the likely cause of several failed sums.

On consistent reports with one count mistyped: a named cause, set to its suggested
value, mends every failure it explains and breaks nothing; it is the mistyped cell, and
its suggestion is the value it had."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import consistent_reports
from zfxxgk import AnnualReport, check
from zfxxgk.core.layout import Kind


def _failed(report: AnnualReport) -> set[tuple[str, str]]:
    return {(f.rule, f.statement) for f in check(report).findings if f.status.value == "failed"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports(), st.data())
def test_a_named_cause_is_the_mistyped_cell_and_mends_what_it_explains(
    report: AnnualReport, data: st.DataObject
) -> None:
    inputs = [
        f
        for f in report.layout.fields()
        if f.official and f.kind is Kind.COUNT and isinstance(report.get(f.path), int)
    ]
    field = data.draw(st.sampled_from(inputs))
    right = report.get(field.path)
    assert isinstance(right, int)
    wrong = right + data.draw(st.integers(1, 500))
    report.set(field.path, wrong)
    result = check(report)
    before = _failed(report)
    for cause in result.likely:
        assert cause.cell.field == ".".join(field.path)
        assert cause.suggested == right and len(cause.explains) >= 2
        assert cause.note.params["count"] == len(cause.explains)
        explained = {
            (result.findings[i].rule, result.findings[i].statement) for i in cause.explains
        }
        assert explained <= before
        mended = report.copy()
        mended.set(field.path, cause.suggested)
        assert _failed(mended) <= before - explained


def _mends_on_a_copy(ctx, path, value, rules) -> bool:  # type: ignore[no-untyped-def]
    """What a trial change mends, judged on a copy of the report with the cell set."""
    from zfxxgk.core.checkctx import Context
    from zfxxgk.core.evaluate import Status, evaluate, judge

    report = ctx.report.copy()
    try:
        report.set(path, value)
    except ValueError:
        return False
    trial = Context(report, ctx.previous)
    for eq in report.layout.equations:
        if eq.total != path and all(t.path != path for t in eq.parts):
            continue
        rule = rules.get(eq.rule)
        if rule is None or not rule.enabled or eq.cross_year:
            continue
        ev = evaluate(eq, trial.get, partial=trial.partial)
        ok = judge(ev, total_required=not rule.absent_total_is_zero, tolerance=rule.tolerance)
        if ok is Status.FAILED:
            return False
    return True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports(), st.data())
def test_a_trial_change_is_judged_as_on_a_copy_of_the_report(
    report: AnnualReport, data: st.DataObject
) -> None:
    """The trial of a change (the report's values with one cell changed, not a copy of
    the report) mends and breaks what the same change on a copy mends and breaks: any
    numeric field of the equations, any value (negative and fractional ones too)."""
    from zfxxgk.core.checkctx import Context
    from zfxxgk.core.likely import _mends
    from zfxxgk.core.rules import RULES

    equations = report.layout.equations
    fields = sorted({p for eq in equations for p in (eq.total, *(t.path for t in eq.parts))})
    path = data.draw(st.sampled_from(fields))
    if data.draw(st.booleans()):  # a slip in a consistent report
        report.set(path, (report.get(path) or 0) + data.draw(st.integers(1, 50)))
    value = data.draw(st.one_of(st.integers(-5, 10**6), st.decimals(0, 10**6, places=2)))
    ctx = Context(report, None)
    rules = RULES
    assert _mends(ctx, path, value, set(), rules) == _mends_on_a_copy(ctx, path, value, rules)
