"""Cross-year and narrative checks (issue 19, point 16): the narrative's phrasings from a
generator, each figure read as its own kind; known scopes named; year-over-year changes
against the tables; 无法核对 where last year's carried data is blank; a table with only
its totals filled says so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zfxxgk
from conftest import run_cli, sample_path
from zfxxgk import AnnualReport

# ------------------------------------------------------------------ phrasings as data

OPENERS = ("", "本年度", "2024年", "我局", "全年", "报告期内，", "其中")
#: the words before the number, by the kind of figure they state
WORDS: dict[str, tuple[str, ...]] = {
    "new": (
        "共收到政府信息公开申请",
        "收到依申请公开",
        "新收政府信息公开申请",
        "受理政府信息公开申请",
        "收办群众信息公开申请",
        "收办各类政府信息公开申请共",
        "累计收到申请",
        "接收申请",
    ),
    "carried_over": ("上年结转", "上年度结转", "上一年度结转申请", "上年结转的申请"),
    "carried_forward": (
        "结转下年度继续办理",
        "结转下一年度继续办理",
        "转下年度办理",
        "转入下一年度办理",
        "结转至下年度",
    ),
    "review": ("因政府信息公开被申请行政复议", "发生行政复议", "行政复议案件"),
    "litigation": ("被提起行政诉讼", "行政诉讼案件", "发生行政诉讼"),
}
UNITS = ("件", "件", "份", "起")
ENDS = ("。", "，", "；", "")


@st.composite
def sentences(draw: st.DrawFn) -> tuple[str, list[tuple[str, int]]]:
    """A narrative of a few clauses, and the (kind, number) each states, in order."""
    parts: list[str] = []
    said: list[tuple[str, int]] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(sorted(WORDS)))
        n = draw(st.integers(0, 99999))
        number = f"{n:,}" if n >= 1000 and draw(st.booleans()) else str(n)
        space = draw(st.sampled_from(("", " ")))
        parts.append(
            draw(st.sampled_from(OPENERS))
            + draw(st.sampled_from(WORDS[kind]))
            + space
            + number
            + space
            + draw(st.sampled_from(UNITS if kind in ("review", "litigation") else UNITS[:3]))
            + draw(st.sampled_from(ENDS[:3]))
        )
        said.append((kind, n))
    return "".join(parts), said


@settings(max_examples=300, deadline=None)
@given(sentences())
def test_each_phrasing_is_read_as_its_own_kind(case: tuple[str, list[tuple[str, int]]]) -> None:
    from zfxxgk.published.narrative import stated_figures

    text, said = case
    assert [(f.key, f.value) for f in stated_figures(text)] == said


def report(**values: int | None) -> AnnualReport:
    r = AnnualReport(edition="2021", agency="某局", year=2024)
    a, rv = r.applications, r.reviews
    a.new_received.total = values.get("new", 3646)
    a.carried_over.total = values.get("carried_over", 15)
    a.carried_forward.total = values.get("carried_forward", 25)
    rv.reconsideration.total = values.get("review", 170)
    rv.reconsideration.pending = values.get("review_pending", 36)
    return r


def codes(text: str, r: AnnualReport, previous: AnnualReport | None = None) -> list[str]:
    from zfxxgk.published.narrative import narrative_notes

    return [n.code for n in narrative_notes(text, r, previous)]


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(["carried_over", "carried_forward"]),
    words=st.data(),
    this=st.integers(0, 500),
    other=st.integers(0, 500),
)
def test_carried_figures_belong_to_their_own_row(
    kind: str, words: st.DataObject, this: int, other: int
) -> None:
    """上年结转 is 二, 结转下年度/转下年度 is 四: a figure equal only to the other row is a
    difference, never a pass."""
    mine, theirs = kind, "carried_forward" if kind == "carried_over" else "carried_over"
    phrase = words.draw(st.sampled_from(WORDS[kind]))
    text = f"{phrase}{this}件。"
    assert codes(text, report(**{mine: this, theirs: other})) == []
    if other != this:
        assert codes(text, report(**{mine: other, theirs: this})) == ["narrative-differs"]


def test_the_reported_carry_over_case() -> None:
    """结转下年度继续办理15件 with 二 = 15 and 四 = 25 (passed on main: one pattern for both)."""
    from zfxxgk.published.narrative import narrative_warnings

    found = narrative_warnings(
        "结转下年度继续办理15件", report(carried_over=15, carried_forward=25)
    )
    assert [n.code for n in found] == ["narrative-differs"]


def test_concluded_cases_are_a_named_scope() -> None:
    from zfxxgk.published.narrative import narrative_notes

    (note,) = narrative_notes("因政府信息公开被申请行政复议134件。", report())
    assert note.code == "narrative-scope" and note.severity == "note"
    assert "尚未审结" in note.params["scope"] and note.params["own"] == 170
    assert codes("行政复议170件", report()) == []
    assert codes("行政复议133件", report()) == ["narrative-differs"]


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        ("共收到政府信息公开申请3646件，同比增长1.05%。", 3607, ["narrative-percent"]),
        ("共收到政府信息公开申请3646件，同比增长1.08%。", 3607, []),
        ("共收到政府信息公开申请3646件，同比增长1.1%。", 3607, []),
        ("共收到政府信息公开申请3646件，比上年下降1.08%。", 3607, ["narrative-percent"]),
        ("共收到政府信息公开申请3646件，较上年减少2%。", 3720, []),
    ],
)
def test_year_over_year_against_last_years_tables(
    text: str, last: int, expected: list[str]
) -> None:
    previous = report(new=last)
    previous.year = 2023
    assert codes(text, report(), previous) == expected


def test_year_over_year_from_the_narrative_alone() -> None:
    """Without last year's report, the figure the narrative gives for last year."""
    text = "共收到政府信息公开申请3646件，比上年的3607件增长1.05%。"
    assert codes(text, report()) == ["narrative-percent"]
    assert codes(text.replace("1.05", "1.08"), report()) == []
    assert codes("共收到政府信息公开申请3646件，同比增长1.05%。", report()) == []


@settings(max_examples=200, deadline=None)
@given(this=st.integers(1, 10**6), last=st.integers(1, 10**6), places=st.integers(0, 2))
def test_a_correctly_rounded_percentage_passes(this: int, last: int, places: int) -> None:
    change = (Decimal(this - last) * 100 / Decimal(last)).quantize(Decimal(1).scaleb(-places))
    verb = "增长" if change >= 0 else "下降"
    text = f"共收到政府信息公开申请{this}件，同比{verb}{abs(change)}%。"
    previous = report(new=last)
    assert codes(text, report(new=this), previous) == []
    wrong = abs(change) + Decimal(2)  # 12.5% may be written 12% or 13%: two units off is wrong
    assert codes(text.replace(f"{abs(change)}%", f"{wrong}%"), report(new=this), previous) == [
        "narrative-percent"
    ]


# ------------------------------------------------------------------ cross-year: 无法核对


def test_blank_carried_data_of_last_year_is_not_assessable(tmp_path: Path) -> None:
    this = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    last = this.copy()
    last.year = 2023
    for f, _ in last.items():
        if f.path[:2] == ("applications", "carried_forward"):
            last.set(f.path, None)
    result = zfxxgk.check(this, previous=last)
    carry = [f for f in result.issues if f.rule == "R3-XYEAR-CARRY"]
    assert carry and {f.status for f in carry} == {"not_assessable"}
    assert {f.note.code for f in carry} == {"check-previous-blank"}
    this_file, last_file = tmp_path / "this.json", tmp_path / "last.json"
    this_file.write_text(this.to_json(), "utf-8")
    last_file.write_text(last.to_json(), "utf-8")
    r = run_cli("check", str(this_file), "--previous", str(last_file), "--all")
    out = r.stdout.decode()
    assert "R3-XYEAR-CARRY" in out and "全部通过" not in out


# ------------------------------------------------------------------ a table of totals only


def test_a_table_with_only_its_totals_says_what_is_filled() -> None:
    from zfxxgk.core.check_completeness import input_fields as _input_fields

    r = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    for f in _input_fields(r.layout):
        if f.path[0] == "applications":
            r.set(f.path, None)
    (blank,) = [f for f in zfxxgk.check(r).issues if f.rule == "RX-TABLE-BLANK"]
    assert blank.note.code == "check-table-totals-only"
    assert any("J5" in ref for ref in blank.note.params["filled"])
    r2 = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    for f, _ in r2.items():
        if f.path[0] == "applications":
            r2.set(f.path, None)
    (blank,) = [f for f in zfxxgk.check(r2).issues if f.rule == "RX-TABLE-BLANK"]
    assert blank.note.code == "check-table-blank"
