"""Each OCR value carries its own characters' confidence, also where the layout laid out
one item of the page (a title whose runs it split by their text) otherwise when it traced
the characters: only that item's cells fall back to the least sure reading of their
characters on the page; a table's 0 read surely is not blanked for a 0 read unsurely in
the title."""

from __future__ import annotations

from typing import Any

import pytest

from zfxxgk.published import ocr


def char(text: str, x: float, conf: float, top: float) -> dict[str, Any]:
    return {"x0": x, "x1": x + 8, "top": top, "bottom": top + 10, "text": text, "conf": conf}


#: A title "2024年" (its 0 read unsurely) and a table row 规 | 0 (read surely).
CHARS = [
    char("2", 10, 0.99, 10),
    char("0", 20, 0.55, 10),
    char("年", 40, 0.99, 10),
    char("规", 10, 0.99, 50),
    char("0", 60, 0.97, 50),
]


def fake_items(split_traced_title: bool) -> Any:
    """A layout that runs the title as two runs, and (when asked) the traced title as one."""

    def page_items(objects: dict[str, Any]) -> list[tuple[Any, ...]]:
        t = [c["text"] for c in objects["char"]]
        traced = ord(t[0]) >= ocr._TRACE
        if traced and split_traced_title:
            title = [(10.0, 48.0, t[0] + t[1] + t[2])]
        else:
            title = [(10.0, 28.0, t[0] + t[1]), (40.0, 48.0, t[2])]
        return [("text", 10.0, title), ("table", 50.0, [[t[3], t[4]]], None)]

    return page_items


@pytest.mark.parametrize("split", [False, True])
def test_a_table_keeps_its_own_confidence(split: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "page_items", fake_items(split))
    notes: list[Any] = []
    page = ocr._Page(1, notes)
    out = page.layout({"char": CHARS, "line": []})
    table = next(item for item in out["items"] if item[0] == "table")
    label, value = table[2][0]
    assert (str(label), str(value)) == ("规", "0")
    assert value.confidence == pytest.approx(0.97)
    title = next(item for item in out["items"] if item[0] == "text")
    # the title's unsure 0 is left out (blank with a warning), never kept as sure
    assert "".join(str(r[2]) for r in title[2]) == "年"
    assert [n.code for n in notes] == ["ocr-unsure-digit"]


def test_items_laid_out_otherwise_fall_back_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the traced page has other items (in number or place), every cell falls back
    to the least sure reading of its characters: the table's 0 is as unsure as the title's."""

    def page_items(objects: dict[str, Any]) -> list[tuple[Any, ...]]:
        t = [c["text"] for c in objects["char"]]
        if ord(t[0]) >= ocr._TRACE:
            return [("text", 10.0, [(10.0, 48.0, t[0] + t[1] + t[2] + t[3] + t[4])])]
        return fake_items(False)(objects)

    monkeypatch.setattr(ocr, "page_items", page_items)
    notes: list[Any] = []
    out = ocr._Page(1, notes).layout({"char": CHARS, "line": []})
    table = next(item for item in out["items"] if item[0] == "table")
    assert str(table[2][0][1]) == ""
    assert len(notes) == 2
