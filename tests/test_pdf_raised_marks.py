"""A footnote mark printed raised beside a number in a PDF is no digit of it.

A browser prints ``12345<sup>1</sup>`` as a small 1 set above the line after 12345.
pdfium gives the mark as the next character of the text, so on the code before this
test it was read as a digit of the number (123451, 304 for 30⁴, 7 for 0⁷). Now a
digit set small and raised (or lowered) beside its neighbour is a mark, written as
Unicode's superscript (subscript): the cell is blank with a warning, never another
number.
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

from hidden_producers import _set_inner
from hostile_producers import FORMATS, _is_value, _text
from pdf_producers import BORDERLESS, chromium, print_with_chromium
from producers import random_report, score
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html

pytest.importorskip("pypdfium2")


@pytest.fixture(scope="session")
def marked(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, AnnualReport, Path]]:
    """Random reports, a footnote mark raised after every third value (or lowered), as
    ruled and borderless pages printed by one headless chromium."""
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("raised-marks")
    rng = random.Random(2)
    pages: list[tuple[Path, Path]] = []
    out: list[tuple[str, AnnualReport, Path]] = []
    for i in range(2):
        report = random_report(rng, "2019" if i % 2 else "2021")
        page = lxml.html.fromstring(to_html(report))
        for j, td in enumerate(td for td in page.iter("td") if _is_value(td)):
            if _text(td).isdigit() and j % 3 == 0:
                tag = "sub" if j % 2 else "sup"
                _set_inner(td, f"{_text(td)}<{tag}>{j % 9 + 1}</{tag}>")
        for style in ("ruled", "borderless"):
            sub = folder / f"{i}-{style}"
            sub.mkdir()
            path = FORMATS["html"](page, sub)
            if style == "borderless":
                text = path.read_text("utf-8").replace("</head>", BORDERLESS, 1)
                path.write_text(text.replace(' border="1"', ""), "utf-8")
            pages.append((path, path.with_suffix(".pdf")))
            out.append((f"{i}/{style}", report, path.with_suffix(".pdf")))
    print_with_chromium(pages, exe, timeout=600)
    return out


def test_a_printed_mark_is_never_a_digit(marked: list[tuple[str, AnnualReport, Path]]) -> None:
    another = {}
    right = blank = 0
    for label, truth, pdf in marked:
        s = score(truth, parse(pdf))
        right += s.right
        blank += s.blank
        numbers = [c for c in s.wrong_cells if c[2] is not None]
        if numbers:
            another[label] = numbers[:3]
    assert another == {}
    assert right >= 0.5 * (right + blank), (right, blank)
