"""A paragraph too long to be any label is indexed as a text of its row that no look-up
finds (issue 17 item 9: a page's prose was normalised cell by cell, for nothing), and
that gives what indexing it in full gives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk import parse
from zfxxgk.core import discover
from zfxxgk.core.discover import _Index, _no_label, longest_label, match_score
from zfxxgk.core.labels import normalize

sys.path.insert(0, str(Path(__file__).parent))
from producers import PRODUCERS, samples_and_random


def _labels_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Every label the index is asked for while samples and random reports are parsed."""
    asked: set[str] = set()
    find = _Index.find

    def recording(self: _Index, label: str, *args: object, **kwargs: object) -> object:
        asked.add(label)
        return find(self, label, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_Index, "find", recording)
    for truth in samples_and_random(2).values():
        for producer in ("html", "html-word", "tab-text"):
            parse(PRODUCERS[producer](truth, tmp_path))
    return asked


def test_no_label_asked_is_longer_than_the_longest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _labels_asked(tmp_path, monkeypatch)
    assert len(asked) > 50  # (the look-ups were seen)
    assert max(len(normalize(label)) for label in asked) <= longest_label()


_PROSE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.sampled_from("，。、：；（）()“”1234567890 \u3000总计合计其它政府信息公开申请"),
    ),
    min_size=90,
    max_size=300,
).map(lambda s: s + "。")


@given(_PROSE)
@settings(max_examples=200, deadline=None)
def test_a_paragraph_no_label_finds_matches_no_label(text: str) -> None:
    """Where _no_label says so, the text's normal form scores 0 against every label the
    editions have (and where it does not, nothing is claimed)."""
    if not _no_label(text):
        return
    normal = normalize(text)
    for label in _edition_labels():
        assert match_score(normal, label) == 0.0, label


def _edition_labels() -> list[str]:
    labels = set()
    for eid, edition in discover.EDITIONS.items():
        labels.update(discover.markers(eid))
        labels.update(discover.row_markers(eid))
        for table in edition.tables:
            for block in table.blocks:
                for row in block.rows:
                    labels.update((row.label, *row.path))
                for col in (*block.columns, *block.optional_columns):
                    labels.update((col.label, *col.path))
    return sorted(labels)


def test_pages_with_prose_read_as_with_every_paragraph_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports with paragraphs of the samples' prose between and inside their tables:
    the same results as where every paragraph is normalised and indexed in full."""
    sentences = [
        s + "。"
        for f in sorted((Path(__file__).parent / "data" / "samples").glob("*.txt"))
        for s in f.read_text("utf-8").replace("\n", "").split("。")
        if len(s) > 20
    ]
    rng = random.Random(3)
    pages = []
    for truth in samples_and_random(2).values():
        page = PRODUCERS["html-word"](truth, tmp_path).read_text("utf-8")
        prose = "".join(
            "<p class=MsoNormal>" + "".join(rng.choice(sentences) for _ in range(4)) + "</p>"
            for _ in range(12)
        )
        page = page.replace("<div class=WordSection1>", "<div class=WordSection1>" + prose)
        page = page.replace("</table>", "</table>" + prose, 1)  # (between two tables)
        pages.append(page.encode())
    passed: list[str] = []

    def gate(text: str) -> bool:
        if _no_label(text):
            passed.append(text)
            return True
        return False

    monkeypatch.setattr(discover, "_no_label", gate)
    fast = [parse("page.html", data=p) for p in pages]
    assert len(passed) >= 12 * len(pages)  # (the paragraphs were passed by)
    monkeypatch.setattr(discover, "_no_label", lambda text: False)
    for data, got in zip(pages, fast, strict=True):
        full = parse("page.html", data=data)
        assert got.report.to_dict() == full.report.to_dict()
        assert [n.to_dict() for n in got.warnings] == [n.to_dict() for n in full.warnings]
        assert [n.to_dict() for n in got.notes] == [n.to_dict() for n in full.notes]
