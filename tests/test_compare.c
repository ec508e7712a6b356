/* compare and diff (haoline_analysis.h): tensor alignment by name, role and shape; metadata and
   node alignment; the streamed weight error against a direct dequantize-and-compare; reports. */
#define _POSIX_C_SOURCE 200809L   /* truncate, nanosleep, rmdir */
#include "../haoline_kernels.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"
#include "../haoline_onnx.h"
#include "../haoline_report.h"
#include "test.h"
#include <math.h>
#include <pthread.h>
#include <unistd.h>   /* truncate, unlink, rmdir */
#include <sys/stat.h>  /* mkdir */

static const char *const quants[] = { "F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K_M", "Q6_K", "IQ4_XS", "TQ2_0" };
#define N_QUANTS (sizeof quants / sizeof quants[0])

static hln_model *load(const char *rel) {
    char path[1024];
    hln_model *m = NULL;
    hln_error err;
    size_t n = strlen(rel);
    snprintf(path, sizeof path, "%s/%s", t_corpus(), rel);
    if (n > 5 && strcmp(rel + n - 5, ".gguf") == 0) {
        hln_gguf_options o;
        memset(&o, 0, sizeof o);
        if (hln_gguf_load_file(&o, path, &m, &err) != HLN_OK) return NULL;
    } else if (n > 5 && strcmp(rel + n - 5, ".onnx") == 0) {
        hln_onnx_options o;
        memset(&o, 0, sizeof o);
        if (hln_onnx_load_file(&o, path, &m, &err) != HLN_OK) return NULL;
    } else {
        hln_st_options o;
        memset(&o, 0, sizeof o);
        if (hln_st_load_file(&o, path, &m, &err) != HLN_OK) return NULL;
    }
    return m;
}
static hln_model *load_quant(const char *q) {
    char rel[128];
    snprintf(rel, sizeof rel, "gguf/generated/tinyllama-%s.gguf", q);
    return load(rel);
}

/* Every value of a tensor through the kernels, whole, for the reference numbers. */
static float *decode_all(const hln_tensor *t) {
    float *x = (float *)malloc((size_t)t->n_elements * sizeof(float) + 1);
    if (x && hln_k_dequantize((hln_k_type)hln_dtype_get(t->dtype)->ggml_id, t->data, x, (int64_t)t->n_elements) != HLN_K_OK) {
        free(x);
        return NULL;
    }
    return x;
}

/* The error of b against a, directly: one pass over the whole arrays. */
static void direct_error(const float *a, const float *b, uint64_t n, double *rmse, double *max_abs, double *snr, double *cosine) {
    double se = 0, sa = 0, sb = 0, sab = 0, mx = 0;
    uint64_t i;
    for (i = 0; i < n; i++) {
        double d = (double)b[i] - (double)a[i];
        se += d * d;
        sa += (double)a[i] * a[i];
        sb += (double)b[i] * b[i];
        sab += (double)a[i] * b[i];
        if (fabs(d) > mx) mx = fabs(d);
    }
    *rmse = sqrt(se / (double)n);
    *max_abs = mx;
    *snr = se > 0 ? 10 * log10(sa / se) : INFINITY;
    *cosine = sqrt(sa) * sqrt(sb) > 0 ? sab / (sqrt(sa) * sqrt(sb)) : 1.0;
}
static int close_to(double x, double y) {
    if (isinf(x) || isinf(y)) return x == y;
    return fabs(x - y) <= 1e-9 * (fabs(y) + 1e-30);
}

/* All pairs of the corpus' tinyllama quantizations: 100 % aligned by name, dtype changes
   counted exactly, metadata changes counted exactly, weight errors equal the direct ones. */
static void test_gguf_quant_pairs(void) {
    uint32_t qa, qb, pairs = 0;
    for (qa = 0; qa < N_QUANTS; qa++)
        for (qb = qa + 1; qb < N_QUANTS; qb++) {
            hln_model *a = load_quant(quants[qa]), *b = load_quant(quants[qb]);
            hln_diff d;
            hln_error err;
            uint32_t i, dtype_changes = 0, kv_changes = 0;
            T_CHECK(a && b);
            if (!a || !b) { hln_model_free(a); hln_model_free(b); return; }
            T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
            T_EQ_U64(d.tensor_counts.aligned, a->n_tensors);
            T_EQ_U64(d.tensor_counts.aligned, b->n_tensors);
            T_EQ_U64(d.tensor_counts.by_name, a->n_tensors);
            T_EQ_U64(d.tensor_counts.removed + d.tensor_counts.added, 0);
            for (i = 0; i < a->n_tensors; i++) {
                int64_t j = hln_model_find_tensor(b, a->tensors[i].name);
                T_CHECK(j >= 0);
                if (j >= 0 && b->tensors[j].dtype != a->tensors[i].dtype) dtype_changes++;
            }
            T_EQ_U64(d.dtype_changed, dtype_changes);
            T_EQ_U64(d.shape_changed, 0);
            for (i = 0; i < a->n_kv; i++) {
                const hln_kv *x = &a->kv[i], *y = hln_model_find_kv(b, x->key);
                T_CHECK(y != NULL);
                if (y && (x->type != y->type || (x->type == HLN_KV_STRING ? x->v.s.len != y->v.s.len || memcmp(x->v.s.ptr, y->v.s.ptr, (size_t)x->v.s.len)
                                                 : x->type != HLN_KV_ARRAY && x->v.u != y->v.u))) kv_changes++;
            }
            T_EQ_U64(d.kv_counts.changed, kv_changes);
            T_CHECK(hln_diff_weights(&d, a, b, NULL, NULL, &err) == HLN_OK);
            for (i = 0; i < d.n_tensors; i++) {
                const hln_tensor *s = &a->tensors[d.tensors[i].a], *t = &b->tensors[d.tensors[i].b];
                float *xa = decode_all(s), *xb = decode_all(t);
                double rmse, mx, snr, cs;
                T_CHECK(xa && xb);
                T_CHECK(d.weights[i].measured);
                if (xa && xb && d.weights[i].measured) {
                    direct_error(xa, xb, s->n_elements, &rmse, &mx, &snr, &cs);
                    T_EQ_U64(d.weights[i].count, s->n_elements);
                    T_CHECKF(close_to(d.weights[i].rmse, rmse) && d.weights[i].max_abs_err == mx && close_to(d.weights[i].snr_db, snr) &&
                             close_to(d.weights[i].cosine, cs), "%s %s vs %s: rmse %.17g/%.17g max %.9g/%.9g snr %.17g/%.17g cos %.17g/%.17g",
                             s->name, quants[qa], quants[qb], d.weights[i].rmse, rmse, d.weights[i].max_abs_err, mx, d.weights[i].snr_db, snr,
                             d.weights[i].cosine, cs);
                }
                free(xa);
                free(xb);
            }
            hln_diff_free(&d);
            hln_model_free(a);
            hln_model_free(b);
            pairs++;
        }
    T_EQ_U64(pairs, N_QUANTS * (N_QUANTS - 1) / 2);
}

/* A model against itself: nothing changed, zero error, and the paragraph says so. */
static void test_self_diff(void) {
    static const char *const files[] = { "gguf/generated/tinyllama-Q4_K_M.gguf", "gguf/generated/tinymoe-Q4_K_M.gguf",
                                         "safetensors/generated/tinyllama-hf-BF16.safetensors", "gguf/generated/kvtypes.gguf" };
    size_t f;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        hln_model *a = load(files[f]), *b = load(files[f]);
        hln_diff d;
        hln_error err;
        hln_report_diff_input x;
        char text[2048];
        uint32_t i, measured = 0;
        T_CHECK(a && b);
        if (!a || !b) { hln_model_free(a); hln_model_free(b); continue; }
        T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
        T_EQ_U64(d.tensor_counts.by_name, a->n_tensors);
        T_EQ_U64(d.tensor_counts.changed + d.tensor_counts.added + d.tensor_counts.removed, 0);
        T_EQ_U64(d.kv_counts.aligned, a->n_kv);
        T_EQ_U64(d.kv_counts.changed + d.kv_counts.added + d.kv_counts.removed, 0);
        T_CHECK(hln_diff_weights(&d, a, b, NULL, NULL, &err) == HLN_OK);
        for (i = 0; i < d.n_tensors; i++)
            if (d.weights[i].measured) {
                measured++;
                T_CHECK(d.weights[i].max_abs_err == 0 && d.weights[i].rmse == 0 && isinf(d.weights[i].snr_db));
            }
        T_CHECK(measured > 0);
        x.a = a; x.b = b; x.diff = &d; x.file_a = "a"; x.file_b = "b";
        hln_report_diff_summary(&x, text, sizeof text);
        T_CHECKF(strncmp(text, "Nothing changed", 15) == 0, "%s: %s", files[f], text);
        hln_diff_free(&d);
        hln_model_free(a);
        hln_model_free(b);
    }
}

/* The role vocabulary: HF and GGUF spellings of one tensor give one role. */
static void test_roles(void) {
    static const char *const same[][2] = {
        { "model.layers.3.self_attn.q_proj.weight", "blk.3.attn_q.weight" },
        { "model.layers.12.mlp.down_proj.weight", "blk.12.ffn_down.weight" },
        { "model.embed_tokens.weight", "token_embd.weight" }, { "lm_head.weight", "output.weight" },
        { "model.norm.weight", "output_norm.weight" }, { "transformer.h.0.attn.c_attn.bias", "blk.0.attn_qkv.bias" },
        { "model.layers.0.post_attention_layernorm.weight", "blk.0.ffn_norm.weight" } };
    size_t k;
    for (k = 0; k < sizeof same / sizeof same[0]; k++) {
        int64_t la, lb;
        int ra, rb, pa, pb;
        int ka = hln_name_role(same[k][0], &la, &ra, &pa), kb = hln_name_role(same[k][1], &lb, &rb, &pb);
        T_CHECK(ka && kb);
        T_CHECKF(la == lb && ra == rb && pa == pb, "%s vs %s", same[k][0], same[k][1]);
    }
    {
        int64_t l;
        int r, p;
        T_CHECK(!hln_name_role("model.layers.3.self_attn.rotary_emb.inv_freq", &l, &r, &p));
        T_CHECK(hln_name_role("blk.3.attn_k.weight", &l, &r, &p) && l == 3 && strcmp(hln_name_role_gguf(r), "attn_k") == 0);
        T_CHECK(hln_name_role("model.layers.3.self_attn.q_proj.weight", &l, &r, &p) && p == 0);
        T_CHECK(hln_name_role("model.layers.3.self_attn.q_proj.bias", &l, &r, &p) && p == 1);
    }
}

/* GGUF names of the HF llama tensors, written independently of the library's table. */
static const char *gguf_name_of(const char *hf, char *buf, size_t cap) {
    static const char *const map[][2] = {
        { "input_layernorm.weight", "attn_norm.weight" }, { "self_attn.q_proj.weight", "attn_q.weight" },
        { "self_attn.k_proj.weight", "attn_k.weight" }, { "self_attn.v_proj.weight", "attn_v.weight" },
        { "self_attn.o_proj.weight", "attn_output.weight" }, { "post_attention_layernorm.weight", "ffn_norm.weight" },
        { "mlp.gate_proj.weight", "ffn_gate.weight" }, { "mlp.up_proj.weight", "ffn_up.weight" },
        { "mlp.down_proj.weight", "ffn_down.weight" } };
    int layer;
    char rest[128];
    size_t k;
    if (strcmp(hf, "model.embed_tokens.weight") == 0) return "token_embd.weight";
    if (strcmp(hf, "model.norm.weight") == 0) return "output_norm.weight";
    if (strcmp(hf, "lm_head.weight") == 0) return "output.weight";
    if (sscanf(hf, "model.layers.%d.%127s", &layer, rest) != 2) return NULL;
    for (k = 0; k < sizeof map / sizeof map[0]; k++)
        if (strcmp(rest, map[k][0]) == 0) { snprintf(buf, cap, "blk.%d.%s", layer, map[k][1]); return buf; }
    return NULL;
}


/* An HF SafeTensors checkpoint and the GGUF of the same weights (written here with the
   project's GGUF writer under GGUF names): every tensor aligns by role, values equal. A third
   copy with one matrix stored transposed aligns by name and compares through the transpose. */
static void test_hf_vs_gguf(void) {
    hln_model *st = load("safetensors/generated/tinyllama-hf-F32.safetensors"), *g = NULL, *tr = NULL;
    const char **saved;
    char (*names)[128];
    t_membuf buf = { NULL, 0, 0 }, buf2 = { NULL, 0, 0 };
    hln_error err;
    hln_diff d;
    uint32_t i, ok_names = 1;
    float *transposed = NULL;
    T_CHECK(st != NULL);
    if (!st) return;
    saved = (const char **)malloc(st->n_tensors * sizeof *saved);
    names = (char (*)[128])malloc(st->n_tensors * sizeof *names);
    for (i = 0; i < st->n_tensors; i++) {
        const char *gn = gguf_name_of(st->tensors[i].name, names[i], sizeof names[i]);
        saved[i] = st->tensors[i].name;
        if (!gn) { ok_names = 0; continue; }
        if (gn != names[i]) snprintf(names[i], sizeof names[i], "%s", gn);
        st->tensors[i].name = names[i];
    }
    T_CHECK(ok_names);
    T_CHECK(hln_gguf_write(st, t_mem_write, &buf, &err) == HLN_OK);
    for (i = 0; i < st->n_tensors; i++) st->tensors[i].name = saved[i];
    {
        hln_gguf_options o;
        memset(&o, 0, sizeof o);
        T_CHECK(hln_gguf_parse(&o, buf.p, buf.n, &g, &err) == HLN_OK);
    }
    if (g) {
        T_CHECK(hln_model_diff(st, g, &d, &err) == HLN_OK);
        T_EQ_U64(d.tensor_counts.aligned, st->n_tensors);
        T_EQ_U64(d.tensor_counts.by_role, st->n_tensors);
        T_EQ_U64(d.tensor_counts.by_name, 0);
        for (i = 0; i < d.tensor_counts.aligned; i++)
            T_CHECKF(strcmp(names[d.tensors[i].a], g->tensors[d.tensors[i].b].name) == 0, "%s -> %s",
                     st->tensors[d.tensors[i].a].name, g->tensors[d.tensors[i].b].name);
        T_CHECK(hln_diff_weights(&d, st, g, NULL, NULL, &err) == HLN_OK);
        {
            uint64_t all = 0;
            for (i = 0; i < st->n_tensors; i++) all += st->tensors[i].n_elements;
            T_CHECK(d.weights_total.measured && d.weights_total.max_abs_err == 0);
            T_EQ_U64(d.weights_total.count, all);
        }
        for (i = 0; i < d.n_tensors; i++) T_CHECK(d.weights[i].measured && d.weights[i].max_abs_err == 0);
        hln_diff_free(&d);
    }
    /* one matrix transposed: q_proj of layer 0, [128, 128] is square, so take gate_proj [256, 128] */
    {
        int64_t k = hln_model_find_tensor(st, "model.layers.0.mlp.gate_proj.weight");
        T_CHECK(k >= 0);
        if (k >= 0) {
            hln_tensor *t = &st->tensors[k];
            const float *src = (const float *)t->data;
            int64_t r = t->dims[0], c = t->dims[1], x, y, dims_saved[2];
            const void *data_saved = t->data;
            hln_st_options o;
            transposed = (float *)malloc((size_t)(r * c) * sizeof(float));
            for (x = 0; x < r; x++) for (y = 0; y < c; y++) transposed[y * r + x] = src[x * c + y];
            dims_saved[0] = r; dims_saved[1] = c;
            t->dims[0] = c; t->dims[1] = r;
            t->data = transposed;
            T_CHECK(hln_st_write(st, t_mem_write, &buf2, &err) == HLN_OK);
            t->dims[0] = dims_saved[0]; t->dims[1] = dims_saved[1];
            t->data = data_saved;
            memset(&o, 0, sizeof o);
            T_CHECK(hln_st_parse(&o, buf2.p, buf2.n, &tr, &err) == HLN_OK);
            if (tr) {
                T_CHECK(hln_model_diff(st, tr, &d, &err) == HLN_OK);
                T_EQ_U64(d.tensor_counts.by_name, st->n_tensors);
                T_EQ_U64(d.transposed, 1);
                T_CHECK(hln_diff_weights(&d, st, tr, NULL, NULL, &err) == HLN_OK);
                for (i = 0; i < d.n_tensors; i++) {
                    T_CHECK(d.weights[i].measured && d.weights[i].max_abs_err == 0);
                    if (d.tensors[i].a == (int32_t)k) T_CHECK(d.tensors[i].changed == (HLN_DIFF_SHAPE | HLN_DIFF_TRANSPOSED));
                }
                hln_diff_free(&d);
            }
        }
    }
    hln_model_free(tr);
    hln_model_free(g);
    hln_model_free(st);
    free(transposed);
    free(buf.p);
    free(buf2.p);
    free(saved);
    free(names);
}

/* A model of n generated tensors (names from fmt with the index, all [64, 64] F32, no bytes). */
static hln_model *generated(uint32_t n, const char *fmt, int reverse, int dims) {
    hln_model *m;
    uint32_t i;
    char name[64];
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, n, sizeof(hln_tensor));
    if (!m->tensors) { hln_model_free(m); return NULL; }
    m->n_tensors = n;
    for (i = 0; i < n; i++) {
        hln_tensor *t = &m->tensors[i];
        int k = snprintf(name, sizeof name, fmt, reverse ? n - 1 - i : i);
        t->name = hln_arena_strndup(&m->arena, name, (size_t)k);
        t->dtype = HLN_DTYPE_F32;
        t->n_dims = 2;
        t->dims = (int64_t *)hln_arena_array(&m->arena, 2, sizeof(int64_t));
        t->dims[0] = dims;
        t->dims[1] = 64;
        t->n_elements = (uint64_t)dims * 64;
        t->n_bytes = t->n_elements * 4;
    }
    return m;
}
/* The alignment's cost without a clock: each of the 4 tensor stages inserts B's unmatched items
   and looks up A's in a table at most half full (linear probing: under 2.5 slots a look-up on
   average), so the slots looked at stay under 4 * 2 * 2.5 = 20 per tensor a side (5.6 measured
   when every stage runs); a quadratic join of 100k tensors would look at ~10^10. */
static void probes_linear(const hln_diff *d, uint32_t n, const char *what) {
    T_CHECKF(d->align_probes > 0 && d->align_probes <= 20ull * n, "%s: %llu slot probes for %u tensors a side", what,
             (unsigned long long)d->align_probes, n);
}

/* 100k tensors: by name in reverse order, by shape and position when every name differs,
   duplicates in order, and an unrelated pair; each in bounded work (linear, not quadratic). */
static void test_hostile_alignment(void) {
    const uint32_t n = 100000;
    hln_model *a = generated(n, "layer.%u.w", 0, 64), *rev = generated(n, "layer.%u.w", 1, 64);
    hln_model *other = generated(n, "x%u", 0, 64), *dup_a = generated(2000, "dup", 0, 64), *dup_b = generated(2000, "dup", 0, 64);
    hln_model *unrelated = generated(n, "u%u", 0, 32);
    hln_diff d;
    hln_error err;
    uint32_t i, in_order = 1;
    T_CHECK(a && rev && other && dup_a && dup_b && unrelated);
    if (!a || !rev || !other || !dup_a || !dup_b || !unrelated) goto done;
    T_CHECK(hln_model_diff(a, rev, &d, &err) == HLN_OK);
    T_EQ_U64(d.tensor_counts.by_name, n);
    for (i = 0; i < n; i++) if (d.tensors[i].b != (int32_t)(n - 1 - (uint32_t)d.tensors[i].a)) in_order = 0;
    T_CHECK(in_order);
    probes_linear(&d, n, "reversed names");
    hln_diff_free(&d);
    T_CHECK(hln_model_diff(a, other, &d, &err) == HLN_OK);
    T_EQ_U64(d.tensor_counts.by_shape, n);   /* same shape, nothing else in common: file order */
    for (i = 0; i < n; i++) if (d.tensors[i].a != d.tensors[i].b) in_order = 0;
    T_CHECK(in_order);
    probes_linear(&d, n, "one shape");
    hln_diff_free(&d);
    T_CHECK(hln_model_diff(a, unrelated, &d, &err) == HLN_OK);
    T_EQ_U64(d.tensor_counts.aligned, 0);
    T_EQ_U64(d.tensor_counts.removed, n);
    T_EQ_U64(d.tensor_counts.added, n);
    probes_linear(&d, n, "unrelated");
    hln_diff_free(&d);
    T_CHECK(hln_model_diff(dup_a, dup_b, &d, &err) == HLN_OK);
    T_EQ_U64(d.tensor_counts.by_name, 2000);
    for (i = 0; i < 2000; i++) if (d.tensors[i].a != d.tensors[i].b) in_order = 0;
    T_CHECK(in_order);
    probes_linear(&d, 2000, "duplicate names");
    hln_diff_free(&d);
done:
    hln_model_free(a); hln_model_free(rev); hln_model_free(other);
    hln_model_free(dup_a); hln_model_free(dup_b); hln_model_free(unrelated);
}

/* Two unrelated real models (a GGUF LLM and an ONNX graph): clean counts, nothing aligned by name. */
static void test_unrelated_real(void) {
    hln_model *a = load_quant("Q8_0"), *b = load("onnx/generated/conv3d_convtranspose3d.onnx");
    hln_diff d;
    hln_error err;
    T_CHECK(a && b);
    if (a && b) {
        T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
        T_EQ_U64(d.tensor_counts.by_name, 0);
        T_EQ_U64(d.tensor_counts.aligned + d.tensor_counts.removed, a->n_tensors);
        T_EQ_U64(d.tensor_counts.aligned + d.tensor_counts.added, b->n_tensors);
        T_EQ_U64(d.n_nodes, 0);   /* only one side has a graph */
        hln_diff_free(&d);
    }
    hln_model_free(a);
    hln_model_free(b);
}

/* Graph nodes: by name with itself; by op and position once B's names are gone; a removed node. */
static void test_nodes(void) {
    hln_model *a = load("onnx/generated/conv3d_convtranspose3d.onnx"), *b = load("onnx/generated/conv3d_convtranspose3d.onnx");
    hln_diff d;
    hln_error err;
    uint32_t i;
    T_CHECK(a && b && a->graph && b->graph);
    if (!a || !b || !a->graph || !b->graph) { hln_model_free(a); hln_model_free(b); return; }
    T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
    T_EQ_U64(d.node_counts.aligned, a->graph->n_nodes);
    T_EQ_U64(d.node_counts.changed + d.node_counts.added + d.node_counts.removed, 0);
    hln_diff_free(&d);
    for (i = 0; i < b->graph->n_nodes; i++) b->graph->nodes[i].name = "";
    T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
    T_EQ_U64(d.node_counts.by_position, a->graph->n_nodes);
    for (i = 0; i < d.node_counts.aligned; i++) T_EQ_I64(d.nodes[i].a, d.nodes[i].b);
    hln_diff_free(&d);
    b->graph->n_nodes--;   /* the last node gone */
    T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
    T_EQ_U64(d.node_counts.removed, 1);
    T_EQ_I64(d.nodes[d.node_counts.aligned].a, (int64_t)a->graph->n_nodes - 1);
    hln_diff_free(&d);
    b->graph->n_nodes++;
    hln_model_free(a);
    hln_model_free(b);
}

/* The reports carry the counts: JSON keys, CSV rows, HTML colours, compare deltas. */
static void test_reports(void) {
    hln_model *a = load_quant("F16"), *b = load_quant("Q4_K_M");
    hln_diff d;
    hln_error err;
    hln_report_diff_input x;
    t_membuf j = { NULL, 0, 0 }, c = { NULL, 0, 0 }, h = { NULL, 0, 0 }, cj = { NULL, 0, 0 };
    T_CHECK(a && b);
    if (!a || !b) { hln_model_free(a); hln_model_free(b); return; }
    T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
    T_CHECK(hln_diff_weights(&d, a, b, NULL, NULL, &err) == HLN_OK);
    x.a = a; x.b = b; x.diff = &d; x.file_a = "tinyllama-F16.gguf"; x.file_b = "tinyllama-Q4_K_M.gguf";
    T_CHECK(hln_report_diff_json(&x, t_mem_write, &j) == HLN_OK && t_mem_write(&j, "", 1));
    T_CHECK(hln_report_diff_csv(&x, t_mem_write, &c) == HLN_OK && t_mem_write(&c, "", 1));
    T_CHECK(hln_report_diff_html(&x, t_mem_write, &h) == HLN_OK && t_mem_write(&h, "", 1));
    if (j.p && c.p && h.p) {
        char want[64];
        const char *p;
        uint32_t rows = 0;
        T_CHECK(strstr((char *)j.p, "\"report\": \"diff\"") != NULL);
        snprintf(want, sizeof want, "\"aligned\": %u", a->n_tensors);
        T_CHECK(strstr((char *)j.p, want) != NULL);
        T_CHECK(strstr((char *)j.p, "\"dtype\": [\"F16\", \"Q4_K\"]") != NULL);
        T_CHECK(strstr((char *)j.p, "\"key\": \"general.file_type\"") != NULL);
        T_CHECK(strstr((char *)j.p, "\"summary_text\": \"21 of 21 tensors") != NULL);
        for (p = (char *)c.p; (p = strstr(p, "\r\n")) != NULL; p += 2) rows++;
        T_EQ_U64(rows, d.n_tensors + 1);
        T_CHECK(strstr((char *)h.p, "class=\"chg\"") != NULL && strstr((char *)h.p, "Tensors that moved most") != NULL);
        T_CHECK(strstr((char *)h.p, "<script") == NULL);
    }
    {
        const hln_model *ms[2];
        hln_model_facts f[2];
        const char *files[2] = { "f16", "q4" };
        hln_report_compare_input in;
        char cell[128], want[64];
        ms[0] = a; ms[1] = b;
        memset(&in, 0, sizeof in);
        T_CHECK(hln_model_facts_collect(a, NULL, 0, &f[0], &err) == HLN_OK && hln_model_facts_collect(b, NULL, 0, &f[1], &err) == HLN_OK);
        in.models = ms; in.facts = f; in.files = files; in.n = 2; in.baseline = 0;
        T_CHECK(hln_report_compare_json(&in, t_mem_write, &cj) == HLN_OK && t_mem_write(&cj, "", 1));
        if (cj.p) {
            T_CHECK(strstr((char *)cj.p, "\"report\": \"compare\"") != NULL && strstr((char *)cj.p, "\"deltas\": [") != NULL);
            T_CHECK(strstr((char *)cj.p, "\"index\": 1") != NULL);
            T_CHECK(strstr((char *)cj.p, "\"analysis\": {\"class\": \"decoder-only-llm\"") != NULL);
            T_CHECK(strstr((char *)cj.p, "\"estimates\": null") != NULL);   /* no --hardware */
        }
        {   /* --hardware: a row per device, models[].estimates filled */
            hln_hw_list hl;
            const hln_hw_profile *hw[1];
            hln_report_deploy dp;
            t_membuf ej = { NULL, 0, 0 };
            char name[64];
            uint32_t rows = hln_report_compare_rows(&in);
            hln_hw_list_builtin(&hl);
            hw[0] = hln_hw_find(&hl, "rtx-4090");
            T_CHECK(hw[0] != NULL);
            memset(&dp, 0, sizeof dp);
            dp.hw = hw;
            dp.n_hw = 1;
            in.deploy = &dp;
            T_EQ_U64(hln_report_compare_rows(&in), rows + 1);
            T_EQ_STR(hln_report_compare_row_name(&in, rows, name, sizeof name), "on rtx-4090 (batch 1)");
            hln_report_compare_cell(&in, 1, rows, 1, cell, sizeof cell);
            T_CHECKF(strstr(cell, " tok/s, TTFT ") != NULL, "%s", cell);
            T_CHECK(hln_report_compare_json(&in, t_mem_write, &ej) == HLN_OK && t_mem_write(&ej, "", 1));
            if (ej.p) {
                const char *e1 = strstr((char *)ej.p, "\"estimates\": [");
                T_CHECK(e1 && strstr(e1 + 1, "\"estimates\": [") && !strstr((char *)ej.p, "\"estimates\": null"));
                T_CHECK(strstr((char *)ej.p, "{\"hardware\": \"rtx-4090\", \"precision\": ") != NULL);
            }
            free(ej.p);
            in.deploy = NULL;
            hln_hw_list_free(&hl);
        }
        hln_report_compare_cell(&in, 1, 1, 1, cell, sizeof cell);   /* parameters: same count */
        T_CHECKF(strstr(cell, "(+0.0%, 1.00x)") != NULL, "%s", cell);
        {
            uint32_t row;
            for (row = 0; row < hln_report_compare_rows(&in) && strcmp(hln_report_compare_row_name(&in, row, NULL, 0), "architecture class"); row++) {}
            hln_report_compare_cell(&in, 1, row, 1, cell, sizeof cell);
            T_EQ_STR(cell, hln_arch_class_name(f[1].analysis.arch));
        }
        hln_report_compare_cell(&in, 1, 3, 1, cell, sizeof cell);   /* bits per weight */
        snprintf(want, sizeof want, "%.2f", f[1].summary.bits_per_weight);
        T_CHECKF(strncmp(cell, want, strlen(want)) == 0, "%s vs %s", cell, want);
    }
    free(j.p); free(c.p); free(h.p); free(cj.p);
    hln_diff_free(&d);
    hln_model_free(a);
    hln_model_free(b);
}

/* GPTQ-style containers: the packed qweight/qzeros codes are aligned but not measured (their
   numbers are not weights); the float scales are. Two tiny SafeTensors files. */
static void test_packed_quant_not_measured(void) {
    static const char hdr[] = "{\"l.qweight\":{\"dtype\":\"I32\",\"shape\":[2,4],\"data_offsets\":[0,32]},"
                              "\"l.qzeros\":{\"dtype\":\"I32\",\"shape\":[1,1],\"data_offsets\":[32,36]},"
                              "\"l.scales\":{\"dtype\":\"F32\",\"shape\":[1,4],\"data_offsets\":[36,52]}}";
    unsigned char file[2][8 + sizeof hdr - 1 + 52];
    hln_model *m[2] = { NULL, NULL };
    hln_error err;
    hln_diff d;
    uint32_t k, i, measured = 0;
    for (k = 0; k < 2; k++) {
        uint64_t n = sizeof hdr - 1;
        for (i = 0; i < 8; i++) file[k][i] = (unsigned char)(n >> (8 * i));
        memcpy(file[k] + 8, hdr, n);
        for (i = 0; i < 52; i++) file[k][8 + n + i] = (unsigned char)(k ? 0x11 * (i % 7) : 0x10 * (i % 5));
        for (i = 36; i < 52; i += 4) { float f = k ? 0.5f : 0.25f; memcpy(file[k] + 8 + n + i, &f, 4); }
        T_EQ_U64(hln_st_parse(NULL, file[k], sizeof file[k], &m[k], &err), HLN_OK);
    }
    if (m[0] && m[1]) {
        T_EQ_U64(hln_model_diff(m[0], m[1], &d, &err), HLN_OK);
        T_EQ_U64(hln_diff_weights(&d, m[0], m[1], NULL, NULL, &err), HLN_OK);
        for (i = 0; i < d.n_tensors; i++) {
            const char *name = m[0]->tensors[d.tensors[i].a].name;
            T_CHECKF(d.weights[i].measured == (strcmp(name, "l.scales") == 0), "%s measured %d", name, (int)d.weights[i].measured);
            measured += d.weights[i].measured != 0;
        }
        T_EQ_U64(d.n_tensors, 3);
        T_EQ_U64(measured, 1);
        T_CHECK(d.weights_total.count == 4 && d.weights_total.max_abs_err == 0.25f);   /* the scales alone */
        hln_diff_free(&d);
    }
    hln_model_free(m[0]);
    hln_model_free(m[1]);
}

/* ---- quantized checkpoints: GPTQ, AWQ and bitsandbytes layers joined and dequantized ---- */
typedef struct qt { const char *name; hln_dtype dtype; int64_t d0, d1; const void *data; } qt;

/* A model of the given tensors (d1 0: 1-D), bytes as views of the callers' arrays. */
static hln_model *make_model(const qt *ts, uint32_t n) {
    hln_model *m;
    uint32_t i;
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, n, sizeof(hln_tensor));
    m->n_tensors = n;
    for (i = 0; i < n; i++) {
        hln_tensor *t = &m->tensors[i];
        int ok;
        t->name = ts[i].name;
        t->dtype = ts[i].dtype;
        t->n_dims = ts[i].d1 ? 2 : 1;
        t->dims = (int64_t *)hln_arena_array(&m->arena, 2, sizeof(int64_t));
        t->dims[0] = ts[i].d0;
        t->dims[1] = ts[i].d1;
        t->n_elements = (uint64_t)ts[i].d0 * (uint64_t)(ts[i].d1 ? ts[i].d1 : 1);
        t->n_bytes = hln_dtype_nbytes(t->dtype, t->n_elements, &ok);
        t->data = ts[i].data;
    }
    return m;
}
static int file_write(void *user, const void *p, size_t n) { return fwrite(p, 1, n, (FILE *)user) == n; }
/* Writes the tensors as SafeTensors to dir/model.safetensors (and text to dir/side when given). */
static int write_st(const char *dir, const qt *ts, uint32_t n, const char *side, const char *text) {
    char path[512];
    hln_model *m = make_model(ts, n);
    hln_error err;
    FILE *f;
    int ok;
    mkdir(dir, 0755);
    if (side) {
        snprintf(path, sizeof path, "%s/%s", dir, side);
        if (!(f = fopen(path, "wb"))) { hln_model_free(m); return 0; }
        fputs(text, f);
        fclose(f);
    }
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    f = fopen(path, "wb");
    ok = m && f && hln_st_write(m, file_write, f, &err) == HLN_OK;
    if (f) ok &= fclose(f) == 0;
    hln_model_free(m);
    return ok;
}
static hln_model *load_dir(const char *dir) {
    char path[512];
    hln_model *m = NULL;
    hln_error err;
    snprintf(path, sizeof path, "%s/model.safetensors", dir);
    return hln_st_load_file(NULL, path, &m, &err) == HLN_OK ? m : NULL;
}
static void remove_dir(const char *dir) {
    static const char *const files[] = { "model.safetensors", "config.json", "quantize_config.json" };
    char path[512];
    size_t k;
    for (k = 0; k < 3; k++) { snprintf(path, sizeof path, "%s/%s", dir, files[k]); unlink(path); }
    rmdir(dir);
}
static void put32(uint32_t *w, uint64_t k, unsigned shift, uint32_t v) { w[k] |= v << shift; }

/* The diff of A (float) against Q (quantized) must equal the direct error of A's values
   against ref (Q's values by an independent dequantization); Q against itself is zero. */
/* A packed layer counts its logical weights (out * in), not its int32 words or bytes, in every
   figure that says "parameters": the summary, the LLM facts, the JSON and Markdown reports; its
   bytes are every tensor of the layer (docs/analysis.md, "Parameters of quantized layers"). */
static void check_params(const char *what, const hln_model *q, uint64_t want) {
    hln_summary s;
    hln_llm l;
    hln_report_options ro;
    t_membuf json = { NULL, 0, 0 }, md = { NULL, 0, 0 };
    char key[64], md_key[64];
    uint64_t bytes = 0;
    uint32_t i;
    T_CHECKF(q != NULL, "%s", what);
    if (!q) return;
    for (i = 0; i < q->n_tensors; i++) bytes += q->tensors[i].n_bytes;
    T_CHECK(hln_model_summarize(q, &s) == HLN_OK && hln_model_llm(q, &l) == HLN_OK);
    T_CHECKF(s.params == want && l.params_total == want, "%s: %llu params (summary), %llu (llm), want %llu", what,
             (unsigned long long)s.params, (unsigned long long)l.params_total, (unsigned long long)want);
    T_CHECKF(s.weight_bytes == bytes, "%s: %llu weight bytes, the layer's tensors hold %llu", what, (unsigned long long)s.weight_bytes,
             (unsigned long long)bytes);
    memset(&ro, 0, sizeof ro);
    ro.summary_only = 1;
    snprintf(key, sizeof key, "\"params\": %llu", (unsigned long long)want);
    snprintf(md_key, sizeof md_key, "| parameters | %llu (", (unsigned long long)want);
    T_CHECK(hln_report_json(q, &ro, t_mem_write, &json) == HLN_OK && t_mem_write(&json, "", 1));
    T_CHECK(hln_report_markdown(q, &ro, t_mem_write, &md) == HLN_OK && t_mem_write(&md, "", 1));
    T_CHECKF(json.p && strstr((const char *)json.p, key), "%s: the JSON report has no %s", what, key);
    T_CHECKF(md.p && strstr((const char *)md.p, md_key), "%s: the Markdown report has no %s", what, md_key);
    free(json.p);
    free(md.p);
}

static void check_quant_pair(const char *what, hln_model *a, hln_model *q, const char *qname, const float *wa, const float *ref, uint64_t n,
                             uint32_t want_by_role) {
    hln_diff d;
    hln_error err;
    uint32_t i, found = 0;
    T_CHECKF(a && q, "%s", what);
    if (!a || !q) return;
    T_CHECK(hln_model_diff(a, q, &d, &err) == HLN_OK);
    T_EQ_U64(d.tensor_counts.by_role, want_by_role);
    T_CHECKF(hln_diff_weights(&d, a, q, NULL, NULL, &err) == HLN_OK, "%s: %s", what, err.message);
    for (i = 0; i < d.n_tensors; i++) {
        double rmse, mx, snr, cs;
        if (d.tensors[i].b < 0 || strcmp(q->tensors[d.tensors[i].b].name, qname) != 0) continue;
        found = 1;
        T_CHECKF(d.weights[i].measured, "%s: %s not measured", what, qname);
        direct_error(wa, ref, n, &rmse, &mx, &snr, &cs);
        T_EQ_U64(d.weights[i].count, n);
        T_CHECKF(close_to(d.weights[i].rmse, rmse) && d.weights[i].max_abs_err == mx && close_to(d.weights[i].snr_db, snr) &&
                 close_to(d.weights[i].cosine, cs), "%s: rmse %.17g/%.17g max %.9g/%.9g snr %.17g/%.17g", what,
                 d.weights[i].rmse, rmse, d.weights[i].max_abs_err, mx, d.weights[i].snr_db, snr);
        T_CHECK(rmse > 0 && snr > 10);   /* a real quantization error, not garbage */
    }
    T_CHECKF(found, "%s: %s not aligned", what, qname);
    hln_diff_free(&d);
    T_CHECK(hln_model_diff(q, q, &d, &err) == HLN_OK);
    T_CHECK(hln_diff_weights(&d, q, q, NULL, NULL, &err) == HLN_OK);
    for (i = 0, found = 0; i < d.n_tensors; i++) {
        if (strcmp(q->tensors[d.tensors[i].a].name, qname) != 0) continue;
        found = 1;
        T_CHECK(d.weights[i].measured && d.weights[i].count == n && d.weights[i].max_abs_err == 0 && isinf(d.weights[i].snr_db));
    }
    T_CHECK(found && d.tensor_counts.changed + d.tensor_counts.added + d.tensor_counts.removed == 0);
    hln_diff_free(&d);
}

#define QO 16    /* out features */
#define QI 128   /* in features */
#define QG 32    /* group size */
static void test_quantized_layers(void) {
    static const int awq_nibble[8] = { 0, 4, 1, 5, 2, 6, 3, 7 };   /* AutoAWQ: nibble of column c */
    static float w[QO * QI], ref[QO * QI], scales[QO * QI / QG], gs[QI / QG * QO];
    static uint32_t packed[QO * QI / 8], gq[QI / 8 * QO], gz[QI / QG * QO / 8], aq[QI * QO / 8], az[QI / QG * QO / 8];
    static int32_t gidx[QI], perm_gidx[QI];
    static uint8_t zeros[QO * QI / QG];
    static hln_k_block_nf4 nf4[QO * QI / 64];
    static uint8_t bw[QO * QI / 2], codes[QO * QI / 64];
    static float qmap[16], absmax[QO * QI / 64], nqm[256], nabs[1];
    char state[256], dir[64];
    const char *dn = "model.layers.0.mlp.down_proj.weight";
    uint64_t o, i, g;
    int k;
    for (o = 0; o < QO; o++)
        for (i = 0; i < QI; i++) w[o * QI + i] = (float)sin(0.37 * (double)(o * QI + i)) * (1.0f + 0.1f * (float)o);
    {   /* the float model and the same weights as GGUF (blk.0.ffn_down.weight) */
        qt f[1];
        f[0].name = dn; f[0].dtype = HLN_DTYPE_F32; f[0].d0 = QO; f[0].d1 = QI; f[0].data = w;
        snprintf(dir, sizeof dir, "build/qt-float-%d", (int)getpid());
        T_CHECK(write_st(dir, f, 1, NULL, NULL));
        {   /* a model built in memory (no files): its tensors' bytes are read where they are */
            hln_model *m = make_model(f, 1);
            hln_diff d;
            hln_error err;
            T_CHECK(m && hln_model_diff(m, m, &d, &err) == HLN_OK);
            if (m) {
                T_CHECK(hln_diff_weights(&d, m, m, NULL, NULL, &err) == HLN_OK);
                T_CHECK(d.weights[0].measured && d.weights[0].count == QO * QI && d.weights[0].max_abs_err == 0);
                hln_diff_free(&d);
            }
            hln_model_free(m);
        }
    }
    /* GPTQ (AutoGPTQ v1: zeros stored minus one), groups quantized by the kernels along each row */
    T_CHECK(hln_k_int4_quantize(w, QO * QI, QG, packed, scales, zeros) == HLN_K_OK);
    T_CHECK(hln_k_int4_dequantize(packed, scales, zeros, QO * QI, QG, ref) == HLN_K_OK);
    for (o = 0; o < QO; o++)
        for (i = 0; i < QI; i++) {
            uint32_t code = (packed[(o * QI + i) / 8] >> (4 * ((o * QI + i) % 8))) & 15;
            put32(gq, (i / 8) * QO + o, (unsigned)(4 * (i % 8)), code);
            put32(aq, i * (QO / 8) + o / 8, (unsigned)(4 * awq_nibble[o % 8]), code);
        }
    for (g = 0; g < QI / QG; g++)
        for (o = 0; o < QO; o++) {
            uint8_t z = zeros[o * (QI / QG) + g];
            gs[g * QO + o] = scales[o * (QI / QG) + g];
            put32(gz, g * (QO / 8) + o / 8, (unsigned)(4 * (o % 8)), (uint32_t)(z - 1) & 15);
            put32(az, g * (QO / 8) + o / 8, (unsigned)(4 * awq_nibble[o % 8]), z);
        }
    for (i = 0; i < QI; i++) gidx[i] = (int32_t)(i / QG);
    {
        qt t[4];
        char gdir[64];
        hln_model *a, *q, *gg = NULL;
        t[0].name = "model.layers.0.mlp.down_proj.qweight"; t[0].dtype = HLN_DTYPE_I32; t[0].d0 = QI / 8; t[0].d1 = QO; t[0].data = gq;
        t[1].name = "model.layers.0.mlp.down_proj.qzeros"; t[1].dtype = HLN_DTYPE_I32; t[1].d0 = QI / QG; t[1].d1 = QO / 8; t[1].data = gz;
        t[2].name = "model.layers.0.mlp.down_proj.scales"; t[2].dtype = HLN_DTYPE_F32; t[2].d0 = QI / QG; t[2].d1 = QO; t[2].data = gs;
        t[3].name = "model.layers.0.mlp.down_proj.g_idx"; t[3].dtype = HLN_DTYPE_I32; t[3].d0 = QI; t[3].d1 = 0; t[3].data = gidx;
        snprintf(gdir, sizeof gdir, "build/qt-gptq-%d", (int)getpid());
        T_CHECK(write_st(gdir, t, 4, "quantize_config.json", "{\"bits\": 4, \"group_size\": 32, \"desc_act\": false, \"sym\": false}"));
        a = load_dir(dir);
        q = load_dir(gdir);
        T_CHECK(q && q->hp.quant_bits == 4 && q->hp.quant_group_size == QG);
        check_quant_pair("GPTQ", a, q, t[0].name, w, ref, QO * QI, 1);
        check_params("GPTQ", q, QO * QI);
        if (a) {   /* against the GGUF of the float weights: blk.0.ffn_down.weight, by role */
            t_membuf buf = { NULL, 0, 0 };
            hln_error err;
            hln_gguf_options o2;
            a->tensors[0].name = "blk.0.ffn_down.weight";
            memset(&o2, 0, sizeof o2);
            T_CHECK(hln_gguf_write(a, t_mem_write, &buf, &err) == HLN_OK && hln_gguf_parse(&o2, buf.p, buf.n, &gg, &err) == HLN_OK);
            a->tensors[0].name = dn;
            check_quant_pair("GPTQ vs GGUF", gg, q, t[0].name, w, ref, QO * QI, 1);
            hln_model_free(gg);
            free(buf.p);
        }
        hln_model_free(q);
        /* act-order: g_idx permutes the groups; the reference dequantizes row i with group g_idx[i] */
        for (i = 0; i < QI; i++) perm_gidx[i] = (int32_t)((i * 7 + 3) % (QI / QG));
        t[3].data = perm_gidx;
        remove_dir(gdir);
        T_CHECK(write_st(gdir, t, 4, "config.json", "{\"quantization_config\": {\"quant_method\": \"gptq\", \"bits\": 4, \"group_size\": 32, \"desc_act\": true, \"checkpoint_format\": \"gptq\"}}"));
        q = load_dir(gdir);
        {
            static float pref[QO * QI];
            for (o = 0; o < QO; o++)
                for (i = 0; i < QI; i++) {
                    uint32_t code = (packed[(o * QI + i) / 8] >> (4 * ((o * QI + i) % 8))) & 15;
                    uint64_t pg = (uint64_t)perm_gidx[i];
                    pref[o * QI + i] = (float)((int)code - (int)zeros[o * (QI / QG) + pg]) * scales[o * (QI / QG) + pg];
                }
            check_quant_pair("GPTQ act-order", a, q, t[0].name, w, pref, QO * QI, 1);
        }
        hln_model_free(q);
        remove_dir(gdir);
        /* AWQ (gemm): packed along output columns in AWQ's nibble order, true zeros, no g_idx */
        t[0].d0 = QI; t[0].d1 = QO / 8; t[0].data = aq;
        t[1].data = az;
        snprintf(gdir, sizeof gdir, "build/qt-awq-%d", (int)getpid());
        T_CHECK(write_st(gdir, t, 3, "config.json", "{\"quantization_config\": {\"quant_method\": \"awq\", \"bits\": 4, \"group_size\": 32, \"zero_point\": true, \"version\": \"gemm\"}}"));
        q = load_dir(gdir);
        check_quant_pair("AWQ", a, q, t[0].name, w, ref, QO * QI, 1);
        check_params("AWQ", q, QO * QI);
        hln_model_free(q);
        remove_dir(gdir);
        hln_model_free(a);
    }
    /* bitsandbytes NF4, blocks of 64, quantized by the kernels; plain and double-quantized absmax */
    T_CHECK(hln_k_nf4_quantize(w, nf4, QO * QI) == HLN_K_OK);
    for (k = 0; k < 16; k++) {   /* the 16 NF4 levels: code k decoded alone */
        hln_k_block_nf4 one;
        float v[64];
        memset(&one, 0, sizeof one);
        one.absmax = 1.0f;
        one.qs[0] = (uint8_t)(k << 4);
        hln_k_nf4_dequantize(&one, v, 64);
        qmap[k] = v[0];
    }
    for (g = 0; g < QO * QI / 64; g++) {
        absmax[g] = nf4[g].absmax;
        memcpy(bw + g * 32, nf4[g].qs, 32);   /* the kernels' order is bitsandbytes': first code high */
    }
    T_CHECK(hln_k_nf4_dequantize(nf4, ref, QO * QI) == HLN_K_OK);
    {
        qt t[6];
        hln_model *a, *q;
        t[0].name = dn; t[0].dtype = HLN_DTYPE_U8; t[0].d0 = QO * QI / 2; t[0].d1 = 1; t[0].data = bw;
        t[1].name = "model.layers.0.mlp.down_proj.weight.absmax"; t[1].dtype = HLN_DTYPE_F32; t[1].d0 = QO * QI / 64; t[1].d1 = 0; t[1].data = absmax;
        t[2].name = "model.layers.0.mlp.down_proj.weight.quant_map"; t[2].dtype = HLN_DTYPE_F32; t[2].d0 = 16; t[2].d1 = 0; t[2].data = qmap;
        snprintf(state, sizeof state, "{\"quant_type\": \"nf4\", \"blocksize\": 64, \"dtype\": \"bfloat16\", \"shape\": [%d, %d]}", QO, QI);
        t[3].name = "model.layers.0.mlp.down_proj.weight.quant_state.bitsandbytes__nf4"; t[3].dtype = HLN_DTYPE_U8;
        t[3].d0 = (int64_t)strlen(state); t[3].d1 = 0; t[3].data = state;
        {
            char bdir[64];
            snprintf(bdir, sizeof bdir, "build/qt-bnb-%d", (int)getpid());
            T_CHECK(write_st(bdir, t, 4, NULL, NULL));
            a = load_dir(dir);
            q = load_dir(bdir);
            check_quant_pair("bnb NF4", a, q, dn, w, ref, QO * QI, 0);   /* X.weight: by name */
            check_params("bnb NF4", q, QO * QI);
            hln_model_free(q);
            remove_dir(bdir);
            /* double quantization: absmax as 8-bit codes of a 256-value map, one nested block */
            for (k = 0; k < 256; k++) nqm[k] = (float)k / 255.0f;
            {
                float lo = absmax[0], hi = absmax[0], off;
                for (g = 0; g < QO * QI / 64; g++) { if (absmax[g] < lo) lo = absmax[g]; if (absmax[g] > hi) hi = absmax[g]; }
                off = 0.25f;   /* exact in JSON */
                nabs[0] = hi - off;
                for (g = 0; g < QO * QI / 64; g++) {
                    int c = (int)floor((absmax[g] - off) / nabs[0] * 255.0f + 0.5f);
                    float am;
                    codes[g] = (uint8_t)(c < 0 ? 0 : c > 255 ? 255 : c);
                    am = nqm[codes[g]] * nabs[0];
                    nf4[g].absmax = am + off;   /* the kernels' block, with the absmax bnb restores */
                }
                (void)lo;
                T_CHECK(hln_k_nf4_dequantize(nf4, ref, QO * QI) == HLN_K_OK);
            }
            t[1].dtype = HLN_DTYPE_U8; t[1].data = codes;
            t[4].name = "model.layers.0.mlp.down_proj.weight.nested_absmax"; t[4].dtype = HLN_DTYPE_F32; t[4].d0 = 1; t[4].d1 = 0; t[4].data = nabs;
            t[5].name = "model.layers.0.mlp.down_proj.weight.nested_quant_map"; t[5].dtype = HLN_DTYPE_F32; t[5].d0 = 256; t[5].d1 = 0; t[5].data = nqm;
            snprintf(state, sizeof state, "{\"quant_type\": \"nf4\", \"blocksize\": 64, \"dtype\": \"bfloat16\", \"shape\": [%d, %d], "
                     "\"nested_blocksize\": 256, \"nested_dtype\": \"float32\", \"nested_offset\": 0.25}", QO, QI);
            t[3].d0 = (int64_t)strlen(state);
            T_CHECK(write_st(bdir, t, 6, NULL, NULL));
            q = load_dir(bdir);
            check_quant_pair("bnb NF4 nested", a, q, dn, w, ref, QO * QI, 0);
            hln_model_free(q);
            remove_dir(bdir);
            hln_model_free(a);
        }
    }
    remove_dir(dir);
}

/* A file truncated from another thread while diff --weights reads it: HLN_ERR_IO with a clear
   message or a complete result, never a fault; many times, at varying moments. */
typedef struct trunc_job { const char *path; long delay_us; } trunc_job;
static void *truncate_later(void *u) {
    trunc_job *j = (trunc_job *)u;
    struct timespec ts;
    ts.tv_sec = 0;
    ts.tv_nsec = j->delay_us * 1000;
    if (j->delay_us > 0) nanosleep(&ts, NULL);
    if (truncate(j->path, 4096) != 0) perror("truncate");
    return NULL;
}
static void test_truncated_during_read(void) {
    enum { N = 1 << 20, T = 4 };
    static float v[T][N];
    qt t[T];
    char dir[64], path[128];
    static const char *const names[T] = { "a.weight", "b.weight", "c.weight", "d.weight" };
    hln_model *a;
    int k, round, io_errors = 0, complete = 0;
    for (k = 0; k < T; k++) {
        int e;
        for (e = 0; e < N; e++) v[k][e] = (float)((e * 31 + k) % 1000) / 1000.0f;
        t[k].name = names[k]; t[k].dtype = HLN_DTYPE_F32; t[k].d0 = N / 1024; t[k].d1 = 1024; t[k].data = v[k];
    }
    snprintf(dir, sizeof dir, "build/qt-trunc-a-%d", (int)getpid());
    T_CHECK(write_st(dir, t, T, NULL, NULL));
    a = load_dir(dir);
    T_CHECK(a != NULL);
    for (round = 0; a && round < 24; round++) {
        char bdir[64];
        hln_model *b;
        hln_diff d;
        hln_error err;
        pthread_t th;
        trunc_job job;
        hln_result r;
        snprintf(bdir, sizeof bdir, "build/qt-trunc-b-%d", (int)getpid());
        T_CHECK(write_st(bdir, t, T, NULL, NULL));
        b = load_dir(bdir);
        T_CHECK(b != NULL);
        if (!b) break;
        snprintf(path, sizeof path, "%s/model.safetensors", bdir);
        job.path = path;
        job.delay_us = round == 0 ? 0 : (round * 1500) % 20000;
        T_CHECK(hln_model_diff(a, b, &d, &err) == HLN_OK);
        if (round == 0) truncate_later(&job);   /* before the read: always an error */
        else T_CHECK(pthread_create(&th, NULL, truncate_later, &job) == 0);
        memset(&err, 0, sizeof err);
        r = hln_diff_weights(&d, a, b, NULL, NULL, &err);
        if (round) pthread_join(th, NULL);
        T_CHECKF(r == HLN_OK || r == HLN_ERR_IO, "round %d: %s", round, hln_result_string(r));
        if (r == HLN_ERR_IO) {
            io_errors++;
            T_CHECKF(strstr(err.message, "shrank") != NULL && strstr(err.file, "qt-trunc-b") != NULL, "%s: %s", err.file, err.message);
        } else complete++;
        if (round == 0) T_EQ_U64(r, HLN_ERR_IO);
        hln_diff_free(&d);
        hln_model_free(b);
        remove_dir(bdir);
    }
    T_CHECK(io_errors > 0);
    printf("  truncation rounds: %d I/O errors, %d read before the truncation\n", io_errors, complete);
    hln_model_free(a);
    remove_dir(dir);
}

int main(void) {
    T_RUN(test_roles);
    T_RUN(test_gguf_quant_pairs);
    T_RUN(test_self_diff);
    T_RUN(test_hf_vs_gguf);
    T_RUN(test_hostile_alignment);
    T_RUN(test_unrelated_real);
    T_RUN(test_nodes);
    T_RUN(test_reports);
    T_RUN(test_packed_quant_not_measured);
    T_RUN(test_quantized_layers);
    T_RUN(test_truncated_during_read);
    return t_finish("compare");
}
