"""Text on a straightened page image: the lines of text are found (from the ink inside
a table's grid, by RapidOCR's detector elsewhere), RapidOCR's recogniser reads them, each
character with its own position and confidence.

This module imports nothing of zfxxgk (it runs in the OCR helper process). What makes it
cheaper than calling RapidOCR whole (each measured by ``benchmarks/bench_ocr.py``):

- inside a table's grid (the ruling lines found in the image) the lines of each cell are
  its pieces of ink joined within a character's height: no detector there, and an empty
  cell costs nothing; a cell's column of single characters (a narrow header written top
  to bottom) is read as one line, its characters set side by side;
- the detector sees only the bands of print outside the grids (titles, headings, text),
  scaled down to :data:`DET_DPI` (text stays several times the height it needs);
- the lines are cut from the page at its own resolution; the recogniser reads one line a
  call (batches of equal widths save under 5% on one core, unsorted ones cost more: each
  batch is as wide as its widest line), and a short line (a number in its cell) is padded
  to :data:`MIN_WIDTH` pixels, not to RapidOCR's 320: the recogniser's cost grows with the
  width, and narrower padding reads more lines twice (a lone 0 as the letter o);
- a short line written in characters (its ink has a piece wider than any digit) is read
  at its own width first, and that reading stands where it is plain text read surely
  (no digit, no round letter); the other short lines (numbers) are read sixteen to a
  call, each followed by 32 pixels of the padding the recogniser sees after a line's end
  (white between them reads a lone 0 as o), and a line's reading there stands where it
  is a number read surely with as many digits and points as its ink has tall and short
  pieces. Any other line is read alone, as above (:func:`_numbers`, :func:`_recognised`);
- each character keeps its own confidence (the probability of the column of the
  recogniser's output where it was read, not its line's mean) and its own position.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

#: The resolution the detector sees the page at (dots per inch).
DET_DPI = 150
#: The detector sees each band of print outside the grids with this margin (inches);
#: pieces of print closer than BAND_GAP_IN in height are one band.
MARGIN_IN = 0.3
BAND_GAP_IN = 0.3
#: Grey levels darker than this are ink, in pieces at least SPECK_IN (inches) tall or
#: wide (smaller ones are the noise of a photocopy; a decimal point joins its digits).
INK = 160
SPECK_IN = 0.015
#: A character's height (em) on the page: this percentile of the heights of the pieces
#: of ink in cells at least EM_LEAST_IN tall; pieces spanning at most LINE_EM of it make
#: a line, boxed with room round it as the detector leaves it, by the line's width to
#: height: (less than this, a part of the height).
EM_PERCENTILE = 90
EM_LEAST_IN = 0.05
LINE_EM = 1.15
LINE_MARGIN = ((3.0, 0.3), (8.0, 0.2), (math.inf, 0.15))
#: A line whose ink is this wide and this tall (in em) is one Chinese character; the
#: characters of a column are set side by side with STRIP_PAD of their height round each.
GLYPH_W = (0.7, 1.3)
GLYPH_H = (0.6, 1.3)
STRIP_PAD = 0.1
#: The recogniser's input height, and the least width a line is padded to (pixels).
HEIGHT = 48
MIN_WIDTH = 224
#: RapidOCR's own least width, for a second look at a number read with a letter in it.
WIDE = 320
#: A short line with a character read less surely than this is read again.
SURE = 0.9
#: What a lone 0 is read as where the recogniser sees too little of its line.
ROUND = frozenset("oOQD〇。°")
#: A line read with a lower mean confidence is noise (RapidOCR's own threshold).
TEXT_SCORE = 0.5
#: A line with a piece of ink wider than this part of the line's height is written in
#: characters (every digit is narrower than it is tall: at most 0.76 of its height on
#: the test scans, a Chinese character mostly as wide as tall).
GLYPH_WIDE = 0.8
#: Short lines of digits read in one recogniser call, each followed by this many pixels
#: of padding (see :func:`_numbers`).
STRIP_LINES = 16
STRIP_GAP = 32
#: A number as a strip's reading of it must be.
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


Box = tuple[int, int, int, int]
#: A text line's box (with the margin the recogniser needs round it) and its ink's box.
Line = tuple[Box, Box]
Seg = tuple[float, float, float]


def _boxes(
    engine: Any, grey: Any, dpi: float, hs: Sequence[Seg] = (), vs: Sequence[Seg] = ()
) -> list[list[Line]]:
    """The text lines of the page, each with its ink's box, (x0, top, x1, bottom) in the
    page's pixels; lines read together (a cell's column of characters) in one list.
    Inside a table's grid each cell's lines are found from its ink; the detector reads
    the rest (titles, headings, text between tables) band by band."""
    inside, outside = _cell_lines(grey, hs, vs, dpi)
    out = list(inside)
    if outside:
        rest = grey.copy()
        for group in inside:  # what is read already is not detected again
            for (x0, y0, x1, y1), _ink in group:
                rest[y0:y1, x0:x1] = 255
        for band in _bands(outside, dpi, grey.shape):
            out += [[(box, box)] for box in _detected(engine, rest, dpi, band)]
    out.sort(key=lambda g: (g[0][0][1], g[0][0][0]))
    return out


def _cell_lines(
    grey: Any, hs: Sequence[Seg], vs: Sequence[Seg], dpi: float
) -> tuple[list[list[Line]], list[Box]]:
    """The text lines inside the grid's cells (grouped, see :func:`_columns`), and the
    boxes of the ink outside any cell.

    Ink is cut into connected pieces; a piece belongs to the cell bounded by the nearest
    ruling lines round its centre (left, right, above, below: each must cross the
    centre's row or column, so a cell spanning columns is one cell). A cell's pieces
    within a character's height make one line (a wrapped label is several), boxed with a
    margin (:data:`LINE_MARGIN`), as the detector boxes a line.
    """
    import cv2
    import numpy as np

    ink = (grey < INK).astype(np.uint8)
    n, _labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return [], []
    st = stats[1:].astype(np.int64)
    x, y, w, h = st[:, 0], st[:, 1], st[:, 2], st[:, 3]
    keep = np.maximum(w, h) >= max(2.0, dpi * SPECK_IN)
    x, y, w, h = x[keep], y[keep], w[keep], h[keep]
    cx, cy = x + w / 2, y + h / 2
    tol = max(dpi * 0.01, 2.0)
    left, right = _nearest(vs, cy, cx, tol)
    top, bottom = _nearest(hs, cx, cy, tol)
    inside = np.isfinite(left) & np.isfinite(right) & np.isfinite(top) & np.isfinite(bottom)
    outside = [
        (int(x[i]), int(y[i]), int(x[i] + w[i]), int(y[i] + h[i])) for i in np.flatnonzero(~inside)
    ]
    cells: dict[tuple[float, float, float, float], list[Box]] = {}
    for i in np.flatnonzero(inside):
        cell = (float(left[i]), float(right[i]), float(top[i]), float(bottom[i]))
        cells.setdefault(cell, []).append(
            (int(x[i]), int(y[i]), int(x[i] + w[i]), int(y[i] + h[i]))
        )
    tall = h[inside][h[inside] >= dpi * EM_LEAST_IN]
    em = float(np.percentile(tall, EM_PERCENTILE)) if len(tall) else dpi * 0.15
    groups: list[list[Line]] = []
    for (lo, hi, up, down), pieces in cells.items():
        lines: list[Line] = []
        for ink in _rows(pieces, em):
            x0, y0, x1, y1 = ink
            m = _margin(x1 - x0, y1 - y0) * (y1 - y0)
            box = (
                max(math.floor(x0 - m), math.ceil(lo)),
                max(math.floor(y0 - m), math.ceil(up)),
                min(math.ceil(x1 + m), math.floor(hi)),
                min(math.ceil(y1 + m), math.floor(down)),
            )
            if box[2] - box[0] > 2 and box[3] - box[1] > 2:
                lines.append((box, ink))
        groups += _columns(lines, em)
    return groups, outside


def _margin(width: int, height: int) -> float:
    """The room round a line's ink (a part of its height), as the detector leaves it:
    less round a long line than round a short one."""
    for aspect, margin in LINE_MARGIN:
        if width < aspect * height:
            return margin
    return LINE_MARGIN[-1][1]


def _columns(lines: list[Line], em: float) -> list[list[Line]]:
    """A cell's lines, one a group, except that two or more lines in a row that each hold
    one character (a narrow header cell written top to bottom) make one group: they are
    read as one line, side by side, one recogniser call instead of one each."""
    out: list[list[Line]] = []
    run: list[Line] = []
    for line in [*lines, None]:
        ink = None if line is None else line[1]
        if ink is not None and _one_character(ink, em):
            run.append(line)  # type: ignore[arg-type]
            continue
        if len(run) >= 2:
            out.append(run)
        else:
            out += [[one] for one in run]
        run = []
        if line is not None:
            out.append([line])
    return out


def _one_character(ink: Box, em: float) -> bool:
    """Whether a line's ink is one character of the Chinese script: about a character's
    height and width (a digit is narrower, punctuation smaller)."""
    w, h = ink[2] - ink[0], ink[3] - ink[1]
    return GLYPH_W[0] * em <= w <= GLYPH_W[1] * em and GLYPH_H[0] * em <= h <= GLYPH_H[1] * em


def _nearest(across: Sequence[Seg], along: Any, at: Any, tol: float) -> tuple[Any, Any]:
    """For points (``at`` across the lines, ``along`` them): the position of the nearest
    line before and after each that passes it (-inf / inf where none does)."""
    import numpy as np

    before = np.full(len(at), -np.inf)
    after = np.full(len(at), np.inf)
    for pos, a, b in across:
        passes = (along >= a - tol) & (along <= b + tol)
        before = np.where(passes & (pos < at) & (pos > before), pos, before)
        after = np.where(passes & (pos > at) & (pos < after), pos, after)
    before[~np.isfinite(after)] = -np.inf
    return before, after


def _rows(pieces: list[Box], em: float) -> list[Box]:
    """The pieces of ink of one cell joined into lines, top to bottom: a piece joins the
    line above while both stay within :data:`LINE_EM` character heights (a character's
    radicals and strokes may not touch; the next line starts a line's pitch lower)."""
    out: list[list[int]] = []
    for x0, y0, x1, y1 in sorted(pieces, key=lambda b: b[1]):
        if out and max(out[-1][3], y1) - out[-1][1] <= LINE_EM * em:
            last = out[-1]
            out[-1] = [min(last[0], x0), last[1], max(last[2], x1), max(last[3], y1)]
        else:
            out.append([x0, y0, x1, y1])
    return [(a, b, c, d) for a, b, c, d in out]


def _bands(pieces: list[Box], dpi: float, shape: tuple[int, ...]) -> list[Box]:
    """The page's parts with ink outside the grids: pieces closer than :data:`BAND_GAP_IN`
    (in height) make one band, as wide as its pieces; each with :data:`MARGIN_IN` round."""
    margin = dpi * MARGIN_IN
    gap = dpi * BAND_GAP_IN
    h, w = shape[:2]
    bands: list[list[int]] = []
    for x0, y0, x1, y1 in sorted(pieces, key=lambda b: b[1]):
        if bands and y0 <= bands[-1][3] + gap:
            last = bands[-1]
            bands[-1] = [min(last[0], x0), last[1], max(last[2], x1), max(last[3], y1)]
        else:
            bands.append([x0, y0, x1, y1])
    return [
        (
            max(int(x0 - margin), 0),
            max(int(y0 - margin), 0),
            min(int(x1 + margin) + 1, w),
            min(int(y1 + margin) + 1, h),
        )
        for x0, y0, x1, y1 in bands
    ]


def _detected(engine: Any, grey: Any, dpi: float, region: Box) -> list[Box]:
    """The text lines the detector finds in a region of the page, in the page's pixels:
    it sees the region scaled to :data:`DET_DPI`, padded with paper to a multiple of 32
    pixels (its input's step), never enlarged."""
    import cv2
    import numpy as np

    left, top, right, bottom = region
    scale = min(1.0, DET_DPI / dpi)
    part = grey[top:bottom, left:right]
    if scale < 1.0:
        part = cv2.resize(part, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ph, pw = part.shape
    hh, ww = -(-ph // 32) * 32, -(-pw // 32) * 32
    padded = np.full((hh, ww), 255, np.uint8)
    padded[:ph, :pw] = part
    tensor = (padded.astype(np.float32) / 127.5 - 1.0)[None, None].repeat(3, axis=1)
    det = engine.text_det
    preds = det.infer(tensor)[0]
    found, _scores = det.postprocess_op(preds, (hh, ww))
    found = det.filter_tag_det_res(found, (hh, ww))
    if found is None or len(found) == 0:
        return []
    h, w = grey.shape
    out = []
    for quad in found:
        xs, ys = quad[:, 0] / scale + left, quad[:, 1] / scale + top
        x0, x1 = max(math.floor(xs.min()), 0), min(math.ceil(xs.max()), w)
        y0, y1 = max(math.floor(ys.min()), 0), min(math.ceil(ys.max()), h)
        if x1 - x0 > 2 and y1 - y0 > 2:
            out.append((x0, y0, x1, y1))
    return out


def _scaled(grey: Any, box: tuple[int, int, int, int]) -> Any:
    """The line at the recogniser's height; a column of characters (a narrow header cell
    written top to bottom) turned to read left to right, as RapidOCR turns it."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = box
    crop = grey[y0:y1, x0:x1]
    if _upright(box):
        crop = np.ascontiguousarray(np.rot90(crop))
    h, w = crop.shape
    width = max(1, round(w * HEIGHT / h))
    return cv2.resize(crop, (width, HEIGHT), interpolation=cv2.INTER_CUBIC)


def _upright(box: tuple[int, int, int, int]) -> bool:
    x0, y0, x1, y1 = box
    return y1 - y0 >= 1.5 * (x1 - x0)


def _run(engine: Any, image: Any, least: int = MIN_WIDTH) -> tuple[Any, int]:
    """The recogniser's output (columns × classes) for one line, and its input width."""
    import numpy as np

    width = max(least, image.shape[1])
    # as RapidOCR does: levels to [-1, 1], 0 right of the line
    tensor = np.zeros((1, 3, HEIGHT, width), np.float32)
    tensor[0, :, :, : image.shape[1]] = image.astype(np.float32) / 127.5 - 1.0
    return engine.text_rec.session(tensor)[0][0], width


def _doubtful(chars: list[tuple[str, float, float]]) -> bool:
    """Whether a short line is worth a second look with more room round it (the width
    RapidOCR gives it): a character read unsurely, or a number with a round letter for a
    digit (a lone 0 read as o)."""
    return _least(chars) < SURE or _round_digit(chars)


def _round_digit(chars: list[tuple[str, float, float]]) -> bool:
    text = [c[0] for c in chars if not c[0].isspace()]
    return any(t in ROUND for t in text) and all(
        t in ROUND or t.isdigit() or t in ".,%" for t in text
    )


def _least(chars: list[tuple[str, float, float]]) -> float:
    return min((c[2] for c in chars), default=0.0)


def _decode(preds: Any, width: int, characters: list[str]) -> list[tuple[str, float, float]]:
    """CTC decoding: each character, its centre (pixels of the input) and confidence."""
    idx = preds.argmax(axis=1)
    prob = preds.max(axis=1)
    step = width / len(idx)
    out = []
    prev = 0
    for t, k in enumerate(idx):
        k = int(k)
        if k != 0 and k != prev:
            out.append((characters[k], (t + 0.5) * step, float(prob[t])))
        prev = k
    return out


def read_text(
    engine: Any, grey: Any, dpi: float, hs: Sequence[Seg] = (), vs: Sequence[Seg] = ()
) -> list[dict[str, Any]]:
    """Every character on the page: text, box (pixels) and confidence. ``hs`` and ``vs``
    are the page's ruling lines, (position, start, end) in pixels, erased from ``grey``."""
    characters: list[str] = engine.text_rec.postprocess_op.character
    groups = _boxes(engine, grey, dpi, hs, vs)
    lines: dict[int, tuple[Any, Shape]] = {}
    for k, group in enumerate(groups):
        if len(group) == 1:
            box, ink = group[0]
            lines[k] = (_scaled(grey, box), _shape(grey, ink, dpi))
    short = [
        k
        for k, (image, shape) in lines.items()
        if not shape.written and image.shape[1] < MIN_WIDTH and not _upright(groups[k][0][0])
    ]
    strips = _numbers(engine, [lines[k] for k in short], characters)
    read = {k: chars for k, chars in zip(short, strips, strict=True) if chars is not None}
    out: list[dict[str, Any]] = []
    for k, group in enumerate(groups):
        if len(group) > 1:
            out.extend(_column(engine, grey, group, characters))
            continue
        (x0, y0, x1, y1), _ink = group[0]
        image, shape = lines[k]
        chars = read.get(k)
        if chars is None:
            chars = _recognised(engine, image, characters, shape.written)
        if not chars:
            continue
        if _upright((x0, y0, x1, y1)):
            out.extend(_stacked(chars, x0, y0, x1, y1, (y1 - y0) / image.shape[1]))
        else:
            out.extend(_placed(chars, x0, y0, x1, y1, (x1 - x0) / image.shape[1]))
    return out


class Shape(NamedTuple):
    """What a line's ink says of it: whether it is written in characters (a piece of ink
    wider than :data:`GLYPH_WIDE` of the line's height: every digit is narrower), and
    how many of its pieces are tall (half its height or more: a digit) and short (a
    decimal point)."""

    written: bool
    tall: int
    short: int


def _shape(grey: Any, ink: Box, dpi: float) -> Shape:
    """A line's :class:`Shape`, from its ink's pieces (specks aside, as in
    :func:`_cell_lines`)."""
    import cv2
    import numpy as np

    x0, y0, x1, y1 = ink
    crop = (grey[y0:y1, x0:x1] < INK).astype(np.uint8)
    _n, _labels, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    w, h = stats[1:, 2], stats[1:, 3]
    kept = np.maximum(w, h) >= max(2.0, dpi * SPECK_IN)
    w, h = w[kept], h[kept]
    height = y1 - y0
    tall = int((h >= height / 2).sum())
    return Shape(bool(len(w)) and int(w.max()) > GLYPH_WIDE * height, tall, len(h) - tall)


def _characters(grey: Any, ink: Box, dpi: float = 200.0) -> bool:
    """Whether a line is written in characters (see :class:`Shape`): a guess that only
    decides which reading is tried first (see :func:`_recognised`, :func:`_numbers`)."""
    return _shape(grey, ink, dpi).written


def _numbers(
    engine: Any, lines: list[tuple[Any, Shape]], characters: list[str]
) -> list[list[tuple[str, float, float]] | None]:
    """Short lines not written in characters (numbers, mostly) read together, up to
    :data:`STRIP_LINES` a recogniser call: each line followed by :data:`STRIP_GAP`
    pixels of the padding the recogniser sees after a line's end (a white gap instead
    reads a lone 0 as the letter o). A line's reading (its characters at their places in
    its own image) stands where it is a number, every character read surely, with as
    many digits as its ink has tall pieces and as many decimal points as short ones
    (:func:`_sure_number`); None for any other, to be read alone."""
    import numpy as np

    out: list[list[tuple[str, float, float]] | None] = []
    for start in range(0, len(lines), STRIP_LINES):
        batch = lines[start : start + STRIP_LINES]
        width = sum(image.shape[1] + STRIP_GAP for image, _shape in batch)
        tensor = np.zeros((1, 3, HEIGHT, width), np.float32)
        spans = []
        at = 0
        for image, _shape in batch:
            w = image.shape[1]
            tensor[0, :, :, at : at + w] = image.astype(np.float32) / 127.5 - 1.0
            spans.append((at, at + w + STRIP_GAP))
            at += w + STRIP_GAP
        chars = _decode(engine.text_rec.session(tensor)[0][0], width, characters)
        for (a, b), (_image, shape) in zip(spans, batch, strict=True):
            mine = [(ch, x - a, conf) for ch, x, conf in chars if a <= x < b and not ch.isspace()]
            out.append(mine if _sure_number(mine, shape) else None)
    return out


def _sure_number(chars: list[tuple[str, float, float]], shape: Shape) -> bool:
    """Whether a line's reading is a number (ASCII digits, at most one decimal point
    between them) read surely, its digits as many as its ink's tall pieces and its
    points as many as the short ones."""
    text = "".join(c[0] for c in chars)
    return (
        _NUMBER.fullmatch(text) is not None
        and _least(chars) >= SURE
        and sum(ch != "." for ch in text) == shape.tall
        and text.count(".") == shape.short
    )


def _plain_text(chars: list[tuple[str, float, float]]) -> bool:
    """Whether a reading is text read surely, without a digit or a round letter (what a
    lone 0 is read as) in it."""
    return (
        bool(chars)
        and _least(chars) >= SURE
        and not any(c[0].isdigit() or c[0] in ROUND for c in chars)
    )


def _recognised(
    engine: Any, image: Any, characters: list[str], written: bool = False
) -> list[tuple[str, float, float]]:
    """A line image read (read again with more room where doubtful); none where noise.

    A short line ``written`` in characters is first read at its own width (the
    recogniser's cost grows with the width): that reading stands where it is
    :func:`_plain_text`; any other (a digit, a round letter, a character read unsurely)
    is read as every other line is, padded to :data:`MIN_WIDTH`, so that a number is
    never read otherwise than before."""
    if written and image.shape[1] < MIN_WIDTH:
        chars = _decode(*_run(engine, image, HEIGHT), characters)
        if _plain_text(chars):
            return chars
    chars = _decode(*_run(engine, image), characters)
    if image.shape[1] < WIDE and _doubtful(chars):
        again = _decode(*_run(engine, image, WIDE), characters)
        if _round_digit(chars) or _least(again) > _least(chars):
            chars = again
    if not chars or sum(c[2] for c in chars) < TEXT_SCORE * len(chars):
        return []  # noise, as RapidOCR drops it
    return chars


def _column(
    engine: Any, grey: Any, group: list[Line], characters: list[str]
) -> list[dict[str, Any]]:
    """A column of characters read as one line: each character's ink (with its line's
    height and a little room) set side by side; each character read is placed back in
    the line whose part of the strip it was read in."""
    import numpy as np

    parts = []
    spans = []  # each part's place in the strip and in the page
    at = 0
    for (_bx0, by0, _bx1, by1), (ix0, _iy0, ix1, _iy1) in group:
        pad = round(STRIP_PAD * (by1 - by0))
        x0, x1 = max(ix0 - pad, 0), min(ix1 + pad, grey.shape[1])
        part = _scaled(grey, (x0, by0, x1, by1))
        parts.append(part)
        spans.append((at, at + part.shape[1], x0, by0, x1, by1))
        at += part.shape[1]
    strip = np.ascontiguousarray(np.hstack(parts))
    chars = _recognised(engine, strip, characters, written=True)
    out: list[dict[str, Any]] = []
    for start, end, x0, y0, x1, y1 in spans:
        mine = [(ch, x - start, conf) for ch, x, conf in chars if start <= x < end]
        out.extend(_placed(mine, x0, y0, x1, y1, (x1 - x0) / (end - start)))
    return out


def _placed(
    chars: list[tuple[str, float, float]], x0: int, y0: int, x1: int, y1: int, scale: float
) -> list[dict[str, Any]]:
    """The characters of one line with boxes in the page's pixels: each centred where it
    was read, as wide as a character of its kind, never over its neighbours."""
    letters = [(ch, x0 + x * scale, conf) for ch, x, conf in chars if not ch.isspace()]
    height = y1 - y0
    out = []
    for n, (ch, centre, conf) in enumerate(letters):
        half = height * (0.45 if ord(ch) > 0x2E80 else 0.28)
        left = max(centre - half, float(x0))
        right = min(centre + half, float(x1))
        if n > 0:
            left = max(left, (letters[n - 1][1] + centre) / 2)
        if n + 1 < len(letters):
            right = min(right, (centre + letters[n + 1][1]) / 2)
        out.append({"x0": left, "x1": right, "top": y0, "bottom": y1, "text": ch, "conf": conf})
    return out


def _stacked(
    chars: list[tuple[str, float, float]], x0: int, y0: int, x1: int, y1: int, scale: float
) -> list[dict[str, Any]]:
    """The characters of a column, top to bottom, each a line of its own."""
    letters = [(ch, y0 + y * scale, conf) for ch, y, conf in chars if not ch.isspace()]
    out = []
    for n, (ch, centre, conf) in enumerate(letters):
        top = float(y0) if n == 0 else (letters[n - 1][1] + centre) / 2
        bottom = float(y1) if n + 1 == len(letters) else (centre + letters[n + 1][1]) / 2
        out.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "text": ch, "conf": conf})
    return out
