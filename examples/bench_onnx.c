/* examples/bench_onnx.c - ONNX reader + graph analysis benchmarks for `haoline bench`.
 *
 *   onnx_load_400mb      a ~420 MB synthetic model (200 MatMul+Add+Relu layers, fp32 weights in
 *                        raw_data) written to a temp file, then hln_onnx_load_file +
 *                        hln_graph_analyze; the note gives the resident-memory growth while
 *                        the model is loaded (weights are mapped, never touched)
 *   onnx_graph_20k       a 20,000-node graph (MatMul/Add/Relu + Shape->Gather->Unsqueeze->
 *                        Concat->Reshape chains + Sigmoid/Mul) parsed from memory and fully
 *                        analysed (shapes, constant folding, MACs, liveness) with batch bound
 *   onnx/analyze-20k     hln_model_analyze alone (architecture, blocks, patterns, risks,
 *   onnx/analyze-400mb   quantization, fusions, critical path, memory timeline) on those two
 *                        models, best of 5 fresh models; weights are not read
 *
 * bytes = file bytes. Declared in examples/bench.h as `void bench_onnx(bench_ctx *ctx);`. */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_onnx.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a minimal protobuf writer (bench-private) ---- */
typedef struct bb { unsigned char *p; size_t n, cap; } bb;

static void bb_raw(bb *b, const void *d, size_t n) {
    if (b->n + n > b->cap) {
        size_t c = b->cap ? b->cap : 256;
        while (c < b->n + n) c *= 2;
        b->p = (unsigned char *)realloc(b->p, c);
        if (!b->p) { b->n = b->cap = 0; return; }
        b->cap = c;
    }
    memcpy(b->p + b->n, d, n);
    b->n += n;
}
static void bb_varint(bb *b, uint64_t v) {
    unsigned char c[10];
    size_t n = 0;
    do { c[n] = (unsigned char)(v & 0x7f); v >>= 7; if (v) c[n] |= 0x80; n++; } while (v);
    bb_raw(b, c, n);
}
static size_t bb_varint_len(uint64_t v) { size_t n = 1; while (v >= 0x80) { v >>= 7; n++; } return n; }
static void bb_tag(bb *b, unsigned field, unsigned wire) { bb_varint(b, ((uint64_t)field << 3) | wire); }
static void bb_int(bb *b, unsigned field, uint64_t v) { bb_tag(b, field, 0); bb_varint(b, v); }
static void bb_bytes(bb *b, unsigned field, const void *d, size_t n) { bb_tag(b, field, 2); bb_varint(b, n); bb_raw(b, d, n); }
static void bb_str(bb *b, unsigned field, const char *s) { bb_bytes(b, field, s, strlen(s)); }
static void bb_msg(bb *b, unsigned field, bb *sub) { bb_bytes(b, field, sub->p, sub->n); sub->n = 0; }
static void bb_free(bb *b) { free(b->p); b->p = NULL; b->n = b->cap = 0; }

static void bb_node(bb *g, const char *op, const char *a, const char *b2, const char *out, const bb *attrs) {
    bb n = { NULL, 0, 0 };
    if (a) bb_str(&n, 1, a);
    if (b2) bb_str(&n, 1, b2);
    bb_str(&n, 2, out);
    bb_str(&n, 4, op);
    if (attrs && attrs->n) bb_raw(&n, attrs->p, attrs->n);
    bb_msg(g, 1, &n);
    bb_free(&n);
}
/* ValueInfo: FLOAT [dim0 (symbolic when name), d1] */
static void bb_io(bb *g, unsigned field, const char *name, const char *sym, int64_t d1) {
    bb vi = { NULL, 0, 0 }, tp = { NULL, 0, 0 }, tt = { NULL, 0, 0 }, sh = { NULL, 0, 0 }, d = { NULL, 0, 0 };
    bb_str(&d, 2, sym);
    bb_msg(&sh, 1, &d);
    bb_int(&d, 1, (uint64_t)d1);
    bb_msg(&sh, 1, &d);
    bb_int(&tt, 1, 1);
    bb_msg(&tt, 2, &sh);
    bb_msg(&tp, 1, &tt);
    bb_str(&vi, 1, name);
    bb_msg(&vi, 2, &tp);
    bb_msg(g, field, &vi);
    bb_free(&vi); bb_free(&tp); bb_free(&tt); bb_free(&sh); bb_free(&d);
}
/* TensorProto header up to and including raw_data's tag and length (the bytes follow). */
static void bb_tensor_head(bb *t, const char *name, int64_t d0, int64_t d1, int elem, size_t raw) {
    bb_int(t, 1, (uint64_t)d0);
    if (d1 >= 0) bb_int(t, 1, (uint64_t)d1);
    bb_int(t, 2, (uint64_t)elem);
    bb_str(t, 8, name);
    bb_tag(t, 9, 2);
    bb_varint(t, raw);
}

/* ---- (a) the 400 MB file ---- */
#define BENCH_ONNX_LAYERS 200
#define BENCH_ONNX_WIDE 1024
#define BENCH_ONNX_NARROW 512

static int bench_onnx_write_big(const char *path, uint64_t *file_bytes) {
    FILE *f = fopen(path, "wb");
    bb head = { NULL, 0, 0 }, g = { NULL, 0, 0 }, t = { NULL, 0, 0 }, tail = { NULL, 0, 0 }, model = { NULL, 0, 0 };
    size_t wbytes = (size_t)BENCH_ONNX_WIDE * BENCH_ONNX_NARROW * 4, i, k;
    uint64_t graph_len = 0;
    unsigned char *pattern;
    char name[64], in[64], out[64], mm[64], ad[64], bn[64];
    int ok = 1;
    if (!f) return 0;
    pattern = (unsigned char *)malloc(wbytes);
    if (!pattern) { fclose(f); return 0; }
    for (i = 0; i < wbytes; i++) pattern[i] = (unsigned char)(i * 2654435761u >> 24);
    /* nodes and io first, to know the graph's length */
    for (k = 0; k < BENCH_ONNX_LAYERS; k++) {
        snprintf(in, sizeof in, k ? "r%u" : "x", (unsigned)(k - 1));
        snprintf(name, sizeof name, "w%u", (unsigned)k);
        snprintf(mm, sizeof mm, "m%u", (unsigned)k);
        snprintf(bn, sizeof bn, "b%u", (unsigned)k);
        snprintf(ad, sizeof ad, "a%u", (unsigned)k);
        snprintf(out, sizeof out, "r%u", (unsigned)k);
        bb_node(&tail, "MatMul", in, name, mm, NULL);
        bb_node(&tail, "Add", mm, bn, ad, NULL);
        bb_node(&tail, "Relu", ad, NULL, k + 1 == BENCH_ONNX_LAYERS ? "y" : out, NULL);
    }
    bb_str(&tail, 2, "bench400");
    bb_io(&tail, 11, "x", "batch", BENCH_ONNX_WIDE);
    bb_io(&tail, 12, "y", "batch", BENCH_ONNX_LAYERS % 2 ? BENCH_ONNX_NARROW : BENCH_ONNX_WIDE);
    graph_len = tail.n;
    for (k = 0; k < 2 * BENCH_ONNX_LAYERS; k++) {   /* weight, bias */
        int w = k % 2 == 0, layer = (int)(k / 2);
        size_t raw = w ? wbytes : (size_t)(layer % 2 ? BENCH_ONNX_WIDE : BENCH_ONNX_NARROW) * 4;
        t.n = 0;
        snprintf(name, sizeof name, w ? "w%d" : "b%d", layer);
        if (w) bb_tensor_head(&t, name, layer % 2 ? BENCH_ONNX_NARROW : BENCH_ONNX_WIDE, layer % 2 ? BENCH_ONNX_WIDE : BENCH_ONNX_NARROW, 1, raw);
        else bb_tensor_head(&t, name, (int64_t)(raw / 4), -1, 1, raw);
        graph_len += 1 + bb_varint_len(t.n + raw) + t.n + raw;
    }
    bb_int(&model, 1, 8);
    bb_str(&model, 2, "haoline-bench");
    { bb os = { NULL, 0, 0 }; bb_int(&os, 2, 17); bb_msg(&model, 8, &os); bb_free(&os); }
    bb_tag(&model, 7, 2);
    bb_varint(&model, graph_len);
    ok &= fwrite(model.p, 1, model.n, f) == model.n;
    *file_bytes = model.n + graph_len;
    for (k = 0; k < 2 * BENCH_ONNX_LAYERS && ok; k++) {
        int w = k % 2 == 0, layer = (int)(k / 2);
        size_t raw = w ? wbytes : (size_t)(layer % 2 ? BENCH_ONNX_WIDE : BENCH_ONNX_NARROW) * 4;
        t.n = 0;
        head.n = 0;
        snprintf(name, sizeof name, w ? "w%d" : "b%d", layer);
        if (w) bb_tensor_head(&t, name, layer % 2 ? BENCH_ONNX_NARROW : BENCH_ONNX_WIDE, layer % 2 ? BENCH_ONNX_WIDE : BENCH_ONNX_NARROW, 1, raw);
        else bb_tensor_head(&t, name, (int64_t)(raw / 4), -1, 1, raw);
        bb_tag(&head, 5, 2);
        bb_varint(&head, t.n + raw);
        bb_raw(&head, t.p, t.n);
        ok &= fwrite(head.p, 1, head.n, f) == head.n;
        ok &= fwrite(pattern, 1, raw, f) == raw;
    }
    ok &= fwrite(tail.p, 1, tail.n, f) == tail.n;
    ok &= fclose(f) == 0;
    bb_free(&head); bb_free(&g); bb_free(&t); bb_free(&tail); bb_free(&model);
    free(pattern);
    return ok;
}

/* Resident set in kB from /proc/self/status (0 where there is none). */
static long bench_onnx_rss_kb(const char *field) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = 0;
    size_t n = strlen(field);
    if (!f) return 0;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, field, n) && line[n] == ':') { kb = strtol(line + n + 1, NULL, 10); break; }
    fclose(f);
    return kb;
}

typedef struct bench_onnx_arg { const char *path; const void *data; uint64_t size; int failed; uint64_t macs; } bench_onnx_arg;

/* Best of 5: hln_model_analyze alone on a freshly loaded and graph-analysed model. */
static double bench_onnx_analyze_only(const bench_onnx_arg *a, int64_t batch, uint32_t *blocks, int *failed) {
    double best = 1e30;
    int run;
    for (run = 0; run < 5; run++) {
        hln_model *m = NULL;
        hln_error err;
        hln_graph_summary s;
        hln_analysis an;
        hln_analysis_options o;
        hln_binding bind;
        hln_graph_options go;
        double t0, dt;
        bind.name = "batch";
        bind.value = batch;
        memset(&go, 0, sizeof go);
        go.bindings = &bind;
        go.n_bindings = 1;
        if ((a->path ? hln_onnx_load_file(NULL, a->path, &m, &err) : hln_onnx_parse(NULL, a->data, a->size, &m, &err)) != HLN_OK ||
            hln_graph_analyze(m, &go, &s, &err) != HLN_OK) { *failed = 1; hln_model_free(m); return 0; }
        memset(&o, 0, sizeof o);
        o.graph = &s;
        t0 = bench_now();
        if (hln_model_analyze(m, &o, &an, &err) != HLN_OK) *failed = 1;
        dt = bench_now() - t0;
        if (dt < best) best = dt;
        *blocks = an.n_blocks ? an.blocks[0].count : 0;
        hln_model_free(m);
    }
    return best;
}

static void bench_onnx_load_run(void *p) {
    bench_onnx_arg *a = (bench_onnx_arg *)p;
    hln_onnx_options opts;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary s;
    memset(&opts, 0, sizeof opts);
    if (hln_onnx_load_file(&opts, a->path, &m, &err) != HLN_OK) { a->failed = 1; return; }
    if (hln_graph_analyze(m, NULL, &s, &err) != HLN_OK) a->failed = 1;   /* defaults and the formula, as inspect */
    a->macs = s.macs;
    hln_model_free(m);
}

/* ---- (b) the 20k-node graph ---- */
#define BENCH_ONNX_BLOCKS 2000   /* 10 nodes each */

static void bench_onnx_build_20k(bb *model) {
    bb g = { NULL, 0, 0 }, t = { NULL, 0, 0 }, attrs = { NULL, 0, 0 }, at = { NULL, 0, 0 };
    char x[32], h1[32], h2[32], h3[32], s[32], ga[32], u[32], c[32], r[32], sg[32], w[32];
    float wdata[64 * 64];
    int k, i;
    int64_t tail = 64;
    for (i = 0; i < 64 * 64; i++) wdata[i] = (float)(i % 7) * 0.01f;
    for (k = 0; k < 8; k++) {   /* 8 shared weights */
        t.n = 0;
        snprintf(w, sizeof w, "w%d", k);
        bb_tensor_head(&t, w, 64, 64, 1, sizeof wdata);
        bb_raw(&t, wdata, sizeof wdata);
        bb_msg(&g, 5, &t);
    }
    t.n = 0; bb_tensor_head(&t, "bias", 64, -1, 1, 64 * 4); bb_raw(&t, wdata, 64 * 4); bb_msg(&g, 5, &t);
    t.n = 0; bb_int(&t, 2, 7); bb_str(&t, 8, "idx0"); bb_tag(&t, 9, 2); bb_varint(&t, 8); bb_raw(&t, "\0\0\0\0\0\0\0\0", 8); bb_msg(&g, 5, &t);
    t.n = 0; bb_int(&t, 1, 1); bb_int(&t, 2, 7); bb_str(&t, 8, "tail"); bb_tag(&t, 7, 0); bb_varint(&t, (uint64_t)tail); bb_msg(&g, 5, &t);
    bb_str(&at, 1, "axes"); bb_int(&at, 8, 0); bb_int(&at, 20, 7); bb_msg(&attrs, 5, &at);
    for (k = 0; k < BENCH_ONNX_BLOCKS; k++) {
        bb cat = { NULL, 0, 0 }, ax = { NULL, 0, 0 };
        snprintf(x, sizeof x, k ? "y%d" : "x", k - 1);
        snprintf(w, sizeof w, "w%d", k % 8);
        snprintf(h1, sizeof h1, "h1_%d", k); snprintf(h2, sizeof h2, "h2_%d", k); snprintf(h3, sizeof h3, "h3_%d", k);
        snprintf(s, sizeof s, "s_%d", k); snprintf(ga, sizeof ga, "g_%d", k); snprintf(u, sizeof u, "u_%d", k);
        snprintf(c, sizeof c, "c_%d", k); snprintf(r, sizeof r, "r_%d", k); snprintf(sg, sizeof sg, "sg_%d", k);
        bb_node(&g, "MatMul", x, w, h1, NULL);
        bb_node(&g, "Add", h1, "bias", h2, NULL);
        bb_node(&g, "Relu", h2, NULL, h3, NULL);
        bb_node(&g, "Shape", h3, NULL, s, NULL);
        bb_node(&g, "Gather", s, "idx0", ga, NULL);
        bb_node(&g, "Unsqueeze", ga, NULL, u, &attrs);
        bb_str(&ax, 1, "axis"); bb_int(&ax, 3, 0); bb_int(&ax, 20, 2); bb_msg(&cat, 5, &ax);
        {
            bb n = { NULL, 0, 0 };
            bb_str(&n, 1, u); bb_str(&n, 1, "tail"); bb_str(&n, 2, c); bb_str(&n, 4, "Concat");
            bb_raw(&n, cat.p, cat.n);
            bb_msg(&g, 1, &n);
            bb_free(&n);
        }
        bb_node(&g, "Reshape", h3, c, r, NULL);
        bb_node(&g, "Sigmoid", r, NULL, sg, NULL);
        snprintf(x, sizeof x, k + 1 == BENCH_ONNX_BLOCKS ? "y" : "y%d", k);
        bb_node(&g, "Mul", r, sg, x, NULL);
        bb_free(&cat); bb_free(&ax);
    }
    bb_str(&g, 2, "bench20k");
    bb_io(&g, 11, "x", "batch", 64);
    bb_io(&g, 12, "y", "batch", 64);
    bb_int(model, 1, 8);
    { bb os = { NULL, 0, 0 }; bb_int(&os, 2, 17); bb_msg(model, 8, &os); bb_free(&os); }
    bb_msg(model, 7, &g);
    bb_free(&g); bb_free(&t); bb_free(&attrs); bb_free(&at);
}

static void bench_onnx_graph_run(void *p) {
    bench_onnx_arg *a = (bench_onnx_arg *)p;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary s;
    hln_binding bind = { "batch", 8 };
    hln_graph_options go;
    memset(&go, 0, sizeof go);
    go.bindings = &bind;
    go.n_bindings = 1;
    if (hln_onnx_parse(NULL, a->data, a->size, &m, &err) != HLN_OK) { a->failed = 1; return; }
    if (hln_graph_analyze(m, &go, &s, &err) != HLN_OK || s.nodes != 10 * BENCH_ONNX_BLOCKS || !s.macs_exact) a->failed = 1;
    a->macs = s.macs;
    hln_model_free(m);
}

void bench_onnx(bench_ctx *ctx) {
    if (bench_want(ctx, "onnx/load-400mb") || bench_want(ctx, "onnx/analyze-400mb")) {
        char path[512], note[200];
        const char *tmp = getenv("TMPDIR");
        bench_onnx_arg a;
        uint64_t bytes = 0;
        memset(&a, 0, sizeof a);
        snprintf(path, sizeof path, "%s/haoline_bench_400mb.onnx", tmp && *tmp ? tmp : "/tmp");
        if (!bench_onnx_write_big(path, &bytes)) {
            bench_row(ctx, "onnx/load-400mb", 0, 0, "cannot write the temp file");
        } else {
            double sec;
            long rss0, rss1 = 0, hwm0, hwm1;
            hln_model *m = NULL;
            hln_error err;
            hln_graph_summary s;
            a.path = path;
            hwm0 = bench_onnx_rss_kb("VmHWM");
            rss0 = bench_onnx_rss_kb("VmRSS");
            if (hln_onnx_load_file(NULL, path, &m, &err) == HLN_OK && hln_graph_analyze(m, NULL, &s, &err) == HLN_OK)
                rss1 = bench_onnx_rss_kb("VmRSS");
            else a.failed = 1;
            hwm1 = bench_onnx_rss_kb("VmHWM");
            hln_model_free(m);
            sec = bench_time(bench_onnx_load_run, &a, 0.5);
            snprintf(note, sizeof note, "%s; RSS +%.1f MB while loaded (%.2f%% of file), VmHWM +%.1f MB; %u layers, %.3g GMACs",
                     a.failed ? "FAILED" : "load_file+analyze", (rss1 - rss0) / 1024.0,
                     100.0 * (double)(rss1 - rss0) * 1024.0 / (double)bytes, (hwm1 - hwm0) / 1024.0, BENCH_ONNX_LAYERS, (double)a.macs / 1e9);
            bench_row(ctx, "onnx/load-400mb", (double)bytes, sec, note);
            if (bench_want(ctx, "onnx/analyze-400mb")) {
                uint32_t blocks = 0;
                int failed = 0;
                sec = bench_onnx_analyze_only(&a, 1, &blocks, &failed);
                snprintf(note, sizeof note, "%s; hln_model_analyze only (no weights read), %u repeated blocks found",
                         failed ? "FAILED" : "analysis passes", blocks);
                bench_row(ctx, "onnx/analyze-400mb", (double)bytes, sec, note);
            }
        }
        remove(path);
    }
    if (bench_want(ctx, "onnx/graph-20k") || bench_want(ctx, "onnx/analyze-20k")) {
        bb model = { NULL, 0, 0 };
        bench_onnx_arg a;
        double sec;
        char note[160];
        memset(&a, 0, sizeof a);
        bench_onnx_build_20k(&model);
        a.data = model.p;
        a.size = model.n;
        sec = bench_time(bench_onnx_graph_run, &a, 0.5);
        snprintf(note, sizeof note, "%s; %d nodes parse+shapes+fold+MACs+liveness, batch=8, %.3g MMACs",
                 a.failed ? "FAILED" : "parse+analyze", 10 * BENCH_ONNX_BLOCKS, (double)a.macs / 1e6);
        bench_row(ctx, "onnx/graph-20k", (double)model.n, sec, note);
        if (bench_want(ctx, "onnx/analyze-20k")) {
            uint32_t blocks = 0;
            int failed = 0;
            sec = bench_onnx_analyze_only(&a, 8, &blocks, &failed);
            snprintf(note, sizeof note, "%s; hln_model_analyze only on %d nodes, %u repeated blocks found",
                     failed ? "FAILED" : "analysis passes", 10 * BENCH_ONNX_BLOCKS, blocks);
            bench_row(ctx, "onnx/analyze-20k", (double)model.n, sec, note);
        }
        bb_free(&model);
    }
}
