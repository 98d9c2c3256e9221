"""Findings cite only places that exist in the file (issue 19, item 10)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from zfxxgk import AnnualReport, check, fill, read


def test_renamed_damaged_sheet_is_never_cited_by_template_name(tmp_path: Path) -> None:
    """三、依申请 renamed 表三, the labels of （五）…（七） lost: no finding cites
    '三、依申请'!…, and every cited sheet and cell exists in the workbook."""
    r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros()
    r.applications.disclosed.natural_person = 3
    r.applications.new_received.natural_person = 2
    r = r.with_totals()
    out = fill(r, tmp_path / "r.xlsx", engine="openpyxl")
    wb = openpyxl.load_workbook(out)
    ws = wb["三、依申请"]
    ws.title = "表三"
    for row in ws.iter_rows(min_row=20, max_row=28, max_col=3):
        for c in row:
            if isinstance(c.value, str) and c.value.startswith(("（五）", "（六）", "（七）")):
                c.value = None
    wb.save(out)
    report = read(out)
    sheets = set(openpyxl.load_workbook(out).sheetnames)
    cited = [c for f in check(report, include_passed=True).findings for c in f.cells]
    assert cited
    assert all(c.sheet in sheets for c in cited if c.sheet is not None)
    assert not any(c.sheet == "三、依申请" for c in cited)
    prov = report.provenance
    assert prov is not None
    for c in cited:
        if c.cell is not None and not c.previous:
            src = prov.cells.get(tuple(c.field.split(".")))  # type: ignore[arg-type]
            assert src is not None and (src.sheet, src.cell) == (c.sheet, c.cell)
