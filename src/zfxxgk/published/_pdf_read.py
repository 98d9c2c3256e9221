"""A PDF's characters and rules straight from pdfium, bounded while they are read.

This module runs in the PDF helper process (see :mod:`zfxxgk.published.pdf`) and imports
nothing of zfxxgk: the page geometry of :mod:`zfxxgk.published._pdf_layout` (and
:mod:`zfxxgk.published.raised`) is loaded by its path when this file runs as a script.
pypdfium2 (the extra ``zfxxgk[pdf]``) is imported inside :func:`read_pdf`.

Each page gives its characters (pdfium's loose boxes: the font's ascent to descent, the
glyph's advance, so a decimal point sits on its line) and its drawn rules: every straight
piece of a stroked path, and filled shapes thin enough to be a line; white paint and
filled boxes (WPS paints a white one behind every cell) are no rules. Form XObjects are
walked with their matrices.

The work is bounded as it is done, not after: the inflated size of the content streams
is counted before pdfium parses a page (a small file may inflate to gigabytes), the
characters and drawing objects are counted page by page before any is read, and pages
beyond :data:`MAX_PAGES` are never loaded. What pdfium itself might spend inside one
page (nested forms drawn 10⁸ times) is bounded by the helper's memory cap and timeout.
"""

from __future__ import annotations

import ctypes
import re
import zlib
from typing import Any

if __package__:
    from zfxxgk.published import _pdf_layout as layout
    from zfxxgk.published.raised import raised
else:  # run by path in the helper process
    import importlib.util
    import sys
    from pathlib import Path

    def _by_path(name: str) -> Any:
        """A module of this folder that imports nothing of zfxxgk, loaded by its path."""
        spec = importlib.util.spec_from_file_location(
            f"_zfxxgk_{name}", Path(__file__).with_name(f"{name}.py")
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"_zfxxgk_{name}"] = module
        spec.loader.exec_module(module)
        return module

    layout = _by_path("_pdf_layout")
    raised = _by_path("raised").raised

#: Coloured shapes of a page kept at most (what white text may stand on).
MAX_FILLS = 20_000
#: Pages read at most.
MAX_PAGES = 200
#: Characters read at most over the whole document.
MAX_CHARS = 400_000
#: Drawing objects (paths, images, forms, text objects) walked at most over the document.
MAX_OBJECTS = 400_000
#: Link annotations read at most on a page (those past it make no line a link's).
MAX_LINKS = 200
#: Path segments read at most over the document.
MAX_SEGMENTS = 1_000_000
#: Bytes the document's content streams may inflate to, together.
MAX_INFLATED = 128 * 1024 * 1024
#: A character box larger than this (points) is checked against its font size.
BIG = 24.0
#: Paint at least this light (0–255 on every channel) is white: no rule.
WHITE = 242
#: An image covering this share of its page, under text and no drawn rule, is a scan
#: with its OCR's text layer: the page's characters are given for the rules of the image.
SCAN_SHARE = 0.5
#: A scan's text layer of fewer characters than this is none (see ``pdf.MIN_CHARS``).
SCAN_CHARS = 10

_STREAM = re.compile(rb"stream\r?\n")
#: Streams pdfium does not parse when it loads a page (images, embedded fonts).
_NOT_CONTENT = re.compile(
    rb"/Subtype\s*/Image|/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)"
)


class Refused(Exception):
    """The document asks for more work than a bound allows (``bound``: what it counts,
    ``limit``: the bound, ``count``: what the document asked where it is known), or is
    damaged or encrypted (``detail`` says why)."""

    def __init__(
        self,
        kind: str,
        detail: str,
        *,
        bound: str | None = None,
        limit: int | None = None,
        count: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.kind, self.detail = kind, detail
        self.data = {"bound": bound, "limit": limit, "count": count} if bound else {}


def _inflate(data: bytes, at: int, left: int, keep: bool) -> tuple[int, bytes]:
    """Inflate the stream starting at ``at`` with ``left`` bytes to spend: what is left
    (negative past the bound) and, where ``keep``, what it inflated to."""
    inflater = zlib.decompressobj()
    kept: list[bytes] = []
    view = memoryview(data)
    while not inflater.eof and at < len(data) and left >= 0:
        chunk = view[at : at + 65536]
        at += len(chunk)
        out = inflater.decompress(chunk, min(left + 1, 1 << 20))
        while True:
            left -= len(out)
            if keep:
                kept.append(out)
            if left < 0 or not inflater.unconsumed_tail:
                break
            out = inflater.decompress(inflater.unconsumed_tail, min(left + 1, 1 << 20))
    return left, b"".join(kept)


_OBJ_NUMBER = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_XOBJECTS = re.compile(rb"/XObject\s*<<(.*?)>>", re.S)
_REF = re.compile(rb"/([^\s/<>\[\]()]+)\s*(\d+)\s+\d+\s+R")
_DO = re.compile(rb"/([^\s/<>\[\]()]+)\s*Do\b")


def scan_streams(data: bytes, inflated: int = MAX_INFLATED, drawn: int = MAX_OBJECTS) -> None:
    """Refuse, before pdfium parses a page, a document whose content streams (images and
    fonts aside) inflate past ``inflated`` bytes together (counted while inflating, and
    stopped at the bound), or whose form XObjects, drawn inside one another, come to more
    than ``drawn`` drawings (ten forms each drawing the next ten times: 10¹⁰).

    A cheap look at the file's bytes (resources in objects of their own followed): what
    it cannot see (objects inside object streams, other filters) pdfium reads under the
    helper's bounds."""
    left = inflated
    forms: dict[int, tuple[dict[bytes, int], bytes]] = {}
    objects = _Objects(data)
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048) : m.start()]
        start = head.rfind(b" obj")
        number = _OBJ_NUMBER.search(head[max(0, start - 24) : start + 4]) if start >= 0 else None
        head = head[start + 1 :] if start >= 0 else head
        form = b"/Form" in head and number is not None
        if _NOT_CONTENT.search(head):
            continue
        content = b""
        if b"FlateDecode" in head:
            try:
                left, content = _inflate(data, m.end(), left, form)
            except zlib.error:
                continue  # not our stream's data (or damaged): pdfium decides
            if left < 0:
                raise Refused(
                    "too-large",
                    f"streams inflate past {inflated // 1024**2} MiB",
                    bound="MiB inflated",
                    limit=inflated // 1024**2,
                )
        elif form:
            end = data.find(b"endstream", m.end())
            content = data[m.end() : end if end >= 0 else len(data)]
        if form and number is not None:
            forms[int(number.group(1))] = (_xobjects(data, head, objects), content)
    if forms:
        _count_drawings(forms, drawn)


class _Objects:
    """Where each object of the file starts (found on first use, by one pass)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at: dict[int, int] | None = None

    def body(self, number: int) -> bytes:
        """The start of an object's body (its dictionary), or nothing."""
        if self.at is None:
            self.at = {int(m.group(1)): m.end() for m in _OBJ_NUMBER.finditer(self.data)}
        start = self.at.get(number)
        if start is None:
            return b""
        body = self.data[start : start + 4096]
        end = body.find(b"endobj")
        return body[:end] if end >= 0 else body


_INDIRECT = re.compile(rb"/(Resources|XObject)\s+(\d+)\s+\d+\s+R")


def _xobjects(data: bytes, head: bytes, objects: _Objects) -> dict[bytes, int]:
    """A form's XObjects (name → object number), its resources followed where they are
    objects of their own (two steps: the resources, their XObject dictionary)."""

    def inline(m: re.Match[bytes]) -> bytes:
        return b"/" + m.group(1) + b" " + objects.body(int(m.group(2)))

    for _ in range(2):
        head = _INDIRECT.sub(inline, head)
    return {name: int(n) for x in _XOBJECTS.findall(head) for name, n in _REF.findall(x)}


def _count_drawings(forms: dict[int, tuple[dict[bytes, int], bytes]], bound: int) -> None:
    """Refuse forms that, drawn inside one another, come to more than ``bound``."""
    uses: dict[int, dict[int, int]] = {}
    for number, (refs, content) in forms.items():
        calls: dict[int, int] = {}
        for name in _DO.findall(content):
            if name in refs and refs[name] in forms:
                calls[refs[name]] = calls.get(refs[name], 0) + 1
        uses[number] = calls
    total: dict[int, int] = {}

    def drawings(number: int, seen: frozenset[int]) -> int:
        if number in total:
            return total[number]
        n = 1
        for inner, times in uses[number].items():
            if inner not in seen:  # a form drawing itself: pdfium stops that
                n += times * drawings(inner, seen | {inner})
            if n > bound:
                raise Refused(
                    "too-large",
                    f"forms drawn inside forms past {bound} drawings",
                    bound="drawings of forms inside forms",
                    limit=bound,
                )
        total[number] = n
        return n

    for number in forms:
        drawings(number, frozenset({number}))


def _ink(get: Any, obj: Any) -> tuple[float, float, float] | None:
    """A paint's colour as 0–1 floats, or ``None`` where it leaves no visible mark."""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not get(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return (0.0, 0.0, 0.0)
    if a.value == 0 or min(r.value, g.value, b.value) >= WHITE:
        return None
    return (r.value / 255, g.value / 255, b.value / 255)


Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """``m`` applied first, then ``n``."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


class _Page:
    """One page's objects in the shape the layout reads (pdfplumber's, top-down)."""

    def __init__(self, pdfium: Any, frame: Matrix, budget: dict[str, int]) -> None:
        self.c = pdfium
        self.frame = frame  #: the page's own coordinates to the reading frame's
        self.budget = budget
        self.lines: list[dict[str, Any]] = []
        self.rects: list[dict[str, Any]] = []
        #: shapes filled with a colour other than white (x0, top, x1, bottom): what white
        #: text may be seen on
        self.fills: list[tuple[float, float, float, float]] = []
        #: whether some text object is painted white or transparent (its characters'
        #: paint is then looked at one by one)
        self.painted = False
        self.images = 0
        self.image_area = 0.0  #: the largest image's area on the page (square points)
        #: text objects that stick out of their clip paths: (the object's box, the clip's
        #: box), each (x0, top, x1, bottom) in the reading frame
        self.clipped: list[tuple[Box, Box]] = []
        self._matrix = pdfium.FS_MATRIX()
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._xr, self._yr = ctypes.byref(self._x), ctypes.byref(self._y)
        self._box = [ctypes.c_float() for _ in range(4)]
        self._box_refs = [ctypes.byref(v) for v in self._box]
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()

    def spend(self, what: str, n: int, bound: int, name: str) -> None:
        self.budget[what] = self.budget.get(what, 0) + n
        if self.budget[what] > bound:
            raise Refused(
                "too-large",
                f"over {bound} {name}",
                bound=name,
                limit=bound,
                count=self.budget[what],
            )

    def walk(self, count: Any, get: Any, parent: Any, matrix: Matrix, depth: int) -> None:
        c = self.c
        n = count(parent)
        self.spend("objects", n, MAX_OBJECTS, "drawing objects")
        for i in range(n):
            obj = get(parent, i)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_PATH:
                self.path(obj, matrix)
            elif kind == c.FPDF_PAGEOBJ_TEXT:
                self.painted = self.painted or _text_paint(c, obj) is not None
                self.clip(obj, matrix)
            elif kind == c.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
                self.image_area = max(self.image_area, self.area(obj))
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < 16:
                self.walk(
                    c.FPDFFormObj_CountObjects,
                    c.FPDFFormObj_GetObject,
                    obj,
                    _times(self.matrix(obj), matrix),
                    depth + 1,
                )

    def box(self, points: list[tuple[float, float]], m: Matrix) -> Box:
        """The box (x0, top, x1, bottom) of points of the page, in the reading frame."""
        at = [_at(m, x, y) for x, y in points]
        xs, ys = [p[0] for p in at], [p[1] for p in at]
        return min(xs), min(ys), max(xs), max(ys)

    def clip(self, obj: Any, outer: Matrix) -> None:
        """Notes a text object that its clip path cuts (see :attr:`clipped`): a clip of
        one rectangle (chromium clips every object to the page's margins or its cell), by
        two opposite corners; other clips are not judged."""
        c = self.c
        clip = c.FPDFPageObj_GetClipPath(obj)
        if not clip or c.FPDFClipPath_CountPaths(clip) != 1:
            return
        if c.FPDFClipPath_CountPathSegments(clip, 0) not in (4, 5):
            return
        a, b = c.FPDFClipPath_GetPathSegment(clip, 0, 0), c.FPDFClipPath_GetPathSegment(clip, 0, 2)
        x, y = self._x, self._y
        if not a or not b or not c.FPDFPathSegment_GetPoint(a, self._xr, self._yr):
            return
        ax, ay = x.value, y.value
        if not c.FPDFPathSegment_GetPoint(b, self._xr, self._yr):
            return
        bx, by = x.value, y.value
        box = self._box
        if not c.FPDFPageObj_GetBounds(obj, *self._box_refs):
            return
        left, right = box[0].value, box[2].value
        upright = outer is IDENTITY and self.frame[:4] == (1.0, 0.0, 0.0, -1.0)
        if upright and min(ax, bx) - 0.5 <= left and right <= max(ax, bx) + 0.5:
            return  # inside its clip (the common case, judged without turning boxes)
        m = _times(outer, self.frame)
        own = self.box([(left, box[1].value), (right, box[3].value)], m)
        cut = self.box([(ax, ay), (bx, by)], m)
        if own[0] < cut[0] - 0.5 or own[2] > cut[2] + 0.5:
            self.clipped.append((own, cut))

    def area(self, obj: Any) -> float:
        """An object's area on the page (of its bounds; a form's matrix aside)."""
        box = [ctypes.c_float() for _ in range(4)]
        if not self.c.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, box)):
            return 0.0
        left, bottom, right, top = (v.value for v in box)
        return max(right - left, 0.0) * max(top - bottom, 0.0)

    def matrix(self, obj: Any) -> Matrix:
        m = self._matrix
        if not self.c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
            return IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def path(self, obj: Any, outer: Matrix) -> None:
        c = self.c
        if not c.FPDFPath_GetDrawMode(obj, ctypes.byref(self._fill), ctypes.byref(self._stroke)):
            return
        filled, stroked = self._fill.value != 0, bool(self._stroke.value)
        fill = _ink(c.FPDFPageObj_GetFillColor, obj) if filled else None
        stroke = _ink(c.FPDFPageObj_GetStrokeColor, obj) if stroked else None
        if fill is None and stroke is None:
            return  # white boxes behind cells, invisible paths
        n = c.FPDFPath_CountSegments(obj)
        self.spend("segments", max(n, 0), MAX_SEGMENTS, "path segments")
        a, b, cc, d, e, f = _times(_times(self.matrix(obj), outer), self.frame)
        x, y = self._x, self._y
        points: list[tuple[float, float]] = []  # page coordinates, top-down
        pieces: list[tuple[float, float, float, float]] = []
        start: tuple[float, float] | None = None
        for i in range(n):
            seg = c.FPDFPath_GetPathSegment(obj, i)
            if not c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            px, py = x.value, y.value
            pt = (a * px + cc * py + e, b * px + d * py + f)
            kind = c.FPDFPathSegment_GetType(seg)
            if kind == c.FPDF_SEGMENT_LINETO and points:
                pieces.append((*points[-1], *pt))
            elif kind == c.FPDF_SEGMENT_MOVETO:
                start = pt
            points.append(pt)
            if c.FPDFPathSegment_GetClose(seg) and start is not None and start != pt:
                pieces.append((*pt, *start))
        if not points:
            return
        x0, x1 = min(p[0] for p in points), max(p[0] for p in points)
        top, bottom = min(p[1] for p in points), max(p[1] for p in points)
        thin = min(x1 - x0, bottom - top) <= layout.THIN
        if fill is not None and not thin and len(self.fills) < MAX_FILLS:
            self.fills.append((x0, top, x1, bottom))
        if fill is not None and thin:
            self.rects.append(
                {
                    "x0": x0,
                    "top": top,
                    "x1": x1,
                    "bottom": bottom,
                    "fill": True,
                    "stroke": False,
                    "non_stroking_color": fill,
                }
            )
        elif stroke is not None:
            for ax, ay, bx, by in pieces:
                self.lines.append(
                    {
                        "x0": min(ax, bx),
                        "top": min(ay, by),
                        "x1": max(ax, bx),
                        "bottom": max(ay, by),
                        "stroking_color": stroke,
                    }
                )


#: Characters whose direction is sampled to find which way a page's text runs.
SAMPLES = 64


def quarter_turns(c: Any, text: Any, n: int) -> int:
    """Which way most of a page's text runs, in quarter turns counterclockwise (0: left
    to right; 1: upwards, as a landscape table drawn turned in a portrait page by its
    matrix, which a viewer shows upright by the page's /Rotate; 2: upside down; 3:
    downwards), by the matrices of up to :data:`SAMPLES` characters spread over the page.
    A page's /Rotate alone turns nothing of its contents: it is read as it is drawn."""
    m = c.FS_MATRIX()
    votes = [0, 0, 0, 0]
    for i in range(0, n, max(1, n // SAMPLES)):
        if c.FPDFText_IsGenerated(text, i) or not c.FPDFText_GetMatrix(text, i, ctypes.byref(m)):
            continue
        if abs(m.a) > abs(m.b):
            votes[0 if m.a > 0 else 2] += 1
        elif m.b:
            votes[1 if m.b > 0 else 3] += 1
    best = max(range(4), key=votes.__getitem__)
    return best if votes[best] * 2 > sum(votes) else 0


def frame(quarters: int, height: float, size: float) -> Matrix:
    """The matrix from a page's own coordinates (points, upwards) to the frame it is read
    in (top-down, its text running left to right): a page of ``height`` whose text runs
    ``quarters`` quarter turns counterclockwise; ``size`` is more than the page's width
    and height (coordinates stay positive)."""
    if quarters == 1:  # text runs up: its lines follow one another rightwards
        return (0.0, 1.0, 1.0, 0.0, 0.0, 0.0)
    if quarters == 2:
        return (-1.0, 0.0, 0.0, 1.0, size, 0.0)
    if quarters == 3:  # text runs down: its lines follow one another leftwards
        return (0.0, -1.0, -1.0, 0.0, size, size)
    return (1.0, 0.0, 0.0, -1.0, 0.0, height)


def _at(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """A point of the page in the reading frame ``m``."""
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _chars(c: Any, text: Any, n: int, m: Matrix, painted: bool = False) -> list[dict[str, Any]]:
    """The page's characters (those pdfium made up, spaces and line ends, left out), their
    boxes in the reading frame ``m``; with ``painted``, each one's paint where it is
    white or transparent (see :func:`seen_chars`)."""
    out: list[dict[str, Any]] = []
    box = c.FS_RECTF()
    ref = ctypes.byref(box)
    unicode, loose, generated = (
        c.FPDFText_GetUnicode,
        c.FPDFText_GetLooseCharBox,
        c.FPDFText_IsGenerated,
    )
    for i in range(n):
        code = unicode(text, i)
        if code in (0, 0xFFFE, 0xFFFF, 10, 13) or 0xD800 <= code < 0xE000:
            continue
        if code == 32 and generated(text, i):
            continue
        if not loose(text, i, ref):
            continue
        (ax, at), (bx, bt) = _at(m, box.left, box.top), _at(m, box.right, box.bottom)
        x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(at, bt), max(at, bt)
        if x1 - x0 > BIG or bottom - top > BIG:
            x0, x1, top, bottom = _glyph_box(c, text, i, m, x0, x1, top, bottom)
        elif bottom - top < 0.5 * (x1 - x0):  # a flat glyph's own box (一 by chromium)
            top, bottom = _line_box(c, text, i, m, top, bottom)
        ch = {"text": chr(code), "x0": x0, "x1": x1, "top": top, "bottom": bottom}
        paint = _paint(c, text, i) if painted else None
        if paint is not None:
            ch["paint"] = paint
        out.append(ch)
    _raise_marks(out)
    return out


def _paint(c: Any, text: Any, i: int) -> str | None:
    """``"clear"`` for a character painted transparent, ``"white"`` for one painted white,
    None for any other (and for text drawn invisible on purpose: a scan's OCR layer)."""
    obj = c.FPDFText_GetTextObject(text, i)
    return _text_paint(c, obj) if obj else None


def _text_paint(c: Any, obj: Any) -> str | None:
    """:func:`_paint` of a text object."""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not c.FPDFPageObj_GetFillColor(obj, *map(ctypes.byref, (r, g, b, a))):
        return None
    if a.value == 0:
        paint = "clear"
    elif min(r.value, g.value, b.value) >= WHITE:
        paint = "white"
    else:
        return None
    if c.FPDFTextObj_GetTextRenderMode(obj) == c.FPDF_TEXTRENDERMODE_INVISIBLE:
        return None
    return paint


def seen_chars(
    chars: list[dict[str, Any]], fills: list[tuple[float, float, float, float]]
) -> list[dict[str, Any]]:
    """The characters a person sees: not those painted transparent, nor those painted
    white where no coloured shape lies under them (anti-copy junk of a web page printed:
    white on the white paper)."""
    out = []
    for ch in chars:
        paint = ch.pop("paint", None)
        if paint == "clear":
            continue
        if paint == "white":
            x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
            if not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in fills):
                continue
        out.append(ch)
    return out


def cut_chars(chars: list[dict[str, Any]], clipped: list[tuple[Box, Box]]) -> None:
    """Marks ``cut`` the characters of text objects sticking out of their clip paths that
    stand out of the clip by more than a quarter of their width (a number overflowing
    the page's edge or its cell's: the page shows it cut, or not at all)."""
    band = 10.0  # the characters by bands of their centres' height, looked up by box
    bands: dict[int, list[dict[str, Any]]] = {}
    for ch in chars:
        bands.setdefault(int((ch["top"] + ch["bottom"]) / 2 // band), []).append(ch)
    for own, clip in clipped:
        for k in range(int((own[1] - 0.5) // band), int((own[3] + 0.5) // band) + 1):
            for ch in bands.get(k, ()):
                cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
                if not (own[0] - 0.5 <= cx <= own[2] + 0.5 and own[1] - 0.5 <= cy <= own[3] + 0.5):
                    continue
                slack = 0.25 * (ch["x1"] - ch["x0"])
                if ch["x0"] < clip[0] - slack or ch["x1"] > clip[2] + slack:
                    ch["cut"] = True


#: What a footnote mark raised beside a number is written with.
_SCRIPTABLE = frozenset("0123456789+-=()")


def _raise_marks(chars: list[dict[str, Any]]) -> None:
    """Digits set small and raised (or lowered) beside their neighbour in the text (a
    footnote mark: 12345¹) written with Unicode's superscript (subscript) characters, so
    that no reader takes them for digits of the number beside them."""
    for k, ch in enumerate(chars):
        if ch["text"] not in _SCRIPTABLE:
            continue
        height = ch["bottom"] - ch["top"]
        middle = (ch["top"] + ch["bottom"]) / 2
        for j in (k - 1, k + 1):
            if not 0 <= j < len(chars) or chars[j]["text"].isspace():
                continue
            near = chars[j]
            size = near["bottom"] - near["top"]
            if size <= 0 or max(near["x0"] - ch["x1"], ch["x0"] - near["x1"]) > 0.5 * size:
                continue
            if near["text"] in _RAISED and abs(size - height) < 0.1 * size:  # a mark's rest
                ch["text"] = raised(ch["text"], sub=near["text"] in _LOWERED)
                break
            if height >= 0.9 * size:
                continue
            offset = middle - (near["top"] + near["bottom"]) / 2
            if abs(offset) >= 0.2 * size:
                ch["text"] = raised(ch["text"], sub=offset > 0)
                break


_RAISED = frozenset(raised("0123456789+-=()") + raised("0123456789+-=()", sub=True))
_LOWERED = frozenset(raised("0123456789+-=()", sub=True))


def _size(c: Any, text: Any, i: int) -> float:
    """A character's font size on the page (the text matrix's scale applied)."""
    m = c.FS_MATRIX()
    if not c.FPDFText_GetMatrix(text, i, ctypes.byref(m)):
        return float(c.FPDFText_GetFontSize(text, i))
    scale: float = abs(m.a * m.d - m.b * m.c) ** 0.5
    return float(c.FPDFText_GetFontSize(text, i)) * scale


def _line_box(c: Any, text: Any, i: int, m: Matrix, *box: float) -> tuple[float, float]:
    """The top and bottom of a flat glyph whose loose box is its ink (fonts without
    ascent and descent): the font's size around its baseline, as its neighbours have."""
    size = _size(c, text, i)
    x, y = ctypes.c_double(), ctypes.c_double()
    if not size or not c.FPDFText_GetCharOrigin(text, i, ctypes.byref(x), ctypes.byref(y)):
        return box[0], box[1]
    baseline = _at(m, x.value, y.value)[1]
    return baseline - 0.88 * size, baseline + 0.12 * size


def _glyph_box(
    c: Any, text: Any, i: int, m: Matrix, *loose: float
) -> tuple[float, float, float, float]:
    """A character's box where pdfium's loose box is far larger than its font (vertical
    writing): a square of the font's size (on the page) around the glyph's own centre."""
    size = _size(c, text, i)
    if not size or (loose[1] - loose[0] <= 2 * size and loose[3] - loose[2] <= 2 * size):
        return loose[0], loose[1], loose[2], loose[3]
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    if not c.FPDFText_GetCharBox(text, i, *refs):
        return loose[0], loose[1], loose[2], loose[3]
    cx, cy = _at(m, (left.value + right.value) / 2, (top.value + bottom.value) / 2)
    return cx - size / 2, cx + size / 2, cy - size / 2, cy + size / 2


def _links(c: Any, page: Any, m: Matrix) -> list[tuple[float, float, float, float]]:
    """The boxes of the page's link annotations (x0, top, x1, bottom) in the reading frame
    ``m``: where a browser's print keeps the links of the page it printed."""
    out: list[tuple[float, float, float, float]] = []
    pos = ctypes.c_int(0)
    link = c.FPDF_LINK()
    box = c.FS_RECTF()
    while len(out) < MAX_LINKS and c.FPDFLink_Enumerate(
        page, ctypes.byref(pos), ctypes.byref(link)
    ):
        if not c.FPDFLink_GetAnnotRect(link, ctypes.byref(box)):
            continue
        (ax, at), (bx, bt) = _at(m, box.left, box.top), _at(m, box.right, box.bottom)
        out.append((min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)))
    return out


def _load(c: Any, data: bytes) -> tuple[Any, Any]:
    """The document and the buffer it reads (kept alive as long as the document)."""
    buf = ctypes.create_string_buffer(data, len(data))
    doc = c.FPDF_LoadMemDocument64(buf, len(data), None)
    if not doc:
        err = c.FPDF_GetLastError()
        if err == c.FPDF_ERR_PASSWORD:
            raise Refused("encrypted", "password")
        if err == c.FPDF_ERR_SECURITY:
            raise Refused("encrypted", "security handler")
        names = {c.FPDF_ERR_FILE: "file", c.FPDF_ERR_FORMAT: "not a PDF or damaged"}
        raise Refused("damaged", names.get(err, f"pdfium error {err}"))
    return doc, buf


def read_objects(data: bytes) -> list[dict[str, Any]]:
    """Every page's objects (chars, lines, rects) and its counts of characters and images.

    Raises:
        Refused: damaged, encrypted, or past a bound (named in the detail).
    """
    import pypdfium2.raw as c

    if b"%%EOF" not in data[-4096:]:
        raise Refused("damaged", "truncated: no end-of-file marker")
    scan_streams(data)
    doc, _buf = _load(c, data)
    try:
        pages = c.FPDF_GetPageCount(doc)
        if pages > MAX_PAGES:
            raise Refused(
                "too-large", f"{pages} pages", bound="pages", limit=MAX_PAGES, count=pages
            )
        budget: dict[str, int] = {}
        out: list[dict[str, Any]] = []
        for index in range(pages):
            page = c.FPDF_LoadPage(doc, index)
            if not page:
                raise Refused("damaged", f"page {index + 1} cannot be loaded")
            try:
                height = c.FPDF_GetPageHeightF(page)
                width = c.FPDF_GetPageWidthF(page)
                reader = _Page(c, IDENTITY, budget)
                text = c.FPDFText_LoadPage(page)
                try:
                    n = max(c.FPDFText_CountChars(text), 0) if text else 0
                    reader.spend("chars", n, MAX_CHARS, "characters")
                    quarters = quarter_turns(c, text, n) if n else 0
                    reader.frame = frame(quarters, height, 2 * (height + width))
                    reader.walk(c.FPDFPage_CountObjects, c.FPDFPage_GetObject, page, IDENTITY, 0)
                    chars = _chars(c, text, n, reader.frame, reader.painted) if n else []
                finally:
                    if text:
                        c.FPDFText_ClosePage(text)
                links = _links(c, page, reader.frame) if n else []
                chars = seen_chars(chars, reader.fills)
                if reader.clipped:
                    cut_chars(chars, reader.clipped)
                # a scan under a text layer (OCR's "sandwich"): its rules are in the image
                scan = (
                    reader.image_area >= SCAN_SHARE * width * height
                    and not reader.lines
                    and not reader.rects
                    and not quarters
                    and c.FPDFPage_GetRotation(page) == 0
                )
            finally:
                c.FPDF_ClosePage(page)
            out.append(
                {
                    "objects": {
                        "char": chars,
                        "line": reader.lines,
                        "rect": reader.rects,
                        "link": links,
                    },
                    "images": reader.images,
                    "scan": scan,
                }
            )
        return out
    finally:
        c.FPDF_CloseDocument(doc)


def read_pdf(path: str) -> tuple[Any, ...]:
    """Every page's items (see :mod:`zfxxgk.published._pdf_layout`), or why not."""
    try:
        import pypdfium2.raw  # noqa: F401
    except ImportError:
        return ("error", "no-pdfium", "")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        pages = []
        for page in read_objects(data):
            objects = page["objects"]
            links: list[float] = []
            pages.append(
                {
                    "items": layout.page_items(objects, links),
                    "chars": len(objects["char"]),
                    "images": page["images"],
                }
            )
            if links:
                pages[-1]["links"] = links
            if page["scan"] and len(objects["char"]) >= SCAN_CHARS:
                pages[-1]["scan_chars"] = objects["char"]  # to lay out on the image's rules
    except Refused as exc:
        return ("error", exc.kind, exc.detail, exc.data)
    except MemoryError:
        return ("error", "too-large", "out of memory")
    except OSError as exc:
        return ("error", "damaged", f"{type(exc).__name__}: {exc}"[:300])
    return ("ok", {"pages": pages})
