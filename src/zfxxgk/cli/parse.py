"""``zfxxgk parse``: published reports (txt, md, html, docx, pdf), one or a folder of them."""

from __future__ import annotations

import argparse
import sys

from zfxxgk.cli.base import EXIT_OK, UsageError, batch_inputs
from zfxxgk.cli.streams import findings_to_stderr, say
from zfxxgk.core.jsonio import dumps
from zfxxgk.errors import printable

#: Seconds to wait for a Dask scheduler to answer.
CONNECT_TIMEOUT = 30


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``parse``."""
    pa = sub.add_parser("parse")
    batch_inputs(pa, "年报文件或文件夹（- 为标准输入）| reports or folders, - for stdin")
    pa.add_argument(
        "--json", action="store_true", help="输出标准 JSON（解析说明在 meta.notes）| canonical JSON"
    )
    pa.add_argument(
        "--jsonl", action="store_true", help="每个文件一行 JSON | one JSON line per file"
    )
    pa.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="在 Dask 集群上解析（需要 zfxxgk[dask]；文件内容随任务发送，无需共享磁盘）| "
        "parse on a Dask cluster (zfxxgk[dask]): the bytes travel, no shared disk",
    )
    pa.set_defaults(func=parse_command)


def parse_command(args: argparse.Namespace) -> int:
    """One report shown as tables (or ``--json``); several, or folders, as JSON lines
    (``{"file", "kind", "ok", "report", "notes"}`` or ``{"file", "error"}``), over
    ``--jobs`` processes, with a progress bar and a summary; an unreadable file is an
    error line and the batch goes on (exit 2 at the end)."""
    from zfxxgk.app.batch import parse_worker
    from zfxxgk.app.formats import PUBLISHED, expand_role

    files = expand_role(args.files, PUBLISHED)
    if not files:
        raise UsageError.of("no-files", command="parse")
    if args.dask:
        return _on_cluster(args.dask, files)
    if len(files) == 1 and not args.jsonl:
        return _one(files[0], args.json)
    from zfxxgk.cli.records import stream_records

    return stream_records(parse_worker, files, args.jobs)


def _on_cluster(address: str, files: list[str]) -> int:
    """The batch's JSON lines, parsed on the Dask cluster at ``address``."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise UsageError.of(
            "extra-missing", module="dask.distributed", install="pip install 'zfxxgk[dask]'"
        ) from None
    from zfxxgk.app.distributed import file_items, parse_on
    from zfxxgk.cli.records import print_records

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call,unused-ignore]
    except OSError as exc:
        raise UsageError.of("dask-unreachable", address=address, reason=str(exc)) from None
    with client:
        return print_records(parse_on(client, file_items(files)), len(files))


def _one(file: str, as_json: bool) -> int:
    from zfxxgk.app.display import render
    from zfxxgk.app.load import parse_document
    from zfxxgk.xlsx.files import read_stdin

    result = parse_document("<stdin>", data=read_stdin()) if file == "-" else parse_document(file)
    say(sys.stdout, dumps(result.to_dict(), indent=1) if as_json else render(result.report))
    for w in result.warnings:
        say(sys.stderr, printable(f"{file}: 警告 | warning: {w}"))
    findings_to_stderr(result.check, file)
    return EXIT_OK
