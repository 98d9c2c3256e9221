"""Counts kept as a batch's records stream past (the summary a batch ends with)."""

from __future__ import annotations

from zfxxgk.app.records import CheckRecord, FileRecord


class Tally:
    """Counts kept as records stream past: files, ok, with errors, unreadable, per rule."""

    def __init__(self) -> None:
        self.files = self.ok = self.bad = self.unreported = self.unreadable = 0
        self.paired = self.unpaired = 0
        self.per_rule: dict[str, int] = {}

    def add(self, record: FileRecord) -> None:
        self.files += 1
        if isinstance(record, CheckRecord):
            if record.previous:
                self.paired += 1
            elif record.previous_note is not None:
                self.unpaired += 1
        if record.failed:
            self.unreadable += 1
            return
        if record.unreported():
            self.unreported += 1  # 未填报: counted apart from reports with errors
        elif record.passed():
            self.ok += 1
        else:
            self.bad += 1
        for f in record.findings():
            if f.get("status") != "passed":
                self.per_rule[f["rule"]] = self.per_rule.get(f["rule"], 0) + 1

    def text(self) -> str:
        lines = [
            f"共 {self.files} 个文件：{self.ok} 个无错误，{self.bad} 个有错误，"
            f"{self.unreported} 个未填报，{self.unreadable} 个无法读取 | {self.files} files: "
            f"{self.ok} ok, {self.bad} with errors, {self.unreported} not filled in, "
            f"{self.unreadable} unreadable"
        ]
        if self.paired or self.unpaired:
            lines.append(
                f"  与上一年度报告配对 {self.paired} 个，未配对 {self.unpaired} 个 | paired with "
                f"last year's report: {self.paired}, not paired: {self.unpaired}"
            )
        for rule, n in sorted(self.per_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {rule}: {n}")
        return "\n".join(lines) + "\n"
