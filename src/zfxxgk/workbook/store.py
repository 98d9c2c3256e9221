"""What a filled workbook keeps that has no visible cell: ``meta``, stated subtotals.

It lives as JSON text in the edition's very hidden sheet (cell A1 holds a marker, A2 on
hold the text in pieces a cell can take). A digest of the visible values lets the reader
notice when a person edited the workbook after it was filled: the visible cells then win.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from zfxxgk.core.jsonio import dumps, loads
from zfxxgk.core.layout import Edition, FieldPath
from zfxxgk.core.model import AnnualReport, cover_value
from zfxxgk.errors import ReportValueError
from zfxxgk.xlsx.numbers import to_number
from zfxxgk.xlsx.safezip import MAX_PART

MARKER = "zfxxgk"
FORMAT = 1
CHUNK = 30000  # a cell holds at most 32,767 characters


def digest(values: Iterable[Any], blank_text: bool = False) -> str:
    """A digest of the values a workbook shows, as its cells store them.

    A whole number counts the same as an int or a float: readers of .ods and .xls give
    2024.0 where the fill wrote 2024, and a format conversion is no edit. ``blank_text``:
    the values are read from cells, where an empty text (a formula showing "") shows
    nothing, as a blank cell does.
    """
    if blank_text:  # _canonical, written out: a read digests some two hundred values
        shown = [
            None
            if v == ""
            else int(v)
            if type(v) is float and v.is_integer() and abs(v) <= 2**53
            else v
            for v in values
        ]
    else:
        shown = [_canonical(v) for v in values]
    return _sha256_hex(repr(shown).encode())[:32]


def _sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` by the interpreter's own module where it has one: hashlib loads
    OpenSSL, longer than a one-file read takes to digest its values. The module is found
    once (a failed import searches the whole path again each time it is tried)."""
    global _SHA256
    if _SHA256 is None:
        _SHA256 = _find_sha256()
    return str(_SHA256(data).hexdigest())


def _find_sha256() -> Any:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12 on
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
        except ImportError:  # an interpreter built without them
            from hashlib import sha256
    return sha256


_SHA256: Any = None


def _canonical(value: Any) -> Any:
    if type(value) is float and value.is_integer() and abs(value) <= 2**53:
        return int(value)
    return value


def written(value: Any) -> Any:
    """What a cell stores for a value (numbers as the spreadsheet keeps them)."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return to_number(value)
    return value


def in_field_order(edition: Edition, cells: Iterable[FieldPath]) -> list[FieldPath]:
    """Fields in the edition's order, however a layout was discovered (kept for the
    layouts met again: every fill from one template has the same)."""
    given = tuple(cells)
    key = (edition.id, given)
    ordered = _ORDERED.get(key)
    if ordered is None:
        index = {f.path: i for i, f in enumerate(edition.field_list)}
        ordered = tuple(sorted(given, key=lambda p: index.get(p, len(index))))
        if len(_ORDERED) >= 32:
            _ORDERED.clear()
        _ORDERED[key] = ordered
    return list(ordered)


_ORDERED: dict[tuple[str, tuple[FieldPath, ...]], tuple[FieldPath, ...]] = {}


def field_values(report: AnnualReport) -> dict[FieldPath, Any]:
    """Every field's value by its path, in the edition's order: one pass over the
    records, for the fill, which looks at each value several times."""
    out: dict[FieldPath, Any] = {}
    records: dict[tuple[str, str], Any] = {}
    for f in report.layout.field_list:
        table, part, key = f.path
        record = records.get((table, part))
        if record is None:
            record = records[(table, part)] = getattr(getattr(report, table), part)
        out[f.path] = getattr(record, key)
    return out


def shown_values(
    report: AnnualReport,
    cells: Iterable[FieldPath],
    values: Mapping[FieldPath, Any] | None = None,
) -> list[Any]:
    """The agency, the year and each visible value in the edition's field order, as the
    workbook's cells store them (``values``: the report's, by :func:`field_values`).

    The reader computes the same list from the raw cells, so a digest of it tells whether
    a person changed a visible cell after the fill.
    """
    ordered = in_field_order(report.layout, cells)
    own = [cover_value(report, cf) for cf in report.layout.cover if cf.meta_key is None]
    get = report.get if values is None else values.__getitem__
    return [*own, *(written(get(p)) for p in ordered)]


def hidden_payload(
    report: AnnualReport,
    cells: Iterable[FieldPath],
    values: Mapping[FieldPath, Any] | None = None,
) -> dict[str, Any]:
    """The data kept out of sight: meta, values without a cell, the visible digest
    (``values``: the report's, by :func:`field_values`)."""
    placed = list(cells)
    shown = set(placed)
    every = field_values(report) if values is None else values
    hidden = {".".join(p): v for p, v in every.items() if p not in shown and v is not None}
    return {
        "format": FORMAT,
        "edition": report.edition,
        "meta": report.meta,
        "values": hidden,
        "visible": digest(shown_values(report, placed, every)),
    }


#: The most the hidden text may take as XML: half of what the reader takes of one part
#: (``safezip.MAX_PART``), so that a filled workbook is always one zfxxgk reads back.
MAX_XML = MAX_PART // 2


def to_chunks(payload: dict[str, Any]) -> list[str]:
    """The payload as the texts of the hidden sheet's cells.

    Raises:
        ReportValueError: the payload (``meta`` mostly) would make the hidden sheet
            larger than the reader takes: the workbook is not written.
    """
    # ASCII only: safe in any XML writer, whatever characters meta holds
    text = dumps(payload, indent=None, ensure_ascii=True)
    # as XML: &amp; &lt; &gt; &quot; and each cell's markup
    size = (
        len(text)
        + 4 * text.count("&")
        + 3 * (text.count("<") + text.count(">"))
        + 5 * text.count('"')
        + 100 * (len(text) // CHUNK + 1)
    )
    if size > MAX_XML:
        raise ReportValueError(
            "meta", None, code="hidden-data-too-large", params={"size": size, "limit": MAX_XML}
        )
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
