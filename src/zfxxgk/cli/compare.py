"""``zfxxgk compare``: two years of one agency (or two folders, paired by agency)."""

from __future__ import annotations

import argparse
import os
import sys

from zfxxgk.cli.streams import say
from zfxxgk.cli.streams import write as write_stream
from zfxxgk.errors import printable


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``compare``."""
    cp = sub.add_parser("compare")
    cp.add_argument("last", help="上一年度的报告或文件夹 | last year's report or folder")
    cp.add_argument("this", help="本年度的报告或文件夹 | this year's report or folder")
    cp.add_argument(
        "-o",
        "--output",
        help="输出 .csv、.xlsx 或 .html（省略则显示摘要）| output file (else a summary)",
    )
    cp.add_argument(
        "--latest",
        action="store_true",
        help="同一单位同一年度有多份不同的报告时，采用修改时间最晚的一份 | where one agency's "
        "year is in several different files, keep the one modified last",
    )
    cp.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.app.compare import compare, compare_folders
    from zfxxgk.app.compare_write import write
    from zfxxgk.app.formats import ANY, expand_role
    from zfxxgk.app.load import load_any
    from zfxxgk.cli.base import guard_all

    last, this = expand_role([args.last], ANY), expand_role([args.this], ANY)
    guard_all([args.output], [*last, *this, args.last, args.this])  # before any work
    folders = os.path.isdir(args.last) or os.path.isdir(args.this)
    if folders:
        done = compare_folders(last, this, latest=args.latest)
        for _path, error in done.unreadable:
            say(sys.stderr, printable(f"zfxxgk: 错误 | error: {error}"))
        for path, why in done.unpaired:
            say(sys.stderr, printable(f"{path}: {why}"))
        pairs = list(done.pairs)
    else:
        pairs = [({}, compare(load_any(args.last), load_any(args.this)))]
    if args.output:
        write(pairs, args.output, folders=folders)
        n = len(pairs)
        say(sys.stderr, printable(f"已写入 {n} 组对比 | wrote {n} comparisons: {args.output}"))
    else:
        for _, cmp in pairs:
            write_stream(sys.stdout, cmp.text() + ("\n" if len(pairs) > 1 else ""))
    return 0 if pairs or not folders else 2
