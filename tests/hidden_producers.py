"""Content a person does not see, or sees struck out, put into published reports.

Real producers publish it: a CMS page hides anti-copy junk digits in spans
(``<span style="display:none">8</span>``), keeps an old value struck out beside the new
one (``<del>12</del>13``), hides a stale row or table; a Word document keeps hidden runs
(``w:vanish``), tracked moves and deletions, struck runs, text boxes written twice
(``mc:AlternateContent``), field codes and content controls. What the tool reads must be
what a person sees: each transformation here makes such a page or document from a report,
and :func:`hostile_producers.judge` scores its parse (right, blank with a warning naming
its row, or wrong).

HTML transformations act on our ruled page (:func:`~zfxxgk.published.export.to_html`),
published as it is or as Word saves it as a web page; Word transformations act on our
.docx's ``word/document.xml`` (and ``styles.xml``).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from hostile_producers import FORMATS, _is_value, _text, to_md
from zfxxgk import AnnualReport
from zfxxgk.published.export import to_html

Page = HtmlElement
Transform = Callable[[Page, AnnualReport], None]

# --------------------------------------------------------------------------- HTML


def _set_inner(td: HtmlElement, html: str) -> None:
    """Replace what a cell holds with the HTML fragment ``html``."""
    for child in list(td):
        td.remove(child)
    holder = lxml.html.fragment_fromstring(html, create_parent="div")
    td.text = holder.text
    for child in list(holder):
        td.append(child)


def _junk(i: int) -> str:
    """An anti-copy junk digit (never the empty string)."""
    return str((i * 7 + 3) % 10)


def _values(page: Page, fn: Callable[[str, int], str]) -> None:
    """Each value cell (a blank one too) rewritten as ``fn(its text, its index)`` (HTML)."""
    for i, td in enumerate(td for td in page.iter("td") if _is_value(td) and not list(td)):
        _set_inner(td, fn(html.escape(_text(td)), i))


def _labels(page: Page, fn: Callable[[str, int], str]) -> None:
    """Each row label cell of two characters or more rewritten as ``fn(text, index)``."""
    cells = [
        td for td in page.iter("td") if not _is_value(td) and not list(td) and len(_text(td)) >= 2
    ]
    for i, td in enumerate(cells):
        _set_inner(td, fn(_text(td), i))


def _hide_inside(style: str) -> Transform:
    """Junk digits in a span of this inline style inside every value cell and label."""

    def transform(page: Page, report: AnnualReport) -> None:
        span = f'<span style="{style}">' + "{}</span>"
        _values(page, lambda s, i: f"{s[:1]}{span.format(_junk(i))}{s[1:]}")
        _labels(page, lambda s, i: f"{s[:1]}{span.format(_junk(i))}{s[1:]}")

    transform.__doc__ = f"Junk digits hidden by ``style={style!r}`` in values and labels."
    return transform


def hidden_attribute(page: Page, report: AnnualReport) -> None:
    """Junk digits in ``<span hidden>`` in values and labels."""
    _values(page, lambda s, i: f"<span hidden>{_junk(i)}</span>{s}")
    _labels(page, lambda s, i: f"{s[:1]}<span hidden>{_junk(i)}</span>{s[1:]}")


def _style_sheet(page: Page, rule: str) -> None:
    head = page.find(".//head")
    style = lxml.html.fromstring(f"<style>{rule}</style>")
    head.append(style)


def hidden_class(page: Page, report: AnnualReport) -> None:
    """Junk digits in spans of a class the page's style sheet hides (``.hide``)."""
    _style_sheet(page, "span.c9{color:#333} .hide{display:none} .nz{ visibility : hidden }")
    _values(page, lambda s, i: f'<span class="{("hide", "nz")[i % 2]}">{_junk(i)}</span>{s}')
    _labels(page, lambda s, i: f'{s[:1]}<span class="x hide">{_junk(i)}</span>{s[1:]}')


def hidden_ids(page: Page, report: AnnualReport) -> None:
    """Junk digits in spans whose ids the page's style sheet hides (``#j3{display:none}``)."""
    counts = {"v": 0, "l": 0}

    def junk(kind: str, s: str, i: int) -> str:
        counts[kind] += 1
        return f'{s[:1]}<span id="{kind}{i}">{_junk(i)}</span>{s[1:]}'

    _values(page, lambda s, i: junk("v", s, i))
    _labels(page, lambda s, i: junk("l", s, i))
    ids = [f"#{k}{i}" for k, n in counts.items() for i in range(n)]
    _style_sheet(page, ", ".join(ids) + " { display : none }")


def hidden_descendants(page: Page, report: AnnualReport) -> None:
    """The body in a CMS's ``div.TRS_Editor``; junk digits in spans the style sheet hides
    there (``.TRS_Editor .jk``); each value in a span a rule for another place would hide
    (``.nowhere .vv``): shown, so read."""
    body = page.find(".//body")
    div = lxml.html.fromstring('<div class="TRS_Editor"></div>')
    for child in list(body):
        div.append(child)
    body.append(div)
    _style_sheet(page, ".TRS_Editor .jk { display:none } .nowhere > .vv {display:none}")
    _values(page, lambda s, i: f'<span class="jk">{_junk(i)}</span><span class="vv">{s}</span>')
    _labels(page, lambda s, i: f'{s[:1]}<span class="jk">{_junk(i)}</span>{s[1:]}')


def aria_hidden(page: Page, report: AnnualReport) -> None:
    """Values and labels inside ``aria-hidden`` spans: shown on screen, so read."""
    _values(page, lambda s, i: f'<span aria-hidden="true">{s}</span>')
    _labels(page, lambda s, i: f'<span aria-hidden="true">{s}</span>')


def hidden_rows(page: Page, report: AnnualReport) -> None:
    """Before each body row with values, a hidden copy of it with other numbers."""
    for tr in list(page.iter("tr")):
        cells = list(tr)
        if not any(_is_value(td) for td in cells) or any(td.get("rowspan") for td in cells):
            continue
        copy = lxml.html.fromstring(lxml.html.tostring(tr))
        copy.set("style", "display:none")
        for i, td in enumerate(copy):
            if _is_value(td):
                td.text = str(len(_text(td)) * 11 + i)
        tr.addprevious(copy)


def hidden_tables(page: Page, report: AnnualReport) -> None:
    """Before each table, a hidden copy of it (a stale version) with other numbers."""
    for t in list(page.iter("table")):
        copy = lxml.html.fromstring(lxml.html.tostring(t))
        copy.tail = None
        copy.set("style", "DISPLAY: none")
        for i, td in enumerate(copy.iter("td")):
            if _is_value(td):
                td.text = str(i * 13 % 97 + 1)
        t.addprevious(copy)


def hidden_cells(page: Page, report: AnnualReport) -> None:
    """A hidden cell (``<td style="display:none">``) of junk before every other value
    cell: the row a person sees has no such cell."""
    cells = [td for td in page.iter("td") if _is_value(td)]
    for i, td in enumerate(cells[::2]):
        junk = lxml.html.fromstring(f'<td class="v" style="display:none">{_junk(i)}</td>')
        td.addprevious(junk)


def _struck(tag: str) -> Transform:
    def transform(page: Page, report: AnnualReport) -> None:
        opening = f"<{tag}>"
        name = tag.split(" ", 1)[0]

        def old(s: str, i: int) -> str:
            was = str(int(s) + 1 + i % 5) if s.isdigit() else _junk(i)
            return f"{opening}{was}</{name}>{s}"

        _values(page, old)
        _labels(page, lambda s, i: f"{s}{opening}（原{_junk(i)}）</{name}>")

    transform.__doc__ = f"An old value struck out by ``<{tag}>`` before each value and label."
    return transform


def struck_then_inserted(page: Page, report: AnnualReport) -> None:
    """``<del>old</del><ins>new</ins>`` in each value cell: the inserted value is shown."""
    _values(
        page,
        lambda s, i: f"<del>{int(s) + 2 if s.isdigit() else 5}</del><ins>{s}</ins>",
    )


def struck_only(page: Page, report: AnnualReport) -> None:
    """Value cells holding nothing but a struck-out number (which is not the value): a
    person sees no value, so they are blank with a warning, never the struck number."""
    _values(page, lambda s, i: f"<del>{int(s) + 3 if s.isdigit() else 4}</del>")


def struck_after(page: Page, report: AnnualReport) -> None:
    """The new value first, the struck-out old one after it with a space: ``13 <s>12</s>``."""
    _values(page, lambda s, i: f"{s} <s>{int(s) * 2 + 1 if s.isdigit() else 9}</s>")


#: Every HTML transformation by name.
TRANSFORMS: dict[str, Transform] = {
    "display-none": _hide_inside("display:none"),
    "display-none-important": _hide_inside("color:red; display: none !important"),
    "visibility-hidden": _hide_inside("visibility:hidden"),
    "font-size-0": _hide_inside("font-size:0px"),
    "font-size-0-bare": _hide_inside("FONT-SIZE: 0"),
    "zero-width": _hide_inside("display:inline-block;width:0;overflow:hidden"),
    "hidden-attribute": hidden_attribute,
    "hidden-class": hidden_class,
    "hidden-ids": hidden_ids,
    "hidden-descendants": hidden_descendants,
    "aria-hidden": aria_hidden,
    "hidden-rows": hidden_rows,
    "hidden-tables": hidden_tables,
    "hidden-cells": hidden_cells,
    "del": _struck("del"),
    "s": _struck("s"),
    "strike": _struck("strike"),
    "line-through": _struck('span style="text-decoration: line-through"'),
    "del-ins": struck_then_inserted,
    "struck-only": struck_only,
    "struck-after": struck_after,
}
#: The formats an HTML transformation is published in (spans kept; Word's web page).
HTML_FORMATS = ("html", "word")


#: The transformations that strike out (a converter to Markdown writes ``~~12~~``).
STRUCK = ("del", "s", "strike", "line-through", "del-ins", "struck-only", "struck-after")


def _markdown(page: Page, folder: Path) -> Path:
    """The page as an HTML-to-Markdown converter writes it: struck-out text ``~~12~~``."""
    for el in list(page.iter("del", "s", "strike", "span")):
        if el.tag == "span" and "line-through" not in (el.get("style") or ""):
            continue
        text = el.text_content()
        for child in list(el):
            el.remove(child)
        el.text = f"~~{text}~~"
    path = folder / "page.md"
    path.write_text(to_md(page), encoding="utf-8")
    return path


def produce(report: AnnualReport, transform: str, fmt: str, folder: Path) -> Path:
    """The report's page, transformed and published in an HTML format (or, for a
    transformation that strikes out, as Markdown: ``md``), in the folder."""
    page = lxml.html.fromstring(to_html(report))
    TRANSFORMS[transform](page, report)
    return _markdown(page, folder) if fmt == "md" else FORMATS[fmt](page, folder)


# --------------------------------------------------------------------------- Word

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_VALUE = re.compile(
    r'(<w:pStyle w:val="表格数字"/></w:pPr>)<w:r><w:t xml:space="preserve">([^<]*)</w:t></w:r>'
)
_LABEL = re.compile(
    r'(<w:pStyle w:val="表格行标签"/></w:pPr>)<w:r><w:t xml:space="preserve">([^<]{2,})</w:t></w:r>'
)
DocxTransform = Callable[[str], str]


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _each(pattern: re.Pattern[str], xml: str, fn: Callable[[str, int], str]) -> str:
    """Each value (label) paragraph's run replaced by ``fn(its text, index)``."""
    count = iter(range(10**6))
    return pattern.sub(lambda m: m.group(1) + fn(m.group(2), next(count)), xml)


def _other(s: str, i: int) -> str:
    return str(int(s) + 1 + i % 7) if s.isdigit() else _junk(i)


def vanish(xml: str) -> str:
    """Junk digits in hidden runs (``w:vanish``) in values and labels."""
    xml = _each(_VALUE, xml, lambda s, i: _run(_junk(i), "<w:vanish/>") + _run(s))
    return _each(
        _LABEL, xml, lambda s, i: _run(s[:1]) + _run(_junk(i), "<w:vanish/>") + _run(s[1:])
    )


def vanish_style(xml: str) -> str:
    """Junk digits in runs of a character style that is hidden (``styles.xml``)."""
    return _each(_VALUE, xml, lambda s, i: _run(s) + _run(_junk(i), '<w:rStyle w:val="Junk"/>'))


def move_from(xml: str) -> str:
    """A moved-away copy (``w:moveFrom``, not in the final view) of another number."""
    return _each(
        _VALUE,
        xml,
        lambda s, i: (
            f'<w:moveFrom w:id="{900 + i}" w:author="a">{_run(_other(s, i))}</w:moveFrom>'
            f'<w:moveTo w:id="{5000 + i}" w:author="a">{_run(s)}</w:moveTo>'
        ),
    )


def tracked(xml: str) -> str:
    """A tracked change: the old number deleted (``w:delText``), the new one inserted."""
    return _each(
        _VALUE,
        xml,
        lambda s, i: (
            f'<w:del w:id="{900 + i}" w:author="a"><w:r>'
            f'<w:delText xml:space="preserve">{_other(s, i)}</w:delText></w:r></w:del>'
            f'<w:ins w:id="{5000 + i}" w:author="a">{_run(s)}</w:ins>'
        ),
    )


def strike(xml: str) -> str:
    """An old number struck out (``w:strike``, ``w:dstrike``) before each value; an old
    word struck out after each label."""
    props = ("<w:strike/>", '<w:dstrike w:val="true"/>')
    xml = _each(_VALUE, xml, lambda s, i: _run(_other(s, i), props[i % 2]) + _run(s))
    return _each(_LABEL, xml, lambda s, i: _run(s) + _run(f"（原{_junk(i)}）", "<w:strike/>"))


def strike_only(xml: str) -> str:
    """Value cells holding nothing but a struck-out number (not the value): blank with a
    warning, never the struck number."""
    return _each(_VALUE, xml, lambda s, i: _run(_other(s, i), "<w:strike/>"))


def hidden_paragraph(xml: str) -> str:
    """A paragraph of junk digits after each value, hidden by its run's ``w:vanish``;
    one after each label, hidden by its paragraph style."""
    # the matched paragraph is closed after the value's run and the next one opened: the
    # paragraph's own end closes it
    xml = _each(_VALUE, xml, lambda s, i: _run(s) + "</w:p><w:p>" + _run(_junk(i), "<w:vanish/>"))
    para = '</w:p><w:p><w:pPr><w:pStyle w:val="JunkPara"/></w:pPr>'
    return _each(_LABEL, xml, lambda s, i: _run(s) + para + _run(_junk(i)))


def strike_style(xml: str) -> str:
    """An old number before each value in a character style that strikes it out."""
    return _each(
        _VALUE, xml, lambda s, i: _run(_other(s, i), '<w:rStyle w:val="OldValue"/>') + _run(s)
    )


def strike_off(xml: str) -> str:
    """Runs that say ``w:strike w:val="0"`` (not struck): read."""
    return _each(_VALUE, xml, lambda s, i: _run(s, '<w:strike w:val="0"/>'))


def text_box(xml: str) -> str:
    """Each value in a text box, written twice as Word does (``mc:Choice`` and its
    ``mc:Fallback``): shown once."""

    def box(s: str, i: int) -> str:
        inner = f"<w:txbxContent><w:p>{_run(s)}</w:p></w:txbxContent>"
        return (
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
            f"{inner}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
            f"{inner}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )

    return _each(_VALUE, xml, box)


def field(xml: str) -> str:
    """Each value a field's result, its code holding other digits (``= 12+30``)."""
    return _each(
        _VALUE,
        xml,
        lambda s, i: (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> = {i}+{i * 3} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{_run(s)}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        ),
    )


def content_controls(xml: str) -> str:
    """Values and labels in content controls (``w:sdt``); the tables too."""
    sdt = '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>'
    xml = _each(_VALUE, xml, lambda s, i: sdt.format(_run(s)))
    xml = _each(_LABEL, xml, lambda s, i: sdt.format(_run(s)))
    return re.sub(r"<w:tbl>.*?</w:tbl>", lambda m: sdt.format(m.group(0)), xml, flags=re.S)


def cell_controls(xml: str) -> str:
    """Every other cell of a row inside a row-level content control (``w:sdt`` around
    ``w:tc``)."""
    count = iter(range(10**6))

    def wrap(m: re.Match[str]) -> str:
        cell = m.group(0)
        if next(count) % 2:
            return f"<w:sdt><w:sdtPr/><w:sdtContent>{cell}</w:sdtContent></w:sdt>"
        return cell

    return re.sub(r"<w:tc>.*?</w:tc>", wrap, xml, flags=re.S)


def contents(xml: str) -> str:
    """A table of contents (a content control of Word's gallery) before the body: each
    section's title and its page number."""
    lines = (
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    )
    paras = "".join(
        f"<w:p>{_run(t)}<w:r><w:tab/></w:r>{_run(str(i + 2))}</w:p>" for i, t in enumerate(lines)
    )
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        f"</w:docPartObj></w:sdtPr><w:sdtContent>{paras}</w:sdtContent></w:sdt>"
    )
    return re.sub(r"(<w:body>)", lambda m: m.group(1) + toc, xml, count=1)


#: Every Word transformation by name.
DOCX_TRANSFORMS: dict[str, DocxTransform] = {
    "vanish": vanish,
    "vanish-style": vanish_style,
    "move-from": move_from,
    "tracked": tracked,
    "strike": strike,
    "strike-style": strike_style,
    "strike-off": strike_off,
    "strike-only": strike_only,
    "hidden-paragraph": hidden_paragraph,
    "text-box": text_box,
    "field": field,
    "content-controls": content_controls,
    "cell-controls": cell_controls,
    "contents": contents,
}

_HIDDEN_STYLE = (
    '<w:style w:type="character" w:customStyle="1" w:styleId="Junk0">'
    '<w:name w:val="Junk0"/><w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="Junk">'
    '<w:name w:val="Junk"/><w:basedOn w:val="Junk0"/><w:rPr><w:color w:val="FF0000"/></w:rPr>'
    "</w:style>"
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="JunkPara">'
    '<w:name w:val="JunkPara"/><w:rPr><w:vanish/></w:rPr></w:style>'
    '<w:style w:type="character" w:customStyle="1" w:styleId="OldValue">'
    '<w:name w:val="OldValue"/><w:rPr><w:dstrike/></w:rPr></w:style>'
)
_NAMESPACES = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
    'xmlns:v="urn:schemas-microsoft-com:vml"',
)


#: Our .docx of each report, by its JSON: python-docx takes a tenth of a second a report.
_PLAIN: dict[str, bytes] = {}


def _plain_docx(report: AnnualReport, folder: Path) -> bytes:
    from producers import docx

    key = report.to_json()
    if key not in _PLAIN:
        path = docx(report, folder)
        _PLAIN[key] = path.read_bytes()
        path.unlink()
    return _PLAIN[key]


def produce_docx(report: AnnualReport, transform: str, folder: Path) -> Path:
    """Our .docx of the report with its document transformed, in the folder."""
    path = folder / f"{transform}.docx"
    plain = io.BytesIO(_plain_docx(report, folder))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                for ns in _NAMESPACES:
                    if ns.split("=", 1)[0] + "=" not in xml:
                        xml = xml.replace("<w:document ", f"<w:document {ns} ", 1)
                data = DOCX_TRANSFORMS[transform](xml).encode("utf-8")
            elif item.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", _HIDDEN_STYLE.encode() + b"</w:styles>")
            out.writestr(item, data)
    return path
