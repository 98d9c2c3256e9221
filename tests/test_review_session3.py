"""Adversarial review of the page-structure and speed pass (b881887..2ede925).

A report table that holds a small table in one of its cells (old sites and Word
documents lay a two-line label out as a one-column table inside the cell) is still the
report's table: a person reads the cell as its lines. It is no page layout: reading
its cells as the page's flow lost the whole table (b881887 read it; 2ede925 left 161 of
198 cells blank).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import SAMPLE_JSON, sample_path
from docx_structures import W
from producers import PRODUCERS, cells_of, docx, score
from zfxxgk import AnnualReport, parse


def _sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def _lines_table_html(text: str) -> str:
    """A one-column table of a label's lines (two characters a line)."""
    lines = [text[i : i + 2] for i in range(0, len(text), 2)] or [text]
    rows = "".join(f"<tr><td>{line}</td></tr>" for line in lines)
    return f"<table border=0>{rows}</table>"


def _nest_html(page: str, labels: tuple[str, ...]) -> str:
    """Each cell whose whole text is one of ``labels`` holds its text as a small table."""
    out = page
    for label in labels:
        pattern = re.compile(
            r"(<t[dh][^>]*>)(?:\s*<(?:p|span)[^>]*>)*\s*"
            + re.escape(label)
            + r"\s*(?:<o:p></o:p>)?(?:</(?:p|span)>\s*)*(</t[dh]>)"
        )
        out, n = pattern.subn(lambda m, t=label: m[1] + _lines_table_html(t) + m[2], out)
        assert n, label
    return out


_LABELS = ("总计", "自然人")


@pytest.mark.parametrize("producer", ("html", "html-word"))
@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_a_label_laid_out_as_a_small_table_in_its_cell_keeps_the_report_table(
    name: str, producer: str, tmp_path: Path
) -> None:
    report = _sample(name)
    page = PRODUCERS[producer](report, tmp_path)
    raw = page.read_bytes()
    charset = "gbk" if b"charset=gbk" in raw.lower() else "utf-8"
    nested = tmp_path / f"nested-{page.name}"
    nested.write_bytes(_nest_html(raw.decode(charset), _LABELS).encode(charset))
    got = score(report, parse(nested))
    assert got.wrong_cells == ()
    assert got.right == len(cells_of(report))


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _nest_docx(body: etree._Element, labels: tuple[str, ...]) -> int:
    """Each cell whose text is one of ``labels``: its paragraph replaced by a one-column
    table of the label's lines, as Word writes a table inserted into a cell."""
    n = 0
    for tc in list(body.iter(_q("tc"))):
        text = "".join(tc.itertext()).strip()
        if text not in labels:
            continue
        for p in [c for c in tc if c.tag == _q("p")]:
            tc.remove(p)
        tbl = etree.SubElement(tc, _q("tbl"))
        for i in range(0, len(text), 2):
            cell = etree.SubElement(etree.SubElement(tbl, _q("tr")), _q("tc"))
            run = etree.SubElement(etree.SubElement(cell, _q("p")), _q("r"))
            etree.SubElement(run, _q("t")).text = text[i : i + 2]
        etree.SubElement(tc, _q("p"))  # Word ends a cell with a paragraph
        n += 1
    return n


@pytest.mark.parametrize("name", SAMPLE_JSON)
def test_a_word_label_laid_out_as_a_small_table_in_its_cell_keeps_the_report_table(
    name: str, tmp_path: Path
) -> None:
    report = _sample(name)
    source = docx(report, tmp_path)
    out = tmp_path / "nested.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                assert _nest_docx(root.find(_q("body")), _LABELS)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zout.writestr(item, data)
    got = score(report, parse(out))
    assert got.wrong_cells == ()
    assert got.right == len(cells_of(report))
