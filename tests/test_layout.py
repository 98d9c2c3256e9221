"""The edition data against the reference text of the official format."""

from __future__ import annotations

import pytest

from conftest import shared_file
from zfxxgk import EDITIONS, edition_for_year, get_edition
from zfxxgk.core.editions import markers
from zfxxgk.core.grid import place_table
from zfxxgk.errors import UnknownEditionError


def _labels(edition_id: str) -> set[str]:
    e = EDITIONS[edition_id]
    out = set()
    for table in e.tables:
        out.add(table.title)
        for label in place_table(table).labels:
            if label.role in ("header", "row", "title", "corner", "sheet-title"):
                out.add(label.text)
    return out


class TestLabels:
    @pytest.mark.parametrize("edition", sorted(EDITIONS))
    def test_every_label_is_printed_in_the_reference(self, edition: str) -> None:
        """Each label of the layout occurs character for character in formats.md."""
        reference = shared_file("formats.md").read_text(encoding="utf-8")
        # The reference prints the bracketed T3 note only inside a drawing, split over
        # two lines; its words are quoted whole (§7, R3-COL-BALANCE).
        missing = sorted(
            x
            for x in _labels(edition)
            if x not in reference and not (x.startswith("（本列") and x[1:-1] in reference)
        )
        assert missing == []

    def test_characters_of_the_official_conventions(self) -> None:
        """Full-width brackets, 、 after numerals, ASCII dot after digits, curly quotes."""
        labels = _labels("2021")
        assert "3.危及“三安全一稳定”" in labels
        assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
        assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" in labels
        assert "本年收费金额（单位：万元）" in labels
        assert all("(" not in x and ")" not in x for x in labels)

    def test_edition_differences(self) -> None:
        """The 2019 and 2021 section 二 differ as formats.md §6 says; 三 only in （六）."""
        assert "规范性文件" in _labels("2019") and "行政规范性文件" in _labels("2021")
        assert "第二十条第（九）项" in markers("2019")
        assert "第二十条第（九）项" not in _labels("2021")
        assert {"本年制发件数", "现行有效件数", "本年处理决定数量"} <= markers("2021")
        assert {
            "本年新制作数量",
            "对外公开总数量",
            "上一年项目数量",
            "本年增/减",
            "其他对外管理服务事项",
            "采购总金额",
        } <= markers("2019")


class TestCells:
    @pytest.mark.parametrize(
        ("edition", "table", "count"),
        [
            ("2019", "proactive", 22),
            ("2021", "proactive", 10),
            ("2019", "applications", 161),
            ("2021", "applications", 175),
            ("2019", "reviews", 15),
            ("2021", "reviews", 15),
        ],
    )
    def test_data_cell_counts(self, edition: str, table: str, count: int) -> None:
        """Data cells per table as formats.md §10 counts them (2019 adds the unit cell)."""
        t = EDITIONS[edition].table(table)
        cells = [p for p in place_table(t).fields if p[2] != "amount_unit"]
        assert len(cells) == count

    def test_t3_merges_follow_the_reference(self) -> None:
        """The T3 merges of formats.md §10, one row lower (the sheet title sits above)."""
        spans = {
            x.text: x.span.range_ref()
            for x in place_table(EDITIONS["2021"].table("applications")).labels
        }
        assert (
            spans["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == "A2:C4"
        )
        assert spans["申请人情况"] == "D2:J2"
        assert spans["自然人"] == "D3:D4"
        assert spans["法人或其他组织"] == "E3:I3"
        assert spans["总计"] == "J3:J4"
        assert spans["三、本年度办理结果"] == "A7:A28"
        assert spans["（三）不予公开"] == "B9:B16"
        assert spans["（六）其他处理"] == "B25:B27"
        assert spans["（七）总计"] == "B28:C28"
        assert spans["四、结转下年度继续办理"] == "A29:C29"
        spans19 = {
            x.text: x.span.range_ref()
            for x in place_table(EDITIONS["2019"].table("applications")).labels
        }
        assert spans19["三、本年度办理结果"] == "A7:A26"
        assert spans19["（六）其他处理"] == "B25:C25"

    def test_t4_header_merges(self) -> None:
        """行政复议 A:E, 行政诉讼 F:O, each outcome of 复议 over two rows."""
        labels = place_table(EDITIONS["2019"].table("reviews")).labels
        spans = [(x.text, x.span.range_ref()) for x in labels]
        assert ("行政复议", "A2:E2") in spans
        assert ("行政诉讼", "F2:O2") in spans
        assert ("结果维持", "A3:A4") in spans
        assert ("未经复议直接起诉", "F3:J3") in spans
        assert ("复议后起诉", "K3:O3") in spans

    def test_2021_single_value_columns_span_the_block(self) -> None:
        """本年处理决定数量 and the fee fill B:D, as the official grid merges them."""
        fields = place_table(EDITIONS["2021"].table("proactive")).fields
        assert fields[("proactive", "licensing", "decisions")].range_ref() == "B8:D8"
        assert fields[("proactive", "fees", "amount")].range_ref() == "B15:D15"


class TestRegistry:
    def test_edition_for_year(self) -> None:
        """Report years up to 2020 use 2019, later years 2021 (formats.md §1)."""
        assert edition_for_year(2019).id == "2019"
        assert edition_for_year(2020).id == "2019"
        assert edition_for_year(2021).id == "2021"
        assert edition_for_year(2030).id == "2021"
        with pytest.raises(UnknownEditionError):
            edition_for_year(2018)

    def test_unknown_edition(self) -> None:
        """An unknown edition names the known ones."""
        with pytest.raises(UnknownEditionError) as info:
            get_edition("2018")
        assert info.value.code == "unknown-edition"
        assert info.value.note.params == {"edition": "2018", "known": ["2019", "2021"]}
