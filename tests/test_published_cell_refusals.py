"""One cell whose text is no value of its field (1.5 for a count, the typo 1,2, 1.2.3)
costs that cell, never the document: it is left blank with a warning naming its row, and
every other cell is read as before. A count written with its measure word (12件) is the
count."""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import sample_path
from producers import PRODUCERS, score
from zfxxgk import AnnualReport, parse
from zfxxgk.core.cellvalue import COUNT_SUFFIXES, interpret
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.layout import Kind

SAMPLE = "2024-hongze-district"
#: the number of a value cell of a web page (alone in its cell, or in Word's paragraph)
_NUMBER_CELL = re.compile(r'class="v"[^>]*>(?:<[^>]*>)*(\d+(?:\.\d+)?)<')
#: texts that look like a value but are none of a count's: fractions, typos, stray dots
BAD = st.one_of(
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 999), st.integers(1, 9)),
    st.builds(lambda a, b: f"{a},{b}", st.integers(1, 99), st.integers(1, 99)),
    st.builds(lambda a, b, c: f"{a}.{b}.{c}", *[st.integers(0, 9)] * 3),
)


@functools.cache
def truth() -> AnnualReport:
    return AnnualReport.from_json(sample_path(SAMPLE).read_bytes())


@functools.cache
def page(producer: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return PRODUCERS[producer](truth(), Path(tmp)).read_text(encoding="utf-8")


@functools.cache
def _money_texts() -> frozenset[str]:
    report = truth()
    return frozenset(
        str(report.get(f.path)) for f in EDITIONS[report.edition].fields() if f.kind is Kind.MONEY
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), bad=BAD, producer=st.sampled_from(["html", "html-cms", "html-word"]))
def test_a_bad_cell_is_blank_with_a_warning_and_the_rest_is_read(
    data: st.DataObject, bad: str, producer: str, tmp_path: Path
) -> None:
    text = page(producer)
    fees = _money_texts()  # 0.1 is a right amount of money: only counts' cells are changed
    cells = [m for m in _NUMBER_CELL.finditer(text) if m.group(1) not in fees]
    assert len(cells) > 150
    m = cells[data.draw(st.integers(0, len(cells) - 1), label="cell")]
    changed = text[: m.start(1)] + bad + text[m.end(1) :]
    doc = tmp_path / f"{producer}.html"
    doc.write_text(changed, encoding="utf-8")
    result = parse(doc)  # never an error for one cell
    s = score(truth(), result)
    assert s.wrong == 0, s.wrong_cells
    refused = [w for w in result.warnings if w.code == "cell-left-blank"]
    for w in refused:
        assert w.params["raw"] == bad and w.cell and w.params["rows"]
        assert result.report.get(tuple(w.params["field"].split("."))) is None


@pytest.mark.parametrize("bad", ["1.5", "1,2", "1.2.3"])
def test_the_warning_names_the_cell_and_why(bad: str, tmp_path: Path) -> None:
    text = page("html-cms")
    zero = re.search(r"(<td[^>]*>)0(</td>)", text)
    assert zero is not None
    doc = tmp_path / "one.html"
    doc.write_text(text[: zero.start()] + zero.group(1) + bad + zero.group(2) + text[zero.end() :])
    result = parse(doc)
    (w,) = [w for w in result.warnings if w.code == "cell-left-blank"]
    assert w.params["raw"] == bad and "格" in (w.cell or "")
    assert w.params["reason"].key in ("count-not-whole", "cell-not-number")
    assert bad in w.text("zh") and bad in w.text("en")


COUNT = next(f for f in EDITIONS["2021"].fields() if f.kind is Kind.COUNT)
MONEY = next(f for f in EDITIONS["2021"].fields() if f.kind is Kind.MONEY)


@given(n=st.integers(0, 10**9), suffix=st.sampled_from(COUNT_SUFFIXES))
def test_a_count_with_its_measure_word_is_the_count(n: int, suffix: str) -> None:
    reading = interpret(f"{n}{suffix}", COUNT)
    assert reading.value == n
    assert reading.note is not None and reading.note.params["suffix"] == suffix


@pytest.mark.parametrize("text", ["12件", "3个"])
def test_money_takes_no_measure_word(text: str) -> None:
    from zfxxgk.errors import CellValueError

    with pytest.raises(CellValueError):
        interpret(text, MONEY)


def test_a_page_of_counts_with_measure_words_reads_every_cell(tmp_path: Path) -> None:
    report = truth()
    fees = _money_texts()  # a measure word is no money's: those are left as they are

    def with_word(m: re.Match[str]) -> str:
        value = m.group(1)
        if "." in value or value in fees:
            return m.group(0)
        return m.group(0).replace(f">{value}<", f">{value}件<")

    doc = tmp_path / "words.html"
    doc.write_text(_NUMBER_CELL.sub(with_word, page("html-cms")), encoding="utf-8")
    result = parse(doc)
    s = score(report, result)
    assert s.wrong == 0 and s.blank == 0, (s.wrong_cells, [str(w) for w in result.warnings][:3])
    assert s.right > 150
