"""An output's name must say what it holds: an Excel 2007+ package goes under .xlsx.

Writing a workbook under .csv, .xls or .ods would give a file that its name promises to be
something else (Excel refuses it, or a clerk's program shows garbage), so such names are
refused before anything is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from zfxxgk.errors import OutputError

XLSX = ".xlsx"
XLSM = ".xlsm"
#: what to say for a name of another spreadsheet or text format
_OTHER = {
    ".xls": (" Excel 97–2003 工作簿", "an Excel 97–2003 workbook"),
    ".ods": (" OpenDocument 电子表格", "an OpenDocument spreadsheet"),
    ".csv": (" CSV 文本", "CSV text"),
}


def require_suffix(path: str | os.PathLike[str], allowed: tuple[str, ...] = (XLSX,)) -> Path:
    """``path`` if its extension is one of ``allowed`` (case-insensitive).

    Raises:
        OutputError: another extension (or none), naming the output and what it would
            wrongly promise.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in allowed:
        return p
    names = "、".join(allowed)
    kind_zh, kind_en = _OTHER.get(suffix, ("该扩展名所示的格式", "what that extension says"))
    shown = suffix or "（无）"
    raise OutputError(
        f"输出文件的扩展名 {shown} 与内容不符：写出的是 Excel 工作簿（{names}），"
        f"不是{kind_zh}；请改用 {names} 扩展名（需要其他格式时用 LibreOffice 或 Excel 另存）",
        f"the output's extension {suffix or '(none)'} does not match its content: "
        f"it would hold an Excel workbook ({', '.join(allowed)}), not {kind_en}; name it "
        f"{' or '.join(allowed)} (convert with LibreOffice or Excel for another format)",
        file=str(path),
    )
