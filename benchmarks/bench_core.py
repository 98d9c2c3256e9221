"""Median time to fill and to read one report, and the size of a filled file.

Usage: python benchmarks/bench_core.py [RUNS]   (default 50 runs per edition)

Measures the library as a user calls it: ``zfxxgk.fill(report, path)`` (openpyxl load of
the template, write every cell, atomic save) and ``zfxxgk.read(path)``; and, in the same
run, ``read`` against python-calamine's raw read of the same file (every sheet to Python
values), the two timed alternately so that both see the same machine (issue 19 §13: the
goal is a ratio of at most 2). Times are CPU times (``time.process_time``): the machine
is shared, and wall time counts the others' work.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import zfxxgk

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "tests" / "data" / "samples"


def sample_reports() -> dict[str, zfxxgk.AnnualReport]:
    """One full report per edition: the samples of tests/data if present, else a built one."""
    out = {}
    for edition, name in (("2019", "2019-pingtan"), ("2021", "2024-hongze-district")):
        path = SAMPLES / f"{name}.json"
        if path.exists():
            out[edition] = zfxxgk.AnnualReport.from_json(path.read_bytes())
        else:
            out[edition] = zfxxgk.empty_report(edition, "某局", 2024).with_zeros().with_totals()
    return out


def median_ms(fn: Callable[[], object], runs: int = 200) -> float:
    """The median CPU time of ``runs`` calls, in milliseconds, after one warm-up call."""
    fn()  # warm up
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times)


def paired_ms(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median CPU times of ``a`` and ``b`` in milliseconds, timed alternately after a
    warm-up."""
    a()
    b()
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(runs):
        for fn, out in ((a, ta), (b, tb)):
            t = time.process_time()
            fn()
            out.append((time.process_time() - t) * 1000)
    return statistics.median(ta), statistics.median(tb)


def calamine_raw(path: Path) -> None:
    """python-calamine's read of every sheet of ``path`` (no report built)."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()


def patch_only(report: zfxxgk.AnnualReport, out: Path) -> Callable[[], object]:
    """The raw xlsx patch of the same cells with the same stored results, prepared once:
    the floor under ``fill`` in the same run (what fill adds is the report's work)."""
    from zfxxgk.workbook import fill as f
    from zfxxgk.workbook.live import shown_values
    from zfxxgk.xlsx.patch import fill_xml

    plan = f.plan_fill(report.layout)
    shown, kept = shown_values(report, plan.found.cells, plan.live)
    writes = f._writes(report, plan, shown, kept)
    results = f._results(report, plan, shown, kept)
    return lambda: fill_xml(plan.template, out, writes, results)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    print(
        f"{'edition':8} {'fill ms':>9} {'patch ms':>9} {'fill/patch':>10} {'read ms':>9}"
        f" {'check ms':>9} {'size KiB':>9}   (median of {runs})"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for edition, report in sample_reports().items():
            out = Path(tmp) / f"r{edition}.xlsx"
            fill_ms = median_ms(lambda r=report, o=out: zfxxgk.fill(r, o), runs)
            patch_ms = median_ms(patch_only(report, Path(tmp) / "p.xlsx"), runs)
            read_ms = median_ms(lambda o=out: zfxxgk.read(o), runs)
            check_ms = median_ms(lambda r=report: zfxxgk.check(r), runs * 10)
            size = out.stat().st_size / 1024
            print(
                f"{edition:8} {fill_ms:9.1f} {patch_ms:9.1f} {fill_ms / patch_ms:10.2f}"
                f" {read_ms:9.1f} {check_ms:9.2f} {size:9.1f}"
            )
            ours, theirs = paired_ms(
                lambda o=out: zfxxgk.read(o), lambda o=out: calamine_raw(o), runs
            )
            print(
                f"{'':8} read {ours:.2f} ms, python-calamine raw read {theirs:.2f} ms: "
                f"{ours / theirs:.1f}× (alternating, median of {runs})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
