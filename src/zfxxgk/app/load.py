"""Loading any report input, by the format registry (:mod:`zfxxgk.app.formats`).

``load_report`` reads what ``read`` and ``check`` take (a workbook or canonical JSON); a
published report's document given there is recognised by its content and refused with a
message that names ``zfxxgk parse``. ``load_any`` reads every format: workbooks, JSON
and published reports (parsed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zfxxgk.app.formats import (
    JSON,
    REPORT,
    WORKBOOK,
    Format,
    by_suffix,
    sniff,
    sniff_file,
    sniff_path,
    term,
)
from zfxxgk.core.jsonio import loads
from zfxxgk.core.model import AnnualReport
from zfxxgk.errors import (
    CellValueError,
    DocumentInputError,
    LayoutError,
    WorkbookFormatError,
    ZfxxgkError,
)
from zfxxgk.xlsx.files import OLE_MAGIC

if TYPE_CHECKING:
    from zfxxgk.published.parse import ParseResult


def load_report_data(source: str) -> AnnualReport:
    """A report from a JSON file path, or from standard input when ``source`` is ``-``."""
    name = "<stdin>" if source == "-" else source
    from zfxxgk.xlsx.files import read_input, read_stdin

    data = read_stdin() if source == "-" else read_input(source)
    if Path(name).suffix.lower() != ".json":
        found = sniff(data, name)
        if found.family != JSON:
            _refuse(found, name)
    try:
        return AnnualReport.from_dict(loads(data, source=name))
    except ZfxxgkError as exc:
        raise exc.located(file=name) from None


def load_report(source: str) -> AnnualReport:
    """A report from a workbook or from canonical JSON, told apart by content.

    Raises:
        DocumentInputError: the file is a published report (PDF, Word, HTML, Markdown,
            text, a page image).
    """
    if source != "-":
        from zfxxgk.xlsx.files import check_input

        path = check_input(source)
        named = by_suffix(source)
        if named is not None and named.family == WORKBOOK and _workbook_head(path):
            return _read_workbook(path, source)  # the common case: no sniffing
        found, certain = sniff_path(str(path))
        if found.family == WORKBOOK:
            return _read_workbook(path, source)
        if found.family not in REPORT:
            _refuse(found, source, certain)
    report = load_report_data(source)
    from zfxxgk.core.model import Provenance

    report.provenance = Provenance(file="<stdin>" if source == "-" else source, kind="json")
    return report


def _workbook_head(path: Path) -> bool:
    """The file starts as a workbook does (a zip or an OLE2 compound file)."""
    with open(path, "rb") as fh:
        return fh.read(8).startswith((b"PK", OLE_MAGIC))


def _read_workbook(path: Path, source: str) -> AnnualReport:
    """A workbook read; a Word document (or another format) under a workbook's name is
    refused as what it is, and every error names the file."""
    from zfxxgk.workbook.read import read

    try:
        return read(path)
    except WorkbookFormatError:
        found, certain = sniff_path(str(path))
        if found.family not in REPORT:
            _refuse(found, source, certain)
        raise
    except CellValueError as exc:
        # a label where the template has a value: a workbook staff made themselves;
        # where the published reader reads it, the error says so
        if not _in_template_layout(path) and _parse_reads(path):
            said = exc.note.params
            raise LayoutError.of(
                "workbook-not-template",
                file=source,
                sheet=exc.sheet,
                cell=exc.cell,
                field=said.get("field"),
                value=said.get("value"),
            ) from None
        raise exc.located(file=source) from None
    except ZfxxgkError as exc:  # e.g. the model's refusal of a value: which file
        raise exc.located(file=source) from None


def _in_template_layout(path: Path) -> bool:
    """Whether the workbook's tables stand where our template puts them (a typo in such
    a workbook's cell is the cell's error, not a sign of another layout)."""
    from zfxxgk.core.discover import discover
    from zfxxgk.core.editions.common import ADDED_SHEETS
    from zfxxgk.workbook.read import load_sheets

    try:
        sheets = load_sheets(path)
        found = discover({n: s.cells for n, s in sheets.items() if n not in ADDED_SHEETS})
    except ZfxxgkError:
        return False
    return bool(found.known)


def _parse_reads(path: Path) -> bool:
    """Whether ``zfxxgk parse`` finds the report's tables in this workbook."""
    from zfxxgk.published.parse import parse

    try:
        parse(path)
    except ZfxxgkError:
        return False
    return True


def _refuse(found: Format, name: str, certain: bool = True) -> None:
    """Refuse a published report given where report data is read. Where only its name
    says what it is (junk named .pdf), it is refused as no spreadsheet: not sent to
    ``zfxxgk parse``, and not parsed here to find out why."""
    if not certain:
        raise WorkbookFormatError.of("not-a-spreadsheet", file=name)
    raise DocumentInputError.of("document-not-report-data", file=name, format=term(found))


def load_any(source: str) -> AnnualReport:
    """A report from a workbook, canonical JSON or a published report (parsed by
    :func:`zfxxgk.parse`; the parse warnings are in the provenance notes), told apart by
    content (see :mod:`zfxxgk.app.formats`). A workbook that ``read`` finds laid out
    otherwise than our template (``workbook-not-template``) is parsed."""
    if source == "-":
        return load_report(source)
    from zfxxgk.xlsx.files import check_input

    found = sniff_file(str(check_input(source)))
    if found.family in REPORT:
        try:
            return load_report(source)
        except LayoutError as exc:
            if exc.code != "workbook-not-template":
                raise
            # a workbook staff made: read as a published report's tables are
    from zfxxgk.published.parse import parse

    return parse(source).report


def parse_document(source: str, data: bytes | None = None) -> ParseResult:
    """:func:`zfxxgk.parse` of a published report or a workbook (its visible sheets'
    grids, read as a published report's tables are); report JSON is refused with a
    message that names ``zfxxgk read`` (it holds the report already)."""
    from zfxxgk.published.parse import parse

    if data is None and source != "-":
        from zfxxgk.xlsx.files import check_input

        found, certain = sniff_path(str(check_input(source)))
        if found.family in REPORT and not certain:
            load_report(source)  # only its name says so: its reader says what is wrong
    else:
        found = sniff(data or b"", source)
    if found.family == JSON:
        raise DocumentInputError.of("report-data-not-document", file=source, format=term(found))
    # a workbook: its sheets' grids, read as a published report's tables are
    return parse(source, data=data)
