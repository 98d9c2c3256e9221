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
        "cell-struck-out",
        "error",
        "{field}：“{value}”已被划去，不是该格的数值",
        "{field}: “{value}” is struck out, not the cell's value",
    ),
    NoteKind(
        "cell-wrapped-unsure",
        "error",
        "{field}：“{value}”是在格内折行的数字或其旁的数字，其各段属于哪一行无法确定，"
        "不作为该格的数值",
        "{field}: “{value}” is, or stands beside, a number wrapped over lines in its cell; "
        "which row the pieces belong to is not proved, so it is not taken as the cell's value",
    ),
    NoteKind(
        "cell-white-unsure",
        "error",
        "{field}：“{value}”以白色书写，且读不出其背景（可能由外部样式表设定），"
        "或可能被读不懂的样式规则隐藏，看不看得见无法确定，不作为该格的数值",
        "{field}: “{value}” is written white on no background the reader can tell (a linked "
        "style sheet may set one), or may be hidden by a style rule the reader cannot match; "
        "whether a person sees it is not proved, so it is not taken as the cell's value",
    ),
    NoteKind(
        "cell-formula-stale",
        "error",
        "{field}：“{value}”是公式单元格保存的结果，但不是其公式算得的数（或其公式无法在此计算，"
        "而工作簿要求打开时重算），电子表格显示哪个数无法确定，不作为该格的数值",
        "{field}: “{value}” is a formula cell's stored result that its formula does not give "
        "(or its formula cannot be computed here while the workbook asks for a recalculation "
        "on opening); which number a spreadsheet shows is not proved, so it is not taken as "
        "the cell's value",
    ),
    NoteKind(
        "cell-formula-unknown",
        "error",
        "{field}：公式单元格未保存计算结果，其公式又无法在此计算，显示的数不知道",
        "{field}: a formula cell that stored no result and whose formula cannot be computed "
        "here: the number it shows is not known",
    ),
    NoteKind(
        "cell-format-rounded",
        "error",
        "{field}：表格的数字格式把单元格存的数舍入显示为“{value}”，报告指的是显示的数还是存的数"
        "无法确定，不作为该格的数值",
        "{field}: the sheet's number format shows the number the cell holds rounded, as "
        "“{value}”; whether the report means the number shown or the one held is not proved, "
        "so it is not taken as the cell's value",
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
        "edition-year-unknown",
        "error",
        "没有适用于 {year} 年度的版式，可用：{known}",
        "no edition covers the year {year}; known: {known}",
    ),
    NoteKind(
        "unknown-field",
        "error",
        "{owner} 没有字段 {name}",
        "{owner} has no field {name}",
        (Clause("close", "，是否应为 {close}", "; did you mean {close}?"),),
    ),
    # ---- JSON text (core/jsonio.py)
    NoteKind(
        "json-too-long",
        "error",
        "JSON 超过 {limit} 字符，拒绝读取",
        "refusing JSON of more than {limit} characters",
    ),
    NoteKind(
        "json-too-many-values",
        "error",
        "JSON 含有超过 {limit} 个值（数组、对象与逗号），不是报告，拒绝读取",
        "refusing JSON of more than {limit} values (arrays, objects, commas): no report holds "
        "so many",
    ),
    NoteKind(
        "json-not-utf8",
        "error",
        "不是 UTF-8 文本（第 {byte} 字节）",
        "not UTF-8 text (byte {byte})",
    ),
    NoteKind(
        "json-number-out-of-range",
        "error",
        "JSON 中的数字超出范围（{number}）",
        "a number in the JSON is out of range ({number})",
    ),
    NoteKind(
        "json-number-too-long",
        "error",
        "JSON 中的数字过长（整数超过 {digits} 位）",
        "a number in the JSON is too long (an integer of more than {digits} digits)",
    ),
    NoteKind(
        "json-invalid",
        "error",
        "不是有效的 JSON：第 {line} 行第 {column} 列，{reason}",
        "not valid JSON: line {line} column {column}: {reason}",
    ),
    NoteKind(
        "json-too-deep",
        "error",
        "JSON 嵌套超过 {limit} 层，不是报告",
        "JSON nested too deeply (more than {limit} levels) to be a report",
    ),
    NoteKind(
        "json-lone-surrogate",
        "error",
        "JSON 中含有孤立的代理字符（如 \\ud800），不是有效文本",
        "the JSON holds a lone surrogate (such as \\ud800), which is no text",
    ),
    # ---- rule settings and rules files (core/rules.py, core/rulesfile.py)
    NoteKind("rules-not-object", "error", "规则设置应为对象", "rule settings must be an object"),
    NoteKind("rule-unknown", "error", "未知的规则 {rule}", "unknown rule {rule}"),
    NoteKind(
        "rule-setting-not-object",
        "error",
        "规则 {rule} 的设置应为对象",
        "the setting of {rule} must be an object",
    ),
    NoteKind(
        "rule-unknown-settings",
        "error",
        "规则 {rule} 的未知设置 {settings}",
        "unknown settings for {rule}: {settings}",
    ),
    NoteKind(
        "rule-severity-invalid",
        "error",
        "规则 {rule} 的级别应为 {allowed} 之一，而不是 {value}",
        "the severity of {rule} must be one of {allowed}, not {value}",
    ),
    NoteKind(
        "rule-enabled-not-bool",
        "error",
        "规则 {rule} 的 enabled 应为 true 或 false，而不是 {value}",
        "enabled of {rule} must be true or false, not {value}",
    ),
    NoteKind(
        "rules-toml-invalid",
        "error",
        "规则文件不是有效的 TOML：{reason}",
        "the rules file is not valid TOML: {reason}",
    ),
    NoteKind(
        "rules-too-many-keys",
        "error",
        "规则文件的键超过 {limit} 个，不是规则设置，拒绝读取",
        "the rules file has more than {limit} keys; it is no rules file, refusing it",
    ),
    NoteKind(
        "rules-too-deep",
        "error",
        "规则文件嵌套超过 {limit} 层，不是规则设置，拒绝读取",
        "the rules file is nested more than {limit} levels; it is no rules file, refusing it",
    ),
    # ---- finding the report's tables in a workbook (core/discover.py)
    NoteKind(
        "tables-not-found",
        "error",
        "找不到报告的表格",
        "none of the report's tables found",
        (
            Clause(
                "editions",
                "（任一版式（{editions}）的第二部分标签都没有）",
                " (no section 二 labels of any edition: {editions})",
            ),
            Clause("sheets", "；工作簿中的工作表：{sheets}", "; sheets found: {sheets}"),
        ),
    ),
    NoteKind(
        "check-table-totals-only",
        "warning",
        "“{title}”的填报栏全部未填写（{where}），只填写了合计：{totals}（{filled}）",
        "{rule}: every input cell of {table} is blank ({where}); only its totals are filled: "
        "{totals} ({filled})",
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
