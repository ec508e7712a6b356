#!/usr/bin/env bash
# tests/cli_deploy.sh BIN - `haoline hardware` and the deployment options of `inspect`:
# listings, JSON keys, names, validation (exit 2 before anything is written), hardware files.
set -u
bin=${1:-build/haoline}
sample=examples/sample.gguf
onnx=${HAOLINE_CORPUS:-../shared/corpus}/onnx/real/blazeface/face_detection_front_128x128_barracuda.onnx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL cli_deploy: $1"; fi; }

out=$($bin hardware --help 2>/dev/null); rc=$?
check "hardware --help" '[ $rc -eq 0 ] && echo "$out" | grep -q "^usage: haoline hardware"'
out=$($bin hardware 2>/dev/null); rc=$?
check "hardware lists at least 80 profiles" '[ $rc -eq 0 ] && [ $(echo "$out" | grep -Ec "^[a-z0-9-]+ +(gpu|cpu|soc|mcu) ") -ge 80 ]'
$bin hardware --json > "$tmp/hw.json" 2>/dev/null; rc=$?
check "hardware --json: a bare list with the documented keys, sources, unique lower-case names" '[ $rc -eq 0 ] && python3 - "$tmp/hw.json" <<PY
import json, re, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and len(d) >= 80
keys = ["name", "kind", "memory_bytes", "bandwidth_gb_per_s", "peak_tflops", "tdp_w", "sources"]
prec = ["fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4"]
names = [p["name"] for p in d]
assert len(set(names)) == len(names)
for p in d:
    assert list(p) == keys, p
    assert list(p["peak_tflops"]) == prec
    assert p["kind"] in ("gpu", "cpu", "soc", "mcu")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p["name"])
    assert p["sources"] and all(isinstance(s, str) and s for s in p["sources"])
PY'
check "docs/hardware.md lists every profile with the same figures and sources" 'python3 - "$tmp/hw.json" docs/hardware.md <<PY
import json, sys
d = {p["name"]: p for p in json.load(open(sys.argv[1]))}
rows = {}
for line in open(sys.argv[2]):
    c = [x.strip() for x in line.strip().strip("|").split("|")]
    if len(c) == 13 and c[0].startswith("\`"):
        rows[c[0].strip("\`")] = c
assert set(rows) == set(d), set(d) ^ set(rows)
num = lambda v: None if v in ("-", "\u2013") else float(v)
for n, c in rows.items():
    p = d[n]
    assert c[1] == p["kind"], n
    assert num(c[3]) == p["bandwidth_gb_per_s"], n
    assert [num(x) for x in c[4:11]] == [p["peak_tflops"][k] for k in ("fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4")], n
    assert num(c[11]) == p["tdp_w"], n
    assert c[12] == "; ".join(p["sources"]), n
PY'
out=$($bin hardware H100-SXM5-80GB 2>/dev/null); rc=$?
check "hardware NAME is case-insensitive and shows sources" '[ $rc -eq 0 ] && echo "$out" | grep -q "^h100-sxm5-80gb" && echo "$out" | grep -q "sources" && echo "$out" | grep -q "datasheet"'
out=$($bin hardware h100 2>&1 >/dev/null); rc=$?
check "unknown hardware: exit 2 naming the near ones" '[ $rc -eq 2 ] && echo "$out" | grep -q "h100-sxm5-80gb" && echo "$out" | grep -q "h100-pcie-80gb"'
out=$($bin hardware --sort bandwidth --json 2>/dev/null); rc=$?
check "--sort bandwidth puts the fastest first" '[ $rc -eq 0 ] && echo "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); b=[p[\"bandwidth_gb_per_s\"] or 0 for p in d]; assert b==sorted(b, reverse=True)"'
$bin hardware --sort colour > /dev/null 2>&1; rc=$?
check "--sort with an unknown column: exit 2" '[ $rc -eq 2 ]'
out=$($bin hardware --filter apple-m --json 2>/dev/null); rc=$?
check "--filter" '[ $rc -eq 0 ] && echo "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); assert len(d)>=12 and all(p[\"name\"].startswith(\"apple-m\") for p in d)"'
printf '# lab\n[my-npu]\nkind = soc\nmemory = 8GiB\nbandwidth_gb_per_s = 51.2\nint8 = 26\nsource = lab sheet rev 2\n' > "$tmp/good.hw"
out=$($bin hardware my-npu --hardware-file "$tmp/good.hw" --json 2>/dev/null); rc=$?
check "--hardware-file adds a profile" '[ $rc -eq 0 ] && echo "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); assert d[0][\"memory_bytes\"]==8589934592 and d[0][\"peak_tflops\"][\"int8\"]==26"'
sed -n '/^## `--hardware-file F`/,/^Rules:/p' docs/hardware.md | sed -n '/^```$/,/^```$/p' | sed '1d;$d' > "$tmp/doc.hw"
out=$($bin hardware my-npu --hardware-file "$tmp/doc.hw" --json 2>/dev/null); rc=$?
check "the example of docs/hardware.md loads" '[ $rc -eq 0 ] && echo "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); assert d[0][\"bandwidth_gb_per_s\"]==51.2 and d[0][\"sources\"]==[\"lab measurement, rev 2 (2026-11)\"]"'
printf '[my-npu]\nsource = s\nfp16 = fast\n' > "$tmp/bad.hw"
out=$($bin hardware --hardware-file "$tmp/bad.hw" 2>&1 >/dev/null); rc=$?
check "a bad hardware file: exit 1 naming the line" '[ $rc -eq 1 ] && echo "$out" | grep -q "line 3"'

out=$($bin inspect $sample --hardware rtx-4090 --hardware Apple-M2-Max --memory 4GB --memory 2GiB 2>/dev/null); rc=$?
check "inspect --hardware prints a deployment section per device" '[ $rc -eq 0 ] && echo "$out" | grep -q "deployment on rtx-4090" && echo "$out" | grep -q "deployment on apple-m2-max" && echo "$out" | grep -q -- "--memory 2GiB (2.1 GB = 2.0 GiB)" && echo "$out" | grep -q -- "--memory 4GB (4.0 GB = 3.7 GiB)"'
for bad in "--hardware nope" "--memory 0GB" "--memory -4GB" "--memory lots" "--context 0" "--context -5" "--context 12x" \
           "--batch 0" "--batch -1" "--kv-type q9_9" "--target-latency 0ms" "--target-latency fast" "--devices 0" "--efficiency 1.5" "--hardware" \
           "--link-bandwidth 0" "--link-bandwidth fast" "--link-latency 0us" "--link-latency -5us" "--link-latency 5" \
           "--link-latency fast" "--link-latency 2s" "--link-bandwidth -5" "--prompt-tokens 0" "--efficiency 0" "--devices -2"; do
    rm -f "$tmp/never.json"
    $bin inspect $sample $bad --json "$tmp/never.json" > /dev/null 2>&1; rc=$?
    check "inspect $bad: exit 2, nothing written" '[ $rc -eq 2 ] && [ ! -e "$tmp/never.json" ]'
done
out=$($bin inspect $sample --hardware rtx4090 2>&1 >/dev/null); rc=$?
check "inspect --hardware with a near miss names rtx-4090" '[ $rc -eq 2 ] && echo "$out" | grep -q "rtx-4090"'
$bin inspect $sample --hardware h100-sxm5-80gb --memory 4GB --memory 1GiB --kv-type q8_0 --json "$tmp/dep.json" > /dev/null 2>&1; rc=$?
check "inspect --json: hardware, estimates, planner, roofline with the documented keys" '[ $rc -eq 0 ] && python3 - "$tmp/dep.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
hw = d["hardware"][0]
assert list(hw) == ["name", "memory_bytes", "bandwidth_gb_per_s", "peak_tflops"] and hw["name"] == "h100-sxm5-80gb"
assert list(hw["peak_tflops"]) == ["fp32", "fp16", "bf16", "fp8", "int8", "int4"]
e = d["estimates"][0]
for k in ["hardware", "precision", "batch", "context", "prompt_tokens", "ttft_s", "decode_tokens_per_s", "decode_tokens_per_s_bound", "latency_s", "bound"]:
    assert k in e, k
assert e["bound"] in ("compute", "memory") and e["hardware"] == "h100-sxm5-80gb"
p = d["planner"]
assert list(p["kv_bytes_per_token"]) == ["f32", "f16", "bf16", "q8_0", "q4_0", "u8", "nf4"]
assert p["kv_bytes_per_token"]["f16"] == d["llm"]["kv_bytes_per_token_f16"] and p["kv_type"] == "q8_0"
assert set(p["max_context"]) == {"4GB", "1GiB"} and p["max_context"]["4GB"] >= 1
assert [f["memory_bytes"] for f in p["fits"]] == [g * 10**9 for g in (2, 4, 8, 12, 16, 24, 32, 48, 80, 141, 192)]
assert all(set(f) >= {"memory_bytes", "context", "batch", "fits", "total_bytes"} for f in p["fits"])
r = d["roofline"][0]
assert set(r) >= {"node_or_block", "intensity", "bound", "time_s"} and r["node_or_block"] == "blk.0"
s = {x["runtime"]: x for x in d["serving"]}
assert list(s) == ["llama.cpp", "vLLM", "TensorRT-LLM", "ONNX Runtime", "TFLite/LiteRT", "Core ML"]
assert all(list(x) == ["runtime", "supported", "note", "min_version", "convertible"] for x in s.values())
assert all(x["convertible"] is None for x in s.values())   # a GGUF: no row is a conversion
assert s["llama.cpp"]["supported"] is True and s["llama.cpp"]["min_version"] == "llama.cpp >= b1046 (any build that reads GGUF, PR #2398)"
assert s["ONNX Runtime"]["supported"] is False and s["ONNX Runtime"]["min_version"] is None
PY'
$bin inspect $sample --hardware h100-sxm5-80gb --devices 2 --link-bandwidth 450 --link-latency 2.5us --json "$tmp/tp.json" > /dev/null 2>&1; rc=$?
check "--devices 2: the all-reduce bytes and messages, the link and each step's link time in JSON" '[ $rc -eq 0 ] && python3 - "$tmp/tp.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
p = d["planner"]
l = d["llm"]
assert p["n_devices"] == 2 and p["link_gb_per_s"] == 450 and p["link_latency_s"] == 2.5e-6
assert p["allreduce_bytes_per_token"] == 2 * l["n_layer"] * l["n_embd"] * 2 * 2 * (2 - 1) / 2
assert p["allreduce_messages_per_step"] == 2 * l["n_layer"] * 2 * (2 - 1)
for e in d["estimates"]:
    want = p["allreduce_messages_per_step"] * 2.5e-6 + p["allreduce_bytes_per_token"] * e["batch"] / 450e9
    assert abs(e["comm_s"] - want) < 1e-12 * want, (e["comm_s"], want)
PY'
$bin inspect $sample --hardware h100-sxm5-80gb --devices 4 --json "$tmp/tp4.json" > /dev/null 2>&1; rc=$?
check "--devices 4 without --link-latency: 5.7 us per message, 2 x layers x 6 messages" '[ $rc -eq 0 ] && python3 - "$tmp/tp4.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
p = d["planner"]
assert p["link_latency_s"] == 5.7e-6 and p["allreduce_messages_per_step"] == 2 * d["llm"]["n_layer"] * 6
e = d["estimates"][0]
want = p["allreduce_messages_per_step"] * 5.7e-6 + p["allreduce_bytes_per_token"] * e["batch"] / 31.5e9
assert abs(e["comm_s"] - want) < 1e-12 * want
PY'
out=$($bin inspect $sample --hardware h100-sxm5-80gb --devices 2 2>/dev/null); rc=$?
check "--devices 2: the terminal states the all-reduce estimate and the default link" '[ $rc -eq 0 ] && echo "$out" | grep -q "tensor parallel over 2 devices: 2 all-reduces per layer, [0-9]* messages x 5.7 us.*over 31.5 GB/s"'
# serving on corpus TFLite and Core ML models: LiteRT's builtin resolver, Model.proto's OS table (docs/deploy.md)
corpus=${HAOLINE_CORPUS:-../shared/corpus}
serving() {   # serving() MODEL RUNTIME: "supported|min_version|note" of that runtime
    $bin inspect "$1" --hardware l4 --json - 2>/dev/null | python3 -c "import json,sys; s={x['runtime']: x for x in json.load(sys.stdin)['serving']}[sys.argv[1]]; print('%s|%s|%s' % (s['supported'], s['min_version'], s['note']))" "$2"
}
out=$(serving $corpus/tflite/tflm_hello_world_int8.tflite TFLite/LiteRT)
check "tflite hello_world_int8: every op a LiteRT builtin at its version, its min_runtime_version" '[ "${out%%|*}" = True ] && echo "$out" | grep -q "^True|TFLite >= 1.14.0 (the file'"'"'s min_runtime_version)|"'
out=$(serving $corpus/tflite/litert_custom_sinh.tflite TFLite/LiteRT)
check "tflite custom_sinh: blocked by the custom op Sinh" '[ "${out%%|*}" = False ] && echo "$out" | grep -q "Sinh (custom)"'
out=$(serving $corpus/tflite/mp_face_landmark_with_attention.tflite TFLite/LiteRT)
check "tflite face_landmark_with_attention: its three MediaPipe custom ops named" '[ "${out%%|*}" = False ] && echo "$out" | grep -q "Landmarks2TransformMatrix (custom), TransformTensorBilinear (custom), TransformLandmarks (custom)"'
out=$(serving $corpus/tflite/litert_qwen_fc_blockwise_quantized.tflite TFLite/LiteRT)
check "tflite qwen_fc: an operator code no operator uses does not block" '[ "${out%%|*}" = True ]'
out=$(serving $corpus/coreml/generated/nn_classifier_cnn.mlmodel "Core ML")
check "coreml nn_classifier_cnn (spec 4): iOS 13 / macOS 10.15" '[ "$out" = "True|iOS 13, macOS 10.15 (Core ML 3)|specification version 4 (Model.proto); every layer a NeuralNetwork.proto type, none custom" ]'
out=$(serving $corpus/coreml/generated/mlprogram_cnn_fp16.mlpackage "Core ML")
check "coreml mlprogram_cnn_fp16 (spec 6): iOS 15 / macOS 12" '[ "${out%%|*}" = True ] && echo "$out" | grep -q "^True|iOS 15, macOS 12 (Core ML 5)|"'
out=$(serving $corpus/coreml/real/swiftbrain/MNIST.mlmodel "Core ML")
check "coreml MNIST (spec 1): iOS 11 / macOS 10.13" '[ "${out%%|*}" = True ] && echo "$out" | grep -q "^True|iOS 11, macOS 10.13 (Core ML 1)|"'
out=$(serving $corpus/coreml/real/swiftbrain/MNIST.mlmodel TFLite/LiteRT)
check "coreml MNIST on LiteRT: no, convert first" '[ "${out%%|*}" = False ]'
# MIL ops of an mlProgram against coremltools' MIL ops reference (docs/deploy.md)
out=$(serving $corpus/coreml/generated/mlprogram_cnn_fp16.mlpackage "Core ML")
check "coreml mlprogram_cnn_fp16: its MIL ops (conv, batch_norm, ...) need iOS 15" 'echo "$out" | grep -q "its MIL ops need iOS 15 (coremltools'"'"' MIL ops reference @ 5dcc230)$"'
out=$(serving $corpus/coreml/generated/mlprogram_compressed_weights.mlpackage "Core ML")
check "coreml mlprogram_compressed_weights (spec 7): constexpr ops need iOS 16, which spec 7 is" '[ "${out%%|*}" = True ] && echo "$out" | grep -q "^True|iOS 16, macOS 13 (Core ML 6)|.*need iOS 16 .*: constexpr_affine_dequantize$"'
# an ONNX file on TFLite and Core ML: its ops against onnx2tf'"'"'s and coremltools'"'"' ONNX converter'"'"'s tables
convertible() {   # convertible() MODEL RUNTIME: "convertible|note"
    $bin inspect "$1" --hardware l4 --json - 2>/dev/null | python3 -c "import json,sys; s={x['runtime']: x for x in json.load(sys.stdin)['serving']}[sys.argv[1]]; print('%s|%s' % (s['convertible'], s['note']))" "$2"
}
out=$(convertible $corpus/onnx/generated/tv_resnet18.onnx TFLite/LiteRT)
check "onnx tv_resnet18 on TFLite: every op one onnx2tf converts" '[ "${out%%|*}" = True ] && echo "$out" | grep -q "convert it with onnx2tf"'
out=$(convertible $corpus/onnx/generated/tv_resnet18.onnx "Core ML")
check "onnx tv_resnet18 on Core ML: ops mapped, but opset 13 > 10" '[ "${out%%|*}" = False ] && echo "$out" | grep -q "maps every op but takes opset <= 10 (this file: 13)"'
out=$(convertible $corpus/onnx/real/paddleocr/ch_ppocr_mobile_v2.0_cls_infer.onnx "Core ML")
check "onnx ppocr cls (opset 9) on Core ML: every op mapped" '[ "${out%%|*}" = True ]'
out=$(convertible $corpus/onnx/generated/nested_control_flow.onnx TFLite/LiteRT)
check "onnx nested_control_flow on TFLite: Loop and Scan named as blocking" '[ "${out%%|*}" = False ] && echo "$out" | grep -q "does not convert (its README @ 001faec): Loop, Scan$"'
out=$(convertible $corpus/onnx/generated/nested_control_flow.onnx "Core ML")
check "onnx nested_control_flow on Core ML: If, Loop, Scan named" '[ "${out%%|*}" = False ] && echo "$out" | grep -q "does not map (@ 989ef6b): If, Loop, Scan$"'
out=$(convertible $corpus/onnx/generated/features_mix.onnx TFLite/LiteRT)
check "onnx features_mix: a model-local function blocks, by its domain and name" '[ "${out%%|*}" = False ] && echo "$out" | grep -q "local.fn::ScaledTanh"'
out=$(convertible $corpus/coreml/real/swiftbrain/MNIST.mlmodel TFLite/LiteRT)
check "convertible is null for rows that are no conversion" '[ "${out%%|*}" = None ]'
$bin inspect $corpus/onnx/generated/nested_control_flow.onnx --hardware l4 --md "$tmp/serv.md" --html "$tmp/serv.html" > /dev/null 2>&1; rc=$?
check "--md and --html carry the serving table with the same cells" '[ $rc -eq 0 ] && grep -q "^| TFLite/LiteRT | no | - | no | reads .tflite only; ops onnx2tf does not convert (its README @ 001faec): Loop, Scan |$" "$tmp/serv.md" && grep -q "<td>TFLite/LiteRT</td><td>no</td><td>-</td><td>no</td><td>reads .tflite only; ops onnx2tf does not convert (its README @ 001faec): Loop, Scan</td>" "$tmp/serv.html"'

$bin inspect $sample --json "$tmp/plain.json" > /dev/null 2>&1; rc=$?
check "without deployment options the JSON has no deployment keys" '[ $rc -eq 0 ] && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert \"hardware\" not in d and \"planner\" not in d" "$tmp/plain.json"'
$bin inspect $sample --hardware l4 --html "$tmp/dep.html" > /dev/null 2>&1; rc=$?
check "--html draws the deployment charts" '[ $rc -eq 0 ] && grep -q "data-chart=\"deploy_memory\"" "$tmp/dep.html" && grep -q "data-chart=\"deploy_roofline\"" "$tmp/dep.html" && grep -q "data-chart=\"deploy_decode\"" "$tmp/dep.html"'
$bin inspect $sample --hardware l4 --hardware rtx-4090 --html "$tmp/two.html" > /dev/null 2>&1; rc=$?
check "--html with two devices: context-vs-memory curves with both device limits, decode tok/s per device, a roofline each" '[ $rc -eq 0 ] && python3 - "$tmp/two.html" <<PY
import re, sys
h = open(sys.argv[1]).read()
figs = dict()
for m in re.finditer(r"<figure data-chart=\"(deploy_[a-z]+)\">(.*?)</figure>", h, re.S):
    figs.setdefault(m.group(1), []).append(m.group(2))
mem, = figs["deploy_memory"]
assert mem.count("stroke-dasharray") == 2 and ">l4<" in mem and ">rtx-4090<" in mem      # the device limits
assert all(">%s<" % t in mem for t in ("f16", "q8_0", "q4_0"))                            # a curve per KV type
dec, = figs["deploy_decode"]
assert dec.count("<polyline fill=\"none\" stroke-width=\"2\"") == 2 and ">l4<" in dec and ">rtx-4090<" in dec
roofs = figs["deploy_roofline"]
assert len(roofs) == 2 and all("<circle" in r for r in roofs)
assert "Roofline on NVIDIA L4" in h and "Roofline on NVIDIA GeForce RTX 4090" in h
PY'
if [ -f "$onnx" ]; then
    out=$($bin inspect "$onnx" --hardware a100-sxm4-80gb --target-latency 1ms 2>/dev/null); rc=$?
    check "a graph model: latency per batch and system requirements" '[ $rc -eq 0 ] && echo "$out" | grep -q "deployment on a100-sxm4-80gb" && echo "$out" | grep -q "system requirements for 1.00 ms"'
    check "a graph model: says it never turns compute-bound when its activations outweigh its compute" '[ $rc -eq 0 ] && echo "$out" | grep -q "memory-bound at every batch"'
    check "a graph model: the blocks' roofline in the terminal" '[ $rc -eq 0 ] && echo "$out" | grep -q "dominant blocks at the roof: depthwise-separable residual block [0-9]"'
    $bin inspect "$onnx" --hardware a100-sxm4-80gb --json "$tmp/g.json" > /dev/null 2>&1; rc=$?
    check "a graph model: roofline[] has a node row per node and a block row per analysis block instance, each at the ridge of its precision" '[ $rc -eq 0 ] && python3 - "$tmp/g.json" "$tmp/hw.json" <<PY
import json, sys
d = json.load(open(sys.argv[1]))
r = d["roofline"]
nodes = [x for x in r if x["kind"] == "node"]
blocks = [x for x in r if x["kind"] == "block"]
assert len(nodes) == len(d["nodes"])
want = sorted("%s %d" % (b["name"], k + 1) for b in d["analysis"]["blocks"] for k in range(b["count"]))
assert sorted(x["node_or_block"] for x in blocks) == want, (blocks, want)
assert all(x["bound"] in ("compute", "memory") and x["time_s"] > 0 and x["intensity"] > 0 for x in blocks)
hw = [p for p in json.load(open(sys.argv[2])) if p["name"] == "a100-sxm4-80gb"][0]
assert {x["precision"] for x in r} <= {"fp32", "fp16"} and any(x["precision"] == "fp32" for x in r)
assert all(abs(x["ridge_flop_per_byte"] - hw["peak_tflops"][x["precision"]] * 1e3 / hw["bandwidth_gb_per_s"]) < 1e-9 for x in r)
PY'
    $bin inspect "$onnx" --hardware a100-sxm4-80gb --html "$tmp/g.html" > /dev/null 2>&1; rc=$?
    n=$(python3 -c "import json,sys; print(sum(b[\"count\"] for b in json.load(open(sys.argv[1]))[\"analysis\"][\"blocks\"]))" "$tmp/g.json")
    check "a graph model with f32 and f16 weights: a roof for each precision" '[ $rc -eq 0 ] && grep -q ">fp32</text>" "$tmp/g.html" && grep -q ">fp16</text>" "$tmp/g.html"'
    check "a graph model: the roofline chart draws every block instance" '[ $rc -eq 0 ] && [ "$n" -gt 0 ] && [ $(grep -o "class=\"roof-block\"" "$tmp/g.html" | wc -l) -eq "$n" ]'
fi
echo "cli_deploy: $pass passed, $fail failed"
[ $fail -eq 0 ]
