"""Web CMS pages (tests/producers_cms.py) and our own borderless page as chromium prints
them: every cell right, or blank with a warning naming its row.

- ``div-table`` (a CMS table of divs, its spans dropped, each cell bordered): where an org
  column of every row is empty, chromium lays those columns out 3-4 points wide (padding
  and border), and the two rules of such a narrow cell were taken for one boundary (the
  2-pixel gap between the boxes of cells bordered on their own): the row lost a column
  and its 总计 slid into 其他 (10 cells of the sample 2023-shuyang-drc wrong on the code
  before this test). A horizontal rule drawn end to end between two close column rules
  is a cell's edge: they are two columns.
- ``css-grid-auto`` (a CSS grid of ``minmax(0, 1fr)`` columns, no borders): a
  twelve-digit number overflows its narrow column, its digits drawn over the next cell's
  (44233550986654 for 442335086654 | 59), or past the page's edge, where chromium's clip
  cuts it (1941568613 for 194156861308): read as numbers on the code before this test
  (7 cells of 14 prints wrong). A digit drawn over the one before it, or cut by its clip
  path, marks its run unsure: the cell is blank with a warning naming every row part of
  its line (in table 四 the reconsideration's 总计 ran into the litigation's columns).
- our own page without borders: the wrapped label 2.申请人逾期未按收费通知要求缴纳费用…
  printed its values beside the group's label （六）其他处理, and the values, marked
  unsure, were refused with a warning naming only other_total: other_unpaid_fee's cells
  were blank without a word (11 cells of 40 random prints on the code before this test).
  A value refused as unsure names the row parts of its line and of the nearest lines
  above and below.
- the same, a wrapped label's first line (4.保护第三方合法权) above its last run into a
  group label's fragment (（三）不益), a twelve-digit number wrapped over both lines
  (9547674 / 02956) with no line of pieces between: 9547674 was read as the row's number
  (1 cell wrong, and the row's other cells blank without a word). Two neighbouring rows
  whose labels the editions both do not know are two lines of one row as far as a
  reader can tell: a column where both hold a number is unsure in both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import sample_path
from pdf_producers import BORDERLESS, chromium, print_with_chromium
from producers import PRODUCERS, samples_and_random, score
from producers_cms import css_grid_auto, div_table
from zfxxgk import AnnualReport, parse
from zfxxgk.core.cellvalue import UNSURE
from zfxxgk.published import _pdf_layout

pytest.importorskip("pypdfium2")

Producer = Callable[[AnnualReport, Path], Path]


def _borderless(report: AnnualReport, folder: Path) -> Path:
    """Our own page with its tables' borders gone."""
    text = PRODUCERS["html"](report, folder).read_text("utf-8")
    page = folder / "borderless.html"
    page.write_text(text.replace("</head>", BORDERLESS, 1).replace(' border="1"', ""), "utf-8")
    return page


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


#: (case, producer, report) printed once per session
CASES: list[tuple[str, Producer, Callable[[], AnnualReport]]] = [
    ("div-table/shuyang", div_table, lambda: _sample("2023-shuyang-drc")),
    # seeds and reports as the probe drew them (tests/producers.py)
    ("grid/1-random1", css_grid_auto, lambda: samples_and_random(1)["random1-2021"]),
    ("grid/2-random1", css_grid_auto, lambda: samples_and_random(2)["random1-2021"]),
    ("grid/2-random2", css_grid_auto, lambda: samples_and_random(2)["random2-2019"]),
    ("borderless/5", _borderless, lambda: samples_and_random(5)["random1-2021"]),
    ("borderless/9", _borderless, lambda: samples_and_random(9)["random1-2021"]),
    ("borderless/10", _borderless, lambda: samples_and_random(10)["random3-2021"]),
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


def test_numbers_run_together_or_cut_by_the_page_are_refused(
    printed: dict[str, tuple[AnnualReport, Path]],
) -> None:
    right = _check(printed, "grid/")
    assert right >= 180  # of 600 (204 when written: grids of big numbers lose many)


def test_values_beside_a_group_label_name_the_wrapped_row_too(
    printed: dict[str, tuple[AnnualReport, Path]],
) -> None:
    right = _check(printed, "borderless/")
    assert right >= 360  # of 600


def _char(text: str, x0: float, cut: bool = False) -> dict[str, object]:
    ch: dict[str, object] = {"text": text, "x0": x0, "x1": x0 + 5.0, "top": 0.0, "bottom": 9.0}
    if cut:
        ch["cut"] = True
    return ch


def test_a_digit_drawn_over_another_or_cut_marks_its_run() -> None:
    assert _pdf_layout.UNSURE == UNSURE
    whole = [_char(d, 10 + 5 * i) for i, d in enumerate("4423")]
    assert [r[2] for r in _pdf_layout._runs(whole)] == ["4423"]
    over = [*whole[:2], _char("5", 17.0), *whole[2:]]  # drawn 3 points over the 4
    assert [r[2] for r in _pdf_layout._runs(sorted(over, key=lambda c: c["x0"]))] == [
        "44523" + UNSURE
    ]
    cut = [*whole[:3], _char("3", 25.0, cut=True)]
    assert [r[2] for r in _pdf_layout._runs(cut)] == ["4423" + UNSURE]
    assert [r[2] for r in _pdf_layout._runs(cut, join=True)] == ["4423" + UNSURE]
