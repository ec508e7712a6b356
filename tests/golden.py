#!/usr/bin/env python3
"""Golden tests: `haoline inspect --json` of every corpus model against its .expected.json,
and every file of a bad/ folder against its documented behaviour.

    python3 tests/golden.py BUILD/haoline [CORPUS]

Every model is also rendered in every format at once (terminal, JSON, Markdown, CSV, HTML)
and the counts of the five must agree (check_formats_agree).

Files are discovered, so a file added to the corpus is tested without code changes. Prints
one line per failure and ends with "golden: N passed, N failed". Exits 1 on any failure."""
import csv
import io
import json
import math
import os
import re
import tempfile
import subprocess
import sys

HAOLINE = sys.argv[1]
CORPUS = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("HAOLINE_CORPUS") or "../shared/corpus"
passed = failed = 0
FORMATS = ("gguf", "safetensors", "onnx", "tflite", "coreml", "openvino", "tensorrt")
MODEL_SUFFIXES = {"gguf": (".gguf",), "safetensors": (".safetensors", ".json"), "onnx": (".onnx",),
                  "tflite": (".tflite",), "coreml": (".mlmodel", ".mlpackage"), "openvino": (".xml",), "tensorrt": (".json",)}


def run(path, *args):
    p = subprocess.run([HAOLINE, "inspect", path, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def inspect(path, *extra):
    rc, out, err = run(path, "--json", *extra)
    if rc != 0:
        raise AssertionError(f"exit {rc}: {err.strip()}")
    if err.strip():
        raise AssertionError(f"unexpected stderr: {err.strip()}")
    return json.loads(out)


class Check:
    def __init__(self, name):
        self.name, self.errors = name, []

    def eq(self, what, got, want):
        if isinstance(want, float) or isinstance(got, float):
            ok = got is not None and want is not None and (got == want or math.isclose(got, want, rel_tol=0, abs_tol=0)
                                                           or float(got) == float(want))
        else:
            ok = got == want
        if not ok:
            self.errors.append(f"{what}: got {got!r}, want {want!r}")


def same_value(a, b):
    """Exact equality; floats compared as the float32/float64 values they encode."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b and type(a) == type(b)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and float(a) == float(b)
    return a == b


def nested_types(entry):
    types = []
    while isinstance(entry, dict) and entry.get("type") == "ARRAY":
        types.append(entry["element_type"])
        first = entry.get("first") or []
        entry = first[0] if first and entry["element_type"] == "ARRAY" else None
    return types


def check_metadata(c, got, want):
    c.eq("metadata keys", list(got.keys()), list(want.keys()))
    for k, w in want.items():
        g = got.get(k)
        if g is None:
            continue
        if w["type"] == "ARRAY":
            if g.get("type") != "ARRAY":
                c.errors.append(f"metadata {k}: not an array")
                continue
            c.eq(f"metadata {k}.element_type", g["element_type"], w["element_type"])
            c.eq(f"metadata {k}.count", g["count"], w["count"])
            if "first" in w:
                if not (len(g["first"]) == len(w["first"]) and all(same_value(a, b) for a, b in zip(g["first"], w["first"]))):
                    c.errors.append(f"metadata {k}.first: got {g['first']!r}, want {w['first']!r}")
            if "nested_types" in w:
                c.eq(f"metadata {k} nested types", ["ARRAY"] + nested_types(g), w["nested_types"])  # gguf-py lists the kv type first
        else:
            c.eq(f"metadata {k}.type", g["type"], w["type"])
            if not same_value(g["value"], w["value"]):
                c.errors.append(f"metadata {k}.value: got {g['value']!r}, want {w['value']!r}")


def check_tensors(c, got, want, ggml_order):
    c.eq("tensor count in list", len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        where = f"tensor[{i}] {w['name']}"
        c.eq(where + ".name", g["name"], w["name"])
        c.eq(where + ".dtype", g["dtype"], w["type"])
        shape = list(reversed(g["shape"])) if ggml_order else g["shape"]
        c.eq(where + ".shape", shape, w["shape"])
        c.eq(where + ".offset", g["offset"], w["offset"])
        c.eq(where + ".file_offset", g["file_offset"], w["file_offset"])
        c.eq(where + ".n_elements", g["n_elements"], w["n_elements"])
        c.eq(where + ".bytes", g["bytes"], w["nbytes"])
        if "type_id" in w:
            c.eq(where + ".native_type", g["native_type"], w["type_id"])
        if "split_no" in w:
            c.eq(where + ".part", g["part"], w["split_no"])


ARCH_KEYS = ["n_layer", "n_head", "n_head_kv", "n_embd", "head_dim", "context_length", "n_ff", "n_vocab",
             "expert_count", "expert_used_count", "kv_bytes_per_token_f16"]


def check_gguf(c, got, want):
    s = got["summary"]
    for k in ("version", "byte_order", "alignment", "kv_count", "data_offset", "file_size"):
        c.eq(k, got[k], want[k])
    c.eq("tensors", s["tensors"], want["tensors"])
    c.eq("params", s["params"], want["params"])
    c.eq("weight_bytes", s["weight_bytes"], want["weight_bytes"])
    c.eq("dtypes", s["dtypes"], want["dtypes"])
    if "metadata" in want:
        check_metadata(c, got["metadata"], want["metadata"])
    if "tensor_list" in want:
        check_tensors(c, got["tensors"], want["tensor_list"], True)
    if "split" in want:
        c.eq("split.count", got.get("split", {}).get("count"), want["split"]["count"])
        c.eq("split.no", got.get("split", {}).get("no"), want["split"]["no"])
    if "arch" in want:
        a, llm = dict(want["arch"]), got.get("llm") or {}
        meta = want.get("metadata") or {}
        # The reference reads n_vocab from {arch}.vocab_size only; HaoLine falls back to the
        # length of tokenizer.ggml.tokens (the same file's array, also in the reference).
        tokens = meta.get("tokenizer.ggml.tokens") or {}
        if a.get("n_vocab") is None and tokens.get("count") is not None:
            a["n_vocab"] = int(tokens["count"])
        # The reference applies the KV formula to every architecture; an encoder
        # ({arch}.attention.causal = false) has no KV cache.
        causal = meta.get(f"{a['architecture']}.attention.causal") or {}
        if str(causal.get("value")) == "False":
            a["kv_bytes_per_token_f16"] = None
        c.eq("arch.architecture", llm.get("arch"), a["architecture"])
        for k in ARCH_KEYS:
            if k in a or k in ("expert_count", "expert_used_count"):
                c.eq("arch." + k, llm.get(k), a.get(k))
        if llm.get("kv_bytes_per_token_f16"):
            kvc = llm["kv_cache"]
            c.eq("kv_cache contexts", [p["context"] for p in kvc], [1024 << i for i in range(8)])
            c.eq("kv_cache bytes", [p["bytes"] for p in kvc], [a["kv_bytes_per_token_f16"] * (1024 << i) for i in range(8)])
    elif "metadata" in want and "general.architecture" not in want["metadata"] and not want.get("split"):
        c.eq("llm", got.get("llm"), None)


def check_safetensors(c, got, want):
    s = got["summary"]
    c.eq("tensors", s["tensors"], want["tensors"])
    c.eq("params", s["params"], want["params"])
    c.eq("weight_bytes", s["weight_bytes"], want["weight_bytes"])
    c.eq("dtypes", s["dtypes"], want["dtypes"])
    if want.get("format") == "safetensors-index":
        c.eq("shards", [os.path.basename(f["path"]) for f in got["files"]], want["shards"])
        return
    c.eq("data_offset", got["data_offset"], want["data_offset"])
    c.eq("file_size", got["file_size"], want["file_size"])
    meta = {k: v["value"] for k, v in got["metadata"].items()} if got["metadata"] else None
    c.eq("metadata", meta or None, want["metadata"])
    check_tensors(c, got["tensors"], want["tensor_list"], False)


def onnx_bindings(want):
    """--bind values for the symbolic input dims, from the shapes the model was exported with."""
    binds = {}
    for inp, shape in zip(want.get("inputs") or [], want.get("export_input_shapes") or []):
        for dim, value in zip(inp.get("shape") or [], shape):
            if isinstance(dim, str):
                binds[dim] = value
    return ",".join(f"{k}={v}" for k, v in binds.items())


def check_io(c, what, got, want, binds):
    """inputs[]/outputs[]: names and dtypes as declared; shapes as analysed (docs/json.md): the
    declared dims with --bind values put in; a declared number must be kept, a declared symbol
    may become another symbol (an output's dim named by the input dim it equals) but never a
    number the bindings do not give. A sequence/optional's shape is its element's."""
    if [(x["name"], x["dtype"]) for x in got or []] != [(x["name"], x["dtype"]) for x in want or []]:
        c.errors.append(f"{what}: got {got!r}, want {want!r}")
        return
    for g, w in zip(got, want):
        gs, ws = g["shape"], w["shape"]
        if ws is None:
            if gs is not None and not w["dtype"].startswith(("sequence(", "optional(", "map(")):
                c.errors.append(f"{what} {w['name']}: shape {gs!r}, the file declares none")
            continue
        ws = [binds.get(d, d) if isinstance(d, str) else d for d in ws]
        ok = gs is not None and len(gs) == len(ws) and all(
            gd == wd if isinstance(wd, int) else (isinstance(gd, str) or gd is None or gd in binds.values())
            for gd, wd in zip(gs, ws))
        if what == "inputs":
            ok = gs == ws
        if not ok:
            c.errors.append(f"{what} {w['name']}: shape {gs!r}, want {ws!r}")


def check_onnx(c, got, want):
    s, meta = got["summary"], got["metadata"]
    mv = lambda k: (meta.get(k) or {}).get("value")
    c.eq("ir_version", got["version"], want["ir_version"])
    c.eq("opset", mv("onnx.opset"), want["opset"])
    c.eq("producer", mv("onnx.producer_name") or "", want["producer"] or "")
    for k in ("nodes", "nodes_all", "constant_params"):
        c.eq(k, s.get(k), want[k])
    c.eq("ops", s.get("ops"), want["ops"])
    c.eq("ops_all", s.get("ops_all"), want["ops_all"])
    c.eq("subgraphs", s.get("subgraphs"), want["subgraphs"])
    c.eq("initializers", s["initializers"], want["initializers"])
    c.eq("params (initializers)", s.get("initializer_params"), want["params"])
    if "params_all" in want:   # every graph, subgraphs included
        c.eq("initializer_params_all", s.get("initializer_params_all"), want["params_all"])
    if "constant_params_all" in want:
        c.eq("constant_params_all", s.get("constant_params_all"), want["constant_params_all"])
    if "params_all" in want and "constant_params_all" in want:
        c.eq("summary.params + shape_constants", s["params"] + s["shape_constants"],
             want["params_all"] + want["constant_params_all"])
    # one definition of a weight: the summary is the sum over tensors[] of the weights
    ts = got["tensors"]
    not_weight = ("shape_constant", "attribute", "sparse", "function")
    weights = [t for t in ts if not any(t.get(k) for k in not_weight)]
    c.eq("tensors", s["tensors"], len(ts))
    c.eq("params = tensors[] weights", s["params"], sum(t["n_elements"] for t in weights))
    c.eq("weight_bytes = tensors[] weights", s["weight_bytes"], sum(t["bytes"] for t in weights))
    c.eq("shape_constants = tensors[]", s["shape_constants"], sum(t["n_elements"] for t in ts if t.get("shape_constant")))
    top = [t for t in ts if not any(t.get(k) for k in ("attribute", "sparse", "function", "constant", "subgraph"))]
    c.eq("weight_bytes (initializers)", sum(t["bytes"] for t in top), want["weight_bytes"])
    dt = {}
    for t in top:
        dt[t["dtype"]] = dt.get(t["dtype"], 0) + 1
    c.eq("dtypes (initializers)", dt, want["dtypes"])
    binds = dict(b.split("=") for b in onnx_bindings(want).split(",") if b)
    binds = {k: int(v) for k, v in binds.items()}
    check_io(c, "inputs", got.get("inputs"), want["inputs"], binds)
    check_io(c, "outputs", got.get("outputs"), want["outputs"], binds)
    if want.get("macs") is not None:
        if not (abs(s["macs"] - want["macs"]) <= 0.005 * want["macs"]):
            c.errors.append(f"macs: got {s['macs']}, want {want['macs']} (more than 0.5% apart)")


_builtins = []
def tflite_builtins():
    """BuiltinOperator names from the TFLite schema in shared/specs (empty when it is absent)."""
    if not _builtins:
        spec = os.path.join(os.path.dirname(os.path.abspath(CORPUS)), "specs", "tflite", "schema.fbs")
        text = open(spec, encoding="utf-8").read() if os.path.exists(spec) else ""
        body = re.search(r"enum BuiltinOperator : int32 \{(.*?)\}", text, re.S)
        _builtins.append(set(re.findall(r"^\s*([A-Z0-9_]+) = -?\d+", body.group(1), re.M)) if body else set())
    return _builtins[0]


def check_tflite(c, got, want):
    """Every key the corpus README defines, against the "tflite" object and the summary."""
    t, s = got.get("tflite") or {}, got["summary"]
    c.eq("format", got.get("format"), "tflite")
    c.eq("file_size", got.get("file_size"), want["file_bytes"])
    c.eq("version", got.get("version"), want["version"])
    c.eq("description", t.get("description"), want["description"])
    c.eq("subgraphs", t.get("subgraphs"), want["subgraphs"])
    for i, w in enumerate(want["subgraph_list"]):
        g = (t.get("subgraph_list") or [])[i] if i < len(t.get("subgraph_list") or []) else {}
        for k in ("name", "tensors", "operators", "ops", "inputs", "outputs"):
            c.eq(f"subgraph_list[{i}].{k}", g.get(k), w[k])
    for k in ("operator_codes", "constant_tensors", "params_unique_buffers", "quantized_tensors",
              "per_channel_tensors", "sparse_tensors", "metadata", "signature_defs"):
        c.eq(k, t.get(k), want[k])
    ops = {}
    for w in want["subgraph_list"]:
        for k, v in w["ops"].items():
            ops[k] = ops.get(k, 0) + v
    c.eq("ops (all subgraphs)", t.get("ops"), ops)
    # the summary: the TFLite counts, and subgraphs / ops_all with the meaning of every format
    # (graphs besides the main one; every graph's ops, "domain::Op": builtins are domain tflite)
    for k in ("constant_tensors", "params_unique_buffers", "quantized_tensors", "per_channel_tensors", "sparse_tensors"):
        c.eq(f"summary.{k}", s.get(k), want[k])
    if want["subgraphs"]:
        c.eq("summary.subgraphs + the main graph", s.get("subgraphs", 0) + 1, want["subgraphs"])
        c.eq("summary.nodes_all", s.get("nodes_all"), sum(w["operators"] for w in want["subgraph_list"]))
        if tflite_builtins():
            c.eq("summary.ops_all", s.get("ops_all"),
                 {("tflite::" if k in tflite_builtins() else "tflite.custom::") + k: v for k, v in ops.items()})
    c.eq("summary.params", s.get("params"), want["params"])
    c.eq("summary.weight_bytes", s.get("weight_bytes"), want["weight_bytes"])
    c.eq("summary.dtypes", s.get("dtypes"), want["dtypes"])
    if want["subgraphs"]:
        c.eq("summary.macs is a count", isinstance(s.get("macs"), int), True)


def diff_json(c, path, got, want):
    """Every key of want, recursively, with the same value in got (floats as the doubles they encode)."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            c.errors.append(f"{path}: got {got!r}, want an object")
            return
        c.eq(f"{path} keys", sorted(got), sorted(want))
        for k, w in want.items():
            if k in got:
                diff_json(c, f"{path}.{k}", got[k], w)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            c.errors.append(f"{path}: got {json.dumps(got)[:120]}, want {json.dumps(want)[:120]}")
            return
        for i, (g, w) in enumerate(zip(got, want)):
            diff_json(c, f"{path}[{i}]", g, w)
    elif not same_value(got, want):
        c.errors.append(f"{path}: got {got!r}, want {want!r}")


def check_coreml(c, got, want):
    """The "coreml" object carries every .expected.json key but the corpus' own (file, format,
    reference, protoc_decode) with the same meaning; the summary agrees with its counts."""
    c.eq("format", got.get("format"), "coreml")
    diff_json(c, "coreml", got.get("coreml"), {k: v for k, v in want.items()
                                               if k not in ("file", "format", "reference", "protoc_decode")})
    s, prog = got["summary"], want.get("ml_program")
    if prog:   # every const / constexpr tensor value is a weight tensor of the IR
        c.eq("summary.params = ml_program.param_elements", s.get("params"), prog["param_elements"])
        c.eq("summary.weight_bytes = ml_program.param_bytes", s.get("weight_bytes"), prog["param_bytes"])
    elif want["weights"]["weight_params"]:   # every stored WeightParams is a weight tensor
        c.eq("summary.params = weights.total_elements", s.get("params"), want["weights"]["total_elements"])
        c.eq("summary.weight_bytes = weights.total_bytes", s.get("weight_bytes"), want["weights"]["total_bytes"])
    if want.get("neural_network") and want["neural_network"]["layer_types"].get("convolution"):
        c.eq("summary.macs is a positive count", isinstance(s.get("macs"), int) and s["macs"] > 0, True)


def check_format_facts(c, got, want, fmt):
    """OpenVINO IR / TensorRT: every key of the corpus README, against the object named after the
    format (the same names and meanings), and the summary where it states the same thing."""
    key = "openvino" if fmt == "openvino" else "tensorrt"
    t, s = got.get(key) or {}, got["summary"]
    c.eq("format", got.get("format"), "openvino-ir" if fmt == "openvino" else "tensorrt")
    for k, w in want.items():
        if k in ("file", "format", "reference"):
            continue
        c.eq(f"{key}.{k}", t.get(k), w)
    if fmt == "openvino":
        c.eq("summary.params (top-level Const elements)", s.get("params"), want["consts"]["elements"])
        c.eq("summary.weight_bytes (top-level Const bytes)", s.get("weight_bytes"), want["consts"]["bytes"])
        c.eq("summary.macs is a count", isinstance(s.get("macs"), int), True)
    elif want.get("kind") == "graph" and want.get("detailed"):
        c.eq("summary.params (Weights + Bias counts)", s.get("params"), want["weights_count"])
        c.eq("summary.weight_bytes", s.get("weight_bytes"), want["weights_bytes"])
        c.eq("summary.nodes (layers)", s.get("nodes"), want["layers"])


def openvino_args(c, model, want):
    """An IR whose .bin is missing: the error names it; --graph-only reads the graph alone."""
    if want.get("bin_file") is not None or not want["consts_all"]["count"]:
        return []
    rc, out, err = run(model)
    bin_name = os.path.basename(model)[:-4] + ".bin"
    if rc != 1 or bin_name not in err:
        c.errors.append(f"a missing {bin_name} must be an error naming it (exit {rc}: {err.strip()[:200]})")
    return ["--graph-only"]


def check_tflite_detection(folder):
    """TFLite is recognised by content: named .onnx, and with its identifier zeroed (.bin)."""
    import tempfile
    src = os.path.join(folder, "tflm_hello_world_float.tflite")
    if not os.path.exists(src):
        return
    data = open(src, "rb").read()
    with tempfile.TemporaryDirectory() as d:
        for name, body in (("model.onnx", data), ("model.bin", data[:4] + bytes(4) + data[8:])):
            c = Check(f"tflite/detect/{name}")
            open(os.path.join(d, name), "wb").write(body)
            try:
                got = inspect(os.path.join(d, name))
                c.eq("format", got.get("format"), "tflite")
                c.eq("summary.params", got["summary"].get("params"), 321)
            except Exception as e:
                c.errors.append(f"{type(e).__name__}: {e}")
            report(c)


def _num(pattern, text, what, c):
    m = re.search(pattern, text, re.M)
    if not m:
        c.errors.append(f"{what}: not found")
        return None
    return int(m.group(1).replace(",", ""))


def check_formats_agree(c, model, binds, extra=()):
    """One inspect run writes every format; each count must be the same in all of them."""
    with tempfile.TemporaryDirectory() as tmp:
        j, md, cv, h = (os.path.join(tmp, "r." + e) for e in ("json", "md", "csv", "html"))
        rc, term, err = run(model, "--json", j, "--md", md, "--csv", cv, "--html", h, *(["--bind", binds] if binds else []), *extra)
        if rc != 0:
            c.errors.append(f"exit {rc}: {err.strip()}")
            return
        d = json.load(open(j, encoding="utf-8"))
        card = open(md, encoding="utf-8").read()
        rows = list(csv.DictReader(io.StringIO(open(cv, encoding="utf-8", newline="").read())))
        page = open(h, encoding="utf-8").read()
    s = d["summary"]
    n_shape = s.get("shape_constant_tensors", 0)
    n_weights = s.get("weight_tensors", s["tensors"])
    want = {"params": s["params"], "weight_bytes": s["weight_bytes"], "tensors": s["tensors"]}
    # terminal
    c.eq("terminal params", _num(r"^  parameters +([0-9,]+) ", term, "terminal parameters", c), want["params"])
    c.eq("terminal weight bytes", _num(r"^  weights +([0-9,]+) bytes", term, "terminal weights", c), want["weight_bytes"])
    c.eq("terminal tensors", _num(r"^  tensors +([0-9,]+)", term, "terminal tensors", c), want["tensors"])
    m = re.search(r"^  dtypes +(.*)$", term, re.M)
    c.eq("terminal dtype tensors", sum(int(x) for x in re.findall(r"\S+ (\d+) \(", m.group(1))) if m else 0, n_weights)
    # Markdown
    c.eq("markdown params", _num(r"^\| parameters \| ([0-9]+) ", card, "markdown parameters", c), want["params"])
    c.eq("markdown weight bytes", _num(r"^\| weights \| ([0-9]+) bytes", card, "markdown weights", c), want["weight_bytes"])
    c.eq("markdown tensors", _num(r"^\| tensors \| ([0-9]+) ", card, "markdown tensors", c), want["tensors"])
    prec = re.findall(r"^\| [A-Za-z0-9_]+ \| (\d+) \| (\d+) \| (\d+) \| [0-9.]+% \|$", card.split("## Precision")[1].split("\n## ")[0], re.M) if "## Precision" in card else []
    c.eq("markdown precision tensors", sum(int(t) for t, _, _ in prec), n_weights)
    c.eq("markdown precision params", sum(int(p) for _, p, _ in prec), want["params"])
    c.eq("markdown precision bytes", sum(int(b) for _, _, b in prec), want["weight_bytes"])
    tensor_rows = re.findall(r"^\| `.*` \| \S+ \| .* \| (\d+) \| (\w+) \|$", card, re.M)
    c.eq("markdown tensor rows", len(tensor_rows), want["tensors"])
    c.eq("markdown weight rows bytes", sum(int(b) for b, r in tensor_rows if r == "weight"), want["weight_bytes"])
    # CSV
    c.eq("csv rows", len(rows), want["tensors"])
    c.eq("csv weight params", sum(int(r["n_elements"]) for r in rows if r["role"] == "weight"), want["params"])
    c.eq("csv weight bytes", sum(int(r["bytes"]) for r in rows if r["role"] == "weight"), want["weight_bytes"])
    c.eq("csv shape constants", sum(int(r["n_elements"]) for r in rows if r["role"] == "shape_constant"), s.get("shape_constants", 0))
    # JSON tensors[]
    ts = d.get("tensors") or []
    c.eq("json tensors[]", len(ts), want["tensors"])
    c.eq("json shape constant tensors", sum(1 for t in ts if t.get("shape_constant")), n_shape)
    shared = [t for t in ts if t.get("users", 0) > 1 and not any(t.get(k) for k in ("shape_constant", "attribute", "sparse", "function"))]
    c.eq("json shared tensors", len(shared), s.get("shared_tensors", 0))
    names = {n["name"] for n in d.get("nodes") or []}
    c.eq("json shared_by names nodes", all(set(t["shared_by"]) <= names for t in shared), True)
    c.eq("terminal shared weights", _num(r"^  shared weights +([0-9]+) tensors", term, "terminal shared", c) if shared else 0, len(shared))
    # HTML: the cards and the page's table
    c.eq("html params", _num(r'title="([0-9]+) parameters"', page, "html parameters card", c), want["params"])
    c.eq("html weight bytes", _num(r'title="([0-9]+) bytes of weights"', page, "html size card", c), want["weight_bytes"])
    c.eq("html tensors", _num(r'<div class="s">([0-9]+) tensors', page, "html tensors", c), want["tensors"])
    data = re.search(r'<script type="application/json" id="hln-data">(.*?)</script>', page, re.S)
    c.eq("html table rows", len(json.loads(data.group(1))["tensors"]) if data else None, want["tensors"])
    # graph and LLM figures
    if "nodes" in s:
        m = re.search(r"^  nodes +([0-9,]+) \(([0-9,]+) including subgraphs\)$", term, re.M)
        c.eq("terminal nodes", [int(x.replace(",", "")) for x in m.groups() if x] if m else None, [s["nodes"], s["nodes_all"]])
        m = re.search(r"^\| nodes \| ([0-9]+) \(([0-9]+) with subgraphs\) \|$", card, re.M)
        c.eq("markdown nodes", [int(x) for x in m.groups() if x] if m else None, [s["nodes"], s["nodes_all"]])
    if "quantized_tensors" in s:   # TFLite: the summary's counts are the "tflite" object's
        for k in ("constant_tensors", "params_unique_buffers", "quantized_tensors", "per_channel_tensors", "sparse_tensors"):
            c.eq(f"summary.{k} = tflite.{k}", s[k], d["tflite"][k])
    if "macs" in s:
        c.eq("terminal MACs", _num(r"^  MACs +([0-9,]+) ", term, "terminal MACs", c), s["macs"])
        c.eq("markdown MACs", _num(r"^\| MACs \| ([0-9]+) ", card, "markdown MACs", c), s["macs"])
        c.eq("html MACs", _num(r'title="([0-9]+) multiply-accumulates"', page, "html MACs card", c), s["macs"])
    kv = (d.get("llm") or {}).get("kv_bytes_per_token_f16")
    if kv:
        c.eq("terminal KV", _num(r"KV cache \(f16\) +([0-9,]+) bytes per token", term, "terminal KV", c), kv)
        c.eq("markdown KV", _num(r"KV cache \(f16, ([0-9]+) bytes per token", card, "markdown KV", c), kv)
    else:
        c.eq("no KV cache in the terminal", "KV cache (f16)" in term, False)
        c.eq("no KV cache in the card", "### KV cache" in card, False)


def report(c):
    global passed, failed
    if c.errors:
        failed += 1
        print(f"  FAIL {c.name}")
        for e in c.errors[:12]:
            print(f"       {e}")
    else:
        passed += 1


def bad_readme_expectations(folder):
    """file -> 'accept' | 'reject' | 'either' from the folder's README table."""
    exp = {}
    path = os.path.join(folder, "README.md")
    if not os.path.exists(path):
        return exp
    for line in open(path, encoding="utf-8"):
        cells = [x.strip() for x in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0] or "." not in cells[0] or cells[0].startswith("-"):
            continue
        text = " ".join(cells[1:]).lower()
        expected = [c.lower() for c in cells if c.lower().startswith(("reject", "accept", "either"))]
        e = expected[0] if expected else text
        exp[cells[0]] = "either" if e.startswith("either") else "accept" if e.startswith("accept") else "reject"
    return exp


def formula_at(formula, values):
    total = 0
    for t in formula:
        v = t["coef"]
        for dim, e in t["powers"].items():
            v *= values[dim] ** e
        total += v
    return total


def check_dims_and_bindings():
    """Defaults, the MACs formula and --bind refusals on every ONNX model whose expected file
    gives MACs at its export shapes: the formula at those shapes is the reference's MACs."""
    for dirpath, dirs, files in os.walk(os.path.join(CORPUS, "onnx")):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith(".onnx.expected.json"):
                continue
            want = json.load(open(os.path.join(dirpath, f), encoding="utf-8"))
            binds = onnx_bindings(want)
            if want.get("macs") is None or not binds:
                continue
            model = os.path.join(dirpath, f[: -len(".expected.json")])
            c = Check(os.path.relpath(model, CORPUS) + " (dims, formula, --bind)")
            try:
                s = inspect(model)["summary"]
                names = [d["name"] for d in s["dims"]]
                c.eq("dims", sorted(names), sorted(b.split("=")[0] for b in binds.split(",")))
                if s["macs_formula"] is None:
                    c.errors.append("no MACs formula")
                else:
                    values = {d["name"]: d["value"] for d in s["dims"]}
                    c.eq("formula at the defaults", formula_at(s["macs_formula"], values), s["macs"])
                    values.update({k: int(v) for k, v in (b.split("=") for b in binds.split(","))})
                    c.eq("formula at the export shapes", formula_at(s["macs_formula"], values), want["macs"])
                rc, out, err = run(model)
                if rc != 0 or "  dims  " not in out or "MACs formula" not in out:
                    c.errors.append(f"terminal lacks the dims or the formula: {out[:300]!r}")
                else:   # the same formula text in the terminal, the Markdown card and the HTML page
                    text = [l for l in out.splitlines() if "MACs formula" in l][0].split("MACs formula", 1)[1].strip()
                    md, page = run(model, "--md", "-")[1], run(model, "--html", "-")[1]
                    if f"| MACs formula | {text} |" not in md or text not in page:
                        c.errors.append(f"the Markdown card or the HTML page lacks the formula {text!r}")
                for bad in ("nosuch=3", f"{names[0]}=0", f"{names[0]}=-2", f"{names[0]}=x",
                            f"{names[0]}=99999999999999999999", f"{names[0]}=4611686018427387904"):
                    rc, out, err = run(model, "--bind", bad)
                    if rc != 2 or out:
                        c.errors.append(f"--bind {bad}: exit {rc}, want 2 and nothing on stdout")
                    if bad.startswith("nosuch") and not all(n in err for n in names):
                        c.errors.append(f"--bind {bad}: the error does not list the model's dims: {err.strip()!r}")
                rc, out, err = run(model, "--bind", f"{names[0]}={1 << 50}")   # a count past 64 bits
                got = json.loads(run(model, "--json", "--bind", f"{names[0]}={1 << 50}")[1])["summary"]
                mac_line = [l for l in out.splitlines() if l.strip().startswith("MACs ")]
                if got["saturated"]:
                    md = run(model, "--md", "-", "--bind", f"{names[0]}={1 << 50}")[1]
                    if str((1 << 64) - 1) in out + md:
                        c.errors.append("the saturated value 2^64 - 1 is printed as a count")
                    if got["macs"] is not None or not mac_line or any(ch.isdigit() for ch in mac_line[0].split("saturated")[0]):
                        c.errors.append(f"a saturated count is printed as a number: {mac_line} / {got['macs']}")
                elif got["macs"] != formula_at(got["macs_formula"] or [], {**{d["name"]: d["value"] for d in got["dims"]}}) and got["macs_formula"]:
                    c.errors.append("formula and MACs disagree at a large batch")
            except Exception as e:
                c.errors.append(f"{type(e).__name__}: {e}")
            report(c)


def main():
    check_dims_and_bindings()
    for fmt in FORMATS:
        root = os.path.join(CORPUS, fmt)
        for dirpath, dirs, files in os.walk(root):
            dirs.sort()
            if os.path.basename(dirpath) == "bad":
                exp = bad_readme_expectations(dirpath)
                for f in sorted(files + [d for d in dirs if d.endswith(".mlpackage")]):   # packages are folders
                    if not f.endswith(MODEL_SUFFIXES[fmt]) or f.endswith(".expected.json"):
                        continue
                    c = Check(f"{fmt}/bad/{f}")
                    rc, out, err = run(os.path.join(dirpath, f))
                    want = exp.get(f, "reject")
                    lines = [l for l in err.strip().splitlines() if l]
                    if rc not in (0, 1):
                        c.errors.append(f"exit {rc} (crash or usage error): {err.strip()[-400:]}")
                    elif want == "reject" and rc != 1:
                        c.errors.append("accepted a file that must be rejected")
                    elif want == "accept" and rc != 0:
                        c.errors.append(f"rejected a valid file: {err.strip()}")
                    elif want == "accept" and fmt in ("tflite", "tensorrt") and os.path.exists(os.path.join(dirpath, f + ".expected.json")):
                        w = json.load(open(os.path.join(dirpath, f + ".expected.json"), encoding="utf-8"))
                        g = inspect(os.path.join(dirpath, f))
                        if fmt == "tflite":
                            check_tflite(c, g, w)
                        else:
                            check_format_facts(c, g, w, fmt)
                    elif rc == 1:
                        if len(lines) != 1 or f not in lines[0] or "byte " not in lines[0]:
                            c.errors.append(f"error is not one line naming the file and byte offset: {err.strip()!r}")
                    report(c)
                continue
            for f in sorted(files):
                if not f.endswith(".expected.json"):
                    continue
                model = os.path.join(dirpath, f[: -len(".expected.json")])
                want = json.load(open(os.path.join(dirpath, f), encoding="utf-8"))
                c = Check(os.path.relpath(model, CORPUS))
                binds, extra = "", []
                try:
                    binds = onnx_bindings(want) if fmt == "onnx" else ""
                    extra = openvino_args(c, model, want) if fmt == "openvino" else []
                    got = inspect(model, *(["--bind", binds] if binds else []), *extra)
                    c.eq("schema", got.get("schema"), "haoline/1")
                    if fmt == "gguf":
                        check_gguf(c, got, want)
                    elif fmt == "onnx":
                        check_onnx(c, got, want)
                    elif fmt == "tflite":
                        check_tflite(c, got, want)
                    elif fmt == "coreml":
                        check_coreml(c, got, want)
                    elif fmt in ("openvino", "tensorrt"):
                        check_format_facts(c, got, want, fmt)
                    else:
                        check_safetensors(c, got, want)
                except Exception as e:  # a crash, bad JSON, a missing key: all failures
                    c.errors.append(f"{type(e).__name__}: {e}")
                report(c)
                c = Check("formats agree: " + os.path.relpath(model, CORPUS))
                try:
                    check_formats_agree(c, model, binds, extra)
                except Exception as e:
                    c.errors.append(f"{type(e).__name__}: {e}")
                report(c)
    check_tflite_detection(os.path.join(CORPUS, "tflite"))
    print(f"golden: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
