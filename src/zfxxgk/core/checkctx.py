"""What every check rule works with: the report under check, how to name its cells, and
how a finding is made (its message a note over parameters)."""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.evaluate import Status, partial_subtotals, report_getter
from zfxxgk.core.findings import CellInfo, Finding
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import FieldPath
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.rules import Rule
from zfxxgk.notes import Note

Number = int | Decimal


@cache
def _template_cells(edition_id: str) -> dict[FieldPath, tuple[str, str]]:
    return {
        path: (sheet, span.ref())
        for path, (sheet, span) in all_fields(EDITIONS[edition_id]).items()
    }


@cache
def _records(
    edition_id: str,
) -> tuple[tuple[str, str, Callable[[Any], tuple[Any, ...]], tuple[FieldPath, ...]], ...]:
    """Each record of an edition's report (table, part) with a getter of its values (in C:
    a report's some 250 values are read at every check) and their paths, in the order of
    the edition's fields (consecutive fields of one record together)."""
    out: list[tuple[str, str, list[str], list[FieldPath]]] = []
    for path in EDITIONS[edition_id].field_map:
        table, part, key = path
        if not out or out[-1][:2] != (table, part):
            out.append((table, part, [], []))
        out[-1][2].append(key)
        out[-1][3].append(path)
    return tuple((t, p, _getter(keys), tuple(paths)) for t, p, keys, paths in out)


def _getter(keys: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of these attributes of an object, as a tuple (also of one)."""
    if len(keys) == 1:
        key = keys[0]
        return lambda record: (getattr(record, key),)
    return operator.attrgetter(*keys)


def _values(report: AnnualReport) -> dict[FieldPath, Any]:
    """Every field's value, as ``report.get`` reads it, in the edition's order of fields."""
    values: dict[FieldPath, Any] = {}
    for table, part, getter, paths in _records(report.edition):
        values.update(zip(paths, getter(getattr(getattr(report, table), part)), strict=True))
    return values


class Context:
    """The report under check, last year's, and how to name their cells."""

    def __init__(
        self, report: AnnualReport, previous: AnnualReport | None, include_passed: bool = True
    ) -> None:
        self.report = report
        self.previous = previous
        self.partial = partial_subtotals(report.meta)
        #: the report's values, read once: the rules look them up thousands of times
        self.values: dict[FieldPath, Any] = _values(report)
        earlier = report_getter(report, previous)
        values = self.values

        def get(path: FieldPath, last: bool) -> Any:
            return earlier(path, True) if last else values.get(path)

        self.get = get
        #: how many numbers the report states (the completeness rules count them once)
        self.stated: int | None = None
        #: passing instances are not reported: one that plainly holds needs no finding
        self.skip_passed = not include_passed and not self.partial
        #: each cell's info, made once (a total takes part in many instances; the reports
        #: are not changed while they are checked)
        self._cells: dict[tuple[FieldPath, bool], CellInfo] = {}

    def cell(self, path: FieldPath, previous: bool = False) -> CellInfo:
        """The cell of a field of the report (of last year's, with ``previous``)."""
        info = self._cells.get((path, previous))
        if info is None:
            info = self._cells[(path, previous)] = self._cell(path, previous)
        return info

    def _cell(self, path: FieldPath, previous: bool) -> CellInfo:
        rep = self.previous if previous else self.report
        assert rep is not None
        f = rep.layout.field_map[path]
        prov = rep.provenance
        raw = None
        in_workbook = prov is not None and prov.kind == "workbook"
        if prov is not None and path in prov.cells:
            src = prov.cells[path]
            where: tuple[str, str] | None = (src.sheet, src.cell)
            # text the cell holds (a formula's text is not the cell's content)
            if in_workbook and isinstance(src.raw, str) and src.formula is None:
                raw = src.raw
        elif in_workbook:
            # the workbook has no cell for it (a damaged or relabelled sheet): cite the
            # field, never a sheet and cell of our template that the file does not have
            where = None
        else:
            where = _template_cells(rep.edition).get(path)
        sheet, cell = where if where else (None, None)
        return CellInfo(".".join(path), f.label, sheet, cell, rep.get(path), previous, raw)


def make_finding(rule: Rule, status: Status, statement: str, code: str, **kw: Any) -> Finding:
    """A finding whose message is the note ``code`` over the given parameters."""
    params = {"rule": rule.id, "statement": statement, **kw.pop("params", {})}
    severity = rule.severity
    if status is Status.NOT_ASSESSABLE and severity == "error":
        severity = "warning"  # what cannot be judged is never an error
    return Finding(
        rule=rule.id,
        severity=severity,
        status=status,
        statement=statement,
        note=Note(code, params=params),
        **kw,
    )
