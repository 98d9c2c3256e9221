"""Borderless PDF tables: each number under the header it sits under, blanks kept blank.

Hand-made pages (no PDF needed) of table 三 drawn without rules, as a borderless web
table prints: values centred in their cells (so they start nowhere in particular), some
cells blank, header labels glued where columns are narrow, a label wrapped around its
row's values. Generated over many layouts: each cell right or blank, never another.
"""

from __future__ import annotations

from typing import Any
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.published.parse import ParseResult
from zfxxgk.published.parse import parse as parse_doc
from zfxxgk.published.pdf import source_from_pages
from zfxxgk.published.pdf_columns import split_headers

HEADS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
FIELDS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "public_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
]
ROWS = {
    "new_received": "一、本年新收政府信息公开申请数量",
    "carried_over": "二、上年结转政府信息公开申请数量",
}
CHAR = 10.0  # a character's width, points


def line(top: float, *runs: tuple[float, str]) -> tuple[Any, ...]:
    return ("text", top, [(x, x + CHAR * len(t), t) for x, t in runs])


def page(items: list[tuple[Any, ...]]) -> dict[str, Any]:
    head = [
        line(10, (90, "某局2024年政府信息公开工作年度报告")),
        line(20, (90, "二、主动公开政府信息情况")),
        line(
            30,
            (90, "信息内容"),
            (200, "本年制发件数"),
            (280, "本年废止件数"),
            (360, "现行有效件数"),
        ),
        line(40, (90, "规章"), (200, "1"), (280, "0"), (360, "1")),
        line(50, (90, "三、收到和处理政府信息公开申请情况")),
    ]
    return {"items": head + items, "chars": 500, "images": 0}


def parsed(pages: list[dict[str, Any]]) -> ParseResult:
    source = source_from_pages(pages, "borderless.pdf")
    with mock.patch("zfxxgk.published.parse.load_source", return_value=source):
        return parse_doc("borderless.pdf", data=b"%PDF-")


def centred(x0: float, width: float, text: str) -> tuple[float, str]:
    return (x0 + (width - CHAR * len(text)) / 2, text)


def table(
    lefts: list[float], widths: list[float], values: dict[str, list[int | None]]
) -> list[tuple[Any, ...]]:
    items = [line(60, *[centred(x, w, h) for x, w, h in zip(lefts, widths, HEADS, strict=True)])]
    for k, (key, label) in enumerate(ROWS.items()):
        cells = [
            centred(x, w, str(v))
            for x, w, v in zip(lefts, widths, values[key], strict=True)
            if v is not None
        ]
        items.append(line(80 + 20 * k, (20, label), *cells))
    return items


@settings(max_examples=40, deadline=None)
@given(
    widths=st.lists(st.floats(64, 90), min_size=7, max_size=7),
    values=st.lists(st.one_of(st.none(), st.integers(0, 99999)), min_size=14, max_size=14),
)
def test_centred_values_with_blanks_go_under_their_headers(
    widths: list[float], values: list[int | None]
) -> None:
    """Any column widths, any blanks: each value in its header's column, blanks blank."""
    lefts = [360.0]
    for w in widths[:-1]:
        lefts.append(lefts[-1] + w + 4)
    rows = {"new_received": values[:7], "carried_over": values[7:]}
    result = parsed([page(table(lefts, widths, rows))])
    report = result.report
    for key, want in rows.items():
        for field, value in zip(FIELDS, want, strict=True):
            assert report.get(("applications", key, field)) == value, (key, field)


def test_glued_header_labels_are_split() -> None:
    """本年制发件数本年废止件数现行有效件数 in one run: three labels, each its share."""
    runs = split_headers((100.0, 280.0, "本年制发件数本年废止件数现行有效件数"))
    assert [r[2] for r in runs] == ["本年制发件数", "本年废止件数", "现行有效件数"]
    assert [round(r[0]) for r in runs] == [100, 160, 220]
    assert split_headers((0.0, 90.0, "本年新收政府信息公开申请")) == [
        (0.0, 90.0, "本年新收政府信息公开申请")
    ]


def test_a_value_between_two_columns_is_left_blank() -> None:
    """A number whose centre lies under no header label, in a row with a blank: its row
    blank, with a warning; the row under it still read."""
    widths = [70.0] * 7
    lefts = [360.0 + 74 * i for i in range(7)]
    first = [1, 1, 1, None, 1, 1, 1]
    items = table(lefts, widths, {"new_received": first, "carried_over": [2] * 7})
    label, *cells = items[1][2]
    x0, x1, text = cells[2]
    cells[2] = (x0 + 37, x1 + 37, text)  # between 科研机构 and 社会公益组织
    items[1] = ("text", items[1][1], [label, *cells])
    result = parsed([page(items)])
    assert all(result.report.get(("applications", "new_received", f)) is None for f in FIELDS)
    assert result.report.applications.carried_over.total == 2
    assert any(w.code == "short-row" for w in result.warnings)


def test_values_of_a_label_wrapped_around_them() -> None:
    """2.其他法律行政法规 / its values / 禁止公开: the values are that row's."""
    lefts = [360.0 + 74 * i for i in range(7)]
    items = table(lefts, [70.0] * 7, {"new_received": [5] * 7, "carried_over": [0] * 7})
    items += [
        line(130, (20, "三、本年度办理结果"), (110, "（三）不予公开"), (200, "1.属于国家秘密"))
    ]
    items.append(line(150, (200, "2.其他法律行政法规")))
    items.append(line(158, *[centred(x, 70, "3") for x in lefts]))
    items.append(line(166, (200, "禁止公开")))
    result = parsed([page(items)])
    assert result.report.applications.withheld_prohibited_by_law.total == 3
