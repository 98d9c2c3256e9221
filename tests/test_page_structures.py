"""Reports whose tables stand inside structures the reader must see through (issue 17,
item 1): web pages laid out with tables (the article in a cell of a page frame, beside a
menu that is a table itself: tests/page_frames.py), and Word documents whose tables are
wrapped in content controls or custom XML, indented on their grid, merged the old way,
framed in a layout table or written as formula fields (tests/docx_structures.py).

A person sees the same tables as without the structure, so every cell is read as it is
from the plain page or document: on the code before this test, every framed page was
refused ("none of the report's tables found") and a Word table whose cells' paragraphs
stand in content controls read 891 cells of 1,196 as blanks no warning named.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_JSON, sample_path
from docx_structures import TRANSFORMS, structured
from page_frames import FRAMES, framed
from producers import PRODUCERS, cells_of, score
from strategies import reports
from zfxxgk import AnnualReport, parse

_PAGES = ("html", "html-cms", "html-word")


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def _same_as_plain(report: AnnualReport, shaped: Path, plain: Path) -> None:
    """The shaped file reads every cell as the plain one does, and none wrong."""
    got, want = parse(shaped), parse(plain)
    assert score(report, got).wrong_cells == ()
    assert {p: got.report.get(p) for p in cells_of(report)} == {
        p: want.report.get(p) for p in cells_of(report)
    }
    assert score(report, got).right == len(cells_of(report))


@pytest.mark.parametrize("producer", _PAGES)
@pytest.mark.parametrize("frame", sorted(FRAMES))
@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_a_page_laid_out_with_tables_is_read_as_the_plain_page(
    name: str, frame: str, producer: str, tmp_path: Path
) -> None:
    report = _sample(name)
    plain = tmp_path / "plain"
    plain.mkdir()
    _same_as_plain(
        report, framed(report, producer, frame, tmp_path), PRODUCERS[producer](report, plain)
    )


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_a_word_table_in_any_structure_is_read_as_the_plain_one(
    name: str, transform: str, tmp_path: Path
) -> None:
    report = _sample(name)
    plain = tmp_path / "plain"
    plain.mkdir()
    _same_as_plain(
        report, structured(report, transform, tmp_path), PRODUCERS["docx"](report, plain)
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    report=reports(optional=False),
    shape=st.sampled_from(
        [("docx", t) for t in sorted(TRANSFORMS)] + [(p, f) for p in _PAGES for f in sorted(FRAMES)]
    ),
)
def test_random_reports_in_every_structure(report: AnnualReport, shape: tuple[str, str]) -> None:
    """Random reports (blanks, 0, big numbers) in every structure: never a wrong cell,
    and each cell as the plain file gives it."""
    producer, how = shape
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = folder / "plain"
        plain.mkdir()
        shaped = (
            structured(report, how, folder)
            if producer == "docx"
            else framed(report, producer, how, folder)
        )
        got, want = parse(shaped), parse(PRODUCERS[producer](report, plain))
        assert score(report, got).wrong_cells == ()
        assert {p: got.report.get(p) for p in cells_of(report)} == {
            p: want.report.get(p) for p in cells_of(report)
        }


def test_a_table_holding_a_table_is_page_layout_in_html_and_word() -> None:
    """Only a table that holds another is read as layout: the report's own tables,
    which hold none, keep their grid (their rows are positional)."""
    from zfxxgk.published.textsource import load_source

    report = _sample("2023-shuyang-drc")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        page = load_source(framed(report, "html", "menu-beside", folder))
        doc = load_source(structured(report, "layout-table", folder))
    for source in (page, doc):
        labelled = [
            r for r in source.rows if r.cells and "本年新收政府信息公开申请数量" in r.cells[0]
        ]
        assert labelled and all(r.positional for r in labelled)
    assert any(r.cells == ("栏目导航",) for r in page.rows)  # the frame's cells as lines
