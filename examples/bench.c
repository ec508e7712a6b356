/* examples/bench.c - the harness of `haoline bench`: timing, rows, read bandwidth.
 *
 * Every row reports GB/s of the bytes its case names and the ratio to the single-thread
 * read bandwidth measured at the start of the same run. Depends on no HaoLine header, so a
 * case file can be built with it alone (see examples/bench_kernels.c). */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <pthread.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

double bench_time(void (*fn)(void *), void *arg, double min_seconds) {
    double best = 1e30, start = bench_now();
    int runs = 0;
    while (runs < 3 || bench_now() - start < min_seconds) {
        double t0 = bench_now(), dt;
        fn(arg);
        dt = bench_now() - t0;
        if (dt < best) best = dt;
        runs++;
    }
    return best;
}

int bench_want(const bench_ctx *ctx, const char *name) {
    return !ctx->filter || strstr(name, ctx->filter) != NULL;
}

void bench_row(bench_ctx *ctx, const char *name, double bytes, double seconds, const char *note) {
    double gbs = seconds > 0 ? bytes / seconds / 1e9 : 0;
    double ratio = ctx->bandwidth_gb_per_s > 0 ? gbs / ctx->bandwidth_gb_per_s : 0;
    if (ctx->json) {
        fprintf(ctx->out, "%s\n  {\"name\": \"%s\", \"bytes\": %.0f, \"seconds\": %.9f, \"gb_per_s\": %.3f, "
                "\"bandwidth_gb_per_s\": %.3f, \"ratio\": %.3f, \"note\": \"%s\"}",
                ctx->rows ? "," : "", name, bytes, seconds, gbs, ctx->bandwidth_gb_per_s, ratio, note ? note : "");
    } else {
        if (!ctx->rows)
            fprintf(ctx->out, "%-34s %14s %12s %10s %7s  %s\n", "case", "bytes", "ms", "GB/s", "ratio", "note");
        fprintf(ctx->out, "%-34s %14.0f %12.3f %10.2f %7.2f  %s\n", name, bytes, seconds * 1e3, gbs, ratio, note ? note : "");
    }
    fflush(ctx->out);
    ctx->rows++;
}

/* ---- memory read bandwidth ---- */
typedef struct bw_arg { const uint8_t *p; size_t n; uint64_t sink; } bw_arg;

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2")))
static uint64_t read_avx2(const uint8_t *p, size_t n) {
    __m256i a = _mm256_setzero_si256(), b = a, c = a, d = a;
    size_t i;
    for (i = 0; i + 128 <= n; i += 128) {
        a = _mm256_xor_si256(a, _mm256_load_si256((const __m256i *)(p + i)));
        b = _mm256_xor_si256(b, _mm256_load_si256((const __m256i *)(p + i + 32)));
        c = _mm256_xor_si256(c, _mm256_load_si256((const __m256i *)(p + i + 64)));
        d = _mm256_xor_si256(d, _mm256_load_si256((const __m256i *)(p + i + 96)));
    }
    a = _mm256_xor_si256(_mm256_xor_si256(a, b), _mm256_xor_si256(c, d));
    return (uint64_t)_mm256_extract_epi64(a, 0) ^ (uint64_t)_mm256_extract_epi64(a, 3);
}
#endif

static uint64_t read_scalar(const uint8_t *p, size_t n) {
    uint64_t a = 0, b = 0, c = 0, d = 0, w[4];
    size_t i;
    for (i = 0; i + 32 <= n; i += 32) {
        memcpy(w, p + i, 32);
        a ^= w[0]; b ^= w[1]; c ^= w[2]; d ^= w[3];
    }
    return a ^ b ^ c ^ d;
}

static void bw_read(void *arg) {
    bw_arg *a = (bw_arg *)arg;
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
    if (__builtin_cpu_supports("avx2")) { a->sink ^= read_avx2(a->p, a->n); return; }
#endif
    a->sink ^= read_scalar(a->p, a->n);
}

static void *bw_thread(void *arg) { bw_read(arg); return NULL; }

static void bw_read2(void *arg) {
    bw_arg *a = (bw_arg *)arg, halves[2];
    pthread_t t;
    halves[0].p = a->p; halves[0].n = a->n / 2; halves[0].sink = 0;
    halves[1].p = a->p + a->n / 2; halves[1].n = a->n / 2; halves[1].sink = 0;
    if (pthread_create(&t, NULL, bw_thread, &halves[1]) != 0) { bw_read(&halves[1]); bw_read(&halves[0]); }
    else { bw_read(&halves[0]); pthread_join(t, NULL); }
    a->sink ^= halves[0].sink ^ halves[1].sink;
}

void bench_bandwidth(bench_ctx *ctx) {
    size_t n = (size_t)512 << 20;
    uint8_t *p = NULL;
    bw_arg a;
    double t;
    if (posix_memalign((void **)&p, 64, n) != 0) return;
    memset(p, 1, n);
    a.p = p; a.n = n; a.sink = 0;
    t = bench_time(bw_read, &a, 1.0);
    ctx->bandwidth_gb_per_s = (double)n / t / 1e9;
    t = bench_time(bw_read2, &a, 1.0);
    ctx->bandwidth2_gb_per_s = (double)n / t / 1e9;
    free(p);
    if (a.sink == 42) fprintf(stderr, " ");   /* keeps the reads alive */
}
