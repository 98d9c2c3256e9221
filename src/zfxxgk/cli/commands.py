"""The subcommands, one module each: adding a command is one line in :data:`COMMANDS`.

Each module has ``add_parser(sub)``, which adds its parser and sets ``func`` (the
handler: args → exit status). Modules are imported only when the parser is built."""

from __future__ import annotations

import argparse
import sys

from zfxxgk import __version__
from zfxxgk.cli.base import Parser

#: Module of each subcommand, in the order ``zfxxgk --help`` lists them.
COMMANDS = (
    "zfxxgk.cli.template",
    "zfxxgk.cli.fill",
    "zfxxgk.cli.check",
    "zfxxgk.cli.aggregate",
    "zfxxgk.cli.parse",
    "zfxxgk.cli.rules",
    "zfxxgk.cli.read",
    "zfxxgk.cli.render",
    "zfxxgk.cli.compare",
    "zfxxgk.cli.panel",
    "zfxxgk.cli.desk",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    p = Parser(
        prog="zfxxgk",
        description="政府信息公开工作年度报告统计表：模板、填报、读取、校验、解析、汇总 | "
        "annual report tables: templates, fill, read, check, parse, aggregate",
    )
    p.add_argument("--version", action="version", version=f"zfxxgk {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in COMMANDS:
        __import__(name)  # importlib would cost its own import
        sys.modules[name].add_parser(sub)
    return p
