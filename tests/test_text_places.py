"""Where a published report's value stands is data (issue 20, item 1): a ``CellSource``
read from a document carries its page, table, line and cell as fields beside the text
``第3页 表三 第12行第4格``, and the row notes (``short-row``, ``ambiguous-row``) carry the
page, table and line as parameters beside their place text."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import sample_path
from zfxxgk import parse
from zfxxgk.core.model import CellSource
from zfxxgk.published.parse import ParseResult

#: the samples: tab-separated text, one cell a line, and a PDF
SAMPLES = [
    ("2019-pingtan", ".txt"),
    ("2024-hongze-district", ".txt"),
    ("2020-gaoan-science-bureau", ".txt"),
    ("2024-hongze-district", ".pdf"),
]
#: the texts whose lines are the rows and whose tabs part the cells
TABBED = [("2019-pingtan", ".txt"), ("2024-hongze-district", ".txt")]

_PARSED: dict[tuple[str, str], ParseResult] = {}


def _parsed(name: str, suffix: str) -> ParseResult:
    if (name, suffix) not in _PARSED:
        _PARSED[name, suffix] = parse(sample_path(name, suffix))
    return _PARSED[name, suffix]


def _sources(result: ParseResult) -> list[tuple[tuple[str, ...], CellSource]]:
    assert result.report.provenance is not None
    cells = result.report.provenance.cells.items()
    return [(tuple(k), v) for k, v in cells if isinstance(v, CellSource) and not isinstance(k, str)]


def _said(page: int | None, line: int, column: int | None = None) -> tuple[str, str]:
    """How the text of a place begins and ends, from its data."""
    end = f"第{line}行" + (f"第{column}格" if column is not None else "")
    return (f"第{page}页 表" if page is not None else f"第{line}行"), end


@pytest.mark.parametrize(("name", "suffix"), SAMPLES)
def test_a_values_place_is_data_that_agrees_with_its_text(name: str, suffix: str) -> None:
    sources = _sources(_parsed(name, suffix))
    assert len(sources) > 40
    for path, src in sources:
        assert src.line is not None and src.column is not None, src
        assert src.table == path[0], src
        assert (src.page is not None) == (suffix == ".pdf"), src
        begins, ends = _said(src.page, src.line, src.column)
        assert src.cell.startswith(begins) and src.cell.endswith(ends), src


@pytest.mark.parametrize(("name", "suffix"), TABBED)
def test_the_place_finds_the_value_in_the_document(name: str, suffix: str) -> None:
    """In a tab-separated text, the line and cell of a value hold the text it was read from."""
    lines = Path(sample_path(name, suffix)).read_text(encoding="utf-8-sig").split("\n")
    read = 0
    for _, src in _sources(_parsed(name, suffix)):
        if src.raw is None:
            continue
        assert src.line is not None and src.column is not None
        cells = lines[src.line - 1].split("\t")
        assert cells[src.column - 1].strip() == str(src.raw).strip(), src
        read += 1
    assert read > 100


def test_a_row_notes_place_is_data_that_agrees_with_its_text() -> None:
    """高安's short rows (a row of 5 values for 7 columns) name their line as a parameter."""
    short = [
        w for w in _parsed("2020-gaoan-science-bureau", ".txt").warnings if w.code == "short-row"
    ]
    assert short
    for note in short:
        params = note.params
        assert params["page"] is None and params["table"] in ("applications", "reviews")
        begins, ends = _said(params["page"], params["line"])
        assert note.cell is not None and note.cell == begins == ends, note
