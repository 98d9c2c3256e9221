"""HTML parse speed of two versions of the code, alternating, on the pages of bench_html.

Usage: python benchmarks/bench_html_ab.py BEFORE_SRC AFTER_SRC [ROUNDS] [RUNS] [--min]

BEFORE_SRC and AFTER_SRC are ``src`` folders of two checkouts (e.g. ``git worktree add``
of main). Each round runs one process per version in turn; each process parses every
page RUNS times (default 30), timing libxml2's parse of the page and ``zfxxgk.parse``
alternately, and gives their median CPU ms. Printed: the minimum over ROUNDS (default 3)
of each median, the ratio of parse to lxml in each version, reports/s and the speed-up.
With ``--min``, the least of each process's runs instead of their median: on a machine
whose other processes contend for its cores and caches, a run's CPU time is inflated by
them, and the least is the steadier figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import bench_html

#: What each process runs: argv = folder of pages, runs; prints {page: [lxml, parse]}.
CHILD = """
import json, statistics, sys, time
from pathlib import Path
from lxml import etree
from zfxxgk import parse
from zfxxgk.published.webpage import _parser
folder, runs = Path(sys.argv[1]), int(sys.argv[2])
out = {}
for page in sorted(folder.glob("*.html")):
    data = page.read_bytes()
    parse("page.html", data=data)
    raw, whole = [], []
    for _ in range(runs):
        t = time.process_time()
        etree.fromstring(data, _parser())
        raw.append(time.process_time() - t)
        t = time.process_time()
        parse("page.html", data=data)
        whole.append(time.process_time() - t)
    out[page.stem] = [statistics.median(raw) * 1000, statistics.median(whole) * 1000]
print(json.dumps(out))
"""


def alternate(
    srcs: dict[str, str], child: str, args: list[str], rounds: int
) -> dict[str, dict[str, list[float]]]:
    """Run ``child`` (Python source printing ``{key: [figures]}`` as JSON) once per
    version and round, alternating, each with its ``src`` first on the path: for each
    version and key the least of each figure over the rounds."""
    best: dict[str, dict[str, list[float]]] = {name: {} for name in srcs}
    for _ in range(rounds):
        for name, src in srcs.items():
            env = {**os.environ, "PYTHONPATH": src}
            done = subprocess.run(
                [sys.executable, "-c", child, *args],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            for key, ms in json.loads(done.stdout).items():
                old = best[name].get(key)
                best[name][key] = (
                    ms if old is None else [min(a, b) for a, b in zip(old, ms, strict=True)]
                )
    return best


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    least = "--min" in sys.argv
    args = [a for a in sys.argv if a != "--min"]
    srcs = {"before": args[1], "after": args[2]}
    rounds = int(args[3]) if len(args) > 3 else 3
    runs = int(args[4]) if len(args) > 4 else 30
    child = CHILD.replace("statistics.median(", "min(") if least else CHILD
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        labels = {}
        for i, (label, data) in enumerate(bench_html.pages(Path(tmp)).items()):
            (folder / f"p{i:02d}.html").write_bytes(data)
            labels[f"p{i:02d}"] = label
        best = alternate(srcs, child, [str(folder), str(runs)], rounds)
    each = "least" if least else "medians"
    print(f"min of {rounds} rounds' {each} of {runs} runs, CPU ms\n")
    print(
        f"{'page':24} {'lxml':>6} {'before':>7} {'after':>7} {'÷lxml b':>8} {'÷lxml a':>8} "
        f"{'rep/s b':>8} {'rep/s a':>8} {'speed-up':>8}"
    )
    for page, label in labels.items():
        (lb, b), (la, a) = best["before"][page], best["after"][page]
        print(
            f"{label:24} {min(lb, la):6.2f} {b:7.2f} {a:7.2f} {b / lb:7.1f}× {a / la:7.1f}× "
            f"{1000 / b:8.0f} {1000 / a:8.0f} {b / a:7.2f}×"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
