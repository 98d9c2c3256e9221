"""CSV the command line writes: UTF-8 with a byte-order mark (so that Excel on a Chinese
Windows shows it right), and for ``check``, a row for every input."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from zfxxgk.app.records import FileRecord

BOM = "\ufeff"
#: the ``status`` of a row that stands for a whole file, not a finding
FILE_OK = "ok"
UNREADABLE = "unreadable"
NOT_A_REPORT = "not_a_report"
DUPLICATE = "duplicate"  #: a copy of another input (the same sha256), checked once
#: error types of inputs that were read but are not reports
_NOT_REPORT_TYPES = frozenset({"layout", "document", "json", "unknown-key"})


def csv_writer(stream: TextIO) -> Any:
    """A CSV writer on ``stream`` that has already written the byte-order mark."""
    stream.write(BOM)
    return csv.writer(stream, lineterminator="\n")


class CheckCsv:
    """``check --csv``: a row per finding, and one row for each input that has none to
    show (all rules passed, unreadable, not a report) with its status and message."""

    def __init__(self, stream: TextIO) -> None:
        from zfxxgk.core.check import ROW_COLUMNS

        self.columns = ROW_COLUMNS
        self.writer = csv_writer(stream)
        self.writer.writerow(ROW_COLUMNS)

    def _row(self, row: dict[str, Any]) -> None:
        self.writer.writerow(["" if row.get(k) is None else row[k] for k in self.columns])

    def add(self, record: FileRecord) -> None:
        """The rows of one input's record (a check result, or the error)."""
        from zfxxgk.core.check import finding_rows

        if record.error is not None:
            error = record.error
            status = NOT_A_REPORT if error.get("type") in _NOT_REPORT_TYPES else UNREADABLE
            self._row(
                {
                    "file": record.file,
                    "status": status,
                    "message_zh": error.get("zh") or error["message"],
                    "message_en": error.get("en") or error["message"],
                }
            )
            return
        line = record.to_dict()
        rows = finding_rows(line)
        for row in rows:
            self._row(row)
        if not rows:
            head = {k: line.get(k) for k in ("file", "agency", "year", "edition")}
            self._row(
                {
                    **head,
                    "status": FILE_OK,
                    "message_zh": "全部通过",
                    "message_en": "every rule passed",
                }
            )

    def duplicate(self, file: str, note: dict[str, Any]) -> None:
        """The row of an input left out as a copy of another (``note`` says which)."""
        self._row(
            {"file": file, "status": DUPLICATE, "message_zh": note["zh"], "message_en": note["en"]}
        )
