"""Content a person does not see, or sees struck out, is not read as numbers (issue 17).

Anti-copy junk digits hidden in spans (inline style, the ``hidden`` attribute, a class
the page's style sheet hides), hidden rows, cells and tables, old values struck out
beside new ones (``<del>``, ``<s>``, ``<strike>``, ``line-through``); in Word, hidden runs
and paragraphs (``w:vanish``, also by style), moved-away copies, struck runs, text boxes
written twice, field codes and content controls (tests/hidden_producers.py). Every cell
is right, or blank with a warning naming its row; never another number.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LINEAR_SECONDS, SAMPLE_JSON, sample_path
from hidden_producers import (
    DOCX_TRANSFORMS,
    HTML_FORMATS,
    STRUCK,
    TRANSFORMS,
    produce,
    produce_docx,
)
from hostile_producers import judge
from producers import cells_of
from strategies import reports
from zfxxgk import AnnualReport, parse
from zfxxgk.published import unseen
from zfxxgk.published.export import to_html
from zfxxgk.published.pagestyles import page_styles
from zfxxgk.published.struck import seen, struck
from zfxxgk.published.webpage import _document, html_rows

#: The transformations after which a person sees no value in some cells (only a struck
#: number): those are blank with a warning; after the others every cell is read.
NO_VALUE = ("struck-only", "strike-only")


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


@pytest.fixture(scope="module")
def samples() -> list[AnnualReport]:
    return [_sample(n) for n in SAMPLE_JSON]


def _check(report: AnnualReport, path: Path, transform: str) -> None:
    result = parse(path)
    s = judge(report, result)
    assert s.wrong_cells == (), (transform, s.wrong_cells[:3])
    if transform not in NO_VALUE:
        assert s.right == len(cells_of(report)), transform


@pytest.mark.parametrize("fmt", HTML_FORMATS)
@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
def test_every_sample_by_every_page_transformation(
    transform: str, fmt: str, samples: list[AnnualReport], tmp_path: Path
) -> None:
    """Each sample's page with hidden or struck content: every cell read as shown."""
    for i, report in enumerate(samples):
        folder = tmp_path / str(i)
        folder.mkdir()
        _check(report, produce(report, transform, fmt, folder), transform)


@pytest.mark.parametrize("transform", STRUCK)
def test_every_sample_struck_out_in_markdown(
    transform: str, samples: list[AnnualReport], tmp_path: Path
) -> None:
    """Struck-out text written ~~12~~ by a converter to Markdown: read as in a page."""
    for i, report in enumerate(samples):
        folder = tmp_path / str(i)
        folder.mkdir()
        _check(report, produce(report, transform, "md", folder), transform)


@pytest.mark.parametrize("transform", sorted(DOCX_TRANSFORMS))
def test_every_sample_by_every_word_transformation(
    transform: str, samples: list[AnnualReport], tmp_path: Path
) -> None:
    """Each sample's .docx with hidden, moved, struck or doubled content: read as shown."""
    for i, report in enumerate(samples):
        folder = tmp_path / str(i)
        folder.mkdir()
        _check(report, produce_docx(report, transform, folder), transform)


_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_SETTINGS
@given(
    report=reports(optional=False),
    transform=st.sampled_from(sorted(TRANSFORMS)),
    fmt=st.sampled_from(HTML_FORMATS),
)
def test_random_reports_by_page_transformations(
    report: AnnualReport, transform: str, fmt: str
) -> None:
    """Random reports (blanks, 0, signed and big numbers): never a wrong cell."""
    with tempfile.TemporaryDirectory() as tmp:
        assert judge(report, parse(produce(report, transform, fmt, Path(tmp)))).wrong_cells == ()


@settings(_SETTINGS, max_examples=10)
@given(report=reports(optional=False), transform=st.sampled_from(sorted(DOCX_TRANSFORMS)))
def test_random_reports_by_word_transformations(report: AnnualReport, transform: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        assert judge(report, parse(produce_docx(report, transform, Path(tmp)))).wrong_cells == ()


# --------------------------------------------------------------------------- units


def _cells(page: str) -> list[tuple[str, ...]]:
    return [r.cells for r in html_rows(page)[0] if r.positional]


def test_struck_old_value_beside_the_new_one_is_not_read() -> None:
    row = "<tr><td>规章</td><td><del>12</del>13</td><td>7 <s>9</s></td><td><s>4</s></td></tr>"
    assert _cells(f"<table>{row}</table>") == [("规章", "13", "7", struck("4"))]


def test_a_cell_of_nothing_but_a_struck_number_is_blank_with_a_warning() -> None:
    report = _sample("2019-pingtan")
    page = produce_page(report, "struck-only")
    result = parse("page.html", data=page.encode())
    path = ("proactive", "normative_documents", "new_made")
    assert result.report.get(path) is None
    blanks = [w for w in result.warnings if w.code == "cell-left-blank"]
    mine = [w for w in blanks if w.params["field"] == ".".join(path)]
    assert [w.params["reason"].key for w in mine] == ["cell-struck-out"]
    assert mine[0].params["rows"] == ["proactive.normative_documents"]


def produce_page(report: AnnualReport, transform: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        return produce(report, transform, "html", Path(tmp)).read_text("utf-8")


def test_what_is_hidden_is_not_read_and_aria_hidden_is() -> None:
    page = (
        "<style>.a{display:none} span.b{visibility:hidden} @media print{.c{display:none}}"
        " p.d{display:none} .e{display:none} .e{display:inline}</style>"
        "<table><tr><td>x</td>"
        '<td>1<span style="display: none !important">9</span>2</td>'
        '<td><span hidden>9</span>3<font style="FONT-SIZE:0px">9</font></td>'
        '<td><i class="z a">9</i>4<span class="b">9</span></td>'
        '<td><span class="c">5</span><span class="d">6</span><span class="e">7</span></td>'
        '<td><span aria-hidden="true">8</span></td>'
        "</tr></table>"
    )
    assert _cells(page) == [("x", "12", "3", "4", "567", "8")]


def test_an_id_the_style_sheet_hides_is_not_read() -> None:
    page = (
        "<style>#j1, td#j2 {display:none} p#j3{display:none}</style><table><tr><td>x</td>"
        '<td>1<span id="j1">9</span></td><td id="j2">7</td><td>2<span id="j3">3</span></td>'
        "</tr></table>"
    )
    assert _cells(page) == [("x", "1", "23")]


def test_a_class_hidden_under_another_is_hidden_there_only() -> None:
    """``.box .k{display:none}`` hides a ``.k`` inside a ``.box``, not one elsewhere;
    ``tr > td > i.m`` a child of a cell only."""
    page = (
        "<style>.box .k{display:none} tr>td> i.m {display:none} .k.z{display:none}</style>"
        '<table class="box"><tr><td>x</td><td>1<span class="k">9</span></td>'
        '<td>2<i class="m">9</i></td><td>3<b><i class="m">4</i></b></td></tr></table>'
        '<table><tr><td>y</td><td>5<span class="k">6</span></td>'
        '<td>7<span class="k z">9</span></td></tr></table>'
    )
    assert _cells(page) == [("x", "1", "2", "34"), ("y", "56", "7")]


def test_a_style_sheet_of_many_rules_is_read_in_bounded_time() -> None:
    """Thousands of rules that hide one class under other classes, and thousands of
    elements of that class: each element is judged by a bounded number of rules."""
    rules = " ".join(f".w{i} .a{{display:none}} .w{i} > .a{{display:inline}}" for i in range(3000))
    body = "".join(f'<p class="a">{i}</p>' for i in range(5000))
    start = time.process_time()
    rows, _text = html_rows(f'<style>{rules}</style><div class="w1">{body}</div>')
    assert time.process_time() - start < LINEAR_SECONDS
    assert [r.cells for r in rows] == [(str(i),) for i in range(5000)]


def test_a_hidden_cell_is_not_in_the_row() -> None:
    page = '<table><tr><td>x</td><td style="display:none">9</td><td>1</td></tr></table>'
    assert _cells(page) == [("x", "1")]


def test_hidden_and_struck_text_is_not_in_the_pages_text() -> None:
    rows, text = html_rows('<p>共<span style="display:none">8</span>受理<del>9</del>5件</p>')
    assert text == "共受理5件"
    assert [r.cells for r in rows] == [("共受理5件",)]


def test_a_page_that_names_no_way_to_hide_is_walked_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The cheap test keeps plain pages on the path they took before."""

    def boom(*args: object) -> bool:
        raise AssertionError("walked again")

    monkeypatch.setattr("zfxxgk.published.webpage.drop_unseen", boom)
    page = to_html(_sample("2024-hongze-district"))  # (its style sheet hides nothing)
    sheets: list[str] = []
    root = _document(page, None, sheets)
    assert sheets  # (the gate searches the page's style sheet)
    assert not unseen.may_hide(root, page_styles(root, sheets))
    assert html_rows(page)[0]


def test_seen() -> None:
    assert seen(f"{struck('12')}13") == "13"
    assert seen(f"13 {struck('12')}") == "13"
    assert seen(struck("12")) == struck("12")
    assert seen("12") == "12"
