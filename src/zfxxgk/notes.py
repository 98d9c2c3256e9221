"""Notes as data: what a reader had to interpret, or warns about, as a stable code, a
place and parameters.

Code decides by :attr:`Note.code`, never by a message's text; the Chinese and English
sentences are made only at the edge (:meth:`Note.text`, ``str()``, the CLI) from the
templates of :data:`NOTE_KINDS`. A new kind of note is a new entry there, and the README
lists the codes beside the rule ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from zfxxgk import noteparams
from zfxxgk.errorkinds import ERROR_KINDS
from zfxxgk.notekind import Clause, NoteKind

__all__ = ["NOTE_KINDS", "SEVERITIES", "Clause", "Note", "NoteKind", "without_code"]

SEVERITIES = ("note", "warning", "error")


_BLANK = Clause("blank", "；未填写按 0 计：{blank}", "; blank cells counted as 0: {blank}")
_TEXT_CAUSE = Clause(
    "text_cells",
    "；{text_cells} 为文本数字，电子表格的合计（SUM）不计文本，按表格计算为 {sheet_total}："
    "这很可能是不一致的原因",
    "; {text_cells} hold numbers as text, which a spreadsheet's SUM skips (the sheet adds up "
    "to {sheet_total}): the likely cause",
)


def _kinds(*kinds: NoteKind) -> dict[str, NoteKind]:
    return {k.code: k for k in kinds}


#: Every kind of note zfxxgk makes, by code.
NOTE_KINDS: dict[str, NoteKind] = _kinds(
    # ---- a cell's content, interpreted
    NoteKind(
        "text-number",
        "note",
        "文本“{raw}”读作数值",
        "text {raw!r} read as a number",
        (
            Clause("sign", "，“{raw}”读作 {sign}", ", {raw!r} read as {sign}"),
            Clause("grouped", "，去掉千位分隔符", ", thousands separators removed"),
            Clause("exponent", "，科学计数法", ", in exponent notation"),
            Clause("suffix", "，去掉量词“{suffix}”", ", the measure word {suffix!r} removed"),
        ),
    ),
    NoteKind(
        "text-numbers",
        "note",
        "{count} 个单元格的文本读作数值（{cells}）",
        "{count} cells holding text were read as numbers ({cells})",
    ),
    NoteKind("blank-text", "note", "空白文本读作未填报", "blank text read as absent"),
    NoteKind("absent-token", "note", "“{raw}”读作未填报", "{raw!r} read as absent"),
    NoteKind(
        "dash-zero",
        "note",
        "“{raw}”读作 0（没有发生的事项填 0；会计专用格式把 0 显示为短横）",
        "{raw!r} read as 0 (a dash for none; Excel's accounting format shows 0 so)",
    ),
    NoteKind(
        "error-value",
        "warning",
        "单元格显示错误值 {raw}，读作未填报",
        "the cell shows the error {raw} and reads as absent",
    ),
    NoteKind(
        "unit-converted",
        "note",
        "“{raw}”按 {unit} 换算为 {value}",
        "{raw!r} converted to {value} {unit}",
    ),
    NoteKind(
        "unit-from-suffix",
        "note",
        "单位“{unit}”取自金额后缀",
        "unit {unit} taken from the amount's suffix",
    ),
    NoteKind(
        "unit-suffix-differs",
        "warning",
        "金额后缀“{unit}”与所选单位“{chosen}”不一致",
        "suffix {unit} disagrees with the chosen unit {chosen}",
    ),
    NoteKind("year-text", "note", "年度“{text}”读作 {year}", "year {text!r} read as {year}"),
    NoteKind(
        "formula-evaluated",
        "note",
        "{count} 个合计公式没有保存的计算结果，已按公式计算（{cells}）",
        "{count} formulas without a stored result were computed from the formula ({cells})",
    ),
    NoteKind(
        "xls-blank-total",
        "note",
        "{count} 个合计在 .xls 中读作 0，而其各项均未填写（公式显示为空），读作未填报（{cells}）",
        "{count} totals read as 0 from the .xls over blank parts (their formula shows "
        "nothing) are read as blank ({cells})",
    ),
    NoteKind(
        "formula-unsupported",
        "warning",
        "公式 ={formula} 没有保存的计算结果且无法计算，读作未填报",
        "formula ={formula} has no stored result and cannot be evaluated: read as absent",
        (
            Clause(
                "bound",
                "（计算超出上限 {bound} = {limit}）",
                " (its evaluation hit the bound {bound} = {limit})",
            ),
        ),
    ),
    NoteKind(
        "sheet-truncated",
        "warning",
        "工作表超出读取范围（{rows} 行、{cols} 列），其外的单元格未读取",
        "the sheet reaches past the rows and columns read ({rows} rows, {cols} columns); "
        "cells beyond them were not read",
    ),
    # ---- the workbook's layout
    NoteKind(
        "located-by-labels",
        "note",
        "表格按标签定位（不是本工具的模板布局）",
        "tables located by their labels (not the layout of our template)",
    ),
    NoteKind(
        "no-cover", "warning", "未找到封面，报告单位与年度为空", "no cover: agency and year unknown"
    ),
    NoteKind(
        "edition-by-rows",
        "note",
        "未找到第二部分，按第三部分的“{label}”一行判定为 {edition} 版式",
        "no section 二 found; edition {edition} told from the row {label!r} of section 三",
    ),
    NoteKind(
        "edition-by-year",
        "note",
        "未找到第二部分的版式标志，按年度 {year} 判定为 {edition} 版式",
        "no edition marker in section 二; edition {edition} told from the year {year}",
    ),
    NoteKind(
        "edition-both",
        "warning",
        "表格同时含有 {first} 版式（{first_count} 个标志）与 {second} 版式（{second_count} 个标志）"
        "的标签，按前者读取",
        "labels of both editions found; read as {first}",
    ),
    NoteKind("table-not-found", "warning", "未找到“{title}”", "table {table!r} not found"),
    NoteKind(
        "other-year-report",
        "warning",
        "第 {line} 行起是 {year} 年的报告（本报告为 {report_year} 年），其表格不予读取",
        "from line {line} the page holds the {year} report (this one is {report_year}); "
        "its tables are not read",
    ),
    NoteKind(
        "columns-continued",
        "note",
        "第 {page} 页是第 {onto} 页右侧的列（电子表格打印时超出页宽的列），接在其行右侧读取",
        "page {page} holds the columns right of page {onto}'s (a spreadsheet printed wider "
        "than its page): read joined to their rows",
    ),
    NoteKind(
        "year-from-period",
        "warning",
        "表格上方第 {line} 行的标题为 {title_year} 年（应为链接），正文所述统计期限为 {year} 年，"
        "按 {year} 年的报告读取",
        "the title over the tables (line {line}) names {title_year}, taken for a link: the "
        "text says its statistics cover {year}, and the report is read as {year}'s",
    ),
    NoteKind(
        "title-year-unsure",
        "warning",
        "表格上方第 {line} 行前后是多个年度的标题（{years}），按 {year} 年读取；"
        "其余可能是链接，也可能本报告的标题在其中：请核对报告年度",
        "titles of several years ({years}) stand together over the tables (line {line}); "
        "read as {year}: the others may be links, or this report's title among them: "
        "check the report's year",
    ),
    NoteKind(
        "fields-without-cell",
        "warning",
        "未找到 {count} 个字段的单元格，读作未填报：{fields}",
        "{count} fields have no cell and read as absent: {fields}",
    ),
    # ---- the hidden data sheet
    NoteKind(
        "hidden-unreadable",
        "warning",
        "隐藏数据无法读取，已忽略",
        "unreadable hidden data in sheet {sheet!r} ignored",
    ),
    NoteKind(
        "hidden-other-edition",
        "warning",
        "隐藏数据属于另一版式，已忽略",
        "hidden data of another edition ignored",
    ),
    NoteKind(
        "hidden-cover-differs",
        "note",
        "封面“{label}”与填报时不同，以封面为准",
        "cover field {key!r} differs from the filled value; the cover wins",
    ),
    NoteKind(
        "hidden-unknown-field",
        "warning",
        "隐藏数据中的未知字段 {field} 已忽略",
        "unknown hidden field {field} ignored",
    ),
    NoteKind(
        "hidden-invalid-value",
        "warning",
        "隐藏数据中 {field} 的值无效，已忽略",
        "invalid hidden value of {field} ignored",
    ),
    NoteKind(
        "hidden-visible-field",
        "warning",
        "隐藏数据中的 {field} 有可见单元格，以可见单元格为准",
        "the hidden data holds {field}, which has a visible cell; the visible cell wins",
    ),
    NoteKind(
        "hidden-stale-subtotal",
        "warning",
        "工作簿填报后被修改过，隐藏数据中的小计 {field} 与表中其各项之和不符，已过时，已忽略",
        "the workbook was edited after filling: the hidden subtotal {field} no longer equals "
        "its rows in the sheet and is ignored",
    ),
    NoteKind(
        "visible-edited",
        "note",
        "可见单元格在填报后被修改过，以可见单元格为准；隐藏保存的小计可能与之不符",
        "the visible cells were edited after filling; they win, stated subtotals kept may disagree",
    ),
    # ---- published reports
    NoteKind(
        "short-row",
        "warning",
        "“{label}”有 {count} 个数值（{values}），表格该行应有 {expected} 列，"
        "无法确定各数值所在的列，"
        "该行留空",
        "({label}): {count} values for {expected} columns; the row is left blank rather than "
        "guessed",
    ),
    NoteKind(
        "row-values-one-header",
        "warning",
        "“{label}”的 {count} 个数值（{values}）中有两格在同一个合并的表头下（如上年与本年的数），"
        "无法确定哪一格是该列的数，该行留空",
        "({label}): of its {count} values ({values}), two cells stand under one merged "
        "header (last year's and this year's?): which is the column's is not proved, the "
        "row is left blank",
    ),
    NoteKind(
        "row-stray-text",
        "warning",
        "“{label}”的格“{text}”含数字却不是数值（两个数挤在一格、科学计数法、截断的数），"
        "无法确定该行各数值所在的列，该行留空",
        "({label}): the cell “{text}” holds digits but is no value (two numbers in one "
        "cell, scientific notation, a number cut short), so no value of the row can be "
        "placed in its column; the row is left blank",
    ),
    NoteKind(
        "label-holds-value",
        "warning",
        "“{label}”的标签后紧跟数字 {value}（排版把数值挤进了标签格），"
        "无法确定该行各数值所在的列，该行留空",
        "({label}): the number {value} is glued to the row's label (set into the label's "
        "cell), so no value of the row can be placed in its column; the row is left blank",
    ),
    NoteKind(
        "label-holds-value-cells",
        "warning",
        "“{label}”的标签后紧跟数字 {value}（排版把数值挤进了标签格）：它所在的列在标签与该行"
        "第一个数值之间，这些格（{fields}）留空；其余数值按其在表头下的位置读取",
        "({label}): the number {value} is glued to the row's label; its column is one between "
        "the label and the row's first value, and those cells ({fields}) are left blank; the "
        "row's other values are read under their headers by their positions",
    ),
    NoteKind(
        "cell-left-blank",
        "warning",
        "“{raw}”不能读作该格的值（{reason}），该格留空",
        "{raw!r} is no value of its cell ({reason}); the cell is left blank",
    ),
    NoteKind(
        "ambiguous-row",
        "warning",
        "“{label}”的数值可有两种读法（{first}；或 {second}），无法确定，该行留空",
        "({label}): two readings of the row's values ({first}; or {second}); the row is "
        "left blank rather than guessed",
    ),
    NoteKind(
        "copies-differ",
        "warning",
        "页面上“{title}”不止一份（第 {lines} 行），{count} 格的数值各份不同（{fields}），"
        "无法确定哪一份是本报告的，这些格留空",
        "the page prints table {table!r} more than once (lines {lines}) and {count} cells "
        "differ between the copies ({fields}): which is the report's cannot be told, so "
        "they are left blank",
    ),
    NoteKind(
        "hidden-tables-read",
        "warning",
        "网页上的 {count} 个表格全部被隐藏（样式不显示，须点击或由脚本显示），已按网页源码读取",
        "every table of the page ({count}) is hidden by its style (shown only by a click or "
        "a script): read as the page's source writes them",
    ),
    NoteKind(
        "ocr-used",
        "note",
        "第 {pages} 页没有文字层，已用 OCR 识别（置信度平均 {mean}，最低 {min}）",
        "page(s) {pages} have no text layer and were read by OCR (confidence mean {mean}, "
        "lowest {min})",
    ),
    NoteKind(
        "workbook-sheets-as-pages",
        "note",
        "工作簿的各工作表依次读作第 1 页起的各页：{sheets}",
        "the workbook's sheets are read as pages 1, 2, …: {sheets}",
    ),
    NoteKind(
        "workbook-formula-computed",
        "note",
        "{count} 个公式单元格未保存计算结果，已按其公式计算（{cells}）",
        "{count} formula cells stored no result and were computed from their formula ({cells})",
    ),
    NoteKind(
        "workbook-formula-unknown",
        "warning",
        "{count} 个公式单元格未保存计算结果且无法计算，读作空白（{cells}）",
        "{count} formula cells stored no result and cannot be computed here: read as blank "
        "({cells})",
    ),
    NoteKind(
        "page-shown-otherwise",
        "note",
        "Excel 另存的网页中 {count} 个单元格显示的数与其存储的数（x:num）不同（按千缩放，"
        "或负数只以颜色表示），已读作其存储的数（存储的数（显示）：{cells}）",
        "a web page Excel saved: {count} cells show another number than they hold (x:num; "
        "scaled by thousands, or negative only by colour): read as the number each holds "
        "(number held (shown): {cells})",
    ),
    NoteKind(
        "workbook-shown-otherwise",
        "note",
        "{count} 个单元格的数字格式显示的数与其存储的数不同（按千缩放，或负数只以颜色表示），"
        "已读作其存储的数（单元格 存储的数（显示）：{cells}）",
        "{count} cells show another number than they hold, by their number format (scaled "
        "by thousands, or negative only by colour): read as the number each holds (cell, "
        "number held (shown): {cells})",
    ),
    NoteKind(
        "workbook-formula-recomputed",
        "note",
        "工作簿要求打开时重算公式：{count} 个公式单元格保存的结果不是其公式算得的数，"
        "已按其公式计算（{cells}）",
        "the workbook asks for its formulas to be computed on opening: {count} formula cells "
        "store a result their formula does not give and were read as computed ({cells})",
    ),
    NoteKind(
        "workbook-formula-stale",
        "warning",
        "{count} 个公式单元格保存的结果不是其公式算得的数，或其公式无法在此计算而工作簿要求"
        "打开时重算，电子表格显示哪个数无法确定，读作空白（{cells}）",
        "{count} formula cells store a result their formula does not give, or cannot be "
        "computed here while the workbook asks for a recalculation on opening: which number a "
        "spreadsheet shows is not proved, read as blank ({cells})",
    ),
    NoteKind(
        "encoding-replaced",
        "note",
        "文档按 UTF-8 读取，其中 {count} 处字节不是 UTF-8（如以 GBK 编码的页脚），已替换为 �",
        "read as UTF-8; {count} byte sequence(s) that are not UTF-8 (a footer in GBK, say) "
        "were replaced with �",
    ),
    NoteKind(
        "ocr-unsure-digit",
        "warning",
        "OCR 识别“{text}”的数字置信度低（{confidence}），该格留空",
        "OCR read {text!r} with a digit of low confidence ({confidence}): the cell is left blank",
    ),
    NoteKind(
        "ends-after-headers",
        "warning",
        "“{title}”的表头之后文档已结束，没有数值行，该行留空",
        "the document ends after the headers of {table}, with no row of values: left blank",
    ),
    NoteKind(
        "edition-year-mismatch",
        "warning",
        "{year} 年度的报告按表格标签为 {edition} 版式（该年度应为 {expected} 版式）",
        "a {year} report laid out in edition {edition} (the year's is {expected})",
    ),
    NoteKind(
        "no-title-metadata",
        "warning",
        "未能从标题中识别报告单位或年度",
        "agency or year not found in the title",
    ),
    NoteKind(
        "narrative-differs",
        "warning",
        "正文称“{quote}”（{stated} 件），与表格的{name}数（{table}）不一致，可能统计口径不同",
        "the narrative states {stated} for {key}, the tables {table}; the scope may differ",
    ),
    NoteKind(
        "narrative-scope",
        "note",
        "正文称“{quote}”（{stated} 件），不是表格的{name}数 {own}，而与{scope}相符：统计口径不同",
        "the narrative states {stated} for {key}, not the tables' {own}: it matches {scope}, "
        "another scope",
    ),
    NoteKind(
        "narrative-percent",
        "warning",
        "正文称“{quote}”，按上年数 {last} 与本年 {stated} 计算为 {computed}%，与正文的 "
        "{percent}% 不符",
        "the narrative states a change of {percent}% for {key}; from last year's {last} "
        "to {stated} it is {computed}%",
        (
            Clause(
                "from_text",
                "（上年数取自正文，未给出上年报告）",
                " (last year's figure as the narrative states it; no previous report given)",
            ),
        ),
    ),
    # ---- the messages of check findings (zfxxgk.core.check)
    NoteKind("check-holds", "note", "{statement}：成立", "{rule} holds", (_BLANK,)),
    NoteKind(
        "check-differs",
        "warning",
        "{statement}：不成立，{label}填报 {stated}，按各项计算为 {computed}，相差 {difference}",
        "{rule}: {field} states {stated} but its parts give {computed} (difference {difference})",
        (_BLANK, _TEXT_CAUSE),
    ),
    NoteKind(
        "check-violated",
        "warning",
        "{statement}：不成立，{stated} {op} {computed} 不满足",
        "{rule}: {stated} {op} {computed} does not hold",
        (_BLANK, _TEXT_CAUSE),
    ),
    NoteKind(
        "check-total-blank",
        "warning",
        "{statement}：{label}（{where}）未填写，无法核对（按各项计算应为 {computed}）",
        "{rule}: {field} ({where}) is blank, so the rule cannot be checked (the parts add "
        "up to {computed})",
    ),
    NoteKind(
        "check-parts-blank",
        "warning",
        "{statement}：{label}（{where}）填报 {stated}，但其各项均未填写（{blank}），无法核对",
        "{rule}: {field} ({where}) states {stated} but none of its parts is stated "
        "({blank}): it cannot be checked",
    ),
    NoteKind(
        "check-partial",
        "warning",
        "{statement}：部分报告只填报了小计，小计与其下各项覆盖的报告不同，无法核对",
        "{rule}: some inputs state only this subtotal, so it and its rows cover different "
        "reports and cannot be compared",
    ),
    NoteKind(
        "check-negative",
        "warning",
        "{label}（{where}）为负数 {value}，应为不小于 0 的数",
        "{rule}: {field} ({where}) is negative: {value}",
    ),
    NoteKind("check-nonneg-holds", "note", "{label} ≥ 0：成立", "{rule} holds"),
    NoteKind(
        "check-unit-missing",
        "warning",
        "{label}（{where}）填写了 {value}，但未注明单位（{unit_where}：元或万元），"
        "无法与其他报告比较或汇总",
        "{rule}: {field} is stated without its unit ({unit_where}: 元 or 万元)",
    ),
    NoteKind("check-unit-stated", "note", "{label}单位：{unit}", "{rule} holds"),
    NoteKind("check-edition-matches", "note", "版式与年度相符", "{rule} holds"),
    NoteKind(
        "check-edition-mismatch",
        "warning",
        "{year} 年度的报告应使用 {expected} 版式，实际使用 {edition} 版式",
        "{rule}: a {year} report should use edition {expected}, not {edition}",
    ),
    NoteKind(
        "check-edition-year-unknown",
        "warning",
        "{year} 年度不属于本工具所知的任何版式（{first} 年起），实际使用 {edition} 版式",
        "{rule}: no edition known for a {year} report (editions start in {first}); it uses "
        "{edition}",
    ),
    NoteKind(
        "check-unreported",
        "warning",
        "报告中没有填报任何数值（未填报）",
        "{rule}: the report states no number at all (not filled in)",
    ),
    NoteKind("check-filled", "note", "报告已填报 {count} 个数值", "{rule} holds ({count} values)"),
    NoteKind(
        "check-cover-missing", "warning", "未填写{label}", "{rule}: the {field} is not stated"
    ),
    NoteKind("check-cover-stated", "note", "{label}：{value}", "{rule} holds"),
    NoteKind(
        "check-table-blank",
        "warning",
        "“{title}”整表未填写（{where}），而报告其他部分已填写",
        "{rule}: table {table} is wholly blank ({where}) while the rest is filled",
    ),
    NoteKind(
        "check-column-blank",
        "warning",
        "“{title}”的“{column}”一列全部未填写（{where}），而其他列已填写",
        "{rule}: the column {column} of {table} is wholly blank ({where}) while others are filled",
    ),
    NoteKind(
        "check-text-numbers",
        "warning",
        "'{sheet}' 中 {count} 个单元格的数字以文本保存（{cells}）：本工具按数值读取，"
        "但电子表格的合计（SUM）会跳过它们，表中显示的合计可能因此偏小",
        "{rule}: {count} cells of {sheet!r} hold numbers stored as text ({cells}); they are "
        "read as numbers here, but the spreadsheet's own totals (SUM) skip them",
    ),
    NoteKind(
        "check-likely-cause",
        "warning",
        "最可能出错：{where}（{label}），应为 {suggested}（现为 {value}），可同时解释 {count} "
        "个错误：{rules}",
        "most likely wrong: {where} ({field}) should be {suggested} (it is {value}); this "
        "explains {count} errors: {rules}",
    ),
    # ---- adding up
    NoteKind(
        "amounts-converted",
        "note",
        "{count} 份报告的采购总金额以万元填报，已精确换算为元后相加",
        "{count} amounts in 万元 were converted exactly to 元",
    ),
    NoteKind(
        "partial-subtotal",
        "note",
        "部分报告只填报了 {part} 的小计：汇总的小计含全部报告，其下各项只含填报了各项的报告",
        "some inputs state only the subtotal {part}: the sum's subtotal covers all inputs, its "
        "rows only those that give them",
    ),
    # ---- errors: a ZfxxgkError carries one of these (severity "error"), by layer
    *ERROR_KINDS,
    # ---- rendering (published/render.py)
    NoteKind(
        "render-unshown",
        "warning",
        "{row} 已填报（{values}），但 {edition} 版式的表格没有对应的单元格，输出中未显示",
        "{row} is stated ({values}) but edition {edition}'s tables have no cell for it: "
        "not shown in the output",
    ),
    # ---- one report once (app/dedupe.py)
    NoteKind(
        "duplicate-file",
        "note",
        "{file} 与 {kept} 内容相同（sha256 一致），只计一次",
        "{file} is a copy of {kept} (the same sha256): counted once",
    ),
    NoteKind(
        "superseded-report",
        "note",
        "{file} 与 {kept} 是同一单位同一年度的报告，按 --latest 采用修改时间较晚的 {kept}",
        "{file} and {kept} report for the same agency and year: --latest keeps {kept}, "
        "modified later",
    ),
)


def _frozen_params(value: Mapping[str, Any] | None) -> dict[str, Any]:
    return dict(value or {})


def sheet_cell(sheet: str, cell: str) -> str:
    """A cell of a sheet as every message and output writes it: ``'三、依申请'!E5``."""
    return f"'{sheet}'!{cell}"


@attrs.frozen(hash=False)
class Note:
    """One note: a code of :data:`NOTE_KINDS`, where it applies, and its parameters.

    The place is a file, a sheet and a cell (``C7``, or a text place such as
    ``第12行第3格`` in a published report), any of them unknown.
    """

    code: str = attrs.field(validator=attrs.validators.in_(NOTE_KINDS))
    sheet: str | None = None
    cell: str | None = None
    params: dict[str, Any] = attrs.field(factory=dict, converter=_frozen_params)
    file: str | None = None

    @property
    def kind(self) -> NoteKind:
        return NOTE_KINDS[self.code]

    @property
    def severity(self) -> str:
        return self.kind.severity

    def where(self) -> str:
        """The place as text: ``'三、依申请'!E5``, ``'三、依申请'``, or ``""``."""
        if self.sheet and self.cell:
            return sheet_cell(self.sheet, self.cell)
        if self.sheet:
            return f"'{self.sheet}'"
        return self.cell or ""

    def text(self, lang: str = "both") -> str:
        """The message in ``zh``, ``en`` or ``both`` (Chinese / English), with its place.

        Each parameter is shown in the message's language (:func:`zfxxgk.noteparams.shown`):
        a blank as 空 / blank, a list joined by 、 / ", ", last year's cell as 上年 / last
        year's."""
        kind = self.kind
        given = [c for c in kind.clauses if noteparams.given(self.params.get(c.param))]
        out = {}
        for one in ("zh", "en") if lang not in ("zh", "en") else (lang,):
            params = {k: noteparams.shown(v, one) for k, v in self.params.items()}
            template: str = getattr(kind, one)
            out[one] = template.format(**params) + "".join(
                getattr(c, one).format(**params) for c in given
            )
        body = out[lang] if lang in out else f"{out['zh']} / {out['en']}"
        where = self.where()
        return f"{where}: {body}" if where else body

    def __str__(self) -> str:
        return self.text()

    def located(self, **place: Any) -> Note:
        """This note with the place filled in where it is unknown."""
        known = {k: v for k, v in place.items() if getattr(self, k) is None and v is not None}
        return attrs.evolve(self, **known) if known else self

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output: code, severity, place, parameters and both texts."""
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "params": {k: noteparams.plain(v) for k, v in self.params.items()},
            "zh": self.text("zh"),
            "en": self.text("en"),
        }


def without_code(notes: Iterable[Note], *codes: str) -> list[Note]:
    """The notes of other codes, in order."""
    return [n for n in notes if n.code not in codes]
