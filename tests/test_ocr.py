"""Scanned reports read by OCR (``zfxxgk[ocr]``): never a wrong number.

The scans are made here (tests/scans.py): a sample's tables printed by LibreOffice,
rasterised, rotated within ±0.5°, grey noise, JPEG, a red seal over part of a table; as a
PDF without a text layer and as page images. Each is parsed once per session; the OCR
answers are kept, so the invariant "a digit read with low confidence leaves its cell
blank, never another number" is tested on them again without OCR.
"""

from __future__ import annotations

import io
import os
import random
from pathlib import Path
from typing import Any

import pytest

import scans
from zfxxgk import parse
from zfxxgk.core.model import CellSource
from zfxxgk.errors import ZfxxgkError
from zfxxgk.published import ocr

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("pypdfium2")

PDF_SAMPLE = "2024-hongze-district"
IMAGE_SAMPLE = "2019-pingtan"


class Scan:
    """A scan parsed once, with the OCR answers of its pages."""

    def __init__(self, name: str, path: Path) -> None:
        self.name, self.path = name, path
        self.answers: dict[tuple[str, int], tuple[Any, ...]] = {}
        real = ocr._call

        def recording(p: Path, kind: str, index: int, label: str) -> tuple[Any, ...]:
            answer = real(p, kind, index, label)
            self.answers[(kind, index)] = answer
            return answer

        ocr._call = recording  # type: ignore[assignment]
        try:
            self.result = parse(path)
        finally:
            ocr._call = real  # type: ignore[assignment]


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    try:
        return scans.printed([PDF_SAMPLE, IMAGE_SAMPLE], tmp_path_factory.mktemp("ocr-print"))
    except FileNotFoundError:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")


@pytest.fixture(scope="session")
def scanned_pdf(printed: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Scan:
    """The hongze sample scanned at 200 dpi: a PDF of two degraded page images."""
    path = tmp_path_factory.mktemp("ocr-pdf") / "scan.pdf"
    scans.scanned(printed[PDF_SAMPLE], path, 200, seed=7)
    return Scan(PDF_SAMPLE, path)


@pytest.fixture(scope="session")
def scanned_tiff(printed: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Scan:
    """The pingtan sample scanned at 150 dpi, its pages in one TIFF (a fax's format)."""
    folder = tmp_path_factory.mktemp("ocr-tiff")
    _, pages = scans.scanned(printed[IMAGE_SAMPLE], folder / "scan.pdf", 150, seed=11)
    path = folder / "scan.tif"
    pages = [p.copy() for p in pages]  # saving the PDF left its settings on them
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(150, 150))
    return Scan(IMAGE_SAMPLE, path)


def assert_read(scan: Scan) -> dict[str, int]:
    s = scans.score(scan.name, scan.result.report)
    assert s["right"] >= 0.98 * s["cells"], s
    assert s["wrong"] <= 0.005 * s["cells"], s
    return s


class TestScannedPdf:
    def test_cells_right_and_none_wrong(self, scanned_pdf: Scan) -> None:
        assert_read(scanned_pdf)
        assert scanned_pdf.result.kind == "pdf"

    def test_ocr_is_noted_with_its_pages(self, scanned_pdf: Scan) -> None:
        used = [n for n in scanned_pdf.result.notes if n.code == "ocr-used"]
        assert len(used) == 1 and used[0].params["pages"] == "1、2"

    def test_each_value_carries_its_confidence(self, scanned_pdf: Scan) -> None:
        report = scanned_pdf.result.report
        assert report.provenance is not None
        for f, value in report.items():
            if value is None or f.path not in report.provenance.cells:
                continue
            src = report.provenance.cells[f.path]
            assert isinstance(src, CellSource)
            assert src.confidence is not None and ocr.MIN_CONFIDENCE <= src.confidence <= 1

    def test_a_page_with_text_is_not_ocred(self, scanned_pdf: Scan) -> None:
        """Only pages without a text layer go to OCR (the real sample has text)."""
        result = parse(Path(__file__).parent / "data" / "samples" / "2024-hongze-district.pdf")
        assert not [n for n in result.notes if n.code == "ocr-used"]
        assert all(
            getattr(src, "confidence", None) is None
            for src in result.report.provenance.cells.values()  # type: ignore[union-attr]
        )


def test_text_pages_kept_scanned_pages_ocred(
    scanned_pdf: Scan, printed: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF whose first page has its text layer and whose second is a scan: only the
    second goes to OCR (its answer replayed), and the tables read whole over the break."""
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(pdfium.PdfDocument(str(printed[PDF_SAMPLE])), [0])
    mixed.import_pages(pdfium.PdfDocument(str(scanned_pdf.path)), [1])
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    replay(monkeypatch, {("pdf", 1): scanned_pdf.answers[("pdf", 1)]})
    result = parse(path)
    assert [n.params["pages"] for n in result.notes if n.code == "ocr-used"] == ["2"]
    s = scans.score(PDF_SAMPLE, result.report)
    assert s["wrong"] == 0 and s["right"] >= 0.98 * s["cells"], s


class TestPageImages:
    def test_tiff_pages(self, scanned_tiff: Scan) -> None:
        assert_read(scanned_tiff)
        assert scanned_tiff.result.kind == "image"
        assert scanned_tiff.answers.keys() == {("image", -1), ("image", 0), ("image", 1)}

    def test_png_from_bytes(self, scanned_tiff: Scan, monkeypatch: pytest.MonkeyPatch) -> None:
        """A PNG given as bytes with a name (as a worker gets it) is read as an image;
        the OCR answers are replayed (the pixels are the TIFF's first page)."""
        from PIL import Image

        with Image.open(scanned_tiff.path) as img:
            buf = io.BytesIO()
            img.save(buf, format="PNG", dpi=(150, 150))
        replay(
            monkeypatch,
            {("image", -1): ("ok", 1), ("image", 0): scanned_tiff.answers[("image", 0)]},
        )
        result = parse("page.png", data=buf.getvalue())
        assert result.kind == "image"
        assert result.report.get(("applications", "new_received", "total")) == scans.sample(
            IMAGE_SAMPLE
        ).get(("applications", "new_received", "total"))


def replay(monkeypatch: pytest.MonkeyPatch, answers: dict[tuple[str, int], Any]) -> None:
    monkeypatch.setattr(ocr, "_call", lambda _p, kind, index, _n: answers[(kind, index)])


def lowered(answer: tuple[Any, ...], rnd: random.Random, share: float) -> tuple[Any, ...]:
    """An OCR answer with some digits read with low confidence."""
    chars = [
        {**c, "conf": rnd.uniform(0.3, ocr.MIN_CONFIDENCE - 0.01)}
        if c["text"].isdigit() and rnd.random() < share
        else c
        for c in answer[1]["char"]
    ]
    return ("ok", {**answer[1], "char": chars})


@pytest.mark.parametrize("seed", range(4))
def test_unsure_digits_leave_cells_blank_never_wrong(
    scanned_pdf: Scan, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Digits read with low confidence (a random share of them): their cells are blank,
    with warnings; no cell is wrong."""
    rnd = random.Random(seed)
    answers = {k: lowered(a, rnd, 0.1) for k, a in scanned_pdf.answers.items()}
    replay(monkeypatch, answers)
    result = parse(scanned_pdf.path)
    s = scans.score(PDF_SAMPLE, result.report)
    unsure = [w for w in result.warnings if w.code == "ocr-unsure-digit"]
    assert s["wrong"] == 0, s
    assert s["blank"] > 0 and unsure, (s, [w.code for w in result.warnings])


class TestWithoutTheExtra:
    def test_scanned_pdf_names_the_extra(
        self, scanned_pdf: Scan, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(ocr, "have_ocr", lambda: False)
        with pytest.raises(ZfxxgkError) as err:
            parse(scanned_pdf.path)
        assert "pip install 'zfxxgk[ocr]'" in str(err.value)
        assert err.value.slug == "scanned-pdf"

    def test_page_image_names_the_extra(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from PIL import Image

        path = tmp_path / "page.jpg"
        Image.new("RGB", (1654, 2339), "white").save(path, dpi=(200, 200))
        monkeypatch.setattr(ocr, "have_ocr", lambda: False)
        with pytest.raises(ZfxxgkError) as err:
            parse(path)
        assert "pip install 'zfxxgk[ocr]'" in str(err.value)


def test_a_coarse_image_is_refused(tmp_path: Path) -> None:
    """A page scanned at 60 dpi: refused with our error, never read."""
    from PIL import Image

    path = tmp_path / "coarse.png"
    Image.new("RGB", (496, 702), "white").save(path, dpi=(60, 60))
    with pytest.raises(ZfxxgkError) as caught:
        parse(path)
    assert caught.value.code == "image-too-coarse"


def test_a_damaged_image_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(ZfxxgkError):
        parse(path)
