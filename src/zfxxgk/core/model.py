"""The report as Python objects: attrs classes made from the edition data.

Each edition's tables become attrs classes (``Proactive2021``, ``Applications2019``, …)
whose attributes are the table's parts (``new_received``, ``licensing``, …); each part is a
record class (``ApplicantCounts``, ``CaseOutcomes``, …) whose attributes are the values.
The classes are made from :mod:`zfxxgk.core.editions`, so a new edition is new data only::

    report = AnnualReport(edition="2021", agency="某某局", year=2024)
    report.applications.new_received.natural_person = 12
    report.reviews.reconsideration.total             # None: absent, not zero

Values are converted and type-checked on construction and on assignment
(:mod:`zfxxgk.core.values`); value rules are left to the checks.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from zfxxgk.core.editions import EDITIONS, get_edition
from zfxxgk.core.evaluate import evaluate, partial_subtotals, report_getter
from zfxxgk.core.layout import Edition, Field, FieldPath, Kind, Table, block_parts, table_fields
from zfxxgk.core.values import Value, convert
from zfxxgk.errors import ReportKeyError, ReportTypeError, ReportValueError, UnknownFieldError
from zfxxgk.notes import Note


def _unknown(owner: object, name: str, known: Iterable[str]) -> AttributeError:
    """An AttributeError for a name the class does not have, with the nearest one."""
    close = difflib.get_close_matches(name, list(known), n=1)
    hint_zh = f"，是否应为 {close[0]!r}" if close else ""
    hint_en = f"; did you mean {close[0]!r}?" if close else ""
    cls = type(owner).__name__
    return UnknownFieldError(
        name,
        f"{cls} 没有字段 {name!r}{hint_zh}",
        f"{cls} has no field {name!r}{hint_en}",
    )


class Record:
    """Base of the record classes: one row (part) of a table, one attribute per value.

    Assigning a value converts and type-checks it once (:func:`zfxxgk.core.values.convert`);
    assigning a name that is not a field raises, naming the nearest field.
    """

    __slots__ = ()
    __zfxxgk_fields__: ClassVar[dict[str, Field]]
    __zfxxgk_record__: ClassVar[str]

    def __setattr__(self, name: str, value: Any) -> None:
        field = self.__zfxxgk_fields__.get(name)
        if field is None:
            raise _unknown(self, name, self.__zfxxgk_fields__)
        if value is not None:  # a new record's defaults need no conversion
            value = convert(field.kind, value, f"{self.__zfxxgk_record__}.{name}", field.choices)
        object.__setattr__(self, name, value)

    def keys(self) -> list[str]:
        return list(self.__zfxxgk_fields__)

    def __iter__(self) -> Iterator[str]:
        return iter(self.__zfxxgk_fields__)

    def __getitem__(self, key: str) -> Value:
        if key not in self.__zfxxgk_fields__:
            raise KeyError(key)
        return getattr(self, key)  # type: ignore[no-any-return]

    def __setitem__(self, key: str, value: Any) -> None:
        if key not in self.__zfxxgk_fields__:
            raise KeyError(key)
        setattr(self, key, value)

    def is_empty(self) -> bool:
        """True when every value is absent."""
        return all(getattr(self, k) is None for k in self.__zfxxgk_fields__)


class TableRecord:
    """Base of the table classes: one attribute per part of the table."""

    __slots__ = ()
    __zfxxgk_table__: ClassVar[Table]
    __zfxxgk_edition__: ClassVar[str]
    __zfxxgk_parts__: ClassVar[tuple[str, ...]]

    def parts(self) -> list[str]:
        return list(type(self).__zfxxgk_parts__)

    def __setattr__(self, name: str, value: Any) -> None:
        parts = type(self).__zfxxgk_parts__
        if name not in parts:
            raise _unknown(self, name, parts)
        expected = type(getattr(self, name, None)) if hasattr(self, name) else None
        if expected is not None and not isinstance(value, expected):
            raise ReportTypeError(
                name,
                value,
                f"须为 {expected.__name__}",
                f"must be a {expected.__name__}",
            )
        object.__setattr__(self, name, value)

    def __getitem__(self, part: str) -> Record:
        if part not in self.parts():
            raise KeyError(part)
        return getattr(self, part)  # type: ignore[no-any-return]


_RECORDS: dict[str, type[Record]] = {}


def _record_init(keys: tuple[str, ...]) -> Any:
    """A record's ``__init__``: every value absent, then the given ones assigned (each
    converted once by ``__setattr__``). A report makes some two hundred records, so the
    absent defaults are set directly."""
    blank = object.__setattr__

    def __init__(self: Record, *args: Any, **values: Any) -> None:
        if len(args) > len(keys):
            raise TypeError(f"{type(self).__name__} takes at most {len(keys)} values")
        for key in keys:
            blank(self, key, None)
        for key, value in (*zip(keys, args, strict=False), *values.items()):
            if value is not None:
                setattr(self, key, value)

    return __init__


def _record_class(name: str, fields: list[Field]) -> type[Record]:
    """The record class ``name`` with these value fields, made once and shared."""
    keys = tuple(f.path[2] for f in fields)
    existing = _RECORDS.get(name)
    if existing is not None:
        if tuple(existing.__zfxxgk_fields__) != keys:
            raise ValueError(f"record {name} is described with two different sets of values")
        return existing
    cls = attrs.make_class(
        name,
        {f.path[2]: attrs.field(default=None) for f in fields},
        bases=(Record,),
        slots=True,
        init=False,
    )
    cls.__init__ = _record_init(keys)  # type: ignore[misc]
    cls.__zfxxgk_fields__ = {f.path[2]: f for f in fields}  # type: ignore[attr-defined]
    cls.__zfxxgk_record__ = name  # type: ignore[attr-defined]
    cls.__module__ = __name__
    cls.__doc__ = f"Values of one part: {', '.join(keys)}."
    _RECORDS[name] = cls
    return cls


def _table_class(edition: Edition, table: Table) -> type[TableRecord]:
    by_part: dict[str, list[Field]] = {}
    for f in table_fields(table):
        by_part.setdefault(f.path[1], []).append(f)
    record_names: dict[str, str] = {}
    for block in table.blocks:
        for part, _cols, _row in block_parts(block):
            record_names[part] = block.record
    attributes = {}
    for part, fields in by_part.items():
        rec = _record_class(record_names[part], fields)
        attributes[part] = attrs.field(factory=rec, validator=attrs.validators.instance_of(rec))
    name = f"{table.record}{edition.id}"
    cls = attrs.make_class(name, attributes, bases=(TableRecord,), slots=True)
    cls.__zfxxgk_table__ = table  # type: ignore[attr-defined]
    cls.__zfxxgk_edition__ = edition.id  # type: ignore[attr-defined]
    cls.__zfxxgk_parts__ = tuple(attributes)  # type: ignore[attr-defined]
    cls.__module__ = __name__
    cls.__doc__ = f"{table.title}（{edition.document}）"
    return cls


class _TableClasses(dict[str, dict[str, type[TableRecord]]]):
    """Each edition's table classes, made when the edition is first used: making every
    edition's classes costs about a quarter of a one-file read's start."""

    def __missing__(self, edition_id: str) -> dict[str, type[TableRecord]]:
        edition = EDITIONS[edition_id]
        made = {t.key: _table_class(edition, t) for t in edition.tables}
        classes = self.setdefault(edition_id, made)  # atomic: racing threads get one set
        globals().update({cls.__name__: cls for cls in classes.values()})
        globals().update(_RECORDS)  # importable by name, as pickle needs
        return classes


#: ``TABLE_CLASSES[edition][table_key]`` is the attrs class of that table.
TABLE_CLASSES: dict[str, dict[str, type[TableRecord]]] = _TableClasses()


def _class_by_name(name: str) -> Any:
    """The module's ``__getattr__``: a table or record class by name (``Proactive2021``,
    as unpickling asks for it), made with its edition's classes."""
    if not name.startswith("__"):  # the import system asks for __path__ and the like
        for edition_id in EDITIONS:
            if name in globals():
                return globals()[name]
            TABLE_CLASSES[edition_id]
        if name in globals():
            return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# set, not defined, so that type checkers keep refusing unknown names of this module
globals()["__getattr__"] = _class_by_name

_TOP_KEYS = ("edition", "agency", "year", "proactive", "applications", "reviews", "meta")


@attrs.define
class CellSource:
    """Where a value was read from: a sheet and cell, and the raw content there."""

    sheet: str
    cell: str
    raw: Any = None
    formula: str | None = None  #: the cell's formula, where it has one (its value is raw)
    confidence: float | None = None  #: how sure OCR was of the text (0–1), where OCR read it

    def ref(self) -> str:
        return f"'{self.sheet}'!{self.cell}"


@attrs.define
class Provenance:
    """Where a report came from, kept beside the report and outside its equality."""

    file: str | None = None
    cells: dict[FieldPath | str, CellSource] = attrs.field(factory=dict)
    notes: list[Note] = attrs.field(factory=list)
    #: what the values were read from: ``workbook`` cells (where a number can be stored
    #: as text, and a spreadsheet's SUM skips it), a published ``document``, or ``json``
    kind: str = "workbook"


def _edition_id(value: Any) -> str:
    return get_edition(value).id


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportTypeError(
            "year",
            value,
            f"年度须为整数，而不是 {value!r}",
            f"the year must be an int, not {value!r}",
        )
    return value


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _agency(value: Any) -> str | None:
    """The agency's name with surrounding spaces removed; an empty name is absent."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReportTypeError(
            "agency",
            value,
            f"报告单位须为文本，而不是 {value!r}",
            f"the agency must be text, not {value!r}",
        )
    if CONTROL.search(value):
        raise ReportValueError(
            "agency", value, "报告单位含有控制字符", "the agency contains control characters"
        )
    return value.strip() or None


def cover_text(value: Any) -> str | None:
    """How a ``meta`` value shows on the cover: text without control characters."""
    if value is None:
        return None
    return CONTROL.sub("", str(value)).strip() or None


@attrs.define(eq=True)
class AnnualReport:
    """One 政府信息公开工作年度报告: its edition, agency, year, three tables and meta.

    ``provenance`` (where each value was read from) is kept outside equality.
    """

    edition: str = attrs.field(converter=_edition_id)
    agency: str | None = attrs.field(default=None, converter=_agency)
    year: int | None = attrs.field(default=None, converter=_year)
    proactive: Any = None
    applications: Any = None
    reviews: Any = None
    meta: dict[str, Any] = attrs.field(factory=dict)
    provenance: Provenance | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        classes = TABLE_CLASSES[self.edition]
        for key, cls in classes.items():
            value = getattr(self, key)
            if value is None:
                setattr(self, key, cls())
            elif not isinstance(value, cls):
                raise ReportTypeError(
                    key,
                    value,
                    f"须为 {cls.__name__}（{self.edition} 版式）",
                    f"must be a {cls.__name__} (edition {self.edition})",
                )
        if not isinstance(self.meta, dict):
            raise ReportTypeError("meta", self.meta, "须为字典", "must be a dict")

    # ------------------------------------------------------------------ access

    @property
    def layout(self) -> Edition:
        """The edition's description (tables, fields, sums)."""
        return EDITIONS[self.edition]

    def get(self, path: FieldPath) -> Value:
        """The value at ``(table, part, key)``."""
        table, part, key = path
        return getattr(getattr(getattr(self, table), part), key)  # type: ignore[no-any-return]

    def set(self, path: FieldPath, value: Any) -> None:
        """Set the value at ``(table, part, key)``: converted and type-checked once, by the
        record, as any assignment is."""
        table, part, key = path
        record = getattr(getattr(self, table), part)
        field = record.__zfxxgk_fields__.get(key)
        if field is None:
            raise _unknown(record, key, record.__zfxxgk_fields__)
        if value is not None:
            value = convert(field.kind, value, ".".join(path), field.choices)
        object.__setattr__(record, key, value)

    def items(self) -> Iterator[tuple[Field, Value]]:
        """Every field of the edition with its value, in table order."""
        for f in self.layout.fields():
            yield f, self.get(f.path)

    def copy(self) -> AnnualReport:
        """A deep copy (provenance included)."""
        return copy.deepcopy(self)

    # ------------------------------------------------------------------ totals

    def with_totals(self) -> AnnualReport:
        """A copy with every derivable total computed; stated values are never changed.

        Fills, where absent and where at least one addend is stated: the 总计 column of
        section 三, （七）总计, the 总计 cells of section 四 and 四、结转下年度继续办理
        (一 + 二 − （七）). Absent addends count as 0, as in the checks; a stated group
        subtotal stands in for its group when every member is absent.
        """
        out = self.copy()
        official = {f.path for f in self.layout.fields() if f.official}
        changed = True
        while changed:
            changed = False
            for eq in self.layout.equations:
                if eq.op != "=" or eq.cross_year:
                    continue
                if eq.total not in official or out.get(eq.total) is not None:
                    continue
                ev = evaluate(eq, report_getter(out), partial=partial_subtotals(out.meta))
                if ev.stated_addends:
                    out.set(eq.total, ev.computed)
                    changed = True
        return out

    def with_zeros(self) -> AnnualReport:
        """A copy with every absent input count and amount set to 0.

        For a report whose keeper knows that every blank means "none": the official rule
        is to write 0 for what did not happen. Totals (the cells the template computes)
        stay absent, so that :meth:`with_totals` can then compute them.
        """
        out = self.copy()
        computed = {eq.total for eq in self.layout.equations if eq.formula}
        for f, value in self.items():
            if value is None and f.official and f.path not in computed and f.kind is not Kind.UNIT:
                out.set(f.path, 0)
        return out

    # ------------------------------------------------------------------ dicts

    def to_dict(self) -> dict[str, Any]:
        """The canonical form of data-model.md (Decimal for money; ``meta`` when not empty).

        Every official key is written (None where absent); optional subtotal rows and
        columns only where stated.
        """
        out: dict[str, Any] = {"edition": self.edition, "agency": self.agency, "year": self.year}
        for table in self.layout.tables:
            optional_rows = {r.key for b in table.blocks for r in b.optional_rows}
            optional_columns = {c.key for b in table.blocks for c in b.optional_columns}
            parts: dict[str, dict[str, Value]] = {}
            stated_rows: dict[str, dict[str, Value]] = {}
            for f in table_fields(table):
                value = self.get(f.path)
                _, part, key = f.path
                if value is None and (
                    key in optional_columns or (not f.official and part not in optional_rows)
                ):
                    continue
                target = stated_rows if part in optional_rows else parts
                target.setdefault(part, {})[key] = value
            for part, values in stated_rows.items():
                if any(v is not None for v in values.values()):
                    parts[part] = values
            out[table.key] = parts
        if self.meta:
            out["meta"] = copy.deepcopy(self.meta)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AnnualReport:
        """Build a report from its canonical form; missing keys are absent values.

        Raises:
            ReportKeyError: an unknown key, named with its path.
            ReportValueError, ReportTypeError: a value of the wrong type or size.
        """
        if not isinstance(data, Mapping):
            raise ReportTypeError("report", data, "须为 JSON 对象", "must be a JSON object")
        for key in data:
            if key not in _TOP_KEYS:
                raise ReportKeyError(key, f"未知的键 {key!r}", f"unknown key {key!r}")
        if "edition" not in data:
            raise ReportKeyError("edition", "缺少键 'edition'", "missing key 'edition'")
        edition = get_edition(data["edition"])
        meta = data.get("meta") or {}
        if not isinstance(meta, dict):
            raise ReportTypeError("meta", meta, "须为 JSON 对象", "must be a JSON object")
        report = cls(
            edition=edition.id,
            agency=data.get("agency"),
            year=data.get("year"),
            meta=copy.deepcopy(meta),
        )
        known = {f.path: f for f in edition.fields()}
        for table in edition.tables:
            tdata = data.get(table.key)
            if tdata is None:
                continue
            if not isinstance(tdata, Mapping):
                raise ReportTypeError(table.key, tdata, "须为 JSON 对象", "must be a JSON object")
            tobj = getattr(report, table.key)
            for part, pdata in tdata.items():
                if part not in tobj.parts():
                    raise ReportKeyError(
                        f"{table.key}.{part}",
                        f"{edition.id} 版式的 {table.key} 没有 {part!r}",
                        f"unknown key {table.key}.{part} for edition {edition.id}",
                    )
                if pdata is None:
                    continue
                if not isinstance(pdata, Mapping):
                    raise ReportTypeError(
                        f"{table.key}.{part}", pdata, "须为 JSON 对象", "must be a JSON object"
                    )
                for key, value in pdata.items():
                    path = (table.key, part, key)
                    if path not in known:
                        raise ReportKeyError(
                            ".".join(path),
                            f"{edition.id} 版式没有 {'.'.join(path)}",
                            f"unknown key {'.'.join(path)} for edition {edition.id}",
                        )
                    report.set(path, value)
        return report

    # ------------------------------------------------------------------ JSON text

    def to_json(self, indent: int | None = 1) -> str:
        """The canonical JSON text (money as exact JSON numbers)."""
        from zfxxgk.core.jsonio import dumps

        return dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> AnnualReport:
        """Build a report from canonical JSON text."""
        from zfxxgk.core.jsonio import loads

        return cls.from_dict(loads(text))


def empty_report(
    edition: str | Edition, agency: str | None = None, year: int | None = None
) -> AnnualReport:
    """A report of ``edition`` with every value absent."""
    return AnnualReport(edition=get_edition(edition).id, agency=agency, year=year)
