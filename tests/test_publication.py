"""What a publication says once and never drops (issue 19, points 11, 12 and 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import zfxxgk
from conftest import run_cli, sample_path
from strategies import reports
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Kind

SAMPLE_TEXTS = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")

# ------------------------------------------------- #19.11 an edition of another year, once


@pytest.mark.parametrize("name", SAMPLE_TEXTS)
@pytest.mark.parametrize("year", [2019, 2020, 2021, 2025])
def test_an_edition_that_disagrees_with_the_year_is_said_once(
    name: str, year: int, tmp_path: Path
) -> None:
    text = sample_path(name, ".txt").read_text("utf-8")
    text, n = re.subn(r"20\d\d(\s*年(?:度)?政府信息公开)", rf"{year}\1", text, count=1)
    assert n == 1
    doc = tmp_path / f"{name}.txt"
    doc.write_text(text, "utf-8")
    result = zfxxgk.parse(doc)
    assert result.report.year == year
    said = [w.code for w in result.warnings if "edition" in w.code]
    said += [f.rule for f in result.check.issues if f.rule == "RX-EDITION-YEAR"]
    expected = zfxxgk.edition_for_year(year).id
    assert len(said) == (0 if expected == result.report.edition else 1), said


# ------------------------------------------------- #19.12 no stated number dropped silently


@pytest.mark.parametrize("suffix", [".docx", ".html", ".md"])
def test_a_stated_other_handling_row_is_not_dropped_silently(suffix: str, tmp_path: Path) -> None:
    """淮安 reports state a single （六）其他处理 row; the 2021 table has no cell for it."""
    source = sample_path("2024-hongze-district")
    report = zfxxgk.AnnualReport.from_json(source.read_bytes())
    assert report.applications.other_total.total is not None
    assert report.applications.other_reasons.total is None
    done = zfxxgk.render(report, tmp_path / f"r{suffix}")
    assert [n.code for n in done.unshown] == ["render-unshown"]
    assert done.unshown[0].params["row"] == "（六）其他处理"
    r = run_cli("render", str(source), "-o", str(tmp_path / f"cli{suffix}"))
    assert r.returncode == 0 and "（六）其他处理" in r.stderr.decode()


def _sums_of_shown(report: zfxxgk.AnnualReport) -> set[tuple[str, str, str]]:
    """The hidden values a reader can add up from the cells a table prints."""
    edition = report.layout
    shown = set(all_fields(edition))
    grew = True
    while grew:
        grew = False
        for eq in edition.equations:
            if eq.total in shown or eq.op != "=" or eq.cross_year:
                continue
            values = [report.get(t.path) for t in eq.parts]
            if (
                report.get(eq.total) is not None
                and all(t.path in shown for t in eq.parts)
                and None not in values
                and sum(t.sign * v for t, v in zip(eq.parts, values, strict=True))
                == report.get(eq.total)
            ):
                shown.add(eq.total)
                grew = True
    return shown


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_every_stated_value_is_printed_or_named(edition: str, tmp_path: Path) -> None:
    """On random reports: each stated value is in a cell, adds up from cells, or its row is
    named in a note."""

    from zfxxgk.published.render import unshown

    @settings(
        max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(report=reports(edition))
    def named(report: zfxxgk.AnnualReport) -> None:
        rows = {n.params["row"] for n in unshown(report)}
        shown = _sums_of_shown(report)
        for f, value in report.items():
            if value is None or f.kind is Kind.UNIT or f.path in shown:
                continue
            assert f.short.split("·")[0] in rows, f.path

    named()
