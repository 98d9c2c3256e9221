"""The JSON Schema of the canonical report form, made from the edition data.

The package ships the result as ``zfxxgk/schema/report.schema.json``; a test keeps the
shipped file equal to what this module makes.
"""

from __future__ import annotations

import importlib.resources
import json
from typing import Any

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.layout import Edition, Kind, table_fields
from zfxxgk.xlsx.numbers import MAX_EXACT_INT

SCHEMA_ID = "https://zfxxgk.example/schema/report.schema.json"


def _value_schema(kind: Kind, choices: tuple[str, ...]) -> dict[str, Any]:
    """What a value of ``kind`` may be in JSON: as the model converts it (a count may be
    negative here: the checks, which can name the cell, find that)."""
    accepts = kind.accepts
    if not accepts.number:
        return {"enum": [*choices, None]}
    if not accepts.whole:
        return {"type": ["number", "null"]}
    return {"type": ["integer", "null"], "minimum": -MAX_EXACT_INT, "maximum": MAX_EXACT_INT}


def _records(edition: Edition, defs: dict[str, Any]) -> dict[str, Any]:
    """The table schemas of an edition; each part refers to its record in ``defs``."""
    tables: dict[str, Any] = {}
    for table in edition.tables:
        parts: dict[str, str] = {}
        props: dict[str, dict[str, Any]] = {}
        for f in table_fields(table):
            _, part, key = f.path
            record = f.record or parts.get(part, "")
            parts[part] = record
            props.setdefault(record, {})[key] = _value_schema(f.kind, f.choices)
        for record, fields in props.items():
            defs[record] = {"type": "object", "additionalProperties": False, "properties": fields}
        tables[table.key] = {
            "type": "object",
            "description": table.title,
            "additionalProperties": False,
            "properties": {part: {"$ref": f"#/$defs/{rec}"} for part, rec in parts.items()},
        }
    return tables


def edition_schema(edition: Edition, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one edition's reports (records go into ``defs``)."""
    return {
        "type": "object",
        "description": f"{edition.document}《{edition.title}》",
        "required": ["edition"],
        "additionalProperties": False,
        "properties": {
            "edition": {"const": edition.id},
            "agency": {"type": ["string", "null"]},
            "year": {"type": ["integer", "null"]},
            **_records(edition, defs),
            "meta": {"type": "object"},
        },
    }


def json_schema() -> dict[str, Any]:
    """The schema of a report of any edition."""
    defs: dict[str, Any] = {}
    editions = [edition_schema(e, defs) for e in EDITIONS.values()]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "政府信息公开工作年度报告 / annual report on government information disclosure",
        "oneOf": editions,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n"


def shipped_schema() -> dict[str, Any]:
    """The schema file installed with the package."""
    ref = importlib.resources.files("zfxxgk") / "schema" / "report.schema.json"
    return json.loads(ref.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
