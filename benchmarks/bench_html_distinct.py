"""HTML parse speed on distinct pages of one producer, two versions of the code alternating.

Usage: python benchmarks/bench_html_distinct.py BEFORE_SRC AFTER_SRC [PAGES] [ROUNDS]

What a researcher meets: many pages made by one CMS from one template, each with its own
numbers. For each producer (our page, Word's web page, Word's page with 60 KB of
narrative) PAGES random reports (default 60, seeded; edition 2021, a quarter of the cells
blank, as tests/producers.random_report makes them: no total adds up) are written as
pages, and PAGES reports that add up (tests/producers.consistent_report) as Word's page
and with 60 KB of the samples' own sentences in random order before it; each process
parses every page once, in order, and gives the median and mean CPU ms of a parse, and
of libxml2's parse of the same bytes. A page is never parsed twice in a process, so no
cache of one page's results flatters the figure (the pages' numbers and blanks differ).
Printed: the minimum over ROUNDS (default 3) of each figure.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_html import NARRATIVE  # noqa: E402
from bench_html_ab import alternate  # noqa: E402

from producers import PRODUCERS, consistent_report, random_report  # noqa: E402

#: What each process runs: argv = folder of pages; prints {producer: [lxml, median, mean]}.
CHILD = """
import json, statistics, sys, time
from pathlib import Path
from lxml import etree
from zfxxgk import parse
from zfxxgk.published.webpage import _parser
folder = Path(sys.argv[1])
parse("page.html", data=(folder / "warm.html").read_bytes())
out = {}
for group in sorted(p for p in folder.iterdir() if p.is_dir()):
    raw, whole = [], []
    for page in sorted(group.glob("*.html")):
        data = page.read_bytes()
        t = time.process_time()
        etree.fromstring(data, _parser())
        raw.append(time.process_time() - t)
        t = time.process_time()
        parse("page.html", data=data)
        whole.append(time.process_time() - t)
    out[group.name] = [
        statistics.median(raw) * 1000,
        statistics.median(whole) * 1000,
        statistics.mean(whole) * 1000,
    ]
print(json.dumps(out))
"""


def _prose(rng: random.Random, size: int) -> str:
    """About ``size`` characters of a report's narrative as Word writes it: the samples'
    own sentences (tests/data/samples/*.txt), drawn in a random order, each paragraph
    its own (no cache of one page's texts serves the next)."""
    sentences = [
        s + "。"
        for text in sorted((ROOT / "tests" / "data" / "samples").glob("*.txt"))
        for s in text.read_text("utf-8").replace("\n", "").split("。")
        if len(s) > 20 and not any(ch.isdigit() for ch in s[:2])
    ]
    out: list[str] = []
    while sum(map(len, out)) < size:
        paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        out.append(f"<p class=MsoNormal>{paragraph}</p>\n")
    return "".join(out)


def write_pages(folder: Path, count: int) -> None:
    """Pages of random reports (every total wrong: the check finds some 40 errors in
    each) by three producers, and of reports that add up (as most published ones do)
    as Word's page and with 60 KB of the samples' own sentences before the tables."""
    rng = random.Random(2021)
    groups = {
        "1 ours": "html",
        "2 word": "html-word",
        "3 word+text": "html-word",
        "4 word, adds up": "html-word",
        "5 word+prose, adds up": "html-word",
    }
    for group in groups:
        (folder / group).mkdir()
    warm = random_report(random.Random(1), "2019")  # the code loaded, another layout
    (folder / "warm.html").write_bytes(PRODUCERS["html"](warm, folder).read_bytes())
    for i in range(count):
        report = random_report(rng, "2021")
        whole = consistent_report(rng, "2021")
        for group, producer in groups.items():
            adds_up = group.endswith("adds up")
            page = PRODUCERS[producer](whole if adds_up else report, folder).read_text("utf-8")
            if group == "3 word+text":
                page = page.replace("<h1>", NARRATIVE * 180 + "<h1>", 1)
                page = page.replace(
                    "<div class=WordSection1>", "<div class=WordSection1>" + NARRATIVE * 180
                )
            elif group.startswith("5"):
                page = page.replace(
                    "<div class=WordSection1>", "<div class=WordSection1>" + _prose(rng, 20000)
                )
            (folder / group / f"{i:04d}.html").write_text(page, "utf-8")


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    srcs = {"before": sys.argv[1], "after": sys.argv[2]}
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 60
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        write_pages(folder, count)
        best = alternate(srcs, CHILD, [str(folder)], rounds)
    print(f"{count} distinct pages a producer; min of {rounds} rounds, CPU ms a parse\n")
    print(
        f"{'pages':22} {'lxml':>6} {'median b':>9} {'median a':>9} {'mean b':>7} {'mean a':>7} "
        f"{'÷lxml a':>8} {'rep/s b':>8} {'rep/s a':>8} {'speed-up':>8}"
    )
    for group in sorted(best["before"]):
        (lb, b, mb), (la, a, ma) = best["before"][group], best["after"][group]
        print(
            f"{group[2:]:22} {min(lb, la):6.2f} {b:9.2f} {a:9.2f} {mb:7.2f} {ma:7.2f} "
            f"{a / la:7.1f}× {1000 / mb:8.0f} {1000 / ma:8.0f} {mb / ma:7.2f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
