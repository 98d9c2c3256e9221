"""zfxxgk.core.discover: label matching, value-like cells, and the places of a template
found twice (by its known layout and by its labels) to the same cells."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.cellvalue import ABSENT_TOKENS
from zfxxgk.core.discover import discover, looks_like_value, match_score
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.labels import MAX_LABEL
from zfxxgk.errors import LayoutError
from zfxxgk.workbook.read import load_sheets
from zfxxgk.workbook.template import template_path

ROW_LABELS = sorted(
    {x for e in EDITIONS.values() for f in e.fields() for x in f.labels if len(x) >= 4}
)


@given(st.sampled_from(ROW_LABELS))
def test_a_label_matches_itself_however_typed(label: str) -> None:
    assert match_score(label, label) == 1.0
    spaced = " ".join(label).replace("(", "（").replace(")", "）")
    assert match_score(spaced, label) == 1.0


@given(st.sampled_from(ROW_LABELS))
def test_a_note_in_brackets_after_a_label_still_matches(label: str) -> None:
    assert match_score(f"{label}（含说明）", label) >= 0.95


@pytest.mark.parametrize(
    ("text", "label", "low", "high"),
    [
        ("", "自然人", 0.0, 0.0),
        ("工资表", "自然人", 0.0, 0.0),
        ("（二）部分公开（区分处理的）", "（二）部分公开", 0.97, 0.97),
        ("3.商业企业", "商业企业", 0.95, 0.95),  # the numbering dropped
        ("3.自然人", "自然人", 0.0, 0.0),  # but not from a label under four characters
        ("3.其他法人组织", "4.其他法人组织", 0.95, 0.95),
        ("申请人无正当理由逾期不补正", "申请人无正当理由逾期不补正、", 0.5, 0.95),
    ],
)
def test_match_scores(text: str, label: str, low: float, high: float) -> None:
    assert low <= match_score(text, label) <= high


@pytest.mark.parametrize(
    "value",
    [
        0,
        12,
        -3,
        1.5,
        "12",
        "1,234",
        "减4",
        "增5",
        "+3",
        "12万元",
        "3.5元",
        "12件",
        *sorted(ABSENT_TOKENS),
    ],
)
def test_what_a_person_types_for_a_value(value: Any) -> None:
    assert looks_like_value(value)


@pytest.mark.parametrize(
    "value", [None, True, "自然人", "总计", "12件次", "1 2 3x", "9" * (MAX_LABEL + 1), object()]
)
def test_what_is_no_value(value: Any) -> None:
    assert not looks_like_value(value)


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def template_sheets(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    edition = request.param
    sheets = {n: dict(s.cells) for n, s in load_sheets(template_path(edition)).items()}
    return edition, sheets


def test_a_template_is_found_by_layout_and_by_labels_alike(
    template_sheets: tuple[str, dict[str, Any]],
) -> None:
    edition, sheets = template_sheets
    fast = discover(sheets)
    slow = discover(sheets, fast=False)
    assert fast.known and not slow.known
    assert fast.edition.id == slow.edition.id == edition
    assert fast.missing() == slow.missing() == []
    assert fast.cells == slow.cells
    assert fast.cover == slow.cover


def test_sheets_without_tables_are_refused_by_code() -> None:
    with pytest.raises(LayoutError) as info:
        discover({"工资表": {(0, 0): "姓名", (0, 1): "工资"}})
    assert info.value.code == "tables-not-found"
    assert info.value.note.params["editions"] == list(EDITIONS)
