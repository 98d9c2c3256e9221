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
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from zfxxgk.core.editions import EDITIONS, get_edition
from zfxxgk.core.layout import CoverField, Edition, Field, FieldPath, table_fields
from zfxxgk.core.recordbase import Record, TableRecord, unknown_field
from zfxxgk.core.typed import TABLE_CLASSES
from zfxxgk.core.values import Value, convert
from zfxxgk.errors import ReportKeyError, ReportTypeError, ReportValueError, quote
from zfxxgk.notes import Note, sheet_cell

if TYPE_CHECKING:
    from zfxxgk.core.typed.tables2019 import Applications2019, Proactive2019, Reviews2019
    from zfxxgk.core.typed.tables2021 import Applications2021, Proactive2021, Reviews2021

__all__ = ["AnnualReport", "CellSource", "Provenance", "Record", "TableRecord", "empty_report"]


def _class_by_name(name: str) -> Any:
    """The module's ``__getattr__``: a table or record class by its old name here
    (``zfxxgk.core.model.Proactive2021``, as pickles made before the typed model ask)."""
    if not name.startswith("__"):  # the import system asks for __path__ and the like
        for edition_id in EDITIONS:
            for cls in TABLE_CLASSES[edition_id].values():
                if cls.__name__ == name:
                    return cls
        from zfxxgk.core.typed import records

        if isinstance(getattr(records, name, None), type):
            return getattr(records, name)
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
    #: in a published document (``cell`` says it as text: ``第3页 表三 第12行第4格``), the
    #: page (a PDF's), the table (its key), the line (in a PDF, within the page) and the
    #: cell of the line where the value stands, each 1-based; None in a workbook
    page: int | None = None
    table: str | None = None
    line: int | None = None
    column: int | None = None

    def ref(self) -> str:
        return sheet_cell(self.sheet, self.cell)


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
        raise ReportTypeError("year", value, code="year-not-int", params={"value": quote(value)})
    return value


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _agency(value: Any) -> str | None:
    """The agency's name with surrounding spaces removed; an empty name is absent."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ReportTypeError(
            "agency", value, code="agency-not-text", params={"value": quote(value)}
        )
    if CONTROL.search(value):
        raise ReportValueError("agency", value, code="agency-control-characters")
    return value.strip() or None


def cover_text(value: Any) -> str | None:
    """How a ``meta`` value shows on the cover: text without control characters."""
    if value is None:
        return None
    return CONTROL.sub("", str(value)).strip() or None


def cover_value(report: AnnualReport, cf: CoverField) -> Any:
    """A cover field's value in a report, as the cover shows it."""
    if cf.meta_key is None:
        return getattr(report, cf.key)
    return cover_text(report.meta.get(cf.meta_key))


def set_cover(report: AnnualReport, cf: CoverField, value: Any) -> None:
    """Set a cover field's value read from a cover (a blank ``meta`` entry stays out)."""
    if cf.meta_key is None:
        setattr(report, cf.key, value)
    elif value is not None:
        report.meta[cf.meta_key] = value


@attrs.define(eq=True)
class AnnualReport:
    """One 政府信息公开工作年度报告: its edition, agency, year, three tables and meta.

    ``provenance`` (where each value was read from) is kept outside equality.
    """

    edition: str = attrs.field(converter=_edition_id)
    agency: str | None = attrs.field(default=None, converter=_agency)
    year: int | None = attrs.field(default=None, converter=_year)
    proactive: Proactive2019 | Proactive2021 = None  # type: ignore[assignment]
    applications: Applications2019 | Applications2021 = None  # type: ignore[assignment]
    reviews: Reviews2019 | Reviews2021 = None  # type: ignore[assignment]
    meta: dict[str, Any] = attrs.field(factory=dict)
    provenance: Provenance | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        classes = TABLE_CLASSES[self.edition]
        for key, cls in classes.items():
            value = getattr(self, key)
            if value is None:
                setattr(self, key, cls())
            elif not isinstance(value, cls):
                params = {"expected": cls.__name__, "edition": self.edition}
                raise ReportTypeError(key, value, code="wrong-class", params=params)
        if not isinstance(self.meta, dict):
            raise ReportTypeError("meta", self.meta, code="not-a-dict")

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
            raise unknown_field(record, key, record.__zfxxgk_fields__)
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
        subtotal stands in for its group when every member is absent. A value that would
        make a rule fail that held (or a count negative) is not written: the failures
        :func:`zfxxgk.check` finds after are among those before
        (:mod:`zfxxgk.core.totals`).
        """
        from zfxxgk.core.totals import derive_totals  # the rules: not needed to read (fast start)

        out = self.copy()
        derive_totals(out)
        return out

    def with_zeros(self) -> AnnualReport:
        """A copy with every absent input count and amount set to 0.

        For a report whose keeper knows that every blank means "none": the official rule
        is to write 0 for what did not happen. Totals (the cells the template computes)
        stay absent, so that :meth:`with_totals` can then compute them.
        """
        out = self.copy()
        for f, value in self.items():
            if value is None and f.input:
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
            raise ReportTypeError("report", data, code="not-a-dict")
        for key in data:
            if key not in _TOP_KEYS:
                raise ReportKeyError(key, code="unknown-key", params={"key": quote(key)})
        if "edition" not in data:
            raise ReportKeyError("edition", code="missing-key", params={"key": "'edition'"})
        edition = get_edition(data["edition"])
        meta = data.get("meta") or {}
        if not isinstance(meta, dict):
            raise ReportTypeError("meta", meta, code="not-a-dict")
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
                raise ReportTypeError(table.key, tdata, code="not-a-dict")
            tobj = getattr(report, table.key)
            for part, pdata in tdata.items():
                if part not in tobj.parts():
                    raise ReportKeyError(
                        f"{table.key}.{part}",
                        code="unknown-edition-key",
                        params={"edition": edition.id},
                    )
                if pdata is None:
                    continue
                if not isinstance(pdata, Mapping):
                    raise ReportTypeError(f"{table.key}.{part}", pdata, code="not-a-dict")
                for key, value in pdata.items():
                    path = (table.key, part, key)
                    if path not in known:
                        raise ReportKeyError(
                            ".".join(path),
                            code="unknown-edition-key",
                            params={"edition": edition.id},
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
