"""Text a PDF paints white on the white paper, or transparent: junk a person does not see.

A web page's anti-copy junk (white or transparent spans, tests/test_white_text.py and
test_hidden_more.py), printed by chromium with the page's colours kept
(``print-color-adjust: exact``), is in the PDF as glyphs painted white, or transparent
in any print. On the code before this test they were read into the numbers (745 for
75). Now a glyph painted transparent is not read, nor one painted white where no
coloured shape lies under it; white on a coloured head is read, and so is a scan's
text layer (drawn invisible on purpose: test_pdf_sandwich.py).
"""

from __future__ import annotations

import random
from pathlib import Path

import lxml.html
import pytest

import test_hidden_more
import test_white_text
from hostile_producers import FORMATS
from pdf_producers import chromium, print_with_chromium
from producers import random_report, score
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html

pytest.importorskip("pypdfium2")

EXACT = (
    "<style>*{-webkit-print-color-adjust:exact !important;"
    "print-color-adjust:exact !important}</style></head>"
)
CASES = {
    "white-span": (test_white_text.JUNK["span-fff"], True),
    "white-font": (test_white_text.JUNK["font"], True),
    "transparent": (None, False),
    "heads-on-colour": (test_white_text.SEEN["heads-inline"], True),
}


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[AnnualReport, Path]]:
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("unseen-text")
    rng = random.Random(6)
    pages: list[tuple[Path, Path]] = []
    out: dict[str, tuple[AnnualReport, Path]] = {}
    for name, (transform, exact) in CASES.items():
        report = random_report(rng, "2021")
        page = lxml.html.fromstring(to_html(report))
        if transform is None:
            test_hidden_more._hide_inside(test_hidden_more.STYLES["transparent"])(page, report)
        else:
            transform(page)
        sub = folder / name
        sub.mkdir()
        path = FORMATS["html"](page, sub)
        if exact:
            path.write_text(path.read_text("utf-8").replace("</head>", EXACT, 1), "utf-8")
        pages.append((path, path.with_suffix(".pdf")))
        out[name] = (report, path.with_suffix(".pdf"))
    print_with_chromium(pages, exe, timeout=600)
    return out


@pytest.mark.parametrize("case", sorted(CASES))
def test_unseen_glyphs_are_not_read(
    case: str, printed: dict[str, tuple[AnnualReport, Path]]
) -> None:
    truth, pdf = printed[case]
    s = score(truth, parse(pdf))
    assert (s.wrong, s.blank) == (0, 0), s.wrong_cells[:3]
