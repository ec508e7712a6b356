/* tests/test_exec.c - haoline_exec.h: small ONNX models built here byte by byte (field
 * numbers from onnx.proto in ../shared/specs), run and checked against direct computations;
 * every refusal (unsupported op, cycle, bad dtype/shape, missing input, shapes past memory,
 * max_memory) before anything runs. tests/exec_ort.mjs checks the corpus against onnxruntime. */
#include "../haoline_kernels.h"
#include "../haoline_ir.h"
#include "../haoline_onnx.h"
#include "../haoline_analysis.h"
#include "../haoline_exec.h"
#include "test.h"

#include <math.h>

/* ---- a tiny protobuf writer ---- */
typedef struct pb { unsigned char b[65536]; size_t n; } pb;
static void pb_varint(pb *p, uint64_t v) { do { p->b[p->n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)); v >>= 7; } while (v); }
static void pb_tag(pb *p, unsigned field, unsigned wire) { pb_varint(p, (uint64_t)field << 3 | wire); }
static void pb_int(pb *p, unsigned field, uint64_t v) { pb_tag(p, field, 0); pb_varint(p, v); }
static void pb_bytes(pb *p, unsigned field, const void *d, size_t n) { pb_tag(p, field, 2); pb_varint(p, n); memcpy(p->b + p->n, d, n); p->n += n; }
static void pb_str(pb *p, unsigned field, const char *s) { pb_bytes(p, field, s, strlen(s)); }
static void pb_msg(pb *p, unsigned field, const pb *m) { pb_bytes(p, field, m->b, m->n); }

/* ValueInfoProto: name, float/int64 tensor type of the given dims (-1: dim_param "N"). */
static void value_info(pb *g, unsigned field, const char *name, int elem, int rank, const int64_t *dims) {
    static pb vi, tp, tt, sh, dim;
    int i;
    sh.n = 0;
    for (i = 0; i < rank; i++) {
        dim.n = 0;
        if (dims[i] < 0) pb_str(&dim, 2, "N"); else pb_int(&dim, 1, (uint64_t)dims[i]);
        pb_msg(&sh, 1, &dim);
    }
    tt.n = 0; pb_int(&tt, 1, (uint64_t)elem); pb_msg(&tt, 2, &sh);
    tp.n = 0; pb_msg(&tp, 1, &tt);
    vi.n = 0; pb_str(&vi, 1, name); pb_msg(&vi, 2, &tp);
    pb_msg(g, field, &vi);
}
/* TensorProto initializer: raw holds host-order values of ONNX type elem, written as the
   little-endian raw_data the format defines. */
static void initializer(pb *g, const char *name, int elem, int rank, const int64_t *dims, const void *raw, size_t n) {
    static pb t;
    static unsigned char le[1 << 16];   /* the largest initializer here is a few KB */
    size_t es = elem == 7 || elem == 11 ? 8 : elem == 1 || elem == 6 ? 4 : elem == 10 ? 2 : 1, k;
    int i;
    uint64_t v;
    t.n = 0;
    for (i = 0; i < rank; i++) pb_int(&t, 1, (uint64_t)dims[i]);
    pb_int(&t, 2, (uint64_t)elem);
    pb_str(&t, 8, name);
    if (n > sizeof le) { fprintf(stderr, "initializer %s: %u bytes do not fit the test's buffer\n", name, (unsigned)n); n = 0; }
    for (k = 0; k + es <= n; k += es) {
        if (es == 8) { uint64_t x; memcpy(&x, (const unsigned char *)raw + k, 8); v = x; }
        else if (es == 4) { uint32_t x; memcpy(&x, (const unsigned char *)raw + k, 4); v = x; }
        else if (es == 2) { uint16_t x; memcpy(&x, (const unsigned char *)raw + k, 2); v = x; }
        else v = ((const unsigned char *)raw)[k];
        t_put_le(le + k, v, (int)es);
    }
    pb_bytes(&t, 9, le, n);
    pb_msg(g, 5, &t);
}
/* NodeProto: op, inputs, outputs (NULL-terminated lists), attributes already encoded. */
static void node(pb *g, const char *op, const char *const *in, const char *const *out, const pb *attrs) {
    static pb nd;
    nd.n = 0;
    for (; *in; in++) pb_str(&nd, 1, *in);
    for (; *out; out++) pb_str(&nd, 2, *out);
    pb_str(&nd, 3, op);
    pb_str(&nd, 4, op);
    if (attrs) memcpy(nd.b + nd.n, attrs->b, attrs->n), nd.n += attrs->n;
    pb_msg(g, 1, &nd);
}
static void attr_int(pb *a, const char *name, int64_t v) {
    pb at; at.n = 0;
    pb_str(&at, 1, name); pb_int(&at, 3, (uint64_t)v); pb_int(&at, 20, 2);
    pb_msg(a, 5, &at);
}
static void attr_ints(pb *a, const char *name, const int64_t *v, int n) {
    pb at; int i; at.n = 0;
    pb_str(&at, 1, name);
    for (i = 0; i < n; i++) pb_int(&at, 8, (uint64_t)v[i]);
    pb_int(&at, 20, 7);
    pb_msg(a, 5, &at);
}
static hln_model *model_of(const pb *g, hln_error *err) {
    static pb m, ops;
    hln_model *model = NULL;
    hln_onnx_options o;
    m.n = 0; ops.n = 0;
    pb_int(&m, 1, 8);
    pb_str(&ops, 1, ""); pb_int(&ops, 2, 17);
    pb_msg(&m, 8, &ops);
    pb_msg(&m, 7, g);
    memset(&o, 0, sizeof o);
    memset(err, 0, sizeof *err);
    if (hln_onnx_parse(&o, m.b, m.n, &model, err) != HLN_OK) return NULL;
    return model;
}

static uint32_t lcg = 12345;
static float frand(void) { lcg = lcg * 1664525u + 1013904223u; return (float)((lcg >> 8) & 0xffff) / 32768.0f - 1.0f; }

typedef struct counter { uint32_t nodes; } counter;
static int count_nodes(void *user, const hln_graph *g, uint32_t node, uint32_t depth, const hln_exec_tensor *o, uint32_t n) {
    (void)g; (void)node; (void)depth; (void)o; (void)n;
    ((counter *)user)->nodes++;
    return 0;
}

/* y = Relu(x + b): values, the callback, and an output name. */
static void test_add_relu(void) {
    static pb g;
    int64_t d8[2] = {1, 8}, d1 = 8;
    float b[8], x[8];
    const char *in1[] = {"x", "b", NULL}, *out1[] = {"s", NULL}, *in2[] = {"s", NULL}, *out2[] = {"y", NULL};
    hln_error err;
    hln_model *m;
    hln_exec *ex = NULL;
    hln_exec_options o;
    counter cnt = {0};
    const hln_exec_tensor *y;
    const char *name = NULL;
    int i;
    g.n = 0;
    for (i = 0; i < 8; i++) { b[i] = (float)i * 0.25f - 1.0f; x[i] = frand(); }
    node(&g, "Add", in1, out1, NULL);
    node(&g, "Relu", in2, out2, NULL);
    pb_str(&g, 2, "g");
    initializer(&g, "b", 1, 1, &d1, b, sizeof b);
    value_info(&g, 11, "x", 1, 2, d8);
    value_info(&g, 12, "y", 1, 2, d8);
    m = model_of(&g, &err);
    T_CHECKF(m != NULL, "%s", err.message);
    if (!m) return;
    memset(&o, 0, sizeof o);
    o.on_node = count_nodes;
    o.user = &cnt;
    T_CHECKF(hln_exec_create(m, &o, &ex, &err) == HLN_OK, "%s", err.message);
    if (ex) {
        T_EQ_U64(hln_exec_input_count(ex), 1);
        T_CHECK(hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 2, d8, x, &err) == HLN_OK);
        T_CHECKF(hln_exec_run(ex, &err) == HLN_OK, "%s", err.message);
        y = hln_exec_output(ex, 0, &name);
        T_EQ_STR(name, "y");
        T_CHECK(y && y->dtype == HLN_DTYPE_F32 && y->n_elements == 8 && y->rank == 2);
        for (i = 0; y && y->data && i < 8; i++) {
            float want = x[i] + b[i] > 0 ? x[i] + b[i] : 0;
            T_CHECKF(((const float *)y->data)[i] == want, "y[%d] %g != %g", i, ((const float *)y->data)[i], want);
        }
        T_EQ_U64(cnt.nodes, 2);
        /* wrong dtype, wrong fixed dim, unknown name */
        T_CHECK(hln_exec_set_input(ex, "x", HLN_DTYPE_I64, 2, d8, x, &err) == HLN_ERR_TYPE);
        d8[1] = 9;
        T_CHECK(hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 2, d8, x, &err) == HLN_ERR_ARG && strstr(err.message, "must be 8"));
        d8[1] = 8;
        T_CHECK(hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 1, d8 + 1, x, &err) == HLN_ERR_ARG && strstr(err.message, "rank"));
        T_CHECK(hln_exec_set_input(ex, "nope", HLN_DTYPE_F32, 2, d8, x, &err) == HLN_ERR_ARG);
        hln_exec_free(ex);
    }
    /* missing input, and a max_memory smaller than one output */
    ex = NULL;
    T_CHECK(hln_exec_create(m, NULL, &ex, &err) == HLN_OK);
    if (ex) {
        T_CHECK(hln_exec_run(ex, &err) == HLN_ERR_ARG && strstr(err.message, "was not set"));
        hln_exec_free(ex);
    }
    ex = NULL;
    memset(&o, 0, sizeof o);
    o.max_memory = 40;   /* the input (32 bytes) fits, input + one output does not */
    T_CHECK(hln_exec_create(m, &o, &ex, &err) == HLN_OK);
    if (ex) {
        T_CHECK(hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 2, d8, x, &err) == HLN_OK);
        T_CHECK(hln_exec_run(ex, &err) == HLN_ERR_LIMIT);
        hln_exec_free(ex);
    }
    hln_model_free(m);
    /* an inconsistent shape (b of 3 elements against x [1, 8]): refused with the reason */
    g.n = 0;
    d1 = 3;
    node(&g, "Add", in1, out1, NULL);
    node(&g, "Relu", in2, out2, NULL);
    initializer(&g, "b", 1, 1, &d1, b, 3 * sizeof(float));
    value_info(&g, 11, "x", 1, 2, d8);
    value_info(&g, 12, "y", 1, 2, d8);
    m = model_of(&g, &err);
    T_CHECK(m != NULL);
    if (!m) return;
    ex = NULL;
    T_CHECK(hln_exec_create(m, NULL, &ex, &err) == HLN_OK);
    if (ex) {
        T_CHECK(hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 2, d8, x, &err) == HLN_OK);
        T_CHECK(hln_exec_run(ex, &err) == HLN_ERR_LAYOUT);
        T_CHECKF(strstr(err.message, "broadcast") && strstr(err.message, "Add"), "%s", err.message);
        hln_exec_free(ex);
    }
    hln_model_free(m);
}

static void test_unsupported_and_cycle(void) {
    static pb g;
    int64_t d[1] = {4};
    const char *in1[] = {"x", NULL}, *out1[] = {"y", NULL};
    const char *ca[] = {"x", "q", NULL}, *co[] = {"p", NULL}, *cb[] = {"p", NULL}, *cq[] = {"q", NULL};
    hln_error err;
    hln_model *m;
    hln_exec *ex = NULL;
    g.n = 0;
    node(&g, "FancyNewOp", in1, out1, NULL);
    value_info(&g, 11, "x", 1, 1, d);
    value_info(&g, 12, "y", 1, 1, d);
    m = model_of(&g, &err);
    T_CHECK(m != NULL);
    if (m) {
        T_CHECK(hln_exec_create(m, NULL, &ex, &err) == HLN_ERR_UNSUPPORTED && ex == NULL);
        T_CHECKF(strstr(err.message, "FancyNewOp") != NULL, "%s", err.message);
        T_CHECK(!hln_exec_supports("", "FancyNewOp") && hln_exec_supports("", "Conv") && hln_exec_supports("ai.onnx", "LSTM") &&
                !hln_exec_supports("com.microsoft", "Conv"));
        hln_model_free(m);
    }
    g.n = 0;   /* p = Add(x, q); q = Relu(p): a cycle */
    node(&g, "Add", ca, co, NULL);
    node(&g, "Relu", cb, cq, NULL);
    value_info(&g, 11, "x", 1, 1, d);
    value_info(&g, 12, "q", 1, 1, d);
    m = model_of(&g, &err);
    T_CHECK(m != NULL);
    if (m) {
        T_CHECK(hln_exec_create(m, NULL, &ex, &err) != HLN_OK && ex == NULL);
        T_CHECKF(strstr(err.message, "cycle") != NULL, "%s", err.message);
        hln_model_free(m);
    }
}

/* Expand to [2^20, 2^20] (2^40 floats) and a Reshape-free Expand past 2^64: refused before any node runs. */
static void test_hostile_sizes(void) {
    static pb g;
    int64_t d1[1] = {1}, d2 = 2, shape[2];
    const char *in1[] = {"x", "shape", NULL}, *out1[] = {"y", NULL};
    hln_error err;
    hln_model *m;
    hln_exec *ex = NULL;
    hln_exec_options o;
    counter cnt = {0};
    float x = 1;
    int k;
    for (k = 0; k < 2; k++) {
        shape[0] = k ? (int64_t)1 << 40 : (int64_t)1 << 20;
        shape[1] = k ? (int64_t)1 << 40 : (int64_t)1 << 20;
        g.n = 0;
        node(&g, "Expand", in1, out1, NULL);
        initializer(&g, "shape", 7, 1, &d2, shape, sizeof shape);
        value_info(&g, 11, "x", 1, 1, d1);
        value_info(&g, 12, "y", 1, 0, d1);
        m = model_of(&g, &err);
        T_CHECK(m != NULL);
        if (!m) continue;
        memset(&o, 0, sizeof o);
        o.on_node = count_nodes;
        o.user = &cnt;
        ex = NULL;
        T_CHECKF(hln_exec_create(m, &o, &ex, &err) == HLN_OK, "%s", err.message);
        if (ex) {
            T_CHECK(hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 1, d1, &x, &err) == HLN_OK);
            T_CHECK(hln_exec_run(ex, &err) == HLN_ERR_LIMIT);
            T_CHECKF(strstr(err.message, "nothing was run") != NULL, "%s", err.message);
            T_EQ_U64(cnt.nodes, 0);
            hln_exec_free(ex);
        }
        hln_model_free(m);
    }
}

/* Conv (stride 2, pad 1, dilation 1, 2 groups, bias) against a direct loop. */
static void test_conv_direct(void) {
    static pb g, a;
    enum { C = 4, H = 7, W = 6, M = 6, K = 3, G = 2, OH = 4, OW = 3 };
    int64_t xd[4] = {1, C, H, W}, wd[4] = {M, C / G, K, K}, bd = M, yd[4] = {1, M, OH, OW};
    int64_t st[2] = {2, 2}, pads[4] = {1, 1, 1, 1};
    static float x[C * H * W], w[M * (C / G) * K * K], b[M];
    const char *in[] = {"x", "w", "b", NULL}, *out[] = {"y", NULL};
    hln_error err;
    hln_model *m;
    hln_exec *ex = NULL;
    const hln_exec_tensor *y;
    int i, mo, oy, ox, ci, ky, kx;
    for (i = 0; i < C * H * W; i++) x[i] = frand();
    for (i = 0; i < M * (C / G) * K * K; i++) w[i] = frand();
    for (i = 0; i < M; i++) b[i] = frand();
    g.n = 0; a.n = 0;
    attr_ints(&a, "strides", st, 2);
    attr_ints(&a, "pads", pads, 4);
    attr_int(&a, "group", G);
    node(&g, "Conv", in, out, &a);
    initializer(&g, "w", 1, 4, wd, w, sizeof w);
    initializer(&g, "b", 1, 1, &bd, b, sizeof b);
    value_info(&g, 11, "x", 1, 4, xd);
    value_info(&g, 12, "y", 1, 4, yd);
    m = model_of(&g, &err);
    T_CHECK(m != NULL);
    if (!m) return;
    T_CHECK(hln_exec_create(m, NULL, &ex, &err) == HLN_OK);
    if (ex && hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 4, xd, x, &err) == HLN_OK && hln_exec_run(ex, &err) == HLN_OK) {
        y = hln_exec_output(ex, 0, NULL);
        T_CHECK(y->rank == 4 && y->dims[1] == M && y->dims[2] == OH && y->dims[3] == OW);
        for (mo = 0; mo < M; mo++) for (oy = 0; oy < OH; oy++) for (ox = 0; ox < OW; ox++) {
            double s = b[mo];
            int gi = mo / (M / G);
            for (ci = 0; ci < C / G; ci++) for (ky = 0; ky < K; ky++) for (kx = 0; kx < K; kx++) {
                int iy = oy * 2 - 1 + ky, ix = ox * 2 - 1 + kx;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                s += (double)x[(gi * (C / G) + ci) * H * W + iy * W + ix] * w[((mo * (C / G) + ci) * K + ky) * K + kx];
            }
            T_CHECKF(fabs(((const float *)y->data)[(mo * OH + oy) * OW + ox] - s) < 1e-5, "y[%d,%d,%d] %g != %g", mo, oy, ox,
                     ((const float *)y->data)[(mo * OH + oy) * OW + ox], s);
        }
    } else T_CHECKF(0, "%s", err.message);
    hln_exec_free(ex);
    hln_model_free(m);
}

/* MatMul with broadcast batch dims [2,1,3,4] x [3,4,5] -> [2,3,3,5], against a direct loop. */
static void test_matmul_broadcast(void) {
    static pb g;
    int64_t ad[4] = {2, 1, 3, 4}, bd[3] = {3, 4, 5}, yd[4] = {2, 3, 3, 5};
    static float av[24], bv[60];
    const char *in[] = {"a", "b", NULL}, *out[] = {"y", NULL};
    hln_error err;
    hln_model *m;
    hln_exec *ex = NULL;
    int i, p, q, r, c, k;
    for (i = 0; i < 24; i++) av[i] = frand();
    for (i = 0; i < 60; i++) bv[i] = frand();
    g.n = 0;
    node(&g, "MatMul", in, out, NULL);
    initializer(&g, "b", 1, 3, bd, bv, sizeof bv);
    value_info(&g, 11, "a", 1, 4, ad);
    value_info(&g, 12, "y", 1, 4, yd);
    m = model_of(&g, &err);
    T_CHECK(m != NULL);
    if (!m) return;
    if (hln_exec_create(m, NULL, &ex, &err) == HLN_OK && hln_exec_set_input(ex, "a", HLN_DTYPE_F32, 4, ad, av, &err) == HLN_OK &&
        hln_exec_run(ex, &err) == HLN_OK) {
        const hln_exec_tensor *y = hln_exec_output(ex, 0, NULL);
        T_CHECK(y->rank == 4 && y->dims[0] == 2 && y->dims[1] == 3 && y->dims[2] == 3 && y->dims[3] == 5);
        for (p = 0; p < 2; p++) for (q = 0; q < 3; q++) for (r = 0; r < 3; r++) for (c = 0; c < 5; c++) {
            double s = 0;
            for (k = 0; k < 4; k++) s += (double)av[(p * 3 + r) * 4 + k] * bv[(q * 4 + k) * 5 + c];
            T_CHECK(fabs(((const float *)y->data)[((p * 3 + q) * 3 + r) * 5 + c] - s) < 1e-5);
        }
    } else T_CHECKF(0, "%s", err.message);
    hln_exec_free(ex);
    hln_model_free(m);
}

/* QuantizeLinear rounds half to even and saturates (ONNX operator spec); Dequantize inverts. */
static void test_quantize(void) {
    static pb g;
    int64_t d4 = 4, d0 = 0;
    float x[4] = {-1.25f, 0.25f, 0.75f, 200.0f}, scale = 0.5f;
    uint8_t zp = 3, want[4] = {1, 3, 5, 255};
    const char *qi[] = {"x", "s", "z", NULL}, *qo[] = {"q", NULL}, *di[] = {"q", "s", "z", NULL}, *dout[] = {"d", NULL};
    hln_error err;
    hln_model *m;
    hln_exec *ex = NULL;
    int i;
    g.n = 0;
    node(&g, "QuantizeLinear", qi, qo, NULL);
    node(&g, "DequantizeLinear", di, dout, NULL);
    initializer(&g, "s", 1, 0, &d0, &scale, 4);
    initializer(&g, "z", 2, 0, &d0, &zp, 1);
    value_info(&g, 11, "x", 1, 1, &d4);
    value_info(&g, 12, "q", 2, 1, &d4);
    value_info(&g, 12, "d", 1, 1, &d4);
    m = model_of(&g, &err);
    T_CHECK(m != NULL);
    if (!m) return;
    if (hln_exec_create(m, NULL, &ex, &err) == HLN_OK && hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 1, &d4, x, &err) == HLN_OK &&
        hln_exec_run(ex, &err) == HLN_OK) {
        const hln_exec_tensor *q = hln_exec_output(ex, 0, NULL), *d = hln_exec_output(ex, 1, NULL);
        hln_exec_stats st;
        T_CHECK(q->dtype == HLN_DTYPE_U8 && d->dtype == HLN_DTYPE_F32);
        for (i = 0; i < 4; i++) {
            T_EQ_U64(((const uint8_t *)q->data)[i], want[i]);
            T_CHECK(((const float *)d->data)[i] == ((float)want[i] - 3) * 0.5f);
        }
        hln_exec_tensor_stats(q, &st);
        T_EQ_U64(st.sat_high, 1);
        T_EQ_U64(st.sat_low, 0);
        T_CHECK(st.min == 1 && st.max == 255 && st.n == 4);
        /* bins of (255 - 1) / 64: 1 and 3 in the first, 5 in the second, 255 in the last */
        T_CHECK(st.hist[0] == 2 && st.hist[1] == 1 && st.hist[HLN_EXEC_HIST_BINS - 1] == 1);
    } else T_CHECKF(0, "%s", err.message);
    hln_exec_free(ex);
    hln_model_free(m);
}

/* Runs a one-node model whose first input "a" is given (dtype, 2-D dims); NULL on failure. */
static hln_exec *run_one(hln_model *m, const char *in, hln_dtype dt, uint32_t rank, const int64_t *dims, const void *data, hln_error *err) {
    hln_exec *ex = NULL;
    if (hln_exec_create(m, NULL, &ex, err) != HLN_OK) return NULL;
    if (hln_exec_set_input(ex, in, dt, rank, dims, data, err) != HLN_OK || hln_exec_run(ex, err) != HLN_OK) { hln_exec_free(ex); return NULL; }
    return ex;
}

/* MatMulInteger with a per-row a zero point and a per-column b zero point, ConvInteger with a
   per-output-channel w zero point (forms onnxruntime does not run), against direct loops;
   QLinearMatMul's ties round half to even and its outputs saturate; mismatched zero points are
   refused naming the node. tests/exec_ort.mjs checks all four ops against onnxruntime. */
static void test_integer_ops(void) {
    static pb g;
    int64_t da[2] = {3, 4}, db[2] = {4, 2}, dy[2] = {3, 2}, d3 = 3, d2 = 2, d0 = 0;
    int8_t a[12], b[8], azp[3] = {1, -2, 5}, bzp[2] = {-1, 3};
    const char *mi[] = {"a", "b", "az", "bz", NULL}, *mo[] = {"y", NULL};
    hln_error err;
    hln_model *m;
    hln_exec *ex;
    int i, j, k;
    for (i = 0; i < 12; i++) a[i] = (int8_t)(i * 37 % 255 - 127);
    for (i = 0; i < 8; i++) b[i] = (int8_t)(i * 91 % 200 - 100);
    g.n = 0;
    node(&g, "MatMulInteger", mi, mo, NULL);
    pb_str(&g, 2, "g");
    initializer(&g, "b", 3, 2, db, b, sizeof b);
    initializer(&g, "az", 3, 1, &d3, azp, sizeof azp);
    initializer(&g, "bz", 3, 1, &d2, bzp, sizeof bzp);
    value_info(&g, 11, "a", 3, 2, da);
    value_info(&g, 12, "y", 6, 2, dy);
    m = model_of(&g, &err);
    T_CHECKF(m != NULL, "%s", err.message);
    if (m && (ex = run_one(m, "a", HLN_DTYPE_I8, 2, da, a, &err)) != NULL) {
        const hln_exec_tensor *y = hln_exec_output(ex, 0, NULL);
        T_CHECK(y->dtype == HLN_DTYPE_I32 && y->n_elements == 6);
        for (i = 0; i < 3; i++)
            for (j = 0; j < 2; j++) {
                int32_t want = 0;
                for (k = 0; k < 4; k++) want += (a[i * 4 + k] - azp[i]) * (b[k * 2 + j] - bzp[j]);
                T_CHECKF(((const int32_t *)y->data)[i * 2 + j] == want, "MatMulInteger y[%d][%d] = %d, want %d", i, j, ((const int32_t *)y->data)[i * 2 + j], want);
            }
        hln_exec_free(ex);
    } else T_CHECKF(0, "MatMulInteger: %s", err.message);
    hln_model_free(m);

    {   /* a zero point of another dtype than its operand: refused, naming the node */
        uint8_t uz = 4;
        g.n = 0;
        node(&g, "MatMulInteger", mi, mo, NULL);
        pb_str(&g, 2, "g");
        initializer(&g, "b", 3, 2, db, b, sizeof b);
        initializer(&g, "az", 2, 0, &d0, &uz, 1);
        initializer(&g, "bz", 3, 1, &d2, bzp, sizeof bzp);
        value_info(&g, 11, "a", 3, 2, da);
        value_info(&g, 12, "y", 6, 2, dy);
        m = model_of(&g, &err);
        T_CHECK(m != NULL);
        if (m) {
            ex = run_one(m, "a", HLN_DTYPE_I8, 2, da, a, &err);
            T_CHECK(ex == NULL && strstr(err.message, "MatMulInteger") && strstr(err.message, "zero point's dtype"));
            hln_exec_free(ex);
        }
        hln_model_free(m);
    }

    {   /* ConvInteger: x [1,2,4,4] u8 (zp 7), w [3,2,2,2] u8 with one zero point per output channel */
        int64_t dx[4] = {1, 2, 4, 4}, dw[4] = {3, 2, 2, 2}, dco[4] = {1, 3, 3, 3};
        uint8_t x[32], w[24], xz = 7, wz[3] = {128, 3, 250};
        const char *ci[] = {"a", "w", "xz", "wz", NULL};
        int o, y0, x0, ch, ky, kx;
        for (i = 0; i < 32; i++) x[i] = (uint8_t)(i * 53 % 256);
        for (i = 0; i < 24; i++) w[i] = (uint8_t)(i * 101 % 256);
        g.n = 0;
        node(&g, "ConvInteger", ci, mo, NULL);
        pb_str(&g, 2, "g");
        initializer(&g, "w", 2, 4, dw, w, sizeof w);
        initializer(&g, "xz", 2, 0, &d0, &xz, 1);
        initializer(&g, "wz", 2, 1, &d3, wz, sizeof wz);
        value_info(&g, 11, "a", 2, 4, dx);
        value_info(&g, 12, "y", 6, 4, dco);
        m = model_of(&g, &err);
        T_CHECK(m != NULL);
        if (m && (ex = run_one(m, "a", HLN_DTYPE_U8, 4, dx, x, &err)) != NULL) {
            const hln_exec_tensor *y = hln_exec_output(ex, 0, NULL);
            T_CHECK(y->dtype == HLN_DTYPE_I32 && y->n_elements == 27);
            for (o = 0; o < 3; o++)
                for (y0 = 0; y0 < 3; y0++)
                    for (x0 = 0; x0 < 3; x0++) {
                        int32_t want = 0;
                        for (ch = 0; ch < 2; ch++)
                            for (ky = 0; ky < 2; ky++)
                                for (kx = 0; kx < 2; kx++)
                                    want += (x[(ch * 4 + y0 + ky) * 4 + x0 + kx] - xz) * (w[((o * 2 + ch) * 2 + ky) * 2 + kx] - wz[o]);
                        T_CHECKF(((const int32_t *)y->data)[(o * 3 + y0) * 3 + x0] == want, "ConvInteger y[%d][%d][%d]", o, y0, x0);
                    }
            hln_exec_free(ex);
        } else T_CHECKF(0, "ConvInteger: %s", err.message);
        hln_model_free(m);
    }

    {   /* QLinearMatMul: multiplier 1 * 1 / 2; sums 5, 7, -5, 300, -301, 1 -> 2.5, 3.5, -2.5, 150, -150.5, 0.5
           -> 2, 4, -2, saturated 127, saturated -128, 0 (half to even), then + y_zp 0 */
        int64_t d16[2] = {1, 6}, d61[2] = {6, 6}, dq[2] = {1, 6};
        int8_t qa[6] = {1, 0, 0, 0, 0, 0}, qb[36], want[6] = {2, 4, -2, 127, -128, 0}, z = 0;
        int sums[6] = {5, 7, -5, 300, -301, 1};
        float one = 1, two = 2;
        const char *qi[] = {"a", "s1", "z", "b", "s1", "z", "s2", "z", NULL};
        memset(qb, 0, sizeof qb);
        /* a = (1, 1, 1, 0, 0, 0) (a_zp 0): rows 0-2 of b carry the sums, spread to fit int8 */
        qa[1] = qa[2] = 1;
        for (j = 0; j < 6; j++) {
            int s = sums[j];
            for (i = 0; i < 3; i++) {
                qb[i * 6 + j] = (int8_t)(s > 127 ? 127 : s < -128 ? -128 : s);
                s -= qb[i * 6 + j];
            }
        }
        g.n = 0;
        node(&g, "QLinearMatMul", qi, mo, NULL);
        pb_str(&g, 2, "g");
        initializer(&g, "s1", 1, 0, &d0, &one, 4);
        initializer(&g, "s2", 1, 0, &d0, &two, 4);
        initializer(&g, "z", 3, 0, &d0, &z, 1);
        initializer(&g, "b", 3, 2, d61, qb, sizeof qb);
        value_info(&g, 11, "a", 3, 2, d16);
        value_info(&g, 12, "y", 3, 2, dq);
        m = model_of(&g, &err);
        T_CHECK(m != NULL);
        if (m && (ex = run_one(m, "a", HLN_DTYPE_I8, 2, d16, qa, &err)) != NULL) {
            const hln_exec_tensor *y = hln_exec_output(ex, 0, NULL);
            T_CHECK(y->dtype == HLN_DTYPE_I8);
            for (j = 0; j < 6; j++) T_CHECKF(((const int8_t *)y->data)[j] == want[j], "QLinearMatMul y[%d] = %d, want %d", j, ((const int8_t *)y->data)[j], want[j]);
            hln_exec_free(ex);
        } else T_CHECKF(0, "QLinearMatMul: %s", err.message);
        hln_model_free(m);
    }
}

/* Gemm (transB = 1) on a ggml block weight: the kernel path (A's rows quantized to the vec_dot
   type, hln_k_gemv) against the dequantize path and against a direct computation of what the
   kernels define: dot(dequantized W, dequantized quantized x). */
static void test_block_gemm(void) {
    static const hln_k_type types[2] = { HLN_K_Q4_K, HLN_K_Q8_0 };
    static float w[8 * 256], x[2 * 256], wd[8 * 256], xd[256];
    static unsigned char wq[8 * 256], xq[512];
    static pb g;
    int t;
    for (t = 0; t < 2; t++) {
        hln_k_type kt = types[t], vt = hln_k_vec_dot_type(kt);
        int64_t K = kt == HLN_K_Q4_K ? 256 : 64, N = 8, M = 2, dw[2], dx[2], dy[2], i, j, k;
        const char *gi[] = {"x", "W", NULL}, *go[] = {"y", NULL};
        pb at;
        hln_error err;
        hln_model *m;
        hln_exec *ex = NULL, *ref = NULL;
        hln_exec_options o;
        uint32_t ti;
        size_t wbytes = hln_k_row_size(kt, K) * (size_t)N;
        dw[0] = N; dw[1] = K; dx[0] = M; dx[1] = K; dy[0] = M; dy[1] = N;
        for (i = 0; i < N * K; i++) w[i] = frand();
        for (i = 0; i < M * K; i++) x[i] = frand() * 2.0f;
        T_CHECK(hln_k_quantize(kt, w, wq, N * K) == 0 && hln_k_dequantize(kt, wq, wd, N * K) == 0);
        g.n = 0; at.n = 0;
        attr_int(&at, "transB", 1);
        node(&g, "Gemm", gi, go, &at);
        pb_str(&g, 2, "g");
        initializer(&g, "W", 1, 2, dw, w, (size_t)(N * K) * 4);
        value_info(&g, 11, "x", 1, 2, dx);
        value_info(&g, 12, "y", 1, 2, dy);
        m = model_of(&g, &err);
        T_CHECKF(m != NULL, "%s", err.message);
        if (!m) continue;
        for (ti = 0; ti < m->n_tensors; ti++)   /* W becomes the block tensor a GGUF reader would give */
            if (strcmp(m->tensors[ti].name, "W") == 0) {
                m->tensors[ti].dtype = kt == HLN_K_Q4_K ? HLN_DTYPE_Q4_K : HLN_DTYPE_Q8_0;
                m->tensors[ti].data = wq;
                m->tensors[ti].n_bytes = wbytes;
            }
        memset(&o, 0, sizeof o);
        T_CHECKF(hln_exec_create(m, &o, &ex, &err) == HLN_OK, "%s", err.message);
        o.dequantize_block_weights = 1;
        T_CHECKF(hln_exec_create(m, &o, &ref, &err) == HLN_OK, "%s", err.message);
        if (ex && ref && hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 2, dx, x, &err) == HLN_OK && hln_exec_run(ex, &err) == HLN_OK &&
            hln_exec_set_input(ref, "x", HLN_DTYPE_F32, 2, dx, x, &err) == HLN_OK && hln_exec_run(ref, &err) == HLN_OK) {
            const float *yk = (const float *)hln_exec_output(ex, 0, NULL)->data, *yd = (const float *)hln_exec_output(ref, 0, NULL)->data;
            int differs = 0;
            T_EQ_U64(hln_exec_block_products(ex), 1);
            T_EQ_U64(hln_exec_block_products(ref), 0);
            for (i = 0; i < M; i++) {
                int64_t bs = vt == HLN_K_Q8_K ? 256 : 32;
                T_CHECK(hln_k_quantize(vt, x + i * K, xq, K) == 0 && hln_k_dequantize(vt, xq, xd, K) == 0);
                for (j = 0; j < N; j++) {
                    double direct = 0, deq = 0, bound = 0;
                    int64_t b0;
                    for (k = 0; k < K; k++) { direct += (double)wd[j * K + k] * xd[k]; deq += (double)wd[j * K + k] * x[i * K + k]; }
                    /* the activation's 8-bit rounding: |x - x_q| <= amax / 254 per block */
                    for (b0 = 0; b0 < K; b0 += bs) {
                        double amax = 0, wsum = 0;
                        for (k = b0; k < b0 + bs; k++) { amax = fmax(amax, fabs(x[i * K + k])); wsum += fabs(wd[j * K + k]); }
                        bound += amax / 254.0 * wsum;
                    }
                    T_CHECKF(fabs(yk[i * N + j] - direct) <= 1e-5 * (fabs(direct) + 1), "%s y[%d][%d]: kernel %g, direct %g", hln_k_type_name(kt), (int)i, (int)j, yk[i * N + j], direct);
                    T_CHECKF(fabs(yd[i * N + j] - deq) <= 1e-5 * (fabs(deq) + 1), "%s y[%d][%d]: dequantized %g, direct %g", hln_k_type_name(kt), (int)i, (int)j, yd[i * N + j], deq);
                    T_CHECKF(fabs(yk[i * N + j] - yd[i * N + j]) <= bound * 1.001 + 1e-5, "%s y[%d][%d]: |kernel - dequantized| %g > %g", hln_k_type_name(kt), (int)i, (int)j,
                             fabs(yk[i * N + j] - yd[i * N + j]), bound);
                    if (yk[i * N + j] != yd[i * N + j]) differs = 1;
                }
            }
            T_CHECK(differs);   /* the activation really was quantized */
        } else T_CHECKF(0, "%s: %s", hln_k_type_name(kt), err.message);
        hln_exec_free(ex);
        hln_exec_free(ref);
        hln_model_free(m);
    }
}

static void test_error_metrics(void) {
    float a[4] = {1, 2, 3, 4}, b[4] = {1, 2, 3, 5};
    hln_exec_tensor ta, tb;
    hln_exec_error e;
    memset(&ta, 0, sizeof ta);
    ta.dtype = HLN_DTYPE_F32; ta.rank = 1; ta.dims[0] = 4; ta.n_elements = 4; ta.data = a;
    tb = ta; tb.data = b;
    T_CHECK(hln_exec_tensor_error(&ta, &tb, &e));
    T_CHECK(fabs(e.rmse - 0.5) < 1e-12 && e.max_abs == 1);
    T_CHECK(fabs(e.snr_db - 10 * log10(30.0)) < 1e-9);
    T_CHECK(fabs(e.cosine - 34.0 / sqrt(30.0 * 39.0)) < 1e-12);
    T_CHECK(hln_exec_tensor_error(&ta, &ta, &e) && e.snr_db == 999 && e.rmse == 0);
    tb.n_elements = 3;
    T_CHECK(!hln_exec_tensor_error(&ta, &tb, &e));
}

/* A model-local function (FunctionProto, ModelProto field 25): local::Twice(a) = Relu(a + a). */
static void test_local_function(void) {
    static pb g, m, ops, fn, nd;
    int64_t d4 = 4;
    float x[4] = {-1, 2, -3, 4};
    hln_model *model = NULL;
    hln_onnx_options o;
    hln_error err;
    hln_exec *ex = NULL;
    int i;
    fn.n = 0;
    pb_str(&fn, 1, "Twice");
    pb_str(&fn, 4, "a");
    pb_str(&fn, 5, "o");
    nd.n = 0; pb_str(&nd, 1, "a"); pb_str(&nd, 1, "a"); pb_str(&nd, 2, "t"); pb_str(&nd, 4, "Add"); pb_msg(&fn, 7, &nd);
    nd.n = 0; pb_str(&nd, 1, "t"); pb_str(&nd, 2, "o"); pb_str(&nd, 4, "Relu"); pb_msg(&fn, 7, &nd);
    ops.n = 0; pb_str(&ops, 1, ""); pb_int(&ops, 2, 17); pb_msg(&fn, 9, &ops);
    pb_str(&fn, 10, "local");
    g.n = 0;
    nd.n = 0; pb_str(&nd, 1, "x"); pb_str(&nd, 2, "y"); pb_str(&nd, 3, "call"); pb_str(&nd, 4, "Twice"); pb_str(&nd, 7, "local"); pb_msg(&g, 1, &nd);
    pb_str(&g, 2, "g");
    value_info(&g, 11, "x", 1, 1, &d4);
    value_info(&g, 12, "y", 1, 1, &d4);
    m.n = 0;
    pb_int(&m, 1, 8);
    ops.n = 0; pb_str(&ops, 1, ""); pb_int(&ops, 2, 17); pb_msg(&m, 8, &ops);
    ops.n = 0; pb_str(&ops, 1, "local"); pb_int(&ops, 2, 1); pb_msg(&m, 8, &ops);
    pb_msg(&m, 7, &g);
    pb_msg(&m, 25, &fn);
    memset(&o, 0, sizeof o);
    memset(&err, 0, sizeof err);
    T_CHECKF(hln_onnx_parse(&o, m.b, m.n, &model, &err) == HLN_OK, "%s", err.message);
    if (!model) return;
    if (hln_exec_create(model, NULL, &ex, &err) == HLN_OK && hln_exec_set_input(ex, "x", HLN_DTYPE_F32, 1, &d4, x, &err) == HLN_OK &&
        hln_exec_run(ex, &err) == HLN_OK) {
        const hln_exec_tensor *y = hln_exec_output(ex, 0, NULL);
        T_CHECK(y->n_elements == 4);
        for (i = 0; i < 4; i++) T_CHECK(((const float *)y->data)[i] == (x[i] > 0 ? 2 * x[i] : 0));
    } else T_CHECKF(0, "%s", err.message);
    hln_exec_free(ex);
    hln_model_free(model);
}

/* Corpus models run under the sanitizers with drawn inputs; every output finite. (Their values
   against onnxruntime: tests/exec_ort.mjs.) */
static void test_corpus_models(void) {
    static const struct { const char *path; int64_t dims[4][4]; int rank[4]; } cases[] = {
        { "onnx/generated/qdq_convnet.onnx", { {1, 3, 32, 32} }, {4} },
        { "onnx/generated/lstm_gru.onnx", { {2, 5} }, {2} },
        { "onnx/generated/nested_control_flow.onnx", { {3, 4}, {4} }, {2, 1} },
        { "onnx/generated/transformer_encoder_2l.onnx", { {1, 16, 64} }, {3} },
        { "onnx/generated/tiny_gpt2.onnx", { {1, 6} }, {2} },
        { "onnx/generated/dcgan_convtranspose2d.onnx", { {1, 16, 1, 1} }, {4} },
        { "onnx/generated/mlp_external.onnx", { {1, 784} }, {2} },
        { "onnx/real/silero/silero_vad_v5.onnx", { {1, 512}, {2, 1, 128}, {0} }, {2, 3, 0} },
    };
    size_t c;
    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char path[1024];
        hln_model *m = NULL;
        hln_error err;
        hln_onnx_options oo;
        hln_exec *ex = NULL;
        uint32_t i, k;
        snprintf(path, sizeof path, "%s/%s", t_corpus(), cases[c].path);
        memset(&oo, 0, sizeof oo);
        if (hln_onnx_load_file(&oo, path, &m, &err) != HLN_OK) { T_SKIP("corpus model missing"); continue; }
        T_CHECKF(hln_exec_create(m, NULL, &ex, &err) == HLN_OK, "%s: %s", path, err.message);
        for (i = 0; ex && i < hln_exec_input_count(ex); i++) {
            const hln_value *v = hln_exec_input(ex, i);
            uint64_t n = 1, e;
            void *buf;
            for (k = 0; k < (uint32_t)cases[c].rank[i]; k++) n *= (uint64_t)cases[c].dims[i][k];
            buf = malloc(n * 8 + 8);
            for (e = 0; e < n; e++) {
                if (v->dtype == HLN_DTYPE_F32) ((float *)buf)[e] = frand();
                else ((int64_t *)buf)[e] = strcmp(v->name, "sr") == 0 ? 16000 : (int64_t)(lcg = lcg * 1664525u + 1013904223u) % 8;
            }
            T_CHECKF(hln_exec_set_input(ex, v->name, v->dtype, (uint32_t)cases[c].rank[i], cases[c].dims[i], buf, &err) == HLN_OK, "%s: %s", path, err.message);
            free(buf);
        }
        if (ex) {
            T_CHECKF(hln_exec_run(ex, &err) == HLN_OK, "%s: %s", path, err.message);
            for (i = 0; i < hln_exec_output_count(ex); i++) {
                hln_exec_stats st;
                const hln_exec_tensor *o = hln_exec_output(ex, i, NULL);
                hln_exec_tensor_stats(o, &st);
                T_CHECKF(o->n_elements > 0 && st.nonfinite == 0, "%s output %u", path, i);
            }
            {   /* memory: within 1.2x the liveness peak (plus one page of slack), all in the arena */
                uint64_t peak, live, arena, spilled;
                hln_exec_peak_bytes(ex, &peak, &live);
                hln_exec_arena_bytes(ex, &arena, &spilled);
                T_CHECKF(peak > 0 && live > 0 && (double)peak <= 1.2 * (double)live + 4096, "%s: peak %llu liveness %llu", path,
                         (unsigned long long)peak, (unsigned long long)live);
                T_CHECKF(arena >= live && spilled == 0, "%s: arena %llu, spilled %llu", path, (unsigned long long)arena, (unsigned long long)spilled);
            }
            {   /* a second run of the same executor: the same bits */
                uint32_t n_out = hln_exec_output_count(ex);
                void *first[8] = {0};
                for (i = 0; i < n_out && i < 8; i++) {
                    const hln_exec_tensor *o = hln_exec_output(ex, i, NULL);
                    size_t bytes = (size_t)o->n_elements * hln_dtype_get(o->dtype)->type_size;
                    first[i] = malloc(bytes + 1);
                    if (first[i]) memcpy(first[i], o->data, bytes);
                }
                T_CHECKF(hln_exec_run(ex, &err) == HLN_OK, "%s: second run: %s", path, err.message);
                for (i = 0; i < n_out && i < 8; i++) {
                    const hln_exec_tensor *o = hln_exec_output(ex, i, NULL);
                    T_CHECKF(first[i] && memcmp(first[i], o->data, (size_t)o->n_elements * hln_dtype_get(o->dtype)->type_size) == 0,
                             "%s: output %u differs on a second run", path, i);
                    free(first[i]);
                }
            }
        }
        hln_exec_free(ex);
        hln_model_free(m);
    }
}

int main(void) {
    T_RUN(test_add_relu);
    T_RUN(test_unsupported_and_cycle);
    T_RUN(test_hostile_sizes);
    T_RUN(test_conv_direct);
    T_RUN(test_matmul_broadcast);
    T_RUN(test_quantize);
    T_RUN(test_integer_ops);
    T_RUN(test_block_gemm);
    T_RUN(test_error_metrics);
    T_RUN(test_local_function);
    T_RUN(test_corpus_models);
    return t_finish("exec");
}
