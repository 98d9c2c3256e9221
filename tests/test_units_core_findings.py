"""zfxxgk.core.findings: cells named as a person reads them, a result's counts and rows."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.evaluate import Status
from zfxxgk.core.findings import ROW_COLUMNS, CellInfo, CheckResult, Finding, compact_refs
from zfxxgk.notes import Note
from zfxxgk.xlsx.refs import cell_ref, parse_ref

SHEET = "三、依申请"


def _cell(ref: str, previous: bool = False, sheet: str | None = SHEET) -> CellInfo:
    return CellInfo("t.p.k", "label", sheet, ref, 1, previous)


def _expand(text: str) -> list[tuple[str, int, int]]:
    """The cells that compact text names, one by one (ranges opened)."""
    out = []
    for part in text.split("、"):
        prefix, _, ref = part.rpartition("!")
        first, _, last = ref.partition(":")
        start, end = parse_ref(first), parse_ref(last or first)
        assert start is not None and end is not None, part
        (r0, c0), (r1, c1) = start, end
        out += [(prefix, r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
    return out


@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 12), st.booleans()),
        min_size=1,
        max_size=30,
        unique_by=lambda t: t[:2],
    )
)
def test_compact_refs_names_every_cell_once_in_order(cells: list[tuple[int, int, bool]]) -> None:
    sheet = "表三"  # (a sheet named 三、依申请 holds the separator 、 itself)
    infos = [_cell(cell_ref(r, c), p, sheet) for r, c, p in cells]
    text = compact_refs(infos)
    named = _expand(text)
    expected = [(f"{'上年 ' if p else ''}'{sheet}'", r, c) for r, c, p in cells]
    assert sorted(named) == sorted(expected)
    assert len(text.split("、")) <= len(cells)


def test_a_column_run_is_one_range() -> None:
    assert compact_refs([_cell(f"J{r}") for r in range(9, 28)]) == f"'{SHEET}'!J9:J27"
    assert compact_refs([_cell(f"{c}5") for c in "DEF"]) == f"'{SHEET}'!D5:F5"
    assert compact_refs([_cell("D5"), _cell("D7")]) == f"'{SHEET}'!D5、'{SHEET}'!D7"
    last_year = compact_refs([_cell("D5", True), _cell("D6", True), _cell("D7")])
    assert last_year == f"上年 '{SHEET}'!D5:D6、'{SHEET}'!D7"


def test_a_cell_without_a_sheet_is_its_field() -> None:
    info = _cell("A1", sheet=None)
    assert info.ref is None and info.where == "t.p.k"
    assert compact_refs([info, _cell("B2")]) == f"t.p.k、'{SHEET}'!B2"


def test_last_years_cell_is_marked() -> None:
    assert _cell("C3", previous=True).ref == f"上年 '{SHEET}'!C3"
    assert _cell("C3").to_dict()["previous_year"] is False


def _finding(rule: str, severity: str, status: Status) -> Finding:
    note = Note("check-unreported", params={"rule": rule, "statement": "s"})
    return Finding(
        rule=rule, severity=severity, status=status, statement="s", note=note, cells=(_cell("D5"),)
    )


def test_a_result_counts_only_what_is_not_passed() -> None:
    findings = (
        _finding("A", "error", Status.PASSED),
        _finding("B", "warning", Status.FAILED),
        _finding("C", "error", Status.NOT_ASSESSABLE),
        _finding("D", "info", Status.FAILED),
    )
    result = CheckResult("2021", "某局", 2024, "x.json", findings)
    assert [f.rule for f in result.issues] == ["B", "C", "D"]
    assert result.counts == {"error": 1, "warning": 1, "info": 1}
    assert result.ok is False and result.unreported is False
    assert CheckResult("2021", None, None, None, findings[:2]).ok is True


def test_a_result_as_json_and_rows() -> None:
    result = CheckResult("2021", "某局", 2024, "x.json", (_finding("B", "warning", Status.FAILED),))
    data = json.loads(result.to_json())
    assert data["findings"][0]["status"] == "failed" and data["findings"][0]["code"]
    (row,) = result.rows()
    assert set(row) <= set(ROW_COLUMNS) and row["cells"] == f"'{SHEET}'!D5"
    assert row["agency"] == "某局" and row["rule"] == "B"
    assert "某局" in result.text()
