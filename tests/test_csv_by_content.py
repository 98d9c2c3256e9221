"""A file named .csv that is no comma-separated text (a page, Markdown's tables, a
report's text copied from Word, a table pasted with tabs, saved under that name in UTF-8
or a Chinese code page) is read as what it is: each cell as under its own name."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from producers import CHEAP, PRODUCERS, random_report
from zfxxgk import AnnualReport, parse

_SAMPLES = Path(__file__).parent / "data" / "samples"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("producer", CHEAP)
def test_a_page_or_text_named_csv_is_read_as_what_it_is(
    producer: str, encoding: str, tmp_path: Path
) -> None:
    """On main a page or Markdown so named found no table (every cell lost), a text of
    tabs read as CSV left most cells blank (and 18 of 2788 wrong: tab-text-squeezed)."""
    rng = random.Random(f"csv-by-content/{producer}")
    truths = [AnnualReport.from_json(s.read_bytes()) for s in sorted(_SAMPLES.glob("*.json"))[:1]]
    truths += [random_report(rng, edition) for edition in ("2019", "2021")]
    for i, truth in enumerate(truths):
        folder = tmp_path / str(i)
        folder.mkdir()
        path = PRODUCERS[producer](truth, folder)
        data = path.read_text("utf-8").encode(encoding)
        as_named = parse(path.name, data=data).report
        as_csv = parse("report.csv", data=data).report
        assert list(as_csv.items()) == list(as_named.items())


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_comma_or_semicolon_text_named_csv_is_still_csv(delimiter: str) -> None:
    """A CSV is read as one, its cells named by sheet and A1."""
    from zfxxgk.published.textsource import load_source

    text = f"标题\n\n信息内容{delimiter}本年新制作数量\n规章{delimiter}12\n"
    assert load_source(Path("r.csv"), text.encode()).kind == "csv"
