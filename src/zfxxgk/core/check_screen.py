"""The check's first look at every instance of a relation rule, compiled once per edition.

Most instances of a report's equations hold, or are all blank, and say nothing. Which do
is what :func:`zfxxgk.core.check_relations.relation` decides first, on the typed fast path
(:func:`zfxxgk.core.evaluate.verdict` over the report's values). :func:`screen` makes that
same decision for all the same-year instances of a rule at once, in one function written
out as straight-line Python per edition and rule (each equation's cells read, summed and
judged in place, as :func:`~zfxxgk.core.evaluate.sums` and
:func:`~zfxxgk.core.evaluate.verdict` do), and returns the instances that may say
something: those go through ``relation`` as before, and so give the same findings. An
instance with stand-in subtotals (groups) or of last year's values is always returned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.evaluate import _number, holds
from zfxxgk.core.layout import Equation, FieldPath

#: the instances (their positions among the rule's) that may say something
Screen = Callable[[Mapping[FieldPath, Any]], list[int]]


def _quiet_code(k: int, eq: Equation, official: bool, total_required: bool) -> list[str]:
    """Lines appending ``k`` to ``out`` unless the instance is quiet (as ``relation``
    returns None for it before evaluating): the verdict skipped or passed, or a subtotal
    with no cell whose total or every part is blank."""
    lines = [f"t = g(P{k}_t)", "c = 0", "s = False"]
    for i, term in enumerate(eq.parts):
        # as sums(): computed + sign * (v if type(v) is int else _number(v))
        lines += [
            f"x = g(P{k}_{i})",
            "if x is not None:",
            f"    c = c {'+' if term.sign == 1 else '-'} x if type(x) is int"
            f" else c + {term.sign} * N(x)",
            "    s = True",
        ]
    # as verdict(): skipped (all blank) and passed are quiet; not assessable or failed
    # are not, except a subtotal with no cell whose total or every part is blank
    lines += [
        "if t is None and not s:",
        "    pass",
        f"elif not s or (t is None and {total_required}):",
        f"    out.append({k})" if official else "    pass",
        f"elif H(OP{k}, (N(t) if t is not None else 0) - c, TOL):",
        "    pass",
    ]
    if official:
        lines += ["else:", f"    out.append({k})"]
    else:
        lines += ["elif t is None or not s:", "    pass", "else:", f"    out.append({k})"]
    return lines


@cache
def instances_of(edition_id: str, rule_id: str) -> tuple[Equation, ...]:
    """The equations of an edition that are instances of a relation rule, in its order."""
    return tuple(eq for eq in EDITIONS[edition_id].equations if eq.rule == rule_id)


@cache
def screen(edition_id: str, rule_id: str, total_required: bool, tolerance: Decimal) -> Screen:
    """The compiled first look at the instances of a rule in an edition
    (:func:`instances_of`): given the report's values, the positions of the instances
    that may say something."""
    equations = instances_of(edition_id, rule_id)
    fields = EDITIONS[edition_id].field_map
    names: dict[str, Any] = {"N": _number, "H": holds, "TOL": tolerance}
    body = ["out = []", "g = values.get"]
    for k, eq in enumerate(equations):
        if eq.groups or eq.cross_year:  # stand-ins, or last year's values: the full path
            body.append(f"out.append({k})")
            continue
        names[f"P{k}_t"] = eq.total
        names[f"OP{k}"] = eq.op
        for i, term in enumerate(eq.parts):
            names[f"P{k}_{i}"] = term.path
        body += _quiet_code(k, eq, fields[eq.total].official, total_required)
    body.append("return out")
    source = "def screen(values):\n" + "".join(f"    {line}\n" for line in body)
    code = compile(source, f"<check screen {edition_id}>", "exec")
    exec(code, names)
    return names["screen"]  # type: ignore[no-any-return]
