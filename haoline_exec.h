/* haoline_exec.h - v0.1 - a small exact reference executor over the HaoLine IR. MIT license.

   Runs a model graph (ONNX and anything else a format header turns into a graph) in plain,
   deterministic, single-threaded f32 C, so that activations can be looked at without Python:
   a per-node callback sees every value as it is produced (capture, statistics, FP32 against
   int8 layer by layer). Speed is not the goal; being right and refusing clearly is.

   USAGE
       #define HAOLINE_IMPLEMENTATION          // in exactly one C/C++ file
       #include "haoline_kernels.h"            // first: GGUF-quantized MatMul weights
       #include "haoline_ir.h"
       #include "haoline_onnx.h"
       #include "haoline_analysis.h"
       #include "haoline_exec.h"

       hln_exec *x; hln_exec_options o = {0}; hln_error err;
       if (hln_exec_create(model, &o, &x, &err) != HLN_OK) { puts(err.message); return 1; }
       int64_t dims[4] = {1, 3, 224, 224};
       hln_exec_set_input(x, "input", HLN_DTYPE_F32, 4, dims, pixels, &err);
       if (hln_exec_run(x, &err) == HLN_OK) {
           const hln_exec_tensor *y = hln_exec_output(x, 0, NULL);   // y->data, y->dims
       }
       hln_exec_free(x);

   WHAT IT RUNS (the default ONNX domain; docs/exec.md lists every op and its limits)
       convolution and pooling (1-3D, groups, pads, dilations, auto_pad, ceil_mode), Gemm,
       MatMul (numpy broadcasting), normalisations, the elementwise and activation families,
       shape and data-movement ops, reductions, LSTM/GRU/RNN, If, Loop, Scan (axis 0, forward),
       QuantizeLinear/DequantizeLinear (per tensor and per axis), QLinearConv, QLinearMatMul,
       ConvInteger, MatMulInteger (I8/U8, int32 sums), model-local functions.
       Values are F32, F64, I64, I32, I16, I8, U8, U16, U32, U64 and BOOL; F16/BF16/quantized
       initializers are read (Cast; ggml block weights dequantized through haoline_kernels.h,
       or, as Gemm's transB = 1 B, multiplied by its quantized GEMV with Q8 activations).

   REFUSED BEFORE ANYTHING RUNS (hln_exec_create / hln_exec_run return an error naming the
   node): an op it does not implement, a cycle, a missing input, an input whose dtype, rank
   or dims disagree with the graph, a value whose shape (as the shape pass infers it for the
   inputs given) multiplies past 64 bits or past max_memory, a liveness peak past max_memory.
   Shapes the pass could not infer are checked again before each node allocates.

   MEMORY: values live in one arena sized from the liveness pass' peak (+20% + 256 KiB) and
   are freed right after their last consumer; what does not fit comes from the allocator and
   is reported (hln_exec_arena_bytes). Live activation bytes are counted and capped by
   max_memory; hln_exec_peak_bytes reports their peak next to the liveness estimate.
   Initializers are read in place when aligned.

   DEPENDS ON haoline_ir.h, haoline_analysis.h (order, shapes, liveness) and, when included
   before haoline_ir.h, haoline_kernels.h (GGUF block weights: quantized GEMV, dequantize). No global mutable state; one
   hln_exec per thread. The library never prints, exits or aborts.

   FUNCTIONS
     hln_exec_create / hln_exec_free            an executor for a model (checks every op first)
     hln_exec_input_count / _input / _set_input the graph inputs
     hln_exec_run                               runs the graph (per-node callback for capture)
     hln_exec_output_count / _output            the results
     hln_exec_peak_bytes / _arena_bytes         memory used
     hln_exec_block_products                    Gemms run on ggml block weights by the kernels
     hln_exec_supports                          whether an op is implemented
     hln_exec_tensor_stats / _tensor_error      statistics of a value, error between two
   DOES NOT
     thread, or run an op it does not list (a clear error before anything runs).
*/
#ifndef HAOLINE_EXEC_H
#define HAOLINE_EXEC_H

#include "haoline_ir.h"
#include "haoline_analysis.h"

#define HAOLINE_EXEC_VERSION_MAJOR 0
#define HAOLINE_EXEC_VERSION_MINOR 1
#define HAOLINE_EXEC_VERSION_PATCH 0

#ifndef HLN_EXEC_MAX_DEPTH
#define HLN_EXEC_MAX_DEPTH 32            /* nested If/Loop/Scan/function calls */
#endif
#ifndef HLN_EXEC_MAX_ITERATIONS
#define HLN_EXEC_MAX_ITERATIONS 1000000  /* Loop iterations without a trip count */
#endif
#define HLN_EXEC_DEFAULT_MAX_MEMORY ((uint64_t)4 << 30)

#ifdef __cplusplus
extern "C" {
#endif

/* A value at run time: C order, dims outermost first, data owned by the executor. */
typedef struct hln_exec_tensor {
    hln_dtype dtype;
    uint32_t  rank;
    int64_t   dims[HLN_MAX_DIMS];
    uint64_t  n_elements;
    void     *data;
} hln_exec_tensor;

/* Called after each node of every graph has run (depth 0: the main graph). Returning nonzero
   stops the run with HLN_ERR_ARG ("stopped by the callback"). */
typedef int (*hln_exec_node_fn)(void *user, const hln_graph *g, uint32_t node, uint32_t depth,
                                const hln_exec_tensor *outputs, uint32_t n_outputs);

typedef struct hln_exec_options {     /* zero = defaults */
    hln_allocator      allocator;     /* zero: libc */
    uint64_t           max_memory;    /* live activation bytes; 0: HLN_EXEC_DEFAULT_MAX_MEMORY */
    hln_exec_node_fn   on_node;
    void              *user;
    /* 1: QuantizeLinear of a computed value passes it through as F32, and DequantizeLinear of
       an F32 value passes it through: a QDQ model runs with float activations (its weights
       still dequantized), the float counterpart compare-activations measures it against. */
    int                bypass_activation_qdq;
    /* 1: initializers of a ggml block type are always dequantized to F32 (the reference path).
       0 (default): a Gemm with transB = 1 whose B is such an initializer ([N, K], blocks along
       K, ggml's mul_mat layout) runs through haoline_kernels.h: each row of A quantized to the
       type's vec_dot activation type (Q8_0, Q8_1 or Q8_K, as ggml does), then hln_k_gemv. */
    int                dequantize_block_weights;
} hln_exec_options;

typedef struct hln_exec hln_exec;

/* Checks every op of every graph (nested ones and functions too) and the order; m must have
   a graph. Runs hln_graph_analyze when m->graph has no order yet. */
HLN_DEF hln_result hln_exec_create(hln_model *m, const hln_exec_options *o, hln_exec **out, hln_error *err);
/* The graph inputs a caller must give (initializer-backed inputs are optional). */
HLN_DEF uint32_t   hln_exec_input_count(const hln_exec *x);
HLN_DEF const hln_value *hln_exec_input(const hln_exec *x, uint32_t i);
/* Copies data (n_elements * dtype size bytes, C order) for input `name`; checks dtype, rank
   and the dims the graph fixes. */
HLN_DEF hln_result hln_exec_set_input(hln_exec *x, const char *name, hln_dtype dtype, uint32_t rank,
                                      const int64_t *dims, const void *data, hln_error *err);
HLN_DEF hln_result hln_exec_run(hln_exec *x, hln_error *err);
/* Graph outputs of the last run; name may be NULL. NULL past the end. */
HLN_DEF uint32_t   hln_exec_output_count(const hln_exec *x);
HLN_DEF const hln_exec_tensor *hln_exec_output(const hln_exec *x, uint32_t i, const char **name);
/* Peak live activation bytes of the last run, and the liveness pass' estimate for it. */
HLN_DEF void       hln_exec_peak_bytes(const hln_exec *x, uint64_t *measured, uint64_t *liveness);
/* The arena of the last run (liveness peak + 20% + 256 KiB, at most max_memory) and the peak
   bytes of values that did not fit in it and came from the allocator instead. */
HLN_DEF void       hln_exec_arena_bytes(const hln_exec *x, uint64_t *arena, uint64_t *spilled);
/* Products of the last run that went through haoline_kernels.h's quantized GEMV (Gemm nodes
   with a ggml block weight; 0 without haoline_kernels.h or with dequantize_block_weights). */
HLN_DEF uint64_t   hln_exec_block_products(const hln_exec *x);
/* Whether this executor implements op (domain "" or "ai.onnx"). */
HLN_DEF int        hln_exec_supports(const char *domain, const char *op_type);
HLN_DEF void       hln_exec_free(hln_exec *x);

/* ---- statistics of values (capture, compare-activations) ---- */
#define HLN_EXEC_HIST_BINS 64
typedef struct hln_exec_stats {
    uint64_t n, zeros, nonfinite;
    uint64_t sat_low, sat_high;     /* 8-bit integer values at the type's ends (-128/127, 0/255) */
    double   min, max, mean, std;   /* of the finite values */
    uint64_t hist[HLN_EXEC_HIST_BINS];   /* finite values over [min, max] in equal bins */
} hln_exec_stats;
HLN_DEF void hln_exec_tensor_stats(const hln_exec_tensor *t, hln_exec_stats *s);

/* b against the reference a, element by element (same element count, any numeric dtypes):
   RMSE, max |a-b|, cosine similarity, SNR in dB (10 log10 sum a^2 / sum (a-b)^2; 999 when
   exact). Returns 0 when the element counts differ. */
typedef struct hln_exec_error { double rmse, max_abs, cosine, snr_db, ref_rms; } hln_exec_error;
HLN_DEF int  hln_exec_tensor_error(const hln_exec_tensor *a, const hln_exec_tensor *b, hln_exec_error *e);

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_EXEC_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_EXEC_IMPLEMENTATION)) && !defined(HAOLINE_EXEC_IMPLEMENTED)
#define HAOLINE_EXEC_IMPLEMENTED

#include <math.h>
#include <string.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#define HLN__RESTRICT
#else
#define HLN__RESTRICT restrict
#endif

/* ---- state ---- */
typedef struct hln__xv {          /* one value slot of a running graph */
    hln_exec_tensor t;
    uint8_t  set, owned;
    uint32_t uses;                /* consumers still to run */
    uint64_t bytes;
} hln__xv;

typedef struct hln__xf {          /* a running graph */
    const hln_graph *g;
    hln__xv         *v;
    struct hln__xf  *parent;
    uint32_t         depth;
} hln__xf;

struct hln_exec {
    hln_model        *m;
    hln_exec_options  o;
    hln_allocator     a;
    int64_t           opset;
    uint32_t          n_req;      /* graph inputs without an initializer */
    int32_t          *req;        /* their value indices */
    hln_exec_tensor  *inputs;     /* one per req, data owned */
    hln_exec_tensor  *outputs;    /* one per graph output, data owned */
    void            **weights;    /* per model tensor: an aligned native copy, or NULL */
#ifndef HLN_NO_STDIO
    hln_mapped       *maps;       /* per model file: external data mapped on first use */
#endif
    uint64_t          live, peak, liveness_peak;
    uint64_t          block_products; /* Gemm nodes run on block weights through the kernels */
    uint8_t          *arena;      /* one block sized from the liveness peak; values live in it */
    uint64_t          arena_size, spilled, spill_peak;   /* bytes of values that did not fit */
    uint64_t        (*free_ranges)[2];                   /* free (offset, length), by offset */
    uint32_t          n_free, cap_free;
    hln_binding      *bound;      /* the bindings the shapes were last inferred for */
    uint32_t          n_bound;
    char             *bound_names;
};

typedef struct hln__xc {          /* one node being run */
    hln_exec        *x;
    hln__xf         *f;
    const hln_node  *n;
    uint32_t         index;
    const hln_exec_tensor *in[64];
    uint32_t         n_in;
    hln_exec_tensor *out[64];
    uint32_t         n_out;
    hln_error       *err;
} hln__xc;

static void *hln__x_alloc_raw(hln_exec *x, size_t n) { return hln_allocator_alloc(&x->a, n ? n : 1); }
static void  hln__x_free_raw(hln_exec *x, void *p) { if (p) hln_allocator_free(&x->a, p); }

static hln_result hln__x_fail(hln__xc *c, hln_result code, const char *fmt, const char *detail) {
    char path[64];
    snprintf(path, sizeof path, "graph.node[%" PRIu32 "]", c->index);
    return hln_error_set(c->err, code, 0, path, "node '%.60s' (%.40s): %s%.120s",
                         c->n->name ? c->n->name : "", c->n->op_type, fmt, detail ? detail : "");
}
#define HLN__X_BAD(c, msg) hln__x_fail((c), HLN_ERR_LAYOUT, (msg), NULL)

/* ---- attributes ---- */
static const hln_attr *hln__x_attr(const hln_node *n, const char *name) {
    uint32_t i;
    for (i = 0; i < n->n_attrs; i++) if (n->attrs[i].name && strcmp(n->attrs[i].name, name) == 0) return &n->attrs[i];
    return NULL;
}
static int64_t hln__x_attr_i(const hln_node *n, const char *name, int64_t dflt) {
    const hln_attr *a = hln__x_attr(n, name);
    return a && a->type == HLN_ATTR_INT ? a->i : dflt;
}
static float hln__x_attr_f(const hln_node *n, const char *name, float dflt) {
    const hln_attr *a = hln__x_attr(n, name);
    return a && a->type == HLN_ATTR_FLOAT ? a->f : a && a->type == HLN_ATTR_INT ? (float)a->i : dflt;
}
static int hln__x_attr_s(const hln_node *n, const char *name, const char *want, int dflt) {
    const hln_attr *a = hln__x_attr(n, name);
    size_t len = strlen(want);
    if (!a || a->type != HLN_ATTR_STRING) return dflt;
    return a->s.len == len && memcmp(a->s.ptr, want, len) == 0;
}
/* INTS attribute of at most cap entries; returns the count or -1 (absent or too long). */
static int hln__x_attr_ints(const hln_node *n, const char *name, int64_t *out, int cap) {
    const hln_attr *a = hln__x_attr(n, name);
    uint32_t i;
    if (!a || a->type != HLN_ATTR_INTS || a->count > (uint32_t)cap) return -1;
    for (i = 0; i < a->count; i++) out[i] = a->ints[i];
    return (int)a->count;
}
static const hln_graph *hln__x_attr_g(const hln_node *n, const char *name) {
    const hln_attr *a = hln__x_attr(n, name);
    return a && a->type == HLN_ATTR_GRAPH && a->count >= 1 && a->graphs ? a->graphs[0] : NULL;
}

/* ---- elements ---- */
static int hln__x_is_float(hln_dtype t) { return t == HLN_DTYPE_F32 || t == HLN_DTYPE_F64 || t == HLN_DTYPE_F16 || t == HLN_DTYPE_BF16; }
/* A dtype values may have (F16/BF16 only as read-only initializers). */
static int hln__x_value_dtype(hln_dtype t) {
    switch (t) {
    case HLN_DTYPE_F32: case HLN_DTYPE_F64: case HLN_DTYPE_I64: case HLN_DTYPE_I32: case HLN_DTYPE_I16:
    case HLN_DTYPE_I8: case HLN_DTYPE_U8: case HLN_DTYPE_U16: case HLN_DTYPE_U32: case HLN_DTYPE_U64:
    case HLN_DTYPE_BOOL: return 1;
    default: return 0;
    }
}
static size_t hln__x_esize(hln_dtype t) { return hln_dtype_get(t)->type_size; }

static float hln__x_half(uint16_t h) {   /* IEEE binary16 -> float */
    uint32_t s = (uint32_t)(h >> 15) << 31, e = (h >> 10) & 31u, m = h & 1023u, u;
    float f;
    if (e == 0) { f = (float)m * (1.0f / 16777216.0f); return s ? -f : f; }
    if (e == 31) u = s | 0x7f800000u | (m << 13);
    else u = s | ((e + 112u) << 23) | (m << 13);
    memcpy(&f, &u, 4);
    return f;
}

static int64_t hln__x_geti(const hln_exec_tensor *t, uint64_t i);
static double hln__x_getf(const hln_exec_tensor *t, uint64_t i) {
    const uint8_t *p = (const uint8_t *)t->data;
    switch (t->dtype) {
    case HLN_DTYPE_F32: return ((const float *)p)[i];
    case HLN_DTYPE_F64: return ((const double *)p)[i];
    case HLN_DTYPE_F16: { uint16_t h; memcpy(&h, p + 2 * i, 2); return hln__x_half(h); }
    case HLN_DTYPE_BF16: { uint16_t h; uint32_t u; float f; memcpy(&h, p + 2 * i, 2); u = (uint32_t)h << 16; memcpy(&f, &u, 4); return f; }
    case HLN_DTYPE_U64: return (double)((const uint64_t *)p)[i];
    default: return hln_dtype_get(t->dtype)->kind == HLN_KIND_INT || t->dtype == HLN_DTYPE_BOOL ? (double)hln__x_geti(t, i) : 0;
    }
}
static int64_t hln__x_geti(const hln_exec_tensor *t, uint64_t i) {
    const uint8_t *p = (const uint8_t *)t->data;
    switch (t->dtype) {
    case HLN_DTYPE_I64: return ((const int64_t *)p)[i];
    case HLN_DTYPE_I32: return ((const int32_t *)p)[i];
    case HLN_DTYPE_I16: return ((const int16_t *)p)[i];
    case HLN_DTYPE_I8: return ((const int8_t *)p)[i];
    case HLN_DTYPE_U8: case HLN_DTYPE_BOOL: return p[i];
    case HLN_DTYPE_U16: return ((const uint16_t *)p)[i];
    case HLN_DTYPE_U32: return ((const uint32_t *)p)[i];
    case HLN_DTYPE_U64: return (int64_t)((const uint64_t *)p)[i];
    default: {
        double d = hln__x_getf(t, i);
        if (d != d) return 0;
        if (d >= 9.2e18) return INT64_MAX;
        if (d <= -9.2e18) return INT64_MIN;
        return (int64_t)d;
    }
    }
}
static void hln__x_setf(hln_exec_tensor *t, uint64_t i, double v) {
    uint8_t *p = (uint8_t *)t->data;
    switch (t->dtype) {
    case HLN_DTYPE_F32: ((float *)p)[i] = (float)v; return;
    case HLN_DTYPE_F64: ((double *)p)[i] = v; return;
    case HLN_DTYPE_BOOL: p[i] = v != 0; return;
    default: {
        int64_t k = v != v ? 0 : v >= 9.2e18 ? INT64_MAX : v <= -9.2e18 ? INT64_MIN : (int64_t)v;
        switch (t->dtype) {
        case HLN_DTYPE_I64: ((int64_t *)p)[i] = k; return;
        case HLN_DTYPE_I32: ((int32_t *)p)[i] = (int32_t)k; return;
        case HLN_DTYPE_I16: ((int16_t *)p)[i] = (int16_t)k; return;
        case HLN_DTYPE_I8: ((int8_t *)p)[i] = (int8_t)k; return;
        case HLN_DTYPE_U8: p[i] = (uint8_t)k; return;
        case HLN_DTYPE_U16: ((uint16_t *)p)[i] = (uint16_t)k; return;
        case HLN_DTYPE_U32: ((uint32_t *)p)[i] = (uint32_t)k; return;
        case HLN_DTYPE_U64: ((uint64_t *)p)[i] = (uint64_t)k; return;
        default: return;
        }
    }
    }
}
static void hln__x_seti(hln_exec_tensor *t, uint64_t i, int64_t v) {
    uint8_t *p = (uint8_t *)t->data;
    switch (t->dtype) {
    case HLN_DTYPE_I64: ((int64_t *)p)[i] = v; return;
    case HLN_DTYPE_I32: ((int32_t *)p)[i] = (int32_t)v; return;
    case HLN_DTYPE_I16: ((int16_t *)p)[i] = (int16_t)v; return;
    case HLN_DTYPE_I8: ((int8_t *)p)[i] = (int8_t)v; return;
    case HLN_DTYPE_U8: p[i] = (uint8_t)v; return;
    case HLN_DTYPE_BOOL: p[i] = v != 0; return;
    case HLN_DTYPE_U16: ((uint16_t *)p)[i] = (uint16_t)v; return;
    case HLN_DTYPE_U32: ((uint32_t *)p)[i] = (uint32_t)v; return;
    case HLN_DTYPE_U64: ((uint64_t *)p)[i] = (uint64_t)v; return;
    default: hln__x_setf(t, i, (double)v); return;
    }
}

/* ---- the arena: first fit over free ranges kept by offset; a value that does not fit
   (fragmentation, a shape the liveness pass could not know) spills to the allocator ---- */
#define HLN__X_ALIGN 64u
static uint64_t hln__x_round(uint64_t n) { return ((n ? n : 1) + HLN__X_ALIGN - 1) / HLN__X_ALIGN * HLN__X_ALIGN; }

static void *hln__x_value_alloc(hln_exec *x, uint64_t bytes) {
    uint64_t b = hln__x_round(bytes);
    uint32_t k;
    void *p;
    for (k = 0; k < x->n_free; k++)
        if (x->free_ranges[k][1] >= b) {
            p = x->arena + x->free_ranges[k][0];
            x->free_ranges[k][0] += b;
            x->free_ranges[k][1] -= b;
            if (!x->free_ranges[k][1]) { memmove(x->free_ranges[k], x->free_ranges[k + 1], (size_t)(x->n_free - k - 1) * sizeof *x->free_ranges); x->n_free--; }
            return p;
        }
    p = hln__x_alloc_raw(x, (size_t)bytes);
    if (p) { x->spilled += bytes; if (x->spilled > x->spill_peak) x->spill_peak = x->spilled; }
    return p;
}

static void hln__x_value_free(hln_exec *x, void *ptr, uint64_t bytes) {
    uint8_t *p = (uint8_t *)ptr;
    uint64_t off, b = hln__x_round(bytes);
    uint32_t k;
    if (!p) return;
    if (!x->arena || p < x->arena || p >= x->arena + x->arena_size) {
        hln__x_free_raw(x, p);
        x->spilled = x->spilled >= bytes ? x->spilled - bytes : 0;
        return;
    }
    off = (uint64_t)(p - x->arena);
    for (k = 0; k < x->n_free && x->free_ranges[k][0] < off; k++) {}
    if (k > 0 && x->free_ranges[k - 1][0] + x->free_ranges[k - 1][1] == off) {   /* joins the range before */
        x->free_ranges[k - 1][1] += b;
        if (k < x->n_free && off + b == x->free_ranges[k][0]) {
            x->free_ranges[k - 1][1] += x->free_ranges[k][1];
            memmove(x->free_ranges[k], x->free_ranges[k + 1], (size_t)(x->n_free - k - 1) * sizeof *x->free_ranges);
            x->n_free--;
        }
        return;
    }
    if (k < x->n_free && off + b == x->free_ranges[k][0]) { x->free_ranges[k][0] = off; x->free_ranges[k][1] += b; return; }
    if (x->n_free == x->cap_free) {
        uint32_t cap = x->cap_free ? x->cap_free * 2 : 64;
        uint64_t (*grown)[2] = (uint64_t (*)[2])hln__x_alloc_raw(x, (size_t)cap * sizeof *grown);
        if (!grown) return;   /* the range stays unused until the next run resets the arena */
        if (x->n_free) memcpy(grown, x->free_ranges, (size_t)x->n_free * sizeof *grown);
        hln__x_free_raw(x, x->free_ranges);
        x->free_ranges = grown;
        x->cap_free = cap;
    }
    memmove(x->free_ranges[k + 1], x->free_ranges[k], (size_t)(x->n_free - k) * sizeof *x->free_ranges);
    x->free_ranges[k][0] = off;
    x->free_ranges[k][1] = b;
    x->n_free++;
}

/* Before a run, with no value alive: the arena holds the liveness peak and a fifth more. */
static void hln__x_arena_reset(hln_exec *x) {
    uint64_t want = hln__x_round(x->liveness_peak + x->liveness_peak / 5 + ((uint64_t)256 << 10));
    if (want > x->o.max_memory) want = hln__x_round(x->o.max_memory);
    if (want > (uint64_t)SIZE_MAX) want = 0;
    if (want > x->arena_size || !x->arena) {
        hln__x_free_raw(x, x->arena);
        x->arena = want ? (uint8_t *)hln__x_alloc_raw(x, (size_t)want) : NULL;
        x->arena_size = x->arena ? want : 0;
    }
    x->n_free = 0;
    x->spilled = x->spill_peak = 0;
    if (x->arena && !x->cap_free) {
        x->free_ranges = (uint64_t (*)[2])hln__x_alloc_raw(x, 64 * sizeof *x->free_ranges);
        x->cap_free = x->free_ranges ? 64 : 0;
    }
    if (x->arena && x->cap_free) { x->free_ranges[0][0] = 0; x->free_ranges[0][1] = x->arena_size; x->n_free = 1; }
}

/* ---- allocation of node outputs ---- */
static int hln__x_count(uint32_t rank, const int64_t *dims, uint64_t *n) {
    uint32_t i;
    *n = 1;
    for (i = 0; i < rank; i++) if (dims[i] < 0 || hln_mul_overflow(*n, (uint64_t)dims[i], n)) return 0;
    return 1;
}

static hln_result hln__x_new(hln__xc *c, uint32_t k, hln_dtype dt, uint32_t rank, const int64_t *dims) {
    hln_exec_tensor *t;
    uint64_t n, bytes;
    char why[96];
    if (k >= c->n_out) return HLN__X_BAD(c, "fewer outputs than the op produces");
    t = c->out[k];
    if (!hln__x_value_dtype(dt)) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "values of dtype ", hln_dtype_get(dt)->name);
    if (rank > HLN_MAX_DIMS) return hln__x_fail(c, HLN_ERR_LIMIT, "output rank exceeds HLN_MAX_DIMS", NULL);
    if (!hln__x_count(rank, dims, &n) || hln_mul_overflow(n, hln__x_esize(dt), &bytes) || bytes > (uint64_t)SIZE_MAX - 64)
        return hln__x_fail(c, HLN_ERR_OVERFLOW, "output size overflows", NULL);
    if (bytes > c->x->o.max_memory || c->x->live > c->x->o.max_memory - bytes) {
        snprintf(why, sizeof why, "%llu bytes with %llu live, over max_memory %llu",
                 (unsigned long long)bytes, (unsigned long long)c->x->live, (unsigned long long)c->x->o.max_memory);
        return hln__x_fail(c, HLN_ERR_LIMIT, "output would need ", why);
    }
    t->data = hln__x_value_alloc(c->x, bytes);
    if (!t->data) return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL);
    memset(t->data, 0, (size_t)bytes ? (size_t)bytes : 1);
    t->dtype = dt;
    t->rank = rank;
    if (rank) memcpy(t->dims, dims, rank * sizeof *dims);
    t->n_elements = n;
    c->x->live += bytes;
    if (c->x->live > c->x->peak) c->x->peak = c->x->live;
    return HLN_OK;
}
static hln_result hln__x_new_like(hln__xc *c, uint32_t k, hln_dtype dt, const hln_exec_tensor *like) {
    return hln__x_new(c, k, dt, like->rank, like->dims);
}
static void hln__x_release(hln_exec *x, hln_exec_tensor *t) {
    uint64_t bytes = t->n_elements * hln__x_esize(t->dtype);
    hln__x_value_free(x, t->data, bytes);
    x->live = x->live >= bytes ? x->live - bytes : 0;
    t->data = NULL;
}

/* ---- broadcasting ---- */
typedef struct hln__xbc {
    uint32_t r, k;
    int64_t  dims[HLN_MAX_DIMS], idx[HLN_MAX_DIMS];
    uint64_t st[4][HLN_MAX_DIMS], off[4];
} hln__xbc;

static int hln__x_bshape(const hln_exec_tensor *const *ts, uint32_t k, uint32_t *rank, int64_t *dims) {
    uint32_t r = 0, i, j;
    for (j = 0; j < k; j++) if (ts[j]->rank > r) r = ts[j]->rank;
    for (i = 0; i < r; i++) {
        int64_t d = 1;
        for (j = 0; j < k; j++) {
            int64_t e;
            if (ts[j]->rank + i < r) continue;
            e = ts[j]->dims[ts[j]->rank - r + i];
            if (e == d || e == 1) continue;
            if (d != 1) return 0;
            d = e;
        }
        for (j = 0; j < k; j++)   /* a 0 dim beats a 1 */
            if (ts[j]->rank + i >= r && ts[j]->dims[ts[j]->rank - r + i] == 0) d = 0;
        dims[i] = d;
    }
    *rank = r;
    return 1;
}
static void hln__xbc_init(hln__xbc *b, const hln_exec_tensor *out, const hln_exec_tensor *const *ts, uint32_t k) {
    uint32_t i, j;
    memset(b, 0, sizeof *b);
    b->r = out->rank;
    b->k = k;
    memcpy(b->dims, out->dims, sizeof b->dims);
    for (j = 0; j < k; j++) {
        uint64_t s = 1;
        for (i = b->r; i-- > 0;) {
            if (ts[j]->rank + i < b->r) { b->st[j][i] = 0; continue; }
            {
                int64_t d = ts[j]->dims[ts[j]->rank - b->r + i];
                b->st[j][i] = d == 1 ? 0 : s;
                s *= (uint64_t)d;
            }
        }
    }
}
static void hln__xbc_next(hln__xbc *b) {
    uint32_t i, j;
    for (i = b->r; i-- > 0;) {
        for (j = 0; j < b->k; j++) b->off[j] += b->st[j][i];
        if (++b->idx[i] < b->dims[i]) return;
        for (j = 0; j < b->k; j++) b->off[j] -= b->st[j][i] * (uint64_t)b->dims[i];
        b->idx[i] = 0;
    }
}

/* ---- elementwise ---- */
enum { HLN__XB_ADD, HLN__XB_SUB, HLN__XB_MUL, HLN__XB_DIV, HLN__XB_POW, HLN__XB_MAX, HLN__XB_MIN, HLN__XB_MOD,
       HLN__XB_EQ, HLN__XB_GT, HLN__XB_LT, HLN__XB_GE, HLN__XB_LE, HLN__XB_AND, HLN__XB_OR, HLN__XB_XOR,
       HLN__XB_PRELU, HLN__XB_BITAND, HLN__XB_BITOR };

static double hln__xb_f(int op, double a, double b, int fmod_) {
    switch (op) {
    case HLN__XB_ADD: return a + b;
    case HLN__XB_SUB: return a - b;
    case HLN__XB_MUL: return a * b;
    case HLN__XB_DIV: return a / b;
    case HLN__XB_POW: return pow(a, b);
    case HLN__XB_MAX: return a != a || b != b ? a + b : a > b ? a : b;
    case HLN__XB_MIN: return a != a || b != b ? a + b : a < b ? a : b;
    case HLN__XB_MOD: { double r = fmod(a, b); if (!fmod_ && r != 0 && ((r < 0) != (b < 0))) r += b; return r; }
    case HLN__XB_EQ: return a == b;
    case HLN__XB_GT: return a > b;
    case HLN__XB_LT: return a < b;
    case HLN__XB_GE: return a >= b;
    case HLN__XB_LE: return a <= b;
    case HLN__XB_PRELU: return a < 0 ? a * b : a;
    default: return 0;
    }
}
static int64_t hln__xb_i(int op, int64_t a, int64_t b, int fmod_) {
    switch (op) {
    case HLN__XB_ADD: return (int64_t)((uint64_t)a + (uint64_t)b);
    case HLN__XB_SUB: return (int64_t)((uint64_t)a - (uint64_t)b);
    case HLN__XB_MUL: return (int64_t)((uint64_t)a * (uint64_t)b);
    case HLN__XB_DIV: return b == 0 || (a == INT64_MIN && b == -1) ? 0 : a / b;
    case HLN__XB_POW: { int64_t r = 1; int64_t e = b; if (e < 0) return a == 1 ? 1 : 0; while (e-- > 0) r = (int64_t)((uint64_t)r * (uint64_t)a); return r; }
    case HLN__XB_MAX: return a > b ? a : b;
    case HLN__XB_MIN: return a < b ? a : b;
    case HLN__XB_MOD: { int64_t r; if (b == 0 || (a == INT64_MIN && b == -1)) return 0; r = a % b; if (!fmod_ && r != 0 && ((r < 0) != (b < 0))) r += b; return r; }
    case HLN__XB_EQ: return a == b;
    case HLN__XB_GT: return a > b;
    case HLN__XB_LT: return a < b;
    case HLN__XB_GE: return a >= b;
    case HLN__XB_LE: return a <= b;
    case HLN__XB_AND: return a && b;
    case HLN__XB_OR: return a || b;
    case HLN__XB_XOR: return !a != !b;
    case HLN__XB_BITAND: return a & b;
    case HLN__XB_BITOR: return a | b;
    case HLN__XB_PRELU: return a < 0 ? a * b : a;
    default: return 0;
    }
}

/* out = a op b with broadcasting into output k; out dtype bool for comparisons. */
static hln_result hln__x_binary_into(hln__xc *c, int op, const hln_exec_tensor *a, const hln_exec_tensor *b, uint32_t k) {
    const hln_exec_tensor *ts[2];
    uint32_t rank;
    int64_t dims[HLN_MAX_DIMS];
    int cmp = op >= HLN__XB_EQ && op <= HLN__XB_XOR, fmod_ = (int)hln__x_attr_i(c->n, "fmod", 0);
    hln_dtype odt = cmp ? HLN_DTYPE_BOOL : a->dtype;
    hln_exec_tensor *o;
    hln__xbc bc;
    hln_result r;
    uint64_t i;
    int fl = hln__x_is_float(a->dtype) || hln__x_is_float(b->dtype);
    ts[0] = a; ts[1] = b;
    if (op != HLN__XB_POW && a->dtype != b->dtype && !(op == HLN__XB_PRELU)) return HLN__X_BAD(c, "inputs of different dtypes");
    if (!hln__x_bshape(ts, 2, &rank, dims)) return HLN__X_BAD(c, "input shapes do not broadcast");
    if ((r = hln__x_new(c, k, odt, rank, dims)) != HLN_OK) return r;
    o = c->out[k];
    if (!o->n_elements) return HLN_OK;
    if (odt == HLN_DTYPE_F32 && a->dtype == HLN_DTYPE_F32 && b->dtype == HLN_DTYPE_F32 && op <= HLN__XB_DIV) {
        float *HLN__RESTRICT y = (float *)o->data;
        const float *pa = (const float *)a->data, *pb = (const float *)b->data;
        if (a->n_elements == o->n_elements && b->n_elements == o->n_elements) {
            for (i = 0; i < o->n_elements; i++)
                y[i] = op == HLN__XB_ADD ? pa[i] + pb[i] : op == HLN__XB_SUB ? pa[i] - pb[i] : op == HLN__XB_MUL ? pa[i] * pb[i] : pa[i] / pb[i];
            return HLN_OK;
        }
    }
    hln__xbc_init(&bc, o, ts, 2);
    for (i = 0; i < o->n_elements; i++, hln__xbc_next(&bc)) {
        if (fl) hln__x_setf(o, i, hln__xb_f(op, hln__x_getf(a, bc.off[0]), hln__x_getf(b, bc.off[1]), fmod_));
        else hln__x_seti(o, i, hln__xb_i(op, hln__x_geti(a, bc.off[0]), hln__x_geti(b, bc.off[1]), fmod_));
    }
    return HLN_OK;
}

/* Variadic Max/Min/Sum/Mean fold pairwise into output 0. */
static hln_result hln__x_variadic(hln__xc *c, int op, int mean) {
    hln_exec_tensor acc, *keep = c->out[0];
    hln_result r;
    uint32_t j;
    uint64_t i;
    if (!c->n_in || !c->in[0]) return HLN__X_BAD(c, "needs at least one input");
    if (c->n_in == 1) {
        if ((r = hln__x_new_like(c, 0, c->in[0]->dtype, c->in[0])) != HLN_OK) return r;
        memcpy(c->out[0]->data, c->in[0]->data, (size_t)(c->in[0]->n_elements * hln__x_esize(c->in[0]->dtype)));
    } else {
        if ((r = hln__x_binary_into(c, op, c->in[0], c->in[1], 0)) != HLN_OK) return r;
        for (j = 2; j < c->n_in; j++) {
            if (!c->in[j]) return HLN__X_BAD(c, "an omitted input");
            acc = *keep;
            if ((r = hln__x_binary_into(c, op, &acc, c->in[j], 0)) != HLN_OK) { c->out[0] = keep; *keep = acc; return r; }
            hln__x_release(c->x, &acc);
        }
    }
    if (mean) for (i = 0; i < keep->n_elements; i++) hln__x_setf(keep, i, hln__x_getf(keep, i) / (double)c->n_in);
    return HLN_OK;
}

enum { HLN__XU_RELU, HLN__XU_SIGMOID, HLN__XU_TANH, HLN__XU_EXP, HLN__XU_LOG, HLN__XU_SQRT, HLN__XU_NEG, HLN__XU_ABS,
       HLN__XU_RECIP, HLN__XU_FLOOR, HLN__XU_CEIL, HLN__XU_ROUND, HLN__XU_ERF, HLN__XU_LEAKY, HLN__XU_HSIG, HLN__XU_HSWISH,
       HLN__XU_ELU, HLN__XU_SELU, HLN__XU_SOFTPLUS, HLN__XU_SOFTSIGN, HLN__XU_GELU, HLN__XU_GELU_TANH, HLN__XU_SIN, HLN__XU_COS,
       HLN__XU_NOT, HLN__XU_SIGN, HLN__XU_IDENT, HLN__XU_CLIP, HLN__XU_MISH, HLN__XU_ISNAN, HLN__XU_THRELU, HLN__XU_CELU };

static double hln__xu(int op, double v, double p1, double p2) {
    switch (op) {
    case HLN__XU_RELU: return v > 0 ? v : 0 * v;
    case HLN__XU_SIGMOID: return v >= 0 ? 1.0 / (1.0 + exp(-v)) : exp(v) / (1.0 + exp(v));
    case HLN__XU_TANH: return tanh(v);
    case HLN__XU_EXP: return exp(v);
    case HLN__XU_LOG: return log(v);
    case HLN__XU_SQRT: return sqrt(v);
    case HLN__XU_NEG: return -v;
    case HLN__XU_ABS: return fabs(v);
    case HLN__XU_RECIP: return 1.0 / v;
    case HLN__XU_FLOOR: return floor(v);
    case HLN__XU_CEIL: return ceil(v);
    case HLN__XU_ROUND: { double r = floor(v + 0.5); if (r - v == 0.5 && fmod(r, 2.0) != 0) r -= 1; return r; }
    case HLN__XU_ERF: return erf(v);
    case HLN__XU_LEAKY: return v >= 0 ? v : p1 * v;
    case HLN__XU_HSIG: { double y = p1 * v + p2; return y < 0 ? 0 : y > 1 ? 1 : y; }
    case HLN__XU_HSWISH: { double y = v / 6 + 0.5; return v * (y < 0 ? 0 : y > 1 ? 1 : y); }
    case HLN__XU_ELU: return v >= 0 ? v : p1 * (exp(v) - 1);
    case HLN__XU_SELU: return v > 0 ? p2 * v : p2 * (p1 * exp(v) - p1);
    case HLN__XU_SOFTPLUS: return v > 30 ? v : log1p(exp(v));
    case HLN__XU_SOFTSIGN: return v / (1 + fabs(v));
    case HLN__XU_GELU: return 0.5 * v * (1 + erf(v / sqrt(2.0)));
    case HLN__XU_GELU_TANH: return 0.5 * v * (1 + tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)));
    case HLN__XU_SIN: return sin(v);
    case HLN__XU_COS: return cos(v);
    case HLN__XU_NOT: return v == 0;
    case HLN__XU_SIGN: return v > 0 ? 1 : v < 0 ? -1 : 0;
    case HLN__XU_CLIP: return v < p1 ? p1 : v > p2 ? p2 : v;
    case HLN__XU_MISH: return v * tanh(v > 30 ? v : log1p(exp(v)));
    case HLN__XU_ISNAN: return v != v;
    case HLN__XU_THRELU: return v > p1 ? v : 0;
    case HLN__XU_CELU: return v > 0 ? v : p1 * (exp(v / p1) - 1);
    default: return v;
    }
}

static hln_result hln__x_unary(hln__xc *c, int op, double p1, double p2) {
    const hln_exec_tensor *a = c->in[0];
    hln_dtype odt;
    hln_result r;
    uint64_t i;
    if (!a) return HLN__X_BAD(c, "missing input");
    odt = op == HLN__XU_ISNAN || op == HLN__XU_NOT ? HLN_DTYPE_BOOL : a->dtype;
    if ((r = hln__x_new_like(c, 0, odt, a)) != HLN_OK) return r;
    if (a->dtype == HLN_DTYPE_F32 && odt == HLN_DTYPE_F32) {
        const float *s = (const float *)a->data;
        float *d = (float *)c->out[0]->data;
        if (op == HLN__XU_RELU) { for (i = 0; i < a->n_elements; i++) d[i] = s[i] > 0 ? s[i] : 0.0f; return HLN_OK; }
        for (i = 0; i < a->n_elements; i++) d[i] = (float)hln__xu(op, s[i], p1, p2);
        return HLN_OK;
    }
    if (hln__x_is_float(a->dtype) || op == HLN__XU_NOT) {
        for (i = 0; i < a->n_elements; i++) hln__x_setf(c->out[0], i, hln__xu(op, hln__x_getf(a, i), p1, p2));
        return HLN_OK;
    }
    for (i = 0; i < a->n_elements; i++) {   /* integers: exact where it matters */
        int64_t v = hln__x_geti(a, i);
        switch (op) {
        case HLN__XU_NEG: v = (int64_t)(0 - (uint64_t)v); break;
        case HLN__XU_ABS: v = v < 0 ? (int64_t)(0 - (uint64_t)v) : v; break;
        case HLN__XU_RELU: v = v > 0 ? v : 0; break;
        case HLN__XU_SIGN: v = v > 0 ? 1 : v < 0 ? -1 : 0; break;
        case HLN__XU_IDENT: case HLN__XU_FLOOR: case HLN__XU_CEIL: case HLN__XU_ROUND: break;
        case HLN__XU_CLIP: v = (double)v < p1 ? (int64_t)p1 : (double)v > p2 ? (int64_t)p2 : v; break;
        default: return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "integer input of dtype ", hln_dtype_get(a->dtype)->name);
        }
        hln__x_seti(c->out[0], i, v);
    }
    return HLN_OK;
}

/* Scalar float of an optional input, or dflt. */
static double hln__x_scalar_f(const hln_exec_tensor *t, double dflt) { return t && t->n_elements ? hln__x_getf(t, 0) : dflt; }

static hln_result hln__x_clip(hln__xc *c) {
    double lo = -INFINITY, hi = INFINITY;
    if (c->x->opset < 11) { lo = hln__x_attr_f(c->n, "min", -3.402823466e38f); hi = hln__x_attr_f(c->n, "max", 3.402823466e38f); }
    else {
        lo = hln__x_scalar_f(c->n_in > 1 ? c->in[1] : NULL, lo);
        hi = hln__x_scalar_f(c->n_in > 2 ? c->in[2] : NULL, hi);
    }
    return hln__x_unary(c, HLN__XU_CLIP, lo, hi);
}

static hln_result hln__x_where(hln__xc *c) {
    const hln_exec_tensor *ts[3];
    uint32_t rank;
    int64_t dims[HLN_MAX_DIMS];
    hln__xbc bc;
    hln_result r;
    uint64_t i;
    size_t es;
    if (c->n_in < 3 || !c->in[0] || !c->in[1] || !c->in[2]) return HLN__X_BAD(c, "needs three inputs");
    ts[0] = c->in[0]; ts[1] = c->in[1]; ts[2] = c->in[2];
    if (ts[1]->dtype != ts[2]->dtype) return HLN__X_BAD(c, "X and Y of different dtypes");
    if (!hln__x_bshape(ts, 3, &rank, dims)) return HLN__X_BAD(c, "input shapes do not broadcast");
    if ((r = hln__x_new(c, 0, ts[1]->dtype, rank, dims)) != HLN_OK) return r;
    es = hln__x_esize(ts[1]->dtype);
    hln__xbc_init(&bc, c->out[0], ts, 3);
    for (i = 0; i < c->out[0]->n_elements; i++, hln__xbc_next(&bc)) {
        int take_x = hln__x_geti(ts[0], bc.off[0]) != 0;
        memcpy((uint8_t *)c->out[0]->data + i * es, (const uint8_t *)(take_x ? ts[1] : ts[2])->data + (take_x ? bc.off[1] : bc.off[2]) * es, es);
    }
    return HLN_OK;
}

static hln_result hln__x_cast_into(hln__xc *c, const hln_exec_tensor *a, hln_dtype to, uint32_t k) {
    hln_result r;
    uint64_t i;
    if ((r = hln__x_new_like(c, k, to, a)) != HLN_OK) return r;
    if (hln__x_is_float(a->dtype) || hln__x_is_float(to))
        for (i = 0; i < a->n_elements; i++) hln__x_setf(c->out[k], i, hln__x_getf(a, i));
    else
        for (i = 0; i < a->n_elements; i++) hln__x_seti(c->out[k], i, hln__x_geti(a, i));
    return HLN_OK;
}
static hln_result hln__x_cast(hln__xc *c) {
    hln_dtype to = hln_dtype_from_onnx((int32_t)hln__x_attr_i(c->n, "to", 0));
    if (!c->in[0]) return HLN__X_BAD(c, "missing input");
    if (c->n->op_type[4] == 'L') to = c->in[1] ? c->in[1]->dtype : to;   /* CastLike */
    return hln__x_cast_into(c, c->in[0], to, 0);
}

/* ---- shape and data movement ---- */
static int64_t hln__x_axis(int64_t axis, int64_t rank) { return axis < 0 ? axis + rank : axis; }

/* Integer list of a 1-D (or scalar) input: at most cap entries; -1 when absent or too long. */
static int hln__x_ints(const hln_exec_tensor *t, int64_t *out, int cap) {
    uint64_t i;
    if (!t || t->n_elements > (uint64_t)cap || hln__x_is_float(t->dtype)) return -1;
    for (i = 0; i < t->n_elements; i++) out[i] = hln__x_geti(t, i);
    return (int)t->n_elements;
}

static hln_result hln__x_copy_shape(hln__xc *c, const hln_exec_tensor *a, uint32_t rank, const int64_t *dims) {
    hln_result r;
    uint64_t n;
    if (!hln__x_count(rank, dims, &n) || n != a->n_elements) return HLN__X_BAD(c, "the new shape does not hold the input's element count");
    if ((r = hln__x_new(c, 0, a->dtype, rank, dims)) != HLN_OK) return r;
    if (n) memcpy(c->out[0]->data, a->data, (size_t)(n * hln__x_esize(a->dtype)));
    return HLN_OK;
}

static hln_result hln__x_reshape(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t shape[HLN_MAX_DIMS];
    int n = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, shape, HLN_MAX_DIMS), i, neg = -1;
    int allowzero = (int)hln__x_attr_i(c->n, "allowzero", 0);
    uint64_t known = 1;
    if (!a) return HLN__X_BAD(c, "missing input");
    if (n < 0) n = hln__x_attr_ints(c->n, "shape", shape, HLN_MAX_DIMS);
    if (n < 0) return HLN__X_BAD(c, "no usable shape input (at most HLN_MAX_DIMS integers)");
    for (i = 0; i < n; i++) {
        if (shape[i] == 0 && !allowzero) {
            if ((uint32_t)i >= a->rank) return HLN__X_BAD(c, "a 0 in the shape past the input's rank");
            shape[i] = a->dims[i];
        }
        if (shape[i] == -1) { if (neg >= 0) return HLN__X_BAD(c, "two -1 in the shape"); neg = i; continue; }
        if (shape[i] < 0 || hln_mul_overflow(known, (uint64_t)shape[i], &known)) return HLN__X_BAD(c, "a negative or overflowing shape");
    }
    if (neg >= 0) {
        if (known == 0 || a->n_elements % known) return HLN__X_BAD(c, "the -1 dim cannot be inferred from the element count");
        shape[neg] = (int64_t)(a->n_elements / known);
    }
    return hln__x_copy_shape(c, a, (uint32_t)n, shape);
}

static hln_result hln__x_flatten(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t axis, d[2] = {1, 1};
    uint32_t i;
    if (!a) return HLN__X_BAD(c, "missing input");
    axis = hln__x_axis(hln__x_attr_i(c->n, "axis", 1), a->rank);
    if (axis < 0 || axis > (int64_t)a->rank) return HLN__X_BAD(c, "axis out of range");
    for (i = 0; i < a->rank; i++) d[(int64_t)i < axis ? 0 : 1] *= a->dims[i];
    return hln__x_copy_shape(c, a, 2, d);
}

/* Squeeze / Unsqueeze: axes from the attribute (opset < 13) or the second input. */
static hln_result hln__x_squeeze(hln__xc *c, int unsq) {
    const hln_exec_tensor *a = c->in[0];
    int64_t axes[HLN_MAX_DIMS], dims[HLN_MAX_DIMS];
    uint8_t mark[HLN_MAX_DIMS + 1];
    int n = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, axes, HLN_MAX_DIMS), i;
    uint32_t r = 0, j, out_rank, src = 0;
    if (!a) return HLN__X_BAD(c, "missing input");
    if (n < 0) n = hln__x_attr_ints(c->n, "axes", axes, HLN_MAX_DIMS);
    memset(mark, 0, sizeof mark);
    if (unsq) {
        if (n < 0) return HLN__X_BAD(c, "no axes");
        out_rank = a->rank + (uint32_t)n;
        if (out_rank > HLN_MAX_DIMS) return hln__x_fail(c, HLN_ERR_LIMIT, "rank exceeds HLN_MAX_DIMS", NULL);
        for (i = 0; i < n; i++) {
            int64_t ax = hln__x_axis(axes[i], out_rank);
            if (ax < 0 || ax >= (int64_t)out_rank || mark[ax]) return HLN__X_BAD(c, "an axis out of range or repeated");
            mark[ax] = 1;
        }
        for (j = 0; j < out_rank; j++) dims[j] = mark[j] ? 1 : a->dims[src++];
        return hln__x_copy_shape(c, a, out_rank, dims);
    }
    for (i = 0; i < n; i++) {
        int64_t ax = hln__x_axis(axes[i], a->rank);
        if (ax < 0 || ax >= (int64_t)a->rank || a->dims[ax] != 1) return HLN__X_BAD(c, "an axis out of range or not of size 1");
        mark[ax] = 1;
    }
    for (j = 0; j < a->rank; j++) if (!(n < 0 ? a->dims[j] == 1 : mark[j])) dims[r++] = a->dims[j];
    return hln__x_copy_shape(c, a, r, dims);
}

static hln_result hln__x_transpose(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t perm[HLN_MAX_DIMS], dims[HLN_MAX_DIMS], idx[HLN_MAX_DIMS];
    uint64_t st[HLN_MAX_DIMS], s = 1, i, off = 0;
    uint8_t seen[HLN_MAX_DIMS];
    int n;
    uint32_t j, r;
    size_t es;
    hln_result res;
    if (!a) return HLN__X_BAD(c, "missing input");
    r = a->rank;
    n = hln__x_attr_ints(c->n, "perm", perm, HLN_MAX_DIMS);
    if (n < 0) { for (j = 0; j < r; j++) perm[j] = r - 1 - j; n = (int)r; }
    if ((uint32_t)n != r) return HLN__X_BAD(c, "perm does not match the rank");
    memset(seen, 0, sizeof seen);
    for (j = 0; j < r; j++) {
        if (perm[j] < 0 || perm[j] >= (int64_t)r || seen[perm[j]]) return HLN__X_BAD(c, "perm is not a permutation");
        seen[perm[j]] = 1;
    }
    for (j = r; j-- > 0;) { st[j] = s; s *= (uint64_t)a->dims[j]; }
    for (j = 0; j < r; j++) dims[j] = a->dims[perm[j]];
    if ((res = hln__x_new(c, 0, a->dtype, r, dims)) != HLN_OK) return res;
    es = hln__x_esize(a->dtype);
    memset(idx, 0, sizeof idx);
    for (i = 0; i < c->out[0]->n_elements; i++) {
        memcpy((uint8_t *)c->out[0]->data + i * es, (const uint8_t *)a->data + off * es, es);
        for (j = r; j-- > 0;) {
            off += st[perm[j]];
            if (++idx[j] < dims[j]) break;
            off -= st[perm[j]] * (uint64_t)dims[j];
            idx[j] = 0;
        }
    }
    return HLN_OK;
}

/* Outer/axis/inner split of a shape around an axis. */
static void hln__x_around(const hln_exec_tensor *t, int64_t axis, uint64_t *outer, uint64_t *inner) {
    uint32_t j;
    *outer = 1; *inner = 1;
    for (j = 0; j < t->rank; j++) {
        if ((int64_t)j < axis) *outer *= (uint64_t)t->dims[j];
        else if ((int64_t)j > axis) *inner *= (uint64_t)t->dims[j];
    }
}

static hln_result hln__x_concat(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t axis, dims[HLN_MAX_DIMS];
    uint64_t outer, inner, o, pos = 0;
    uint32_t j, q;
    size_t es;
    hln_result r;
    if (!a) return HLN__X_BAD(c, "missing input");
    axis = hln__x_axis(hln__x_attr_i(c->n, "axis", 0), a->rank);
    if (axis < 0 || axis >= (int64_t)a->rank) return HLN__X_BAD(c, "axis out of range");
    memcpy(dims, a->dims, sizeof dims);
    dims[axis] = 0;
    for (q = 0; q < c->n_in; q++) {
        const hln_exec_tensor *t = c->in[q];
        if (!t || t->rank != a->rank || t->dtype != a->dtype) return HLN__X_BAD(c, "inputs of different ranks or dtypes");
        for (j = 0; j < a->rank; j++) if ((int64_t)j != axis && t->dims[j] != a->dims[j]) return HLN__X_BAD(c, "inputs differ off the axis");
        dims[axis] += t->dims[axis];
    }
    if ((r = hln__x_new(c, 0, a->dtype, a->rank, dims)) != HLN_OK) return r;
    es = hln__x_esize(a->dtype);
    hln__x_around(c->out[0], axis, &outer, &inner);
    for (o = 0; o < outer; o++)
        for (q = 0; q < c->n_in; q++) {
            uint64_t len = (uint64_t)c->in[q]->dims[axis] * inner * es;
            memcpy((uint8_t *)c->out[0]->data + pos, (const uint8_t *)c->in[q]->data + o * len, (size_t)len);
            pos += len;
        }
    return HLN_OK;
}

static hln_result hln__x_split(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t axis, sizes[64], dims[HLN_MAX_DIMS], total = 0;
    uint64_t outer, inner, o, at = 0;
    int n;
    uint32_t q;
    size_t es;
    hln_result r;
    if (!a) return HLN__X_BAD(c, "missing input");
    axis = hln__x_axis(hln__x_attr_i(c->n, "axis", 0), a->rank);
    if (axis < 0 || axis >= (int64_t)a->rank) return HLN__X_BAD(c, "axis out of range");
    n = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, sizes, 64);
    if (n < 0) n = hln__x_attr_ints(c->n, "split", sizes, 64);
    if (n < 0) {
        int64_t parts = (int64_t)c->n_out, each = (a->dims[axis] + parts - 1) / parts;
        for (q = 0; q < c->n_out; q++) {
            sizes[q] = a->dims[axis] - (int64_t)q * each < each ? a->dims[axis] - (int64_t)q * each : each;
            if (sizes[q] < 0) sizes[q] = 0;
        }
        n = (int)c->n_out;
    }
    if ((uint32_t)n != c->n_out) return HLN__X_BAD(c, "split sizes do not match the outputs");
    for (q = 0; q < c->n_out; q++) { if (sizes[q] < 0) return HLN__X_BAD(c, "a negative split"); total += sizes[q]; }
    if (total != a->dims[axis]) return HLN__X_BAD(c, "split sizes do not add up to the axis");
    es = hln__x_esize(a->dtype);
    hln__x_around(a, axis, &outer, &inner);
    for (q = 0; q < c->n_out; q++) {
        uint64_t len = (uint64_t)sizes[q] * inner * es;
        memcpy(dims, a->dims, sizeof dims);
        dims[axis] = sizes[q];
        if ((r = hln__x_new(c, q, a->dtype, a->rank, dims)) != HLN_OK) return r;
        for (o = 0; o < outer; o++)
            memcpy((uint8_t *)c->out[q]->data + o * len, (const uint8_t *)a->data + (o * (uint64_t)a->dims[axis] * inner) * es + at, (size_t)len);
        at += len;
    }
    return HLN_OK;
}

static hln_result hln__x_slice(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t starts[HLN_MAX_DIMS], ends[HLN_MAX_DIMS], axes[HLN_MAX_DIMS], steps[HLN_MAX_DIMS];
    int64_t st[HLN_MAX_DIMS], sp[HLN_MAX_DIMS], dims[HLN_MAX_DIMS], idx[HLN_MAX_DIMS];
    uint64_t stride[HLN_MAX_DIMS], s = 1, i;
    int ns, ne, na, nst, k;
    uint32_t j, r;
    size_t es;
    hln_result res;
    if (!a) return HLN__X_BAD(c, "missing input");
    r = a->rank;
    if (c->x->opset < 10 && c->n_in == 1) {
        ns = hln__x_attr_ints(c->n, "starts", starts, HLN_MAX_DIMS);
        ne = hln__x_attr_ints(c->n, "ends", ends, HLN_MAX_DIMS);
        na = hln__x_attr_ints(c->n, "axes", axes, HLN_MAX_DIMS);
        nst = -1;
    } else {
        ns = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, starts, HLN_MAX_DIMS);
        ne = hln__x_ints(c->n_in > 2 ? c->in[2] : NULL, ends, HLN_MAX_DIMS);
        na = hln__x_ints(c->n_in > 3 ? c->in[3] : NULL, axes, HLN_MAX_DIMS);
        nst = hln__x_ints(c->n_in > 4 ? c->in[4] : NULL, steps, HLN_MAX_DIMS);
    }
    if (ns < 0 || ne != ns || (na >= 0 && na != ns) || (nst >= 0 && nst != ns)) return HLN__X_BAD(c, "starts/ends/axes/steps disagree");
    for (j = 0; j < r; j++) { st[j] = 0; sp[j] = 1; dims[j] = a->dims[j]; }
    for (k = 0; k < ns; k++) {
        int64_t ax = hln__x_axis(na >= 0 ? axes[k] : k, r), d, b, e, step = nst >= 0 ? steps[k] : 1;
        if (ax < 0 || ax >= (int64_t)r) return HLN__X_BAD(c, "an axis out of range");
        if (step == 0) return HLN__X_BAD(c, "a step of 0");
        d = a->dims[ax];
        b = starts[k]; e = ends[k];
        if (b < 0) b += d;
        if (e < 0) e += d;
        if (step > 0) { if (b < 0) b = 0; if (b > d) b = d; if (e > d) e = d; if (e < 0) e = 0; }
        else { if (b < -1) b = -1; if (b > d - 1) b = d - 1; if (e > d - 1) e = d - 1; if (e < -1) e = -1; }
        st[ax] = b;
        sp[ax] = step;
        if (step > 0) dims[ax] = e > b ? (e - b + step - 1) / step : 0;
        else dims[ax] = b > e ? (b - e + (-step) - 1) / (-step) : 0;
    }
    for (j = r; j-- > 0;) { stride[j] = s; s *= (uint64_t)a->dims[j]; }
    if ((res = hln__x_new(c, 0, a->dtype, r, dims)) != HLN_OK) return res;
    es = hln__x_esize(a->dtype);
    memset(idx, 0, sizeof idx);
    for (i = 0; i < c->out[0]->n_elements; i++) {
        uint64_t off = 0;
        for (j = 0; j < r; j++) off += (uint64_t)(st[j] + idx[j] * sp[j]) * stride[j];
        memcpy((uint8_t *)c->out[0]->data + i * es, (const uint8_t *)a->data + off * es, es);
        for (j = r; j-- > 0;) { if (++idx[j] < dims[j]) break; idx[j] = 0; }
    }
    return HLN_OK;
}

static hln_result hln__x_gather(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0], *ix = c->n_in > 1 ? c->in[1] : NULL;
    int64_t axis, dims[HLN_MAX_DIMS];
    uint64_t outer, inner, o, q, row;
    uint32_t j, r = 0;
    size_t es;
    hln_result res;
    if (!a || !ix || hln__x_is_float(ix->dtype)) return HLN__X_BAD(c, "needs data and integer indices");
    axis = hln__x_axis(hln__x_attr_i(c->n, "axis", 0), a->rank);
    if (axis < 0 || axis >= (int64_t)a->rank) return HLN__X_BAD(c, "axis out of range");
    if (a->rank - 1 + ix->rank > HLN_MAX_DIMS) return hln__x_fail(c, HLN_ERR_LIMIT, "rank exceeds HLN_MAX_DIMS", NULL);
    for (j = 0; j < (uint32_t)axis; j++) dims[r++] = a->dims[j];
    for (j = 0; j < ix->rank; j++) dims[r++] = ix->dims[j];
    for (j = (uint32_t)axis + 1; j < a->rank; j++) dims[r++] = a->dims[j];
    if ((res = hln__x_new(c, 0, a->dtype, r, dims)) != HLN_OK) return res;
    es = hln__x_esize(a->dtype);
    hln__x_around(a, axis, &outer, &inner);
    row = inner * es;
    for (q = 0; q < ix->n_elements; q++) {
        int64_t k = hln__x_geti(ix, q);
        if (k < 0) k += a->dims[axis];
        if (k < 0 || k >= a->dims[axis]) return hln__x_fail(c, HLN_ERR_RANGE, "an index is out of range", NULL);
    }
    for (o = 0; o < outer; o++)
        for (q = 0; q < ix->n_elements; q++) {
            int64_t k = hln__x_geti(ix, q);
            if (k < 0) k += a->dims[axis];
            memcpy((uint8_t *)c->out[0]->data + (o * ix->n_elements + q) * row,
                   (const uint8_t *)a->data + (o * (uint64_t)a->dims[axis] + (uint64_t)k) * row, (size_t)row);
        }
    return HLN_OK;
}

static hln_result hln__x_expand(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0], *ts[2];
    hln_exec_tensor shape_t;
    int64_t shape[HLN_MAX_DIMS], dims[HLN_MAX_DIMS];
    int n = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, shape, HLN_MAX_DIMS), k;
    uint32_t rank;
    hln__xbc bc;
    uint64_t i;
    size_t es;
    hln_result r;
    if (!a || n < 0) return HLN__X_BAD(c, "needs data and a shape of at most HLN_MAX_DIMS integers");
    memset(&shape_t, 0, sizeof shape_t);
    shape_t.rank = (uint32_t)n;
    for (k = 0; k < n; k++) { if (shape[k] < 0) return HLN__X_BAD(c, "a negative dim"); shape_t.dims[k] = shape[k]; }
    ts[0] = a; ts[1] = &shape_t;
    if (!hln__x_bshape(ts, 2, &rank, dims)) return HLN__X_BAD(c, "the shape does not broadcast with the input");
    if ((r = hln__x_new(c, 0, a->dtype, rank, dims)) != HLN_OK) return r;
    es = hln__x_esize(a->dtype);
    hln__xbc_init(&bc, c->out[0], ts, 1);
    for (i = 0; i < c->out[0]->n_elements; i++, hln__xbc_next(&bc))
        memcpy((uint8_t *)c->out[0]->data + i * es, (const uint8_t *)a->data + bc.off[0] * es, es);
    return HLN_OK;
}

static hln_result hln__x_shape(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t r, s, e, n, k;
    hln_result res;
    if (!a) return HLN__X_BAD(c, "missing input");
    r = a->rank;
    s = hln__x_attr_i(c->n, "start", 0);
    e = hln__x_attr_i(c->n, "end", r);
    if (s < 0) s += r;
    if (e < 0) e += r;
    if (s < 0) s = 0;
    if (s > r) s = r;
    if (e < 0) e = 0;
    if (e > r) e = r;
    n = e > s ? e - s : 0;
    if ((res = hln__x_new(c, 0, HLN_DTYPE_I64, 1, &n)) != HLN_OK) return res;
    for (k = 0; k < n; k++) ((int64_t *)c->out[0]->data)[k] = a->dims[s + k];
    return HLN_OK;
}

static hln_result hln__x_size(hln__xc *c) {
    hln_result r;
    if (!c->in[0]) return HLN__X_BAD(c, "missing input");
    if ((r = hln__x_new(c, 0, HLN_DTYPE_I64, 0, NULL)) != HLN_OK) return r;
    ((int64_t *)c->out[0]->data)[0] = (int64_t)c->in[0]->n_elements;
    return HLN_OK;
}

static hln_result hln__x_tensor_view(hln_exec *x, int32_t ti, hln_exec_tensor *t, hln_error *err);

static hln_result hln__x_const_of_shape(hln__xc *c) {
    int64_t shape[HLN_MAX_DIMS];
    int n = hln__x_ints(c->in[0], shape, HLN_MAX_DIMS), k;
    const hln_attr *v = hln__x_attr(c->n, "value");
    hln_exec_tensor val;
    hln_dtype dt = HLN_DTYPE_F32;
    uint64_t i;
    size_t es;
    hln_result r;
    if (n < 0) return HLN__X_BAD(c, "needs a shape of at most HLN_MAX_DIMS integers");
    for (k = 0; k < n; k++) if (shape[k] < 0) return HLN__X_BAD(c, "a negative dim");
    memset(&val, 0, sizeof val);
    if (v && v->type == HLN_ATTR_TENSOR && v->count >= 1 && v->tensors) {
        if ((r = hln__x_tensor_view(c->x, v->tensors[0], &val, c->err)) != HLN_OK) return r;
        if (val.n_elements != 1) return HLN__X_BAD(c, "value holds more than one element");
        dt = val.dtype;
    }
    if ((r = hln__x_new(c, 0, dt, (uint32_t)n, shape)) != HLN_OK) return r;
    es = hln__x_esize(dt);
    if (val.data) for (i = 0; i < c->out[0]->n_elements; i++) memcpy((uint8_t *)c->out[0]->data + i * es, val.data, es);
    return HLN_OK;
}

static hln_result hln__x_range(hln__xc *c) {
    const hln_exec_tensor *s = c->in[0], *l = c->n_in > 1 ? c->in[1] : NULL, *d = c->n_in > 2 ? c->in[2] : NULL;
    int64_t n;
    hln_result r;
    int64_t i;
    if (!s || !l || !d || s->n_elements != 1 || l->n_elements != 1 || d->n_elements != 1) return HLN__X_BAD(c, "needs three scalars");
    if (hln__x_is_float(s->dtype)) {
        double a = hln__x_getf(s, 0), b = hln__x_getf(l, 0), st = hln__x_getf(d, 0), cnt;
        if (st == 0) return HLN__X_BAD(c, "a delta of 0");
        cnt = ceil((b - a) / st);
        if (!(cnt < 9e15)) return hln__x_fail(c, HLN_ERR_LIMIT, "too many elements", NULL);
        n = cnt > 0 ? (int64_t)cnt : 0;
        if ((r = hln__x_new(c, 0, s->dtype, 1, &n)) != HLN_OK) return r;
        for (i = 0; i < n; i++) hln__x_setf(c->out[0], (uint64_t)i, a + (double)i * st);
    } else {
        int64_t a = hln__x_geti(s, 0), b = hln__x_geti(l, 0), st = hln__x_geti(d, 0);
        double span;
        if (st == 0) return HLN__X_BAD(c, "a delta of 0");
        span = ((double)b - (double)a) / (double)st;
        if (!(span < 9e15)) return hln__x_fail(c, HLN_ERR_LIMIT, "too many elements", NULL);
        n = span > 0 ? (int64_t)ceil(span) : 0;
        if ((r = hln__x_new(c, 0, s->dtype, 1, &n)) != HLN_OK) return r;
        for (i = 0; i < n; i++) hln__x_seti(c->out[0], (uint64_t)i, a + i * st);
    }
    return HLN_OK;
}

static hln_result hln__x_pad(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t pads[2 * HLN_MAX_DIMS], axes[HLN_MAX_DIMS], full[2 * HLN_MAX_DIMS], dims[HLN_MAX_DIMS], idx[HLN_MAX_DIMS];
    uint64_t stride[HLN_MAX_DIMS], s = 1, i;
    int np, na, k, mode;
    uint32_t j, r;
    double cval;
    hln_result res;
    if (!a) return HLN__X_BAD(c, "missing input");
    r = a->rank;
    np = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, pads, 2 * HLN_MAX_DIMS);
    if (np < 0) np = hln__x_attr_ints(c->n, "pads", pads, 2 * HLN_MAX_DIMS);
    cval = c->n_in > 2 && c->in[2] ? hln__x_scalar_f(c->in[2], 0) : hln__x_attr_f(c->n, "value", 0);
    na = hln__x_ints(c->n_in > 3 ? c->in[3] : NULL, axes, HLN_MAX_DIMS);
    if (na < 0) { na = (int)r; for (k = 0; k < na; k++) axes[k] = k; }
    if (np != 2 * na) return HLN__X_BAD(c, "pads do not match the axes");
    mode = hln__x_attr_s(c->n, "mode", "reflect", 0) ? 1 : hln__x_attr_s(c->n, "mode", "edge", 0) ? 2 :
           hln__x_attr_s(c->n, "mode", "wrap", 0) ? 3 : 0;
    memset(full, 0, sizeof full);
    for (k = 0; k < na; k++) {
        int64_t ax = hln__x_axis(axes[k], r);
        if (ax < 0 || ax >= (int64_t)r) return HLN__X_BAD(c, "an axis out of range");
        full[ax] = pads[k];
        full[ax + r] = pads[k + na];
    }
    for (j = 0; j < r; j++) {
        dims[j] = a->dims[j] + full[j] + full[j + r];
        if (dims[j] < 0) return HLN__X_BAD(c, "pads remove more than the dim");
        if (mode && a->dims[j] == 0 && dims[j] > 0) return HLN__X_BAD(c, "cannot reflect or extend an empty dim");
        if (mode == 1 && (full[j] >= a->dims[j] || full[j + r] >= a->dims[j]) && (full[j] > 0 || full[j + r] > 0))
            return HLN__X_BAD(c, "reflect pads must be smaller than the dim");
    }
    for (j = r; j-- > 0;) { stride[j] = s; s *= (uint64_t)a->dims[j]; }
    if ((res = hln__x_new(c, 0, a->dtype, r, dims)) != HLN_OK) return res;
    memset(idx, 0, sizeof idx);
    for (i = 0; i < c->out[0]->n_elements; i++) {
        uint64_t off = 0;
        int inside = 1;
        for (j = 0; j < r; j++) {
            int64_t p = idx[j] - full[j], d = a->dims[j];
            if (p < 0 || p >= d) {
                if (mode == 0) { inside = 0; break; }
                if (mode == 1) { while (p < 0 || p >= d) p = p < 0 ? -p : 2 * (d - 1) - p; if (d == 1) p = 0; }
                else if (mode == 2) p = p < 0 ? 0 : d - 1;
                else p = ((p % d) + d) % d;
            }
            off += (uint64_t)p * stride[j];
        }
        if (inside) memcpy((uint8_t *)c->out[0]->data + i * hln__x_esize(a->dtype), (const uint8_t *)a->data + off * hln__x_esize(a->dtype), hln__x_esize(a->dtype));
        else hln__x_setf(c->out[0], i, cval);
        for (j = r; j-- > 0;) { if (++idx[j] < dims[j]) break; idx[j] = 0; }
    }
    return HLN_OK;
}

static hln_result hln__x_tile(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0];
    int64_t rep[HLN_MAX_DIMS], dims[HLN_MAX_DIMS], idx[HLN_MAX_DIMS];
    uint64_t stride[HLN_MAX_DIMS], s = 1, i;
    int n = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, rep, HLN_MAX_DIMS);
    uint32_t j;
    size_t es;
    hln_result r;
    if (!a || n != (int)a->rank) return HLN__X_BAD(c, "repeats must match the rank");
    for (j = 0; j < a->rank; j++) { if (rep[j] < 0) return HLN__X_BAD(c, "a negative repeat"); dims[j] = a->dims[j] * rep[j]; }
    for (j = a->rank; j-- > 0;) { stride[j] = s; s *= (uint64_t)a->dims[j]; }
    if ((r = hln__x_new(c, 0, a->dtype, a->rank, dims)) != HLN_OK) return r;
    es = hln__x_esize(a->dtype);
    memset(idx, 0, sizeof idx);
    for (i = 0; i < c->out[0]->n_elements; i++) {
        uint64_t off = 0;
        for (j = 0; j < a->rank; j++) off += (uint64_t)(idx[j] % a->dims[j]) * stride[j];
        memcpy((uint8_t *)c->out[0]->data + i * es, (const uint8_t *)a->data + off * es, es);
        for (j = a->rank; j-- > 0;) { if (++idx[j] < dims[j]) break; idx[j] = 0; }
    }
    return HLN_OK;
}

/* ---- reductions, softmax, normalisation ---- */
enum { HLN__XR_SUM, HLN__XR_MEAN, HLN__XR_MAX, HLN__XR_MIN, HLN__XR_PROD, HLN__XR_L1, HLN__XR_L2, HLN__XR_SUMSQ,
       HLN__XR_LSE, HLN__XR_LOGSUM, HLN__XR_ARGMAX, HLN__XR_ARGMIN };

static hln_result hln__x_reduce(hln__xc *c, int op) {
    const hln_exec_tensor *a = c->in[0];
    int64_t axes[HLN_MAX_DIMS], dims[HLN_MAX_DIMS], idx[HLN_MAX_DIMS];
    uint64_t ost[HLN_MAX_DIMS], s = 1, i, off = 0, *cnt = NULL;
    uint8_t mark[HLN_MAX_DIMS];
    int n, k, keep = (int)hln__x_attr_i(c->n, "keepdims", 1), arg = op >= HLN__XR_ARGMAX;
    int last = (int)hln__x_attr_i(c->n, "select_last_index", 0);
    uint32_t j, r = 0;
    double *acc;
    hln_result res;
    if (!a) return HLN__X_BAD(c, "missing input");
    memset(mark, 0, sizeof mark);
    if (arg) { axes[0] = hln__x_attr_i(c->n, "axis", 0); n = 1; }
    else {
        n = hln__x_ints(c->n_in > 1 ? c->in[1] : NULL, axes, HLN_MAX_DIMS);
        if (n < 0) n = hln__x_attr_ints(c->n, "axes", axes, HLN_MAX_DIMS);
        if (n <= 0 && hln__x_attr_i(c->n, "noop_with_empty_axes", 0)) n = -2;
    }
    if (n == -2) {   /* identity */
        if ((res = hln__x_new_like(c, 0, a->dtype, a)) != HLN_OK) return res;
        memcpy(c->out[0]->data, a->data, (size_t)(a->n_elements * hln__x_esize(a->dtype)));
        return HLN_OK;
    }
    if (n <= 0) for (j = 0; j < a->rank; j++) mark[j] = 1;
    for (k = 0; k < n; k++) {
        int64_t ax = hln__x_axis(axes[k], a->rank);
        if (ax < 0 || ax >= (int64_t)a->rank) return HLN__X_BAD(c, "an axis out of range");
        mark[ax] = 1;
    }
    for (j = 0; j < a->rank; j++) {
        if (!mark[j]) dims[r++] = a->dims[j];
        else if (keep) dims[r++] = 1;
        if (mark[j] && a->dims[j] == 0 && (arg || op == HLN__XR_MAX || op == HLN__XR_MIN)) return HLN__X_BAD(c, "reducing an empty axis");
    }
    if ((res = hln__x_new(c, 0, arg ? HLN_DTYPE_I64 : a->dtype, r, dims)) != HLN_OK) return res;
    acc = (double *)hln__x_alloc_raw(c->x, (size_t)(c->out[0]->n_elements * sizeof(double)));
    if (arg) cnt = (uint64_t *)hln__x_alloc_raw(c->x, (size_t)(c->out[0]->n_elements * sizeof(uint64_t)));
    if (!acc || (arg && !cnt)) { hln__x_free_raw(c->x, acc); hln__x_free_raw(c->x, cnt); return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); }
    for (i = 0; i < c->out[0]->n_elements; i++)
        acc[i] = op == HLN__XR_MAX || op == HLN__XR_ARGMAX ? -INFINITY : op == HLN__XR_MIN || op == HLN__XR_ARGMIN ? INFINITY :
                 op == HLN__XR_PROD ? 1 : 0;
    for (j = a->rank; j-- > 0;) { ost[j] = mark[j] ? 0 : s; if (!mark[j]) s *= (uint64_t)a->dims[j]; }
    memset(idx, 0, sizeof idx);
    for (i = 0; i < a->n_elements; i++) {
        double v = hln__x_getf(a, i);
        switch (op) {
        case HLN__XR_SUM: case HLN__XR_MEAN: case HLN__XR_LOGSUM: acc[off] += v; break;
        case HLN__XR_MAX: if (v > acc[off] || v != v) acc[off] = v; break;
        case HLN__XR_MIN: if (v < acc[off] || v != v) acc[off] = v; break;
        case HLN__XR_PROD: acc[off] *= v; break;
        case HLN__XR_L1: acc[off] += fabs(v); break;
        case HLN__XR_L2: case HLN__XR_SUMSQ: acc[off] += v * v; break;
        case HLN__XR_LSE: acc[off] += exp(v); break;
        case HLN__XR_ARGMAX: if (v > acc[off] || (last && v == acc[off])) { acc[off] = v; cnt[off] = (uint64_t)idx[hln__x_axis(axes[0], a->rank)]; } break;
        case HLN__XR_ARGMIN: if (v < acc[off] || (last && v == acc[off])) { acc[off] = v; cnt[off] = (uint64_t)idx[hln__x_axis(axes[0], a->rank)]; } break;
        default: break;
        }
        for (j = a->rank; j-- > 0;) {
            off += ost[j];
            if (++idx[j] < a->dims[j]) break;
            off -= ost[j] * (uint64_t)a->dims[j];
            idx[j] = 0;
        }
    }
    {
        double group = c->out[0]->n_elements ? (double)a->n_elements / (double)c->out[0]->n_elements : 1;
        for (i = 0; i < c->out[0]->n_elements; i++) {
            double v = acc[i];
            if (op == HLN__XR_MEAN) v /= group;
            else if (op == HLN__XR_L2) v = sqrt(v);
            else if (op == HLN__XR_LSE || op == HLN__XR_LOGSUM) v = log(v);
            if (arg) hln__x_seti(c->out[0], i, (int64_t)cnt[i]);
            else if (hln__x_is_float(a->dtype)) hln__x_setf(c->out[0], i, v);
            else hln__x_seti(c->out[0], i, (int64_t)v);
        }
    }
    hln__x_free_raw(c->x, acc);
    hln__x_free_raw(c->x, cnt);
    return HLN_OK;
}

static hln_result hln__x_softmax(hln__xc *c, int log_) {
    const hln_exec_tensor *a = c->in[0];
    int64_t axis;
    uint64_t outer, n, inner, o, q, k;
    hln_result r;
    if (!a || a->dtype != HLN_DTYPE_F32) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "input must be F32", NULL);
    axis = hln__x_axis(hln__x_attr_i(c->n, "axis", c->x->opset < 13 ? 1 : -1), a->rank);
    if (axis < 0 || (axis >= (int64_t)a->rank && a->rank)) return HLN__X_BAD(c, "axis out of range");
    if ((r = hln__x_new_like(c, 0, a->dtype, a)) != HLN_OK) return r;
    hln__x_around(a, axis, &outer, &inner);
    n = a->rank ? (uint64_t)a->dims[axis] : 1;
    if (c->x->opset < 13) { n *= inner; inner = 1; }   /* opset < 13: rows of the flattened [outer, rest] */
    for (o = 0; o < outer; o++)
        for (q = 0; q < inner; q++) {
            const float *x = (const float *)a->data + o * n * inner + q;
            float *y = (float *)c->out[0]->data + o * n * inner + q;
            double mx = -INFINITY, sum = 0;
            for (k = 0; k < n; k++) if (x[k * inner] > mx) mx = x[k * inner];
            for (k = 0; k < n; k++) sum += exp((double)x[k * inner] - mx);
            for (k = 0; k < n; k++)
                y[k * inner] = log_ ? (float)((double)x[k * inner] - mx - log(sum)) : (float)(exp((double)x[k * inner] - mx) / sum);
        }
    return HLN_OK;
}

/* y = (x - mean) * inv * scale + bias over groups of `n` elements (stride 1) */
static hln_result hln__x_layernorm(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0], *sc = c->n_in > 1 ? c->in[1] : NULL, *b = c->n_in > 2 ? c->in[2] : NULL;
    int64_t axis, sdims[HLN_MAX_DIMS];
    uint64_t outer, n = 1, o, k;
    double eps = hln__x_attr_f(c->n, "epsilon", 1e-5f);
    uint32_t j;
    hln_result r;
    if (!a || !sc || a->dtype != HLN_DTYPE_F32) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs an F32 input and a scale", NULL);
    axis = hln__x_axis(hln__x_attr_i(c->n, "axis", -1), a->rank);
    if (axis < 0 || axis >= (int64_t)a->rank) return HLN__X_BAD(c, "axis out of range");
    for (j = (uint32_t)axis; j < a->rank; j++) n *= (uint64_t)a->dims[j];
    outer = n ? a->n_elements / n : 0;
    if (sc->n_elements != n || (b && b->n_elements != n)) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "scale/bias must cover the normalised dims exactly", NULL);
    if ((r = hln__x_new_like(c, 0, a->dtype, a)) != HLN_OK) return r;
    for (j = 0; j < a->rank; j++) sdims[j] = (int64_t)j < axis ? a->dims[j] : 1;
    if (c->n_out > 1 && (r = hln__x_new(c, 1, HLN_DTYPE_F32, a->rank, sdims)) != HLN_OK) return r;
    if (c->n_out > 2 && (r = hln__x_new(c, 2, HLN_DTYPE_F32, a->rank, sdims)) != HLN_OK) return r;
    for (o = 0; o < outer; o++) {
        const float *x = (const float *)a->data + o * n;
        float *y = (float *)c->out[0]->data + o * n;
        double mean = 0, var = 0, inv;
        for (k = 0; k < n; k++) mean += x[k];
        mean /= (double)n;
        for (k = 0; k < n; k++) var += ((double)x[k] - mean) * ((double)x[k] - mean);
        var /= (double)n;
        inv = 1.0 / sqrt(var + eps);
        for (k = 0; k < n; k++) y[k] = (float)(((double)x[k] - mean) * inv * hln__x_getf(sc, k) + (b ? hln__x_getf(b, k) : 0));
        if (c->n_out > 1) ((float *)c->out[1]->data)[o] = (float)mean;
        if (c->n_out > 2) ((float *)c->out[2]->data)[o] = (float)inv;
    }
    return HLN_OK;
}

/* BatchNormalization (inference) and InstanceNormalization: per channel of dim 1. */
static hln_result hln__x_channel_norm(hln__xc *c, int instance) {
    const hln_exec_tensor *a = c->in[0];
    uint64_t nb, ch, sp, b, q, k;
    double eps = hln__x_attr_f(c->n, "epsilon", 1e-5f);
    uint32_t j;
    hln_result r;
    if (!a || a->dtype != HLN_DTYPE_F32 || a->rank < 2) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs an F32 input of rank >= 2", NULL);
    if (c->n_out > 1 && !instance && hln__x_attr_i(c->n, "training_mode", 0)) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "training mode", NULL);
    nb = (uint64_t)a->dims[0]; ch = (uint64_t)a->dims[1]; sp = 1;
    for (j = 2; j < a->rank; j++) sp *= (uint64_t)a->dims[j];
    for (j = 1; j < (instance ? 3u : 5u); j++)
        if (j >= c->n_in || !c->in[j] || c->in[j]->n_elements != ch) return HLN__X_BAD(c, "per-channel inputs must have one value per channel");
    if ((r = hln__x_new_like(c, 0, a->dtype, a)) != HLN_OK) return r;
    for (b = 0; b < nb; b++)
        for (q = 0; q < ch; q++) {
            const float *x = (const float *)a->data + (b * ch + q) * sp;
            float *y = (float *)c->out[0]->data + (b * ch + q) * sp;
            double mean, var, mul, add;
            if (instance) {
                mean = 0; var = 0;
                for (k = 0; k < sp; k++) mean += x[k];
                mean /= (double)(sp ? sp : 1);
                for (k = 0; k < sp; k++) var += ((double)x[k] - mean) * ((double)x[k] - mean);
                var /= (double)(sp ? sp : 1);
            } else { mean = hln__x_getf(c->in[3], q); var = hln__x_getf(c->in[4], q); }
            mul = hln__x_getf(c->in[1], q) / sqrt(var + eps);
            add = hln__x_getf(c->in[2], q) - mean * mul;
            for (k = 0; k < sp; k++) y[k] = (float)((double)x[k] * mul + add);
        }
    return HLN_OK;
}

/* ---- matrix products ---- */
/* C[M x N] = A[M x K] * B[K x N], row-major, contiguous; C is overwritten. Blocks of 4 rows x
   16 columns accumulate in locals over the whole K (one fixed order: deterministic); the
   compiler keeps them in vector registers. */
static void hln__x_sgemm(int64_t M, int64_t N, int64_t K, const float *A, const float *B, float *C) {
#define HLN__X_MR 4
#define HLN__X_NR 16
    int64_t i0, j0, k, j, r;
    for (j0 = 0; j0 < N; j0 += HLN__X_NR) {
        int64_t jn = N - j0 < HLN__X_NR ? N - j0 : HLN__X_NR;
        for (i0 = 0; i0 < M; i0 += HLN__X_MR) {
            int64_t in = M - i0 < HLN__X_MR ? M - i0 : HLN__X_MR;
            float acc[HLN__X_MR][HLN__X_NR];
            memset(acc, 0, sizeof acc);
            if (in == HLN__X_MR && jn == HLN__X_NR) {
                const float *a0 = A + i0 * K, *a1 = a0 + K, *a2 = a1 + K, *a3 = a2 + K;
                for (k = 0; k < K; k++) {
                    const float *b = B + k * N + j0;
                    float v0 = a0[k], v1 = a1[k], v2 = a2[k], v3 = a3[k];
                    for (j = 0; j < HLN__X_NR; j++) {
                        float bv = b[j];
                        acc[0][j] += v0 * bv; acc[1][j] += v1 * bv; acc[2][j] += v2 * bv; acc[3][j] += v3 * bv;
                    }
                }
            } else {
                for (k = 0; k < K; k++) {
                    const float *b = B + k * N + j0;
                    for (r = 0; r < in; r++) {
                        float v = A[(i0 + r) * K + k];
                        for (j = 0; j < jn; j++) acc[r][j] += v * b[j];
                    }
                }
            }
            for (r = 0; r < in; r++) memcpy(C + (i0 + r) * N + j0, acc[r], (size_t)jn * sizeof(float));
        }
    }
}
#undef HLN__X_MR
#undef HLN__X_NR

static float *hln__x_scratch(hln__xc *c, uint64_t n_floats) {
    uint64_t bytes;
    if (hln_mul_overflow(n_floats ? n_floats : 1, sizeof(float), &bytes) || bytes > (uint64_t)SIZE_MAX || bytes > c->x->o.max_memory) return NULL;
    return (float *)hln__x_alloc_raw(c->x, (size_t)bytes);
}

/* The shape of a MatMul of a [..., M, K] and b [..., K, N] (1-D operands as numpy treats
   them): M, K, N, the broadcast batch shape and the output dims. */
typedef struct hln__xmm { int64_t M, K, N, dims[HLN_MAX_DIMS]; uint32_t rank; hln_exec_tensor ba, bb, bo; uint64_t nb; } hln__xmm;
static hln_result hln__x_mm_shape(hln__xc *c, const hln_exec_tensor *a, const hln_exec_tensor *b, hln__xmm *s) {
    const hln_exec_tensor *ts[2];
    uint32_t br;
    memset(s, 0, sizeof *s);
    s->M = a->rank == 1 ? 1 : a->dims[a->rank - 2];
    s->K = a->dims[a->rank - 1];
    s->N = b->rank == 1 ? 1 : b->dims[b->rank - 1];
    if ((b->rank == 1 ? b->dims[0] : b->dims[b->rank - 2]) != s->K) return HLN__X_BAD(c, "inner dims differ");
    s->ba.rank = a->rank > 2 ? a->rank - 2 : 0;
    s->bb.rank = b->rank > 2 ? b->rank - 2 : 0;
    if (s->ba.rank) memcpy(s->ba.dims, a->dims, s->ba.rank * sizeof(int64_t));
    if (s->bb.rank) memcpy(s->bb.dims, b->dims, s->bb.rank * sizeof(int64_t));
    ts[0] = &s->ba; ts[1] = &s->bb;
    if (!hln__x_bshape(ts, 2, &br, s->bo.dims)) return HLN__X_BAD(c, "batch dims do not broadcast");
    s->bo.rank = br;
    s->rank = br;
    memcpy(s->dims, s->bo.dims, br * sizeof(int64_t));
    if (a->rank > 1) s->dims[s->rank++] = s->M;
    if (b->rank > 1) s->dims[s->rank++] = s->N;
    hln__x_count(br, s->bo.dims, &s->nb);
    return HLN_OK;
}

static hln_result hln__x_matmul(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0], *b = c->n_in > 1 ? c->in[1] : NULL;
    const hln_exec_tensor *ts[2];
    hln__xmm s;
    hln__xbc bc;
    uint64_t bi;
    hln_result res;
    if (!a || !b || a->dtype != HLN_DTYPE_F32 || b->dtype != HLN_DTYPE_F32 || !a->rank || !b->rank)
        return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs two F32 inputs of rank >= 1", NULL);
    if ((res = hln__x_mm_shape(c, a, b, &s)) != HLN_OK) return res;
    if ((res = hln__x_new(c, 0, HLN_DTYPE_F32, s.rank, s.dims)) != HLN_OK) return res;
    ts[0] = &s.ba; ts[1] = &s.bb;
    hln__xbc_init(&bc, &s.bo, ts, 2);
    for (bi = 0; bi < s.nb; bi++, hln__xbc_next(&bc))
        hln__x_sgemm(s.M, s.N, s.K, (const float *)a->data + bc.off[0] * (uint64_t)(s.M * s.K), (const float *)b->data + bc.off[1] * (uint64_t)(s.K * s.N),
                     (float *)c->out[0]->data + bi * (uint64_t)(s.M * s.N));
    return HLN_OK;
}

static float *hln__x_transposed(hln__xc *c, const float *src, int64_t rows, int64_t cols) {
    float *t = hln__x_scratch(c, (uint64_t)rows * (uint64_t)cols);
    int64_t i, j;
    if (t) for (i = 0; i < rows; i++) for (j = 0; j < cols; j++) t[j * rows + i] = src[i * cols + j];
    return t;
}

static hln_result hln__x_gemm_finish(hln__xc *c, const hln_exec_tensor *cc, int64_t M, int64_t N, double alpha, double beta);
#ifdef HAOLINE_KERNELS_H
/* Gemm (transB = 1) with B a ggml block matrix [N, K] in place: each row of A is quantized to
   the weight type's vec_dot activation type, then y_row = hln_k_gemv(B, row). */
static hln_result hln__x_gemm_blocks(hln__xc *c, const hln_exec_tensor *a, const hln_exec_tensor *b, const hln_exec_tensor *cc, int ta,
                                     double alpha, double beta) {
    hln_k_type kt = hln_k_type_from_name(hln_dtype_get(b->dtype)->name), vt = hln_k_vec_dot_type(kt);
    int64_t M, K, N, dims[2], i;
    size_t row_bytes = vt != HLN_K_TYPE_NONE && b->rank == 2 ? hln_k_row_size(vt, b->dims[1]) : 0;
    float *at = NULL;
    void *xq;
    hln_result r;
    if (!row_bytes || a->rank != 2 || a->dtype != HLN_DTYPE_F32)
        return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "a block-type B needs an F32 A, a 2-D B of whole blocks along K and a vec_dot type: ", hln_dtype_get(b->dtype)->name);
    M = ta ? a->dims[1] : a->dims[0];
    K = ta ? a->dims[0] : a->dims[1];
    N = b->dims[0];
    if (b->dims[1] != K) return HLN__X_BAD(c, "inner dims differ");
    dims[0] = M; dims[1] = N;
    if ((r = hln__x_new(c, 0, HLN_DTYPE_F32, 2, dims)) != HLN_OK) return r;
    if (ta && !(at = hln__x_transposed(c, (const float *)a->data, K, M))) return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL);
    if (!(xq = hln__x_alloc_raw(c->x, row_bytes))) { hln__x_free_raw(c->x, at); return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); }
    for (i = 0; i < M && r == HLN_OK; i++)
        if (hln_k_quantize(vt, (at ? at : (const float *)a->data) + i * K, xq, K) != 0 ||
            hln_k_gemv(kt, b->data, N, K, xq, (float *)c->out[0]->data + i * N, NULL) != 0)
            r = hln__x_fail(c, HLN_ERR_UNSUPPORTED, "the kernels refused the product of ", hln_dtype_get(b->dtype)->name);
    hln__x_free_raw(c->x, xq);
    hln__x_free_raw(c->x, at);
    if (r != HLN_OK) return r;
    c->x->block_products++;
    return hln__x_gemm_finish(c, cc, M, N, alpha, beta);
}
#endif

static hln_result hln__x_gemm(hln__xc *c) {
    const hln_exec_tensor *a = c->in[0], *b = c->n_in > 1 ? c->in[1] : NULL, *cc = c->n_in > 2 ? c->in[2] : NULL;
    int ta = (int)hln__x_attr_i(c->n, "transA", 0), tb = (int)hln__x_attr_i(c->n, "transB", 0);
    double alpha = hln__x_attr_f(c->n, "alpha", 1.0f), beta = hln__x_attr_f(c->n, "beta", 1.0f);
    int64_t M, K, N, dims[2];
    float *at = NULL, *bt = NULL, *y;
    hln_result r;
#ifdef HAOLINE_KERNELS_H
    if (a && b && hln_dtype_get(b->dtype)->kind == HLN_KIND_QUANT) return hln__x_gemm_blocks(c, a, b, cc, ta, alpha, beta);
#endif
    if (!a || !b || a->rank != 2 || b->rank != 2 || a->dtype != HLN_DTYPE_F32 || b->dtype != HLN_DTYPE_F32)
        return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs two F32 matrices", NULL);
    M = ta ? a->dims[1] : a->dims[0];
    K = ta ? a->dims[0] : a->dims[1];
    N = tb ? b->dims[0] : b->dims[1];
    if ((tb ? b->dims[1] : b->dims[0]) != K) return HLN__X_BAD(c, "inner dims differ");
    dims[0] = M; dims[1] = N;
    if ((r = hln__x_new(c, 0, HLN_DTYPE_F32, 2, dims)) != HLN_OK) return r;
    if (ta && !(at = hln__x_transposed(c, (const float *)a->data, K, M))) return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL);
    if (tb && !(bt = hln__x_transposed(c, (const float *)b->data, N, K))) { hln__x_free_raw(c->x, at); return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); }
    y = (float *)c->out[0]->data;
    hln__x_sgemm(M, N, K, at ? at : (const float *)a->data, bt ? bt : (const float *)b->data, y);
    hln__x_free_raw(c->x, at);
    hln__x_free_raw(c->x, bt);
    return hln__x_gemm_finish(c, cc, M, N, alpha, beta);
}

/* Y (already A B) scaled by alpha, plus beta C broadcast to [M, N]. */
static hln_result hln__x_gemm_finish(hln__xc *c, const hln_exec_tensor *cc, int64_t M, int64_t N, double alpha, double beta) {
    float *y = (float *)c->out[0]->data;
    if (alpha != 1.0) { uint64_t i; for (i = 0; i < (uint64_t)(M * N); i++) y[i] = (float)(alpha * y[i]); }
    if (cc && beta != 0) {
        hln_exec_tensor yt = *c->out[0];
        const hln_exec_tensor *ts[2];
        uint32_t rr;
        int64_t bd[HLN_MAX_DIMS];
        hln__xbc bc;
        uint64_t i;
        ts[0] = &yt; ts[1] = cc;
        if (!hln__x_bshape(ts, 2, &rr, bd) || rr != 2 || bd[0] != M || bd[1] != N) return HLN__X_BAD(c, "C does not broadcast to [M, N]");
        hln__xbc_init(&bc, &yt, ts + 1, 1);
        for (i = 0; i < (uint64_t)(M * N); i++, hln__xbc_next(&bc)) y[i] = (float)(y[i] + beta * hln__x_getf(cc, bc.off[0]));
    }
    return HLN_OK;
}

/* ---- convolution and pooling: 1-3 spatial dims, as 3 (leading ones of size 1) ---- */
typedef struct hln__xgeo { uint32_t nsp; int64_t in[3], k[3], s[3], d[3], pb[3], pe[3], out[3]; } hln__xgeo;

/* kind 0 conv, 1 pool, 2 conv-transpose; kernel: the spatial kernel dims (NULL: kernel_shape). */
static hln_result hln__x_geometry(hln__xc *c, const hln_exec_tensor *x, const int64_t *kernel, int kind, hln__xgeo *g) {
    int64_t ks[3], st[3], dl[3], pads[6], op[3], os[3];
    int nk, ns, nd, np, nop, nos, ceil_mode = (int)hln__x_attr_i(c->n, "ceil_mode", 0);
    uint32_t i, nsp, o;
    if (x->rank < 3 || x->rank > 5) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs 1 to 3 spatial dims", NULL);
    nsp = x->rank - 2;
    g->nsp = nsp;
    nk = hln__x_attr_ints(c->n, "kernel_shape", ks, 3);
    if (kernel) { for (i = 0; i < nsp; i++) { if (nk >= 0 && ks[i] != kernel[i]) return HLN__X_BAD(c, "kernel_shape disagrees with the weight"); ks[i] = kernel[i]; } nk = (int)nsp; }
    if (nk != (int)nsp) return HLN__X_BAD(c, "kernel_shape does not match the spatial rank");
    ns = hln__x_attr_ints(c->n, "strides", st, 3);
    nd = hln__x_attr_ints(c->n, "dilations", dl, 3);
    np = hln__x_attr_ints(c->n, "pads", pads, 6);
    nop = hln__x_attr_ints(c->n, "output_padding", op, 3);
    nos = hln__x_attr_ints(c->n, "output_shape", os, 3);
    if ((ns >= 0 && ns != (int)nsp) || (nd >= 0 && nd != (int)nsp) || (np >= 0 && np != 2 * (int)nsp) ||
        (nop >= 0 && nop != (int)nsp) || (nos >= 0 && nos != (int)nsp)) return HLN__X_BAD(c, "strides/dilations/pads do not match the spatial rank");
    for (i = 0; i < 3; i++) { g->in[i] = g->k[i] = g->s[i] = g->d[i] = g->out[i] = 1; g->pb[i] = g->pe[i] = 0; }
    for (i = 0; i < nsp; i++) {
        int64_t ek, total;
        o = 3 - nsp + i;
        g->in[o] = x->dims[2 + i];
        g->k[o] = ks[i];
        g->s[o] = ns >= 0 ? st[i] : 1;
        g->d[o] = nd >= 0 ? dl[i] : 1;
        g->pb[o] = np >= 0 ? pads[i] : 0;
        g->pe[o] = np >= 0 ? pads[i + nsp] : 0;
        if (g->k[o] < 1 || g->s[o] < 1 || g->d[o] < 1 || g->pb[o] < 0 || g->pe[o] < 0 || g->k[o] > (1 << 20) || g->s[o] > (1 << 20) ||
            g->d[o] > (1 << 20) || g->pb[o] > (1 << 24) || g->pe[o] > (1 << 24)) return HLN__X_BAD(c, "a kernel, stride, dilation or pad out of range");
        ek = (g->k[o] - 1) * g->d[o] + 1;
        if (kind == 2) {
            int64_t opad = nop >= 0 ? op[i] : 0, full;
            full = g->s[o] * (g->in[o] - 1) + opad + ek;
            if (nos >= 0) {
                total = full - os[i];
                if (total < 0) return HLN__X_BAD(c, "output_shape larger than the input allows");
                if (hln__x_attr_s(c->n, "auto_pad", "SAME_UPPER", 0)) { g->pb[o] = total / 2; g->pe[o] = total - total / 2; }
                else { g->pb[o] = total - total / 2; g->pe[o] = total / 2; }
            } else if (hln__x_attr_s(c->n, "auto_pad", "SAME_UPPER", 0) || hln__x_attr_s(c->n, "auto_pad", "SAME_LOWER", 0)) {
                total = full - g->in[o] * g->s[o];
                if (total < 0) total = 0;
                if (hln__x_attr_s(c->n, "auto_pad", "SAME_UPPER", 0)) { g->pb[o] = total / 2; g->pe[o] = total - total / 2; }
                else { g->pb[o] = total - total / 2; g->pe[o] = total / 2; }
            }
            g->out[o] = full - g->pb[o] - g->pe[o];
        } else {
            if (hln__x_attr_s(c->n, "auto_pad", "SAME_UPPER", 0) || hln__x_attr_s(c->n, "auto_pad", "SAME_LOWER", 0)) {
                g->out[o] = (g->in[o] + g->s[o] - 1) / g->s[o];
                total = (g->out[o] - 1) * g->s[o] + ek - g->in[o];
                if (total < 0) total = 0;
                if (hln__x_attr_s(c->n, "auto_pad", "SAME_UPPER", 0)) { g->pb[o] = total / 2; g->pe[o] = total - total / 2; }
                else { g->pb[o] = total - total / 2; g->pe[o] = total / 2; }
            } else {
                if (hln__x_attr_s(c->n, "auto_pad", "VALID", 0)) g->pb[o] = g->pe[o] = 0;
                total = g->in[o] + g->pb[o] + g->pe[o] - ek;
                if (total < 0) return HLN__X_BAD(c, "the kernel is larger than the padded input");
                g->out[o] = (kind == 1 && ceil_mode ? (total + g->s[o] - 1) / g->s[o] : total / g->s[o]) + 1;
                if (kind == 1 && ceil_mode && (g->out[o] - 1) * g->s[o] >= g->in[o] + g->pb[o]) g->out[o]--;
            }
        }
        if (g->out[o] < 0) return HLN__X_BAD(c, "a negative output size");
    }
    return HLN_OK;
}

static void hln__x_out_dims(const hln_exec_tensor *x, int64_t ch, const hln__xgeo *g, int64_t *dims) {
    uint32_t i;
    dims[0] = x->dims[0];
    dims[1] = ch;
    for (i = 0; i < g->nsp; i++) dims[2 + i] = g->out[3 - g->nsp + i];
}

/* col[(c * K + kk) * P + p] for one image and group: im2col over 3 spatial dims (F32, and
   int32 for the integer convolutions: their inputs less the zero point, so padding is 0). */
#define HLN__X_IM2COL(name, T) \
static void name(const T *x, int64_t cin, const hln__xgeo *g, T *col) { \
    int64_t ci, a, b, e, oz, oy, ox, plane = g->in[0] * g->in[1] * g->in[2]; \
    T *dst = col; \
    for (ci = 0; ci < cin; ci++) \
        for (a = 0; a < g->k[0]; a++) \
            for (b = 0; b < g->k[1]; b++) \
                for (e = 0; e < g->k[2]; e++) { \
                    const T *src = x + ci * plane; \
                    for (oz = 0; oz < g->out[0]; oz++) { \
                        int64_t iz = oz * g->s[0] - g->pb[0] + a * g->d[0]; \
                        for (oy = 0; oy < g->out[1]; oy++) { \
                            int64_t iy = oy * g->s[1] - g->pb[1] + b * g->d[1]; \
                            int row_ok = iz >= 0 && iz < g->in[0] && iy >= 0 && iy < g->in[1]; \
                            const T *line = src + (iz * g->in[1] + iy) * g->in[2]; \
                            for (ox = 0; ox < g->out[2]; ox++) { \
                                int64_t ix = ox * g->s[2] - g->pb[2] + e * g->d[2]; \
                                *dst++ = row_ok && ix >= 0 && ix < g->in[2] ? line[ix] : (T)0; \
                            } \
                        } \
                    } \
                } \
}
HLN__X_IM2COL(hln__x_im2col, float)
HLN__X_IM2COL(hln__x_im2col_i32, int32_t)
#undef HLN__X_IM2COL

static hln_result hln__x_conv(hln__xc *c) {
    const hln_exec_tensor *x = c->in[0], *w = c->n_in > 1 ? c->in[1] : NULL, *bias = c->n_in > 2 ? c->in[2] : NULL;
    int64_t group = hln__x_attr_i(c->n, "group", 1), dims[5], cin, cout, cg, mg, kk = 1, P, gi, n;
    hln__xgeo g;
    uint32_t i;
    float *col = NULL;
    int direct;
    hln_result r;
    if (!x || !w || x->dtype != HLN_DTYPE_F32 || w->dtype != HLN_DTYPE_F32 || (bias && bias->dtype != HLN_DTYPE_F32))
        return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs F32 input, weight and bias", NULL);
    if (w->rank != x->rank) return HLN__X_BAD(c, "weight rank differs from the input's");
    if ((r = hln__x_geometry(c, x, w->dims + 2, 0, &g)) != HLN_OK) return r;
    cin = x->dims[1]; cout = w->dims[0];
    if (group < 1 || cin % group || cout % group || w->dims[1] != cin / group) return HLN__X_BAD(c, "channels do not match the groups");
    if (bias && bias->n_elements != (uint64_t)cout) return HLN__X_BAD(c, "bias length differs from the output channels");
    cg = cin / group; mg = cout / group;
    for (i = 0; i < 3; i++) kk *= g.k[i];
    P = g.out[0] * g.out[1] * g.out[2];
    hln__x_out_dims(x, cout, &g, dims);
    if ((r = hln__x_new(c, 0, HLN_DTYPE_F32, x->rank, dims)) != HLN_OK) return r;
    direct = kk == 1 && g.s[0] == 1 && g.s[1] == 1 && g.s[2] == 1 && !g.pb[0] && !g.pb[1] && !g.pb[2] && !g.pe[0] && !g.pe[1] && !g.pe[2];
    if (!direct && !(col = hln__x_scratch(c, (uint64_t)cg * (uint64_t)kk * (uint64_t)P))) return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory for the im2col buffer", NULL);
    for (n = 0; n < x->dims[0]; n++)
        for (gi = 0; gi < group; gi++) {
            const float *src = (const float *)x->data + (n * cin + gi * cg) * (g.in[0] * g.in[1] * g.in[2]);
            float *dst = (float *)c->out[0]->data + (n * cout + gi * mg) * P;
            if (!direct) hln__x_im2col(src, cg, &g, col);
            hln__x_sgemm(mg, P, cg * kk, (const float *)w->data + gi * mg * cg * kk, direct ? src : col, dst);
            if (bias) {
                int64_t m, p;
                for (m = 0; m < mg; m++) { float bv = ((const float *)bias->data)[gi * mg + m]; for (p = 0; p < P; p++) dst[m * P + p] += bv; }
            }
        }
    hln__x_free_raw(c->x, col);
    return HLN_OK;
}

static hln_result hln__x_conv_transpose(hln__xc *c) {
    const hln_exec_tensor *x = c->in[0], *w = c->n_in > 1 ? c->in[1] : NULL, *bias = c->n_in > 2 ? c->in[2] : NULL;
    int64_t group = hln__x_attr_i(c->n, "group", 1), dims[5], cin, cout, cg, mg, n, gi, ci, m, iz, iy, ix, a, b, e;
    hln__xgeo g;
    hln_result r;
    if (!x || !w || x->dtype != HLN_DTYPE_F32 || w->dtype != HLN_DTYPE_F32 || (bias && bias->dtype != HLN_DTYPE_F32))
        return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs F32 input, weight and bias", NULL);
    if (w->rank != x->rank) return HLN__X_BAD(c, "weight rank differs from the input's");
    if ((r = hln__x_geometry(c, x, w->dims + 2, 2, &g)) != HLN_OK) return r;
    cin = x->dims[1];
    if (group < 1 || cin % group || w->dims[0] != cin) return HLN__X_BAD(c, "channels do not match the groups");
    cg = cin / group; mg = w->dims[1]; cout = mg * group;
    if (bias && bias->n_elements != (uint64_t)cout) return HLN__X_BAD(c, "bias length differs from the output channels");
    hln__x_out_dims(x, cout, &g, dims);
    if ((r = hln__x_new(c, 0, HLN_DTYPE_F32, x->rank, dims)) != HLN_OK) return r;
    for (n = 0; n < x->dims[0]; n++)
        for (gi = 0; gi < group; gi++)
            for (ci = 0; ci < cg; ci++) {
                const float *src = (const float *)x->data + (n * cin + gi * cg + ci) * g.in[0] * g.in[1] * g.in[2];
                for (m = 0; m < mg; m++) {
                    const float *wk = (const float *)w->data + ((gi * cg + ci) * mg + m) * g.k[0] * g.k[1] * g.k[2];
                    float *dst = (float *)c->out[0]->data + (n * cout + gi * mg + m) * g.out[0] * g.out[1] * g.out[2];
                    for (iz = 0; iz < g.in[0]; iz++) for (iy = 0; iy < g.in[1]; iy++) for (ix = 0; ix < g.in[2]; ix++) {
                        float v = src[(iz * g.in[1] + iy) * g.in[2] + ix];
                        for (a = 0; a < g.k[0]; a++) {
                            int64_t oz = iz * g.s[0] - g.pb[0] + a * g.d[0];
                            if (oz < 0 || oz >= g.out[0]) continue;
                            for (b = 0; b < g.k[1]; b++) {
                                int64_t oy = iy * g.s[1] - g.pb[1] + b * g.d[1];
                                if (oy < 0 || oy >= g.out[1]) continue;
                                for (e = 0; e < g.k[2]; e++) {
                                    int64_t ox = ix * g.s[2] - g.pb[2] + e * g.d[2];
                                    if (ox < 0 || ox >= g.out[2]) continue;
                                    dst[(oz * g.out[1] + oy) * g.out[2] + ox] += v * wk[(a * g.k[1] + b) * g.k[2] + e];
                                }
                            }
                        }
                    }
                }
            }
    if (bias) {
        uint64_t P = (uint64_t)(g.out[0] * g.out[1] * g.out[2]), p;
        for (n = 0; n < x->dims[0]; n++)
            for (m = 0; m < cout; m++)
                for (p = 0; p < P; p++) ((float *)c->out[0]->data)[((uint64_t)(n * cout + m)) * P + p] += ((const float *)bias->data)[m];
    }
    return HLN_OK;
}

/* kind 0 max, 1 average, 2 Lp (p attribute); global: the whole spatial extent. */
static hln_result hln__x_pool(hln__xc *c, int kind, int global) {
    const hln_exec_tensor *x = c->in[0];
    int64_t dims[5], ch, n, oz, oy, ox, a, b, e, kern[3];
    int include_pad = (int)hln__x_attr_i(c->n, "count_include_pad", 0);
    double p = (double)hln__x_attr_i(c->n, "p", 2);
    hln__xgeo g;
    uint32_t i;
    hln_result r;
    if (!x || x->dtype != HLN_DTYPE_F32) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs an F32 input", NULL);
    if (c->n_out > 1) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "the Indices output", NULL);
    if (global) {
        if (x->rank < 3 || x->rank > 5) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs 1 to 3 spatial dims", NULL);
        memset(&g, 0, sizeof g);
        g.nsp = x->rank - 2;
        for (i = 0; i < 3; i++) { g.in[i] = g.k[i] = 1; g.s[i] = g.d[i] = g.out[i] = 1; }
        for (i = 0; i < g.nsp; i++) g.in[3 - g.nsp + i] = g.k[3 - g.nsp + i] = x->dims[2 + i];
    } else {
        if ((r = hln__x_geometry(c, x, NULL, 1, &g)) != HLN_OK) return r;
    }
    (void)kern;
    ch = x->dims[1];
    hln__x_out_dims(x, ch, &g, dims);
    if ((r = hln__x_new(c, 0, HLN_DTYPE_F32, x->rank, dims)) != HLN_OK) return r;
    for (n = 0; n < x->dims[0] * ch; n++) {
        const float *src = (const float *)x->data + n * g.in[0] * g.in[1] * g.in[2];
        float *dst = (float *)c->out[0]->data + n * g.out[0] * g.out[1] * g.out[2];
        for (oz = 0; oz < g.out[0]; oz++) for (oy = 0; oy < g.out[1]; oy++) for (ox = 0; ox < g.out[2]; ox++) {
            double acc = kind == 0 ? -INFINITY : 0;
            int64_t cnt = 0, cnt_pad = 0;
            for (a = 0; a < g.k[0]; a++) {
                int64_t iz = oz * g.s[0] - g.pb[0] + a * g.d[0];
                for (b = 0; b < g.k[1]; b++) {
                    int64_t iy = oy * g.s[1] - g.pb[1] + b * g.d[1];
                    for (e = 0; e < g.k[2]; e++) {
                        int64_t ix = ox * g.s[2] - g.pb[2] + e * g.d[2];
                        if (iz >= -g.pb[0] && iz < g.in[0] + g.pe[0] && iy >= -g.pb[1] && iy < g.in[1] + g.pe[1] &&
                            ix >= -g.pb[2] && ix < g.in[2] + g.pe[2]) cnt_pad++;
                        if (iz < 0 || iz >= g.in[0] || iy < 0 || iy >= g.in[1] || ix < 0 || ix >= g.in[2]) continue;
                        {
                            double v = src[(iz * g.in[1] + iy) * g.in[2] + ix];
                            if (kind == 0) { if (v > acc || v != v) acc = v; }
                            else if (kind == 1) acc += v;
                            else acc += pow(fabs(v), p);
                            cnt++;
                        }
                    }
                }
            }
            if (kind == 1) acc = acc / (double)((include_pad ? cnt_pad : cnt) ? (include_pad ? cnt_pad : cnt) : 1);
            if (kind == 2) acc = pow(acc, 1.0 / p);
            dst[(oz * g.out[1] + oy) * g.out[2] + ox] = (float)acc;
        }
    }
    return HLN_OK;
}

/* Resize: nearest (every nearest_mode) and linear over the last two dims; scales or sizes. */
static hln_result hln__x_resize(hln__xc *c) {
    const hln_exec_tensor *x = c->in[0];
    const hln_exec_tensor *scales = NULL, *sizes = NULL;
    double sc[HLN_MAX_DIMS];
    int64_t dims[HLN_MAX_DIMS], idx[HLN_MAX_DIMS];
    uint64_t stride[HLN_MAX_DIMS], s = 1, i;
    uint32_t j, r;
    int linear = hln__x_attr_s(c->n, "mode", "linear", 0), cubic = hln__x_attr_s(c->n, "mode", "cubic", 0);
    int half = hln__x_attr_s(c->n, "coordinate_transformation_mode", "half_pixel", c->x->opset >= 11);
    int align = hln__x_attr_s(c->n, "coordinate_transformation_mode", "align_corners", 0);
    int pyhalf = hln__x_attr_s(c->n, "coordinate_transformation_mode", "pytorch_half_pixel", 0);
    int tfhalf = hln__x_attr_s(c->n, "coordinate_transformation_mode", "tf_half_pixel_for_nn", 0);
    int nm_floor = hln__x_attr_s(c->n, "nearest_mode", "floor", 0), nm_ceil = hln__x_attr_s(c->n, "nearest_mode", "ceil", 0);
    int nm_rpc = hln__x_attr_s(c->n, "nearest_mode", "round_prefer_ceil", 0);
    hln_result res;
    if (!x || x->dtype != HLN_DTYPE_F32) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs an F32 input", NULL);
    if (cubic || hln__x_attr_s(c->n, "coordinate_transformation_mode", "tf_crop_and_resize", 0) || hln__x_attr(c->n, "axes"))
        return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "cubic mode, tf_crop_and_resize and axes", NULL);
    if (c->x->opset < 11) scales = c->n_in > 1 ? c->in[1] : NULL;
    else { scales = c->n_in > 2 ? c->in[2] : NULL; sizes = c->n_in > 3 ? c->in[3] : NULL; }
    if (scales && !scales->n_elements) scales = NULL;
    r = x->rank;
    if (sizes && sizes->n_elements == r) {
        for (j = 0; j < r; j++) { dims[j] = hln__x_geti(sizes, j); if (dims[j] < 0) return HLN__X_BAD(c, "a negative size"); sc[j] = x->dims[j] ? (double)dims[j] / (double)x->dims[j] : 1; }
    } else if (scales && scales->n_elements == r) {
        for (j = 0; j < r; j++) {
            sc[j] = hln__x_getf(scales, j);
            if (!(sc[j] > 0) || sc[j] > 1e6) return HLN__X_BAD(c, "a scale out of range");
            dims[j] = (int64_t)floor((double)x->dims[j] * sc[j]);
        }
    } else return HLN__X_BAD(c, "needs scales or sizes for every dim");
    if (linear) for (j = 0; j + 2 < r; j++) if (dims[j] != x->dims[j]) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "linear resize of other than the last two dims", NULL);
    for (j = r; j-- > 0;) { stride[j] = s; s *= (uint64_t)x->dims[j]; }
    if ((res = hln__x_new(c, 0, HLN_DTYPE_F32, r, dims)) != HLN_OK) return res;
    memset(idx, 0, sizeof idx);
    for (i = 0; i < c->out[0]->n_elements; i++) {
        double src[HLN_MAX_DIMS];
        uint64_t off = 0;
        for (j = 0; j < r; j++) {
            double o = (double)idx[j], in = (double)x->dims[j];
            if (align) src[j] = dims[j] > 1 ? o * (in - 1) / (double)(dims[j] - 1) : 0;
            else if (pyhalf) src[j] = dims[j] > 1 ? (o + 0.5) / sc[j] - 0.5 : 0;
            else if (tfhalf) src[j] = (o + 0.5) / sc[j];
            else if (half) src[j] = (o + 0.5) / sc[j] - 0.5;
            else src[j] = o / sc[j];
        }
        if (!linear) {
            for (j = 0; j < r; j++) {
                double v = src[j];
                int64_t k;
                if (nm_floor) k = (int64_t)floor(v);
                else if (nm_ceil) k = (int64_t)ceil(v);
                else if (nm_rpc) k = (int64_t)floor(v + 0.5);
                else k = (v - floor(v)) == 0.5 ? (int64_t)floor(v) : (int64_t)floor(v + 0.5);
                if (k < 0) k = 0;
                if (k >= x->dims[j]) k = x->dims[j] - 1;
                off += (uint64_t)k * stride[j];
            }
            ((float *)c->out[0]->data)[i] = ((const float *)x->data)[off];
        } else {
            double acc = 0;
            int64_t y0, x0, y1, x1;
            double fy, fx, sy = src[r - 2], sx = src[r - 1];
            for (j = 0; j + 2 < r; j++) off += (uint64_t)idx[j] * stride[j];
            if (sy < 0) sy = 0;
            if (sx < 0) sx = 0;
            if (sy > (double)(x->dims[r - 2] - 1)) sy = (double)(x->dims[r - 2] - 1);
            if (sx > (double)(x->dims[r - 1] - 1)) sx = (double)(x->dims[r - 1] - 1);
            y0 = (int64_t)floor(sy); x0 = (int64_t)floor(sx);
            y1 = y0 + 1 < x->dims[r - 2] ? y0 + 1 : y0;
            x1 = x0 + 1 < x->dims[r - 1] ? x0 + 1 : x0;
            fy = sy - (double)y0; fx = sx - (double)x0;
            {
                const float *p = (const float *)x->data + off;
                int64_t W = x->dims[r - 1];
                acc = (1 - fy) * ((1 - fx) * p[y0 * W + x0] + fx * p[y0 * W + x1]) + fy * ((1 - fx) * p[y1 * W + x0] + fx * p[y1 * W + x1]);
            }
            ((float *)c->out[0]->data)[i] = (float)acc;
        }
        for (j = r; j-- > 0;) { if (++idx[j] < dims[j]) break; idx[j] = 0; }
    }
    return HLN_OK;
}

/* ---- quantization ---- */
/* Scale and zero point of element i: per tensor, or per axis (1-D of dims[axis] entries). */
typedef struct hln__xq { const hln_exec_tensor *scale, *zp; uint64_t inner, n_axis; } hln__xq;
static hln_result hln__x_qparams(hln__xc *c, const hln_exec_tensor *x, hln__xq *q) {
    int64_t axis;
    uint64_t outer;
    q->scale = c->n_in > 1 ? c->in[1] : NULL;
    q->zp = c->n_in > 2 ? c->in[2] : NULL;
    q->inner = 1; q->n_axis = 1;
    if (!q->scale || !hln__x_is_float(q->scale->dtype)) return HLN__X_BAD(c, "needs a float scale");
    if (hln__x_attr_i(c->n, "block_size", 0)) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "blocked quantization", NULL);
    if (q->zp && q->zp->n_elements != q->scale->n_elements) return HLN__X_BAD(c, "scale and zero point differ in length");
    if (q->scale->n_elements > 1) {
        axis = hln__x_axis(hln__x_attr_i(c->n, "axis", 1), x->rank);
        if (axis < 0 || axis >= (int64_t)x->rank || (uint64_t)x->dims[axis] != q->scale->n_elements) return HLN__X_BAD(c, "per-axis scale does not match the axis");
        hln__x_around(x, axis, &outer, &q->inner);
        q->n_axis = q->scale->n_elements;
    }
    return HLN_OK;
}
static uint64_t hln__xq_at(const hln__xq *q, uint64_t i) { return q->n_axis > 1 ? (i / q->inner) % q->n_axis : 0; }

static hln_result hln__x_quantize(hln__xc *c) {
    const hln_exec_tensor *x = c->in[0];
    hln__xq q;
    hln_dtype to;
    double lo, hi;
    uint64_t i;
    hln_result r;
    if (!x || x->dtype != HLN_DTYPE_F32) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs an F32 input", NULL);
    if ((r = hln__x_qparams(c, x, &q)) != HLN_OK) return r;
    if (c->x->o.bypass_activation_qdq && c->n->inputs[0] >= 0 && c->f->g->values[c->n->inputs[0]].tensor < 0)
        return hln__x_copy_shape(c, x, x->rank, x->dims);
    to = q.zp ? q.zp->dtype : hln__x_attr(c->n, "output_dtype") ? hln_dtype_from_onnx((int32_t)hln__x_attr_i(c->n, "output_dtype", 2)) : HLN_DTYPE_U8;
    switch (to) {
    case HLN_DTYPE_U8: lo = 0; hi = 255; break;
    case HLN_DTYPE_I8: lo = -128; hi = 127; break;
    case HLN_DTYPE_U16: lo = 0; hi = 65535; break;
    case HLN_DTYPE_I16: lo = -32768; hi = 32767; break;
    default: return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "quantizing to ", hln_dtype_get(to)->name);
    }
    if ((r = hln__x_new_like(c, 0, to, x)) != HLN_OK) return r;
    for (i = 0; i < x->n_elements; i++) {
        uint64_t k = hln__xq_at(&q, i);
        float s = (float)hln__x_getf(q.scale, k);
        double v = (double)nearbyintf(((const float *)x->data)[i] / s) + (double)(q.zp ? hln__x_geti(q.zp, k) : 0);
        hln__x_seti(c->out[0], i, (int64_t)(v < lo ? lo : v > hi ? hi : v));
    }
    return HLN_OK;
}

static hln_result hln__x_dequantize(hln__xc *c) {
    const hln_exec_tensor *x = c->in[0];
    hln__xq q;
    uint64_t i;
    hln_result r;
    if (x && x->dtype == HLN_DTYPE_F32 && c->x->o.bypass_activation_qdq) return hln__x_copy_shape(c, x, x->rank, x->dims);
    if (!x || hln__x_is_float(x->dtype)) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs an integer input", NULL);
    if ((r = hln__x_qparams(c, x, &q)) != HLN_OK) return r;
    if ((r = hln__x_new_like(c, 0, HLN_DTYPE_F32, x)) != HLN_OK) return r;
    for (i = 0; i < x->n_elements; i++) {
        uint64_t k = hln__xq_at(&q, i);
        ((float *)c->out[0]->data)[i] = (float)(hln__x_geti(x, i) - (q.zp ? hln__x_geti(q.zp, k) : 0)) * (float)hln__x_getf(q.scale, k);
    }
    return HLN_OK;
}

/* ---- integer products: ConvInteger, MatMulInteger (int32 out), QLinearConv, QLinearMatMul ---- */
/* t less its zero point as int32: zp per tensor (one element) or per axis (n_axis entries, the
   axis' index of element i being (i / inner) % n_axis). t and zp are I8 or U8. */
static int32_t *hln__x_centered(hln__xc *c, const hln_exec_tensor *t, const hln_exec_tensor *zp, uint64_t inner, uint64_t n_axis, const char *what, hln_result *r) {
    int32_t *d;
    uint64_t i, bytes;
    *r = HLN_OK;
    if (t->dtype != HLN_DTYPE_I8 && t->dtype != HLN_DTYPE_U8) { *r = hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs I8 or U8 operands, not for ", what); return NULL; }
    if (zp && zp->dtype != t->dtype) { *r = HLN__X_BAD(c, "a zero point's dtype differs from its operand's"); return NULL; }
    if (zp && zp->n_elements != 1 && zp->n_elements != n_axis) { *r = hln__x_fail(c, HLN_ERR_LAYOUT, "a zero point is neither per tensor nor per axis: ", what); return NULL; }
    if (hln_mul_overflow(t->n_elements ? t->n_elements : 1, 4, &bytes) || bytes > (uint64_t)SIZE_MAX || bytes > c->x->o.max_memory ||
        !(d = (int32_t *)hln__x_alloc_raw(c->x, (size_t)bytes))) { *r = hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); return NULL; }
    for (i = 0; i < t->n_elements; i++)
        d[i] = (int32_t)(hln__x_geti(t, i) - (zp ? hln__x_geti(zp, zp->n_elements == 1 ? 0 : (i / inner) % n_axis) : 0));
    return d;
}

/* C[M x N] = A[M x K] B[K x N] in int32 (the sum wraps modulo 2^32, as int32 accumulation does). */
static void hln__x_igemm(int64_t M, int64_t N, int64_t K, const int32_t *A, const int32_t *B, int32_t *C) {
    int64_t i, j, k;
    for (i = 0; i < M; i++) {
        uint32_t *row = (uint32_t *)(void *)(C + i * N);
        for (j = 0; j < N; j++) row[j] = 0;
        for (k = 0; k < K; k++) {
            uint32_t a = (uint32_t)A[i * K + k];
            const int32_t *b = B + k * N;
            if (a) for (j = 0; j < N; j++) row[j] += a * (uint32_t)b[j];
        }
    }
}

/* out (of y_zp's dtype, U8 when absent) = saturate(round_half_even(acc * (a_s * b_s / y_s)) + y_zp),
   the multiplier and the product in float as onnxruntime computes them. Each scale/zero point is
   per tensor or per axis (hln__xq). */
static hln_result hln__x_requantize(hln__xc *c, const int32_t *acc, const hln__xq *a, const hln__xq *b, const hln__xq *y, hln_exec_tensor *out) {
    double lo, hi;
    uint64_t i;
    switch (out->dtype) {
    case HLN_DTYPE_U8: lo = 0; hi = 255; break;
    case HLN_DTYPE_I8: lo = -128; hi = 127; break;
    default: return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "an output of dtype ", hln_dtype_get(out->dtype)->name);
    }
    for (i = 0; i < out->n_elements; i++) {
        float as = (float)hln__x_getf(a->scale, hln__xq_at(a, i)), bs = (float)hln__x_getf(b->scale, hln__xq_at(b, i));
        float ys = (float)hln__x_getf(y->scale, hln__xq_at(y, i));
        float mult = as * bs / ys;
        double v = (double)nearbyintf((float)acc[i] * mult) + (double)(y->zp ? hln__x_geti(y->zp, hln__xq_at(y, i)) : 0);
        hln__x_seti(out, i, (int64_t)(v < lo ? lo : v > hi ? hi : v));
    }
    return HLN_OK;
}

/* A scale (and zero point) of n entries: per tensor (1) or one per index of an axis whose
   elements repeat every `inner` (n_axis of them). */
static hln_result hln__x_qaxis(hln__xc *c, hln__xq *q, const hln_exec_tensor *scale, const hln_exec_tensor *zp, uint64_t inner, uint64_t n_axis, const char *what) {
    q->scale = scale; q->zp = zp; q->inner = inner; q->n_axis = 1;
    if (!scale || !hln__x_is_float(scale->dtype)) return hln__x_fail(c, HLN_ERR_LAYOUT, "needs a float scale for ", what);
    if (zp && zp->n_elements != scale->n_elements) return hln__x_fail(c, HLN_ERR_LAYOUT, "scale and zero point differ in length for ", what);
    if (scale->n_elements != 1) {
        if (scale->n_elements != n_axis) return hln__x_fail(c, HLN_ERR_LAYOUT, "a scale is neither per tensor nor per axis: ", what);
        q->n_axis = n_axis;
    }
    return HLN_OK;
}

/* ConvInteger (x, w, x_zp, w_zp) and QLinearConv (x, x_s, x_zp, w, w_s, w_zp, y_s, y_zp, B):
   int32 sums of (x - x_zp)(w - w_zp) (+ B), x_zp per tensor, w_zp per tensor or per output
   channel; QLinearConv requantizes them (w_s per tensor or per output channel). */
static hln_result hln__x_conv_int(hln__xc *c, int qlinear) {
    const hln_exec_tensor *x = c->in[0], *w = c->in[qlinear ? 3 : 1], *xzp = c->n_in > 2 ? c->in[2] : NULL;
    const hln_exec_tensor *wzp = c->n_in > (qlinear ? 5u : 3u) ? c->in[qlinear ? 5 : 3] : NULL, *bias = qlinear && c->n_in > 8 ? c->in[8] : NULL;
    int64_t group = hln__x_attr_i(c->n, "group", 1), dims[5], cin, cout, cg, mg, kk = 1, P, gi, n, m, p;
    int32_t *xs = NULL, *ws = NULL, *col = NULL, *acc = NULL;
    uint64_t count, bytes;
    hln__xgeo g;
    hln_result r;
    uint32_t i;
    if (!x || !w) return HLN__X_BAD(c, "missing input");
    if (qlinear && (!c->in[1] || !c->in[4] || c->n_in < 8 || !c->in[6])) return HLN__X_BAD(c, "needs x_scale, w_scale and y_scale");
    if (w->rank != x->rank) return HLN__X_BAD(c, "weight rank differs from the input's");
    if ((r = hln__x_geometry(c, x, w->dims + 2, 0, &g)) != HLN_OK) return r;
    cin = x->dims[1]; cout = w->dims[0];
    if (group < 1 || cin % group || cout % group || w->dims[1] != cin / group) return HLN__X_BAD(c, "channels do not match the groups");
    if (bias && (bias->dtype != HLN_DTYPE_I32 || bias->n_elements != (uint64_t)cout)) return HLN__X_BAD(c, "the bias is not I32 of the output channels' length");
    if (xzp && xzp->n_elements != 1) return HLN__X_BAD(c, "x's zero point is not per tensor");
    cg = cin / group; mg = cout / group;
    for (i = 0; i < 3; i++) kk *= g.k[i];
    P = g.out[0] * g.out[1] * g.out[2];
    hln__x_out_dims(x, cout, &g, dims);
    if (!hln__x_count(x->rank, dims, &count)) return hln__x_fail(c, HLN_ERR_OVERFLOW, "output size overflows", NULL);
    if (!(xs = hln__x_centered(c, x, xzp, 1, 1, "x", &r))) return r;
    if (!(ws = hln__x_centered(c, w, wzp, cout ? w->n_elements / (uint64_t)cout : 1, (uint64_t)cout, "w", &r))) goto done;
    if (hln_mul_overflow((uint64_t)cg * (uint64_t)kk, (uint64_t)P, &bytes) || hln_mul_overflow(bytes ? bytes : 1, 4, &bytes) || bytes > c->x->o.max_memory ||
        bytes > (uint64_t)SIZE_MAX || !(col = (int32_t *)hln__x_alloc_raw(c->x, (size_t)bytes))) { r = hln__x_fail(c, HLN_ERR_NOMEM, "out of memory for the im2col buffer", NULL); goto done; }
    if (qlinear) {
        if (hln_mul_overflow(count ? count : 1, 4, &bytes) || bytes > c->x->o.max_memory || bytes > (uint64_t)SIZE_MAX ||
            !(acc = (int32_t *)hln__x_alloc_raw(c->x, (size_t)bytes))) { r = hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); goto done; }
    } else {
        if ((r = hln__x_new(c, 0, HLN_DTYPE_I32, x->rank, dims)) != HLN_OK) goto done;
        acc = (int32_t *)c->out[0]->data;
    }
    for (n = 0; n < x->dims[0]; n++)
        for (gi = 0; gi < group; gi++) {
            int32_t *dst = acc + (n * cout + gi * mg) * P;
            hln__x_im2col_i32(xs + (n * cin + gi * cg) * (g.in[0] * g.in[1] * g.in[2]), cg, &g, col);
            hln__x_igemm(mg, P, cg * kk, ws + gi * mg * cg * kk, col, dst);
            if (bias)
                for (m = 0; m < mg; m++) {
                    uint32_t bv = (uint32_t)((const int32_t *)bias->data)[gi * mg + m];
                    for (p = 0; p < P; p++) dst[m * P + p] = (int32_t)((uint32_t)dst[m * P + p] + bv);
                }
        }
    if (qlinear) {
        hln__xq qa, qb, qy;
        if ((r = hln__x_qaxis(c, &qa, c->in[1], NULL, 1, 1, "x")) != HLN_OK || (r = hln__x_qaxis(c, &qb, c->in[4], NULL, (uint64_t)P, (uint64_t)cout, "w")) != HLN_OK ||
            (r = hln__x_qaxis(c, &qy, c->in[6], c->in[7], 1, 1, "y")) != HLN_OK) goto done;
        if ((r = hln__x_new(c, 0, c->in[7] ? c->in[7]->dtype : HLN_DTYPE_U8, x->rank, dims)) != HLN_OK) goto done;
        r = hln__x_requantize(c, acc, &qa, &qb, &qy, c->out[0]);
    }
done:
    hln__x_free_raw(c->x, xs);
    hln__x_free_raw(c->x, ws);
    hln__x_free_raw(c->x, col);
    if (qlinear) hln__x_free_raw(c->x, acc);
    return r;
}

/* MatMulInteger (a, b, a_zp, b_zp) and QLinearMatMul (a, a_s, a_zp, b, b_s, b_zp, y_s, y_zp):
   int32 sums of (a - a_zp)(b - b_zp) with numpy batch broadcasting; a's zero point (and
   scale) per tensor or per row (M), b's per tensor or per column (N), y's per tensor or per
   row. QLinearMatMul requantizes the sums. */
static hln_result hln__x_matmul_int(hln__xc *c, int qlinear) {
    const hln_exec_tensor *a = c->in[0], *b = c->in[qlinear ? 3 : 1], *azp = c->n_in > 2 ? c->in[2] : NULL;
    const hln_exec_tensor *bzp = c->n_in > (qlinear ? 5u : 3u) ? c->in[qlinear ? 5 : 3] : NULL;
    const hln_exec_tensor *ts[2];
    int32_t *as = NULL, *bs = NULL, *acc = NULL;
    uint64_t bi, bytes;
    hln__xmm s;
    hln__xbc bc;
    hln_result r;
    if (!a || !b || !a->rank || !b->rank) return HLN__X_BAD(c, "needs two inputs of rank >= 1");
    if (qlinear && (!c->in[1] || !c->in[4] || c->n_in < 7 || !c->in[6])) return HLN__X_BAD(c, "needs a_scale, b_scale and y_scale");
    if ((r = hln__x_mm_shape(c, a, b, &s)) != HLN_OK) return r;
    if (!(as = hln__x_centered(c, a, azp, (uint64_t)s.K, (uint64_t)s.M, "a", &r))) return r;
    if (!(bs = hln__x_centered(c, b, bzp, 1, (uint64_t)s.N, "b", &r))) goto done;
    if (qlinear) {
        uint64_t count;
        hln__x_count(s.rank, s.dims, &count);
        if (hln_mul_overflow(count ? count : 1, 4, &bytes) || bytes > c->x->o.max_memory || bytes > (uint64_t)SIZE_MAX ||
            !(acc = (int32_t *)hln__x_alloc_raw(c->x, (size_t)bytes))) { r = hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); goto done; }
    } else {
        if ((r = hln__x_new(c, 0, HLN_DTYPE_I32, s.rank, s.dims)) != HLN_OK) goto done;
        acc = (int32_t *)c->out[0]->data;
    }
    ts[0] = &s.ba; ts[1] = &s.bb;
    hln__xbc_init(&bc, &s.bo, ts, 2);
    for (bi = 0; bi < s.nb; bi++, hln__xbc_next(&bc))
        hln__x_igemm(s.M, s.N, s.K, as + bc.off[0] * (uint64_t)(s.M * s.K), bs + bc.off[1] * (uint64_t)(s.K * s.N), acc + bi * (uint64_t)(s.M * s.N));
    if (qlinear) {
        hln__xq qa, qb, qy;
        if ((r = hln__x_qaxis(c, &qa, c->in[1], azp, (uint64_t)s.N, (uint64_t)s.M, "a")) != HLN_OK ||
            (r = hln__x_qaxis(c, &qb, c->in[4], bzp, 1, (uint64_t)s.N, "b")) != HLN_OK ||
            (r = hln__x_qaxis(c, &qy, c->in[6], c->n_in > 7 ? c->in[7] : NULL, (uint64_t)s.N, (uint64_t)s.M, "y")) != HLN_OK) goto done;
        if ((r = hln__x_new(c, 0, c->n_in > 7 && c->in[7] ? c->in[7]->dtype : HLN_DTYPE_U8, s.rank, s.dims)) != HLN_OK) goto done;
        r = hln__x_requantize(c, acc, &qa, &qb, &qy, c->out[0]);
    }
done:
    hln__x_free_raw(c->x, as);
    hln__x_free_raw(c->x, bs);
    if (qlinear) hln__x_free_raw(c->x, acc);
    return r;
}

/* ---- recurrent layers: RNN (1 gate), GRU (3: z r h), LSTM (4: i o f c) ---- */
static int hln__x_rnn_act(const hln_node *n, uint32_t k, int dflt) {
    const hln_attr *a = hln__x_attr(n, "activations");
    static const char *const names[] = { "Sigmoid", "Tanh", "Relu" };
    static const int ops[] = { HLN__XU_SIGMOID, HLN__XU_TANH, HLN__XU_RELU };
    uint32_t i;
    if (!a || a->type != HLN_ATTR_STRINGS || k >= a->count) return dflt;
    for (i = 0; i < 3; i++) if (a->strings[k].len == strlen(names[i]) && memcmp(a->strings[k].ptr, names[i], a->strings[k].len) == 0) return ops[i];
    return -1;
}

static hln_result hln__x_rnn(hln__xc *c, int gates) {
    const hln_exec_tensor *X = c->in[0], *W = c->n_in > 1 ? c->in[1] : NULL, *R = c->n_in > 2 ? c->in[2] : NULL;
    const hln_exec_tensor *B = c->n_in > 3 ? c->in[3] : NULL, *L = c->n_in > 4 ? c->in[4] : NULL, *H0 = c->n_in > 5 ? c->in[5] : NULL;
    const hln_exec_tensor *C0 = gates == 4 && c->n_in > 6 ? c->in[6] : NULL, *P = gates == 4 && c->n_in > 7 ? c->in[7] : NULL;
    int64_t H = hln__x_attr_i(c->n, "hidden_size", 0), seq, batch, in, dirs, d, b, t, k, dims[4];
    int layout = (int)hln__x_attr_i(c->n, "layout", 0), lbr = (int)hln__x_attr_i(c->n, "linear_before_reset", 0);
    int coupled = (int)hln__x_attr_i(c->n, "input_forget", 0), acts[6], na = gates == 4 ? 3 : gates == 3 ? 2 : 1, q;
    double clip = hln__x_attr_f(c->n, "clip", 0);
    float *h, *cs, *g, *hr;
    hln_result r;
    if (!X || !W || !R || X->dtype != HLN_DTYPE_F32 || W->dtype != HLN_DTYPE_F32 || R->dtype != HLN_DTYPE_F32 || X->rank != 3)
        return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "needs F32 X [seq, batch, input], W and R", NULL);
    dirs = hln__x_attr_s(c->n, "direction", "bidirectional", 0) ? 2 : 1;
    seq = layout ? X->dims[1] : X->dims[0];
    batch = layout ? X->dims[0] : X->dims[1];
    in = X->dims[2];
    if (H <= 0 || W->rank != 3 || W->dims[0] != dirs || W->dims[1] != gates * H || W->dims[2] != in || R->rank != 3 || R->dims[0] != dirs ||
        R->dims[1] != gates * H || R->dims[2] != H || (B && B->n_elements != (uint64_t)(dirs * 2 * gates * H)) ||
        (H0 && H0->n_elements != (uint64_t)(dirs * batch * H)) || (C0 && C0->n_elements != (uint64_t)(dirs * batch * H)) ||
        (P && P->n_elements != (uint64_t)(dirs * 3 * H)) || (L && L->n_elements != (uint64_t)batch) ||
        (B && B->dtype != HLN_DTYPE_F32) || (H0 && H0->dtype != HLN_DTYPE_F32) || (C0 && C0->dtype != HLN_DTYPE_F32) || (P && P->dtype != HLN_DTYPE_F32))
        return HLN__X_BAD(c, "W, R, B, initial states or peepholes do not match hidden_size and the input");
    for (q = 0; q < na * (int)dirs; q++) {
        acts[q] = hln__x_rnn_act(c->n, (uint32_t)q, q % na == 0 && gates > 1 ? HLN__XU_SIGMOID : HLN__XU_TANH);
        if (acts[q] < 0) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "activations other than Sigmoid, Tanh, Relu", NULL);
    }
    if (layout) { dims[0] = batch; dims[1] = seq; dims[2] = dirs; } else { dims[0] = seq; dims[1] = dirs; dims[2] = batch; }
    dims[3] = H;
    if ((r = hln__x_new(c, 0, HLN_DTYPE_F32, 4, dims)) != HLN_OK) return r;
    if (layout) { dims[0] = batch; dims[1] = dirs; } else { dims[0] = dirs; dims[1] = batch; }
    dims[2] = H;
    if (c->n_out > 1 && (r = hln__x_new(c, 1, HLN_DTYPE_F32, 3, dims)) != HLN_OK) return r;
    if (c->n_out > 2 && gates == 4 && (r = hln__x_new(c, 2, HLN_DTYPE_F32, 3, dims)) != HLN_OK) return r;
    h = hln__x_scratch(c, (uint64_t)H * 4);
    cs = h ? hln__x_scratch(c, (uint64_t)H) : NULL;
    g = cs ? hln__x_scratch(c, (uint64_t)(gates * H) * 2) : NULL;
    if (!g) { hln__x_free_raw(c->x, h); hln__x_free_raw(c->x, cs); return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); }
    hr = h + H;
    for (d = 0; d < dirs; d++) {
        int reverse = dirs == 2 ? d == 1 : hln__x_attr_s(c->n, "direction", "reverse", 0);
        const float *w = (const float *)W->data + d * gates * H * in, *rr = (const float *)R->data + d * gates * H * H;
        const float *wb = B ? (const float *)B->data + d * 2 * gates * H : NULL, *rb = wb ? wb + gates * H : NULL;
        const float *p = P ? (const float *)P->data + d * 3 * H : NULL;
        const int *act = acts + d * na;
        for (b = 0; b < batch; b++) {
            int64_t len = L ? hln__x_geti(L, (uint64_t)b) : seq, step;
            if (len < 0 || len > seq) { hln__x_free_raw(c->x, h); hln__x_free_raw(c->x, cs); hln__x_free_raw(c->x, g); return HLN__X_BAD(c, "a sequence length out of range"); }
            for (k = 0; k < H; k++) {
                uint64_t at = layout ? (uint64_t)((b * dirs + d) * H + k) : (uint64_t)((d * batch + b) * H + k);
                h[k] = H0 ? ((const float *)H0->data)[at] : 0.0f;
                cs[k] = C0 ? ((const float *)C0->data)[at] : 0.0f;
            }
            for (step = 0; step < len; step++) {
                int64_t tt = reverse ? len - 1 - step : step, j;
                const float *xt = (const float *)X->data + (layout ? (b * seq + tt) : (tt * batch + b)) * in;
                float *gx = g, *gh = g + gates * H;
                for (j = 0; j < gates * H; j++) {
                    double sx = wb ? wb[j] : 0, sh = rb ? rb[j] : 0;
                    for (k = 0; k < in; k++) sx += (double)w[j * in + k] * xt[k];
                    for (k = 0; k < H; k++) sh += (double)rr[j * H + k] * h[k];
                    gx[j] = (float)sx; gh[j] = (float)sh;
                }
#define HLN__XCLIP(v) (clip > 0 ? ((v) < -clip ? -clip : (v) > clip ? clip : (v)) : (v))
                if (gates == 1) for (k = 0; k < H; k++) hr[k] = (float)hln__xu(act[0], HLN__XCLIP((double)gx[k] + gh[k]), 0, 0);
                else if (gates == 3) {
                    for (k = 0; k < H; k++) {
                        double z = hln__xu(act[0], HLN__XCLIP((double)gx[k] + gh[k]), 0, 0);
                        double rg = hln__xu(act[0], HLN__XCLIP((double)gx[H + k] + gh[H + k]), 0, 0), hh;
                        if (lbr) hh = (double)gx[2 * H + k] + rg * gh[2 * H + k];
                        else {
                            double s = rb ? rb[2 * H + k] : 0;
                            int64_t m;
                            for (m = 0; m < H; m++) s += (double)rr[(2 * H + k) * H + m] * rg * h[m];
                            hh = (double)gx[2 * H + k] + s;
                        }
                        hh = hln__xu(act[1], HLN__XCLIP(hh), 0, 0);
                        hr[k] = (float)((1 - z) * hh + z * h[k]);
                    }
                } else {
                    for (k = 0; k < H; k++) {
                        double ig = HLN__XCLIP((double)gx[k] + gh[k] + (p ? p[k] * cs[k] : 0));
                        double fg = HLN__XCLIP((double)gx[2 * H + k] + gh[2 * H + k] + (p ? p[2 * H + k] * cs[k] : 0));
                        double cg = HLN__XCLIP((double)gx[3 * H + k] + gh[3 * H + k]), og, cn;
                        ig = hln__xu(act[0], ig, 0, 0);
                        fg = coupled ? 1 - ig : hln__xu(act[0], fg, 0, 0);
                        cn = fg * cs[k] + ig * hln__xu(act[1], cg, 0, 0);
                        og = hln__xu(act[0], HLN__XCLIP((double)gx[H + k] + gh[H + k] + (p ? p[H + k] * cn : 0)), 0, 0);
                        cs[k] = (float)cn;
                        hr[k] = (float)(og * hln__xu(act[2], cn, 0, 0));
                    }
                }
#undef HLN__XCLIP
                memcpy(h, hr, (size_t)H * sizeof(float));
                memcpy((float *)c->out[0]->data + (layout ? ((b * seq + tt) * dirs + d) * H : ((tt * dirs + d) * batch + b) * H), h, (size_t)H * sizeof(float));
            }
            for (k = 0; k < H; k++) {
                uint64_t at = layout ? (uint64_t)((b * dirs + d) * H + k) : (uint64_t)((d * batch + b) * H + k);
                if (c->n_out > 1) ((float *)c->out[1]->data)[at] = h[k];
                if (c->n_out > 2 && gates == 4) ((float *)c->out[2]->data)[at] = cs[k];
            }
            (void)t;
        }
    }
    hln__x_free_raw(c->x, h);
    hln__x_free_raw(c->x, cs);
    hln__x_free_raw(c->x, g);
    return HLN_OK;
}

/* ---- the op table ---- */
#define HLN__XOPS(X) \
    X(Add) X(Sub) X(Mul) X(Div) X(Pow) X(Mod) X(Equal) X(Greater) X(Less) X(GreaterOrEqual) X(LessOrEqual) \
    X(And) X(Or) X(Xor) X(BitwiseAnd) X(BitwiseOr) X(PRelu) X(Max) X(Min) X(Sum) X(Mean) \
    X(Relu) X(Sigmoid) X(Tanh) X(Exp) X(Log) X(Sqrt) X(Neg) X(Abs) X(Reciprocal) X(Floor) X(Ceil) X(Round) X(Erf) \
    X(LeakyRelu) X(HardSigmoid) X(HardSwish) X(Elu) X(Selu) X(Celu) X(Softplus) X(Softsign) X(Gelu) X(Sin) X(Cos) X(Not) \
    X(Sign) X(Identity) X(Dropout) X(Clip) X(Mish) X(IsNaN) X(ThresholdedRelu) X(Where) X(Cast) X(CastLike) \
    X(Reshape) X(Flatten) X(Squeeze) X(Unsqueeze) X(Transpose) X(Concat) X(Split) X(Slice) X(Gather) X(Expand) \
    X(Shape) X(Size) X(ConstantOfShape) X(Range) X(Pad) X(Tile) X(Constant) \
    X(ReduceSum) X(ReduceMean) X(ReduceMax) X(ReduceMin) X(ReduceProd) X(ReduceL1) X(ReduceL2) X(ReduceSumSquare) \
    X(ReduceLogSumExp) X(ReduceLogSum) X(ArgMax) X(ArgMin) X(Softmax) X(LogSoftmax) \
    X(LayerNormalization) X(BatchNormalization) X(InstanceNormalization) \
    X(MatMul) X(Gemm) X(Conv) X(ConvTranspose) X(MaxPool) X(AveragePool) X(LpPool) X(GlobalAveragePool) X(GlobalMaxPool) \
    X(Resize) X(QuantizeLinear) X(DequantizeLinear) X(QLinearConv) X(QLinearMatMul) X(ConvInteger) X(MatMulInteger) \
    X(RNN) X(GRU) X(LSTM) X(If) X(Loop) X(Scan)

enum {
#define HLN__XO(name) HLN__XOP_##name,
    HLN__XOPS(HLN__XO)
#undef HLN__XO
    HLN__XOP_COUNT, HLN__XOP_FUNCTION = 1000
};
static const char *const hln__x_op_names[] = {
#define HLN__XO(name) #name,
    HLN__XOPS(HLN__XO)
#undef HLN__XO
};

static int hln__x_op_id(const char *domain, const char *op) {
    int i;
    if (domain && domain[0] && strcmp(domain, "ai.onnx") != 0) return -1;
    for (i = 0; i < HLN__XOP_COUNT; i++) if (strcmp(hln__x_op_names[i], op) == 0) return i;
    return -1;
}
HLN_DEF int hln_exec_supports(const char *domain, const char *op_type) { return op_type && hln__x_op_id(domain, op_type) >= 0; }

static const hln_graph *hln__x_function(const hln_exec *x, const hln_node *n) {
    uint32_t i;
    const hln_graph *top = x->m->graph;
    for (i = 0; top && i < top->n_functions; i++) {
        const hln_graph *f = top->functions[i];
        if (f && f->name && strcmp(f->name, n->op_type) == 0 && strcmp(f->domain ? f->domain : "", n->domain ? n->domain : "") == 0) return f;
    }
    return NULL;
}

/* ---- initializers ---- */
static hln_result hln__x_tensor_view_of(hln_exec *x, int32_t ti, const hln_tensor *src, hln_exec_tensor *t, hln_error *err);
static hln_result hln__x_tensor_view(hln_exec *x, int32_t ti, hln_exec_tensor *t, hln_error *err) {
    const hln_tensor *src;
    if (ti < 0 || (uint32_t)ti >= x->m->n_tensors) return hln_error_set(err, HLN_ERR_RANGE, 0, "", "tensor index %ld out of range", (long)ti);
    src = &x->m->tensors[ti];
    if (src->dtype == HLN_DTYPE_STRING)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "tensor '%.80s' holds strings, which the executor does not compute with", src->name);
#ifndef HLN_NO_STDIO
    if (!src->data && src->n_elements && (src->flags & HLN_TENSOR_EXTERNAL) && src->file < x->m->n_files && x->m->files[src->file].path) {
        hln_mapped *mp = &x->maps[src->file];   /* external data: mapped on first use, kept */
        hln_result r;
        if (!mp->data && (r = hln_file_map(x->m->files[src->file].path, mp, err)) != HLN_OK) return r;
        if (src->file_offset > mp->size || src->n_bytes > mp->size - src->file_offset)
            return hln_error_set(err, HLN_ERR_TRUNCATED, src->file_offset, "", "external data of tensor '%.80s' runs past the end of %.100s", src->name,
                                 x->m->files[src->file].path);
        {
            hln_tensor view = *src;
            view.data = mp->data + src->file_offset;
            return hln__x_tensor_view_of(x, ti, &view, t, err);
        }
    }
#endif
    if (!src->data && src->n_elements)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "tensor '%.80s' has no bytes in memory (%s)", src->name,
                             src->flags & HLN_TENSOR_SPARSE ? "sparse" : src->flags & HLN_TENSOR_EXTERNAL ? "external data not loaded" : "no data");
    return hln__x_tensor_view_of(x, ti, src, t, err);
}

/* A view (or an aligned, dequantized or host-order copy, kept in x->weights) of src's bytes. */
static hln_result hln__x_tensor_view_of(hln_exec *x, int32_t ti, const hln_tensor *src, hln_exec_tensor *t, hln_error *err) {
    hln_dtype dt = src->dtype;
    uint64_t want;
    int ok = 1;
    uint32_t i;
    memset(t, 0, sizeof *t);
    if (src->n_dims > HLN_MAX_DIMS) return hln_error_set(err, HLN_ERR_LIMIT, 0, "", "tensor '%.80s' has more than HLN_MAX_DIMS dims", src->name);
    t->rank = src->n_dims;
    for (i = 0; i < src->n_dims; i++) t->dims[i] = src->dims[i];
    t->n_elements = src->n_elements;
    if (src->flags & (HLN_TENSOR_SPARSE | HLN_TENSOR_PACKED_SPARSE)) return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "tensor '%.80s' is sparse", src->name);
    want = hln_dtype_nbytes(dt, src->n_elements, &ok);
    if (!ok || want != src->n_bytes) return hln_error_set(err, HLN_ERR_LAYOUT, 0, "", "tensor '%.80s' holds %llu bytes, not the %llu its shape needs", src->name,
                                                          (unsigned long long)src->n_bytes, (unsigned long long)want);
    if (x->weights[ti]) { t->data = x->weights[ti]; t->dtype = hln_dtype_get(dt)->kind == HLN_KIND_QUANT ? HLN_DTYPE_F32 : dt; return HLN_OK; }
    if (hln_dtype_get(dt)->kind == HLN_KIND_QUANT) {
#ifdef HAOLINE_KERNELS_H
        hln_k_type kt = hln_k_type_from_name(hln_dtype_get(dt)->name);
        uint64_t bytes;
        float *f;
        if (kt == HLN_K_TYPE_NONE || hln_mul_overflow(src->n_elements, 4, &bytes) || bytes > (uint64_t)SIZE_MAX)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "tensor '%.80s' has block type %s the kernels cannot dequantize", src->name, hln_dtype_get(dt)->name);
        f = (float *)hln__x_alloc_raw(x, (size_t)bytes);
        if (!f) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
        if (hln_k_dequantize(kt, src->data, f, (int64_t)src->n_elements) != 0) {
            hln__x_free_raw(x, f);
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "tensor '%.80s': the kernels cannot dequantize %s", src->name, hln_dtype_get(dt)->name);
        }
        x->weights[ti] = f;
        t->data = f;
        t->dtype = HLN_DTYPE_F32;
        return HLN_OK;
#else
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "tensor '%.80s' is %s: include haoline_kernels.h first to dequantize it", src->name, hln_dtype_get(dt)->name);
#endif
    }
    if (!hln__x_value_dtype(dt) && dt != HLN_DTYPE_F16 && dt != HLN_DTYPE_BF16)
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "tensor '%.80s' has dtype %s, which the executor does not compute with", src->name, hln_dtype_get(dt)->name);
    t->dtype = dt;
    {
        size_t es = hln__x_esize(dt);
        uint16_t probe = 1;
        uint8_t little;
        memcpy(&little, &probe, 1);
        if (little && ((uintptr_t)src->data % es) == 0 && !x->m->big_endian) { t->data = (void *)(uintptr_t)src->data; return HLN_OK; }
        x->weights[ti] = hln__x_alloc_raw(x, (size_t)src->n_bytes);
        if (!x->weights[ti]) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
        memcpy(x->weights[ti], src->data, (size_t)src->n_bytes);
        if (!little || x->m->big_endian) {   /* the IR's bytes are little-endian; swap to the host's order */
            uint8_t *p = (uint8_t *)x->weights[ti];
            uint64_t e;
            size_t q;
            if (little != !x->m->big_endian)
                for (e = 0; e < src->n_elements; e++) for (q = 0; q < es / 2; q++) { uint8_t tmp = p[e * es + q]; p[e * es + q] = p[e * es + es - 1 - q]; p[e * es + es - 1 - q] = tmp; }
        }
        t->data = x->weights[ti];
    }
    return HLN_OK;
}

/* ---- running a graph ---- */
static hln_result hln__x_run_graph(hln_exec *x, const hln_graph *g, hln__xf *parent, uint32_t depth,
                                   const hln_exec_tensor *const *inputs, uint32_t n_inputs, hln_exec_tensor *outputs, hln_error *err);

/* An owned deep copy of src into dst (counted against max_memory). */
static hln_result hln__x_clone(hln_exec *x, hln_exec_tensor *dst, const hln_exec_tensor *src, hln_error *err) {
    uint64_t bytes = src->n_elements * hln__x_esize(src->dtype);
    if (!hln__x_value_dtype(src->dtype)) return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "a graph output of dtype %s", hln_dtype_get(src->dtype)->name);
    if (bytes > x->o.max_memory || x->live > x->o.max_memory - bytes)
        return hln_error_set(err, HLN_ERR_LIMIT, 0, "", "copying a %llu-byte value goes over max_memory", (unsigned long long)bytes);
    *dst = *src;
    dst->data = hln__x_value_alloc(x, bytes);
    if (!dst->data) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if (bytes) memcpy(dst->data, src->data, (size_t)bytes);
    x->live += bytes;
    if (x->live > x->peak) x->peak = x->live;
    return HLN_OK;
}

static hln_result hln__x_get(hln_exec *x, hln__xf *f, int32_t vi, const hln_exec_tensor **out, hln_error *err) {
    hln__xv *s = &f->v[vi];
    const hln_value *v = &f->g->values[vi];
    hln_result r;
    if (!s->set) {
        if (v->tensor >= 0) {
            if ((r = hln__x_tensor_view(x, v->tensor, &s->t, err)) != HLN_OK) return r;
        } else if (v->outer >= 0 && f->parent && (uint32_t)v->outer < f->parent->g->n_values) {
            const hln_exec_tensor *o;
            if ((r = hln__x_get(x, f->parent, v->outer, &o, err)) != HLN_OK) return r;
            s->t = *o;
        } else
            return hln_error_set(err, HLN_ERR_ARG, 0, "graph", "value '%.80s' of graph '%.60s' is read but nothing produced it", v->name ? v->name : "",
                                 f->g->name ? f->g->name : "");
        s->set = 1;
        s->owned = 0;
    }
    *out = &s->t;
    return HLN_OK;
}

/* Gemm's B (input 1, transB = 1) when it is a ggml block initializer in memory and the kernel
   path is on: a view of its blocks in place (dtype the block type), not a dequantized copy. */
static int hln__x_block_view(const hln_exec *x, const hln__xf *f, const hln_node *n, int op, uint32_t q, hln_exec_tensor *t) {
#ifdef HAOLINE_KERNELS_H
    const hln_tensor *src;
    int32_t ti;
    int ok = 1;
    uint32_t i;
    if (op != HLN__XOP_Gemm || q != 1 || x->o.dequantize_block_weights || n->inputs[1] < 0 || hln__x_attr_i(n, "transB", 0) != 1) return 0;
    ti = f->g->values[n->inputs[1]].tensor;
    if (ti < 0 || (uint32_t)ti >= x->m->n_tensors) return 0;
    src = &x->m->tensors[ti];
    if (hln_dtype_get(src->dtype)->kind != HLN_KIND_QUANT || !src->data || src->n_dims != 2 || src->flags & (HLN_TENSOR_SPARSE | HLN_TENSOR_PACKED_SPARSE) ||
        hln_dtype_nbytes(src->dtype, src->n_elements, &ok) != src->n_bytes || !ok) return 0;
    memset(t, 0, sizeof *t);
    t->dtype = src->dtype;
    t->rank = 2;
    for (i = 0; i < 2; i++) t->dims[i] = src->dims[i];
    t->n_elements = src->n_elements;
    t->data = (void *)(uintptr_t)src->data;
    return 1;
#else
    (void)x; (void)f; (void)n; (void)op; (void)q; (void)t;
    return 0;
#endif
}

/* Moves a subgraph's outputs into node outputs 0..n-1. */
static void hln__x_take(hln__xc *c, hln_exec_tensor *outs, uint32_t n) {
    uint32_t i;
    for (i = 0; i < n && i < c->n_out; i++) *c->out[i] = outs[i];
    for (; i < n; i++) hln__x_release(c->x, &outs[i]);
}

static hln_result hln__x_if(hln__xc *c) {
    const hln_graph *br;
    hln_exec_tensor outs[64];
    hln_result r;
    if (!c->in[0] || !c->in[0]->n_elements) return HLN__X_BAD(c, "needs a condition");
    br = hln__x_attr_g(c->n, hln__x_geti(c->in[0], 0) ? "then_branch" : "else_branch");
    if (!br || br->n_outputs != c->n_out || br->n_outputs > 64) return HLN__X_BAD(c, "the branch's outputs do not match the node's");
    if ((r = hln__x_run_graph(c->x, br, c->f, c->f->depth + 1, NULL, 0, outs, c->err)) != HLN_OK) return r;
    hln__x_take(c, outs, br->n_outputs);
    return HLN_OK;
}

/* Stacks per-iteration values (all of one shape) along a new axis 0 into output k. */
static hln_result hln__x_stack(hln__xc *c, uint32_t k, hln_exec_tensor *items, uint64_t n) {
    int64_t dims[HLN_MAX_DIMS];
    uint64_t i, bytes;
    hln_result r;
    if (!n) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "a scan output of zero iterations", NULL);
    if (items[0].rank + 1 > HLN_MAX_DIMS) return hln__x_fail(c, HLN_ERR_LIMIT, "rank exceeds HLN_MAX_DIMS", NULL);
    for (i = 1; i < n; i++)
        if (items[i].rank != items[0].rank || items[i].dtype != items[0].dtype || memcmp(items[i].dims, items[0].dims, items[0].rank * sizeof(int64_t)))
            return HLN__X_BAD(c, "scan outputs change shape between iterations");
    dims[0] = (int64_t)n;
    memcpy(dims + 1, items[0].dims, items[0].rank * sizeof(int64_t));
    if ((r = hln__x_new(c, k, items[0].dtype, items[0].rank + 1, dims)) != HLN_OK) return r;
    bytes = items[0].n_elements * hln__x_esize(items[0].dtype);
    for (i = 0; i < n; i++) memcpy((uint8_t *)c->out[k]->data + i * bytes, items[i].data, (size_t)bytes);
    return HLN_OK;
}

/* Loop and Scan share this: carried values, per-iteration scan outputs. */
typedef struct hln__xloop { hln_exec_tensor carried[64], *scans[64]; uint64_t n_scans_cap; } hln__xloop;

static void hln__xloop_free(hln__xc *c, hln__xloop *L, uint32_t n_carried, uint32_t n_scan, uint64_t iters) {
    uint32_t i;
    uint64_t t;
    for (i = 0; i < n_carried; i++) if (L->carried[i].data) hln__x_release(c->x, &L->carried[i]);
    for (i = 0; i < n_scan; i++) {
        if (!L->scans[i]) continue;
        for (t = 0; t < iters; t++) hln__x_release(c->x, &L->scans[i][t]);
        hln__x_free_raw(c->x, L->scans[i]);
    }
}

static hln_result hln__x_loop_step(hln__xc *c, hln__xloop *L, const hln_graph *body, const hln_exec_tensor *const *ins, uint32_t n_ins,
                                   uint32_t first_carried_out, uint32_t n_carried, uint32_t n_scan, uint64_t it, hln_exec_tensor *cond_out) {
    hln_exec_tensor outs[130];
    uint32_t i;
    hln_result r;
    if ((r = hln__x_run_graph(c->x, body, c->f, c->f->depth + 1, ins, n_ins, outs, c->err)) != HLN_OK) return r;
    if (first_carried_out && cond_out) *cond_out = outs[0];
    else if (first_carried_out) hln__x_release(c->x, &outs[0]);
    for (i = 0; i < n_carried; i++) { if (L->carried[i].data) hln__x_release(c->x, &L->carried[i]); L->carried[i] = outs[first_carried_out + i]; }
    if (it >= L->n_scans_cap) {
        uint64_t cap = L->n_scans_cap ? L->n_scans_cap * 2 : 16;
        for (i = 0; i < n_scan; i++) {
            hln_exec_tensor *grown = (hln_exec_tensor *)hln__x_alloc_raw(c->x, (size_t)(cap * sizeof *grown));
            if (!grown) { uint32_t q; for (q = 0; q < n_scan; q++) hln__x_release(c->x, &outs[first_carried_out + n_carried + q]); return hln__x_fail(c, HLN_ERR_NOMEM, "out of memory", NULL); }
            if (L->scans[i]) { memcpy(grown, L->scans[i], (size_t)(it * sizeof *grown)); hln__x_free_raw(c->x, L->scans[i]); }
            L->scans[i] = grown;
        }
        L->n_scans_cap = cap;
    }
    for (i = 0; i < n_scan; i++) L->scans[i][it] = outs[first_carried_out + n_carried + i];
    return HLN_OK;
}

static hln_result hln__x_loop(hln__xc *c) {
    const hln_graph *body = hln__x_attr_g(c->n, "body");
    const hln_exec_tensor *ins[66];
    hln_exec_tensor it_t, cond_t, cond_out;
    hln__xloop L;
    int64_t it_v = 0, max_trip = -1;
    uint8_t cond_v = 1;
    uint32_t n_carried, n_scan, i;
    uint64_t it = 0;
    hln_result r = HLN_OK;
    if (!body || c->n_in < 2 || c->n_in - 2 > 64 || body->n_inputs != c->n_in || body->n_outputs < c->n_in - 1)
        return HLN__X_BAD(c, "the body's inputs and outputs do not match the node's");
    n_carried = c->n_in - 2;
    n_scan = body->n_outputs - 1 - n_carried;
    if (n_carried + n_scan != c->n_out || n_scan > 64) return HLN__X_BAD(c, "the node's outputs do not match the body's");
    if (c->in[0]) { if (!c->in[0]->n_elements) return HLN__X_BAD(c, "an empty trip count"); max_trip = hln__x_geti(c->in[0], 0); }
    if (c->in[1]) { if (!c->in[1]->n_elements) return HLN__X_BAD(c, "an empty condition"); cond_v = hln__x_geti(c->in[1], 0) != 0; }
    if (max_trip < 0 && !c->in[1]) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "a Loop with neither a trip count nor a condition", NULL);
    memset(&L, 0, sizeof L);
    for (i = 0; i < n_carried; i++) {
        if (!c->in[2 + i]) return HLN__X_BAD(c, "an omitted loop-carried input");
        if ((r = hln__x_clone(c->x, &L.carried[i], c->in[2 + i], c->err)) != HLN_OK) { hln__xloop_free(c, &L, n_carried, 0, 0); return r; }
    }
    memset(&it_t, 0, sizeof it_t); it_t.dtype = HLN_DTYPE_I64; it_t.n_elements = 1; it_t.data = &it_v;
    memset(&cond_t, 0, sizeof cond_t); cond_t.dtype = HLN_DTYPE_BOOL; cond_t.n_elements = 1; cond_t.data = &cond_v;
    while ((max_trip < 0 || (int64_t)it < max_trip) && cond_v) {
        if (it >= HLN_EXEC_MAX_ITERATIONS) { r = hln__x_fail(c, HLN_ERR_LIMIT, "more than HLN_EXEC_MAX_ITERATIONS iterations", NULL); break; }
        it_v = (int64_t)it;
        ins[0] = &it_t; ins[1] = &cond_t;
        for (i = 0; i < n_carried; i++) ins[2 + i] = &L.carried[i];
        memset(&cond_out, 0, sizeof cond_out);
        if ((r = hln__x_loop_step(c, &L, body, ins, c->n_in, 1, n_carried, n_scan, it, &cond_out)) != HLN_OK) break;
        it++;
        cond_v = cond_out.n_elements && hln__x_geti(&cond_out, 0) != 0;
        hln__x_release(c->x, &cond_out);
    }
    if (r == HLN_OK) {
        for (i = 0; i < n_carried; i++) { *c->out[i] = L.carried[i]; L.carried[i].data = NULL; }
        for (i = 0; i < n_scan && r == HLN_OK; i++) r = hln__x_stack(c, n_carried + i, L.scans[i], it);
    }
    hln__xloop_free(c, &L, n_carried, n_scan, it);
    return r;
}

static hln_result hln__x_scan(hln__xc *c) {
    const hln_graph *body = hln__x_attr_g(c->n, "body");
    int64_t m = hln__x_attr_i(c->n, "num_scan_inputs", 0), seq = -1;
    const hln_exec_tensor *ins[64];
    hln_exec_tensor slices[64];
    hln__xloop L;
    uint32_t n_state, n_scan, i, j;
    uint64_t t;
    hln_result r = HLN_OK;
    if (c->x->opset < 9) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "Scan before opset 9 (batched, with sequence_lens)", NULL);
    if (!body || m < 1 || (uint64_t)m > c->n_in || c->n_in > 64 || body->n_inputs != c->n_in) return HLN__X_BAD(c, "the body does not match num_scan_inputs");
    {
        const hln_attr *ax[4];
        ax[0] = hln__x_attr(c->n, "scan_input_axes"); ax[1] = hln__x_attr(c->n, "scan_output_axes");
        ax[2] = hln__x_attr(c->n, "scan_input_directions"); ax[3] = hln__x_attr(c->n, "scan_output_directions");
        for (j = 0; j < 4; j++) if (ax[j]) for (i = 0; i < ax[j]->count; i++) if (ax[j]->ints[i]) return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "scan axes or directions other than 0", NULL);
    }
    n_state = c->n_in - (uint32_t)m;
    if (body->n_outputs < n_state || body->n_outputs - n_state + n_state != c->n_out) return HLN__X_BAD(c, "the node's outputs do not match the body's");
    n_scan = body->n_outputs - n_state;
    memset(&L, 0, sizeof L);
    for (i = n_state; i < c->n_in; i++) {
        const hln_exec_tensor *s = c->in[i];
        if (!s || !s->rank || (seq >= 0 && s->dims[0] != seq)) return HLN__X_BAD(c, "scan inputs need a common axis 0");
        seq = s->dims[0];
    }
    for (i = 0; i < n_state; i++) {
        if (!c->in[i]) return HLN__X_BAD(c, "an omitted state input");
        if ((r = hln__x_clone(c->x, &L.carried[i], c->in[i], c->err)) != HLN_OK) { hln__xloop_free(c, &L, n_state, 0, 0); return r; }
    }
    for (t = 0; t < (uint64_t)seq && r == HLN_OK; t++) {
        for (i = 0; i < n_state; i++) ins[i] = &L.carried[i];
        for (i = n_state; i < c->n_in; i++) {
            const hln_exec_tensor *s = c->in[i];
            hln_exec_tensor *sl = &slices[i];
            sl->dtype = s->dtype;
            sl->rank = s->rank - 1;
            memcpy(sl->dims, s->dims + 1, sl->rank * sizeof(int64_t));
            sl->n_elements = s->dims[0] ? s->n_elements / (uint64_t)s->dims[0] : 0;
            sl->data = (uint8_t *)s->data + t * sl->n_elements * hln__x_esize(s->dtype);
            ins[i] = sl;
        }
        r = hln__x_loop_step(c, &L, body, ins, c->n_in, 0, n_state, n_scan, t, NULL);
    }
    if (r == HLN_OK) {
        for (i = 0; i < n_state; i++) { *c->out[i] = L.carried[i]; L.carried[i].data = NULL; }
        for (i = 0; i < n_scan && r == HLN_OK; i++) r = hln__x_stack(c, n_state + i, L.scans[i], t);
    }
    hln__xloop_free(c, &L, n_state, n_scan, t);
    return r;
}

static hln_result hln__x_call(hln__xc *c, const hln_graph *fn) {
    hln_exec_tensor outs[64];
    hln_result r;
    if (fn->n_outputs != c->n_out || fn->n_outputs > 64 || c->n_in > fn->n_inputs) return HLN__X_BAD(c, "the call does not match the function's signature");
    if ((r = hln__x_run_graph(c->x, fn, NULL, c->f->depth + 1, c->in, c->n_in, outs, c->err)) != HLN_OK) return r;
    hln__x_take(c, outs, fn->n_outputs);
    return HLN_OK;
}

static hln_result hln__x_identity(hln__xc *c) {
    hln_result r;
    uint32_t k;
    if (!c->in[0]) return HLN__X_BAD(c, "missing input");
    if ((r = hln__x_copy_shape(c, c->in[0], c->in[0]->rank, c->in[0]->dims)) != HLN_OK) return r;
    for (k = 1; k < c->n_out; k++) {   /* Dropout's mask: all kept */
        uint64_t i;
        if ((r = hln__x_new_like(c, k, HLN_DTYPE_BOOL, c->in[0])) != HLN_OK) return r;
        for (i = 0; i < c->in[0]->n_elements; i++) ((uint8_t *)c->out[k]->data)[i] = 1;
    }
    return HLN_OK;
}

static hln_result hln__x_dispatch(hln__xc *c, int op) {
    switch (op) {
    case HLN__XOP_Add: return hln__x_binary_into(c, HLN__XB_ADD, c->in[0], c->in[1], 0);
    case HLN__XOP_Sub: return hln__x_binary_into(c, HLN__XB_SUB, c->in[0], c->in[1], 0);
    case HLN__XOP_Mul: return hln__x_binary_into(c, HLN__XB_MUL, c->in[0], c->in[1], 0);
    case HLN__XOP_Div: return hln__x_binary_into(c, HLN__XB_DIV, c->in[0], c->in[1], 0);
    case HLN__XOP_Pow: return hln__x_binary_into(c, HLN__XB_POW, c->in[0], c->in[1], 0);
    case HLN__XOP_Mod: return hln__x_binary_into(c, HLN__XB_MOD, c->in[0], c->in[1], 0);
    case HLN__XOP_Equal: return hln__x_binary_into(c, HLN__XB_EQ, c->in[0], c->in[1], 0);
    case HLN__XOP_Greater: return hln__x_binary_into(c, HLN__XB_GT, c->in[0], c->in[1], 0);
    case HLN__XOP_Less: return hln__x_binary_into(c, HLN__XB_LT, c->in[0], c->in[1], 0);
    case HLN__XOP_GreaterOrEqual: return hln__x_binary_into(c, HLN__XB_GE, c->in[0], c->in[1], 0);
    case HLN__XOP_LessOrEqual: return hln__x_binary_into(c, HLN__XB_LE, c->in[0], c->in[1], 0);
    case HLN__XOP_And: return hln__x_binary_into(c, HLN__XB_AND, c->in[0], c->in[1], 0);
    case HLN__XOP_Or: return hln__x_binary_into(c, HLN__XB_OR, c->in[0], c->in[1], 0);
    case HLN__XOP_Xor: return hln__x_binary_into(c, HLN__XB_XOR, c->in[0], c->in[1], 0);
    case HLN__XOP_BitwiseAnd: return hln__x_binary_into(c, HLN__XB_BITAND, c->in[0], c->in[1], 0);
    case HLN__XOP_BitwiseOr: return hln__x_binary_into(c, HLN__XB_BITOR, c->in[0], c->in[1], 0);
    case HLN__XOP_PRelu: return hln__x_binary_into(c, HLN__XB_PRELU, c->in[0], c->in[1], 0);
    case HLN__XOP_Max: return hln__x_variadic(c, HLN__XB_MAX, 0);
    case HLN__XOP_Min: return hln__x_variadic(c, HLN__XB_MIN, 0);
    case HLN__XOP_Sum: return hln__x_variadic(c, HLN__XB_ADD, 0);
    case HLN__XOP_Mean: return hln__x_variadic(c, HLN__XB_ADD, 1);
    case HLN__XOP_Relu: return hln__x_unary(c, HLN__XU_RELU, 0, 0);
    case HLN__XOP_Sigmoid: return hln__x_unary(c, HLN__XU_SIGMOID, 0, 0);
    case HLN__XOP_Tanh: return hln__x_unary(c, HLN__XU_TANH, 0, 0);
    case HLN__XOP_Exp: return hln__x_unary(c, HLN__XU_EXP, 0, 0);
    case HLN__XOP_Log: return hln__x_unary(c, HLN__XU_LOG, 0, 0);
    case HLN__XOP_Sqrt: return hln__x_unary(c, HLN__XU_SQRT, 0, 0);
    case HLN__XOP_Neg: return hln__x_unary(c, HLN__XU_NEG, 0, 0);
    case HLN__XOP_Abs: return hln__x_unary(c, HLN__XU_ABS, 0, 0);
    case HLN__XOP_Reciprocal: return hln__x_unary(c, HLN__XU_RECIP, 0, 0);
    case HLN__XOP_Floor: return hln__x_unary(c, HLN__XU_FLOOR, 0, 0);
    case HLN__XOP_Ceil: return hln__x_unary(c, HLN__XU_CEIL, 0, 0);
    case HLN__XOP_Round: return hln__x_unary(c, HLN__XU_ROUND, 0, 0);
    case HLN__XOP_Erf: return hln__x_unary(c, HLN__XU_ERF, 0, 0);
    case HLN__XOP_LeakyRelu: return hln__x_unary(c, HLN__XU_LEAKY, hln__x_attr_f(c->n, "alpha", 0.01f), 0);
    case HLN__XOP_HardSigmoid: return hln__x_unary(c, HLN__XU_HSIG, hln__x_attr_f(c->n, "alpha", 0.2f), hln__x_attr_f(c->n, "beta", 0.5f));
    case HLN__XOP_HardSwish: return hln__x_unary(c, HLN__XU_HSWISH, 0, 0);
    case HLN__XOP_Elu: return hln__x_unary(c, HLN__XU_ELU, hln__x_attr_f(c->n, "alpha", 1.0f), 0);
    case HLN__XOP_Selu: return hln__x_unary(c, HLN__XU_SELU, hln__x_attr_f(c->n, "alpha", 1.67326319217681884765625f), hln__x_attr_f(c->n, "gamma", 1.05070102214813232421875f));
    case HLN__XOP_Celu: return hln__x_unary(c, HLN__XU_CELU, hln__x_attr_f(c->n, "alpha", 1.0f), 0);
    case HLN__XOP_Softplus: return hln__x_unary(c, HLN__XU_SOFTPLUS, 0, 0);
    case HLN__XOP_Softsign: return hln__x_unary(c, HLN__XU_SOFTSIGN, 0, 0);
    case HLN__XOP_Gelu: return hln__x_unary(c, hln__x_attr_s(c->n, "approximate", "tanh", 0) ? HLN__XU_GELU_TANH : HLN__XU_GELU, 0, 0);
    case HLN__XOP_Sin: return hln__x_unary(c, HLN__XU_SIN, 0, 0);
    case HLN__XOP_Cos: return hln__x_unary(c, HLN__XU_COS, 0, 0);
    case HLN__XOP_Not: return hln__x_unary(c, HLN__XU_NOT, 0, 0);
    case HLN__XOP_Sign: return hln__x_unary(c, HLN__XU_SIGN, 0, 0);
    case HLN__XOP_Mish: return hln__x_unary(c, HLN__XU_MISH, 0, 0);
    case HLN__XOP_IsNaN: return hln__x_unary(c, HLN__XU_ISNAN, 0, 0);
    case HLN__XOP_ThresholdedRelu: return hln__x_unary(c, HLN__XU_THRELU, hln__x_attr_f(c->n, "alpha", 1.0f), 0);
    case HLN__XOP_Identity: case HLN__XOP_Dropout: return hln__x_identity(c);
    case HLN__XOP_Clip: return hln__x_clip(c);
    case HLN__XOP_Where: return hln__x_where(c);
    case HLN__XOP_Cast: case HLN__XOP_CastLike: return hln__x_cast(c);
    case HLN__XOP_Reshape: return hln__x_reshape(c);
    case HLN__XOP_Flatten: return hln__x_flatten(c);
    case HLN__XOP_Squeeze: return hln__x_squeeze(c, 0);
    case HLN__XOP_Unsqueeze: return hln__x_squeeze(c, 1);
    case HLN__XOP_Transpose: return hln__x_transpose(c);
    case HLN__XOP_Concat: return hln__x_concat(c);
    case HLN__XOP_Split: return hln__x_split(c);
    case HLN__XOP_Slice: return hln__x_slice(c);
    case HLN__XOP_Gather: return hln__x_gather(c);
    case HLN__XOP_Expand: return hln__x_expand(c);
    case HLN__XOP_Shape: return hln__x_shape(c);
    case HLN__XOP_Size: return hln__x_size(c);
    case HLN__XOP_ConstantOfShape: return hln__x_const_of_shape(c);
    case HLN__XOP_Range: return hln__x_range(c);
    case HLN__XOP_Pad: return hln__x_pad(c);
    case HLN__XOP_Tile: return hln__x_tile(c);
    case HLN__XOP_ReduceSum: return hln__x_reduce(c, HLN__XR_SUM);
    case HLN__XOP_ReduceMean: return hln__x_reduce(c, HLN__XR_MEAN);
    case HLN__XOP_ReduceMax: return hln__x_reduce(c, HLN__XR_MAX);
    case HLN__XOP_ReduceMin: return hln__x_reduce(c, HLN__XR_MIN);
    case HLN__XOP_ReduceProd: return hln__x_reduce(c, HLN__XR_PROD);
    case HLN__XOP_ReduceL1: return hln__x_reduce(c, HLN__XR_L1);
    case HLN__XOP_ReduceL2: return hln__x_reduce(c, HLN__XR_L2);
    case HLN__XOP_ReduceSumSquare: return hln__x_reduce(c, HLN__XR_SUMSQ);
    case HLN__XOP_ReduceLogSumExp: return hln__x_reduce(c, HLN__XR_LSE);
    case HLN__XOP_ReduceLogSum: return hln__x_reduce(c, HLN__XR_LOGSUM);
    case HLN__XOP_ArgMax: return hln__x_reduce(c, HLN__XR_ARGMAX);
    case HLN__XOP_ArgMin: return hln__x_reduce(c, HLN__XR_ARGMIN);
    case HLN__XOP_Softmax: return hln__x_softmax(c, 0);
    case HLN__XOP_LogSoftmax: return hln__x_softmax(c, 1);
    case HLN__XOP_LayerNormalization: return hln__x_layernorm(c);
    case HLN__XOP_BatchNormalization: return hln__x_channel_norm(c, 0);
    case HLN__XOP_InstanceNormalization: return hln__x_channel_norm(c, 1);
    case HLN__XOP_MatMul: return hln__x_matmul(c);
    case HLN__XOP_Gemm: return hln__x_gemm(c);
    case HLN__XOP_Conv: return hln__x_conv(c);
    case HLN__XOP_ConvTranspose: return hln__x_conv_transpose(c);
    case HLN__XOP_MaxPool: return hln__x_pool(c, 0, 0);
    case HLN__XOP_AveragePool: return hln__x_pool(c, 1, 0);
    case HLN__XOP_LpPool: return hln__x_pool(c, 2, 0);
    case HLN__XOP_GlobalAveragePool: return hln__x_pool(c, 1, 1);
    case HLN__XOP_GlobalMaxPool: return hln__x_pool(c, 0, 1);
    case HLN__XOP_Resize: return hln__x_resize(c);
    case HLN__XOP_QuantizeLinear: return hln__x_quantize(c);
    case HLN__XOP_DequantizeLinear: return hln__x_dequantize(c);
    case HLN__XOP_QLinearConv: return hln__x_conv_int(c, 1);
    case HLN__XOP_ConvInteger: return hln__x_conv_int(c, 0);
    case HLN__XOP_QLinearMatMul: return hln__x_matmul_int(c, 1);
    case HLN__XOP_MatMulInteger: return hln__x_matmul_int(c, 0);
    case HLN__XOP_RNN: return hln__x_rnn(c, 1);
    case HLN__XOP_GRU: return hln__x_rnn(c, 3);
    case HLN__XOP_LSTM: return hln__x_rnn(c, 4);
    case HLN__XOP_If: return hln__x_if(c);
    case HLN__XOP_Loop: return hln__x_loop(c);
    case HLN__XOP_Scan: return hln__x_scan(c);
    default: return hln__x_fail(c, HLN_ERR_UNSUPPORTED, "the op is not implemented", NULL);
    }
}

/* Values of graph g that its nested graphs capture (at any depth) live as long as g runs. */
static void hln__x_pin_captured(const hln_graph *g, const hln_graph *sub, hln__xv *v, uint32_t depth) {
    uint32_t i, a, s;
    if (!sub || depth > HLN_EXEC_MAX_DEPTH) return;
    for (i = 0; i < sub->n_values; i++) {   /* follow each capture up to g */
        const hln_graph *h = sub;
        int32_t at = (int32_t)i;
        while (h != g && h->parent && h->values[at].outer >= 0 && (uint32_t)h->values[at].outer < h->parent->n_values) {
            at = h->values[at].outer;
            h = h->parent;
        }
        if (h == g && sub != g) v[at].uses = UINT32_MAX;
    }
    for (i = 0; i < sub->n_nodes; i++)
        for (a = 0; a < sub->nodes[i].n_attrs; a++)
            if (sub->nodes[i].attrs[a].graphs)
                for (s = 0; s < sub->nodes[i].attrs[a].count; s++) hln__x_pin_captured(g, sub->nodes[i].attrs[a].graphs[s], v, depth + 1);
}

static hln_result hln__x_run_graph(hln_exec *x, const hln_graph *g, hln__xf *parent, uint32_t depth,
                                   const hln_exec_tensor *const *inputs, uint32_t n_inputs, hln_exec_tensor *outputs, hln_error *err) {
    hln__xf f;
    hln__xc *c;
    hln_exec_tensor dummy[64], blocks;
    uint32_t k, i, q, done = 0;
    hln_result r = HLN_OK;
    if (depth > HLN_EXEC_MAX_DEPTH) return hln_error_set(err, HLN_ERR_LIMIT, 0, "graph", "graphs nest deeper than HLN_EXEC_MAX_DEPTH");
    if (!g->order && g->n_nodes) return hln_error_set(err, HLN_ERR_ARG, 0, "graph", "graph '%.60s' has no order (run hln_graph_analyze)", g->name ? g->name : "");
    f.g = g; f.parent = parent; f.depth = depth;
    f.v = (hln__xv *)hln__x_alloc_raw(x, (size_t)g->n_values * sizeof *f.v + sizeof *c);
    if (!f.v) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    memset(f.v, 0, (size_t)g->n_values * sizeof *f.v + sizeof *c);
    c = (hln__xc *)(void *)(f.v + g->n_values);
    for (i = 0; i < g->n_inputs && i < n_inputs; i++)
        if (g->inputs[i] >= 0 && inputs[i]) { f.v[g->inputs[i]].t = *inputs[i]; f.v[g->inputs[i]].set = 1; }
    for (k = 0; k < g->n_nodes; k++)
        for (q = 0; q < g->nodes[k].n_inputs; q++)
            if (g->nodes[k].inputs[q] >= 0 && f.v[g->nodes[k].inputs[q]].uses != UINT32_MAX) f.v[g->nodes[k].inputs[q]].uses++;
    for (k = 0; k < g->n_nodes; k++)
        for (q = 0; q < g->nodes[k].n_attrs; q++)
            if (g->nodes[k].attrs[q].graphs)
                for (i = 0; i < g->nodes[k].attrs[q].count; i++) hln__x_pin_captured(g, g->nodes[k].attrs[q].graphs[i], f.v, 0);
    for (i = 0; i < g->n_outputs; i++) if (g->outputs[i] >= 0) f.v[g->outputs[i]].uses = UINT32_MAX;
    for (k = 0; k < g->n_nodes && r == HLN_OK; k++) {
        uint32_t ni = g->order[k];
        const hln_node *n = &g->nodes[ni];
        int op = hln__x_op_id(n->domain, n->op_type);
        const hln_graph *fn = op < 0 ? hln__x_function(x, n) : NULL;
        if (op == HLN__XOP_Constant) {
            for (q = 0; q < n->n_outputs; q++)
                if (n->outputs[q] >= 0 && g->values[n->outputs[q]].tensor < 0)
                    r = hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "graph", "Constant node '%.60s' has no tensor value", n->name ? n->name : "");
            continue;
        }
        memset(c, 0, sizeof *c);
        c->x = x; c->f = &f; c->n = n; c->index = ni; c->err = err;
        if (n->n_inputs > 64 || n->n_outputs > 64) { r = hln__x_fail(c, HLN_ERR_LIMIT, "more than 64 inputs or outputs", NULL); break; }
        c->n_in = n->n_inputs;
        for (q = 0; q < n->n_inputs && r == HLN_OK; q++)
            if (hln__x_block_view(x, &f, n, op, q, &blocks)) c->in[q] = &blocks;
            else if (n->inputs[q] >= 0) r = hln__x_get(x, &f, n->inputs[q], &c->in[q], err);
        if (r != HLN_OK) break;
        c->n_out = n->n_outputs;
        for (q = 0; q < n->n_outputs; q++) {
            memset(&dummy[q], 0, sizeof dummy[q]);
            c->out[q] = n->outputs[q] >= 0 ? &f.v[n->outputs[q]].t : &dummy[q];
        }
        r = op >= 0 ? hln__x_dispatch(c, op) : fn ? hln__x_call(c, fn) : hln__x_fail(c, HLN_ERR_UNSUPPORTED, "the op is not implemented", NULL);
        for (q = 0; q < n->n_outputs; q++) {
            if (n->outputs[q] < 0) { if (dummy[q].data) hln__x_release(x, &dummy[q]); continue; }
            if (c->out[q]->data || c->out[q]->n_elements == 0) { f.v[n->outputs[q]].set = 1; f.v[n->outputs[q]].owned = c->out[q]->data != NULL; }
        }
        if (r != HLN_OK) break;
        for (q = 0; q < n->n_outputs; q++)
            if (n->outputs[q] >= 0 && !f.v[n->outputs[q]].set) { r = hln__x_fail(c, HLN_ERR_UNSUPPORTED, "an output was not produced", NULL); break; }
        if (r != HLN_OK) break;
        if (x->o.on_node) {
            hln_exec_tensor shown[64];
            for (q = 0; q < n->n_outputs; q++) shown[q] = *c->out[q];
            if (x->o.on_node(x->o.user, g, ni, depth, shown, n->n_outputs)) { r = hln_error_set(err, HLN_ERR_ARG, 0, "", "stopped by the callback"); break; }
        }
        for (q = 0; q < n->n_inputs; q++) {
            hln__xv *s = n->inputs[q] >= 0 ? &f.v[n->inputs[q]] : NULL;
            if (s && s->uses != UINT32_MAX && s->uses && --s->uses == 0 && s->owned) { hln__x_release(x, &s->t); s->owned = 0; }
        }
        for (q = 0; q < n->n_outputs; q++) {
            hln__xv *s = n->outputs[q] >= 0 ? &f.v[n->outputs[q]] : NULL;
            if (s && !s->uses && s->owned) { hln__x_release(x, &s->t); s->owned = 0; }
        }
        done++;
    }
    for (i = 0; i < g->n_outputs && r == HLN_OK; i++) {
        const hln_exec_tensor *o;
        if (g->outputs[i] < 0) { memset(&outputs[i], 0, sizeof outputs[i]); continue; }
        if ((r = hln__x_get(x, &f, g->outputs[i], &o, err)) != HLN_OK) break;
        if (f.v[g->outputs[i]].owned) {
            /* a value listed twice as an output is copied the second time */
            outputs[i] = *o;
            f.v[g->outputs[i]].owned = 0;
        } else if ((r = hln__x_clone(x, &outputs[i], o, err)) != HLN_OK) break;
    }
    if (r != HLN_OK) while (i-- > 0) if (outputs[i].data) hln__x_release(x, &outputs[i]);
    for (i = 0; i < g->n_values; i++) if (f.v[i].owned) hln__x_release(x, &f.v[i].t);
    hln__x_free_raw(x, f.v);
    (void)done;
    return r;
}

/* ---- create, inputs, run ---- */
static hln_result hln__x_check_graph(const hln_exec *x, const hln_graph *g, uint32_t depth, hln_error *err) {
    uint32_t i, a, s;
    if (depth > HLN_EXEC_MAX_DEPTH) return hln_error_set(err, HLN_ERR_LIMIT, 0, "graph", "graphs nest deeper than HLN_EXEC_MAX_DEPTH");
    if (!g->order && g->n_nodes) return hln_error_set(err, HLN_ERR_LAYOUT, 0, "graph", "graph '%.60s' has no topological order", g->name ? g->name : "");
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        int op = hln__x_op_id(n->domain, n->op_type);
        const hln_graph *fn = op < 0 ? hln__x_function(x, n) : NULL;
        hln_result r;
        if (op < 0 && !fn)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "graph.node", "node %" PRIu32 " '%.60s' of graph '%.40s': op %s%s%.60s is not implemented by the executor",
                                 i, n->name ? n->name : "", g->name ? g->name : "", n->domain && n->domain[0] ? n->domain : "",
                                 n->domain && n->domain[0] ? "::" : "", n->op_type);
        if ((op == HLN__XOP_If && (!hln__x_attr_g(n, "then_branch") || !hln__x_attr_g(n, "else_branch"))) ||
            ((op == HLN__XOP_Loop || op == HLN__XOP_Scan) && !hln__x_attr_g(n, "body")))
            return hln_error_set(err, HLN_ERR_LAYOUT, 0, "graph.node", "node %" PRIu32 " '%.60s' (%s) lacks its subgraph", i, n->name ? n->name : "", n->op_type);
        if (fn && fn != g && (r = hln__x_check_graph(x, fn, depth + 1, err)) != HLN_OK) return r;
        for (a = 0; a < n->n_attrs; a++)
            if (n->attrs[a].graphs)
                for (s = 0; s < n->attrs[a].count; s++)
                    if (n->attrs[a].graphs[s] && (r = hln__x_check_graph(x, n->attrs[a].graphs[s], depth + 1, err)) != HLN_OK) return r;
    }
    return HLN_OK;
}

HLN_DEF hln_result hln_exec_create(hln_model *m, const hln_exec_options *o, hln_exec **out, hln_error *err) {
    hln_exec *x;
    hln_allocator a;
    const hln_kv *kv;
    hln_result r;
    uint32_t i;
    *out = NULL;
    if (!m || !m->graph) return hln_error_set(err, HLN_ERR_ARG, 0, "", "the model has no graph to run");
    memset(&a, 0, sizeof a);
    if (o) a = o->allocator;
    if (!m->graph->order) {
        hln_graph_summary gs;
        hln_graph_options go;
        memset(&go, 0, sizeof go);
        go.no_formula = 1;
        if ((r = hln_graph_analyze(m, &go, &gs, err)) != HLN_OK) return r;
    }
    x = (hln_exec *)hln_allocator_alloc(&a, sizeof *x);
    if (!x) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    memset(x, 0, sizeof *x);
    x->m = m;
    x->a = a;
    if (o) x->o = *o;
    if (!x->o.max_memory) x->o.max_memory = HLN_EXEC_DEFAULT_MAX_MEMORY;
    x->opset = 21;
    if ((kv = hln_model_find_kv(m, "onnx.opset")) != NULL) hln_kv_as_i64(kv, &x->opset);
    if ((r = hln__x_check_graph(x, m->graph, 0, err)) != HLN_OK) { hln_exec_free(x); return r; }
    x->weights = (void **)hln__x_alloc_raw(x, ((size_t)m->n_tensors + 1) * sizeof(void *));
    x->req = (int32_t *)hln__x_alloc_raw(x, ((size_t)m->graph->n_inputs + 1) * sizeof(int32_t));
    x->inputs = (hln_exec_tensor *)hln__x_alloc_raw(x, ((size_t)m->graph->n_inputs + 1) * sizeof(hln_exec_tensor));
    x->outputs = (hln_exec_tensor *)hln__x_alloc_raw(x, ((size_t)m->graph->n_outputs + 1) * sizeof(hln_exec_tensor));
#ifndef HLN_NO_STDIO
    x->maps = (hln_mapped *)hln__x_alloc_raw(x, ((size_t)m->n_files + 1) * sizeof(hln_mapped));
    if (x->maps) memset(x->maps, 0, ((size_t)m->n_files + 1) * sizeof(hln_mapped));
    else { hln_exec_free(x); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
#endif
    if (!x->weights || !x->req || !x->inputs || !x->outputs) { hln_exec_free(x); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    memset(x->weights, 0, ((size_t)m->n_tensors + 1) * sizeof(void *));
    memset(x->inputs, 0, ((size_t)m->graph->n_inputs + 1) * sizeof(hln_exec_tensor));
    memset(x->outputs, 0, ((size_t)m->graph->n_outputs + 1) * sizeof(hln_exec_tensor));
    for (i = 0; i < m->graph->n_inputs; i++) {
        int32_t vi = m->graph->inputs[i];
        if (vi >= 0 && (uint32_t)vi < m->graph->n_values && m->graph->values[vi].tensor < 0) x->req[x->n_req++] = vi;
    }
    *out = x;
    return HLN_OK;
}

HLN_DEF uint32_t hln_exec_input_count(const hln_exec *x) { return x ? x->n_req : 0; }
HLN_DEF const hln_value *hln_exec_input(const hln_exec *x, uint32_t i) {
    return x && i < x->n_req ? &x->m->graph->values[x->req[i]] : NULL;
}

HLN_DEF hln_result hln_exec_set_input(hln_exec *x, const char *name, hln_dtype dtype, uint32_t rank,
                                      const int64_t *dims, const void *data, hln_error *err) {
    uint32_t i, k;
    const hln_value *v = NULL;
    hln_exec_tensor *t;
    uint64_t n, bytes;
    for (i = 0; i < x->n_req; i++) if (strcmp(x->m->graph->values[x->req[i]].name, name) == 0) { v = &x->m->graph->values[x->req[i]]; break; }
    if (!v) return hln_error_set(err, HLN_ERR_ARG, 0, "input", "the graph has no input '%.80s' to set", name);
    if (!hln__x_value_dtype(dtype)) return hln_error_set(err, HLN_ERR_TYPE, 0, "input", "input '%.80s': dtype %s is not supported", name, hln_dtype_get(dtype)->name);
    if (v->dtype != HLN_DTYPE_UNKNOWN && v->dtype != dtype)
        return hln_error_set(err, HLN_ERR_TYPE, 0, "input", "input '%.80s' is %s, given %s", name, hln_dtype_get(v->dtype)->name, hln_dtype_get(dtype)->name);
    if (rank > HLN_MAX_DIMS) return hln_error_set(err, HLN_ERR_LIMIT, 0, "input", "input '%.80s': rank %" PRIu32 " exceeds HLN_MAX_DIMS", name, rank);
    if (v->shape.rank >= 0 && (uint32_t)v->shape.rank != rank)
        return hln_error_set(err, HLN_ERR_ARG, 0, "input", "input '%.80s' has rank %d, given rank %" PRIu32, name, (int)v->shape.rank, rank);
    for (k = 0; k < rank; k++) {
        if (dims[k] < 0) return hln_error_set(err, HLN_ERR_ARG, 0, "input", "input '%.80s': dim %" PRIu32 " is negative", name, k);
        if (v->shape.rank >= 0 && v->shape.dims[k].value >= 0 && v->shape.dims[k].value != dims[k])
            return hln_error_set(err, HLN_ERR_ARG, 0, "input", "input '%.80s': dim %" PRIu32 " must be %lld, given %lld", name, k,
                                 (long long)v->shape.dims[k].value, (long long)dims[k]);
    }
    if (!hln__x_count(rank, dims, &n) || hln_mul_overflow(n, hln__x_esize(dtype), &bytes) || bytes > x->o.max_memory)
        return hln_error_set(err, HLN_ERR_LIMIT, 0, "input", "input '%.80s' is larger than max_memory", name);
    t = &x->inputs[i];
    hln__x_free_raw(x, t->data);
    memset(t, 0, sizeof *t);
    t->data = hln__x_alloc_raw(x, (size_t)bytes);
    if (!t->data) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if (bytes) memcpy(t->data, data, (size_t)bytes);
    t->dtype = dtype;
    t->rank = rank;
    if (rank) memcpy(t->dims, dims, rank * sizeof *dims);
    t->n_elements = n;
    return HLN_OK;
}

/* The shapes every value will have for these inputs (the shape pass, bound to the inputs'
   symbolic dims), checked against max_memory before anything runs. */
static hln_result hln__x_plan(hln_exec *x, hln_error *err) {
    hln_binding bind[64];
    uint32_t n_bind = 0, i, k, j;
    int same = 1;
    const hln_graph *g = x->m->graph;
    for (i = 0; i < x->n_req; i++) {
        const hln_value *v = &g->values[x->req[i]];
        for (k = 0; v->shape.rank >= 0 && k < (uint32_t)v->shape.rank; k++) {
            const char *p = v->shape.dims[k].param;
            if (v->shape.dims[k].value >= 0 || !p) continue;
            for (j = 0; j < n_bind && strcmp(bind[j].name, p) != 0; j++) {}
            if (j < n_bind) {
                if (bind[j].value != x->inputs[i].dims[k])
                    return hln_error_set(err, HLN_ERR_ARG, 0, "input", "input '%.80s': dim '%.40s' is %lld here and %lld in another input", v->name, p,
                                         (long long)x->inputs[i].dims[k], (long long)bind[j].value);
                continue;
            }
            if (n_bind == 64) continue;
            bind[n_bind].name = p;
            bind[n_bind++].value = x->inputs[i].dims[k] ? x->inputs[i].dims[k] : 1;
        }
    }
    if (n_bind != x->n_bound || !x->bound) same = 0;
    for (i = 0; same && i < n_bind; i++) if (strcmp(bind[i].name, x->bound[i].name) != 0 || bind[i].value != x->bound[i].value) same = 0;
    if (!same) {
        hln_graph_summary gs;
        hln_graph_options go;
        hln_result r;
        memset(&go, 0, sizeof go);
        go.bindings = bind;
        go.n_bindings = n_bind;
        go.no_formula = 1;
        if ((r = hln_graph_analyze(x->m, &go, &gs, err)) != HLN_OK) return r;
        x->liveness_peak = gs.activation_peak_bytes;
        hln__x_free_raw(x, x->bound);
        x->bound = (hln_binding *)hln__x_alloc_raw(x, (n_bind + 1) * sizeof *bind);
        if (!x->bound) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
        if (n_bind) memcpy(x->bound, bind, n_bind * sizeof *bind);   /* names point into the model */
        x->n_bound = n_bind;
    }
    for (i = 0; i < g->n_values; i++) {
        const hln_value *v = &g->values[i];
        uint64_t n = 1, bytes = 0;
        int known = v->inferred.rank >= 0 && v->tensor < 0, over = 0;
        for (k = 0; known && k < (uint32_t)v->inferred.rank; k++) {
            if (v->inferred.dims[k].value < 0) { known = 0; break; }
            if (hln_mul_overflow(n, (uint64_t)v->inferred.dims[k].value, &n)) over = 1;
        }
        if (!known) continue;
        if (!over && hln_mul_overflow(n, hln__x_esize(v->dtype) ? hln__x_esize(v->dtype) : 1, &bytes)) over = 1;
        if (over || bytes > x->o.max_memory) {
            const hln_node *p = v->producer >= 0 ? &g->nodes[v->producer] : NULL;
            return hln_error_set(err, HLN_ERR_LIMIT, 0, "graph", "value '%.60s'%s%.60s%s%.30s%s would need %s%llu bytes, over max_memory %llu: nothing was run",
                                 v->name ? v->name : "", p ? " of node '" : "", p && p->name ? p->name : "", p ? "' (" : "", p ? p->op_type : "", p ? ")" : "",
                                 over ? "more than 2^64 elements, " : "", over ? 0ull : (unsigned long long)bytes, (unsigned long long)x->o.max_memory);
        }
    }
    if (x->liveness_peak > x->o.max_memory)
        return hln_error_set(err, HLN_ERR_LIMIT, 0, "graph", "the liveness pass puts the activation peak at %llu bytes, over max_memory %llu: nothing was run",
                             (unsigned long long)x->liveness_peak, (unsigned long long)x->o.max_memory);
    return HLN_OK;
}

HLN_DEF hln_result hln_exec_run(hln_exec *x, hln_error *err) {
    const hln_exec_tensor *ins[256];
    const hln_graph *g = x->m->graph;
    uint32_t i, k;
    hln_result r;
    for (i = 0; i < x->n_req; i++)
        if (!x->inputs[i].data)
            return hln_error_set(err, HLN_ERR_ARG, 0, "input", "input '%.80s' was not set", g->values[x->req[i]].name);
    if (g->n_inputs > 256) return hln_error_set(err, HLN_ERR_LIMIT, 0, "input", "more than 256 graph inputs");
    if ((r = hln__x_plan(x, err)) != HLN_OK) return r;
    for (i = 0; i < g->n_outputs; i++) if (x->outputs[i].data) hln__x_release(x, &x->outputs[i]);
    hln__x_arena_reset(x);
    x->live = 0;
    for (i = 0; i < x->n_req; i++) x->live += x->inputs[i].n_elements * hln__x_esize(x->inputs[i].dtype);
    x->peak = x->live;
    x->block_products = 0;
    for (i = 0; i < g->n_inputs; i++) {
        ins[i] = NULL;
        for (k = 0; k < x->n_req; k++) if (x->req[k] == g->inputs[i]) ins[i] = &x->inputs[k];
    }
    return hln__x_run_graph(x, g, NULL, 0, ins, g->n_inputs, x->outputs, err);
}

HLN_DEF uint32_t hln_exec_output_count(const hln_exec *x) { return x ? x->m->graph->n_outputs : 0; }
HLN_DEF const hln_exec_tensor *hln_exec_output(const hln_exec *x, uint32_t i, const char **name) {
    const hln_graph *g;
    if (!x || i >= x->m->graph->n_outputs) return NULL;
    g = x->m->graph;
    if (name) *name = g->outputs[i] >= 0 ? g->values[g->outputs[i]].name : "";
    return &x->outputs[i];
}
HLN_DEF void hln_exec_peak_bytes(const hln_exec *x, uint64_t *measured, uint64_t *liveness) {
    if (measured) *measured = x ? x->peak : 0;
    if (liveness) *liveness = x ? x->liveness_peak : 0;
}
HLN_DEF uint64_t hln_exec_block_products(const hln_exec *x) { return x ? x->block_products : 0; }
HLN_DEF void hln_exec_arena_bytes(const hln_exec *x, uint64_t *arena, uint64_t *spilled) {
    if (arena) *arena = x ? x->arena_size : 0;
    if (spilled) *spilled = x ? x->spill_peak : 0;
}

HLN_DEF void hln_exec_free(hln_exec *x) {
    uint32_t i;
    hln_allocator a;
    if (!x) return;
    if (x->weights) for (i = 0; i < x->m->n_tensors; i++) hln__x_free_raw(x, x->weights[i]);
    if (x->inputs) for (i = 0; i < x->n_req; i++) hln__x_free_raw(x, x->inputs[i].data);
    if (x->outputs) for (i = 0; i < x->m->graph->n_outputs; i++) if (x->outputs[i].data) hln__x_release(x, &x->outputs[i]);
    hln__x_free_raw(x, x->arena);
    hln__x_free_raw(x, x->free_ranges);
    hln__x_free_raw(x, x->weights);
#ifndef HLN_NO_STDIO
    if (x->maps) { for (i = 0; i < x->m->n_files; i++) if (x->maps[i].data) hln_file_unmap(&x->maps[i]); }
    hln__x_free_raw(x, x->maps);
#endif
    hln__x_free_raw(x, x->req);
    hln__x_free_raw(x, x->inputs);
    hln__x_free_raw(x, x->outputs);
    hln__x_free_raw(x, x->bound);
    a = x->a;
    hln_allocator_free(&a, x);
}

/* ---- statistics ---- */
HLN_DEF void hln_exec_tensor_stats(const hln_exec_tensor *t, hln_exec_stats *s) {
    uint64_t i, finite = 0;
    double sum = 0, sq = 0, lo8 = 0, hi8 = 0;
    int eight = t->dtype == HLN_DTYPE_I8 || t->dtype == HLN_DTYPE_U8;
    memset(s, 0, sizeof *s);
    s->n = t->n_elements;
    if (t->dtype == HLN_DTYPE_I8) { lo8 = -128; hi8 = 127; } else if (t->dtype == HLN_DTYPE_U8) { lo8 = 0; hi8 = 255; }
    for (i = 0; i < t->n_elements; i++) {
        double v = hln__x_getf(t, i);
        if (!(v == v) || v - v != 0) { s->nonfinite++; continue; }
        if (!finite || v < s->min) s->min = v;
        if (!finite || v > s->max) s->max = v;
        finite++;
        sum += v;
        if (v == 0) s->zeros++;
        if (eight && v == lo8) s->sat_low++;
        if (eight && v == hi8) s->sat_high++;
    }
    if (!finite) return;
    s->mean = sum / (double)finite;
    for (i = 0; i < t->n_elements; i++) {
        double v = hln__x_getf(t, i);
        int b;
        if (!(v == v) || v - v != 0) continue;
        sq += (v - s->mean) * (v - s->mean);
        b = s->max > s->min ? (int)((v - s->min) / (s->max - s->min) * HLN_EXEC_HIST_BINS) : 0;
        if (b >= HLN_EXEC_HIST_BINS) b = HLN_EXEC_HIST_BINS - 1;
        s->hist[b]++;
    }
    s->std = sqrt(sq / (double)finite);
}

HLN_DEF int hln_exec_tensor_error(const hln_exec_tensor *a, const hln_exec_tensor *b, hln_exec_error *e) {
    uint64_t i;
    double se = 0, aa = 0, bb = 0, ab = 0;
    memset(e, 0, sizeof *e);
    if (a->n_elements != b->n_elements) return 0;
    for (i = 0; i < a->n_elements; i++) {
        double x = hln__x_getf(a, i), y = hln__x_getf(b, i), d = x - y;
        se += d * d; aa += x * x; bb += y * y; ab += x * y;
        if (fabs(d) > e->max_abs || d != d) e->max_abs = d != d ? INFINITY : fabs(d);
    }
    if (a->n_elements) { e->rmse = sqrt(se / (double)a->n_elements); e->ref_rms = sqrt(aa / (double)a->n_elements); }
    e->cosine = aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : (aa == 0 && bb == 0 ? 1 : 0);
    e->snr_db = se > 0 ? (aa > 0 ? 10 * log10(aa / se) : -999) : 999;
    return 1;
}

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_EXEC_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  first release: f32 interpreter over the IR, per-node callback, max_memory.

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
