"""An office's 汇总 of many files: each input with its check status, the reports left out
(unreadable, another edition or year, an amount of no unit) and why, and the visible
汇总说明 sheet that lists them in the summed workbook.

Reports are summed per (edition, year) as they stream past, so that the group to hand
upward (the one asked for, or else the one most inputs belong to) is known only at the
end without keeping any report in memory.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.app.aggregate import AggregateError, Aggregator
from zfxxgk.app.dedupe import LeftOut
from zfxxgk.core.editions.common import EXPLANATION_SHEET
from zfxxgk.core.model import AnnualReport

OK = "ok"
ERRORS = "errors"
UNREADABLE = "unreadable"
SKIPPED = "skipped"
STATUS_ZH = {OK: "通过", ERRORS: "有错误", UNREADABLE: "无法读取", SKIPPED: "未计入"}
REASON_ZH = {
    UNREADABLE: "无法读取",
    "edition": "版式不同",
    "year": "年度不同",
    "unit": "金额未注明单位",
    "duplicate": "重复的文件",
    "superseded": "同一单位同一年度另有较新的报告",
}
#: the parameter of ``aggregate-files-refused`` that lists the files left out for a reason
_REFUSED = {
    UNREADABLE: "unreadable",
    "edition": "edition_differs",
    "year": "year_differs",
    "unit": "unit_missing",
}
#: reasons a file is left out that need no --skip: it is counted once, in another file
ONCE_REASONS = frozenset({"duplicate", "superseded"})
Key = tuple[str, "int | None"]


def shown_name(name: str) -> str:
    """A file name as text that can be written anywhere: a name in no encoding (its
    undecodable bytes kept as surrogates by the file system layer) shows them as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@attrs.define
class Input:
    """One file given to an aggregate, and what became of it."""

    file: str = attrs.field(converter=shown_name)
    status: str = OK  #: ok | errors (added up) | unreadable | skipped (left out)
    agency: str | None = None
    year: int | None = None
    edition: str | None = None
    sha256: str | None = None
    errors: int = 0
    warnings: int = 0
    reason: str | None = None  #: why it was left out: unreadable, edition, year, unit
    message: str = ""  #: the error, or what was left out and why, in Chinese | English

    @property
    def added(self) -> bool:
        return self.status in (OK, ERRORS)

    @property
    def key(self) -> Key:
        return (self.edition or "", self.year)

    def skipped_entry(self) -> dict[str, Any]:
        """Its entry in the sum's ``meta.skipped``."""
        entry: dict[str, Any] = {"file": self.file, "reason": self.reason, "error": self.message}
        for k in ("agency", "year", "edition"):
            if getattr(self, k) is not None:
                entry[k] = getattr(self, k)
        return entry

    def source_entry(self) -> dict[str, Any]:
        """Its entry in the sum's ``meta.sources``."""
        return {
            "file": self.file,
            "sha256": self.sha256,
            "agency": self.agency,
            "year": self.year,
            "edition": self.edition,
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def _describe(key: Key) -> tuple[str, str]:
    edition, year = key
    return (
        f"{edition} 版式 {year if year is not None else '（年度未填）'} 年度",
        f"edition {edition}, year {year if year is not None else '(none)'}",
    )


class Office:
    """The inputs of one aggregate run and the running sums, per edition and year."""

    def __init__(
        self, agency: str | None = None, edition: str | None = None, year: int | None = None
    ) -> None:
        self.agency = agency
        self.edition = edition  #: the edition asked for (None: the majority's)
        self.year = year  #: the year asked for (None: the majority's)
        self.inputs: list[Input] = []
        self._sums: dict[Key, Aggregator] = {}

    def unreadable(self, file: str, message: str) -> Input:
        inp = Input(file, UNREADABLE, reason=UNREADABLE, message=message)
        self.inputs.append(inp)
        return inp

    def once(self, report: AnnualReport | None, inp: Input, left: LeftOut) -> Input:
        """Record an input that counts in another file's place (a copy, or superseded)."""
        if report is not None:
            inp.agency, inp.year, inp.edition = report.agency, report.year, report.edition
        inp.status, inp.reason, inp.message = SKIPPED, left.reason, str(left.note())
        self.inputs.append(inp)
        return inp

    def add(self, report: AnnualReport, inp: Input) -> Input:
        """Add a readable report (``inp`` carries its file, hash and check counts)."""
        inp.agency, inp.year, inp.edition = report.agency, report.year, report.edition
        self.inputs.append(inp)
        if not self._wanted(inp.key):
            return inp  # left out at the end, with the reason
        agg = self._sums.setdefault(inp.key, Aggregator(self.agency))
        try:
            agg.add(report, inp.file, inp.sha256)
        except AggregateError as exc:  # an amount of no unit: nothing of it was added
            inp.status, inp.reason, inp.message = SKIPPED, "unit", str(exc)
        return inp

    def _wanted(self, key: Key) -> bool:
        return (self.edition is None or key[0] == self.edition) and (
            self.year is None or key[1] == self.year
        )

    def target(self) -> Key | None:
        """The edition and year of the sum: as asked, else those of most inputs (the
        first seen on a tie)."""
        counts: dict[Key, int] = {}
        for inp in self.inputs:
            if inp.status != UNREADABLE and self._wanted(inp.key):
                counts[inp.key] = counts.get(inp.key, 0) + 1
        if not counts:
            return None
        return max(counts, key=lambda k: counts[k])  # max keeps the first of equals

    def finish(self, skip: bool) -> AnnualReport:
        """The sum of the target group; every other input is marked left out.

        Raises:
            AggregateError: an input is left out and ``skip`` is false (naming each), or
                no report remains to add up.
        """
        target = self.target()
        for inp in self.inputs:
            if inp.status == UNREADABLE or inp.reason == "unit" or inp.reason in ONCE_REASONS:
                continue
            if inp.key != target:
                asked_edition = target[0] if target else self.edition
                reason = "edition" if asked_edition and inp.edition != asked_edition else "year"
                zh, en = _describe(inp.key)
                tzh, ten = self._describe_target(target)
                inp.status, inp.reason = SKIPPED, reason
                inp.message = (
                    f"{inp.file}：{zh}，汇总的是 {tzh} | {inp.file}: {en}, the sum is {ten}"
                )
        left_out = [i for i in self.inputs if not i.added]
        refused = [i for i in left_out if i.reason not in ONCE_REASONS]
        if refused and not skip:
            edition, year = target if target is not None else (self.edition, self.year)
            # what to do first: a long list of names is what a bounded message cuts
            # the files by why (a parameter each: data, said in each language by the code)
            why: dict[str, list[str]] = {}
            for i in refused[:10]:
                why.setdefault(_REFUSED[i.reason or UNREADABLE], []).append(i.file)
            raise AggregateError.of(
                "aggregate-files-refused",
                count=len(refused),
                **{param: ", ".join(names) for param, names in why.items()},
                edition=edition,
                year=year,
            )
        if target is None or not self._sums.get(target) or not self._sums[target].sources:
            raise AggregateError.of("aggregate-nothing")
        total = self._sums[target].result()
        meta = dict(total.meta or {})
        added = {i.file: i for i in self.inputs if i.added}
        meta["sources"] = [
            {**s, **added[s["file"]].source_entry()} if s.get("file") in added else s
            for s in meta.get("sources", [])
        ]
        if left_out:
            meta["skipped"] = [i.skipped_entry() for i in left_out]
        total.meta = meta
        return total

    def _describe_target(self, target: Key | None) -> tuple[str, str]:
        if target is not None:
            return _describe(target)
        edition = f"{self.edition} 版式" if self.edition else "任一版式"
        year = f"{self.year} 年度" if self.year is not None else "任一年度"
        return (
            f"所要求的{edition} {year}",
            f"the edition {self.edition or 'any'}, year {self.year or 'any'} asked for",
        )

    def with_errors(self) -> list[Input]:
        """The inputs added up although their check found errors."""
        return [i for i in self.inputs if i.status == ERRORS]


@attrs.frozen
class Explanation:
    """The 汇总说明 sheet's rows, with the indexes (from 0) of its column heads and of
    its lines of text that span the whole width."""

    rows: list[list[Any]]
    heads: frozenset[int]
    spans: frozenset[int]


HEAD = ("序号", "单位", "年度", "版式", "文件", "sha256", "校验结果", "错误数", "警告数", "说明")
EXPLANATION_WIDTHS = (5, 22, 6, 6, 30, 36, 8, 6, 6, 40)


def _line(n: int, i: Input, note: str) -> list[Any]:
    errors = i.errors if i.added else i.errors or None
    warnings = i.warnings if i.added else i.warnings or None
    status = STATUS_ZH[i.status]
    return [n, i.agency, i.year, i.edition, i.file, i.sha256, status, errors, warnings, note]


def explanation(total: AnnualReport, inputs: list[Input]) -> Explanation:
    """The 汇总说明 sheet: what was added up, from which files, and what was left out."""
    added = [i for i in inputs if i.added]
    left_out = [i for i in inputs if not i.added]
    bad = [i for i in added if i.status == ERRORS]
    rows: list[list[Any]] = [
        [
            f"汇总说明：{total.agency or ''} {total.year or ''} 年度（{total.edition} 版式），"
            f"计入 {len(added)} 份报告，其中 {len(bad)} 份有勾稽关系错误；"
            f"未计入 {len(left_out)} 个文件"
        ],
        [],
        list(HEAD),
    ]
    heads, spans = {2}, {0}
    for n, i in enumerate(added, 1):
        rows.append(_line(n, i, "校验有错误，已计入汇总" if i.status == ERRORS else ""))
    if left_out:
        spans.add(len(rows) + 1)
        heads.add(len(rows) + 2)
        rows += [[], ["未计入汇总的文件"], list(HEAD)]
        for n, i in enumerate(left_out, 1):
            rows.append(_line(n, i, f"{REASON_ZH[i.reason or UNREADABLE]}：{i.message}"))
    notes = (total.meta or {}).get("notes") or []
    if notes:
        rows.append([])
        spans.update(range(len(rows), len(rows) + 1 + len(notes)))
        rows += [["汇总时的说明"], *[[str(x)] for x in notes]]
    return Explanation(rows, frozenset(heads), frozenset(spans))


def write_workbook(total: AnnualReport, inputs: list[Input], out: str | os.PathLike[str]) -> Path:
    """The sum in the official template, with the visible 汇总说明 sheet after the tables;
    written atomically."""
    from zfxxgk.workbook.fill import fill
    from zfxxgk.xlsx.addsheet import append_sheet
    from zfxxgk.xlsx.atomic import atomic_path
    from zfxxgk.xlsx.suffix import require_suffix

    require_suffix(out)
    with tempfile.TemporaryDirectory() as tmp:
        filled = fill(total, Path(tmp) / "sum.xlsx")
        with atomic_path(out) as target:
            sheet = explanation(total, inputs)
            append_sheet(
                filled,
                target,
                EXPLANATION_SHEET,
                sheet.rows,
                EXPLANATION_WIDTHS,
                title_rows=3,
                heads=sheet.heads,
                spans=sheet.spans,
            )
    return Path(out)
