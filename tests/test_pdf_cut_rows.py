"""A table row cut by a page break: its label joined, its values never read in part.

Printed with large type, a long number wraps in its cell and a page break can cut the
cell: 217715 at the foot of one page, 649367 at the head of the next. Read apart, 217715
would be a wrong number. ``join_cut_cells`` joins the pieces of a label (also one that
wraps on over pages: 三、 + 本年) and, within one table continued, the row so proven cut
takes its value pieces from below the break: into an empty cell, or apart from the piece
above (217715 649367), which no reader takes for a number unless it is one number's
thousands (1 650).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.published.pdf import join_cut_cells

digits = st.from_regex(r"[1-9][0-9]{0,5}", fullmatch=True)
cell = st.one_of(st.just(""), digits)


@given(
    up=st.lists(cell, min_size=7, max_size=7),
    down=st.lists(cell, min_size=7, max_size=7),
)
def test_a_value_is_never_read_in_part(up: list[str], down: list[str]) -> None:
    above = ("5.属于三", *up)
    below = ("类内部事务信息", *down)
    joined = join_cut_cells(above, below)
    assert joined is not None  # the label is cut: the row is
    new_above, new_below = joined
    assert new_above[0] == "5.属于三类内部事务信息"
    assert not any(new_below)
    for a, b, n in zip(up, down, new_above[1:], strict=True):
        assert n == (f"{a} {b}" if a and b else a or b)


@given(
    up=st.lists(cell, min_size=3, max_size=3),
    down=st.lists(cell, min_size=3, max_size=3),
)
def test_other_tables_join_labels_only(up: list[str], down: list[str]) -> None:
    joined = join_cut_cells(("5.属于三", *up), ("类内部事务信息", *down), values=False)
    assert joined == (("5.属于三类内部事务信息", *up), ("", *down))


def test_a_label_that_wraps_on_is_joined_with_its_values() -> None:
    joined = join_cut_cells(("三、", "（一）予以公开", "217715", ""), ("本年", "", "649367", "5"))
    assert joined == (("三、本年", "（一）予以公开", "217715 649367", "5"), ("", "", "", ""))


def test_a_row_with_a_label_of_its_own_is_no_continuation() -> None:
    above = ("", "（一）予以公开", "3", "4")
    below = ("", "（二）部分公开", "5", "6")
    assert join_cut_cells(above, below) is None


def test_a_whole_label_is_not_continued() -> None:
    assert join_cut_cells(("其他", "1"), ("处理", "2")) is None
