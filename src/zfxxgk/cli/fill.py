"""``zfxxgk fill``: report data into the template."""

from __future__ import annotations

import argparse
import sys

from zfxxgk.cli.base import EXIT_FINDINGS, EXIT_OK, UsageError, guard, overrides, rules_option
from zfxxgk.cli.streams import findings_to_stderr, say


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``fill``."""
    f = sub.add_parser("fill")
    f.add_argument("data", help="报告 JSON（- 为标准输入）| report JSON, - for stdin")
    f.add_argument("-o", "--output", help="输出 .xlsx | output workbook (not with --dry-run)")
    f.add_argument("--template", help="使用的模板 | template to fill (default: official)")
    f.add_argument(
        "--engine",
        choices=("auto", "fast", "openpyxl"),
        default="auto",
        help="auto：能快速（逐格改写 XML）就快速 | fast edits the cells' XML; "
        "openpyxl rewrites the workbook",
    )
    f.add_argument(
        "--strict",
        action="store_true",
        help="有勾稽关系错误时不写入，退出码 1 | refuse a report with errors",
    )
    rules_option(f)
    f.add_argument(
        "--dry-run",
        action="store_true",
        help="只列出无法放置的字段与多余的填报单元格，不写入 | list what cannot be "
        "placed and write nothing",
    )
    f.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.app.load import load_report_data
    from zfxxgk.workbook.fill import fill

    if not args.output and not args.dry_run:
        raise UsageError.of("output-required")
    if args.output:
        from zfxxgk.xlsx.suffix import XLSM, XLSX, require_suffix

        guard(args.output, args.data, args.template, args.rules)
        require_suffix(args.output, (XLSX, XLSM))  # fill() checks it against the template
    report = load_report_data(args.data)
    from zfxxgk.core.check import check

    if args.dry_run:
        from zfxxgk.workbook.fill import plan_fill

        plan = plan_fill(report.edition, args.template)
        say(sys.stdout, plan.text())
        stated = [p for p in plan.unplaced if report.get(p) is not None]
        if stated:
            say(
                sys.stdout,
                f"其中有数值的字段 | of these, fields holding a value: {len(stated)}"
                "（写入时保存在隐藏数据中 | kept in the hidden data on writing）",
            )
        return EXIT_OK
    result = check(report, rules=overrides(args))
    if args.strict and not result.ok:
        findings_to_stderr(result, args.data)
        say(
            sys.stderr,
            f"zfxxgk: 有勾稽关系错误，未写入 {args.output} | the report has errors "
            f"(--strict): {args.output} not written",
        )
        return EXIT_FINDINGS
    fill(report, args.output, template=args.template, engine=args.engine)
    findings_to_stderr(result, args.data)
    say(sys.stderr, f"已写入 | wrote {args.output}")
    return EXIT_OK
