"""What the command line writes and refuses: a CSV row for every input, a BOM on every
CSV, JSON with Chinese unescaped, a message naming `parse` for a published document, and
outputs whose extension matches their content (issue 11, points 7–9)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import soffice
from zfxxgk import AnnualReport, fill
from zfxxgk.app.formats import sniff
from zfxxgk.cli import main
from zfxxgk.errors import OutputError, ZfxxgkError
from zfxxgk.workbook.annotate import annotate
from zfxxgk.workbook.template import build_template

BOM = "\ufeff"


def report(agency: str = "某某市某某局", *, wrong_total: bool = False) -> AnnualReport:
    # every input stated (0 where nothing happened), as the official rule asks
    r = AnnualReport(edition="2021", agency=agency, year=2024).with_zeros()
    r.applications.new_received.natural_person = 12
    r.applications.disclosed.natural_person = 10
    r.applications.carried_forward.natural_person = 2
    r = r.with_totals()
    if wrong_total:
        r.applications.new_received.total = 13
    return r


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """A good workbook, one with an error, a corrupt one and a workbook that is no report."""
    from openpyxl import Workbook

    good = fill(report(), tmp_path / "good.xlsx")
    bad = fill(report("有错的局", wrong_total=True), tmp_path / "bad.xlsx")
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    wb = Workbook()
    wb.active["A1"] = "2024 年部门预算表"  # type: ignore[index]
    unrelated = tmp_path / "budget.xlsx"
    wb.save(unrelated)
    return {"good": good, "bad": bad, "corrupt": corrupt, "unrelated": unrelated}


class TestCheckCsv:
    def test_a_row_for_every_input(
        self, inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`check DIR --csv` named only the findings; the corrupt workbook, the unrelated
        one and the clean one had no row (the clerk's list missed them)."""
        files = [str(p) for p in inputs.values()]
        assert main(["check", *files, "--csv"]) == 2  # unreadable inputs: exit 2
        out = capsys.readouterr().out
        assert out.startswith(BOM)
        rows = list(csv.DictReader(io.StringIO(out[1:])))
        by_file: dict[str, list[dict[str, str]]] = {}
        for row in rows:
            by_file.setdefault(row["file"], []).append(row)
        assert set(by_file) == set(files)
        assert [r["status"] for r in by_file[str(inputs["good"])]] == ["ok"]
        # the mistyped total first, as the likely cause, then the failures it explains
        assert by_file[str(inputs["bad"])][0]["status"] == "likely_cause"
        assert {r["status"] for r in by_file[str(inputs["bad"])]} == {"likely_cause", "failed"}
        (corrupt,) = by_file[str(inputs["corrupt"])]
        assert corrupt["status"] == "unreadable" and corrupt["message_zh"] and corrupt["message_en"]
        (unrelated,) = by_file[str(inputs["unrelated"])]
        assert unrelated["status"] == "not_a_report"
        assert "tables" in unrelated["message_en"]

    def test_bom_when_written_to_a_pipe(self, inputs: dict[str, Path]) -> None:
        """Redirected to a file (`> 问题清单.csv`), Excel on a Chinese Windows needs the BOM
        to read UTF-8; the CSV had none."""
        r = subprocess.run(
            ["zfxxgk", "check", str(inputs["bad"]), "--csv"], capture_output=True, timeout=60
        )
        assert r.stdout.startswith(BOM.encode("utf-8"))
        text = r.stdout.decode("utf-8-sig")
        assert text.splitlines()[0].startswith("file,") and "有错的局" in text


class TestJson:
    @pytest.mark.parametrize(
        "args",
        [
            ["check", "{bad}", "--json"],
            ["check", "{bad}", "{corrupt}", "--json"],
            ["read", "{good}", "--json"],
            ["read", "{good}", "{corrupt}", "--jsonl"],
            ["rules", "--json"],
        ],
    )
    def test_chinese_is_never_escaped(
        self, args: list[str], inputs: dict[str, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`check --json` wrote Chinese as \\uXXXX while `read --json` did not."""
        main([a.format(**inputs) for a in args])
        out = capsys.readouterr().out
        assert "\\u" not in out
        assert any("\u4e00" <= ch <= "\u9fff" for ch in out)

    def test_aggregate_json_file(self, inputs: dict[str, Path], tmp_path: Path) -> None:
        out = tmp_path / "sum.json"
        assert main(["aggregate", str(inputs["good"]), "-o", str(out), "--agency", "某市"]) == 0
        text = out.read_text(encoding="utf-8")
        assert "\\u" not in text and "某市" in text and "某某市某某局" in text


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("某某局2024年政府信息公开工作年度报告")
    d.save(str(path))
    return path


DOCUMENTS = {
    "report.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n",
    "report.html": "<!DOCTYPE html><html><body><p>年度报告</p></body></html>".encode(),
    "report.htm": "<table><tr><td>信息公开</td></tr></table>".encode(),
    "report.md": "# 2024 年政府信息公开工作年度报告\n\n| 项目 | 数量 |\n|---|---|\n".encode(),
    "report.txt": "某某局2024年政府信息公开工作年度报告\n一、总体情况\n".encode("gb18030"),
    "报告": "一、总体情况".encode(),
}


def said(code: str, **params: object) -> str:
    """The English of catalogue error ``code``: what the one-line error must say (a
    format's name as a message names it)."""
    if isinstance(params.get("format"), str):
        from zfxxgk.app.formats import FORMATS, term

        params["format"] = term(next(f for f in FORMATS if f.name == params["format"]))
    return ZfxxgkError.of(code, **params).en


class TestSayWhatTheFileIs:
    @pytest.mark.parametrize("name", sorted(DOCUMENTS))
    @pytest.mark.parametrize("command", ["read", "check"])
    def test_document_names_parse(
        self, name: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`read 年报.pdf` said "不是 UTF-8 文本", `read 年报.txt` "不是有效的 JSON", with no
        hint that `parse` is the command."""
        path = tmp_path / name
        path.write_bytes(DOCUMENTS[name])
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        assert str(path) in err and len(err.strip().splitlines()) == 1
        kind = "pdf" if name.endswith(".pdf") else sniff(DOCUMENTS[name], name).name
        assert said("document-not-report-data", format=kind) in err

    def test_word_docx(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A .docx (a zip, like a workbook) said only "缺少 xl/workbook.xml"."""
        path = _docx(tmp_path / "年报.docx")
        assert main(["read", str(path)]) == 2
        assert said("document-not-report-data", format="docx") in capsys.readouterr().err

    def test_word_doc(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A Word 97–2003 .doc (an OLE file, like .xls) was called an encrypted workbook."""
        docx_path = _docx(tmp_path / "年报.docx")
        profile = tmp_path / "profile"
        subprocess.run(
            [soffice(), "--headless", f"-env:UserInstallation=file://{profile}",
             "--convert-to", "doc", "--outdir", str(tmp_path / "out"), str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        doc = tmp_path / "out" / "年报.doc"
        if not doc.exists():  # LibreOffice without Writer
            if os.environ.get("CI"):
                pytest.fail("LibreOffice Writer is required in CI")
            pytest.skip("LibreOffice Writer is not installed")
        assert main(["check", str(doc)]) == 2
        assert said("document-not-report-data", format="doc") in capsys.readouterr().err

    def test_report_api_raises_document_error(self, tmp_path: Path) -> None:
        from zfxxgk.app.load import load_report
        from zfxxgk.errors import DocumentInputError

        path = tmp_path / "x.pdf"
        path.write_bytes(DOCUMENTS["report.pdf"])
        with pytest.raises(DocumentInputError) as caught:
            load_report(str(path))
        assert caught.value.code == "document-not-report-data"
        assert caught.value.note.to_dict()["params"] == {"format": "pdf"}
        # the format is named in each message's own language, never by its key
        assert "这是PDF 文件，" in caught.value.zh and "this is a PDF file," in caught.value.en

    def test_each_language_names_the_format_in_its_own_words(self, tmp_path: Path) -> None:
        """The refusal said "这是已发布的年报（image）": the registry's key inside Chinese."""
        from zfxxgk.app.load import load_report
        from zfxxgk.errors import DocumentInputError

        path = tmp_path / "scan.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        with pytest.raises(DocumentInputError) as caught:
            load_report(str(path))
        assert caught.value.note.to_dict()["params"]["format"] == "image"
        assert "image" not in caught.value.zh and "图片（扫描页）" in caught.value.zh
        assert "an image (a scanned page)" in caught.value.en

    @pytest.mark.parametrize(
        ("data", "key"),
        [({}, "edition"), ({"agency": "某局", "year": 2024}, "edition")],
    )
    def test_json_not_a_report_names_the_key(
        self, data: dict[str, object], key: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "x.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert main(["read", str(path)]) == 2
        assert f"缺少键 '{key}' | missing key '{key}'" in capsys.readouterr().err

    def test_json_still_read_from_stdin_and_odd_names(self, tmp_path: Path) -> None:
        """The sniffing leaves JSON alone, whatever its name."""
        path = tmp_path / "report.txt"
        path.write_text(report().to_json(), encoding="utf-8")
        r = subprocess.run(["zfxxgk", "read", str(path), "--json"], capture_output=True, timeout=60)
        assert r.returncode == 0 and AnnualReport.from_json(r.stdout) == report()


WRONG = ["t.csv", "out.xls", "ann.ods", "x.ODS", "t.json", "noext"]


class TestOutputExtensions:
    @pytest.mark.parametrize("name", WRONG)
    def test_fill_api(self, name: str, tmp_path: Path) -> None:
        """`zfxxgk.fill(r, "out.xls")` wrote .xlsx content under .xls."""
        with pytest.raises(OutputError) as info:
            fill(report(), tmp_path / name)
        assert name in str(info.value) and ".xlsx" in str(info.value)
        assert info.value.code in ("output-suffix-mismatch", "output-suffix-missing")
        assert not (tmp_path / name).exists() and list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize(
        "args",
        [
            ["fill", "{data}", "-o", "{out}/t.csv"],
            ["fill", "{data}", "-o", "{out}/t.xls"],
            ["template", "-o", "{out}/t.xls"],
            ["template", "--edition", "2019", "-o", "{out}/t.ods"],
            ["check", "{data}", "--annotate", "{out}/ann.ods"],
            ["check", "{data}", "--annotate", "{out}/ann.csv"],
            ["aggregate", "{data}", "-o", "{out}/x.ods"],
            ["aggregate", "{data}", "-o", "{out}/x.xls"],
        ],
    )
    def test_cli_refuses_with_a_bilingual_message(
        self, args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`-o t.csv` and `--annotate ann.ods` silently wrote .xlsx content."""
        data = tmp_path / "r.json"
        data.write_text(report(wrong_total=True).to_json(), encoding="utf-8")
        out = tmp_path / "out"
        out.mkdir()
        argv = [a.format(data=data, out=out) for a in args]
        assert main(argv) == 2
        err = capsys.readouterr().err
        target = Path(argv[argv.index("-o") + 1] if "-o" in argv else argv[-1])
        assert str(target) in err and ".xlsx" in err
        assert "扩展名" in err and "extension" in err
        assert list(out.iterdir()) == []

    def test_annotate_api(self, tmp_path: Path) -> None:
        from zfxxgk import check

        r = report(wrong_total=True)
        with pytest.raises(OutputError):
            annotate(check(r), r, tmp_path / "ann.ods")
        assert list(tmp_path.iterdir()) == []

    def test_template_api(self, tmp_path: Path) -> None:
        with pytest.raises(OutputError):
            build_template("2021", tmp_path / "t.xls")
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("name", ["ok.xlsx", "OK.XLSX"])
    def test_xlsx_still_written(self, name: str, tmp_path: Path) -> None:
        from zfxxgk import read

        out = fill(report(), tmp_path / name)
        assert read(out) == report()


def test_no_libreoffice_needed_for_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The refusal does not depend on a converter being installed."""
    monkeypatch.setattr(shutil, "which", lambda *a, **k: None)
    with pytest.raises(OutputError):
        fill(report(), tmp_path / "x.ods")


@pytest.mark.parametrize("code", ["document-not-report-data", "report-data-not-document"])
def test_every_format_is_named_in_words_of_each_language(code: str) -> None:
    """Every format of the registry has a name in each language, and a refusal shows it,
    never the registry's key in brackets (the old "已发布的年报（image）")."""
    from zfxxgk.app.formats import FORMATS, term

    for found in FORMATS:
        assert found.zh and found.en, found.name
        error = ZfxxgkError.of(code, format=term(found))
        assert found.zh in error.zh and found.en in error.en, found.name
        assert f"（{found.name}）" not in error.zh and f"({found.name})" not in error.en
        assert error.note.to_dict()["params"] == {"format": found.name}
