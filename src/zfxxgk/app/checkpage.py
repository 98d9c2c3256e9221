"""A check result as one HTML page: the tables as published, the failing totals and the
cells that enter them marked, each finding under its table."""

from __future__ import annotations

from typing import Any

from zfxxgk.core.check import CheckResult
from zfxxgk.core.model import AnnualReport
from zfxxgk.published.export import title, to_html

#: CSS classes of marked cells.
FAIL = "fail"  #: the total (or checked cell) of a failed or not assessable finding
CAUSE = "cause"  #: a cell that enters it, one of the likely causes
LIKELY = "likely"  #: the cell check() names as the most likely wrong one


def _path(field: str) -> tuple[str, str, str] | None:
    parts = field.split(".")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def check_page(report: AnnualReport, result: CheckResult) -> str:
    """The page: every finding that is an issue, marked in the tables and listed."""
    marks: dict[tuple[str, str, str], str] = {}
    below: dict[str, list[tuple[str, str]]] = {}
    for f in result.issues:
        cells: list[Any] = [c for c in f.cells if not getattr(c, "previous", False)]
        table = ""
        for i, cell in enumerate(cells):
            path = _path(cell.field)
            if path is None:
                continue
            table = table or path[0]
            if i == 0:
                marks[path] = FAIL
            else:
                marks.setdefault(path, CAUSE)
        ref = cells[0].ref if cells else None
        where = f"（{ref}）" if isinstance(ref, str) else ""
        below.setdefault(table, []).append((f.severity, f"[{f.rule}]{where} {f.message_zh}"))
    for cause in result.likely:
        path = _path(cause.cell.field)
        if path is not None:
            marks[path] = f"{marks.get(path, FAIL)} {LIKELY}"
            below.setdefault(path[0], []).insert(0, ("error", f"[最可能出错] {cause.message_zh}"))
    if not result.issues:
        below[""] = [("ok", "勾稽关系校验通过，未发现问题。")]
    else:
        n = {s: sum(1 for f in result.issues if f.severity == s) for s in ("error", "warning")}
        summary = (
            f"错误 {n['error']} 项，警告 {n['warning']} 项；"
            "红色为不成立的合计，黄色为参与计算的单元格，虚线框为最可能出错的单元格（改正它可同时解决几项问题）。"
        )
        below[""] = [("summary", summary), *below.get("", [])]
    return to_html(report, marks=marks, below=below, heading=f"{title(report)} · 勾稽关系校验")
