"""A file's name never claims more than its content: text under a workbook's, a PDF's or
a Word document's name is text; binary of no known signature is judged by its name only
so that its reader can say what is wrong with it (never "this is an Excel workbook")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from badfiles import said
from conftest import run_cli
from zfxxgk.app import formats

#: formats whose content has a signature (zip, OLE2, %PDF-, an image's magic)
BINARY = [f for f in formats.FORMATS if f.name not in ("txt", "md", "html", "json", "csv")]
TEXTS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
).filter(lambda t: t.lstrip(" \t\r\n\ufeff")[:1] not in ("{", "[", "<", "%", ""))


@settings(max_examples=60, deadline=None)
@given(text=TEXTS, fmt=st.sampled_from(BINARY), encoding=st.sampled_from(["utf-8", "gb18030"]))
def test_text_under_a_binary_name_is_text(text: str, fmt: formats.Format, encoding: str) -> None:
    data = text.encode(encoding, errors="ignore")
    if not data.strip() or data.startswith((b"PK", b"%PDF-")) or b"%PDF-" in data[:1024]:
        return
    found = formats.sniff(data, "report" + fmt.suffixes[0])
    assert found.name == "txt", (data[:40], found)


@pytest.mark.parametrize("fmt", BINARY, ids=lambda f: f.name)
def test_a_web_page_under_a_binary_name_is_a_web_page(fmt: formats.Format) -> None:
    page = "<html><body><table><tr><td>规章</td><td>1</td></tr></table></body></html>"
    assert formats.sniff(page.encode(), "export" + fmt.suffixes[0]).name == "html"
    bare = "<table><tr><td>1</td></tr></table>"  # what some sites send as .xls
    assert formats.sniff(bare.encode(), "export" + fmt.suffixes[0]).name == "html"


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.name)
def test_binary_of_no_signature_is_judged_by_its_name(fmt: formats.Format) -> None:
    junk = b"\x13\x00\x9f" * 400
    assert formats.sniff(junk, "damaged" + fmt.suffixes[0]) == fmt


def test_parse_of_text_named_xlsx_does_not_call_it_a_workbook(tmp_path: Path) -> None:
    f = tmp_path / "a.xlsx"
    f.write_text("二、主动公开政府信息情况\n规章 1 2 3\n", encoding="utf-8")
    r = run_cli("parse", str(f))
    err = r.stderr.decode()
    assert r.returncode == 2 and str(f) in err, err
    assert not said("report-data-not-document").search(err), err
    assert said("tables-not-found").search(err), err


def test_parse_of_junk_named_xlsx_says_it_is_no_spreadsheet(tmp_path: Path) -> None:
    f = tmp_path / "junk.xlsx"
    f.write_bytes(b"\x13\x00\x9f" * 400)
    r = run_cli("parse", str(f))
    err = r.stderr.decode()
    assert r.returncode == 2 and said("not-a-spreadsheet").search(err), err


def test_read_of_a_web_page_named_xls_names_parse(tmp_path: Path) -> None:
    f = tmp_path / "export.xls"
    f.write_text("<html><body><table><tr><td>1</td></tr></table></body></html>")
    r = run_cli("read", str(f), "--json")
    err = r.stderr.decode()
    assert r.returncode == 2 and said("document-not-report-data").search(err), err
    assert "HTML" in err and "zfxxgk parse" in err, err


@pytest.mark.parametrize("command", ["read", "parse"])
@pytest.mark.parametrize("fmt", formats.FORMATS, ids=lambda f: f.name)
def test_junk_is_never_called_what_its_name_says(
    command: str, fmt: formats.Format, tmp_path: Path
) -> None:
    """Junk under any format's name: one line from the reader of that name saying what is
    wrong, never a refusal that calls it a PDF, a workbook or report JSON."""
    f = tmp_path / f"junk{fmt.suffixes[0]}"
    f.write_bytes(b"\x13\x00\x9f" * 400)
    r = run_cli(command, str(f))
    err = r.stderr.decode()
    assert r.returncode == 2 and str(f) in err and "Traceback" not in err, err
    assert not said("report-data-not-document").search(err), err
    assert not said("document-not-report-data").search(err), err
