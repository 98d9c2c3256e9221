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
