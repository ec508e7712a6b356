/* examples/bench_convert.c - conversion cases of `haoline bench`: 2 GiB SafeTensors files (F16,
 * BF16, F32; sparse, in /tmp, removed afterwards) converted to GGUF F16 or F32 on one thread,
 * with the peak resident set of the converting process; quantization of 256 MiB of F32 matrices
 * to Q4_K on two threads (rated against the two-thread read bandwidth); and hln_k_quantize of
 * 1 MiB of F32 to every type it writes, one thread, on the best path and on the scalar one.
 * Output goes to a null sink: the cases measure conversion, not the disk. */
#define _DEFAULT_SOURCE   /* ftruncate, fork */
#include "bench.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int null_sink(void *u, const void *p, size_t n) { (void)u; (void)p; (void)n; return 1; }
/* Reads what it is given (a sink that touched nothing would let a zero-copy path look free). */
static int sum_sink(void *u, const void *p, size_t n) {
    const unsigned char *b = (const unsigned char *)p;
    uint64_t s = 0, w;
    size_t i;
    for (i = 0; i + 8 <= n; i += 8) { memcpy(&w, b + i, 8); s ^= w; }
    *(uint64_t *)u ^= s;
    return 1;
}

/* A SafeTensors file of n_tensors matrices rows x cols of dtype (F16, BF16: 2 bytes, F32: 4);
   the data section is a hole. */
static int write_sparse_st(const char *path, const char *dtype, int n_tensors, int64_t rows, int64_t cols) {
    FILE *f = fopen(path, "wb");
    char *h;
    size_t cap = 256 * (size_t)n_tensors + 64, n = 0;
    uint64_t off = 0, bytes = (uint64_t)rows * (uint64_t)cols * (strcmp(dtype, "F32") == 0 ? 4 : 2), hlen;
    int i, ok;
    if (!f || !(h = (char *)malloc(cap))) { if (f) fclose(f); return 0; }
    n += (size_t)snprintf(h + n, cap - n, "{");
    for (i = 0; i < n_tensors; i++, off += bytes)
        n += (size_t)snprintf(h + n, cap - n, "%s\"model.layers.%d.mlp.up_proj.weight\":{\"dtype\":\"%s\",\"shape\":[%lld,%lld],"
                              "\"data_offsets\":[%llu,%llu]}", i ? "," : "", i, dtype, (long long)rows, (long long)cols,
                              (unsigned long long)off, (unsigned long long)(off + bytes));
    n += (size_t)snprintf(h + n, cap - n, "}");
    while (n % 8) h[n++] = ' ';
    hlen = n;
    for (i = 0; i < 8; i++) fputc((int)((hlen >> (8 * i)) & 0xff), f);
    ok = fwrite(h, 1, n, f) == n && fflush(f) == 0 && ftruncate(fileno(f), (off_t)(8 + hlen + off)) == 0;
    free(h);
    return fclose(f) == 0 && ok;
}

/* In a child process (its own peak RSS): load, plan, stream to the sink; reports seconds and KiB. */
static int convert_child(const char *path, hln_dtype to, double out[2]) {
    int fd[2];
    pid_t pid;
    if (pipe(fd) != 0) return 0;
    if ((pid = fork()) == 0) {
        hln_model *m = NULL;
        hln_convert *c = NULL;
        hln_convert_options o;
        hln_st_options so;
        hln_error err;
        struct rusage ru;
        double r[2] = { -1, 0 }, t0;
        uint64_t sum = 0;
        close(fd[0]);
        memset(&so, 0, sizeof so);
        memset(&o, 0, sizeof o);
        o.to = HLN_FORMAT_GGUF;
        o.dtype = to;
        o.keep_names = 1;
        o.release_input = 1;
        o.measure_error = 1;   /* as the CLI asks */
        t0 = bench_now();
        if (hln_st_load_file(&so, path, &m, &err) == HLN_OK && hln_convert_plan(m, &o, &c, &err) == HLN_OK &&
            hln_gguf_write_from(c->out, hln_convert_tensor_bytes, c, sum_sink, &sum, &err) == HLN_OK) r[0] = bench_now() - t0;
        hln_convert_free(c);
        hln_model_free(m);
        getrusage(RUSAGE_SELF, &ru);
        r[1] = (double)ru.ru_maxrss;
        if (write(fd[1], r, sizeof r) != (ssize_t)sizeof r) r[0] = -1;
        _exit(0);
    }
    close(fd[1]);
    if (pid < 0 || read(fd[0], out, 2 * sizeof(double)) != (ssize_t)(2 * sizeof(double))) out[0] = -1;
    close(fd[0]);
    if (pid > 0) waitpid(pid, NULL, 0);
    return out[0] > 0;
}

static void bench_convert_2gb(bench_ctx *ctx, const char *name, const char *dtype, hln_dtype to) {
    char path[128], note[260];
    double best[2] = { 1e30, 0 }, r[2];
    int k;
    const int elem = strcmp(dtype, "F32") == 0 ? 4 : 2, n = 32 / (elem / 2);
    const int64_t rows = 8192, cols = 4096;   /* 32 x 64 MiB (16 x 128 MiB of F32) = 2 GiB */
    if (!bench_want(ctx, name)) return;
    snprintf(path, sizeof path, "/tmp/haoline-bench-convert-%ld.safetensors", (long)getpid());
    if (!write_sparse_st(path, dtype, n, rows, cols)) { fprintf(stderr, "bench: cannot write %s\n", path); unlink(path); return; }
    for (k = 0; k < 2; k++)
        if (convert_child(path, to, r) && r[0] < best[0]) { best[0] = r[0]; best[1] = r[1]; }
    unlink(path);
    snprintf(note, sizeof note, "%s; 2 GiB sparse %s file in /tmp -> GGUF %s (a sink that reads it), one thread, error table, %s, peak RSS %.1f MiB, best of 2",
             best[0] < 1e30 ? "ok" : "FAILED", dtype, hln_dtype_get(to)->name, hln_k_simd_name(), best[1] / 1024.0);
    bench_row(ctx, name, (double)n * (double)rows * (double)cols * elem, best[0], note);
}

static void bench_quantize_q4k(bench_ctx *ctx) {
    const int n = 16;
    const int64_t rows = 4096, cols = 1024;   /* 16 x 16 MiB of F32 */
    hln_model *m = NULL;
    hln_convert *c = NULL;
    hln_convert_options o;
    hln_error err;
    float *vals;
    double t0, t = 1e30;
    int threads = 2, i, k, ok = 1;
    int64_t e;
    char note[240];
    if (!bench_want(ctx, "quantize/f32-256mb-to-q4_k-2-threads")) return;
    if (hln_model_create(NULL, &m) != HLN_OK) return;
    m->format = HLN_FORMAT_SAFETENSORS;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, (uint64_t)n, sizeof(hln_tensor));
    vals = (float *)hln_arena_array(&m->arena, (uint64_t)(rows * cols), sizeof(float));
    if (!m->tensors || !vals) { hln_model_free(m); return; }
    for (e = 0; e < rows * cols; e++) vals[e] = (float)((e * 2654435761u) % 2001) / 1000.0f - 1.0f;
    for (i = 0; i < n; i++) {   /* every matrix views the same values: 256 MiB read, 16 MiB resident */
        hln_tensor *tt = &m->tensors[i];
        char name[48];
        int len = snprintf(name, sizeof name, "blk.%d.ffn_up.weight", i);
        tt->name = hln_arena_strndup(&m->arena, name, (size_t)len);
        tt->dtype = HLN_DTYPE_F32;
        tt->n_dims = 2;
        tt->dims = (int64_t *)hln_arena_array(&m->arena, 2, sizeof(int64_t));
        if (!tt->dims) { hln_model_free(m); return; }
        tt->dims[0] = rows;
        tt->dims[1] = cols;
        tt->n_elements = (uint64_t)(rows * cols);
        tt->n_bytes = tt->n_elements * 4;
        tt->data = vals;
    }
    m->n_tensors = (uint32_t)n;
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_GGUF;
    o.recipe = "Q4_K";
    o.keep_names = 1;
    o.parallel_for = cli_parallel_for;
    o.parallel_user = &threads;
    o.n_tasks = 4;
    o.measure_error = 1;   /* as the CLI asks */
    for (k = 0; k < 2 && ok; k++) {
        t0 = bench_now();
        ok = hln_convert_plan(m, &o, &c, &err) == HLN_OK &&
             hln_gguf_write_from(c->out, hln_convert_tensor_bytes, c, null_sink, NULL, &err) == HLN_OK;
        if (bench_now() - t0 < t) t = bench_now() - t0;
        hln_convert_free(c);
        c = NULL;
    }
    snprintf(note, sizeof note, "%s; %.1f MB/s; 16 matrices 4096x1024, two threads (%s kernels), with the error table, best of 2; ratio to the two-thread bandwidth",
             ok ? "ok" : "FAILED", (double)n * (double)rows * (double)cols * 4 / t / 1e6, hln_k_simd_name());
    bench_row_bw(ctx, "quantize/f32-256mb-to-q4_k-2-threads", (double)n * (double)rows * (double)cols * 4, t,
                 ctx->bandwidth2_gb_per_s ? ctx->bandwidth2_gb_per_s : ctx->bandwidth_gb_per_s, NULL, note);
    hln_model_free(m);
}

/* hln_k_quantize of 1 MiB of F32 (the values of the case above) to each type, one thread: best
   path and REF (the scalar code), best of 2 each */
static void bench_quantize_types(bench_ctx *ctx) {
    const int64_t n = 262144;
    float *x = (float *)malloc((size_t)n * sizeof(float));
    void *q = malloc((size_t)n * 4);
    int64_t e;
    int t, p;
    for (e = 0; x && e < n; e++) x[e] = (float)((e * 2654435761u) % 2001) / 1000.0f - 1.0f;
    for (t = 0; x && q && t < HLN_K_TYPE_COUNT; t++) {
        const hln_k_type_traits *tr = hln_k_traits((hln_k_type)t);
        if (!tr || !tr->can_quantize) continue;
        for (p = 0; p < 2; p++) {
            hln_k_path path = p ? HLN_K_PATH_REF : hln_k_best_path();
            char name[64], note[96];
            double best = 1e30, t0;
            int k;
            snprintf(name, sizeof name, "quantize/kernel-%s-%s", tr->name, p ? "ref" : "best");
            if (!bench_want(ctx, name)) continue;
            for (k = 0; k < 2; k++) {
                t0 = bench_now();
                hln_k_quantize_path(path, (hln_k_type)t, x, q, n);
                if (bench_now() - t0 < best) best = bench_now() - t0;
            }
            snprintf(note, sizeof note, "%.1f MB/s; 1 MiB of F32, hln_k_quantize_path %s, one thread, best of 2",
                     (double)n * 4 / best / 1e6, hln_k_path_name(path));
            bench_row(ctx, name, (double)n * 4, best, note);
        }
    }
    free(x);
    free(q);
}

void bench_convert(bench_ctx *ctx) {
    bench_convert_2gb(ctx, "convert/st-f16-2gb-to-gguf-f16", "F16", HLN_DTYPE_F16);     /* bytes as they are */
    bench_convert_2gb(ctx, "convert/st-bf16-2gb-to-gguf-f16", "BF16", HLN_DTYPE_F16);   /* hln_k_convert from here on */
    bench_convert_2gb(ctx, "convert/st-f32-2gb-to-gguf-f16", "F32", HLN_DTYPE_F16);
    bench_convert_2gb(ctx, "convert/st-f16-2gb-to-gguf-f32", "F16", HLN_DTYPE_F32);
    bench_convert_2gb(ctx, "convert/st-bf16-2gb-to-gguf-f32", "BF16", HLN_DTYPE_F32);
    bench_quantize_q4k(ctx);
    bench_quantize_types(ctx);
}
