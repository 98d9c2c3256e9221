"""The vocabulary in which an edition is described: tables, blocks, rows, columns, sums.

An edition of the report format is plain data built from these classes (see
:mod:`zfxxgk.core.editions`). The model classes, the template builder, the filler, the reader
and the checks all read that data; none of them knows an edition by name.

A *field* is one value of the report, addressed by a path ``(table, part, key)`` that is
also its place in the canonical JSON: ``("applications", "new_received", "total")`` is
``report["applications"]["new_received"]["total"]``.
"""

from __future__ import annotations

import enum
import functools
import operator
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

FieldPath = tuple[str, str, str]


class FrozenValue:
    """Base of the vocabulary's classes: frozen values, equal when their fields are, hashed
    once, shown and pickled field by field (what ``attrs.frozen(cache_hash=True)`` gave, in
    plain code: making eleven attrs classes was the largest part of a one-file read's
    start). :func:`evolve` makes a changed copy."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _getter: Callable[[Any], tuple[Any, ...]]

    def __init_subclass__(cls) -> None:
        # the fields as a tuple, in C (an attrgetter is no method: it is not bound)
        assert len(cls._fields) > 1, cls  # one name would give the value, not a tuple
        cls._getter = operator.attrgetter(*cls._fields)

    def _values(self) -> tuple[Any, ...]:
        return self._getter(self)

    def __setattr__(self, name: str, value: object) -> None:
        from attrs.exceptions import FrozenInstanceError

        raise FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        from attrs.exceptions import FrozenInstanceError

        raise FrozenInstanceError()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FrozenValue) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        try:
            return self._hash  # type: ignore[attr-defined,no-any-return]
        except AttributeError:
            h = hash((self.__class__.__name__, self._getter(self)))
            object.__setattr__(self, "_hash", h)
            return h

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"

    def __getstate__(self) -> tuple[Any, ...]:
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            object.__setattr__(self, name, value)


_V = TypeVar("_V", bound=FrozenValue)


def evolve(value: _V, **changes: Any) -> _V:
    """A copy of ``value`` with ``changes`` to its fields (as ``attrs.evolve``)."""
    return value.__class__(**{**dict(zip(value._fields, value._values(), strict=True)), **changes})


class Kind(enum.Enum):
    """What sort of value a field holds."""

    COUNT = "count"  #: a whole number of items or cases; the checks want it ≥ 0
    SIGNED = "signed"  #: a whole number that may be negative (本年增/减)
    MONEY = "money"  #: an amount of money, kept as ``decimal.Decimal``
    UNIT = "unit"  #: the unit of a money amount whose edition prints none (元 / 万元)

    @property
    def accepts(self) -> Accepts:
        """What a value of this kind may be (see :data:`ACCEPTS`)."""
        return ACCEPTS[self]


class Accepts(FrozenValue):
    """What a field of a kind accepts: the one statement that the model's conversion, the
    template's data validation, the check area, the JSON Schema and the checks all use."""

    __slots__ = ("_hash", "negative", "number", "whole")
    _fields = (
        "number",
        "whole",
        "negative",
    )

    number: bool  #: a number (else one of the field's choices, a text)
    whole: bool  #: a whole number (an int), else any amount (a Decimal)
    negative: bool  #: may be below 0 (else the checks and the template want it ≥ 0)

    @property
    def type_name(self) -> str:
        """The Python type of a stated value: ``int``, ``Decimal`` or ``str``."""
        return "int" if self.whole else "Decimal" if self.number else "str"

    def __init__(self, number: bool, whole: bool, negative: bool) -> None:
        _set = object.__setattr__
        _set(self, "number", number)
        _set(self, "whole", whole)
        _set(self, "negative", negative)


#: What each kind accepts.
ACCEPTS: dict[Kind, Accepts] = {
    Kind.COUNT: Accepts(number=True, whole=True, negative=False),
    Kind.SIGNED: Accepts(number=True, whole=True, negative=True),
    Kind.MONEY: Accepts(number=True, whole=False, negative=False),
    Kind.UNIT: Accepts(number=False, whole=False, negative=False),
}


class Column(FrozenValue):
    """A data column of a block.

    ``path`` holds the header labels from the top down; the last one is the column's own
    label, the ones before it are group headers that merge across neighbouring columns.
    ``part`` names the data-model part the column belongs to when the block has a single
    data row whose columns belong to different parts (section 四).
    """

    __slots__ = ("_hash", "key", "kind", "part", "path", "span", "unit")
    _fields = (
        "key",
        "path",
        "kind",
        "span",
        "part",
        "unit",
    )

    key: str
    path: tuple[str, ...]
    kind: Kind
    span: int
    part: str | None
    unit: str | None  #: the money unit the table prints for this column

    @property
    def label(self) -> str:
        return self.path[-1]

    def __init__(
        self,
        key: str,
        path: tuple[str, ...],
        kind: Kind = Kind.COUNT,
        span: int = 1,
        part: str | None = None,
        unit: str | None = None,
    ) -> None:
        _set = object.__setattr__
        _set(self, "key", key)
        _set(self, "path", path)
        _set(self, "kind", kind)
        _set(self, "span", span)
        _set(self, "part", part)
        _set(self, "unit", unit)


class Row(FrozenValue):
    """A data row of a block; ``path`` holds its labels from the outermost group inwards."""

    __slots__ = ("_hash", "key", "path")
    _fields = (
        "key",
        "path",
    )

    key: str | None
    path: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.path[-1] if self.path else ""

    def __init__(self, key: str | None, path: tuple[str, ...]) -> None:
        _set = object.__setattr__
        _set(self, "key", key)
        _set(self, "path", path)


class Block(FrozenValue):
    """A rectangular table: a title, a header, row labels and a grid of data cells.

    ``optional_rows`` and ``optional_columns`` are parts of the data model that the
    official table prints no cell for (stated group subtotals, a 法人或其他组织 小计
    column); a report keeps them only when its source states them.
    """

    __slots__ = (
        "_hash",
        "columns",
        "corner",
        "header_height",
        "label_width",
        "optional_columns",
        "optional_rows",
        "record",
        "rows",
        "title",
    )
    _fields = (
        "record",
        "columns",
        "rows",
        "title",
        "corner",
        "label_width",
        "header_height",
        "optional_rows",
        "optional_columns",
    )

    record: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str | None
    corner: str | None
    label_width: int
    header_height: int
    optional_rows: tuple[Row, ...]
    optional_columns: tuple[Column, ...]

    @property
    def width(self) -> int:
        return self.label_width + sum(c.span for c in self.columns)

    def __init__(
        self,
        record: str,
        columns: tuple[Column, ...],
        rows: tuple[Row, ...],
        title: str | None = None,
        corner: str | None = None,
        label_width: int = 1,
        header_height: int = 1,
        optional_rows: tuple[Row, ...] = (),
        optional_columns: tuple[Column, ...] = (),
    ) -> None:
        _set = object.__setattr__
        _set(self, "record", record)
        _set(self, "columns", columns)
        _set(self, "rows", rows)
        _set(self, "title", title)
        _set(self, "corner", corner)
        _set(self, "label_width", label_width)
        _set(self, "header_height", header_height)
        _set(self, "optional_rows", optional_rows)
        _set(self, "optional_columns", optional_columns)


class ExtraField(FrozenValue):
    """A value with a cell of its own below the official grid (the 2019 采购总金额 unit)."""

    __slots__ = ("_hash", "amount", "choices", "key", "kind", "label", "note", "part")
    _fields = (
        "part",
        "key",
        "label",
        "kind",
        "choices",
        "note",
        "amount",
    )

    part: str
    key: str
    label: str
    kind: Kind
    choices: tuple[str, ...]
    note: str
    amount: str | None  #: the key of the money field of ``part`` whose unit this is

    def __init__(
        self,
        part: str,
        key: str,
        label: str,
        kind: Kind,
        choices: tuple[str, ...] = (),
        note: str = "",
        amount: str | None = None,
    ) -> None:
        _set = object.__setattr__
        _set(self, "part", part)
        _set(self, "key", key)
        _set(self, "label", label)
        _set(self, "kind", kind)
        _set(self, "choices", choices)
        _set(self, "note", note)
        _set(self, "amount", amount)


class Table(FrozenValue):
    """One of the report's statistical tables (section 二, 三 or 四)."""

    __slots__ = (
        "_hash",
        "blocks",
        "column_widths",
        "extras",
        "key",
        "landscape",
        "record",
        "sheet",
        "title",
    )
    _fields = (
        "key",
        "record",
        "title",
        "sheet",
        "blocks",
        "column_widths",
        "landscape",
        "extras",
    )

    key: str
    record: str
    title: str
    sheet: str
    blocks: tuple[Block, ...]
    column_widths: tuple[float, ...]
    landscape: bool
    extras: tuple[ExtraField, ...]

    @property
    def width(self) -> int:
        return len(self.column_widths)

    def __init__(
        self,
        key: str,
        record: str,
        title: str,
        sheet: str,
        blocks: tuple[Block, ...],
        column_widths: tuple[float, ...],
        landscape: bool = False,
        extras: tuple[ExtraField, ...] = (),
    ) -> None:
        _set = object.__setattr__
        _set(self, "key", key)
        _set(self, "record", record)
        _set(self, "title", title)
        _set(self, "sheet", sheet)
        _set(self, "blocks", blocks)
        _set(self, "column_widths", column_widths)
        _set(self, "landscape", landscape)
        _set(self, "extras", extras)


class Term(FrozenValue):
    """One addend of an equation: a field with a sign, of this report or last year's."""

    __slots__ = ("_hash", "path", "previous", "sign")
    _fields = (
        "path",
        "sign",
        "previous",
    )

    path: FieldPath
    sign: int
    previous: bool  #: the field of the previous year's report

    def __init__(self, path: FieldPath, sign: int = 1, previous: bool = False) -> None:
        _set = object.__setattr__
        _set(self, "path", path)
        _set(self, "sign", sign)
        _set(self, "previous", previous)


class Group(FrozenValue):
    """Addends that a stated subtotal may stand in for when all of them are absent."""

    __slots__ = ("_hash", "members", "subtotal")
    _fields = (
        "subtotal",
        "members",
    )

    subtotal: FieldPath
    members: tuple[FieldPath, ...]

    def __init__(self, subtotal: FieldPath, members: tuple[FieldPath, ...]) -> None:
        _set = object.__setattr__
        _set(self, "subtotal", subtotal)
        _set(self, "members", members)


class Equation(FrozenValue):
    """``total op Σ sign·part``: one instance of an arithmetic rule of the edition.

    ``op`` is ``=``, ``>=`` or ``<=``. ``formula`` says that the blank template computes
    ``total`` with a live formula. ``groups`` lists the subtotals that may stand in for
    some of the parts. ``statement`` gives the instance in the table's own terms.
    """

    __slots__ = ("_hash", "formula", "groups", "op", "parts", "rule", "statement", "total")
    _fields = (
        "rule",
        "total",
        "parts",
        "formula",
        "groups",
        "statement",
        "op",
    )

    rule: str
    total: FieldPath
    parts: tuple[Term, ...]
    formula: bool
    groups: tuple[Group, ...]
    statement: str
    op: str

    @property
    def cross_year(self) -> bool:
        return any(t.previous for t in self.parts)

    def __init__(
        self,
        rule: str,
        total: FieldPath,
        parts: tuple[Term, ...],
        formula: bool = False,
        groups: tuple[Group, ...] = (),
        statement: str = "",
        op: str = "=",
    ) -> None:
        _set = object.__setattr__
        _set(self, "rule", rule)
        _set(self, "total", total)
        _set(self, "parts", parts)
        _set(self, "formula", formula)
        _set(self, "groups", groups)
        _set(self, "statement", statement)
        _set(self, "op", op)


class CoverField(FrozenValue):
    """A field of the cover sheet: the report's agency, year or a ``meta`` entry."""

    __slots__ = ("_hash", "hint", "key", "kind", "label", "required")
    _fields = (
        "key",
        "label",
        "kind",
        "hint",
        "required",
    )

    key: str  #: ``agency``, ``year`` or ``meta.<name>``
    label: str
    kind: str  #: ``text`` or ``year``
    hint: str
    required: bool  #: the checks want it stated

    @property
    def meta_key(self) -> str | None:
        """The ``meta`` entry the field holds; None for the report's own agency or year."""
        return self.key.removeprefix("meta.") if self.key.startswith("meta.") else None

    def __init__(
        self, key: str, label: str, kind: str, hint: str = "", required: bool = False
    ) -> None:
        _set = object.__setattr__
        _set(self, "key", key)
        _set(self, "label", label)
        _set(self, "kind", kind)
        _set(self, "hint", hint)
        _set(self, "required", required)


class Field(FrozenValue):
    """One value of a report as the layout places it."""

    __slots__ = (
        "_hash",
        "amount_field",
        "choices",
        "computed",
        "kind",
        "labels",
        "official",
        "path",
        "record",
        "short",
        "unit",
        "unit_field",
    )
    _fields = (
        "path",
        "kind",
        "labels",
        "record",
        "official",
        "choices",
        "unit",
        "short",
        "unit_field",
        "amount_field",
        "computed",
    )

    path: FieldPath
    kind: Kind
    labels: tuple[str, ...]  #: row labels then column labels, for messages
    record: str
    official: bool  #: the official table prints a cell for it
    choices: tuple[str, ...]
    unit: str | None  #: the fixed money unit, where the table prints one

    short: str  #: the row's own label and the column's, e.g. （七）总计·自然人
    #: the field that states this amount's unit (where the table prints none)
    unit_field: FieldPath | None
    amount_field: FieldPath | None  #: the amount a unit field states the unit of
    computed: bool  #: the blank template computes it (a total with a live formula)

    @property
    def label(self) -> str:
        return self.short or " / ".join(x for x in self.labels if x)

    @property
    def input(self) -> bool:
        """A cell of the official tables a person types a number into (not a computed
        total, not a unit)."""
        return self.official and not self.computed and self.kind.accepts.number

    def __init__(
        self,
        path: FieldPath,
        kind: Kind,
        labels: tuple[str, ...],
        record: str,
        official: bool,
        choices: tuple[str, ...] = (),
        unit: str | None = None,
        short: str = "",
        unit_field: FieldPath | None = None,
        amount_field: FieldPath | None = None,
        computed: bool = False,
    ) -> None:
        _set = object.__setattr__
        _set(self, "path", path)
        _set(self, "kind", kind)
        _set(self, "labels", labels)
        _set(self, "record", record)
        _set(self, "official", official)
        _set(self, "choices", choices)
        _set(self, "unit", unit)
        _set(self, "short", short)
        _set(self, "unit_field", unit_field)
        _set(self, "amount_field", amount_field)
        _set(self, "computed", computed)


class Edition(FrozenValue):
    """One edition of the report format, described completely as data."""

    __slots__ = (
        "__dict__",
        "_hash",
        "cover",
        "cover_sheet",
        "data_sheet",
        "document",
        "equations",
        "first_year",
        "id",
        "last_year",
        "tables",
        "title",
    )
    _fields = (
        "id",
        "document",
        "title",
        "first_year",
        "last_year",
        "tables",
        "equations",
        "cover_sheet",
        "cover",
        "data_sheet",
    )

    id: str
    document: str  #: the notice that fixes the format, e.g. 国办公开办函〔2021〕30号
    title: str
    first_year: int
    last_year: int | None
    tables: tuple[Table, ...]
    equations: tuple[Equation, ...]
    cover_sheet: str
    cover: tuple[CoverField, ...]
    data_sheet: str  #: the very hidden sheet that keeps what has no visible cell

    def table(self, key: str) -> Table:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    @functools.cached_property
    def computing(self) -> dict[FieldPath, Equation]:
        """The totals the blank template computes, each with the sum its formula holds
        (the first equation that gives it one)."""
        out: dict[FieldPath, Equation] = {}
        for eq in self.equations:
            if eq.formula and eq.total not in out:
                out[eq.total] = eq
        return out

    @functools.cached_property
    def table_field_lists(self) -> dict[str, tuple[Field, ...]]:
        """Every field of each table, in order, knowing whether the template computes it
        (computed once)."""
        computing = self.computing
        return {
            t.key: tuple(
                evolve(f, computed=True) if f.path in computing else f for f in table_fields(t)
            )
            for t in self.tables
        }

    def table_fields(self, table: Table | str) -> tuple[Field, ...]:
        """Every field of one table of the edition, in order."""
        return self.table_field_lists[table if isinstance(table, str) else table.key]

    @functools.cached_property
    def field_list(self) -> tuple[Field, ...]:
        """Every field of the edition, in table order (computed once)."""
        return tuple(f for fields in self.table_field_lists.values() for f in fields)

    @functools.cached_property
    def field_map(self) -> dict[FieldPath, Field]:
        """Every field of the edition by its path (computed once)."""
        return {f.path: f for f in self.field_list}

    @functools.cached_property
    def dotted_field_map(self) -> dict[str, Field]:
        """Every field of the edition by its dotted key, e.g. ``reviews.litigation.total``."""
        return {".".join(f.path): f for f in self.field_list}

    def fields(self) -> Iterator[Field]:
        """Every field of the edition, in table order."""
        return iter(self.field_list)

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def __init__(
        self,
        id: str,
        document: str,
        title: str,
        first_year: int,
        last_year: int | None,
        tables: tuple[Table, ...],
        equations: tuple[Equation, ...],
        cover_sheet: str,
        cover: tuple[CoverField, ...],
        data_sheet: str,
    ) -> None:
        _set = object.__setattr__
        _set(self, "id", id)
        _set(self, "document", document)
        _set(self, "title", title)
        _set(self, "first_year", first_year)
        _set(self, "last_year", last_year)
        _set(self, "tables", tables)
        _set(self, "equations", equations)
        _set(self, "cover_sheet", cover_sheet)
        _set(self, "cover", cover)
        _set(self, "data_sheet", data_sheet)


def block_parts(block: Block) -> Iterator[tuple[str, tuple[Column, ...], Row | None]]:
    """Yield ``(part, columns, row)`` for each data-model part of a block, in order.

    Optional rows come last and carry ``row``; official ones carry their row too, except
    in a single-row block whose columns name their parts.
    """
    for row in block.rows:
        if row.key is None:
            seen: list[str] = []
            for col in block.columns:
                if col.part is None:
                    raise ValueError(f"column {col.key} of a keyless row names no part")
                if col.part not in seen:
                    seen.append(col.part)
            for part in seen:
                yield part, tuple(c for c in block.columns if c.part == part), None
        else:
            yield row.key, block.columns, row
    for row in block.optional_rows:
        assert row.key is not None
        yield row.key, block.columns, row


@functools.lru_cache(maxsize=64)
def table_fields(table: Table) -> tuple[Field, ...]:
    """Every field of a table: official cells, optional rows and columns, extras
    (computed once per table). Which of them the template computes is the edition's
    to say: :meth:`Edition.table_fields` knows it."""
    return tuple(_table_fields(table))


def _table_fields(table: Table) -> Iterator[Field]:
    units = {(x.part, x.amount): x.key for x in table.extras if x.amount is not None}
    for block in table.blocks:
        optional_keys = {r.key for r in block.optional_rows}
        for part, columns, row in block_parts(block):
            row_labels = row.path if row is not None else ()
            official_row = part not in optional_keys
            columns_here = [(c, official_row) for c in columns]
            columns_here += [(c, False) for c in block.optional_columns]
            for col, official in columns_here:
                yield Field(
                    path=(table.key, part, col.key),
                    kind=col.kind,
                    labels=(*row_labels, *col.path),
                    record=block.record,
                    official=official,
                    unit=col.unit,
                    short=_short(row_labels, col.path),
                    unit_field=_unit_field(table.key, part, col.key, units),
                )
    for extra in table.extras:
        yield Field(
            path=(table.key, extra.part, extra.key),
            kind=extra.kind,
            labels=(extra.label,),
            record="",
            official=True,
            choices=extra.choices,
            short=extra.label,
            amount_field=(table.key, extra.part, extra.amount) if extra.amount else None,
        )


def _unit_field(
    table: str, part: str, key: str, units: dict[tuple[str, str], str]
) -> FieldPath | None:
    unit = units.get((part, key))
    return (table, part, unit) if unit is not None else None


def _short(row_labels: tuple[str, ...], col_path: tuple[str, ...]) -> str:
    """``row·column`` from the innermost labels; a keyless row uses the column's two."""
    if row_labels:
        return f"{row_labels[-1]}·{col_path[-1]}"
    return "·".join(col_path[-2:])
