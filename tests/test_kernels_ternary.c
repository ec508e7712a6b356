/* tests/test_kernels_ternary.c - BitNet b1.58 ternary kernels (I2_S, W2A8, TL1, TL2, the
 * lossless conversions) and the quantized KV cache of haoline_kernels.h.
 *
 *   gcc -std=c99 -O2 -I. tests/test_kernels_ternary.c -o build/test_kernels_ternary && build/test_kernels_ternary
 *
 * Exactness: every ternary GEMV path (ref, AVX2, AVX-512, NEON; W2A8, TL1, TL2; one task or
 * several) must return the same bits as the integer sum the test computes itself times
 * (w_scale * x_scale). Conversions must round-trip byte for byte. No libm. */
#define HAOLINE_KERNELS_IMPLEMENTATION
#include "../haoline_kernels.h"
#include "test.h"

static uint64_t rng_state = 0x2545f4914f6cdd1dull;
static uint32_t rnd(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}
static float rndf(void) { return (float)(rnd() % 2000001) / 1000000.0f - 1.0f; }
static double t_abs(double v) { return v < 0 ? -v : v; }
static void rand_trits(int8_t *t, int64_t n) { int64_t i; for (i = 0; i < n; i++) t[i] = (int8_t)((int)(rnd() % 3) - 1); }
static void rand_i8(int8_t *x, int64_t n) { int64_t i; for (i = 0; i < n; i++) x[i] = (int8_t)((int)(rnd() % 255) - 127); }

static const hln_k_path all_paths[] = { HLN_K_PATH_REF, HLN_K_PATH_AVX2, HLN_K_PATH_AVX512, HLN_K_PATH_NEON };

static void serial_parallel_for(void *user, int n_tasks, void (*task)(void *arg, int i), void *arg) {
    int i;
    (*(int *)user)++;
    for (i = n_tasks - 1; i >= 0; i--) task(arg, i);
}

/* The I2_S layout facts (bitnet.cpp src/ggml-bitnet-mad.cpp quantize_i2_s, x86 QK_I2_S = 128):
 * value j of a 128-block sits in byte j % 32 at bits 6 - 2 (j / 32), code = trit + 1, one float
 * scale at byte n / 4 and n / 4 + 32 bytes in all. */
static void test_i2s_layout(void) {
    int8_t t[256], back[256];
    unsigned char buf[256 / 4 + 32];
    float y[256], s = 0.0f;
    int j;
    memset(t, 0, sizeof t);
    t[0] = 1; t[33] = -1; t[127] = 1; t[128 + 64] = -1;
    T_EQ_U64(hln_k_i2s_size(256), 96);
    T_EQ_U64(hln_k_i2s_size(100), 0);
    T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_I2_S, t, 0.75f, 256, buf) == HLN_K_OK);
    T_EQ_U64(buf[0], (2 << 6) | (1 << 4) | (1 << 2) | 1);      /* values 0, 32, 64, 96 */
    T_EQ_U64(buf[1], (1 << 6) | (0 << 4) | (1 << 2) | 1);      /* 1, 33 (-1), 65, 97 */
    T_EQ_U64(buf[31], (1 << 6) | (1 << 4) | (1 << 2) | 2);     /* 127 (+1) in bits 0-1 */
    T_EQ_U64(buf[32], (1 << 6) | (1 << 4) | (0 << 2) | 1);     /* block 2: 128 + 64 (-1) */
    T_CHECK(hln_k_i2s_scale(buf, 256) == 0.75f);
    for (j = 0; j < 28; j++) T_CHECK(buf[64 + 4 + j] == 0);
    T_CHECK(hln_k_dequantize(HLN_K_I2_S, buf, y, 256) == HLN_K_OK);
    for (j = 0; j < 256; j++) T_CHECK(y[j] == (float)t[j]);
    T_CHECK(hln_k_ternary_unpack(HLN_K_TERNARY_I2_S, buf, 256, back, &s) == HLN_K_OK);
    T_CHECK(memcmp(back, t, 256) == 0 && s == 0.75f);
    T_CHECK(hln_k_type_from_name("I2_S") == HLN_K_I2_S && HLN_K_I2_S == 36);
}

static void test_conversions(void) {
    static const hln_k_ternary_format fmts[4] = { HLN_K_TERNARY_TQ1_0, HLN_K_TERNARY_TQ2_0, HLN_K_TERNARY_I2_S, HLN_K_TERNARY_PACKED2 };
    const int64_t n = 256 * 7;
    int8_t t[256 * 7], back[256 * 7];
    unsigned char *a = (unsigned char *)malloc(4096), *b = (unsigned char *)malloc(4096), *c = (unsigned char *)malloc(4096);
    float s;
    int f, g;
    rand_trits(t, n);
    for (f = 0; f < 4; f++)
        for (g = 0; g < 4; g++) {
            size_t sa = hln_k_ternary_size(fmts[f], n);
            T_CHECK(sa > 0);
            T_CHECK(hln_k_ternary_pack(fmts[f], t, 0.0625f, n, a) == HLN_K_OK);
            T_CHECK(hln_k_ternary_convert(fmts[f], a, fmts[g], b, n) == HLN_K_OK);
            T_CHECK(hln_k_ternary_unpack(fmts[g], b, n, back, &s) == HLN_K_OK);
            T_CHECK(memcmp(back, t, (size_t)n) == 0 && s == 0.0625f);
            T_CHECK(hln_k_ternary_convert(fmts[g], b, fmts[f], c, n) == HLN_K_OK);
            T_CHECKF(memcmp(a, c, sa) == 0, "%d -> %d -> %d not byte-identical", f, g, f);
        }
    /* TQ2_0 -> I2_S -> TQ2_0, then blocks with different scales */
    {
        T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_TQ2_0, t, 0.5f, n, a) == HLN_K_OK);
        T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_TQ2_0, a, HLN_K_TERNARY_I2_S, b, n) == HLN_K_OK);
        T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_I2_S, b, HLN_K_TERNARY_TQ2_0, c, n) == HLN_K_OK);
        T_CHECK(memcmp(a, c, hln_k_ternary_size(HLN_K_TERNARY_TQ2_0, n)) == 0);
        /* two blocks with different scales cannot become one per-tensor scale */
        a[66 + 64] ^= 0x01;
        memset(b, 0xAB, 4096);
        T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_TQ2_0, a, HLN_K_TERNARY_I2_S, b, n) == HLN_K_ERR_ARG);
        T_CHECK(b[0] == 0xAB);   /* nothing written */
        T_CHECK(hln_k_ternary_unpack(HLN_K_TERNARY_TQ2_0, a, n, back, &s) == HLN_K_ERR_ARG);
        T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_TQ2_0, a, HLN_K_TERNARY_TQ1_0, c, n) == HLN_K_OK);  /* TQ to TQ keeps per-block scales */
        T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_TQ1_0, c, HLN_K_TERNARY_TQ2_0, b, n) == HLN_K_OK);
        T_CHECK(memcmp(a, b, hln_k_ternary_size(HLN_K_TERNARY_TQ2_0, n)) == 0);
    }
    /* a scale that is not an exact fp16 cannot go into TQ; code 3 is not ternary */
    T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_I2_S, t, 0.1f, n, a) == HLN_K_OK);
    T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_I2_S, a, HLN_K_TERNARY_TQ2_0, b, n) == HLN_K_ERR_ARG);
    T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_I2_S, a, HLN_K_TERNARY_PACKED2, b, n) == HLN_K_OK);
    a[5] |= 0xC0;
    T_CHECK(hln_k_ternary_convert(HLN_K_TERNARY_I2_S, a, HLN_K_TERNARY_PACKED2, b, n) == HLN_K_ERR_ARG);
    T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_TQ1_0, t, 0.1f, n, a) == HLN_K_ERR_ARG);
    T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_TQ1_0, t, 1.0f, 128, a) == HLN_K_ERR_SIZE);
    T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_I2_S, t, 1.0f, 128, a) == HLN_K_OK);
    t[3] = 2;
    T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_I2_S, t, 1.0f, 128, a) == HLN_K_ERR_ARG);
    T_CHECK(hln_k_ternary_convert((hln_k_ternary_format)9, a, HLN_K_TERNARY_I2_S, b, 256) == HLN_K_ERR_ARG);
    free(a); free(b); free(c);
}

static void test_quantizers(void) {
    float x[300], w[8] = { 0.5f, -0.25f, 0.0f, 1.0f, -2.0f, 0.1f, 0.2f, -0.3f }, s, want;
    int8_t q[300], t[8];
    int i, saw127 = 0;
    for (i = 0; i < 300; i++) x[i] = rndf() * 3.0f;
    x[17] = -5.0f;
    T_CHECK(hln_k_act_quantize_i8(x, 300, q, &s) == HLN_K_OK);
    want = 5.0f / 127.0f;   /* stored first: FLT_EVAL_METHOD 1 hosts (s390x) divide in double */
    T_CHECK(s == want);
    for (i = 0; i < 300; i++) {
        T_CHECKF(t_abs((double)q[i] * s - x[i]) <= 0.5000001 * s, "x[%d] = %g, q %d", i, x[i], q[i]);
        if (q[i] == -127) saw127++;
    }
    T_CHECK(saw127 == 1 && q[17] == -127);
    /* absmean: mean |w| = 4.55 / 8; w / scale rounds to 1, -0, 0, 2 -> 1, -3.5 -> -1, ... */
    T_CHECK(hln_k_absmean_ternary(w, 8, t, &s) == HLN_K_OK);
    {
        double sum = 0;
        for (i = 0; i < 8; i++) sum += t_abs(w[i]);
        T_CHECK(s == (float)(sum / 8.0));
    }
    T_CHECK(t[0] == 1 && t[1] == 0 && t[2] == 0 && t[3] == 1 && t[4] == -1 && t[5] == 0 && t[6] == 0 && t[7] == -1);
    memset(x, 0, sizeof x);
    T_CHECK(hln_k_act_quantize_i8(x, 300, q, &s) == HLN_K_OK && s == 0.0f && q[0] == 0);
    T_CHECK(hln_k_absmean_ternary(w, -1, t, &s) == HLN_K_ERR_SIZE);
}

/* y[r] = (float)(sum_j t[r][j] x[j]) * (ws * xs), computed here in integers */
static void want_rows(const int8_t *t, const int8_t *x, int64_t rows, int64_t cols, float scale, float *want) {
    int64_t r, j;
    for (r = 0; r < rows; r++) {
        int64_t s = 0;
        for (j = 0; j < cols; j++) s += (int64_t)t[r * cols + j] * x[j];
        want[r] = (float)s * scale;
    }
}

static void test_ternary_gemv(void) {
    int iter, p, k;
    for (iter = 0; iter < 12; iter++) {
        /* I2_S needs cols % 128; the TL formats take any cols (odd ones every other iteration) */
        const int64_t rows = 1 + (int64_t)(rnd() % 75), cols = 128 * (1 + (int64_t)(rnd() % 9)) + (iter & 1 ? 0 : (int64_t)(rnd() % 5));
        const int64_t cols128 = cols / 128 * 128;
        int8_t *t = (int8_t *)malloc((size_t)(rows * cols)), *t128 = (int8_t *)malloc((size_t)(rows * cols128));
        int8_t *x = (int8_t *)malloc((size_t)cols + 1);
        unsigned char *wi = (unsigned char *)malloc(hln_k_i2s_size(rows * cols128) + 1);
        float *y = (float *)malloc(sizeof(float) * (size_t)rows), *want = (float *)malloc(sizeof(float) * (size_t)rows);
        const float ws = 0.8125f * (1.0f + (float)(rnd() % 7)), xs = 0.0390625f;
        int64_t r;
        rand_trits(t, rows * cols);
        rand_i8(x + 1, cols);
        if (iter == 0) for (r = 0; r < cols; r++) x[1 + r] = (int8_t)(r & 1 ? -127 : 127);   /* extremes */
        for (r = 0; r < rows; r++) memcpy(t128 + r * cols128, t + r * cols, (size_t)cols128);
        /* W2A8 on I2_S */
        T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_I2_S, t128, ws, rows * cols128, wi + 1) == HLN_K_OK);
        want_rows(t128, x + 1, rows, cols128, ws * xs, want);
        for (p = 0; p < 4; p++) {
            hln_k_gemv_options o;
            int calls = 0;
            if (!hln_k_path_available(all_paths[p])) continue;
            memset(&o, 0, sizeof o); o.path = all_paths[p];
            T_CHECK(hln_k_i2s_gemv(wi + 1, rows, cols128, x + 1, xs, y, &o) == HLN_K_OK);
            for (r = 0; r < rows; r++)
                T_CHECKF(y[r] == want[r], "W2A8 %s %lldx%lld row %lld: %.9g vs %.9g", hln_k_path_name(all_paths[p]),
                         (long long)rows, (long long)cols128, (long long)r, y[r], want[r]);
            o.parallel_for = serial_parallel_for; o.user = &calls; o.n_tasks = 3;
            T_CHECK(hln_k_i2s_gemv(wi + 1, rows, cols128, x + 1, xs, y, &o) == HLN_K_OK);
            for (r = 0; r < rows; r++) T_CHECK(y[r] == want[r]);
            if (rows > 8) T_CHECK(calls == 1);
        }
        /* TL1 / TL2 on the full (possibly odd) width */
        want_rows(t, x + 1, rows, cols, ws * xs, want);
        for (k = 1; k <= 2; k++) {
            hln_k_tl_kind kind = (hln_k_tl_kind)k;
            unsigned char *wt = (unsigned char *)malloc(hln_k_tl_weight_size(kind, rows, cols) + 1);
            unsigned char *tb = (unsigned char *)malloc(hln_k_tl_table_size(kind, cols) + 1);
            T_CHECK(hln_k_tl_weight_size(kind, rows, cols) == (size_t)((rows + 31) / 32 * ((cols + k) / (k + 1)) * (k == 1 ? 16 : 20)));
            T_CHECK(hln_k_tl_pack(kind, t, rows, cols, wt + 1) == HLN_K_OK);
            T_CHECK(hln_k_tl_tables(kind, x + 1, cols, tb + 1) == HLN_K_OK);
            for (p = 0; p < 4; p++) {
                hln_k_gemv_options o;
                int calls = 0;
                if (!hln_k_path_available(all_paths[p])) continue;
                memset(&o, 0, sizeof o); o.path = all_paths[p];
                T_CHECK(hln_k_tl_gemv(kind, wt + 1, ws, rows, cols, tb + 1, xs, y, &o) == HLN_K_OK);
                for (r = 0; r < rows; r++)
                    T_CHECKF(y[r] == want[r], "TL%d %s %lldx%lld row %lld: %.9g vs %.9g", k, hln_k_path_name(all_paths[p]),
                             (long long)rows, (long long)cols, (long long)r, y[r], want[r]);
                o.parallel_for = serial_parallel_for; o.user = &calls; o.n_tasks = 2;
                T_CHECK(hln_k_tl_gemv(kind, wt + 1, ws, rows, cols, tb + 1, xs, y, &o) == HLN_K_OK);
                for (r = 0; r < rows; r++) T_CHECK(y[r] == want[r]);
            }
            free(wt); free(tb);
        }
        free(t); free(t128); free(x); free(wi); free(y); free(want);
    }
    {   /* errors */
        unsigned char w[64] = { 0 };
        int8_t x[128] = { 0 }, tt[4] = { 0, 1, 2, 0 };
        float y[4];
        T_CHECK(hln_k_i2s_gemv(w, 1, 100, x, 1.0f, y, NULL) == HLN_K_ERR_SIZE);
        T_CHECK(hln_k_i2s_gemv(NULL, 1, 128, x, 1.0f, y, NULL) == HLN_K_ERR_ARG);
        T_CHECK(hln_k_tl_pack((hln_k_tl_kind)3, tt, 1, 4, w) == HLN_K_ERR_ARG);
        T_CHECK(hln_k_tl_pack(HLN_K_TL2, tt, 1, 4, w) == HLN_K_ERR_ARG);   /* 2 is not a trit */
        T_CHECK(hln_k_tl_gemv(HLN_K_TL1, w, 1.0f, -1, 4, w, 1.0f, y, NULL) == HLN_K_ERR_SIZE);
    }
}

/* ---- KV cache ---------------------------------------------------------------------------- */
static void test_kv_costs(void) {
    hln_k_kv_config c;
    memset(&c, 0, sizeof c);
    c.dim = 128; c.group_size = 32;
    c.format = HLN_K_KV_Q8_0; T_CHECK(hln_k_kv_bytes_per_token(&c) == 4 * (2 + 32));
    c.format = HLN_K_KV_Q4_0; T_CHECK(hln_k_kv_bytes_per_token(&c) == 4 * (2 + 16));
    c.format = HLN_K_KV_U8; T_CHECK(hln_k_kv_bytes_per_token(&c) == 4 * (4 + 32));
    c.format = HLN_K_KV_NF4; T_CHECK(hln_k_kv_bytes_per_token(&c) == 4 * (2 + 16));
    T_EQ_U64(hln_k_kv_fixed_bytes(&c), 0);
    T_EQ_U64(hln_k_kv_size(&c, 10), 10 * 72);
    c.axis = HLN_K_KV_PER_CHANNEL; c.group_size = 64;
    c.format = HLN_K_KV_Q8_0; T_CHECK(hln_k_kv_bytes_per_token(&c) == (128.0 * 2 + 64 * 128) / 64);
    c.format = HLN_K_KV_U8; T_CHECK(hln_k_kv_bytes_per_token(&c) == (128.0 * 4 + 64 * 128) / 64);
    c.format = HLN_K_KV_Q4_0; T_CHECK(hln_k_kv_bytes_per_token(&c) == (128.0 * 2 + 64 * 64) / 64);
    T_EQ_U64(hln_k_kv_fixed_bytes(&c), 64 * 128 * 4);
    T_EQ_U64(hln_k_kv_size(&c, 65), 2 * (128 * 2 + 64 * 64) + 64 * 128 * 4);
    c.group_size = 3; T_CHECK(hln_k_kv_bytes_per_token(&c) == 0 && hln_k_kv_size(&c, 1) == 0);
    c.group_size = 2048; T_CHECK(hln_k_kv_size(&c, 1) == 0);
    c.axis = HLN_K_KV_PER_TOKEN; c.group_size = 48; T_CHECK(hln_k_kv_size(&c, 1) == 0);   /* 48 does not divide 128 */
    c.format = (hln_k_kv_format)7; c.group_size = 32; T_CHECK(hln_k_kv_size(&c, 1) == 0);
}

static void test_kv_cache(void) {
    static const hln_k_kv_format fmts[4] = { HLN_K_KV_Q8_0, HLN_K_KV_Q4_0, HLN_K_KV_U8, HLN_K_KV_NF4 };
    static const double bound[4] = { 0.51 / 127.0, 1.01 / 8.0, 0.51 / 255.0, 0.16 };   /* x group range */
    int f, axis;
    for (f = 0; f < 4; f++)
        for (axis = 0; axis < 2; axis++) {
            hln_k_kv_config c;
            hln_k_kv kv;
            const int dim = axis ? 96 : 128, G = axis ? 16 : 32, ntok = 150;
            float *x = (float *)malloc(sizeof(float) * dim * ntok), *row = (float *)malloc(sizeof(float) * dim);
            float *stored = (float *)malloc(sizeof(float) * dim * ntok), q[128], p[150], sc[150], out[128];
            size_t size;
            void *buf;
            int t, ch;
            double worst = 0, err_sum = 0;
            memset(&c, 0, sizeof c);
            c.format = fmts[f]; c.axis = (hln_k_kv_axis)axis; c.dim = dim; c.group_size = G;
            size = hln_k_kv_size(&c, ntok);
            T_CHECK(size > 0);
            buf = malloc(size);
            T_CHECK(hln_k_kv_init(&kv, &c, buf, size - 1, ntok) == HLN_K_ERR_SIZE);
            T_CHECK(hln_k_kv_init(&kv, &c, buf, size, ntok) == HLN_K_OK);
            for (t = 0; t < ntok * dim; t++) x[t] = rndf() * (1.0f + (float)(t % 7)) + (axis ? 0.3f * (float)(t % dim) / (float)dim : 0.0f);
            for (t = 0; t < ntok; t++) T_CHECK(hln_k_kv_append(&kv, x + t * dim) == HLN_K_OK);
            T_CHECK(hln_k_kv_append(&kv, x) == HLN_K_ERR_SIZE);
            T_CHECK(kv.n_tokens == ntok);
            /* stored values within the format's error bound of their group's range */
            for (t = 0; t < ntok; t++) {
                T_CHECK(hln_k_kv_get(&kv, t, stored + t * dim) == HLN_K_OK);
                for (ch = 0; ch < dim; ch++) {
                    double lo = 1e30, hi = -1e30, range, e = t_abs((double)stored[t * dim + ch] - x[t * dim + ch]);
                    int k, n0 = axis ? t / G * G : ch / G * G;
                    for (k = n0; k < n0 + G; k++) {
                        double v;
                        if (axis && k >= ntok) break;
                        v = axis ? x[k * dim + ch] : x[t * dim + k];
                        if (v < lo) lo = v;
                        if (v > hi) hi = v;
                    }
                    range = fmts[f] == HLN_K_KV_U8 ? hi - lo : (t_abs(lo) > t_abs(hi) ? t_abs(lo) : t_abs(hi));
                    if (axis && t >= ntok / G * G) T_CHECK(e == 0);   /* still in the float staging area */
                    if (e > bound[f] * range + 1e-3 * range / 64) worst = e;
                    err_sum += e;
                }
            }
            T_CHECKF(worst == 0, "format %d axis %d: error %g beyond the bound", f, axis, worst);
            T_CHECK(err_sum > 0);   /* it does quantize */
            /* scores and weighted sums against the stored rows, in double */
            for (ch = 0; ch < dim; ch++) q[ch] = rndf();
            for (t = 0; t < ntok; t++) p[t] = (float)(rnd() % 1000) / 150000.0f;
            T_CHECK(hln_k_kv_scores(&kv, q, sc) == HLN_K_OK);
            T_CHECK(hln_k_kv_weighted_sum(&kv, p, out) == HLN_K_OK);
            for (t = 0; t < ntok; t++) {
                double want = 0, mag = 0;
                for (ch = 0; ch < dim; ch++) { want += (double)q[ch] * stored[t * dim + ch]; mag += t_abs((double)q[ch] * stored[t * dim + ch]); }
                T_CHECKF(t_abs(sc[t] - want) <= 1e-5 * mag + 1e-6, "format %d axis %d token %d: %.9g vs %.9g", f, axis, t, sc[t], want);
            }
            for (ch = 0; ch < dim; ch++) {
                double want = 0, mag = 0;
                for (t = 0; t < ntok; t++) { want += (double)p[t] * stored[t * dim + ch]; mag += t_abs((double)p[t] * stored[t * dim + ch]); }
                T_CHECKF(t_abs(out[ch] - want) <= 1e-5 * mag + 1e-6, "format %d axis %d channel %d: %.9g vs %.9g", f, axis, ch, out[ch], want);
            }
            T_CHECK(hln_k_kv_get(&kv, ntok, row) == HLN_K_ERR_ARG);
            free(x); free(row); free(stored); free(buf);
        }
}

int main(void) {
    T_RUN(test_i2s_layout);
    T_RUN(test_conversions);
    T_RUN(test_quantizers);
    T_RUN(test_ternary_gemv);
    T_RUN(test_kv_costs);
    T_RUN(test_kv_cache);
    return t_finish("test_kernels_ternary");
}
