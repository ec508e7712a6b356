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

// compare-activations on qdq_convnet against its own float-activation run (--bypass-qdq),
// checked against a direct computation from the two runs' captured .npy files.
function compareActivations(tmp) {
  const model = path.join(corpus, 'onnx/generated/qdq_convnet.onnx');
  if (!fs.existsSync(model)) { console.log('SKIP compare-activations: qdq_convnet.onnx not in the corpus'); skipped++; return; }
  const fp = path.join(tmp, 'ca-float'), q = path.join(tmp, 'ca-int8');
  execFileSync(cli, ['run', model, '--random', '7', '--bypass-qdq', '--capture', fp]);
  execFileSync(cli, ['run', model, '--random', '7', '--capture', q]);
  const report = JSON.parse(execFileSync(cli, ['compare-activations', model, '--bypass-qdq', '--random', '7', '--json']).toString());
  const problems = [];
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
  if (problems.length) { console.log(`FAIL compare-activations: ${problems.join('; ')}`); failed++; }
  else { console.log(`ok   compare-activations: ${checked} layers match a direct computation; largest divergence ${worst} (${worstSnr.toFixed(2)} dB)`); passed++; }
}

async function main() {
  let ort = null, why = '';
  try { ort = createRequire(import.meta.url)(ortDir); } catch (e) { why = `onnxruntime-node not found at ${ortDir} (${e.code || e.message})`; }
  if (!fs.existsSync(cli)) {
    console.log(`skipped: ${cli} not built`);
    console.log(`exec-ort: 0 passed, 0 failed, ${cases.length + 1} skipped`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'haoline-exec-'));
  compareActivations(tmp);
  if (!ort || why) {
    console.log(`skipped: ${why}`);
    skipped += cases.length;
    cases.length = 0;
  }
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
    try {
      const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, graphOptimizationLevel: 'disabled' });
      ref = await session.run(feeds);
    } catch (e) { console.log(`SKIP ${label}: onnxruntime refused it: ${e.message.split('\n')[0]}`); skipped++; continue; }
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
