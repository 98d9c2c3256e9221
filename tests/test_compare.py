"""``zfxxgk compare``: two years of one agency, the edition mapping, folders by agency."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

import zfxxgk
from rendering import browser_pdf_text, sample
from strategies import reports
from zfxxgk.app.compare import APPROX, ONLY_LAST, ONLY_THIS, SAME, compare
from zfxxgk.cli import main
from zfxxgk.core.editions.mapping import MAPPINGS, field_pairs


def two_years() -> tuple[zfxxgk.AnnualReport, zfxxgk.AnnualReport]:
    """洪泽区 2024 as published, and a 2023 report of the same district built from it."""
    this = sample("2024-hongze-district")
    last = this.copy()
    last.year = 2023
    a = last.applications
    a.new_received.natural_person, a.new_received.total = 70, 70
    a.disclosed.natural_person, a.disclosed.total = 40, 40
    a.carried_forward.natural_person = a.carried_forward.total = 0
    last.reviews.reconsideration.upheld, last.reviews.reconsideration.total = 0, 0
    last.proactive.fees.amount = Decimal("7000.5")
    last.proactive.normative_documents.in_force = 5  # 5 + 3 − 0 = 8: the stock rolls forward
    return last, this


def test_changes_of_one_agency() -> None:
    last, this = two_years()
    cmp = zfxxgk.compare(last, this)
    new = cmp.get("applications.new_received.total")
    assert (new.last, new.this, new.change, round(new.percent or 0, 1)) == (70, 95, 25, 35.7)
    fee = cmp.get("proactive.fees.amount")
    assert (fee.last, fee.this, fee.change, fee.unit) == (
        Decimal("7000.5"),
        Decimal("7545"),
        Decimal("544.5"),
        "万元",
    )
    review = cmp.get("reviews.reconsideration.total")
    assert (review.last, review.this, review.percent) == (0, 2, None)
    assert cmp.movements[0] == "本年新收申请 95 件，比上年增加 25 件（+35.7%）"
    assert "行政复议 2 件，比上年增加 2 件（上年为 0）" in cmp.movements
    assert all(c.status == SAME for c in cmp.changes)
    assert not cmp.findings  # the carry and the stock of documents roll forward
    assert "本年新收申请 95 件" in cmp.text()


def test_cross_year_findings_come_from_check() -> None:
    """A carry that breaks (R3-XYEAR-CARRY) and a stock of documents that does not roll
    forward (R2-21-XYEAR-VALID) are the findings of check(this, previous=last)."""
    last, this = two_years()
    last.applications.carried_forward.natural_person = 5
    last.proactive.normative_documents.in_force = 9
    cmp = compare(last, this)
    rules = {f.rule for f in cmp.findings}
    assert rules == {"R3-XYEAR-CARRY", "R2-21-XYEAR-VALID"}
    expected = {
        (f.rule, f.message_zh) for f in zfxxgk.check(this, previous=last).issues if f.rule in rules
    }
    assert {(f.rule, f.message_zh) for f in cmp.findings} == expected


def test_2020_to_2021_maps_only_what_the_mapping_names() -> None:
    last = sample("2019-pingtan")
    last.year = 2020
    this = sample("2024-hongze-district")
    this.year = 2021
    cmp = compare(last, this)
    by_key = {c.key: c for c in cmp.changes}
    # one-to-one rows of 三 and 四
    c = by_key["applications.new_received.total"]
    assert (c.last, c.this, c.status) == (23, 95, SAME)
    assert by_key["reviews.litigation_direct.total"].status == SAME
    # 2019 （六） = 2021 （六）1+2+3, here the （六） row 洪泽区 states
    other = by_key["applications.other_total.total"]
    assert (other.last, other.this) == (
        last.applications.other_total.total,
        this.applications.other_total.total,
    )
    # section 二: rough proxies only, everything else apart
    assert by_key["proactive.licensing.decisions"].status == APPROX
    assert by_key["proactive.normative_documents.issued"].last == 89
    assert by_key["proactive.procurement.amount"].status == ONLY_LAST
    assert by_key["proactive.procurement.amount"].last == Decimal("7539.443252")  # 元 → 万元
    assert by_key["proactive.normative_documents.in_force"].status == ONLY_THIS
    assert by_key["proactive.normative_documents.total_published"].status == ONLY_LAST
    assert by_key["applications.other_reasons.total"].status == ONLY_THIS
    assert by_key["proactive.fees.amount"].status == ONLY_THIS
    # nothing approximate or apart is ever named among the movements
    assert not [m for m in cmp.movements if "处理决定" in m or "制发" in m]
    assert "无对应项" in cmp.text()


def test_2021_other_rows_add_up() -> None:
    last = sample("2019-pingtan")
    this = sample("2023-shuyang-drc")
    a = this.applications
    a.other_overdue_correction.total, a.other_unpaid_fee.total, a.other_reasons.total = 1, 2, 3
    a.other_total.total = None
    other = compare(last, this).get("applications.other_total.total")
    assert other.this == 6


def test_mapping_rows_exist_in_their_editions() -> None:
    for (old_id, new_id), counterparts in MAPPINGS.items():
        old, new = zfxxgk.get_edition(old_id), zfxxgk.get_edition(new_id)
        for cp in counterparts:
            for t, p in cp.old:
                assert any(f.path[:2] == (t, p) for f in old.fields()), cp
            for t, p in cp.new:
                assert any(f.path[:2] == (t, p) for f in new.fields()), cp
        pairs = field_pairs(old, new)
        assert len({p.key for p in pairs}) == len(pairs)
        # the reverse direction pairs the same values
        assert len(field_pairs(new, old)) == len(pairs)


# ---------------------------------------------------------------- outputs


def write_pair(tmp_path: Path) -> tuple[Path, Path]:
    last, this = two_years()
    a, b = tmp_path / "2023.json", tmp_path / "2024.xlsx"
    a.write_text(last.to_json(), encoding="utf-8")
    zfxxgk.fill(this, b)
    return a, b


def test_cli_outputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = write_pair(tmp_path)
    assert main(["compare", str(a), str(b)]) == 0
    assert "本年新收申请 95 件，比上年增加 25 件（+35.7%）" in capsys.readouterr().out
    assert zfxxgk.compare(a, b).get("applications.new_received.total").change == 25
    for suffix in ("csv", "xlsx", "html"):
        assert main(["compare", str(a), str(b), "-o", str(tmp_path / f"c.{suffix}")]) == 0
    raw = (tmp_path / "c.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    new = next(r for r in rows if r["key"] == "applications.new_received.total")
    assert (new["last"], new["this"], new["change"], new["change_pct"]) == (
        "70",
        "95",
        "25",
        "35.7",
    )
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(tmp_path / "c.xlsx"))
    sheet = wb.get_sheet_by_name("对比").to_python()
    head = sheet[0]
    row = next(r for r in sheet if r[head.index("key")] == "applications.new_received.total")
    assert row[head.index("change")] == 25
    movements = wb.get_sheet_by_name("主要变化").to_python()
    assert movements[0][1].startswith("本年新收申请 95 件")
    page = (tmp_path / "c.html").read_text("utf-8")
    assert "<svg" in page and "<script" not in page.lower()


def test_compare_html_in_a_browser(tmp_path: Path) -> None:
    a, b = write_pair(tmp_path)
    out = tmp_path / "c.html"
    assert main(["compare", str(a), str(b), "-o", str(out)]) == 0
    text = browser_pdf_text(out, tmp_path)
    flat = "".join(text.split())
    assert "本年新收申请95件，比上年增加25件（+35.7%）" in flat
    assert "本年新收申请（件）" in flat  # a chart's title, drawn by the browser
    line = next(x for x in text.splitlines() if "本年新收政府信息公开申请数量·总计" in x)
    assert line.split()[-4:] == ["70", "95", "25", "+35.7%"]


def test_folders_pair_by_agency(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last_dir, this_dir = tmp_path / "2023", tmp_path / "2024"
    last_dir.mkdir()
    this_dir.mkdir()
    last, this = two_years()
    (last_dir / "洪泽.json").write_text(last.to_json(), encoding="utf-8")
    zfxxgk.render(this, this_dir / "洪泽.html")  # a published page pairs as well
    other = sample("2023-shuyang-drc")
    other.year = 2024
    (this_dir / "沭阳.json").write_text(other.to_json(), encoding="utf-8")
    out = tmp_path / "all.csv"
    assert main(["compare", str(last_dir), str(this_dir), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "沭阳.json" in err and "未找到" in err
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert {r["agency"] for r in rows} == {"淮安市洪泽区人民政府"}
    new = next(r for r in rows if r["key"] == "applications.new_received.total")
    assert (new["last_year"], new["this_year"], new["change"]) == ("2023", "2024", "25")
    assert new["this_file"].endswith("洪泽.html")


def test_2019_to_2020_items_roll_forward() -> None:
    """Section 二 of the 2019 edition: 上一年项目数量 rolls forward by 本年增/减
    (R2-19-XYEAR-ITEMS, from check); every cell pairs with itself."""
    last = sample("2019-pingtan")
    this = last.copy()
    this.year = 2020
    this.proactive.licensing.items_last_year = 396 + 0
    this.proactive.penalty.items_last_year = 2600  # last year 2648 + 0
    this.applications.carried_over.natural_person = 0
    cmp = compare(last, this)
    assert {f.rule for f in cmp.findings} >= {"R2-19-XYEAR-ITEMS"}
    (item,) = [f for f in cmp.findings if f.rule == "R2-19-XYEAR-ITEMS"]
    assert any(c.field == "proactive.penalty.items_last_year" for c in item.cells)
    assert {c.status for c in cmp.changes} == {SAME}
    penalty = cmp.get("proactive.penalty.items_last_year")
    assert (penalty.change, penalty.unit) == (-48, "件")
    amount = cmp.get("proactive.procurement.amount")
    assert amount.unit == "万元" and amount.change == 0


@settings(max_examples=25, deadline=None)
@given(last=reports(), this=reports())
def test_random_pairs(last: zfxxgk.AnnualReport, this: zfxxgk.AnnualReport) -> None:
    """Any two reports: every value shown once, each change is this − last, nothing of
    one edition only is ever compared, and a report against itself moves nowhere."""
    cmp = compare(last, this)
    assert len({c.key for c in cmp.changes}) == len(cmp.changes)
    for c in cmp.changes:
        if c.status in (ONLY_LAST, ONLY_THIS):
            assert c.change is None and (c.last is None or c.this is None)
        elif c.last is not None and c.this is not None:
            assert c.change == c.this - c.last
    same = compare(this, this)
    assert all(not c.change for c in same.changes) and not same.movements
