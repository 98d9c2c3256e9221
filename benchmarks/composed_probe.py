"""Wrong cells of random reports through k hostile reshapings at once
(tests/hostile_producers.py), in a random format each.

Usage: python benchmarks/composed_probe.py [--k K] [--n N] [--seed S] [--fmt F,G] [--with T]

(--with T: every draw holds transformation T.)

Prints each draw that put a number in a wrong cell (its transforms, format and first
wrong cells), and the totals: draws applied, cells right, blank and wrong.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_producers import FORMATS, TRANSFORMS, judge, to_html  # noqa: E402
from producers import random_report  # noqa: E402
from zfxxgk import parse  # noqa: E402
from zfxxgk.errors import LayoutError  # noqa: E402


def main(args: list[str]) -> int:
    k, n, seed, fmts, forced = 3, 200, 1, sorted(FORMATS), ""
    while args:
        flag, value, args = args[0], args[1], args[2:]
        if flag == "--k":
            k = int(value)
        elif flag == "--n":
            n = int(value)
        elif flag == "--seed":
            seed = int(value)
        elif flag == "--fmt":
            fmts = value.split(",")
        elif flag == "--with":
            forced = value
    rng = random.Random(seed)
    names = sorted(TRANSFORMS)
    applied = right = blank = wrong = 0
    for i in range(n):
        combo = rng.sample([x for x in names if x != forced], k - bool(forced))
        if forced:
            combo.insert(rng.randrange(k), forced)
        fmt = rng.choice(fmts)
        report = random_report(rng, rng.choice(("2019", "2021")))
        page = lxml.html.fromstring(to_html(report))
        try:
            for name in combo:
                TRANSFORMS[name](page, report)
        except (ValueError, IndexError, KeyError, AttributeError):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            try:
                result = parse(FORMATS[fmt](page, Path(tmp)))
            except LayoutError:
                continue
        applied += 1
        s = judge(report, result)
        right, blank, wrong = right + s.right, blank + s.blank, wrong + s.wrong
        if s.wrong:
            print(f"draw {i}: {' + '.join(combo)} as {fmt}: {s.wrong} wrong", flush=True)
            for p, t, g in s.wrong_cells[:3]:
                print(f"    {'.'.join(p)} {t!r} -> {g!r}")
    print(
        f"k={k} n={n} seed={seed}: {applied} applied, {right} right, {blank} blank, {wrong} wrong"
    )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
