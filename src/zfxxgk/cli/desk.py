"""``zfxxgk desk init|add|serve``: the office's desk, a web page where departments hand
in their workbooks (needs the ``web`` extra: ``pip install 'zfxxgk[web]'``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    """Register ``desk`` and its subcommands."""
    d = sub.add_parser("desk")
    dsub = d.add_subparsers(dest="desk_command", required=True, parser_class=type(d))

    i = dsub.add_parser("init", help="新建收集工作区 | make a desk workspace")
    i.add_argument("folder", help="工作区文件夹 | the workspace folder")
    i.add_argument("--year", type=int, required=True, help="报告年度 | the report year")
    i.add_argument(
        "--agencies", required=True, help="单位名单，每行一个 | department names, one a line"
    )
    i.add_argument("--base", default="", help="链接前缀，如 http://10.0.0.5:8000 | link prefix")
    i.set_defaults(func=init)

    a = dsub.add_parser("add", help="增加一个单位 | add a department")
    a.add_argument("folder", help="工作区文件夹 | the workspace folder")
    a.add_argument("name", help="单位名称 | the department's name")
    a.add_argument("--base", default="", help="链接前缀 | link prefix")
    a.set_defaults(func=add)

    s = dsub.add_parser("serve", help="启动网页服务 | serve the desk")
    s.add_argument("folder", help="工作区文件夹 | the workspace folder")
    s.add_argument("--host", default="127.0.0.1", help="监听地址 | address (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="端口 | port (default 8000)")
    s.add_argument(
        "--previous",
        metavar="LAST",
        help="上一年度的收集工作区或报表文件夹，用于对比 | last year's desk or folder",
    )
    s.add_argument(
        "--workers", type=int, default=0, help="读取文件的进程数（0 为每核一个）| reader processes"
    )
    s.set_defaults(func=serve)


def _names(path: str) -> list[str]:
    from zfxxgk.desk.store import MAX_NAME, DeskError
    from zfxxgk.xlsx.files import read_input

    text = read_input(path).decode("utf-8-sig", "replace")
    names: list[str] = []
    for line in text.splitlines():
        name = " ".join(line.split())
        if len(name) > MAX_NAME:
            raise DeskError.of("desk-name-invalid", file=path, name=name, limit=MAX_NAME)
        if name and name not in names:
            names.append(name)
    if not names:
        raise DeskError.of("desk-names-empty", file=path)
    return names


def _print_links(rows: list[tuple[str, str]], base: str) -> None:
    from zfxxgk.cli.csvout import csv_writer

    w = csv_writer(sys.stdout)
    w.writerow(["单位", "上传链接"])
    for name, token in rows:
        w.writerow([name, f"{base.rstrip('/')}/u/{token}"])


def init(args: argparse.Namespace) -> int:
    from zfxxgk.core.editions import edition_for_year
    from zfxxgk.desk.store import PASSWORD_FILE, Workspace

    edition_for_year(args.year)  # a year no edition covers: refused before anything is made
    names = _names(args.agencies)
    ws, _password = Workspace.create(args.folder, args.year)
    rows = [(name, ws.add_department(name)) for name in names]
    _print_links(rows, args.base)
    sys.stderr.write(
        f"已建立 {args.year} 年度收集工作区，{len(rows)} 个单位；办公室密码在 "
        f"{Path(args.folder) / PASSWORD_FILE}（仅本人可读）| desk made for {len(rows)} "
        f"departments; the office's password is in that file (owner-only)\n"
    )
    return 0


def add(args: argparse.Namespace) -> int:
    from zfxxgk.desk.store import Workspace

    ws = Workspace(args.folder).check()
    _print_links([(" ".join(args.name.split()), ws.add_department(args.name))], args.base)
    return 0


def serve(args: argparse.Namespace) -> int:
    try:
        from zfxxgk.desk.web import serve as run
    except ImportError as exc:
        from zfxxgk.cli import UsageError

        raise UsageError.of(
            "extra-missing", module=exc.name, install="pip install 'zfxxgk[web]'"
        ) from None
    from zfxxgk.desk.store import DeskError, Workspace

    Workspace(args.folder).check()
    if args.previous and not Path(args.previous).is_dir():
        raise DeskError.of("desk-previous-not-folder", file=args.previous)
    sys.stderr.write(
        f"收集网页：http://{args.host}:{args.port}/office （Ctrl-C 停止）| serving the desk\n"
    )
    run(args.folder, args.host, args.port, args.previous, args.workers)
    return 0
