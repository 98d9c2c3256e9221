"""Adding reports up (汇总): a city's tables from its departments' tables.

Reports of one edition and year are summed field by field, streaming: only the running
sum is kept, so ten thousand reports cost no more memory than ten. A cell of the sum is
absent only where every input is absent. Where some inputs state only a group subtotal
(a single （六）其他处理 row), the sum states that subtotal over every input and sums the
sub-rows over the inputs that give them, and says so; 2019 procurement amounts in 元 and
万元 are summed exactly in 元.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from zfxxgk.core.evaluate import PARTIAL_SUBTOTALS
from zfxxgk.core.layout import Edition, Field, FieldPath, Group, Kind
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.values import UNIT_FACTORS
from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import Note

DEFAULT_AGENCY = "汇总"
#: ``meta`` key naming the group subtotals of an aggregate that cover more inputs than
#: their rows do (checks treat those R3-GROUP-SUBTOTALS as not assessable)


class AggregateError(ZfxxgkError, ValueError):
    """Reports that cannot be added up (mixed editions or years, an amount of no unit)."""

    slug = "aggregate"


@attrs.define
class Source:
    """One input of an aggregate, as ``meta.sources`` records it."""

    file: str | None
    sha256: str | None
    agency: str | None
    year: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sha256": self.sha256, "agency": self.agency, "year": self.year}


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _groups(edition: Edition) -> list[Group]:
    seen: dict[FieldPath, Group] = {}
    for eq in edition.equations:
        for g in eq.groups:
            seen.setdefault(g.subtotal, g)
    return list(seen.values())


class Aggregator:
    """The running sum of reports of one edition and year."""

    def __init__(self, agency: str | None = None) -> None:
        self.agency = agency or DEFAULT_AGENCY
        self.edition: Edition | None = None
        self.year: int | None = None
        self.sums: dict[FieldPath, int | Decimal] = {}
        self.sources: list[Source] = []
        self.notes: list[str] = []
        self.partial: set[str] = set()
        self._stated_subtotals: set[FieldPath] = set()
        self._computed: dict[FieldPath, int | Decimal] = {}
        self._converted = 0
        self._hashes: dict[str, str] = {}

    def _name(self, report: AnnualReport, file: str | None) -> str:
        return file or report.agency or f"第 {len(self.sources) + 1} 份报告"

    def add(self, report: AnnualReport, file: str | None = None, sha256: str | None = None) -> None:
        """Add one report to the sum.

        Raises:
            AggregateError: its edition or year differs from the first report's, or a 2019
                procurement amount is stated without its unit.
        """
        name = self._name(report, file)
        if sha256 is not None and sha256 in self._hashes:  # the same file again: once
            kept = self._hashes[sha256]
            self.notes.append(str(Note("duplicate-file", params={"file": name, "kept": kept})))
            return
        if self.edition is not None and (
            report.edition != self.edition.id or report.year != self.year
        ):
            raise AggregateError.of(
                "aggregate-mixed",
                file=file,
                name=name,
                edition=report.edition,
                year=report.year,
                other_edition=self.edition.id,
                other_year=self.year,
            )
        edition = report.layout
        values: dict[FieldPath, Any] = {f.path: v for f, v in report.items()}
        # every amount in 元 first: a report that cannot be added up changes nothing
        addends: dict[FieldPath, int | Decimal] = {}
        converted = 0
        for f in edition.fields():
            v = values[f.path]
            if v is None or f.kind is Kind.UNIT:
                continue
            if f.kind is Kind.MONEY and f.unit is None:
                v, was_converted = self._to_yuan(f, v, values, name, file)
                converted += was_converted
            addends[f.path] = v
        if self.edition is None:
            self.edition, self.year = edition, report.year
        self._converted += converted
        # group subtotals: one report may state only the subtotal, another only the rows;
        # the sum's subtotal (if any input states it) then covers both
        for g in _groups(edition):
            members = [values[m] for m in g.members]
            sub = values[g.subtotal]
            if sub is not None:
                self._stated_subtotals.add(g.subtotal)
                if all(v is None for v in members):
                    self.partial.add(".".join(g.subtotal[:2]))
            elif any(v is not None for v in members):
                self._computed[g.subtotal] = self._computed.get(g.subtotal, 0) + sum(
                    v for v in members if v is not None
                )
        for path, v in addends.items():
            self.sums[path] = self.sums.get(path, 0) + v
        self.sources.append(Source(file, sha256, report.agency, report.year))
        if sha256 is not None:
            self._hashes[sha256] = name

    def _to_yuan(
        self,
        field: Field,
        amount: Decimal,
        values: dict[FieldPath, Any],
        name: str,
        file: str | None,
    ) -> tuple[Decimal, bool]:
        """The amount in 元, and whether it was converted from 万元."""
        path = field.path
        unit = values.get(field.unit_field) if field.unit_field is not None else None
        if unit not in UNIT_FACTORS:
            raise AggregateError.of(
                "aggregate-unit-missing", file=file, name=name, field=".".join(path), amount=amount
            )
        return amount * UNIT_FACTORS[unit], unit != "元"

    def result(self) -> AnnualReport:
        """The sum as a report (agency, year, values, meta.sources and notes)."""
        if self.edition is None:
            raise AggregateError.of("aggregate-nothing")
        out = AnnualReport(edition=self.edition.id, agency=self.agency, year=self.year)
        for path, value in self.sums.items():
            try:
                out.set(path, value)
            except ValueError:
                raise AggregateError.of(
                    "aggregate-sum-too-large", field=".".join(path), value=value
                ) from None
        for path in self._stated_subtotals:
            if path in self._computed:
                stated = self.sums.get(path, 0)
                out.set(path, stated + self._computed[path])
        for f in self.edition.fields():
            if f.amount_field is not None and out.get(f.amount_field) is not None:
                out.set(f.path, "元")
        notes = list(self.notes)
        if self._converted:
            notes.append(str(Note("amounts-converted", params={"count": self._converted})))
        for part in sorted(self.partial):
            notes.append(str(Note("partial-subtotal", params={"part": part})))
        meta: dict[str, Any] = {"sources": [s.to_dict() for s in self.sources]}
        if notes:
            meta["notes"] = notes
        if self.partial:
            meta[PARTIAL_SUBTOTALS] = sorted(self.partial)
        out.meta = meta
        return out


def aggregate(
    reports: Iterable[AnnualReport | tuple[AnnualReport, str | None]], agency: str | None = None
) -> AnnualReport:
    """The sum of reports of one edition and year (汇总), as a new report.

    Args:
        reports: reports, or ``(report, file)`` pairs; consumed one at a time.
        agency: the sum's agency (default 汇总).

    Raises:
        AggregateError: mixed editions or years, an amount of unknown unit, no reports.
    """
    agg = Aggregator(agency)
    for item in reports:
        if isinstance(item, tuple):
            report, file = item
            sha = file_sha256(file) if file and Path(file).is_file() else None
            agg.add(report, file, sha)
        else:
            prov = item.provenance
            file = prov.file if prov else None
            sha = file_sha256(file) if file and Path(file).is_file() else None
            agg.add(item, file, sha)
    return agg.result()
