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
