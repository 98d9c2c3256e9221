"""Notes are data: a code, a place and parameters; text only at the edge."""

from __future__ import annotations

import string

import pytest

from zfxxgk import AnnualReport, fill, read
from zfxxgk.app.batch import error_record
from zfxxgk.errors import UnknownFieldError, WorkbookFormatError
from zfxxgk.notes import NOTE_KINDS, SEVERITIES, Note


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def _sample(template_texts: list[str]) -> dict[str, object]:
    """A value for each parameter: a number where a template formats it as one
    (``{seconds:g}``), else a marked text."""
    out: dict[str, object] = {}
    for text in template_texts:
        for _, field, spec, _ in string.Formatter().parse(text):
            if not field:
                continue
            name = field.split("!")[0]
            numeric = bool(spec) and spec[-1] in "bcdeEfFgGnoxX%"
            if numeric:
                out[name] = 7 if spec[-1] in "bcdoxX" else 1.5
            else:
                out.setdefault(name, f"<{name}>")
    return out


class TestNote:
    @pytest.mark.parametrize("code", sorted(NOTE_KINDS))
    def test_every_kind_renders_in_both_languages(self, code: str) -> None:
        """Each catalogued kind has a severity and two templates over the same parameters."""
        kind = NOTE_KINDS[code]
        assert kind.severity in SEVERITIES
        texts = [kind.zh, kind.en, *(x for c in kind.clauses for x in (c.zh, c.en))]
        note = Note(code, "三、依申请", "E5", _sample(texts))
        zh, en = note.text("zh"), note.text("en")
        assert zh.startswith("'三、依申请'!E5: ") and en.startswith("'三、依申请'!E5: ")
        assert "{" not in zh and "{" not in en
        assert str(note) == f"'三、依申请'!E5: {zh.split(': ', 1)[1]} / {en.split(': ', 1)[1]}"

    def test_unknown_code_is_refused(self) -> None:
        """A note's code must be in the catalogue: a typo cannot slip through."""
        with pytest.raises(ValueError):
            Note("no-such-note")

    def test_to_dict_keeps_code_place_and_params(self) -> None:
        """The JSON form carries the code and the parameters, not only the sentence."""
        d = Note("year-text", "封面", "B4", {"text": "2024年", "year": "2024"}).to_dict()
        assert d["code"] == "year-text" and d["cell"] == "B4" and d["params"]["year"] == "2024"
        assert "2024" in d["zh"] and "2024" in d["en"]


class TestReaderNotes:
    def test_text_number_note_names_the_cell(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        """A number typed as text is read, and its note carries code, sheet and cell."""
        import openpyxl

        report = AnnualReport(edition="2021", agency="某局", year=2024)
        report.applications.new_received.natural_person = 3
        out = fill(report.with_totals(), tmp_path / "r.xlsx")
        wb = openpyxl.load_workbook(out)
        wb["三、依申请"]["D5"] = "4"
        wb.save(out)
        back = read(out)
        assert back.applications.new_received.natural_person == 4
        assert back.provenance is not None
        (note,) = [n for n in back.provenance.notes if n.code == "text-number"]
        assert (note.sheet, note.cell, note.params["raw"]) == ("三、依申请", "D5", "4")


class TestModelWrites:
    def test_a_typo_raises_with_the_nearest_field(self) -> None:
        """An unknown attribute is refused (slots), naming the field that was meant."""
        report = AnnualReport(edition="2021")
        with pytest.raises(UnknownFieldError) as info:
            report.applications.disclosed.natual_person = 10  # type: ignore[attr-defined]
        assert "natural_person" in str(info.value)
        with pytest.raises(AttributeError, match="disclosed"):
            report.applications.dislosed = report.applications.disclosed  # type: ignore[attr-defined]

    def test_each_value_is_converted_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """from_dict converts every value exactly once (no second pass through a converter)."""
        import zfxxgk.core.model as model

        report = AnnualReport(edition="2021").with_zeros()
        data = report.to_dict()
        calls = 0
        real = model.convert

        def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(model, "convert", counting)
        AnnualReport.from_dict(data)
        stated = sum(1 for _f, v in report.items() if v is not None)
        assert stated <= calls <= stated + 1


class TestBatchRecords:
    def test_error_record_carries_the_place(self) -> None:
        """A batch record of a failed file keeps the error's file, sheet and cell."""
        exc = WorkbookFormatError("坏", "bad", file="a.xlsx", sheet="三、依申请", cell="J5")
        record = error_record("a.xlsx", exc)
        assert record.error is not None
        assert record.error["sheet"] == "三、依申请" and record.error["cell"] == "J5"
        assert record.error["type"] == "workbook-format"


class TestTruncation:
    def test_a_value_past_the_rows_read_is_named(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        """A value beyond the rows or columns read is not silently lost: a note names the
        sheet and the limit."""
        import openpyxl

        from zfxxgk.xlsx.cells import MAX_COLS, MAX_ROWS

        report = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros().with_totals()
        out = fill(report, tmp_path / "r.xlsx")
        wb = openpyxl.load_workbook(out)
        wb["三、依申请"].cell(row=MAX_ROWS + 5, column=2, value=7)
        wb.save(tmp_path / "far.xlsx")
        back = read(tmp_path / "far.xlsx")
        assert back.provenance is not None
        (note,) = [n for n in back.provenance.notes if n.code == "sheet-truncated"]
        assert note.sheet == "三、依申请" and note.params == {"rows": MAX_ROWS, "cols": MAX_COLS}
        # an untouched workbook has no such note
        assert read(out).provenance.notes == []  # type: ignore[union-attr]


def test_docs_list_every_note_code() -> None:
    """The documentation's code page names every note code."""
    from conftest import ROOT

    page = (ROOT / "docs" / "reference" / "notes.md").read_text(encoding="utf-8")
    missing = [c for c in NOTE_KINDS if f"`{c}`" not in page]
    assert not missing


class TestEditionFromRows:
    @pytest.mark.parametrize("edition", ["2021", "2019"])
    def test_without_section_two(self, edition: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
        """Without section 二, the 2021 edition is told by its own rows of section 三 (a
        note says which row); the 2019 edition, which has none of its own, by the year."""
        import openpyxl

        report = AnnualReport(
            edition=edition, agency="某局", year=2020 if edition == "2019" else 2024
        )
        out = fill(report.with_zeros().with_totals(), tmp_path / "r.xlsx")
        wb = openpyxl.load_workbook(out)
        del wb["二、主动公开"]
        wb.save(tmp_path / "no2.xlsx")
        back = read(tmp_path / "no2.xlsx")
        assert back.edition == edition
        codes = {n.code for n in back.provenance.notes}  # type: ignore[union-attr]
        assert ("edition-by-rows" if edition == "2021" else "edition-by-year") in codes


def test_a_stale_hidden_subtotal_is_dropped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A clerk edits a （六） row after filling: the hidden （六） subtotal, which no cell
    shows, is not kept against the new row (it would fail a rule the clerk cannot see)."""
    import openpyxl

    from zfxxgk.core.grid import all_fields

    r = AnnualReport(edition="2021", agency="某局", year=2024).with_zeros()
    r.applications.other_total.total = 0
    out = fill(r.with_totals(), tmp_path / "r.xlsx")
    assert read(out).applications.other_total.total == 0  # kept while nothing changed
    sheet, span = all_fields(r.layout)[("applications", "other_reasons", "total")]
    wb = openpyxl.load_workbook(out)
    wb[sheet][span.ref()] = 2
    wb.save(tmp_path / "edited.xlsx")
    back = read(tmp_path / "edited.xlsx")
    assert back.applications.other_total.total is None
    codes = [n.code for n in back.provenance.notes]  # type: ignore[union-attr]
    assert "hidden-stale-subtotal" in codes and "visible-edited" in codes
