#!/usr/bin/env python3
"""A model file truncated while `haoline scan`, `inspect`, `compare` or `diff` parses it through its mapping
is an error ("the file changed while it was read"), never a SIGBUS, and nothing leaks (run it on
an ASan build: LeakSanitizer turns a leak into exit status 23).

Copies of a GGUF with a large header (a 300k-token vocabulary, ~6 MB of metadata) are parsed
while a second thread watches the process's /proc/PID/maps and truncates each copy to one page
the moment it appears mapped, i.e. while its header is being parsed. The files are rewritten
and the round repeated for about three seconds per verb. A haoline without the read guard dies
with SIGBUS here (run this against it to see).

    python3 tests/truncate_check.py BUILD/haoline

Linux only (/proc); ends with "truncate: N passed, N failed"; exits 1 on any failure."""
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

HAOLINE = sys.argv[1]
ROUND_SECONDS = 3.0
passed = failed = 0
CHANGED = "the file changed while it was read"


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        if os.environ.get("VERBOSE"):
            print(f"ok truncate: {name}")
    else:
        failed += 1
        print(f"FAIL truncate: {name} {detail}")


def gguf_string(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def big_header_gguf(n_tokens):
    """GGUF v3: llama metadata, a vocabulary of n_tokens strings, one F32 [4] tensor."""
    kv = [gguf_string("general.architecture") + struct.pack("<I", 8) + gguf_string("llama"),
          gguf_string("tokenizer.ggml.model") + struct.pack("<I", 8) + gguf_string("llama"),
          gguf_string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, n_tokens) +
          b"".join(gguf_string("tok%07d" % i) for i in range(n_tokens))]
    tensor = gguf_string("output_norm.weight") + struct.pack("<IQIQ", 1, 4, 0, 0)
    head = b"GGUF" + struct.pack("<IQQ", 3, 1, len(kv)) + b"".join(kv) + tensor
    head += b"\0" * (-len(head) % 32)
    return head + struct.pack("<4f", 1, 2, 3, 4)


class Truncator(threading.Thread):
    """Truncates every file of `paths` to one page as soon as process `pid` has it mapped."""

    def __init__(self, pid, paths):
        super().__init__(daemon=True)
        self.pid, self.todo, self.cut, self.stop = pid, set(paths), set(), False

    def run(self):
        while not self.stop and self.todo:
            try:
                with open(f"/proc/{self.pid}/maps") as f:
                    maps = f.read()
            except OSError:
                return
            for p in [p for p in self.todo if p in maps]:
                os.truncate(p, 4096)
                self.todo.discard(p)
                self.cut.add(p)


def restore(paths, data):
    for p in paths:
        with open(p, "wb") as f:
            f.write(data)


def run_watched(args, paths):
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    t = Truncator(p.pid, paths)
    t.start()
    out, err = p.communicate(timeout=120)
    t.stop = True
    t.join()
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), t.cut


def died(rc):
    return rc < 0 or rc >= 128


def scan_rounds(tmp, data):
    paths = [os.path.join(tmp, "copy%02d.gguf" % i) for i in range(16)]
    jsonl = os.path.join(tmp, "out.jsonl")
    t0, rounds, cut, changed, crashed, bad_lines, other = time.monotonic(), 0, 0, 0, [], [], []
    while time.monotonic() - t0 < ROUND_SECONDS:
        restore(paths, data)
        rc, _, err, c = run_watched([HAOLINE, "scan", tmp, "--threads", "2", "--jsonl", jsonl], paths)
        rounds += 1
        cut += len(c)
        if rc != 0:
            crashed.append((rc, err[-300:]))
            if died(rc):
                break
            continue
        with open(jsonl) as f:
            lines = [json.loads(line) for line in f]
        for line in lines:
            if "error" in line:
                changed += line["error"] == CHANGED
                if line["error"] != CHANGED and line["file"] not in c:
                    other.append(line)
            elif line.get("summary", {}).get("tensors") != 1 and line["file"] not in c:
                bad_lines.append(line["file"])
        if len(lines) != len(paths):
            bad_lines.append("%d lines for %d files" % (len(lines), len(paths)))
    check("scan: no crash while files are truncated under it (%d rounds, %d files cut while mapped)" % (rounds, cut),
          not crashed, "exit %s: %s" % crashed[0] if crashed else "")
    check("scan: a file cut while mapped is a '%s' line (%d of %d)" % (CHANGED, changed, cut), not crashed and changed > 0)
    check("scan: the files nobody cut read whole", not bad_lines and not other, str((bad_lines + other)[:3]))


def verb_rounds(tmp, data, verb, n_files):
    """`haoline VERB` over n_files copies (inspect: one; compare and diff: two) cut while mapped."""
    paths = [os.path.join(tmp, "one%d.gguf" % i) for i in range(n_files)]
    args = [HAOLINE, verb] + paths + (["--json", "--summary-only"] if verb == "inspect" else ["--json"])
    t0, runs, cut, changed, crashed, wrong = time.monotonic(), 0, 0, 0, [], []
    while time.monotonic() - t0 < ROUND_SECONDS:
        restore(paths, data)
        rc, out, err, c = run_watched(args, paths)
        runs += 1
        cut += len(c)
        if died(rc) or rc not in (0, 1):
            crashed.append((rc, err[-300:]))
            break
        if rc == 1:
            changed += CHANGED in err
            if not c:
                wrong.append(err[-200:])
        elif not c and not whole(verb, json.loads(out)):
            wrong.append(out[:200])
    check("%s: no crash while files are truncated under it (%d runs, %d cut while mapped)" % (verb, runs, cut),
          not crashed, "exit %s: %s" % crashed[0] if crashed else "")
    check("%s: a file cut while mapped is exit 1 '%s' (%d of %d)" % (verb, CHANGED, changed, cut), not crashed and changed > 0)
    check("%s: files nobody cut read whole" % verb, not wrong, str(wrong[:2]))


def whole(verb, j):
    """Whether a report read every copy whole: one tensor each, and a diff of equal files is empty."""
    if verb == "inspect":
        return j["summary"]["tensors"] == 1
    if verb == "compare":
        return [m["summary"]["tensors"] for m in j["models"]] == [1, 1]
    t = j["tensors"]
    return t["aligned"] == 1 and not t["added"] and not t["removed"] and not t["changed"]


def main():
    if not os.path.exists("/proc/self/maps"):
        print("truncate: 0 passed, 0 failed, 1 skipped (no /proc)")
        return 0
    data = big_header_gguf(300000)
    with tempfile.TemporaryDirectory() as tmp:
        scan_rounds(tmp, data)
        verb_rounds(tmp, data, "inspect", 1)
        verb_rounds(tmp, data, "compare", 2)
        verb_rounds(tmp, data, "diff", 2)
    print(f"truncate: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
