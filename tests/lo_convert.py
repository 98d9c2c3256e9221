"""LibreOffice's batch conversion of files (one soffice run, a private profile), for tests
and benchmarks that print documents or workbooks to PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path


def convert(
    exe: str, files: list[Path], folder: Path, target: str = "pdf", timeout: int = 300
) -> None:
    """Convert ``files`` to ``target`` into ``folder`` with the soffice at ``exe``, in a
    profile of its own under ``folder`` (parallel runs don't collide)."""
    subprocess.run(
        [
            exe,
            "--headless",
            f"-env:UserInstallation={(folder / 'lo-profile').resolve().as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
