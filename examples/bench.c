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
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
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

void bench_row_bw(bench_ctx *ctx, const char *name, double bytes, double seconds, double bandwidth,
                  const char *extra, const char *note) {
    double gbs = seconds > 0 ? bytes / seconds / 1e9 : 0;
    double ratio = bandwidth > 0 ? gbs / bandwidth : 0;
    if (ctx->json) {
        fprintf(ctx->out, "%s\n  {\"name\": \"%s\", \"bytes\": %.0f, \"seconds\": %.9f, \"gb_per_s\": %.3f, "
                "\"bandwidth_gb_per_s\": %.3f, \"ratio\": %.3f, %s%s\"note\": \"%s\"}",
                ctx->rows ? "," : "", name, bytes, seconds, gbs, bandwidth, ratio, extra ? extra : "", extra ? ", " : "",
                note ? note : "");
    } else {
        if (!ctx->rows)
            fprintf(ctx->out, "%-34s %14s %12s %10s %7s  %s\n", "case", "bytes", "ms", "GB/s", "ratio", "note");
        fprintf(ctx->out, "%-34s %14.0f %12.3f %10.2f %7.2f  %s\n", name, bytes, seconds * 1e3, gbs, ratio, note ? note : "");
    }
    fflush(ctx->out);
    ctx->rows++;
}

void bench_row(bench_ctx *ctx, const char *name, double bytes, double seconds, const char *note) {
    bench_row_bw(ctx, name, bytes, seconds, ctx->bandwidth_gb_per_s, NULL, note);
}

/* ---- memory read bandwidth ---- */
typedef struct bw_arg { const uint8_t *p; size_t n; uint64_t sink; } bw_arg;

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2")))
static uint64_t read_avx2(const uint8_t *p, size_t n) {
    __m256i a = _mm256_setzero_si256(), b = a, c = a, d = a;
    size_t i;
    for (i = 0; i + 128 <= n; i += 128) {
        a = _mm256_xor_si256(a, _mm256_loadu_si256((const __m256i *)(p + i)));
        b = _mm256_xor_si256(b, _mm256_loadu_si256((const __m256i *)(p + i + 32)));
        c = _mm256_xor_si256(c, _mm256_loadu_si256((const __m256i *)(p + i + 64)));
        d = _mm256_xor_si256(d, _mm256_loadu_si256((const __m256i *)(p + i + 96)));
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

double bench_read_pass(const void *p, size_t n, int threads) {
    bw_arg a;
    double t0;
    a.p = (const uint8_t *)p; a.n = n & ~(size_t)255; a.sink = 0;
    t0 = bench_now();
    if (threads > 1) bw_read2(&a); else bw_read(&a);
    t0 = bench_now() - t0;
    if (a.sink == 42) fprintf(stderr, " ");   /* keeps the reads alive */
    return t0;
}

double bench_read_gb_per_s(const void *p, size_t n, int threads, double min_seconds) {
    bw_arg a;
    double t;
    a.p = (const uint8_t *)p; a.n = n & ~(size_t)255; a.sink = 0;
    t = bench_time(threads > 1 ? bw_read2 : bw_read, &a, min_seconds);
    if (a.sink == 42) fprintf(stderr, " ");   /* keeps the reads alive */
    return t > 0 ? (double)a.n / t / 1e9 : 0;
}

void bench_bandwidth(bench_ctx *ctx) {
    size_t n = (size_t)512 << 20;
    uint8_t *p = NULL;
    if (posix_memalign((void **)&p, 64, n) != 0) return;
    memset(p, 1, n);
    ctx->bandwidth_gb_per_s = bench_read_gb_per_s(p, n, 1, 1.0);
    ctx->bandwidth2_gb_per_s = bench_read_gb_per_s(p, n, 2, 1.0);
    free(p);
}

size_t bench_llc_bytes(void) {
    size_t best = 0;
    int i;
    for (i = 0; i < 8; i++) {   /* the largest cache of cpu0 (sysfs sizes read "266240K") */
        char path[96], buf[32];
        FILE *f;
        size_t v;
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", i);
        if (!(f = fopen(path, "r"))) continue;
        if (fgets(buf, sizeof buf, f)) {
            char *end;
            v = (size_t)strtoul(buf, &end, 10);
            if (*end == 'K') v <<= 10; else if (*end == 'M') v <<= 20;
            if (v > best) best = v;
        }
        fclose(f);
    }
    return best ? best : (size_t)32 << 20;
}

void bench_cpu_model(char *buf, size_t size) {
    char model[160] = "";
    size_t i, k = 0;
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
    unsigned r[12], a, b, c, d, fam, mod;
    if (__get_cpuid(0x80000000u, &a, &b, &c, &d) && a >= 0x80000004u) {
        for (i = 0; i < 3; i++) __get_cpuid(0x80000002u + (unsigned)i, &r[4 * i], &r[4 * i + 1], &r[4 * i + 2], &r[4 * i + 3]);
        memcpy(model, r, 48);
        model[48] = 0;
    }
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        fam = (a >> 8) & 15; mod = (a >> 4) & 15;
        if (fam == 15) fam += (a >> 20) & 255;
        if (fam == 6 || fam >= 15) mod |= ((a >> 16) & 15) << 4;
        snprintf(model + strlen(model), sizeof model - strlen(model), " (family %u model %u)", fam, mod);
    }
#else
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f)) {   /* "model name" on most, "CPU part" on arm64 */
        char *colon = strchr(line, ':');
        if (!colon || (strncmp(line, "model name", 10) != 0 && strncmp(line, "CPU part", 8) != 0)) continue;
        snprintf(model, sizeof model, "%s", colon + 2);
        break;
    }
    if (f) fclose(f);
#endif
    for (i = 0; model[i] && k + 1 < size; i++) {   /* printable, no quotes, single spaces */
        char ch = model[i];
        if (ch < 32 || ch > 126 || ch == '"' || ch == '\\') ch = ' ';
        if (ch == ' ' && (k == 0 || buf[k - 1] == ' ')) continue;
        buf[k++] = ch;
    }
    while (k > 0 && buf[k - 1] == ' ') k--;
    if (size) buf[k] = 0;
    if (size && !k) snprintf(buf, size, "unknown CPU");
}
