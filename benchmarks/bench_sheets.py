"""Reading a pasted workbook (one staff made, not our template) against python-calamine's
own read of the same file.

For each file, alternating runs, CPU time of this process:

- ``rows``: :func:`zfxxgk.published.sheets.workbook_source`, the visible sheets' grids
  as the published reader's rows (values, number formats, merges, hidden rows, columns
  and sheets);
- ``parse``: the whole ``zfxxgk.parse`` of the file (the rows, then discovery,
  alignment and the checks);
- ``calamine``: python-calamine's read of every sheet's values and merged ranges
  (``CalamineWorkbook.from_path``, ``to_python``, ``merged_cell_ranges``), in process.

Files: a random report's tables pasted on one sheet with merges (openpyxl), and, where
LibreOffice is installed, Calc's import of our HTML page of the same report (what
"pasted from a web page" looks like).

Usage: python benchmarks/bench_sheets.py [RUNS]   (default 30)
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from python_calamine import CalamineWorkbook

import zfxxgk
from zfxxgk.published.sheets import workbook_source

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def files(folder: Path) -> list[Path]:
    from pasted_workbooks import merged, soffice_convert
    from producers import html_spans, random_report

    report = random_report(random.Random(7), "2021")
    out = [merged(report, folder)]
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is not None:
        page = html_spans(report, folder)
        out += soffice_convert(exe, [page], folder / "calc", "xlsx", "HTML (StarCalc)")
    return out


def calamine(path: Path) -> None:
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        sheet.to_python(skip_empty_area=False)
        _ = sheet.merged_cell_ranges


def cpu_ms(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return (time.process_time() - start) * 1000


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as tmp:
        for path in files(Path(tmp)):
            data = path.read_bytes()
            ways: dict[str, Callable[[], object]] = {
                "rows": lambda p=path, d=data: workbook_source(p, d, str(p)),
                "parse": lambda p=path: zfxxgk.parse(p),
                "calamine": lambda p=path: calamine(p),
            }
            for fn in ways.values():
                fn()  # warm: imports, caches of code
            times: dict[str, list[float]] = {k: [] for k in ways}
            for _ in range(runs):
                for k, fn in ways.items():
                    times[k].append(cpu_ms(fn))
            med = {k: statistics.median(v) for k, v in times.items()}
            print(
                f"{path.name}: rows {med['rows']:.1f} ms, parse {med['parse']:.1f} ms, "
                f"calamine {med['calamine']:.1f} ms; rows/calamine "
                f"{med['rows'] / med['calamine']:.1f}×, parse/calamine "
                f"{med['parse'] / med['calamine']:.1f}× (CPU medians of {runs})"
            )


if __name__ == "__main__":
    main()
