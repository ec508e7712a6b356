/* Unit tests of haoline_report.h: every format survives hostile names (quotes, <, &,
   </script>, invalid UTF-8, control characters, U+2028, a 1 MB name) and stays parseable
   (the JSON is validated, the CSV parsed by RFC 4180, the HTML checked for escapes and balance);
   redaction leaves no name behind; the layout and activation curve of small graphs; raster
   size checks; PNG through stb_image_write when built with HLN_REPORT_PNG. */
#define HAOLINE_IMPLEMENTATION
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#ifdef HLN_REPORT_PNG
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include "stb_image_write.h"
#endif
#include "../haoline_report.h"
#include "test.h"

/* ---- a growable byte buffer, the reports' sink ---- */
typedef struct bytes { char *p; size_t n, cap; } bytes;
static int bytes_write(void *user, const void *p, size_t n) {
    bytes *b = (bytes *)user;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->n + n + 1) cap *= 2;
        b->p = (char *)realloc(b->p, cap);
        if (!b->p) return 0;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    b->p[b->n] = 0;
    return 1;
}
static int failing_write(void *user, const void *p, size_t n) { (void)user; (void)p; (void)n; return 0; }

typedef hln_result (*report_fn)(const hln_model *, const hln_report_options *, hln_write_fn, void *);
static bytes run_report(report_fn fn, const hln_model *m, const hln_report_options *ro) {
    bytes b = { 0, 0, 0 };
    hln_result r = fn(m, ro, bytes_write, &b);
    T_CHECKF(r == HLN_OK, "report failed: %s", hln_result_string(r));
    if (!b.p) bytes_write(&b, "", 0);
    return b;
}

/* ---- a JSON validator (RFC 8259 grammar; strings must be valid UTF-8) ---- */
typedef struct jp { const char *s; size_t n, i; int depth; } jp;
static void j_ws(jp *p) { while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\n' || p->s[p->i] == '\r' || p->s[p->i] == '\t')) p->i++; }
static int j_value(jp *p);
static int j_string(jp *p) {
    size_t start;
    if (p->i >= p->n || p->s[p->i] != '"') return 0;
    start = ++p->i;
    while (p->i < p->n && p->s[p->i] != '"') {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c < 0x20) return 0;
        if (c == '\\') {
            char e;
            if (++p->i >= p->n) return 0;
            e = p->s[p->i];
            if (e == 'u') {
                int k;
                for (k = 1; k <= 4; k++) {
                    char h = p->i + k < p->n ? p->s[p->i + k] : 0;
                    if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) return 0;
                }
                p->i += 4;
            } else if (!strchr("\"\\/bfnrt", e)) return 0;
        }
        p->i++;
    }
    if (p->i >= p->n) return 0;
    if (!hln_utf8_valid((const uint8_t *)p->s + start, p->i - start)) return 0;
    p->i++;
    return 1;
}
static int j_number(jp *p) {
    size_t st = p->i;
    if (p->i < p->n && p->s[p->i] == '-') p->i++;
    if (p->i >= p->n || !(p->s[p->i] >= '0' && p->s[p->i] <= '9')) return 0;
    if (p->s[p->i] == '0') p->i++; else while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (p->i >= p->n || !(p->s[p->i] >= '0' && p->s[p->i] <= '9')) return 0;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        if (p->i >= p->n || !(p->s[p->i] >= '0' && p->s[p->i] <= '9')) return 0;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    }
    return p->i > st;
}
static int j_lit(jp *p, const char *w) {
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0) return 0;
    p->i += k;
    return 1;
}
static int j_value(jp *p) {
    int ok = 1;
    j_ws(p);
    if (p->i >= p->n || ++p->depth > 200) return 0;
    switch (p->s[p->i]) {
    case '{':
        p->i++; j_ws(p);
        if (p->i < p->n && p->s[p->i] == '}') { p->i++; break; }
        for (;;) {
            j_ws(p);
            if (!j_string(p)) return 0;
            j_ws(p);
            if (p->i >= p->n || p->s[p->i++] != ':') return 0;
            if (!j_value(p)) return 0;
            j_ws(p);
            if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
            if (p->i < p->n && p->s[p->i] == '}') { p->i++; break; }
            return 0;
        }
        break;
    case '[':
        p->i++; j_ws(p);
        if (p->i < p->n && p->s[p->i] == ']') { p->i++; break; }
        for (;;) {
            if (!j_value(p)) return 0;
            j_ws(p);
            if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
            if (p->i < p->n && p->s[p->i] == ']') { p->i++; break; }
            return 0;
        }
        break;
    case '"': ok = j_string(p); break;
    case 't': ok = j_lit(p, "true"); break;
    case 'f': ok = j_lit(p, "false"); break;
    case 'n': ok = j_lit(p, "null"); break;
    default: ok = j_number(p);
    }
    p->depth--;
    return ok;
}
static int json_valid(const char *s, size_t n) {
    jp p;
    p.s = s; p.n = n; p.i = 0; p.depth = 0;
    if (!j_value(&p)) return 0;
    j_ws(&p);
    return p.i == n;
}

/* ---- an RFC 4180 CSV parser: fields unescaped, rows counted ---- */
typedef struct csv { char **f; size_t n_fields, cap; size_t rows, cols; int ragged, bad; } csv;
static void csv_add(csv *c, const char *s, size_t n) {
    if (c->n_fields == c->cap) { c->cap = c->cap ? c->cap * 2 : 256; c->f = (char **)realloc(c->f, c->cap * sizeof *c->f); }
    c->f[c->n_fields] = (char *)malloc(n + 1);
    memcpy(c->f[c->n_fields], s, n);
    c->f[c->n_fields][n] = 0;
    c->n_fields++;
}
static csv csv_parse(const char *s, size_t n) {
    csv c;
    size_t i = 0, row_fields = 0;
    char *tmp = (char *)malloc(n + 1);
    memset(&c, 0, sizeof c);
    while (i < n) {
        size_t k = 0;
        if (s[i] == '"') {
            i++;
            for (;;) {
                if (i >= n) { c.bad = 1; break; }
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') { tmp[k++] = '"'; i += 2; continue; }
                    i++;
                    break;
                }
                tmp[k++] = s[i++];
            }
        } else {
            while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
                if (s[i] == '"') c.bad = 1;   /* a quote inside an unquoted field */
                tmp[k++] = s[i++];
            }
        }
        csv_add(&c, tmp, k);
        row_fields++;
        if (i < n && s[i] == ',') { i++; continue; }
        if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n') i += 2;
        else if (i < n) { c.bad = 1; break; }   /* rows end with CRLF */
        if (!c.rows) c.cols = row_fields; else if (row_fields != c.cols) c.ragged = 1;
        c.rows++;
        row_fields = 0;
    }
    if (row_fields) c.bad = 1;   /* last row without CRLF */
    free(tmp);
    return c;
}
static void csv_free(csv *c) { size_t i; for (i = 0; i < c->n_fields; i++) free(c->f[i]); free(c->f); }
static const char *csv_at(const csv *c, size_t row, size_t col) {
    size_t i = row * c->cols + col;
    return i < c->n_fields ? c->f[i] : "";
}

/* ---- hostile names ---- */
static char *big_name;
static const char *const hostile[] = {
    "plain.weight",
    "quote\"d 'single' back\\slash",
    "<script>alert(1)</script>",
    "a&b&amp;<b>bold</b>",
    "</script><script>alert(2)</script><!--",
    "bad\xff\xfe utf8 \xc0\xaf overlong \xed\xa0\x80 surrogate \xe6\x97",
    "ctl\x01\x1b[31m\x7f end",
    "line\nbreak\rreturn\ttab",
    "sep\xe2\x80\xa8para\xe2\x80\xa9",
    "comma,separated,\"quoted\"",
    "=HYPERLINK(\"http://x\")",
    "blk.0.attn_q.weight",
    "blk.1.ffn_up.weight",
    NULL   /* the 1 MB name */
};
#define N_HOSTILE (sizeof hostile / sizeof hostile[0])

static int64_t dims_2x4[2] = { 2, 4 };

static hln_model *hostile_model(int with_graph) {
    hln_model *m = NULL;
    uint32_t i;
    hln_kv *kv;
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return NULL;
    m->format = HLN_FORMAT_GGUF;
    m->version = 3;
    m->n_tensors = (uint32_t)N_HOSTILE;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, N_HOSTILE, sizeof(hln_tensor));
    for (i = 0; i < N_HOSTILE; i++) {
        hln_tensor *t = &m->tensors[i];
        t->name = hostile[i] ? hostile[i] : big_name;
        t->dtype = i % 3 == 0 ? HLN_DTYPE_F32 : i % 3 == 1 ? HLN_DTYPE_F16 : HLN_DTYPE_Q8_0;
        t->n_dims = 2;
        t->dims = dims_2x4;
        t->n_elements = 8;
        t->n_bytes = t->dtype == HLN_DTYPE_F32 ? 32 : 16;
        t->offset = 64 * i;
        t->native_type = -1;
    }
    m->n_kv = 3;
    m->kv = kv = (hln_kv *)hln_arena_array(&m->arena, 3, sizeof(hln_kv));
    kv[0].key = "general.architecture"; kv[0].type = HLN_KV_STRING; kv[0].v.s.ptr = "llama"; kv[0].v.s.len = 5;
    kv[1].key = "general.name"; kv[1].type = HLN_KV_STRING; kv[1].v.s.ptr = hostile[4]; kv[1].v.s.len = strlen(hostile[4]);
    kv[2].key = "</script>key\xff"; kv[2].type = HLN_KV_U32; kv[2].v.u = 7;
    if (with_graph) {
        /* x -> [n0 MatMul w] -> v1 -> [n1 Add] -> v2 -> [n2 Relu] -> y, names hostile */
        hln_graph *g = (hln_graph *)hln_arena_alloc(&m->arena, sizeof *g);
        static const char *const ops[3] = { "MatMul", "<img src=x onerror=alert(3)>", "Relu\xff" };
        hln_dim *d = (hln_dim *)hln_arena_array(&m->arena, 2, sizeof(hln_dim));
        d[0].value = -1; d[0].param = "</script>batch";
        d[1].value = 4;
        g->n_values = 5;
        g->values = (hln_value *)hln_arena_array(&m->arena, 5, sizeof(hln_value));
        for (i = 0; i < 5; i++) {
            hln_value *v = &g->values[i];
            v->name = hostile[(i + 3) % (N_HOSTILE - 1)];
            v->dtype = HLN_DTYPE_F32;
            v->shape.rank = 2;
            v->shape.dims = d;
            v->tensor = -1;
            v->producer = -1;
            v->outer = -1;
            v->inferred.rank = -1;
        }
        g->values[4].tensor = 0;   /* the weight */
        g->n_nodes = 3;
        g->nodes = (hln_node *)hln_arena_array(&m->arena, 3, sizeof(hln_node));
        for (i = 0; i < 3; i++) {
            hln_node *n = &g->nodes[i];
            n->name = hostile[(i + 1) % (N_HOSTILE - 1)];
            n->op_type = ops[i];
            n->n_inputs = i == 0 ? 2 : 1;
            n->inputs = (int32_t *)hln_arena_array(&m->arena, 2, sizeof(int32_t));
            n->inputs[0] = (int32_t)i;
            n->inputs[1] = 4;
            n->n_outputs = 1;
            n->outputs = (int32_t *)hln_arena_array(&m->arena, 1, sizeof(int32_t));
            n->outputs[0] = (int32_t)i + 1;
            g->values[i + 1].producer = (int32_t)i;
            n->macs = 32 * (i + 1);
            n->flops = 64 * (i + 1);
            n->params = i == 0 ? 8 : 0;
        }
        g->n_inputs = 1;
        g->inputs = (int32_t *)hln_arena_array(&m->arena, 1, sizeof(int32_t));
        g->inputs[0] = 0;
        g->n_outputs = 1;
        g->outputs = (int32_t *)hln_arena_array(&m->arena, 1, sizeof(int32_t));
        g->outputs[0] = 3;
        m->graph = g;
        m->format = HLN_FORMAT_ONNX;
    }
    return m;
}

static size_t count_ci(const char *hay, size_t n, const char *needle) {
    size_t k = strlen(needle), i, c = 0, j;
    for (i = 0; i + k <= n; i++) {
        for (j = 0; j < k; j++) {
            char a = hay[i + j], b = needle[j];
            if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
            if (a != b) break;
        }
        if (j == k) c++;
    }
    return c;
}
static int no_controls(const char *s, size_t n, int allow_cr) {
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && !(allow_cr && c == '\r')) || c == 0x7F) {
            fprintf(stderr, "  control byte 0x%02x at %u: %.60s\n", c, (unsigned)i, s + (i > 30 ? i - 30 : 0));
            return 0;
        }
    }
    return 1;
}

/* The checks every HTML page passes. */
static void check_html(const bytes *h, int with_data) {
    const char *data, *end;
    T_CHECK(hln_utf8_valid((const uint8_t *)h->p, h->n));
    T_CHECK(no_controls(h->p, h->n, 0));
    T_CHECK(strncmp(h->p, "<!DOCTYPE html>", 15) == 0);
    T_CHECK(strstr(h->p, "</html>") != NULL);
    /* only the report's own script elements, each closed */
    T_EQ_U64(count_ci(h->p, h->n, "<script"), with_data ? 2 : 1);
    T_EQ_U64(count_ci(h->p, h->n, "</script"), with_data ? 2 : 1);
    T_EQ_U64(count_ci(h->p, h->n, "<img"), 0);
    T_EQ_U64(count_ci(h->p, h->n, "<b>"), 0);
    T_EQ_U64(count_ci(h->p, h->n, "<!--"), 0);
    T_EQ_U64(count_ci(h->p, h->n, "<svg"), count_ci(h->p, h->n, "</svg>"));
    T_EQ_U64(count_ci(h->p, h->n, "<figure"), count_ci(h->p, h->n, "</figure>"));
    T_EQ_U64(count_ci(h->p, h->n, "<table"), count_ci(h->p, h->n, "</table>"));
    T_EQ_U64(count_ci(h->p, h->n, "<div"), count_ci(h->p, h->n, "</div>"));
    T_EQ_U64(count_ci(h->p, h->n, "<section"), count_ci(h->p, h->n, "</section>"));
    T_CHECK(strstr(h->p, "\xe2\x80\xa8") == NULL && strstr(h->p, "\xe2\x80\xa9") == NULL);
    T_CHECK(strstr(h->p, "default-src 'none'") != NULL);                              /* no fetch can happen */
    if (!with_data) return;
    data = strstr(h->p, "<script type=\"application/json\" id=\"hln-data\">");
    T_CHECK(data != NULL);
    if (!data) return;
    data = strchr(data, '>') + 1;
    end = strstr(data, "</script>");
    T_CHECK(end != NULL);
    if (!end) return;
    T_CHECK(json_valid(data, (size_t)(end - data)));
    T_CHECK(memchr(data, '<', (size_t)(end - data)) == NULL);
    T_CHECK(memchr(data, '>', (size_t)(end - data)) == NULL);
}

static void test_hostile_names(void) {
    int with_graph;
    for (with_graph = 0; with_graph <= 1; with_graph++) {
        hln_model *m = hostile_model(with_graph);
        hln_report_options ro;
        bytes j, md, c, cn, h;
        csv t;
        size_t i;
        if (!m) return;
        memset(&ro, 0, sizeof ro);
        ro.file_name = "<script>file</script>.gguf";
        j = run_report(hln_report_json, m, &ro);
        T_CHECKF(json_valid(j.p, j.n), "JSON report does not parse (graph %d)", with_graph);
        T_CHECK(hln_utf8_valid((const uint8_t *)j.p, j.n));
        md = run_report(hln_report_markdown, m, &ro);
        T_CHECK(hln_utf8_valid((const uint8_t *)md.p, md.n));
        T_CHECK(no_controls(md.p, md.n, 0));
        c = run_report(hln_report_csv, m, &ro);
        T_CHECK(hln_utf8_valid((const uint8_t *)c.p, c.n));
        t = csv_parse(c.p, c.n);
        T_CHECK(!t.bad && !t.ragged);
        T_EQ_U64(t.cols, 7);
        T_EQ_U64(t.rows, N_HOSTILE + 1);
        T_EQ_STR(csv_at(&t, 0, 0), "name");
        T_EQ_STR(csv_at(&t, 0, 6), "role");
        T_EQ_STR(csv_at(&t, 1, 6), "weight");
        T_EQ_STR(csv_at(&t, 1, 0), "plain.weight");
        T_EQ_STR(csv_at(&t, 3, 0), "<script>alert(1)</script>");
        T_EQ_STR(csv_at(&t, 8, 0), "line\nbreak\rreturn\ttab");
        T_EQ_STR(csv_at(&t, 10, 0), "comma,separated,\"quoted\"");
        T_EQ_STR(csv_at(&t, 11, 0), "'=HYPERLINK(\"http://x\")");   /* guarded */
        T_EQ_STR(csv_at(&t, 6, 0), "bad\xef\xbf\xbd\xef\xbf\xbd utf8 \xef\xbf\xbd\xef\xbf\xbd overlong \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd surrogate \xef\xbf\xbd\xef\xbf\xbd");
        T_EQ_STR(csv_at(&t, 2, 2), "[2, 4]");
        T_EQ_STR(csv_at(&t, 2, 4), "16");
        T_EQ_U64(strlen(csv_at(&t, N_HOSTILE, 0)), strlen(big_name));
        csv_free(&t);
        cn = run_report(hln_report_csv_nodes, m, &ro);
        t = csv_parse(cn.p, cn.n);
        T_CHECK(!t.bad && !t.ragged);
        T_EQ_U64(t.cols, 8);
        T_EQ_U64(t.rows, with_graph ? 4 : 1);
        if (with_graph) {
            T_EQ_STR(csv_at(&t, 1, 0), hostile[1]);
            T_EQ_STR(csv_at(&t, 1, 1), "MatMul");
            T_EQ_STR(csv_at(&t, 1, 4), "[</script>batch, 4]");
            T_EQ_STR(csv_at(&t, 1, 5), "32");
            T_EQ_STR(csv_at(&t, 3, 7), "0");
        }
        csv_free(&t);
        h = run_report(hln_report_html, m, &ro);
        check_html(&h, 1);
        T_CHECK(strstr(h.p, "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;!--") != NULL);   /* metadata, as text */
        if (with_graph) T_CHECK(strstr(h.p, "&lt;img src=x onerror=alert(3)&gt;") != NULL);   /* an op type in a chart */
        ro.summary_only = 1;
        free(h.p);
        h = run_report(hln_report_html, m, &ro);
        check_html(&h, 0);
        for (i = 0; i < N_HOSTILE - 1; i++) if (strlen(hostile[i]) > 12) T_CHECK(strstr(h.p, hostile[i]) == NULL || i == 0);
        free(j.p); free(md.p); free(c.p); free(cn.p); free(h.p);
        hln_model_free(m);
    }
}

/* redact_names: no name from the model in any output, ids stable across runs and formats */
static void test_redaction(void) {
    static const char *const secret[] = { "secret_tensor_alpha", "blk.0.secret_tensor_beta", "secret_node_gamma",
                                          "secret_value_delta", "secret_file_eps.gguf", "secret_model_name" };
    hln_model *m = hostile_model(1);
    hln_report_options ro;
    report_fn fns[5];
    int f, k;
    size_t s;
    bytes first[5];
    if (!m) return;
    fns[0] = hln_report_json; fns[1] = hln_report_markdown; fns[2] = hln_report_csv; fns[3] = hln_report_csv_nodes; fns[4] = hln_report_html;
    m->tensors[0].name = secret[0];
    m->tensors[11].name = secret[1];
    m->graph->nodes[1].name = secret[2];
    m->graph->values[2].name = secret[3];
    m->kv[1].v.s.ptr = secret[5];
    m->kv[1].v.s.len = strlen(secret[5]);
    memset(&ro, 0, sizeof ro);
    ro.file_name = secret[4];
    ro.redact_names = 1;
    for (k = 0; k < 2; k++) {
        for (f = 0; f < 5; f++) {
            bytes b = run_report(fns[f], m, &ro);
            for (s = 0; s < sizeof secret / sizeof secret[0]; s++)
                T_CHECKF(strstr(b.p, secret[s]) == NULL, "format %d leaks %s", f, secret[s]);
            T_CHECKF(strstr(b.p, "secret") == NULL, "format %d leaks part of a name", f);
            for (s = 1; s < N_HOSTILE - 1; s++)
                T_CHECKF(strstr(b.p, hostile[s]) == NULL, "format %d leaks hostile[%u]", f, (unsigned)s);
            T_CHECK(strstr(b.p, big_name) == NULL);
            if (f == 0) T_CHECK(strstr(b.p, "\"t0\"") && strstr(b.p, "\"n1\"") && strstr(b.p, "\"v2\""));
            if (f == 2) T_CHECK(strstr(b.p, "\r\nt0,") != NULL);
            if (f == 4) T_CHECK(strstr(b.p, "[\"t0\",") != NULL && strstr(b.p, "[\"n1\",") != NULL);
            if (k == 0) first[f] = b;
            else {
                T_CHECKF(b.n == first[f].n && memcmp(b.p, first[f].p, b.n) == 0, "format %d differs between runs", f);
                free(first[f].p);
                free(b.p);
            }
        }
    }
    m->tensors[0].name = hostile[0];
    hln_model_free(m);
}

/* Layout of a diamond a -> {b, c} -> d with a lone source s feeding d: layers by longest path,
   sources next to their consumer, b and c side by side; the activation curve. */
static void test_layout_and_activations(void) {
    hln_model *m = NULL;
    hln_graph *g;
    hln_report__rep r;
    hln_report_options ro;
    uint32_t i;
    static const char *const names[5] = { "a", "blk.0/b", "blk.0/c", "d", "s" };
    static hln_dim d8 = { 8, NULL };
    /* values: 0 in, 1 a->, 2 b->, 3 c->, 4 d-> (out), 5 s-> */
    static const int32_t ins[5][2] = { { 0, -1 }, { 1, -1 }, { 1, -1 }, { 2, 3 }, { -1, -1 } };
    memset(&ro, 0, sizeof ro);
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return;
    m->format = HLN_FORMAT_ONNX;
    m->graph = g = (hln_graph *)hln_arena_alloc(&m->arena, sizeof *g);
    g->n_values = 6;
    g->values = (hln_value *)hln_arena_array(&m->arena, 6, sizeof(hln_value));
    for (i = 0; i < 6; i++) {
        g->values[i].name = "v";
        g->values[i].dtype = HLN_DTYPE_F32;   /* 8 floats: 32 bytes each */
        g->values[i].shape.rank = 1;
        g->values[i].shape.dims = &d8;
        g->values[i].tensor = -1;
        g->values[i].producer = i ? (int32_t)i - 1 : -1;
    }
    g->n_nodes = 5;
    g->nodes = (hln_node *)hln_arena_array(&m->arena, 5, sizeof(hln_node));
    for (i = 0; i < 5; i++) {
        hln_node *n = &g->nodes[i];
        n->name = names[i];
        n->op_type = i == 3 ? "Add" : "Relu";
        n->inputs = (int32_t *)hln_arena_array(&m->arena, 3, sizeof(int32_t));
        n->inputs[0] = ins[i][0];
        n->inputs[1] = ins[i][1];
        n->n_inputs = ins[i][1] >= 0 ? 2 : ins[i][0] >= 0 ? 1 : 0;
        n->outputs = (int32_t *)hln_arena_array(&m->arena, 1, sizeof(int32_t));
        n->outputs[0] = (int32_t)i + 1;
        n->n_outputs = 1;
        n->macs = 10;
    }
    g->nodes[3].inputs[2] = 5;   /* d also reads s */
    g->nodes[3].n_inputs = 3;
    g->n_inputs = 1;
    g->inputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
    g->n_outputs = 1;
    g->outputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
    g->outputs[0] = 4;
    T_CHECK(hln_report__rep_init(&r, m, &ro) == HLN_OK);
    T_EQ_U64(r.row[0], 0);
    T_EQ_U64(r.row[1], 1);
    T_EQ_U64(r.row[2], 1);
    T_EQ_U64(r.row[3], 2);
    T_EQ_U64(r.row[4], 1);            /* the source sits just above its consumer */
    T_EQ_U64(r.n_rows, 3);
    T_CHECK(r.x[1] != r.x[2] && r.x[1] != r.x[4] && r.x[2] != r.x[4]);
    T_EQ_U64(r.n_edges, 5);
    T_EQ_U64(r.n_groups, 1);          /* blk.0/b and blk.0/c */
    T_CHECK(r.group[1] == 0 && r.group[2] == 0 && r.group[0] == -1);
    T_EQ_U64(r.macs, 50);
    T_EQ_U64(r.n_ops, 2);
    T_EQ_STR(r.ops[0].op, "Relu");    /* most MACs first */
    /* order a, s, b, c, d; at c: a's, s's, b's and c's outputs are live = 4 * 32 bytes */
    T_EQ_U64(r.topo[1], 4);
    T_EQ_U64(r.live_peak, 4 * 32);
    T_CHECK(r.n_charts >= 3);
    hln_report__rep_free(&r);
    /* a cycle (malformed file) still lays out every node once */
    g->values[1].producer = 3;
    T_CHECK(hln_report__rep_init(&r, m, &ro) == HLN_OK);
    {
        uint32_t seen = 0;
        for (i = 0; i < 5; i++) seen |= 1u << r.topo[i];
        T_EQ_U64(seen, 31);
    }
    hln_report__rep_free(&r);
    hln_model_free(m);
}

static void test_raster(void) {
    hln_model *m = hostile_model(1);
    hln_report_options ro;
    unsigned char *rgb;
    const char *name = NULL;
    uint32_t n, k;
    size_t i, dark = 0;
    memset(&ro, 0, sizeof ro);
    if (!m) return;
    n = hln_report_chart_count(m, &ro);
    T_CHECK(n >= 4);
    /* absurd sizes are refused before anything is touched: NULL buffers prove it */
    T_CHECK(hln_report_chart_raster(m, &ro, 0, 0, 100, NULL, 0, &name) == HLN_ERR_RANGE);
    T_CHECK(hln_report_chart_raster(m, &ro, 0, 100, -5, NULL, 0, &name) == HLN_ERR_RANGE);
    T_CHECK(hln_report_chart_raster(m, &ro, 0, 1 << 30, 1 << 30, NULL, SIZE_MAX, &name) == HLN_ERR_RANGE);
    T_CHECK(hln_report_chart_raster(m, &ro, 0, HLN_REPORT_MAX_SIDE + 1, 64, NULL, SIZE_MAX, &name) == HLN_ERR_RANGE);
    T_CHECK(hln_report_chart_raster(m, &ro, 0, 200, 100, NULL, 200 * 100 * 3, &name) == HLN_ERR_RANGE);
    rgb = (unsigned char *)malloc(320 * 200 * 3);
    T_CHECK(hln_report_chart_raster(m, &ro, 0, 320, 200, rgb, 320 * 200 * 3 - 1, &name) == HLN_ERR_RANGE);
    T_CHECK(hln_report_chart_raster(m, &ro, n, 320, 200, rgb, 320 * 200 * 3, &name) == HLN_ERR_RANGE);
    for (k = 0; k < n; k++) {
        T_CHECK(hln_report_chart_raster(m, &ro, k, 320, 200, rgb, 320 * 200 * 3, &name) == HLN_OK);
        T_CHECK(name != NULL);
        for (i = 0, dark = 0; i < (size_t)320 * 200 * 3; i += 3) if (rgb[i] < 200) dark++;
        T_CHECKF(dark > 200, "chart %u (%s) is blank", k, name ? name : "?");
    }
    free(rgb);
#ifdef HLN_REPORT_PNG
    {
        bytes png = { 0, 0, 0 };
        T_CHECK(hln_report_png(m, &ro, 0, 400, 240, bytes_write, &png) == HLN_OK);
        T_CHECK(png.n > 100 && memcmp(png.p, "\x89PNG\r\n\x1a\n", 8) == 0);
        T_CHECK(hln_report_png(m, &ro, 0, 100000, 240, bytes_write, &png) == HLN_ERR_RANGE);
        T_CHECK(hln_report_png_charts(m, &ro, 70000, 70000, NULL, NULL) == HLN_ERR_RANGE);
        free(png.p);
    }
#endif
    hln_model_free(m);
}

static void test_sink_failure(void) {
    hln_model *m = hostile_model(1);
    report_fn fns[5];
    int f;
    if (!m) return;
    fns[0] = hln_report_json; fns[1] = hln_report_markdown; fns[2] = hln_report_csv; fns[3] = hln_report_csv_nodes; fns[4] = hln_report_html;
    for (f = 0; f < 5; f++) T_CHECKF(fns[f](m, NULL, failing_write, NULL) == HLN_ERR_IO, "format %d", f);
    hln_model_free(m);
}

/* A real model: the page's data parses and has every tensor; redacted it keeps the counts. */
static void test_corpus_gguf(void) {
    char path[1024];
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options opts;
    hln_report_options ro;
    bytes h, c;
    csv t;
    size_t size = 0;
    unsigned char *file;
    memset(&opts, 0, sizeof opts);
    memset(&ro, 0, sizeof ro);
    snprintf(path, sizeof path, "%s/gguf/generated/tinyllama-Q4_K_M.gguf", t_corpus());
    file = t_read_file(path, &size);   /* the buffer entry point: the model is views of it */
    if (!file) { T_SKIP("corpus missing"); return; }
    if (hln_gguf_parse(&opts, file, size, &m, &err) != HLN_OK) { T_CHECK(0); free(file); return; }
    ro.file_name = "tinyllama-Q4_K_M.gguf";
    h = run_report(hln_report_html, m, &ro);
    check_html(&h, 1);
    T_CHECK(strstr(h.p, "data-chart=\"kv_cache\"") != NULL);
    T_CHECK(strstr(h.p, "data-chart=\"params_per_layer\"") != NULL);
    T_CHECK(strstr(h.p, "[\"blk.1.ffn_down.weight\",") != NULL);
    c = run_report(hln_report_csv, m, &ro);
    t = csv_parse(c.p, c.n);
    T_CHECK(!t.bad && !t.ragged);
    T_EQ_U64(t.rows, m->n_tensors + 1);
    csv_free(&t);
    free(h.p);
    free(c.p);
    hln_model_free(m);
    free(file);
}

/* 20,000 nodes in a chain of named blocks: the page stays under 10 MB and its data parses;
   written to build/test-report-20000.html for tests/browser.py. */
static void test_big_graph(void) {
    static const char *const ops[3] = { "MatMul", "Add", "Relu" };
    const uint32_t n = 20000;
    hln_model *m = NULL;
    hln_graph *g;
    hln_report_options ro;
    static hln_dim act[2] = { { 1, NULL }, { 256, NULL } };
    bytes h;
    uint32_t i;
    FILE *f;
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return;
    m->format = HLN_FORMAT_ONNX;
    m->graph = g = (hln_graph *)hln_arena_alloc(&m->arena, sizeof *g);
    g->n_values = n + 1;
    g->values = (hln_value *)hln_arena_array(&m->arena, n + 1, sizeof(hln_value));
    g->n_nodes = n;
    g->nodes = (hln_node *)hln_arena_array(&m->arena, n, sizeof(hln_node));
    for (i = 0; i <= n; i++) {
        hln_value *v = &g->values[i];
        char name[48];
        int k = snprintf(name, sizeof name, "block.%u/out%u", i / 3, i);
        v->name = hln_arena_strndup(&m->arena, name, (size_t)k);
        v->dtype = HLN_DTYPE_F32;
        v->shape.rank = 2;
        v->shape.dims = act;
        v->tensor = v->outer = -1;
        v->producer = i ? (int32_t)i - 1 : -1;
    }
    for (i = 0; i < n; i++) {
        hln_node *nd = &g->nodes[i];
        char name[48];
        int k = snprintf(name, sizeof name, "block.%u/%s", i / 3, ops[i % 3]);
        nd->name = hln_arena_strndup(&m->arena, name, (size_t)k);
        nd->op_type = ops[i % 3];
        nd->inputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
        nd->outputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
        nd->inputs[0] = (int32_t)i;
        nd->outputs[0] = (int32_t)i + 1;
        nd->n_inputs = nd->n_outputs = 1;
        nd->macs = i % 3 == 0 ? 65536 : 0;
    }
    g->n_outputs = 1;
    g->outputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
    g->outputs[0] = (int32_t)n;
    g->n_inputs = 1;
    g->inputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
    memset(&ro, 0, sizeof ro);
    ro.file_name = "synthetic-20000-nodes.onnx";
    h = run_report(hln_report_html, m, &ro);
    T_CHECKF(h.n < 10u * 1000 * 1000, "%u bytes", (unsigned)h.n);
    check_html(&h, 1);
    T_CHECK(strstr(h.p, "data-node-count=\"20000\"") != NULL);
    f = fopen("build/test-report-20000.html", "wb");
    if (f) { fwrite(h.p, 1, h.n, f); fclose(f); }
    free(h.p);
    hln_model_free(m);
}

/* One units convention (issue 9, item 19): SI prefixes for counts, binary ones for bytes, and
   "B" only ever for bytes; long names elided in the middle so rows stay distinct (item 18). */
static void test_units_and_elision(void) {
    char buf[64];
    bytes b = { 0, 0, 0 };
    hln_report__out *o;
    hln_report_fmt_count(buf, sizeof buf, 1.81e9); T_EQ_STR(buf, "1.81 G");
    hln_report_fmt_count(buf, sizeof buf, 70.55e9); T_EQ_STR(buf, "70.55 G");
    hln_report_fmt_count(buf, sizeof buf, 1500.0); T_EQ_STR(buf, "1.50 k");
    hln_report_fmt_count(buf, sizeof buf, 2.5e12); T_EQ_STR(buf, "2.50 T");
    hln_report_fmt_count(buf, sizeof buf, 999.0); T_EQ_STR(buf, "999");
    hln_report_fmt_bytes(buf, sizeof buf, 512.0); T_EQ_STR(buf, "512 B");
    hln_report_fmt_bytes(buf, sizeof buf, 1536.0); T_EQ_STR(buf, "1.5 KiB");
    hln_report_fmt_bytes(buf, sizeof buf, 1.81e9); T_EQ_STR(buf, "1.7 GiB");
    o = hln_report__out_new(NULL, bytes_write, &b);
    T_CHECK(o != NULL);
    if (!o) return;
    hln_report__out_html_n(o, "StatefulPartitionedCall/functional_1/conv2d_12/Conv2D", 53, 26);
    hln_report__out_c(o, '|');
    hln_report__out_html_n(o, "StatefulPartitionedCall/functional_1/conv2d_13/Conv2D", 53, 26);
    hln_report__out_c(o, '|');
    hln_report__out_html_n(o, "short<name>", 11, 26);
    hln_report__out_c(o, '|');
    hln_report__out_html_n(o, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 20, 6);   /* 10 x U+00E9 */
    T_EQ_U64(hln_report__out_done(o), HLN_OK);
    T_EQ_STR(b.p, "Stateful\xe2\x80\xa6/conv2d_12/Conv2D|Stateful\xe2\x80\xa6/conv2d_13/Conv2D|short&lt;name&gt;|"
                  "\xc3\xa9\xe2\x80\xa6\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
    free(b.p);
}

int main(void) {
    big_name = (char *)malloc((1 << 20) + 1);
    {
        size_t i;
        for (i = 0; i < (1u << 20); i++) big_name[i] = "<&\"x'>"[i % 6];
        big_name[1 << 20] = 0;
    }
    T_RUN(test_hostile_names);
    T_RUN(test_units_and_elision);
    T_RUN(test_redaction);
    T_RUN(test_layout_and_activations);
    T_RUN(test_raster);
    T_RUN(test_sink_failure);
    T_RUN(test_corpus_gguf);
    T_RUN(test_big_graph);
    free(big_name);
    return t_finish("test_report");
}
