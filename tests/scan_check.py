#!/usr/bin/env python3
"""`haoline scan` over the whole corpus: one JSON line per model with the same numbers as
`inspect --json --summary-only`, an error line for exactly the files inspect rejects, split GGUF
parts and SafeTensors shards grouped, a Core ML .mlpackage, an OpenVINO X.xml + X.bin and a
TensorRT X.graph.json with its exports each one line, every bad/ file of those formats a model
or an error line as its README says, the same lines on 1 and 2 threads, and a missing file
as an error line.

    python3 tests/scan_check.py BUILD/haoline [CORPUS]

Ends with "scan: N passed, N failed"; exits 1 on any failure."""
import json
import os
import subprocess
import sys
import tempfile

from cli_util import Checks, cli_and_corpus

HAOLINE, CORPUS = cli_and_corpus()


check = Checks("scan")


def scan(*args):
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as f:
        out = f.name
    p = subprocess.run([HAOLINE, "scan", *args, "--jsonl", out], capture_output=True, timeout=600)
    with open(out, encoding="utf-8") as f:
        lines = f.read().splitlines()
    os.unlink(out)
    return p.returncode, lines, p.stdout.decode("utf-8", "replace")


rc, lines, table = scan(CORPUS, "--threads", "2", "--memory", "1G")
check("scan exits 0", rc == 0, f"exit {rc}")
check("summary table on stdout", "total" in table and "models" in table, table[:200])
rows = [json.loads(l) for l in lines]
files = [r["file"] for r in rows]
check("one line per model or failed file", len(files) == len(set(files)), "duplicate file lines")
models = [r for r in rows if "error" not in r]
errors = [r for r in rows if "error" in r]
check("the summary counts the lines", f"scan: {len(models)} models, {len(errors)} files failed" in table, table[:120])

for r in models:
    p = subprocess.run([HAOLINE, "inspect", r["file"], "--json", "--summary-only"], capture_output=True, timeout=120)
    ok = p.returncode == 0
    if ok:
        want = json.loads(p.stdout)
        got = dict(r)
        want.pop("file"), got.pop("file")
        ok = got == want
    check(f"{r['file']}: same numbers as inspect", ok, "" if ok else f"exit {p.returncode}")
for r in errors:
    p = subprocess.run([HAOLINE, "inspect", r["file"]], capture_output=True, timeout=120)
    check(f"{r['file']}: inspect rejects it too", p.returncode == 1 and r["error"], f"inspect exit {p.returncode}")

names = {os.path.relpath(f, CORPUS) for f in files}
check("split GGUF is one model (part 1)", "gguf/generated/tinyllama-split-Q8_0-00001-of-00002.gguf" in names and
      "gguf/generated/tinyllama-split-Q8_0-00002-of-00002.gguf" not in names)
check("sharded SafeTensors is one model (the index)",
      "safetensors/generated/sharded-gqa/model.safetensors.index.json" in names and
      not any(n.startswith("safetensors/generated/sharded-gqa/model-0000") for n in names))
for fmt, ext in (("gguf", ".gguf"), ("safetensors", ".safetensors"), ("onnx", ".onnx")):
    on_disk = set()
    for d, _, fs in os.walk(os.path.join(CORPUS, fmt)):
        on_disk |= {os.path.relpath(os.path.join(d, f), CORPUS) for f in fs if f.endswith(ext)}
    missing = {n for n in on_disk - names if "-of-0000" not in n}
    check(f"every {ext} file of the corpus is a line (or a grouped part)", not missing, sorted(missing)[:5])

# Core ML, OpenVINO IR, TensorRT: a package, an IR pair and a graph with its companion exports
# are one line each; the files they group are not lines
def readme_expectations(folder):
    """bad/README.md table: file -> 'accept' | 'reject' (the 'expected behaviour' cell)."""
    exp = {}
    for line in open(os.path.join(folder, "README.md"), encoding="utf-8"):
        cells = [x.strip() for x in line.strip().strip("|").split("|")]
        if len(cells) < 3 or "." not in cells[0] or cells[0].startswith("-"):
            continue
        verdict = [c.lower() for c in cells if c.lower().startswith(("reject", "accept"))]
        if verdict:
            exp[cells[0]] = "accept" if verdict[0].startswith("accept") else "reject"
    return exp


COMPANIONS = (".profile.metadata.json", ".build.metadata.json", ".metadata.json", ".profile.json", ".timing.json")
by_name = {os.path.relpath(r["file"], CORPUS): r for r in rows}
for fmt in ("coreml", "openvino", "tensorrt"):
    want, grouped = set(), set()
    for d, dirs, fs in os.walk(os.path.join(CORPUS, fmt)):
        rel = os.path.relpath(d, CORPUS)
        if ".mlpackage" in rel:
            grouped |= {os.path.join(rel, f) for f in fs}
            continue
        want |= {os.path.join(rel, x) for x in dirs if x.endswith(".mlpackage")}
        for f in fs:
            path = os.path.join(rel, f)
            comp = next((c for c in COMPANIONS if f.endswith(c)), None)
            if f.endswith((".mlmodel", ".xml", ".graph.json")):
                want.add(path)
            elif f.endswith(".bin") and os.path.exists(os.path.join(d, f[:-4] + ".xml")):
                grouped.add(path)
            elif comp and os.path.exists(os.path.join(d, f[:-len(comp)] + ".graph.json")):
                grouped.add(path)
            elif comp:
                want.add(path)   # an export without its graph stands alone
    got = {n for n in names if n.startswith(fmt + os.sep)}
    check(f"{fmt}: one line per model (packages, IR pairs, graphs with their exports grouped)", got == want,
          f"missing {sorted(want - got)[:4]}, extra {sorted(got - want)[:4]}")
    check(f"{fmt}: no grouped file is a line of its own", not (got & grouped), sorted(got & grouped)[:4])
    check(f"{fmt}: models are lines of format {fmt}", all(by_name[n].get("format") == {"openvino": "openvino-ir"}.get(fmt, fmt)
          for n in got if "error" not in by_name[n]))
    bad = os.path.join(CORPUS, fmt, "bad")
    for f, verdict in sorted(readme_expectations(bad).items()):
        r = by_name.get(os.path.join(fmt, "bad", f))
        check(f"{fmt}/bad/{f}: {'a model line' if verdict == 'accept' else 'an error line'} as its README says",
              r is not None and (("error" in r) == (verdict == "reject")), r and r.get("error"))

rc1, lines1, _ = scan(CORPUS, "--threads", "1")
check("1 and 2 threads give the same lines in the same order", lines1 == lines)
rc, lines, _ = scan(os.path.join(CORPUS, "gguf", "generated", "tinyllama-Q8_0.gguf"), "/nonexistent/model.gguf")
rows = [json.loads(l) for l in lines]
check("a file that is not there is an error line", len(rows) == 2 and "summary" in rows[0] and rows[1].get("file") == "/nonexistent/model.gguf"
      and "error" in rows[1], lines)

# --progress: models done/total and the rate on stderr, the last line the whole count
import re
small = os.path.join(CORPUS, "gguf", "generated")
p = subprocess.run([HAOLINE, "scan", small, "--progress", "--jsonl", os.devnull, "--summary", os.devnull], capture_output=True, timeout=120)
prog = re.findall(r"scan: (\d+)/(\d+) models, [0-9.]+/s", p.stderr.decode())
n_small = sum(1 for l in subprocess.run([HAOLINE, "scan", small, "--json", "-"], capture_output=True, timeout=120).stdout.decode().splitlines() if l.strip())
check("--progress: done/total and the rate on stderr, ending at the total", prog and prog[-1][0] == prog[-1][1] == str(n_small) and
      all(int(a) <= int(b) for a, b in prog), (prog[-3:], n_small))
p = subprocess.run([HAOLINE, "scan", small, "--jsonl", os.devnull, "--summary", os.devnull], capture_output=True, timeout=120)
check("no progress when stderr is not a terminal and --progress is not given", b"/s" not in p.stderr, p.stderr[:200])
# --hardware: every model line carries the estimates inspect --json gives
one = os.path.join(small, "tinyllama-Q4_K_M.gguf")
p = subprocess.run([HAOLINE, "scan", one, "--hardware", "rtx-4090", "--json", "-"], capture_output=True, timeout=120)
got = [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]
q = subprocess.run([HAOLINE, "inspect", one, "--json", "--summary-only", "--hardware", "rtx-4090"], capture_output=True, timeout=120)
want = json.loads(q.stdout)
check("--hardware: the line carries inspect's estimates", len(got) == 1 and got[0].get("estimates") and
      got[0]["estimates"] == want["estimates"] and got[0]["estimates"][0]["hardware"] == "rtx-4090", got[0].get("estimates") if got else p.stderr)
p = subprocess.run([HAOLINE, "scan", one, "--hardware", "no-such-gpu"], capture_output=True, timeout=120)
check("--hardware with an unknown name is a usage error", p.returncode == 2 and b"unknown hardware" in p.stderr, p.returncode)

sys.exit(check.finish())
