"""Pairing each report with the same agency's report of the year before.

The cross-year rules (上年结转 = 上年的结转下年度继续办理, and section 二's items) need last
year's report of the same agency. Checking a folder of this year's reports against a
folder of last year's pairs them by agency: by ``meta.agency_code`` (统一社会信用代码 or
another code) where both reports carry one, else by the agency's name with spaces and
full-width forms evened out. A name or code that two of last year's reports share pairs
with neither, so that no report is ever checked against another agency's numbers.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

from zfxxgk.core.model import AnnualReport

_SPACE = re.compile(r"\s+")


def agency_keys(report: AnnualReport) -> list[str]:
    """The keys a report pairs by, most reliable first: its code, then its name."""
    keys: list[str] = []
    code = report.meta.get("agency_code") if isinstance(report.meta, dict) else None
    if isinstance(code, str | int) and str(code).strip():
        keys.append("code:" + _even(str(code)).upper())
    if report.agency and report.agency.strip():
        keys.append("name:" + _even(report.agency))
    return keys


def even(text: str) -> str:
    """A name with spaces and full-width forms evened out (NFKC, no white space)."""
    return _even(text)


def _even(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


NOT_FOUND = (
    "未找到同一单位上一年度的报告（按单位代码或名称配对），未核对跨年度规则 | no report "
    "of the same agency for the year before (paired by agency code or name); cross-year "
    "rules not checked"
)
NO_YEAR = "报告年度未知，无法配对上一年度的报告 | the report's year is unknown: no pairing"


@attrs.define
class PreviousReports:
    """Last year's reports by agency key and year: where each one is."""

    #: (key, year) → path; "" where two reports share the key (they pair with nothing)
    by_key: dict[tuple[str, int], str] = attrs.field(factory=dict)
    #: path → the code key of that report, if it has one
    codes: dict[str, str] = attrs.field(factory=dict)

    def add(self, path: str, report: AnnualReport) -> None:
        """Index one report (one without a year or an agency cannot be paired)."""
        if report.year is None:
            return
        for key in agency_keys(report):
            at = (key, report.year)
            self.by_key[at] = path if self.by_key.get(at, path) == path else ""
            if key.startswith("code:"):
                self.codes[path] = key

    def find(self, report: AnnualReport) -> tuple[str | None, str | None]:
        """The path of ``report``'s previous-year report, or None and why not."""
        if report.year is None:
            return None, NO_YEAR
        keys = agency_keys(report)
        code = next((k for k in keys if k.startswith("code:")), None)
        for key in keys:
            path = self.by_key.get((key, report.year - 1))
            if path == "":
                kind, _, value = key.partition(":")
                what = "代码" if kind == "code" else "名称"
                return None, (
                    f"上一年度有多份{what}为“{value}”的报告，无法确定对照哪一份，未核对跨年度"
                    f"规则 | several reports of the year before have the agency {kind} "
                    f"{value!r}; cross-year rules not checked"
                )
            if path:
                theirs = self.codes.get(path)
                if code and theirs and code != theirs:
                    return None, (
                        f"上一年度同名单位的报告代码不同（{theirs[5:]}），未核对跨年度规则 | "
                        f"last year's report of this name has another agency code "
                        f"({theirs[5:]}); cross-year rules not checked"
                    )
                return path, None
        return None, NOT_FOUND
