"""Comparing two years of one agency's report: every cell, the cross-year rules, and the
largest movements in words.

Across the 2020 → 2021 edition change, values are paired only where the mapping kept
beside the editions (:mod:`zfxxgk.core.editions.mapping`) says the rows mean the same;
the rest are shown as having no counterpart. The cross-year rules are those of
:func:`zfxxgk.check` with ``previous=last``; nothing is recomputed here.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from zfxxgk.app.amounts import field_sum, in_wan
from zfxxgk.core.check import Finding, check
from zfxxgk.core.editions.mapping import FieldPair, field_pairs
from zfxxgk.core.layout import FieldPath, Kind
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.values import number_text

Number = int | Decimal

#: Statuses of a compared value.
SAME = "same"  #: the same field, or rows the mapping pairs exactly
APPROX = "approx"  #: rows the mapping pairs as a rough proxy only
ONLY_LAST = "only_last"  #: last year's edition has it, this year's has no counterpart
ONLY_THIS = "only_this"  #: this year's edition has it, last year's has no counterpart

STATUS_ZH = {
    SAME: "",
    APPROX: "近似对应",
    ONLY_LAST: "本年版式无对应项",
    ONLY_THIS: "上年版式无对应项",
}

#: Short names of the main indicators, for the movements in words.
INDICATORS: dict[str, str] = {
    "applications.new_received.total": "本年新收申请",
    "applications.carried_over.total": "上年结转申请",
    "applications.disclosed.total": "予以公开",
    "applications.partially_disclosed.total": "部分公开",
    "applications.results_total.total": "办结申请",
    "applications.carried_forward.total": "结转下年度继续办理",
    "reviews.reconsideration.total": "行政复议",
    "reviews.litigation_direct.total": "未经复议直接起诉",
    "reviews.litigation_after_reconsideration.total": "复议后起诉",
}

CSV_COLUMNS = ("key", "table", "label", "last", "this", "change", "change_pct", "status", "note")


@attrs.frozen
class Change:
    """One value in both years: amounts in 万元, counts as stated."""

    key: str
    table: str
    label: str
    last: Number | None
    this: Number | None
    status: str
    unit: str = "件"
    note: str = ""

    @property
    def change(self) -> Number | None:
        if self.last is None or self.this is None:
            return None
        return self.this - self.last

    @property
    def percent(self) -> float | None:
        """The change in per cent of last year's value (None where that is 0 or blank)."""
        d = self.change
        if d is None or not self.last:
            return None
        return float(Decimal(d) / Decimal(self.last) * 100)

    def row(self) -> dict[str, Any]:
        pct = self.percent
        return {
            "key": self.key,
            "table": self.table,
            "label": self.label,
            "last": self.last,
            "this": self.this,
            "change": self.change,
            "change_pct": None if pct is None else round(pct, 1),
            "status": self.status,
            "note": self.note or STATUS_ZH[self.status],
        }


@attrs.frozen
class Comparison:
    """Two years of one agency: the values, the cross-year findings, the movements."""

    last: AnnualReport
    this: AnnualReport
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]  #: failed or not assessable cross-year rules

    def get(self, key: str) -> Change:
        for c in self.changes:
            if c.key == key:
                return c
        raise KeyError(key)

    @property
    def movements(self) -> tuple[str, ...]:
        return movements(self.changes)

    def rows(self) -> list[dict[str, Any]]:
        return [c.row() for c in self.changes]

    def heading(self) -> str:
        who = self.this.agency or self.last.agency or ""
        return f"{who}{_year(self.last)}—{_year(self.this)}年政府信息公开工作年度报告对比"

    def text(self) -> str:
        """A short report in Chinese: the movements and the cross-year findings."""
        lines = [self.heading(), "", "主要变化："]
        lines += [f"  {m}" for m in self.movements] or ["  （无变化）"]
        lines += ["", "跨年度核对："]
        lines += [f"  [{f.rule}] {f.message_zh}" for f in self.findings] or ["  未发现问题"]
        apart = [c for c in self.changes if c.status in (ONLY_LAST, ONLY_THIS)]
        if apart:
            lines += ["", f"版式不同，{len(apart)} 项无对应项，单列未比较。"]
        return "\n".join(lines) + "\n"


def _year(report: AnnualReport) -> str:
    return str(report.year) if report.year is not None else "?"


def _unit(report: AnnualReport, path: FieldPath) -> str:
    return "万元" if report.layout.field_map[path].kind is Kind.MONEY else "件"


def compare(
    last: AnnualReport | str | os.PathLike[str], this: AnnualReport | str | os.PathLike[str]
) -> Comparison:
    """Every value of two reports of one agency, last year's and this year's (reports, or
    paths of workbooks, canonical JSON or published documents).

    Reports of different editions are paired through the editions' mapping; values with
    no counterpart are listed with ``status`` ``only_last`` or ``only_this``. The
    cross-year findings are those of ``zfxxgk.check(this, previous=last)``.
    """
    if not isinstance(last, AnnualReport) or not isinstance(this, AnnualReport):
        from zfxxgk.app.load import load_any

        last = last if isinstance(last, AnnualReport) else load_any(os.fspath(last))
        this = this if isinstance(this, AnnualReport) else load_any(os.fspath(this))
    pairs: tuple[FieldPair, ...] = field_pairs(last.layout, this.layout)
    changes: list[Change] = []
    covered_last: set[FieldPath] = set()
    covered_this: set[FieldPath] = set()
    official = {f.path for f in this.layout.fields() if f.official}
    for pair in pairs:
        # rows added up into one counterpart still have none of their own
        if len(pair.old) == 1:
            covered_last.update(pair.old)
        elif pair.old_subtotal:
            covered_last.add(pair.old_subtotal)
        if len(pair.new) == 1:
            covered_this.update(pair.new)
        elif pair.new_subtotal:
            covered_this.add(pair.new_subtotal)
        a = field_sum(last, pair.old, pair.old_subtotal)
        b = field_sum(this, pair.new, pair.new_subtotal)
        if a is None and b is None and not (set(pair.new) & official):
            continue  # an optional subtotal neither report states
        if this.layout.field_map[pair.new[0]].kind is Kind.UNIT:
            continue  # the unit is folded into the amount (万元)
        status = SAME if pair.exact else APPROX
        unit = _unit(this, pair.new[0])
        changes.append(Change(pair.key, pair.new[0][0], pair.label, a, b, status, unit, pair.note))
    changes += _apart(last, covered_last, ONLY_LAST)
    changes += _apart(this, covered_this, ONLY_THIS)
    result = check(this, previous=last)
    cross = {eq.rule for eq in this.layout.equations if eq.cross_year}
    findings = tuple(f for f in result.issues if f.rule in cross)
    return Comparison(last, this, tuple(changes), findings)


def _apart(report: AnnualReport, covered: set[FieldPath], status: str) -> Iterable[Change]:
    """The values of one report that have no counterpart in the other's edition."""
    for f in report.layout.fields():
        if f.path in covered or f.kind is Kind.UNIT:
            continue
        v = in_wan(report, f) if f.kind is Kind.MONEY else report.get(f.path)
        if v is None and not f.official:
            continue
        last, this = (v, None) if status == ONLY_LAST else (None, v)
        yield Change(
            f"{'.'.join(f.path)}",
            f.path[0],
            f.label,
            last if isinstance(last, int | Decimal) else None,
            this if isinstance(this, int | Decimal) else None,
            status,
            _unit(report, f.path),
        )


def _num(value: Number) -> str:
    return number_text(value)


def movement_text(c: Change, name: str | None = None) -> str:
    """E.g. 本年新收申请 713 件，比上年增加 171 件（+31.5%）."""
    d = c.change
    assert d is not None and c.this is not None
    name = name or INDICATORS.get(c.key, c.label)
    if d == 0:
        return f"{name} {_num(c.this)} {c.unit}，与上年持平"
    word = "增加" if d > 0 else "减少"
    pct = c.percent
    tail = f"（{pct:+.1f}%）" if pct is not None else "（上年为 0）"
    size: Number = -d if d < 0 else d
    return f"{name} {_num(c.this)} {c.unit}，比上年{word} {_num(size)} {c.unit}{tail}"


def weight(c: Change) -> float:
    """How far a value moved, across every section alike: its relative change (a value
    new since 0 counts as +100%) weighted by the size of the change (log10(1 + |Δ|)), so
    that 行政许可 550 → 9,487 (+1,624.9%) leads, and 1 → 2 (+100%) does not outrank
    70 → 95 (+35.7%)."""
    d = abs(float(c.change or 0))
    pct = c.percent
    relative = abs(pct) if pct is not None else 100.0
    return relative * math.log10(1 + d)


def movements(changes: Iterable[Change], limit: int = 5) -> tuple[str, ...]:
    """The largest changes in words, across all sections: each row's total and section
    二's values, by :func:`weight` (the main indicators first among equals)."""
    candidates = [
        c
        for c in changes
        if c.status == SAME and c.change and (c.key.endswith(".total") or c.table == "proactive")
    ]
    candidates.sort(key=lambda c: (-weight(c), c.key not in INDICATORS))
    return tuple(movement_text(c) for c in candidates[:limit])


@attrs.frozen
class FolderComparison:
    """Pairs of reports of one agency, and what could not be paired or read."""

    pairs: tuple[tuple[dict[str, Any], Comparison], ...]
    unpaired: tuple[tuple[str, str], ...]  #: (file, why) of this year's reports
    unreadable: tuple[tuple[str, str], ...]  #: (file, error)


def compare_folders(
    last: Sequence[str], this: Sequence[str], *, latest: bool = False
) -> FolderComparison:
    """Each of this year's reports against the same agency's report of the year before,
    paired as ``check --previous`` pairs them (agency code, else name).

    The same file given twice counts once. Two different files of this year for one
    agency are refused (:class:`~zfxxgk.app.dedupe.DuplicateReportError`) unless
    ``latest`` keeps the one modified last (on both sides); two of last year's pair with
    neither, as :class:`~zfxxgk.app.pairing.PreviousReports` says.
    """
    from zfxxgk.app.formats import ANY, expand_role
    from zfxxgk.app.load import load_any
    from zfxxgk.app.pairing import PreviousReports
    from zfxxgk.errors import ZfxxgkError

    unreadable: list[tuple[str, str]] = []
    loaded: dict[str, AnnualReport] = {}

    def load(path: str) -> AnnualReport | None:
        try:
            loaded[path] = load_any(path)
        except ZfxxgkError as exc:
            unreadable.append((path, str(exc)))
            return None
        return loaded[path]

    from zfxxgk.app.dedupe import distinct_files, one_per_agency

    index = PreviousReports()
    before_files = distinct_files(expand_role(last, ANY))[0]
    befores = [(p, r) for p in before_files if (r := load(p)) is not None]
    if latest:
        befores = one_per_agency(befores, latest=True)[0]
    for path, report in befores:
        index.add(path, report)
    pairs = []
    unpaired: list[tuple[str, str]] = []
    this_files, copies = distinct_files(expand_role(this, ANY))
    unpaired.extend((c.file, str(c.note())) for c in copies)  # the same file once
    nows = [(p, r) for p in this_files if (r := load(p)) is not None]
    nows, superseded = one_per_agency(nows, latest)  # refused unless latest
    unpaired.extend((c.file, str(c.note())) for c in superseded)
    for path, report in nows:
        found, why = index.find(report)
        if found is None:
            unpaired.append((path, why or ""))
            continue
        before = loaded[found]
        info = {
            "agency": report.agency or before.agency,
            "last_year": before.year,
            "this_year": report.year,
            "last_file": found,
            "this_file": path,
        }
        pairs.append((info, compare(before, report)))
    return FolderComparison(tuple(pairs), tuple(unpaired), tuple(unreadable))
