"""The report's year and agency, and its cells, on CMS article pages with other years'
titles around the report's own (tests/cms_articles.py), for one or more versions.

Usage: python benchmarks/year_pages.py [--pages N] SRC [SRC ...]

Each SRC is the ``src`` folder of a checkout (``git worktree add``). Every sample report
with a truth and seeded random reports are written as N article pages each (HTML, and
its copy as text), parsed by each version in a process of its own and scored: a page's
year (and agency) right, wrong with a warning on the year (``title-year-unsure``,
``year-from-period``), or wrong silently; its cells right, blank (with a warning naming
the row) or wrong. ``--show`` lists each page whose year or agency one version gets
wrong and another right.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
sys.path.insert(0, str(TESTS))

#: What each version's process runs: argv = folder; prints {page: [year, agency,
#: warned year, right, blank, wrong]}.
CHILD = f"""
import json, sys
from pathlib import Path
sys.path.insert(0, {str(TESTS)!r})
from producers import score
from zfxxgk import AnnualReport, parse
folder = Path(sys.argv[1])
truths = json.loads((folder / "truths.json").read_text())
out = {{}}
for name, truth in truths.items():
    report = AnnualReport.from_json(truth)
    try:
        result = parse(folder / name)
    except Exception as exc:
        out[name] = [None, None, False, 0, 0, -1]
        continue
    warned = any(w.code in ("title-year-unsure", "year-from-period") for w in result.warnings)
    s = score(report, result)
    out[name] = [result.report.year, result.report.agency, warned, s.right, s.blank, s.wrong]
print(json.dumps(out))
"""


def pages(folder: Path, per_report: int) -> dict[str, str]:
    """Write the pages; their truths (the report's JSON) by file name."""
    from cms_articles import article
    from producers import random_report
    from zfxxgk import AnnualReport

    reports = [
        AnnualReport.from_json(s.read_bytes())
        for s in sorted((TESTS / "data" / "samples").glob("*.json"))
    ]
    rng = random.Random(13)
    reports += [random_report(rng, e) for e in ("2019", "2021", "2019", "2021")]
    truths = {}
    for k, report in enumerate(reports):
        for seed in range(per_report):
            a = article(report, seed * 100 + k)
            tag = "-".join(a.choices.values())
            for suffix, text in ((".html", a.html), (".txt", a.text)):
                name = f"r{k}-s{seed}-{tag}{suffix}"
                (folder / name).write_text(text, "utf-8")
                truths[name] = report.to_json()
    (folder / "truths.json").write_text(json.dumps(truths), "utf-8")
    return truths


def main(args: list[str]) -> int:
    per, show = 40, False
    if args[:1] == ["--pages"]:
        per, args = int(args[1]), args[2:]
    if args[:1] == ["--show"]:
        show, args = True, args[1:]
    with tempfile.TemporaryDirectory() as tmp:
        truths = pages(Path(tmp), per)
        from zfxxgk import AnnualReport

        years = {
            n: (AnnualReport.from_json(t).year, AnnualReport.from_json(t).agency)
            for n, t in truths.items()
        }
        results = {}
        for src in args:
            env = {**os.environ, "PYTHONPATH": src}
            run = subprocess.run(
                [sys.executable, "-c", CHILD, tmp],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            results[src] = json.loads(run.stdout)
    print(f"{len(truths)} pages (HTML and text copies)")
    head = "version                          kind  right  wrong-warned  wrong-silent  agency-wrong"
    print(head + "  cells right/blank/wrong  lost")
    for src, got in results.items():
        for kind in (".html", ".txt"):
            tally = [0, 0, 0, 0]
            cells = [0, 0, 0]
            lost = 0
            for name, (year, agency, warned, right, blank, wrong) in got.items():
                if not name.endswith(kind):
                    continue
                if wrong < 0:
                    lost += 1
                    continue
                want_year, want_agency = years[name]
                if year == want_year:
                    tally[0] += 1
                else:
                    tally[1 if warned else 2] += 1
                tally[3] += agency != want_agency
                cells[0] += right
                cells[1] += blank
                cells[2] += wrong
            print(
                f"{src[-32:]:32} {kind[1:]:>5} {tally[0]:6} {tally[1]:13} {tally[2]:13} "
                f"{tally[3]:13}  {cells[0]}/{cells[1]}/{cells[2]}  {lost}"
            )
    if show and len(results) > 1:
        first = next(iter(results.values()))
        for name in sorted(first):
            seen = [(r[name][0], r[name][1], r[name][2]) for r in results.values()]
            if len(set(seen)) > 1 and any(s[:2] != years[name] for s in seen):
                print(name, years[name], seen)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
