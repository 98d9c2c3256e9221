"""Sandwich PDFs: a scan with its OCR's invisible text layer (ocrmypdf, ABBYY).

The text layer is what the OCR saw, each glyph where the image shows it: reading it is
right. But the table's rules are in the image, not drawn: read as lines of text, the
rows with blank cells (numbers set right in their cells, away from their headers) are
refused. With the OCR extra the rules are found in the page's image (OpenCV, no text
read) and the characters laid out on them, as a ruled PDF's are. On the code before
these tests the filled templates' sandwiches read 880 of 1394 cells (0 wrong); now as
many as the PDFs they were made from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filled_pdfs import Printed, filled_pdfs
from producers import score
from sandwich import sandwich
from test_pdf import visible
from zfxxgk import AnnualReport, parse
from zfxxgk.published import ocr
from zfxxgk.workbook.fill import as_filled

pytest.importorskip("pypdfium2")

SAMPLES = Path(__file__).parent / "data" / "samples"
HONGZE = "2024-hongze-district"


@pytest.fixture(scope="session")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, AnnualReport, Path, Path]]:
    """(name, truth, PDF, its sandwich): the filled templates' and a real report's."""
    printed: Printed = filled_pdfs(tmp_path_factory.mktemp("filled-template"))
    folder = tmp_path_factory.mktemp("sandwich")
    real = AnnualReport.from_json((SAMPLES / f"{HONGZE}.json").read_bytes())
    out = [(HONGZE, visible(real), SAMPLES / f"{HONGZE}.pdf")]
    out += [(n, as_filled(r), p) for n, r, p in printed if n.endswith("/template")]
    # every other file's text layer written a word a text object (as ocrmypdf), the
    # others' a glyph a text object
    return [
        (
            name,
            truth,
            pdf,
            sandwich(pdf, folder / f"{name.replace('/', '-')}.pdf", words=k % 2 == 1),
        )
        for k, (name, truth, pdf) in enumerate(out)
    ]


def test_every_cell_right_or_blank_with_a_warning(
    pairs: list[tuple[str, AnnualReport, Path, Path]],
) -> None:
    wrong = {}
    right = read = 0
    for name, truth, pdf, sand in pairs:
        s = score(truth, parse(sand))
        if s.wrong:
            wrong[name] = s.wrong_cells[:3]
        right += s.right
        read += score(truth, parse(pdf)).right
    assert not wrong, wrong
    if ocr.have_ocr():  # the rules found in the images: nearly all that the text PDFs give
        assert right >= 0.97 * read, (right, read)


def test_a_scan_under_text_is_laid_out_on_the_image_rules(
    pairs: list[tuple[str, AnnualReport, Path, Path]],
) -> None:
    if not ocr.have_ocr():
        pytest.skip("the OCR extra is not installed")
    name, truth, _pdf, sand = next(p for p in pairs if p[0].startswith("random1-2021"))
    s = score(truth, parse(sand))
    assert s.wrong == 0 and s.right >= 170, (name, s.right, s.blank)
