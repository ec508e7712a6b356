// tests/gguf_node.mjs MODULE_DIR FILE.gguf - reads a GGUF with the independent npm reader
// @huggingface/gguf and prints its metadata and tensor infos as JSON (BigInts as numbers).
import { pathToFileURL } from "node:url";
import path from "node:path";
const [dir, file] = process.argv.slice(2);
const mod = await import(pathToFileURL(path.join(dir, "node_modules/@huggingface/gguf/dist/index.mjs")).href);
const { metadata, tensorInfos, tensorDataOffset } = await mod.gguf(path.resolve(file), { allowLocalFile: true });
const plain = (v) => (typeof v === "bigint" ? Number(v) : Array.isArray(v) ? v.map(plain) : v);
const meta = {};
for (const [k, v] of Object.entries(metadata)) meta[k] = plain(v);
const tensors = tensorInfos.map((t) => ({ name: t.name, shape: t.shape.map(Number), dtype: t.dtype, offset: Number(t.offset) }));
console.log(JSON.stringify({ metadata: meta, tensors, data_offset: Number(tensorDataOffset) }));
