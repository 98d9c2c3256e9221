"""Do the hand-written low-level parsers earn their lines over the standard library?

Usage: python benchmarks/bench_parsers.py [RUNS]   (default 300)

Two parsers, each against the standard library behind the same bounds, on our two
templates, a filled workbook and two workbooks saved again by LibreOffice:

1. the zip central directory reader of ``xlsx/safezip.py`` against ``zipfile`` (the same
   ``SafeZip`` with its directory parser switched off, so that every member goes through
   ``zipfile`` with the same size limits);
2. the byte cell scanner of ``xlsx/sheetxml.py`` (one regex pass over a plain sheet
   part's bytes) against the ``xml.parsers.expat`` reader it falls back to (the same
   bounds, the same cell decoder).

4. the HTML reader: lxml (libxml2) against the standard-library reader it replaced, and
   the whole ``zfxxgk.parse`` of a page against the raw lxml parse of the same bytes
   (``bench_html.py``, run at the end).

Each is timed on its own (per sheet part, or opening the package and reading every
member) and inside the whole spreadsheet read (``read_sheets``: zip, shared strings,
styles, every sheet) and the whole report read (``zfxxgk.read``), by swapping the one
parser for its standard-library counterpart. The expat reader is first checked to give
the same cells and formulas as ours, so that the comparison is like for like. Times are
medians of RUNS calls, the two contenders measured alternately.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import zfxxgk
from zfxxgk.xlsx import safezip, sheetxml
from zfxxgk.xlsx.cells import Sheet, read_sheets
from zfxxgk.xlsx.sharedstrings import shared_strings
from zfxxgk.xlsx.sheetxml import Context
from zfxxgk.xlsx.styles import date_styles
from zfxxgk.xlsx.xmltext import part_bytes

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "tests" / "data" / "samples" / "2024-hongze-district.json"
CORPUS = ROOT / "tests" / "data" / "corpus"


# ------------------------------------------------------------------ swapping parsers


@contextmanager
def patched(obj: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def zip_module_only() -> Any:
    """SafeZip with the hand-written directory parser off: every member through zipfile."""
    return patched(safezip, "central_directory", lambda data: None)


def expat_sheets() -> Any:
    """read_sheets with the byte scanner off: every sheet read by expat."""
    return patched(sheetxml, "_fast_cells", lambda *args: False)


# ------------------------------------------------------------------ measuring


def paired(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median ms of ``a`` and of ``b``, timed alternately after a warm-up."""
    a()
    b()
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(runs):
        for fn, out in ((a, ta), (b, tb)):
            t = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t) * 1000)
    return statistics.median(ta), statistics.median(tb)


def in_context(ctx: Callable[[], Any], fn: Callable[[], object]) -> Callable[[], object]:
    def run() -> object:
        with ctx():
            return fn()

    return run


def files(folder: Path) -> dict[str, Path]:
    report = zfxxgk.AnnualReport.from_json(SAMPLE.read_bytes())
    return {
        "template 2019": zfxxgk.template_path("2019"),
        "template 2021": zfxxgk.template_path("2021"),
        "filled 2021": zfxxgk.fill(report, folder / "filled.xlsx"),
        "LibreOffice hongze": CORPUS / "lo-hongze.xlsx",
        "LibreOffice pingtan": CORPUS / "lo-pingtan.xlsx",
    }


def open_and_read_all(path: Path) -> None:
    with safezip.SafeZip(path) as z:
        for name in z.names:
            z.read(name)


def sheet_inputs(path: Path) -> list[tuple[bytes, Context]]:
    """Each worksheet part's bytes with what its cells need (strings, date styles)."""
    out = []
    z = safezip.SafeZip(path)
    strings = shared_strings(z)
    dates = date_styles(z)
    for part in sorted(n for n in z.names if n.startswith("xl/worksheets/sheet")):
        data = part_bytes(z, part)
        assert data is not None
        out.append((data, Context(strings, dates, False, z, part)))
    return out


def scanner_sheets(inputs: list[tuple[bytes, Context]]) -> None:
    for data, context in inputs:
        assert sheetxml._fast_cells(data, Sheet(context.part), context)


def expat_only(inputs: list[tuple[bytes, Context]]) -> None:
    for data, context in inputs:
        sheetxml._ExpatSheet(Sheet(context.part), context).read(data)


def same_cells(path: Path) -> None:
    """The expat reader gives exactly the byte scanner's cells and formulas."""
    ours = read_sheets(path)
    with expat_sheets():
        theirs = read_sheets(path)
    for name, sheet in ours.items():
        assert sheet.cells == theirs[name].cells, (path, name)
        assert sheet.formulas == theirs[name].formulas, (path, name)


Case = tuple[str, Callable[[], object], Callable[[], object]]


def zip_cases(p: Path) -> list[Case]:
    return [
        (
            "open + read every member",
            lambda: open_and_read_all(p),
            in_context(zip_module_only, lambda: open_and_read_all(p)),
        ),
        (
            "read_sheets",
            lambda: read_sheets(p),
            in_context(zip_module_only, lambda: read_sheets(p)),
        ),
        (
            "zfxxgk.read",
            lambda: zfxxgk.read(p),
            in_context(zip_module_only, lambda: zfxxgk.read(p)),
        ),
    ]


def scanner_cases(p: Path) -> list[Case]:
    inputs = sheet_inputs(p)
    return [
        ("every sheet part", lambda: scanner_sheets(inputs), lambda: expat_only(inputs)),
        ("read_sheets", lambda: read_sheets(p), in_context(expat_sheets, lambda: read_sheets(p))),
        ("zfxxgk.read", lambda: zfxxgk.read(p), in_context(expat_sheets, lambda: zfxxgk.read(p))),
    ]


SECTIONS: list[tuple[str, Callable[[Path], list[Case]]]] = [
    ("1. zip central directory (safezip) vs zipfile", zip_cases),
    ("2. byte cell scanner vs expat", scanner_cases),
]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    print(f"median ms of {runs} runs, alternating; ratio = standard library / ours\n")
    header = f"{'file':22} {'what':34} {'ours':>8} {'stdlib':>8} {'ratio':>6}"
    with tempfile.TemporaryDirectory() as tmp:
        books = files(Path(tmp))
        for path in books.values():
            same_cells(path)
        sections = SECTIONS
        for title, cases in sections:
            print(title)
            print(header)
            for label, path in books.items():
                for what, ours, theirs in cases(path):
                    a, b = paired(ours, theirs, runs)
                    print(f"{label:22} {what:34} {a:8.3f} {b:8.3f} {b / a:5.1f}×")
            print()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_html

    sys.argv = [sys.argv[0], str(max(20, runs // 3))]
    return bench_html.main()


if __name__ == "__main__":
    raise SystemExit(main())
