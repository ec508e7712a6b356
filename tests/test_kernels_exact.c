/* tests/test_kernels_exact.c - the SIMD row converters (hln_k_convert) against the scalar
 * reference, bit for bit, on every input class.
 *
 *   gcc -std=c99 -O2 -I. tests/test_kernels_exact.c -o build/test_kernels_exact && build/test_kernels_exact
 *   aarch64-linux-gnu-gcc -O2 -static tests/test_kernels_exact.c -o build/t_neon && qemu-aarch64 build/t_neon
 *
 * Every 16-bit source value (all 65,536 F16 and BF16 patterns); F32 sources: for both signs and
 * all 256 exponents, mantissas k * 0x1000 - 1, + 0, + 1 for every k (every F16 and BF16 rounding
 * boundary, normal and subnormal, and the values beside it), plus random bit patterns. The
 * reference itself is checked against a definition (nearest representable, ties to even) in
 * double arithmetic.
 *
 * The search quantizers (Q2_K..Q6_K, IQ4_XS and the rest of hln_k_quantize's types) on the
 * AVX-512 path against the REF path, which is the scalar search unchanged: byte for byte on
 * random data of several shapes, on values from a coarse grid (ties everywhere), on blocks of
 * zeros, constants, tiny, huge, subnormal and non-finite values, and on the corpus' input_f32.bin.
 * Importance weights (hln_k_quantize_weighted), on the corpus rows with imatrix_f32.bin: REF and
 * AVX-512 give the same bytes; equal weights give the unweighted bytes; each row's weighted error
 * is at most the unweighted quantization's (and lower on most rows); bad weights are refused.
 * The REF search's bytes on the corpus' first row against hashes recorded on x86-64, so every
 * host (s390x, aarch64, x87 builds) makes the same bytes. No libm. */
#define HAOLINE_KERNELS_IMPLEMENTATION
#include "../haoline_kernels.h"
#include "test.h"

static int quick(void) { const char *q = getenv("HAOLINE_TEST_QUICK"); return q && *q && *q != '0'; }
static uint64_t rng_state = 0x243f6a8885a308d3ull;
static uint32_t rnd(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}
static const hln_k_type float_types[3] = { HLN_K_F32, HLN_K_F16, HLN_K_BF16 };
static const hln_k_path simd_paths[] = { HLN_K_PATH_AVX2, HLN_K_PATH_AVX512, HLN_K_PATH_NEON };
static int elem_size(hln_k_type t) { return t == HLN_K_F32 ? 4 : 2; }
static uint32_t get(const uint8_t *p, int size, int64_t i) {
    const uint8_t *e = p + (size_t)i * (size_t)size;
    return size == 4 ? (uint32_t)e[0] | ((uint32_t)e[1] << 8) | ((uint32_t)e[2] << 16) | ((uint32_t)e[3] << 24)
                     : (uint32_t)e[0] | ((uint32_t)e[1] << 8);
}
static void put(uint8_t *p, int size, int64_t i, uint32_t v) {
    int b;
    for (b = 0; b < size; b++) p[(size_t)i * (size_t)size + (size_t)b] = (uint8_t)(v >> (8 * b));
}

/* src (n values of `from`, little-endian) into every other type on every path: each equals _ref.
 * Buffers are offset by one byte (unaligned) and the length is not a multiple of any vector. */
static int check_all_paths(hln_k_type from, const uint8_t *src, int64_t n) {
    int t, p, bad = 0;
    for (t = 0; t < 3; t++) {
        hln_k_type to = float_types[t];
        size_t bytes = (size_t)n * (size_t)elem_size(to) + 1;
        uint8_t *ref = (uint8_t *)malloc(bytes), *got = (uint8_t *)malloc(bytes);
        if (!ref || !got) { free(ref); free(got); return 1; }
        T_CHECK(hln_k_convert_ref(from, src, to, ref + 1, n) == HLN_K_OK);
        for (p = 0; p < (int)(sizeof simd_paths / sizeof simd_paths[0]); p++) {
            int64_t i;
            if (!hln_k_path_available(simd_paths[p])) continue;
            memset(got, 0xa5, bytes);
            T_CHECK(hln_k_convert_path(simd_paths[p], from, src, to, got + 1, n) == HLN_K_OK);
            for (i = 0; i < n; i++) {
                uint32_t a = get(ref + 1, elem_size(to), i), b = get(got + 1, elem_size(to), i);
                if (a != b) {
                    if (bad++ < 5) T_CHECKF(a == b, "%s %s->%s: input 0x%08x gives 0x%x, ref 0x%x", hln_k_path_name(simd_paths[p]),
                                            hln_k_type_name(from), hln_k_type_name(to), (unsigned)get(src, elem_size(from), i), (unsigned)b, (unsigned)a);
                }
            }
        }
        free(ref); free(got);
    }
    return bad;
}

static void test_all_halves(void) {
    uint8_t *src = (uint8_t *)malloc(2 * 65536 + 1);
    int k;
    uint32_t v;
    if (!src) { T_CHECK(0); return; }
    for (k = 0; k < 2; k++) {
        for (v = 0; v < 65536; v++) put(src + 1, 2, v, v);
        T_EQ_I64(check_all_paths(k ? HLN_K_BF16 : HLN_K_F16, src + 1, 65536), 0);
    }
    free(src);
}

static void test_float_boundaries(void) {
    int64_t per = quick() ? 2048 / 8 : 2048, n = 512 * per * 3 + 100003, i = 0, k;
    uint8_t *src = (uint8_t *)malloc((size_t)n * 4 + 1);
    uint32_t se;
    if (!src) { T_CHECK(0); return; }
    for (se = 0; se < 512; se++)
        for (k = 0; k < per; k++) {
            uint32_t m = (uint32_t)(k * (2048 / per)) * 0x1000u, d;
            for (d = 0; d < 3; d++) put(src + 1, 4, i++, (se << 23) | ((m + d - 1u) & 0x7fffffu));
        }
    while (i < n) put(src + 1, 4, i++, rnd() ^ (rnd() << 16));
    T_EQ_I64(check_all_paths(HLN_K_F32, src + 1, n), 0);
    free(src);
}

/* The reference against its definition: the nearest F16 / BF16 (ties to the even code), inf
 * past the largest finite value's rounding range, the documented NaNs. */
static double value_of(hln_k_type t, uint32_t code) {
    uint32_t u = t == HLN_K_F16 ? hln_k__fp16_bits((uint16_t)code) : code << 16;
    return (double)hln_k__bitsf(u);
}
static void test_reference_definition(void) {
    int t, bad = 0;
    uint32_t k;
    for (t = 0; t < 2; t++) {
        hln_k_type to = t ? HLN_K_BF16 : HLN_K_F16;
        uint32_t inf = t ? 0x7f80u : 0x7c00u;
        for (k = 0; k < 400000; k++) {
            uint32_t u = k < 200000 ? rnd() ^ (rnd() << 16) : ((k % 2) << 31) | ((uint32_t)(t ? 1 + rnd() % 253 : 102 + rnd() % 40) << 23) | (rnd() & 0x7fffffu);
            float f = hln_k__bitsf(u);
            uint16_t h = to == HLN_K_F16 ? hln_k_fp32_to_fp16(f) : hln_k_fp32_to_bf16(f);
            double x = (double)f, a;
            uint32_t mag = h & 0x7fffu;
            if ((u & 0x7fffffffu) > 0x7f800000u) {   /* NaN */
                uint32_t want = t ? ((u >> 16) | 0x40u) : (((u >> 16) & 0x8000u) | 0x7e00u);
                if (h != want && bad++ < 5) T_CHECKF(h == want, "%s NaN 0x%08x -> 0x%04x", hln_k_type_name(to), (unsigned)u, (unsigned)h);
                continue;
            }
            if ((h & 0x8000u) != ((u >> 16) & 0x8000u) && bad++ < 5) T_CHECKF(0, "sign of 0x%08x", (unsigned)u);
            a = x < 0 ? -x : x;
            if (mag == inf) {   /* only when |x| is at least the midpoint past the largest finite */
                double top = value_of(to, inf - 1), next = 2 * top - value_of(to, inf - 2);
                if (a < (top + next) / 2 && bad++ < 5) T_CHECKF(0, "%s 0x%08x -> inf", hln_k_type_name(to), (unsigned)u);
                continue;
            }
            {
                double v = value_of(to, mag), lo = mag ? value_of(to, mag - 1) : -value_of(to, 1), hi = value_of(to, mag + 1);
                double e = a - v < 0 ? v - a : a - v, elo = a - lo < 0 ? lo - a : a - lo, ehi = hi - a < 0 ? a - hi : hi - a;
                int ok = e <= elo && e <= ehi && !((e == elo && mag && (mag & 1)) || (e == ehi && (mag & 1)));
                if (!ok && bad++ < 5) T_CHECKF(ok, "%s 0x%08x -> 0x%04x is not the nearest-even", hln_k_type_name(to), (unsigned)u, (unsigned)h);
            }
        }
    }
    /* widening is exact and keeps NaN payloads, signalling or not */
    for (k = 0; k < 65536; k++) {
        uint32_t u = hln_k__fp16_bits((uint16_t)k);
        if ((k & 0x7c00u) == 0x7c00u && (k & 0x3ffu)) T_CHECK(u == (((k & 0x8000u) << 16) | 0x7f800000u | ((k & 0x3ffu) << 13)));
        else if (hln_k_fp32_to_fp16(hln_k__bitsf(u)) != k && bad++ < 5) T_CHECKF(0, "F16 0x%04x does not round trip", (unsigned)k);
    }
    T_EQ_I64(bad, 0);
}

static void test_known_values(void) {
    static const uint32_t f32_to_f16[][2] = {
        { 0x3f800000u, 0x3c00u }, { 0x477fefffu, 0x7bffu }, { 0x477ff000u, 0x7c00u }, { 0xff800000u, 0xfc00u },
        { 0x33000000u, 0x0000u }, { 0x33000001u, 0x0001u }, { 0x33c00000u, 0x0002u }, { 0x80000001u, 0x8000u },
        { 0x7f800001u, 0x7e00u }, { 0xffc12345u, 0xfe00u }, { 0x3f801000u, 0x3c00u }, { 0x3f803000u, 0x3c02u } };
    static const uint32_t f32_to_bf16[][2] = {
        { 0x3f808000u, 0x3f80u }, { 0x3f818000u, 0x3f82u }, { 0x7f800001u, 0x7fc0u }, { 0xff812345u, 0xffc1u },
        { 0x00000001u, 0x0000u }, { 0x00008001u, 0x0001u }, { 0x7f7fffffu, 0x7f80u } };
    uint8_t s[4], d[4];
    size_t i;
    for (i = 0; i < sizeof f32_to_f16 / sizeof f32_to_f16[0]; i++) {
        put(s, 4, 0, f32_to_f16[i][0]);
        T_CHECK(hln_k_convert(HLN_K_F32, s, HLN_K_F16, d, 1) == HLN_K_OK);
        T_EQ_U64(get(d, 2, 0), f32_to_f16[i][1]);
    }
    for (i = 0; i < sizeof f32_to_bf16 / sizeof f32_to_bf16[0]; i++) {
        put(s, 4, 0, f32_to_bf16[i][0]);
        T_CHECK(hln_k_convert(HLN_K_F32, s, HLN_K_BF16, d, 1) == HLN_K_OK);
        T_EQ_U64(get(d, 2, 0), f32_to_bf16[i][1]);
    }
    put(s, 2, 0, 0x7c01u);   /* a signalling F16 NaN stays signalling */
    T_CHECK(hln_k_convert(HLN_K_F16, s, HLN_K_F32, d, 1) == HLN_K_OK);
    T_EQ_U64(get(d, 4, 0), 0x7f802000u);
    T_CHECK(hln_k_convert(HLN_K_F16, s, HLN_K_BF16, d, 1) == HLN_K_OK);
    T_EQ_U64(get(d, 2, 0), 0x7fc0u);
    T_CHECK(hln_k_convert(HLN_K_Q8_0, s, HLN_K_F32, d, 1) == HLN_K_ERR_TYPE);
    T_CHECK(hln_k_convert(HLN_K_F32, s, HLN_K_F16, d, -1) == HLN_K_ERR_SIZE);
    T_CHECK(hln_k_convert(HLN_K_F32, NULL, HLN_K_F16, d, 1) == HLN_K_ERR_ARG);
    T_CHECK(hln_k_convert(HLN_K_F32, NULL, HLN_K_F16, NULL, 0) == HLN_K_OK);
}

/* hln_k_dequantize of F16 / BF16 is the converter to F32 on every path (sNaN payloads too) */
static void test_dequantize_halves(void) {
    uint8_t *src = (uint8_t *)malloc(2 * 65536);
    float *a = (float *)malloc(4 * 65536), *b = (float *)malloc(4 * 65536);
    uint32_t v;
    int k, p, bad = 0;
    if (!src || !a || !b) { free(src); free(a); free(b); T_CHECK(0); return; }
    for (v = 0; v < 65536; v++) put(src, 2, v, v);
    for (k = 0; k < 2; k++) {
        hln_k_type t = k ? HLN_K_BF16 : HLN_K_F16;
        T_CHECK(hln_k_dequantize_ref(t, src, a, 65536) == HLN_K_OK);
        for (p = 0; p < (int)(sizeof simd_paths / sizeof simd_paths[0]); p++) {
            if (!hln_k_path_available(simd_paths[p])) continue;
            T_CHECK(hln_k_dequantize_path(simd_paths[p], t, src, b, 65536) == HLN_K_OK);
            for (v = 0; v < 65536; v++) if (hln_k__fbits(a[v]) != hln_k__fbits(b[v]) && bad++ < 5)
                T_CHECKF(0, "%s %s 0x%04x: 0x%08x vs ref 0x%08x", hln_k_path_name(simd_paths[p]), hln_k_type_name(t), (unsigned)v,
                         (unsigned)hln_k__fbits(b[v]), (unsigned)hln_k__fbits(a[v]));
        }
    }
    T_EQ_I64(bad, 0);
    free(src); free(a); free(b);
}

/* a data set of n values (whole super-blocks) of kind k */
static void fill(float *x, int64_t n, int kind) {
    int64_t i;
    for (i = 0; i < n; i++) {
        float u = (float)(rnd() % 2000001) / 1000000.0f - 1.0f, g = 0.0f;
        int j;
        for (j = 0; j < 4; j++) g += (float)(rnd() % 2000001) / 1000000.0f - 1.0f;
        switch (kind) {
        case 0: x[i] = u; break;                                                  /* uniform */
        case 1: x[i] = 0.02f * g * (rnd() % 97 == 0 ? 40.0f : 1.0f); break;       /* weights with outliers */
        case 2: x[i] = (float)((int)(rnd() % 33) - 16) / 8.0f; break;             /* a coarse grid: ties */
        case 3: x[i] = (float)(rnd() % 16) * 0.25f - 1.0f; break;                 /* codes of a 4-bit grid */
        case 4: x[i] = u > 0.0f ? u : -u; break;                                  /* one sign */
        case 5: x[i] = u * hln_k__bitsf((uint32_t)(97 + rnd() % 60) << 23); break;  /* 2^-30..2^29 in one block */
        default: {   /* a different special block every 32 values */
            int64_t b = i / 32;
            static const float specials[] = { 0.0f, -0.0f, 1e-30f, 1e-42f, 1e30f, 3e38f, -3e38f, 65504.0f, 1e-5f };
            switch (b % 12) {
            case 0: x[i] = 0.0f; break;
            case 1: x[i] = 0.375f; break;                                          /* constant */
            case 2: x[i] = i % 32 == 5 ? -2.5f : 0.0f; break;                      /* one non-zero */
            case 3: x[i] = u * 1e-30f; break;                                      /* tiny */
            case 4: x[i] = u * hln_k__bitsf(0x00400000u); break;                  /* subnormal */
            case 5: x[i] = u * 1e30f; break;                                       /* huge */
            case 6: x[i] = u * 3e38f; break;                                       /* near the float max */
            case 7: x[i] = i % 32 == 9 ? hln_k__bitsf(0x7fc00000u) : u; break;    /* a NaN */
            case 8: x[i] = i % 32 == 3 ? hln_k__bitsf(0xff800000u) : u; break;    /* -inf */
            case 9: x[i] = specials[rnd() % 9] * (rnd() & 1 ? 1.0f : -1.0f); break;
            case 10: x[i] = u * 100000.0f; break;                                  /* scales past fp16 */
            default: x[i] = 1.0f + u * 1e-7f; break;                               /* nearly constant */
            }
        }
        }
    }
}

static int quant_same_w(hln_k_type type, const float *x, const float *w, int64_t n, const char *what) {
    size_t size = hln_k_row_size(type, n), k;
    uint8_t *a = (uint8_t *)malloc(size), *b = (uint8_t *)malloc(size);
    int bad = 0;
    if (!a || !b) { free(a); free(b); return 1; }
    T_CHECK(hln_k_quantize_weighted_path(HLN_K_PATH_REF, type, x, w, a, n) == HLN_K_OK);
    T_CHECK(hln_k_quantize_weighted_path(HLN_K_PATH_AVX512, type, x, w, b, n) == HLN_K_OK);
    for (k = 0; k < size; k++)
        if (a[k] != b[k]) {
            if (!bad) T_CHECKF(0, "%s %s: byte %zu (block %zu) 0x%02x, ref 0x%02x", hln_k_type_name(type), what, k,
                               k / (size_t)hln_k_traits(type)->type_size, (unsigned)b[k], (unsigned)a[k]);
            bad++;
        }
    free(a); free(b);
    return bad;
}
static int quant_same(hln_k_type type, const float *x, int64_t n, const char *what) { return quant_same_w(type, x, NULL, n, what); }

static void test_quantize_same_bytes(void) {
    int64_t n = quick() ? 4096 : 8192;
    float *x = (float *)malloc((size_t)n * sizeof(float));
    int kind, t, bad = 0;
    if (!x) { T_CHECK(0); return; }
    if (!hln_k_path_available(HLN_K_PATH_AVX512)) {
        T_SKIP("no AVX-512 on this CPU: the quantizer has one path here");
        fill(x, 256, 0);
        T_CHECK(hln_k_quantize_path(HLN_K_PATH_AVX512, HLN_K_Q4_K, x, x, 256) == HLN_K_ERR_PATH);
        free(x);
        return;
    }
    for (kind = 0; kind < 7; kind++) {
        char what[32];
        fill(x, n, kind);
        snprintf(what, sizeof what, "data set %d", kind);
        for (t = 0; t < HLN_K_TYPE_COUNT; t++) {
            const hln_k_type_traits *tr = hln_k_traits((hln_k_type)t);
            if (!tr || !tr->can_quantize) continue;
            bad += quant_same((hln_k_type)t, x, n, what);
        }
    }
    T_EQ_I64(bad, 0);
    free(x);
}

static void test_quantize_corpus_same_bytes(void) {
    char path[1024];
    size_t size = 0, i;
    unsigned char *p;
    float *x;
    static const hln_k_type search[] = { HLN_K_Q2_K, HLN_K_Q3_K, HLN_K_Q4_K, HLN_K_Q5_K, HLN_K_Q6_K, HLN_K_IQ4_XS };
    int64_t n;
    if (!hln_k_path_available(HLN_K_PATH_AVX512)) { T_SKIP("no AVX-512 on this CPU"); return; }
    snprintf(path, sizeof path, "%s/quant/input_f32.bin", t_corpus());
    if (!(p = t_read_file(path, &size))) { T_SKIP("no corpus quant/input_f32.bin"); return; }
    n = (int64_t)(size / 4) / 256 * 256;
    x = (float *)malloc((size_t)n * sizeof(float) + 1);
    if (!x) { free(p); T_CHECK(0); return; }
    for (i = 0; i < (size_t)n; i++) x[i] = hln_k__bitsf(get(p, 4, (int64_t)i));
    T_CHECK(n >= 256);
    for (i = 0; i < sizeof search / sizeof search[0]; i++) T_EQ_I64(quant_same(search[i], x, n, "input_f32.bin"), 0);
    free(x); free(p);
}

/* sum w (x - dequantize(q))^2 of one row */
static double weighted_error(hln_k_type type, const float *x, const float *w, const void *q, int64_t n, float *tmp) {
    double e = 0.0;
    int64_t j;
    T_CHECK(hln_k_dequantize_ref(type, q, tmp, n) == HLN_K_OK);
    for (j = 0; j < n; j++) e += (double)w[j] * ((double)x[j] - tmp[j]) * ((double)x[j] - tmp[j]);
    return e;
}
static float *load_corpus_f32(const char *name, int64_t *n) {
    char path[1024];
    size_t size = 0, i;
    unsigned char *p;
    float *x;
    snprintf(path, sizeof path, "%s/quant/%s", t_corpus(), name);
    if (!(p = t_read_file(path, &size))) return NULL;
    *n = (int64_t)(size / 4);
    x = (float *)malloc(size + 4);
    for (i = 0; x && i < size / 4; i++) x[i] = hln_k__bitsf(get(p, 4, (int64_t)i));
    free(p);
    return x;
}
static void test_quantize_weighted(void) {
    static const hln_k_type search[] = { HLN_K_Q2_K, HLN_K_Q3_K, HLN_K_Q4_K, HLN_K_Q5_K, HLN_K_Q6_K, HLN_K_IQ4_NL, HLN_K_IQ4_XS,
                                         HLN_K_TQ1_0, HLN_K_TQ2_0, HLN_K_MXFP4 };
    int64_t n = 0, cols = 0, r, j;
    float *x = load_corpus_f32("input_f32.bin", &n), *w = load_corpus_f32("imatrix_f32.bin", &cols), *flat, *tmp, bad_w[256];
    uint8_t *qw, *qu, *qe;
    size_t i;
    int simd = hln_k_path_available(HLN_K_PATH_AVX512);
    if (!x || !w || cols != 4096 || n != 4 * cols) { T_SKIP("no corpus quant/input_f32.bin, imatrix_f32.bin"); free(x); free(w); return; }
    flat = (float *)malloc((size_t)cols * sizeof(float));
    tmp = (float *)malloc((size_t)cols * sizeof(float));
    qw = (uint8_t *)malloc((size_t)cols * 4); qu = (uint8_t *)malloc((size_t)cols * 4); qe = (uint8_t *)malloc((size_t)cols * 4);
    if (!flat || !tmp || !qw || !qu || !qe) { T_CHECK(0); goto done; }
    for (j = 0; j < cols; j++) flat[j] = 0.37f;
    for (i = 0; i < sizeof search / sizeof search[0]; i++) {
        const hln_k_type t = search[i];
        const size_t row = hln_k_row_size(t, cols);
        int lower = 0;
        for (r = 0; r < 4; r++) {
            const float *xr = x + r * cols;
            double ew, eu;
            T_CHECK(hln_k_quantize_weighted(t, xr, w, qw, cols) == HLN_K_OK);
            T_CHECK(hln_k_quantize(t, xr, qu, cols) == HLN_K_OK);
            T_CHECK(hln_k_quantize_weighted(t, xr, flat, qe, cols) == HLN_K_OK);
            T_CHECKF(memcmp(qe, qu, row) == 0, "%s row %d: equal weights changed the bytes", hln_k_type_name(t), (int)r);
            T_CHECK(hln_k_quantize_weighted(t, xr, NULL, qe, cols) == HLN_K_OK && memcmp(qe, qu, row) == 0);
            ew = weighted_error(t, xr, w, qw, cols, tmp);
            eu = weighted_error(t, xr, w, qu, cols, tmp);
            T_CHECKF(ew <= eu, "%s row %d: weighted error %.9g of the weighted quantization > %.9g of the plain one",
                     hln_k_type_name(t), (int)r, ew, eu);
            lower += ew < eu;
            if (simd) T_EQ_I64(quant_same_w(t, xr, w, cols, "input_f32.bin weighted"), 0);
        }
        T_CHECKF(lower >= 3, "%s: the weights lowered the weighted error on %d of 4 rows", hln_k_type_name(t), lower);
    }
    /* exact types ignore weights */
    T_CHECK(hln_k_quantize_weighted(HLN_K_Q4_0, x, w, qw, cols) == HLN_K_OK && hln_k_quantize(HLN_K_Q4_0, x, qu, cols) == HLN_K_OK &&
            memcmp(qw, qu, hln_k_row_size(HLN_K_Q4_0, cols)) == 0);
    /* bad weights: negative, NaN, inf */
    for (j = 0; j < 256; j++) bad_w[j] = 1.0f;
    bad_w[7] = -1.0f;
    T_CHECK(hln_k_quantize_weighted(HLN_K_Q4_K, x, bad_w, qw, 256) == HLN_K_ERR_ARG);
    bad_w[7] = hln_k__bitsf(0x7fc00000u);
    T_CHECK(hln_k_quantize_weighted(HLN_K_Q4_K, x, bad_w, qw, 256) == HLN_K_ERR_ARG);
    bad_w[7] = hln_k__bitsf(0x7f800000u);
    T_CHECK(hln_k_quantize_weighted(HLN_K_Q4_K, x, bad_w, qw, 256) == HLN_K_ERR_ARG);
done:
    free(x); free(w); free(flat); free(tmp); free(qw); free(qu); free(qe);
}

/* The REF search's bytes on the corpus' first row, plain and with its imatrix row, are the same
 * on every host: FNV-1a hashes recorded on x86-64 (where REF and AVX-512 agree), checked here on
 * x86-64, aarch64, s390x (FLT_EVAL_METHOD 1 in ISO C: a float expression not rounded step by step
 * searched other codes there) and x87 (2). A change to a search changes its hash: record the new
 * one from the message, after checking the search on every host. */
static uint64_t fnv1a(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ull;
    size_t i;
    for (i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}
static void test_quantize_ref_golden(void) {
    static const struct { hln_k_type type; uint64_t plain, weighted; } golden[] = {
        { HLN_K_Q2_K, 0x3aca8c76b5f6b47bull, 0x5858bb399de41791ull },   { HLN_K_Q3_K, 0x92c6e2843721b735ull, 0xfd6b88a8ad0497c5ull },
        { HLN_K_Q4_K, 0x3187ca1435a94a02ull, 0x5280fade89f1df92ull },   { HLN_K_Q5_K, 0x38d05fb380a030beull, 0xa29e3e54d2e04da8ull },
        { HLN_K_Q6_K, 0x6a0c42d2f34560bcull, 0x676173e9a887360eull },   { HLN_K_IQ4_NL, 0x340a98deb3d204fcull, 0xea77fbd57e2c5f94ull },
        { HLN_K_IQ4_XS, 0x7a575aa6ca20da64ull, 0xf9f5b4e6524be71bull }, { HLN_K_TQ1_0, 0x3e53a7dadbe138fcull, 0xe7eb91fd563d388eull },
        { HLN_K_TQ2_0, 0xcd653dcd28137f22ull, 0xdcd34a04bc1ea573ull },  { HLN_K_MXFP4, 0x1b08808c0f1ae14eull, 0x837007dced6961beull },
    };
    int64_t n = 0, cols = 0;
    float *x = load_corpus_f32("input_f32.bin", &n), *w = load_corpus_f32("imatrix_f32.bin", &cols);
    uint8_t *q = (uint8_t *)malloc(4096 * 4);
    size_t i;
    if (!x || !w || cols != 4096 || n < cols || !q) { T_SKIP("no corpus quant/input_f32.bin, imatrix_f32.bin"); free(x); free(w); free(q); return; }
    for (i = 0; i < sizeof golden / sizeof golden[0]; i++) {
        const hln_k_type t = golden[i].type;
        const size_t row = hln_k_row_size(t, cols);
        uint64_t h;
        T_CHECK(hln_k_quantize_weighted_path(HLN_K_PATH_REF, t, x, NULL, q, cols) == HLN_K_OK);
        h = fnv1a(q, row);
        T_CHECKF(h == golden[i].plain, "%s plain: bytes hash 0x%016llxull, recorded 0x%016llxull", hln_k_type_name(t),
                 (unsigned long long)h, (unsigned long long)golden[i].plain);
        T_CHECK(hln_k_quantize_weighted_path(HLN_K_PATH_REF, t, x, w, q, cols) == HLN_K_OK);
        h = fnv1a(q, row);
        T_CHECKF(h == golden[i].weighted, "%s weighted: bytes hash 0x%016llxull, recorded 0x%016llxull", hln_k_type_name(t),
                 (unsigned long long)h, (unsigned long long)golden[i].weighted);
    }
    free(x); free(w); free(q);
}

int main(void) {
    printf("paths:");
    { int p; for (p = 0; p < (int)(sizeof simd_paths / sizeof simd_paths[0]); p++) if (hln_k_path_available(simd_paths[p])) printf(" %s", hln_k_path_name(simd_paths[p])); }
    printf("\n");
    T_RUN(test_known_values);
    T_RUN(test_reference_definition);
    T_RUN(test_all_halves);
    T_RUN(test_float_boundaries);
    T_RUN(test_dequantize_halves);
    T_RUN(test_quantize_same_bytes);
    T_RUN(test_quantize_corpus_same_bytes);
    T_RUN(test_quantize_weighted);
    T_RUN(test_quantize_ref_golden);
    return t_finish("test_kernels_exact");
}
