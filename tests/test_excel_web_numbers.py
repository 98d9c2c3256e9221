"""Excel's "save as web page" of a report's sheet: a number shown otherwise than the
cell holds (``x:num``) is read as Excel's workbook reader reads the cell.

A negative shown by its colour alone (``0;[Red]0``: ``x:num="-31">31``) and a number
scaled by thousands (``#,##0,``: ``x:num="1234">1``) are read as the number held, and a
note says so; a number rounded (``0``: ``x:num="1234.5">1235``) is blank with a
warning naming its row. Before, the text shown was read: -31 as 31, 1234 as 1."""

from __future__ import annotations

import math
import random
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from producers import random_report, samples_and_random, score
from zfxxgk import AnnualReport, parse
from zfxxgk.published.export import to_html
from zfxxgk.published.xnum import held_text

_STYLE = (
    "<style>\n.xl66{mso-style-parent:style0;mso-number-format:General;}\n"
    '.xl67{mso-style-parent:style0;color:red;mso-number-format:"0\\;\\[Red\\]0";}\n'
    '.xl68{mso-style-parent:style0;mso-number-format:"\\#\\,\\#\\#0\\,";}\n'
    ".xl69{mso-style-parent:style0;mso-number-format:0;}\n"
)


def _shown(value: Decimal, mode: str) -> tuple[str, str]:
    """What Excel shows of ``value`` under the mode's format, and the cell's class."""
    if mode == "red" and value < 0:
        return str(-value), "xl67"
    if mode == "scaled":
        scaled = (value / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return f"{scaled:,}", "xl68"
    if mode == "rounded" and value != value.to_integral_value():
        return str(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)), "xl69"
    return str(value), "xl66"


def excel_page(report: AnnualReport, mode: str, folder: Path) -> Path:
    """The report's tables as Excel saves a sheet as a web page, numbers under ``mode``'s
    format (red negatives, scaled by thousands, rounded to whole numbers)."""

    def cell(m: re.Match[str]) -> str:
        open_tag, text = m.group(1), m.group(2)
        plain = text.replace(",", "")
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", plain):
            return m.group(0)
        shown, cls = _shown(Decimal(plain), mode)
        return f'{open_tag[:-1]} class={cls} align=right x:num="{plain}">{shown}</td>'

    page = re.sub(r"(<td[^>]*>)(.*?)</td>", cell, to_html(report))
    page = page.replace(
        '<html lang="zh-CN">',
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">',
    )
    page = page.replace("<style>", _STYLE, 1)
    path = folder / f"excel-{mode}.htm"
    path.write_text(page, encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", ["red", "scaled", "rounded", "plain"])
def test_numbers_shown_otherwise_read_as_held_or_warned(mode: str, tmp_path: Path) -> None:
    told = 0
    for name, report in samples_and_random(7, 4).items():
        result = parse(excel_page(report, mode, tmp_path))
        s = score(report, result)
        assert s.wrong_cells == (), name
        said = [n for n in result.notes if n.code == "page-shown-otherwise"]
        told += sum(n.params["count"] for n in said)
        if mode == "plain":
            assert s.blank == 0 and not said
    if mode in ("red", "scaled"):
        assert told > 0  # (negatives and numbers of a thousand or more were met)


@pytest.mark.parametrize(
    ("shown", "held", "read", "said"),
    [
        ("31", "-31", "-31", True),
        ("1", "1234", "1234", True),
        ("1.2", "1234567", "1234567", True),
        ("0", "123", "123", True),
        ("1,234", "1234", "1,234", False),
        ("12", "12", "12", False),
        ("12件", "12", "12件", False),
        ("-", "0", "-", False),
        ("3.7%", "0.037", "3.7%", False),
        ("16.8", "16.799999999999997", "16.8", False),
        ("3", "3.0000000000000004", "3", False),
        ("0.3", "0.30000000000000004", "0.3", False),
        ("31", "-30.999999999999996", "-31", True),
    ],
)
def test_held_text(shown: str, held: str, read: str, said: bool) -> None:
    assert held_text(shown, held) == (read, said)


@pytest.mark.parametrize(("shown", "held"), [("1235", "1234.5"), ("0", "0.4"), ("7", "12")])
def test_a_number_shown_rounded_or_otherwise_is_unproved(shown: str, held: str) -> None:
    from zfxxgk.core.cellvalue import ROUNDED

    assert held_text(shown, held) == (shown + ROUNDED, False)


def test_random_reports_have_negatives_to_show_red() -> None:
    report = random_report(random.Random(7), "2019")
    assert any(v is not None and v < 0 for _, v in report.items())


def test_a_doubles_noise_is_no_rounding(tmp_path: Path) -> None:
    """Excel writes the double a cell holds in its x:num: a sum of amounts (16.8 held as
    16.799999999999997) or any number one unit of its last place off is shown as it is
    meant, no rounding (before: blank with a warning, where the number shown was right)."""
    for name, report in samples_and_random(7, 4).items():
        page = excel_page(report, "plain", tmp_path).read_text(encoding="utf-8")

        def noisy(m: re.Match[str]) -> str:
            value = float(m.group(1))
            return f'x:num="{math.nextafter(value, -math.inf) if value else 0}"'

        path = tmp_path / "noise.htm"
        path.write_text(re.sub(r'x:num="([^"]+)"', noisy, page), encoding="utf-8")
        s = score(report, parse(path))
        assert (s.blank, s.wrong_cells) == (0, ()), name
