"""Word documents whose colours are the theme's, and whose tables take a table style's
formatting: what a person sees depends on the document's theme (``word/theme/theme1.xml``)
and on the table style's conditional shading, not on the ``w:val`` beside them.

Each producer is ``(report, folder) -> path`` and shows the report's own numbers (the
junk it adds is seen by no one); :func:`hostile_producers.judge` scores the parse.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hidden_producers import _VALUE, _each, _junk, _plain_docx, _run
from zfxxgk import AnnualReport

Producer = Callable[[AnnualReport, Path], Path]
#: What a producer does to a part of the package, by the part's name.
Parts = dict[str, Callable[[str], str]]


def _docx(report: AnnualReport, folder: Path, name: str, parts: Parts) -> Path:
    """Our .docx of the report with parts of its package rewritten."""
    path = folder / f"{name}.docx"
    plain = io.BytesIO(_plain_docx(report, folder))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename in parts:
                data = parts[item.filename](data.decode("utf-8")).encode("utf-8")
            out.writestr(item, data)
    return path


def _junk_in_values(props: str) -> Callable[[str], str]:
    """A junk digit in a run of ``props`` inside each value (1[9]23)."""
    return lambda xml: _each(
        _VALUE, xml, lambda s, i: _run(s[:1]) + _run(_junk(i), props) + _run(s[1:])
    )


def _values_in(props: str) -> Callable[[str], str]:
    """Each value's middle digits in a run of ``props`` (1[2]3: a run a person sees)."""

    def split(s: str, i: int) -> str:
        if len(s) < 3:
            return _run(s, props)
        return _run(s[:1]) + _run(s[1:-1], props) + _run(s[-1:])

    return lambda xml: _each(_VALUE, xml, split)


def _theme(scheme: dict[str, str]) -> Callable[[str], str]:
    """The theme's colours of these slots (``dk2``: ``FFFFFF``) set."""

    def edit(xml: str) -> str:
        for slot, rgb in scheme.items():
            xml = re.sub(
                rf"<a:{slot}>.*?</a:{slot}>",
                f'<a:{slot}><a:srgbClr val="{rgb}"/></a:{slot}>',
                xml,
                count=1,
                flags=re.S,
            )
        return xml

    return edit


def _mapping(**slots: str) -> Callable[[str], str]:
    """The settings' ``w:clrSchemeMapping`` with these (``t2="light1"``) set."""

    def edit(xml: str) -> str:
        for key, value in slots.items():
            xml = re.sub(rf'w:{key}="[^"]*"', f'w:{key}="{value}"', xml, count=1)
        return xml

    return edit


def _no_theme(xml: str) -> str:
    return xml


DOC = "word/document.xml"
THEME = "word/theme/theme1.xml"
SETTINGS = "word/settings.xml"

#: Junk a person does not see: a theme colour that is white (or nearly) on the white
#: page, whatever ``w:val`` says beside it; and on a shading whose theme fill is white.
THEME_UNSEEN: dict[str, Parts] = {
    "bg1-val-black": {DOC: _junk_in_values('<w:color w:val="000000" w:themeColor="background1"/>')},
    "bg1-val-auto": {DOC: _junk_in_values('<w:color w:val="auto" w:themeColor="background1"/>')},
    "light1-val-black": {DOC: _junk_in_values('<w:color w:val="000000" w:themeColor="light1"/>')},
    "bg1-shade-fe": {
        DOC: _junk_in_values(
            '<w:color w:val="000000" w:themeColor="background1" w:themeShade="FE"/>'
        )
    },
    "text1-tint-00": {
        DOC: _junk_in_values('<w:color w:val="000000" w:themeColor="text1" w:themeTint="00"/>')
    },
    "text2-white-theme": {
        DOC: _junk_in_values('<w:color w:val="1F497D" w:themeColor="text2"/>'),
        THEME: _theme({"dk2": "FFFFFF"}),
    },
    "text1-mapped-light1": {
        DOC: _junk_in_values('<w:color w:val="000000" w:themeColor="text1"/>'),
        SETTINGS: _mapping(t1="light1"),
    },
    "white-on-bg1-fill": {
        DOC: _junk_in_values(
            '<w:color w:val="FFFFFF"/>'
            '<w:shd w:val="clear" w:color="auto" w:fill="000000" w:themeFill="background1"/>'
        )
    },
}

#: Values a person sees: a theme colour that is dark or grey, whatever ``w:val`` says
#: (FFFFFF), and white on a shading whose theme fill is dark.
THEME_SEEN: dict[str, Parts] = {
    "text1-val-white": {DOC: _values_in('<w:color w:val="FFFFFF" w:themeColor="text1"/>')},
    "bg1-shade-80": {
        DOC: _values_in('<w:color w:val="FFFFFF" w:themeColor="background1" w:themeShade="80"/>')
    },
    "accent1-val-white": {DOC: _values_in('<w:color w:val="FFFFFF" w:themeColor="accent1"/>')},
    "white-on-text1-fill": {
        DOC: _values_in(
            '<w:color w:val="FFFFFF"/>'
            '<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF" w:themeFill="text1"/>'
        )
    },
    "bg1-on-dark-theme": {
        DOC: _values_in('<w:color w:val="FFFFFF" w:themeColor="background1"/>'),
        THEME: _theme({"lt1": "000000"}),  # (a dark theme: "white" is black there)
    },
}


def theme_producer(name: str) -> Producer:
    parts = THEME_UNSEEN.get(name) or THEME_SEEN[name]
    return lambda report, folder: _docx(report, folder, name, parts)


# --------------------------------------------------------------------------- CSV numbers


def _scientific(text: str, decimals: int) -> str:
    """A number as Excel's Scientific format of ``decimals`` places shows it (1234 with 2:
    1.23E+03), as its "save as CSV" writes it; other text as it is."""
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return text
    from decimal import Decimal

    number = Decimal(text)
    if not number:
        return f"{0:.{decimals}f}E+00"
    mantissa, exp = f"{number:.{decimals}E}".split("E")
    return f"{mantissa}E{int(exp):+03d}"


def csv_scientific(decimals: int) -> Producer:
    """Excel's "save as CSV" of a sheet whose numbers are in its Scientific format
    (``0.00E+00``): every number so written, rounded to the places shown."""

    def make(report: AnnualReport, folder: Path) -> Path:
        import csv

        from producers_attack9 import _lines

        path = folder / f"scientific{decimals}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh)
            for fields in _lines(report):
                out.writerow([_scientific(f, decimals) for f in fields])
        return path

    return make


# --------------------------------------------------------------------------- table styles

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DARK = "1F3864"


def _q(name: str) -> str:
    return f"{{{_W}}}{name}"


def _table_style(whole: str = "", conditions: dict[str, str] | None = None, band: int = 1) -> str:
    """A table style "Hostile" of these properties (``whole``: the style's own rPr/tcPr
    XML; ``conditions``: each conditional part's, by its type)."""
    parts = "".join(
        f'<w:tblStylePr w:type="{kind}">{xml}</w:tblStylePr>'
        for kind, xml in (conditions or {}).items()
    )
    return (
        '<w:style w:type="table" w:styleId="Hostile"><w:name w:val="Hostile"/>'
        f'<w:basedOn w:val="TableGrid"/><w:tblPr><w:tblStyleRowBandSize w:val="{band}"/>'
        f"</w:tblPr>{whole}{parts}</w:style>"
    )


def _shd(fill: str) -> str:
    return f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/></w:tcPr>'


def _styled(
    report: AnnualReport,
    folder: Path,
    name: str,
    style: str,
    look: dict[str, str],
    cell: Callable[[Any, int, int, int], None],
) -> Path:
    """Our .docx with every table of the table style ``style`` and ``look`` (its
    ``w:tblLook``), each value cell passed to ``cell(its paragraph's run, row index in
    its table, cell index in its row, count)``."""
    from lxml import etree

    def document(xml: str) -> str:
        root = etree.fromstring(xml.encode("utf-8"))
        count = 0
        for tbl in root.iter(_q("tbl")):
            props = tbl.find(_q("tblPr"))
            props.find(_q("tblStyle")).set(_q("val"), "Hostile")
            for old in props.findall(_q("tblLook")):
                props.remove(old)
            etree.SubElement(props, _q("tblLook"), {_q(k): v for k, v in look.items()})
            for i, tr in enumerate(tbl.findall(_q("tr"))):
                for j, tc in enumerate(tr.findall(_q("tc"))):
                    for p in tc.findall(_q("p")):
                        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
                        run = p.find(_q("r"))
                        if (
                            style is not None
                            and style.get(_q("val")) == "表格数字"
                            and run is not None
                        ):
                            cell(run, i, j, count)
                            count += 1
        return etree.tostring(root, encoding="unicode")

    def styles(xml: str) -> str:
        return xml.replace("</w:styles>", style + "</w:styles>")

    return _docx(report, folder, name, {DOC: document, "word/styles.xml": styles})


def _colour(run: Any, rgb: str) -> None:
    from lxml import etree

    props = run.find(_q("rPr"))
    if props is None:
        props = etree.Element(_q("rPr"))
        run.insert(0, props)
    etree.SubElement(props, _q("color"), {_q("val"): rgb})


def _junk_after(run: Any, count: int, rgb: str | None = None) -> None:
    """A junk digit in a run after ``run`` (coloured ``rgb``, else as the style says)."""
    from lxml import etree

    junk = etree.Element(_q("r"))
    if rgb is not None:
        _colour(junk, rgb)
    t = etree.SubElement(junk, _q("t"))
    t.text = _junk(count)
    run.addnext(junk)


def _banded(first_row: bool, band: int) -> Producer:
    """Rows banded by the table style: a dark ground on band 1 (values written white
    there: seen), none on band 2 (values black, white junk beside them: unseen)."""
    look = {"firstRow": "1" if first_row else "0", "noHBand": "0", "noVBand": "1"}
    if first_row:
        look["val"] = "0420"

    def cell(run: Any, i: int, j: int, count: int) -> None:
        at = i - 1 if first_row else i
        if i == 0 and first_row:
            return
        if (at // band) % 2 == 0:
            _colour(run, "FFFFFF")
        else:
            _junk_after(run, count, "FFFFFF")

    style = _table_style(conditions={"band1Horz": _shd(DARK)}, band=band)
    name = f"ts-bands-{int(first_row)}-{band}"
    return lambda report, folder: _styled(report, folder, name, style, look, cell)


def _whole_dark(report: AnnualReport, folder: Path) -> Path:
    """A dark ground over the whole table (the style's own cell shading): values written
    white are seen."""

    def cell(run: Any, i: int, j: int, count: int) -> None:
        _colour(run, "FFFFFF")

    style = _table_style(whole=_shd(DARK))
    return _styled(report, folder, "ts-whole-dark", style, {"noHBand": "1"}, cell)


def _white_text_style(report: AnnualReport, folder: Path) -> Path:
    """The style's text white on no ground: what takes its colour is unseen (junk), what
    is coloured black seen (the values; labels black too)."""

    def cell(run: Any, i: int, j: int, count: int) -> None:
        _colour(run, "000000")
        _junk_after(run, count)

    style = _table_style(whole='<w:rPr><w:color w:val="FFFFFF"/></w:rPr>')
    path = _styled(report, folder, "ts-white-text", style, {"noHBand": "1"}, cell)
    return _blacken_labels(path)


def _white_on_cell_white(report: AnnualReport, folder: Path) -> Path:
    """The style's text white on its dark ground (values seen), but every other value
    cell shaded white by its own properties: there the value is black and the junk that
    takes the style's white unseen."""
    from lxml import etree

    def cell(run: Any, i: int, j: int, count: int) -> None:
        if count % 2:
            return
        tc = run.getparent().getparent()
        props = tc.find(_q("tcPr"))
        etree.SubElement(props, _q("shd"), {_q("val"): "clear", _q("fill"): "FFFFFF"})
        _colour(run, "000000")
        _junk_after(run, count)

    style = _table_style(whole=_shd(DARK) + '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>')
    return _styled(report, folder, "ts-cell-white", style, {"noHBand": "1"}, cell)


def _blacken_labels(path: Path) -> Path:
    """Every run of the document without a colour of its own coloured black (but the junk
    runs, which hold one digit and no properties at all after a value)."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == DOC:
                xml = part.decode("utf-8")
                xml = re.sub(
                    r'<w:r><w:t xml:space="preserve">',
                    '<w:r><w:rPr><w:color w:val="000000"/></w:rPr><w:t xml:space="preserve">',
                    xml,
                )
                part = xml.encode("utf-8")
            out.writestr(item, part)
    return path


#: Every table-style producer by name.
TABLE_STYLES: dict[str, Producer] = {
    "ts-whole-dark": _whole_dark,
    "ts-bands-0-1": _banded(False, 1),
    "ts-bands-1-1": _banded(True, 1),
    "ts-bands-1-2": _banded(True, 2),
    "ts-white-text": _white_text_style,
    "ts-cell-white": _white_on_cell_white,
}


# --------------------------------------------------------------------------- accounting dash

#: Excel's accounting format of whole numbers (Chinese Excel's 会计专用, no symbol): a zero
#: shows a dash.
ACCOUNTING = '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"_ ;_ @_ '


def _accounting_text(text: str, dash: str = "-") -> str:
    """A value as the accounting format shows it (its padding kept): 1234 → " 1,234 ",
    0 → " - "; other text as it is."""
    if not re.fullmatch(r"-?\d+", text):
        return text
    n = int(text)
    return f" {dash} " if n == 0 else f" {n:,} " if n > 0 else f" -{-n:,} "


def wb_accounting(report: AnnualReport, folder: Path) -> Path:
    """Counts under the accounting format: a stored 0 shows "-"."""
    from producers_attack9 import _is_count, _save, _sheet

    return _save(
        _sheet(report, fmt=lambda c: ACCOUNTING if _is_count(c) else None),
        folder,
        "accounting.xlsx",
    )


def csv_accounting(report: AnnualReport, folder: Path) -> Path:
    """Excel's "save as CSV" of that sheet: each count as shown, a zero " - "."""
    import csv

    from producers_attack9 import _lines

    path = folder / "accounting.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        for fields in _lines(report):
            out.writerow([_accounting_text(f) for f in fields])
    return path


def _md_accounting(dash: str) -> Producer:
    def make(report: AnnualReport, folder: Path) -> Path:
        from producers_attack9 import _md_of

        return _md_of(report, lambda t: _accounting_text(t, dash).strip(), "accounting.md", folder)

    return make


def txt_accounting(report: AnnualReport, folder: Path) -> Path:
    """The sheet's cells copied as tab text: a zero "-"."""
    from producers_attack9 import _lines

    lines = ["\t".join(_accounting_text(f).strip() for f in fields) for fields in _lines(report)]
    path = folder / "accounting.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: Every producer of the accounting dash by name.
ACCOUNTING_DASH: dict[str, Producer] = {
    "wb-accounting": wb_accounting,
    "csv-accounting": csv_accounting,
    "txt-accounting": txt_accounting,
    "md-accounting-hyphen": _md_accounting("-"),
    "md-accounting-fullwidth": _md_accounting("－"),
    "md-accounting-emdash": _md_accounting("—"),
}
