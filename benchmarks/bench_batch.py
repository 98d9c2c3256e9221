"""Throughput of fill, read, check, parse and aggregate on N generated reports, beside
openpyxl's load and load + save of the same files measured in the same run, and the peak
memory (RSS) of aggregating 10,000 files.

Usage: python benchmarks/bench_batch.py [N]   (default 1000)
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
from bench_core import median_ms  # the same measurement as the single-report bench

import zfxxgk
from zfxxgk.published.export import to_html

HERE = Path(__file__).resolve().parent


#: the applicant columns of table 三 that a report states (its totals are computed)
APPLICANTS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_welfare_org",
    "legal_service_org",
    "other_org",
)


def make_report(i: int, rng: random.Random) -> zfxxgk.AnnualReport:
    """A consistent 2021 report with random numbers."""
    r = zfxxgk.empty_report("2021", f"单位{i:05d}", 2024)
    computed = {eq.total for eq in r.layout.equations if eq.op == "=" and not eq.cross_year}
    for f in r.layout.fields():
        if f.official and f.path not in computed and f.kind.value == "count":
            r.set(f.path, rng.randint(0, 30))
    r.proactive.fees.amount = Decimal(rng.randint(0, 10**8)) / 100
    apps = r.applications
    for col in APPLICANTS:
        apps.carried_forward[col] = rng.randint(0, 5)
    r = r.with_totals()
    for col in APPLICANTS:
        due = r.applications.results_total[col] + r.applications.carried_forward[col]
        carried = rng.randint(0, due)
        r.applications.carried_over[col] = carried
        r.applications.new_received[col] = due - carried
    r.applications.carried_over.total = None
    r.applications.new_received.total = None
    return r.with_totals()


def timed(label: str, fn: Callable[[Path], object], files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        fn(f)
    elapsed = time.perf_counter() - start
    return len(files) / elapsed


def paired_ms(
    a: Callable[[], object], b: Callable[[], object], runs: int = 400
) -> tuple[float, float]:
    """Medians of ``a`` and ``b`` timed alternately, so that both see the same machine."""
    import statistics

    a(), b()
    ta, tb = [], []
    for _ in range(runs):
        t = time.perf_counter()
        a()
        ta.append(time.perf_counter() - t)
        t = time.perf_counter()
        b()
        tb.append(time.perf_counter() - t)
    return statistics.median(ta) * 1000, statistics.median(tb) * 1000


def peak_rss_of_aggregate(files: list[Path], copies: int) -> tuple[float, float]:
    """Aggregate ``copies`` × the files in a fresh process; its peak RSS (MiB) and time."""
    listing = Path(tempfile.mkstemp(suffix=".txt")[1])
    listing.write_text("\n".join(str(f) for f in files * copies), encoding="utf-8")
    code = (
        "import resource, sys, time\n"
        "from zfxxgk import read\n"
        "from zfxxgk.app.aggregate import Aggregator\n"
        "agg = Aggregator('汇总')\n"
        "t = time.perf_counter()\n"
        "for line in open(sys.argv[1], encoding='utf-8'):\n"
        "    agg.add(read(line.strip()), line.strip())\n"
        "agg.result()\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "
        "time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(listing)], capture_output=True, text=True, check=True
    )
    listing.unlink()
    rss, seconds = out.stdout.split()
    return float(rss), float(seconds)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20261126)
    reports = [make_report(i, rng) for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = [folder / f"r{i:05d}.xlsx" for i in range(n)]
        start = time.perf_counter()
        for r, p in zip(reports, paths, strict=True):
            zfxxgk.fill(r, p)
        fill_rate = n / (time.perf_counter() - start)
        sub = paths[: max(1, n // 10)]
        start = time.perf_counter()
        for r, p in zip(reports, sub, strict=False):
            zfxxgk.fill(r, folder / f"o-{p.name}", engine="openpyxl")
        fill_openpyxl_rate = len(sub) / (time.perf_counter() - start)
        read_rate = timed("read", zfxxgk.read, paths)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            load_rate = timed("openpyxl load", openpyxl.load_workbook, sub)

            def load_save(p: Path) -> None:
                openpyxl.load_workbook(p).save(folder / "resaved.xlsx")

            load_save_rate = timed("openpyxl load+save", load_save, sub)
        start = time.perf_counter()
        for r in reports:
            zfxxgk.check(r)
        check_rate = n / (time.perf_counter() - start)
        docs = []
        for i, r in enumerate(reports[: max(1, n // 5)]):
            d = folder / f"d{i}.html"
            d.write_text(to_html(r), encoding="utf-8")
            docs.append(d)
        parse_rate = timed("parse", zfxxgk.parse, docs)
        start = time.perf_counter()
        zfxxgk.aggregate((zfxxgk.read(p), str(p)) for p in paths)
        aggregate_rate = n / (time.perf_counter() - start)
        # single-file medians against python-calamine's raw read of the same file
        from python_calamine import CalamineWorkbook

        def raw(p: Path = paths[0]) -> None:
            wb = CalamineWorkbook.from_path(str(p))
            for name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python()

        lo = HERE.parent / "tests" / "data" / "corpus" / "lo-hongze.xlsx"
        ours_ms = median_ms(lambda: zfxxgk.read(paths[0]))
        cal_ms = median_ms(raw)
        lo_ms = median_ms(lambda: zfxxgk.read(lo))
        lo_cal_ms = median_ms(lambda: raw(lo))
        ours_alt, cal_alt = paired_ms(lambda: zfxxgk.read(paths[0]), raw)
        lo_alt, lo_cal_alt = paired_ms(lambda: zfxxgk.read(lo), lambda: raw(lo))
        fill_ms = median_ms(lambda: zfxxgk.fill(reports[0], folder / "m.xlsx"), 100)
        rss, agg_seconds = peak_rss_of_aggregate(paths, max(1, 10000 // n))
        size_kib = paths[0].stat().st_size / 1024

    def row(name: str, rate: float, base: float | None = None) -> str:
        ratio = f"{rate / base:8.1f}×" if base else ""
        return f"{name:34} {rate:10.0f}/s {ratio}"

    print(f"N = {n} generated 2021 reports (2 cores; one process)")
    print(row("fill (fast engine)", fill_rate, load_save_rate) + "  vs openpyxl load+save")
    print(
        row("fill (openpyxl engine)", fill_openpyxl_rate, load_save_rate)
        + "  vs openpyxl load+save"
    )
    print(row("read", read_rate, load_rate) + "  vs openpyxl load")
    print(row("openpyxl load_workbook", load_rate))
    print(row("openpyxl load + save", load_save_rate))
    print(row("check", check_rate))
    print(row("parse (HTML report)", parse_rate))
    print(row("aggregate (read + add)", aggregate_rate))
    print(
        f"median ms, back to back: read {ours_ms:.2f} (calamine raw {cal_ms:.2f}, "
        f"{ours_ms / cal_ms:.1f}×); LibreOffice-saved read {lo_ms:.2f} (calamine "
        f"{lo_cal_ms:.2f}, {lo_ms / lo_cal_ms:.1f}×); fill {fill_ms:.2f}; file "
        f"{size_kib:.1f} KiB"
    )
    print(
        f"median ms, alternating: read {ours_alt:.2f} (calamine {cal_alt:.2f}, "
        f"{ours_alt / cal_alt:.1f}×); LibreOffice-saved read {lo_alt:.2f} (calamine "
        f"{lo_cal_alt:.2f}, {lo_alt / lo_cal_alt:.1f}×)"
    )
    print(f"aggregate 10,000 files: peak RSS {rss:.0f} MiB, {agg_seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
