"""Which cell styles write their text in a colour no one sees.

A cell's text is unseen where its font is white and the cell has no fill (the sheet is
white), or where its font has the colour of the cell's solid fill: a person sees a blank
cell. Colours are compared as the styles part writes them: ``rgb`` without its alpha; the
legacy palette's by the workbook's own palette, else the standard one's white and black;
the theme's first colour (Background 1) as white where no tint changes it. A pattern or
gradient fill, a tinted theme colour and a conditional format are not judged (the text
counts as seen).
"""

from __future__ import annotations

from zfxxgk.xlsx.safezip import SafeZip
from zfxxgk.xlsx.xmltext import local, local_attrs, parse

#: The standard legacy palette's colours that matter here (``indexed``): white and black
#: (a workbook's own palette, ``indexedColors``, may change them).
_INDEXED = {0: "000000", 1: "FFFFFF", 8: "000000", 9: "FFFFFF"}
_WHITE = "FFFFFF"


def _colour(a: dict[str, str]) -> str | None:
    """A ``color``/``fgColor`` element's colour as a comparable key; None where it is
    automatic or not one this module compares."""
    rgb = a.get("rgb")
    if rgb is not None:
        return rgb.strip().upper()[-6:] or None
    tint = a.get("tint", "0")
    try:
        tinted = float(tint) != 0
    except ValueError:
        return None
    if "theme" in a:
        return _WHITE if a["theme"].strip() == "0" and not tinted else f"theme{a['theme']}/{tint}"
    if "indexed" in a:
        return f"indexed{a['indexed'].strip()}"
    return None


class _Styles:
    """The expat handler of a styles part: fonts' colours, fills, cell styles."""

    def __init__(self) -> None:
        self.fonts: list[str | None] = []  #: each font's colour (None: automatic)
        #: each fill: "" for none, its solid colour, or None (a pattern, a gradient)
        self.fills: list[str | None] = []
        self.xfs: list[tuple[str, str]] = []  #: each cellXfs xf's (fontId, fillId)
        self.within = ""  #: the list being read: fonts, fills or cellXfs
        self.solid = False  #: the fill being read is solid
        #: the workbook's own palette (``indexedColors``), where it has one
        self.palette: list[str] | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        a = local_attrs(attrs)
        if tag in ("fonts", "fills", "cellXfs", "cellStyleXfs", "dxfs"):
            self.within = tag
        elif tag == "indexedColors":
            self.palette = []
        elif tag == "rgbColor" and self.palette is not None:
            self.palette.append(a.get("rgb", "").strip().upper()[-6:])
        elif self.within == "fonts":
            if tag == "font":
                self.fonts.append(None)
            elif tag == "color" and self.fonts:
                self.fonts[-1] = _colour(a)
        elif self.within == "fills":
            if tag == "fill":
                self.fills.append(None)
            elif tag == "patternFill" and self.fills:
                pattern = a.get("patternType", "none")
                self.fills[-1] = "" if pattern == "none" else None
                self.solid = pattern == "solid"
            elif tag == "fgColor" and self.fills and self.solid:
                self.fills[-1] = _colour(a)
        elif self.within == "cellXfs" and tag == "xf":
            self.xfs.append((a.get("fontId", "0"), a.get("fillId", "0")))

    def end(self, name: str) -> None:
        if local(name) == self.within:
            self.within = ""


def unseen_styles(z: SafeZip, data: bytes) -> tuple[frozenset[str], frozenset[str]]:
    """The cell styles (cellXfs indexes, as digits) whose text no one sees: a white font
    on no fill (or a white one), or a font of its solid fill's colour; and those of a
    solid fill of a colour other than white (on which white text is seen)."""
    found = _Styles()
    parse(z, "xl/styles.xml", data, found.start, found.end)
    palette = _INDEXED if found.palette is None else dict(enumerate(found.palette))
    out: set[str] = set()
    coloured: set[str] = set()
    for i, (font_id, fill_id) in enumerate(found.xfs):
        font = _indexed(_at(found.fonts, font_id), palette)
        fill = _indexed(_at(found.fills, fill_id), palette)
        if fill not in (None, "", _WHITE):
            coloured.add(str(i))
        if font is None or fill is None:
            continue
        if font == fill or (font == _WHITE and fill in ("", _WHITE)):
            out.add(str(i))
    return frozenset(out), frozenset(coloured)


def _indexed(colour: str | None, palette: dict[int, str]) -> str | None:
    """A colour of the palette (the workbook's own, else the standard one's white and
    black) as its rgb."""
    if colour is not None and colour.startswith("indexed"):
        index = colour[len("indexed") :]
        if index.isdigit() and len(index) <= 4:
            return palette.get(int(index), colour)
    return colour


def _at(items: list[str | None], index: str) -> str | None:
    """The item at an index as written, or None where there is none."""
    i = int(index) if index.isdigit() and len(index) <= 9 else -1
    return items[i] if 0 <= i < len(items) else None
