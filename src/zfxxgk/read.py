"""Reading a filled workbook back into an AnnualReport.

The edition is told from the labels in the workbook (section 二 decides), each value is
taken from the cell the edition's layout puts it in, and the report carries, outside its
equality, where each value came from and what had to be interpreted.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

from .cellvalue import CellError, interpret
from .editions import EDITIONS
from .errors import CellValueError, LayoutError
from .fill import cover_text
from .grid import Placement, cell_ref, place_cover, place_table
from .labels import normalize
from .layout import Edition, Field, FieldPath
from .model import AnnualReport, CellSource, Provenance
from .store import MARKER, from_chunks, visible_digest
from .workbook import check_input, check_xlsx, load

Grid = dict[tuple[int, int], Any]
#: Rows and columns looked at on each sheet: the tables sit at the top left.
MAX_ROWS = 400
MAX_COLS = 60


def _grids(wb: Any) -> dict[str, Grid]:
    out: dict[str, Grid] = {}
    for ws in wb.worksheets:
        grid: Grid = {}
        for r, row in enumerate(ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS, values_only=True)):
            for c, value in enumerate(row):
                if value is not None:
                    grid[(r, c)] = value
        out[ws.title] = grid
    return out


def label_score(grid: Grid, placement: Placement) -> tuple[int, int, str | None]:
    """How many of a table's labels stand where the layout puts them; the first miss."""
    hits = 0
    total = 0
    first_miss = None
    for label in placement.labels:
        if label.role not in ("header", "row", "title"):
            continue
        total += 1
        if normalize(grid.get((label.span.row, label.span.col))) == normalize(label.text):
            hits += 1
        elif first_miss is None:
            first_miss = label.span.ref()
    return hits, total, first_miss


def detect(grids: dict[str, Grid], file: str) -> tuple[Edition, dict[str, str]]:
    """The edition of a workbook and the sheet that holds each of its tables.

    Section 二 decides the edition (formats.md §8.4); every table must then stand where
    the edition's layout puts it.

    Raises:
        LayoutError: no edition's tables are found, naming what was found.
    """
    scores = []
    for edition in EDITIONS.values():
        sheets: dict[str, str] = {}
        complete = 0
        for table in edition.tables:
            placement = place_table(table)
            candidates = [table.sheet] if table.sheet in grids else []
            candidates += [n for n in grids if n != table.sheet]
            best = max(candidates, key=lambda n: label_score(grids[n], placement)[0], default=None)
            if best is None:
                continue
            hits, total, _ = label_score(grids[best], placement)
            if hits == total:
                sheets[table.key] = best
                complete += 1
        proactive_ok = "proactive" in sheets
        scores.append((proactive_ok, complete, edition, sheets))
    scores.sort(key=lambda s: (s[0], s[1]), reverse=True)
    ok, complete, edition, sheets = scores[0]
    if ok and complete == len(edition.tables):
        return edition, sheets
    missing = [t for t in edition.tables if t.key not in sheets]
    table = missing[0]
    placement = place_table(table)
    sheet = table.sheet if table.sheet in grids else None
    miss = label_score(grids[sheet], placement)[2] if sheet else None
    found = "、".join(grids) or "无"
    raise LayoutError(
        f"未找到{table.title}（按 {edition.id} 版式的布局）；工作簿中的工作表：{found}",
        f"table {table.key!r} not found in the layout of edition {edition.id}; "
        f"sheets found: {', '.join(grids)}",
        file=file,
        sheet=sheet,
        cell=miss,
    )


def read(path: str | os.PathLike[str]) -> AnnualReport:
    """Read a filled workbook (.xlsx or .xlsm) into an AnnualReport.

    Blank cells read as None. The report's ``provenance`` names the file, the sheet and
    cell of every value and the notes on anything interpreted. The file is not modified.

    Raises:
        ZfxxgkError: the file is missing, not a workbook, holds no report tables, or a
            cell holds something that is not a value of its field (naming the cell).
    """
    p = check_input(path)
    check_xlsx(p)
    wb = load(p, read_only=True, data_only=True)
    try:
        grids = _grids(wb)
    finally:
        wb.close()
    return report_from_grids(grids, str(path))


def report_from_grids(grids: dict[str, Grid], file: str) -> AnnualReport:
    """The report that these sheet grids (sheet name → {(row, col): value}) hold."""
    edition, sheets = detect(grids, file)
    prov = Provenance(file=file)
    report = AnnualReport(edition=edition.id)
    report.provenance = prov
    fields = {f.path: f for f in edition.fields()}
    suffixes: list[tuple[Field, str, str, str]] = []
    for table in edition.tables:
        sheet = sheets[table.key]
        grid = grids[sheet]
        for path, span in place_table(table).fields.items():
            unit = _read_value(report, fields[path], grid, sheet, span.row, span.col, prov)
            if unit is not None:
                suffixes.append((fields[path], unit, sheet, span.ref()))
    for field, unit, sheet, ref in suffixes:
        _note_unit(report, field, unit, sheet, ref, prov)
    _read_cover(report, edition, grids, prov)
    _read_hidden(report, edition, grids, prov)
    return report


def _read_value(
    report: AnnualReport, field: Field, grid: Grid, sheet: str, row: int, col: int, prov: Provenance
) -> str | None:
    """Read one cell into the report; return a money unit typed after the amount."""
    raw = grid.get((row, col))
    ref = cell_ref(row, col)
    try:
        reading = interpret(raw, field)
    except CellError as exc:
        raise CellValueError(
            ".".join(field.path), raw, exc.zh, exc.en, file=prov.file, sheet=sheet, cell=ref
        ) from None
    prov.cells[field.path] = CellSource(sheet, ref, raw)
    if reading.note:
        prov.notes.append(f"'{sheet}'!{ref}: {reading.note}")
    try:
        report.set(field.path, reading.value)
    except ValueError as exc:
        zh, en = getattr(exc, "zh", str(exc)), getattr(exc, "en", str(exc))
        raise CellValueError(
            ".".join(field.path), raw, zh, en, file=prov.file, sheet=sheet, cell=ref
        ) from None
    return reading.unit


def _note_unit(
    report: AnnualReport, field: Field, unit: str, sheet: str, ref: str, prov: Provenance
) -> None:
    """A unit typed after an amount fills the amount's unit field when that is blank."""
    table, part, key = field.path
    unit_path: FieldPath = (table, part, f"{key}_unit")
    try:
        current = report.get(unit_path)
    except AttributeError:
        return
    if current is None:
        report.set(unit_path, unit)
        prov.notes.append(
            f"'{sheet}'!{ref}: 单位“{unit}”取自金额后缀 / unit {unit} taken "
            "from the amount's suffix"
        )
    elif current != unit:
        prov.notes.append(
            f"'{sheet}'!{ref}: 金额后缀“{unit}”与所选单位“{current}”不一致 / "
            f"suffix {unit} disagrees with the chosen unit {current}"
        )


def _text(raw: Any) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    return text or None


def _read_cover(
    report: AnnualReport, edition: Edition, grids: dict[str, Grid], prov: Provenance
) -> None:
    grid = grids.get(edition.cover_sheet)
    if grid is None:
        prov.notes.append(
            "未找到封面，报告单位与年度为空 / no cover sheet: agency and year unknown"
        )
        return
    placement = place_cover(edition)
    for cf in edition.cover:
        span = placement.fields[("cover", cf.key, "")]
        raw = grid.get((span.row, span.col))
        ref = span.ref()
        prov.cells[cf.key] = CellSource(edition.cover_sheet, ref, raw)
        text = _text(raw)
        if cf.key == "agency":
            report.agency = text
        elif cf.key == "year":
            report.year = _year(text, prov.file, edition.cover_sheet, ref, prov)
        elif text is not None:
            report.meta[cf.key.removeprefix("meta.")] = text


def _year(text: str | None, file: str | None, sheet: str, ref: str, prov: Provenance) -> int | None:
    if text is None:
        return None
    digits = normalize(text).removesuffix("年度").removesuffix("年")
    if digits.isdigit() and len(digits) == 4:
        if digits != text:
            prov.notes.append(f"'{sheet}'!{ref}: 年度“{text}”读作 {digits}")
        return int(digits)
    raise CellValueError(
        "year",
        text,
        f"年度应为四位年份，而不是“{text}”",
        f"the year must have four digits, not {text!r}",
        file=file,
        sheet=sheet,
        cell=ref,
    )


def _read_hidden(
    report: AnnualReport, edition: Edition, grids: dict[str, Grid], prov: Provenance
) -> None:
    grid = grids.get(edition.data_sheet)
    if not grid or grid.get((0, 0)) != MARKER:
        return
    chunks = [grid.get((r, 0)) for r in range(1, 1 + max(r for r, _ in grid))]
    payload = from_chunks(chunks)
    if payload is None:
        prov.notes.append(
            f"隐藏数据无法读取，已忽略 / unreadable hidden data in sheet "
            f"{edition.data_sheet!r} ignored"
        )
        return
    if payload.get("edition") != edition.id:
        prov.notes.append("隐藏数据属于另一版式，已忽略 / hidden data of another edition ignored")
        return
    visible_meta = dict(report.meta)
    meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else {}
    assert isinstance(meta, dict)
    for cf in edition.cover:
        if not cf.key.startswith("meta."):
            continue
        key = cf.key.removeprefix("meta.")
        shown = visible_meta.get(key)
        kept = meta.get(key)
        if shown != cover_text(kept):
            if shown is None:
                meta.pop(key, None)
            else:
                meta[key] = shown
            prov.notes.append(
                f"封面“{cf.label}”与填报时不同，以封面为准 / cover field "
                f"{key!r} differs from the filled value; the cover wins"
            )
    report.meta = meta
    values = payload.get("values")
    fields = {".".join(f.path): f for f in edition.fields()}
    for dotted, value in values.items() if isinstance(values, dict) else ():
        f = fields.get(dotted)
        if f is None:
            prov.notes.append(
                f"隐藏数据中的未知字段 {dotted} 已忽略 / unknown hidden field ignored"
            )
            continue
        try:
            report.set(f.path, value)
        except ValueError:
            prov.notes.append(
                f"隐藏数据中 {dotted} 的值无效，已忽略 / invalid hidden value ignored"
            )
    if payload.get("visible") != visible_digest(report):
        prov.notes.append(
            "可见单元格在填报后被修改过，以可见单元格为准；隐藏保存的小计可能与之不符 / "
            "the visible cells were edited after filling; they win, stated subtotals kept "
            "may disagree"
        )


def iter_notes(report: AnnualReport) -> Iterable[str]:
    """The notes a report's reading produced."""
    return list(report.provenance.notes) if report.provenance else []
