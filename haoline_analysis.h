/* haoline_analysis.h - v0.1 - every HaoLine analysis pass over the model IR. MIT license.

   The passes answer "what is inside, and what does it cost" for a model in the IR of
   haoline_ir.h, whatever format it came from (no pass branches on the source format):
       hln_model_summarize     parameters, weight bytes, dtype mix, bits per weight
       hln_model_llm           LLM hyperparameters completed from tensor names and shapes,
                               KV cache per token and over context, MoE active parameters
       hln_graph_analyze       graph shape/dtype inference with symbolic dims, bindings and
                               defaults for the unbound, MACs/FLOPs/params per node and as an
                               exact formula in the free dims (docs/costs.md), topological
                               order, activation liveness, subgraphs and functions
       hln_tensor_stats        weight-value passes (need haoline_kernels.h included before
       hln_tensor_quant_error  this header): per-tensor statistics, the error a quantization
       hln_model_quant_error   would cost
   Reports (haoline_report.h) and the CLI read their results.

   USAGE
       #define HAOLINE_IMPLEMENTATION          // in exactly one C/C++ file
       #include "haoline_ir.h"
       #include "haoline_onnx.h"
       #include "haoline_analysis.h"

       hln_graph_summary g;
       hln_graph_options go = {0};               // zero: defaults for unbound dims, a formula
       hln_binding bind[] = { { "seq", 512 } };
       go.bindings = bind; go.n_bindings = 1;
       if (hln_graph_analyze(model, &go, &g, &err) == HLN_OK)   // g.dims: every dim's value
           printf("%llu MACs%s\n", (unsigned long long)g.macs, g.macs_exact ? "" : " (lower bound)");

   DEPENDS ON haoline_ir.h only (and haoline_kernels.h for the weight-value passes, when that
   header is included first). Customisation macros, linkage and threads as in haoline_ir.h:
   no global mutable state; every allocation goes through the model's allocator.

   DOES NOT read weight bytes except in the weight-value passes, print, or keep state between
   calls: results live in the caller's structs and the model's arena.
*/
#ifndef HAOLINE_ANALYSIS_H
#define HAOLINE_ANALYSIS_H

#include "haoline_ir.h"

#define HAOLINE_ANALYSIS_VERSION_MAJOR 0
#define HAOLINE_ANALYSIS_VERSION_MINOR 1
#define HAOLINE_ANALYSIS_VERSION_PATCH 0

#ifdef __cplusplus
extern "C" {
#endif

/* ---- analysis ------------------------------------------------------------------------------- */
typedef struct hln_dtype_stat { hln_dtype dtype; uint32_t tensors; uint64_t elements, bytes; } hln_dtype_stat;

typedef struct hln_summary {
    uint64_t       params;          /* weight elements plus constant_params */
    uint64_t       constant_params; /* elements of the main graph's Constant nodes (graph formats) */
    uint64_t       weight_bytes;    /* sum of weight tensor bytes (padding excluded) */
    uint32_t       n_tensors;
    uint32_t       n_dtypes;
    hln_dtype_stat dtypes[HLN_DTYPE_COUNT];  /* sorted by bytes, largest first */
    double         bits_per_weight; /* 8 * weight_bytes / weight elements (0 when none) */
} hln_summary;
HLN_DEF void hln_model_summarize(const hln_model *m, hln_summary *s);

#define HLN_KV_CURVE_POINTS 8       /* 1k, 2k, 4k, ... 128k tokens */
typedef struct hln_llm {
    int          valid;             /* 1 when an LLM architecture was recognised */
    hln_hparams  hp;                /* file values completed by inference from tensors */
    uint64_t     kv_bytes_per_token_f16; /* 2 (K,V) * n_layer * n_head_kv * head_dim * 2 bytes */
    uint64_t     kv_context[HLN_KV_CURVE_POINTS];
    uint64_t     kv_bytes[HLN_KV_CURVE_POINTS];   /* f16 KV cache for kv_context[i] tokens */
    uint64_t     params_total, params_active;     /* MoE: active = shared + experts*used/count */
    uint64_t     params_experts;
} hln_llm;
/* LLM facts: hyperparameters from the file, completed from tensor names/shapes. */
HLN_DEF void hln_model_llm(const hln_model *m, hln_llm *out);

/* ---- analysis: graphs (ONNX, TFLite, ...) ----------------------------------------------------
   Shape/dtype inference with symbolic dims, per-node MACs/FLOPs/params, activation liveness,
   subgraphs. Costs are documented in docs/costs.md. */
typedef struct hln_binding { const char *name; int64_t value; } hln_binding;  /* --bind batch=1 */

/* Limits of the cost formula: at most this many free dims, each of at most this degree. */
#ifndef HLN_FORMULA_MAX_DIMS
#define HLN_FORMULA_MAX_DIMS 4
#endif
#ifndef HLN_FORMULA_MAX_DEGREE
#define HLN_FORMULA_MAX_DEGREE 3
#endif
#ifndef HLN_FORMULA_MAX_WORK   /* node analyses the formula's sample runs may take in all */
#define HLN_FORMULA_MAX_WORK ((uint64_t)1 << 25)
#endif
#define HLN_DEFAULT_SEQUENCE 128     /* a sequence/time dim when the model does not tell its context */
#define HLN_DEFAULT_IMAGE_SIDE 224   /* an image side the model does not fix */

typedef struct hln_graph_options {   /* zero = defaults */
    const hln_binding *bindings;     /* the caller's values for symbolic dims (each >= 1) */
    uint32_t           n_bindings;
    int                no_defaults;  /* 1: dims not bound stay unknown (costs count them as 1, inexact) */
    int                no_formula;   /* 1: no cost formula (one analysis run instead of several) */
} hln_graph_options;

/* Where the value of a symbolic dim came from. */
typedef enum hln_dim_source {
    HLN_DIM_BOUND = 0,        /* the caller's binding */
    HLN_DIM_BATCH,            /* a batch dim: 1 */
    HLN_DIM_CONTEXT,          /* a sequence dim: the model's own context (metadata or position table) */
    HLN_DIM_SEQUENCE,         /* a sequence dim, context unknown: HLN_DEFAULT_SEQUENCE */
    HLN_DIM_IMAGE,            /* an image side: the model's image size, else HLN_DEFAULT_IMAGE_SIDE */
    HLN_DIM_OTHER             /* any other dim: 1 */
} hln_dim_source;
typedef struct hln_dim_value { const char *name; int64_t value; hln_dim_source source; } hln_dim_value;
HLN_DEF const char *hln_dim_source_name(hln_dim_source s);   /* "bound", "batch", "context", ... */

/* One term of a cost polynomial: coef * prod(dim_i ^ powers[i]). */
typedef struct hln_cost_term { double coef; uint8_t powers[HLN_FORMULA_MAX_DIMS]; } hln_cost_term;

typedef struct hln_op_stat {
    const char *op;            /* "Conv", or "domain::Op" outside the default domain */
    uint32_t    count;
    uint64_t    macs, flops, params;
} hln_op_stat;

typedef struct hln_graph_summary {
    uint32_t     nodes;              /* top-level graph */
    uint32_t     nodes_all;          /* including every nested subgraph */
    uint32_t     subgraphs, max_subgraph_depth;
    uint64_t     macs, flops;        /* If: the larger branch; Loop/Scan: times the trip count;
                                        UINT64_MAX: saturated (see saturated) */
    int          macs_exact;         /* 0 when a dim stayed unknown or a trip count is unknown */
    int          saturated;          /* 1 when macs or flops overflowed 64 bits: not a count */
    uint32_t     n_dims;             /* the symbolic dims of the inputs, with the values used */
    hln_dim_value *dims;
    /* MACs as a polynomial in the dims the caller did not bind (formula_dims), exact for the
       graph: sum of coef * prod(formula_dims[i] ^ powers[i]); n_macs_terms 0 with
       formula_exact 0 when none was found (not polynomial, too many dims, unknown sizes). */
    int          formula_exact;
    uint32_t     n_formula_dims;
    const char  *formula_dims[HLN_FORMULA_MAX_DIMS];
    uint32_t     n_macs_terms;
    hln_cost_term *macs_formula;     /* highest degree first */
    uint64_t     initializer_params, constant_params, constant_bytes;
    uint64_t     activation_peak_bytes;
    uint32_t     n_ops;
    hln_op_stat *ops;                /* top-level op histogram, by MACs then count */
    uint32_t     n_unresolved;
    const char **unresolved;         /* symbolic dims left unbound, by name */
    uint32_t     initializers;       /* top-level initializers (dense) */
    uint32_t     constant_nodes;     /* top-level Constant nodes */
    uint64_t     initializer_bytes;
    uint64_t     params_all, constant_params_all;   /* subgraphs included */
    uint64_t     activation_bytes;   /* sum of every top-level activation value's bytes */
} hln_graph_summary;

/* Runs every graph pass on m->graph (filling node macs/flops/params and value shapes); the
   summary's arrays live in the model's arena. opts may be NULL (defaults).
   Value shapes keep the symbols of the dims the caller did not bind (an output [batch, 1000]);
   costs and activation bytes are those at the bindings plus the defaults of summary.dims.
   HLN_ERR_ARG: a binding names no dim of the model (the message lists the model's dims), is
   below 1, or makes an input's size overflow. */
HLN_DEF hln_result hln_graph_analyze(hln_model *m, const hln_graph_options *opts, hln_graph_summary *out, hln_error *err);
/* The MACs of a formula at values[i] for formula_dims[i]. */
HLN_DEF double hln_cost_formula_eval(const hln_graph_summary *g, const int64_t *values);

/* ---- analysis: weight values (needs haoline_kernels.h included BEFORE this header) ----------
   The only passes that read tensor bytes. Values are streamed through a bounded buffer
   (dequantized chunk by chunk), so memory does not grow with the tensor. Tensors of
   big-endian files and of types without a decoder are refused with HLN_ERR_UNSUPPORTED. */
#define HLN_WEIGHT_HIST_BINS 32
typedef struct hln_weight_stats {
    int      decoded;                 /* 1 when the values were read (hln_tensor_stats succeeded) */
    uint64_t count;                   /* finite values */
    uint64_t zeros, nans, infs;
    uint64_t outliers;                /* |x - mean| > 3 std */
    double   min, max, mean, std, abs_max;
    uint64_t hist[HLN_WEIGHT_HIST_BINS];   /* equal bins over [min, max] */
} hln_weight_stats;

typedef struct hln_quant_error {
    int      measured;                /* 1 when the tensor was quantized and measured */
    uint64_t count;
    double   rmse, max_abs_err, snr_db, cosine;   /* snr_db: 10 log10(sum x^2 / sum err^2) */
} hln_quant_error;

#ifdef HAOLINE_KERNELS_H
/* Two streamed passes: min/max/mean/std (Welford, in double), then histogram and outliers. */
HLN_DEF hln_result hln_tensor_stats(const hln_model *m, uint32_t tensor, hln_weight_stats *out, hln_error *err);
/* The error that quantizing this float tensor to `type` would cost (RMSE, max abs error,
   SNR, cosine). The tensor's row length must be a whole number of `type` blocks. */
HLN_DEF hln_result hln_tensor_quant_error(const hln_model *m, uint32_t tensor, hln_k_type type,
                                          hln_k_error *e, hln_error *err);
/* Every matrix (float, 2-D or more, rows of whole `type` blocks) of the model: rows[i] for
   tensor i (measured = 0 for the others) and the error over all of them together. */
HLN_DEF hln_result hln_model_quant_error(const hln_model *m, hln_k_type type, hln_quant_error *rows,
                                         hln_quant_error *total, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_ANALYSIS_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_ANALYSIS_IMPLEMENTATION)) && !defined(HAOLINE_ANALYSIS_IMPLEMENTED)
#define HAOLINE_ANALYSIS_IMPLEMENTED

#include <string.h>
#include <stdio.h>   /* snprintf */

#ifdef __cplusplus
extern "C" {
#endif

/* ---- analysis: summary ---- */
HLN_DEF void hln_model_summarize(const hln_model *m, hln_summary *s) {
    uint32_t i, j;
    hln_dtype_stat per[HLN_DTYPE_COUNT];
    memset(s, 0, sizeof *s);
    memset(per, 0, sizeof per);
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_dtype_stat *d = &per[(unsigned)t->dtype < HLN_DTYPE_COUNT ? t->dtype : 0];
        if ((t->flags & (HLN_TENSOR_CONSTANT | HLN_TENSOR_NESTED)) == HLN_TENSOR_CONSTANT)
            s->constant_params += t->n_elements;
        if (t->flags & HLN_TENSOR_NOT_WEIGHT) continue;   /* constants, subgraph tensors: graph analysis counts them */
        s->n_tensors++;
        d->dtype = t->dtype;
        d->tensors++;
        d->elements += t->n_elements;
        d->bytes += t->n_bytes;
        s->params += t->n_elements;
        s->weight_bytes += t->n_bytes;
    }
    for (i = 0; i < HLN_DTYPE_COUNT; i++) {
        if (!per[i].tensors) continue;
        /* insertion by bytes, largest first; ties by name for a stable order */
        for (j = s->n_dtypes; j > 0; j--) {
            const hln_dtype_stat *p = &s->dtypes[j - 1];
            if (p->bytes > per[i].bytes ||
                (p->bytes == per[i].bytes && strcmp(hln__dtypes[p->dtype].name, hln__dtypes[i].name) < 0)) break;
            s->dtypes[j] = s->dtypes[j - 1];
        }
        s->dtypes[j] = per[i];
        s->n_dtypes++;
    }
    s->bits_per_weight = s->params ? 8.0 * (double)s->weight_bytes / (double)s->params : 0.0;
    s->params += s->constant_params;
}

/* ---- analysis: LLM facts ---- */
/* Layer index and the name part after it for "blk.N.rest" (GGUF) and "model.layers.N.rest"
   (Hugging Face); -1 when the name is not a per-layer tensor. */
static int64_t hln__layer_of(const char *name, const char **rest) {
    static const char *const prefixes[] = { "blk.", "model.layers.", "layers.", "transformer.h.", "model.decoder.layers." };
    size_t k;
    for (k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
        size_t n = strlen(prefixes[k]);
        if (strncmp(name, prefixes[k], n) == 0 && name[n] >= '0' && name[n] <= '9') {
            int64_t v = 0;
            const char *p = name + n;
            while (*p >= '0' && *p <= '9' && v < 1000000) v = v * 10 + (*p++ - '0');
            if (*p != '.') return -1;
            *rest = p + 1;
            return v;
        }
    }
    return -1;
}

static int hln__has(const char *s, const char *sub) { return strstr(s, sub) != NULL; }

/* Expert tensors: GGUF stacks experts in 3-D "*_exps" tensors; HF names them ".experts.N.". */
static int hln__is_expert_tensor(const hln_tensor *t) {
    return hln__has(t->name, "_exps.") || hln__has(t->name, ".experts.");
}

HLN_DEF void hln_model_llm(const hln_model *m, hln_llm *out) {
    hln_hparams hp = m->hp;
    uint32_t i;
    int64_t max_layer = -1, kv_dim = -1, embd_rows = -1, embd_cols = -1, ff_dim = -1;
    uint64_t shared = 0;
    memset(out, 0, sizeof *out);

    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        const char *rest = NULL;
        int64_t layer = hln__layer_of(t->name, &rest);
        out->params_total += t->n_elements;
        if (hln__is_expert_tensor(t)) out->params_experts += t->n_elements;
        else shared += t->n_elements;
        if (layer > max_layer) max_layer = layer;
        if (layer == 0 && t->n_dims == 2 &&
            (strncmp(rest, "attn_k.weight", 13) == 0 || strncmp(rest, "self_attn.k_proj.weight", 23) == 0))
            kv_dim = t->dims[0];   /* [n_head_kv * head_dim, n_embd] */
        if (layer == 0 && t->n_dims == 2 &&
            (strncmp(rest, "ffn_up.weight", 13) == 0 || strncmp(rest, "mlp.up_proj.weight", 18) == 0))
            ff_dim = t->dims[0];   /* [n_ff, n_embd] */
        if (t->n_dims == 2 && (strcmp(t->name, "token_embd.weight") == 0 ||
                               strcmp(t->name, "model.embed_tokens.weight") == 0)) {
            embd_rows = t->dims[0];
            embd_cols = t->dims[1];
        }
    }
    /* Complete what the file did not say from the tensors. */
    if (hp.n_layer < 0 && max_layer >= 0) hp.n_layer = max_layer + 1;
    if (hp.n_embd < 0 && embd_cols > 0) hp.n_embd = embd_cols;
    if (hp.n_ff < 0 && ff_dim > 0) hp.n_ff = ff_dim;
    if (hp.n_vocab < 0 && embd_rows > 0) hp.n_vocab = embd_rows;
    if (hp.n_head_kv < 0 && hp.n_head > 0) hp.n_head_kv = hp.n_head;
    if (hp.head_dim < 0 && hp.n_head > 0 && hp.n_embd > 0 && hp.n_embd % hp.n_head == 0)
        hp.head_dim = hp.n_embd / hp.n_head;
    out->hp = hp;
    out->valid = hp.n_layer > 0 && (hp.n_head > 0 || kv_dim > 0 || hp.n_embd > 0);

    {
        uint64_t per_layer = 0, bytes;
        if (hp.n_head_kv > 0 && hp.head_dim > 0) per_layer = (uint64_t)hp.n_head_kv * (uint64_t)hp.head_dim;
        else if (kv_dim > 0) per_layer = (uint64_t)kv_dim;   /* heads unknown, K width known */
        if (per_layer && hp.n_layer > 0 &&
            !hln_mul_overflow(per_layer, (uint64_t)hp.n_layer, &bytes) &&
            !hln_mul_overflow(bytes, 4, &bytes)) {
            uint32_t k;
            out->kv_bytes_per_token_f16 = bytes;
            for (k = 0; k < HLN_KV_CURVE_POINTS; k++) {
                out->kv_context[k] = (uint64_t)1024 << k;
                if (hln_mul_overflow(bytes, out->kv_context[k], &out->kv_bytes[k])) out->kv_bytes[k] = UINT64_MAX;
            }
        }
    }
    out->params_active = out->params_total;
    if (out->params_experts && hp.expert_count > 0 && hp.expert_used_count > 0 &&
        hp.expert_used_count <= hp.expert_count)
        out->params_active = shared + out->params_experts / (uint64_t)hp.expert_count * (uint64_t)hp.expert_used_count;
}

/* ---- analysis: weight values ---- */
#ifdef HAOLINE_KERNELS_H
#define HLN__CHUNK 4096   /* elements per streamed chunk; a multiple of every block size */

/* Decodes elements [first, first + n) of tensor t into out; n and first are whole blocks. */
static hln_result hln__tensor_decode(const hln_model *m, const hln_tensor *t, uint64_t first, uint64_t n,
                                     float *out, hln_error *err) {
    const hln_dtype_info *d = hln_dtype_get(t->dtype);
    const uint8_t *p = (const uint8_t *)t->data;
    uint64_t i;
    if (!p) return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "tensor bytes are not in memory");
    if (m->big_endian) return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "big-endian tensor data");
    if (d->ggml_id >= 0 && d->kind != HLN_KIND_INT && hln_k_traits((hln_k_type)d->ggml_id)) {
        p += first / d->block_size * d->type_size;
        return hln_k_dequantize((hln_k_type)d->ggml_id, p, out, (int64_t)n) == HLN_K_OK ? HLN_OK
            : hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "cannot decode %s", d->name);
    }
    p += first * d->type_size;
    for (i = 0; i < n; i++) {
        const uint8_t *e = p + i * d->type_size;
        uint64_t u = 0;
        unsigned b;
        for (b = 0; b < d->type_size && b < 8; b++) u |= (uint64_t)e[b] << (8 * b);
        switch (t->dtype) {
        case HLN_DTYPE_F64: { double v; memcpy(&v, &u, 8); out[i] = (float)v; break; }
        case HLN_DTYPE_I8:  out[i] = (float)(int8_t)u; break;
        case HLN_DTYPE_I16: out[i] = (float)(int16_t)u; break;
        case HLN_DTYPE_I32: out[i] = (float)(int32_t)u; break;
        case HLN_DTYPE_I64: out[i] = (float)(int64_t)u; break;
        case HLN_DTYPE_U8: case HLN_DTYPE_U16: case HLN_DTYPE_U32: case HLN_DTYPE_U64: case HLN_DTYPE_BOOL:
            out[i] = (float)u; break;
        case HLN_DTYPE_F8_E4M3: out[i] = hln_k_fp8_e4m3_to_fp32((uint8_t)u); break;
        case HLN_DTYPE_F8_E5M2: out[i] = hln_k_fp8_e5m2_to_fp32((uint8_t)u); break;
        default:
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "no decoder for %s", d->name);
        }
    }
    return HLN_OK;
}

/* Calls visit(user, values, n) for each chunk of the tensor. */
static hln_result hln__tensor_stream(const hln_model *m, uint32_t tensor, void (*visit)(void *, const float *, int64_t),
                                     void *user, hln_error *err) {
    const hln_tensor *t;
    float *buf;
    uint64_t pos = 0;
    hln_result r = HLN_OK;
    if (tensor >= m->n_tensors) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no tensor %u", tensor);
    t = &m->tensors[tensor];
    if (t->n_elements % hln_dtype_get(t->dtype)->block_size)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "partial block");
    buf = (float *)hln_allocator_alloc(&m->arena.allocator, HLN__CHUNK * sizeof(float));
    if (!buf) return hln_error_set(err, HLN_ERR_NOMEM, 0, t->name, "out of memory");
    while (pos < t->n_elements && r == HLN_OK) {
        uint64_t n = t->n_elements - pos < HLN__CHUNK ? t->n_elements - pos : HLN__CHUNK;
        r = hln__tensor_decode(m, t, pos, n, buf, err);
        if (r == HLN_OK) visit(user, buf, (int64_t)n);
        pos += n;
    }
    hln_allocator_free(&m->arena.allocator, buf);
    return r;
}

static void hln__visit_stats(void *u, const float *x, int64_t n) { hln_k_stats_feed((hln_k_stats *)u, x, n); }
static void hln__visit_hist(void *u, const float *x, int64_t n) { hln_k_hist_feed((hln_k_hist *)u, x, n); }

HLN_DEF hln_result hln_tensor_stats(const hln_model *m, uint32_t tensor, hln_weight_stats *out, hln_error *err) {
    hln_k_stats st;
    hln_k_hist h;
    hln_result r;
    int b;
    memset(out, 0, sizeof *out);
    hln_k_stats_init(&st);
    if ((r = hln__tensor_stream(m, tensor, hln__visit_stats, &st, err)) != HLN_OK) return r;
    hln_k_stats_finish(&st);
    if (hln_k_hist_init(&h, &st, HLN_WEIGHT_HIST_BINS, 3.0) != HLN_K_OK)
        return hln_error_set(err, HLN_ERR_ARG, 0, "", "histogram");
    if (st.count && (r = hln__tensor_stream(m, tensor, hln__visit_hist, &h, err)) != HLN_OK) return r;
    out->count = st.count;
    out->zeros = st.zero_count;
    out->nans = st.nan_count;
    out->infs = st.inf_count;
    out->outliers = h.outliers;
    out->min = st.min;
    out->max = st.max;
    out->mean = st.mean;
    out->std = st.std;
    out->abs_max = st.abs_max;
    for (b = 0; b < HLN_WEIGHT_HIST_BINS; b++) out->hist[b] = h.counts[b];
    out->decoded = 1;
    return HLN_OK;
}

typedef struct hln__qe { hln_k_type type; hln_k_error *e; int failed; } hln__qe;
static void hln__visit_qe(void *u, const float *x, int64_t n) {
    hln__qe *q = (hln__qe *)u;
    if (hln_k_quant_error(q->type, x, n, q->e) != HLN_K_OK) q->failed = 1;
}

HLN_DEF hln_result hln_tensor_quant_error(const hln_model *m, uint32_t tensor, hln_k_type type,
                                          hln_k_error *e, hln_error *err) {
    const hln_k_type_traits *tr = hln_k_traits(type);
    const hln_tensor *t;
    hln__qe q;
    hln_result r;
    if (tensor >= m->n_tensors || !tr) return hln_error_set(err, HLN_ERR_ARG, 0, "", "bad tensor or type");
    t = &m->tensors[tensor];
    if (t->n_dims == 0 || t->dims[t->n_dims - 1] % tr->block_size != 0)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name,
                             "row length is not a whole number of %s blocks (%d)", hln_k_type_name(type), tr->block_size);
    if (!tr->can_quantize && type != HLN_K_F32)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, t->name, "HaoLine cannot quantize to %s", hln_k_type_name(type));
    q.type = type;
    q.e = e;
    q.failed = 0;
    hln_k_error_init(e);
    r = hln__tensor_stream(m, tensor, hln__visit_qe, &q, err);
    if (r == HLN_OK && q.failed)
        r = hln_error_set(err, HLN_ERR_UNSUPPORTED, t->file_offset, t->name, "cannot quantize to %s", hln_k_type_name(type));
    if (r == HLN_OK) hln_k_error_finish(e);
    return r;
}
static void hln__quant_error_copy(hln_quant_error *out, const hln_k_error *e) {
    out->measured = 1;
    out->count = e->count;
    out->rmse = e->rmse;
    out->max_abs_err = e->max_abs_err;
    out->snr_db = e->snr_db;
    out->cosine = e->cosine;
}

HLN_DEF hln_result hln_model_quant_error(const hln_model *m, hln_k_type type, hln_quant_error *rows,
                                         hln_quant_error *total, hln_error *err) {
    const hln_k_type_traits *tr = hln_k_traits(type);
    hln_k_error all;
    uint32_t i;
    if (!tr || !tr->can_quantize) return hln_error_set(err, HLN_ERR_ARG, 0, "", "cannot quantize to this type");
    hln_k_error_init(&all);
    memset(total, 0, sizeof *total);
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_k_error e;
        hln_result r;
        memset(&rows[i], 0, sizeof rows[i]);
        if (hln_dtype_get(t->dtype)->kind != HLN_KIND_FLOAT || t->n_dims < 2 || !t->data ||
            t->dims[t->n_dims - 1] % tr->block_size != 0) continue;
        r = hln_tensor_quant_error(m, i, type, &e, err);
        if (r == HLN_ERR_NOMEM) return r;
        if (r != HLN_OK) continue;   /* no decoder for its type, big-endian bytes: not measured */
        hln__quant_error_copy(&rows[i], &e);
        all.count += e.count;
        all.sum_sq_err += e.sum_sq_err;
        all.sum_sq_ref += e.sum_sq_ref;
        all.sum_sq_approx += e.sum_sq_approx;
        all.sum_ref_approx += e.sum_ref_approx;
        if (e.max_abs_err > all.max_abs_err) all.max_abs_err = e.max_abs_err;
    }
    hln_k_error_finish(&all);
    if (all.count) hln__quant_error_copy(total, &all);
    return HLN_OK;
}
#undef HLN__CHUNK
#endif

/* ---- graph analysis implementation ----------------------------------------------------------
   Shape/dtype inference, constant folding of small integer values (shape arithmetic), MACs and
   FLOPs per node (docs/costs.md), parameters, topological order and activation liveness.
   Works on the IR only: op_type strings are the IR's op vocabulary (the ONNX operator set). */

/* A small constant value element: known integer, symbolic dim, or unknown. */
typedef struct hln__ga_cv { int64_t v; const char *sym; int known; } hln__ga_cv;

enum {
    HLN__GA_OP_OTHER = 0, HLN__GA_OP_UNARY, HLN__GA_OP_BINARY, HLN__GA_OP_COMPARE, HLN__GA_OP_VARIADIC, HLN__GA_OP_WHERE,
    HLN__GA_OP_MATMUL, HLN__GA_OP_MATMUL_INT, HLN__GA_OP_QLINEAR_MATMUL, HLN__GA_OP_GEMM,
    HLN__GA_OP_CONV, HLN__GA_OP_CONV_INT, HLN__GA_OP_QLINEAR_CONV, HLN__GA_OP_CONVT,
    HLN__GA_OP_POOL, HLN__GA_OP_GPOOL, HLN__GA_OP_RESIZE, HLN__GA_OP_UPSAMPLE,
    HLN__GA_OP_RESHAPE, HLN__GA_OP_FLATTEN, HLN__GA_OP_TRANSPOSE, HLN__GA_OP_SQUEEZE, HLN__GA_OP_UNSQUEEZE,
    HLN__GA_OP_SLICE, HLN__GA_OP_GATHER, HLN__GA_OP_GATHER_ELEMENTS, HLN__GA_OP_GATHER_ND, HLN__GA_OP_CONCAT,
    HLN__GA_OP_SPLIT, HLN__GA_OP_EXPAND, HLN__GA_OP_TILE, HLN__GA_OP_PAD, HLN__GA_OP_SHAPE, HLN__GA_OP_SIZE,
    HLN__GA_OP_CONSTANT, HLN__GA_OP_CONSTANT_OF_SHAPE, HLN__GA_OP_RANGE, HLN__GA_OP_CAST, HLN__GA_OP_CAST_LIKE,
    HLN__GA_OP_REDUCE, HLN__GA_OP_ARG, HLN__GA_OP_SOFTMAX, HLN__GA_OP_LAYERNORM, HLN__GA_OP_NORM, HLN__GA_OP_BATCHNORM,
    HLN__GA_OP_DROPOUT, HLN__GA_OP_EINSUM, HLN__GA_OP_ATTENTION, HLN__GA_OP_MHA, HLN__GA_OP_LSTM, HLN__GA_OP_GRU, HLN__GA_OP_RNN,
    HLN__GA_OP_IF, HLN__GA_OP_LOOP, HLN__GA_OP_SCAN, HLN__GA_OP_QUANT, HLN__GA_OP_DEQUANT, HLN__GA_OP_DYNQUANT,
    HLN__GA_OP_TOPK, HLN__GA_OP_ONEHOT, HLN__GA_OP_DEPTH_TO_SPACE, HLN__GA_OP_SPACE_TO_DEPTH, HLN__GA_OP_IDENTITY,
    HLN__GA_OP_NONZERO, HLN__GA_OP_BOOL_UNARY, HLN__GA_OP_LOOP_LIKE,
    /* rules in hln__ga_infer_rest */
    HLN__GA_OP_NLL_LOSS, HLN__GA_OP_SCE_LOSS, HLN__GA_OP_GRID_SAMPLE, HLN__GA_OP_ROI_POOL, HLN__GA_OP_DET, HLN__GA_OP_DFT,
    HLN__GA_OP_STFT, HLN__GA_OP_MAX_UNPOOL, HLN__GA_OP_TFIDF, HLN__GA_OP_SEQ_LENGTH, HLN__GA_OP_SEQ_ELEMENT,
    HLN__GA_OP_SEQ_MAKE, HLN__GA_OP_SEQ_CONCAT, HLN__GA_OP_OPT_HAS, HLN__GA_OP_OPTIMIZER, HLN__GA_OP_NMS, HLN__GA_OP_UNIQUE,
    HLN__GA_OP_STRING_NORM, HLN__GA_OP_STRING_SPLIT, HLN__GA_OP_COMPRESS, HLN__GA_OP_WINDOW, HLN__GA_OP_MEL, HLN__GA_OP_AFFINE_GRID,
    HLN__GA_OP_CROP_PAD, HLN__GA_OP_COL2IM, HLN__GA_OP_DEFORM_CONV, HLN__GA_OP_IMAGE_DECODE, HLN__GA_OP_MULTINOMIAL,
    HLN__GA_OP_RANDOM, HLN__GA_OP_LIKE_BOOL, HLN__GA_OP_LIKE_STRING, HLN__GA_OP_ML_SAME, HLN__GA_OP_ML_ROWS, HLN__GA_OP_ML_CLASSIFY,
    HLN__GA_OP_ML_ONEHOT, HLN__GA_OP_ML_FEATURES, HLN__GA_OP_ML_EXTRACT, HLN__GA_OP_UNKNOWN
};

/* op name, kind, FLOPs per output element (elementwise), or 0; domain: 0 the default domain
   (and com.microsoft, which reuses its names), 1 ai.onnx.ml, 2 ai.onnx.preview.training.
   Every op of the default domain up to opset 21 and of ai.onnx.ml is listed: a rule that is
   exact or leaves the shape unknown (HLN__GA_OP_UNKNOWN), never a guess (docs/costs.md). */
typedef struct hln__ga_opdef { const char *name; uint8_t kind; uint8_t flops; uint8_t domain; } hln__ga_opdef;
static const hln__ga_opdef hln__ga_ops[] = {
    {"Relu", HLN__GA_OP_UNARY, 1, 0}, {"LeakyRelu", HLN__GA_OP_UNARY, 2, 0}, {"PRelu", HLN__GA_OP_BINARY, 2, 0},
    {"Sigmoid", HLN__GA_OP_UNARY, 4, 0}, {"HardSigmoid", HLN__GA_OP_UNARY, 3, 0}, {"HardSwish", HLN__GA_OP_UNARY, 4, 0},
    {"Tanh", HLN__GA_OP_UNARY, 4, 0}, {"Exp", HLN__GA_OP_UNARY, 1, 0}, {"Log", HLN__GA_OP_UNARY, 1, 0}, {"Sqrt", HLN__GA_OP_UNARY, 1, 0},
    {"Reciprocal", HLN__GA_OP_UNARY, 1, 0}, {"Abs", HLN__GA_OP_UNARY, 1, 0}, {"Neg", HLN__GA_OP_UNARY, 1, 0},
    {"Floor", HLN__GA_OP_UNARY, 1, 0}, {"Ceil", HLN__GA_OP_UNARY, 1, 0}, {"Round", HLN__GA_OP_UNARY, 1, 0}, {"Sign", HLN__GA_OP_UNARY, 1, 0},
    {"Erf", HLN__GA_OP_UNARY, 1, 0}, {"Sin", HLN__GA_OP_UNARY, 1, 0}, {"Cos", HLN__GA_OP_UNARY, 1, 0}, {"Tan", HLN__GA_OP_UNARY, 1, 0},
    {"Asin", HLN__GA_OP_UNARY, 1, 0}, {"Acos", HLN__GA_OP_UNARY, 1, 0}, {"Atan", HLN__GA_OP_UNARY, 1, 0}, {"Sinh", HLN__GA_OP_UNARY, 1, 0},
    {"Cosh", HLN__GA_OP_UNARY, 1, 0}, {"Asinh", HLN__GA_OP_UNARY, 1, 0}, {"Acosh", HLN__GA_OP_UNARY, 1, 0}, {"Atanh", HLN__GA_OP_UNARY, 1, 0},
    {"Elu", HLN__GA_OP_UNARY, 4, 0}, {"Selu", HLN__GA_OP_UNARY, 5, 0}, {"Celu", HLN__GA_OP_UNARY, 5, 0}, {"Gelu", HLN__GA_OP_UNARY, 8, 0},
    {"FastGelu", HLN__GA_OP_UNARY, 8, 0}, {"BiasGelu", HLN__GA_OP_UNARY, 9, 0}, {"QuickGelu", HLN__GA_OP_UNARY, 5, 0},
    {"Softplus", HLN__GA_OP_UNARY, 3, 0}, {"Softsign", HLN__GA_OP_UNARY, 3, 0}, {"Mish", HLN__GA_OP_UNARY, 6, 0},
    {"ThresholdedRelu", HLN__GA_OP_UNARY, 1, 0}, {"Shrink", HLN__GA_OP_UNARY, 2, 0}, {"Clip", HLN__GA_OP_UNARY, 2, 0},
    {"Not", HLN__GA_OP_UNARY, 1, 0}, {"BitwiseNot", HLN__GA_OP_UNARY, 1, 0}, {"CumSum", HLN__GA_OP_UNARY, 1, 0},
    {"Trilu", HLN__GA_OP_UNARY, 0, 0}, {"ReverseSequence", HLN__GA_OP_UNARY, 0, 0}, {"ScatterND", HLN__GA_OP_UNARY, 0, 0},
    {"ScatterElements", HLN__GA_OP_UNARY, 0, 0}, {"Scatter", HLN__GA_OP_UNARY, 0, 0}, {"RandomNormalLike", HLN__GA_OP_UNARY, 0, 0},
    {"RandomUniformLike", HLN__GA_OP_UNARY, 0, 0}, {"EyeLike", HLN__GA_OP_UNARY, 0, 0}, {"Bernoulli", HLN__GA_OP_UNARY, 0, 0},
    {"LRN", HLN__GA_OP_UNARY, 5, 0}, {"LpNormalization", HLN__GA_OP_UNARY, 3, 0}, {"MeanVarianceNormalization", HLN__GA_OP_UNARY, 6, 0},
    {"Identity", HLN__GA_OP_IDENTITY, 0, 0}, {"IsNaN", HLN__GA_OP_BOOL_UNARY, 1, 0}, {"IsInf", HLN__GA_OP_BOOL_UNARY, 1, 0},
    {"Add", HLN__GA_OP_BINARY, 1, 0}, {"Sub", HLN__GA_OP_BINARY, 1, 0}, {"Mul", HLN__GA_OP_BINARY, 1, 0}, {"Div", HLN__GA_OP_BINARY, 1, 0},
    {"Pow", HLN__GA_OP_BINARY, 1, 0}, {"Mod", HLN__GA_OP_BINARY, 1, 0}, {"BitShift", HLN__GA_OP_BINARY, 1, 0},
    {"BitwiseAnd", HLN__GA_OP_BINARY, 1, 0}, {"BitwiseOr", HLN__GA_OP_BINARY, 1, 0}, {"BitwiseXor", HLN__GA_OP_BINARY, 1, 0},
    {"And", HLN__GA_OP_COMPARE, 1, 0}, {"Or", HLN__GA_OP_COMPARE, 1, 0}, {"Xor", HLN__GA_OP_COMPARE, 1, 0},
    {"Equal", HLN__GA_OP_COMPARE, 1, 0}, {"Less", HLN__GA_OP_COMPARE, 1, 0}, {"Greater", HLN__GA_OP_COMPARE, 1, 0},
    {"LessOrEqual", HLN__GA_OP_COMPARE, 1, 0}, {"GreaterOrEqual", HLN__GA_OP_COMPARE, 1, 0},
    {"Max", HLN__GA_OP_VARIADIC, 1, 0}, {"Min", HLN__GA_OP_VARIADIC, 1, 0}, {"Sum", HLN__GA_OP_VARIADIC, 1, 0}, {"Mean", HLN__GA_OP_VARIADIC, 1, 0},
    {"Where", HLN__GA_OP_WHERE, 1, 0},
    {"MatMul", HLN__GA_OP_MATMUL, 0, 0}, {"FusedMatMul", HLN__GA_OP_MATMUL, 0, 0}, {"MatMulInteger", HLN__GA_OP_MATMUL_INT, 0, 0},
    {"QLinearMatMul", HLN__GA_OP_QLINEAR_MATMUL, 0, 0}, {"Gemm", HLN__GA_OP_GEMM, 0, 0},
    {"Conv", HLN__GA_OP_CONV, 0, 0}, {"FusedConv", HLN__GA_OP_CONV, 0, 0}, {"ConvInteger", HLN__GA_OP_CONV_INT, 0, 0},
    {"QLinearConv", HLN__GA_OP_QLINEAR_CONV, 0, 0}, {"ConvTranspose", HLN__GA_OP_CONVT, 0, 0},
    {"MaxPool", HLN__GA_OP_POOL, 1, 0}, {"AveragePool", HLN__GA_OP_POOL, 1, 0}, {"LpPool", HLN__GA_OP_POOL, 2, 0},
    {"QLinearAveragePool", HLN__GA_OP_POOL, 1, 0},
    {"GlobalAveragePool", HLN__GA_OP_GPOOL, 1, 0}, {"GlobalMaxPool", HLN__GA_OP_GPOOL, 1, 0}, {"GlobalLpPool", HLN__GA_OP_GPOOL, 2, 0},
    {"QLinearGlobalAveragePool", HLN__GA_OP_GPOOL, 1, 0},
    {"Resize", HLN__GA_OP_RESIZE, 4, 0}, {"Upsample", HLN__GA_OP_UPSAMPLE, 4, 0},
    {"Reshape", HLN__GA_OP_RESHAPE, 0, 0}, {"Flatten", HLN__GA_OP_FLATTEN, 0, 0}, {"Transpose", HLN__GA_OP_TRANSPOSE, 0, 0},
    {"Squeeze", HLN__GA_OP_SQUEEZE, 0, 0}, {"Unsqueeze", HLN__GA_OP_UNSQUEEZE, 0, 0}, {"Slice", HLN__GA_OP_SLICE, 0, 0},
    {"Gather", HLN__GA_OP_GATHER, 0, 0}, {"GatherElements", HLN__GA_OP_GATHER_ELEMENTS, 0, 0}, {"GatherND", HLN__GA_OP_GATHER_ND, 0, 0},
    {"Concat", HLN__GA_OP_CONCAT, 0, 0}, {"Split", HLN__GA_OP_SPLIT, 0, 0}, {"Expand", HLN__GA_OP_EXPAND, 0, 0}, {"Tile", HLN__GA_OP_TILE, 0, 0},
    {"Pad", HLN__GA_OP_PAD, 0, 0}, {"Shape", HLN__GA_OP_SHAPE, 0, 0}, {"Size", HLN__GA_OP_SIZE, 0, 0}, {"Constant", HLN__GA_OP_CONSTANT, 0, 0},
    {"ConstantOfShape", HLN__GA_OP_CONSTANT_OF_SHAPE, 0, 0}, {"Range", HLN__GA_OP_RANGE, 0, 0}, {"Cast", HLN__GA_OP_CAST, 0, 0},
    {"CastLike", HLN__GA_OP_CAST_LIKE, 0, 0},
    {"ReduceSum", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceMean", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceMax", HLN__GA_OP_REDUCE, 1, 0},
    {"ReduceMin", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceProd", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceL1", HLN__GA_OP_REDUCE, 2, 0},
    {"ReduceL2", HLN__GA_OP_REDUCE, 2, 0}, {"ReduceLogSum", HLN__GA_OP_REDUCE, 1, 0}, {"ReduceLogSumExp", HLN__GA_OP_REDUCE, 2, 0},
    {"ReduceSumSquare", HLN__GA_OP_REDUCE, 2, 0}, {"ArgMax", HLN__GA_OP_ARG, 1, 0}, {"ArgMin", HLN__GA_OP_ARG, 1, 0},
    {"Softmax", HLN__GA_OP_SOFTMAX, 5, 0}, {"LogSoftmax", HLN__GA_OP_SOFTMAX, 6, 0}, {"Hardmax", HLN__GA_OP_SOFTMAX, 2, 0},
    {"LayerNormalization", HLN__GA_OP_LAYERNORM, 8, 0}, {"SkipLayerNormalization", HLN__GA_OP_LAYERNORM, 9, 0},
    {"SimplifiedLayerNormalization", HLN__GA_OP_LAYERNORM, 6, 0}, {"RMSNormalization", HLN__GA_OP_LAYERNORM, 6, 0},
    {"InstanceNormalization", HLN__GA_OP_NORM, 8, 0}, {"GroupNormalization", HLN__GA_OP_NORM, 8, 0},
    {"BatchNormalization", HLN__GA_OP_BATCHNORM, 2, 0}, {"Dropout", HLN__GA_OP_DROPOUT, 0, 0},
    {"Einsum", HLN__GA_OP_EINSUM, 0, 0}, {"Attention", HLN__GA_OP_ATTENTION, 0, 0}, {"MultiHeadAttention", HLN__GA_OP_MHA, 0, 0},
    {"LSTM", HLN__GA_OP_LSTM, 0, 0}, {"GRU", HLN__GA_OP_GRU, 0, 0}, {"RNN", HLN__GA_OP_RNN, 0, 0},
    {"If", HLN__GA_OP_IF, 0, 0}, {"Loop", HLN__GA_OP_LOOP, 0, 0}, {"Scan", HLN__GA_OP_SCAN, 0, 0}, {"SequenceMap", HLN__GA_OP_LOOP_LIKE, 0, 0},
    {"QuantizeLinear", HLN__GA_OP_QUANT, 2, 0}, {"DequantizeLinear", HLN__GA_OP_DEQUANT, 2, 0},
    {"DynamicQuantizeLinear", HLN__GA_OP_DYNQUANT, 4, 0}, {"TopK", HLN__GA_OP_TOPK, 1, 0}, {"OneHot", HLN__GA_OP_ONEHOT, 0, 0},
    {"DepthToSpace", HLN__GA_OP_DEPTH_TO_SPACE, 0, 0}, {"SpaceToDepth", HLN__GA_OP_SPACE_TO_DEPTH, 0, 0},
    {"NonZero", HLN__GA_OP_NONZERO, 0, 0},
    {"NegativeLogLikelihoodLoss", HLN__GA_OP_NLL_LOSS, 1, 0}, {"SoftmaxCrossEntropyLoss", HLN__GA_OP_SCE_LOSS, 7, 0},
    {"GridSample", HLN__GA_OP_GRID_SAMPLE, 8, 0}, {"RoiAlign", HLN__GA_OP_ROI_POOL, 8, 0}, {"MaxRoiPool", HLN__GA_OP_ROI_POOL, 1, 0},
    {"Det", HLN__GA_OP_DET, 0, 0}, {"DFT", HLN__GA_OP_DFT, 0, 0}, {"STFT", HLN__GA_OP_STFT, 0, 0}, {"MaxUnpool", HLN__GA_OP_MAX_UNPOOL, 0, 0},
    {"TfIdfVectorizer", HLN__GA_OP_TFIDF, 0, 0}, {"SequenceLength", HLN__GA_OP_SEQ_LENGTH, 0, 0},
    {"SequenceAt", HLN__GA_OP_SEQ_ELEMENT, 0, 0}, {"OptionalGetElement", HLN__GA_OP_SEQ_ELEMENT, 0, 0},
    {"SequenceConstruct", HLN__GA_OP_SEQ_MAKE, 0, 0}, {"SequenceInsert", HLN__GA_OP_SEQ_MAKE, 0, 0}, {"Optional", HLN__GA_OP_SEQ_MAKE, 0, 0},
    {"SequenceErase", HLN__GA_OP_SEQ_ELEMENT, 0, 0}, {"SequenceEmpty", HLN__GA_OP_UNKNOWN, 0, 0},
    {"ConcatFromSequence", HLN__GA_OP_SEQ_CONCAT, 0, 0}, {"SplitToSequence", HLN__GA_OP_SEQ_CONCAT, 0, 0},
    {"OptionalHasElement", HLN__GA_OP_OPT_HAS, 0, 0}, {"NonMaxSuppression", HLN__GA_OP_NMS, 0, 0}, {"Unique", HLN__GA_OP_UNIQUE, 0, 0},
    {"StringNormalizer", HLN__GA_OP_STRING_NORM, 0, 0}, {"StringSplit", HLN__GA_OP_STRING_SPLIT, 0, 0}, {"Compress", HLN__GA_OP_COMPRESS, 0, 0},
    {"BlackmanWindow", HLN__GA_OP_WINDOW, 0, 0}, {"HammingWindow", HLN__GA_OP_WINDOW, 0, 0}, {"HannWindow", HLN__GA_OP_WINDOW, 0, 0},
    {"MelWeightMatrix", HLN__GA_OP_MEL, 0, 0}, {"AffineGrid", HLN__GA_OP_AFFINE_GRID, 0, 0}, {"CenterCropPad", HLN__GA_OP_CROP_PAD, 0, 0},
    {"Col2Im", HLN__GA_OP_COL2IM, 0, 0}, {"DeformConv", HLN__GA_OP_DEFORM_CONV, 0, 0}, {"ImageDecoder", HLN__GA_OP_IMAGE_DECODE, 0, 0},
    {"Multinomial", HLN__GA_OP_MULTINOMIAL, 0, 0}, {"RandomNormal", HLN__GA_OP_RANDOM, 0, 0}, {"RandomUniform", HLN__GA_OP_RANDOM, 0, 0},
    {"RegexFullMatch", HLN__GA_OP_LIKE_BOOL, 0, 0}, {"StringConcat", HLN__GA_OP_LIKE_STRING, 0, 0},
    {"Adagrad", HLN__GA_OP_OPTIMIZER, 0, 2}, {"Adam", HLN__GA_OP_OPTIMIZER, 0, 2}, {"Momentum", HLN__GA_OP_OPTIMIZER, 0, 2},
    {"Gradient", HLN__GA_OP_UNKNOWN, 0, 2},
    {"Binarizer", HLN__GA_OP_ML_SAME, 1, 1}, {"Normalizer", HLN__GA_OP_ML_SAME, 3, 1}, {"Scaler", HLN__GA_OP_ML_SAME, 2, 1},
    {"Imputer", HLN__GA_OP_ML_SAME, 1, 1}, {"LabelEncoder", HLN__GA_OP_ML_SAME, 0, 1}, {"CategoryMapper", HLN__GA_OP_ML_SAME, 0, 1},
    {"LinearRegressor", HLN__GA_OP_ML_ROWS, 0, 1}, {"SVMRegressor", HLN__GA_OP_ML_ROWS, 0, 1},
    {"TreeEnsembleRegressor", HLN__GA_OP_ML_ROWS, 0, 1}, {"TreeEnsemble", HLN__GA_OP_ML_ROWS, 0, 1},
    {"LinearClassifier", HLN__GA_OP_ML_CLASSIFY, 0, 1}, {"SVMClassifier", HLN__GA_OP_ML_CLASSIFY, 0, 1},
    {"TreeEnsembleClassifier", HLN__GA_OP_ML_CLASSIFY, 0, 1}, {"OneHotEncoder", HLN__GA_OP_ML_ONEHOT, 0, 1},
    {"FeatureVectorizer", HLN__GA_OP_ML_FEATURES, 0, 1}, {"ArrayFeatureExtractor", HLN__GA_OP_ML_EXTRACT, 0, 1},
    {"ZipMap", HLN__GA_OP_UNKNOWN, 0, 1}, {"CastMap", HLN__GA_OP_UNKNOWN, 0, 1}, {"DictVectorizer", HLN__GA_OP_UNKNOWN, 0, 1}
};
#define HLN__GA_N_OPS (sizeof hln__ga_ops / sizeof hln__ga_ops[0])
#define HLN__GA_OPTAB 512u
#define HLN__GA_CV_MAX 64   /* longest constant folded (shape vectors, small index lists) */

typedef struct hln__ga_gs {        /* per-graph analysis state */
    hln_graph       *g;
    struct hln__ga_gs  *parent;
    hln__ga_cv        **cv;        /* per value: small constant value, NULL when not known */
    int32_t         *ncv;
} hln__ga_gs;

typedef struct hln__ga {
    hln_model         *m;
    hln_arena         *shapes;              /* value shapes and node orders: the model's arena, or a
                                               scratch one for the formula's sample runs */
    const hln_binding *bind;
    uint32_t           n_bind;
    hln_error         *err;
    hln_arena          scratch;
    uint16_t           optab[HLN__GA_OPTAB];   /* op index + 1 */
    uint32_t           nodes_all, subgraphs, max_depth;
    uint32_t           in_function;         /* > 0 inside a called function: not counted as graph nodes */
    hln_graph         *active[16];          /* functions being expanded (no recursion) */
    uint64_t           fn_nodes;            /* function-body nodes analysed so far, bounded */
    uint64_t           params_all, constant_params_all;
    const hln_node   **tensor_owner;        /* the node a weight's params are counted on (its first reader) */
    uint32_t           revisit;             /* > 0 while a loop body is analysed again: counted once */
    uint32_t           reruns;              /* loop-body re-analyses so far, bounded */
    uint64_t           visited;             /* nodes analysed, function bodies and reruns included */
    const hln_node    *carry_owner;         /* the Loop/Scan whose body inputs take carry[] */
    const hln_shape   *carry;               /* its loop-carried shapes, in the body's terms */
    int                exact;               /* cleared by the node being costed */
} hln__ga;

static uint32_t hln__ga_hash(const char *s) {
    uint32_t h = 2166136261u;
    while (*s) h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static void hln__ga_optab(hln__ga *ga) {
    uint32_t i;
    memset(ga->optab, 0, sizeof ga->optab);
    for (i = 0; i < HLN__GA_N_OPS; i++) {
        uint32_t s = hln__ga_hash(hln__ga_ops[i].name) & (HLN__GA_OPTAB - 1);
        while (ga->optab[s]) s = (s + 1) & (HLN__GA_OPTAB - 1);
        ga->optab[s] = (uint16_t)(i + 1);
    }
}

static const hln__ga_opdef *hln__ga_op(const hln__ga *ga, const hln_node *n) {
    static const hln__ga_opdef other = { "", HLN__GA_OP_OTHER, 0, 0 };
    uint32_t s;
    uint8_t domain;
    if (!n->domain || !n->domain[0] || strcmp(n->domain, "ai.onnx") == 0 || strcmp(n->domain, "com.microsoft") == 0) domain = 0;
    else if (strcmp(n->domain, "ai.onnx.ml") == 0) domain = 1;
    else if (strcmp(n->domain, "ai.onnx.preview.training") == 0) domain = 2;
    else return &other;
    s = hln__ga_hash(n->op_type) & (HLN__GA_OPTAB - 1);
    while (ga->optab[s]) {
        const hln__ga_opdef *d = &hln__ga_ops[ga->optab[s] - 1];
        if (d->domain == domain && strcmp(d->name, n->op_type) == 0) return d;
        s = (s + 1) & (HLN__GA_OPTAB - 1);
    }
    return &other;
}

/* ---- attributes ---- */
static const hln_attr *hln__ga_attr(const hln_node *n, const char *name) {
    uint32_t i;
    for (i = 0; i < n->n_attrs; i++)
        if (n->attrs[i].name && strcmp(n->attrs[i].name, name) == 0) return &n->attrs[i];
    return NULL;
}
static int64_t hln__ga_attr_i(const hln_node *n, const char *name, int64_t def) {
    const hln_attr *a = hln__ga_attr(n, name);
    return a && a->type == HLN_ATTR_INT ? a->i : def;
}
static const char *hln__ga_attr_s(const hln_node *n, const char *name, const char *def) {
    const hln_attr *a = hln__ga_attr(n, name);
    return a && a->type == HLN_ATTR_STRING && a->s.ptr ? a->s.ptr : def;
}
/* INTS attribute; count -1 when absent */
static const int64_t *hln__ga_attr_ints(const hln_node *n, const char *name, int32_t *count) {
    const hln_attr *a = hln__ga_attr(n, name);
    if (!a || a->type != HLN_ATTR_INTS) { *count = -1; return NULL; }
    *count = (int32_t)a->count;
    return a->ints;
}

/* ---- tensor values ---- */
static int hln__ga_tensor_i64(const hln_tensor *t, uint64_t i, int64_t *out) {
    const uint8_t *p;
    if (!t->data || i >= t->n_elements) return 0;
    p = (const uint8_t *)t->data;
    switch (t->dtype) {
    case HLN_DTYPE_I64: *out = (int64_t)hln__load_uint(p + 8 * i, 8, 0); return 1;
    case HLN_DTYPE_U64: *out = (int64_t)hln__load_uint(p + 8 * i, 8, 0); return 1;
    case HLN_DTYPE_I32: *out = (int32_t)(uint32_t)hln__load_uint(p + 4 * i, 4, 0); return 1;
    case HLN_DTYPE_U32: *out = (int64_t)hln__load_uint(p + 4 * i, 4, 0); return 1;
    case HLN_DTYPE_I16: *out = (int16_t)(uint16_t)hln__load_uint(p + 2 * i, 2, 0); return 1;
    case HLN_DTYPE_U16: *out = (int64_t)hln__load_uint(p + 2 * i, 2, 0); return 1;
    case HLN_DTYPE_I8: *out = (int8_t)p[i]; return 1;
    case HLN_DTYPE_U8: case HLN_DTYPE_BOOL: *out = p[i]; return 1;
    default: return 0;
    }
}
static int hln__ga_tensor_f64(const hln_tensor *t, uint64_t i, double *out) {
    int64_t v;
    if (t->data && i < t->n_elements && t->dtype == HLN_DTYPE_F32) {
        *out = hln__f32_bits((uint32_t)hln__load_uint((const uint8_t *)t->data + 4 * i, 4, 0));
        return 1;
    }
    if (t->data && i < t->n_elements && t->dtype == HLN_DTYPE_F64) {
        *out = hln__f64_bits(hln__load_uint((const uint8_t *)t->data + 8 * i, 8, 0));
        return 1;
    }
    if (hln__ga_tensor_i64(t, i, &v)) { *out = (double)v; return 1; }
    return 0;
}

/* ---- dims ---- */
static hln_dim hln__ga_dk(int64_t v) { hln_dim d; d.value = v; d.param = NULL; return d; }
static hln_dim hln__ga_du(void) { hln_dim d; d.value = -1; d.param = NULL; return d; }
static int hln__ga_dsame(hln_dim a, hln_dim b) {
    if (a.value >= 0 || b.value >= 0) return a.value == b.value;
    return a.param && b.param && strcmp(a.param, b.param) == 0;
}
/* Value of a dim for costs: unknown dims count as 1 and make the result inexact. */
static uint64_t hln__ga_dv(hln__ga *ga, hln_dim d) {
    if (d.value >= 0) return (uint64_t)d.value;
    ga->exact = 0;
    return 1;
}
static uint64_t hln__ga_mul(uint64_t a, uint64_t b) {
    uint64_t r;
    return hln_mul_overflow(a, b, &r) ? UINT64_MAX : r;
}
static uint64_t hln__ga_add(uint64_t a, uint64_t b) { return b > UINT64_MAX - a ? UINT64_MAX : a + b; }
static uint64_t hln__ga_elems(hln__ga *ga, const hln_shape *s) {
    uint64_t n = 1;
    int32_t i;
    if (!s || s->rank < 0) { ga->exact = 0; return 0; }
    for (i = 0; i < s->rank; i++) n = hln__ga_mul(n, hln__ga_dv(ga, s->dims[i]));
    return n;
}
static hln_dim hln__ga_dmul(hln_dim a, hln_dim b) {
    if (a.value >= 0 && b.value >= 0) {
        uint64_t r;
        if (hln_mul_overflow((uint64_t)a.value, (uint64_t)b.value, &r) || r > (uint64_t)INT64_MAX) return hln__ga_du();
        return hln__ga_dk((int64_t)r);
    }
    if (a.value == 1) return b;
    if (b.value == 1) return a;
    return hln__ga_du();
}
static int64_t hln__ga_axis(int64_t a, int32_t rank) { return a < 0 ? a + rank : a; }
/* Wrapping int64 arithmetic: files may hold any attribute value; nonsense in, nonsense out,
   never undefined behaviour. */
static int64_t hln__ga_sadd(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t hln__ga_ssub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static int64_t hln__ga_smul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }
static int hln__ga_to_i64(double d, int64_t *out) {
    if (!(d >= -9.2e18 && d <= 9.2e18)) return 0;   /* NaN and out of range */
    *out = (int64_t)d;
    return 1;
}

/* ---- per-value state ---- */
static hln_value *hln__ga_inval(hln__ga_gs *gs, const hln_node *n, uint32_t k) {
    return k < n->n_inputs && n->inputs[k] >= 0 ? &gs->g->values[n->inputs[k]] : NULL;
}
static const hln_shape *hln__ga_in(hln__ga_gs *gs, const hln_node *n, uint32_t k) {
    hln_value *v = hln__ga_inval(gs, n, k);
    return v && v->inferred.rank >= 0 ? &v->inferred : NULL;
}
static hln_dtype hln__ga_indt(hln__ga_gs *gs, const hln_node *n, uint32_t k) {
    hln_value *v = hln__ga_inval(gs, n, k);
    return v ? v->dtype : HLN_DTYPE_UNKNOWN;
}
static const hln__ga_cv *hln__ga_incv(hln__ga_gs *gs, const hln_node *n, uint32_t k, int32_t *len) {
    if (k < n->n_inputs && n->inputs[k] >= 0 && gs->cv[n->inputs[k]]) {
        *len = gs->ncv[n->inputs[k]];
        return gs->cv[n->inputs[k]];
    }
    *len = -1;
    return NULL;
}
/* All elements of a constant input known as integers. */
static int hln__ga_incv_ints(hln__ga_gs *gs, const hln_node *n, uint32_t k, int64_t *out, int32_t cap, int32_t *len) {
    int32_t i;
    const hln__ga_cv *c = hln__ga_incv(gs, n, k, len);
    if (!c || *len > cap) return 0;
    for (i = 0; i < *len; i++) {
        if (!c[i].known) return 0;
        out[i] = c[i].v;
    }
    return 1;
}
/* Floats of a constant tensor input (Resize scales, Range bounds). */
static int hln__ga_intensor_f64(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, double *out, int32_t cap, int32_t *len) {
    hln_value *v = hln__ga_inval(gs, n, k);
    const hln_tensor *t;
    uint64_t i;
    if (!v || v->tensor < 0 || (uint32_t)v->tensor >= ga->m->n_tensors) {
        int64_t tmp[HLN__GA_CV_MAX];
        int32_t j;
        if (!hln__ga_incv_ints(gs, n, k, tmp, cap < HLN__GA_CV_MAX ? cap : HLN__GA_CV_MAX, len)) return 0;
        for (j = 0; j < *len; j++) out[j] = (double)tmp[j];
        return 1;
    }
    t = &ga->m->tensors[v->tensor];
    if (t->n_elements > (uint64_t)cap) return 0;
    for (i = 0; i < t->n_elements; i++)
        if (!hln__ga_tensor_f64(t, i, &out[i])) return 0;
    *len = (int32_t)t->n_elements;
    return 1;
}

static void hln__ga_setcv(hln__ga *ga, hln__ga_gs *gs, int32_t v, const hln__ga_cv *c, int32_t len) {
    hln__ga_cv *d;
    if (v < 0 || len < 0 || len > HLN__GA_CV_MAX) return;
    d = (hln__ga_cv *)hln_arena_array(&ga->scratch, len ? (uint64_t)len : 1, sizeof *d);
    if (!d) return;
    if (len) memcpy(d, c, (size_t)len * sizeof *d);
    gs->cv[v] = d;
    gs->ncv[v] = len;
}

static void hln__ga_bind_dims(hln__ga *ga, hln_dim *d, int32_t rank) {
    int32_t i;
    uint32_t b;
    for (i = 0; i < rank; i++) {
        if (d[i].value >= 0 || !d[i].param) continue;
        for (b = 0; b < ga->n_bind; b++)
            if (ga->bind[b].name && strcmp(ga->bind[b].name, d[i].param) == 0 && ga->bind[b].value >= 0) {
                d[i].value = ga->bind[b].value;
                break;
            }
    }
}

static int hln__ga_set_shape(hln__ga *ga, hln_shape *s, int32_t rank, const hln_dim *dims) {
    s->dims = (hln_dim *)hln_arena_array(ga->shapes, rank > 0 ? (uint64_t)rank : 1, sizeof(hln_dim));
    if (!s->dims) { s->rank = -1; return 0; }
    if (rank > 0) memcpy(s->dims, dims, (size_t)rank * sizeof(hln_dim));
    s->rank = rank;
    return 1;
}

/* Output k of a node: dtype (kept when the file declared one) and shape; dims the inference
   left unknown are taken from the declared shape. */
static void hln__ga_out(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, hln_dtype dt, int32_t rank, const hln_dim *dims) {
    hln_value *v;
    hln_dim tmp[HLN_MAX_DIMS];
    int32_t i;
    if (k >= n->n_outputs || n->outputs[k] < 0) return;
    v = &gs->g->values[n->outputs[k]];
    if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = dt;
    if (rank < 0 || rank > HLN_MAX_DIMS) return;
    for (i = 0; i < rank; i++) tmp[i] = dims ? dims[i] : hln__ga_du();   /* dims NULL: rank known, dims not */
    if (v->inferred.rank == rank)
        for (i = 0; i < rank; i++)
            if (tmp[i].value < 0 && (v->inferred.dims[i].value >= 0 || (!tmp[i].param && v->inferred.dims[i].param)))
                tmp[i] = v->inferred.dims[i];
    hln__ga_set_shape(ga, &v->inferred, rank, tmp);
}
static void hln__ga_out_like(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, hln_dtype dt, const hln_shape *s) {
    if (s) hln__ga_out(ga, gs, n, k, dt, s->rank, s->dims);
    else hln__ga_out(ga, gs, n, k, dt, -1, NULL);
}

/* numpy broadcasting of two shapes into out; returns the rank, -1 when unknown */
static int32_t hln__ga_broadcast(const hln_shape *a, const hln_shape *b, hln_dim *out) {
    int32_t r, i;
    if (!a || !b) return -1;
    r = a->rank > b->rank ? a->rank : b->rank;
    if (r > HLN_MAX_DIMS) return -1;
    for (i = 0; i < r; i++) {
        int32_t ia = i - (r - a->rank), ib = i - (r - b->rank);
        hln_dim da = ia >= 0 ? a->dims[ia] : hln__ga_dk(1), db = ib >= 0 ? b->dims[ib] : hln__ga_dk(1);
        if (da.value == 1) out[i] = db;
        else if (db.value == 1) out[i] = da;
        else if (da.value >= 0) out[i] = da;   /* the other is the same or 1 */
        else if (db.value >= 0) out[i] = db;
        else out[i] = hln__ga_dsame(da, db) ? da : hln__ga_du();   /* two unknowns: either may be 1 */
    }
    return r;
}

/* Spatial output size of a convolution or pooling window. */
static hln_dim hln__ga_window(hln_dim in, int64_t k, int64_t s, int64_t d, int64_t pb, int64_t pe, const char *auto_pad, int ceil_mode) {
    int64_t eff, num, out;
    if (s <= 0) s = 1;
    if (d <= 0) d = 1;
    eff = hln__ga_sadd(hln__ga_smul(k - 1, d), 1);
    if (in.value < 0) {
        if (eff == 1 && s == 1 && pb == 0 && pe == 0) return in;
        return hln__ga_du();
    }
    if (strcmp(auto_pad, "SAME_UPPER") == 0 || strcmp(auto_pad, "SAME_LOWER") == 0)
        return hln__ga_dk(in.value / s + (in.value % s != 0));
    if (strcmp(auto_pad, "VALID") == 0) pb = pe = 0;
    num = hln__ga_ssub(hln__ga_sadd(hln__ga_sadd(in.value, pb), pe), eff);
    if (num < 0) return hln__ga_dk(0);
    out = (ceil_mode ? num / s + (num % s != 0) : num / s) + 1;
    if (ceil_mode && hln__ga_smul(out - 1, s) >= hln__ga_sadd(in.value, pb)) out--;
    return out >= 0 ? hln__ga_dk(out) : hln__ga_du();
}

/* ---- shape arithmetic on constant values ---- */
static hln__ga_cv hln__ga_cv_of(hln_dim d) {
    hln__ga_cv c;
    c.known = d.value >= 0;
    c.v = d.value;
    c.sym = d.value >= 0 ? NULL : d.param;
    return c;
}
static hln_dim hln__ga_dim_of(hln__ga_cv c) {
    hln_dim d;
    d.value = c.known && c.v >= 0 ? c.v : -1;
    d.param = c.known ? NULL : c.sym;
    return d;
}

/* The -1 of a Reshape: input elements / known output dims, cancelling equal symbols. */
static hln_dim hln__ga_reshape_infer(const hln_shape *in, const hln_dim *out, int32_t rank, int32_t skip) {
    const char *syms_in[HLN_MAX_DIMS];
    int used[HLN_MAX_DIMS];
    int32_t i, j, n_in = 0;
    uint64_t pin = 1, pout = 1;
    for (i = 0; i < in->rank; i++) {
        if (in->dims[i].value >= 0) pin = hln__ga_mul(pin, (uint64_t)in->dims[i].value);
        else if (in->dims[i].param) syms_in[n_in++] = in->dims[i].param;
        else return hln__ga_du();
    }
    memset(used, 0, sizeof used);
    for (i = 0; i < rank; i++) {
        if (i == skip) continue;
        if (out[i].value >= 0) { pout = hln__ga_mul(pout, (uint64_t)out[i].value); continue; }
        if (!out[i].param) return hln__ga_du();
        for (j = 0; j < n_in; j++)
            if (!used[j] && strcmp(syms_in[j], out[i].param) == 0) { used[j] = 1; break; }
        if (j == n_in) return hln__ga_du();
    }
    {
        int32_t left = 0, last = -1;
        for (j = 0; j < n_in; j++) if (!used[j]) { left++; last = j; }
        if (pout == 0 || pin == UINT64_MAX || pout == UINT64_MAX) return hln__ga_du();
        if (left == 0) return pin % pout == 0 ? hln__ga_dk((int64_t)(pin / pout)) : hln__ga_du();
        if (left == 1 && pin == pout) { hln_dim d; d.value = -1; d.param = syms_in[last]; return d; }
    }
    return hln__ga_du();
}

static int64_t hln__ga_ceil_div(int64_t a, int64_t b) {
    if (b == 0 || a == INT64_MIN || b == INT64_MIN) return 0;
    if (b < 0) { a = -a; b = -b; }
    return a >= 0 ? a / b + (a % b != 0) : -((-a) / b);
}

/* one Slice axis: [start, end) by step on a dim of length len */
static int64_t hln__ga_slice_len(int64_t len, int64_t start, int64_t end, int64_t step) {
    if (step == 0) return -1;
    if (step == INT64_MIN) step = -INT64_MAX;
    if (start < 0) start += len;
    if (end < 0) end += len;
    if (step > 0) {
        if (start < 0) start = 0;
        if (start > len) start = len;
        if (end < 0) end = 0;
        if (end > len) end = len;
        return end > start ? hln__ga_ceil_div(end - start, step) : 0;
    }
    if (start < 0) start = -1;
    if (start > len - 1) start = len - 1;
    if (end < -1) end = -1;
    if (end > len - 1) end = len - 1;
    return start > end ? hln__ga_ceil_div(start - end, -step) : 0;
}

/* ---- per-op inference and costs ---- */
static void hln__ga_infer_conv(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int kind) {
    uint32_t xi = 0, wi = kind == HLN__GA_OP_QLINEAR_CONV ? 3 : 1;
    uint32_t bi = kind == HLN__GA_OP_QLINEAR_CONV ? 8 : kind == HLN__GA_OP_DEFORM_CONV ? 3 : 2;
    const hln_shape *x = hln__ga_in(gs, n, xi), *w = hln__ga_in(gs, n, wi);
    int32_t nk = -1, ns, np, nd, i, sp;
    const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &nk), *st = hln__ga_attr_ints(n, "strides", &ns);
    const int64_t *pads = hln__ga_attr_ints(n, "pads", &np), *dil = hln__ga_attr_ints(n, "dilations", &nd);
    const char *auto_pad = hln__ga_attr_s(n, "auto_pad", "NOTSET");
    int64_t group = hln__ga_attr_i(n, "group", 1);
    hln_dim out[HLN_MAX_DIMS], cout;
    uint64_t kprod = 1, macs, outsp = 1, cin_g;
    hln_dtype dt = kind == HLN__GA_OP_CONV_INT ? HLN_DTYPE_I32 : kind == HLN__GA_OP_QLINEAR_CONV ? hln__ga_indt(gs, n, 7) : hln__ga_indt(gs, n, 0);
    if (dt == HLN_DTYPE_UNKNOWN) dt = kind == HLN__GA_OP_QLINEAR_CONV ? HLN_DTYPE_U8 : HLN_DTYPE_F32;
    if (!x || x->rank < 3 || x->rank > HLN_MAX_DIMS) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, dt, -1, NULL); return; }
    sp = x->rank - 2;
    if (w && w->rank == x->rank) { cout = w->dims[0]; cin_g = hln__ga_dv(ga, w->dims[1]); }
    else {
        cout = hln__ga_du();
        cin_g = group > 0 ? hln__ga_dv(ga, x->dims[1]) / (uint64_t)group : 1;
        ga->exact = 0;
    }
    out[0] = x->dims[0];
    out[1] = cout;
    for (i = 0; i < sp; i++) {
        int64_t k = w && w->rank == x->rank && w->dims[2 + i].value >= 0 ? w->dims[2 + i].value : (nk == sp ? ks[i] : 1);
        out[2 + i] = hln__ga_window(x->dims[2 + i], k, ns == sp ? st[i] : 1, nd == sp ? dil[i] : 1,
                                 np == 2 * sp ? pads[i] : 0, np == 2 * sp ? pads[sp + i] : 0, auto_pad, 0);
        kprod = hln__ga_mul(kprod, (uint64_t)(k > 0 ? k : 1));
        outsp = hln__ga_mul(outsp, hln__ga_dv(ga, out[2 + i]));
    }
    macs = hln__ga_mul(hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, cout)), outsp), hln__ga_mul(cin_g, kprod));
    n->macs = macs;
    n->flops = hln__ga_mul(macs, 2);
    if (hln__ga_inval(gs, n, bi)) n->flops = hln__ga_add(n->flops, hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, cout)), outsp));
    hln__ga_out(ga, gs, n, 0, dt, x->rank, out);
}

static void hln__ga_infer_convt(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const hln_shape *x = hln__ga_in(gs, n, 0), *w = hln__ga_in(gs, n, 1);
    int32_t nk, ns, np, nd, nop, nos, i, sp;
    const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &nk), *st = hln__ga_attr_ints(n, "strides", &ns);
    const int64_t *pads = hln__ga_attr_ints(n, "pads", &np), *dil = hln__ga_attr_ints(n, "dilations", &nd);
    const int64_t *opad = hln__ga_attr_ints(n, "output_padding", &nop), *oshape = hln__ga_attr_ints(n, "output_shape", &nos);
    const char *auto_pad = hln__ga_attr_s(n, "auto_pad", "NOTSET");
    int64_t group = hln__ga_attr_i(n, "group", 1);
    hln_dim out[HLN_MAX_DIMS];
    uint64_t kprod = 1, insp = 1, cout_g;
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    if (!x || x->rank < 3 || x->rank > HLN_MAX_DIMS) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, dt, -1, NULL); return; }
    sp = x->rank - 2;
    out[0] = x->dims[0];
    if (w && w->rank == x->rank) {
        out[1] = hln__ga_dmul(w->dims[1], hln__ga_dk(group > 0 ? group : 1));
        cout_g = hln__ga_dv(ga, w->dims[1]);
    } else {
        out[1] = hln__ga_du();
        cout_g = 1;
        ga->exact = 0;
    }
    for (i = 0; i < sp; i++) {
        int64_t k = w && w->rank == x->rank && w->dims[2 + i].value >= 0 ? w->dims[2 + i].value : (nk == sp ? ks[i] : 1);
        int64_t s = ns == sp ? st[i] : 1, d = nd == sp ? dil[i] : 1, op = nop == sp ? opad[i] : 0;
        int64_t pb = np == 2 * sp ? pads[i] : 0, pe = np == 2 * sp ? pads[sp + i] : 0;
        hln_dim in = x->dims[2 + i];
        if (nos >= sp) out[2 + i] = hln__ga_dk(oshape[nos - sp + i]);
        else if (in.value < 0) out[2 + i] = hln__ga_du();
        else if (strcmp(auto_pad, "SAME_UPPER") == 0 || strcmp(auto_pad, "SAME_LOWER") == 0) out[2 + i] = hln__ga_dk(hln__ga_smul(in.value, s));
        else {
            int64_t o = hln__ga_ssub(hln__ga_ssub(hln__ga_sadd(hln__ga_sadd(hln__ga_smul(s, in.value - 1), op), hln__ga_sadd(hln__ga_smul(k - 1, d), 1)), pb), pe);
            out[2 + i] = hln__ga_dk(o > 0 ? o : 0);
        }
        kprod = hln__ga_mul(kprod, (uint64_t)(k > 0 ? k : 1));
        insp = hln__ga_mul(insp, hln__ga_dv(ga, in));
    }
    /* every input element scatters into Cout/groups * prod(kernel) outputs */
    n->macs = hln__ga_mul(hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, x->dims[0]), hln__ga_dv(ga, x->dims[1])), insp), hln__ga_mul(cout_g, kprod));
    n->flops = hln__ga_mul(n->macs, 2);
    if (hln__ga_inval(gs, n, 2)) {
        uint64_t oe = hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, out[1]));
        for (i = 0; i < sp; i++) oe = hln__ga_mul(oe, hln__ga_dv(ga, out[2 + i]));
        n->flops = hln__ga_add(n->flops, oe);
    }
    hln__ga_out(ga, gs, n, 0, dt, x->rank, out);
}

static void hln__ga_infer_matmul(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int kind) {
    uint32_t ai = 0, bi = kind == HLN__GA_OP_QLINEAR_MATMUL ? 3 : 1;
    const hln_shape *a = hln__ga_in(gs, n, ai), *b = hln__ga_in(gs, n, bi);
    hln_shape ab, bb;
    hln_dim ad[HLN_MAX_DIMS], bd[HLN_MAX_DIMS], out[HLN_MAX_DIMS], M, K, N;
    int32_t r, i, ra, rb;
    int sq_m = 0, sq_n = 0;
    uint64_t batch = 1;
    hln_dtype dt = kind == HLN__GA_OP_MATMUL_INT ? HLN_DTYPE_I32 : kind == HLN__GA_OP_QLINEAR_MATMUL ? hln__ga_indt(gs, n, 7) : hln__ga_indt(gs, n, 0);
    if (!a || !b || a->rank < 1 || b->rank < 1 || a->rank >= HLN_MAX_DIMS || b->rank >= HLN_MAX_DIMS) {
        ga->exact = 0;
        hln__ga_out(ga, gs, n, 0, dt, -1, NULL);
        return;
    }
    ra = a->rank;
    rb = b->rank;
    memcpy(ad, a->dims, (size_t)ra * sizeof *ad);
    memcpy(bd, b->dims, (size_t)rb * sizeof *bd);
    if (ra == 1) { ad[1] = ad[0]; ad[0] = hln__ga_dk(1); ra = 2; sq_m = 1; }
    if (rb == 1) { bd[1] = hln__ga_dk(1); rb = 2; sq_n = 1; }
    M = ad[ra - 2];
    K = ad[ra - 1];
    N = bd[rb - 1];
    ab.rank = ra - 2; ab.dims = ad;
    bb.rank = rb - 2; bb.dims = bd;
    r = hln__ga_broadcast(&ab, &bb, out);
    if (r < 0) r = 0;
    for (i = 0; i < r; i++) batch = hln__ga_mul(batch, hln__ga_dv(ga, out[i]));
    if (!sq_m) out[r++] = M;
    if (!sq_n) out[r++] = N;
    n->macs = hln__ga_mul(hln__ga_mul(batch, hln__ga_dv(ga, M)), hln__ga_mul(hln__ga_dv(ga, N), hln__ga_dv(ga, K)));
    n->flops = hln__ga_mul(n->macs, 2);
    hln__ga_out(ga, gs, n, 0, dt, r, out);
}

static void hln__ga_infer_gemm(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const hln_shape *a = hln__ga_in(gs, n, 0), *b = hln__ga_in(gs, n, 1);
    int ta = hln__ga_attr_i(n, "transA", 0) != 0, tb = hln__ga_attr_i(n, "transB", 0) != 0;
    hln_dim out[2], K;
    if (!a || !b || a->rank != 2 || b->rank != 2) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
    out[0] = ta ? a->dims[1] : a->dims[0];
    K = ta ? a->dims[0] : a->dims[1];
    out[1] = tb ? b->dims[0] : b->dims[1];
    n->macs = hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, out[1])), hln__ga_dv(ga, K));
    n->flops = hln__ga_mul(n->macs, 2);
    if (hln__ga_inval(gs, n, 2)) n->flops = hln__ga_add(n->flops, hln__ga_mul(hln__ga_dv(ga, out[0]), hln__ga_dv(ga, out[1])));
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), 2, out);
}

static void hln__ga_infer_pool(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def) {
    const hln_shape *x = hln__ga_in(gs, n, 0);
    int32_t nk, ns, np, nd, i, sp;
    const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &nk), *st = hln__ga_attr_ints(n, "strides", &ns);
    const int64_t *pads = hln__ga_attr_ints(n, "pads", &np), *dil = hln__ga_attr_ints(n, "dilations", &nd);
    const char *auto_pad = hln__ga_attr_s(n, "auto_pad", "NOTSET");
    int ceil_mode = hln__ga_attr_i(n, "ceil_mode", 0) != 0;
    hln_dim out[HLN_MAX_DIMS];
    uint64_t kprod = 1;
    if (!x || x->rank < 3 || nk != x->rank - 2) { hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
    sp = x->rank - 2;
    out[0] = x->dims[0];
    out[1] = x->dims[1];
    for (i = 0; i < sp; i++) {
        out[2 + i] = hln__ga_window(x->dims[2 + i], ks[i], ns == sp ? st[i] : 1, nd == sp ? dil[i] : 1,
                                 np == 2 * sp ? pads[i] : 0, np == 2 * sp ? pads[sp + i] : 0, auto_pad, ceil_mode);
        kprod = hln__ga_mul(kprod, (uint64_t)(ks[i] > 0 ? ks[i] : 1));
    }
    {
        hln_shape s;
        s.rank = x->rank;
        s.dims = out;
        n->flops = hln__ga_mul(hln__ga_mul(hln__ga_elems(ga, &s), kprod), def->flops);
    }
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), x->rank, out);
    if (n->n_outputs > 1) hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, x->rank, out);   /* MaxPool indices */
}

/* Resize/Upsample: sizes (input 3), else scales (input 2, Upsample and Resize-10 input 1, or
   the attribute) over every axis or the axes attribute (Resize-18); output = floor(in * scale).
   A keep_aspect_ratio_policy other than "stretch" or unknown values leave the dims unknown. */
static void hln__ga_infer_resize(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int upsample) {
    const hln_shape *x = hln__ga_in(gs, n, 0);
    hln_dim out[HLN_MAX_DIMS];
    int64_t sizes[HLN_MAX_DIMS], axes[HLN_MAX_DIMS];
    double scales[HLN_MAX_DIMS];
    int32_t len = -1, i, n_axes;
    const char *mode = hln__ga_attr_s(n, "mode", "nearest");
    const int64_t *ax = hln__ga_attr_ints(n, "axes", &n_axes);
    int ok = 0;
    if (!x || x->rank > HLN_MAX_DIMS) { hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
    if (!ax || n_axes > x->rank) n_axes = x->rank;
    for (i = 0; i < n_axes; i++) axes[i] = ax ? hln__ga_axis(ax[i], x->rank) : i;
    memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
    if (!upsample && n->n_inputs >= 4 && hln__ga_incv_ints(gs, n, 3, sizes, HLN_MAX_DIMS, &len) && len == n_axes) {
        if (strcmp(hln__ga_attr_s(n, "keep_aspect_ratio_policy", "stretch"), "stretch") == 0) {
            for (i = 0; i < len; i++) if (axes[i] >= 0 && axes[i] < x->rank) out[axes[i]] = hln__ga_dk(sizes[i]);
            ok = 1;
        }
    } else {
        uint32_t si = (upsample || n->n_inputs == 2) ? 1 : 2;
        const hln_attr *sa = hln__ga_attr(n, "scales");
        if (hln__ga_intensor_f64(ga, gs, n, si, scales, HLN_MAX_DIMS, &len) && len == n_axes) ok = 1;
        else if (sa && sa->type == HLN_ATTR_FLOATS && (int32_t)sa->count == n_axes) {
            for (i = 0; i < n_axes; i++) scales[i] = sa->floats[i];
            ok = 1;
        }
        for (i = 0; ok && i < n_axes; i++) {
            int64_t o, a = axes[i];
            if (a < 0 || a >= x->rank) continue;
            if (x->dims[a].value >= 0)
                out[a] = hln__ga_to_i64((double)x->dims[a].value * scales[i] + 1e-9, &o) && o >= 0 ? hln__ga_dk(o) : hln__ga_du();
            else if (scales[i] != 1.0) out[a] = hln__ga_du();
        }
    }
    if (!ok) for (i = 0; i < x->rank; i++) out[i] = hln__ga_du();   /* no sizes or scales known: any axis may scale */
    {
        hln_shape s;
        s.rank = x->rank;
        s.dims = out;
        n->flops = hln__ga_mul(hln__ga_elems(ga, &s), strcmp(mode, "nearest") == 0 ? 1 : strcmp(mode, "cubic") == 0 ? 16 : 4);
    }
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), x->rank, out);
}

static void hln__ga_infer_rnn(hln__ga *ga, hln__ga_gs *gs, hln_node *n, int kind) {
    const hln_shape *x = hln__ga_in(gs, n, 0), *w = hln__ga_in(gs, n, 1);
    int layout = hln__ga_attr_i(n, "layout", 0) != 0;
    const char *dir = hln__ga_attr_s(n, "direction", "forward");
    int64_t hidden = hln__ga_attr_i(n, "hidden_size", -1), gates = kind == HLN__GA_OP_LSTM ? 4 : kind == HLN__GA_OP_GRU ? 3 : 1;
    int64_t ndir = strcmp(dir, "bidirectional") == 0 ? 2 : 1;
    hln_dim S, B, I, H, y[4], yh[3];
    uint64_t steps;
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    if (!x || x->rank != 3) { ga->exact = 0; return; }
    S = layout ? x->dims[1] : x->dims[0];
    B = layout ? x->dims[0] : x->dims[1];
    I = x->dims[2];
    if (hidden > 0) H = hln__ga_dk(hidden);
    else if (w && w->rank == 3 && w->dims[1].value > 0) H = hln__ga_dk(w->dims[1].value / gates);
    else H = hln__ga_du();
    steps = hln__ga_mul(hln__ga_mul(hln__ga_dv(ga, S), (uint64_t)ndir), hln__ga_dv(ga, B));
    /* every gate, every timestep, every direction: W x_t and R h_{t-1} */
    n->macs = hln__ga_mul(steps, hln__ga_mul(hln__ga_mul((uint64_t)gates, hln__ga_dv(ga, H)), hln__ga_add(hln__ga_dv(ga, I), hln__ga_dv(ga, H))));
    n->flops = hln__ga_add(hln__ga_mul(n->macs, 2),
                        hln__ga_mul(hln__ga_mul(steps, hln__ga_dv(ga, H)), kind == HLN__GA_OP_LSTM ? 17 : kind == HLN__GA_OP_GRU ? 13 : 3));
    if (layout) { y[0] = B; y[1] = S; y[2] = hln__ga_dk(ndir); y[3] = H; yh[0] = B; yh[1] = hln__ga_dk(ndir); yh[2] = H; }
    else { y[0] = S; y[1] = hln__ga_dk(ndir); y[2] = B; y[3] = H; yh[0] = hln__ga_dk(ndir); yh[1] = B; yh[2] = H; }
    hln__ga_out(ga, gs, n, 0, dt, 4, y);
    hln__ga_out(ga, gs, n, 1, dt, 3, yh);
    if (kind == HLN__GA_OP_LSTM) hln__ga_out(ga, gs, n, 2, dt, 3, yh);
}

/* Einsum: letters name dims; "..." stands for the dims no letter names, broadcast across the
   operands; with no "->" the output is "..." then the letters used once, in order. */
static void hln__ga_infer_einsum(hln__ga *ga, hln__ga_gs *gs, hln_node *n) {
    const char *eq = hln__ga_attr_s(n, "equation", ""), *p = eq, *arrow = strstr(eq, "->");
    hln_dim letter[128], ell[HLN_MAX_DIMS], out[HLN_MAX_DIMS];
    int seen[128], count[128];
    uint32_t op = 0;
    int32_t i, r = 0, n_ell = 0;
    uint64_t prod = 1;
    memset(seen, 0, sizeof seen);
    memset(count, 0, sizeof count);
    for (i = 0; i < 128; i++) letter[i] = hln__ga_du();
    while (*p && p != arrow) {   /* operands */
        const hln_shape *s = hln__ga_in(gs, n, op);
        int32_t k = 0, letters = 0;
        const char *q;
        for (q = p; *q && *q != ',' && q != arrow; q++) letters += (unsigned char)*q < 128 && *q != ' ' && *q != '.';
        while (*p && *p != ',' && p != arrow) {
            int c = (unsigned char)*p;
            if (p[0] == '.' && p[1] == '.' && p[2] == '.') {   /* the dims no letter names */
                hln_shape a, b;
                hln_dim tmp[HLN_MAX_DIMS];
                int32_t m = s ? s->rank - letters : -1;
                if (m < 0) { ga->exact = 0; hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), -1, NULL); return; }
                a.rank = n_ell; a.dims = ell;
                b.rank = m; b.dims = s->dims + k;
                n_ell = hln__ga_broadcast(&a, &b, tmp);
                if (n_ell < 0) return;
                memcpy(ell, tmp, (size_t)n_ell * sizeof *ell);
                k += m;
                p += 3;
                continue;
            }
            if (c != ' ' && c < 128) {
                if (s && k < s->rank && (!seen[c] || (letter[c].value < 0 && s->dims[k].value >= 0))) letter[c] = s->dims[k];
                seen[c] = 1;
                count[c]++;
                k++;
            }
            p++;
        }
        op++;
        if (*p == ',') p++;
    }
    if (arrow) {
        for (p = arrow + 2; *p && r < HLN_MAX_DIMS; p++) {
            int c = (unsigned char)*p;
            if (p[0] == '.' && p[1] == '.' && p[2] == '.') {
                if (r + n_ell > HLN_MAX_DIMS) return;
                memcpy(out + r, ell, (size_t)n_ell * sizeof *out);
                r += n_ell;
                p += 2;
            } else if (c < 128 && seen[c]) out[r++] = letter[c];
        }
    } else {
        memcpy(out, ell, (size_t)n_ell * sizeof *out);
        r = n_ell;
        for (i = 0; i < 128 && r < HLN_MAX_DIMS; i++) if (count[i] == 1) out[r++] = letter[i];
    }
    for (i = 0; i < 128; i++) if (seen[i]) prod = hln__ga_mul(prod, hln__ga_dv(ga, letter[i]));
    for (i = 0; i < n_ell; i++) prod = hln__ga_mul(prod, hln__ga_dv(ga, ell[i]));
    if (op >= 2) { n->macs = prod; n->flops = hln__ga_mul(prod, 2); }
    else n->flops = prod;
    hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 0), r, out);
}

/* Dims equal in both shapes, unknown where they differ; rank -1 when the ranks differ. */
static int32_t hln__ga_merge(const hln_shape *a, const hln_shape *b, hln_dim *out) {
    int32_t i;
    if (!a || !b || a->rank != b->rank || a->rank > HLN_MAX_DIMS) return -1;
    for (i = 0; i < a->rank; i++) out[i] = hln__ga_dsame(a->dims[i], b->dims[i]) ? a->dims[i] : hln__ga_du();
    return a->rank;
}

/* One integer of a constant scalar (or 1-element) input. */
static int hln__ga_incv_int(hln__ga_gs *gs, const hln_node *n, uint32_t k, int64_t *v) {
    int32_t len;
    return hln__ga_incv_ints(gs, n, k, v, 1, &len) && len == 1;
}

/* Output k shaped like input i (same dtype). */
static void hln__ga_out_as_in(hln__ga *ga, hln__ga_gs *gs, const hln_node *n, uint32_t k, uint32_t i) {
    hln__ga_out_like(ga, gs, n, k, hln__ga_indt(gs, n, i), hln__ga_in(gs, n, i));
}

/* The ops after the common families: losses, signal, sequences and optionals, training,
   strings, ai.onnx.ml. Exact where the spec fixes the shape, else unknown dims. */
static void hln__ga_infer_rest(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def) {
    const hln_shape *x = hln__ga_in(gs, n, 0), *y = hln__ga_in(gs, n, 1);
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    hln_dim out[HLN_MAX_DIMS + 1];
    int64_t ints[HLN_MAX_DIMS], v;
    int32_t r = -1, i, len, cnt;
    const int64_t *a;
    uint32_t k;
    switch (def->kind) {
    case HLN__GA_OP_NLL_LOSS: case HLN__GA_OP_SCE_LOSS:   /* reduction "none": per-element loss, else a scalar */
        if (strcmp(hln__ga_attr_s(n, "reduction", "mean"), "none") != 0) r = 0;
        else if (y) { r = y->rank; memcpy(out, y->dims, (size_t)r * sizeof *out); }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if (def->kind == HLN__GA_OP_SCE_LOSS) hln__ga_out_as_in(ga, gs, n, 1, 0);   /* log_prob */
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    case HLN__GA_OP_GRID_SAMPLE:   /* X [N, C, D...], grid [N, D_out..., r]: [N, C, D_out...] */
        if (x && y && x->rank == y->rank && x->rank >= 3) {
            r = x->rank;
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            for (i = 2; i < r; i++) out[i] = y->dims[i - 1];
        }
        break;
    case HLN__GA_OP_ROI_POOL:   /* [num_rois, C, out_h, out_w] */
        if (x && y && x->rank == 4 && y->rank == 2) {
            a = hln__ga_attr_ints(n, "pooled_shape", &cnt);
            out[0] = y->dims[0];
            out[1] = x->dims[1];
            if (strcmp(n->op_type, "RoiAlign") == 0) {
                out[2] = hln__ga_dk(hln__ga_attr_i(n, "output_height", 1));
                out[3] = hln__ga_dk(hln__ga_attr_i(n, "output_width", 1));
                r = 4;
            } else if (a && cnt == 2) { out[2] = hln__ga_dk(a[0]); out[3] = hln__ga_dk(a[1]); r = 4; }
        }
        break;
    case HLN__GA_OP_DET:
        if (x && x->rank >= 2) { r = x->rank - 2; memcpy(out, x->dims, (size_t)r * sizeof *out); }
        break;
    case HLN__GA_OP_DFT:
        if (x && x->rank >= 2) {
            int onesided = hln__ga_attr_i(n, "onesided", 0) != 0, has_len = hln__ga_inval(gs, n, 1) != NULL;
            int64_t axis = -1, dlen = -1;
            /* DFT-17 takes the axis as an attribute (default 1), DFT-20 as input 2 (default -2) */
            if (hln__ga_inval(gs, n, 2)) { if (hln__ga_incv_int(gs, n, 2, &v)) axis = v < 0 ? v + x->rank : v; }
            else if (hln__ga_attr(n, "axis")) { axis = hln__ga_attr_i(n, "axis", 1); if (axis < 0) axis += x->rank; }
            else if (x->rank == 3) axis = 1;
            if (has_len && hln__ga_incv_int(gs, n, 1, &v)) dlen = v;
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            out[r - 1] = hln__ga_dk(2);
            if (axis >= 0 && axis < r - 1) {
                hln_dim d = has_len ? (dlen >= 0 ? hln__ga_dk(dlen) : hln__ga_du()) : x->dims[axis];
                out[axis] = !onesided ? d : d.value >= 0 ? hln__ga_dk(d.value / 2 + 1) : hln__ga_du();
            } else if (onesided || has_len) {
                out[1] = hln__ga_du();
                out[r - 2] = hln__ga_du();
            }
        }
        break;
    case HLN__GA_OP_STFT:   /* signal [batch, length, 1|2]: [batch, frames, bins, 2] */
        if (x && x->rank == 3) {
            const hln_shape *w = hln__ga_in(gs, n, 2);
            int64_t step = -1, fl = -1;
            hln__ga_incv_int(gs, n, 1, &step);
            if (hln__ga_inval(gs, n, 3)) { if (!hln__ga_incv_int(gs, n, 3, &fl)) fl = -1; }
            else if (w && w->rank == 1) fl = w->dims[0].value;
            r = 4;
            out[0] = x->dims[0];
            out[1] = step > 0 && fl > 0 && x->dims[1].value >= fl ? hln__ga_dk((x->dims[1].value - fl) / step + 1) : hln__ga_du();
            out[2] = fl < 0 ? hln__ga_du() : hln__ga_dk(hln__ga_attr_i(n, "onesided", 1) ? fl / 2 + 1 : fl);
            out[3] = hln__ga_dk(2);
        }
        break;
    case HLN__GA_OP_MAX_UNPOOL:
        if (x && x->rank >= 3) {
            int32_t ns, np, sp = x->rank - 2;
            const int64_t *ks = hln__ga_attr_ints(n, "kernel_shape", &cnt), *st = hln__ga_attr_ints(n, "strides", &ns);
            const int64_t *pads = hln__ga_attr_ints(n, "pads", &np);
            r = x->rank;
            if (hln__ga_inval(gs, n, 2)) {   /* output_shape given: only its value says */
                if (hln__ga_incv_ints(gs, n, 2, ints, HLN_MAX_DIMS, &len) && len == r) for (i = 0; i < r; i++) out[i] = hln__ga_dk(ints[i]);
                else for (i = 0; i < r; i++) out[i] = hln__ga_du();
                break;
            }
            if (!ks || cnt != sp) { r = -1; break; }
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            for (i = 0; i < sp; i++) {
                int64_t s = ns == sp ? st[i] : 1, in = x->dims[2 + i].value;
                int64_t o = hln__ga_ssub(hln__ga_ssub(hln__ga_sadd(hln__ga_smul(in - 1, s), ks[i]), np == 2 * sp ? pads[i] : 0),
                                         np == 2 * sp ? pads[sp + i] : 0);
                out[2 + i] = in >= 0 && o >= 0 ? hln__ga_dk(o) : hln__ga_du();
            }
        }
        break;
    case HLN__GA_OP_TFIDF:   /* [C] -> [max(ngram_indexes) + 1], [N, C] -> [N, ...] */
        a = hln__ga_attr_ints(n, "ngram_indexes", &cnt);
        if (x && (x->rank == 1 || x->rank == 2) && a) {
            int64_t mx = -1;
            for (i = 0; i < cnt; i++) if (a[i] > mx) mx = a[i];
            r = x->rank;
            out[0] = x->dims[0];
            out[r - 1] = hln__ga_dk(mx + 1);
        }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_F32, r, out);
        return;
    case HLN__GA_OP_SEQ_LENGTH:
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 0, NULL);
        return;
    case HLN__GA_OP_OPT_HAS:
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_BOOL, 0, NULL);
        return;
    case HLN__GA_OP_SEQ_ELEMENT:   /* a sequence's (optional's) shape is its elements' */
        hln__ga_out_like(ga, gs, n, 0, dt, x);
        return;
    case HLN__GA_OP_SEQ_MAKE: {   /* elements: where every input agrees */
        const hln_shape *acc = x;
        hln_shape tmp;
        for (k = strcmp(n->op_type, "Optional") == 0 ? n->n_inputs : 1; k < n->n_inputs && acc; k++) {
            if (strcmp(n->op_type, "SequenceInsert") == 0 && k == 2) break;   /* the position */
            r = hln__ga_merge(acc, hln__ga_in(gs, n, k), out);
            tmp.rank = r;
            tmp.dims = out;
            acc = r >= 0 ? &tmp : NULL;
        }
        hln__ga_out_like(ga, gs, n, 0, dt, acc);
        return;
    }
    case HLN__GA_OP_SEQ_CONCAT:
        if (x) {
            int64_t axis = hln__ga_attr_i(n, "axis", 0);
            int insert = strcmp(n->op_type, "ConcatFromSequence") == 0 ? hln__ga_attr_i(n, "new_axis", 0) != 0 : 0;
            int split = strcmp(n->op_type, "SplitToSequence") == 0;
            r = x->rank + insert;
            axis = hln__ga_axis(axis, r);
            if (axis < 0 || axis >= r || r > HLN_MAX_DIMS) { r = -1; break; }
            for (i = 0, k = 0; i < r; i++) out[i] = i == axis && insert ? hln__ga_du() : x->dims[k++];
            out[axis] = hln__ga_du();
            if (split && !hln__ga_inval(gs, n, 1)) {   /* no split: chunks of 1 */
                if (hln__ga_attr_i(n, "keepdims", 1)) out[axis] = hln__ga_dk(1);
                else { memmove(out + axis, out + axis + 1, (size_t)(r - axis - 1) * sizeof *out); r--; }
            }
        }
        break;
    case HLN__GA_OP_OPTIMIZER:   /* (R, T, X..., G..., state...): output k is input k + 2 updated */
        for (k = 0; k < n->n_outputs; k++) hln__ga_out_as_in(ga, gs, n, k, k + 2);
        return;
    case HLN__GA_OP_NMS:
        out[0] = hln__ga_du();
        out[1] = hln__ga_dk(3);
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 2, out);
        return;
    case HLN__GA_OP_UNIQUE: {
        hln_dim u = hln__ga_du(), flat = hln__ga_dk(1);
        if (!x) return;
        if (hln__ga_attr(n, "axis")) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis < 0 || axis >= x->rank) return;
            memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
            out[axis] = u;
            hln__ga_out(ga, gs, n, 0, dt, x->rank, out);
            flat = x->dims[axis];
        } else {
            hln__ga_out(ga, gs, n, 0, dt, 1, &u);
            for (i = 0; i < x->rank; i++) flat = hln__ga_dmul(flat, x->dims[i]);
        }
        hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, 1, &u);
        hln__ga_out(ga, gs, n, 2, HLN_DTYPE_I64, 1, &flat);
        hln__ga_out(ga, gs, n, 3, HLN_DTYPE_I64, 1, &u);
        return;
    }
    case HLN__GA_OP_STRING_NORM:   /* [C] or [1, C]: stopwords change C */
        if (x && (x->rank == 1 || x->rank == 2)) { r = x->rank; out[0] = x->dims[0]; out[r - 1] = hln__ga_du(); }
        break;
    case HLN__GA_OP_STRING_SPLIT:
        if (x && x->rank < HLN_MAX_DIMS) {
            memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
            out[x->rank] = hln__ga_du();
            hln__ga_out(ga, gs, n, 0, HLN_DTYPE_STRING, x->rank + 1, out);
            hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, x->rank, x->dims);
        }
        return;
    case HLN__GA_OP_COMPRESS:
        out[0] = hln__ga_du();
        r = 1;
        if (x && hln__ga_attr(n, "axis")) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis < 0 || axis >= x->rank) { r = -1; break; }
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            out[axis] = hln__ga_du();
        }
        break;
    case HLN__GA_OP_WINDOW:
        out[0] = hln__ga_incv_int(gs, n, 0, &v) && v >= 0 ? hln__ga_dk(v) : hln__ga_du();
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "output_datatype", 1)), 1, out);
        return;
    case HLN__GA_OP_MEL: {   /* (num_mel_bins, dft_length, ...): [dft_length / 2 + 1, num_mel_bins] */
        int64_t bins = -1, dl = -1;
        hln__ga_incv_int(gs, n, 0, &bins);
        hln__ga_incv_int(gs, n, 1, &dl);
        out[0] = dl >= 0 ? hln__ga_dk(dl / 2 + 1) : hln__ga_du();
        out[1] = bins >= 0 ? hln__ga_dk(bins) : hln__ga_du();
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "output_datatype", 1)), 2, out);
        return;
    }
    case HLN__GA_OP_AFFINE_GRID:   /* size [N, C, H, W] -> [N, H, W, 2]; [N, C, D, H, W] -> [N, D, H, W, 3] */
        if (hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &len) && (len == 4 || len == 5)) {
            out[0] = hln__ga_dk(ints[0]);
            for (i = 2; i < len; i++) out[i - 1] = hln__ga_dk(ints[i]);
            out[len - 1] = hln__ga_dk(len - 2);
            r = len;
        }
        break;
    case HLN__GA_OP_CROP_PAD:
        if (x && hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &len)) {
            a = hln__ga_attr_ints(n, "axes", &cnt);
            if (!a) cnt = x->rank;
            if (cnt != len) break;
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            for (i = 0; i < len; i++) {
                int64_t ax = a ? hln__ga_axis(a[i], r) : i;
                if (ax >= 0 && ax < r) out[ax] = hln__ga_dk(ints[i]);
            }
        }
        break;
    case HLN__GA_OP_COL2IM: {   /* [N, C * prod(block), L] -> [N, C, image...] */
        int64_t blk[HLN_MAX_DIMS], prod = 1;
        int32_t nb;
        if (x && x->rank == 3 && hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS - 2, &len) &&
            hln__ga_incv_ints(gs, n, 2, blk, HLN_MAX_DIMS, &nb) && nb == len) {
            for (i = 0; i < nb; i++) prod = hln__ga_smul(prod, blk[i]);
            out[0] = x->dims[0];
            out[1] = x->dims[1].value >= 0 && prod > 0 && x->dims[1].value % prod == 0 ? hln__ga_dk(x->dims[1].value / prod) : hln__ga_du();
            for (i = 0; i < len; i++) out[2 + i] = hln__ga_dk(ints[i]);
            r = len + 2;
        }
        break;
    }
    case HLN__GA_OP_DEFORM_CONV: hln__ga_infer_conv(ga, gs, n, def->kind); return;
    case HLN__GA_OP_IMAGE_DECODE:
        out[0] = out[1] = hln__ga_du();
        out[2] = hln__ga_dk(strcmp(hln__ga_attr_s(n, "pixel_format", "RGB"), "Grayscale") == 0 ? 1 : 3);
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_U8, 3, out);
        return;
    case HLN__GA_OP_MULTINOMIAL:
        if (x && x->rank == 2) { out[0] = x->dims[0]; out[1] = hln__ga_dk(hln__ga_attr_i(n, "sample_size", 1)); r = 2; }
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "dtype", 6)), r, out);
        return;
    case HLN__GA_OP_RANDOM:
        a = hln__ga_attr_ints(n, "shape", &cnt);
        if (a && cnt <= HLN_MAX_DIMS) { for (i = 0; i < cnt; i++) out[i] = a[i] >= 0 ? hln__ga_dk(a[i]) : hln__ga_du(); r = cnt; }
        hln__ga_out(ga, gs, n, 0, hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "dtype", 1)), r, out);
        return;
    case HLN__GA_OP_LIKE_BOOL:
        hln__ga_out_like(ga, gs, n, 0, HLN_DTYPE_BOOL, x);
        return;
    case HLN__GA_OP_LIKE_STRING:
        r = hln__ga_broadcast(x, y, out);
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_STRING, r, out);
        return;
    case HLN__GA_OP_ML_SAME: {
        hln_dtype o = dt;
        if (strcmp(n->op_type, "Normalizer") == 0 || strcmp(n->op_type, "Scaler") == 0) o = HLN_DTYPE_F32;
        else if (strcmp(n->op_type, "CategoryMapper") == 0) o = dt == HLN_DTYPE_STRING ? HLN_DTYPE_I64 : HLN_DTYPE_STRING;
        else if (strcmp(n->op_type, "LabelEncoder") == 0)
            o = hln__ga_attr(n, "values_strings") ? HLN_DTYPE_STRING : hln__ga_attr(n, "values_int64s") ? HLN_DTYPE_I64
              : hln__ga_attr(n, "values_floats") ? HLN_DTYPE_F32 : HLN_DTYPE_UNKNOWN;
        hln__ga_out_like(ga, gs, n, 0, o, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    }
    case HLN__GA_OP_ML_ROWS: {   /* [N, C] -> [N, targets] */
        int64_t t = strcmp(n->op_type, "LinearRegressor") == 0 ? hln__ga_attr_i(n, "targets", 1)
                  : strcmp(n->op_type, "SVMRegressor") == 0 ? -1 : hln__ga_attr_i(n, "n_targets", -1);
        if (x && x->rank == 2) { out[0] = x->dims[0]; out[1] = t >= 0 ? hln__ga_dk(t) : hln__ga_du(); r = 2; }
        hln__ga_out(ga, gs, n, 0, strcmp(n->op_type, "TreeEnsemble") == 0 ? dt : HLN_DTYPE_F32, r, out);
        return;
    }
    case HLN__GA_OP_ML_CLASSIFY:   /* labels [N], scores [N, classes] */
        if (x && x->rank == 2) {
            out[0] = x->dims[0];
            out[1] = hln__ga_du();
            hln__ga_out(ga, gs, n, 0, hln__ga_attr(n, "classlabels_strings") ? HLN_DTYPE_STRING : HLN_DTYPE_I64, 1, out);
            hln__ga_out(ga, gs, n, 1, HLN_DTYPE_F32, 2, out);
        }
        return;
    case HLN__GA_OP_ML_ONEHOT:
        a = hln__ga_attr_ints(n, "cats_int64s", &cnt);
        if (!a) { const hln_attr *sa = hln__ga_attr(n, "cats_strings"); cnt = sa && sa->type == HLN_ATTR_STRINGS ? (int32_t)sa->count : -1; }
        if (x && cnt >= 0 && x->rank < HLN_MAX_DIMS) {
            r = x->rank + 1;
            memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
            out[x->rank] = hln__ga_dk(cnt);
        }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_F32, r, out);
        return;
    case HLN__GA_OP_ML_FEATURES: {   /* [N, sum(inputdimensions)] */
        int64_t sum = 0;
        a = hln__ga_attr_ints(n, "inputdimensions", &cnt);
        if (x && x->rank == 2 && a) {
            for (i = 0; i < cnt; i++) sum = hln__ga_sadd(sum, a[i]);
            out[0] = x->dims[0];
            out[1] = sum >= 0 ? hln__ga_dk(sum) : hln__ga_du();
            r = 2;
        }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_F32, r, out);
        return;
    }
    case HLN__GA_OP_ML_EXTRACT:   /* X [..., C], indices Y: [..., numel(Y)] (rank 1 X: unknown) */
        if (x && y && x->rank >= 2) {
            hln_dim e = hln__ga_dk(1);
            for (i = 0; i < y->rank; i++) e = hln__ga_dmul(e, y->dims[i]);
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            out[r - 1] = e;
        }
        break;
    default:
        return;   /* HLN__GA_OP_UNKNOWN and ops outside the table: outputs keep their declared shapes */
    }
    hln__ga_out(ga, gs, n, 0, dt, r, out);
    if (def->flops && r >= 0) {   /* per output element */
        hln_shape os;
        os.rank = r;
        os.dims = out;
        n->flops = hln__ga_mul(hln__ga_elems(ga, &os), def->flops);
    }
}

/* Constant folding of integer values (shape arithmetic): the elementwise ops on int64
   values, with ONNX's integer semantics; 0 when the op or the operands do not fold exactly. */
static int hln__ga_fold_unary(const char *op, const hln__ga_cv *in, int32_t len, hln__ga_cv *out) {
    int32_t i;
    int kind = strcmp(op, "Neg") == 0 ? 1 : strcmp(op, "Abs") == 0 ? 2 : strcmp(op, "Sign") == 0 ? 3 : strcmp(op, "Relu") == 0 ? 4
             : strcmp(op, "Not") == 0 ? 5 : strcmp(op, "BitwiseNot") == 0 ? 6
             : (strcmp(op, "Identity") == 0 || strcmp(op, "Floor") == 0 || strcmp(op, "Ceil") == 0 || strcmp(op, "Round") == 0) ? 7 : 0;
    if (!kind) return 0;
    for (i = 0; i < len; i++) {
        int64_t v = in[i].v;
        out[i] = in[i];
        if (kind == 7) continue;   /* integers: unchanged, symbols too */
        out[i].sym = NULL;
        if (!in[i].known) continue;
        out[i].v = kind == 1 ? hln__ga_ssub(0, v) : kind == 2 ? (v < 0 ? hln__ga_ssub(0, v) : v) : kind == 3 ? (v > 0) - (v < 0)
                 : kind == 4 ? (v > 0 ? v : 0) : kind == 5 ? !v : (int64_t)~(uint64_t)v;
    }
    return 1;
}
static int hln__ga_fold_binary(const hln_node *n, int64_t a, int64_t b, int64_t *r) {
    const char *op = n->op_type;
    if (strcmp(op, "Add") == 0) *r = hln__ga_sadd(a, b);
    else if (strcmp(op, "Sub") == 0) *r = hln__ga_ssub(a, b);
    else if (strcmp(op, "Mul") == 0) *r = hln__ga_smul(a, b);
    else if (strcmp(op, "Div") == 0 || strcmp(op, "Mod") == 0) {
        if (b == 0 || (b == -1 && a == INT64_MIN)) return 0;
        if (op[0] == 'D') *r = a / b;   /* truncation, as the reference and runtimes do for integers */
        else {
            *r = a % b;   /* Mod: fmod = 0 takes the divisor's sign, fmod = 1 the dividend's (C's %) */
            if (!hln__ga_attr_i(n, "fmod", 0) && *r != 0 && ((*r < 0) != (b < 0))) *r += b;
        }
    } else if (strcmp(op, "Max") == 0) *r = a > b ? a : b;
    else if (strcmp(op, "Min") == 0) *r = a < b ? a : b;
    else if (strcmp(op, "Pow") == 0) {
        int64_t p = 1, e;
        if (b < 0 || b > 64) return 0;
        for (e = 0; e < b; e++) p = hln__ga_smul(p, a);
        *r = p;
    } else if (strcmp(op, "BitwiseAnd") == 0) *r = a & b;
    else if (strcmp(op, "BitwiseOr") == 0) *r = a | b;
    else if (strcmp(op, "BitwiseXor") == 0) *r = a ^ b;
    else if (strcmp(op, "Equal") == 0) *r = a == b;
    else if (strcmp(op, "Less") == 0) *r = a < b;
    else if (strcmp(op, "Greater") == 0) *r = a > b;
    else if (strcmp(op, "LessOrEqual") == 0) *r = a <= b;
    else if (strcmp(op, "GreaterOrEqual") == 0) *r = a >= b;
    else if (strcmp(op, "And") == 0) *r = a && b;
    else if (strcmp(op, "Or") == 0) *r = a || b;
    else if (strcmp(op, "Xor") == 0) *r = !a != !b;
    else return 0;
    return 1;
}

/* Axes from an INTS attribute or a constant input; count -1 when neither is known. */
static int32_t hln__ga_axes(hln__ga_gs *gs, const hln_node *n, const char *attr, uint32_t input, int64_t *axes) {
    int32_t cnt;
    const int64_t *a = hln__ga_attr_ints(n, attr, &cnt);
    if (a && cnt <= HLN_MAX_DIMS) { memcpy(axes, a, (size_t)cnt * sizeof *axes); return cnt; }
    if (hln__ga_inval(gs, n, input)) {
        if (hln__ga_incv_ints(gs, n, input, axes, HLN_MAX_DIMS, &cnt)) return cnt;
        return -2;   /* given but not known */
    }
    return -1;
}

static void hln__ga_infer_generic(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def) {
    const hln_shape *x = hln__ga_in(gs, n, 0);
    hln_dtype dt = hln__ga_indt(gs, n, 0);
    hln_dim out[HLN_MAX_DIMS];
    hln__ga_cv cv[HLN__GA_CV_MAX];
    int32_t r = -1, i, j, len;
    int64_t ints[HLN_MAX_DIMS > HLN__GA_CV_MAX ? HLN_MAX_DIMS : HLN__GA_CV_MAX];
    const hln__ga_cv *c0;
    int32_t n0;
    int32_t o0 = n->n_outputs ? n->outputs[0] : -1;
    uint32_t k;
    out[0] = hln__ga_du();
    switch (def->kind) {
    case HLN__GA_OP_UNARY: case HLN__GA_OP_IDENTITY: case HLN__GA_OP_BOOL_UNARY: case HLN__GA_OP_SOFTMAX: case HLN__GA_OP_NORM:
    case HLN__GA_OP_BATCHNORM:
        hln__ga_out_like(ga, gs, n, 0, def->kind == HLN__GA_OP_BOOL_UNARY ? HLN_DTYPE_BOOL : dt, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        if (def->kind == HLN__GA_OP_BATCHNORM)   /* training mode: running (and saved) mean and var, [C] */
            for (k = 1; k < n->n_outputs; k++) hln__ga_out_as_in(ga, gs, n, k, 3 + (k - 1) % 2);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && hln__ga_fold_unary(n->op_type, c0, n0, cv)) hln__ga_setcv(ga, gs, o0, cv, n0);
        return;
    case HLN__GA_OP_DROPOUT:
        hln__ga_out_like(ga, gs, n, 0, dt, x);
        hln__ga_out_like(ga, gs, n, 1, HLN_DTYPE_BOOL, x);
        return;
    case HLN__GA_OP_LAYERNORM: {
        int64_t axis = hln__ga_attr_i(n, "axis", -1);
        hln__ga_out_like(ga, gs, n, 0, dt, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        if (x && n->n_outputs > 1) {
            axis = hln__ga_axis(axis, x->rank);
            for (i = 0; i < x->rank; i++) out[i] = i < axis ? x->dims[i] : hln__ga_dk(1);
            hln__ga_out(ga, gs, n, 1, HLN_DTYPE_F32, x->rank, out);
            hln__ga_out(ga, gs, n, 2, HLN_DTYPE_F32, x->rank, out);
        }
        return;
    }
    case HLN__GA_OP_BINARY: case HLN__GA_OP_COMPARE: case HLN__GA_OP_VARIADIC: case HLN__GA_OP_WHERE: {
        const hln_shape *acc = x;
        hln_shape tmp;
        hln_dim buf[HLN_MAX_DIMS];
        uint32_t k, first = def->kind == HLN__GA_OP_WHERE ? 0 : 0;
        hln_dtype odt = def->kind == HLN__GA_OP_COMPARE ? HLN_DTYPE_BOOL : def->kind == HLN__GA_OP_WHERE ? hln__ga_indt(gs, n, 1) : dt;
        for (k = first + 1; k < n->n_inputs && acc; k++) {
            r = hln__ga_broadcast(acc, hln__ga_in(gs, n, k), buf);
            if (r < 0) { acc = NULL; break; }
            memcpy(out, buf, (size_t)r * sizeof *out);
            tmp.rank = r;
            tmp.dims = out;
            acc = &tmp;
        }
        hln__ga_out_like(ga, gs, n, 0, odt, acc);
        n->flops = hln__ga_mul(hln__ga_elems(ga, acc), (uint64_t)def->flops * (n->n_inputs > 2 && def->kind == HLN__GA_OP_VARIADIC ? n->n_inputs - 1 : 1));
        /* shape arithmetic on small integer constants (two operands; hln__ga_fold_binary) */
        if ((def->kind == HLN__GA_OP_BINARY || def->kind == HLN__GA_OP_COMPARE || def->kind == HLN__GA_OP_VARIADIC) && n->n_inputs == 2) {
            const hln__ga_cv *a = hln__ga_incv(gs, n, 0, &n0), *b;
            int32_t n1;
            b = hln__ga_incv(gs, n, 1, &n1);
            if (a && b && (n0 == n1 || n0 == 1 || n1 == 1)) {
                const char *op = n->op_type;
                len = n0 > n1 ? n0 : n1;
                for (i = 0; i < len; i++) {
                    hln__ga_cv x0 = a[n0 == 1 ? 0 : i], x1 = b[n1 == 1 ? 0 : i];
                    cv[i].known = x0.known && x1.known;
                    cv[i].sym = NULL;
                    cv[i].v = 0;
                    if (cv[i].known) cv[i].known = hln__ga_fold_binary(n, x0.v, x1.v, &cv[i].v);
                    else if (x1.known && ((x1.v == 0 && (strcmp(op, "Add") == 0 || strcmp(op, "Sub") == 0)) ||
                                            (x1.v == 1 && (strcmp(op, "Mul") == 0 || strcmp(op, "Div") == 0)))) {
                        cv[i] = x0;
                    } else if (x0.known && ((x0.v == 0 && strcmp(op, "Add") == 0) || (x0.v == 1 && strcmp(op, "Mul") == 0))) {
                        cv[i] = x1;
                    }
                }
                hln__ga_setcv(ga, gs, o0, cv, len);
            }
        }
        return;
    }
    case HLN__GA_OP_MATMUL: case HLN__GA_OP_MATMUL_INT: case HLN__GA_OP_QLINEAR_MATMUL: hln__ga_infer_matmul(ga, gs, n, def->kind); return;
    case HLN__GA_OP_GEMM: hln__ga_infer_gemm(ga, gs, n); return;
    case HLN__GA_OP_CONV: case HLN__GA_OP_CONV_INT: case HLN__GA_OP_QLINEAR_CONV: hln__ga_infer_conv(ga, gs, n, def->kind); return;
    case HLN__GA_OP_CONVT: hln__ga_infer_convt(ga, gs, n); return;
    case HLN__GA_OP_POOL: hln__ga_infer_pool(ga, gs, n, def); return;
    case HLN__GA_OP_GPOOL:
        if (x && x->rank >= 2) {
            for (i = 0; i < x->rank; i++) out[i] = i < 2 ? x->dims[i] : hln__ga_dk(1);
            r = x->rank;
        }
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_RESIZE: case HLN__GA_OP_UPSAMPLE: hln__ga_infer_resize(ga, gs, n, def->kind == HLN__GA_OP_UPSAMPLE); return;
    case HLN__GA_OP_LSTM: case HLN__GA_OP_GRU: case HLN__GA_OP_RNN: hln__ga_infer_rnn(ga, gs, n, def->kind); return;
    case HLN__GA_OP_EINSUM: hln__ga_infer_einsum(ga, gs, n); return;
    case HLN__GA_OP_RESHAPE: {
        const hln__ga_cv *s = hln__ga_incv(gs, n, 1, &len);
        const hln_shape *ss = hln__ga_in(gs, n, 1);
        int allowzero = hln__ga_attr_i(n, "allowzero", 0) != 0;
        int32_t infer = -1;
        if (s && len <= HLN_MAX_DIMS) {
            r = len;
            for (i = 0; i < len; i++) {
                if (s[i].known && s[i].v == 0 && !allowzero) out[i] = x && i < x->rank ? x->dims[i] : hln__ga_du();
                else if (s[i].known && s[i].v == -1) { out[i] = hln__ga_du(); infer = i; }
                else out[i] = hln__ga_dim_of(s[i]);
            }
            if (infer >= 0 && x) out[infer] = hln__ga_reshape_infer(x, out, r, infer);
        } else if (ss && ss->rank == 1 && ss->dims[0].value >= 0 && ss->dims[0].value <= HLN_MAX_DIMS) {
            r = (int32_t)ss->dims[0].value;
            for (i = 0; i < r; i++) out[i] = hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL) hln__ga_setcv(ga, gs, o0, c0, n0);
        return;
    }
    case HLN__GA_OP_FLATTEN:
        if (x) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 1), x->rank);
            out[0] = hln__ga_dk(1);
            out[1] = hln__ga_dk(1);
            for (i = 0; i < x->rank; i++) out[i < axis ? 0 : 1] = hln__ga_dmul(out[i < axis ? 0 : 1], x->dims[i]);
            r = 2;
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_TRANSPOSE:
        if (x) {
            int32_t np;
            const int64_t *perm = hln__ga_attr_ints(n, "perm", &np);
            r = x->rank;
            for (i = 0; i < r; i++) {
                int64_t pi = np == r ? perm[i] : r - 1 - i;
                out[i] = pi >= 0 && pi < r ? x->dims[pi] : hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_SQUEEZE: case HLN__GA_OP_UNSQUEEZE: {
        int32_t na = hln__ga_axes(gs, n, "axes", 1, ints);
        if (x && def->kind == HLN__GA_OP_SQUEEZE) {
            uint8_t drop[HLN_MAX_DIMS];
            memset(drop, 0, sizeof drop);
            if (na >= 0) { for (i = 0; i < na; i++) { int64_t a = hln__ga_axis(ints[i], x->rank); if (a >= 0 && a < x->rank) drop[a] = 1; } }
            else if (na == -1) {   /* no axes: every 1 goes, so an unknown dim leaves the rank unknown */
                for (i = 0; i < x->rank; i++) { drop[i] = x->dims[i].value == 1; if (x->dims[i].value < 0) na = -2; }
            }
            if (na != -2) {
                r = 0;
                for (i = 0; i < x->rank; i++) if (!drop[i]) out[r++] = x->dims[i];
            }
        } else if (x && na >= 0 && x->rank + na <= HLN_MAX_DIMS) {
            uint8_t ins[HLN_MAX_DIMS];
            r = x->rank + na;
            memset(ins, 0, sizeof ins);
            for (i = 0; i < na; i++) { int64_t a = hln__ga_axis(ints[i], r); if (a >= 0 && a < r) ins[a] = 1; }
            for (i = 0, j = 0; i < r; i++) out[i] = ins[i] ? hln__ga_dk(1) : (j < x->rank ? x->dims[j++] : hln__ga_du());
        }
        if (x && na == -2) {   /* runtime axes of known length: the rank only */
            const hln_shape *as = hln__ga_in(gs, n, 1);
            int64_t k = as && as->rank == 1 ? as->dims[0].value : -1;
            int64_t rank = def->kind == HLN__GA_OP_SQUEEZE ? x->rank - k : x->rank + k;
            r = k >= 0 && rank >= 0 && rank <= HLN_MAX_DIMS ? (int32_t)rank : -1;
            for (i = 0; i < r; i++) out[i] = hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL) hln__ga_setcv(ga, gs, o0, c0, n0);
        return;
    }
    case HLN__GA_OP_SLICE: {
        int64_t starts[HLN_MAX_DIMS], ends[HLN_MAX_DIMS], axes[HLN_MAX_DIMS], steps[HLN_MAX_DIMS];
        int32_t ns = -1, ne = -1, nx = -1, nt = -1, k;
        const int64_t *a;
        int known = 1;
        if ((a = hln__ga_attr_ints(n, "starts", &ns)) != NULL && ns <= HLN_MAX_DIMS) {   /* opset < 10 */
            memcpy(starts, a, (size_t)ns * sizeof *a);
            a = hln__ga_attr_ints(n, "ends", &ne);
            if (a && ne <= HLN_MAX_DIMS) memcpy(ends, a, (size_t)ne * sizeof *a); else known = 0;
            a = hln__ga_attr_ints(n, "axes", &nx);
            if (a && nx <= HLN_MAX_DIMS) memcpy(axes, a, (size_t)nx * sizeof *a);
        } else {
            known = hln__ga_incv_ints(gs, n, 1, starts, HLN_MAX_DIMS, &ns) && hln__ga_incv_ints(gs, n, 2, ends, HLN_MAX_DIMS, &ne);
            if (hln__ga_inval(gs, n, 3) && !hln__ga_incv_ints(gs, n, 3, axes, HLN_MAX_DIMS, &nx)) known = 0;
            if (hln__ga_inval(gs, n, 4) && !hln__ga_incv_ints(gs, n, 4, steps, HLN_MAX_DIMS, &nt)) known = 0;
        }
        if (known && ns != ne) known = 0;
        if (nx < 0) { nx = ns; for (k = 0; k < ns; k++) axes[k] = k; }
        if (nt < 0) { nt = ns; for (k = 0; k < ns; k++) steps[k] = 1; }
        if (known && (nx != ns || nt != ns)) known = 0;
        if (x) {
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            for (k = 0; k < ns && known; k++) {
                int64_t ax = hln__ga_axis(axes[k], r);
                if (ax < 0 || ax >= r) continue;
                if (x->dims[ax].value >= 0) {
                    int64_t l = hln__ga_slice_len(x->dims[ax].value, starts[k], ends[k], steps[k]);
                    out[ax] = l >= 0 ? hln__ga_dk(l) : hln__ga_du();
                } else if (!(starts[k] == 0 && ends[k] >= INT32_MAX && steps[k] == 1)) {
                    out[ax] = hln__ga_du();
                }
            }
            if (!known) for (k = 0; k < r; k++) out[k] = hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if (known && ns == 1 && (c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && hln__ga_axis(axes[0], 1) == 0) {
            int64_t s = starts[0], e = ends[0], st = steps[0], l = hln__ga_slice_len(n0, s, e, st), m = 0;
            if (s < 0) s += n0;
            if (st > 0) { if (s < 0) s = 0; } else if (s > n0 - 1) s = n0 - 1;
            for (m = 0; m < l && m < HLN__GA_CV_MAX; m++) cv[m] = c0[s + m * st];
            if (l >= 0 && l <= HLN__GA_CV_MAX) hln__ga_setcv(ga, gs, o0, cv, (int32_t)l);
        }
        return;
    }
    case HLN__GA_OP_GATHER: {
        const hln_shape *idx = hln__ga_in(gs, n, 1);
        if (x && idx) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis >= 0 && axis < x->rank && x->rank - 1 + idx->rank <= HLN_MAX_DIMS) {
                r = 0;
                for (i = 0; i < axis; i++) out[r++] = x->dims[i];
                for (i = 0; i < idx->rank; i++) out[r++] = idx->dims[i];
                for (i = (int32_t)axis + 1; i < x->rank; i++) out[r++] = x->dims[i];
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && x && x->rank == 1 && hln__ga_incv_ints(gs, n, 1, ints, HLN__GA_CV_MAX, &len)) {
            for (i = 0; i < len; i++) {
                int64_t k = ints[i] < 0 ? ints[i] + n0 : ints[i];
                if (k < 0 || k >= n0) break;
                cv[i] = c0[k];
            }
            if (i == len) hln__ga_setcv(ga, gs, o0, cv, len);
        }
        return;
    }
    case HLN__GA_OP_GATHER_ELEMENTS:
        hln__ga_out_like(ga, gs, n, 0, dt, hln__ga_in(gs, n, 1));
        return;
    case HLN__GA_OP_GATHER_ND: {
        const hln_shape *idx = hln__ga_in(gs, n, 1);
        int64_t bd = hln__ga_attr_i(n, "batch_dims", 0);
        if (x && idx && idx->rank >= 1 && idx->dims[idx->rank - 1].value >= 0 && bd >= 0 && bd <= x->rank &&
            idx->dims[idx->rank - 1].value <= x->rank) {
            int64_t k = idx->dims[idx->rank - 1].value;
            if (idx->rank - 1 + x->rank - bd - k <= HLN_MAX_DIMS && bd + k <= x->rank) {
                r = 0;
                for (i = 0; i < idx->rank - 1; i++) out[r++] = idx->dims[i];
                for (i = (int32_t)(bd + k); i < x->rank; i++) out[r++] = x->dims[i];
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    }
    case HLN__GA_OP_CONCAT: {
        uint32_t k;
        int all_cv = 1;
        int32_t total = 0;
        if (x) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            if (axis >= 0 && axis < r) {
                hln_dim sum = hln__ga_dk(0);
                for (k = 0; k < n->n_inputs; k++) {
                    const hln_shape *s = hln__ga_in(gs, n, k);
                    if (!s || s->rank != r) { if (hln__ga_inval(gs, n, k)) sum = hln__ga_du(); continue; }
                    if (sum.value >= 0 && s->dims[axis].value >= 0) sum.value = hln__ga_sadd(sum.value, s->dims[axis].value);
                    else if (sum.value == 0 && s->dims[axis].param) sum = s->dims[axis];
                    else if (!(s->dims[axis].value == 0)) sum = hln__ga_du();
                    for (i = 0; i < r; i++) if (i != axis && out[i].value < 0 && s->dims[i].value >= 0) out[i] = s->dims[i];
                }
                out[axis] = sum;
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        for (k = 0; k < n->n_inputs && all_cv; k++) {
            const hln__ga_cv *c = hln__ga_incv(gs, n, k, &len);
            if (!c || total + len > HLN__GA_CV_MAX) { all_cv = 0; break; }
            memcpy(cv + total, c, (size_t)len * sizeof *cv);
            total += len;
        }
        if (all_cv && n->n_inputs) hln__ga_setcv(ga, gs, o0, cv, total);
        return;
    }
    case HLN__GA_OP_SPLIT: {
        int32_t nsplit;
        const int64_t *sp = hln__ga_attr_ints(n, "split", &nsplit);
        int runtime = 0;   /* Split-13+: sizes from input 1, unknown unless it is constant */
        if (!sp && hln__ga_inval(gs, n, 1)) {
            if (hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &nsplit)) sp = ints; else runtime = 1;
        }
        if (!x) return;
        {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", 0), x->rank);
            if (axis < 0 || axis >= x->rank) return;
            for (k = 0; k < n->n_outputs; k++) {
                memcpy(out, x->dims, (size_t)x->rank * sizeof *out);
                if (n->n_outputs == 1) out[axis] = x->dims[axis];   /* one part: the whole axis */
                else if (sp) out[axis] = nsplit == (int32_t)n->n_outputs ? hln__ga_dk(sp[k]) : hln__ga_du();
                else if (!runtime && x->dims[axis].value >= 0 && n->n_outputs) {
                    /* equal parts; Split-18 num_outputs: ceil(d / n) each, the last one the rest */
                    int64_t d = x->dims[axis].value, each = (d + n->n_outputs - 1) / n->n_outputs;
                    int64_t rest = d - each * (int64_t)k;
                    out[axis] = hln__ga_dk(rest < each ? (rest > 0 ? rest : 0) : each);
                } else out[axis] = hln__ga_du();
                hln__ga_out(ga, gs, n, k, dt, x->rank, out);
            }
        }
        return;
    }
    case HLN__GA_OP_EXPAND: {
        const hln__ga_cv *s = hln__ga_incv(gs, n, 1, &len);
        const hln_shape *ss = hln__ga_in(gs, n, 1);
        hln_shape t;
        hln_dim td[HLN_MAX_DIMS];
        if (!s && ss && ss->rank == 1 && ss->dims[0].value >= 0 && ss->dims[0].value <= HLN_MAX_DIMS) {
            /* shape values unknown, its length known: each target dim is unknown, except that it
               cannot change a known input dim other than 1 (broadcasting keeps it), and the dims
               it does not reach are the input's */
            len = (int32_t)ss->dims[0].value;
            for (i = 0; i < len; i++) td[i] = hln__ga_dk(1);
            t.rank = len;
            t.dims = td;
            r = hln__ga_broadcast(x, &t, out);
            for (i = r - len; i < r; i++) if (out[i].value == 1 || out[i].value < 0) out[i] = hln__ga_du();
        } else if (s && len <= HLN_MAX_DIMS) {
            for (i = 0; i < len; i++) td[i] = hln__ga_dim_of(s[i]);
            t.rank = len;
            t.dims = td;
            r = hln__ga_broadcast(x, &t, out);
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    }
    case HLN__GA_OP_TILE:
        if (x && hln__ga_incv_ints(gs, n, 1, ints, HLN_MAX_DIMS, &len) && len == x->rank) {
            r = x->rank;
            for (i = 0; i < r; i++) out[i] = hln__ga_dmul(x->dims[i], hln__ga_dk(ints[i]));
        } else if (x && hln__ga_inval(gs, n, 1)) {   /* repeats unknown: the rank stays */
            r = x->rank;
            for (i = 0; i < r; i++) out[i] = x->dims[i].value == 0 ? x->dims[i] : hln__ga_du();
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_PAD:
        if (x) {
            int32_t np, nax = -1;
            const int64_t *pads = hln__ga_attr_ints(n, "pads", &np);
            int64_t pv[2 * HLN_MAX_DIMS], axes[HLN_MAX_DIMS];
            if (!pads && hln__ga_incv_ints(gs, n, 1, pv, 2 * HLN_MAX_DIMS, &np)) pads = pv;
            if (hln__ga_inval(gs, n, 3) && !hln__ga_incv_ints(gs, n, 3, axes, HLN_MAX_DIMS, &nax)) pads = NULL;
            if (nax < 0) { nax = x->rank; for (i = 0; i < nax; i++) axes[i] = i; }
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            if (pads && np == 2 * nax) {
                for (i = 0; i < nax; i++) {
                    int64_t a = hln__ga_axis(axes[i], r);
                    if (a < 0 || a >= r) continue;
                    out[a] = out[a].value >= 0 ? hln__ga_dk(hln__ga_sadd(hln__ga_sadd(out[a].value, pads[i]), pads[nax + i]))
                                               : (pads[i] == 0 && pads[nax + i] == 0 ? out[a] : hln__ga_du());
                }
            } else {
                for (i = 0; i < r; i++) out[i] = hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_SHAPE: {
        hln_value *xv = hln__ga_inval(gs, n, 0);
        if (x) {
            int64_t s = hln__ga_attr_i(n, "start", 0), e = hln__ga_attr_i(n, "end", x->rank);
            if (s < 0) s += x->rank;
            if (e < 0) e += x->rank;
            if (s < 0) s = 0;
            if (e > x->rank) e = x->rank;
            len = e > s ? (int32_t)(e - s) : 0;
            out[0] = hln__ga_dk(len);
            for (i = 0; i < len; i++) cv[i] = hln__ga_cv_of(x->dims[s + i]);
            hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 1, out);
            hln__ga_setcv(ga, gs, o0, cv, len);
        } else {
            out[0] = hln__ga_du();
            hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, xv ? 1 : -1, out);
        }
        return;
    }
    case HLN__GA_OP_SIZE:
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, 0, out);
        if (x) {
            hln_dim d = hln__ga_dk(1);
            for (i = 0; i < x->rank; i++) d = hln__ga_dmul(d, x->dims[i]);
            cv[0] = hln__ga_cv_of(d);
            hln__ga_setcv(ga, gs, o0, cv, 1);
        }
        return;
    case HLN__GA_OP_CONSTANT:
        return;   /* the output value holds the tensor: shape and value set up front */
    case HLN__GA_OP_CONSTANT_OF_SHAPE: {
        const hln_attr *va = hln__ga_attr(n, "value");
        hln_dtype vdt = HLN_DTYPE_F32;
        const hln_tensor *vt = NULL;
        if (va && va->tensors && va->count && (uint32_t)va->tensors[0] < ga->m->n_tensors) {
            vt = &ga->m->tensors[va->tensors[0]];
            vdt = vt->dtype;
        }
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && n0 <= HLN_MAX_DIMS) {
            uint64_t total = 1;
            int all = 1;
            r = n0;
            for (i = 0; i < n0; i++) {
                out[i] = hln__ga_dim_of(c0[i]);
                if (out[i].value < 0) all = 0; else total = hln__ga_mul(total, (uint64_t)out[i].value);
            }
            if (all && total <= HLN__GA_CV_MAX) {
                int64_t fill = 0;
                if (!vt || hln__ga_tensor_i64(vt, 0, &fill)) {
                    for (i = 0; i < (int32_t)total; i++) { cv[i].known = 1; cv[i].v = fill; cv[i].sym = NULL; }
                    hln__ga_setcv(ga, gs, o0, cv, (int32_t)total);
                }
            }
        } else {
            const hln_shape *s = hln__ga_in(gs, n, 0);
            if (s && s->rank == 1 && s->dims[0].value >= 0 && s->dims[0].value <= HLN_MAX_DIMS) {
                r = (int32_t)s->dims[0].value;
                for (i = 0; i < r; i++) out[i] = hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, vdt, r, out);
        return;
    }
    case HLN__GA_OP_RANGE: {
        double f[3], fl[1];
        const hln__ga_cv *c[3];
        int32_t nl[3];
        for (i = 0; i < 3; i++) c[i] = hln__ga_incv(gs, n, (uint32_t)i, &nl[i]);
        out[0] = hln__ga_du();
        if (c[0] && c[1] && c[2] && nl[0] == 1 && nl[1] == 1 && nl[2] == 1 && c[0][0].known && c[1][0].known && c[2][0].known && c[2][0].v != 0) {
            int64_t l = hln__ga_ceil_div(hln__ga_ssub(c[1][0].v, c[0][0].v), c[2][0].v);
            if (l < 0) l = 0;
            out[0] = hln__ga_dk(l);
            if (l <= HLN__GA_CV_MAX) {
                for (i = 0; i < l; i++) { cv[i].known = 1; cv[i].v = hln__ga_sadd(c[0][0].v, hln__ga_smul(i, c[2][0].v)); cv[i].sym = NULL; }
                hln__ga_setcv(ga, gs, o0, cv, (int32_t)l);
            }
        } else if (c[0] && c[1] && c[2] && nl[0] == 1 && nl[1] == 1 && nl[2] == 1 && c[0][0].known && c[0][0].v == 0 &&
                   c[2][0].known && c[2][0].v == 1 && !c[1][0].known) {
            out[0] = hln__ga_dim_of(c[1][0]);
        } else {
            int ok = 1;
            for (i = 0; i < 3 && ok; i++) ok = hln__ga_intensor_f64(ga, gs, n, (uint32_t)i, fl, 1, &len) && len == 1 && ((f[i] = fl[0]), 1);
            if (ok && f[2] != 0.0) {
                double l = (f[1] - f[0]) / f[2];
                int64_t li;
                if (hln__ga_to_i64(l, &li)) {
                    if ((double)li < l) li++;
                    out[0] = hln__ga_dk(li > 0 ? li : 0);
                }
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, 1, out);
        return;
    }
    case HLN__GA_OP_CAST: case HLN__GA_OP_CAST_LIKE: {
        hln_dtype to = def->kind == HLN__GA_OP_CAST_LIKE ? hln__ga_indt(gs, n, 1)
                                                      : hln_dtype_from_onnx((int32_t)hln__ga_attr_i(n, "to", 0));
        hln__ga_out_like(ga, gs, n, 0, to, x);
        n->flops = hln__ga_elems(ga, x);
        if ((c0 = hln__ga_incv(gs, n, 0, &n0)) != NULL && hln_dtype_get(to)->kind == HLN_KIND_INT) hln__ga_setcv(ga, gs, o0, c0, n0);
        return;
    }
    case HLN__GA_OP_REDUCE: case HLN__GA_OP_ARG: {
        int keep = hln__ga_attr_i(n, "keepdims", 1) != 0;
        int32_t na;
        uint8_t red[HLN_MAX_DIMS];
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        if (!x) { hln__ga_out(ga, gs, n, 0, def->kind == HLN__GA_OP_ARG ? HLN_DTYPE_I64 : dt, -1, NULL); return; }
        memset(red, 0, sizeof red);
        if (def->kind == HLN__GA_OP_ARG) { ints[0] = hln__ga_attr_i(n, "axis", 0); na = 1; }
        else na = hln__ga_axes(gs, n, "axes", 1, ints);
        if (na == -2) { hln__ga_out(ga, gs, n, 0, dt, keep ? x->rank : -1, NULL); return; }
        if (na <= 0) {
            if (na == 0 && hln__ga_attr_i(n, "noop_with_empty_axes", 0)) { hln__ga_out_like(ga, gs, n, 0, dt, x); return; }
            memset(red, 1, sizeof red);
        } else {
            for (i = 0; i < na; i++) { int64_t a = hln__ga_axis(ints[i], x->rank); if (a >= 0 && a < x->rank) red[a] = 1; }
        }
        r = 0;
        for (i = 0; i < x->rank; i++) {
            if (!red[i]) out[r++] = x->dims[i];
            else if (keep) out[r++] = hln__ga_dk(1);
        }
        hln__ga_out(ga, gs, n, 0, def->kind == HLN__GA_OP_ARG ? HLN_DTYPE_I64 : dt, r, out);
        return;
    }
    case HLN__GA_OP_ATTENTION: {
        const hln_shape *w = hln__ga_in(gs, n, 1);
        int32_t nq;
        const int64_t *qkv = hln__ga_attr_ints(n, "qkv_hidden_sizes", &nq);
        if (x && x->rank == 3 && w && w->rank == 2) {
            uint64_t B = hln__ga_dv(ga, x->dims[0]), S = hln__ga_dv(ga, x->dims[1]), Din = hln__ga_dv(ga, x->dims[2]);
            uint64_t cols = hln__ga_dv(ga, w->dims[1]), hq = cols / 3, hv = cols / 3;
            if (qkv && nq == 3) { hq = (uint64_t)qkv[0]; hv = (uint64_t)qkv[2]; }
            /* QKV projection, Q K^T and softmax(.) V */
            n->macs = hln__ga_add(hln__ga_mul(hln__ga_mul(B, S), hln__ga_mul(Din, cols)),
                               hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, S)), hln__ga_add(hq, hv)));
            n->flops = hln__ga_add(hln__ga_mul(n->macs, 2), hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, S)), 5 * (uint64_t)hln__ga_attr_i(n, "num_heads", 1)));
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            out[2] = hln__ga_dk((int64_t)hv);
            hln__ga_out(ga, gs, n, 0, dt, 3, out);
        } else ga->exact = 0;
        return;
    }
    case HLN__GA_OP_MHA: {
        const hln_shape *k = hln__ga_in(gs, n, 1), *v = hln__ga_in(gs, n, 2);
        if (x && x->rank == 3 && k && k->rank == 3) {
            uint64_t B = hln__ga_dv(ga, x->dims[0]), S = hln__ga_dv(ga, x->dims[1]), D = hln__ga_dv(ga, x->dims[2]);
            uint64_t L = hln__ga_dv(ga, k->dims[1]), Dv = v && v->rank == 3 ? hln__ga_dv(ga, v->dims[2]) : D;
            n->macs = hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, L)), hln__ga_add(D, Dv));
            n->flops = hln__ga_add(hln__ga_mul(n->macs, 2), hln__ga_mul(hln__ga_mul(B, hln__ga_mul(S, L)), 5));
            out[0] = x->dims[0];
            out[1] = x->dims[1];
            out[2] = v && v->rank == 3 ? v->dims[2] : x->dims[2];
            hln__ga_out(ga, gs, n, 0, dt, 3, out);
        } else ga->exact = 0;
        return;
    }
    case HLN__GA_OP_QUANT: {
        hln_dtype q = hln__ga_inval(gs, n, 2) ? hln__ga_indt(gs, n, 2) : HLN_DTYPE_U8;
        int64_t od = hln__ga_attr_i(n, "output_dtype", 0);
        if (od > 0) q = hln_dtype_from_onnx((int32_t)od);
        hln__ga_out_like(ga, gs, n, 0, q, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    }
    case HLN__GA_OP_DEQUANT: {
        hln_dtype f = hln__ga_inval(gs, n, 1) ? hln__ga_indt(gs, n, 1) : HLN_DTYPE_F32;
        hln__ga_out_like(ga, gs, n, 0, f == HLN_DTYPE_UNKNOWN ? HLN_DTYPE_F32 : f, x);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    }
    case HLN__GA_OP_DYNQUANT:
        hln__ga_out_like(ga, gs, n, 0, HLN_DTYPE_U8, x);
        hln__ga_out(ga, gs, n, 1, HLN_DTYPE_F32, 0, out);
        hln__ga_out(ga, gs, n, 2, HLN_DTYPE_U8, 0, out);
        n->flops = hln__ga_mul(hln__ga_elems(ga, x), def->flops);
        return;
    case HLN__GA_OP_TOPK:
        if (x) {
            int64_t axis = hln__ga_axis(hln__ga_attr_i(n, "axis", -1), x->rank), k = hln__ga_attr_i(n, "k", -1);
            if (hln__ga_incv_ints(gs, n, 1, ints, 1, &len) && len == 1) k = ints[0];
            r = x->rank;
            memcpy(out, x->dims, (size_t)r * sizeof *out);
            if (axis >= 0 && axis < r) out[axis] = k >= 0 ? hln__ga_dk(k) : hln__ga_du();
            n->flops = hln__ga_elems(ga, x);
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        hln__ga_out(ga, gs, n, 1, HLN_DTYPE_I64, r, out);
        return;
    case HLN__GA_OP_ONEHOT: {
        const hln_shape *idx = x;
        if (idx && idx->rank + 1 <= HLN_MAX_DIMS) {
            int64_t depth = -1, axis;
            double fd[1];
            if (hln__ga_intensor_f64(ga, gs, n, 1, fd, 1, &len) && len == 1 && !hln__ga_to_i64(fd[0], &depth)) depth = -1;
            r = idx->rank + 1;
            axis = hln__ga_axis(hln__ga_attr_i(n, "axis", -1), r);
            for (i = 0, j = 0; i < r; i++) out[i] = i == axis ? (depth >= 0 ? hln__ga_dk(depth) : hln__ga_du()) : idx->dims[j++];
        }
        hln__ga_out(ga, gs, n, 0, hln__ga_indt(gs, n, 2), r, out);
        return;
    }
    case HLN__GA_OP_DEPTH_TO_SPACE: case HLN__GA_OP_SPACE_TO_DEPTH:
        if (x && x->rank == 4) {
            int64_t b = hln__ga_attr_i(n, "blocksize", 1);
            r = 4;
            out[0] = x->dims[0];
            if (b <= 0 || b > (1 << 20)) b = 1;
            if (def->kind == HLN__GA_OP_DEPTH_TO_SPACE) {
                out[1] = x->dims[1].value >= 0 ? hln__ga_dk(x->dims[1].value / (b * b)) : hln__ga_du();
                out[2] = hln__ga_dmul(x->dims[2], hln__ga_dk(b));
                out[3] = hln__ga_dmul(x->dims[3], hln__ga_dk(b));
            } else {
                out[1] = hln__ga_dmul(x->dims[1], hln__ga_dk(b * b));
                out[2] = x->dims[2].value >= 0 ? hln__ga_dk(x->dims[2].value / b) : hln__ga_du();
                out[3] = x->dims[3].value >= 0 ? hln__ga_dk(x->dims[3].value / b) : hln__ga_du();
            }
        }
        hln__ga_out(ga, gs, n, 0, dt, r, out);
        return;
    case HLN__GA_OP_NONZERO:
        if (x) { out[0] = hln__ga_dk(x->rank); out[1] = hln__ga_du(); r = 2; }
        hln__ga_out(ga, gs, n, 0, HLN_DTYPE_I64, r, out);
        return;
    default:
        hln__ga_infer_rest(ga, gs, n, def);
        return;
    }
}

/* ---- graphs ---- */
static int hln__ga_is_mac_kind(int kind) {
    switch (kind) {
    case HLN__GA_OP_MATMUL: case HLN__GA_OP_MATMUL_INT: case HLN__GA_OP_QLINEAR_MATMUL: case HLN__GA_OP_GEMM: case HLN__GA_OP_CONV:
    case HLN__GA_OP_CONV_INT: case HLN__GA_OP_QLINEAR_CONV: case HLN__GA_OP_CONVT: case HLN__GA_OP_EINSUM: case HLN__GA_OP_ATTENTION:
    case HLN__GA_OP_MHA: case HLN__GA_OP_LSTM: case HLN__GA_OP_GRU: case HLN__GA_OP_RNN: case HLN__GA_OP_IF: case HLN__GA_OP_LOOP:
    case HLN__GA_OP_SCAN: case HLN__GA_OP_LOOP_LIKE: case HLN__GA_OP_DEFORM_CONV:
        return 1;
    default: return 0;
    }
}

static hln_result hln__ga_graph(hln__ga *ga, hln_graph *g, hln__ga_gs *parent, uint32_t depth, const hln_node *owner,
                                hln__ga_gs *caller);

/* Values before any node runs: captured names from the enclosing graph, tensors, declared
   shapes with bindings applied; a subgraph's undeclared inputs from its owner's inputs. */
static void hln__ga_init_values(hln__ga *ga, hln__ga_gs *gs, const hln_node *owner, hln__ga_gs *caller) {
    hln_graph *g = gs->g;
    uint32_t i;
    for (i = 0; i < g->n_values; i++) {
        hln_value *v = &g->values[i];
        v->inferred.rank = -1;
        v->inferred.dims = NULL;
        v->bytes = 0;
        if (v->outer >= 0 && gs->parent && (uint32_t)v->outer < gs->parent->g->n_values) {
            hln_value *pv = &gs->parent->g->values[v->outer];
            v->inferred = pv->inferred;
            if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = pv->dtype;
            gs->cv[i] = gs->parent->cv[v->outer];
            gs->ncv[i] = gs->parent->ncv[v->outer];
        } else if (v->tensor >= 0 && (uint32_t)v->tensor < ga->m->n_tensors) {
            const hln_tensor *t = &ga->m->tensors[v->tensor];
            hln_dim d[HLN_MAX_DIMS];
            uint32_t k;
            if (t->n_dims <= HLN_MAX_DIMS) {
                for (k = 0; k < t->n_dims; k++) d[k] = hln__ga_dk(t->dims[k]);
                hln__ga_set_shape(ga, &v->inferred, (int32_t)t->n_dims, d);
            }
            if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = t->dtype;
            if (t->n_elements <= HLN__GA_CV_MAX && t->data && hln_dtype_get(t->dtype)->kind == HLN_KIND_INT) {
                hln__ga_cv c[HLN__GA_CV_MAX];
                uint64_t e;
                int64_t x;
                for (e = 0; e < t->n_elements && hln__ga_tensor_i64(t, e, &x); e++) { c[e].known = 1; c[e].v = x; c[e].sym = NULL; }
                if (e == t->n_elements) hln__ga_setcv(ga, gs, (int32_t)i, c, (int32_t)e);
            }
        } else if (v->shape.rank >= 0 && v->shape.rank <= HLN_MAX_DIMS) {
            hln_dim d[HLN_MAX_DIMS];
            memcpy(d, v->shape.dims, (size_t)v->shape.rank * sizeof *d);
            hln__ga_bind_dims(ga, d, v->shape.rank);
            hln__ga_set_shape(ga, &v->inferred, v->shape.rank, d);
        }
    }
    if (owner && caller) {   /* a function body: its formal inputs are the call's actual inputs */
        for (i = 0; i < g->n_inputs && i < owner->n_inputs; i++) {
            hln_value *v = &g->values[g->inputs[i]];
            const hln_value *src;
            if (owner->inputs[i] < 0) continue;
            src = &caller->g->values[owner->inputs[i]];
            v->inferred = src->inferred;
            v->dtype = src->dtype;
            gs->cv[g->inputs[i]] = caller->cv[owner->inputs[i]];
            gs->ncv[g->inputs[i]] = caller->ncv[owner->inputs[i]];
        }
        return;
    }
    if (!owner || !gs->parent) return;
    for (i = 0; i < g->n_inputs; i++) {
        hln_value *v = &g->values[g->inputs[i]];
        const hln_value *src = NULL;
        hln_dim d[HLN_MAX_DIMS];
        if (v->inferred.rank >= 0) continue;
        if (strcmp(owner->op_type, "Loop") == 0) {
            if (i < 2) {
                hln__ga_set_shape(ga, &v->inferred, 0, d);
                if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = i == 0 ? HLN_DTYPE_I64 : HLN_DTYPE_BOOL;
                continue;
            }
            if (owner == ga->carry_owner) {   /* a state whose shape changes across iterations */
                v->inferred = ga->carry[i - 2];
                if (v->dtype == HLN_DTYPE_UNKNOWN && i < owner->n_inputs && owner->inputs[i] >= 0)
                    v->dtype = gs->parent->g->values[owner->inputs[i]].dtype;
                continue;
            }
            if (i < owner->n_inputs && owner->inputs[i] >= 0) src = &gs->parent->g->values[owner->inputs[i]];
        } else if (strcmp(owner->op_type, "Scan") == 0) {
            /* Scan-8: sequence_lens first, every input with a leading batch axis the body does not
               see, scan axis 1. Scan-9+: no batch axis, scan axes from scan_input_axes. */
            uint32_t off = g->n_inputs + 1 == owner->n_inputs ? 1 : 0;
            int64_t ns = hln__ga_attr_i(owner, "num_scan_inputs", 0), first_scan = (int64_t)g->n_inputs - ns;
            if (i + off < owner->n_inputs && owner->inputs[i + off] >= 0) src = &gs->parent->g->values[owner->inputs[i + off]];
            if (owner == ga->carry_owner && (int64_t)i < first_scan) {
                v->inferred = ga->carry[i];
                if (v->dtype == HLN_DTYPE_UNKNOWN && src) v->dtype = src->dtype;
                continue;
            }
            if (src && src->inferred.rank >= 1 && (off || (int64_t)i >= first_scan)) {
                int32_t k, r = 0, na;
                const int64_t *axes = hln__ga_attr_ints(owner, "scan_input_axes", &na);
                int64_t axis = off ? 1 : (axes && (int64_t)i - first_scan < na ? axes[i - first_scan] : 0);
                if ((int64_t)i < first_scan) axis = -1;   /* Scan-8 state: only the batch axis goes */
                else axis = hln__ga_axis(axis, src->inferred.rank);
                for (k = 0; k < src->inferred.rank; k++) if (k != axis && !(off && k == 0)) d[r++] = src->inferred.dims[k];
                hln__ga_set_shape(ga, &v->inferred, r, d);
                if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = src->dtype;
                continue;
            }
        }
        if (src) {
            v->inferred = src->inferred;
            if (v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = src->dtype;
        }
    }
}

/* Kahn's algorithm; a node also depends on the producers of the names its subgraphs capture. */
static hln_result hln__ga_topo(hln__ga *ga, hln_graph *g, uint32_t **implicit, uint32_t *n_implicit) {
    uint32_t n = g->n_nodes, i, k, head = 0, tail = 0;
    uint32_t *indeg, *start, *edges, *fill, *queue;
    uint64_t n_edges = 0;
    hln_arena *a = &ga->scratch;
    indeg = (uint32_t *)hln_arena_array(a, (uint64_t)n + 1, sizeof(uint32_t));
    start = (uint32_t *)hln_arena_array(a, (uint64_t)n + 2, sizeof(uint32_t));
    fill = (uint32_t *)hln_arena_array(a, (uint64_t)n + 1, sizeof(uint32_t));
    g->order = (uint32_t *)hln_arena_array(ga->shapes, (uint64_t)n + 1, sizeof(uint32_t));
    if (!indeg || !start || !fill || !g->order) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    queue = g->order;
#define HLN__GA_EACH_DEP(node_index, body) do { \
        const hln_node *nd_ = &g->nodes[node_index]; uint32_t q_; \
        for (q_ = 0; q_ < nd_->n_inputs + n_implicit[node_index]; q_++) { \
            int32_t vi_ = q_ < nd_->n_inputs ? nd_->inputs[q_] : (int32_t)implicit[node_index][q_ - nd_->n_inputs]; \
            int32_t p_ = vi_ >= 0 && (uint32_t)vi_ < g->n_values ? g->values[vi_].producer : -1; \
            if (p_ >= 0 && (uint32_t)p_ < n && (uint32_t)p_ != (node_index)) { body } } } while (0)
    for (i = 0; i < n; i++) HLN__GA_EACH_DEP(i, { start[p_ + 1]++; indeg[i]++; n_edges++; });
    for (i = 0; i < n; i++) start[i + 1] += start[i];
    edges = (uint32_t *)hln_arena_array(a, n_edges + 1, sizeof(uint32_t));
    if (!edges) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < n; i++) HLN__GA_EACH_DEP(i, { edges[start[p_] + fill[p_]++] = i; });
#undef HLN__GA_EACH_DEP
    for (i = 0; i < n; i++) if (!indeg[i]) queue[tail++] = i;
    while (head < tail) {
        uint32_t u = queue[head++];
        for (k = start[u]; k < start[u + 1]; k++)
            if (--indeg[edges[k]] == 0) queue[tail++] = edges[k];
    }
    if (tail < n) {
        for (i = 0; i < n && !indeg[i]; i++) {}
        return hln_error_set(ga->err, HLN_ERR_LAYOUT, 0, "graph", "graph '%.60s' has a cycle through node %u '%.60s' (%.40s)",
                             g->name ? g->name : "", i, g->nodes[i].name ? g->nodes[i].name : "", g->nodes[i].op_type);
    }
    return HLN_OK;
}

/* Outer values that node k's subgraphs capture, recursively. */
static hln_result hln__ga_implicit(hln__ga *ga, hln_graph *g, uint32_t ***implicit_out, uint32_t **n_out) {
    uint32_t **imp, *nimp, i, a, s, v;
    imp = (uint32_t **)hln_arena_array(&ga->scratch, (uint64_t)g->n_nodes + 1, sizeof *imp);
    nimp = (uint32_t *)hln_arena_array(&ga->scratch, (uint64_t)g->n_nodes + 1, sizeof *nimp);
    if (!imp || !nimp) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *nd = &g->nodes[i];
        uint32_t cnt = 0;
        for (a = 0; a < nd->n_attrs; a++) {
            const hln_attr *at = &nd->attrs[a];
            if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
            for (s = 0; s < at->count; s++)
                if (at->graphs[s]) for (v = 0; v < at->graphs[s]->n_values; v++) if (at->graphs[s]->values[v].outer >= 0) cnt++;
        }
        if (!cnt) continue;
        imp[i] = (uint32_t *)hln_arena_array(&ga->scratch, cnt, sizeof(uint32_t));
        if (!imp[i]) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
        for (a = 0; a < nd->n_attrs; a++) {
            const hln_attr *at = &nd->attrs[a];
            if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
            for (s = 0; s < at->count; s++)
                if (at->graphs[s])
                    for (v = 0; v < at->graphs[s]->n_values; v++)
                        if (at->graphs[s]->values[v].outer >= 0 && (uint32_t)at->graphs[s]->values[v].outer < g->n_values)
                            imp[i][nimp[i]++] = (uint32_t)at->graphs[s]->values[v].outer;
        }
    }
    *implicit_out = imp;
    *n_out = nimp;
    return HLN_OK;
}

/* Loop/Scan state whose shape the body changes (a growing Concat): the shape of every
   iteration is where the body's input and output agree; the body is analysed again at those
   shapes until they hold (each round only turns dims unknown), at most HLN__GA_MAX_RERUNS
   times per analysis. A state whose body input the file declares keeps the declaration. */
#define HLN__GA_MAX_RERUNS 64
static hln_result hln__ga_carry(hln__ga *ga, hln__ga_gs *gs, hln_node *n, hln_graph *body, uint32_t n_state, uint32_t depth) {
    int loop = strcmp(n->op_type, "Loop") == 0;
    uint32_t k, round;
    hln_shape *carry;
    if (!n_state || n_state > body->n_inputs || n_state + (loop ? 1u : 0u) > body->n_outputs) return HLN_OK;
    carry = (hln_shape *)hln_arena_array(&ga->scratch, n_state, sizeof *carry);
    if (!carry) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (round = 0; round <= HLN_MAX_DIMS; round++) {
        const hln_node *prev_owner = ga->carry_owner;
        const hln_shape *prev = ga->carry;
        int changed = 0;
        hln_result r;
        for (k = 0; k < n_state; k++) {
            const hln_value *bin = &body->values[body->inputs[loop ? k + 2 : k]];
            const hln_value *bout = &body->values[body->outputs[loop ? k + 1 : k]];
            hln_dim d[HLN_MAX_DIMS];
            int32_t rank;
            carry[k] = bin->inferred;
            if (bin->shape.rank >= 0 || bin->inferred.rank < 0) continue;   /* declared, or unknown already */
            rank = hln__ga_merge(&bin->inferred, &bout->inferred, d);
            if (rank == bin->inferred.rank) {
                int32_t i;
                for (i = 0; i < rank; i++) {
                    hln_dim x = d[i], y = bin->inferred.dims[i];
                    if (!(hln__ga_dsame(x, y) || (x.value < 0 && !x.param && y.value < 0 && !y.param))) break;
                }
                if (i == rank) continue;
            }
            changed = 1;
            if (!hln__ga_set_shape(ga, &carry[k], rank, d)) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
        }
        if (!changed) return HLN_OK;
        if (ga->reruns >= HLN__GA_MAX_RERUNS) {   /* no more: the body's shapes are not those of every iteration */
            for (k = 0; k < body->n_values; k++) body->values[k].inferred.rank = -1;
            ga->exact = 0;
            return HLN_OK;
        }
        ga->reruns++;
        ga->revisit++;
        ga->carry_owner = n;
        ga->carry = carry;
        r = hln__ga_graph(ga, body, gs, depth + 1, n, NULL);
        ga->carry_owner = prev_owner;
        ga->carry = prev;
        ga->revisit--;
        if (r != HLN_OK) return r;
        carry = (hln_shape *)hln_arena_array(&ga->scratch, n_state, sizeof *carry);
        if (!carry) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    return HLN_OK;
}

/* A control-flow node: analyse its graphs, cost them, shape its outputs. */
static hln_result hln__ga_control(hln__ga *ga, hln__ga_gs *gs, hln_node *n, const hln__ga_opdef *def, uint32_t depth) {
    uint32_t a, s, k;
    hln_graph *then_g = NULL, *else_g = NULL, *body = NULL;
    hln_result r;
    int exact = 1;
    for (a = 0; a < n->n_attrs; a++) {
        hln_attr *at = &n->attrs[a];
        if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
        for (s = 0; s < at->count; s++) {
            hln_graph *sg = at->graphs[s];
            if (!sg) continue;
            if ((r = hln__ga_graph(ga, sg, gs, depth + 1, n, NULL)) != HLN_OK) return r;
            exact &= sg->macs_exact;
            if (strcmp(at->name, "then_branch") == 0) then_g = sg;
            else if (strcmp(at->name, "else_branch") == 0) else_g = sg;
            else if (strcmp(at->name, "body") == 0) body = sg;
            if (def->kind != HLN__GA_OP_IF && def->kind != HLN__GA_OP_LOOP && def->kind != HLN__GA_OP_SCAN) {
                n->macs = hln__ga_add(n->macs, sg->macs);
                n->flops = hln__ga_add(n->flops, sg->flops);
            }
        }
    }
    if (!exact) ga->exact = 0;
    if (def->kind == HLN__GA_OP_IF && then_g && else_g) {
        int64_t cond[1];
        int32_t clen;
        int taken = hln__ga_incv_ints(gs, n, 0, cond, 1, &clen) && clen == 1 ? (cond[0] ? 1 : 2) : 0;
        /* the larger branch; both stay readable in then_g->macs / else_g->macs. Shapes come from
           the taken branch when the condition folds to a constant, else where both agree. */
        n->macs = then_g->macs > else_g->macs ? then_g->macs : else_g->macs;
        n->flops = then_g->flops > else_g->flops ? then_g->flops : else_g->flops;
        for (k = 0; k < n->n_outputs && k < then_g->n_outputs; k++) {
            const hln_value *tv = &then_g->values[then_g->outputs[k]];
            const hln_value *ev = k < else_g->n_outputs ? &else_g->values[else_g->outputs[k]] : NULL;
            if (taken == 2 && ev) { tv = ev; ev = NULL; }
            if (taken) {
                hln__ga_out_like(ga, gs, n, k, tv->dtype, tv->inferred.rank >= 0 ? &tv->inferred : NULL);
                continue;
            }
            hln_dim d[HLN_MAX_DIMS];
            int32_t rank = ev && tv->inferred.rank >= 0 ? hln__ga_merge(&tv->inferred, &ev->inferred, d) : -1;
            hln__ga_out(ga, gs, n, k, tv->dtype, rank, d);
        }
    } else if ((def->kind == HLN__GA_OP_LOOP || def->kind == HLN__GA_OP_SCAN) && body) {
        int64_t trip = -1;
        uint32_t n_state = 0, off = 0;
        if (def->kind == HLN__GA_OP_LOOP) {
            int64_t m[1];
            int32_t len;
            if (hln__ga_incv_ints(gs, n, 0, m, 1, &len) && len == 1 && m[0] >= 0) trip = m[0];
            n_state = n->n_inputs >= 2 ? n->n_inputs - 2 : 0;
            off = 2;
        } else {
            int64_t ns = hln__ga_attr_i(n, "num_scan_inputs", 0);
            uint32_t first_scan;
            off = body->n_inputs + 1 == n->n_inputs ? 1 : 0;
            n_state = ns >= 0 && (uint64_t)ns <= body->n_inputs ? body->n_inputs - (uint32_t)ns : 0;
            first_scan = off + n_state;
            if (first_scan < n->n_inputs) {
                const hln_shape *sx = hln__ga_in(gs, n, first_scan);
                int32_t na;
                const int64_t *axes = hln__ga_attr_ints(n, "scan_input_axes", &na);
                int64_t axis = off ? 1 : (axes && na > 0 ? axes[0] : 0);
                if (sx) {
                    axis = hln__ga_axis(axis, sx->rank);
                    if (axis >= 0 && axis < sx->rank && sx->dims[axis].value >= 0) trip = sx->dims[axis].value;
                }
            }
        }
        if ((r = hln__ga_carry(ga, gs, n, body, n_state, depth)) != HLN_OK) return r;
        if (!body->macs_exact) ga->exact = 0;
        n->trip_count = trip > INT32_MAX ? INT32_MAX : (int32_t)trip;
        if (trip < 0) ga->exact = 0;
        n->macs = hln__ga_mul(body->macs, trip >= 0 ? (uint64_t)trip : 1);
        n->flops = hln__ga_mul(body->flops, trip >= 0 ? (uint64_t)trip : 1);
        for (k = 0; k < n->n_outputs; k++) {
            uint32_t bo = def->kind == HLN__GA_OP_LOOP ? k + 1 : k;   /* Loop body outputs: cond first */
            const hln_value *bv = bo < body->n_outputs ? &body->values[body->outputs[bo]] : NULL;
            hln_dim d[HLN_MAX_DIMS];
            if (!bv) continue;
            if (k < n_state) {   /* the state after the last iteration: its shape in every iteration */
                const hln_value *bin = &body->values[body->inputs[def->kind == HLN__GA_OP_LOOP ? k + 2 : k]];
                int32_t rank = hln__ga_merge(&bin->inferred, &bv->inferred, d + 1);
                if (rank >= 0 && off && def->kind == HLN__GA_OP_SCAN) {   /* Scan-8: the batch axis again */
                    const hln_shape *sin = hln__ga_in(gs, n, off + k);
                    d[0] = sin && sin->rank == rank + 1 ? sin->dims[0] : hln__ga_du();
                    rank++;
                    hln__ga_out(ga, gs, n, k, bv->dtype, rank, d);
                } else hln__ga_out(ga, gs, n, k, bv->dtype, rank, d + 1);
            } else if (bv->inferred.rank >= 0 && bv->inferred.rank + 1 < HLN_MAX_DIMS) {
                /* the trip axis: first (Loop), at scan_output_axes (Scan-9+), after the batch axis of
                   the first input (Scan-8) */
                int32_t rank = bv->inferred.rank, na, at = 0, q, b = 0;
                const int64_t *axes = hln__ga_attr_ints(n, "scan_output_axes", &na);
                hln_dim trip_dim = trip >= 0 ? hln__ga_dk(trip) : hln__ga_du(), batch = hln__ga_du();
                if (def->kind == HLN__GA_OP_SCAN && off) {
                    const hln_shape *s0 = hln__ga_in(gs, n, 1);
                    if (s0 && s0->rank >= 1) batch = s0->dims[0];
                    d[b++] = batch;
                } else if (def->kind == HLN__GA_OP_SCAN && axes && (int64_t)(k - n_state) < na) {
                    at = (int32_t)hln__ga_axis(axes[k - n_state], rank + 1);
                    if (at < 0 || at > rank) { hln__ga_out(ga, gs, n, k, bv->dtype, -1, NULL); continue; }
                }
                for (q = 0; q < rank + 1; q++) d[b + q] = q == at ? trip_dim : bv->inferred.dims[q < at ? q : q - 1];
                hln__ga_out(ga, gs, n, k, bv->dtype, rank + 1 + b, d);
            }
        }
    }
    return HLN_OK;
}

static uint64_t hln__ga_value_bytes(const hln_value *v) {
    uint64_t e = 1, b;
    int32_t i;
    int ok;
    if (v->inferred.rank < 0) return 0;
    for (i = 0; i < v->inferred.rank; i++) e = hln__ga_mul(e, v->inferred.dims[i].value >= 0 ? (uint64_t)v->inferred.dims[i].value : 1);
    b = hln_dtype_nbytes(v->dtype == HLN_DTYPE_UNKNOWN || hln_dtype_get(v->dtype)->type_size == 0 ? HLN_DTYPE_F32 : v->dtype, e, &ok);
    return ok ? b : UINT64_MAX;
}

/* Peak of live activation bytes along the topological order. Weights (values backed by
   tensors) are not activations; inputs are live from the start; a value dies after its last
   reader unless it is a graph output. */
static hln_result hln__ga_liveness(hln__ga *ga, hln_graph *g, uint32_t **implicit, uint32_t *n_implicit) {
    uint32_t *uses = (uint32_t *)hln_arena_array(&ga->scratch, (uint64_t)g->n_values + 1, sizeof(uint32_t));
    uint8_t *pinned = (uint8_t *)hln_arena_alloc(&ga->scratch, (size_t)g->n_values + 1);
    uint64_t cur = 0, peak = 0;
    uint32_t i, k, q;
    if (!uses || !pinned) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < g->n_values; i++) {
        hln_value *v = &g->values[i];
        v->bytes = v->tensor >= 0 ? 0 : hln__ga_value_bytes(v);
    }
    for (i = 0; i < g->n_outputs; i++) if (g->outputs[i] >= 0) pinned[g->outputs[i]] = 1;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *nd = &g->nodes[i];
        for (q = 0; q < nd->n_inputs + n_implicit[i]; q++) {
            int32_t vi = q < nd->n_inputs ? nd->inputs[q] : (int32_t)implicit[i][q - nd->n_inputs];
            if (vi >= 0) uses[vi]++;
        }
    }
    for (i = 0; i < g->n_inputs; i++) if (g->inputs[i] >= 0) cur = hln__ga_add(cur, g->values[g->inputs[i]].bytes);
    peak = cur;
    for (k = 0; k < g->n_nodes; k++) {
        uint32_t ni = g->order[k];
        const hln_node *nd = &g->nodes[ni];
        uint64_t sub = 0;
        uint32_t a, s;
        for (q = 0; q < nd->n_outputs; q++) if (nd->outputs[q] >= 0) cur = hln__ga_add(cur, g->values[nd->outputs[q]].bytes);
        for (a = 0; a < nd->n_attrs; a++)
            if ((nd->attrs[a].type == HLN_ATTR_GRAPH || nd->attrs[a].type == HLN_ATTR_GRAPHS) && nd->attrs[a].graphs)
                for (s = 0; s < nd->attrs[a].count; s++)
                    if (nd->attrs[a].graphs[s] && nd->attrs[a].graphs[s]->activation_peak_bytes > sub)
                        sub = nd->attrs[a].graphs[s]->activation_peak_bytes;
        if (hln__ga_add(cur, sub) > peak) peak = hln__ga_add(cur, sub);
        for (q = 0; q < nd->n_inputs + n_implicit[ni]; q++) {
            int32_t vi = q < nd->n_inputs ? nd->inputs[q] : (int32_t)implicit[ni][q - nd->n_inputs];
            if (vi >= 0 && uses[vi] && --uses[vi] == 0 && !pinned[vi] && g->values[vi].outer < 0) cur -= g->values[vi].bytes;
        }
        for (q = 0; q < nd->n_outputs; q++) {
            int32_t vo = nd->outputs[q];
            if (vo >= 0 && !uses[vo] && !pinned[vo]) { cur -= g->values[vo].bytes; pinned[vo] = 1; }
        }
    }
    g->activation_peak_bytes = peak;
    return HLN_OK;
}

/* Function calls are expanded at most 16 deep, never recursively, and for at most 4M body
   nodes in all: a crafted call tree cannot make the analysis blow up. */
static int hln__ga_can_expand(const hln__ga *ga, const hln_graph *fn) {
    uint32_t i;
    if (ga->in_function >= 16 || ga->fn_nodes + fn->n_nodes > ((uint64_t)4 << 20)) return 0;
    for (i = 0; i < ga->in_function; i++) if (ga->active[i] == fn) return 0;
    return 1;
}

/* The model-local function a node calls (same op_type and domain), or NULL. */
static hln_graph *hln__ga_function(const hln__ga *ga, const hln_node *n) {
    const hln_graph *main_graph = ga->m->graph;
    uint32_t i;
    for (i = 0; i < main_graph->n_functions; i++) {
        hln_graph *f = main_graph->functions[i];
        if (f && f->name && strcmp(f->name, n->op_type) == 0 && strcmp(f->domain ? f->domain : "", n->domain ? n->domain : "") == 0)
            return f;
    }
    return NULL;
}

static hln_result hln__ga_graph(hln__ga *ga, hln_graph *g, hln__ga_gs *parent, uint32_t depth, const hln_node *owner,
                                hln__ga_gs *caller) {
    hln__ga_gs gs;
    uint32_t **implicit = NULL, *n_implicit = NULL, k, i;
    hln_result r;
    memset(&gs, 0, sizeof gs);
    gs.g = g;
    gs.parent = parent;
    gs.cv = (hln__ga_cv **)hln_arena_array(&ga->scratch, (uint64_t)g->n_values + 1, sizeof *gs.cv);
    gs.ncv = (int32_t *)hln_arena_array(&ga->scratch, (uint64_t)g->n_values + 1, sizeof *gs.ncv);
    if (!gs.cv || !gs.ncv) return hln_error_set(ga->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    g->depth = depth;
    g->macs = g->flops = 0;
    g->macs_exact = 1;
    if (!ga->in_function && !ga->revisit) {
        if (depth > ga->max_depth) ga->max_depth = depth;
        if (depth) ga->subgraphs++;
        ga->nodes_all += g->n_nodes;
        for (i = 0; i < g->n_initializers; i++)
            if ((uint32_t)g->initializers[i] < ga->m->n_tensors) ga->params_all += ga->m->tensors[g->initializers[i]].n_elements;
    }
    hln__ga_init_values(ga, &gs, owner, caller);
    if ((r = hln__ga_implicit(ga, g, &implicit, &n_implicit)) != HLN_OK) return r;
    if ((r = hln__ga_topo(ga, g, implicit, n_implicit)) != HLN_OK) return r;
    for (k = 0; k < g->n_nodes; k++) {
        hln_node *n = &g->nodes[g->order[k]];
        const hln__ga_opdef *def = hln__ga_op(ga, n);
        uint32_t q;
        n->macs = n->flops = n->params = 0;
        n->trip_count = 0;
        ga->exact = 1;
        ga->visited++;
        if (def->kind == HLN__GA_OP_CONSTANT && !ga->in_function && !ga->revisit) {
            for (q = 0; q < n->n_attrs; q++)
                if (n->attrs[q].tensors && n->attrs[q].count && (uint32_t)n->attrs[q].tensors[0] < ga->m->n_tensors)
                    ga->constant_params_all += ga->m->tensors[n->attrs[q].tensors[0]].n_elements;
        }
        {
            int has_graph = 0;
            for (q = 0; q < n->n_attrs; q++) if (n->attrs[q].type == HLN_ATTR_GRAPH || n->attrs[q].type == HLN_ATTR_GRAPHS) has_graph = 1;
            hln_graph *fn = def->kind == HLN__GA_OP_OTHER ? hln__ga_function(ga, n) : NULL;
            if (has_graph) { if ((r = hln__ga_control(ga, &gs, n, def, depth)) != HLN_OK) return r; }
            else if (fn && hln__ga_can_expand(ga, fn)) {   /* a call: cost and shape the body at the call's shapes */
                uint32_t o;
                ga->fn_nodes += fn->n_nodes;
                ga->active[ga->in_function++] = fn;
                r = hln__ga_graph(ga, fn, NULL, depth, n, &gs);
                ga->in_function--;
                if (r != HLN_OK) return r;
                n->macs = fn->macs;
                n->flops = fn->flops;
                if (!fn->macs_exact) ga->exact = 0;
                for (o = 0; o < n->n_outputs && o < fn->n_outputs; o++) {
                    const hln_value *fv = &fn->values[fn->outputs[o]];
                    hln__ga_out_like(ga, &gs, n, o, fv->dtype, fv->inferred.rank >= 0 ? &fv->inferred : NULL);
                }
            }
            else {
                if (fn) { ga->exact = 0; g->macs_exact = 0; }   /* a call not expanded */
                hln__ga_infer_generic(ga, &gs, n, def);
            }
        }
        for (q = 0; q < n->n_inputs; q++) {   /* weights read by this node, each counted once */
            int32_t vi = n->inputs[q], ti;
            if (vi < 0) continue;
            ti = g->values[vi].tensor;
            if (ti >= 0 && (uint32_t)ti < ga->m->n_tensors && (!ga->tensor_owner[ti] || ga->tensor_owner[ti] == n) &&
                !(ga->m->tensors[ti].flags & HLN_TENSOR_ATTRIBUTE)) {
                ga->tensor_owner[ti] = n;
                n->params += ga->m->tensors[ti].n_elements;
            }
        }
        n->exact = (uint8_t)ga->exact;
        if (!ga->exact && (hln__ga_is_mac_kind(def->kind) || n->macs)) g->macs_exact = 0;
        g->macs = hln__ga_add(g->macs, n->macs);
        g->flops = hln__ga_add(g->flops, n->flops);
    }
    return hln__ga_liveness(ga, g, implicit, n_implicit);
}

static int hln__ga_opstat_cmp_before(const hln_op_stat *a, const hln_op_stat *b) {
    if (a->macs != b->macs) return a->macs > b->macs;
    if (a->count != b->count) return a->count > b->count;
    return strcmp(a->op, b->op) < 0;
}

/* One analysis of the whole model at these bindings; *out holds its state for the summary
   (hln__ga_end frees it). */
static hln_result hln__ga_begin(hln_model *m, const hln_binding *bind, uint32_t n_bind, hln_arena *shapes, hln_error *err,
                                hln__ga **out) {
    hln__ga *ga = (hln__ga *)hln_allocator_alloc(&m->arena.allocator, sizeof *ga);
    hln_result r;
    *out = NULL;
    if (!ga) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    memset(ga, 0, sizeof *ga);
    ga->m = m;
    ga->shapes = shapes;
    ga->bind = bind;
    ga->n_bind = n_bind;
    ga->err = err;
    ga->scratch.allocator = m->arena.allocator;
    hln__ga_optab(ga);
    ga->tensor_owner = (const hln_node **)hln_arena_array(&ga->scratch, (uint64_t)m->n_tensors + 1, sizeof *ga->tensor_owner);
    r = ga->tensor_owner ? hln__ga_graph(ga, m->graph, NULL, 0, NULL, NULL) : hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    *out = ga;
    return r;
}
static void hln__ga_end(hln__ga *ga) {
    if (!ga) return;
    hln_arena_free(&ga->scratch);
    hln_allocator_free(&ga->m->arena.allocator, ga);
}

/* ---- bindings: the caller's, then defaults a person would pick ----
   Names and metadata keys below are the vocabulary of model files (Hugging Face configs,
   GPT-2/BERT/ViT tensor names), kept in these tables only. */
static const char *const hln__ga_context_keys[] = { "max_position_embeddings", "n_positions", "n_ctx", "context_length" };
static const char *const hln__ga_position_tables[] = { "wpe.", "position_embedding", "pos_embed", "pos_emb" };
static const char *const hln__ga_batch_names[] = { "batch", "bsz" };
static const char *const hln__ga_sequence_names[] = { "seq", "len", "time", "token", "step", "frame", "past", "context",
                                                       "position", "sentence", "total", "word" };
static const char *const hln__ga_image_names[] = { "height", "width", "img", "image" };

static int hln__ga_ieq(const char *a, const char *b) {
    for (; *a && *b; a++, b++) if ((*a | 32) != (*b | 32)) return 0;
    return *a == *b;
}
static int hln__ga_names(const char *name, const char *const *list, size_t n) {   /* case-insensitive substring */
    size_t i, k, ln = strlen(name);
    for (i = 0; i < n; i++) {
        size_t lk = strlen(list[i]);
        for (k = 0; k + lk <= ln; k++) {
            size_t c;
            for (c = 0; c < lk && (name[k + c] | 32) == list[i][c]; c++) {}
            if (c == lk) return 1;
        }
    }
    return 0;
}
#define HLN__GA_NAMES(name, list) hln__ga_names(name, list, sizeof list / sizeof list[0])

/* The model's own context: its hyperparameters, a config key, or the rows of a position table. */
static int64_t hln__ga_context(const hln_model *m) {
    size_t k;
    uint32_t i;
    if (m->hp.context_length > 0) return m->hp.context_length;
    for (i = 0; i < m->n_kv; i++)
        for (k = 0; k < sizeof hln__ga_context_keys / sizeof hln__ga_context_keys[0]; k++) {
            size_t lk = strlen(hln__ga_context_keys[k]), ln = m->kv[i].key ? strlen(m->kv[i].key) : 0;
            int64_t v;
            if (ln >= lk && strcmp(m->kv[i].key + ln - lk, hln__ga_context_keys[k]) == 0 && hln_kv_as_i64(&m->kv[i], &v) && v > 0)
                return v;
        }
    for (i = 0; i < m->n_tensors; i++)
        if (m->tensors[i].n_dims == 2 && m->tensors[i].name && HLN__GA_NAMES(m->tensors[i].name, hln__ga_position_tables) &&
            m->tensors[i].dims[0] > 0)
            return (int64_t)m->tensors[i].dims[0];
    return -1;
}
static int64_t hln__ga_image_side(const hln_model *m) {
    uint32_t i;
    for (i = 0; i < m->n_kv; i++) {
        size_t ln = m->kv[i].key ? strlen(m->kv[i].key) : 0;
        int64_t v;
        if (ln >= 10 && strcmp(m->kv[i].key + ln - 10, "image_size") == 0 && hln_kv_as_i64(&m->kv[i], &v) && v > 0) return v;
    }
    return HLN_DEFAULT_IMAGE_SIDE;
}

/* The role of a symbolic dim: by its name, else by where it sits (first axis: batch; the last
   two of a 4-D or 5-D float input: image sides; the second of a 2-D or 3-D input: sequence). */
static hln_dim_source hln__ga_dim_role(const char *name, int32_t axis, const hln_value *v) {
    int32_t rank = v->shape.rank;
    int is_float = hln_dtype_get(v->dtype)->kind == HLN_KIND_FLOAT;
    if (HLN__GA_NAMES(name, hln__ga_batch_names) || hln__ga_ieq(name, "N") || hln__ga_ieq(name, "B") || hln__ga_ieq(name, "bs"))
        return HLN_DIM_BATCH;
    if (HLN__GA_NAMES(name, hln__ga_image_names) || hln__ga_ieq(name, "H") || hln__ga_ieq(name, "W")) return HLN_DIM_IMAGE;
    if (HLN__GA_NAMES(name, hln__ga_sequence_names) || hln__ga_ieq(name, "T") || hln__ga_ieq(name, "S") || hln__ga_ieq(name, "L"))
        return HLN_DIM_SEQUENCE;
    if (axis == 0) return HLN_DIM_BATCH;
    if (is_float && (rank == 4 || rank == 5) && axis >= rank - 2) return HLN_DIM_IMAGE;
    if ((rank == 2 || rank == 3) && axis == 1) return HLN_DIM_SEQUENCE;
    return HLN_DIM_OTHER;
}

HLN_DEF const char *hln_dim_source_name(hln_dim_source s) {
    switch (s) {
    case HLN_DIM_BOUND: return "bound";
    case HLN_DIM_BATCH: return "batch";
    case HLN_DIM_CONTEXT: return "context";
    case HLN_DIM_SEQUENCE: return "sequence";
    case HLN_DIM_IMAGE: return "image";
    default: return "other";
    }
}

/* Every dim name of every declared shape (bindings may name any), and the inputs' dims with
   their values: the caller's, else the defaults. */
static int hln__ga_has_dim(const hln_graph *g, const char *name, uint32_t depth) {
    uint32_t i, a, s;
    int32_t d;
    if (!g || depth > 64) return 0;
    for (i = 0; i < g->n_values; i++)
        for (d = 0; d < g->values[i].shape.rank; d++)
            if (g->values[i].shape.dims && g->values[i].shape.dims[d].param && strcmp(g->values[i].shape.dims[d].param, name) == 0) return 1;
    for (i = 0; i < g->n_nodes; i++)
        for (a = 0; a < g->nodes[i].n_attrs; a++)
            if (g->nodes[i].attrs[a].graphs)
                for (s = 0; s < g->nodes[i].attrs[a].count; s++)
                    if (hln__ga_has_dim(g->nodes[i].attrs[a].graphs[s], name, depth + 1)) return 1;
    for (i = 0; i < g->n_functions; i++) if (hln__ga_has_dim(g->functions[i], name, depth + 1)) return 1;
    return 0;
}

static hln_result hln__ga_bindings(hln_model *m, const hln_graph_options *o, hln_graph_summary *out, hln_binding **all,
                                   uint32_t *n_all, hln_error *err) {
    const hln_graph *g = m->graph;
    uint32_t i, b, cap = o->n_bindings, n = 0;
    int32_t d;
    int64_t context = -2;
    for (i = 0; i < g->n_inputs; i++) {
        const hln_value *v = &g->values[g->inputs[i]];
        if (v->tensor < 0 && v->shape.rank > 0) cap += (uint32_t)v->shape.rank;
    }
    out->dims = (hln_dim_value *)hln_arena_array(&m->arena, (uint64_t)cap + 1, sizeof *out->dims);
    *all = (hln_binding *)hln_arena_array(&m->arena, (uint64_t)cap + 1, sizeof **all);
    if (!out->dims || !*all) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < g->n_inputs; i++) {   /* the inputs' dims, in order of first use */
        const hln_value *v = &g->values[g->inputs[i]];
        for (d = 0; d < v->shape.rank && v->tensor < 0; d++) {
            const char *p = v->shape.dims[d].value < 0 ? v->shape.dims[d].param : NULL;
            hln_dim_value *dv;
            uint32_t q;
            if (!p) continue;
            for (q = 0; q < out->n_dims && strcmp(out->dims[q].name, p) != 0; q++) {}
            if (q < out->n_dims) continue;
            dv = &out->dims[out->n_dims++];
            dv->name = p;
            dv->source = hln__ga_dim_role(p, d, v);
            if (dv->source == HLN_DIM_SEQUENCE && (context == -2 ? (context = hln__ga_context(m)) : context) > 0) {
                dv->source = HLN_DIM_CONTEXT;
                dv->value = context;
            } else dv->value = dv->source == HLN_DIM_SEQUENCE ? HLN_DEFAULT_SEQUENCE : dv->source == HLN_DIM_IMAGE ? hln__ga_image_side(m) : 1;
        }
    }
    for (b = 0; b < o->n_bindings; b++) {   /* the caller's: first, over the defaults */
        const hln_binding *x = &o->bindings[b];
        if (!x->name || x->value < 1)
            return hln_error_set(err, HLN_ERR_ARG, 0, "bindings", "binding %.60s=%lld: a dim is at least 1",
                                 x->name ? x->name : "(null)", (long long)x->value);
        if (!hln__ga_has_dim(g, x->name, 0)) {
            char names[200];
            size_t used = 0;
            names[0] = 0;
            for (i = 0; i < out->n_dims && used < sizeof names; i++)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", out->dims[i].name);
            return hln_error_set(err, HLN_ERR_ARG, 0, "bindings", "the model has no dim '%.40s' (its dims: %s)", x->name,
                                 names[0] ? names : "none");
        }
        for (i = 0; i < out->n_dims; i++)
            if (out->dims[i].source != HLN_DIM_BOUND && strcmp(out->dims[i].name, x->name) == 0) {
                out->dims[i].source = HLN_DIM_BOUND;
                out->dims[i].value = x->value;
            }
        (*all)[n].name = x->name;
        (*all)[n].value = x->value;
        n++;
    }
    for (i = 0; i < out->n_dims && !o->no_defaults; i++)
        if (out->dims[i].source != HLN_DIM_BOUND) { (*all)[n].name = out->dims[i].name; (*all)[n].value = out->dims[i].value; n++; }
    *n_all = n;
    for (i = 0; i < g->n_inputs; i++) {   /* no input may outgrow 64 bits */
        const hln_value *v = &g->values[g->inputs[i]];
        uint64_t e = 1;
        int ok = 1;
        for (d = 0; d < v->shape.rank && v->tensor < 0; d++) {
            uint64_t dv = v->shape.dims[d].value >= 0 ? (uint64_t)v->shape.dims[d].value : 1;
            for (b = 0; v->shape.dims[d].value < 0 && v->shape.dims[d].param && b < n; b++)
                if (strcmp((*all)[b].name, v->shape.dims[d].param) == 0) { dv = (uint64_t)(*all)[b].value; break; }
            if (hln_mul_overflow(e, dv, &e)) ok = 0;
        }
        if (ok && v->tensor < 0) hln_dtype_nbytes(hln_dtype_get(v->dtype)->type_size ? v->dtype : HLN_DTYPE_F32, e, &ok);
        if (!ok)
            return hln_error_set(err, HLN_ERR_ARG, 0, "bindings", "with these dim values input '%.60s' holds more than 2^64 bytes",
                                 v->name ? v->name : "");
    }
    return HLN_OK;
}

/* ---- the cost formula ----
   MACs are a polynomial in the free dims for the graphs HaoLine costs (products of dims per
   node, summed), except where a shape rounds (strided windows) or clamps (Slice, a table of
   the model's context): sample the MACs at 1, 2, 3... (image sides: 32, 64, 96...: strides
   divide them), find each dim's degree from finite differences, interpolate (Newton, per
   axis), snap coefficients to multiples of 2^-20, and keep the formula only if it gives the
   exact MACs at the defaults and off the sample grid. */
#define HLN__GA_IMAGE_STEP 32
typedef struct hln__ga_sampler {
    hln_model   *m;
    hln_binding *bind;        /* every binding; free dims at free_at[i] */
    uint32_t     n_bind, n_free, free_at[HLN_FORMULA_MAX_DIMS];
    int64_t      step[HLN_FORMULA_MAX_DIMS];   /* sample spacing of each free dim */
    hln_error   *err;
    int          inexact;     /* a sample was not exact or saturated, or the budget ran out: no formula */
    uint64_t     spent;       /* node analyses so far, against HLN_FORMULA_MAX_WORK */
} hln__ga_sampler;

static double hln__ga_sample(hln__ga_sampler *s, const int64_t *x, hln_result *r) {
    hln_arena tmp;
    hln__ga *ga;
    double v = 0;
    uint32_t i;
    memset(&tmp, 0, sizeof tmp);
    tmp.allocator = s->m->arena.allocator;
    for (i = 0; i < s->n_free; i++) s->bind[s->free_at[i]].value = x[i];
    if (s->spent > HLN_FORMULA_MAX_WORK) { s->inexact = 1; *r = HLN_OK; return 0; }   /* a huge graph: no formula */
    *r = hln__ga_begin(s->m, s->bind, s->n_bind, &tmp, s->err, &ga);
    if (*r == HLN_OK) {
        if (!s->m->graph->macs_exact || s->m->graph->macs == UINT64_MAX) s->inexact = 1;
        v = (double)s->m->graph->macs;
    }
    if (ga) s->spent += ga->visited;
    hln__ga_end(ga);
    hln_arena_free(&tmp);
    return v;
}

/* Monomial coefficients (in t) of the polynomial through (t = 1..n, y): Newton, then expanded. */
static void hln__ga_newton(double *y, uint32_t n, uint32_t stride) {
    double a[HLN_FORMULA_MAX_DEGREE + 1], c[HLN_FORMULA_MAX_DEGREE + 1];
    uint32_t i, k;
    for (i = 0; i < n; i++) a[i] = y[i * stride];
    for (k = 1; k < n; k++)
        for (i = n - 1; i >= k; i--) a[i] = (a[i] - a[i - 1]) / (double)k;   /* points 1 apart */
    memset(c, 0, sizeof c);
    c[0] = a[n - 1];
    for (k = n - 1; k-- > 0;) {   /* c = c * (t - (k + 1)) + a[k] */
        for (i = n - 1; i > 0; i--) c[i] = c[i - 1] - (double)(k + 1) * c[i];
        c[0] = a[k] - (double)(k + 1) * c[0];
    }
    for (i = 0; i < n; i++) y[i * stride] = c[i];
}

HLN_DEF double hln_cost_formula_eval(const hln_graph_summary *g, const int64_t *values) {
    double sum = 0;
    uint32_t t, i, e;
    for (t = 0; t < g->n_macs_terms; t++) {
        double v = g->macs_formula[t].coef;
        for (i = 0; i < g->n_formula_dims; i++) for (e = 0; e < g->macs_formula[t].powers[i]; e++) v *= (double)values[i];
        sum += v;
    }
    return sum;
}

static int hln__ga_term_before(const hln_cost_term *a, const hln_cost_term *b, uint32_t n) {
    uint32_t i, da = 0, db = 0;
    for (i = 0; i < n; i++) { da += a->powers[i]; db += b->powers[i]; }
    if (da != db) return da > db;
    for (i = 0; i < n; i++) if (a->powers[i] != b->powers[i]) return a->powers[i] > b->powers[i];
    return 0;
}

static hln_result hln__ga_formula(hln__ga_sampler *s, hln_graph_summary *out) {
    uint32_t d = s->n_free, i, j, deg[HLN_FORMULA_MAX_DIMS], n_grid = 1, idx;
    int64_t x[HLN_FORMULA_MAX_DIMS];
    double *grid, probe[HLN_FORMULA_MAX_DEGREE + 2];
    hln_result r = HLN_OK;
    hln_cost_term *terms;
    for (i = 0; i < d; i++) {   /* each dim's degree, the others at 2 steps */
        uint32_t k;
        double scale = 0;
        for (j = 0; j < d; j++) x[j] = 2 * s->step[j];
        for (k = 0; k < HLN_FORMULA_MAX_DEGREE + 2; k++) {
            x[i] = (int64_t)(k + 1) * s->step[i];
            probe[k] = hln__ga_sample(s, x, &r);
            if (r != HLN_OK || s->inexact) return r;
            if (probe[k] > scale) scale = probe[k];
        }
        deg[i] = 0;
        for (k = 1; k < HLN_FORMULA_MAX_DEGREE + 2; k++) {   /* k-th forward differences */
            uint32_t q;
            int zero = 1;
            for (q = HLN_FORMULA_MAX_DEGREE + 1; q >= k; q--) probe[q] -= probe[q - 1];
            for (q = k; q < HLN_FORMULA_MAX_DEGREE + 2; q++) if (probe[q] > 1e-9 * scale || probe[q] < -1e-9 * scale) zero = 0;
            if (!zero) deg[i] = k;
        }
        if (deg[i] > HLN_FORMULA_MAX_DEGREE) return HLN_OK;   /* not a polynomial of bounded degree */
        n_grid *= deg[i] + 1;
    }
    grid = (double *)hln_arena_array(&s->m->arena, n_grid, sizeof *grid);
    terms = (hln_cost_term *)hln_arena_array(&s->m->arena, n_grid, sizeof *terms);
    if (!grid || !terms) return hln_error_set(s->err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (idx = 0; idx < n_grid; idx++) {   /* samples, first dim fastest */
        uint32_t rest = idx;
        for (i = 0; i < d; i++) { x[i] = (int64_t)(rest % (deg[i] + 1) + 1) * s->step[i]; rest /= deg[i] + 1; }
        grid[idx] = hln__ga_sample(s, x, &r);
        if (r != HLN_OK || s->inexact) return r;
    }
    {   /* per axis: values at t = 1..n -> coefficients of t^k, t = dim / step */
        uint32_t stride = 1;
        for (i = 0; i < d; i++) {
            uint32_t n = deg[i] + 1;
            for (idx = 0; idx < n_grid; idx++)
                if ((idx / stride) % n == 0) hln__ga_newton(grid + idx, n, stride);
            stride *= n;
        }
    }
    for (idx = 0; idx < n_grid; idx++) {
        uint32_t rest = idx;
        double c = grid[idx], q;
        hln_cost_term *t = &terms[out->n_macs_terms];
        memset(t, 0, sizeof *t);
        for (i = 0; i < d; i++) {
            t->powers[i] = (uint8_t)(rest % (deg[i] + 1));
            rest /= deg[i] + 1;
            for (j = 0; j < t->powers[i]; j++) c /= (double)s->step[i];
        }
        q = c * 1048576.0;
        if (q < 9e15 && q > -9e15) c = (q < 0 ? -(double)(int64_t)(-q + 0.5) : (double)(int64_t)(q + 0.5)) / 1048576.0;
        if (c != 0) { t->coef = c; out->n_macs_terms++; }
    }
    for (i = 1; i < out->n_macs_terms; i++) {   /* insertion sort, highest degree first */
        hln_cost_term t = terms[i];
        for (j = i; j > 0 && hln__ga_term_before(&t, &terms[j - 1], d); j--) terms[j] = terms[j - 1];
        terms[j] = t;
    }
    out->macs_formula = terms;
    for (i = 0; i < d; i++) x[i] = (int64_t)(HLN_FORMULA_MAX_DEGREE + 3) * s->step[i];
    {   /* off the grid */
        double want = hln__ga_sample(s, x, &r), got = hln_cost_formula_eval(out, x);
        if (r != HLN_OK) return r;
        out->formula_exact = !s->inexact && got - want <= 0.5 + 1e-12 * want && want - got <= 0.5 + 1e-12 * want;
    }
    return HLN_OK;
}

/* Saves (dir 0) or restores (dir 1) every value's shape of every graph, in one walk order;
   dir 2 forgets every shape and order (a failed analysis leaves nothing pointing into a
   sample run's freed arena). */
static void hln__ga_keep_shapes(hln_graph *g, hln_shape *keep, uint64_t *at, int dir, uint32_t depth) {
    uint32_t i, a, s;
    if (!g || depth > 64) return;
    if (dir == 2) g->order = NULL;
    for (i = 0; i < g->n_values; i++, (*at)++) {
        if (keep && dir == 0) keep[*at] = g->values[i].inferred;
        if (keep && dir == 1) g->values[i].inferred = keep[*at];
        if (dir == 2) g->values[i].inferred.rank = -1;
    }
    for (i = 0; i < g->n_nodes; i++)
        for (a = 0; a < g->nodes[i].n_attrs; a++)
            if (g->nodes[i].attrs[a].graphs)
                for (s = 0; s < g->nodes[i].attrs[a].count; s++) hln__ga_keep_shapes(g->nodes[i].attrs[a].graphs[s], keep, at, dir, depth + 1);
    for (i = 0; i < g->n_functions; i++) hln__ga_keep_shapes(g->functions[i], keep, at, dir, depth + 1);
}

HLN_DEF hln_result hln_graph_analyze(hln_model *m, const hln_graph_options *opts, hln_graph_summary *out, hln_error *err) {
    hln__ga *ga = NULL;
    hln_graph *g;
    hln_result r;
    hln_graph_options o;
    hln_binding *all = NULL;
    uint32_t i, j, n_all = 0;
    hln_shape *kept = NULL;
    uint64_t n_kept = 0;
    memset(out, 0, sizeof *out);
    if (!m || !m->graph) return hln_error_set(err, HLN_ERR_ARG, 0, "", "the model has no graph to analyse");
    g = m->graph;
    memset(&o, 0, sizeof o);
    if (opts) o = *opts;
    if ((r = hln__ga_bindings(m, &o, out, &all, &n_all, err)) != HLN_OK) return r;
    for (i = 0; i < out->n_dims; i++)
        if (out->dims[i].source != HLN_DIM_BOUND && out->n_formula_dims < HLN_FORMULA_MAX_DIMS + 1) {
            if (out->n_formula_dims < HLN_FORMULA_MAX_DIMS) out->formula_dims[out->n_formula_dims] = out->dims[i].name;
            out->n_formula_dims++;
        }
    if (n_all > o.n_bindings) {   /* defaults in play: value shapes come from the caller's bindings only */
        if ((r = hln__ga_begin(m, o.bindings, o.n_bindings, &m->arena, err, &ga)) != HLN_OK) goto done;
        hln__ga_end(ga);
        ga = NULL;
        hln__ga_keep_shapes(g, NULL, &n_kept, 0, 0);
        kept = (hln_shape *)hln_arena_array(&m->arena, n_kept + 1, sizeof *kept);
        if (!kept) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
        n_kept = 0;
        hln__ga_keep_shapes(g, kept, &n_kept, 0, 0);
    }
    if (!o.no_formula && !o.no_defaults && out->n_formula_dims >= 1 && out->n_formula_dims <= HLN_FORMULA_MAX_DIMS) {
        hln__ga_sampler s;
        memset(&s, 0, sizeof s);
        s.m = m;
        s.bind = all;
        s.n_bind = n_all;
        s.err = err;
        for (i = 0; i < out->n_dims; i++)
            for (j = o.n_bindings; j < n_all && out->dims[i].source != HLN_DIM_BOUND; j++)
                if (strcmp(all[j].name, out->dims[i].name) == 0) {
                    s.step[s.n_free] = out->dims[i].source == HLN_DIM_IMAGE ? HLN__GA_IMAGE_STEP : 1;
                    s.free_at[s.n_free++] = j;
                }
        if (s.n_free == out->n_formula_dims && (r = hln__ga_formula(&s, out)) != HLN_OK) goto done;
        for (j = o.n_bindings; j < n_all; j++)   /* back to the defaults */
            for (i = 0; i < out->n_dims; i++) if (strcmp(all[j].name, out->dims[i].name) == 0) all[j].value = out->dims[i].value;
    } else if (out->n_formula_dims > HLN_FORMULA_MAX_DIMS) out->n_formula_dims = 0;
    if ((r = hln__ga_begin(m, all, n_all, &m->arena, err, &ga)) != HLN_OK) goto done;
    out->nodes = g->n_nodes;
    out->nodes_all = ga->nodes_all;
    out->subgraphs = ga->subgraphs;
    out->max_subgraph_depth = ga->max_depth;
    out->macs = g->macs;
    out->flops = g->flops;
    out->macs_exact = g->macs_exact;
    out->activation_peak_bytes = g->activation_peak_bytes;
    out->params_all = ga->params_all;
    out->constant_params_all = ga->constant_params_all;
    out->initializers = g->n_initializers;
    for (i = 0; i < g->n_initializers; i++) {
        const hln_tensor *t = &m->tensors[g->initializers[i]];
        out->initializer_params += t->n_elements;
        out->initializer_bytes += t->n_bytes;
    }
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        if (n->domain[0] == 0 && strcmp(n->op_type, "Constant") == 0) {
            out->constant_nodes++;
            for (j = 0; j < n->n_attrs; j++)
                if (n->attrs[j].tensors && n->attrs[j].count && (uint32_t)n->attrs[j].tensors[0] < m->n_tensors) {
                    out->constant_params += m->tensors[n->attrs[j].tensors[0]].n_elements;
                    out->constant_bytes += m->tensors[n->attrs[j].tensors[0]].n_bytes;
                }
        }
    }
    for (i = 0; i < g->n_values; i++)
        if (g->values[i].producer >= 0 && g->values[i].tensor < 0) out->activation_bytes = hln__ga_add(out->activation_bytes, g->values[i].bytes);
    {   /* op histogram */
        uint32_t cap = 64, *slots, mask;
        while (cap < 2 * g->n_nodes + 2) cap <<= 1;
        mask = cap - 1;
        slots = (uint32_t *)hln_arena_array(&ga->scratch, cap, sizeof(uint32_t));
        out->ops = (hln_op_stat *)hln_arena_array(&m->arena, (uint64_t)g->n_nodes + 1, sizeof(hln_op_stat));
        if (!slots || !out->ops) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
        for (i = 0; i < g->n_nodes; i++) {
            const hln_node *n = &g->nodes[i];
            char key[256];
            uint32_t h, s;
            if (n->domain[0]) snprintf(key, sizeof key, "%s::%s", n->domain, n->op_type);
            else snprintf(key, sizeof key, "%s", n->op_type);
            h = hln__ga_hash(key);
            s = h & mask;
            while (slots[s] && strcmp(out->ops[slots[s] - 1].op, key) != 0) s = (s + 1) & mask;
            if (!slots[s]) {
                hln_op_stat *o = &out->ops[out->n_ops];
                o->op = hln_arena_strndup(&m->arena, key, strlen(key));
                if (!o->op) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
                slots[s] = ++out->n_ops;
            }
            {
                hln_op_stat *o = &out->ops[slots[s] - 1];
                o->count++;
                o->macs = hln__ga_add(o->macs, n->macs);
                o->flops = hln__ga_add(o->flops, n->flops);
                o->params = hln__ga_add(o->params, n->params);
            }
        }
        for (i = 1; i < out->n_ops; i++) {   /* insertion sort: few distinct ops */
            hln_op_stat t = out->ops[i];
            for (j = i; j > 0 && hln__ga_opstat_cmp_before(&t, &out->ops[j - 1]); j--) out->ops[j] = out->ops[j - 1];
            out->ops[j] = t;
        }
    }
    out->saturated = out->macs == UINT64_MAX || out->flops == UINT64_MAX;
    if (out->n_formula_dims == 0 && !o.no_formula && out->macs_exact && !out->saturated && out->macs <= ((uint64_t)1 << 53)) {
        out->macs_formula = (hln_cost_term *)hln_arena_alloc(&m->arena, sizeof *out->macs_formula);
        if (!out->macs_formula) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
        out->macs_formula[0].coef = (double)out->macs;
        out->n_macs_terms = out->macs ? 1 : 0;
        out->formula_exact = 1;
    } else if (out->formula_exact) {   /* the formula must also give the MACs at the defaults */
        int64_t x[HLN_FORMULA_MAX_DIMS];
        double got, want = (double)out->macs;
        for (i = 0; i < out->n_formula_dims; i++)
            for (j = 0; j < out->n_dims; j++) if (strcmp(out->dims[j].name, out->formula_dims[i]) == 0) x[i] = out->dims[j].value;
        got = hln_cost_formula_eval(out, x);
        out->formula_exact = out->macs_exact && !out->saturated && got - want <= 0.5 + 1e-12 * want && want - got <= 0.5 + 1e-12 * want;
    }
    if (!out->formula_exact) out->n_macs_terms = 0;
    n_kept = 0;
    if (kept) hln__ga_keep_shapes(g, kept, &n_kept, 1, 0);
    {   /* symbolic dims of the inputs the caller did not bind */
        out->unresolved = (const char **)hln_arena_array(&m->arena, (uint64_t)out->n_dims + 1, sizeof(char *));
        if (!out->unresolved) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto done; }
        for (i = 0; i < out->n_dims; i++)
            if (out->dims[i].source != HLN_DIM_BOUND) out->unresolved[out->n_unresolved++] = out->dims[i].name;
    }
    r = HLN_OK;
done:
    n_kept = 0;
    if (r != HLN_OK) hln__ga_keep_shapes(g, NULL, &n_kept, 2, 0);
    hln__ga_end(ga);
    return r;
}


#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_ANALYSIS_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  the passes move out of haoline_ir.h into this header; hln_graph_options (defaults
            for unbound dims, the MACs formula), every ONNX op in the shape table

   LICENSE (MIT)
   Copyright (c) 2026 the HaoLine authors
   Permission is hereby granted, free of charge, to any person obtaining a copy of this
   software and associated documentation files (the "Software"), to deal in the Software
   without restriction, including without limitation the rights to use, copy, modify, merge,
   publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
   to whom the Software is furnished to do so, subject to the following conditions:
   The above copyright notice and this permission notice shall be included in all copies or
   substantial portions of the Software.
   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
*/
