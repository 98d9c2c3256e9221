"""LibreOffice writer's prints of text laid out without rules: never a wrong cell, never
a blank nobody warned of (scored with the warnings, as tests/producers.py does).

- Tab-separated text (a Word table pasted as text, the ``tab-text`` producer) printed:
  the fields stand at the word processor's tab stops, a field longer than a step pushes
  the next ones on to later stops, so a number stands under another header than its own
  and the glued header labels are no column's extent. Such text is found by its runs
  all starting on one regular grid of stops and read by the order of its fields only
  (rows with blank cells are left blank with a warning). On the code before these tests
  a set of seven reports gave 14–16 wrong cells.
- The borderless HTML of a report with blank cells: a row's label that wraps (3.要求提供
  公开出 / 版物) beside its values, which share their line with the label of the rows'
  group (（五）, centred on its rows); the values went with the group's label and the row
  was blank without a warning (6 cells of 2019-pingtan).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE_JSON
from pdf_producers import BORDERLESS, html, with_blanks
from producers import samples_and_random, score, tab_text
from test_pdf import to_pdf, visible
from test_pdf_columns import line
from zfxxgk import AnnualReport, parse
from zfxxgk.published.pdf import source_from_pages

pytest.importorskip("pypdfium2")


def truths() -> dict[str, AnnualReport]:
    return samples_and_random(3)


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, AnnualReport, Path]]:
    """(producer/name, truth, PDF) of both producers, printed in one soffice run."""
    folder = tmp_path_factory.mktemp("libreoffice-text")
    files: list[Path] = []
    out: list[tuple[str, AnnualReport, Path]] = []
    for name, report in truths().items():
        sub = folder / name
        sub.mkdir()
        files.append(tab_text(report, sub).rename(folder / f"tab-{name}.txt"))
        out.append((f"tab-text/{name}", report, folder / f"tab-{name}.pdf"))
        if name in SAMPLE_JSON:
            blanks = with_blanks(report, name)
            page = folder / f"borderless-{name}.html"
            page.write_text(html(blanks, BORDERLESS, rules=False), "utf-8")
            files.append(page)
            out.append((f"borderless/{name}", blanks, page.with_suffix(".pdf")))
    to_pdf(files, folder)
    return out


def test_every_cell_right_or_blank_with_a_warning(
    printed: list[tuple[str, AnnualReport, Path]],
) -> None:
    wrong = {}
    counts: dict[str, list[int]] = {}
    for label, truth, pdf in printed:
        s = score(visible(truth), parse(pdf))
        if s.wrong:
            wrong[label] = s.wrong_cells[:3]
        c = counts.setdefault(label.split("/")[0], [0, 0])
        c[0] += s.right
        c[1] += s.blank
    assert not wrong, wrong
    # the rows with all their cells (in order) are read; the borderless pages nearly whole
    assert counts["tab-text"][0] >= 0.45 * sum(counts["tab-text"]), counts
    assert counts["borderless"][0] >= 0.85 * sum(counts["borderless"]), counts


def test_a_wrapped_label_beside_its_group_label_keeps_its_values(
    printed: list[tuple[str, AnnualReport, Path]],
) -> None:
    _, truth, pdf = next(p for p in printed if p[0] == "borderless/2019-pingtan")
    got = parse(pdf).report.applications.unprocessed_publication
    want = truth.applications.unprocessed_publication
    assert got == want


@pytest.mark.parametrize(
    ("beside", "joined"), [("（五）", True), ("（五）不予处理", True), ("（六）其他处理", False)]
)
def test_values_join_a_wrapped_label_only_beside_a_groups_label(beside: str, joined: bool) -> None:
    """Values beside a group's label (or a piece of one) are the wrapped row's above;
    beside a row's own whole label (（六）其他处理 is a row of 2019's), they are that row's."""
    values = [(200 + 40 * k, str(k + 1)) for k in range(7)]
    items = [
        line(100, (20, "（四）"), (60, "3.补正后申请内容仍不明确"), *values),
        line(120, (60, "5.要求行政机关确认或")),
        line(128, (20, beside), *values),
        line(136, (60, "重新出具已获取信息")),
        line(150, (20, "（七）总计"), *values),
    ]
    rows = source_from_pages([{"items": items, "chars": 500, "images": 0}], "x.pdf").rows
    row = next(r for r in rows if "5.要求行政机关确认或重新出具已获取信息" in r.cells)
    assert (row.cells[-7:] == tuple(v for _, v in values)) is joined
    assert any(r.cells[-1] == "7" for r in rows if beside in r.cells) is not joined
