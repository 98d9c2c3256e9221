"""Reports as producers nobody here wrote reshape them (tests/hostile_producers.py): a
备注 or 占比 column, a 序号 column, labels split or in traditional characters, tables
split at a page break, a missing row, 0 written 〇/无/-, last year's report on the same
page … published as HTML, as a CMS page without spans, as pasted tab text and as
Markdown. Every cell is right, or blank with a warning naming its row; never another
number (issue 17, item 1)."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_JSON, sample_path
from hostile_producers import FORMATS, TRANSFORMS, judge, produce
from producers import cells_of, random_report, score
from strategies import reports
from zfxxgk import AnnualReport, parse
from zfxxgk.errors import LayoutError
from zfxxgk.published.parse import ParseResult


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def _wrong(report: AnnualReport, transform: str, fmt: str, folder: Path) -> list[object]:
    try:
        result = parse(produce(report, transform, fmt, folder))
    except LayoutError:  # no table found (a transposed table): refused, never misread
        return []
    return list(judge(report, result).wrong_cells)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_every_sample_by_every_transformation(name: str, fmt: str, tmp_path: Path) -> None:
    """Each sample through every transformation in this format: no wrong cell, and no
    blank without a warning naming its row."""
    report = _sample(name)
    wrong = {}
    for i, transform in enumerate(TRANSFORMS):
        folder = tmp_path / str(i)
        folder.mkdir()
        if cells := _wrong(report, transform, fmt, folder):
            wrong[transform] = cells[:3]
    assert wrong == {}


_ALL = sorted(TRANSFORMS)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    report=reports(optional=False),
    transform=st.sampled_from(_ALL),
    fmt=st.sampled_from(sorted(FORMATS)),
)
def test_random_reports_by_every_transformation(
    report: AnnualReport, transform: str, fmt: str
) -> None:
    """Random reports (blanks, 0, big numbers) through the transformations: never a
    wrong cell."""
    with tempfile.TemporaryDirectory() as tmp:
        assert _wrong(report, transform, fmt, Path(tmp)) == []


def _with_blank_first_value() -> AnnualReport:
    report = _sample("2019-pingtan")
    report.set(("applications", "disclosed", "natural_person"), None)
    return report


@pytest.mark.parametrize("fmt", ["html", "cms", "tab"])
@pytest.mark.parametrize("transform", ["notes-numbers", "notes-text"])
def test_a_notes_column_never_shifts_a_row(transform: str, fmt: str, tmp_path: Path) -> None:
    """A row whose first value is blank, in a table with a 备注 column of numbers or
    words: its values are not read one column to the left (the note as 总计)."""
    report = _with_blank_first_value()
    result = parse(produce(report, transform, fmt, tmp_path))
    s = score(report, result)
    assert s.wrong_cells == ()
    got = result.report.get(("applications", "disclosed", "total"))
    assert got in (None, report.get(("applications", "disclosed", "total")))


def test_a_notes_column_under_its_own_header_is_read(tmp_path: Path) -> None:
    """With its spans, the page shows each value under its header and the notes under
    备注: the row is read whole."""
    report = _with_blank_first_value()
    result = parse(produce(report, "notes-numbers", "html", tmp_path))
    row = [p for p in report.layout.field_map if p[:2] == ("applications", "disclosed")]
    assert [result.report.get(p) for p in row] == [report.get(p) for p in row]


@pytest.mark.parametrize("fmt", ["html", "cms"])
def test_last_years_report_above_is_not_read(fmt: str, tmp_path: Path) -> None:
    """A page titled this year that shows last year's report first: last year's tables
    are left out with a warning, this year's are read."""
    report = _sample("2024-hongze-district")
    result = parse(produce(report, "last-year-first", fmt, tmp_path))
    assert result.report.year == 2024
    plain = parse_plain(report, tmp_path)
    assert score(report, result).right == score(report, plain).right == 200
    skipped = [w for w in result.warnings if w.code == "other-year-report"]
    assert [w.params["year"] for w in skipped] == [2023]


def parse_plain(report: AnnualReport, tmp_path: Path) -> ParseResult:
    folder = tmp_path / "plain"
    folder.mkdir()
    return parse(produce(report, "units-line", "html", folder))


def test_a_missing_row_is_warned_of(tmp_path: Path) -> None:
    """A row left out of the page: its cells are blank and a warning among the parse's
    warnings names the row."""
    report = _sample("2019-pingtan")
    result = parse(produce(report, "missing-row", "html", tmp_path))
    missing = [w for w in result.warnings if w.code == "fields-without-cell"]
    assert len(missing) == 1
    assert "proactive.normative_documents" in missing[0].params["rows"]
    assert result.report.get(("proactive", "normative_documents", "new_made")) is None


@pytest.mark.parametrize("transform", ["colspan-plus-one", "rowspan-minus-one"])
def test_a_span_wrong_by_one_never_moves_a_row(transform: str, tmp_path: Path) -> None:
    """Markdown of a table whose label spans are one column (or row) off: a row whose
    blanks hide the shift is not read under the headers it slid under, since other rows
    of its table show values past the headers' columns."""
    report = random_report(random.Random(17), "2019")
    result = parse(produce(report, transform, "md", tmp_path))
    assert judge(report, result).wrong_cells == ()


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_groups_in_another_order_never_swap_their_columns(fmt: str, tmp_path: Path) -> None:
    """Section 四 with 行政诉讼 before 行政复议: the three 结果维持 are not taken left to
    right as the table's order has them; the row is right or blank with a warning."""
    report = _sample("2024-hongze-district")
    result = parse(produce(report, "reviews-swapped", fmt, tmp_path))
    assert judge(report, result).wrong_cells == ()
    assert result.report.get(("reviews", "reconsideration", "total")) in (None, 2)


@pytest.mark.parametrize("transform", ["label-traditional", "label-typos"])
def test_labels_in_traditional_characters_or_with_qita_are_read(
    transform: str, tmp_path: Path
) -> None:
    """Labels in traditional characters (予以公開, 總計) or with 其它 for 其他 are the
    official labels: every cell is read."""
    report = _sample("2019-pingtan")
    result = parse(produce(report, transform, "html", tmp_path))
    s = judge(report, result)
    assert (s.right, s.wrong_cells) == (len(cells_of(report)), ())
