"""Pages turned: a page's /Rotate, and contents drawn turned by their matrix.

A scanner or a PDF merging tool puts a landscape table into a portrait page: its contents
drawn turned a quarter (the matrix of a form holding the page), and the page's /Rotate
set so that a viewer shows it upright; or the /Rotate alone set on a page. A person reads
the turned view; so must the reader (or refuse it with a warning), never read it wrong.
The /Rotate alone turns nothing the reader reads (its contents are drawn upright); on the
code before these tests, contents drawn turned were refused whole ("none of the report's
tables found"): each character's box stood on its side, each table's text a column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from filled_pdfs import Printed, filled_pdfs
from producers import score
from zfxxgk import AnnualReport, parse
from zfxxgk.workbook.fill import as_filled

pdfium = pytest.importorskip("pypdfium2")

#: How a page is turned: (quarter turns its contents are drawn turned counterclockwise,
#: the page's /Rotate in degrees clockwise).
TURNS = ((0, 90), (1, 0), (1, 270), (3, 90), (2, 0))


def turned(source: Path, target: Path, quarters: int, rotate: int) -> Path:
    """The PDF with each page's contents drawn turned (as a form, by its matrix) on a
    page of the turned size, and the page's /Rotate set."""
    src = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    for i in range(len(src)):
        w, h = src[i].get_size()
        form = src.page_as_xobject(i, out).as_pageobject()
        m = pdfium.PdfMatrix()
        if quarters == 1:
            m, size = m.rotate(90, ccw=True).translate(h, 0), (h, w)
        elif quarters == 3:
            m, size = m.rotate(90, ccw=False).translate(0, w), (h, w)
        elif quarters == 2:
            m, size = m.rotate(180).translate(w, h), (w, h)
        else:
            size = (w, h)
        form.transform(m)
        page = out.new_page(*size)
        page.insert_obj(form)
        page.gen_content()
        if rotate:
            page.set_rotation(rotate)
    out.save(target)
    src.close()
    out.close()
    return target


@pytest.fixture(scope="session")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, AnnualReport, Path]]:
    """The filled templates' PDFs (template setup), each turned every way."""
    printed: Printed = filled_pdfs(tmp_path_factory.mktemp("filled-template"))
    folder = tmp_path_factory.mktemp("turned")
    out = []
    for label, report, pdf in printed:
        if not label.endswith("/template"):
            continue
        for quarters, rotate in TURNS:
            name = f"{pdf.stem}-{quarters}-{rotate}.pdf"
            path = turned(pdf, folder / name, quarters, rotate)
            out.append((f"{label}/{quarters}/{rotate}", report, path))
    return out


def test_turned_pages_read_as_upright_ones(pages: list[tuple[str, AnnualReport, Path]]) -> None:
    upright: dict[str, tuple[int, int]] = {}
    wrong = {}
    for label, report, pdf in pages:
        s = score(as_filled(report), parse(pdf))
        if s.wrong:
            wrong[label] = s.wrong_cells[:3]
        name = label.rsplit("/", 2)[0]
        # every way of turning reads the same cells
        assert upright.setdefault(name, (s.right, s.blank)) == (s.right, s.blank), label
    assert not wrong, wrong
    right = sum(r for r, _ in upright.values())
    blank = sum(b for _, b in upright.values())
    assert right >= 0.92 * (right + blank), (right, blank)


@pytest.fixture(scope="session")
def chromium_pages(
    tmp_path_factory: pytest.TempPathFactory,
) -> list[tuple[str, AnnualReport, Path]]:
    """Two random reports' ruled pages printed by chromium, each turned every way."""
    import random

    from pdf_producers import chromium, html, print_with_chromium
    from producers import random_report

    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    folder = tmp_path_factory.mktemp("turned-chromium")
    rng = random.Random(7)
    printed = []
    for edition in ("2019", "2021"):
        report = random_report(rng, edition)
        page = folder / f"{edition}.html"
        page.write_text(html(report), "utf-8")
        printed.append((edition, report, page, page.with_suffix(".pdf")))
    print_with_chromium([(page, pdf) for _, _, page, pdf in printed], exe)
    return [
        (f"{edition}/{q}/{r}", report, turned(pdf, folder / f"{edition}-{q}-{r}.pdf", q, r))
        for edition, report, _, pdf in printed
        for q, r in TURNS
    ]


def test_chromium_prints_turned_are_never_read_wrong(
    chromium_pages: list[tuple[str, AnnualReport, Path]],
) -> None:
    """pdfium gives the boxes of some of chromium's glyphs (一, 人, 行: fonts without an
    ascent) as if drawn upright, not turned with the form that holds them: those labels
    lose a character and their rows are missed, never read wrong."""
    wrong = {}
    for label, report, pdf in chromium_pages:
        s = score(report, parse(pdf))
        if s.wrong:
            wrong[label] = s.wrong_cells[:3]
    assert not wrong, wrong
