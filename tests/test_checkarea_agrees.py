"""The check area says what check() says, with groups of rows left blank (issue 19,
item 3): in the values the fill stores, and after LibreOffice recalculates."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from conftest import area_mark, cell, libreoffice_csv_many
from producers import consistent_report
from strategies import consistent_reports
from zfxxgk import AnnualReport, check, fill, read
from zfxxgk.workbook.checkarea import check_area_top, check_rows


def blank_groups(report: AnnualReport, rng: random.Random) -> AnnualReport:
    """Some groups of rows (（三）1–8, （四）…) left blank: their subtotal, which has no
    cell, stated (right or wrong) or not; now and then a total blanked or a part changed."""
    out = report.copy()
    seen = set()
    for eq in out.layout.equations:
        for g in eq.groups:
            if g.subtotal in seen or rng.random() < 0.5:
                continue
            seen.add(g.subtotal)
            was = sum(out.get(m) or 0 for m in g.members)
            for m in g.members:
                out.set(m, None)
            roll = rng.random()
            out.set(g.subtotal, was if roll < 0.4 else was + 1 if roll < 0.55 else None)
    for f in out.layout.fields():
        if f.official and isinstance(out.get(f.path), int) and rng.random() < 0.02:
            out.set(f.path, None if rng.random() < 0.5 else out.get(f.path) + 1)
    return out


@st.composite
def group_blank_reports(draw: st.DrawFn) -> AnnualReport:
    report = draw(consistent_reports())
    return blank_groups(report, random.Random(draw(st.integers(0, 2**32 - 1))))


def stored_marks(path: Path, report: AnnualReport) -> dict[tuple[str, str], str]:
    book = CalamineWorkbook.from_path(str(path))
    out = {}
    for table in report.layout.tables:
        rows = book.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
        for row in check_rows(report.layout, table, check_area_top(table)):
            out[(table.sheet, row.rule.id)] = rows[row.result.row][row.result.col]
    return out


def wanted(report: AnnualReport) -> dict[tuple[str, str], str]:
    result = check(report, include_passed=True)
    return {
        (table.sheet, row.rule.id): area_mark(result, row.rule.id, table.sheet)
        for table in report.layout.tables
        for row in check_rows(report.layout, table, check_area_top(table))
    }


def test_blank_group_that_adds_up_shows_a_tick(tmp_path: Path) -> None:
    """The reported J35: （三） rows all blank, the rest adding up → ✓, as check says."""
    r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros()
    for f in r.layout.fields():
        if f.path[1].startswith("withheld_"):
            r.set(f.path, None)
    r = r.with_totals()
    out = fill(r, tmp_path / "r.xlsx")
    assert stored_marks(out, r)[("三、依申请", "R3-RESULT-TOTAL")] == "✓"
    assert check(read(out)).ok


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(report=group_blank_reports())
def test_stored_marks_agree_with_check(
    report: AnnualReport, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Per rule and sheet, the mark the filled workbook stores is check()'s verdict."""
    out = fill(report, tmp_path_factory.mktemp("stored") / "r.xlsx")
    assert stored_marks(out, report) == wanted(read(out))


def test_libreoffice_marks_agree_with_check(tmp_path: Path) -> None:
    """A small sample, recalculated by LibreOffice: its marks are check()'s verdicts."""
    rng = random.Random(19)
    reports = []
    for edition in ["2021", "2019", "2021", "2019"]:
        reports.append(blank_groups(consistent_report(rng, edition), rng))
    paths = [fill(r, tmp_path / f"case{i}.xlsx") for i, r in enumerate(reports)]
    shown = libreoffice_csv_many(paths, tmp_path / "csv")
    for path, report in zip(paths, reports, strict=True):
        want = wanted(read(path))
        for (sheet, rule), mark in want.items():
            rows = shown[path.stem][sheet]
            (row,) = [
                r
                for t in report.layout.tables
                if t.sheet == sheet
                for r in check_rows(report.layout, t, check_area_top(t))
                if r.rule.id == rule
            ]
            assert cell(rows, row.result.ref()) == mark, (path.name, sheet, rule)


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_the_seeded_reports_that_add_up_have_no_finding(edition: str) -> None:
    """consistent_report (the checks' marks above, the benchmarks' pages that add up)
    gives reports with every total stated and no finding of any kind."""
    rng = random.Random(5)
    for _ in range(8):
        report = consistent_report(rng, edition)
        result = check(report)
        assert result.ok and not result.findings, [f.rule for f in result.findings]
        assert report.get(("applications", "results_total", "total")) is not None
