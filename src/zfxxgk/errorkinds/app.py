"""Error kinds raised by the application layer, the command line and the desk."""

from __future__ import annotations

from zfxxgk.notekind import Clause, NoteKind

KINDS: tuple[NoteKind, ...] = (
    # ---- inputs of the wrong family
    NoteKind(
        "document-not-report-data",
        "error",
        "这是{format}，不是工作簿或报告 JSON；已发布的年报请用 zfxxgk parse 读取",
        "this is {format}, not a workbook or report JSON; read a published report with "
        "`zfxxgk parse`",
    ),
    NoteKind(
        "report-data-not-document",
        "error",
        "这是{format}，不是已发布的年报；请用 zfxxgk read 或 zfxxgk check 读取",
        "this is {format}, not a published report; read it with `zfxxgk read` or `zfxxgk check`",
    ),
    NoteKind(
        "workbook-not-template",
        "error",
        "这个工作簿不是模板的版式（{field} 的单元格是“{value}”，不是数值）；"
        "zfxxgk parse 可按已发布年报的表格读取它（定位不准的格留空并警告）",
        "this workbook is not in the template's layout ({field}'s cell holds “{value}”, "
        "not a number); `zfxxgk parse` reads it as a published report's tables (a cell it "
        "cannot place is left blank, with a warning)",
    ),
    # ---- outputs
    NoteKind(
        "output-folder-missing",
        "error",
        "输出文件夹 {folder} 不存在，未写入任何输出",
        "the output's folder {folder} does not exist; nothing was written",
    ),
    NoteKind(
        "output-folder-readonly",
        "error",
        "输出文件夹 {folder} 不可写入，未写入任何输出",
        "the output's folder {folder} cannot be written; nothing was written",
    ),
    NoteKind(
        "output-write-failed",
        "error",
        "无法写出（{reason}）",
        "cannot write the output ({reason})",
    ),
    NoteKind(
        "output-required",
        "error",
        "需要 -o 输出文件",
        "-o OUTPUT is required (or --dry-run)",
    ),
    # ---- adding up
    NoteKind(
        "aggregate-mixed",
        "error",
        "只能汇总同一版式、同一年度的报告：{name} 为 {edition} 版式 {year} 年度，其他报告为 "
        "{other_edition} 版式 {other_year} 年度",
        "reports of one edition and year only: {name} is edition {edition}, year {year}; "
        "the others are {other_edition}, {other_year}",
    ),
    NoteKind(
        "aggregate-unit-missing",
        "error",
        "{name} 的 {field} 填写了 {amount} 但未注明单位（元或万元），无法汇总",
        "{name}: {field} states {amount} without its unit (元 or 万元); it cannot be added up",
    ),
    NoteKind("aggregate-nothing", "error", "没有可汇总的报告", "no reports to add up"),
    NoteKind(
        "aggregate-sum-too-large",
        "error",
        "{field} 的合计 {value} 超出电子表格能精确保存的范围（±2^53−1）",
        "the sum of {field}, {value}, is beyond what a spreadsheet stores exactly (±2^53−1)",
    ),
    NoteKind(
        "aggregate-files-refused",
        "error",
        "{count} 个文件不能计入汇总（汇总不能缺少任何一个单位，确需略去它们先汇总其余文件时用 "
        "--skip 或 --skip-unreadable）",
        "{count} files cannot be added to the sum (a sum must not miss a unit: --skip or "
        "--skip-unreadable leaves them out and adds up the rest)",
        (
            # the files (at most ten) by why they are left out, each a list of names
            Clause("unreadable", "；无法读取：{unreadable}", "; unreadable: {unreadable}"),
            Clause(
                "edition_differs",
                "；版式不同：{edition_differs}",
                "; of another edition: {edition_differs}",
            ),
            Clause(
                "year_differs", "；年度不同：{year_differs}", "; of another year: {year_differs}"
            ),
            Clause(
                "unit_missing",
                "；金额未注明单位：{unit_missing}",
                "; an amount without its unit: {unit_missing}",
            ),
            Clause("edition", "；汇总的版式：{edition}", "; the sum's edition: {edition}"),
            Clause("year", "；年度：{year}", "; year: {year}"),
        ),
    ),
    NoteKind(
        "duplicate-report",
        "error",
        "{agency} {year} 年度有两份不同的报告：{first} 与 {second}；删去其中一份，或用 --latest "
        "采用修改时间最晚的一份",
        "{agency}, {year}: two different reports, {first} and {second}; remove one, or use "
        "--latest to keep the one modified last",
        (Clause("count", "（共 {count} 个文件）", " ({count} files)"),),
    ),
    # ---- the command line
    NoteKind(
        "no-files",
        "error",
        "没有找到可供 zfxxgk {command} 处理的文件",
        "no files found for `zfxxgk {command}`",
    ),
    NoteKind(
        "option-single-file",
        "error",
        "{option} 只能用于单个文件",
        "{option} takes a single FILE",
    ),
    NoteKind(
        "previous-empty",
        "error",
        "--previous {folder} 中没有找到报告",
        "no reports found in --previous {folder}",
    ),
    NoteKind(
        "extra-missing",
        "error",
        "缺少 {module}，请安装 {install}",
        "{module} is missing: {install}",
    ),
    NoteKind(
        "dask-unreachable",
        "error",
        "无法连接 Dask 集群 {address}（{reason}）",
        "cannot connect to the Dask cluster at {address} ({reason})",
    ),
    # ---- the desk (collecting the departments' reports)
    NoteKind(
        "desk-exists",
        "error",
        "此文件夹中已有收集工作区",
        "this folder already holds a desk",
    ),
    NoteKind(
        "desk-missing",
        "error",
        "此文件夹不是收集工作区（先运行 zfxxgk desk init）",
        "this folder is no desk (run `zfxxgk desk init` first)",
    ),
    NoteKind(
        "desk-name-invalid",
        "error",
        "单位名称为空或过长（至多 {limit} 个字符）",
        "a department's name is empty or too long (at most {limit} characters)",
        (Clause("name", "：{name:.20}…", ": {name:.20}…"),),
    ),
    NoteKind(
        "desk-name-exists",
        "error",
        "单位“{name}”已存在",
        "the department {name!r} exists already",
    ),
    NoteKind("desk-names-empty", "error", "单位名单为空", "the list of departments is empty"),
    NoteKind(
        "desk-stored-name",
        "error",
        "无效的存储名",
        "not a stored file's name",
    ),
    NoteKind(
        "desk-reader-stopped",
        "error",
        "读取程序异常终止（{why}），文件可能已损坏或过于复杂",
        "the reader stopped ({why}): the file may be damaged or too complex",
    ),
    NoteKind(
        "desk-previous-not-folder",
        "error",
        "--previous 应为上一年度的收集工作区或报表文件夹",
        "--previous must name last year's desk or a folder of workbooks",
    ),
)
