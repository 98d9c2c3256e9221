"""HTML reports per second, against the raw parser in the same run.

Usage: python benchmarks/bench_html.py [RUNS] [--split]   (default 100 runs)

Pages: each sample report as our page (about 11 KB), as Word saves it as a web page
(MsoNormal paragraphs and spans in every cell, about 60 KB) and that page with a
narrative of some 60 KB before the tables (about 120 KB). For each, medians of RUNS
alternating calls of: libxml2's parse of the bytes alone (``lxml``, the floor), our
reading of the page into rows (``html_rows``), the standard-library reader it replaced
(kept in tests/html_oracle.py), and the whole ``zfxxgk.parse`` (rows, discovery,
alignment, the report and its check). The ratio is each against the raw parse.
With ``--split``, also the median CPU ms of each stage of the parse of each page: the
rows (reading the page), discovery, alignment, the report, the narrative's figures and
the check. ``parse_snapshot.py`` checks that a faster parse gives the same results.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from html_oracle import oracle_rows  # noqa: E402
from producers import PRODUCERS  # noqa: E402
from zfxxgk import AnnualReport, parse  # noqa: E402
from zfxxgk.published.webpage import _parser, html_rows  # noqa: E402

NARRATIVE = "<p class=MsoNormal>" + "本机关坚持以公开为常态、不公开为例外，" * 6 + "</p>\n"


def median_ms(fns: list[Callable[[], object]], runs: int) -> list[float]:
    """Median CPU ms of each function, called in turn RUNS times after a warm-up (CPU
    time: the machine is shared, and its load would be counted in wall time)."""
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, out in zip(fns, times, strict=True):
            t = time.process_time()
            fn()
            out.append((time.process_time() - t) * 1000)
    return [statistics.median(t) for t in times]


def pages(folder: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for sample in sorted((ROOT / "tests" / "data" / "samples").glob("*.json")):
        report = AnnualReport.from_json(sample.read_bytes())
        name = sample.stem.split("-", 1)[1][:10]
        out[f"{name} ours"] = PRODUCERS["html"](report, folder).read_bytes()
        word = PRODUCERS["html-word"](report, folder).read_text("utf-8")
        out[f"{name} word"] = word.encode()
        big = word.replace("<h1>", NARRATIVE * 180 + "<h1>", 1)
        big = big.replace("<div class=WordSection1>", "<div class=WordSection1>" + NARRATIVE * 180)
        out[f"{name} word+text"] = big.encode()
    return out


#: The stages of a parse, as ``stages`` times them.
STAGES = ("rows", "sheet", "discovery", "alignment", "report", "narrative", "check")


def stages(data: bytes, runs: int) -> dict[str, float]:
    """Median CPU ms of each stage of ``parse`` (as parse runs them) over RUNS runs."""
    from zfxxgk.core.check import check
    from zfxxgk.core.discover import discover
    from zfxxgk.published import parse as p
    from zfxxgk.published.narrative import narrative_notes
    from zfxxgk.published.textsource import load_source

    times: dict[str, list[float]] = {}
    for _ in range(runs + 1):
        ticks = [time.process_time()]
        doc = load_source(Path("page.html"), data)
        ticks.append(time.process_time())
        sheet, rows = p.as_sheet(doc)
        ticks.append(time.process_time())
        _, year = p.title_metadata(doc.rows)
        found = discover({p.SHEET: sheet.cells}, year, fast=False)
        ticks.append(time.process_time())
        blank, _ = p.align(found, sheet, rows)
        for path in blank:
            found.cells.pop(path, None)
        found.cover.clear()
        ticks.append(time.process_time())
        report = p._report(found, sheet, rows, "page.html", [])
        ticks.append(time.process_time())
        narrative_notes(doc.text, report)
        ticks.append(time.process_time())
        check(report)
        ticks.append(time.process_time())
        for stage, t0, t1 in zip(STAGES, ticks, ticks[1:], strict=False):
            times.setdefault(stage, []).append((t1 - t0) * 1000)
    return {k: statistics.median(v[1:]) for k, v in times.items()}


def main() -> int:
    from lxml import etree

    split = "--split" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--split"]
    runs = int(args[0]) if args else 100
    print(f"median CPU ms of {runs} runs, alternating; ratio = against the raw lxml parse\n")
    print(
        f"{'page':24} {'KB':>5} {'lxml':>7} {'rows':>7} {'stdlib rows':>12} {'parse':>7} "
        f"{'parse/lxml':>10} {'reports/s':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for label, data in pages(Path(tmp)).items():
            text = data.decode("utf-8")
            raw, rows, std, whole = median_ms(
                [
                    lambda data=data: etree.fromstring(data, _parser()),
                    lambda text=text: html_rows(text),
                    lambda text=text: oracle_rows(text),
                    lambda data=data: parse("page.html", data=data),
                ],
                runs,
            )
            print(
                f"{label:24} {len(data) / 1024:5.0f} {raw:7.2f} {rows:7.2f} {std:12.2f} "
                f"{whole:7.2f} {whole / raw:9.1f}× {1000 / whole:9.0f}"
            )
        if split:
            print(f"\nmedian CPU ms of each stage of parse, {runs} runs\n")
            print(f"{'page':24} " + " ".join(f"{n:>9}" for n in STAGES))
            for label, data in pages(Path(tmp)).items():
                ms = stages(data, runs)
                print(f"{label:24} " + " ".join(f"{ms[n]:9.2f}" for n in STAGES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
