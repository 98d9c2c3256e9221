"""Colours a person cannot tell from white on a white page, or from their ground.

Here (below every reader) because pages, Word documents and workbooks all write junk so:
CSS colours (:func:`near_white`), and the hex ``RRGGBB`` of Word's ``w:color`` and a
workbook's ``rgb`` (:func:`near_white_hex`, :func:`indistinct_hex`).

Anti-copy junk is written white, or nearly (``#fffffe``, ``#fefefe``, ``rgb(254,254,254)``,
``hsl(0,0%,99%)``, ``snow``), or in any colour at an opacity of a few percent. A colour is
judged as a browser paints it on white (its alpha and the element's opacity laid over
white, in sRGB), then by its CIELAB difference from white: under :data:`NEAR_WHITE`
(ΔE*ab 2.3, the least difference a person tells between two large patches side by side)
no one tells it from white, the less so in the thin strokes of text: ``#f9f9f9`` and
lighter greys, black at 2.5 % or less. A colour a person can tell apart is seen, however
faint (``#f2f2f2``, Excel's "white, darker 5%", is a ground white text is written on), and
so is a pale colour with a hue (yellow, ``#ffff00``, ΔE 97), though its luminance
contrast with white is as low.
"""

from __future__ import annotations

import functools
import math
import re

#: CIELAB difference from white under which a colour is not seen (see the module).
NEAR_WHITE = 2.3

#: The CSS named colours nearest white (of them only white and snow are near it:
#: :func:`near_white`), and black (text's colour where none is said); any other name is a
#: colour a person sees.
_NAMED = {
    "white": (255, 255, 255),
    "snow": (255, 250, 250),
    "ghostwhite": (248, 248, 255),
    "whitesmoke": (245, 245, 245),
    "mintcream": (245, 255, 250),
    "black": (0, 0, 0),
}
_HEX = re.compile(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})")
_FUNCTION = re.compile(r"(rgba?|hsla?)\(([^)]*)\)")
_TOKEN = re.compile(r"[a-z-]+\([^)]*\)|#[0-9a-f]+|[a-z]+")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(%|deg|turn|rad|grad)?")


def _component(text: str, scale: float) -> float | None:
    """A number of a colour function: a percentage of ``scale``, else as written."""
    m = _NUMBER.fullmatch(text)
    if m is None:
        return None
    unit = m.group(1)
    value = float(text[: len(text) - len(unit or "")])
    if unit == "%":
        return value / 100 * scale
    if unit == "turn":
        return value * 360
    if unit == "rad":
        return math.degrees(value)
    if unit == "grad":
        return value * 0.9
    return value


def _hsl(h: float, s: float, lightness: float) -> tuple[float, float, float]:
    s, lightness = min(max(s, 0.0), 1.0), min(max(lightness, 0.0), 1.0)

    def f(n: float) -> float:
        k = (n + h / 30) % 12
        a = s * min(lightness, 1 - lightness)
        return 255 * (lightness - a * max(-1.0, min(k - 3, 9 - k, 1.0)))

    return f(0), f(8), f(4)


def rgba(value: str) -> tuple[float, float, float, float] | None:
    """A CSS colour (lower case) as red, green, blue (0–255) and alpha (0–1); None for
    what is no colour this reads (``currentcolor``, a variable, a name not near white)."""
    text = value.strip()
    if text == "transparent":
        return 0.0, 0.0, 0.0, 0.0
    if text in _NAMED:
        return (*map(float, _NAMED[text]), 1.0)  # type: ignore[return-value]
    m = _HEX.fullmatch(text)
    if m is not None:
        digits = m.group(1)
        if len(digits) <= 4:
            digits = "".join(c * 2 for c in digits)
        channels = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        alpha = channels[3] / 255 if len(channels) == 4 else 1.0
        return float(channels[0]), float(channels[1]), float(channels[2]), alpha
    m = _FUNCTION.fullmatch(text)
    if m is None:
        return None
    args = m.group(2).replace("/", " / ").replace(",", " ").split()
    alpha_text = "1"
    if "/" in args:
        at = args.index("/")
        args, rest = args[:at], args[at + 1 :]
        if len(rest) != 1:
            return None
        alpha_text = rest[0]
    elif len(args) == 4:
        args, alpha_text = args[:3], args[3]
    if len(args) != 3:
        return None
    said_alpha = _component(alpha_text, 1.0)
    if m.group(1).startswith("rgb"):
        parts = [_component(a, 255.0) for a in args]
        if said_alpha is None or any(p is None for p in parts):
            return None
        r, g, b = (min(max(p or 0.0, 0.0), 255.0) for p in parts)
    else:
        h = _component(args[0], 360.0)
        sat, light = _component(args[1], 1.0), _component(args[2], 1.0)
        if said_alpha is None or h is None or sat is None or light is None:
            return None
        if not args[1].endswith("%"):  # (CSS Color 4: bare numbers are percentages)
            sat /= 100
        if not args[2].endswith("%"):
            light /= 100
        r, g, b = _hsl(h % 360, sat, light)
    return r, g, b, min(max(said_alpha, 0.0), 1.0)


def _lab_lightness_and_ab(r: float, g: float, b: float) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    lr, lg, lb = linear(r), linear(g), linear(b)
    x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047
    y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb
    z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


@functools.lru_cache(maxsize=1024)
def near_white(value: str, opacity: float = 1.0) -> bool:
    """Whether text in the CSS colour ``value`` (lower case), at ``opacity``, is one a
    person cannot tell from white on white (see the module); False for what is no colour
    this reads."""
    colour = rgba(value)
    if colour is None:
        return False
    r, g, b, alpha = colour
    a = alpha * min(max(opacity, 0.0), 1.0)
    r, g, b = (a * c + (1 - a) * 255 for c in (r, g, b))
    lightness, da, db = _lab_lightness_and_ab(r, g, b)
    return math.sqrt((100 - lightness) ** 2 + da**2 + db**2) < NEAR_WHITE


def _lab(value: str) -> tuple[float, float, float] | None:
    colour = rgba(value)
    if colour is None:
        return None
    r, g, b, a = colour
    return _lab_lightness_and_ab(*(a * c + (1 - a) * 255 for c in (r, g, b)))


def _hex(rgb: str) -> str | None:
    """``RRGGBB`` (or ``AARRGGBB``, its alpha not read, as Office writes it) as a CSS
    colour; None for what is none (``auto``, a theme's name)."""
    text = rgb.strip().lower()[-6:]
    return f"#{text}" if len(text) == 6 and all(c in "0123456789abcdef" for c in text) else None


@functools.lru_cache(maxsize=256)
def near_white_hex(rgb: str) -> bool:
    """:func:`near_white` of an Office colour, ``RRGGBB`` or ``AARRGGBB``."""
    colour = _hex(rgb)
    return colour is not None and near_white(colour)


@functools.lru_cache(maxsize=256)
def indistinct_hex(a: str, b: str) -> bool:
    """Whether text of one Office colour on a ground of the other is one a person cannot
    read: their CIELAB difference under :data:`NEAR_WHITE`."""
    one, other = _hex(a), _hex(b)
    if one is None or other is None:
        return False
    x, y = _lab(one), _lab(other)
    return x is not None and y is not None and math.dist(x, y) < NEAR_WHITE


def opacity(value: str | None) -> float:
    """A CSS opacity (``0.05``, ``.05``, ``5%``) as a number from 0 to 1; 1 where none
    or unread."""
    if not value:
        return 1.0
    text = value.strip()
    try:
        number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return 1.0
    return min(max(number, 0.0), 1.0)


def background_colour(value: str) -> str | None:
    """The colour of a ``background`` shorthand (lower case), or None where it holds none
    this reads; ``url`` for an image or a gradient (a ground that is no one colour)."""
    if "url(" in value or "gradient(" in value or "image-set(" in value:
        return "url"
    for token in _TOKEN.findall(value):
        if rgba(token) is not None:
            return str(token)
    return None
