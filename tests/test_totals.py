"""with_totals() never makes a report fail a rule it passed (issue 19, item 2)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import reports
from zfxxgk import AnnualReport, check
from zfxxgk.core.layout import Kind

Key = tuple[str, str]


def errors(report: AnnualReport) -> set[Key]:
    """The failed error findings, by rule and the cell they name first."""
    return {
        (f.rule, f.cells[0].field if f.cells else f.statement)
        for f in check(report).findings
        if f.status == "failed" and f.severity == "error"
    }


def test_carried_forward_total_follows_its_row() -> None:
    """The reported case: 四's 法律服务机构 is derived, and 四's 总计 agrees with it."""
    r = AnnualReport(edition="2021", agency="某局", year=2024)
    a = r.applications
    a.new_received.natural_person = 5
    a.new_received.legal_service_org = 1
    a.disclosed.natural_person = 5
    a.carried_forward.natural_person = 0
    t = r.with_totals()
    assert t.applications.carried_forward.legal_service_org == 1
    assert t.applications.carried_forward.total == 1
    assert errors(t) <= errors(r)
    assert not errors(t)


def test_no_negative_count_is_derived() -> None:
    """四 = 一 + 二 − （七） below 0 is left blank (a count is never negative)."""
    r = AnnualReport(edition="2021", agency="某局", year=2024)
    r.applications.new_received.natural_person = 1
    r.applications.disclosed.natural_person = 3
    t = r.with_totals()
    assert t.applications.carried_forward.natural_person is None
    assert errors(t) <= errors(r)


@st.composite
def partial_reports(draw: st.DrawFn) -> AnnualReport:
    """Small counts in a few cells of a random edition: the shape of a report half
    typed in, where totals and parts are blank or stated in any mix."""
    report = draw(reports())
    small = st.one_of(st.none(), st.integers(min_value=0, max_value=6))
    for f in report.layout.fields():
        if f.kind is Kind.COUNT:
            keep = draw(st.integers(min_value=0, max_value=3)) == 0
            report.set(f.path, draw(small) if keep else None)
    return report


@given(partial_reports())
@settings(max_examples=30, deadline=None)
def test_with_totals_creates_no_error(report: AnnualReport) -> None:
    """For any partial report, the errors after with_totals() are among those before."""
    assert errors(report.with_totals()) <= errors(report)
