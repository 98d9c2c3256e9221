"""The subcommands, one module each: adding a command is one line in :data:`COMMANDS`.

Each module has ``add_parser(sub)``, which adds its options to the parser
``sub.add_parser(NAME)`` gives it and sets ``func`` (the handler: args → exit status).
``zfxxgk --help`` lists every command from the table alone; a command's module is
imported, and its options added, only when that command is chosen (so that ``zfxxgk
read`` loads neither the template writer nor the web desk)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, cast

from zfxxgk import __version__
from zfxxgk.cli.base import Parser

#: Each subcommand, in the order ``zfxxgk --help`` lists them: its module and its line in
#: that list.
COMMANDS: dict[str, tuple[str, str]] = {
    "template": ("zfxxgk.cli.template", "生成官方模板 | write the official template"),
    "fill": ("zfxxgk.cli.fill", "把报告数据填入模板 | fill a template with report data"),
    "check": ("zfxxgk.cli.check", "校验勾稽关系 | check the consistency rules"),
    "aggregate": ("zfxxgk.cli.aggregate", "汇总多份报告 | add reports up (汇总)"),
    "parse": (
        "zfxxgk.cli.parse",
        "读取已发布的年报（txt、md、html、docx、pdf）| read published reports",
    ),
    "rules": ("zfxxgk.cli.rules", "列出校验规则 | list the rule catalogue"),
    "read": ("zfxxgk.cli.read", "读取已填报的工作簿 | read filled workbooks"),
    "render": (
        "zfxxgk.cli.render",
        "把报告写成 Word、HTML 或 Markdown 表格 | write the tables as Word, HTML, Markdown",
    ),
    "compare": (
        "zfxxgk.cli.compare",
        "与上一年度对比：逐项增减、跨年度核对、主要变化 | compare with last year",
    ),
    "panel": (
        "zfxxgk.cli.panel",
        "多份报告的数值长表（CSV 或 Parquet）| a numeric panel of many reports",
    ),
    "desk": ("zfxxgk.cli.desk", "收集各单位报表的网页 | a web desk collecting workbooks"),
}


class _Chosen:
    """What a command module's ``add_parser`` is given: the command's parser, made
    (with its line of help) when the table was read."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.parser = parser

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if kwargs or self.parser.prog.split()[-1] != name:
            raise TypeError(f"{name}: a command's name and help are in COMMANDS, once")
        return self.parser


class Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The subcommands: each listed with its line of help, its parser made and its
    options added when the command line chooses it (a parser costs argparse a few
    look-ups of its message catalogue, eleven of them most of the parsing)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.loaded: set[str] = set()

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, Sequence) and values and values[0] in COMMANDS:
            self.options(values[0])
        super().__call__(parser, namespace, values, option_string)

    def listed(self, name: str, help_line: str) -> None:
        """Command ``name`` in the list ``--help`` shows and among the choices; its parser
        is made when it is chosen."""
        self._choices_actions.append(self._ChoicesPseudoAction(name, (), help_line))
        self._name_parser_map[name] = cast(argparse.ArgumentParser, None)

    def options(self, name: str) -> argparse.ArgumentParser:
        """The parser of command ``name`` with its options, its module imported once."""
        if name not in self.loaded:
            self.loaded.add(name)
            # made as add_parser makes it, in its place among the choices
            parser = self._parser_class(prog=f"{self._prog_prefix} {name}")
            self._name_parser_map[name] = parser
            module = COMMANDS[name][0]
            __import__(module)  # importlib would cost its own import
            sys.modules[module].add_parser(_Chosen(parser))
        parser = self._name_parser_map[name]
        assert isinstance(parser, argparse.ArgumentParser)
        return parser


def build_parser(*, every: bool = False) -> argparse.ArgumentParser:
    """The argument parser: every command listed, each one's options added when chosen
    (or at once, with ``every``)."""
    p = Parser(
        prog="zfxxgk",
        description="政府信息公开工作年度报告统计表：模板、填报、读取、校验、解析、汇总 | "
        "annual report tables: templates, fill, read, check, parse, aggregate",
    )
    p.add_argument("--version", action="version", version=f"zfxxgk {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser, action=Commands)
    assert isinstance(sub, Commands)
    for name, (_module, help_line) in COMMANDS.items():
        sub.listed(name, help_line)
    if every:
        for name in COMMANDS:
            sub.options(name)
    return p
