"""A number wrapped beside a label that wraps too, its row's short numbers centred between.

Review of 09a8e39: chromium prints a borderless report with 4.保护第三方合法权益 wrapped
over two lines (4.保护第三方合法权 / 益, the second line beside the group label's
（三）不), the row's long number 374558584116 wrapped beside them (3745585 / 84116) and
its short numbers on the line centred between. The short numbers, taken by both lines,
were left blank with a warning; but 3745585, in a column the line between leaves empty,
was read as the row's number: another number, no warning (1 cell in 48 prints made in
the review; the test below fails on 09a8e39). Now two rows that took the same pieces,
one of them a wrapped label's line, hold a number in a column both write only as doubt:
both are left blank with a warning.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pdf_producers import BORDERLESS, chromium, print_with_chromium
from producers import PRODUCERS, random_report, score
from zfxxgk import parse
from zfxxgk.core.cellvalue import UNSURE
from zfxxgk.published.pdf import UNRULED, _stranded_pieces
from zfxxgk.published.source import TextRow

WIDTH = 35


def _row(line: int, **cells: str) -> TextRow:
    out = [""] * WIDTH
    for key, text in cells.items():
        out[int(key[1:])] = text
    return TextRow(tuple(out), True, line, page=1, table=UNRULED)


def test_a_number_beside_a_wrapped_label_line_is_doubtful() -> None:
    rows = [
        _row(1, c6="3.危及“三安全一稳定”", c15="40730\n25", c18="60", c24="0", c26="0"),
        _row(2),
        _row(3, c6="4.保护第三方合法权", c26="3745585"),
        _row(4, c12="0", c15="48", c18="5", c24="0", c31="0", c33="0"),
        _row(5, c2="（三）不益", c26="84116"),
        _row(6, c2="予公开", c6="5.属于三类内部事务信息", c15="0", c18="12", c26="0"),
    ]
    _stranded_pieces(rows)
    assert UNSURE in rows[2].cells[26]  # 3745585: perhaps a piece of the row's number
    assert UNSURE in rows[4].cells[26]


def test_a_shared_pair_of_known_labels_keeps_its_numbers() -> None:
    """Two rows whose labels are whole keep the numbers no piece touched."""
    rows = [
        _row(1, c6="3.危及“三安全一稳定”", c15="40730", c26="0"),
        _row(2, c12="0", c15="48"),
        _row(3, c6="4.保护第三方合法权益", c15="11", c26="3745585"),
    ]
    _stranded_pieces(rows)
    assert rows[2].cells[26] == "3745585"
    assert rows[0].cells[26] == "0"


def test_the_printed_report_reads_no_other_number(tmp_path: Path) -> None:
    pytest.importorskip("pypdfium2")
    exe = chromium()
    if exe is None:
        pytest.skip("chromium is not installed")
    report = random_report(random.Random(5), "2021")
    text = PRODUCERS["html"](report, tmp_path).read_text("utf-8")
    text = text.replace("</head>", BORDERLESS, 1).replace(' border="1"', "")
    page = tmp_path / "page.html"
    page.write_text(text, "utf-8")
    print_with_chromium([(page, page.with_suffix(".pdf"))], exe, timeout=300)
    s = score(report, parse(page.with_suffix(".pdf")))
    assert s.wrong_cells == ()


def test_a_label_under_its_group_label_owns_the_pieces_below_it() -> None:
    """Review of 09a8e39: （三）不予公开 | 4.保护第三方合法权益 on a line of labels alone,
    its 0 printed on the next line (centred on the group's wrapped label): the line was
    no owner (one label only was looked for), the 0 went to no row and 4.'s cell was
    blank with no warning naming it (1 cell of 20 chromium prints of reports with blanks).
    Now it is an owner too: its cell is left blank with a warning, as the row above's."""
    rows = [
        _row(1, c6="3.危及“三安全一稳定”", c10="88", c21="8", c28="22400\n31", c30="0"),
        _row(2),
        _row(3, c2="（三）不予公开", c6="4.保护第三方合法权益"),
        _row(4, c21="0"),
        _row(5, c6="5.属于三类内部事务信息", c13="0"),
    ]
    _stranded_pieces(rows)
    assert UNSURE in rows[2].cells[21]
    assert UNSURE in rows[0].cells[21] and UNSURE in rows[4].cells[21]


def test_a_header_over_the_columns_owns_no_pieces() -> None:
    """A control: labels over the values' columns are a header, not a row's label."""
    rows = [
        _row(1, c13="自然人", c21="商业企业"),
        _row(2, c21="12"),
        _row(3, c6="5.属于三类内部事务信息", c13="0", c21="7"),
    ]
    _stranded_pieces(rows)
    assert rows[0].cells[21] == "商业企业"
