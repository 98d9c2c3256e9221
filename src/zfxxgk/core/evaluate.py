"""The one evaluator of an edition's equations, with the meaning of a blank passed in.

Every place that adds up a report's parts goes through :func:`evaluate`:
:meth:`AnnualReport.with_totals`, :func:`zfxxgk.check`, the check area that the template
prints (its formulas encode :func:`judge` cell for cell) and the reader's evaluation of
formula cells. Two meanings of a blank cell are kept apart on purpose:

- :attr:`Blanks.ABSENT` — what the checks mean: a blank is *not stated*, which is not 0.
  An instance all of whose cells are blank says nothing; a total with no stated part, or a
  blank total with stated parts, cannot be judged.
- :attr:`Blanks.ZERO` — what a spreadsheet's ``SUM`` does: a blank counts as 0 (and text
  is skipped: the caller passes it as blank).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from zfxxgk.core.layout import Equation, FieldPath, Term
from zfxxgk.core.values import Value

Number = int | Decimal

#: ``meta`` key of an aggregate: subtotals that cover more reports than their rows do.
PARTIAL_SUBTOTALS = "partial_subtotals"


class Blanks(enum.Enum):
    """What a blank cell means when parts are added up."""

    ABSENT = "absent"  #: not stated, which is not 0 (the checks, with_totals)
    ZERO = "zero"  #: 0, as a spreadsheet's SUM counts it


class Status(str, enum.Enum):
    """The verdict on one instance of a rule (a finding's ``status``; equal to its text,
    ``Status.FAILED == "failed"``, so code that compares with the text keeps working)."""

    SKIPPED = "skipped"  #: every cell blank: nothing to judge
    NOT_ASSESSABLE = "not_assessable"  #: the total, or all of its parts, not stated
    PASSED = "passed"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Addend:
    """One part as evaluated: its term, the field read (a stand-in subtotal may replace a
    group of rows) and the value found there (None: blank)."""

    term: Term
    path: FieldPath
    value: Value


@attrs.frozen
class Evaluation:
    """An equation evaluated on a report: the stated total, each addend, their sum."""

    equation: Equation
    total: Value
    addends: tuple[Addend, ...]
    blanks: Blanks

    @property
    def stated_addends(self) -> tuple[Addend, ...]:
        return tuple(a for a in self.addends if a.value is not None)

    @property
    def computed(self) -> Number:
        """Σ sign·value over the stated addends (blank ones add nothing, in both meanings)."""
        total: Number = 0
        for a in self.addends:
            if a.value is not None:
                total = total + a.term.sign * _number(a.value)
        return total

    @property
    def blank(self) -> tuple[Addend | None, ...]:
        """The blank cells: None stands for the total, the addends for themselves."""
        out: list[Addend | None] = [None] if self.total is None else []
        return (*out, *(a for a in self.addends if a.value is None))

    def difference(self) -> Number:
        """stated − computed, a blank total counting as 0."""
        stated = _number(self.total) if self.total is not None else 0
        return stated - self.computed


def _number(value: Value) -> Number:
    if isinstance(value, int | Decimal):
        return value
    raise TypeError(f"not a number: {value!r}")


Getter = Callable[[FieldPath, bool], Value]


def evaluate(
    equation: Equation,
    get: Getter,
    *,
    blanks: Blanks = Blanks.ABSENT,
    partial: Iterable[str] = (),
) -> Evaluation:
    """Evaluate ``equation`` on the values ``get(path, previous_year)`` gives.

    A stated group subtotal stands in for its rows when every row of the group is blank,
    or when ``partial`` (``meta.partial_subtotals`` of an aggregate) names its part.
    With :attr:`Blanks.ZERO` every blank value is 0, as a spreadsheet's SUM takes it.
    """
    zero = blanks is Blanks.ZERO

    def value(path: FieldPath, previous: bool = False) -> Value:
        v = get(path, previous)
        return 0 if v is None and zero else v

    covered = set(partial)
    stand_in: dict[FieldPath, FieldPath] = {}
    skip: set[FieldPath] = set()
    if not zero:
        for group in equation.groups:
            rows_blank = all(get(m, False) is None for m in group.members)
            if (rows_blank or ".".join(group.subtotal[:2]) in covered) and get(
                group.subtotal, False
            ) is not None:
                stand_in[group.members[0]] = group.subtotal
                skip.update(group.members[1:])
    addends: list[Addend] = []
    for term in equation.parts:
        if term.path in skip:
            continue
        path = stand_in.get(term.path, term.path)
        addends.append(Addend(term, path, value(path, term.previous)))
    return Evaluation(equation, value(equation.total), tuple(addends), blanks)


def holds(op: str, difference: Any, tolerance: Decimal = Decimal(0)) -> bool:
    """Whether ``stated − computed`` satisfies the relation ``op``, within tolerance."""
    if op == ">=":
        return bool(difference >= -tolerance)
    if op == "<=":
        return bool(difference <= tolerance)
    return bool(abs(difference) <= tolerance)


def judge(
    ev: Evaluation, *, total_required: bool = True, tolerance: Decimal = Decimal(0)
) -> Status:
    """The verdict on an evaluated instance.

    Under :attr:`Blanks.ABSENT`: all blank → skipped; a stated total whose parts are all
    blank, or (where ``total_required``) a blank total with stated parts → not
    assessable; otherwise blank parts count as 0 and the relation decides. Under
    :attr:`Blanks.ZERO` only the relation decides.
    """
    if ev.blanks is Blanks.ABSENT:
        stated = ev.stated_addends
        if ev.total is None and not stated:
            return Status.SKIPPED
        if not stated or (ev.total is None and total_required):
            return Status.NOT_ASSESSABLE
    if holds(ev.equation.op, ev.difference(), tolerance):
        return Status.PASSED
    return Status.FAILED


def sums(equation: Equation, values: Mapping[FieldPath, Value]) -> tuple[Value, Number, bool]:
    """The typed fast path of :func:`evaluate` under :attr:`Blanks.ABSENT` for a same-year
    equation over a dict of values: (stated total, Σ sign·value of the stated addends,
    whether any addend is stated), stand-in subtotals applied as :func:`evaluate` applies
    them, without building an :class:`Evaluation` (the fill judges hundreds per file)."""
    stand: dict[FieldPath, FieldPath] = {}
    skip: set[FieldPath] = set()
    for group in equation.groups:
        if values.get(group.subtotal) is not None and all(
            values.get(m) is None for m in group.members
        ):
            stand[group.members[0]] = group.subtotal
            skip.update(group.members[1:])
    computed: Number = 0
    stated = False
    for term in equation.parts:
        path = term.path
        if path in skip:
            continue
        v = values.get(stand.get(path, path) if stand else path)
        if v is not None:
            computed = computed + term.sign * (v if type(v) is int else _number(v))
            stated = True
    return values.get(equation.total), computed, stated


def verdict(
    equation: Equation,
    values: Mapping[FieldPath, Value],
    *,
    total_required: bool = True,
    tolerance: Decimal = Decimal(0),
) -> Status:
    """:func:`judge` of :func:`evaluate` (blanks absent) over a dict, by :func:`sums`."""
    total, computed, stated = sums(equation, values)
    if total is None and not stated:
        return Status.SKIPPED
    if not stated or (total is None and total_required):
        return Status.NOT_ASSESSABLE
    difference = (_number(total) if total is not None else 0) - computed
    return Status.PASSED if holds(equation.op, difference, tolerance) else Status.FAILED


def report_getter(report: Any, previous: Any = None) -> Getter:
    """``get`` over a report (and last year's): None where a field is absent or unknown."""
    fields = report.layout.field_map
    last_fields = previous.layout.field_map if previous is not None else {}

    def get(path: FieldPath, last: bool) -> Value:
        if last:
            if previous is None or path not in last_fields:
                return None
            return previous.get(path)  # type: ignore[no-any-return]
        return report.get(path) if path in fields else None

    return get


def partial_subtotals(meta: Any) -> frozenset[str]:
    """The parts whose subtotals cover more inputs than their rows (an aggregate says)."""
    value = meta.get(PARTIAL_SUBTOTALS) if isinstance(meta, dict) else None
    if not isinstance(value, list):
        return frozenset()
    return frozenset(x for x in value if isinstance(x, str))
