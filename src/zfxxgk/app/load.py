"""Loading any report input: a workbook or canonical JSON, told apart by content."""

from __future__ import annotations

from zfxxgk.core.jsonio import loads
from zfxxgk.core.model import AnnualReport
from zfxxgk.errors import ZfxxgkError


def load_report_data(source: str) -> AnnualReport:
    """A report from a JSON file path, or from standard input when ``source`` is ``-``."""
    name = "<stdin>" if source == "-" else source
    from zfxxgk.xlsx.files import read_input, read_stdin

    data = read_stdin() if source == "-" else read_input(source)
    try:
        return AnnualReport.from_dict(loads(data, source=name))
    except ZfxxgkError as exc:
        raise exc.located(file=name) from None


def load_report(source: str) -> AnnualReport:
    """A report from a workbook or from canonical JSON, told apart by content."""
    if source != "-":
        from zfxxgk.xlsx.files import OLE_MAGIC, check_input

        path = check_input(source)
        with open(path, "rb") as fh:
            head = fh.read(8)
        workbook_name = path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods")
        if head.startswith(b"PK") or head.startswith(OLE_MAGIC) or workbook_name:
            from zfxxgk.workbook.read import read

            return read(path)
    report = load_report_data(source)
    from zfxxgk.core.model import Provenance

    report.provenance = Provenance(file="<stdin>" if source == "-" else source)
    return report
