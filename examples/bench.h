/* examples/bench.h - the benchmark harness of `haoline bench` (not part of the library).
 *
 * A case measures one piece of work and calls bench_row(); the harness prints a table (or a
 * JSON list with --json) with GB/s of the bytes the case names and the ratio to the
 * single-thread read bandwidth measured in the same run. */
#ifndef HLN_BENCH_H
#define HLN_BENCH_H
#include <stdio.h>
#include <stdint.h>

typedef struct bench_ctx {
    FILE *out;
    int json;                    /* 1: JSON list rows */
    int rows;                    /* rows printed so far */
    double bandwidth_gb_per_s;   /* single-thread read bandwidth, measured by bench_bandwidth */
    double bandwidth2_gb_per_s;  /* two-thread read bandwidth (0 when not measured) */
    const char *filter;          /* run only cases whose name contains this (NULL: all) */
} bench_ctx;

double bench_now(void);                                  /* monotonic seconds */
/* Runs fn(arg) repeatedly until min_seconds have passed (at least 3 times); returns the best time of one call. */
double bench_time(void (*fn)(void *), void *arg, double min_seconds);
void   bench_row(bench_ctx *ctx, const char *name, double bytes, double seconds, const char *note);
/* bench_row with the ratio taken to `bandwidth` (GB/s) and `extra` (NULL or more JSON members,
 * e.g. "\"rows\": 4096") added to the JSON row */
void   bench_row_bw(bench_ctx *ctx, const char *name, double bytes, double seconds, double bandwidth,
                    const char *extra, const char *note);
int    bench_want(const bench_ctx *ctx, const char *name); /* 1 when the filter selects this case */

/* Measures single- and two-thread read bandwidth into ctx (examples/bench.c). */
void bench_bandwidth(bench_ctx *ctx);
/* GB/s of a sequential read of p[0, n) by `threads` (1 or 2) threads, best of repeated passes
 * for at least min_seconds */
double bench_read_gb_per_s(const void *p, size_t n, int threads, double min_seconds);
/* Seconds of one such pass (to interleave the yardstick with the case it rates). */
double bench_read_pass(const void *p, size_t n, int threads);
/* Size of the last-level cache one core sees (Linux sysfs; 32 MiB when unknown). */
size_t bench_llc_bytes(void);
/* The CPU model, e.g. "Intel(R) Xeon(R) Processor (family 6 model 207)"; JSON-safe characters only. */
void bench_cpu_model(char *buf, size_t size);

/* Case groups; each lives in its own examples/bench_*.c file. */
void bench_parsers(bench_ctx *ctx);
void bench_kernels(bench_ctx *ctx);
void bench_report(bench_ctx *ctx);
void bench_onnx(bench_ctx *ctx);
void bench_compare(bench_ctx *ctx);
void bench_deploy(bench_ctx *ctx);
void bench_tflite(bench_ctx *ctx);
void bench_convert(bench_ctx *ctx);
void bench_exec(bench_ctx *ctx);
void bench_ir_formats(bench_ctx *ctx);   /* OpenVINO IR, TensorRT JSON */

/* The 70B-llama-like GGUF of the parser cases, mapped read-only (header, then a sparse hole of
   *total bytes in all); munmap it when done. NULL on failure. (bench_parsers.c) */
const uint8_t *bench_llama70b(uint64_t *total);
#endif
