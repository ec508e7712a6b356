#!/usr/bin/env python3
"""`inspect --redact-names`: no name from the model survives in any output (terminal, JSON,
Markdown, HTML, CSV) for a Core ML, an OpenVINO IR and a TensorRT graph file, the format's own
object (`coreml`, `openvino`, `tensorrt`) included.

    python3 tests/redact_check.py BUILD/haoline [CORPUS]

The names: every node, value and tensor name the unredacted JSON lists, and the names inside the
format object (inputs, outputs, layers, files, free-text metadata). A name counts as surviving
when it appears as a whole token (not inside a longer identifier) and is not also an op type or a
word of the report itself. Ends with "redact: N passed, N failed"."""
import json
import os
import re
import subprocess
import sys

from cli_util import Checks, cli_and_corpus

HAOLINE, CORPUS = cli_and_corpus()

# file, the names inside its format object that must go (besides the IR's names)
CASES = [
    ("openvino/generated/cnn_fp32.xml", ["cnn_fp32", "cnn_fp32.bin", "probs/sink_port_0", "probs", "softmax"]),
    ("coreml/generated/pipeline_detector_nms.mlmodel",
     ["detector", "nms", "raw_confidence", "raw_coordinates", "iouThreshold", "confidenceThreshold",
      "HaoLine test corpus (gen_coreml.js, protobufjs)", "CC0-1.0"]),
    ("coreml/generated/mlprogram_cnn_fp16.mlpackage", ["main", "probs", "@model_path/weights/weight.bin",
                                                       "Data/com.apple.CoreML/weights/weight.bin"]),
    ("tensorrt/trex/pytorch_resnet18_A100_fp16/resnet.onnx.engine.graph.json",
     ["input.1", "Conv_5 + Add_6 + Relu_7", "Reformatting CopyNode for Input Tensor 0 to Conv_0 + Relu_1"]),
    ("tensorrt/trex/pytorch_resnet18_A100_fp16/resnet.onnx.engine.profile.json",
     ["resnet.onnx.engine.graph.json", "Conv_0 + Relu_1"]),
]


# Names these models share with the report's own words (HTML/CSS/JS, headings, labels): they
# are checked in the JSON's string values, not searched for in the text outputs.
REPORT_WORDS = {"input", "output", "main", "gap", "coordinates", "image", "nms"}


def strings(v, keys):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x, keys)
    elif isinstance(v, dict):
        for k, x in v.items():
            if keys:
                yield k
            yield from strings(x, keys)


check = Checks("redact")


def run(*args):
    p = subprocess.run([HAOLINE, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


for rel, extra in CASES:
    path = os.path.join(CORPUS, rel)
    rc, text = run("inspect", path, "--json")
    check(f"{rel}: inspect --json", rc == 0, f"exit {rc}")
    if rc:
        continue
    d = json.loads(text)
    names = set(extra)
    for n in d.get("nodes", []):
        names.add(n["name"])
        names.update(n.get("inputs", []) + n.get("outputs", []))
    names.update(t["name"] for t in d.get("tensors", []))
    names.update(v["name"] for v in d.get("inputs", []) + d.get("outputs", []))
    fmt_key = [k for k in ("coreml", "openvino", "tensorrt") if k in d][0]
    check(f"{rel}: the names listed are in the unredacted {fmt_key} object", all(json.dumps(n)[1:-1] in json.dumps(d[fmt_key]) or
          n in (x["name"] for x in d.get("nodes", [])) for n in extra), [n for n in extra if json.dumps(n)[1:-1] not in json.dumps(d[fmt_key])])
    ops = {n["op"] for n in d.get("nodes", [])}
    names = {n for n in names if n and n not in ops and len(n) > 1}
    outputs = {"terminal": run("inspect", path, "--redact-names")[1], "json": run("inspect", path, "--redact-names", "--json")[1]}
    for flag in ("--md", "--html", "--csv"):
        outputs[flag[2:]] = run("inspect", path, "--redact-names", flag, "-")[1]
    red = json.loads(outputs["json"])
    check(f"{rel}: redacted JSON says so and keeps the {fmt_key} object", red.get("redacted") is True and isinstance(red.get(fmt_key), dict))
    values = set(strings(red, keys=False))
    left = sorted(n for n in names if n in values)
    check(f"{rel}: no name is a string value of the JSON", not left, left[:6])
    for out, body in outputs.items():
        if out == "json":   # keys are the schema's; names that are keys: below
            continue
        left = sorted(n for n in names - REPORT_WORDS if re.search(r"(?<![A-Za-z0-9_./:-])" + re.escape(n) + r"(?![A-Za-z0-9_./-])", body))
        check(f"{rel}: no name survives in the {out} output", not left, left[:6])
    if fmt_key == "coreml" and "ml_program" in d["coreml"]:   # names that are keys: functions, package files
        check(f"{rel}: function names and package files are redacted keys",
              "main" not in red["coreml"]["ml_program"]["functions"] and
              not set(d["coreml"]["package"]["files"]) & set(red["coreml"]["package"]["files"]))

sys.exit(check.finish())
