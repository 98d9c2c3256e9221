"""Every sample report as every producer publishes it: each cell right, or blank with a
warning naming its row; never another number (issue 17, items 1 and 2)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_JSON, sample_path
from producers import CHEAP, LOSSY, PRODUCERS, cells_of, prefetch_libreoffice, score
from strategies import reports
from zfxxgk import AnnualReport, parse


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


@pytest.fixture(scope="session")
def libreoffice_html() -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    prefetch_libreoffice([_sample(n) for n in SAMPLE_JSON])


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_every_sample_by_every_producer(
    name: str, producer: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The samples are read back whole by every producer that keeps the cells (all
    right), and by the others right or blank with a warning naming the row."""
    if producer in ("html-libreoffice", "doc"):
        request.getfixturevalue("libreoffice_html")
    truth = _sample(name)
    result = parse(PRODUCERS[producer](truth, tmp_path))
    s = score(truth, result)
    assert s.wrong_cells == ()
    if producer not in LOSSY:
        assert (s.blank, s.wrong) == (0, 0)
        assert s.right == len(cells_of(truth))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=reports(optional=False), producer=st.sampled_from(CHEAP))
def test_random_reports_are_right_or_blank_with_a_warning(
    report: AnnualReport, producer: str
) -> None:
    """Random reports (0, blanks, big numbers) by the cheap producers: never a wrong cell."""
    with tempfile.TemporaryDirectory() as tmp:
        result = parse(PRODUCERS[producer](report, Path(tmp)))
    assert score(report, result).wrong_cells == ()
