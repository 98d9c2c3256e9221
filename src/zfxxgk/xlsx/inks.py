"""Which cell styles write their text in a colour no one sees.

A cell's text is unseen where its font is white (or near it: ``FEFEFE``,
:func:`~zfxxgk.xlsx.colours.near_white_hex`) and the cell has no fill or a white one (the
sheet is white), or where its font has the colour of the cell's solid fill, or one a
person cannot tell from it (:func:`~zfxxgk.xlsx.colours.indistinct_hex`): a person sees a
blank cell. Colours are compared as the styles part writes them: ``rgb`` without its alpha; the
legacy palette's by the workbook's own palette, else the standard one's white and black;
the theme's first colour (Background 1) as white where no tint changes it. A pattern or
gradient fill, a tinted theme colour and a conditional format are not judged (the text
counts as seen).
"""

from __future__ import annotations

from zfxxgk.xlsx.colours import indistinct_hex, near_white_hex
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
        self.struck: set[int] = set()  #: the fonts struck out (``strike``)
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
            elif tag == "strike" and self.fonts and _on(a.get("val")):
                self.struck.add(len(self.fonts) - 1)
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


def _on(val: str | None) -> bool:
    """A toggle's value: on where it is not set."""
    return (val or "true").strip().lower() not in ("0", "false", "off")


def unseen_styles(z: SafeZip, data: bytes) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The cell styles (cellXfs indexes, as digits) whose text no one sees: a white font
    on no fill (or a white one), or a font of its solid fill's colour; those whose
    white rich text runs are as seen as the rest of the text: a dark solid fill
    (:func:`_dark`: white text on it is seen), or a white font (the runs without a
    colour of their own are white too); and those whose font is struck out."""
    found = _Styles()
    parse(z, "xl/styles.xml", data, found.start, found.end)
    palette = _INDEXED if found.palette is None else dict(enumerate(found.palette))
    out: set[str] = set()
    whole: set[str] = set()
    struck: set[str] = set()
    for i, (font_id, fill_id) in enumerate(found.xfs):
        if font_id.isdigit() and len(font_id) <= 9 and int(font_id) in found.struck:
            struck.add(str(i))
        font = _indexed(_at(found.fonts, font_id), palette)
        fill = _indexed(_at(found.fills, fill_id), palette)
        white = font is not None and (font == _WHITE or near_white_hex(font))
        if (fill is not None and _dark(fill)) or white:
            whole.add(str(i))
        if font is None or fill is None:
            continue
        on_white = fill in ("", _WHITE) or near_white_hex(fill)
        if font == fill or indistinct_hex(font, fill) or (white and on_white):
            out.add(str(i))  # (a font of its fill's colour, or white on white)
    return frozenset(out), frozenset(whole), frozenset(struck)


def _dark(colour: str) -> bool:
    """Whether white text on a fill of this colour is plainly seen: an rgb of luminance
    below 60% of white's; a theme's dark colour (Text 1 or 2) or accent, not lightened
    (a tint of 0.4 and more, Excel's "Lighter 40%", is light)."""
    if len(colour) == 6 and all(c in "0123456789ABCDEF" for c in colour):
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 153
    if colour.startswith("theme") and "/" in colour:
        index, _, tint = colour[len("theme") :].partition("/")
        try:
            lighter = float(tint)
        except ValueError:
            return False
        return index.strip() not in ("0", "2") and lighter < 0.4
    return False


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
