"""Cells right, blank (with a warning) and wrong per producer of published reports.

Usage: python benchmarks/producers_report.py [--random N] [--seed S] [PRODUCER ...]
(default: all producers, seed 17)

Every sample report with a truth (tests/data/samples/*.json) is written by each producer
of ``tests/producers.py`` (HTML with and without spans, Word's and LibreOffice's HTML,
.docx, pasted tab text, Word's text export, OCR and plain Markdown) and of
``tests/producers_more.py`` (UTF-16 text, GBK pages, .mht, Excel's, Google Docs' and
Calc's HTML, pandoc's grid tables, .odt, .rtf), of ``tests/producers_cms.py`` (CMS tables
of divs, lists, CSS grids and Bootstrap rows, a header table apart, a table in two parts,
frozen columns, form fields, html2text's and markdownify's Markdown) and of
``tests/producers_docx_shapes.py`` (Word tables in text boxes, WPS merges, tables split
under a repeated header) and of ``tests/producers_attack14.py`` (workbooks whose formulas'
stored results or number formats are not what a spreadsheet shows), parsed back, and
scored cell by cell against its truth; with ``--random N``, also N seeded random reports of
each edition (blanks, 0, small and big numbers). A wrong cell is another number, or a blank that
no warning names: the count must be 0.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from producers import PRODUCERS, random_report, score  # noqa: E402
from producers_attack14 import TRUTHS as TRUTHS14  # noqa: E402
from producers_attack14 import WORKBOOKS  # noqa: E402
from producers_cms import CMS  # noqa: E402
from producers_docx_shapes import SHAPES  # noqa: E402
from producers_more import MORE, TRUTHS  # noqa: E402
from zfxxgk import AnnualReport, parse  # noqa: E402

SAMPLES = sorted((ROOT / "tests" / "data" / "samples").glob("*.json"))


def truths(randoms: int, seed: int = 17) -> list[tuple[str, AnnualReport]]:
    out = [(s.stem, AnnualReport.from_json(s.read_bytes())) for s in SAMPLES]
    rng = random.Random(seed)
    for i in range(randoms):
        for edition in ("2019", "2021"):
            out.append((f"random-{edition}-{i}", random_report(rng, edition)))
    return out


def main(args: list[str]) -> int:
    randoms, seed = 0, 17
    if args[:1] == ["--random"]:
        randoms, args = int(args[1]), args[2:]
    if args[:1] == ["--seed"]:
        seed, args = int(args[1]), args[2:]
    producers = {**PRODUCERS, **MORE, **CMS, **SHAPES, **WORKBOOKS}
    shows = {**TRUTHS, **TRUTHS14}
    names = args or list(producers)
    reports = truths(randoms, seed)
    print(
        f"{'producer':<18}{'right':>7}{'blank':>7}{'wrong':>7}  (cells of {len(reports)} reports)"
    )
    bad = 0
    for name in names:
        right = blank = wrong = 0
        details: list[str] = []
        for stem, truth in reports:
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    result = parse(producers[name](truth, Path(tmp)))
                except Exception as exc:
                    details.append(f"  {stem}: {type(exc).__name__}: {exc}")
                    continue
            s = score(shows.get(name, lambda r: r)(truth), result)
            right, blank, wrong = right + s.right, blank + s.blank, wrong + s.wrong
            details += [f"  {stem}: {'.'.join(p)} {t!r} -> {g!r}" for p, t, g in s.wrong_cells[:5]]
        bad += wrong
        print(f"{name:<18}{right:>7}{blank:>7}{wrong:>7}")
        for line in details[:8]:
            print(line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
