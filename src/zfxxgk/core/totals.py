"""Deriving a report's absent totals without breaking a rule that held.

:meth:`AnnualReport.with_totals` fills an absent official total of an ``=`` equation
from its stated parts (absent parts counting as 0, as the checks count them). A value is
written only where it makes no instance fail that did not fail before — a total is the
total of several equations (a row's 总计 is also its column's sum), and a value that
satisfies one may break another — and where it is not a negative count or amount. A
total whose parts are themselves still to be derived waits for them, so that a sum is
never taken over a part that is filled in later. Hence, for any report, the failures
that :func:`zfxxgk.check` finds after ``with_totals()`` are among those before.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.evaluate import Status, evaluate, judge, partial_subtotals, report_getter
from zfxxgk.core.layout import Edition, Equation, FieldPath
from zfxxgk.core.rules import RULES

Number = int | Decimal


@cache
def _plan(edition_id: str) -> dict[FieldPath, tuple[Equation, ...]]:
    """The same-year ``=`` equations each official total can be derived from."""
    edition: Edition = EDITIONS[edition_id]
    official = {f.path for f in edition.fields() if f.official}
    derive: dict[FieldPath, list[Equation]] = {}
    for eq in edition.equations:
        if eq.op == "=" and not eq.cross_year and eq.total in official:
            derive.setdefault(eq.total, []).append(eq)
    return {p: tuple(v) for p, v in derive.items()}


def _failing(equations: tuple[Equation, ...], get: Any, partial: frozenset[str]) -> set[Equation]:
    """The instances among ``equations`` that fail, as :func:`zfxxgk.check` judges them."""
    out: set[Equation] = set()
    for eq in equations:
        rule = RULES.get(eq.rule)
        required = not rule.absent_total_is_zero if rule else True
        tolerance = rule.tolerance if rule else Decimal(0)
        ev = evaluate(eq, get, partial=partial)
        if judge(ev, total_required=required, tolerance=tolerance) is Status.FAILED:
            out.add(eq)
    return out


def derive_totals(report: Any) -> None:
    """Fill ``report``'s derivable absent totals in place (see the module's docstring).

    Totals are derived parts first (a sum waits for its parts that are derived too),
    never a negative count or amount; then, while some instance fails that did not
    before, the latest derived value it involves is taken back. Each step takes one
    back, so this ends, at worst with the report as it was.
    """
    edition: Edition = report.layout
    derive = _plan(edition.id)
    same_year = tuple(eq for eq in edition.equations if not eq.cross_year)
    fields = edition.field_map
    partial = partial_subtotals(report.meta)
    get = report_getter(report)
    before = _failing(same_year, get, partial)

    def proposal(path: FieldPath) -> Number | None:
        for eq in derive[path]:
            ev = evaluate(eq, get, partial=partial)
            if ev.stated_addends:
                value = ev.computed
                if value < 0 and not fields[path].kind.accepts.negative:
                    return None
                return value
        return None

    filled: list[FieldPath] = []
    while True:
        candidates = [p for p in derive if report.get(p) is None and proposal(p) is not None]
        if not candidates:
            break
        waiting = set(candidates)
        ready = [
            p for p in candidates if all(t.path not in waiting for e in derive[p] for t in e.parts)
        ]
        for path in ready or candidates:  # none ready: a cycle, taken in order
            value = proposal(path) if report.get(path) is None else None
            if value is not None:
                report.set(path, value)
                filled.append(path)
    while filled:
        new = _failing(same_year, get, partial) - before
        if not new:
            break
        touched = {p for eq in new for p in _paths(eq)}
        last = next(p for p in reversed(filled) if p in touched)
        report.set(last, None)
        filled.remove(last)


def _paths(eq: Equation) -> set[FieldPath]:
    out = {eq.total, *(t.path for t in eq.parts)}
    for g in eq.groups:
        out.update((g.subtotal, *g.members))
    return out
