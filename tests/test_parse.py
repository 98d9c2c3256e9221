"""Published reports — text, Markdown, HTML, Word — read into the same objects."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, LINEAR_SECONDS, ROOT, SAMPLE_JSON, SAMPLES, run_cli, sample_path, sha256
from zfxxgk import AnnualReport, parse, read
from zfxxgk.core.grid import all_fields
from zfxxgk.core.layout import Kind
from zfxxgk.errors import ZfxxgkError
from zfxxgk.published.export import table_rows, title, to_html, to_markdown, to_word_text
from zfxxgk.published.textsource import MAX_BYTES


def sample(name: str) -> AnnualReport:
    return AnnualReport.from_json(sample_path(name).read_bytes())


def tables_of(report: AnnualReport) -> dict[str, object]:
    data = report.to_dict()
    data.pop("meta", None)
    return data


def visible(report: AnnualReport) -> AnnualReport:
    """What a published table can show: values with a cell (no hidden subtotals, no meta)."""
    out = report.copy()
    cells = all_fields(report.layout)
    for f, _ in report.items():
        if f.path not in cells and f.kind is not Kind.UNIT:
            out.set(f.path, None)
    out.meta = {}
    return out


def write_docx(report: AnnualReport, path: Path) -> Path:
    """A Word document with merged cells, as an agency would publish it (python-docx)."""
    import docx

    doc = docx.Document()
    doc.add_paragraph(title(report))
    doc.add_paragraph("一、总体情况")
    doc.add_paragraph("本年度工作情况从略。")
    for table in report.layout.tables:
        doc.add_paragraph(table.title)
        rows = table_rows(report, table)
        t = doc.add_table(rows=len(rows), cols=table.width)
        for r, row in enumerate(rows):
            for cell in row:
                target = t.cell(r, cell.col)
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(t.cell(r + cell.rowspan - 1, cell.col + cell.colspan - 1))
                target.text = cell.text
    doc.save(str(path))
    return path


class TestSamples:
    @pytest.mark.parametrize("name", SAMPLE_JSON)
    def test_sample_text_parses_to_its_json(self, name: str) -> None:
        """Each sample with a JSON parses to it: tables, edition, year and agency."""
        result = parse(sample_path(name, ".txt"))
        expected = sample(name)
        assert tables_of(result.report) == tables_of(expected)
        assert result.check.ok

    def test_gaoan_short_rows_are_reported_not_guessed(self) -> None:
        """高安: 2019 edition, 2020, its agency; every value 0 or None; a warning a short row."""
        result = parse(sample_path("2020-gaoan-science-bureau", ".txt"))
        r = result.report
        assert (r.edition, r.year, r.agency) == ("2019", 2020, "高安市科学技术局")
        assert {v for _, v in r.items() if v is not None} <= {0}
        assert r.applications.new_received.natural_person == 0  # 7 of 7: read
        assert r.applications.disclosed.natural_person is None  # 5 of 7: left blank
        short = [w for w in result.warnings if w.code == "short-row" and w.params["count"] == 5]
        assert len(short) == 21  # （一） to 四, every row under 三 and 四 itself
        assert any("(七)总计" in w.params["label"] for w in short)
        assert r.reviews.reconsideration.upheld == 0  # 结果维护 read as 结果维持

    def test_narrative_cross_check(self) -> None:
        """洪泽's narrative counts the office only: a warning worded as a scope difference."""
        result = parse(sample_path("2024-hongze-district", ".txt"))
        (w,) = [w for w in result.warnings if w.code == "narrative-differs"]
        assert w.params["stated"] == 17 and 95 in w.params["table"] and "口径" in str(w)

    def test_section_heading_is_not_a_row(self) -> None:
        """四、政府信息公开行政复议… is a heading, not 四、结转下年度继续办理."""
        result = parse(sample_path("2019-pingtan", ".txt"))
        assert result.report.applications.carried_forward.natural_person == 0


class TestVariants:
    @pytest.mark.parametrize("name", SAMPLE_JSON)
    @pytest.mark.parametrize("form", ["html", "md", "txt", "docx"])
    def test_each_form_parses_back(self, name: str, form: str, tmp_path: Path) -> None:
        """HTML with rowspan/colspan, Markdown, one cell a line, Word: exactly the report."""
        report = sample(name)
        path = tmp_path / f"report.{form}"
        if form == "docx":
            write_docx(report, path)
        else:
            text = {"html": to_html, "md": to_markdown, "txt": to_word_text}[form](report)
            path.write_text(text, encoding="utf-8")
        result = parse(path)
        assert result.kind == form
        expected = visible(report)
        assert tables_of(result.report) == tables_of(expected)
        assert (result.report.agency, result.report.year) == (report.agency, report.year)
        assert not [w for w in result.warnings if w.code == "short-row"]

    @pytest.mark.parametrize("name", SAMPLE_JSON)
    def test_html_saved_by_word(self, name: str, tmp_path: Path) -> None:
        """Word's HTML: conditional comments, <![if !supportLists]>…<![endif]> in every
        cell, <o:p> tags and a script with '<' in it; exactly the report."""
        import re

        report = sample(name)
        page = to_html(report).replace(
            "<body>",
            "<body><!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties>"
            "</xml><![endif]--><script>if (a<b && c>d) {}</script>",
        )
        page = re.sub(
            r"(<t[dh][^>]*>)",
            r"\1<p class=MsoNormal><![if !supportLists]>"
            r"<span style='mso-list:Ignore'></span><![endif]>",
            page,
        )
        page = page.replace("</td>", "<o:p></o:p></p></td>")
        path = tmp_path / "word.htm"
        path.write_text(page, encoding="utf-8")
        result = parse(path)
        assert tables_of(result.report) == tables_of(visible(report))
        assert not [w for w in result.warnings if w.code == "short-row"]

    def test_content_decides_the_kind(self, tmp_path: Path) -> None:
        """An HTML page saved as .txt and GBK-encoded text are both read."""
        report = sample("2019-pingtan")
        p = tmp_path / "page.txt"
        p.write_text(to_html(report), encoding="utf-8")
        assert parse(p).kind == "html"
        g = tmp_path / "gbk.txt"
        g.write_bytes(sample_path("2019-pingtan", ".txt").read_text("utf-8").encode("gb18030"))
        assert tables_of(parse(g).report) == tables_of(report)

    def test_tab_rows_out_of_place_are_not_misread(self, tmp_path: Path) -> None:
        """A tab row whose values moved left is read by count or left blank, never shifted."""
        text = sample_path("2024-hongze-district", ".txt").read_text("utf-8")
        text = text.replace("\t（一）予以公开\t\t50\t", "\t（一）予以公开\t50\t")
        text = text.replace("\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0", "\t\t2.重复申请\t0\t0\t0\t0")
        p = tmp_path / "moved.txt"
        p.write_text(text, encoding="utf-8")
        result = parse(p)
        assert result.report.applications.disclosed.natural_person == 50
        assert result.report.applications.disclosed.total == 50
        assert result.report.applications.unprocessed_repeated.total is None
        assert any("2.重复申请" in str(w) for w in result.warnings if w.code == "short-row")

    def test_page_footers_inside_tables(self) -> None:
        """ "- 3 -" between two rows of a PDF's text does not break the table."""
        r = parse(sample_path("2024-hongze-district", ".txt")).report
        assert r.applications.unavailable_needs_creation.natural_person == 1


class TestSafety:
    def test_too_large_is_refused_by_size(self, tmp_path: Path) -> None:
        """A document past the size bound is refused before it is parsed."""
        p = tmp_path / "big.html"
        with open(p, "wb") as fh:
            fh.truncate(MAX_BYTES + 1)
        with pytest.raises(ZfxxgkError, match="过大"):
            parse(p)

    def test_docx_entities_and_bombs(self, tmp_path: Path) -> None:
        """Word XML with a DTD, or inflating past the bound, is refused with the file named."""
        src = write_docx(sample("2019-pingtan"), tmp_path / "ok.docx")
        parts = {n: zipfile.ZipFile(src).read(n) for n in zipfile.ZipFile(src).namelist()}
        evil = dict(parts)
        evil["word/document.xml"] = (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            b'main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
        )
        bomb = dict(parts)
        bomb["word/document.xml"] = b" " * (40 * 1024 * 1024)
        for name, content in (("evil.docx", evil), ("bomb.docx", bomb)):
            p = tmp_path / name
            with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
                for n, d in content.items():
                    zf.writestr(n, d)
            with pytest.raises(ZfxxgkError) as info:
                parse(p)
            assert str(p) in str(info.value)

    def test_html_fetches_nothing(self, tmp_path: Path) -> None:
        """External references in HTML are text to us: nothing is fetched, nothing expands."""
        page = to_html(sample("2019-pingtan")).replace(
            "<body>",
            '<body><img src="http://127.0.0.1:9/x.png"><script src="http://127.0.0.1'
            ':9/x.js"></script><iframe src="file:///etc/passwd"></iframe>',
        )
        p = tmp_path / "p.html"
        p.write_text(page, encoding="utf-8")
        assert tables_of(parse(p).report) == tables_of(sample("2019-pingtan"))

    @pytest.mark.parametrize(
        "name, body",
        [
            ("open-cells", "<table><tr>" + "<td" * 50000),
            ("open-comments", "<!--" * 50000),
            ("open-cdata", "<![CDATA[" * 50000),
            ("open-quote", '<td a="' + "x<td " * 50000),
            ("open-declarations", "<!x" * 50000),
            ("open-script", "<script>" + "<" * 100000),
        ],
    )
    def test_crafted_html_costs_linear_time(self, name: str, body: str, tmp_path: Path) -> None:
        """Unclosed tags, comments and quotes, which send Python's HTML parser back over
        the rest of the page again and again: a result or our error, in linear time."""
        p = tmp_path / f"{name}.html"
        p.write_text("<html><body>" + body, encoding="utf-8")
        start = time.perf_counter()
        with contextlib.suppress(ZfxxgkError):
            parse(p)
        assert time.perf_counter() - start < LINEAR_SECONDS, name

    @pytest.mark.parametrize(
        "name, body",
        [
            ("one-long-title-line", "某局2024年政府信息公开工作年度报告" * 30000),
            ("one-long-paragraph", "收到政府信息公开申请" * 50000 + "\n一、本年新收"),
        ],
    )
    def test_long_lines_cost_linear_time(self, name: str, body: str, tmp_path: Path) -> None:
        """A text whose lines are half a megabyte long (the title search, the fuzzy label
        match and the label cache must not multiply their length): in linear time."""
        p = tmp_path / f"{name}.txt"
        p.write_text(body, encoding="utf-8")
        start = time.perf_counter()
        with contextlib.suppress(ZfxxgkError):
            parse(p)
        assert time.perf_counter() - start < LINEAR_SECONDS, name

    def test_markup_that_is_not_a_tag_stays_text(self) -> None:
        """A '<' that starts no tag is text; comments and tags are markup; CDATA in HTML
        is a bogus comment closed by its first '>', as a browser shows it."""
        from zfxxgk.published.textsource import html_rows

        rows, text = html_rows(
            '<p>a < b <!-- <td>x</td> --> c<![CDATA[<d>]]></p><table><tr><td title="1>0">'
            "5<br>件</td><td>7</td></tr></table><p>tail <</p>"
        )
        assert [r.cells for r in rows] == [("a < b  c]]>",), ("5\n件", "7"), ("tail <",)]
        assert [r.positional for r in rows] == [False, True, False]
        assert text == "a < b  c]]>5件7tail <"

    @pytest.mark.parametrize(
        "content", [b"", b"\x00\x01\x02" * 100, "无表格的普通文字。\n".encode()]
    )
    def test_unreadable_documents(self, content: bytes, tmp_path: Path) -> None:
        """Empty, binary or table-less documents: a ZfxxgkError naming the file."""
        p = tmp_path / "x.txt"
        p.write_bytes(content)
        with pytest.raises(ZfxxgkError) as info:
            parse(p)
        assert str(p) in str(info.value)


class TestCommandLine:
    def test_parse_json_then_fill_then_check(self, tmp_path: Path) -> None:
        """parse --json | fill - -o fills the official template, and check passes on it."""
        src = sample_path("2024-hongze-district", ".txt")
        parsed = subprocess.run(
            [sys.executable, "-m", "zfxxgk", "parse", str(src), "--json"],
            capture_output=True,
            timeout=120,
        )
        assert parsed.returncode == 0
        assert "口径" in parsed.stderr.decode()
        out = tmp_path / "h.xlsx"
        filled = subprocess.run(
            [sys.executable, "-m", "zfxxgk", "fill", "-", "-o", str(out)],
            input=parsed.stdout,
            capture_output=True,
            timeout=120,
        )
        assert filled.returncode == 0, filled.stderr.decode()
        assert tables_of(read(out)) == tables_of(sample("2024-hongze-district"))
        assert any("口径" in n for n in read(out).meta["notes"])
        checked = subprocess.run(
            [sys.executable, "-m", "zfxxgk", "check", str(out)], capture_output=True, timeout=120
        )
        assert checked.returncode == 0

    def test_bad_document_exit_2(self, tmp_path: Path) -> None:
        """An unreadable document: exit 2, one line naming the file."""
        p = tmp_path / "x.html"
        p.write_text("<html><body>没有表格</body></html>", encoding="utf-8")
        r = run_cli("parse", str(p))
        err = r.stderr.decode()
        assert r.returncode == 2 and str(p) in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_samples_folder_is_complete() -> None:
    """The four sample texts and their truth files are in tests/data, as the tests above
    assume (a fresh clone runs them all)."""
    assert len(list(SAMPLES.glob("*.txt"))) >= 4
    assert {p.stem for p in SAMPLES.glob("*.json")} == set(SAMPLE_JSON)


def test_copies_match_the_reference_material() -> None:
    """tests/data holds byte-identical copies of the reference samples, formats.md and
    data-model.md: checked where the reference folder (``../shared`` beside the
    repository, or $ZFXXGK_SHARED) is present, skipped elsewhere."""
    import os

    shared = Path(os.environ.get("ZFXXGK_SHARED", ROOT.parent / "shared"))
    if not shared.is_dir():
        pytest.skip(f"no reference folder at {shared}")
    pairs = [(shared / n, DATA / n) for n in ("formats.md", "data-model.md")]
    pairs += [(f, SAMPLES / f.name) for f in sorted((shared / "samples").iterdir())]
    differ = [str(copy) for ref, copy in pairs if not copy.is_file() or sha256(copy) != sha256(ref)]
    assert differ == []
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(
        p.name for p in (shared / "samples").iterdir()
    )


def test_a_document_ending_after_section_4_headers(tmp_path: Path) -> None:
    """The text stops right after section 四's column headers (found by fuzzing): the
    row is left blank with a warning, not a KeyError."""
    text = sample_path("2020-gaoan-science-bureau", ".txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    last_header = max(i for i, line in enumerate(lines) if "尚未审结" in line)
    cut = next(i for i in range(last_header, len(lines)) if lines[i].strip() == "0")
    p = tmp_path / "cut.txt"
    p.write_text("\n".join(lines[:cut]), encoding="utf-8")
    result = parse(p)
    assert result.report.reviews.reconsideration.total is None
    assert any(w.code == "ends-after-headers" for w in result.warnings)


def test_fuzzed_documents_return_or_raise_ours(tmp_path: Path) -> None:
    """Random byte mutations of HTML, Markdown, text and Word versions of a report, and
    XML mutations of the Word file: a result or a ZfxxgkError, quickly (seeded)."""
    import random

    from badfiles import FUZZ_CASES, members, mutate_bytes, mutate_xml, returns_or_refuses, rezip

    report = sample("2024-hongze-district")
    sources = {
        ".html": to_html(report).encode(),
        ".md": to_markdown(report).encode(),
        ".txt": to_word_text(report).encode(),
        ".text": sample_path("2020-gaoan-science-bureau", ".txt").read_bytes(),
    }
    docx = write_docx(report, tmp_path / "base.docx")
    parts = members(docx)
    rng = random.Random(20261126)
    for i in range(max(30, FUZZ_CASES // 2)):
        kind = rng.choice([*sources, ".docx"])
        path = tmp_path / f"fuzz-{i}{'.txt' if kind == '.text' else kind}"
        if kind != ".docx":
            path.write_bytes(mutate_bytes(sources[kind], rng))
        elif rng.random() < 0.5:
            rezip(mutate_xml(parts, rng), path)
        else:
            path.write_bytes(mutate_bytes(docx.read_bytes(), rng))
        returns_or_refuses(parse, path, i)
