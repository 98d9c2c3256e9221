"""Text on a straightened page image: RapidOCR's detector finds the lines of text, its
recogniser reads them, each character with its own position and confidence.

This module imports nothing of zfxxgk (it runs in the OCR helper process). What makes it
cheaper than calling RapidOCR whole (each measured by ``benchmarks/bench_ocr.py``):

- the detector runs on the page scaled down to :data:`DET_DPI` (text stays several times
  the height it needs) and cut to its printed part (blank margins cost as much as text),
  and the lines are cut from the page at its own resolution;
- the recogniser reads one line a call (batches cost more than they save on one core:
  each batch is as wide as its widest line, and memory traffic grows with it), and a short
  line (a number in its cell) is padded to :data:`MIN_WIDTH` pixels, not to RapidOCR's 320:
  the recogniser's cost grows with the width, and narrower padding starts to read a lone
  0 as the letter o;
- each character keeps its own confidence (the probability of the column of the
  recogniser's output where it was read, not its line's mean) and its own position.
"""

from __future__ import annotations

import math
from typing import Any

#: The resolution the detector sees the page at (dots per inch).
DET_DPI = 150
#: Grey levels darker than this are print; a row or column of the page with fewer such
#: pixels than SPECK is blank (noise aside); the detector sees the print and this margin.
PRINT = 200
SPECK = 3
MARGIN_IN = 0.3
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


def _boxes(engine: Any, grey: Any, dpi: float) -> list[tuple[int, int, int, int]]:
    """The text lines the detector finds: (x0, top, x1, bottom) in the page's pixels."""
    import cv2
    import numpy as np

    scale = min(1.0, DET_DPI / dpi)
    small = (
        grey
        if scale >= 1.0
        else cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    # the detector's cost grows with the area it sees: only the printed part of the page
    dark = small < PRINT
    rows = np.flatnonzero(dark.sum(axis=1) >= SPECK)
    cols = np.flatnonzero(dark.sum(axis=0) >= SPECK)
    if not len(rows) or not len(cols):
        return []
    margin = round(DET_DPI * MARGIN_IN)
    top, left = max(int(rows[0]) - margin, 0), max(int(cols[0]) - margin, 0)
    part = small[top : int(rows[-1]) + margin + 1, left : int(cols[-1]) + margin + 1]
    found, _ = engine.text_det(cv2.cvtColor(np.ascontiguousarray(part), cv2.COLOR_GRAY2BGR))
    if found is None or len(found) == 0:
        return []
    h, w = grey.shape
    out = []
    for quad in found:
        xs, ys = (quad[:, 0] + left) / scale, (quad[:, 1] + top) / scale
        x0, x1 = max(math.floor(xs.min()), 0), min(math.ceil(xs.max()), w)
        y0, y1 = max(math.floor(ys.min()), 0), min(math.ceil(ys.max()), h)
        if x1 - x0 > 2 and y1 - y0 > 2:
            out.append((x0, y0, x1, y1))
    out.sort(key=lambda b: (b[1], b[0]))
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


def read_text(engine: Any, grey: Any, dpi: float) -> list[dict[str, Any]]:
    """Every character on the page: text, box (pixels) and confidence."""
    characters: list[str] = engine.text_rec.postprocess_op.character
    out: list[dict[str, Any]] = []
    for x0, y0, x1, y1 in _boxes(engine, grey, dpi):
        image = _scaled(grey, (x0, y0, x1, y1))
        chars = _decode(*_run(engine, image), characters)
        if image.shape[1] < WIDE and _doubtful(chars):
            again = _decode(*_run(engine, image, WIDE), characters)
            if _round_digit(chars) or _least(again) > _least(chars):
                chars = again
        if not chars or sum(c[2] for c in chars) < TEXT_SCORE * len(chars):
            continue  # noise, as RapidOCR drops it
        if _upright((x0, y0, x1, y1)):
            out.extend(_stacked(chars, x0, y0, x1, y1, (y1 - y0) / image.shape[1]))
        else:
            out.extend(_placed(chars, x0, y0, x1, y1, (x1 - x0) / image.shape[1]))
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
