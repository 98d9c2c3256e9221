"""More producers nobody here wrote: encodings and wrappers real sites and offices use.

Each takes a report and a folder and writes the report as one more program does:
Notepad's "Unicode" text (UTF-16 LE with a BOM) and UTF-8 with a BOM, a GBK page that
declares its charset only in a ``<meta http-equiv>`` (or not at all), Word's "single
file web page" (.mht: MIME, quoted-printable, gb2312), Excel's web page markup
(``x:num``, ``mso-number-format``, ``<col>`` widths, a hidden column), a Google Docs
export (every cell ``<td class><p class><span class>``), pandoc's Markdown grid tables
(``+---+`` borders, labels wrapped over lines in their cells), and LibreOffice's .odt
and .rtf of our .docx and its HTML of the filled Excel template. They plug into
:data:`MORE` as :data:`producers.PRODUCERS` does.
"""

from __future__ import annotations

import os
import quopri
import re
import shutil
import subprocess
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

from producers import Producer, _digest, _tab_lines, docx, html_word
from zfxxgk import AnnualReport
from zfxxgk.core.layout import Table
from zfxxgk.published.export import table_rows, title, to_html, to_word_text


def _write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def txt_utf16(report: AnnualReport, folder: Path) -> Path:
    """Pasted tab text saved by Windows Notepad as "Unicode": UTF-16 LE with a BOM, CRLF."""
    text = "\r\n".join(_tab_lines(report)) + "\r\n"
    return _write_bytes(folder, "unicode.txt", b"\xff\xfe" + text.encode("utf-16-le"))


def word_text_utf16(report: AnnualReport, folder: Path) -> Path:
    """Word's text export with the "Unicode" encoding: UTF-16 LE with a BOM, CRLF."""
    text = to_word_text(report).replace("\n", "\r\n")
    return _write_bytes(folder, "word-unicode.txt", b"\xff\xfe" + text.encode("utf-16-le"))


def txt_utf16_be(report: AnnualReport, folder: Path) -> Path:
    """Notepad's "Unicode big endian": UTF-16 BE with a BOM."""
    text = "\r\n".join(_tab_lines(report)) + "\r\n"
    return _write_bytes(folder, "unicode-be.txt", b"\xfe\xff" + text.encode("utf-16-be"))


def txt_utf8_bom(report: AnnualReport, folder: Path) -> Path:
    """Pasted tab text saved by Notepad as UTF-8 (with its BOM), CRLF."""
    text = "\r\n".join(_tab_lines(report)) + "\r\n"
    return _write_bytes(folder, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))


def _gbk_page(report: AnnualReport, meta: bool) -> bytes:
    page = to_html(report).replace('<meta charset="utf-8">', "")
    page = page.replace("<!DOCTYPE html>\n", "").replace(' lang="zh-CN"', "")
    if meta:
        page = page.replace(
            "<head>",
            '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        )
    return page.replace("\n", "\r\n").encode("gb18030")


def html_gbk_meta(report: AnnualReport, folder: Path) -> Path:
    """An old site's page in GBK, its charset only in ``<meta http-equiv>`` (gb2312)."""
    return _write_bytes(folder, "gbk.htm", _gbk_page(report, meta=True))


def html_gbk_bare(report: AnnualReport, folder: Path) -> Path:
    """A page in GBK that declares no charset at all."""
    return _write_bytes(folder, "gbk-bare.html", _gbk_page(report, meta=False))


def txt_gbk(report: AnnualReport, folder: Path) -> Path:
    """Pasted tab text saved by Notepad in the system's code page (GBK), CRLF."""
    text = "\r\n".join(_tab_lines(report)) + "\r\n"
    return _write_bytes(folder, "gbk.txt", text.encode("gb18030"))


def html_mixed(report: AnnualReport, folder: Path) -> Path:
    """A UTF-8 page whose footer a CMS includes in GBK (``版权所有`` in GBK bytes)."""
    page = to_html(report).encode("utf-8")
    footer = "<p>版权所有：某某市人民政府办公室　技术支持：某某网络</p>".encode("gb18030")
    return _write_bytes(folder, "mixed.html", page.replace(b"</body>", footer + b"</body>"))


def mht_word(report: AnnualReport, folder: Path) -> Path:
    """Word's "single file web page" (.mht): MIME multipart/related, the page in
    quoted-printable gb2312, a file list part and an image part beside it."""
    with tempfile.TemporaryDirectory() as tmp:
        page = html_word(report, Path(tmp)).read_text(encoding="utf-8")
    page = page.replace(
        "<head>",
        '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">',
    )
    body = quopri.encodestring(page.replace("\n", "\r\n").encode("gb18030")).decode("ascii")
    boundary = "----=_NextPart_01DA0000.12345670"
    parts = [
        "MIME-Version: 1.0",
        "X-Document-Type: Document",
        f'Content-Type: multipart/related; boundary="{boundary}"',
        "",
        "此文档为“单个文件网页”，也称为“Web 档案”文件。",
        "",
        f"--{boundary}",
        "Content-Location: file:///C:/D0000000/report.htm",
        "Content-Transfer-Encoding: quoted-printable",
        'Content-Type: text/html; charset="gb2312"',
        "",
        body,
        "",
        f"--{boundary}",
        "Content-Location: file:///C:/D0000000/report.files/filelist.xml",
        "Content-Transfer-Encoding: quoted-printable",
        'Content-Type: text/xml; charset="utf-8"',
        "",
        '<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office">',
        ' <o:MainFile HRef=3D"../report.htm"/>',
        "</xml>",
        "",
        f"--{boundary}",
        "Content-Location: file:///C:/D0000000/report.files/image001.png",
        "Content-Transfer-Encoding: base64",
        "Content-Type: image/png",
        "",
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "",
        f"--{boundary}--",
        "",
    ]
    text = "\r\n".join(parts)
    return _write_bytes(folder, "report.mht", text.encode("gb18030"))


def mht_blink(report: AnnualReport, folder: Path) -> Path:
    """Chromium's "save as MHTML": headers before ``MIME-Version``, the page in UTF-8,
    quoted-printable, a boundary of its own; here base64 as other browsers write it."""
    import base64

    page = to_html(report).encode("utf-8")
    body = base64.encodebytes(page).decode("ascii")
    boundary = "----MultipartBoundary--abc123----"
    lines = [
        "From: <Saved by Blink>",
        "Snapshot-Content-Location: https://www.example.gov.cn/zfxxgk/ndbg/index.html",
        "Subject: =?utf-8?Q?2024=E5=B9=B4=E6=8A=A5?=",
        "Date: Mon, 13 Jan 2025 10:00:00 +0800",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"',
        "",
        "",
        f"--{boundary}",
        "Content-Type: text/html",
        "Content-ID: <frame-1@mhtml.blink>",
        "Content-Transfer-Encoding: base64",
        "Content-Location: https://www.example.gov.cn/zfxxgk/ndbg/index.html",
        "",
        body,
        f"--{boundary}",
        "Content-Type: text/css",
        "Content-Transfer-Encoding: quoted-printable",
        "Content-Location: cid:css-1@mhtml.blink",
        "",
        "td { padding: 2px; }",
        f"--{boundary}--",
        "",
    ]
    return _write_bytes(folder, "page.mhtml", "\r\n".join(lines).encode("ascii"))


def html_utf16(report: AnnualReport, folder: Path) -> Path:
    """A page saved by Word or Notepad as "Unicode": UTF-16 LE with a BOM and a
    ``charset=unicode`` meta."""
    page = to_html(report).replace(
        '<meta charset="utf-8">',
        '<meta http-equiv=Content-Type content="text/html; charset=unicode">',
    )
    return _write_bytes(folder, "unicode.htm", b"\xff\xfe" + page.encode("utf-16-le"))


def _excel_cell(m: re.Match[str]) -> str:
    open_tag, text = m.group(1), m.group(2)
    attrs = " class=xl66"
    plain = text.replace(",", "")
    if re.fullmatch(r"-?\d+", plain):
        attrs += f' align=right x:num="{plain}"'
    elif re.fullmatch(r"-?\d+\.\d+", plain):
        attrs += f' align=right style=\'mso-number-format:"0\\.00"\' x:num="{plain}"'
    hidden = "<td class=xl65 style='display:none'>1</td>"
    return f"{open_tag[:-1]}{attrs}>{text}</td>{hidden}"


def html_excel(report: AnnualReport, folder: Path) -> Path:
    """Excel's "save as web page": ``x:num`` values, ``mso-number-format``, ``<col>``
    widths, a hidden helper column (``display:none``) after every cell, a hidden row."""
    page = to_html(report)
    page = re.sub(r"(<td[^>]*>)(.*?)</td>", _excel_cell, page)
    page = re.sub(
        r"<col style=\"width:([\d.]+)%\">",
        lambda m: (
            f"<col width={int(float(m.group(1)) * 8)} style='width:{m.group(1)}pt'>"
            "<col width=0 style='display:none'>"
        ),
        page,
    )
    page = page.replace(
        '<html lang="zh-CN">',
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns="http://www.w3.org/TR/REC-html40">',
    )
    page = page.replace(
        "</tbody>",
        "<tr style='display:none'><td class=xl66>合计</td><td x:num=\"999\">999</td></tr></tbody>",
    )
    page = page.replace(
        "<style>",
        "<style>\n.xl65{mso-style-parent:style0;display:none}\n"
        ".xl66{mso-style-parent:style0;mso-number-format:General;}\n",
    )
    path = folder / "excel.htm"
    path.write_text(page, encoding="utf-8")
    return path


def _sheet_cell(m: re.Match[str]) -> str:
    """A cell as Excel writes it: a number ``x:num`` shown with thousands separators."""
    open_tag, text = m.group(1), m.group(2)
    if re.fullmatch(r"\d+", text):
        shown = f"{int(text):,}"
        return (
            f'{open_tag[:-1]} class=xl70 align=right x:num="{text}" '
            f"style='mso-number-format:\"\\#\\,\\#\\#0\"'>{shown}</td>"
        )
    if re.fullmatch(r"\d+\.\d+", text):
        shown = f"{Decimal(text):,}"  # (a format of as many decimals as the amount has)
        return f'{open_tag[:-1]} class=xl71 align=right x:num="{text}">{shown}</td>'
    if not text:
        return f"{open_tag[:-1]} class=xl68>&nbsp;</td>"
    return f"{open_tag[:-1]} class=xl66 x:str>{text}</td>"


def html_excel_sheet(report: AnnualReport, folder: Path) -> Path:
    """Excel's "save as web page" of one sheet holding the whole report: one ``<table>``
    (each section's title a row of its own, merged over the sheet's width), numbers
    ``x:num`` shown with thousands separators, gb2312, the hidden row of column widths
    in ``<![if supportMisalignedColumns]>``."""
    page = to_html(report)
    width = max(t.width for t in report.layout.tables)
    rows: list[str] = []
    for m in re.finditer(r"<h[12]>(.*?)</h[12]>|<table.*?</table>", page, flags=re.S):
        if m.group(1) is not None:
            rows.append(f"<tr height=24><td colspan={width} class=xl72>{m.group(1)}</td></tr>")
            continue
        for tr in re.findall(r"<tr>.*?</tr>", m.group(0), flags=re.S):
            rows.append(re.sub(r"(<td[^>]*>)(.*?)</td>", _sheet_cell, tr))
    hidden = "".join("<td width=72 style='width:54pt'></td>" for _ in range(width))
    sheet = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" '
        'xmlns="http://www.w3.org/TR/REC-html40">\r\n<head>\r\n'
        '<meta http-equiv=Content-Type content="text/html; charset=gb2312">\r\n'
        "<meta name=ProgId content=Excel.Sheet>\r\n"
        '<meta name=Generator content="Microsoft Excel 15">\r\n'
        '<style>\r\n<!--table\r\n\t{mso-displayed-decimal-separator:"\\.";}\r\n'
        ".xl66\r\n\t{mso-style-parent:style0;white-space:normal;}\r\n-->\r\n</style>\r\n"
        "<!--[if gte mso 9]><xml>\r\n <x:ExcelWorkbook>\r\n  <x:ExcelWorksheets>\r\n"
        "   <x:ExcelWorksheet>\r\n    <x:Name>年报</x:Name>\r\n   </x:ExcelWorksheet>\r\n"
        "  </x:ExcelWorksheets>\r\n </x:ExcelWorkbook>\r\n</xml><![endif]-->\r\n"
        "</head>\r\n\r\n<body link=blue vlink=purple>\r\n\r\n"
        "<table border=0 cellpadding=0 cellspacing=0 width=864 "
        "style='border-collapse:collapse;table-layout:fixed;width:648pt'>\r\n"
        + "".join(" <col width=72 style='width:54pt'>\r\n" for _ in range(width))
        + "\r\n".join(rows)
        + "\r\n <![if supportMisalignedColumns]>\r\n <tr height=0 style='display:none'>\r\n"
        + hidden
        + "\r\n </tr>\r\n <![endif]>\r\n</table>\r\n\r\n</body>\r\n\r\n</html>\r\n"
    )
    return _write_bytes(folder, "sheet.htm", sheet.encode("gb18030"))


def _gdocs_cell(m: re.Match[str]) -> str:
    open_tag, text = m.group(1), m.group(2)
    spans = re.findall(r'\s(?:rowspan|colspan)="\d+"', open_tag)
    return f'<td class="c12"{"".join(spans)}><p class="c3"><span class="c5">{text}</span></p></td>'


def html_gdocs(report: AnnualReport, folder: Path) -> Path:
    """Google Docs' HTML export: one line, every cell ``<td class><p class><span class>``,
    headings as styled paragraphs, the styles in a ``<style>`` block."""
    page = to_html(report)
    page = re.sub(r"(<td[^>]*>)(.*?)</td>", _gdocs_cell, page)
    page = re.sub(r"<h[12]>(.*?)</h[12]>", r'<p class="c7"><span class="c9">\1</span></p>', page)
    page = re.sub(r"<colgroup>.*?</colgroup>", "", page, flags=re.S)
    page = re.sub(r'<table class="zb" id="\w+" border="1">', '<table class="c14">', page)
    page = re.sub(
        r"<style>.*?</style>", '<style type="text/css">' + _GDOCS_CSS + "</style>", page, flags=re.S
    )
    page = page.replace("<body>", '<body class="c15 doc-content">').replace("\n", "")
    path = folder / "gdocs.html"
    path.write_text(page, encoding="utf-8")
    return path


_GDOCS_CSS = (
    "ol{margin:0;padding:0}table td,table th{padding:0}"
    ".c12{border-right-style:solid;padding:5pt 5pt 5pt 5pt;border-bottom-color:#000000;"
    "border-top-width:1pt;border-right-width:1pt;border-left-color:#000000;vertical-align:top;"
    "border-right-color:#000000;border-left-width:1pt;border-top-style:solid}"
    ".c3{padding-top:0pt;padding-bottom:0pt;line-height:1.15;text-align:left}"
    ".c5{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;"
    'font-size:11pt;font-family:"Arial";font-style:normal}'
    ".c7{padding-top:0pt;padding-bottom:0pt;line-height:1.15;text-align:center}"
    ".c9{font-weight:700;font-size:16pt}.c14{margin-left:auto;border-spacing:0;"
    "border-collapse:collapse;margin-right:auto}.c15{background-color:#ffffff;"
    "max-width:451.4pt;padding:72pt 72pt 72pt 72pt}"
)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _wrap(text: str, width: int) -> list[str]:
    """Text in lines of at most ``width`` display columns (CJK counts two)."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if _width(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line or not lines else lines


def _grid_table(grid: list[list[str]], n_head: int) -> list[str]:
    """A pandoc grid table: ``+---+`` rules, ``+===+`` under the header, cells whose
    text wraps over lines (labels at most 14 columns wide)."""
    width = len(grid[0])
    cols = [min(14, max(3, *(_width(row[c]) for row in grid))) for c in range(width)]
    rule = "+" + "+".join("-" * (w + 2) for w in cols) + "+"
    out = [rule]
    for i, row in enumerate(grid):
        wrapped = [_wrap(row[c], cols[c]) for c in range(width)]
        height = max(len(w) for w in wrapped)
        for k in range(height):
            cells = []
            for c in range(width):
                t = wrapped[c][k] if k < len(wrapped[c]) else ""
                cells.append(" " + t + " " * (cols[c] - _width(t)) + " ")
            out.append("|" + "|".join(cells) + "|")
        out.append(rule.replace("-", "=") if i == n_head - 1 else rule)
    return out


def md_grid(report: AnnualReport, folder: Path) -> Path:
    """pandoc's Markdown of a Word document: grid tables (a merged cell's text in its
    first cell, the cells it covers empty), long labels wrapped within their cells."""
    from zfxxgk.published.export import header_count

    out = [title(report), "", "=" * 20, ""]
    for table in report.layout.tables:
        out += [table.title, "", ""]
        rows = table_rows(report, table)
        grid = [[""] * table.width for _ in rows]
        for r, row in enumerate(rows):
            for c in row:
                grid[r][c.col] = c.text
        n_head = header_count(rows) if len(table.blocks) == 1 else 0
        out += _grid_table(grid, n_head)
        out.append("")
    path = folder / "pandoc.md"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _boxes(report: AnnualReport, table: Table) -> list[tuple[int, int, int, int, str]]:
    """The table's cells as (row, col, rowspan, colspan, text), a gap an empty cell."""
    rows = table_rows(report, table)
    out = [(r, c.col, c.rowspan, c.colspan, c.text) for r, row in enumerate(rows) for c in row]
    covered = {(r + dr, c + dc) for r, c, rs, cs, _ in out for dr in range(rs) for dc in range(cs)}
    out += [
        (r, c, 1, 1, "")
        for r in range(len(rows))
        for c in range(table.width)
        if (r, c) not in covered
    ]
    return out


def _draw_grid(
    boxes: list[tuple[int, int, int, int, str]], n_rows: int, width: int, n_head: int, wrap: int
) -> list[str]:
    """A pandoc 3 grid table of these cells: merged cells one box (the rules under and
    beside a merged cell cut short), text wrapped at ``wrap`` display columns."""
    cols = [3] * width
    for _, c, _, cs, text in boxes:
        if cs == 1:
            cols[c] = max(cols[c], min(wrap, _width(text)))
    xs = [0]
    for w in cols:
        xs.append(xs[-1] + w + 3)
    lines_of = {}
    for r, c, _, cs, text in boxes:
        lines_of[(r, c)] = _wrap(text, xs[c + cs] - xs[c] - 3)
    heights = [1] * n_rows
    for r, c, rs, _, _ in sorted(boxes, key=lambda b: b[2]):
        need = len(lines_of[(r, c)]) - (rs - 1)
        have = sum(heights[r : r + rs])
        if need > have:
            heights[r + rs - 1] += need - have
    ys = [0]
    for h in heights:
        ys.append(ys[-1] + h + 1)
    canvas = [[" "] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]
    for r, c, rs, cs, _ in boxes:  # the edges, then every box's corners over them
        top, bottom, left, right = ys[r], ys[r + rs], xs[c], xs[c + cs]
        for y in (top, bottom):
            flat = "=" if y == ys[n_head] and n_head else "-"
            for x in range(left + 1, right):
                canvas[y][x] = flat
        for x in (left, right):
            for y in range(top + 1, bottom):
                canvas[y][x] = "|"
        for k, text in enumerate(lines_of[(r, c)]):
            x = left + 2
            for ch in text:
                canvas[top + 1 + k][x] = ch
                if _width(ch) == 2:
                    canvas[top + 1 + k][x + 1] = ""
                x += _width(ch)
    for r, c, rs, cs, _ in boxes:
        for y, x in (
            (ys[r], xs[c]),
            (ys[r], xs[c + cs]),
            (ys[r + rs], xs[c]),
            (ys[r + rs], xs[c + cs]),
        ):
            canvas[y][x] = "+"
    return ["".join(row).rstrip() for row in canvas]


def _grid_document(report: AnnualReport, wrap: int) -> str:
    from zfxxgk.published.export import header_count

    out = [title(report), ""]
    for table in report.layout.tables:
        out += [table.title, ""]
        rows = table_rows(report, table)
        n_head = header_count(rows) if len(table.blocks) == 1 else 0
        out += _draw_grid(_boxes(report, table), len(rows), table.width, n_head, wrap)
        out.append("")
    return "\n".join(out) + "\n"


def md_grid_spans(report: AnnualReport, folder: Path) -> Path:
    """pandoc 3's Markdown of a Word document: grid tables whose merged cells are one box
    each, labels wrapped in narrow columns."""
    path = folder / "pandoc3.md"
    path.write_text(_grid_document(report, 12), encoding="utf-8")
    return path


def txt_grid(report: AnnualReport, folder: Path) -> Path:
    """pandoc's plain text (``-t plain``; reStructuredText alike) saved as .txt: the same
    grid tables, wide columns."""
    path = folder / "pandoc.txt"
    path.write_text(_grid_document(report, 60), encoding="utf-8")
    return path


# ------------------------------------------------------------------- LibreOffice conversions

#: LibreOffice's conversions by (target, report digest), for the session.
_CONVERTED: dict[tuple[str, str], bytes] = {}
#: producer → (soffice target, output suffix, input kind: docx or xlsx).
_CONVERSIONS = {
    "odt": ("odt", ".odt", "docx"),
    "rtf": ("rtf", ".rtf", "docx"),
    "html-calc": ("html:HTML (StarCalc)", ".html", "xlsx"),
}


def prefetch(reports: list[AnnualReport], producers: tuple[str, ...] = tuple(_CONVERSIONS)) -> None:
    """Convert the reports for these producers, one soffice run per target."""
    from zfxxgk import fill

    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    for producer in producers:
        target, suffix, kind = _CONVERSIONS[producer]
        todo = {_digest(r): r for r in reports if (target, _digest(r)) not in _CONVERTED}
        if not todo:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            sources = []
            for i, (key, report) in enumerate(todo.items()):
                folder = Path(tmp) / str(i)
                folder.mkdir()
                if kind == "docx":
                    src = docx(report, folder).rename(folder / f"r{i}.docx")
                else:
                    src = Path(fill(report, folder / f"r{i}.xlsx"))
                sources.append((key, src))
            out = Path(tmp) / "out"
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(out),
                    *(str(src) for _, src in sources),
                ],
                check=True,
                capture_output=True,
                timeout=300,
                env={**os.environ, "HOME": tmp},
            )
            for key, src in sources:
                _CONVERTED[(target, key)] = (out / f"{src.stem}{suffix}").read_bytes()


def _converted(report: AnnualReport, producer: str, folder: Path) -> Path:
    target, suffix, _ = _CONVERSIONS[producer]
    if (target, _digest(report)) not in _CONVERTED:
        prefetch([report], (producer,))
    return _write_bytes(folder, f"report{suffix}", _CONVERTED[(target, _digest(report))])


def odt(report: AnnualReport, folder: Path) -> Path:
    """Our .docx saved by LibreOffice (or WPS) as OpenDocument text."""
    return _converted(report, "odt", folder)


def rtf(report: AnnualReport, folder: Path) -> Path:
    """Our .docx saved by LibreOffice (or WPS, WordPad) as RTF."""
    return _converted(report, "rtf", folder)


def html_calc(report: AnnualReport, folder: Path) -> Path:
    """The official template filled by zfxxgk, saved by LibreOffice Calc as a web page."""
    return _converted(report, "html-calc", folder)


def filled_truth(report: AnnualReport) -> AnnualReport:
    """What the filled template shows: its formulas total the rows a report left blank."""
    import zfxxgk

    with tempfile.TemporaryDirectory() as tmp:
        return zfxxgk.read(zfxxgk.fill(report, Path(tmp) / "filled.xlsx"))


#: The truth a producer's output shows, where it is not the report itself.
TRUTHS = {"html-calc": filled_truth}

#: Every producer of this module by name.
MORE: dict[str, Producer] = {
    "txt-utf16": txt_utf16,
    "txt-utf16-be": txt_utf16_be,
    "word-text-utf16": word_text_utf16,
    "txt-utf8-bom": txt_utf8_bom,
    "txt-gbk": txt_gbk,
    "html-gbk-meta": html_gbk_meta,
    "html-gbk-bare": html_gbk_bare,
    "html-mixed": html_mixed,
    "mht-word": mht_word,
    "mht-blink": mht_blink,
    "html-utf16": html_utf16,
    "html-excel": html_excel,
    "html-gdocs": html_gdocs,
    "html-excel-sheet": html_excel_sheet,
    "md-grid": md_grid,
    "md-grid-spans": md_grid_spans,
    "txt-grid": txt_grid,
    "odt": odt,
    "rtf": rtf,
    "html-calc": html_calc,
}
#: The producers that need no external program.
CHEAP_MORE = tuple(k for k in MORE if k not in _CONVERSIONS)
