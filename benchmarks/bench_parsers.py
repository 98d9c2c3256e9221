"""Do the hand-written low-level parsers earn their lines over the standard library?

Usage: python benchmarks/bench_parsers.py [RUNS]   (default 300)

Three parsers, each against the standard library behind the same bounds, on our two
templates, a filled workbook and two workbooks saved again by LibreOffice:

1. the zip central directory reader of ``xlsx/safezip.py`` against ``zipfile`` (the same
   ``SafeZip`` with its directory parser switched off, so that every member goes through
   ``zipfile`` with the same size limits);
2. the byte cell scanner of ``xlsx/cells.py`` (one regex pass over a sheet's bytes)
   against an ``xml.parsers.expat`` sheet reader written here with the same bounds
   (the first 1000 rows and 80 columns) and the same cell semantics;
3. the fallback token scanner of ``xlsx/cells.py`` (the ``str`` regex loop used for
   prefixed or reference-less cells) against the same expat reader.

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
import xml.parsers.expat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import zfxxgk
from zfxxgk.xlsx import cells, safezip
from zfxxgk.xlsx.cells import MAX_COLS, MAX_ROWS, CellErrorValue, Sheet, read_sheets
from zfxxgk.xlsx.refs import column_index

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "tests" / "data" / "samples" / "2024-hongze-district.json"
CORPUS = ROOT / "tests" / "data" / "corpus"


# ------------------------------------------------------------------ the expat reader


class _Stop(Exception):
    """Raised from a handler to stop parsing past the row bound."""


def expat_sheet(
    data: bytes,
    name: str,
    strings: Sequence[str],
    dates: frozenset[bytes],
    date1904: bool,
) -> Sheet:
    """One sheet's cells read by expat, with the bounds and cell rules of ``cells._cell``.

    Written for speed as far as expat allows: no namespace processing (a prefix is cut
    off the tag only when there is one), buffered character data, closures, no tree.
    """
    sheet = Sheet(name)
    p = xml.parsers.expat.ParserCreate()
    p.buffer_text = True
    r = c = -1
    cell: dict[str, Any] | None = None
    texts: list[str] = []
    target: str | None = None
    in_ph = 0
    buf: list[str] = []

    def start(tag: str, a: dict[str, str]) -> None:
        nonlocal r, c, cell, texts, target, in_ph
        if ":" in tag:
            tag = tag.rsplit(":", 1)[1]
        if tag == "c":
            ref = a.get("r", "")
            letters = ref.rstrip("0123456789")
            c = column_index(letters) if letters else c + 1
            if letters and r < 0:
                r = int(ref[len(letters) :]) - 1
            cell = {"t": a.get("t", "n"), "s": a.get("s", ""), "v": None, "f": None}
            texts = []
        elif tag == "row":
            rv = a.get("r", "")
            r = int(rv) - 1 if rv.isdigit() else r + 1
            c = -1
            if r >= MAX_ROWS:
                sheet.truncated = True
                raise _Stop
        elif cell is not None:
            if tag == "rPh":
                in_ph += 1
            elif tag in ("v", "f", "t") and not in_ph:
                buf.clear()
                target = tag

    def end(tag: str) -> None:
        nonlocal cell, target, in_ph
        if cell is None:
            return
        if ":" in tag:
            tag = tag.rsplit(":", 1)[1]
        if tag == "c":
            if c >= MAX_COLS:
                sheet.truncated = True
            elif 0 <= r < MAX_ROWS:
                _store(sheet, (r, c), cell, texts, strings, dates, date1904)
            cell = None
        elif tag == target:
            if tag == "t":
                texts.append("".join(buf))
            else:
                cell[tag] = "".join(buf)
            target = None
        elif tag == "rPh":
            in_ph -= 1

    def chars(text: str) -> None:
        if target is not None:
            buf.append(text)

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    with suppress(_Stop):
        p.Parse(data, True)
    return sheet


def _store(
    sheet: Sheet,
    at: tuple[int, int],
    cell: dict[str, Any],
    texts: list[str],
    strings: Sequence[str],
    dates: frozenset[bytes],
    date1904: bool,
) -> None:
    if cell["f"] is not None:
        sheet.formulas[at] = cell["f"]
    t = cell["t"]
    value: Any
    if t == "inlineStr":
        value = "".join(texts)
    else:
        raw = cell["v"]
        if raw is None or (raw == "" and t not in ("s", "str")):
            return
        if t == "s":
            value = strings[int(raw)]
        elif t in ("str", "d"):
            value = raw
        elif t == "b":
            value = raw.strip() in ("1", "true")
        elif t == "e":
            value = CellErrorValue(raw)
        else:
            value = cells._number(raw.strip())
            s = cell["s"]
            if s.isdigit() and s.encode() in dates and isinstance(value, int | float):
                value = cells._serial_date(float(value), date1904)
    if value is not None and value != "":
        sheet.cells[at] = value


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


def _expat_part(
    z: safezip.SafeZip,
    name: str,
    part: str,
    state: str,
    strings: Sequence[str],
    dates: frozenset[bytes],
    date1904: bool,
) -> Sheet:
    data = cells._part_bytes(z, part)  # the same bounds and DTD refusal as ours
    if data is None:
        raise z.error(f"缺少工作表部件 {part}", f"the sheet part {part} is missing")
    try:
        sheet = expat_sheet(data, name, strings, dates, date1904)
    except xml.parsers.expat.ExpatError as exc:
        raise z.error(f"部件 {part} 不是有效的 XML（{exc}）", f"{part}: {exc}") from None
    sheet.state = state
    return sheet


def expat_sheets() -> Any:
    """read_sheets with every sheet read by the expat reader."""
    return patched(cells, "_sheet", _expat_part)


def token_scanner_only() -> Any:
    """read_sheets with the byte scanner off: every sheet through the token scanner."""
    return patched(cells, "_fast_cells", lambda *args: False)


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


def sheet_inputs(path: Path) -> list[tuple[bytes, str, Any, frozenset[bytes]]]:
    """Each worksheet part's bytes with the strings and date styles it needs."""
    out = []
    with safezip.SafeZip(path) as z:
        strings = cells._shared_strings(z)
        dates = cells._date_styles(z)
        for part in sorted(n for n in z.names if n.startswith("xl/worksheets/sheet")):
            data = cells._part_bytes(z, part)
            assert data is not None
            out.append((data, part, strings, dates))
    return out


def scanner_sheets(inputs: list[tuple[bytes, str, Any, frozenset[bytes]]], z: Any) -> None:
    for data, part, strings, dates in inputs:
        sheet = Sheet(part)
        assert cells._fast_cells(data, sheet, strings, dates, False, z, part)


def token_sheets(inputs: list[tuple[bytes, str, Any, frozenset[bytes]]], z: Any) -> None:
    with token_scanner_only():
        for data, part, strings, dates in inputs:
            package: Any = _Bytes(data)
            cells._sheet(package, part, part, "visible", strings, dates, False)


def expat_only(inputs: list[tuple[bytes, str, Any, frozenset[bytes]]]) -> None:
    for data, part, strings, dates in inputs:
        expat_sheet(data, part, strings, dates, False)


class _Bytes:
    """A stand-in package that serves one part's bytes (to time the scanner alone)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, part: str) -> bytes:
        return self.data

    def decode(self, part: str, data: bytes) -> str:
        return data.decode("utf-8")

    def error(self, zh: str, en: str) -> Exception:
        return ValueError(en)


def same_cells(path: Path) -> None:
    """The expat reader and the token scanner give exactly our cells and formulas."""
    ours = read_sheets(path)
    for ctx in (expat_sheets, token_scanner_only):
        with ctx():
            theirs = read_sheets(path)
        for name, sheet in ours.items():
            assert sheet.cells == theirs[name].cells, (path, name, ctx.__name__)
            assert sheet.formulas == theirs[name].formulas, (path, name, ctx.__name__)


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
        ("every sheet part", lambda: scanner_sheets(inputs, None), lambda: expat_only(inputs)),
        ("read_sheets", lambda: read_sheets(p), in_context(expat_sheets, lambda: read_sheets(p))),
        ("zfxxgk.read", lambda: zfxxgk.read(p), in_context(expat_sheets, lambda: zfxxgk.read(p))),
    ]


def token_cases(p: Path) -> list[Case]:
    inputs = sheet_inputs(p)
    return [
        ("every sheet part", lambda: token_sheets(inputs, None), lambda: expat_only(inputs)),
        (
            "read_sheets (all sheets this way)",
            in_context(token_scanner_only, lambda: read_sheets(p)),
            in_context(expat_sheets, lambda: read_sheets(p)),
        ),
    ]


SECTIONS: list[tuple[str, Callable[[Path], list[Case]]]] = [
    ("1. zip central directory (safezip) vs zipfile", zip_cases),
    ("2. byte cell scanner vs expat", scanner_cases),
    ("3. fallback token scanner vs expat", token_cases),
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
