"""The desk's pages: server-rendered Chinese HTML that works without JavaScript. Every
text that comes from a request, a workbook or the database is escaped here."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from sqlite3 import Row

from zfxxgk.desk.store import ERRORS, OK, UNREADABLE, WARNINGS
from zfxxgk.published.export import PAGE_CSS

ACCEPT = ".xlsx,.xlsm,.xls,.ods"

DESK_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 11pt; max-width: 200mm; padding: 0 12px 40px; color: #1a1a1a; }
h1 { font-family: inherit; font-size: 17pt; text-align: left; margin: 18px 0 4px; }
h2 { font-family: inherit; font-size: 13pt; font-weight: bold; margin: 22px 0 8px; }
.sub { color: #555; margin: 0 0 14px; }
.box { border: 1px solid #ccc; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
.notice { background: #eef6ff; border-color: #9cc3ee; }
.bad { background: #fdeeee; border-color: #e3a3a3; }
.good { background: #eef8ee; border-color: #9fd09f; }
table.list { border-collapse: collapse; width: 100%; font-size: 10pt; }
table.list th, table.list td { border: 1px solid #bbb; padding: 4px 6px; text-align: left;
  vertical-align: top; }
table.list th { background: #f2f2f2; font-weight: bold; }
.state { font-weight: bold; white-space: nowrap; }
.s-ok { color: #17631b; } .s-warnings { color: #8a5a00; } .s-errors, .s-unreadable { color: #a00; }
.s-none { color: #666; }
code, .hash { font-family: "Noto Sans Mono CJK SC", monospace; font-size: 9pt;
  overflow-wrap: anywhere; }
.box form { display: inline-block; margin: 0 8px 4px 0; }
button, input[type=submit] { font-size: 11pt; padding: 4px 12px; }
a.button { display: inline-block; border: 1px solid #888; border-radius: 4px;
  padding: 3px 10px; text-decoration: none; color: #000; background: #f6f6f6; margin: 2px 0; }
.check { border-top: 2px solid #888; margin-top: 16px; }
.check h2.ct { font-size: 14pt; }
.check body, .check { font-family: "FangSong", "Noto Serif CJK SC", serif; }
"""

STATE_ZH = {OK: "通过", WARNINGS: "有警告", ERRORS: "有错误", UNREADABLE: "无法读取"}


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def page(title: str, body: str) -> str:
    """A whole page: the check page's table styles, then the desk's own."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{PAGE_CSS}{DESK_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def state_text(upload: Row | None) -> tuple[str, str]:
    """(css class, text) of a department's state from its latest upload."""
    if upload is None:
        return "none", "未提交"
    status = upload["status"]
    if status == ERRORS:
        return status, f"有错误（{upload['errors']}）"
    if status == UNREADABLE:
        return status, "有错误（无法读取）"
    return status, STATE_ZH[status]


def check_fragment(check_page: str) -> str:
    """The body of a ``check --html`` page, to show inside a desk page (already escaped
    where it was made)."""
    start = check_page.find("<body>")
    end = check_page.rfind("</body>")
    if start < 0 or end < 0:
        return ""
    body = check_page[start + len("<body>") : end]
    return body.replace("<h1>", '<h2 class="ct">', 1).replace("</h1>", "</h2>", 1)


def _form(action: str, csrf: str, inner: str, multipart: bool = False) -> str:
    enctype = ' enctype="multipart/form-data"' if multipart else ""
    return (
        f'<form method="post" action="{esc(action)}"{enctype}>'
        f'<input type="hidden" name="csrf" value="{esc(csrf)}">{inner}</form>'
    )


def result_box(upload: Row, same: Row | None) -> str:
    """What became of one upload: its state, the same-bytes note, the error or the page."""
    css, text = state_text(upload)
    box = "good" if css in (OK, WARNINGS) else "bad"
    lines = [
        f'<div class="box {box}"><p><span class="state s-{css}">校验结果：{esc(text)}</span>'
        f"　文件：{esc(upload['name'])}　上传时间：{esc(upload['time'])}</p>"
        f'<p>sha256：<span class="hash">{esc(upload["sha256"])}</span></p>'
    ]
    if same is not None:
        lines.append(
            f"<p>此文件与 {esc(same['time'])} 上传的文件完全相同（sha256 相同），"
            "校验结果也相同。</p>"
        )
    if upload["status"] == UNREADABLE:
        lines.append(f"<p>无法读取：{esc(upload['message'])}</p>")
    elif upload["status"] == WARNINGS:
        lines.append(f"<p>有 {upload['warnings']} 项警告，请核对；不影响汇总。</p>")
    lines.append("</div>")
    return "".join(lines)


def department_page(
    dept: Row,
    year: int,
    edition: str,
    uploads: Sequence[Row],
    shown: Row | None,
    same: Row | None,
    csrf: str,
    closed: bool,
    base: str,
) -> str:
    """A department's page: the template, the upload form, the result and its history."""
    name = esc(dept["name"])
    parts = [
        f"<h1>{name} · {year} 年度政府信息公开工作年度报告统计表</h1>",
        f'<p class="sub">本页面只显示本单位提交的文件。版式：{esc(edition)} 版。</p>',
        '<div class="box notice"><p>第一步：'
        f'<a class="button" href="{esc(base)}/template">下载空白模板（{esc(edition)} 版）</a>'
        "　用 Excel 或 WPS 填写后保存。</p>",
    ]
    if closed:
        parts.append("<p><strong>收集已截止，不再接收上传。</strong></p></div>")
    else:
        parts.append(
            "<p>第二步：选择填好的工作簿（.xlsx、.xlsm、.xls、.ods，不超过 20 MB）上传，"
            "页面会立即显示校验结果。</p>"
            + _form(
                f"{base}/upload",
                csrf,
                f'<input type="file" name="file" accept="{ACCEPT}" required> '
                '<input type="submit" value="上传并校验">',
                multipart=True,
            )
            + "</div>"
        )
    if shown is not None:
        parts.append(f"<h2>第 {_number(uploads, shown)} 次上传的校验结果</h2>")
        parts.append(result_box(shown, same))
        if shown["status"] != UNREADABLE:
            parts.append(
                f'<p><a class="button" href="{esc(base)}/r/{shown["id"]}/annotated">'
                "下载标注了问题单元格的副本</a></p>"
            )
            parts.append(f'<div class="check">{check_fragment(shown["page"])}</div>')
    parts.append("<h2>上传记录</h2>")
    parts.append(history_table(uploads, f"{base}/r"))
    return page(f"{dept['name']} · 报表上传", "".join(parts))


def _number(uploads: Sequence[Row], upload: Row) -> int:
    ids = sorted(u["id"] for u in uploads)
    return ids.index(upload["id"]) + 1 if upload["id"] in ids else 0


def history_table(uploads: Sequence[Row], link: str) -> str:
    if not uploads:
        return "<p>尚未上传。</p>"
    rows = [
        '<table class="list"><tr><th>次</th><th>上传时间</th><th>文件</th><th>校验结果</th>'
        "<th>sha256</th></tr>"
    ]
    n = len(uploads)
    for i, u in enumerate(uploads):
        css, text = state_text(u)
        same = "（与之前上传的文件相同）" if u["same_as"] else ""
        rows.append(
            f'<tr><td><a href="{esc(link)}/{u["id"]}">{n - i}</a></td><td>{esc(u["time"])}</td>'
            f"<td>{esc(u['name'])}{same}</td>"
            f'<td class="state s-{css}">{esc(text)}</td>'
            f'<td class="hash">{esc(u["sha256"])}</td></tr>'
        )
    rows.append("</table>")
    return "".join(rows)


def login_page(csrf: str, failed: bool) -> str:
    note = '<p class="box bad">密码不正确。</p>' if failed else ""
    form = _form(
        "/office/login",
        csrf,
        '<p><label>办公室密码：<input type="password" name="password" required '
        'autocomplete="current-password"></label> <input type="submit" value="登录"></p>',
    )
    return page("收集情况 · 登录", f"<h1>政府信息公开年报收集 · 办公室登录</h1>{note}{form}")


def office_page(
    year: int,
    rows: Iterable[tuple[Row, Row | None, int, list[str]]],
    csrf: str,
    closed: bool,
    has_previous: bool,
    tally: Mapping[str, int],
) -> str:
    """The office's page: every department's state, the downloads, closing."""
    body = [
        f"<h1>{year} 年度政府信息公开工作年度报告 · 收集情况</h1>",
        '<p class="sub">'
        + "，".join(f"{k} {v} 个" for k, v in tally.items())
        + ("。<strong>收集已截止。</strong>" if closed else "。")
        + "</p>",
        '<div class="box notice"><p>'
        '<a class="button" href="/office/summary.xlsx">下载汇总表（通过校验的最新文件）</a> '
        '<a class="button" href="/office/check.csv">下载全部校验结果（CSV）</a> ',
    ]
    if has_previous:
        body.append('<a class="button" href="/office/compare.xlsx">与上一年度对比（.xlsx）</a> ')
    body.append("</p><p>")
    if closed:
        body.append(_form("/office/open", csrf, '<input type="submit" value="重新开放收集">'))
    else:
        body.append(
            _form("/office/close", csrf, '<input type="submit" value="截止收集（此后拒绝上传）">')
        )
    body.append(" " + _form("/office/logout", csrf, '<input type="submit" value="退出登录">'))
    body.append("</p></div>")
    body.append(
        '<table class="list"><tr><th>单位</th><th>状态</th><th>最后上传</th><th>文件</th>'
        "<th>次数</th><th>说明</th></tr>"
    )
    for dept, latest, count, notes in rows:
        css, text = state_text(latest)
        when = esc(latest["time"]) if latest else ""
        file = esc(latest["name"]) if latest else ""
        body.append(
            f'<tr><td><a href="/office/d/{dept["id"]}">{esc(dept["name"])}</a></td>'
            f'<td class="state s-{css}">{esc(text)}</td><td>{when}</td><td>{file}</td>'
            f"<td>{count}</td><td>{'<br>'.join(esc(n) for n in notes)}</td></tr>"
        )
    body.append("</table>")
    return page(f"{year} 年度收集情况", "".join(body))


def office_history(
    dept: Row,
    uploads: Sequence[Row],
    shown: Row | None,
) -> str:
    body = [
        '<p><a href="/office">← 返回收集情况</a></p>',
        f"<h1>{esc(dept['name'])} · 上传记录</h1>",
        history_table(uploads, f"/office/d/{dept['id']}/r"),
    ]
    if shown is not None:
        body.append(f"<h2>第 {_number(uploads, shown)} 次上传</h2>")
        body.append(result_box(shown, None))
        body.append(
            f'<p><a class="button" href="/office/d/{dept["id"]}/r/{shown["id"]}/file">'
            "下载原文件</a></p>"
        )
        if shown["status"] != UNREADABLE:
            body.append(f'<div class="check">{check_fragment(shown["page"])}</div>')
    return page(f"{dept['name']} · 上传记录", "".join(body))


def message_page(title: str, text: str, back: str | None = None) -> str:
    link = f'<p><a href="{esc(back)}">返回</a></p>' if back else ""
    return page(title, f"<h1>{esc(title)}</h1><p>{esc(text)}</p>{link}")
