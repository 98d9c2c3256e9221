"""OCR of scanned reports (``zfxxgk[ocr]``): cells right / blank / wrong, confidence and
seconds per page, for each resolution and degradation.

The samples' tables are printed to PDF by LibreOffice, rasterised at 150, 200 and 300 dpi
and then either kept clean or degraded as a photocopy is (rotated within ±0.5°, grey
noise, JPEG at quality 70, a red seal over part of the first table); each scan is parsed
as a PDF without a text layer. Seconds are CPU seconds of this process per page with the
OCR read in process (one ONNX thread: one core), so that other load on the machine does
not count; wall seconds are shown beside.

Usage: python benchmarks/bench_ocr.py [SAMPLE ...]   (default: all three samples)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import scans  # noqa: E402
import zfxxgk  # noqa: E402
from zfxxgk.core.model import CellSource  # noqa: E402
from zfxxgk.published import ocr  # noqa: E402

NAMES = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")


def main(names: list[str]) -> None:
    ocr._HELPER_PROCESS.unavailable_in = os.getpid()  # read here: its CPU time is ours
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        "sample                 dpi  scan      cells right blank wrong  conf(mean/min)  "
        "cpu s/page  wall s/page"
    )
    total = {"cells": 0, "right": 0, "blank": 0, "wrong": 0}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdfs = scans.printed(names, folder)
        for name in names:
            for dpi in (150, 200, 300):
                for kind in ("clean", "degraded"):
                    path = folder / f"{name}-{dpi}-{kind}.pdf"
                    if kind == "clean":
                        pages = scans.rasterise(pdfs[name], dpi)
                        scans.as_pdf(pages, path, dpi)
                    else:
                        _, pages = scans.scanned(pdfs[name], path, dpi, seed=dpi)
                    cpu, wall = time.process_time(), time.perf_counter()
                    result = zfxxgk.parse(path)
                    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                    s = scans.score(name, result.report)
                    for k in total:
                        total[k] += s[k]
                    prov = result.report.provenance
                    confs = [
                        c.confidence
                        for c in (prov.cells.values() if prov else ())
                        if isinstance(c, CellSource) and c.confidence is not None
                    ]
                    mean = statistics.fmean(confs) if confs else float("nan")
                    low = min(confs) if confs else float("nan")
                    print(
                        f"{name:22} {dpi:3}  {kind:8} {s['cells']:5} {s['right']:5} "
                        f"{s['blank']:5} {s['wrong']:5}  {mean:.3f}/{low:.3f}     "
                        f"{cpu / len(pages):6.2f}      {wall / len(pages):6.2f}",
                        flush=True,
                    )
    n = total["cells"]
    print(
        f"load average at the end: {os.getloadavg()[0]:.1f} (1 min), "
        f"{os.getloadavg()[2]:.1f} (15 min)"
    )
    print(
        f"all: {n} cells, right {total['right'] / n:.2%}, blank {total['blank'] / n:.2%}, "
        f"wrong {total['wrong'] / n:.2%}"
    )


if __name__ == "__main__":
    main(sys.argv[1:] or list(NAMES))
