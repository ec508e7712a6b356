#!/usr/bin/env bash
# tests/cli_convert.sh BIN - `haoline convert` and `haoline quantize` end to end: Hugging Face
# SafeTensors (with config.json, tokenizer.json, tokenizer_config.json beside it) -> GGUF -> back,
# bit for bit; quantize with the error table; failures leave no OUT and no OUT.tmp; an independent
# reader (npm @huggingface/gguf, installed into build/npm by .ci/run) agrees on the converted GGUFs.
set -u
bin=${1:-build/haoline}
corpus=${HAOLINE_CORPUS:-../shared/corpus}
hf=$corpus/safetensors/generated/tinyllama-hf-F16.safetensors
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL cli_convert: $1"; fi; }

out=$($bin convert --help 2>/dev/null); rc=$?
check "convert --help" '[ $rc -eq 0 ] && echo "$out" | grep -q "^usage: haoline convert"'
out=$($bin quantize --help 2>/dev/null); rc=$?
check "quantize --help names every recipe" '[ $rc -eq 0 ] && echo "$out" | grep -q "Q4_K_M Q4_K_S Q5_K_M Q3_K_M Q2_K Q6_K Q8_0 TQ2_0"'
out=$($bin convert --matrix 2>/dev/null); rc=$?
check "convert --matrix lists FULL, LOSSY and NONE pairs" '[ $rc -eq 0 ] && echo "$out" | grep -Eq "^  safetensors +gguf +FULL" && echo "$out" | grep -Eq "^  gguf +safetensors +LOSSY" && echo "$out" | grep -Eq "^  gguf +onnx +NONE" && echo "$out" | grep -Eq "^  onnx +onnx +FULL"'
$bin convert a.gguf > /dev/null 2>&1; rc=$?
check "convert without OUT is a usage error" '[ $rc -eq 2 ]'
$bin convert x.safetensors y.bin > /dev/null 2>&1; rc=$?
check "an output format that cannot be told is a usage error" '[ $rc -eq 2 ]'
$bin quantize x.safetensors y.gguf --type Q9_K > /dev/null 2>&1; rc=$?
check "quantize to an unknown type is a usage error" '[ $rc -eq 2 ]'

if [ ! -f "$hf" ]; then echo "cli_convert: $pass passed, $fail failed, 1 skipped"; echo "SKIP: no corpus at $corpus" >&2; exit 0; fi
mkdir -p "$tmp/hf" "$tmp/back" "$tmp/bad"
ln -s "$(cd "$(dirname "$hf")" && pwd)/$(basename "$hf")" "$tmp/hf/model.safetensors"
cat > "$tmp/hf/config.json" <<'JSON'
{"architectures":["LlamaForCausalLM"],"model_type":"llama","hidden_size":128,"intermediate_size":256,
 "num_attention_heads":4,"num_key_value_heads":4,"num_hidden_layers":2,"max_position_embeddings":2048,
 "rms_norm_eps":1e-05,"rope_theta":10000.0,"vocab_size":320,"bos_token_id":1,"eos_token_id":2}
JSON
cat > "$tmp/hf/tokenizer.json" <<'JSON'
{"version":"1.0","added_tokens":[{"id":0,"content":"<unk>","special":true},{"id":1,"content":"<s>","special":true},
 {"id":2,"content":"</s>","special":true}],
 "model":{"type":"BPE","vocab":{"<unk>":0,"<s>":1,"</s>":2,"a":3,"b":4,"ab":5},"merges":["a b"]}}
JSON
echo '{"bos_token":"<s>","eos_token":"</s>","unk_token":"<unk>","add_bos_token":true}' > "$tmp/hf/tokenizer_config.json"

out=$($bin convert "$tmp/hf/model.safetensors" "$tmp/m.gguf" 2>&1); rc=$?
check "SafeTensors -> GGUF with config.json and tokenizer.json" '[ $rc -eq 0 ] && echo "$out" | grep -q "wrote .*m.gguf: 21 tensors" && [ ! -e "$tmp/m.gguf.tmp" ]'
out=$($bin inspect "$tmp/m.gguf" --json 2>/dev/null); rc=$?
check "the GGUF is a llama with the config's facts and the vocabulary" '[ $rc -eq 0 ] && echo "$out" | python3 -c "
import json,sys; d=json.load(sys.stdin); m=d[\"metadata\"]
assert m[\"general.architecture\"][\"value\"]==\"llama\" and m[\"llama.attention.head_count\"][\"value\"]==4
assert m[\"llama.rope.freq_base\"][\"value\"]==10000 and m[\"tokenizer.ggml.model\"][\"value\"]==\"gpt2\"
assert m[\"tokenizer.ggml.bos_token_id\"][\"value\"]==1 and m[\"tokenizer.ggml.unknown_token_id\"][\"value\"]==0
names=[t[\"name\"] for t in d[\"tensors\"]]; assert \"blk.1.ffn_down.weight\" in names and \"output.weight\" in names"'
out=$($bin convert "$tmp/m.gguf" "$tmp/back/model.safetensors" 2>&1); rc=$?
check "GGUF -> SafeTensors writes a config.json beside it" '[ $rc -eq 0 ] && python3 -c "
import json; c=json.load(open(\"$tmp/back/config.json\")); assert c[\"model_type\"]==\"llama\" and c[\"num_attention_heads\"]==4 and c[\"rms_norm_eps\"]==1e-05 and c[\"vocab_size\"]==320"'
check "SafeTensors -> GGUF -> SafeTensors is bit for bit (names, dtypes, shapes, bytes)" 'python3 - "$hf" "$tmp/back/model.safetensors" <<PY
import json, struct, sys
def load(p):
    b = open(p, "rb").read(); n = struct.unpack("<Q", b[:8])[0]; h = json.loads(b[8:8 + n]); meta = h.pop("__metadata__", {})
    return [(k, v["dtype"], v["shape"], b[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]]) for k, v in h.items()], meta
a, _ = load(sys.argv[1]); b, meta = load(sys.argv[2])
assert sorted(a) == sorted(b) and meta["format"] == "pt"
PY'
out=$($bin quantize "$tmp/hf/model.safetensors" "$tmp/q.gguf" --type Q4_K_M --json "$tmp/q.json" 2>&1); rc=$?
check "quantize Q4_K_M: per-tensor errors in --json, lossy tensors listed on stderr" '[ $rc -eq 0 ] && echo "$out" | grep -q "warning: lossy: 16 of 21" && python3 -c "
import json; d=json.load(open(\"$tmp/q.json\")); r={x[\"name\"]:x for x in d[\"rows\"]}
assert r[\"blk.1.ffn_down.weight\"][\"to\"]==\"Q6_K\" and r[\"blk.0.ffn_down.weight\"][\"to\"]==\"Q4_K\"
assert r[\"blk.0.attn_norm.weight\"][\"to\"]==\"F32\" and not r[\"blk.0.attn_norm.weight\"][\"lossy\"]
assert all(0 < x[\"rmse\"] < 0.01 and x[\"cosine\"] > 0.99 for x in d[\"rows\"] if x[\"lossy\"])"'
out=$($bin quantize "$tmp/hf/model.safetensors" "$tmp/q2.gguf" --type Q4_K_M --threads 3 2>&1); rc=$?
check "--threads 3 writes the same bytes as one thread" '[ $rc -eq 0 ] && cmp -s "$tmp/q.gguf" "$tmp/q2.gguf"'
python3 - "$tmp/im.dat" "$tmp/bad.dat" "$tmp/nan.dat" "$tmp/neg.dat" <<'PY'
import struct, sys
def dat(path, name, vals):
    n = len(vals)
    open(path, "wb").write(struct.pack("<ii", 1, len(name)) + name.encode() + struct.pack("<ii", 10, n) + struct.pack("<%df" % n, *vals))
skew = [0.5 + 4.0 * (k % 7) for k in range(256)]   # ffn_down has 256 columns (Q4_K / Q6_K)
dat(sys.argv[1], "blk.0.ffn_down.weight", skew); dat(sys.argv[2], "blk.0.ffn_down.weight", skew[:100])
dat(sys.argv[3], "blk.0.ffn_down.weight", skew[:255] + [float("nan")]); dat(sys.argv[4], "blk.0.ffn_down.weight", [-1.0] + skew[1:])
PY
out=$($bin quantize "$tmp/hf/model.safetensors" "$tmp/qi.gguf" --type Q4_K_M --imatrix "$tmp/im.dat" 2>&1); rc=$?
check "--imatrix (legacy .dat): the weights change the bytes, no 'not used' warning" '[ $rc -eq 0 ] && ! echo "$out" | grep -q "imatrix" && [ -s "$tmp/qi.gguf" ] && ! cmp -s "$tmp/q.gguf" "$tmp/qi.gguf" && [ $(stat -c %s "$tmp/q.gguf") -eq $(stat -c %s "$tmp/qi.gguf") ]'
out=$($bin quantize "$tmp/hf/model.safetensors" "$tmp/qb.gguf" --type Q4_K_M --imatrix "$tmp/bad.dat" 2>&1); rc=$?
check "an imatrix of the wrong size: exit 1, nothing written" '[ $rc -eq 1 ] && echo "$out" | grep -q "100 sums" && [ ! -e "$tmp/qb.gguf" ] && [ ! -e "$tmp/qb.gguf.tmp" ]'
for v in nan neg; do
    out=$($bin quantize "$tmp/hf/model.safetensors" "$tmp/qb.gguf" --type Q4_K_M --imatrix "$tmp/$v.dat" 2>&1); rc=$?
    check "an imatrix with a $v value: exit 1, nothing written" '[ $rc -eq 1 ] && echo "$out" | grep -q "finite and not negative" && [ ! -e "$tmp/qb.gguf" ] && [ ! -e "$tmp/qb.gguf.tmp" ]'
done
# float casts take the direct row converter while the CLI still reports the error table: the
# bytes are F16 -> BF16 rounded to nearest even (matrices), 1-D tensors widened to F32
out=$($bin convert "$tmp/hf/model.safetensors" "$tmp/b16.gguf" --type BF16 --json "$tmp/b16.json" 2>&1); rc=$?
check "convert --type BF16: error table for the narrowed tensors" '[ $rc -eq 0 ] && python3 -c "
import json; d=json.load(open(\"$tmp/b16.json\")); r=[x for x in d[\"rows\"] if x[\"lossy\"]]
assert r and all(x[\"to\"]==\"BF16\" and x[\"rmse\"] > 0 and x[\"cosine\"] > 0.999 for x in r)"'
mkdir -p "$tmp/b16"
$bin convert "$tmp/b16.gguf" "$tmp/b16/model.safetensors" > /dev/null 2>&1
check "convert --type BF16: the bytes are the F16 values rounded to BF16" 'python3 - "$hf" "$tmp/b16/model.safetensors" <<PY
import json, struct, sys
def load(p):
    b = open(p, "rb").read(); n = struct.unpack("<Q", b[:8])[0]; h = json.loads(b[8:8 + n]); h.pop("__metadata__", None)
    return {k: (v["dtype"], b[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]]) for k, v in h.items()}
src = load(sys.argv[1]); out = load(sys.argv[2])
assert sorted(src) == sorted(out)
for k, (dt, raw) in src.items():
    vals = struct.unpack("<%de" % (len(raw) // 2), raw)
    bits = [struct.unpack("<I", struct.pack("<f", v))[0] for v in vals]
    if out[k][0] == "BF16": want = struct.pack("<%dH" % len(bits), *[((u + 0x7fff + ((u >> 16) & 1)) >> 16) & 0xffff for u in bits])
    else: want = struct.pack("<%dI" % len(bits), *bits)
    assert out[k][1] == want, k
PY'
out=$($bin quantize "$tmp/m.gguf" "$tmp/q3.gguf" --type Q8_0 --keep "blk.*.ffn_*=F16" --json - 2>/dev/null); rc=$?
check "quantize a GGUF with --keep GLOB=TYPE" '[ $rc -eq 0 ] && echo "$out" | python3 -c "
import json,sys; d=json.load(sys.stdin); r={x[\"name\"]:x[\"to\"] for x in d[\"rows\"]}
assert r[\"blk.0.ffn_up.weight\"]==\"F16\" and r[\"blk.0.attn_q.weight\"]==\"Q8_0\""'
out=$($bin convert "$tmp/hf/model.safetensors" "$tmp/p.gguf" --progress 2>&1 >/dev/null); rc=$?
check "--progress shows tensor i/N, bytes, rate and ETA" '[ $rc -eq 0 ] && echo "$out" | grep -q "tensor 21/21 .* of .* MB/s  ETA"'

# failures leave nothing behind
cp "$tmp/hf/tokenizer.json" "$tmp/bad/"; ln -s "$tmp/hf/model.safetensors" "$tmp/bad/model.safetensors"
echo '{"model_type":"llama","hidden_size":128,"num_attention_heads":4,"num_key_value_heads":3,"num_hidden_layers":2}' > "$tmp/bad/config.json"
out=$($bin convert "$tmp/bad/model.safetensors" "$tmp/bad.gguf" 2>&1); rc=$?
check "a config.json whose heads do not divide: exit 1, no OUT, no OUT.tmp" '[ $rc -eq 1 ] && echo "$out" | grep -q "not a multiple of num_key_value_heads" && [ ! -e "$tmp/bad.gguf" ] && [ ! -e "$tmp/bad.gguf.tmp" ]'
cp "$tmp/hf/config.json" "$tmp/bad/config.json"
echo '{"model":{"type":"BPE","vocab":{"a":0},"merges":["a q"]}}' > "$tmp/bad/tokenizer.json"
out=$($bin convert "$tmp/bad/model.safetensors" "$tmp/bad.gguf" 2>&1); rc=$?
check "merges naming a missing token: exit 1, nothing written" '[ $rc -eq 1 ] && echo "$out" | grep -q "not in the vocabulary" && [ ! -e "$tmp/bad.gguf" ] && [ ! -e "$tmp/bad.gguf.tmp" ]'
out=$($bin convert "$tmp/m.gguf" "$tmp/nonexistent/x.safetensors" 2>&1); rc=$?
check "an unwritable OUT is exit 2 with the reason" '[ $rc -eq 2 ] && echo "$out" | grep -q "No such file or directory"'

# ONNX weights out, sharded SafeTensors in
onnx=$corpus/onnx/generated/mlp_external.onnx
if [ -f "$onnx" ]; then
    out=$($bin convert "$onnx" "$tmp/onnx.safetensors" 2>&1); rc=$?
    check "ONNX -> SafeTensors (external data followed), the graph reported as lost" '[ $rc -eq 0 ] && echo "$out" | grep -q "warning: the graph" && $bin inspect "$tmp/onnx.safetensors" | grep -q "tensors         6"'
fi
# ONNX -> ONNX: float16 weights with Casts back, external data out and back in
enc=$corpus/onnx/generated/transformer_encoder_2l.onnx
if [ -f "$enc" ]; then
    out=$($bin convert "$enc" "$tmp/enc16.onnx" --dtype F16 2>&1); rc=$?
    check "ONNX -> ONNX --dtype F16: weights stored float16, Casts back to float32" '[ $rc -eq 0 ] && echo "$out" | grep -q "Cast back before use" && $bin inspect "$tmp/enc16.onnx" --json 2>/dev/null | python3 -c "
import json,sys; d=json.load(sys.stdin); t=d[\"tensors\"]; h=[x for x in t if x[\"dtype\"]==\"FLOAT16\"]
assert len(h) == 24 and all(x[\"name\"].endswith(\"_hln_fp16\") for x in h), len(h)"'
    out=$($bin convert "$enc" "$tmp/encx.onnx" --external-data weights.bin 2>&1); rc=$?
    check "--external-data FILE moves the initializers out" '[ $rc -eq 0 ] && [ -f "$tmp/weights.bin" ] && [ $(wc -c < "$tmp/encx.onnx") -lt $(( $(wc -c < "$enc") / 4 )) ]'
    out=$($bin convert "$tmp/encx.onnx" "$tmp/encb.onnx" 2>&1); rc=$?
    check "external data back inline: the original file byte for byte" '[ $rc -eq 0 ] && cmp -s "$enc" "$tmp/encb.onnx"'
    $bin convert "$enc" "$tmp/e.onnx" --external-data ../e.data > /dev/null 2>&1; rc=$?
    check "--external-data outside OUT's folder: exit 1, nothing written" '[ $rc -eq 1 ] && [ ! -e "$tmp/e.onnx" ] && [ ! -e "$tmp/e.onnx.tmp" ]'
    $bin convert "$tmp/m.gguf" "$tmp/g.onnx" > /dev/null 2>&1; rc=$?
    check "GGUF -> ONNX is refused (weights alone are not a graph)" '[ $rc -eq 1 ] && [ ! -e "$tmp/g.onnx" ]'
    ortdir=${HAOLINE_ORT_NODE:-build/node/node_modules/onnxruntime-node}
    if command -v node > /dev/null 2>&1 && [ -f "$ortdir/package.json" ]; then
        out=$(node tests/onnx_fp16_ort.mjs "$ortdir" "$enc" "$tmp/enc16.onnx" 2e-2 src=float32:1x16x64 2>&1); rc=$?
        check "onnxruntime: FP16-weight encoder agrees with FP32 within FP16 tolerance ($out)" '[ $rc -eq 0 ]'
        out=$(node tests/onnx_fp16_ort.mjs "$ortdir" "$enc" "$tmp/encx.onnx" 0 src=float32:1x16x64 2>&1); rc=$?
        check "onnxruntime: the external-data encoder gives the same outputs exactly" '[ $rc -eq 0 ]'
        gpt=$corpus/onnx/generated/tiny_gpt2.onnx
        $bin convert "$gpt" "$tmp/gpt16.onnx" --dtype F16 > /dev/null 2>&1
        out=$(node tests/onnx_fp16_ort.mjs "$ortdir" "$gpt" "$tmp/gpt16.onnx" 2e-2 input_ids=int64:1x8:0:500 2>&1); rc=$?
        check "onnxruntime: FP16-weight tiny GPT-2 agrees with FP32 within FP16 tolerance ($out)" '[ $rc -eq 0 ]'
    else
        skip=$((skip + 1)); echo "SKIP cli_convert: onnxruntime-node not installed in $ortdir (.ci/run installs it)" >&2
    fi
fi
idx=$corpus/safetensors/generated/sharded-gqa/model.safetensors.index.json
if [ -f "$idx" ]; then
    out=$($bin convert "$idx" "$tmp/sharded.safetensors" 2>&1); rc=$?
    check "a sharded index converts into one file" '[ $rc -eq 0 ] && echo "$out" | grep -q "wrote"'
fi

# the independent reader
npmdir=${HAOLINE_NPM:-build/npm}
if command -v node > /dev/null 2>&1 && [ -f "$npmdir/node_modules/@huggingface/gguf/package.json" ]; then
    for g in "$tmp/m.gguf" "$tmp/q.gguf" "$tmp/q3.gguf"; do
        node tests/gguf_node.mjs "$npmdir" "$g" > "$tmp/node.json" 2> "$tmp/node.err"; rc=$?
        $bin inspect "$g" --json > "$tmp/hln.json" 2>/dev/null
        check "@huggingface/gguf agrees on $(basename "$g"): tensor infos, metadata keys and values" '[ $rc -eq 0 ] && python3 - "$tmp/node.json" "$tmp/hln.json" <<PY
import json, sys
n = json.load(open(sys.argv[1])); h = json.load(open(sys.argv[2]))
nt = [(t["name"], t["shape"][::-1], t["dtype"], t["offset"]) for t in n["tensors"]]
ht = [(t["name"], t["shape"], t["native_type"], t["offset"]) for t in h["tensors"]]
assert nt == ht, (nt[:3], ht[:3])
nm = {k: v for k, v in n["metadata"].items() if k not in ("version", "tensor_count", "kv_count")}
hm = h["metadata"]
assert sorted(nm) == sorted(hm), set(nm) ^ set(hm)
for k, v in hm.items():
    if v["type"] == "ARRAY":
        assert isinstance(nm[k], list), k
        if isinstance(v.get("value"), list) and len(v["value"]) == len(nm[k]): assert v["value"] == nm[k], k
        if "count" in v: assert v["count"] == len(nm[k]), k
    elif v["type"].startswith("FLOAT"): assert abs(v["value"] - nm[k]) <= 1e-6 * abs(v["value"]), k
    else: assert v["value"] == nm[k], (k, v, nm[k])
PY'
    done
else
    skip=$((skip + 1)); echo "SKIP cli_convert: node or npm @huggingface/gguf not installed in $npmdir (.ci/run installs it)" >&2
fi
if [ $skip -gt 0 ]; then echo "cli_convert: $pass passed, $fail failed, $skip skipped"; else echo "cli_convert: $pass passed, $fail failed"; fi
[ $fail -eq 0 ]
