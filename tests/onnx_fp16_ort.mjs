// tests/onnx_fp16_ort.mjs - `haoline convert X.onnx Y.onnx --dtype F16` (and --external-data)
// checked by onnxruntime: the FP32 model and the converted one get the same seeded inputs, and
// every float output must agree within FP16 tolerance: max|y - x| <= tol * max(1, max|x|)
// (tol 2e-2 for F16 weights, 1e-6 for a model only moved to external data), integers exactly.
//
//   node tests/onnx_fp16_ort.mjs ORT_DIR A.onnx B.onnx TOL NAME=TYPE:D0xD1...[:LO:HI] ...
//
// onnxruntime only judges; the product never uses it. Exit 0 agree, 1 disagree, 3 no onnxruntime.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [ortDir, a, b, tolText, ...specs] = process.argv.slice(2);
if (!fs.existsSync(path.join(ortDir || '', 'package.json'))) { console.error(`no onnxruntime-node in ${ortDir}`); process.exit(3); }
const ort = createRequire(import.meta.url)(path.resolve(ortDir));
const tol = Number(tolText);

let seed = 12345;
function next() { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 4294967296; }
const feeds = {};
for (const s of specs) {
  const [name, rest] = [s.slice(0, s.lastIndexOf('=')), s.slice(s.lastIndexOf('=') + 1)];
  const [type, dims, lo, hi] = rest.split(':');
  const shape = dims.split('x').map(Number), n = shape.reduce((x, y) => x * y, 1);
  if (type === 'float32') feeds[name] = new ort.Tensor('float32', Float32Array.from({ length: n }, () => next() * 2 - 1), shape);
  else feeds[name] = new ort.Tensor('int64', BigInt64Array.from({ length: n }, () => BigInt(Math.floor(Number(lo) + next() * (Number(hi) - Number(lo))))), shape);
}
const sa = await ort.InferenceSession.create(a), sb = await ort.InferenceSession.create(b);
const ra = await sa.run(feeds), rb = await sb.run(feeds);
let bad = 0;
for (const k of sa.outputNames) {
  const x = ra[k].data, y = rb[k] && rb[k].data;
  if (!y || x.length !== y.length) { console.error(`${k}: missing or other size`); bad++; continue; }
  if (typeof x[0] === 'bigint') { for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) { bad++; break; } continue; }
  let maxRef = 0, maxErr = 0;
  for (let i = 0; i < x.length; i++) { maxRef = Math.max(maxRef, Math.abs(x[i])); maxErr = Math.max(maxErr, Math.abs(x[i] - y[i])); }
  const ok = maxErr <= tol * Math.max(1, maxRef);
  console.log(`${k}: max|ref| ${maxRef.toPrecision(4)} max|err| ${maxErr.toPrecision(4)} ${ok ? 'ok' : 'FAIL'}`);
  if (!ok) bad++;
}
process.exit(bad ? 1 : 0);
