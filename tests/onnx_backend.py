#!/usr/bin/env python3
"""HaoLine against the ONNX backend operator test models (Debian libonnx-testdata).

    python3 tests/onnx_backend.py BUILD/haoline [DATA_DIR]

Each model.onnx is stripped of its value_info and of the shapes of its graph outputs, so that
HaoLine must infer them; then, for every model:
  - it loads (`haoline inspect --json` exits 0),
  - its counts match python onnx (nodes, nodes in every subgraph, subgraphs, ops, initializer
    elements, Constant-node elements, input names/dtypes/shapes, output names/dtypes),
  - every output shape that onnx's own shape inference knows (rank, and each dim it gives a
    value) is known to HaoLine and equal: an output left unknown or given a different shape
    fails the model. A dim onnx leaves symbolic must not be given a number; no dim may differ
    from the shape the original file declares (a guess is wrong even where onnx knows nothing).
Needs python3-onnx (the script re-runs itself under /usr/bin/python3 when the python on PATH
lacks it) and libonnx-testdata; without them it prints a skip with the reason. Prints one line
per failing model and ends with "onnx-backend: N passed, N failed[, N skipped]"."""
import collections
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time

DATA = "/usr/share/libonnx-testdata/data"
NAME = "onnx-backend"
DEADLINE_S = 100   # the whole suite takes a few seconds; a hang fails the step instead of stalling it


def skip(reason):
    print(f"{NAME}: skipped: {reason}")
    print(f"{NAME}: 0 passed, 0 failed, 1 skipped")
    sys.exit(0)


try:
    import onnx
    from onnx import shape_inference
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and not os.environ.get("HLN_BACKEND_REEXEC"):
        os.environ["HLN_BACKEND_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    skip("python onnx is not installed (Debian: python3-onnx)")

if len(sys.argv) < 2:
    print(f"usage: {sys.argv[0]} BUILD/haoline [DATA_DIR]", file=sys.stderr)
    sys.exit(2)
HAOLINE = os.path.abspath(sys.argv[1])
data = sys.argv[2] if len(sys.argv) > 2 else DATA
if not os.path.isdir(data):
    skip(f"{data} is missing (Debian: libonnx-testdata)")

DTYPE = {v: k for k, v in onnx.TensorProto.DataType.items()}


def subgraphs(graph):
    for n in graph.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                yield a.g
            elif a.type == onnx.AttributeProto.GRAPHS:
                yield from a.graphs


def all_graphs(graph):
    yield graph
    for g in subgraphs(graph):
        yield from all_graphs(g)


def elements(t):
    n = 1
    for d in t.dims:
        n *= d
    return n


def constant_elements(a):
    """Elements of a Constant's value, in whichever attribute it comes."""
    if a.name == "value":
        return elements(a.t)
    if a.name == "sparse_value":
        return math.prod(a.sparse_tensor.dims) if a.sparse_tensor.dims else elements(a.sparse_tensor.values)
    if a.name in ("value_float", "value_int", "value_string"):
        return 1
    return len(a.floats) + len(a.ints) + len(a.strings) if a.name in ("value_floats", "value_ints", "value_strings") else 0


def shape_of(tp):
    """[dim...] (int, str or None) of a tensor type, None when the rank is unknown."""
    if tp.WhichOneof("value") != "tensor_type" or not tp.tensor_type.HasField("shape"):
        return None
    return [d.dim_value if d.HasField("dim_value") else (d.dim_param if d.HasField("dim_param") else None)
            for d in tp.tensor_type.shape.dim]


def io_dtype(tp):
    return DTYPE.get(tp.tensor_type.elem_type) if tp.WhichOneof("value") == "tensor_type" else None


def expected(model):
    g = model.graph
    ops = collections.Counter(n.op_type if n.domain in ("", "ai.onnx") else f"{n.domain}::{n.op_type}" for n in g.node)
    constant = sum(constant_elements(a) for n in g.node if n.op_type == "Constant" and n.domain in ("", "ai.onnx")
                   for a in n.attribute)
    graphs = list(all_graphs(g))
    return {
        "nodes": len(g.node),
        "nodes_all": sum(len(x.node) for x in graphs),
        "subgraphs": len(graphs) - 1,
        "ops": dict(ops),
        "initializer_params": sum(elements(t) for t in g.initializer),
        "constant_params": constant,
    }


def strip(model):
    """The model without value_info or output shapes, and onnx's inferred output shapes."""
    for g in all_graphs(model.graph):
        del g.value_info[:]
    for o in model.graph.output:
        if o.type.WhichOneof("value") == "tensor_type":
            o.type.tensor_type.ClearField("shape")
    try:
        inferred = shape_inference.infer_shapes(model)
        ref = [shape_of(o.type) for o in inferred.graph.output]
    except Exception:   # onnx cannot infer this model: no shape to compare
        ref = [None] * len(model.graph.output)
    return model, ref


def compare(got, ref):
    """None when HaoLine's shape agrees with onnx's, else "unknown" or "wrong"."""
    if got is None:
        return "unknown"
    if len(got) != len(ref):
        return "wrong"
    verdict = None
    for g, w in zip(got, ref):
        if isinstance(w, int) and isinstance(g, int) and g != w or isinstance(w, str) and isinstance(g, int):
            return "wrong"
        if isinstance(w, int) and not isinstance(g, int):
            verdict = "unknown"
    return verdict


def check(path, tmp):
    """Returns (errors, n_outputs, n_unknown, n_wrong) for one model."""
    model = onnx.load(path)
    want = expected(model)
    weights = {t.name for t in model.graph.initializer}
    tensor_in = [i for i in model.graph.input if i.name not in weights]
    inputs = [(i.name, io_dtype(i.type), shape_of(i.type)) for i in tensor_in]
    symbols = {d for _, _, sh in inputs for d in sh or [] if isinstance(d, str)}
    declared = [shape_of(o.type) for o in model.graph.output]
    model, ref = strip(model)
    rel = os.path.relpath(os.path.dirname(path), data).replace(os.sep, "_")
    stripped = os.path.join(tmp, rel + ".onnx")
    onnx.save(model, stripped)
    p = subprocess.run([HAOLINE, "inspect", stripped, "--json", "--summary-only"], capture_output=True, timeout=60)
    if p.returncode != 0:
        return [f"exit {p.returncode}: {p.stderr.decode('utf-8', 'replace').strip()}"], len(ref), 0, 0
    got = json.loads(p.stdout)
    s, errors = got["summary"], []
    for k, v in want.items():
        if s.get(k) != v:
            errors.append(f"{k}: got {s.get(k)!r}, want {v!r}")
    # sequence/optional inputs: names only (onnx has no tensor shape for them)
    got_in = [(i["name"], i["dtype"], i["shape"]) if (d or sh) else (i["name"],)
              for i, (_, d, sh) in zip(got["inputs"], inputs)]
    want_in = [(n, d, sh) if (d or sh) else (n,) for n, d, sh in inputs]
    if got_in != want_in:
        errors.append(f"inputs: got {got_in}, want {want_in}")
    outs = got["outputs"]
    if [o["name"] for o in outs] != [o.name for o in model.graph.output]:
        errors.append(f"outputs: got {[o['name'] for o in outs]}")
        return errors, len(ref), 0, 0
    unknown = wrong = 0
    for o, r, decl, dshape in zip(outs, ref, model.graph.output, declared):
        d = io_dtype(decl.type)
        if d and o["dtype"] != d:
            errors.append(f"output {o['name']}: dtype {o['dtype']}, want {d}")
        if dshape is not None and compare(o["shape"], dshape) == "wrong" or r is None and dshape is None:
            wrong += dshape is not None
            if dshape is not None:
                errors.append(f"output {o['name']}: shape wrong: got {o['shape']}, the file declares {dshape}")
            continue
        if r is None:
            continue
        r = [w if not isinstance(w, str) or w in symbols else None for w in r]   # onnx's unk__N: unknown
        verdict = compare(o["shape"], r)
        if verdict:
            unknown += verdict == "unknown"
            wrong += verdict == "wrong"
            errors.append(f"output {o['name']}: shape {verdict}: got {o['shape']}, onnx infers {r}")
    return errors, len(ref), unknown, wrong


def op_table_errors():
    """Every op python onnx has a schema for (default domain, ai.onnx.ml, preview.training) is in
    HaoLine's op table (haoline_analysis.h), and every op of the table is in docs/costs.md."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    src = open(os.path.join(root, "haoline_analysis.h")).read()
    doc = open(os.path.join(root, "docs", "costs.md")).read()
    table = {(n, int(d)) for n, d in re.findall(r'\{"([A-Za-z0-9]+)", HLN__GA_OP_[A-Z0-9_]+, \d+, (\d)\}', src)}
    domains = {"": 0, "ai.onnx.ml": 1, "ai.onnx.preview.training": 2}
    errors = sorted({f"op table lacks {s.domain or 'ai.onnx'}::{s.name}" for s in onnx.defs.get_all_schemas_with_history()
                     if s.domain in domains and (s.name, domains[s.domain]) not in table})
    words = set(re.findall(r"[A-Za-z0-9]+", doc))
    errors += sorted(f"docs/costs.md does not mention {n}" for n, _ in table if n not in words)
    return errors


def main():
    models = sorted(os.path.join(d, f) for d, _, fs in os.walk(data) for f in fs if f == "model.onnx")
    if not models:
        skip(f"no model.onnx under {data}")
    passed = failed = outputs = unknown = wrong = 0
    for e in op_table_errors():
        print(f"  FAIL {e}")
        failed += 1
    passed += failed == 0
    bad_models = collections.Counter()
    deadline = time.monotonic() + DEADLINE_S
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for path, fut in zip(models, [pool.submit(check, m, tmp) for m in models]):
            try:
                errors, n_out, n_unk, n_wrong = fut.result(timeout=max(1.0, deadline - time.monotonic()))
            except concurrent.futures.TimeoutError:
                print(f"  FAIL the suite ran past {DEADLINE_S} s; stopped at {path}")
                failed += 1
                pool.shutdown(wait=False, cancel_futures=True)   # the running models finish, no new ones start
                break
            except Exception as e:   # a crash of the harness on one model is that model's failure
                errors, n_out, n_unk, n_wrong = [f"{type(e).__name__}: {e}"], 0, 0, 0
            outputs += n_out
            unknown += n_unk
            wrong += n_wrong
            if errors:
                failed += 1
                print(f"  FAIL {os.path.relpath(os.path.dirname(path), data)}")
                for e in errors[:6]:
                    print(f"       {e}")
                bad_models["unknown" if n_unk else "wrong" if n_wrong else "other"] += 1
            else:
                passed += 1
    print(f"op table and docs/costs.md checked; {len(models)} models, {outputs} graph outputs: {unknown} shapes unknown, {wrong} wrong; "
          f"failing models: {dict(bad_models)}")
    print(f"{NAME}: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
