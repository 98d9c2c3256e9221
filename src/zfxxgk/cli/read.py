"""``zfxxgk read``: filled workbooks (or canonical JSON) as tables or JSON."""

from __future__ import annotations

import argparse
import sys

from zfxxgk.cli.base import EXIT_OK, UsageError, batch_inputs
from zfxxgk.cli.streams import say
from zfxxgk.errors import printable


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``read``."""
    r = sub.add_parser("read")
    batch_inputs(r, "工作簿或文件夹 | workbooks, or folders of them")
    r.add_argument("--json", action="store_true", help="输出标准 JSON | print canonical JSON")
    r.add_argument(
        "--jsonl",
        action="store_true",
        help='每个文件一行 {"file", "report"} | one JSON line per file',
    )
    r.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.app.formats import REPORT, expand_role
    from zfxxgk.app.load import load_report

    files = expand_role(args.files, REPORT)
    if not files:
        raise UsageError.of("no-files", command="read")
    if len(files) == 1 and not args.jsonl:
        report = load_report(files[0])
        if args.json:
            say(sys.stdout, report.to_json())
        else:
            from zfxxgk.app.display import render

            say(sys.stdout, render(report))
        for note in report.provenance.notes if report.provenance else ():
            say(sys.stderr, printable(f"{files[0]}: 注意 | note: {note}"))
        return EXIT_OK
    from zfxxgk.app.batch import read_worker
    from zfxxgk.cli.records import stream_records

    return stream_records(read_worker, files, args.jobs)
