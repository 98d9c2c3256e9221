"""Reports filled into our Excel template and printed to PDF by LibreOffice calc, once
a session (one soffice run), for the tests of PDFs made from them."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

from conftest import SAMPLE_JSON, sample_path, soffice
from producers import random_report
from zfxxgk import AnnualReport, fill

#: How the sheets are set up before printing (the template's own setup, and landscape).
SETUPS = ("template", "landscape")

Printed = list[tuple[str, AnnualReport, Path]]
_DONE: dict[str, Printed] = {}


def reports() -> dict[str, AnnualReport]:
    """The samples and four seeded random reports (two of each edition: big numbers,
    blanks, 0)."""
    out = {n: AnnualReport.from_json(sample_path(n).read_bytes()) for n in SAMPLE_JSON}
    rng = random.Random(1)
    for i in range(4):
        edition = ("2019", "2021")[i % 2]
        out[f"random{i}-{edition}"] = random_report(rng, edition)
    return out


def filled_pdfs(folder: Path) -> Printed:
    """Each report filled into its template and printed by LibreOffice in each setup:
    (name/setup, report, PDF); made once a session (``folder`` the first caller's)."""
    if "done" in _DONE:
        return _DONE["done"]
    import openpyxl

    exe = soffice()
    files: list[Path] = []
    out: Printed = []
    for name, report in reports().items():
        for setup in SETUPS:
            book = folder / f"{name}--{setup}.xlsx"
            fill(report, book)
            if setup == "landscape":
                wb = openpyxl.load_workbook(book)
                for ws in wb.worksheets:
                    ws.page_setup.orientation = "landscape"
                wb.save(book)
            files.append(book)
            out.append((f"{name}/{setup}", report, book.with_suffix(".pdf")))
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    _DONE["done"] = out
    return out
