"""Word's theme colours (:mod:`producers_wrong12`): a run of ``w:themeColor="background1"``
is white on the white page whatever ``w:val`` says beside it, a theme colour that is
dark or grey is seen though ``w:val`` says FFFFFF; shadings likewise by ``w:themeFill``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_producers import judge
from producers_attack9 import reports
from producers_wrong12 import THEME_SEEN, THEME_UNSEEN, theme_producer
from zfxxgk import parse

REPORTS = reports(9, 1)[-2:] + reports(9, 0)[:2]


@pytest.mark.parametrize("name", sorted(THEME_UNSEEN) + sorted(THEME_SEEN))
def test_a_theme_colour_is_judged_as_word_shows_it(name: str, tmp_path: Path) -> None:
    """Junk in a theme colour that is white is not read (on main: every value wrong);
    a value in one that is seen is read (on main: left blank, or its middle digits
    dropped: 396 read 36)."""
    for stem, truth in REPORTS:
        folder = tmp_path / stem
        folder.mkdir()
        got = judge(truth, parse(theme_producer(name)(truth, folder)))
        assert (got.wrong, got.blank) == (0, 0), (stem, got.wrong_cells[:3])


@given(st.integers(0, 255), st.integers(0, 255), st.sampled_from(["tint", "shade"]))
@settings(max_examples=200, deadline=None)
def test_a_tint_or_shade_of_grey_is_its_luminance_moved(grey: int, by: int, how: str) -> None:
    """A grey lightened by a tint (L·t + 1 − t) or darkened by a shade (L·s): Word's
    white darker 5 % (F2) is F2F2F2, black lighter 50 % (80) is 7F7F7F."""
    from xml.etree.ElementTree import Element

    from zfxxgk.published.wordtheme import Palette

    palette = Palette()
    palette.slots["dk2"] = f"{grey:02X}" * 3
    el = Element(
        "color", {"val": "FF0000", "themeColor": "text2", f"theme{how.title()}": f"{by:02X}"}
    )
    got = int(palette.colour(el)[:2], 16)
    lightness, t = grey / 255, by / 255
    want = lightness * t + 1 - t if how == "tint" else lightness * t
    assert abs(got - want * 255) <= 1
    assert palette.colour(el)[:2] * 3 == palette.colour(el)


def test_without_a_theme_part_background1_is_white_and_accents_as_written() -> None:
    from xml.etree.ElementTree import Element

    from zfxxgk.published.wordtheme import Palette

    palette = Palette()
    assert palette.colour(Element("c", {"val": "000000", "themeColor": "background1"})) == "FFFFFF"
    assert palette.colour(Element("c", {"val": "000000", "themeColor": "text1"})) == "000000"
    assert palette.colour(Element("c", {"val": "123456", "themeColor": "accent1"})) == "123456"
