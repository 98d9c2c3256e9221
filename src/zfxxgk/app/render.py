"""``zfxxgk.render``: any report input written as Word, HTML or Markdown."""

from __future__ import annotations

import os

from zfxxgk.app.load import load_any
from zfxxgk.core.model import AnnualReport
from zfxxgk.published.render import Rendered, render_report


def render(
    report: AnnualReport | str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    full: bool = False,
    text: str | None = None,
    previous: AnnualReport | str | os.PathLike[str] | None = None,
) -> Rendered:
    """Write a report's tables (or with ``full`` the whole annual report) to ``path``.

    Args:
        report: a report, or the path of a workbook, canonical JSON or published document.
        path: the output, .docx, .html or .md by its suffix; written atomically.
        full: the six-section 年度报告 (.docx), narrative from ``text``.
        text: the narrative as Markdown, a section under each heading 一、… 六、.
        previous: last year's report (or its path), to check the narrative's
            year-over-year changes against its tables.

    Returns:
        The path written and the narrative figures that differ from the tables.
    """
    if not isinstance(report, AnnualReport):
        report = load_any(os.fspath(report))
    if previous is not None and not isinstance(previous, AnnualReport):
        previous = load_any(os.fspath(previous))
    return render_report(report, path, full=full, text=text, previous=previous)
