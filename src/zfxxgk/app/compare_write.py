"""A comparison written out: CSV (UTF-8 with BOM), Excel, or one HTML page with small
inline-SVG bar charts of the main indicators (no script; prints on paper)."""

from __future__ import annotations

import csv
import html
import io
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from zfxxgk.app.compare import CSV_COLUMNS, STATUS_ZH, Comparison
from zfxxgk.core.values import number_text
from zfxxgk.errors import OutputError
from zfxxgk.published.export import PAGE_CSS

#: Columns naming the pair, before the value columns, when folders are compared.
PAIR_COLUMNS = ("agency", "last_year", "this_year", "last_file", "this_file")

OUTPUTS = (".csv", ".xlsx", ".html", ".htm")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number_text(value)
    return value


def table_rows(
    comparisons: Sequence[tuple[dict[str, Any], Comparison]], folders: bool = False
) -> tuple[list[str], list[list[Any]]]:
    """The header and rows: one row per value (and, comparing folders, per pair, with the
    pair's agency, years and files first)."""
    pair_cols = list(PAIR_COLUMNS) if folders else []
    header = pair_cols + list(CSV_COLUMNS)
    rows = []
    for info, cmp in comparisons:
        lead = [_cell(info.get(k)) for k in pair_cols]
        rows += [lead + [_cell(r[k]) for k in CSV_COLUMNS] for r in cmp.rows()]
    return header, rows


def write(
    comparisons: Sequence[tuple[dict[str, Any], Comparison]],
    path: str | os.PathLike[str],
    *,
    folders: bool = False,
) -> None:
    """Write the comparisons to ``path`` (.csv, .xlsx or .html by its suffix), atomically."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in OUTPUTS:
        raise OutputError.of("output-suffix", file=str(out), allowed=list(OUTPUTS))
    from zfxxgk.xlsx.atomic import atomic_path, write_bytes_atomic

    if suffix == ".csv":
        header, rows = table_rows(comparisons, folders)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        write_bytes_atomic(out, buf.getvalue().encode("utf-8-sig"))
    elif suffix == ".xlsx":
        with atomic_path(out) as tmp:
            _xlsx(comparisons, tmp, folders)
    else:
        page = "".join(to_html(cmp, standalone=False) for _, cmp in comparisons)
        title = comparisons[0][1].heading() if len(comparisons) == 1 else "年度报告对比"
        write_bytes_atomic(out, _page(title, page).encode("utf-8"))


def _xlsx(
    comparisons: Sequence[tuple[dict[str, Any], Comparison]], path: Path, folders: bool
) -> None:
    import xlsxwriter

    header, rows = table_rows(comparisons, folders)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    bold = wb.add_format({"bold": True})
    ws = wb.add_worksheet("对比")
    ws.write_row(0, 0, header, bold)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if isinstance(value, str) and header[j] in ("last", "this", "change") and value:
                ws.write_number(i, j, float(value))  # an amount, kept as text in CSV
            else:
                ws.write(i, j, value)
    ws.freeze_panes(1, 0)
    ws.set_column(header.index("label"), header.index("label"), 48)
    mv = wb.add_worksheet("主要变化")
    xy = wb.add_worksheet("跨年度核对")
    r1 = r2 = 0
    for info, cmp in comparisons:
        who = info.get("agency") or cmp.this.agency or ""
        for m in cmp.movements:
            mv.write_row(r1, 0, [who, m])
            r1 += 1
        for f in cmp.findings:
            xy.write_row(r2, 0, [who, f.rule, f.severity, f.status, f.message_zh])
            r2 += 1
    wb.close()


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{PAGE_CSS}{_CSS}</style></head><body>\n"
        f"{body}</body></html>\n"
    )


_CSS = """
table.cmp { border-collapse: collapse; width: 100%; font-size: 9pt; }
table.cmp td, table.cmp th { border: 1px solid #000; padding: 1pt 3pt; }
table.cmp th:first-child { width: 46%; }
table.cmp td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.cmp tr.apart td { color: #666; font-style: italic; }
div.charts { display: flex; flex-wrap: wrap; gap: 6pt; }
div.charts svg { border: 1px solid #ccc; }
"""


def indicators(cmp: Comparison) -> list[tuple[str, str, float | None, float | None]]:
    """The charted indicators: name, unit, last year's value, this year's."""

    def pick(key: str, side: str) -> float | None:
        try:
            v = getattr(cmp.get(key), side)
        except KeyError:
            return None
        return None if v is None else float(v)

    def share(side: str) -> float | None:
        a = pick("applications.disclosed.total", side)
        b = pick("applications.partially_disclosed.total", side)
        t = pick("applications.results_total.total", side)
        if a is None or b is None or not t:
            return None
        return round((a + b) / t * 100, 1)

    def suits(side: str) -> float | None:
        parts = [
            pick(f"reviews.{k}.total", side)
            for k in ("litigation_direct", "litigation_after_reconsideration")
        ]
        stated = [p for p in parts if p is not None]
        return sum(stated) if stated else None

    new, review = "applications.new_received.total", "reviews.reconsideration.total"
    return [
        ("本年新收申请", "件", pick(new, "last"), pick(new, "this")),
        ("予以公开和部分公开的比例", "%", share("last"), share("this")),
        ("行政复议", "件", pick(review, "last"), pick(review, "this")),
        ("行政诉讼", "件", suits("last"), suits("this")),
    ]


def bar_chart(name: str, unit: str, labels: Sequence[str], values: Sequence[float | None]) -> str:
    """A small SVG bar chart: one bar per year, the value above it."""
    w, h, top, base = 200, 130, 30, 108
    peak = max((v for v in values if v is not None), default=0) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-label="{html.escape(name)}">',
        f'<text x="{w / 2}" y="16" text-anchor="middle" font-size="12">'
        f"{html.escape(name)}（{unit}）</text>",
        f'<line x1="20" y1="{base}" x2="{w - 20}" y2="{base}" stroke="#000"/>',
    ]
    step = (w - 40) / max(len(values), 1)
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        x = 20 + i * step + step * 0.2
        bw = step * 0.6
        bh = 0 if v is None else (base - top) * v / peak
        shown = "—" if v is None else (f"{v:g}")
        fill = "#7f7f7f" if i < len(values) - 1 else "#1f4e99"
        out.append(
            f'<rect x="{x:.1f}" y="{base - bh:.1f}" width="{bw:.1f}" height="{bh:.1f}" '
            f'fill="{fill}"><title>{html.escape(label)}: {shown}</title></rect>'
        )
        out.append(
            f'<text x="{x + bw / 2:.1f}" y="{base - bh - 3:.1f}" text-anchor="middle" '
            f'font-size="11">{shown}</text>'
        )
        out.append(
            f'<text x="{x + bw / 2:.1f}" y="{base + 14}" text-anchor="middle" '
            f'font-size="11">{html.escape(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def to_html(cmp: Comparison, *, standalone: bool = True) -> str:
    """The comparison as HTML: charts, the movements, the cross-year findings, every
    value."""
    years = [
        f"{r.year}年" if r.year is not None else label
        for r, label in ((cmp.last, "上年"), (cmp.this, "本年"))
    ]
    parts = [f"<h1>{html.escape(cmp.heading())}</h1>", '<div class="charts">']
    parts += [bar_chart(n, u, years, [a, b]) for n, u, a, b in indicators(cmp)]
    parts.append("</div><h2>主要变化</h2><ul>")
    parts += [f"<li>{html.escape(m)}</li>" for m in cmp.movements] or ["<li>无变化</li>"]
    parts.append('</ul><h2>跨年度核对</h2><ul class="findings">')
    parts += [
        f'<li class="{html.escape(f.severity)}">[{html.escape(f.rule)}] '
        f"{html.escape(f.message_zh)}</li>"
        for f in cmp.findings
    ] or ["<li>未发现问题</li>"]
    parts.append("</ul><h2>逐项对比</h2>")
    parts.append(
        '<table class="cmp" id="changes"><thead><tr><th>项目</th>'
        f"<th>{html.escape(years[0])}</th><th>{html.escape(years[1])}</th>"
        "<th>增减</th><th>增减%</th><th>说明</th></tr></thead><tbody>"
    )
    quiet = 0
    for row in cmp.rows():
        if row["last"] == row["this"] and row["last"] in (0, None):
            quiet += 1  # 0 → 0 or blank both years: counted below, not listed
            continue
        apart = row["status"] in ("only_last", "only_this")
        pct = "" if row["change_pct"] is None else f"{row['change_pct']:+.1f}%"
        cells = [
            f"<td>{html.escape(row['label'])}</td>",
            *(f'<td class="n">{_cell(row[k])}</td>' for k in ("last", "this", "change")),
            f'<td class="n">{pct}</td>',
            f"<td>{html.escape(row['note'] or STATUS_ZH[row['status']])}</td>",
        ]
        parts.append(f"<tr{' class=apart' if apart else ''}>{''.join(cells)}</tr>")
    parts.append("</tbody></table>")
    if quiet:
        parts.append(
            f'<p class="quiet">另有 {quiet} 项两年均为 0 或均未填写，未逐项列出'
            "（CSV 与 Excel 输出列出每一项）。</p>"
        )
    parts.append("\n")
    body = "\n".join(parts)
    return _page(cmp.heading(), body) if standalone else body
