"""The short cuts of the third HTML speed pass give what the plain computations give.

``align`` judges a row's groups, their order and a column past its headers once per
shape (its headers, its columns, how many fields it has), not once per row: held to the
judgements made per row on the producers' pages, the hostile ones and random reports
(``benchmarks/parse_snapshot.py`` compares whole parse results of a corpus).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hostile_producers import FORMATS, TRANSFORMS, produce
from producers import CHEAP, PRODUCERS, samples_and_random
from zfxxgk import parse
from zfxxgk.errors import ZfxxgkError
from zfxxgk.published import parse as parse_module


def _result(path: Path) -> Any:
    """Everything a parse gives, as comparable data (or the error it raises)."""
    try:
        r = parse(path)
    except ZfxxgkError as exc:
        return ["error", type(exc).__name__, str(exc)]
    prov = r.report.provenance
    assert prov is not None
    return json.dumps(
        [
            r.to_dict(),
            [repr(n) for n in (*r.notes, *r.warnings, *prov.notes)],
            sorted(f"{k!r}={v!r}" for k, v in prov.cells.items()),
            r.check.to_json(),
        ],
        default=repr,
        sort_keys=True,
    )


def _documents(folder: Path) -> list[Path]:
    """The samples and random reports by every cheap producer; the first sample and the
    last random report by every hostile transformation, the formats in turn."""
    reports = list(samples_and_random(23, randoms=4).values())
    formats = sorted(FORMATS)
    out: list[Path] = []
    for i, report in enumerate(reports):
        for producer in CHEAP:
            where = folder / f"{i}-{producer}"
            where.mkdir()
            out.append(PRODUCERS[producer](report, where))
        if i not in (0, len(reports) - 1):
            continue
        for j, transform in enumerate(sorted(TRANSFORMS)):
            fmt = formats[(i + j) % len(formats)]
            where = folder / f"{i}-{transform}-{fmt}"
            where.mkdir()
            out.append(produce(report, transform, fmt, where))
    return out


def test_rows_of_one_shape_judged_once_as_each_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = _documents(tmp_path)
    shaped = [_result(d) for d in documents]
    monkeypatch.setattr(parse_module, "_row_columns", lambda edition_id: {})
    alone = [_result(d) for d in documents]
    differ = [d.name for d, a, b in zip(documents, shaped, alone, strict=True) if a != b]
    assert len(documents) > 150
    assert differ == []


def test_a_blank_cell_set_directly_as_read_cell_sets_it() -> None:
    """``_report`` sets a blank cell's field absent without ``read_cell``: the same
    report, in any order of cells, whatever was set before (a unit from a suffix)."""
    import random

    from producers import random_report
    from zfxxgk.core.cellread import read_cell
    from zfxxgk.core.model import Provenance
    from zfxxgk.core.recordbase import set_typed

    rng = random.Random(31)
    for i in range(6):
        truth = random_report(rng, ("2019", "2021")[i % 2])
        fields = list(truth.layout.fields())
        blank = rng.sample(fields, len(fields) // 3)
        plain, direct = truth.copy(), truth.copy()
        for f in blank:
            read_cell(plain, f, {}, parse_module.SHEET, 0, 0, Provenance())
            table, part, key = f.path
            set_typed(getattr(getattr(direct, table), part), key, None)
        assert plain.to_dict() == direct.to_dict()
        assert any(truth.get(f.path) is not None for f in blank)


def test_a_short_label_matches_only_by_its_forms() -> None:
    """``find`` scans no rows fuzzily for a label whose core is under 4 characters: such
    a label matches a text only where one of its forms is the text's (what the index
    looks up), on the editions' labels and random texts made of their pieces."""
    import random

    from zfxxgk.core.discover import _variants, match_score
    from zfxxgk.core.editions import EDITIONS

    labels = sorted(
        {x for e in EDITIONS.values() for f in e.fields() for x in f.labels if x}
        | {"小计", "合计", "其他", "总计", "其它", "(一)", "1.规章", "其他(1)"}
    )
    short = [lab for lab in labels if len(_variants(lab)[1]) < 4]
    rng = random.Random(5)
    pieces = [*labels, "(", ")", "1.", "、", " ", "计", "小", "其", "他"]
    texts = labels + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))) for _ in range(3000)
    ]
    assert len(short) > 5
    for label in short:
        for text in texts:
            t = _variants(text)
            if match_score(t[0], label) > 0:
                assert any(a == b for a, b in zip(t, _variants(label), strict=True) if b)
