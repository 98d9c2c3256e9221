"""Text in UTF-16 without its byte-order mark is read as the text it is; binary is not.

Some tools export "Unicode" text with no byte-order mark. On the code before this test
such a file was refused as binary (a NUL among its first bytes): the whole report lost,
though any editor shows it. Now its code units tell it (ASCII units on one side, text
that a report holds), in either byte order, for every text producer; and bytes that are
no such text (random data, archives) are still refused, never read as text.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from producers import PRODUCERS, random_report, score
from zfxxgk import AnnualReport, parse
from zfxxgk.errors import ZfxxgkError
from zfxxgk.published.signatures import bomless_utf16

SAMPLES = sorted((Path(__file__).parent / "data" / "samples").glob("*.json"))
TEXT_PRODUCERS = ("tab-text", "word-text", "md", "md-ocr", "html", "html-word")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("producer", TEXT_PRODUCERS)
def test_every_text_producer_in_utf16_without_a_mark_reads_whole(
    tmp_path: Path, producer: str, encoding: str
) -> None:
    rng = random.Random(len(producer) * 7 + len(encoding))
    truths = [AnnualReport.from_json(SAMPLES[0].read_bytes()), random_report(rng, "2019")]
    for i, truth in enumerate(truths):
        folder = tmp_path / str(i)
        folder.mkdir()
        made = PRODUCERS[producer](truth, folder)
        text = made.read_bytes().decode("utf-8-sig")
        if producer.startswith("html"):  # (a page that says UTF-8 is UTF-16 now)
            text = text.replace('charset="utf-8"', "").replace("charset=utf-8", "")
        s = score(truth, parse(made.name, data=text.encode(encoding)))
        assert s.wrong == 0 and s.blank == 0, (producer, encoding, s.wrong_cells[:3])


@given(st.randoms(use_true_random=False), st.integers(64, 4000), st.integers(0, 255))
@settings(max_examples=300, deadline=None)
def test_random_bytes_are_not_taken_for_utf16(rng: random.Random, n: int, nul: int) -> None:
    """Bytes drawn uniformly (a binary file's content, compressed or encrypted), with a
    NUL among them: never UTF-16 text."""
    data = bytearray(rng.randrange(256) for _ in range(n))
    data[nul % n] = 0
    assert bomless_utf16(bytes(data)) is None


def test_binary_files_are_still_refused(tmp_path: Path) -> None:
    """An archive's body, random bytes, a file of NULs and small numbers: refused."""
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("x.bin", bytes(range(256)) * 20)
    blobs = {
        "a.txt": archive.read_bytes()[4:],  # (past its signature: no format sniffed)
        "b.txt": b"\x00" + bytes(random.Random(1).randrange(256) for _ in range(5000)),
        "c.txt": b"\x00\x01\x00\x00" * 2000,
    }
    for name, data in blobs.items():
        assert bomless_utf16(data) is None, name
        with pytest.raises(ZfxxgkError):
            parse(name, data=data)
