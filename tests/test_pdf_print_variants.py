"""Web pages as a browser prints them at other widths and font sizes: never a wrong cell.

The same report page printed narrow (the table wider than the paper, its last column cut
off at the page's edge), with large type (cells wrap, the table runs over many pages, a
browser repeats its head on each) or small on landscape paper lays one table out on
pages whose column rules differ: a label column split on one page and whole on the next,
a label cut by the page break below a repeated head, a merged label cell over two grid
columns. Each cell must be right, or blank with a warning naming its row.

Found by printing the producers' pages (tests/producers.py) with chromium: on the code
before these tests, rows slid one column right (a row read against the header of another
page's grid; a label cell's covered column counted as a value column), and rows whose
label a page break cut were read as blank without a word.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pdf_producers import chromium, print_with_chromium
from producers import PRODUCERS, random_report, score
from zfxxgk import AnnualReport, parse

pytest.importorskip("pypdfium2")

#: How the page is printed: CSS added to its head.
VARIANTS = {
    "plain": "",
    "narrow": (
        "<style>body{width:120mm !important} table{width:100% !important; font-size:9pt}</style>"
    ),
    "wide-font": "<style>td,th,p,span{font-size:14pt !important; letter-spacing:1px}</style>",
}
PRODUCER_NAMES = ("html", "html-word", "html-cms")


def truths() -> list[tuple[str, AnnualReport]]:
    """Two random reports, one of each edition (blank cells among them)."""
    rng = random.Random(5)
    return [(f"random-{e}", random_report(rng, e)) for e in ("2019", "2021")]


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, AnnualReport, Path]]:
    """Every (producer, report, variant) printed to PDF by one headless chromium."""
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("print-variants")
    pages: list[tuple[Path, Path]] = []
    out: list[tuple[str, AnnualReport, Path]] = []
    for producer in PRODUCER_NAMES:
        for name, report in truths():
            sub = folder / f"{producer}--{name}"
            sub.mkdir()
            text = PRODUCERS[producer](report, sub).read_text("utf-8")
            for variant, css in VARIANTS.items():
                page = sub / f"{variant}.html"
                page.write_text(text.replace("</head>", css + "</head>", 1), "utf-8")
                pages.append((page, page.with_suffix(".pdf")))
                out.append((f"{producer}/{name}/{variant}", report, page.with_suffix(".pdf")))
    print_with_chromium(pages, exe, timeout=600)
    return out


def test_every_cell_right_or_blank_with_a_warning(
    printed: list[tuple[str, AnnualReport, Path]],
) -> None:
    wrong = {}
    right = blank = 0
    for label, truth, pdf in printed:
        s = score(truth, parse(pdf))
        right += s.right
        blank += s.blank
        if s.wrong:
            wrong[label] = s.wrong_cells[:3]
    assert not wrong, wrong
    # most cells are read: a change that blanks whole tables shows here
    assert right >= 0.8 * (right + blank), (right, blank)
