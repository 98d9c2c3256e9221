"""Cells right, blank (with a warning) and wrong per transformation × format of a page
made by producers nobody here wrote (tests/hostile_producers.py).

Usage: python benchmarks/hostile_report.py [--random N] [--seed S] [TRANSFORM ...]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from producers_report import truths  # noqa: E402

from hostile_producers import FORMATS, TRANSFORMS, judge, produce  # noqa: E402
from zfxxgk import parse  # noqa: E402


def main(args: list[str]) -> int:
    randoms, seed, verbose = 0, 17, False
    if args[:1] == ["-v"]:
        verbose, args = True, args[1:]
    if args[:1] == ["--random"]:
        randoms, args = int(args[1]), args[2:]
    if args[:1] == ["--seed"]:
        seed, args = int(args[1]), args[2:]
    names = args or list(TRANSFORMS)
    reports = truths(randoms, seed)
    print(
        f"{'transform':<22}"
        + "".join(f"{f:>22}" for f in FORMATS)
        + "   right/blank/wrong(+silent blanks)(!errors)"
    )
    bad = 0
    details: list[str] = []
    for name in names:
        line = f"{name:<22}"
        for fmt in FORMATS:
            right = blank = wrong = silent = errors = 0
            for stem, truth in reports:
                with tempfile.TemporaryDirectory() as tmp:
                    try:
                        result = parse(produce(truth, name, fmt, Path(tmp)))
                    except Exception as exc:
                        errors += 1
                        details.append(f"{name}/{fmt}/{stem}: {type(exc).__name__}: {exc}"[:300])
                        continue
                s = judge(truth, result)
                numbers = [c for c in s.wrong_cells if c[2] is not None]
                right, blank = right + s.right, blank + s.blank
                wrong, silent = wrong + len(numbers), silent + s.wrong - len(numbers)
                details += [
                    f"{name}/{fmt}/{stem}: {'.'.join(p)} {t!r} -> {g!r}"
                    for p, t, g in (numbers or list(s.wrong_cells))[: (50 if verbose else 3)]
                ]
            bad += wrong + silent
            cell = f"{right}/{blank}/{wrong}" + (f"+{silent}s" if silent else "")
            cell += f"!{errors}" if errors else ""
            line += f"{cell:>22}"
        print(line, flush=True)
    for d in details[: (10000 if verbose else 200)]:
        print(d)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
