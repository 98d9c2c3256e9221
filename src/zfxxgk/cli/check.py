"""``zfxxgk check``: the consistency rules on one report or a batch, as text, JSON lines
or CSV; optionally an annotated copy and a page."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from zfxxgk.cli.base import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    UsageError,
    batch_inputs,
    guard,
    overrides,
    rules_option,
)
from zfxxgk.cli.streams import escaped, say, write
from zfxxgk.core.jsonio import dumps
from zfxxgk.errors import ZfxxgkError, printable


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``check``."""
    c = sub.add_parser("check")
    batch_inputs(c, "已填报的工作簿、标准 JSON 或文件夹 | workbooks, canonical JSON, folders")
    c.add_argument("--json", action="store_true", help="每个文件一行 JSON | JSON lines")
    c.add_argument("--csv", action="store_true", help="每条发现一行 CSV | one CSV row per finding")
    c.add_argument("--all", action="store_true", help="也列出通过的规则 | list passes too")
    rules_option(c)
    c.add_argument(
        "--previous",
        metavar="LAST",
        help="上一年度的报告，或一个文件夹（按单位代码或名称配对），用于跨年度规则 | last "
        "year's report, or a folder of them paired by agency code or name",
    )
    c.add_argument(
        "--annotate",
        metavar="OUT.xlsx",
        help="写出标注了错误单元格的副本 | write a copy with failed cells marked",
    )
    c.add_argument(
        "--html",
        metavar="OUT.html",
        help="写出标出问题单元格、逐表列出问题的网页 | a page with the tables, failed cells "
        "marked and each finding under its table",
    )
    c.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.app.batch import CheckWorker, Tally
    from zfxxgk.app.batch import run as run_batch
    from zfxxgk.app.formats import REPORT, expand_role
    from zfxxgk.app.load import load_report
    from zfxxgk.cli.csvout import CheckCsv

    files = expand_role(args.files, REPORT)
    if args.annotate and len(files) != 1:
        raise UsageError.of("option-single-file", option="--annotate")
    if args.html and len(files) != 1:
        raise UsageError.of("option-single-file", option="--html")
    if not files:
        raise UsageError.of("no-files", command="check")
    from zfxxgk.app.dedupe import distinct_files

    files, copies = distinct_files(files)  # the same file given twice is checked once
    pairs = None
    previous_files = (
        distinct_files(expand_role([args.previous], REPORT))[0] if args.previous else []
    )
    inputs = (*files, *previous_files, args.previous, args.rules)
    if args.annotate:  # before any work: a wrong output fails fast
        from zfxxgk.xlsx.suffix import XLSM, XLSX, require_suffix

        guard(args.annotate, *inputs)
        require_suffix(args.annotate, (XLSX, XLSM))
    if args.html:
        guard(args.html, *inputs, args.annotate)
    if args.previous:
        if len(files) == 1 and len(previous_files) == 1 and not os.path.isdir(args.previous):
            load_report(args.previous)  # a bad previous report is a usage error
        else:
            pairs = _previous_reports(previous_files, args.previous, args.jobs)
    direct = args.previous if args.previous and pairs is None else None
    worker = CheckWorker(overrides(args), args.all, direct, pairs)
    tally = Tally()
    writer = CheckCsv(sys.stdout) if args.csv else None
    heads: list[dict[str, Any]] = []  # file, agency, year: one agency's year twice is named
    for record in run_batch(worker, files, args.jobs):
        tally.add(record)
        line = record.to_dict()
        heads.append({"file": record.file, "agency": record.agency, "year": record.year})
        if record.failed:
            say(sys.stderr, f"zfxxgk: 错误 | error: {record.message}")
            if args.json:
                say(sys.stdout, dumps(line, indent=None))
            elif writer is not None:
                writer.add(record)
            continue
        if args.json:
            say(sys.stdout, dumps(line, indent=None))
        elif writer is not None:
            writer.add(record)
        else:
            say(sys.stdout, _result_text(escaped(line)))
    _copies(copies, args, writer, heads)
    if args.annotate:
        from zfxxgk.core.check import check
        from zfxxgk.workbook.annotate import annotate

        report = load_report(files[0])
        last = direct or (pairs.find(report)[0] if pairs is not None else None)
        previous = load_report(last) if last else None
        result = check(report, previous=previous, rules=overrides(args))
        # an .xlsx/.xlsm is marked itself; JSON, .xls and .ods in the filled template
        source = files[0] if _is_xlsx(files[0]) else None
        from zfxxgk.xlsx.atomic import writing

        with writing(args.annotate):
            annotate(result, report, args.annotate, source=source)
        say(sys.stderr, f"已标注 | annotated copy written: {printable(args.annotate)}")
    if args.html and not tally.unreadable:
        from zfxxgk.cli.check_html import write_check_html

        last = direct or (pairs.find(load_report(files[0]))[0] if pairs is not None else None)
        write_check_html(files[0], args.html, last, overrides(args))
        say(sys.stderr, f"已写入 | check page written: {printable(args.html)}")
    if len(files) > 1:
        write(sys.stderr, tally.text())
    if tally.unreadable:
        return EXIT_INPUT
    return EXIT_FINDINGS if tally.bad or tally.unreported else EXIT_OK


def _copies(
    copies: list[Any], args: argparse.Namespace, writer: Any, heads: list[dict[str, Any]]
) -> None:
    """Say which files were left out as copies of another (on stderr, and as records),
    and which agency's year more than one different file reports (on stderr)."""
    from zfxxgk.app.dedupe import same_agency_year

    for agency, year, twice in same_agency_year(heads):
        say(
            sys.stderr,
            f"zfxxgk: 注意：{agency} {year} 年度有 {len(twice)} 份不同的报告：{'、'.join(twice)}"
            f" | note: {len(twice)} different reports of one agency and year: {', '.join(twice)}",
        )
    for left in copies:
        note = left.note()
        say(sys.stderr, f"{left.file}: 注意 | note: {note}")
        if args.json:
            line = {"file": left.file, "duplicate_of": left.kept, "notes": [note.to_dict()]}
            say(sys.stdout, dumps(line, indent=None))
        elif writer is not None:
            writer.duplicate(left.file, note.to_dict())


def _previous_reports(files: list[str], named: str, jobs: int) -> Any:
    """Last year's reports, indexed by agency for pairing (an unreadable one is named on
    stderr and left out)."""
    from zfxxgk.app.batch import read_worker
    from zfxxgk.app.batch import run as run_batch
    from zfxxgk.app.pairing import PreviousReports
    from zfxxgk.app.records import ReadRecord
    from zfxxgk.core.model import AnnualReport

    if not files:
        raise UsageError.of("previous-empty", folder=named)
    index = PreviousReports()
    for record in run_batch(read_worker, files, jobs):
        if not isinstance(record, ReadRecord) or record.report is None:
            say(
                sys.stderr,
                f"zfxxgk: 上一年度报告无法读取，不参与配对 | a previous-year report cannot be "
                f"read and pairs with nothing: {record.message}",
            )
            continue
        index.add(record.file, AnnualReport.from_dict(record.report))
    return index


def _result_text(record: dict[str, Any]) -> str:
    from zfxxgk.core.check import text_report

    return text_report(record)


def _is_xlsx(path: str) -> bool:
    """An Excel 2007+ workbook (openpyxl can mark it), not JSON, .xls or .ods."""
    from zfxxgk.xlsx.safezip import SafeZip

    try:
        with SafeZip(Path(path)) as z:
            return "xl/workbook.xml" in z.names
    except ZfxxgkError:
        return False
