/* examples/bench_compare.c - compare, diff and scan cases of `haoline bench`: the alignment and
 * facts of two 70B-llama-shaped headers, diff --weights on one thread (models in memory, and the
 * same models as GGUF files, read with hln_file_reader), and a scan of 1,000 small GGUF files on
 * two threads. */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- compare/diff of two 70B headers ---- */
typedef struct pair_arg { hln_model *a, *b; int ok; } pair_arg;
static int null_sink(void *u, const void *p, size_t n) { (void)u; (void)p; (void)n; return 1; }
static void compare_once(void *arg) {
    pair_arg *x = (pair_arg *)arg;
    hln_model_facts f[2];
    hln_diff d;
    hln_error e;
    const hln_model *ms[2];
    const char *files[2] = { "a.gguf", "b.gguf" };
    hln_report_compare_input c;
    ms[0] = x->a;
    ms[1] = x->b;
    x->ok = hln_model_facts_collect(x->a, NULL, 0, &f[0], &e) == HLN_OK && hln_model_facts_collect(x->b, NULL, 0, &f[1], &e) == HLN_OK;
    memset(&c, 0, sizeof c);
    c.models = ms; c.facts = f; c.files = files; c.n = 2;
    x->ok = x->ok && hln_report_compare_json(&c, null_sink, NULL) == HLN_OK;
    x->ok = x->ok && hln_model_diff(x->a, x->b, &d, &e) == HLN_OK && d.tensor_counts.by_name == x->a->n_tensors;
    hln_diff_free(&d);
}

static void bench_compare_70b(bench_ctx *ctx) {
    uint64_t total = 0;
    const uint8_t *p;
    hln_gguf_options o;
    hln_error e;
    pair_arg x;
    double t;
    char note[160];
    if (!bench_want(ctx, "compare/llama70b-pair")) return;
    if (!(p = bench_llama70b(&total))) { fprintf(stderr, "bench: cannot map the 70B header\n"); return; }
    memset(&o, 0, sizeof o);
    memset(&x, 0, sizeof x);
    if (hln_gguf_parse(&o, p, total, &x.a, &e) == HLN_OK && hln_gguf_parse(&o, p, total, &x.b, &e) == HLN_OK) {
        t = bench_time(compare_once, &x, 0.5);
        snprintf(note, sizeof note, "%s; facts of both, compare JSON, diff of %u tensors and %u keys (parse not included)",
                 x.ok ? "ok" : "FAILED", x.a->n_tensors, x.a->n_kv);
        bench_row(ctx, "compare/llama70b-pair", 0, t, note);
    }
    hln_model_free(x.a);
    hln_model_free(x.b);
    munmap((void *)p, (size_t)total);
}

/* ---- diff --weights, one thread ---- */
typedef struct weights_arg { hln_model *a, *b; uint64_t bytes; int ok; } weights_arg;
static void weights_once(void *arg) {
    weights_arg *w = (weights_arg *)arg;
    hln_diff d;
    hln_error e;
    w->ok = hln_model_diff(w->a, w->b, &d, &e) == HLN_OK && hln_diff_weights(&d, w->a, w->b, NULL, NULL, &e) == HLN_OK &&
            d.weights_total.measured;
    w->bytes = d.weights_bytes;
    hln_diff_free(&d);
}
/* n_tensors rows x 4096 matrices of `type` in memory, values from a fixed sequence. */
static hln_model *weights_model(hln_k_type type, hln_dtype dtype, uint32_t n_tensors, int64_t rows, float *src) {
    hln_model *m;
    uint32_t i;
    char name[32];
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, n_tensors, sizeof(hln_tensor));
    if (!m->tensors) { hln_model_free(m); return NULL; }
    m->n_tensors = n_tensors;
    for (i = 0; i < n_tensors; i++) {
        hln_tensor *t = &m->tensors[i];
        size_t bytes = hln_k_row_size(type, rows * 4096);
        void *data = hln_arena_alloc(&m->arena, bytes);
        int k = snprintf(name, sizeof name, "blk.%u.ffn_up.weight", i);
        t->name = hln_arena_strndup(&m->arena, name, (size_t)k);
        t->dtype = dtype;
        t->n_dims = 2;
        t->dims = (int64_t *)hln_arena_array(&m->arena, 2, sizeof(int64_t));
        if (!t->dims || !data || hln_k_quantize(type, src, data, rows * 4096) != HLN_K_OK) { hln_model_free(m); return NULL; }
        t->dims[0] = rows;
        t->dims[1] = 4096;
        t->n_elements = (uint64_t)rows * 4096;
        t->n_bytes = bytes;
        t->data = data;
    }
    return m;
}
/* The model written to a GGUF file and loaded back: its bytes are then read from the file
   (hln_file_reader), as `haoline diff --weights` reads them. */
static int gguf_file_write(void *user, const void *p, size_t n) { return fwrite(p, 1, n, (FILE *)user) == n; }
static hln_model *weights_file(const hln_model *m, const char *path) {
    FILE *f = fopen(path, "wb");
    hln_model *back = NULL;
    hln_error e;
    hln_gguf_options o;
    int ok = f && hln_gguf_write(m, gguf_file_write, f, &e) == HLN_OK;
    if (f && fclose(f) != 0) ok = 0;
    memset(&o, 0, sizeof o);
    if (ok && hln_gguf_load_file(&o, path, &back, &e) != HLN_OK) back = NULL;
    return back;
}
static void bench_diff_weights(bench_ctx *ctx) {
    static const struct { const char *name; hln_k_type ta, tb; hln_dtype da, db; } cases[] = {
        { "diff/weights-f16-vs-q8_0", HLN_K_F16, HLN_K_Q8_0, HLN_DTYPE_F16, HLN_DTYPE_Q8_0 },
        { "diff/weights-q8_0-vs-q4_k", HLN_K_Q8_0, HLN_K_Q4_K, HLN_DTYPE_Q8_0, HLN_DTYPE_Q4_K } };
    const int64_t rows = 1024;
    float *src;
    size_t c;
    int64_t i;
    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        weights_arg w;
        char note[160];
        double t;
        if (!bench_want(ctx, cases[c].name)) continue;
        src = (float *)malloc((size_t)rows * 4096 * sizeof(float));
        if (!src) return;
        for (i = 0; i < rows * 4096; i++) src[i] = (float)((i * 2654435761u) % 2001) / 1000.0f - 1.0f;
        memset(&w, 0, sizeof w);
        w.a = weights_model(cases[c].ta, cases[c].da, 16, rows, src);
        w.b = weights_model(cases[c].tb, cases[c].db, 16, rows, src);
        free(src);
        if (w.a && w.b) {
            t = bench_time(weights_once, &w, 1.0);
            snprintf(note, sizeof note, "%s; 16 matrices 1024x4096, both sides' bytes, one thread (%s kernels)", w.ok ? "ok" : "FAILED",
                     hln_k_simd_name());
            bench_row(ctx, cases[c].name, (double)w.bytes, t, note);
        }
        if (w.a && w.b && c == 0 && bench_want(ctx, "diff/weights-f16-vs-q8_0-files")) {
            weights_arg fw;
            char pa[96], pb[96];
            snprintf(pa, sizeof pa, "/tmp/haoline-bench-diff-a-%ld.gguf", (long)getpid());
            snprintf(pb, sizeof pb, "/tmp/haoline-bench-diff-b-%ld.gguf", (long)getpid());
            memset(&fw, 0, sizeof fw);
            fw.a = weights_file(w.a, pa);
            fw.b = weights_file(w.b, pb);
            if (fw.a && fw.b) {
                t = bench_time(weights_once, &fw, 1.0);
                snprintf(note, sizeof note, "%s; the same two models as GGUF files (page cache warm), read from the files", fw.ok ? "ok" : "FAILED");
                bench_row(ctx, "diff/weights-f16-vs-q8_0-files", (double)fw.bytes, t, note);
            }
            hln_model_free(fw.a);
            hln_model_free(fw.b);
            unlink(pa);
            unlink(pb);
        }
        hln_model_free(w.a);
        hln_model_free(w.b);
    }
}

/* ---- scan of 1,000 small files, two threads ---- */
static void put_u(FILE *f, uint64_t v, int n) { int i; for (i = 0; i < n; i++) fputc((int)((v >> (8 * i)) & 0xff), f); }
static void put_str(FILE *f, const char *s) { put_u(f, strlen(s), 8); fputs(s, f); }
/* A small llama-like GGUF: 3 metadata keys, 2 F32 tensors (the file's index in the name key). */
static int write_small_gguf(const char *path, int index) {
    FILE *f = fopen(path, "wb");
    char name[32];
    long pos;
    if (!f) return 0;
    fwrite("GGUF", 1, 4, f); put_u(f, 3, 4); put_u(f, 2, 8); put_u(f, 3, 8);
    put_str(f, "general.architecture"); put_u(f, 8, 4); put_str(f, "llama");
    snprintf(name, sizeof name, "small-%d", index);
    put_str(f, "general.name"); put_u(f, 8, 4); put_str(f, name);
    put_str(f, "llama.block_count"); put_u(f, 4, 4); put_u(f, 1, 4);
    put_str(f, "blk.0.attn_norm.weight"); put_u(f, 1, 4); put_u(f, 64, 8); put_u(f, 0, 4); put_u(f, 0, 8);
    put_str(f, "blk.0.attn_q.weight"); put_u(f, 2, 4); put_u(f, 64, 8); put_u(f, 64, 8); put_u(f, 0, 4); put_u(f, 256, 8);
    for (pos = ftell(f); pos % 32; pos++) fputc(0, f);
    for (pos = 0; pos < 256 + 64 * 64 * 4; pos++) fputc(0, f);
    return fclose(f) == 0;
}
typedef struct scan_arg { char dir[256]; int rc; } scan_arg;
static void scan_once(void *arg) {
    scan_arg *s = (scan_arg *)arg;
    char *argv[] = { s->dir, (char *)"--threads", (char *)"2", (char *)"--jsonl", (char *)"/dev/null", (char *)"--summary", (char *)"/dev/null" };
    s->rc = cmd_scan(7, argv);
}
static void bench_scan_1000(bench_ctx *ctx) {
    scan_arg s;
    char path[320];
    int i, made = 1;
    double t;
    if (!bench_want(ctx, "scan/1000-small-gguf-2-threads")) return;
    snprintf(s.dir, sizeof s.dir, "/tmp/haoline-bench-scan-%ld", (long)getpid());
    if (mkdir(s.dir, 0700) != 0) return;
    for (i = 0; i < 1000 && made; i++) {
        snprintf(path, sizeof path, "%s/m%04d.gguf", s.dir, i);
        made = write_small_gguf(path, i);
    }
    if (made) {
        t = bench_time(scan_once, &s, 1.0);
        bench_row(ctx, "scan/1000-small-gguf-2-threads", 0, t, s.rc == 0 ? "ok; 1,000 files of 17 KiB, JSON lines to /dev/null" : "FAILED");
    }
    for (i = 0; i < 1000; i++) { snprintf(path, sizeof path, "%s/m%04d.gguf", s.dir, i); unlink(path); }
    rmdir(s.dir);
}

void bench_compare(bench_ctx *ctx) {
    bench_compare_70b(ctx);
    bench_diff_weights(ctx);
    bench_scan_1000(ctx);
}
