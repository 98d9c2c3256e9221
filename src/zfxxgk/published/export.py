"""A report's three tables as a published report shows them: HTML, Markdown or Word text.

Every table is laid out from the edition's grid (the same one the template uses), with
the official merges as rowspan/colspan. A 2019 procurement amount carries its unit as a
suffix (75394432.52元), as published reports print it.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from decimal import Decimal

import attrs

from zfxxgk.core.grid import place_table
from zfxxgk.core.layout import Table
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.values import number_text


@attrs.frozen
class GridCell:
    """A cell that starts at its row: text, spans, and whether it is a label."""

    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    label: bool = True
    role: str = "value"  #: title, corner, header, row (labels) or value
    path: tuple[str, str, str] | None = None  #: the field a value cell shows


def _value_text(report: AnnualReport, path: tuple[str, str, str]) -> str:
    value = report.get(path)
    if value is None:
        return ""
    text = number_text(value) if isinstance(value, int | Decimal) else str(value)
    unit_path = report.layout.field_map[path].unit_field
    unit = report.get(unit_path) if unit_path is not None else None
    return f"{text}{unit}" if isinstance(unit, str) else text


def table_rows(report: AnnualReport, table: Table) -> list[list[GridCell]]:
    """The table's rows: the cells that start in each row (merged cells once)."""
    placement = place_table(table)
    starts: dict[tuple[int, int], GridCell] = {}
    for lab in placement.labels:
        if lab.role in ("sheet-title", "extra", "note"):
            continue
        s = lab.span
        starts[(s.row, s.col)] = GridCell(
            s.col, lab.text, s.last_row - s.row + 1, s.last_col - s.col + 1, role=lab.role
        )
    fields = report.layout.field_map
    # a unit field is shown after its amount
    cells_of_table = {p: s for p, s in placement.fields.items() if fields[p].amount_field is None}
    for path, s in cells_of_table.items():
        starts[(s.row, s.col)] = GridCell(
            s.col, _value_text(report, path), 1, s.last_col - s.col + 1, label=False, path=path
        )
    first = min(r for r, _ in starts)
    last = max(r + c.rowspan - 1 for (r, _), c in starts.items())
    return [
        sorted((c for (rr, _), c in starts.items() if rr == r), key=lambda c: c.col)
        for r in range(first, last + 1)
    ]


def _covered(rows: list[list[GridCell]]) -> Iterator[set[int]]:
    """For each row, the columns that a cell from a row above still covers."""
    below: dict[int, int] = {}  # col -> rows still covered
    for row in rows:
        covered = {c for c, n in below.items() if n > 0}
        yield covered
        below = {c: n - 1 for c, n in below.items() if n > 1}
        for cell in row:
            for dc in range(cell.colspan):
                if cell.rowspan > 1:
                    below[cell.col + dc] = cell.rowspan - 1


def title(report: AnnualReport) -> str:
    return f"{report.agency or ''}{report.year or ''}年政府信息公开工作年度报告"


#: Print styles of a standalone page: A4, 宋体 五号 tables, black borders, no script.
PAGE_CSS = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "FangSong", "仿宋", "FangSong_GB2312", "STFangsong", "Noto Serif CJK SC",
  serif; font-size: 12pt; color: #000; background: #fff; margin: 0 auto; max-width: 170mm; }
h1 { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 18pt;
  text-align: center; font-weight: bold; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 14pt;
  font-weight: normal; margin: 14pt 0 6pt; page-break-after: avoid; break-after: avoid;
  break-inside: avoid; }
table.zb { border-collapse: collapse; width: 100%; table-layout: fixed;
  font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 10.5pt;
  page-break-inside: auto; }
table.zb td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle;
  text-align: center; overflow-wrap: anywhere; }
table.zb td.h { font-weight: bold; }
table.zb td.r { text-align: left; }
table.zb td.v { font-variant-numeric: tabular-nums; }
table.zb tr { page-break-inside: avoid; }
table.zb thead { display: table-header-group; }
td.fail { background: #f4b6b6; outline: 2px solid #c00; }
td.cause { background: #fde9a8; }
td.likely { outline: 2px dashed #c60; outline-offset: -3px; }
ul.findings { font-size: 10.5pt; margin: 4pt 0 12pt; padding-left: 18pt; }
ul.findings li.error { color: #a00; }
@media print { body { max-width: none; } }
"""


#: A column wider than this (in the template's units) is capped in printed tables: on a
#: portrait page the long row labels wrap, and the number columns keep room for headers.
WIDEST_COLUMN = 24.0


def column_shares(table: Table) -> list[float]:
    """Each column's share of the printed table's width (the widest capped), adding to 1."""
    weights = [min(w, WIDEST_COLUMN) for w in table.column_widths]
    total = sum(weights)
    return [w / total for w in weights]


def _td(cell: GridCell, mark: str | None) -> str:
    cls = {"header": "h", "corner": "h", "title": "h r", "row": "r", "value": "v"}.get(
        cell.role, ""
    )
    if mark:
        cls += f" {mark}"
    span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )
    return f'<td class="{cls.strip()}"{span}>{html.escape(cell.text) or "&nbsp;"}</td>'


def _lines(lines: list[tuple[str, str]] | None) -> list[str]:
    if not lines:
        return []
    items = [f'<li class="{html.escape(k)}">{html.escape(t)}</li>' for k, t in lines]
    return ['<ul class="findings">', *items, "</ul>"]


def header_count(rows: list[list[GridCell]]) -> int:
    """How many rows come before the first row of values (the header rows)."""
    for i, row in enumerate(rows):
        if any(not c.label for c in row):
            return i
    return len(rows)


def to_html(
    report: AnnualReport,
    *,
    marks: dict[tuple[str, str, str], str] | None = None,
    below: dict[str, list[tuple[str, str]]] | None = None,
    heading: str | None = None,
) -> str:
    """One standalone HTML page with the three tables (rowspan/colspan as the official
    format merges them), inline print CSS for A4 and no script.

    ``marks`` gives a CSS class (``fail``, ``cause``) to the cells of some fields;
    ``below`` puts lines ``(css class, text)`` under each table by its key (under the
    title for the key ``""``).
    """
    marks = marks or {}
    page_title = html.escape(heading or title(report))
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{page_title}</title>",
        f"<style>{PAGE_CSS}</style></head><body>",
        f"<h1>{page_title}</h1>",
    ]
    out += _lines((below or {}).get(""))
    for table in report.layout.tables:
        out.append(f"<h2>{html.escape(table.title)}</h2>")
        # border="1" as well as the style sheet: a program that prints HTML without CSS
        # (LibreOffice's import) still rules the table, so its PDF keeps the cells apart
        out.append(f'<table class="zb" id="{table.key}" border="1"><colgroup>')
        out += [f'<col style="width:{100 * w:.2f}%">' for w in column_shares(table)]
        out.append("</colgroup>")
        rows = table_rows(report, table)
        n_head = header_count(rows) if len(table.blocks) == 1 else 0
        for i, row in enumerate(rows):
            if n_head and i == 0:
                out.append("<thead>")
            if n_head and i == n_head:
                out.append("<tbody>")
            tds = "".join(_td(c, marks.get(c.path) if c.path else None) for c in row)
            out.append(f"<tr>{tds}</tr>")
            if n_head and i == n_head - 1:
                out.append("</thead>")
        if n_head:
            out.append("</tbody>")
        out.append("</table>")
        out += _lines((below or {}).get(table.key))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _full_grid(report: AnnualReport, table: Table) -> list[list[str]]:
    rows = table_rows(report, table)
    width = table.width
    grid = [[""] * width for _ in rows]
    for i, row in enumerate(rows):
        for cell in row:
            grid[i][cell.col] = cell.text
    return grid


def to_markdown(report: AnnualReport) -> str:
    """Markdown: a pipe table per section (a merged cell's text in its first cell)."""
    out = [f"# {title(report)}", ""]
    for table in report.layout.tables:
        out += [f"## {table.title}", ""]
        grid = _full_grid(report, table)
        for i, row in enumerate(grid):
            out.append(
                "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in row) + " |"
            )
            if i == 0:
                out.append("|" + "---|" * len(row))
        out.append("")
    return "\n".join(out)


def to_word_text(report: AnnualReport) -> str:
    """Text as Word saves a document with tables: one cell a line after a tab, a blank
    line after each row; a cell merged down from above shows as an empty cell."""
    out = [title(report), ""]
    for table in report.layout.tables:
        out += [table.title, ""]
        rows = table_rows(report, table)
        for row, covered in zip(rows, _covered(rows), strict=True):
            starts = {c.col: c for c in row}
            col = 0
            lines = []
            while col < table.width:
                if col in starts:
                    lines.append("\t" + starts[col].text)
                    col += starts[col].colspan
                elif col in covered:
                    lines.append("\t")
                    col += 1
                else:
                    col += 1
            out += lines
            out.append("")
    return "\n".join(out) + "\n"
