"""Error kinds raised by published reports (``zfxxgk.published``): text, HTML, Word, PDF, OCR."""

from __future__ import annotations

from zfxxgk.notekind import Clause, NoteKind

_BOUND_ZH = "超过上限 {limit}（{count}），拒绝读取"

KINDS: tuple[NoteKind, ...] = (
    # ---- bounds on the work of reading a document (BoundError: ``bound`` names it)
    NoteKind(
        "bound-lines",
        "error",
        "文档的行数" + _BOUND_ZH,
        "the document has {count} lines, over the bound of {limit}; refusing it",
    ),
    NoteKind(
        "bound-rows",
        "error",
        "文档的表格行数" + _BOUND_ZH,
        "the document has {count} rows, over the bound of {limit}; refusing it",
    ),
    NoteKind(
        "bound-cells",
        "error",
        "文档的单元格" + _BOUND_ZH,
        "the document has {count} cells, over the bound of {limit}; refusing it",
    ),
    NoteKind(
        "bound-row-cells",
        "error",
        "文档一行中的单元格" + _BOUND_ZH,
        "the document has {count} cells in one row, over the bound of {limit}; refusing it",
    ),
    NoteKind(
        "bound-grid-cells",
        "error",
        "文档的表格单元格（合并单元格展开后）" + _BOUND_ZH,
        "the document has {count} grid cells, over the bound of {limit}; refusing it",
    ),
    NoteKind(
        "bound-tags",
        "error",
        "文档的 HTML 标签" + _BOUND_ZH,
        "the document has {count} tags, over the bound of {limit}; refusing it",
    ),
    # ---- any document
    NoteKind(
        "document-too-large",
        "error",
        "文件过大（{size} 字节），拒绝读取",
        "refusing a document of {size} bytes",
    ),
    NoteKind("document-empty", "error", "文件为空", "the document is empty"),
    NoteKind(
        "document-mht-no-page",
        "error",
        "单个文件网页（.mht）中没有可读取的网页",
        "the single file web page (.mht) holds no readable HTML page",
    ),
    NoteKind(
        "document-binary",
        "error",
        "这是二进制文件，不是文本、网页、Word 或 PDF 文档",
        "this is a binary file, not a text, HTML, Word or PDF document",
    ),
    NoteKind(
        "document-encoding",
        "error",
        "无法识别文本编码（应为 UTF-8 或 GBK）",
        "cannot decode the text (expected UTF-8 or GBK)",
    ),
    NoteKind(
        "document-is-spreadsheet",
        "error",
        "这是 Excel 97–2003 或 WPS 表格工作簿，不是已发布的年报；请用 zfxxgk read 读取",
        "this is an Excel 97–2003 or WPS spreadsheet, not a published report; read it with "
        "`zfxxgk read`",
    ),
    NoteKind(
        "docx-no-document",
        "error",
        "不是 Word 文档（缺少 word/document.xml）",
        "not a Word document (no word/document.xml)",
    ),
    # ---- PDF (read in a helper process bounded in time and memory)
    NoteKind(
        "pdf-extra-missing",
        "error",
        "读取 PDF 需要安装 PDF 支持：{install}",
        "reading PDF needs the pdf extra: {install}",
    ),
    NoteKind(
        "pdf-timeout",
        "error",
        "读取 PDF 超过时间上限（{seconds:g} 秒），已停止",
        "reading the PDF passed its time bound ({seconds:g} s, still reading); stopped",
    ),
    NoteKind(
        "pdf-memory",
        "error",
        "读取 PDF 所需内存超过上限（{gib:g} GiB），已停止",
        "reading the PDF needs more memory than its bound ({gib:g} GiB); stopped",
    ),
    NoteKind(
        "pdf-crashed",
        "error",
        "读取 PDF 的程序异常终止（{why}）",
        "the PDF reader stopped abnormally ({why})",
    ),
    NoteKind(
        "pdf-encrypted",
        "error",
        "PDF 已加密（设有密码），请去掉密码后再读取",
        "the PDF is encrypted (password); remove the password first",
    ),
    NoteKind(
        "pdf-too-large",
        "error",
        "PDF 过大（{bound} 超过上限 {limit}），拒绝读取",
        "refusing a PDF this large (over {limit} {bound})",
        (Clause("count", "：{count}", ": {count}"),),
    ),
    NoteKind(
        "pdf-damaged",
        "error",
        "无法读取 PDF（已损坏或不是 PDF：{detail}）",
        "cannot read the PDF (damaged or not a PDF: {detail})",
    ),
    NoteKind(
        "scanned-pdf-coarse",
        "error",
        "该 PDF 为图片（扫描件），没有文字层，且扫描分辨率过低（低于 {dpi} dpi），无法 OCR",
        "the PDF is scanned images without a text layer, too coarse to OCR (under {dpi} dpi)",
    ),
    NoteKind(
        "scanned-pdf-needs-ocr",
        "error",
        "该 PDF 为图片（扫描件），没有文字层，需要先做 OCR：{install}",
        "the PDF is scanned images without a text layer; OCR it first: {install}",
    ),
    # ---- OCR of scans and page images
    NoteKind(
        "ocr-extra-missing",
        "error",
        "读取扫描件或图片需要安装 OCR 支持：{install}",
        "reading scans and page images needs the OCR extra: {install}",
    ),
    NoteKind(
        "ocr-crashed",
        "error",
        "OCR 程序异常终止（第 {page} 页：{why}）",
        "the OCR reader stopped abnormally (page {page}: {why})",
    ),
    NoteKind(
        "image-too-large",
        "error",
        "图片过大（{detail}），拒绝读取",
        "refusing an image this large ({detail})",
    ),
    NoteKind(
        "image-damaged",
        "error",
        "无法读取图片（已损坏或格式不支持：{detail}）",
        "cannot read the image (damaged or unsupported: {detail})",
    ),
    NoteKind(
        "image-too-many-pages",
        "error",
        "图片页数过多（{count} 页），拒绝读取",
        "refusing an image of {count} pages",
    ),
    NoteKind(
        "image-too-coarse",
        "error",
        "图片分辨率过低（约 {dpi} dpi，应至少 {least} dpi），无法 OCR",
        "the image is too coarse to OCR (about {dpi} dpi; {least} dpi at least)",
    ),
    # ---- outputs (render here; compare, aggregate and panel in the layers above)
    NoteKind(
        "output-suffix",
        "error",
        "输出文件的扩展名应为 {allowed} 之一（其他扩展名与写出的内容不符）",
        "the output's extension must be one of {allowed} (another would not match the content)",
    ),
    NoteKind(
        "full-report-docx-only",
        "error",
        "完整的年度报告（--full）只能写成 .docx",
        "the full annual report (--full) is written as .docx only",
    ),
)
