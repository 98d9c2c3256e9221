"""A short line written in characters is read at its own width (``zfxxgk[ocr]``); a
number is read exactly as before.

The recogniser's cost grows with its input's width, and short lines are padded to 224
pixels so that a lone 0 is not read as the letter o. A line of characters needs no such
room: where its ink has a piece wider than a digit can be (:func:`_characters`), it is
read first at its own width, and that reading stands only where it is plain text read
surely (no digit, no round letter, every character at least ``SURE``); any other line is
read as before. So a digit's reading never comes from the narrow pass, whatever the
guess from the ink says.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("cv2")
pytest.importorskip("PIL")

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
#: The alphabet of the stub recogniser: the blank, digits, round letters, characters.
ALPHABET = ["", *"0123456789", "o", "O", "〇", "。", *"其他总计商业企业、（）", " "]


def _text() -> Any:
    from zfxxgk.published import _ocr_pages

    return _ocr_pages._text_reader()


class _Stub:
    """A recogniser that answers each input width with a given output (columns of a
    class and its probability), recording the widths it was given."""

    def __init__(self, answers: dict[str, list[tuple[int, float]]]) -> None:
        self.answers = answers
        self.widths: list[int] = []
        self.text_rec = self

    def session(self, tensor: Any) -> list[Any]:
        import numpy as np

        width = int(tensor.shape[3])
        self.widths.append(width)
        T = _text()
        key = "narrow" if width < T.MIN_WIDTH else "min" if width == T.MIN_WIDTH else "wide"
        cols = self.answers[key] or [(0, 0.99)]
        preds = np.full((len(cols), len(ALPHABET)), 0.0, np.float32)
        for t, (k, p) in enumerate(cols):
            preds[t, :] = (1 - p) / (len(ALPHABET) - 1)
            preds[t, k] = p
        return [preds[None]]


_columns = st.lists(
    st.tuples(st.integers(0, len(ALPHABET) - 1), st.floats(0.3, 1.0)), min_size=0, max_size=8
)


@settings(max_examples=120, deadline=None)
@given(narrow=_columns, least=_columns, wide=_columns, width=st.integers(20, 400))
def test_a_written_line_reads_plain_text_or_as_before(
    narrow: list[tuple[int, float]],
    least: list[tuple[int, float]],
    wide: list[tuple[int, float]],
    width: int,
) -> None:
    import numpy as np

    T = _text()
    image = np.full((T.HEIGHT, width), 255, np.uint8)
    answers = {"narrow": narrow, "min": least, "wide": wide}
    before = T._recognised(_Stub(answers), image, ALPHABET)
    stub = _Stub(answers)
    now = T._recognised(stub, image, ALPHABET, written=True)
    if now != before:
        # only the narrow pass can differ, and only with plain text read surely
        assert width < T.MIN_WIDTH and stub.widths[0] < T.MIN_WIDTH
        assert now and min(c[2] for c in now) >= T.SURE
        assert not any(c[0].isdigit() or c[0] in T.ROUND for c in now)
    if width >= T.MIN_WIDTH:
        assert stub.widths[0] >= T.MIN_WIDTH  # a long line is read once, as before


def _line(text: str, dpi: int, noisy: bool, rnd: random.Random) -> tuple[Any, tuple[int, ...]]:
    """A line of text printed at 10.5 pt and scanned at ``dpi``: the grey page and the
    ink's box."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), round(dpi * 10.5 / 72))
    img = Image.new("L", (dpi * 4, dpi), 255)
    ImageDraw.Draw(img).text((dpi // 4, dpi // 4), text, font=font, fill=0)
    grey = np.asarray(img).astype(np.int16)
    if noisy:
        grain = np.random.default_rng(rnd.randrange(1 << 30)).normal(0, 12, grey.shape)
        grey = np.clip(grey + grain, 0, 255)
    grey = grey.astype(np.uint8)
    ys, xs = np.nonzero(grey < _text().INK)
    return grey, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


def _number(rnd: random.Random) -> str:
    whole = str(rnd.choice([0, rnd.randint(0, 9), rnd.randint(10, 99999)]))
    return f"{whole}.{rnd.randint(0, 99):02d}" if rnd.random() < 0.2 else whole


@pytest.mark.parametrize("dpi", [150, 200, 300])
@pytest.mark.parametrize("noisy", [False, True])
def test_a_number_is_never_taken_for_characters(dpi: int, noisy: bool) -> None:
    """Every digit is narrower than it is tall: a number's line is read as before, once."""
    rnd = random.Random(dpi * 2 + noisy)
    for _ in range(25):
        number = _number(rnd)
        grey, ink = _line(number, dpi, noisy, rnd)
        assert not _text()._characters(grey, ink), (number, dpi, noisy)


def _labels() -> list[str]:
    """The short labels of both editions' tables (at most six characters)."""
    from zfxxgk.core.editions import EDITIONS

    out: set[str] = set()
    for edition in EDITIONS.values():
        for table in edition.tables:
            for block in table.blocks:
                for row in block.rows:
                    out.update(t for t in (*row.path, row.label) if 0 < len(t) <= 6)
                for col in block.columns:
                    out.update(t for t in (*col.path, col.label) if 0 < len(t) <= 6)
    return sorted(out)


@pytest.mark.parametrize("dpi", [150, 300])
def test_short_labels_are_written_in_characters(dpi: int) -> None:
    """The editions' short labels (其他, 总计, 商业企业 …) take the narrow pass."""
    labels = _labels()
    assert labels
    rnd = random.Random(dpi)
    written = [_text()._characters(*_line(label, dpi, True, rnd)) for label in labels]
    assert sum(written) >= 0.9 * len(labels), [
        t for t, w in zip(labels, written, strict=True) if not w
    ]
