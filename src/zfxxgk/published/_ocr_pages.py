"""Scanned pages read by OCR: ruling lines and characters with their boxes, as plain data.

This module imports nothing of zfxxgk: it runs in a helper process (see
:mod:`zfxxgk.published.ocr`), bounded in time and memory like the PDF reader. pypdfium2
renders a PDF page (or Pillow opens a page image), OpenCV finds the ruling lines, and
RapidOCR's models (they ship inside the ``rapidocr-onnxruntime`` wheel: nothing is
downloaded) read the text with a box and a confidence for every character (see
``_ocr_text.py`` beside this file, loaded by its path).

The image is first made grey by the lightest of its channels, so that a red stamp over a
table fades out while black print stays (the coloured fringe a JPEG leaves round the
stamp becomes paper too); then straightened by the slope of its long horizontal lines.
Lines are kept only where they end on lines across them (a stroke of a character never
does); a line broken where it is faint or under the stamp is joined across the gap. They
are erased before OCR so that text boxes stop at them.

The answer, in points (1/72 inch) as a PDF's page objects are:
``("ok", {"char": [{"x0", "x1", "top", "bottom", "text", "conf"}, ...], "line": [{"x0",
"x1", "top", "bottom"}, ...], "dpi": d, "angle": a, "seconds": s})``, or
``("low-resolution", dpi)`` for a page scanned too coarsely to read, or
``("error", kind, detail)`` with kind ``damaged`` or ``too-large``.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The resolution a PDF page is rendered at for OCR (dots per inch).
RENDER_DPI = 200
#: The resolution a PDF page is rendered at to find its rules alone (a quarter of the
#: pixels: a rule's place is known to a third of a point).
RULES_DPI = 100
#: Scans coarser than this are not read (digits blur into one another).
MIN_DPI = 100
#: Images larger than this (pixels) are refused.
MAX_PIXELS = 60_000_000
#: An image without a resolution is taken as an A4 page this many inches wide.
A4_WIDTH_IN = 8.27
#: Grey levels this light or lighter are paper (a red stamp's lightest channel is lighter).
LIGHT = 200
#: A pixel whose channels differ by more than this is coloured (a stamp), not print.
COLOURED = 60
#: Under and round a stamp, grey levels this light or lighter are paper (the stamp's
#: fringe, where a JPEG's coarse colour darkens its lightest channel).
STAMP_LIGHT = 170
#: The longest stretch of a ruling line that may be too faint or hidden by a stamp to be
#: found as ink (inches), and grey levels darker than this are faint print.
GAP_IN = 0.6
FAINT = 240
#: Characters read at most on one page (their indices must fit in a plane of Unicode).
MAX_CHARS = 60_000

_ENGINE: Any = None


def _sibling(stem: str) -> Any:
    """A module beside this one (loaded by its path: this module runs as a helper's
    script, outside the package)."""
    name = f"_zfxxgk{stem}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{stem}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


def _text_reader() -> Any:
    """The module that reads the text (``_ocr_text.py``)."""
    return _sibling("_ocr_text")


def _engine() -> Any:
    global _ENGINE
    if _ENGINE is None:
        logging.getLogger("RapidOCR").setLevel(logging.CRITICAL)
        from rapidocr_onnxruntime import RapidOCR

        engine = RapidOCR(
            intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False, print_verbose=False
        )
        _sibling("_ocr_fused").rewrite_engine(engine)
        _ENGINE = engine
        logging.getLogger("RapidOCR").setLevel(logging.CRITICAL)
    return _ENGINE


def _grey(image: Any) -> tuple[Any, Any]:
    """The lightest channel of each pixel, levels stretched: black print stays, a red (or
    blue) stamp fades into the paper. What is coloured round a stamp's ink (the fringe a
    JPEG's coarse colour leaves, darker in every channel) becomes paper too, except where
    print under it is dark: a stamp's outline would otherwise join the ruling lines it
    crosses. Also the mask of where the stamp is (None on a page without colour)."""
    import cv2
    import numpy as np

    if image.ndim == 2:
        return _stretched(np.ascontiguousarray(image), LIGHT), None
    # OpenCV's per-pixel max and min: numpy's reductions over the channels cost ten times
    planes = [np.ascontiguousarray(image[:, :, k]) for k in range(3)]
    light = cv2.max(cv2.max(planes[0], planes[1]), planes[2])
    grey = _stretched(light, LIGHT)
    coloured = cv2.subtract(light, cv2.min(cv2.min(planes[0], planes[1]), planes[2])) > COLOURED
    if not coloured.any():
        return grey, None
    near = cv2.dilate(coloured.astype(np.uint8), np.ones((5, 5), np.uint8))
    grey[(near > 0) & (light >= STAMP_LIGHT)] = 255
    return grey, near


def _stretched(grey: Any, light: int) -> Any:
    import cv2
    import numpy as np

    # a level of ``light`` or more is paper (or what a stamp leaves of it)
    table = np.minimum(np.arange(256, dtype=np.uint16) * 255 // light, 255).astype(np.uint8)
    return cv2.LUT(grey, table)


def _ink(grey: Any, dpi: float) -> Any:
    import cv2

    block = max(int(dpi / 4) | 1, 15)
    return cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15
    )


def _skew(ink: Any, dpi: float) -> float:
    """The slope (degrees) of the long horizontal lines, 0 where there are none."""
    import cv2
    import numpy as np

    k = max(int(dpi / 4), 15)
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    slopes = []
    weights = []
    for i in range(1, n):
        x, y, w, h, _area = stats[i]
        if w < dpi or h > w / 10:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        if len(xs) < 2 or np.ptp(xs) == 0:
            continue
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        slopes.append(slope)
        weights.append(w)
    if not slopes:
        return 0.0
    order = np.argsort(slopes)
    cum = np.cumsum(np.asarray(weights, dtype=float)[order])
    median = float(np.asarray(slopes)[order][np.searchsorted(cum, cum[-1] / 2)])
    return float(np.degrees(np.arctan(median)))


def _rotate(grey: Any, angle: float, paper: int = 255) -> Any:
    import cv2

    h, w = grey.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        grey, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=paper
    )


Seg = tuple[float, float, float]


def _segments(mask: Any, horizontal: bool, dpi: float) -> list[Seg]:
    """The lines of a mask: (position, start, end) in pixels."""
    import cv2

    n, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    thick = dpi * 0.05
    out = []
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        if horizontal and h <= thick:
            out.append((y + h / 2, float(x), float(x + w)))
        elif not horizontal and w <= thick:
            out.append((x + w / 2, float(y), float(y + h)))
    return out


def _ends_on(
    seg: Seg, across: list[Seg], tol: float, seen: Callable[[float, float, float], bool]
) -> tuple[float, float] | None:
    """Where a line ends on lines across it (snapped there), or None where an end is free.
    An end short of a line across it reaches it where the stretch between is ``seen``."""
    pos, a, b = seg
    on = [c[0] for c in across if c[1] - tol <= pos <= c[2] + tol]
    start = min(on, key=lambda p: abs(p - a), default=None)
    end = min(on, key=lambda p: abs(p - b), default=None)
    if start is None or end is None:
        return None
    if abs(start - a) > tol and not (start < a and seen(pos, start, a)):
        return None
    if abs(end - b) > tol and not (end > b and seen(pos, b, end)):
        return None
    return (start, end) if end > start else None


def _seer(seen: Any, horizontal: bool, dpi: float) -> Callable[[float, float, float], bool]:
    """Whether a line at ``pos`` is still seen from ``lo`` to ``hi`` (along it): faint (a
    thin line broken by noise and JPEG) or hidden under a stamp, over most of the stretch,
    which is no longer than :data:`GAP_IN`."""

    def sees(pos: float, lo: float, hi: float) -> bool:
        if seen is None or not 0 < hi - lo <= dpi * GAP_IN:
            return False
        at, a, b = round(pos), round(lo), round(hi)
        near = seen[at - 1 : at + 2, a:b] if horizontal else seen[a:b, at - 1 : at + 2].T
        return bool(near.size and near.any(axis=0).mean() >= 0.6)

    return sees


def _bridged(segs: list[Seg], sees: Callable[[float, float, float], bool], dpi: float) -> list[Seg]:
    """Lines with the pieces of one line joined where it is still seen between them."""
    tol = max(dpi * 0.01, 2.0)
    out: list[Seg] = []
    for seg in sorted(segs, key=lambda s: (round(s[0] / tol), s[1])):
        if out:
            pos, a, b = out[-1]
            if abs(seg[0] - pos) <= tol and sees((pos + seg[0]) / 2, b, seg[1]):
                out[-1] = ((pos + seg[0]) / 2, a, max(b, seg[2]))
                continue
        out.append(seg)
    return out


def _rules(ink: Any, dpi: float, seen: Any = None) -> tuple[list[Seg], list[Seg], Any]:
    """Horizontal and vertical ruling lines (pixels), and the mask of their pixels;
    ``seen`` marks where a line may still be seen though too faint or hidden to be ink
    (see :func:`_bridged`)."""
    import cv2

    def rect(w: int, h: int) -> Any:
        return cv2.getStructuringElement(cv2.MORPH_RECT, (max(w, 1), max(h, 1)))

    gap = max(int(dpi * 0.03), 2)
    hmask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, rect(max(int(dpi * 0.3), 15), 1))
    hmask = cv2.morphologyEx(hmask, cv2.MORPH_CLOSE, rect(gap, 1))
    vmask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, rect(1, max(int(dpi * 0.2), 12)))
    vmask = cv2.morphologyEx(vmask, cv2.MORPH_CLOSE, rect(1, gap))
    along_h, along_v = _seer(seen, True, dpi), _seer(seen, False, dpi)
    hs = _bridged(_segments(hmask, True, dpi), along_h, dpi)
    vs = _bridged(_segments(vmask, False, dpi), along_v, dpi)
    tol = max(dpi * 0.04, 3.0)
    kept_v = []
    for v in vs:
        ends = _ends_on(v, hs, tol, along_v)
        if ends is not None:
            kept_v.append((v[0], *ends))
    kept_h = []
    for h in hs:
        ends = _ends_on(h, kept_v, tol, along_h)
        if ends is not None:
            kept_h.append((h[0], *ends))
    return kept_h, kept_v, cv2.dilate(hmask | vmask, rect(3, 3))


def page_rules(pixels: Any, dpi: float) -> tuple[Any, list[Seg], list[Seg], float]:
    """A page image made grey and straight, its ruling lines erased; its horizontal and
    vertical ruling lines (pixels) and the angle it was turned by (degrees)."""
    grey, stamp = _grey(pixels)
    ink = _ink(grey, dpi)
    angle = _skew(ink, dpi)
    if abs(angle) > 0.02:
        grey = _rotate(grey, angle)
        ink = _ink(grey, dpi)
        stamp = None if stamp is None else _rotate(stamp, angle, 0)
    seen = grey < FAINT
    if stamp is not None:
        seen |= stamp > 0
    hs, vs, lines = _rules(ink, dpi, seen)
    grey[lines > 0] = 255
    return grey, hs, vs, angle


def read_image(pixels: Any, dpi: float) -> tuple[Any, ...]:
    """One page image (an array, any channels) read: its rules and characters in points."""
    started = time.process_time()
    clean, hs, vs, angle = page_rules(pixels, dpi)
    scale = 72.0 / dpi
    chars = [
        {
            **c,
            "x0": c["x0"] * scale,
            "x1": c["x1"] * scale,
            "top": c["top"] * scale,
            "bottom": c["bottom"] * scale,
        }
        for c in _text_reader().read_text(_engine(), clean, dpi, hs, vs)
    ]
    if len(chars) > MAX_CHARS:
        return ("error", "too-large", f"over {MAX_CHARS} characters on a page")
    line_objects = [
        {"x0": a * scale, "x1": b * scale, "top": y * scale, "bottom": y * scale} for y, a, b in hs
    ] + [
        {"x0": x * scale, "x1": x * scale, "top": a * scale, "bottom": b * scale} for x, a, b in vs
    ]
    return (
        "ok",
        {
            "char": chars,
            "line": line_objects,
            "dpi": dpi,
            "angle": angle,
            "seconds": time.process_time() - started,
        },
    )


def _pdf_page(path: str, index: int) -> tuple[Any, ...]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        width = page.get_width()
        # the scan's own resolution: its largest image's pixels over its width on the page
        dpi = 0.0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, _bottom, right, _top = obj.get_bounds()
            px = obj.get_px_size()[0]
            if right - left > width / 3:
                dpi = max(dpi, px * 72.0 / (right - left))
        if 0 < dpi < MIN_DPI:
            return ("low-resolution", round(dpi))
        bitmap = page.render(scale=RENDER_DPI / 72.0)
        pixels = bitmap.to_numpy()
        return read_image(pixels, RENDER_DPI)
    finally:
        pdf.close()


def _pdf_rules(path: str, index: int) -> tuple[Any, ...]:
    """The ruling lines of a PDF page as it is drawn (a scan under its OCR's invisible
    text layer), in points, and the angle the page is turned by: no text is read."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        pixels = pdf[index].render(scale=RULES_DPI / 72.0).to_numpy()
    finally:
        pdf.close()
    _clean, hs, vs, angle = page_rules(pixels, RULES_DPI)
    scale = 72.0 / RULES_DPI
    lines = [
        {"x0": a * scale, "x1": b * scale, "top": y * scale, "bottom": y * scale} for y, a, b in hs
    ] + [
        {"x0": x * scale, "x1": x * scale, "top": a * scale, "bottom": b * scale} for x, a, b in vs
    ]
    return ("ok", {"line": lines, "angle": angle})


def _image(path: str, index: int) -> tuple[Any, ...]:
    import numpy as np
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with Image.open(path) as img:
        frame = next(f for k, f in enumerate(ImageSequence.Iterator(img)) if k == index)
        if frame.width * frame.height > MAX_PIXELS:
            return ("error", "too-large", f"{frame.width}×{frame.height} pixels")
        rgb = frame.convert("RGB")
        given = img.info.get("dpi")
        dpi = float(given[0]) if given and given[0] and float(given[0]) > 1 else 0.0
        if dpi <= 1 or dpi > 1200:
            dpi = min(rgb.width, rgb.height) / A4_WIDTH_IN
        if dpi < MIN_DPI:
            return ("low-resolution", round(dpi))
        return read_image(np.asarray(rgb), dpi)


def count_frames(path: str) -> tuple[Any, ...]:
    """How many pages an image file holds (a TIFF may hold several)."""
    try:
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        with Image.open(path) as img:
            return ("ok", int(getattr(img, "n_frames", 1)))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        return ("error", "damaged", f"{type(exc).__name__}: {exc}"[:300])


def read_page(path: str, kind: str, index: int) -> tuple[Any, ...]:
    """Page ``index`` of a PDF (``kind`` "pdf") or an image file ("image"), read by OCR,
    or only a PDF page's ruling lines ("pdf-rules"); ``("pages", n)`` for index -1 (how
    many pages the file holds)."""
    try:
        if index < 0:
            if kind == "pdf":
                import pypdfium2 as pdfium

                pdf = pdfium.PdfDocument(path)
                try:
                    return ("ok", len(pdf))
                finally:
                    pdf.close()
            return count_frames(path)
        if kind == "pdf-rules":
            return _pdf_rules(path, index)
        return _pdf_page(path, index) if kind == "pdf" else _image(path, index)
    except (KeyboardInterrupt, SystemExit):
        raise
    except ImportError as exc:
        return ("error", "no-ocr", str(exc))
    except MemoryError:
        return ("error", "too-large", "out of memory")
    except BaseException as exc:  # a damaged image raises almost anything
        return ("error", "damaged", f"{type(exc).__name__}: {exc}"[:300])
