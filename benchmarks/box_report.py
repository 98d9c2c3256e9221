"""Cells right, blank (with a warning) and wrong per transformation of tests/box_producers.py.

Usage: python benchmarks/box_report.py [--random N] [TRANSFORM ...]   (default N = 3)

Every sample report with a truth and N seeded random reports of each edition are
published as our page and as Word's web page with cells hidden by visibility (their box
kept) or by display (their box gone), wrappers of ``display:contents``, spans spelt as
the HTML standard reads them, junk in near-white colours and backgrounds set only on
hover; each is parsed back and scored (:func:`hostile_producers.judge`). A wrong cell is
another number, or a blank no warning names: the count must be 0.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from producers_report import truths  # noqa: E402

from box_producers import BOX_FORMATS, TRANSFORMS, produce  # noqa: E402
from hostile_producers import judge  # noqa: E402
from zfxxgk import parse  # noqa: E402
from zfxxgk.errors import ZfxxgkError  # noqa: E402


def main(args: list[str]) -> int:
    randoms = 3
    if args[:1] == ["--random"]:
        randoms, args = int(args[1]), args[2:]
    reports = truths(randoms)
    names = [t for t in TRANSFORMS if not args or t in args]
    print(f"{'transform':<34}{'right':>7}{'blank':>7}{'wrong':>7}{'refused':>8}", end="")
    print(f"  (cells of {len(reports)} reports)")
    bad = 0
    for name in names:
        for fmt in BOX_FORMATS:
            right = blank = wrong = refused = 0
            details: list[str] = []
            for stem, truth in reports:
                with tempfile.TemporaryDirectory() as tmp:
                    try:
                        result = parse(produce(truth, name, fmt, Path(tmp)))
                    except ZfxxgkError:
                        refused += 1
                        continue
                s = judge(truth, result)
                right, blank, wrong = right + s.right, blank + s.blank, wrong + s.wrong
                details += [
                    f"  {stem}: {'.'.join(p)} {t!r} -> {g!r}" for p, t, g in s.wrong_cells[:2]
                ]
            bad += wrong
            print(f"{name + '/' + fmt:<34}{right:>7}{blank:>7}{wrong:>7}{refused:>8}", flush=True)
            for line in details[:3]:
                print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
