"""The consistency rules: findings, absent-is-not-zero, cross-year, overrides, the sheet."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SAMPLE_JSON, area_mark, cell, libreoffice_csv, sample_path
from strategies import consistent_reports, reports
from zfxxgk import EDITIONS, AnnualReport, empty_report, fill
from zfxxgk.core.check import CheckResult, check
from zfxxgk.core.layout import FieldPath, Kind
from zfxxgk.core.rules import CATALOGUE, RULES
from zfxxgk.errors import JsonInputError
from zfxxgk.workbook.checkarea import check_area_top, check_rows
from zfxxgk.workbook.fill import as_filled


def sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def errors(result: CheckResult) -> set[tuple[str, str]]:
    return {(f.rule, f.statement) for f in result.issues if f.severity == "error"}


def involving(report: AnnualReport, path: FieldPath, new_value: object) -> set[tuple[str, str]]:
    """The HARD rule instances that a change of one cell must break."""
    out = set()
    official = {f.path for f in report.layout.fields() if f.official}
    for eq in report.layout.equations:
        rule = RULES[eq.rule]
        if rule.severity != "error" or eq.cross_year:
            continue
        if eq.total not in official and report.get(eq.total) is None:
            continue  # an unstated subtotal with no cell is not checked
        if path == eq.total or path in {t.path for t in eq.parts}:
            out.add((eq.rule, eq.statement))
    field = next(f for f in report.layout.fields() if f.path == path)
    if isinstance(new_value, int | Decimal) and new_value < 0:
        for rule in CATALOGUE:
            if (
                rule.kind == "nonneg"
                and rule.table == path[0]
                and field.kind in rule.kinds
                and report.edition in rule.editions
            ):
                out.add((rule.id, f"{field.label} ≥ 0"))
    return out


class TestCatalogue:
    def test_every_rule_has_both_languages_and_a_severity(self) -> None:
        """Each entry carries an id, editions, severity, formula, zh and en text."""
        for rule in CATALOGUE:
            assert rule.severity in ("error", "warning", "info")
            assert rule.zh and rule.en and rule.formula and rule.editions
            assert (rule.severity == "error") == rule.hard

    def test_relation_rules_have_instances_in_their_editions(self) -> None:
        """Every relation rule is carried by equations of each edition it applies to."""
        for rule in CATALOGUE:
            if rule.kind != "relation":
                continue
            for e in rule.editions:
                assert any(eq.rule == rule.id for eq in EDITIONS[e].equations), (rule.id, e)


class TestProperties:
    @given(consistent_reports())
    @settings(max_examples=40, deadline=None)
    def test_consistent_report_has_no_error(self, report: AnnualReport) -> None:
        """A report whose totals come from with_totals() breaks no HARD rule."""
        result = check(report)
        assert result.ok, result.text()

    @given(consistent_reports(), st.data())
    @settings(max_examples=80, deadline=None)
    def test_one_changed_cell_breaks_exactly_its_rules(
        self, report: AnnualReport, data: st.DataObject
    ) -> None:
        """Changing one cell by ±k gives exactly the instances involving it, naming it."""
        fields = [
            f
            for f in report.layout.fields()
            if f.official and f.kind in (Kind.COUNT, Kind.SIGNED, Kind.MONEY)
        ]
        field = data.draw(st.sampled_from(fields))
        k = data.draw(st.integers(min_value=1, max_value=2000)) * data.draw(
            st.sampled_from([1, -1])
        )
        old = report.get(field.path)
        new = old + k
        report.set(field.path, new)
        result = check(report)
        assert errors(result) == involving(report, field.path, new)
        dotted = ".".join(field.path)
        for f in result.issues:
            if f.severity == "error":
                assert dotted in {c.field for c in f.cells}
                assert any(c.ref and c.ref.startswith("'") for c in f.cells)

    @given(
        st.one_of(reports(), consistent_reports()), st.one_of(st.none(), reports()), st.booleans()
    )
    @settings(max_examples=120, deadline=None)
    def test_skipping_passed_instances_drops_no_finding(
        self, report: AnnualReport, previous: AnnualReport | None, partial: bool
    ) -> None:
        """The default check (which skips instances that plainly hold) reports exactly the
        non-passing findings of the full one, blanks, stand-ins and cross-year included."""
        if previous is not None and previous.edition != report.edition:
            previous = None
        if partial:
            report.meta = {"partial_subtotals": ["applications.withheld_total"]}
        full = check(report, previous=previous, include_passed=True)
        assert check(report, previous=previous).findings == tuple(
            f for f in full.findings if f.status != "passed"
        )


class TestSamples:
    @pytest.mark.parametrize("name", SAMPLE_JSON)
    def test_samples_have_no_errors(self, name: str) -> None:
        """The published samples with JSON add up (a stated （六） subtotal stands in)."""
        result = check(sample(name))
        assert result.ok, result.text()
        # 沭阳 leaves the five 法人或其他组织 columns blank: a warning for each, nothing else
        blank_columns = 5 if name == "2023-shuyang-drc" else 0
        assert result.counts == {"error": 0, "warning": blank_columns, "info": 0}
        assert {f.rule for f in result.issues} <= {"R3-COLUMN-BLANK"}


class TestAbsent:
    def test_nothing_stated_nothing_found(self) -> None:
        """A report with every cell absent is 未填报 (an error), and nothing else is said."""
        for edition in ("2021", "2019"):
            result = check(empty_report(edition), include_passed=True)
            assert [(f.rule, f.status) for f in result.findings] == [("RX-UNREPORTED", "failed")]
            assert not result.ok and result.unreported
            assert "未填报" in result.text()

    def test_blank_total_is_not_assessable(self) -> None:
        """A blank total beside stated parts is a warning naming the blank cell."""
        r = empty_report("2021")
        r.reviews.reconsideration.upheld = 2
        (f,) = [f for f in check(r).issues if f.rule == "R4-REVIEW-TOTAL"]
        assert f.status == "not_assessable" and f.severity == "warning"
        assert f.cells[0].ref == "'四、复议诉讼'!E5"
        assert "E5" in f.message_zh and "E5" in f.message_en
        assert check(r).ok

    def test_blank_parts_count_as_zero_and_are_listed(self) -> None:
        """A stated total with some blank parts: blanks are 0, and named."""
        r = empty_report("2021")
        r.reviews.reconsideration.upheld = 2
        r.reviews.reconsideration.total = 3
        (f,) = [f for f in check(r).issues if f.rule == "R4-REVIEW-TOTAL"]
        assert (f.status, f.stated, f.computed, f.difference) == ("failed", 3, 2, 1)
        assert "'四、复议诉讼'!B5" in f.absent and "'四、复议诉讼'!D5" in f.absent
        assert "B5" in f.message_zh

    def test_balance_counts_a_blank_as_zero(self) -> None:
        """R3-COL-BALANCE has no single total: a blank 四 counts as 0 (an error, not a pass)."""
        r = empty_report("2021")
        r.applications.new_received.natural_person = 5
        r.applications.results_total.natural_person = 4
        found = [f for f in check(r).issues if f.rule == "R3-COL-BALANCE"]
        assert len(found) == 1 and found[0].status == "failed"
        assert found[0].severity == "error"
        assert "'三、依申请'!D29" in found[0].absent

    def test_value_rules_look_only_at_stated_values(self) -> None:
        """Non-negativity names a negative stated value and ignores blanks."""
        r = empty_report("2019")
        r.applications.disclosed.research_institution = -2
        r.proactive.licensing.change = -8  # may be negative
        found = [
            f
            for f in check(r).issues
            if f.rule.endswith("NONNEG-INT") or f.rule.endswith("COUNTS-INT")
        ]
        assert [(f.rule, f.cells[0].ref) for f in found] == [("R3-NONNEG-INT", "'三、依申请'!F7")]

    def test_group_subtotal_checked_when_stated_with_rows(self) -> None:
        """A stated subtotal is checked against its rows; alone it is not applicable."""
        r = empty_report("2021")
        r.applications.withheld_total.natural_person = 5
        assert not [f for f in check(r).issues if f.rule == "R3-GROUP-SUBTOTALS"]
        r.applications.withheld_state_secret.natural_person = 3
        (f,) = [f for f in check(r).issues if f.rule == "R3-GROUP-SUBTOTALS"]
        assert (f.stated, f.computed) == (5, 3)

    def test_org_subtotal_column(self) -> None:
        """A stated 法人或其他组织 小计 must equal its five columns."""
        r = empty_report("2019")
        r.applications.new_received.organizations_total = 4
        r.applications.new_received.commercial_enterprise = 1
        r.applications.new_received.other_org = 2
        (f,) = [f for f in check(r).issues if f.rule == "R3-ORG-SUBTOTAL"]
        assert f.difference == 1

    def test_subtotal_stands_in_for_its_rows(self) -> None:
        """A 2021 report stating only the （六） subtotal passes R3-RESULT-TOTAL."""
        r = empty_report("2021")
        r.applications.disclosed.natural_person = 3
        r.applications.other_total.natural_person = 2
        r.applications.results_total.natural_person = 5
        assert not [f for f in check(r).issues if f.rule == "R3-RESULT-TOTAL"]
        r.applications.results_total.natural_person = 3
        assert [f for f in check(r).issues if f.rule == "R3-RESULT-TOTAL"]


class TestOtherRules:
    def test_edition_year(self) -> None:
        """A 2021 report on the 2019 template is a warning, as seen in the wild."""
        r = empty_report("2019", "阎良区机关事务服务中心", 2021)
        (f,) = [f for f in check(r).issues if f.rule == "RX-EDITION-YEAR"]
        assert f.rule == "RX-EDITION-YEAR" and f.severity == "warning"
        assert f.note.code == "check-edition-mismatch"
        assert (f.note.params["year"], f.note.params["expected"]) == (2021, "2021")

    def test_procurement_unit(self) -> None:
        """A 2019 procurement amount without its unit is a warning naming the unit cell."""
        r = empty_report("2019")
        r.proactive.procurement.amount = Decimal("52.15")
        (f,) = [f for f in check(r).issues if f.rule.startswith("R2")]
        assert f.rule == "R2-19-AMOUNT-UNIT" and "'二、主动公开'!B21" in f.absent

    def test_soft_section_two_rules(self) -> None:
        """对外公开总数量 < 本年新公开数量 and a negative item end are warnings."""
        r = empty_report("2019")
        r.proactive.rules.new_published = 3
        r.proactive.rules.total_published = 2
        r.proactive.fees.items_last_year = 2
        r.proactive.fees.change = -5
        found = {f.rule: f for f in check(r).issues}
        assert found["R2-19-PUBLISHED-TOTAL"].severity == "warning"
        assert found["R2-19-ITEMS-END-NONNEG"].severity == "warning"
        assert check(r).ok


class TestCrossYear:
    def test_carry_across_the_edition_change(self) -> None:
        """2021's 上年结转 is checked against 2020's 结转下年度 (2019 edition)."""
        last = empty_report("2019", "某局", 2020)
        last.applications.carried_forward.natural_person = 4
        this = empty_report("2021", "某局", 2021)
        this.applications.carried_over.natural_person = 3
        found = [f for f in check(this, previous=last).issues if f.rule == "R3-XYEAR-CARRY"]
        assert len(found) == 1 and found[0].severity == "warning"
        refs = [c.ref for c in found[0].cells]
        assert "'三、依申请'!D6" in refs and "上年 '三、依申请'!D27" in refs
        assert not [f for f in check(this).issues if f.rule == "R3-XYEAR-CARRY"]

    def test_items_roll_forward(self) -> None:
        """2020's 上一年项目数量 = 2019's plus its 本年增/减."""
        last = empty_report("2019", "某局", 2019)
        last.proactive.licensing.items_last_year = 10
        last.proactive.licensing.change = -2
        this = empty_report("2019", "某局", 2020)
        this.proactive.licensing.items_last_year = 9
        (f,) = [f for f in check(this, previous=last).issues if f.rule == "R2-19-XYEAR-ITEMS"]
        assert (f.stated, f.computed) == (9, 8)

    def test_2021_documents_in_force(self) -> None:
        """现行有效件数 follows last year's plus issued minus repealed; repeals are bounded."""
        last = empty_report("2021", "某局", 2022)
        last.proactive.normative_documents.in_force = 10
        this = empty_report("2021", "某局", 2023)
        d = this.proactive.normative_documents
        d.issued, d.repealed, d.in_force = 2, 13, 0
        rules = {f.rule for f in check(this, previous=last).issues}
        assert {"R2-21-XYEAR-VALID", "R2-21-REPEAL-BOUND"} <= rules


class TestOverrides:
    def test_switch_off_and_change_severity(self) -> None:
        """Overrides turn a rule off or make it a warning, without code."""
        r = empty_report("2021")
        r.reviews.reconsideration.upheld = 1
        r.reviews.reconsideration.total = 2
        assert not check(r).ok
        assert check(r, rules={"R4-REVIEW-TOTAL": {"severity": "warning"}}).ok
        off = check(r, rules={"rules": {"R4-REVIEW-TOTAL": {"enabled": False}}})
        assert off.ok and not [f for f in off.findings if f.rule == "R4-REVIEW-TOTAL"]

    @pytest.mark.parametrize(
        "bad",
        [
            {"R9": {}},
            {"R4-REVIEW-TOTAL": {"severity": "fatal"}},
            {"R4-REVIEW-TOTAL": {"colour": "red"}},
        ],
    )
    def test_bad_overrides_are_named(self, bad: dict[str, object]) -> None:
        """An unknown rule, severity or setting is refused, naming it."""
        with pytest.raises(JsonInputError):
            check(empty_report("2021"), rules=bad)


class TestResult:
    def test_forms(self) -> None:
        """to_dict is JSON, rows are flat, text is Chinese, passes only when asked."""
        r = sample("2024-hongze-district")
        r.applications.disclosed.total = 51
        result = check(r)
        d = json.loads(result.to_json())
        assert d["ok"] is False and d["counts"]["error"] == 2
        assert {f["rule"] for f in d["findings"]} == {"R3-ROW-TOTAL", "R3-RESULT-TOTAL"}
        assert all(
            set(f)
            >= {
                "rule",
                "severity",
                "status",
                "stated",
                "computed",
                "difference",
                "cells",
                "absent",
                "message_zh",
                "message_en",
            }
            for f in d["findings"]
        )
        rows = result.rows()
        # the one mistyped cell comes first, as the likely cause of both errors
        assert len(rows) == 3 and rows[0]["agency"] == "淮安市洪泽区人民政府"
        assert rows[0]["status"] == "likely_cause" and rows[0]["cells"] == "'三、依申请'!J7"
        assert rows[0]["computed"] == sample("2024-hongze-district").applications.disclosed.total
        assert "勾稽关系校验：2 个错误" in result.text()
        everything = check(r, include_passed=True)
        assert len(everything.findings) > 100
        assert everything.counts == result.counts


class TestSheetAgreesWithCheck:
    @pytest.mark.parametrize("name", ["2019-pingtan", "2024-hongze-district"])
    def test_libreoffice_check_area(self, name: str, tmp_path: Path) -> None:
        """After a fill, LibreOffice shows ✓/✗ per HARD rule as check() decides them."""
        report = sample(name).with_zeros()  # fully filled: a blank and 0 agree
        report.applications.disclosed.natural_person += 1
        report.applications.disclosed.total += 1
        report.applications.carried_forward.natural_person += 2
        report.applications.carried_forward.total += 2
        report.reviews.litigation_direct.upheld = -1
        xlsx = fill(report, tmp_path / "r.xlsx")
        sheets = libreoffice_csv(xlsx, tmp_path)
        # the same cells: blank totals show their parts' sum, as their formulas give
        result = check(as_filled(report), include_passed=True)
        failing = {f.rule for f in result.issues if f.severity == "error"}
        seen = set()
        for table in report.layout.tables:
            for row in check_rows(report.layout, table, check_area_top(table)):
                shown = cell(sheets[table.sheet], row.result.ref())
                assert shown == area_mark(result, row.rule.id, table.sheet), row.rule.id
                seen.add(row.rule.id)
        assert {"R3-RESULT-TOTAL", "R3-COL-BALANCE", "R4-DIRECT-TOTAL", "R4-NONNEG-INT"} <= seen
        assert {"R3-RESULT-TOTAL", "R3-COL-BALANCE", "R4-DIRECT-TOTAL"} <= failing
