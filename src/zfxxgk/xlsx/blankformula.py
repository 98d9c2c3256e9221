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
#: One cell of a total's list (a range is two): column letters, then a row from 1.
_REF = re.compile(r"[A-Z]{1,3}[1-9]\d{0,6}")
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})", re.ASCII)
#: Cells :func:`shows_blank` looks at, at most (a larger total is evaluated).
_BLANK_CELLS = 4096


def _cell(ref: str) -> tuple[int, int]:
    m = _CELL.fullmatch(ref)
    assert m is not None
    return int(m.group(2)) - 1, column_index(m.group(1))


def _is_number(v: Any) -> bool:
    return isinstance(v, int | Decimal | float) and not isinstance(v, bool)


def _blank_when_none(text: str) -> list[str] | None:
    """The references of a total of our templates' form, ``IF(COUNT(refs)=0,"",SUM(refs))``
    with the same refs twice, each a cell or a range ``A1:B2`` (the form checked without
    a regular expression of nested repeats, whose compiling alone took longer than a read
    of a filled template spends here); None for any other formula."""
    if not text.startswith("IF(COUNT("):
        return None
    refs = text[9 : text.find(")", 9)]
    if text != f'IF(COUNT({refs})=0,"",SUM({refs}))':
        return None
    parts = refs.split(",")
    for part in parts:
        ends = part.split(":")
        if len(ends) > 2 or not all(_REF.fullmatch(end) for end in ends):
            return None
    return parts


def shows_blank(
    formula: str, values: dict[tuple[int, int], Any], formulas: dict[tuple[int, int], str]
) -> bool:
    """True when ``formula`` is ``IF(COUNT(refs)=0,"",SUM(refs))`` and none of its cells
    holds a number or a formula: then it shows "" (the evaluator would give exactly that),
    whatever result was stored. False means only "not shown so": evaluate it."""
    spans = _SPANS.get(formula)
    if spans is None:
        spans = _spans(formula)
        if len(_SPANS) >= 4096:
            _SPANS.clear()
        _SPANS[formula] = spans
    if not spans:
        return False
    for rows, cols in spans:
        for r in rows:
            for c in cols:
                if (r, c) in formulas or _is_number(values.get((r, c))):
                    return False
    return True


def _spans(formula: str) -> tuple[tuple[range, range], ...]:
    """The rows and columns of each part of a total of our templates' form; none for
    any other formula, or one of more than ``_BLANK_CELLS`` cells (then evaluated)."""
    text = formula.removeprefix("=")
    refs = _blank_when_none(text) if len(text) <= MAX_FORMULA else None
    if refs is None:
        return ()
    seen = 0
    out: list[tuple[range, range]] = []
    for part in refs:
        first, _, last = part.partition(":")
        (r0, c0), (r1, c1) = _cell(first), _cell(last or first)
        rows = range(min(r0, r1), max(r0, r1) + 1)
        cols = range(min(c0, c1), max(c0, c1) + 1)
        seen += len(rows) * len(cols)
        if seen > _BLANK_CELLS:
            return ()
        out.append((rows, cols))
    return tuple(out)


#: formula text → its parts (a pure function of the text: the same few totals recur in
#: every workbook filled from one template)
_SPANS: dict[str, tuple[tuple[range, range], ...]] = {}
