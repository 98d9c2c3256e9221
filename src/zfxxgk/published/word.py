"""Word documents (.docx): paragraphs, and tables on their grids (gridSpan, vMerge)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from zfxxgk.core.cellvalue import UNSEEN
from zfxxgk.core.discover import looks_like_value
from zfxxgk.core.labels import MAX_LABEL
from zfxxgk.errors import WorkbookFormatError
from zfxxgk.published.grid import Budget, Grid, span
from zfxxgk.published.raised import raised
from zfxxgk.published.source import SourceError, TextRow
from zfxxgk.published.struck import seen, struck, unstruck
from zfxxgk.published.wordtheme import SHD_COLOR, SHD_FILL, Palette
from zfxxgk.xlsx.colours import near_white_hex

if TYPE_CHECKING:
    from zfxxgk.xlsx.safezip import SafeZip


def _w(el: Element, name: str) -> list[Element]:
    return [c for c in el if c.tag.rsplit("}", 1)[-1] == name]


def _attr(el: Element | None, name: str) -> str | None:
    if el is None:
        return None
    for k, v in el.attrib.items():
        if k.rsplit("}", 1)[-1] == name:
            return v
    return None


#: What a person does not see in a document's final view: a moved-away copy, deleted
#: text, field codes (their result is shown), and the properties of runs and paragraphs.
_UNSEEN = frozenset(("moveFrom", "del", "delText", "instrText", "rPr", "pPr", "sdtPr"))
#: What holds the cells, rows or blocks of a table or body in a content control.
_WRAPPERS = frozenset(("sdt", "customXml", "sdtContent"))
_OFF = frozenset(("0", "false", "off", "none"))


def _on(el: Element | None) -> bool | None:
    """A toggle property's value: True, False, or None where it is not set."""
    if el is None:
        return None
    return (_attr(el, "val") or "true").lower() not in _OFF


#: What run properties say of a run's text: (hidden, struck, raise, white, position),
#: each None where they do not set it; raise (``w:vertAlign``) is "superscript",
#: "subscript" or "baseline"; white: coloured white and not shaded or highlighted;
#: position: ``w:position`` in half-points.
Said = tuple[bool | None, bool | None, str | None, bool | None, int | None]
#: What a run shows, decided: (hidden, struck, raise, white, position), raise
#: "superscript", "subscript" or "" (on the baseline), position 0 where none is set.
Shown = tuple[bool, bool, str, bool, int]
_UNSAID: Said = (None, None, None, None, None)
_VERT = frozenset(("superscript", "subscript", "baseline"))


def _marks(props: Element | None, palette: Palette) -> tuple[Said, str | None]:
    """Whether run properties hide, strike out, raise and whiten the text (its colour
    the theme's where it names one), and their character style."""
    if props is None:
        return _UNSAID, None
    hidden = struck = white = None
    style = vert = shifted = None
    for c in props:
        tag = c.tag.rsplit("}", 1)[-1]
        if tag == "vanish":
            hidden = _on(c)
        elif tag in ("strike", "dstrike"):
            struck = struck or _on(c)  # either strike
        elif tag == "rStyle":
            style = _attr(c, "val")
        elif tag == "vertAlign" and _attr(c, "val") in _VERT:
            vert = _attr(c, "val")
        elif tag == "position":
            shifted = _shift(_attr(c, "val"))
        elif tag == "color":
            white = near_white_hex(palette.colour(c))  # (FFFFFF, or FEFEFE: as white)
    if white and _shaded(props, palette):
        white = False  # white on a colour of its own: seen
    return (hidden, struck, vert, white, shifted), style


def _shift(half_points: str | None) -> int | None:
    """A ``w:position`` (text raised or lowered by half-points, Word's Font dialog
    "Raised by"), or None where it is not a whole number. A position raises a run only
    against its paragraph's other runs (:func:`_positioned`): a number whose every run
    is lowered alike (as converters and people align a cell's text) is read."""
    try:
        return int(half_points or "")
    except ValueError:
        return None


Marks = dict[str, Said]


class Look:
    """What a document's parts say of how its text looks: its styles (``styles``: which
    character and paragraph styles hide, strike, raise or whiten their text) and its
    theme's colours."""

    def __init__(
        self,
        styles: Marks | None = None,
        palette: Palette | None = None,
        tables: TableStyles | None = None,
    ) -> None:
        self.styles: Marks = styles or {}
        self.palette = palette or Palette()
        self.tables = tables or TableStyles()


def _over(own: Said, under: Said) -> Said:
    """Properties set over others: each one's own where it sets it."""
    return (
        under[0] if own[0] is None else own[0],
        under[1] if own[1] is None else own[1],
        under[2] if own[2] is None else own[2],
        under[3] if own[3] is None else own[3],
        under[4] if own[4] is None else own[4],
    )


def _styles(root: Element | None, palette: Palette) -> Marks:
    """Each style that hides, strikes out, raises or whitens its text (Word's "Footnote
    Reference" raises its marks), through the styles it is based on: style id → what it
    sets."""
    if root is None:
        return {}
    own: dict[str, tuple[Said, str | None]] = {}
    for style in _w(root, "style"):
        sid = _attr(style, "styleId")
        if sid is None:
            continue
        props, _ = _marks(next(iter(_w(style, "rPr")), None), palette)
        based = next(iter(_w(style, "basedOn")), None)
        own[sid] = (props, _attr(based, "val"))
    out: Marks = {}
    for sid in own:
        said: Said = _UNSAID
        at: str | None = sid
        seen_ids: set[str] = set()
        while at in own and at not in seen_ids and None in said:
            seen_ids.add(at)
            theirs, at = own[at]
            said = _over(said, theirs)
        if said != _UNSAID:
            out[sid] = said
    return out


#: A table style's part (its own properties, or a conditional one's): what it says of
#: text, and its cells' shading (None where it sets none).
_Part = tuple[Said, Element | None]
#: The conditional parts by precedence, lowest first (ECMA-376 17.7.6): bands, then
#: first and last column, first and last row, the corner cells.
_CONDITIONS = (
    "band1Vert",
    "band2Vert",
    "band1Horz",
    "band2Horz",
    "firstCol",
    "lastCol",
    "firstRow",
    "lastRow",
    "nwCell",
    "neCell",
    "swCell",
    "seCell",
)
#: ``w:tblLook``'s flags by attribute, and their bits in its older ``w:val``.
_LOOK = {
    "firstRow": 0x0020,
    "lastRow": 0x0040,
    "firstColumn": 0x0080,
    "lastColumn": 0x0100,
    "noHBand": 0x0200,
    "noVBand": 0x0400,
}


class _TableStyle:
    """A table style's parts by type (``wholeTable`` its own), and its band sizes."""

    def __init__(self, parts: dict[str, _Part], bands: tuple[int, int]) -> None:
        self.parts = parts
        self.bands = bands


def _band(props: Element | None, name: str) -> int | None:
    el = next(iter(_w(props, name)), None) if props is not None else None
    try:
        return max(int(_attr(el, "val") or ""), 1) if el is not None else None
    except ValueError:
        return None


class TableStyles:
    """A document's table styles (``w:style w:type="table"``), through the styles they
    are based on: what each says of its cells' text and shading, by the conditional
    formatting (``w:tblStylePr``: header row, banded rows…) a table's ``w:tblLook``
    turns on."""

    def __init__(self, root: Element | None = None, palette: Palette | None = None) -> None:
        palette = palette or Palette()
        own: dict[str, tuple[dict[str, _Part], tuple[int | None, int | None], str | None]] = {}
        self.default: str | None = None
        for style in _w(root, "style") if root is not None else ():
            sid = _attr(style, "styleId")
            if sid is None or _attr(style, "type") != "table":
                continue
            if (_attr(style, "default") or "").lower() in ("1", "true", "on"):
                self.default = sid
            parts = {"wholeTable": _part(style, palette)}
            for cond in _w(style, "tblStylePr"):
                parts[_attr(cond, "type") or ""] = _part(cond, palette)
            props = next(iter(_w(style, "tblPr")), None)
            bands = (_band(props, "tblStyleRowBandSize"), _band(props, "tblStyleColBandSize"))
            own[sid] = (parts, bands, _attr(next(iter(_w(style, "basedOn")), None), "val"))
        self.styles: dict[str, _TableStyle] = {}
        for sid in own:
            merged: dict[str, _Part] = {}
            rows = cols = None
            at: str | None = sid
            seen_ids: set[str] = set()
            while at in own and at not in seen_ids:
                seen_ids.add(at)
                theirs, (row_band, col_band), at = own[at]
                for kind, (said, shd) in theirs.items():
                    mine = merged.get(kind, (_UNSAID, None))
                    merged[kind] = (_over(mine[0], said), mine[1] if mine[1] is not None else shd)
                rows, cols = rows or row_band, cols or col_band
            self.styles[sid] = _TableStyle(merged, (rows or 1, cols or 1))

    def of(
        self, tbl: Element, palette: Palette
    ) -> Callable[[Element, Element], tuple[Said, bool | None]]:
        """What a table's style says of each of its cells (by its row and itself): what
        its text takes, and whether its ground is shaded (None: no shading said)."""
        props = next(iter(_w(tbl, "tblPr")), None)
        named = next(iter(_w(props, "tblStyle")), None) if props is not None else None
        style = self.styles.get(_attr(named, "val") or self.default or "")
        if style is None:
            return lambda tr, tc: (_UNSAID, None)
        look = _look(next(iter(_w(props, "tblLook")), None) if props is not None else None)
        rows = [tr for tr in _unwrapped(tbl, "tr") if not _deleted(tr)]
        index = {id(tr): i for i, tr in enumerate(rows)}
        row_band, col_band = style.bands

        places: dict[int, tuple[int, int]] = {}  # each cell's index and its row's cells

        def at(tr: Element, tc: Element) -> tuple[Said, bool | None]:
            if id(tc) not in places:
                cells = _unwrapped(tr, "tc")
                places.update((id(c), (k, len(cells))) for k, c in enumerate(cells))
            i, (j, width) = index.get(id(tr), 0), places.get(id(tc), (0, 1))
            first, last = look["firstRow"] and i == 0, look["lastRow"] and i == len(rows) - 1
            left, right = look["firstColumn"] and j == 0, look["lastColumn"] and j == width - 1
            kinds = ["wholeTable"]  # (bands count from the first row and column not headed)
            if not look["noVBand"] and not left:
                kinds.append(f"band{(j - look['firstColumn']) // col_band % 2 + 1}Vert")
            if not look["noHBand"] and not first:
                kinds.append(f"band{(i - look['firstRow']) // row_band % 2 + 1}Horz")
            corners = {"nwCell": first and left, "neCell": first and right}
            corners |= {"swCell": last and left, "seCell": last and right}
            flags = {"firstCol": left, "lastCol": right, "firstRow": first, "lastRow": last}
            kinds += [k for k in _CONDITIONS if flags.get(k) or corners.get(k)]
            said: Said = _UNSAID
            shd: Element | None = None
            for kind in reversed(kinds):  # (the highest precedence first)
                part = style.parts.get(kind)
                if part is not None:
                    said = _over(said, part[0])
                    shd = part[1] if shd is None else shd
            return said, None if shd is None else _ground(shd, palette)

        return at


def _part(el: Element, palette: Palette) -> _Part:
    """A table style's (or a conditional part's) text properties and cell shading."""
    said, _ = _marks(next(iter(_w(el, "rPr")), None), palette)
    props = next(iter(_w(el, "tcPr")), None)
    return said, next(iter(_w(props, "shd")), None) if props is not None else None


def _look(el: Element | None) -> dict[str, bool]:
    """Which of a table style's conditional parts a table turns on (``w:tblLook``: its
    attributes, else the bits of its ``w:val``; none said: bands only)."""
    bits = 0
    if el is not None:
        try:
            bits = int(_attr(el, "val") or "0", 16)
        except ValueError:
            bits = 0
    out: dict[str, bool] = {}
    for name, bit in _LOOK.items():
        said = _attr(el, name) if el is not None else None
        out[name] = bool(bits & bit) if said is None else said.lower() in ("1", "true", "on")
    return out


def _para_marks(p: Element, styles: Marks, under: Said = _UNSAID) -> Shown:
    """What a paragraph's style does to its runs, over what its table's style does
    (``under``): (hidden, struck, raise, white, position)."""
    props = next(iter(_w(p, "pPr")), None)
    style = next(iter(_w(props, "pStyle")), None) if props is not None else None
    return _shown(_over(styles.get(_attr(style, "val") or "", _UNSAID), under))


def _shown(said: Said) -> Shown:
    """What properties decide (what they do not set is not done)."""
    vert = said[2] if said[2] in ("superscript", "subscript") else None
    return bool(said[0]), bool(said[1]), vert or "", bool(said[3]), said[4] or 0


def _run_marks(r: Element, base: Shown, look: Look) -> Shown:
    """Whether a run is hidden, struck out, raised and white: its own properties, else
    its character style's, else its paragraph's."""
    said, style = _marks(next(iter(_w(r, "rPr")), None), look.palette)
    said = _over(said, look.styles.get(style or "", _UNSAID))
    return _shown(_over(said, (base[0], base[1], base[2] or "baseline", base[3], base[4])))


def _shaded(props: Element | None, palette: Palette) -> bool:
    """Whether properties (of a run, paragraph or cell) shade it with a colour other than
    white, or highlight it."""
    if props is None:
        return False
    for c in props:
        tag = c.tag.rsplit("}", 1)[-1]
        if tag == "highlight" and (_attr(c, "val") or "none").lower() not in ("none", "white"):
            return True
        if tag == "shd" and _ground(c, palette):
            return True
    return False


#: The Symbol font's characters that a number may hold, by their code (the font's own
#: encoding: its 0x2D is the minus sign).
_SYMBOL_FONT = {
    **{0x30 + d: str(d) for d in range(10)},
    0x20: " ",
    0x25: "%",
    0x28: "(",
    0x29: ")",
    0x2B: "+",
    0x2C: ",",
    0x2D: "\u2212",
    0x2E: ".",
    0x2F: "/",
}
#: What a symbol no reading knows shows: no digit, no sign.
_UNKNOWN_SYMBOL = "\ufffd"


def _symbol(sym: Element) -> str:
    """The character a ``w:sym`` (Insert > Symbol) shows: a Symbol-font code in
    U+F020-F0FF by that font's encoding (F02D: −), a code outside the private use area
    as itself, anything else (Wingdings' pictures) as no digit or sign."""
    try:
        code = int(_attr(sym, "char") or "", 16)
    except ValueError:
        return _UNKNOWN_SYMBOL
    font = (_attr(sym, "font") or "").strip().lower()
    if 0xF020 <= code <= 0xF0FF:
        return (
            _SYMBOL_FONT.get(code - 0xF000, _UNKNOWN_SYMBOL)
            if font == "symbol"
            else (_UNKNOWN_SYMBOL)
        )
    if 0x20 <= code < 0xD800 or 0xF900 <= code <= 0x10FFFF:
        return chr(code)
    return _UNKNOWN_SYMBOL


def _ground(shd: Element, palette: Palette) -> bool:
    """Whether a shading lays a ground other than white (or near it): its fill where its
    pattern is clear, its pattern's colour where solid (automatic: black), else unless
    both are white (a white highlight or a solid white shading is the white page); each
    the theme's colour where it names one."""
    fill = (palette.colour(shd, SHD_FILL) or "auto").upper()
    pattern = _attr(shd, "val") or "clear"
    white_fill = fill == "AUTO" or near_white_hex(fill)
    if pattern in ("clear", "nil"):
        return not white_fill
    white_ink = near_white_hex(palette.colour(shd, SHD_COLOR))
    return not white_ink if pattern == "solid" else not (white_fill and white_ink)


def _shown_choice(alternate: Element) -> list[Element]:
    """What of an ``mc:AlternateContent`` is shown: its first choice, or its fallback
    where the choice holds no text (both hold the same text box, written twice)."""
    parts = list(alternate)
    for part in parts:
        if part.tag.endswith("}Choice"):
            if any(t.tag.endswith("}t") and t.text for t in part.iter()):
                return [part]
            break
    return [part for part in parts if part.tag.endswith("}Fallback")][:1]


def _para_text(
    p: Element,
    look: Look | None = None,
    on_colour: bool = False,
    boxes: bool = True,
    white: list[str] | None = None,
    linking: list[str] | None = None,
    under: Said = _UNSAID,
) -> str:
    """The text a paragraph shows: hidden runs, moved-away and deleted text and field
    codes left out, struck-out runs marked (:func:`~zfxxgk.published.struck.struck`),
    a text box written twice read once (``boxes`` False: text boxes left out); runs
    coloured white left out too, unless the paragraph or its cell is shaded
    (``on_colour``), their text put in ``white`` where it is given; ``linking``, where
    given, gets the name of each element met that may make text a link's; ``under``: what
    the table's style says of the text of the paragraph's cell."""
    look = look or Look()
    styles = look.styles
    on_colour = on_colour or _shaded(next(iter(_w(p, "pPr")), None), look.palette)
    out: list[str] = []
    #: each text's place in ``out``, its run's position and whether it is struck
    placed: list[tuple[int, int, bool]] = []
    # (element, its run's marks): walked in document order without recursion
    stack: list[tuple[Element, Shown]] = [(p, _para_marks(p, styles, under))]
    while stack:
        node, marks = stack.pop()
        tag = node.tag.rsplit("}", 1)[-1]
        children: list[Element] = list(node)
        if tag == "t":
            if node.text:
                placed.append((len(out), marks[4], marks[1]))
                out.append(node.text)
            continue
        if tag in ("noBreakHyphen", "sym"):  # a hyphen, an inserted symbol: shown text
            placed.append((len(out), marks[4], marks[1]))
            out.append("-" if tag == "noBreakHyphen" else _symbol(node))
            continue
        if tag == "tab":
            out.append("\t")
            continue
        if tag in ("br", "cr"):
            out.append("\n")
            continue
        if tag in _UNSEEN or (tag == "txbxContent" and not boxes):
            if tag == "instrText" and linking is not None:
                linking.append(tag)
            continue
        if tag == "p" and node is not p:
            marks = _para_marks(node, styles, under)
        elif tag == "r":
            marks = _run_marks(node, marks, look)
            if marks[0]:
                continue
            if marks[3] and not on_colour:
                # white on the white page: anti-copy junk a person does not see
                if white is not None:
                    white += (t.text or "" for t in _w(node, "t"))
                continue
            if marks[2]:  # a footnote mark raised beside a number: no digit of it
                text = raised("".join(t.text or "" for t in _w(node, "t")), marks[2] == "subscript")
                out.append(struck(text) if marks[1] else text)
                continue
        elif tag == "AlternateContent":
            children = _shown_choice(node)
        elif tag in _LINKING and linking is not None:
            linking.append(tag)
        stack += [(c, marks) for c in reversed(children)]
    _positioned(out, placed)
    return "".join(out)


#: What makes a paragraph's text a link's: a hyperlink, a simple field, a field's code.
_LINKING = frozenset(("hyperlink", "fldSimple", "instrText"))


def _only_links(p: Element, look: Look) -> bool:
    """Whether all a paragraph shows is links' text (hyperlinks, HYPERLINK fields' results):
    an entry of a list of other documents (往年报告), not the document's own line."""
    q = copy.deepcopy(p)
    runs: list[tuple[Element, Element]] = []  # (parent, run) in document order
    gone: list[tuple[Element, Element]] = []
    for parent in q.iter():
        for child in parent:
            name = _local(child)
            if name == "hyperlink" or (
                name == "fldSimple" and "HYPERLINK" in (_attr(child, "instr") or "").upper()
            ):
                gone.append((parent, child))
            elif name == "r":
                runs.append((parent, child))
    # a complex field's result, from its separator to its end, where its code is a link's
    fields: list[list[str | bool]] = []  # each open field: its code, past its separator
    for parent, run in runs:
        for el in run:
            name = _local(el)
            kind = _attr(el, "fldCharType") if name == "fldChar" else None
            if kind == "begin":
                fields.append(["", False])
            elif kind == "separate" and fields:
                fields[-1][1] = True
            elif kind == "end" and fields:
                fields.pop()
            elif name == "instrText" and fields:
                fields[-1][0] = f"{fields[-1][0]}{el.text or ''}"
        if any(past and "HYPERLINK" in str(code).upper() for code, past in fields):
            gone.append((parent, run))
    if not gone:
        return False
    for parent, child in gone:
        if child in list(parent):
            parent.remove(child)
    return not _para_text(q, look).strip()


def _positioned(out: list[str], placed: list[tuple[int, int, bool]]) -> None:
    """The paragraph's texts (``out``, at ``placed``: place, position, struck) as shown:
    a text set higher or lower (``w:position``) than the paragraph's first text is
    raised or lowered (a mark beside a number, no digit of it); texts where the first
    one stands are on the line. A number lowered alike in all its runs is no mark."""
    if len({pos for _, pos, _ in placed}) > 1:
        line = next((pos for i, pos, _ in placed if out[i].strip()), placed[0][1])
        for i, pos, _ in placed:
            if pos != line:
                out[i] = raised(out[i], pos < line)
    for i, _, cut in placed:
        if cut:
            out[i] = struck(out[i])


def _table_boxes(p: Element) -> list[Element]:
    """The text boxes a paragraph shows (``w:txbxContent``; of a box written twice, the
    copy :func:`_shown_choice` reads) where one of them holds a table; else none."""
    if not any(_local(el) == "txbxContent" for el in p.iter()):
        return []
    out: list[Element] = []
    todo = [p]
    while todo:
        node = todo.pop()
        tag = _local(node)
        if tag == "txbxContent":
            out.append(node)
            continue
        children = _shown_choice(node) if tag == "AlternateContent" else list(node)
        todo += reversed(children)
    if not any(_local(el) == "tbl" for box in out for el in box.iter()):
        return []
    return out


def _unwrapped(el: Element, *names: str) -> list[Element]:
    """The children of these names, also those inside content controls (``w:sdt``)."""
    out: list[Element] = []
    todo = list(reversed(list(el)))
    while todo:
        c = todo.pop()
        tag = c.tag.rsplit("}", 1)[-1]
        if tag in names:
            out.append(c)
        elif tag in _WRAPPERS:
            todo += reversed(list(c))
    return out


#: The relationship type of a document's theme.
_THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"


def _theme_part(z: SafeZip) -> str:
    """The name of the document's theme part (as its relationships say, else Word's)."""
    rels = z.xml("word/_rels/document.xml.rels")
    for rel in rels if rels is not None else ():
        if _attr(rel, "Type") == _THEME_REL and _attr(rel, "TargetMode") != "External":
            target = (_attr(rel, "Target") or "").replace("\\", "/")
            return target.lstrip("/") if target.startswith("/") else f"word/{target}"
    return "word/theme/theme1.xml"


def _optional(z: SafeZip, name: str) -> Element | None:
    """A part that only colours text (the theme, the settings): None where it is missing
    or is no XML (Word's own colours then)."""
    try:
        return z.xml(name)
    except WorkbookFormatError:
        return None


def _root(path: Path) -> tuple[Element, Look]:
    from zfxxgk.xlsx.safezip import SafeZip

    z = SafeZip(path)
    try:
        try:
            root = z.xml("word/document.xml")
            settings = _optional(z, "word/settings.xml")
            palette = Palette(_optional(z, _theme_part(z)), settings)
            styles = z.xml("word/styles.xml")
            look = Look(_styles(styles, palette), palette, TableStyles(styles, palette))
        except WorkbookFormatError as exc:
            raise SourceError(note=exc.note, file=str(path)) from None
        if root is None:
            raise SourceError.of("docx-no-document", file=str(path))
        return root, look
    finally:
        z.close()


def _deleted(tr: Element) -> bool:
    """A row deleted with changes tracked (not in the final view)."""
    props = next(iter(_w(tr, "trPr")), None)
    return props is not None and bool(_w(props, "del"))


def _local(el: Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _is_layout(tbl: Element, look: Look) -> bool:
    """A table that holds a table frames the page: its cells are read as the document's
    flow, so that the tables inside are read as tables of their own. A table that holds
    only :func:`_cell_lines` tables is a table of its own (a report's table whose label
    cell lays its lines out as a small table)."""
    return any(not _cell_lines(el, look, beside) for el, beside in _nested(tbl))


def _nested(tbl: Element) -> list[tuple[Element, int]]:
    """The tables a table's cells hold, each with how many cells the row of its cell
    (of ``tbl``'s rows) has."""
    out: list[tuple[Element, int]] = []
    for tr in _unwrapped(tbl, "tr"):
        cells = _unwrapped(tr, "tc")
        out += [(el, len(cells)) for tc in cells for el in tc.iter() if _local(el) == "tbl"]
    return out


def _cell_lines(tbl: Element, look: Look, beside: int = 2) -> bool:
    """A table nested in a cell that only lays out the cell's lines: one cell a row, or
    one row in a cell among others of its row (``beside``: how many its row has; no
    table of a report: its cells side by side, 12 | 345, each a line, never glued into
    one number; a one-row table alone in its row, as a frame holds a report's row in
    each of its rows, is a table), no table inside, no more text than a label (a person
    reads it as the cell's text)."""
    if any(_local(el) == "tbl" for el in tbl.iter() if el is not tbl):
        return False
    rows = _unwrapped(tbl, "tr")
    if (len(rows) > 1 or beside < 2) and any(len(_unwrapped(tr, "tc")) > 1 for tr in rows):
        return False
    return len("".join(_cell_text(tbl, look))) <= MAX_LABEL


def _cell_text(
    el: Element,
    look: Look,
    white: list[str] | None = None,
    styled: tuple[Said, bool | None] = (_UNSAID, None),
) -> list[str]:
    """The lines of a cell: its paragraphs, and those of the small tables it holds (the
    text of white runs left out, put in ``white`` where it is given); ``styled``: what
    its table's style says of its text, and whether it lays a ground under it (None:
    no shading)."""
    out: list[str] = []
    under, ground = styled
    shaded = False
    if _local(el) == "tc":
        props = next(iter(_w(el, "tcPr")), None)
        own = next(iter(_w(props, "shd")), None) if props is not None else None
        # (the cell's own shading over the style's)
        shaded = _shaded(props, look.palette) if own is not None or ground is None else ground
    for block in _unwrapped(el, "p", "tbl", "tr", "tc"):
        if _local(block) == "p":
            out.append(_para_text(block, look, shaded, white=white, under=under))
        elif not (_local(block) == "tr" and _deleted(block)):
            out += _cell_text(block, look, white)
    return out


def _white_cell(text: str, white: list[str]) -> str:
    """A table cell's text, where it shows none but white runs hold a figure: that
    figure marked :data:`~zfxxgk.core.cellvalue.UNSEEN` (junk in a blank cell, or a
    value on a ground this reader does not see, a page colour's or a picture's: no value,
    said, as the HTML reader says a white value), never a blank without a word."""
    if text.strip() or not white:
        return text
    hidden = "".join(white).strip()
    if hidden and looks_like_value(hidden) and any(c.isdigit() for c in hidden):
        return UNSEEN + hidden + UNSEEN
    return text


class _Reader:
    """The rows and the text of a document's blocks, read in order, as ``look`` shows
    them."""

    def __init__(self, look: Look) -> None:
        self.look = look
        self.rows: list[TextRow] = []
        self.text: list[str] = []
        self.budget = Budget()

    def blocks(self, parent: Element) -> None:
        """Paragraphs and tables of the body, or of a layout table's cell."""
        for block in _unwrapped(parent, "p", "tbl"):
            if _local(block) == "p":
                # a table in a text box is a table of its own, after the paragraph's
                # text (as lines its cells' numbers ran together)
                boxes = _table_boxes(block)
                linking: list[str] = []
                t = seen(_para_text(block, self.look, boxes=not boxes, linking=linking))
                t = t.strip()
                self.text.append(t)
                if t:
                    self.budget.charge(0, 1)
                    link = bool(linking) and _only_links(block, self.look)
                    self.rows.append(TextRow((t,), False, len(self.rows) + 1, link=link))
                for box in boxes:
                    self.blocks(box)
            elif _is_layout(block, self.look):
                # each run of rows that hold no table a table of its own (a report
                # table's header rows whose body stands in a table in a cell keep their
                # columns), each row that holds one its cells as the document's flow
                run: list[Element] = []
                for tr in _unwrapped(block, "tr"):
                    if _deleted(tr):
                        continue
                    beside = len(_unwrapped(tr, "tc"))
                    tables = (t for t in tr.iter() if _local(t) == "tbl")
                    if all(_cell_lines(t, self.look, beside) for t in tables):
                        run.append(tr)
                        continue
                    self.table(run, block)
                    run = []
                    for tc in _unwrapped(tr, "tc"):
                        self.blocks(tc)
                self.table(run, block)
            else:
                self.table([tr for tr in _unwrapped(block, "tr") if not _deleted(tr)], block)

    def table(self, trs: list[Element], tbl: Element) -> None:
        """A table's rows laid out on their grid (gridSpan, vMerge, gridBefore), each
        cell's text as its table's style shows it (``tbl``: the table of the rows)."""
        if not trs:
            return
        styled = self.look.tables.of(tbl, self.look.palette)
        grid = Grid(self.budget)
        for tr in trs:
            grid.new_row()
            row_props = next(iter(_w(tr, "trPr")), None)
            before = (
                next(iter(_w(row_props, "gridBefore")), None) if row_props is not None else None
            )
            if before is not None:
                grid.skip(span(_attr(before, "val")))
            for tc in _unwrapped(tr, "tc"):
                props = next(iter(_w(tc, "tcPr")), None)
                span_el = next(iter(_w(props, "gridSpan")), None) if props is not None else None
                merge_el = next(iter(_w(props, "vMerge")), None) if props is not None else None
                continued = merge_el is not None and _attr(merge_el, "val") != "restart"
                white: list[str] = []
                at = styled(tr, tc)
                cell = seen("\n".join(_cell_text(tc, self.look, white, at)))
                cell = _white_cell(cell, white)
                self.text.append("" if UNSEEN in cell else cell)  # (no one sees it)
                grid.add("" if continued else cell, 1, span(_attr(span_el, "val")))
        self.rows += grid.rows(len(self.rows))


def docx_rows(path: Path) -> tuple[list[TextRow], str]:
    """Rows of a Word document: its tables on their grids (merges laid out), paragraphs."""
    root, look = _root(path)
    body = next((c for c in root if c.tag.endswith("}body")), root)
    reader = _Reader(look)
    reader.blocks(body)
    return reader.rows, unstruck("\n".join(reader.text))
