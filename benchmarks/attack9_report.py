"""Cells right, blank (with a warning) and wrong per producer of tests/producers_attack9.py.

Usage: python benchmarks/attack9_report.py [--random N] [--seed S] [PRODUCER ...]
(default: all producers, 10 random reports of each edition, seed 9)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_producers import judge  # noqa: E402
from producers_attack9 import ATTACK, reports  # noqa: E402
from zfxxgk import parse  # noqa: E402


def main(args: list[str]) -> int:
    randoms, seed = 10, 9
    if args[:1] == ["--random"]:
        randoms, args = int(args[1]), args[2:]
    if args[:1] == ["--seed"]:
        seed, args = int(args[1]), args[2:]
    names = args or list(ATTACK)
    todo = reports(seed, randoms)
    print(f"{'producer':<26}{'right':>7}{'blank':>7}{'wrong':>7}  (cells of {len(todo)} reports)")
    bad = 0
    for name in names:
        right = blank = wrong = 0
        details: list[str] = []
        for stem, truth in todo:
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    result = parse(ATTACK[name](truth, Path(tmp)))
                except Exception as exc:
                    details.append(f"  {stem}: {type(exc).__name__}: {exc}")
                    continue
            s = judge(truth, result)
            right, blank, wrong = right + s.right, blank + s.blank, wrong + s.wrong
            details += [f"  {stem}: {'.'.join(p)} {t!r} -> {g!r}" for p, t, g in s.wrong_cells[:4]]
        bad += wrong
        print(f"{name:<26}{right:>7}{blank:>7}{wrong:>7}")
        for line in details[:8]:
            print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
