"""A copy of a workbook with the cells of every failed rule marked and commented."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from zfxxgk.core.check import CheckResult
from zfxxgk.core.model import AnnualReport
from zfxxgk.workbook.fill import fill
from zfxxgk.xlsx.atomic import atomic_path
from zfxxgk.xlsx.files import load
from zfxxgk.xlsx.suffix import XLSM, XLSX, require_suffix

FAILED_FILL = PatternFill(fill_type="solid", start_color="FFFFC7CE", end_color="FFFFC7CE")
UNASSESSABLE_FILL = PatternFill(fill_type="solid", start_color="FFFFEB9C", end_color="FFFFEB9C")
AUTHOR = "zfxxgk"
MAX_COMMENT = 2000


def annotate(
    result: CheckResult,
    report: AnnualReport,
    out: str | os.PathLike[str],
    source: str | os.PathLike[str] | None = None,
) -> Path:
    """Write ``out``: the source workbook (or, for JSON input, the filled template) with
    each cell of a failed rule filled red and commented with the rule and its numbers, and
    each blank total that made a rule unassessable filled yellow. The source is untouched.
    """
    macros = source is not None and Path(source).suffix.lower() == XLSM
    require_suffix(out, (XLSX, XLSM) if macros else (XLSX,))
    protect: tuple[str | os.PathLike[str], ...] = (source,) if source is not None else ()
    with tempfile.TemporaryDirectory() as tmp:
        if source is None:
            base: Path = fill(report, Path(tmp) / "filled.xlsx")
        else:
            base = Path(source)
        wb = load(base)
        notes: dict[tuple[str, str], list[str]] = {}
        marks: dict[tuple[str, str], PatternFill] = {}
        for finding in result.issues:
            for i, cell in enumerate(finding.cells):
                if cell.previous or cell.sheet is None or cell.cell is None:
                    continue
                if cell.sheet not in wb.sheetnames:
                    continue
                key = (cell.sheet, cell.cell)
                if finding.status == "not_assessable":
                    if i == 0:
                        marks[key] = UNASSESSABLE_FILL
                        notes.setdefault(key, []).append(
                            f"{finding.rule}（无法核对）{finding.message_zh}"
                        )
                    continue
                marks[key] = FAILED_FILL
                text = (
                    f"{finding.rule} {finding.message_zh}"
                    if i == 0
                    else f"{finding.rule} 涉及本格：{finding.statement}"
                )
                notes.setdefault(key, []).append(text)
        for (sheet, ref), fill_ in marks.items():
            c: Any = wb[sheet][ref]
            c.fill = fill_
            text = "\n".join(dict.fromkeys(notes.get((sheet, ref), [])))
            if len(text) > MAX_COMMENT:
                text = text[: MAX_COMMENT - 1] + "…"
            c.comment = Comment(text, AUTHOR, width=320, height=160)
        with atomic_path(out, protect=protect) as target:
            wb.save(target)
    return Path(out)
