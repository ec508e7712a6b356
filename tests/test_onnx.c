/* tests/test_onnx.c - protobuf decoder units, ONNX reader golden tests over the corpus, bad
   files, external-data path safety, graph analysis (shapes, MACs, liveness, cycles). */
#if !defined(_WIN32) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE   /* mkdtemp, symlink, opendir in the test only */
#endif
#define HLN_FORMULA_MAX_WORK 2000   /* small, so that test_formula_work can reach it (the CLI's golden tests run the default) */
#define HAOLINE_IMPLEMENTATION
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_onnx.h"
#include "test.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <math.h>

/* ---- a tiny protobuf encoder for hand-made models ---- */
typedef struct pbuf { unsigned char *p; size_t n, cap; } pbuf;
#define PB0 { NULL, 0, 0 }

static void pb_raw(pbuf *b, const void *d, size_t n) {
    if (b->n + n > b->cap) {
        size_t c = b->cap ? b->cap : 64;
        while (c < b->n + n) c *= 2;
        b->p = (unsigned char *)realloc(b->p, c);
        b->cap = c;
    }
    if (n) memcpy(b->p + b->n, d, n);
    b->n += n;
}
static void pb_varint(pbuf *b, uint64_t v) {
    unsigned char c[10];
    size_t n = 0;
    do { c[n] = (unsigned char)(v & 0x7f); v >>= 7; if (v) c[n] |= 0x80; n++; } while (v);
    pb_raw(b, c, n);
}
static void pb_tag(pbuf *b, uint32_t field, uint32_t wire) { pb_varint(b, ((uint64_t)field << 3) | wire); }
static void pb_int(pbuf *b, uint32_t field, uint64_t v) { pb_tag(b, field, 0); pb_varint(b, v); }
static void pb_bytes(pbuf *b, uint32_t field, const void *d, size_t n) { pb_tag(b, field, 2); pb_varint(b, n); pb_raw(b, d, n); }
static void pb_str(pbuf *b, uint32_t field, const char *s) { pb_bytes(b, field, s, strlen(s)); }
static void pb_msg(pbuf *b, uint32_t field, pbuf *sub) { pb_bytes(b, field, sub->p, sub->n); free(sub->p); memset(sub, 0, sizeof *sub); }
static void pb_f32(pbuf *b, uint32_t field, float f) { uint32_t u; unsigned char c[4]; int i; memcpy(&u, &f, 4); for (i = 0; i < 4; i++) c[i] = (unsigned char)(u >> (8 * i)); pb_tag(b, field, 5); pb_raw(b, c, 4); }

/* ValueInfoProto name: FLOAT tensor with dims (negative: unknown; dim names via params) */
static void pb_value_info(pbuf *g, uint32_t field, const char *name, int elem, int rank, const int64_t *dims, const char *const *params) {
    pbuf vi = PB0, tp = PB0, tt = PB0, sh = PB0;
    int i;
    for (i = 0; i < rank; i++) {
        pbuf d = PB0;
        if (params && params[i]) pb_str(&d, 2, params[i]);
        else if (dims[i] >= 0) pb_int(&d, 1, (uint64_t)dims[i]);
        pb_msg(&sh, 1, &d);
    }
    pb_int(&tt, 1, (uint64_t)elem);
    if (rank >= 0) pb_msg(&tt, 2, &sh);
    pb_msg(&tp, 1, &tt);
    pb_str(&vi, 1, name);
    pb_msg(&vi, 2, &tp);
    pb_msg(g, field, &vi);
    free(sh.p);
}
static void pb_node(pbuf *g, const char *op, const char *in0, const char *in1, const char *out0, pbuf *attrs) {
    pbuf n = PB0;
    if (in0) pb_str(&n, 1, in0);
    if (in1) pb_str(&n, 1, in1);
    pb_str(&n, 2, out0);
    pb_str(&n, 4, op);
    if (attrs && attrs->n) pb_raw(&n, attrs->p, attrs->n);
    pb_msg(g, 1, &n);
}
static void pb_model(pbuf *m, pbuf *graph, int opset) {
    pbuf os = PB0;
    pb_int(m, 1, 8);
    pb_str(m, 2, "test");
    pb_int(&os, 2, (uint64_t)opset);
    pb_msg(m, 8, &os);
    pb_msg(m, 7, graph);
}

/* ---- a tiny JSON reader for the expected files ---- */
typedef struct jv jv;
struct jv {
    int type;   /* 0 null, 1 bool, 2 number, 3 string, 4 array, 5 object */
    double num;
    long long inum;
    int is_int;
    char *str;
    int n;
    jv *items;
    char **keys;
};

static const char *js_ws(const char *p) { while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') p++; return p; }
static void js_free(jv *v) {
    int i;
    free(v->str);
    for (i = 0; i < v->n; i++) { js_free(&v->items[i]); if (v->keys) free(v->keys[i]); }
    free(v->items);
    free(v->keys);
}
static const char *js_parse(const char *p, jv *v);
static const char *js_string(const char *p, char **out) {
    size_t cap = 16, n = 0;
    char *s = (char *)malloc(cap);
    p++;
    while (*p && *p != '"') {
        unsigned cp = (unsigned char)*p++;
        if (cp == '\\') {
            char e = *p++;
            if (e == 'n') cp = '\n'; else if (e == 't') cp = '\t'; else if (e == 'r') cp = '\r'; else if (e == 'b') cp = '\b';
            else if (e == 'f') cp = '\f';
            else if (e == 'u') { char hx[5]; memcpy(hx, p, 4); hx[4] = 0; cp = (unsigned)strtoul(hx, NULL, 16); p += 4; }
            else cp = (unsigned char)e;
            if (cp >= 0x80) {   /* UTF-8 encode (BMP only; enough for the corpus) */
                if (n + 4 >= cap) s = (char *)realloc(s, cap *= 2);
                if (cp < 0x800) { s[n++] = (char)(0xC0 | (cp >> 6)); s[n++] = (char)(0x80 | (cp & 0x3F)); }
                else { s[n++] = (char)(0xE0 | (cp >> 12)); s[n++] = (char)(0x80 | ((cp >> 6) & 0x3F)); s[n++] = (char)(0x80 | (cp & 0x3F)); }
                continue;
            }
        }
        if (n + 2 >= cap) s = (char *)realloc(s, cap *= 2);
        s[n++] = (char)cp;
    }
    s[n] = 0;
    *out = s;
    return *p ? p + 1 : p;
}
static const char *js_parse(const char *p, jv *v) {
    memset(v, 0, sizeof *v);
    p = js_ws(p);
    if (*p == '{' || *p == '[') {
        int obj = *p == '{';
        int cap = 0;
        v->type = obj ? 5 : 4;
        p = js_ws(p + 1);
        while (*p && *p != (obj ? '}' : ']')) {
            if (v->n == cap) {
                cap = cap ? cap * 2 : 8;
                v->items = (jv *)realloc(v->items, (size_t)cap * sizeof *v->items);
                if (obj) v->keys = (char **)realloc(v->keys, (size_t)cap * sizeof *v->keys);
            }
            if (obj) { p = js_string(js_ws(p), &v->keys[v->n]); p = js_ws(p); if (*p == ':') p++; }
            p = js_parse(p, &v->items[v->n]);
            v->n++;
            p = js_ws(p);
            if (*p == ',') p = js_ws(p + 1);
        }
        return *p ? p + 1 : p;
    }
    if (*p == '"') { v->type = 3; return js_string(p, &v->str); }
    if (!strncmp(p, "null", 4)) return p + 4;
    if (!strncmp(p, "true", 4)) { v->type = 1; v->num = 1; return p + 4; }
    if (!strncmp(p, "false", 5)) { v->type = 1; return p + 5; }
    {
        char *e;
        v->type = 2;
        v->num = strtod(p, &e);
        v->inum = strtoll(p, NULL, 10);
        v->is_int = strcspn(p, ".eE,}] \n") == (size_t)(e - p);
        return e;
    }
}
static const jv *js_get(const jv *o, const char *key) {
    int i;
    if (!o || o->type != 5) return NULL;
    for (i = 0; i < o->n; i++) if (!strcmp(o->keys[i], key)) return &o->items[i];
    return NULL;
}

static int64_t kv_i64(const hln_model *m, const char *key) {
    const hln_kv *kv = hln_model_find_kv(m, key);
    int64_t v;
    return kv && hln_kv_as_i64(kv, &v) ? v : -1;
}

/* ---- protobuf decoder units ---- */
static void test_varint(void) {
    uint64_t v;
    uint32_t n;
    static const unsigned char max10[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
    static const unsigned char over10[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02 };
    static const unsigned char eleven[] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 };
    static const unsigned char pad10[] = { 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 };
    static const unsigned char b300[] = { 0xac, 0x02 };
    T_EQ_U64(hln_pb_varint((const uint8_t *)"\x00", 1, &v, &n), HLN_OK); T_EQ_U64(v, 0); T_EQ_U64(n, 1);
    T_EQ_U64(hln_pb_varint((const uint8_t *)"\x7f", 1, &v, &n), HLN_OK); T_EQ_U64(v, 127);
    T_EQ_U64(hln_pb_varint(b300, 2, &v, &n), HLN_OK); T_EQ_U64(v, 300); T_EQ_U64(n, 2);
    T_EQ_U64(hln_pb_varint(max10, 10, &v, &n), HLN_OK); T_EQ_U64(v, UINT64_MAX); T_EQ_U64(n, 10);
    T_EQ_U64(hln_pb_varint(pad10, 10, &v, &n), HLN_OK); T_EQ_U64(v, 1); T_EQ_U64(n, 10);   /* non-minimal but valid */
    T_EQ_U64(hln_pb_varint(over10, 10, &v, &n), HLN_ERR_OVERFLOW);
    T_EQ_U64(hln_pb_varint(eleven, 11, &v, &n), HLN_ERR_OVERFLOW);
    T_EQ_U64(hln_pb_varint(max10, 9, &v, &n), HLN_ERR_TRUNCATED);
    T_EQ_U64(hln_pb_varint(max10, 0, &v, &n), HLN_ERR_TRUNCATED);
}

static void test_wire(void) {
    hln_pb r;
    hln_pb_field f;
    hln_error err;
    uint64_t cnt;
    /* field 1 varint 150, field 2 LEN "hi", field 3 fixed32, field 4 fixed64, then the end */
    static const unsigned char msg[] = { 0x08, 0x96, 0x01, 0x12, 0x02, 'h', 'i', 0x1d, 1, 0, 0, 0, 0x21, 2, 0, 0, 0, 0, 0, 0, 0 };
    static const unsigned char packed[] = { 0x2a, 0x04, 0x01, 0x96, 0x01, 0x05 };   /* field 5: 1, 150, 5 */
    static const unsigned char badpacked[] = { 0x2a, 0x02, 0x01, 0x96 };           /* last varint unfinished */
    r.data = msg; r.pos = 0; r.end = sizeof msg;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_OK); T_EQ_U64(f.number, 1); T_EQ_U64(f.value, 150);
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_OK); T_EQ_U64(f.number, 2); T_EQ_U64(f.len, 2); T_EQ_U64(f.data_offset, 5);
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_OK); T_EQ_U64(f.number, 3); T_EQ_U64(f.value, 1);
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_OK); T_EQ_U64(f.number, 4); T_EQ_U64(f.value, 2);
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_OK); T_EQ_U64(f.number, 0);
    /* truncated fixed and LEN fields inside a shorter parent */
    r.pos = 7; r.end = 10;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_ERR_TRUNCATED);
    r.pos = 3; r.end = 6;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_ERR_TRUNCATED);
    /* groups, wire type 7, field 0 */
    r.data = (const uint8_t *)"\x0b"; r.pos = 0; r.end = 1;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_ERR_UNSUPPORTED);
    r.data = (const uint8_t *)"\x0c"; r.pos = 0; r.end = 1;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_ERR_UNSUPPORTED);
    r.data = (const uint8_t *)"\x0f"; r.pos = 0; r.end = 1;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_ERR_SYNTAX);
    r.data = (const uint8_t *)"\x02\x00"; r.pos = 0; r.end = 2;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_ERR_SYNTAX);
    /* packed varints */
    r.data = packed; r.pos = 0; r.end = sizeof packed;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_OK);
    T_EQ_U64(hln_pb_count(&r, &f, HLN_PB_VARINT, &cnt, &err), HLN_OK); T_EQ_U64(cnt, 3);
    T_EQ_U64(hln_pb_count(&r, &f, HLN_PB_I32, &cnt, &err), HLN_OK); T_EQ_U64(cnt, 1);
    T_EQ_U64(hln_pb_count(&r, &f, HLN_PB_I64, &cnt, &err), HLN_ERR_LAYOUT);
    r.data = badpacked; r.pos = 0; r.end = sizeof badpacked;
    T_EQ_U64(hln_pb_next(&r, &f, &err), HLN_OK);
    T_EQ_U64(hln_pb_count(&r, &f, HLN_PB_VARINT, &cnt, &err), HLN_ERR_SYNTAX);
}

/* A 1-layer model: y = Relu(MatMul(x, W) + B) with W [4,3] in raw_data or float_data. */
static void build_mlp(pbuf *out, int packed, int unknown_fields) {
    pbuf g = PB0, w = PB0, bt = PB0, attrs = PB0;
    float wv[12], bv[3] = { 1, 2, 3 };
    int64_t xd[2] = { -1, 4 }, yd[2] = { -1, 3 };
    const char *xp[2] = { "N", NULL };
    int i;
    for (i = 0; i < 12; i++) wv[i] = (float)i;
    if (packed) { pbuf d = PB0; pb_varint(&d, 4); pb_varint(&d, 3); pb_bytes(&w, 1, d.p, d.n); free(d.p); }
    else { pb_int(&w, 1, 4); pb_int(&w, 1, 3); }
    pb_int(&w, 2, 1);
    pb_str(&w, 8, "W");
    if (unknown_fields) { pb_int(&w, 99, 7); pb_tag(&w, 98, 1); pb_raw(&w, "12345678", 8); pb_f32(&w, 97, 1.5f); pb_str(&w, 96, "junk"); }
    if (packed) {
        unsigned char wb[sizeof wv];
        for (i = 0; i < (int)sizeof wb; i++) { uint32_t u; memcpy(&u, &wv[i / 4], 4); wb[i] = (unsigned char)(u >> (8 * (i % 4))); }
        pb_bytes(&w, 9, wb, sizeof wb);   /* raw_data: little-endian bytes on any host */
    } else {
        for (i = 0; i < 12; i++) pb_f32(&w, 4, wv[i]);   /* unpacked float_data */
    }
    pb_int(&bt, 1, 3);
    pb_int(&bt, 2, 1);
    pb_str(&bt, 8, "B");
    { pbuf d = PB0; for (i = 0; i < 3; i++) { uint32_t u; unsigned char c[4]; int k; memcpy(&u, &bv[i], 4); for (k = 0; k < 4; k++) c[k] = (unsigned char)(u >> (8 * k)); pb_raw(&d, c, 4); } pb_bytes(&bt, 4, d.p, d.n); free(d.p); }
    pb_node(&g, "Relu", "h2", NULL, "y", NULL);   /* reverse topological order on purpose */
    pb_node(&g, "Add", "h1", "B", "h2", NULL);
    if (unknown_fields) { pb_int(&attrs, 42, 1); }
    pb_node(&g, "MatMul", "x", "W", "h1", &attrs);
    free(attrs.p);
    pb_str(&g, 2, "mlp");
    pb_msg(&g, 5, &w);
    pb_msg(&g, 5, &bt);
    pb_value_info(&g, 11, "x", 1, 2, xd, xp);
    pb_value_info(&g, 12, "y", 1, 2, yd, xp);
    if (unknown_fields) { pb_int(&g, 77, 5); pb_str(&g, 78, "x"); }
    pb_model(out, &g, 13);
    if (unknown_fields) { pb_int(out, 100, 1); pb_tag(out, 101, 5); pb_raw(out, "abcd", 4); }
}

static void test_handmade(void) {
    int variant;
    for (variant = 0; variant < 3; variant++) {
        pbuf b = PB0;
        hln_model *m = NULL;
        hln_error err;
        hln_onnx_options opts;
        hln_graph_summary s;
        hln_graph_options go;
        hln_binding bind = { "N", 2 };
        memset(&opts, 0, sizeof opts);
        build_mlp(&b, variant != 1, variant == 2);
        T_EQ_U64(hln_onnx_parse(&opts, b.p, b.n, &m, &err), HLN_OK);
        if (!m) { fprintf(stderr, "  %s: %s\n", err.path, err.message); free(b.p); continue; }
        T_EQ_U64(m->n_tensors, 2);
        T_EQ_U64(m->tensors[0].n_elements, 12);
        T_CHECK(m->tensors[0].data != NULL);
        if (m->tensors[0].data) {
            T_CHECK(t_le_f32((const unsigned char *)m->tensors[0].data + 4 * 5) == 5.0f);
        }
        T_EQ_U64(m->graph->n_nodes, 3);
        memset(&go, 0, sizeof go);
        go.bindings = &bind;
        go.n_bindings = 1;
        T_EQ_U64(hln_graph_analyze(m, &go, &s, &err), HLN_OK);
        T_EQ_U64(s.macs, 2 * 4 * 3);
        T_CHECK(s.macs_exact);
        T_EQ_U64(s.initializer_params, 15);
        {   /* y inferred [2,3] */
            const hln_value *y = &m->graph->values[m->graph->outputs[0]];
            T_EQ_I64(y->inferred.rank, 2);
            if (y->inferred.rank == 2) { T_EQ_I64(y->inferred.dims[0].value, 2); T_EQ_I64(y->inferred.dims[1].value, 3); }
        }
        T_EQ_U64(m->graph->order[0], 2);   /* MatMul first */
        /* unbound, no defaults: symbolic, inexact, unresolved "N" */
        memset(&go, 0, sizeof go);
        go.no_defaults = 1;
        T_EQ_U64(hln_graph_analyze(m, &go, &s, &err), HLN_OK);
        T_CHECK(!s.macs_exact);
        T_CHECK(!s.formula_exact);
        T_EQ_U64(s.n_unresolved, 1);
        if (s.n_unresolved) T_EQ_STR(s.unresolved[0], "N");
        T_EQ_STR(m->graph->values[m->graph->outputs[0]].inferred.dims[0].param, "N");
        /* unbound with the defaults: N is a batch (1), costs exact at it, the shapes keep "N",
           and the formula is 12 N */
        T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_OK);
        T_CHECK(s.macs_exact);
        T_EQ_U64(s.macs, 4 * 3);
        T_EQ_U64(s.n_dims, 1);
        if (s.n_dims) { T_EQ_STR(s.dims[0].name, "N"); T_EQ_I64(s.dims[0].value, 1); T_EQ_U64(s.dims[0].source, HLN_DIM_BATCH); }
        T_EQ_STR(m->graph->values[m->graph->outputs[0]].inferred.dims[0].param, "N");
        T_CHECK(s.formula_exact);
        T_EQ_U64(s.n_formula_dims, 1);
        T_EQ_U64(s.n_macs_terms, 1);
        if (s.n_macs_terms) { T_CHECK(s.macs_formula[0].coef == 12.0); T_EQ_U64(s.macs_formula[0].powers[0], 1); }
        {   /* bindings the model refuses: a name it lacks (the message lists its dims), 0, an overflow */
            hln_binding bad[3] = { { "seq", 4 }, { "N", 0 }, { "N", INT64_MAX } };
            int k;
            for (k = 0; k < 3; k++) {
                memset(&go, 0, sizeof go);
                go.bindings = &bad[k];
                go.n_bindings = 1;
                T_EQ_U64(hln_graph_analyze(m, &go, &s, &err), HLN_ERR_ARG);
                if (k == 0) T_CHECKF(strstr(err.message, "its dims: N") != NULL, "message '%s'", err.message);
            }
        }
        hln_model_free(m);
        /* every truncation fails cleanly or parses (a protobuf prefix can be valid) */
        {
            size_t cut;
            for (cut = 0; cut < b.n; cut++) {
                unsigned char *c = (unsigned char *)malloc(cut ? cut : 1);
                if (cut) memcpy(c, b.p, cut);
                if (hln_onnx_parse(&opts, c, cut, &m, &err) == HLN_OK) {
                    T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err) <= HLN_RESULT_COUNT, 1);
                    hln_model_free(m);
                } else {
                    T_CHECK(m == NULL);
                    T_CHECK(err.message[0] != 0);
                }
                free(c);
            }
        }
        free(b.p);
    }
}

/* A negative dim_value in any type (graph input, output, value_info) is refused with the
   field path; the spec's dims are >= 0 and an unknown one is a dim_param or nothing. */
static void test_negative_dims(void) {
    static const uint32_t fields[3] = { 11, 12, 13 };
    static const char *const where[3] = { "graph.input[0]", "graph.output[0]", "graph.value_info[0]" };
    int k;
    for (k = 0; k < 3; k++) {
        pbuf g = PB0, b = PB0, vi = PB0, tp = PB0, tt = PB0, sh = PB0, d0 = PB0, d1 = PB0;
        hln_model *m = NULL;
        hln_error err;
        pb_node(&g, "Relu", "x", NULL, "y", NULL);
        pb_int(&d0, 1, 2);
        pb_int(&d1, 1, (uint64_t)(int64_t)-3);   /* a 10-byte varint */
        pb_msg(&sh, 1, &d0);
        pb_msg(&sh, 1, &d1);
        pb_int(&tt, 1, 1);
        pb_msg(&tt, 2, &sh);
        pb_msg(&tp, 1, &tt);
        pb_str(&vi, 1, k == 1 ? "y" : "x");
        pb_msg(&vi, 2, &tp);
        pb_msg(&g, fields[k], &vi);
        pb_model(&b, &g, 13);
        T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_ERR_RANGE);
        T_CHECKF(strstr(err.path, where[k]) != NULL && strstr(err.path, "shape.dim[1]") != NULL, "path %s", err.path);
        T_CHECKF(strstr(err.message, "negative (-3)") != NULL, "%s", err.message);
        hln_model_free(m);
        free(b.p);
    }
}

static void test_cycle(void) {
    pbuf g = PB0, b = PB0;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary s;
    int64_t d[1] = { 4 };
    pb_node(&g, "Add", "x", "b", "a", NULL);
    pb_node(&g, "Relu", "a", NULL, "b", NULL);
    pb_value_info(&g, 11, "x", 1, 1, d, NULL);
    pb_model(&b, &g, 13);
    T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_OK);
    if (m) {
        T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_ERR_LAYOUT);
        T_CHECK(strstr(err.message, "cycle") != NULL);
        hln_model_free(m);
    }
    free(b.p);
}

/* Shapes and MACs of individual ops, each in a one-node model. */
typedef struct op_case {
    const char *op;
    int n_in;
    int64_t in_dims[3][5];
    int in_rank[3];
    int64_t macs;
    int out_rank;
    int64_t out[5];
} op_case;

static void add_ints_attr(pbuf *a, const char *name, const int64_t *v, int n) {
    pbuf at = PB0;
    int i;
    pb_str(&at, 1, name);
    for (i = 0; i < n; i++) pb_int(&at, 8, (uint64_t)v[i]);
    pb_int(&at, 20, 7);
    pb_msg(a, 5, &at);
}
static void add_int_attr(pbuf *a, const char *name, int64_t v) {
    pbuf at = PB0;
    pb_str(&at, 1, name);
    pb_int(&at, 3, (uint64_t)v);
    pb_int(&at, 20, 2);
    pb_msg(a, 5, &at);
}

static int run_one(const char *op, int n_in, int64_t dims[][5], const int *ranks, pbuf *attrs,
                   uint64_t *macs, hln_shape *out_shape, hln_model **keep) {
    pbuf g = PB0, b = PB0, n = PB0;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary s;
    int i;
    static const char *names[3] = { "a", "b", "c" };
    for (i = 0; i < n_in; i++) pb_str(&n, 1, names[i]);
    pb_str(&n, 2, "y");
    pb_str(&n, 4, op);
    if (attrs && attrs->n) pb_raw(&n, attrs->p, attrs->n);
    pb_msg(&g, 1, &n);
    for (i = 0; i < n_in; i++) pb_value_info(&g, 11, names[i], 1, ranks[i], dims[i], NULL);
    pb_model(&b, &g, 17);
    if (hln_onnx_parse(NULL, b.p, b.n, &m, &err) != HLN_OK) { free(b.p); return 0; }
    free(b.p);
    if (hln_graph_analyze(m, NULL, &s, &err) != HLN_OK) { hln_model_free(m); return 0; }
    *macs = s.macs;
    *out_shape = m->graph->values[m->graph->nodes[0].outputs[0]].inferred;
    *keep = m;
    return 1;
}

static void check_op(const char *op, int n_in, int64_t dims[][5], const int *ranks, pbuf *attrs,
                     uint64_t want_macs, int want_rank, const int64_t *want) {
    uint64_t macs = 0;
    hln_shape s;
    hln_model *m = NULL;
    int i;
    T_CHECKF(run_one(op, n_in, dims, ranks, attrs, &macs, &s, &m), "%s did not analyse", op);
    if (!m) return;
    T_CHECKF(macs == want_macs, "%s macs %llu != %llu", op, (unsigned long long)macs, (unsigned long long)want_macs);
    T_CHECKF(s.rank == want_rank, "%s rank %d != %d", op, s.rank, want_rank);
    for (i = 0; i < want_rank && i < s.rank; i++)
        T_CHECKF(s.dims[i].value == want[i], "%s dim %d: %lld != %lld", op, i, (long long)s.dims[i].value, (long long)want[i]);
    hln_model_free(m);
    if (attrs) { free(attrs->p); memset(attrs, 0, sizeof *attrs); }
}

static void test_ops(void) {
    pbuf a = PB0;
    {   /* grouped, strided, padded, dilated conv 2-D */
        int64_t d[2][5] = { { 1, 8, 32, 32 }, { 16, 2, 3, 3 } }, st[2] = { 2, 2 }, pd[4] = { 1, 1, 1, 1 }, out[4] = { 1, 16, 16, 16 };
        int r[2] = { 4, 4 };
        add_ints_attr(&a, "strides", st, 2); add_ints_attr(&a, "pads", pd, 4); add_int_attr(&a, "group", 4);
        check_op("Conv", 2, d, r, &a, 16ull * 16 * 16 * 2 * 9, 4, out);
    }
    {   /* depthwise conv, SAME_UPPER */
        int64_t d[2][5] = { { 1, 8, 15, 15 }, { 8, 1, 3, 3 } }, st[2] = { 2, 2 }, out[4] = { 1, 8, 8, 8 };
        int r[2] = { 4, 4 };
        pbuf at = PB0;
        add_ints_attr(&a, "strides", st, 2); add_int_attr(&a, "group", 8);
        pb_str(&at, 1, "auto_pad"); pb_str(&at, 4, "SAME_UPPER"); pb_int(&at, 20, 3); pb_msg(&a, 5, &at);
        check_op("Conv", 2, d, r, &a, 8ull * 64 * 9, 4, out);
    }
    {   /* Conv3D */
        int64_t d[2][5] = { { 1, 2, 8, 16, 16 }, { 4, 2, 3, 3, 3 } }, pd[6] = { 1, 1, 1, 1, 1, 1 }, out[5] = { 1, 4, 8, 16, 16 };
        int r[2] = { 5, 5 };
        add_ints_attr(&a, "pads", pd, 6);
        check_op("Conv", 2, d, r, &a, 4ull * 8 * 16 * 16 * 2 * 27, 5, out);
    }
    {   /* ConvTranspose with output_padding and groups */
        int64_t d[2][5] = { { 1, 4, 5, 5 }, { 4, 3, 3, 3 } }, st[2] = { 2, 2 }, pd[4] = { 1, 1, 1, 1 }, op[2] = { 1, 1 }, out[4] = { 1, 6, 10, 10 };
        int r[2] = { 4, 4 };
        add_ints_attr(&a, "strides", st, 2); add_ints_attr(&a, "pads", pd, 4); add_ints_attr(&a, "output_padding", op, 2);
        add_int_attr(&a, "group", 2);
        check_op("ConvTranspose", 2, d, r, &a, 4ull * 25 * 3 * 9, 4, out);
    }
    {   /* Gemm transB */
        int64_t d[2][5] = { { 2, 8 }, { 5, 8 } }, out[2] = { 2, 5 };
        int r[2] = { 2, 2 };
        add_int_attr(&a, "transB", 1);
        check_op("Gemm", 2, d, r, &a, 80, 2, out);
    }
    {   /* Gemm transA */
        int64_t d[2][5] = { { 8, 2 }, { 8, 5 } }, out[2] = { 2, 5 };
        int r[2] = { 2, 2 };
        add_int_attr(&a, "transA", 1);
        check_op("Gemm", 2, d, r, &a, 80, 2, out);
    }
    {   /* batched broadcasting MatMul: [2,1,4,8] x [3,8,5] -> [2,3,4,5] */
        int64_t d[2][5] = { { 2, 1, 4, 8 }, { 3, 8, 5 } }, out[4] = { 2, 3, 4, 5 };
        int r[2] = { 4, 3 };
        check_op("MatMul", 2, d, r, NULL, 6ull * 4 * 5 * 8, 4, out);
    }
    {   /* MatMul vector */
        int64_t d[2][5] = { { 8 }, { 8, 5 } }, out[1] = { 5 };
        int r[2] = { 1, 2 };
        check_op("MatMul", 2, d, r, NULL, 40, 1, out);
    }
    {   /* MaxPool ceil_mode */
        int64_t d[1][5] = { { 1, 3, 112, 112 } }, k[2] = { 3, 3 }, st[2] = { 2, 2 }, out[4] = { 1, 3, 56, 56 };
        int r[1] = { 4 };
        add_ints_attr(&a, "kernel_shape", k, 2); add_ints_attr(&a, "strides", st, 2); add_int_attr(&a, "ceil_mode", 1);
        check_op("MaxPool", 1, d, r, &a, 0, 4, out);
    }
    {   /* Transpose, Flatten, Softmax */
        int64_t d[1][5] = { { 2, 3, 4 } }, p[3] = { 2, 0, 1 }, out[3] = { 4, 2, 3 }, fo[2] = { 6, 4 };
        int r[1] = { 3 };
        add_ints_attr(&a, "perm", p, 3);
        check_op("Transpose", 1, d, r, &a, 0, 3, out);
        add_int_attr(&a, "axis", 2);
        check_op("Flatten", 1, d, r, &a, 0, 2, fo);
        check_op("Softmax", 1, d, r, NULL, 0, 3, d[0]);
    }
    {   /* Unsqueeze/Squeeze attribute form, ReduceMean keepdims=0 */
        int64_t d[1][5] = { { 2, 1, 4 } }, ax[2] = { 0, 3 }, uo[5] = { 1, 2, 1, 1, 4 }, so[2] = { 2, 4 }, ra[1] = { -1 }, ro[2] = { 2, 1 };
        int r[1] = { 3 };
        add_ints_attr(&a, "axes", ax, 2);
        check_op("Unsqueeze", 1, d, r, &a, 0, 5, uo);
        check_op("Squeeze", 1, d, r, NULL, 0, 2, so);
        add_ints_attr(&a, "axes", ra, 1); add_int_attr(&a, "keepdims", 0);
        check_op("ReduceMean", 1, d, r, &a, 0, 2, ro);
    }
    {   /* LSTM bidirectional: S=5, B=2, I=3, H=4 */
        int64_t d[3][5] = { { 5, 2, 3 }, { 2, 16, 3 }, { 2, 16, 4 } }, out[4] = { 5, 2, 2, 4 };
        int r[3] = { 3, 3, 3 };
        pbuf at = PB0;
        pb_str(&at, 1, "direction"); pb_str(&at, 4, "bidirectional"); pb_int(&at, 20, 3); pb_msg(&a, 5, &at);
        add_int_attr(&a, "hidden_size", 4);
        check_op("LSTM", 3, d, r, &a, 5ull * 2 * 2 * 4 * 4 * (3 + 4), 4, out);
    }
    {   /* GRU forward */
        int64_t d[3][5] = { { 7, 1, 6 }, { 1, 15, 6 }, { 1, 15, 5 } }, out[4] = { 7, 1, 1, 5 };
        int r[3] = { 3, 3, 3 };
        check_op("GRU", 3, d, r, NULL, 7ull * 3 * 5 * (6 + 5), 4, out);
    }
    {   /* Einsum batched matmul */
        int64_t d[2][5] = { { 2, 3, 4 }, { 2, 4, 5 } }, out[3] = { 2, 3, 5 };
        int r[2] = { 3, 3 };
        pbuf at = PB0;
        pb_str(&at, 1, "equation"); pb_str(&at, 4, "bij,bjk->bik"); pb_int(&at, 20, 3); pb_msg(&a, 5, &at);
        check_op("Einsum", 2, d, r, &a, 2ull * 3 * 4 * 5, 3, out);
    }
    {   /* broadcasting Add */
        int64_t d[2][5] = { { 4, 1, 3 }, { 5, 1 } }, out[3] = { 4, 5, 3 };
        int r[2] = { 3, 2 };
        check_op("Add", 2, d, r, NULL, 0, 3, out);
    }
}

/* Shape -> Gather -> Unsqueeze -> Concat -> Reshape folding, symbolic batch kept by name. */
static void test_shape_chain(void) {
    pbuf g = PB0, b = PB0, t = PB0, attrs = PB0;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary s;
    int64_t xd[3] = { -1, 8, 6 };
    const char *xp[3] = { "batch", NULL, NULL };
    int64_t zero = 0, ax0 = 0;
    /* constants: idx0 = 0 (scalar int64), tail = [-1, 2, 3] */
    pbuf n = PB0, at = PB0, ct = PB0;
    pb_int(&ct, 2, 7); pb_tag(&ct, 7, 0); pb_varint(&ct, (uint64_t)zero);
    pb_str(&at, 1, "value"); pb_msg(&at, 5, &ct); pb_int(&at, 20, 4);
    pb_str(&n, 2, "idx0"); pb_str(&n, 4, "Constant"); pb_msg(&n, 5, &at);
    pb_msg(&g, 1, &n);
    pb_int(&t, 1, 3); pb_int(&t, 2, 7); pb_str(&t, 8, "tail");
    { pbuf d = PB0; pb_varint(&d, (uint64_t)-1); pb_varint(&d, 2); pb_varint(&d, 4); pb_bytes(&t, 7, d.p, d.n); free(d.p); }
    pb_msg(&g, 5, &t);
    pb_node(&g, "Shape", "x", NULL, "shp", NULL);
    pb_node(&g, "Gather", "shp", "idx0", "b0", NULL);
    add_ints_attr(&attrs, "axes", &ax0, 1);
    pb_node(&g, "Unsqueeze", "b0", NULL, "b1", &attrs);
    free(attrs.p); memset(&attrs, 0, sizeof attrs);
    add_int_attr(&attrs, "axis", 0);
    {   /* Concat(b1, tail) */
        pbuf c = PB0;
        pb_str(&c, 1, "b1"); pb_str(&c, 1, "tail"); pb_str(&c, 2, "newshape"); pb_str(&c, 4, "Concat");
        pb_raw(&c, attrs.p, attrs.n);
        pb_msg(&g, 1, &c);
    }
    free(attrs.p);
    pb_node(&g, "Reshape", "x", "newshape", "y", NULL);
    pb_value_info(&g, 11, "x", 1, 3, xd, xp);
    pb_str(&g, 2, "chain");
    {   /* y is a graph output without a declared shape */
        pbuf vi = PB0;
        pb_str(&vi, 1, "y");
        pb_msg(&g, 12, &vi);
    }
    pb_model(&b, &g, 13);
    T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_OK);
    if (m) {
        const hln_value *y;
        T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_OK);
        y = &m->graph->values[m->graph->outputs[0]];
        T_EQ_I64(y->inferred.rank, 4);
        if (y->inferred.rank == 4) {
            T_EQ_STR(y->inferred.dims[0].param, "batch");
            T_EQ_I64(y->inferred.dims[1].value, 6);   /* -1: 48 / (2*4) */
            T_EQ_I64(y->inferred.dims[2].value, 2);
            T_EQ_I64(y->inferred.dims[3].value, 4);
        }
        T_EQ_U64(s.constant_nodes, 1);
        T_EQ_U64(s.constant_params, 1);
        T_EQ_U64(s.constant_bytes, 8);
        hln_model_free(m);
    }
    free(b.p);
}


/* Loop (constant and unknown trip count) and If (larger branch) costs. */
static void add_graph_attr(pbuf *a, const char *name, pbuf *graph) {
    pbuf at = PB0;
    pb_str(&at, 1, name);
    pb_msg(&at, 6, graph);
    pb_int(&at, 20, 5);
    pb_msg(a, 5, &at);
}
/* If(c) -> y: then_op(a, b) -> y_then in then_g (which may hold initializers already),
   Identity(else_in) -> y_else. */
static void pb_if(pbuf *g, pbuf *then_g, const char *then_op, const char *a, const char *b, const char *else_in,
                  int rank, const int64_t *dims) {
    pbuf else_g = PB0, attrs = PB0;
    pb_node(then_g, then_op, a, b, "y_then", NULL);
    pb_value_info(then_g, 12, "y_then", 1, rank, dims, NULL);
    pb_str(then_g, 2, "then");
    pb_node(&else_g, "Identity", else_in, NULL, "y_else", NULL);
    pb_value_info(&else_g, 12, "y_else", 1, rank, dims, NULL);
    pb_str(&else_g, 2, "else");
    add_graph_attr(&attrs, "then_branch", then_g);
    add_graph_attr(&attrs, "else_branch", &else_g);
    pb_node(g, "If", "c", NULL, "y", &attrs);
    free(attrs.p);
}
static void build_control(pbuf *out, int known_trip, int use_if) {
    pbuf g = PB0, body = PB0, attrs = PB0, w = PB0, t = PB0, n = PB0;
    int64_t d14[2] = { 1, 4 }, d0[1] = { 0 };
    float wv[16];
    int i;
    for (i = 0; i < 16; i++) wv[i] = 1.0f;
    pb_int(&w, 1, 4); pb_int(&w, 1, 4); pb_int(&w, 2, 1); pb_str(&w, 8, "W"); pb_bytes(&w, 9, wv, sizeof wv);
    pb_msg(&g, 5, &w);
    if (use_if) {
        pb_if(&g, &body, "MatMul", "x", "W", "x", 2, d14);   /* captures x and W from the main graph */
        pb_value_info(&g, 11, "c", 9, 0, d0, NULL);
    } else {
        if (known_trip) { pb_int(&t, 2, 7); pb_str(&t, 8, "M"); pb_tag(&t, 7, 0); pb_varint(&t, 5); pb_msg(&g, 5, &t); }
        pb_value_info(&body, 11, "i", 7, 0, d0, NULL);
        pb_value_info(&body, 11, "cond_in", 9, 0, d0, NULL);
        pb_value_info(&body, 11, "xc", 1, 2, d14, NULL);
        pb_node(&body, "Identity", "cond_in", NULL, "cond_out", NULL);
        pb_node(&body, "MatMul", "xc", "W", "xn", NULL);
        pb_value_info(&body, 12, "cond_out", 9, 0, d0, NULL);
        pb_value_info(&body, 12, "xn", 1, 2, d14, NULL);
        pb_str(&body, 2, "body");
        add_graph_attr(&attrs, "body", &body);
        pb_str(&n, 1, "M"); pb_str(&n, 1, ""); pb_str(&n, 1, "x"); pb_str(&n, 2, "y"); pb_str(&n, 4, "Loop");
        pb_raw(&n, attrs.p, attrs.n);
        pb_msg(&g, 1, &n);
        if (!known_trip) pb_value_info(&g, 11, "M", 7, 0, d0, NULL);
    }
    free(attrs.p);
    pb_value_info(&g, 11, "x", 1, 2, d14, NULL);
    pb_value_info(&g, 12, "y", 1, 2, d14, NULL);
    pb_model(out, &g, 16);
}

static void test_control_flow(void) {
    int v;
    for (v = 0; v < 3; v++) {
        pbuf b = PB0;
        hln_model *m = NULL;
        hln_error err;
        hln_graph_summary s;
        build_control(&b, v == 0, v == 2);
        T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_OK);
        free(b.p);
        if (!m) { fprintf(stderr, "  %s\n", err.message); continue; }
        T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_OK);
        T_EQ_U64(s.subgraphs, v == 2 ? 2 : 1);
        T_EQ_U64(s.max_subgraph_depth, 1);
        T_EQ_U64(s.nodes_all, v == 2 ? 3 : 3);
        if (v == 0) { T_EQ_U64(s.macs, 5 * 16); T_CHECK(s.macs_exact); T_EQ_I64(m->graph->nodes[0].trip_count, 5); }
        if (v == 1) { T_EQ_U64(s.macs, 16); T_CHECK(!s.macs_exact); T_EQ_I64(m->graph->nodes[0].trip_count, -1); }
        if (v == 2) {
            const hln_node *n = &m->graph->nodes[0];
            T_EQ_U64(s.macs, 16);
            T_CHECK(s.macs_exact);
            T_EQ_U64(n->attrs[0].graphs[0]->macs, 16);   /* then */
            T_EQ_U64(n->attrs[1].graphs[0]->macs, 0);    /* else */
            T_CHECK(n->attrs[0].graphs[0]->parent == m->graph);
            T_CHECK(n->attrs[0].graphs[0]->values[n->attrs[0].graphs[0]->nodes[0].inputs[1]].outer >= 0);   /* W captured */
        }
        {   /* the output shape comes through the subgraph */
            const hln_value *y = &m->graph->values[m->graph->outputs[0]];
            T_EQ_I64(y->inferred.rank, 2);
        }
        hln_model_free(m);
    }
}


/* ---- one node of any op, inputs a..f (FLOAT, dims; rank -1 = no shape), outputs y0..y3 ---- */
static hln_model *run_node_named(const char *op, const char *domain, int n_in, int64_t dims[][5], const char *params[][5],
                                 const int *ranks, int n_out, pbuf *attrs, const hln_graph_options *go) {
    pbuf g = PB0, b = PB0, n = PB0;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary s;
    static const char *in[6] = { "a", "b", "c", "d", "e", "f" }, *out[4] = { "y0", "y1", "y2", "y3" };
    int i;
    for (i = 0; i < n_in; i++) pb_str(&n, 1, in[i]);
    for (i = 0; i < n_out; i++) pb_str(&n, 2, out[i]);
    pb_str(&n, 4, op);
    if (domain) pb_str(&n, 7, domain);
    if (attrs && attrs->n) pb_raw(&n, attrs->p, attrs->n);
    pb_msg(&g, 1, &n);
    for (i = 0; i < n_in; i++) pb_value_info(&g, 11, in[i], 1, ranks[i], dims[i], params ? params[i] : NULL);
    pb_model(&b, &g, 17);
    if (attrs) { free(attrs->p); memset(attrs, 0, sizeof *attrs); }
    if (hln_onnx_parse(NULL, b.p, b.n, &m, &err) != HLN_OK) { free(b.p); return NULL; }
    free(b.p);
    if (hln_graph_analyze(m, go, &s, &err) != HLN_OK) { hln_model_free(m); return NULL; }
    return m;
}

static hln_model *run_node(const char *op, const char *domain, int n_in, int64_t dims[][5], const int *ranks, int n_out,
                           pbuf *attrs, const hln_graph_options *go) {
    return run_node_named(op, domain, n_in, dims, NULL, ranks, n_out, attrs, go);
}

/* Output k of node 0 has rank want_rank and dims want (-1: must be unknown). */
static void check_out(const char *what, const hln_model *m, uint32_t k, int want_rank, const int64_t *want) {
    const hln_shape *s;
    int i;
    T_CHECKF(m != NULL, "%s did not analyse", what);
    if (!m) return;
    s = &m->graph->values[m->graph->nodes[0].outputs[k]].inferred;
    T_CHECKF(s->rank == want_rank, "%s output %u rank %d != %d", what, k, s->rank, want_rank);
    for (i = 0; i < want_rank && i < s->rank; i++)
        T_CHECKF(want[i] < 0 ? s->dims[i].value < 0 : s->dims[i].value == want[i], "%s output %u dim %d: %lld, want %lld",
                 what, k, i, (long long)s->dims[i].value, (long long)want[i]);
}
#define NODE_CHECK(what, m, k, rank, ...) do { const int64_t w_[] = { __VA_ARGS__ }; check_out(what, m, k, rank, w_); } while (0)

static void add_str_attr(pbuf *a, const char *name, const char *v) {
    pbuf at = PB0;
    pb_str(&at, 1, name);
    pb_str(&at, 4, v);
    pb_int(&at, 20, 3);
    pb_msg(a, 5, &at);
}

/* The shape rules: exact, or unknown, never guessed (docs/costs.md). */
static void test_shape_rules(void) {
    pbuf a = PB0;
    hln_model *m;
    {   /* Split-13 with runtime sizes: unknown, not equal halves; one part is the whole axis */
        int64_t d[2][5] = { { 6 }, { 2 } };
        int r[2] = { 1, 1 };
        m = run_node("Split", NULL, 2, d, r, 2, NULL, NULL);
        NODE_CHECK("Split runtime", m, 0, 1, -1);
        NODE_CHECK("Split runtime", m, 1, 1, -1);
        hln_model_free(m);
        m = run_node("Split", NULL, 2, d, r, 1, NULL, NULL);
        NODE_CHECK("Split one part", m, 0, 1, 6);
        hln_model_free(m);
    }
    {   /* Expand/Tile with runtime shapes of known length keep the rank and what broadcasting fixes */
        int64_t d[2][5] = { { 3, 1 }, { 3 } }, d2[2][5] = { { 1, 3, 1 }, { 2 } }, t[2][5] = { { 2, 3 }, { 2 } };
        int r[2] = { 2, 1 }, r2[2] = { 3, 1 };
        m = run_node("Expand", NULL, 2, d, r, 1, NULL, NULL);
        NODE_CHECK("Expand runtime", m, 0, 3, -1, 3, -1);
        hln_model_free(m);
        m = run_node("Expand", NULL, 2, d2, r2, 1, NULL, NULL);
        NODE_CHECK("Expand runtime, shorter shape", m, 0, 3, 1, 3, -1);
        hln_model_free(m);
        m = run_node("Tile", NULL, 2, t, r, 1, NULL, NULL);
        NODE_CHECK("Tile runtime", m, 0, 2, -1, -1);
        hln_model_free(m);
    }
    {   /* losses: per element with reduction "none", else a scalar; SCE's log_prob like the scores */
        int64_t d[2][5] = { { 3, 5, 2 }, { 3, 2 } };
        int r[2] = { 3, 2 };
        add_str_attr(&a, "reduction", "none");
        m = run_node("NegativeLogLikelihoodLoss", NULL, 2, d, r, 1, &a, NULL);
        NODE_CHECK("NLL none", m, 0, 2, 3, 2);
        hln_model_free(m);
        m = run_node("SoftmaxCrossEntropyLoss", NULL, 2, d, r, 2, NULL, NULL);
        NODE_CHECK("SCE mean", m, 0, 0, 0);
        NODE_CHECK("SCE log_prob", m, 1, 3, 3, 5, 2);
        hln_model_free(m);
    }
    {   /* GridSample, Det, DFT, TfIdfVectorizer, BatchNormalization in training mode */
        int64_t gs[2][5] = { { 1, 1, 4, 4 }, { 1, 6, 5, 2 } }, det[1][5] = { { 3, 2, 2 } }, dft[1][5] = { { 1, 10, 10, 2 } };
        int64_t tf[1][5] = { { 2, 5 } }, ng[7] = { 0, 1, 2, 3, 4, 5, 6 }, bn[5][5] = { { 2, 3, 4, 4 }, { 3 }, { 3 }, { 3 }, { 3 } };
        int r[2] = { 4, 4 }, r3[1] = { 3 }, r4[1] = { 4 }, r2[1] = { 2 }, rb[5] = { 4, 1, 1, 1, 1 };
        m = run_node("GridSample", NULL, 2, gs, r, 1, NULL, NULL);
        NODE_CHECK("GridSample", m, 0, 4, 1, 1, 6, 5);
        hln_model_free(m);
        m = run_node("Det", NULL, 1, det, r3, 1, NULL, NULL);
        NODE_CHECK("Det", m, 0, 1, 3);
        hln_model_free(m);
        m = run_node("DFT", NULL, 1, dft, r4, 1, NULL, NULL);   /* two-sided, no length: the axis does not matter */
        NODE_CHECK("DFT", m, 0, 4, 1, 10, 10, 2);
        hln_model_free(m);
        add_int_attr(&a, "axis", 1); add_int_attr(&a, "onesided", 1);
        m = run_node("DFT", NULL, 1, dft, r4, 1, &a, NULL);
        NODE_CHECK("DFT onesided", m, 0, 4, 1, 6, 10, 2);
        hln_model_free(m);
        add_int_attr(&a, "onesided", 1);   /* one-sided, axis by opset (1 or -2): those dims unknown */
        m = run_node("DFT", NULL, 1, dft, r4, 1, &a, NULL);
        NODE_CHECK("DFT onesided, default axis", m, 0, 4, 1, -1, -1, 2);
        hln_model_free(m);
        add_ints_attr(&a, "ngram_indexes", ng, 7);
        m = run_node("TfIdfVectorizer", NULL, 1, tf, r2, 1, &a, NULL);
        NODE_CHECK("TfIdfVectorizer", m, 0, 2, 2, 7);
        hln_model_free(m);
        m = run_node("BatchNormalization", NULL, 5, bn, rb, 3, NULL, NULL);
        NODE_CHECK("BatchNormalization running mean", m, 1, 1, 3);
        NODE_CHECK("BatchNormalization running var", m, 2, 1, 3);
        hln_model_free(m);
    }
    {   /* Einsum with "...": explicit and implicit output */
        int64_t d1[1][5] = { { 3, 5, 5 } }, d2[2][5] = { { 2, 3, 4 }, { 2, 4, 5 } };
        int r1[1] = { 3 }, r2[2] = { 3, 3 };
        add_str_attr(&a, "equation", "...ii->...i");
        m = run_node("Einsum", NULL, 1, d1, r1, 1, &a, NULL);
        NODE_CHECK("Einsum diagonal", m, 0, 2, 3, 5);
        hln_model_free(m);
        add_str_attr(&a, "equation", "...ij,...jk");
        m = run_node("Einsum", NULL, 2, d2, r2, 1, &a, NULL);
        NODE_CHECK("Einsum implicit", m, 0, 3, 2, 3, 5);
        hln_model_free(m);
    }
    {   /* broadcasting two different unknowns: either may be 1; Squeeze without axes of an unknown
           dim; Resize with runtime scales: no guess */
        int64_t d[2][5] = { { -1, 3 }, { -1, 3 } }, q[1][5] = { { -1, 3, 1 } }, rs[3][5] = { { 1, 3, 4, 4 }, { 0 }, { 4 } };
        const char *p[2][5] = { { "N" }, { "M" } };
        int r[2] = { 2, 2 }, rq[1] = { 3 }, rr[3] = { 4, 1, 1 };
        m = run_node_named("Add", NULL, 2, d, p, r, 1, NULL, NULL);
        NODE_CHECK("Add N, M", m, 0, 2, -1, 3);
        if (m) T_CHECK(m->graph->values[m->graph->nodes[0].outputs[0]].inferred.dims[0].param == NULL);
        hln_model_free(m);
        m = run_node("Squeeze", NULL, 1, q, rq, 1, NULL, NULL);
        NODE_CHECK("Squeeze, no axes, unknown dim", m, 0, -1, 0);
        hln_model_free(m);
        {   /* runtime axes of known length: the rank */
            int64_t sq[2][5] = { { 2, 1, 3 }, { 2 } };
            int rsq[2] = { 3, 1 };
            m = run_node("Unsqueeze", NULL, 2, sq, rsq, 1, NULL, NULL);
            NODE_CHECK("Unsqueeze, runtime axes", m, 0, 5, -1, -1, -1, -1, -1);
            hln_model_free(m);
            m = run_node("Squeeze", NULL, 2, sq, rsq, 1, NULL, NULL);
            NODE_CHECK("Squeeze, runtime axes", m, 0, 1, -1);
            hln_model_free(m);
        }
        m = run_node("Resize", NULL, 3, rs, rr, 1, NULL, NULL);
        NODE_CHECK("Resize, runtime scales", m, 0, 4, -1, -1, -1, -1);
        hln_model_free(m);
    }
    {   /* other domains: ai.onnx.ml and preview.training known, any other unknown */
        int64_t d[1][5] = { { 2, 3 } }, ad[6][5] = { { 0 }, { 0 }, { 4 }, { 4 }, { 4 }, { 4 } };
        int r[1] = { 2 }, ar[6] = { 0, 0, 1, 1, 1, 1 };
        m = run_node("Normalizer", "ai.onnx.ml", 1, d, r, 1, NULL, NULL);
        NODE_CHECK("ml Normalizer", m, 0, 2, 2, 3);
        hln_model_free(m);
        m = run_node("Normalizer", "example.custom", 1, d, r, 1, NULL, NULL);
        NODE_CHECK("custom-domain op", m, 0, -1, 0);
        hln_model_free(m);
        m = run_node("Adam", "ai.onnx.preview.training", 6, ad, ar, 3, NULL, NULL);
        NODE_CHECK("Adam X_new", m, 0, 1, 4);
        NODE_CHECK("Adam H_new", m, 2, 1, 4);
        hln_model_free(m);
    }
}

/* A hand-made model parsed (its bytes freed) and analysed with the defaults; NULL (and a
   failure counted) when either step fails. */
static hln_model *parse_and_analyse(pbuf *b, hln_graph_summary *s) {
    hln_model *m = NULL;
    hln_error err;
    hln_result r = hln_onnx_parse(NULL, b->p, b->n, &m, &err);
    free(b->p);
    memset(b, 0, sizeof *b);
    T_CHECKF(r == HLN_OK, "parse: %s", err.message);
    if (m && hln_graph_analyze(m, NULL, s, &err) != HLN_OK) {
        T_CHECKF(0, "analyse: %s", err.message);
        hln_model_free(m);
        m = NULL;
    }
    return m;
}

/* Shape(c) -> Neg -> Abs -> Reshape(a): the elementwise integer family folds shape values. */
static void test_fold_elementwise(void) {
    pbuf g = PB0, b = PB0;
    hln_model *m = NULL;
    hln_graph_summary s;
    int64_t ad[1] = { 6 }, cd[2] = { 3, 2 };
    pb_node(&g, "Shape", "c", NULL, "shp", NULL);
    pb_node(&g, "Neg", "shp", NULL, "neg", NULL);
    pb_node(&g, "Abs", "neg", NULL, "abs", NULL);
    pb_node(&g, "Reshape", "a", "abs", "y", NULL);
    pb_value_info(&g, 11, "a", 1, 1, ad, NULL);
    pb_value_info(&g, 11, "c", 1, 2, cd, NULL);
    pb_str(&g, 2, "fold");
    pb_model(&b, &g, 17);
    if (!(m = parse_and_analyse(&b, &s))) return;
    {
        const hln_shape *y = &m->graph->values[m->graph->nodes[3].outputs[0]].inferred;
        T_EQ_I64(y->rank, 2);
        if (y->rank == 2) { T_EQ_I64(y->dims[0].value, 3); T_EQ_I64(y->dims[1].value, 2); }
    }
    hln_model_free(m);
}

/* A Loop whose state grows (Concat with itself): its shape in every iteration is [?, 4], not
   the initial [1, 4]. */
static void test_loop_growing_state(void) {
    pbuf g = PB0, body = PB0, attrs = PB0, n = PB0, b = PB0, t = PB0, ca = PB0;
    hln_model *m = NULL;
    hln_graph_summary s;
    int64_t d14[2] = { 1, 4 }, d0[1] = { 0 };
    pb_int(&t, 2, 7); pb_str(&t, 8, "M"); pb_tag(&t, 7, 0); pb_varint(&t, 3); pb_msg(&g, 5, &t);
    pb_value_info(&body, 11, "i", 7, 0, d0, NULL);
    pb_value_info(&body, 11, "cond_in", 9, 0, d0, NULL);
    pb_value_info(&body, 11, "xc", 1, -1, NULL, NULL);
    pb_node(&body, "Identity", "cond_in", NULL, "cond_out", NULL);
    add_int_attr(&ca, "axis", 0);
    pb_node(&body, "Concat", "xc", "xc", "xn", &ca);
    free(ca.p);
    pb_value_info(&body, 12, "cond_out", 9, 0, d0, NULL);
    pb_value_info(&body, 12, "xn", 1, -1, NULL, NULL);
    pb_str(&body, 2, "body");
    add_graph_attr(&attrs, "body", &body);
    pb_str(&n, 1, "M"); pb_str(&n, 1, ""); pb_str(&n, 1, "x"); pb_str(&n, 2, "y"); pb_str(&n, 4, "Loop");
    pb_raw(&n, attrs.p, attrs.n);
    free(attrs.p);
    pb_msg(&g, 1, &n);
    pb_value_info(&g, 11, "x", 1, 2, d14, NULL);
    pb_str(&g, 2, "grow");
    pb_model(&b, &g, 16);
    if (!(m = parse_and_analyse(&b, &s))) return;
    NODE_CHECK("Loop growing state", m, 0, 2, -1, 4);
    {   /* inside the body too: Concat's output is [?, 4] in some iteration, not always [2, 4] */
        const hln_graph *bg = m->graph->nodes[0].attrs[0].graphs[0];
        const hln_shape *xn = &bg->values[bg->outputs[1]].inferred;
        T_EQ_I64(xn->rank, 2);
        if (xn->rank == 2) { T_CHECK(xn->dims[0].value < 0); T_EQ_I64(xn->dims[1].value, 4); }
    }
    T_EQ_U64(s.nodes_all, 3);   /* the body analysed twice, counted once */
    hln_model_free(m);
}

/* Scan-8: sequence_lens first; every input and output has a leading batch axis, the scan axis
   is 1, and the body sees neither. State [B, 2], scan input [B, T, 2] -> scan output [B, T, 2]. */
static void test_scan8(void) {
    pbuf g = PB0, body = PB0, attrs = PB0, n = PB0, b = PB0;
    hln_model *m = NULL;
    hln_graph_summary s;
    int64_t st[2] = { 3, 2 }, sc[3] = { 3, 5, 2 };
    pb_node(&body, "Add", "s", "x", "s_out", NULL);
    pb_node(&body, "Identity", "x", NULL, "y", NULL);
    pb_value_info(&body, 11, "s", 1, -1, NULL, NULL);
    pb_value_info(&body, 11, "x", 1, -1, NULL, NULL);
    pb_value_info(&body, 12, "s_out", 1, -1, NULL, NULL);
    pb_value_info(&body, 12, "y", 1, -1, NULL, NULL);
    pb_str(&body, 2, "body");
    add_graph_attr(&attrs, "body", &body);
    add_int_attr(&attrs, "num_scan_inputs", 1);
    pb_str(&n, 1, ""); pb_str(&n, 1, "state"); pb_str(&n, 1, "seq");
    pb_str(&n, 2, "final"); pb_str(&n, 2, "scanned"); pb_str(&n, 4, "Scan");
    pb_raw(&n, attrs.p, attrs.n);
    free(attrs.p);
    pb_msg(&g, 1, &n);
    pb_value_info(&g, 11, "state", 1, 2, st, NULL);
    pb_value_info(&g, 11, "seq", 1, 3, sc, NULL);
    pb_str(&g, 2, "scan8");
    pb_model(&b, &g, 8);
    if (!(m = parse_and_analyse(&b, &s))) return;
    NODE_CHECK("Scan-8 state", m, 0, 2, 3, 2);
    NODE_CHECK("Scan-8 scan output", m, 1, 3, 3, 5, 2);
    T_EQ_I64(m->graph->nodes[0].trip_count, 5);
    hln_model_free(m);
}

/* x [N, 3, height, width] through a 3x3 stride-2 conv to 8 channels: the defaults are a batch
   of 1 and 224 x 224, MACs = 54 N height width exactly (even sides), shapes keep the symbols. */
static hln_model *parse_graph(pbuf *g, const char *name) {   /* a graph as an opset-17 model, parsed */
    pbuf b = PB0;
    hln_model *m = NULL;
    hln_error err;
    pb_str(g, 2, name);
    pb_model(&b, g, 17);
    if (hln_onnx_parse(NULL, b.p, b.n, &m, &err) != HLN_OK) m = NULL;
    free(b.p);
    return m;
}
static hln_model *build_conv_model(void) {
    pbuf g = PB0, attrs = PB0;
    int64_t xd[4] = { -1, 3, -1, -1 }, wd[4] = { 8, 3, 3, 3 }, st[2] = { 2, 2 }, pd[4] = { 1, 1, 1, 1 };
    const char *xp[4] = { "N", NULL, "height", "width" };
    add_ints_attr(&attrs, "strides", st, 2);
    add_ints_attr(&attrs, "pads", pd, 4);
    pb_node(&g, "Conv", "x", "w", "y", &attrs);
    free(attrs.p);
    pb_value_info(&g, 11, "x", 1, 4, xd, xp);
    pb_value_info(&g, 11, "w", 1, 4, wd, NULL);
    return parse_graph(&g, "conv");
}

/* ids [batch, sequence] -> Gather(wpe.weight [32, 4]) -> MatMul w [4, 4]: the sequence default
   is the position table's 32 rows; MACs = 16 batch sequence. */
static hln_model *build_position_model(void) {
    pbuf g = PB0, t = PB0;
    int64_t id[2] = { -1, -1 }, wd[2] = { 4, 4 };
    const char *ip[2] = { "batch", "sequence" };
    float zeros[128];
    memset(zeros, 0, sizeof zeros);
    pb_int(&t, 1, 32); pb_int(&t, 1, 4); pb_int(&t, 2, 1); pb_str(&t, 8, "wpe.weight"); pb_bytes(&t, 9, zeros, sizeof zeros);
    pb_msg(&g, 5, &t);
    pb_node(&g, "Gather", "wpe.weight", "ids", "emb", NULL);
    pb_node(&g, "MatMul", "emb", "w", "y", NULL);
    pb_value_info(&g, 11, "ids", 7, 2, id, ip);
    pb_value_info(&g, 11, "w", 1, 2, wd, NULL);
    return parse_graph(&g, "positions");
}

/* The conv model behind a chain of 300 Relu: each sample run analyses 301 nodes, so the
   formula's samples would pass HLN_FORMULA_MAX_WORK (2000 here): no formula, the costs stay. */
static void test_formula_work(void) {
    pbuf g = PB0, attrs = PB0;
    hln_model *m;
    hln_graph_summary s;
    hln_error err;
    int64_t xd[4] = { -1, 3, -1, -1 }, wd[4] = { 8, 3, 3, 3 }, st[2] = { 2, 2 }, pd[4] = { 1, 1, 1, 1 };
    const char *xp[4] = { "N", NULL, "height", "width" };
    char in[16], out[16];
    int i;
    add_ints_attr(&attrs, "strides", st, 2);
    add_ints_attr(&attrs, "pads", pd, 4);
    pb_node(&g, "Conv", "x", "w", "r0", &attrs);
    free(attrs.p);
    for (i = 0; i < 300; i++) {
        snprintf(in, sizeof in, "r%d", i);
        snprintf(out, sizeof out, "r%d", i + 1);
        pb_node(&g, "Relu", in, NULL, out, NULL);
    }
    pb_value_info(&g, 11, "x", 1, 4, xd, xp);
    pb_value_info(&g, 11, "w", 1, 4, wd, NULL);
    m = parse_graph(&g, "chain");
    T_CHECK(m != NULL);
    if (!m) return;
    T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_OK);
    T_EQ_U64(s.macs, 54ull * 224 * 224);
    T_CHECK(s.macs_exact);
    T_CHECK(!s.formula_exact);
    T_EQ_U64(s.n_macs_terms, 0);
    hln_model_free(m);
}

static void test_defaults_and_formula(void) {
    hln_model *m = build_conv_model();
    hln_graph_summary s;
    hln_graph_options go;
    hln_error err;
    hln_binding big = { "N", (int64_t)1 << 43 };
    T_CHECK(m != NULL);
    if (m) {
        const hln_shape *y;
        T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_OK);
        T_EQ_U64(s.n_dims, 3);
        if (s.n_dims == 3) {
            T_EQ_U64(s.dims[0].source, HLN_DIM_BATCH); T_EQ_I64(s.dims[0].value, 1);
            T_EQ_U64(s.dims[1].source, HLN_DIM_IMAGE); T_EQ_I64(s.dims[1].value, 224);
            T_EQ_U64(s.dims[2].source, HLN_DIM_IMAGE); T_EQ_I64(s.dims[2].value, 224);
        }
        T_CHECK(s.macs_exact);
        T_EQ_U64(s.macs, 54ull * 224 * 224);
        T_CHECK(s.formula_exact);
        T_EQ_U64(s.n_macs_terms, 1);
        if (s.n_macs_terms == 1) {
            int64_t at[3] = { 2, 64, 96 };
            T_CHECK(s.macs_formula[0].coef == 54.0);
            T_CHECK(hln_cost_formula_eval(&s, at) == 54.0 * 2 * 64 * 96);
        }
        y = &m->graph->values[m->graph->outputs[0]].inferred;
        T_EQ_I64(y->rank, 4);
        if (y->rank == 4) { T_EQ_STR(y->dims[0].param, "N"); T_CHECK(y->dims[2].value < 0); }
        /* a bound dim leaves the formula; a count past 64 bits saturates and says so */
        memset(&go, 0, sizeof go);
        go.bindings = &big;
        go.n_bindings = 1;
        T_EQ_U64(hln_graph_analyze(m, &go, &s, &err), HLN_OK);
        T_CHECK(s.saturated);
        T_CHECK(!s.formula_exact);
        T_EQ_U64(s.n_formula_dims, 2);
        T_EQ_I64(m->graph->values[m->graph->outputs[0]].inferred.dims[0].value, (int64_t)1 << 43);
        hln_model_free(m);
    }
    m = build_position_model();
    T_CHECK(m != NULL);
    if (m) {
        T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_OK);
        T_EQ_U64(s.n_dims, 2);
        if (s.n_dims == 2) { T_EQ_U64(s.dims[1].source, HLN_DIM_CONTEXT); T_EQ_I64(s.dims[1].value, 32); }
        T_EQ_U64(s.macs, 16 * 32);
        T_CHECK(s.formula_exact);
        T_EQ_U64(s.n_macs_terms, 1);
        if (s.n_macs_terms == 1) { T_CHECK(s.macs_formula[0].coef == 16.0); T_EQ_U64(s.macs_formula[0].powers[0], 1); T_EQ_U64(s.macs_formula[0].powers[1], 1); }
        hln_model_free(m);
    }
}

/* One definition of a weight (issue 9, items 1-4): initializers and Constant values of every
   graph, shape constants apart, shared weights once, BatchNorm statistics told apart. */
static void pb_tensor(pbuf *t, const char *name, int dtype, int rank, const int64_t *dims, const void *raw, size_t n) {
    int i;
    for (i = 0; i < rank; i++) pb_int(t, 1, (uint64_t)dims[i]);
    pb_int(t, 2, (uint64_t)dtype);
    if (name) pb_str(t, 8, name);
    pb_bytes(t, 9, raw, n);
}
static void build_weights(pbuf *out) {
    pbuf g = PB0, t = PB0, n = PB0, at = PB0, then_g = PB0;
    float f16[16], f4[4], f3[3];
    int64_t shp[2] = { 1, 16 }, d44[2] = { 4, 4 }, d4[1] = { 4 }, d4411[4] = { 4, 4, 1, 1 }, d2[1] = { 2 }, d3[1] = { 3 };
    int64_t x4d[4] = { 1, 4, 2, 2 }, d14[2] = { 1, 4 }, d0[1] = { 0 };
    const char *bn_in[5] = { "cv", "bn_scale", "bn_bias", "bn_mean", "bn_var" };
    int i;
    for (i = 0; i < 16; i++) f16[i] = (float)i;
    for (i = 0; i < 4; i++) f4[i] = 1.0f;
    for (i = 0; i < 3; i++) f3[i] = 2.0f;
    pb_tensor(&t, "W", 1, 2, d44, f16, sizeof f16); pb_msg(&g, 5, &t);            /* read by two MatMuls */
    pb_node(&g, "MatMul", "x", "W", "a", NULL);
    pb_node(&g, "MatMul", "a", "W", "b", NULL);
    pb_tensor(&t, NULL, 1, 1, d4, f4, sizeof f4);                                    /* a Constant's weight */
    pb_str(&at, 1, "value"); pb_msg(&at, 5, &t); pb_int(&at, 20, 4);
    pb_str(&n, 2, "c0"); pb_str(&n, 4, "Constant"); pb_msg(&n, 5, &at); pb_msg(&g, 1, &n);
    pb_node(&g, "Add", "b", "c0", "d", NULL);
    pb_tensor(&t, "Wc", 1, 4, d4411, f16, sizeof f16); pb_msg(&g, 5, &t);
    pb_node(&g, "Conv", "x4", "Wc", "cv", NULL);
    for (i = 1; i < 5; i++) { pb_tensor(&t, bn_in[i], 1, 1, d4, f4, sizeof f4); pb_msg(&g, 5, &t); }
    for (i = 0; i < 5; i++) pb_str(&n, 1, bn_in[i]);
    pb_str(&n, 2, "bn"); pb_str(&n, 4, "BatchNormalization"); pb_msg(&g, 1, &n);
    pb_tensor(&t, "shp", 7, 1, d2, shp, sizeof shp); pb_msg(&g, 5, &t);            /* shape plumbing */
    pb_node(&g, "Reshape", "bn", "shp", "r", NULL);
    pb_tensor(&t, "Wt", 1, 1, d3, f3, sizeof f3); pb_msg(&then_g, 5, &t);          /* a subgraph's weight */
    pb_if(&g, &then_g, "Identity", "Wt", NULL, "f3in", 1, d3);
    pb_value_info(&g, 11, "x", 1, 2, d14, NULL);
    pb_value_info(&g, 11, "x4", 1, 4, x4d, NULL);
    pb_value_info(&g, 11, "c", 9, 0, d0, NULL);
    pb_value_info(&g, 11, "f3in", 1, 1, d3, NULL);
    pb_value_info(&g, 12, "d", 1, 2, d14, NULL);
    pb_value_info(&g, 12, "r", 1, 2, shp, NULL);
    pb_value_info(&g, 12, "y", 1, 1, d3, NULL);
    pb_str(&g, 2, "weights");
    pb_model(out, &g, 16);
}

static void test_weight_roles(void) {
    pbuf b = PB0;
    hln_model *m = NULL;
    hln_error err;
    hln_summary s;
    hln_graph_summary gs;
    build_weights(&b);
    T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_OK);   /* tensors are views of b */
    if (!m) { fprintf(stderr, "  %s: %s\n", err.path, err.message); free(b.p); return; }
    T_EQ_U64(hln_model_summarize(m, &s), HLN_OK);
    T_EQ_U64(s.n_tensors, 9);
    T_EQ_U64(s.params, 16 + 4 + 16 + 16 + 3);          /* W, c0, Wc, BN x4, Wt: not shp */
    T_EQ_U64(s.weight_bytes, 4 * s.params);            /* every figure counts the same weights */
    T_EQ_U64(s.n_dtypes, 1);
    T_EQ_U64(s.dtypes[0].elements, s.params);
    T_EQ_U64(s.dtypes[0].tensors, 8);
    T_EQ_U64(s.n_weights, 8);
    T_EQ_U64(s.shape_constants, 2);
    T_EQ_U64(s.n_shape_constants, 1);
    T_EQ_U64(s.params + s.shape_constants, s.initializer_params_all + s.constant_params_all);
    T_EQ_U64(s.initializer_params, 16 + 16 + 16 + 2);
    T_EQ_U64(s.initializer_params_all, 16 + 16 + 16 + 2 + 3);
    T_EQ_U64(s.constant_params, 4);
    T_EQ_U64(s.constant_params_all, 4);
    T_EQ_U64(s.params_buffers, 8);                     /* running mean and variance */
    T_EQ_U64(s.n_shared, 1);                           /* W, counted once */
    T_EQ_U64(s.n_batchnorm, 1);
    T_EQ_U64(s.n_batchnorm_foldable, 1);
    T_CHECK(s.bits_per_weight == 32.0);
    {
        hln_tensor_role roles[9];
        uint32_t i;
        hln_model_tensor_roles(m, roles);
        for (i = 0; i < m->n_tensors; i++) {
            const char *name = m->tensors[i].name ? m->tensors[i].name : "";
            T_CHECKF(roles[i].flags & HLN_ROLE_WEIGHT, "%s is a weight", name);
            T_CHECKF(!(roles[i].flags & HLN_ROLE_SHAPE_CONSTANT) == !!strcmp(name, "shp"), "%s shape constant", name);
            if (!strcmp(name, "W")) T_EQ_U64(roles[i].users, 2);
            if (!strcmp(name, "Wt")) T_CHECK(!(roles[i].flags & HLN_ROLE_MAIN));
            if (!strcmp(name, "bn_mean") || !strcmp(name, "bn_var")) T_CHECK(roles[i].flags & HLN_ROLE_BUFFER);
            if (!strcmp(name, "bn_scale")) T_CHECK(!(roles[i].flags & HLN_ROLE_BUFFER));
        }
    }
    T_EQ_U64(hln_graph_analyze(m, NULL, &gs, &err), HLN_OK);
    {   /* a weight-only file: BatchNorm statistics by their PyTorch names; no shape constants */
        static const char *const names[4] = { "bn.weight", "bn.running_mean", "bn.running_var", "shape.ids" };
        static int64_t dim4[1] = { 4 };
        hln_model *w = NULL;
        hln_summary ws;
        uint32_t i;
        T_CHECK(hln_model_create(NULL, &w) == HLN_OK);
        if (w) {
            w->n_tensors = 4;
            w->tensors = (hln_tensor *)hln_arena_array(&w->arena, 4, sizeof(hln_tensor));
            for (i = 0; w->tensors && i < 4; i++) {
                w->tensors[i].name = names[i];
                w->tensors[i].dtype = i == 3 ? HLN_DTYPE_I64 : HLN_DTYPE_F32;
                w->tensors[i].n_dims = 1;
                w->tensors[i].dims = dim4;
                w->tensors[i].n_elements = 4;
                w->tensors[i].n_bytes = i == 3 ? 32 : 16;
            }
            hln_model_summarize(w, &ws);
            T_EQ_U64(ws.params, 16);
            T_EQ_U64(ws.params_buffers, 8);
            T_EQ_U64(ws.shape_constants, 0);
            T_EQ_U64(ws.weight_bytes, 80);
            hln_model_free(w);
        }
    }
    {   /* node params leave shape constants out: the Reshape reads no weight */
        uint32_t i;
        for (i = 0; i < gs.n_ops; i++) if (!strcmp(gs.ops[i].op, "Reshape")) T_EQ_U64(gs.ops[i].params, 0);
    }
    hln_model_free(m);
    free(b.p);
}

/* KV cache only with causal self-attention: GPT-2's masked attention has one, an encoder none;
   subgraph weights count (silero v5 keeps all its weights inside an If). */
static void test_corpus_counts(void) {
    static const struct { const char *file; int causal; uint64_t kv, params_plus_shape; } cases[] = {
        { "onnx/generated/tiny_gpt2.onnx", 1, 2 * 2 * 64 * 2, 169728 + 4172 },
        { "onnx/generated/transformer_encoder_2l.onnx", 0, 0, 0 },
        { "onnx/real/silero/silero_vad_v5.onnx", 0, 0, 545597 },
    };
    size_t k;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char path[1024];
        hln_model *m = NULL;
        hln_error err;
        hln_onnx_options opts;
        hln_llm l;
        hln_summary s;
        snprintf(path, sizeof path, "%s/%s", t_corpus(), cases[k].file);
        if (access(path, R_OK) != 0) { T_SKIP(path); continue; }
        memset(&opts, 0, sizeof opts);
        T_EQ_U64(hln_onnx_load_file(&opts, path, &m, &err), HLN_OK);
        if (!m) continue;
        hln_model_llm(m, &l);
        hln_model_summarize(m, &s);
        T_CHECKF(l.causal == cases[k].causal, "%s: causal %d", cases[k].file, l.causal);
        T_EQ_U64(l.kv_bytes_per_token_f16, cases[k].kv);
        if (cases[k].causal) { T_EQ_I64(l.hp.n_vocab, 512); T_EQ_I64(l.hp.context_length, 64); T_EQ_U64(l.params_total, s.params); }
        if (cases[k].params_plus_shape) {
            T_EQ_U64(s.params + s.shape_constants, cases[k].params_plus_shape);
            T_CHECK(s.params > 0 && s.weight_bytes == 4 * s.params);   /* FLOAT weights, subgraphs included */
        }
        hln_model_free(m);
    }
}

/* Calls of model-local functions: costed and shaped at the call site; recursion bounded. */
static void build_functions(pbuf *out, int recursive) {
    pbuf g = PB0, f = PB0, w = PB0, os = PB0;
    int64_t d14[2] = { 1, 4 };
    float wv[16];
    int i;
    for (i = 0; i < 16; i++) wv[i] = 0.5f;
    pb_int(&w, 1, 4); pb_int(&w, 1, 4); pb_int(&w, 2, 1); pb_str(&w, 8, "W"); pb_bytes(&w, 9, wv, sizeof wv);
    pb_msg(&g, 5, &w);
    {   /* main: y = Proj(Proj(x, W), W) */
        pbuf n = PB0;
        pb_str(&n, 1, "x"); pb_str(&n, 1, "W"); pb_str(&n, 2, "h"); pb_str(&n, 4, "Proj"); pb_str(&n, 7, "my.fn");
        pb_msg(&g, 1, &n);
        pb_str(&n, 1, "h"); pb_str(&n, 1, "W"); pb_str(&n, 2, "y"); pb_str(&n, 4, "Proj"); pb_str(&n, 7, "my.fn");
        pb_msg(&g, 1, &n);
    }
    pb_value_info(&g, 11, "x", 1, 2, d14, NULL);
    pb_value_info(&g, 12, "y", 1, 2, d14, NULL);
    /* FunctionProto my.fn::Proj(a, b) -> c: c = Tanh(MatMul(a, b)) (or calls itself) */
    pb_str(&f, 1, "Proj");
    pb_str(&f, 4, "a"); pb_str(&f, 4, "b"); pb_str(&f, 5, "c");
    {
        pbuf n = PB0;
        pb_str(&n, 1, "a"); pb_str(&n, 1, "b"); pb_str(&n, 2, "t"); pb_str(&n, 4, "MatMul");
        pb_msg(&f, 7, &n);
        pb_str(&n, 1, "t");
        if (recursive) { pb_str(&n, 1, "b"); pb_str(&n, 2, "c"); pb_str(&n, 4, "Proj"); pb_str(&n, 7, "my.fn"); }
        else { pb_str(&n, 2, "c"); pb_str(&n, 4, "Tanh"); }
        pb_msg(&f, 7, &n);
    }
    pb_str(&f, 10, "my.fn");
    pb_int(out, 1, 8);
    pb_int(&os, 2, 17); pb_msg(out, 8, &os);
    pb_str(&os, 1, "my.fn"); pb_int(&os, 2, 1); pb_msg(out, 8, &os);
    pb_msg(out, 7, &g);
    pb_msg(out, 25, &f);
}

static void test_functions(void) {
    int rec;
    for (rec = 0; rec < 2; rec++) {
        pbuf b = PB0;
        hln_model *m = NULL;
        hln_error err;
        hln_graph_summary s;
        build_functions(&b, rec);
        T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_OK);
        free(b.p);
        if (!m) { fprintf(stderr, "  %s\n", err.message); continue; }
        T_EQ_I64(kv_i64(m, "onnx.functions"), 1);
        T_EQ_U64(m->graph->n_functions, 1);
        T_EQ_STR(m->graph->functions[0]->domain, "my.fn");
        T_EQ_U64(hln_graph_analyze(m, NULL, &s, &err), HLN_OK);
        T_EQ_U64(s.nodes_all, 2);   /* function bodies are not graph nodes */
        if (!rec) {
            const hln_value *y = &m->graph->values[m->graph->outputs[0]];
            T_EQ_U64(s.macs, 2 * 16);
            T_CHECK(s.macs_exact);
            T_EQ_I64(y->inferred.rank, 2);
            T_EQ_U64(s.n_ops, 1);
            if (s.n_ops) T_EQ_STR(s.ops[0].op, "my.fn::Proj");
        } else {
            T_CHECK(!s.macs_exact);   /* the recursive call is not expanded */
        }
        hln_model_free(m);
    }
}

/* ---- golden files ---- */
static const char *dtype_name(const hln_value *v) {
    if (v->container) return v->container;
    return hln_dtype_get(v->dtype)->onnx_name ? hln_dtype_get(v->dtype)->onnx_name : "UNDEFINED";
}

static void check_values(const char *what, const hln_graph *g, const int32_t *idx, uint32_t n, const jv *want) {
    uint32_t i;
    if (!want || want->type != 4) return;
    T_CHECKF(n == (uint32_t)want->n, "%s: %u != %d", what, n, want->n);
    for (i = 0; i < n && i < (uint32_t)want->n; i++) {
        const hln_value *v = &g->values[idx[i]];
        const jv *w = &want->items[i], *name = js_get(w, "name"), *dt = js_get(w, "dtype"), *sh = js_get(w, "shape");
        if (name) T_EQ_STR(v->name, name->str);
        if (dt) T_CHECKF(!strcmp(dtype_name(v), dt->str), "%s %s dtype %s != %s", what, v->name, dtype_name(v), dt->str);
        if (!sh) continue;
        if (sh->type == 0) { T_CHECKF(v->shape.rank == -1, "%s %s: shape should be null", what, v->name); continue; }
        T_CHECKF(v->shape.rank == sh->n, "%s %s: rank %d != %d", what, v->name, v->shape.rank, sh->n);
        if (v->shape.rank == sh->n) {
            int k;
            for (k = 0; k < sh->n; k++) {
                const jv *d = &sh->items[k];
                const hln_dim *h = &v->shape.dims[k];
                if (d->type == 2) T_CHECKF(h->value == d->inum, "%s %s dim %d: %lld != %lld", what, v->name, k, (long long)h->value, d->inum);
                else if (d->type == 3) T_CHECKF(h->value < 0 && h->param && !strcmp(h->param, d->str), "%s %s dim %d: want '%s'", what, v->name, k, d->str);
                else T_CHECKF(h->value < 0 && !h->param, "%s %s dim %d: want null", what, v->name, k);
            }
        }
    }
}


static int g_mac_files, g_mac_ok;

static void golden_one(const char *path) {
    char jpath[1200];
    size_t jn;
    unsigned char *js;
    jv e;
    hln_model *m = NULL;
    hln_error err;
    hln_onnx_options opts;
    hln_graph_summary s;
    hln_graph_options go;
    hln_summary ws;
    hln_binding binds[16];
    uint32_t nb = 0;
    const jv *v;
    snprintf(jpath, sizeof jpath, "%s.expected.json", path);
    js = t_read_file(jpath, &jn);
    t_begin(path);
    if (!js) { T_SKIP("no .expected.json"); t_end(); return; }
    js_parse((const char *)js, &e);
    memset(&opts, 0, sizeof opts);
    T_EQ_U64(hln_onnx_load_file(&opts, path, &m, &err), HLN_OK);
    if (!m) { fprintf(stderr, "  %s: %s: %s\n", path, err.path, err.message); goto out; }
    if ((v = js_get(&e, "ir_version")) != NULL) T_EQ_I64(m->version, v->inum);
    if ((v = js_get(&e, "opset")) != NULL && v->type == 2) T_EQ_I64(kv_i64(m, "onnx.opset"), v->inum);
    if ((v = js_get(&e, "producer")) != NULL) {
        const hln_kv *kv = hln_model_find_kv(m, "onnx.producer_name");
        T_CHECK(kv && !strcmp(kv->v.s.ptr, v->str));
    }
    if ((v = js_get(&e, "opset_imports")) != NULL && v->type == 5) {
        int i;
        for (i = 0; i < v->n; i++) {
            char key[300];
            snprintf(key, sizeof key, "onnx.opset_import.%s", v->keys[i]);
            T_CHECKF(kv_i64(m, key) == v->items[i].inum, "%s", key);
        }
    }
    if ((v = js_get(&e, "functions")) != NULL) T_EQ_I64(kv_i64(m, "onnx.functions"), v->inum);
    if ((v = js_get(&e, "sparse_initializers")) != NULL) T_EQ_I64(kv_i64(m, "onnx.sparse_initializers"), v->inum);
    if ((v = js_get(&e, "external_initializers")) != NULL) T_EQ_I64(kv_i64(m, "onnx.external_initializers"), v->inum);
    if ((v = js_get(&e, "metadata_props")) != NULL && v->type == 5) {
        int i;
        for (i = 0; i < v->n; i++) {
            const hln_kv *kv = hln_model_find_kv(m, v->keys[i]);
            T_CHECKF(kv && kv->type == HLN_KV_STRING && !strcmp(kv->v.s.ptr, v->items[i].str), "metadata %s", v->keys[i]);
        }
    }
    if ((v = js_get(&e, "graph_name")) != NULL) {
        const hln_kv *kv = hln_model_find_kv(m, "onnx.graph_name");
        T_CHECK(kv && !strcmp(kv->v.s.ptr, v->str));
    }
    /* bindings from the exported input shapes, for the symbolic dims of the inputs */
    if ((v = js_get(&e, "export_input_shapes")) != NULL && v->type == 4) {
        const jv *ins = js_get(&e, "inputs");
        int i, k;
        for (i = 0; ins && i < ins->n && i < v->n; i++) {
            const jv *sh = js_get(&ins->items[i], "shape");
            for (k = 0; sh && sh->type == 4 && k < sh->n && k < v->items[i].n && nb < 16; k++)
                if (sh->items[k].type == 3) { binds[nb].name = sh->items[k].str; binds[nb].value = v->items[i].items[k].inum; nb++; }
        }
    }
    memset(&err, 0, sizeof err);
    memset(&go, 0, sizeof go);
    go.bindings = binds;
    go.n_bindings = nb;
    T_EQ_U64(hln_graph_analyze(m, &go, &s, &err), HLN_OK);
    if (err.code != HLN_OK) fprintf(stderr, "  analyze: %s\n", err.message);
    hln_model_summarize(m, &ws);
    if ((v = js_get(&e, "nodes")) != NULL) T_EQ_U64(s.nodes, v->inum);
    if ((v = js_get(&e, "nodes_all")) != NULL) T_EQ_U64(s.nodes_all, v->inum);
    if ((v = js_get(&e, "subgraphs")) != NULL) T_EQ_U64(s.subgraphs, v->inum);
    if ((v = js_get(&e, "max_subgraph_depth")) != NULL) T_EQ_U64(s.max_subgraph_depth, v->inum);
    if ((v = js_get(&e, "initializers")) != NULL) T_EQ_U64(s.initializers, v->inum);
    if ((v = js_get(&e, "params")) != NULL) { T_EQ_U64(s.initializer_params, v->inum); T_EQ_U64(ws.initializer_params, v->inum); }
    if ((v = js_get(&e, "params_all")) != NULL) { T_EQ_U64(s.params_all, v->inum); T_EQ_U64(ws.initializer_params_all, v->inum); }
    if ((v = js_get(&e, "constant_nodes")) != NULL) T_EQ_U64(s.constant_nodes, v->inum);
    if ((v = js_get(&e, "constant_params")) != NULL) { T_EQ_U64(s.constant_params, v->inum); T_EQ_U64(ws.constant_params, v->inum); }
    if ((v = js_get(&e, "constant_params_all")) != NULL) { T_EQ_U64(s.constant_params_all, v->inum); T_EQ_U64(ws.constant_params_all, v->inum); }
    /* every weight of every graph is a parameter or a shape constant, never lost */
    T_EQ_U64(ws.params + ws.shape_constants, ws.initializer_params_all + ws.constant_params_all);
    if ((v = js_get(&e, "constant_bytes")) != NULL) T_EQ_U64(s.constant_bytes, v->inum);
    if ((v = js_get(&e, "weight_bytes")) != NULL) T_EQ_U64(s.initializer_bytes, v->inum);
    if ((v = js_get(&e, "ops")) != NULL && v->type == 5) {
        int i;
        uint32_t k;
        T_CHECKF(s.n_ops == (uint32_t)v->n, "distinct ops %u != %d", s.n_ops, v->n);
        for (i = 0; i < v->n; i++) {
            for (k = 0; k < s.n_ops && strcmp(s.ops[k].op, v->keys[i]); k++) {}
            T_CHECKF(k < s.n_ops && s.ops[k].count == (uint32_t)v->items[i].inum, "op %s", v->keys[i]);
        }
    }
    if ((v = js_get(&e, "dtypes")) != NULL && v->type == 5) {   /* the reference's: top-level initializers */
        int i;
        uint32_t k, per[HLN_DTYPE_COUNT], distinct = 0;
        memset(per, 0, sizeof per);
        for (k = 0; k < m->graph->n_initializers; k++) if (!per[m->tensors[m->graph->initializers[k]].dtype]++) distinct++;
        T_CHECKF(distinct == (uint32_t)v->n, "distinct dtypes %u != %d", distinct, v->n);
        for (i = 0; i < v->n; i++) {
            hln_dtype d = hln_dtype_from_name("UNKNOWN");
            for (k = 0; k < HLN_DTYPE_COUNT; k++) if (hln_dtype_get((hln_dtype)k)->onnx_name && !strcmp(hln_dtype_get((hln_dtype)k)->onnx_name, v->keys[i])) d = (hln_dtype)k;
            T_CHECKF(per[d] == (uint32_t)v->items[i].inum, "dtype %s", v->keys[i]);
        }
    }
    check_values("inputs", m->graph, m->graph->inputs, m->graph->n_inputs, js_get(&e, "inputs"));
    check_values("outputs", m->graph, m->graph->outputs, m->graph->n_outputs, js_get(&e, "outputs"));
    if ((v = js_get(&e, "macs")) != NULL && v->type == 2) {
        double want = v->num, got = (double)s.macs, rel = want > 0 ? fabs(got - want) / want : (got == 0 ? 0 : 1);
        g_mac_files++;
        T_CHECKF(rel <= 0.005, "macs %.0f != %.0f (%.3f%%)", got, want, rel * 100);
        T_CHECKF(s.macs_exact, "macs not exact with the export shapes bound");
        if (rel <= 0.005) g_mac_ok++;
        fprintf(stderr, "  macs %-60s %14.0f expected %14.0f  (%+.4f%%)\n", path + strlen(t_corpus()), got, want, (got - want) / want * 100);
    }
    {   /* the buffer entry point gives the same graph without resolving external data */
        size_t n;
        unsigned char *buf = t_read_file(path, &n);
        hln_model *m2 = NULL;
        if (buf) {
            T_EQ_U64(hln_onnx_parse(&opts, buf, n, &m2, &err), HLN_OK);
            if (m2) { T_EQ_U64(m2->graph->n_nodes, m->graph->n_nodes); T_EQ_U64(m2->n_tensors, m->n_tensors); hln_model_free(m2); }
            free(buf);
        }
    }
    hln_model_free(m);
out:
    js_free(&e);
    free(js);
    t_end();
}

static void walk(const char *dir, int bad) {
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0, i;
    if (!d) return;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue;
        names = (char **)realloc(names, (n + 1) * sizeof *names);
        names[n] = (char *)malloc(strlen(dir) + strlen(de->d_name) + 2);
        sprintf(names[n], "%s/%s", dir, de->d_name);
        n++;
    }
    closedir(d);
    for (i = 0; i < n; i++) {   /* sorted for a stable report */
        size_t j;
        for (j = i + 1; j < n; j++) if (strcmp(names[j], names[i]) < 0) { char *t = names[i]; names[i] = names[j]; names[j] = t; }
    }
    for (i = 0; i < n; i++) {
        struct stat st;
        size_t l = strlen(names[i]);
        if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!bad && !strcmp(names[i] + l - 4, "/bad")) { free(names[i]); continue; }
            walk(names[i], bad);
        } else if (l > 5 && !strcmp(names[i] + l - 5, ".onnx")) {
            if (bad) {
                hln_model *m = NULL;
                hln_error err;
                hln_result r;
                t_begin(names[i]);
                memset(&err, 0, sizeof err);
                r = hln_onnx_load_file(NULL, names[i], &m, &err);
                T_CHECKF(r != HLN_OK, "bad file accepted");
                T_CHECK(m == NULL);
                T_CHECK(err.message[0] != 0);
                fprintf(stderr, "  bad %-40s -> %s: %s @%llu %s\n", strrchr(names[i], '/') + 1, hln_result_string(r),
                        err.path, (unsigned long long)err.byte_offset, err.message);
                if (strstr(names[i], "external_")) T_CHECK(r == HLN_ERR_PATH || r == HLN_ERR_TRUNCATED);
                if (strstr(names[i], "external_missing")) T_CHECK(strstr(err.message, "missing_weights.bin") != NULL);
                {   /* the same bytes from memory fail too (paths are checked without a folder) */
                    size_t n2;
                    unsigned char *buf = t_read_file(names[i], &n2);
                    if (buf) {
                        r = hln_onnx_parse(NULL, buf, n2, &m, &err);
                        if (!strstr(names[i], "external_missing") && !strstr(names[i], "external_offset")) T_CHECK(r != HLN_OK);
                        if (m) hln_model_free(m);
                        free(buf);
                    }
                }
                t_end();
            } else {
                golden_one(names[i]);
            }
        }
        free(names[i]);
    }
    free(names);
}

static void test_corpus(void) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/onnx", t_corpus());
    walk(dir, 0);
    snprintf(dir, sizeof dir, "%s/onnx/bad", t_corpus());
    walk(dir, 1);
}

/* ---- external data paths, built in a temp folder ---- */
static void write_file(const char *path, const void *d, size_t n) {
    FILE *f = fopen(path, "wb");
    if (f) { fwrite(d, 1, n, f); fclose(f); }
}

static void build_external(pbuf *out, const char *location, uint64_t offset) {
    pbuf g = PB0, t = PB0, kv = PB0;
    char off[32];
    int64_t d[1] = { 4 };
    pb_int(&t, 1, 4);
    pb_int(&t, 2, 1);
    pb_str(&t, 8, "W");
    pb_str(&kv, 1, "location"); pb_str(&kv, 2, location); pb_msg(&t, 13, &kv);
    snprintf(off, sizeof off, "%llu", (unsigned long long)offset);
    pb_str(&kv, 1, "offset"); pb_str(&kv, 2, off); pb_msg(&t, 13, &kv);
    pb_str(&kv, 1, "length"); pb_str(&kv, 2, "16"); pb_msg(&t, 13, &kv);
    pb_int(&t, 14, 1);
    pb_msg(&g, 5, &t);
    pb_node(&g, "Add", "x", "W", "y", NULL);
    pb_value_info(&g, 11, "x", 1, 1, d, NULL);
    pb_value_info(&g, 12, "y", 1, 1, d, NULL);
    pb_model(out, &g, 13);
}

static hln_result try_external(const char *dir, const char *location, uint64_t offset, hln_model **keep) {
    pbuf b = PB0;
    char path[1024];
    hln_model *m = NULL;
    hln_error err;
    hln_result r;
    build_external(&b, location, offset);
    snprintf(path, sizeof path, "%s/model.onnx", dir);
    write_file(path, b.p, b.n);
    free(b.p);
    r = hln_onnx_load_file(NULL, path, &m, &err);
    if (keep) *keep = m; else if (m) hln_model_free(m);
    return r;
}

static void test_external_paths(void) {
#ifndef _WIN32
    char tmpl[] = "/tmp/hln_onnx_XXXXXX", sub[256], path[1100], outside[1100];
    char *dir = mkdtemp(tmpl);
    float w[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    hln_model *m = NULL;
    T_CHECK(dir != NULL);
    if (!dir) return;
    snprintf(sub, sizeof sub, "%s/m", dir);
    mkdir(sub, 0700);
    snprintf(path, sizeof path, "%s/w.bin", sub);
    write_file(path, w, sizeof w);
    snprintf(outside, sizeof outside, "%s/secret.bin", dir);
    write_file(outside, w, sizeof w);
    snprintf(path, sizeof path, "%s/link.bin", sub);
    T_CHECK(symlink(outside, path) == 0);
    snprintf(path, sizeof path, "%s/d", sub);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/up", sub);
    T_CHECK(symlink(dir, path) == 0);

    T_EQ_U64(try_external(sub, "w.bin", 16, &m), HLN_OK);
    if (m) {
        T_CHECK(m->tensors[0].flags & HLN_TENSOR_EXTERNAL);
        T_EQ_U64(m->tensors[0].file, 1);
        T_EQ_U64(m->tensors[0].file_offset, 16);
        T_EQ_U64(m->files[1].size, sizeof w);
        T_CHECK(m->files[1].data == NULL);
        T_EQ_I64(kv_i64(m, "onnx.external_initializers"), 1);
        hln_model_free(m);
    }
    T_EQ_U64(try_external(sub, "./d/../w.bin", 0, NULL), HLN_ERR_PATH);     /* '..' even when it stays inside */
    T_EQ_U64(try_external(sub, "../secret.bin", 0, NULL), HLN_ERR_PATH);
    T_EQ_U64(try_external(sub, "d/../../secret.bin", 0, NULL), HLN_ERR_PATH);
    T_EQ_U64(try_external(sub, "..\\secret.bin", 0, NULL), HLN_ERR_PATH);
    T_EQ_U64(try_external(sub, outside, 0, NULL), HLN_ERR_PATH);           /* absolute */
    T_EQ_U64(try_external(sub, "C:/secret.bin", 0, NULL), HLN_ERR_PATH);
    T_EQ_U64(try_external(sub, "link.bin", 0, NULL), HLN_ERR_PATH);        /* symlink out of the folder */
    T_EQ_U64(try_external(sub, "up/secret.bin", 0, NULL), HLN_ERR_PATH);   /* symlinked folder */
    T_EQ_U64(try_external(sub, "nothere.bin", 0, NULL), HLN_ERR_PATH);
    T_EQ_U64(try_external(sub, "", 0, NULL), HLN_ERR_PATH);
    T_EQ_U64(try_external(sub, "w.bin", 17, NULL), HLN_ERR_TRUNCATED);     /* 16 bytes from 17 > 32 */
    T_EQ_U64(try_external(sub, "w.bin", UINT64_MAX - 4, NULL), HLN_ERR_TRUNCATED);
    {   /* from memory: no folder, the location is recorded, unsafe ones still rejected */
        pbuf b = PB0;
        hln_error err;
        build_external(&b, "w.bin", 0);
        T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_OK);
        if (m) { T_EQ_STR(m->files[1].path, "w.bin"); hln_model_free(m); }
        free(b.p);
        memset(&b, 0, sizeof b);
        build_external(&b, "../w.bin", 0);
        T_EQ_U64(hln_onnx_parse(NULL, b.p, b.n, &m, &err), HLN_ERR_PATH);
        free(b.p);
        {   /* from memory with a base folder: resolved and size-checked like load_file */
            hln_onnx_options o;
            memset(&o, 0, sizeof o);
            o.base_dir = sub;
            memset(&b, 0, sizeof b);
            build_external(&b, "w.bin", 16);
            T_EQ_U64(hln_onnx_parse(&o, b.p, b.n, &m, &err), HLN_OK);
            if (m) { T_EQ_U64(m->files[1].size, sizeof w); hln_model_free(m); }
            free(b.p);
            memset(&b, 0, sizeof b);
            build_external(&b, "link.bin", 0);
            T_EQ_U64(hln_onnx_parse(&o, b.p, b.n, &m, &err), HLN_ERR_PATH);
            free(b.p);
        }
    }
    {   /* cleanup */
        const char *names[] = { "m/w.bin", "m/link.bin", "m/up", "m/model.onnx", "secret.bin" };
        size_t i;
        for (i = 0; i < sizeof names / sizeof names[0]; i++) { snprintf(path, sizeof path, "%s/%s", dir, names[i]); unlink(path); }
        snprintf(path, sizeof path, "%s/m/d", dir); rmdir(path);
        rmdir(sub);
        rmdir(dir);
    }
#endif
}

int main(void) {
    T_RUN(test_varint);
    T_RUN(test_wire);
    T_RUN(test_handmade);
    T_RUN(test_cycle);
    T_RUN(test_negative_dims);
    T_RUN(test_ops);
    T_RUN(test_shape_chain);
    T_RUN(test_control_flow);
    T_RUN(test_shape_rules);
    T_RUN(test_fold_elementwise);
    T_RUN(test_scan8);
    T_RUN(test_loop_growing_state);
    T_RUN(test_defaults_and_formula);
    T_RUN(test_formula_work);
    T_RUN(test_weight_roles);
    T_RUN(test_corpus_counts);
    T_RUN(test_functions);
    T_RUN(test_external_paths);
    test_corpus();
    fprintf(stderr, "  macs: %d of %d files with expected MACs agree within 0.5%%\n", g_mac_ok, g_mac_files);
    return t_finish("test_onnx");
}
