"""zfxxgk.core.rulesfile: a rules file's size and shape bounded before any parser runs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.core.rulesfile import MAX_DEPTH, MAX_KEYS, check_bounds
from zfxxgk.errors import JsonInputError

rule_ids = st.from_regex(r"R[0-9]-[A-Z]{2,8}", fullmatch=True)
severities = st.sampled_from(["error", "warning", "info"])


@given(st.dictionaries(rule_ids, severities, max_size=60))
def test_an_ordinary_rules_file_passes(rules: dict[str, str]) -> None:
    toml = "".join(f'[rules.{k}]\nseverity = "{v}"\n' for k, v in rules.items())
    check_bounds(toml, "r.toml")  # nothing raised
    check_bounds("{" + ", ".join(f'"{k}": "{v}"' for k, v in rules.items()) + "}", "r.json")


def test_too_many_keys() -> None:
    text = "".join(f"k{i} = 1\n" for i in range(MAX_KEYS + 1))
    with pytest.raises(JsonInputError) as info:
        check_bounds(text, "big.toml")
    assert info.value.code == "rules-too-many-keys" and info.value.file == "big.toml"
    assert info.value.note.params["limit"] == MAX_KEYS


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1),
        "a" + ".b" * MAX_DEPTH + " = 1",
        "[" + ".".join(["t"] * (MAX_DEPTH + 1)) + "]",
    ],
    ids=["arrays", "objects", "dotted-key", "dotted-header"],
)
def test_too_deep(text: str) -> None:
    with pytest.raises(JsonInputError) as info:
        check_bounds(text, "deep.toml")
    assert info.value.code == "rules-too-deep" and info.value.note.params["limit"] == MAX_DEPTH


def test_the_bounds_are_not_counted_inside_strings_or_comments() -> None:
    inside = "=" * (MAX_KEYS + 1) + "[" * (MAX_DEPTH + 1)
    check_bounds(f"x = \"{inside}\"\n# {inside}\ny = '{inside}'\n", "quoted.toml")
    check_bounds(f'z = """\n{inside}\n"""\n', "multiline.toml")
