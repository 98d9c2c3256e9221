"""Time to parse a published PDF report, per file, on one core: the real five-page
sample (made in WPS) and PDFs printed by LibreOffice from Word renditions of it.

The PDF reader runs in a helper process that is kept for the next file, so a file's time
is its reading (pdfplumber, the cells from the geometry) plus discovery and alignment;
the helper's start (importing pdfplumber) is paid once and shown apart.

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

import zfxxgk
from zfxxgk.published import pdf as pdf_reader

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "tests" / "data" / "samples"


def libreoffice_pdf(folder: Path) -> Path | None:
    """The hongze sample as a Word document printed to PDF by LibreOffice, if installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    sys.path.insert(0, str(HERE.parent / "tests"))
    from test_pdf import write_docx

    report = zfxxgk.AnnualReport.from_json((SAMPLES / "2024-hongze-district.json").read_bytes())
    doc = write_docx(report, folder / "lo-hongze.docx", 6)
    subprocess.run(
        [
            exe,
            "--headless",
            f"-env:UserInstallation=file://{folder / 'lo'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(doc),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / "lo-hongze.pdf"


def helper_cpu() -> float:
    """CPU seconds the PDF helper process has used (Linux; 0 elsewhere)."""
    proc = pdf_reader._HELPER_PROCESS.proc
    try:
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (AttributeError, OSError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def per_file(path: Path, runs: int) -> tuple[float, float, float, int]:
    """Median and worst wall seconds of parse(path) over ``runs``, the median CPU seconds
    (this process and the helper: what one free core would take), and the page count."""
    times, cpu = [], []
    for _ in range(runs):
        t, c, h = time.perf_counter(), time.process_time(), helper_cpu()
        zfxxgk.parse(path)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c + helper_cpu() - h)
    pages = len(pdf_reader.read_pages(path, str(path)))
    return statistics.median(times), max(times), statistics.median(cpu), pages


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    if hasattr(os, "sched_setaffinity"):  # one core, as the target says
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    t = time.perf_counter()
    zfxxgk.parse(SAMPLES / "2024-hongze-district.pdf")
    first = time.perf_counter() - t
    print(f"first file, helper start included: {first * 1000:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        files = [SAMPLES / "2024-hongze-district.pdf"]
        lo = libreoffice_pdf(Path(tmp))
        if lo is not None:
            files.append(lo)
        print(
            f"{'file':26} {'pages':>5} {'wall median':>12} {'worst':>7} {'CPU median':>11} "
            f"{'CPU per 5 pages':>16}"
        )
        for f in files:
            median, worst, cpu, pages = per_file(f, runs)
            print(
                f"{f.name:26} {pages:5d} {median * 1000:10.0f}ms {worst * 1000:5.0f}ms "
                f"{cpu * 1000:9.0f}ms {cpu / pages * 5 * 1000:14.0f}ms"
            )
    print("target: at most 600 ms per five-page report on one core (CPU: on a free core)")


if __name__ == "__main__":
    main()
