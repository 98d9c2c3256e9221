"""The relation rules: each instance of an equation, judged by the one evaluator
(:mod:`zfxxgk.core.evaluate`), becomes a finding with its cells, numbers and message."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from zfxxgk.core.checkctx import Context, Number, make_finding
from zfxxgk.core.evaluate import (
    Blanks,
    Evaluation,
    Getter,
    Status,
    evaluate,
    holds,
    judge,
    sums,
)
from zfxxgk.core.evaluate import (
    verdict as typed_verdict,
)
from zfxxgk.core.findings import CellInfo, Finding, ref_runs
from zfxxgk.core.layout import Equation, FieldPath
from zfxxgk.core.rules import Rule


def relation(rule: Rule, eq: Equation, ctx: Context) -> tuple[Finding, Evaluation] | None:
    """The finding of one instance, with its evaluation; None where there is nothing to
    say (all blank, last year's report absent, a passing instance not asked for)."""
    cross_year = eq.cross_year
    if cross_year and ctx.previous is None:
        return None
    if ctx.skip_passed and not cross_year:
        # the typed fast path first: an instance that holds or is all blank says nothing
        quick = typed_verdict(
            eq, ctx.values, total_required=not rule.absent_total_is_zero, tolerance=rule.tolerance
        )
        if quick is Status.SKIPPED or quick is Status.PASSED:
            return None
        if not ctx.report.layout.field_map[eq.total].official:
            total, _, stated = sums(eq, ctx.values)
            if total is None or not stated:
                return None  # as below: a subtotal with no cell needs it and a row stated
    ev = evaluate(eq, ctx.get, partial=ctx.partial)
    verdict = judge(ev, total_required=not rule.absent_total_is_zero, tolerance=rule.tolerance)
    if verdict is Status.SKIPPED:
        return None
    if not ctx.report.layout.field_map[eq.total].official and (
        ev.total is None or not ev.stated_addends
    ):
        return None  # a subtotal with no cell: checked only where it and a row are stated
    if cross_year and not any(a.term.previous and a.value is not None for a in ev.addends):
        assert ctx.previous is not None
        fields = ctx.previous.layout.field_map
        if not all(a.path in fields for a in ev.addends if a.term.previous):
            return None  # last year's edition has no such cell: nothing to compare with
        return _previous_blank(rule, ev, ctx), ev  # 无法核对: last year's side is blank
    if verdict is Status.PASSED and ctx.skip_passed:
        return None
    return _relation_finding(rule, ev, verdict, ctx), ev


def _previous_blank(rule: Rule, ev: Evaluation, ctx: Context) -> Finding:
    """A cross-year instance whose values of last year are all blank: not assessable,
    naming the blank cells (the carried data is incomplete), never a silent pass."""
    total = ctx.cell(ev.equation.total)
    cells = (total, *(ctx.cell(a.path, a.term.previous) for a in ev.addends))
    blank = [c for c in cells if c.previous and c.value is None]
    params = {
        "label": total.label,
        "field": total.field,
        "where": total.place,
        "stated": ev.total,
        "blank": ref_runs(blank),
    }
    absent = tuple(c.where for c in cells if c.value is None)
    return make_finding(
        rule,
        Status.NOT_ASSESSABLE,
        ev.equation.statement,
        "check-previous-blank",
        stated=ev.total,
        params=params,
        cells=cells,
        absent=absent,
    )


def _relation_finding(rule: Rule, ev: Evaluation, verdict: Status, ctx: Context) -> Finding:
    """The finding of an instance that is judged: its cells, numbers and message."""
    eq = ev.equation
    total = ctx.cell(eq.total)
    parts = [ctx.cell(a.path, a.term.previous) for a in ev.addends]
    cells = (total, *parts)
    absent = tuple(c.where for c in cells if c.value is None)
    base: dict[str, Any] = {"label": total.label, "field": total.field, "where": total.place}
    common: dict[str, Any] = {"cells": cells, "absent": absent}
    if ".".join(eq.total[:2]) in ctx.partial and all(t.path[1] != eq.total[1] for t in eq.parts):
        found = make_finding(
            rule, Status.NOT_ASSESSABLE, eq.statement, "check-partial", stated=total.value, **common
        )
        return found
    computed = ev.computed
    if verdict is Status.NOT_ASSESSABLE:
        if ev.total is None:
            params = {**base, "computed": computed}
            code = "check-total-blank"
        else:
            blank_parts = ref_runs([c for c in cells if c.value is None])
            params = {**base, "stated": ev.total, "blank": blank_parts}
            code = "check-parts-blank"
        found = make_finding(
            rule,
            verdict,
            eq.statement,
            code,
            stated=ev.total,
            computed=None if ev.total is not None else computed,
            params=params,
            **common,
        )
        return found
    stated: Number = ev.total if isinstance(ev.total, int | Decimal) else 0
    difference = stated - computed
    blank = {"blank": ref_runs([c for c in cells if c.value is None])}
    if verdict is Status.PASSED:
        found = make_finding(
            rule,
            verdict,
            eq.statement,
            "check-holds",
            stated=stated,
            computed=computed,
            difference=difference,
            params=blank,
            **common,
        )
        return found
    params = {
        **base,
        **blank,
        **_text_cause(rule, ev, total, parts),
        "stated": stated,
        "computed": computed,
        "difference": difference,
        "op": eq.op,
    }
    code = "check-differs" if eq.op == "=" else "check-violated"
    found = make_finding(
        rule,
        verdict,
        eq.statement,
        code,
        stated=stated,
        computed=computed,
        difference=difference,
        params=params,
        **common,
    )
    return found


def _text_cause(
    rule: Rule, ev: Evaluation, total: CellInfo, parts: list[CellInfo]
) -> dict[str, Any]:
    """Where a part of a failed total is a number stored as text, the sheet's own SUM
    skips it: the text cells whose skipping explains the difference (the sum without
    them satisfies the stated total), and the total the sheet itself shows. Text cells
    that do not explain it are not named as its cause."""
    texts = [c for c in parts if c.is_text and not c.previous]
    if not texts or total.is_text or not isinstance(ev.total, int | Decimal):
        return {}
    for chosen in [texts] + ([[c] for c in texts] if len(texts) > 1 else []):
        shown = evaluate(ev.equation, _skipping(ev, chosen), blanks=Blanks.ZERO).computed
        if holds(ev.equation.op, ev.total - shown, rule.tolerance):
            return {"text_cells": [c.place for c in chosen], "sheet_total": shown}
    return {}


def _skipping(ev: Evaluation, cells: list[CellInfo]) -> Getter:
    """The values ``ev`` read, those of ``cells`` left out (as a spreadsheet skips text)."""
    skipped = {c.field for c in cells}

    def get(path: FieldPath, previous: bool) -> Any:
        return None if ".".join(path) in skipped else ev_value(ev, path, previous)

    return get


def ev_value(ev: Evaluation, path: FieldPath, previous: bool) -> Any:
    """The value an evaluation read for ``path`` (None where it read none)."""
    for a in ev.addends:
        if a.path == path and a.term.previous == previous:
            return a.value
    return ev.total if path == ev.equation.total and not previous else None
