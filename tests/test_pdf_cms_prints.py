"""Web CMS pages (tests/producers_cms.py) and our own borderless page as chromium prints
them: every cell right, or blank with a warning naming its row.

- ``div-table`` (a CMS table of divs, its spans dropped, each cell bordered): where an org
  column of every row is empty, chromium lays those columns out 3-4 points wide (padding
  and border), and the two rules of such a narrow cell were taken for one boundary (the
  2-pixel gap between the boxes of cells bordered on their own): the row lost a column
  and its 总计 slid into 其他 (10 cells of the sample 2023-shuyang-drc wrong on the code
  before this test). A horizontal rule drawn end to end between two close column rules
  is a cell's edge: they are two columns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import sample_path
from pdf_producers import chromium, print_with_chromium
from producers import score
from producers_cms import div_table
from zfxxgk import AnnualReport, parse

pytest.importorskip("pypdfium2")

Producer = Callable[[AnnualReport, Path], Path]


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


#: (case, producer, report) printed once per session
CASES: list[tuple[str, Producer, Callable[[], AnnualReport]]] = [
    ("div-table/shuyang", div_table, lambda: _sample("2023-shuyang-drc")),
]


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[AnnualReport, Path]]:
    """Every case printed to PDF by one headless chromium."""
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("cms-prints")
    pages: list[tuple[Path, Path]] = []
    out: dict[str, tuple[AnnualReport, Path]] = {}
    for i, (case, producer, make) in enumerate(CASES):
        sub = folder / str(i)
        sub.mkdir()
        report = make()
        page = producer(report, sub)
        pages.append((page, page.with_suffix(".pdf")))
        out[case] = (report, page.with_suffix(".pdf"))
    print_with_chromium(pages, exe, timeout=600)
    return out


def _check(printed: dict[str, tuple[AnnualReport, Path]], prefix: str) -> int:
    """Asserts the invariant on the cases of ``prefix``; the cells read right."""
    wrong = {}
    right = 0
    for case, (truth, pdf) in printed.items():
        if not case.startswith(prefix):
            continue
        s = score(truth, parse(pdf))
        right += s.right
        if s.wrong:
            wrong[case] = s.wrong_cells[:4]
    assert wrong == {}
    return right


def test_narrow_empty_columns_of_a_div_table_are_columns(
    printed: dict[str, tuple[AnnualReport, Path]],
) -> None:
    right = _check(printed, "div-table/")
    assert right >= 170  # of 200: its rows read by their boxes, not refused
