"""RapidOCR's models rewritten to do the same arithmetic in fewer passes over memory.

This module imports nothing of zfxxgk (it runs in the OCR helper process). PaddleOCR's
exported PP-OCRv4 models (opset 12, no HardSwish operator yet) spell each activation
``y = a * conv(x) + b; z = y * clip(y + 3, 0, 6) / 6; out = c * z + d``: seven passes
over each feature map that onnxruntime does not fuse, about a third of the recogniser's
time on one core. Rewritten (each exact up to float rounding, about 1e-6 on the
outputs):

- a scalar scale and shift after a convolution go into its weights and bias;
- ``y * clip(y + 3, 0, 6) / 6`` becomes one ``HardSwish`` (the model is moved to opset 14);
- a scalar scale and shift before a 1×1 convolution without padding go into its weights
  and bias (before a padded one they would change the padding's value, so they stay).

The rewrite needs the ``onnx`` package (part of ``zfxxgk[ocr]``); without it, or where a
model does not have the expected form, the model is used as it ships.

A rewritten model is kept in the user's cache (``$XDG_CACHE_HOME/zfxxgk``, else
``~/.cache/zfxxgk``), named by the hash of the model it was made from and the version of
the rewrite: importing ``onnx`` alone costs more than a second of a helper's start, the
rewrite itself a fifth of one. Where the cache cannot be written the model is rewritten
at each start; a cached model that onnxruntime cannot load is made again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

#: The opset the rewritten model declares (HardSwish appears in 14).
OPSET = 14
#: The version of the rewrite, part of a cached model's name: a change of the rewrite
#: must change it, so that no model rewritten otherwise is used.
REWRITE_VERSION = 1


class _Graph:
    """A model's graph with its constants and the nodes reading each value."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.graph = model.graph
        self.index()

    def index(self) -> None:
        nodes = self.graph.node
        self.consts = {n.output[0]: n for n in nodes if n.op_type == "Constant"}
        self.readers: dict[str, list[Any]] = {}
        for n in nodes:
            for name in n.input:
                self.readers.setdefault(name, []).append(n)
        for out in self.graph.output:
            self.readers.setdefault(out.name, []).append(None)

    def value(self, name: str) -> Any:
        from onnx import numpy_helper

        node = self.consts.get(name)
        return None if node is None else numpy_helper.to_array(node.attribute[0].t)

    def scalar(self, name: str) -> float | None:
        v = self.value(name)
        return None if v is None or v.size != 1 else float(v.reshape(-1)[0])

    def only_reader(self, name: str, op: str) -> Any:
        """The one node reading ``name``, where it is an ``op``; else None."""
        readers = self.readers.get(name, [])
        if len(readers) == 1 and readers[0] is not None and readers[0].op_type == op:
            return readers[0]
        return None

    def set_value(self, name: str, array: Any) -> None:
        import numpy as np
        from onnx import numpy_helper

        tensor = numpy_helper.from_array(array.astype(np.float32), name)
        self.consts[name].attribute[0].t.CopyFrom(tensor)

    def add_const(self, name: str, array: Any) -> None:
        import numpy as np
        from onnx import helper, numpy_helper

        tensor = numpy_helper.from_array(array.astype(np.float32), name)
        node = helper.make_node("Constant", [], [name], value=tensor)
        self.graph.node.insert(0, node)
        self.consts[name] = node

    def drop(self, dropped: list[Any]) -> None:
        """The graph without ``dropped`` nodes and the constants no node reads."""
        gone = {id(n) for n in dropped}
        kept = [n for n in self.graph.node if id(n) not in gone]
        used = {name for n in kept for name in n.input}
        kept = [n for n in kept if n.op_type != "Constant" or n.output[0] in used]
        del self.graph.node[:]
        self.graph.node.extend(kept)  # copies the nodes: the index is rebuilt
        self.index()


def _affine(g: _Graph, x: str) -> tuple[Any, float, Any, float] | None:
    """``Mul(x, a) -> Add(b)`` with scalar constants read from ``x``: the two nodes and
    a, b; else None."""
    mul = g.only_reader(x, "Mul")
    if mul is None:
        return None
    a = g.scalar(mul.input[1] if mul.input[0] == x else mul.input[0])
    add = g.only_reader(mul.output[0], "Add")
    if a is None or add is None:
        return None
    b = g.scalar(add.input[1] if add.input[0] == mul.output[0] else add.input[0])
    return None if b is None else (mul, a, add, b)


def _weights(g: _Graph, conv: Any) -> tuple[Any, Any] | None:
    """A convolution's weights and bias (zeros where it has none), where no other node
    reads them; else None."""
    import numpy as np

    names = [n for n in conv.input[1:] if n]
    if any(n not in g.consts or len(g.readers[n]) != 1 for n in names):
        return None
    w = g.value(conv.input[1])
    bias = g.value(conv.input[2]) if len(names) > 1 else np.zeros(w.shape[0], np.float32)
    return w, bias


def _set_weights(g: _Graph, conv: Any, w: Any, bias: Any) -> None:
    g.set_value(conv.input[1], w)
    if len(conv.input) > 2 and conv.input[2]:
        g.set_value(conv.input[2], bias)
    else:
        name = f"{conv.input[1]}.zfxxgk_bias"
        g.add_const(name, bias)
        conv.input.append(name)


def _fold_after_conv(g: _Graph) -> int:
    """``a * conv(x) + b`` made one convolution."""
    dropped: list[Any] = []
    for conv in list(g.graph.node):
        if conv.op_type != "Conv":
            continue
        affine = _affine(g, conv.output[0])
        weights = _weights(g, conv)
        if affine is None or weights is None:
            continue
        mul, a, add, b = affine
        w, bias = weights
        _set_weights(g, conv, w * a, bias * a + b)
        conv.output[0] = add.output[0]
        dropped += [mul, add]
    g.drop(dropped)
    return len(dropped) // 2


def _hardswish(g: _Graph) -> int:
    """``y * clip(y + 3, 0, 6) / 6`` made one HardSwish."""
    from onnx import helper

    dropped: list[Any] = []
    for add in list(g.graph.node):
        if add.op_type != "Add" or len(add.input) != 2:
            continue
        ys = [
            add.input[k]
            for k in (0, 1)
            if g.scalar(add.input[1 - k]) == 3.0 and add.input[k] not in g.consts
        ]
        clip = g.only_reader(add.output[0], "Clip")
        if not ys or clip is None or len(clip.input) != 3:
            continue
        if g.scalar(clip.input[1]) != 0.0 or g.scalar(clip.input[2]) != 6.0:
            continue
        mul = g.only_reader(clip.output[0], "Mul")
        if mul is None or sorted(mul.input) != sorted([ys[0], clip.output[0]]):
            continue
        div = g.only_reader(mul.output[0], "Div")
        if div is None or div.input[0] != mul.output[0] or g.scalar(div.input[1]) != 6.0:
            continue
        div.CopyFrom(helper.make_node("HardSwish", [ys[0]], [div.output[0]]))
        dropped += [add, clip, mul]
    g.drop(dropped)
    return len(dropped) // 3


def _fold_before_conv(g: _Graph) -> int:
    """``conv(c * x + d)`` made one convolution where it is 1×1, unpadded, ungrouped."""
    from onnx import helper

    dropped: list[Any] = []
    for mul in list(g.graph.node):
        if mul.op_type != "Mul" or len(mul.input) != 2:
            continue
        xs = [name for name in mul.input if name not in g.consts]
        if len(xs) != 1:
            continue
        affine = _affine(g, xs[0])
        if affine is None or affine[0] is not mul:
            continue
        _, c, add, d = affine
        conv = g.only_reader(add.output[0], "Conv")
        if conv is None or conv.input[0] != add.output[0]:
            continue
        attrs = {a.name: helper.get_attribute_value(a) for a in conv.attribute}
        if (
            list(attrs.get("kernel_shape", [])) != [1, 1]
            or any(attrs.get("pads", [0]))
            or attrs.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET")
            or attrs.get("group", 1) != 1
        ):
            continue
        weights = _weights(g, conv)
        if weights is None:
            continue
        w, bias = weights
        _set_weights(g, conv, w * c, bias + d * w.sum(axis=(1, 2, 3)))
        conv.input[0] = xs[0]
        dropped += [mul, add]
    g.drop(dropped)
    return len(dropped) // 2


def rewritten(path: str) -> bytes | None:
    """The model at ``path`` rewritten (see the module's doc), or None where the ``onnx``
    package is missing or the model has none of the spelled-out activations."""
    try:
        import onnx
        from onnx import version_converter
    except ImportError:
        return None
    model = onnx.load(path)
    versions = [op.version for op in model.opset_import if op.domain in ("", "ai.onnx")]
    if versions != [12]:  # the PP-OCRv4 export this rewrite knows
        return None
    model = version_converter.convert_version(model, OPSET)
    g = _Graph(model)
    folded = _fold_after_conv(g) + _hardswish(g) + _fold_before_conv(g)
    return model.SerializeToString() if folded else None


def rewrite_engine(engine: Any) -> None:
    """Give a RapidOCR engine's detector and recogniser their rewritten models (where
    the ``onnx`` package is installed), with the options they were made with: one thread."""
    try:
        from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
        from rapidocr_onnxruntime.utils import read_yaml, update_model_path
    except ImportError:
        return
    config = update_model_path(read_yaml(str(DEFAULT_CFG_PATH)))
    _swap(engine.text_det.infer, config["Det"]["model_path"])
    _swap(engine.text_rec.session, config["Rec"]["model_path"])


def cache_path(path: str) -> Path:
    """Where the model at ``path``, rewritten, is kept in the user's cache."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:32]
    return Path(base) / "zfxxgk" / f"{Path(path).stem}-{digest}-r{REWRITE_VERSION}.onnx"


def cached(path: str, fresh: bool = False) -> bytes | None:
    """The model at ``path`` rewritten, from the user's cache where it is there (and not
    ``fresh``), else rewritten and kept there (written whole or not at all)."""
    try:
        keep: Path | None = cache_path(path)
    except OSError:
        keep = None
    if keep is not None and not fresh:
        try:
            return keep.read_bytes()
        except OSError:
            pass
    model = rewritten(path)
    if model is not None and keep is not None:
        try:
            keep.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=keep.parent, prefix=".part-", suffix=".onnx")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(model)
                os.replace(tmp, keep)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass  # an unwritable cache: rewritten again at the next start
    return model


def _swap(wrapper: Any, path: str) -> None:
    """The session inside RapidOCR's wrapper (an onnxruntime InferenceSession) remade
    on the rewritten model (a cached one that does not load is made again)."""
    model = cached(path)
    if model is None:
        return
    import onnxruntime as ort

    old = wrapper.session
    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = False
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    providers = old.get_providers()
    try:
        wrapper.session = ort.InferenceSession(model, options, providers=providers)
    except Exception:  # a damaged cached model: onnxruntime's errors have no common class
        model = cached(path, fresh=True)
        if model is not None:
            wrapper.session = ort.InferenceSession(model, options, providers=providers)
