"""``zfxxgk template``: the official template of an edition."""

from __future__ import annotations

import argparse
import sys

from zfxxgk.cli.base import EXIT_OK, guard
from zfxxgk.cli.streams import say
from zfxxgk.core.editions import EDITIONS


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``template``."""
    t = sub.add_parser("template")
    t.add_argument(
        "--edition", choices=sorted(EDITIONS), default="2021", help="版式 | edition (default 2021)"
    )
    t.add_argument("-o", "--output", help="输出 .xlsx | output file")
    t.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.workbook.template import build_template, template_filename

    edition = EDITIONS[args.edition]
    out = args.output or template_filename(edition)
    guard(out)
    build_template(edition, out)
    say(sys.stderr, f"已生成 {edition.id} 版式模板 | wrote the {edition.id} template: {out}")
    return EXIT_OK
