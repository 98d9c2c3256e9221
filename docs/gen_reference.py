"""Write the generated reference pages of the documentation site from the package's data.

The field reference, the rule catalogue, the note catalogue and the error types are made
from the same data the library runs on, so the site cannot drift from the code; a test
(tests/test_docs.py) regenerates them and compares with the committed pages.

    python docs/gen_reference.py          # rewrite docs/reference/*.md
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import zfxxgk
from zfxxgk.core.editions import EDITIONS
from zfxxgk.core.grid import all_fields
from zfxxgk.core.rules import CATALOGUE
from zfxxgk.errors import ZfxxgkError
from zfxxgk.notes import NOTE_KINDS

OUT = Path(__file__).with_name("reference")

_KIND_ZH = {
    "count": "件数（整数）",
    "signed": "增减（可为负的整数）",
    "money": "金额",
    "unit": "金额单位",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fields_page() -> str:
    lines = [
        "# 字段参考 | Field reference",
        "",
        "每个字段：JSON 中的键（`部分.行.列`）、表格上的标签、在每个版式官方模板中的单元格、"
        "取值种类与单位。由版式数据生成（`docs/gen_reference.py`），与代码同源。",
        "",
        "Each field: its JSON key, its labels, its cell in each edition's official template, "
        "its kind and unit. Generated from the edition data.",
        "",
    ]
    for edition in EDITIONS.values():
        cells = all_fields(edition)
        last = "起" if edition.last_year is None else f"–{edition.last_year}"
        lines += [
            f"## {edition.id} 年版：{edition.document}（{edition.first_year}{last}年度）",
            "",
            "| 键 key | 标签 label | 单元格 cell | 种类 kind | 单位 unit |",
            "|---|---|---|---|---|",
        ]
        for f in edition.field_list:
            where = cells.get(f.path)
            ref = f"'{where[0]}'!{where[1].ref()}" if where else "（无单元格）"
            unit = f.unit or ""
            key = ".".join(f.path)
            lines.append(
                f"| `{key}` | {_cell(f.label)} | `{_cell(ref)}` | "
                f"{_KIND_ZH.get(f.kind.value, f.kind.value)} | {unit} |"
            )
        lines += [
            "",
            f"封面（{edition.cover_sheet}）："
            + "、".join(f"`{c.key}`（{c.label}）" for c in edition.cover),
            "",
        ]
    return "\n".join(lines)


def rules_page() -> str:
    lines = [
        "# 校验规则 | Rules",
        "",
        "`zfxxgk rules` 列出同一目录。严重程度可用 `--rules 文件.toml` 调整或停用。",
        "",
        "| 规则 rule | 版式 | 级别 | 公式 | 说明 | description |",
        "|---|---|---|---|---|---|",
    ]
    for r in CATALOGUE:
        lines.append(
            f"| `{r.id}` | {'、'.join(r.editions)} | {r.severity} | {_cell(r.formula)} | "
            f"{_cell(r.zh)} | {_cell(r.en)} |"
        )
    return "\n".join(lines) + "\n"


def _all_error_types() -> list[type[ZfxxgkError]]:
    for mod in pkgutil.walk_packages(zfxxgk.__path__, "zfxxgk."):
        if mod.name.rsplit(".", 1)[-1].startswith("_"):
            continue
        try:
            importlib.import_module(mod.name)
        except ImportError:  # an optional extra that is not installed
            continue
    seen: dict[str, type[ZfxxgkError]] = {}
    todo: list[type[ZfxxgkError]] = [ZfxxgkError]
    while todo:
        cls = todo.pop()
        seen.setdefault(f"{cls.__module__}.{cls.__qualname__}", cls)
        todo.extend(cls.__subclasses__())
    return [seen[k] for k in sorted(seen)]


def notes_page() -> str:
    lines = [
        "# 说明与错误代码 | Notes and error codes",
        "",
        "读取、解析、校验中的每条说明都是 `zfxxgk.notes.Note`：稳定的代码、位置与参数；"
        "文字只在显示时生成。程序按代码判断，不解析文字。",
        "",
        "## 说明 | Notes",
        "",
        "| 代码 code | 级别 | 中文 | English |",
        "|---|---|---|---|",
    ]
    for kind in NOTE_KINDS.values():
        if kind.severity != "error":
            lines.append(
                f"| `{kind.code}` | {kind.severity} | {_cell(kind.zh)} | {_cell(kind.en)} |"
            )
    lines += [
        "",
        "## 错误 | Errors",
        "",
        "每个错误都是 `zfxxgk.errors.ZfxxgkError` 的子类，带一条说明（`error.note`）："
        "错误代码（`error.code`）、文件、工作表、单元格与参数，中英文文字由下表生成；"
        "命令行把它写成标准错误输出的一行，退出码 2。尚未编入目录的错误代码为 `error-text`。",
        "",
        "| 错误代码 code | 中文 | English |",
        "|---|---|---|",
    ]
    for kind in NOTE_KINDS.values():
        if kind.severity == "error":
            lines.append(f"| `{kind.code}` | {_cell(kind.zh)} | {_cell(kind.en)} |")
    lines += [
        "",
        "错误的类型（`to_dict()['type']`），调用者可按类捕获：",
        "",
        "| 类型 type | 类 class | 说明 |",
        "|---|---|---|",
    ]
    for cls in _all_error_types():
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        lines.append(f"| `{cls.slug}` | `{cls.__module__}.{cls.__qualname__}` | {_cell(doc)} |")
    return "\n".join(lines) + "\n"


PAGES = {"fields.md": fields_page, "rules.md": rules_page, "notes.md": notes_page}


def generate() -> dict[str, str]:
    """Every generated page: {file name: text}."""
    return {name: make() for name, make in PAGES.items()}


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for name, text in generate().items():
        (OUT / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
