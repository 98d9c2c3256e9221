"""The attrs model: types, totals, the canonical JSON form and its schema."""

from __future__ import annotations

import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given, settings

from conftest import SAMPLE_JSON, sample_path
from strategies import consistent_reports, reports
from zfxxgk import AnnualReport, empty_report
from zfxxgk.core.jsonio import dumps, loads
from zfxxgk.core.schema import json_schema, schema_text, shipped_schema
from zfxxgk.errors import (
    JsonInputError,
    ReportKeyError,
    ReportTypeError,
    ReportValueError,
    ZfxxgkError,
)


class TestConstruction:
    def test_tables_are_attrs_classes_of_the_edition(self) -> None:
        """Each edition gets its own table classes; values start absent."""
        r19 = AnnualReport(edition="2019")
        r21 = AnnualReport(edition=2021)
        assert type(r19.proactive).__name__ == "Proactive2019"
        assert type(r21.applications).__name__ == "Applications2021"
        assert r21.applications.new_received.natural_person is None
        assert hasattr(r19.applications, "other_total")
        assert hasattr(r21.applications, "other_reasons")
        assert not hasattr(r19.proactive, "licensing") or hasattr(r19.proactive, "other_services")
        assert not hasattr(r21.proactive, "procurement")

    @pytest.mark.parametrize(
        "bad",
        [
            True,
            False,
            1.5,
            "12",
            [1],
            2**53,
            -(2**53),
            Decimal("1E+999999"),
            pytest.param(10**5000, id="10^5000"),
            float("inf"),
        ],
    )
    def test_bad_counts_are_refused(self, bad: object) -> None:
        """bool, fractions, text and numbers past 2^53−1 are refused, naming the field."""
        r = AnnualReport(edition="2021")
        with pytest.raises((ReportTypeError, ReportValueError)) as info:
            r.set(("applications", "carried_over", "total"), bad)
        assert "applications.carried_over.total" in str(info.value)
        assert isinstance(info.value, ZfxxgkError)
        assert r.get(("applications", "carried_over", "total")) is None

    def test_assignment_is_checked_too(self) -> None:
        """Setting an attribute converts and checks like the constructor."""
        r = AnnualReport(edition="2021")
        r.reviews.reconsideration.total = 3.0
        assert r.reviews.reconsideration.total == 3
        assert isinstance(r.reviews.reconsideration.total, int)
        with pytest.raises(ReportValueError):
            r.reviews.reconsideration.total = 3.5

    def test_money_is_decimal_with_at_most_15_digits(self) -> None:
        """Money keeps its digits; more than 15 significant digits is refused."""
        r = AnnualReport(edition="2021")
        r.proactive.fees.amount = 0.1
        assert r.proactive.fees.amount == Decimal("0.1")
        r.proactive.fees.amount = Decimal("123456789.123456")
        with pytest.raises(ReportValueError) as info:
            r.proactive.fees.amount = Decimal("1234567890.1234567")
        assert info.value.code == "money-too-precise"
        # one significant digit, but a million digits when written out
        for huge in (Decimal("1E+999999"), Decimal("1E-999999"), Decimal("0E-30")):
            with pytest.raises(ReportValueError) as info:
                r.proactive.fees.amount = huge
            assert info.value.code == "money-out-of-range"
        r.proactive.fees.amount = Decimal("123456789012345")
        r.proactive.fees.amount = Decimal("1E-15")

    def test_messages_about_huge_numbers_stay_short(self) -> None:
        """A count of thousands of digits is described by its size (Python will not even
        print it), in Chinese and in English."""
        r = AnnualReport(edition="2021")
        with pytest.raises(ReportValueError) as info:
            r.applications.new_received.natural_person = 10**5000
        assert info.value.code == "count-huge" and info.value.note.params["digits"] == 5001
        assert len(str(info.value)) < 300

    @pytest.mark.parametrize(
        "text, code",
        [
            pytest.param("[" * 100000, "json-too-deep", id="deep"),
            pytest.param(
                '{"edition": "2021", "applications": {"new_received": {"natural_person": '
                + "9" * 5000
                + "}}}",
                "json-number-too-long",
                id="long-number",
            ),
        ],
    )
    def test_hostile_json_is_our_error(self, text: str, code: str) -> None:
        """JSON nested past Python's recursion limit, or a number past its digit limit:
        a JsonInputError, not a RecursionError or ValueError traceback."""
        with pytest.raises(JsonInputError) as info:
            AnnualReport.from_json(text)
        assert info.value.code == code

    def test_negative_values_are_data_not_errors(self) -> None:
        """Non-negativity is a check, not a construction rule."""
        r = AnnualReport(edition="2019")
        r.proactive.licensing.change = -8
        r.applications.new_received.total = -1
        assert r.applications.new_received.total == -1

    def test_unit_choices(self) -> None:
        """The 2019 procurement unit is 元, 万元 or absent."""
        r = AnnualReport(edition="2019")
        r.proactive.procurement.amount_unit = "万元"
        with pytest.raises(ReportValueError):
            r.proactive.procurement.amount_unit = "美元"

    def test_tables_of_another_edition_are_refused(self) -> None:
        """A 2019 table cannot go into a 2021 report."""
        t = AnnualReport(edition="2019").proactive
        with pytest.raises(ReportTypeError):
            AnnualReport(edition="2021", proactive=t)


class TestWithTotals:
    def test_derives_without_overwriting(self) -> None:
        """Absent totals are computed; stated ones, even wrong, stay."""
        r = AnnualReport(edition="2021")
        r.applications.new_received.natural_person = 5
        r.applications.new_received.commercial_enterprise = 2
        r.applications.disclosed.natural_person = 4
        r.reviews.litigation_direct.upheld = 1
        r.reviews.litigation_direct.pending = 2
        r.reviews.reconsideration.upheld = 1
        r.reviews.reconsideration.total = 99
        t = r.with_totals()
        assert t.applications.new_received.total == 7
        assert t.applications.results_total.natural_person == 4
        assert t.applications.results_total.total == 4
        assert t.applications.carried_forward.natural_person == 1
        assert t.reviews.litigation_direct.total == 3
        assert t.reviews.reconsideration.total == 99
        assert r.applications.new_received.total is None  # the original is unchanged

    def test_a_total_that_would_break_a_rule_stays_blank(self) -> None:
        """（七）总计 is both its row's and its column's sum: where a wrong stated 总计
        makes them differ, neither is written (either would fail a rule that held)."""
        r = AnnualReport(edition="2021")
        r.applications.new_received.natural_person = 4
        r.applications.disclosed.natural_person = 4
        r.applications.disclosed.total = 99
        t = r.with_totals()
        assert t.applications.disclosed.total == 99
        assert t.applications.results_total.natural_person == 4
        assert t.applications.results_total.total is None

    def test_only_totals_are_derived(self) -> None:
        """Inequalities and cross-year relations never fill a value."""
        r = AnnualReport(edition="2019")
        r.proactive.rules.new_published = 3
        r.proactive.licensing.change = 2
        t = r.with_totals()
        assert t.proactive.rules.total_published is None
        assert t.proactive.licensing.items_last_year is None
        assert t.applications.carried_over.total is None

    def test_group_subtotal_stands_in(self) -> None:
        """A stated （六） subtotal counts for its absent sub-rows in （七）总计."""
        r = AnnualReport(edition="2021")
        r.applications.new_received.natural_person = 5  # 四 = 0: no rule fails
        r.applications.disclosed.natural_person = 3
        r.applications.other_total.natural_person = 2
        assert r.with_totals().applications.results_total.natural_person == 5

    @given(consistent_reports())
    @settings(max_examples=25, deadline=None)
    def test_is_idempotent(self, report: AnnualReport) -> None:
        """Totals of a report with all totals computed are already there."""
        assert report.with_totals() == report


class TestJson:
    @pytest.mark.parametrize("name", SAMPLE_JSON)
    def test_samples_round_trip_exactly(self, name: str) -> None:
        """Each sample's JSON reads and writes back to the same data, meta included."""
        data = loads(sample_path(name).read_bytes())
        report = AnnualReport.from_dict(data)
        assert report.to_dict() == data
        assert loads(report.to_json()) == data

    @given(reports())
    @settings(max_examples=60, deadline=None)
    def test_random_reports_round_trip(self, report: AnnualReport) -> None:
        """to_json → from_json gives an equal report, with money exact."""
        again = AnnualReport.from_json(report.to_json())
        assert again == report
        assert again.to_dict() == report.to_dict()

    def test_every_official_key_is_written(self) -> None:
        """An empty report writes every official key as null and no optional row."""
        d = empty_report("2021").to_dict()
        assert len(d["applications"]) == 25
        assert all(len(row) == 7 for row in d["applications"].values())
        assert "other_total" not in d["applications"]
        assert d["proactive"]["fees"] == {"amount": None}
        assert "meta" not in d
        d19 = empty_report("2019").to_dict()
        assert d19["proactive"]["procurement"] == {
            "projects": None,
            "amount": None,
            "amount_unit": None,
        }
        assert len(d19["applications"]) == 23

    def test_optional_values_written_only_when_stated(self) -> None:
        """A 小计 column and a group subtotal appear once stated."""
        r = empty_report("2021")
        r.applications.new_received.organizations_total = 4
        r.applications.withheld_total.total = 2
        d = r.to_dict()
        assert d["applications"]["new_received"]["organizations_total"] == 4
        assert "organizations_total" not in d["applications"]["carried_over"]
        assert d["applications"]["withheld_total"]["total"] == 2
        assert d["applications"]["withheld_total"]["natural_person"] is None

    @pytest.mark.parametrize(
        ("data", "key"),
        [
            ({"edition": "2021", "foo": 1}, "foo"),
            ({"edition": "2021", "proactive": {"procurement": {}}}, "proactive.procurement"),
            (
                {"edition": "2021", "applications": {"disclosed": {"people": 1}}},
                "applications.disclosed.people",
            ),
        ],
    )
    def test_unknown_keys_are_named(self, data: dict[str, object], key: str) -> None:
        """An unknown key is refused with its path."""
        with pytest.raises(ReportKeyError) as info:
            AnnualReport.from_dict(data)
        assert info.value.key == key
        assert info.value.code in ("unknown-key", "unknown-edition-key")

    def test_missing_keys_are_absent(self) -> None:
        """Only the edition is required; the rest reads as absent."""
        r = AnnualReport.from_dict({"edition": "2019"})
        assert r == empty_report("2019")

    def test_text_numbers_are_not_json_numbers(self) -> None:
        """ "12" in JSON is a type error naming the field, not a silent conversion."""
        with pytest.raises(ReportTypeError, match=r"reviews\.reconsideration\.total"):
            AnnualReport.from_dict(
                {"edition": "2021", "reviews": {"reconsideration": {"total": "12"}}}
            )

    def test_decimal_json_is_exact(self) -> None:
        """Money goes to JSON as written, never through a binary float."""
        text = dumps({"a": Decimal("0.100000"), "b": [Decimal("1E+3")], "c": "x"})
        assert json.loads(text) == {"a": 0.1, "b": [1000], "c": "x"}
        assert '"a": 0.100000' in text
        assert loads(text)["a"] == Decimal("0.100000")


class TestSchema:
    def test_shipped_schema_is_current(self) -> None:
        """The schema file in the package equals the one the edition data makes."""
        assert shipped_schema() == json.loads(schema_text())

    @pytest.mark.parametrize("name", SAMPLE_JSON)
    def test_samples_validate(self, name: str) -> None:
        """The sample reports are valid against the schema."""
        jsonschema.validate(json.loads(sample_path(name).read_text("utf-8")), json_schema())

    @given(reports())
    @settings(max_examples=30, deadline=None)
    def test_written_reports_validate(self, report: AnnualReport) -> None:
        """Whatever to_json writes, the schema accepts."""
        jsonschema.validate(json.loads(report.to_json()), json_schema())

    def test_schema_refuses_unknown_keys(self) -> None:
        """The schema, like from_dict, refuses a key the edition does not have."""
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(
                {"edition": "2021", "proactive": {"procurement": {}}}, json_schema()
            )
