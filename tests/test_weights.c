/* The IR's weight-value passes (haoline_kernels.h included first): streamed tensor statistics
   and quantization error, checked against direct computations over the same bytes. */
#include "../haoline_kernels.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"
#include "test.h"
#include <math.h>

static char path_buf[1024];
static const char *corpus_path(const char *rel) {
    snprintf(path_buf, sizeof path_buf, "%s/%s", t_corpus(), rel);
    return path_buf;
}

static hln_model *load_gguf(const char *rel) {
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options o;
    memset(&o, 0, sizeof o);
    if (hln_gguf_load_file(&o, corpus_path(rel), &m, &err) != HLN_OK) return NULL;
    return m;
}

/* Whole-tensor decode through the kernels, for the reference numbers. */
static float *decode_all(const hln_model *m, uint32_t i) {
    const hln_tensor *t = &m->tensors[i];
    float *x = (float *)malloc((size_t)t->n_elements * sizeof(float));
    if (x && hln_k_dequantize((hln_k_type)hln_dtype_get(t->dtype)->ggml_id, t->data, x, (int64_t)t->n_elements) != HLN_K_OK) {
        free(x);
        return NULL;
    }
    return x;
}

static void check_stats_against_naive(const hln_model *m, uint32_t i) {
    const hln_tensor *t = &m->tensors[i];
    hln_weight_stats st;
    hln_error err;
    float *x = decode_all(m, i);
    double sum = 0, sq = 0, mn = INFINITY, mx = -INFINITY, mean, sd;
    uint64_t k, zeros = 0, outliers = 0;
    T_CHECK(x != NULL);
    if (!x) return;
    for (k = 0; k < t->n_elements; k++) {
        sum += x[k];
        if (x[k] < mn) mn = x[k];
        if (x[k] > mx) mx = x[k];
        if (x[k] == 0) zeros++;
    }
    mean = sum / (double)t->n_elements;
    for (k = 0; k < t->n_elements; k++) sq += (x[k] - mean) * (x[k] - mean);
    sd = sqrt(sq / (double)t->n_elements);
    for (k = 0; k < t->n_elements; k++) if (fabs(x[k] - mean) > 3 * sd) outliers++;
    T_CHECK(hln_tensor_stats(m, i, &st, &err) == HLN_OK);
    T_EQ_U64(st.count, t->n_elements);
    T_CHECK(st.min == mn && st.max == mx);
    T_CHECKF(fabs(st.mean - mean) <= 1e-9 * (fabs(mean) + sd), "%s mean %.17g vs %.17g", t->name, st.mean, mean);
    T_CHECKF(fabs(st.std - sd) <= 1e-9 * sd, "%s std %.17g vs %.17g", t->name, st.std, sd);
    T_EQ_U64(st.zeros, zeros);
    T_EQ_U64(st.outliers, outliers);
    {
        uint64_t total = 0;
        int b;
        for (b = 0; b < HLN_WEIGHT_HIST_BINS; b++) total += st.hist[b];
        T_EQ_U64(total, t->n_elements);
    }
    free(x);
}

static void test_stats_every_ggml_type(void) {
    static const char *files[] = { "F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K_M", "Q6_K", "IQ4_XS", "TQ2_0" };
    size_t f;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        char rel[128];
        hln_model *m;
        uint32_t i;
        snprintf(rel, sizeof rel, "gguf/generated/tinyllama-%s.gguf", files[f]);
        m = load_gguf(rel);
        if (!m) { T_SKIP("corpus missing"); return; }
        for (i = 0; i < m->n_tensors; i++) check_stats_against_naive(m, i);   /* every tensor, every dtype */
        hln_model_free(m);
    }
}

static void test_quant_error_matches_direct(void) {
    hln_model *m = load_gguf("gguf/generated/tinyllama-F32.gguf");
    uint32_t i;
    int checked = 0;
    if (!m) { T_SKIP("corpus missing"); return; }
    for (i = 0; i < m->n_tensors && checked < 3; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_k_error e;
        hln_error err;
        size_t row = hln_k_row_size(HLN_K_Q4_K, (int64_t)t->n_elements);
        void *q;
        float *back;
        float *src;
        double se = 0, mx = 0;
        uint64_t k;
        if (t->n_dims != 2) continue;
        src = t_le_f32_array(t->data, (size_t)t->n_elements);
        q = malloc(row);
        back = (float *)malloc((size_t)t->n_elements * sizeof(float));
        T_CHECK(hln_k_quantize(HLN_K_Q4_K, src, q, (int64_t)t->n_elements) == HLN_K_OK);
        T_CHECK(hln_k_dequantize(HLN_K_Q4_K, q, back, (int64_t)t->n_elements) == HLN_K_OK);
        for (k = 0; k < t->n_elements; k++) {
            double d = (double)back[k] - src[k];
            se += d * d;
            if (fabs(d) > mx) mx = fabs(d);
        }
        T_CHECK(hln_tensor_quant_error(m, i, HLN_K_Q4_K, &e, &err) == HLN_OK);
        T_EQ_U64(e.count, t->n_elements);
        T_CHECKF(fabs(e.rmse - sqrt(se / (double)t->n_elements)) <= 1e-9 * e.rmse, "%s rmse %.17g", t->name, e.rmse);
        T_CHECK(e.max_abs_err == mx);
        T_CHECK(e.cosine > 0.99 && e.cosine <= 1.0 + 1e-12);
        T_CHECK(e.snr_db > 10);
        free(q);
        free(back);
        free(src);
        checked++;
    }
    T_EQ_U64(checked, 3);
    hln_model_free(m);
}

/* The model pass measures exactly the matrices and its total is the error over all of them. */
static void test_model_quant_error(void) {
    hln_model *m = load_gguf("gguf/generated/tinyllama-F16.gguf");
    hln_quant_error *rows, total;
    hln_error err;
    uint32_t i, n = 0;
    double se = 0;
    uint64_t count = 0;
    if (!m) { T_SKIP("corpus missing"); return; }
    rows = (hln_quant_error *)calloc(m->n_tensors, sizeof *rows);
    T_CHECK(hln_model_quant_error(m, HLN_K_Q4_0, rows, &total, &err) == HLN_OK);
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        T_CHECK(rows[i].measured == (t->n_dims == 2));   /* every matrix, no norm vector */
        if (!rows[i].measured) continue;
        T_EQ_U64(rows[i].count, t->n_elements);
        se += rows[i].rmse * rows[i].rmse * (double)rows[i].count;
        count += rows[i].count;
        n++;
    }
    T_EQ_U64(n, 16);
    T_CHECK(total.measured);
    T_EQ_U64(total.count, count);
    T_CHECKF(fabs(total.rmse - sqrt(se / (double)count)) <= 1e-9 * total.rmse, "total rmse %.17g", total.rmse);
    T_CHECK(hln_model_quant_error(m, HLN_K_IQ2_XXS, rows, &total, &err) == HLN_ERR_ARG);   /* no quantizer */
    free(rows);
    hln_model_free(m);
}

static void test_refusals(void) {
    hln_model *m = load_gguf("gguf/generated/tinyllama-bigendian-F16.gguf");
    hln_weight_stats st;
    hln_k_error e;
    hln_error err;
    if (!m) { T_SKIP("corpus missing"); return; }
    T_CHECK(hln_tensor_stats(m, 0, &st, &err) == HLN_ERR_UNSUPPORTED);   /* BE bytes */
    T_CHECK(strstr(err.message, "big-endian") != NULL);
    T_CHECK(hln_tensor_stats(m, m->n_tensors, &st, &err) == HLN_ERR_ARG);
    hln_model_free(m);
    m = load_gguf("gguf/generated/tinyllama-F32.gguf");
    if (!m) return;
    T_CHECK(hln_tensor_quant_error(m, 0, HLN_K_IQ2_XXS, &e, &err) == HLN_ERR_UNSUPPORTED);   /* no quantizer */
    hln_model_free(m);
    m = load_gguf("gguf/generated/kvtypes.gguf");
    if (!m) return;
    {   /* integer and F64 tensors decode exactly */
        int64_t idx = hln_model_find_tensor(m, "t.i32");
        T_CHECK(idx >= 0);
        if (idx >= 0) {
            const unsigned char *v = (const unsigned char *)m->tensors[idx].data;
            int32_t lo = (int32_t)t_le_u32(v), hi = lo;
            uint64_t k;
            for (k = 1; k < m->tensors[idx].n_elements; k++) {
                int32_t x = (int32_t)t_le_u32(v + 4 * k);
                if (x < lo) lo = x;
                if (x > hi) hi = x;
            }
            T_CHECK(hln_tensor_stats(m, (uint32_t)idx, &st, &err) == HLN_OK);
            T_CHECK(st.min == (double)(float)lo && st.max == (double)(float)hi);   /* values are streamed as f32 */
        }
    }
    {   /* rows of 5 are not whole Q4_0 blocks */
        int64_t idx = hln_model_find_tensor(m, "t.f32");
        T_CHECK(idx >= 0 && hln_tensor_quant_error(m, (uint32_t)idx, HLN_K_Q4_0, &e, &err) == HLN_ERR_UNSUPPORTED);
    }
    hln_model_free(m);
}

static void test_safetensors_f8(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_st_options o;
    hln_weight_stats st;
    uint64_t k;
    memset(&o, 0, sizeof o);
    if (hln_st_load_file(&o, corpus_path("safetensors/generated/dtype-F8_E4M3.safetensors"), &m, &err) != HLN_OK) { T_SKIP("corpus missing"); return; }
    T_CHECK(hln_tensor_stats(m, 0, &st, &err) == HLN_OK);
    {
        const uint8_t *b = (const uint8_t *)m->tensors[0].data;
        double mx = -INFINITY;
        for (k = 0; k < m->tensors[0].n_elements; k++) {
            double v = hln_k_fp8_e4m3_to_fp32(b[k]);
            if (v == v && v > mx) mx = v;
        }
        T_CHECK(st.max == mx);
    }
    hln_model_free(m);
}

/* bitnet.cpp's I2_S: the statistics see trits times the tensor's one scale (after the codes). */
static void test_i2s_scaled(void) {
    enum { N = 512 };
    uint8_t file[32 + 96 + N / 4 + 32 + 32];
    int8_t t[N];
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options o;
    hln_weight_stats st;
    size_t pos = 0;
    int i, sum = 0;
    const char *name = "blk.0.ffn_up.weight";
    memset(file, 0, sizeof file);
    memset(&o, 0, sizeof o);
#define PUT(v, nb) do { uint64_t v_ = (uint64_t)(v); int b_; for (b_ = 0; b_ < (nb); b_++) file[pos++] = (uint8_t)(v_ >> (8 * b_)); } while (0)
    memcpy(file, "GGUF", 4); pos = 4;
    PUT(3, 4); PUT(1, 8); PUT(0, 8);
    PUT(strlen(name), 8); memcpy(file + pos, name, strlen(name)); pos += strlen(name);
    PUT(2, 4); PUT(256, 8); PUT(2, 8); PUT(36, 4); PUT(0, 8);
#undef PUT
    pos = (pos + 31) / 32 * 32;
    for (i = 0; i < N; i++) { t[i] = (int8_t)((i * 7 % 3) - 1); sum += t[i]; }
    T_CHECK(hln_k_ternary_pack(HLN_K_TERNARY_I2_S, t, 0.25f, N, file + pos) == HLN_K_OK);
    T_CHECKF(hln_gguf_parse(&o, file, pos + hln_k_i2s_size(N), &m, &err) == HLN_OK, "%s", err.message);
    if (!m) return;
    T_CHECK(hln_tensor_stats(m, 0, &st, &err) == HLN_OK);
    T_EQ_U64(st.count, N);
    T_CHECK(st.min == -0.25 && st.max == 0.25);
    T_CHECKF(fabs(st.mean - 0.25 * sum / N) < 1e-12, "mean %.17g", st.mean);
    hln_model_free(m);
}

int main(void) {
    T_RUN(test_stats_every_ggml_type);
    T_RUN(test_quant_error_matches_direct);
    T_RUN(test_model_quant_error);
    T_RUN(test_refusals);
    T_RUN(test_safetensors_f8);
    T_RUN(test_i2s_scaled);
    return t_finish("test_weights");
}
