/* examples/bench_tflite.c - TFLite cases of `haoline bench`.
 *
 *   tflite/largest-corpus-model   the largest .tflite under $HAOLINE_CORPUS/tflite (default
 *                                 ../shared/corpus), in memory: verify + parse + full graph
 *                                 analysis (shapes, MACs, liveness); target <= 1 ms
 *   tflite/sparse-2gb-offset      a generated 2.2 GB model (520 FULLY_CONNECTED layers, weights
 *                                 1024x1024 f32 in the offset/size buffer form of models over
 *                                 2 GB) in a sparse file: load_file + analysis; the note gives
 *                                 the peak RSS of `haoline inspect FILE --json` run on it
 *                                 (target < 16 MB: the weights are never read)
 *
 * bytes = the FlatBuffer bytes verified. Declared in examples/bench.h. */
#define _DEFAULT_SOURCE   /* wait4 */
#include "bench.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_tflite.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct tfl_arg { const void *data; uint64_t size; const char *path; int failed; uint64_t macs; } tfl_arg;

static void tfl_run(void *p) {
    tfl_arg *a = (tfl_arg *)p;
    hln_tflite_options o;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary gs;
    hln_result r;
    memset(&o, 0, sizeof o);
    r = a->path ? hln_tflite_load_file(&o, a->path, &m, &err) : hln_tflite_parse(&o, a->data, a->size, &m, &err);
    if (r != HLN_OK || hln_graph_analyze(m, NULL, &gs, &err) != HLN_OK) a->failed = 1;
    else a->macs = gs.macs;
    hln_model_free(m);
}

/* ---- the largest corpus model ---- */
static void bench_tflite_corpus(bench_ctx *ctx) {
    const char *c = getenv("HAOLINE_CORPUS");
    char dir[1024], best[1400] = "", note[256];
    long best_size = -1;
    DIR *d;
    struct dirent *e;
    FILE *f;
    tfl_arg a;
    double t;
    snprintf(dir, sizeof dir, "%s/tflite", c && *c ? c : "../shared/corpus");
    if (!(d = opendir(dir))) { fprintf(stderr, "bench: no TFLite corpus at %s\n", dir); return; }
    while ((e = readdir(d)) != NULL) {
        char path[1400];
        struct stat st;
        size_t n = strlen(e->d_name);
        if (n < 7 || strcmp(e->d_name + n - 7, ".tflite") != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) == 0 && st.st_size > best_size) { best_size = (long)st.st_size; memcpy(best, path, sizeof best); }
    }
    closedir(d);
    if (best_size <= 0 || !(f = fopen(best, "rb"))) return;
    memset(&a, 0, sizeof a);
    a.data = malloc((size_t)best_size);
    a.size = a.data && fread((void *)a.data, 1, (size_t)best_size, f) == (size_t)best_size ? (uint64_t)best_size : 0;
    fclose(f);
    if (a.size) {
        t = bench_time(tfl_run, &a, 0.3);
        snprintf(note, sizeof note, "%s; %s, %.2f MB, %.3f ms parse+analysis (target <= 1 ms), %llu MACs",
                 a.failed ? "FAILED" : "ok", strrchr(best, '/') + 1, (double)a.size / 1e6, t * 1e3, (unsigned long long)a.macs);
        bench_row(ctx, "tflite/largest-corpus-model", (double)a.size, t, note);
    }
    free((void *)a.data);
}

/* ---- a generated 2 GB+ model ---------------------------------------------------------------
   A forward FlatBuffer writer: each table is its vtable followed by an 8-aligned body of one
   8-byte cell per field (fields absent until written); offsets point forward and are patched when
   their targets are placed. */
typedef struct tfl_w { unsigned char *p; uint64_t n, cap; } tfl_w;
static uint64_t tfl_take(tfl_w *w, uint64_t bytes, uint64_t align) {
    uint64_t at = (w->n + align - 1) / align * align;
    if (at + bytes > w->cap) {
        uint64_t cap = w->cap ? w->cap * 2 : 1 << 16;
        while (cap < at + bytes) cap *= 2;
        w->p = (unsigned char *)realloc(w->p, (size_t)cap);
        if (!w->p) { fprintf(stderr, "bench: out of memory\n"); exit(1); }
        memset(w->p + w->cap, 0, (size_t)(cap - w->cap));
        w->cap = cap;
    }
    w->n = at + bytes;
    return at;
}
static void tfl_le(tfl_w *w, uint64_t at, uint64_t v, int n) { int k; for (k = 0; k < n; k++) w->p[at + k] = (unsigned char)(v >> (8 * k)); }
static uint64_t tfl_tab(tfl_w *w, unsigned fields) {
    uint64_t vt = tfl_take(w, 4 + 2 * fields, 2), body = tfl_take(w, 8 + 8 * fields, 8);
    tfl_le(w, vt, 4 + 2 * fields, 2);
    tfl_le(w, vt + 2, 8 + 8 * fields, 2);
    tfl_le(w, body, body - vt, 4);
    return body;
}
/* Where field k of a table goes; asking for it marks it present in the vtable. */
static uint64_t tfl_at(tfl_w *w, uint64_t body, unsigned field) {
    uint64_t vt = body - (uint64_t)(w->p[body] | w->p[body + 1] << 8 | (uint32_t)w->p[body + 2] << 16 | (uint32_t)w->p[body + 3] << 24);
    tfl_le(w, vt + 4 + 2 * field, 8 + 8 * field, 2);
    return body + 8 + 8 * field;
}
static void tfl_point(tfl_w *w, uint64_t at, uint64_t target) { tfl_le(w, at, target - at, 4); }
static uint64_t tfl_ivec(tfl_w *w, unsigned n, const int32_t *v) {
    uint64_t at = tfl_take(w, 4 + 4 * (uint64_t)n, 4);
    unsigned k;
    tfl_le(w, at, n, 4);
    for (k = 0; k < n; k++) tfl_le(w, at + 4 + 4 * k, (uint32_t)v[k], 4);
    return at;
}

#define TFL_LAYERS 520u
#define TFL_DIM 1024

/* Model{version, operator_codes [FULLY_CONNECTED], subgraphs [main], buffers}: tensor 0 is
   the input, layer i reads tensor 2i (activation) and 2i+1 (weights, buffer i+1) and writes
   tensor 2i+2. Returns the FlatBuffer; *file_bytes is the whole file, weights included. */
static tfl_w tfl_make_big(uint64_t *file_bytes) {
    tfl_w w = { NULL, 0, 0 };
    uint64_t model, codes, code, sgs, sg, tensors, ops, bufs, data_at, weight_bytes = (uint64_t)TFL_DIM * TFL_DIM * 4;
    uint64_t *buf_tab;
    const unsigned n_tensors = 2 * TFL_LAYERS + 1;
    unsigned i;
    int32_t io[3], act_shape[2] = { 1, TFL_DIM }, w_shape[2] = { TFL_DIM, TFL_DIM };
    tfl_take(&w, 8, 4);
    memcpy(w.p + 4, "TFL3", 4);
    model = tfl_tab(&w, 5);
    tfl_point(&w, 0, model);
    tfl_le(&w, tfl_at(&w, model, 0), 3, 4);
    codes = tfl_take(&w, 8, 4);
    tfl_le(&w, codes, 1, 4);
    tfl_point(&w, tfl_at(&w, model, 1), codes);
    code = tfl_tab(&w, 4);
    tfl_point(&w, codes + 4, code);
    tfl_le(&w, tfl_at(&w, code, 0), 9, 1);    /* deprecated_builtin_code FULLY_CONNECTED */
    tfl_le(&w, tfl_at(&w, code, 3), 9, 4);    /* builtin_code */
    tfl_le(&w, tfl_at(&w, code, 2), 1, 4);    /* version */
    sgs = tfl_take(&w, 8, 4);
    tfl_le(&w, sgs, 1, 4);
    tfl_point(&w, tfl_at(&w, model, 2), sgs);
    sg = tfl_tab(&w, 4);
    tfl_point(&w, sgs + 4, sg);
    tensors = tfl_take(&w, 4 + 4 * (uint64_t)n_tensors, 4);
    tfl_le(&w, tensors, n_tensors, 4);
    tfl_point(&w, tfl_at(&w, sg, 0), tensors);
    for (i = 0; i < n_tensors; i++) {
        int weight = i % 2 == 1;
        uint64_t t = tfl_tab(&w, 3);
        tfl_point(&w, tensors + 4 + 4 * (uint64_t)i, t);
        tfl_point(&w, tfl_at(&w, t, 0), tfl_ivec(&w, 2, weight ? w_shape : act_shape));
        tfl_le(&w, tfl_at(&w, t, 2), weight ? i / 2 + 1 : 0, 4);   /* type FLOAT32 = 0 */
    }
    io[0] = 0;
    tfl_point(&w, tfl_at(&w, sg, 1), tfl_ivec(&w, 1, io));
    io[0] = (int32_t)n_tensors - 1;
    tfl_point(&w, tfl_at(&w, sg, 2), tfl_ivec(&w, 1, io));
    ops = tfl_take(&w, 4 + 4 * (uint64_t)TFL_LAYERS, 4);
    tfl_le(&w, ops, TFL_LAYERS, 4);
    tfl_point(&w, tfl_at(&w, sg, 3), ops);
    for (i = 0; i < TFL_LAYERS; i++) {
        uint64_t op = tfl_tab(&w, 3);
        int32_t out = (int32_t)(2 * i + 2);
        tfl_point(&w, ops + 4 + 4 * (uint64_t)i, op);
        io[0] = (int32_t)(2 * i);
        io[1] = (int32_t)(2 * i + 1);
        io[2] = -1;   /* no bias */
        tfl_point(&w, tfl_at(&w, op, 1), tfl_ivec(&w, 3, io));
        tfl_point(&w, tfl_at(&w, op, 2), tfl_ivec(&w, 1, &out));
    }
    bufs = tfl_take(&w, 4 + 4 * (uint64_t)(TFL_LAYERS + 1), 4);
    tfl_le(&w, bufs, TFL_LAYERS + 1, 4);
    tfl_point(&w, tfl_at(&w, model, 4), bufs);
    buf_tab = (uint64_t *)malloc(sizeof(uint64_t) * (TFL_LAYERS + 1));
    if (!buf_tab) exit(1);
    for (i = 0; i <= TFL_LAYERS; i++) {
        buf_tab[i] = tfl_tab(&w, 3);
        tfl_point(&w, bufs + 4 + 4 * (uint64_t)i, buf_tab[i]);
    }
    data_at = (w.n + 4095) / 4096 * 4096;
    for (i = 1; i <= TFL_LAYERS; i++) {
        tfl_le(&w, tfl_at(&w, buf_tab[i], 1), data_at + (uint64_t)(i - 1) * weight_bytes, 8);
        tfl_le(&w, tfl_at(&w, buf_tab[i], 2), weight_bytes, 8);
    }
    free(buf_tab);
    *file_bytes = data_at + (uint64_t)TFL_LAYERS * weight_bytes;
    return w;
}

/* Peak RSS in kB of `haoline inspect path --json` (this binary), or -1. */
static long tfl_inspect_peak_kb(const char *path) {
    pid_t pid = fork();
    int status;
    struct rusage ru;
    if (pid < 0) return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) { dup2(null, 1); dup2(null, 2); }
        execl("/proc/self/exe", "haoline", "inspect", path, "--json", (char *)NULL);
        _exit(127);
    }
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    return ru.ru_maxrss;
}

static void bench_tflite_sparse(bench_ctx *ctx) {
    char path[256], note[256];
    uint64_t total;
    tfl_w w = tfl_make_big(&total);
    int fd;
    tfl_arg a;
    double t;
    long peak;
    snprintf(path, sizeof path, "/tmp/haoline-bench-tflite-%ld.tflite", (long)getpid());
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, w.p, (size_t)w.n) != (ssize_t)w.n || ftruncate(fd, (off_t)total) != 0) {
        fprintf(stderr, "bench: cannot write %s\n", path);
        if (fd >= 0) close(fd);
        free(w.p);
        return;
    }
    close(fd);
    memset(&a, 0, sizeof a);
    a.path = path;
    t = bench_time(tfl_run, &a, 0.3);
    peak = tfl_inspect_peak_kb(path);
    snprintf(note, sizeof note, "%s; file %.2f GB sparse, %u offset/size buffers, %.3f ms, %llu MACs; `inspect --json` peak RSS %.1f MB (target < 16 MB)",
             a.failed || a.macs != (uint64_t)TFL_LAYERS * TFL_DIM * TFL_DIM ? "FAILED" : "ok", (double)total / 1e9, TFL_LAYERS, t * 1e3,
             (unsigned long long)a.macs, peak >= 0 ? (double)peak / 1024.0 : -1.0);
    bench_row(ctx, "tflite/sparse-2gb-offset", (double)w.n, t, note);
    unlink(path);
    free(w.p);
}

void bench_tflite(bench_ctx *ctx) {
    if (bench_want(ctx, "tflite/largest-corpus-model")) bench_tflite_corpus(ctx);
    if (bench_want(ctx, "tflite/sparse-2gb-offset")) bench_tflite_sparse(ctx);
}
