"""What a batch does to each file: read, check, add up or parse it into a record.

Workers are module-level functions or picklable objects (they cross processes) that never
raise: each returns a record (:mod:`zfxxgk.app.records`); a failure is a record with the
error as data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zfxxgk.app.records import AggregateRecord, CheckRecord, FileRecord, ReadRecord
from zfxxgk.errors import printable

if TYPE_CHECKING:
    from zfxxgk.app.pairing import PreviousReports


def error_data(file: str, exc: BaseException) -> dict[str, Any]:
    """A file's failure as data (type, message, place)."""
    from zfxxgk.errors import ZfxxgkError

    if isinstance(exc, ZfxxgkError):
        error = exc.located(file=file).to_dict()  # which file, in a batch
        error["file"] = error["file"] or file
        return error
    return {"type": "internal", "message": printable(f"{file}: {type(exc).__name__}: {exc}")}


def error_record(file: str, exc: BaseException) -> FileRecord:
    """The record of a file that failed: the error as data (type, message, place)."""
    return FileRecord(file=file, error=error_data(file, exc))


def read_worker(file: str) -> FileRecord:
    """The canonical report of ``file`` and the reader's notes, or the error."""
    from zfxxgk.app.load import load_report

    try:
        report = load_report(file)
        notes = report.provenance.notes if report.provenance else ()
        return ReadRecord(
            file=file, report=report.to_dict(), notes=tuple(n.to_dict() for n in notes)
        )
    except Exception as exc:  # one bad file never stops the batch
        return error_record(file, exc)


class CheckWorker:
    """Checks one file with the given overrides and options (picklable for processes)."""

    def __init__(
        self,
        overrides: dict[str, Any] | None,
        include_passed: bool,
        previous: str | None = None,
        pairs: PreviousReports | None = None,
    ) -> None:
        self.overrides = overrides
        self.include_passed = include_passed
        self.previous = previous  #: one previous-year report for every file
        self.pairs = pairs  #: or last year's reports, paired by agency

    def __call__(self, file: str) -> CheckRecord:
        from zfxxgk.app.load import load_report
        from zfxxgk.core.check import check

        try:
            report = load_report(file)
            last, why_not = self.previous, None
            if self.pairs is not None:
                last, why_not = self.pairs.find(report)
            previous = load_report(last) if last else None
            result = check(
                report, previous=previous, rules=self.overrides, include_passed=self.include_passed
            )
            return CheckRecord(
                file=file,
                result={**result.to_dict(), "file": file},
                compared=bool(self.previous or self.pairs is not None),
                previous=last,
                previous_note=why_not or None,
            )
        except Exception as exc:
            return CheckRecord(file=file, error=error_data(file, exc))


def aggregate_worker(file: str) -> FileRecord:
    """Read and check one input of an aggregate; its hash identifies it in the sum."""
    from zfxxgk.app.aggregate import file_sha256
    from zfxxgk.app.load import load_report
    from zfxxgk.core.check import check

    try:
        report = load_report(file)
        result = check(report)
        return AggregateRecord(
            file=file,
            report=report.to_dict(),
            sha256=file_sha256(file),
            ok=result.ok,
            counts=result.counts,
        )
    except Exception as exc:
        return error_record(file, exc)


def parse_record(name: str, data: bytes | None = None) -> FileRecord:
    """The record of one published report (from ``data`` when given, else the file
    ``name``): its kind, check verdict, report and notes, or the error (it never raises:
    one bad file never stops a batch)."""
    from zfxxgk.app.load import parse_document
    from zfxxgk.app.records import ParseRecord

    try:
        result = parse_document(name, data=data)
        return ParseRecord(
            file=name,
            kind=result.kind,
            ok=result.check.ok,
            report=result.to_dict(),
            notes=tuple(n.to_dict() for n in (*result.warnings, *result.notes)),
        )
    except Exception as exc:  # one bad file never stops the batch
        return error_record(name, exc)


def parse_worker(file: str) -> FileRecord:
    """The record of a published report (:class:`~zfxxgk.app.records.ParseRecord`), or
    the error."""
    return parse_record(file)
