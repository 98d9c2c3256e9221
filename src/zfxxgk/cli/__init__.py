"""The ``zfxxgk`` command line.

Exit status: 0 when the command did its job; 1 when ``check`` (or ``fill --strict``) finds
an error; 2 on bad input or usage, with a one-line Chinese + English message on stderr
that names the file. No traceback is ever shown (set ZFXXGK_DEBUG=1 to see one).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


def _interrupted_early(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C before the command runs (while modules load): one line, exit 130, at once.
    Nothing has been written yet, so there is nothing to clean up."""
    try:
        os.write(2, "zfxxgk: 已中断 | interrupted\n".encode())
    finally:
        os._exit(130)


#: run as the program (``zfxxgk`` or ``python -m zfxxgk``), not imported by other code
_AS_PROGRAM = os.path.basename(sys.argv[0]) in ("zfxxgk", "zfxxgk.exe") or sys.argv[0].endswith(
    os.path.join("zfxxgk", "__main__.py")
)
# first of all, before the imports below (which take a while on a busy machine)
if _AS_PROGRAM and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _interrupted_early)

import argparse  # noqa: E402
import traceback  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, NoReturn, TextIO  # noqa: E402

from zfxxgk import __version__  # noqa: E402
from zfxxgk.app.load import load_report, load_report_data  # noqa: E402
from zfxxgk.core.editions import EDITIONS  # noqa: E402
from zfxxgk.core.jsonio import dumps  # noqa: E402
from zfxxgk.core.model import AnnualReport  # noqa: E402
from zfxxgk.errors import OutputError, ZfxxgkError  # noqa: E402

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


class UsageError(ZfxxgkError, ValueError):
    """Options that do not go together."""

    slug = "usage"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"zfxxgk: 用法错误 | usage error: {message}\n")


JOBS_HELP = "并行进程数，0 为每个 CPU 核一个 | parallel processes, 0 for one per CPU core"


def _batch_inputs(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The files and folders a batch command takes, and its ``--jobs``."""
    parser.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help=help_text)
    parser.add_argument("--jobs", type=_jobs, default=1, help=JOBS_HELP)


def _jobs(text: str) -> int:
    """``--jobs N``: N ≥ 1 processes, or 0 for as many as the machine has cores."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"应为非负整数 | must be a whole number ≥ 0: {text!r}")
    if n > 0:
        return n
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use (Linux)
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _say(stream: TextIO, text: str) -> None:
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk or /dev/full behind stdout
        if stream is not sys.stderr:  # where no message can go, none is attempted
            raise _stream_error(stream, exc) from None


def _stream_error(stream: TextIO, exc: OSError) -> OutputError:
    name = "<stdout>" if stream is sys.stdout else "<stderr>"
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"无法写出（{reason}）", f"cannot write the output ({reason})", file=name)


def _quiet_unraisable(info: Any) -> None:
    """An error in a finaliser (a half-written zip closed during clean-up): not shown.

    A Ctrl-C that happened to land in a finaliser is not lost: it is raised again in
    the main thread."""
    if info.exc_type is not None and issubclass(info.exc_type, KeyboardInterrupt):
        import _thread
        import threading

        # from another thread: raised here, it would be lost in this hook again
        threading.Thread(target=_thread.interrupt_main, daemon=True).start()


def _findings_to_stderr(result: Any, label: str) -> None:
    if result.issues:
        _say(sys.stderr, result.text().replace(result.text().splitlines()[0], label, 1))


def _template(args: argparse.Namespace) -> int:
    from zfxxgk.workbook.template import build_template, template_filename

    edition = EDITIONS[args.edition]
    out = args.output or template_filename(edition)
    _guard(out)
    build_template(edition, out)
    _say(sys.stderr, f"已生成 {edition.id} 版式模板 | wrote the {edition.id} template: {out}")
    return EXIT_OK


def _fill(args: argparse.Namespace) -> int:
    from zfxxgk.workbook.fill import fill

    if not args.output and not args.dry_run:
        raise UsageError("需要 -o 输出文件", "-o OUTPUT is required (or --dry-run)")
    if args.output:
        from zfxxgk.xlsx.suffix import XLSM, XLSX, require_suffix

        _guard(args.output, args.data, args.template, args.rules)
        require_suffix(args.output, (XLSX, XLSM))  # fill() checks it against the template
    report = load_report_data(args.data)
    from zfxxgk.core.check import check

    if args.dry_run:
        from zfxxgk.workbook.fill import plan_fill

        plan = plan_fill(report.edition, args.template)
        _say(sys.stdout, plan.text())
        stated = [p for p in plan.unplaced if report.get(p) is not None]
        if stated:
            _say(
                sys.stdout,
                f"其中有数值的字段 | of these, fields holding a value: {len(stated)}"
                "（写入时保存在隐藏数据中 | kept in the hidden data on writing）",
            )
        return EXIT_OK
    result = check(report, rules=_overrides(args))
    if args.strict and not result.ok:
        _findings_to_stderr(result, args.data)
        _say(
            sys.stderr,
            f"zfxxgk: 有勾稽关系错误，未写入 {args.output} | the report has errors "
            f"(--strict): {args.output} not written",
        )
        return EXIT_FINDINGS
    fill(report, args.output, template=args.template, engine=args.engine)
    _findings_to_stderr(result, args.data)
    _say(sys.stderr, f"已写入 | wrote {args.output}")
    return EXIT_OK


def _guard(output: str, *inputs: str | None) -> None:
    """Refuse an output that is an input, a device or no regular file, or whose folder is
    missing or cannot be written (before any work)."""
    from zfxxgk.app.outputs import guard_outputs

    guard_outputs((output,), inputs)


def _overrides(args: argparse.Namespace) -> dict[str, Any] | None:
    if getattr(args, "rules", None) is None:
        return None
    from zfxxgk.core.rules import load_overrides

    return load_overrides(args.rules)


def _check(args: argparse.Namespace) -> int:
    from zfxxgk.app.batch import CheckWorker, Tally, expand, run
    from zfxxgk.cli.csvout import CheckCsv

    files = expand(args.files)
    if args.annotate and len(files) != 1:
        raise UsageError("--annotate 只能用于单个文件", "--annotate takes a single FILE")
    if args.html and len(files) != 1:
        raise UsageError("--html 只能用于单个文件", "--html takes a single FILE")
    if not files:
        raise UsageError("没有找到要校验的文件", "no files to check")
    from zfxxgk.app.dedupe import distinct_files

    files, copies = distinct_files(files)  # the same file given twice is checked once
    pairs = None
    previous_files = distinct_files(expand([args.previous]))[0] if args.previous else []
    inputs = (*files, *previous_files, args.previous, args.rules)
    if args.annotate:  # before any work: a wrong output fails fast
        from zfxxgk.xlsx.suffix import XLSM, XLSX, require_suffix

        _guard(args.annotate, *inputs)
        require_suffix(args.annotate, (XLSX, XLSM))
    if args.html:
        _guard(args.html, *inputs, args.annotate)
    if args.previous:
        if len(files) == 1 and len(previous_files) == 1 and not os.path.isdir(args.previous):
            load_report(args.previous)  # a bad previous report is a usage error
        else:
            pairs = _previous_reports(previous_files, args.previous, args.jobs)
    direct = args.previous if args.previous and pairs is None else None
    worker = CheckWorker(_overrides(args), args.all, direct, pairs)
    tally = Tally()
    writer = CheckCsv(sys.stdout) if args.csv else None
    heads: list[dict[str, Any]] = []  # file, agency, year: one agency's year twice is named
    for record in run(worker, files, args.jobs):
        tally.add(record)
        heads.append({k: record.get(k) for k in ("file", "agency", "year")})
        if "error" in record:
            _say(sys.stderr, f"zfxxgk: 错误 | error: {record['error']['message']}")
            if args.json:
                _say(sys.stdout, dumps(record, indent=None))
            elif writer is not None:
                writer.add(record)
            continue
        if args.json:
            _say(sys.stdout, dumps(record, indent=None))
        elif writer is not None:
            writer.add(record)
        else:
            _say(sys.stdout, _result_text(record))
    _copies(copies, args, writer, heads)
    if args.annotate:
        from zfxxgk.core.check import check
        from zfxxgk.workbook.annotate import annotate

        report = load_report(files[0])
        last = direct or (pairs.find(report)[0] if pairs is not None else None)
        previous = load_report(last) if last else None
        result = check(report, previous=previous, rules=_overrides(args))
        # an .xlsx/.xlsm is marked itself; JSON, .xls and .ods in the filled template
        source = files[0] if _is_xlsx(files[0]) else None
        from zfxxgk.xlsx.atomic import writing

        with writing(args.annotate):
            annotate(result, report, args.annotate, source=source)
        _say(sys.stderr, f"已标注 | annotated copy written: {args.annotate}")
    if args.html and not tally.unreadable:
        from zfxxgk.cli.check_html import write_check_html

        last = direct or (pairs.find(load_report(files[0]))[0] if pairs is not None else None)
        write_check_html(files[0], args.html, last, _overrides(args))
        _say(sys.stderr, f"已写入 | check page written: {args.html}")
    if len(files) > 1:
        sys.stderr.write(tally.text())
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
        _say(
            sys.stderr,
            f"zfxxgk: 注意：{agency} {year} 年度有 {len(twice)} 份不同的报告：{'、'.join(twice)}"
            f" | note: {len(twice)} different reports of one agency and year: {', '.join(twice)}",
        )
    for left in copies:
        note = left.note()
        _say(sys.stderr, f"{left.file}: 注意 | note: {note}")
        record = {"file": left.file, "duplicate_of": left.kept, "notes": [note.to_dict()]}
        if args.json:
            _say(sys.stdout, dumps(record, indent=None))
        elif writer is not None:
            writer.add(record)


def _previous_reports(files: list[str], named: str, jobs: int) -> Any:
    """Last year's reports, indexed by agency for pairing (an unreadable one is named on
    stderr and left out)."""
    from zfxxgk.app.batch import read_worker, run
    from zfxxgk.app.pairing import PreviousReports

    if not files:
        raise UsageError(
            f"--previous {named} 中没有找到报告", f"no reports found in --previous {named}"
        )
    index = PreviousReports()
    for record in run(read_worker, files, jobs):
        if "error" in record:
            _say(
                sys.stderr,
                f"zfxxgk: 上一年度报告无法读取，不参与配对 | a previous-year report cannot be "
                f"read and pairs with nothing: {record['error']['message']}",
            )
            continue
        index.add(record["file"], AnnualReport.from_dict(record["report"]))
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


def _rules_list(args: argparse.Namespace) -> int:
    from zfxxgk.core.rules import RULES, rules_as_json

    if args.json:
        _say(sys.stdout, rules_as_json())
        return EXIT_OK
    for r in RULES.values():
        _say(sys.stdout, f"{r.id:24} {r.severity:8} {'/'.join(r.editions):10} {r.formula}")
    return EXIT_OK


def _read(args: argparse.Namespace) -> int:
    from zfxxgk.app.batch import expand, read_worker

    files = expand(args.files)
    if not files:
        raise UsageError("没有找到要读取的文件", "no files to read")
    if len(files) == 1 and not args.jsonl:
        from zfxxgk.app.display import render

        report = load_report(files[0])
        _say(sys.stdout, report.to_json() if args.json else render(report))
        for note in report.provenance.notes if report.provenance else ():
            _say(sys.stderr, f"{files[0]}: 注意 | note: {note}")
        return EXIT_OK
    return stream_records(read_worker, files, args.jobs)


def stream_records(worker: Any, files: list[str], jobs: int) -> int:
    """A batch as JSON lines on stdout: each file's record as it is ready, its notes and
    errors on stderr, then the tally; exit 2 where a file could not be read."""
    from zfxxgk.app.batch import Tally, run

    tally = Tally()
    for record in run(worker, files, jobs):
        tally.add(record)
        if "error" in record:
            _say(sys.stderr, f"zfxxgk: 错误 | error: {record['error']['message']}")
        for note in record.pop("notes", []):
            tag = "警告 | warning" if note["severity"] == "warning" else "注意 | note"
            _say(sys.stderr, f"{record['file']}: {tag}: {note['zh']} / {note['en']}")
        _say(sys.stdout, dumps(record, indent=None))
    if len(files) > 1:
        sys.stderr.write(tally.text())
    return EXIT_INPUT if tally.unreadable else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    from zfxxgk.cli.aggregate import register as register_aggregate

    p = _Parser(
        prog="zfxxgk",
        description="政府信息公开工作年度报告统计表：模板、填报、读取、校验、解析、汇总 | "
        "annual report tables: templates, fill, read, check, parse, aggregate",
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
    f.add_argument("--rules", help="规则设置文件 TOML/JSON | rule overrides file")
    f.add_argument(
        "--dry-run",
        action="store_true",
        help="只列出无法放置的字段与多余的填报单元格，不写入 | list what cannot be "
        "placed and write nothing",
    )
    f.set_defaults(func=_fill)

    c = sub.add_parser("check", help="校验勾稽关系 | check the consistency rules")
    _batch_inputs(c, "已填报的工作簿、标准 JSON 或文件夹 | workbooks, canonical JSON, folders")
    c.add_argument("--json", action="store_true", help="每个文件一行 JSON | JSON lines")
    c.add_argument("--csv", action="store_true", help="每条发现一行 CSV | one CSV row per finding")
    c.add_argument("--all", action="store_true", help="也列出通过的规则 | list passes too")
    c.add_argument("--rules", help="规则设置文件 TOML/JSON | rule overrides file")
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
    c.set_defaults(func=_check)

    register_aggregate(sub, _batch_inputs)

    from zfxxgk.cli.parse import parse_command

    pa = sub.add_parser(
        "parse", help="读取已发布的年报（txt、md、html、docx、pdf）| read published reports"
    )
    _batch_inputs(pa, "年报文件或文件夹（- 为标准输入）| reports or folders, - for stdin")
    pa.add_argument(
        "--json", action="store_true", help="输出标准 JSON（解析说明在 meta.notes）| canonical JSON"
    )
    pa.add_argument(
        "--jsonl", action="store_true", help="每个文件一行 JSON | one JSON line per file"
    )
    pa.set_defaults(func=parse_command)

    rl = sub.add_parser("rules", help="列出校验规则 | list the rule catalogue")
    rl.add_argument("--json", action="store_true")
    rl.set_defaults(func=_rules_list)

    r = sub.add_parser("read", help="读取已填报的工作簿 | read filled workbooks")
    _batch_inputs(r, "工作簿或文件夹 | workbooks, or folders of them")
    r.add_argument("--json", action="store_true", help="输出标准 JSON | print canonical JSON")
    r.add_argument(
        "--jsonl",
        action="store_true",
        help='每个文件一行 {"file", "report"} | one JSON line per file',
    )
    r.set_defaults(func=_read)

    from zfxxgk.cli import render as render_cmd

    render_cmd.add_parser(sub)
    from zfxxgk.cli import compare as compare_cmd

    compare_cmd.add_parser(sub)
    from zfxxgk.cli import panel as panel_cmd

    panel_cmd.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``zfxxgk``; returns the exit status."""
    debug = bool(os.environ.get("ZFXXGK_DEBUG"))
    for stream in (sys.stdout, sys.stderr):
        # a file name in no encoding, or text that a strict locale cannot show: escaped,
        # never a crash in the middle of a batch
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if _AS_PROGRAM and not debug:
        sys.unraisablehook = _quiet_unraisable
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        func: Any = args.func
        # from here Ctrl-C raises KeyboardInterrupt: outputs being written are cleaned up
        if signal.getsignal(signal.SIGINT) is _interrupted_early:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        status = int(func(args))
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _stream_error(sys.stdout, exc) from None
        return status
    except ZfxxgkError as exc:
        if isinstance(exc, OutputError) and exc.file == "<stdout>":
            _silence_stdout()
        _say(sys.stderr, f"zfxxgk: 错误 | error: {exc}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut this short
        _say(sys.stderr, "zfxxgk: 已中断 | interrupted")
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): nothing more to say
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # never a traceback for a user, unless asked
        if debug:
            traceback.print_exc()
        _say(
            sys.stderr,
            f"zfxxgk: 内部错误 | internal error: {type(exc).__name__}: {exc} "
            "(ZFXXGK_DEBUG=1 shows the traceback)",
        )
        return EXIT_INTERNAL
    finally:
        if _AS_PROGRAM:  # the work is done (or given up): a late Ctrl-C changes nothing
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _silence_stdout() -> None:
    """Send what is left in stdout's buffer nowhere (it cannot be written)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
