"""One registry of input formats (issue 17 item 7): every command accepts or refuses each
format family consistently, named or found in a folder; Word 97 and WPS documents are
converted by LibreOffice (item 6) and never meet the text decoder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from badfiles import said
from conftest import run_cli, sample_path
from zfxxgk import AnnualReport, parse
from zfxxgk.app import formats
from zfxxgk.app.formats import ANY, FORMATS, PUBLISHED, REPORT
from zfxxgk.errors import ZfxxgkError

CORPUS = Path(__file__).parent / "data" / "corpus"
HONGZE = "2024-hongze-district"
#: an 8×8 grey PNG: a page image without the OCR extra
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000008000000080800000000e164e157"
    "0000000d49444154789c63f8ffff3f031d00003f3f7f810a2f7c730000000049454e44ae426082"
)


def _soffice(src: Path, target: str, out: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [exe, "--headless", f"-env:UserInstallation={(out / 'profile').as_uri()}",
         "--convert-to", target, "--outdir", str(out), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    made = out / f"{src.stem}.{target}"
    if not made.exists():
        pytest.skip("LibreOffice Writer is not installed")
    return made


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file of every suffix the registry knows, all of the same report (Hongze)."""
    tmp = tmp_path_factory.mktemp("formats")
    truth = sample_path(HONGZE)
    files: dict[str, Path] = {}

    def put(suffix: str, data: bytes) -> None:
        files[suffix] = tmp / f"hongze{suffix}"
        files[suffix].write_bytes(data)

    for suffix in (".xlsx", ".xls", ".ods"):
        put(suffix, (CORPUS / f"lo-hongze{suffix}").read_bytes())
    put(".xlsm", files[".xlsx"].read_bytes())
    put(".et", files[".xls"].read_bytes())  # WPS spreadsheets are Excel 97 workbooks
    put(".json", truth.read_bytes())
    put(".pdf", sample_path(HONGZE, ".pdf").read_bytes())
    put(".txt", sample_path(HONGZE, ".txt").read_bytes())
    for suffix in (".md", ".html", ".docx"):
        r = run_cli("render", str(truth), "-o", str(tmp / f"r{suffix}"))
        assert r.returncode == 0, r.stderr
        put(suffix, (tmp / f"r{suffix}").read_bytes())
    put(".markdown", files[".md"].read_bytes())
    from pasted_workbooks import csv_export

    put(".csv", csv_export(AnnualReport.from_json(truth.read_bytes()), tmp).read_bytes())
    put(".htm", files[".html"].read_bytes())
    doc = _soffice(tmp / "r.docx", "doc", tmp / "lo")
    put(".doc", doc.read_bytes())
    put(".wps", doc.read_bytes())  # WPS writes Word 97 documents under .wps
    for suffix in (".png", ".jpg", ".jpeg", ".tif", ".tiff"):
        put(suffix, PNG)
    put(".odt", _soffice(tmp / "r.docx", "odt", tmp / "lo").read_bytes())
    put(".rtf", _soffice(tmp / "r.docx", "rtf", tmp / "lo").read_bytes())
    from producers_more import mht_word

    mht = mht_word(AnnualReport.from_json(truth.read_bytes()), tmp / "lo").read_bytes()
    put(".mht", mht)
    put(".mhtml", mht)
    return files


ALL_SUFFIXES = [s for f in FORMATS for s in f.suffixes]
#: one suffix of each format (the others hold the same bytes: the folder test has them)
FIRST_SUFFIXES = [f.suffixes[0] for f in FORMATS]
#: each command, the role the registry gives it, and how it is run on one input
COMMANDS = {
    "read": (REPORT, lambda p, o: ["read", p, "--json"]),
    "check": (REPORT, lambda p, o: ["check", p]),
    "aggregate": (REPORT, lambda p, o: ["aggregate", p, "-o", o + ".json"]),
    "parse": (PUBLISHED, lambda p, o: ["parse", p, "--json"]),
    "render": (ANY, lambda p, o: ["render", p, "-o", o + ".md"]),
    "compare": (ANY, lambda p, o: ["compare", str(sample_path(HONGZE)), p]),
    "panel": (ANY, lambda p, o: ["panel", p, "-o", o + ".csv"]),
}


def _family(suffix: str) -> str:
    found = formats.by_suffix("x" + suffix)
    assert found is not None
    return found.family


def test_the_registry_knows_every_suffix_once() -> None:
    assert len(ALL_SUFFIXES) == len(set(ALL_SUFFIXES))
    for f in FORMATS:
        assert all(s == s.lower() and s.startswith(".") for s in f.suffixes)
    assert set(formats.ANY_SUFFIXES) == set(ALL_SUFFIXES)


@pytest.mark.parametrize("suffix", ALL_SUFFIXES)
def test_content_tells_the_format_whatever_the_name(
    suffix: str, corpus: dict[str, Path], tmp_path: Path
) -> None:
    """A file is its content: renamed to .txt it is still what it is (text stays text)."""
    renamed = tmp_path / "renamed.txt"
    renamed.write_bytes(corpus[suffix].read_bytes())
    expected = formats.sniff_file(str(corpus[suffix])).family
    assert expected == _family(suffix)
    if _family(suffix) != formats.DOCUMENT or suffix in (".pdf", ".docx"):
        assert formats.sniff_file(str(renamed)).family == expected


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("suffix", FIRST_SUFFIXES)
def test_every_command_accepts_or_refuses_every_format(
    command: str, suffix: str, corpus: dict[str, Path], tmp_path: Path
) -> None:
    """Accepted: the command does its job (exit 0, or 1 for findings). Refused: exit 2,
    one line, naming the file (and `zfxxgk parse` where a published report was given to
    a command that reads workbooks, `zfxxgk[ocr]` for a page image)."""
    role, argv = COMMANDS[command]
    family = _family(suffix)
    r = run_cli(*argv(str(corpus[suffix]), str(tmp_path / "out")))
    err = r.stderr.decode()
    assert "Traceback" not in err and "internal error" not in err, err
    if family == formats.IMAGE and family in role:
        # the corpus's image is a tiny PNG: refused by OCR as too coarse, or, without the
        # extra, with the command that installs it; either way one line naming the file
        assert r.returncode == 2 and str(corpus[suffix]) in err, err
        with pytest.raises(ZfxxgkError) as caught:
            parse(corpus[suffix])
        assert caught.value.code in ("image-too-coarse", "ocr-extra-missing")
        assert caught.value.en in err
    elif family in role:
        assert r.returncode in (0, 1), err
    else:
        assert r.returncode == 2, err
        errors = [x for x in err.splitlines() if "错误 | error" in x]
        assert errors and str(corpus[suffix]) in errors[0], err
        assert ("zfxxgk read" if role == PUBLISHED else "zfxxgk parse") in errors[0], err


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("suffix", ALL_SUFFIXES)
def test_a_folder_holds_what_the_command_reads(
    command: str, suffix: str, corpus: dict[str, Path], tmp_path: Path
) -> None:
    """A folder is searched for the families the command's role reads: what it skips it
    skips by the registry (never a PDF silently left out by one command only)."""
    role, _ = COMMANDS[command]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / f"r{suffix}").write_bytes(corpus[suffix].read_bytes())
    found = formats.expand_role([str(folder)], role)
    assert bool(found) == (_family(suffix) in formats.FOLDER_FAMILIES[role])


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_word97_and_wps_parse_to_the_cells_of_their_docx(
    suffix: str, corpus: dict[str, Path], tmp_path: Path
) -> None:
    """Converted by LibreOffice: the same cells as the .docx it was saved from, also named
    .txt (content first) and given as bytes without a file."""
    want = parse(corpus[".docx"]).report.to_dict()
    assert parse(corpus[suffix]).report.to_dict() == want
    as_text = tmp_path / "report.txt"
    as_text.write_bytes(corpus[suffix].read_bytes())
    assert parse(as_text).report.to_dict() == want
    assert parse("sent.doc", data=corpus[suffix].read_bytes()).report.to_dict() == want


def test_word97_without_libreoffice_names_what_to_install(
    corpus: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import OrderedDict

    from zfxxgk.xlsx import soffice

    monkeypatch.setattr(soffice, "_CACHE", OrderedDict())
    monkeypatch.setenv("ZFXXGK_SOFFICE", "")
    r = run_cli("parse", str(corpus[".doc"]))
    err = r.stderr.decode()
    assert r.returncode == 2 and len(err.strip().splitlines()) == 1, err
    assert said("soffice-missing").search(err) and "UTF-8" not in err


def test_a_binary_file_is_never_an_encoding_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    r = run_cli("parse", str(junk))
    err = r.stderr.decode()
    assert r.returncode == 2 and ZfxxgkError.of("document-binary").en in err, err


def test_an_et_spreadsheet_reads_as_its_workbook(corpus: dict[str, Path]) -> None:
    from zfxxgk import read

    assert read(corpus[".et"]).to_dict() == read(corpus[".xls"]).to_dict()


def test_parse_takes_bytes_and_a_name_for_every_published_format(
    corpus: dict[str, Path],
) -> None:
    """Workers need no shared disk: ``parse(name, data=bytes)`` reads what the path does."""
    for suffix in (".txt", ".md", ".html", ".docx", ".pdf"):
        want = parse(corpus[suffix]).report.to_dict()
        got = parse(f"remote/report{suffix}", data=corpus[suffix].read_bytes())
        assert got.report.to_dict() == want, suffix


def test_the_truth_survives_the_round_trip(corpus: dict[str, Path]) -> None:
    truth = AnnualReport.from_json(sample_path(HONGZE).read_bytes())
    assert parse(corpus[".docx"]).report.agency == truth.agency
