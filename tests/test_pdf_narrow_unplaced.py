"""A value of an unruled print that stands off its header's column is never dropped in
silence.

Chromium prints a borderless report page narrowed to 120 mm with a short table's header
wrapped over three lines (上一年项目数 / 信息内容 本年增/减 / 量): the header of
上一年项目数量 is then found in the table above, which has a column past these
(处理决定数量), and the row's -20, centred under 本年增/减 but starting two grid columns
right of it, was taken for that other column's: 本年增/减 read as blank with no warning
(2 cells in 72 prints of random reports on the code before this test). A value outside
the headers' columns of an unruled row is another column's only where it stands at or
past that column's label; else no reading holds and the row is blank with a warning.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pdf_producers import BORDERLESS, chromium, print_with_chromium
from producers import PRODUCERS, random_report, score
from zfxxgk import AnnualReport, parse

pytest.importorskip("pypdfium2")

NARROW = "<style>body{width:120mm !important} table{width:100% !important; font-size:9pt}</style>"


@pytest.fixture(scope="session")
def narrow(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, AnnualReport, Path]]:
    """Random reports (seed 11, as the probe drew them) as narrow borderless pages."""
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("narrow-borderless")
    rng = random.Random(11)
    pages: list[tuple[Path, Path]] = []
    out: list[tuple[str, AnnualReport, Path]] = []
    for i in range(6):
        report = random_report(rng, "2019" if i % 2 else "2021")
        sub = folder / str(i)
        sub.mkdir()
        text = PRODUCERS["html"](report, sub).read_text("utf-8")
        text = text.replace("</head>", BORDERLESS, 1).replace(' border="1"', "")
        page = sub / "page.html"
        page.write_text(text.replace("</head>", NARROW + "</head>", 1), "utf-8")
        pages.append((page, page.with_suffix(".pdf")))
        out.append((str(i), report, page.with_suffix(".pdf")))
    print_with_chromium(pages, exe, timeout=600)
    return out


def test_no_value_of_a_narrow_print_is_dropped_without_a_warning(
    narrow: list[tuple[str, AnnualReport, Path]],
) -> None:
    wrong = {}
    right = 0
    for label, truth, pdf in narrow:
        s = score(truth, parse(pdf))
        right += s.right
        if s.wrong:
            wrong[label] = s.wrong_cells[:3]
    assert wrong == {}
    assert right > 0
