"""The shapes people publish a report in, made from any report, and how a parse scores.

Each producer takes a report and a folder and writes the report there as one publisher's
program would: HTML with its spans, HTML from a web CMS that dropped the spans, HTML saved
by Word (``MsoNormal`` paragraphs and spans in every cell, ``<o:p>``), LibreOffice's HTML
export of our .docx, the .docx itself, a Word table pasted as tab-separated text, Word's
text export (one cell a line), Markdown from an OCR tool (a label heading over a one-row
table under a generic header) and plain Markdown. All start from the ruled renderers of
:mod:`zfxxgk.published.export` and transform their output.

:func:`score` compares a parse with the truth cell by cell: right, blank with a warning
naming its row, or wrong (another number, or a blank nobody warned of). Other producers
(PDF, .doc, scans) plug into :data:`PRODUCERS` the same way.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs

from zfxxgk import AnnualReport
from zfxxgk.core.evaluate import evaluate, report_getter
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import FieldPath, Kind
from zfxxgk.published.export import (
    GridCell,
    table_rows,
    title,
    to_html,
    to_markdown,
    to_word_text,
)
from zfxxgk.published.parse import ParseResult

Producer = Callable[[AnnualReport, Path], Path]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def html_spans(report: AnnualReport, folder: Path) -> Path:
    """Our own page: rowspan and colspan as the official format merges cells."""
    return _write(folder, "spans.html", to_html(report))


def html_cms(report: AnnualReport, folder: Path) -> Path:
    """A web CMS that keeps every cell but drops rowspan and colspan."""
    page = re.sub(r'\s(?:rowspan|colspan)="\d+"', "", to_html(report))
    return _write(folder, "cms.html", page)


def html_cms_rowspan(report: AnnualReport, folder: Path) -> Path:
    """A CMS that drops rowspan only (colspan kept)."""
    page = re.sub(r'\srowspan="\d+"', "", to_html(report))
    return _write(folder, "cms-rowspan.html", page)


def html_cms_colspan(report: AnnualReport, folder: Path) -> Path:
    """A CMS that drops colspan only (rowspan kept)."""
    page = re.sub(r'\scolspan="\d+"', "", to_html(report))
    return _write(folder, "cms-colspan.html", page)


def _repeat_header(page: str) -> str:
    """Each table split in two halfway down its body, the second half under a copy of
    the header rows (a page break in the publisher's program)."""

    def split(m: re.Match[str]) -> str:
        table = m.group(0)
        head = re.search(r"<thead>(.*?)</thead>", table, re.S)
        body = re.search(r"<tbody>(.*?)</tbody>", table, re.S)
        if head is None or body is None:
            return table
        rows = re.findall(r"<tr>.*?</tr>", body.group(1), re.S)
        # a cell merged down across the break is cut there, as a page cuts it
        half = len(rows) // 2
        while half < len(rows) and not rows[half].startswith('<tr><td class="r"'):
            half += 1
        if half in (0, len(rows)) or "rowspan" in "".join(rows[half:]).split("</td>", 1)[0]:
            return table
        first = "".join(rows[:half])
        second = "".join(rows[half:])
        opening = table[: table.index("<thead>")]
        return (
            f"{opening}<thead>{head.group(1)}</thead><tbody>{first}</tbody></table>\n"
            f"<p>- 2 -</p>\n{opening}<thead>{head.group(1)}</thead><tbody>{second}</tbody>"
            "</table>"
        )

    return re.sub(r"<table.*?</table>", split, page, flags=re.S)


def html_repeated_header(report: AnnualReport, folder: Path) -> Path:
    """A CMS page (spans dropped) whose tables break with their header rows repeated."""
    page = re.sub(r'\s(?:rowspan|colspan)="\d+"', "", _repeat_header(to_html(report)))
    return _write(folder, "repeated.html", page)


def _word_cell(m: re.Match[str]) -> str:
    open_tag, text = m.group(1), m.group(2)
    text = "&nbsp;" if text in ("", "&nbsp;") else text
    return (
        f"{open_tag.replace('<td', '<td width=64 valign=top style=' + repr('padding:0cm'))}"
        "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US "
        "style='font-size:10.5pt;font-family:宋体'>"
        f"{text}<o:p></o:p></span></p></td>"
    )


def html_word(report: AnnualReport, folder: Path) -> Path:
    """Word's "save as web page": MsoNormal paragraphs and spans in cells, ``<o:p>``."""
    page = to_html(report)
    page = re.sub(r"(<td[^>]*>)(.*?)</td>", _word_cell, page)
    page = re.sub(
        r"<h([12])>(.*?)</h\1>",
        r"<p class=MsoNormal><b><span style='font-family:黑体'>\2<o:p></o:p></span></b></p>",
        page,
    )
    page = page.replace(
        '<html lang="zh-CN">',
        '<html xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word">',
    )
    page = page.replace(
        "<body>",
        "<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>"
        "<!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml>"
        "<![endif]-->",
    ).replace("</body>", "</div></body>")
    page = page.replace(
        "<table class=", "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 data-x="
    )
    return _write(folder, "word.htm", page)


def docx(report: AnnualReport, folder: Path) -> Path:
    """Our Word document (python-docx), merges as the official format has them."""
    from zfxxgk.published.docx_writer import save, tables_document

    path = folder / "report.docx"
    save(tables_document(report), path)
    return path


#: LibreOffice's conversions of our .docx, by (filter, report digest), for the session:
#: soffice takes seconds to start.
_LIBREOFFICE: dict[tuple[str, str], bytes] = {}
#: The conversions the producers ask of LibreOffice: producer → (filter, file suffix).
_CONVERSIONS = {
    "html-libreoffice": ("html:HTML (StarWriter)", ".html"),
    "doc": ("doc:MS Word 97", ".doc"),
}


def _digest(report: AnnualReport) -> str:
    return hashlib.sha256(report.to_json().encode()).hexdigest()


def _converted(report: AnnualReport, producer: str) -> bytes:
    target, _suffix = _CONVERSIONS[producer]
    if (target, _digest(report)) not in _LIBREOFFICE:
        prefetch_libreoffice([report], producers=(producer,))
    return _LIBREOFFICE[(target, _digest(report))]


def html_libreoffice(report: AnnualReport, folder: Path) -> Path:
    """LibreOffice's HTML export of our .docx (``soffice --convert-to html``)."""
    return _write(folder, "libreoffice.html", _converted(report, "html-libreoffice").decode())


def word97(report: AnnualReport, folder: Path) -> Path:
    """Our .docx saved by LibreOffice as a Word 97 .doc (agencies publish these)."""
    path = folder / "report.doc"
    path.write_bytes(_converted(report, "doc"))
    return path


def prefetch_libreoffice(
    reports: list[AnnualReport], producers: tuple[str, ...] = tuple(_CONVERSIONS)
) -> None:
    """Convert the reports' .docx for these producers, one soffice run per filter."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    for producer in producers:
        target, suffix = _CONVERSIONS[producer]
        todo = {_digest(r): r for r in reports if (target, _digest(r)) not in _LIBREOFFICE}
        if not todo:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            sources = []
            for i, (key, report) in enumerate(todo.items()):
                folder = Path(tmp) / str(i)
                folder.mkdir()
                sources.append((key, docx(report, folder).rename(folder / f"r{i}.docx")))
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
                _LIBREOFFICE[(target, key)] = (out / f"{src.stem}{suffix}").read_bytes()


def _continued(rows: list[list[GridCell]]) -> list[dict[int, int]]:
    """For each row, the cells a merge from above continues: start column → colspan."""
    out: list[dict[int, int]] = []
    below: dict[int, tuple[int, int]] = {}  # col -> (rows left, colspan)
    for row in rows:
        out.append({c: span for c, (_, span) in below.items()})
        below = {c: (n - 1, s) for c, (n, s) in below.items() if n > 1}
        for cell in row:
            if cell.rowspan > 1:
                below[cell.col] = (cell.rowspan - 1, cell.colspan)
    return out


def tab_fields(starts: dict[int, tuple[str, int]], width: int) -> list[str]:
    """A row's tab-separated fields as Word pastes a table: each cell that starts in a
    column (its text, its colspan) once, a merged cell's other columns nothing."""
    fields: list[str] = []
    col = 0
    while col < width:
        if col in starts:
            text, span = starts[col]
            fields.append(text)
            col += span
        else:
            col += 1
    return fields


def _tab_lines(report: AnnualReport) -> list[str]:
    out = [title(report), ""]
    for table in report.layout.tables:
        out.append(table.title)
        rows = table_rows(report, table)
        for row, continued in zip(rows, _continued(rows), strict=True):
            starts = {c.col: (c.text, c.colspan) for c in row}
            starts.update({c: ("", span) for c, span in continued.items()})
            out.append("\t".join(tab_fields(starts, table.width)))
        out.append("")
    return out


def tab_text(report: AnnualReport, folder: Path) -> Path:
    """A Word table pasted as text: a row a line, cells between tabs, a merged cell once
    (one field however many columns it spans), continuation rows leave it empty."""
    return _write(folder, "pasted.txt", "\n".join(_tab_lines(report)) + "\n")


def tab_text_squeezed(report: AnnualReport, folder: Path) -> Path:
    """Pasted text that lost its empty cells (a tab per filled cell only): rows with
    blanks are short, and no column of theirs can be proven."""
    lines = ["\t".join(f for f in line.split("\t") if f.strip()) for line in _tab_lines(report)]
    return _write(folder, "squeezed.txt", "\n".join(lines) + "\n")


def word_text(report: AnnualReport, folder: Path) -> Path:
    """Word's text export: one cell a line after a tab, a blank line after each row."""
    return _write(folder, "word.txt", to_word_text(report))


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def _flush(out: list[str], pending: list[list[str]]) -> None:
    """The pending rows as a pipe table."""
    for i, cells in enumerate(pending):
        out.append(_pipe(cells))
        if i == 0:
            out.append("|" + "---|" * len(cells))
    out.append("")
    pending.clear()


def ocr_markdown(report: AnnualReport, folder: Path) -> Path:
    """Markdown from an OCR tool: each row's label as a heading, then a one-row table
    under a generic header (``| 类别 | 数据1 | … | 总计 |``) that restates the label;
    the headers, and a row with no label of its own, as a pipe table."""
    out = [f"# {title(report)}", ""]
    for table in report.layout.tables:
        out += [f"## {table.title}", ""]
        pending: list[list[str]] = []

        for row in table_rows(report, table):
            values = [c.text for c in row if not c.label]
            labels = [c.text for c in row if c.label and c.role == "row" and c.text]
            if values and labels:
                _flush(out, pending)
                head = ["类别", *(f"数据{i}" for i in range(1, len(values))), "总计"]
                out += [f"### {labels[-1]}", "", _pipe(head), "|" + "---|" * len(head)]
                out += [_pipe([labels[-1], *values]), ""]
            else:
                grid = [""] * table.width
                for c in row:
                    grid[c.col] = c.text
                pending.append(grid)
        _flush(out, pending)
    return _write(folder, "ocr.md", "\n".join(out) + "\n")


def markdown(report: AnnualReport, folder: Path) -> Path:
    """Plain Markdown pipe tables (a merged cell's text in its first cell)."""
    return _write(folder, "plain.md", to_markdown(report))


#: Every producer by name.
PRODUCERS: dict[str, Producer] = {
    "html": html_spans,
    "html-cms": html_cms,
    "html-cms-rowspan": html_cms_rowspan,
    "html-cms-colspan": html_cms_colspan,
    "html-repeated-header": html_repeated_header,
    "html-word": html_word,
    "html-libreoffice": html_libreoffice,
    "docx": docx,
    "doc": word97,
    "tab-text": tab_text,
    "tab-text-squeezed": tab_text_squeezed,
    "word-text": word_text,
    "md-ocr": ocr_markdown,
    "md": markdown,
}
#: The producers that need no external program and take milliseconds.
CHEAP = (
    "html",
    "html-cms",
    "html-cms-rowspan",
    "html-cms-colspan",
    "html-repeated-header",
    "html-word",
    "tab-text",
    "tab-text-squeezed",
    "word-text",
    "md-ocr",
    "md",
)

#: The producers that lose what a reader needs (empty cells): blanks with warnings expected.
LOSSY = ("tab-text-squeezed",)


def samples_and_random(seed: int, randoms: int = 4) -> dict[str, AnnualReport]:
    """The samples by name and ``randoms`` seeded random reports (the editions in turn:
    big numbers, blanks, 0), named ``random{i}-{edition}``."""
    from conftest import SAMPLE_JSON, sample_path

    out = {n: AnnualReport.from_json(sample_path(n).read_bytes()) for n in SAMPLE_JSON}
    rng = random.Random(seed)
    for i in range(randoms):
        edition = ("2019", "2021")[i % 2]
        out[f"random{i}-{edition}"] = random_report(rng, edition)
    return out


def consistent_report(rng: random.Random, edition: str) -> AnnualReport:
    """A whole report whose totals add up, from a seeded generator (no hypothesis)."""
    r = AnnualReport(edition=edition, agency="某局", year=2024 if edition == "2021" else 2020)
    r = r.with_zeros()
    for f in r.layout.fields():
        if f.choices and r.get(f.path) is None:  # (采购总金额的单位, where the edition asks)
            r.set(f.path, f.choices[0])
        if r.get(f.path) == 0 and f.path[0] == "applications" and rng.random() < 0.6:
            r.set(f.path, rng.randint(0, 9))
    for f in r.layout.fields():
        if f.path[1] in ("new_received", "carried_over", "carried_forward"):
            r.set(f.path, None)
    # each column's （七）总计 is its results' sum, all of them new this year (with_totals
    # writes no （七）总计 while 一 + 二 = （七） + 四 would then fail)
    for eq in r.layout.equations:
        if eq.rule == "R3-RESULT-TOTAL" and eq.total[2] != "total":
            total = evaluate(eq, report_getter(r)).computed
            r.set(eq.total, total)
            r.set(("applications", "new_received", eq.total[2]), total)
            r.set(("applications", "carried_over", eq.total[2]), 0)
            r.set(("applications", "carried_forward", eq.total[2]), 0)
    return r.with_totals()


def random_report(rng: random.Random, edition: str) -> AnnualReport:
    """A report of random cells: blanks, 0, small and big numbers (seeded, for scripts)."""
    report = AnnualReport(
        edition=edition, agency="某某局", year=2024 if edition == "2021" else 2020
    )
    for f in report.layout.fields():
        if not f.official or f.kind is Kind.UNIT:
            continue
        pick = rng.random()
        if f.kind is Kind.MONEY:
            value: object = None if pick < 0.2 else Decimal(rng.randint(0, 10**9)) / 100
        elif f.kind is Kind.SIGNED:
            value = None if pick < 0.2 else rng.randint(-50, 50)
        elif f.kind is Kind.COUNT:
            value = (
                None
                if pick < 0.25
                else 0
                if pick < 0.6
                else rng.randint(1, 99)
                if pick < 0.9
                else rng.randint(10**6, 10**12)
            )
        else:
            value = rng.choice((None, *f.choices))
        report.set(f.path, value)
    return report


@attrs.frozen
class Score:
    """How a parse did, cell by cell, against the truth."""

    right: int
    blank: int  #: left blank, with a warning naming the row
    wrong: int  #: another number, or blank with no warning
    wrong_cells: tuple[tuple[FieldPath, object, object], ...] = ()  #: (path, truth, read)


def cells_of(report: AnnualReport) -> list[FieldPath]:
    """The fields a published table shows (a unit is shown with its amount)."""
    fields = report.layout.field_map
    return [p for p in all_fields(report.layout) if fields[p].kind is not Kind.UNIT]


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except ArithmeticError:
            return False
    return a == b


def warned_rows(result: ParseResult) -> set[tuple[str, str]]:
    """The rows (table, part) a warning of the parse names, and whole tables as (t, "")."""
    out: set[tuple[str, str]] = set()
    for w in result.warnings:
        for row in w.params.get("rows", []):
            if "." in row:
                table, part = row.split(".", 1)
                out.add((table, part))
        if w.code == "table-not-found":
            out.add((str(w.params["table"]), ""))
    return out


def score(truth: AnnualReport, result: ParseResult) -> Score:
    """Right, blank-with-a-warning and wrong cells of a parse against the truth."""
    warned = warned_rows(result)
    right = blank = 0
    wrong: list[tuple[FieldPath, object, object]] = []
    for path in cells_of(truth):
        want, got = truth.get(path), result.report.get(path)
        if _same(want, got):
            right += 1
        elif got is None and (path[:2] in warned or (path[0], "") in warned):
            blank += 1
        else:
            wrong.append((path, want, got))
    return Score(right, blank, len(wrong), tuple(wrong))
