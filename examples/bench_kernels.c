/* examples/bench_kernels.c - the kernel cases of `haoline bench`.
 *
 * gemv-dram/T   decode-like GEMV beyond the last-level cache: a stack of distinct 4096 x 4096
 *               matrices of type T, >= 4x the LLC (at least 1 GiB, at most 3 GiB), one GEMV per
 *               matrix per pass ("token"), one thread, best SIMD path; rated against the read
 *               bandwidth of the same stack (beyond-LLC yardstick) measured in the same run
 * gemv2-dram/T  the same through a two-thread parallel-for, against the two-thread yardstick
 * gemv-dram-avx2/T, gemv2-dram-avx2/T   the same with the AVX2 path forced
 *               (hln_k_gemv_options.path), on x86 CPUs whose best path is AVX-512
 * gemv-dram-repack/T, gemv2-dram-repack/T   hln_k_gemv_repacked on the stack in hln_k_repack's
 *               row-interleaved layout (Q4_0, IQ4_NL, Q8_0), one and two threads
 * gemv-dram-n2/T, -n4/T, -n8/T   hln_k_gemv_multi with 2, 4, 8 activation vectors on the
 *               same stack, one thread (Q4_0, Q8_0, Q4_K); bytes = weight bytes, read once
 * gemv-cache/T  y = W x, one 11008 x 4096 matrix of type T called again and again, so it may
 *               stay in the LLC (25 MB for Q4_0); one thread, best SIMD path
 * gemv2-cache/T, gemv-cache-avx2/T, gemv2-cache-avx2/T   two threads / AVX2 forced, in cache
 * gemv-bitnet/T, gemv2-bitnet/T   a BitNet-2B-shaped layer (2560 x 6912, its FFN down projection)
 *               one and two threads: T = Q4_0 (against Q8_0), I2_S (W2A8 against int8), TL1, TL2
 *               (lookup tables built once per activation, outside the timing; bytes count the
 *               weights only); the note gives tokens/s and the speed-up over Q4_0 on that shape
 * gemv-l2/T, gemv-l2-avx512/T, gemv-l2-avx2/T   compute throughput: ~384 KiB of weights (in L2)
 *               called again and again, timed in thread CPU time; AUTO (the note names the path
 *               hln_k_gemv_path picked) and each x86 path forced
 * dequant/T     dequantize 1M elements, best path
 * dequant-naive/T  the scalar _ref loop on the same data (K-quants and a few others)
 * Bytes are the weight bytes read (per pass over the stack for the -dram rows); the harness
 * prints GB/s and the ratio to the read bandwidth (in-cache rows: the 512 MiB probe of the
 * harness). The note column names the path that ran (per type: hln_k_gemv_path); the CPU
 * model and hln_k_cpu_class are printed first.
 *
 * HAOLINE_BENCH_PATH=ref|avx2|avx512|neon (read here, in the benchmark only; the library reads
 * no environment) replaces the best path in every kernel row, e.g. to time the AVX2 path of
 * dequantization too.
 *
 * Standalone (this file alone, with its own copy of the harness and the bandwidth probe):
 *   cc -std=c99 -O2 -DHLN_BENCH_KERNELS_MAIN examples/bench_kernels.c examples/bench.c -o build/bench_kernels -lpthread
 *   build/bench_kernels [name filter]
 * The two-thread parallel-for hands out tasks through an atomic counter, as a thread pool
 * would, so a core that is busy with something else slows the GEMV less. */
#define _POSIX_C_SOURCE 200809L
#define HLN_STATIC                       /* a private copy: the CLI may embed its own */
#define HAOLINE_KERNELS_IMPLEMENTATION
#include "../haoline_kernels.h"
#include "bench.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BK_ROWS 11008
#define BK_COLS 4096
#define BK_SEED_ROWS 64              /* distinct rows quantized, then repeated */
#define BK_DEQ_ELEMS (1 << 20)

typedef struct bk_gemv {
    hln_k_type type;
    const void *w, *xq;
    float *y;
    hln_k_gemv_options opts;
} bk_gemv;

static void bk_gemv_run(void *arg) {
    bk_gemv *g = (bk_gemv *)arg;
    hln_k_gemv(g->type, g->w, BK_ROWS, BK_COLS, g->xq, g->y, &g->opts);
}

/* A minimal two-thread parallel-for: the caller and one helper thread take tasks in turn. */
typedef struct bk_pool { void (*task)(void *, int); void *arg; int n_tasks; int next; } bk_pool;
static void *bk_pool_run(void *p) {
    bk_pool *pool = (bk_pool *)p;
    int i;
    while ((i = __sync_fetch_and_add(&pool->next, 1)) < pool->n_tasks) pool->task(pool->arg, i);
    return NULL;
}
static void bk_parallel_for2(void *user, int n_tasks, void (*task)(void *arg, int i), void *arg) {
    pthread_t th;
    bk_pool pool;
    int helper;
    (void)user;
    pool.task = task; pool.arg = arg; pool.n_tasks = n_tasks; pool.next = 0;
    helper = pthread_create(&th, NULL, bk_pool_run, &pool) == 0;
    bk_pool_run(&pool);
    if (helper) pthread_join(th, NULL);
}

typedef struct bk_deq { hln_k_type type; hln_k_path path; const void *src; float *dst; } bk_deq;
static void bk_deq_run(void *arg) {
    bk_deq *d = (bk_deq *)arg;
    hln_k_dequantize_path(d->path, d->type, d->src, d->dst, BK_DEQ_ELEMS);
}

static uint32_t bk_rng = 12345u;
static float bk_rand(void) {   /* roughly normal: sum of uniforms */
    float s = 0.0f;
    int i;
    for (i = 0; i < 4; i++) { bk_rng = bk_rng * 1664525u + 1013904223u; s += (float)(bk_rng >> 8) / 16777216.0f - 0.5f; }
    return s;
}

/* rows x cols of `type`, made from BK_SEED_ROWS quantized random rows repeated. */
static unsigned char *bk_matrix(hln_k_type type, int64_t rows, int64_t cols) {
    size_t rs = hln_k_row_size(type, cols);
    unsigned char *w = (unsigned char *)malloc(rs * (size_t)(rows > BK_SEED_ROWS ? rows : BK_SEED_ROWS));
    float *seed = (float *)malloc(sizeof(float) * (size_t)cols * BK_SEED_ROWS);
    int64_t i;
    if (!w || !seed) { free(w); free(seed); return NULL; }
    for (i = 0; i < cols * BK_SEED_ROWS; i++) seed[i] = bk_rand() * 0.05f;
    hln_k_quantize(type, seed, w, cols * BK_SEED_ROWS);
    for (i = BK_SEED_ROWS; i < rows; i++) memcpy(w + (size_t)i * rs, w + (size_t)(i % BK_SEED_ROWS) * rs, rs);
    free(seed);
    return w;
}

/* ---- BitNet b1.58 layer: ternary GEMVs against Q4_0 on the same shape ---- */
#define BK_BN_ROWS 2560
#define BK_BN_COLS 6912
typedef struct bk_bitnet {
    int kind;                        /* 0 Q4_0, 1 TL1, 2 TL2, 3 I2_S */
    const void *w, *x;
    float *y;
    hln_k_gemv_options opts;
} bk_bitnet;
static void bk_bitnet_run(void *arg) {
    bk_bitnet *b = (bk_bitnet *)arg;
    if (b->kind == 0) hln_k_gemv(HLN_K_Q4_0, b->w, BK_BN_ROWS, BK_BN_COLS, b->x, b->y, &b->opts);
    else if (b->kind == 3) hln_k_i2s_gemv(b->w, BK_BN_ROWS, BK_BN_COLS, (const int8_t *)b->x, 0.01f, b->y, &b->opts);
    else hln_k_tl_gemv((hln_k_tl_kind)b->kind, b->w, 1.0f, BK_BN_ROWS, BK_BN_COLS, b->x, 0.01f, b->y, &b->opts);
}
static void bk_bitnet_cases(bench_ctx *ctx, hln_k_path best, const char *simd) {
    static const char *const names[4] = { "Q4_0", "TL1", "TL2", "I2_S" };
    const int64_t n = (int64_t)BK_BN_ROWS * BK_BN_COLS;
    int8_t *trits = (int8_t *)malloc((size_t)n), *xi = (int8_t *)malloc(BK_BN_COLS);
    float *x = (float *)malloc(sizeof(float) * BK_BN_COLS), *y = (float *)malloc(sizeof(float) * BK_BN_ROWS);
    unsigned char *xq = (unsigned char *)malloc(hln_k_row_size(HLN_K_Q8_0, BK_BN_COLS));
    double q4_tok[2] = { 0, 0 };
    float xs;
    int k, th, i;
    if (!trits || !xi || !x || !y || !xq) goto done;
    for (i = 0; i < BK_BN_COLS; i++) x[i] = bk_rand();
    for (i = 0; i < n; i++) trits[i] = (int8_t)((bk_rand() > 0.15f) - (bk_rand() < -0.15f));
    hln_k_quantize(HLN_K_Q8_0, x, xq, BK_BN_COLS);
    hln_k_act_quantize_i8(x, BK_BN_COLS, xi, &xs);
    for (k = 0; k < 4; k++) {
        char name[64], name2[64], note[64], extra[160];
        unsigned char *w = NULL, *tab = NULL;
        double bytes;
        bk_bitnet b;
        snprintf(name, sizeof name, "gemv-bitnet/%s", names[k]);
        snprintf(name2, sizeof name2, "gemv2-bitnet/%s", names[k]);
        if (!bench_want(ctx, name) && !bench_want(ctx, name2) && !(k == 0 && bench_want(ctx, "gemv-bitnet/"))) continue;
        memset(&b, 0, sizeof b);
        b.kind = k; b.y = y; b.opts.path = best;
        if (k == 0) {
            w = bk_matrix(HLN_K_Q4_0, BK_BN_ROWS, BK_BN_COLS);
            bytes = (double)hln_k_row_size(HLN_K_Q4_0, BK_BN_COLS) * BK_BN_ROWS;
            b.x = xq;
        } else if (k == 3) {
            bytes = (double)hln_k_i2s_size(n);
            w = (unsigned char *)malloc((size_t)bytes);
            if (w) hln_k_ternary_pack(HLN_K_TERNARY_I2_S, trits, 0.02f, n, w);
            b.x = xi;
        } else {
            bytes = (double)hln_k_tl_weight_size((hln_k_tl_kind)k, BK_BN_ROWS, BK_BN_COLS);
            w = (unsigned char *)malloc((size_t)bytes);
            tab = (unsigned char *)malloc(hln_k_tl_table_size((hln_k_tl_kind)k, BK_BN_COLS));
            if (w && tab) {
                hln_k_tl_pack((hln_k_tl_kind)k, trits, BK_BN_ROWS, BK_BN_COLS, w);
                hln_k_tl_tables((hln_k_tl_kind)k, xi, BK_BN_COLS, tab);
            }
            b.x = tab;
        }
        if (!w || !b.x) { free(w); free(tab); continue; }
        b.w = w;
        for (th = 0; th < 2; th++) {
            double sec;
            if (!bench_want(ctx, th ? name2 : name) && k != 0) continue;
            b.opts.parallel_for = th ? bk_parallel_for2 : NULL; b.opts.n_tasks = th ? 16 : 0;
            sec = bench_time(bk_bitnet_run, &b, 0.3);
            if (k == 0) q4_tok[th] = 1.0 / sec;
            if (k == 0) snprintf(note, sizeof note, "%s; %.0f tokens/s", simd, 1.0 / sec);
            else snprintf(note, sizeof note, "%s; %.0f tokens/s, %.2fx Q4_0", simd, 1.0 / sec, q4_tok[th] > 0 ? 1.0 / sec / q4_tok[th] : 0.0);
            if (!bench_want(ctx, th ? name2 : name)) continue;
            snprintf(extra, sizeof extra, "\"rows\": %d, \"cols\": %d, \"threads\": %d, \"tokens_per_s\": %.1f, \"vs_q4_0\": %.3f",
                     BK_BN_ROWS, BK_BN_COLS, th + 1, 1.0 / sec, q4_tok[th] > 0 ? 1.0 / sec / q4_tok[th] : 1.0);
            bench_row_bw(ctx, th ? name2 : name, bytes, sec, th ? ctx->bandwidth2_gb_per_s : ctx->bandwidth_gb_per_s, extra, note);
        }
        free(w); free(tab);
    }
done:
    free(trits); free(xi); free(x); free(y); free(xq);
}

/* ---- compute throughput: the weights in L2, thread CPU time ---- */
/* About 384 KiB of weights (whole groups of 4 rows of 4096 columns) fit a 512 KiB or larger L2
 * together with the activation, so the kernel, not the memory, sets the pace; CPU time of this
 * thread does not count the time other processes hold the core. A type whose gemv-l2 GB/s is
 * below the beyond-LLC read bandwidth cannot reach it in gemv-dram. */
#define BK_L2_BYTES (384u << 10)
typedef struct bk_l2 { hln_k_type type; int64_t rows; const void *w, *xq; float *y; hln_k_path path; } bk_l2;
static double bk_thread_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
/* thread CPU seconds of one GEMV: the best mean over batches of calls of >= 5 ms each (one
 * call is ~10 us, close to the clock's granularity on a VM), batches for >= 0.2 s, at least 3 */
static double bk_l2_time(const bk_l2 *c) {
    hln_k_gemv_options o;
    double best = 1e30, start = bk_thread_seconds();
    int k;
    memset(&o, 0, sizeof o);
    o.path = c->path;
    for (k = 0; k < 3 || bk_thread_seconds() - start < 0.2; k++) {
        double t = bk_thread_seconds(), e;
        int n = 0;
        do { hln_k_gemv(c->type, c->w, c->rows, BK_COLS, c->xq, c->y, &o); n++; } while ((e = bk_thread_seconds() - t) < 0.005);
        if (e / n < best) best = e / n;
    }
    return best;
}
static void bk_l2_cases(bench_ctx *ctx, const hln_k_type *types, size_t n_types, const float *x, unsigned char *xq, float *y) {
    static const hln_k_path forced[2] = { HLN_K_PATH_AVX512, HLN_K_PATH_AVX2 };
    size_t t;
    for (t = 0; t < n_types; t++) {
        const char *tn = hln_k_type_name(types[t]);
        char name[64], note[64], extra[128];
        bk_l2 c;
        unsigned char *w;
        int p;
        double bytes;
        snprintf(name, sizeof name, "gemv-l2/%s", tn);
        if (!bench_want(ctx, name) && !bench_want(ctx, "gemv-l2-")) continue;
        memset(&c, 0, sizeof c);
        c.type = types[t];
        c.rows = (int64_t)(BK_L2_BYTES / hln_k_row_size(c.type, BK_COLS)) & ~(int64_t)3;
        if (!(w = bk_matrix(c.type, c.rows, BK_COLS))) continue;
        hln_k_quantize(hln_k_vec_dot_type(c.type), x, xq, BK_COLS);
        c.w = w; c.xq = xq; c.y = y;
        bytes = (double)hln_k_row_size(c.type, BK_COLS) * (double)c.rows;
        snprintf(extra, sizeof extra, "\"rows\": %d, \"cols\": %d, \"threads\": 1, \"clock\": \"thread-cpu\"", (int)c.rows, BK_COLS);
        c.path = HLN_K_PATH_AUTO;
        snprintf(note, sizeof note, "auto: %s", hln_k_path_name(hln_k_gemv_path(c.type)));
        if (bench_want(ctx, name)) bench_row_bw(ctx, name, bytes, bk_l2_time(&c), ctx->bandwidth_gb_per_s, extra, note);
        for (p = 0; p < 2; p++) {
            snprintf(name, sizeof name, "gemv-l2-%s/%s", hln_k_path_name(forced[p]), tn);
            if (!hln_k_path_available(forced[p]) || !bench_want(ctx, name)) continue;
            c.path = forced[p];
            bench_row_bw(ctx, name, bytes, bk_l2_time(&c), ctx->bandwidth_gb_per_s, extra, "forced");
        }
        free(w);
    }
}

/* ---- beyond the last-level cache: a stack of distinct matrices, one GEMV each per pass ---- */
#define BK_DRAM_ROWS 4096
#define BK_DRAM_COLS 4096
#define BK_DRAM_MIN ((size_t)1 << 30)   /* the stack is max(4 x LLC, 1 GiB) ... */
#define BK_DRAM_MAX ((size_t)3 << 30)   /* ... and at most 3 GiB */
#define BK_MAX_VEC 8                    /* activation vectors of the small-batch rows */

typedef struct bk_stack {
    hln_k_type type;
    const unsigned char *w;    /* `matrices` matrices back to back */
    size_t mat_bytes;
    int matrices;
    int n_vec;                 /* 1: hln_k_gemv, more: hln_k_gemv_multi */
    int repacked;              /* the stack holds hln_k_repack's layout: hln_k_gemv_repacked */
    const void *xq;
    float *y;
    hln_k_gemv_options opts;
} bk_stack;

static void bk_stack_run(void *arg) {
    const bk_stack *s = (const bk_stack *)arg;
    int m;
    for (m = 0; m < s->matrices; m++) {
        const unsigned char *w = s->w + (size_t)m * s->mat_bytes;
        if (s->repacked) hln_k_gemv_repacked(s->type, w, BK_DRAM_ROWS, BK_DRAM_COLS, s->xq, s->y, &s->opts);
        else if (s->n_vec > 1) hln_k_gemv_multi(s->type, w, BK_DRAM_ROWS, BK_DRAM_COLS, s->xq, s->n_vec, s->y, &s->opts);
        else hln_k_gemv(s->type, w, BK_DRAM_ROWS, BK_DRAM_COLS, s->xq, s->y, &s->opts);
    }
}

typedef struct bk_dram {
    unsigned char *stack;
    size_t stack_bytes;
    char cpu[96];
} bk_dram;

/* Allocates and touches the stack and prints its read bandwidth (one and two threads; every
 * -dram row measures its own again, interleaved with its passes); 0 when it cannot. */
static int bk_dram_init(bench_ctx *ctx, bk_dram *d) {
    size_t llc = bench_llc_bytes();
    char extra[160];
    double bw1, bw2;
    d->stack_bytes = 4 * llc < BK_DRAM_MIN ? BK_DRAM_MIN : 4 * llc > BK_DRAM_MAX ? BK_DRAM_MAX : 4 * llc;
    d->stack = (unsigned char *)malloc(d->stack_bytes);
    if (!d->stack) { fprintf(stderr, "bench: no memory for the %zu MiB GEMV stack\n", d->stack_bytes >> 20); return 0; }
    memset(d->stack, 1, d->stack_bytes);
    bench_cpu_model(d->cpu, sizeof d->cpu);
    bw1 = bench_read_gb_per_s(d->stack, d->stack_bytes, 1, 0.5);
    bw2 = bench_read_gb_per_s(d->stack, d->stack_bytes, 2, 0.5);
    snprintf(extra, sizeof extra, "\"llc_bytes\": %zu, \"threads\": 1, \"cpu\": \"%s\"", llc, d->cpu);
    bench_row_bw(ctx, "read-dram/1", (double)d->stack_bytes, (double)d->stack_bytes / bw1 / 1e9, bw1, extra, d->cpu);
    snprintf(extra, sizeof extra, "\"llc_bytes\": %zu, \"threads\": 2, \"cpu\": \"%s\"", llc, d->cpu);
    bench_row_bw(ctx, "read-dram/2", (double)d->stack_bytes, (double)d->stack_bytes / bw2 / 1e9, bw2, extra, d->cpu);
    return 1;
}

/* Fills the stack with copies of one matrix of `type` (the addresses, not the contents, decide
 * what the caches hold), in hln_k_repack's layout when `repacked`; returns the number of
 * matrices, 0 on failure. */
static int bk_dram_fill(bk_dram *d, hln_k_type type, int repacked, size_t *mat_bytes) {
    unsigned char *w = bk_matrix(type, BK_DRAM_ROWS, BK_DRAM_COLS), *src = w;
    size_t mb = hln_k_row_size(type, BK_DRAM_COLS) * BK_DRAM_ROWS;
    int m, n = (int)(d->stack_bytes / mb);
    if (!w) return 0;
    if (repacked) {   /* the first slot holds the repacked matrix, the others copy it */
        if (hln_k_repack(type, w, BK_DRAM_ROWS, BK_DRAM_COLS, d->stack) != HLN_K_OK) { free(w); return 0; }
        src = d->stack;
    }
    for (m = repacked; m < n; m++) memcpy(d->stack + (size_t)m * mb, src, mb);
    free(w);
    *mat_bytes = mb;
    return n;
}

/* One -dram row: passes over the stack with s->opts, each after a read pass over the same bytes
 * with as many threads (so a busy machine slows both alike); the best of each rates the row. */
static void bk_dram_row(bench_ctx *ctx, const bk_dram *d, bk_stack *s, const char *name, int threads, const char *note) {
    char extra[256];
    double bytes = (double)s->mat_bytes * s->matrices, best = 1e30, best_read = 1e30, start = bench_now();
    int k;
    for (k = 0; k < 3 || bench_now() - start < 0.4; k++) {
        double t = bench_read_pass(d->stack, (size_t)bytes, threads);
        if (t < best_read) best_read = t;
        t = bench_now();
        bk_stack_run(s);
        t = bench_now() - t;
        if (t < best) best = t;
    }
    snprintf(extra, sizeof extra, "\"rows\": %d, \"cols\": %d, \"matrices\": %d, \"vectors\": %d, \"threads\": %d, \"path\": \"%s\", \"cpu\": \"%s\"",
             BK_DRAM_ROWS, BK_DRAM_COLS, s->matrices, s->n_vec, threads, hln_k_path_name(s->opts.path), d->cpu);
    bench_row_bw(ctx, name, bytes, best, bytes / best_read / 1e9, extra, note);
}

/* the types with small-batch rows (gemv-dram-n2/4/8) */
static int bk_multi(hln_k_type type) { return type == HLN_K_Q4_0 || type == HLN_K_Q8_0 || type == HLN_K_Q4_K; }
/* the types hln_k_repack takes (gemv-dram-repack rows) */
static int bk_x4(hln_k_type type) { return type == HLN_K_Q4_0 || type == HLN_K_Q8_0 || type == HLN_K_IQ4_NL; }

/* best: the path HAOLINE_BENCH_PATH forces, or HLN_K_PATH_AUTO (each type then runs, and its
 * rows name, the path hln_k_gemv_path gives it on this CPU) */
static void bench_kernels_dram(bench_ctx *ctx, const hln_k_type *types, size_t n_types, hln_k_path best,
                               int with_avx2, const float *x, unsigned char *xq, float *y) {
    bk_dram d;
    size_t t;
    int started = 0;
    memset(&d, 0, sizeof d);
    for (t = 0; t < n_types; t++) {
        hln_k_type type = types[t];
        const hln_k_path run = best == HLN_K_PATH_AUTO ? hln_k_gemv_path(type) : best;
        char n1[64], n2[64], n3[64], n4[64], n5[64], n6[64], nn[3][64];
        bk_stack s;
        int v, multi;
        snprintf(n1, sizeof n1, "gemv-dram/%s", hln_k_type_name(type));
        snprintf(n2, sizeof n2, "gemv2-dram/%s", hln_k_type_name(type));
        snprintf(n3, sizeof n3, "gemv-dram-avx2/%s", hln_k_type_name(type));
        snprintf(n4, sizeof n4, "gemv2-dram-avx2/%s", hln_k_type_name(type));
        snprintf(n5, sizeof n5, "gemv-dram-repack/%s", hln_k_type_name(type));
        snprintf(n6, sizeof n6, "gemv2-dram-repack/%s", hln_k_type_name(type));
        for (v = 0, multi = 0; v < 3 && bk_multi(type); v++) {   /* the small-batch rows: 2, 4, 8 vectors */
            snprintf(nn[v], sizeof nn[v], "gemv-dram-n%d/%s", 2 << v, hln_k_type_name(type));
            multi |= bench_want(ctx, nn[v]) << v;
        }
        if (!bench_want(ctx, n1) && !bench_want(ctx, n2) && !multi && !(bk_x4(type) && (bench_want(ctx, n5) || bench_want(ctx, n6))) &&
            !(with_avx2 && (bench_want(ctx, n3) || bench_want(ctx, n4)))) continue;
        if (!started && !(started = bk_dram_init(ctx, &d))) return;
        memset(&s, 0, sizeof s);
        s.type = type; s.w = d.stack; s.xq = xq; s.y = y; s.n_vec = 1;
        if (!(s.matrices = bk_dram_fill(&d, type, 0, &s.mat_bytes))) continue;
        for (v = 0; v < BK_MAX_VEC; v++)   /* BK_MAX_VEC activations: x, then x rotated by v */
            hln_k_quantize(hln_k_vec_dot_type(type), x + v, xq + (size_t)v * hln_k_row_size(hln_k_vec_dot_type(type), BK_DRAM_COLS), BK_DRAM_COLS);
        s.opts.path = run;
        if (bench_want(ctx, n1)) bk_dram_row(ctx, &d, &s, n1, 1, hln_k_path_name(run));
        s.opts.parallel_for = bk_parallel_for2; s.opts.n_tasks = 16;
        if (bench_want(ctx, n2)) bk_dram_row(ctx, &d, &s, n2, 2, hln_k_path_name(run));
        if (with_avx2) {
            s.opts.path = HLN_K_PATH_AVX2; s.opts.parallel_for = NULL; s.opts.n_tasks = 0;
            if (bench_want(ctx, n3)) bk_dram_row(ctx, &d, &s, n3, 1, "avx2 (forced)");
            s.opts.parallel_for = bk_parallel_for2; s.opts.n_tasks = 16;
            if (bench_want(ctx, n4)) bk_dram_row(ctx, &d, &s, n4, 2, "avx2 (forced)");
        }
        for (v = 0; v < 3; v++) {   /* small batches, weights read once, one thread */
            if (!(multi >> v & 1)) continue;
            s.n_vec = 2 << v; s.opts.path = run; s.opts.parallel_for = NULL; s.opts.n_tasks = 0;
            bk_dram_row(ctx, &d, &s, nn[v], 1, hln_k_path_name(run));
            s.n_vec = 1;
        }
        if (bk_x4(type) && (bench_want(ctx, n5) || bench_want(ctx, n6)) && bk_dram_fill(&d, type, 1, &s.mat_bytes)) {
            s.repacked = 1; s.opts.path = run; s.opts.parallel_for = NULL; s.opts.n_tasks = 0;
            if (bench_want(ctx, n5)) bk_dram_row(ctx, &d, &s, n5, 1, hln_k_path_name(run));
            s.opts.parallel_for = bk_parallel_for2; s.opts.n_tasks = 16;
            if (bench_want(ctx, n6)) bk_dram_row(ctx, &d, &s, n6, 2, hln_k_path_name(run));
        }
    }
    free(d.stack);
}

void bench_kernels(bench_ctx *ctx) {
    static const hln_k_type gemv_types[] = {
        HLN_K_Q4_0, HLN_K_Q8_0, HLN_K_Q4_K, HLN_K_Q6_K, HLN_K_IQ4_XS, HLN_K_F16, HLN_K_BF16, HLN_K_Q4_1,
        HLN_K_Q5_0, HLN_K_Q5_1, HLN_K_Q2_K, HLN_K_Q3_K, HLN_K_Q5_K, HLN_K_IQ4_NL, HLN_K_TQ1_0, HLN_K_TQ2_0 };
    static const hln_k_type deq_types[] = {
        HLN_K_Q4_0, HLN_K_Q8_0, HLN_K_Q2_K, HLN_K_Q3_K, HLN_K_Q4_K, HLN_K_Q5_K, HLN_K_Q6_K, HLN_K_IQ4_NL,
        HLN_K_IQ4_XS, HLN_K_Q8_K, HLN_K_F16, HLN_K_BF16, HLN_K_TQ2_0 };
    const char *env = getenv("HAOLINE_BENCH_PATH");
    hln_k_path best = hln_k_best_path(), p;
    const char *simd;
    int with_avx2;
    char name[64];
    float *x = (float *)malloc(sizeof(float) * (BK_COLS + BK_MAX_VEC));
    float *y = (float *)malloc(sizeof(float) * BK_ROWS * BK_MAX_VEC);
    float *deq = (float *)malloc(sizeof(float) * BK_DEQ_ELEMS);
    unsigned char *xq = (unsigned char *)malloc(sizeof(float) * BK_COLS * BK_MAX_VEC);
    size_t t;
    int i;
    if (!x || !y || !deq || !xq) { free(x); free(y); free(deq); free(xq); return; }
    for (p = HLN_K_PATH_REF; env && p < HLN_K_PATH_COUNT; p++)
        if (strcmp(env, hln_k_path_name(p)) == 0 && hln_k_path_available(p)) best = p;
    simd = hln_k_path_name(best);
    with_avx2 = best != HLN_K_PATH_AVX2 && hln_k_path_available(HLN_K_PATH_AVX2) && !env;
    for (i = 0; i < BK_COLS + BK_MAX_VEC; i++) x[i] = bk_rand();
    bench_kernels_dram(ctx, gemv_types, sizeof gemv_types / sizeof gemv_types[0], env ? best : HLN_K_PATH_AUTO, with_avx2, x, xq, y);
    bk_l2_cases(ctx, gemv_types, sizeof gemv_types / sizeof gemv_types[0], x, xq, y);

    for (t = 0; t < sizeof gemv_types / sizeof gemv_types[0]; t++) {
        hln_k_type type = gemv_types[t];
        char name2[64], name3[64], name4[64];
        unsigned char *w;
        bk_gemv g;
        double bytes = (double)hln_k_row_size(type, BK_COLS) * BK_ROWS;
        snprintf(name, sizeof name, "gemv-cache/%s", hln_k_type_name(type));
        snprintf(name2, sizeof name2, "gemv2-cache/%s", hln_k_type_name(type));
        snprintf(name3, sizeof name3, "gemv-cache-avx2/%s", hln_k_type_name(type));
        snprintf(name4, sizeof name4, "gemv2-cache-avx2/%s", hln_k_type_name(type));
        if (!bench_want(ctx, name) && !bench_want(ctx, name2) &&
            !(with_avx2 && (bench_want(ctx, name3) || bench_want(ctx, name4)))) continue;
        w = bk_matrix(type, BK_ROWS, BK_COLS);
        if (!w) continue;
        hln_k_quantize(hln_k_vec_dot_type(type), x, xq, BK_COLS);
        memset(&g, 0, sizeof g);
        g.type = type; g.w = w; g.xq = xq; g.y = y; g.opts.path = env ? best : hln_k_gemv_path(type);
        if (bench_want(ctx, name)) bench_row(ctx, name, bytes, bench_time(bk_gemv_run, &g, 0.3), hln_k_path_name(g.opts.path));
        g.opts.parallel_for = bk_parallel_for2; g.opts.n_tasks = 16;
        if (bench_want(ctx, name2)) bench_row_bw(ctx, name2, bytes, bench_time(bk_gemv_run, &g, 0.3), ctx->bandwidth2_gb_per_s, NULL, hln_k_path_name(g.opts.path));
        if (with_avx2) {
            g.opts.path = HLN_K_PATH_AVX2; g.opts.parallel_for = NULL; g.opts.n_tasks = 0;
            if (bench_want(ctx, name3)) bench_row(ctx, name3, bytes, bench_time(bk_gemv_run, &g, 0.3), "avx2 (forced)");
            g.opts.parallel_for = bk_parallel_for2; g.opts.n_tasks = 16;
            if (bench_want(ctx, name4)) bench_row_bw(ctx, name4, bytes, bench_time(bk_gemv_run, &g, 0.3), ctx->bandwidth2_gb_per_s, NULL, "avx2 (forced)");
        }
        free(w);
    }

    for (t = 0; t < sizeof deq_types / sizeof deq_types[0]; t++) {
        hln_k_type type = deq_types[t];
        const hln_k_type_traits *tr = hln_k_traits(type);
        char name2[64];
        unsigned char *w;
        bk_deq d;
        double bytes = (double)hln_k_row_size(type, BK_DEQ_ELEMS);
        snprintf(name, sizeof name, "dequant/%s", tr->name);
        snprintf(name2, sizeof name2, "dequant-naive/%s", tr->name);
        if (!bench_want(ctx, name) && !bench_want(ctx, name2)) continue;
        w = bk_matrix(type, BK_DEQ_ELEMS / 4096, 4096);
        if (!w) continue;
        d.type = type; d.src = w; d.dst = deq;
        d.path = best;
        if (bench_want(ctx, name)) bench_row(ctx, name, bytes, bench_time(bk_deq_run, &d, 0.2), simd);
        d.path = HLN_K_PATH_REF;
        if (bench_want(ctx, name2)) bench_row(ctx, name2, bytes, bench_time(bk_deq_run, &d, 0.2), "scalar _ref");
        free(w);
    }
    bk_bitnet_cases(ctx, best, simd);
    free(x); free(y); free(deq); free(xq);
}

#ifdef HLN_BENCH_KERNELS_MAIN
/* The kernel cases on their own, with the harness of examples/bench.c. */
int main(int argc, char **argv) {
    bench_ctx ctx;
    char cpu[96];
    memset(&ctx, 0, sizeof ctx);
    ctx.out = stdout;
    if (argc > 1) ctx.filter = argv[1];
    bench_bandwidth(&ctx);
    bench_cpu_model(cpu, sizeof cpu);
    printf("cpu: %s; read bandwidth (512 MiB): %.2f GB/s one thread, %.2f GB/s two threads; kernels: %s (cpu class %s; per-type paths in the notes)\n\n",
           cpu, ctx.bandwidth_gb_per_s, ctx.bandwidth2_gb_per_s, hln_k_simd_name(), hln_k_cpu_class());
    bench_kernels(&ctx);
    return 0;
}
#endif
