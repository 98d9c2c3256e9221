"""``fill``, ``check`` and ``read`` of this tree against the first wave's code, in one run.

Usage: python benchmarks/bench_waves.py [ROUNDS] [COMMIT ...]   (default 40 rounds, 2b89d71)

The ``src`` of the first wave (commit 2b89d71), or of each commit named, is extracted with
``git archive`` into a temporary folder; each version then runs in a process of its own
(imports done once), and the parent asks them in turn, alternating the order, to fill the
same sample report (its JSON, read by each version's ``AnnualReport.from_json``), to
check it (``zfxxgk.check``) and to read the same filled workbooks (each version's output,
read by all), one call a request, timed in the child by ``time.process_time`` (CPU: the
machine is shared). Another child reads the same files with python-calamine (every sheet
to Python values, no report).
Printed: the medians, this tree ÷ each commit, and read ÷ calamine (the ratio of the
medians, and the median of each round's ratio: the two calls of a round are made one
after the other, so a change of the machine's load between rounds cancels out).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = ROOT / "tests" / "data" / "samples"
FIRST_WAVE = "2b89d71"
EDITIONS = {"2019": "2019-pingtan", "2021": "2024-hongze-district"}

#: The child: reads one request a line, answers with the CPU ms of that one call.
CHILD = r"""
import json, sys, time
kind = sys.argv[1]
if kind == "calamine":
    from python_calamine import CalamineWorkbook
    def read(path):
        wb = CalamineWorkbook.from_path(path)
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
else:
    import zfxxgk
    read = zfxxgk.read
reports = {}
for line in sys.stdin:
    op, arg, out = json.loads(line)
    if op in ("fill", "check") and arg not in reports:
        with open(arg, "rb") as fh:
            reports[arg] = zfxxgk.AnnualReport.from_json(fh.read())
    if op == "fill":
        fn = lambda: zfxxgk.fill(reports[arg], out)
    elif op == "check":
        fn = lambda: zfxxgk.check(reports[arg])
    else:
        fn = lambda: read(arg)
    t = time.process_time()
    fn()
    ms = (time.process_time() - t) * 1000
    print(json.dumps(ms), flush=True)
"""


class Child:
    """One version in a process of its own."""

    def __init__(self, kind: str, src: Path | None) -> None:
        env = dict(os.environ)
        if src is not None:
            env["PYTHONPATH"] = str(src)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, kind],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )

    def ask(self, op: str, arg: str, out: str = "") -> float:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps([op, arg, out]) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise SystemExit(f"the child failed on {op} {arg}")
        return float(json.loads(answer))

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def extract(commit: str, into: Path) -> Path:
    """The ``src`` folder of ``commit``, extracted under ``into``."""
    tar = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(tar)) as tf:
        tf.extractall(into, filter="data")
    return into / "src"


def timed(
    children: dict[str, Child], op: str, args: dict[str, str], rounds: int
) -> dict[str, list[float]]:
    """Each round's ms of each child's ``op`` on its own ``args[name]`` (or the same for
    all), asked in turn, the order reversed every round; one warm-up call each."""
    names = list(children)
    for name in names:
        children[name].ask(op, *args[name].split("|"))
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            times[name].append(children[name].ask(op, *args[name].split("|")))
    return times


def paired(
    children: dict[str, Child], op: str, args: dict[str, str], rounds: int
) -> dict[str, float]:
    """Median ms of each child's ``op`` (see :func:`timed`)."""
    times = timed(children, op, args, rounds)
    return {name: statistics.median(t) for name, t in times.items()}


def round_ratio(times: dict[str, list[float]], a: str, b: str) -> float:
    """The median over the rounds of ``a``'s time ÷ ``b``'s in the same round: calls
    made one after the other, so a change of the machine's load cancels out."""
    return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    commits = sys.argv[2:] or [FIRST_WAVE]
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        children = {c: Child("zfxxgk", extract(c, tmp / c)) for c in commits}
        children["this"] = Child("zfxxgk", ROOT / "src")
        calamine = Child("calamine", None)
        print(f"CPU ms, medians of {rounds} alternating calls; first wave = {FIRST_WAVE}")
        head = "".join(f" {c:>9} {'this/' + c[:4]:>9}" for c in commits)
        print(
            f"{'edition':8} {'op':20}{head} {'this':>7} {'calamine':>9} {'this/cal.':>9}"
            f" {'per round':>9}"
        )
        try:
            for edition, name in EDITIONS.items():
                sample = str(SAMPLES / f"{name}.json")
                outs = {k: str(tmp / f"{k}-{edition}.xlsx") for k in children}
                fill = paired(
                    children, "fill", {k: f"{sample}|{outs[k]}" for k in children}, rounds
                )
                cols = "".join(f" {fill[c]:9.2f} {fill['this'] / fill[c]:9.2f}" for c in commits)
                print(f"{edition:8} {'fill':20}{cols} {fill['this']:7.2f}")
                check = paired(children, "check", dict.fromkeys(children, sample), rounds)
                cols = "".join(f" {check[c]:9.2f} {check['this'] / check[c]:9.2f}" for c in commits)
                print(f"{edition:8} {'check':20}{cols} {check['this']:7.2f}")
                for filler in children:  # the same file read by every version (and calamine)
                    readers = {**children, "calamine": calamine}
                    times = timed(readers, "read", dict.fromkeys(readers, outs[filler]), rounds)
                    read = {name: statistics.median(t) for name, t in times.items()}
                    cols = "".join(
                        f" {read[c]:9.2f} {read['this'] / read[c]:9.2f}" for c in commits
                    )
                    label = f"read ({filler[:7]}'s file)"
                    print(
                        f"{edition:8} {label:20}{cols} {read['this']:7.2f}"
                        f" {read['calamine']:9.2f} {read['this'] / read['calamine']:9.2f}"
                        f" {round_ratio(times, 'this', 'calamine'):9.2f}"
                    )
        finally:
            for child in (*children.values(), calamine):
                child.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
