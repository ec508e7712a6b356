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
       COMPARE / DIFF  hln_report_compare_* (a column per model, deltas against a baseline) and
                 hln_report_diff_* (alignment, "what changed" paragraph, per-tensor error) in
                 JSON, Markdown, CSV and HTML (side by side, added green, removed red, changed
                 yellow); shapes in docs/json.md.
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
       deploy        hardware, estimates, planner, roofline, serving (docs/deploy.md): the
                     JSON keys hardware/estimates/planner/roofline/serving, the HTML
                     "Deployment" charts, hln_report_deploy_text for the terminal; or NULL

   ESCAPING: every string from a model file is untrusted. JSON strings are fully escaped and
   invalid UTF-8 becomes U+FFFD; JSON inside the HTML's <script> also escapes < > & U+2028 and
   U+2029; HTML text escapes & < > " ' and replaces control characters and invalid UTF-8.
   Numbers are written without the C locale's help (a ',' decimal point never appears).

   LIMITS: HLN_REPORT_MAX_SIDE (default 8192) bounds raster charts per side;
   HLN_REPORT_MAX_SUBGRAPH_NODES (default 200000) the nodes of the HTML's subgraph views.

   FUNCTIONS
     hln_report_json / _markdown / _csv / _csv_nodes / _html      one model's report
     hln_report_deploy_text, hln_report_architecture_text          terminal sections
     hln_report_quant_error_json, hln_report_hardware_json         the other verbs' JSON
     hln_report_compare_* / hln_report_diff_*                      two or more models
     hln_report_activations_html                                   compare-activations' page
     hln_report_chart_count / _chart_raster, hln_report_png(_charts)  charts as pixels / PNG
     hln_report_fmt_count / _bytes / _formula / _dims, hln_report_json_string  formatting
   DOES NOT
     run a pass the caller did not (the options carry the graph and analysis results), read a
     file, or trust a string from a model file (everything is escaped).
*/
#ifndef HAOLINE_REPORT_H
#define HAOLINE_REPORT_H

#include "haoline_analysis.h"

#define HAOLINE_REPORT_VERSION_MAJOR 0
#define HAOLINE_REPORT_VERSION_MINOR 2
#define HAOLINE_REPORT_VERSION_PATCH 0

#ifndef HLN_REPORT_MAX_SIDE
#define HLN_REPORT_MAX_SIDE 8192
#endif
#ifndef HLN_REPORT_MAX_SUBGRAPH_NODES
#define HLN_REPORT_MAX_SUBGRAPH_NODES 200000   /* HTML: nodes of all the subgraph views together */
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Deployment (docs/deploy.md): what `--hardware` and the planner flags ask of a report. */
typedef struct hln_report_deploy {
    const hln_hw_profile *const *hw;  /* the chosen devices, in order */
    uint32_t                 n_hw;
    const hln_hw_list       *all;     /* every profile (system requirements), or NULL */
    hln_plan_options         plan;
    uint64_t                 context; /* 0: the model's context, at most 4096 */
    uint64_t                 batch;   /* estimates at 1, 2, 4, ... batch; 0: up to 256, those that fit */
    uint32_t                 n_budgets;              /* --memory values */
    const char *const       *budget_names;           /* as given ("4GB") */
    const uint64_t          *budget_bytes;
    double                   target_latency_s;       /* 0: no system requirements */
} hln_report_deploy;

typedef struct hln_report_options {
    const char              *file_name;     /* shown as "file" */
    int                      summary_only;  /* 1: no per-tensor / per-node lists */
    const hln_graph_summary *graph;         /* graph analysis results, or NULL */
    int                      redact_names;  /* 1: names become ids (t12, n45, v7, g3) */
    const hln_weight_stats  *weights;       /* m->n_tensors value statistics (--weights), or NULL */
    const hln_report_deploy *deploy;        /* hardware, estimates, planner, roofline; or NULL */
    const hln_analysis      *analysis;      /* hln_model_analyze results (architecture, blocks, risks,
                                               quantization, efficiency), or NULL */
} hln_report_options;

HLN_DEF hln_result hln_report_json(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_markdown(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
/* name,dtype,shape,n_elements,bytes,offset: one row per tensor */
HLN_DEF hln_result hln_report_csv(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
/* name,op,inputs,outputs,output_shapes,macs,flops,params: one row per top-level node (header
   only for a model without a graph) */
HLN_DEF hln_result hln_report_csv_nodes(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_html(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
/* `haoline quant-error --json`: rows[i] for tensor i (hln_model_quant_error), and the total. */
HLN_DEF hln_result hln_report_quant_error_json(const hln_model *m, const hln_report_options *o, const char *type_name,
                                               const hln_quant_error *rows, const hln_quant_error *total,
                                               hln_write_fn write, void *user);

/* `haoline hardware --json`: a bare list of profiles with their sources. */
HLN_DEF hln_result hln_report_hardware_json(const hln_hw_profile *const *list, uint32_t n, hln_write_fn write, void *user);
/* The "deployment" section of the terminal summary (needs o->deploy). */
HLN_DEF hln_result hln_report_deploy_text(const hln_model *m, const hln_report_options *o, hln_write_fn write, void *user);
/* The one-line architecture paragraph ("decoder-only-llm; transformer layer x24; attention GQA
   32 heads / 8 KV heads ..."), as the terminal and the Markdown card print it. Returns its length. */
HLN_DEF size_t hln_report_architecture_text(const hln_analysis *a, char *buf, size_t cap);

/* Number formatting shared by every report, one convention: counts and rates take decimal SI
   prefixes ("1.48 M", "70.55 G": k M G T, never "B"), bytes binary ones ("885.1 KiB", "512 B"). */
HLN_DEF void hln_report_fmt_count(char *buf, size_t cap, double v);
HLN_DEF void hln_report_fmt_bytes(char *buf, size_t cap, double bytes);
/* The graph's MACs formula as text ("2,048·batch·seq² + 32,768·batch·seq"), "" when none;
   the dims with their values and where they came from ("batch=1 (default: batch), seq=64
   (the model's context)"). */
HLN_DEF void hln_report_fmt_formula(char *buf, size_t cap, const hln_graph_summary *g);
HLN_DEF void hln_report_fmt_dims(char *buf, size_t cap, const hln_graph_summary *g);

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

/* ---- compare and diff reports -----------------------------------------------------------------
   `haoline compare`: one column per model (argument order), deltas and ratios against a
   baseline. `haoline diff`: the alignment of hln_model_diff, and with hln_diff_weights the
   per-tensor error. JSON shapes in docs/json.md ("report": "compare" / "diff"). */
typedef struct hln_report_compare_input {
    const hln_model *const *models;   /* n models */
    const hln_model_facts  *facts;    /* n facts, from hln_model_facts_collect */
    const char *const      *files;    /* n names as shown */
    uint32_t                n, baseline;
    const hln_report_deploy *deploy;  /* --hardware: estimates per model (JSON "estimates", a table
                                         row per device at batch 1 or deploy->batch); or NULL */
} hln_report_compare_input;
/* The table's rows (format, parameters, weight bytes, ..., then one per device of c->deploy):
   names and one cell as text (with "(+x%, 0.50x)" against the baseline when with_delta and the
   row is a number). A row name may be written into buf (cap bytes), which is then returned. */
HLN_DEF uint32_t    hln_report_compare_rows(const hln_report_compare_input *c);
HLN_DEF const char *hln_report_compare_row_name(const hln_report_compare_input *c, uint32_t row, char *buf, size_t cap);
HLN_DEF void        hln_report_compare_cell(const hln_report_compare_input *c, uint32_t model, uint32_t row,
                                            int with_delta, char *buf, size_t cap);
HLN_DEF hln_result hln_report_compare_json(const hln_report_compare_input *c, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_compare_markdown(const hln_report_compare_input *c, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_compare_csv(const hln_report_compare_input *c, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_compare_html(const hln_report_compare_input *c, hln_write_fn write, void *user);

typedef struct hln_report_diff_input {
    const hln_model *a, *b;
    const hln_diff  *diff;            /* hln_model_diff (and hln_diff_weights) of a and b */
    const char      *file_a, *file_b; /* names as shown */
} hln_report_diff_input;
/* The "what changed" paragraph; returns its length (truncated to cap - 1). */
HLN_DEF size_t     hln_report_diff_summary(const hln_report_diff_input *x, char *buf, size_t cap);
HLN_DEF hln_result hln_report_diff_json(const hln_report_diff_input *x, hln_write_fn write, void *user);
HLN_DEF hln_result hln_report_diff_markdown(const hln_report_diff_input *x, hln_write_fn write, void *user);
/* name_a,name_b,status,match,dtype_a,dtype_b,shape_a,shape_b,bytes_a,bytes_b,rmse,max_abs_err,snr_db,cosine */
HLN_DEF hln_result hln_report_diff_csv(const hln_report_diff_input *x, hln_write_fn write, void *user);
/* Tensor lists (and graph nodes, metadata) side by side: added green, removed red, changed
   yellow; a bar chart of the tensors that moved most when the weights were compared. */
HLN_DEF hln_result hln_report_diff_html(const hln_report_diff_input *x, hln_write_fn write, void *user);
/* A string as a JSON string literal (quotes, escapes, U+FFFD for invalid UTF-8): for callers
   that compose their own JSON lines (haoline scan). */
HLN_DEF hln_result hln_report_json_string(const char *s, hln_write_fn write, void *user);
/* ---- compare-activations (haoline_exec.h's two runs): one self-contained HTML page ----------
   Per-layer divergence bars (relative RMSE = RMSE / rms(A) = 10^(-SNR/20), the SNR as the
   label, the threshold as a line), FP32 (A) and quantized (B) histograms of chosen layers
   overlaid, and a divergence heatmap on A's graph view (the layered layout of
   hln_report_html; a node's colour is the SNR of its first aligned output). The numbers are
   embedded as JSON in <script type="application/json" id="haoline-activations"> (shape in
   docs/json.md), the same values the CLI's --json prints. */
typedef struct hln_report_act_layer {
    const char *name_a, *name_b, *op;
    int32_t     node;          /* A's main-graph node that produced it, -1 unknown */
    int         by_name;       /* aligned by name (else by op position) */
    uint64_t    elements;
    double      rmse, max_abs, cosine, snr_db;
} hln_report_act_layer;
typedef struct hln_report_act_hist {
    uint32_t        layer;     /* index into layers */
    double          lo, hi;    /* the common range of A's and B's finite values */
    uint32_t        n_bins;
    const uint64_t *a, *b;     /* n_bins counts each, equal bins over [lo, hi] */
} hln_report_act_hist;
typedef struct hln_report_activations_input {
    const hln_model *a;        /* model A (its graph is the heatmap's view); may have no graph */
    const char      *file_a, *file_b;
    int              a_bypass_qdq;
    double           threshold_db;
    const hln_report_act_layer *layers;
    uint32_t         n_layers;
    int32_t          first, worst;   /* indices into layers, -1 none */
    const hln_report_act_hist *hists;
    uint32_t         n_hists;
} hln_report_activations_input;
HLN_DEF hln_result hln_report_activations_html(const hln_report_activations_input *x, hln_write_fn write, void *user);
/* ---- end of compare and diff reports ---- */

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
#include <stdarg.h>   /* the bounded text appender */
#include <math.h>     /* pow: compare-activations bars */

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
    int          failed;    /* a write failed: HLN_ERR_IO */
    int          nomem;     /* a section ran out of memory: HLN_ERR_NOMEM */
    int          script;
    uint64_t     total;
    const hln_model *m;   /* whose allocator the sink came from (NULL: libc) */
    char         buf[65536];
} hln_report__out;

/* Every allocation goes through the model's allocator (hln_model_create's), libc without one. */
#define HLN_REPORT__ALLOC(m, n) hln_allocator_alloc((m) ? &(m)->arena.allocator : NULL, (n))
#define HLN_REPORT__FREE(m, p) hln_allocator_free((m) ? &(m)->arena.allocator : NULL, (p))

static hln_report__out *hln_report__out_new(const hln_model *m, hln_write_fn write, void *user) {
    hln_report__out *o = (hln_report__out *)HLN_REPORT__ALLOC(m, sizeof *o);
    if (!o) return NULL;
    o->m = m;
    o->write = write;
    o->user = user;
    o->len = 0;
    o->failed = 0;
    o->nomem = 0;
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
    r = o->nomem ? HLN_ERR_NOMEM : o->failed ? HLN_ERR_IO : HLN_OK;
    HLN_REPORT__FREE(o->m, o);
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
            !(o->script && (c == '<' || c == '>' || c == '&' || c == 0x7F))) { i++; run++; continue; }
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
            else if (o->script && n == 2 && c == 0xC2 && u[i + 1] < 0xA0) {   /* C1 controls are not HTML text */
                char esc[8];
                snprintf(esc, sizeof esc, "\\u%04x", u[i + 1]);
                hln_report__out_put(o, esc, 6);
            }
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

/* Byte length of the first n code points of s (continuation bytes are not counted). */
static uint64_t hln_report__utf8_prefix(const char *s, uint64_t len, uint64_t n) {
    uint64_t i = 0, chars = 0;
    for (; i < len; i++) {
        if (((uint8_t)s[i] & 0xC0) == 0x80) continue;
        if (chars++ == n) return i;
    }
    return len;
}
static void hln_report__out_html_text(hln_report__out *o, const char *s, uint64_t len);
/* HTML text and attribute values; at most max_chars code points, elided in the middle (the
   start and the distinguishing end of a long name stay, so rows never become identical). */
static void hln_report__out_html_n(hln_report__out *o, const char *s, uint64_t len, uint64_t max_chars) {
    uint64_t chars = 0, i, head, tail;
    for (i = 0; i < len; i++) chars += ((uint8_t)s[i] & 0xC0) != 0x80;
    if (chars <= max_chars || max_chars < 3) { hln_report__out_html_text(o, s, chars <= max_chars ? len : hln_report__utf8_prefix(s, len, max_chars)); return; }
    head = (max_chars - 1) / 3;
    tail = max_chars - 1 - head;
    hln_report__out_html_text(o, s, hln_report__utf8_prefix(s, len, head));
    hln_report__out_s(o, "\xe2\x80\xa6");
    i = hln_report__utf8_prefix(s, len, chars - tail);
    hln_report__out_html_text(o, s + i, len - i);
}
static void hln_report__out_html_text(hln_report__out *o, const char *s, uint64_t len) {
    uint64_t i = 0, run = 0;
    const uint8_t *u = (const uint8_t *)s;
    while (i < len) {
        uint8_t c = u[i];
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
    if (s) hln_report__out_html_text(o, s, strlen(s));
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
    static const char *const unit[] = { "", " k", " M", " G", " T" };   /* SI: never "B", which is bytes */
    int u = 0;
    while (v >= 1000.0 && u < 4) { v /= 1000.0; u++; }
    snprintf(buf, cap, u ? "%.2f%s" : "%.0f%s", v, unit[u]);
    for (; *buf; buf++) if (*buf == ',') *buf = '.';
}
static size_t hln_report__cat(char *buf, size_t cap, size_t n, const char *s) {
    size_t l = strlen(s);
    if (n >= cap) return n;
    if (l >= cap - n) l = cap - n - 1;
    memcpy(buf + n, s, l);
    buf[n + l] = 0;
    return n + l;
}
/* 1234567 -> "1,234,567"; other values in the fewest digits that read back the same */
static void hln_report__coef(char *buf, size_t cap, double v) {
    char d[32];
    size_t n = 0, k, len;
    int prec;
    if (v != (double)(int64_t)v || v > 9e15 || v < -9e15) {
        for (prec = 6; prec <= 17; prec++) {
            snprintf(buf, cap, "%.*g", prec, v);
            if (strtod(buf, NULL) == v) break;
        }
        for (; *buf; buf++) if (*buf == ',') *buf = '.';
        return;
    }
    len = (size_t)snprintf(d, sizeof d, "%lld", (long long)(v < 0 ? -v : v));
    buf[0] = 0;
    for (k = 0; k < len && n + 2 < cap; k++) {
        if (k && (len - k) % 3 == 0) buf[n++] = ',';
        buf[n++] = d[k];
    }
    buf[n] = 0;
}
HLN_DEF void hln_report_fmt_formula(char *buf, size_t cap, const hln_graph_summary *g) {
    static const char *const sup[] = { "", "", "\xc2\xb2", "\xc2\xb3" };
    uint32_t t, i;
    size_t n = 0;
    if (!cap) return;
    buf[0] = 0;
    if (!g || !g->formula_exact) return;
    if (!g->n_macs_terms) { hln_report__cat(buf, cap, 0, "0"); return; }
    for (t = 0; t < g->n_macs_terms; t++) {
        const hln_cost_term *x = &g->macs_formula[t];
        char c[48];
        int constant = 1, shown;
        for (i = 0; i < g->n_formula_dims; i++) constant &= x->powers[i] == 0;
        n = hln_report__cat(buf, cap, n, t ? (x->coef < 0 ? " \xe2\x88\x92 " : " + ") : (x->coef < 0 ? "\xe2\x88\x92" : ""));
        hln_report__coef(c, sizeof c, x->coef < 0 ? -x->coef : x->coef);
        shown = constant || strcmp(c, "1") != 0;   /* a coefficient 1 is left out */
        if (shown) n = hln_report__cat(buf, cap, n, c);
        for (i = 0; i < g->n_formula_dims; i++) {
            if (!x->powers[i]) continue;
            if (shown) n = hln_report__cat(buf, cap, n, "\xc2\xb7");
            shown = 1;
            n = hln_report__cat(buf, cap, n, g->formula_dims[i]);
            if (x->powers[i] < 4) n = hln_report__cat(buf, cap, n, sup[x->powers[i]]);
            else { snprintf(c, sizeof c, "^%u", x->powers[i]); n = hln_report__cat(buf, cap, n, c); }
        }
    }
}
HLN_DEF void hln_report_fmt_dims(char *buf, size_t cap, const hln_graph_summary *g) {
    uint32_t i;
    size_t n = 0;
    if (!cap) return;
    buf[0] = 0;
    for (i = 0; g && i < g->n_dims; i++) {
        static const char *const why[] = { "given", "default: batch", "the model's context", "default: sequence",
                                           "default: image side", "default" };
        char v[128];
        snprintf(v, sizeof v, "%s%.40s=%lld (%s)", i ? ", " : "", g->dims[i].name, (long long)g->dims[i].value,
                 why[(unsigned)g->dims[i].source <= HLN_DIM_OTHER ? g->dims[i].source : HLN_DIM_OTHER]);
        n = hln_report__cat(buf, cap, n, v);
    }
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

/* ---- deployment: hardware, estimates, planner, roofline (docs/deploy.md) ------------------- */
/* Everything a report says about one model's deployment, computed once. */
#define HLN_REPORT__MAX_BATCHES 10   /* 1, 2, 4, ... 512 */
typedef struct hln_report__dep {
    const hln_report_deploy *o;
    hln_deploy_model d;
    uint64_t context;                /* the context of the estimates */
    uint32_t n_batches;
    uint64_t batches[HLN_REPORT__MAX_BATCHES];
} hln_report__dep;

static hln_result hln_report__dep_init(hln_report__dep *p, const hln_model *m, const hln_report_options *ro) {
    const hln_report_deploy *o = ro->deploy;
    uint64_t b, cap = o->batch ? o->batch : 256;
    memset(p, 0, sizeof *p);
    p->o = o;
    if (hln_deploy_model_init(m, ro->graph, &p->d) != HLN_OK) return HLN_ERR_NOMEM;
    p->context = o->context ? o->context : p->d.context_length && p->d.context_length < 4096 ? p->d.context_length : 4096;
    if (!p->d.llm) p->context = 0;
    for (b = 1; b <= cap && p->n_batches < HLN_REPORT__MAX_BATCHES - 1; b *= 2) p->batches[p->n_batches++] = b;
    if (p->batches[p->n_batches - 1] != cap) p->batches[p->n_batches++] = cap;
    return HLN_OK;
}
/* The batches reported on a device: the given ones, or (no --batch) those that fit, at least 1. */
static int hln_report__dep_batch_shown(const hln_report__dep *p, const hln_hw_profile *hw, uint32_t i) {
    hln_estimate e;
    if (p->o->batch || i == 0) return 1;
    hln_estimate_run(&p->d, hw, &p->o->plan, p->context, p->batches[i], &e);
    return e.fits;
}
static void hln_report__fmt_gb(char *buf, size_t cap, double bytes) {
    snprintf(buf, cap, bytes >= 1e9 ? "%.1f GB" : bytes >= 1e6 ? "%.1f MB" : "%.0f KB", bytes >= 1e9 ? bytes / 1e9 : bytes >= 1e6 ? bytes / 1e6 : bytes / 1e3);
    for (; *buf; buf++) if (*buf == ',') *buf = '.';
}
/* `, "key": v` with a number (negative: null) or an unsigned integer */
static void hln_report__jnum(hln_report__out *o, const char *key, double v) {
    hln_report__out_s(o, ", \"");
    hln_report__out_s(o, key);
    hln_report__out_s(o, "\": ");
    if (v < 0) hln_report__out_s(o, "null"); else hln_report__out_f(o, v);
}
static void hln_report__ju(hln_report__out *o, const char *key, uint64_t v) {
    hln_report__out_s(o, ", \"");
    hln_report__out_s(o, key);
    hln_report__out_s(o, "\": ");
    hln_report__out_u(o, v);
}

/* {name, ..., peak_tflops {...}}: full adds kind, tf32, tdp_w and sources (haoline hardware --json). */
static void hln_report__json_hw(hln_report__out *o, const hln_hw_profile *p, int full) {
    uint32_t k;
    hln_report__out_s(o, "{\"name\": ");
    hln_report__out_js(o, p->name);
    if (full) { hln_report__out_s(o, ", \"kind\": "); hln_report__out_js(o, hln_hw_kind_name(p->kind)); }
    hln_report__out_s(o, ", \"memory_bytes\": ");
    if (p->memory_bytes) hln_report__out_u(o, p->memory_bytes); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ", \"bandwidth_gb_per_s\": ");
    if (p->bandwidth_gb_per_s > 0) hln_report__out_f(o, p->bandwidth_gb_per_s); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ", \"peak_tflops\": {");
    for (k = 0; k < HLN_PREC_COUNT; k++) {
        if (k == HLN_PREC_TF32 && !full) continue;
        hln_report__out_s(o, k ? ", " : "");
        hln_report__out_key(o, hln_prec_name((hln_prec)k));
        if (p->peak[k] > 0) hln_report__out_f(o, p->peak[k]); else hln_report__out_s(o, "null");
    }
    hln_report__out_s(o, "}");
    if (full) {
        hln_report__out_s(o, ", \"tdp_w\": ");
        if (p->tdp_w > 0) hln_report__out_f(o, p->tdp_w); else hln_report__out_s(o, "null");
        hln_report__out_s(o, ", \"sources\": [");
        for (k = 0; k < HLN_HW_MAX_SOURCES && p->sources[k]; k++) {
            if (k) hln_report__out_s(o, ", ");
            hln_report__out_js(o, p->sources[k]);
        }
        hln_report__out_s(o, "]");
    }
    hln_report__out_s(o, "}");
}

HLN_DEF hln_result hln_report_hardware_json(const hln_hw_profile *const *list, uint32_t n, hln_write_fn write, void *user) {
    hln_report__out *o = hln_report__out_new(NULL, write, user);
    uint32_t i;
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_s(o, "[");
    for (i = 0; i < n; i++) {
        hln_report__out_s(o, i ? ",\n  " : "\n  ");
        hln_report__json_hw(o, list[i], 1);
    }
    hln_report__out_s(o, n ? "\n]\n" : "]\n");
    return hln_report__out_done(o);
}

/* Roofline points of one device, allocated here (NULL when none, or out of memory: o->nomem): the nodes
   (or decoder layers), then, for a graph model whose analysis found blocks, one point per block
   instance, whose index is renumbered 1, 2, ... within its kind ("residual block 3"). */
static hln_roof_point *hln_report__dep_roof(hln_report__out *o, const hln_report__dep *p, const hln_model *m, const hln_report_options *ro,
                                            const hln_hw_profile *hw, uint32_t *n, double *ridge) {
    hln_roof_point *pts;
    const hln_analysis *an = m->graph && ro->analysis && ro->analysis->node_instance ? ro->analysis : NULL;
    uint32_t total = hln_roofline(m, &p->d, hw, p->o->plan.kv_type, p->context, 1, NULL, 0, ridge), nb = an ? an->n_instances : 0, i;
    uint32_t *seen;
    *n = 0;
    if (!total) return NULL;
    if (!(pts = (hln_roof_point *)HLN_REPORT__ALLOC(m, ((size_t)total + nb) * sizeof *pts))) { o->nomem = 1; return NULL; }
    *n = hln_roofline(m, &p->d, hw, p->o->plan.kv_type, p->context, 1, pts, total, ridge);
    if (!nb || !an->n_blocks) return pts;
    if (!(seen = (uint32_t *)HLN_REPORT__ALLOC(m, (size_t)an->n_blocks * sizeof *seen))) { o->nomem = 1; return pts; }
    memset(seen, 0, (size_t)an->n_blocks * sizeof *seen);
    nb = hln_roofline_blocks(an, &p->d, hw, pts, *n, pts + *n, nb);
    for (i = 0; i < nb; i++) {
        uint32_t b = an->instances[i].block;
        pts[*n + i].index = b < an->n_blocks ? ++seen[b] : i + 1;
    }
    HLN_REPORT__FREE(m, seen);
    *n += nb;
    return pts;
}
static void hln_report__roof_name(hln_report__out *o, const hln_report_options *ro, const hln_model *m, const hln_roof_point *pt, int json) {
    hln_report__name nm;
    char block[160];
    if (pt->block) {   /* "residual block 3" */
        int k = snprintf(block, sizeof block, "%.120s %" PRIu32 "", pt->name ? pt->name : "block", pt->index);
        nm.p = block;
        nm.n = k > 0 ? (size_t)k : 0;
    } else if (m->graph && m->graph->n_nodes) {
        hln_report__name_node(ro, m->graph, pt->index, &nm);
        if (!nm.n) hln_report__name_str(&nm, m->graph->nodes[pt->index].op_type);   /* unnamed: its op */
    } else { nm.n = (size_t)snprintf(nm.buf, sizeof nm.buf, "blk.%" PRIu32 "", pt->index); nm.p = nm.buf; }
    if (json) hln_report__out_jstr(o, nm.p, nm.n); else hln_report__out_html_n(o, nm.p, nm.n, 80);
}

/* System requirements (docs/deploy.md): among every profile, the one with the lowest power
   (unknown power last) that fits and meets the latency target at batch 1, and the one that
   meets half of it. A decoder's latency is one decode step. */
static void hln_report__sysreq(const hln_report__dep *p, const hln_hw_list *all, const hln_hw_profile **mn, const hln_hw_profile **rec) {
    uint32_t i;
    double t = p->o->target_latency_s, wmn = 0, wrec = 0;
    for (i = 0; i < all->n; i++) {
        hln_estimate e;
        double w;
        hln_estimate_run(&p->d, &all->items[i], &p->o->plan, p->context, 1, &e);
        if (!e.fits || e.latency_s < 0 || e.latency_s > t) continue;
        w = all->items[i].tdp_w > 0 ? all->items[i].tdp_w : 1e12;
        if (!*mn || w < wmn) { *mn = &all->items[i]; wmn = w; }
        if (e.latency_s <= t / 2 && (!*rec || w < wrec)) { *rec = &all->items[i]; wrec = w; }
    }
}

/* [{hardware, precision, batch, ...}]: each device at each batch shown (docs/deploy.md). */
static void hln_report__json_estimates(hln_report__out *o, const hln_report__dep *p) {
    const hln_report_deploy *dp = p->o;
    uint32_t i, j, first = 1;
    hln_report__out_s(o, "[");
    for (i = 0; i < dp->n_hw; i++)
        for (j = 0; j < p->n_batches; j++) {
            hln_estimate e;
            if (!hln_report__dep_batch_shown(p, dp->hw[i], j)) continue;
            hln_estimate_run(&p->d, dp->hw[i], &dp->plan, p->context, p->batches[j], &e);
            hln_report__out_s(o, first ? "\n    {\"hardware\": " : ",\n    {\"hardware\": ");
            first = 0;
            hln_report__out_js(o, dp->hw[i]->name);
            hln_report__out_s(o, ", \"precision\": ");
            hln_report__out_js(o, hln_prec_name(e.prec));
            hln_report__ju(o, "batch", e.batch);
            hln_report__jnum(o, "context", p->d.llm ? (double)e.context : -1);
            hln_report__jnum(o, "prompt_tokens", p->d.llm ? (double)e.prompt_tokens : -1);
            hln_report__jnum(o, "ttft_s", e.ttft_s);
            hln_report__jnum(o, "ttft_s_bound", e.ttft_s_bound);
            hln_report__jnum(o, "decode_tokens_per_s", e.decode_tokens_per_s);
            hln_report__jnum(o, "decode_tokens_per_s_bound", e.decode_tokens_per_s_bound);
            hln_report__jnum(o, "latency_s", e.latency_s);
            hln_report__jnum(o, "latency_s_bound", e.latency_s_bound);
            hln_report__jnum(o, "comm_s", p->d.llm ? e.comm_s : -1);
            hln_report__out_s(o, ", \"bound\": ");
            hln_report__out_s(o, e.latency_s_bound < 0 ? "null" : e.compute_bound ? "\"compute\"" : "\"memory\"");
            hln_report__ju(o, "total_bytes", e.total_bytes);
            hln_report__out_s(o, ", \"fits\": ");
            hln_report__out_s(o, dp->hw[i]->memory_bytes ? (e.fits ? "true" : "false") : "null");
            if (!p->d.llm) {
                uint64_t cb = hln_estimate_compute_bound_batch(&p->d, dp->hw[i]);
                hln_report__jnum(o, "compute_bound_batch", cb ? (double)cb : -1);
            }
            hln_report__out_s(o, "}");
        }
    hln_report__out_s(o, first ? "]" : "\n  ]");
}

static void hln_report__json_deploy(hln_report__out *o, const hln_model *m, const hln_report_options *ro) {
    hln_report__dep p;
    const hln_report_deploy *dp = ro->deploy;
    uint32_t i, j, k, first = 1;
    if (hln_report__dep_init(&p, m, ro) != HLN_OK) { o->nomem = 1; return; }
    hln_report__out_s(o, ",\n  \"hardware\": [");
    for (i = 0; i < dp->n_hw; i++) {
        hln_report__out_s(o, i ? ",\n    " : "\n    ");
        hln_report__json_hw(o, dp->hw[i], 0);
    }
    hln_report__out_s(o, dp->n_hw ? "\n  ],\n  \"estimates\": " : "],\n  \"estimates\": ");
    hln_report__json_estimates(o, &p);
    hln_report__out_s(o, ",\n  \"planner\": ");
    if (!p.d.llm) hln_report__out_s(o, "null");
    else {
        hln_plan pl;
        uint64_t batch = dp->batch ? dp->batch : 1;
        hln_report__out_s(o, "{\"kv_type\": ");
        hln_report__out_js(o, hln_cache_type_name(dp->plan.kv_type));
        hln_report__ju(o, "context", p.context);
        hln_report__ju(o, "batch", batch);
        hln_report__ju(o, "n_devices", dp->plan.n_devices ? dp->plan.n_devices : 1);
        hln_report__jnum(o, "link_gb_per_s", dp->plan.link_gb_per_s > 0 ? dp->plan.link_gb_per_s : 31.5);
        hln_report__jnum(o, "link_latency_s", dp->plan.link_latency_s > 0 ? dp->plan.link_latency_s : 5.7e-6);
        hln_report__jnum(o, "allreduce_bytes_per_token", hln_tp_allreduce_bytes(&p.d, 1, dp->plan.n_devices));
        hln_report__jnum(o, "allreduce_messages_per_step", hln_tp_allreduce_messages(&p.d, dp->plan.n_devices));
        if (hln_plan_memory(&p.d, &dp->plan, p.context, batch, &pl)) {
            hln_report__ju(o, "weight_bytes", pl.weight_bytes);
            hln_report__ju(o, "kv_bytes", pl.kv_bytes);
            hln_report__ju(o, "kv_waste_bytes", pl.kv_waste_bytes);
            hln_report__ju(o, "workspace_bytes", pl.workspace_bytes);
            hln_report__ju(o, "overhead_bytes", pl.overhead_bytes);
            hln_report__ju(o, "total_bytes", pl.total_bytes);
            hln_report__ju(o, "per_device_bytes", pl.per_device_bytes);
        }
        hln_report__out_s(o, ",\n    \"kv_bytes_per_token\": {");
        for (k = 0; k < HLN_CACHE_TYPE_COUNT; k++) {
            static const hln_cache_type order[HLN_CACHE_TYPE_COUNT] = { HLN_CACHE_F32, HLN_CACHE_F16, HLN_CACHE_BF16, HLN_CACHE_Q8_0,
                                                                       HLN_CACHE_Q4_0, HLN_CACHE_U8, HLN_CACHE_NF4 };
            hln_report__out_s(o, k ? ", " : "");
            hln_report__out_key(o, hln_cache_type_name(order[k]));
            hln_report__out_u(o, hln_kv_bytes_per_token(&p.d, order[k]));
        }
        hln_report__out_s(o, "},\n    \"max_context\": {");
        for (k = 0; k < dp->n_budgets; k++) {
            hln_report__out_s(o, k ? ", " : "");
            hln_report__out_key(o, dp->budget_names[k]);
            hln_report__out_u(o, hln_plan_max_context(&p.d, &dp->plan, dp->budget_bytes[k], batch));
        }
        hln_report__out_s(o, "},\n    \"fits\": [");
        for (k = 0; k < HLN_FITS_BUDGETS; k++) {
            uint64_t budget = hln_fits_budget(k);
            int ok = hln_plan_memory(&p.d, &dp->plan, p.context, batch, &pl);
            hln_report__out_s(o, k ? ",\n      {\"memory_bytes\": " : "\n      {\"memory_bytes\": ");
            hln_report__out_u(o, budget);
            hln_report__ju(o, "context", p.context);
            hln_report__ju(o, "batch", batch);
            hln_report__out_s(o, ", \"fits\": ");
            hln_report__out_s(o, ok && pl.per_device_bytes <= budget ? "true" : "false");
            hln_report__ju(o, "total_bytes", ok ? pl.per_device_bytes : UINT64_MAX);
            hln_report__ju(o, "max_context", hln_plan_max_context(&p.d, &dp->plan, budget, batch));
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, "\n    ],\n    \"offload\": [");
        for (i = 0; i < dp->n_hw; i++) {
            hln_report__out_s(o, i ? ", {\"hardware\": " : "{\"hardware\": ");
            hln_report__out_js(o, dp->hw[i]->name);
            hln_report__jnum(o, "gpu_layers", dp->hw[i]->memory_bytes ? (double)hln_plan_offload_layers(&p.d, &dp->plan, dp->hw[i]->memory_bytes, p.context, batch) : -1);
            hln_report__ju(o, "n_layer", p.d.n_layer);
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, "]}");
    }
    hln_report__out_s(o, ",\n  \"roofline\": [");
    first = 1;
    for (i = 0; i < dp->n_hw; i++) {
        uint32_t n;
        double ridge;
        hln_roof_point *pts = hln_report__dep_roof(o, &p, m, ro, dp->hw[i], &n, &ridge);
        for (j = 0; j < n; j++) {
            hln_report__out_s(o, first ? "\n    {\"hardware\": " : ",\n    {\"hardware\": ");
            first = 0;
            hln_report__out_js(o, dp->hw[i]->name);
            hln_report__out_s(o, ", \"node_or_block\": ");
            hln_report__roof_name(o, ro, m, &pts[j], 1);
            hln_report__out_s(o, pts[j].block || !m->graph || !m->graph->n_nodes ? ", \"kind\": \"block\"" : ", \"kind\": \"node\"");
            hln_report__out_s(o, ", \"precision\": ");
            hln_report__out_js(o, hln_prec_name(pts[j].prec));
            hln_report__jnum(o, "intensity", pts[j].intensity);
            hln_report__jnum(o, "ridge_flop_per_byte", dp->hw[i]->bandwidth_gb_per_s > 0 && hln_hw_peak(dp->hw[i], pts[j].prec) > 0
                                                          ? hln_hw_peak(dp->hw[i], pts[j].prec) * 1e3 / dp->hw[i]->bandwidth_gb_per_s : -1);
            hln_report__out_s(o, pts[j].compute_bound ? ", \"bound\": \"compute\"" : ", \"bound\": \"memory\"");
            hln_report__jnum(o, "time_s", pts[j].time_s);
            hln_report__out_s(o, "}");
        }
        HLN_REPORT__FREE(m, pts);
    }
    hln_report__out_s(o, first ? "]" : "\n  ]");
    {
        hln_serving sv[HLN_SERVING_RUNTIMES];
        hln_serving_check(m, sv);
        hln_report__out_s(o, ",\n  \"serving\": [");
        for (i = 0; i < HLN_SERVING_RUNTIMES; i++) {
            hln_report__out_s(o, i ? ",\n    {\"runtime\": " : "\n    {\"runtime\": ");
            hln_report__out_js(o, sv[i].runtime);
            hln_report__out_s(o, sv[i].supported > 0 ? ", \"supported\": true" : sv[i].supported == 0 ? ", \"supported\": false" : ", \"supported\": null");
            hln_report__out_s(o, ", \"note\": ");
            hln_report__out_js(o, sv[i].note);
            hln_report__out_s(o, ", \"min_version\": ");
            if (sv[i].min_version[0]) hln_report__out_js(o, sv[i].min_version); else hln_report__out_s(o, "null");
            hln_report__out_s(o, sv[i].convertible > 0 ? ", \"convertible\": true}" : sv[i].convertible == 0 ? ", \"convertible\": false}" : ", \"convertible\": null}");
        }
        hln_report__out_s(o, "\n  ]");
    }
    if (dp->target_latency_s > 0 && dp->all) {
        const hln_hw_profile *mn = NULL, *rec = NULL;
        hln_report__sysreq(&p, dp->all, &mn, &rec);
        hln_report__out_s(o, ",\n  \"system_requirements\": {\"target_latency_s\": ");
        hln_report__out_f(o, dp->target_latency_s);
        hln_report__out_s(o, ", \"minimum\": ");
        if (mn) hln_report__out_js(o, mn->name); else hln_report__out_s(o, "null");
        hln_report__out_s(o, ", \"recommended\": ");
        if (rec) hln_report__out_js(o, rec->name); else hln_report__out_s(o, "null");
        hln_report__out_s(o, "}");
    }
}

/* ---- deployment as text: the "deployment" section of `haoline inspect` ---- */
static void hln_report__text_time(char *buf, size_t cap, double s) {
    if (s < 0) snprintf(buf, cap, "?");
    else if (s >= 1) snprintf(buf, cap, "%.2f s", s);
    else if (s >= 1e-3) snprintf(buf, cap, "%.2f ms", s * 1e3);
    else snprintf(buf, cap, "%.1f us", s * 1e6);
    for (; *buf; buf++) if (*buf == ',') *buf = '.';
}
static void hln_report__text_planner(hln_report__out *o, const hln_report__dep *p) {
    const hln_report_deploy *dp = p->o;
    uint64_t batch = dp->batch ? dp->batch : 1;
    char a[400], b[24], c[24], d[24], e[24];
    uint32_t k;
    hln_plan pl;
    hln_report__out_s(o, "\n  memory planner   (docs/deploy.md)\n    KV bytes/token ");
    for (k = 0; k < HLN_CACHE_TYPE_COUNT; k++) {
        snprintf(a, sizeof a, "%s%s %llu", k ? ", " : "", hln_cache_type_name((hln_cache_type)k),
                 (unsigned long long)hln_kv_bytes_per_token(&p->d, (hln_cache_type)k));
        hln_report__out_s(o, a);
    }
    if (p->d.window) {
        snprintf(a, sizeof a, "\n    sliding window %llu tokens on %llu of %llu layers", (unsigned long long)p->d.window,
                 (unsigned long long)p->d.n_window_layers, (unsigned long long)p->d.n_layer);
        hln_report__out_s(o, a);
    }
    if (p->d.mla) hln_report__out_s(o, "\n    MLA: the compressed latent and the RoPE key are cached");
    if (hln_plan_memory(&p->d, &dp->plan, p->context, batch, &pl)) {
        hln_report__fmt_gb(a, sizeof a, (double)pl.weight_bytes);
        hln_report__fmt_gb(b, sizeof b, (double)pl.kv_bytes);
        hln_report__fmt_gb(c, sizeof c, (double)pl.workspace_bytes);
        hln_report__fmt_gb(d, sizeof d, (double)pl.overhead_bytes);
        hln_report__fmt_gb(e, sizeof e, (double)pl.per_device_bytes);
        hln_report__out_s(o, "\n    at ");
        hln_report__out_u(o, p->context);
        hln_report__out_s(o, " tokens x batch ");
        hln_report__out_u(o, batch);
        hln_report__out_s(o, " (");
        hln_report__out_s(o, hln_cache_type_name(dp->plan.kv_type));
        hln_report__out_s(o, " KV): weights ");
        hln_report__out_s(o, a);
        hln_report__out_s(o, " + KV ");
        hln_report__out_s(o, b);
        hln_report__out_s(o, " + workspace ");
        hln_report__out_s(o, c);
        hln_report__out_s(o, " + overhead ");
        hln_report__out_s(o, d);
        hln_report__out_s(o, dp->plan.n_devices > 1 ? " = per device " : " = ");
        hln_report__out_s(o, e);
    }
    if (dp->plan.n_devices > 1) {   /* the all-reduces of tensor parallelism (docs/deploy.md) */
        double link = dp->plan.link_gb_per_s > 0 ? dp->plan.link_gb_per_s : 31.5, bytes = hln_tp_allreduce_bytes(&p->d, 1, dp->plan.n_devices);
        double lat = dp->plan.link_latency_s > 0 ? dp->plan.link_latency_s : 5.7e-6;
        char t[32];
        hln_report_fmt_bytes(c, sizeof c, bytes);
        hln_report__text_time(b, sizeof b, hln_tp_allreduce_seconds(&p->d, &dp->plan, 1));
        hln_report__text_time(t, sizeof t, lat);
        snprintf(a, sizeof a, "\n    tensor parallel over %u devices: 2 all-reduces per layer, %.0f messages x %s + %s sent per device"
                 " per token over %.1f GB/s = %s per decoded token (added to each step)", (unsigned)dp->plan.n_devices,
                 hln_tp_allreduce_messages(&p->d, dp->plan.n_devices), t, c, link, b);
        for (k = 0; a[k]; k++) if (a[k] == ',' && a[k + 1] != ' ') a[k] = '.';
        hln_report__out_s(o, a);
    }
    for (k = 0; k < dp->n_budgets; k++) {
        hln_report__fmt_gb(b, sizeof b, (double)dp->budget_bytes[k]);
        hln_report_fmt_bytes(c, sizeof c, (double)dp->budget_bytes[k]);
        snprintf(a, sizeof a, "\n    --memory %.30s (%s = %s): largest context %llu tokens at batch %llu", dp->budget_names[k], b, c,
                 (unsigned long long)hln_plan_max_context(&p->d, &dp->plan, dp->budget_bytes[k], batch), (unsigned long long)batch);
        hln_report__out_s(o, a);
    }
    hln_report__out_s(o, "\n    fits at this context and batch:");
    for (k = 0; k < HLN_FITS_BUDGETS; k++) {
        int ok = hln_plan_memory(&p->d, &dp->plan, p->context, batch, &pl) && pl.per_device_bytes <= hln_fits_budget(k);
        snprintf(a, sizeof a, " %llu GB %s", (unsigned long long)(hln_fits_budget(k) / 1000000000u), ok ? "yes" : "no");
        hln_report__out_s(o, a);
        if (k + 1 < HLN_FITS_BUDGETS) hln_report__out_c(o, ',');
    }
    hln_report__out_c(o, '\n');
}

/* label, then the three points of one kind (block 0: nodes or decoder layers; 1: analysis
   blocks) that take longest at the roof; nothing when there are none. */
static void hln_report__text_dominant(hln_report__out *o, const hln_model *m, const char *label, const hln_roof_point *pts, uint32_t n, int block) {
    uint32_t top[3] = { 0, 0, 0 }, nt = 0, k, i;
    char a[200], b[24];
    hln_report_options ro0;
    for (i = 0; i < n; i++) {
        if (pts[i].block != block) continue;
        for (k = nt; k > 0 && pts[top[k - 1]].time_s < pts[i].time_s; k--) if (k < 3) top[k] = top[k - 1];
        if (k < 3) { top[k] = i; if (nt < 3) nt++; }
    }
    if (!nt) return;
    memset(&ro0, 0, sizeof ro0);
    hln_report__out_s(o, label);
    for (k = 0; k < nt; k++) {
        if (k) hln_report__out_s(o, ", ");
        hln_report__roof_name(o, &ro0, m, &pts[top[k]], 0);
        hln_report__text_time(b, sizeof b, pts[top[k]].time_s);
        snprintf(a, sizeof a, " %s (%s, %.1f FLOP/B)", b, pts[top[k]].compute_bound ? "compute" : "memory", pts[top[k]].intensity);
        hln_report__out_s(o, a);
    }
    hln_report__out_c(o, '\n');
}

static void hln_report__text_device(hln_report__out *o, const hln_report__dep *p, const hln_model *m, const hln_report_options *ro,
                                    const hln_hw_profile *hw) {
    const hln_report_deploy *dp = p->o;
    char a[400], b[24], c[24], d[24];
    uint32_t j, n;
    double ridge;
    hln_roof_point *pts;
    hln_estimate e;
    hln_report__out_s(o, "\n  deployment on ");
    hln_report__out_s(o, hw->name);
    hln_report__out_s(o, " (");
    hln_report__out_s(o, hw->label);
    hln_report__out_s(o, ")\n    ");
    hln_report__fmt_gb(b, sizeof b, (double)hw->memory_bytes);
    snprintf(a, sizeof a, "memory %s, %.1f GB/s, %s %.1f TFLOPS dense", hw->memory_bytes ? b : "?", hw->bandwidth_gb_per_s,
             hln_prec_name(p->d.prec), hln_hw_peak(hw, p->d.prec));
    for (j = 0; a[j]; j++) if (a[j] == ',' && a[j + 1] != ' ') a[j] = '.';
    hln_report__out_s(o, a);
    pts = hln_report__dep_roof(o, p, m, ro, hw, &n, &ridge);
    if (ridge > 0) { snprintf(a, sizeof a, ", ridge %.0f FLOP/byte", ridge); hln_report__out_s(o, a); }
    hln_report__out_c(o, '\n');
    if (hw->bandwidth_gb_per_s <= 0) hln_report__out_s(o, "    (no published bandwidth: latency unknown)\n");
    if (p->d.llm) {
        hln_estimate_run(&p->d, hw, &dp->plan, p->context, 1, &e);
        hln_report__text_time(b, sizeof b, e.ttft_s);
        hln_report__text_time(c, sizeof c, e.ttft_s_bound);
        snprintf(a, sizeof a, "    prefill %llu tokens (TTFT): %s expected, %s at the roof\n", (unsigned long long)e.prompt_tokens, b, c);
        hln_report__out_s(o, a);
        snprintf(a, sizeof a, "    %7s %14s %14s %10s %8s %10s %s\n", "batch", "decode tok/s", "roof tok/s", "step", "bound", "memory", "fits");
        hln_report__out_s(o, a);
    } else {
        snprintf(a, sizeof a, "    %7s %14s %14s %8s %10s %s\n", "batch", "latency", "roof", "bound", "memory", "fits");
        hln_report__out_s(o, a);
    }
    for (j = 0; j < p->n_batches; j++) {
        if (!hln_report__dep_batch_shown(p, hw, j)) continue;
        hln_estimate_run(&p->d, hw, &dp->plan, p->context, p->batches[j], &e);
        hln_report__fmt_gb(d, sizeof d, (double)e.total_bytes);
        hln_report__text_time(b, sizeof b, e.latency_s);
        hln_report__text_time(c, sizeof c, e.latency_s_bound);
        if (p->d.llm)
            snprintf(a, sizeof a, "    %7llu %14.1f %14.1f %10s %8s %10s %s\n", (unsigned long long)e.batch, e.decode_tokens_per_s,
                     e.decode_tokens_per_s_bound, b, e.latency_s < 0 ? "?" : e.compute_bound ? "compute" : "memory", d,
                     hw->memory_bytes ? (e.fits ? "yes" : "no") : "?");
        else
            snprintf(a, sizeof a, "    %7llu %14s %14s %8s %10s %s\n", (unsigned long long)e.batch, b, c,
                     e.latency_s < 0 ? "?" : e.compute_bound ? "compute" : "memory", d, hw->memory_bytes ? (e.fits ? "yes" : "no") : "?");
        hln_report__out_s(o, a);
    }
    if (p->d.llm && !hw->memory_bytes) hln_report__out_s(o, "    (no published memory size: what fits is unknown)\n");
    else if (p->d.llm) {
        uint64_t batch = dp->batch ? dp->batch : 1;
        snprintf(a, sizeof a, "    largest context on this device at batch %llu: %llu tokens; layers on the device (-ngl): %llu of %llu\n",
                 (unsigned long long)batch, (unsigned long long)hln_plan_max_context(&p->d, &dp->plan, hw->memory_bytes, batch),
                 (unsigned long long)hln_plan_offload_layers(&p->d, &dp->plan, hw->memory_bytes, p->context, batch),
                 (unsigned long long)p->d.n_layer);
        hln_report__out_s(o, a);
        if (p->d.expert_count) {
            snprintf(a, sizeof a, "    MoE: batch 1 reads %llu of %llu experts per layer; batch 8 touches %.1f, batch 64 %.1f (uniform routing)\n",
                     (unsigned long long)p->d.expert_used, (unsigned long long)p->d.expert_count,
                     hln_moe_experts_touched(p->d.expert_count, p->d.expert_used, 8), hln_moe_experts_touched(p->d.expert_count, p->d.expert_used, 64));
            hln_report__out_s(o, a);
        }
    } else {
        uint64_t cb = hln_estimate_compute_bound_batch(&p->d, hw);
        if (cb) { snprintf(a, sizeof a, "    turns compute-bound at batch %llu\n", (unsigned long long)cb); hln_report__out_s(o, a); }
        else if (hw->bandwidth_gb_per_s > 0 && hln_hw_peak(hw, p->d.prec) > 0 && p->d.flops)
            hln_report__out_s(o, "    memory-bound at every batch: its activations alone take longer to move than its FLOPs to compute\n");
    }
    hln_report__text_dominant(o, m, "    dominant at the roof: ", pts, n, 0);
    hln_report__text_dominant(o, m, "    dominant blocks at the roof: ", pts, n, 1);
    HLN_REPORT__FREE(m, pts);
}

HLN_DEF hln_result hln_report_deploy_text(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln_report__out *o;
    hln_report__dep p;
    uint32_t i;
    if (!ro || !ro->deploy) return HLN_ERR_ARG;
    o = hln_report__out_new(m, write, user);
    if (!o) return HLN_ERR_NOMEM;
    if (hln_report__dep_init(&p, m, ro) != HLN_OK) { o->nomem = 1; return hln_report__out_done(o); }
    if (p.d.llm) hln_report__text_planner(o, &p);
    for (i = 0; i < ro->deploy->n_hw; i++) hln_report__text_device(o, &p, m, ro, ro->deploy->hw[i]);
    {
        hln_serving sv[HLN_SERVING_RUNTIMES];
        char a[420];
        hln_serving_check(m, sv);
        hln_report__out_s(o, "\n  serving          (docs/deploy.md)\n");
        for (i = 0; i < HLN_SERVING_RUNTIMES; i++) {
            snprintf(a, sizeof a, "    %-14s %-4s %s%s%s\n", sv[i].runtime, sv[i].supported > 0 ? "yes" : sv[i].supported == 0 ? "no" : "?", sv[i].note,
                     sv[i].min_version[0] ? "; needs " : "", sv[i].min_version);
            hln_report__out_s(o, a);
        }
    }
    if (ro->deploy->target_latency_s > 0 && ro->deploy->all) {
        const hln_hw_profile *mn = NULL, *rec = NULL;
        char a[400], b[24];
        hln_report__sysreq(&p, ro->deploy->all, &mn, &rec);
        hln_report__text_time(b, sizeof b, ro->deploy->target_latency_s);
        snprintf(a, sizeof a, "\n  system requirements for %s%s at batch 1: minimum %s, recommended %s\n", b,
                 p.d.llm ? " per decoded token" : " per inference", mn ? mn->name : "(none of the profiles)", rec ? rec->name : "(none)");
        hln_report__out_s(o, a);
    }
    return hln_report__out_done(o);
}

/* The serving check as a table (docs/deploy.md), Markdown (md) or HTML: the same cells as the
   JSON "serving" rows and the terminal lines. */
static void hln_report__serving_table(hln_report__out *o, const hln_model *m, int md) {
    hln_serving sv[HLN_SERVING_RUNTIMES];
    uint32_t i, k;
    hln_serving_check(m, sv);
    hln_report__out_s(o, md ? "\n## Serving\n\n| runtime | runs it | oldest release | convertible | note |\n|---|---|---|---|---|\n"
                            : "<h2>Serving</h2><div class=\"tablebox\"><table><thead><tr><th>runtime</th><th>runs it</th>"
                              "<th>oldest release</th><th>convertible</th><th>note</th></tr></thead><tbody>");
    for (i = 0; i < HLN_SERVING_RUNTIMES; i++) {
        const char *cell[5];
        cell[0] = sv[i].runtime ? sv[i].runtime : "";
        cell[1] = sv[i].supported > 0 ? "yes" : sv[i].supported == 0 ? "no" : "unknown";
        cell[2] = sv[i].min_version[0] ? sv[i].min_version : "-";
        cell[3] = sv[i].convertible > 0 ? "yes" : sv[i].convertible == 0 ? "no" : "-";
        cell[4] = sv[i].note;
        hln_report__out_s(o, md ? "|" : "<tr>");
        for (k = 0; k < 5; k++) {
            hln_report__out_s(o, md ? " " : "<td>");
            if (md) hln_report__out_md(o, cell[k], strlen(cell[k]));
            else hln_report__out_html_text(o, cell[k], strlen(cell[k]));
            hln_report__out_s(o, md ? " |" : "</td>");
        }
        hln_report__out_s(o, md ? "\n" : "</tr>");
    }
    if (!md) hln_report__out_s(o, "</tbody></table></div>\n");
}

/* ---- deployment in the HTML page: three SVG charts (no libm: a short log series) ---- */
static double hln_report__log10(double v) {
    double e = 0, z, z2, sum = 0, term;
    int k;
    if (!(v > 0)) return -30;
    while (v >= 2) { v /= 2; e += 1; }
    while (v < 1) { v *= 2; e -= 1; }
    z = (v - 1) / (v + 1);   /* ln v = 2 atanh z, |z| < 1/3 */
    z2 = z * z;
    for (k = 0, term = z; k < 12; k++, term *= z2) sum += term / (2 * k + 1);
    return (e * 0.6931471805599453 + 2 * sum) / 2.302585092994046;
}
static const char *const hln_report__dep_colors[6] = { "#2D6CDF", "#E67E22", "#16A085", "#8E44AD", "#D63C5E", "#7F8C3A" };

static void hln_report__svg_xy(hln_report__out *o, double x, double y) {
    hln_report__out_x(o, x); hln_report__out_c(o, ','); hln_report__out_x(o, y); hln_report__out_c(o, ' ');
}
static void hln_report__svg_label(hln_report__out *o, double x, double y, const char *anchor, const char *text) {
    hln_report__out_s(o, "<text class=\"m\" x=\""); hln_report__out_x(o, x);
    hln_report__out_s(o, "\" y=\""); hln_report__out_x(o, y);
    hln_report__out_s(o, "\" text-anchor=\""); hln_report__out_s(o, anchor);
    hln_report__out_s(o, "\">"); hln_report__out_html(o, text); hln_report__out_s(o, "</text>");
}
/* Axes on [x0,x1] x [y0,y1] in log10 units, one tick per decade. */
typedef struct hln_report__plot { double W, H, L, T, R, B, x0, x1, y0, y1; } hln_report__plot;
static double hln_report__px(const hln_report__plot *p, double lx) { return p->L + (lx - p->x0) / (p->x1 - p->x0) * (p->W - p->L - p->R); }
static double hln_report__py(const hln_report__plot *p, double ly) { return p->H - p->B - (ly - p->y0) / (p->y1 - p->y0) * (p->H - p->T - p->B); }
static void hln_report__plot_open(hln_report__out *o, const hln_report__plot *p, const char *id, const char *xname, const char *yname) {
    double d;
    char b[32];
    hln_report__out_s(o, "<figure data-chart=\""); hln_report__out_s(o, id);
    hln_report__out_s(o, "\"><svg viewBox=\"0 0 "); hln_report__out_x(o, p->W); hln_report__out_c(o, ' '); hln_report__out_x(o, p->H);
    hln_report__out_s(o, "\" role=\"img\"><rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"none\"/><polyline fill=\"none\" stroke=\"#888\" points=\"");
    hln_report__svg_xy(o, p->L, p->T); hln_report__svg_xy(o, p->L, p->H - p->B); hln_report__svg_xy(o, p->W - p->R, p->H - p->B);
    hln_report__out_s(o, "\"/>");
    for (d = p->x0; d <= p->x1 + 1e-9; d += 1) { snprintf(b, sizeof b, "1e%d", (int)(d < 0 ? d - 0.5 : d + 0.5)); hln_report__svg_label(o, hln_report__px(p, d), p->H - p->B + 14, "middle", b); }
    for (d = p->y0; d <= p->y1 + 1e-9; d += 1) { snprintf(b, sizeof b, "1e%d", (int)(d < 0 ? d - 0.5 : d + 0.5)); hln_report__svg_label(o, p->L - 4, hln_report__py(p, d) + 4, "end", b); }
    hln_report__svg_label(o, (p->L + p->W - p->R) / 2, p->H - 4, "middle", xname);
    hln_report__svg_label(o, p->L, p->T - 4, "start", yname);
}
static void hln_report__plot_line(hln_report__out *o, const hln_report__plot *p, const double *lx, const double *ly, uint32_t n, const char *color, int dashed) {
    uint32_t i;
    hln_report__out_s(o, "<polyline fill=\"none\" stroke-width=\"2\" stroke=\""); hln_report__out_s(o, color);
    if (dashed) hln_report__out_s(o, "\" stroke-dasharray=\"6 4");
    hln_report__out_s(o, "\" points=\"");
    for (i = 0; i < n; i++) hln_report__svg_xy(o, hln_report__px(p, lx[i]), hln_report__py(p, ly[i]));
    hln_report__out_s(o, "\"/>");
}
static double hln_report__clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

static void hln_report__html_deploy(hln_report__out *o, const hln_model *m, const hln_report_options *ro) {
    hln_report__dep p;
    const hln_report_deploy *dp = ro->deploy;
    uint32_t i, j, k;
    double lx[32], ly[32];
    hln_report__plot pl;
    if (hln_report__dep_init(&p, m, ro) != HLN_OK) { o->nomem = 1; return; }
    hln_report__out_s(o, "<h2>Deployment</h2><section class=\"charts\" id=\"deploy\">");
    if (p.d.llm) {   /* memory against context (log-log), f16/q8_0/q4_0 KV, device memory as dashed lines */
        static const hln_cache_type types[3] = { HLN_CACHE_F16, HLN_CACHE_Q8_0, HLN_CACHE_Q4_0 };
        uint64_t maxc = p.d.context_length ? p.d.context_length : 131072, c;
        double ymax = 0, ymin = 1e30;
        hln_plan_options po = dp->plan;
        hln_plan plan;
        for (c = 1024, j = 0; c <= maxc && j < 16; c *= 2, j++) {
            for (k = 0; k < 3; k++) {
                po.kv_type = types[k];
                if (hln_plan_memory(&p.d, &po, c, dp->batch ? dp->batch : 1, &plan)) {
                    double v = (double)plan.per_device_bytes;
                    if (v > ymax) ymax = v;
                    if (v < ymin) ymin = v;
                }
            }
        }
        for (i = 0; i < dp->n_hw; i++) if ((double)dp->hw[i]->memory_bytes > ymax) ymax = (double)dp->hw[i]->memory_bytes;
        pl.W = 600; pl.H = 260; pl.L = 56; pl.T = 20; pl.R = 110; pl.B = 34;
        pl.x0 = 3; pl.x1 = hln_report__log10((double)maxc) > 4 ? (double)(int)(hln_report__log10((double)maxc) + 0.999) : 4;
        pl.y0 = (double)(int)hln_report__log10(ymin > 0 ? ymin : 1); pl.y1 = (double)(int)(hln_report__log10(ymax > 0 ? ymax : 10) + 0.999);
        if (pl.y1 <= pl.y0) pl.y1 = pl.y0 + 1;
        hln_report__plot_open(o, &pl, "deploy_memory", "context (tokens)", "bytes (weights + KV + workspace + overhead)");
        for (k = 0; k < 3; k++) {
            po.kv_type = types[k];
            for (c = 1024, j = 0; c <= maxc && j < 16; c *= 2) {
                if (!hln_plan_memory(&p.d, &po, c, dp->batch ? dp->batch : 1, &plan)) break;
                lx[j] = hln_report__log10((double)c);
                ly[j++] = hln_report__clampd(hln_report__log10((double)plan.per_device_bytes), pl.y0, pl.y1);
            }
            hln_report__plot_line(o, &pl, lx, ly, j, hln_report__dep_colors[k], 0);
            if (j) hln_report__svg_label(o, hln_report__px(&pl, lx[j - 1]) + 4, hln_report__py(&pl, ly[j - 1]), "start", hln_cache_type_name(types[k]));
        }
        for (i = 0; i < dp->n_hw; i++) {
            if (!dp->hw[i]->memory_bytes) continue;
            lx[0] = pl.x0; lx[1] = pl.x1;
            ly[0] = ly[1] = hln_report__clampd(hln_report__log10((double)dp->hw[i]->memory_bytes), pl.y0, pl.y1);
            hln_report__plot_line(o, &pl, lx, ly, 2, "#999", 1);
            hln_report__svg_label(o, pl.W - pl.R + 4, hln_report__py(&pl, ly[0]) + 4, "start", dp->hw[i]->name);
        }
        hln_report__out_s(o, "</svg><figcaption>Memory against context, KV f16 / q8_0 / q4_0, device memory dashed</figcaption></figure>");

        /* decode tok/s against batch, one line per device */
        pl.x0 = 0; pl.x1 = hln_report__log10((double)p.batches[p.n_batches - 1]); if (pl.x1 < 1) pl.x1 = 1;
        ymin = 1e30; ymax = 0;
        for (i = 0; i < dp->n_hw; i++) for (j = 0; j < p.n_batches; j++) {
            hln_estimate e;
            hln_estimate_run(&p.d, dp->hw[i], &dp->plan, p.context, p.batches[j], &e);
            if (e.decode_tokens_per_s > 0) { if (e.decode_tokens_per_s > ymax) ymax = e.decode_tokens_per_s; if (e.decode_tokens_per_s < ymin) ymin = e.decode_tokens_per_s; }
        }
        pl.y0 = ymax > 0 ? (double)(int)(hln_report__log10(ymin) - 0.999) : 0; pl.y1 = ymax > 0 ? (double)(int)(hln_report__log10(ymax) + 0.999) : 1;
        if (pl.y1 <= pl.y0) pl.y1 = pl.y0 + 1;
        hln_report__plot_open(o, &pl, "deploy_decode", "batch", "decode tokens/s (expected)");
        for (i = 0; i < dp->n_hw; i++) {
            uint32_t n = 0;
            for (j = 0; j < p.n_batches; j++) {
                hln_estimate e;
                hln_estimate_run(&p.d, dp->hw[i], &dp->plan, p.context, p.batches[j], &e);
                if (e.decode_tokens_per_s <= 0) continue;
                lx[n] = hln_report__log10((double)p.batches[j]);
                ly[n++] = hln_report__clampd(hln_report__log10(e.decode_tokens_per_s), pl.y0, pl.y1);
            }
            hln_report__plot_line(o, &pl, lx, ly, n, hln_report__dep_colors[i % 6], 0);
            if (n) hln_report__svg_label(o, hln_report__px(&pl, lx[n - 1]) + 4, hln_report__py(&pl, ly[n - 1]), "start", dp->hw[i]->name);
        }
        hln_report__out_s(o, "</svg><figcaption>Decode tokens/s against batch</figcaption></figure>");
    }
    for (i = 0; i < dp->n_hw; i++) {   /* a roofline per device: the roof and each node or layer */
        uint32_t n;
        double ridge, bw = dp->hw[i]->bandwidth_gb_per_s * 1e9, peak = hln_hw_peak(dp->hw[i], p.d.prec) * 1e12;
        hln_roof_point *pts = hln_report__dep_roof(o, &p, m, ro, dp->hw[i], &n, &ridge);
        if (!pts || bw <= 0 || peak <= 0) { HLN_REPORT__FREE(m, pts); continue; }
        int has[HLN_PREC_COUNT];
        double top = peak;
        memset(has, 0, sizeof has);
        for (j = 0; j < n; j++) {   /* the precisions the points compute in: a roof each */
            double pk = hln_hw_peak(dp->hw[i], pts[j].prec) * 1e12;
            if (pk > 0 && (uint32_t)pts[j].prec < HLN_PREC_COUNT) { has[pts[j].prec] = 1; if (pk > top) top = pk; }
        }
        pl.W = 600; pl.H = 260; pl.L = 56; pl.T = 20; pl.R = 44; pl.B = 34;
        pl.x0 = -2; pl.x1 = 4; pl.y0 = (double)(int)(hln_report__log10(peak) - 5.5); pl.y1 = (double)(int)(hln_report__log10(top) + 0.999);
        hln_report__plot_open(o, &pl, "deploy_roofline", "FLOP per byte", "FLOP/s at the roof");
        for (k = 0; k < HLN_PREC_COUNT; k++) {   /* the model's precision solid, the others dashed */
            double pk = hln_hw_peak(dp->hw[i], (hln_prec)k) * 1e12;
            if (!(has[k] || (hln_prec)k == p.d.prec) || pk <= 0) continue;
            lx[0] = pl.x0; ly[0] = hln_report__clampd(hln_report__log10(bw) + pl.x0, pl.y0, pl.y1);
            lx[1] = hln_report__log10(pk / bw); ly[1] = hln_report__log10(pk);
            lx[2] = pl.x1; ly[2] = ly[1];
            hln_report__plot_line(o, &pl, lx, ly, 3, "#888", (hln_prec)k != p.d.prec);
            hln_report__svg_label(o, pl.W - pl.R + 4, hln_report__py(&pl, ly[1]) + 4, "start", hln_prec_name((hln_prec)k));
        }
        for (j = 0; j < n; j++) {   /* nodes and layers as dots (the first 4000), block instances as squares */
            double x = hln_report__clampd(hln_report__log10(pts[j].intensity), pl.x0, pl.x1);
            double y = hln_report__clampd(pts[j].time_s > 0 ? hln_report__log10(pts[j].flops / pts[j].time_s) : pl.y0, pl.y0, pl.y1);
            if (!pts[j].block && j >= 4000) continue;
            hln_report__out_s(o, pts[j].block ? "<rect class=\"roof-block\" width=\"7\" height=\"7\" fill=\"" : "<circle r=\"3\" fill=\"");
            hln_report__out_s(o, pts[j].compute_bound ? "#E67E22" : "#2D6CDF");
            hln_report__out_s(o, pts[j].block ? "\" fill-opacity=\"0.5\" stroke=\"#333\" x=\"" : "\" cx=\"");
            hln_report__out_x(o, hln_report__px(&pl, x) - (pts[j].block ? 3.5 : 0));
            hln_report__out_s(o, pts[j].block ? "\" y=\"" : "\" cy=\"");
            hln_report__out_x(o, hln_report__py(&pl, y) - (pts[j].block ? 3.5 : 0));
            hln_report__out_s(o, "\"><title>");
            hln_report__roof_name(o, ro, m, &pts[j], 0);
            hln_report__out_s(o, pts[j].block ? "</title></rect>" : "</title></circle>");
        }
        hln_report__out_s(o, "</svg><figcaption>Roofline on ");
        hln_report__out_html(o, dp->hw[i]->label);
        hln_report__out_s(o, p.d.llm && !m->graph ? " (layers, one decode step)" : n && pts[n - 1].block ? " (nodes as dots, blocks as squares)" : " (nodes)");
        hln_report__out_s(o, "</figcaption></figure>");
        HLN_REPORT__FREE(m, pts);
    }
    hln_report__out_s(o, "</section>\n");
    hln_report__serving_table(o, m, 0);
}

/* ---- weights: roles and readers -------------------------------------------------------- */
/* Each tensor's role (hln_model_tensor_roles) and the main-graph nodes that read it (CSR:
   readers of tensor t are list[start[t] .. start[t + 1]), each node once), for the shape
   constant and sharing marks of every format. */
typedef struct hln_report__readers { hln_tensor_role *roles; uint32_t *start, *list, *stamp; } hln_report__readers;

static void hln_report__readers_free(const hln_model *m, hln_report__readers *rd) {
    void *p[4];
    int k;
    p[0] = rd->roles; p[1] = rd->start; p[2] = rd->list; p[3] = rd->stamp;
    for (k = 0; k < 4; k++) if (p[k]) hln_allocator_free(&m->arena.allocator, p[k]);   /* callbacks never see NULL */
    memset(rd, 0, sizeof *rd);
}

/* Tensors read by node n of g and by the nodes of its subgraphs, charged to top-level node
   `top`: counted (pass 0) or listed (pass 1), each top-level node once per tensor. */
static void hln_report__readers_node(const hln_model *m, const hln_graph *g, const hln_node *n, uint32_t top,
                                     int pass, hln_report__readers *rd, uint32_t depth) {
    uint32_t q, k, j;
    for (q = 0; q < n->n_inputs; q++) {
        int32_t vi = n->inputs[q], ti = -1;
        const hln_graph *vg = g;
        uint32_t hops = 0;
        while (vg && vi >= 0 && (uint32_t)vi < vg->n_values && hops++ <= depth) {   /* follow captures */
            if (vg->values[vi].tensor >= 0) { ti = vg->values[vi].tensor; break; }
            vi = vg->values[vi].outer;
            vg = vg->parent;
        }
        if (ti < 0 || (uint32_t)ti >= m->n_tensors || rd->stamp[ti] == top + 1) continue;
        rd->stamp[ti] = top + 1;
        if (pass == 0) rd->start[ti + 2]++; else rd->list[rd->start[ti + 1]++] = top;
    }
    if (depth >= HLN_ANALYSIS_MAX_SCOPES) return;
    for (q = 0; q < n->n_attrs; q++) {
        const hln_attr *at = &n->attrs[q];
        if (!at->graphs || (at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS)) continue;
        for (k = 0; k < (at->type == HLN_ATTR_GRAPH ? 1u : at->count); k++)
            for (j = 0; at->graphs[k] && j < at->graphs[k]->n_nodes; j++)
                hln_report__readers_node(m, at->graphs[k], &at->graphs[k]->nodes[j], top, pass, rd, depth + 1);
    }
}

static hln_result hln_report__readers_init(const hln_model *m, hln_report__readers *rd) {
    const hln_graph *g = m->graph;
    uint32_t i, pass;
    memset(rd, 0, sizeof *rd);
    rd->roles = (hln_tensor_role *)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 1) * sizeof *rd->roles);
    rd->start = (uint32_t *)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 2) * sizeof(uint32_t));
    rd->stamp = (uint32_t *)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 1) * sizeof(uint32_t));
    if (!rd->roles || !rd->start || !rd->stamp) { hln_report__readers_free(m, rd); return HLN_ERR_NOMEM; }
    if (hln_model_tensor_roles(m, rd->roles) != HLN_OK) { hln_report__readers_free(m, rd); return HLN_ERR_NOMEM; }
    memset(rd->start, 0, ((size_t)m->n_tensors + 2) * sizeof(uint32_t));
    for (pass = 0; pass < 2; pass++) {   /* count, then fill */
        memset(rd->stamp, 0, ((size_t)m->n_tensors + 1) * sizeof(uint32_t));
        for (i = 0; g && i < g->n_nodes; i++) hln_report__readers_node(m, g, &g->nodes[i], i, pass, rd, 0);
        if (pass) break;
        for (i = 0; i < m->n_tensors; i++) rd->start[i + 2] += rd->start[i + 1];
        /* each (tensor, top-level node) pair once: at most n_tensors * n_nodes, bounded by the file */
        rd->list = (uint32_t *)hln_allocator_alloc(&m->arena.allocator, ((size_t)rd->start[m->n_tensors + 1] + 1) * sizeof(uint32_t));
        if (!rd->list) { hln_report__readers_free(m, rd); return HLN_ERR_NOMEM; }
    }
    return HLN_OK;
}

/* One word for what a tensor is: weight, shape_constant, attribute, sparse or function. */
static const char *hln_report__role_name(const hln_model *m, const hln_report__readers *rd, uint32_t i) {
    uint32_t f = rd->roles[i].flags;
    if (f & HLN_ROLE_SHAPE_CONSTANT) return "shape_constant";
    if (f & HLN_ROLE_WEIGHT) return "weight";
    if (m->tensors[i].flags & HLN_TENSOR_SPARSE) return "sparse";
    return m->tensors[i].flags & HLN_TENSOR_ATTRIBUTE ? "attribute" : "function";
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

/* A metadata entry's value object: {"type", "value"}, or the array summary. */
static void hln_report__json_kv(hln_report__out *o, const hln_kv *kv, int keep_strings) {
    if (kv->type == HLN_KV_ARRAY) { hln_report__json_array(o, &kv->v.a, keep_strings); return; }
    hln_report__out_s(o, "{\"type\": ");
    hln_report__out_js(o, hln_kv_type_name(kv->type));
    hln_report__out_s(o, ", \"value\": ");
    hln_report__json_kv_value(o, kv, keep_strings);
    hln_report__out_s(o, "}");
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
    hln_report__out_s(o, ",\n    \"causal\": ");
    hln_report__out_s(o, l->causal ? "true" : "false");
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

static void hln_report__json_weight_stats(hln_report__out *o, const hln_weight_stats *w) {
    int b;
    hln_report__out_s(o, ", \"stats\": {\"count\": ");
    hln_report__out_u(o, w->count);
    hln_report__out_s(o, ", \"min\": ");
    hln_report__out_f(o, w->min);
    hln_report__out_s(o, ", \"max\": ");
    hln_report__out_f(o, w->max);
    hln_report__out_s(o, ", \"mean\": ");
    hln_report__out_f(o, w->mean);
    hln_report__out_s(o, ", \"std\": ");
    hln_report__out_f(o, w->std);
    hln_report__out_s(o, ", \"zeros\": ");
    hln_report__out_u(o, w->zeros);
    hln_report__out_s(o, ", \"nans\": ");
    hln_report__out_u(o, w->nans);
    hln_report__out_s(o, ", \"infs\": ");
    hln_report__out_u(o, w->infs);
    hln_report__out_s(o, ", \"outliers\": ");
    hln_report__out_u(o, w->outliers);
    hln_report__out_s(o, ", \"histogram\": [");
    for (b = 0; b < HLN_WEIGHT_HIST_BINS; b++) {
        if (b) hln_report__out_s(o, ", ");
        hln_report__out_u(o, w->hist[b]);
    }
    hln_report__out_s(o, "]}");
}

/* A count; null when it saturated (UINT64_MAX is no count). */
static void hln_report__out_count(hln_report__out *o, uint64_t v) {
    if (v == UINT64_MAX) hln_report__out_s(o, "null"); else hln_report__out_u(o, v);
}

/* "dims": the inputs' symbolic dims with the values used; "macs_formula": the terms, or null */
static void hln_report__json_formula(hln_report__out *o, const hln_graph_summary *g) {
    uint32_t i, t;
    hln_report__out_s(o, ",\n    \"dims\": [");
    for (i = 0; i < g->n_dims; i++) {
        hln_report__out_s(o, i ? ", {\"name\": " : "{\"name\": ");
        hln_report__out_js(o, g->dims[i].name);
        hln_report__out_s(o, ", \"value\": ");
        hln_report__out_i(o, g->dims[i].value);
        hln_report__out_s(o, ", \"source\": ");
        hln_report__out_js(o, hln_dim_source_name(g->dims[i].source));
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, "],\n    \"macs_formula\": ");
    if (!g->formula_exact) { hln_report__out_s(o, "null"); return; }
    hln_report__out_s(o, "[");
    for (t = 0; t < g->n_macs_terms; t++) {
        uint32_t k = 0;
        hln_report__out_s(o, t ? ", {\"coef\": " : "{\"coef\": ");
        hln_report__out_f(o, g->macs_formula[t].coef);
        hln_report__out_s(o, ", \"powers\": {");
        for (i = 0; i < g->n_formula_dims; i++) {
            if (!g->macs_formula[t].powers[i]) continue;
            hln_report__out_s(o, k++ ? ", " : "");
            hln_report__out_key(o, g->formula_dims[i]);
            hln_report__out_u(o, g->macs_formula[t].powers[i]);
        }
        hln_report__out_s(o, "}}");
    }
    hln_report__out_s(o, "]");
}

static void hln_report__json_io(hln_report__out *o, const hln_model *m, const hln_report_options *ro, const hln_graph *g,
                         const int32_t *list, uint32_t n) {
    uint32_t i, written = 0;
    for (i = 0; i < n; i++) {
        hln_report__name nm;
        const hln_value *v;
        if (list[i] < 0 || (uint32_t)list[i] >= g->n_values) continue;
        v = &g->values[list[i]];
        hln_report__name_value(ro, g, (uint32_t)list[i], &nm);
        hln_report__out_s(o, written++ ? ",\n    {\"name\": " : "\n    {\"name\": ");
        hln_report__out_jstr(o, nm.p, nm.n);
        hln_report__out_s(o, ", \"dtype\": ");   /* sequence(FLOAT) etc. for non-tensor types */
        hln_report__out_js(o, v->container ? v->container : hln_report__dtype_name(m, v->dtype));
        hln_report__out_s(o, ", \"shape\": ");
        hln_report__json_shape(o, hln_report__value_shape(ro, v));
        hln_report__out_s(o, "}");
    }
}

static void hln_report__json_value_ref(hln_report__out *o, const hln_report_options *ro, const hln_graph *g, int32_t vi) {
    hln_report__name nm;
    if (vi < 0 || (uint32_t)vi >= g->n_values) { hln_report__out_s(o, "\"\""); return; }
    hln_report__name_value(ro, g, (uint32_t)vi, &nm);
    hln_report__out_jstr(o, nm.p, nm.n);
}

static void hln_report__json_quant_error(hln_report__out *o, const hln_quant_error *q) {
    hln_report__out_s(o, "\"count\": ");
    hln_report__out_u(o, q->count);
    hln_report__out_s(o, ", \"rmse\": ");
    hln_report__out_f(o, q->rmse);
    hln_report__out_s(o, ", \"max_abs_err\": ");
    hln_report__out_f(o, q->max_abs_err);
    hln_report__out_s(o, ", \"snr_db\": ");
    hln_report__out_f(o, q->snr_db);   /* no error at all: infinite, written null */
    hln_report__out_s(o, ", \"cosine\": ");
    hln_report__out_f(o, q->cosine);
}

HLN_DEF hln_result hln_report_quant_error_json(const hln_model *m, const hln_report_options *ro, const char *type_name,
                                               const hln_quant_error *rows, const hln_quant_error *total,
                                               hln_write_fn write, void *user) {
    hln_report__out *o = hln_report__out_new(m, write, user);
    hln_report_options def;
    uint32_t i, n = 0;
    if (!o) return HLN_ERR_NOMEM;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    hln_report__out_s(o, "{\n  \"schema\": \"haoline/1\",\n  \"report\": \"quant-error\",\n  \"file\": ");
    hln_report__out_js(o, hln_report__file_name(ro));
    if (ro->redact_names) hln_report__out_s(o, ",\n  \"redacted\": true");
    hln_report__out_s(o, ",\n  \"type\": ");
    hln_report__out_js(o, type_name);
    hln_report__out_s(o, ",\n  \"tensors\": [");
    for (i = 0; i < m->n_tensors; i++) {
        hln_report__name nm;
        if (!rows[i].measured) continue;
        hln_report__name_tensor(ro, m, i, &nm);
        hln_report__out_s(o, n++ ? ",\n    {\"name\": " : "\n    {\"name\": ");
        hln_report__out_jstr(o, nm.p, nm.n);
        hln_report__out_s(o, ", \"dtype\": ");
        hln_report__out_js(o, hln_report__dtype_name(m, m->tensors[i].dtype));
        hln_report__out_s(o, ", ");
        hln_report__json_quant_error(o, &rows[i]);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, n ? "\n  ],\n  \"skipped\": " : "],\n  \"skipped\": ");
    hln_report__out_u(o, m->n_tensors - n);
    hln_report__out_s(o, ",\n  \"total\": ");
    if (total->measured) {
        hln_report__out_s(o, "{");
        hln_report__json_quant_error(o, total);
        hln_report__out_s(o, "}");
    } else hln_report__out_s(o, "null");
    hln_report__out_s(o, "\n}\n");
    return hln_report__out_done(o);
}

/* ---- JSON: the file-level facts of a TFLite model ("tflite" object, docs/json.md) ---------
   Counts over every subgraph (subgraph 0 is m->graph, subgraph i > 0 its functions[i - 1])
   and the facts the reader keeps as "tflite.*" metadata. */
static int hln_report__str_cmp(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
static int hln_report__ptr_cmp(const void *a, const void *b) {
    const hln_tensor *x = *(const hln_tensor *const *)a, *y = *(const hln_tensor *const *)b;
    uintptr_t p = (uintptr_t)x->data, q = (uintptr_t)y->data;
    return p < q ? -1 : p > q ? 1 : 0;
}
static const hln_graph *hln_report__tflite_graph(const hln_model *m, uint32_t i) {
    return i == 0 ? m->graph : m->graph->functions[i - 1];
}
static uint32_t hln_report__tflite_graphs(const hln_model *m) { return m->graph ? 1 + m->graph->n_functions : 0; }

/* Counts over every subgraph: the corpus README's keys (docs/json.md, "tflite"). */
typedef struct hln_report__tfl_counts {
    uint32_t n_graphs, quant, per_channel, sparse;
    uint64_t unique, int_macs, fp16_dequant;
} hln_report__tfl_counts;
static int hln_report__tflite_count(const hln_model *m, hln_report__tfl_counts *c) {
    uint32_t s, i;
    const hln_tensor **ts = (const hln_tensor **)hln_allocator_alloc(&m->arena.allocator, ((size_t)m->n_tensors + 1) * sizeof(hln_tensor *));
    memset(c, 0, sizeof *c);
    if (!ts) return 0;
    c->n_graphs = hln_report__tflite_graphs(m);
    for (i = 0; i < m->n_tensors; i++) ts[i] = &m->tensors[i];
    qsort(ts, m->n_tensors, sizeof *ts, hln_report__ptr_cmp);   /* tensors sharing a buffer share its bytes */
    for (i = 0; i < m->n_tensors; i++) if (!i || ts[i]->data != ts[i - 1]->data) c->unique += ts[i]->n_elements;
    hln_allocator_free(&m->arena.allocator, (void *)ts);
    for (s = 0; s < c->n_graphs; s++) {
        const hln_graph *g = hln_report__tflite_graph(m, s);
        for (i = 0; i < g->n_values; i++) {
            const hln_value_info *info = g->values[i].info;
            if (!info) continue;
            c->quant += info->n_scales >= 1;
            c->per_channel += info->n_scales > 1;
            c->sparse += info->sparse != 0;
        }
        for (i = 0; i < g->n_nodes; i++) {   /* fp16 weights a DEQUANTIZE expands to float at load */
            const hln_node *n = &g->nodes[i];
            if (n->n_inputs && n->inputs[0] >= 0 && strcmp(n->op_type, "DEQUANTIZE") == 0 &&
                g->values[n->inputs[0]].tensor >= 0 && g->values[n->inputs[0]].dtype == HLN_DTYPE_F16) c->fp16_dequant++;
        }
    }
    if (m->graph)   /* MACs of top-level nodes whose first input is an integer tensor */
        for (i = 0; i < m->graph->n_nodes; i++) {
            const hln_node *n = &m->graph->nodes[i];
            if (n->n_inputs && n->inputs[0] >= 0 && hln_dtype_get(m->graph->values[n->inputs[0]].dtype)->kind == HLN_KIND_INT)
                c->int_macs += n->macs;
        }
    return 1;
}

/* The counts both "summary" and "tflite" carry. */
static void hln_report__tflite_count_keys(hln_report__out *o, const hln_model *m, const hln_report__tfl_counts *c) {
    hln_report__out_s(o, ",\n    \"constant_tensors\": ");
    hln_report__out_u(o, m->n_tensors);
    hln_report__out_s(o, ",\n    \"params_unique_buffers\": ");
    hln_report__out_u(o, c->unique);
    hln_report__out_s(o, ",\n    \"quantized_tensors\": ");
    hln_report__out_u(o, c->quant);
    hln_report__out_s(o, ",\n    \"per_channel_tensors\": ");
    hln_report__out_u(o, c->per_channel);
    hln_report__out_s(o, ",\n    \"sparse_tensors\": ");
    hln_report__out_u(o, c->sparse);
}
static void hln_report__json_ops(hln_report__out *o, const hln_op_stat *ops, uint32_t n) {   /* {"op": count, ...} */
    uint32_t i;
    hln_report__out_s(o, "{");
    for (i = 0; i < n; i++) {
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_key(o, ops[i].op);
        hln_report__out_u(o, ops[i].count);
    }
    hln_report__out_s(o, "}");
}

/* The "summary" object of a model (inspect --json, compare --json, scan lines). */
static void hln_report__json_summary(hln_report__out *o, const hln_model *m, const hln_summary *s,
                                     const hln_graph_summary *graph) {
    uint32_t i;
    hln_report__out_s(o, "{\n    \"params\": ");
    hln_report__out_u(o, s->params);
    hln_report__out_s(o, ",\n    \"tensors\": ");
    hln_report__out_u(o, s->n_tensors);
    hln_report__out_s(o, ",\n    \"weight_bytes\": ");
    hln_report__out_u(o, s->weight_bytes);
    hln_report__out_s(o, ",\n    \"bits_per_weight\": ");
    hln_report__out_f(o, s->bits_per_weight);
    hln_report__out_s(o, ",\n    \"params_buffers\": ");
    hln_report__out_u(o, s->params_buffers);
    hln_report__out_s(o, ",\n    \"dtypes\": {");
    for (i = 0; i < s->n_dtypes; i++) {
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_key(o, hln_report__dtype_name(m, s->dtypes[i].dtype));
        hln_report__out_u(o, s->dtypes[i].tensors);
    }
    hln_report__out_s(o, "},\n    \"dtype_bytes\": {");
    for (i = 0; i < s->n_dtypes; i++) {
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_key(o, hln_report__dtype_name(m, s->dtypes[i].dtype));
        hln_report__out_u(o, s->dtypes[i].bytes);
    }
    hln_report__out_s(o, "}");
    if (m->graph) {   /* every graph of the model: what counts as a weight is docs/json.md's rule */
        static const char *const keys[] = { "weight_tensors", "shape_constants", "shape_constant_tensors",
                                            "shared_tensors", "initializers",
                                            "initializer_params", "constant_params", "initializer_params_all",
                                            "constant_params_all", "batchnorm_nodes", "batchnorm_foldable" };
        uint64_t vals[11];
        vals[0] = s->n_weights; vals[1] = s->shape_constants; vals[2] = s->n_shape_constants;
        vals[3] = s->n_shared; vals[4] = m->graph->n_initializers;
        vals[5] = s->initializer_params; vals[6] = s->constant_params; vals[7] = s->initializer_params_all;
        vals[8] = s->constant_params_all; vals[9] = s->n_batchnorm; vals[10] = s->n_batchnorm_foldable;
        for (i = 0; i < 11; i++) {
            hln_report__out_s(o, ",\n    ");
            hln_report__out_key(o, keys[i]);
            hln_report__out_u(o, vals[i]);
        }
    }
    if (graph) {
        const hln_graph_summary *g = graph;
        hln_report__out_s(o, ",\n    \"nodes\": ");
        hln_report__out_u(o, g->nodes);
        hln_report__out_s(o, ",\n    \"nodes_all\": ");
        hln_report__out_u(o, g->nodes_all);
        hln_report__out_s(o, ",\n    \"subgraphs\": ");
        hln_report__out_u(o, g->subgraphs);
        hln_report__out_s(o, ",\n    \"macs\": ");
        hln_report__out_count(o, g->macs);
        hln_report__out_s(o, ",\n    \"flops\": ");
        hln_report__out_count(o, g->flops);
        hln_report__out_s(o, ",\n    \"macs_exact\": ");
        hln_report__out_s(o, g->macs_exact ? "true" : "false");
        hln_report__out_s(o, ",\n    \"saturated\": ");
        hln_report__out_s(o, g->saturated ? "true" : "false");
        hln_report__json_formula(o, g);
        hln_report__out_s(o, ",\n    \"activation_peak_bytes\": ");
        hln_report__out_count(o, g->activation_peak_bytes);
        hln_report__out_s(o, ",\n    \"ops\": ");
        hln_report__json_ops(o, g->ops, g->n_ops);
        hln_report__out_s(o, ",\n    \"ops_all\": ");
        hln_report__json_ops(o, g->ops_all, g->n_ops_all);
        hln_report__out_s(o, ",\n    \"unresolved_dims\": [");
        for (i = 0; i < g->n_unresolved; i++) {
            hln_report__out_s(o, i ? ", " : "");
            hln_report__out_js(o, g->unresolved[i]);
        }
        hln_report__out_s(o, "]");
    }
    if (m->format == HLN_FORMAT_TFLITE) {   /* the file-level counts of issue 13 (docs/json.md) */
        hln_report__tfl_counts c;
        if (!hln_report__tflite_count(m, &c)) { o->nomem = 1; return; }
        hln_report__tflite_count_keys(o, m, &c);
    }
    hln_report__out_s(o, "\n  }");
}

/* An op histogram {"ADD": 2, ...} over graphs [first, end), by name. */
static void hln_report__tflite_ops(hln_report__out *o, const hln_model *m, uint32_t first, uint32_t end) {
    uint64_t n = 0, k = 0, i, run;
    uint32_t s, j;
    const char **names;
    for (s = first; s < end; s++) n += hln_report__tflite_graph(m, s)->n_nodes;
    names = (const char **)hln_allocator_alloc(&m->arena.allocator, (size_t)(n + 1) * sizeof(char *));
    hln_report__out_s(o, "{");
    if (!names) { hln_report__out_s(o, "}"); o->nomem = 1; return; }
    for (s = first; s < end; s++)
        for (j = 0; j < hln_report__tflite_graph(m, s)->n_nodes; j++) names[k++] = hln_report__tflite_graph(m, s)->nodes[j].op_type;
    qsort(names, (size_t)n, sizeof *names, hln_report__str_cmp);
    for (i = 0; i < n; i += run) {
        for (run = 1; i + run < n && strcmp(names[i], names[i + run]) == 0; run++) {}
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_key(o, names[i]);
        hln_report__out_u(o, run);
    }
    hln_report__out_s(o, "}");
    hln_allocator_free(&m->arena.allocator, (void *)names);
}

static void hln_report__tflite_values(hln_report__out *o, const hln_model *m, const hln_report_options *ro, const hln_graph *g,
                                      const int32_t *list, uint32_t n) {
    uint32_t i;
    int32_t d;
    for (i = 0; i < n; i++) {
        const hln_value *v = &g->values[list[i]];
        hln_report__name nm;
        hln_report__name_value(ro, g, (uint32_t)list[i], &nm);
        hln_report__out_s(o, i ? ", {\"index\": " : "{\"index\": ");
        hln_report__out_i(o, list[i]);
        hln_report__out_s(o, ", \"name\": ");
        if (nm.n) hln_report__out_jstr(o, nm.p, nm.n); else hln_report__out_s(o, "null");   /* no name in the file */
        hln_report__out_s(o, ", \"type\": ");
        hln_report__out_js(o, hln_report__dtype_name(m, v->dtype));
        hln_report__out_s(o, ", \"shape\": ");
        hln_report__json_shape(o, &v->shape);
        if (v->info && v->info->signature) {
            hln_report__out_s(o, ", \"shape_signature\": [");
            for (d = 0; d < v->info->signature_rank; d++) {
                hln_report__out_s(o, d ? ", " : "");
                hln_report__out_i(o, (int32_t)hln__load_uint(v->info->signature + 4 * d, 4, 0));
            }
            hln_report__out_s(o, "]");
        }
        hln_report__out_s(o, "}");
    }
}

static void hln_report__tflite_strings(hln_report__out *o, const hln_report_options *ro, const hln_kv *kv, char id) {
    hln_kv_iter it;
    hln_kv e;
    uint64_t k = 0;
    hln_report__out_s(o, "[");
    if (kv && kv->type == HLN_KV_ARRAY && kv->v.a.type == HLN_KV_STRING) {
        hln_kv_iter_init(&it, &kv->v.a);
        while (hln_kv_iter_next(&it, &e)) {
            hln_report__out_s(o, k ? ", " : "");
            if (ro->redact_names && id) {
                hln_report__name nm;
                hln_report__name_id(&nm, id, k);
                hln_report__out_jstr(o, nm.p, nm.n);
            } else hln_report__out_jstr(o, e.v.s.ptr, e.v.s.len);
            k++;
        }
    }
    hln_report__out_s(o, "]");
}

static void hln_report__json_tflite(hln_report__out *o, const hln_model *m, const hln_report_options *ro) {
    const hln_kv *desc = hln_model_find_kv(m, "tflite.description");
    hln_report__tfl_counts c;
    uint32_t s, i;
    char key[64];
    if (!hln_report__tflite_count(m, &c)) { o->nomem = 1; return; }
    hln_report__out_s(o, ",\n  \"tflite\": {\n    \"description\": ");
    if (desc && desc->type == HLN_KV_STRING) hln_report__out_jstr(o, desc->v.s.ptr, desc->v.s.len); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"subgraphs\": ");
    hln_report__out_u(o, c.n_graphs);
    hln_report__tflite_count_keys(o, m, &c);
    hln_report__out_s(o, ",\n    \"dequantized_fp16_weights\": ");
    hln_report__out_u(o, c.fp16_dequant);
    hln_report__out_s(o, ",\n    \"integer_macs\": ");
    if (ro->graph) hln_report__out_u(o, c.int_macs); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"integer_macs_share\": ");
    if (ro->graph && ro->graph->macs) hln_report__out_f(o, (double)c.int_macs / (double)ro->graph->macs); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"ops\": ");
    hln_report__tflite_ops(o, m, 0, c.n_graphs);
    hln_report__out_s(o, ",\n    \"operator_codes\": ");
    hln_report__tflite_strings(o, ro, hln_model_find_kv(m, "tflite.operator_codes"), 0);
    hln_report__out_s(o, ",\n    \"subgraph_list\": [");
    for (s = 0; s < c.n_graphs; s++) {
        const hln_graph *g = hln_report__tflite_graph(m, s);
        hln_report__out_s(o, s ? ",\n      {\"name\": " : "\n      {\"name\": ");
        hln_report__out_js(o, g->name);
        hln_report__out_s(o, ", \"tensors\": ");
        hln_report__out_u(o, g->n_values);
        hln_report__out_s(o, ", \"operators\": ");
        hln_report__out_u(o, g->n_nodes);
        if (ro->graph) {   /* every subgraph is analysed: WHILE/IF/CALL_ONCE bodies and signature entry points */
            hln_report__out_s(o, ", \"macs\": ");
            hln_report__out_count(o, g->macs);
            hln_report__out_s(o, ", \"flops\": ");
            hln_report__out_count(o, g->flops);
        }
        hln_report__out_s(o, ", \"ops\": ");
        hln_report__tflite_ops(o, m, s, s + 1);
        hln_report__out_s(o, ",\n       \"inputs\": [");
        hln_report__tflite_values(o, m, ro, g, g->inputs, g->n_inputs);
        hln_report__out_s(o, "],\n       \"outputs\": [");
        hln_report__tflite_values(o, m, ro, g, g->outputs, g->n_outputs);
        hln_report__out_s(o, "]}");
    }
    hln_report__out_s(o, c.n_graphs ? "\n    ],\n    \"signature_defs\": [" : "],\n    \"signature_defs\": [");
    for (i = 0;; i++) {
        const hln_kv *k, *sg;
        snprintf(key, sizeof key, "tflite.signature.%" PRIu32 ".key", i);
        if (!(k = hln_model_find_kv(m, key))) break;
        snprintf(key, sizeof key, "tflite.signature.%" PRIu32 ".subgraph", i);
        sg = hln_model_find_kv(m, key);
        hln_report__out_s(o, i ? ",\n      {\"signature_key\": " : "\n      {\"signature_key\": ");
        hln_report__out_jstr(o, k->v.s.ptr, k->v.s.len);
        hln_report__out_s(o, ", \"subgraph_index\": ");
        hln_report__out_u(o, sg ? sg->v.u : 0);
        hln_report__out_s(o, ", \"inputs\": ");
        snprintf(key, sizeof key, "tflite.signature.%" PRIu32 ".inputs", i);
        hln_report__tflite_strings(o, ro, hln_model_find_kv(m, key), 'i');
        hln_report__out_s(o, ", \"outputs\": ");
        snprintf(key, sizeof key, "tflite.signature.%" PRIu32 ".outputs", i);
        hln_report__tflite_strings(o, ro, hln_model_find_kv(m, key), 'o');
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, i ? "\n    ],\n    \"metadata\": [" : "],\n    \"metadata\": [");
    for (s = 0, i = 0; i < m->n_kv; i++)
        if (strncmp(m->kv[i].key, "tflite.metadata.", 16) == 0) {
            hln_report__out_s(o, s++ ? ", " : "");
            hln_report__out_js(o, m->kv[i].key + 16);
        }
    hln_report__out_s(o, "]\n  }");
}

/* ---- analysis reports: architecture paragraph, JSON keys, Markdown card ------------------ */
static void hln_report__out_i_or_null(hln_report__out *o, int64_t v) {
    if (v < 0) hln_report__out_s(o, "null"); else hln_report__out_i(o, v);
}
HLN_DEF size_t hln_report_architecture_text(const hln_analysis *a, char *buf, size_t cap) {
    size_t n = 0;
    uint32_t i;
#define HLN__ARCH_PUT(...) do { if (n < cap) { int w_ = snprintf(buf + n, cap - n, __VA_ARGS__); if (w_ > 0) n += (size_t)w_; } } while (0)
    if (!cap) return 0;
    buf[0] = 0;
    HLN__ARCH_PUT("%s", hln_arch_class_name(a->arch));
    for (i = 0; i < a->n_blocks; i++) HLN__ARCH_PUT("%s %s x%" PRIu32 "", i ? "," : ";", a->blocks[i].name, a->blocks[i].count);
    if (a->n_attention) {
        const hln_attention *t = &a->attention[0];
        HLN__ARCH_PUT("; attention %s", t->kind);
        if (t->n_head > 0) HLN__ARCH_PUT(" %lld heads", (long long)t->n_head);
        if (t->n_head_kv > 0 && t->n_head_kv != t->n_head) HLN__ARCH_PUT(" / %lld KV heads", (long long)t->n_head_kv);
        if (t->head_dim > 0) HLN__ARCH_PUT(", head_dim %lld", (long long)t->head_dim);
        HLN__ARCH_PUT("%s%s", t->causal == 1 ? ", causal" : t->causal == 0 ? ", bidirectional" : "", t->cross ? ", cross" : "");
        if (t->window > 0) HLN__ARCH_PUT(", window %lld", (long long)t->window);
    }
    if (a->mlp) HLN__ARCH_PUT("; MLP %s", a->mlp);
    if (a->norm) HLN__ARCH_PUT("; %s%s%s", a->norm, a->norm_placement ? " " : "", a->norm_placement ? a->norm_placement : "");
    if (a->position_encoding) {
        HLN__ARCH_PUT("; position %s", a->position_encoding);
        if (a->rope_base > 0) HLN__ARCH_PUT(" (base %g%s%s)", a->rope_base, a->rope_scaling ? ", scaling " : "", a->rope_scaling ? a->rope_scaling : "");
    }
    if (a->moe_experts > 0) HLN__ARCH_PUT("; MoE %lld experts, top-%lld", (long long)a->moe_experts, (long long)a->moe_top_k);
#undef HLN__ARCH_PUT
    return n < cap ? n : cap - 1;
}

/* Per layer kind: precision (params, bytes, bits, dtype) or cost (params, MACs, FLOPs). */
static void hln_report__json_kinds(hln_report__out *o, const hln_model *m, const hln_kind_stat *ks, int precision) {
    uint32_t i;
    hln_report__out_s(o, "{");
    for (i = 0; i < HLN_LAYER_KINDS; i++) {
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_key(o, hln_layer_kind_name(i));
        hln_report__out_s(o, "{\"params\": ");
        hln_report__out_u(o, ks[i].params);
        if (precision) {
            hln_report__out_s(o, ", \"bytes\": "); hln_report__out_u(o, ks[i].bytes);
            hln_report__out_s(o, ", \"bits\": "); hln_report__out_f(o, ks[i].bits);
            hln_report__out_s(o, ", \"dtype\": ");
            if (ks[i].dtype != HLN_DTYPE_UNKNOWN) hln_report__out_js(o, hln_report__dtype_name(m, ks[i].dtype)); else hln_report__out_s(o, "null");
        } else {
            hln_report__out_s(o, ", \"macs\": "); hln_report__out_u(o, ks[i].macs);
            hln_report__out_s(o, ", \"flops\": "); hln_report__out_u(o, ks[i].flops);
        }
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, "}");
}
/* Risk and deduction texts name nodes and tensors: redaction hides them. */
static void hln_report__json_where(hln_report__out *o, const hln_report_options *ro, const char *where) {
    if (ro->redact_names) hln_report__out_s(o, "\"(redacted)\"");
    else hln_report__out_js(o, where ? where : "");
}
/* --weights: the number of float matrices whose Q4_0 SNR was measured, and in *med their median
   (the middle one of the sorted SNRs, as the quant-sensitive lint takes it); 0 when none. */
static int hln_report__double_cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}
static uint32_t hln_report__snr_median(const hln_model *m, const hln_analysis *a, double *med) {
    uint32_t i, n = 0;
    double *v;
    *med = 0;
    for (i = 0; a->quant_snr_db && i < m->n_tensors; i++) n += a->quant_snr_db[i] > 0;
    if (!n || !(v = (double *)hln_allocator_alloc(&m->arena.allocator, (size_t)n * sizeof(double)))) return n;
    for (i = 0, n = 0; i < m->n_tensors; i++) if (a->quant_snr_db[i] > 0) v[n++] = a->quant_snr_db[i];
    qsort(v, n, sizeof *v, hln_report__double_cmp);
    *med = v[n / 2];
    hln_allocator_free(&m->arena.allocator, v);
    return n;
}

static void hln_report__json_analysis(hln_report__out *o, const hln_model *m, const hln_report_options *ro) {
    const hln_analysis *a = ro->analysis;
    const hln_quantization *q = &a->quant;
    uint32_t i, k, sev;
    hln_report__out_s(o, ",\n  \"analysis\": {\n    \"architecture\": {\"class\": ");
    hln_report__out_js(o, hln_arch_class_name(a->arch));
    hln_report__out_s(o, ", \"evidence\": [");
    for (i = 0; i < a->n_evidence; i++) { hln_report__out_s(o, i ? ", " : ""); hln_report__json_where(o, ro, a->evidence[i]); }
    hln_report__out_s(o, "]},\n    \"blocks\": [");
    for (i = 0; i < a->n_blocks; i++) {
        const hln_block *b = &a->blocks[i];
        hln_report__out_s(o, i ? ",\n      {\"name\": " : "\n      {\"name\": ");
        hln_report__out_js(o, b->name);
        hln_report__out_s(o, ", \"count\": "); hln_report__out_u(o, b->count);
        hln_report__out_s(o, ", \"ops\": "); hln_report__out_u(o, b->ops);
        hln_report__out_s(o, ", \"params\": "); hln_report__out_u(o, b->params);
        hln_report__out_s(o, ", \"macs\": "); hln_report__out_u(o, b->macs);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, a->n_blocks ? "\n    ],\n    \"patterns\": [" : "],\n    \"patterns\": [");
    for (i = 0; i < a->n_patterns; i++) {
        const hln_pattern *p = &a->patterns[i];
        hln_report__out_s(o, i ? ",\n      {\"kind\": " : "\n      {\"kind\": ");
        hln_report__out_js(o, p->kind);
        hln_report__out_s(o, ", \"detail\": ");
        if (p->detail && !(ro->redact_names && strcmp(p->kind, "duplicate_weights") == 0)) hln_report__out_js(o, p->detail); else hln_report__out_s(o, "null");
        hln_report__out_s(o, ", \"count\": "); hln_report__out_u(o, p->count);
        hln_report__out_s(o, p->where_tensors ? ", \"where_kind\": \"tensor\", \"where\": [" : ", \"where_kind\": \"node\", \"where\": [");
        for (k = 0; k < p->n_where; k++) { hln_report__out_s(o, k ? ", " : ""); hln_report__out_u(o, p->where[k]); }
        hln_report__out_s(o, "]}");
    }
    hln_report__out_s(o, a->n_patterns ? "\n    ],\n    \"attention\": [" : "],\n    \"attention\": [");
    for (i = 0; i < a->n_attention; i++) {
        const hln_attention *t = &a->attention[i];
        hln_report__out_s(o, i ? ",\n      {\"kind\": " : "\n      {\"kind\": ");
        hln_report__out_js(o, t->kind);
        hln_report__out_s(o, ", \"n_head\": "); hln_report__out_i_or_null(o, t->n_head);
        hln_report__out_s(o, ", \"n_head_kv\": "); hln_report__out_i_or_null(o, t->n_head_kv);
        hln_report__out_s(o, ", \"head_dim\": "); hln_report__out_i_or_null(o, t->head_dim);
        hln_report__out_s(o, ", \"latent\": "); hln_report__out_i_or_null(o, t->latent);
        hln_report__out_s(o, ", \"causal\": "); hln_report__out_s(o, t->causal < 0 ? "null" : t->causal ? "true" : "false");
        hln_report__out_s(o, ", \"cross\": "); hln_report__out_s(o, t->cross ? "true" : "false");
        hln_report__out_s(o, ", \"window\": "); hln_report__out_i_or_null(o, t->window);
        hln_report__out_s(o, ", \"kv_saving_vs_mha\": "); hln_report__out_f(o, t->kv_saving_vs_mha);
        hln_report__out_s(o, ", \"block\": "); hln_report__out_u(o, t->layer);
        hln_report__out_s(o, ", \"fused_op\": "); if (t->fused_op) hln_report__out_js(o, t->fused_op); else hln_report__out_s(o, "null");
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, a->n_attention ? "\n    ],\n    \"position_encoding\": " : "],\n    \"position_encoding\": ");
    if (a->position_encoding) {
        hln_report__out_s(o, "{\"kind\": ");
        hln_report__out_js(o, a->position_encoding);
        hln_report__out_s(o, ", \"base\": "); if (a->rope_base > 0) hln_report__out_f(o, a->rope_base); else hln_report__out_s(o, "null");
        hln_report__out_s(o, ", \"scaling\": "); if (a->rope_scaling) hln_report__out_js(o, a->rope_scaling); else hln_report__out_s(o, "null");
        hln_report__out_s(o, ", \"factor\": "); if (a->rope_scale > 0) hln_report__out_f(o, a->rope_scale); else hln_report__out_s(o, "null");
        hln_report__out_s(o, "}");
    } else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"mlp\": ");
    if (a->mlp) hln_report__out_js(o, a->mlp); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"norm\": ");
    if (a->norm) {
        hln_report__out_s(o, "{\"kind\": "); hln_report__out_js(o, a->norm);
        hln_report__out_s(o, ", \"placement\": "); if (a->norm_placement) hln_report__out_js(o, a->norm_placement); else hln_report__out_s(o, "null");
        hln_report__out_s(o, "}");
    } else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"moe\": ");
    if (a->moe_experts > 0 || a->moe_top_k > 0) {
        hln_report__out_s(o, "{\"experts\": "); hln_report__out_i_or_null(o, a->moe_experts);
        hln_report__out_s(o, ", \"top_k\": "); hln_report__out_i_or_null(o, a->moe_top_k);
        hln_report__out_s(o, "}");
    } else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\n    \"tied_embeddings\": ");
    hln_report__out_s(o, a->tied_embeddings < 0 ? "null" : a->tied_embeddings ? "true" : "false");
    if (m->graph) {
        hln_report__out_s(o, ",\n    \"fusions\": {\"groups\": [");
        for (i = 0; i < a->n_fusions; i++) {
            hln_report__out_s(o, i ? ", {\"kind\": " : "{\"kind\": ");
            hln_report__out_js(o, a->fusions[i].kind);
            hln_report__out_s(o, ", \"count\": "); hln_report__out_u(o, a->fusions[i].count);
            hln_report__out_s(o, ", \"nodes\": "); hln_report__out_u(o, a->fusions[i].nodes_fused);
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, "], \"layers\": "); hln_report__out_u(o, a->layers);
        hln_report__out_s(o, ", \"layers_after\": "); hln_report__out_u(o, a->layers_after_fusion);
        hln_report__out_s(o, "},\n    \"critical_path\": {\"macs_share\": "); hln_report__out_f(o, a->critical_macs_share);
        hln_report__out_s(o, ", \"bytes_share\": "); hln_report__out_f(o, a->critical_bytes_share);
        hln_report__out_s(o, ", \"length\": "); hln_report__out_u(o, a->n_critical);
        hln_report__out_s(o, ", \"nodes\": [");
        for (i = 0; i < a->n_critical && !ro->summary_only; i++) { hln_report__out_s(o, i ? ", " : ""); hln_report__out_u(o, a->critical[i]); }
        hln_report__out_s(o, "]},\n    \"memory_peak\": {\"bytes\": "); hln_report__out_u(o, a->timeline_peak);
        hln_report__out_s(o, ", \"step\": "); hln_report__out_u(o, a->timeline_peak_step);
        hln_report__out_s(o, ", \"values\": [");
        for (i = 0; i < a->n_peak_values; i++) {
            hln_report__name nm;
            hln_report__name_value(ro, m->graph, a->peak_values[i], &nm);
            hln_report__out_s(o, i ? ", " : "");
            hln_report__out_jstr(o, nm.p, nm.n);
        }
        hln_report__out_s(o, "]},\n    \"memory_timeline\": [");
        for (i = 0; i < a->n_timeline && !ro->summary_only; i++) { hln_report__out_s(o, i ? ", " : ""); hln_report__out_u(o, a->timeline[i]); }
        hln_report__out_s(o, "]");
    }
    if (a->sparsity) {
        hln_report__out_s(o, ",\n    \"weights\": {\"duplicates\": ");
        hln_report__out_u(o, a->n_duplicates);
        hln_report__out_s(o, ", \"tensors\": [");
        for (i = 0, k = 0; i < m->n_tensors; i++) {
            const hln_tensor_sparsity *sp = &a->sparsity[i];
            hln_report__name nm;
            if (!(sp->zero_share > 0) && !sp->nm_m && !sp->outlier_channels) continue;
            hln_report__name_tensor(ro, m, i, &nm);
            hln_report__out_s(o, k++ ? ",\n      {\"tensor\": " : "\n      {\"tensor\": ");
            hln_report__out_jstr(o, nm.p, nm.n);
            hln_report__out_s(o, ", \"zero_share\": "); hln_report__out_f(o, sp->zero_share);
            hln_report__out_s(o, ", \"structured\": ");
            if (sp->nm_m) { char t[16]; snprintf(t, sizeof t, "%d:%d", sp->nm_n, sp->nm_m); hln_report__out_js(o, t); } else hln_report__out_s(o, "null");
            hln_report__out_s(o, ", \"outlier_channels\": "); hln_report__out_u(o, sp->outlier_channels);
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, "]}");
    }
    hln_report__out_s(o, "\n  },\n  \"risks\": [");
    for (sev = 3, k = 0; sev-- > 0;)   /* high first */
        for (i = 0; i < a->n_risks; i++) {
            const hln_risk *r = &a->risks[i];
            if ((uint32_t)(hln_severity)r->level != sev) continue;
            hln_report__out_s(o, k++ ? ",\n    {\"id\": " : "\n    {\"id\": ");
            hln_report__out_js(o, r->id);
            hln_report__out_s(o, ", \"severity\": "); hln_report__out_js(o, hln_severity_name((hln_severity)r->level));
            hln_report__out_s(o, ", \"where\": "); hln_report__json_where(o, ro, r->where);
            hln_report__out_s(o, ", \"why\": "); hln_report__out_js(o, r->why);
            hln_report__out_s(o, ", \"fix\": "); hln_report__out_js(o, r->fix);
            hln_report__out_s(o, "}");
        }
    hln_report__out_s(o, k ? "\n  ],\n  \"quantization\": {\"scheme\": " : "],\n  \"quantization\": {\"scheme\": ");
    hln_report__out_js(o, q->scheme);
    hln_report__out_s(o, ", \"detail\": "); if (q->detail) hln_report__out_js(o, q->detail); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ", \"act_order\": "); hln_report__out_s(o, q->act_order < 0 ? "null" : q->act_order ? "true" : "false");
    hln_report__out_s(o, ",\n    \"qdq\": {\"quantize\": "); hln_report__out_u(o, q->quantize);
    hln_report__out_s(o, ", \"dequantize\": "); hln_report__out_u(o, q->dequantize);
    hln_report__out_s(o, ", \"qoperator\": "); hln_report__out_u(o, q->qoperator);
    hln_report__out_s(o, ", \"int_mac_share\": "); hln_report__out_f(o, q->int_mac_share);
    hln_report__out_s(o, ", \"per_tensor\": "); hln_report__out_u(o, q->per_tensor);
    hln_report__out_s(o, ", \"per_channel\": "); hln_report__out_u(o, q->per_channel);
    hln_report__out_s(o, ", \"block_wise\": "); hln_report__out_u(o, q->block_wise);
    hln_report__out_s(o, ", \"precision_changes\": "); hln_report__out_u(o, q->precision_changes);
    hln_report__out_s(o, "},\n    \"by_layer_kind\": ");
    hln_report__json_kinds(o, m, q->by_layer_kind, 1);
    hln_report__out_s(o, ",\n    \"scale_mismatches\": [");
    for (i = 0; i < q->n_mismatch; i++) {
        hln_report__name nm;
        hln_report__out_s(o, i ? ", {\"node\": " : "{\"node\": ");
        if (m->graph) { hln_report__name_node(ro, m->graph, (uint32_t)q->mismatch[i].node, &nm); hln_report__out_jstr(o, nm.p, nm.n); }
        else hln_report__out_s(o, "null");
        hln_report__out_s(o, ", \"ratio\": "); hln_report__out_f(o, q->mismatch[i].ratio);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, "],\n    \"lint\": {\"score\": "); hln_report__out_i(o, q->score);
    hln_report__out_s(o, ", \"deductions\": [");
    for (i = 0; i < q->n_deductions; i++) {
        const hln_lint_deduction *d = &q->deductions[i];
        hln_report__out_s(o, i ? ",\n      {\"id\": " : "\n      {\"id\": ");
        hln_report__out_js(o, d->id);
        hln_report__out_s(o, ", \"points\": "); hln_report__out_i(o, d->level);
        hln_report__out_s(o, ", \"where\": "); hln_report__json_where(o, ro, d->where);
        hln_report__out_s(o, ", \"why\": "); hln_report__json_where(o, ro, d->why);
        hln_report__out_s(o, ", \"fix\": "); hln_report__out_js(o, d->fix);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, "], \"keep_high_precision\": [");
    for (i = 0; i < q->n_keep; i++) {
        hln_report__name nm;
        hln_report__name_tensor(ro, m, q->keep[i], &nm);
        hln_report__out_s(o, i ? ", " : "");
        hln_report__out_jstr(o, nm.p, nm.n);
    }
    hln_report__out_s(o, "]},\n    \"sensitivity\": ");   /* --weights: each measured float matrix's Q4_0 SNR */
    if (!a->quant_snr_db) hln_report__out_s(o, "null");
    else {
        double med = 0;
        uint32_t n = hln_report__snr_median(m, a, &med);
        hln_report__out_s(o, "{\"format\": \"Q4_0\", \"measured\": "); hln_report__out_u(o, n);
        hln_report__out_s(o, ", \"median_db\": "); if (n) hln_report__out_f(o, med); else hln_report__out_s(o, "null");
        hln_report__out_s(o, ", \"tensors\": [");
        for (i = 0, k = 0; i < m->n_tensors; i++) {
            hln_report__name nm;
            if (!(a->quant_snr_db[i] > 0)) continue;
            hln_report__name_tensor(ro, m, i, &nm);
            hln_report__out_s(o, k++ ? ", {\"tensor\": " : "{\"tensor\": ");
            hln_report__out_jstr(o, nm.p, nm.n);
            hln_report__out_s(o, ", \"snr_db\": "); hln_report__out_f(o, a->quant_snr_db[i]);
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, "]}");
    }
    hln_report__out_s(o, "},\n  \"efficiency\": {\"flops_per_param\": ");
    hln_report__out_f(o, a->flops_per_param);
    hln_report__out_s(o, ", \"arithmetic_intensity\": "); hln_report__out_f(o, a->intensity);
    hln_report__out_s(o, ",\n    \"by_layer_kind\": ");
    hln_report__json_kinds(o, m, a->by_kind, 0);
    if (m->graph && a->node_intensity && !ro->summary_only) {
        hln_report__out_s(o, ",\n    \"node_intensity\": [");
        for (i = 0; i < m->graph->n_nodes; i++) { hln_report__out_s(o, i ? ", " : ""); hln_report__out_f(o, a->node_intensity[i]); }
        hln_report__out_s(o, "]");
    }
    if (a->n_blocks) {   /* per block kind: FLOPs over the bytes its first instance's nodes move */
        hln_report__out_s(o, ",\n    \"blocks\": [");
        for (i = 0; i < a->n_blocks; i++) {
            hln_report__out_s(o, i ? ", {\"name\": " : "{\"name\": ");
            hln_report__out_js(o, a->blocks[i].name);
            hln_report__out_s(o, ", \"arithmetic_intensity\": ");
            hln_report__out_f(o, a->blocks[i].intensity);
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, "]");
    }
    hln_report__out_s(o, "}");
}

static void hln_report__md_analysis(hln_report__out *o, const hln_model *m, const hln_report_options *ro) {
    const hln_analysis *a = ro->analysis;
    char line[1024];
    uint32_t i, sev;
    hln_report_architecture_text(a, line, sizeof line);
    hln_report__out_s(o, "\n## Model structure\n\n**");
    hln_report__out_md(o, line, strlen(line));
    hln_report__out_s(o, "**\n\nEvidence:\n\n");
    for (i = 0; i < a->n_evidence; i++) {
        hln_report__out_s(o, "- ");
        if (ro->redact_names) hln_report__out_s(o, "(redacted)"); else hln_report__out_md(o, a->evidence[i], strlen(a->evidence[i]));
        hln_report__out_s(o, "\n");
    }
    if (a->n_blocks) {
        hln_report__out_s(o, "\n| block | count | ops | parameters | MACs |\n|---|---:|---:|---:|---:|\n");
        for (i = 0; i < a->n_blocks; i++) {
            char macs[24];
            if (a->blocks[i].macs == UINT64_MAX) snprintf(macs, sizeof macs, "saturated");   /* no count */
            else snprintf(macs, sizeof macs, "%llu", (unsigned long long)a->blocks[i].macs);
            snprintf(line, sizeof line, "| %s | x%" PRIu32 " | %" PRIu32 " | %llu | %s |\n", a->blocks[i].name, a->blocks[i].count, a->blocks[i].ops,
                     (unsigned long long)a->blocks[i].params, macs);
            hln_report__out_s(o, line);
        }
    }
    if (a->n_attention) {
        hln_report__out_s(o, "\n| attention | block | heads | KV heads | head dim | causal | KV saving vs MHA |\n|---|---:|---:|---:|---:|---|---:|\n");
        for (i = 0; i < a->n_attention; i++) {
            const hln_attention *t = &a->attention[i];
            snprintf(line, sizeof line, "| %s | %" PRIu32 " | %lld | %lld | %lld | %s | %.0f%% |\n", t->kind, t->layer, (long long)t->n_head,
                     (long long)t->n_head_kv, (long long)t->head_dim, t->causal == 1 ? "yes" : t->causal == 0 ? "no" : "?",
                     100.0 * t->kv_saving_vs_mha);
            hln_report__out_s(o, line);
        }
    }
    if (a->n_risks) {
        hln_report__out_s(o, "\n### Risks\n\n| severity | id | where | why | fix |\n|---|---|---|---|---|\n");
        for (sev = 3; sev-- > 0;)
            for (i = 0; i < a->n_risks; i++) {
                const hln_risk *r = &a->risks[i];
                if ((uint32_t)(hln_severity)r->level != sev) continue;
                snprintf(line, sizeof line, "| %s | `%s` | ", hln_severity_name((hln_severity)r->level), r->id);
                hln_report__out_s(o, line);
                if (ro->redact_names) hln_report__out_s(o, "(redacted)"); else hln_report__out_md(o, r->where, strlen(r->where));
                hln_report__out_s(o, " | ");
                hln_report__out_md(o, r->why, strlen(r->why));
                hln_report__out_s(o, " | ");
                hln_report__out_md(o, r->fix, strlen(r->fix));
                hln_report__out_s(o, " |\n");
            }
    }
    snprintf(line, sizeof line, "\n### Quantization\n\n- scheme: %s\n- integer MAC share: %.1f%%\n- readiness score: %d / 100\n",
             a->quant.scheme, 100.0 * a->quant.int_mac_share, a->quant.score);
    hln_report__out_s(o, line);
    for (i = 0; i < a->quant.n_deductions; i++) {
        const hln_lint_deduction *d = &a->quant.deductions[i];
        snprintf(line, sizeof line, "  - -%d `%s` ", d->level, d->id);
        hln_report__out_s(o, line);
        if (ro->redact_names) hln_report__out_s(o, "(redacted)"); else hln_report__out_md(o, d->where, strlen(d->where));
        hln_report__out_s(o, ": ");
        hln_report__out_md(o, d->fix, strlen(d->fix));
        hln_report__out_s(o, "\n");
    }
    if (a->quant_snr_db) {   /* --weights: the Q4_0 sensitivity estimate, its median and the lowest matrix */
        double med = 0;
        uint32_t n = hln_report__snr_median(m, a, &med), low = 0;
        for (i = 0; i < m->n_tensors; i++) if (a->quant_snr_db[i] > 0 && (!(a->quant_snr_db[low] > 0) || a->quant_snr_db[i] < a->quant_snr_db[low])) low = i;
        if (n) {
            snprintf(line, sizeof line, "- Q4_0 SNR (`--weights`): %" PRIu32 " matrices measured, median %.1f dB, lowest ", n, med);
            hln_report__out_s(o, line);
            if (ro->redact_names) hln_report__out_s(o, "(redacted)"); else hln_report__out_md(o, m->tensors[low].name, strlen(m->tensors[low].name));
            snprintf(line, sizeof line, " %.1f dB\n", a->quant_snr_db[low]);
            hln_report__out_s(o, line);
        }
    }
}

/* A graph tensor's marks in "tensors": what it is when it is no weight, and who shares it. */
static void hln_report__json_roles(hln_report__out *o, const hln_model *m, const hln_report_options *ro,
                                   const hln_report__readers *rd, uint32_t i) {
    const hln_tensor_role *r = &rd->roles[i];
    uint32_t k;
    const char *role = hln_report__role_name(m, rd, i);
    if (strcmp(role, "weight") != 0) {
        hln_report__out_s(o, ", ");
        hln_report__out_key(o, role);
        hln_report__out_s(o, "true");
    }
    if ((r->flags & HLN_ROLE_WEIGHT) && !(r->flags & HLN_ROLE_MAIN)) hln_report__out_s(o, ", \"subgraph\": true");
    if (r->flags & HLN_ROLE_BUFFER) hln_report__out_s(o, ", \"buffer\": true");
    if (r->users < 2) return;
    hln_report__out_s(o, ", \"users\": ");
    hln_report__out_u(o, r->users);
    hln_report__out_s(o, ", \"shared_by\": [");
    for (k = rd->start[i]; k < rd->start[i + 1]; k++) {
        hln_report__name nm;
        hln_report__name_node(ro, m->graph, rd->list[k], &nm);
        hln_report__out_s(o, k > rd->start[i] ? ", " : "");
        hln_report__out_jstr(o, nm.p, nm.n);
    }
    hln_report__out_s(o, "]");
}

HLN_DEF hln_result hln_report_json(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln_report__out *o;
    hln_summary s;
    hln_llm l;
    uint32_t i;
    hln_report_options def;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    o = hln_report__out_new(m, write, user);
    if (!o) return HLN_ERR_NOMEM;
    if (hln_model_summarize(m, &s) != HLN_OK || hln_model_llm(m, &l) != HLN_OK) { hln_report__out_done(o); return HLN_ERR_NOMEM; }

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

    hln_report__out_s(o, "  \"summary\": ");
    hln_report__json_summary(o, m, &s, ro->graph);
    hln_report__out_s(o, ",\n  \"metadata\": {");
    for (i = 0; i < m->n_kv; i++) {
        const hln_kv *kv = &m->kv[i];
        int keep = hln_report__kv_keep_string(ro, kv->key);
        hln_report__out_s(o, i ? ",\n    " : "\n    ");
        hln_report__out_key(o, kv->key);
        hln_report__json_kv(o, kv, keep);
    }
    hln_report__out_s(o, m->n_kv ? "\n  },\n  \"llm\": " : "},\n  \"llm\": ");
    if (l.valid) hln_report__json_llm(o, &l); else hln_report__out_s(o, "null");
    if (m->format == HLN_FORMAT_TFLITE) hln_report__json_tflite(o, m, ro);
    if (m->format_facts) {   /* the format reader's own facts, as it wrote them (docs/json.md) */
        hln_report__out_s(o, ",\n  \"");
        hln_report__out_s(o, m->format == HLN_FORMAT_OPENVINO ? "openvino" : m->format == HLN_FORMAT_TENSORRT ? "tensorrt" : hln_format_name(m->format));
        hln_report__out_s(o, "\": ");
        hln_report__out_s(o, ro->redact_names && m->format_facts_redacted ? m->format_facts_redacted : m->format_facts);
    }
    if (ro->analysis) hln_report__json_analysis(o, m, ro);

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
                hln_report__out_count(o, n->macs);
                hln_report__out_s(o, ", \"flops\": ");
                hln_report__out_count(o, n->flops);
                hln_report__out_s(o, ", \"params\": ");
                hln_report__out_u(o, n->params);
                hln_report__out_s(o, "}");
            }
            hln_report__out_s(o, g->n_nodes ? "\n  ]" : "]");
        }
    }
    if (!ro->summary_only) {
        hln_report__readers rd;
        hln_result rr = hln_report__readers_init(m, &rd);
        if (rr != HLN_OK) { hln_report__out_done(o); return rr; }
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
            if (m->graph) hln_report__json_roles(o, m, ro, &rd, i);
            if (ro->weights && ro->weights[i].decoded) hln_report__json_weight_stats(o, &ro->weights[i]);
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, m->n_tensors ? "\n  ]" : "]");
        hln_report__readers_free(m, &rd);
    }
    if (ro->deploy) hln_report__json_deploy(o, m, ro);
    hln_report__out_s(o, "\n}\n");
    return hln_report__out_done(o);
}

/* ---- Markdown ----------------------------------------------------------------------------- */
HLN_DEF hln_result hln_report_markdown(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln_report__out *o;
    hln_summary s;
    hln_llm l;
    char a[64], b[64], line[512];
    const char *fname;
    uint32_t i;
    hln_report_options def;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    o = hln_report__out_new(m, write, user);
    if (!o) return HLN_ERR_NOMEM;
    if (hln_model_summarize(m, &s) != HLN_OK || hln_model_llm(m, &l) != HLN_OK) { hln_report__out_done(o); return HLN_ERR_NOMEM; }
    fname = hln_report__file_name(ro);
    hln_report__out_s(o, "# Model card: ");
    hln_report__out_md(o, fname, strlen(fname));
    hln_report__out_s(o, "\n\n| | |\n|---|---|\n");
    snprintf(line, sizeof line, "| format | %s (version %" PRIu32 ") |\n", hln_format_name(m->format), m->version);
    hln_report__out_s(o, line);
    hln_report_fmt_count(a, sizeof a, (double)s.params);
    snprintf(line, sizeof line, "| parameters | %llu (%s) |\n", (unsigned long long)s.params, a);
    hln_report__out_s(o, line);
    hln_report_fmt_bytes(b, sizeof b, (double)s.weight_bytes);
    snprintf(line, sizeof line, "| weights | %llu bytes (%s), %.3f bits per weight |\n",
             (unsigned long long)s.weight_bytes, b, s.bits_per_weight);
    hln_report__out_s(o, line);
    snprintf(line, sizeof line, "| tensors | %" PRIu32 " (%" PRIu32 " weights, %" PRIu32 " shape constants) |\n", s.n_tensors, s.n_weights, s.n_shape_constants);
    hln_report__out_s(o, line);
    if (s.n_shape_constants) {
        snprintf(line, sizeof line, "| shape constants | %llu elements, not parameters |\n", (unsigned long long)s.shape_constants);
        hln_report__out_s(o, line);
    }
    if (s.params_buffers) {
        snprintf(line, sizeof line, "| BatchNorm statistics | %llu of the parameters (not trainable) |\n", (unsigned long long)s.params_buffers);
        hln_report__out_s(o, line);
    }
    if (s.n_shared) {
        snprintf(line, sizeof line, "| shared weights | %" PRIu32 " tensors read by several nodes, each counted once |\n", s.n_shared);
        hln_report__out_s(o, line);
    }
    if (ro->graph) {
        char text[512];
        hln_report_fmt_count(a, sizeof a, (double)ro->graph->macs);
        snprintf(line, sizeof line, "| nodes | %" PRIu32 " (%" PRIu32 " with subgraphs) |\n", ro->graph->nodes, ro->graph->nodes_all);
        hln_report__out_s(o, line);
        if (ro->graph->saturated) hln_report__out_s(o, "| MACs | saturated: more than 2^64 - 1, not a count |\n");
        else {
            snprintf(line, sizeof line, "| MACs | %llu (%s)%s |\n", (unsigned long long)ro->graph->macs, a,
                     ro->graph->macs_exact ? "" : ", lower bound: some sizes are unknown");
            hln_report__out_s(o, line);
        }
        hln_report_fmt_dims(text, sizeof text, ro->graph);
        if (text[0]) { hln_report__out_s(o, "| dims | "); hln_report__out_md(o, text, strlen(text)); hln_report__out_s(o, " |\n"); }
        hln_report_fmt_formula(text, sizeof text, ro->graph);
        if (text[0] && ro->graph->n_formula_dims) { hln_report__out_s(o, "| MACs formula | "); hln_report__out_md(o, text, strlen(text)); hln_report__out_s(o, " |\n"); }
        hln_report_fmt_bytes(b, sizeof b, (double)ro->graph->activation_peak_bytes);
        snprintf(line, sizeof line, "| activation peak | %llu bytes (%s) |\n",
                 (unsigned long long)ro->graph->activation_peak_bytes, b);
        hln_report__out_s(o, ro->graph->activation_peak_bytes == UINT64_MAX ? "| activation peak | saturated: 2^64 bytes or more |\n" : line);
    }
    hln_report__out_s(o, "\n## Precision\n\n| dtype | tensors | parameters | bytes | share of bytes |\n|---|---:|---:|---:|---:|\n");
    for (i = 0; i < s.n_dtypes; i++) {
        snprintf(line, sizeof line, "| %s | %" PRIu32 " | %llu | %llu | %.1f%% |\n", hln_report__dtype_name(m, s.dtypes[i].dtype),
                 s.dtypes[i].tensors, (unsigned long long)s.dtypes[i].elements, (unsigned long long)s.dtypes[i].bytes,
                 s.weight_bytes ? 100.0 * (double)s.dtypes[i].bytes / (double)s.weight_bytes : 0.0);
        hln_report__out_s(o, line);
    }
    if (ro->graph && ro->graph->n_ops) {
        const hln_graph_summary *g = ro->graph;
        hln_report__out_s(o, "\n## Operators\n\n| op | count | parameters | MACs | share of MACs |\n|---|---:|---:|---:|---:|\n");
        for (i = 0; i < g->n_ops; i++) {
            const char *op = g->ops[i].op ? g->ops[i].op : "";
            hln_report__out_s(o, "| `");
            hln_report__out_md(o, op, strlen(op));
            if (g->ops[i].macs == UINT64_MAX || g->saturated)   /* a saturated count is no number */
                snprintf(line, sizeof line, "` | %" PRIu32 " | %llu | %s | |\n", g->ops[i].count, (unsigned long long)g->ops[i].params,
                         g->ops[i].macs == UINT64_MAX ? "saturated" : "");
            else
                snprintf(line, sizeof line, "` | %" PRIu32 " | %llu | %llu | %.1f%% |\n", g->ops[i].count,
                         (unsigned long long)g->ops[i].params, (unsigned long long)g->ops[i].macs,
                         g->macs ? 100.0 * (double)g->ops[i].macs / (double)g->macs : 0.0);
            hln_report__out_s(o, line);
        }
    }
    if (ro->analysis) hln_report__md_analysis(o, m, ro);
    if (ro->deploy) hln_report__serving_table(o, m, 1);
    if (l.valid) {
        hln_report__out_s(o, "\n## Architecture\n\n- architecture: ");
        if (l.hp.arch) hln_report__out_md(o, l.hp.arch, strlen(l.hp.arch)); else hln_report__out_s(o, "unknown");
        snprintf(line, sizeof line, "\n- layers: %lld, heads: %lld (KV heads %lld), embedding: %lld, head dim: %lld\n"
                 "- context length: %lld, feed-forward: %lld, vocabulary: %lld\n",
                 (long long)l.hp.n_layer, (long long)l.hp.n_head,
                 (long long)l.hp.n_head_kv, (long long)l.hp.n_embd, (long long)l.hp.head_dim,
                 (long long)l.hp.context_length, (long long)l.hp.n_ff, (long long)l.hp.n_vocab);
        hln_report__out_s(o, line);
        if (l.hp.expert_count > 0) {
            snprintf(line, sizeof line, "- experts: %lld, used per token: %lld; parameters active per token: %llu of %llu\n",
                     (long long)l.hp.expert_count, (long long)l.hp.expert_used_count,
                     (unsigned long long)l.params_active, (unsigned long long)l.params_total);
            hln_report__out_s(o, line);
        }
        if (l.kv_bytes_per_token_f16) {
            uint32_t k;
            snprintf(line, sizeof line, "\n### KV cache (f16, %llu bytes per token)\n\n| context | bytes | size |\n|---:|---:|---:|\n",
                     (unsigned long long)l.kv_bytes_per_token_f16);
            hln_report__out_s(o, line);
            for (k = 0; k < HLN_KV_CURVE_POINTS; k++) {
                hln_report_fmt_bytes(b, sizeof b, (double)l.kv_bytes[k]);
                snprintf(line, sizeof line, "| %lluk | %llu | %s |\n", (unsigned long long)(l.kv_context[k] / 1024),
                         (unsigned long long)l.kv_bytes[k], b);
                hln_report__out_s(o, line);
            }
        }
    }
    if (!ro->summary_only && m->n_tensors) {
        hln_report__readers rd;
        hln_result rr = hln_report__readers_init(m, &rd);
        if (rr != HLN_OK) { hln_report__out_done(o); return rr; }
        hln_report__out_s(o, "\n## Tensors\n\n| name | dtype | shape | bytes | role |\n|---|---|---|---:|---|\n");
        for (i = 0; i < m->n_tensors; i++) {
            const hln_tensor *t = &m->tensors[i];
            hln_report__name nm;
            hln_report__name_tensor(ro, m, i, &nm);
            hln_report__out_s(o, "| `");
            hln_report__out_md(o, nm.p, nm.n);
            hln_report__out_s(o, "` | ");
            hln_report__out_s(o, hln_report__dtype_name(m, t->dtype));
            hln_report__out_s(o, " | ");
            hln_report__dims_text(line, sizeof line, t->dims, t->n_dims);
            hln_report__out_s(o, line);
            hln_report__out_s(o, " | ");
            hln_report__out_u(o, t->n_bytes);
            hln_report__out_s(o, " | ");
            hln_report__out_s(o, hln_report__role_name(m, &rd, i));
            hln_report__out_s(o, " |\n");
        }
        hln_report__readers_free(m, &rd);
    }
    return hln_report__out_done(o);
}

/* ---- CSV ---------------------------------------------------------------------------------- */
HLN_DEF hln_result hln_report_csv(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln_report__out *o;
    uint32_t i;
    char buf[512];
    hln_report_options def;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    o = hln_report__out_new(m, write, user);
    if (!o) return HLN_ERR_NOMEM;
    hln_report__readers rd;
    hln_result rr;
    hln_report__out_s(o, "name,dtype,shape,n_elements,bytes,offset,role\r\n");
    if (ro->summary_only) return hln_report__out_done(o);
    if ((rr = hln_report__readers_init(m, &rd)) != HLN_OK) { hln_report__out_done(o); return rr; }
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_report__name nm;
        size_t n;
        hln_report__name_tensor(ro, m, i, &nm);
        hln_report__out_csv(o, nm.p, nm.n, 1);
        hln_report__out_c(o, ',');
        hln_report__out_s(o, hln_report__dtype_name(m, t->dtype));
        hln_report__out_c(o, ',');
        n = hln_report__dims_text(buf, sizeof buf, t->dims, t->n_dims);
        hln_report__out_csv(o, buf, n, 0);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, t->n_elements);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, t->n_bytes);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, t->offset);
        hln_report__out_c(o, ',');
        hln_report__out_s(o, hln_report__role_name(m, &rd, i));
        hln_report__out_s(o, "\r\n");
    }
    hln_report__readers_free(m, &rd);
    return hln_report__out_done(o);
}

/* A list of value names in one field: "a;b;c". */
static void hln_report__csv_values(hln_report__out *o, const hln_report_options *ro, const hln_graph *g, const int32_t *vals, uint32_t n) {
    uint32_t k;
    int quote = 0;
    for (k = 0; k < n && !quote; k++) {
        const char *s;
        if (vals[k] < 0 || (uint32_t)vals[k] >= g->n_values || ro->redact_names) continue;
        s = g->values[vals[k]].name;
        if (s && (strchr(s, ',') || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r'))) quote = 1;
    }
    if (quote) hln_report__out_c(o, '"');
    for (k = 0; k < n; k++) {
        hln_report__name nm;
        size_t j;
        if (k) hln_report__out_c(o, ';');
        if (vals[k] < 0 || (uint32_t)vals[k] >= g->n_values) continue;
        hln_report__name_value(ro, g, (uint32_t)vals[k], &nm);
        if (k == 0 && nm.n && (nm.p[0] == '=' || nm.p[0] == '+' || nm.p[0] == '-' || nm.p[0] == '@' || nm.p[0] == '\t' || nm.p[0] == '\r'))
            hln_report__out_c(o, '\'');
        /* the field is already quoted (or needs no quoting): escape only quotes and bad bytes */
        for (j = 0; j < nm.n;) {
            const uint8_t *u = (const uint8_t *)nm.p + j;
            unsigned len;
            if (*u < 0x80) {
                if (*u == '"') hln_report__out_put(o, "\"\"", 2);
                else if (*u == 0) hln_report__out_s(o, "\xef\xbf\xbd");
                else hln_report__out_c(o, (char)*u);
                j++;
                continue;
            }
            len = hln_report__utf8_seq(u, nm.n - j);
            if (!len) { hln_report__out_s(o, "\xef\xbf\xbd"); j++; continue; }
            hln_report__out_put(o, nm.p + j, len);
            j += len;
        }
    }
    if (quote) hln_report__out_c(o, '"');
}

HLN_DEF hln_result hln_report_csv_nodes(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln_report__out *o;
    uint32_t i, k;
    char buf[512];
    hln_report_options def;
    const hln_graph *g = m->graph;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    o = hln_report__out_new(m, write, user);
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_s(o, "name,op,inputs,outputs,output_shapes,macs,flops,params\r\n");
    for (i = 0; g && !ro->summary_only && i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        hln_report__name nm;
        hln_report__name_node(ro, g, i, &nm);
        hln_report__out_csv(o, nm.p, nm.n, 1);
        hln_report__out_c(o, ',');
        hln_report__out_csv(o, n->op_type ? n->op_type : "", n->op_type ? strlen(n->op_type) : 0, 1);
        hln_report__out_c(o, ',');
        hln_report__csv_values(o, ro, g, n->inputs, n->n_inputs);
        hln_report__out_c(o, ',');
        hln_report__csv_values(o, ro, g, n->outputs, n->n_outputs);
        hln_report__out_c(o, ',');
        /* shapes hold ", " and may hold symbolic names: always quoted */
        hln_report__out_c(o, '"');
        for (k = 0; k < n->n_outputs; k++) {
            size_t len, j;
            if (k) hln_report__out_c(o, ';');
            if (n->outputs[k] < 0 || (uint32_t)n->outputs[k] >= g->n_values) continue;
            len = hln_report__shape_text(buf, sizeof buf, hln_report__value_shape(ro, &g->values[n->outputs[k]]));
            for (j = 0; j < len;) {
                const uint8_t *u = (const uint8_t *)buf + j;
                unsigned sl;
                if (*u < 0x80) { if (*u == '"') hln_report__out_c(o, '"'); hln_report__out_c(o, (char)*u); j++; continue; }
                sl = hln_report__utf8_seq(u, len - j);
                if (!sl) { hln_report__out_s(o, "\xef\xbf\xbd"); j++; continue; }
                hln_report__out_put(o, buf + j, sl);
                j += sl;
            }
        }
        hln_report__out_s(o, "\",");
        if (n->macs != UINT64_MAX) hln_report__out_u(o, n->macs);   /* saturated: an empty cell */
        hln_report__out_c(o, ',');
        if (n->flops != UINT64_MAX) hln_report__out_u(o, n->flops);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, n->params);
        hln_report__out_s(o, "\r\n");
    }
    return hln_report__out_done(o);
}
/* ---- the shared view of a model: charts, layout, blocks, activation curve ---------------- */
typedef struct hln_report__lbl { const char *p; size_t n; } hln_report__lbl;

enum { HLN__CH_HBAR = 0, HLN__CH_VBAR = 1, HLN__CH_LINE = 2 };
#define HLN__HBAR_MAX 12       /* bars of a ranking chart; the rest add up to "other" */
#define HLN__VBAR_MAX 240      /* bars of a per-layer chart; more are summed into buckets */
#define HLN__LINE_MAX 480      /* points of a curve; more are max-pooled */
#define HLN__COL_W 180         /* graph view: horizontal distance of neighbours */

typedef struct hln_report__chart {
    int         kind, bytes;   /* bytes: values are bytes, else counts */
    const char *id, *title, *xname;
    uint32_t    n;
    double     *v;
    hln_report__lbl   *lbl;           /* HBAR: the bar labels */
    double     *x;             /* VBAR / LINE: x of each point (first layer of a bucket, step, tokens) */
    int         xlog;          /* LINE: x labels are token counts (KV cache) */
    int         ylog;          /* LINE: log-scaled y (values spanning decades: the KV cache) */
    int32_t     mark;          /* LINE: index of the marked point (the peak), -1 none */
} hln_report__chart;

typedef struct hln_report__group {
    const char *p;             /* name prefix (view of a node name); NULL: tensor layer */
    const char *block;         /* a block instance of the analysis: its kind's name, else NULL */
    uint32_t    block_kind;    /* its kind (index into the analysis' blocks) */
    uint32_t    block_no;      /* 1-based instance number within its kind, in execution order */
    uint32_t    n, count, first_row, last_row, first_step;
    int64_t     layer;
    uint64_t    macs, params, bytes;
} hln_report__group;

typedef struct hln_report__op { const char *op; uint32_t count, id; uint64_t macs, flops, params; } hln_report__op;

typedef struct hln_report__rep {
    const hln_model          *m;
    const hln_report_options *ro;
    hln_arena                 a;
    int                       nomem;
    hln_summary               s;
    hln_llm                   l;
    const hln_graph          *g;
    /* the view: graph nodes, or (weight-only formats) tensors in rows by layer */
    uint32_t    n_items, n_rows, n_edges, n_groups;
    int32_t    *x, *group;
    uint32_t   *row, *edges;   /* edges: pairs (from, to) */
    hln_report__group *groups;
    uint32_t   *block_seen;    /* analysis blocks: instances numbered so far, per kind */
    /* graphs */
    uint32_t   *topo;
    uint64_t   *live, live_peak;
    uint32_t    live_peak_step;
    uint32_t    n_ops;
    hln_report__op    *ops;
    uint32_t   *node_op;       /* node -> index in ops */
    uint64_t    macs, flops;
    /* weight-only formats */
    int64_t    *t_layer;
    uint32_t    n_layers;
    uint32_t    n_charts;
    hln_report__chart  charts[8];
} hln_report__rep;

static void *hln_report__rep_alloc(hln_report__rep *r, uint64_t count, size_t elem) {
    void *p = hln_arena_array(&r->a, count ? count : 1, elem);
    if (!p) r->nomem = 1;
    return p;
}

/* Layer index of a tensor name: the first ".N." component (blk.3.attn_q, model.layers.3.mlp). */
static int64_t hln_report__rep_layer_of(const char *s, size_t *prefix_len) {
    const char *p;
    for (p = s; *p; p++) {
        if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
            const char *q = p + 1;
            int64_t v = 0;
            while (*q >= '0' && *q <= '9' && v < 65536) v = v * 10 + (*q++ - '0');
            if (*q == '.' && v < 65536) { if (prefix_len) *prefix_len = (size_t)(q - s); return v; }
        }
    }
    return -1;
}

/* Block key of a node name: up to the first numbered path component that has more after it
   ("/model/layers.3/attn/MatMul" -> "/model/layers.3", "blk.3.ffn" -> "blk.3"); 0: none. */
static uint32_t hln_report__rep_block_key(const char *s) {
    size_t i = 0, len = strlen(s);
    if (len > 4096) len = 4096;
    while (i < len) {
        if (s[i] >= '0' && s[i] <= '9' && i > 0) {
            size_t j = i;
            while (j < len && s[j] >= '0' && s[j] <= '9') j++;
            if (j < len - 1 && j - i <= 9 && (s[j] == '/' || s[j] == '.')) return (uint32_t)j;
            i = j;
        } else i++;
    }
    return 0;
}

typedef struct hln_report__key { const char *p; uint32_t n, idx; } hln_report__key;
static int hln_report__key_cmp(const void *a, const void *b) {
    const hln_report__key *x = (const hln_report__key *)a, *y = (const hln_report__key *)b;
    uint32_t n = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->p, y->p, n);
    if (c) return c;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}
typedef struct hln_report__bary { double key; uint32_t node, prev; } hln_report__bary;
static int hln_report__bary_cmp(const void *a, const void *b) {
    const hln_report__bary *x = (const hln_report__bary *)a, *y = (const hln_report__bary *)b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->prev < y->prev ? -1 : x->prev > y->prev;
}
static int hln_report__op_cmp_cost(const void *a, const void *b) {
    const hln_report__op *x = (const hln_report__op *)a, *y = (const hln_report__op *)b;
    if (x->macs != y->macs) return x->macs > y->macs ? -1 : 1;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->op, y->op);
}

static uint64_t hln_report__value_bytes(const hln_report__rep *r, const hln_value *v) {
    const hln_shape *s;
    uint64_t n = 1, b;
    int32_t d;
    int ok = 0;
    if (r->ro->graph && v->bytes) return v->bytes;
    s = hln_report__value_shape(r->ro, v);
    if (s->rank < 0 || (s->rank > 0 && !s->dims)) return 0;
    for (d = 0; d < s->rank; d++)
        if (s->dims[d].value > 0 && hln_mul_overflow(n, (uint64_t)s->dims[d].value, &n)) return 0;
    b = hln_dtype_nbytes(v->dtype, n, &ok);
    return ok ? b : 0;
}

/* Topological order (Kahn; nodes on a cycle follow in index order), longest-path layers with
   sources pulled next to their first consumer, barycenter ordering inside each layer. */
static void hln_report__rep_graph(hln_report__rep *r) {
    const hln_graph *g = r->g;
    uint32_t n = g->n_nodes, i, k, e, sweep;
    uint32_t *indeg, *pred_start, *pred, *succ_start, *succ, *queue, *cnt, *start, *bucket, head = 0, tail = 0;
    uint8_t *done;
    double *pos;
    hln_report__bary *tmp;
    hln_report__key *keys;
    uint32_t n_edges = 0, max_row = 0;

    r->n_items = n;
    r->x = (int32_t *)hln_report__rep_alloc(r, n, sizeof(int32_t));
    r->group = (int32_t *)hln_report__rep_alloc(r, n, sizeof(int32_t));
    r->row = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
    r->topo = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
    if (r->nomem) return;
    for (i = 0; i < n; i++)
        for (k = 0; k < g->nodes[i].n_inputs; k++) {
            int32_t v = g->nodes[i].inputs[k];
            if (v >= 0 && (uint32_t)v < g->n_values && g->values[v].producer >= 0 &&
                (uint32_t)g->values[v].producer < n && (uint32_t)g->values[v].producer != i) n_edges++;
        }
    r->n_edges = n_edges;
    r->edges = (uint32_t *)hln_report__rep_alloc(r, (uint64_t)n_edges * 2, sizeof(uint32_t));
    indeg = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
    pred_start = (uint32_t *)hln_report__rep_alloc(r, (uint64_t)n + 1, sizeof(uint32_t));
    succ_start = (uint32_t *)hln_report__rep_alloc(r, (uint64_t)n + 1, sizeof(uint32_t));
    pred = (uint32_t *)hln_report__rep_alloc(r, n_edges, sizeof(uint32_t));
    succ = (uint32_t *)hln_report__rep_alloc(r, n_edges, sizeof(uint32_t));
    queue = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
    done = (uint8_t *)hln_report__rep_alloc(r, n, 1);
    if (r->nomem) return;
    e = 0;
    for (i = 0; i < n; i++)
        for (k = 0; k < g->nodes[i].n_inputs; k++) {
            int32_t v = g->nodes[i].inputs[k];
            if (v >= 0 && (uint32_t)v < g->n_values && g->values[v].producer >= 0 &&
                (uint32_t)g->values[v].producer < n && (uint32_t)g->values[v].producer != i) {
                r->edges[2 * e] = (uint32_t)g->values[v].producer;
                r->edges[2 * e + 1] = i;
                e++;
            }
        }
    for (e = 0; e < n_edges; e++) { pred_start[r->edges[2 * e + 1] + 1]++; succ_start[r->edges[2 * e] + 1]++; }
    for (i = 0; i < n; i++) { pred_start[i + 1] += pred_start[i]; succ_start[i + 1] += succ_start[i]; }
    {
        uint32_t *pf = queue, *sf = indeg;   /* fill cursors, reused below */
        for (i = 0; i < n; i++) { pf[i] = pred_start[i]; sf[i] = succ_start[i]; }
        for (e = 0; e < n_edges; e++) {
            uint32_t a = r->edges[2 * e], b = r->edges[2 * e + 1];
            pred[pf[b]++] = a;
            succ[sf[a]++] = b;
        }
    }
    for (i = 0; i < n; i++) indeg[i] = pred_start[i + 1] - pred_start[i];
    for (i = 0; i < n; i++) if (!indeg[i]) queue[tail++] = i;
    {
        uint32_t placed = 0, scan = 0;
        while (placed < n) {
            uint32_t u;
            if (head == tail) {   /* a cycle: take the first node not placed */
                while (done[scan]) scan++;
                queue[tail++] = scan;
            }
            u = queue[head++];
            if (done[u]) continue;
            done[u] = 1;
            r->topo[placed++] = u;
            for (k = succ_start[u]; k < succ_start[u + 1]; k++)
                if (indeg[succ[k]] && --indeg[succ[k]] == 0 && !done[succ[k]]) queue[tail++] = succ[k];
        }
    }
    for (i = 0; i < n; i++) {
        uint32_t u = r->topo[i], best = 0;
        for (k = pred_start[u]; k < pred_start[u + 1]; k++)
            if (done[pred[k]] == 2 && r->row[pred[k]] + 1 > best) best = r->row[pred[k]] + 1;
        r->row[u] = best;
        done[u] = 2;
    }
    for (i = 0; i < n; i++) {
        uint32_t u = i, lo = UINT32_MAX;
        if (pred_start[u] != pred_start[u + 1] || succ_start[u] == succ_start[u + 1]) continue;
        for (k = succ_start[u]; k < succ_start[u + 1]; k++) if (r->row[succ[k]] < lo) lo = r->row[succ[k]];
        if (lo != UINT32_MAX && lo > 0) r->row[u] = lo - 1;
    }
    for (i = 0; i < n; i++) if (r->row[i] > max_row) max_row = r->row[i];
    r->n_rows = n ? max_row + 1 : 0;

    /* rows as buckets, initial order = topological order */
    cnt = (uint32_t *)hln_report__rep_alloc(r, (uint64_t)r->n_rows + 1, sizeof(uint32_t));
    start = (uint32_t *)hln_report__rep_alloc(r, (uint64_t)r->n_rows + 1, sizeof(uint32_t));
    bucket = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
    pos = (double *)hln_report__rep_alloc(r, n, sizeof(double));
    tmp = (hln_report__bary *)hln_report__rep_alloc(r, n, sizeof(hln_report__bary));
    if (r->nomem) return;
    for (i = 0; i < n; i++) cnt[r->row[i] + 1]++;
    for (i = 0; i < r->n_rows; i++) start[i + 1] = start[i] + cnt[i + 1];
    for (i = 0; i < r->n_rows; i++) cnt[i] = start[i];
    for (i = 0; i < n; i++) bucket[cnt[r->row[r->topo[i]]]++] = r->topo[i];
    for (i = 0; i < r->n_rows; i++) {
        uint32_t c = start[i + 1] - start[i];
        for (k = 0; k < c; k++) pos[bucket[start[i] + k]] = (double)k - (double)(c - 1) / 2.0;
    }
    for (sweep = 0; sweep < 8; sweep++) {
        int down = !(sweep & 1);
        uint32_t ri;
        for (ri = 0; ri < r->n_rows; ri++) {
            uint32_t row = down ? ri : r->n_rows - 1 - ri, c = start[row + 1] - start[row];
            if (c < 2) continue;
            for (k = 0; k < c; k++) {
                uint32_t u = bucket[start[row] + k], a, b, j;
                double sum = 0;
                a = down ? pred_start[u] : succ_start[u];
                b = down ? pred_start[u + 1] : succ_start[u + 1];
                for (j = a; j < b; j++) sum += pos[down ? pred[j] : succ[j]];
                tmp[k].key = b > a ? sum / (double)(b - a) : pos[u];
                tmp[k].node = u;
                tmp[k].prev = k;
            }
            qsort(tmp, c, sizeof *tmp, hln_report__bary_cmp);
            for (k = 0; k < c; k++) {
                bucket[start[row] + k] = tmp[k].node;
                pos[tmp[k].node] = (double)k - (double)(c - 1) / 2.0;
            }
        }
    }
    /* a lone node sits under its producers rather than on the axis */
    for (i = 0; i < n; i++) {
        uint32_t u = r->topo[i];
        if (start[r->row[u] + 1] - start[r->row[u]] == 1 && pred_start[u + 1] > pred_start[u]) {
            double sum = 0;
            for (k = pred_start[u]; k < pred_start[u + 1]; k++) sum += pos[pred[k]];
            pos[u] = sum / (double)(pred_start[u + 1] - pred_start[u]);
        }
    }
    for (i = 0; i < n; i++) {
        double x = pos[i] * HLN__COL_W;
        if (x > 1e9) x = 1e9;
        if (x < -1e9) x = -1e9;
        r->x[i] = (int32_t)(x + (x < 0 ? -0.5 : 0.5));
    }

    /* activation memory along the topological order */
    r->live = (uint64_t *)hln_report__rep_alloc(r, n, sizeof(uint64_t));
    {
        uint32_t *step = bucket, v;
        uint64_t *add = (uint64_t *)hln_report__rep_alloc(r, (uint64_t)n + 1, sizeof(uint64_t));
        uint64_t *sub = (uint64_t *)hln_report__rep_alloc(r, (uint64_t)n + 1, sizeof(uint64_t));
        uint32_t *last = (uint32_t *)hln_report__rep_alloc(r, (uint64_t)g->n_values + 1, sizeof(uint32_t));
        uint8_t *is_out = (uint8_t *)hln_report__rep_alloc(r, (uint64_t)g->n_values + 1, 1);
        uint64_t live = 0;
        if (r->nomem || !n) return;
        for (i = 0; i < n; i++) step[r->topo[i]] = i;
        for (i = 0; i < g->n_outputs; i++)
            if (g->outputs[i] >= 0 && (uint32_t)g->outputs[i] < g->n_values) is_out[g->outputs[i]] = 1;
        for (v = 0; v < g->n_values; v++) last[v] = UINT32_MAX;
        for (i = 0; i < n; i++)
            for (k = 0; k < g->nodes[i].n_inputs; k++) {
                int32_t vi = g->nodes[i].inputs[k];
                if (vi >= 0 && (uint32_t)vi < g->n_values && (last[vi] == UINT32_MAX || step[i] > last[vi])) last[vi] = step[i];
            }
        for (v = 0; v < g->n_values; v++) {
            const hln_value *val = &g->values[v];
            uint32_t born, die;
            uint64_t b;
            if (val->tensor >= 0) continue;
            if (val->producer >= 0 && (uint32_t)val->producer < n) born = step[val->producer];
            else {
                int is_in = 0;
                for (k = 0; k < g->n_inputs; k++) if (g->inputs[k] == (int32_t)v) { is_in = 1; break; }
                if (!is_in) continue;
                born = 0;
            }
            die = is_out[v] ? n - 1 : (last[v] == UINT32_MAX ? born : last[v]);
            if (die < born) die = born;
            b = hln_report__value_bytes(r, val);
            if (hln_add_overflow(add[born], b, &add[born])) add[born] = UINT64_MAX;
            if (hln_add_overflow(sub[die], b, &sub[die])) sub[die] = UINT64_MAX;
        }
        for (i = 0; i < n; i++) {
            if (hln_add_overflow(live, add[i], &live)) live = UINT64_MAX;
            r->live[i] = live;
            if (live > r->live_peak) { r->live_peak = live; r->live_peak_step = i; }
            live = sub[i] > live ? 0 : live - sub[i];
        }
        for (i = 0; i < n; i++) {
            if (hln_add_overflow(r->macs, g->nodes[i].macs, &r->macs)) r->macs = UINT64_MAX;
            if (hln_add_overflow(r->flops, g->nodes[i].flops, &r->flops)) r->flops = UINT64_MAX;
        }
    }

    /* op histogram; node_op maps each node to its row */
    {
        hln_report__key *ok = (hln_report__key *)hln_report__rep_alloc(r, n, sizeof(hln_report__key));
        hln_report__op *all = (hln_report__op *)hln_report__rep_alloc(r, n, sizeof(hln_report__op));
        uint32_t *remap = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
        uint32_t n_ops = 0;
        r->node_op = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
        if (r->nomem) return;
        for (i = 0; i < n; i++) {
            ok[i].p = g->nodes[i].op_type ? g->nodes[i].op_type : "";
            ok[i].n = (uint32_t)strlen(ok[i].p);
            ok[i].idx = i;
        }
        qsort(ok, n, sizeof *ok, hln_report__key_cmp);
        for (i = 0; i < n; i++) {
            const hln_node *nd = &g->nodes[ok[i].idx];
            hln_report__op *d;
            if (!n_ops || ok[i].n != ok[i - 1].n || memcmp(ok[i].p, ok[i - 1].p, ok[i].n) != 0) {
                d = &all[n_ops];
                d->op = ok[i].p;
                d->id = n_ops++;
            }
            d = &all[n_ops - 1];
            d->count++;
            if (hln_add_overflow(d->macs, nd->macs, &d->macs)) d->macs = UINT64_MAX;
            if (hln_add_overflow(d->flops, nd->flops, &d->flops)) d->flops = UINT64_MAX;
            if (hln_add_overflow(d->params, nd->params, &d->params)) d->params = UINT64_MAX;
            r->node_op[ok[i].idx] = n_ops - 1;
        }
        qsort(all, n_ops, sizeof *all, hln_report__op_cmp_cost);
        for (i = 0; i < n_ops; i++) remap[all[i].id] = i;
        for (i = 0; i < n; i++) r->node_op[i] = remap[r->node_op[i]];
        r->ops = all;
        r->n_ops = n_ops;
    }

    /* blocks: the analysis' repeated blocks (one group per instance) when it found any, else
       nodes sharing a numbered name prefix, two or more of them */
    keys = (hln_report__key *)hln_report__rep_alloc(r, n, sizeof(hln_report__key));
    if (r->nomem) return;
    for (i = 0; i < n; i++) {
        keys[i].p = g->nodes[i].name ? g->nodes[i].name : "";
        keys[i].n = hln_report__rep_block_key(keys[i].p);
        keys[i].idx = i;
        r->group[i] = -1;
    }
    qsort(keys, n, sizeof *keys, hln_report__key_cmp);
    {
        const hln_analysis *an = r->ro->analysis;
        uint32_t n_groups = 0, j;
        uint32_t *first_step;
        if (an && an->n_instances && an->node_instance) {
            uint32_t *seen = (uint32_t *)hln_report__rep_alloc(r, an->n_blocks, sizeof(uint32_t));
            r->groups = (hln_report__group *)hln_report__rep_alloc(r, an->n_instances, sizeof(hln_report__group));
            first_step = (uint32_t *)hln_report__rep_alloc(r, an->n_instances, sizeof(uint32_t));
            if (r->nomem) return;
            for (k = 0; k < an->n_instances; k++) {
                hln_report__group *gr = &r->groups[k];
                gr->block = an->blocks[an->instances[k].block].name;
                gr->block_kind = an->instances[k].block;
                gr->layer = -1;
                gr->first_row = UINT32_MAX;
            }
            for (i = 0; i < n; i++)   /* Constant nodes stay out: they sit in the top rows, away from their block */
                r->group[i] = an->node_instance[i] >= 0 && (uint32_t)an->node_instance[i] < an->n_instances &&
                              strcmp(g->nodes[i].op_type, "Constant") != 0 ? an->node_instance[i] : -1;
            n_groups = an->n_instances;
            r->block_seen = seen;
        } else {
        for (i = 0; i < n; i = j) {
            for (j = i + 1; j < n && keys[j].n == keys[i].n && memcmp(keys[j].p, keys[i].p, keys[i].n) == 0; j++) {}
            if (keys[i].n && j - i >= 2) n_groups++;
        }
        r->groups = (hln_report__group *)hln_report__rep_alloc(r, n_groups, sizeof(hln_report__group));
        first_step = (uint32_t *)hln_report__rep_alloc(r, n_groups, sizeof(uint32_t));
        if (r->nomem) return;
        n_groups = 0;
        for (i = 0; i < n; i = j) {
            for (j = i + 1; j < n && keys[j].n == keys[i].n && memcmp(keys[j].p, keys[i].p, keys[i].n) == 0; j++) {}
            if (keys[i].n && j - i >= 2) {
                hln_report__group *gr = &r->groups[n_groups];
                gr->p = keys[i].p;
                gr->n = keys[i].n;
                gr->layer = -1;
                gr->first_row = UINT32_MAX;
                gr->first_step = UINT32_MAX;
                for (k = i; k < j; k++) r->group[keys[k].idx] = (int32_t)n_groups;
                n_groups++;
            }
        }
        }
        r->n_groups = n_groups;
        /* number blocks in execution order */
        for (k = 0; k < n_groups; k++) first_step[k] = UINT32_MAX;
        for (i = 0; i < n; i++) {
            uint32_t u = r->topo[i];
            if (r->group[u] >= 0 && first_step[r->group[u]] == UINT32_MAX) first_step[r->group[u]] = i;
        }
        {
            hln_report__bary *ord = tmp;   /* reuse: key = first step */
            hln_report__group *sorted = (hln_report__group *)hln_report__rep_alloc(r, n_groups, sizeof(hln_report__group));
            uint32_t *remap = (uint32_t *)hln_report__rep_alloc(r, n_groups, sizeof(uint32_t));
            if (r->nomem) return;
            for (k = 0; k < n_groups; k++) { ord[k].key = (double)first_step[k]; ord[k].node = k; ord[k].prev = k; }
            qsort(ord, n_groups, sizeof *ord, hln_report__bary_cmp);
            for (k = 0; k < n_groups; k++) { sorted[k] = r->groups[ord[k].node]; remap[ord[k].node] = k; }
            r->groups = sorted;
            for (i = 0; i < n; i++) if (r->group[i] >= 0) r->group[i] = (int32_t)remap[r->group[i]];
            for (k = 0; k < n_groups; k++)   /* analysis blocks: "transformer layer 3" */
                if (r->groups[k].block) r->groups[k].block_no = ++r->block_seen[r->groups[k].block_kind];
        }
        for (i = 0; i < n; i++) {
            hln_report__group *gr;
            if (r->group[i] < 0) continue;
            gr = &r->groups[r->group[i]];
            gr->count++;
            if (r->row[i] < gr->first_row) gr->first_row = r->row[i];
            if (r->row[i] > gr->last_row) gr->last_row = r->row[i];
            if (hln_add_overflow(gr->macs, g->nodes[i].macs, &gr->macs)) gr->macs = UINT64_MAX;
            if (hln_add_overflow(gr->params, g->nodes[i].params, &gr->params)) gr->params = UINT64_MAX;
        }
    }
}

/* Weight-only formats: tensors in rows, one row per layer (file-order neighbours before the
   first layer on top, the rest at the bottom). */
static void hln_report__rep_tensors(hln_report__rep *r) {
    const hln_model *m = r->m;
    uint32_t n = m->n_tensors, i, max_layer = 0, first_layer_tensor = UINT32_MAX;
    int any = 0;
    uint32_t *cnt, *seen;
    r->t_layer = (int64_t *)hln_report__rep_alloc(r, n, sizeof(int64_t));
    r->n_items = n;
    r->x = (int32_t *)hln_report__rep_alloc(r, n, sizeof(int32_t));
    r->group = (int32_t *)hln_report__rep_alloc(r, n, sizeof(int32_t));
    r->row = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
    if (r->nomem) return;
    for (i = 0; i < n; i++) {
        r->t_layer[i] = hln_report__rep_layer_of(m->tensors[i].name ? m->tensors[i].name : "", NULL);
        if (r->t_layer[i] >= 0) {
            any = 1;
            if ((uint32_t)r->t_layer[i] > max_layer) max_layer = (uint32_t)r->t_layer[i];
            if (first_layer_tensor == UINT32_MAX) first_layer_tensor = i;
        }
    }
    r->n_layers = any ? max_layer + 1 : 0;
    r->n_rows = r->n_layers + 2;
    r->n_groups = r->n_layers;
    r->groups = (hln_report__group *)hln_report__rep_alloc(r, r->n_layers, sizeof(hln_report__group));
    cnt = (uint32_t *)hln_report__rep_alloc(r, r->n_rows, sizeof(uint32_t));
    seen = (uint32_t *)hln_report__rep_alloc(r, r->n_rows, sizeof(uint32_t));
    if (r->nomem) return;
    for (i = 0; i < r->n_layers; i++) {
        r->groups[i].layer = i;
        r->groups[i].first_row = r->groups[i].last_row = i + 1;
    }
    for (i = 0; i < n; i++) {
        int64_t L = r->t_layer[i];
        r->row[i] = L >= 0 ? (uint32_t)L + 1 : (i < first_layer_tensor ? 0 : r->n_layers + 1);
        r->group[i] = L >= 0 ? (int32_t)L : -1;
        cnt[r->row[i]]++;
        if (L >= 0) {
            hln_report__group *gr = &r->groups[L];
            gr->count++;
            if (hln_add_overflow(gr->params, m->tensors[i].n_elements, &gr->params)) gr->params = UINT64_MAX;
            if (hln_add_overflow(gr->bytes, m->tensors[i].n_bytes, &gr->bytes)) gr->bytes = UINT64_MAX;
        }
    }
    for (i = 0; i < n; i++) {
        uint32_t rw = r->row[i];
        double x = ((double)seen[rw]++ - (double)(cnt[rw] - 1) / 2.0) * HLN__COL_W;
        if (x > 1e9) x = 1e9;
        if (x < -1e9) x = -1e9;
        r->x[i] = (int32_t)(x + (x < 0 ? -0.5 : 0.5));
    }
}

/* A ranking chart: the largest values, the rest summed into "other". */
static void hln_report__chart_hbar(hln_report__rep *r, const char *id, const char *title, int bytes,
                            const hln_report__lbl *lbl, const double *v, uint32_t n) {
    hln_report__chart *c = &r->charts[r->n_charts];
    uint32_t i, k, used = 0, n_pos = 0;
    double other = 0;
    uint32_t *idx;
    for (i = 0; i < n; i++) if (v[i] > 0) n_pos++;
    if (!n_pos) return;
    idx = (uint32_t *)hln_report__rep_alloc(r, n, sizeof(uint32_t));
    c->v = (double *)hln_report__rep_alloc(r, HLN__HBAR_MAX + 1, sizeof(double));
    c->lbl = (hln_report__lbl *)hln_report__rep_alloc(r, HLN__HBAR_MAX + 1, sizeof(hln_report__lbl));
    if (r->nomem) return;
    /* selection of the top values; n is small (dtypes, ops) or bounded by the caller */
    for (k = 0; k < HLN__HBAR_MAX && k < n_pos; k++) {
        uint32_t best = UINT32_MAX;
        for (i = 0; i < n; i++) {
            if (v[i] <= 0 || idx[i]) continue;
            if (best == UINT32_MAX || v[i] > v[best]) best = i;
        }
        if (best == UINT32_MAX) break;
        idx[best] = 1;
        c->v[used] = v[best];
        c->lbl[used] = lbl[best];
        used++;
    }
    for (i = 0; i < n; i++) if (v[i] > 0 && !idx[i]) other += v[i];
    if (other > 0) { c->v[used] = other; c->lbl[used].p = "other"; c->lbl[used].n = 5; used++; }
    c->kind = HLN__CH_HBAR;
    c->bytes = bytes;
    c->id = id;
    c->title = title;
    c->n = used;
    c->mark = -1;
    r->n_charts++;
}

/* A block's name as every part of the page shows it: "transformer layer 3" (an analysis
   block), a node-name prefix ("g3" redacted), "layer 3" (weight-only files). Returns its length. */
static size_t hln_report__group_name(const hln_report__rep *r, uint32_t i, char *buf, size_t cap) {
    const hln_report__group *gr = &r->groups[i];
    int k;
    size_t n;
    if (gr->p && !gr->block && !r->ro->redact_names) {
        n = gr->n < cap - 1 ? gr->n : cap - 1;
        memcpy(buf, gr->p, n);
        buf[n] = 0;
        return n;
    }
    if (gr->block) k = snprintf(buf, cap, "%s %" PRIu32 "", gr->block, gr->block_no);
    else if (gr->p) k = snprintf(buf, cap, "g%" PRIu32 "", i);
    else k = snprintf(buf, cap, "layer %lld", (long long)gr->layer);
    return k < 0 ? 0 : (size_t)k >= cap ? cap - 1 : (size_t)k;
}

/* Bars along an axis; more than HLN__VBAR_MAX are summed in buckets. */
static void hln_report__chart_vbar(hln_report__rep *r, const char *id, const char *title, const char *xname, int bytes,
                            const double *v, uint32_t n) {
    hln_report__chart *c = &r->charts[r->n_charts];
    uint32_t per = (n + HLN__VBAR_MAX - 1) / HLN__VBAR_MAX, i, nb;
    if (!n) return;
    nb = (n + per - 1) / per;
    c->v = (double *)hln_report__rep_alloc(r, nb, sizeof(double));
    c->x = (double *)hln_report__rep_alloc(r, nb, sizeof(double));
    if (r->nomem) return;
    for (i = 0; i < n; i++) c->v[i / per] += v[i];
    for (i = 0; i < nb; i++) c->x[i] = (double)i * per;
    c->kind = HLN__CH_VBAR;
    c->bytes = bytes;
    c->id = id;
    c->title = title;
    c->xname = xname;
    c->n = nb;
    c->mark = -1;
    r->n_charts++;
}

static hln_result hln_report__rep_init(hln_report__rep *r, const hln_model *m, const hln_report_options *ro) {
    uint32_t i;
    memset(r, 0, sizeof *r);
    r->m = m;
    r->ro = ro;
    if (hln_model_summarize(m, &r->s) != HLN_OK || hln_model_llm(m, &r->l) != HLN_OK) return HLN_ERR_NOMEM;
    r->g = m->graph && m->graph->n_nodes ? m->graph : NULL;
    if (r->g) hln_report__rep_graph(r); else hln_report__rep_tensors(r);
    if (r->nomem) return HLN_ERR_NOMEM;

    if (r->s.n_dtypes) {
        hln_report__lbl lbl[HLN_DTYPE_COUNT];
        double v[HLN_DTYPE_COUNT], b[HLN_DTYPE_COUNT];
        for (i = 0; i < r->s.n_dtypes; i++) {
            lbl[i].p = hln_report__dtype_name(m, r->s.dtypes[i].dtype);
            lbl[i].n = strlen(lbl[i].p);
            v[i] = (double)r->s.dtypes[i].elements;
            b[i] = (double)r->s.dtypes[i].bytes;
        }
        hln_report__chart_hbar(r, "params_by_dtype", "Parameters by dtype", 0, lbl, v, r->s.n_dtypes);
        hln_report__chart_hbar(r, "bytes_by_dtype", "Bytes by dtype", 1, lbl, b, r->s.n_dtypes);
    }
    if (r->g) {
        hln_report__lbl *lbl = (hln_report__lbl *)hln_report__rep_alloc(r, r->n_ops, sizeof(hln_report__lbl));
        double *v = (double *)hln_report__rep_alloc(r, r->n_ops, sizeof(double));
        double *w = (double *)hln_report__rep_alloc(r, r->n_ops, sizeof(double));
        if (r->nomem) return HLN_ERR_NOMEM;
        for (i = 0; i < r->n_ops; i++) {
            lbl[i].p = r->ops[i].op;
            lbl[i].n = strlen(r->ops[i].op);
            v[i] = (double)r->ops[i].params;
            w[i] = (double)r->ops[i].macs;
        }
        hln_report__chart_hbar(r, "params_by_op", "Parameters by op type", 0, lbl, v, r->n_ops);
        hln_report__chart_hbar(r, "macs_by_op", "MACs by op type", 0, lbl, w, r->n_ops);
        if (r->n_groups >= 2) {
            double *bm = (double *)hln_report__rep_alloc(r, r->n_groups, sizeof(double));
            if (r->nomem) return HLN_ERR_NOMEM;
            for (i = 0; i < r->n_groups; i++) bm[i] = (double)r->groups[i].macs;
            hln_report__chart_vbar(r, "macs_per_block", "MACs per block", "block", 0, bm, r->n_groups);
            if (r->n_charts && r->charts[r->n_charts - 1].n == r->n_groups) {   /* a bar per block: its name */
                hln_report__chart *c = &r->charts[r->n_charts - 1];
                c->lbl = (hln_report__lbl *)hln_report__rep_alloc(r, r->n_groups, sizeof(hln_report__lbl));
                if (r->nomem) return HLN_ERR_NOMEM;
                for (i = 0; i < r->n_groups; i++) {
                    char nb[512];
                    size_t n = hln_report__group_name(r, i, nb, sizeof nb);
                    if (!(c->lbl[i].p = hln_arena_strndup(&r->a, nb, n))) return HLN_ERR_NOMEM;
                    c->lbl[i].n = n;
                    c->x[i] = (double)i + 1;   /* numbered as the names are, from 1 */
                }
            }
        } else {
            double *nm = (double *)hln_report__rep_alloc(r, r->n_items, sizeof(double));
            if (r->nomem) return HLN_ERR_NOMEM;
            for (i = 0; i < r->n_items; i++) nm[i] = (double)r->g->nodes[r->topo[i]].macs;
            hln_report__chart_vbar(r, "macs_per_node", "MACs per node (execution order)", "step", 0, nm, r->n_items);
        }
    } else if (r->n_layers) {
        double *lp = (double *)hln_report__rep_alloc(r, r->n_layers, sizeof(double));
        double *lb = (double *)hln_report__rep_alloc(r, r->n_layers, sizeof(double));
        if (r->nomem) return HLN_ERR_NOMEM;
        for (i = 0; i < r->n_layers; i++) { lp[i] = (double)r->groups[i].params; lb[i] = (double)r->groups[i].bytes; }
        if (r->n_layers >= 2) {   /* one layer: a chart of one bar says nothing */
            hln_report__chart_vbar(r, "params_per_layer", "Parameters per layer", "layer", 0, lp, r->n_layers);
            hln_report__chart_vbar(r, "bytes_per_layer", "Bytes per layer", "layer", 1, lb, r->n_layers);
        }
        if (!ro->redact_names) {
            /* parameters by the tensor's role in its layer ("attn_q.weight"), first layer's names */
            uint32_t n_roles = 0, j;
            hln_report__lbl *lbl = (hln_report__lbl *)hln_report__rep_alloc(r, m->n_tensors, sizeof(hln_report__lbl));
            double *v = (double *)hln_report__rep_alloc(r, m->n_tensors, sizeof(double));
            if (r->nomem) return HLN_ERR_NOMEM;
            for (i = 0; i < m->n_tensors; i++) {
                size_t pl = 0;
                const char *name = m->tensors[i].name ? m->tensors[i].name : "";
                if (hln_report__rep_layer_of(name, &pl) < 0) continue;
                name += pl + 1;
                for (j = 0; j < n_roles; j++)
                    if (lbl[j].n == strlen(name) && memcmp(lbl[j].p, name, lbl[j].n) == 0) break;
                if (j == n_roles) {
                    if (n_roles >= 256) continue;   /* enough kinds for a ranking */
                    lbl[j].p = name;
                    lbl[j].n = strlen(name);
                    n_roles++;
                }
                v[j] += (double)m->tensors[i].n_elements;
            }
            hln_report__chart_hbar(r, "params_by_role", "Parameters by tensor role (all layers)", 0, lbl, v, n_roles);
        }
    }
    if (r->l.valid && r->l.kv_bytes_per_token_f16) {
        hln_report__chart *c = &r->charts[r->n_charts];
        c->v = (double *)hln_report__rep_alloc(r, HLN_KV_CURVE_POINTS, sizeof(double));
        c->x = (double *)hln_report__rep_alloc(r, HLN_KV_CURVE_POINTS, sizeof(double));
        if (r->nomem) return HLN_ERR_NOMEM;
        for (i = 0; i < HLN_KV_CURVE_POINTS; i++) { c->v[i] = (double)r->l.kv_bytes[i]; c->x[i] = (double)r->l.kv_context[i]; }
        c->kind = HLN__CH_LINE;
        c->bytes = 1;
        c->id = "kv_cache";
        c->title = "KV cache (f16) by context length";
        c->xname = "tokens";
        c->xlog = 1;
        c->ylog = 1;
        c->n = HLN_KV_CURVE_POINTS;
        c->mark = -1;
        r->n_charts++;
    }
    if (r->g && r->live) {
        hln_report__chart *c = &r->charts[r->n_charts];
        uint32_t n = r->n_items, per = (n + HLN__LINE_MAX - 1) / HLN__LINE_MAX, nb = (n + per - 1) / per;
        c->v = (double *)hln_report__rep_alloc(r, nb, sizeof(double));
        c->x = (double *)hln_report__rep_alloc(r, nb, sizeof(double));
        if (r->nomem) return HLN_ERR_NOMEM;
        for (i = 0; i < n; i++) if ((double)r->live[i] > c->v[i / per]) c->v[i / per] = (double)r->live[i];
        for (i = 0; i < nb; i++) c->x[i] = (double)i * per;
        c->kind = HLN__CH_LINE;
        c->bytes = 1;
        c->id = "activations";
        c->title = "Live activation memory over execution order";
        c->xname = "step";
        c->n = nb;
        c->mark = (int32_t)(r->live_peak_step / per);
        r->n_charts++;
    }
    return HLN_OK;
}

static void hln_report__rep_free(hln_report__rep *r) { hln_arena_free(&r->a); }
/* ---- HTML --------------------------------------------------------------------------------- */
/* @@EMBED:css BEGIN (generated by tools/embed.py from tools/report.css) */
static const char *const hln_report__html_css[] = {
    /* piece */
    ":root{--bg:#f6f7f9;--fg:#1b2230;--muted:#5d6778;--card:#fff;--border:#dde2ea;--accent:#2d6cdf;--grid:#e7eaf0;--hi:#ffb020;--edge:#9aa6b8;\n"
    "--c0:#2d6cdf;--c1:#16a085;--c2:#e67e22;--c3:#8e44ad;--c4:#d63c5e;--c5:#2c9fd1;--c6:#7f8c3a;--c7:#8a6d5a;color-scheme:light}\n"
    "@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--bg:#0e1217;--fg:#e4e8ee;--muted:#96a0b0;--card:#161b22;--border:#29313c;--accent:#6d9fff;--grid:#232a34;--hi:#ffc24d;--edge:#5b6778;\n"
    "--c0:#6d9fff;--c1:#3cc7a3;--c2:#f39c4a;--c3:#b07ad6;--c4:#f06b88;--c5:#56c1ee;--c6:#aabb55;--c7:#c09a82;color-scheme:dark}}\n"
    ":root[data-theme=dark]{--bg:#0e1217;--fg:#e4e8ee;--muted:#96a0b0;--card:#161b22;--border:#29313c;--accent:#6d9fff;--grid:#232a34;--hi:#ffc24d;--edge:#5b6778;\n"
    "--c0:#6d9fff;--c1:#3cc7a3;--c2:#f39c4a;--c3:#b07ad6;--c4:#f06b88;--c5:#56c1ee;--c6:#aabb55;--c7:#c09a82;color-scheme:dark}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n"
    "header.top{display:flex;align-items:center;gap:16px;padding:18px 28px;border-bottom:1px solid var(--border);background:var(--card);position:sticky;top:0;z-index:5}\n"
    "header.top h1{font-size:20px;margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:60vw}\n"
    "header.top .sub{color:var(--muted);font-size:13px}\n"
    "header.top .sp{flex:1}\n"
    "button,input{font:inherit;color:inherit}\n"
    "button{background:var(--card);border:1px solid var(--border);border-radius:6px;padding:4px 10px;cursor:pointer}\n"
    "button:hover{border-color:var(--accent)}\n"
    "button.on{background:var(--accent);color:#fff;border-color:var(--accent)}\n"
    "input[type=search]{background:var(--bg);border:1px solid var(--border);border-radius:6px;padding:4px 8px;min-width:220px}\n"
    "main{padding:20px 28px;max-width:1500px;margin:0 auto}\n"
    "h2{font-size:16px;margin:28px 0 10px}\n"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}\n"
    ".card{background:var(--card);border:1px solid var(--border);border-radius:10px;padding:12px 14px}\n"
    ".card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}\n"
    ".card .v{font-size:22px;font-weight:600;margin-top:2px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\n"
    ".card .s{color:var(--muted);font-size:12px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:14px}\n"
    "figure{margin:0;background:var(--card);border:1px solid var(--border);border-radius:10px;padding:12px 14px;overflow-x:auto}\n"
    "figcaption{font-weight:600;margin-bottom:6px}\n"
    "svg.chart{display:block;max-width:100%;height:auto}\n"
    "svg.chart text{fill:var(--fg);font-size:12px;font-family:inherit}\n"
    "svg.chart text.m{fill:var(--muted);font-size:11px}\n"
    "svg.chart .ax{stroke:var(--grid);stroke-width:1}\n"
    "svg.chart .ln{stroke:var(--accent);stroke-width:2;fill:none}\n"
    "svg.chart .ar{fill:var(--accent);opacity:.14}\n",
    /* piece */
    "svg.chart .pk{fill:var(--hi);stroke:var(--card);stroke-width:2}\n"
    "svg.chart .pt{fill:var(--accent)}\n"
    "svg.chart rect:hover,svg.chart circle:hover{opacity:.75}\n"
    ".c0{fill:var(--c0)}.c1{fill:var(--c1)}.c2{fill:var(--c2)}.c3{fill:var(--c3)}.c4{fill:var(--c4)}.c5{fill:var(--c5)}.c6{fill:var(--c6)}.c7{fill:var(--c7)}\n"
    ".gwrap{display:grid;grid-template-columns:1fr 320px;gap:12px}\n"
    ".tool{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:8px}\n"
    ".tool .m{color:var(--muted);font-size:12px}\n"
    "#graph{position:relative;height:620px;background:var(--card);border:1px solid var(--border);border-radius:10px;overflow:hidden;cursor:grab}\n"
    "#graph.drag{cursor:grabbing}\n"
    "#gcanvas{width:100%;height:100%;display:block}\n"
    "#details{background:var(--card);border:1px solid var(--border);border-radius:10px;padding:12px 14px;height:620px;overflow:auto;font-size:13px}\n"
    "#details h3{margin:0 0 4px;font-size:15px;word-break:break-all}\n"
    "#details .op{display:inline-block;padding:1px 8px;border-radius:10px;background:var(--accent);color:#fff;font-size:12px}\n"
    "#details dl{display:grid;grid-template-columns:auto 1fr;gap:3px 10px;margin:10px 0}\n"
    "#details dt{color:var(--muted)}\n"
    "#details dd{margin:0;word-break:break-all}\n"
    "#details ul{margin:4px 0 10px;padding-left:18px}\n"
    "#details li{word-break:break-all}\n"
    "#details .m{color:var(--muted)}\n"
    ".tabs{display:flex;gap:6px;align-items:center;margin-bottom:8px;flex-wrap:wrap}\n"
    ".tablebox{background:var(--card);border:1px solid var(--border);border-radius:10px;overflow:auto;max-height:640px}\n"
    "table{border-collapse:collapse;width:100%;font-size:13px}\n"
    "th,td{padding:5px 10px;border-bottom:1px solid var(--grid);text-align:left;white-space:nowrap}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.nm{max-width:520px;overflow:hidden;text-overflow:ellipsis}\n"
    "thead th{position:sticky;top:0;background:var(--card);cursor:pointer;user-select:none;border-bottom:1px solid var(--border)}\n"
    "thead th.asc:after{content:\" \\25B2\";font-size:10px}\n"
    "thead th.desc:after{content:\" \\25BC\";font-size:10px}\n"
    "tbody tr:hover{background:var(--bg)}\n"
    ".more{margin:8px 0;color:var(--muted);font-size:12px;display:flex;gap:10px;align-items:center}\n"
    "details.meta{margin-top:10px}\n"
    "details.meta summary{cursor:pointer;font-weight:600}\n"
    ".note{color:var(--muted);font-size:12px}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:4px 12px;margin:0 0 8px;font-size:12px;color:var(--muted)}\n"
    ".legend .lg{display:inline-flex;align-items:center;gap:5px}\n"
    ".legend i{display:inline-block;width:12px;height:12px;border-radius:3px}\n"
    "footer{color:var(--muted);font-size:12px;padding:24px 28px}\n"
    "@media (max-width:900px){.gwrap{grid-template-columns:1fr}#details{height:auto}.charts{grid-template-columns:1fr}}\n",
    NULL
};
/* @@EMBED:css END */
/* @@EMBED:js BEGIN (generated by tools/embed.py from tools/report.js) */
static const char *const hln_report__html_js[] = {
    /* piece */
    "(function () {\n"
    "'use strict';\n"
    "var D = JSON.parse(document.getElementById('hln-data').textContent);\n"
    "function $(id) { return document.getElementById(id); }\n"
    "function el(tag, cls, text) {\n"
    "var e = document.createElement(tag);\n"
    "if (cls) e.className = cls;\n"
    "if (text !== undefined && text !== null) e.textContent = String(text);\n"
    "return e;\n"
    "}\n"
    "function fmtCount(v) {\n"
    "var u = ['', ' k', ' M', ' G', ' T'], i = 0;\n"
    "while (v >= 1000 && i < 4) { v /= 1000; i++; }\n"
    "return i ? v.toFixed(2) + u[i] : String(Math.round(v));\n"
    "}\n"
    "function fmtBytes(v) {\n"
    "var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], i = 0;\n"
    "while (v >= 1024 && i < 5) { v /= 1024; i++; }\n"
    "return i ? v.toFixed(1) + ' ' + u[i] : Math.round(v) + ' B';\n"
    "}\n"
    "function commas(v) { return String(v).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ','); }\n"
    "/* ---- theme: auto (the system's), light, dark ---- */\n"
    "var root = document.documentElement, themeBtn = $('theme'), G = null;\n"
    "function setTheme(t) {\n"
    "if (t === 'auto') root.removeAttribute('data-theme'); else root.setAttribute('data-theme', t);\n"
    "themeBtn.textContent = 'theme: ' + t;\n"
    "try { localStorage.setItem('haoline-theme', t); } catch (e) { /* file:// may refuse storage */ }\n"
    "if (G) G.draw();\n"
    "}\n"
    "var theme = 'auto';\n"
    "try { theme = localStorage.getItem('haoline-theme') || 'auto'; } catch (e) { theme = 'auto'; }\n"
    "setTheme(theme);\n"
    "themeBtn.addEventListener('click', function () {\n"
    "theme = theme === 'auto' ? 'dark' : theme === 'dark' ? 'light' : 'auto';\n"
    "setTheme(theme);\n"
    "});\n"
    "var V = D.graph;\n"
    "/* ---- graph view: layout from the report (x, row), rows folded when blocks collapse; the\n"
    "bodies of If/Loop/Scan open as views of their own (V.subgraphs, a breadcrumb leads back) ---- */\n"
    "function makeGraph() {\n"
    "var wrap = $('graph'), canvas = $('gcanvas'), ctx = canvas.getContext('2d'), details = $('details');\n"
    "var NW = 156, NH = 30, RH = 64, GW = 210;\n"
    "var views = [V].concat(V.subgraphs || []), cur = 0, kinds = D.kinds, children = {};\n"
    "var nodes, N, groups, NG, E, collapsed, rowY, px, py, hidden, gx, gcount, gbox;\n"
    "var view = { s: 1, tx: 0, ty: 0 }, sel = -1, selGroup = -1, match = null, pending = false;\n"
    "var bounds = { x0: 0, x1: 0, y0: 0, y1: 0 }, colors = [], css = null;\n"
    "var i, kindConst = -1, showConst = false, byBlock = false, tensorsView = D.kind !== 'graph';\n"
    "for (i = 1; i < views.length; i++) {   /* children[view][node]: the views that node opens */\n"
    "var pv = views[i].parent;\n"
    "if (!children[pv]) children[pv] = {};\n"
    "(children[pv][views[i].node] = children[pv][views[i].node] || []).push(i);\n"
    "}\n"
    "function tOf(k) { return nodes[k][10] >= 0 ? D.tensors[nodes[k][10]] : null; }\n"
    "function nName(k) { var n = nodes[k], t; if (n[0] !== null) return n[0]; t = tOf(k); return t ? t[0] : ''; }\n"
    "/* the first line of a node: its op, or (weight-only files) the tensor's name inside its layer */\n"
    "function head(k) {\n"
    "if (!tensorsView) return String(kinds[nodes[k][1]]);\n"
    "var s = nName(k), m = /^(.*?[._/])\\d+[._/](.+)$/.exec(s);\n"
    "return m ? m[2] : s;\n"
    "}\n",
    /* piece */
    "function sub(k) { var t = tOf(k); return tensorsView && t ? t[1] + ' \\u00b7 ' + fmtBytes(t[4]) : nName(k); }\n"
    "function load(vi) {\n"
    "var W = views[vi], g0, k;\n"
    "cur = vi;\n"
    "nodes = W.nodes; N = nodes.length; groups = W.groups; NG = groups.length; E = W.edges;\n"
    "kinds = vi ? W.kinds : D.kinds;\n"
    "kindConst = kinds.indexOf('Constant');\n"
    "collapsed = new Uint8Array(NG); rowY = new Float64Array(W.rows + 1);\n"
    "px = new Float64Array(N); py = new Float64Array(N); hidden = new Uint8Array(N);\n"
    "gx = new Float64Array(NG); gcount = new Uint32Array(NG); gbox = new Float64Array(4 * NG);\n"
    "for (k = 0; k < N; k++) { g0 = nodes[k][4]; if (g0 >= 0) { gx[g0] += nodes[k][2]; gcount[g0]++; } }\n"
    "for (k = 0; k < NG; k++) gx[k] = gcount[k] ? gx[k] / gcount[k] : 0;\n"
    "match = null; $('g-search').value = ''; $('g-found').textContent = '';\n"
    "wrap.setAttribute('data-view', vi);\n"
    "wrap.setAttribute('data-node-count', N);\n"
    "wrap.setAttribute('data-edge-count', E.length / 2);\n"
    "wrap.setAttribute('data-group-count', NG);\n"
    "legend();\n"
    "path();\n"
    "if (N > 600 && NG) collapsed.fill(1);   /* big graphs open folded */\n"
    "layout();\n"
    "select(-1);\n"
    "fit();\n"
    "}\n"
    "function layout() {\n"
    "var W = views[cur], vis = new Uint32Array(W.rows + 1), y = 0, r, k, g, nconst = 0;\n"
    "for (k = 0; k < N; k++) {\n"
    "g = nodes[k][4];\n"
    "/* 2: a Constant or shape-plumbing node hidden by the toggle (its edges go too), 1: inside a folded block */\n"
    "hidden[k] = !showConst && (nodes[k][1] === kindConst || nodes[k][11] === 1) ? 2 : g >= 0 && collapsed[g] ? 1 : 0;\n"
    "if (hidden[k] === 2) nconst++;\n"
    "if (!hidden[k]) vis[nodes[k][3]]++;\n"
    "}\n"
    "wrap.setAttribute('data-hidden-plumbing', nconst);\n"
    "for (k = 0; k < NG; k++) if (collapsed[k]) vis[groups[k][1]]++;\n"
    "for (r = 0; r < W.rows; r++) { rowY[r] = y; if (vis[r]) y += RH; }\n"
    "rowY[W.rows] = y;\n"
    "bounds = { x0: 1e18, x1: -1e18, y0: 0, y1: Math.max(y - RH, 0) + NH };\n"
    "for (k = 0; k < NG; k++) { gbox[4 * k] = gbox[4 * k + 2] = 1e18; gbox[4 * k + 1] = gbox[4 * k + 3] = -1e18; }\n"
    "for (k = 0; k < N; k++) {\n"
    "g = nodes[k][4];\n"
    "if (hidden[k] === 1) { px[k] = gx[g]; py[k] = rowY[groups[g][1]]; } else { px[k] = nodes[k][2]; py[k] = rowY[nodes[k][3]]; }\n"
    "if (hidden[k] === 2) continue;\n"
    "if (px[k] - NW < bounds.x0) bounds.x0 = px[k] - NW;\n"
    "if (px[k] + NW > bounds.x1) bounds.x1 = px[k] + NW;\n"
    "if (!hidden[k] && g >= 0) {   /* the frame of an open block */\n"
    "gbox[4 * g] = Math.min(gbox[4 * g], px[k]); gbox[4 * g + 1] = Math.max(gbox[4 * g + 1], px[k]);\n"
    "gbox[4 * g + 2] = Math.min(gbox[4 * g + 2], py[k]); gbox[4 * g + 3] = Math.max(gbox[4 * g + 3], py[k]);\n"
    "}\n"
    "}\n"
    "if (!N) bounds = { x0: -NW, x1: NW, y0: 0, y1: NH };\n"
    "$('g-state').textContent = N + ' nodes, ' + NG + ' blocks' + (NG ? ' (' + count(collapsed) + ' collapsed)' : '') +\n"
    "(nconst ? ', ' + nconst + ' constant/shape nodes hidden' : '');\n"
    "}\n"
    "function count(a) { var c = 0; for (var k = 0; k < a.length; k++) c += a[k]; return c; }\n"
    "function readColors() {\n"
    "css = getComputedStyle(root);\n"
    "colors = [];\n"
    "for (var k = 0; k < 8; k++) colors.push(css.getPropertyValue('--c' + k).trim() || '#888');\n"
    "}\n",
    /* piece */
    "function cv(name) { return css.getPropertyValue(name).trim(); }\n"
    "function fill(k) { var g = nodes[k][4]; return byBlock ? (g >= 0 ? colors[g % 8] : cv('--edge')) : colors[nodes[k][1] % 8]; }\n"
    "function draw() {\n"
    "if (pending) return;\n"
    "pending = true;\n"
    "requestAnimationFrame(paint);\n"
    "}\n"
    "/* text in screen pixels, cut to what fits in w pixels; false when nothing fits */\n"
    "function label(str, x, y, w, f, weight) {\n"
    "var n;\n"
    "str = String(str);\n"
    "if (w < f * 1.8) return false;\n"
    "ctx.font = (weight || '') + f + 'px system-ui,sans-serif';\n"
    "if (ctx.measureText(str).width > w) {   /* cut at the end, measured, to what fits */\n"
    "for (n = Math.min(str.length - 1, Math.floor(w / (f * 0.5))); n >= 2 && ctx.measureText(str.slice(0, n) + '\\u2026').width > w; n--) {}\n"
    "if (n < 2) return false;\n"
    "str = str.slice(0, n) + '\\u2026';\n"
    "}\n"
    "ctx.fillText(str, x, y);\n"
    "return true;\n"
    "}\n"
    "function paint() {\n"
    "var t0 = performance.now();\n"
    "pending = false;\n"
    "readColors();\n"
    "var dpr = window.devicePixelRatio || 1, W = canvas.clientWidth, H = canvas.clientHeight, k, a, b;\n"
    "if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {\n"
    "canvas.width = Math.round(W * dpr); canvas.height = Math.round(H * dpr);\n"
    "}\n"
    "ctx.setTransform(1, 0, 0, 1, 0, 0);\n"
    "ctx.fillStyle = cv('--card');\n"
    "ctx.fillRect(0, 0, canvas.width, canvas.height);\n"
    "var s = view.s;\n"
    "ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * view.tx, dpr * view.ty);\n"
    "var x0 = -view.tx / s - NW, x1 = (W - view.tx) / s + NW, y0 = -view.ty / s - NH, y1 = (H - view.ty) / s + NH;\n"
    "var frames = [];\n"
    "/* frames of the open blocks, tinted in the block's colour */\n"
    "for (k = 0; k < NG; k++) {\n"
    "if (collapsed[k] || gbox[4 * k] > gbox[4 * k + 1]) continue;\n"
    "var fx0 = gbox[4 * k] - NW / 2 - 12, fx1 = gbox[4 * k + 1] + NW / 2 + 12, fy0 = gbox[4 * k + 2] - NH / 2 - 16, fy1 = gbox[4 * k + 3] + NH / 2 + 8;\n"
    "if (fx1 < x0 || fx0 > x1 || fy1 < y0 || fy0 > y1) continue;\n"
    "ctx.globalAlpha = 0.09;\n"
    "ctx.fillStyle = colors[k % 8];\n"
    "ctx.fillRect(fx0, fy0, fx1 - fx0, fy1 - fy0);\n"
    "ctx.globalAlpha = 0.55;\n"
    "ctx.strokeStyle = colors[k % 8];\n"
    "ctx.lineWidth = 1 / s;\n"
    "ctx.strokeRect(fx0, fy0, fx1 - fx0, fy1 - fy0);\n"
    "ctx.globalAlpha = 1;\n"
    "frames.push([k, fx0, fy0, fx1 - fx0]);\n"
    "}\n"
    "/* edges */\n"
    "ctx.strokeStyle = cv('--edge');\n"
    "ctx.lineWidth = Math.max(1 / s, 0.6);\n"
    "ctx.beginPath();\n"
    "for (k = 0; k < E.length; k += 2) {\n"
    "a = E[k]; b = E[k + 1];\n"
    "if ((hidden[a] && hidden[b] && nodes[a][4] === nodes[b][4]) || hidden[a] === 2 || hidden[b] === 2) continue;\n"
    "var ax = px[a], ay = py[a] + NH / 2, bx = px[b], by = py[b] - NH / 2;\n"
    "if ((ay < y0 && by < y0) || (ay > y1 && by > y1) || (ax < x0 && bx < x0) || (ax > x1 && bx > x1)) continue;\n"
    "ctx.moveTo(ax, ay);\n"
    "if (by - ay > RH * 1.5) {\n"
    "/* a long edge bows out sideways so it does not run through the nodes between */\n"
    "var off = NW * (ax <= bx ? 1.1 : -1.1);\n"
    "ctx.bezierCurveTo(ax + off, ay + RH, bx + off, by - RH, bx, by);\n"
    "} else if (ax === bx) ctx.lineTo(bx, by);\n"
    "else { var my = (ay + by) / 2; ctx.bezierCurveTo(ax, my, bx, my, bx, by); }\n"
    "}\n"
    "ctx.stroke();\n",
    /* piece */
    "var hi = cv('--hi'), shown = [], blocks = [];\n"
    "/* collapsed blocks */\n"
    "for (k = 0; k < NG; k++) {\n"
    "if (!collapsed[k]) continue;\n"
    "var cx = gx[k], cy = rowY[groups[k][1]];\n"
    "if (cx + GW / 2 < x0 || cx - GW / 2 > x1 || cy < y0 || cy > y1) continue;\n"
    "ctx.fillStyle = cv('--bg');\n"
    "ctx.strokeStyle = k === selGroup ? hi : byBlock ? colors[k % 8] : cv('--accent');\n"
    "ctx.lineWidth = (k === selGroup ? 3 : 1.5) / Math.max(s, 0.25);\n"
    "ctx.fillRect(cx - GW / 2, cy - NH / 2 - 4, GW, NH + 8);\n"
    "ctx.strokeRect(cx - GW / 2, cy - NH / 2 - 4, GW, NH + 8);\n"
    "blocks.push(k);\n"
    "}\n"
    "/* nodes */\n"
    "for (k = 0; k < N; k++) {\n"
    "if (hidden[k]) continue;\n"
    "var nx = px[k], ny = py[k];\n"
    "if (nx < x0 || nx > x1 || ny < y0 || ny > y1) continue;\n"
    "ctx.fillStyle = fill(k);\n"
    "ctx.fillRect(nx - NW / 2, ny - NH / 2, NW, NH);\n"
    "if (k === sel || (match && match[k])) {\n"
    "ctx.strokeStyle = hi;\n"
    "ctx.lineWidth = 3 / Math.max(s, 0.25);\n"
    "ctx.strokeRect(nx - NW / 2 - 2, ny - NH / 2 - 2, NW + 4, NH + 4);\n"
    "}\n"
    "if (children[cur] && children[cur][k]) {   /* a node with a body to open: a folded corner */\n"
    "ctx.fillStyle = cv('--card');\n"
    "ctx.beginPath(); ctx.moveTo(nx + NW / 2 - 14, ny - NH / 2); ctx.lineTo(nx + NW / 2, ny - NH / 2); ctx.lineTo(nx + NW / 2, ny - NH / 2 + 14); ctx.fill();\n"
    "}\n"
    "shown.push(k);\n"
    "}\n"
    "/* labels in screen pixels, wherever the box is big enough to hold them (any zoom) */\n"
    "ctx.setTransform(dpr, 0, 0, dpr, 0, 0);\n"
    "ctx.textAlign = 'center';\n"
    "ctx.textBaseline = 'middle';\n"
    "var bh = NH * s, bw = NW * s, f1 = Math.min(13, Math.max(9, 12 * s)), f2 = Math.min(11, Math.max(8, 10 * s)), two = bh >= f1 + f2 + 3;\n"
    "var labelled = 0, card = cv('--card'), fg = cv('--fg'), muted = cv('--muted');\n"
    "if (bh >= f1 + 1)\n"
    "for (a = 0; a < shown.length; a++) {\n"
    "k = shown[a];\n"
    "var sx = view.tx + px[k] * s, sy = view.ty + py[k] * s;\n"
    "ctx.fillStyle = card;\n"
    "if (label(head(k), sx, two ? sy - f2 / 2 - 1 : sy, bw - 6, f1, '600 ')) labelled++;\n"
    "if (two) label(sub(k), sx, sy + f1 / 2 + 1, bw - 6, f2);\n"
    "}\n"
    "if (bh + 8 * s >= f1 + 1)\n"
    "for (a = 0; a < blocks.length; a++) {\n"
    "k = blocks[a];\n"
    "var gsx = view.tx + gx[k] * s, gsy = view.ty + rowY[groups[k][1]] * s;\n"
    "ctx.fillStyle = fg;\n"
    "label(groups[k][0] + '  \\u00d7' + groups[k][3], gsx, two ? gsy - f2 / 2 - 1 : gsy, GW * s - 6, f1, '600 ');\n"
    "ctx.fillStyle = muted;\n"
    "if (two) label(D.kind === 'graph' ? fmtCount(groups[k][4]) + ' MACs' : fmtCount(groups[k][5]) + ' params', gsx, gsy + f1 / 2 + 1, GW * s - 6, f2);\n"
    "}\n"
    "ctx.textAlign = 'left';\n"
    "var nframes = 0;\n"
    "for (a = 0; a < frames.length; a++) {\n"
    "var fr = frames[a];\n"
    "if (16 * s < 9) break;\n"
    "ctx.fillStyle = colors[fr[0] % 8];\n"
    "if (label(groups[fr[0]][0], view.tx + fr[1] * s + 4, view.ty + fr[2] * s + 8 * s, fr[3] * s - 8, Math.min(12, Math.max(9, 11 * s)), '600 ')) nframes++;\n"
    "}\n"
    "api.labelled = labelled;\n"
    "api.fontPx = bh >= f1 + 1 ? f1 : 0;\n"
    "api.framesLabelled = nframes;\n"
    "api.lastPaintMs = performance.now() - t0;\n"
    "}\n"
    "function clip(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + '\\u2026' : s; }\n"
    "function fit() {\n",
    /* piece */
    "var W = canvas.clientWidth, H = canvas.clientHeight, bw = bounds.x1 - bounds.x0 + 40, bh = bounds.y1 - bounds.y0 + 40;\n"
    "var s = Math.min(W / bw, H / bh, 1.2);\n"
    "if (s < 0.35) s = Math.min(Math.max(W / bw, 0.35), 1.2);   /* too tall to fit: readable, from the top */\n"
    "view.s = s;\n"
    "view.tx = W / 2 - (bounds.x0 + bounds.x1) / 2 * s;\n"
    "view.ty = bh * s <= H ? H / 2 - (bounds.y0 + bounds.y1) / 2 * s : 20 - bounds.y0 * s;\n"
    "draw();\n"
    "}\n"
    "function center(k) {\n"
    "var W = canvas.clientWidth, H = canvas.clientHeight;\n"
    "if (view.s < 0.6) view.s = 0.9;\n"
    "view.tx = W / 2 - px[k] * view.s;\n"
    "view.ty = H / 2 - py[k] * view.s;\n"
    "draw();\n"
    "}\n"
    "function hit(cx, cy) {\n"
    "var wx = (cx - view.tx) / view.s, wy = (cy - view.ty) / view.s, k;\n"
    "for (k = 0; k < NG; k++)\n"
    "if (collapsed[k] && Math.abs(wx - gx[k]) <= GW / 2 && Math.abs(wy - rowY[groups[k][1]]) <= NH / 2 + 4) return { g: k };\n"
    "for (k = 0; k < N; k++)\n"
    "if (!hidden[k] && Math.abs(wx - px[k]) <= NW / 2 && Math.abs(wy - py[k]) <= NH / 2) return { n: k };\n"
    "return null;\n"
    "}\n"
    "function dl(list) {\n"
    "var d = el('dl');\n"
    "for (var k = 0; k < list.length; k++) { d.appendChild(el('dt', null, list[k][0])); d.appendChild(el('dd', null, list[k][1])); }\n"
    "return d;\n"
    "}\n"
    "function valueList(title, ids) {\n"
    "var frag = document.createDocumentFragment(), ul = el('ul'), vals = views[cur].values;\n"
    "frag.appendChild(el('div', 'm', title + ' (' + ids.length + ')'));\n"
    "for (var k = 0; k < ids.length && k < 64; k++) {\n"
    "var v = vals[ids[k]];\n"
    "if (!v) { ul.appendChild(el('li', 'm', '(omitted)')); continue; }\n"
    "ul.appendChild(el('li', null, v[0] + ': ' + v[1] + ' ' + v[2] + (v[4] ? '  (weight)' : '')));\n"
    "}\n"
    "frag.appendChild(ul);\n"
    "return frag;\n"
    "}\n"
    "function select(k) {\n"
    "sel = k; selGroup = -1;\n"
    "details.textContent = '';\n"
    "details.setAttribute('data-node', k);\n"
    "details.removeAttribute('data-group');\n"
    "if (k < 0) { details.appendChild(el('p', 'm', 'Click a node to see its shapes, parameters and MACs.')); draw(); return; }\n"
    "var n = nodes[k], t = tOf(k);\n"
    "details.appendChild(el('span', 'op', kinds[n[1]]));\n"
    "details.appendChild(el('h3', null, nName(k)));\n"
    "var rows = [['index', String(k)]];\n"
    "if (n[4] >= 0) rows.push(['block', groups[n[4]][0]]);\n"
    "if (t) {\n"
    "rows.push(['dtype', t[1]], ['shape', t[2]], ['elements', commas(t[3])], ['bytes', commas(t[4]) + ' (' + fmtBytes(t[4]) + ')'], ['offset', commas(t[5])]);\n"
    "} else {\n"
    "rows.push(['params', commas(n[7]) + ' (' + fmtCount(n[7]) + ')'], ['MACs', commas(n[5]) + ' (' + fmtCount(n[5]) + ')'], ['FLOPs', commas(n[6]) + ' (' + fmtCount(n[6]) + ')']);\n"
    "}\n"
    "details.appendChild(dl(rows));\n"
    "var subs = children[cur] && children[cur][k];\n"
    "if (subs) {   /* the node's bodies: each opens as a graph of its own */\n"
    "details.appendChild(el('div', 'm', 'subgraphs (params above include their weights)'));\n"
    "subs.forEach(function (j) {\n"
    "var b = el('button', 'sub', 'open ' + views[j].attr + ' (' + views[j].nodes.length + ' nodes)');\n"
    "b.type = 'button';\n"
    "b.setAttribute('data-view', j);\n"
    "b.addEventListener('click', function () { load(j); });\n"
    "details.appendChild(b);\n"
    "});\n"
    "}\n",
    /* piece */
    "if (!t) { details.appendChild(valueList('inputs', n[8])); details.appendChild(valueList('outputs', n[9])); }\n"
    "if (n[4] >= 0) {\n"
    "var b = el('button', null, 'collapse block');\n"
    "b.addEventListener('click', function () { collapsed[n[4]] = 1; layout(); selectGroup(n[4]); });\n"
    "details.appendChild(b);\n"
    "}\n"
    "draw();\n"
    "}\n"
    "function selectGroup(k) {\n"
    "sel = -1; selGroup = k;\n"
    "details.textContent = '';\n"
    "details.setAttribute('data-group', k);\n"
    "details.setAttribute('data-node', -1);\n"
    "var g = groups[k];\n"
    "details.appendChild(el('span', 'op', 'block'));\n"
    "details.appendChild(el('h3', null, g[0]));\n"
    "details.appendChild(dl([['nodes', String(g[3])], [D.kind === 'graph' ? 'MACs' : 'bytes', D.kind === 'graph' ? commas(g[4]) + ' (' + fmtCount(g[4]) + ')' : fmtBytes(g[4])], ['params', commas(g[5]) + ' (' + fmtCount(g[5]) + ')']]));\n"
    "var b = el('button', null, 'expand block');\n"
    "b.addEventListener('click', function () { collapsed[k] = 0; layout(); select(-1); });\n"
    "details.appendChild(b);\n"
    "draw();\n"
    "}\n"
    "/* pan, zoom, click */\n"
    "var drag = null;\n"
    "canvas.addEventListener('mousedown', function (e) { drag = { x: e.clientX, y: e.clientY, tx: view.tx, ty: view.ty, moved: false }; wrap.classList.add('drag'); });\n"
    "window.addEventListener('mousemove', function (e) {\n"
    "if (!drag) return;\n"
    "var dx = e.clientX - drag.x, dy = e.clientY - drag.y;\n"
    "if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;\n"
    "view.tx = drag.tx + dx; view.ty = drag.ty + dy;\n"
    "draw();\n"
    "});\n"
    "window.addEventListener('mouseup', function (e) {\n"
    "if (!drag) return;\n"
    "var moved = drag.moved;\n"
    "drag = null; wrap.classList.remove('drag');\n"
    "if (moved) return;\n"
    "var r = canvas.getBoundingClientRect(), h = hit(e.clientX - r.left, e.clientY - r.top);\n"
    "if (!h) return;\n"
    "if (h.g !== undefined) { if (selGroup === h.g) { collapsed[h.g] = 0; layout(); select(-1); } else selectGroup(h.g); }\n"
    "else select(h.n);\n"
    "});\n"
    "canvas.addEventListener('dblclick', function (e) {   /* a node with a body: open its first one */\n"
    "var r = canvas.getBoundingClientRect(), h = hit(e.clientX - r.left, e.clientY - r.top);\n"
    "if (h && h.n !== undefined && children[cur] && children[cur][h.n]) load(children[cur][h.n][0]);\n"
    "});\n"
    "canvas.addEventListener('wheel', function (e) {\n"
    "e.preventDefault();\n"
    "var r = canvas.getBoundingClientRect(), cx = e.clientX - r.left, cy = e.clientY - r.top;\n"
    "var f = Math.exp(-e.deltaY * 0.0015), s = Math.min(Math.max(view.s * f, 0.01), 4);\n"
    "view.tx = cx - (cx - view.tx) * s / view.s; view.ty = cy - (cy - view.ty) * s / view.s; view.s = s;\n"
    "draw();\n"
    "}, { passive: false });\n"
    "$('g-fit').addEventListener('click', fit);\n"
    "$('g-in').addEventListener('click', function () { zoomBy(1.25); });\n"
    "$('g-out').addEventListener('click', function () { zoomBy(0.8); });\n"
    "function zoomBy(f) {\n"
    "var W = canvas.clientWidth / 2, H = canvas.clientHeight / 2, s = Math.min(Math.max(view.s * f, 0.01), 4);\n"
    "view.tx = W - (W - view.tx) * s / view.s; view.ty = H - (H - view.ty) * s / view.s; view.s = s; draw();\n"
    "}\n"
    "$('g-collapse').addEventListener('click', function () { collapsed.fill(1); layout(); select(-1); fit(); });\n",
    /* piece */
    "$('g-expand').addEventListener('click', function () { collapsed.fill(0); layout(); select(-1); fit(); });\n"
    "$('g-search').addEventListener('input', function () {\n"
    "var q = this.value.toLowerCase(), k, first = -1, c = 0;\n"
    "match = null;\n"
    "if (q) {\n"
    "match = new Uint8Array(N);\n"
    "for (k = 0; k < N; k++)\n"
    "if (nName(k).toLowerCase().indexOf(q) >= 0 || String(kinds[nodes[k][1]]).toLowerCase() === q) { match[k] = 1; c++; if (first < 0) first = k; }\n"
    "}\n"
    "$('g-found').textContent = q ? c + ' found' : '';\n"
    "if (first >= 0) { if (hidden[first]) { collapsed[nodes[first][4]] = 0; layout(); } center(first); } else draw();\n"
    "});\n"
    "window.addEventListener('resize', draw);\n"
    "if (window.matchMedia) { var mq = window.matchMedia('(prefers-color-scheme: dark)'); if (mq.addEventListener) mq.addEventListener('change', draw); }\n"
    "var api = {\n"
    "draw: draw, select: select, center: center, lastPaintMs: 0, labelled: 0, fontPx: 0, framesLabelled: 0, views: views.length,\n"
    "get count() { return N; },\n"
    "/* for tests: where node k is on the screen (client coordinates), null when folded */\n"
    "screenPos: function (k) {\n"
    "if (hidden[k]) return null;\n"
    "var r = canvas.getBoundingClientRect();\n"
    "return { x: r.left + view.tx + px[k] * view.s, y: r.top + view.ty + py[k] * view.s };\n"
    "},\n"
    "scale: function () { return view.s; },\n"
    "view: function () { return cur; },\n"
    "open: load,\n"
    "expandAll: function () { collapsed.fill(0); layout(); fit(); },\n"
    "collapseAll: function () { collapsed.fill(1); layout(); fit(); }\n"
    "};\n"
    "/* the way back from a subgraph: main graph > node / attribute > ... */\n"
    "var crumbs = el('div', 'legend'), bar = $('g-state').parentNode;\n"
    "crumbs.id = 'g-path';\n"
    "bar.parentNode.insertBefore(crumbs, bar.nextSibling);\n"
    "function path() {\n"
    "var chain = [], v = cur;\n"
    "crumbs.textContent = '';\n"
    "crumbs.style.display = views.length > 1 ? '' : 'none';\n"
    "while (v > 0) { chain.unshift(v); v = views[v].parent; }\n"
    "chain.unshift(0);\n"
    "chain.forEach(function (j, at) {\n"
    "var owner = j ? views[views[j].parent] : null, on = owner ? owner.nodes[views[j].node] : null;\n"
    "var txt = j ? (on[0] || (views[j].parent ? views[views[j].parent].kinds : D.kinds)[on[1]]) + ' \\u203a ' + views[j].attr : 'main graph';\n"
    "if (at) crumbs.appendChild(document.createTextNode(' / '));\n"
    "if (j === cur) { crumbs.appendChild(el('b', null, txt)); return; }\n"
    "var b = el('button', null, txt);\n"
    "b.type = 'button';\n"
    "b.addEventListener('click', function () { load(j); });\n"
    "crumbs.appendChild(b);\n"
    "});\n"
    "if (views.length > 1 && !cur) crumbs.appendChild(el('span', 'm', '  (' + (views.length - 1) + ' subgraphs: click an If/Loop/Scan node, then \"open\", or double-click it)'));\n"
    "}\n"
    "/* legend: the colour of each op type (or block) drawn, most frequent first; toggles */\n"
    "var box = el('div', 'legend');\n"
    "box.id = 'g-legend';\n"
    "wrap.parentNode.parentNode.insertBefore(box, wrap.parentNode);   /* above the canvas + details grid */\n"
    "var cbtn = el('button', null, 'colour by block'), tbtn = el('button', null, 'show constants');\n"
    "cbtn.id = 'g-colour'; cbtn.type = 'button';\n",
    /* piece */
    "cbtn.addEventListener('click', function () { byBlock = !byBlock; cbtn.textContent = byBlock ? 'colour by op' : 'colour by block'; legend(); draw(); });\n"
    "tbtn.id = 'g-const'; tbtn.type = 'button';\n"
    "tbtn.addEventListener('click', function () { showConst = !showConst; tbtn.textContent = showConst ? 'hide constants' : 'show constants'; layout(); fit(); });\n"
    "bar.insertBefore(cbtn, $('g-search'));\n"
    "bar.insertBefore(tbtn, $('g-search'));\n"
    "function legend() {\n"
    "var cnt = {}, order = [], k, c, plumbing = 0;\n"
    "box.textContent = '';\n"
    "readColors();\n"
    "for (k = 0; k < N; k++) {\n"
    "c = byBlock ? nodes[k][4] : nodes[k][1];\n"
    "if (!cnt[c]) { cnt[c] = 0; order.push(c); }\n"
    "cnt[c]++;\n"
    "if (nodes[k][1] === kindConst || nodes[k][11] === 1) plumbing++;\n"
    "}\n"
    "if (byBlock) order.sort(function (a, b) { return a - b; }); else order.sort(function (a, b) { return cnt[b] - cnt[a]; });\n"
    "for (k = 0; k < order.length && k < 16; k++) {\n"
    "var it = el('span', 'lg'), sw = el('i'), o = order[k];\n"
    "sw.style.background = byBlock ? (o >= 0 ? colors[o % 8] : cv('--edge')) : colors[o % 8];\n"
    "it.appendChild(sw);\n"
    "it.appendChild(document.createTextNode((byBlock ? (o >= 0 ? groups[o][0] : 'outside blocks') : kinds[o]) + ' ' + cnt[o]));\n"
    "box.appendChild(it);\n"
    "}\n"
    "if (order.length > 16) box.appendChild(el('span', 'lg m', '+' + (order.length - 16) + (byBlock ? ' more blocks' : ' more op types')));\n"
    "tbtn.style.display = plumbing ? '' : 'none';\n"
    "cbtn.style.display = NG ? '' : 'none';\n"
    "}\n"
    "load(0);\n"
    "return api;\n"
    "}\n"
    "/* ---- tables: sort by any column, filter on text, render in pages ---- */\n"
    "function makeTable() {\n"
    "var tabs = [], cur = null, filter = $('t-filter'), table = $('t-table'), info = $('t-info'), moreBtn = $('t-more');\n"
    "var limit = 200, rows = [], sortCol = -1, sortDir = 1;\n"
    "if (D.tensors && D.tensors.length)\n"
    "tabs.push({ id: 'tensors', label: 'Tensors (' + D.tensors.length + ')', cols: [['name', 0], ['dtype', 0], ['shape', 0], ['elements', 1], ['bytes', 1], ['offset', 1], ['layer', 1]],\n"
    "data: D.tensors.map(function (t) { return [t[0], t[1], t[2], t[3], t[4], t[5], t[6] < 0 ? '' : t[6]]; }) });\n"
    "if (D.kind === 'graph' && V && V.nodes.length)\n"
    "tabs.push({ id: 'nodes', label: 'Nodes (' + V.nodes.length + ')', cols: [['name', 0], ['op', 0], ['block', 0], ['inputs', 1], ['output shapes', 0], ['params', 1], ['MACs', 1], ['FLOPs', 1]],\n"
    "data: V.nodes.map(function (n) {\n"
    "return [n[0], D.kinds[n[1]], n[4] >= 0 ? V.groups[n[4]][0] : '', n[8].length,\n"
    "n[9].map(function (v) { return V.values[v] ? V.values[v][2] : '?'; }).join('; '), n[7], n[5], n[6]];\n"
    "}) });\n"
    "var bar = $('t-tabs');\n"
    "tabs.forEach(function (t) {\n"
    "var b = el('button', null, t.label);\n"
    "b.id = 'tab-' + t.id;\n"
    "b.addEventListener('click', function () { show(t); });\n"
    "t.btn = b;\n"
    "bar.insertBefore(b, filter);\n"
    "});\n"
    "function show(t) {\n"
    "cur = t; sortCol = -1; limit = 200;\n"
    "tabs.forEach(function (x) { x.btn.classList.toggle('on', x === t); });\n"
    "var thead = el('thead'), tr = el('tr');\n"
    "t.cols.forEach(function (c, k) {\n"
    "var th = el('th', c[1] ? 'n' : null, c[0]);\n",
    /* piece */
    "th.addEventListener('click', function () { sortDir = sortCol === k ? -sortDir : (c[1] ? -1 : 1); sortCol = k; apply(); });\n"
    "tr.appendChild(th);\n"
    "});\n"
    "thead.appendChild(tr);\n"
    "table.textContent = '';\n"
    "table.appendChild(thead);\n"
    "table.appendChild(el('tbody'));\n"
    "apply();\n"
    "}\n"
    "function apply() {\n"
    "var q = filter.value.toLowerCase();\n"
    "rows = cur.data;\n"
    "if (q) rows = rows.filter(function (r) {\n"
    "for (var k = 0; k < r.length; k++) if (String(r[k]).toLowerCase().indexOf(q) >= 0) return true;\n"
    "return false;\n"
    "});\n"
    "if (sortCol >= 0) {\n"
    "var c = sortCol, num = cur.cols[c][1];\n"
    "rows = rows.slice().sort(function (a, b) {\n"
    "var x = a[c], y = b[c];\n"
    "if (num) { x = x === '' ? -1 : +x; y = y === '' ? -1 : +y; return (x - y) * sortDir; }\n"
    "return String(x).localeCompare(String(y)) * sortDir;\n"
    "});\n"
    "}\n"
    "var ths = table.querySelectorAll('th');\n"
    "for (var k = 0; k < ths.length; k++) ths[k].className = (cur.cols[k][1] ? 'n ' : '') + (k === sortCol ? (sortDir > 0 ? 'asc' : 'desc') : '');\n"
    "render();\n"
    "}\n"
    "function render() {\n"
    "var tb = table.querySelector('tbody'), frag = document.createDocumentFragment(), n = Math.min(rows.length, limit);\n"
    "for (var r = 0; r < n; r++) {\n"
    "var tr = el('tr');\n"
    "for (var c = 0; c < cur.cols.length; c++) {\n"
    "var v = rows[r][c], num = cur.cols[c][1];\n"
    "var td = el('td', num ? 'n' : (c === 0 ? 'nm' : null), num && v !== '' ? commas(v) : v);\n"
    "if (c === 0) td.title = String(v);\n"
    "tr.appendChild(td);\n"
    "}\n"
    "frag.appendChild(tr);\n"
    "}\n"
    "tb.textContent = '';\n"
    "tb.appendChild(frag);\n"
    "info.textContent = 'showing ' + n + ' of ' + rows.length + (rows.length !== cur.data.length ? ' (filtered from ' + cur.data.length + ')' : '');\n"
    "moreBtn.style.display = rows.length > limit ? '' : 'none';\n"
    "}\n"
    "filter.addEventListener('input', function () { limit = 200; apply(); });\n"
    "moreBtn.addEventListener('click', function () { limit += 1000; render(); });\n"
    "if (tabs.length) show(tabs[0]);\n"
    "}\n"
    "if (V) G = makeGraph();\n"
    "if ($('t-table')) makeTable();\n"
    "window.haoline = { graph: G, data: D };\n"
    "document.body.setAttribute('data-ready', '1');\n"
    "})();\n",
    NULL
};
/* @@EMBED:js END */

static void hln_report__chart_fmt(char *buf, size_t cap, const hln_report__chart *c, double v) {
    if (c->bytes) hln_report_fmt_bytes(buf, cap, v); else hln_report_fmt_count(buf, cap, v);
}
static void hln_report__tokens_fmt(char *buf, size_t cap, double x) {
    if (x >= 1024 * 1024) snprintf(buf, cap, "%gM", x / (1024.0 * 1024.0));
    else if (x >= 1024) snprintf(buf, cap, "%gk", x / 1024.0);
    else snprintf(buf, cap, "%g", x);
}
static void hln_report__svg_text(hln_report__out *o, const char *cls, double x, double y, const char *anchor) {
    hln_report__out_s(o, "<text");
    if (cls) { hln_report__out_s(o, " class=\""); hln_report__out_s(o, cls); hln_report__out_c(o, '"'); }
    hln_report__out_s(o, " x=\""); hln_report__out_x(o, x);
    hln_report__out_s(o, "\" y=\""); hln_report__out_x(o, y);
    hln_report__out_c(o, '"');
    if (anchor) { hln_report__out_s(o, " text-anchor=\""); hln_report__out_s(o, anchor); hln_report__out_c(o, '"'); }
    hln_report__out_c(o, '>');
}
static void hln_report__svg_rect(hln_report__out *o, const char *cls, double x, double y, double w, double h) {
    hln_report__out_s(o, "<rect class=\""); hln_report__out_s(o, cls);
    hln_report__out_s(o, "\" x=\""); hln_report__out_x(o, x);
    hln_report__out_s(o, "\" y=\""); hln_report__out_x(o, y);
    hln_report__out_s(o, "\" width=\""); hln_report__out_x(o, w);
    hln_report__out_s(o, "\" height=\""); hln_report__out_x(o, h);
    hln_report__out_s(o, "\">");
}
static void hln_report__svg_open(hln_report__out *o, const hln_report__chart *c, double w, double h) {
    hln_report__out_s(o, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
    hln_report__out_x(o, w); hln_report__out_c(o, ' '); hln_report__out_x(o, h);
    hln_report__out_s(o, "\" width=\""); hln_report__out_x(o, w);
    hln_report__out_s(o, "\" height=\""); hln_report__out_x(o, h);
    hln_report__out_s(o, "\" role=\"img\" aria-label=\"");
    hln_report__out_html(o, c->title);
    hln_report__out_s(o, "\">");
}

static void hln_report__svg_hbar(hln_report__out *o, const hln_report__chart *c) {
    const double W = 600, LW = 180, VW = 90, BH = 16, RH = 22;
    double H = c->n * RH + 6, max = 0, total = 0;
    uint32_t i;
    char buf[64];
    for (i = 0; i < c->n; i++) { if (c->v[i] > max) max = c->v[i]; total += c->v[i]; }
    hln_report__svg_open(o, c, W, H);
    for (i = 0; i < c->n; i++) {
        double y = 4 + i * RH, w = max > 0 ? c->v[i] / max * (W - LW - VW) : 0;
        if (w < 1) w = 1;
        hln_report__chart_fmt(buf, sizeof buf, c, c->v[i]);
        hln_report__out_s(o, "<g><title>");
        hln_report__out_html_n(o, c->lbl[i].p, c->lbl[i].n, 200);
        hln_report__out_s(o, ": ");
        hln_report__out_s(o, buf);
        {
            char pct[32];
            snprintf(pct, sizeof pct, " (%.1f%%)", total > 0 ? 100.0 * c->v[i] / total : 0.0);
            for (size_t k = 0; pct[k]; k++) if (pct[k] == ',') pct[k] = '.';
            hln_report__out_s(o, pct);
        }
        hln_report__out_s(o, "</title>");
        hln_report__svg_text(o, NULL, LW - 8, y + 12.5, "end");
        hln_report__out_html_n(o, c->lbl[i].p, c->lbl[i].n, 26);
        hln_report__out_s(o, "</text>");
        {
            char cls[4] = { 'c', (char)('0' + i % 8), 0, 0 };
            hln_report__svg_rect(o, cls, LW, y, w, BH);
            hln_report__out_s(o, "</rect>");
        }
        hln_report__svg_text(o, "m", LW + w + 6, y + 12.5, NULL);
        hln_report__out_s(o, buf);
        hln_report__out_s(o, "</text></g>");
    }
    hln_report__out_s(o, "</svg>");
}

/* log2 without libm: the exponent by halving, 24 fraction bits by squaring. */
static double hln_report__log2(double x) {
    double e = 0, f = 0, b = 0.5;
    int i;
    if (!(x > 0)) return 0;
    for (i = 0; i < 2100 && x >= 2; i++) { x /= 2; e++; }
    for (i = 0; i < 2100 && x < 1; i++) { x *= 2; e--; }
    for (i = 0; i < 24; i++, b /= 2) { x *= x; if (x >= 2) { x /= 2; f += b; } }
    return e + f;
}
/* Height of value v as a fraction of the plot: linear from 0 to max, or (ylog) logarithmic
   from the smallest positive value to max. */
static double hln_report__chart_frac(const hln_report__chart *c, double v, double max) {
    double lo = 0, l0, l1;
    uint32_t i;
    if (!c->ylog) return max > 0 ? v / max : 0;
    for (i = 0; i < c->n; i++) if (c->v[i] > 0 && (lo == 0 || c->v[i] < lo)) lo = c->v[i];
    if (!(v > 0) || !(lo > 0)) return 0;
    l0 = hln_report__log2(lo);
    l1 = hln_report__log2(max);
    return l1 > l0 ? (hln_report__log2(v) - l0) / (l1 - l0) : 1;
}
/* Grid line k (0 bottom, 1 middle, 2 top): its height fraction and its value. Log charts put
   the middle line on the middle data point, so every label is an exact value. */
static double hln_report__chart_grid(const hln_report__chart *c, int k, double max, double *value) {
    uint32_t i;
    double lo = 0;
    if (!c->ylog || !c->n) { *value = max * k / 2.0; return k / 2.0; }
    for (i = 0; i < c->n; i++) if (c->v[i] > 0 && (lo == 0 || c->v[i] < lo)) lo = c->v[i];
    *value = k == 0 ? lo : k == 2 ? max : c->v[(c->n - 1) / 2];
    return hln_report__chart_frac(c, *value, max);
}

/* Frame of an x/y chart: three grid lines (0, 1/2 and the max; log charts: min, a middle
   point and the max), their labels, the x axis name. */
static void hln_report__svg_frame(hln_report__out *o, const hln_report__chart *c, double W, double H, double L, double T, double B, double max) {
    int k;
    char buf[64];
    for (k = 0; k <= 2; k++) {
        double value, y = T + (H - T - B) * (1.0 - hln_report__chart_grid(c, k, max, &value));
        hln_report__out_s(o, "<line class=\"ax\" x1=\""); hln_report__out_x(o, L);
        hln_report__out_s(o, "\" x2=\""); hln_report__out_x(o, W - 10);
        hln_report__out_s(o, "\" y1=\""); hln_report__out_x(o, y);
        hln_report__out_s(o, "\" y2=\""); hln_report__out_x(o, y);
        hln_report__out_s(o, "\"/>");
        hln_report__chart_fmt(buf, sizeof buf, c, value);
        hln_report__svg_text(o, "m", L - 6, y + 4, "end");
        hln_report__out_s(o, buf);
        hln_report__out_s(o, "</text>");
    }
    hln_report__svg_text(o, "m", (L + W) / 2, H - 4, "middle");
    hln_report__out_html(o, c->xname);
    hln_report__out_s(o, "</text>");
}

static void hln_report__svg_vbar(hln_report__out *o, const hln_report__chart *c) {
    const double W = 600, H = 230, L = 72, T = 10, B = 34;
    double max = 0, bw = (W - L - 10) / (c->n ? c->n : 1), per = c->n > 1 ? c->x[1] - c->x[0] : 1, x0 = L;
    uint32_t i;
    char buf[64];
    for (i = 0; i < c->n; i++) if (c->v[i] > max) max = c->v[i];
    if (bw > 40) { x0 = L + (W - L - 10 - 40 * c->n) / 2; bw = 40; }   /* a few layers: slim bars, centred */
    hln_report__svg_open(o, c, W, H);
    hln_report__svg_frame(o, c, W, H, L, T, B, max);
    for (i = 0; i < c->n; i++) {
        double h = max > 0 ? c->v[i] / max * (H - T - B) : 0, gap = bw > 5 ? (bw > 20 ? 6 : 1.5) : 0;
        hln_report__svg_rect(o, "c0", x0 + i * bw + gap / 2, H - B - h, bw - gap > 0.5 ? bw - gap : 0.5, h);
        hln_report__out_s(o, "<title>");
        if (c->lbl && c->lbl[i].p) { hln_report__out_html_n(o, c->lbl[i].p, c->lbl[i].n, 200); hln_report__out_s(o, ": "); }
        else {
            hln_report__out_html(o, c->xname);
            snprintf(buf, sizeof buf, per > 1 ? " %.0f-%.0f: " : " %.0f: ", c->x[i], c->x[i] + per - 1);
            hln_report__out_s(o, buf);
        }
        hln_report__chart_fmt(buf, sizeof buf, c, c->v[i]);
        hln_report__out_s(o, buf);
        hln_report__out_s(o, "</title></rect>");
    }
    for (i = 0; i < c->n; i += c->n > 12 ? (c->n + 5) / 6 : 1) {
        snprintf(buf, sizeof buf, "%.0f", c->x[i]);
        hln_report__svg_text(o, "m", x0 + (i + 0.5) * bw, H - B + 14, "middle");
        hln_report__out_s(o, buf);
        hln_report__out_s(o, "</text>");
    }
    hln_report__out_s(o, "</svg>");
}

static double hln_report__line_x(const hln_report__chart *c, uint32_t i, double L, double W) {
    double a, b, v;
    if (c->n < 2) return (L + W - 10) / 2;
    /* log-scaled x (contexts doubling) is evenly spaced by index; no libm needed */
    if (c->xlog) { a = 0; b = (double)(c->n - 1); v = (double)i; }
    else { a = c->x[0]; b = c->x[c->n - 1]; v = c->x[i]; }
    return b > a ? L + (v - a) / (b - a) * (W - 10 - L) : L;
}

static void hln_report__svg_line(hln_report__out *o, const hln_report__chart *c) {
    const double W = 600, H = 230, L = 72, T = 14, B = 34;
    double max = 0;
    uint32_t i;
    char buf[64], buf2[64];
    for (i = 0; i < c->n; i++) if (c->v[i] > max) max = c->v[i];
    hln_report__svg_open(o, c, W, H);
    hln_report__svg_frame(o, c, W, H, L, T, B, max);
    hln_report__out_s(o, "<path class=\"ar\" d=\"M");
    for (i = 0; i < c->n; i++) {
        if (i) hln_report__out_s(o, " L");
        hln_report__out_x(o, hln_report__line_x(c, i, L, W)); hln_report__out_c(o, ' ');
        hln_report__out_x(o, H - B - hln_report__chart_frac(c, c->v[i], max) * (H - T - B));
    }
    hln_report__out_s(o, " L"); hln_report__out_x(o, hln_report__line_x(c, c->n - 1, L, W)); hln_report__out_c(o, ' '); hln_report__out_x(o, H - B);
    hln_report__out_s(o, " L"); hln_report__out_x(o, L); hln_report__out_c(o, ' '); hln_report__out_x(o, H - B);
    hln_report__out_s(o, " Z\"/><polyline class=\"ln\" points=\"");
    for (i = 0; i < c->n; i++) {
        if (i) hln_report__out_c(o, ' ');
        hln_report__out_x(o, hln_report__line_x(c, i, L, W)); hln_report__out_c(o, ',');
        hln_report__out_x(o, H - B - hln_report__chart_frac(c, c->v[i], max) * (H - T - B));
    }
    hln_report__out_s(o, "\"/>");
    if (c->n <= 16) {
        for (i = 0; i < c->n; i++) {
            double x = hln_report__line_x(c, i, L, W), y = H - B - hln_report__chart_frac(c, c->v[i], max) * (H - T - B);
            hln_report__out_s(o, "<circle class=\"pt\" r=\"4\" cx=\""); hln_report__out_x(o, x);
            hln_report__out_s(o, "\" cy=\""); hln_report__out_x(o, y);
            hln_report__out_s(o, "\"><title>");
            if (c->xlog) hln_report__tokens_fmt(buf2, sizeof buf2, c->x[i]); else snprintf(buf2, sizeof buf2, "%.0f", c->x[i]);
            hln_report__out_s(o, buf2);
            hln_report__out_s(o, " ");
            hln_report__out_html(o, c->xname);
            hln_report__out_s(o, ": ");
            hln_report__chart_fmt(buf, sizeof buf, c, c->v[i]);
            hln_report__out_s(o, buf);
            hln_report__out_s(o, "</title></circle>");
            hln_report__svg_text(o, "m", x, H - B + 14, i == 0 ? "start" : i + 1 == c->n ? "end" : "middle");
            hln_report__out_s(o, buf2);
            hln_report__out_s(o, "</text>");
        }
    } else {
        snprintf(buf, sizeof buf, "%.0f", c->x[0]);
        hln_report__svg_text(o, "m", L, H - B + 14, "start");
        hln_report__out_s(o, buf);
        hln_report__out_s(o, "</text>");
        snprintf(buf, sizeof buf, "%.0f", c->x[c->n - 1]);
        hln_report__svg_text(o, "m", W - 10, H - B + 14, "end");
        hln_report__out_s(o, buf);
        hln_report__out_s(o, "</text>");
    }
    if (c->mark >= 0 && (uint32_t)c->mark < c->n) {
        double x = hln_report__line_x(c, (uint32_t)c->mark, L, W), y = H - B - hln_report__chart_frac(c, c->v[c->mark], max) * (H - T - B);
        hln_report__chart_fmt(buf, sizeof buf, c, c->v[c->mark]);
        hln_report__out_s(o, "<circle class=\"pk\" r=\"5\" cx=\""); hln_report__out_x(o, x);
        hln_report__out_s(o, "\" cy=\""); hln_report__out_x(o, y);
        hln_report__out_s(o, "\"/>");
        hln_report__svg_text(o, NULL, x < W / 2 ? x + 8 : x - 8, y < T + 14 ? y + 16 : y - 8, x < W / 2 ? "start" : "end");
        hln_report__out_s(o, "peak ");
        hln_report__out_s(o, buf);
        hln_report__out_s(o, "</text>");
    }
    hln_report__out_s(o, "</svg>");
}

static void hln_report__html_card(hln_report__out *o, const char *k, const char *v, const char *sub, const char *title) {
    hln_report__out_s(o, "<div class=\"card\"");
    if (title) { hln_report__out_s(o, " title=\""); hln_report__out_html(o, title); hln_report__out_c(o, '"'); }
    hln_report__out_s(o, "><div class=\"k\">");
    hln_report__out_html(o, k);
    hln_report__out_s(o, "</div><div class=\"v\">");
    hln_report__out_html(o, v);
    hln_report__out_s(o, "</div>");
    if (sub) { hln_report__out_s(o, "<div class=\"s\">"); hln_report__out_html(o, sub); hln_report__out_s(o, "</div>"); }
    hln_report__out_s(o, "</div>");
}

static void hln_report__html_meta(hln_report__out *o, const hln_report__rep *r) {
    const hln_model *m = r->m;
    uint32_t i;
    if (!m->n_kv) return;
    hln_report__out_s(o, "<details class=\"meta\"><summary>Metadata (");
    hln_report__out_u(o, m->n_kv);
    hln_report__out_s(o, " keys)</summary><div class=\"tablebox\"><table><thead><tr><th>key</th><th>type</th><th>value</th></tr></thead><tbody>");
    for (i = 0; i < m->n_kv; i++) {
        const hln_kv *kv = &m->kv[i];
        int keep = hln_report__kv_keep_string(r->ro, kv->key);
        char buf[64];
        hln_report__out_s(o, "<tr><td>");
        hln_report__out_html_n(o, kv->key ? kv->key : "", kv->key ? strlen(kv->key) : 0, 120);
        hln_report__out_s(o, "</td><td>");
        hln_report__out_s(o, hln_kv_type_name(kv->type));
        if (kv->type == HLN_KV_ARRAY) { hln_report__out_c(o, ' '); hln_report__out_s(o, hln_kv_type_name(kv->v.a.type)); }
        hln_report__out_s(o, "</td><td class=\"nm\">");
        switch (kv->type) {
        case HLN_KV_STRING:
            if (keep) hln_report__out_html_n(o, kv->v.s.ptr, kv->v.s.len, 300); else hln_report__out_s(o, "[redacted]");
            break;
        case HLN_KV_ARRAY:
            hln_report__out_u(o, kv->v.a.count);
            hln_report__out_s(o, " elements");
            break;
        case HLN_KV_F32: case HLN_KV_F64:
            snprintf(buf, sizeof buf, "%.9g", kv->v.f);
            for (size_t k = 0; buf[k]; k++) if (buf[k] == ',') buf[k] = '.';
            hln_report__out_s(o, buf);
            break;
        case HLN_KV_BOOL: hln_report__out_s(o, kv->v.u ? "true" : "false"); break;
        case HLN_KV_I8: case HLN_KV_I16: case HLN_KV_I32: case HLN_KV_I64: hln_report__out_i(o, kv->v.i); break;
        default: hln_report__out_u(o, kv->v.u);
        }
        hln_report__out_s(o, "</td></tr>");
    }
    hln_report__out_s(o, "</tbody></table></div></details>");
}

/* `[name,"dtype","shape",` : the head of a tensor or value row of the page's data. */
static void hln_report__data_row_head(hln_report__out *o, const hln_report__name *nm, const char *dtype,
                                      const char *shape, size_t shape_len) {
    hln_report__out_c(o, '[');
    hln_report__out_jstr(o, nm->p, nm->n);
    hln_report__out_c(o, ',');
    hln_report__out_js(o, dtype);
    hln_report__out_c(o, ',');
    hln_report__out_jstr(o, shape, shape_len);
    hln_report__out_c(o, ',');
}

/* One graph view of the page's data: "rows", "groups", "values", "nodes", "edges" (the main
   graph, a subgraph, or the tensors of a weight-only file). */
static void hln_report__html_view(hln_report__out *o, const hln_report__rep *r) {
    const hln_model *m = r->m;
    const hln_report_options *ro = r->ro;
    uint32_t i, k;
    char buf[512];
    hln_report__out_s(o, "\"rows\":");
    hln_report__out_u(o, r->n_rows);
    hln_report__out_s(o, ",\"groups\":[");
    for (i = 0; i < r->n_groups; i++) {
        const hln_report__group *gr = &r->groups[i];
        if (i) hln_report__out_c(o, ',');
        hln_report__out_c(o, '[');
        hln_report__out_jstr(o, buf, hln_report__group_name(r, i, buf, sizeof buf));
        hln_report__out_c(o, ',');
        hln_report__out_u(o, gr->first_row);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, gr->last_row);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, gr->count);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, r->g ? gr->macs : gr->bytes);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, gr->params);
        hln_report__out_c(o, ']');
    }
    hln_report__out_s(o, "],\n\"values\":[");
    if (r->g) {
        const hln_graph *g = r->g;
        for (i = 0; i < g->n_values; i++) {
            const hln_value *v = &g->values[i];
            hln_report__name nm;
            size_t n;
            hln_report__name_value(ro, g, i, &nm);
            if (i) hln_report__out_c(o, ',');
            n = hln_report__shape_text(buf, sizeof buf, hln_report__value_shape(ro, v));
            hln_report__data_row_head(o, &nm, hln_report__dtype_name(m, v->dtype), buf, n);
            hln_report__out_u(o, v->tensor >= 0 ? 0 : hln_report__value_bytes(r, v));
            hln_report__out_s(o, v->tensor >= 0 ? ",1]" : ",0]");
        }
    }
    hln_report__out_s(o, "],\n\"nodes\":[");
    for (i = 0; i < r->n_items; i++) {
        if (i) hln_report__out_s(o, i % 64 ? "," : ",\n");
        hln_report__out_c(o, '[');
        if (r->g) {
            hln_report__name nm;
            uint32_t op;
            hln_report__name_node(ro, r->g, i, &nm);
            hln_report__out_jstr(o, nm.p, nm.n);
            op = r->node_op[i];
            hln_report__out_c(o, ',');
            hln_report__out_u(o, op);
        } else {
            hln_report__out_s(o, "null,");
            hln_report__out_u(o, (uint32_t)m->tensors[i].dtype < HLN_DTYPE_COUNT ? (uint32_t)m->tensors[i].dtype : 0);
        }
        hln_report__out_c(o, ',');
        hln_report__out_i(o, r->x[i]);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, r->row[i]);
        hln_report__out_c(o, ',');
        hln_report__out_i(o, r->group[i]);
        if (r->g) {
            const hln_node *n = &r->g->nodes[i];
            hln_report__out_c(o, ',');
            hln_report__out_u(o, n->macs);
            hln_report__out_c(o, ',');
            hln_report__out_u(o, n->flops);
            hln_report__out_c(o, ',');
            hln_report__out_u(o, n->params);
            hln_report__out_s(o, ",[");
            for (k = 0; k < n->n_inputs; k++) { if (k) hln_report__out_c(o, ','); hln_report__out_i(o, n->inputs[k] < (int32_t)r->g->n_values ? n->inputs[k] : -1); }
            hln_report__out_s(o, "],[");
            for (k = 0; k < n->n_outputs; k++) { if (k) hln_report__out_c(o, ','); hln_report__out_i(o, n->outputs[k] < (int32_t)r->g->n_values ? n->outputs[k] : -1); }
            hln_report__out_s(o, "],-1,");   /* [11]: 1 for shape plumbing and constants (analysis) */
            hln_report__out_c(o, ro->analysis && ro->analysis->node_data && !ro->analysis->node_data[i] ? '1' : '0');
            hln_report__out_c(o, ']');
        } else {
            hln_report__out_s(o, ",0,0,");
            hln_report__out_u(o, m->tensors[i].n_elements);
            hln_report__out_s(o, ",[],[],");
            hln_report__out_u(o, i);
            hln_report__out_c(o, ']');
        }
    }
    hln_report__out_s(o, "],\n\"edges\":[");
    for (i = 0; i < r->n_edges; i++) {
        if (i) hln_report__out_s(o, i % 128 ? "," : ",\n");
        hln_report__out_u(o, r->edges[2 * i]);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, r->edges[2 * i + 1]);
    }
    hln_report__out_c(o, ']');
}

/* Subgraph views, depth first: {"parent": view (0 the main graph), "node": its index there,
   "attr", "name", "kinds", and the view}. HLN_REPORT_MAX_SUBGRAPH_NODES bounds the nodes of all
   of them together (a bigger body is left out; the page stays bounded). */
typedef struct hln_report__subviews { uint32_t n_views, budget; } hln_report__subviews;
static void hln_report__html_subviews(hln_report__out *o, const hln_report__rep *r, uint32_t parent, hln_report__subviews *sv,
                                      uint32_t depth) {
    const hln_graph *g = r->g;
    uint32_t i, a, s, k;
    if (depth >= 64) return;
    for (i = 0; i < g->n_nodes; i++)
        for (a = 0; a < g->nodes[i].n_attrs; a++) {
            const hln_attr *at = &g->nodes[i].attrs[a];
            if ((at->type != HLN_ATTR_GRAPH && at->type != HLN_ATTR_GRAPHS) || !at->graphs) continue;
            for (s = 0; s < at->count; s++) {
                const hln_graph *sg = at->graphs[s];
                hln_report__rep sub;
                hln_report_options so = *r->ro;
                uint32_t me;
                if (!sg || !sg->n_nodes || sg->n_nodes > sv->budget) continue;
                so.analysis = NULL;   /* its blocks and plumbing flags are the main graph's */
                memset(&sub, 0, sizeof sub);
                sub.m = r->m;
                sub.ro = &so;
                sub.g = sg;
                hln_report__rep_graph(&sub);
                if (!sub.nomem) {
                    sv->budget -= sg->n_nodes;
                    me = ++sv->n_views;
                    hln_report__out_s(o, me > 1 ? ",\n{\"parent\":" : "\n{\"parent\":");
                    hln_report__out_u(o, parent);
                    hln_report__out_s(o, ",\"node\":");
                    hln_report__out_u(o, i);
                    hln_report__out_s(o, ",\"attr\":");
                    hln_report__out_js(o, at->name ? at->name : "");
                    hln_report__out_s(o, ",\"name\":");
                    hln_report__out_js(o, so.redact_names || !sg->name ? "" : sg->name);
                    hln_report__out_s(o, ",\"kinds\":[");
                    for (k = 0; k < sub.n_ops; k++) { if (k) hln_report__out_c(o, ','); hln_report__out_js(o, sub.ops[k].op); }
                    hln_report__out_s(o, "],");
                    hln_report__html_view(o, &sub);
                    hln_report__out_c(o, '}');
                    hln_report__html_subviews(o, &sub, me, sv, depth + 1);
                } else o->nomem = 1;
                hln_report__rep_free(&sub);
            }
        }
}

/* The page's data: one JSON object inside <script type="application/json">. */
static void hln_report__html_data(hln_report__out *o, const hln_report__rep *r) {
    const hln_model *m = r->m;
    const hln_report_options *ro = r->ro;
    uint32_t i;
    char buf[512];
    o->script = 1;
    hln_report__out_s(o, "{\"schema\":\"haoline-html/1\",\"kind\":");
    hln_report__out_s(o, r->g ? "\"graph\"" : "\"tensors\"");
    hln_report__out_s(o, ",\"tensors\":[");
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_report__name nm;
        size_t n;
        hln_report__name_tensor(ro, m, i, &nm);
        if (i) hln_report__out_c(o, ',');
        n = hln_report__dims_text(buf, sizeof buf, t->dims, t->n_dims);
        hln_report__data_row_head(o, &nm, hln_report__dtype_name(m, t->dtype), buf, n);
        hln_report__out_u(o, t->n_elements);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, t->n_bytes);
        hln_report__out_c(o, ',');
        hln_report__out_u(o, t->offset);
        hln_report__out_c(o, ',');
        hln_report__out_i(o, r->t_layer ? r->t_layer[i] : hln_report__rep_layer_of(t->name ? t->name : "", NULL));
        hln_report__out_c(o, ']');
    }
    hln_report__out_s(o, "],\n\"kinds\":[");
    if (r->g) {
        for (i = 0; i < r->n_ops; i++) { if (i) hln_report__out_c(o, ','); hln_report__out_js(o, r->ops[i].op); }
    } else {
        for (i = 0; i < HLN_DTYPE_COUNT; i++) { if (i) hln_report__out_c(o, ','); hln_report__out_js(o, hln_report__dtype_name(m, (hln_dtype)i)); }
    }
    hln_report__out_s(o, "],\n\"graph\":{");
    hln_report__html_view(o, r);
    if (r->g) {   /* the bodies of If/Loop/Scan (and any graph attribute), to open in the view */
        hln_report__subviews sv;
        sv.n_views = 0;
        sv.budget = HLN_REPORT_MAX_SUBGRAPH_NODES;
        hln_report__out_s(o, ",\n\"subgraphs\":[");
        hln_report__html_subviews(o, r, 0, &sv, 0);
        hln_report__out_c(o, ']');
    }
    hln_report__out_s(o, "}}");
    o->script = 0;
}

HLN_DEF hln_result hln_report_html(const hln_model *m, const hln_report_options *ro, hln_write_fn write, void *user) {
    hln_report__out *o;
    hln_report__rep *r;
    hln_report_options def;
    hln_result res;
    char a[64], b[96], c[160];
    uint32_t i;
    uint64_t disk = 0;
    const char *fname;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    r = (hln_report__rep *)HLN_REPORT__ALLOC(m, sizeof *r);
    if (!r) return HLN_ERR_NOMEM;
    res = hln_report__rep_init(r, m, ro);
    if (res != HLN_OK) { hln_report__rep_free(r); HLN_REPORT__FREE(m, r); return res; }
    o = hln_report__out_new(m, write, user);
    if (!o) { hln_report__rep_free(r); HLN_REPORT__FREE(m, r); return HLN_ERR_NOMEM; }
    fname = hln_report__file_name(ro);
    for (i = 0; i < m->n_files; i++) disk += m->files[i].size;

    hln_report__out_s(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                  "script-src 'unsafe-inline'; img-src data:\">"
                  "<meta name=\"generator\" content=\"haoline_report.h " HAOLINE_VERSION_STRING "\"><title>");
    hln_report__out_html_n(o, fname, strlen(fname), 200);
    hln_report__out_s(o, " - HaoLine</title><style>\n");
    for (i = 0; hln_report__html_css[i]; i++) hln_report__out_s(o, hln_report__html_css[i]);
    hln_report__out_s(o, "</style></head>\n<body>\n<header class=\"top\"><div><h1 title=\"");
    hln_report__out_html_n(o, fname, strlen(fname), 1000);
    hln_report__out_s(o, "\">");
    hln_report__out_html_n(o, fname, strlen(fname), 120);
    hln_report__out_s(o, "</h1><div class=\"sub\">");
    hln_report__out_s(o, hln_format_name(m->format));
    if (m->version) { hln_report__out_s(o, " v"); hln_report__out_u(o, m->version); }
    if (r->l.valid && r->l.hp.arch) { hln_report__out_s(o, " &middot; "); hln_report__out_html_n(o, r->l.hp.arch, strlen(r->l.hp.arch), 60); }
    if (ro->redact_names) hln_report__out_s(o, " &middot; names redacted");
    hln_report__out_s(o, "</div></div><div class=\"sp\"></div><button id=\"theme\" type=\"button\">theme: auto</button></header>\n<main>\n");

    /* summary cards */
    hln_report__out_s(o, "<section class=\"cards\" id=\"summary\">");
    hln_report_fmt_count(a, sizeof a, (double)r->s.params);
    snprintf(c, sizeof c, "%llu parameters", (unsigned long long)r->s.params);
    if (r->s.n_shape_constants) snprintf(b, sizeof b, "%" PRIu32 " tensors, %" PRIu32 " shape constants", r->s.n_tensors, r->s.n_shape_constants);
    else snprintf(b, sizeof b, "%" PRIu32 " tensors", r->s.n_tensors);
    hln_report__html_card(o, "parameters", a, b, c);
    hln_report_fmt_bytes(a, sizeof a, (double)r->s.weight_bytes);
    hln_report_fmt_bytes(c, sizeof c, (double)disk);
    snprintf(b, sizeof b, "%.40s on disk", c);
    snprintf(c, sizeof c, "%llu bytes of weights", (unsigned long long)r->s.weight_bytes);
    hln_report__html_card(o, "size", a, m->n_files ? b : NULL, c);
    snprintf(a, sizeof a, "%.2f", r->s.bits_per_weight);
    for (i = 0; a[i]; i++) if (a[i] == ',') a[i] = '.';
    hln_report__html_card(o, "bits per weight", a, r->s.n_dtypes ? hln_report__dtype_name(m, r->s.dtypes[0].dtype) : NULL, NULL);
    hln_report__html_card(o, "format", hln_format_name(m->format), m->big_endian ? "big-endian" : NULL, NULL);
    if (r->g) {
        uint64_t macs = ro->graph ? ro->graph->macs : r->macs, peak = ro->graph && ro->graph->activation_peak_bytes ? ro->graph->activation_peak_bytes : r->live_peak;
        int exact = ro->graph ? ro->graph->macs_exact : 0;
        hln_report_fmt_count(a, sizeof a, (double)macs);
        snprintf(c, sizeof c, "%llu multiply-accumulates", (unsigned long long)macs);
        if (ro->graph && ro->graph->saturated) hln_report__html_card(o, "MACs", "saturated", "more than 2^64 - 1", NULL);
        else hln_report__html_card(o, "MACs", a, ro->graph ? (exact ? "exact" : "lower bound") : "no analysis", c);

        hln_report_fmt_bytes(a, sizeof a, (double)peak);
        snprintf(c, sizeof c, "%llu bytes", (unsigned long long)peak);
        if (peak == UINT64_MAX) { snprintf(a, sizeof a, "saturated"); snprintf(c, sizeof c, "2^64 bytes or more"); }
        hln_report__html_card(o, "peak activations", a, ro->graph && ro->graph->activation_peak_bytes ? "liveness analysis" : "along execution order", c);
        snprintf(a, sizeof a, "%" PRIu32 "", r->g->n_nodes);
        snprintf(b, sizeof b, "%" PRIu32 " op types, %" PRIu32 " blocks", r->n_ops, r->n_groups);
        hln_report__html_card(o, "nodes", a, b, NULL);
    }
    if (r->l.valid) {
        snprintf(a, sizeof a, "%lld", (long long)r->l.hp.n_layer);
        snprintf(b, sizeof b, "embd %lld, heads %lld/%lld", (long long)r->l.hp.n_embd, (long long)r->l.hp.n_head, (long long)r->l.hp.n_head_kv);
        hln_report__html_card(o, "layers", a, b, NULL);
        if (r->l.hp.context_length > 0) {
            snprintf(a, sizeof a, "%lld", (long long)r->l.hp.context_length);
            hln_report__html_card(o, "context", a, "tokens", NULL);
        }
        if (r->l.kv_bytes_per_token_f16) {
            hln_report_fmt_bytes(a, sizeof a, (double)r->l.kv_bytes_per_token_f16 * 1024.0);
            hln_report__html_card(o, "KV cache / 1k tokens", a, "f16", NULL);
        }
        if (r->l.params_experts) {
            hln_report_fmt_count(a, sizeof a, (double)r->l.params_active);
            hln_report__html_card(o, "active parameters", a, "per token (MoE)", NULL);
        }
    }
    hln_report__out_s(o, "</section>\n");
    if (ro->graph && ro->graph->n_dims) {   /* the dims' values, and MACs as a formula in the free ones */
        char text[1024];
        hln_report_fmt_dims(text, sizeof text, ro->graph);
        hln_report__out_s(o, "<p class=\"note\" id=\"dims\">Dims: ");
        hln_report__out_html(o, text);
        if (ro->graph->n_formula_dims) {
            hln_report_fmt_formula(text, sizeof text, ro->graph);
            hln_report__out_s(o, ". MACs formula: ");
            hln_report__out_html(o, text[0] ? text : "none exact");
        }
        hln_report__out_s(o, ".</p>\n");
    }

    /* charts */
    if (r->n_charts) {
        hln_report__out_s(o, "<h2>Charts</h2><section class=\"charts\" id=\"charts\" data-chart-count=\"");
        hln_report__out_u(o, r->n_charts);
        hln_report__out_s(o, "\">");
        for (i = 0; i < r->n_charts; i++) {
            const hln_report__chart *ch = &r->charts[i];
            hln_report__out_s(o, "<figure data-chart=\"");
            hln_report__out_s(o, ch->id);
            hln_report__out_s(o, "\"><figcaption>");
            hln_report__out_html(o, ch->title);
            hln_report__out_s(o, "</figcaption>");
            if (ch->kind == HLN__CH_HBAR) hln_report__svg_hbar(o, ch);
            else if (ch->kind == HLN__CH_VBAR) hln_report__svg_vbar(o, ch);
            else hln_report__svg_line(o, ch);
            hln_report__out_s(o, "</figure>\n");
        }
        hln_report__out_s(o, "</section>\n");
    }
    if (ro->deploy) hln_report__html_deploy(o, m, ro);

    if (!ro->summary_only) {
        hln_report__out_s(o, "<h2>");
        hln_report__out_s(o, r->g ? "Graph" : "Layout (tensors by layer)");
        hln_report__out_s(o, "</h2><div class=\"tool\"><button id=\"g-fit\" type=\"button\">fit</button>"
                      "<button id=\"g-in\" type=\"button\">+</button><button id=\"g-out\" type=\"button\">&minus;</button>"
                      "<button id=\"g-collapse\" type=\"button\">collapse blocks</button>"
                      "<button id=\"g-expand\" type=\"button\">expand blocks</button>"
                      "<input id=\"g-search\" type=\"search\" placeholder=\"find a node by name or op\">"
                      "<span id=\"g-found\" class=\"m\"></span><span id=\"g-state\" class=\"m\"></span></div>"
                      "<div class=\"gwrap\"><div id=\"graph\" data-kind=\"");
        hln_report__out_s(o, r->g ? "graph" : "tensors");
        hln_report__out_s(o, "\" data-node-count=\"");
        hln_report__out_u(o, r->n_items);
        hln_report__out_s(o, "\"><canvas id=\"gcanvas\"></canvas></div><aside id=\"details\" data-node=\"-1\"></aside></div>\n");
        hln_report__out_s(o, "<p class=\"note\">Drag to pan, wheel to zoom, click a node for its shapes, parameters and MACs; "
                      "click a folded block twice to open it; double-click a node with a folded corner (If, Loop, Scan) to open its body. Layout: longest-path layers and barycenter ordering, computed by haoline_report.h.</p>\n");
        hln_report__out_s(o, "<h2>Tables</h2><div class=\"tabs\" id=\"t-tabs\"><input id=\"t-filter\" type=\"search\" placeholder=\"filter rows\"></div>"
                      "<div class=\"tablebox\"><table id=\"t-table\"></table></div>"
                      "<div class=\"more\"><span id=\"t-info\"></span><button id=\"t-more\" type=\"button\">show more</button></div>\n");
    }
    hln_report__html_meta(o, r);
    hln_report__out_s(o, "</main><footer>Made by HaoLine ");
    hln_report__out_s(o, HAOLINE_VERSION_STRING);
    hln_report__out_s(o, ". This page is self-contained: it loads nothing from the network.</footer>\n");
    if (!ro->summary_only) {
        hln_report__out_s(o, "<script type=\"application/json\" id=\"hln-data\">");
        hln_report__html_data(o, r);
        hln_report__out_s(o, "</script>\n<script>\n");
        for (i = 0; hln_report__html_js[i]; i++) hln_report__out_s(o, hln_report__html_js[i]);
        hln_report__out_s(o, "</script>\n");
    } else {
        /* summary pages keep only the theme switch */
        hln_report__out_s(o, "<script>(function(){var r=document.documentElement,b=document.getElementById('theme'),t='auto';"
                      "b.addEventListener('click',function(){t=t==='auto'?'dark':t==='dark'?'light':'auto';"
                      "if(t==='auto')r.removeAttribute('data-theme');else r.setAttribute('data-theme',t);b.textContent='theme: '+t;});"
                      "document.body.setAttribute('data-ready','1');})();</script>\n");
    }
    hln_report__out_s(o, "</body></html>\n");
    hln_report__rep_free(r);
    HLN_REPORT__FREE(m, r);
    return hln_report__out_done(o);
}
/* ---- charts as pixels --------------------------------------------------------------------- */
/* A 5x7 font drawn for this header: rows top to bottom, bit 4 is the left column. Lower case
   draws as upper case; anything else outside the table as a box. */
static const char hln_report__font_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ .,:-_/()%[]+*?'=<>#";
static const uint8_t hln_report__font[][7] = {
    {0x0E,0x11,0x13,0x15,0x19,0x11,0x0E}, {0x04,0x0C,0x04,0x04,0x04,0x04,0x0E}, {0x0E,0x11,0x01,0x02,0x04,0x08,0x1F},
    {0x1F,0x02,0x04,0x02,0x01,0x11,0x0E}, {0x02,0x06,0x0A,0x12,0x1F,0x02,0x02}, {0x1F,0x10,0x1E,0x01,0x01,0x11,0x0E},
    {0x06,0x08,0x10,0x1E,0x11,0x11,0x0E}, {0x1F,0x01,0x02,0x04,0x08,0x08,0x08}, {0x0E,0x11,0x11,0x0E,0x11,0x11,0x0E},
    {0x0E,0x11,0x11,0x0F,0x01,0x02,0x0C},
    {0x0E,0x11,0x11,0x1F,0x11,0x11,0x11}, {0x1E,0x11,0x11,0x1E,0x11,0x11,0x1E}, {0x0E,0x11,0x10,0x10,0x10,0x11,0x0E},
    {0x1C,0x12,0x11,0x11,0x11,0x12,0x1C}, {0x1F,0x10,0x10,0x1E,0x10,0x10,0x1F}, {0x1F,0x10,0x10,0x1E,0x10,0x10,0x10},
    {0x0E,0x11,0x10,0x17,0x11,0x11,0x0F}, {0x11,0x11,0x11,0x1F,0x11,0x11,0x11}, {0x0E,0x04,0x04,0x04,0x04,0x04,0x0E},
    {0x07,0x02,0x02,0x02,0x02,0x12,0x0C}, {0x11,0x12,0x14,0x18,0x14,0x12,0x11}, {0x10,0x10,0x10,0x10,0x10,0x10,0x1F},
    {0x11,0x1B,0x15,0x15,0x11,0x11,0x11}, {0x11,0x11,0x19,0x15,0x13,0x11,0x11}, {0x0E,0x11,0x11,0x11,0x11,0x11,0x0E},
    {0x1E,0x11,0x11,0x1E,0x10,0x10,0x10}, {0x0E,0x11,0x11,0x11,0x15,0x12,0x0D}, {0x1E,0x11,0x11,0x1E,0x14,0x12,0x11},
    {0x0F,0x10,0x10,0x0E,0x01,0x01,0x1E}, {0x1F,0x04,0x04,0x04,0x04,0x04,0x04}, {0x11,0x11,0x11,0x11,0x11,0x11,0x0E},
    {0x11,0x11,0x11,0x11,0x11,0x0A,0x04}, {0x11,0x11,0x11,0x15,0x15,0x15,0x0A}, {0x11,0x11,0x0A,0x04,0x0A,0x11,0x11},
    {0x11,0x11,0x11,0x0A,0x04,0x04,0x04}, {0x1F,0x01,0x02,0x04,0x08,0x10,0x1F},
    {0x00,0x00,0x00,0x00,0x00,0x00,0x00}, {0x00,0x00,0x00,0x00,0x00,0x0C,0x0C}, {0x00,0x00,0x00,0x00,0x0C,0x04,0x08},
    {0x00,0x0C,0x0C,0x00,0x0C,0x0C,0x00}, {0x00,0x00,0x00,0x1F,0x00,0x00,0x00}, {0x00,0x00,0x00,0x00,0x00,0x00,0x1F},
    {0x01,0x01,0x02,0x04,0x08,0x10,0x10}, {0x02,0x04,0x08,0x08,0x08,0x04,0x02}, {0x08,0x04,0x02,0x02,0x02,0x04,0x08},
    {0x18,0x19,0x02,0x04,0x08,0x13,0x03}, {0x0E,0x08,0x08,0x08,0x08,0x08,0x0E}, {0x0E,0x02,0x02,0x02,0x02,0x02,0x0E},
    {0x00,0x04,0x04,0x1F,0x04,0x04,0x00}, {0x00,0x04,0x15,0x0E,0x15,0x04,0x00}, {0x0E,0x11,0x01,0x02,0x04,0x00,0x04},
    {0x04,0x04,0x08,0x00,0x00,0x00,0x00}, {0x00,0x00,0x1F,0x00,0x1F,0x00,0x00}, {0x02,0x04,0x08,0x10,0x08,0x04,0x02},
    {0x08,0x04,0x02,0x01,0x02,0x04,0x08}, {0x0A,0x0A,0x1F,0x0A,0x1F,0x0A,0x0A}
};

typedef struct hln_report__canvas { uint8_t *p; int w, h; } hln_report__canvas;

static void hln_report__fill(hln_report__canvas *cv, int x, int y, int w, int h, uint32_t rgb) {
    int i, j;
    if (x < 0) { w += x; x = 0; }
    if (y < 0) { h += y; y = 0; }
    if (w > cv->w - x) w = cv->w - x;
    if (h > cv->h - y) h = cv->h - y;
    for (j = 0; j < h; j++) {
        uint8_t *p = cv->p + ((size_t)(y + j) * (size_t)cv->w + (size_t)x) * 3;
        for (i = 0; i < w; i++) { p[0] = (uint8_t)(rgb >> 16); p[1] = (uint8_t)(rgb >> 8); p[2] = (uint8_t)rgb; p += 3; }
    }
}
/* Text of at most max_chars glyphs at (x, y) = top left; returns the width drawn. */
static int hln_report__text(hln_report__canvas *cv, int x, int y, const char *s, size_t len, size_t max_chars, int scale, uint32_t rgb) {
    size_t i, k, drawn = 0, chars = 0;
    int x0 = x;
    for (i = 0; i < len; i++) chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    if (chars > max_chars && max_chars >= 6) {   /* elided in the middle: the distinguishing end stays */
        size_t head = (max_chars - 2) / 3, tail = max_chars - 2 - head;
        size_t cut = (size_t)hln_report__utf8_prefix(s, len, head), from = (size_t)hln_report__utf8_prefix(s, len, chars - tail);
        x += hln_report__text(cv, x, y, s, cut, head, scale, rgb);
        x += hln_report__text(cv, x, y, "..", 2, 2, scale, rgb);
        x += hln_report__text(cv, x, y, s + from, len - from, tail, scale, rgb);
        return x - x0;
    }
    for (i = 0; i < len && drawn < max_chars; drawn++) {
        unsigned char ch = (unsigned char)s[i];
        const char *f;
        int row, col, g;
        if (ch >= 0x80) { i++; while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) i++; ch = '?'; }
        else i++;
        if (ch >= 'a' && ch <= 'z') ch = (unsigned char)(ch - 'a' + 'A');
        f = strchr(hln_report__font_chars, ch);
        g = (f && ch) ? (int)(f - hln_report__font_chars) : -1;
        if (drawn + 1 == max_chars && i < len) g = (int)(strchr(hln_report__font_chars, '.') - hln_report__font_chars);
        for (row = 0; row < 7; row++)
            for (col = 0; col < 5; col++) {
                int on = g >= 0 ? (hln_report__font[g][row] >> (4 - col)) & 1 : (row == 0 || row == 6 || col == 0 || col == 4);
                if (on) hln_report__fill(cv, x + col * scale, y + row * scale, scale, scale, rgb);
            }
        x += 6 * scale;
        (void)k;
    }
    return x - x0;
}
static void hln_report__line(hln_report__canvas *cv, int x0, int y0, int x1, int y1, int t, uint32_t rgb) {
    int dx = x1 > x0 ? x1 - x0 : x0 - x1, dy = y1 > y0 ? y0 - y1 : y1 - y0;
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy, steps = 0;
    while (steps++ < 4 * (HLN_REPORT_MAX_SIDE + 2)) {
        hln_report__fill(cv, x0 - t / 2, y0 - t / 2, t, t, rgb);
        if (x0 == x1 && y0 == y1) break;
        {
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }
}

static const uint32_t hln_report__palette[8] = { 0x2D6CDF, 0x16A085, 0xE67E22, 0x8E44AD, 0xD63C5E, 0x2C9FD1, 0x7F8C3A, 0x8A6D5A };

static void hln_report__raster_chart(const hln_report__chart *c, int w, int h, uint8_t *rgb) {
    hln_report__canvas cv;
    int s = w >= 560 && h >= 260 ? 2 : 1, th = 7 * s + 10 * s / 2 + 6, i;
    double max = 0;
    char buf[64];
    const uint32_t fg = 0x1B2230, muted = 0x5D6778, grid = 0xE3E7EE;
    cv.p = rgb; cv.w = w; cv.h = h;
    hln_report__fill(&cv, 0, 0, w, h, 0xFFFFFF);
    hln_report__text(&cv, 8, 6, c->title, strlen(c->title), (size_t)((w - 16) / (6 * s)), s, fg);
    for (i = 0; i < (int)c->n; i++) if (c->v[i] > max) max = c->v[i];
    if (c->kind == HLN__CH_HBAR) {
        int top = th + 4, rowh = (h - top - 4) / (c->n ? (int)c->n : 1), lw, vw = 10 * 6 * s, bh, x0;
        if (rowh > 16 * s) rowh = 16 * s;
        if (rowh < 3) rowh = 3;
        bh = rowh - (rowh > 6 ? 3 * s : 1);
        lw = w / 3;
        x0 = lw + 8;
        for (i = 0; i < (int)c->n; i++) {
            int y = top + i * rowh, bw = max > 0 ? (int)(c->v[i] / max * (w - x0 - vw - 8)) : 0, ts = rowh >= 9 * s ? s : 1;
            if (y + rowh > h) break;
            if (bw < 1) bw = 1;
            hln_report__fill(&cv, x0, y, bw, bh, hln_report__palette[i % 8]);
            if (rowh >= 8) {
                hln_report__text(&cv, 4, y + (bh - 7 * ts) / 2, c->lbl[i].p, c->lbl[i].n, (size_t)((lw - 6) / (6 * ts)), ts, fg);
                hln_report__chart_fmt(buf, sizeof buf, c, c->v[i]);
                hln_report__text(&cv, x0 + bw + 4, y + (bh - 7 * ts) / 2, buf, strlen(buf), 12, ts, muted);
            }
        }
        return;
    }
    {
        int L = 10 * 6 * s + 8, T = th + 8, B = 7 * s + 10, R = 10, pw = w - L - R, ph = h - T - B, k;
        if (pw < 8 || ph < 8) return;
        for (k = 0; k <= 2; k++) {
            double value;
            int y = T + ph - (int)(ph * hln_report__chart_grid(c, k, max, &value));
            hln_report__fill(&cv, L, y, pw, 1, grid);
            hln_report__chart_fmt(buf, sizeof buf, c, value);
            hln_report__text(&cv, 2, y - 3 * s, buf, strlen(buf), (size_t)((L - 4) / (6 * s)), s, muted);
        }
        if (c->kind == HLN__CH_VBAR) {
            double bw = (double)pw / (c->n ? c->n : 1);
            int xo = L;
            if (bw > 24.0 * s) { xo = L + (int)((pw - 24.0 * s * c->n) / 2); bw = 24.0 * s; }
            for (i = 0; i < (int)c->n; i++) {
                int bh = max > 0 ? (int)(c->v[i] / max * ph) : 0, x = xo + (int)(i * bw), ww = (int)((i + 1) * bw) - (int)(i * bw);
                if (ww > 3) ww -= ww > 12 ? 4 : 1;
                hln_report__fill(&cv, x, T + ph - bh, ww < 1 ? 1 : ww, bh, hln_report__palette[0]);
            }
        } else {
            int px = 0, py = 0;
            for (i = 0; i < (int)c->n; i++) {
                int x = (int)hln_report__line_x(c, (uint32_t)i, (double)L, (double)(L + pw + 10));
                int y = T + ph - (int)(hln_report__chart_frac(c, c->v[i], max) * ph);
                if (i && x > px) {   /* the area under the curve, column by column */
                    int col;
                    for (col = px; col < x; col++) {
                        int yy = py + (int)((double)(y - py) * (col - px) / (x - px));
                        hln_report__fill(&cv, col, yy, 1, T + ph - yy, 0xDCE7FB);
                    }
                }
                if (i) hln_report__line(&cv, px, py, x, y, 2 * s, hln_report__palette[0]);
                if (c->n <= 16) hln_report__fill(&cv, x - 2 * s, y - 2 * s, 4 * s + 1, 4 * s + 1, hln_report__palette[0]);
                px = x; py = y;
            }
            if (c->mark >= 0 && (uint32_t)c->mark < c->n) {
                int x = (int)hln_report__line_x(c, (uint32_t)c->mark, (double)L, (double)(L + pw + 10));
                int y = T + ph - (int)(hln_report__chart_frac(c, c->v[c->mark], max) * ph);
                hln_report__fill(&cv, x - 3 * s, y - 3 * s, 6 * s + 1, 6 * s + 1, 0xFFB020);
            }
        }
        /* x labels: first and last */
        if (c->n) {
            if (c->xlog) hln_report__tokens_fmt(buf, sizeof buf, c->x[0]); else snprintf(buf, sizeof buf, "%.0f", c->x[0]);
            hln_report__text(&cv, L, T + ph + 4, buf, strlen(buf), 10, s, muted);
            if (c->xlog) hln_report__tokens_fmt(buf, sizeof buf, c->x[c->n - 1]); else snprintf(buf, sizeof buf, "%.0f", c->x[c->n - 1]);
            hln_report__text(&cv, L + pw - (int)strlen(buf) * 6 * s, T + ph + 4, buf, strlen(buf), 10, s, muted);
            if (c->xname) hln_report__text(&cv, L + pw / 2 - (int)strlen(c->xname) * 3 * s, T + ph + 4, c->xname, strlen(c->xname), 12, s, muted);
        }
    }
}

static hln_result hln_report__raster_check(int width, int height, size_t *bytes) {
    uint64_t n;
    if (width < 64 || height < 64 || width > HLN_REPORT_MAX_SIDE || height > HLN_REPORT_MAX_SIDE) return HLN_ERR_RANGE;
    if (hln_mul_overflow((uint64_t)width, (uint64_t)height, &n) || hln_mul_overflow(n, 3, &n) || n > (uint64_t)SIZE_MAX)
        return HLN_ERR_RANGE;
    *bytes = (size_t)n;
    return HLN_OK;
}

HLN_DEF uint32_t hln_report_chart_count(const hln_model *m, const hln_report_options *ro) {
    hln_report__rep *r;
    hln_report_options def;
    uint32_t n = 0;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    r = (hln_report__rep *)HLN_REPORT__ALLOC(m, sizeof *r);
    if (!r) return 0;
    if (hln_report__rep_init(r, m, ro) == HLN_OK) n = r->n_charts;
    hln_report__rep_free(r);
    HLN_REPORT__FREE(m, r);
    return n;
}

HLN_DEF hln_result hln_report_chart_raster(const hln_model *m, const hln_report_options *ro, uint32_t index,
                                           int width, int height, unsigned char *rgb, size_t rgb_size,
                                           const char **name) {
    hln_report__rep *r;
    hln_report_options def;
    hln_result res;
    size_t need;
    if (name) *name = NULL;
    res = hln_report__raster_check(width, height, &need);
    if (res != HLN_OK) return res;
    if (!rgb || rgb_size < need) return HLN_ERR_RANGE;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    r = (hln_report__rep *)HLN_REPORT__ALLOC(m, sizeof *r);
    if (!r) return HLN_ERR_NOMEM;
    res = hln_report__rep_init(r, m, ro);
    if (res == HLN_OK && index >= r->n_charts) res = HLN_ERR_RANGE;
    if (res == HLN_OK) {
        hln_report__raster_chart(&r->charts[index], width, height, rgb);
        if (name) *name = r->charts[index].id;   /* a string literal: outlives the view */
    }
    hln_report__rep_free(r);
    HLN_REPORT__FREE(m, r);
    return res;
}

#ifdef HLN_REPORT_PNG
typedef struct hln_report__png_buf { const hln_model *m; unsigned char *p; size_t n, cap; int failed; } hln_report__png_buf;
static void hln_report__png_collect(void *ctx, void *data, int size) {
    hln_report__png_buf *b = (hln_report__png_buf *)ctx;
    if (b->failed || size <= 0) return;
    if ((size_t)size > b->cap - b->n) {
        size_t cap = b->cap ? b->cap : 65536;
        unsigned char *p;
        while ((size_t)size > cap - b->n) {
            if (cap > SIZE_MAX / 2) { b->failed = 1; return; }
            cap *= 2;
        }
        p = (unsigned char *)HLN_REPORT__ALLOC(b->m, cap);
        if (!p) { b->failed = 1; return; }
        if (b->n) memcpy(p, b->p, b->n);
        if (b->p) HLN_REPORT__FREE(b->m, b->p);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, (size_t)size);
    b->n += (size_t)size;
}

static hln_result hln_report__png_encode(const hln_report__chart *c, int width, int height, unsigned char *rgb, hln_report__png_buf *out) {
    out->n = 0;
    out->failed = 0;
    hln_report__raster_chart(c, width, height, rgb);
    if (!stbi_write_png_to_func(hln_report__png_collect, out, width, height, 3, rgb, width * 3) || out->failed)
        return HLN_ERR_NOMEM;
    return HLN_OK;
}

/* Encodes charts [first, first + count) and hands each to file_fn; count UINT32_MAX: all. */
static hln_result hln_report__png_each(const hln_model *m, const hln_report_options *ro, int width, int height,
                                       uint32_t first, uint32_t count, hln_report_file_fn file_fn, void *user) {
    hln_report__rep *r;
    hln_report_options def;
    hln_result res;
    size_t need;
    unsigned char *rgb;
    hln_report__png_buf out;
    uint32_t i;
    res = hln_report__raster_check(width, height, &need);
    if (res != HLN_OK) return res;
    if (!ro) { memset(&def, 0, sizeof def); ro = &def; }
    r = (hln_report__rep *)HLN_REPORT__ALLOC(m, sizeof *r);
    if (!r) return HLN_ERR_NOMEM;
    rgb = (unsigned char *)HLN_REPORT__ALLOC(m, need);
    memset(&out, 0, sizeof out);
    out.m = m;
    res = rgb ? hln_report__rep_init(r, m, ro) : HLN_ERR_NOMEM;
    if (res == HLN_OK && count == UINT32_MAX) { first = 0; count = r->n_charts; }
    if (res == HLN_OK && (first > r->n_charts || count > r->n_charts - first)) res = HLN_ERR_RANGE;
    for (i = first; res == HLN_OK && i < first + count; i++) {
        char name[64];
        res = hln_report__png_encode(&r->charts[i], width, height, rgb, &out);
        snprintf(name, sizeof name, "%s.png", r->charts[i].id);
        if (res == HLN_OK && !file_fn(user, name, out.p, out.n)) res = HLN_ERR_IO;
    }
    if (rgb) hln_report__rep_free(r);
    if (out.p) HLN_REPORT__FREE(m, out.p);
    if (rgb) HLN_REPORT__FREE(m, rgb);
    HLN_REPORT__FREE(m, r);
    return res;
}

HLN_DEF hln_result hln_report_png_charts(const hln_model *m, const hln_report_options *ro, int width, int height,
                                         hln_report_file_fn file_fn, void *user) {
    return hln_report__png_each(m, ro, width, height, 0, UINT32_MAX, file_fn, user);
}

typedef struct hln_report__one_png { hln_write_fn write; void *user; } hln_report__one_png;
static int hln_report__one_png_file(void *user, const char *name, const void *bytes, size_t n) {
    hln_report__one_png *o = (hln_report__one_png *)user;
    (void)name;
    return o->write(o->user, bytes, n);
}

HLN_DEF hln_result hln_report_png(const hln_model *m, const hln_report_options *ro, uint32_t index,
                                  int width, int height, hln_write_fn write, void *user) {
    hln_report__one_png one;
    one.write = write;
    one.user = user;
    return hln_report__png_each(m, ro, width, height, index, 1, hln_report__one_png_file, &one);
}
#endif

/* ---- compare and diff reports --------------------------------------------------------------- */
/* A bounded text appender for cells and the summary paragraph. */
typedef struct hln_report__app { char *p; size_t cap, n; } hln_report__app;
static void hln_report__app_f(hln_report__app *ap, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void hln_report__app_f(hln_report__app *ap, const char *fmt, ...) {
    va_list va;
    int k;
    if (ap->n + 1 >= ap->cap) return;
    va_start(va, fmt);
    k = vsnprintf(ap->p + ap->n, ap->cap - ap->n, fmt, va);
    va_end(va);
    if (k > 0) ap->n = (size_t)k >= ap->cap - ap->n ? ap->cap - 1 : ap->n + (size_t)k;
}
static void hln_report__app_point(hln_report__app *ap, size_t from) {   /* a ',' locale's decimal point */
    size_t i;
    for (i = from; i < ap->n; i++) if (ap->p[i] == ',' && i + 1 < ap->n && ap->p[i + 1] >= '0' && ap->p[i + 1] <= '9' && i > 0 &&
                                       ap->p[i - 1] >= '0' && ap->p[i - 1] <= '9') ap->p[i] = '.';
}

/* ---- compare ---- */
enum { HLN__CR_FORMAT, HLN__CR_PARAMS, HLN__CR_WEIGHT_BYTES, HLN__CR_BPW, HLN__CR_DTYPES, HLN__CR_TENSORS, HLN__CR_MACS,
       HLN__CR_ACT_PEAK, HLN__CR_KV, HLN__CR_ARCH, HLN__CR_LAYERS, HLN__CR_CLASS, HLN__CR_BLOCKS, HLN__CR_COUNT };
static const char *const hln_report__compare_names[HLN__CR_COUNT] = {
    "format", "parameters", "weight bytes", "bits per weight", "dtype mix", "tensors", "MACs",
    "peak activations", "KV bytes per token", "architecture", "layers", "architecture class", "repeated blocks"
};
HLN_DEF uint32_t hln_report_compare_rows(const hln_report_compare_input *c) {
    return HLN__CR_COUNT + (c->deploy ? c->deploy->n_hw : 0);
}
HLN_DEF const char *hln_report_compare_row_name(const hln_report_compare_input *c, uint32_t row, char *buf, size_t cap) {
    if (row < HLN__CR_COUNT) return hln_report__compare_names[row];
    if (!cap) return "";
    buf[0] = 0;
    if (c->deploy && row - HLN__CR_COUNT < c->deploy->n_hw)
        snprintf(buf, cap, "on %s (batch %llu)", c->deploy->hw[row - HLN__CR_COUNT]->name,
                 (unsigned long long)(c->deploy->batch ? c->deploy->batch : 1));
    return buf;
}
/* Model i's deployment as inspect --hardware sees it (the same bindings, graph and options). */
static hln_result hln_report__compare_dep(const hln_report_compare_input *c, uint32_t model, hln_report__dep *p) {
    hln_report_options ro;
    memset(&ro, 0, sizeof ro);
    ro.graph = c->facts[model].has_graph ? &c->facts[model].graph : NULL;
    ro.deploy = c->deploy;
    return hln_report__dep_init(p, c->models[model], &ro);
}
/* A device row's cell: decode rate and time to first token (LLMs), else one inference. */
static void hln_report__compare_hw_cell(const hln_report_compare_input *c, uint32_t model, uint32_t h, hln_report__app *ap) {
    hln_report__dep p;
    hln_estimate e;
    const hln_hw_profile *hw = c->deploy->hw[h];
    char t[64];
    if (hln_report__compare_dep(c, model, &p) != HLN_OK) { hln_report__app_f(ap, "? (out of memory)"); return; }
    hln_estimate_run(&p.d, hw, &c->deploy->plan, p.context, c->deploy->batch ? c->deploy->batch : 1, &e);
    if (p.d.llm) {
        if (e.decode_tokens_per_s >= 0) { hln_report_fmt_count(t, sizeof t, e.decode_tokens_per_s); hln_report__app_f(ap, "%s tok/s", t); }
        else hln_report__app_f(ap, "? tok/s");
        hln_report__text_time(t, sizeof t, e.ttft_s);
        hln_report__app_f(ap, ", TTFT %s", t);
    } else {
        hln_report__text_time(t, sizeof t, e.latency_s);
        hln_report__app_f(ap, "%s per inference", t);
    }
    if (hw->memory_bytes && !e.fits) hln_report__app_f(ap, ", does not fit");
}
/* A row's number for model i; 0 when the row is text or the model has no such number. */
static int hln_report__compare_num(const hln_model_facts *f, uint32_t row, double *v) {
    switch (row) {
    case HLN__CR_PARAMS: *v = (double)f->summary.params; return 1;
    case HLN__CR_WEIGHT_BYTES: *v = (double)f->summary.weight_bytes; return 1;
    case HLN__CR_BPW: *v = f->summary.bits_per_weight; return f->summary.params > 0;
    case HLN__CR_TENSORS: *v = (double)f->summary.n_tensors; return 1;
    case HLN__CR_MACS: *v = (double)f->graph.macs; return f->has_graph;
    case HLN__CR_ACT_PEAK: *v = (double)f->graph.activation_peak_bytes; return f->has_graph;
    case HLN__CR_KV: *v = (double)f->llm.kv_bytes_per_token_f16; return f->llm.valid && f->llm.kv_bytes_per_token_f16 > 0;
    case HLN__CR_LAYERS: *v = (double)f->llm.hp.n_layer; return f->llm.valid && f->llm.hp.n_layer > 0;
    case HLN__CR_BLOCKS: *v = (double)f->analysis.n_instances; return 1;
    default: return 0;
    }
}
static void hln_report__dtype_mix(hln_report__app *ap, const hln_model *m, const hln_summary *s) {
    uint32_t i;
    for (i = 0; i < s->n_dtypes && i < 3; i++)
        hln_report__app_f(ap, "%s%s %.0f%%", i ? ", " : "", hln_report__dtype_name(m, s->dtypes[i].dtype),
                          s->weight_bytes ? 100.0 * (double)s->dtypes[i].bytes / (double)s->weight_bytes : 0.0);
    if (s->n_dtypes > 3) hln_report__app_f(ap, ", +%" PRIu32 " more", s->n_dtypes - 3);
    if (!s->n_dtypes) hln_report__app_f(ap, "-");
}
HLN_DEF void hln_report_compare_cell(const hln_report_compare_input *c, uint32_t model, uint32_t row,
                                     int with_delta, char *buf, size_t cap) {
    const hln_model *m = c->models[model];
    const hln_model_facts *f = &c->facts[model];
    hln_report__app ap;
    double v, base;
    char t[64];
    ap.p = buf; ap.cap = cap; ap.n = 0;
    if (!cap) return;
    buf[0] = 0;
    if (row >= HLN__CR_COUNT) {
        if (c->deploy && row - HLN__CR_COUNT < c->deploy->n_hw) hln_report__compare_hw_cell(c, model, row - HLN__CR_COUNT, &ap);
        hln_report__app_point(&ap, 0);
        return;
    }
    switch (row) {
    case HLN__CR_FORMAT:
        hln_report__app_f(&ap, "%s", hln_format_name(m->format));
        if (m->version) hln_report__app_f(&ap, " v%" PRIu32 "", m->version);
        return;
    case HLN__CR_DTYPES: hln_report__dtype_mix(&ap, m, &f->summary); return;
    case HLN__CR_ARCH:
        hln_report__app_f(&ap, "%s", f->llm.valid ? (f->llm.hp.arch ? f->llm.hp.arch : "(from tensor names)") : "-");
        return;
    case HLN__CR_CLASS: hln_report__app_f(&ap, "%s", hln_arch_class_name(f->analysis.arch)); return;
    default: break;
    }
    if (!hln_report__compare_num(f, row, &v)) { hln_report__app_f(&ap, "-"); return; }
    if (row == HLN__CR_WEIGHT_BYTES || row == HLN__CR_ACT_PEAK || row == HLN__CR_KV) hln_report_fmt_bytes(t, sizeof t, v);
    else if (row == HLN__CR_BPW) snprintf(t, sizeof t, "%.2f", v);
    else if (row == HLN__CR_TENSORS || row == HLN__CR_LAYERS || row == HLN__CR_BLOCKS) snprintf(t, sizeof t, "%.0f", v);
    else hln_report_fmt_count(t, sizeof t, v);
    hln_report__app_f(&ap, "%s", t);
    if (with_delta && model != c->baseline && c->baseline < c->n && hln_report__compare_num(&c->facts[c->baseline], row, &base)) {
        if (base > 0) hln_report__app_f(&ap, " (%+.1f%%, %.2fx)", 100.0 * (v - base) / base, v / base);
        else if (v != base) hln_report__app_f(&ap, " (was 0)");
    }
    hln_report__app_point(&ap, 0);
}

/* the allocator of a comparison: the first model's */
static const hln_model *hln_report__cmp_model(const hln_report_compare_input *c) { return c->n ? c->models[0] : NULL; }

HLN_DEF hln_result hln_report_compare_json(const hln_report_compare_input *c, hln_write_fn write, void *user) {
    static const char *const keys[HLN__CR_COUNT] = { NULL, "params", "weight_bytes", "bits_per_weight", NULL, "tensors", "macs",
                                                     "activation_peak_bytes", "kv_bytes_per_token_f16", NULL, "n_layer", NULL,
                                                     "block_instances" };
    hln_report__out *o = hln_report__out_new(hln_report__cmp_model(c), write, user);
    uint32_t i, row, n_deltas = 0;
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_s(o, "{\n  \"schema\": \"haoline/1\",\n  \"report\": \"compare\",\n  \"baseline\": ");
    hln_report__out_u(o, c->baseline);
    hln_report__out_s(o, ",\n  \"models\": [");
    for (i = 0; i < c->n; i++) {
        const hln_model_facts *f = &c->facts[i];
        hln_report__out_s(o, i ? ",\n  {\"file\": " : "\n  {\"file\": ");
        hln_report__out_js(o, c->files[i]);
        hln_report__out_s(o, ", \"format\": ");
        hln_report__out_js(o, hln_format_name(c->models[i]->format));
        hln_report__out_s(o, ",\n  \"summary\": ");
        hln_report__json_summary(o, c->models[i], &f->summary, f->has_graph ? &f->graph : NULL);
        hln_report__out_s(o, ",\n  \"llm\": ");
        if (f->llm.valid) hln_report__json_llm(o, &f->llm); else hln_report__out_s(o, "null");
        hln_report__out_s(o, ",\n  \"analysis\": {\"class\": ");
        hln_report__out_js(o, hln_arch_class_name(f->analysis.arch));
        hln_report__out_s(o, ", \"blocks\": ");
        hln_report__out_u(o, f->analysis.n_blocks);
        hln_report__out_s(o, ", \"block_instances\": ");
        hln_report__out_u(o, f->analysis.n_instances);
        hln_report__out_s(o, "}, \"estimates\": ");
        if (c->deploy) {   /* the list inspect --json --hardware writes */
            hln_report__dep p;
            if (hln_report__compare_dep(c, i, &p) == HLN_OK) hln_report__json_estimates(o, &p);
            else { o->nomem = 1; hln_report__out_s(o, "null"); }
        } else hln_report__out_s(o, "null");
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, c->n ? "\n  ],\n  \"deltas\": [" : "],\n  \"deltas\": [");
    for (i = 0; i < c->n; i++) {
        if (i == c->baseline || c->baseline >= c->n) continue;
        hln_report__out_s(o, n_deltas++ ? ",\n    {\"index\": " : "\n    {\"index\": ");
        hln_report__out_u(o, i);
        for (row = 0; row < HLN__CR_COUNT; row++) {
            double v, base;
            if (!keys[row]) continue;
            hln_report__out_s(o, ", ");
            hln_report__out_key(o, keys[row]);
            if (!hln_report__compare_num(&c->facts[i], row, &v) || !hln_report__compare_num(&c->facts[c->baseline], row, &base)) {
                hln_report__out_s(o, "null");
                continue;
            }
            hln_report__out_s(o, "{\"delta\": ");
            hln_report__out_f(o, v - base);
            hln_report__out_s(o, ", \"ratio\": ");
            if (base != 0) hln_report__out_f(o, v / base); else hln_report__out_s(o, "null");
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, n_deltas ? "\n  ]\n}\n" : "]\n}\n");
    return hln_report__out_done(o);
}

HLN_DEF hln_result hln_report_compare_markdown(const hln_report_compare_input *c, hln_write_fn write, void *user) {
    hln_report__out *o = hln_report__out_new(hln_report__cmp_model(c), write, user);
    uint32_t i, row;
    char cell[256], name[160];
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_s(o, "# Model comparison\n\n| |");
    for (i = 0; i < c->n; i++) {
        hln_report__out_s(o, " `");
        hln_report__out_md(o, c->files[i], strlen(c->files[i]));
        hln_report__out_s(o, i == c->baseline ? "` (baseline) |" : "` |");
    }
    hln_report__out_s(o, "\n|---|");
    for (i = 0; i < c->n; i++) hln_report__out_s(o, "---|");
    for (row = 0; row < hln_report_compare_rows(c); row++) {
        const char *rn = hln_report_compare_row_name(c, row, name, sizeof name);
        hln_report__out_s(o, "\n| ");
        hln_report__out_md(o, rn, strlen(rn));
        hln_report__out_s(o, " |");
        for (i = 0; i < c->n; i++) {
            hln_report_compare_cell(c, i, row, 1, cell, sizeof cell);
            hln_report__out_s(o, " ");
            hln_report__out_md(o, cell, strlen(cell));
            hln_report__out_s(o, " |");
        }
    }
    hln_report__out_s(o, "\n\nDeltas and ratios are against the baseline.\n");
    return hln_report__out_done(o);
}

HLN_DEF hln_result hln_report_compare_csv(const hln_report_compare_input *c, hln_write_fn write, void *user) {
    hln_report__out *o = hln_report__out_new(hln_report__cmp_model(c), write, user);
    uint32_t i, row;
    char cell[256], name[160];
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_s(o, "row");
    for (i = 0; i < c->n; i++) { hln_report__out_c(o, ','); hln_report__out_csv(o, c->files[i], strlen(c->files[i]), 1); }
    hln_report__out_s(o, "\r\n");
    for (row = 0; row < hln_report_compare_rows(c); row++) {
        const char *rn = hln_report_compare_row_name(c, row, name, sizeof name);
        hln_report__out_csv(o, rn, strlen(rn), 1);
        for (i = 0; i < c->n; i++) {
            double v;
            hln_report__out_c(o, ',');
            if (hln_report__compare_num(&c->facts[i], row, &v)) hln_report__out_f(o, v);   /* exact numbers, no units */
            else {
                hln_report_compare_cell(c, i, row, 0, cell, sizeof cell);
                hln_report__out_csv(o, cell, strlen(cell), 1);
            }
        }
        hln_report__out_s(o, "\r\n");
    }
    return hln_report__out_done(o);
}

/* The page head every compare/diff page shares: the inspect page's CSS plus the diff colours. */
static void hln_report__pair_page_open(hln_report__out *o, const char *title) {
    uint32_t i;
    hln_report__out_s(o, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                  "<meta name=\"generator\" content=\"haoline_report.h " HAOLINE_VERSION_STRING "\"><title>");
    hln_report__out_html_n(o, title, strlen(title), 200);
    hln_report__out_s(o, " - HaoLine</title><style>\n");
    for (i = 0; hln_report__html_css[i]; i++) hln_report__out_s(o, hln_report__html_css[i]);
    hln_report__out_s(o, "table.pair{border-collapse:collapse;width:100%;font-size:13px}\n"
                         "table.pair td,table.pair th{border:1px solid var(--border);padding:3px 6px;text-align:left;vertical-align:top}\n"
                         "table.pair td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
                         "tr.add td{background:rgba(22,160,70,.18)}tr.del td{background:rgba(214,40,60,.18)}tr.chg td{background:rgba(240,190,20,.25)}\n"
                         "td.gap{background:var(--bg)!important;border:none!important;width:12px}\n"
                         "p.what{max-width:1100px;font-size:15px}\n"
                         "</style></head>\n<body>\n<header class=\"top\"><div><h1>");
    hln_report__out_html_n(o, title, strlen(title), 200);
    hln_report__out_s(o, "</h1></div></header>\n<main>\n");
}
static hln_result hln_report__pair_page_close(hln_report__out *o) {
    hln_report__out_s(o, "</main><footer>Made by HaoLine " HAOLINE_VERSION_STRING "</footer></body></html>\n");
    return hln_report__out_done(o);
}

HLN_DEF hln_result hln_report_compare_html(const hln_report_compare_input *c, hln_write_fn write, void *user) {
    hln_report__out *o = hln_report__out_new(hln_report__cmp_model(c), write, user);
    uint32_t i, row;
    char cell[256], name[160];
    if (!o) return HLN_ERR_NOMEM;
    hln_report__pair_page_open(o, "Model comparison");
    hln_report__out_s(o, "<table class=\"pair\"><tr><th></th>");
    for (i = 0; i < c->n; i++) {
        hln_report__out_s(o, "<th>");
        hln_report__out_html(o, c->files[i]);
        if (i == c->baseline) hln_report__out_s(o, " (baseline)");
        hln_report__out_s(o, "</th>");
    }
    hln_report__out_s(o, "</tr>\n");
    for (row = 0; row < hln_report_compare_rows(c); row++) {
        hln_report__out_s(o, "<tr><th>");
        hln_report__out_html(o, hln_report_compare_row_name(c, row, name, sizeof name));
        hln_report__out_s(o, "</th>");
        for (i = 0; i < c->n; i++) {
            hln_report_compare_cell(c, i, row, 1, cell, sizeof cell);
            hln_report__out_s(o, "<td>");
            hln_report__out_html(o, cell);
            hln_report__out_s(o, "</td>");
        }
        hln_report__out_s(o, "</tr>\n");
    }
    hln_report__out_s(o, "</table>\n<p>Deltas and ratios are against the baseline.</p>\n");
    return hln_report__pair_page_close(o);
}

/* ---- diff ---- */
static const char *hln_report__match_name(uint8_t m) {
    switch (m) {
    case HLN_MATCH_NAME: return "name";
    case HLN_MATCH_ROLE: return "role";
    case HLN_MATCH_SHAPE: return "shape";
    case HLN_MATCH_POSITION: return "position";
    default: return "none";
    }
}
/* A node's name, or "Op#index" for an unnamed one. */
static const char *hln_report__node_label(const hln_graph *g, int32_t i, char *buf, size_t cap) {
    const hln_node *n = &g->nodes[i];
    if (n->name && n->name[0]) return n->name;
    snprintf(buf, cap, "%s#%d", n->op_type, (int)i);
    return buf;
}
/* Rows of the diff's weights sorted by SNR, lowest (moved most) first; NULL without weights. */
static uint32_t *hln_report__worst(const hln_model *m, const hln_diff *d, uint32_t *n_out) {
    uint32_t i, j, n = 0, *idx;
    *n_out = 0;
    if (!d->weights) return NULL;
    idx = (uint32_t *)HLN_REPORT__ALLOC(m, ((size_t)d->n_tensors + 1) * sizeof(uint32_t));
    if (!idx) return NULL;
    for (i = 0; i < d->n_tensors; i++) if (d->weights[i].measured) idx[n++] = i;
    /* shell sort by snr_db ascending (an exact match, infinite SNR, sorts last) */
    for (j = n / 2; j > 0; j /= 2)
        for (i = j; i < n; i++) {
            uint32_t t = idx[i], k = i;
            while (k >= j && d->weights[idx[k - j]].snr_db > d->weights[t].snr_db) { idx[k] = idx[k - j]; k -= j; }
            idx[k] = t;
        }
    *n_out = n;
    return idx;
}

/* ---- the lowering (one side built from the other: hln_diff.lowering) ---- */
static const char *hln_report__lowered_status(const hln_lowered *l) {
    return !l->n_names ? "inserted" : !l->n_nodes ? "unmatched" : l->n_nodes > 1 ? "fused" : "mapped";
}
/* The source and the engine of a lowering. */
static void hln_report__lowering_sides(const hln_report_diff_input *x, const hln_model **src, const hln_model **eng) {
    int ea = x->diff->lowering.engine_is_a;
    *src = ea ? x->b : x->a;
    *eng = ea ? x->a : x->b;
}
static void hln_report__lowering_summary(hln_report__app *ap, const hln_report_diff_input *x) {
    const hln_lowering *L = &x->diff->lowering;
    const char *se = L->engine_is_a ? "A" : "B", *ss = L->engine_is_a ? "B" : "A";
    hln_report__app_f(ap, " Lowering: %" PRIu32 " layers of %s from the %" PRIu32 " nodes of %s: %" PRIu32 " built from %s's nodes (%" PRIu32
                      " fused from two or more, %" PRIu32 " nodes), %" PRIu32 " without an origin in %s (%" PRIu32 " inserted, %" PRIu32 " unmatched);"
                      " %" PRIu32 " nodes lowered, %" PRIu32 " removed or folded; %" PRIu32 " layers changed precision.",
                      L->n_layers, se, L->n_source_nodes, ss, L->mapped, ss, L->fused, L->fused_nodes, L->inserted + L->unmatched, ss,
                      L->inserted, L->unmatched, L->nodes_lowered, L->nodes_removed, L->precision_changed);
}
static void hln_report__json_lowering(hln_report__out *o, const hln_report_diff_input *x) {
    const hln_lowering *L = &x->diff->lowering;
    const hln_model *src, *eng;
    uint32_t i, k, n;
    char lab[96];
    static const char *const keys[] = { "layers", "source_nodes", "mapped_layers", "fused_layers", "fused_nodes", "inserted_layers",
                                        "unmatched_layers", "precision_changed", "nodes_lowered", "nodes_removed", "unresolved_names" };
    uint32_t vals[11];
    hln_report__lowering_sides(x, &src, &eng);
    vals[0] = L->n_layers; vals[1] = L->n_source_nodes; vals[2] = L->mapped; vals[3] = L->fused; vals[4] = L->fused_nodes;
    vals[5] = L->inserted; vals[6] = L->unmatched; vals[7] = L->precision_changed; vals[8] = L->nodes_lowered;
    vals[9] = L->nodes_removed; vals[10] = L->unresolved_names;
    hln_report__out_s(o, ",\n  \"lowering\": {\"engine\": ");
    hln_report__out_s(o, L->engine_is_a ? "\"a\"" : "\"b\"");
    for (k = 0; k < 11; k++) { hln_report__out_s(o, ", "); hln_report__out_key(o, keys[k]); hln_report__out_u(o, vals[k]); }
    hln_report__out_s(o, ",\n    \"map\": [");
    for (i = 0; i < L->n_layers; i++) {
        const hln_lowered *l = &L->layers[i];
        hln_report__out_s(o, i ? ",\n      {\"layer\": " : "\n      {\"layer\": ");
        hln_report__out_js(o, hln_report__node_label(eng->graph, (int32_t)i, lab, sizeof lab));
        hln_report__out_s(o, ", \"op\": ");
        hln_report__out_js(o, eng->graph->nodes[i].op_type);
        hln_report__out_s(o, ", \"status\": ");
        hln_report__out_js(o, hln_report__lowered_status(l));
        hln_report__out_s(o, ", \"from\": [");
        for (k = 0; k < l->n_nodes; k++) {
            if (k) hln_report__out_s(o, ", ");
            hln_report__out_js(o, hln_report__node_label(src->graph, (int32_t)L->from[l->first + k], lab, sizeof lab));
        }
        hln_report__out_s(o, "], \"weights\": ");
        hln_report__out_u(o, l->n_weights);
        hln_report__out_s(o, ", \"unresolved\": ");
        hln_report__out_u(o, l->n_names - l->n_nodes - l->n_weights);
        hln_report__out_s(o, ", \"dtype\": [");
        hln_report__out_js(o, l->n_nodes && l->dtype_src != HLN_DTYPE_UNKNOWN ? hln_dtype_get(l->dtype_src)->name : NULL);
        hln_report__out_s(o, ", ");
        hln_report__out_js(o, l->dtype != HLN_DTYPE_UNKNOWN ? hln_dtype_get(l->dtype)->name : NULL);
        hln_report__out_s(o, l->precision_changed ? "], \"precision_changed\": true}" : "], \"precision_changed\": false}");
    }
    hln_report__out_s(o, L->n_layers ? "\n    ],\n    \"removed\": [" : "],\n    \"removed\": [");
    for (i = 0, n = 0; i < L->n_source_nodes; i++) {
        if (L->uses[i]) continue;
        hln_report__out_s(o, n++ ? ", " : "");
        hln_report__out_js(o, hln_report__node_label(src->graph, (int32_t)i, lab, sizeof lab));
    }
    hln_report__out_s(o, "]}");
}
static void hln_report__md_lowering(hln_report__out *o, const hln_report_diff_input *x) {
    const hln_lowering *L = &x->diff->lowering;
    const hln_model *src, *eng;
    uint32_t i, k, n;
    char lab[96];
    const char *nm;
    hln_report__lowering_sides(x, &src, &eng);
    hln_report__out_s(o, L->engine_is_a ? "\n## Lowering (B -> A)\n\n" : "\n## Lowering (A -> B)\n\n");
    hln_report__out_s(o, "| layers | source nodes | built from nodes | fused (2+ nodes) | inserted | unmatched | precision changed | nodes lowered | nodes removed |\n"
                         "|---|---|---|---|---|---|---|---|---|\n| ");
    {
        uint32_t v[9];
        v[0] = L->n_layers; v[1] = L->n_source_nodes; v[2] = L->mapped; v[3] = L->fused; v[4] = L->inserted; v[5] = L->unmatched;
        v[6] = L->precision_changed; v[7] = L->nodes_lowered; v[8] = L->nodes_removed;
        for (k = 0; k < 9; k++) { hln_report__out_u(o, v[k]); hln_report__out_s(o, k < 8 ? " | " : " |\n"); }
    }
    hln_report__out_s(o, "\n| layer | op | status | from | precision |\n|---|---|---|---|---|\n");
    for (i = 0; i < L->n_layers; i++) {
        const hln_lowered *l = &L->layers[i];
        nm = hln_report__node_label(eng->graph, (int32_t)i, lab, sizeof lab);
        hln_report__out_s(o, "| `");
        hln_report__out_md(o, nm, strlen(nm));
        hln_report__out_s(o, "` | ");
        hln_report__out_md(o, eng->graph->nodes[i].op_type, strlen(eng->graph->nodes[i].op_type));
        hln_report__out_s(o, " | ");
        hln_report__out_s(o, hln_report__lowered_status(l));
        hln_report__out_s(o, " | ");
        for (k = 0; k < l->n_nodes; k++) {
            nm = hln_report__node_label(src->graph, (int32_t)L->from[l->first + k], lab, sizeof lab);
            hln_report__out_s(o, k ? ", `" : "`");
            hln_report__out_md(o, nm, strlen(nm));
            hln_report__out_c(o, '`');
        }
        hln_report__out_s(o, " | ");
        if (l->n_nodes) hln_report__out_s(o, l->dtype_src != HLN_DTYPE_UNKNOWN ? hln_dtype_get(l->dtype_src)->name : "?");
        if (l->n_nodes) hln_report__out_s(o, l->precision_changed ? " -> " : " = ");
        hln_report__out_s(o, l->dtype != HLN_DTYPE_UNKNOWN ? hln_dtype_get(l->dtype)->name : "?");
        hln_report__out_s(o, " |\n");
    }
    if (L->nodes_removed) {
        hln_report__out_s(o, "\nSource nodes no layer names (removed or folded): ");
        for (i = 0, n = 0; i < L->n_source_nodes; i++) {
            if (L->uses[i]) continue;
            nm = hln_report__node_label(src->graph, (int32_t)i, lab, sizeof lab);
            hln_report__out_s(o, n++ ? ", `" : "`");
            hln_report__out_md(o, nm, strlen(nm));
            hln_report__out_c(o, '`');
        }
        hln_report__out_s(o, ".\n");
    }
}

HLN_DEF size_t hln_report_diff_summary(const hln_report_diff_input *x, char *buf, size_t cap) {
    const hln_diff *d = x->diff;
    const hln_diff_counts *t = &d->tensor_counts;
    hln_summary sa, sb;
    hln_report__app ap;
    char u[32], v[32];
    uint32_t i;
    int nothing;
    ap.p = buf; ap.cap = cap; ap.n = 0;
    if (!cap) return 0;
    buf[0] = 0;
    hln_model_summarize(x->a, &sa);
    hln_model_summarize(x->b, &sb);
    nothing = t->removed == 0 && t->added == 0 && t->changed == 0 && t->by_name == t->aligned &&
              d->kv_counts.removed == 0 && d->kv_counts.added == 0 && d->kv_counts.changed == 0 &&
              d->node_counts.removed == 0 && d->node_counts.added == 0 && d->node_counts.changed == 0 &&
              (!d->weights || !d->weights_total.measured || d->weights_total.max_abs_err == 0);
    if (nothing) {
        hln_report__app_f(&ap, "Nothing changed: the %" PRIu32 " tensors, %" PRIu32 " metadata keys", t->aligned, d->kv_counts.aligned);
        if (d->node_counts.aligned) hln_report__app_f(&ap, " and %" PRIu32 " graph nodes", d->node_counts.aligned);
        hln_report__app_f(&ap, " agree in name, dtype and shape%s.",
                          d->weights && d->weights_total.measured ? ", and every compared weight is equal" : "");
        return ap.n;
    }
    hln_report__app_f(&ap, "%" PRIu32 " of %" PRIu32 " tensors of A have a counterpart in B", t->aligned, t->aligned + t->removed);
    if (t->aligned != t->by_name)
        hln_report__app_f(&ap, " (%" PRIu32 " by name, %" PRIu32 " by role, %" PRIu32 " by shape and position)", t->by_name, t->by_role, t->by_shape);
    hln_report__app_f(&ap, "; %" PRIu32 " removed, %" PRIu32 " added.", t->removed, t->added);
    if (d->dtype_changed) {   /* the most common dtype transitions */
        uint32_t shown = 0, k;
        hln_report__app_f(&ap, " %" PRIu32 " changed dtype (", d->dtype_changed);
        for (k = 0; k < t->aligned && shown < 3; k++) {
            const hln_pair *p = &d->tensors[k];
            hln_dtype da = x->a->tensors[p->a].dtype, db = x->b->tensors[p->b].dtype;
            uint32_t count = 0, seen = 0, q;
            if (!(p->changed & HLN_DIFF_DTYPE)) continue;
            for (q = 0; q < k && !seen; q++)
                seen = (d->tensors[q].changed & HLN_DIFF_DTYPE) && x->a->tensors[d->tensors[q].a].dtype == da &&
                       x->b->tensors[d->tensors[q].b].dtype == db;
            if (seen) continue;
            for (q = k; q < t->aligned; q++)
                count += (d->tensors[q].changed & HLN_DIFF_DTYPE) && x->a->tensors[d->tensors[q].a].dtype == da &&
                         x->b->tensors[d->tensors[q].b].dtype == db;
            hln_report__app_f(&ap, "%s%s -> %s: %" PRIu32 "", shown ? ", " : "", hln_report__dtype_name(x->a, da), hln_report__dtype_name(x->b, db), count);
            shown++;
        }
        hln_report__app_f(&ap, "%s).", shown == 3 ? ", ..." : "");
    }
    if (d->shape_changed) hln_report__app_f(&ap, " %" PRIu32 " changed shape (%" PRIu32 " of them transposed).", d->shape_changed, d->transposed);
    hln_report_fmt_bytes(u, sizeof u, (double)sa.weight_bytes);
    hln_report_fmt_bytes(v, sizeof v, (double)sb.weight_bytes);
    hln_report__app_f(&ap, " Weights go from %s to %s", u, v);
    if (sa.weight_bytes) hln_report__app_f(&ap, " (%.2fx)", (double)sb.weight_bytes / (double)sa.weight_bytes);
    hln_report__app_f(&ap, ", %.2f to %.2f bits per weight", sa.bits_per_weight, sb.bits_per_weight);
    if (sa.params != sb.params) {
        hln_report_fmt_count(u, sizeof u, (double)sa.params);
        hln_report_fmt_count(v, sizeof v, (double)sb.params);
        hln_report__app_f(&ap, "; parameters from %s to %s", u, v);
    }
    hln_report__app_f(&ap, ". Metadata: %" PRIu32 " key%s changed", d->kv_counts.changed, d->kv_counts.changed == 1 ? "" : "s");
    for (i = 0; i < d->kv_counts.aligned; i++)   /* name the first few */
        if (d->kv[i].changed) { hln_report__app_f(&ap, " (%s%s)", x->a->kv[d->kv[i].a].key, d->kv_counts.changed > 1 ? ", ..." : ""); break; }
    hln_report__app_f(&ap, ", %" PRIu32 " added, %" PRIu32 " removed.", d->kv_counts.added, d->kv_counts.removed);
    if (x->a->graph && x->b->graph)
        hln_report__app_f(&ap, " Graph: %" PRIu32 " nodes aligned (%" PRIu32 " by name), %" PRIu32 " removed, %" PRIu32 " added, %" PRIu32 " changed op or arity.",
                          d->node_counts.aligned, d->node_counts.by_name, d->node_counts.removed, d->node_counts.added, d->node_counts.changed);
    if (d->has_lowering) hln_report__lowering_summary(&ap, x);
    if (d->weights && d->weights_total.measured) {
        uint32_t n_worst, *worst = hln_report__worst(x->a, d, &n_worst);
        hln_report__app_f(&ap, " Weights of %" PRIu32 " tensor pairs compared: RMSE %.4g, SNR %.1f dB, cosine %.6f over all of them",
                          n_worst, d->weights_total.rmse, d->weights_total.snr_db, d->weights_total.cosine);
        if (worst && n_worst && d->weights[worst[0]].snr_db < 1e308) {
            const hln_pair *p = &d->tensors[worst[0]];
            hln_report__app_f(&ap, "; %s moved most (SNR %.1f dB)", x->a->tensors[p->a].name, d->weights[worst[0]].snr_db);
        }
        hln_report__app_f(&ap, ".");
        HLN_REPORT__FREE(x->a, worst);
    }
    hln_report__app_point(&ap, 0);
    return ap.n;
}

static void hln_report__json_dims_pair(hln_report__out *o, const hln_tensor *s, const hln_tensor *t) {
    hln_report__out_c(o, '[');
    hln_report__json_shape_dims(o, s->dims, s->n_dims);
    hln_report__out_s(o, ", ");
    hln_report__json_shape_dims(o, t->dims, t->n_dims);
    hln_report__out_c(o, ']');
}
/* JSON list of the names on one side of the rows with a side missing. */
static void hln_report__json_side_names(hln_report__out *o, const hln_report_diff_input *x, const hln_pair *rows, uint32_t n,
                                        int want_b, int what) {
    uint32_t i, k = 0;
    char lab[96];
    hln_report__out_c(o, '[');
    for (i = 0; i < n; i++) {
        const hln_pair *p = &rows[i];
        const hln_model *m = want_b ? x->b : x->a;
        int32_t idx = want_b ? p->b : p->a;
        if (idx < 0 || (want_b ? p->a : p->b) >= 0) continue;
        hln_report__out_s(o, k++ ? ", " : "");
        if (what == 0) hln_report__out_js(o, m->tensors[idx].name);
        else if (what == 1) hln_report__out_js(o, m->kv[idx].key);
        else hln_report__out_js(o, hln_report__node_label(m->graph, idx, lab, sizeof lab));
    }
    hln_report__out_c(o, ']');
}

/* The counts and the one-sided lists of an alignment: "aligned", "by_*", "added", "removed". */
static void hln_report__json_alignment(hln_report__out *o, const hln_report_diff_input *x, const hln_pair *rows, uint32_t n,
                                       const hln_diff_counts *c, int what) {
    hln_report__out_s(o, "{\"aligned\": ");
    hln_report__out_u(o, c->aligned);
    hln_report__out_s(o, ", \"by_name\": ");
    hln_report__out_u(o, c->by_name);
    hln_report__out_s(o, ", \"by_role\": ");
    hln_report__out_u(o, c->by_role);
    hln_report__out_s(o, ", \"by_shape\": ");
    hln_report__out_u(o, c->by_shape);
    hln_report__out_s(o, ", \"by_position\": ");
    hln_report__out_u(o, c->by_position);
    hln_report__out_s(o, ",\n    \"added\": ");
    hln_report__json_side_names(o, x, rows, n, 1, what);
    hln_report__out_s(o, ",\n    \"removed\": ");
    hln_report__json_side_names(o, x, rows, n, 0, what);
}

HLN_DEF hln_result hln_report_diff_json(const hln_report_diff_input *x, hln_write_fn write, void *user) {
    const hln_diff *d = x->diff;
    hln_report__out *o = hln_report__out_new(x->a, write, user);
    uint32_t i, k;
    char lab[96], lab2[96], *text;
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_s(o, "{\n  \"schema\": \"haoline/1\",\n  \"report\": \"diff\",\n  \"a\": {\"file\": ");
    hln_report__out_js(o, x->file_a);
    hln_report__out_s(o, ", \"format\": ");
    hln_report__out_js(o, hln_format_name(x->a->format));
    hln_report__out_s(o, "},\n  \"b\": {\"file\": ");
    hln_report__out_js(o, x->file_b);
    hln_report__out_s(o, ", \"format\": ");
    hln_report__out_js(o, hln_format_name(x->b->format));
    hln_report__out_s(o, "},\n  \"tensors\": ");
    hln_report__json_alignment(o, x, d->tensors, d->n_tensors, &d->tensor_counts, 0);
    hln_report__out_s(o, ",\n    \"changed\": [");
    for (i = 0, k = 0; i < d->tensor_counts.aligned; i++) {
        const hln_pair *p = &d->tensors[i];
        const hln_tensor *s = &x->a->tensors[p->a], *t = &x->b->tensors[p->b];
        if (!p->changed) continue;
        hln_report__out_s(o, k++ ? ",\n      {\"name_a\": " : "\n      {\"name_a\": ");
        hln_report__out_js(o, s->name);
        hln_report__out_s(o, ", \"name_b\": ");
        hln_report__out_js(o, t->name);
        hln_report__out_s(o, ", \"dtype\": [");
        hln_report__out_js(o, hln_report__dtype_name(x->a, s->dtype));
        hln_report__out_s(o, ", ");
        hln_report__out_js(o, hln_report__dtype_name(x->b, t->dtype));
        hln_report__out_s(o, "], \"shape\": ");
        hln_report__json_dims_pair(o, s, t);
        hln_report__out_s(o, ", \"bytes\": [");
        hln_report__out_u(o, s->n_bytes);
        hln_report__out_s(o, ", ");
        hln_report__out_u(o, t->n_bytes);
        hln_report__out_s(o, "]");
        if (p->changed & HLN_DIFF_TRANSPOSED) hln_report__out_s(o, ", \"transposed\": true");
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, k ? "\n    ],\n    \"renamed\": [" : "],\n    \"renamed\": [");
    for (i = 0, k = 0; i < d->tensor_counts.aligned; i++) {
        const hln_pair *p = &d->tensors[i];
        if (p->match == HLN_MATCH_NAME) continue;
        hln_report__out_s(o, k++ ? ",\n      {\"name_a\": " : "\n      {\"name_a\": ");
        hln_report__out_js(o, x->a->tensors[p->a].name);
        hln_report__out_s(o, ", \"name_b\": ");
        hln_report__out_js(o, x->b->tensors[p->b].name);
        hln_report__out_s(o, ", \"match\": ");
        hln_report__out_js(o, hln_report__match_name(p->match));
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, k ? "\n    ]},\n  \"metadata\": " : "]},\n  \"metadata\": ");
    hln_report__json_alignment(o, x, d->kv, d->n_kv, &d->kv_counts, 1);
    hln_report__out_s(o, ",\n    \"changed\": [");
    for (i = 0, k = 0; i < d->kv_counts.aligned; i++) {
        const hln_pair *p = &d->kv[i];
        if (!p->changed) continue;
        hln_report__out_s(o, k++ ? ",\n      {\"key\": " : "\n      {\"key\": ");
        hln_report__out_js(o, x->a->kv[p->a].key);
        hln_report__out_s(o, ", \"a\": ");
        hln_report__json_kv(o, &x->a->kv[p->a], 1);
        hln_report__out_s(o, ", \"b\": ");
        hln_report__json_kv(o, &x->b->kv[p->b], 1);
        hln_report__out_s(o, "}");
    }
    hln_report__out_s(o, k ? "\n    ]},\n  \"nodes\": " : "]},\n  \"nodes\": ");
    if (x->a->graph && x->b->graph) {
        hln_report__json_alignment(o, x, d->nodes, d->n_nodes, &d->node_counts, 2);
        hln_report__out_s(o, ",\n    \"changed\": [");
        for (i = 0, k = 0; i < d->node_counts.aligned; i++) {
            const hln_pair *p = &d->nodes[i];
            if (!p->changed) continue;
            hln_report__out_s(o, k++ ? ",\n      {\"name_a\": " : "\n      {\"name_a\": ");
            hln_report__out_js(o, hln_report__node_label(x->a->graph, p->a, lab, sizeof lab));
            hln_report__out_s(o, ", \"name_b\": ");
            hln_report__out_js(o, hln_report__node_label(x->b->graph, p->b, lab2, sizeof lab2));
            hln_report__out_s(o, ", \"op\": [");
            hln_report__out_js(o, x->a->graph->nodes[p->a].op_type);
            hln_report__out_s(o, ", ");
            hln_report__out_js(o, x->b->graph->nodes[p->b].op_type);
            hln_report__out_s(o, "]}");
        }
        hln_report__out_s(o, k ? "\n    ]}" : "]}");
    } else hln_report__out_s(o, "null");
    if (d->weights) {
        hln_report__out_s(o, ",\n  \"weights\": [");
        for (i = 0, k = 0; i < d->n_tensors; i++) {
            const hln_pair *p = &d->tensors[i];
            if (!d->weights[i].measured) continue;
            hln_report__out_s(o, k++ ? ",\n    {\"name_a\": " : "\n    {\"name_a\": ");
            hln_report__out_js(o, x->a->tensors[p->a].name);
            hln_report__out_s(o, ", \"name_b\": ");
            hln_report__out_js(o, x->b->tensors[p->b].name);
            hln_report__out_s(o, ", ");
            hln_report__json_quant_error(o, &d->weights[i]);
            hln_report__out_s(o, "}");
        }
        hln_report__out_s(o, k ? "\n  ],\n  \"weights_total\": " : "],\n  \"weights_total\": ");
        if (d->weights_total.measured) {
            hln_report__out_c(o, '{');
            hln_report__json_quant_error(o, &d->weights_total);
            hln_report__out_c(o, '}');
        } else hln_report__out_s(o, "null");
    }
    if (d->has_lowering) hln_report__json_lowering(o, x);
    text = (char *)HLN_REPORT__ALLOC(x->a, 4096);
    if (text) hln_report_diff_summary(x, text, 4096);
    hln_report__out_s(o, ",\n  \"summary_text\": ");
    hln_report__out_js(o, text ? text : "");
    HLN_REPORT__FREE(x->a, text);
    hln_report__out_s(o, "\n}\n");
    return text ? hln_report__out_done(o) : (hln_report__out_done(o), HLN_ERR_NOMEM);
}

static const char *hln_report__pair_status(const hln_pair *p) {
    return p->a < 0 ? "added" : p->b < 0 ? "removed" : p->changed ? "changed" : "same";
}

HLN_DEF hln_result hln_report_diff_csv(const hln_report_diff_input *x, hln_write_fn write, void *user) {
    const hln_diff *d = x->diff;
    hln_report__out *o = hln_report__out_new(x->a, write, user);
    uint32_t i;
    char shape[256];
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_s(o, "name_a,name_b,status,match,dtype_a,dtype_b,shape_a,shape_b,bytes_a,bytes_b,rmse,max_abs_err,snr_db,cosine\r\n");
    for (i = 0; i < d->n_tensors; i++) {
        const hln_pair *p = &d->tensors[i];
        const hln_tensor *s = p->a >= 0 ? &x->a->tensors[p->a] : NULL, *t = p->b >= 0 ? &x->b->tensors[p->b] : NULL;
        if (s) hln_report__out_csv(o, s->name, strlen(s->name), 1);
        hln_report__out_c(o, ',');
        if (t) hln_report__out_csv(o, t->name, strlen(t->name), 1);
        hln_report__out_c(o, ',');
        hln_report__out_s(o, hln_report__pair_status(p));
        hln_report__out_c(o, ',');
        if (s && t) hln_report__out_s(o, hln_report__match_name(p->match));
        hln_report__out_c(o, ',');
        if (s) hln_report__out_s(o, hln_report__dtype_name(x->a, s->dtype));
        hln_report__out_c(o, ',');
        if (t) hln_report__out_s(o, hln_report__dtype_name(x->b, t->dtype));
        hln_report__out_c(o, ',');
        if (s) { hln_report__dims_text(shape, sizeof shape, s->dims, s->n_dims); hln_report__out_csv(o, shape, strlen(shape), 0); }
        hln_report__out_c(o, ',');
        if (t) { hln_report__dims_text(shape, sizeof shape, t->dims, t->n_dims); hln_report__out_csv(o, shape, strlen(shape), 0); }
        hln_report__out_c(o, ',');
        if (s) hln_report__out_u(o, s->n_bytes);
        hln_report__out_c(o, ',');
        if (t) hln_report__out_u(o, t->n_bytes);
        if (d->weights && d->weights[i].measured) {
            const hln_quant_error *w = &d->weights[i];
            hln_report__out_c(o, ',');
            hln_report__out_f(o, w->rmse);
            hln_report__out_c(o, ',');
            hln_report__out_f(o, w->max_abs_err);
            hln_report__out_c(o, ',');
            if (w->snr_db < 1e308) hln_report__out_f(o, w->snr_db); else hln_report__out_s(o, "inf");
            hln_report__out_c(o, ',');
            hln_report__out_f(o, w->cosine);
        } else hln_report__out_s(o, ",,,,");
        hln_report__out_s(o, "\r\n");
    }
    return hln_report__out_done(o);
}

HLN_DEF hln_result hln_report_diff_markdown(const hln_report_diff_input *x, hln_write_fn write, void *user) {
    const hln_diff *d = x->diff;
    hln_report__out *o = hln_report__out_new(x->a, write, user);
    uint32_t i, n_worst = 0, *worst;
    char *text, sa[256], sb[256];
    if (!o) return HLN_ERR_NOMEM;
    text = (char *)HLN_REPORT__ALLOC(x->a, 4096);
    if (!text) { hln_report__out_done(o); return HLN_ERR_NOMEM; }
    hln_report_diff_summary(x, text, 4096);
    hln_report__out_s(o, "# Diff: `");
    hln_report__out_md(o, x->file_a, strlen(x->file_a));
    hln_report__out_s(o, "` -> `");
    hln_report__out_md(o, x->file_b, strlen(x->file_b));
    hln_report__out_s(o, "`\n\n");
    hln_report__out_md(o, text, strlen(text));
    HLN_REPORT__FREE(x->a, text);
    hln_report__out_s(o, "\n\n## Tensors\n\n| status | A | B | dtype | shape | bytes |\n|---|---|---|---|---|---|\n");
    for (i = 0; i < d->n_tensors; i++) {
        const hln_pair *p = &d->tensors[i];
        const hln_tensor *s = p->a >= 0 ? &x->a->tensors[p->a] : NULL, *t = p->b >= 0 ? &x->b->tensors[p->b] : NULL;
        if (s && t && !p->changed && p->match == HLN_MATCH_NAME) continue;   /* unchanged rows stay out */
        hln_report__out_s(o, "| ");
        hln_report__out_s(o, s && t && !p->changed ? "renamed" : hln_report__pair_status(p));
        hln_report__out_s(o, " | ");
        if (s) { hln_report__out_c(o, '`'); hln_report__out_md(o, s->name, strlen(s->name)); hln_report__out_c(o, '`'); }
        hln_report__out_s(o, " | ");
        if (t) { hln_report__out_c(o, '`'); hln_report__out_md(o, t->name, strlen(t->name)); hln_report__out_c(o, '`'); }
        hln_report__out_s(o, " | ");
        if (s) hln_report__out_s(o, hln_report__dtype_name(x->a, s->dtype));
        if (s && t) hln_report__out_s(o, " -> ");
        if (t) hln_report__out_s(o, hln_report__dtype_name(x->b, t->dtype));
        hln_report__out_s(o, " | ");
        if (s) { hln_report__dims_text(sa, sizeof sa, s->dims, s->n_dims); hln_report__out_s(o, sa); }
        if (s && t) hln_report__out_s(o, " -> ");
        if (t) { hln_report__dims_text(sb, sizeof sb, t->dims, t->n_dims); hln_report__out_s(o, sb); }
        hln_report__out_s(o, " | ");
        if (s) hln_report__out_u(o, s->n_bytes);
        if (s && t) hln_report__out_s(o, " -> ");
        if (t) hln_report__out_u(o, t->n_bytes);
        hln_report__out_s(o, " |\n");
    }
    hln_report__out_s(o, "\n## Metadata\n\n| status | key |\n|---|---|\n");
    for (i = 0; i < d->n_kv; i++) {
        const hln_pair *p = &d->kv[i];
        const char *key = p->a >= 0 ? x->a->kv[p->a].key : x->b->kv[p->b].key;
        if (p->a >= 0 && p->b >= 0 && !p->changed) continue;
        hln_report__out_s(o, "| ");
        hln_report__out_s(o, hln_report__pair_status(p));
        hln_report__out_s(o, " | `");
        hln_report__out_md(o, key, strlen(key));
        hln_report__out_s(o, "` |\n");
    }
    if (d->has_lowering) hln_report__md_lowering(o, x);
    worst = hln_report__worst(x->a, d, &n_worst);
    if (worst) {
        hln_report__out_s(o, "\n## Weights (moved most first)\n\n| A | B | RMSE | max abs error | SNR dB | cosine |\n|---|---|---|---|---|---|\n");
        for (i = 0; i < n_worst; i++) {
            const hln_pair *p = &d->tensors[worst[i]];
            const hln_quant_error *w = &d->weights[worst[i]];
            char num[160];
            hln_report__out_s(o, "| `");
            hln_report__out_md(o, x->a->tensors[p->a].name, strlen(x->a->tensors[p->a].name));
            hln_report__out_s(o, "` | `");
            hln_report__out_md(o, x->b->tensors[p->b].name, strlen(x->b->tensors[p->b].name));
            if (w->snr_db < 1e308) snprintf(num, sizeof num, "` | %.4g | %.4g | %.2f | %.6f |\n", w->rmse, w->max_abs_err, w->snr_db, w->cosine);
            else snprintf(num, sizeof num, "` | %.4g | %.4g | inf | %.6f |\n", w->rmse, w->max_abs_err, w->cosine);
            hln_report__out_s(o, num);
        }
        HLN_REPORT__FREE(x->a, worst);
    }
    return hln_report__out_done(o);
}

/* One side of a side-by-side tensor row: name, dtype, shape (three cells, empty when absent). */
static void hln_report__html_tensor_side(hln_report__out *o, const hln_model *m, int32_t i) {
    char shape[256];
    if (i < 0) { hln_report__out_s(o, "<td></td><td></td><td></td>"); return; }
    hln_report__out_s(o, "<td>");
    hln_report__out_html_n(o, m->tensors[i].name, strlen(m->tensors[i].name), 120);
    hln_report__out_s(o, "</td><td>");
    hln_report__out_s(o, hln_report__dtype_name(m, m->tensors[i].dtype));
    hln_report__out_s(o, "</td><td>");
    hln_report__dims_text(shape, sizeof shape, m->tensors[i].dims, m->tensors[i].n_dims);
    hln_report__out_s(o, shape);
    hln_report__out_s(o, "</td>");
}
static const char *hln_report__row_class(const hln_pair *p) {
    return p->a < 0 ? "add" : p->b < 0 ? "del" : p->changed ? "chg" : "same";
}
/* One horizontal bar of a chart: the name right-aligned before x = L, the bar from L (len
   wide, h high, at y) filled with `fill`, and the label after its end. */
static void hln_report__label_bar(hln_report__out *o, double L, double y, double len, double h, const char *name,
                                  const char *fill, const char *label) {
    hln_report__out_s(o, "<text x=\"");
    hln_report__out_x(o, L - 6);
    hln_report__out_s(o, "\" y=\"");
    hln_report__out_x(o, y + h - 4);
    hln_report__out_s(o, "\" text-anchor=\"end\">");
    hln_report__out_html_n(o, name, strlen(name), 44);
    hln_report__out_s(o, "</text><rect x=\"");
    hln_report__out_x(o, L);
    hln_report__out_s(o, "\" y=\"");
    hln_report__out_x(o, y);
    hln_report__out_s(o, "\" width=\"");
    hln_report__out_x(o, len);
    hln_report__out_s(o, "\" height=\"");
    hln_report__out_x(o, h);
    hln_report__out_s(o, "\" fill=\"");
    hln_report__out_s(o, fill);
    hln_report__out_s(o, "\"></rect><text x=\"");
    hln_report__out_x(o, L + len + 4);
    hln_report__out_s(o, "\" y=\"");
    hln_report__out_x(o, y + h - 4);
    hln_report__out_s(o, "\">");
    hln_report__out_html(o, label);
    hln_report__out_s(o, "</text>");
}
/* Bars of the RMSE of the tensors that moved most (lowest SNR first), the SNR as the label. */
static void hln_report__html_error_bars(hln_report__out *o, const hln_report_diff_input *x) {
    const hln_diff *d = x->diff;
    uint32_t i, n_worst, shown, *worst = hln_report__worst(x->a, d, &n_worst);
    double max = 0, W = 900, L = 330, bar_h = 16;
    if (!worst) return;
    shown = n_worst < 40 ? n_worst : 40;
    for (i = 0; i < shown; i++) if (d->weights[worst[i]].rmse > max) max = d->weights[worst[i]].rmse;
    hln_report__out_s(o, "<h2>Tensors that moved most</h2><figure><figcaption>RMSE of B against A, lowest SNR first</figcaption>"
                         "<svg class=\"chart\" viewBox=\"0 0 ");
    hln_report__out_x(o, W);
    hln_report__out_c(o, ' ');
    hln_report__out_x(o, shown * (bar_h + 4) + 10);
    hln_report__out_s(o, "\">");
    for (i = 0; i < shown; i++) {
        const hln_pair *p = &d->tensors[worst[i]];
        const hln_quant_error *w = &d->weights[worst[i]];
        double y = i * (bar_h + 4) + 4, len = max > 0 ? (W - L - 150) * w->rmse / max : 0;
        char lab[64];
        if (w->snr_db < 1e308) snprintf(lab, sizeof lab, "%.3g (SNR %.1f dB)", w->rmse, w->snr_db);
        else snprintf(lab, sizeof lab, "equal");
        hln_report__label_bar(o, L, y, len, bar_h, x->a->tensors[p->a].name, "var(--c4)", lab);
    }
    hln_report__out_s(o, "</svg></figure>\n");
    HLN_REPORT__FREE(x->a, worst);
}

HLN_DEF hln_result hln_report_diff_html(const hln_report_diff_input *x, hln_write_fn write, void *user) {
    const hln_diff *d = x->diff;
    hln_report__out *o = hln_report__out_new(x->a, write, user);
    uint32_t i;
    char *text, lab[96];
    if (!o) return HLN_ERR_NOMEM;
    text = (char *)HLN_REPORT__ALLOC(x->a, 4096);
    if (!text) { hln_report__out_done(o); return HLN_ERR_NOMEM; }
    hln_report_diff_summary(x, text, 4096);
    hln_report__pair_page_open(o, "HaoLine diff");
    hln_report__out_s(o, "<p>A: <b>");
    hln_report__out_html(o, x->file_a);
    hln_report__out_s(o, "</b> (");
    hln_report__out_s(o, hln_format_name(x->a->format));
    hln_report__out_s(o, ") &middot; B: <b>");
    hln_report__out_html(o, x->file_b);
    hln_report__out_s(o, "</b> (");
    hln_report__out_s(o, hln_format_name(x->b->format));
    hln_report__out_s(o, ")</p>\n<p class=\"what\">");
    hln_report__out_html(o, text);
    HLN_REPORT__FREE(x->a, text);
    hln_report__out_s(o, "</p>\n<p><span style=\"background:rgba(22,160,70,.25)\">added</span> &middot; "
                         "<span style=\"background:rgba(214,40,60,.25)\">removed</span> &middot; "
                         "<span style=\"background:rgba(240,190,20,.3)\">changed</span></p>\n");
    if (d->weights) hln_report__html_error_bars(o, x);
    hln_report__out_s(o, "<h2>Tensors</h2><table class=\"pair\"><tr><th>A</th><th>dtype</th><th>shape</th><th class=\"gap\"></th>"
                         "<th>B</th><th>dtype</th><th>shape</th><th>matched by</th><th>SNR dB</th></tr>\n");
    for (i = 0; i < d->n_tensors; i++) {
        const hln_pair *p = &d->tensors[i];
        hln_report__out_s(o, "<tr class=\"");
        hln_report__out_s(o, hln_report__row_class(p));
        hln_report__out_s(o, "\">");
        hln_report__html_tensor_side(o, x->a, p->a);
        hln_report__out_s(o, "<td class=\"gap\"></td>");
        hln_report__html_tensor_side(o, x->b, p->b);
        hln_report__out_s(o, "<td>");
        if (p->a >= 0 && p->b >= 0) hln_report__out_s(o, hln_report__match_name(p->match));
        hln_report__out_s(o, "</td><td class=\"n\">");
        if (d->weights && d->weights[i].measured) {
            if (d->weights[i].snr_db < 1e308) hln_report__out_x(o, d->weights[i].snr_db); else hln_report__out_s(o, "equal");
        }
        hln_report__out_s(o, "</td></tr>\n");
    }
    hln_report__out_s(o, "</table>\n<h2>Metadata</h2><table class=\"pair\"><tr><th>key in A</th><th class=\"gap\"></th><th>key in B</th></tr>\n");
    for (i = 0; i < d->n_kv; i++) {
        const hln_pair *p = &d->kv[i];
        hln_report__out_s(o, "<tr class=\"");
        hln_report__out_s(o, hln_report__row_class(p));
        hln_report__out_s(o, "\"><td>");
        if (p->a >= 0) hln_report__out_html(o, x->a->kv[p->a].key);
        hln_report__out_s(o, "</td><td class=\"gap\"></td><td>");
        if (p->b >= 0) hln_report__out_html(o, x->b->kv[p->b].key);
        hln_report__out_s(o, "</td></tr>\n");
    }
    hln_report__out_s(o, "</table>\n");
    if (x->a->graph && x->b->graph) {
        hln_report__out_s(o, "<h2>Graph nodes</h2><table class=\"pair\"><tr><th>node in A</th><th>op</th><th class=\"gap\"></th>"
                             "<th>node in B</th><th>op</th><th>matched by</th></tr>\n");
        for (i = 0; i < d->n_nodes; i++) {
            const hln_pair *p = &d->nodes[i];
            hln_report__out_s(o, "<tr class=\"");
            hln_report__out_s(o, hln_report__row_class(p));
            hln_report__out_s(o, "\"><td>");
            if (p->a >= 0) { hln_report__out_html(o, hln_report__node_label(x->a->graph, p->a, lab, sizeof lab)); }
            hln_report__out_s(o, "</td><td>");
            if (p->a >= 0) hln_report__out_html(o, x->a->graph->nodes[p->a].op_type);
            hln_report__out_s(o, "</td><td class=\"gap\"></td><td>");
            if (p->b >= 0) { hln_report__out_html(o, hln_report__node_label(x->b->graph, p->b, lab, sizeof lab)); }
            hln_report__out_s(o, "</td><td>");
            if (p->b >= 0) hln_report__out_html(o, x->b->graph->nodes[p->b].op_type);
            hln_report__out_s(o, "</td><td>");
            if (p->a >= 0 && p->b >= 0) hln_report__out_s(o, hln_report__match_name(p->match));
            hln_report__out_s(o, "</td></tr>\n");
        }
        hln_report__out_s(o, "</table>\n");
    }
    return hln_report__pair_page_close(o);
}
/* ---- compare-activations HTML ---- */
static double hln_report__act_rel(double snr_db) { return snr_db >= 999 ? 0 : pow(10.0, -snr_db / 20.0); }
/* SNR to a heat colour: >= 60 dB cool green, <= 10 dB red, hsl hue in between. */
static void hln_report__act_heat(hln_report__out *o, double snr_db) {
    double t = snr_db >= 999 ? 1 : (snr_db - 10) / 50;
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    hln_report__out_s(o, "hsl(");
    hln_report__out_x(o, 120 * t);
    hln_report__out_s(o, ",70%,55%)");
}
static void hln_report__act_data(hln_report__out *o, const hln_report_activations_input *x) {
    uint32_t i, k;
    o->script = 1;
    hln_report__out_s(o, "<script type=\"application/json\" id=\"haoline-activations\">{\"a\":");
    hln_report__out_js(o, x->file_a ? x->file_a : "");
    hln_report__out_s(o, ",\"b\":");
    hln_report__out_js(o, x->file_b ? x->file_b : "");
    hln_report__out_s(o, ",\"threshold_db\":");
    hln_report__out_f(o, x->threshold_db);
    hln_report__out_s(o, ",\"layers\":[");
    for (i = 0; i < x->n_layers; i++) {
        const hln_report_act_layer *l = &x->layers[i];
        hln_report__out_s(o, i ? ",{\"a\":" : "{\"a\":");
        hln_report__out_js(o, l->name_a);
        hln_report__out_s(o, ",\"b\":");
        hln_report__out_js(o, l->name_b);
        hln_report__out_s(o, ",\"op\":");
        hln_report__out_js(o, l->op);
        hln_report__out_s(o, ",\"node\":");
        hln_report__out_i(o, l->node);
        hln_report__out_s(o, ",\"elements\":");
        hln_report__out_u(o, l->elements);
        hln_report__out_s(o, ",\"rmse\":"); hln_report__out_f(o, l->rmse);
        hln_report__out_s(o, ",\"max_abs\":"); hln_report__out_f(o, l->max_abs);
        hln_report__out_s(o, ",\"cosine\":"); hln_report__out_f(o, l->cosine);
        hln_report__out_s(o, ",\"snr_db\":"); hln_report__out_f(o, l->snr_db);
        hln_report__out_c(o, '}');
    }
    hln_report__out_s(o, "],\"first_divergent\":");
    if (x->first >= 0 && (uint32_t)x->first < x->n_layers) hln_report__out_js(o, x->layers[x->first].name_a); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\"largest_divergence\":");
    if (x->worst >= 0 && (uint32_t)x->worst < x->n_layers) hln_report__out_js(o, x->layers[x->worst].name_a); else hln_report__out_s(o, "null");
    hln_report__out_s(o, ",\"histograms\":[");
    for (i = 0; i < x->n_hists; i++) {
        const hln_report_act_hist *h = &x->hists[i];
        hln_report__out_s(o, i ? ",{\"layer\":" : "{\"layer\":");
        hln_report__out_js(o, h->layer < x->n_layers ? x->layers[h->layer].name_a : "");
        hln_report__out_s(o, ",\"lo\":"); hln_report__out_f(o, h->lo);
        hln_report__out_s(o, ",\"hi\":"); hln_report__out_f(o, h->hi);
        hln_report__out_s(o, ",\"a\":[");
        for (k = 0; k < h->n_bins; k++) { if (k) hln_report__out_c(o, ','); hln_report__out_u(o, h->a[k]); }
        hln_report__out_s(o, "],\"b\":[");
        for (k = 0; k < h->n_bins; k++) { if (k) hln_report__out_c(o, ','); hln_report__out_u(o, h->b[k]); }
        hln_report__out_s(o, "]}");
    }
    hln_report__out_s(o, "]}</script>\n");
    o->script = 0;
}
/* Bars of the relative RMSE of every aligned layer in A's order. */
static void hln_report__act_bars(hln_report__out *o, const hln_report_activations_input *x) {
    double W = 960, L = 330, bh = 14, max = hln_report__act_rel(x->threshold_db), thr;
    uint32_t i;
    char lab[96];
    for (i = 0; i < x->n_layers; i++) if (hln_report__act_rel(x->layers[i].snr_db) > max) max = hln_report__act_rel(x->layers[i].snr_db);
    thr = max > 0 ? (W - L - 170) * hln_report__act_rel(x->threshold_db) / max : 0;
    hln_report__out_s(o, "<h2>Divergence by layer</h2><figure><figcaption>RMSE / rms(A) of each aligned value, A's order; the line is the "
                         "threshold; red: the largest divergence, orange: below the threshold</figcaption><svg class=\"chart\" id=\"act-bars\" viewBox=\"0 0 ");
    hln_report__out_x(o, W);
    hln_report__out_c(o, ' ');
    hln_report__out_x(o, x->n_layers * (bh + 4) + 10);
    hln_report__out_s(o, "\">");
    for (i = 0; i < x->n_layers; i++) {
        const hln_report_act_layer *l = &x->layers[i];
        double y = i * (bh + 4) + 4, len = max > 0 ? (W - L - 170) * hln_report__act_rel(l->snr_db) / max : 0;
        if (l->snr_db >= 999) snprintf(lab, sizeof lab, "equal");
        else snprintf(lab, sizeof lab, "%.3g (SNR %.2f dB)", hln_report__act_rel(l->snr_db), l->snr_db);
        hln_report__label_bar(o, L, y, len, bh, l->name_a,
                              (int32_t)i == x->worst ? "var(--c4)" : l->snr_db < x->threshold_db ? "var(--c2)" : "var(--c0)", lab);
    }
    hln_report__out_s(o, "<line x1=\"");
    hln_report__out_x(o, L + thr);
    hln_report__out_s(o, "\" x2=\"");
    hln_report__out_x(o, L + thr);
    hln_report__out_s(o, "\" y1=\"0\" y2=\"");
    hln_report__out_x(o, x->n_layers * (bh + 4) + 8);
    hln_report__out_s(o, "\" stroke=\"currentColor\" stroke-dasharray=\"4 3\"></line></svg></figure>\n");
}
/* A's and B's histograms of one layer, overlaid (bars at half opacity). */
static void hln_report__act_hist(hln_report__out *o, const hln_report_activations_input *x, const hln_report_act_hist *h) {
    double W = 460, H = 170, top = 8, bottom = 24, max = 0, bw;
    uint32_t k;
    char lab[96];
    if (!h->n_bins || h->layer >= x->n_layers) return;
    for (k = 0; k < h->n_bins; k++) { if ((double)h->a[k] > max) max = (double)h->a[k]; if ((double)h->b[k] > max) max = (double)h->b[k]; }
    bw = W / h->n_bins;
    hln_report__out_s(o, "<figure class=\"act-hist\" style=\"width:480px;margin:0\"><figcaption>");
    hln_report__out_html_n(o, x->layers[h->layer].name_a, strlen(x->layers[h->layer].name_a), 60);
    snprintf(lab, sizeof lab, " (SNR %.2f dB): ", x->layers[h->layer].snr_db);
    hln_report__out_html(o, lab);
    hln_report__out_s(o, "<span style=\"color:var(--c0)\">A (bars)</span> vs <span style=\"color:var(--c2)\">B (outline)</span></figcaption><svg class=\"chart\" viewBox=\"0 0 ");
    hln_report__out_x(o, W);
    hln_report__out_c(o, ' ');
    hln_report__out_x(o, H);
    hln_report__out_s(o, "\">");
    for (k = 0; k < h->n_bins; k++) {   /* A: filled bars */
        double bar = max > 0 ? (H - top - bottom) * (double)h->a[k] / max : 0;
        if (!h->a[k]) continue;
        hln_report__out_s(o, "<rect x=\"");
        hln_report__out_x(o, k * bw);
        hln_report__out_s(o, "\" y=\"");
        hln_report__out_x(o, H - bottom - bar);
        hln_report__out_s(o, "\" width=\"");
        hln_report__out_x(o, bw);
        hln_report__out_s(o, "\" height=\"");
        hln_report__out_x(o, bar);
        hln_report__out_s(o, "\" fill=\"var(--c0)\" fill-opacity=\".45\"></rect>");
    }
    hln_report__out_s(o, "<path fill=\"none\" stroke=\"var(--c2)\" stroke-width=\"1.5\" d=\"M0 ");   /* B: the outline over them */
    hln_report__out_x(o, H - bottom);
    for (k = 0; k < h->n_bins; k++) {
        double y = H - bottom - (max > 0 ? (H - top - bottom) * (double)h->b[k] / max : 0);
        hln_report__out_s(o, " V");
        hln_report__out_x(o, y);
        hln_report__out_s(o, " H");
        hln_report__out_x(o, (k + 1) * bw);
    }
    hln_report__out_s(o, " V");
    hln_report__out_x(o, H - bottom);
    hln_report__out_s(o, "\"></path>");
    snprintf(lab, sizeof lab, "%.4g", h->lo);
    hln_report__out_s(o, "<text x=\"0\" y=\"");
    hln_report__out_x(o, H - 6);
    hln_report__out_s(o, "\">");
    hln_report__out_html(o, lab);
    snprintf(lab, sizeof lab, "%.4g", h->hi);
    hln_report__out_s(o, "</text><text x=\"");
    hln_report__out_x(o, W);
    hln_report__out_s(o, "\" y=\"");
    hln_report__out_x(o, H - 6);
    hln_report__out_s(o, "\" text-anchor=\"end\">");
    hln_report__out_html(o, lab);
    hln_report__out_s(o, "</text></svg></figure>\n");
}
/* A's graph in the report's layered layout, each node coloured by its value's SNR. */
static void hln_report__act_graph(hln_report__out *o, const hln_report_activations_input *x) {
    hln_report__rep r;
    hln_report_options ro;
    double *snr;
    uint32_t i, e;
    int32_t x0 = 0, x1 = 0;
    const double NW = 156, NH = 30, RH = 64;
    char lab[96];
    if (!x->a || !x->a->graph || !x->a->graph->n_nodes) return;
    if (x->a->graph->n_nodes > 4000) { hln_report__out_s(o, "<p>The graph has more than 4000 nodes: no heatmap.</p>\n"); return; }
    memset(&ro, 0, sizeof ro);
    if (hln_report__rep_init(&r, x->a, &ro) != HLN_OK || r.n_items != x->a->graph->n_nodes) { hln_report__rep_free(&r); o->nomem = 1; return; }
    snr = (double *)HLN_REPORT__ALLOC(x->a, (size_t)r.n_items * sizeof(double) + 1);
    if (!snr) { hln_report__rep_free(&r); o->nomem = 1; return; }
    for (i = 0; i < r.n_items; i++) snr[i] = -1;
    for (i = 0; i < x->n_layers; i++) {
        int32_t nd = x->layers[i].node;
        if (nd >= 0 && (uint32_t)nd < r.n_items && snr[nd] < 0) snr[nd] = x->layers[i].snr_db;
    }
    for (i = 0; i < r.n_items; i++) { if (!i || r.x[i] < x0) x0 = r.x[i]; if (!i || r.x[i] > x1) x1 = r.x[i]; }
    hln_report__out_s(o, "<h2>Divergence on the graph</h2><figure><figcaption>A's graph; colour: SNR of the node's aligned value, "
                         "red 10 dB or less, green 60 dB or more; grey: not aligned</figcaption><svg class=\"chart\" id=\"act-graph\" viewBox=\"0 0 ");
    hln_report__out_x(o, (double)(x1 - x0) + NW + 20);
    hln_report__out_c(o, ' ');
    hln_report__out_x(o, r.n_rows * RH + 20);
    hln_report__out_s(o, "\" style=\"max-width:");
    hln_report__out_x(o, (double)(x1 - x0) + NW + 20);
    hln_report__out_s(o, "px\">");
    for (e = 0; e < r.n_edges; e++) {
        uint32_t a = r.edges[2 * e], b = r.edges[2 * e + 1];
        if (a >= r.n_items || b >= r.n_items) continue;
        hln_report__out_s(o, "<line x1=\"");
        hln_report__out_x(o, r.x[a] - x0 + 10 + NW / 2);
        hln_report__out_s(o, "\" y1=\"");
        hln_report__out_x(o, r.row[a] * RH + 10 + NH);
        hln_report__out_s(o, "\" x2=\"");
        hln_report__out_x(o, r.x[b] - x0 + 10 + NW / 2);
        hln_report__out_s(o, "\" y2=\"");
        hln_report__out_x(o, r.row[b] * RH + 10);
        hln_report__out_s(o, "\" stroke=\"var(--border)\"></line>");
    }
    for (i = 0; i < r.n_items; i++) {
        const hln_node *n = &x->a->graph->nodes[i];
        hln_report__out_s(o, "<g data-node=\"");
        hln_report__out_u(o, i);
        hln_report__out_s(o, "\"><title>");
        hln_report__out_html(o, hln_report__node_label(x->a->graph, (int32_t)i, lab, sizeof lab));
        if (snr[i] >= 0) { snprintf(lab, sizeof lab, ": SNR %.2f dB", snr[i]); hln_report__out_html(o, lab); }
        hln_report__out_s(o, "</title><rect x=\"");
        hln_report__out_x(o, r.x[i] - x0 + 10);
        hln_report__out_s(o, "\" y=\"");
        hln_report__out_x(o, r.row[i] * RH + 10);
        hln_report__out_s(o, "\" width=\"156\" height=\"30\" rx=\"4\" fill=\"");
        if (snr[i] >= 0) hln_report__act_heat(o, snr[i]); else hln_report__out_s(o, "#9995");
        hln_report__out_s(o, "\"></rect><text x=\"");
        hln_report__out_x(o, r.x[i] - x0 + 10 + NW / 2);
        hln_report__out_s(o, "\" y=\"");
        hln_report__out_x(o, r.row[i] * RH + 30);
        hln_report__out_s(o, "\" text-anchor=\"middle\">");
        hln_report__out_html_n(o, n->op_type ? n->op_type : "", n->op_type ? strlen(n->op_type) : 0, 22);
        hln_report__out_s(o, "</text></g>");
    }
    hln_report__out_s(o, "</svg></figure>\n");
    HLN_REPORT__FREE(x->a, snr);
    hln_report__rep_free(&r);
}
HLN_DEF hln_result hln_report_activations_html(const hln_report_activations_input *x, hln_write_fn write, void *user) {
    hln_report__out *o = hln_report__out_new(x->a, write, user);
    uint32_t i;
    char lab[160];
    if (!o) return HLN_ERR_NOMEM;
    hln_report__pair_page_open(o, "HaoLine compare-activations");
    hln_report__out_s(o, "<p>A (reference): <b>");
    hln_report__out_html(o, x->file_a ? x->file_a : "");
    hln_report__out_s(o, x->a_bypass_qdq ? "</b> with float activations &middot; B: <b>" : "</b> &middot; B: <b>");
    hln_report__out_html(o, x->file_b ? x->file_b : "");
    snprintf(lab, sizeof lab, "</b></p>\n<p class=\"what\">%u values aligned; first below %g dB SNR: ", (unsigned)x->n_layers, x->threshold_db);
    hln_report__out_s(o, lab);
    hln_report__out_html(o, x->first >= 0 && (uint32_t)x->first < x->n_layers ? x->layers[x->first].name_a : "none");
    hln_report__out_s(o, "; largest divergence: ");
    if (x->worst >= 0 && (uint32_t)x->worst < x->n_layers) {
        hln_report__out_html(o, x->layers[x->worst].name_a);
        snprintf(lab, sizeof lab, " (%.2f dB)", x->layers[x->worst].snr_db);
        hln_report__out_html(o, lab);
    } else hln_report__out_s(o, "none");
    hln_report__out_s(o, ".</p>\n");
    hln_report__act_bars(o, x);
    if (x->n_hists) {
        hln_report__out_s(o, "<h2>Histograms: A against B</h2><div style=\"display:flex;flex-wrap:wrap;gap:12px\">\n");
        for (i = 0; i < x->n_hists; i++) hln_report__act_hist(o, x, &x->hists[i]);
        hln_report__out_s(o, "</div>\n");
    }
    hln_report__act_graph(o, x);
    hln_report__out_s(o, "<h2>Layers</h2><table class=\"pair\"><tr><th>#</th><th>value (A)</th><th>value (B)</th><th>op</th><th>aligned by</th>"
                         "<th>RMSE</th><th>max abs</th><th>cosine</th><th>SNR dB</th></tr>\n");
    for (i = 0; i < x->n_layers; i++) {
        const hln_report_act_layer *l = &x->layers[i];
        hln_report__out_s(o, l->snr_db < x->threshold_db ? "<tr class=\"chg\"><td class=\"n\">" : "<tr><td class=\"n\">");
        hln_report__out_u(o, i);
        hln_report__out_s(o, "</td><td>");
        hln_report__out_html_n(o, l->name_a, strlen(l->name_a), 120);
        hln_report__out_s(o, "</td><td>");
        hln_report__out_html_n(o, l->name_b, strlen(l->name_b), 120);
        hln_report__out_s(o, "</td><td>");
        hln_report__out_html(o, l->op);
        hln_report__out_s(o, l->by_name ? "</td><td>name</td>" : "</td><td>position</td>");
        snprintf(lab, sizeof lab, "<td class=\"n\">%.4g</td><td class=\"n\">%.4g</td><td class=\"n\">%.6f</td><td class=\"n\">%.2f</td></tr>\n",
                 l->rmse, l->max_abs, l->cosine, l->snr_db);
        hln_report__out_s(o, lab);
    }
    hln_report__out_s(o, "</table>\n");
    hln_report__act_data(o, x);
    return hln_report__pair_page_close(o);
}

HLN_DEF hln_result hln_report_json_string(const char *s, hln_write_fn write, void *user) {
    hln_report__out *o = hln_report__out_new(NULL, write, user);
    if (!o) return HLN_ERR_NOMEM;
    hln_report__out_js(o, s);
    return hln_report__out_done(o);
}
/* ---- end of compare and diff reports ---- */

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
