"""Whether a total of our templates' form shows "" (no cell it adds up holds a number),
told without the formula evaluator (:mod:`zfxxgk.xlsx.formula`), which a filled template's
read then need not import."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from zfxxgk.xlsx.refs import column_index

#: Longest formula looked at (the evaluator's bound, :data:`zfxxgk.xlsx.formula.MAX_FORMULA`).
MAX_FORMULA = 8192
_REF_OR_RANGE = r"[A-Z]{1,3}[1-9]\d{0,6}(?::[A-Z]{1,3}[1-9]\d{0,6})?"
#: A total that shows "" while none of its cells holds a number (our templates' form).
_BLANK_WHEN_NONE = re.compile(
    rf'IF\(COUNT\((?P<refs>{_REF_OR_RANGE}(?:,{_REF_OR_RANGE})*)\)=0,"",SUM\((?P=refs)\)\)'
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})", re.ASCII)
#: Cells :func:`shows_blank` looks at, at most (a larger total is evaluated).
_BLANK_CELLS = 4096


def _cell(ref: str) -> tuple[int, int]:
    m = _CELL.fullmatch(ref)
    assert m is not None
    return int(m.group(2)) - 1, column_index(m.group(1))


def _is_number(v: Any) -> bool:
    return isinstance(v, int | Decimal | float) and not isinstance(v, bool)


def shows_blank(
    formula: str, values: dict[tuple[int, int], Any], formulas: dict[tuple[int, int], str]
) -> bool:
    """True when ``formula`` is ``IF(COUNT(refs)=0,"",SUM(refs))`` and none of its cells
    holds a number or a formula: then it shows "" (the evaluator would give exactly that),
    whatever result was stored. False means only "not shown so": evaluate it."""
    text = formula.removeprefix("=")
    m = _BLANK_WHEN_NONE.fullmatch(text) if len(text) <= MAX_FORMULA else None
    if m is None:
        return False
    seen = 0
    for part in m.group("refs").split(","):
        first, _, last = part.partition(":")
        (r0, c0), (r1, c1) = _cell(first), _cell(last or first)
        rows = range(min(r0, r1), max(r0, r1) + 1)
        cols = range(min(c0, c1), max(c0, c1) + 1)
        seen += len(rows) * len(cols)
        if seen > _BLANK_CELLS:
            return False
        for r in rows:
            for c in cols:
                if (r, c) in formulas or _is_number(values.get((r, c))):
                    return False
    return True
