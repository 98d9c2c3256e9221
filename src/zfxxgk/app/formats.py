"""Every input format the commands know, in one registry: suffixes and content → family.

A file is told apart by its content first (a zip's parts, an OLE2 compound file's
streams, a PDF or image signature, JSON's first character) and by its name only where
content is silent (text, Markdown or HTML). Each command accepts some families
(:data:`REPORT`, :data:`PUBLISHED`, :data:`ANY`) and searches a folder for the suffixes of
the families it reads, so that a format added here is known to every command at once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import attrs

from zfxxgk.noteparams import Term
from zfxxgk.published.signatures import IMAGE_MAGIC as _IMAGE_MAGIC
from zfxxgk.published.signatures import (
    UNICODE_BOMS,
    WORD_STREAM,
    bomless_utf16,
    is_mht,
    is_odt,
    is_rtf,
)
from zfxxgk.xlsx.files import OLE_MAGIC

#: Families of formats: each is read by one reader.
WORKBOOK = "workbook"  #: .xlsx/.xlsm, .xls/.et (Excel 97 and WPS), .ods: zfxxgk.read
JSON = "json"  #: canonical report JSON
DOCUMENT = "document"  #: a published report: txt, md, html, docx, pdf (zfxxgk.parse)
#: Word 97–2003 and WPS documents, OpenDocument text and RTF: converted by LibreOffice,
#: then parsed
WORD97 = "word97"
IMAGE = "image"  #: page images of a scanned report, read by OCR (zfxxgk[ocr])


@attrs.frozen
class Format:
    """One input format: its name, family, the suffixes a folder is searched for, and
    what a message calls it in Chinese and English."""

    name: str
    family: str
    suffixes: tuple[str, ...]
    zh: str
    en: str


FORMATS = (
    Format("xlsx", WORKBOOK, (".xlsx", ".xlsm"), "Excel 工作簿", "an Excel workbook"),
    Format("xls", WORKBOOK, (".xls", ".et"), "Excel 97–2003 或 WPS 工作簿", "an .xls workbook"),
    Format("ods", WORKBOOK, (".ods",), "OpenDocument 工作簿", "an OpenDocument workbook"),
    Format("json", JSON, (".json",), "报告 JSON", "report JSON"),
    Format("txt", DOCUMENT, (".txt",), "文本文件", "a text file"),
    Format("md", DOCUMENT, (".md", ".markdown"), "Markdown 文本", "a Markdown text"),
    Format("html", DOCUMENT, (".html", ".htm"), "HTML 网页", "an HTML page"),
    Format("docx", DOCUMENT, (".docx",), "Word 文档（.docx）", "a Word document (.docx)"),
    Format("pdf", DOCUMENT, (".pdf",), "PDF 文件", "a PDF file"),
    Format("csv", DOCUMENT, (".csv",), "CSV 表格", "a CSV table"),
    Format(
        "mht",
        DOCUMENT,
        (".mht", ".mhtml"),
        "单个文件网页（.mht）",
        "a single file web page (.mht)",
    ),
    Format(
        "doc",
        WORD97,
        (".doc", ".wps"),
        "Word 97–2003 或 WPS 文档（.doc、.wps）",
        "a Word 97–2003 or WPS document (.doc)",
    ),
    Format(
        "odt",
        WORD97,
        (".odt", ".rtf"),
        "OpenDocument 或 RTF 文档（.odt、.rtf）",
        "an OpenDocument text or RTF document (.odt, .rtf)",
    ),
    Format(
        "image",
        IMAGE,
        (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
        "图片（扫描页）",
        "an image (a scanned page)",
    ),
)

#: What commands accept. ``read``, ``check``, ``aggregate``: filled workbooks and JSON
#: (a folder is searched for workbooks); ``parse``: published reports and workbooks;
#: ``compare``, ``render``, ``panel``: any report.
REPORT = frozenset({WORKBOOK, JSON})
#: ``parse`` also reads a workbook (one staff made, not our template) as a published
#: report's tables, from each visible sheet's grid.
PUBLISHED = frozenset({DOCUMENT, WORD97, IMAGE, WORKBOOK})
ANY = REPORT | PUBLISHED
#: The families a folder is searched for, per role (a folder of workbooks may hold JSON
#: exports of the same reports: ``check DIR`` reads the workbooks).
FOLDER_FAMILIES = {REPORT: frozenset({WORKBOOK}), PUBLISHED: PUBLISHED, ANY: ANY}

_BY_SUFFIX = {s: f for f in FORMATS for s in f.suffixes}


def term(found: Format) -> Term:
    """The format as a message parameter: its name in each language (its key in JSON)."""
    return Term(found.name, found.zh, found.en)


def suffixes(families: Iterable[str]) -> tuple[str, ...]:
    """The suffixes of the formats of these families."""
    wanted = set(families)
    return tuple(s for f in FORMATS if f.family in wanted for s in f.suffixes)


def by_suffix(name: str) -> Format | None:
    """The format a file's name promises (None for an unknown suffix)."""
    return _BY_SUFFIX.get(os.path.splitext(name)[1].lower())


def sniff(data: bytes, name: str, zip_names: Iterable[str] = ()) -> Format:
    """The format of a file from its first bytes (``data``; a Word 97 document's stream
    name is looked for in all of ``data``), its zip parts where it is a zip, and its name
    where content cannot tell (text, Markdown, HTML)."""
    return judge(data, name, zip_names)[0]


def judge(data: bytes, name: str, zip_names: Iterable[str] = ()) -> tuple[Format, bool]:
    """:func:`sniff`'s format, and whether the content itself shows it (a signature; for
    a text, no NUL byte) rather than only the file's name: where it does not, the format's
    own reader is the one to say what the file is not."""
    named = by_suffix(name)
    if not data.strip():
        # empty: nothing to tell but its name (its reader says it is empty)
        return (named, False) if named is not None else (_format("txt"), False)
    if data.startswith(b"PK"):
        parts = set(zip_names)
        if "word/document.xml" in parts:
            return _format("docx"), True
        if "xl/workbook.xml" in parts:
            return _format("xlsx"), True
        if is_odt(data) or ("content.xml" in parts and named is not None and named.name == "odt"):
            return _format("odt"), True
        if "content.xml" in parts:
            return _format("ods"), True
        # a damaged or unknown zip: as its name says, else a workbook (whose reader says
        # what is wrong with it)
        if named is not None and named.name in ("docx", "ods", "odt"):
            return named, True
        return _format("xlsx"), True
    if data.startswith(OLE_MAGIC):
        return (_format("doc") if WORD_STREAM in data else _format("xls")), True
    if b"%PDF-" in data[:1024]:
        return _format("pdf"), True
    if data.startswith(_IMAGE_MAGIC):
        return _format("image"), True
    if is_rtf(data):
        return _format("odt"), True
    if is_mht(data):
        return _format("mht"), True
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return _format("json"), True
    # (UTF-16 or UTF-32 text with its mark, as Notepad saves "Unicode", has NULs: text)
    # (and UTF-16 without its mark, told by its code units)
    text = (
        b"\x00" not in data[:8192]
        or data.startswith(UNICODE_BOMS)
        or bomless_utf16(data) is not None
    )
    if named is not None and named.name in _TEXT_NAMES:
        # text that is no known signature: its name (its reader says why not)
        return named, text and named.name != "json"
    if named is not None and not text:
        return named, False  # binary, of no known signature: a damaged file its reader explains
    low = head.lower()
    if low.startswith(_HTML_STARTS):
        return _format("html"), True  # also a web page saved under a workbook's name (.xls)
    return _format("txt"), True  # text under a binary format's name is text, not that format


#: Formats whose content is text: a file of no known signature is what its name says.
_TEXT_NAMES = frozenset({"txt", "md", "html", "json", "csv"})
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta", b"<table")


def _format(name: str) -> Format:
    return next(f for f in FORMATS if f.name == name)


def sniff_file(path: str) -> Format:
    """The format of the file at ``path`` (see :func:`sniff`); a file that cannot be read
    is judged by its name (its reader then says why it cannot be read)."""
    return sniff_path(path)[0]


def sniff_path(path: str) -> tuple[Format, bool]:
    """The format of the file at ``path`` and whether its content shows it (see
    :func:`judge`); a file that cannot be read is judged by its name."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(1 << 20)
            if data.startswith(OLE_MAGIC) and WORD_STREAM not in data:
                data += fh.read(32 << 20)  # the stream's name may be further on
    except OSError:
        return by_suffix(path) or _format("txt"), False
    names: list[str] = []
    if data.startswith(b"PK"):
        from pathlib import Path

        from zfxxgk.errors import ZfxxgkError
        from zfxxgk.xlsx.safezip import SafeZip

        try:
            with SafeZip(Path(path)) as z:
                names = list(z.names)
        except ZfxxgkError:
            names = []
    return judge(data, path, names)


def expand(paths: Iterable[str], families: Iterable[str] = (WORKBOOK,)) -> list[str]:
    """Files named, and every file of these families under each folder named (sorted,
    recursive, by suffix).

    Lock files of spreadsheet programs (``~$x.xlsx``, ``.~lock.x#``) are left out. Nothing
    is skipped silently: a sub-folder that cannot be listed is returned itself, so that
    its record says why it could not be read, and so is a pipe or a device with a
    workbook's name (the reader refuses it without opening it). File names in no
    encoding stay as the OS gives them (surrogate escapes), so they can be opened.
    """
    wanted = suffixes(families)
    out: list[str] = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            unreadable: list[str] = []

            def note(exc: OSError, found: list[str] = unreadable) -> None:
                if exc.filename is not None:
                    found.append(os.fsdecode(exc.filename))

            for root, dirs, files in os.walk(p, onerror=note):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(wanted) and not name.startswith(("~$", ".~")):
                        out.append(os.path.join(root, name))
            out.extend(unreadable)
        else:
            out.append(p)
    return out


def expand_role(paths: Iterable[str], role: frozenset[str]) -> list[str]:
    """:func:`expand` for a command's role (:data:`REPORT`, :data:`PUBLISHED`, :data:`ANY`)."""
    return expand(paths, FOLDER_FAMILIES[role])


#: Every suffix a folder given to ``compare`` or ``panel`` is searched for.
ANY_SUFFIXES = suffixes(ANY)
