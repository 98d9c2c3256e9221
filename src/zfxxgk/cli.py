"""The ``zfxxgk`` command line.

Exit status: 0 when the command did its job; 1 when ``check`` (or ``fill --strict``) finds
an error; 2 on bad input or usage, with a one-line Chinese + English message on stderr
that names the file. No traceback is ever shown (set ZFXXGK_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from . import __version__
from .editions import EDITIONS
from .errors import JsonInputError, ZfxxgkError
from .jsonio import loads
from .model import AnnualReport

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"zfxxgk: 用法错误 | usage error: {message}\n")


def _say(stream: TextIO, text: str) -> None:
    stream.write(text if text.endswith("\n") else text + "\n")


def load_report_data(source: str) -> AnnualReport:
    """A report from a JSON file path, or from standard input when ``source`` is ``-``."""
    name = "<stdin>" if source == "-" else source
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        from .workbook import check_input

        data = check_input(source).read_bytes()
    try:
        return AnnualReport.from_dict(loads(data, source=name))
    except ZfxxgkError as exc:
        raise exc.located(file=name) from None


def _template(args: argparse.Namespace) -> int:
    from .template import build_template, template_filename

    edition = EDITIONS[args.edition]
    out = args.output or template_filename(edition)
    build_template(edition, out)
    _say(sys.stderr, f"已生成 {edition.id} 版式模板 | wrote the {edition.id} template: {out}")
    return EXIT_OK


def _fill(args: argparse.Namespace) -> int:
    from .fill import fill

    report = load_report_data(args.data)
    from .atomic import same_file

    if args.data != "-" and same_file(args.data, args.output):
        raise JsonInputError(
            "输出文件不能与输入文件相同", "the output is the input file", file=args.output
        )
    fill(report, args.output, template=args.template)
    _say(sys.stderr, f"已写入 | wrote {args.output}")
    return EXIT_OK


def _read(args: argparse.Namespace) -> int:
    from .display import render
    from .read import read

    report = read(args.file)
    if args.json:
        _say(sys.stdout, report.to_json())
    else:
        _say(sys.stdout, render(report))
    for note in report.provenance.notes if report.provenance else ():
        _say(sys.stderr, f"{args.file}: 注意 | note: {note}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    p = _Parser(
        prog="zfxxgk",
        description="政府信息公开工作年度报告统计表：模板、填报、读取 | annual report tables: "
        "templates, fill, read",
    )
    p.add_argument("--version", action="version", version=f"zfxxgk {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    t = sub.add_parser("template", help="生成官方模板 | write the official template")
    t.add_argument(
        "--edition", choices=sorted(EDITIONS), default="2021", help="版式 | edition (default 2021)"
    )
    t.add_argument("-o", "--output", help="输出 .xlsx | output file")
    t.set_defaults(func=_template)

    f = sub.add_parser("fill", help="把报告数据填入模板 | fill a template with report data")
    f.add_argument("data", help="报告 JSON（- 为标准输入）| report JSON, - for stdin")
    f.add_argument("-o", "--output", required=True, help="输出 .xlsx | output workbook")
    f.add_argument("--template", help="使用的模板 | template to fill (default: official)")
    f.set_defaults(func=_fill)

    r = sub.add_parser("read", help="读取已填报的工作簿 | read a filled workbook")
    r.add_argument("file", help="工作簿 .xlsx | workbook")
    r.add_argument("--json", action="store_true", help="输出标准 JSON | print canonical JSON")
    r.set_defaults(func=_read)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``zfxxgk``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Any = args.func
    try:
        return int(func(args))
    except ZfxxgkError as exc:
        _say(sys.stderr, f"zfxxgk: 错误 | error: {exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        _say(sys.stderr, "zfxxgk: 已中断 | interrupted")
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): nothing more to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # never a traceback for a user, unless asked
        if os.environ.get("ZFXXGK_DEBUG"):
            traceback.print_exc()
        _say(
            sys.stderr,
            f"zfxxgk: 内部错误 | internal error: {type(exc).__name__}: {exc} "
            "(ZFXXGK_DEBUG=1 shows the traceback)",
        )
        return EXIT_INTERNAL
