"""Each concept of the vocabulary said once: a money field's unit field, input or computed,
what each Kind accepts. The other modules ask the vocabulary; these tests pin that what
it says is what the templates, the schema and the conversion do."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import attrs
import jsonschema
import openpyxl
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from zfxxgk import EDITIONS, template_path
from zfxxgk.app.compare import SAME, Change, movement_text
from zfxxgk.app.display import _fmt as display_fmt
from zfxxgk.core.findings import CellInfo, compact_refs
from zfxxgk.core.grid import Span, place_table
from zfxxgk.core.layout import ACCEPTS, Kind
from zfxxgk.core.model import AnnualReport, CellSource, cover_value, set_cover
from zfxxgk.core.rules import RULES, RuleKind
from zfxxgk.core.schema import _value_schema
from zfxxgk.core.values import UNIT_FACTORS, convert, number_text
from zfxxgk.errors import ReportTypeError, ReportValueError, ZfxxgkError
from zfxxgk.noteparams import shown
from zfxxgk.notes import Note, sheet_cell
from zfxxgk.workbook.formulas import runs
from zfxxgk.workbook.template import _RULES, formula_cells
from zfxxgk.xlsx.numbers import MAX_EXACT_INT
from zfxxgk.xlsx.refs import Box, cell_ref, formula_sheet, joined_runs

EDITION_IDS = sorted(EDITIONS)


@cache
def _template(edition: str) -> Any:
    return openpyxl.load_workbook(template_path(edition))


class TestUnitField:
    @pytest.mark.parametrize("edition", EDITION_IDS)
    def test_every_amount_knows_its_unit(self, edition: str) -> None:
        """A money field has a printed unit or a unit field of the edition, which names the
        amount back; every unit field is some amount's."""
        e = EDITIONS[edition]
        fields = e.field_map
        for f in e.fields():
            if f.kind is Kind.MONEY:
                assert (f.unit is None) != (f.unit_field is None), f.path
                assert f.unit is None or f.unit in UNIT_FACTORS
                if f.unit_field is not None:
                    unit = fields[f.unit_field]
                    assert unit.kind is Kind.UNIT and unit.amount_field == f.path
                    assert set(unit.choices) == set(UNIT_FACTORS)
            else:
                assert f.unit_field is None
            if f.kind is Kind.UNIT:
                assert f.amount_field is not None
                assert fields[f.amount_field].unit_field == f.path
            else:
                assert f.amount_field is None

    def test_2019_procurement(self) -> None:
        f = EDITIONS["2019"].field_map[("proactive", "procurement", "amount")]
        assert f.unit_field == ("proactive", "procurement", "amount_unit")
        fee = EDITIONS["2021"].field_map[("proactive", "fees", "amount")]
        assert fee.unit == "万元" and fee.unit_field is None

    @pytest.mark.parametrize("edition", EDITION_IDS)
    def test_template_shows_the_unit_field(self, edition: str) -> None:
        """The unit field's cell is on the amount's sheet and offers the unit choices."""
        e = EDITIONS[edition]
        wb = _template(edition)
        for table in e.tables:
            placement = place_table(table)
            ws = wb[table.sheet]
            lists = {
                str(ref): dv.formula1
                for dv in ws.data_validations.dataValidation
                if dv.type == "list"
                for ref in dv.sqref.ranges
            }
            for f in e.table_fields(table):
                if f.unit_field is None:
                    continue
                span = placement.fields[f.unit_field]
                assert any(span.ref() == r.split(":")[0] for r in lists)
                formula = next(v for r, v in lists.items() if r.split(":")[0] == span.ref())
                assert all(u in formula for u in UNIT_FACTORS)


class TestInputOrComputed:
    @pytest.mark.parametrize("edition", EDITION_IDS)
    def test_agrees_with_the_template(self, edition: str) -> None:
        """Every official cell of both editions: a computed field holds a formula in the
        template, an input field is blank and unlocked."""
        e = EDITIONS[edition]
        wb = _template(edition)
        computed_seen = inputs_seen = 0
        for table in e.tables:
            placement = place_table(table)
            ws = wb[table.sheet]
            for f in e.table_fields(table):
                if f.path not in placement.fields:
                    assert not f.official
                    continue
                cell = ws[placement.fields[f.path].ref()]
                has_formula = isinstance(cell.value, str) and cell.value.startswith("=")
                assert has_formula == f.computed, f.path
                assert f.input == (f.kind is not Kind.UNIT and not has_formula), f.path
                if f.input:
                    assert not cell.protection.locked
                computed_seen += f.computed
                inputs_seen += f.input
        assert computed_seen > 0 and inputs_seen > 0
        assert set(formula_cells(e)) == {f.path for f in e.fields() if f.computed and f.official}

    @pytest.mark.parametrize("edition", EDITION_IDS)
    def test_edition_and_table_fields_agree(self, edition: str) -> None:
        e = EDITIONS[edition]
        assert e.field_list == tuple(f for t in e.tables for f in e.table_fields(t.key))
        assert {f.path for f in e.fields() if f.computed} == set(e.computing)


_IN_RANGE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-MAX_EXACT_INT, MAX_EXACT_INT),
    # amounts of at most 15 significant digits, whole ones among them
    st.floats(min_value=-1e9, max_value=1e9).map(lambda x: round(x, 2)),
    st.floats(min_value=-1e6, max_value=1e6).map(lambda x: float(round(x))),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    ),
    st.sampled_from(["元", "万元", "千元", "", "5"]),
    st.lists(st.integers(), max_size=2),
)


def _converts(kind: Kind, value: Any, choices: tuple[str, ...]) -> bool:
    try:
        convert(kind, value, "x.y.z", choices)
    except (ReportTypeError, ReportValueError):
        return False
    return True


def _json(value: Any) -> Any:
    """A value as JSON carries it (a Decimal as a number)."""
    return float(value) if isinstance(value, Decimal) else value


class TestKindAccepts:
    @given(kind=st.sampled_from(list(Kind)), value=_IN_RANGE)
    def test_schema_and_conversion_agree(self, kind: Kind, value: Any) -> None:
        """Within the range a spreadsheet keeps exactly, the JSON Schema and the model's
        conversion give one verdict on every value of every kind."""
        # an amount has at most 15 significant digits, which the schema does not say
        assume(not (kind is Kind.MONEY and type(value) is int and abs(value) >= 10**15))
        choices = ("元", "万元") if kind is Kind.UNIT else ()
        schema = _value_schema(kind, choices)
        in_schema = jsonschema.Draft202012Validator(schema).is_valid(_json(value))
        assert in_schema == _converts(kind, value, choices)

    @pytest.mark.parametrize("kind", list(Kind))
    def test_template_validation_follows_the_table(self, kind: Kind) -> None:
        accepts = ACCEPTS[kind]
        rule = _RULES[kind]
        if not accepts.number:
            assert rule["validate"] == "list"
            return
        assert rule["validate"] == ("integer" if accepts.whole else "decimal")
        lowest = rule.get("minimum", rule.get("value"))
        assert (lowest < 0) == accepts.negative

    def test_checks_want_what_the_kind_does(self) -> None:
        """The non-negativity rules cover exactly the number kinds that may not be negative."""
        checked = {k for r in RULES.values() if r.kind is RuleKind.NONNEG for k in r.kinds}
        assert checked == {k for k, a in ACCEPTS.items() if a.number and not a.negative}
        assert all(k.accepts is ACCEPTS[k] for k in Kind)


class TestCover:
    @pytest.mark.parametrize("edition", EDITION_IDS)
    def test_cover_fields_are_data(self, edition: str) -> None:
        """The report's agency and year are the required cover fields; every other one is a
        ``meta`` entry; each is set and read back through the layout alone."""
        e = EDITIONS[edition]
        assert {cf.key for cf in e.cover if cf.required} == {"agency", "year"}
        assert all(cf.required == (cf.meta_key is None) for cf in e.cover)
        report = AnnualReport(edition=edition)
        for i, cf in enumerate(e.cover):
            value = 2000 + i if cf.kind == "year" else f"值{i}"
            set_cover(report, cf, value)
            assert cover_value(report, cf) == value
            if cf.meta_key is not None:
                assert report.meta[cf.meta_key] == value
        assert report.agency is not None and report.year is not None
        blank = AnnualReport(edition=edition)
        for cf in e.cover:
            set_cover(blank, cf, None)
        assert blank.meta == {} and blank.agency is None and blank.year is None


_SHEETS = st.text(st.sampled_from("三、依申请 O'Brien_x1"), min_size=1, max_size=8)


class TestPlaces:
    @given(sheet=_SHEETS, row=st.integers(0, 999), col=st.integers(0, 50))
    def test_one_cell_reference(self, sheet: str, row: int, col: int) -> None:
        """A note, an error, a cell source and a finding's cell write a place alike."""
        ref = cell_ref(row, col)
        text = sheet_cell(sheet, ref)
        assert text == f"'{sheet}'!{ref}"
        assert Note("year-text", sheet, ref, {"text": "x", "year": "2024"}).where() == text
        assert CellSource(sheet, ref).ref() == text
        info = CellInfo("a.b.c", "x", sheet, ref, 1)
        assert info.ref == text and compact_refs([info]) == text
        assert (
            ZfxxgkError.of("cell-logical", sheet=sheet, cell=ref, field="x", value="TRUE").where()
            == text
        )

    def test_formula_sheet(self) -> None:
        assert formula_sheet("zfxxgk") == "zfxxgk"
        assert formula_sheet("zfxxgk", always=True) == "'zfxxgk'"
        assert formula_sheet("三、依申请") == "'三、依申请'"
        assert formula_sheet("O'Brien") == "'O''Brien'"
        assert formula_sheet("a b") == "'a b'"


class TestNumberText:
    @given(
        value=st.one_of(
            st.integers(-(10**15), 10**15),
            st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**9),
            st.sampled_from([Decimal("1.50"), Decimal("1E+3"), Decimal("0.0001"), Decimal(0)]),
        )
    )
    def test_one_display(self, value: int | Decimal) -> None:
        """Every output shows a number alike: positional, with the digits it states."""
        text = number_text(value)
        assert "E" not in text and Decimal(text) == value
        assert text == (format(value, "f") if isinstance(value, Decimal) else str(value))
        assert (
            str(shown(value, "en")) == str(shown(value, "zh")) == text
            and display_fmt(value) == text
        )

    def test_compare_shows_the_stated_digits(self) -> None:
        """Comparing two years shows an amount as a report, a table or a check does:
        1.50, not 1.5."""
        last, this = Decimal("1.00"), Decimal("2.50")
        c = Change("proactive.fees.amount", "proactive", "x", last, this, SAME, unit="万元")
        text = movement_text(c, "收费金额")
        assert "2.50 万元" in text and "1.50 万元" in text
        assert number_text(Decimal("2.50")) == "2.50"


class TestRuleEditions:
    def test_a_relation_applies_where_its_equations_are(self) -> None:
        """A relation's editions are those whose equations carry its id; every equation's
        rule is a relation of the catalogue that applies to its edition."""
        for r in RULES.values():
            assert r.editions and set(r.editions) <= set(EDITIONS)
            if r.kind is RuleKind.RELATION:
                carriers = {e.id for e in EDITIONS.values() for q in e.equations if q.rule == r.id}
                assert set(r.editions) == carriers
        for e in EDITIONS.values():
            for q in e.equations:
                assert RULES[q.rule].kind is RuleKind.RELATION and e.id in RULES[q.rule].editions

    @pytest.mark.parametrize(
        ("edition", "rule", "column"),
        [
            ("2019", "R2-19-ITEMS-END-NONNEG", "items_last_year"),
            ("2019", "R2-19-XYEAR-ITEMS", "items_last_year"),
            ("2019", "R2-19-PUBLISHED-TOTAL", "total_published"),
            ("2021", "R2-21-XYEAR-VALID", "in_force"),
            ("2021", "R2-21-REPEAL-BOUND", "repealed"),
        ],
    )
    def test_section_two_relations_run_over_the_declared_rows(
        self, edition: str, rule: str, column: str
    ) -> None:
        e = EDITIONS[edition]
        rows = [q.total[1] for q in e.equations if q.rule == rule]
        declared = [p[1] for p in e.field_map if p[0] == "proactive" and p[2] == column]
        assert rows == declared


def _continues(run: list[tuple[int, int, int, int]], box: tuple[int, int, int, int]) -> bool:
    """Whether ``box`` continues ``run`` without turning."""
    last = run[-1]
    across = box[0] == last[0] and box[1] == last[3] + 1
    down = box[1] == last[1] and box[0] == last[2] + 1
    if len(run) == 1:
        return across or down
    return across if run[0][0] == last[0] else down


_BOXES = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 1), st.integers(0, 1)).map(
        lambda t: (t[0], t[1], t[0] + t[2], t[1] + t[3])
    ),
    max_size=12,
)


class TestRuns:
    @given(boxes=_BOXES, groups=st.lists(st.integers(0, 1), min_size=12, max_size=12))
    def test_one_compactor(self, boxes: list[Box], groups: list[int]) -> None:
        """Runs keep the order, never turn, never join groups, and stop only where the
        next box cannot continue them."""
        runs = joined_runs(boxes, groups[: len(boxes)])
        assert [i for a, b in runs for i in range(a, b + 1)] == list(range(len(boxes)))
        for k, (a, b) in enumerate(runs):
            run = [boxes[a]]
            for i in range(a + 1, b + 1):
                assert groups[i] == groups[a] and _continues(run, boxes[i])
                run.append(boxes[i])
            if k + 1 < len(runs):
                nxt = runs[k + 1][0]
                assert groups[nxt] != groups[a] or not _continues(run, boxes[nxt])

    def test_formulas_and_messages_alike(self) -> None:
        """A column of cells is one range in a formula and in a message."""
        spans = [Span(r, 3, r, 3) for r in range(8, 27)] + [Span(30, 3, 30, 3)]
        assert runs(spans) == ["D9:D27", "D31"]
        cells = [CellInfo("a.b.c", "x", "三、依申请", s.ref(), 1) for s in spans]
        assert compact_refs(cells) == "'三、依申请'!D9:D27、'三、依申请'!D31"
        cells[3] = attrs.evolve(cells[3], previous=True)
        assert compact_refs(cells) == (
            "'三、依申请'!D9:D11、上年 '三、依申请'!D12、'三、依申请'!D13:D27、'三、依申请'!D31"
        )


@given(kind=st.sampled_from(list(Kind)), value=_IN_RANGE)
def test_a_converted_value_has_the_kinds_type(kind: Kind, value: Any) -> None:
    """What the model keeps of an accepted value is of the type the typed model declares."""
    choices = ("元", "万元")
    try:
        kept = convert(kind, value, "x.y.z", choices)
    except (ReportTypeError, ReportValueError):
        return
    assert kept is None or type(kept).__name__ == kind.accepts.type_name
