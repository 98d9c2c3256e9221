"""The text view of a report and the batch progress bar."""

from __future__ import annotations

import io

from conftest import sample_path
from zfxxgk import AnnualReport, empty_report
from zfxxgk.app.batch import Progress
from zfxxgk.app.display import ABSENT, render


class TestTextView:
    def test_an_empty_report_says_what_is_missing(self) -> None:
        text = render(empty_report("2021"))
        first = text.splitlines()[0]
        assert "（报告单位未填）" in first and "（年度未填）" in first
        body = text.split("\n", 2)[2]
        assert ABSENT in body and [t for t in body.split() if t.isdigit()] == []
        assert "（小计）" not in text  # no stated subtotal, no subtotal row

    def test_a_stated_subtotal_row_is_shown_and_marked(self) -> None:
        """An optional subtotal row appears once a value of it is stated."""
        report = AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
        assert report.applications.withheld_total.is_empty()
        before = [x for x in render(report).splitlines() if "（小计）" in x]
        report.applications.withheld_total.natural_person = 3
        after = [x for x in render(report).splitlines() if "（小计）" in x]
        (new,) = set(after) - set(before)
        assert "不予公开（小计）" in new
        assert new.split()[1:] == ["3", *[ABSENT] * 6]

    def test_every_stated_value_is_shown(self) -> None:
        report = AnnualReport.from_json(sample_path("2019-pingtan").read_bytes())
        text = render(report)
        assert "平潭综合实验区  2019年度" in text and "75394432.52" in text
        for table in report.layout.tables:
            assert table.title in text


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestProgress:
    def test_a_bar_on_a_terminal(self) -> None:
        out = _Terminal()
        bar = Progress(3, out)
        for _ in range(3):
            bar.step()
        shown = out.getvalue()
        assert shown.startswith("\r[") and "1/3" in shown
        assert f"[{'#' * 30}] 3/3" in shown  # the last step is always drawn
        bar.close()
        assert out.getvalue().endswith("\r" + " " * 70 + "\r")

    def test_silent_off_a_terminal_or_for_one_file(self) -> None:
        for stream, total in ((io.StringIO(), 3), (_Terminal(), 1)):
            bar = Progress(total, stream)
            for _ in range(total):
                bar.step()
            bar.close()
            assert stream.getvalue() == ""
