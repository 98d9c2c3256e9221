"""A table row cut by a page break: its label joined, its values never read in part.

Printed with large type, a long number wraps in its cell and a page break can cut the
cell: 217715 at the foot of one page, 649367 at the head of the next (below a repeated
head). Read apart, 217715 would be a wrong number. ``join_cut_cells`` joins the pieces of
a label (also one that wraps on over pages: 三、 + 本年) and, within one table continued,
sets the pieces of a value together with a mark that makes them no number, or moves a
value wholly below the break up to its row.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.discover import looks_like_value
from zfxxgk.published.pdf import CUT, join_cut_cells

digits = st.from_regex(r"[1-9][0-9]{0,5}", fullmatch=True)
cell = st.one_of(st.just(""), digits)


@given(
    label=st.sampled_from(["（一）予以公开", "1.属于国家秘密", "四、结转下年度继续办理"]),
    up=st.lists(cell, min_size=7, max_size=7),
    down=st.lists(cell, min_size=7, max_size=7),
)
def test_a_value_is_never_read_in_part(label: str, up: list[str], down: list[str]) -> None:
    above = (label, *up)
    below = ("", *down)
    joined = join_cut_cells(above, below)
    if joined is None:  # nothing below: nothing cut
        assert not any(down)
        return
    assert joined is not None
    new_above, new_below = joined
    assert not any(new_below)  # the row below was the rest of the row above
    for a, b, n in zip(up, down, new_above[1:], strict=True):
        if a and b:
            assert n == f"{a}{CUT}{b}" and not looks_like_value(n)
        else:
            assert n == (a or b)


def test_a_label_that_wraps_on_is_joined_and_its_values_go_up() -> None:
    joined = join_cut_cells(("三、", "（一）予以公开", "217715", ""), ("本年", "", "649367", "5"))
    assert joined == (("三、本年", "（一）予以公开", f"217715{CUT}649367", "5"), ("", "", "", ""))


def test_a_row_with_a_label_of_its_own_is_no_continuation() -> None:
    above = ("", "（一）予以公开", "3", "4")
    below = ("", "（二）部分公开", "5", "6")
    assert join_cut_cells(above, below) is None


def test_a_header_above_keeps_its_values_row() -> None:
    above = ("行政复议", "", "行政诉讼", "")
    assert join_cut_cells(above, ("0", "1", "2", "3")) is None


def test_parts_of_other_tables_join_labels_only() -> None:
    above = ("5.属于三", "15", "")
    below = ("类内部事务信息", "", "7")
    assert join_cut_cells(above, below, values=False) == (
        ("5.属于三类内部事务信息", "15", ""),
        ("", "", "7"),
    )
