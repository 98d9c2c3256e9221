"""Cells right, blank (with a warning) and wrong per variant of site chrome.

Usage: python benchmarks/chrome_report.py [--random N] [--seeds S] [VARIANT ...]
(default: 10 random reports of each edition, 3 seeds, each variant of
``tests/site_chrome.py`` alone and a few together; a variant ``a+b`` composes them)

Every sample report with a truth and N seeded random reports of each edition are written
by each producer of ``site_chrome.PRODUCERS`` (plain HTML, a CMS's without spans, Word's
HTML), wrapped in the chrome of the variant with each seed, parsed back and scored cell by
cell (:func:`producers.score`): a wrong cell is another number, or a blank no warning
names. ``lost`` counts pages that did not parse; ``year`` pages read with another year;
``stale`` the cells a stale copy changed (the most cells that may be blank for it).
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from producers import random_report, score  # noqa: E402
from site_chrome import PRODUCERS, VARIANTS, wrapped  # noqa: E402
from zfxxgk import AnnualReport, parse  # noqa: E402
from zfxxgk.errors import ZfxxgkError  # noqa: E402

SAMPLES = sorted((ROOT / "tests" / "data" / "samples").glob("*.json"))
COMPOSED = ("nav+related+stats+after", "nav+related+repeat-stale", "nav+paged+english")


def truths(randoms: int, seed: int = 17) -> list[tuple[str, AnnualReport]]:
    out = [(s.stem, AnnualReport.from_json(s.read_bytes())) for s in SAMPLES]
    rng = random.Random(seed)
    for i in range(randoms):
        for edition in ("2019", "2021"):
            out.append((f"random-{edition}-{i}", random_report(rng, edition)))
    return out


def main(args: list[str]) -> int:
    randoms, seeds = 10, 3
    if args[:1] == ["--random"]:
        randoms, args = int(args[1]), args[2:]
    if args[:1] == ["--seeds"]:
        seeds, args = int(args[1]), args[2:]
    names = args or [*VARIANTS, *COMPOSED]
    reports = truths(randoms)
    print(
        f"{'variant':<28}{'producer':<11}{'right':>7}{'blank':>7}{'wrong':>7}{'lost':>6}{'year':>6}"
    )
    print(f"(cells of {len(reports)} reports × {seeds} seeds)")
    bad = 0
    for name in names:
        variants = tuple(name.split("+"))
        for producer in PRODUCERS:
            right = blank = wrong = lost = years = stale = 0
            details: list[str] = []
            for stem, truth in reports:
                for seed in range(seeds):
                    with tempfile.TemporaryDirectory() as tmp:
                        path, changed = wrapped(truth, producer, variants, seed, Path(tmp))
                        stale += changed
                        try:
                            result = parse(path)
                        except ZfxxgkError as exc:
                            lost += 1
                            details.append(f"  {stem}/{seed}: {exc.code}")
                            continue
                    s = score(truth, result)
                    right, blank, wrong = right + s.right, blank + s.blank, wrong + s.wrong
                    years += result.report.year != truth.year
                    details += [
                        f"  {stem}/{seed}: {'.'.join(p)} {t!r} -> {g!r}"
                        for p, t, g in s.wrong_cells[:3]
                    ]
            bad += wrong + lost
            print(
                f"{name:<28}{producer:<11}{right:>7}{blank:>7}{wrong:>7}{lost:>6}{years:>6}{stale:>6}"
            )
            for line in details[:6]:
                print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
