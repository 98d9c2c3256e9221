"""Review of the block tables, form fields and side-by-side tables (issue 17): inputs a
browser shows otherwise than they are written, which were read with numbers in other
cells than the ones a person sees them in, or took the page's time and memory.

Each producer below writes every sample and random report so; the invariant: never a
wrong number (every cell right, or blank with a warning naming its row)."""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from hostile_producers import judge
from producers import cells_of, samples_and_random, tab_text
from producers_cms import _esc, _html_table, _page, _tables, _write
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import GridCell
from zfxxgk.published.webpage import html_rows

REPORTS = samples_and_random(seed=7, randoms=2)
Producer = Callable[[AnnualReport, Path], Path]


def _form(report: AnnualReport, folder: Path, value: Callable[[str], str]) -> Path:
    def td(cell: GridCell) -> str:
        span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
            f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
        )
        return f"<td{span}>{_esc(cell) if cell.label else value(html.escape(cell.text))}</td>"

    body: list[str] = []
    for name, rows, _width in _tables(report):
        body += [f"<h2>{html.escape(name)}</h2>", _html_table(rows, td, ' border="1"')]
    return _write(folder, "form.html", _page(report, body))


def select_two_selected(report: AnnualReport, folder: Path) -> Path:
    """A drop-down list with two options marked selected: a browser shows the last."""
    return _form(
        report,
        folder,
        lambda v: f"<select><option selected>9999</option><option selected>{v}</option></select>",
    )


def select_first_disabled(report: AnnualReport, folder: Path) -> Path:
    """A drop-down list of no selected option: a browser shows the first enabled one."""
    return _form(
        report,
        folder,
        lambda v: f"<select><option disabled>9999</option><option>{v}</option></select>",
    )


def select_list_box(report: AnnualReport, folder: Path) -> Path:
    """A list box of three lines: every option shown, none of them the cell's value."""
    return _form(
        report,
        folder,
        lambda v: f'<select size="3"><option>7777</option><option>{v}</option></select>',
    )


def select_multiple(report: AnnualReport, folder: Path) -> Path:
    return _form(
        report,
        folder,
        lambda v: f"<select multiple><option>7777</option><option>{v}</option></select>",
    )


def input_datalist(report: AnnualReport, folder: Path) -> Path:
    """A text box with the suggestions it offers while typed in (a ``<datalist>``, which
    a browser never shows in the page)."""
    return _form(
        report,
        folder,
        lambda v: f'<input list="s" value="{v}"><datalist id="s"><option>7</option></datalist>',
    )


def _moved_rows(report: AnnualReport, folder: Path, row: Callable[[list[GridCell]], str]) -> Path:
    body: list[str] = []
    for name, rows, _width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body += [row(r) for r in rows]
    return _write(folder, "moved.html", _page(report, body))


def _labels_values(row: list[GridCell]) -> tuple[list[GridCell], list[GridCell]]:
    return [c for c in row if c.label], [c for c in row if not c.label]


def flex_order(report: AnnualReport, folder: Path) -> Path:
    """Flex rows whose value cells are written last first, each put back by ``order``."""

    def row(cells: list[GridCell]) -> str:
        labels, values = _labels_values(cells)
        items = [f'<div style="order:{i}">{_esc(c)}</div>' for i, c in enumerate(labels)]
        n = len(labels)
        shown = [f'<div style="order:{n + i}">{_esc(c)}</div>' for i, c in enumerate(values)]
        return '<div style="display:flex">' + "".join(items + shown[::-1]) + "</div>"

    return _moved_rows(report, folder, row)


def bootstrap_order(report: AnnualReport, folder: Path) -> Path:
    """Bootstrap rows whose value cells are written last first, put back by ``order-N``."""

    def row(cells: list[GridCell]) -> str:
        labels, values = _labels_values(cells)
        n = len(labels)
        items = [f'<div class="col-1 order-{i + 1}">{_esc(c)}</div>' for i, c in enumerate(labels)]
        shown = [
            f'<div class="col-1 order-{n + i + 1}">{_esc(c)}</div>' for i, c in enumerate(values)
        ]
        return '<div class="row">' + "".join(items + shown[::-1]) + "</div>"

    return _moved_rows(report, folder, row)


def bootstrap_push_pull(report: AnnualReport, folder: Path) -> Path:
    """Bootstrap 3 rows whose first two value cells are swapped by push and pull."""

    def row(cells: list[GridCell]) -> str:
        labels, values = _labels_values(cells)
        items = [f'<div class="col-md-1">{_esc(c)}</div>' for c in labels]
        if len(values) >= 2:
            a, b, *rest = values
            items += [
                f'<div class="col-md-1 col-md-push-1">{_esc(b)}</div>',
                f'<div class="col-md-1 col-md-pull-1">{_esc(a)}</div>',
            ]
            values = rest
        items += [f'<div class="col-md-1">{_esc(c)}</div>' for c in values]
        return '<div class="row">' + "".join(items) + "</div>"

    return _moved_rows(report, folder, row)


def flex_order_by_class(report: AnnualReport, folder: Path) -> Path:
    """Flex rows whose cells are put back in order by classes of the page's sheet."""
    css = "".join(f".o{i}{{order:{i}}}" for i in range(40)) + ".r{display:flex}"

    def row(cells: list[GridCell]) -> str:
        items = [f'<div class="o{i}">{_esc(c)}</div>' for i, c in enumerate(cells)]
        labels = sum(1 for c in cells if c.label)
        return '<div class="r">' + "".join(items[:labels] + items[labels:][::-1]) + "</div>"

    body: list[str] = []
    for name, rows, _width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body += [row(r) for r in rows]
    return _write(folder, "moved-class.html", _page(report, body, css))


def grid_area(report: AnnualReport, folder: Path) -> Path:
    """A grid whose value cells are written last first, each placed by ``grid-area``."""
    body: list[str] = []
    for name, rows, width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body.append(f'<div style="display:grid;grid-template-columns:repeat({width},1fr)">')
        for r, row in enumerate(rows, start=1):
            labels, values = _labels_values(row)
            for c in labels + values[::-1]:
                area = f"{r} / {c.col + 1} / span {c.rowspan} / span {c.colspan}"
                body.append(f'<div style="grid-area:{area}">{_esc(c)}</div>')
        body.append("</div>")
    return _write(folder, "grid-area.html", _page(report, body))


PRODUCERS: dict[str, Producer] = {
    "select-two-selected": select_two_selected,
    "select-first-disabled": select_first_disabled,
    "select-list-box": select_list_box,
    "select-multiple": select_multiple,
    "input-datalist": input_datalist,
    "flex-order": flex_order,
    "flex-order-class": flex_order_by_class,
    "bootstrap-order": bootstrap_order,
    "bootstrap-push-pull": bootstrap_push_pull,
    "grid-area": grid_area,
}
#: The producers whose pages show one value a cell: read back whole.
WHOLE = ("select-two-selected", "select-first-disabled", "input-datalist")


@pytest.mark.parametrize("producer", sorted(PRODUCERS))
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_never_wrong(name: str, producer: str, tmp_path: Path) -> None:
    report = REPORTS[name]
    s = judge(report, parse(PRODUCERS[producer](report, tmp_path)))
    assert s.wrong_cells == ()
    if producer in WHOLE:
        assert (s.right, s.blank) == (len(cells_of(report)), 0)


def _cells(page: str) -> list[tuple[str, ...]]:
    return [r.cells for r in html_rows(page)[0] if r.positional]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ('<input value="1"><input value="2">', "1 2"),
        ('26<input value="26" style="width:0;border:0">', "26 26"),
        ('<span>2</span><input value="2">', "2 2"),
        ('<input value="1">件', "1件"),
        ('<select><option>1</option></select><input value="2">', "1 2"),
    ],
)
def test_a_fields_digits_stand_apart_from_digits_beside_it(cell: str, shown: str) -> None:
    """Two boxes, or a box and a number beside it, are two numbers (never 12 or 2626:
    read so on b7bbb13)."""
    page = f"<table><tr><td>规章</td><td>{cell}</td></tr></table>"
    assert _cells(page) == [("规章", shown)]


@pytest.mark.parametrize(
    "style",
    ["flex-direction:row-reverse", "flex-flow:row-reverse wrap", "direction:rtl"],
)
def test_a_row_shown_reversed_is_no_table(style: str) -> None:
    row = f'<div style="display:flex;{style}"><span>1</span><span>2</span></div>'
    assert _cells(row * 2) == []


def test_a_dense_grid_is_left_as_lines() -> None:
    page = (
        '<div style="display:grid;grid-template-columns:1fr 1fr;grid-auto-flow:row dense">'
        '<div style="grid-column:span 2">A</div><div>1</div><div>2</div></div>'
    )
    assert _cells(page) == []


def test_moving_rule_of_no_one_class_leaves_rows_alone() -> None:
    page = (
        "<style>.r{display:flex} .r > div:first-child{order:2}</style>"
        + '<div class="r"><div>1</div><div>2</div></div>' * 2
    )
    assert _cells(page) == []


def test_a_far_placed_grid_item_costs_nothing() -> None:
    """An item placed at line 999 of 999 columns, or spanning them all, is no report's
    table: left as lines, not a grid of a million cells that refuses the whole page."""
    far = (
        '<div style="display:grid;grid-template-columns:repeat(999,1fr)"><div>a</div>'
        '<div style="grid-row:999;grid-column:999">b</div></div>'
    )
    wide = (
        '<div style="display:grid;grid-template-columns:repeat(999,1fr)"><div>a</div>'
        '<div style="grid-row:span 999;grid-column:span 998">b</div></div>'
    )
    table = "<table><tr><td>规章</td><td>5</td></tr></table>"
    start = time.process_time()
    assert _cells(far + table) == [("规章", "5")]
    assert _cells(wide * 20 + table) == [("规章", "5")]
    assert time.process_time() - start < 3  # (b7bbb13: 15 s)


def _last_year(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """A copy of a table as last year's: its column headers spaced out (自 然 人, as a
    Word table's distributed headers show), its numbers other."""
    out: list[list[GridCell]] = []
    for row in rows:
        new: list[GridCell] = []
        for c in row:
            if c.role == "header":
                c = attrs.evolve(c, text=" ".join(c.text))
            elif not c.label and c.text.isdigit():
                c = attrs.evolve(c, text=str(int(c.text) + 1))
            new.append(c)
        out.append(new)
    return out


def _plain_td(c: GridCell) -> str:
    span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
        f' colspan="{c.colspan}"' if c.colspan > 1 else ""
    )
    return f"<td{span}>{_esc(c)}</td>"


def years_html(report: AnnualReport, folder: Path) -> Path:
    """Each table, then last year's under a short line (上年度：)."""
    body: list[str] = []
    for name, rows, _width in _tables(report):
        body.append(f"<h2>{html.escape(name)}</h2>")
        body.append(_html_table(rows, _plain_td, ' border="1"'))
        body.append("<p>上年度：</p>")
        body.append(_html_table(_last_year(rows), _plain_td, ' border="1"'))
    return _write(folder, "years.html", _page(report, body))


def years_tabs(report: AnnualReport, folder: Path) -> Path:
    """The same as Word tables pasted as tab-separated text."""
    out: list[str] = []
    for name, rows, width in _tables(report):
        out.append(name)
        for table in (rows, _last_year(rows)):
            for row in table:
                grid = [""] * width
                for c in row:
                    grid[c.col] = c.text
                out.append("\t".join(grid))
            out.append("上年度：" if table is rows else "")
    return _write(folder, "years.txt", "\n".join(out))


@pytest.mark.parametrize("producer", [years_html, years_tabs])
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_last_years_table_is_not_joined_beside(
    name: str, producer: Producer, tmp_path: Path
) -> None:
    """This year's table and last year's with its headers spaced out are two tables, not
    one printed in two parts: joined, every row had twice its columns and the report's
    tables were left blank (b7bbb13: 0-125 of 198-200 cells right). (Table 四's numbers
    are read from the last of the two: a fault older than the join, left out here.)"""
    report = REPORTS[name]
    read = parse(producer(report, tmp_path)).report
    for path in cells_of(report):
        if path[0] != "reviews":
            assert read.get(path) == report.get(path), path


_CONTACTS = {
    "bare-rule": "联系电话 | 传真\n------|------\n0591-1234 | 0591-5678\n\n",
    "outer-pipes": "| 联系电话 | 传真 |\n|------|------|\n| 0591-1234 | 0591-5678 |\n\n",
}


@pytest.mark.parametrize("contacts", sorted(_CONTACTS))
@pytest.mark.parametrize("name", sorted(REPORTS))
def test_pasted_tables_with_a_small_pipe_table_are_text(
    name: str, contacts: str, tmp_path: Path
) -> None:
    """Word's tables pasted as tab-separated text, with a contact line set as a small
    pipe table above them, are read as text: sniffed as Markdown, the tab rows were
    lines and the report was lost (b7bbb13: none of the report's tables found, or 21-125
    of 198-200 cells right; 61f6787 read the one without outer pipes whole)."""
    report = REPORTS[name]
    path = tab_text(report, tmp_path)
    path.write_text(_CONTACTS[contacts] + path.read_text("utf-8"), "utf-8")
    s = judge(report, parse(path))
    assert (s.right, s.blank, s.wrong) == (len(cells_of(report)), 0, 0)


@pytest.mark.parametrize(
    ("items", "shown"),
    [
        # an item locked to a row is placed before the items the cursor places
        (
            '<div>A</div><div style="grid-row:1">B</div><div>C</div><div>D</div>',
            [("B", "A", "C"), ("D", "", "")],
        ),
        (
            '<div>A</div><div>B</div><div style="grid-row:2;grid-column:1">C</div>'
            "<div>D</div><div>E</div>",
            [("A", "B", "D"), ("C", "E", "")],
        ),
        (
            '<div style="grid-row:1">A</div><div>B</div><div style="grid-row:1">C</div>',
            [("A", "C", "B")],
        ),
    ],
)
def test_grid_items_are_placed_as_the_grid_places_them(
    items: str, shown: list[tuple[str, ...]]
) -> None:
    """Items of a given row and column first, then those locked to a row, then the
    others by the cursor (CSS grid's placement): in document order, an item locked to
    row 1 after an auto item took its neighbour's column (b7bbb13: A B C, shown B A C)."""
    page = f'<div style="display:grid;grid-template-columns:1fr 1fr 1fr">{items}</div>'
    assert _cells(page) == shown
