"""What the office downloads: the 汇总 of the latest clean uploads (with its 汇总说明),
the check CSV of every department's latest upload, and the comparison with last year."""

from __future__ import annotations

import io
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zfxxgk.core.jsonio import loads
from zfxxgk.core.model import AnnualReport
from zfxxgk.desk.store import CLEAN, DATABASE, WARNINGS, Workspace


def _label(dept: sqlite3.Row, upload: sqlite3.Row) -> str:
    return f"{dept['name']}/{upload['name']}"


def clean_reports(
    ws: Workspace,
) -> tuple[list[tuple[str, str, AnnualReport, sqlite3.Row]], list[str]]:
    """``(label, department, report, upload)`` of each department whose latest upload
    passed the check, and a line for every department left out and why."""
    latest = ws.latest()
    clean, left_out = [], []
    for dept in ws.departments():
        upload = latest.get(dept["id"])
        if upload is None:
            left_out.append(f"{dept['name']}：未提交")
        elif upload["status"] not in CLEAN or upload["report"] is None:
            left_out.append(f"{dept['name']}：最新上传的文件校验有错误或无法读取")
        else:
            report = AnnualReport.from_json(upload["report"])
            clean.append((_label(dept, upload), dept["name"], report, upload))
    return clean, left_out


def summary_workbook(ws: Workspace, year: int, edition: str) -> bytes:
    """The 汇总 workbook of the latest clean uploads.

    Raises:
        AggregateError: no report to add up.
    """
    from zfxxgk.app.office import OK, Input, Office, write_workbook

    clean, left_out = clean_reports(ws)
    office = Office(None, edition, year)
    for label, _, report, upload in clean:
        warnings = upload["warnings"] if upload["status"] == WARNINGS else 0
        office.add(report, Input(label, OK, sha256=upload["sha256"], warnings=warnings))
    total = office.finish(skip=True)
    meta = dict(total.meta or {})
    meta["notes"] = [*(meta.get("notes") or []), *(f"未计入汇总：{x}" for x in left_out)]
    total.meta = meta
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "汇总.xlsx"
        write_workbook(total, office.inputs, out)
        return out.read_bytes()


def check_csv(ws: Workspace) -> bytes:
    """``check --csv`` of every department's latest upload (UTF-8 with a BOM)."""
    from zfxxgk.app.records import CheckRecord, FileRecord
    from zfxxgk.cli.csvout import CheckCsv

    buf = io.StringIO()
    writer = CheckCsv(buf)
    latest = ws.latest()
    for dept in ws.departments():
        upload = latest.get(dept["id"])
        if upload is None:
            continue
        label = _label(dept, upload)
        if upload["report"] is None:
            error = {"type": "unreadable", "message": upload["message"]}
            writer.add(FileRecord(file=label, error=error))
        else:
            writer.add(CheckRecord(file=label, result={**loads(upload["record"]), "file": label}))
    return buf.getvalue().encode("utf-8")


def previous_reports(
    source: Path, examine: Callable[[Path, str], dict[str, Any]]
) -> list[tuple[str, AnnualReport]]:
    """Last year's reports: the latest clean uploads of last year's desk, or each
    workbook of a folder (read by ``examine``, in a helper process)."""
    if (source / DATABASE).is_file():
        last = Workspace(source)
        return [(label, report) for label, _, report, _ in clean_reports(last)[0]]
    from zfxxgk.app.batch import expand

    out = []
    for path in expand([str(source)]):
        answer = examine(Path(path), Path(path).name)
        if answer.get("report") is not None:
            out.append((path, AnnualReport.from_json(answer["report"])))
    return out


def comparison_workbook(ws: Workspace, previous: list[tuple[str, AnnualReport]]) -> bytes:
    """Each department's clean report against last year's of the same agency (paired as
    ``check --previous`` pairs them), as ``compare -o X.xlsx`` writes a folder's."""
    from zfxxgk.app.compare import compare
    from zfxxgk.app.compare_write import write
    from zfxxgk.app.pairing import PreviousReports

    index = PreviousReports()
    before = dict(previous)
    for label, report in previous:
        index.add(label, report)
    pairs = []
    for label, _, report, _ in clean_reports(ws)[0]:
        found, _why = index.find(report)
        if found is None:
            continue
        info = {
            "agency": report.agency or before[found].agency,
            "last_year": before[found].year,
            "this_year": report.year,
            "last_file": found,
            "this_file": label,
        }
        pairs.append((info, compare(before[found], report)))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "对比.xlsx"
        write(pairs, out, folders=True)
        return out.read_bytes()
