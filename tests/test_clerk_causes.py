"""A number typed as text is named as a failure's cause only where it explains it
(issue 19, item 4)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from zfxxgk import check, read, template_path

APPS = "三、依申请"


def typed(tmp: Path, d7: object, d28: object) -> Path:
    """D7 (予以公开, 自然人) and D8 (部分公开) typed, D28 (（七）总计) typed over its formula."""
    path = tmp / "hand.xlsx"
    shutil.copy(template_path("2021"), path)
    wb = openpyxl.load_workbook(path)
    ws = wb[APPS]
    ws["D5"] = 36
    ws["D6"] = 0
    ws["D7"] = d7
    ws["D8"] = 18
    ws["D28"] = d28
    ws["D29"] = 0
    wb["封面"]["B3"] = "某局"
    wb.save(path)
    return path


def result_total(tmp: Path, d7: object, d28: object) -> tuple[dict[str, object], str]:
    result = check(read(typed(tmp, d7, d28)))
    (found,) = [
        f
        for f in result.findings
        if f.rule == "R3-RESULT-TOTAL" and f.cells[0].cell == "D28" and f.status == "failed"
    ]
    return found.note.params, found.note.code


def test_text_that_does_not_explain_the_difference_is_not_its_cause(tmp_path: Path) -> None:
    """D7 '18' as text, D28 35 where the parts make 36: neither 36 nor the sheet's 18 is
    35, so D7 is not the cause."""
    params, code = result_total(tmp_path, "18", 35)
    assert code == "check-differs"
    assert params["stated"] == 35 and params["computed"] == 36
    assert "text_cells" not in params


def test_text_skipped_by_the_sheet_is_named(tmp_path: Path) -> None:
    """D28 shows 18, the sum without D7's text: D7 is named, with the sheet's total."""
    params, _ = result_total(tmp_path, "18", 18)
    assert params["text_cells"] == [f"'{APPS}'!D7"]
    assert params["sheet_total"] == 18
