"""Markdown from OCR or a language model: each row's label as a heading, and under it a
small table whose one row restates the label with the numbers (issue 12, point 9)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zfxxgk import AnnualReport, parse
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Kind
from zfxxgk.published.export import to_markdown

SAMPLES = Path(__file__).parent / "data" / "samples"
NUMBER = re.compile(r"[\d.,]+(元|万元)?")


def visible(report: AnnualReport) -> dict[str, object]:
    out = report.copy()
    cells = all_fields(report.layout)
    for f, _ in report.items():
        if f.path not in cells and f.kind is not Kind.UNIT:
            out.set(f.path, None)
    data = out.to_dict()
    data.pop("meta", None)
    return data


def headings_over_rows(markdown: str, level: str = "###") -> str:
    """Every table row with a label and numbers, as a heading with the label and a
    one-row table that restates it with the numbers."""
    out: list[str] = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        numbers = [c for c in cells if NUMBER.fullmatch(c)]
        labels = [c for c in cells if c and not NUMBER.fullmatch(c)]
        if line.startswith("|") and numbers and labels:
            label = labels[-1]
            values = cells[cells.index(label) + 1 :]
            row = "| " + " | ".join([label, *values]) + " |"
            out += ["", f"{level} {label}", "", row, "|" + "---|" * (len(values) + 1), ""]
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("name", ["2019-pingtan", "2024-hongze-district"])
def test_heading_does_not_claim_the_row(name: str, tmp_path: Path) -> None:
    """The heading with no numbers does not claim its row: the restated row's numbers are
    read, every cell as in the plain rendition, with no short-row warning."""
    report = AnnualReport.from_json((SAMPLES / f"{name}.json").read_bytes())
    path = tmp_path / f"{name}.md"
    path.write_text(headings_over_rows(to_markdown(report)), encoding="utf-8")
    result = parse(path)
    data = result.report.to_dict()
    data.pop("meta", None)
    assert data == visible(report)
    assert not [w for w in result.warnings if w.code == "short-row" and w.params["count"] != 0]


def test_restated_rows_with_blank_cells_are_never_misplaced(tmp_path: Path) -> None:
    """沭阳 leaves the 法人 columns blank: a one-row table of 26 | | | | | | 26 under its
    heading does not show which column each number is in (its table has no header), so
    the row stays blank with a warning; every value read is the report's."""
    report = AnnualReport.from_json((SAMPLES / "2023-shuyang-drc.json").read_bytes())
    path = tmp_path / "shuyang.md"
    path.write_text(headings_over_rows(to_markdown(report)), encoding="utf-8")
    result = parse(path)
    truth = dict(report.items())
    for field, value in result.report.items():
        if value is not None and field.kind is not Kind.UNIT:
            assert truth[field] == value, field.path
    assert result.report.proactive.normative_documents.in_force == 18
    assert any(w.code == "short-row" and "(七)总计" in w.params["label"] for w in result.warnings)


def test_a_heading_that_is_not_restated_stays(tmp_path: Path) -> None:
    """A heading followed by rows of other labels is text as before (it names a table)."""
    from zfxxgk.published.textsource import markdown_rows

    rows = markdown_rows(
        "### 二、主动公开政府信息情况\n\n| 规章 | 0 | 0 | 0 |\n|---|---|---|---|\n"
    )
    assert rows[0].cells == ("二、主动公开政府信息情况",)
    rows = markdown_rows("### （一）予以公开\n\n| （一）予以公开 | 50 | 0 |\n|---|---|---|\n")
    assert [r.cells[0] for r in rows] == ["（一）予以公开"] and rows[0].positional
