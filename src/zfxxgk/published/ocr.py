"""Scanned PDFs and page images read by OCR (the optional extra ``zfxxgk[ocr]``).

A page without a text layer (or a .png, .jpg or .tif page image) is read in a helper
process bounded in time and memory (see :mod:`zfxxgk.published._ocr_pages`): its ruling
lines and its characters, each with a box and a confidence, come back as a PDF page's
objects do, and the same geometry as a PDF's text layer
(:func:`zfxxgk.published._pdf_layout.page_items`,
:func:`zfxxgk.published.pdf.source_from_pages`) lays them out on the tables' grids.

Each cell keeps the lowest confidence of its characters (``TextRow.confidence``; a
report's values carry it in their provenance). A cell with a digit read below
:data:`MIN_CONFIDENCE` is left blank with a warning: a wrong number is worse than none.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.notes import Note
from zfxxgk.published._pdf_layout import page_items
from zfxxgk.published._pdf_read import MAX_PAGES
from zfxxgk.published.pdf import MIN_CHARS, OCR_INSTALL, ScannedPdfError, source_from_pages
from zfxxgk.published.signatures import IMAGE_MAGIC
from zfxxgk.published.source import Source, SourceError
from zfxxgk.xlsx.helper import HelperDied, HelperProcess, HelperUnavailable, Settings, command

INSTALL = OCR_INSTALL
#: Seconds one page may take before the helper is stopped.
TIMEOUT = 300.0
#: Seconds the helper may take to start and say it is ready.
STARTUP_TIMEOUT = 60.0
#: The helper's address-space cap (bytes): the ONNX runtime maps much it never uses.
MEMORY_CAP = 6 * 1024**3
HELPER_COMMAND = command(Path(__file__).with_name("_ocr_pages.py"), "read_page")
#: A digit read with less confidence than this leaves its cell blank.
MIN_CONFIDENCE = 0.8
#: The page images read, by suffix.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
#: How image files begin (PNG, JPEG, TIFF little- and big-endian).
#: Characters OCR reads for a look-alike of the report's punctuation.
_LOOKALIKES = str.maketrans({"丶": "、"})
#: The first code point of the private plane that traces characters through the layout.
_TRACE = 0xF0000


class _Helper(HelperProcess):
    def settings(self) -> Settings:
        return Settings(HELPER_COMMAND, TIMEOUT, STARTUP_TIMEOUT, MEMORY_CAP)


_HELPER_PROCESS = _Helper()
atexit.register(_HELPER_PROCESS.stop)


@functools.cache
def have_ocr() -> bool:
    """Whether the OCR extra is installed."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("rapidocr_onnxruntime", "pypdfium2", "cv2")
    )


def is_image(data: bytes, name: str) -> bool:
    """Whether a file is a page image, by its first bytes or else its name."""
    return data.startswith(IMAGE_MAGIC) or Path(name).suffix.lower() in IMAGE_SUFFIXES


def scanned_error(name: str) -> ScannedPdfError:
    """The error for a PDF whose table pages are images that cannot be read."""
    if have_ocr():  # pages left unread are those scanned too coarsely
        from zfxxgk.published._ocr_pages import MIN_DPI

        return ScannedPdfError.of("scanned-pdf-coarse", file=name, dpi=MIN_DPI)
    return ScannedPdfError.of("scanned-pdf-needs-ocr", file=name, install=INSTALL)


def _call(path: Path, kind: str, index: int, name: str) -> tuple[Any, ...]:
    """One page read by OCR in the helper (or here where no helper can run)."""
    from zfxxgk.published import _ocr_pages

    try:
        answer: tuple[Any, ...] = _HELPER_PROCESS.call(os.path.abspath(path), kind, index)
    except HelperUnavailable:
        answer = _ocr_pages.read_page(os.path.abspath(path), kind, index)
    except HelperDied as exc:
        raise SourceError.of("ocr-crashed", file=name, page=index + 1, why=str(exc)) from None
    if answer[0] != "error":
        return answer
    kind_, detail = answer[1], answer[2]
    if kind_ == "no-ocr":
        raise _missing_extra(name)
    if kind_ == "too-large":
        raise SourceError.of("image-too-large", file=name, detail=detail)
    raise SourceError.of("image-damaged", file=name, detail=detail)


def _missing_extra(name: str) -> SourceError:
    return SourceError.of("ocr-extra-missing", file=name, install=INSTALL)


class _Read(str):
    """A cell's text as OCR read it, with its lowest confidence (traced through the
    layout of :func:`source_from_pages`, which moves cells but never rewrites values)."""

    confidence: float | None = None


def _read(text: str, confidence: float | None) -> _Read:
    out = _Read(text)
    out.confidence = confidence
    return out


@attrs.define
class _Page:
    """One page read by OCR, made a page of ``read_pdf``'s answer."""

    number: int
    notes: list[Note]
    confidences: list[float] = attrs.field(factory=list)

    def cell(self, text: str, traced: str, chars: list[dict[str, Any]]) -> _Read:
        """A cell (or a run of text) with its confidence, blank where a digit is unsure."""
        confs = [chars[ord(c) - _TRACE] for c in traced if ord(c) >= _TRACE]
        if not confs:
            return _read(text, None)
        self.confidences.extend(c["conf"] for c in confs)
        low = min(c["conf"] for c in confs)
        unsure = [c for c in confs if c["text"].isdigit() and c["conf"] < MIN_CONFIDENCE]
        if unsure:
            worst = min(c["conf"] for c in unsure)
            params = {"text": text, "confidence": f"{worst:.2f}", "page": self.number}
            self.notes.append(Note("ocr-unsure-digit", cell=f"第{self.number}页", params=params))
            return _read("", worst)
        return _read(text.translate(_LOOKALIKES), low)

    def layout(self, objects: dict[str, Any]) -> dict[str, Any]:
        """The page's items, each cell and run of text carrying its confidence."""
        chars: list[dict[str, Any]] = objects["char"]
        lines = objects["line"]
        items = page_items({"char": chars, "line": lines})
        traced = [{**c, "text": chr(_TRACE + i)} for i, c in enumerate(chars)]
        tracks = _matched(items, page_items({"char": traced, "line": lines}), chars)
        out: list[tuple[Any, ...]] = []
        for item, track in zip(items, tracks, strict=True):
            if item[0] == "text":
                runs = [
                    (x0, x1, self.cell(text, t[2], chars))
                    for (x0, x1, text), t in zip(item[2], track[2], strict=True)
                ]
                runs = [r for r in runs if r[2]]  # an unsure number leaves the line
                if runs:
                    out.append(("text", item[1], runs))
            else:
                rows = [
                    [self.cell(text, t, chars) for text, t in zip(row, trow, strict=True)]
                    for row, trow in zip(item[2], track[2], strict=True)
                ]
                out.append(("table", item[1], rows, *item[3:]))
        return {"items": out, "chars": len(chars), "images": 0}


def _matched(
    items: list[tuple[Any, ...]], tracks: list[tuple[Any, ...]], chars: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """The traced page's items where it was laid out as the page was. Where the layout
    read the characters' text (a header split by the labels it knows, a title's runs) and
    laid an item of the traced page out otherwise, that item's cells are each as sure as
    the least sure reading on the page of any of their characters (never surer than they
    are); the other items keep their own characters' confidences, where the items are
    the same in number, kind and place."""
    if _same_shape(items, tracks):
        return tracks
    by_text = _traced_by_text(items, chars)
    if len(items) != len(tracks) or any(
        a[0] != b[0] or a[1] != b[1] for a, b in zip(items, tracks, strict=True)
    ):
        return by_text
    return [
        track if _same_shape([item], [track]) else guess
        for item, track, guess in zip(items, tracks, by_text, strict=True)
    ]


def _same_shape(items: list[tuple[Any, ...]], tracks: list[tuple[Any, ...]]) -> bool:
    """Whether the traced page was laid out into the same items, runs, rows and cells."""
    if len(items) != len(tracks):
        return False
    for item, track in zip(items, tracks, strict=True):
        if item[0] != track[0] or len(item[2]) != len(track[2]):
            return False
        if item[0] != "text" and any(
            len(row) != len(trow) for row, trow in zip(item[2], track[2], strict=True)
        ):
            return False
    return True


def _traced_by_text(
    items: list[tuple[Any, ...]], chars: list[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Tracks for ``items`` made from the text: each character of a cell stands for the
    least sure character of the page that reads the same."""
    least: dict[str, int] = {}
    for i, c in enumerate(chars):
        for ch in c["text"]:
            if ch not in least or c["conf"] < chars[least[ch]]["conf"]:
                least[ch] = i

    def trace(text: str) -> str:
        return "".join(chr(_TRACE + least[ch]) if ch in least else ch for ch in text)

    out: list[tuple[Any, ...]] = []
    for item in items:
        if item[0] == "text":
            out.append(("text", item[1], [(x0, x1, trace(s)) for x0, x1, s in item[2]]))
        else:
            out.append(("table", item[1], [[trace(s) for s in row] for row in item[2]]))
    return out


def _plain(source: Source, kind: str, notes: list[Note]) -> Source:
    """The source with plain strings, each row's confidences beside its cells."""
    rows = []
    for row in source.rows:
        confs = tuple(getattr(c, "confidence", None) for c in row.cells)
        cells = tuple(str(c) for c in row.cells)
        known = confs if any(c is not None for c in confs) else None
        rows.append(attrs.evolve(row, cells=cells, confidence=known))
    return attrs.evolve(source, kind=kind, rows=tuple(rows), notes=(*source.notes, *notes))


def _used(pages: list[_Page], name: str) -> Note:
    confs = [c for p in pages for c in p.confidences]
    params = {
        "pages": "、".join(str(p.number) for p in pages),
        "mean": f"{sum(confs) / len(confs):.3f}" if confs else "-",
        "min": f"{min(confs):.3f}" if confs else "-",
    }
    return Note("ocr-used", file=name, params=params)


def scanned_pdf_source(path: Path, pages: list[dict[str, Any]], name: str) -> Source:
    """A PDF's rows where the pages without a text layer are read by OCR.

    A page scanned too coarsely stays unread (the scanned-PDF error follows where the
    tables are on it).
    """
    read: list[_Page] = []
    notes: list[Note] = []
    out = list(pages)
    for i, page in enumerate(pages):
        if page["chars"] >= MIN_CHARS or page["images"] == 0:
            continue
        answer = _call(path, "pdf", i, name)
        if answer[0] == "ok":
            reader = _Page(i + 1, notes)
            out[i] = reader.layout(answer[1])
            read.append(reader)
    try:
        source = source_from_pages(out, name)
    except ScannedPdfError:  # the pages OCR could not read were scanned too coarsely
        raise scanned_error(name) from None
    return _plain(source, source.kind, [_used(read, name), *notes] if read else notes)


#: A scan turned by more than this (degrees) has its rules found on the image turned
#: straight: they no longer stand where its text layer's characters do.
STRAIGHT = 0.02


def ruled_by_image(path: Path, pages: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The pages with each scan under its OCR's text layer (``scan_chars``: a sandwich
    PDF, whose table rules are in the image, not drawn) laid out again: its characters
    on the ruling lines found in the image (no text is read by OCR). A page whose
    lines are not found, or that stands turned, keeps its lines of text."""
    out = list(pages)
    for i, page in enumerate(pages):
        chars = page.get("scan_chars")
        if not chars:
            continue
        answer = _call(path, "pdf-rules", i, name)
        if answer[0] != "ok" or abs(answer[1]["angle"]) > STRAIGHT or not answer[1]["line"]:
            continue
        items = page_items({"char": chars, "line": answer[1]["line"]})
        out[i] = {**page, "items": items}
    return out


def ocr_source(path: Path, data: bytes | None = None) -> Source:
    """A page image (.png, .jpg, .tif; a TIFF's every page) as rows, read by OCR.

    Raises:
        SourceError: the OCR extra is missing, or the image is damaged, too large, too
            coarse to read, or its reading crashed or took too long.
    """
    name = str(path)
    if not have_ocr():
        raise _missing_extra(name)
    if data is None:
        return _image_source(path, name)
    with tempfile.TemporaryDirectory(prefix="zfxxgk-") as tmp:
        copy = Path(tmp) / f"input{Path(name).suffix.lower() or '.img'}"
        copy.write_bytes(data)
        return _image_source(copy, name)


def _image_source(path: Path, name: str) -> Source:
    count = int(_call(path, "image", -1, name)[1])
    if count > MAX_PAGES:
        raise SourceError.of("image-too-many-pages", file=name, count=count)
    notes: list[Note] = []
    read: list[_Page] = []
    pages = []
    for i in range(count):
        answer = _call(path, "image", i, name)
        if answer[0] == "low-resolution":
            from zfxxgk.published._ocr_pages import MIN_DPI

            raise SourceError.of("image-too-coarse", file=name, dpi=answer[1], least=MIN_DPI)
        reader = _Page(i + 1, notes)
        pages.append(reader.layout(answer[1]))
        read.append(reader)
    source = source_from_pages(pages, name)
    return _plain(source, "image", [_used(read, name), *notes])
