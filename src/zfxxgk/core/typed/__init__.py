"""The typed model: the report's classes as generated, checked-in Python source.

:mod:`~zfxxgk.core.typed.records` holds one class per kind of table part
(``ApplicantCounts``, ``CaseOutcomes``, …) and ``tables2019`` / ``tables2021`` one class per
table of each edition (``Applications2021``, …), each value annotated with its type and
documented with its label and template cell, so that an editor completes it and mypy checks
it. :func:`bind` joins them to the edition data they were generated from (each field's kind,
labels and choices) when an edition is first used, and refuses classes that no longer match.
"""

from __future__ import annotations

import importlib

from zfxxgk.core import recordbase
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.layout import Field, Table, block_parts, table_fields
from zfxxgk.core.recordbase import Record, TableRecord

_STALE = (
    "the generated model no longer matches the edition data: "
    "run python -m zfxxgk.core.typed.generate"
)


def _bind_record(cls: type[Record], name: str, fields: list[Field]) -> None:
    keys = tuple(f.path[2] for f in fields)
    if cls.__zfxxgk_keys__ != keys:
        raise RuntimeError(f"{name}: {_STALE}")
    if "__zfxxgk_fields__" not in cls.__dict__:  # the first edition to use it describes it
        cls.__zfxxgk_record__ = name
        cls.__zfxxgk_fields__ = {f.path[2]: f for f in fields}  # last: the sign it is bound


def _bind_table(cls: type[TableRecord], edition_id: str, table: Table) -> None:
    names = {part: b.record for b in table.blocks for part, _c, _r in block_parts(b)}
    by_part: dict[str, list[Field]] = {}
    for f in table_fields(table):
        by_part.setdefault(f.path[1], []).append(f)
    records = importlib.import_module("zfxxgk.core.typed.records")
    for part, fields in by_part.items():
        _bind_record(getattr(records, names[part]), names[part], fields)
    parts: tuple[str, ...] = cls.__zfxxgk_keys__  # type: ignore[attr-defined]
    if parts != tuple(by_part):
        raise RuntimeError(f"{cls.__name__}: {_STALE}")
    cls.__zfxxgk_table__ = table
    cls.__zfxxgk_edition__ = edition_id
    cls.__zfxxgk_parts__ = parts


def bind(edition_id: str) -> dict[str, type[TableRecord]]:
    """The edition's table classes by table key, joined to the edition's data."""
    edition = EDITIONS[edition_id]
    module = importlib.import_module(f"zfxxgk.core.typed.tables{edition_id}")
    out: dict[str, type[TableRecord]] = {}
    for table in edition.tables:
        cls = getattr(module, f"{table.record}{edition_id}")
        _bind_table(cls, edition_id, table)
        out[table.key] = cls
    return out


class _TableClasses(dict[str, dict[str, type[TableRecord]]]):
    """Each edition's table classes, imported and joined to the edition data when the
    edition is first used."""

    def __missing__(self, edition_id: str) -> dict[str, type[TableRecord]]:
        if edition_id not in EDITIONS:
            raise KeyError(edition_id)
        return self.setdefault(edition_id, bind(edition_id))  # racing threads: one set


#: ``TABLE_CLASSES[edition][table_key]`` is the class of that table.
TABLE_CLASSES: dict[str, dict[str, type[TableRecord]]] = _TableClasses()


def bind_every_edition() -> None:
    """Bind the classes of every edition (a class reached without its edition: unpickled
    in a fresh process, imported by name)."""
    for edition_id in EDITIONS:
        TABLE_CLASSES[edition_id]


# a class of this package exists only once this package is imported: its bases may ask
recordbase.bind_every_edition = bind_every_edition
