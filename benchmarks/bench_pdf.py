"""Time to parse a published PDF report against pypdfium2's own extraction of it.

For each file, alternating runs of

- ``zfxxgk.parse(file)``: the whole parse (the helper reads the characters and rules with
  pdfium and lays out the cells; then discovery, alignment and the checks), CPU time of
  this process and of the helper (what one free core takes);
- pypdfium2's own extraction of the same file with its public API: every character's
  text and box (``PdfTextPage.get_text_range``, ``get_charbox``) and every page object
  with its bounds (``PdfPage.get_objects``, ``get_bounds``), in this process;

and the ratio of their medians (the target: at most 3). Files: the real five-page sample
(made in WPS) and PDFs printed by LibreOffice from Word renditions of it, with 6 and 120
paragraphs of body text before the tables (5 and about 14 pages).

Usage: python benchmarks/bench_pdf.py [RUNS]   (default 20)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

import zfxxgk
from zfxxgk.published import pdf as pdf_reader

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "tests" / "data" / "samples"


def libreoffice_pdfs(folder: Path) -> list[Path]:
    """The hongze sample as Word documents printed to PDF by LibreOffice, if installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return []
    sys.path.insert(0, str(HERE.parent / "tests"))
    from test_pdf import write_docx

    report = zfxxgk.AnnualReport.from_json((SAMPLES / "2024-hongze-district.json").read_bytes())
    docs = [write_docx(report, folder / f"lo-hongze-{n}.docx", n) for n in (6, 120)]
    subprocess.run(
        [
            exe,
            "--headless",
            f"-env:UserInstallation=file://{folder / 'lo'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [d.with_suffix(".pdf") for d in docs]


def helper_cpu() -> float:
    """CPU seconds the PDF helper process has used (Linux; 0 elsewhere)."""
    proc = pdf_reader._HELPER_PROCESS.proc
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (AttributeError, OSError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pdfium_extraction(path: Path) -> int:
    """pypdfium2's own extraction: every character's text and box, every object's bounds."""
    n = 0
    doc = pdfium.PdfDocument(str(path))
    for page in doc:
        text = page.get_textpage()
        for i in range(text.count_chars()):
            text.get_text_range(i, 1)
            text.get_charbox(i, loose=True)
            n += 1
        for obj in page.get_objects(max_depth=15):
            obj.get_bounds()
            n += 1
        text.close()
        page.close()
    doc.close()
    return n


def per_file(path: Path, runs: int) -> tuple[float, float, float, float, int]:
    """Median CPU seconds of parse (this process and the helper) and of pypdfium2's
    extraction, alternating, their median wall seconds, and the page count."""
    ours, theirs, ours_wall, theirs_wall = [], [], [], []
    for _ in range(runs):
        c, h, w = time.process_time(), helper_cpu(), time.perf_counter()
        zfxxgk.parse(path)
        ours_wall.append(time.perf_counter() - w)
        ours.append(time.process_time() - c + helper_cpu() - h)
        c, w = time.process_time(), time.perf_counter()
        pdfium_extraction(path)
        theirs_wall.append(time.perf_counter() - w)
        theirs.append(time.process_time() - c)
    pages = len(pdf_reader.read_pages(path, str(path)))
    median = statistics.median
    return median(ours), median(theirs), median(ours_wall), median(theirs_wall), pages


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    if hasattr(os, "sched_setaffinity"):  # one core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    t = time.perf_counter()
    zfxxgk.parse(SAMPLES / "2024-hongze-district.pdf")
    print(f"first file, helper start included: {(time.perf_counter() - t) * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        files = [SAMPLES / "2024-hongze-district.pdf", *libreoffice_pdfs(Path(tmp))]
        print(
            f"{'file':26} {'pages':>5} {'parse CPU':>10} {'pypdfium2':>10} {'ratio':>6}"
            f" {'parse wall':>11} {'pypdfium2':>10}"
        )
        for f in files:
            ours, theirs, wall, theirs_wall, pages = per_file(f, runs)
            print(
                f"{f.name:26} {pages:5d} {ours * 1000:8.0f}ms {theirs * 1000:8.0f}ms "
                f"{ours / theirs:6.2f} {wall * 1000:9.0f}ms {theirs_wall * 1000:8.0f}ms"
            )
    print("target: parse at most 3 times pypdfium2's own extraction of the same file")


if __name__ == "__main__":
    main()
