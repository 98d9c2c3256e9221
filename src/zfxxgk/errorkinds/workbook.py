"""Error kinds raised by filling and reading workbooks (``zfxxgk.workbook``)."""

from __future__ import annotations

from zfxxgk.notekind import NoteKind

KINDS: tuple[NoteKind, ...] = (
    # ---- reading (read.py)
    NoteKind("file-empty", "error", "文件为空", "the file is empty"),
    NoteKind(
        "not-a-spreadsheet",
        "error",
        "不是电子表格文件（.xlsx、.xlsm、.xls 或 .ods）",
        "not a spreadsheet (.xlsx, .xlsm, .xls or .ods)",
    ),
    NoteKind(
        "year-not-four-digits",
        "error",
        "{field}：年度应为四位年份，而不是“{value}”",
        "{field}: the year must have four digits, not {value!r}",
    ),
    # ---- filling (fill.py, store.py, template.py)
    NoteKind(
        "template-edition-mismatch",
        "error",
        "模板是 {template_edition} 版式，报告是 {edition} 版式",
        "the template is of edition {template_edition}, the report of edition {edition}",
    ),
    NoteKind(
        "fast-fill-unsupported",
        "error",
        "该模板无法快速填报（{reason}），请改用 openpyxl 引擎",
        "this template needs the openpyxl engine ({reason})",
    ),
    NoteKind(
        "hidden-data-too-large",
        "error",
        "{field}：隐藏数据写入工作簿后约 {size} 字节，超出读取上限 {limit} 字节，未写入",
        "{field}: the hidden data would take about {size} bytes in the workbook, over the "
        "{limit} bytes it can be read back with; nothing written",
    ),
    NoteKind(
        "template-missing",
        "error",
        "未找到 {edition} 版式的模板，请运行 zfxxgk template 生成",
        "the {edition} template is not installed; run `zfxxgk template`",
    ),
)
