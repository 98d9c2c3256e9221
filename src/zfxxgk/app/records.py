"""What a batch's worker makes of one file: a typed record of plain data.

A record crosses processes (the pool's pipes, a spawned worker, a Dask cluster), so it
holds data only: the canonical report, notes and errors as dicts. Its ``to_dict`` is the
JSON line a command prints for it (the notes go to stderr, apart), key for key as the
commands have always printed it.
"""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen(kw_only=True)
class FileRecord:
    """One file of a batch: its name and, where it could not be handled, the error as
    data (``ZfxxgkError.to_dict()``: type, message, zh, en, file, sheet, cell)."""

    file: str
    error: dict[str, Any] | None = None
    #: what the reader noticed (``Note.to_dict()``), said on stderr beside the line
    notes: tuple[dict[str, Any], ...] = ()

    @property
    def failed(self) -> bool:
        """The file could not be read (or handled)."""
        return self.error is not None

    @property
    def message(self) -> str:
        """The error's one-line message ('' when there is none)."""
        return str(self.error["message"]) if self.error is not None else ""

    @property
    def agency(self) -> Any:
        """The reporting agency, where the record names it (a check result)."""
        return None

    @property
    def year(self) -> Any:
        """The report's year, where the record names it (a check result)."""
        return None

    def passed(self) -> bool:
        """No check of the file found an error (a record that ran no check: True)."""
        return True

    def unreported(self) -> bool:
        """The report states no number at all (未填报)."""
        return False

    def findings(self) -> list[dict[str, Any]]:
        """The findings of the file's check (``Finding.to_dict()``), if it was checked."""
        return []

    def to_dict(self, notes: bool = True) -> dict[str, Any]:
        """The record as the JSON line a command prints (with its notes, or without)."""
        if self.error is not None:
            return {"file": self.file, "error": self.error}
        return {"file": self.file, **self._body(notes)}

    def _body(self, notes: bool) -> dict[str, Any]:
        """What the record holds beside its file name, in the order it is printed."""
        return {"notes": list(self.notes)} if notes else {}


@attrs.frozen(kw_only=True)
class ReadRecord(FileRecord):
    """``zfxxgk read``: the canonical report of a workbook or JSON file."""

    report: dict[str, Any] | None = None

    def _body(self, notes: bool) -> dict[str, Any]:
        return {"report": self.report, **super()._body(notes)}


@attrs.frozen(kw_only=True)
class ParseRecord(FileRecord):
    """``zfxxgk parse``: a published report, its kind and whether it passed the checks."""

    kind: str | None = None
    ok: bool = False
    report: dict[str, Any] | None = None

    def passed(self) -> bool:
        return self.ok

    def _body(self, notes: bool) -> dict[str, Any]:
        return {"kind": self.kind, "ok": self.ok, "report": self.report, **super()._body(notes)}


@attrs.frozen(kw_only=True)
class AggregateRecord(FileRecord):
    """One input of ``zfxxgk aggregate``: its report, its hash (which identifies it in
    the sum) and its check's verdict and counts."""

    report: dict[str, Any] | None = None
    sha256: str = ""
    ok: bool = False
    counts: dict[str, int] = attrs.field(factory=dict)

    def passed(self) -> bool:
        return self.ok

    def _body(self, notes: bool) -> dict[str, Any]:
        return {"report": self.report, "sha256": self.sha256, "ok": self.ok, "counts": self.counts}


@attrs.frozen(kw_only=True)
class CheckRecord(FileRecord):
    """``zfxxgk check``: a file's check result (``CheckResult.to_dict()``) and, where last
    year's reports were given, the one it was checked against (or why none)."""

    result: dict[str, Any] = attrs.field(factory=dict)
    #: last year's reports were given (the line then names the one used, or none)
    compared: bool = False
    previous: str | None = None
    previous_note: str | None = None

    @property
    def agency(self) -> Any:
        return self.result.get("agency")

    @property
    def year(self) -> Any:
        return self.result.get("year")

    def passed(self) -> bool:
        return bool(self.result.get("ok", True))

    def unreported(self) -> bool:
        return bool(self.result.get("unreported"))

    def findings(self) -> list[dict[str, Any]]:
        return list(self.result.get("findings", []))

    def to_dict(self, notes: bool = True) -> dict[str, Any]:
        if self.error is not None:
            return {"file": self.file, "error": self.error, "ok": False}
        out = {**self.result, "file": self.file}
        if self.compared:
            out["previous"] = self.previous
            if self.previous_note is not None:
                out["previous_note"] = self.previous_note
        return out
