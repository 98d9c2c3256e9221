"""The fill's typed fast path gives the one evaluator's verdicts (issue 19, item 13)."""

from __future__ import annotations

from hypothesis import given, settings

from strategies import reports
from zfxxgk import AnnualReport
from zfxxgk.core.evaluate import evaluate, judge, report_getter, sums, verdict


@given(reports())
@settings(max_examples=40, deadline=None)
def test_sums_and_verdict_agree_with_evaluate(report: AnnualReport) -> None:
    """On every same-year equation of random reports: the same total, sum and verdict."""
    values = {f.path: v for f, v in report.items()}
    get = report_getter(report)
    for eq in report.layout.equations:
        if eq.cross_year:
            continue
        ev = evaluate(eq, get)
        assert sums(eq, values) == (ev.total, ev.computed, bool(ev.stated_addends))
        for required in (True, False):
            assert verdict(eq, values, total_required=required) == judge(
                ev, total_required=required
            )
