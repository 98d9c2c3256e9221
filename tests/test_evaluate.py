"""Unit tests of the one evaluator (core/evaluate.py): blanks, verdicts, stand-in subtotals.

Equations are generated (hypothesis): any number of signed parts, a total, an operator,
each cell blank or a count, so the verdict rules are checked on every shape an edition can
declare, not only on the shapes the two editions happen to have.
"""

from __future__ import annotations

from decimal import Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import given

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.evaluate import (
    Blanks,
    Status,
    evaluate,
    holds,
    judge,
    partial_subtotals,
    report_getter,
)
from zfxxgk.core.layout import Equation, FieldPath, Group, Term
from zfxxgk.core.model import AnnualReport
from zfxxgk.core.values import Value

TOTAL: FieldPath = ("t", "total", "v")


def part(i: int) -> FieldPath:
    return ("t", f"p{i}", "v")


values = st.none() | st.integers(min_value=-5, max_value=50)


@st.composite
def instances(draw: st.DrawFn) -> tuple[Equation, dict[FieldPath, Value]]:
    n = draw(st.integers(min_value=1, max_value=6))
    signs = draw(st.lists(st.sampled_from([1, 1, 1, -1]), min_size=n, max_size=n))
    op = draw(st.sampled_from(["=", "=", ">=", "<="]))
    eq = Equation("R-TEST", TOTAL, tuple(Term(part(i), s) for i, s in enumerate(signs)), op=op)
    cells = {TOTAL: draw(values), **{part(i): draw(values) for i in range(n)}}
    return eq, cells


def getter(cells: dict[FieldPath, Value]):  # type: ignore[no-untyped-def]
    return lambda path, previous: cells.get(path)


@given(instances())
def test_computed_is_the_signed_sum_of_stated_parts(case) -> None:  # type: ignore[no-untyped-def]
    eq, cells = case
    ev = evaluate(eq, getter(cells))
    expected = sum(t.sign * cells[t.path] for t in eq.parts if cells[t.path] is not None)
    assert ev.computed == expected
    assert ev.difference() == (cells[TOTAL] or 0) - expected
    assert len(ev.blank) == sum(v is None for v in cells.values())


@given(instances(), st.booleans())
def test_verdicts_with_blanks_absent(case, total_required: bool) -> None:  # type: ignore[no-untyped-def]
    eq, cells = case
    status = judge(evaluate(eq, getter(cells)), total_required=total_required)
    total = cells[TOTAL]
    stated = [cells[t.path] for t in eq.parts if cells[t.path] is not None]
    if total is None and not stated:
        assert status is Status.SKIPPED
    elif not stated or (total is None and total_required):
        assert status is Status.NOT_ASSESSABLE
    else:
        diff = (total or 0) - sum(t.sign * (cells[t.path] or 0) for t in eq.parts)
        ok = {"=": diff == 0, ">=": diff >= 0, "<=": diff <= 0}[eq.op]
        assert status is (Status.PASSED if ok else Status.FAILED)


@given(instances())
def test_blanks_zero_is_what_a_spreadsheet_sum_says(case) -> None:  # type: ignore[no-untyped-def]
    """Under Blanks.ZERO a verdict is always given: the relation on blanks as 0."""
    eq, cells = case
    ev = evaluate(eq, getter(cells), blanks=Blanks.ZERO)
    status = judge(ev)
    assert status in (Status.PASSED, Status.FAILED)
    diff = (cells[TOTAL] or 0) - sum(t.sign * (cells[t.path] or 0) for t in eq.parts)
    assert (status is Status.PASSED) == holds(eq.op, diff)
    assert all(a.value is not None for a in ev.addends)


def test_a_stated_subtotal_stands_in_for_its_blank_rows() -> None:
    sub: FieldPath = ("t", "sub", "v")
    eq = Equation(
        "R-TEST",
        TOTAL,
        (Term(part(0)), Term(part(1)), Term(part(2))),
        groups=(Group(sub, (part(1), part(2))),),
    )
    cells: dict[FieldPath, Value] = {TOTAL: 10, part(0): 3, part(1): None, part(2): None, sub: 7}
    ev = evaluate(eq, getter(cells))
    assert [a.path for a in ev.addends] == [part(0), sub]
    assert judge(ev) is Status.PASSED
    # a member stated: the rows count, the subtotal does not stand in
    cells[part(1)] = 2
    ev = evaluate(eq, getter(cells))
    assert [a.path for a in ev.addends] == [part(0), part(1), part(2)]
    assert judge(ev) is Status.FAILED and ev.difference() == 5
    # an aggregate that says the subtotal covers more reports than its rows: it stands in
    ev = evaluate(eq, getter(cells), partial=["t.sub"])
    assert [a.path for a in ev.addends] == [part(0), sub]
    # a spreadsheet's SUM never substitutes: the rows as they stand, blanks as 0
    ev = evaluate(eq, getter(cells), blanks=Blanks.ZERO, partial=["t.sub"])
    assert [a.path for a in ev.addends] == [part(0), part(1), part(2)]


@pytest.mark.parametrize(
    ("op", "difference", "tolerance", "expected"),
    [
        ("=", 0, Decimal(0), True),
        ("=", 1, Decimal(0), False),
        ("=", Decimal("0.004"), Decimal("0.005"), True),
        ("=", Decimal("-0.006"), Decimal("0.005"), False),
        (">=", -1, Decimal(0), False),
        (">=", 3, Decimal(0), True),
        ("<=", 3, Decimal(0), False),
        ("<=", Decimal("0.001"), Decimal("0.005"), True),
    ],
)
def test_holds(op: str, difference: object, tolerance: Decimal, expected: bool) -> None:
    assert holds(op, difference, tolerance) is expected


def test_previous_year_terms_read_last_years_report() -> None:
    eq = next(e for e in EDITIONS["2021"].equations if e.cross_year)
    this = AnnualReport(edition="2021", year=2024)
    last = AnnualReport(edition="2021", year=2023)
    term = next(t for t in eq.parts if t.previous)
    last.set(term.path, 4)
    ev = evaluate(eq, report_getter(this, last))
    assert any(a.term is term and a.value == 4 for a in ev.addends)
    # without last year's report its terms are blank
    ev = evaluate(eq, report_getter(this))
    assert all(a.value is None for a in ev.addends if a.term.previous)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            {"partial_subtotals": ["applications.withheld_total", 3]},
            {"applications.withheld_total"},
        ),
        ({"partial_subtotals": "a.withheld_total"}, set()),
        ({}, set()),
        (None, set()),
    ],
)
def test_partial_subtotals_from_meta(meta: object, expected: set[str]) -> None:
    assert partial_subtotals(meta) == expected
