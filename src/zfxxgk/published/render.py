"""Writing a report as a published document: Word (.docx), HTML or Markdown.

The tables-only forms hold the title and the three tables as the official format prints
them; ``zfxxgk parse`` reads each back to the same numbers. The full form (Word only) is
the six-section 年度报告 with the narrative taken from the user's Markdown by section
heading, or a placeholder that says what goes there.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import attrs

from zfxxgk.core.layout import FieldPath, Kind
from zfxxgk.core.model import AnnualReport
from zfxxgk.errors import OutputError
from zfxxgk.noteparams import Setting
from zfxxgk.notes import Note
from zfxxgk.published.export import to_html, to_markdown
from zfxxgk.published.narrative import narrative_warnings

FORMATS = (".docx", ".html", ".htm", ".md")

#: The six sections of the annual report (formats.md §2) and what goes in each.
SECTIONS: tuple[tuple[str, str], ...] = (
    (
        "一、总体情况",
        "（此处填写总体情况：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、"
        "监督保障等方面的工作。）",
    ),
    ("二、主动公开政府信息情况", ""),
    ("三、收到和处理政府信息公开申请情况", ""),
    ("四、政府信息公开行政复议、行政诉讼情况", ""),
    ("五、存在的主要问题及改进情况", "（此处填写本年度工作存在的主要问题及改进情况。）"),
    (
        "六、其他需要报告的事项",
        "（此处填写其他需要报告的事项，收取信息处理费的情况在此处报告；没有的写“无”。）",
    ),
)

_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*)?\s*([一二三四五六])\s*[、.．]\s*(.*?)(?:\*\*)?\s*$"
)
_EMPHASIS = re.compile(r"\*\*|__|^#{1,6}\s*|^\s*[-*+]\s+")


@attrs.frozen
class Rendered:
    """What was written, the narrative's figures that differ from the tables, and the
    stated values the official tables have no cell for (``unshown``)."""

    path: Path
    warnings: tuple[str, ...] = ()
    unshown: tuple[Note, ...] = ()


def unshown(report: AnnualReport) -> tuple[Note, ...]:
    """A note for each row of stated values that the edition's printed tables have no cell
    for and that a reader cannot add up from the cells shown (a 2021 report that states
    only the subtotal （六）其他处理, as 淮安 reports do): rendering never drops a stated
    number silently."""
    from zfxxgk.core.grid import all_fields

    edition = report.layout
    shown: set[FieldPath] = set(all_fields(edition))
    hidden = {
        f.path: v
        for f, v in report.items()
        if v is not None and f.path not in shown and f.kind is not Kind.UNIT
    }
    changed = True
    while changed:  # a hidden value is shown where it is the sum of cells shown
        changed = False
        for eq in edition.equations:
            if eq.total not in hidden or eq.op != "=" or eq.cross_year:
                continue
            parts = [(t.sign, report.get(t.path)) for t in eq.parts]
            numbers = [(sign, v) for sign, v in parts if isinstance(v, int | Decimal)]
            if (
                all(t.path in shown for t in eq.parts)
                and len(numbers) == len(parts)
                and sum(sign * v for sign, v in numbers) == hidden[eq.total]
            ):
                shown.add(eq.total)
                del hidden[eq.total]
                changed = True
    rows: dict[str, list[Setting]] = {}
    for path, value in hidden.items():
        f = edition.field_map[path]
        rows.setdefault(f.short.split("·")[0] or f.labels[1], []).append(
            Setting(f.labels[-1], value)
        )
    return tuple(
        Note("render-unshown", params={"row": row, "edition": edition.id, "values": v})
        for row, v in rows.items()
    )


def split_sections(text: str) -> dict[str, list[str]]:
    """The narrative's paragraphs by section numeral (一 … 六): a line that starts with
    the numeral and 、 (as a Markdown heading, or naming the section) opens a section;
    paragraphs are separated by blank lines."""
    titles = {t[0]: t for t, _ in SECTIONS}
    out: dict[str, list[str]] = {}
    current: str | None = None
    para: list[str] = []

    def flush() -> None:
        if current is not None and para:
            out.setdefault(current, []).append("".join(para))
        para.clear()

    for line in text.splitlines():
        m = _HEADING.match(line)
        is_heading = m is not None and (
            line.lstrip().startswith("#") or titles[m.group(1)][2:6] in (m.group(2) or "")
        )
        if m is not None and is_heading:
            flush()
            current = m.group(1)
            out.setdefault(current, [])
            continue
        stripped = _EMPHASIS.sub("", line.strip()).strip()
        if not stripped:
            flush()
        elif current is not None:
            para.append(stripped)
    flush()
    return out


def full_sections(text: str | None) -> list[tuple[str, list[str]]]:
    """Each of the six headings with its paragraphs (or its placeholder)."""
    given = split_sections(text) if text else {}
    out = []
    for heading, placeholder in SECTIONS:
        paragraphs = given.get(heading[0], [])
        if not paragraphs and placeholder:
            paragraphs = [placeholder]
        out.append((heading, paragraphs))
    return out


def render_report(
    report: AnnualReport,
    path: str | os.PathLike[str],
    *,
    full: bool = False,
    text: str | None = None,
    previous: AnnualReport | None = None,
) -> Rendered:
    """Write ``report`` to ``path`` (.docx, .html or .md, by its suffix), atomically.

    Args:
        full: the whole six-section annual report (Word only).
        text: the narrative in Markdown, by section heading (with ``full``).
        previous: last year's report, to check the narrative's year-over-year changes.

    Returns:
        The path and the narrative's figures that differ from the tables (they are
        found before anything is written).
    """
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise OutputError.of("output-suffix", file=str(out), allowed=list(FORMATS))
    if (full or text) and suffix != ".docx":
        raise OutputError.of("full-report-docx-only", file=str(out))
    warnings = tuple(str(w) for w in narrative_warnings(text, report, previous)) if text else ()
    if suffix == ".docx":
        from zfxxgk.published import docx_writer

        doc = (
            docx_writer.full_document(report, full_sections(text))
            if full or text
            else docx_writer.tables_document(report)
        )
        docx_writer.save(doc, out)
    else:
        from zfxxgk.xlsx.atomic import write_bytes_atomic

        page = to_html(report) if suffix in (".html", ".htm") else to_markdown(report)
        write_bytes_atomic(out, page.encode("utf-8"))
    return Rendered(out, warnings, unshown(report))
