/* haoline_trt.h - v0.1 - TensorRT engine metadata (the JSON exports) for HaoLine. MIT license.

   A built TensorRT engine (.engine / .plan) is an undocumented binary that only the TensorRT
   build and GPU family that made it can deserialize: it is out of scope, and
   hln_trt_parse says so when it is given one. What TensorRT's tools export about an engine
   is JSON, and that is what this header reads, into the HaoLine IR (haoline_ir.h), with the
   hub's JSON tokenizer:

     X.graph.json             trtexec --exportLayerInfo (IEngineInspector, kJSON): {"Layers", "Bindings"}
     X.profile.json           trtexec --exportProfile: [{"count"}, {name, timeMs, averageMs, medianMs, percentage}...]
     X.timing.json            trtexec --exportTimes: one record per inference
     X.metadata.json          Engine Explorer's device_info.py: one object per GPU
     X.build.metadata.json    Engine Explorer's parse_trtexec_log.py: model_options, build_options
     X.profile.metadata.json  the same for the profiling run: performance_summary, ...

   The kind comes from the content. A graph becomes an hln_graph: one node per layer
   (domain "tensorrt", op_type the ParameterType, or the LayerType when there is none), one
   value per tensor name, the bindings as graph inputs/outputs, and one tensor without bytes
   per Weights/Bias {Type, Count} (Float F32, Half F16, Int8 I8, Int32 I32). Costs: a layer
   with Weights and OutMaps costs output elements x Count / OutMaps MACs (haoline_analysis.h,
   the declared-shape rules). A graph read from a file also reads X.profile.json beside it
   (same name, "graph" replaced by "profile") for the time per layer; a profile reads the graph
   beside it to match names.

   FACTS: model->format_facts carries "kind" and the keys of the corpus README for that kind
   (layer and parameter type histograms, precision mix, tensor formats, weights by type,
   origin, ONNX origin nodes, bindings...), and for a graph also "fusions" (layers that
   replace several network layers: " + " in the name or several ONNX nodes in Metadata) and,
   with a profile beside it, "time_by_layer_type" (averageMs summed per LayerType).

   Rejected: not JSON (NaN, truncation, bad UTF-8, duplicate keys, nesting past
   HLN_JSON_MAX_DEPTH), Layers not an array, a layer without Name, a dimension outside int64
   or below -1, an element count or byte size that overflows 64 bits, a negative Count.

   FUNCTIONS
     hln_trt_detect       which TensorRT JSON export this is (graph, profile, timing, metadata)
     hln_trt_parse        an export in memory -> hln_model
     hln_trt_load_file    a file, and the graph or profile beside it
   DOES NOT
     read serialized .engine/.plan files (not portable: refused with that reason), or include
     another format header.
*/
#ifndef HAOLINE_TRT_H
#define HAOLINE_TRT_H

#include "haoline_ir.h"

#define HAOLINE_TRT_VERSION_MAJOR 0
#define HAOLINE_TRT_VERSION_MINOR 1
#define HAOLINE_TRT_VERSION_PATCH 0

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_trt_options {
    hln_allocator allocator;   /* zero: libc */
    hln_file_io   io;          /* hln_trt_load_file's file access; zero: the platform's */
} hln_trt_options;

/* 1 when data looks like one of the JSON exports (a JSON object or array naming their keys). */
HLN_DEF int        hln_trt_detect(const void *data, uint64_t size);
/* Parses one export held in memory; beside/beside_size: the graph JSON when data is a profile,
   or the profile when data is a graph (NULL: none), named beside_name in the facts. */
HLN_DEF hln_result hln_trt_parse(const hln_trt_options *opts, const void *data, uint64_t size,
                                 const void *beside, uint64_t beside_size, const char *beside_name,
                                 hln_model **out, hln_error *err);
#ifndef HLN_NO_STDIO
HLN_DEF hln_result hln_trt_load_file(const hln_trt_options *opts, const char *path, hln_model **out, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_TRT_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_TRT_IMPLEMENTATION)) && !defined(HAOLINE_TRT_IMPLEMENTED)
#define HAOLINE_TRT_IMPLEMENTED

#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { HLN_TRT__GRAPH = 1, HLN_TRT__PROFILE, HLN_TRT__TIMING, HLN_TRT__DEVICE, HLN_TRT__BUILD, HLN_TRT__PROFILE_META };
static const char *const hln_trt__kinds[] = { "", "graph", "profile", "timing", "device_metadata", "build_metadata", "profile_metadata" };

typedef struct hln_trt__rd {
    hln_json   j;
    hln_model *m;
    hln_error *err;
    hln_jw     w;
} hln_trt__rd;

static hln_result hln_trt__fail(hln_trt__rd *r, hln_result code, uint32_t t, const char *path, const char *what) {
    return hln_error_set(r->err, code, r->j.tok ? r->j.tok[t].start : 0, path, "%s", what);
}

/* Children of container t: first child, then hln_trt__next. */
static uint32_t hln_trt__next(const hln_json *j, uint32_t c) { return j->tok[c].next; }
static const char *hln_trt__text(const hln_json *j, uint32_t t) { return j->text + j->tok[t].start; }
static uint32_t hln_trt__tlen(const hln_json *j, uint32_t t) { return j->tok[t].end - j->tok[t].start; }

/* Every object's keys are distinct: readers disagree on which duplicate wins. Small objects
   pairwise, large ones through a map. */
static hln_result hln_trt__dup_key(hln_trt__rd *r, uint32_t k) {
    char msg[128];
    const hln_json_tok *y = &r->j.tok[k];
    snprintf(msg, sizeof msg, "duplicate key \"%.*s\" (readers disagree on which one wins)",
             (int)(y->end - y->start > 60 ? 60 : y->end - y->start), r->j.text + y->start);
    return hln_trt__fail(r, HLN_ERR_DUPLICATE, k, "json", msg);
}
static hln_result hln_trt__unique_keys(hln_trt__rd *r) {
    uint32_t t, a, b, ka, kb;
    for (t = 0; t < r->j.n; t++) {
        const hln_json_tok *o = &r->j.tok[t];
        if (o->type != HLN_JSON_OBJECT || o->size < 2) continue;
        if (o->size > 16) {
            hln_strmap seen;
            hln_result res = HLN_OK;
            if (!hln_strmap_init(&seen, &r->w.alloc, o->size)) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "json", "out of memory");
            for (a = 0, ka = t + 1; a < o->size && res == HLN_OK; a++, ka = r->j.tok[ka + 1].next)
                if (hln_strmap_put(&seen, hln_trt__text(&r->j, ka), hln_trt__tlen(&r->j, ka), a) != 1) res = hln_trt__dup_key(r, ka);
            hln_strmap_free(&seen);
            if (res != HLN_OK) return res;
            continue;
        }
        for (a = 0, ka = t + 1; a < o->size; a++, ka = r->j.tok[ka + 1].next)
            for (b = a + 1, kb = r->j.tok[ka + 1].next; b < o->size; b++, kb = r->j.tok[kb + 1].next) {
                const hln_json_tok *x = &r->j.tok[ka], *y = &r->j.tok[kb];
                if (x->end - x->start == y->end - y->start && memcmp(r->j.text + x->start, r->j.text + y->start, x->end - x->start) == 0)
                    return hln_trt__dup_key(r, kb);
            }
    }
    return HLN_OK;
}

/* The value's text as stored: strings with their quotes, containers whole; names 1: the
   strings in it are names of the model (hln_jw_name_raw: redacted with --redact-names). */
static void hln_trt__raw_as(hln_trt__rd *r, uint32_t t, int names) {
    const hln_json_tok *k = &r->j.tok[t];
    uint32_t s = k->start, e = k->end;
    char *buf;
    if (!t && !k->type) { hln_jw_raw(&r->w, "null"); return; }
    if (k->type == HLN_JSON_STRING) { s--; e++; }
    buf = (char *)hln_allocator_alloc(&r->w.alloc, (size_t)(e - s) + 1);
    if (!buf) { r->w.failed = 1; return; }
    memcpy(buf, r->j.text + s, e - s);
    buf[e - s] = 0;
    if (names) hln_jw_name_raw(&r->w, buf); else hln_jw_raw(&r->w, buf);
    hln_allocator_free(&r->w.alloc, buf);
}
static void hln_trt__raw(hln_trt__rd *r, uint32_t t) { hln_trt__raw_as(r, t, 0); }
static void hln_trt__name(hln_trt__rd *r, uint32_t t) { hln_trt__raw_as(r, t, 1); }
static void hln_trt__raw_or_null(hln_trt__rd *r, uint32_t t) { if (t) hln_trt__raw(r, t); else hln_jw_raw(&r->w, "null"); }
static void hln_trt__name_or_null(hln_trt__rd *r, uint32_t t) { if (t) hln_trt__name(r, t); else hln_jw_raw(&r->w, "null"); }

/* A number token as a double (JSON grammar already checked; locale-independent). */
static double hln_trt__num(const hln_json *j, uint32_t t) {
    const char *p = hln_trt__text(j, t), *end = p + hln_trt__tlen(j, t);
    double v = 0, scale = 1;
    int neg = 0, ex = 0, eneg = 0;
    if (j->tok[t].type != HLN_JSON_NUMBER) return 0;
    if (p < end && *p == '-') { neg = 1; p++; }
    while (p < end && *p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    if (p < end && *p == '.') {
        p++;
        while (p < end && *p >= '0' && *p <= '9') { scale /= 10; v += (*p++ - '0') * scale; }
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
        while (p < end && *p >= '0' && *p <= '9' && ex < 400) ex = ex * 10 + (*p++ - '0');
        while (ex-- > 0) v = eneg ? v / 10 : v * 10;
    }
    return neg ? -v : v;
}
/* An exact signed integer: HLN_ERR_RANGE when the token is not one or does not fit int64. */
static int hln_trt__i64(const hln_json *j, uint32_t t, int64_t *out) {
    const char *p = hln_trt__text(j, t);
    uint32_t n = hln_trt__tlen(j, t), i = 0;
    uint64_t v = 0;
    int neg = 0;
    if (j->tok[t].type != HLN_JSON_NUMBER) return 0;
    if (p[0] == '-') { neg = 1; i = 1; }
    if (i == n) return 0;
    for (; i < n; i++) {
        unsigned d = (unsigned)(p[i] - '0');
        if (d > 9 || v > (UINT64_MAX - d) / 10) return 0;
        v = v * 10 + d;
    }
    if (v > (uint64_t)INT64_MAX + (uint64_t)neg) return 0;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 1;
}

static uint32_t hln_trt__get(const hln_trt__rd *r, uint32_t obj, const char *key) { return hln_json_find(&r->j, obj, key); }
static int hln_trt__str_is(const hln_trt__rd *r, uint32_t t, const char *lit) { return t && hln_json_is(&r->j, t, lit); }

/* A counted key of a histogram: views of the text (strings unescaped only when they must be). */
typedef struct hln_trt__h { const char *key; uint32_t len; uint64_t count; double sum; } hln_trt__h;
typedef struct hln_trt__hist { hln_trt__h h[256]; uint32_t n; int overflow; } hln_trt__hist;

static hln_trt__h *hln_trt__count(hln_trt__hist *h, const char *key, uint32_t len, uint64_t by) {
    uint32_t i;
    for (i = 0; i < h->n; i++)
        if (h->h[i].len == len && memcmp(h->h[i].key, key, len) == 0) { h->h[i].count += by; return &h->h[i]; }
    if (h->n == sizeof h->h / sizeof h->h[0]) { h->overflow = 1; return NULL; }
    h->h[h->n].key = key;
    h->h[h->n].len = len;
    h->h[h->n].count = by;
    h->h[h->n].sum = 0;
    return &h->h[h->n++];
}
static hln_trt__h *hln_trt__count_tok(hln_trt__rd *r, hln_trt__hist *h, uint32_t t, const char *absent) {
    if (!t || r->j.tok[t].type != HLN_JSON_STRING) return hln_trt__count(h, absent, (uint32_t)strlen(absent), 1);
    return hln_trt__count(h, hln_trt__text(&r->j, t), hln_trt__tlen(&r->j, t), 1);
}
static int hln_trt__h_cmp(const void *a, const void *b) {
    const hln_trt__h *x = (const hln_trt__h *)a, *y = (const hln_trt__h *)b;
    uint32_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    return c ? c : x->len < y->len ? -1 : x->len > y->len;
}
/* Keys are raw string bodies from the text (escapes kept), so they are written back as raw JSON. */
static void hln_trt__jw_hist(hln_trt__rd *r, const char *name, hln_trt__hist *h, int sums) {
    uint32_t i;
    if (h->n > 1) qsort(h->h, h->n, sizeof h->h[0], hln_trt__h_cmp);
    hln_jw_key(&r->w, name);
    hln_jw_open(&r->w, '{');
    for (i = 0; i < h->n; i++) {
        char *k = (char *)hln_allocator_alloc(&r->w.alloc, (size_t)h->h[i].len + 4);
        if (!k) { r->w.failed = 1; return; }
        k[0] = '"';
        memcpy(k + 1, h->h[i].key, h->h[i].len);
        k[h->h[i].len + 1] = '"';
        k[h->h[i].len + 2] = ':';
        k[h->h[i].len + 3] = 0;
        hln_jw_raw(&r->w, k);
        hln_allocator_free(&r->w.alloc, k);
        if (sums) hln_jw_f64(&r->w, h->h[i].sum, 6); else hln_jw_u64(&r->w, h->h[i].count);
    }
    hln_jw_close(&r->w, '}');
}

/* trex's precision of a tensor: from its Format/Datatype sentence or TensorRT 10's short form. */
static const char *hln_trt__precision(const hln_trt__rd *r, uint32_t tensor) {
    uint32_t f = tensor ? hln_trt__get(r, tensor, "Format/Datatype") : 0;
    static const char *const pats[][2] = { {"FP32", "FP32"}, {"FP16", "FP16"}, {"BF16", "BF16"}, {"Int8", "INT8"}, {"INT8", "INT8"},
                                           {"FP8", "FP8"}, {"Int32", "INT32"}, {"Int64", "INT64"}, {"Bool", "BOOL"}, {"Int4", "INT4"} };
    static const char *const shorts[][2] = { {"Float", "FP32"}, {"Half", "FP16"}, {"BFloat16", "BF16"}, {"Int8", "INT8"},
                                             {"Int32", "INT32"}, {"Int64", "INT64"}, {"Bool", "BOOL"}, {"FP8", "FP8"} };
    size_t k;
    if (!tensor) return "none";
    if (!f || r->j.tok[f].type != HLN_JSON_STRING) return "unknown";
    for (k = 0; k < sizeof shorts / sizeof shorts[0]; k++) if (hln_json_is(&r->j, f, shorts[k][0])) return shorts[k][1];
    for (k = 0; k < sizeof pats / sizeof pats[0]; k++) {
        const char *p = hln_trt__text(&r->j, f);
        uint32_t n = hln_trt__tlen(&r->j, f), l = (uint32_t)strlen(pats[k][0]), i;
        for (i = 0; i + l <= n; i++) if (memcmp(p + i, pats[k][0], l) == 0) return pats[k][1];
    }
    return "unknown";
}
static hln_dtype hln_trt__precision_dtype(const char *p) {
    if (strcmp(p, "FP32") == 0) return HLN_DTYPE_F32;
    if (strcmp(p, "FP16") == 0) return HLN_DTYPE_F16;
    if (strcmp(p, "BF16") == 0) return HLN_DTYPE_BF16;
    if (strcmp(p, "INT8") == 0) return HLN_DTYPE_I8;
    if (strcmp(p, "INT32") == 0) return HLN_DTYPE_I32;
    if (strcmp(p, "INT64") == 0) return HLN_DTYPE_I64;
    if (strcmp(p, "BOOL") == 0) return HLN_DTYPE_BOOL;
    if (strcmp(p, "FP8") == 0) return HLN_DTYPE_F8_E4M3;
    if (strcmp(p, "INT4") == 0) return HLN_DTYPE_I4;
    return HLN_DTYPE_UNKNOWN;
}

static uint32_t hln_trt__first(const hln_trt__rd *r, uint32_t arr) {
    return arr && r->j.tok[arr].type == HLN_JSON_ARRAY && r->j.tok[arr].size ? arr + 1 : 0;
}

/* ---- the graph ------------------------------------------------------------------------- */
typedef struct hln_trt__w { const char *type; uint32_t bytes; hln_dtype dtype; } hln_trt__w;
static const hln_trt__w hln_trt__wtypes[] = { {"Float", 4, HLN_DTYPE_F32}, {"Half", 2, HLN_DTYPE_F16}, {"Int8", 1, HLN_DTYPE_I8},
                                              {"Int32", 4, HLN_DTYPE_I32}, {"BFloat16", 2, HLN_DTYPE_BF16}, {"FP8", 1, HLN_DTYPE_F8_E4M3} };

/* Tensor name -> value index in g; names is keyed by the names' text as stored. */
static int32_t hln_trt__value(hln_trt__rd *r, hln_graph *g, hln_strmap *names, uint32_t name_tok, uint32_t cap, hln_result *res) {
    int64_t found = hln_strmap_get(names, hln_trt__text(&r->j, name_tok), hln_trt__tlen(&r->j, name_tok));
    hln_str s;
    if (found >= 0) return (int32_t)found;
    if (g->n_values == cap) { *res = hln_error_set(r->err, HLN_ERR_LIMIT, r->j.tok[name_tok].start, "Layers", "too many tensors"); return -1; }
    if ((*res = hln_json_str(&r->j, name_tok, &r->m->arena, &s, "Name")) != HLN_OK) return -1;
    if (hln_strmap_put(names, hln_trt__text(&r->j, name_tok), hln_trt__tlen(&r->j, name_tok), g->n_values) < 0) {
        *res = hln_error_set(r->err, HLN_ERR_LIMIT, r->j.tok[name_tok].start, "Layers", "too many tensors");
        return -1;
    }
    g->values[g->n_values].name = s.ptr;
    g->values[g->n_values].tensor = -1;
    g->values[g->n_values].producer = -1;
    g->values[g->n_values].outer = -1;
    g->values[g->n_values].shape.rank = -1;
    return (int32_t)g->n_values++;
}

/* Dimensions of a tensor object: int64, >= -1, element count (dynamic dims as 1) and bytes checked. */
static hln_result hln_trt__dims(hln_trt__rd *r, uint32_t tensor, hln_value *v, const char *path) {
    uint32_t d = hln_trt__get(r, tensor, "Dimensions"), c, k;
    uint64_t count = 1, bytes;
    if (!d) return HLN_OK;
    if (r->j.tok[d].type != HLN_JSON_ARRAY) return hln_trt__fail(r, HLN_ERR_TYPE, d, path, "Dimensions must be an array");
    if (r->j.tok[d].size > HLN_MAX_DIMS) return hln_trt__fail(r, HLN_ERR_LIMIT, d, path, "more dimensions than HLN_MAX_DIMS");
    if (v->shape.rank >= 0) {   /* a tensor seen before: the declared dims stay the first ones */
        for (c = d + 1, k = 0; k < r->j.tok[d].size; k++, c = hln_trt__next(&r->j, c)) {
            int64_t x;
            if (!hln_trt__i64(&r->j, c, &x) || x < -1) return hln_trt__fail(r, HLN_ERR_RANGE, c, path, "a dimension is not an integer in [-1, 2^63)");
        }
        return HLN_OK;
    }
    v->shape.dims = (hln_dim *)hln_arena_array(&r->m->arena, (uint64_t)r->j.tok[d].size + 1, sizeof(hln_dim));
    if (!v->shape.dims) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, path, "out of memory");
    for (c = d + 1, k = 0; k < r->j.tok[d].size; k++, c = hln_trt__next(&r->j, c)) {
        int64_t x;
        if (!hln_trt__i64(&r->j, c, &x) || x < -1) return hln_trt__fail(r, HLN_ERR_RANGE, c, path, "a dimension is not an integer in [-1, 2^63) (out of range values must not wrap)");
        v->shape.dims[k].value = x;
        if (x > 0 && hln_mul_overflow(count, (uint64_t)x, &count))
            return hln_trt__fail(r, HLN_ERR_OVERFLOW, d, path, "the tensor's element count overflows 64 bits");
    }
    if (hln_mul_overflow(count, 8, &bytes)) return hln_trt__fail(r, HLN_ERR_OVERFLOW, d, path, "the tensor's byte size overflows 64 bits");
    v->shape.rank = (int32_t)k;
    return HLN_OK;
}

typedef struct hln_trt__gf {   /* graph facts */
    hln_trt__hist layer_types, parameter_types, precision, output_precision, formats, wcount, wbytes, origin, time_by_type;
    uint64_t noop, reformat, weights_count, weights_bytes, kernel_bytes, bias_bytes, with_weights, with_metadata, onnx_nodes,
             with_tactic, multi_profile, fusions;
} hln_trt__gf;

/* Weights / Bias {Type, Count}: counted, and a tensor without bytes for the IR. */
static hln_result hln_trt__weights(hln_trt__rd *r, hln_trt__gf *f, uint32_t layer, const char *key, const char *lname,
                                   uint64_t out_maps, int32_t *tensor_out) {
    uint32_t o = hln_trt__get(r, layer, key), ty, cnt;
    int64_t count;
    uint64_t bytes;
    size_t k;
    hln_tensor *t;
    char *name;
    *tensor_out = -1;
    if (!o) return HLN_OK;
    if (r->j.tok[o].type != HLN_JSON_OBJECT) return hln_trt__fail(r, HLN_ERR_TYPE, o, key, "Weights/Bias must be an object");
    ty = hln_trt__get(r, o, "Type");
    cnt = hln_trt__get(r, o, "Count");
    if (!ty || !cnt || r->j.tok[ty].type != HLN_JSON_STRING) return hln_trt__fail(r, HLN_ERR_SYNTAX, o, key, "Weights/Bias need Type and Count");
    if (!hln_trt__i64(&r->j, cnt, &count)) return hln_trt__fail(r, HLN_ERR_RANGE, cnt, key, "Count is not an integer that fits 64 bits");
    if (count < 0) return hln_trt__fail(r, HLN_ERR_RANGE, cnt, key, "negative weight count");
    for (k = 0; k < sizeof hln_trt__wtypes / sizeof hln_trt__wtypes[0] && !hln_json_is(&r->j, ty, hln_trt__wtypes[k].type); k++) {}
    if (k == sizeof hln_trt__wtypes / sizeof hln_trt__wtypes[0]) return hln_trt__fail(r, HLN_ERR_TYPE, ty, key, "unknown weight Type");
    if (hln_mul_overflow((uint64_t)count, hln_trt__wtypes[k].bytes, &bytes) || hln_add_overflow(f->weights_bytes, bytes, &f->weights_bytes) ||
        hln_add_overflow(f->weights_count, (uint64_t)count, &f->weights_count))
        return hln_trt__fail(r, HLN_ERR_OVERFLOW, cnt, key, "weight bytes overflow 64 bits");
    if (key[0] == 'W') f->kernel_bytes += bytes; else f->bias_bytes += bytes;
    {
        hln_trt__h *a = hln_trt__count(&f->wcount, hln_trt__text(&r->j, ty), hln_trt__tlen(&r->j, ty), (uint64_t)count);
        hln_trt__h *b = hln_trt__count(&f->wbytes, hln_trt__text(&r->j, ty), hln_trt__tlen(&r->j, ty), bytes);
        (void)a; (void)b;
    }
    if (!count) return HLN_OK;
    t = &r->m->tensors[r->m->n_tensors];
    memset(t, 0, sizeof *t);
    name = (char *)hln_arena_alloc(&r->m->arena, strlen(lname) + 8);
    if (!name) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, key, "out of memory");
    snprintf(name, strlen(lname) + 8, "%s.%s", lname, key[0] == 'W' ? "weights" : "bias");
    t->name = name;
    t->dtype = hln_trt__wtypes[k].dtype;
    t->n_elements = (uint64_t)count;
    t->n_bytes = bytes;
    t->dims = (int64_t *)hln_arena_array(&r->m->arena, 2, sizeof(int64_t));
    if (!t->dims) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, key, "out of memory");
    if (out_maps && (uint64_t)count % out_maps == 0 && key[0] == 'W') {   /* [OutMaps, Count / OutMaps] */
        t->n_dims = 2;
        t->dims[0] = (int64_t)out_maps;
        t->dims[1] = (int64_t)((uint64_t)count / out_maps);
    } else {
        t->n_dims = 1;
        t->dims[0] = count;
    }
    *tensor_out = (int32_t)r->m->n_tensors++;
    return HLN_OK;
}

/* ONNX nodes in a Metadata string: "[ONNX Layer: name]" entries. */
static uint64_t hln_trt__onnx_nodes(const hln_trt__rd *r, uint32_t md) {
    const char *p = hln_trt__text(&r->j, md), *needle = "[ONNX Layer: ";
    uint32_t n = hln_trt__tlen(&r->j, md), i, l = (uint32_t)strlen(needle);
    uint64_t c = 0;
    for (i = 0; i + l <= n; i++) if (memcmp(p + i, needle, l) == 0) c++;
    return c;
}
static int hln_trt__contains(const hln_trt__rd *r, uint32_t t, const char *s) {
    const char *p = hln_trt__text(&r->j, t);
    uint32_t n = hln_trt__tlen(&r->j, t), i, l = (uint32_t)strlen(s);
    for (i = 0; i + l <= n; i++) if (memcmp(p + i, s, l) == 0) return 1;
    return 0;
}

/* The names one layer Name joins (" + "; "PWN(a, b)" unwrapped, nested too) as views of it;
   out NULL: only counted. */
static uint32_t hln_trt__split_name(const char *p, size_t n, hln_str *out) {
    size_t i = 0, tok = 0;
    uint32_t k = 0, depth = 0;
#define HLN_TRT__EMIT(e) do { if ((e) > tok) { if (out) { out[k].ptr = p + tok; out[k].len = (e) - tok; } k++; } } while (0)
    while (i < n) {
        if (i == tok && n - i >= 4 && memcmp(p + i, "PWN(", 4) == 0) { depth++; i += 4; tok = i; }
        else if (depth && p[i] == ')') { HLN_TRT__EMIT(i); depth--; tok = ++i; }
        else if (depth && n - i >= 2 && p[i] == ',' && p[i + 1] == ' ') { HLN_TRT__EMIT(i); i += 2; tok = i; }
        else if (n - i >= 3 && memcmp(p + i, " + ", 3) == 0) { HLN_TRT__EMIT(i); i += 3; tok = i; }
        else i++;
    }
    HLN_TRT__EMIT(n);
#undef HLN_TRT__EMIT
    return k;
}
/* The "[ONNX Layer: X]" entries of an unescaped Metadata string (joined by U+001E or U+001F)
   as views of it; out NULL: only counted. A name ends at the "]" that ends the entry. */
static uint32_t hln_trt__metadata_names(const char *p, size_t n, hln_str *out) {
    static const char needle[] = "[ONNX Layer: ";
    size_t i = 0, l = sizeof needle - 1, e;
    uint32_t k = 0;
    while (i + l <= n) {
        if (memcmp(p + i, needle, l) != 0) { i++; continue; }
        i += l;
        for (e = i; e < n && !(p[e] == ']' && (e + 1 == n || p[e + 1] == '\x1e' || p[e + 1] == '\x1f')); e++) {}
        if (e > i) { if (out) { out[k].ptr = p + i; out[k].len = e - i; } k++; }
        i = e;
    }
    return k;
}

/* The network layers a layer was built from, for hln_model_diff's lowering: the STRINGS
   attribute "origin_nodes". The ONNX nodes its Metadata names (TensorRT >= 8.6), else the
   names its Name joins (a " [profile N]" suffix dropped); none for a layer TensorRT inserted
   (Origin REFORMAT, or named "Reformatting CopyNode for ..."). Origin QDQ layers come from the
   network's Q/DQ nodes and keep their names. */
static hln_result hln_trt__origin(hln_trt__rd *r, hln_node *nd, uint32_t layer, uint32_t md) {
    hln_attr *a = &nd->attrs[nd->n_attrs++];
    const char *p = nd->name, *sfx;
    size_t n = strlen(nd->name);
    hln_str text;
    int meta = 0;
    hln_result res;
    a->name = "origin_nodes";
    a->type = HLN_ATTR_STRINGS;
    if (hln_trt__str_is(r, hln_trt__get(r, layer, "Origin"), "REFORMAT") || strncmp(p, "Reformatting CopyNode for ", 26) == 0) return HLN_OK;
    if (md && r->j.tok[md].type == HLN_JSON_STRING && hln_trt__onnx_nodes(r, md)) {
        if ((res = hln_json_str(&r->j, md, &r->m->arena, &text, "Metadata")) != HLN_OK) return res;
        p = text.ptr;
        n = (size_t)text.len;
        meta = 1;
    } else if (n && p[n - 1] == ']' && (sfx = strstr(p, " [profile ")) != NULL) {
        while (strstr(sfx + 1, " [profile ")) sfx = strstr(sfx + 1, " [profile ");
        n = (size_t)(sfx - p);
    }
    a->count = meta ? hln_trt__metadata_names(p, n, NULL) : hln_trt__split_name(p, n, NULL);
    if (!a->count) return HLN_OK;
    a->strings = (hln_str *)hln_arena_array(&r->m->arena, a->count, sizeof(hln_str));
    if (!a->strings) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "Layers", "out of memory");
    if (meta) hln_trt__metadata_names(p, n, a->strings); else hln_trt__split_name(p, n, a->strings);
    return HLN_OK;
}

static hln_result hln_trt__layer_tensors(hln_trt__rd *r, hln_graph *g, hln_strmap *names, uint32_t layer, const char *key, hln_trt__gf *f,
                                         int32_t **out, uint32_t *n_out, uint32_t extra, uint32_t cap, const char *path) {
    uint32_t a = hln_trt__get(r, layer, key), c, k;
    hln_result res = HLN_OK;
    uint32_t n = a && r->j.tok[a].type == HLN_JSON_ARRAY ? r->j.tok[a].size : 0;
    if (a && r->j.tok[a].type != HLN_JSON_ARRAY) return hln_trt__fail(r, HLN_ERR_TYPE, a, path, "Inputs/Outputs must be arrays");
    *out = (int32_t *)hln_arena_array(&r->m->arena, (uint64_t)n + extra + 1, sizeof(int32_t));
    if (!*out) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, path, "out of memory");
    for (c = a + 1, k = 0; k < n; k++, c = hln_trt__next(&r->j, c)) {
        uint32_t nm = r->j.tok[c].type == HLN_JSON_OBJECT ? hln_trt__get(r, c, "Name") : 0, fm;
        int32_t vi;
        if (!nm || r->j.tok[nm].type != HLN_JSON_STRING) return hln_trt__fail(r, HLN_ERR_SYNTAX, c, path, "a tensor without Name");
        if ((vi = hln_trt__value(r, g, names, nm, cap, &res)) < 0) return res;
        if ((res = hln_trt__dims(r, c, &g->values[vi], path)) != HLN_OK) return res;
        if (g->values[vi].dtype == HLN_DTYPE_UNKNOWN) g->values[vi].dtype = hln_trt__precision_dtype(hln_trt__precision(r, c));
        if ((fm = hln_trt__get(r, c, "Format/Datatype")) != 0) hln_trt__count_tok(r, &f->formats, fm, "");
        (*out)[(*n_out)++] = vi;
    }
    return HLN_OK;
}

static hln_result hln_trt__graph_into(hln_trt__rd *r, uint32_t layers, hln_trt__gf *f, uint32_t bindings, hln_strmap *names, uint32_t cap_values) {
    hln_graph *g;
    uint32_t n = r->j.tok[layers].size, c, k, i;
    hln_result res;
    g = (hln_graph *)hln_arena_alloc(&r->m->arena, sizeof *g);
    if (!g) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "Layers", "out of memory");
    g->values = (hln_value *)hln_arena_array(&r->m->arena, (uint64_t)cap_values + 1, sizeof(hln_value));
    g->nodes = (hln_node *)hln_arena_array(&r->m->arena, (uint64_t)n + 1, sizeof(hln_node));
    r->m->tensors = (hln_tensor *)hln_arena_array(&r->m->arena, 2 * (uint64_t)n + 1, sizeof(hln_tensor));
    if (!g->values || !g->nodes || !r->m->tensors) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "Layers", "out of memory");
    r->m->graph = g;
    for (c = layers + 1, k = 0; k < n; k++, c = hln_trt__next(&r->j, c)) {
        hln_node *nd = &g->nodes[g->n_nodes];
        uint32_t nm = hln_trt__get(r, c, "Name"), lt = hln_trt__get(r, c, "LayerType"), pt = hln_trt__get(r, c, "ParameterType");
        uint32_t om = hln_trt__get(r, c, "OutMaps"), md = hln_trt__get(r, c, "Metadata");
        uint32_t ins = hln_trt__get(r, c, "Inputs"), outs = hln_trt__get(r, c, "Outputs");
        hln_str s;
        int64_t out_maps = 0;
        int32_t wt, bt;
        uint64_t onnx = 0;
        if (r->j.tok[c].type != HLN_JSON_OBJECT) return hln_trt__fail(r, HLN_ERR_TYPE, c, "Layers", "a detailed export's layers must all be objects");
        if (!nm || r->j.tok[nm].type != HLN_JSON_STRING) return hln_trt__fail(r, HLN_ERR_SYNTAX, c, "Layers", "layer has no Name");
        if ((res = hln_json_str(&r->j, nm, &r->m->arena, &s, "Name")) != HLN_OK) return res;
        nd->name = s.ptr;
        if ((res = hln_json_str(&r->j, pt ? pt : lt ? lt : nm, &r->m->arena, &s, "ParameterType")) != HLN_OK) return res;
        nd->op_type = pt || lt ? s.ptr : "Unknown";
        nd->domain = "tensorrt";
        hln_trt__count_tok(r, &f->layer_types, lt, "None");
        hln_trt__count_tok(r, &f->parameter_types, pt, "None");
        hln_trt__count_tok(r, &f->origin, hln_trt__get(r, c, "Origin"), "None");
        if (hln_trt__str_is(r, lt, "NoOp") || hln_trt__str_is(r, pt, "NoOp")) f->noop++;
        if (hln_trt__str_is(r, lt, "Reformat") || hln_trt__str_is(r, pt, "Reformat")) f->reformat++;
        if (hln_trt__get(r, c, "TacticName")) f->with_tactic++;
        if (hln_trt__contains(r, nm, " [profile ")) f->multi_profile++;
        if (md && r->j.tok[md].type == HLN_JSON_STRING && hln_trt__tlen(&r->j, md)) { f->with_metadata++; onnx = hln_trt__onnx_nodes(r, md); f->onnx_nodes += onnx; }
        if (onnx > 1 || hln_trt__contains(r, nm, " + ")) f->fusions++;
        if (om && (!hln_trt__i64(&r->j, om, &out_maps) || out_maps < 0)) return hln_trt__fail(r, HLN_ERR_RANGE, om, "OutMaps", "OutMaps is not a non-negative integer");
        if ((res = hln_trt__weights(r, f, c, "Weights", nd->name, (uint64_t)out_maps, &wt)) != HLN_OK) return res;
        if ((res = hln_trt__weights(r, f, c, "Bias", nd->name, 0, &bt)) != HLN_OK) return res;
        if (hln_trt__get(r, c, "Weights")) f->with_weights++;
        hln_trt__count(&f->precision, hln_trt__precision(r, hln_trt__first(r, ins)), (uint32_t)strlen(hln_trt__precision(r, hln_trt__first(r, ins))), 1);
        hln_trt__count(&f->output_precision, hln_trt__precision(r, hln_trt__first(r, outs)), (uint32_t)strlen(hln_trt__precision(r, hln_trt__first(r, outs))), 1);
        if ((res = hln_trt__layer_tensors(r, g, names, c, "Inputs", f, &nd->inputs, &nd->n_inputs, 2, cap_values, nd->name)) != HLN_OK) return res;
        if ((res = hln_trt__layer_tensors(r, g, names, c, "Outputs", f, &nd->outputs, &nd->n_outputs, 0, cap_values, nd->name)) != HLN_OK) return res;
        nd->attrs = (hln_attr *)hln_arena_array(&r->m->arena, 3, sizeof(hln_attr));
        if (!nd->attrs) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "Layers", "out of memory");
        if ((res = hln_trt__origin(r, nd, c, md)) != HLN_OK) return res;
        if (wt >= 0 && out_maps > 0) {   /* the weights as an input value, and what the cost rule needs */
            hln_value *v = &g->values[g->n_values];
            v->name = r->m->tensors[wt].name;
            v->dtype = r->m->tensors[wt].dtype;
            v->tensor = wt;
            v->producer = v->outer = -1;
            v->shape.rank = -1;
            nd->attrs[nd->n_attrs].name = "weights_input";
            nd->attrs[nd->n_attrs].type = HLN_ATTR_INT;
            nd->attrs[nd->n_attrs++].i = nd->n_inputs;
            nd->attrs[nd->n_attrs].name = "OutMaps";
            nd->attrs[nd->n_attrs].type = HLN_ATTR_INT;
            nd->attrs[nd->n_attrs++].i = out_maps;
            nd->inputs[nd->n_inputs++] = (int32_t)g->n_values++;
        }
        if (bt >= 0) {
            hln_value *v = &g->values[g->n_values];
            v->name = r->m->tensors[bt].name;
            v->dtype = r->m->tensors[bt].dtype;
            v->tensor = bt;
            v->producer = v->outer = -1;
            v->shape.rank = -1;
            nd->inputs[nd->n_inputs++] = (int32_t)g->n_values++;
        }
        for (i = 0; i < nd->n_outputs; i++) if (g->values[nd->outputs[i]].producer < 0) g->values[nd->outputs[i]].producer = (int32_t)g->n_nodes;
        g->n_nodes++;
    }
    if (f->layer_types.overflow || f->parameter_types.overflow || f->formats.overflow || f->origin.overflow)
        return hln_trt__fail(r, HLN_ERR_LIMIT, layers, "Layers", "more than 256 distinct layer types, formats or origins");
    /* bindings: inputs are tensors no layer produces */
    g->inputs = (int32_t *)hln_arena_array(&r->m->arena, (uint64_t)(bindings ? r->j.tok[bindings].size : 0) + 1, sizeof(int32_t));
    g->outputs = (int32_t *)hln_arena_array(&r->m->arena, (uint64_t)(bindings ? r->j.tok[bindings].size : 0) + 1, sizeof(int32_t));
    if (!g->inputs || !g->outputs) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "Bindings", "out of memory");
    for (c = bindings ? bindings + 1 : 0, k = 0; bindings && k < r->j.tok[bindings].size; k++, c = hln_trt__next(&r->j, c)) {
        int64_t vi;
        if (r->j.tok[c].type != HLN_JSON_STRING) return hln_trt__fail(r, HLN_ERR_TYPE, c, "Bindings", "a binding is not a string");
        if ((vi = hln_strmap_get(names, hln_trt__text(&r->j, c), hln_trt__tlen(&r->j, c))) < 0) continue;
        if (g->values[vi].producer >= 0) g->outputs[g->n_outputs++] = (int32_t)vi; else g->inputs[g->n_inputs++] = (int32_t)vi;
    }
    return HLN_OK;
}

static hln_result hln_trt__graph(hln_trt__rd *r, uint32_t layers, hln_trt__gf *f, uint32_t bindings) {
    uint32_t n = r->j.tok[layers].size, c, k;
    uint64_t cap = 0;
    hln_strmap names;
    hln_result res;
    for (c = layers + 1, k = 0; k < n; k++, c = hln_trt__next(&r->j, c)) {   /* an upper bound of the tensors */
        uint32_t a = hln_trt__get(r, c, "Inputs"), b = hln_trt__get(r, c, "Outputs");
        cap += (a ? r->j.tok[a].size : 0) + (b ? r->j.tok[b].size : 0) + 2;
    }
    if (cap > UINT32_MAX / 4) return hln_trt__fail(r, HLN_ERR_LIMIT, layers, "Layers", "too many tensors");
    if (!hln_strmap_init(&names, &r->w.alloc, (uint32_t)cap)) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "Layers", "out of memory");
    res = hln_trt__graph_into(r, layers, f, bindings, &names, (uint32_t)cap);
    hln_strmap_free(&names);
    return res;
}

/* Name text of every layer of a graph document (detailed or names only) -> its token. */
static int hln_trt__layer_names(const hln_json *j, uint32_t layers, const hln_allocator *a, hln_strmap *out) {
    uint32_t c, k;
    if (!hln_strmap_init(out, a, j->tok[layers].size)) return 0;
    for (c = layers + 1, k = 0; k < j->tok[layers].size; k++, c = j->tok[c].next) {
        uint32_t ln = j->tok[c].type == HLN_JSON_OBJECT ? hln_json_find(j, c, "Name") : c;
        if (ln && j->tok[ln].type == HLN_JSON_STRING) hln_strmap_put(out, j->text + j->tok[ln].start, j->tok[ln].end - j->tok[ln].start, c);
    }
    return 1;
}

/* binding_tensors: each binding's io, dims, format and precision from the layers. */
static void hln_trt__jw_bindings(hln_trt__rd *r, uint32_t layers, uint32_t bindings) {
    uint32_t b, k, c, kk, side, cap = 0;
    hln_strmap first[2];   /* tensor name -> its first tensor object among the layers' outputs / inputs */
    for (c = layers + 1, kk = 0; kk < r->j.tok[layers].size; kk++, c = hln_trt__next(&r->j, c))
        for (side = 0; side < 2; side++) { uint32_t arr = hln_trt__get(r, c, side ? "Inputs" : "Outputs"); cap += arr ? r->j.tok[arr].size : 0; }
    if (!hln_strmap_init(&first[0], &r->w.alloc, cap)) { r->w.failed = 1; return; }
    if (!hln_strmap_init(&first[1], &r->w.alloc, cap)) { hln_strmap_free(&first[0]); r->w.failed = 1; return; }
    for (c = layers + 1, kk = 0; kk < r->j.tok[layers].size; kk++, c = hln_trt__next(&r->j, c))
        for (side = 0; side < 2; side++) {
            uint32_t arr = hln_trt__get(r, c, side ? "Inputs" : "Outputs"), t, q;
            for (t = arr ? arr + 1 : 0, q = 0; arr && q < r->j.tok[arr].size; q++, t = hln_trt__next(&r->j, t)) {
                uint32_t nm = hln_trt__get(r, t, "Name");
                if (nm) hln_strmap_put(&first[side], hln_trt__text(&r->j, nm), hln_trt__tlen(&r->j, nm), t);
            }
        }
    hln_jw_key(&r->w, "binding_tensors");
    hln_jw_open(&r->w, '[');
    for (b = bindings ? bindings + 1 : 0, k = 0; bindings && k < r->j.tok[bindings].size; k++, b = hln_trt__next(&r->j, b)) {
        int64_t o = hln_strmap_get(&first[0], hln_trt__text(&r->j, b), hln_trt__tlen(&r->j, b));
        int64_t i = o >= 0 ? -1 : hln_strmap_get(&first[1], hln_trt__text(&r->j, b), hln_trt__tlen(&r->j, b));
        uint32_t found = o >= 0 ? (uint32_t)o : i >= 0 ? (uint32_t)i : 0;
        hln_jw_open(&r->w, '{');
        hln_jw_key(&r->w, "name"); hln_trt__name(r, b);
        hln_jw_key(&r->w, "io"); hln_jw_raw(&r->w, o >= 0 ? "\"output\"" : i >= 0 ? "\"input\"" : "\"unresolved\"");
        hln_jw_key(&r->w, "dims"); hln_trt__raw_or_null(r, found ? hln_trt__get(r, found, "Dimensions") : 0);
        hln_jw_key(&r->w, "format"); hln_trt__raw_or_null(r, found ? hln_trt__get(r, found, "Format/Datatype") : 0);
        hln_jw_key(&r->w, "precision");
        if (found) { const char *p = hln_trt__precision(r, found); hln_jw_str(&r->w, p, strlen(p)); } else hln_jw_raw(&r->w, "null");
        hln_jw_close(&r->w, '}');
    }
    hln_jw_close(&r->w, ']');
    hln_strmap_free(&first[0]);
    hln_strmap_free(&first[1]);
}

/* Profile records beside a graph: averageMs summed per LayerType of the layer of that name. */
static void hln_trt__time_by_type(hln_trt__rd *r, uint32_t layers, const hln_json *p, hln_trt__gf *f) {
    uint32_t rec, k;
    hln_strmap names;
    if (!p || !p->n || p->tok[0].type != HLN_JSON_ARRAY) return;
    if (!hln_trt__layer_names(&r->j, layers, &r->w.alloc, &names)) { r->w.failed = 1; return; }
    for (rec = 1, k = 0; k < p->tok[0].size; k++, rec = p->tok[rec].next) {
        uint32_t nm = p->tok[rec].type == HLN_JSON_OBJECT ? hln_json_find(p, rec, "name") : 0;
        uint32_t av = nm ? hln_json_find(p, rec, "averageMs") : 0;
        int64_t c;
        hln_trt__h *h;
        if (!nm || !av || p->tok[nm].type != HLN_JSON_STRING) continue;
        c = hln_strmap_get(&names, p->text + p->tok[nm].start, p->tok[nm].end - p->tok[nm].start);
        if (c < 0 || r->j.tok[c].type != HLN_JSON_OBJECT) continue;
        h = hln_trt__count_tok(r, &f->time_by_type, hln_trt__get(r, (uint32_t)c, "LayerType"), "None");
        if (h) h->sum += hln_trt__num(p, av);
    }
    hln_strmap_free(&names);
}

static hln_result hln_trt__graph_facts(hln_trt__rd *r, const hln_json *profile) {
    uint32_t layers = hln_trt__get(r, 0, "Layers"), bindings = hln_trt__get(r, 0, "Bindings"), c, k;
    int detailed = 1;
    hln_trt__gf *f;
    hln_result res = HLN_OK;
    if (!layers) return hln_trt__fail(r, HLN_ERR_SYNTAX, 0, "json", "a graph JSON needs \"Layers\"");
    if (r->j.tok[layers].type != HLN_JSON_ARRAY) return hln_trt__fail(r, HLN_ERR_TYPE, layers, "Layers", "Layers must be an array");
    if (bindings && r->j.tok[bindings].type != HLN_JSON_ARRAY) return hln_trt__fail(r, HLN_ERR_TYPE, bindings, "Bindings", "Bindings must be an array");
    for (c = layers + 1, k = 0; k < r->j.tok[layers].size; k++, c = hln_trt__next(&r->j, c)) if (r->j.tok[c].type != HLN_JSON_OBJECT) detailed = 0;
    hln_jw_key(&r->w, "layers"); hln_jw_u64(&r->w, r->j.tok[layers].size);
    hln_jw_key(&r->w, "detailed"); hln_jw_raw(&r->w, detailed ? "true" : "false");
    hln_jw_key(&r->w, "bindings"); hln_trt__name_or_null(r, bindings);
    if (!detailed) {   /* names only: count and names; the details are missing */
        uint64_t multi = 0;
        hln_jw_key(&r->w, "layer_names");
        hln_jw_open(&r->w, '[');
        for (c = layers + 1, k = 0; k < r->j.tok[layers].size; k++, c = hln_trt__next(&r->j, c)) {
            if (r->j.tok[c].type != HLN_JSON_STRING) return hln_trt__fail(r, HLN_ERR_TYPE, c, "Layers", "a names-only export's layers must all be strings");
            hln_trt__name(r, c);
            multi += hln_trt__contains(r, c, " [profile ");
        }
        hln_jw_close(&r->w, ']');
        hln_jw_key(&r->w, "multi_profile_layers"); hln_jw_u64(&r->w, multi);
        hln_jw_key(&r->w, "details_missing"); hln_jw_raw(&r->w, "true");
        return HLN_OK;
    }
    f = (hln_trt__gf *)hln_allocator_alloc(&r->w.alloc, sizeof *f);
    if (!f) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "Layers", "out of memory");
    memset(f, 0, sizeof *f);
    res = hln_trt__graph(r, layers, f, bindings);
    if (res == HLN_OK) {
        uint32_t a;
        uint64_t distinct = 0;
        hln_trt__time_by_type(r, layers, profile, f);
        hln_trt__jw_bindings(r, layers, bindings);
        hln_trt__jw_hist(r, "layer_types", &f->layer_types, 0);
        hln_trt__jw_hist(r, "parameter_types", &f->parameter_types, 0);
        hln_jw_key(&r->w, "noop_layers"); hln_jw_u64(&r->w, f->noop);
        hln_jw_key(&r->w, "layers_excluding_noop"); hln_jw_u64(&r->w, r->j.tok[layers].size - f->noop);
        hln_jw_key(&r->w, "reformat_layers"); hln_jw_u64(&r->w, f->reformat);
        hln_trt__jw_hist(r, "precision", &f->precision, 0);
        hln_trt__jw_hist(r, "output_precision", &f->output_precision, 0);
        hln_trt__jw_hist(r, "tensor_formats", &f->formats, 0);
        hln_trt__jw_hist(r, "weights_count_by_type", &f->wcount, 0);
        hln_trt__jw_hist(r, "weights_bytes_by_type", &f->wbytes, 0);
        hln_jw_key(&r->w, "weights_count"); hln_jw_u64(&r->w, f->weights_count);
        hln_jw_key(&r->w, "weights_bytes"); hln_jw_u64(&r->w, f->weights_bytes);
        hln_jw_key(&r->w, "kernel_weights_bytes"); hln_jw_u64(&r->w, f->kernel_bytes);
        hln_jw_key(&r->w, "bias_bytes"); hln_jw_u64(&r->w, f->bias_bytes);
        hln_jw_key(&r->w, "layers_with_weights"); hln_jw_u64(&r->w, f->with_weights);
        hln_trt__jw_hist(r, "origin", &f->origin, 0);
        hln_jw_key(&r->w, "layers_with_metadata"); hln_jw_u64(&r->w, f->with_metadata);
        hln_jw_key(&r->w, "onnx_origin_nodes"); hln_jw_u64(&r->w, f->onnx_nodes);
        hln_jw_key(&r->w, "all_layers_report_onnx_origin");
        hln_jw_raw(&r->w, f->with_metadata == r->j.tok[layers].size && r->j.tok[layers].size ? "true" : "false");
        hln_jw_key(&r->w, "layers_with_tactic_name"); hln_jw_u64(&r->w, f->with_tactic);
        hln_jw_key(&r->w, "multi_profile_layers"); hln_jw_u64(&r->w, f->multi_profile);
        {
            hln_strmap seen;
            if (!hln_strmap_init(&seen, &r->w.alloc, r->m->graph->n_nodes)) r->w.failed = 1;
            else {
                for (a = 0; a < r->m->graph->n_nodes; a++)
                    distinct += hln_strmap_put(&seen, r->m->graph->nodes[a].name, strlen(r->m->graph->nodes[a].name), a) == 1;
                hln_strmap_free(&seen);
            }
        }
        hln_jw_key(&r->w, "duplicate_layer_names"); hln_jw_u64(&r->w, r->m->graph->n_nodes - distinct);
        hln_jw_key(&r->w, "fusions"); hln_jw_u64(&r->w, f->fusions);
        if (profile) hln_trt__jw_hist(r, "time_by_layer_type", &f->time_by_type, 1);
    }
    hln_allocator_free(&r->w.alloc, f);
    return res;
}

/* ---- the other exports ---------------------------------------------------------------- */
static int hln_trt__dbl_cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static hln_result hln_trt__profile_facts(hln_trt__rd *r, const hln_json *graph, const char *graph_name) {
    uint32_t n = r->j.tok[0].size, c, k, slow = 0, zero = 0, records = 0, unmatched_n = 0, *unmatched = NULL;
    uint64_t iterations = 0;
    double avg = 0, med = 0, tim = 0, pct = 0, slow_ms = -1;
    uint32_t first = n ? 1 : 0, gl = graph ? hln_json_find(graph, 0, "Layers") : 0;
    hln_strmap gnames, pnames;
    int have_graph = gl && graph->tok[gl].type == HLN_JSON_ARRAY;
    hln_result res = HLN_OK;
    if (!first || r->j.tok[first].type != HLN_JSON_OBJECT || !hln_trt__get(r, first, "count") ||
        hln_json_u64(&r->j, hln_trt__get(r, first, "count"), &iterations, "profile[0]", "count") != HLN_OK)
        return hln_trt__fail(r, HLN_ERR_SYNTAX, first, "profile[0]", "a profile starts with {\"count\": N}");
    memset(&gnames, 0, sizeof gnames);
    memset(&pnames, 0, sizeof pnames);
    unmatched = (uint32_t *)hln_allocator_alloc(&r->w.alloc, ((size_t)n + 1) * sizeof(uint32_t));
    if (!unmatched || !hln_strmap_init(&pnames, &r->w.alloc, n) || (have_graph && !hln_trt__layer_names(graph, gl, &r->w.alloc, &gnames))) {
        if (unmatched) hln_allocator_free(&r->w.alloc, unmatched);
        hln_strmap_free(&pnames);
        return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "profile", "out of memory");
    }
    for (c = hln_trt__next(&r->j, first), k = 1; k < n; k++, c = hln_trt__next(&r->j, c)) {
        uint32_t nm = r->j.tok[c].type == HLN_JSON_OBJECT ? hln_trt__get(r, c, "name") : 0, av = nm ? hln_trt__get(r, c, "averageMs") : 0;
        uint32_t md = hln_trt__get(r, c, "medianMs"), tm = hln_trt__get(r, c, "timeMs"), pc = hln_trt__get(r, c, "percentage");
        double a;
        if (!nm || !av || r->j.tok[nm].type != HLN_JSON_STRING || r->j.tok[av].type != HLN_JSON_NUMBER) {
            res = hln_trt__fail(r, HLN_ERR_SYNTAX, c, "profile", "a profile record needs name and averageMs");
            break;
        }
        records++;
        a = hln_trt__num(&r->j, av);
        avg += a;
        if (md) med += hln_trt__num(&r->j, md);
        if (tm) tim += hln_trt__num(&r->j, tm);
        if (pc) pct += hln_trt__num(&r->j, pc);
        if (a > slow_ms) { slow_ms = a; slow = c; }
        if (a == 0) zero++;
        hln_strmap_put(&pnames, hln_trt__text(&r->j, nm), hln_trt__tlen(&r->j, nm), c);
        if (have_graph && hln_strmap_get(&gnames, hln_trt__text(&r->j, nm), hln_trt__tlen(&r->j, nm)) < 0) unmatched[unmatched_n++] = nm;
    }
    if (res == HLN_OK) {
        hln_jw_key(&r->w, "iterations"); hln_jw_u64(&r->w, iterations);
        hln_jw_key(&r->w, "layer_records"); hln_jw_u64(&r->w, records);
        hln_jw_key(&r->w, "total_average_ms"); hln_jw_f64(&r->w, avg, 6);
        hln_jw_key(&r->w, "total_median_ms"); hln_jw_f64(&r->w, med, 6);
        hln_jw_key(&r->w, "total_time_ms"); hln_jw_f64(&r->w, tim, 6);
        hln_jw_key(&r->w, "percentage_sum"); hln_jw_f64(&r->w, pct, 3);
        hln_jw_key(&r->w, "slowest_layer");
        if (slow) {
            hln_jw_open(&r->w, '{');
            hln_jw_key(&r->w, "name"); hln_trt__name(r, hln_trt__get(r, slow, "name"));
            hln_jw_key(&r->w, "averageMs"); hln_trt__raw(r, hln_trt__get(r, slow, "averageMs"));
            hln_jw_close(&r->w, '}');
        } else hln_jw_raw(&r->w, "null");
        hln_jw_key(&r->w, "zero_time_layers"); hln_jw_u64(&r->w, zero);
    }
    if (res == HLN_OK && have_graph) {
        uint32_t g, q, missing = 0;
        hln_jw_key(&r->w, "graph_file"); hln_jw_name(&r->w, graph_name, graph_name ? strlen(graph_name) : 0);
        hln_jw_key(&r->w, "graph_layers"); hln_jw_u64(&r->w, graph->tok[gl].size);
        hln_jw_key(&r->w, "profile_names_not_in_graph");
        hln_jw_open(&r->w, '[');
        for (k = 0; k < unmatched_n; k++) hln_trt__name(r, unmatched[k]);
        hln_jw_close(&r->w, ']');
        for (g = gl + 1, q = 0; q < graph->tok[gl].size; q++, g = graph->tok[g].next) {
            uint32_t ln = graph->tok[g].type == HLN_JSON_OBJECT ? hln_json_find(graph, g, "Name") : g;
            missing += !ln || graph->tok[ln].type != HLN_JSON_STRING ||
                       hln_strmap_get(&pnames, graph->text + graph->tok[ln].start, graph->tok[ln].end - graph->tok[ln].start) < 0;
        }
        hln_jw_key(&r->w, "graph_layers_not_in_profile"); hln_jw_u64(&r->w, missing);
    }
    hln_allocator_free(&r->w.alloc, unmatched);
    hln_strmap_free(&pnames);
    hln_strmap_free(&gnames);
    return res;
}

static hln_result hln_trt__timing_facts(hln_trt__rd *r) {
    uint32_t n = r->j.tok[0].size, c, k, kk, q;
    double *lat = (double *)hln_allocator_alloc(&r->w.alloc, ((size_t)n + 1) * sizeof(double)), sum = 0, csum = 0, median;
    uint32_t min_t = 0, max_t = 0;
    hln_trt__hist keys;
    if (!lat) return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "timing", "out of memory");
    keys.n = 0;
    keys.overflow = 0;
    for (c = 1, k = 0; k < n; k++, c = hln_trt__next(&r->j, c)) {
        uint32_t l = hln_trt__get(r, c, "latencyMs"), cm = hln_trt__get(r, c, "computeMs");
        if (r->j.tok[c].type != HLN_JSON_OBJECT || !l || r->j.tok[l].type != HLN_JSON_NUMBER) {
            hln_allocator_free(&r->w.alloc, lat);
            return hln_trt__fail(r, HLN_ERR_SYNTAX, c, "timing", "a timing record needs latencyMs");
        }
        lat[k] = hln_trt__num(&r->j, l);
        sum += lat[k];
        if (cm) csum += hln_trt__num(&r->j, cm);
        if (!min_t || lat[k] < hln_trt__num(&r->j, min_t)) min_t = l;
        if (!max_t || lat[k] > hln_trt__num(&r->j, max_t)) max_t = l;
        if (!k) for (kk = c + 1, q = 0; q < r->j.tok[c].size; q++, kk = r->j.tok[kk + 1].next) hln_trt__count_tok(r, &keys, kk, "");
    }
    if (n > 1) qsort(lat, n, sizeof *lat, hln_trt__dbl_cmp);
    median = !n ? 0 : n % 2 ? lat[n / 2] : (lat[n / 2 - 1] + lat[n / 2]) / 2;
    hln_allocator_free(&r->w.alloc, lat);
    hln_jw_key(&r->w, "records"); hln_jw_u64(&r->w, n);
    hln_jw_key(&r->w, "latency_ms_mean"); hln_jw_f64(&r->w, n ? sum / n : 0, 6);
    hln_jw_key(&r->w, "latency_ms_median"); hln_jw_f64(&r->w, median, 6);
    hln_jw_key(&r->w, "latency_ms_min"); hln_trt__raw_or_null(r, min_t);
    hln_jw_key(&r->w, "latency_ms_max"); hln_trt__raw_or_null(r, max_t);
    hln_jw_key(&r->w, "compute_ms_mean"); hln_jw_f64(&r->w, n ? csum / n : 0, 6);
    if (keys.n > 1) qsort(keys.h, keys.n, sizeof keys.h[0], hln_trt__h_cmp);
    hln_jw_key(&r->w, "record_keys");
    hln_jw_open(&r->w, '[');
    for (k = 0; k < keys.n; k++) hln_jw_str(&r->w, keys.h[k].key, keys.h[k].len);
    hln_jw_close(&r->w, ']');
    return HLN_OK;
}

static void hln_trt__jw_sorted_keys(hln_trt__rd *r, const char *name, uint32_t obj) {
    hln_trt__hist keys;
    uint32_t kk, q;
    keys.n = 0;
    keys.overflow = 0;
    for (kk = obj + 1, q = 0; q < r->j.tok[obj].size; q++, kk = r->j.tok[kk + 1].next) hln_trt__count_tok(r, &keys, kk, "");
    if (keys.n > 1) qsort(keys.h, keys.n, sizeof keys.h[0], hln_trt__h_cmp);
    hln_jw_key(&r->w, name);
    hln_jw_open(&r->w, '[');
    for (q = 0; q < keys.n; q++) hln_jw_str(&r->w, keys.h[q].key, keys.h[q].len);
    hln_jw_close(&r->w, ']');
}

static hln_result hln_trt__meta_facts(hln_trt__rd *r, int kind) {
    if (kind == HLN_TRT__DEVICE) {
        uint32_t d = 1;
        static const char *const keys[] = { "Name", "ComputeCapability", "TotalMemory", "CUDA_VERSION", "MULTIPROCESSOR_COUNT" };
        size_t k;
        hln_jw_key(&r->w, "devices"); hln_jw_u64(&r->w, r->j.tok[0].size);
        hln_jw_key(&r->w, "device");
        hln_jw_open(&r->w, '{');
        for (k = 0; k < 5; k++) { hln_jw_key(&r->w, keys[k]); hln_trt__raw_or_null(r, hln_trt__get(r, d, keys[k])); }
        hln_jw_close(&r->w, '}');
        hln_jw_key(&r->w, "attributes"); hln_jw_u64(&r->w, r->j.tok[d].size);
        return HLN_OK;
    }
    if (kind == HLN_TRT__BUILD) {
        hln_jw_key(&r->w, "model_options"); hln_trt__name_or_null(r, hln_trt__get(r, 0, "model_options"));
        hln_jw_key(&r->w, "build_options"); hln_trt__name_or_null(r, hln_trt__get(r, 0, "build_options"));
        return HLN_OK;
    }
    {
        uint32_t ps = hln_trt__get(r, 0, "performance_summary"), io = hln_trt__get(r, 0, "inference_options");
        uint32_t di = hln_trt__get(r, 0, "device_information");
        hln_jw_key(&r->w, "throughput"); hln_trt__raw_or_null(r, ps ? hln_trt__get(r, ps, "Throughput") : 0);
        hln_jw_key(&r->w, "latency_ms"); hln_trt__raw_or_null(r, ps ? hln_trt__get(r, ps, "Latency") : 0);
        hln_jw_key(&r->w, "gpu_compute_time_ms"); hln_trt__raw_or_null(r, ps ? hln_trt__get(r, ps, "GPU Compute Time") : 0);
        hln_jw_key(&r->w, "input_shape"); hln_trt__name_or_null(r, io ? hln_trt__get(r, io, "Input inference shape") : 0);
        hln_jw_key(&r->w, "device"); hln_trt__raw_or_null(r, di ? hln_trt__get(r, di, "Selected Device") : 0);
        hln_trt__jw_sorted_keys(r, "sections", 0);
        return HLN_OK;
    }
}

/* The kind of export, from the parsed root. */
static int hln_trt__kind(const hln_json *j) {
    uint32_t first;
    if (!j->n) return 0;
    if (j->tok[0].type == HLN_JSON_OBJECT) {
        if (hln_json_find(j, 0, "Layers")) return HLN_TRT__GRAPH;
        if (hln_json_find(j, 0, "performance_summary")) return HLN_TRT__PROFILE_META;
        if (hln_json_find(j, 0, "model_options") || hln_json_find(j, 0, "build_options")) return HLN_TRT__BUILD;
        return 0;
    }
    if (j->tok[0].type != HLN_JSON_ARRAY || !j->tok[0].size || j->tok[1].type != HLN_JSON_OBJECT) return 0;
    first = 1;
    if (hln_json_find(j, first, "count")) return HLN_TRT__PROFILE;
    if (hln_json_find(j, first, "latencyMs")) return HLN_TRT__TIMING;
    if (hln_json_find(j, first, "ComputeCapability")) return HLN_TRT__DEVICE;
    return 0;
}

/* ---- entry points ------------------------------------------------------------------------ */
HLN_DEF int hln_trt_detect(const void *data, uint64_t size) {
    /* objects: graph, build and profile metadata; arrays: profile, timing, device metadata */
    static const char *const object_keys[] = { "\"Layers\"", "\"model_options\"", "\"build_options\"", "\"performance_summary\"", NULL };
    static const char *const array_keys[] = { "\"count\"", "\"latencyMs\"", "\"ComputeCapability\"", NULL };
    const char *s = (const char *)data;
    const char *const *keys;
    uint64_t i = 0, lim;
    size_t k;
    if (!s) return 0;
    while (i < size && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    if (i == size || (s[i] != '{' && s[i] != '[')) return 0;
    keys = s[i] == '{' ? object_keys : array_keys;
    lim = size - i < 4096 ? size - i : 4096;   /* the key comes within the first record */
    for (k = 0; keys[k]; k++) {
        size_t l = strlen(keys[k]);
        uint64_t p;
        for (p = i; p + l <= i + lim; p++) if (memcmp(s + p, keys[k], l) == 0) return 1;
    }
    return 0;
}

/* A serialized engine: not JSON, and the error says why it cannot be read. */
static int hln_trt__looks_binary(const uint8_t *p, uint64_t n) {
    uint64_t i, bin = 0, lim = n < 512 ? n : 512;
    for (i = 0; i < lim; i++) if (p[i] == 0 || (p[i] < 0x09)) bin++;
    return n >= 16 && bin * 8 > lim;
}

static hln_result hln_trt__parse_into(hln_model *m, const hln_trt_options *opts, const uint8_t *data, uint64_t size,
                                      const uint8_t *beside, uint64_t beside_size, const char *beside_name, hln_error *err) {
    hln_trt__rd r;
    hln_json other;
    hln_error oerr;   /* other's error record: lives as long as other */
    int kind, have_other = 0;
    hln_result res;
    memset(&r, 0, sizeof r);
    memset(&other, 0, sizeof other);
    r.m = m;
    r.err = err;
    if (opts) r.w.alloc = opts->allocator;
    if (!size) return hln_error_set(err, HLN_ERR_TRUNCATED, 0, "json", "empty file (not JSON)");
    if (hln_trt__looks_binary(data, size))
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "not a JSON export: a serialized TensorRT engine (.engine/.plan) is out of scope "
                             "(an undocumented binary only the TensorRT build and GPU that made it can read); export its layer "
                             "information with trtexec --exportLayerInfo=X.graph.json --profilingVerbosity=detailed");
    {
        uint64_t bad = 0;
        if (!hln_utf8_valid(data, size)) {
            for (bad = 0; bad < size && data[bad] < 0x80; bad++) {}
            return hln_error_set(err, HLN_ERR_UTF8, bad, "json", "invalid UTF-8");
        }
    }
    if ((res = hln_json_parse(&r.j, opts ? &opts->allocator : NULL, (const char *)data, size, size, 0, "json", err)) != HLN_OK) return res;
    if ((res = hln_trt__unique_keys(&r)) != HLN_OK) { hln_json_free(&r.j); return res; }
    kind = hln_trt__kind(&r.j);
    if (!kind) {
        res = r.j.tok[0].type == HLN_JSON_OBJECT && hln_json_find(&r.j, 0, "count") ?
              hln_trt__fail(&r, HLN_ERR_TYPE, 0, "json", "a profile must be an array of records") :
              hln_trt__fail(&r, HLN_ERR_MAGIC, 0, "json", "JSON, but none of the TensorRT exports (graph, profile, timing, metadata)");
        hln_json_free(&r.j);
        return res;
    }
    if (beside && (kind == HLN_TRT__GRAPH || kind == HLN_TRT__PROFILE) && hln_utf8_valid(beside, beside_size)) {
        /* a companion that is not JSON is ignored (it is advice); running out of memory is not */
        hln_result ro = hln_json_parse(&other, opts ? &opts->allocator : NULL, (const char *)beside, beside_size, beside_size, 0, "beside", &oerr);
        if (ro == HLN_ERR_NOMEM) { hln_json_free(&r.j); return hln_error_set(err, HLN_ERR_NOMEM, 0, "beside", "out of memory"); }
        have_other = ro == HLN_OK;
    }
    m->format = HLN_FORMAT_TENSORRT;
    hln_jw_open(&r.w, '{');
    hln_jw_key(&r.w, "kind"); hln_jw_str(&r.w, hln_trt__kinds[kind], strlen(hln_trt__kinds[kind]));
    hln_jw_key(&r.w, "file_bytes"); hln_jw_u64(&r.w, size);
    if (kind == HLN_TRT__GRAPH) res = hln_trt__graph_facts(&r, have_other ? &other : NULL);
    else if (kind == HLN_TRT__PROFILE) res = hln_trt__profile_facts(&r, have_other ? &other : NULL, beside_name);
    else if (kind == HLN_TRT__TIMING) res = hln_trt__timing_facts(&r);
    else res = hln_trt__meta_facts(&r, kind);
    hln_jw_close(&r.w, '}');
    if (res == HLN_OK) res = hln_jw_finish(&r.w, m, err);
    else hln_jw_free(&r.w);
    hln_json_free(&r.j);
    if (have_other) hln_json_free(&other);
    return res;
}

HLN_DEF hln_result hln_trt_parse(const hln_trt_options *opts, const void *data, uint64_t size,
                                 const void *beside, uint64_t beside_size, const char *beside_name,
                                 hln_model **out, hln_error *err) {
    hln_model *m;
    hln_result r;
    *out = NULL;
    if (!data && size) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no data");
    if (hln_model_create(opts ? &opts->allocator : NULL, &m) != HLN_OK) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    m->files = (hln_file *)hln_arena_alloc(&m->arena, sizeof(hln_file));
    if (!m->files) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    m->n_files = 1;
    m->files[0].data = (const uint8_t *)data;
    m->files[0].size = size;
    m->files[0].header_bytes = size;
    if ((r = hln_trt__parse_into(m, opts, (const uint8_t *)data, size, (const uint8_t *)beside, beside_size, beside_name, err)) != HLN_OK) {
        hln_model_free(m);
        return r;
    }
    *out = m;
    return HLN_OK;
}

#ifndef HLN_NO_STDIO
static int hln_trt__names_beside(const char *path) {
    size_t n = strlen(path);
    return (n >= 11 && strcmp(path + n - 11, ".graph.json") == 0) || (n >= 13 && strcmp(path + n - 13, ".profile.json") == 0);
}
/* X.graph.json <-> X.profile.json: the same path with the last "graph" / "profile" swapped. */
static char *hln_trt__beside(hln_arena *a, const char *path, const char **base_out) {
    size_t n = strlen(path), k, base = 0;
    const char *from = NULL, *to = NULL;
    char *out;
    for (k = 0; k < n; k++) if (path[k] == '/' || path[k] == '\\') base = k + 1;
    if (n >= 11 && strcmp(path + n - 11, ".graph.json") == 0) { from = ".graph.json"; to = ".profile.json"; }
    else if (n >= 13 && strcmp(path + n - 13, ".profile.json") == 0) { from = ".profile.json"; to = ".graph.json"; }
    if (!from) return NULL;
    out = (char *)hln_arena_alloc(a, n - strlen(from) + strlen(to) + 1);
    if (!out) return NULL;
    memcpy(out, path, n - strlen(from));
    memcpy(out + n - strlen(from), to, strlen(to) + 1);
    *base_out = out + base;
    return out;
}

HLN_DEF hln_result hln_trt_load_file(const hln_trt_options *opts, const char *path, hln_model **out, hln_error *err) {
    const hln_file_io *io = opts ? &opts->io : NULL;
    hln_model *m;
    hln_result r;
    uint32_t idx, oi = UINT32_MAX;
    const char *other_base = NULL;
    char *other_path;
    *out = NULL;
    if (hln_model_create(opts ? &opts->allocator : NULL, &m) != HLN_OK) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    if ((r = hln_model_map_file(m, io, path, &idx, err)) != HLN_OK) { hln_model_free(m); return r; }
    if (!(other_path = hln_trt__beside(&m->arena, path, &other_base)) && hln_trt__names_beside(path)) {
        hln_model_free(m);
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    if (other_path && hln_model_map_file(m, io, other_path, &oi, NULL) == HLN_ERR_NOMEM) {   /* absent: read alone */
        hln_model_free(m);
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    r = hln_trt__parse_into(m, opts, m->files[idx].data, m->files[idx].size, oi != UINT32_MAX ? m->files[oi].data : NULL,
                            oi != UINT32_MAX ? m->files[oi].size : 0, other_base, err);
    if (r != HLN_OK) { hln_error_file(err, path); hln_model_free(m); return r; }
    m->files[idx].header_bytes = m->files[idx].size;
    *out = m;
    return HLN_OK;
}
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_TRT_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  first release: graph, profile, timing and metadata exports; facts; the graph as IR.

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
