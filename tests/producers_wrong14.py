"""Two numbers under one header: a value column of the tables doubled, its header (and
every header over it) merged across both columns, the data rows holding another number
(last year's, a draft's) beside the report's own under it.

:func:`doubled` makes the class from any report: a seeded choice of value columns of the
three tables, the extra column after or before each, an optional header row naming the
two (上年 | 本年). Each producer writes the doubled grid as a publisher's program would:
a workbook's merged cells, HTML's colspan (and a CMS's page that dropped one or both
span kinds), Word's gridSpan, tab-separated text (a merged cell once), Markdown.

No reader can tell which of two numbers under one header is its field's (the header
says nothing of it): each such row reads blank with a warning naming it; never the
other number, and never a number as the next field, whose header stands elsewhere.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl

from producers import tab_fields
from producers_attack9 import _put, _stale
from zfxxgk import AnnualReport
from zfxxgk.published.export import GridCell, table_rows, title

Producer = Callable[[AnnualReport, Path], Path]
Rows = list[list[GridCell]]
#: The tables of a report as written: each table's title and its doubled rows.
Tables = list[tuple[str, Rows]]


def _extra(text: str, rng: random.Random) -> str:
    """The other number under the header: another number than the cell's, or (a blank
    cell) a blank or a number."""
    if not text:
        return "" if rng.random() < 0.5 else str(rng.choice((0, 2, 17)))
    return _stale(text, rng.choice((-2, 1, 2, 5))) if rng.random() < 0.9 else "0"


def _double(
    rows: Rows,
    rng: random.Random,
    share: float,
    names: tuple[str, str] | None,
    only: int | None = None,
) -> Rows:
    """The rows with some value columns doubled (each with chance ``share``, one at
    least; ``only``: that column alone, the other number first): every cell over such a
    column spans one more, a value cell in it split in two, the report's number in one
    and another number in the other; ``names``: a header row over each pair under the
    headers of each block (上年, 本年)."""
    starts = sorted({c.col for row in rows for c in row if not c.label})
    chosen = {c for c in starts if rng.random() < share} or {rng.choice(starts)}
    before = {c: rng.random() < 0.5 for c in chosen}  # the extra number first
    if only is not None:
        chosen, before = {only}, {only: True}

    def pos(j: int) -> int:
        return j + sum(1 for s in chosen if s < j)

    def end(j: int) -> int:
        return pos(j) + (1 if j in chosen else 0)

    # a names row goes before each block's first row of values (its headers above it)
    valued = [any(not c.label for c in row) for row in rows]
    inserts = {i for i in range(1, len(rows)) if valued[i] and not valued[i - 1]}
    if names is None:
        inserts = set()
    out: Rows = []
    for i, row in enumerate(rows):
        if i in inserts:
            assert names is not None
            # (上年 over the other number, 本年 over the report's own)
            named = {
                pos(s) + k: names[0 if (k == 0) == before[s] else 1]
                for s in sorted(chosen)
                for k in (0, 1)
            }
            # (every other column a blank cell, where no label from above covers it)
            covered = {
                col
                for j, above in enumerate(rows[:i])
                for c in above
                if j + c.rowspan > i
                for col in range(pos(c.col), end(c.col + c.colspan - 1) + 1)
            }
            width = max(end(c.col + c.colspan - 1) + 1 for c in row)
            out.append(
                [
                    GridCell(col=j, text=named.get(j, ""), role="header")
                    for j in range(width)
                    if j not in covered
                ]
            )
        new: list[GridCell] = []
        for c in row:
            last = c.col + c.colspan - 1
            if c.label or c.col not in chosen:
                span = end(last) - pos(c.col) + 1
                # a label merged down across a names row reaches one row further
                down = c.rowspan + sum(1 for b in inserts if i < b < i + c.rowspan)
                new.append(GridCell(pos(c.col), c.text, down, span, c.label, c.role, c.path))
                continue
            other = _extra(c.text, rng)
            mine, extra = (c.text, c.path), (other, None)
            pair = [extra, mine] if before[c.col] else [mine, extra]
            new.append(GridCell(pos(c.col), pair[0][0], label=False, path=pair[0][1]))
            rest = end(last) - pos(c.col)
            new.append(GridCell(pos(c.col) + 1, pair[1][0], 1, rest, label=False, path=pair[1][1]))
        out.append(new)
    return out


_NAMES = (("上年", "本年"), ("上年数", "本年数"))


def doubled(report: AnnualReport, seed: int) -> Tables:
    """The report's tables with value columns doubled (:func:`_double`), seeded."""
    rng = random.Random(seed)
    share = rng.choice((0.15, 0.4, 1.0))
    names = rng.choice((None, None, *_NAMES))
    return [
        (t.title, _double(table_rows(report, t), rng, share, names)) for t in report.layout.tables
    ]


def _width(rows: Rows) -> int:
    return max(c.col + c.colspan for row in rows for c in row)


# ---- writers ---------------------------------------------------------------------------


def _xlsx(report: AnnualReport, tables: Tables, path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(1, 1, title(report))
    r = 3
    for name, rows in tables:
        ws.cell(r, 1, name)
        r = _put(ws, r + 1, rows) + 1
    wb.save(path)
    return path


def _html(report: AnnualReport, tables: Tables) -> str:
    out = ["<!DOCTYPE html>", '<html><head><meta charset="utf-8"></head><body>']
    out.append(f"<h1>{html.escape(title(report))}</h1>")
    for name, rows in tables:
        out.append(f'<h2>{html.escape(name)}</h2><table border="1">')
        for row in rows:
            tds = "".join(
                "<td"
                + (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "")
                + (f' colspan="{c.colspan}"' if c.colspan > 1 else "")
                + f">{html.escape(c.text) or '&nbsp;'}</td>"
                for c in row
            )
            out.append(f"<tr>{tds}</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _docx(report: AnnualReport, tables: Tables, path: Path) -> Path:
    from docx.oxml.ns import qn

    from zfxxgk.published.docx_writer import add_paragraph, new_document, save

    doc = new_document()
    add_paragraph(doc, title(report), ("宋体", 18.0), center=True)
    for name, rows in tables:
        add_paragraph(doc, name, ("黑体", 12.0))
        t = doc.add_table(rows=len(rows), cols=_width(rows))
        t.style = "Table Grid"
        tcs = [list(tr.tc_lst) for tr in t._tbl.tr_lst]
        for r, row in enumerate(rows):
            for cell in row:
                for dr in range(cell.rowspan):
                    tc = tcs[r + dr][cell.col]
                    if cell.colspan > 1:
                        tc.grid_span = cell.colspan
                        for extra in tcs[r + dr][cell.col + 1 : cell.col + cell.colspan]:
                            extra.getparent().remove(extra)
                    if cell.rowspan > 1:
                        tc.vMerge = "restart" if dr == 0 else "continue"
                p = tcs[r][cell.col].p_lst[0]
                if cell.text:
                    run = p.makeelement(qn("w:r"), {})
                    text = run.makeelement(qn("w:t"), {})
                    text.text = cell.text
                    run.append(text)
                    p.append(run)
        doc.add_paragraph()
    save(doc, path)
    return path


def _tab(report: AnnualReport, tables: Tables) -> str:
    """A merged cell once (one field however many columns it spans); a row a merge from
    above covers leaves it empty."""
    out = [title(report), ""]
    for name, rows in tables:
        out.append(name)
        width = _width(rows)
        below: dict[int, tuple[int, int]] = {}  # col -> (rows left, colspan)
        for row in rows:
            starts = {c.col: (c.text, c.colspan) for c in row}
            starts.update({c: ("", span) for c, (_, span) in below.items()})
            below = {c: (n - 1, s) for c, (n, s) in below.items() if n > 1}
            for c in row:
                if c.rowspan > 1:
                    below[c.col] = (c.rowspan - 1, c.colspan)
            out.append("\t".join(tab_fields(starts, width)))
        out.append("")
    return "\n".join(out) + "\n"


def _markdown(report: AnnualReport, tables: Tables) -> str:
    """Pipe tables, a merged cell's text in its first cell."""
    out = [f"# {title(report)}", ""]
    for name, rows in tables:
        out += [f"## {name}", ""]
        width = _width(rows)
        for i, row in enumerate(rows):
            grid = [""] * width
            for c in row:
                grid[c.col] = c.text
            out.append("| " + " | ".join(grid) + " |")
            if i == 0:
                out.append("|" + "---|" * width)
        out.append("")
    return "\n".join(out) + "\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


#: Each writer of a doubled report: (report, tables, folder) -> path.
Writer = Callable[[AnnualReport, Tables, Path], Path]

#: Every writer, by name: the spans kept (a workbook's merges, HTML's, Word's gridSpan),
#: one kind of span or both dropped (a CMS's page), a merged cell written once (tab
#: text) or its text in its first cell (Markdown).
WRITERS: dict[str, Writer] = {
    "xlsx": lambda r, t, f: _xlsx(r, t, f / "doubled.xlsx"),
    "html": lambda r, t, f: _write(f / "doubled.html", _html(r, t)),
    "html-cms": lambda r, t, f: _write(
        f / "cms.html", re.sub(r'\s(?:rowspan|colspan)="\d+"', "", _html(r, t))
    ),
    "html-cms-colspan": lambda r, t, f: _write(
        f / "cms-colspan.html", re.sub(r'\scolspan="\d+"', "", _html(r, t))
    ),
    "html-cms-rowspan": lambda r, t, f: _write(
        f / "cms-rowspan.html", re.sub(r'\srowspan="\d+"', "", _html(r, t))
    ),
    "docx": lambda r, t, f: _docx(r, t, f / "doubled.docx"),
    "tab-text": lambda r, t, f: _write(f / "doubled.txt", _tab(r, t)),
    "md": lambda r, t, f: _write(f / "doubled.md", _markdown(r, t)),
}


def producer(writer: str, seed: int) -> Producer:
    """A producer of the class: the report doubled with ``seed``, written by ``writer``."""
    return lambda report, folder: WRITERS[writer](report, doubled(report, seed), folder)


#: The writers whose pages show where a merged header ends, drop spans (a CMS's) or
#: write a merged cell once (tab text): every cell right or blank with a warning. Not
#: Markdown: its merged cell's text in its first cell, blanks after it, is one number
#: under a header as much as last year's beside this year's blank; where no row under
#: the header holds two numbers, nothing tells them apart.
VISIBLE = ("xlsx", "html", "html-cms", "html-cms-colspan", "html-cms-rowspan", "docx", "tab-text")
