/* tests/test_kernels.c - haoline_kernels.h against ggml's reference vectors and against itself.
 *
 *   gcc -std=c99 -O2 -I. tests/test_kernels.c -o build/test_kernels && build/test_kernels
 *   aarch64-linux-gnu-gcc -O2 -static tests/test_kernels.c -o build/test_kernels_neon && qemu-aarch64 build/test_kernels_neon
 *
 * Tolerances: dequantization, byte-exact quantizers and every SIMD dequant path are compared
 * bit for bit. Dots: against ggml's dot.json values 1e-5 relative; SIMD dots against _ref
 * within 1e-5 * sum|w_i x_i| (float accumulation order differs, the integer parts do not).
 * Search quantizers: per row of input_f32.bin, squared error <= 1.0201 x ggml's (RMSE <= 1.01x).
 * No libm: the static aarch64 build links none. */
#define HAOLINE_KERNELS_IMPLEMENTATION
#include "../haoline_kernels.h"
#include "test.h"

#define N_ROW 4096
#define N_ROWS 4

static double t_abs(double v) { return v < 0 ? -v : v; }
/* HAOLINE_TEST_QUICK=1 (the emulated big-endian run): smaller random GEMV shapes, same checks */
static int quick(void) { const char *q = getenv("HAOLINE_TEST_QUICK"); return q && *q && *q != '0'; }

static unsigned char *load(const char *name, size_t *size) {
    char path[1024];
    snprintf(path, sizeof path, "%s/quant/%s", t_corpus(), name);
    return t_read_file(path, size);
}
/* the corpus' *_f32.bin files hold little-endian floats */
static float *load_f32(const char *name, size_t *size) {
    unsigned char *p = load(name, size);
    float *v = p ? t_le_f32_array(p, *size / 4) : NULL;
    free(p);
    return v;
}

static const char *const corpus_types[] = {
    "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q8_K",
    "IQ4_NL", "IQ4_XS", "IQ2_XXS", "IQ2_XS", "IQ2_S", "IQ3_XXS", "IQ3_S", "IQ1_S", "IQ1_M",
    "TQ1_0", "TQ2_0", "MXFP4", "NVFP4", "Q1_0", "Q2_0" };
#define N_CORPUS_TYPES (int)(sizeof corpus_types / sizeof corpus_types[0])

static const hln_k_type dot_types[] = {
    HLN_K_F16, HLN_K_BF16, HLN_K_Q4_0, HLN_K_Q4_1, HLN_K_Q5_0, HLN_K_Q5_1, HLN_K_Q8_0, HLN_K_Q2_K,
    HLN_K_Q3_K, HLN_K_Q4_K, HLN_K_Q5_K, HLN_K_Q6_K, HLN_K_IQ4_NL, HLN_K_IQ4_XS, HLN_K_TQ1_0, HLN_K_TQ2_0 };
#define N_DOT_TYPES (int)(sizeof dot_types / sizeof dot_types[0])
/* dot types without a quantizer here (MXFP4 has one): random blocks instead of quantized rows */
static const hln_k_type new_dot_types[] = {
    HLN_K_IQ1_S, HLN_K_IQ1_M, HLN_K_IQ2_XXS, HLN_K_IQ2_XS, HLN_K_IQ2_S, HLN_K_IQ3_XXS, HLN_K_IQ3_S,
    HLN_K_MXFP4, HLN_K_NVFP4, HLN_K_Q1_0, HLN_K_Q2_0 };
#define N_NEW_DOT_TYPES (int)(sizeof new_dot_types / sizeof new_dot_types[0])

static const hln_k_path simd_paths[] = { HLN_K_PATH_AVX2, HLN_K_PATH_AVX512, HLN_K_PATH_NEON };

/* deterministic random numbers */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}
static float rndf(void) { return (float)(rnd() % 2000001) / 1000000.0f - 1.0f; } /* [-1, 1] */

static float *input_row(int r) {
    static float *in = NULL;
    static size_t sz;
    if (!in) in = load_f32("input_f32.bin", &sz);
    return in && sz == sizeof(float) * N_ROW * N_ROWS ? in + (size_t)r * N_ROW : NULL;
}

/* ---------------------------------------------------------------------------------------- */
static void test_static_facts(void) {
    T_EQ_U64(hln_k_row_size(HLN_K_Q4_K, 4096), 2304);
    T_EQ_U64(hln_k_row_size(HLN_K_Q4_K, 4095), 0);
    T_EQ_U64(hln_k_row_size(HLN_K_NVFP4, 4096), 2304);
    T_EQ_U64(hln_k_row_size((hln_k_type)4, 32), 0);
    T_CHECK(hln_k_type_from_name("q6_k") == HLN_K_Q6_K);
    T_CHECK(hln_k_type_from_name("nope") == HLN_K_TYPE_NONE);
    T_EQ_STR(hln_k_type_name(HLN_K_IQ2_XXS), "IQ2_XXS");
    T_CHECK(hln_k_vec_dot_type(HLN_K_Q4_1) == HLN_K_Q8_1);
    T_CHECK(hln_k_path_available(HLN_K_PATH_REF));
    T_CHECK(hln_k_simd_name() != NULL);
    fprintf(stderr, "  simd path: %s\n", hln_k_simd_name());
}

static void test_errors(void) {
    float y[64], x[64] = { 0 };
    unsigned char buf[256] = { 0 };
    T_CHECK(hln_k_dequantize(HLN_K_Q4_0, buf, y, 31) == HLN_K_ERR_SIZE);
    T_CHECK(hln_k_dequantize((hln_k_type)5, buf, y, 32) == HLN_K_ERR_TYPE);
    T_CHECK(hln_k_dequantize(HLN_K_Q4_0, NULL, y, 32) == HLN_K_ERR_ARG);
    T_CHECK(hln_k_quantize(HLN_K_IQ2_XXS, x, buf, 256) == HLN_K_ERR_TYPE);
    T_CHECK(hln_k_vec_dot(HLN_K_Q8_K, 256, buf, buf, y) == HLN_K_ERR_TYPE);
    T_CHECK(hln_k_quantize(HLN_K_Q8_0, x, buf, -32) == HLN_K_ERR_SIZE);
    T_CHECK(hln_k_int4_quantize(x, 64, 12, (uint32_t *)buf, y, buf + 128) == HLN_K_ERR_ARG);
    T_CHECK(hln_k_nf4_quantize(x, (hln_k_block_nf4 *)buf, 63) == HLN_K_ERR_SIZE);
    T_CHECK(hln_k_result_string(HLN_K_ERR_PATH) != NULL);
#if !defined(__x86_64__) && !defined(__i386__)
    T_CHECK(hln_k_dequantize_path(HLN_K_PATH_AVX2, HLN_K_Q4_0, buf, y, 32) == HLN_K_ERR_PATH);
#else
    T_CHECK(hln_k_dequantize_path(HLN_K_PATH_NEON, HLN_K_Q4_0, buf, y, 32) == HLN_K_ERR_PATH);
#endif
}

/* fp16 value from its fields, computed independently in double */
static double fp16_value(uint16_t h) {
    int e = (h >> 10) & 31, m = h & 1023;
    double v = e ? (1.0 + m / 1024.0) : (m / 1024.0);
    int k, ex = e ? e - 15 : -14;
    for (k = 0; k < (ex < 0 ? -ex : ex); k++) v = ex < 0 ? v / 2 : v * 2;
    return (h & 0x8000) ? -v : v;
}
static void test_fp16(void) {
    uint32_t h, i;
    int bad = 0;
    for (h = 0; h < 65536; h++) {
        float f = hln_k_fp16_to_fp32((uint16_t)h);
        int e = (h >> 10) & 31;
        if (e == 31) {
            if ((h & 1023) == 0) { if (!(f == (h & 0x8000 ? -1.0f / 0.0f : 1.0f / 0.0f))) bad++; }
            else if (f == f) bad++;
            else if (hln_k_fp32_to_fp16(f) != (uint16_t)((h & 0x8000) | 0x7e00)) bad++;
            continue;
        }
        if ((double)f != fp16_value((uint16_t)h)) bad++;
        if (hln_k_fp32_to_fp16(f) != h) bad++;
    }
    T_EQ_I64(bad, 0);
    /* fp32 -> fp16 rounds to nearest, ties to even: check random floats against neighbours */
    bad = 0;
    for (i = 0; i < 200000; i++) {
        uint32_t u = (rnd() << 16) ^ rnd();
        float f; uint16_t r; double v, dv, dn, dp;
        u = (u & 0x807fffffu) | ((uint32_t)(100 + rnd() % 45) << 23);   /* 2^-27 .. 2^17 */
        memcpy(&f, &u, 4);
        r = hln_k_fp32_to_fp16(f);
        if ((r & 0x7c00) == 0x7c00) { if (t_abs(f) < 65520.0) bad++; continue; }
        v = fp16_value(r); dv = t_abs(v - f);
        dn = (r & 0x7fff) ? t_abs(fp16_value((uint16_t)(r - 1)) - f) : 1e30;
        dp = ((r & 0x7fff) < 0x7bff) ? t_abs(fp16_value((uint16_t)(r + 1)) - f) : 1e30;
        if (dv > dn || dv > dp) bad++;
        if ((dv == dn || dv == dp) && (r & 1)) bad++;
    }
    T_EQ_I64(bad, 0);
    T_EQ_U64(hln_k_fp32_to_fp16(65520.0f), 0x7c00);
    T_EQ_U64(hln_k_fp32_to_fp16(65519.0f), 0x7bff);
    T_EQ_U64(hln_k_fp32_to_fp16(5.9604645e-08f), 0x0001);
    T_EQ_U64(hln_k_fp32_to_fp16(2.9802322e-08f), 0x0000);  /* 2^-25: tie to even = 0 */
    T_EQ_U64(hln_k_fp32_to_bf16(1.0f), 0x3f80);
    T_EQ_U64(hln_k_fp32_to_bf16(1.00390625f), 0x3f80);     /* tie: even */
    T_EQ_U64(hln_k_fp32_to_bf16(1.01171875f), 0x3f82);     /* tie: even (up) */
    T_CHECK(hln_k_bf16_to_fp32(0x4049) == 3.140625f);
}

static void test_fp8(void) {
    int v, bad = 0;
    for (v = 0; v < 256; v++) {
        float f = hln_k_fp8_e4m3_to_fp32((uint8_t)v), g = hln_k_fp8_e5m2_to_fp32((uint8_t)v);
        if ((v & 0x7f) == 0x7f) { if (f == f) bad++; }
        else if (hln_k_fp32_to_fp8_e4m3(f) != v) bad++;
        if ((v & 0x7c) == 0x7c && (v & 3)) { if (g == g) bad++; }
        else if (hln_k_fp32_to_fp8_e5m2(g) != v) bad++;
    }
    T_EQ_I64(bad, 0);
    T_CHECK(hln_k_fp8_e4m3_to_fp32(0x7e) == 448.0f);
    T_CHECK(hln_k_fp8_e4m3_to_fp32(0x01) == 0.001953125f);          /* 2^-9 */
    T_EQ_U64(hln_k_fp32_to_fp8_e4m3(1000.0f), 0x7e);                 /* saturates */
    T_EQ_U64(hln_k_fp32_to_fp8_e4m3(-1.0f / 0.0f), 0xfe);
    T_EQ_U64(hln_k_fp32_to_fp8_e4m3(1.0625f), 0x38);                 /* tie 1 | 1.125 -> even 1 */
    T_EQ_U64(hln_k_fp32_to_fp8_e4m3(1.1875f), 0x3a);                 /* tie 1.125 | 1.25 -> 1.25 */
    T_EQ_U64(hln_k_fp32_to_fp8_e5m2(1e6f), 0x7c);                    /* overflow: inf */
    T_EQ_U64(hln_k_fp32_to_fp8_e5m2(57344.0f), 0x7b);
    T_EQ_U64(hln_k_fp32_to_fp8_e5m2(1.125f), 0x3c);                  /* tie 1 | 1.25 -> 1 */
    T_CHECK(hln_k_fp8_e5m2_to_fp32(0x01) == 1.52587890625e-05f);     /* 2^-16 */
}

/* ---- corpus: dequantization ------------------------------------------------------------ */
static void test_corpus_dequant(void) {
    int t, p;
    float *out = (float *)malloc(sizeof(float) * N_ROW * N_ROWS);
    unsigned char *shifted = NULL;
    for (t = 0; t < N_CORPUS_TYPES; t++) {
        char name[64], case_name[64];
        size_t bsz = 0, dsz = 0;
        unsigned char *bin, *deq;
        hln_k_type type = hln_k_type_from_name(corpus_types[t]);
        snprintf(case_name, sizeof case_name, "dequant/%s", corpus_types[t]);
        t_begin(case_name);
        snprintf(name, sizeof name, "%s.bin", corpus_types[t]); bin = load(name, &bsz);
        snprintf(name, sizeof name, "%s.dequant_f32.bin", corpus_types[t]); deq = (unsigned char *)load_f32(name, &dsz);
        if (!bin || !deq) { T_SKIP("corpus missing (set HAOLINE_CORPUS)"); free(bin); free(deq); t_end(); continue; }
        T_EQ_U64(bsz, hln_k_row_size(type, N_ROW * N_ROWS));
        T_EQ_U64(dsz, sizeof(float) * N_ROW * N_ROWS);
        shifted = (unsigned char *)malloc(bsz + 1);
        memcpy(shifted + 1, bin, bsz);                                     /* unaligned blocks */
        for (p = HLN_K_PATH_REF; p < HLN_K_PATH_COUNT; p++) {
            if (!hln_k_path_available((hln_k_path)p)) continue;
            memset(out, 0xAB, dsz);
            T_CHECK(hln_k_dequantize_path((hln_k_path)p, type, shifted + 1, out, N_ROW * N_ROWS) == HLN_K_OK);
            if (memcmp(out, deq, dsz) != 0) {
                size_t i;
                for (i = 0; i < N_ROW * N_ROWS; i++) if (memcmp(out + i, deq + 4 * i, 4)) break;
                T_CHECKF(0, "%s path %s: first mismatch at %d: %.9g vs %.9g", corpus_types[t],
                         hln_k_path_name((hln_k_path)p), (int)i, out[i], ((float *)deq)[i]);
            }
        }
        free(shifted); free(bin); free(deq);
        t_end();
    }
    free(out);
}

/* ---- corpus: quantization -------------------------------------------------------------- */
static void check_bytes(const char *case_name, hln_k_type type, const float *src, int64_t n, const char *file) {
    size_t sz = 0, rs = hln_k_row_size(type, n);
    unsigned char *want, *got;
    t_begin(case_name);
    want = load(file, &sz);
    if (!want || !src) { T_SKIP("corpus missing"); free(want); t_end(); return; }
    got = (unsigned char *)malloc(rs + 1);
    T_EQ_U64(sz, rs);
    T_CHECK(hln_k_quantize(type, src, got + 1, n) == HLN_K_OK);
    if (sz == rs && memcmp(got + 1, want, rs) != 0) {
        size_t i;
        for (i = 0; i < rs; i++) if (got[1 + i] != want[i]) break;
        T_CHECKF(0, "%s: first differing byte %d (block %d): %02x vs %02x", file, (int)i,
                 (int)(i / (size_t)hln_k_traits(type)->type_size), got[1 + i], want[i]);
    }
    free(got); free(want);
    t_end();
}
static void test_corpus_quant_exact(void) {
    static const char *const exact[] = { "F16", "BF16", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q8_K" };
    static const char *const act[] = { "F16", "BF16", "Q8_0", "Q8_1", "Q8_K" };
    size_t asz = 0;
    float *a = load_f32("activation_f32.bin", &asz);
    int i;
    for (i = 0; i < (int)(sizeof exact / sizeof exact[0]); i++) {
        char c[64], f[64];
        snprintf(c, sizeof c, "quant_exact/%s", exact[i]); snprintf(f, sizeof f, "%s.bin", exact[i]);
        check_bytes(c, hln_k_type_from_name(exact[i]), input_row(0), N_ROW * N_ROWS, f);
    }
    for (i = 0; i < (int)(sizeof act / sizeof act[0]); i++) {
        char c[64], f[64];
        snprintf(c, sizeof c, "quant_activation/%s", act[i]); snprintf(f, sizeof f, "activation.%s.bin", act[i]);
        check_bytes(c, hln_k_type_from_name(act[i]), asz == 4 * N_ROW ? a : NULL, N_ROW, f);
    }
    free(a);
}
static double sse(const float *a, const float *b, int n) {
    double s = 0; int i;
    for (i = 0; i < n; i++) s += ((double)a[i] - b[i]) * ((double)a[i] - b[i]);
    return s;
}
static void test_corpus_quant_rmse(void) {
    static const char *const types[] = { "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "IQ4_NL", "IQ4_XS", "TQ1_0", "TQ2_0", "MXFP4" };
    int t, r;
    for (t = 0; t < (int)(sizeof types / sizeof types[0]); t++) {
        char c[64], f[64];
        size_t dsz = 0;
        float *ref, back[N_ROW];
        hln_k_type type = hln_k_type_from_name(types[t]);
        unsigned char *q = (unsigned char *)malloc(hln_k_row_size(type, N_ROW));
        snprintf(c, sizeof c, "quant_rmse/%s", types[t]); snprintf(f, sizeof f, "%s.dequant_f32.bin", types[t]);
        t_begin(c);
        ref = load_f32(f, &dsz);
        if (!ref || !input_row(0)) { T_SKIP("corpus missing"); free(ref); free(q); t_end(); continue; }
        for (r = 0; r < N_ROWS; r++) {
            const float *x = input_row(r);
            double mine, theirs;
            T_CHECK(hln_k_quantize(type, x, q, N_ROW) == HLN_K_OK);
            T_CHECK(hln_k_dequantize(type, q, back, N_ROW) == HLN_K_OK);
            mine = sse(x, back, N_ROW); theirs = sse(x, ref + r * N_ROW, N_ROW);
            T_CHECKF(mine <= theirs * 1.0201 + 1e-30, "%s row %d: sse %.6g vs ggml %.6g", types[t], r, mine, theirs);
            if (getenv("HLN_VERBOSE")) fprintf(stderr, "  %s row %d: sse ratio %.4f (ggml = 1)\n", types[t], r, theirs > 0 ? mine / theirs : 0.0);
        }
        free(ref); free(q);
        t_end();
    }
}

/* ---- corpus: dot products --------------------------------------------------------------- */
static int parse_values(const char *json, double *v, int max) {
    const char *p = strstr(json, "\"values\"");
    int n = 0;
    if (!p || !(p = strchr(p, '['))) return 0;
    p++;
    while (n < max) {
        char *end;
        double d = strtod(p, &end);
        if (end == p) break;
        v[n++] = d; p = end;
        while (*p == ' ' || *p == ',' || *p == '\n') p++;
        if (*p == ']') break;
    }
    return n;
}
static void test_corpus_dots(void) {
    int t, r, p;
    for (t = 0; t < N_DOT_TYPES + N_NEW_DOT_TYPES; t++) {
        hln_k_type type = t < N_DOT_TYPES ? dot_types[t] : new_dot_types[t - N_DOT_TYPES], at = hln_k_vec_dot_type(type);
        char c[64], f[64];
        size_t wsz = 0, asz = 0, jsz = 0;
        unsigned char *w, *a, *js;
        double want[8];
        snprintf(c, sizeof c, "dot/%s", hln_k_type_name(type));
        t_begin(c);
        snprintf(f, sizeof f, "%s.bin", hln_k_type_name(type)); w = load(f, &wsz);
        snprintf(f, sizeof f, "activation.%s.bin", hln_k_type_name(at)); a = load(f, &asz);
        snprintf(f, sizeof f, "%s.dot.json", hln_k_type_name(type)); js = load(f, &jsz);
        if (!w || !a || !js) { T_SKIP("corpus missing"); free(w); free(a); free(js); t_end(); continue; }
        T_EQ_I64(parse_values((const char *)js, want, 8), N_ROWS);
        for (p = HLN_K_PATH_REF; p < HLN_K_PATH_COUNT; p++) {
            float y[N_ROWS];
            hln_k_gemv_options o;
            if (!hln_k_path_available((hln_k_path)p)) continue;
            memset(&o, 0, sizeof o); o.path = (hln_k_path)p;
            T_CHECK(hln_k_gemv(type, w, N_ROWS, N_ROW, a, y, &o) == HLN_K_OK);
            for (r = 0; r < N_ROWS; r++) {
                float s;
                T_CHECKF(t_abs(y[r] - want[r]) <= 1e-5 * t_abs(want[r]), "%s %s row %d: %.9g vs %.9g",
                         hln_k_type_name(type), hln_k_path_name((hln_k_path)p), r, y[r], want[r]);
                T_CHECK(hln_k_vec_dot_path((hln_k_path)p, type, N_ROW, w + r * hln_k_row_size(type, N_ROW), a, &s) == HLN_K_OK);
                T_CHECK(s == y[r]);
            }
        }
        free(w); free(a); free(js);
        t_end();
    }
}

/* ---- SIMD paths against _ref on random data, odd sizes, unaligned pointers ------------- */
static void fill_random(float *x, int n) {
    int i;
    float scale = (float)(1 + rnd() % 1000) / 100.0f;
    for (i = 0; i < n; i++) x[i] = rndf() * scale * ((rnd() % 16) ? 1.0f : 4.0f);
}
static double abs_dot(hln_k_type type, const unsigned char *w, const unsigned char *xq, int n) {
    float *a = (float *)malloc(sizeof(float) * n), *b = (float *)malloc(sizeof(float) * n);
    double s = 0; int i;
    hln_k_dequantize_ref(type, w, a, n);
    if (hln_k_vec_dot_type(type) == HLN_K_Q8_1) {   /* Q8_1 has no dequant of its own: d * q */
        for (i = 0; i < n; i++) b[i] = hln_k_fp16_to_fp32((uint16_t)(xq[36 * (i / 32)] | (xq[36 * (i / 32) + 1] << 8))) * (float)(int8_t)xq[36 * (i / 32) + 4 + i % 32];
    } else hln_k_dequantize_ref(hln_k_vec_dot_type(type), xq, b, n);
    for (i = 0; i < n; i++) s += t_abs((double)a[i] * b[i]);
    free(a); free(b);
    return s;
}
static void serial_parallel_for(void *user, int n_tasks, void (*task)(void *arg, int i), void *arg) {
    int i;
    (*(int *)user)++;
    for (i = n_tasks - 1; i >= 0; i--) task(arg, i);   /* any order must do */
}
#if defined(HLN_K__X86) && defined(HLN_K__AVXVNNI)
/* On an AVX-VNNI CPU the AVX2 path runs IQ4_XS through the vpdpbusd kernel, so the plain AVX2
 * kernel (what AVX2-only CPUs such as Zen 3 run) is called here directly: against _ref, and a
 * row's bits alone vs in a group of four. */
static void test_avx2_plain_iq4_xs(void) {
    static const int sizes[] = { 1, 3, 131 };   /* super-blocks; 131 spans three prepared chunks */
    int si;
    t_begin("avx2_plain_iq4_xs");
    if (!hln_k_path_available(HLN_K_PATH_AVX2)) { T_SKIP("path not on this build/CPU"); t_end(); return; }
    for (si = 0; si < 3; si++) {
        const int n = sizes[si] * 256, rows = 7;
        size_t rs = hln_k_row_size(HLN_K_IQ4_XS, n), xs = hln_k_row_size(HLN_K_Q8_K, n);
        float *x = (float *)malloc(sizeof(float) * n), *wf = (float *)malloc(sizeof(float) * n * rows), y[7], y1;
        unsigned char *wb = (unsigned char *)malloc(rs * rows), *xb = (unsigned char *)malloc(xs);
        int r;
        fill_random(x, n);
        for (r = 0; r < rows; r++) fill_random(wf + r * n, n);
        T_CHECK(hln_k_quantize(HLN_K_IQ4_XS, wf, wb, (int64_t)n * rows) == HLN_K_OK);
        T_CHECK(hln_k_quantize(HLN_K_Q8_K, x, xb, n) == HLN_K_OK);
        hln_k__avx2_gemv_k(HLN_K_IQ4_XS, rows, n / 256, wb, rs, xb, y);
        for (r = 0; r < rows; r++) {
            float ref;
            double tol = 1e-5 * abs_dot(HLN_K_IQ4_XS, wb + rs * r, xb, n) + 1e-30;
            T_CHECK(hln_k_vec_dot_ref(HLN_K_IQ4_XS, n, wb + rs * r, xb, &ref) == HLN_K_OK);
            T_CHECKF(t_abs(y[r] - ref) <= tol, "n=%d row %d: %.9g vs ref %.9g", n, r, y[r], ref);
            hln_k__avx2_gemv_k(HLN_K_IQ4_XS, 1, n / 256, wb + rs * r, rs, xb, &y1);
            T_CHECK(y1 == y[r]);
        }
        free(x); free(wf); free(wb); free(xb);
    }
    t_end();
}
#endif
static void test_simd_vs_ref(void) {
    int pi, t, iter;
    for (pi = 0; pi < 3; pi++) {
        hln_k_path path = simd_paths[pi];
        char c[64];
        snprintf(c, sizeof c, "simd_vs_ref/%s", hln_k_path_name(path));
        t_begin(c);
        if (!hln_k_path_available(path)) {
            T_SKIP(path == HLN_K_PATH_AVX512 && hln_k_path_available(HLN_K_PATH_AVX2) ? "CPU lacks AVX-512 VNNI" : "path not on this build/CPU");
            t_end(); continue;
        }
        for (t = 0; t < N_DOT_TYPES; t++) {
            hln_k_type type = dot_types[t], at = hln_k_vec_dot_type(type);
            int bs = hln_k_traits(type)->block_size, bsz = bs == 1 ? 32 : bs;
            for (iter = 0; iter < 7; iter++) {
                /* the last one is a long row: kernels that prepare the activation side on the stack
                 * do it in chunks of 512 blocks / 64 super-blocks, so this spans three chunks */
                int nblk = iter == 6 ? (bs == 256 ? 131 : 1053) : 1 + (int)(rnd() % (bs == 256 ? 6 : 40));
                int n = nblk * bsz, rows = 1 + (int)(rnd() % 9), r, calls = 0;
                size_t rs = hln_k_row_size(type, n), xs = hln_k_row_size(at, n);
                float *x = (float *)malloc(sizeof(float) * n), *wf = (float *)malloc(sizeof(float) * n * rows);
                float *y = (float *)malloc(sizeof(float) * rows), *y2 = (float *)malloc(sizeof(float) * rows);
                float *d0 = (float *)malloc(sizeof(float) * n), *d1 = (float *)malloc(sizeof(float) * n);
                unsigned char *wb = (unsigned char *)malloc(rs * rows + 1), *xb = (unsigned char *)malloc(xs + 1);
                hln_k_gemv_options o;
                fill_random(x, n);
                for (r = 0; r < rows; r++) fill_random(wf + r * n, n);
                T_CHECK(hln_k_quantize(type, wf, wb + 1, (int64_t)n * rows) == HLN_K_OK);
                T_CHECK(hln_k_quantize(at, x, xb + 1, n) == HLN_K_OK);
                memset(&o, 0, sizeof o); o.path = path;
                T_CHECK(hln_k_gemv(type, wb + 1, rows, n, xb + 1, y, &o) == HLN_K_OK);
                o.parallel_for = serial_parallel_for; o.user = &calls; o.n_tasks = 3;
                T_CHECK(hln_k_gemv(type, wb + 1, rows, n, xb + 1, y2, &o) == HLN_K_OK);
                for (r = 0; r < rows; r++) {
                    float ref;
                    double tol;
                    const unsigned char *wr = wb + 1 + rs * r;
                    T_CHECK(hln_k_vec_dot_ref(type, n, wr, xb + 1, &ref) == HLN_K_OK);
                    tol = 1e-5 * abs_dot(type, wr, xb + 1, n) + 1e-30;
                    T_CHECKF(t_abs(y[r] - ref) <= tol, "%s %s n=%d row %d: %.9g vs ref %.9g (tol %.3g)",
                             hln_k_type_name(type), hln_k_path_name(path), n, r, y[r], ref, tol);
                    T_CHECK(y2[r] == y[r]);
                    /* kernels take rows four at a time; a row's bits must not depend on that */
                    T_CHECK(hln_k_vec_dot_path(path, type, n, wr, xb + 1, &ref) == HLN_K_OK);
                    T_CHECKF(ref == y[r], "%s %s n=%d row %d: vec_dot %.9g vs gemv %.9g", hln_k_type_name(type), hln_k_path_name(path), n, r, ref, y[r]);
                }
                if (rows > 4) T_CHECK(calls == 1);
                /* dequantization of the same blocks: bit-exact */
                T_CHECK(hln_k_dequantize_ref(type, wb + 1, d0, n) == HLN_K_OK);
                T_CHECK(hln_k_dequantize_path(path, type, wb + 1, d1, n) == HLN_K_OK);
                T_CHECK(memcmp(d0, d1, sizeof(float) * n) == 0);
                free(x); free(wf); free(y); free(y2); free(d0); free(d1); free(wb); free(xb);
            }
        }
        /* dequant of random bytes for the types without a quantizer (scales kept finite) */
        for (t = 0; t < HLN_K_TYPE_COUNT; t++) {
            const hln_k_type_traits *tr = hln_k_traits((hln_k_type)t);
            unsigned char blk[4 * 292 + 1];
            float d0[4 * 256], d1[4 * 256];
            int i;
            if (!tr || tr->block_size == 1) continue;
            for (i = 0; i < (int)sizeof blk; i++) blk[i] = (unsigned char)(rnd() & 0x3b);  /* no fp16 inf/nan */
            T_CHECK(hln_k_dequantize_ref((hln_k_type)t, blk + 1, d0, 4 * tr->block_size) == HLN_K_OK);
            T_CHECK(hln_k_dequantize_path(path, (hln_k_type)t, blk + 1, d1, 4 * tr->block_size) == HLN_K_OK);
            T_CHECKF(memcmp(d0, d1, sizeof(float) * 4 * tr->block_size) == 0, "dequant %s", tr->name);
        }
        t_end();
    }
}

/* The types without a quantizer: random blocks (bytes masked so fp16/E8M0/E4M3 scales stay
 * finite), _ref against dequantize-then-dot in double, every SIMD path against _ref. */
static void test_new_dots(void) {
    int t, iter, pi;
    for (t = 0; t < N_NEW_DOT_TYPES; t++) {
        hln_k_type type = new_dot_types[t], at = hln_k_vec_dot_type(type);
        int bs = hln_k_traits(type)->block_size;
        char c[64];
        snprintf(c, sizeof c, "new_dots/%s", hln_k_type_name(type));
        t_begin(c);
        for (iter = 0; iter < 6; iter++) {
            int nblk = 1 + (int)(rnd() % (bs == 256 ? 6 : 40)), n = nblk * bs, rows = 1 + (int)(rnd() % 9), r, i;
            size_t rs = hln_k_row_size(type, n), xs = hln_k_row_size(at, n);
            float *x = (float *)malloc(sizeof(float) * n), *wd = (float *)malloc(sizeof(float) * n), *xd = (float *)malloc(sizeof(float) * n);
            float *y = (float *)malloc(sizeof(float) * rows);
            unsigned char *wb = (unsigned char *)malloc(rs * rows + 1), *xb = (unsigned char *)malloc(xs + 1);
            fill_random(x, n);
            for (i = 0; i < (int)(rs * rows) + 1; i++) wb[i] = (unsigned char)(rnd() & 0x3b);
            T_CHECK(hln_k_quantize(at, x, xb + 1, n) == HLN_K_OK);
            T_CHECK(hln_k_dequantize_ref(at, xb + 1, xd, n) == HLN_K_OK);
            for (r = 0; r < rows; r++) {
                const unsigned char *wr = wb + 1 + rs * r;
                double want = 0, mag = 0;
                float ref;
                T_CHECK(hln_k_dequantize_ref(type, wr, wd, n) == HLN_K_OK);
                for (i = 0; i < n; i++) { want += (double)wd[i] * xd[i]; mag += t_abs((double)wd[i] * xd[i]); }
                T_CHECK(hln_k_vec_dot_ref(type, n, wr, xb + 1, &ref) == HLN_K_OK);
                T_CHECKF(t_abs(ref - want) <= 1e-5 * mag + 1e-30, "%s n=%d row %d: ref %.9g vs dequant-dot %.9g", hln_k_type_name(type), n, r, ref, want);
            }
            for (pi = 0; pi < 3; pi++) {
                hln_k_gemv_options o;
                if (!hln_k_path_available(simd_paths[pi])) continue;
                memset(&o, 0, sizeof o); o.path = simd_paths[pi];
                T_CHECK(hln_k_gemv(type, wb + 1, rows, n, xb + 1, y, &o) == HLN_K_OK);
                for (r = 0; r < rows; r++) {
                    const unsigned char *wr = wb + 1 + rs * r;
                    float ref, one;
                    double tol = 1e-5 * abs_dot(type, wr, xb + 1, n) + 1e-30;
                    T_CHECK(hln_k_vec_dot_ref(type, n, wr, xb + 1, &ref) == HLN_K_OK);
                    T_CHECKF(t_abs(y[r] - ref) <= tol, "%s %s n=%d row %d: %.9g vs ref %.9g", hln_k_type_name(type), hln_k_path_name(simd_paths[pi]), n, r, y[r], ref);
                    T_CHECK(hln_k_vec_dot_path(simd_paths[pi], type, n, wr, xb + 1, &one) == HLN_K_OK);
                    T_CHECK(one == y[r]);
                }
            }
            free(x); free(wd); free(xd); free(y); free(wb); free(xb);
        }
        t_end();
    }
}

/* NEON extensions from the auxiliary vector. HAOLINE_EXPECT_CPU_FEATURES (set by build.sh for
 * each qemu -cpu model: max = 3, cortex-a76 = 1, cortex-a53 = 0) says what this CPU has. */
static void test_cpu_features(void) {
    const char *want = getenv("HAOLINE_EXPECT_CPU_FEATURES");
    unsigned f = hln_k_cpu_features();
    fprintf(stderr, "  cpu features: %s%s\n", f & HLN_K_CPU_DOTPROD ? "dotprod " : "", f & HLN_K_CPU_I8MM ? "i8mm" : "");
    T_CHECK(!(f & HLN_K_CPU_I8MM) || (f & HLN_K_CPU_DOTPROD));
#if !defined(__aarch64__)
    T_CHECK(f == 0);
#endif
    if (want && *want) T_EQ_U64(f, strtoul(want, NULL, 10));
}

/* ---- small batches: hln_k_gemv_multi equals hln_k_gemv of each vector, bit for bit ---- */
static void test_gemv_multi(void) {
    static const hln_k_path paths[] = { HLN_K_PATH_REF, HLN_K_PATH_AVX2, HLN_K_PATH_AVX512, HLN_K_PATH_NEON };
    int pi, t;
    for (pi = 0; pi < 4; pi++) {
        hln_k_path path = paths[pi];
        char c[64];
        if (!hln_k_path_available(path)) continue;
        snprintf(c, sizeof c, "gemv_multi/%s", hln_k_path_name(path));
        t_begin(c);
        for (t = 0; t < (quick() ? 1 : 3) * N_DOT_TYPES; t++) {   /* three shapes per type */
            hln_k_type type = dot_types[t % N_DOT_TYPES], at = hln_k_vec_dot_type(type);
            int bs = hln_k_traits(type)->block_size, bsz = bs == 1 ? 32 : bs;
            /* wide rows so that a 64 KiB tile holds few rows and the rows span several tiles;
             * AVX-512 Q4_0/IQ4_NL take 32 rows, 4 vectors and 64 blocks at a time */
            int n = (1 + (int)(rnd() % (bs == 256 ? (quick() ? 4 : 40) : (quick() ? 30 : 300)))) * bsz, rows = 1 + (int)(rnd() % (quick() ? 9 : 70));
            int nv = 1 + (int)(rnd() % 8), v, r, calls = 0;
            size_t rs = hln_k_row_size(type, n), xs = hln_k_row_size(at, n);
            float *wf = (float *)malloc(sizeof(float) * n * rows), *x = (float *)malloc(sizeof(float) * n * nv);
            float *y = (float *)malloc(sizeof(float) * rows * nv), *y1 = (float *)malloc(sizeof(float) * rows);
            unsigned char *wb = (unsigned char *)malloc(rs * rows + 1), *xb = (unsigned char *)malloc(xs * nv + 1);
            hln_k_gemv_options o;
            fill_random(wf, n * rows);
            fill_random(x, n * nv);
            T_CHECK(hln_k_quantize(type, wf, wb + 1, (int64_t)n * rows) == HLN_K_OK);
            for (v = 0; v < nv; v++) T_CHECK(hln_k_quantize(at, x + (size_t)v * n, xb + 1 + xs * v, n) == HLN_K_OK);
            memset(&o, 0, sizeof o); o.path = path;
            if (t % 2) { o.parallel_for = serial_parallel_for; o.user = &calls; o.n_tasks = 3; }
            T_CHECK(hln_k_gemv_multi(type, wb + 1, rows, n, xb + 1, nv, y, &o) == HLN_K_OK);
            for (v = 0; v < nv; v++) {
                T_CHECK(hln_k_gemv(type, wb + 1, rows, n, xb + 1 + xs * v, y1, &o) == HLN_K_OK);
                for (r = 0; r < rows; r++)
                    T_CHECKF(y[(size_t)v * rows + r] == y1[r], "%s %s n=%d rows=%d nv=%d: vector %d row %d: %.9g vs %.9g",
                             hln_k_type_name(type), hln_k_path_name(path), n, rows, nv, v, r, y[(size_t)v * rows + r], y1[r]);
            }
            free(wf); free(x); free(y); free(y1); free(wb); free(xb);
        }
        {
            float y[4];
            unsigned char blk[64] = { 0 };
            T_CHECK(hln_k_gemv_multi(HLN_K_Q8_0, blk, 1, 32, blk, 0, y, NULL) == HLN_K_ERR_ARG);
            T_CHECK(hln_k_gemv_multi(HLN_K_Q8_0, blk, 1, 32, NULL, 2, y, NULL) == HLN_K_ERR_ARG);
            T_CHECK(hln_k_gemv_multi(HLN_K_Q8_0, blk, 1, 33, blk, 2, y, NULL) == HLN_K_ERR_SIZE);
            T_CHECK(hln_k_gemv_multi(HLN_K_Q8_0, blk, 0, 0, blk, 2, y, NULL) == HLN_K_OK);
        }
        t_end();
    }
}

/* ---- row-interleaved layout: lossless both ways, GEMV on it equals GEMV on the plain rows ---- */
static void test_repack(void) {
    static const hln_k_type types[] = { HLN_K_Q4_0, HLN_K_IQ4_NL, HLN_K_Q8_0 };
    static const hln_k_path paths[] = { HLN_K_PATH_REF, HLN_K_PATH_AVX2, HLN_K_PATH_AVX512, HLN_K_PATH_NEON };
    int t, iter, pi;
    t_begin("repack");
    for (t = 0; t < 3; t++)
        for (iter = 0; iter < 6; iter++) {
            hln_k_type type = types[t];
            /* the last rows are long: the plain-kernel paths take 256 blocks at a time */
            int n = 32 * (iter == 5 && !quick() ? 600 + (int)(rnd() % 40) : 1 + (int)(rnd() % 40)), rows = 1 + (int)(rnd() % 13), r;
            size_t rs = hln_k_row_size(type, n), xs = hln_k_row_size(HLN_K_Q8_0, n);
            float *wf = (float *)malloc(sizeof(float) * n * rows), *x = (float *)malloc(sizeof(float) * n);
            float *y = (float *)malloc(sizeof(float) * rows), *y1 = (float *)malloc(sizeof(float) * rows);
            unsigned char *wb = (unsigned char *)malloc(rs * rows + 1), *pk = (unsigned char *)malloc(rs * rows + 1);
            unsigned char *un = (unsigned char *)malloc(rs * rows + 1), *xb = (unsigned char *)malloc(xs + 1);
            fill_random(wf, n * rows);
            fill_random(x, n);
            T_CHECK(hln_k_quantize(type, wf, wb + 1, (int64_t)n * rows) == HLN_K_OK);
            T_CHECK(hln_k_quantize(HLN_K_Q8_0, x, xb + 1, n) == HLN_K_OK);
            T_CHECK(hln_k_repack(type, wb + 1, rows, n, pk + 1) == HLN_K_OK);
            if (rows >= 4 && n >= 128) T_CHECK(memcmp(wb + 1, pk + 1, rs * 4) != 0);   /* it did move bytes */
            T_CHECK(hln_k_unpack(type, pk + 1, rows, n, un + 1) == HLN_K_OK);
            T_CHECKF(memcmp(wb + 1, un + 1, rs * rows) == 0, "%s n=%d rows=%d: unpack(repack(w)) != w", hln_k_type_name(type), n, rows);
            for (pi = 0; pi < 4; pi++) {
                hln_k_gemv_options o;
                int calls = 0;
                if (!hln_k_path_available(paths[pi])) continue;
                memset(&o, 0, sizeof o); o.path = paths[pi];
                T_CHECK(hln_k_gemv(type, wb + 1, rows, n, xb + 1, y1, &o) == HLN_K_OK);
                if (pi % 2) { o.parallel_for = serial_parallel_for; o.user = &calls; o.n_tasks = 3; }
                T_CHECK(hln_k_gemv_repacked(type, pk + 1, rows, n, xb + 1, y, &o) == HLN_K_OK);
                for (r = 0; r < rows; r++) {
                    /* rows up to 8192 columns (and every row on AVX-512) give the plain bits;
                     * longer ones add their 256-block pieces in float */
                    double tol = n <= 8192 || paths[pi] == HLN_K_PATH_AVX512 ? 0.0 : 1e-5 * abs_dot(type, wb + 1 + rs * r, xb + 1, n);
                    T_CHECKF(t_abs(y[r] - y1[r]) <= tol, "%s %s n=%d rows=%d row %d: repacked %.9g vs plain %.9g",
                             hln_k_type_name(type), hln_k_path_name(paths[pi]), n, rows, r, y[r], y1[r]);
                }
            }
            free(wf); free(x); free(y); free(y1); free(wb); free(pk); free(un); free(xb);
        }
    {
        unsigned char a[64] = { 0 }, b[64];
        float y[2];
        T_CHECK(hln_k_repack(HLN_K_Q4_K, a, 1, 256, b) == HLN_K_ERR_TYPE);
        T_CHECK(hln_k_repack(HLN_K_Q8_0, a, 1, 33, b) == HLN_K_ERR_SIZE);
        T_CHECK(hln_k_repack(HLN_K_Q8_0, NULL, 1, 32, b) == HLN_K_ERR_ARG);
        T_CHECK(hln_k_repack(HLN_K_Q8_0, a, INT64_MAX / 8, 32, b) == HLN_K_ERR_SIZE);
        T_CHECK(hln_k_gemv_repacked(HLN_K_Q6_K, a, 1, 256, a, y, NULL) == HLN_K_ERR_TYPE);
    }
    t_end();
}

/* ---- quantizer round trips ------------------------------------------------------------- */
static void test_quant_roundtrip(void) {
    /* every quantizable type: the error is bounded and the search never loses to plain rounding */
    float x[1024], y[1024];
    unsigned char q[4096];
    int t, i;
    for (t = 0; t < HLN_K_TYPE_COUNT; t++) {
        const hln_k_type_traits *tr = hln_k_traits((hln_k_type)t);
        double e, ref = 0;
        if (!tr || !tr->can_quantize) continue;
        fill_random(x, 1024);
        T_CHECK(hln_k_quantize((hln_k_type)t, x, q, 1024) == HLN_K_OK);
        T_CHECK(hln_k_dequantize((hln_k_type)t, q, y, 1024) == HLN_K_OK);
        e = sse(x, y, 1024);
        for (i = 0; i < 1024; i++) ref += (double)x[i] * x[i];
        /* ternary types keep about half the energy of uniform noise; the rest far more */
        T_CHECKF(e <= ref * (t == HLN_K_TQ1_0 || t == HLN_K_TQ2_0 ? 0.6 : 0.2), "%s: sse %.4g of %.4g", tr->name, e, ref);
    }
    /* all-zero and constant blocks */
    for (t = 0; t < HLN_K_TYPE_COUNT; t++) {
        const hln_k_type_traits *tr = hln_k_traits((hln_k_type)t);
        if (!tr || !tr->can_quantize) continue;
        for (i = 0; i < 256; i++) x[i] = 0.0f;
        T_CHECK(hln_k_quantize((hln_k_type)t, x, q, 256) == HLN_K_OK);
        T_CHECK(hln_k_dequantize((hln_k_type)t, q, y, 256) == HLN_K_OK);
        T_CHECKF(sse(x, y, 256) == 0.0, "%s zero block", tr->name);
    }
}
static void test_nf4(void) {
    float x[128], y[128];
    hln_k_block_nf4 b[2];
    int i, bad = 0;
    for (i = 0; i < 128; i++) x[i] = rndf() * 3.0f;
    x[5] = -7.0f;                                /* block 0 absmax */
    T_CHECK(hln_k_nf4_quantize(x, b, 128) == HLN_K_OK);
    T_CHECK(hln_k_nf4_dequantize(b, y, 128) == HLN_K_OK);
    T_CHECK(y[5] == -7.0f);
    for (i = 0; i < 128; i++) if (t_abs(x[i] - y[i]) > 0.162 * 7.0 + 1e-6) bad++;   /* half the widest level gap */
    T_EQ_I64(bad, 0);
    /* exact levels come back exactly */
    for (i = 0; i < 64; i++) x[i] = (i % 16 == 15 ? 1.0f : (i % 16 == 0 ? -1.0f : 0.0f)) * 2.5f;
    T_CHECK(hln_k_nf4_quantize(x, b, 64) == HLN_K_OK);
    T_CHECK(hln_k_nf4_dequantize(b, y, 64) == HLN_K_OK);
    T_CHECK(memcmp(x, y, sizeof(float) * 64) == 0);
    T_EQ_U64(((unsigned char *)b)[4] >> 4, 0);  /* element 0 (-1) in the high nibble */
}
static void test_int4_groups(void) {
    float x[256], y[256], scales[8];
    uint32_t packed[32];
    uint8_t zeros[8];
    int i, bad = 0;
    for (i = 0; i < 256; i++) x[i] = rndf() * (float)(1 + i / 64);
    T_CHECK(hln_k_int4_quantize(x, 256, 64, packed, scales, zeros) == HLN_K_OK);
    T_CHECK(hln_k_int4_dequantize(packed, scales, zeros, 256, 64, y) == HLN_K_OK);
    for (i = 0; i < 256; i++) if (t_abs(x[i] - y[i]) > scales[i / 64] * 0.5001) bad++;
    T_EQ_I64(bad, 0);
    /* values on the grid come back exactly; nibble order is element k at bits 4k */
    for (i = 0; i < 32; i++) x[i] = (float)(i % 16 - 3) * 0.5f;
    T_CHECK(hln_k_int4_quantize(x, 32, 32, packed, scales, zeros) == HLN_K_OK);
    T_CHECK(hln_k_int4_dequantize(packed, scales, zeros, 32, 32, y) == HLN_K_OK);
    T_CHECK(memcmp(x, y, sizeof(float) * 32) == 0);
    T_CHECK(scales[0] == 0.5f && zeros[0] == 3);
    T_EQ_U64(packed[0] & 0xF, 0);
    T_EQ_U64((packed[0] >> 4) & 0xF, 1);
}

/* ---- statistics -------------------------------------------------------------------------- */
static void test_stats(void) {
    enum { N = 10000 };
    float *x = (float *)malloc(sizeof(float) * N);
    double sum = 0, var = 0, mean, mn = 1e30, mx = -1e30;
    hln_k_stats s;
    hln_k_hist h;
    uint64_t total = 0, outl = 0;
    int i, zeros = 0;
    for (i = 0; i < N; i++) { x[i] = rndf() * 5.0f + 1.0f; if (i % 97 == 0) x[i] = 40.0f; if (i % 1000 == 1) x[i] = 0.0f; }
    for (i = 0; i < N; i++) { sum += x[i]; if (x[i] < mn) mn = x[i]; if (x[i] > mx) mx = x[i]; zeros += x[i] == 0.0f; }
    mean = sum / N;
    for (i = 0; i < N; i++) var += (x[i] - mean) * (x[i] - mean);
    var /= N;
    hln_k_stats_init(&s);
    for (i = 0; i < N; i += 777) hln_k_stats_feed(&s, x + i, (N - i) < 777 ? N - i : 777);   /* odd chunks */
    hln_k_stats_finish(&s);
    T_EQ_U64(s.count, N);
    T_CHECK(s.min == mn && s.max == mx);
    T_EQ_U64(s.zero_count, (uint64_t)zeros);
    T_CHECK(t_abs(s.mean - mean) <= 1e-12 * t_abs(mean));
    T_CHECK(t_abs(s.std * s.std - var) <= 1e-10 * var);
    T_CHECK(hln_k_hist_init(&h, &s, 64, 0.0) == HLN_K_OK);
    for (i = 0; i < N; i += 1000) hln_k_hist_feed(&h, x + i, 1000);
    for (i = 0; i < 64; i++) total += h.counts[i];
    T_EQ_U64(total, N);
    T_EQ_U64(h.counts[63], N / 97 + 1);                 /* the 40s (max lands in the last bin) */
    for (i = 0; i < N; i++) outl += t_abs(x[i] - mean) > 3.0 * s.std;
    T_EQ_U64(h.outliers, outl);
    {   /* non-finite values are counted and skipped */
        float odd[4];
        odd[0] = 1.0f; odd[1] = 1.0f / 0.0f; odd[2] = odd[1] - odd[1]; odd[3] = 3.0f;
        hln_k_stats_init(&s); hln_k_stats_feed(&s, odd, 4); hln_k_stats_finish(&s);
        T_EQ_U64(s.count, 2); T_EQ_U64(s.inf_count, 1); T_EQ_U64(s.nan_count, 1);
        T_CHECK(s.mean == 2.0 && s.std == 1.0);
    }
    free(x);
}
static void test_error_metrics(void) {
    enum { N = 4096 };
    float x[N], y[N];
    unsigned char q[N * 2];
    double se = 0, sr = 0, sa = 0, sra = 0, mx = 0;
    hln_k_error e, e2;
    int i;
    fill_random(x, N);
    hln_k_quantize(HLN_K_Q4_K, x, q, N);
    hln_k_dequantize(HLN_K_Q4_K, q, y, N);
    for (i = 0; i < N; i++) {
        double d = (double)y[i] - x[i];
        se += d * d; sr += (double)x[i] * x[i]; sa += (double)y[i] * y[i]; sra += (double)x[i] * y[i];
        if (t_abs(d) > mx) mx = t_abs(d);
    }
    hln_k_error_init(&e);
    hln_k_error_feed(&e, x, y, 1000); hln_k_error_feed(&e, x + 1000, y + 1000, N - 1000);
    hln_k_error_finish(&e);
    T_CHECK(t_abs(e.rmse * e.rmse - se / N) <= 1e-12 * se / N);
    T_CHECK(e.max_abs_err == mx);
    T_CHECK(t_abs(e.cosine * e.cosine - sra * sra / (sr * sa)) <= 1e-12);
    /* 10 log10(sr/se): check 10^(snr/10) * se == sr without libm */
    {
        double p = 1.0, v = e.snr_db / 10.0; int k;
        double term = 1.0, ln10 = 2.302585092994046;
        for (k = 1; k < 60; k++) { term *= v * ln10 / k; p += term; }
        T_CHECKF(t_abs(p * se - sr) <= 1e-9 * sr, "snr %.6f", e.snr_db);
    }
    hln_k_error_init(&e2);
    T_CHECK(hln_k_quant_error(HLN_K_Q4_K, x, N, &e2) == HLN_K_OK);
    hln_k_error_finish(&e2);
    T_CHECK(e2.sum_sq_err == e.sum_sq_err && e2.max_abs_err == e.max_abs_err);
    hln_k_error_init(&e2);   /* one element per call (the scalar lanes) against whole calls (SIMD): equal sums */
    for (i = 0; i < N; i++) hln_k_error_feed(&e2, x + i, y + i, 1);
    hln_k_error_finish(&e2);
    T_CHECK(e2.sum_sq_err == e.sum_sq_err && e2.sum_sq_ref == e.sum_sq_ref && e2.sum_ref_approx == e.sum_ref_approx &&
            e2.max_abs_err == e.max_abs_err && e2.count == e.count);
    hln_k_error_init(&e2);
    T_CHECK(hln_k_quant_error(HLN_K_F32, x, N, &e2) == HLN_K_OK);
    hln_k_error_finish(&e2);
    T_CHECK(e2.rmse == 0.0 && e2.cosine > 1.0 - 1e-12 && e2.max_abs_err == 0.0);
}

/* ---- dispatch: the per-CPU table picks a path this CPU runs, and AUTO runs that path ---- */
static void test_dispatch(void) {
    uint32_t seed = 2463534242u;
    int t, i;
    const char *cls = hln_k_cpu_class();
    T_CHECK(cls != NULL && (strcmp(cls, "zen4") == 0 || strcmp(cls, "generic") == 0));
    fprintf(stderr, "  cpu class: %s\n", cls);
    for (t = 0; t < HLN_K_TYPE_COUNT; t++) {
        hln_k_path p = hln_k_gemv_path((hln_k_type)t);
        T_CHECKF(p != HLN_K_PATH_AUTO && p < HLN_K_PATH_COUNT && hln_k_path_available(p), "type %d: path %d", t, (int)p);
    }
    /* the table as docs/kernels.md gives it: no class has an entry (Zen 4's TQ2_0 -> AVX2 went
     * with the sequential prefetch), so every type takes the widest path */
    for (t = 0; t < HLN_K_TYPE_COUNT; t++) T_CHECK(hln_k_gemv_path((hln_k_type)t) == hln_k_best_path());
    /* AUTO gives the bits of the path the table names, GEMV and vec_dot */
    for (t = 0; t < N_DOT_TYPES; t++) {
        hln_k_type type = dot_types[t], at = hln_k_vec_dot_type(type);
        const int n = 512, rows = 7;
        size_t rs = hln_k_row_size(type, n), xs = hln_k_row_size(at, n);
        float wf[512 * 7], x[512], y[7], y1[7], d, d1;
        unsigned char *wb = (unsigned char *)malloc(rs * rows + 1), *xb = (unsigned char *)malloc(xs + 1);
        hln_k_gemv_options o;
        for (i = 0; i < n * rows; i++) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; wf[i] = (float)(int32_t)seed / 2147483648.0f; }
        for (i = 0; i < n; i++) x[i] = wf[(i * 37) % (n * rows)] * 3.0f;
        T_CHECK(hln_k_quantize(type, wf, wb + 1, (int64_t)n * rows) == HLN_K_OK);
        T_CHECK(hln_k_quantize(at, x, xb + 1, n) == HLN_K_OK);
        memset(&o, 0, sizeof o);
        T_CHECK(hln_k_gemv(type, wb + 1, rows, n, xb + 1, y, &o) == HLN_K_OK);
        o.path = hln_k_gemv_path(type);
        T_CHECK(hln_k_gemv(type, wb + 1, rows, n, xb + 1, y1, &o) == HLN_K_OK);
        T_CHECKF(memcmp(y, y1, sizeof y) == 0, "%s: AUTO gemv differs from %s", hln_k_type_name(type), hln_k_path_name(o.path));
        T_CHECK(hln_k_vec_dot(type, n, wb + 1, xb + 1, &d) == HLN_K_OK);
        T_CHECK(hln_k_vec_dot_path(o.path, type, n, wb + 1, xb + 1, &d1) == HLN_K_OK);
        T_CHECKF(d == d1 && d == y[0], "%s: AUTO vec_dot %.9g, %s %.9g, gemv %.9g", hln_k_type_name(type), d, hln_k_path_name(o.path), d1, y[0]);
        free(wb); free(xb);
    }
}

int main(void) {
    T_RUN(test_static_facts);
    T_RUN(test_errors);
    T_RUN(test_fp16);
    T_RUN(test_fp8);
    test_corpus_dequant();
    test_corpus_quant_exact();
    test_corpus_quant_rmse();
    test_corpus_dots();
    test_new_dots();
    T_RUN(test_cpu_features);
    test_simd_vs_ref();
    T_RUN(test_quant_roundtrip);
    T_RUN(test_nf4);
    T_RUN(test_int4_groups);
    T_RUN(test_stats);
    T_RUN(test_error_metrics);
    test_gemv_multi();   /* after the tests whose random data predate them */
    test_repack();
    T_RUN(test_dispatch);   /* its own random numbers: rnd() stays as the tests above replay it */
#if defined(HLN_K__X86) && defined(HLN_K__AVXVNNI)
    test_avx2_plain_iq4_xs();   /* last: it draws from rnd(), which the tests above replay */
#endif
    return t_finish("test_kernels");
}
