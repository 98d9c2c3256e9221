"""Money amounts in one unit: 万元, whatever unit the report states them in."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from zfxxgk.core.layout import Field, FieldPath, Kind
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.values import UNIT_FACTORS as UNITS


def unit_of(report: AnnualReport, field: Field) -> str | None:
    """The unit of a money field: the one the table prints, else the one the report states
    beside it (the 2019 采购总金额), else None."""
    if field.unit:
        return field.unit
    if field.unit_field is None:
        return None
    unit = report.get(field.unit_field)
    return unit if isinstance(unit, str) else None


def in_wan(report: AnnualReport, field: Field) -> Decimal | None:
    """The field's amount in 万元 (None where it is blank or its unit is unknown)."""
    value = report.get(field.path)
    if field.kind is not Kind.MONEY or value is None:
        return None
    unit = unit_of(report, field)
    if unit not in UNITS:
        return None
    return Decimal(value) * UNITS[unit] / UNITS["万元"]


def field_sum(
    report: AnnualReport, paths: Sequence[FieldPath], subtotal: FieldPath | None = None
) -> int | Decimal | None:
    """The sum of the stated values of ``paths`` (money in 万元); a stated ``subtotal``
    where they are all blank; None where nothing is stated."""
    fields = report.layout.field_map
    values: list[int | Decimal] = []
    for p in paths:
        f = fields[p]
        v = in_wan(report, f) if f.kind is Kind.MONEY else report.get(p)
        if isinstance(v, int | Decimal):
            values.append(v)
    if not values:
        if subtotal is not None:
            v = report.get(subtotal)
            return v if isinstance(v, int | Decimal) else None
        return None
    return sum(values[1:], values[0])
