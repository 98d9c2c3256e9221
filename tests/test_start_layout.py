"""The layout vocabulary's plain classes behave as the frozen attrs classes they replace:
equal by their fields, hashed alike when equal, frozen, shown and pickled field by field,
and :func:`zfxxgk.core.layout.evolve` changes one field of a copy."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Iterator

import pytest
from attrs.exceptions import FrozenInstanceError

from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.grid import place_table
from zfxxgk.core.layout import Edition, Field, FrozenValue, evolve


def values(x: object) -> Iterator[FrozenValue]:
    """Every vocabulary value reachable from ``x`` (its fields, tuples of them)."""
    if isinstance(x, FrozenValue):
        yield x
        for name in x._fields:
            yield from values(getattr(x, name))
    elif isinstance(x, tuple):
        for y in x:
            yield from values(y)


@pytest.mark.parametrize("edition_id", sorted(EDITIONS))
def test_every_value_of_an_edition_acts_as_a_frozen_value(edition_id: str) -> None:
    edition = EDITIONS[edition_id]
    seen = list(values(edition)) + list(edition.field_list)
    seen += [x for t in edition.tables for x in values(place_table(t).labels)]  # the grid's
    assert len({type(v) for v in seen}) >= 12  # the vocabulary, not a corner of it
    for v in seen:
        twin = type(v)(*v._values())
        assert twin == v and hash(twin) == hash(v)
        assert repr(twin) == repr(v)
        assert repr(v).startswith(f"{type(v).__name__}({v._fields[0]}=")
        assert pickle.loads(pickle.dumps(v)) == v
        assert copy.deepcopy(v) == v
        with pytest.raises(FrozenInstanceError):
            setattr(v, v._fields[0], None)
        with pytest.raises(FrozenInstanceError):
            delattr(v, v._fields[0])
        assert v != object() and v != 0


def test_evolve_changes_one_field() -> None:
    field = EDITIONS["2021"].field_list[0]
    changed = evolve(field, computed=not field.computed)
    assert isinstance(changed, Field)
    assert changed.computed is not field.computed and changed != field
    assert evolve(changed, computed=field.computed) == field
    assert changed.path == field.path and changed.labels == field.labels


def test_an_edition_keeps_its_computed_properties_apart_from_its_fields() -> None:
    """The cached properties live beside the fields: a pickled edition is equal and
    computes them again."""
    edition = EDITIONS["2019"]
    assert edition.field_map  # computed and cached
    back = pickle.loads(pickle.dumps(edition))
    assert isinstance(back, Edition) and back == edition
    assert "field_map" not in back.__dict__
    assert back.field_map == edition.field_map
