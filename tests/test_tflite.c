/* tests/test_tflite.c - the TFLite reader: the FlatBuffer verifier on hand-built buffers,
 * every corpus model and every tflite/bad file, MACs of CONV_2D / DEPTHWISE_CONV_2D /
 * FULLY_CONNECTED checked by hand on small corpus models, subgraphs, offset/size buffers,
 * a model at an odd offset inside a bundle. */
#define _DEFAULT_SOURCE
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_tflite.h"
#include "test.h"
#include <dirent.h>

/* ---- a tiny forward FlatBuffer writer for crafted inputs ----------------------------------
   Each table: a vtable (4 + 2 * slots bytes), then the 8-aligned table: soffset, 4 bytes of
   padding, one 8-byte cell per slot (so every scalar, u64 included, is aligned). Offsets point
   forward: parents are written first and patched when their children are placed. */
typedef struct fb { uint8_t *b; uint32_t n, cap; } fb;

static void fb_init(fb *f, uint32_t cap, int identifier) {
    f->b = (uint8_t *)calloc(cap, 1);
    f->cap = cap;
    f->n = 8;   /* root offset, identifier */
    if (identifier) memcpy(f->b + 4, "TFL3", 4);
}
static void fb_put32(fb *f, uint32_t at, uint32_t v) { unsigned k; for (k = 0; k < 4; k++) f->b[at + k] = (uint8_t)(v >> (8 * k)); }
static void fb_put16(fb *f, uint32_t at, uint32_t v) { f->b[at] = (uint8_t)v; f->b[at + 1] = (uint8_t)(v >> 8); }
static void fb_put64(fb *f, uint32_t at, uint64_t v) { unsigned k; for (k = 0; k < 8; k++) f->b[at + k] = (uint8_t)(v >> (8 * k)); }
static uint32_t fb_alloc(fb *f, uint32_t bytes, uint32_t align) {
    uint32_t at = (f->n + align - 1) / align * align;
    f->n = at + bytes;
    return at;
}
/* A table with room for slots [0, slots), all absent until set; returns its position. */
static uint32_t fb_table(fb *f, uint32_t slots) {
    uint32_t vt = fb_alloc(f, 4 + 2 * slots, 2), t;
    t = fb_alloc(f, 8 + 8 * slots, 8);
    fb_put16(f, vt, 4 + 2 * slots);
    fb_put16(f, vt + 2, 8 + 8 * slots);
    fb_put32(f, t, t - vt);
    return t;
}
/* The cell of a slot, which setting marks present in the table's vtable. */
static uint32_t fb_cell(fb *f, uint32_t table, uint32_t slot) {
    uint32_t vt = table - (uint32_t)hln__load_uint(f->b + table, 4, 0);
    fb_put16(f, vt + 4 + 2 * slot, 8 + 8 * slot);
    return table + 8 + 8 * slot;
}
static void fb_ref(fb *f, uint32_t at, uint32_t target) { fb_put32(f, at, target - at); }
static void fb_set(fb *f, uint32_t table, uint32_t slot, uint32_t v) { fb_put32(f, fb_cell(f, table, slot), v); }
static void fb_set_ref(fb *f, uint32_t table, uint32_t slot, uint32_t target) { fb_ref(f, fb_cell(f, table, slot), target); }
static uint32_t fb_vec(fb *f, uint32_t n) {   /* a vector of n 4-byte elements */
    uint32_t v = fb_alloc(f, 4 + 4 * n, 4);
    fb_put32(f, v, n);
    return v;
}
static uint32_t fb_ints(fb *f, uint32_t n, const int32_t *x) {
    uint32_t v = fb_vec(f, n), k;
    for (k = 0; k < n; k++) fb_put32(f, v + 4 + 4 * k, (uint32_t)x[k]);
    return v;
}
static uint32_t fb_str(fb *f, const char *s) {
    uint32_t len = (uint32_t)strlen(s), v = fb_alloc(f, 4 + len + 1, 4);
    fb_put32(f, v, len);
    memcpy(f->b + v + 4, s, len + 1);
    return v;
}

static int32_t op_code(const char *name) {
    int32_t c;
    for (c = 0; hln_tflite_builtin_name(c); c++) if (strcmp(hln_tflite_builtin_name(c), name) == 0) return c;
    return -1;
}

/* Model{version 3, operator_codes [op], subgraphs [SubGraph{tensors [t0 [1,4] buffer tb],
   inputs [0], outputs [0], operators [Operator{0, [0], [0]}]}], buffers [B0, B1]}; the
   operator and buffer 1 tables are returned for the cases to fill in. */
typedef struct fb_model { uint32_t model, op, buffer1, opcode; } fb_model;
static fb_model fb_basic(fb *f, const char *op, uint32_t tensor_buffer) {
    fb_model r;
    uint32_t codes, sgs, sg, tensors, tensor, ops, bufs, b0;
    int32_t zero = 0, shape[2] = { 1, 4 };
    r.model = fb_table(f, 5);
    fb_ref(f, 0, r.model);
    fb_set(f, r.model, 0, 3);
    codes = fb_vec(f, 1);
    fb_set_ref(f, r.model, 1, codes);
    r.opcode = fb_table(f, 4);
    fb_ref(f, codes + 4, r.opcode);
    fb_set(f, r.opcode, 3, (uint32_t)op_code(op));
    sgs = fb_vec(f, 1);
    fb_set_ref(f, r.model, 2, sgs);
    sg = fb_table(f, 5);
    fb_ref(f, sgs + 4, sg);
    tensors = fb_vec(f, 1);
    fb_set_ref(f, sg, 0, tensors);
    tensor = fb_table(f, 4);
    fb_ref(f, tensors + 4, tensor);
    fb_set_ref(f, tensor, 0, fb_ints(f, 2, shape));
    fb_set(f, tensor, 2, tensor_buffer);
    fb_set_ref(f, tensor, 3, fb_str(f, "t0"));
    fb_set_ref(f, sg, 1, fb_ints(f, 1, &zero));
    fb_set_ref(f, sg, 2, fb_ints(f, 1, &zero));
    ops = fb_vec(f, 1);
    fb_set_ref(f, sg, 3, ops);
    r.op = fb_table(f, 5);
    fb_ref(f, ops + 4, r.op);
    fb_set_ref(f, r.op, 1, fb_ints(f, 1, &zero));
    fb_set_ref(f, r.op, 2, fb_ints(f, 1, &zero));
    bufs = fb_vec(f, 2);
    fb_set_ref(f, r.model, 4, bufs);
    b0 = fb_table(f, 3);
    fb_ref(f, bufs + 4, b0);
    r.buffer1 = fb_table(f, 3);
    fb_ref(f, bufs + 8, r.buffer1);
    return r;
}

static hln_result parse(const fb *f, uint32_t size, hln_model **m, hln_error *err) {
    hln_tflite_options o;
    memset(&o, 0, sizeof o);
    memset(err, 0, sizeof *err);
    return hln_tflite_parse(&o, f->b, size, m, err);
}

/* ---- the verifier ---- */
static void test_minimal_and_identifier(void) {
    fb f;
    hln_model *m = NULL;
    hln_error err;
    uint32_t t;
    fb_init(&f, 256, 1);
    t = fb_table(&f, 1);
    fb_ref(&f, 0, t);
    fb_set(&f, t, 0, 3);
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    if (m) { T_EQ_U64(m->version, 3); T_CHECK(m->graph == NULL); T_EQ_U64(m->n_tensors, 0); hln_model_free(m); }
    memset(f.b + 4, 0, 4);   /* no identifier: the root table decides */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    hln_model_free(m);
    T_CHECK(hln_tflite_detect(f.b, f.n));
    memcpy(f.b + 4, "TFL2", 4);   /* another schema's identifier */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_MAGIC);
    T_CHECK(!hln_tflite_detect(f.b, f.n));
    free(f.b);
}

static void test_vtable_and_field_bounds(void) {
    fb f;
    hln_model *m = NULL;
    hln_error err;
    uint32_t t, vt;
    fb_init(&f, 256, 1);
    t = fb_table(&f, 1);
    fb_ref(&f, 0, t);
    vt = t - (uint32_t)hln__load_uint(f.b + t, 4, 0);
    fb_put16(&f, vt, 5);                       /* odd vtable size */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    fb_put16(&f, vt, 6);
    fb_set(&f, t, 0, 3);
    fb_put16(&f, vt + 4, 200);                 /* field offset beyond the table's 16 bytes */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECK(strstr(err.message, "outside its table") != NULL);
    fb_put16(&f, vt + 4, 9);                   /* u32 field at an odd position */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECK(strstr(err.message, "aligned") != NULL);
    fb_put16(&f, vt + 4, 8);
    fb_put32(&f, t, 0x7ffffff0u);              /* vtable far before the buffer */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    fb_put32(&f, t, t - vt);
    fb_ref(&f, 0, t + 2);                      /* misaligned root table */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    fb_ref(&f, 0, t);
    T_EQ_U64(parse(&f, t + 4, &m, &err), HLN_ERR_LAYOUT);   /* table's inline bytes cut off */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    hln_model_free(m);
    free(f.b);
}

static void test_offsets_and_strings(void) {
    fb f;
    hln_model *m = NULL;
    hln_error err;
    uint32_t t, s;
    fb_init(&f, 256, 1);
    t = fb_table(&f, 4);
    fb_ref(&f, 0, t);
    s = fb_str(&f, "MLIR");
    fb_set_ref(&f, t, 3, s);                                   /* Model.description */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    if (m) {
        const hln_kv *kv = hln_model_find_kv(m, "tflite.description");
        T_CHECK(kv && kv->type == HLN_KV_STRING && strcmp(kv->v.s.ptr, "MLIR") == 0);
        hln_model_free(m);
    }
    f.b[s + 4 + 4] = 'X';                                      /* NUL replaced */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECK(strstr(err.message, "NUL") != NULL);
    f.b[s + 8] = 0;
    fb_put32(&f, s, 0xffffff);                                 /* length past the end */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    fb_put32(&f, s, 4);
    fb_put32(&f, fb_cell(&f, t, 3), 0);                            /* zero offset: a self loop */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    fb_put32(&f, fb_cell(&f, t, 3), (uint32_t)(0u - fb_cell(&f, t, 3)));   /* wraps back to byte 0 */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECK(strstr(err.message, "2^31") != NULL);
    free(f.b);
}

/* 4000 subgraph offsets to one SubGraph whose 200 tensor offsets name one Tensor: 800k
   objects in a 17 KB buffer. The work budget stops it. */
static void test_shared_offsets_budget(void) {
    fb f;
    hln_model *m = NULL;
    hln_error err;
    uint32_t t, sgs, sg, tensors, tensor, k;
    fb_init(&f, 64 * 1024, 1);
    t = fb_table(&f, 3);
    fb_ref(&f, 0, t);
    sgs = fb_vec(&f, 4000);
    fb_set_ref(&f, t, 2, sgs);
    sg = fb_table(&f, 1);
    tensors = fb_vec(&f, 200);
    fb_set_ref(&f, sg, 0, tensors);
    tensor = fb_table(&f, 1);
    for (k = 0; k < 4000; k++) fb_ref(&f, sgs + 4 + 4 * k, sg);
    for (k = 0; k < 200; k++) fb_ref(&f, tensors + 4 + 4 * k, tensor);
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECK(strstr(err.message, "budget") != NULL);
    free(f.b);
}

/* ---- TFLite semantics on crafted models ---- */
static void test_operator_indices(void) {
    fb f;
    fb_model r;
    hln_model *m = NULL;
    hln_error err;
    uint32_t ins;
    fb_init(&f, 1024, 1);
    r = fb_basic(&f, "RELU", 0);
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    if (m) {
        T_EQ_STR(m->graph->nodes[0].op_type, "RELU");
        T_EQ_STR(m->graph->nodes[0].domain, "tflite");
        T_EQ_U64(m->n_tensors, 0);   /* buffer 0 is the empty sentinel */
        hln_model_free(m);
    }
    ins = r.op + 8 + 8 * 1;
    ins += (uint32_t)hln__load_uint(f.b + ins, 4, 0);   /* Operator.inputs */
    fb_put32(&f, ins + 4, (uint32_t)-1);                /* an omitted optional input */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    if (m) { T_EQ_I64(m->graph->nodes[0].inputs[0], -1); hln_model_free(m); }
    fb_put32(&f, ins + 4, (uint32_t)-2);
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_RANGE);
    fb_put32(&f, ins + 4, 1);                           /* one tensor only */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_RANGE);
    fb_put32(&f, ins + 4, 0);
    fb_set(&f, r.op, 0, 1);                             /* opcode_index of 1 code */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_RANGE);
    T_CHECK(strstr(err.message, "opcode_index") != NULL);
    free(f.b);
}

static void test_custom_and_deprecated_codes(void) {
    fb f;
    fb_model r;
    hln_model *m = NULL;
    hln_error err;
    fb_init(&f, 1024, 1);
    r = fb_basic(&f, "ADD", 0);
    fb_set(&f, r.opcode, 3, 0);
    fb_set(&f, r.opcode, 0, 3);          /* deprecated_builtin_code CONV_2D, builtin_code 0 */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    if (m) { T_EQ_STR(m->graph->nodes[0].op_type, "CONV_2D"); hln_model_free(m); }
    fb_set(&f, r.opcode, 0, 0);
    fb_set(&f, r.opcode, 3, 32);         /* CUSTOM: named by custom_code */
    fb_set_ref(&f, r.opcode, 1, fb_str(&f, "MyOp"));
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    if (m) {
        hln_graph_summary gs;
        T_EQ_STR(m->graph->nodes[0].op_type, "MyOp");
        T_EQ_STR(m->graph->nodes[0].domain, "tflite.custom");
        T_EQ_U64(hln_graph_analyze(m, NULL, &gs, &err), HLN_OK);
        T_CHECK(!gs.macs_exact);         /* a custom op's cost is unknown */
        hln_model_free(m);
    }
    free(f.b);
}

static void test_offset_size_buffer(void) {
    fb f;
    fb_model r;
    hln_model *m = NULL;
    hln_error err;
    uint32_t data;
    fb_init(&f, 1024, 1);
    r = fb_basic(&f, "RELU", 1);
    data = fb_alloc(&f, 16, 16);
    fb_put64(&f, fb_cell(&f, r.buffer1, 1), data);
    fb_put64(&f, fb_cell(&f, r.buffer1, 2), 16);
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_OK);
    if (m) {
        T_EQ_U64(m->n_tensors, 1);
        T_EQ_U64(m->tensors[0].n_elements, 4);
        T_EQ_U64(m->tensors[0].n_bytes, 16);
        T_EQ_U64(m->tensors[0].file_offset, data);
        T_CHECK(m->tensors[0].data == f.b + data);   /* a view, not a copy */
        hln_model_free(m);
    }
    fb_put64(&f, fb_cell(&f, r.buffer1, 2), 17);      /* one byte past the end of the file */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_RANGE);
    fb_put64(&f, fb_cell(&f, r.buffer1, 1), UINT64_MAX - 4);
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_RANGE);
    free(f.b);
}

/* WHILE whose body is the subgraph it sits in: rejected, the analysis would never end. */
static void test_subgraph_cycle(void) {
    fb f;
    fb_model r;
    hln_model *m = NULL;
    hln_error err;
    uint32_t opts;
    fb_init(&f, 1024, 1);
    r = fb_basic(&f, "WHILE", 0);
    fb_set(&f, r.op, 3, 93);                     /* BuiltinOptions.WhileOptions */
    opts = fb_table(&f, 2);
    fb_set_ref(&f, r.op, 4, opts);
    fb_set(&f, opts, 0, 0);
    fb_set(&f, opts, 1, 0);
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECK(strstr(err.message, "calls itself") != NULL);
    fb_set(&f, opts, 1, 5);                      /* no subgraph 5 */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_RANGE);
    fb_set(&f, r.op, 3, 0);                      /* a union value without a type */
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LAYOUT);
    free(f.b);
}

/* ---- cost rules without a corpus model: crafted graphs ----
   A subgraph: tensors with shapes (rank <= 5), one input, one output, operators with
   options (a BuiltinOptions type and its first fields, all int32). */
typedef struct op_spec { const char *op; uint32_t n_in; int32_t in[4]; int32_t out; uint8_t opt_type; uint32_t n_opt; int32_t opt[3]; } op_spec;
typedef struct sg_spec { uint32_t n_tensors; int32_t shape[6][6]; uint32_t n_ops; op_spec ops[3]; } sg_spec;   /* shape[i][0] = rank */

static uint32_t fb_subgraph(fb *f, const sg_spec *g, const char *const *codes, uint32_t n_codes) {
    uint32_t sg = fb_table(f, 4), tv = fb_vec(f, g->n_tensors), ov = fb_vec(f, g->n_ops), i, c;
    int32_t io = 0;
    fb_set_ref(f, sg, 0, tv);
    fb_set_ref(f, sg, 1, fb_ints(f, 1, &io));
    io = (int32_t)g->n_tensors - 1;
    fb_set_ref(f, sg, 2, fb_ints(f, 1, &io));
    fb_set_ref(f, sg, 3, ov);
    for (i = 0; i < g->n_tensors; i++) {
        uint32_t t = fb_table(f, 1);
        fb_ref(f, tv + 4 + 4 * i, t);
        fb_set_ref(f, t, 0, fb_ints(f, (uint32_t)g->shape[i][0], &g->shape[i][1]));
    }
    for (i = 0; i < g->n_ops; i++) {
        const op_spec *o = &g->ops[i];
        uint32_t op = fb_table(f, 5);
        fb_ref(f, ov + 4 + 4 * i, op);
        for (c = 0; c < n_codes && strcmp(codes[c], o->op) != 0; c++) {}
        fb_set(f, op, 0, c);
        fb_set_ref(f, op, 1, fb_ints(f, o->n_in, o->in));
        fb_set_ref(f, op, 2, fb_ints(f, 1, &o->out));
        if (o->opt_type) {
            uint32_t t = fb_table(f, 3), k;
            fb_set(f, op, 3, o->opt_type);
            fb_set_ref(f, op, 4, t);
            for (k = 0; k < o->n_opt; k++) fb_set(f, t, k, (uint32_t)o->opt[k]);
        }
    }
    return sg;
}

static hln_model *fb_graphs(fb *f, const sg_spec *gs, uint32_t n, const char *const *codes, uint32_t n_codes) {
    uint32_t model, cv, sv, i;
    hln_model *m = NULL;
    hln_error err;
    fb_init(f, 8192, 1);
    model = fb_table(f, 3);
    fb_ref(f, 0, model);
    fb_set(f, model, 0, 3);
    cv = fb_vec(f, n_codes);
    fb_set_ref(f, model, 1, cv);
    for (i = 0; i < n_codes; i++) {
        uint32_t t = fb_table(f, 4);
        fb_ref(f, cv + 4 + 4 * i, t);
        fb_set(f, t, 3, (uint32_t)op_code(codes[i]));
    }
    sv = fb_vec(f, n);
    fb_set_ref(f, model, 2, sv);
    for (i = 0; i < n; i++) fb_ref(f, sv + 4 + 4 * i, fb_subgraph(f, &gs[i], codes, n_codes));
    if (parse(f, f->n, &m, &err) != HLN_OK) fprintf(stderr, "  crafted model: %s: %s\n", err.path, err.message);
    return m;
}

/* IF costs its larger branch; TRANSPOSE_CONV, CONV_3D and BATCH_MATMUL (adj_x) by hand. */
static void test_rules_crafted(void) {
    static const char *const codes[] = { "IF", "FULLY_CONNECTED", "TRANSPOSE_CONV", "CONV_3D", "BATCH_MATMUL" };
    sg_spec g[3];
    fb f;
    hln_model *m;
    hln_graph_summary gs;
    hln_error err;
    memset(g, 0, sizeof g);
    /* main: t0 cond [] -> IF(then 1, else 2) -> t1 [1,8];
       then: [1,4] x [8,4] -> [1,8] (32 MACs); else: [1,16] x [8,16] -> [1,8] (128 MACs) */
    g[0].n_tensors = 2;
    g[0].shape[0][0] = 0;
    g[0].shape[1][0] = 2; g[0].shape[1][1] = 1; g[0].shape[1][2] = 8;
    g[0].n_ops = 1;
    g[0].ops[0].op = "IF"; g[0].ops[0].n_in = 1; g[0].ops[0].out = 1;
    g[0].ops[0].opt_type = 92; g[0].ops[0].n_opt = 2; g[0].ops[0].opt[0] = 1; g[0].ops[0].opt[1] = 2;
    for (int b = 1; b <= 2; b++) {
        int32_t k = b == 1 ? 4 : 16;
        g[b].n_tensors = 3;
        g[b].shape[0][0] = 2; g[b].shape[0][1] = 1; g[b].shape[0][2] = k;
        g[b].shape[1][0] = 2; g[b].shape[1][1] = 8; g[b].shape[1][2] = k;
        g[b].shape[2][0] = 2; g[b].shape[2][1] = 1; g[b].shape[2][2] = 8;
        g[b].n_ops = 1;
        g[b].ops[0].op = "FULLY_CONNECTED"; g[b].ops[0].n_in = 2; g[b].ops[0].in[1] = 1; g[b].ops[0].out = 2;
    }
    if ((m = fb_graphs(&f, g, 3, codes, 5)) != NULL) {
        T_EQ_U64(hln_graph_analyze(m, NULL, &gs, &err), HLN_OK);
        T_EQ_U64(gs.macs, 128);
        T_EQ_U64(gs.subgraphs, 2);
        T_CHECK(gs.macs_exact);
        hln_model_free(m);
    } else T_CHECK(0);
    free(f.b);
    /* TRANSPOSE_CONV: output_shape, weights [3,2,2,5] (O,KH,KW,I), input [1,4,4,5] -> [1,8,8,3]:
       every input element (80) scatters into O*KH*KW = 12 outputs: 960 MACs.
       CONV_3D: input [1,4,4,4,2], filter [3,3,3,2,6] -> [1,2,2,2,6]: 48 * 3*3*3*2 = 2592.
       BATCH_MATMUL adj_x: lhs [2,7,3] (K = 7), rhs [2,7,5] -> [2,3,5]: 30 * 7 = 210. */
    memset(g, 0, sizeof g);
    {
        static const int32_t shapes[3][6][6] = {
            { {1, 4}, {4, 3, 2, 2, 5}, {4, 1, 4, 4, 5}, {4, 1, 8, 8, 3} },
            { {5, 1, 4, 4, 4, 2}, {5, 3, 3, 3, 2, 6}, {5, 1, 2, 2, 2, 6} },
            { {3, 2, 7, 3}, {3, 2, 7, 5}, {3, 2, 3, 5} } };
        static const uint64_t want[3] = { 960, 2592, 210 };
        static const char *const ops[3] = { "TRANSPOSE_CONV", "CONV_3D", "BATCH_MATMUL" };
        int c;
        for (c = 0; c < 3; c++) {
            memset(g, 0, sizeof g);
            g[0].n_tensors = c == 0 ? 4 : 3;
            memcpy(g[0].shape, shapes[c], sizeof shapes[c]);
            g[0].n_ops = 1;
            g[0].ops[0].op = ops[c];
            g[0].ops[0].n_in = c == 0 ? 3 : 2;
            g[0].ops[0].in[0] = 0; g[0].ops[0].in[1] = 1; g[0].ops[0].in[2] = 2;
            g[0].ops[0].out = (int32_t)g[0].n_tensors - 1;
            if (c == 2) { g[0].ops[0].opt_type = 101; g[0].ops[0].n_opt = 1; g[0].ops[0].opt[0] = 1; }   /* adj_x */
            if ((m = fb_graphs(&f, g, 1, codes, 5)) != NULL) {
                T_EQ_U64(hln_graph_analyze(m, NULL, &gs, &err), HLN_OK);
                T_CHECKF(m->graph->nodes[0].macs == want[c], "%s: %llu MACs", ops[c], (unsigned long long)m->graph->nodes[0].macs);
                hln_model_free(m);
            } else T_CHECK(0);
            free(f.b);
        }
    }
}

/* 2100 WHILE ops calling a 2000-tensor subgraph as cond and body: the analysis would visit
   8.4M tensors from a 250 KB file. The expansion cap refuses it. */
static void test_expansion_cap(void) {
    fb f;
    hln_model *m = NULL;
    hln_error err;
    uint32_t model, cv, code, sv, main_sg, body, tv, ov, i;
    int32_t zero = 0;
    fb_init(&f, 512 * 1024, 1);
    model = fb_table(&f, 3);
    fb_ref(&f, 0, model);
    cv = fb_vec(&f, 1);
    fb_set_ref(&f, model, 1, cv);
    code = fb_table(&f, 4);
    fb_ref(&f, cv + 4, code);
    fb_set(&f, code, 3, (uint32_t)op_code("WHILE"));
    sv = fb_vec(&f, 2);
    fb_set_ref(&f, model, 2, sv);
    main_sg = fb_table(&f, 4);
    fb_ref(&f, sv + 4, main_sg);
    tv = fb_vec(&f, 1);
    fb_set_ref(&f, main_sg, 0, tv);
    fb_ref(&f, tv + 4, fb_table(&f, 1));
    ov = fb_vec(&f, 2100);
    fb_set_ref(&f, main_sg, 3, ov);
    for (i = 0; i < 2100; i++) {
        uint32_t op = fb_table(&f, 5), opts = fb_table(&f, 2);
        fb_ref(&f, ov + 4 + 4 * i, op);
        fb_set_ref(&f, op, 1, fb_ints(&f, 1, &zero));
        fb_set_ref(&f, op, 2, fb_ints(&f, 1, &zero));
        fb_set(&f, op, 3, 93);
        fb_set_ref(&f, op, 4, opts);
        fb_set(&f, opts, 0, 1);
        fb_set(&f, opts, 1, 1);
    }
    body = fb_table(&f, 1);
    fb_ref(&f, sv + 8, body);
    tv = fb_vec(&f, 2000);
    fb_set_ref(&f, body, 0, tv);
    for (i = 0; i < 2000; i++) fb_ref(&f, tv + 4 + 4 * i, fb_table(&f, 1));
    T_EQ_U64(parse(&f, f.n, &m, &err), HLN_ERR_LIMIT);
    T_CHECK(strstr(err.message, "HLN_TFLITE_MAX_NODES") != NULL);
    free(f.b);
}

/* ---- the corpus ---- */
static hln_model *load(const char *name) {
    char path[1024];
    hln_model *m = NULL;
    hln_error err;
    hln_tflite_options o;
    memset(&o, 0, sizeof o);
    snprintf(path, sizeof path, "%s/tflite/%s", t_corpus(), name);
    if (hln_tflite_load_file(&o, path, &m, &err) != HLN_OK) {
        fprintf(stderr, "  cannot load %s: %s\n", path, err.message);
        return NULL;
    }
    return m;
}

static hln_model *analyzed(const char *name, hln_graph_summary *gs) {
    hln_model *m = load(name);
    hln_error err;
    if (m && hln_graph_analyze(m, NULL, gs, &err) != HLN_OK) { hln_model_free(m); return NULL; }
    return m;
}

/* MACs by hand from the shapes the files declare (NHWC activations, OHWI filters). */
static void test_macs_by_hand(void) {
    hln_graph_summary gs;
    hln_model *m;
    /* litert_pc_conv: DEPTHWISE_CONV_2D [1,128,128,1] -> [1,64,64,128], filter [1,3,3,128]:
       64*64*128 outputs * 3*3 taps = 4,718,592 */
    if ((m = analyzed("litert_pc_conv.tflite", &gs)) != NULL) {
        T_EQ_STR(m->graph->nodes[1].op_type, "DEPTHWISE_CONV_2D");
        T_EQ_U64(m->graph->nodes[1].macs, 4718592);
        T_EQ_U64(gs.macs, 4718592);
        hln_model_free(m);
    } else T_CHECK(0);
    /* tflm_micro_speech_quantized: DEPTHWISE_CONV_2D out [1,25,20,8], filter [1,10,8,8]:
       4000 * 80 = 320,000; FULLY_CONNECTED out [1,4], weights [4,4000]: 4 * 4000 = 16,000 */
    if ((m = analyzed("tflm_micro_speech_quantized.tflite", &gs)) != NULL) {
        T_EQ_STR(m->graph->nodes[1].op_type, "DEPTHWISE_CONV_2D");
        T_EQ_U64(m->graph->nodes[1].macs, 320000);
        T_EQ_STR(m->graph->nodes[2].op_type, "FULLY_CONNECTED");
        T_EQ_U64(m->graph->nodes[2].macs, 16000);
        T_EQ_U64(m->graph->nodes[2].flops, 2 * 16000 + 4);   /* + one bias add per output */
        T_EQ_U64(gs.macs, 336000);
        T_CHECK(gs.macs_exact);
        hln_model_free(m);
    } else T_CHECK(0);
    /* tflm_person_detect: node 2 CONV_2D out [1,48,48,16], filter [16,1,1,8]:
       48*48*16 * 1*1*8 = 294,912 */
    if ((m = analyzed("tflm_person_detect.tflite", &gs)) != NULL) {
        T_EQ_STR(m->graph->nodes[2].op_type, "CONV_2D");
        T_EQ_U64(m->graph->nodes[2].macs, 294912);
        hln_model_free(m);
    } else T_CHECK(0);
    /* tflm_hello_world_float: FULLY_CONNECTED 1->16, 16->16, 16->1: 16 + 256 + 16 = 288;
       its batch dim is dynamic (shape_signature -1), so the count is at the allocated shape */
    if ((m = analyzed("tflm_hello_world_float.tflite", &gs)) != NULL) {
        T_EQ_U64(gs.macs, 288);
        T_CHECK(!gs.macs_exact);
        hln_model_free(m);
    } else T_CHECK(0);
}

static void test_subgraphs(void) {
    hln_graph_summary gs;
    hln_model *m;
    if ((m = analyzed("litert_multi_subgraphs_while.tflite", &gs)) != NULL) {
        const hln_node *w = &m->graph->nodes[0];
        T_EQ_STR(w->op_type, "WHILE");
        T_EQ_U64(m->graph->n_functions, 2);
        T_EQ_U64(w->n_attrs, 2);
        T_CHECK(w->attrs[0].type == HLN_ATTR_GRAPH && w->attrs[0].graphs[0] == m->graph->functions[0]);
        T_EQ_U64(gs.subgraphs, 2);          /* cond and body, as an ONNX Loop's body counts */
        T_EQ_U64(gs.nodes_all, 5);
        T_CHECK(!gs.macs_exact);            /* the trip count is not in the file */
        hln_model_free(m);
    } else T_CHECK(0);
    if ((m = analyzed("litert_call_once_mul.tflite", &gs)) != NULL) {
        T_EQ_U64(gs.subgraphs, 1);
        hln_model_free(m);
    } else T_CHECK(0);
    /* signature "add" runs subgraph 0, "sub" subgraph 1, which no op references: an entry point
       of its own, analysed and costed (SUB on [1]: 1 FLOP), outside the main graph's costs */
    if ((m = analyzed("litert_multi_signatures.tflite", &gs)) != NULL) {
        const hln_graph *sub = m->graph->n_functions == 1 ? m->graph->functions[0] : NULL;
        const hln_value *out = sub && sub->n_outputs == 1 ? &sub->values[sub->outputs[0]] : NULL;
        T_CHECK(sub && strcmp(sub->name, "sub") == 0 && sub->n_nodes == 1 && strcmp(sub->nodes[0].op_type, "SUB") == 0);
        T_EQ_U64(gs.subgraphs, 1);
        T_EQ_U64(gs.nodes_all, 2);
        T_EQ_U64(gs.flops, 1);   /* the main graph's ADD */
        T_EQ_U64(sub ? sub->flops : 0, 1);
        T_CHECK(sub && sub->order != NULL && sub->nodes[0].exact == m->graph->nodes[0].exact);   /* analysed like the main graph */
        T_CHECK(out && out->inferred.rank == 1 && out->inferred.dims[0].value == 1);
        T_EQ_U64(gs.n_ops_all, 2);
        hln_model_free(m);
    } else T_CHECK(0);
}

/* tflm_trained_lstm: UNIDIRECTIONAL_SEQUENCE_LSTM reads input [1,28,28] f32 (3136 B) and its
   variable state tensors, output [1,20] and cell [1,20] (80 B each), which no op produces;
   it writes [1,28,20] (2240 B): peak 3136 + 160 + 2240 = 5536 bytes. */
static void test_liveness_with_state(void) {
    hln_graph_summary gs;
    hln_model *m = analyzed("tflm_trained_lstm.tflite", &gs);
    if (!m) { T_CHECK(0); return; }
    T_EQ_STR(m->graph->nodes[0].op_type, "UNIDIRECTIONAL_SEQUENCE_LSTM");
    T_EQ_U64(gs.activation_peak_bytes, 5536);
    /* 28 steps x 4 gates x 20 cells x (28 inputs + 20 recurrent) */
    T_EQ_U64(m->graph->nodes[0].macs, 28 * 4 * 20 * (28 + 20));
    hln_model_free(m);
}

static void test_quantization_facts(void) {
    hln_model *m = load("litert_pc_conv.tflite");
    uint32_t i, per_channel = 0;
    if (!m) { T_CHECK(0); return; }
    for (i = 0; i < m->graph->n_values; i++) {
        const hln_value *v = &m->graph->values[i];
        if (v->info && v->info->n_scales > 1) {
            per_channel++;
            T_EQ_U64(v->info->n_scales, 128);   /* one scale per output channel */
            T_EQ_I64(v->info->quantized_axis, v->tensor >= 0 && m->tensors[v->tensor].n_dims == 4 ? 3 : 0);
        }
    }
    T_EQ_U64(per_channel, 2);
    hln_model_free(m);
    if ((m = load("litert_qwen_fc_blockwise_quantized.tflite")) != NULL) {
        T_EQ_U64(m->n_tensors, 2);
        uint32_t blockwise = 0;
        for (i = 0; i < m->n_tensors; i++)
            if (m->tensors[i].dtype == HLN_DTYPE_I4) T_EQ_U64(m->tensors[i].n_bytes, m->tensors[i].n_elements / 2);   /* packed two per byte */
        for (i = 0; i < m->graph->n_values; i++) {   /* the int4 weight names its scale tensor: [rows, cols / block_size] */
            const hln_value *v = &m->graph->values[i], *sc;
            if (!v->info || !v->info->block_size) continue;
            blockwise++;
            T_EQ_I64(v->dtype, HLN_DTYPE_I4);
            T_CHECK(v->info->block_scales >= 0 && (uint32_t)v->info->block_scales < m->graph->n_values);
            if (v->info->block_scales < 0 || (uint32_t)v->info->block_scales >= m->graph->n_values) continue;
            sc = &m->graph->values[v->info->block_scales];
            T_EQ_I64(sc->dtype, HLN_DTYPE_F16);
            T_CHECK(sc->shape.rank == 2 && v->shape.rank == 2 && sc->shape.dims[0].value == v->shape.dims[0].value &&
                    sc->shape.dims[1].value * (int64_t)v->info->block_size == v->shape.dims[1].value);
        }
        T_EQ_U64(blockwise, 1);
        hln_model_free(m);
    } else T_CHECK(0);
    if ((m = load("litert_sparse_tensor.tflite")) != NULL) {
        T_EQ_U64(m->n_tensors, 1);
        T_CHECK(m->tensors[0].flags & HLN_TENSOR_PACKED_SPARSE);
        T_EQ_U64(m->tensors[0].n_elements, 16);   /* the dense shape */
        T_EQ_U64(m->tensors[0].n_bytes, 12);      /* the stored bytes */
        hln_model_free(m);
    } else T_CHECK(0);
}

/* The model copied to an odd offset inside a larger buffer (a bundle) reads the same. */
static void test_unaligned_bundle(void) {
    char path[1024];
    size_t n;
    unsigned char *bytes, *bundle;
    hln_model *a = NULL, *b = NULL;
    hln_error err;
    hln_tflite_options o;
    memset(&o, 0, sizeof o);
    snprintf(path, sizeof path, "%s/tflite/tflm_person_detect.tflite", t_corpus());
    if (!(bytes = t_read_file(path, &n))) { T_CHECK(0); return; }
    bundle = (unsigned char *)malloc(n + 3);
    memcpy(bundle + 3, bytes, n);
    T_EQ_U64(hln_tflite_parse(&o, bytes, n, &a, &err), HLN_OK);
    T_EQ_U64(hln_tflite_parse(&o, bundle + 3, n, &b, &err), HLN_OK);
    if (a && b) {
        T_EQ_U64(a->n_tensors, b->n_tensors);
        T_EQ_U64(a->graph->n_nodes, b->graph->n_nodes);
        T_EQ_U64(a->tensors[5].file_offset, b->tensors[5].file_offset);
    }
    hln_model_free(a);
    hln_model_free(b);
    memset(bytes + 4, 0, 4);   /* the identifier removed: still detected from the root table */
    T_CHECK(hln_tflite_detect(bytes, n));
    free(bundle);
    free(bytes);
}

/* hln_tflite_load_file reads through opts.io when it is given: one open, one close. */
typedef struct io_file { unsigned char *bytes; size_t size; int opens, closes; } io_file;
static int io_open(void *user, const char *path, hln_mapped *out) {
    io_file *f = (io_file *)user;
    if (strcmp(path, "/no-such-disk/model.tflite") != 0) return 1;
    out->data = f->bytes;
    out->size = f->size;
    out->handle = f;
    f->opens++;
    return 0;
}
static void io_close(void *user, hln_mapped *m) { if (m->handle) ((io_file *)user)->closes++; }

static void test_file_io(void) {
    char path[1024];
    io_file f;
    hln_tflite_options o;
    hln_model *m = NULL;
    hln_error err;
    memset(&f, 0, sizeof f);
    memset(&o, 0, sizeof o);
    snprintf(path, sizeof path, "%s/tflite/tflm_micro_speech_quantized.tflite", t_corpus());
    if (!(f.bytes = t_read_file(path, &f.size))) { T_CHECK(0); return; }
    o.io.open = io_open;
    o.io.close = io_close;
    o.io.user = &f;
    T_EQ_U64(hln_tflite_load_file(&o, "/no-such-disk/model.tflite", &m, &err), HLN_OK);
    if (m) {
        T_EQ_U64(m->n_tensors, 5);
        T_CHECK(m->tensors[0].data >= (const void *)f.bytes && (const unsigned char *)m->tensors[0].data < f.bytes + f.size);
    }
    hln_model_free(m);
    T_EQ_U64(f.opens, 1);
    T_EQ_U64(f.closes, 1);
    T_EQ_U64(hln_tflite_load_file(&o, "/no-such-disk/absent.tflite", &m, &err), HLN_ERR_IO);
    T_EQ_U64(f.closes, f.opens);
    free(f.bytes);
}

/* Every corpus model parses and analyses; every bad/ file behaves as its README says. */
static void test_corpus(void) {
    char dir[1024], path[1400];
    const char *sub[2] = { "", "/bad" };
    int k;
    for (k = 0; k < 2; k++) {
        DIR *d;
        struct dirent *e;
        snprintf(dir, sizeof dir, "%s/tflite%s", t_corpus(), sub[k]);
        if (!(d = opendir(dir))) { T_CHECK(0); continue; }
        while ((e = readdir(d)) != NULL) {
            size_t len = strlen(e->d_name);
            hln_model *m = NULL;
            hln_error err;
            hln_tflite_options o;
            hln_result r;
            int accept;
            if (len < 7 || strcmp(e->d_name + len - 7, ".tflite") != 0) continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            memset(&o, 0, sizeof o);
            memset(&err, 0, sizeof err);
            r = hln_tflite_load_file(&o, path, &m, &err);
            accept = k == 0 || strcmp(e->d_name, "op_input_optional_minus1.tflite") == 0;   /* bad/README.md */
            T_CHECKF((r == HLN_OK) == accept, "%s: %s (%s)", e->d_name, hln_result_string(r), err.message);
            if (r != HLN_OK) T_CHECKF(err.message[0] != 0, "%s: no message", e->d_name);
            if (m && m->graph) {
                hln_graph_summary gs;
                T_CHECKF(hln_graph_analyze(m, NULL, &gs, &err) == HLN_OK, "%s: analysis: %s", e->d_name, err.message);
            }
            hln_model_free(m);
        }
        closedir(d);
    }
}

int main(void) {
    T_RUN(test_minimal_and_identifier);
    T_RUN(test_vtable_and_field_bounds);
    T_RUN(test_offsets_and_strings);
    T_RUN(test_shared_offsets_budget);
    T_RUN(test_operator_indices);
    T_RUN(test_custom_and_deprecated_codes);
    T_RUN(test_offset_size_buffer);
    T_RUN(test_subgraph_cycle);
    T_RUN(test_expansion_cap);
    T_RUN(test_macs_by_hand);
    T_RUN(test_rules_crafted);
    T_RUN(test_subgraphs);
    T_RUN(test_liveness_with_state);
    T_RUN(test_quantization_facts);
    T_RUN(test_unaligned_bundle);
    T_RUN(test_file_io);
    T_RUN(test_corpus);
    return t_finish("tflite");
}
