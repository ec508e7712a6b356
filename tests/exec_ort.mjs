// tests/exec_ort.mjs - `haoline run` (haoline_exec.h) against onnxruntime on the corpus models.
//
//   node tests/exec_ort.mjs build/haoline
//
// Each model gets fixed pseudo-random inputs (a seeded generator here, written as .npy), is run
// by onnxruntime-node and by `haoline run --input ... --output DIR`, and every output must match:
// max|out - ref| <= 1e-4 * max|ref| for floats, integers exactly. onnxruntime only makes the
// expected outputs; the product never uses it. Without node's onnxruntime-node (installed by
// .ci/run into build/node, or HAOLINE_ORT_NODE=<its folder>) every case is skipped with the reason.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '..');
const cli = path.resolve(process.argv[2] || path.join(root, 'build/haoline'));
const corpus = process.env.HAOLINE_CORPUS || path.join(root, '../shared/corpus');
const ortDir = process.env.HAOLINE_ORT_NODE || path.join(root, 'build/node/node_modules/onnxruntime-node');
let passed = 0, failed = 0, skipped = 0;

// model, per-input [dtype, shape, low, high] (integers: [low, high); floats uniform in [-1, 1)),
// [dtype, shape, [values]] or [dtype, shape, 'bars']
const cases = [
  ['onnx/generated/unsorted_nodes.onnx', { x: ['float32', [1, 8]] }],
  ['onnx/generated/tv_squeezenet1_1.onnx', { 'input.1': ['float32', [1, 3, 224, 224]] }],
  ['onnx/generated/tv_resnet18.onnx', { 'input.1': ['float32', [1, 3, 224, 224]] }],
  ['onnx/generated/transformer_encoder_2l.onnx', { src: ['float32', [1, 16, 64]] }],
  ['onnx/generated/tiny_gpt2.onnx', { input_ids: ['int64', [1, 8], 0, 500] }],
  ['onnx/generated/lstm_gru.onnx', { tokens: ['int64', [2, 5], 0, 8] }],
  ['onnx/generated/mlp_external.onnx', { x: ['float32', [2, 784]] }],
  ['onnx/generated/nested_control_flow.onnx', { seq: ['float32', [3, 4]], start: ['float32', [4]] }],
  ['onnx/generated/qdq_convnet.onnx', { input: ['float32', [1, 3, 32, 32]] }],
  ['onnx/generated/conv3d_convtranspose3d.onnx', { volume: ['float32', [1, 2, 8, 16, 16]] }],
  ['onnx/generated/dcgan_convtranspose2d.onnx', { z: ['float32', [1, 16, 1, 1]] }],
  ['onnx/real/blazeface/face_detection_front_128x128_barracuda.onnx', { 'input:0': ['float32', [1, 128, 128, 3]] }],
  ['onnx/real/openwakeword/hello_deepa.onnx', { 'onnx::Flatten_0': ['float32', [1, 25, 96]] }],
  // text-like bars: on noise alone the detector's sigmoid output is ~1e-7 everywhere, and a
  // tolerance relative to that maximum would test float noise instead of the network
  ['onnx/real/paddleocr/ch_PP-OCRv4_det_infer.onnx', { x: ['float32', [1, 3, 64, 64], 'bars'] }],
  ['onnx/real/paddleocr/ch_ppocr_mobile_v2.0_cls_infer.onnx', { x: ['float32', [1, 3, 48, 192]] }],
  ['onnx/real/silero/silero_vad_legacy.onnx', { input: ['float32', [1, 512]], sr: ['int64', [], [16000]],
                                                 h: ['float32', [2, 1, 64]], c: ['float32', [2, 1, 64]] }],
  ['onnx/real/silero/silero_vad_v5.onnx', { input: ['float32', [1, 512]], state: ['float32', [2, 1, 128]], sr: ['int64', [], [16000]] }],
  ['onnx/real/silero/silero_vad_v5.onnx', { input: ['float32', [1, 256]], state: ['float32', [2, 1, 128]], sr: ['int64', [], [8000]] }],
];

function rng(seed) {   // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const npyTypes = { float32: ['<f4', Float32Array], int64: ['<i8', BigInt64Array], int32: ['<i4', Int32Array],
                   float64: ['<f8', Float64Array], uint8: ['|u1', Uint8Array], int8: ['|i1', Int8Array], bool: ['|b1', Uint8Array] };

function writeNpy(file, type, shape, data) {
  const sh = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let head = `{'descr': '${npyTypes[type][0]}', 'fortran_order': False, 'shape': ${sh}, }`;
  while ((10 + head.length + 1) % 64) head += ' ';
  head += '\n';
  const pre = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(pre);
  pre.writeUInt16LE(head.length, 8);
  fs.writeFileSync(file, Buffer.concat([pre, Buffer.from(head, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

function readNpy(file) {
  const b = fs.readFileSync(file);
  if (b.readUInt8(0) !== 0x93 || b.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${file}: not .npy`);
  const hl = b.readUInt16LE(8), head = b.toString('latin1', 10, 10 + hl);
  const descr = /'descr': '([^']+)'/.exec(head)[1];
  const shape = /'shape': \(([^)]*)\)/.exec(head)[1].split(',').map(s => s.trim()).filter(s => s).map(Number);
  const entry = Object.entries(npyTypes).find(([, v]) => v[0] === descr);
  if (!entry) throw new Error(`${file}: dtype ${descr}`);
  const body = b.subarray(10 + hl), Ctor = entry[1][1];
  const copy = new Uint8Array(body.length);
  copy.set(body);
  return { type: entry[0], shape, data: new Ctor(copy.buffer) };
}

// onnxruntime as the reference: one thread, no graph rewrites
async function ortRun(ort, model, feeds) {
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, graphOptimizationLevel: 'disabled' });
  return session.run(feeds);
}

function sanitize(name) { return name.replace(/[^A-Za-z0-9._-]/g, '_'); }

function compare(name, ref, got) {
  if (got.data.length !== ref.data.length) return `${name}: ${got.data.length} elements, expected ${ref.data.length}`;
  if (JSON.stringify(got.shape) !== JSON.stringify(ref.dims)) return `${name}: shape [${got.shape}], expected [${ref.dims}]`;
  if (ref.type === 'float32' || ref.type === 'float64') {
    let maxRef = 0, maxErr = 0;
    for (let i = 0; i < ref.data.length; i++) {
      maxRef = Math.max(maxRef, Math.abs(ref.data[i]));
      const e = Math.abs(ref.data[i] - got.data[i]);
      if (!(e <= maxErr)) maxErr = Number.isNaN(e) ? Infinity : e;
    }
    if (!(maxErr <= 1e-4 * maxRef)) return `${name}: max|out-ref| ${maxErr} > 1e-4 * max|ref| (${maxRef})`;
    return null;
  }
  for (let i = 0; i < ref.data.length; i++) if (ref.data[i] !== got.data[i]) return `${name}: element ${i} is ${got.data[i]}, expected ${ref.data[i]}`;
  return null;
}

// compare-activations A B checked against a direct computation from the two runs' captured
// .npy files: per-value SNR and RMSE, and the value of the largest divergence.
function checkCompare(tmp, label, runA, runB, caArgs) {
  const fp = path.join(tmp, `ca-${label}-a`), q = path.join(tmp, `ca-${label}-b`);
  execFileSync(cli, [...runA, '--random', '7', '--capture', fp]);
  execFileSync(cli, [...runB, '--random', '7', '--capture', q]);
  const html = path.join(tmp, `ca-${label.length}.html`), md = path.join(tmp, `ca-${label.length}.md`);
  const report = JSON.parse(execFileSync(cli, ['compare-activations', ...caArgs, '--random', '7', '--json', '-', '--html', html, '--md', md]).toString());
  const problems = checkPage(report, fs.readFileSync(html, 'utf8'), fs.readFileSync(md, 'utf8'), fp, q);
  let worst = null, worstSnr = Infinity, checked = 0;
  for (const file of fs.readdirSync(fp).sort()) {
    const a = readNpy(path.join(fp, file)), bFile = path.join(q, file);
    if (a.type !== 'float32' || !fs.existsSync(bFile)) continue;
    const b = readNpy(bFile);
    if (b.type !== 'float32' || b.data.length !== a.data.length) continue;
    let se = 0, aa = 0;
    for (let i = 0; i < a.data.length; i++) { const d = a.data[i] - b.data[i]; se += d * d; aa += a.data[i] * a.data[i]; }
    const snr = se > 0 ? 10 * Math.log10(aa / se) : 999, name = file.replace(/\.npy$/, '');
    const row = report.layers.find(l => sanitize(l.a) === name);
    if (!row) { problems.push(`${name}: not in the report`); continue; }
    const rmse = Math.sqrt(se / a.data.length);
    if (Math.abs(row.snr_db - snr) > 1e-4 * Math.max(1, Math.abs(snr)) || Math.abs(row.rmse - rmse) > 1e-6 * Math.max(1e-12, rmse) + 1e-12)
      problems.push(`${name}: report SNR ${row.snr_db} RMSE ${row.rmse}, direct ${snr} ${rmse}`);
    if (snr < worstSnr) { worstSnr = snr; worst = name; }
    checked++;
  }
  if (!checked) problems.push('no value was compared');
  if (worst === null || sanitize(report.largest_divergence || '') !== worst || worstSnr >= 999)
    problems.push(`largest divergence ${report.largest_divergence}, direct ${worst} (${worstSnr} dB)`);
  if (problems.length) { console.log(`FAIL compare-activations (${label}): ${problems.join('; ')}`); failed++; }
  else { console.log(`ok   compare-activations (${label}): ${checked} layers match a direct computation; largest divergence ${worst} (${worstSnr.toFixed(2)} dB); the HTML data and Markdown equal the JSON`); passed++; }
  return report;
}

// The HTML page's embedded data against the JSON (every layer's numbers, first and largest
// divergence), its histograms against counts made here from the captured .npy files, one bar
// per layer, a heatmap node per graph node; the Markdown table's rows against the JSON's.
function checkPage(report, html, md, dirA, dirB) {
  const problems = [], m = /<script type="application\/json" id="haoline-activations">([\s\S]*?)<\/script>/.exec(html);
  if (!m) return ['the HTML has no embedded data'];
  const d = JSON.parse(m[1]), near = (x, y) => x === y;   // both print doubles exactly
  if (d.layers.length !== report.layers.length) problems.push(`HTML ${d.layers.length} layers, JSON ${report.layers.length}`);
  report.layers.forEach((l, i) => {
    const h = d.layers[i] || {};
    if (h.a !== l.a || h.b !== l.b || h.op !== l.op || h.elements !== l.elements || !['rmse', 'max_abs', 'cosine', 'snr_db'].every(k => near(h[k], l[k])))
      problems.push(`layer ${i} (${l.a}): HTML ${JSON.stringify(h)} vs JSON ${JSON.stringify(l)}`);
  });
  if (d.first_divergent !== report.first_divergent || d.largest_divergence !== report.largest_divergence) problems.push('first/largest divergence differ from the JSON');
  if (!d.histograms.length) problems.push('no histogram');
  for (const h of d.histograms) {
    const a = readNpy(path.join(dirA, `${sanitize(h.layer)}.npy`)).data, row = report.layers.find(l => l.a === h.layer);
    const b = readNpy(path.join(dirB, `${sanitize(row.b)}.npy`)).data;
    let lo = Infinity, hi = -Infinity;
    for (const v of [...a, ...b]) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const count = data => { const c = new Array(64).fill(0); for (const v of data) c[Math.max(0, Math.min(63, Math.floor((v - lo) / (hi - lo) * 64)))]++; return c; };
    if (!near(h.lo, lo) || !near(h.hi, hi) || JSON.stringify(count(a)) !== JSON.stringify(h.a) || JSON.stringify(count(b)) !== JSON.stringify(h.b))
      problems.push(`histogram of ${h.layer} differs from a direct count`);
  }
  const bars = /<svg class="chart" id="act-bars"[^>]*>([\s\S]*?)<\/svg>/.exec(html), graph = /<svg class="chart" id="act-graph"[^>]*>([\s\S]*?)<\/svg>/.exec(html);
  if (!bars || (bars[1].match(/<rect /g) || []).length !== report.layers.length) problems.push('not one divergence bar per layer');
  const worstNode = d.layers.find(l => l.a === d.largest_divergence)?.node;
  if (!graph || !new RegExp(`<g data-node="${worstNode}"><title>[^<]*SNR`).test(graph[1])) problems.push('the heatmap does not colour the largest divergence\'s node');
  const mdRows = md.split('\n').filter(line => /^\| \d+ \|/.test(line));
  if (mdRows.length !== report.layers.length || !mdRows.every((line, i) => line.includes(`\`${report.layers[i].a}\``))) problems.push('the Markdown table differs from the JSON');
  return problems;
}

// qdq_convnet against its own float-activation run (--bypass-qdq), and against its FP32 twin
// (fp32Twin, a separate model file); onnxruntime runs the twin, whose outputs must equal
// `run --bypass-qdq` of the QDQ model (the two definitions of "its float counterpart" agree).
async function compareActivations(tmp, ort) {
  const model = path.join(corpus, 'onnx/generated/qdq_convnet.onnx');
  if (!fs.existsSync(model)) { console.log('SKIP compare-activations: qdq_convnet.onnx not in the corpus'); skipped += 3; return; }
  checkCompare(tmp, 'bypass', ['run', model, '--bypass-qdq'], ['run', model], [model, '--bypass-qdq']);
  const twin = fp32Twin(fs.readFileSync(model)), twinPath = path.join(tmp, 'qdq_convnet_fp32.onnx');
  fs.writeFileSync(twinPath, twin.bytes);
  checkCompare(tmp, `fp32 twin: ${twin.dq} weights dequantized, ${twin.identities} Q/DQ pairs removed`, ['run', twinPath], ['run', model], [twinPath, model]);
  if (!ort) { skipped++; return; }
  const rand = rng(4242), x = new Float32Array(3 * 32 * 32);
  for (let i = 0; i < x.length; i++) x[i] = rand() * 2 - 1;
  const dir = path.join(tmp, 'twin-ort'), file = path.join(dir, 'input.npy');
  fs.mkdirSync(dir, { recursive: true });
  writeNpy(file, 'float32', [1, 3, 32, 32], x);
  const ref = await ortRun(ort, twinPath, { input: new ort.Tensor('float32', x, [1, 3, 32, 32]) });
  execFileSync(cli, ['run', model, '--bypass-qdq', '--input', `input=${file}`, '--output', path.join(dir, 'out')]);
  const problems = [];
  for (const [name, t] of Object.entries(ref)) { const p = compare(name, t, readNpy(path.join(dir, 'out', `${sanitize(name)}.npy`))); if (p) problems.push(p); }
  if (problems.length) { console.log(`FAIL fp32 twin: ${problems.join('; ')}`); failed++; }
  else { console.log('ok   fp32 twin: onnxruntime on the twin equals run --bypass-qdq on the QDQ model'); passed++; }
}

// ---- the FP32 twin of a QDQ model, made from the model itself: every DequantizeLinear of an
// initializer becomes a float initializer (q - zp) * scale (per tensor or per axis), every
// QuantizeLinear of a computed value followed by DequantizeLinear becomes Identity (the value
// passes in float), quantized initializers nothing reads any more are dropped ----
function pbRead(buf) {   // fields of one message: { f, w, v } (v: BigInt for varints, Buffer otherwise)
  const out = [];
  let p = 0;
  const rv = () => { let r = 0n, s = 0n, b; do { b = buf[p++]; r |= BigInt(b & 0x7f) << s; s += 7n; } while (b & 0x80); return r; };
  while (p < buf.length) {
    const key = Number(rv()), f = key >>> 3, w = key & 7;
    if (w === 0) out.push({ f, w, v: rv() });
    else if (w === 2) { const n = Number(rv()); out.push({ f, w, v: buf.subarray(p, p + n) }); p += n; }
    else if (w === 5) { out.push({ f, w, v: buf.subarray(p, p + 4) }); p += 4; }
    else if (w === 1) { out.push({ f, w, v: buf.subarray(p, p + 8) }); p += 8; }
    else throw new Error(`wire type ${w}`);
  }
  return out;
}
function pbWrite(fields) {
  return Buffer.from(fields.flatMap(({ f, w, v }) => w === 0 ? fieldVarint(f, v) : w === 2 ? fieldBytes(f, [...v]) : [...varint((f << 3) | w), ...v]));
}
const str = fs => fs.toString('utf8');
function tensorOf(fields) {   // a TensorProto's name, type, dims and values (raw_data or the typed fields)
  const t = { dims: [], vals: [] };
  let raw = null;
  for (const { f, w, v } of fields) {
    if (f === 1) { if (w === 0) t.dims.push(Number(v)); else { let p = 0; while (p < v.length) { let r = 0, s = 0, b; do { b = v[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); t.dims.push(r); } } }
    else if (f === 2) t.type = Number(v);
    else if (f === 8) t.name = str(v);
    else if (f === 9) raw = v;
    else if (f === 4 && w === 2) for (let i = 0; i < v.length; i += 4) t.vals.push(v.readFloatLE(i));
    else if (f === 4 && w === 5) t.vals.push(v.readFloatLE(0));
    else if (f === 5 && w === 0) t.vals.push(Number(BigInt.asIntN(32, v)));
  }
  if (raw) {
    const rd = { 1: (i) => raw.readFloatLE(4 * i), 2: (i) => raw[i], 3: (i) => raw.readInt8(i), 6: (i) => raw.readInt32LE(4 * i) }[t.type];
    const es = { 1: 4, 2: 1, 3: 1, 6: 4 }[t.type];
    if (!rd) t.vals = null;   // another type: kept as its bytes, never dequantized here
    else for (let i = 0; i < raw.length / es; i++) t.vals.push(rd(i));
  } else if (t.type === 2 || t.type === 3) {   // int32_data holds (u)int8 values; sign fix for int8
    t.vals = t.vals.map(x => t.type === 3 ? ((x << 24) >> 24) : x & 0xff);
  }
  return t;
}
function fp32Twin(modelBytes) {
  const model = pbRead(modelBytes), gi = model.findIndex(x => x.f === 7), graph = pbRead(model[gi].v);
  const inits = new Map(), nodes = [];
  for (const fl of graph) if (fl.f === 5) { const t = tensorOf(pbRead(fl.v)); inits.set(t.name, t); }
  for (const fl of graph) if (fl.f === 1) {
    const fs_ = pbRead(fl.v), n = { fields: fs_, in: [], out: [], op: '', axis: 1 };
    for (const { f, v } of fs_) {
      if (f === 1) n.in.push(str(v)); else if (f === 2) n.out.push(str(v)); else if (f === 4) n.op = str(v);
      else if (f === 5) { const a = pbRead(v), nm = a.find(x => x.f === 1), iv = a.find(x => x.f === 3); if (nm && str(nm.v) === 'axis' && iv) n.axis = Number(BigInt.asIntN(64, iv.v)); }
    }
    nodes.push(n);
  }
  const newInits = [], kept = [], producer = new Map();
  for (const n of nodes) for (const o of n.out) producer.set(o, n);
  for (const n of nodes) {
    if (n.op === 'DequantizeLinear' && inits.has(n.in[0])) {
      const q = inits.get(n.in[0]), s = inits.get(n.in[1]), z = n.in[2] ? inits.get(n.in[2]) : null;
      if (!q.vals || !s.vals || (z && !z.vals)) throw new Error(`DequantizeLinear of ${q.name}: a data_type this twin maker does not read`);
      const rank = q.dims.length, axis = n.axis < 0 ? n.axis + rank : n.axis;
      let inner = 1;
      for (let d = axis + 1; d < rank; d++) inner *= q.dims[d];
      const vals = q.vals.map((v, i) => { const k = s.vals.length > 1 ? Math.floor(i / inner) % s.vals.length : 0; return Math.fround((v - (z ? z.vals[k] : 0)) * s.vals[k]); });
      newInits.push(tensorProto(n.out[0], 'float32', q.dims, vals));
      continue;
    }
    if (n.op === 'DequantizeLinear' && producer.get(n.in[0])?.op === 'QuantizeLinear' && !inits.has(producer.get(n.in[0]).in[0])) {
      const src = producer.get(n.in[0]).in[0];
      kept.push([...fieldStr(1, src), ...fieldStr(2, n.out[0]), ...fieldStr(3, `${n.out[0]}_twin`), ...fieldStr(4, 'Identity')]);
      continue;
    }
    if (n.op === 'QuantizeLinear' && !inits.has(n.in[0])) continue;
    kept.push([...pbWrite(n.fields)]);
  }
  const used = new Set();
  for (const nb of kept) for (const { f, v } of pbRead(Buffer.from(nb))) if (f === 1) used.add(str(v));
  for (const o of graph.filter(x => x.f === 12)) used.add(str(pbRead(o.v).find(x => x.f === 1).v));
  const dropped = name => inits.has(name) && !used.has(name);
  const g2 = graph.filter(x => x.f !== 1 && x.f !== 5 && !(x.f === 11 && dropped(str(pbRead(x.v).find(y => y.f === 1).v))));
  const out = [...pbWrite(g2), ...kept.flatMap(nb => fieldBytes(1, nb)), ...newInits.flatMap(t => fieldBytes(5, t))];
  for (const fl of graph) if (fl.f === 5) { const t = tensorOf(pbRead(fl.v)); if (used.has(t.name)) out.push(...fieldBytes(5, [...fl.v])); }
  const m2 = model.map((x, i) => i === gi ? { f: 7, w: 2, v: Buffer.from(out) } : x);
  return { bytes: pbWrite(m2), dq: newInits.length, identities: kept.length };
}

// ---- small QOperator / integer models written here (the corpus has none): protobuf by hand,
// field numbers from onnx.proto (../shared/specs) ----
function varint(v) { const o = []; v = BigInt(v); if (v < 0n) v += 1n << 64n; do { let b = Number(v & 0x7fn); v >>= 7n; if (v) b |= 0x80; o.push(b); } while (v); return o; }
function fieldVarint(f, v) { return [...varint(f << 3), ...varint(v)]; }
function fieldBytes(f, bytes) { return [...varint((f << 3) | 2), ...varint(bytes.length), ...bytes]; }
function fieldStr(f, s) { return fieldBytes(f, [...Buffer.from(s, 'utf8')]); }
const onnxType = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7 };
function tensorProto(name, type, dims, values) {
  const Ctor = npyTypes[type][1], data = new Ctor(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i];
  return [...dims.flatMap(d => fieldVarint(1, d)), ...fieldVarint(2, onnxType[type]), ...fieldStr(8, name),
          ...fieldBytes(9, [...new Uint8Array(data.buffer, data.byteOffset, data.byteLength)])];
}
function valueInfo(name, type, dims) {
  const shape = dims.flatMap(d => fieldBytes(1, fieldVarint(1, d)));
  return fieldStr(1, name).concat(fieldBytes(2, fieldBytes(1, [...fieldVarint(1, onnxType[type]), ...fieldBytes(2, shape)])));
}
function attr(name, v) {
  if (Array.isArray(v)) return [...fieldStr(1, name), ...v.flatMap(x => fieldVarint(8, x)), ...fieldVarint(20, 7)];
  return [...fieldStr(1, name), ...fieldVarint(3, v), ...fieldVarint(20, 2)];
}
// op, inputs (initializers given as [name, type, dims, values]), one output, attributes
function qModel({ op, x, inits, out, attrs }) {
  const g = [];
  const node = [...[x[0], ...inits.map(t => t ? t[0] : '')].flatMap(n => fieldStr(1, n)), ...fieldStr(2, out[0]), ...fieldStr(3, 'q0'), ...fieldStr(4, op),
                ...Object.entries(attrs || {}).flatMap(([k, v]) => fieldBytes(5, attr(k, v)))];
  g.push(...fieldBytes(1, node), ...fieldStr(2, 'g'));
  for (const t of inits) if (t) g.push(...fieldBytes(5, tensorProto(...t)));
  g.push(...fieldBytes(11, valueInfo(x[0], x[1], x[2])), ...fieldBytes(12, valueInfo(out[0], out[1], out[2])));
  return Buffer.from([...fieldVarint(1, 8), ...fieldBytes(8, [...fieldStr(1, ''), ...fieldVarint(2, 13)]), ...fieldBytes(7, g)]);
}
function ints(rand, n, lo, hi) { return Array.from({ length: n }, () => lo + Math.floor(rand() * (hi - lo + 1))); }
// Products are kept small enough that onnxruntime's u8s8 kernels (int16 pair sums on AVX2)
// cannot saturate: 2 * |x - x_zp| * |w - w_zp| < 32768. Power-of-two scales make exact ties
// (x.5) frequent, so round-half-to-even is exercised; the y ranges make outputs saturate.
function integerCases() {
  const r = rng(99);
  const S = (n, v) => Array.from({ length: n }, (_, i) => v[i % v.length]);
  return [
    ['QLinearConv u8/s8 per-channel, pads, stride 2, bias', qModel({ op: 'QLinearConv', x: ['x', 'uint8', [1, 3, 7, 7]], out: ['y', 'uint8', [1, 4, 4, 4]],
      inits: [['xs', 'float32', [], [0.5]], ['xz', 'uint8', [], [100]], ['w', 'int8', [4, 3, 3, 3], ints(r, 108, -40, 40)],
              ['ws', 'float32', [4], [0.25, 0.125, 0.5, 0.0625]], ['wz', 'int8', [4], [0, 0, 0, 0]], ['ys', 'float32', [], [4]], ['yz', 'uint8', [], [120]],
              ['B', 'int32', [4], [50, -300, 7, 1000]]],
      attrs: { pads: [1, 1, 1, 1], strides: [2, 2], kernel_shape: [3, 3] } }), { x: ['uint8', [1, 3, 7, 7], 0, 200] }],
    ['QLinearConv s8/s8 groups 2, dilation 2', qModel({ op: 'QLinearConv', x: ['x', 'int8', [1, 4, 8, 8]], out: ['y', 'int8', [1, 2, 4, 4]],
      inits: [['xs', 'float32', [], [0.037]], ['xz', 'int8', [], [-3]], ['w', 'int8', [2, 2, 3, 3], ints(r, 36, -60, 60)],
              ['ws', 'float32', [], [0.0123]], ['wz', 'int8', [], [0]], ['ys', 'float32', [], [0.061]], ['yz', 'int8', [], [5]]],
      attrs: { group: 2, dilations: [2, 2] } }), { x: ['int8', [1, 4, 8, 8], -100, 100] }],
    ['QLinearMatMul u8/s8 batched, per-column b', qModel({ op: 'QLinearMatMul', x: ['a', 'uint8', [2, 3, 8]], out: ['y', 'uint8', [2, 3, 5]],
      inits: [['as', 'float32', [], [0.25]], ['az', 'uint8', [], [128]], ['b', 'int8', [8, 5], ints(r, 40, -50, 50)],
              ['bs', 'float32', [5], S(5, [0.5, 0.25, 0.125, 1, 0.0625])], ['bz', 'int8', [5], [0, 0, 0, 0, 0]], ['ys', 'float32', [], [2]], ['yz', 'uint8', [], [128]]] }),
      { a: ['uint8', [2, 3, 8], 0, 255] }],
    ['QLinearMatMul s8/s8', qModel({ op: 'QLinearMatMul', x: ['a', 'int8', [4, 16]], out: ['y', 'int8', [4, 6]],
      inits: [['as', 'float32', [], [0.0171]], ['az', 'int8', [], [2]], ['b', 'int8', [16, 6], ints(r, 96, -70, 70)],
              ['bs', 'float32', [], [0.0093]], ['bz', 'int8', [], [0]], ['ys', 'float32', [], [0.05]], ['yz', 'int8', [], [-10]]] }),
      { a: ['int8', [4, 16], -100, 100] }],
    // multiplier 1/2 and small values: about half the outputs are exact ties, none saturate
    ['QLinearMatMul s8/s8, ties (round half to even)', qModel({ op: 'QLinearMatMul', x: ['a', 'int8', [4, 16]], out: ['y', 'int8', [4, 8]],
      inits: [['as', 'float32', [], [1]], ['az', 'int8', [], [0]], ['b', 'int8', [16, 8], ints(r, 128, -3, 3)],
              ['bs', 'float32', [], [1]], ['bz', 'int8', [], [0]], ['ys', 'float32', [], [2]], ['yz', 'int8', [], [0]]] }),
      { a: ['int8', [4, 16], -3, 3] }],
    ['MatMulInteger u8/u8, per-column b zero point', qModel({ op: 'MatMulInteger', x: ['a', 'uint8', [3, 10]], out: ['y', 'int32', [3, 7]],
      inits: [['b', 'uint8', [10, 7], ints(r, 70, 0, 255)], ['az', 'uint8', [], [17]], ['bz', 'uint8', [7], ints(r, 7, 100, 150)]] }),
      { a: ['uint8', [3, 10], 0, 255] }],
    ['ConvInteger u8/u8, zero points', qModel({ op: 'ConvInteger', x: ['x', 'uint8', [1, 2, 6, 6]], out: ['y', 'int32', [1, 3, 6, 6]],
      inits: [['w', 'uint8', [3, 2, 3, 3], ints(r, 54, 0, 255)], ['xz', 'uint8', [], [9]], ['wz', 'uint8', [], [131]]], attrs: { pads: [1, 1, 1, 1] } }),
      { x: ['uint8', [1, 2, 6, 6], 0, 255] }],
  ];
}

// Each integer case: onnxruntime against `haoline run`, every output element exact.
async function runIntegerCases(ort, tmp) {
  const list = integerCases();
  if (!ort) { skipped += list.length; return; }
  for (let k = 0; k < list.length; k++) {
    const [label, bytes, spec] = list[k];
    const dir = path.join(tmp, `int${k}`), outDir = path.join(dir, 'out'), model = path.join(dir, 'm.onnx');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(model, bytes);
    const rand = rng(777 + k), feeds = {}, args = ['run', model, '--output', outDir];
    for (const [name, [type, shape, lo, hi]] of Object.entries(spec)) {
      const n = shape.reduce((a, b) => a * b, 1), data = new npyTypes[type][1](n);
      for (let i = 0; i < n; i++) data[i] = lo + Math.floor(rand() * (hi - lo + 1));
      const file = path.join(dir, `${name}.npy`);
      writeNpy(file, type, shape, data);
      feeds[name] = new ort.Tensor(type, data, shape);
      args.push('--input', `${name}=${file}`);
    }
    let ref;
    try { ref = await ortRun(ort, model, feeds); }
    catch (e) { console.log(`FAIL ${label}: onnxruntime refused the generated model: ${e.message.split('\n')[0]}`); failed++; continue; }
    try { execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] }); } catch (e) {
      console.log(`FAIL ${label}: haoline run exited ${e.status}: ${String(e.stderr).trim()}`); failed++; continue;
    }
    const problems = [];
    let sat = 0;
    for (const [name, t] of Object.entries(ref)) {
      const p = compare(name, t, readNpy(path.join(outDir, `${name}.npy`)));
      if (p) problems.push(p);
      for (const v of t.data) if (t.type !== 'int32' && (v === 0 || v === 255 || v === -128 || v === 127)) sat++;
    }
    if (problems.length) { console.log(`FAIL ${label}: ${problems.join('; ')}`); failed++; }
    else { console.log(`ok   ${label}: exact against onnxruntime${sat ? ` (${sat} at the range ends)` : ''}`); passed++; }
  }
}

// ---- image inputs: `run --input x=FILE.png` (stb_image) on PNGs written here ----
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
function crc32(buf) { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; }
function writePng(file, w, h, rgb) {   // 8-bit RGB, filter 0 on every row
  const chunk = (type, data) => {
    const len = Buffer.alloc(4), crc = Buffer.alloc(4), td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    len.writeUInt32BE(data.length); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) for (let i = 0; i < 3 * w; i++) raw[y * (1 + 3 * w) + 1 + i] = rgb[y * 3 * w + i];
  fs.writeFileSync(file, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
                                        chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}
// The documented transform, written out here: bilinear with half-pixel centres (edges clamped),
// then v / 255, (v - mean[c]) / std[c]; laid out NCHW or NHWC.
function expectedImage(rgb, iw, ih, H, W, mean, std, nhwc) {
  const out = new Float32Array(3 * H * W), clamp = (v, hi) => Math.min(Math.max(v, 0), hi);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) {
    const sy = clamp((y + 0.5) * ih / H - 0.5, ih - 1), sx = clamp((x + 0.5) * iw / W - 0.5, iw - 1);
    const y0 = Math.floor(sy), x0 = Math.floor(sx), y1 = Math.min(y0 + 1, ih - 1), x1 = Math.min(x0 + 1, iw - 1), fy = sy - y0, fx = sx - x0;
    const p = (yy, xx) => rgb[(yy * iw + xx) * 3 + c];
    const v = (1 - fy) * ((1 - fx) * p(y0, x0) + fx * p(y0, x1)) + fy * ((1 - fx) * p(y1, x0) + fx * p(y1, x1));
    out[nhwc ? (y * W + x) * 3 + c : (c * H + y) * W + x] = (v / 255 - mean[c % mean.length]) / std[c % std.length];
  }
  return out;
}
function imageInput(tmp) {
  const dir = path.join(tmp, 'image');
  fs.mkdirSync(dir, { recursive: true });
  const iw = 3, ih = 2, rgb = [10, 200, 30, 255, 0, 128, 64, 64, 64, 0, 0, 0, 90, 180, 250, 17, 34, 51];
  const png = path.join(dir, 'photo.png');
  writePng(png, iw, ih, rgb);
  const problems = [];
  const cases = [   // [label, input dims, extra args, H, W, mean, std, nhwc]
    ['NCHW 2x3 -> 4x6, per-channel mean/std', [1, 3, 4, 6], ['--mean', '0.485,0.456,0.406', '--std', '0.229,0.224,0.225'], 4, 6, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225], false],
    ['NHWC 2x3 -> 3x2 (down in x), one mean/std', [1, 3, 2, 3], ['--layout', 'NHWC', '--mean', '0.5', '--std', '0.25'], 3, 2, [0.5], [0.25], true],
    ['NCHW same size, no normalisation', [1, 3, 2, 3], [], 2, 3, [0], [1], false],
  ];
  let built = true;
  for (const [k, [label, dims, extra, H, W, mean, std, nhwc]] of cases.entries()) {
    const model = path.join(dir, `img${k}.onnx`), out = path.join(dir, `out${k}`);
    fs.writeFileSync(model, qModel({ op: 'Identity', x: ['x', 'float32', dims], inits: [], out: ['y', 'float32', dims] }));
    try { execFileSync(cli, ['run', model, '--input', `x=${png}`, ...extra, '--output', out], { stdio: ['ignore', 'pipe', 'pipe'] }); } catch (e) {
      if (e.status === 2 && /built without stb_image\.h/.test(String(e.stderr))) { built = false; break; }
      problems.push(`${label}: exit ${e.status}: ${String(e.stderr).trim()}`); continue;
    }
    const got = readNpy(path.join(out, 'y.npy')), want = expectedImage(rgb, iw, ih, H, W, mean, std, nhwc);
    if (JSON.stringify(got.shape) !== JSON.stringify(dims)) { problems.push(`${label}: shape [${got.shape}]`); continue; }
    for (let i = 0; i < want.length; i++)
      if (!(Math.abs(got.data[i] - want[i]) <= 1e-6 * Math.max(1, Math.abs(want[i])))) { problems.push(`${label}: element ${i} is ${got.data[i]}, expected ${want[i]}`); break; }
  }
  // bad options are usage errors (exit 2) before anything is written
  const m3 = path.join(dir, '3ch.onnx');
  fs.writeFileSync(m3, qModel({ op: 'Identity', x: ['x', 'float32', [1, 3, 2, 3]], inits: [], out: ['y', 'float32', [1, 3, 2, 3]] }));
  // (NHWC on this [1, 3, 2, 3] input would read 3 channels from its last dim: valid; on the
  // [1, 3, 4, 6] one the last dim is 6 channels: refused)
  const bad = [[['--std', '0']], [['--layout', 'CHW']], [['--mean', '1,x']], [['--mean', '0.1,0.2']], [['--std', '1,1,1,1,1']], [['--layout', 'NHWC'], 'img0.onnx']];
  if (built) for (const [extra, other] of bad) {
    const out = path.join(dir, `bad${extra.join('')}`);
    try { execFileSync(cli, ['run', other ? path.join(dir, other) : m3, '--input', `x=${png}`, ...extra, '--output', out], { stdio: ['ignore', 'pipe', 'pipe'] }); problems.push(`${extra.join(' ')}: accepted`); } catch (e) {
      if (e.status !== 2 || fs.existsSync(out)) problems.push(`${extra.join(' ')}: exit ${e.status}${fs.existsSync(out) ? ', wrote output' : ''}`);
    }
  }
  try { execFileSync(cli, ['run', m3, '--random', '1', '--mean', '0.5'], { stdio: ['ignore', 'pipe', 'pipe'] }); problems.push('--mean without an image: accepted'); } catch (e) {
    if (e.status !== 2) problems.push(`--mean without an image: exit ${e.status}`);
  }
  if (problems.length) { console.log(`FAIL image input: ${problems.join('; ')}`); failed++; }
  else if (!built) { console.log('ok   image input: this build lacks stb_image.h and says so (exit 2)'); passed++; }
  else { console.log(`ok   image input: ${cases.length} PNG inputs equal the stated resize and normalisation; ${bad.length + 1} bad options exit 2`); passed++; }
}

async function main() {
  let ort = null, why = '';
  try { ort = createRequire(import.meta.url)(ortDir); } catch (e) { why = `onnxruntime-node not found at ${ortDir} (${e.code || e.message})`; }
  if (!fs.existsSync(cli)) {
    console.log(`skipped: ${cli} not built`);
    console.log(`exec-ort: 0 passed, 0 failed, ${cases.length + 4} skipped`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'haoline-exec-'));
  imageInput(tmp);
  if (!ort || why) {
    console.log(`skipped: ${why}`);
    skipped += cases.length;
    cases.length = 0;
  }
  await compareActivations(tmp, ort && !why ? ort : null);
  await runIntegerCases(ort && !why ? ort : null, tmp);
  for (let k = 0; k < cases.length; k++) {
    const [rel, spec] = cases[k];
    const model = path.join(corpus, rel);
    const label = `${path.basename(rel)}#${k}`;
    if (!fs.existsSync(model)) { console.log(`SKIP ${label}: not in the corpus`); skipped++; continue; }
    const dir = path.join(tmp, String(k)), outDir = path.join(dir, 'out');
    fs.mkdirSync(dir, { recursive: true });
    const feeds = {}, args = ['run', model, '--output', outDir];
    const rand = rng(1234 + k);
    for (const [name, [type, shape, lo, hi]] of Object.entries(spec)) {
      const n = shape.reduce((a, b) => a * b, 1), Ctor = npyTypes[type][1], data = new Ctor(n);
      for (let i = 0; i < n; i++) {
        if (Array.isArray(lo)) data[i] = type === 'int64' ? BigInt(lo[i]) : lo[i];
        else if (lo === 'bars') {
          const y = Math.floor(i / shape[3]) % shape[2], xx = i % shape[3];
          const dark = (y >= 20 && y < 28 && xx >= 8 && xx < 56) || (y >= 40 && y < 46 && xx >= 10 && xx < 50);
          data[i] = (dark ? -1 : 1) + 0.1 * (rand() - 0.5);
        }
        else if (type === 'int64') data[i] = BigInt(lo + Math.floor(rand() * (hi - lo)));
        else data[i] = rand() * 2 - 1;
      }
      const file = path.join(dir, `${sanitize(name)}.npy`);
      writeNpy(file, type, shape, data);
      feeds[name] = new ort.Tensor(type, data, shape);
      args.push('--input', `${name}=${file}`);
    }
    let ref;
    try { ref = await ortRun(ort, model, feeds); }
    catch (e) { console.log(`SKIP ${label}: onnxruntime refused it: ${e.message.split('\n')[0]}`); skipped++; continue; }
    try {
      execFileSync(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      console.log(`FAIL ${label}: haoline run exited ${e.status}: ${String(e.stderr).trim()}`);
      failed++;
      continue;
    }
    const problems = [];
    for (const [name, t] of Object.entries(ref)) {
      const file = path.join(outDir, `${sanitize(name)}.npy`);
      if (!fs.existsSync(file)) { problems.push(`${name}: no ${file}`); continue; }
      const p = compare(name, t, readNpy(file));
      if (p) problems.push(p);
    }
    if (problems.length) { console.log(`FAIL ${label}: ${problems.join('; ')}`); failed++; }
    else { console.log(`ok   ${label}: ${Object.keys(ref).length} output(s) match onnxruntime`); passed++; }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`exec-ort: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed ? 1 : 0;
}

main().catch(e => { console.log(`FAIL exec-ort: ${e.stack}`); console.log(`exec-ort: ${passed} passed, ${failed + 1} failed, ${skipped} skipped`); process.exitCode = 1; });
