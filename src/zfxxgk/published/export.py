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
from zfxxgk.core.values import plain


@attrs.frozen
class GridCell:
    """A cell that starts at its row: text, spans, and whether it is a label."""

    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    label: bool = True


def _value_text(report: AnnualReport, path: tuple[str, str, str]) -> str:
    value = report.get(path)
    if value is None:
        return ""
    text = plain(value) if isinstance(value, Decimal) else str(value)
    unit_path = (path[0], path[1], f"{path[2]}_unit")
    try:
        unit = report.get(unit_path)
    except AttributeError:
        unit = None
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
            s.col, lab.text, s.last_row - s.row + 1, s.last_col - s.col + 1
        )
    cells_of_table = {p: s for p, s in placement.fields.items() if p[2] != "amount_unit"}
    for path, s in cells_of_table.items():
        starts[(s.row, s.col)] = GridCell(
            s.col, _value_text(report, path), 1, s.last_col - s.col + 1, label=False
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


def to_html(report: AnnualReport) -> str:
    """An HTML page with the three tables, merges as rowspan and colspan."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(title(report))}</title></head><body>",
        f"<h1>{html.escape(title(report))}</h1>",
    ]
    for table in report.layout.tables:
        out.append(f"<h2>{html.escape(table.title)}</h2>")
        out.append('<table border="1">')
        for row in table_rows(report, table):
            tds = []
            for cell in row:
                span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                    f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
                )
                tds.append(f"<td{span}>{html.escape(cell.text) or '&nbsp;'}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
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
