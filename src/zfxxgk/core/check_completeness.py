"""The completeness rules: a report, a table or an applicant column left blank, the cover
left empty, and numbers a workbook holds as text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from zfxxgk.core.checkctx import Context, make_finding
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.evaluate import Status
from zfxxgk.core.findings import CellInfo, Finding, ref_runs
from zfxxgk.core.layout import Edition, Field, FieldPath, Kind
from zfxxgk.core.model import AnnualReport, cover_value
from zfxxgk.core.rules import Rule
from zfxxgk.noteparams import cut


def input_fields(edition: Edition) -> tuple[Field, ...]:
    """The cells of the official tables a person types into (not the computed totals)."""
    return _inputs(edition.id)


@cache
def _inputs(edition_id: str) -> tuple[Field, ...]:
    return tuple(f for f in EDITIONS[edition_id].fields() if f.input)


@cache
def input_paths(edition_id: str) -> tuple[FieldPath, ...]:
    """The paths of :func:`input_fields`."""
    return tuple(f.path for f in _inputs(edition_id))


@cache
def _table_inputs(edition_id: str, table: str) -> tuple[Field, ...]:
    """:func:`input_fields` of one table."""
    return tuple(f for f in _inputs(edition_id) if f.path[0] == table)


@cache
def _input_columns(edition_id: str, table: str) -> tuple[tuple[str, tuple[Field, ...]], ...]:
    """A table's input fields by their column's key, in the table's order."""
    by_column: dict[str, list[Field]] = {}
    for f in _table_inputs(edition_id, table):
        by_column.setdefault(f.path[2], []).append(f)
    return tuple((key, tuple(fields)) for key, fields in by_column.items())


@cache
def _numbers(edition_id: str) -> tuple[FieldPath, ...]:
    """The fields of an edition that state a number (no unit)."""
    return tuple(f.path for f in EDITIONS[edition_id].fields() if f.kind is not Kind.UNIT)


def _any_stated(values: dict[FieldPath, Any], fields: Iterable[Field]) -> bool:
    return any(values[f.path] is not None for f in fields)


def _stated(ctx: Context) -> int:
    """How many numbers the report states (counted once per check)."""
    if ctx.stated is None:
        paths = _numbers(ctx.report.edition)
        ctx.stated = len(paths) - list(map(ctx.values.__getitem__, paths)).count(None)
    return ctx.stated


def unreported(rule: Rule, ctx: Context) -> Iterator[Finding]:
    count = _stated(ctx)
    if count == 0:
        yield make_finding(rule, Status.FAILED, rule.formula, "check-unreported")
    else:
        yield make_finding(
            rule, Status.PASSED, rule.formula, "check-filled", stated=count, params={"count": count}
        )


def cover(rule: Rule, ctx: Context) -> Iterator[Finding]:
    if _stated(ctx) == 0:
        return  # 未填报 says it all
    for cf in ctx.report.layout.cover:
        if not cf.required:
            continue
        value = cover_value(ctx.report, cf)
        params = {"field": cf.key, "label": cf.label, "value": value}
        if value is None:
            yield make_finding(
                rule, Status.FAILED, rule.formula, "check-cover-missing", params=params
            )
        else:
            yield make_finding(
                rule, Status.PASSED, rule.formula, "check-cover-stated", stated=value, params=params
            )


def table_blank(rule: Rule, ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    if _stated(ctx) == 0:
        return
    for table in report.layout.tables:
        own = _table_inputs(report.edition, table.key)
        if not own or _any_stated(ctx.values, own):
            continue
        first, where = _first_and_span(ctx, own)
        params: dict[str, Any] = {"title": table.title, "table": table.key, "where": where}
        filled = _filled_totals(report, table.key, ctx)
        if filled:  # only its totals are stated: say which, not 整表未填写
            params["filled"] = ref_runs(filled)
            params["totals"] = list(
                dict.fromkeys(
                    "总计" if c.field.endswith(".total") else c.label.split("·")[0] for c in filled
                )
            )
        yield make_finding(
            rule,
            Status.FAILED,
            rule.formula,
            "check-table-totals-only" if filled else "check-table-blank",
            cells=first,
            absent=(where,),
            params=params,
        )


def _filled_totals(report: AnnualReport, table: str, ctx: Context) -> tuple[CellInfo, ...]:
    """The stated cells of a table that are not typed in (its totals)."""
    inputs = {f.path for f in input_fields(report.layout)}
    return tuple(
        ctx.cell(f.path)
        for f in report.layout.fields()
        if f.path[0] == table
        and f.official
        and f.kind is not Kind.UNIT
        and f.path not in inputs
        and report.get(f.path) is not None
    )


def column_blank(rule: Rule, ctx: Context) -> Iterator[Finding]:
    report = ctx.report
    values = ctx.values
    if not _any_stated(values, _table_inputs(report.edition, rule.table)):
        return  # a blank table is another rule's
    table = report.layout.table(rule.table)
    by_column = _input_columns(report.edition, rule.table)
    if len(by_column) < 2:
        return
    for key, fields in by_column:
        if len(fields) < 2 or _any_stated(values, fields):
            continue
        first, where = _first_and_span(ctx, fields)
        label = fields[0].labels[-1] if fields[0].labels else key
        params = {"title": table.title, "table": table.key, "column": label, "where": where}
        yield make_finding(
            rule,
            Status.FAILED,
            rule.formula,
            "check-column-blank",
            cells=first,
            absent=(where,),
            params=params,
        )


def _first_and_span(ctx: Context, fields: Sequence[Field]) -> tuple[tuple[CellInfo, ...], str]:
    """The first of the fields' cells (none for no field) and :func:`_span` of all their
    cells, making only the cells it reads: the first, and the first and last with a
    reference (a blank column's finding names its run, not each of its cells)."""
    if not fields:
        return (), ""
    head = ctx.cell(fields[0].path)
    n = len(fields)
    first = 0 if head.ref else next((i for i in range(1, n) if ctx.cell(fields[i].path).ref), None)
    if first is None:
        return (head,), head.field
    last = next((i for i in range(n - 1, first, -1) if ctx.cell(fields[i].path).ref), first)
    start = head if first == 0 else ctx.cell(fields[first].path)
    if last == first:
        return (head,), start.where
    return (head,), f"{start.where}…{ctx.cell(fields[last].path).cell}"


def _span(cells: tuple[CellInfo, ...]) -> str:
    """The first and last cell of a run, as ``'三、依申请'!D5…D29`` (what
    :func:`_first_and_span` gives without making every cell)."""
    refs = [c for c in cells if c.ref]
    if not refs:
        return cells[0].field if cells else ""
    first, last = refs[0], refs[-1]
    return first.where if first is last else f"{first.where}…{last.cell}"


def text_numbers(rule: Rule, ctx: Context) -> Iterator[Finding]:
    prov = ctx.report.provenance
    if prov is None or prov.kind != "workbook":
        return  # every cell of a published text is text: only a workbook stores numbers
    by_sheet: dict[str, list[CellInfo]] = {}
    for f in ctx.report.layout.fields():
        src = prov.cells.get(f.path)
        if src is None or f.kind is Kind.UNIT or not isinstance(src.raw, str):
            continue
        cell = ctx.cell(f.path)
        if cell.is_text and src.raw.strip() and not src.raw.startswith("="):
            by_sheet.setdefault(src.sheet, []).append(cell)
    for sheet, cells in by_sheet.items():
        shown = cut((c.cell or c.field for c in cells), 20)
        params = {"sheet": sheet, "count": len(cells), "cells": shown}
        yield make_finding(
            rule,
            Status.FAILED,
            rule.formula,
            "check-text-numbers",
            cells=tuple(cells),
            params=params,
        )
