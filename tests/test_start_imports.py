"""What a one-file ``zfxxgk read`` loads: only what reading one workbook needs (counted in
a fresh interpreter, not timed), and the command table behind the lazy parser."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import zfxxgk
from conftest import sample_path

#: Libraries a one-file read never needs.
NOT_LIBRARIES = (
    "openpyxl",
    "xlsxwriter",
    "lxml",
    "pandas",
    "pyarrow",
    "docx",
    "pypdfium2",
    "starlette",
    "uvicorn",
    "dask",
    "distributed",
    "concurrent",
    "multiprocessing",
    "zipfile",  # the workbook's central directory is parsed by xlsx.safezip
    "defusedxml",  # no part of a workbook is parsed into an element tree
    "tempfile",
    "traceback",  # only with ZFXXGK_DEBUG
    "shutil",  # argparse's width of the help is taken without it (zfxxgk.cli.base)
    "bz2",
    "lzma",
    "hashlib",  # the digest of the shown values uses the interpreter's own SHA-256
    "difflib",  # only for a label not found as printed, or a misspelt field name
)

#: zfxxgk modules a one-file read never needs: the other commands, the batch machinery,
#: the readers of published reports and the other edition's classes.
NOT_OURS = (
    "zfxxgk.cli.template",
    "zfxxgk.cli.fill",
    "zfxxgk.cli.check",
    "zfxxgk.cli.aggregate",
    "zfxxgk.cli.parse",
    "zfxxgk.cli.rules",
    "zfxxgk.cli.render",
    "zfxxgk.cli.compare",
    "zfxxgk.cli.panel",
    "zfxxgk.cli.desk",
    "zfxxgk.cli.records",
    "zfxxgk.app.batch",
    "zfxxgk.app.pool",
    "zfxxgk.app.workers",
    "zfxxgk.app.tally",
    "zfxxgk.app.progress",
    "zfxxgk.app.aggregate",
    "zfxxgk.core.check",
    "zfxxgk.core.rules",  # the rule catalogue: a read evaluates the sums, it checks nothing
    "zfxxgk.core.totals",
    "zfxxgk.core.typed.tables2019",  # the edition it does not read
    "zfxxgk.published.source",
    "zfxxgk.published.legacy",
    "zfxxgk.published.parse",
    "zfxxgk.workbook.fill",
    "zfxxgk.workbook.template",
    "zfxxgk.desk",
    # every formula of a filled template has its result stored: no evaluator, no sums
    "zfxxgk.xlsx.formula",
    "zfxxgk.core.evaluate",
    "zfxxgk.workbook.formulas",
)


def modules_after(code: str) -> list[str]:
    """Every module a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    r = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    loaded: list[str] = json.loads(r.stdout.splitlines()[-1])
    return loaded


def unneeded(loaded: list[str]) -> list[str]:
    """The modules of ``loaded`` that no one-file read needs."""
    return [
        m
        for m in loaded
        if m.split(".")[0] in NOT_LIBRARIES
        or any(m == n or m.startswith(n + ".") for n in NOT_OURS)
    ]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = zfxxgk.AnnualReport.from_json(sample_path("2024-hongze-district").read_bytes())
    return zfxxgk.fill(report, tmp_path_factory.mktemp("start") / "one.xlsx")


@pytest.mark.parametrize("options", [["--json"], []])
def test_one_file_read_loads_only_what_it_needs(workbook: Path, options: list[str]) -> None:
    """``zfxxgk read one.xlsx [--json]`` imports neither the other commands nor the batch
    machinery, the zip module, the readers of published reports or any heavy library."""
    loaded = modules_after(
        "import contextlib, io\n"
        "from zfxxgk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['read', {str(workbook)!r}, *{options!r}]) == 0\n"
    )
    assert "zfxxgk.workbook.read" in loaded  # the probe did read
    assert unneeded(loaded) == []


def test_help_loads_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    """``zfxxgk --help`` lists every command from the table, loading none of them."""
    loaded = modules_after(
        "import contextlib, io\n"
        "from zfxxgk.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
    )
    from zfxxgk.cli.commands import COMMANDS

    assert [m for m in loaded if m.startswith("zfxxgk.cli.") and m in COMMANDS.values()] == []
    assert [m for name, (m, _help) in COMMANDS.items() if m in loaded] == []


def test_every_command_has_its_options_and_handler() -> None:
    """Each command of the table, its options added, has a handler; the module gives its
    name and nothing else (its line of help is the table's)."""
    from zfxxgk.cli.commands import COMMANDS, Commands, build_parser

    parser = build_parser(every=True)
    sub = parser._subparsers._group_actions[0]  # type: ignore[union-attr]
    assert isinstance(sub, Commands)
    listed = [a.dest for a in sub._choices_actions]
    assert listed == list(COMMANDS)
    helps = {a.dest: a.help for a in sub._choices_actions}
    assert helps == {name: help_line for name, (_m, help_line) in COMMANDS.items()}
    for name in COMMANDS:
        chosen = sub.options(name)
        assert chosen is sub.choices[name]  # added once, not again
        has_handler = [p for p in (chosen, *_subcommands(chosen)) if "func" in p._defaults]
        assert has_handler, name


def _subcommands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parsers of a command's own subcommands (``desk init|add|serve``)."""
    return [
        p
        for a in parser._actions
        if isinstance(a, argparse._SubParsersAction)
        for p in a.choices.values()
    ]


def test_chosen_command_parses_as_before(workbook: Path) -> None:
    """A command parsed from the table gets its options and defaults."""
    from zfxxgk.cli.commands import build_parser

    args = build_parser().parse_args(["read", str(workbook), "--json"])
    assert (args.command, args.files, args.json, args.jsonl, args.jobs) == (
        "read",
        [str(workbook)],
        True,
        False,
        1,
    )
    with contextlib.redirect_stderr(io.StringIO()), pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["read", str(workbook), "--no-such-option"])
    assert exc.value.code == 2


def test_the_typed_model_makes_no_class_on_import() -> None:
    """The generated record and table classes are plain source: importing an edition's
    tables has attrs make no class (each cost about a millisecond of every start)."""
    code = (
        "import attr._make as m, json\n"
        "made = []\n"
        "build = m._ClassBuilder.build_class\n"
        "def counted(self):\n"
        "    cls = build(self)\n"
        "    made.append(cls.__module__)\n"
        "    return cls\n"
        "m._ClassBuilder.build_class = counted\n"
        "import zfxxgk.core.model\n"
        "made.clear()\n"
        "import zfxxgk.core.typed.tables2021, zfxxgk.core.typed.tables2019\n"
        "print(json.dumps(made))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(r.stdout.splitlines()[-1]) == []


def test_the_typed_model_behaves_as_attrs_made_it() -> None:
    """Equality, order, repr, copies, pickles (attrs' dict state) and a wrong part."""
    import copy
    import pickle

    from zfxxgk.core.typed.records import ApplicantCounts
    from zfxxgk.core.typed.tables2021 import Applications2021

    a = ApplicantCounts(natural_person=1, total=1)
    assert a == ApplicantCounts(natural_person=1, total=1) != ApplicantCounts(total=1)
    assert ApplicantCounts(natural_person=0) < a and a.__hash__ is None
    assert repr(a).startswith("ApplicantCounts(natural_person=1, commercial_enterprise=None")
    table = Applications2021(new_received=a)
    assert table.new_received is a and table.carried_over == ApplicantCounts()
    assert copy.deepcopy(table) == table and pickle.loads(pickle.dumps(table)) == table
    b = ApplicantCounts()
    b.__setstate__({"natural_person": 7})  # as attrs pickled it
    assert b.natural_person == 7
    with pytest.raises(TypeError):
        Applications2021(new_received=1)  # type: ignore[arg-type]
