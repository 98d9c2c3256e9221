"""The spreadsheet layer's small pieces: A1 references, stored numbers, input checks."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.errors import InputFileError, InputNotFoundError
from zfxxgk.xlsx.files import check_input
from zfxxgk.xlsx.numbers import MAX_EXACT_INT, to_number
from zfxxgk.xlsx.refs import MAX_COLUMNS, cell_ref, column_index, column_letters


class TestReferences:
    @given(st.integers(0, MAX_COLUMNS - 1))
    def test_column_letters_round_trip(self, col: int) -> None:
        letters = column_letters(col)
        assert letters.isalpha() and letters.isupper() and 1 <= len(letters) <= 3
        assert column_index(letters) == col
        assert column_index(letters.lower()) == col

    @pytest.mark.parametrize(
        ("col", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
    )
    def test_the_letter_boundaries(self, col: int, letters: str) -> None:
        assert column_letters(col) == letters and column_index(letters) == col

    def test_last_column_and_cell_refs(self) -> None:
        assert column_letters(MAX_COLUMNS - 1) == "XFD"
        assert cell_ref(4, 9) == "J5" and cell_ref(0, 0) == "A1"

    def test_a_negative_column_is_refused(self) -> None:
        with pytest.raises(ValueError, match="negative"):
            column_letters(-1)


class TestStoredNumbers:
    @pytest.mark.parametrize(
        ("value", "stored"),
        [
            (7, 7),
            (Decimal("7545"), 7545),
            (Decimal("7545.00"), 7545),
            (Decimal("75394432.52"), 75394432.52),
            (Decimal(MAX_EXACT_INT), MAX_EXACT_INT),
        ],
    )
    def test_whole_amounts_are_stored_as_integers(
        self, value: int | Decimal, stored: object
    ) -> None:
        out = to_number(value)
        assert out == stored and type(out) is type(stored)

    def test_a_whole_amount_beyond_the_exact_range_is_a_float(self) -> None:
        out = to_number(Decimal(MAX_EXACT_INT + 1))
        assert isinstance(out, float)

    @given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
    def test_a_stored_amount_reads_back_as_itself(self, value: Decimal) -> None:
        """15 significant digits survive the binary double a spreadsheet keeps."""
        assert Decimal(repr(to_number(value))) == value


class TestInputChecks:
    def test_a_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputNotFoundError) as info:
            check_input(tmp_path / "none.xlsx")
        assert str(tmp_path / "none.xlsx") in str(info.value)
        assert info.value.code == "input-missing"

    def test_a_folder(self, tmp_path: Path) -> None:
        with pytest.raises(InputFileError) as info:
            check_input(tmp_path)
        assert info.value.code == "input-is-folder"

    def test_an_unreadable_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A file this user may not read (the permission asked of the system, as a
        superuser may read anything)."""
        p = tmp_path / "locked.xlsx"
        p.write_bytes(b"PK")
        asked: list[object] = []

        def no_access(path: object, mode: int) -> bool:
            asked.append(path)
            return mode != os.R_OK

        monkeypatch.setattr(os, "access", no_access)
        with pytest.raises(InputFileError) as info:
            check_input(p)
        assert info.value.code == "input-not-permitted"
        assert asked == [p]

    def test_a_readable_file_is_returned_as_a_path(self, tmp_path: Path) -> None:
        p = tmp_path / "x.xlsx"
        p.write_bytes(b"PK")
        assert check_input(str(p)) == p


class TestOpenpyxlLoad:
    def test_a_damaged_workbook_is_our_error_naming_it(self, tmp_path: Path) -> None:
        """Whatever openpyxl raises on a damaged file becomes one error naming the file."""
        from zfxxgk.errors import WorkbookFormatError
        from zfxxgk.xlsx.files import load

        bad = tmp_path / "bad.xlsx"
        bad.write_bytes(b"PK\x03\x04 truncated")
        with pytest.raises(WorkbookFormatError) as info:
            load(bad)
        assert info.value.file == str(bad)

    def test_a_good_workbook_loads_quietly(self, recwarn: pytest.WarningsRecorder) -> None:
        from zfxxgk import template_path
        from zfxxgk.xlsx.files import load

        wb = load(template_path("2021"))
        assert "三、依申请" in wb.sheetnames and len(recwarn) == 0
