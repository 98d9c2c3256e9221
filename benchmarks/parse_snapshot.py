"""Whole ``parse`` results of a corpus, written once and compared after a change.

Usage: python benchmarks/parse_snapshot.py write FILE | compare FILE

A speed-up of the published-report parse must give the same results: values, notes,
warnings, findings, cell sources. Run ``write`` on the code before the change and
``compare`` after it (the corpus is made the same way both times). The corpus: every
sample (tests/data/samples) and 8 seeded random reports written by each producer that
needs no external program (tests/producers.py CHEAP) and as .docx; the samples' real
texts (tests/data/samples/*.txt) as text and as an HTML page of paragraphs; and the pages
of bench_html.py. Exit status 1 when a result differs, naming the documents.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_html  # noqa: E402

from producers import CHEAP, PRODUCERS, random_report  # noqa: E402
from zfxxgk import AnnualReport, parse  # noqa: E402
from zfxxgk.errors import ZfxxgkError  # noqa: E402


def corpus() -> dict[str, tuple[str, bytes]]:
    """Each document by a label: its file name and bytes."""
    out: dict[str, tuple[str, bytes]] = {}
    samples = ROOT / "tests" / "data" / "samples"
    reports = {
        s.stem: AnnualReport.from_json(s.read_bytes()) for s in sorted(samples.glob("*.json"))
    }
    rng = random.Random(17)
    for i in range(8):
        reports[f"random{i}"] = random_report(rng, ("2019", "2021")[i % 2])
    with tempfile.TemporaryDirectory() as tmp:
        for name, report in reports.items():
            for producer in (*CHEAP, "docx"):
                path = PRODUCERS[producer](report, Path(tmp))
                out[f"{name} {producer}"] = (path.name, path.read_bytes())
        for label, data in bench_html.pages(Path(tmp)).items():
            out[f"bench {label}"] = ("page.html", data)
    for text in sorted(samples.glob("*.txt")):
        out[f"{text.name}"] = (text.name, text.read_bytes())
        body = "".join(f"<p>{line}</p>\n" for line in text.read_text("utf-8").splitlines())
        out[f"{text.name} as html"] = ("page.html", f"<html><body>{body}</body></html>".encode())
    return out


def result(name: str, data: bytes) -> Any:
    """Everything a parse gives, as JSON-comparable data (or the error it raises)."""
    try:
        r = parse(name, data=data)
    except ZfxxgkError as exc:
        return ["error", type(exc).__name__, str(exc)]
    prov = r.report.provenance
    assert prov is not None
    return json.loads(
        json.dumps(
            {
                "report": r.to_dict(),
                "notes": [repr(n) for n in r.notes],
                "warnings": [repr(n) for n in r.warnings],
                "check": json.loads(r.check.to_json()),
                "kind": r.kind,
                "cells": sorted(f"{k!r}={v!r}" for k, v in prov.cells.items()),
                "provenance": [prov.file, prov.kind, [repr(n) for n in prov.notes]],
            },
            default=repr,
        )
    )


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "compare"):
        print(__doc__)
        return 2
    file = Path(sys.argv[2])
    got = {label: result(name, data) for label, (name, data) in corpus().items()}
    if sys.argv[1] == "write":
        file.write_text(json.dumps(got, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(got)} results written to {file}")
        return 0
    want = json.loads(file.read_text("utf-8"))
    differ = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    print(f"{len(want)} results compared, {len(differ)} differ" + (": " if differ else ""))
    for label in differ:
        print("  ", label)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
