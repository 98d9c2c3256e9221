"""``zfxxgk render``: the tables as Word, HTML and Markdown, read back exactly, opened by
LibreOffice and a browser; the full annual report."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import zfxxgk
from rendering import (
    SAMPLES,
    browser_pdf_text,
    libreoffice_pdfs,
    sample,
    tables_of,
    visible,
)
from strategies import reports
from zfxxgk.cli import main
from zfxxgk.published.export import table_rows
from zfxxgk.published.render import SECTIONS, split_sections

FORMS = ("docx", "html", "md")


def numbers_of(report: zfxxgk.AnnualReport) -> list[str]:
    """Every printed value of the report's tables, as the tables print it."""
    out = []
    for table in report.layout.tables:
        for row in table_rows(report, table):
            out += [c.text for c in row if not c.label and c.text]
    return out


@pytest.mark.parametrize("name", SAMPLES)
@pytest.mark.parametrize("form", FORMS)
def test_sample_round_trip(name: str, form: str, tmp_path: Path) -> None:
    """Render → parse gives the sample's tables, agency and year exactly."""
    report = sample(name)
    out = tmp_path / f"{name}.{form}"
    done = zfxxgk.render(report, out)
    assert done.path == out and not done.warnings
    result = zfxxgk.parse(out)
    assert tables_of(result.report) == tables_of(visible(report))
    assert (result.report.agency, result.report.year) == (report.agency, report.year)
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left behind


@pytest.mark.parametrize("edition", sorted(zfxxgk.EDITIONS))
@pytest.mark.parametrize("form", FORMS)
def test_random_round_trip(edition: str, form: str, tmp_path: Path) -> None:
    """Random reports of each edition in each form: blanks stay blank, 0 stays 0, signs,
    large counts, decimals and the 2019 amount's unit come back exactly."""

    @settings(
        max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(report=reports(edition))
    def round_trip(report: zfxxgk.AnnualReport) -> None:
        out = tmp_path / f"random.{form}"
        zfxxgk.render(report, out)
        result = zfxxgk.parse(out)
        got, want = tables_of(result.report), tables_of(visible(report))
        for data in (got, want):  # a random agency name need not read back as one
            data.pop("agency", None)
            data.pop("year", None)
        assert got == want

    round_trip()


def test_blank_zero_and_amounts_print_as_stated(tmp_path: Path) -> None:
    report = sample("2019-pingtan")
    report.applications.new_received.research_institution = None
    report.applications.new_received.natural_person = 0
    out = tmp_path / "t.md"
    zfxxgk.render(report, out)
    line = next(x for x in out.read_text("utf-8").splitlines() if "本年新收" in x)
    cells = line.split("|")  # label over three columns, then 自然人, 商业企业, 科研机构
    assert cells[4:6] == [" 0 ", " 0 "] and cells[6] == "  "
    assert "| 75394432.52元 |" in out.read_text("utf-8")


def test_docx_structure(tmp_path: Path) -> None:
    """Real merges, 宋体 五号, bold headers, centred numbers, repeated header rows, tables
    within the A4 text width."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    report = sample("2024-hongze-district")
    out = tmp_path / "t.docx"
    zfxxgk.render(report, out)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "w:gridSpan" in xml and 'w:vMerge w:val="restart"' in xml
    _grid_is_consistent(out)
    assert xml.count("<w:tblHeader") >= 3 + 3  # the header rows of 三 and 四
    d = docx.Document(str(out))
    section = d.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert len(d.tables) == 3
    for t in d.tables:
        widths = [c.width for c in t.columns]
        assert sum(widths) <= text_width + Mm(1)
    t3 = d.tables[1]
    header = t3.cell(0, 3).paragraphs[0]
    assert header.text == "申请人情况" and header.style.font.bold
    for p in (header, t3.cell(3, 3).paragraphs[0], t3.cell(3, 0).paragraphs[0]):
        assert p.style.font.size.pt == 10.5 and p.style.font.name == "宋体"
    value = t3.cell(3, 3).paragraphs[0]
    assert value.text == "95" and not value.style.font.bold
    assert value.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    label = t3.cell(3, 0).paragraphs[0]
    assert label.text.startswith("一、本年新收")
    assert label.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def _grid_is_consistent(path: Path) -> None:
    """Every row spans exactly the table's grid, and every vertical merge continues a
    cell that starts above it in the same columns (what Word would otherwise repair)."""
    from xml.etree import ElementTree as ET

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    for tbl in root.iter(f"{w}tbl"):
        width = len(tbl.find(f"{w}tblGrid"))  # type: ignore[arg-type]
        above: dict[int, int] = {}
        for tr in tbl.findall(f"{w}tr"):
            col = 0
            here: dict[int, int] = {}
            for tc in tr.findall(f"{w}tc"):
                pr = tc.find(f"{w}tcPr")
                span_el = pr.find(f"{w}gridSpan") if pr is not None else None
                merge = pr.find(f"{w}vMerge") if pr is not None else None
                span = int(span_el.get(f"{w}val")) if span_el is not None else 1
                if merge is not None and merge.get(f"{w}val") != "restart":
                    assert above.get(col) == span, "vMerge continues no cell above"
                here[col] = span
                col += span
            assert col == width
            above = here


def test_libreoffice_converts_and_keeps_every_number(tmp_path: Path) -> None:
    """LibreOffice opens every .docx and .html without error; the PDF text holds each
    number of the tables."""
    files = []
    for name in SAMPLES:
        for form in ("docx", "html"):
            out = tmp_path / f"{name}-{form}.{form}"
            zfxxgk.render(sample(name), out)
            files.append(out)
    full = tmp_path / "full-docx.docx"
    zfxxgk.render(sample("2024-hongze-district"), full, full=True)
    files.append(full)
    texts = libreoffice_pdfs(files, tmp_path)
    for f in files:
        name = f.stem.rsplit("-", 1)[0]
        report = sample("2024-hongze-district" if name == "full" else name)
        tokens = set(re.findall(r"[-\d.]+元?|\S+", texts[f.name]))
        flat = re.sub(r"\s+", "", texts[f.name])
        for number in numbers_of(report):
            assert number in tokens or number in flat, (f.name, number)
    assert "五、存在的主要问题及改进情况" in texts[full.name]


@pytest.mark.parametrize("name", ["2019-pingtan", "2024-hongze-district"])
def test_browser_lays_out_each_row(name: str, tmp_path: Path) -> None:
    """Headless chromium prints the page; each row of values of section 三 stands on one
    line in order, and table 四's fifteen values too."""
    report = sample(name)
    page = tmp_path / f"{name}.html"
    zfxxgk.render(report, page)
    text = browser_pdf_text(page, tmp_path)
    lines = text.splitlines()
    for table in report.layout.tables[1:]:
        for row in table_rows(report, table):
            values = [c.text for c in row if not c.label]
            if not values:
                continue
            pattern = re.compile(r"(?<![\d.])" + r"\s+".join(map(re.escape, values)) + r"(?![\d.])")
            assert any(pattern.search(line) for line in lines), values
    assert "三、收到和处理政府信息公开申请情况" in text


def test_html_is_standalone(tmp_path: Path) -> None:
    page = tmp_path / "t.html"
    zfxxgk.render(sample("2019-pingtan"), page)
    html = page.read_text("utf-8")
    assert "<script" not in html.lower() and "<style>" in html and "@page" in html
    assert 'rowspan="' in html and 'colspan="' in html
    assert "src=" not in html and "href=" not in html


# ---------------------------------------------------------------- full report


NARRATIVE = """# 一、总体情况

本年度，区政府认真贯彻落实《条例》。

全年共收到政府信息公开申请95件。

## 五、存在的主要问题及改进情况

**问题**：公开质量有待提升。

# 六、其他需要报告的事项

本年度未收取信息处理费。
"""


def test_split_sections() -> None:
    parts = split_sections(NARRATIVE)
    assert parts["一"] == [
        "本年度，区政府认真贯彻落实《条例》。",
        "全年共收到政府信息公开申请95件。",
    ]
    assert parts["五"] == ["问题：公开质量有待提升。"]
    assert parts["六"] == ["本年度未收取信息处理费。"]
    assert "二" not in parts


def test_full_report(tmp_path: Path) -> None:
    import docx

    report = sample("2024-hongze-district")
    out = tmp_path / "年报.docx"
    done = zfxxgk.render(report, out, full=True, text=NARRATIVE)
    assert not done.warnings
    d = docx.Document(str(out))
    texts = [p.text for p in d.paragraphs]
    assert texts[0] == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    title = d.paragraphs[0].runs[0]
    assert title.font.size.pt == 22 and title.font.name == "方正小标宋简体"
    for heading, _ in SECTIONS:
        assert heading in texts
    body = next(p for p in d.paragraphs if p.text.startswith("本年度，区政府"))
    assert body.runs[0].font.size.pt == 16 and body.runs[0].font.name == "仿宋_GB2312"
    assert len(d.tables) == 3
    assert not [t for t in texts if t.startswith("（此处填写")]  # every narrative given
    result = zfxxgk.parse(out)
    assert tables_of(result.report) == tables_of(visible(report))
    assert not result.warnings


def test_full_report_placeholders(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "年报.docx"
    zfxxgk.render(sample("2019-pingtan"), out, full=True)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert sum(t.startswith("（此处填写") for t in texts) == 3


def test_narrative_mismatch_is_reported_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "r.json"
    src.write_text(sample("2024-hongze-district").to_json(), encoding="utf-8")
    text = tmp_path / "正文.md"
    text.write_text(NARRATIVE.replace("95件", "96件"), encoding="utf-8")
    out = tmp_path / "年报.docx"
    assert main(["render", str(src), "--full", "--text", str(text), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "96" in err and "95" in err and err.index("警告") < err.index("已写入")
    done = zfxxgk.render(src, tmp_path / "again.docx", text=text.read_text("utf-8"))
    assert done.warnings and "96" in done.warnings[0]


# ---------------------------------------------------------------- command line


@pytest.mark.parametrize("form", FORMS)
def test_cli_render_any_input(form: str, tmp_path: Path) -> None:
    """A workbook, canonical JSON and a published document all render."""
    report = sample("2023-shuyang-drc")
    js = tmp_path / "r.json"
    js.write_text(report.to_json(), encoding="utf-8")
    wb = tmp_path / "r.xlsx"
    zfxxgk.fill(report, wb)
    page = tmp_path / "r.html"
    zfxxgk.render(report, page)
    for i, source in enumerate((js, wb, page)):
        out = tmp_path / f"out{i}.{form}"
        assert main(["render", str(source), "-o", str(out)]) == 0
        assert tables_of(zfxxgk.parse(out).report) == tables_of(visible(report))


def test_cli_render_refuses_bad_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    js = tmp_path / "r.json"
    js.write_text(sample("2019-pingtan").to_json(), encoding="utf-8")
    assert main(["render", str(js), "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["render", str(js), "--full", "-o", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err
    assert err.count("zfxxgk: 错误 | error:") == 2 and "Traceback" not in err


# ---------------------------------------------------------------- check --html


def _marked_cells(dom: str) -> dict[str, list[str]]:
    """The text of each td by the marks in its class, from a DOM chromium dumped."""
    import html.parser

    out: dict[str, list[str]] = {}

    class P(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.classes: list[str] | None = None
            self.text = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "td":
                self.classes = (dict(attrs).get("class") or "").split()
                self.text = ""

        def handle_data(self, data: str) -> None:
            if self.classes is not None:
                self.text += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "td" and self.classes is not None:
                for c in self.classes:
                    out.setdefault(c, []).append(self.text.strip())
                self.classes = None

    P().feed(dom)
    return out


def test_check_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The failing totals red, the cells that enter them yellow, the likeliest cause
    framed; each finding under its own table; chromium lays it out."""
    from rendering import browser_dom

    report = sample("2024-hongze-district")
    report.applications.disclosed.natural_person = 51  # breaks a row and a column total
    report.reviews.reconsideration.total = 3
    src = tmp_path / "bad.json"
    src.write_text(report.to_json(), encoding="utf-8")
    out = tmp_path / "check.html"
    assert main(["check", str(src), "--html", str(out)]) == 1
    page = out.read_text("utf-8")
    assert "<script" not in page.lower()
    result = zfxxgk.check(report)
    rules = {f.rule for f in result.issues}
    assert {"R3-ROW-TOTAL", "R3-RESULT-TOTAL", "R4-REVIEW-TOTAL"} <= rules
    # each finding is listed after its own table and before the next one
    t3, t4 = page.index('id="applications"'), page.index('id="reviews"')
    assert t3 < page.index("[R3-ROW-TOTAL]") < t4 < page.index("[R4-REVIEW-TOTAL]")
    marked = _marked_cells(browser_dom(out, tmp_path))
    assert sorted(marked["fail"]) == ["3", "50", "95"]  # （一）总计, （七）自然人, 复议总计
    assert marked["likely"] == ["51"]  # 自然人 of （一）: in both sums of section 三
    assert "0" in marked["cause"]
    text = "".join(browser_pdf_text(out, tmp_path).split())
    assert "[R4-REVIEW-TOTAL]" in text and "错误3项" in text


def test_check_html_of_a_good_report(tmp_path: Path) -> None:
    src = tmp_path / "good.json"
    src.write_text(sample("2019-pingtan").to_json(), encoding="utf-8")
    out = tmp_path / "ok.html"
    assert main(["check", str(src), "--html", str(out)]) == 0
    page = out.read_text("utf-8")
    assert "未发现问题" in page and 'class="v fail' not in page


def test_check_html_with_previous(tmp_path: Path) -> None:
    """A broken carry from last year: this year's 上年结转 cell is marked, last year's
    cells are not drawn, the finding sits under section 三."""
    this = sample("2024-hongze-district")
    last = this.copy()
    last.year = 2023
    last.applications.carried_forward.natural_person = 4
    last.proactive.normative_documents.in_force = 5  # 5 + 3 − 0 = 8 rolls forward
    a, b = tmp_path / "2023.json", tmp_path / "2024.json"
    a.write_text(last.to_json(), encoding="utf-8")
    b.write_text(this.to_json(), encoding="utf-8")
    out = tmp_path / "check.html"
    main(["check", str(b), "--previous", str(a), "--html", str(out)])
    page = out.read_text("utf-8")
    t3, t4 = page.index('id="applications"'), page.index('id="reviews"')
    assert t3 < page.index("[R3-XYEAR-CARRY]") < t4
    marked = _marked_cells(page)
    assert marked["fail"] == ["0"]  # 二、上年结转·自然人


def test_full_report_without_a_year_keeps_the_title_placeholder(tmp_path: Path) -> None:
    import docx

    report = sample("2019-pingtan")
    report.agency, report.year = None, None
    out = tmp_path / "年报.docx"
    zfxxgk.render(report, out, full=True)
    first = docx.Document(str(out)).paragraphs[0]
    assert first.text == "××××年政府信息公开工作年度报告"
    body = docx.Document(str(out)).paragraphs[2]
    assert body.paragraph_format.line_spacing.pt == 28
