"""The in-place sheet editor of the fast fill, on sheet XML directly."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.xlsx.patch import FastFillUnsupported, _full_calc, cell_xml, edit_sheet
from zfxxgk.xlsx.refs import cell_ref, column_index

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheet(rows: str, dimension: str = "A1:C3") -> str:
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    )


def cells_of(xml: str) -> dict[str, ET.Element]:
    """Every cell by reference, checking rows and cells are in order (as Excel needs)."""
    root = ET.fromstring(xml)
    rows = [int(r.get("r", "0")) for r in root.iter(f"{NS}row")]
    assert rows == sorted(rows) and len(set(rows)) == len(rows)
    out: dict[str, ET.Element] = {}
    for row in root.iter(f"{NS}row"):
        refs = [c.get("r", "") for c in row.iter(f"{NS}c")]
        assert all(ref.endswith(row.get("r", "")) for ref in refs)
        cols = [column_index(ref.rstrip("0123456789")) for ref in refs]
        assert cols == sorted(cols)
        out.update({c.get("r", ""): c for c in row.iter(f"{NS}c")})
    return out


def value_of(cell: ET.Element) -> str | None:
    v = cell.find(f"{NS}v")
    if v is not None:
        return v.text
    t = cell.find(f"{NS}is/{NS}t")
    return None if t is None else t.text


class TestCells:
    def test_values_keep_the_style(self) -> None:
        xml = sheet('<row r="2"><c r="B2" s="7"/><c r="C2" s="8"><v>5</v></c></row>')
        out = cells_of(edit_sheet(xml, {"B2": 12, "C2": Decimal("7545.50")}))
        assert out["B2"].get("s") == "7" and value_of(out["B2"]) == "12"
        assert out["C2"].get("s") == "8" and value_of(out["C2"]) == "7545.5"

    def test_text_is_escaped_inline(self) -> None:
        out = cells_of(edit_sheet(sheet('<row r="1"><c r="A1"/></row>'), {"A1": "a<b & c>"}))
        assert out["A1"].get("t") == "inlineStr" and value_of(out["A1"]) == "a<b & c>"

    def test_none_empties_a_cell_and_bool_is_refused(self) -> None:
        assert cell_xml("A1", "3", None) == '<c r="A1" s="3"/>'
        with pytest.raises(FastFillUnsupported):
            cell_xml("A1", None, True)

    def test_a_shared_formula_master_is_not_overwritten(self) -> None:
        xml = sheet('<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1</f></c></row>')
        with pytest.raises(FastFillUnsupported, match="shared"):
            edit_sheet(xml, {"A1": 1})


class TestFormulaResults:
    XML = sheet(
        '<row r="1"><c r="A1" t="str"><f>IF(B1=1,"✓","✗")</f><v>✗</v></c>'
        '<c r="B1"><f>SUM(C1:C2)</f><v>9</v></c><c r="C1"><f>1+1</f></c></row>'
    )

    def test_stale_results_are_removed(self) -> None:
        out = cells_of(edit_sheet(self.XML, {}))
        assert all(value_of(c) is None for c in out.values())
        assert out["A1"].get("t") is None  # a string result's type goes with it
        assert out["A1"].find(f"{NS}f") is not None

    def test_given_results_are_stored(self) -> None:
        out = cells_of(edit_sheet(self.XML, {}, {"A1": "✓", "B1": 3, "C1": Decimal("2")}))
        assert value_of(out["A1"]) == "✓" and out["A1"].get("t") == "str"
        assert value_of(out["B1"]) == "3" and value_of(out["C1"]) == "2"
        assert out["B1"].find(f"{NS}f").text == "SUM(C1:C2)"  # type: ignore[union-attr]


class TestMissingCells:
    def test_cells_and_rows_are_made_in_order(self) -> None:
        xml = sheet('<row r="2" spans="1:3"><c r="C2" s="1"/></row><row r="5"><c r="A5"/></row>')
        edited = edit_sheet(xml, {"A2": 1, "B1": 2, "D3": 3, "E9": "x"})
        out = cells_of(edited)
        assert {k: value_of(v) for k, v in out.items() if value_of(v)} == {
            "A2": "1",
            "B1": "2",
            "D3": "3",
            "E9": "x",
        }
        assert out["C2"].get("s") == "1" and "spans=" not in edited
        assert '<dimension ref="A1:E9"/>' in edited

    def test_an_empty_sheet(self) -> None:
        xml = sheet("").replace("<sheetData></sheetData>", "<sheetData/>")
        out = cells_of(edit_sheet(xml, {"B2": 4}))
        assert value_of(out["B2"]) == "4"

    def test_a_sheet_without_data_is_refused(self) -> None:
        with pytest.raises(FastFillUnsupported):
            edit_sheet("<worksheet/>", {"A1": 1})

    @given(
        st.dictionaries(
            st.tuples(st.integers(0, 30), st.integers(0, 12)), st.integers(0, 10**6), max_size=40
        ),
        st.sets(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=20),
    )
    def test_any_cells_land_where_they_belong(
        self, values: dict[tuple[int, int], int], existing: set[tuple[int, int]]
    ) -> None:
        """Whatever cells exist and whatever are written, the result is well-formed,
        ordered, holds every value written and keeps every other cell."""
        rows: dict[int, list[int]] = {}
        for r, c in sorted(existing):
            rows.setdefault(r, []).append(c)
        xml = sheet(
            "".join(
                f'<row r="{r + 1}">'
                + "".join(f'<c r="{cell_ref(r, c)}" s="2"/>' for c in cs)
                + "</row>"
                for r, cs in sorted(rows.items())
            )
        )
        out = cells_of(edit_sheet(xml, {cell_ref(r, c): v for (r, c), v in values.items()}))
        assert {ref: int(value_of(out[ref]) or -1) for ref in out if value_of(out[ref])} == {
            cell_ref(r, c): v for (r, c), v in values.items()
        }
        assert {cell_ref(r, c) for r, c in existing} <= set(out)


class TestFullCalc:
    def test_replaces_or_adds_calc_pr(self) -> None:
        calc = '<calcPr calcId="0" fullCalcOnLoad="1"/>'
        assert (
            _full_calc('<workbook><calcPr calcId="1"/></workbook>')
            == f"<workbook>{calc}</workbook>"
        )
        assert _full_calc("<workbook><sheets/><extLst/></workbook>") == (
            f"<workbook><sheets/>{calc}<extLst/></workbook>"
        )
        assert _full_calc("<x:workbook></x:workbook>") == f"<x:workbook>{calc}</x:workbook>"
        with pytest.raises(FastFillUnsupported):
            _full_calc("<workbook>")
