"""Two numbers under one header (:mod:`producers_wrong14`): a value column doubled, its
header merged over both, last year's number (or a draft's) beside the report's own.
Every cell reads right, or blank with a warning naming its row; never the other number,
nor a number as the next field, whose header stands in another column."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from producers import random_report, samples_and_random, score
from producers_wrong14 import VISIBLE, WRITERS, Tables, _double, producer
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import table_rows

REPORTS = samples_and_random(14, 4)


@pytest.mark.parametrize("writer", VISIBLE)
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_samples_read_right_or_blank_with_a_warning(name: str, writer: str, tmp_path: Path) -> None:
    truth = REPORTS[name]
    for seed in (1, 2):
        folder = tmp_path / str(seed)
        folder.mkdir()
        s = score(truth, parse(producer(writer, seed)(truth, folder)))
        assert s.wrong == 0, (seed, s.wrong_cells[:5])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(0, 10**6),
    edition=st.sampled_from(("2019", "2021")),
    writer=st.sampled_from(VISIBLE),
)
def test_random_reports_read_right_or_blank_with_a_warning(
    seed: int, edition: str, writer: str, tmp_path: Path
) -> None:
    truth = random_report(random.Random(seed), edition)
    folder = tmp_path / f"{writer}-{seed}-{edition}"
    folder.mkdir(exist_ok=True)
    s = score(truth, parse(producer(writer, seed)(truth, folder)))
    assert s.wrong == 0, s.wrong_cells[:5]


def _fees(items: object, change: object) -> AnnualReport:
    report = random_report(random.Random(0), "2019")
    report.set(("proactive", "fees", "items_last_year"), items)
    report.set(("proactive", "fees", "change"), change)
    return report


def _doubled_at(truth: AnnualReport, key: str, col: int) -> Tables:
    """The report's tables, column ``col`` of table ``key`` doubled (the other number
    first)."""
    out: Tables = []
    for table in truth.layout.tables:
        rows = table_rows(truth, table)
        if table.key == key:
            rows = _double(rows, random.Random(0), 0.0, None, only=col)
        out.append((table.title, rows))
    return out


@pytest.mark.parametrize("writer", ["xlsx", "html", "docx", "tab-text", "md"])
def test_two_numbers_under_a_merged_header_leave_the_row_blank(writer: str, tmp_path: Path) -> None:
    """上一年项目数量 merged over two cells, another number and 3 under it, 本年增/减
    blank: the row was read as both (the other number the count, 3 the change, whose
    header stands two columns on); it is blank now, with a warning naming it and why
    (two values under one header, not "values that do not fit its columns")."""
    truth = _fees(3, None)
    result = parse(WRITERS[writer](truth, _doubled_at(truth, "proactive", 1), tmp_path))
    assert result.report.get(("proactive", "fees", "items_last_year")) is None
    assert result.report.get(("proactive", "fees", "change")) is None
    warned = [w for w in result.warnings if "proactive.fees" in w.params.get("rows", [])]
    assert [w.code for w in warned] == ["row-values-one-header"]


def test_one_number_under_a_header_others_show_two_of_is_no_proof(tmp_path: Path) -> None:
    """Markdown writes a merged cell's text in its first cell: one number under 自然人,
    merged over two columns, and a blank beside it, may be that cell's (the number) or
    last year's beside this year's blank. Where another row under the headers holds
    two numbers under it, the columns are two: no row under them is proven (the
    number was read as this year's)."""
    import attrs

    truth = random_report(random.Random(3), "2019")
    new, over = ("applications", "new_received"), ("applications", "carried_over")
    truth.set((*new, "natural_person"), 5)
    truth.set((*over, "natural_person"), None)
    tables = _doubled_at(truth, "applications", 3)
    rows = tables[1][1]
    for i, row in enumerate(rows):  # the other number beside the blank: 17
        if any(c.path == (*over, "natural_person") for c in row):
            rows[i] = [attrs.evolve(c, text="17") if c.col == 3 else c for c in row]
    result = parse(WRITERS["md"](truth, tables, tmp_path))
    assert result.report.get((*over, "natural_person")) is None
    assert result.report.get((*new, "natural_person")) is None
    s = score(truth, result)
    assert s.wrong == 0, s.wrong_cells
