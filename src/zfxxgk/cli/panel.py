"""``zfxxgk panel``: a folder of reports as one numeric table for research."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``panel``."""
    pn = sub.add_parser(
        "panel",
        help="多份报告的数值长表（CSV 或 Parquet）| a numeric panel of many reports",
    )
    pn.add_argument(
        "files",
        nargs="+",
        metavar="FILE_OR_DIR",
        help="工作簿、标准 JSON、已发布的年报或文件夹 | workbooks, JSON, published, folders",
    )
    pn.add_argument("-o", "--output", required=True, help="输出 .csv 或 .parquet | output file")
    pn.add_argument(
        "--harmonise",
        action="store_true",
        help="两个版式含义相同的行并为同一行 | put both editions on common rows",
    )
    pn.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from zfxxgk.app.formats import ANY, expand_role
    from zfxxgk.app.frame import to_frame
    from zfxxgk.app.load import load_any
    from zfxxgk.errors import OutputError, ZfxxgkError
    from zfxxgk.xlsx.atomic import atomic_path

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise OutputError(
            "输出文件应为 .csv 或 .parquet", "the output must be .csv or .parquet", file=str(out)
        )
    files = expand_role(args.files, ANY)
    if not files:
        from zfxxgk.cli.base import UsageError

        raise UsageError("没有找到报告文件", "no report files found")
    from zfxxgk.xlsx.atomic import guard_output

    guard_output(args.output, tuple(files))
    reports = []
    bad = 0
    for path in files:
        try:
            reports.append(load_any(path))
        except ZfxxgkError as exc:
            bad += 1
            sys.stderr.write(f"zfxxgk: 错误 | error: {exc}\n")
    df = to_frame(reports, harmonise=args.harmonise)
    if suffix == ".parquet":
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            raise OutputError(
                "写 .parquet 需要安装 pyarrow", "writing .parquet needs pyarrow", file=str(out)
            )
        with atomic_path(out) as tmp:
            df.to_parquet(tmp, index=False)
    else:
        with atomic_path(out) as tmp:
            df.to_csv(tmp, index=False, encoding="utf-8-sig")
    sys.stderr.write(
        f"已写入 {len(reports)} 份报告、{len(df)} 行 | wrote {len(reports)} reports, "
        f"{len(df)} rows: {out}\n"
    )
    return 2 if bad else 0
