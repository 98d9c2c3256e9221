"""``zfxxgk render``: a report's tables (or the whole annual report) as Word, HTML or
Markdown."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``render``."""
    rd = sub.add_parser("render")
    rd.add_argument(
        "report", help="工作簿、标准 JSON 或已发布的年报 | workbook, canonical JSON or published"
    )
    rd.add_argument("-o", "--output", required=True, help="输出 .docx、.html 或 .md | output file")
    rd.add_argument(
        "--full",
        action="store_true",
        help="写出完整的六部分年度报告（.docx）| the whole six-section annual report (.docx)",
    )
    rd.add_argument(
        "--text",
        metavar="正文.md",
        help="各部分正文（Markdown，按“一、总体情况”等标题分节）| the narrative, by section",
    )
    rd.add_argument(
        "--previous",
        metavar="上年报告",
        help="上一年度的报告，用于核对正文中的同比变化 | last year's report, to check the "
        "narrative's year-over-year changes",
    )
    rd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.app.load import load_any
    from zfxxgk.app.render import render
    from zfxxgk.cli.base import guard_all
    from zfxxgk.xlsx.files import read_input

    guard_all([args.output], [args.report, args.text, args.previous])  # before any work
    report = load_any(args.report)
    text = None
    if args.text:  # read with the inputs' bound (never a 3 GiB file whole)
        text = read_input(args.text).decode("utf-8-sig", errors="replace")
    from zfxxgk.published.narrative import narrative_warnings

    previous = load_any(args.previous) if args.previous else None
    for w in narrative_warnings(text, report, previous) if text else ():
        sys.stderr.write(f"{args.text}: 警告 | warning: {w}\n")
    done = render(report, args.output, full=args.full, text=text, previous=previous)
    for note in done.unshown:  # never silently: a stated value the tables cannot show
        sys.stderr.write(f"{args.output}: 警告 | warning: {note}\n")
    sys.stderr.write(f"已写入 | wrote {done.path}\n")
    return 0
