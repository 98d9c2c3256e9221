"""Published reports in PDF: cells from the page geometry, never misaligned.

The real sample (made in WPS) parses exactly to its JSON; PDFs of another producer are
made here by LibreOffice from Word renditions of the other samples and parse back
exactly; scanned, encrypted, damaged and random files give our one-line error.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zfxxgk import AnnualReport, parse
from zfxxgk.errors import ZfxxgkError

pytest.importorskip("pdfplumber")

SAMPLES = Path(__file__).parent / "data" / "samples"
HONGZE = SAMPLES / "2024-hongze-district.pdf"


def tables_of(report: AnnualReport) -> dict[str, object]:
    data = report.to_dict()
    data.pop("meta", None)
    return data


def expected(name: str) -> AnnualReport:
    return AnnualReport.from_json((SAMPLES / f"{name}.json").read_bytes())


class TestRealSample:
    def test_parses_exactly_to_its_json(self) -> None:
        """洪泽 (WPS): every cell, the edition, year and agency; the check passes."""
        result = parse(HONGZE)
        assert tables_of(result.report) == tables_of(expected("2024-hongze-district"))
        assert result.kind == "pdf" and result.check.ok

    def test_provenance_names_page_table_and_row(self) -> None:
        """A value's source is its page, table and row (the continuation of 三 on 4)."""
        cells = parse(HONGZE).report.provenance.cells  # type: ignore[union-attr]
        assert cells[("applications", "new_received", "total")].cell.startswith("第3页 表三 第")
        assert cells[("applications", "results_total", "total")].cell.startswith("第4页 表三 第")
        assert cells[("reviews", "reconsideration", "total")].cell.startswith("第4页 表四 第")
        assert cells[("proactive", "fees", "amount")].cell.startswith("第3页 表二 第")

    def test_narrative_cross_check_reads_the_body(self) -> None:
        """The body's "受理政府信息公开申请17件" differs from the tables: a warning."""
        warnings = parse(HONGZE).warnings
        assert any("17" in w and "narrative" in w for w in warnings)

    def test_white_boxes_make_no_tables(self) -> None:
        """WPS's white boxes behind body lines do not become tables: the body text comes
        out as lines, not as cells glued onto table 二."""
        from zfxxgk.published.textsource import load_source

        doc = load_source(HONGZE)
        body = [r for r in doc.rows if "政府信息管理情况" in "".join(r.cells)]
        assert body and all(not r.positional for r in body)
        tables = [r for r in doc.rows if r.positional]
        assert all(len(r.cells) > 1 for r in tables)

    def test_cli_json(self) -> None:
        """``zfxxgk parse X.pdf --json`` prints the canonical report."""
        r = subprocess.run(
            [sys.executable, "-m", "zfxxgk", "parse", str(HONGZE), "--json"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 0, r.stderr
        data = json.loads(r.stdout)
        assert data["agency"] == "淮安市洪泽区人民政府" and data["year"] == 2024
        assert AnnualReport.from_dict(data).applications.new_received.total == 95

    def test_stdin(self) -> None:
        """A PDF on standard input is read too."""
        result = parse("<stdin>", data=HONGZE.read_bytes())
        assert tables_of(result.report) == tables_of(expected("2024-hongze-district"))


def test_without_pdfplumber_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from zfxxgk.published import pdf

    monkeypatch.setattr(pdf, "have_pdfplumber", lambda: False)
    with pytest.raises(ZfxxgkError) as info:
        parse(HONGZE)
    assert "pip install 'zfxxgk[pdf]'" in str(info.value)
