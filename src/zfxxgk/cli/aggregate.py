"""``zfxxgk aggregate``: add up an office's reports (汇总) into a workbook or JSON.

Each input becomes an :class:`~zfxxgk.app.office.Input` record with its check status.
Unreadable inputs, and reports of another edition or year than the sum's, stop the sum
unless ``--skip`` leaves them out (listed in ``meta.skipped`` and the 汇总说明 sheet).
Reports whose check finds errors are added up and named; ``--strict`` refuses them.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.model import AnnualReport

if TYPE_CHECKING:
    from zfxxgk.app.dedupe import LeftOut, Once
    from zfxxgk.app.office import Input, Office

SUMMARY_COLUMNS = (
    "file",
    "agency",
    "year",
    "edition",
    "status",
    "errors",
    "warnings",
    "sha256",
    "reason",
)


def add_parser(sub: Any) -> None:
    """Register ``aggregate``."""
    from zfxxgk.cli.base import batch_inputs

    register(sub, batch_inputs)


def register(sub: Any, batch_inputs: Any) -> None:
    """Add the ``aggregate`` subcommand to ``sub`` (``batch_inputs`` adds FILES, --jobs)."""
    ag = sub.add_parser("aggregate")
    batch_inputs(ag, "同一版式、同一年度的报告或文件夹 | reports of one edition and year")
    ag.add_argument(
        "-o", "--output", required=True, help="汇总结果 .xlsx 或 .json | the sum, .xlsx or .json"
    )
    ag.add_argument("--agency", help="汇总报告的单位名称（默认“汇总”）| the sum's agency")
    ag.add_argument("--summary", help="每份报告一行的 CSV 摘要 | a CSV line per input")
    ag.add_argument(
        "--skip",
        "--skip-unreadable",
        dest="skip",
        action="store_true",
        help="略去无法读取的文件和版式或年度不同的报告，汇总其余的（列入 meta.skipped、"
        "汇总说明与摘要）| leave out unreadable files and reports of another edition or "
        "year, add up the rest, and list them in meta.skipped, 汇总说明 and the summary",
    )
    ag.add_argument(
        "--strict",
        action="store_true",
        help="任何一份报告有勾稽关系错误时不汇总，退出码 1 | refuse (exit 1, nothing "
        "written) when any report has a check error",
    )
    ag.add_argument(
        "--latest",
        action="store_true",
        help="同一单位同一年度有多份不同的报告时，采用修改时间最晚的一份（其余列入汇总说明）"
        "| where one agency's year is in several different files, keep the one modified "
        "last (the others are listed in 汇总说明)",
    )
    ag.add_argument("--year", type=int, help="只汇总这一年度 | the sum's year")
    ag.add_argument("--edition", choices=sorted(EDITIONS), help="只汇总这一版式 | its edition")
    ag.set_defaults(func=run_aggregate)


def _say(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def run_aggregate(args: argparse.Namespace) -> int:
    """The command; returns the exit status (errors are raised as ZfxxgkError)."""
    from zfxxgk.app.formats import REPORT, expand_role
    from zfxxgk.app.outputs import guard_outputs
    from zfxxgk.cli.base import EXIT_FINDINGS, EXIT_OK, UsageError

    files = expand_role(args.files, REPORT)
    if not files:
        raise UsageError.of("no-files", command="aggregate")
    out = Path(args.output)
    if out.suffix.lower() not in (".xlsx", ".json"):
        from zfxxgk.errors import OutputError

        raise OutputError.of("output-suffix", file=args.output, allowed=[".xlsx", ".json"])
    # before any work, every output: never over an input, never half an answer
    guard_outputs((args.output, args.summary), files)
    office, once = _collect(args, files, {})
    superseded = once.superseded()  # two files for one agency's year: refused, or --latest
    if superseded:  # --latest: add up again without the files another one replaces
        office, _ = _collect(args, files, {x.file: x for x in superseded})
    total = office.finish(args.skip)  # refused (AggregateError): nothing is written
    bad = office.with_errors()
    if bad and args.strict:
        for i in bad:
            _say(f"zfxxgk: {i.file}: {i.errors} 个勾稽关系错误 | {i.errors} check errors")
        _say(
            f"zfxxgk: {len(bad)} 份报告有勾稽关系错误，未汇总，未写入 {out} | {len(bad)} "
            f"reports have check errors (--strict): nothing added up, {out} not written"
        )
        return EXIT_FINDINGS
    return _write(args, office, total, bad, EXIT_OK)


def _collect(
    args: argparse.Namespace, files: list[str], exclude: dict[str, LeftOut]
) -> tuple[Office, Once]:
    """Each input read, checked and added (the same file once; ``exclude``: files another
    file of the same agency and year replaces)."""
    from zfxxgk.app.batch import aggregate_worker, run
    from zfxxgk.app.dedupe import Once
    from zfxxgk.app.office import ERRORS, OK, Input, Office
    from zfxxgk.app.records import AggregateRecord

    office = Office(args.agency, args.edition, args.year)
    once = Once(args.latest)
    for record in run(aggregate_worker, files, args.jobs):
        if not isinstance(record, AggregateRecord) or record.report is None:
            _say(f"zfxxgk: 错误 | error: {record.message}")
            office.unreadable(record.file, record.message)
            continue
        report = AnnualReport.from_dict(record.report)
        inp = Input(
            record.file,
            OK if record.ok else ERRORS,
            sha256=record.sha256,
            errors=record.counts["error"],
            warnings=record.counts["warning"],
        )
        kept = once.copy_of(record.file, record.sha256)
        if kept is not None:
            office.once(report, inp, once.copies[-1])
            continue
        once.claim(record.file, report)
        if record.file in exclude:
            office.once(report, inp, exclude[record.file])
            continue
        office.add(report, inp)
    return office, once


def _write(
    args: argparse.Namespace, office: Office, total: AnnualReport, bad: list[Input], ok: int
) -> int:
    """Write the sum (and the summary), then say what was added up and what was not."""
    from zfxxgk.app.office import ERRORS, OK, Input, write_workbook
    from zfxxgk.core.check import check

    out = Path(args.output)
    result = check(total)
    c = result.counts
    the_sum = Input(
        str(out),
        OK if result.ok else ERRORS,
        agency=total.agency,
        year=total.year,
        edition=total.edition,
        errors=c["error"],
        warnings=c["warning"],
    )
    # the summary is written first and put in place only once the sum is: a sum that
    # cannot be written leaves neither
    with _summary(args.summary, [*office.inputs, the_sum]):
        if out.suffix.lower() == ".json":
            from zfxxgk.xlsx.atomic import write_bytes_atomic

            write_bytes_atomic(out, (total.to_json() + "\n").encode("utf-8"))
        else:
            from zfxxgk.xlsx.atomic import writing

            with writing(out):  # a full disk names the output (also for the temporary copy)
                write_workbook(total, office.inputs, out)
    if result.issues:
        _say(result.text().replace(result.text().splitlines()[0], str(out), 1))
    added = [i for i in office.inputs if i.added]
    _say(
        f"已汇总 {len(added)} 份报告，其中 {len(bad)} 份有勾稽关系错误 | added up "
        f"{len(added)} reports ({len(bad)} with errors): {out}"
    )
    for i in bad:
        _say(
            f"  有错误但已计入 | added despite errors: {i.file}（{i.agency or '单位未填'}）"
            f" {i.errors} 个错误 | errors: {i.errors}"
        )
    left_out = [i for i in office.inputs if not i.added]
    if left_out:
        _say(
            f"注意：{len(left_out)} 个文件未计入汇总（见 meta.skipped 与汇总说明） | note: "
            f"{len(left_out)} files are not in the sum (see meta.skipped and 汇总说明)"
        )
        for i in left_out:
            _say(f"  未计入 | left out: {i.message}")
    return ok


@contextlib.contextmanager
def _summary(path: str | None, rows: list[Input]) -> Iterator[None]:
    """The CSV summary (with a byte-order mark), a line per input (the sum's last),
    written before the body runs and put in place after it succeeds."""
    if not path:
        yield
        return
    from zfxxgk.cli.csvout import csv_writer
    from zfxxgk.xlsx.atomic import atomic_path

    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            w = csv_writer(fh)
            w.writerow(SUMMARY_COLUMNS)
            for i in rows:
                w.writerow(
                    ["" if getattr(i, k) is None else getattr(i, k) for k in SUMMARY_COLUMNS]
                )
        yield
