"""A note's parameters are data, never words: each is None, a number, a list of values,
a typed value of :mod:`zfxxgk.noteparams`, or a text that the input or the edition holds
(a label, a title, a sheet name, a cell's text, a reference to a cell of such a sheet).
The words around them — 空 / blank, 上年 / last year's, the list separator — are added
per language when a message is made, and the JSON form round-trips.

The corpora are the notes that zfxxgk makes: the check of generated reports (with last
year's), the parse of the samples, and the parse of a few producers' documents.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import producers
from conftest import SAMPLES
from strategies import reports
from zfxxgk import AnnualReport, check, parse, read
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.findings import CellInfo, compact_refs, ref_runs
from zfxxgk.core.grid import all_fields
from zfxxgk.core.labels import normalize
from zfxxgk.core.layout import FrozenValue
from zfxxgk.core.rules import RULES
from zfxxgk.noteparams import Cut, LastYear, Setting, cut
from zfxxgk.notes import NOTE_KINDS, Note
from zfxxgk.published.narrative import CLAIMS
from zfxxgk.workbook.read import load_sheets

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
#: one reference: ``'三、依申请'!D5``, a range ``…!D9:D27`` or a run ``…!D5…D29``
REF = re.compile(r"'(?P<sheet>[^']+)'!\$?[A-Z]+\$?\d+(?:[:…]\$?[A-Z]+\$?\d+)?")
#: a published report's place (``CellSource.cell``, still text; its own item of issue 20)
_AT = r"(?:第\d+页 表\S+ )?第\d+行第\d+格"
TEXT_PLACE = re.compile(rf"'正文'!{_AT}(?:…{_AT})?")
#: the words the renderer adds: never a parameter's value
RENDERED = {"空", "无", "blank", "none"}


def _walk(obj: Any, seen: set[int]) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
        return
    if id(obj) in seen or isinstance(obj, int | float | Decimal | bool | type) or obj is None:
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _walk(k, seen)
            yield from _walk(v, seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for v in obj:
            yield from _walk(v, seen)
    elif attrs.has(type(obj)):
        for a in attrs.fields(type(obj)):
            yield from _walk(getattr(obj, a.name), seen)
    elif isinstance(obj, FrozenValue):  # the layout vocabulary's values
        for name in type(obj)._fields:
            yield from _walk(getattr(obj, name), seen)


@cache
def edition_texts() -> frozenset[str]:
    """Every text of the editions, the rules and the narrative's figures: labels, titles,
    statements, sheet names, column names, keys."""
    seen: set[int] = set()
    out = set(_walk((EDITIONS, RULES, CLAIMS), seen))
    for edition in EDITIONS.values():
        out.update(eq.statement for eq in edition.equations)
        for f in edition.fields():
            out.update((f.label, f.short, *f.labels, f"{f.label} ≥ 0"))
        out.update(sheet for sheet, _ in all_fields(edition).values())
        out.update(t.title for t in edition.tables)
    out.update(r.formula for r in RULES.values())
    return frozenset(out)


def _atoms(value: Any) -> Iterator[Any]:
    """The values of one parameter, typed values and lists opened."""
    if isinstance(value, LastYear):
        yield from _atoms(value.value)
    elif isinstance(value, Setting):
        yield from _atoms(value.label)
        yield from _atoms(value.value)
    elif isinstance(value, Cut):
        yield from _atoms(value.items)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _atoms(v)
    else:
        yield value


def _is_data(text: str, inputs: frozenset[str], within: str) -> bool:
    """A text of the input or the edition, or a reference to a cell of such a sheet."""
    if text in RENDERED:
        return False
    if not CJK.search(text) or text in inputs or text in edition_texts():
        return True
    if within and normalize(text) in within:
        return True
    if TEXT_PLACE.fullmatch(text):
        return True
    ref = REF.fullmatch(text)
    return ref is not None and (ref["sheet"] in edition_texts() or ref["sheet"] in inputs)


def assert_data(notes: Iterable[Note], inputs: Iterable[str] = (), within: str = "") -> set[str]:
    """Every parameter of every note is data; the JSON form round-trips. The codes seen."""
    known = frozenset(inputs)
    codes = set()
    for note in notes:
        codes.add(note.code)
        assert note.code in NOTE_KINDS
        for key, value in note.params.items():
            for atom in _atoms(value):
                assert atom is None or isinstance(atom, int | float | Decimal | bool | str), (
                    note.code,
                    key,
                    atom,
                )
                if isinstance(atom, str):
                    assert _is_data(atom, known, within), (note.code, key, atom)
        d = note.to_dict()
        assert json.loads(json.dumps(d, ensure_ascii=False)) == d
        assert note.text("zh") and note.text("en")
    return codes


def _report_texts(*reps: AnnualReport | None) -> set[str]:
    out: set[str] = set()
    for rep in reps:
        if rep is not None:
            out.update(_walk((rep.agency, rep.meta, [v for _, v in rep.items()]), set()))
    return out


# ---------------------------------------------------------------- the check's notes


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(st.data())
def test_the_check_notes_params_are_data(data: st.DataObject) -> None:
    report = data.draw(reports())
    previous = data.draw(st.one_of(st.none(), reports(edition=report.edition)))
    result = check(report, previous, include_passed=True)
    notes = [f.note for f in result.findings] + [c.note for c in result.likely]
    assert_data(notes, _report_texts(report, previous))


def _hongze() -> AnnualReport:
    return AnnualReport.from_json((SAMPLES / "2024-hongze-district.json").read_bytes())


def test_a_likely_cause_of_a_blank_cell_is_none_not_a_word() -> None:
    """A blank cell whose change mends two rules: its value is None (空 / blank at the edge)."""
    report = _hongze()
    report.applications.new_received.natural_person = None  # two totals now disagree
    causes = check(report).likely
    blank = [c for c in causes if c.cell.value is None]
    assert blank
    for cause in blank:
        assert cause.note.params["value"] is None
        assert "blank" in cause.message_en and "空" not in cause.message_en
    assert_data([c.note for c in causes], _report_texts(report))


def test_last_years_cells_are_marked_not_prefixed() -> None:
    """A cross-year rule over last year's blank cells names them as LastYear references."""
    report, previous = _hongze(), _hongze()
    for f, _ in list(previous.items()):
        if f.path[0] == "proactive":
            previous.set(f.path, None)
    notes = [f.note for f in check(report, previous, include_passed=True).findings]
    marked = [
        v
        for n in notes
        for value in n.params.values()
        for v in _atoms([value])
        if isinstance(v, str) and v.startswith("上年")
    ]
    assert not marked
    cross = [n for n in notes if n.code == "check-previous-blank"]
    assert cross
    for n in cross:
        assert all(isinstance(r, LastYear) for r in n.params["blank"])
        assert "last year's '" in n.text("en") and "上年 '" in n.text("zh")
    assert_data(notes, _report_texts(report, previous))


# ---------------------------------------------------------------- a workbook's notes

CORPUS = sorted((SAMPLES.parent / "corpus").glob("*.xls*"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_the_read_and_check_notes_of_the_workbooks_are_data(path: Path) -> None:
    """Reading a workbook of the corpus (text numbers, formulas, moved tables, renamed
    sheets) and checking it: each note's parameters are data."""
    sheets = load_sheets(path)
    inputs = set(sheets) | {str(v) for s in sheets.values() for v in s.cells.values()}
    report = read(path)
    result = check(report, include_passed=True)
    notes = [*report.provenance.notes] if report.provenance else []
    notes += [f.note for f in result.findings] + [c.note for c in result.likely]
    assert_data(notes, inputs | _report_texts(report))


# ---------------------------------------------------------------- the parse's notes


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_the_parse_notes_of_the_samples_are_data(path: Path) -> None:
    result = parse(path)
    text = normalize(path.read_text(encoding="utf-8"))
    notes = [*result.notes, *result.warnings]
    notes += [f.note for f in result.check.findings] if result.check else []
    assert_data(notes, _report_texts(result.report), within=text)


PRODUCERS = (producers.tab_text_squeezed, producers.word_text, producers.ocr_markdown)


@pytest.mark.parametrize("producer", PRODUCERS, ids=lambda p: p.__name__)
def test_the_parse_notes_of_producers_are_data(producer: Any, tmp_path: Path) -> None:
    rng = random.Random(20)
    for n, edition in enumerate(("2019", "2021", "2021")):
        folder = tmp_path / str(n)
        folder.mkdir()
        truth = producers.random_report(rng, edition)
        path = producer(truth, folder)
        result = parse(path)
        text = normalize(path.read_text(encoding="utf-8"))
        assert_data([*result.notes, *result.warnings], _report_texts(result.report), within=text)


def test_a_short_rows_values_are_a_list() -> None:
    """The values of a row that cannot be placed are a list of the row's texts (not
    ``0、2``, nor 无 for none)."""
    result = parse(SAMPLES / "2020-gaoan-science-bureau.txt")
    short = [w for w in result.warnings if w.code == "short-row"]
    assert short
    for w in short:
        assert isinstance(w.params["values"], list) and len(w.params["values"]) == w.params["count"]
        assert w.to_dict()["params"]["values"] == w.params["values"]


# ---------------------------------------------------------------- the renderer


def test_each_value_is_shown_per_language() -> None:
    sheet = "三、依申请"
    cells = [
        CellInfo("a.b.c", "甲", sheet, "D5", None),
        CellInfo("a.b.d", "乙", sheet, "D6", None),
        CellInfo("a.b.e", "丙", sheet, "D5", None, previous=True),
    ]
    runs = ref_runs(cells)
    assert runs == [f"'{sheet}'!D5:D6", LastYear(f"'{sheet}'!D5")]
    assert compact_refs(cells) == f"'{sheet}'!D5:D6、上年 '{sheet}'!D5"
    note = Note(
        "check-likely-cause",
        params={
            "where": LastYear(f"'{sheet}'!D5"),
            "label": "甲",
            "field": "a.b.c",
            "suggested": Decimal("1.50"),
            "value": None,
            "count": 2,
            "rules": ["R1", "R2"],
        },
    )
    en, zh = note.text("en"), note.text("zh")
    assert "last year's '三、依申请'!D5" in en and "上年 '三、依申请'!D5" in zh
    assert "1.50" in en and "(it is blank)" in en and "现为 空" in zh
    assert "R1, R2" in en and "R1、R2" in zh
    d = note.to_dict()
    assert d["params"]["rules"] == ["R1", "R2"] and d["params"]["value"] is None
    assert d["params"]["where"] == {"previous_year": f"'{sheet}'!D5"}
    assert d["params"]["suggested"] == "1.50"
    assert json.loads(json.dumps(d)) == d
    two = Note(
        "ambiguous-row",
        params={
            "label": "甲",
            "first": [Setting("本年", "3"), Setting("上年", None)],
            "second": [],
        },
    )
    assert "本年=3, 上年=blank" in two.text("en") and "本年=3、上年=空" in two.text("zh")
    assert "; or none)" in two.text("en")
    assert two.to_dict()["params"]["first"][1] == {"label": "上年", "value": None}
    shown = Note("fields-without-cell", params={"fields": cut("abcdefg", 5), "count": 7})
    assert shown.text("en").endswith("a, b, c, d, e…") and shown.to_dict()["params"]["fields"] == [
        *"abcde"
    ]


def test_an_errors_long_list_is_cut_not_named() -> None:
    """An error keeps a long list's first twenty items (shown with …), not ``<list of 30>``."""
    from zfxxgk.errors import LayoutError

    exc = LayoutError(
        note=Note("unknown-edition", params={"edition": "x", "known": list(range(30))})
    )
    assert exc.note.to_dict()["params"]["known"] == list(range(20))
    assert exc.en.endswith("18, 19…") and "list" not in exc.en
