"""Plain text: tab-separated lines, or one cell a line as Word saves a document's tables."""

from __future__ import annotations

import re

from zfxxgk.published.grid import MAX_CELLS, MAX_LINES, MAX_ROW_CELLS, MAX_ROWS, check_bound
from zfxxgk.published.signatures import UNICODE_BOMS, UTF16_BOMS, UTF32_BOMS, bomless_utf16
from zfxxgk.published.source import PAGE_FOOTER, SourceError, TextRow


def as_utf8(data: bytes, name: str) -> bytes:
    """A text's bytes in UTF-8: a text in UTF-16 (or UTF-32) with its byte-order mark (as
    Notepad and Word save "Unicode" text), or in UTF-16 without it
    (:func:`~zfxxgk.published.signatures.bomless_utf16`), re-encoded; any other returned
    as it is.

    Raises:
        SourceError: UTF-16 or UTF-32 that does not decode.
    """
    encoding = "utf-32" if data.startswith(UTF32_BOMS) else "utf-16"
    if encoding == "utf-16" and not data.startswith(UTF16_BOMS):
        bare = bomless_utf16(data) if b"\x00" in data[:8192] else None
        if bare is None:
            return data
        encoding = bare
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        raise SourceError.of("document-encoding", file=name) from None


def decode(data: bytes, name: str) -> str:
    """Text of a document: UTF-16 with its BOM, UTF-8 (with or without BOM), else GB18030
    as Chinese sites use (see :func:`decode_counted`)."""
    return decode_counted(data, name)[0]


#: How many characters of UTF-8 a text must hold for each byte sequence that is not, to
#: be read as UTF-8 with those replaced (a UTF-8 page whose footer a CMS includes in GBK);
#: a GBK text has no more valid sequences than invalid ones.
UTF8_MAJORITY = 20


def decode_counted(data: bytes, name: str) -> tuple[str, int]:
    """:func:`decode`'s text, and how many byte sequences were replaced with U+FFFD: a
    text that is UTF-8 but for a few sequences (:data:`UTF8_MAJORITY`) is read as UTF-8
    with those replaced, not all of it as GB18030 mojibake.

    Raises:
        SourceError: no encoding reads it.
    """
    if data.startswith(UNICODE_BOMS) or (b"\x00" in data[:8192] and bomless_utf16(data)):
        return as_utf8(data, name).decode("utf-8"), 0
    try:
        return data.decode("utf-8-sig"), 0
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ch > "\x7f") - bad
    if good >= UTF8_MAJORITY * bad:
        return text, bad
    try:
        return data.decode("gb18030"), 0
    except UnicodeDecodeError:
        raise SourceError.of("document-encoding", file=name) from None


def check_text(text: str, separator: str) -> None:
    """Refuse, before splitting it, a text of more lines or cells than a report has."""
    check_bound("lines", text.count("\n") + 1, MAX_LINES)
    check_bound("cells", text.count(separator), MAX_CELLS)


def split_cells(line: str, separator: str) -> list[str]:
    """A line's cells, refusing a line of more cells than any table has."""
    check_bound("cells in one line", line.count(separator) + 1, MAX_ROW_CELLS)
    return line.split(separator)


def clean_lines(text: str) -> list[tuple[int, str]]:
    """The numbered lines of a text without page footers (``- 3 -``, ``第3页``)."""
    check_text(text, "\t")
    return [
        (i, line.rstrip("\r"))
        for i, line in enumerate(text.split("\n"), 1)
        if not PAGE_FOOTER.match(line)
    ]


def _cell_per_line(lines: list[tuple[int, str]]) -> bool:
    """Word's text export: table cells one a line, each after a tab, rows between blanks."""
    led = [line for _, line in lines if line.startswith("\t")]
    single = [line for line in led if "\t" not in line[1:]]
    return len(single) >= 20 and len(single) >= 0.8 * len(led)


def _tab_blocks(lines: list[tuple[int, str]]) -> list[tuple[int, str, int | None]]:
    """Each line with the table its tab-separated lines are of: a run of them on
    consecutive lines is one table; a blank line, a page footer or a line of text
    between two ends one (``None``: a line without a tab)."""
    out: list[tuple[int, str, int | None]] = []
    table, last = -1, -2
    for n, line in lines:
        if "\t" not in line:
            out.append((n, line, None))
            continue
        if n != last + 1:
            table += 1
        last = n + line.count("\n")  # (a row joined from its lines: _continued)
        out.append((n, line, table))
    return out


#: The rest of a cell a paragraph break cut, beginning a line: a number (no row's label
#: is one), alone or before the row's next cells.
_CONTINUED = re.compile(r"[\d.,，]+(?:\t|$)")
#: The first part of that cell, ending the line before: a number too (a row of values
#: under a header row, as table 四's, is a row of its own).
_NUMBER = re.compile(r"[\d.,，]+")


def _continued(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines of tab-separated text with each row whole: a Word table pasted as text
    breaks a row's line where one of its cells holds two paragraphs (12, then 345), and
    the next line begins with the rest of that cell; that line is joined back, the cell
    holding its lines (12 above 345: no number, never 12 and the rest lost). Only a line
    that ends in a number, shorter than the rows above it, and the line after it that
    holds numbers alone (or blanks) and is no wider than the rest of the row, are so
    joined (a row of its own, under a header row or led by an index number, is not)."""
    out: list[tuple[int, str]] = []
    last = -2  # the number of the line the last row ends on
    widest = 0  # the most cells of a row in the run of tab lines so far
    for n, line in lines:
        before = out[-1][1] if out else ""
        fields = line.count("\t") + 1
        had = before.count("\t") + 1
        if n != last + 1 or "\t" not in before:
            widest = 0
        if (
            widest
            and (had < widest or fields == 1)  # (a lone line: the rest of a row's last cell)
            and had + fields - 1 <= widest
            and _NUMBER.fullmatch(before.rpartition("\t")[2].strip(" \r"))
            and _CONTINUED.match(line.strip(" "))
            and all(_NUMBER.fullmatch(f) or not f for f in line.strip(" \r").split("\t"))
        ):
            out[-1] = (out[-1][0], f"{before}\n{line.strip(' ')}")
            widest = max(widest, had + fields - 1)
        else:
            out.append((n, line))
            if "\t" in line:
                widest = max(widest, fields)
        last = n
    return out


#: The most lines a quoted cell of tab-separated text is read across.
_QUOTED_LINES = 12
#: A field Excel quoted (it holds a line break, a tab or a quote; a quote doubled).
_QUOTED_FIELD = re.compile(r'"((?:[^"]|"")*)"', re.S)


def _unclosed(line: str) -> bool:
    """Whether the line's fields leave a quote open: a field that begins with a quote
    and is no whole quoted field (its text and doubled quotes, then the closing quote)."""
    field = line.rpartition("\t")[2]
    return field.startswith('"') and _QUOTED_FIELD.fullmatch(field) is None


def _quoted(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines of tab-separated text with each quoted cell whole: Excel's text export
    (and a copy of its cells) writes a cell holding a line break as ``"科研⏎机构"``,
    the rest of the row after the closing quote on the next line. A line whose last
    field opens a quote is joined to the lines after it up to the one that closes it
    (the field whole quoted text, then a tab or the line's end; at most
    :data:`_QUOTED_LINES` lines on), else left as it is."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        n, line = lines[i]
        end = i
        if _unclosed(line):
            opened = line.rfind("\t") + 1
            joined = line
            for k in range(i + 1, min(len(lines), i + 1 + _QUOTED_LINES)):
                joined = f"{joined}\n{lines[k][1]}"
                whole = _QUOTED_FIELD.match(joined, opened)
                if whole is not None and joined[whole.end() :][:1] in ("\t", ""):
                    line, end = joined, k
                    break
        out.append((n, line))
        i = end + 1
    return out


def _unquoted(cell: str) -> str:
    """A field Excel quoted, as the cell's text (a line break in it kept)."""
    whole = _QUOTED_FIELD.fullmatch(cell)
    return whole.group(1).replace('""', '"') if whole is not None and "\n" in cell else cell


def text_rows(text: str) -> list[TextRow]:
    """Rows of plain text: tab-separated lines, or one cell a line (Word's export)."""
    lines = clean_lines(text)
    if not _cell_per_line(lines):
        rows = [
            TextRow(tuple(map(_unquoted, split_cells(line, "\t"))), "\t" in line, n, table=table)
            for n, line, table in _tab_blocks(_continued(_quoted(lines)))
            if line.strip()
        ]
        check_bound("rows", len(rows), MAX_ROWS)
        return rows
    rows = []
    cells: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal cells
        if cells:
            check_bound("cells in one row", len(cells), MAX_ROW_CELLS)
            rows.append(TextRow(tuple(cells), False, start))
        cells = []

    for n, line in lines:
        if not line.strip() and not line.startswith("\t"):
            flush()
        elif line.startswith("\t"):
            if not cells:
                start = n
            cells.append(line[1:])
        elif cells:
            cells[-1] += line  # a label wrapped onto the next line: 科研⏎机构
        else:
            rows.append(TextRow((line,), False, n))
    flush()
    check_bound("rows", len(rows), MAX_ROWS)
    return rows
