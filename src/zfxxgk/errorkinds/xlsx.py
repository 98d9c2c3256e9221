"""Error kinds raised by the spreadsheet layer (``zfxxgk.xlsx``): opening inputs, reading
zip packages and their XML, writing outputs, converting with LibreOffice.

Parameters are data: a part of the package (``part``), a size or limit in bytes, the
system's own reason (``reason``, ``detail``: an OS error's text or a library's message).
"""

from __future__ import annotations

from zfxxgk.notekind import Clause, NoteKind

#: The bounds of :mod:`zfxxgk.xlsx.bounds`, by name: what each counts, in both languages.
_BOUNDS = {
    "cells": ("单元格", "cells"),
    "rows": ("行", "rows"),
    "strings": ("共享字符串", "shared strings"),
    "styles": ("单元格样式", "cell styles"),
    "elements": ("XML 元素", "XML elements"),
    "bytes": ("XML 字节", "bytes of XML"),
}


def _over(name: str) -> NoteKind:
    zh, en = _BOUNDS[name]
    return NoteKind(
        f"too-many-{name}",
        "error",
        f"工作簿的{zh}超过 {{limit}} 个（上限 {name}），拒绝处理",
        f"the workbook has more than {{limit}} {en} (bound {name}); refusing it",
    )


KINDS: tuple[NoteKind, ...] = (
    # ---- an input file (files.py, safezip.py)
    NoteKind("input-missing", "error", "文件不存在", "no such file"),
    NoteKind("input-unreadable", "error", "无法读取（{reason}）", "cannot be read ({reason})"),
    NoteKind(
        "input-folder-unreadable",
        "error",
        "无法读取文件夹（{reason}），其中的文件未处理",
        "the folder cannot be read ({reason}); its files were not processed",
    ),
    NoteKind(
        "input-is-folder", "error", "这是一个文件夹，不是文件", "this is a directory, not a file"
    ),
    NoteKind(
        "input-not-regular",
        "error",
        "不是普通文件（设备、管道或套接字），拒绝读取",
        "not a regular file (a device, a pipe or a socket); refusing to read it",
    ),
    NoteKind("input-not-permitted", "error", "文件不可读", "the file cannot be read (permission)"),
    NoteKind(
        "input-too-large",
        "error",
        "文件过大（超过 {mib} MiB），拒绝读取",
        "the file is larger than {mib} MiB; refusing it",
    ),
    # ---- a zip package (safezip.py, xmltext.py, sheetxml.py)
    NoteKind(
        "zip-corrupt", "error", "工作簿已损坏（{detail}）", "the workbook is corrupt ({detail})"
    ),
    NoteKind(
        "zip-method-unsupported",
        "error",
        "部件 {part} 使用不支持的压缩方式（{method}），拒绝读取",
        "part {part} uses an unsupported compression ({method}); refusing it",
    ),
    NoteKind(
        "zip-too-large",
        "error",
        "解压后共 {size} 字节，超出上限，拒绝读取",
        "refusing a workbook that inflates to {size} bytes",
    ),
    NoteKind(
        "zip-inflates-too-much",
        "error",
        "解压后的总量超出上限（{limit} 字节），拒绝读取",
        "the workbook inflates beyond the limit ({limit} bytes); refusing it",
    ),
    NoteKind(
        "part-too-large",
        "error",
        "部件 {part} 解压后 {size} 字节，超出上限（{limit} 字节），拒绝读取",
        "part {part} inflates to {size} bytes, over the limit of {limit}; refusing it",
    ),
    NoteKind(
        "part-inflates-too-much",
        "error",
        "部件 {part} 解压后超出上限（{limit} 字节），拒绝读取",
        "part {part} inflates beyond the limit ({limit} bytes); refusing it",
    ),
    NoteKind(
        "part-corrupt",
        "error",
        "部件 {part} 已损坏（{detail}）",
        "part {part} is corrupt ({detail})",
    ),
    NoteKind(
        "part-not-utf8", "error", "部件 {part} 不是 UTF-8 文本", "part {part} is not UTF-8 text"
    ),
    NoteKind(
        "part-forbidden-xml",
        "error",
        "部件 {part} 含有被禁止的 XML 结构（{construct}）",
        "part {part} holds forbidden XML ({construct})",
    ),
    NoteKind(
        "part-invalid-xml",
        "error",
        "部件 {part} 不是有效的 XML（{detail}）",
        "part {part} is not valid XML ({detail})",
    ),
    # ---- a workbook's parts (cells.py, sheetxml.py, addsheet.py)
    NoteKind(
        "not-an-excel-workbook",
        "error",
        "是 zip 文件但不是 Excel 工作簿（缺少 {part}）",
        "a zip file but not an Excel workbook (no {part})",
    ),
    NoteKind(
        "workbook-parts-missing",
        "error",
        "缺少工作簿部件（{parts}）",
        "the package lacks its workbook parts ({parts})",
    ),
    NoteKind("no-worksheets", "error", "工作簿中没有工作表", "the workbook has no worksheets"),
    NoteKind(
        "sheet-part-missing", "error", "缺少工作表部件 {part}", "the sheet part {part} is missing"
    ),
    NoteKind(
        "sheet-part-not-whole",
        "error",
        "工作表部件 {part} 已损坏（不是完整的工作表 XML）",
        "the sheet part {part} is corrupt (not a whole worksheet's XML)",
    ),
    NoteKind(
        "sheets-share-part",
        "error",
        "工作表“{first}”与“{second}”指向同一部件 {part}，工作簿已损坏",
        "sheets {first!r} and {second!r} both point to the part {part}; the workbook is corrupt",
    ),
    NoteKind(
        "sheet-too-many-merges",
        "error",
        "工作表部件 {part} 的合并单元格超过 {limit} 个，不是一份年报的工作表",
        "the sheet part {part} has more than {limit} merged ranges; it is no report's sheet",
    ),
    NoteKind(
        "shared-string-missing",
        "error",
        "工作表的单元格引用了不存在的共享字符串",
        "a cell of the sheet refers to a missing shared string",
    ),
    NoteKind(
        "sheet-exists",
        "error",
        "工作簿中已有工作表“{name}”",
        "the workbook already has a sheet {name!r}",
    ),
    NoteKind(
        "workbook-unreadable",
        "error",
        "无法读取工作簿（{error}: {detail}）",
        "cannot read the workbook ({error}: {detail})",
    ),
    *(_over(name) for name in _BOUNDS),
    # ---- .xls and .ods, read by calamine (calamine.py)
    NoteKind(
        "xls-unreadable",
        "error",
        "无法读取：这是加密（设有密码）的工作簿或已损坏的 .xls 文件（{detail}）；"
        "请去掉密码并另存为 .xlsx",
        "cannot read it: an encrypted (password) workbook or a damaged .xls file ({detail}); "
        "remove the password and save as .xlsx",
        (Clause("crashed", "（读取程序异常终止）", " (the reader stopped abnormally)"),),
    ),
    NoteKind(
        "ods-unreadable",
        "error",
        "无法读取 .ods 文件（{detail}），请另存为 .xlsx",
        "cannot read the .ods file ({detail}); save it as .xlsx",
        (Clause("crashed", "（读取程序异常终止）", " (the reader stopped abnormally)"),),
    ),
    # ---- LibreOffice (soffice.py)
    NoteKind(
        "soffice-missing",
        "error",
        "读取 {format} 文件（.{source}）需要安装 LibreOffice（如 apt install "
        "libreoffice-writer libreoffice-calc），或另存为 .{target} 后再读取",
        "reading this {format} file (.{source}) needs LibreOffice: install LibreOffice (e.g. "
        "apt install libreoffice-writer libreoffice-calc), or save it as .{target} first",
    ),
    NoteKind(
        "soffice-timeout",
        "error",
        "LibreOffice 转换 {format} 文件（.{source}）超时（{seconds} 秒）",
        "LibreOffice took more than {seconds} s to convert the {format} file (.{source})",
    ),
    NoteKind(
        "soffice-unrunnable",
        "error",
        "无法运行 LibreOffice（{reason}）；需要安装 LibreOffice（如 apt install "
        "libreoffice-writer libreoffice-calc）",
        "cannot run LibreOffice ({reason}); install LibreOffice (e.g. apt install "
        "libreoffice-writer libreoffice-calc)",
    ),
    NoteKind(
        "soffice-failed",
        "error",
        "LibreOffice 无法转换此 {format} 文件（.{source}）（文件可能已损坏或加密）",
        "LibreOffice could not convert this {format} file (.{source}) (damaged or encrypted?)",
    ),
    # ---- an output file (atomic.py, suffix.py)
    NoteKind(
        "output-is-input",
        "error",
        "输出文件不能与输入文件 {input} 相同，否则会覆盖输入",
        "the output is the input file {input}; refusing to overwrite an input",
    ),
    NoteKind("output-unwritable", "error", "无法写入（{reason}）", "cannot be written ({reason})"),
    NoteKind("output-is-folder", "error", "输出路径是一个文件夹", "the output path is a directory"),
    NoteKind(
        "output-not-regular",
        "error",
        "输出路径是设备、管道或套接字，不是普通文件，拒绝写入",
        "the output path is a device, a pipe or a socket, not a regular file; refusing to write it",
    ),
    NoteKind(
        "output-left-unchanged",
        "error",
        "写入失败（{reason}），输出未改变",
        "writing failed ({reason}); the output is unchanged",
    ),
    NoteKind(
        "output-folder-unwritable",
        "error",
        "无法在 {folder} 写入文件：{reason}",
        "cannot write in {folder}: {reason}",
    ),
    NoteKind(
        "output-suffix-mismatch",
        "error",
        "输出文件的扩展名 {suffix} 与内容不符：写出的是 Excel 工作簿，请改用 {allowed} 扩展名"
        "（需要其他格式时用 LibreOffice 或 Excel 另存）",
        "the output's extension {suffix} does not match its content, an Excel workbook: name it "
        "{allowed} (convert with LibreOffice or Excel for another format)",
        (Clause("format", "；{suffix} 表示 {format} 文件", "; {suffix} means {format}"),),
    ),
    NoteKind(
        "output-suffix-missing",
        "error",
        "输出文件没有扩展名：写出的是 Excel 工作簿，请使用 {allowed} 扩展名",
        "the output has no extension: it holds an Excel workbook, name it {allowed}",
    ),
)
