"""What a filled workbook keeps that has no visible cell: ``meta``, stated subtotals.

It lives as JSON text in the edition's very hidden sheet (cell A1 holds a marker, A2 on
hold the text in pieces a cell can take). A digest of the visible values lets the reader
notice when a person edited the workbook after it was filled: the visible cells then win.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .jsonio import dumps, loads
from .layout import FieldPath
from .model import AnnualReport

MARKER = "zfxxgk"
FORMAT = 1
CHUNK = 30000  # a cell holds at most 32,767 characters


def visible_digest(report: AnnualReport, cells: Iterable[FieldPath]) -> str:
    """A digest of the values that have a visible cell, agency and year included.

    A workbook keeps the number, not its trailing zeros, so money is normalised first.
    """
    shown = set(cells)
    values: list[Any] = [report.agency, report.year]
    for f in report.layout.field_list:
        if f.path in shown:
            v = report.get(f.path)
            values.append(v.normalize() if isinstance(v, Decimal) else v)
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def hidden_payload(report: AnnualReport, cells: set[FieldPath]) -> dict[str, Any]:
    """The data kept out of sight: meta, values without a cell, the visible digest."""
    values = {
        ".".join(f.path): v for f, v in report.items() if f.path not in cells and v is not None
    }
    return {
        "format": FORMAT,
        "edition": report.edition,
        "meta": report.meta,
        "values": values,
        "visible": visible_digest(report, cells),
    }


def to_chunks(payload: dict[str, Any]) -> list[str]:
    # ASCII only: safe in any XML writer, whatever characters meta holds
    text = dumps(payload, indent=None, ensure_ascii=True)
    return [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]


def from_chunks(chunks: list[Any]) -> dict[str, Any] | None:
    """The payload from the hidden cells, or None when there is none or it is unreadable."""
    text = "".join(c for c in chunks if isinstance(c, str))
    if not text:
        return None
    try:
        data = loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None
