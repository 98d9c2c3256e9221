"""Start-up time: ``import zfxxgk`` and ``zfxxgk read one.xlsx --json``, as new processes.

Usage: python benchmarks/bench_start.py [RUNS] [BEFORE_SRC]   (default 30)

With BEFORE_SRC (the ``src`` folder of another checkout, e.g. ``git worktree add /tmp/old
main``), each command is also run from that source, alternating with this one's, so that
a change is measured against what it changed on the same busy machine.

Each command is run RUNS times as a subprocess, alternating with the others so that all
see the same machine. Printed for each: the median wall time, the median CPU time (user
+ system, which varies less on a machine busy with other work) and the least wall time
(the nearest to an idle machine), beside a bare ``python -c pass`` (the interpreter's own
start, which no library can remove). The children may cache bytecode, as an installed
package does, even where PYTHONDONTWRITEBYTECODE is set. The workbook is one filled 2021
report. The goals (issue 10): the import under 100 ms and the one-file read under 150 ms
on the development machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import zfxxgk

HERE = Path(__file__).resolve().parent
#: The children may cache bytecode as an installed package does: without the cache every
#: run compiles each module's source again (about as long as the whole start otherwise).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SAMPLE = HERE.parent / "tests" / "data" / "samples" / "2024-hongze-district.json"


def one_workbook(folder: Path) -> Path:
    """A filled 2021 report (the sample if present, else a built one)."""
    if SAMPLE.exists():
        report = zfxxgk.AnnualReport.from_json(SAMPLE.read_bytes())
    else:
        report = zfxxgk.empty_report("2021", "某局", 2024).with_zeros().with_totals()
    return zfxxgk.fill(report, folder / "one.xlsx")


def cli_command() -> list[str]:
    """The installed ``zfxxgk`` script beside this interpreter, else ``python -m zfxxgk``."""
    script = Path(sys.executable).with_name("zfxxgk")
    if script.exists():
        return [str(script)]
    found = shutil.which("zfxxgk")
    return [found] if found else [sys.executable, "-m", "zfxxgk"]


def wall_and_cpu_ms(cmd: list[str]) -> tuple[float, float]:
    """The wall time of one run, and the CPU time (user + system) the process used. A
    command that starts with ``PYTHONPATH=…`` runs with that source first on the path."""
    env = ENV
    if cmd[0].startswith("PYTHONPATH="):
        env = {**ENV, "PYTHONPATH": cmd[0].split("=", 1)[1]}
        cmd = cmd[1:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall * 1000, cpu * 1000


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float, float]]:
    """The median wall and CPU times of each command, run alternately ``runs`` times
    after a warm-up run (the disk cache), and its least wall time."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for cmd in commands.values():
        wall_and_cpu_ms(cmd)
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(wall_and_cpu_ms(cmd))
    return {
        name: (
            statistics.median(w for w, _ in t),
            statistics.median(c for _, c in t),
            min(w for w, _ in t),
        )
        for name, t in times.items()
    }


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    before_src = sys.argv[2] if len(sys.argv) > 2 else None
    with tempfile.TemporaryDirectory() as tmp:
        book = one_workbook(Path(tmp))
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import zfxxgk'": [sys.executable, "-c", "import zfxxgk"],
            "zfxxgk read one.xlsx --json": [*cli_command(), "read", str(book), "--json"],
        }
        if before_src:  # the same commands from the other source (python -m: its own cli)
            here = os.pathsep.join(filter(None, [str(HERE.parent / "src"), ENV.get("PYTHONPATH")]))
            old = f"PYTHONPATH={before_src}"
            read = [sys.executable, "-m", "zfxxgk", "read", str(book), "--json"]
            commands = {
                "python -c pass": commands["python -c pass"],
                "import zfxxgk (before)": [old, sys.executable, "-c", "import zfxxgk"],
                "import zfxxgk (after)": [
                    f"PYTHONPATH={here}",
                    sys.executable,
                    "-c",
                    "import zfxxgk",
                ],
                "read one.xlsx --json (before)": [old, *read],
                "read one.xlsx --json (after)": [f"PYTHONPATH={here}", *read],
            }
        result = medians(commands, runs)
    print(
        f"{'command':32} {'wall ms':>9} {'CPU ms':>9} {'least ms':>9}"
        f"   (medians of {runs} runs, alternating; least wall time)"
    )
    for name, (wall, cpu, least) in result.items():
        print(f"{name:32} {wall:9.1f} {cpu:9.1f} {least:9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
