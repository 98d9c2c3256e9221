"""The rewritten OCR models are kept in the user's cache (``zfxxgk[ocr]``): a helper's
start needs neither the ``onnx`` package nor the rewrite where they are there; what the
cache holds is what the rewrite makes; a damaged or unwritable cache costs only time."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("onnx")

from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
from rapidocr_onnxruntime.utils import read_yaml, update_model_path

from zfxxgk.published import _ocr_fused

MODELS = update_model_path(read_yaml(str(DEFAULT_CFG_PATH)))
REC = MODELS["Rec"]["model_path"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "zfxxgk"


def test_kept_then_read_without_onnx(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = _ocr_fused.cached(REC)
    assert made is not None and made == _ocr_fused.rewritten(REC)
    kept = _ocr_fused.cache_path(REC)
    assert kept.parent == cache and kept.read_bytes() == made
    assert [p.name for p in cache.iterdir()] == [kept.name]  # no part left behind
    monkeypatch.setitem(sys.modules, "onnx", None)  # the rewrite cannot run now
    assert _ocr_fused.rewritten(REC) is None
    assert _ocr_fused.cached(REC) == made


def test_named_by_the_model_and_the_rewrite(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / Path(REC).name
    other.write_bytes(Path(REC).read_bytes() + b"\0")
    assert _ocr_fused.cache_path(str(other)) != _ocr_fused.cache_path(REC)
    first = _ocr_fused.cache_path(REC)
    monkeypatch.setattr(_ocr_fused, "REWRITE_VERSION", _ocr_fused.REWRITE_VERSION + 1)
    assert _ocr_fused.cache_path(REC) != first


def test_an_unwritable_cache_still_gives_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a folder should be
    assert _ocr_fused.cached(REC) == _ocr_fused.rewritten(REC)


def test_a_damaged_cached_model_is_made_again(cache: Path) -> None:
    from rapidocr_onnxruntime import RapidOCR

    kept = _ocr_fused.cache_path(REC)
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"not a model")
    engine = RapidOCR(intra_op_num_threads=1, use_cls=False, print_verbose=False)
    shipped = engine.text_rec.session.session
    _ocr_fused.rewrite_engine(engine)
    assert engine.text_rec.session.session is not shipped
    assert kept.read_bytes() == _ocr_fused.rewritten(REC)
    assert os.path.getsize(kept) > 1000
