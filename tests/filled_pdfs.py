"""Reports filled into our Excel template and printed to PDF by LibreOffice calc, once
a session (one soffice run), for the tests of PDFs made from them."""

from __future__ import annotations

from pathlib import Path

from conftest import soffice
from lo_convert import convert
from producers import samples_and_random
from zfxxgk import AnnualReport, fill

#: How the sheets are set up before printing (the template's own setup, and landscape).
SETUPS = ("template", "landscape")

Printed = list[tuple[str, AnnualReport, Path]]
_DONE: dict[str, Printed] = {}


def reports() -> dict[str, AnnualReport]:
    """The samples and four seeded random reports (two of each edition: big numbers,
    blanks, 0)."""
    return samples_and_random(1)


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
    convert(exe, files, folder)
    _DONE["done"] = out
    return out
