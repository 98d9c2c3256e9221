"""The ruling lines of a scanned table are found whole under a red stamp and through a
photocopy's noise (``zfxxgk[ocr]``), without OCR: a table's grid places its values, and a
line lost under a seal loses the column it bounds.

The pages are drawn here: a table with spanning header rows (as table 三's 申请人情况 /
法人或其他组织 over its columns), ruled at 150 dpi, rendered at 200 dpi as a scanned PDF
page is, a red seal over its header (tests/scans.py), rotated within ±0.5°, noisy, JPEG.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

import scans

pytest.importorskip("cv2")
pytest.importorskip("PIL")

SCAN_DPI = 150
RENDER_DPI = 200
#: A hairline rule printed at 150 dpi is grey, not black (anti-aliased).
INK = (120, 120, 120)


def seal_at(seed: int, w: int, h: int) -> tuple[int, int, int]:
    """Where tests/scans.py's stamp puts its seal on a page (centre, radius)."""
    rnd = random.Random(seed)
    return int(w * rnd.uniform(0.45, 0.7)), int(h * rnd.uniform(0.3, 0.55)), int(w * 0.11)


def table(
    rnd: random.Random, seal: tuple[int, int, int]
) -> tuple[Any, list[tuple[float, float, float]], list[float]]:
    """A white A4 page with a ruled table whose header lies under the seal (its top line
    along the seal's rim, the next through its star); its horizontal lines (y, x0, x1) and
    the x of its vertical lines, in pixels at :data:`RENDER_DPI`."""
    from PIL import Image, ImageDraw

    w, h = round(8.27 * SCAN_DPI), round(11.69 * SCAN_DPI)
    page = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(page)
    left, right = round(w * 0.1), round(w * 0.9)
    cols = sorted(rnd.sample(range(left + 40, right - 40, 8), 7))
    xs = [left, *cols, right]
    _cx, cy, r = seal
    ys = [cy - r + rnd.randint(-3, 3), cy - round(r * rnd.uniform(0.3, 0.4)), cy]
    ys += [ys[-1] + round(0.06 * h) + k * round(0.035 * h) for k in range(8)]
    # two header rows spanning the inner columns, as 申请人情况 and 法人或其他组织 do
    hlines = [(ys[0], xs[0], xs[-1]), (ys[1], xs[1], xs[-1]), (ys[2], xs[2], xs[-2])]
    hlines += [(y, xs[0], xs[-1]) for y in ys[3:]]
    vlines = [(xs[0], ys[0]), (xs[1], ys[0]), (xs[2], ys[1])]
    vlines += [(x, ys[2]) for x in xs[3:-2]] + [(xs[-2], ys[1]), (xs[-1], ys[0])]
    for y, a, b in hlines:
        draw.line((a, y, b, y), fill=INK, width=1)
    for x, a in vlines:
        draw.line((x, a, x, ys[-1]), fill=INK, width=1)
    k = RENDER_DPI / SCAN_DPI
    page = page.resize((round(w * k), round(h * k)), Image.Resampling.BICUBIC)
    return page, [(y * k, a * k, b * k) for y, a, b in hlines], [x * k for x, _ in vlines]


@pytest.mark.parametrize("seed", range(6))
def test_grid_found_whole_under_a_stamp(seed: int) -> None:
    import numpy as np

    from zfxxgk.published import _ocr_pages

    rnd = random.Random(seed)
    w, h = round(8.27 * RENDER_DPI), round(11.69 * RENDER_DPI)
    cx, cy, r = seal_at(seed, w, h)
    k = SCAN_DPI / RENDER_DPI
    page, hlines, vxs = table(rnd, (round(cx * k), round(cy * k), round(r * k)))
    scan = scans.degrade(
        scans.stamp(page, seed), seed, angle=rnd.uniform(-0.5, 0.5), noise=12.0, quality=70
    )
    _grey, hs, vs, _angle = _ocr_pages.page_rules(np.asarray(scan), RENDER_DPI)
    tol = 6.0
    for y, a, b in hlines:
        assert any(abs(s[0] - y) <= tol and s[1] <= a + tol and s[2] >= b - tol for s in hs), (
            seed,
            "horizontal",
            y,
            a,
            b,
            sorted(hs),
        )
    for x in vxs:
        assert any(abs(s[0] - x) <= tol for s in vs), (seed, "vertical", x, sorted(vs))
    assert len(hs) == len(hlines) and len(vs) == len(vxs), (seed, sorted(hs), sorted(vs))
