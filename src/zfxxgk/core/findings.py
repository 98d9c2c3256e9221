"""What a check finds, as data: cells, findings, likely causes and the result of a report.

A finding's message is a :class:`~zfxxgk.notes.Note` (a code and parameters); its Chinese
and English text is made when it is shown (``message_zh``, ``text()``, the CLI).
"""

from __future__ import annotations

from typing import Any

import attrs

from zfxxgk.core.evaluate import Status
from zfxxgk.core.jsonio import dumps
from zfxxgk.noteparams import LastYear, shown
from zfxxgk.notes import Note, sheet_cell
from zfxxgk.xlsx.refs import cell_ref, joined_runs, parse_ref


@attrs.frozen
class CellInfo:
    """One cell that takes part in a rule instance."""

    field: str  #: dotted path, e.g. ``applications.new_received.total``
    label: str
    sheet: str | None  #: from the report's provenance, else the official template
    cell: str | None
    value: Any
    previous: bool = False  #: a cell of last year's report
    raw: Any = None  #: what the cell held, where it was not the value itself (text)

    @property
    def ref(self) -> str | None:
        """``'三、依申请'!J5`` (``上年 …`` for last year's), or None without a cell."""
        if self.sheet is None or self.cell is None:
            return None
        return f"{'上年 ' if self.previous else ''}{sheet_cell(self.sheet, self.cell)}"

    @property
    def where(self) -> str:
        """The reference, or the dotted field where there is no cell."""
        return self.ref or self.field

    @property
    def place(self) -> str | LastYear:
        """The cell as a note's parameter (data): its reference, or its field where it has
        none; a cell of last year's report marked :class:`~zfxxgk.noteparams.LastYear`."""
        at = sheet_cell(self.sheet, self.cell) if self.sheet and self.cell else self.field
        return LastYear(at) if self.previous and self.sheet and self.cell else at

    @property
    def is_text(self) -> bool:
        """A number that the cell holds as text (a spreadsheet's SUM skips it)."""
        return isinstance(self.raw, str) and self.value is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "cell": self.ref,
            "value": self.value,
            "previous_year": self.previous,
        }


def ref_runs(cells: list[CellInfo] | tuple[CellInfo, ...]) -> list[str | LastYear]:
    """Cells as few references as a person reads them, as data (a note's parameter): runs
    down a column or along a row become ranges (``'三、依申请'!J9:J27``); cells without a
    sheet keep their field; last year's are marked :class:`~zfxxgk.noteparams.LastYear`."""
    out: list[str | LastYear] = []
    places: list[tuple[tuple[bool, str], int, int]] = []  # (last year's, sheet), row, col
    for c in cells:
        at = parse_ref(c.cell) if c.sheet and c.cell else None
        if at is None:
            out.append(c.place)
            continue
        places.append(((c.previous, c.sheet or ""), *at))
    boxes = [(r, col, r, col) for _, r, col in places]
    for a, b in joined_runs(boxes, [g for g, _, _ in places]):
        (previous, sheet), r0, c0 = places[a]
        first, last = cell_ref(r0, c0), cell_ref(*places[b][1:])
        ref = sheet_cell(sheet, first if last == first else f"{first}:{last}")
        out.append(LastYear(ref) if previous else ref)
    return out


def compact_refs(cells: list[CellInfo] | tuple[CellInfo, ...]) -> str:
    """:func:`ref_runs` as Chinese text (``'三、依申请'!J9:J27、上年 '三、依申请'!J5``)."""
    return str(shown(ref_runs(cells), "zh"))


class _Message:
    """The Chinese and English text of a finding's or a cause's note, made when read."""

    __slots__ = ()
    note: Note

    @property
    def message_zh(self) -> str:
        return self.note.text("zh")

    @property
    def message_en(self) -> str:
        return self.note.text("en")


@attrs.frozen(kw_only=True)
class Finding(_Message):
    """One instance of a rule, failed, not assessable or (when asked) passed."""

    rule: str
    severity: str
    #: failed, not assessable or passed (equal to its text: ``"failed"`` …)
    status: Status = attrs.field(converter=Status)
    statement: str
    stated: Any = None
    computed: Any = None
    difference: Any = None
    cells: tuple[CellInfo, ...] = ()
    absent: tuple[str, ...] = ()  #: cells (or fields) of the instance that were blank
    note: Note  #: the message, as a code and parameters

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "status": self.status.value,
            "statement": self.statement,
            "stated": self.stated,
            "computed": self.computed,
            "difference": self.difference,
            "cells": [c.to_dict() for c in self.cells],
            "absent": list(self.absent),
            "code": self.note.code,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


@attrs.frozen(kw_only=True)
class LikelyCause(_Message):
    """One cell whose change by one amount would satisfy several failed findings."""

    cell: CellInfo
    suggested: Any
    explains: tuple[int, ...]  #: indices into the result's findings
    note: Note

    def to_dict(self) -> dict[str, Any]:
        return {
            "cell": self.cell.to_dict(),
            "value": self.cell.value,
            "suggested": self.suggested,
            "explains": list(self.explains),
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }


@attrs.frozen
class CheckResult:
    """The findings of one report: ok when none is an error."""

    edition: str
    agency: str | None
    year: int | None
    file: str | None
    findings: tuple[Finding, ...]
    likely: tuple[LikelyCause, ...] = ()
    blank_inputs: int = 0  #: input cells of the official tables left blank

    @property
    def issues(self) -> tuple[Finding, ...]:
        """The findings that are not passes."""
        return tuple(f for f in self.findings if f.status is not Status.PASSED)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.issues)

    @property
    def unreported(self) -> bool:
        """The report states no number at all (未填报)."""
        return any(f.rule == "RX-UNREPORTED" and f.status is Status.FAILED for f in self.findings)

    @property
    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.issues:
            out[f.severity] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "agency": self.agency,
            "year": self.year,
            "edition": self.edition,
            "ok": self.ok,
            "unreported": self.unreported,
            "counts": self.counts,
            "blank_inputs": self.blank_inputs,
            "likely": [c.to_dict() for c in self.likely],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = None) -> str:
        return dumps(self.to_dict(), indent=indent)

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per finding, for a spreadsheet or pandas."""
        return finding_rows(self.to_dict())

    def text(self) -> str:
        """A readable report in Chinese."""
        return text_report(self.to_dict())


ROW_COLUMNS = (
    "file",
    "agency",
    "year",
    "edition",
    "rule",
    "severity",
    "status",
    "statement",
    "stated",
    "computed",
    "difference",
    "cells",
    "absent",
    "message_zh",
    "message_en",
)

LIKELY_RULE = "最可能出错"


def finding_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The flat rows of a check result in its dict form (``CheckResult.to_dict()``): the
    likely causes first, then each finding."""
    head = {k: result.get(k) for k in ("file", "agency", "year", "edition")}
    rows = [
        {
            **head,
            "rule": LIKELY_RULE,
            "severity": "error",
            "status": "likely_cause",
            "statement": "",
            "stated": c["value"],
            "computed": c["suggested"],
            "cells": c["cell"]["cell"] or c["cell"]["field"],
            "absent": "",
            "message_zh": c["message_zh"],
            "message_en": c["message_en"],
        }
        for c in result.get("likely", [])
    ]
    rows += [
        {
            **head,
            **{k: f[k] for k in ROW_COLUMNS if k in f},
            "cells": " ".join(c["cell"] or c["field"] for c in f["cells"]),
            "absent": " ".join(f["absent"]),
        }
        for f in result["findings"]
    ]
    return rows


def text_report(result: dict[str, Any]) -> str:
    """The Chinese text of a check result in its dict form."""
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    status = {"failed": "", "not_assessable": "（无法核对）", "passed": "（通过）"}
    head = (
        f"{result.get('file') or ''} {result.get('agency') or '（报告单位未填）'} "
        f"{result.get('year') or ''}年度 {result['edition']} 版式"
    ).strip()
    c = result["counts"]
    issues = [f for f in result["findings"] if f["status"] != "passed"]
    lines = [head]
    if result.get("previous"):
        lines.append(f"对照上一年度报告：{result['previous']}")
    elif result.get("previous_note"):
        lines.append(f"注意：{result['previous_note']}")
    if result.get("unreported"):
        verdict = "未填报（报告中没有任何数值）。"
    else:
        verdict = "。" if issues else "，全部通过。"
    lines.append(
        f"勾稽关系校验：{c['error']} 个错误，{c['warning']} 个警告，{c['info']} 个提示" + verdict
    )
    if result.get("blank_inputs"):
        lines.append(f"未填写的填报单元格：{result['blank_inputs']} 个（未填写不等于 0）")
    for cause in result.get("likely", []):
        lines.append(f"[{LIKELY_RULE}] {cause['message_zh']}")
    for f in result["findings"]:
        tag = "通过" if f["status"] == "passed" else names[f["severity"]]
        lines.append(f"[{tag}] {f['rule']}{status[f['status']]} {f['message_zh']}")
        refs = "、".join(x["cell"] or x["field"] for x in f["cells"])
        if refs and f["status"] != "passed":
            lines.append(f"    涉及单元格：{refs}")
    return "\n".join(lines) + "\n"
