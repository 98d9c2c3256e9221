"""RapidOCR's models rewritten to run faster (``zfxxgk[ocr]``) compute what they computed:
the same outputs within float rounding, the same text read, on every width a line has."""

from __future__ import annotations

import sys
from typing import Any

import pytest

pytest.importorskip("rapidocr_onnxruntime")
pytest.importorskip("onnx")

import numpy as np
import onnx
import onnxruntime as ort
from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
from rapidocr_onnxruntime.utils import read_yaml, update_model_path

from zfxxgk.published import _ocr_fused

MODELS = update_model_path(read_yaml(str(DEFAULT_CFG_PATH)))


def session(model: Any) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def line_image(rng: np.random.Generator, width: int) -> Any:
    """A recogniser's input: dark strokes on paper, paper to the right (as padded)."""
    x = np.ones((1, 3, 48, width), np.float32)
    ink = rng.random((48, width // 2)) < 0.25
    x[0, :, :, : width // 2][:, ink] = -1.0
    return x


@pytest.fixture(scope="module")
def rec() -> tuple[ort.InferenceSession, ort.InferenceSession]:
    path = MODELS["Rec"]["model_path"]
    model = _ocr_fused.rewritten(path)
    assert model is not None
    return session(path), session(model)


@pytest.mark.parametrize("width", [224, 320, 517])
def test_recogniser_reads_the_same(
    rec: tuple[ort.InferenceSession, ort.InferenceSession], width: int
) -> None:
    rng = np.random.default_rng(width)
    x = line_image(rng, width)
    before, after = (s.run(None, {"x": x})[0] for s in rec)
    assert np.abs(before - after).max() < 1e-4
    assert (before.argmax(-1) == after.argmax(-1)).all()


def test_detector_finds_the_same() -> None:
    path = MODELS["Det"]["model_path"]
    model = _ocr_fused.rewritten(path)
    assert model is not None
    rng = np.random.default_rng(3)
    x = np.repeat(line_image(rng, 256)[:, :, :32, :], 2, axis=2)  # 64 × 256
    before, after = (s.run(None, {"x": x})[0] for s in (session(path), session(model)))
    assert np.abs(before - after).max() < 1e-4


def test_the_activations_are_one_operator_each() -> None:
    model = _ocr_fused.rewritten(MODELS["Rec"]["model_path"])
    assert model is not None
    ops = [n.op_type for n in onnx.load_from_string(model).graph.node if n.op_type != "Constant"]
    shipped = [
        n.op_type
        for n in onnx.load(MODELS["Rec"]["model_path"]).graph.node
        if n.op_type != "Constant"
    ]
    assert "Clip" in shipped and "HardSwish" not in shipped
    assert "Clip" not in ops and ops.count("HardSwish") == shipped.count("Clip")
    assert ops.count("Conv") == shipped.count("Conv")
    assert len(ops) < len(shipped) * 0.7  # 285 of 440


def test_without_onnx_the_models_ship_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnx", None)
    assert _ocr_fused.rewritten(MODELS["Rec"]["model_path"]) is None


def test_the_engine_gets_the_rewritten_models() -> None:
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR(intra_op_num_threads=1, use_cls=False, print_verbose=False)
    shipped = engine.text_rec.session.session
    _ocr_fused.rewrite_engine(engine)
    assert engine.text_rec.session.session is not shipped
    rng = np.random.default_rng(5)
    x = line_image(rng, 224)
    before = shipped.run(None, {"x": x})[0]
    after = engine.text_rec.session(x)[0]
    assert (before.argmax(-1) == after.argmax(-1)).all()
