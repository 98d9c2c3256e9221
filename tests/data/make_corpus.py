"""Make the corpus of real-world-like workbooks in tests/data/corpus and its manifest.

Run from the repository root (LibreOffice's ``soffice`` must be on PATH):

    python tests/data/make_corpus.py

Every file is made from a sample report of tests/data/samples, in one of these ways (the
manifest says which, and what reading it must give):

- ``lo-*``: our filled workbook opened and saved again by LibreOffice headless, as .xlsx,
  .ods and .xls (``soffice --convert-to``), the way a colleague's program would.
- ``typed-*``: our filled workbook with cells retyped as a person does in a spreadsheet:
  numbers as text, full-width digits, thousands separators, spaces, dashes for zero.
- ``moved-*``, ``onesheet-*``, ``variants-*``, ``hubei-*``, ``subtotals-*``: workbooks
  written cell by cell with openpyxl in other layouts: tables on renamed sheets or all on
  one sheet below a title, rows and columns inserted, the label variants of formats.md
  §8.1, the 湖北 annotated labels with an extra row, a 小计 column and subtotal rows.
- ``formulas-*``: our template filled by hand through openpyxl, leaving the totals as
  formulas with no stored result (as a file last saved by openpyxl is).
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

import zfxxgk
from zfxxgk.core.grid import place_cover, place_table
from zfxxgk.core.jsonio import dumps, loads
from zfxxgk.xlsx.numbers import to_number

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus"
SAMPLES = HERE / "samples"


def sample(name: str) -> zfxxgk.AnnualReport:
    return zfxxgk.AnnualReport.from_dict(loads((SAMPLES / f"{name}.json").read_bytes()))


def soffice_convert(src: Path, fmt: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    ext = fmt.split(":")[0]
    return outdir / f"{src.stem}.{ext}"


# ---------------------------------------------------------------------------- layouts


def render(
    report: zfxxgk.AnnualReport,
    path: Path,
    *,
    sheet_names: dict[str, str] | None = None,
    one_sheet: bool = False,
    origin: tuple[int, int] = (0, 0),
    label: Callable[[str], str] = lambda s: s,
    insert_rows: dict[str, list[tuple[int, list[Any]]]] | None = None,
    insert_cols: dict[str, list[tuple[int, str, str | None]]] | None = None,
    cover: bool = True,
) -> None:
    """Write ``report`` cell by cell in another layout (no styles, no merges).

    ``insert_rows[table]`` holds ``(before_template_row, cells)``: a new row whose cells
    are ``(col, text_or_value)`` pairs in template columns. ``insert_cols[table]`` holds
    ``(before_template_col, header_text, optional_column_key)``: a new column whose values
    come from that optional field of each row.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    top = 0
    shared = None
    if one_sheet:
        shared = wb.create_sheet("统计表")
        shared.cell(1, 1, f"{report.agency}{report.year}年政府信息公开工作年度报告统计表")
        top = 2
    for table in report.layout.tables:
        placement = place_table(table)
        ws = shared or wb.create_sheet((sheet_names or {}).get(table.key, table.sheet))
        rows_in = sorted(insert_rows.get(table.key, []) if insert_rows else [])
        cols_in = sorted(insert_cols.get(table.key, []) if insert_cols else [])

        def r_of(r: int, rows_in: list[tuple[int, list[Any]]] = rows_in) -> int:
            return r + sum(1 for before, _ in rows_in if before <= r)

        def c_of(c: int, cols_in: list[tuple[int, str, str | None]] = cols_in) -> int:
            return c + sum(1 for before, _, _ in cols_in if before <= c)

        r0, c0 = (top, origin[1]) if one_sheet else origin

        def put(r: int, c: int, value: Any, r0: int = r0, c0: int = c0, ws: Any = ws) -> None:
            if value is not None:
                ws.cell(r0 + r + 1, c0 + c + 1, value)

        for lab in placement.labels:
            put(r_of(lab.span.row), c_of(lab.span.col), label(lab.text))
        for field_path, span in placement.fields.items():
            value = report.get(field_path)
            put(
                r_of(span.row),
                c_of(span.col),
                to_number(value) if isinstance(value, int | Decimal) else value,
            )
        for i, (before, cells) in enumerate(rows_in):
            for c, value in cells:
                put(before + i, c_of(c), value)
        header_row = next(
            (
                lab.span.row
                for lab in placement.labels
                if lab.role == "header"
                and lab.span.last_row
                == max(x.span.last_row for x in placement.labels if x.role == "header")
            ),
            0,
        )
        for j, (before, header, key) in enumerate(cols_in):
            col = before + j
            put(header_row, col, header)
            if key is None:
                continue
            rows = {fp[1]: span.row for fp, span in placement.fields.items()}
            for part, row in rows.items():
                put(r_of(row), col, report.get((table.key, part, key)))
        if one_sheet:
            top += r_of(placement.height) + 2
    if cover:
        ws = wb.create_sheet("基本信息", 0)
        cp = place_cover(report.layout)
        for lab in cp.labels:
            if lab.role == "extra":
                ws.cell(lab.span.row + 1, 1, label(lab.text))
        values = {
            "agency": report.agency,
            "year": report.year,
            **{f"meta.{k}": v for k, v in report.meta.items()},
        }
        for (_, key, _), span in cp.fields.items():
            if values.get(key) is not None and isinstance(values[key], str | int):
                ws.cell(span.row + 1, 2, values[key])
    wb.save(path)


VARIANTS = {
    "总计": "合计",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只记这一情形，不记其他情形）",
    "结果维持": "结果维护",
    "1.信访举报投诉类申请": "1. 信访投诉举报类申请",
    "规章": "规    章",
    "自然人": "自 然 人",
    "商业企业": "商业\n企业",
    "科研机构": "科研\n机构",
    "3.危及“三安全一稳定”": '3.危及"三安全一稳定"',
    "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
    "一、本年新收政府信息公开申请数量": "一 、本年新收政府信息公开申请数量",
    "1.属于国家秘密": "1. 属于国家秘密",
    "行政复议": "行政复议（因政府信息公开被行政复议）",
    "行政诉讼": "行政诉讼（因政府信息公开被行政诉讼）",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）": "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1、申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
    "行政规范性文件": "规范性文件",
}

HUBEI = {
    "规章": "规章（设区的市、自治州人民政府应提供相关数据）",
    "规范性文件": "规范性文件（行政机关制定发布的决定、公告……一般情况下属于规范性文件）",
    "上一年项目数量": "上一年项目数量（指2019年事项数）",
    "本年增/减": "本年增/减（指2020年增加或减少的事项数，减用负值表示，如-8）",
    "处理决定数量": "处理决定数量（指2020年办件量）",
    "其他对外管理服务事项": "其他对外管理服务事项（指行政许可以外的政务服务事项……）",
}


def with_labels(table: dict[str, str]) -> Callable[[str], str]:
    return lambda s: table.get(s, s)


# ---------------------------------------------------------------------------- corpus


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice (LibreOffice) is needed", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    manifest: list[dict[str, Any]] = []

    def add(name: str, how: str, expected: zfxxgk.AnnualReport, notes: list[str]) -> None:
        manifest.append({"file": name, "how": how, "expected": expected.to_dict(), "notes": notes})

    hongze = sample("2024-hongze-district")
    pingtan = sample("2019-pingtan")
    shuyang = sample("2023-shuyang-drc")

    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for rep, stem in ((hongze, "hongze"), (pingtan, "pingtan")):
            filled = zfxxgk.fill(rep, t / f"lo-{stem}.xlsx")
            for fmt, ext in (
                ("xlsx:Calc MS Excel 2007 XML", "xlsx"),
                ("ods", "ods"),
                ("xls:MS Excel 97", "xls"),
            ):
                outdir = t / ext
                outdir.mkdir(exist_ok=True)
                made = soffice_convert(filled, fmt, outdir)
                shutil.copy(made, OUT / f"lo-{stem}.{ext}")
                add(
                    f"lo-{stem}.{ext}",
                    f"our filled workbook saved by LibreOffice as .{ext}",
                    rep,
                    [],
                )

    # typed by a person
    typed = zfxxgk.fill(shuyang, OUT / "typed-shuyang.xlsx")
    wb = openpyxl.load_workbook(typed)
    ws = wb["三、依申请"]
    ws["D5"] = "２６"  # full-width digits
    ws["J5"] = " 26 "  # spaces
    ws["D7"] = "'5"  # a leading apostrophe typed in
    ws["J7"] = "5.0"  # a whole number with a decimal point
    ws["D9"] = "—"  # a dash for none: 0
    ws["J9"] = "-"
    p = wb["二、主动公开"]
    p["D5"] = "1,8"  # not thousands: must stay an error? no: keep valid below
    p["D5"] = "18"
    p["B8"] = "0"
    wb.save(typed)
    expected = copy.deepcopy(shuyang)
    expected.applications.disclosed.natural_person = 5
    expected.applications.disclosed.total = 5
    expected.applications.withheld_state_secret.natural_person = 0
    expected.applications.withheld_state_secret.total = 0
    add(
        "typed-shuyang.xlsx",
        "numbers typed as text, full-width digits, spaces, an apostrophe, 5.0, dashes for none (0)",
        expected,
        ["读作数值", "读作 0"],
    )

    big = copy.deepcopy(hongze)
    big.proactive.licensing.decisions = 11398889
    typed2 = zfxxgk.fill(big, OUT / "typed-hongze.xlsx")
    wb = openpyxl.load_workbook(typed2)
    wb["二、主动公开"]["B8"] = "11,398,889"
    wb["二、主动公开"]["B15"] = "75450000元"  # 元 into the 万元 column: 7545 万元
    wb.save(typed2)
    add(
        "typed-hongze.xlsx",
        "thousands separators; an amount in 元 typed into the 万元 fee column",
        big,
        ["千位分隔符", "换算"],
    )

    typed3 = zfxxgk.fill(pingtan, OUT / "typed-pingtan.xlsx")
    wb = openpyxl.load_workbook(typed3)
    ws = wb["二、主动公开"]
    ws["C8"] = "增0"
    ws["C19"] = "75394432.52元"
    ws["B21"] = None
    wb.save(typed3)
    add(
        "typed-pingtan.xlsx",
        "增0 in 本年增/减; the 元 suffix on the amount and the unit cell left blank",
        pingtan,
        ["金额后缀"],
    )

    # other layouts
    moved = copy.deepcopy(hongze)
    render(
        moved,
        OUT / "moved-hongze.xlsx",
        sheet_names={"proactive": "表一", "applications": "表二", "reviews": "表三"},
        origin=(3, 2),
    )
    no_meta = copy.deepcopy(moved)
    no_meta.meta = {k: v for k, v in moved.meta.items() if k in ("filled_by", "phone", "date")}
    no_meta.applications.other_total.natural_person = None
    add_subtotal_lost(no_meta)
    add(
        "moved-hongze.xlsx",
        "tables on renamed sheets, three rows and two columns down "
        "and right, a cover named 基本信息",
        no_meta,
        ["按标签定位"],
    )

    one = copy.deepcopy(shuyang)
    render(one, OUT / "onesheet-shuyang.xlsx", one_sheet=True, origin=(0, 1), cover=True)
    one.meta = {}
    add(
        "onesheet-shuyang.xlsx",
        "all three tables on one sheet below a title, one column to the right",
        one,
        ["按标签定位"],
    )

    variants = sample("2024-hongze-district")
    variants.meta = {}
    add_subtotal_lost(variants)
    render(variants, OUT / "variants-hongze.xlsx", label=with_labels(VARIANTS))
    add(
        "variants-hongze.xlsx",
        "label variants of formats.md §8.1 (合计, 只记, 结果维护, "
        "信访投诉举报类, spaces and line breaks in labels, ASCII quotes, 行政止公开, "
        "1、…，…, 规范性文件)",
        variants,
        [],
    )

    hubei = sample("2019-pingtan")
    hubei.meta = {}
    render(
        hubei,
        OUT / "hubei-pingtan.xlsx",
        label=with_labels(HUBEI),
        insert_rows={"proactive": [(4, [(0, "其他主动公开文件（……）"), (1, 7), (2, 7), (3, 7)])]},
    )
    add(
        "hubei-pingtan.xlsx",
        "湖北 annotated labels and an extra row 其他主动公开文件 under 第二十条第（一）项",
        hubei,
        [],
    )

    subtotals = sample("2019-pingtan")
    subtotals.meta = {}
    a = subtotals.applications
    for row in a.parts():
        a[row].organizations_total = (
            sum(
                a[row][k] or 0
                for k in (
                    "commercial_enterprise",
                    "research_institution",
                    "public_welfare_org",
                    "legal_service_org",
                    "other_org",
                )
            )
            if row in ("new_received", "carried_over", "results_total")
            else None
        )
    a.withheld_total.natural_person = 0
    a.withheld_total.total = 0
    a.unavailable_total.natural_person = 12
    a.unavailable_total.total = 12
    render(
        subtotals,
        OUT / "subtotals-pingtan.xlsx",
        insert_cols={"applications": [(9, "小计", "organizations_total")]},
        insert_rows={
            "applications": [
                (8, [(1, "（三）不予公开"), (3, 0), (9, 0)]),
                (16, [(1, "（四）无法提供"), (3, 12), (9, 12)]),
            ]
        },
    )
    for row in a.parts():
        if row not in ("new_received", "carried_over", "results_total"):
            a[row].organizations_total = None
    add(
        "subtotals-pingtan.xlsx",
        "a 小计 column after 其他 and subtotal rows for （三） and （四）",
        subtotals,
        [],
    )

    # totals left as formulas without stored results
    formulas = copy.deepcopy(hongze)
    path = OUT / "formulas-hongze.xlsx"
    shutil.copy(zfxxgk.template_path("2021"), path)
    wb = openpyxl.load_workbook(path)
    from zfxxgk.core.grid import all_fields
    from zfxxgk.workbook.formulas import expression
    from zfxxgk.workbook.template import formula_cells

    computed = formula_cells(formulas.layout)
    for fp, (sheet, span) in all_fields(formulas.layout).items():
        if fp in computed:
            # plain SUM() totals, as older templates and hand-made workbooks have them
            table = formulas.layout.table(fp[0])
            wb[sheet][span.ref()] = "=" + expression(computed[fp], place_table(table).fields)
            continue
        v = formulas.get(fp)
        if v is not None:
            wb[sheet][span.ref()] = to_number(v) if not isinstance(v, str) else v
    cover = place_cover(formulas.layout)
    wb["封面"][cover.fields[("cover", "agency", "")].ref()] = formulas.agency
    wb["封面"][cover.fields[("cover", "year", "")].ref()] = formulas.year
    wb.save(path)
    formulas.meta = {}
    formulas.applications.other_total.natural_person = None
    add_subtotal_lost(formulas)
    expected_formulas = formulas.with_totals()
    # the old template's totals are plain SUM(): over a blank row they show 0
    for eq in expected_formulas.layout.equations:
        if eq.total in computed and expected_formulas.get(eq.total) is None:
            expected_formulas.set(eq.total, 0)
    add(
        "formulas-hongze.xlsx",
        "typed into our template with openpyxl: the totals keep "
        "their formulas and have no stored result",
        expected_formulas,
        ["合计公式"],
    )

    (OUT / "manifest.json").write_text(dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} files in {OUT}")
    return 0


def add_subtotal_lost(report: zfxxgk.AnnualReport) -> None:
    """A stated （六） subtotal has no visible cell: a layout without our hidden data loses it."""
    for key in report.applications.other_total:
        report.applications.other_total[key] = None


if __name__ == "__main__":
    raise SystemExit(main())
