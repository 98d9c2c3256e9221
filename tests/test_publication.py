"""What a publication says once and never drops (issue 19, points 11, 12 and 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# ------------------------------------------------- #19.15 headings keep with their tables

PARAGRAPH = "本机关坚持以公开为常态、不公开为例外，" * 6 + "推进政务公开工作。"


def _page_ends(text: str) -> list[str]:
    """The last line of text on each page of pdftotext's output."""
    ends = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines:
            ends.append(lines[-1])
    return ends


def test_no_page_ends_with_a_heading(tmp_path: Path) -> None:
    """The full report (Word) printed by LibreOffice, with narratives of several lengths
    that move each heading down the page: no page ends with a section or table heading."""
    from rendering import libreoffice_pdfs
    from zfxxgk.published.render import SECTIONS

    report = zfxxgk.AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    files = []
    for k in (0, 3, 6, 9):
        text = "一、总体情况\n\n" + "\n\n".join([PARAGRAPH] * k)
        out = tmp_path / f"full{k}.docx"
        zfxxgk.render(report, out, full=True, text=text)
        files.append(out)
    tables = tmp_path / "tables.docx"
    zfxxgk.render(report, tables)
    files.append(tables)
    headings = {h for h, _ in SECTIONS} | {t.title for t in report.layout.tables}
    for name, text in libreoffice_pdfs(files, tmp_path).items():
        ends = _page_ends(text)
        assert len(ends) > 1, name
        assert not [e for e in ends[:-1] if e in headings], (name, ends)


def test_html_headings_keep_with_their_tables(tmp_path: Path) -> None:
    """The tables page printed by chromium, pushed down by lines under the title."""
    from rendering import browser_pdf_text
    from zfxxgk.published.export import to_html

    report = zfxxgk.AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    titles = {t.title for t in report.layout.tables}
    for k in (0, 24):
        page = tmp_path / f"p{k}.html"
        lines = [("note", f"第 {i} 行说明") for i in range(k)]
        page.write_text(to_html(report, below={"": lines}), "utf-8")
        ends = _page_ends(browser_pdf_text(page, tmp_path))
        assert not [e for e in ends[:-1] if e in titles], (k, ends)


# ------------------------------------------------- #19.15 what moved, across all sections


def _two_years() -> tuple[zfxxgk.AnnualReport, zfxxgk.AnnualReport]:
    this = zfxxgk.AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    last = this.copy()
    last.year = 2023
    a = last.applications
    a.new_received.natural_person, a.new_received.total = 70, 70
    a.disclosed.natural_person, a.disclosed.total = 40, 40
    last.proactive.licensing.decisions = 550  # 550 → 9,487 (+1,624.9%)
    return last, this


def test_movements_lead_with_what_moved_most_in_any_section() -> None:
    last, this = _two_years()
    cmp = zfxxgk.compare(last, this)
    assert cmp.movements[0].startswith("行政许可") and "+1624.9%" in cmp.movements[0]
    assert any(m.startswith("本年新收申请 95 件") for m in cmp.movements)


@given(
    a=st.integers(1, 10**5),
    b=st.integers(1, 10**5),
    c=st.integers(1, 10**5),
    d=st.integers(1, 10**5),
)
@settings(max_examples=100, deadline=None)
def test_a_larger_relative_and_absolute_move_ranks_first(a: int, b: int, c: int, d: int) -> None:
    """Whichever the section: a move larger both in per cent and in size comes first."""
    from zfxxgk.app.compare import SAME, Change, movements

    small = Change("reviews.reconsideration.upheld.total", "reviews", "维持", a, a + b, SAME)
    big = Change("proactive.licensing.decisions", "proactive", "行政许可", c, c + d, SAME)
    if d / c > b / a and d > b:
        assert movements([small, big])[0].startswith("行政许可")
    elif b / a > d / c and b > d:
        assert movements([small, big])[0].startswith("维持")


def test_the_per_cell_table_lists_what_is_not_zero_both_years(tmp_path: Path) -> None:
    from zfxxgk.app.compare_write import write

    last, this = _two_years()
    cmp = zfxxgk.compare(last, this)
    quiet = [c for c in cmp.changes if c.last == c.this and c.last in (0, None)]
    assert len(quiet) > 100
    write([({}, cmp)], tmp_path / "c.html")
    page = (tmp_path / "c.html").read_text("utf-8")
    table = page[page.index('id="changes"') : page.index("</table>", page.index('id="changes"'))]
    assert table.count("<tr") == 1 + len(cmp.changes) - len(quiet)
    assert f"{len(quiet)} 项" in page
    write([({}, cmp)], tmp_path / "c.csv")  # the data outputs keep every value
    assert len((tmp_path / "c.csv").read_text("utf-8-sig").splitlines()) == 1 + len(cmp.changes)
