"""The text lines inside a scanned table's grid are found from the ink of each cell
(``zfxxgk[ocr]``), without the text detector: one box per written line, inside its cell,
round all of its ink; nothing in an empty cell; what lies outside the grid is left to the
detector.

The pages are drawn here: a ruled table with a header row spanning columns, cells holding
numbers, one- to three-line labels (with characters whose strokes do not touch: 三, 二,
吉, 言, and the enumeration comma 、), empty cells, and a title above; clean or with a
photocopy's grey noise and JPEG.
"""

from __future__ import annotations

import io
import itertools
import random
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("cv2")
pytest.importorskip("PIL")

DPI = 200
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
#: Characters of labels: some with strokes that do not touch, one above another.
HANZI = "三二吉言音旦申请人情况法其他组织本年新收政府信息公开数量、一"

Box = tuple[int, int, int, int]


def page(rnd: random.Random, noisy: bool) -> tuple[Any, list[Any], list[Any], list[Box], Box]:
    """A page, its horizontal and vertical ruling lines (pixels), the ink box of each line
    of text written in a cell, and the title's ink box."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), round(DPI * 10.5 / 72))
    w, h = round(8.27 * DPI), round(11.69 * DPI)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    title = draw.textbbox((w // 4, 150), "四、政府信息公开行政复议情况", font=font)
    title = (title[0] - 4, title[1] - 4, title[2] + 4, title[3] + 4)
    draw.text((w // 4, 150), "四、政府信息公开行政复议情况", font=font, fill=0)
    left, right = 200, w - 200
    xs = [left, left + rnd.randint(380, 460)]
    while xs[-1] < right - 200:
        xs.append(xs[-1] + rnd.randint(120, 220))
    xs[-1] = right
    pitch = round(DPI * 10.5 / 72 * 1.35)
    top = 300
    ys = [top, top + 2 * pitch + 30]  # the header row, its label spanning the columns
    hs: list[tuple[float, float, float]] = [(top, left, right)]
    lines: list[Box] = []

    def write(x0: int, y0: int, x1: int, text_lines: list[str]) -> None:
        for k, text in enumerate(text_lines):
            xy = (x0 + 12, y0 + 14 + k * pitch)
            alone = Image.new("L", (x1 - x0, 2 * pitch), 0)  # the line's own ink
            ImageDraw.Draw(alone).text((12, 14), text, font=font, fill=255)
            ink = alone.point(lambda v: 255 if v > 95 else 0).getbbox()
            assert ink is not None and ink[2] < x1 - x0
            box = (ink[0] + x0, ink[1] + xy[1] - 14, ink[2] + x0, ink[3] + xy[1] - 14)
            draw.text(xy, text, font=font, fill=0)
            lines.append(box)

    write(xs[1], top, right, ["法人或其他组织"])
    write(xs[0], top, xs[1], ["总", "计"])  # a column of characters: read as one line
    y = ys[1]
    for _ in range(rnd.randint(5, 8)):
        n = rnd.choice([1, 1, 2, 3])
        bottom = y + n * pitch + 28
        label = ["".join(rnd.choice(HANZI) for _ in range(rnd.randint(1, 8))) for _ in range(n)]
        write(xs[0], y, xs[1], label)
        for a, b in itertools.pairwise(xs[1:]):
            value = rnd.choice(
                ["0", "0", "", str(rnd.randint(1, 99999)), f"{rnd.random() * 999:.2f}"]
            )
            if value:
                write(a, y, b, [value])
        ys.append(bottom)
        y = bottom
    hs += [(float(y), float(left), float(right)) for y in ys[1:]]
    hs[1] = (float(ys[1]), float(left), float(right))
    vs = [(float(xs[0]), float(top), float(ys[-1])), (float(xs[1]), float(top), float(ys[-1]))]
    vs += [(float(x), float(ys[1]), float(ys[-1])) for x in xs[2:-1]]
    vs += [(float(right), float(top), float(ys[-1]))]
    for p, a, b in hs:
        draw.line((a, p, b, p), fill=0, width=2)
    for p, a, b in vs:
        draw.line((p, a, p, b), fill=0, width=2)
    pixels = np.asarray(img).astype(np.int16)
    if noisy:
        pixels = pixels + np.random.default_rng(rnd.randint(0, 99)).normal(0, 12, pixels.shape)
        buf = io.BytesIO()
        Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=70)
        pixels = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("L")).astype(np.int16)
    grey = np.clip(pixels, 0, 255).astype(np.uint8)
    for p, a, b in hs:  # the lines erased, as page_rules erases them
        grey[int(p) - 3 : int(p) + 4, int(a) - 3 : int(b) + 4] = 255
    for p, a, b in vs:
        grey[int(a) - 3 : int(b) + 4, int(p) - 3 : int(p) + 4] = 255
    return grey, hs, vs, lines, title


@pytest.mark.parametrize("noisy", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_one_box_round_each_written_line(seed: int, noisy: bool) -> None:
    from zfxxgk.published import _ocr_text

    grey, hs, vs, written, title = page(random.Random(seed), noisy)
    groups, outside = _ocr_text._cell_lines(grey, hs, vs, DPI)
    found = [box for group in groups for box, _ink in group]
    slack = 2
    for x0, y0, x1, y1 in written:
        holding = [
            b
            for b in found
            if b[0] <= x0 + slack
            and b[1] <= y0 + slack
            and b[2] >= x1 - slack
            and b[3] >= y1 - slack
        ]
        assert len(holding) == 1, (seed, (x0, y0, x1, y1), holding)
        # and no more than its line: the box ends short of the lines above and below
        b = holding[0]
        assert b[3] - b[1] < (y1 - y0) * 2 + 4, (seed, b, (x0, y0, x1, y1))
    assert len(found) == len(written), (seed, sorted(found), sorted(written))
    # the column 总 / 计 is one group (its two lines), the first of its cell
    column = [g for g in groups if any(_inside(written[1], box) for box, _ink in g)]
    assert len(column) == 1 and len(column[0]) == 2, (seed, column)
    assert _inside(written[2], column[0][1][0]), (seed, column)
    tx0, ty0, tx1, ty1 = title
    assert outside and all(
        tx0 - slack <= b[0] and b[2] <= tx1 + slack and ty0 - slack <= b[1] and b[3] <= ty1 + slack
        for b in outside
    ), (seed, outside)


def _inside(ink: Box, box: Box, slack: int = 2) -> bool:
    return (
        box[0] <= ink[0] + slack
        and box[1] <= ink[1] + slack
        and box[2] >= ink[2] - slack
        and box[3] >= ink[3] - slack
    )


def test_a_page_without_lines_is_all_outside() -> None:
    from zfxxgk.published import _ocr_text

    grey, _hs, _vs, written, _title = page(random.Random(9), False)
    found, outside = _ocr_text._cell_lines(grey, [], [], DPI)
    assert found == [] and len(outside) > len(written)


@pytest.mark.parametrize("channels", [0, 3, 4])
def test_grey_is_the_lightest_channel_stretched(channels: int) -> None:
    """The page's grey (made with OpenCV for speed) is what its definition says: the
    lightest channel, 200 and lighter paper, levels stretched; coloured pixels (a stamp)
    and the light pixels round them paper."""
    import numpy as np

    from zfxxgk.published import _ocr_pages

    rng = np.random.default_rng(channels)
    shape = (120, 90) if channels == 0 else (120, 90, channels)
    image = rng.integers(0, 256, shape, dtype=np.uint8)
    if channels:
        image[40:60, 30:50, 1:3] = 30  # a red patch
        image[40:60, 30:50, 0] = 220
    grey, stamp = _ocr_pages._grey(image)
    light = image if channels == 0 else image[:, :, :3].max(axis=2)
    want = np.minimum(light.astype(np.int32) * 255 // _ocr_pages.LIGHT, 255)
    if channels:
        import cv2

        coloured = light.astype(np.int32) - image[:, :, :3].min(axis=2) > _ocr_pages.COLOURED
        near = cv2.dilate(coloured.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
        want[near & (light >= _ocr_pages.STAMP_LIGHT)] = 255
        assert stamp is not None and ((stamp > 0) == near).all()
    else:
        assert stamp is None
    assert (grey == want).all() and grey.dtype == np.uint8 and grey.flags["C_CONTIGUOUS"]
