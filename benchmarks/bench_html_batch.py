"""HTML reports per second through the command line's batch parse, one process and one per
core, against libxml2's parse of the same files in one process.

Usage: python benchmarks/bench_html_batch.py [PAGES] [ROUNDS]   (defaults 300, 2)

What a researcher runs over a collection: ``zfxxgk parse FOLDER --jsonl --jobs N`` (every
report a JSON line, with its check). PAGES distinct random reports (as
``bench_html_distinct.py`` writes them: our page, Word's web page, Word's page with 60 KB
of narrative) are parsed by the command with ``--jobs 1`` and ``--jobs 0`` (a process per
core); the figure is wall time from the command's start to its end (its start-up and the
workers' included), the least of ROUNDS runs. ``lxml`` is one process reading and parsing
every file of the folder with libxml2, the floor of any reader.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_html_distinct import write_pages
from lxml import etree

from zfxxgk.published.webpage import _parser


def wall(cmd: list[str], rounds: int) -> float:
    """The least wall seconds of ``rounds`` runs of a command (its output discarded)."""
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t)
    return best


def lxml_seconds(folder: Path, rounds: int) -> float:
    """The least wall seconds of reading and parsing every page of a folder with libxml2."""
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for page in sorted(folder.glob("*.html")):
            etree.fromstring(page.read_bytes(), _parser())
        best = min(best, time.perf_counter() - t)
    return best


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    cli = [sys.executable, "-m", "zfxxgk"]
    print(f"{count} distinct pages a producer, {os.cpu_count()} cores; least of {rounds} runs\n")
    print(f"{'pages':12} {'lxml /s':>8} {'--jobs 1 /s':>12} {'--jobs 0 /s':>12} {'÷lxml (1)':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        write_pages(folder, count)
        for group in sorted(p for p in folder.iterdir() if p.is_dir()):
            raw = lxml_seconds(group, rounds)
            one = wall([*cli, "parse", str(group), "--jsonl", "--jobs", "1"], rounds)
            every = wall([*cli, "parse", str(group), "--jsonl", "--jobs", "0"], rounds)
            print(
                f"{group.name[2:]:12} {count / raw:8.0f} {count / one:12.0f} "
                f"{count / every:12.0f} {one / raw:9.1f}×"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
