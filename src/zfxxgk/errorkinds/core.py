"""Error kinds raised by the model and the checks (``zfxxgk.core``) and shared by all."""

from __future__ import annotations

from zfxxgk.notekind import Clause, NoteKind

KINDS: tuple[NoteKind, ...] = (
    NoteKind(
        "error-text",
        "error",
        "{zh}",
        "{en}",
        (Clause("sheets", "；工作簿中的工作表：{sheets}", "; sheets found: {sheets}"),),
    ),
    NoteKind(
        "count-bool",
        "error",
        "{field}：不接受布尔值 {value}",
        "{field}: a bool ({value}) is not a count",
    ),
    NoteKind(
        "count-not-whole",
        "error",
        "{field}：件数须为整数，而不是 {value}",
        "{field}: a count must be whole, not {value}",
    ),
    NoteKind(
        "count-not-int",
        "error",
        "{field}：件数须为整数，而不是 {type} {value}",
        "{field}: a count must be an int, not {type} {value}",
    ),
    NoteKind(
        "count-huge",
        "error",
        "{field}：一个约 {digits} 位的数超出电子表格能精确保存的范围（±2^53−1）",
        "{field}: a number of about {digits} digits is beyond what a spreadsheet stores "
        "exactly (±2^53−1)",
    ),
    NoteKind(
        "count-too-large",
        "error",
        "{field}：{value} 超出电子表格能精确保存的范围（±2^53−1）",
        "{field}: {value} is beyond what a spreadsheet stores exactly (±2^53−1)",
    ),
    NoteKind(
        "money-bool",
        "error",
        "{field}：不接受布尔值 {value}",
        "{field}: a bool ({value}) is not money",
    ),
    NoteKind(
        "money-invalid", "error", "{field}：金额无效：{value}", "{field}: not an amount: {value}"
    ),
    NoteKind(
        "money-not-number",
        "error",
        "{field}：金额须为数值，而不是 {type} {value}",
        "{field}: an amount must be a number, not {type} {value}",
    ),
    NoteKind(
        "money-out-of-range",
        "error",
        "{field}：金额 {value} 超出范围（整数部分与小数部分各至多 15 位）",
        "{field}: amount {value} is out of range (at most 15 digits before and after the point)",
    ),
    NoteKind(
        "money-too-precise",
        "error",
        "{field}：金额 {value} 超过 15 位有效数字，电子表格无法精确保存",
        "{field}: amount {value} has more than 15 significant digits, which a spreadsheet "
        "cannot store exactly",
    ),
    NoteKind(
        "unit-not-allowed",
        "error",
        "{field}：单位须为 {allowed} 之一，而不是 {value}",
        "{field}: the unit must be one of {allowed}, not {value}",
    ),
    NoteKind(
        "cell-logical",
        "error",
        "{field}：逻辑值 {value} 不是数值",
        "{field}: the logical value {value} is not a number",
    ),
    NoteKind(
        "cell-date",
        "error",
        "{field}：日期 {value} 不是数值",
        "{field}: the date {value} is not a number",
    ),
    NoteKind(
        "cell-not-number",
        "error",
        "{field}：“{value}”不是数值",
        "{field}: “{value}” is not a number",
    ),
    NoteKind(
        "year-not-int",
        "error",
        "{field}：年度须为整数，而不是 {value}",
        "{field}: the year must be an int, not {value}",
    ),
    NoteKind(
        "agency-not-text",
        "error",
        "{field}：报告单位须为文本，而不是 {value}",
        "{field}: the agency must be text, not {value}",
    ),
    NoteKind(
        "agency-control-characters",
        "error",
        "{field}：报告单位含有控制字符",
        "{field}: the agency contains control characters",
    ),
    NoteKind(
        "wrong-class",
        "error",
        "{field}：须为 {expected}",
        "{field}: must be a {expected}",
        (Clause("edition", "（{edition} 版式）", " (edition {edition})"),),
    ),
    NoteKind("not-a-dict", "error", "{field}：须为 JSON 对象", "{field}: must be a JSON object"),
    NoteKind("unknown-key", "error", "未知的键 {key}", "unknown key {key}"),
    NoteKind("missing-key", "error", "缺少键 {key}", "missing key {key}"),
    NoteKind(
        "unknown-edition-key",
        "error",
        "{edition} 版式没有 {key}",
        "unknown key {key} for edition {edition}",
    ),
    NoteKind(
        "unknown-edition",
        "error",
        "未知的版式 {edition}，可用：{known}",
        "unknown edition {edition}; known: {known}",
    ),
    NoteKind(
        "unknown-field",
        "error",
        "{owner} 没有字段 {name}",
        "{owner} has no field {name}",
        (Clause("close", "，是否应为 {close}", "; did you mean {close}?"),),
    ),
    NoteKind(
        "check-table-totals-only",
        "warning",
        "“{title}”的填报栏全部未填写（{where}），只填写了合计：{columns}（{filled}）",
        "{rule}: every input cell of {table} is blank ({where}); only its totals are filled: "
        "{columns} ({filled})",
    ),
    NoteKind(
        "check-previous-blank",
        "warning",
        "{label}（{where}）填报 {stated}，但上年报告的对应数（{blank}）未填写，结转数据不完整，"
        "无法核对",
        "{rule}: {field} ({where}) is {stated} but last year's report leaves {blank} blank; "
        "the carried data is incomplete, not assessable",
    ),
)
