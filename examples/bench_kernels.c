/* examples/bench_kernels.c - the kernel cases of `haoline bench`.
 *
 * gemv/T        y = W x, W 11008 x 4096 of type T, one thread, best SIMD path
 * gemv2/T       the same through a two-thread pthread parallel-for (the library makes no threads);
 *               its ratio is to the TWO-thread read bandwidth
 * gemv-avx2/T, gemv2-avx2/T   the same with the AVX2 path forced (hln_k_gemv_options.path), on
 *               x86 CPUs whose best path is AVX-512, so one machine checks both paths
 * dequant/T     dequantize 1M elements, best path
 * dequant-naive/T  the scalar _ref loop on the same data (K-quants and a few others)
 * Bytes are the weight bytes read; the harness prints GB/s and the ratio to the measured
 * single-thread read bandwidth. The note column names the SIMD path.
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

/* bench_row with the ratio taken to the two-thread bandwidth */
static void bk_row2(bench_ctx *ctx, const char *name, double bytes, double seconds, const char *note) {
    double bw1 = ctx->bandwidth_gb_per_s;
    char n2[96];
    if (ctx->bandwidth2_gb_per_s > 0) ctx->bandwidth_gb_per_s = ctx->bandwidth2_gb_per_s;
    snprintf(n2, sizeof n2, "%s; ratio to 2-thread bw", note);
    bench_row(ctx, name, bytes, seconds, n2);
    ctx->bandwidth_gb_per_s = bw1;
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
    unsigned char *w = (unsigned char *)malloc(rs * (size_t)rows);
    float *seed = (float *)malloc(sizeof(float) * (size_t)cols * BK_SEED_ROWS);
    int64_t i;
    if (!w || !seed) { free(w); free(seed); return NULL; }
    for (i = 0; i < cols * BK_SEED_ROWS; i++) seed[i] = bk_rand() * 0.05f;
    hln_k_quantize(type, seed, w, cols * BK_SEED_ROWS);
    for (i = BK_SEED_ROWS; i < rows; i++) memcpy(w + (size_t)i * rs, w + (size_t)(i % BK_SEED_ROWS) * rs, rs);
    free(seed);
    return w;
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
    float *x = (float *)malloc(sizeof(float) * BK_COLS);
    float *y = (float *)malloc(sizeof(float) * BK_ROWS);
    float *deq = (float *)malloc(sizeof(float) * BK_DEQ_ELEMS);
    unsigned char *xq = (unsigned char *)malloc(sizeof(float) * BK_COLS);
    size_t t;
    int i;
    if (!x || !y || !deq || !xq) { free(x); free(y); free(deq); free(xq); return; }
    for (p = HLN_K_PATH_REF; env && p < HLN_K_PATH_COUNT; p++)
        if (strcmp(env, hln_k_path_name(p)) == 0 && hln_k_path_available(p)) best = p;
    simd = hln_k_path_name(best);
    with_avx2 = best != HLN_K_PATH_AVX2 && hln_k_path_available(HLN_K_PATH_AVX2) && !env;
    for (i = 0; i < BK_COLS; i++) x[i] = bk_rand();

    for (t = 0; t < sizeof gemv_types / sizeof gemv_types[0]; t++) {
        hln_k_type type = gemv_types[t];
        char name2[64], name3[64], name4[64];
        unsigned char *w;
        bk_gemv g;
        double bytes = (double)hln_k_row_size(type, BK_COLS) * BK_ROWS;
        snprintf(name, sizeof name, "gemv/%s", hln_k_type_name(type));
        snprintf(name2, sizeof name2, "gemv2/%s", hln_k_type_name(type));
        snprintf(name3, sizeof name3, "gemv-avx2/%s", hln_k_type_name(type));
        snprintf(name4, sizeof name4, "gemv2-avx2/%s", hln_k_type_name(type));
        if (!bench_want(ctx, name) && !bench_want(ctx, name2) &&
            !(with_avx2 && (bench_want(ctx, name3) || bench_want(ctx, name4)))) continue;
        w = bk_matrix(type, BK_ROWS, BK_COLS);
        if (!w) continue;
        hln_k_quantize(hln_k_vec_dot_type(type), x, xq, BK_COLS);
        memset(&g, 0, sizeof g);
        g.type = type; g.w = w; g.xq = xq; g.y = y; g.opts.path = best;
        if (bench_want(ctx, name)) bench_row(ctx, name, bytes, bench_time(bk_gemv_run, &g, 0.3), simd);
        g.opts.parallel_for = bk_parallel_for2; g.opts.n_tasks = 16;
        if (bench_want(ctx, name2)) bk_row2(ctx, name2, bytes, bench_time(bk_gemv_run, &g, 0.3), simd);
        if (with_avx2) {
            g.opts.path = HLN_K_PATH_AVX2; g.opts.parallel_for = NULL; g.opts.n_tasks = 0;
            if (bench_want(ctx, name3)) bench_row(ctx, name3, bytes, bench_time(bk_gemv_run, &g, 0.3), "avx2 (forced)");
            g.opts.parallel_for = bk_parallel_for2; g.opts.n_tasks = 16;
            if (bench_want(ctx, name4)) bk_row2(ctx, name4, bytes, bench_time(bk_gemv_run, &g, 0.3), "avx2 (forced)");
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
    free(x); free(y); free(deq); free(xq);
}

#ifdef HLN_BENCH_KERNELS_MAIN
/* The kernel cases on their own, with the harness of examples/bench.c. */
int main(int argc, char **argv) {
    bench_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.out = stdout;
    if (argc > 1) ctx.filter = argv[1];
    bench_bandwidth(&ctx);
    printf("read bandwidth: %.2f GB/s one thread, %.2f GB/s two threads; kernels: %s\n\n",
           ctx.bandwidth_gb_per_s, ctx.bandwidth2_gb_per_s, hln_k_simd_name());
    bench_kernels(&ctx);
    return 0;
}
#endif
