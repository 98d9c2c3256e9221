"""The fill plan is cached per template file, and a changed file is never served from it."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from zfxxgk.errors import ZfxxgkError
from zfxxgk.workbook.fill import plan_fill
from zfxxgk.workbook.template import template_path


def _pad_to(path: Path, size: int) -> None:
    """Grow ``path`` (a zip) to exactly ``size`` bytes with an archive comment."""
    grow = size - path.stat().st_size
    assert 0 <= grow < 65535
    with zipfile.ZipFile(path, "a") as z:
        z.comment = b"x" * grow
    assert path.stat().st_size == size


def test_a_template_replaced_by_one_of_the_same_size_and_time_is_planned_again(
    tmp_path: Path,
) -> None:
    """A copy that keeps the old modification time (``cp -p``, unzip) and happens to have
    the same size is another file all the same: the plan follows the file, not its time."""
    new, old = template_path("2021").read_bytes(), template_path("2019").read_bytes()
    big, small = (tmp_path / "big.xlsx", tmp_path / "small.xlsx")
    first_is_2021 = len(new) >= len(old)
    big.write_bytes(new if first_is_2021 else old)
    small.write_bytes(old if first_is_2021 else new)
    _pad_to(small, big.stat().st_size)

    target = tmp_path / "模板.xlsx"
    target.write_bytes(big.read_bytes())
    edition = "2021" if first_is_2021 else "2019"
    other = "2019" if first_is_2021 else "2021"
    stamp = target.stat().st_mtime_ns
    assert plan_fill(edition, target).found.edition.id == edition

    target.write_bytes(small.read_bytes())  # same path, same size …
    os.utime(target, ns=(stamp, stamp))  # … and the old time
    assert target.stat().st_size == big.stat().st_size
    assert plan_fill(other, target).found.edition.id == other
    with pytest.raises(ZfxxgkError):
        plan_fill(edition, target)
