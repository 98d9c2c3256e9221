"""``zfxxgk panel``: a folder of reports as one numeric table for research."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``panel``."""
    pn = sub.add_parser("panel")
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
    pn.add_argument(
        "--clean",
        action="store_true",
        help="只保留校验无错误的报告（其余在标准错误输出中列出）| keep only reports whose "
        "check finds no error (the others are named on stderr)",
    )
    pn.add_argument(
        "--latest",
        action="store_true",
        help="同一单位同一年度有多份不同的报告时，采用修改时间最晚的一份 | where one agency's "
        "year is in several different files, keep the one modified last",
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
        raise OutputError.of("output-suffix", file=str(out), allowed=[".csv", ".parquet"])
    files = expand_role(args.files, ANY)
    if not files:
        from zfxxgk.cli.base import UsageError

        raise UsageError.of("no-files", command="panel")
    from zfxxgk.app.outputs import guard_outputs

    guard_outputs((args.output,), files)
    loaded = []
    bad = 0
    for path in files:
        try:
            loaded.append((path, load_any(path)))
        except ZfxxgkError as exc:
            bad += 1
            sys.stderr.write(f"zfxxgk: 错误 | error: {exc}\n")
    from zfxxgk.app.dedupe import one_per_agency

    kept, left_out = one_per_agency(loaded, args.latest)  # the same report once
    for left in left_out:
        sys.stderr.write(f"{left.file}: 注意 | note: {left.note()}\n")
    reports = [report for _, report in kept]
    if args.clean:
        from zfxxgk.app.frame import check_columns

        clean = []
        for path, report in kept:
            status = check_columns(report)
            if status["check_status"] == "ok":
                clean.append(report)
            else:
                sys.stderr.write(
                    f"{path}: 有 {status['check_errors']} 个勾稽关系错误，未计入（--clean）| "
                    f"{status['check_errors']} check errors: left out (--clean)\n"
                )
        reports = clean
    df = to_frame(reports, harmonise=args.harmonise, checked=True)
    if suffix == ".parquet":
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            raise OutputError.of(
                "extra-missing", file=str(out), module="pyarrow", install="pip install pyarrow"
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
