"""The official templates: committed files equal fresh ones, and they look the part."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from conftest import run_cli
from zfxxgk import EDITIONS, template_path
from zfxxgk.core.grid import place_cover, place_table
from zfxxgk.workbook.template import build_template, formula_cells

ROOT = Path(__file__).resolve().parent.parent


def snapshot(path: Path) -> dict[str, Any]:
    """What a template holds: sheets, cell text, merges, validations, protection."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, Any] = {}
    for ws in wb.worksheets:
        out[ws.title] = {
            "state": ws.sheet_state,
            "cells": {
                c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None
            },
            "unlocked": sorted(
                c.coordinate
                for row in ws.iter_rows()
                for c in row
                if not c.protection.locked and c.has_style
            ),
            "merges": sorted(str(m) for m in ws.merged_cells.ranges),
            "validations": sorted(
                (
                    str(dv.sqref),
                    dv.type,
                    dv.operator,
                    dv.formula1,
                    dv.formula2,
                    dv.prompt,
                    dv.promptTitle,
                )
                for dv in ws.data_validations.dataValidation
            ),
            "protected": ws.protection.sheet,
            "password": ws.protection.password,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()},
            "paper": ws.page_setup.paperSize,
            "orientation": ws.page_setup.orientation,
        }
    return out


class TestCommittedTemplates:
    @pytest.mark.parametrize("edition", sorted(EDITIONS))
    def test_equal_to_fresh_build(self, edition: str, tmp_path: Path) -> None:
        """templates/ holds exactly what `zfxxgk template` builds today."""
        fresh = build_template(edition, tmp_path / "fresh.xlsx")
        assert snapshot(template_path(edition)) == snapshot(fresh)

    def test_top_level_templates_folder_is_the_package_one(self) -> None:
        """templates/ at the top of the repository shows the installed files."""
        for e in EDITIONS.values():
            top = ROOT / "templates" / template_path(e).name
            assert top.read_bytes() == template_path(e).read_bytes()

    def test_cli_builds_the_same(self, tmp_path: Path) -> None:
        """`zfxxgk template` writes the file the library builds."""
        out = tmp_path / "t.xlsx"
        r = run_cli("template", "--edition", "2019", "-o", str(out))
        assert r.returncode == 0, r.stderr.decode()
        assert snapshot(out) == snapshot(template_path("2019"))


class TestLook:
    @pytest.mark.parametrize("edition", sorted(EDITIONS))
    def test_labels_merges_and_inputs(self, edition: str) -> None:
        """Every label sits in its merged range; input cells are unlocked and validated."""
        e = EDITIONS[edition]
        snap = snapshot(template_path(edition))
        formulas = formula_cells(e)
        for table in e.tables:
            placement = place_table(table)
            sheet = snap[table.sheet]
            assert sheet["protected"] is True and sheet["password"] is None
            assert sheet["paper"] == 9
            for label in placement.labels:
                assert sheet["cells"][label.span.ref()] == label.text
                if label.span.merged:
                    assert label.span.range_ref() in sheet["merges"]
            validated = " ".join(v[0] for v in sheet["validations"])
            for path, span in placement.fields.items():
                if path in formulas:
                    # blank until a part is entered (a blank template prints no zeros)
                    assert str(sheet["cells"][span.ref()]).startswith("=IF(COUNT(")
                    assert "SUM(" in str(sheet["cells"][span.ref()])
                    assert span.ref() not in sheet["unlocked"]
                else:
                    assert span.ref() in sheet["unlocked"]
                    assert span.ref() in validated.replace(":", " ").split() or any(
                        span.ref() == r.split(":")[0] for r in validated.split()
                    )
        assert snap[e.data_sheet]["state"] == "veryHidden"
        cover = place_cover(e)
        assert all(span.ref() in snap[e.cover_sheet]["unlocked"] for span in cover.fields.values())

    def test_total_formulas(self) -> None:
        """Totals compute from their parts: 总计 across, （七）总计 down, 四's 总计."""
        ws = openpyxl.load_workbook(template_path("2021"))["三、依申请"]
        assert ws["J5"].value == '=IF(COUNT(D5:I5)=0,"",SUM(D5:I5))'
        # （三）…（六） stand in by their subtotal (hidden data, column B) when all blank
        assert ws["D28"].value == (
            '=IF(COUNT(D7:D27,zfxxgk!B2,zfxxgk!B3,zfxxgk!B4,zfxxgk!B5)=0,"",'
            "SUM(D7:D8)+IF(COUNT(D9:D16)=0,N(zfxxgk!B2),SUM(D9:D16))"
            "+IF(COUNT(D17:D19)=0,N(zfxxgk!B3),SUM(D17:D19))"
            "+IF(COUNT(D20:D24)=0,N(zfxxgk!B4),SUM(D20:D24))"
            "+IF(COUNT(D25:D27)=0,N(zfxxgk!B5),SUM(D25:D27)))"
        )
        assert ws["J28"].value == '=IF(COUNT(D28:I28)=0,"",SUM(D28:I28))'
        assert ws["D29"].value is None  # 四、结转下年度 is typed, not computed
        t4 = openpyxl.load_workbook(template_path("2019"))["四、复议诉讼"]
        assert t4["E5"].value == '=IF(COUNT(A5:D5)=0,"",SUM(A5:D5))'
        assert t4["O5"].value == '=IF(COUNT(K5:N5)=0,"",SUM(K5:N5))'

    def test_validation_kinds(self) -> None:
        """Counts are whole ≥ 0, 本年增/减 may be negative, money is decimal, the unit a list."""
        ws = openpyxl.load_workbook(template_path("2019"))["二、主动公开"]
        # OOXML leaves out the default operator, "between"
        kinds = {
            (dv.type, dv.operator or "between", dv.formula1)
            for dv in ws.data_validations.dataValidation
        }
        assert ("whole", "between", "0") in kinds
        assert ("whole", "between", str(-(2**53 - 1))) in kinds
        assert ("decimal", "greaterThanOrEqual", "0") in kinds
        assert ("list", "between", '"元,万元"') in kinds
        prompts = [dv.prompt for dv in ws.data_validations.dataValidation]
        assert all(p and "请" in p for p in prompts)

    def test_cjk_font_and_a4(self) -> None:
        """The text is set in 宋体 and pages are A4."""
        wb = openpyxl.load_workbook(template_path("2021"))
        ws = wb["三、依申请"]
        assert ws["A5"].font.name == "宋体"
        assert ws.page_setup.orientation == "landscape"

    @pytest.mark.parametrize("edition", sorted(EDITIONS))
    def test_second_reader_opens_it(self, edition: str) -> None:
        """python-calamine reads every visible sheet with the labels in place."""
        wb = CalamineWorkbook.from_path(str(template_path(edition)))
        names = wb.sheet_names
        assert names[:4] == ["封面", "二、主动公开", "三、依申请", "四、复议诉讼"]
        rows = wb.get_sheet_by_name("三、依申请").to_python()
        assert rows[4][0] == "一、本年新收政府信息公开申请数量"


class TestInstalled:
    def test_wheel_ships_templates_and_finds_them(self, tmp_path: Path) -> None:
        """A plain (non-editable) install holds the templates and template_path finds them."""
        wheels = tmp_path / "wheels"
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
            check=True,
            capture_output=True,
            timeout=600,
        )
        wheel = next(wheels.glob("zfxxgk-*.whl"))
        names = zipfile.ZipFile(wheel).namelist()
        for e in EDITIONS.values():
            assert f"zfxxgk/templates/annual-report-{e.id}.xlsx" in names
        assert "zfxxgk/py.typed" in names
        assert "zfxxgk/schema/report.schema.json" in names
        site = tmp_path / "site"
        zipfile.ZipFile(wheel).extractall(site)
        code = (
            "import zfxxgk, sys; p = zfxxgk.template_path('2019'); "
            "assert str(p).startswith(sys.argv[1]), p; print(p)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(site)],
            check=True,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        )
        assert out.stdout.strip().endswith("annual-report-2019.xlsx")


class TestCheckArea:
    def test_totals_are_marked_when_they_disagree(self) -> None:
        """Every computed total carries a conditional format comparing it with its parts."""
        ws = openpyxl.load_workbook(template_path("2021"))["三、依申请"]
        rules = {
            str(rng.sqref): [r.formula for r in rs]
            for rng, rs in ws.conditional_formatting._cf_rules.items()
        }
        assert any("J5<>SUM(D5:I5)" in f[0] for f in rules.get("J5", []) if f)
        assert any("D29<>SUM(D5:D6)-SUM(D28)" in f[0] for f in rules.get("D29", []) if f)

    @pytest.mark.parametrize("edition", sorted(EDITIONS))
    def test_check_rows_per_hard_rule(self, edition: str) -> None:
        """Each sheet lists its HARD rules with a ✓/✗ formula made from the catalogue."""
        from zfxxgk.workbook.checkarea import check_area_top, check_rows

        e = EDITIONS[edition]
        wb = openpyxl.load_workbook(template_path(edition))
        ids = []
        for table in e.tables:
            ws = wb[table.sheet]
            for row in check_rows(e, table, check_area_top(table)):
                assert ws[row.label_span.ref()].value.startswith(row.rule.id)
                assert ws[row.result.ref()].value == row.formula
                ids.append(row.rule.id)
        assert {
            "R3-COL-BALANCE",
            "R3-RESULT-TOTAL",
            "R3-ROW-TOTAL",
            "R3-NONNEG-INT",
            "R4-REVIEW-TOTAL",
            "R4-DIRECT-TOTAL",
            "R4-AFTER-TOTAL",
            "R4-NONNEG-INT",
        } <= set(ids)
