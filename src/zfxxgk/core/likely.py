"""Likely causes: one cell whose change by one amount would mend several failed sums."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zfxxgk.core.checkctx import Context, Number
from zfxxgk.core.evaluate import Evaluation, Status, evaluate, judge
from zfxxgk.core.findings import LikelyCause
from zfxxgk.core.layout import FieldPath
from zfxxgk.core.rules import Rule
from zfxxgk.core.values import convert
from zfxxgk.notes import Note


def likely_causes(
    ctx: Context, failed: list[tuple[int, Evaluation]], rules: Mapping[str, Rule]
) -> list[LikelyCause]:
    """Cells that, changed by one amount, would mend two or more failed sums at once.

    For each failed ``=`` instance, a cell with coefficient k (the total +1, a part its
    sign) mends it when changed by −difference/k; a cell is a likely cause when that
    change is the same for every failed instance it takes part in, it mends at least two,
    and, applied to the report, it breaks no instance that held.
    """
    wanted: dict[FieldPath, dict[int, Number]] = {}
    for index, ev in failed:
        diff = ev.difference()
        coefficients: dict[FieldPath, int] = {ev.equation.total: 1}
        for a in ev.addends:
            if not a.term.previous:
                coefficients[a.path] = coefficients.get(a.path, 0) - a.term.sign
        for path, k in coefficients.items():
            if k and not diff % k:  # a whole change of the cell mends it
                wanted.setdefault(path, {})[index] = -diff // k
    # candidates: one consistent change of a typed cell (not a formula's) mends two or more
    candidates: list[tuple[FieldPath, dict[int, Number], Number]] = []
    for path, changes in wanted.items():
        value = ctx.report.get(path)
        if len(changes) < 2 or len(set(changes.values())) != 1 or isinstance(value, str):
            continue
        if _is_formula(ctx, path):
            continue
        suggested = (value or 0) + next(iter(changes.values()))
        if suggested >= 0 and _mends(ctx, path, suggested, set(changes), rules):
            candidates.append((path, changes, suggested))
    causes: list[LikelyCause] = []
    used: set[int] = set()
    for path, changes, suggested in sorted(candidates, key=lambda c: (-len(c[1]), c[0])):
        rivals = [
            other
            for other, theirs, _ in candidates
            if other != path and len(theirs) >= len(changes) and set(theirs) & set(changes)
        ]
        if rivals or set(changes) & used:
            continue  # two cells explain the same failures as well: neither is named
        value = ctx.report.get(path)
        used.update(changes)
        cell = ctx.cell(path)
        params = {
            "where": cell.place,
            "label": cell.label,
            "field": cell.field,
            "suggested": suggested,
            "value": value,
            "count": len(changes),
            "rules": list(dict.fromkeys(_rules_of(failed, changes))),
        }
        causes.append(
            LikelyCause(
                cell=cell,
                suggested=suggested,
                explains=tuple(sorted(changes)),
                note=Note("check-likely-cause", params=params),
            )
        )
    return causes


def _is_formula(ctx: Context, path: FieldPath) -> bool:
    """Whether the field's cell holds a formula (a total that follows its parts)."""
    prov = ctx.report.provenance
    src = prov.cells.get(path) if prov is not None else None
    return src is not None and src.formula is not None


def _rules_of(failed: list[tuple[int, Evaluation]], indices: Mapping[int, Any]) -> list[str]:
    return [ev.equation.rule for i, ev in failed if i in indices]


def _mends(
    ctx: Context, path: FieldPath, value: Number, indices: set[int], rules: Mapping[str, Rule]
) -> bool:
    """Whether setting ``path`` to ``value`` mends those instances and breaks none (the
    report's values with that one changed, as the report would convert it; the report
    itself is not copied)."""
    table, part, key = path
    field = getattr(getattr(ctx.report, table), part).__zfxxgk_fields__[key]
    try:
        changed = convert(field.kind, value, ".".join(path), field.choices)
    except ValueError:
        return False
    values = {**ctx.values, path: changed}
    last = ctx.get

    def get(p: FieldPath, previous: bool) -> Any:
        return last(p, True) if previous else values.get(p)

    for eq in ctx.report.layout.equations:
        if eq.total != path and all(t.path != path for t in eq.parts):
            continue
        rule = rules.get(eq.rule)
        if rule is None or not rule.enabled or eq.cross_year:
            continue
        ev = evaluate(eq, get, partial=ctx.partial)
        verdict = judge(ev, total_required=not rule.absent_total_is_zero, tolerance=rule.tolerance)
        if verdict is Status.FAILED:
            return False
    return True
