"""The value rules: each stated value of a kind is ≥ 0 (and whole, for counts); an
amount states its unit; the edition is the one in force for the year."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from zfxxgk.core.checkctx import Context, make_finding
from zfxxgk.core.editions import EDITIONS, edition_for_year
from zfxxgk.core.evaluate import Status
from zfxxgk.core.findings import Finding
from zfxxgk.core.layout import Field, FieldPath, Kind
from zfxxgk.core.rules import Rule
from zfxxgk.errors import UnknownEditionError


def value_status(rule: Rule, value: Any) -> Status:
    """The verdict of a value rule on one value: skipped when not a stated number, failed
    when negative (or, for counts, not whole), else passed. The check area's marks are
    computed by this too."""
    if type(value) is int:  # the common case, first
        return Status.FAILED if value < 0 else Status.PASSED
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return Status.SKIPPED
    whole = any(k.accepts.whole for k in rule.kinds)
    if value < 0 or (whole and value != int(value)):
        return Status.FAILED
    return Status.PASSED


@cache
def _of_kinds(edition_id: str, table: str, kinds: tuple[Kind, ...]) -> tuple[Field, ...]:
    """The fields of ``table`` whose kind is one of ``kinds``, in the edition's order."""
    return tuple(f for f in EDITIONS[edition_id].fields() if f.path[0] == table and f.kind in kinds)


_NUMBERS = (int, Decimal)  # (a union type made at each test would cost its making)


def nonneg(rule: Rule, ctx: Context) -> Iterator[Finding]:
    values = ctx.values
    for f in _of_kinds(ctx.report.edition, rule.table, rule.kinds):
        v = values[f.path]
        if v is None or (ctx.skip_passed and isinstance(v, _NUMBERS) and v >= 0):
            continue
        cell = ctx.cell(f.path)
        statement = f"{f.label} ≥ 0"
        params = {"label": f.label, "field": cell.field, "where": cell.place}
        negative = cell.value < 0
        yield make_finding(
            rule,
            Status.FAILED if negative else Status.PASSED,
            statement,
            "check-negative" if negative else "check-nonneg-holds",
            stated=cell.value,
            computed=0,
            difference=cell.value,
            cells=(cell,),
            params={**params, "value": cell.value},
        )


@cache
def _with_units(edition_id: str, table: str) -> tuple[tuple[Field, FieldPath], ...]:
    """The amounts of ``table`` that have a unit field, each with its unit's path."""
    return tuple(
        (f, f.unit_field)
        for f in EDITIONS[edition_id].field_map.values()
        if f.path[0] == table and f.unit_field is not None
    )


def unit(rule: Rule, ctx: Context) -> Iterator[Finding]:
    values = ctx.values
    for f, unit_path in _with_units(ctx.report.edition, rule.table):
        if values[f.path] is None:  # (the amount's cell would say so)
            continue
        amount, unit = ctx.cell(f.path), ctx.cell(unit_path)
        if unit.value is None:
            params = {
                "label": f.label,
                "field": amount.field,
                "where": amount.place,
                "value": amount.value,
                "unit_where": unit.place,
            }
            yield make_finding(
                rule,
                Status.FAILED,
                rule.formula,
                "check-unit-missing",
                cells=(amount, unit),
                absent=(unit.where,),
                params=params,
            )
        else:
            yield make_finding(
                rule,
                Status.PASSED,
                rule.formula,
                "check-unit-stated",
                stated=unit.value,
                cells=(amount, unit),
                params={"label": f.label, "unit": unit.value},
            )


def edition_year(rule: Rule, ctx: Context) -> Iterator[Finding]:
    year = ctx.report.year
    if year is None:
        return
    try:
        expected = edition_for_year(year).id
    except UnknownEditionError:
        expected = None
    edition = ctx.report.edition
    if expected == edition:
        yield make_finding(
            rule, Status.PASSED, rule.formula, "check-edition-matches", stated=edition
        )
        return
    first = min(e.first_year for e in EDITIONS.values())
    params = {"year": year, "edition": edition, "expected": expected, "first": first}
    yield make_finding(
        rule,
        Status.FAILED,
        rule.formula,
        "check-edition-mismatch" if expected else "check-edition-year-unknown",
        stated=edition,
        computed=expected,
        params=params,
    )
