"""A row whose one reading reads none of its values: its values stand elsewhere.

Chromium prints a narrow borderless 2019 page with 行政事业性收费's one number (-32) to
the right of its header 本年增/减, in an unruled column of its own: the headers' geometry
placed both fields on blank cells, and the row read as blank without a word (its -32
unread). Now a reading that takes none of the row's values is no reading: the row is
blank with a warning naming it (short-row), never silently.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pdf_producers import BORDERLESS, chromium, print_with_chromium
from producers import PRODUCERS, random_report, score, warned_rows
from zfxxgk import AnnualReport, parse

pytest.importorskip("pypdfium2")

NARROW = "<style>body{width:120mm !important} table{width:100% !important; font-size:9pt}</style>"


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[AnnualReport, Path]]:
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("read-elsewhere")
    rng = random.Random(8)
    pages: list[tuple[Path, Path]] = []
    out: list[tuple[AnnualReport, Path]] = []
    for i, change in enumerate((-32, 9, -41)):
        report = random_report(rng, "2019")
        report.proactive.fees.items_last_year = None
        report.proactive.fees.change = change
        sub = folder / str(i)
        sub.mkdir()
        text = PRODUCERS["html"](report, sub).read_text("utf-8")
        text = text.replace("</head>", BORDERLESS, 1).replace(' border="1"', "")
        page = sub / "narrow.html"
        page.write_text(text.replace("</head>", NARROW + "</head>", 1), "utf-8")
        pages.append((page, page.with_suffix(".pdf")))
        out.append((report, page.with_suffix(".pdf")))
    print_with_chromium(pages, exe, timeout=600)
    return out


def test_a_value_no_reading_takes_is_never_dropped_silently(
    printed: list[tuple[AnnualReport, Path]],
) -> None:
    for truth, pdf in printed:
        result = parse(pdf)
        got = result.report.proactive.fees.change
        assert got == truth.proactive.fees.change or (
            got is None and ("proactive", "fees") in warned_rows(result)
        ), (pdf, got)
        assert score(truth, result).wrong == 0, score(truth, result).wrong_cells[:3]
