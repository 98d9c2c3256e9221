"""A Word document's theme colours: what ``w:themeColor="background1"`` shows.

Word paints a colour that names a theme colour (``w:themeColor``, a shading's
``w:themeFill``) from the document's theme (``word/theme/theme1.xml``, its ``a:clrScheme``)
through the settings' ``w:clrSchemeMapping`` (background1 → light1 unless mapped
otherwise), lightened or darkened by ``w:themeTint`` / ``w:themeShade``; the ``w:val``
written beside it is only a cache, and may say another colour (black beside
background1: the text is white all the same). Without a theme part, text1 and
background1 are the system's window text and window (black and white); other theme
colours are then as ``w:val`` says.
"""

from __future__ import annotations

import colorsys
from xml.etree.ElementTree import Element

#: The attributes of a colour: its value, its theme colour, tint and shade.
COLOR = ("val", "themeColor", "themeTint", "themeShade")
SHD_FILL = ("fill", "themeFill", "themeFillTint", "themeFillShade")
SHD_COLOR = ("color", "themeColor", "themeTint", "themeShade")

#: The scheme's slot of each theme colour a document names (after the mapping).
_SLOTS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}
#: The mapping's attribute of each colour it maps, and what it maps to by default.
_MAPPED = {
    "background1": ("bg1", "light1"),
    "text1": ("t1", "dark1"),
    "background2": ("bg2", "light2"),
    "text2": ("t2", "dark2"),
    **{f"accent{i}": (f"accent{i}", f"accent{i}") for i in range(1, 7)},
    "hyperlink": ("hyperlink", "hyperlink"),
    "followedHyperlink": ("followedHyperlink", "followedHyperlink"),
}
#: A system colour's value where the theme gives no ``lastClr``.
_SYSTEM = {"windowText": "000000", "window": "FFFFFF"}
#: The slots a document without a theme still shows (the system's).
_NO_THEME = {"dk1": "000000", "lt1": "FFFFFF"}


def _local(el: Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _attr(el: Element, name: str) -> str | None:
    for k, v in el.attrib.items():
        if k.rsplit("}", 1)[-1] == name:
            return v
    return None


def _hex(text: str | None) -> str | None:
    text = (text or "").strip().upper()
    return text if len(text) == 6 and all(c in "0123456789ABCDEF" for c in text) else None


class Palette:
    """A document's theme colours by slot (``lt1``: ``FFFFFF``) and its mapping."""

    def __init__(self, theme: Element | None = None, settings: Element | None = None) -> None:
        self.slots: dict[str, str] = dict(_NO_THEME) if theme is None else {}
        scheme = (
            next((el for el in theme.iter() if _local(el) == "clrScheme"), None)
            if theme is not None
            else None
        )
        for slot in scheme if scheme is not None else ():
            colour = next(iter(slot), None)
            if colour is None:
                continue
            kind = _local(colour)
            rgb = None
            if kind == "srgbClr":
                rgb = _hex(_attr(colour, "val"))
            elif kind == "sysClr":
                rgb = _hex(_attr(colour, "lastClr")) or _SYSTEM.get(_attr(colour, "val") or "")
            if rgb is not None and not len(colour):  # (a colour changed by its children:
                self.slots[_local(slot)] = rgb  # lumMod and such, not read: as w:val says)
        self.mapping: dict[str, str] = {}
        mapping = (
            next((el for el in settings.iter() if _local(el) == "clrSchemeMapping"), None)
            if settings is not None
            else None
        )
        for name, (key, default) in _MAPPED.items():
            said = _attr(mapping, key) if mapping is not None else None
            self.mapping[name] = said if said in _SLOTS else default

    def colour(self, el: Element, attrs: tuple[str, str, str, str] = COLOR) -> str:
        """The colour an element shows (``RRGGBB``), by its theme colour where it names
        one this palette holds, else its value as written (``auto``, ``FFFFFF``)."""
        value, theme, tint, shade = attrs
        written = _attr(el, value) or ""
        name = _attr(el, theme)
        if not name:
            return written
        rgb = self.slots.get(_SLOTS.get(self.mapping.get(name, name), ""))
        if rgb is None:
            return written
        return _tinted(rgb, _byte(_attr(el, tint)), _byte(_attr(el, shade)))


def _byte(text: str | None) -> float | None:
    """A tint or shade (``80``: a byte in hex) as a fraction of 1; None where unread."""
    try:
        value = int(text or "", 16)
    except ValueError:
        return None
    return value / 255 if 0 <= value <= 255 else None


def _tinted(rgb: str, tint: float | None, shade: float | None) -> str:
    """A colour lightened by ``tint`` (its luminance ``L·t + 1 − t``) and darkened by
    ``shade`` (``L·s``), as Word shows them: white darker 5 % (``themeShade="F2"``) is
    F2F2F2, black lighter 50 % (``themeTint="80"``) 7F7F7F."""
    if tint is None and shade is None:
        return rgb
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    if tint is not None:
        lightness = lightness * tint + (1 - tint)
    if shade is not None:
        lightness *= shade
    out = colorsys.hls_to_rgb(h, min(max(lightness, 0.0), 1.0), s)
    return "".join(f"{round(c * 255):02X}" for c in out)
