"""The cells of a page from its geometry, on hand-made pages (no PDF library needed)."""

from __future__ import annotations

import random

from zfxxgk.published._pdf_layout import page_items


def char(text: str, x0: float, top: float, size: float = 10.0) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + size / 2, "top": top, "bottom": top + size}


def line(x0: float, top: float, x1: float, bottom: float) -> dict[str, object]:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "stroking_color": (0, 0, 0)}


def box(x0: float, top: float, x1: float, bottom: float, color: object) -> dict[str, object]:
    return {
        "x0": x0,
        "top": top,
        "x1": x1,
        "bottom": bottom,
        "fill": True,
        "stroke": False,
        "non_stroking_color": color,
    }


def grid_page(chars: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    """A 2 × 2 ruled table at (100..300, 100..140): rules as lines and as thin black
    boxes, and WPS's white boxes behind every cell and behind a paragraph below."""
    lines = [line(100, y, 300, y) for y in (100, 120)] + [line(x, 100, x, 140) for x in (100, 200)]
    rects = [
        box(100, 139.5, 300, 140.5, (0, 0, 0)),  # the bottom rule, a thin filled box
        box(299.5, 100, 300.5, 140, 0),  # the right rule, grey level 0
        box(100.3, 100.3, 199.7, 119.7, (1, 1, 1)),  # white boxes behind the cells
        box(200.3, 120.3, 299.7, 139.7, (1, 1, 1)),
        box(90, 200, 500, 230, (1, 1, 1)),  # and behind a paragraph
    ]
    return {"char": chars, "line": lines, "rect": rects}


def test_characters_in_any_order_read_in_place() -> None:
    """The characters of 7730.28 drawn in shuffled order: read left to right, in the cell
    that holds their centres, the decimal point kept (never 773028)."""
    fee = [char(c, 210 + 5 * i, 124) for i, c in enumerate("7730.28")]
    label = [char(c, 105 + 10 * i, 124) for i, c in enumerate("行政事业性收费")]
    head = [char(c, 105 + 10 * i, 104) for i, c in enumerate("信息内容")]
    body = [char(c, 95 + 10 * i, 210) for i, c in enumerate("正文一行，不是表格。")]
    chars = fee + label + head + body
    random.Random(3).shuffle(chars)
    items = page_items(grid_page(chars))
    tables = [it for it in items if it[0] == "table"]
    texts = [it for it in items if it[0] == "text"]
    assert len(tables) == 1
    assert tables[0][2] == [["信息内容", ""], ["行政事业性收费", "7730.28"]]
    assert [t[2][0][2] for t in texts] == ["正文一行，不是表格。"]


def test_a_row_left_open_by_a_page_break_is_closed_where_its_verticals_end() -> None:
    """The last horizontal rule missing (cut by the page): the verticals close the row."""
    page = grid_page([char("9", 210, 124), char("规", 105, 124), char("章", 115, 124)])
    page["rect"] = [r for r in page["rect"] if r["bottom"] - r["top"] > 2]  # no bottom rule
    page["line"] = [*page["line"], line(300, 100, 300, 140)]
    tables = [it for it in page_items(page) if it[0] == "table"]
    assert tables[0][2][-1] == ["规章", "9"]


def test_merged_cells_are_laid_out_as_spans() -> None:
    """A cell with no rule inside it spans its grid cells: its text in the first."""
    page = {
        "char": [char("总", 105, 104), char("计", 115, 104), char("1", 105, 124)],
        "line": [line(100, y, 300, y) for y in (100, 140)]
        + [line(100, 120, 300, 120)]
        + [line(x, 100, x, 140) for x in (100, 300)]
        + [line(200, 120, 200, 140)],
    }
    tables = [it for it in page_items(page) if it[0] == "table"]
    assert tables[0][2] == [["总计", ""], ["1", ""]]


def test_cells_with_borders_of_their_own_make_one_table() -> None:
    """HTML's ``<table border="1">`` printed: each cell a stroked box of its own, 2.5 pt
    from its neighbours. The boxes are one table, each glyph in the cell whose box holds
    its centre (the label's two lines and the row's digits never glued together)."""
    rects = []
    for r, (top, bottom) in enumerate(((100, 140), (142.5, 182.5))):
        for c, (x0, x1) in enumerate(((100, 200), (202.5, 240), (242.5, 280))):
            rects.append(
                {
                    "x0": x0,
                    "top": top,
                    "x1": x1,
                    "bottom": bottom,
                    "fill": False,
                    "stroke": True,
                    "stroking_color": (0, 0, 0),
                    "row": r,
                    "col": c,
                }
            )
    label = [char(c, 105 + 10 * i, 103) for i, c in enumerate("5.要求行政机关")]
    label += [char(c, 105 + 10 * i, 127) for i, c in enumerate("确认信息")]
    digits = [char("0", 215, 115), char("7", 255, 115)]
    head = [char(c, 105 + 10 * i, 155) for i, c in enumerate("总计")]
    head += [char("1", 215, 155), char("2", 255, 155)]
    items = page_items({"char": label + digits + head, "rect": rects})
    tables = [it for it in items if it[0] == "table"]
    assert len(tables) == 1
    assert tables[0][2] == [["5.要求行政机关确认信息", "0", "7"], ["总计", "1", "2"]]
