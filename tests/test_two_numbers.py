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
from producers_wrong14 import VISIBLE, producer
from zfxxgk import AnnualReport, parse

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


@pytest.mark.parametrize("writer", ["xlsx", "html", "docx"])
def test_two_numbers_under_a_merged_header_leave_the_row_blank(writer: str, tmp_path: Path) -> None:
    """上一年项目数量 merged over two cells, 5 and 3 under it, 本年增/减 blank: the row
    was read 5 and 3 (3 the change, whose header stands two columns on); it is blank
    now, with a warning naming it."""
    from producers_wrong14 import WRITERS, Tables, _double

    truth = _fees(3, None)
    tables: Tables = []
    for table in truth.layout.tables:
        from zfxxgk.published.export import table_rows

        rows = table_rows(truth, table)
        if table.key == "proactive":
            rows = _double(rows, random.Random(0), 0.0, None, only=1)
        tables.append((table.title, rows))
    result = parse(WRITERS[writer](truth, tables, tmp_path))
    assert result.report.get(("proactive", "fees", "items_last_year")) is None
    assert result.report.get(("proactive", "fees", "change")) is None
    warned = [w for w in result.warnings if "proactive.fees" in w.params.get("rows", [])]
    assert [w.code for w in warned] == ["short-row"]
