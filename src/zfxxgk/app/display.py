"""A report as readable text: each table with its labels, blanks shown as —."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from zfxxgk.core.labels import display_width
from zfxxgk.core.layout import Block, block_parts, evolve
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.values import Value, number_text

ABSENT = "—"


def _fmt(value: Value) -> str:
    if value is None:
        return ABSENT
    if isinstance(value, int | Decimal):
        return number_text(value)
    return str(value)


def _clip(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = max(0, width - display_width(text))
    return " " * gap + text if right else text + " " * gap


def _block_lines(report: AnnualReport, table_key: str, block: Block) -> Iterator[str]:
    rows: list[tuple[str, list[str]]] = []
    for part, columns, row in block_parts(block):
        values = [_fmt(report.get((table_key, part, c.key))) for c in columns]
        if row is None:
            for c, v in zip(columns, values, strict=True):
                rows.append((" · ".join(c.path), [v]))
            continue
        label = " ".join(row.path[1:]) if len(row.path) > 1 else row.label
        if part in {r.key for r in block.optional_rows}:
            label += "（小计）"
        rows.append((label, values))
    if not rows:
        return
    headers = [c.label for c in block.columns] if block.rows[0].key is not None else ["数值"]
    label_width = min(60, max(display_width(r[0]) for r in rows))
    widths = [
        max(display_width(h), *(display_width(r[1][i]) for r in rows if i < len(r[1])))
        for i, h in enumerate(headers)
    ]
    if block.title:
        yield block.title
    yield (
        "  "
        + _pad("", label_width)
        + "  "
        + "  ".join(_pad(h, w, right=True) for h, w in zip(headers, widths, strict=True))
    )
    for label, values in rows:
        yield (
            "  "
            + _pad(_clip(label, label_width), label_width)
            + "  "
            + "  ".join(_pad(v, w, right=True) for v, w in zip(values, widths, strict=False))
        )


def render(report: AnnualReport) -> str:
    """The report as text, in the order and with the labels of the official tables."""
    e = report.layout
    lines = [
        f"{report.agency or '（报告单位未填）'}  {report.year or '（年度未填）'}年度",
        f"版式 {e.id}：{e.document}",
        "",
    ]
    for table in e.tables:
        lines.append(table.title)
        for block in table.blocks:
            stated = _drop_empty_optional(report, table.key, block)
            lines.extend(_block_lines(report, table.key, stated))
        for extra in table.extras:
            lines.append(f"  {extra.label}：{_fmt(report.get((table.key, extra.part, extra.key)))}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _drop_empty_optional(report: AnnualReport, table_key: str, block: Block) -> Block:
    kept = tuple(
        r
        for r in block.optional_rows
        if any(report.get((table_key, r.key or "", c.key)) is not None for c in block.columns)
    )
    return evolve(block, optional_rows=kept)
