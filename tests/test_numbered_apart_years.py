"""A report whose row labels have their numbers in cells of their own (一、 | 本年新收…,
（一） | 予以公开), with last year's report after it on the page: the year is the first
report's, and last year's tables are left out.

Before, a row label without its number was no label of a report's table to the year's
reading, so this year's title headed no table: the page was read as last year's (its
title, its year, and its section 二 where this year's was lost), silently."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import lxml.html
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from hostile_producers import FORMATS, TRANSFORMS, judge, to_html
from producers import random_report
from zfxxgk import parse
from zfxxgk.published.other_years import row_labels


@pytest.mark.parametrize("extra", ["", "old-proactive", "split-tables"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_labels_numbered_apart_keep_the_first_reports_year(
    fmt: str, extra: str, tmp_path: Path
) -> None:
    wrong = []
    for seed in range(4):
        report = random_report(random.Random(seed), ("2019", "2021")[seed % 2])
        page = lxml.html.fromstring(to_html(report))
        for name in ("last-year-too", "split-labels", extra):
            if name:
                TRANSFORMS[name](page, report)
        result = parse(FORMATS[fmt](page, tmp_path))
        s = judge(report, result)
        if result.report.year != report.year or s.wrong:
            wrong.append((seed, result.report.year, s.wrong_cells[:2]))
    assert wrong == []


def test_generic_words_alone_are_no_row_label() -> None:
    """Without its number a label stands for a row only where its words are more than a
    generic word: 其他 and 总计 (a sidebar's) are none."""
    labels = row_labels()
    assert "本年新收政府信息公开申请数量" in labels and "予以公开" in labels
    assert "其他" not in labels and "总计" not in labels
