"""The parameters of the core's notes are data (values, cells, labels, keys), never prose:
no sentence fragment in Chinese for the English message to repeat."""

from __future__ import annotations

import re
from typing import Any

import zfxxgk
from conftest import sample_path
from zfxxgk import AnnualReport, empty_report
from zfxxgk.core.check_completeness import input_fields
from zfxxgk.core.discover import discover
from zfxxgk.core.findings import Finding
from zfxxgk.workbook.read import load_sheets
from zfxxgk.workbook.template import template_path

#: Words of a sentence, not of a value: "版式", "等 … 项", "列", "行" around a label.
PROSE = re.compile(r"版式|本工具|等 \d+ 项|”列|”行")


def _issues(report: AnnualReport, rule: str) -> list[Finding]:
    return [f for f in zfxxgk.check(report, include_passed=True).findings if f.rule == rule]


def _no_prose(params: dict[str, Any]) -> None:
    for key, value in params.items():
        if key not in {"statement", "title", "label"}:  # the rule's and the table's own text
            assert not (isinstance(value, str) and PROSE.search(value)), (key, value)


def test_the_cover_is_named_by_its_field() -> None:
    report = empty_report("2021")
    report.applications.new_received.natural_person = 1
    found = {f.note.params["field"]: f for f in _issues(report, "RX-COVER")}
    assert set(found) == {"agency", "year"}
    assert all(f.note.code == "check-cover-missing" for f in found.values())
    assert "what_en" not in found["agency"].note.params
    assert found["agency"].note.params["label"] == "报告单位"
    assert "agency" in found["agency"].message_en


def test_a_year_of_no_edition_is_its_own_code() -> None:
    report = empty_report("2019", "某局", 2015)
    (f,) = [f for f in zfxxgk.check(report).issues if f.rule == "RX-EDITION-YEAR"]
    assert f.note.code == "check-edition-year-unknown"
    assert f.note.params["expected"] is None and f.note.params["first"] == 2019
    assert "None" not in f.message_en and "None" not in f.message_zh
    _no_prose(f.note.params)


def test_a_year_of_another_edition_names_it() -> None:
    report = empty_report("2019", "某局", 2022)
    (f,) = [f for f in zfxxgk.check(report).issues if f.rule == "RX-EDITION-YEAR"]
    assert f.note.code == "check-edition-mismatch" and f.note.params["expected"] == "2021"
    _no_prose(f.note.params)


def test_totals_only_names_the_totals_by_label() -> None:
    report = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    for f in input_fields(report.layout):
        if f.path[0] == "applications":
            report.set(f.path, None)
    (blank,) = [f for f in zfxxgk.check(report).issues if f.rule == "RX-TABLE-BLANK"]
    assert blank.note.code == "check-table-totals-only"
    assert "columns" not in blank.note.params
    assert blank.note.params["totals"][0] == "总计"
    _no_prose(blank.note.params)


def test_fields_without_cell_lists_keys_and_counts_them() -> None:
    sheets = {n: dict(s.cells) for n, s in load_sheets(template_path("2021")).items()}
    review = next(n for n, cells in sheets.items() if "行政复议" in map(str, cells.values()))
    del sheets[review]  # a table of some twenty fields gone
    found = discover(sheets, 2021, fast=False)
    (note,) = [n for n in found.notes if n.code == "fields-without-cell"]
    shown = note.to_dict()["params"]["fields"]
    assert note.params["count"] > 5 and len(shown) == 5
    assert all(re.fullmatch(r"[a-z_0-9]+(\.[a-z_0-9]+)+", key) for key in shown)
    _no_prose(note.params)
