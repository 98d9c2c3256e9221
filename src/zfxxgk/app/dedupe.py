"""One report once: the same file given twice, and two files for one agency's year.

An office's folder often holds a workbook re-sent under another name. Counting it twice
is a wrong number, so every command that takes many reports (``aggregate``, ``compare``
and pairing, ``check DIR``, ``panel``) asks this module which files count:

- the same bytes (the same sha256) count once: the first file named is kept, each later
  copy is left out with a ``duplicate-file`` note naming the file kept;
- two different files for the same agency (its code, else its name) and year are refused
  naming both (:class:`DuplicateReportError`), unless the caller says which wins: with
  ``latest`` the file modified last is kept and the others are left out with a
  ``superseded-report`` note.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import attrs

from zfxxgk.app.pairing import agency_keys
from zfxxgk.core.model import AnnualReport
from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import Note

SAME_FILE = "duplicate"  #: a copy of a file already given (the same sha256)
SUPERSEDED = "superseded"  #: another file of the same agency and year wins (``latest``)


class DuplicateReportError(ZfxxgkError, ValueError):
    """Two different files report for the same agency and year."""

    slug = "duplicate-report"


@attrs.frozen
class LeftOut:
    """A file that does not count, and the file that counts in its place."""

    file: str
    kept: str
    reason: str  #: SAME_FILE or SUPERSEDED

    def note(self) -> Note:
        code = "duplicate-file" if self.reason == SAME_FILE else "superseded-report"
        return Note(code, params={"file": _shown(self.file), "kept": _shown(self.kept)})


def _shown(name: str) -> str:
    """A file name as text that can be written anywhere (undecodable bytes as U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _primary(report: AnnualReport) -> str | None:
    """The key one agency is known by: its code where it has one, else its name."""
    keys = agency_keys(report)
    return keys[0] if keys else None


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return float("-inf")


class Once:
    """Which of many files count: fed each file's hash, then each report read."""

    def __init__(self, latest: bool = False) -> None:
        self.latest = latest
        self._by_hash: dict[str, str] = {}
        self._by_key: dict[tuple[str, int], list[str]] = {}
        self.copies: list[LeftOut] = []

    def copy_of(self, file: str, sha256: str | None) -> str | None:
        """The file already given with these bytes (``file`` is then left out), else None."""
        if sha256 is None:
            return None
        kept = self._by_hash.get(sha256)
        if kept is None:
            self._by_hash[sha256] = file
            return None
        self.copies.append(LeftOut(file, kept, SAME_FILE))  # the same path twice, too
        return kept

    def claim(self, file: str, report: AnnualReport) -> None:
        """Record that ``file`` reports for its agency and year (one without either is
        never a duplicate)."""
        key = _primary(report)
        if key is None or report.year is None:
            return
        files = self._by_key.setdefault((key, report.year), [])
        if file not in files:
            files.append(file)

    def conflicts(self) -> list[tuple[str, int, list[str]]]:
        """Each agency and year that more than one different file reports for."""
        return [
            (key.partition(":")[2], year, files)
            for (key, year), files in self._by_key.items()
            if len(files) > 1
        ]

    def superseded(self) -> list[LeftOut]:
        """The files another file of the same agency and year replaces.

        Raises:
            DuplicateReportError: such files exist and ``latest`` was not asked for.
        """
        out: list[LeftOut] = []
        for agency, year, files in self.conflicts():
            if not self.latest:
                first, second = _shown(files[0]), _shown(files[1])
                raise DuplicateReportError.of(
                    "duplicate-report",
                    file=second,
                    agency=agency,
                    year=year,
                    first=first,
                    second=second,
                    count=len(files) if len(files) > 2 else None,
                )
            kept = max(files, key=lambda f: (_mtime(f), files.index(f)))
            out.extend(LeftOut(f, kept, SUPERSEDED) for f in files if f != kept)
        return out

    def left_out(self) -> list[LeftOut]:
        """Every file that does not count: copies, then superseded files."""
        return [*self.copies, *self.superseded()]


def distinct_files(files: Iterable[str]) -> tuple[list[str], list[LeftOut]]:
    """The files with distinct content (the first of each), and the copies left out.

    A file that cannot be read is kept: its reader says why.
    """
    from zfxxgk.app.aggregate import file_sha256

    once = Once()
    kept: list[str] = []
    for file in files:
        try:
            sha = file_sha256(file) if os.path.isfile(file) else None
        except OSError:
            sha = None
        if once.copy_of(file, sha) is None:
            kept.append(file)
    return kept, once.copies


def one_per_agency(
    reports: Iterable[tuple[str, AnnualReport]], latest: bool = False
) -> tuple[list[tuple[str, AnnualReport]], list[LeftOut]]:
    """Reports (with their files) after dropping same-file copies and, with ``latest``,
    superseded files.

    Raises:
        DuplicateReportError: two different files for one agency and year, without
            ``latest``.
    """
    from zfxxgk.app.aggregate import file_sha256

    once = Once(latest)
    items: list[tuple[str, AnnualReport]] = []
    for file, report in reports:
        try:
            sha = file_sha256(file) if os.path.isfile(file) else None
        except OSError:
            sha = None
        if once.copy_of(file, sha) is None:
            once.claim(file, report)
            items.append((file, report))
    superseded = once.superseded()
    gone = {x.file for x in superseded}
    return [(f, r) for f, r in items if f not in gone], [*once.copies, *superseded]


def same_agency_year(records: Iterable[dict[str, Any]]) -> list[tuple[str, int, list[str]]]:
    """Among checked files (records with ``file``, ``agency`` and ``year``), each agency
    (by name, spaces and full-width forms evened out) and year more than one file states:
    (agency, year, files)."""
    from zfxxgk.app.pairing import even

    seen: dict[tuple[str, int], list[str]] = {}
    names: dict[tuple[str, int], str] = {}
    for r in records:
        agency, year = r.get("agency"), r.get("year")
        if not isinstance(agency, str) or not agency.strip() or not isinstance(year, int):
            continue
        key = (even(agency), year)
        names.setdefault(key, agency)
        seen.setdefault(key, []).append(_shown(str(r.get("file"))))
    return [(names[k], k[1], files) for k, files in seen.items() if len(files) > 1]
