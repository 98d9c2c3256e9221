"""Rows of the same meaning across the 2020 → 2021 edition change, as data (formats.md §6).

- Section 三: rows 一, 二, 四, （一）–（五） and （七） map one to one, column by column;
  2019 （六）其他处理 = 2021 （六）1 + 2 + 3 (or the （六） subtotal a 2021 report states).
- Section 四 maps one to one.
- Section 二 is not comparable except as a rough proxy (marked ``exact=False``):
  2019 本年新制作数量 ≈ 2021 本年制发件数, and 2019 处理决定数量 ≈ 2021 本年处理决定数量 for
  行政许可, 行政处罚 and 行政强制. 2019 对外公开总数量 is *not* 现行有效件数.
- Everything else has no counterpart and is shown apart, never forced.

Within one edition every field is its own counterpart.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import attrs

from zfxxgk.core.layout import Edition, FieldPath

from . import common as c

RowRef = tuple[str, str]  #: (table, part)


@attrs.frozen
class Counterpart:
    """Rows of an older edition and of a newer one that mean the same thing.

    The values of ``old`` rows (added up) correspond to those of ``new`` rows (added up),
    column by column through ``columns``. Where every ``new`` row is blank, a stated
    ``new_subtotal`` stands in for them.
    """

    key: str  #: the common row's name (the newer edition's path where it has one)
    label: str
    old: tuple[RowRef, ...]
    new: tuple[RowRef, ...]
    columns: tuple[tuple[str, str], ...]  #: (old column key, new column key)
    exact: bool = True
    note: str = ""
    new_subtotal: RowRef | None = None


_T3 = "applications"
_T3_COLUMNS = tuple((col.key, col.key) for col in (*c.APPLICANT_COLUMNS, c.ORGANIZATIONS_TOTAL))
_T3_SAME_ROWS = (
    *c.T3_HEAD_ROWS,
    *c.WITHHELD_ROWS,
    *c.UNAVAILABLE_ROWS,
    *c.UNPROCESSED_ROWS,
    c.WITHHELD_TOTAL,
    c.UNAVAILABLE_TOTAL,
    c.UNPROCESSED_TOTAL,
    c.RESULTS_TOTAL,
    c.CARRIED_FORWARD,
)
_OTHER_2021 = ("other_overdue_correction", "other_unpaid_fee", "other_reasons")

#: (older edition, newer edition) → the rows that correspond.
MAPPINGS: dict[tuple[str, str], tuple[Counterpart, ...]] = {
    ("2019", "2021"): (
        *(
            Counterpart(
                f"{_T3}.{row.key}",
                "·".join(row.path),
                ((_T3, row.key or ""),),
                ((_T3, row.key or ""),),
                _T3_COLUMNS,
            )
            for row in _T3_SAME_ROWS
        ),
        Counterpart(
            f"{_T3}.{c.OTHER_TOTAL_KEY}",
            f"{c.OTHER}（1+2+3）",
            ((_T3, c.OTHER_TOTAL_KEY),),
            tuple((_T3, k) for k in _OTHER_2021),
            _T3_COLUMNS,
            note="2019 版（六）其他处理 = 2021 版（六）1 + 2 + 3",
            new_subtotal=(_T3, c.OTHER_TOTAL_KEY),
        ),
        *(
            Counterpart(
                f"reviews.{part}",
                "·".join(heads),
                (("reviews", part),),
                (("reviews", part),),
                tuple((k, k) for k, _ in c.OUTCOMES),
            )
            for part, heads in c.REVIEW_PARTS
        ),
        *(
            Counterpart(
                f"proactive.{part}",
                f"{label}·本年新制作数量 ≈ 本年制发件数",
                (("proactive", part),),
                (("proactive", part),),
                (("new_made", "issued"),),
                exact=False,
                note="近似：2019 版本年新制作数量 ≈ 2021 版本年制发件数",
            )
            for part, label in (("rules", "规章"), ("normative_documents", "规范性文件"))
        ),
        *(
            Counterpart(
                f"proactive.{part}",
                f"{label}·处理决定数量 ≈ 本年处理决定数量",
                (("proactive", part),),
                (("proactive", part),),
                (("decisions", "decisions"),),
                exact=False,
                note="近似：2019 版处理决定数量 ≈ 2021 版本年处理决定数量",
            )
            for part, label in (
                ("licensing", "行政许可"),
                ("penalty", "行政处罚"),
                ("coercion", "行政强制"),
            )
        ),
    ),
}


@attrs.frozen
class FieldPair:
    """One value of the common rows: the fields it adds up in each edition."""

    key: str  #: e.g. ``applications.other_total.total``
    label: str
    old: tuple[FieldPath, ...]
    new: tuple[FieldPath, ...]
    exact: bool
    note: str
    new_subtotal: FieldPath | None = None
    old_subtotal: FieldPath | None = None  #: (pairs read from the newer edition back)


@cache
def field_pairs(old: Edition, new: Edition) -> tuple[FieldPair, ...]:
    """Every corresponding value of two editions, in the newer edition's order.

    The same edition pairs every field with itself; editions the mapping does not name
    pair nothing.
    """
    if old.id == new.id:
        return tuple(
            FieldPair(".".join(f.path), f.label, (f.path,), (f.path,), True, "")
            for f in new.fields()
        )
    flip = (old.id, new.id) not in MAPPINGS
    found = MAPPINGS.get((new.id, old.id), ()) if flip else MAPPINGS[(old.id, new.id)]
    out = []
    for cp in found:
        for old_col, new_col in cp.columns:
            pair = FieldPair(
                f"{cp.key}.{new_col}",
                f"{cp.label}·{new_col}",
                tuple((t, p, old_col) for t, p in cp.old),
                tuple((t, p, new_col) for t, p in cp.new),
                cp.exact,
                cp.note,
                (*cp.new_subtotal, new_col) if cp.new_subtotal else None,
            )
            out.append(_flipped(pair) if flip else pair)
    return tuple(_labelled(out, new if not flip else old))


def _flipped(pair: FieldPair) -> FieldPair:
    """A pair read from the newer edition's side back to the older one."""
    return attrs.evolve(
        pair,
        old=pair.new,
        new=pair.old,
        new_subtotal=pair.old_subtotal,
        old_subtotal=pair.new_subtotal,
    )


def _labelled(pairs: list[FieldPair], newer: Edition) -> Iterator[FieldPair]:
    """Each pair labelled by the newer edition's row and column where it is one field,
    else by the mapping's row label and the column's label."""
    fields = newer.field_map
    for pair in pairs:
        side = pair.new if pair.new and pair.new[0] in fields else pair.old
        f = fields.get(side[0]) if side else None
        if f is None:
            yield pair
        elif len(side) == 1 and pair.exact:
            yield attrs.evolve(pair, label=f.label)
        else:
            row = pair.label.rsplit("·", 1)[0]
            label = f"{row}·{f.labels[-1]}" if pair.exact else row
            yield attrs.evolve(pair, label=label)
