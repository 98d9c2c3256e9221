"""Cells right, blank (with a warning) and wrong per transformation of hidden content.

Usage: python benchmarks/hidden_report.py [--random N] [TRANSFORM ...]   (default N = 3)

Every sample report with a truth (tests/data/samples/*.json) and N seeded random reports
of each edition are published with content a person does not see or sees struck out
(tests/hidden_producers.py): HTML pages (our page and Word's web page) with junk digits
hidden by inline style, the ``hidden`` attribute or a class, hidden rows, cells and
tables, old values struck out; .docx with hidden runs and paragraphs, moved-away copies,
struck runs, text boxes written twice, field codes, content controls. Each is parsed back
and scored against its truth (:func:`hostile_producers.judge`); a wrong cell is another
number, or a blank no warning names: the count must be 0.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from producers_report import truths  # noqa: E402

from hidden_producers import (  # noqa: E402
    DOCX_TRANSFORMS,
    HTML_FORMATS,
    STRUCK,
    TRANSFORMS,
    produce,
    produce_docx,
)
from hostile_producers import judge  # noqa: E402
from zfxxgk import AnnualReport, parse  # noqa: E402
from zfxxgk.errors import ZfxxgkError  # noqa: E402

Make = Callable[[AnnualReport, Path], Path]


def makers() -> dict[str, Make]:
    out: dict[str, Make] = {}
    for t in TRANSFORMS:
        for f in HTML_FORMATS:
            out[f"{t}/{f}"] = lambda r, d, t=t, f=f: produce(r, t, f, d)
    for t in STRUCK:
        out[f"{t}/md"] = lambda r, d, t=t: produce(r, t, "md", d)
    for t in DOCX_TRANSFORMS:
        out[f"{t}/docx"] = lambda r, d, t=t: produce_docx(r, t, d)
    return out


def main(args: list[str]) -> int:
    randoms = 3
    if args[:1] == ["--random"]:
        randoms, args = int(args[1]), args[2:]
    reports = truths(randoms)
    every = makers()
    names = [n for n in every if not args or n.split("/")[0] in args]
    print(f"{'transform':<30}{'right':>7}{'blank':>7}{'wrong':>7}{'refused':>8}", end="")
    print(f"  (cells of {len(reports)} reports)")
    bad = 0
    for name in names:
        right = blank = wrong = refused = 0
        details: list[str] = []
        for stem, truth in reports:
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    result = parse(every[name](truth, Path(tmp)))
                except ZfxxgkError:
                    refused += 1
                    continue
            s = judge(truth, result)
            right, blank, wrong = right + s.right, blank + s.blank, wrong + s.wrong
            details += [f"  {stem}: {'.'.join(p)} {t!r} -> {g!r}" for p, t, g in s.wrong_cells[:3]]
        bad += wrong
        print(f"{name:<30}{right:>7}{blank:>7}{wrong:>7}{refused:>8}", flush=True)
        for line in details[:4]:
            print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
