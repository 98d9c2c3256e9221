"""Producers nobody else writes: CMS tables of divs and lists, CSS grids, Bootstrap rows,
a header in a table of its own, and Markdown from other converters.

Each producer writes a report as a web CMS or a converter would, from the cells of
:func:`zfxxgk.published.export.table_rows` (merged cells once, with their spans):

- ``div-table``: ``<div class="table"><div class="tr"><div class="td">`` styled
  ``display:table/table-row/table-cell`` (a div cannot span: the spans are lost, as a
  CMS that drops ``rowspan``/``colspan`` loses them);
- ``div-table-full``: the same with every covered slot an empty div (the merged text in
  its first slot), as a CMS whose editor fills the grid writes it;
- ``css-grid``: one ``display:grid`` div of cells placed by ``grid-column``/``grid-row``
  spans (the spans kept in the style);
- ``css-grid-auto``: the same cells placed by the grid's auto-placement (spans only);
- ``dl-rows`` and ``ul-rows``: a ``<dl>`` (``<dt>`` label, ``<dd>`` values) or a ``<ul>``
  per row;
- ``bootstrap``: ``<div class="row">`` of ``<div class="col-N">`` (N from the colspan);
- ``split-head``: the header rows in one ``<table>``, the body in another (a fixed
  header);
- ``tfoot-first`` and ``rowspan-zero``: our page with the last rows in a ``<tfoot>``
  written before the body, or a label spanning to the body's end as ``rowspan="0"``;
- ``html2text``: html2text's Markdown (``a| b| c`` rows with no outer pipes, ``---|---``
  under the first row, spans dropped);
- ``html2text-txt``: the same saved as a .txt;
- ``gfm-nospan``: a pipe table with spans dropped (pandoc's gfm writer of a table whose
  spans it cannot write);
- ``markitdown``: markdownify's pipe tables (a cell spanning n columns followed by n-1
  empty cells, rowspans dropped).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import attrs

from zfxxgk import AnnualReport
from zfxxgk.published.export import GridCell, table_rows, title

Producer = Callable[[AnnualReport, Path], Path]
Rows = list[list[GridCell]]


def _tables(report: AnnualReport) -> list[tuple[str, Rows, int]]:
    """Each table's title, rows and width."""
    return [(t.title, table_rows(report, t), t.width) for t in report.layout.tables]


def _page(report: AnnualReport, body: list[str], css: str = "") -> str:
    head = html.escape(title(report))
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{head}</title><style>{css}</style></head><body>"
        f"<h1>{head}</h1>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _esc(cell: GridCell) -> str:
    return html.escape(cell.text)


def _full_grid(rows: Rows, width: int) -> list[list[str]]:
    """The rows as a full grid: a merged cell's text in its first slot, the rest empty."""
    grid = [[""] * width for _ in rows]
    for r, row in enumerate(rows):
        for c in row:
            grid[r][c.col] = c.text
    return grid


_DIV_CSS = (
    ".table{display:table;border-collapse:collapse;width:100%}"
    ".tr{display:table-row}.td{display:table-cell;border:1px solid #000;padding:2px}"
)


def div_table(report: AnnualReport, folder: Path) -> Path:
    """Cells as divs styled as a table; spans lost."""
    body: list[str] = []
    for name, rows, _width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body.append('<div class="table">')
        for row in rows:
            cells = "".join(f'<div class="td">{_esc(c)}</div>' for c in row)
            body.append(f'<div class="tr">{cells}</div>')
        body.append("</div>")
    return _write(folder, "div-table.html", _page(report, body, _DIV_CSS))


_CELL = "display:table-cell;padding:2px 6px"


def div_table_full(report: AnnualReport, folder: Path) -> Path:
    """Cells as divs styled as a table, every covered slot an empty div."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body.append('<div class="table" style="display:table">')
        for texts in _full_grid(rows, width):
            cells = "".join(
                f'<div class="td" style="display:table-cell;padding:2px 6px">{html.escape(t)}</div>'
                for t in texts
            )
            body.append(f'<div class="tr" style="display:table-row">{cells}</div>')
        body.append("</div>")
    return _write(folder, "div-table-full.html", _page(report, body))


def css_grid(report: AnnualReport, folder: Path) -> Path:
    """One grid container per table, each cell placed by its spans."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body.append(
            f'<div class="grid" style="display:grid;grid-template-columns:repeat({width},1fr)">'
        )
        for r, row in enumerate(rows, start=1):
            for c in row:
                style = (
                    f"grid-column:{c.col + 1} / span {c.colspan};"
                    f"grid-row:{r} / span {c.rowspan};border:1px solid #000"
                )
                body.append(f'<div class="cell" style="{style}">{_esc(c)}</div>')
        body.append("</div>")
    return _write(folder, "css-grid.html", _page(report, body))


def css_grid_auto(report: AnnualReport, folder: Path) -> Path:
    """One grid container per table, its cells placed by the grid's auto-placement, each
    saying only its spans (``grid-column: span 3``), the tracks named by a class rule's
    ``repeat`` of ``minmax`` tracks."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        style = f"display:grid;grid-template-columns:repeat({width}, minmax(0, 1fr))"
        body.append(f'<div class="g" style="{style}">')
        for row in rows:
            for c in row:
                spans = (f"grid-column:span {c.colspan};" if c.colspan > 1 else "") + (
                    f"grid-row:span {c.rowspan}" if c.rowspan > 1 else ""
                )
                attr = f' style="{spans}"' if spans else ""
                body.append(f'<div class="c"{attr}>{_esc(c)}</div>')
        body.append("</div>")
    return _write(folder, "css-grid-auto.html", _page(report, body))


def dl_rows(report: AnnualReport, folder: Path) -> Path:
    """A definition list per row: its first cell the term, the others descriptions."""
    body: list[str] = []
    for name, rows, _width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body.append('<div class="list-table">')
        for row in rows:
            first, *rest = row
            dds = "".join(f"<dd>{_esc(c)}</dd>" for c in rest)
            body.append(f'<dl class="row"><dt>{_esc(first)}</dt>{dds}</dl>')
        body.append("</div>")
    css = "dl.row{display:flex;margin:0}dl.row dt,dl.row dd{flex:1;margin:0}"
    return _write(folder, "dl-rows.html", _page(report, body, css))


def ul_rows(report: AnnualReport, folder: Path) -> Path:
    """A list per row, a cell an item."""
    body: list[str] = []
    for name, rows, _width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        for row in rows:
            items = "".join(f"<li>{_esc(c)}</li>" for c in row)
            body.append(f'<ul class="tr">{items}</ul>')
    css = "ul.tr{display:flex;list-style:none;margin:0;padding:0}ul.tr li{flex:1}"
    return _write(folder, "ul-rows.html", _page(report, body, css))


def bootstrap(report: AnnualReport, folder: Path) -> Path:
    """Bootstrap rows: ``col-N`` divs, N the cell's share of 12 columns (at least 1)."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body.append('<div class="container">')
        for row in rows:
            cells = "".join(
                f'<div class="col-{max(1, round(12 * c.colspan / width))}">{_esc(c)}</div>'
                for c in row
            )
            body.append(f'<div class="row">{cells}</div>')
        body.append("</div>")
    return _write(folder, "bootstrap.html", _page(report, body))


def _td(cell: GridCell) -> str:
    span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )
    return f"<td{span}>{_esc(cell) or '&nbsp;'}</td>"


def split_head(report: AnnualReport, folder: Path) -> Path:
    """The header rows (those before the first value) in a table of their own, the body
    in a second table (a CMS's fixed header); spans kept."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        n_head = next((i for i, row in enumerate(rows) if any(not c.label for c in row)), 0)
        cols = "<colgroup>" + f"<col width='{100 // width}%'>" * width + "</colgroup>"
        parts = [rows[:n_head], rows[n_head:]] if n_head else [rows]
        for cls, part in zip(("head", "body"), parts, strict=False):
            trs = "".join("<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in part)
            body.append(f'<div class="{cls}"><table border="1">{cols}{trs}</table></div>')
    return _write(folder, "split-head.html", _page(report, body))


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def html2text_md(report: AnnualReport, folder: Path) -> Path:
    """html2text's Markdown of a page (``body_width=0``): headings ``#``, each table row
    its cells joined by ``| `` with no outer pipes, a ``---|---`` line under the first
    row, spans dropped, every line ending in two spaces."""
    out = [f"# {title(report)}", ""]
    for name, rows, _width in _tables(report):
        out += [f"## {name}", ""]
        for i, row in enumerate(rows):
            out.append("| ".join(_md_cell(c.text) for c in row) + "  ")
            if i == 0:
                out.append("|".join("---" for _ in row) + "  ")
        out += ["  ", ""]
    return _write(folder, "html2text.md", "\n".join(out) + "\n")


def html2text_txt(report: AnnualReport, folder: Path) -> Path:
    """html2text's output saved as a .txt (a converter's text pasted into Notepad)."""
    path = html2text_md(report, folder)
    return path.rename(path.with_suffix(".txt"))


def gfm_nospan(report: AnnualReport, folder: Path) -> Path:
    """Pipe tables whose spans were dropped (each cell once, rows as long as their cells)."""
    out = [f"# {title(report)}", ""]
    for name, rows, width in _tables(report):
        out += [f"## {name}", ""]
        for i, row in enumerate(rows):
            out.append("| " + " | ".join(_md_cell(c.text) for c in row) + " |")
            if i == 0:
                out.append("|" + " --- |" * max(width, len(row)))
        out.append("")
    return _write(folder, "gfm.md", "\n".join(out) + "\n")


def markitdown_md(report: AnnualReport, folder: Path) -> Path:
    """markdownify's pipe tables: a cell spanning n columns followed by n-1 empty cells,
    rowspans dropped (the rows under a merged label one cell short); an empty header."""
    out = [title(report), "=" * 20, ""]
    for name, rows, width in _tables(report):
        out += [name, "-" * 20, ""]
        out += ["|" + "  |" * width, "|" + " --- |" * width]
        for row in rows:
            cells: list[str] = []
            for c in row:
                cells += [_md_cell(c.text), *([""] * (c.colspan - 1))]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    return _write(folder, "markitdown.md", "\n".join(out) + "\n")


def _html_table(rows: Rows, cell: Callable[[GridCell], str], attrs: str = "") -> str:
    return (
        f"<table{attrs}>"
        + "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>" for row in rows)
        + "</table>"
    )


def md_html_tables(report: AnnualReport, folder: Path) -> Path:
    """pandoc's GitHub Markdown of a document whose tables have merged cells: headings in
    Markdown, each table as raw HTML (``<table>`` with its spans, ``<th>`` headers)."""
    out = [f"# {title(report)}", ""]
    for name, rows, _width in _tables(report):
        out += [f"## {name}", "", _html_table(rows, _td).replace("<tr>", "\n<tr>"), ""]
    return _write(folder, "pandoc-gfm.md", "\n".join(out) + "\n")


def _input_td(cell: GridCell) -> str:
    span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
    )
    if cell.label:
        return f"<td{span}>{_esc(cell)}</td>"
    value = html.escape(cell.text, quote=True)
    return f'<td{span}><input type="text" readonly value="{value}" size="20"></td>'


def form_inputs(report: AnnualReport, folder: Path) -> Path:
    """An online form's page: every value in a read-only ``<input value=…>`` (a person
    sees the number in the box)."""
    body: list[str] = []
    for name, rows, _width in _tables(report):
        body += [f"<h2>{html.escape(name)}</h2>", _html_table(rows, _input_td, ' border="1"')]
    return _write(folder, "form.html", _page(report, body))


def _responsive(rows: Rows, width: int) -> dict[tuple[int, int], str]:
    """Each value cell's column header (the last header row's label above it)."""
    grid = _full_grid(rows, width)
    heads: dict[int, str] = {}
    out: dict[tuple[int, int], str] = {}
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for c in row:
            spans[(r, c.col)] = c.colspan
            if c.label and c.role == "header":
                for k in range(c.col, c.col + c.colspan):
                    heads[k] = c.text
            elif not c.label:
                out[(r, c.col)] = heads.get(c.col, grid[0][0])
    return out


def _responsive_page(report: AnnualReport, css: str) -> str:
    body: list[str] = []
    for name, rows, width in _tables(report):
        heads = _responsive(rows, width)
        body += [f"<h2>{html.escape(name)}</h2>", '<table border="1">']
        for r, row in enumerate(rows):
            cells = []
            for c in row:
                label = heads.get((r, c.col))
                inner = (
                    f'<span class="cell-label">{html.escape(label)}</span>{_esc(c)}'
                    if label is not None
                    else _esc(c)
                )
                cells.append(_td(c).replace(f">{_esc(c) or '&nbsp;'}</td>", f">{inner}</td>", 1))
            body.append("<tr>" + "".join(cells) + "</tr>")
        body.append("</table>")
    return _page(report, body, css)


def responsive_hidden(report: AnnualReport, folder: Path) -> Path:
    """A responsive table: each value cell holds its column's header in a span the page
    hides (shown only on a phone, by a media query)."""
    css = (
        ".cell-label{display:none}"
        "@media (max-width:600px){.cell-label{display:block;font-weight:bold}}"
    )
    return _write(folder, "responsive.html", _responsive_page(report, css))


def responsive_shown(report: AnnualReport, folder: Path) -> Path:
    """A responsive table whose cells show their column's header before the value (a
    phone's view saved: ``自然人 26``, the label a block above the number)."""
    css = ".cell-label{display:block;font-size:9pt;color:#666}"
    return _write(folder, "responsive-shown.html", _responsive_page(report, css))


def _columns(rows: Rows, keep: list[int]) -> Rows:
    """The rows cut to these columns (in this order, contiguous runs), spans clipped."""
    at = {c: i for i, c in enumerate(keep)}
    out: Rows = []
    for row in rows:
        cells: list[GridCell] = []
        for c in row:
            kept = [at[k] for k in range(c.col, c.col + c.colspan) if k in at]
            if kept:
                cells.append(attrs.evolve(c, col=min(kept), colspan=len(kept)))
        out.append(sorted(cells, key=lambda c: c.col))
    return out


def _first_value_column(rows: Rows) -> int:
    return min(c.col for row in rows for c in row if not c.label)


def column_split(report: AnnualReport, folder: Path) -> Path:
    """A table too wide for the page printed as two: each has the row labels and half of
    the value columns (with their headers), one under the other."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        first = _first_value_column(rows)
        if width - first < 4:
            body.append(_html_table(rows, _td, ' border="1"'))
            continue
        mid = first + (width - first + 1) // 2
        labels = list(range(first))
        for part in (list(range(first, mid)), list(range(mid, width))):
            body.append(_html_table(_columns(rows, labels + part), _td, ' border="1"'))
            body.append("<p>（续表）</p>" if part[0] == first else "")
    return _write(folder, "column-split.html", _page(report, body))


def frozen_columns(report: AnnualReport, folder: Path) -> Path:
    """A data grid with frozen columns (EasyUI, LayUI): the label columns in one view's
    header and body tables, the value columns in a second view's, side by side."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        first = _first_value_column(rows)
        n_head = next((i for i, row in enumerate(rows) if any(not c.label for c in row)), 0)
        body.append('<div class="datagrid-wrap">')
        for view, cols in (("view1", range(first)), ("view2", range(first, width))):
            part = _columns(rows, list(cols))
            if not any(part):
                continue
            body.append(f'<div class="datagrid-{view}" style="float:left">')
            for cls, piece in (("header", part[:n_head]), ("body", part[n_head:])):
                if piece:
                    table = _html_table(piece, _td, ' class="datagrid-htable" border="1"')
                    body.append(f'<div class="datagrid-{cls}">{table}</div>')
            body.append("</div>")
        body.append('</div><div style="clear:both"></div>')
    return _write(folder, "frozen.html", _page(report, body))


def _spans_page(report: AnnualReport, folder: Path, name: str) -> tuple[str, Path]:
    from producers import html_spans

    path = html_spans(report, folder).rename(folder / name)
    return path.read_text("utf-8"), path


def tfoot_first(report: AnnualReport, folder: Path) -> Path:
    """Our page with each table's last two rows in a ``<tfoot>`` written before the body
    (as HTML 4 asked: a browser shows them at the end)."""
    page, path = _spans_page(report, folder, "tfoot.html")

    def move(m: re.Match[str]) -> str:
        rows = re.findall(r"<tr>.*?</tr>", m.group(1), re.S)
        if len(rows) < 4:
            return m.group(0)
        return f"<tfoot>{''.join(rows[-2:])}</tfoot><tbody>{''.join(rows[:-2])}</tbody>"

    path.write_text(re.sub(r"<tbody>(.*?)</tbody>", move, page, flags=re.S), "utf-8")
    return path


def rowspan_zero(report: AnnualReport, folder: Path) -> Path:
    """Our page with the longest row-spanning label of each table written
    ``rowspan="0"`` (HTML 5: to the end of its section), the rows after its span in a
    ``<tbody>`` of their own."""
    page, path = _spans_page(report, folder, "rowspan0.html")

    def zero(m: re.Match[str]) -> str:
        rows = re.findall(r"<tr>.*?</tr>", m.group(1), re.S)
        spans = [
            (int(f.group(1)), i, f.group(0))
            for i, row in enumerate(rows)
            if (f := re.search(r'rowspan="(\d+)"', row.split("</td>", 1)[0])) is not None
        ]
        if not spans:
            return m.group(0)
        n, i, attr = max(spans)
        rows[i] = rows[i].replace(attr, 'rowspan="0"', 1)
        rest = "".join(rows[i + n :])
        more = f"</tbody><tbody>{rest}" if rest else ""
        return f"<tbody>{''.join(rows[: i + n])}{more}</tbody>"

    path.write_text(re.sub(r"<tbody>(.*?)</tbody>", zero, page, flags=re.S), "utf-8")
    return path


#: The producers of this module by name.
CMS: dict[str, Producer] = {
    "div-table": div_table,
    "div-table-full": div_table_full,
    "css-grid": css_grid,
    "css-grid-auto": css_grid_auto,
    "dl-rows": dl_rows,
    "ul-rows": ul_rows,
    "bootstrap": bootstrap,
    "split-head": split_head,
    "html2text": html2text_md,
    "html2text-txt": html2text_txt,
    "gfm-nospan": gfm_nospan,
    "markitdown": markitdown_md,
    "md-html-tables": md_html_tables,
    "form-inputs": form_inputs,
    "responsive-hidden": responsive_hidden,
    "responsive-shown": responsive_shown,
    "column-split": column_split,
    "frozen-columns": frozen_columns,
    "tfoot-first": tfoot_first,
    "rowspan-zero": rowspan_zero,
}
