"""Loading any report input: a workbook or canonical JSON, told apart by content.

A published report's document (PDF, Word, HTML, Markdown, text) given where a workbook or
JSON is expected is recognised by its content and refused with a message that names
``zfxxgk parse``, the command that reads such documents.
"""

from __future__ import annotations

from pathlib import Path

from zfxxgk.core.jsonio import loads
from zfxxgk.core.model import AnnualReport
from zfxxgk.errors import DocumentInputError, WorkbookFormatError, ZfxxgkError

#: The name of a Word 97–2003 document's main stream, as an OLE directory stores it.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_HTML_HEADS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<table", b"<meta")
_PARSE_HINT_ZH = "已发布的年报请用 zfxxgk parse 读取"
_PARSE_HINT_EN = "read a published report with `zfxxgk parse`"


def load_report_data(source: str) -> AnnualReport:
    """A report from a JSON file path, or from standard input when ``source`` is ``-``."""
    name = "<stdin>" if source == "-" else source
    from zfxxgk.xlsx.files import read_input, read_stdin

    data = read_stdin() if source == "-" else read_input(source)
    if Path(name).suffix.lower() != ".json":
        _refuse_document(data, name)
    try:
        return AnnualReport.from_dict(loads(data, source=name))
    except ZfxxgkError as exc:
        raise exc.located(file=name) from None


def load_report(source: str) -> AnnualReport:
    """A report from a workbook or from canonical JSON, told apart by content.

    Raises:
        DocumentInputError: the file is a PDF, Word, HTML, Markdown or text document.
    """
    if source != "-":
        from zfxxgk.xlsx.files import OLE_MAGIC, check_input

        path = check_input(source)
        with open(path, "rb") as fh:
            head = fh.read(8)
        workbook_name = path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods")
        if head.startswith(b"PK") or head.startswith(OLE_MAGIC) or workbook_name:
            from zfxxgk.workbook.read import read

            try:
                return read(path)
            except WorkbookFormatError:
                _refuse_word(path)  # a Word file says so; anything else keeps its error
                raise
    report = load_report_data(source)
    from zfxxgk.core.model import Provenance

    report.provenance = Provenance(file="<stdin>" if source == "-" else source, kind="json")
    return report


def document_kind(data: bytes, name: str) -> tuple[str, str] | None:
    """What a non-JSON, non-workbook input is, as a Chinese phrase and an English name;
    None when it may be JSON (its first character opens an object or an array)."""
    if b"%PDF-" in data[:1024]:
        return "这是 PDF 文件", "a PDF file"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head[:1] in (b"{", b"["):
        return None
    if head.startswith(_HTML_HEADS) or b"<table" in data[:200000].lower():
        return "这是 HTML 网页", "an HTML page"
    if Path(name).suffix.lower() in (".md", ".markdown"):
        return "这是 Markdown 文本", "a Markdown text"
    return "这是文本文件", "a text file"


def _refuse_document(data: bytes, name: str) -> None:
    kind = document_kind(data, name)
    if kind is None:
        return
    zh, en = kind
    if en == "a PDF file":
        hint_zh = "先将 PDF 转为文本（如 pdftotext -layout）或 Word，再用 zfxxgk parse 读取"
        hint_en = "convert it to text (e.g. pdftotext -layout) or Word, then use `zfxxgk parse`"
    else:
        hint_zh, hint_en = _PARSE_HINT_ZH, _PARSE_HINT_EN
    raise DocumentInputError(
        f"{zh}，不是工作簿或报告 JSON；{hint_zh}",
        f"this is {en}, not a workbook or report JSON; {hint_en}",
        file=name,
    )


def _refuse_word(path: Path) -> None:
    """Raise the Word message when ``path`` is a Word document (.docx or .doc)."""
    from zfxxgk.xlsx.safezip import SafeZip

    with open(path, "rb") as fh:
        data = fh.read(1 << 20)
    if data.startswith(b"PK"):
        try:
            with SafeZip(path) as z:
                is_docx = "word/document.xml" in z.names
        except ZfxxgkError:
            return
        if is_docx:
            raise DocumentInputError(
                f"这是 Word 文档（.docx），不是工作簿；{_PARSE_HINT_ZH}",
                f"this is a Word document (.docx), not a workbook; {_PARSE_HINT_EN}",
                file=str(path),
            )
    elif _WORD_STREAM in data:
        raise DocumentInputError(
            "这是 Word 97–2003 文档（.doc），不是工作簿；另存为 .docx 后用 zfxxgk parse 读取",
            "this is a Word 97–2003 document (.doc), not a workbook; save it as .docx, "
            "then use `zfxxgk parse`",
            file=str(path),
        )


#: Suffixes of published documents, read with :func:`zfxxgk.parse`.
PUBLISHED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")

#: Every input a folder may hold for ``compare`` and ``panel``: workbooks, JSON, published.
ANY_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".json", *PUBLISHED_SUFFIXES)


def load_any(source: str) -> AnnualReport:
    """A report from a workbook, canonical JSON or a published document (by its suffix:
    .txt, .md, .html, .docx are parsed; the parse warnings are in the provenance notes)."""
    from pathlib import Path

    if source != "-" and Path(source).suffix.lower() in PUBLISHED_SUFFIXES:
        from zfxxgk.published.parse import parse

        return parse(source).report
    return load_report(source)
