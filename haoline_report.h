/* haoline_report.h - v0.1 - reports of a HaoLine model: JSON and Markdown. MIT license.

   Every output format of the suite lives here; callers only choose. Depends on haoline_ir.h.
   Output goes through an hln_write_fn sink, so it can land in a file, a socket or a buffer.

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_report.h"

       static int to_file(void *f, const void *p, size_t n) { return fwrite(p, 1, n, (FILE *)f) == n; }
       hln_report_options ro = {0};
       ro.file_name = "model.gguf";
       hln_report_json(model, &ro, to_file, stdout);

   JSON: schema "haoline/1", documented in docs/json.md. Numbers are written without the C
   locale's help (a ',' decimal point never appears), NaN and infinities become null,
   strings are fully escaped and invalid UTF-8 becomes U+FFFD.
*/
#ifndef HAOLINE_REPORT_H
#define HAOLINE_REPORT_H

#include "haoline_ir.h"

#define HAOLINE_REPORT_VERSION_MAJOR 0
#define HAOLINE_REPORT_VERSION_MINOR 1
#define HAOLINE_REPORT_VERSION_PATCH 0

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_report_options {
    const char              *file_name;     /* shown as "file" */
    int                      summary_only;  /* 1: no per-tensor / per-node lists */
    const hln_graph_summary *graph;         /* graph analysis results, or NULL */
} hln_report_options;

HLN_DEF hln_result hln_report_json(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_markdown(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);

/* Number formatting shared by every report: "1.48 M", "885.1 KiB". */
HLN_DEF void hln_report_fmt_count(char *buf, size_t cap, double v);
HLN_DEF void hln_report_fmt_bytes(char *buf, size_t cap, double bytes);

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_REPORT_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_REPORT_IMPLEMENTATION)) && !defined(HAOLINE_REPORT_IMPLEMENTED)
#define HAOLINE_REPORT_IMPLEMENTED

#include <string.h>
#include <stdio.h>
#include <stdlib.h>   /* strtod */

#ifndef HLN_MALLOC
#define HLN_MALLOC(sz) malloc(sz)
#define HLN_FREE(p) free(p)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Buffered sink: a report makes many tiny writes. */
typedef struct hln__out {
    hln_write_fn write;
    void        *user;
    size_t       len;
    int          failed;
    char         buf[8192];
} hln__out;

static void hln__out_flush(hln__out *o) {
    if (o->len && !o->failed && !o->write(o->user, o->buf, o->len)) o->failed = 1;
    o->len = 0;
}
static void hln__out_put(hln__out *o, const char *s, size_t n) {
    if (n > sizeof o->buf - o->len) {
        hln__out_flush(o);
        if (n > sizeof o->buf) {
            if (!o->failed && !o->write(o->user, s, n)) o->failed = 1;
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}
static void hln__out_s(hln__out *o, const char *s) { hln__out_put(o, s, strlen(s)); }
static void hln__out_u(hln__out *o, uint64_t v) {
    char b[24];
    int n = snprintf(b, sizeof b, "%llu", (unsigned long long)v);
    hln__out_put(o, b, (size_t)n);
}
static void hln__out_i(hln__out *o, int64_t v) {
    char b[24];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    hln__out_put(o, b, (size_t)n);
}
/* Shortest %.17g-exact text of a double, '.' as the decimal point whatever the locale. */
static void hln__out_f(hln__out *o, double v) {
    char b[40];
    int n, prec, i;
    if (v != v || v > 1.7976931348623157e308 || v < -1.7976931348623157e308) { hln__out_s(o, "null"); return; }
    for (prec = 6; prec <= 17; prec++) {
        n = snprintf(b, sizeof b, "%.*g", prec, v);
        if (strtod(b, NULL) == v) break;
    }
    for (i = 0; i < n; i++) if (b[i] == ',') b[i] = '.';
    /* strtod above read the locale's point; a ',' locale makes it stop early, which only
       costs precision steps, never a wrong digit */
    hln__out_put(o, b, (size_t)n);
}

/* JSON string: escapes quotes, backslashes and controls; invalid UTF-8 becomes U+FFFD. */
static void hln__out_jstr(hln__out *o, const char *s, uint64_t len) {
    uint64_t i = 0, run = 0;
    hln__out_put(o, "\"", 1);
    while (i < len) {
        uint8_t c = (uint8_t)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { i++; run++; continue; }
        if (run) { hln__out_put(o, s + i - run, (size_t)run); run = 0; }
        if (c < 0x80) {
            char esc[8];
            switch (c) {
            case '"': hln__out_put(o, "\\\"", 2); break;
            case '\\': hln__out_put(o, "\\\\", 2); break;
            case '\n': hln__out_put(o, "\\n", 2); break;
            case '\r': hln__out_put(o, "\\r", 2); break;
            case '\t': hln__out_put(o, "\\t", 2); break;
            default: snprintf(esc, sizeof esc, "\\u%04x", c); hln__out_put(o, esc, 6);
            }
            i++;
        } else {
            unsigned n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (n > 1 && n <= len - i && hln_utf8_valid((const uint8_t *)s + i, n)) {
                hln__out_put(o, s + i, n);
                i += n;
            } else {
                hln__out_put(o, "\\ufffd", 6);
                i++;
            }
        }
    }
    if (run) hln__out_put(o, s + i - run, (size_t)run);
    hln__out_put(o, "\"", 1);
}
static void hln__out_js(hln__out *o, const char *s) {
    if (!s) hln__out_s(o, "null"); else hln__out_jstr(o, s, strlen(s));
}
static void hln__out_key(hln__out *o, const char *k) {
    hln__out_js(o, k);
    hln__out_put(o, ": ", 2);
}

HLN_DEF void hln_report_fmt_count(char *buf, size_t cap, double v) {
    static const char *const unit[] = { "", " K", " M", " B", " T" };
    int u = 0;
    while (v >= 1000.0 && u < 4) { v /= 1000.0; u++; }
    snprintf(buf, cap, u ? "%.2f%s" : "%.0f%s", v, unit[u]);
}
HLN_DEF void hln_report_fmt_bytes(char *buf, size_t cap, double v) {
    static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
    int u = 0;
    while (v >= 1024.0 && u < 5) { v /= 1024.0; u++; }
    snprintf(buf, cap, u ? "%.1f %s" : "%.0f %s", v, unit[u]);
}

static const char *hln__report_dtype_name(const hln_model *m, hln_dtype t) {
    const hln_dtype_info *d = hln_dtype_get(t);
    if (m->format == HLN_FORMAT_ONNX && d->onnx_name) return d->onnx_name;
    if (m->format == HLN_FORMAT_TFLITE && d->tflite_name) return d->tflite_name;
    return d->name;
}

static void hln__json_kv_value(hln__out *o, const hln_kv *kv) {
    switch (kv->type) {
    case HLN_KV_U8: case HLN_KV_U16: case HLN_KV_U32: case HLN_KV_U64: hln__out_u(o, kv->v.u); break;
    case HLN_KV_I8: case HLN_KV_I16: case HLN_KV_I32: case HLN_KV_I64: hln__out_i(o, kv->v.i); break;
    case HLN_KV_F32: case HLN_KV_F64: hln__out_f(o, kv->v.f); break;
    case HLN_KV_BOOL: hln__out_s(o, kv->v.u ? "true" : "false"); break;
    case HLN_KV_STRING: hln__out_jstr(o, kv->v.s.ptr, kv->v.s.len); break;
    default: hln__out_s(o, "null");
    }
}

/* {"type": "ARRAY", "element_type": T, "count": N, "first": [up to 3]} recursively. */
static void hln__json_array(hln__out *o, const hln_kv_array *a) {
    hln_kv_iter it;
    hln_kv e;
    int k = 0;
    hln__out_s(o, "{\"type\": \"ARRAY\", \"element_type\": ");
    hln__out_js(o, hln_kv_type_name(a->type));
    hln__out_s(o, ", \"count\": ");
    hln__out_u(o, a->count);
    hln__out_s(o, ", \"first\": [");
    hln_kv_iter_init(&it, a);
    while (k < 3 && hln_kv_iter_next(&it, &e)) {
        if (k++) hln__out_s(o, ", ");
        if (e.type == HLN_KV_ARRAY) hln__json_array(o, &e.v.a);
        else hln__json_kv_value(o, &e);
    }
    hln__out_s(o, "]}");
}

static void hln__json_shape_dims(hln__out *o, const int64_t *dims, uint32_t n) {
    uint32_t d;
    hln__out_put(o, "[", 1);
    for (d = 0; d < n; d++) {
        if (d) hln__out_put(o, ", ", 2);
        hln__out_i(o, dims[d]);
    }
    hln__out_put(o, "]", 1);
}

static void hln__json_shape(hln__out *o, const hln_shape *s) {
    int32_t d;
    if (s->rank < 0) { hln__out_s(o, "null"); return; }
    hln__out_put(o, "[", 1);
    for (d = 0; d < s->rank; d++) {
        if (d) hln__out_put(o, ", ", 2);
        if (s->dims[d].value >= 0) hln__out_i(o, s->dims[d].value);
        else hln__out_js(o, s->dims[d].param);
    }
    hln__out_put(o, "]", 1);
}

static void hln__json_llm(hln__out *o, const hln_llm *l) {
    static const char *const names[] = { "n_layer", "n_head", "n_head_kv", "n_embd", "head_dim",
                                         "context_length", "n_ff", "n_vocab", "expert_count", "expert_used_count" };
    const int64_t vals[] = { l->hp.n_layer, l->hp.n_head, l->hp.n_head_kv, l->hp.n_embd, l->hp.head_dim,
                             l->hp.context_length, l->hp.n_ff, l->hp.n_vocab, l->hp.expert_count, l->hp.expert_used_count };
    size_t i;
    uint32_t k;
    hln__out_s(o, "{\n    \"arch\": ");
    hln__out_js(o, l->hp.arch);
    for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        hln__out_s(o, ",\n    ");
        hln__out_key(o, names[i]);
        if (vals[i] >= 0) hln__out_i(o, vals[i]); else hln__out_s(o, "null");
    }
    hln__out_s(o, ",\n    \"kv_bytes_per_token_f16\": ");
    if (l->kv_bytes_per_token_f16) hln__out_u(o, l->kv_bytes_per_token_f16); else hln__out_s(o, "null");
    hln__out_s(o, ",\n    \"kv_cache\": [");
    for (k = 0; l->kv_bytes_per_token_f16 && k < HLN_KV_CURVE_POINTS; k++) {
        hln__out_s(o, k ? ", " : "");
        hln__out_s(o, "{\"context\": ");
        hln__out_u(o, l->kv_context[k]);
        hln__out_s(o, ", \"bytes\": ");
        hln__out_u(o, l->kv_bytes[k]);
        hln__out_s(o, "}");
    }
    hln__out_s(o, "],\n    \"params_total\": ");
    hln__out_u(o, l->params_total);
    hln__out_s(o, ",\n    \"params_active\": ");
    hln__out_u(o, l->params_active);
    hln__out_s(o, ",\n    \"params_experts\": ");
    hln__out_u(o, l->params_experts);
    hln__out_s(o, "\n  }");
}

HLN_DEF hln_result hln_report_json(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln__out *o;
    hln_summary s;
    hln_llm l;
    uint32_t i;
    hln_report_options def;
    hln_result r;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    o = (hln__out *)HLN_MALLOC(sizeof *o);
    if (!o) return HLN_ERR_NOMEM;
    o->write = write;
    o->user = user;
    o->len = 0;
    o->failed = 0;
    hln_model_summarize(m, &s);
    hln_model_llm(m, &l);

    hln__out_s(o, "{\n  \"schema\": \"haoline/1\",\n  \"format\": ");
    hln__out_js(o, hln_format_name(m->format));
    hln__out_s(o, ",\n  \"file\": ");
    hln__out_js(o, ro->file_name);
    hln__out_s(o, ",\n  \"file_size\": ");
    hln__out_u(o, m->n_files ? m->files[0].size : 0);
    hln__out_s(o, ",\n  \"version\": ");
    hln__out_u(o, m->version);
    hln__out_s(o, ",\n  \"byte_order\": ");
    hln__out_s(o, m->big_endian ? "\"big\"" : "\"little\"");
    if (m->format == HLN_FORMAT_GGUF || m->format == HLN_FORMAT_SAFETENSORS) {
        hln__out_s(o, ",\n  \"alignment\": ");
        hln__out_u(o, m->alignment);
        hln__out_s(o, ",\n  \"data_offset\": ");
        hln__out_u(o, m->n_files ? m->files[0].data_offset : 0);
    }
    hln__out_s(o, ",\n  \"kv_count\": ");
    hln__out_u(o, m->n_kv);
    if (m->split_count > 1) {
        hln__out_s(o, ",\n  \"split\": {\"count\": ");
        hln__out_u(o, m->split_count);
        hln__out_s(o, ", \"no\": ");
        hln__out_u(o, m->n_files ? m->files[0].part : 0);
        hln__out_s(o, "}");
    }
    hln__out_s(o, ",\n  \"files\": [");
    for (i = 0; i < m->n_files; i++) {
        hln__out_s(o, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        hln__out_js(o, m->files[i].path);
        hln__out_s(o, ", \"size\": ");
        hln__out_u(o, m->files[i].size);
        hln__out_s(o, ", \"data_offset\": ");
        hln__out_u(o, m->files[i].data_offset);
        hln__out_s(o, ", \"part\": ");
        hln__out_u(o, m->files[i].part);
        hln__out_s(o, "}");
    }
    hln__out_s(o, m->n_files ? "\n  ],\n" : "],\n");

    hln__out_s(o, "  \"summary\": {\n    \"params\": ");
    hln__out_u(o, s.params);
    hln__out_s(o, ",\n    \"tensors\": ");
    hln__out_u(o, s.n_tensors);
    hln__out_s(o, ",\n    \"weight_bytes\": ");
    hln__out_u(o, s.weight_bytes);
    hln__out_s(o, ",\n    \"bits_per_weight\": ");
    hln__out_f(o, s.bits_per_weight);
    hln__out_s(o, ",\n    \"dtypes\": {");
    for (i = 0; i < s.n_dtypes; i++) {
        hln__out_s(o, i ? ", " : "");
        hln__out_key(o, hln__report_dtype_name(m, s.dtypes[i].dtype));
        hln__out_u(o, s.dtypes[i].tensors);
    }
    hln__out_s(o, "},\n    \"dtype_bytes\": {");
    for (i = 0; i < s.n_dtypes; i++) {
        hln__out_s(o, i ? ", " : "");
        hln__out_key(o, hln__report_dtype_name(m, s.dtypes[i].dtype));
        hln__out_u(o, s.dtypes[i].bytes);
    }
    hln__out_s(o, "}");
    if (ro->graph) {
        const hln_graph_summary *g = ro->graph;
        hln__out_s(o, ",\n    \"nodes\": ");
        hln__out_u(o, g->nodes);
        hln__out_s(o, ",\n    \"nodes_all\": ");
        hln__out_u(o, g->nodes_all);
        hln__out_s(o, ",\n    \"subgraphs\": ");
        hln__out_u(o, g->subgraphs);
        hln__out_s(o, ",\n    \"macs\": ");
        hln__out_u(o, g->macs);
        hln__out_s(o, ",\n    \"flops\": ");
        hln__out_u(o, g->flops);
        hln__out_s(o, ",\n    \"macs_exact\": ");
        hln__out_s(o, g->macs_exact ? "true" : "false");
        hln__out_s(o, ",\n    \"initializer_params\": ");
        hln__out_u(o, g->initializer_params);
        hln__out_s(o, ",\n    \"constant_params\": ");
        hln__out_u(o, g->constant_params);
        hln__out_s(o, ",\n    \"activation_peak_bytes\": ");
        hln__out_u(o, g->activation_peak_bytes);
        hln__out_s(o, ",\n    \"ops\": {");
        for (i = 0; i < g->n_ops; i++) {
            hln__out_s(o, i ? ", " : "");
            hln__out_key(o, g->ops[i].op);
            hln__out_u(o, g->ops[i].count);
        }
        hln__out_s(o, "},\n    \"unresolved_dims\": [");
        for (i = 0; i < g->n_unresolved; i++) {
            hln__out_s(o, i ? ", " : "");
            hln__out_js(o, g->unresolved[i]);
        }
        hln__out_s(o, "]");
    }
    hln__out_s(o, "\n  },\n  \"metadata\": {");
    for (i = 0; i < m->n_kv; i++) {
        const hln_kv *kv = &m->kv[i];
        hln__out_s(o, i ? ",\n    " : "\n    ");
        hln__out_key(o, kv->key);
        if (kv->type == HLN_KV_ARRAY) { hln__json_array(o, &kv->v.a); continue; }
        hln__out_s(o, "{\"type\": ");
        hln__out_js(o, hln_kv_type_name(kv->type));
        hln__out_s(o, ", \"value\": ");
        hln__json_kv_value(o, kv);
        hln__out_s(o, "}");
    }
    hln__out_s(o, m->n_kv ? "\n  },\n  \"llm\": " : "},\n  \"llm\": ");
    if (l.valid) hln__json_llm(o, &l); else hln__out_s(o, "null");

    if (m->graph) {
        const hln_graph *g = m->graph;
        hln__out_s(o, ",\n  \"inputs\": [");
        for (i = 0; i < g->n_inputs; i++) {
            const hln_value *v = &g->values[g->inputs[i]];
            hln__out_s(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
            hln__out_js(o, v->name);
            hln__out_s(o, ", \"dtype\": ");
            hln__out_js(o, hln__report_dtype_name(m, v->dtype));
            hln__out_s(o, ", \"shape\": ");
            hln__json_shape(o, &v->shape);
            hln__out_s(o, "}");
        }
        hln__out_s(o, "],\n  \"outputs\": [");
        for (i = 0; i < g->n_outputs; i++) {
            const hln_value *v = &g->values[g->outputs[i]];
            hln__out_s(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
            hln__out_js(o, v->name);
            hln__out_s(o, ", \"dtype\": ");
            hln__out_js(o, hln__report_dtype_name(m, v->dtype));
            hln__out_s(o, ", \"shape\": ");
            hln__json_shape(o, &v->shape);
            hln__out_s(o, "}");
        }
        hln__out_s(o, "]");
        if (!ro->summary_only) {
            hln__out_s(o, ",\n  \"nodes\": [");
            for (i = 0; i < g->n_nodes; i++) {
                const hln_node *n = &g->nodes[i];
                uint32_t k;
                hln__out_s(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
                hln__out_js(o, n->name);
                hln__out_s(o, ", \"op\": ");
                hln__out_js(o, n->op_type);
                hln__out_s(o, ", \"inputs\": [");
                for (k = 0; k < n->n_inputs; k++) {
                    hln__out_s(o, k ? ", " : "");
                    if (n->inputs[k] >= 0) hln__out_js(o, g->values[n->inputs[k]].name); else hln__out_s(o, "\"\"");
                }
                hln__out_s(o, "], \"outputs\": [");
                for (k = 0; k < n->n_outputs; k++) {
                    hln__out_s(o, k ? ", " : "");
                    if (n->outputs[k] >= 0) hln__out_js(o, g->values[n->outputs[k]].name); else hln__out_s(o, "\"\"");
                }
                hln__out_s(o, "], \"output_shapes\": [");
                for (k = 0; k < n->n_outputs; k++) {
                    hln__out_s(o, k ? ", " : "");
                    if (n->outputs[k] >= 0) hln__json_shape(o, &g->values[n->outputs[k]].shape); else hln__out_s(o, "null");
                }
                hln__out_s(o, "], \"macs\": ");
                hln__out_u(o, n->macs);
                hln__out_s(o, ", \"flops\": ");
                hln__out_u(o, n->flops);
                hln__out_s(o, ", \"params\": ");
                hln__out_u(o, n->params);
                hln__out_s(o, "}");
            }
            hln__out_s(o, g->n_nodes ? "\n  ]" : "]");
        }
    }
    if (!ro->summary_only) {
        hln__out_s(o, ",\n  \"tensors\": [");
        for (i = 0; i < m->n_tensors; i++) {
            const hln_tensor *t = &m->tensors[i];
            hln__out_s(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
            hln__out_js(o, t->name);
            hln__out_s(o, ", \"dtype\": ");
            hln__out_js(o, hln__report_dtype_name(m, t->dtype));
            hln__out_s(o, ", \"shape\": ");
            hln__json_shape_dims(o, t->dims, t->n_dims);
            hln__out_s(o, ", \"n_elements\": ");
            hln__out_u(o, t->n_elements);
            hln__out_s(o, ", \"offset\": ");
            hln__out_u(o, t->offset);
            hln__out_s(o, ", \"file_offset\": ");
            hln__out_u(o, t->file_offset);
            hln__out_s(o, ", \"bytes\": ");
            hln__out_u(o, t->n_bytes);
            hln__out_s(o, ", \"native_type\": ");
            hln__out_i(o, t->native_type);
            hln__out_s(o, ", \"file\": ");
            hln__out_u(o, t->file);
            hln__out_s(o, ", \"part\": ");
            hln__out_u(o, t->file < m->n_files ? m->files[t->file].part : 0);
            if (t->flags & HLN_TENSOR_CONSTANT) hln__out_s(o, ", \"constant\": true");
            if (t->flags & HLN_TENSOR_EXTERNAL) hln__out_s(o, ", \"external\": true");
            hln__out_s(o, "}");
        }
        hln__out_s(o, m->n_tensors ? "\n  ]" : "]");
    }
    hln__out_s(o, "\n}\n");
    hln__out_flush(o);
    r = o->failed ? HLN_ERR_IO : HLN_OK;
    HLN_FREE(o);
    return r;
}

HLN_DEF hln_result hln_report_markdown(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln__out *o;
    hln_summary s;
    hln_llm l;
    char a[64], b[64], line[512];
    uint32_t i;
    hln_result r;
    o = (hln__out *)HLN_MALLOC(sizeof *o);
    if (!o) return HLN_ERR_NOMEM;
    o->write = write;
    o->user = user;
    o->len = 0;
    o->failed = 0;
    hln_model_summarize(m, &s);
    hln_model_llm(m, &l);
    hln__out_s(o, "# Model card: ");
    hln__out_s(o, ro && ro->file_name ? ro->file_name : "model");
    hln__out_s(o, "\n\n| | |\n|---|---|\n");
    snprintf(line, sizeof line, "| format | %s (version %u) |\n", hln_format_name(m->format), m->version);
    hln__out_s(o, line);
    hln_report_fmt_count(a, sizeof a, (double)s.params);
    snprintf(line, sizeof line, "| parameters | %llu (%s) |\n", (unsigned long long)s.params, a);
    hln__out_s(o, line);
    hln_report_fmt_bytes(b, sizeof b, (double)s.weight_bytes);
    snprintf(line, sizeof line, "| weights | %llu bytes (%s), %.3f bits per weight |\n",
             (unsigned long long)s.weight_bytes, b, s.bits_per_weight);
    hln__out_s(o, line);
    snprintf(line, sizeof line, "| tensors | %u |\n", s.n_tensors);
    hln__out_s(o, line);
    if (ro && ro->graph) {
        hln_report_fmt_count(a, sizeof a, (double)ro->graph->macs);
        snprintf(line, sizeof line, "| nodes | %u (%u with subgraphs) |\n| MACs | %llu (%s)%s |\n",
                 ro->graph->nodes, ro->graph->nodes_all, (unsigned long long)ro->graph->macs, a,
                 ro->graph->macs_exact ? "" : ", lower bound");
        hln__out_s(o, line);
    }
    hln__out_s(o, "\n## Precision\n\n| dtype | tensors | parameters | bytes | share of bytes |\n|---|---:|---:|---:|---:|\n");
    for (i = 0; i < s.n_dtypes; i++) {
        snprintf(line, sizeof line, "| %s | %u | %llu | %llu | %.1f%% |\n", hln__report_dtype_name(m, s.dtypes[i].dtype),
                 s.dtypes[i].tensors, (unsigned long long)s.dtypes[i].elements, (unsigned long long)s.dtypes[i].bytes,
                 s.weight_bytes ? 100.0 * (double)s.dtypes[i].bytes / (double)s.weight_bytes : 0.0);
        hln__out_s(o, line);
    }
    if (l.valid) {
        hln__out_s(o, "\n## Architecture\n\n");
        snprintf(line, sizeof line, "- architecture: %s\n- layers: %lld, heads: %lld (KV heads %lld), embedding: %lld, head dim: %lld\n"
                 "- context length: %lld, feed-forward: %lld, vocabulary: %lld\n",
                 l.hp.arch ? l.hp.arch : "unknown", (long long)l.hp.n_layer, (long long)l.hp.n_head,
                 (long long)l.hp.n_head_kv, (long long)l.hp.n_embd, (long long)l.hp.head_dim,
                 (long long)l.hp.context_length, (long long)l.hp.n_ff, (long long)l.hp.n_vocab);
        hln__out_s(o, line);
        if (l.hp.expert_count > 0) {
            snprintf(line, sizeof line, "- experts: %lld, used per token: %lld; parameters active per token: %llu of %llu\n",
                     (long long)l.hp.expert_count, (long long)l.hp.expert_used_count,
                     (unsigned long long)l.params_active, (unsigned long long)l.params_total);
            hln__out_s(o, line);
        }
        if (l.kv_bytes_per_token_f16) {
            uint32_t k;
            snprintf(line, sizeof line, "\n### KV cache (f16, %llu bytes per token)\n\n| context | bytes | size |\n|---:|---:|---:|\n",
                     (unsigned long long)l.kv_bytes_per_token_f16);
            hln__out_s(o, line);
            for (k = 0; k < HLN_KV_CURVE_POINTS; k++) {
                hln_report_fmt_bytes(b, sizeof b, (double)l.kv_bytes[k]);
                snprintf(line, sizeof line, "| %lluk | %llu | %s |\n", (unsigned long long)(l.kv_context[k] / 1024),
                         (unsigned long long)l.kv_bytes[k], b);
                hln__out_s(o, line);
            }
        }
    }
    if (!(ro && ro->summary_only) && m->n_tensors) {
        hln__out_s(o, "\n## Tensors\n\n| name | dtype | shape | bytes |\n|---|---|---|---:|\n");
        for (i = 0; i < m->n_tensors; i++) {
            const hln_tensor *t = &m->tensors[i];
            uint32_t d;
            const char *p;
            hln__out_s(o, "| `");
            for (p = t->name; *p; p++) {   /* a name cannot break the table */
                if (*p == '|' || *p == '`' || *p == '\n' || *p == '\r') hln__out_put(o, "_", 1);
                else hln__out_put(o, p, 1);
            }
            hln__out_s(o, "` | ");
            hln__out_s(o, hln__report_dtype_name(m, t->dtype));
            hln__out_s(o, " | [");
            for (d = 0; d < t->n_dims; d++) {
                if (d) hln__out_s(o, ", ");
                hln__out_i(o, t->dims[d]);
            }
            hln__out_s(o, "] | ");
            hln__out_u(o, t->n_bytes);
            hln__out_s(o, " |\n");
        }
    }
    hln__out_flush(o);
    r = o->failed ? HLN_ERR_IO : HLN_OK;
    HLN_FREE(o);
    return r;
}

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_REPORT_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  JSON (haoline/1) and Markdown.

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
