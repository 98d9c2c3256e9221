"""Rule overrides and rules files: every wrong setting named, the catalogue listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from zfxxgk.core.rules import RULES, apply_overrides, load_overrides
from zfxxgk.errors import JsonInputError


class TestOverrides:
    def test_none_leaves_the_catalogue(self) -> None:
        assert apply_overrides(None) == RULES and apply_overrides({}) == RULES

    def test_severity_and_switch(self) -> None:
        rules = apply_overrides(
            {"rules": {"R3-ROW-TOTAL": {"severity": "warning"}, "R3-RESULT-TOTAL": False}}
        )
        assert rules["R3-ROW-TOTAL"].severity == "warning" and rules["R3-ROW-TOTAL"].enabled
        assert rules["R3-RESULT-TOTAL"].enabled is False
        assert rules["R3-RESULT-TOTAL"].severity == RULES["R3-RESULT-TOTAL"].severity
        assert RULES["R3-ROW-TOTAL"].severity == "error"  # the catalogue itself unchanged

    @pytest.mark.parametrize(
        ("overrides", "fragment"),
        [
            ({"rules": ["R3-ROW-TOTAL"]}, "must be an object"),
            ({"R3-NOPE": False}, "unknown rule R3-NOPE"),
            ({"R3-ROW-TOTAL": "off"}, "setting of R3-ROW-TOTAL must be an object"),
            ({"R3-ROW-TOTAL": {"level": "info"}}, "unknown settings for R3-ROW-TOTAL"),
            ({"R3-ROW-TOTAL": {"severity": "fatal"}}, "must be error, warning or info"),
            ({"R3-ROW-TOTAL": {"enabled": "no"}}, "must be true or false"),
        ],
    )
    def test_each_wrong_setting_is_named(self, overrides: Any, fragment: str) -> None:
        with pytest.raises(JsonInputError) as info:
            apply_overrides(overrides, source="my-rules.toml")
        assert fragment in str(info.value) and "my-rules.toml" in str(info.value)


class TestRulesFiles:
    def test_toml_and_json_say_the_same(self, tmp_path: Path) -> None:
        toml = tmp_path / "r.toml"
        toml.write_text(
            '\ufeff[rules.R3-ROW-TOTAL]\nseverity = "info"\n', encoding="utf-8"
        )  # with a byte order mark, as Notepad saves it
        js = tmp_path / "r.txt"  # JSON told by its first character, whatever the name
        js.write_text('  {"rules": {"R3-ROW-TOTAL": {"severity": "info"}}}', encoding="utf-8")
        assert load_overrides(toml) == load_overrides(js)
        assert apply_overrides(load_overrides(toml))["R3-ROW-TOTAL"].severity == "info"

    @pytest.mark.parametrize(
        ("name", "content", "fragment"),
        [
            ("bad.toml", b"[rules\nx = ", "not valid TOML"),
            ("latin.toml", b"[rules]\nx = '\xff'\n", "not valid TOML"),
            ("list.json", b"[1, 2]", "must hold an object"),
            ("wrong.toml", b'[rules.R3-ROW-TOTAL]\nseverity = "fatal"\n', "error, warning or info"),
        ],
    )
    def test_a_bad_file_is_named(
        self, tmp_path: Path, name: str, content: bytes, fragment: str
    ) -> None:
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(JsonInputError) as info:
            load_overrides(p)
        assert str(p) in str(info.value) and fragment in str(info.value)


class TestRulesCommand:
    def test_lists_every_rule(self) -> None:
        r = run_cli("rules")
        lines = r.stdout.decode().splitlines()
        assert r.returncode == 0 and len(lines) == len(RULES)
        assert [line.split()[0] for line in lines] == [rule.id for rule in RULES.values()]

    def test_json(self) -> None:
        r = run_cli("rules", "--json")
        rows = json.loads(r.stdout)
        assert r.returncode == 0 and [x["id"] for x in rows] == [rule.id for rule in RULES.values()]
        assert all(set(x) == {"id", "editions", "severity", "formula", "zh", "en"} for x in rows)
