"""``read`` against python-calamine on many distinct filled workbooks, as an office reads them.

Usage: python benchmarks/bench_read.py [ROUNDS] [FILES]   (default 10 rounds of 40 files)

FILES random reports of each edition (tests/producers.py: blanks, 0, small and big
numbers, each with its own agency) are filled from the templates into a temporary folder;
then each file is read in turn by python-calamine (every sheet to Python values, no
report), by ``zfxxgk.read`` and by ``zfxxgk.read`` with the shared-part cache emptied
before the call ("cold": no part of another package reused), alternating the order each
round. Printed: median CPU ms of a read and the ratios to calamine. Unlike
``bench_waves.py``, which reads the same file again and again, no two reads here are of
the same bytes.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from python_calamine import CalamineWorkbook  # noqa: E402

import zfxxgk  # noqa: E402
from producers import random_report  # noqa: E402
from zfxxgk.xlsx import safezip  # noqa: E402


def calamine(path: str) -> None:
    wb = CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()


def cold(path: str) -> None:
    getattr(safezip, "_SHARED", {}).clear()  # (a version without the cache: a plain read)
    zfxxgk.read(path)


def main(rounds: int, count: int) -> None:
    readers: dict[str, Callable[[str], object]] = {
        "calamine": calamine,
        "read": zfxxgk.read,
        "read cold": cold,
    }
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        print(
            f"{'edition':8}{'calamine':>10}{'read':>8}{'cold':>8}{'read/cal':>10}{'cold/cal':>10}"
        )
        for edition in ("2019", "2021"):
            files = []
            for i in range(count):
                report = random_report(rng, edition)
                report.agency = f"某某局{i}"
                path = Path(tmp) / f"{edition}-{i}.xlsx"
                zfxxgk.fill(report, path)
                files.append(str(path))
            times: dict[str, list[float]] = {k: [] for k in readers}
            for r in range(rounds):
                order = list(readers.items())
                for path in files:
                    for name, fn in order if r % 2 else order[::-1]:
                        t = time.process_time()
                        fn(path)
                        times[name].append(time.process_time() - t)
            ms = {k: statistics.median(v) * 1000 for k, v in times.items()}
            print(
                f"{edition:8}{ms['calamine']:10.2f}{ms['read']:8.2f}{ms['read cold']:8.2f}"
                f"{ms['read'] / ms['calamine']:10.2f}{ms['read cold'] / ms['calamine']:10.2f}"
            )


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args + [10, 40][len(args) :]))
