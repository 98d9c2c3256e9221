"""Producers nobody here wrote: transformations of a published page, as real sites and
programs reshape a report, and the formats a transformed page is published in.

A transformation takes an HTML page (our ruled page of a report, :func:`to_html`) and
returns another page: a units row, a 序号 column, a 备注 column with numbers in it, a row
label split into two cells, tables split at a page break, line breaks in header labels,
labels in traditional characters, rows in another order, a table transposed, a row
missing, an extra 合计 row, 0 written 〇/无/-, numbers with '+' or a trailing '.', a 占比
column, last year's report on the same page, layout cells, spans wrong by one, nested
tables, footnote marks, the 总计 column moved first. A format then publishes the
transformed page: as it is, with its spans dropped (a CMS), as pasted tab text or as
Markdown. Every (sample × transformation × format) must parse to cells right or blank
with a warning naming their row (:func:`producers.score`); never another number.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from producers import Score, cells_of, score
from zfxxgk import AnnualReport
from zfxxgk.core.cellvalue import is_absent_token
from zfxxgk.core.layout import FieldPath
from zfxxgk.published.export import to_html
from zfxxgk.published.parse import ParseResult

Page = HtmlElement
Transform = Callable[[Page, AnnualReport], None]

# --------------------------------------------------------------------------- grid helpers


def _span(td: HtmlElement, name: str) -> int:
    try:
        return max(1, int(td.get(name, "1")))
    except ValueError:
        return 1


def _grid(table: HtmlElement) -> list[list[tuple[int, HtmlElement]]]:
    """Each row's cells that start in it, with their first column."""
    out: list[list[tuple[int, HtmlElement]]] = []
    below: dict[int, int] = {}
    for tr in _rows(table):
        covered = {c for c, n in below.items() if n > 0}
        below = {c: n - 1 for c, n in below.items() if n > 1}
        row: list[tuple[int, HtmlElement]] = []
        col = 0
        for td in tr.findall("td") + tr.findall("th"):
            while col in covered:
                col += 1
            row.append((col, td))
            rs, cs = _span(td, "rowspan"), _span(td, "colspan")
            for dc in range(cs):
                if rs > 1:
                    below[col + dc] = rs - 1
            col += cs
        out.append(row)
    return out


def _rows(table: HtmlElement) -> list[HtmlElement]:
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el: HtmlElement) -> HtmlElement | None:
    p = el.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _tables(page: Page) -> list[HtmlElement]:
    return [t for t in page.iter("table") if not t.findall(".//table")]


def _td(text: str, cls: str = "v", **attrs: str) -> HtmlElement:
    td = lxml.html.Element("td")
    td.set("class", cls)
    td.text = text
    for k, v in attrs.items():
        td.set(k, v)
    return td


def _width(table: HtmlElement) -> int:
    return max((col + _span(td, "colspan") for row in _grid(table) for col, td in row), default=0)


def _is_value(td: HtmlElement) -> bool:
    return "v" in (td.get("class") or "").split()


def _is_header_row(row: list[tuple[int, HtmlElement]]) -> bool:
    return bool(row) and all("h" in (td.get("class") or "").split() for _, td in row)


def _text(td: HtmlElement) -> str:
    return td.text_content().replace("\xa0", "").strip()


# --------------------------------------------------------------------------- transforms


def units_row(page: Page, report: AnnualReport) -> None:
    """A row 单位：件 over each table (one cell across the width)."""
    for t in _tables(page):
        first = _rows(t)[0]
        tr = lxml.html.fromstring("<table><tr></tr></table>").find(".//tr")
        tr.append(_td("单位：件", "h r", colspan=str(_width(t))))
        first.addprevious(tr)


def units_line(page: Page, report: AnnualReport) -> None:
    """A line 单位：件 after each section heading, above its table."""
    for t in _tables(page):
        p = lxml.html.fromstring("<p>单位：件</p>")
        t.addprevious(p)


def _add_column(
    t: HtmlElement, first: bool, head: str, body: Callable[[int, HtmlElement], str]
) -> None:
    """A column at the start or the end of the table: the header rows get ``head``, the
    body rows ``body(i, row's edge cell)``; a cell spanning rows is matched by one."""
    width = _width(t)
    i = 0
    for tr, row in zip(_rows(t), _grid(t), strict=True):
        edge = [
            (c, td) for c, td in row if (c == 0 if first else c + _span(td, "colspan") == width)
        ]
        if not edge:
            continue
        _, td = edge[0]
        rs = str(_span(td, "rowspan"))
        if _is_header_row(row) or not any(_is_value(x) for _, x in row):
            new = _td(head, "h", rowspan=rs)
        else:
            i += 1
            new = _td(body(i, td), "r", rowspan=rs)
        if first:
            tr.insert(0, new)
        else:
            tr.append(new)


def index_column(page: Page, report: AnnualReport) -> None:
    """A leading 序号 column numbering the body rows."""
    for t in _tables(page):
        _add_column(t, True, "序号", lambda i, _: str(i))


def code_column(page: Page, report: AnnualReport) -> None:
    """A leading 编号 column (A01, A02 …)."""
    for t in _tables(page):
        _add_column(t, True, "编号", lambda i, _: f"A{i:02d}")


def notes_text(page: Page, report: AnnualReport) -> None:
    """A trailing 备注 column with words (无, 见附件)."""
    for t in _tables(page):
        _add_column(t, False, "备注", lambda i, _: "无" if i % 2 else "见附件")


def notes_numbers(page: Page, report: AnnualReport) -> None:
    """A trailing 备注 column holding bare numbers (a count the clerk noted)."""
    for t in _tables(page):
        _add_column(t, False, "备注", lambda i, _: str(i * 7 % 13))


def units_column(page: Page, report: AnnualReport) -> None:
    """A trailing 单位 column (件)."""
    for t in _tables(page):
        _add_column(t, False, "单位", lambda i, _: "件")


def share_column(page: Page, report: AnnualReport) -> None:
    """A trailing 占比 column of percentages."""
    for t in _tables(page):
        _add_column(t, False, "占比", lambda i, _: f"{i * 3.7 % 100:.1f}%")


_LABEL_NUMBER = re.compile(
    r"^((?:[一二三四五六七八九十]+、)|(?:（[一二三四五六七八九十]+）)|(?:\d+\.))(.+)$"
)


def split_labels(page: Page, report: AnnualReport) -> None:
    """Row labels split in two cells: （一） | 予以公开 (the number in a narrow cell)."""
    for t in _tables(page):
        width = _width(t)
        for row in _grid(t):
            for _col, td in row:
                if _is_value(td) or "r" not in (td.get("class") or "").split():
                    continue
                m = _LABEL_NUMBER.match(_text(td))
                if m is None or "h" in (td.get("class") or ""):
                    continue
                num = _td(m.group(1), "r", rowspan=str(_span(td, "rowspan")))
                for child in list(td):
                    td.remove(child)
                td.text = m.group(2)
                td.addprevious(num)
                # the table keeps its width: the header's corner gets the column
        _pad_width(t, width)


def _pad_width(t: HtmlElement, width: int) -> None:
    """Rows made wider than ``width`` leave the others short: widen the first cell of
    each short row that starts at column 0 (a header corner, a title)."""
    grid = _grid(t)
    new = max((c + _span(td, "colspan") for row in grid for c, td in row), default=0)
    if new == width:
        return
    for row in grid:
        ends = max((c + _span(td, "colspan") for c, td in row), default=0)
        labels = [td for _c, td in row if not _is_value(td)]
        values = [c for c, td in row if _is_value(td)]
        if row and ends < new and labels and (not values or row[0][0] == 0):
            before = [td for c, td in row if not _is_value(td) and (not values or c < values[0])]
            td = before[-1] if values else labels[0]
            td.set("colspan", str(_span(td, "colspan") + new - ends))


def split_tables(page: Page, report: AnnualReport) -> None:
    """Each table cut halfway at a page break, the rest in a second table, no header."""
    _split(page, repeat=False)


def split_tables_header(page: Page, report: AnnualReport) -> None:
    """Each table cut halfway, the second part under a copy of the header rows."""
    _split(page, repeat=True)


def _split(page: Page, repeat: bool) -> None:
    for t in _tables(page):
        rows = _rows(t)
        grid = _grid(t)
        # a cut where no cell from above crosses it
        ends: list[int] = []
        reach = 0
        for i, row in enumerate(grid):
            for _c, td in row:
                reach = max(reach, i + _span(td, "rowspan"))
            ends.append(reach)
        cuts = [i + 1 for i in range(len(rows) - 1) if ends[i] == i + 1]
        if not cuts:
            continue
        half = min(cuts, key=lambda i: abs(i - len(rows) // 2))
        head = t.find("thead")
        second = lxml.html.fromstring(f'<table class="{t.get("class", "")}" border="1"></table>')
        if repeat and head is not None:
            second.append(lxml.html.fromstring(lxml.html.tostring(head)))
        body = lxml.html.fromstring("<table><tbody></tbody></table>").find("tbody")
        for tr in rows[half:]:
            tr.getparent().remove(tr)
            body.append(tr)
        second.append(body)
        sep = lxml.html.fromstring("<p>— 2 —</p>")
        t.addnext(sep)
        sep.addnext(second)


def header_breaks(page: Page, report: AnnualReport) -> None:
    """Header labels broken by <br> inside (商业<br>企业)."""
    for td in page.iter("td"):
        if "h" not in (td.get("class") or "").split():
            continue
        text = _text(td)
        if 4 <= len(text) <= 12 and not list(td):
            mid = len(text) // 2
            td.text = text[:mid]
            br = lxml.html.fromstring("<br>")
            br.tail = text[mid:]
            td.append(br)


def _map_labels(page: Page, fn: Callable[[str], str]) -> None:
    for td in page.iter("td"):
        if _is_value(td) or list(td):
            continue
        if td.text:
            td.text = fn(td.text)


def label_spaces(page: Page, report: AnnualReport) -> None:
    """Labels with spaces between characters and ideographic spaces."""
    _map_labels(page, lambda s: "　".join(s) if len(s) <= 6 else s.replace("公开", "公 开"))


def label_halfwidth(page: Page, report: AnnualReport) -> None:
    """Labels with half-width punctuation: (一) for （一）, 1、 for 1."""
    _map_labels(
        page,
        lambda s: s.replace("（", "(").replace("）", ")").replace("、", ".").replace("．", "."),
    )


_TRAD = str.maketrans(
    {"开": "開", "总": "總", "计": "計", "处": "處", "结": "結", "议": "議", "诉": "訴",
     "复": "復", "请": "請", "数": "數", "业": "業", "关": "關", "务": "務", "机": "機"}
)  # fmt: skip


def label_traditional(page: Page, report: AnnualReport) -> None:
    """Labels in traditional characters (予以公開, 總計)."""
    _map_labels(page, lambda s: s.translate(_TRAD))


def label_typos(page: Page, report: AnnualReport) -> None:
    """Labels with a dropped or swapped character (予以公 for 予以公开, 其它 for 其他)."""
    _map_labels(
        page,
        lambda s: (
            s.replace("其他", "其它")
            .replace("重复申请", "重复申清")
            .replace("予以公开", "予已公开")
        ),
    )


def body_reversed(page: Page, report: AnnualReport) -> None:
    """The body rows of each table in reverse order where no cell spans rows."""
    for t in _tables(page):
        grid = _grid(t)
        rows = _rows(t)
        block: list[HtmlElement] = []
        for tr, row in [*zip(rows, grid, strict=True), (None, None)]:
            ok = (
                row is not None
                and any(_is_value(td) for _, td in row)
                and all(_span(td, "rowspan") == 1 for _, td in row)
                and len(row) > 1
                and row[0][0] == 0
            )
            if ok and tr is not None:
                block.append(tr)
                continue
            if len(block) > 1:
                anchor = block[-1].getnext()
                parent = block[-1].getparent()
                for b in block:
                    parent.remove(b)
                for b in block:  # reversed: each inserted before the previous
                    if anchor is None:
                        parent.append(b)
                    else:
                        anchor.addprevious(b)
                    anchor = b
            block = []


def transposed(page: Page, report: AnnualReport) -> None:
    """Each table transposed (rows for columns), spans dropped, merged text once."""
    for t in _tables(page):
        grid = _grid(t)
        width = _width(t)
        full = [[""] * width for _ in grid]
        for i, row in enumerate(grid):
            for c, td in row:
                full[i][c] = _text(td)
        new = lxml.html.fromstring(f'<table class="{t.get("class", "")}" border="1"></table>')
        for c in range(width):
            tr = lxml.html.fromstring("<table><tr></tr></table>").find(".//tr")
            for i in range(len(full)):
                tr.append(_td(full[i][c], "r"))
            new.append(tr)
        t.getparent().replace(t, new)


def missing_row(page: Page, report: AnnualReport) -> None:
    """One body row (the second with values, no span) left out of each table."""
    for t in _tables(page):
        seen = 0
        for tr, row in zip(_rows(t), _grid(t), strict=True):
            if any(_is_value(td) for _, td in row) and all(
                _span(td, "rowspan") == 1 for _, td in row
            ):
                seen += 1
                if seen == 2:
                    tr.getparent().remove(tr)
                    break


def total_row(page: Page, report: AnnualReport) -> None:
    """An extra 合计 row at the end of each table (sums of the value columns)."""
    for t in _tables(page):
        grid = _grid(t)
        width = _width(t)
        sums = [0] * width
        for row in grid:
            for c, td in row:
                if _is_value(td) and _text(td).isdigit():
                    sums[c] += int(_text(td))
        last = _rows(t)[-1]
        tr = lxml.html.fromstring("<table><tr></tr></table>").find(".//tr")
        first_value = min((c for row in grid for c, td in row if _is_value(td)), default=1)
        tr.append(_td("合计", "r", colspan=str(first_value)))
        for c in range(first_value, width):
            tr.append(_td(str(sums[c])))
        last.addnext(tr)


def _map_values(page: Page, fn: Callable[[str, int], str]) -> None:
    i = 0
    for td in page.iter("td"):
        if _is_value(td) and not list(td):
            i += 1
            td.text = fn(_text(td), i)


def zero_marks(page: Page, report: AnnualReport) -> None:
    """0 written 〇, 零, 无, - or / (in turn)."""
    marks = ("〇", "零", "无", "-", "/", "—")
    _map_values(page, lambda s, i: marks[i % len(marks)] if s == "0" else s)


def signs_and_dots(page: Page, report: AnnualReport) -> None:
    """Counts with a leading '+' and a trailing '.' (in turn)."""
    _map_values(
        page,
        lambda s, i: (f"+{s}" if i % 2 else f"{s}.") if s.isdigit() and s != "0" else s,
    )


def layout_cells(page: Page, report: AnnualReport) -> None:
    """An empty <td> at the end of every row (a layout column)."""
    for t in _tables(page):
        for tr in _rows(t):
            tr.append(_td("", "x"))


def layout_cells_first(page: Page, report: AnnualReport) -> None:
    """An empty <td> at the start of every row."""
    for t in _tables(page):
        for tr in _rows(t):
            tr.insert(0, _td("", "x"))


def colspan_plus_one(page: Page, report: AnnualReport) -> None:
    """Each row label's colspan one too many."""
    for td in page.iter("td"):
        if "r" in (td.get("class") or "").split() and td.get("colspan"):
            td.set("colspan", str(_span(td, "colspan") + 1))


def rowspan_plus_one(page: Page, report: AnnualReport) -> None:
    """Each row-spanning label one row too long."""
    for td in page.iter("td"):
        if td.get("rowspan") and "r" in (td.get("class") or "").split():
            td.set("rowspan", str(_span(td, "rowspan") + 1))


def rowspan_minus_one(page: Page, report: AnnualReport) -> None:
    """Each row-spanning label one row too short."""
    for td in page.iter("td"):
        if td.get("rowspan") and "r" in (td.get("class") or "").split():
            td.set("rowspan", str(_span(td, "rowspan") - 1))


def nested(page: Page, report: AnnualReport) -> None:
    """Each table inside a one-cell layout table."""
    for t in _tables(page):
        outer = lxml.html.fromstring(
            '<table width="100%"><tr><td align="center"></td></tr></table>'
        )
        t.getparent().replace(t, outer)
        outer.find(".//td").append(t)


def footnotes(page: Page, report: AnnualReport) -> None:
    """Footnote marks: <sup> after some labels and some values."""
    for i, td in enumerate(page.iter("td")):
        if i % 5 == 0 and not list(td) and _text(td):
            sup = lxml.html.fromstring("<sup>1</sup>") if not _is_value(td) else None
            if sup is None:
                sup = lxml.html.fromstring("<sup>注</sup>")
            td.append(sup)


def total_first(page: Page, report: AnnualReport) -> None:
    """The 总计 column moved before the first value column (tables 三)."""
    for t in _tables(page):
        if t.get("id") != "applications":
            continue
        width = _width(t)
        grid = _grid(t)
        first_value = min(c for row in grid for c, td in row if _is_value(td))
        for row in grid:
            last = [td for c, td in row if c == width - 1]
            firsts = [td for c, td in row if c == first_value]
            if last and firsts and _span(last[0], "colspan") == 1:
                firsts[0].addprevious(last[0])


def value_shares(page: Page, report: AnnualReport) -> None:
    """Counts with their share beside them in the cell: 23（12.5%）."""
    _map_values(page, lambda s, i: f"{s}（{i * 7 % 100}.5%）" if s.isdigit() and s != "0" else s)


def fullwidth_digits(page: Page, report: AnnualReport) -> None:
    """Digits written full-width (１２３)."""
    _map_values(page, lambda s, i: s.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}))


def thousands(page: Page, report: AnnualReport) -> None:
    """Counts grouped by thousands with commas (12,345)."""
    _map_values(page, lambda s, i: f"{int(s):,}" if s.isdigit() else s)


def value_units(page: Page, report: AnnualReport) -> None:
    """Counts with a measure word (23件, 7个)."""
    _map_values(page, lambda s, i: f"{s}{'件个'[i % 2]}" if s.isdigit() else s)


def header_inside(page: Page, report: AnnualReport) -> None:
    """A copy of the header rows in the middle of the table body (a page break the
    publisher's program wrote into one table)."""
    for t in _tables(page):
        head = t.find("thead")
        body = t.find("tbody")
        if head is None or body is None:
            continue
        grid = _grid(t)
        rows = _rows(t)
        n_head = len(head.findall("tr"))
        reach = 0
        cuts = []
        for i, row in enumerate(grid):
            for _c, td in row:
                reach = max(reach, i + _span(td, "rowspan"))
            if i + 1 > n_head and reach == i + 1 and i + 1 < len(rows):
                cuts.append(i + 1)
        if not cuts:
            continue
        at = min(cuts, key=lambda i: abs(i - len(rows) // 2))
        for tr in head.findall("tr"):
            rows[at].addprevious(lxml.html.fromstring(lxml.html.tostring(tr)))


def spacer_rows(page: Page, report: AnnualReport) -> None:
    """An empty row (one cell across) after every fifth row of each table."""
    for t in _tables(page):
        width = _width(t)
        grid = _grid(t)
        reach = 0
        for i, (tr, row) in enumerate(zip(_rows(t), grid, strict=True)):
            for _c, td in row:
                reach = max(reach, i + _span(td, "rowspan"))
            if i % 5 == 4 and reach == i + 1:
                spacer = lxml.html.fromstring("<table><tr></tr></table>").find(".//tr")
                spacer.append(_td("", "x", colspan=str(width)))
                tr.addnext(spacer)


def reviews_swapped(page: Page, report: AnnualReport) -> None:
    """Section 四 with 行政诉讼 first and 行政复议 after it."""
    for t in _tables(page):
        if t.get("id") != "reviews":
            continue
        rows = _rows(t)
        if len(rows) != 4:
            continue
        top, mid, _leaves, values = rows
        a, _b = list(top)
        top.remove(a)
        top.append(a)
        for td in list(mid)[:5]:
            mid.remove(td)
            mid.append(td)
        for td in list(values)[:5]:
            values.remove(td)
            values.append(td)


def old_proactive(page: Page, report: AnnualReport) -> None:
    """A 2021 report whose section 二 is the 2019 edition's table (other numbers)."""
    if report.edition != "2021":
        return
    old = AnnualReport(edition="2019", agency=report.agency, year=report.year)
    theirs = report.layout.field_map
    for i, f in enumerate(old.layout.fields()):
        if f.path[0] == "proactive" and f.official and f.kind.accepts.number:
            # a field both editions have (处理决定数量) shows this report's number
            same = f.path in theirs and theirs[f.path].kind is f.kind
            old.set(f.path, report.get(f.path) if same else 9001 + i)
    table = lxml.html.fromstring(to_html(old)).find(".//table")
    for t in _tables(page):
        if t.get("id") == "proactive":
            t.getparent().replace(t, table)


def last_year_too(page: Page, report: AnnualReport) -> None:
    """Last year's tables (other numbers) on the same page after this year's (a report
    of no year is left as it is: nothing tells two such reports apart)."""
    if report.year is None:
        return
    other = _shifted(report)
    old = lxml.html.fromstring(to_html(other))
    body = page.find(".//body")
    h = lxml.html.fromstring(
        f"<h1>{report.agency or ''}{(report.year or 1) - 1}年政府信息公开工作年度报告</h1>"
    )
    body.append(h)
    for el in old.find(".//body"):
        if el.tag != "h1":
            body.append(el)


def last_year_first(page: Page, report: AnnualReport) -> None:
    """Last year's report (other numbers) on the page before this year's."""
    if report.year is None:
        return
    other = _shifted(report)
    old = lxml.html.fromstring(to_html(other))
    body = page.find(".//body")
    first = body[0]
    for el in old.find(".//body"):
        first.addprevious(el)


def truth_of(report: AnnualReport, read_year: int | None) -> AnnualReport:
    """The report a parse should have read: the report, or last year's where the page
    showed last year's first and the parse read that year's title (a text has no
    ``<title>`` of this year's above it)."""
    if report.year is not None and read_year == report.year - 1:
        return _shifted(report)
    return report


def judge(report: AnnualReport, result: ParseResult) -> Score:
    """:func:`producers.score` against the report the parse should have read
    (:func:`truth_of`), where a cell written as an absent token (无, -, /, —) and read as
    absent with a note on it (``absent-token``) is a blank said, not a wrong cell."""
    truth = truth_of(report, result.report.year)
    if result.report.edition != truth.edition:
        # read as the other edition (a 2021 report with the 2019 section 二, which that
        # edition's fields hold): the fields both editions have are right or blank
        return _across_editions(truth, result)
    s = score(truth, result)
    prov = result.report.provenance
    cells = prov.cells if prov is not None else {}

    def said(path: FieldPath) -> bool:
        src = cells.get(path)
        raw = getattr(src, "raw", None)
        return isinstance(raw, str) and is_absent_token(raw.strip())

    kept = tuple(c for c in s.wrong_cells if not (c[2] is None and said(c[0])))
    return Score(s.right, s.blank + len(s.wrong_cells) - len(kept), len(kept), kept)


def _across_editions(truth: AnnualReport, result: ParseResult) -> Score:
    read = result.report
    right = blank = 0
    wrong: list[tuple[FieldPath, object, object]] = []
    theirs = set(read.layout.field_map)
    for path in cells_of(truth):
        want = truth.get(path)
        got = read.get(path) if path in theirs else None
        if got == want:
            right += 1
        elif got is None:
            blank += 1
        else:
            wrong.append((path, want, got))
    return Score(right, blank, len(wrong), tuple(wrong))


def _shifted(report: AnnualReport) -> AnnualReport:
    other = AnnualReport.from_json(report.to_json())
    other.year = (report.year or 1) - 1
    rng = random.Random(7)
    for f in other.layout.fields():
        v = other.get(f.path)
        if isinstance(v, int) and not isinstance(v, bool) and abs(v) < 10**12:
            other.set(f.path, v + rng.randint(1, 9))
    return other


#: Every transformation by name.
TRANSFORMS: dict[str, Transform] = {
    f.__name__.replace("_", "-"): f
    for f in (
        units_row,
        units_line,
        index_column,
        code_column,
        notes_text,
        notes_numbers,
        units_column,
        share_column,
        split_labels,
        split_tables,
        split_tables_header,
        header_breaks,
        label_spaces,
        label_halfwidth,
        label_traditional,
        label_typos,
        body_reversed,
        transposed,
        missing_row,
        total_row,
        zero_marks,
        signs_and_dots,
        layout_cells,
        layout_cells_first,
        colspan_plus_one,
        rowspan_plus_one,
        rowspan_minus_one,
        nested,
        footnotes,
        total_first,
        last_year_too,
        last_year_first,
        value_shares,
        fullwidth_digits,
        thousands,
        value_units,
        header_inside,
        spacer_rows,
        reviews_swapped,
        old_proactive,
    )
}

# --------------------------------------------------------------------------- formats


def _page(report: AnnualReport, transform: Transform) -> Page:
    page = lxml.html.fromstring(to_html(report))
    transform(page, report)
    return page


def _html(page: Page) -> str:
    return lxml.html.tostring(page, encoding="unicode", doctype="<!DOCTYPE html>")


def _blocks(page: Page) -> list[HtmlElement | str]:
    """The page's headings and paragraphs as text, and its innermost tables, in order."""
    out: list[HtmlElement | str] = []
    body = page.find(".//body")

    def walk(el: HtmlElement) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "table":
                if child.findall(".//table"):
                    for td in child.iter("td"):
                        for inner in td:
                            if inner.tag == "table":
                                walk(td)
                                break
                else:
                    out.append(child)
            elif child.tag in ("h1", "h2", "h3", "p"):
                out.append(child.text_content().strip())
            else:
                walk(child)

    walk(body)
    return out


def _cell_text(td: HtmlElement) -> str:
    parts = [td.text or ""]
    for child in td:
        if child.tag == "br":
            parts.append(" ")
        elif child.tag == "sup":
            parts.append(child.text_content())
        else:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return "".join(parts).replace("\xa0", "").replace("\n", " ").strip()


def _tab_table(t: HtmlElement) -> list[str]:
    lines = []
    below: dict[int, int] = {}
    for tr in _rows(t):
        covered = {c for c, n in below.items() if n > 0}
        below = {c: n - 1 for c, n in below.items() if n > 1}
        fields: list[str] = []
        col = 0
        for td in tr.findall("td"):
            while col in covered:
                fields.append("")
                col += 1
            fields.append(_cell_text(td))
            rs, cs = _span(td, "rowspan"), _span(td, "colspan")
            for dc in range(cs):
                if rs > 1:
                    below[col + dc] = rs - 1
            col += cs
        while col in covered:
            fields.append("")
            col += 1
        lines.append("\t".join(fields))
    return lines


def _md_table(t: HtmlElement) -> list[str]:
    grid = _grid(t)
    width = _width(t)
    lines = []
    for i, row in enumerate(grid):
        cells = [""] * width
        for c, td in row:
            cells[c] = _cell_text(td).replace("|", "\\|")
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "---|" * width)
    return lines


def to_tab_text(page: Page) -> str:
    out: list[str] = []
    for b in _blocks(page):
        out += [b, ""] if isinstance(b, str) else [*_tab_table(b), ""]
    return "\n".join(out) + "\n"


def to_md(page: Page) -> str:
    out: list[str] = []
    for b in _blocks(page):
        if isinstance(b, str):
            out += [f"## {b}" if b else "", ""]
        else:
            out += [*_md_table(b), ""]
    return "\n".join(out) + "\n"


def _drop_spans(page: Page) -> Page:
    for td in page.iter("td"):
        td.attrib.pop("rowspan", None)
        td.attrib.pop("colspan", None)
    return page


Format = Callable[[Page, Path], Path]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _word(page: Page) -> str:
    """Word's "save as web page" of the page: ``MsoNormal`` paragraphs in every cell."""
    for td in page.iter("td"):
        p = lxml.html.fromstring(
            "<p class=MsoNormal align=center><span lang=EN-US style='font-family:宋体'></span></p>"
        )
        span = p.find("span")
        span.text = td.text if td.text and td.text.strip() else "\xa0"
        for child in list(td):
            span.append(child)
        td.text = None
        td.append(p)
    return _html(page)


#: Every format a transformed page is published in.
FORMATS: dict[str, Format] = {
    "html": lambda p, d: _write(d, "page.html", _html(p)),
    "cms": lambda p, d: _write(d, "cms.html", _html(_drop_spans(p))),
    "word": lambda p, d: _write(d, "word.htm", _word(p)),
    "tab": lambda p, d: _write(d, "pasted.txt", to_tab_text(p)),
    "md": lambda p, d: _write(d, "page.md", to_md(p)),
}


def produce(report: AnnualReport, transform: str, fmt: str, folder: Path) -> Path:
    """The report, transformed and published in a format, written in the folder."""
    return FORMATS[fmt](_page(report, TRANSFORMS[transform]), folder)
