"""Long numbers a browser wraps in the cells of a borderless table: never another number.

Chromium prints a report page whose table has no rules (``border: none``) with every long
number broken over the lines of its narrow cell, centred on its row: 331528880181 as
33152 / 88801 / 81, the middle piece beside the row's label, the others on lines of
values alone, or beside the next line of a label standing across rows (三、本年度办理结果
printed 三、 / 度办 / 理结 / 果), as near to the rows around as to their own. On the code
before this test 56–91 cells of 24 such prints held another number (88801 for
331528880181; a piece of the row above's number). Now a piece no row proves its own is
joined, by a line break, to the cells of its column in the rows on both sides, and a
number beside a cell that took pieces is doubtful: those cells are left blank with a
warning naming their row.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pdf_producers import BORDERLESS, chromium, print_with_chromium
from producers import PRODUCERS, random_report, score
from zfxxgk import AnnualReport, parse
from zfxxgk.core.cellvalue import UNSURE

pytest.importorskip("pypdfium2")

PRODUCER_NAMES = ("html", "html-cms")


@pytest.fixture(scope="session")
def wrapped(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, AnnualReport, Path]]:
    """Random reports (a tenth of their counts of 7 to 13 digits) as borderless pages,
    printed by one headless chromium."""
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("wrapped-borderless")
    rng = random.Random(1)
    pages: list[tuple[Path, Path]] = []
    out: list[tuple[str, AnnualReport, Path]] = []
    for i in range(3):
        report = random_report(rng, "2019" if i % 2 else "2021")
        for producer in PRODUCER_NAMES:
            sub = folder / f"{i}-{producer}"
            sub.mkdir()
            text = PRODUCERS[producer](report, sub).read_text("utf-8")
            text = text.replace("</head>", BORDERLESS, 1).replace(' border="1"', "")
            page = sub / "page.html"
            page.write_text(text, "utf-8")
            pages.append((page, page.with_suffix(".pdf")))
            out.append((f"{i}/{producer}", report, page.with_suffix(".pdf")))
    print_with_chromium(pages, exe, timeout=600)
    return out


def test_a_piece_of_a_wrapped_number_is_never_read_as_a_number(
    wrapped: list[tuple[str, AnnualReport, Path]],
) -> None:
    another = {}
    right = blank = 0
    codes: set[str] = set()
    for label, truth, pdf in wrapped:
        result = parse(pdf)
        s = score(truth, result)
        codes |= {str(getattr(w.params.get("reason"), "key", "")) for w in result.warnings}
        # the reader's mark on an unsure cell is its own: never in what it says
        assert UNSURE not in json.dumps(result.to_dict(), ensure_ascii=False, default=str), label
        right += s.right
        blank += s.blank
        numbers = [c for c in s.wrong_cells if c[2] is not None]
        if numbers:
            another[label] = numbers[:3]
    assert another == {}
    assert "cell-wrapped-unsure" in codes
    # the pages' other cells are read: a change that blanks whole tables shows here
    assert right >= 0.4 * (right + blank), (right, blank)
