"""Published reports in PDF: cells from the page geometry, never misaligned.

The real sample (made in WPS) parses exactly to its JSON; PDFs of another producer are
made here by LibreOffice from Word renditions of the other samples and parse back
exactly; scanned, encrypted, damaged and random files give our one-line error.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from badfiles import FUZZ_CASES, mutate_bytes, returns_or_refuses
from conftest import soffice
from zfxxgk import AnnualReport, parse
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Kind
from zfxxgk.errors import ZfxxgkError
from zfxxgk.published.export import table_rows, title, to_html

pytest.importorskip("pypdfium2")

SAMPLES = Path(__file__).parent / "data" / "samples"
HONGZE = SAMPLES / "2024-hongze-district.pdf"
NAMES = ("2019-pingtan", "2023-shuyang-drc", "2024-hongze-district")
#: paragraphs of body text before the tables: each moves the page breaks elsewhere
FILLERS = (0, 6, 12)


def tables_of(report: AnnualReport) -> dict[str, object]:
    data = report.to_dict()
    data.pop("meta", None)
    return data


def expected(name: str) -> AnnualReport:
    return AnnualReport.from_json((SAMPLES / f"{name}.json").read_bytes())


def visible(report: AnnualReport) -> AnnualReport:
    """What a published table can show: values with a cell (no hidden subtotals)."""
    out = report.copy()
    cells = all_fields(report.layout)
    for f, _ in report.items():
        if f.path not in cells and f.kind is not Kind.UNIT:
            out.set(f.path, None)
    return out


def write_docx(report: AnnualReport, path: Path, filler: int, ruled: bool = True) -> Path:
    """A Word document with merged cells and ``filler`` paragraphs of body text; its
    tables ruled, or (``ruled=False``) drawn without rules: text aligned in columns."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(title(report))
    doc.add_paragraph("一、总体情况")
    for _ in range(filler):
        doc.add_paragraph("本年度工作情况从略。" * 8)
    for table in report.layout.tables:
        doc.add_paragraph(table.title)
        rows = table_rows(report, table)
        t = doc.add_table(rows=len(rows), cols=table.width)
        if ruled:
            t.style = "Table Grid"
        for r, row in enumerate(rows):
            for cell in row:
                target = t.cell(r, cell.col)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(t.cell(r + cell.rowspan - 1, cell.col + cell.colspan - 1))
                target.text = cell.text
    doc.save(str(path))
    return path


def to_pdf(files: list[Path], outdir: Path, export: str = "pdf") -> None:
    """PDFs of documents by LibreOffice writer, in one run."""
    cmd = [
        soffice(),
        "--headless",
        f"-env:UserInstallation=file://{outdir / 'lo-profile'}",
        "--convert-to",
        export,
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180 + 20 * len(files))


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each sample as a Word document with 0, 6 and 12 paragraphs before its tables, and
    as an HTML page, printed to PDF by LibreOffice."""
    folder = tmp_path_factory.mktemp("lo-pdf")
    files = []
    for name in NAMES:
        for filler in FILLERS:
            files.append(write_docx(expected(name), folder / f"{name}-{filler}.docx", filler))
        files.append(write_docx(expected(name), folder / f"{name}-unruled.docx", 0, False))
        page = folder / f"{name}-html.html"
        page.write_text(to_html(expected(name)), encoding="utf-8")
        files.append(page)
    to_pdf(files, folder)
    return folder


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
        assert any(w.code == "narrative-differs" and w.params["stated"] == 17 for w in warnings)

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


def test_without_pdfium_the_message_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from zfxxgk.published import pdf

    monkeypatch.setattr(pdf, "have_pdfium", lambda: False)
    with pytest.raises(ZfxxgkError) as info:
        parse(HONGZE)
    assert "pip install 'zfxxgk[pdf]'" in str(info.value)


class TestOtherProducer:
    @pytest.mark.parametrize("filler", FILLERS)
    @pytest.mark.parametrize("name", NAMES)
    def test_libreoffice_pdf_parses_back_exactly(
        self, name: str, filler: int, libreoffice_pdfs: Path
    ) -> None:
        """A LibreOffice PDF (tables over page breaks, labels and header cells cut by
        them, blank cells, a 2019-edition report) parses back to every visible cell."""
        result = parse(libreoffice_pdfs / f"{name}-{filler}.pdf")
        want = visible(expected(name))
        assert tables_of(result.report) == tables_of(want)
        assert (result.report.agency, result.report.year) == (want.agency, want.year)
        assert result.check.ok

    @pytest.mark.parametrize("name", NAMES)
    def test_tables_without_rules(self, name: str, libreoffice_pdfs: Path) -> None:
        """Tables drawn without rules, their labels wrapped over several lines (1.属 / 于国
        / 家秘 / 密): read from the runs' positions against the header's columns, exactly."""
        result = parse(libreoffice_pdfs / f"{name}-unruled.pdf")
        want = visible(expected(name))
        assert tables_of(result.report) == tables_of(want)
        assert result.check.ok

    @pytest.mark.parametrize("name", NAMES)
    def test_html_printed_by_libreoffice(self, name: str, libreoffice_pdfs: Path) -> None:
        """The HTML rendition printed to PDF: every table cell."""
        result = parse(libreoffice_pdfs / f"{name}-html.pdf")
        assert tables_of(result.report) | {"agency": None, "year": None} == tables_of(
            visible(expected(name))
        ) | {"agency": None, "year": None}


class TestBrokenPdfs:
    def run(self, path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "zfxxgk", "parse", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    def one_line(self, path: Path, *needles: str) -> str:
        r = self.run(path)
        assert r.returncode == 2, r.stderr
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
        assert str(path) in lines[0] and " | " in lines[0]
        for needle in needles:
            assert needle in lines[0]
        return lines[0]

    def test_scanned_pages(self, tmp_path: Path) -> None:
        """Every page an image, or the title page text and the table pages images: the
        scanned-PDF error, never a report of blanks."""
        import pypdfium2 as pdfium

        src = pdfium.PdfDocument(str(HONGZE))
        images = [src[i].render(scale=0.5).to_pil().convert("RGB") for i in range(len(src))]
        buf = io.BytesIO()
        images[0].save(buf, format="PDF", save_all=True, append_images=images[1:])
        every = tmp_path / "scanned.pdf"
        every.write_bytes(buf.getvalue())
        mixed = pdfium.PdfDocument.new()
        mixed.import_pages(src, [0])
        mixed.import_pages(pdfium.PdfDocument(buf.getvalue()), list(range(1, len(src))))
        out = io.BytesIO()
        mixed.save(out)
        tables_scanned = tmp_path / "tables-scanned.pdf"
        tables_scanned.write_bytes(out.getvalue())
        for path in (every, tables_scanned):
            with pytest.raises(ZfxxgkError) as caught:
                parse(path)
            assert caught.value.code in ("scanned-pdf-coarse", "scanned-pdf-needs-ocr")
            self.one_line(path, caught.value.en)

    def test_encrypted(self, tmp_path: Path) -> None:
        """A PDF with an open password (LibreOffice's export): the encrypted error."""
        doc = write_docx(expected("2019-pingtan"), tmp_path / "secret.docx", 0)
        to_pdf(
            [doc],
            tmp_path,
            'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"secret"}}',
        )
        with pytest.raises(ZfxxgkError) as caught:
            parse(tmp_path / "secret.pdf")
        assert caught.value.code == "pdf-encrypted"
        self.one_line(tmp_path / "secret.pdf", caught.value.en)

    def test_random_truncated_and_empty(self, tmp_path: Path) -> None:
        """Random bytes named .pdf, a PDF cut in half, an empty file: one line each."""
        rnd = tmp_path / "random.pdf"
        rnd.write_bytes(random.Random(7).randbytes(5000))
        cut = tmp_path / "cut.pdf"
        data = HONGZE.read_bytes()
        cut.write_bytes(data[: len(data) // 2])
        empty = tmp_path / "empty.pdf"
        empty.write_bytes(b"")
        for path in (rnd, cut):
            with pytest.raises(ZfxxgkError) as caught:
                parse(path)
            assert caught.value.code == "pdf-damaged"
            self.one_line(path, caught.value.en)
        self.one_line(empty)

    def test_fuzzed_pdfs_return_or_raise_ours(self, tmp_path: Path) -> None:
        """Byte mutations of the real sample: a report or our error, each within the
        bound of returns_or_refuses (seeded; ZFXXGK_FUZZ_CASES scales it)."""
        rng = random.Random(20261127)
        data = HONGZE.read_bytes()
        parse(HONGZE)  # the helper started (pypdfium2 imported) before the clock runs
        for i in range(max(8, FUZZ_CASES // 20)):
            path = tmp_path / f"fuzz-{i}.pdf"
            path.write_bytes(mutate_bytes(data, rng))
            returns_or_refuses(parse, path, i)


def test_a_hanging_pdf_reader_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that does not answer within the timeout is killed; the file gets our
    error, and the next file a fresh helper."""
    from zfxxgk.published import pdf
    from zfxxgk.xlsx.helper import READY

    hang = (
        f"import sys, time; sys.stdout.buffer.write({READY!r}); sys.stdout.flush(); time.sleep(60)"
    )
    monkeypatch.setattr(pdf, "HELPER_COMMAND", [sys.executable, "-c", hang])
    monkeypatch.setattr(pdf, "TIMEOUT", 0.5)
    monkeypatch.setattr(pdf, "_HELPER_PROCESS", pdf._Helper())
    with pytest.raises(ZfxxgkError) as caught:
        parse(HONGZE)
    assert caught.value.code == "pdf-timeout"
    monkeypatch.undo()
    assert parse(HONGZE).report.applications.new_received.total == 95


def test_reader_warnings_are_silenced(tmp_path: Path) -> None:
    """The PDF reader's own warnings never reach the terminal: only ours."""
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    r = subprocess.run(
        [sys.executable, "-m", "zfxxgk", "parse", str(HONGZE)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert r.returncode == 0
    assert all(line.startswith(f"{HONGZE}: 警告") for line in r.stderr.splitlines()), r.stderr


def test_parse_a_folder_of_published_reports(tmp_path: Path) -> None:
    """``parse DIR --jsonl --jobs 0``: every published report under it (txt, md, html,
    docx, pdf, page images), one JSON line each in order; an unreadable one is an error line, the
    batch goes on, a summary ends it and the exit status is 2."""
    from zfxxgk.published.export import to_markdown

    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    report = expected("2023-shuyang-drc")
    (folder / "a.pdf").write_bytes(HONGZE.read_bytes())
    (folder / "b.md").write_text(to_markdown(report), encoding="utf-8")
    (folder / "c.html").write_text(to_html(report), encoding="utf-8")
    write_docx(report, folder / "d.docx", 0)
    (folder / "e.txt").write_text(to_markdown(report), encoding="utf-8")
    (folder / "sub" / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    (folder / "sub" / "picture.png").write_bytes(b"\x89PNG not a report")
    r = subprocess.run(
        [sys.executable, "-m", "zfxxgk", "parse", str(folder), "--jsonl", "--jobs", "0"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [Path(x["file"]).name for x in lines] == [
        "a.pdf",
        "b.md",
        "c.html",
        "d.docx",
        "e.txt",
        "broken.pdf",
        "picture.png",  # a page image: the OCR extra's to read (an error line without it)
    ]
    assert [x.get("kind") for x in lines] == ["pdf", "md", "html", "docx", "md", None, None]
    assert lines[0]["report"]["applications"]["new_received"]["total"] == 95
    want = tables_of(visible(report))
    for x in lines[1:5]:
        assert tables_of(AnnualReport.from_dict(x["report"])) == want, x["file"]
    assert lines[5]["error"]["code"] == "pdf-damaged"
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "7 files: 5 ok, 0 with errors, 0 not filled in, 2 unreadable" in r.stderr


def test_unruled_values_off_their_columns_leave_the_row_blank() -> None:
    """Text aligned in columns with a value under no header label (its centre left of
    自然人's) and the row's other cells blank: the row is left blank with a warning naming
    its page and row, never guessed."""
    from unittest import mock

    from zfxxgk.published.parse import parse as parse_doc
    from zfxxgk.published.pdf import source_from_pages

    def line(top: float, *runs: tuple[float, str]) -> tuple[object, ...]:
        return ("text", top, [(x, x + 10 * len(t), t) for x, t in runs])

    heads = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    xs = [200.0 + 40 * i for i in range(7)]
    items = [
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
        line(60, *[(x, h) for x, h in zip(xs, heads, strict=True)]),
        line(70, (90, "一、本年新收政府信息公开申请数量"), (186, "26"), (443, "26")),
    ]
    pages = [{"items": items, "chars": 500, "images": 0}]
    source = source_from_pages(pages, "unruled.pdf")
    assert any(r.positional and "26" in r.cells for r in source.rows)
    with mock.patch("zfxxgk.published.parse.load_source", return_value=source):
        result = parse_doc("unruled.pdf", data=b"%PDF-")
    assert result.report.applications.new_received.natural_person is None
    assert result.report.proactive.rules.issued == 1
    assert any(
        w.code == "short-row" and (w.cell or "").startswith("第1页 表三 第")
        for w in result.warnings
    )
