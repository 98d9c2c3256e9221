"""Scans made here: a sample report printed by LibreOffice, rasterised and degraded as a
photocopier and a stamp degrade it, and the score of what OCR read back.

Used by tests/test_ocr.py and benchmarks/bench_ocr.py. Nothing is downloaded.
"""

from __future__ import annotations

import io
import math
import random
import shutil
from pathlib import Path
from typing import Any

from lo_convert import convert
from zfxxgk import AnnualReport
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Kind
from zfxxgk.published.render import render_report

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"


def sample(name: str) -> AnnualReport:
    return AnnualReport.from_json((SAMPLES / f"{name}.json").read_bytes())


def printed(names: list[str], folder: Path) -> dict[str, Path]:
    """Each sample's tables as a Word document, printed to PDF by LibreOffice (one run,
    a private profile)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise FileNotFoundError("soffice")
    docs = [render_report(sample(n), folder / f"{n}.docx").path for n in names]
    convert(exe, docs, folder, timeout=240)
    return {n: folder / f"{n}.pdf" for n in names}


def rasterise(pdf: Path, dpi: int) -> list[Any]:
    """The PDF's pages as RGB images at ``dpi``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def stamp(image: Any, seed: int) -> Any:
    """A red round seal (ring, star and text-like marks) over part of the first table."""
    from PIL import ImageDraw

    rnd = random.Random(seed)
    out = image.copy()
    layer = out.copy()
    draw = ImageDraw.Draw(layer)
    w, h = out.size
    r = int(w * 0.11)
    cx, cy = int(w * rnd.uniform(0.45, 0.7)), int(h * rnd.uniform(0.3, 0.55))
    red = (215, 35, 40)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(r // 14, 3))
    star = [
        (
            cx + (r * 0.35 if k % 2 == 0 else r * 0.14) * math.sin(k * math.pi / 5),
            cy - (r * 0.35 if k % 2 == 0 else r * 0.14) * math.cos(k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    for k in range(14):  # the seal's lettering round its rim
        a = math.pi * (0.8 + 1.4 * k / 13)
        x, y = cx + r * 0.72 * math.cos(a), cy + r * 0.72 * math.sin(a)
        draw.rectangle((x - r * 0.06, y - r * 0.06, x + r * 0.06, y + r * 0.06), fill=red)
    # ink is translucent: multiply the seal over the print
    from PIL import ImageChops

    return ImageChops.multiply(out, layer)


def degrade(image: Any, seed: int, *, angle: float, noise: float, quality: int) -> Any:
    """A photocopy: rotated by ``angle`` degrees, grey noise of ``noise`` levels, JPEG."""
    import numpy as np
    from PIL import Image

    rotated = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    pixels = np.asarray(rotated).astype(np.int16)
    grain = np.random.default_rng(seed).normal(0, noise, pixels.shape[:2])[..., None]
    noisy = Image.fromarray(np.clip(pixels + grain, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    noisy.save(buf, format="JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf).convert("RGB")
    out.info = {}  # the JPEG's own tags are no page's
    return out


def as_pdf(images: list[Any], path: Path, dpi: int) -> Path:
    """Images as a PDF without a text layer (one page each, at ``dpi``)."""
    images[0].save(path, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def scanned(
    pdf: Path, out: Path, dpi: int, seed: int, *, angle: float | None = None
) -> tuple[Path, list[Any]]:
    """A scan of ``pdf``: each page rotated within ±0.5° (or by ``angle``), noisy, JPEG,
    a red seal on the first page; as a PDF of images and as the page images."""
    rnd = random.Random(seed)
    pages = []
    for k, page in enumerate(rasterise(pdf, dpi)):
        if k == 0:
            page = stamp(page, seed)
        tilt = angle if angle is not None else rnd.uniform(-0.5, 0.5)
        pages.append(degrade(page, seed + k, angle=tilt, noise=12.0, quality=70))
    return as_pdf(pages, out, dpi), pages


def truth(name: str) -> dict[tuple[str, str, str], Any]:
    """What the printed tables show: every value with a cell (units aside)."""
    report = sample(name)
    cells = all_fields(report.layout)
    return {
        f.path: v
        for f, v in report.items()
        if f.path in cells and f.kind is not Kind.UNIT and v is not None
    }


def score(name: str, report: AnnualReport) -> dict[str, int]:
    """Cells right, blank and wrong against the sample's truth (and values read where the
    truth has none, counted wrong)."""
    want = truth(name)
    right = blank = wrong = 0
    for path, value in want.items():
        got = report.get(path)
        if got is None:
            blank += 1
        elif got == value:
            right += 1
        else:
            wrong += 1
    cells = all_fields(report.layout)
    extra = sum(
        1
        for f, v in report.items()
        if v is not None and f.path in cells and f.kind is not Kind.UNIT and f.path not in want
    )
    return {"cells": len(want), "right": right, "blank": blank, "wrong": wrong + extra}
