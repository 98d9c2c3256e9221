"""The PDF corpus: the samples as chromium and LibreOffice print them, and the invariant.

Every cell of every PDF is right, or blank with a warning naming its row (a miss); never
another number, nor a blank nobody warned of (a lie). The
producers: chromium's print-to-PDF of the ruled HTML rendition, of the same with each
cell bordered on its own (HTML's ``border="1"``, 2-pixel spacing), of the borderless one
and of one with blank cells; LibreOffice's print of borderless HTML with blank cells and
of a Word document with blank cells. The counts of right and blank cells are held too,
so that a change that loses cells shows.

Set ``ZFXXGK_PDF_CORPUS_REPORT`` to a file name to have the per-producer counts written.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import soffice
from pdf_producers import BORDERLESS, SEPARATE, chromium, html, print_with_chromium, with_blanks
from producers import warned_rows
from test_pdf import to_pdf, visible, write_docx
from zfxxgk import AnnualReport, parse
from zfxxgk.core.grid import all_fields
from zfxxgk.errors import ZfxxgkError

pytest.importorskip("pypdfium2")

SAMPLES = Path(__file__).parent / "data" / "samples"
PINGTAN, SHUYANG, HONGZE = "2019-pingtan", "2023-shuyang-drc", "2024-hongze-district"

#: producer → (samples, with blank cells, the fewest cells right of each file's cells)
PRODUCERS: dict[str, tuple[tuple[str, ...], bool, float]] = {
    "chromium-ruled": ((PINGTAN, SHUYANG, HONGZE), False, 1.0),
    "chromium-cell-borders": ((HONGZE,), False, 1.0),
    "chromium-ruled-blanks": ((PINGTAN, HONGZE), True, 1.0),
    "chromium-borderless": ((SHUYANG, HONGZE), False, 0.8),
    "libreoffice-borderless-blanks": ((PINGTAN, SHUYANG, HONGZE), True, 0.8),
    "libreoffice-docx-blanks": ((HONGZE,), True, 1.0),
}


def truth(name: str, blanks: bool) -> AnnualReport:
    report = AnnualReport.from_json((SAMPLES / f"{name}.json").read_bytes())
    return with_blanks(report, name) if blanks else report


def _chromium_pages(folder: Path, exe: str) -> None:
    pages = []
    for producer, (names, blanks, _) in PRODUCERS.items():
        if not producer.startswith("chromium"):
            continue
        style = {"chromium-cell-borders": SEPARATE, "chromium-borderless": BORDERLESS}
        for name in names:
            page = folder / f"{producer}--{name}.html"
            page.write_text(html(truth(name, blanks), style.get(producer, "")), "utf-8")
            pages.append((page, page.with_suffix(".pdf")))
    print_with_chromium(pages, exe)


def _libreoffice_files(folder: Path) -> list[Path]:
    files = []
    for name in PRODUCERS["libreoffice-borderless-blanks"][0]:
        page = folder / f"libreoffice-borderless-blanks--{name}.html"
        page.write_text(html(truth(name, True), BORDERLESS, rules=False), "utf-8")
        files.append(page)
    for name in PRODUCERS["libreoffice-docx-blanks"][0]:
        doc = folder / f"libreoffice-docx-blanks--{name}.docx"
        files.append(write_docx(truth(name, True), doc, 0))
    return files


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every producer's PDFs, chromium and LibreOffice printing side by side."""
    folder = tmp_path_factory.mktemp("pdf-corpus")
    exe = chromium()
    files = _libreoffice_files(folder)
    failed: list[BaseException] = []

    def libreoffice() -> None:
        try:
            to_pdf(files, folder)
        except (OSError, subprocess.SubprocessError) as exc:
            failed.append(exc)

    office = threading.Thread(target=libreoffice)
    office.start()
    if exe is not None:
        _chromium_pages(folder, exe)
    office.join()
    if failed:
        raise failed[0]
    return folder


def score(path: Path, want: AnnualReport) -> tuple[int, int, list[str]]:
    """Cells right, cells blank with a warning naming their row, and the wrong ones
    (path: truth → read; a blank nobody warned of is wrong)."""
    try:
        result = parse(path)
        got, warned = result.report, warned_rows(result)
    except ZfxxgkError:
        got, warned = AnnualReport(edition=want.edition), {(t.key, "") for t in want.layout.tables}
    right, blank, wrong = 0, 0, []
    for f, value in want.items():
        if f.path not in all_fields(want.layout):
            continue
        read = got.get(f.path)
        if read == value:
            right += 1
        elif read is None and (f.path[:2] in warned or (f.path[0], "") in warned):
            blank += 1
        else:
            wrong.append(f"{'.'.join(f.path)}: {value} → {read}")
    return right, blank, wrong


COUNTS: dict[str, list[int]] = {}


@pytest.mark.parametrize(
    ("producer", "name"), [(p, n) for p, (names, _, _) in PRODUCERS.items() for n in names]
)
def test_each_cell_right_or_blank_never_wrong(producer: str, name: str, corpus: Path) -> None:
    """The invariant on every producer's PDF of every sample; and no fewer cells right
    than the producer is known to give."""
    if producer.startswith("chromium") and chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI")
        pytest.skip("chromium is not installed")
    soffice()
    _, blanks, floor = PRODUCERS[producer]
    want = visible(truth(name, blanks))
    right, blank, wrong = score(corpus / f"{producer}--{name}.pdf", want)
    counts = COUNTS.setdefault(producer, [0, 0, 0])
    counts[0] += right
    counts[1] += blank
    counts[2] += len(wrong)
    report = os.environ.get("ZFXXGK_PDF_CORPUS_REPORT")
    if report:
        lines = [f"{p}: {r} right, {b} blank, {w} wrong" for p, (r, b, w) in COUNTS.items()]
        Path(report).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert wrong == []
    assert right >= floor * (right + blank), (right, blank)
