#!/usr/bin/env python3
"""Browser test of the HTML report: renders one corpus model of each format in headless
Chromium and checks what a person would see.

    python3 tests/browser.py BUILD/haoline [CORPUS]

For each model: `haoline inspect MODEL --html` writes the page; Chromium loads it over the
DevTools protocol (--remote-debugging-pipe: NUL-separated JSON on fds 3/4, stdlib only) and the
test checks: no console errors or exceptions, no network request besides the page itself, the
summary cards and SVG charts are there, the graph view holds the right node count, a mouse
click on a node fills the details panel with that node, the tables list every tensor, and the
dark theme switches; subgraphs open and lead back, labels at the fit zoom, block frames and
colours, a named bar per block. Screenshots land in build/browser-<format>.png (and -dark.png)
and build/browser-{silero-subgraph,resnet-by-block,gguf-layout}.png.
Prints "browser: N passed, N failed" (", 1 skipped" when no Chromium is installed)."""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from cli_util import Checks, cli_and_corpus

HAOLINE, CORPUS = cli_and_corpus("build/haoline")
OUT = "build"
MODELS = [
    ("gguf", "gguf/generated/tinyllama-Q4_K_M.gguf"),
    ("safetensors", "safetensors/generated/tinyllama-hf-F16.safetensors"),
    ("onnx", "onnx/generated/tv_resnet18.onnx"),
]
check = Checks("browser")


def find_chromium():
    for c in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        p = shutil.which(c)
        if p:
            return p
    return None


class Browser:
    """A minimal DevTools-protocol client over --remote-debugging-pipe."""

    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="haoline-chromium-")
        to_r, to_w = os.pipe()      # we write commands; chromium reads fd 3
        from_r, from_w = os.pipe()  # chromium writes fd 4; we read
        args = [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--remote-debugging-pipe", f"--user-data-dir={self.profile}", "--window-size=1440,1000",
                "about:blank"]

        def child_fds():   # via fresh descriptors, so neither dup2 clobbers the other's source
            a, b = os.dup(to_r), os.dup(from_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(args, pass_fds=tuple(sorted({3, 4, to_r, from_w})), preexec_fn=child_fds,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.w, self.r = to_w, from_r
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_message(self, deadline):
        import select
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self.r], [], [], left)
            if ready:
                chunk = os.read(self.r, 1 << 20)
                if not chunk:
                    raise EOFError("chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True, timeout=20):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=20):
        deadline = time.time() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            m = self._read_message(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)

    def open_page(self):
        t = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        a = self.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True}, session=False)
        self.session = a["sessionId"]
        for d in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.send(d)
        self.send("Emulation.setDeviceMetricsOverride", {"width": 1440, "height": 1000, "deviceScaleFactor": 1, "mobile": False})

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate {expr!r}: {r['exceptionDetails'].get('text')}")
        return r["result"].get("value")

    def click(self, x, y):
        for t in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": t, "x": x, "y": y, "button": "left", "clickCount": 1})

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.w)
        os.close(self.r)
        shutil.rmtree(self.profile, ignore_errors=True)


def expected_counts(model):
    p = subprocess.run([HAOLINE, "inspect", model, "--json"], capture_output=True, timeout=120)
    d = json.loads(p.stdout)
    nodes = len(d["nodes"]) if "nodes" in d else None
    return d, nodes, len(d.get("tensors", []))


def test_model(b, fmt, rel):
    model = os.path.join(CORPUS, rel)
    name = f"browser/{fmt}"
    if not os.path.exists(model):
        check(name + " corpus file present", False, model)
        return
    html = os.path.abspath(os.path.join(OUT, f"browser-{fmt}.html"))
    p = subprocess.run([HAOLINE, "inspect", model, "--html", html], capture_output=True, timeout=120)
    check(name + " inspect --html exits 0", p.returncode == 0, p.stderr.decode(errors="replace").strip())
    if p.returncode != 0:
        return
    check(name + " page under 10 MB", os.path.getsize(html) < 10 << 20, os.path.getsize(html))
    d, n_nodes, n_tensors = expected_counts(model)
    url = "file://" + html
    b.events.clear()
    b.send("Page.navigate", {"url": url})
    b.wait_event("Page.loadEventFired", timeout=30)
    ready = False
    for _ in range(100):
        if b.eval("document.body && document.body.getAttribute('data-ready')") == "1":
            ready = True
            break
        time.sleep(0.05)
    check(name + " script ran to the end", ready)
    # let late events arrive, then read them
    b.eval("new Promise(r => setTimeout(r, 200))")
    errors, requests = [], []
    for e in b.events:
        m, prm = e.get("method"), e.get("params", {})
        if m == "Runtime.exceptionThrown":
            errors.append(prm.get("exceptionDetails", {}).get("exception", {}).get("description") or prm)
        elif m == "Runtime.consoleAPICalled" and prm.get("type") in ("error", "warning", "assert"):
            errors.append([a.get("value") for a in prm.get("args", [])])
        elif m == "Log.entryAdded" and prm.get("entry", {}).get("level") in ("error", "warning"):
            errors.append(prm["entry"].get("text"))
        elif m == "Network.requestWillBeSent":
            u = prm.get("request", {}).get("url", "")
            if u != url and not u.startswith("data:"):
                requests.append(u)
    check(name + " no console errors", not errors, errors[:3])
    check(name + " no network requests", not requests, requests[:3])
    cards = b.eval("document.querySelectorAll('#summary .card').length")
    check(name + " summary cards", cards >= 4, cards)
    charts = b.eval("[...document.querySelectorAll('#charts figure')].map(f => f.dataset.chart + ':' + f.querySelectorAll('svg rect, svg polyline').length)")
    check(name + " at least 3 charts, each drawn", charts and len(charts) >= 3 and all(not c.endswith(":0") for c in charts), charts)
    want = n_nodes if n_nodes is not None else n_tensors
    got = b.eval("document.getElementById('graph').getAttribute('data-node-count')")
    check(name + " graph view node count", got is not None and int(got) == want, f"{got} != {want}")
    canvas = b.eval("(() => { const c = document.getElementById('gcanvas'); return [c.width, c.height]; })()")
    check(name + " graph canvas sized", canvas and canvas[0] > 100 and canvas[1] > 100, canvas)
    # click a node that is on screen and read the details panel
    pos = b.eval("""(() => {
        const g = window.haoline.graph; g.expandAll();
        const r = document.getElementById('gcanvas').getBoundingClientRect();
        document.getElementById('graph').scrollIntoView({block: 'center'});
        const r2 = document.getElementById('gcanvas').getBoundingClientRect();
        for (let k = 0; k < g.count; k++) {
          const p = g.screenPos(k);
          if (p && p.x > r2.left + 40 && p.x < r2.right - 40 && p.y > r2.top + 20 && p.y < r2.bottom - 20) return [k, p.x, p.y];
        }
        return null; })()""")
    check(name + " a node is visible", pos is not None, pos)
    if pos:
        b.eval("new Promise(r => requestAnimationFrame(() => r(1)))")
        b.click(pos[1], pos[2])
        sel = b.eval("document.getElementById('details').getAttribute('data-node')")
        text = b.eval("document.getElementById('details').textContent")
        check(name + " click shows the node's details", sel == str(pos[0]) and text and ("shape" in text or "MACs" in text), (sel, pos[0], (text or "")[:80]))
    rows = b.eval("document.querySelectorAll('#t-table tbody tr').length")
    check(name + " tensor table rows", rows == min(n_tensors, 200), f"{rows} rows for {n_tensors} tensors")
    b.eval("document.getElementById('t-filter').value = 'zzz-no-such-name'; document.getElementById('t-filter').dispatchEvent(new Event('input'))")
    rows = b.eval("document.querySelectorAll('#t-table tbody tr').length")
    check(name + " filter empties the table", rows == 0, rows)
    b.eval("document.getElementById('t-filter').value = ''; document.getElementById('t-filter').dispatchEvent(new Event('input')); window.scrollTo(0, 0)")
    b.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))")
    b.screenshot(os.path.join(OUT, f"browser-{fmt}.png"))
    b.eval("document.getElementById('theme').click()")
    dark = b.eval("document.documentElement.getAttribute('data-theme')")
    bg = b.eval("getComputedStyle(document.body).backgroundColor")
    check(name + " theme toggle switches to dark", dark == "dark" and bg != "rgb(246, 247, 249)", (dark, bg))
    b.eval("document.getElementById('graph').scrollIntoView({block: 'center'})")
    b.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))")
    b.screenshot(os.path.join(OUT, f"browser-{fmt}-dark.png"))
    b.eval("document.getElementById('theme').click(); document.getElementById('theme').click()")   # back to auto


def test_big(b, path):
    """The 20,000-node page test_report writes: it loads fast and paints fast, folded and open."""
    name = "browser/20000-nodes"
    html = os.path.abspath(path)
    url = "file://" + html
    b.events.clear()
    t0 = time.time()
    b.send("Page.navigate", {"url": url})
    b.wait_event("Page.loadEventFired", timeout=30)
    ready = False
    for _ in range(200):
        if b.eval("document.body && document.body.getAttribute('data-ready')") == "1":
            ready = True
            break
        time.sleep(0.05)
    load_s = time.time() - t0
    check(name + " loads in under 5 s", ready and load_s < 5, f"{load_s:.2f} s")
    errors = [e for e in b.events if e.get("method") == "Runtime.exceptionThrown"]
    check(name + " no exceptions", not errors, errors[:1])
    got = b.eval("document.getElementById('graph').getAttribute('data-node-count')")
    check(name + " node count", got == "20000", got)
    folded = b.eval("document.getElementById('g-state').textContent")
    check(name + " opens with blocks folded", folded and "6667 collapsed" in folded, folded)
    paints = []
    for op in ("g.collapseAll()", "g.expandAll()", "g.center(10000)"):
        ms = b.eval("(async () => { const g = window.haoline.graph; " + op + "; "
                    "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return g.lastPaintMs; })()")
        paints.append(round(ms or 0, 1))
    check(name + " a frame paints in under 100 ms", all(p < 100 for p in paints), paints)
    pos = b.eval("(async () => { document.getElementById('graph').scrollIntoView({block: 'center'}); "
                 "window.haoline.graph.center(10000); await new Promise(r => requestAnimationFrame(r)); "
                 "const p = window.haoline.graph.screenPos(10000); return p ? [p.x, p.y] : null; })()")
    if pos:
        b.click(pos[0], pos[1])
    sel = b.eval("document.getElementById('details').getAttribute('data-node')")
    check(name + " click on node 10000", sel == "10000", sel)
    b.screenshot(os.path.join(OUT, "browser-20000-nodes.png"))
    print(f"browser: 20000-node page: {os.path.getsize(html) / 1e6:.2f} MB, ready in {load_s:.2f} s, paints {paints} ms")


def load_page(b, html):
    b.events.clear()
    b.send("Page.navigate", {"url": "file://" + os.path.abspath(html)})
    b.wait_event("Page.loadEventFired", timeout=30)
    for _ in range(100):
        if b.eval("document.body && document.body.getAttribute('data-ready')") == "1":
            return True
        time.sleep(0.05)
    return False


def test_blocks_and_charts(b):
    """Issue 9 items 20-21 as far as they landed: blocks of the graph view are the analysis'
    repeated blocks, labelled by their names; the KV-cache chart is log-scaled; a one-layer
    model gets no per-layer charts of one bar."""
    name = "browser/analysis"
    html = os.path.join(OUT, "browser-onnx.html")   # tv_resnet18, written by test_model
    if not os.path.exists(html) or not load_page(b, html):
        check(name + " resnet page loads", False, html)
        return
    groups = b.eval("JSON.parse(document.getElementById('hln-data').textContent).graph.groups.map(g => g[0])")
    check(name + " resnet blocks are its 8 basic residual blocks", groups == [f"basic residual block {i}" for i in range(1, 9)], groups)
    state = b.eval("window.haoline.graph.collapseAll(); document.getElementById('g-state').textContent")
    check(name + " graph state counts 8 blocks", state and "8 blocks" in state, state)
    b.eval("document.getElementById('graph').scrollIntoView({block: 'start'})")
    time.sleep(0.2)
    b.screenshot(os.path.join(OUT, "browser-resnet-blocks.png"))
    b.eval("window.haoline.graph.expandAll()")
    model = os.path.join(CORPUS, "gguf/generated/tinyllama-Q4_K_M.gguf")
    gg = os.path.join(OUT, "browser-gguf.html")
    if os.path.exists(model) and load_page(b, gg):
        ys = b.eval("Array.from(document.querySelector('figure[data-chart=\"kv_cache\"] polyline').getAttribute('points').split(' '))"
                    ".map(p => parseFloat(p.split(',')[1]))")
        steps = [ys[i] - ys[i + 1] for i in range(len(ys) - 1)] if ys else []
        # 1k..128k doubles: on a log scale the points climb in equal steps, none sits at zero
        check(name + " KV chart is log-scaled", len(steps) == 7 and min(steps) > 5 and max(steps) - min(steps) < 1.0, ys)
        b.eval("document.querySelector('figure[data-chart=\"kv_cache\"]').scrollIntoView({block: 'center'})")
        time.sleep(0.2)
        b.screenshot(os.path.join(OUT, "browser-kv-log.png"))
    gpt = os.path.join(CORPUS, "onnx/generated/tiny_gpt2.onnx")
    page = os.path.abspath(os.path.join(OUT, "browser-gpt2.html"))
    if os.path.exists(gpt) and subprocess.run([HAOLINE, "inspect", gpt, "--html", page], capture_output=True, timeout=120).returncode == 0 and load_page(b, page):
        d = expected_counts(gpt)[0]
        consts = d["summary"]["ops"].get("Constant", 0)
        got = b.eval("document.getElementById('graph').getAttribute('data-hidden-plumbing')")
        # every Constant, and the shape plumbing (Shape -> Gather -> Unsqueeze -> Concat, Range, masks)
        check(name + " Constant and shape nodes hidden by default", consts > 0 and got is not None and consts < int(got) < len(d["nodes"]) // 2 + consts, f"{got} hidden, {consts} Constants")
        legend = b.eval("Array.from(document.querySelectorAll('#g-legend .lg i')).map(i => getComputedStyle(i).backgroundColor)")
        check(name + " legend lists op colours", legend and len(legend) >= 8 and len(set(legend)) >= 5, legend)
        groups = b.eval("JSON.parse(document.getElementById('hln-data').textContent).graph.groups.map(g => g[0])")
        check(name + " gpt2 blocks are its transformer layers", groups == ["transformer layer 1", "transformer layer 2"], groups)
        b.eval("document.getElementById('graph').scrollIntoView({block: 'start'}); window.scrollBy(0, -90)")
        time.sleep(0.2)
        b.screenshot(os.path.join(OUT, "browser-gpt2-graph.png"))
        b.eval("document.getElementById('g-const').click()")
        got = b.eval("document.getElementById('graph').getAttribute('data-hidden-plumbing')")
        check(name + " the toggle shows them", got == "0", got)
    one = os.path.join(CORPUS, "gguf/generated/tinyllama-align64-F16.gguf")   # block_count 1
    page = os.path.abspath(os.path.join(OUT, "browser-one-layer.html"))
    if os.path.exists(one) and subprocess.run([HAOLINE, "inspect", one, "--html", page], capture_output=True, timeout=120).returncode == 0 and load_page(b, page):
        charts = b.eval("Array.from(document.querySelectorAll('figure[data-chart]')).map(f => f.getAttribute('data-chart'))")
        check(name + " one layer: no per-layer charts", charts and "params_per_layer" not in charts and "bytes_per_layer" not in charts, charts)


def frames(b):
    b.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))")


def test_views(b):
    """Issue 9 items 20-21: subgraphs open as views of their own and lead back; labels drawn at
    the fit zoom wherever they fit, in screen pixels; open blocks framed and named; nodes coloured
    by block on request; "MACs per block" names every block; the weight-only layout readable."""
    name = "browser/views"
    model = os.path.join(CORPUS, "onnx/real/silero/silero_vad_v5.onnx")
    page = os.path.abspath(os.path.join(OUT, "browser-silero.html"))
    if os.path.exists(model) and subprocess.run([HAOLINE, "inspect", model, "--html", page], capture_output=True, timeout=120).returncode == 0 and load_page(b, page):
        d = expected_counts(model)[0]
        data = b.eval("(() => { const D = window.haoline.data; return [D.graph.subgraphs.length, D.graph.subgraphs.reduce((a, v) => a + v.nodes.length, 0),"
                      " D.graph.nodes.findIndex(n => D.kinds[n[1]] === 'If')]; })()")
        subs, sub_nodes, if_k = data
        check(name + " silero: every subgraph is in the page", sub_nodes == d["summary"]["nodes_all"] - d["summary"]["nodes"] and subs > 1, data)
        ifp = b.eval(f"window.haoline.data.graph.nodes[{if_k}][7]")
        check(name + " silero: the If node carries its subgraphs' weights", ifp == d["summary"]["params"], (ifp, d["summary"]["params"]))
        b.eval("document.getElementById('graph').scrollIntoView({block: 'start'}); window.scrollBy(0, -130)")
        b.eval(f"window.haoline.graph.select({if_k})")
        btns = b.eval("Array.from(document.querySelectorAll('#details button.sub')).map(x => [x.textContent, +x.dataset.view])")
        check(name + " silero: the If offers both branches", btns and len(btns) == 2 and all("branch" in t for t, _ in btns), btns)
        if btns:
            want = b.eval(f"window.haoline.data.graph.subgraphs[{btns[0][1]} - 1].nodes.length")
            b.eval("document.querySelector('#details button.sub').click()")
            frames(b)
            got = b.eval("[document.getElementById('graph').dataset.view, document.getElementById('graph').dataset.nodeCount, document.getElementById('g-path').textContent]")
            check(name + " silero: 'open' shows the branch's nodes", got[0] == str(btns[0][1]) and got[1] == str(want) and "main graph" in got[2], (got, want))
            g = b.eval("[window.haoline.graph.labelled, window.haoline.graph.fontPx]")
            check(name + " silero: the branch is labelled at fit", g[0] > 10 and g[1] >= 9, g)
            time.sleep(0.2)
            b.screenshot(os.path.join(OUT, "browser-silero-subgraph.png"))
            b.eval("document.querySelector('#g-path button').click()")
            got = b.eval("[document.getElementById('graph').dataset.view, document.getElementById('graph').dataset.nodeCount]")
            check(name + " silero: the breadcrumb leads back", got == ["0", str(d["summary"]["nodes"])], got)
    # resnet: open blocks framed and named, colour by block, a bar per block with its name
    if load_page(b, os.path.join(OUT, "browser-onnx.html")):
        groups = b.eval("window.haoline.data.graph.groups.map(g => g[0])")
        bars = b.eval("Array.from(document.querySelectorAll('figure[data-chart=\"macs_per_block\"] rect title')).map(t => t.textContent.split(':')[0])")
        check(name + " resnet: MACs per block names every block", bars == groups and len(groups) == 8, (bars, groups))
        b.eval("document.getElementById('graph').scrollIntoView({block: 'start'}); window.scrollBy(0, -130); window.haoline.graph.expandAll()")
        frames(b)
        fr = b.eval("window.haoline.graph.framesLabelled")
        check(name + " resnet: open blocks are framed and named", fr and fr >= 2, fr)
        b.eval("document.getElementById('g-colour').click()")
        frames(b)
        legend = b.eval("Array.from(document.querySelectorAll('#g-legend .lg')).map(x => x.textContent)")
        check(name + " resnet: colour by block lists the blocks", legend and any(t.startswith("basic residual block 1 ") for t in legend), legend)
        time.sleep(0.2)
        b.screenshot(os.path.join(OUT, "browser-resnet-by-block.png"))
        b.eval("document.getElementById('g-colour').click()")
    # GGUF layout (item 21): every tensor labelled at fit in a readable size, layers framed
    if load_page(b, os.path.join(OUT, "browser-gguf.html")):
        b.eval("document.getElementById('graph').scrollIntoView({block: 'start'}); window.scrollBy(0, -130)")
        frames(b)
        g = b.eval("[window.haoline.graph.labelled, window.haoline.graph.fontPx, window.haoline.graph.framesLabelled, window.haoline.graph.count, window.haoline.graph.scale()]")
        check(name + " gguf layout: every tensor labelled at fit, >= 9 px", g[0] == g[3] and g[1] >= 9, g)
        check(name + " gguf layout: its layers framed and named", g[2] == 2, g)
        time.sleep(0.2)
        b.screenshot(os.path.join(OUT, "browser-gguf-layout.png"))


def main():
    exe = find_chromium()
    if not exe:
        print("browser: chromium not installed")
        print("browser: 0 passed, 0 failed, 1 skipped")
        return 0
    if not os.access(HAOLINE, os.X_OK):
        print(f"browser: {HAOLINE} not built")
        print("browser: 0 passed, 1 failed")
        return 1
    os.makedirs(OUT, exist_ok=True)
    b = Browser(exe)
    try:
        b.open_page()
        for fmt, rel in MODELS:
            try:
                test_model(b, fmt, rel)
            except Exception as e:   # one broken page must not hide the others
                check(f"browser/{fmt}", False, f"{type(e).__name__}: {e}")
        try:
            test_blocks_and_charts(b)
        except Exception as e:
            check("browser/analysis", False, f"{type(e).__name__}: {e}")
        try:
            test_views(b)
        except Exception as e:
            check("browser/views", False, f"{type(e).__name__}: {e}")
        big = os.path.join(OUT, "test-report-20000.html")   # written by test_report
        if os.path.exists(big):
            try:
                test_big(b, big)
            except Exception as e:
                check("browser/20000-nodes", False, f"{type(e).__name__}: {e}")
    finally:
        b.close()
    return check.finish()


sys.exit(main())
