/* examples/bench_convert.c - conversion cases of `haoline bench`: a 2 GB BF16 SafeTensors file
 * (sparse, in /tmp, removed afterwards) converted to GGUF F16 on one thread, with the peak
 * resident set of the converting process; and quantization of 256 MiB of F32 matrices to Q4_K on
 * two threads. Output goes to a null sink: the cases measure conversion, not the disk. */
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

/* A SafeTensors file of n_tensors matrices rows x cols of a 2-byte dtype; the data section is a hole. */
static int write_sparse_st(const char *path, const char *dtype, int n_tensors, int64_t rows, int64_t cols) {
    FILE *f = fopen(path, "wb");
    char *h;
    size_t cap = 256 * (size_t)n_tensors + 64, n = 0;
    uint64_t off = 0, bytes = (uint64_t)rows * (uint64_t)cols * 2, hlen;
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
static int convert_child(const char *path, double out[2]) {
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
        o.dtype = HLN_DTYPE_F16;
        o.keep_names = 1;
        o.release_input = 1;
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

static void bench_convert_2gb(bench_ctx *ctx, const char *name, const char *dtype) {
    char path[128], note[220];
    double best[2] = { 1e30, 0 }, r[2];
    int k;
    const int n = 32;
    const int64_t rows = 8192, cols = 4096;   /* 32 x 64 MiB = 2 GiB */
    if (!bench_want(ctx, name)) return;
    snprintf(path, sizeof path, "/tmp/haoline-bench-convert-%ld.safetensors", (long)getpid());
    if (!write_sparse_st(path, dtype, n, rows, cols)) { fprintf(stderr, "bench: cannot write %s\n", path); unlink(path); return; }
    for (k = 0; k < 2; k++)
        if (convert_child(path, r) && r[0] < best[0]) { best[0] = r[0]; best[1] = r[1]; }
    unlink(path);
    snprintf(note, sizeof note, "%s; 2 GiB sparse %s file in /tmp -> GGUF F16 (a sink that reads it), one thread, peak RSS %.1f MiB, best of 2",
             best[0] < 1e30 ? "ok" : "FAILED", dtype, best[1] / 1024.0);
    bench_row(ctx, name, (double)n * (double)rows * (double)cols * 2, best[0], note);
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
    char note[200];
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
    for (k = 0; k < 2 && ok; k++) {
        t0 = bench_now();
        ok = hln_convert_plan(m, &o, &c, &err) == HLN_OK &&
             hln_gguf_write_from(c->out, hln_convert_tensor_bytes, c, null_sink, NULL, &err) == HLN_OK;
        if (bench_now() - t0 < t) t = bench_now() - t0;
        hln_convert_free(c);
        c = NULL;
    }
    snprintf(note, sizeof note, "%s; 16 matrices 4096x1024, two threads (%s kernels), no error table, best of 2",
             ok ? "ok" : "FAILED", hln_k_simd_name());
    bench_row(ctx, "quantize/f32-256mb-to-q4_k-2-threads", (double)n * (double)rows * (double)cols * 4, t, note);
    hln_model_free(m);
}

void bench_convert(bench_ctx *ctx) {
    bench_convert_2gb(ctx, "convert/st-f16-2gb-to-gguf-f16", "F16");     /* bytes as they are */
    bench_convert_2gb(ctx, "convert/st-bf16-2gb-to-gguf-f16", "BF16");   /* converted element by element */
    bench_quantize_q4k(ctx);
}
