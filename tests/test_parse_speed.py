"""The short cuts that make ``parse`` fast give what the plain computations give.

Each fast path of the HTML parse (issue 17 item 9) is held here to the computation it
replaced, on seeded random input of its whole class; ``benchmarks/parse_snapshot.py``
compares whole parse results of a corpus before and after a change.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from producers import random_report
from zfxxgk import AnnualReport
from zfxxgk.core.check import check
from zfxxgk.core.discover import Place
from zfxxgk.core.evaluate import Status
from zfxxgk.published.narrative import _COMPILED, _FIGURE, _matches, flatten
from zfxxgk.published.parse import _in_order

#: Pieces of narratives: the claims' words, units, digits, commas, stops, spaces.
ATOMS = (
    *("共", "累计", "全年", "收到", "新收", "受理", "接到", "申请", "政府信息公开", "的"),
    *("上年", "上一年度", "去年", "度", "结转", "至", "下一年度", "下年", "转入", "结", "转"),
    *("行政复议", "行政诉讼", "其中", "比上年", "同比增长", "下降", "1.5%", "x"),
    *("，", ",", "。", "；", "：", "件", "份", "条", "起", "宗"),
    *("1", "23", "4,5", "0", "７", "  ", "\n", "\u3000"),
)


def test_narrative_figures_are_found_as_the_whole_search_finds_them() -> None:
    """Searching only the stretch before each number with a unit finds exactly the
    matches (spans and groups) of each claim's search over the whole flattened text."""
    rng = random.Random(20261203)
    for _ in range(4000):
        text = "".join(rng.choice(ATOMS) for _ in range(rng.randint(0, 80)))
        flat = flatten(text)
        assert flat == re.sub(r"\s+", "", text)
        figures = [m.span() for m in _FIGURE.finditer(flat)]
        for _claim, pattern in _COMPILED:
            whole = [(m.span(), m.groups()) for m in pattern.finditer(flat)]
            assert [(m.span(), m.groups()) for m in _matches(pattern, flat, figures)] == whole


def _pairwise_in_order(at: list[Place | None]) -> bool:
    """The definition: no two headers on one row in the reverse of the table's order."""
    for i, a in enumerate(at):
        for b in at[i + 1 :]:
            if a is not None and b is not None and a.row == b.row and a.col >= b.col:
                return False
    return True


def test_header_order_in_one_pass_is_the_pairwise_order() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        n = rng.randint(0, 8)
        at = [
            None if rng.random() < 0.2 else Place("s", rng.randint(0, 2), rng.randint(0, 6))
            for _ in range(n)
        ]
        expected = [("t", "p", str(i)) for i in range(n)]
        heads = {p: a for p, a in zip(expected, at, strict=True) if a is not None}
        assert _in_order(expected, heads) == _pairwise_in_order(at)


def test_check_without_passed_findings_is_the_full_check_less_them() -> None:
    """The check judges an instance that holds on the typed fast path and builds no
    finding for it: its findings are those of the full check (``include_passed``, every
    instance evaluated) less the passing ones, on random reports of both editions."""
    rng = random.Random(17)
    reports = [random_report(rng, ("2019", "2021")[i % 2]) for i in range(40)]
    samples = sorted((Path(__file__).parent / "data" / "samples").glob("*.json"))
    reports += [AnnualReport.from_json(s.read_bytes()) for s in samples]  # mostly holding
    for report in reports:
        full = check(report, include_passed=True)
        shown = tuple(f for f in full.findings if f.status is not Status.PASSED)
        assert check(report).findings == shown
