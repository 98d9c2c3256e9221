"""Cells right, blank (with a warning) and wrong per transformation of tests/sheet_producers.py.

Usage: python benchmarks/sheet_report.py [--random N] [NAME ...]   (default N = 3)

Every sample report with a truth and N seeded random reports of each edition are
published as our page and as Word's web page whose style sheets strike out, colour or
hide text by rules of class, tag, place, ``:not()``, ``:is()``, ``:where()``, ``:has()``,
or keep a style sheet in ``<noscript>``; and as tables of blocks with a comment inside
each display. Each is parsed back and scored (:func:`hostile_producers.judge`). A wrong
cell is another number, or a blank no warning names: the count must be 0.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from producers_report import truths  # noqa: E402

from hostile_producers import judge  # noqa: E402
from sheet_producers import BLOCK_PRODUCERS, SHEET_FORMATS, TRANSFORMS, produce  # noqa: E402
from zfxxgk import parse  # noqa: E402
from zfxxgk.errors import ZfxxgkError  # noqa: E402


def main(args: list[str]) -> int:
    randoms = 3
    if args[:1] == ["--random"]:
        randoms, args = int(args[1]), args[2:]
    reports = truths(randoms)
    runs = [(t, f) for t in TRANSFORMS for f in SHEET_FORMATS] + [(b, "") for b in BLOCK_PRODUCERS]
    runs = [(n, f) for n, f in runs if not args or n in args]
    print(f"{'page':<34}{'right':>7}{'blank':>7}{'wrong':>7}{'refused':>8}", end="")
    print(f"  (cells of {len(reports)} reports)")
    bad = 0
    for name, fmt in runs:
        right = blank = wrong = refused = 0
        details: list[str] = []
        for stem, truth in reports:
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                try:
                    if fmt:
                        path = produce(truth, name, fmt, folder)
                    else:
                        path = BLOCK_PRODUCERS[name](truth, folder)
                    result = parse(path)
                except ZfxxgkError:
                    refused += 1
                    continue
            s = judge(truth, result)
            right, blank, wrong = right + s.right, blank + s.blank, wrong + s.wrong
            details += [f"  {stem}: {'.'.join(p)} {t!r} -> {g!r}" for p, t, g in s.wrong_cells[:2]]
        bad += wrong
        label = f"{name}/{fmt}" if fmt else name
        print(f"{label:<34}{right:>7}{blank:>7}{wrong:>7}{refused:>8}", flush=True)
        for line in details[:3]:
            print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
