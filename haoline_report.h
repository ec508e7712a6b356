/* haoline_report.h - v0.2 - reports of a HaoLine model: JSON, Markdown, CSV, HTML, PNG. MIT license.

   Every output format of the suite lives here; callers only choose. Depends on haoline_ir.h.
   Output goes through an hln_write_fn sink, so it can land in a file, a socket or a buffer.

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_report.h"

       static int to_file(void *f, const void *p, size_t n) { return fwrite(p, 1, n, (FILE *)f) == n; }
       hln_report_options ro = {0};
       ro.file_name = "model.gguf";
       ro.graph = &graph_summary;            // from hln_graph_analyze, or NULL
       hln_report_json(model, &ro, to_file, stdout);
       hln_report_html(model, &ro, to_file, html_file);   // one self-contained page

   FORMATS
       JSON      schema "haoline/1", documented in docs/json.md.
       Markdown  a model card: summary, precision, ops, architecture, KV cache, tensors.
       CSV       RFC 4180: hln_report_csv (one row per tensor) and hln_report_csv_nodes (one
                 row per graph node). A name cell that starts with = + - @ or a tab gets a
                 leading ' so a spreadsheet never evaluates a name from a model file.
       HTML      one file, no network: inline CSS, SVG charts drawn here, the data as JSON and
                 a small inline script (sortable/filterable tables, a pan/zoom graph view whose
                 layered layout is computed here). A Content-Security-Policy forbids every
                 fetch. Light and dark themes.
       PNG       the same charts rasterised by a tiny built-in renderer (bars, lines, a 5x7
                 font) and encoded by stb_image_write: define HLN_REPORT_PNG and include
                 stb_image_write.h before this header (it is included as "stb_image_write.h"
                 otherwise); some translation unit defines STB_IMAGE_WRITE_IMPLEMENTATION.
                 hln_report_chart_raster works without stb: it fills a caller's RGB buffer.

   OPTIONS (hln_report_options, zero = defaults)
       file_name     shown as the report's title / "file"
       summary_only  leave the per-tensor and per-node lists (and the graph view) out
       graph         graph analysis results (hln_graph_analyze), or NULL
       redact_names  names from the model (tensors, nodes, values, files, blocks, string
                     metadata) become stable ids in every format: tensor i is "t<i>", node i
                     "n<i>", a graph value that is not a tensor "v<i>", a block "g<i>".

   ESCAPING: every string from a model file is untrusted. JSON strings are fully escaped and
   invalid UTF-8 becomes U+FFFD; JSON inside the HTML's <script> also escapes < > & U+2028 and
   U+2029; HTML text escapes & < > " ' and replaces control characters and invalid UTF-8.
   Numbers are written without the C locale's help (a ',' decimal point never appears).

   LIMITS: HLN_REPORT_MAX_SIDE (default 8192) bounds raster charts per side.
*/
#ifndef HAOLINE_REPORT_H
#define HAOLINE_REPORT_H

#include "haoline_ir.h"

#define HAOLINE_REPORT_VERSION_MAJOR 0
#define HAOLINE_REPORT_VERSION_MINOR 2
#define HAOLINE_REPORT_VERSION_PATCH 0

#ifndef HLN_REPORT_MAX_SIDE
#define HLN_REPORT_MAX_SIDE 8192
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_report_options {
    const char              *file_name;     /* shown as "file" */
    int                      summary_only;  /* 1: no per-tensor / per-node lists */
    const hln_graph_summary *graph;         /* graph analysis results, or NULL */
    int                      redact_names;  /* 1: names become ids (t12, n45, v7, g3) */
} hln_report_options;

HLN_DEF hln_result hln_report_json(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_markdown(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
/* name,dtype,shape,n_elements,bytes,offset: one row per tensor */
HLN_DEF hln_result hln_report_csv(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
/* name,op,inputs,outputs,output_shapes,macs,flops,params: one row per top-level node (header
   only for a model without a graph) */
HLN_DEF hln_result hln_report_csv_nodes(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_html(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);

/* Number formatting shared by every report: "1.48 M", "885.1 KiB". */
HLN_DEF void hln_report_fmt_count(char *buf, size_t cap, double v);
HLN_DEF void hln_report_fmt_bytes(char *buf, size_t cap, double bytes);

/* ---- charts as pixels ----
   The charts of the HTML page, in the same order. hln_report_chart_count says how many a
   model has; hln_report_chart_raster draws chart `index` into rgb (width*height*3 bytes,
   rows top to bottom) and names it ("params_by_dtype"). Sizes are checked before anything is
   touched: each side in [64, HLN_REPORT_MAX_SIDE] and rgb_size >= width*height*3, else
   HLN_ERR_RANGE. */
HLN_DEF uint32_t   hln_report_chart_count(const hln_model *m, const hln_report_options *o);
HLN_DEF hln_result hln_report_chart_raster(const hln_model *m, const hln_report_options *o, uint32_t index,
                                           int width, int height, unsigned char *rgb, size_t rgb_size,
                                           const char **name);

#ifdef HLN_REPORT_PNG
/* Receives one finished file: name ("params_by_dtype.png") and its bytes. Returns 0 on failure. */
typedef int (*hln_report_file_fn)(void *user, const char *name, const void *bytes, size_t n);
/* Renders every chart at width x height and hands each PNG to file_fn. */
HLN_DEF hln_result hln_report_png_charts(const hln_model *m, const hln_report_options *o, int width, int height,
                                         hln_report_file_fn file_fn, void *user);
/* One chart as PNG bytes into a sink. */
HLN_DEF hln_result hln_report_png(const hln_model *m, const hln_report_options *o, uint32_t index,
                                  int width, int height, hln_write_fn write, void *user);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_REPORT_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_REPORT_IMPLEMENTATION)) && !defined(HAOLINE_REPORT_IMPLEMENTED)
#define HAOLINE_REPORT_IMPLEMENTED

#include <string.h>
#include <stdio.h>
#include <stdlib.h>   /* strtod, qsort */

#ifndef HLN_MALLOC
#define HLN_MALLOC(sz) malloc(sz)
#define HLN_FREE(p) free(p)
#endif

#if defined(HLN_REPORT_PNG) && !defined(INCLUDE_STB_IMAGE_WRITE_H)
#include "stb_image_write.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- output ----------------------------------------------------------------------------- */
/* Buffered sink: a report makes many tiny writes. `script` turns on the extra escapes of JSON
   embedded in an HTML <script> element. */
typedef struct hln_report__out {
    hln_write_fn write;
    void        *user;
    size_t       len;
    int          failed;
    int          script;
    uint64_t     total;
    char         buf[65536];
} hln_report__out;

static hln_report__out *hln_report__out_new(hln_write_fn write, void *user) {
    hln_report__out *o = (hln_report__out *)HLN_MALLOC(sizeof *o);
    if (!o) return NULL;
    o->write = write;
    o->user = user;
    o->len = 0;
    o->failed = 0;
    o->script = 0;
    o->total = 0;
    return o;
}
static void hln_report__out_flush(hln_report__out *o) {
    if (o->len && !o->failed && !o->write(o->user, o->buf, o->len)) o->failed = 1;
    o->len = 0;
}
static hln_result hln_report__out_done(hln_report__out *o) {
    hln_result r;
    hln_report__out_flush(o);
    r = o->failed ? HLN_ERR_IO : HLN_OK;
    HLN_FREE(o);
    return r;
}
static void hln_report__out_put(hln_report__out *o, const char *s, size_t n) {
    o->total += n;
    if (n > sizeof o->buf - o->len) {
        hln_report__out_flush(o);
        if (n > sizeof o->buf) {
            if (!o->failed && !o->write(o->user, s, n)) o->failed = 1;
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}
static void hln_report__out_c(hln_report__out *o, char c) {
    if (o->len == sizeof o->buf) hln_report__out_flush(o);
    o->buf[o->len++] = c;
    o->total++;
}
static void hln_report__out_s(hln_report__out *o, const char *s) { hln_report__out_put(o, s, strlen(s)); }
static void hln_report__out_u(hln_report__out *o, uint64_t v) {
    char b[24];
    int i = 24;
    do { b[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    hln_report__out_put(o, b + i, (size_t)(24 - i));
}
static void hln_report__out_i(hln_report__out *o, int64_t v) {
    if (v < 0) { hln_report__out_c(o, '-'); hln_report__out_u(o, (uint64_t)0 - (uint64_t)v); }
    else hln_report__out_u(o, (uint64_t)v);
}
/* Shortest %.17g-exact text of a double, '.' as the decimal point whatever the locale. */
static void hln_report__out_f(hln_report__out *o, double v) {
    char b[40];
    int n = 0, prec, i;
    if (v != v || v > 1.7976931348623157e308 || v < -1.7976931348623157e308) { hln_report__out_s(o, "null"); return; }
    for (prec = 6; prec <= 17; prec++) {
        n = snprintf(b, sizeof b, "%.*g", prec, v);
        if (strtod(b, NULL) == v) break;
    }
    for (i = 0; i < n; i++) if (b[i] == ',') b[i] = '.';
    /* strtod above read the locale's point; a ',' locale makes it stop early, which only
       costs precision steps, never a wrong digit */
    hln_report__out_put(o, b, (size_t)n);
}
/* A fixed-point number for SVG coordinates: one decimal, no locale. */
static void hln_report__out_x(hln_report__out *o, double v) {
    int64_t t = (int64_t)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
    if (t < 0) { hln_report__out_c(o, '-'); t = -t; }
    hln_report__out_u(o, (uint64_t)(t / 10));
    if (t % 10) { hln_report__out_c(o, '.'); hln_report__out_c(o, (char)('0' + t % 10)); }
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes there are not one. */
static unsigned hln_report__utf8_seq(const uint8_t *s, uint64_t left) {
    uint8_t c = s[0];
    unsigned n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (n == 0 || n > left) return 0;
    if (n > 1 && !hln_utf8_valid(s, n)) return 0;
    return n;
}

/* JSON string: escapes quotes, backslashes and controls; invalid UTF-8 becomes U+FFFD. */
static void hln_report__out_jstr(hln_report__out *o, const char *s, uint64_t len) {
    uint64_t i = 0, run = 0;
    const uint8_t *u = (const uint8_t *)s;
    hln_report__out_c(o, '"');
    while (i < len) {
        uint8_t c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\' &&
            !(o->script && (c == '<' || c == '>' || c == '&'))) { i++; run++; continue; }
        if (run) { hln_report__out_put(o, s + i - run, (size_t)run); run = 0; }
        if (c < 0x80) {
            char esc[8];
            switch (c) {
            case '"': hln_report__out_put(o, "\\\"", 2); break;
            case '\\': hln_report__out_put(o, "\\\\", 2); break;
            case '\n': hln_report__out_put(o, "\\n", 2); break;
            case '\r': hln_report__out_put(o, "\\r", 2); break;
            case '\t': hln_report__out_put(o, "\\t", 2); break;
            default: snprintf(esc, sizeof esc, "\\u%04x", c); hln_report__out_put(o, esc, 6);
            }
            i++;
        } else {
            unsigned n = hln_report__utf8_seq(u + i, len - i);
            if (!n) { hln_report__out_put(o, "\\ufffd", 6); i++; continue; }
            /* U+2028/2029 end a line in older JavaScript */
            if (o->script && n == 3 && c == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
                hln_report__out_put(o, u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            else hln_report__out_put(o, s + i, n);
            i += n;
        }
    }
    if (run) hln_report__out_put(o, s + i - run, (size_t)run);
    hln_report__out_c(o, '"');
}
static void hln_report__out_js(hln_report__out *o, const char *s) {
    if (!s) hln_report__out_s(o, "null"); else hln_report__out_jstr(o, s, strlen(s));
}
static void hln_report__out_key(hln_report__out *o, const char *k) {
    hln_report__out_js(o, k);
    hln_report__out_put(o, ": ", 2);
}

/* HTML text and attribute values; at most max_chars code points (then an ellipsis). */
static void hln_report__out_html_n(hln_report__out *o, const char *s, uint64_t len, uint64_t max_chars) {
    uint64_t i = 0, run = 0, chars = 0;
    const uint8_t *u = (const uint8_t *)s;
    while (i < len) {
        uint8_t c = u[i];
        if (chars++ >= max_chars) {
            if (run) { hln_report__out_put(o, s + i - run, (size_t)run); run = 0; }
            hln_report__out_s(o, "\xe2\x80\xa6");
            return;
        }
        if (c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') { i++; run++; continue; }
        if (run) { hln_report__out_put(o, s + i - run, (size_t)run); run = 0; }
        if (c < 0x80) {
            switch (c) {
            case '&': hln_report__out_s(o, "&amp;"); break;
            case '<': hln_report__out_s(o, "&lt;"); break;
            case '>': hln_report__out_s(o, "&gt;"); break;
            case '"': hln_report__out_s(o, "&quot;"); break;
            case '\'': hln_report__out_s(o, "&#39;"); break;
            case '\t': case '\n': hln_report__out_c(o, ' '); break;
            default: hln_report__out_s(o, "\xef\xbf\xbd");   /* controls and DEL */
            }
            i++;
        } else {
            unsigned n = hln_report__utf8_seq(u + i, len - i);
            /* C1 controls (U+0080..U+009F) are not text either */
            if (!n || (n == 2 && c == 0xC2 && u[i + 1] < 0xA0)) { hln_report__out_s(o, "\xef\xbf\xbd"); i += n ? n : 1; continue; }
            hln_report__out_put(o, s + i, n);
            i += n;
        }
    }
    if (run) hln_report__out_put(o, s + i - run, (size_t)run);
}
static void hln_report__out_html(hln_report__out *o, const char *s) {
    if (s) hln_report__out_html_n(o, s, strlen(s), UINT64_MAX);
}

/* One RFC 4180 field: quoted when it holds , " CR or LF; invalid UTF-8 becomes U+FFFD.
   guard: a leading = + - @ TAB or CR gets a ' so spreadsheets keep names as text. */
static void hln_report__out_csv(hln_report__out *o, const char *s, uint64_t len, int guard) {
    uint64_t i;
    int quote = 0;
    const uint8_t *u = (const uint8_t *)s;
    for (i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n') { quote = 1; break; }
    if (quote) hln_report__out_c(o, '"');
    if (guard && len && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
        hln_report__out_c(o, '\'');
    i = 0;
    while (i < len) {
        uint8_t c = u[i];
        if (c < 0x80) {
            if (c == '"') hln_report__out_put(o, "\"\"", 2);
            else if (c == 0) hln_report__out_s(o, "\xef\xbf\xbd");
            else hln_report__out_c(o, (char)c);
            i++;
        } else {
            unsigned n = hln_report__utf8_seq(u + i, len - i);
            if (!n) { hln_report__out_s(o, "\xef\xbf\xbd"); i++; continue; }
            hln_report__out_put(o, s + i, n);
            i += n;
        }
    }
    if (quote) hln_report__out_c(o, '"');
}

/* Markdown table cell text inside a code span: nothing can end the span, row or table. */
static void hln_report__out_md(hln_report__out *o, const char *s, uint64_t len) {
    uint64_t i = 0;
    const uint8_t *u = (const uint8_t *)s;
    while (i < len) {
        uint8_t c = u[i];
        if (c < 0x80) {
            hln_report__out_c(o, (c == '|' || c == '`' || c < 0x20 || c == 0x7F) ? '_' : (char)c);
            i++;
        } else {
            unsigned n = hln_report__utf8_seq(u + i, len - i);
            if (!n) { hln_report__out_s(o, "\xef\xbf\xbd"); i++; continue; }
            hln_report__out_put(o, s + i, n);
            i += n;
        }
    }
}

HLN_DEF void hln_report_fmt_count(char *buf, size_t cap, double v) {
    static const char *const unit[] = { "", " K", " M", " B", " T" };
    int u = 0;
    while (v >= 1000.0 && u < 4) { v /= 1000.0; u++; }
    snprintf(buf, cap, u ? "%.2f%s" : "%.0f%s", v, unit[u]);
    for (; *buf; buf++) if (*buf == ',') *buf = '.';
}
HLN_DEF void hln_report_fmt_bytes(char *buf, size_t cap, double v) {
    static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
    int u = 0;
    while (v >= 1024.0 && u < 5) { v /= 1024.0; u++; }
    snprintf(buf, cap, u ? "%.1f %s" : "%.0f %s", v, unit[u]);
    for (; *buf; buf++) if (*buf == ',') *buf = '.';
}

/* ---- names and redaction ---------------------------------------------------------------- */
typedef struct hln_report__name { const char *p; size_t n; char buf[24]; } hln_report__name;

static void hln_report__name_id(hln_report__name *nm, char kind, uint64_t i) {
    int k = snprintf(nm->buf, sizeof nm->buf, "%c%llu", kind, (unsigned long long)i);
    nm->p = nm->buf;
    nm->n = (size_t)k;
}
static void hln_report__name_str(hln_report__name *nm, const char *s) {
    nm->p = s ? s : "";
    nm->n = s ? strlen(s) : 0;
}
static void hln_report__name_tensor(const hln_report_options *ro, const hln_model *m, uint32_t i, hln_report__name *nm) {
    if (ro->redact_names) hln_report__name_id(nm, 't', i); else hln_report__name_str(nm, m->tensors[i].name);
}
static void hln_report__name_node(const hln_report_options *ro, const hln_graph *g, uint32_t i, hln_report__name *nm) {
    if (ro->redact_names) hln_report__name_id(nm, 'n', i); else hln_report__name_str(nm, g->nodes[i].name);
}
/* A value holding a tensor's bytes takes the tensor's id, so ids agree across lists. */
static void hln_report__name_value(const hln_report_options *ro, const hln_graph *g, uint32_t i, hln_report__name *nm) {
    const hln_value *v = &g->values[i];
    if (!ro->redact_names) hln_report__name_str(nm, v->name);
    else if (v->tensor >= 0) hln_report__name_id(nm, 't', (uint64_t)v->tensor);
    else hln_report__name_id(nm, 'v', i);
}
static const char *hln_report__file_name(const hln_report_options *ro) {
    if (ro->redact_names) return "model";
    return ro->file_name ? ro->file_name : "model";
}
/* String metadata values are free text (model names, paths, licenses); redaction keeps only
   the ones that name a public vocabulary. */
static int hln_report__kv_keep_string(const hln_report_options *ro, const char *key) {
    static const char *const keep[] = { "general.architecture", "tokenizer.ggml.model", "general.type",
                                        "general.quantization_version", "general.file_type" };
    size_t k;
    if (!ro->redact_names) return 1;
    for (k = 0; k < sizeof keep / sizeof keep[0]; k++) if (key && strcmp(key, keep[k]) == 0) return 1;
    return 0;
}

static const char *hln_report__dtype_name(const hln_model *m, hln_dtype t) {
    const hln_dtype_info *d = hln_dtype_get(t);
    if (m->format == HLN_FORMAT_ONNX && d->onnx_name) return d->onnx_name;
    if (m->format == HLN_FORMAT_TFLITE && d->tflite_name) return d->tflite_name;
    return d->name;
}

/* The shape a report shows for a graph value: the analysis' when it ran, else the file's. */
static const hln_shape *hln_report__value_shape(const hln_report_options *ro, const hln_value *v) {
    if (ro->graph && v->inferred.rank >= 0 && (v->inferred.rank == 0 || v->inferred.dims)) return &v->inferred;
    return &v->shape;
}

/* "[1, 3, batch, ?]" into buf (truncated with "...", always NUL-terminated). */
static size_t hln_report__shape_text(char *buf, size_t cap, const hln_shape *s) {
    size_t n = 0;
    int32_t d;
    if (s->rank < 0 || (s->rank > 0 && !s->dims)) { snprintf(buf, cap, "?"); return strlen(buf); }
    buf[n++] = '[';
    for (d = 0; d < s->rank; d++) {
        char tmp[32];
        const char *p = tmp;
        size_t k;
        if (s->dims[d].value >= 0) snprintf(tmp, sizeof tmp, "%lld", (long long)s->dims[d].value);
        else p = s->dims[d].param ? s->dims[d].param : "?";
        k = strlen(p);
        if (n + k + 6 >= cap) { memcpy(buf + n, "...]", 5); return n + 4; }
        if (d) { buf[n++] = ','; buf[n++] = ' '; }
        memcpy(buf + n, p, k);
        n += k;
    }
    buf[n++] = ']';
    buf[n] = 0;
    return n;
}
static size_t hln_report__dims_text(char *buf, size_t cap, const int64_t *dims, uint32_t n_dims) {
    size_t n = 0;
    uint32_t d;
    buf[n++] = '[';
    for (d = 0; d < n_dims; d++) {
        char tmp[32];
        size_t k = (size_t)snprintf(tmp, sizeof tmp, d ? ", %lld" : "%lld", (long long)dims[d]);
        if (n + k + 6 >= cap) { memcpy(buf + n, "...]", 5); return n + 4; }
        memcpy(buf + n, tmp, k);
        n += k;
    }
    buf[n++] = ']';
    buf[n] = 0;
    return n;
}

/* ---- JSON ------------------------------------------------------------------------------- */
static void hln_report__json_kv_value(hln_report__out *o, const hln_kv *kv, int keep_strings) {
    switch (kv->type) {
    case HLN_KV_U8: case HLN_KV_U16: case HLN_KV_U32: case HLN_KV_U64: hln_report__out_u(o, kv->v.u); break;
    case HLN_KV_I8: case HLN_KV_I16: case HLN_KV_I32: case HLN_KV_I64: hln_report__out_i(o, kv->v.i); break;
    case HLN_KV_F32: case HLN_KV_F64: hln_report__out_f(o, kv->v.f); break;
    case HLN_KV_BOOL: hln_report__out_s(o, kv->v.u ? "true" : "false"); break;
    case HLN_KV_STRING:
        if (keep_strings) hln_report__out_jstr(o, kv->v.s.ptr, kv->v.s.len); else hln_report__out_s(o, "\"[redacted]\"");
        break;
    default: hln_report__out_s(o, "null");
    }
}

/* {"type": "ARRAY", "element_type": T, "count": N, "first": [up to 3]} recursively. */
static void hln_report__json_array(hln_report__out *o, const hln_kv_array *a, int keep_strings) {
    hln_kv_iter it;
    hln_kv e;
    int k = 0;
    hln_report__out_s(o, "{\"type\": \"ARRAY\", \"element_type\": ");
    hln_report__out_js(o, hln_kv_type_name(a->type));
    hln_report__out_s(o, ", \"count\": ");
    hln_report__out_u(o, a->count);
    hln_report__out_s(o, ", \"first\": [");
    hln_kv_iter_init(&it, a);
    while (k < 3 && hln_kv_iter_next(&it, &e)) {
        if (k++) hln_report__out_s(o, ", ");
        if (e.type == HLN_KV_ARRAY) hln_report__json_array(o, &e.v.a, keep_strings);
        else hln_report__json_kv_value(o, &e, keep_strings);
    }
    hln_report__out_s(o, "]}");
}

static void hln_report__json_shape_dims(hln_report__out *o, const int64_t *dims, uint32_t n) {
    uint32_t d;
    hln_report__out_c(o, '[');
    for (d = 0; d < n; d++) {
        if (d) hln_report__out_put(o, ", ", 2);
        hln_report__out_i(o, dims[d]);
    }
    hln_report__out_c(o, ']');
}

static void hln_report__json_shape(hln_report__out *o, const hln_shape *s) {
    int32_t d;
    if (s->rank < 0 || (s->rank > 0 && !s->dims)) { hln_report__out_s(o, "null"); return; }
    hln_report__out_c(o, '[');
    for (d = 0; d < s->rank; d++) {
        if (d) hln_report__out_put(o, ", ", 2);
        if (s->dims[d].value >= 0) hln_report__out_i(o, s->dims[d].value);
        else hln_report__out_js(o, s->dims[d].param);
    }
    hln_report__out_c(o, ']');
}

static void hln_report__json_llm(hln_report__out *o, const hln_llm *l) {
    static const char *const names[] = { "n_layer", "n_head", "n_head_kv", "n_embd", "head_dim",
                                         "context_length", "n_ff", "n_vocab", "expert_count", "expert_used_count" };
    int64_t vals[10];
    size_t i;
    uint32_t k;
    vals[0] = l->hp.n_layer; vals[1] = l->hp.n_head; vals[2] = l->hp.n_head_kv; vals[3] = l->hp.n_embd;
    vals[4] = l->hp.head_dim; vals[5] = l->hp.context_length; vals[6] = l->hp.n_ff; vals[7] = l->hp.n_vocab;
    vals[8] = l->hp.expert_count; vals[9] = l->hp.expert_used_count;
    hln_report__out_s(o, "{\n    \"arch\": ");
    hln_report__out_js(o, l->hp.arch);
    for (i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        hln_report__out_s(o, ",\n    ");
        hln_report__out_key(o, names[i]);
        if (vals[i] >= 0) hln_report__out_i(o, vals[i]); else hln_report__out_s(o, "null");
    }
    hln_report__out_s(o, ",\n    \"kv_bytes_per_token_f16\": ");
    if (l->kv_bytes_per_token_f16) hln_report__out_u(o, l->kv_bytes_per_token_f16); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"kv_cache\": [");
    for (k = 0; l->kv_bytes_per_token_f16 && k < HLN_KV_CURVE_POINTS; k++) {
        hln_report__out_s(o, k ? ", " : "");
        hln_report__out_s(o, "{\"context\": ");
        hln_report__out_u(o, l->kv_context[k]);
        hln_report__out_s(o, ", \"bytes\": ");
        hln_report__out_u(o, l->kv_bytes[k]);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, "],\n    \"params_total\": ");
    hln_report__out_u(o, l->params_total);
    hln_report__out_s(o, ",\n    \"params_active\": ");
    hln_report__out_u(o, l->params_active);
    hln_report__out_s(o, ",\n    \"params_experts\": ");
    hln_report__out_u(o, l->params_experts);
    hln_report__out_s(o, "\n  }");
}

static void hln_report__json_io(hln_report__out *o, const hln_model *m, const hln_report_options *ro, const hln_graph *g,
                         const int32_t *list, uint32_t n) {
    uint32_t i;
    for (i = 0; i < n; i++) {
        hln_report__name nm;
        const hln_value *v;
        if (list[i] < 0 || (uint32_t)list[i] >= g->n_values) continue;
        v = &g->values[list[i]];
        hln_report__name_value(ro, g, (uint32_t)list[i], &nm);
        hln_report__out_s(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        hln_report__out_jstr(o, nm.p, nm.n);
        hln_report__out_s(o, ", \"dtype\": ");
        hln_report__out_js(o, hln_report__dtype_name(m, v->dtype));
        hln_report__out_s(o, ", \"shape\": ");
        hln_report__json_shape(o, &v->shape);
        hln_report__out_s(o, "}");
    }
}

static void hln_report__json_value_ref(hln_report__out *o, const hln_report_options *ro, const hln_graph *g, int32_t vi) {
    hln_report__name nm;
    if (vi < 0 || (uint32_t)vi >= g->n_values) { hln_report__out_s(o, "\"\""); return; }
    hln_report__name_value(ro, g, (uint32_t)vi, &nm);
    hln_report__out_jstr(o, nm.p, nm.n);
}

HLN_DEF hln_result hln_report_json(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln_report__out *o;
    hln_summary s;
    hln_llm l;
    uint32_t i;
    hln_report_options def;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    o = hln_report__out_new(write, user);
    if (!o) return HLN_ERR_NOMEM;
    hln_model_summarize(m, &s);
    hln_model_llm(m, &l);

    hln_report__out_s(o, "{\n  \"schema\": \"haoline/1\",\n  \"format\": ");
    hln_report__out_js(o, hln_format_name(m->format));
    hln_report__out_s(o, ",\n  \"file\": ");
    if (ro->redact_names) hln_report__out_s(o, "\"model\""); else hln_report__out_js(o, ro->file_name);
    hln_report__out_s(o, ",\n  \"file_size\": ");
    hln_report__out_u(o, m->n_files ? m->files[0].size : 0);
    hln_report__out_s(o, ",\n  \"version\": ");
    hln_report__out_u(o, m->version);
    hln_report__out_s(o, ",\n  \"byte_order\": ");
    hln_report__out_s(o, m->big_endian ? "\"big\"" : "\"little\"");
    if (m->format == HLN_FORMAT_GGUF || m->format == HLN_FORMAT_SAFETENSORS) {
        hln_report__out_s(o, ",\n  \"alignment\": ");
        hln_report__out_u(o, m->alignment);
        hln_report__out_s(o, ",\n  \"data_offset\": ");
        hln_report__out_u(o, m->n_files ? m->files[0].data_offset : 0);
    }
    hln_report__out_s(o, ",\n  \"kv_count\": ");
    hln_report__out_u(o, m->n_kv);
    if (m->split_count > 1) {
        hln_report__out_s(o, ",\n  \"split\": {\"count\": ");
        hln_report__out_u(o, m->split_count);
        hln_report__out_s(o, ", \"no\": ");
        hln_report__out_u(o, m->n_files ? m->files[0].part : 0);
        hln_report__out_s(o, "}");
    }
    if (ro->redact_names) hln_report__out_s(o, ",\n  \"redacted\": true");
    hln_report__out_s(o, ",\n  \"files\": [");
    for (i = 0; i < m->n_files; i++) {
        hln_report__out_s(o, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
        if (ro->redact_names && m->files[i].path) {
            hln_report__name nm;
            hln_report__name_id(&nm, 'f', i);
            hln_report__out_jstr(o, nm.p, nm.n);
        } else hln_report__out_js(o, m->files[i].path);
        hln_report__out_s(o, ", \"size\": ");
        hln_report__out_u(o, m->files[i].size);
        hln_report__out_s(o, ", \"data_offset\": ");
        hln_report__out_u(o, m->files[i].data_offset);
        hln_report__out_s(o, ", \"part\": ");
        hln_report__out_u(o, m->files[i].part);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, m->n_files ? "\n  ],\n" : "],\n");

    hln_report__out_s(o, "  \"summary\": {\n    \"params\": ");
    hln_report__out_u(o, s.params);
    hln_report__out_s(o, ",\n    \"tensors\": ");
    hln_report__out_u(o, s.n_tensors);
    hln_report__out_s(o, ",\n    \"weight_bytes\": ");
    hln_report__out_u(o, s.weight_bytes);
    hln_report__out_s(o, ",\n    \"bits_per_weight\": ");
    hln_report__out_f(o, s.bits_per_weight);
    hln_report__out_s(o, ",\n    \"dtypes\": {");
    for (i = 0; i < s.n_dtypes; i++) {
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_key(o, hln_report__dtype_name(m, s.dtypes[i].dtype));
        hln_report__out_u(o, s.dtypes[i].tensors);
    }
    hln_report__out_s(o, "},\n    \"dtype_bytes\": {");
    for (i = 0; i < s.n_dtypes; i++) {
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_key(o, hln_report__dtype_name(m, s.dtypes[i].dtype));
        hln_report__out_u(o, s.dtypes[i].bytes);
    }
    hln_report__out_s(o, "}");
    if (ro->graph) {
        const hln_graph_summary *g = ro->graph;
        hln_report__out_s(o, ",\n    \"nodes\": ");
        hln_report__out_u(o, g->nodes);
        hln_report__out_s(o, ",\n    \"nodes_all\": ");
        hln_report__out_u(o, g->nodes_all);
        hln_report__out_s(o, ",\n    \"subgraphs\": ");
        hln_report__out_u(o, g->subgraphs);
        hln_report__out_s(o, ",\n    \"macs\": ");
        hln_report__out_u(o, g->macs);
        hln_report__out_s(o, ",\n    \"flops\": ");
        hln_report__out_u(o, g->flops);
        hln_report__out_s(o, ",\n    \"macs_exact\": ");
        hln_report__out_s(o, g->macs_exact ? "true" : "false");
        hln_report__out_s(o, ",\n    \"initializer_params\": ");
        hln_report__out_u(o, g->initializer_params);
        hln_report__out_s(o, ",\n    \"constant_params\": ");
        hln_report__out_u(o, g->constant_params);
        hln_report__out_s(o, ",\n    \"activation_peak_bytes\": ");
        hln_report__out_u(o, g->activation_peak_bytes);
        hln_report__out_s(o, ",\n    \"ops\": {");
        for (i = 0; i < g->n_ops; i++) {
            hln_report__out_s(o, i ? ", " : "");
            hln_report__out_key(o, g->ops[i].op);
            hln_report__out_u(o, g->ops[i].count);
        }
        hln_report__out_s(o, "},\n    \"unresolved_dims\": [");
        for (i = 0; i < g->n_unresolved; i++) {
            hln_report__out_s(o, i ? ", " : "");
            hln_report__out_js(o, g->unresolved[i]);
        }
        hln_report__out_s(o, "]");
    }
    hln_report__out_s(o, "\n  },\n  \"metadata\": {");
    for (i = 0; i < m->n_kv; i++) {
        const hln_kv *kv = &m->kv[i];
        int keep = hln_report__kv_keep_string(ro, kv->key);
        hln_report__out_s(o, i ? ",\n    " : "\n    ");
        hln_report__out_key(o, kv->key);
        if (kv->type == HLN_KV_ARRAY) { hln_report__json_array(o, &kv->v.a, keep); continue; }
        hln_report__out_s(o, "{\"type\": ");
        hln_report__out_js(o, hln_kv_type_name(kv->type));
        hln_report__out_s(o, ", \"value\": ");
        hln_report__json_kv_value(o, kv, keep);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, m->n_kv ? "\n  },\n  \"llm\": " : "},\n  \"llm\": ");
    if (l.valid) hln_report__json_llm(o, &l); else hln_report__out_s(o, "null");

    if (m->graph) {
        const hln_graph *g = m->graph;
        hln_report__out_s(o, ",\n  \"inputs\": [");
        hln_report__json_io(o, m, ro, g, g->inputs, g->n_inputs);
        hln_report__out_s(o, "],\n  \"outputs\": [");
        hln_report__json_io(o, m, ro, g, g->outputs, g->n_outputs);
        hln_report__out_s(o, "]");
        if (!ro->summary_only) {
            hln_report__out_s(o, ",\n  \"nodes\": [");
            for (i = 0; i < g->n_nodes; i++) {
                const hln_node *n = &g->nodes[i];
                hln_report__name nm;
                uint32_t k;
                hln_report__name_node(ro, g, i, &nm);
                hln_report__out_s(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
                hln_report__out_jstr(o, nm.p, nm.n);
                hln_report__out_s(o, ", \"op\": ");
                hln_report__out_js(o, n->op_type);
                hln_report__out_s(o, ", \"inputs\": [");
                for (k = 0; k < n->n_inputs; k++) {
                    hln_report__out_s(o, k ? ", " : "");
                    hln_report__json_value_ref(o, ro, g, n->inputs[k]);
                }
                hln_report__out_s(o, "], \"outputs\": [");
                for (k = 0; k < n->n_outputs; k++) {
                    hln_report__out_s(o, k ? ", " : "");
                    hln_report__json_value_ref(o, ro, g, n->outputs[k]);
                }
                hln_report__out_s(o, "], \"output_shapes\": [");
                for (k = 0; k < n->n_outputs; k++) {
                    hln_report__out_s(o, k ? ", " : "");
                    if (n->outputs[k] >= 0 && (uint32_t)n->outputs[k] < g->n_values)
                        hln_report__json_shape(o, hln_report__value_shape(ro, &g->values[n->outputs[k]]));
                    else hln_report__out_s(o, "null");
                }
                hln_report__out_s(o, "], \"macs\": ");
                hln_report__out_u(o, n->macs);
                hln_report__out_s(o, ", \"flops\": ");
                hln_report__out_u(o, n->flops);
                hln_report__out_s(o, ", \"params\": ");
                hln_report__out_u(o, n->params);
                hln_report__out_s(o, "}");
            }
            hln_report__out_s(o, g->n_nodes ? "\n  ]" : "]");
        }
    }
    if (!ro->summary_only) {
        hln_report__out_s(o, ",\n  \"tensors\": [");
        for (i = 0; i < m->n_tensors; i++) {
            const hln_tensor *t = &m->tensors[i];
            hln_report__name nm;
            hln_report__name_tensor(ro, m, i, &nm);
            hln_report__out_s(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
            hln_report__out_jstr(o, nm.p, nm.n);
            hln_report__out_s(o, ", \"dtype\": ");
            hln_report__out_js(o, hln_report__dtype_name(m, t->dtype));
            hln_report__out_s(o, ", \"shape\": ");
            hln_report__json_shape_dims(o, t->dims, t->n_dims);
            hln_report__out_s(o, ", \"n_elements\": ");
            hln_report__out_u(o, t->n_elements);
            hln_report__out_s(o, ", \"offset\": ");
            hln_report__out_u(o, t->offset);
            hln_report__out_s(o, ", \"file_offset\": ");
            hln_report__out_u(o, t->file_offset);
            hln_report__out_s(o, ", \"bytes\": ");
            hln_report__out_u(o, t->n_bytes);
            hln_report__out_s(o, ", \"native_type\": ");
            hln_report__out_i(o, t->native_type);
            hln_report__out_s(o, ", \"file\": ");
            hln_report__out_u(o, t->file);
            hln_report__out_s(o, ", \"part\": ");
            hln_report__out_u(o, t->file < m->n_files ? m->files[t->file].part : 0);
            if (t->flags & HLN_TENSOR_CONSTANT) hln_report__out_s(o, ", \"constant\": true");
            if (t->flags & HLN_TENSOR_EXTERNAL) hln_report__out_s(o, ", \"external\": true");
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, m->n_tensors ? "\n  ]" : "]");
    }
    hln_report__out_s(o, "\n}\n");
    return hln_report__out_done(o);
}

/* @@REPORT_PART2@@ */

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_REPORT_IMPLEMENTATION */

/*
   HISTORY
     0.2.0  CSV (tensors, nodes), self-contained HTML (SVG charts, tables, graph view), PNG
            charts through stb_image_write, name redaction.
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
