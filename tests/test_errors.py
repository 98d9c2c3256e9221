"""Errors are notes: each carries a catalogue code, a place and parameters; its text is
made from the catalogue, and code decides by the code, never by the wording."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given

import zfxxgk
from zfxxgk.core.cellvalue import interpret
from zfxxgk.core.editions import EDITIONS
from zfxxgk.errors import (
    CellValueError,
    ReportKeyError,
    ReportTypeError,
    ReportValueError,
    UnknownEditionError,
    UnknownFieldError,
    ZfxxgkError,
)
from zfxxgk.notes import NOTE_KINDS, Note

FIELDS = {f.kind.value: f for f in EDITIONS["2021"].fields() if f.official}
FIELDS["unit"] = next(f for f in EDITIONS["2019"].fields() if f.kind.value == "unit")


def test_an_error_is_rendered_from_its_note() -> None:
    err = CellValueError(
        "a.b.c", "x", code="cell-not-number", sheet="表三", cell="D7", file="f.xlsx"
    )
    assert err.code == "cell-not-number"
    assert err.note == Note(
        "cell-not-number", "表三", "D7", {"value": "x", "field": "a.b.c"}, "f.xlsx"
    )
    assert str(err).startswith("f.xlsx '表三'!D7: ")
    assert err.zh == NOTE_KINDS["cell-not-number"].zh.format(field="a.b.c", value="x")
    data = err.to_dict()
    assert data["code"] == "cell-not-number" and data["type"] == "cell-value"
    json.dumps(data, ensure_ascii=False)


def test_errors_not_yet_in_the_catalogue_keep_their_sentences() -> None:
    err = ZfxxgkError("中文", "English", file="f")
    assert err.code == "error-text"
    assert str(err) == "f: 中文 | English"
    with pytest.raises(TypeError):
        ZfxxgkError()


def test_located_moves_the_note_too() -> None:
    err = ReportValueError("x", 1, code="count-not-whole").located(file="a.json")
    assert err.note.file == "a.json" and "a.json" in str(err)


@pytest.mark.parametrize(
    ("value", "kind", "code"),
    [
        (True, "count", "count-bool"),
        (1.5, "count", "count-not-whole"),
        ("12", "count", "count-not-int"),
        (2**60, "count", "count-too-large"),
        (10**500, "count", "count-huge"),
        (False, "money", "money-bool"),
        (float("nan"), "money", "money-invalid"),
        ([1], "money", "money-not-number"),
        (Decimal("1E+20"), "money", "money-out-of-range"),
        (Decimal("123456789.12345678"), "money", "money-too-precise"),
        ("美元", "unit", "unit-not-allowed"),
    ],
)
def test_values_a_report_cannot_hold(value: Any, kind: str, code: str) -> None:
    field = FIELDS[kind]
    report = zfxxgk.AnnualReport(edition="2019" if kind == "unit" else "2021")
    with pytest.raises(ReportValueError) as info:
        report.set(field.path, value)
    assert info.value.code == code
    assert info.value.note.params["field"] == ".".join(field.path)


@pytest.mark.parametrize(
    ("raw", "kind", "code"),
    [
        (True, "count", "cell-logical"),
        ("abc", "count", "cell-not-number"),
        ("1.5", "count", "count-not-whole"),
        ("英镑", "unit", "unit-not-allowed"),
    ],
)
def test_cells_that_hold_no_value_of_their_field(raw: Any, kind: str, code: str) -> None:
    with pytest.raises(CellValueError) as info:
        interpret(raw, FIELDS[kind])
    assert info.value.code == code


@pytest.mark.parametrize(
    ("data", "error", "code"),
    [
        ([], ReportTypeError, "not-a-dict"),
        ({"edition": "2021", "x": 1}, ReportKeyError, "unknown-key"),
        ({"year": 2024}, ReportKeyError, "missing-key"),
        ({"edition": "2021", "applications": {"nope": {}}}, ReportKeyError, "unknown-edition-key"),
        ({"edition": "2021", "year": "2024"}, ReportTypeError, "year-not-int"),
        ({"edition": "2021", "agency": "a\x07"}, ReportValueError, "agency-control-characters"),
        ({"edition": "2021", "meta": [1]}, ReportTypeError, "not-a-dict"),
        ({"edition": "1999"}, UnknownEditionError, "unknown-edition"),
    ],
)
def test_report_data_refused_with_a_code(data: Any, error: type, code: str) -> None:
    with pytest.raises(error) as info:
        zfxxgk.AnnualReport.from_dict(data)
    assert info.value.code == code


def test_a_misspelt_field_names_the_nearest() -> None:
    report = zfxxgk.AnnualReport(edition="2021")
    with pytest.raises(UnknownFieldError) as info:
        report.applications.new_received.natual_person = 1  # type: ignore[attr-defined]
    assert info.value.code == "unknown-field"
    assert info.value.note.params["close"] == "'natural_person'"


@given(st.one_of(st.booleans(), st.floats(), st.text(max_size=20), st.lists(st.integers())))
def test_every_refused_value_has_a_catalogue_code(value: Any) -> None:
    """Whatever is assigned, a refusal is a catalogue error, never prose or a bare error."""
    report = zfxxgk.AnnualReport(edition="2021")
    for field in FIELDS.values():
        if field.path[0] == "proactive" and field.kind.value == "unit":
            continue
        try:
            report.set(field.path, value)
        except ReportValueError as exc:
            assert exc.code in NOTE_KINDS and exc.code != "error-text"
            assert NOTE_KINDS[exc.code].severity == "error"
            assert "\n" not in str(exc) or "\n" in str(value)
