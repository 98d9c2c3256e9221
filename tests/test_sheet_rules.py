"""Style sheets' rules read as a browser reads them: strikes by a class (wrong11).

Each class is made by the transformations of tests/sheet_producers.py over the samples and
seeded random reports (benchmarks/sheet_report.py counts them); on 679b71a a number struck
out by a style sheet's rule (``.old{text-decoration:line-through}``, also
``text-decoration-line``, ``red line-through``, on an ancestor, by a tag in a place) was
read into the value beside it, junk hidden or written white by a rule whose element is
named by its tag (``td small{display:none}``), by ``:is()``, ``:where()``, ``:has()``, an
attribute or a sibling combinator was read, as was white junk in a value cell when a rule
gave every cell *but* the values a background (``td:not(.v){background:#333}``); a style
sheet in ``<noscript>`` or ``<template>`` was applied (values lost, junk read); and a table
of blocks whose display held a comment (``display:/**/table-row``) was read as lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_producers import judge
from producers import samples_and_random
from sheet_producers import (
    BLANK_SAID,
    BLOCK_PRODUCERS,
    DOUBTED,
    SHEET_FORMATS,
    TRANSFORMS,
    produce,
)
from zfxxgk import AnnualReport, parse
from zfxxgk.core.cellvalue import UNSEEN
from zfxxgk.published.unseen import coloured_names
from zfxxgk.published.webpage import html_rows


def _reports() -> list[AnnualReport]:
    return list(samples_and_random(31, 2).values())


@pytest.mark.parametrize("fmt", SHEET_FORMATS)
@pytest.mark.parametrize("transform", list(TRANSFORMS))
def test_every_cell_is_right_or_blank_with_a_warning(
    tmp_path: Path, transform: str, fmt: str
) -> None:
    for i, report in enumerate(_reports()):
        folder = tmp_path / str(i)
        folder.mkdir()
        s = judge(report, parse(produce(report, transform, fmt, folder)))
        assert s.wrong == 0, s.wrong_cells[:3]
        if transform not in (*BLANK_SAID, *DOUBTED, "struck-tables-class"):
            assert s.blank == 0  # (nothing of the report hidden or struck: all read)


@pytest.mark.parametrize("producer", list(BLOCK_PRODUCERS))
def test_a_comment_in_a_display_lays_out_the_table_of_blocks(tmp_path: Path, producer: str) -> None:
    """``display:/**/table-row`` is a row to a browser: its cells are read in their
    columns (a row shown in reverse is left as lines, as without the comment)."""
    for i, report in enumerate(_reports()):
        folder = tmp_path / str(i)
        folder.mkdir()
        s = judge(report, parse(BLOCK_PRODUCERS[producer](report, folder)))
        assert s.wrong == 0, s.wrong_cells[:3]
        if "reversed" not in producer:
            assert s.blank == 0


def _cell(body: str, head: str = "") -> str:
    rows, _ = html_rows(
        f"<html><head>{head}</head><body><table><tr><td>规章</td>{body}</tr></table></body></html>"
    )
    return rows[0].cells[1]


#: Selectors of the junk's element (``<span class="j" data-j="1">`` in a cell, after a
#: ``<b class="a">`` sibling) in each way a rule may name it, with how it names its place.
_PLACES = ["", "td ", "tr > td > ", "td > ", ":is(td, th) ", ":where(table) td ", "td:has(.j) "]
_PLACES += ["b.a + ", "b ~ ", ".a~", "table :not(.r) > "]
#: Each way to name the junk's element, with a like one that names no element of the cell.
_ELEMENTS = [
    (".j", ".k"),
    ("span.j", "em.j"),
    ("span", "em"),
    ("[data-j]", "[data-k]"),
    ('[data-j="1"]', "[data-j='2']"),
    ("span:is(.j, .k)", "span:is(.x, .k)"),
    (":where(.j)", ":where(.k)"),
    (".j:not(.v)", ".j:not(.j)"),
    (".j:not(.x .j)", ".j:not(td .j)"),
    (":is(td .j)", ":is(th .j)"),
    ("span:not(:empty)", "span:empty"),
    (":is(span)", ":is(em)"),
    ("span:has(> i)", "span:has(> b)"),
    (".j:nth-child(2)", ".j:nth-child(3)"),
    (".j:last-of-type", ".j:first-child"),
]
#: What the rule does to it: each leaves "1" "2" "3" the value a person reads.
_DOES = ["display:none", "visibility:hidden", "font-size:0", "text-decoration:line-through"]
_DOES += ["text-decoration: red line-through", "text-decoration-line:line-through"]
_DOES += ["color:#fff", "color:#FEFEFE", "display:/**/none"]


@given(st.sampled_from(_PLACES), st.sampled_from(_ELEMENTS), st.sampled_from(_DOES))
@settings(max_examples=400, deadline=None)
def test_junk_a_rule_names_is_never_read_into_the_value(
    place: str, element: tuple[str, str], does: str
) -> None:
    """However a rule names the junk's element and hides, whitens or strikes it out, the
    cell reads 123 (never 1293); a like rule for no element of the cell reads it (1293:
    seen)."""
    junk = "<td>12<b class='a'></b><span class='j' data-j='1'><i>9</i></span>3</td>"
    named, other = element
    assert _cell(junk, f"<style>{place}{named}{{{does}}}</style>") == "123"
    assert _cell(junk, f"<style>{place}{other}{{{does}}}</style>") == "1293"


def test_a_decoration_of_none_on_a_descendant_does_not_undo_a_strike() -> None:
    """A person sees a struck-out element's children struck out too."""
    head = "<style>.old{text-decoration:line-through} .old i{text-decoration:none}</style>"
    assert _cell("<td><span class='old'><i>12</i></span>13</td>", head) == "13"


def test_a_rule_of_more_weight_decides_before_a_later_one() -> None:
    """``.j{display:none}`` outweighs a later ``td span{display:inline}``; ``.j.k``
    outweighs a later ``.j``."""
    head = "<style>.j{display:none} td span{display:inline}</style>"
    assert _cell("<td>12<span class='j'>9</span>3</td>", head) == "123"
    head = "<style>.j.k{display:inline} .j{display:none}</style>"
    assert _cell("<td>12<span class='j k'>9</span>3</td>", head) == "1293"


@pytest.mark.parametrize(
    ("sheet", "seen"),
    [
        (".a .j{display:inline} .j{display:none!important}", "123"),
        (".j{display:none !important} .a .j{display:inline}", "123"),
        (".j{display:none!important} .j{display:inline}", "123"),
        (".j{color:red!important;display:none} .a .j{display:inline}", "1293"),
        (".j{display:none!important} .a .j{display:inline!important}", "1293"),
        (".old{text-decoration:line-through!important} .a .old{text-decoration:none}", "123"),
    ],
)
def test_an_important_rule_decides_before_the_others(sheet: str, seen: str) -> None:
    """A rule whose declarations that hide (or strike out) are ``!important`` decides
    before any that is not, however specific; among important ones, the cascade's order."""
    cell = _cell(
        "<td>12<span class='a'><span class='j old'>9</span></span>3</td>", f"<style>{sheet}</style>"
    )
    assert cell == seen


def test_a_hiding_rule_that_cannot_be_matched_blanks_the_value_with_a_warning() -> None:
    """A rule this cannot match (``:lang()``) may hide the junk: the cell is no value,
    said (never 1293); junk of no figure is left to be read."""
    head = "<style>td:lang(zh) .j{display:none}</style>"
    assert _cell("<td>12<span class='j'>9</span>3</td>", head) == UNSEEN + "1293" + UNSEEN
    assert _cell("<td>12<span class='j'>x</span>3</td>", head) == "12x3"  # (no figure)
    head = "<style>.j:hover:lang(zh){display:none}</style>"  # (not at rest: shown)
    assert _cell("<td>12<span class='j'>9</span>3</td>", head) == "1293"


@pytest.mark.parametrize("holder", ["noscript", "template"])
def test_a_style_sheet_a_browser_does_not_apply_hides_nothing(holder: str) -> None:
    """A browser with scripts reads ``<noscript>`` as text and keeps ``<template>``
    inert: a style sheet in either hides nothing, shows nothing."""
    sheet = f"<{holder}><style>.v{{display:none}} .j{{display:inline}}</style></{holder}>"
    head = "<style>.j{display:none}</style>" + sheet
    assert _cell("<td><span class='v'>12</span><span class='j'>9</span>3</td>", head) == "123"


def test_a_background_for_every_cell_but_some_is_none_of_theirs() -> None:
    """``td:not(.v){background:#333}`` colours the cells that are no ``.v``: white junk
    in a ``.v`` cell is unseen (not read), in another cell on its ground."""
    names = coloured_names(["td:not(.v){background:#333} .h:not(:first-child){background:#000}"])
    assert names == frozenset({"td|:not(.v)", ".h|:not(:first-child)"})
    head = "<style>.w{color:#fff} td:not(.v){background:#333}</style>"
    assert _cell("<td class='v'>12<span class='w'>9</span>3</td>", head) == "123"
    assert _cell("<td class='x'>12<span class='w'>9</span>3</td>", head) == "1293"
