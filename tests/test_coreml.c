/* tests/test_coreml.c - haoline_coreml.h: crafted Model messages (wire errors, neural network
 * layers mapped onto ONNX ops and costed by the analysis, weight precisions and their checks,
 * MIL programs with blob references), packages built in a temporary folder (manifest paths
 * that leave the package, symbolic links out of it, blob records), the engine's file
 * callbacks, every corpus model against its .expected.json and every bad/ file against its
 * documented error, truncations, and memory proportional to the file. Links tests/impl.c. */
#define _POSIX_C_SOURCE 200809L
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_coreml.h"
#include "test.h"
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

/* ---- a protobuf encoder for crafted messages ---- */
typedef struct pbw { unsigned char b[8192]; size_t n; } pbw;
static void pb_varint(pbw *w, uint64_t v) {
    do { unsigned char c = (unsigned char)(v & 0x7f); v >>= 7; w->b[w->n++] = (unsigned char)(c | (v ? 0x80 : 0)); } while (v);
}
static void pb_tag(pbw *w, uint32_t field, uint32_t wire) { pb_varint(w, (uint64_t)field << 3 | wire); }
static void pb_uint(pbw *w, uint32_t field, uint64_t v) { pb_tag(w, field, 0); pb_varint(w, v); }
static void pb_bytes(pbw *w, uint32_t field, const void *p, size_t n) {
    pb_tag(w, field, 2);
    pb_varint(w, n);
    memcpy(w->b + w->n, p, n);
    w->n += n;
}
static void pb_str(pbw *w, uint32_t field, const char *s) { pb_bytes(w, field, s, strlen(s)); }
static void pb_msg(pbw *w, uint32_t field, const pbw *m) { pb_bytes(w, field, m->b, m->n); }
static void pb_floats(pbw *w, uint32_t field, uint32_t n) {   /* packed float32 1, 2, 3, ... */
    unsigned char buf[4096];
    uint32_t i;
    for (i = 0; i < n; i++) { float f = (float)(i + 1); uint32_t u; memcpy(&u, &f, 4); t_put_le(buf + 4 * i, u, 4); }
    pb_bytes(w, field, buf, 4 * n);
}

/* FeatureDescription of a multiArray FLOAT32 input of the given shape */
static void feature_array(pbw *out, uint32_t field, const char *name, const int64_t *shape, uint32_t rank) {
    pbw arr = {{0}, 0}, ft = {{0}, 0}, fd = {{0}, 0}, shp = {{0}, 0};
    uint32_t i;
    for (i = 0; i < rank; i++) pb_varint(&shp, (uint64_t)shape[i]);
    pb_msg(&arr, 1, &shp);
    pb_uint(&arr, 2, 65568);
    pb_msg(&ft, 5, &arr);
    pb_str(&fd, 1, name);
    pb_msg(&fd, 3, &ft);
    pb_msg(out, field, &fd);
}

/* A neuralNetwork model: input x [C, H, W] -> one convolution (out_ch, C, 3, 3, valid) -> y,
   with `weights` floats (C*out_ch*9 is right). */
static size_t nn_conv_model(unsigned char *buf, uint32_t c, uint32_t h, uint32_t w, uint32_t out_ch, uint32_t weights) {
    pbw model = {{0}, 0}, desc = {{0}, 0}, nn = {{0}, 0}, layer = {{0}, 0}, conv = {{0}, 0}, wp = {{0}, 0}, k = {{0}, 0};
    int64_t in_shape[3];
    int64_t out_shape[3];
    in_shape[0] = c; in_shape[1] = h; in_shape[2] = w;
    out_shape[0] = out_ch; out_shape[1] = h - 2; out_shape[2] = w - 2;
    feature_array(&desc, 1, "x", in_shape, 3);
    feature_array(&desc, 10, "y", out_shape, 3);
    pb_uint(&conv, 1, out_ch);
    pb_uint(&conv, 2, c);
    pb_varint(&k, 3); pb_varint(&k, 3);
    pb_msg(&conv, 20, &k);
    pb_floats(&wp, 1, weights);
    pb_msg(&conv, 90, &wp);
    pb_str(&layer, 1, "conv");
    pb_str(&layer, 2, "x");
    pb_str(&layer, 3, "y");
    pb_msg(&layer, 100, &conv);
    pb_msg(&nn, 1, &layer);
    pb_uint(&nn, 5, 1);   /* EXACT_ARRAY_MAPPING */
    pb_uint(&model, 1, 4);
    pb_msg(&model, 2, &desc);
    pb_msg(&model, 500, &nn);
    memcpy(buf, model.b, model.n);
    return model.n;
}

static hln_result parse(const void *data, size_t n, hln_model **m, hln_error *err) {
    hln_coreml_options o;
    memset(&o, 0, sizeof o);
    memset(err, 0, sizeof *err);
    *m = NULL;
    return hln_coreml_parse(&o, data, n, m, err);
}

/* The value of a dotted path in the facts ("weights.total_elements"), as text. */
static int facts_get(const hln_model *m, const char *path, char *out, size_t cap) {
    hln_json j;
    hln_error err;
    uint32_t t = 0;
    char key[64];
    const char *p = path;
    int ok = 0;
    if (!m->format_facts || hln_json_parse(&j, NULL, m->format_facts, m->format_facts_len, m->format_facts_len, 0, "facts", &err) != HLN_OK) return 0;
    while (*p) {
        size_t n = strcspn(p, ".");
        memcpy(key, p, n);
        key[n] = 0;
        t = hln_json_find(&j, t, key);
        if (!t) break;
        p += n + (p[n] == '.');
    }
    if (t && !*p) {
        size_t n = j.tok[t].end - j.tok[t].start;
        if (n >= cap) n = cap - 1;
        memcpy(out, m->format_facts + j.tok[t].start, n);
        out[n] = 0;
        ok = 1;
    }
    hln_json_free(&j);
    return ok;
}

/* ---- wire-level errors ---- */
static void test_wire_errors(void) {
    static const unsigned char varint11[] = { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
    static const unsigned char wrong_wire[] = { 0x0a, 0x01, 0x04, 0xa2, 0x1f, 0x00 };   /* field 1 as LEN, then neuralNetwork */
    static const unsigned char past_end[] = { 0x08, 0x04, 0x12, 0x40, 0x0a };
    unsigned char unknown[16];
    hln_model *m;
    hln_error err;
    {   /* specificationVersion 4, then field 9999 (varint) */
        pbw w = {{0}, 0};
        pb_uint(&w, 1, 4);
        pb_uint(&w, 9999, 1);
        memcpy(unknown, w.b, w.n);
    }
    T_EQ_U64(parse("", 0, &m, &err), HLN_ERR_TYPE);
    T_CHECK(strstr(err.message, "empty") != NULL);
    T_EQ_U64(parse(varint11, sizeof varint11, &m, &err), HLN_ERR_OVERFLOW);
    T_EQ_U64(parse(wrong_wire, sizeof wrong_wire, &m, &err), HLN_ERR_SYNTAX);
    T_CHECK(strstr(err.message, "wire type") != NULL);
    T_EQ_U64(err.byte_offset, 0);
    T_EQ_U64(parse(past_end, sizeof past_end, &m, &err), HLN_ERR_TRUNCATED);
    T_EQ_U64(parse(unknown, 6, &m, &err), HLN_ERR_TYPE);
    T_CHECKF(strstr(err.message, "9999") != NULL, "%s", err.message);
    T_CHECK(m == NULL);
}

/* ---- neural networks: the layer becomes an ONNX Conv the analysis costs ---- */
static void test_nn_conv_costed(void) {
    unsigned char buf[8192];
    size_t n = nn_conv_model(buf, 2, 6, 5, 4, 2 * 4 * 9);
    hln_model *m;
    hln_error err;
    hln_graph_summary gs;
    hln_summary s;
    char v[64];
    T_EQ_U64(parse(buf, n, &m, &err), HLN_OK);
    if (!m) return;
    T_EQ_U64(m->format, HLN_FORMAT_COREML);
    T_EQ_U64(m->n_tensors, 1);
    T_EQ_STR(m->tensors[0].name, "conv.weights");
    T_EQ_U64(m->tensors[0].n_dims, 4);
    T_EQ_I64(m->tensors[0].dims[0], 4);
    T_EQ_I64(m->tensors[0].dims[1], 2);
    T_EQ_U64(m->tensors[0].dtype, HLN_DTYPE_F32);
    {   /* a view of the packed floats in the file: 1.0, 2.0, ... */
        T_CHECK(t_le_f32((const unsigned char *)m->tensors[0].data + 4) == 2.0f);
        T_CHECK((const unsigned char *)m->tensors[0].data > buf && (const unsigned char *)m->tensors[0].data < buf + n);
    }
    T_CHECK(m->graph && m->graph->n_nodes == 1);
    if (m->graph && m->graph->n_nodes == 1) {
        T_EQ_STR(m->graph->nodes[0].op_type, "Conv");
        T_EQ_U64(m->graph->n_inputs, 1);
        T_EQ_I64(m->graph->values[m->graph->inputs[0]].shape.rank, 4);   /* [C, H, W] read as [1, C, H, W] */
    }
    T_EQ_U64(hln_graph_analyze(m, NULL, &gs, &err), HLN_OK);
    T_EQ_U64(gs.macs, 4ull * 4 * 3 * 2 * 9);   /* out [1, 4, 4, 3] x Cin*KH*KW */
    T_CHECK(gs.macs_exact);
    hln_model_summarize(m, &s);
    T_EQ_U64(s.params, 72);
    T_CHECK(facts_get(m, "neural_network.layer_types.convolution", v, sizeof v) && strcmp(v, "1") == 0);
    T_CHECK(facts_get(m, "weights.by_precision.float32.elements", v, sizeof v) && strcmp(v, "72") == 0);
    T_CHECK(facts_get(m, "neural_network.array_input_shape_mapping", v, sizeof v) && strcmp(v, "EXACT_ARRAY_MAPPING") == 0);
    hln_model_free(m);
    n = nn_conv_model(buf, 2, 6, 5, 4, 71);   /* one weight short */
    T_EQ_U64(parse(buf, n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECKF(strstr(err.message, "72") != NULL, "%s", err.message);
}

/* ---- weight precisions: float16 length, n-bit LUT counts, quantization parameters ---- */
static size_t nn_ip_model(unsigned char *buf, int kind) {
    pbw model = {{0}, 0}, desc = {{0}, 0}, nn = {{0}, 0}, layer = {{0}, 0}, ip = {{0}, 0}, wp = {{0}, 0}, q = {{0}, 0}, lut = {{0}, 0};
    int64_t in_shape[1] = { 4 }, out_shape[1] = { 6 };
    unsigned char raw[64];
    memset(raw, 0x5a, sizeof raw);
    feature_array(&desc, 1, "x", in_shape, 1);
    feature_array(&desc, 10, "y", out_shape, 1);
    pb_uint(&ip, 1, 4);
    pb_uint(&ip, 2, 6);
    if (kind == 0) pb_bytes(&wp, 2, raw, 48);            /* float16: 24 x 2 bytes */
    else if (kind == 1) pb_bytes(&wp, 2, raw, 47);       /* odd */
    else {                                               /* 4-bit LUT: 24 codes in 12 bytes, 16 entries */
        pb_bytes(&wp, 30, raw, kind == 2 ? 12 : 11);
        pb_uint(&q, 1, 4);
        pb_floats(&lut, 1, 16);
        pb_msg(&q, 102, &lut);
        pb_msg(&wp, 40, &q);
    }
    pb_msg(&ip, 20, &wp);
    pb_str(&layer, 1, "fc");
    pb_str(&layer, 2, "x");
    pb_str(&layer, 3, "y");
    pb_msg(&layer, 140, &ip);
    pb_msg(&nn, 1, &layer);
    pb_uint(&model, 1, 5);
    pb_msg(&model, 2, &desc);
    pb_msg(&model, 500, &nn);
    memcpy(buf, model.b, model.n);
    return model.n;
}
static void test_weight_precisions(void) {
    unsigned char buf[8192];
    hln_model *m;
    hln_error err;
    char v[64];
    size_t n = nn_ip_model(buf, 0);
    T_EQ_U64(parse(buf, n, &m, &err), HLN_OK);
    if (m) {
        T_CHECK(facts_get(m, "weights.by_precision.float16.elements", v, sizeof v) && strcmp(v, "24") == 0);
        T_EQ_U64(m->tensors[0].dtype, HLN_DTYPE_F16);
        T_EQ_STR(m->graph->nodes[0].op_type, "Gemm");
        hln_model_free(m);
    }
    n = nn_ip_model(buf, 1);
    T_EQ_U64(parse(buf, n, &m, &err), HLN_ERR_LAYOUT);
    T_CHECKF(strstr(err.message, "float16Value") != NULL, "%s", err.message);
    n = nn_ip_model(buf, 2);
    T_EQ_U64(parse(buf, n, &m, &err), HLN_OK);
    if (m) {
        T_CHECK(facts_get(m, "weights.by_precision.quantized_4bit_lut.elements", v, sizeof v) && strcmp(v, "24") == 0);
        T_CHECK(facts_get(m, "weights.by_precision.quantized_4bit_lut.bytes", v, sizeof v) && strcmp(v, "12") == 0);
        T_CHECK(facts_get(m, "weights.quantization_params", v, sizeof v) && strcmp(v, "16") == 0);
        T_EQ_U64(m->tensors[0].dtype, HLN_DTYPE_U4);
        hln_model_free(m);
    }
    n = nn_ip_model(buf, 3);   /* 11 bytes hold 22 codes, not 24 */
    T_EQ_U64(parse(buf, n, &m, &err), HLN_ERR_LAYOUT);
}

/* ---- nesting caps: pipelines and MIL blocks, without deep recursion ---- */
static void test_nesting_caps(void) {
    static unsigned char a[1 << 16], b[1 << 16];
    size_t n = 0, k;
    hln_model *m;
    hln_error err;
    /* innermost: a model with a neuralNetwork; then Model{pipeline{models[0]}} around it */
    {
        pbw model = {{0}, 0}, nn = {{0}, 0};
        pb_uint(&model, 1, 4);
        pb_msg(&model, 500, &nn);
        memcpy(a, model.b, model.n);
        n = model.n;
    }
    for (k = 0; k < 40; k++) {   /* Model { specificationVersion 4, pipeline (202) { models (1) { a } } } */
        size_t o = 0, inner = n, l1, l2;
        pbw hdr = {{0}, 0};
        pb_tag(&hdr, 1, 2); pb_varint(&hdr, inner);
        l1 = hdr.n + inner;
        o = 0;
        b[o++] = 0x08; b[o++] = 0x04;
        {
            pbw t = {{0}, 0};
            pb_tag(&t, 202, 2); pb_varint(&t, l1);
            memcpy(b + o, t.b, t.n); o += t.n;
        }
        memcpy(b + o, hdr.b, hdr.n); o += hdr.n;
        memcpy(b + o, a, inner); o += inner;
        l2 = o;
        memcpy(a, b, l2);
        n = l2;
        if (k == HLN_COREML_MAX_DEPTH - 2) {   /* within the cap: reads */
            T_EQ_U64(parse(a, n, &m, &err), HLN_OK);
            hln_model_free(m);
        }
    }
    T_EQ_U64(parse(a, n, &m, &err), HLN_ERR_LIMIT);
    T_CHECK(strstr(err.message, "HLN_COREML_MAX_DEPTH") != NULL);
}

/* ---- packages in a temporary folder ---- */
static char tmp_root[256];
static void write_file(const char *dir, const char *rel, const void *p, size_t n) {
    char path[1024], *s;
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (s = path + strlen(dir) + 1; (s = strchr(s, '/')) != NULL; s++) { *s = 0; mkdir(path, 0755); *s = '/'; }
    f = fopen(path, "wb");
    if (f) { fwrite(p, 1, n, f); fclose(f); }
}
static void write_manifest(const char *dir, const char *root_path) {
    char text[1024];
    int n = snprintf(text, sizeof text,
                     "{\"fileFormatVersion\": \"1.0.0\", \"itemInfoEntries\": {\"R\": {\"author\": \"t\", \"description\": \"d\", "
                     "\"name\": \"model.mlmodel\", \"path\": \"%s\"}}, \"rootModelIdentifier\": \"R\"}", root_path);
    write_file(dir, "Manifest.json", text, (size_t)n);
}

/* An mlProgram: main(x: fp32 [2, 3]) { w = const(blob fp32 [3, 3] at record_offset); y = linear(x, w) } */
static size_t mil_model(unsigned char *buf, const char *blob_name, uint64_t record_offset) {
    pbw model = {{0}, 0}, desc = {{0}, 0}, prog = {{0}, 0}, fent = {{0}, 0}, fn = {{0}, 0}, bent = {{0}, 0}, blk = {{0}, 0};
    pbw op1 = {{0}, 0}, op2 = {{0}, 0}, tt = {{0}, 0}, vt = {{0}, 0}, nvt = {{0}, 0}, val = {{0}, 0};
    pbw bfv = {{0}, 0}, attr = {{0}, 0}, arg = {{0}, 0}, bind = {{0}, 0}, ient = {{0}, 0}, dim = {{0}, 0}, cdim = {{0}, 0};
    int64_t shp[2] = { 2, 3 };
    feature_array(&desc, 1, "x", shp, 2);
    /* TensorType fp32 [3, 3] */
    pb_uint(&tt, 1, 11);
    pb_uint(&tt, 2, 2);
    pb_uint(&cdim, 1, 3);
    pb_msg(&dim, 1, &cdim);
    pb_msg(&tt, 3, &dim);
    pb_msg(&tt, 3, &dim);
    pb_msg(&vt, 1, &tt);
    /* op1: const w */
    pb_str(&op1, 1, "const");
    pb_str(&nvt, 1, "w");
    pb_msg(&nvt, 2, &vt);
    pb_msg(&op1, 3, &nvt);
    pb_msg(&val, 2, &vt);
    pb_str(&bfv, 1, blob_name);
    pb_uint(&bfv, 2, record_offset);
    pb_msg(&val, 5, &bfv);
    pb_str(&attr, 1, "val");
    pb_msg(&attr, 2, &val);
    pb_msg(&op1, 5, &attr);
    /* op2: y = linear(x = x, weight = w) */
    pb_str(&op2, 1, "linear");
    pb_str(&bind, 1, "x");
    pb_msg(&arg, 1, &bind);
    pb_str(&ient, 1, "x");
    pb_msg(&ient, 2, &arg);
    pb_msg(&op2, 2, &ient);
    memset(&ient, 0, sizeof ient); memset(&arg, 0, sizeof arg); memset(&bind, 0, sizeof bind);
    pb_str(&bind, 1, "w");
    pb_msg(&arg, 1, &bind);
    pb_str(&ient, 1, "weight");
    pb_msg(&ient, 2, &arg);
    pb_msg(&op2, 2, &ient);
    memset(&nvt, 0, sizeof nvt);
    pb_str(&nvt, 1, "y");
    pb_msg(&op2, 3, &nvt);
    pb_msg(&blk, 3, &op1);
    pb_msg(&blk, 3, &op2);
    pb_str(&blk, 2, "y");
    pb_str(&bent, 1, "CoreML5");
    pb_msg(&bent, 2, &blk);
    memset(&nvt, 0, sizeof nvt);
    pb_str(&nvt, 1, "x");
    memset(&tt, 0, sizeof tt); memset(&vt, 0, sizeof vt); memset(&dim, 0, sizeof dim); memset(&cdim, 0, sizeof cdim);
    pb_uint(&tt, 1, 11);   /* fp32 [2, 3] */
    pb_uint(&tt, 2, 2);
    pb_uint(&cdim, 1, 2);
    pb_msg(&dim, 1, &cdim);
    pb_msg(&tt, 3, &dim);
    memset(&dim, 0, sizeof dim); memset(&cdim, 0, sizeof cdim);
    pb_uint(&cdim, 1, 3);
    pb_msg(&dim, 1, &cdim);
    pb_msg(&tt, 3, &dim);
    pb_msg(&vt, 1, &tt);
    pb_msg(&nvt, 2, &vt);
    pb_msg(&fn, 1, &nvt);
    pb_str(&fn, 2, "CoreML5");
    pb_msg(&fn, 3, &bent);
    pb_str(&fent, 1, "main");
    pb_msg(&fent, 2, &fn);
    pb_uint(&prog, 1, 1);
    pb_msg(&prog, 2, &fent);
    pb_uint(&model, 1, 6);
    pb_msg(&model, 2, &desc);
    pb_msg(&model, 502, &prog);
    memcpy(buf, model.b, model.n);
    return model.n;
}
/* weight.bin: header {count 1, version 2}, record at 64 {sentinel, dtype 2 fp32, size 36, offset 128}, data at 128 */
static size_t blob_file(unsigned char *buf, uint32_t dtype, uint64_t size, uint64_t data_offset) {
    memset(buf, 0, 164);
    t_put_le(buf, 1, 4);
    t_put_le(buf + 4, 2, 4);
    t_put_le(buf + 64, 0xDEADBEEFu, 4);
    t_put_le(buf + 68, dtype, 4);
    t_put_le(buf + 72, size, 8);
    t_put_le(buf + 80, data_offset, 8);
    return 164;
}
static hln_result load_pkg(const char *dir, hln_model **m, hln_error *err) {
    hln_coreml_options o;
    memset(&o, 0, sizeof o);
    memset(err, 0, sizeof *err);
    *m = NULL;
    return hln_coreml_load_file(&o, dir, m, err);
}
static void make_pkg(const char *dir, uint32_t dtype, uint64_t size, uint64_t data_offset, const char *blob, uint64_t rec) {
    unsigned char mb[8192], bb[256];
    size_t n = mil_model(mb, blob, rec);
    mkdir(dir, 0755);
    write_manifest(dir, "com.apple.CoreML/model.mlmodel");
    write_file(dir, "Data/com.apple.CoreML/model.mlmodel", mb, n);
    write_file(dir, "Data/com.apple.CoreML/weights/weight.bin", bb, blob_file(bb, dtype, size, data_offset));
}

static void test_package_blobs(void) {
    char dir[512], v[128];
    hln_model *m;
    hln_error err;
    hln_graph_summary gs;
    snprintf(dir, sizeof dir, "%s/ok.mlpackage", tmp_root);
    make_pkg(dir, 2, 36, 128, "@model_path/weights/weight.bin", 64);
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_OK);
    if (m) {
        T_EQ_U64(m->n_files, 3);
        T_EQ_U64(m->n_tensors, 1);
        T_CHECK(m->tensors[0].data == m->files[m->tensors[0].file].data + 128);
        T_CHECK(facts_get(m, "ml_program.blob_refs_consistent", v, sizeof v) && strcmp(v, "true") == 0);
        T_CHECK(facts_get(m, "package.weight_files", v, sizeof v) && strstr(v, "\"header_count\":1") != NULL);
        T_CHECK(facts_get(m, "file_bytes", v, sizeof v));
        T_EQ_STR(m->graph->nodes[0].op_type, "Gemm");
        T_EQ_U64(hln_graph_analyze(m, NULL, &gs, &err), HLN_OK);
        T_EQ_U64(gs.macs, 2 * 3 * 3);
        hln_model_free(m);
    }
    make_pkg(dir, 1, 36, 128, "@model_path/weights/weight.bin", 64);   /* fp16 record for an fp32 tensor */
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_TYPE);
    make_pkg(dir, 2, 32, 128, "@model_path/weights/weight.bin", 64);   /* wrong size */
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_LAYOUT);
    make_pkg(dir, 2, 36, 140, "@model_path/weights/weight.bin", 64);   /* data past the end */
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_RANGE);
    make_pkg(dir, 2, UINT64_MAX - 100, 128, "@model_path/weights/weight.bin", 64);   /* offset + size wraps */
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_RANGE);
    make_pkg(dir, 2, 36, 128, "@model_path/weights/weight.bin", 0);     /* the header is no record */
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_LAYOUT);
    make_pkg(dir, 2, 36, 128, "@model_path/weights/weight.bin", 1ull << 40);
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_RANGE);
    make_pkg(dir, 2, 36, 128, "@model_path/../../../../etc/passwd", 64);   /* a blob path out of the package */
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_PATH);
    make_pkg(dir, 2, 36, 128, "weights/weight.bin", 64);
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_PATH);
}

/* Records every path opened through the callbacks; they serve the real files. */
typedef struct io_log { int opens, closes; char paths[16][512]; } io_log;
static int log_open(void *user, const char *path, hln_mapped *out) {
    io_log *l = (io_log *)user;
    size_t n;
    unsigned char *d;
    if (l->opens < 16) snprintf(l->paths[l->opens], sizeof l->paths[0], "%s", path);
    l->opens++;
    d = t_read_file(path, &n);
    if (!d) return 1;
    out->data = d;
    out->size = n;
    out->handle = d;
    return 0;
}
static void log_close(void *user, hln_mapped *m) { ((io_log *)user)->closes++; free(m->handle); }

static void test_paths_stay_inside(void) {
    char dir[512], outside[512], link[1024], target[600];
    hln_model *m;
    hln_error err;
    hln_coreml_options o;
    io_log log;
    int i;
    static const char *const bad[] = { "../model.mlmodel", "/etc/passwd", "com.apple.CoreML/../../x", "a//b", "./x", "C:/x", "a\\\\..\\\\b" };
    snprintf(dir, sizeof dir, "%s/paths.mlpackage", tmp_root);
    make_pkg(dir, 2, 36, 128, "@model_path/weights/weight.bin", 64);
    for (i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++) {
        write_manifest(dir, bad[i]);
        memset(&o, 0, sizeof o);
        memset(&log, 0, sizeof log);
        o.io.open = log_open;
        o.io.close = log_close;
        o.io.user = &log;
        T_EQ_U64(hln_coreml_load_file(&o, dir, &m, &err), HLN_ERR_PATH);
        T_EQ_U64(log.opens, 1);                 /* the manifest only: the bad path is never opened */
        T_EQ_U64(log.closes, log.opens);
    }
    /* a symbolic link inside the package that points out of it (the platform's file access) */
    write_manifest(dir, "com.apple.CoreML/model.mlmodel");
    snprintf(outside, sizeof outside, "%s/outside.mlmodel", tmp_root);
    {
        unsigned char mb[8192];
        size_t n = mil_model(mb, "@model_path/weights/weight.bin", 64);
        write_file(tmp_root, "outside.mlmodel", mb, n);
    }
    snprintf(link, sizeof link, "%s/Data/com.apple.CoreML/model.mlmodel", dir);
    snprintf(target, sizeof target, "%s", outside);
    unlink(link);
    T_CHECK(symlink(target, link) == 0);
    T_EQ_U64(load_pkg(dir, &m, &err), HLN_ERR_PATH);
    T_CHECKF(strstr(err.message, "symbolic link") != NULL, "%s", err.message);
    unlink(link);
}

static void test_file_callbacks(void) {
    char dir[1024];
    hln_model *m;
    hln_error err;
    hln_coreml_options o;
    io_log log;
    int i, weights = 0;
    snprintf(dir, sizeof dir, "%s/coreml/generated/mlprogram_cnn_fp16.mlpackage", t_corpus());
    if (access(dir, R_OK) != 0) { T_SKIP("no corpus"); return; }
    memset(&o, 0, sizeof o);
    memset(&log, 0, sizeof log);
    o.io.open = log_open;
    o.io.close = log_close;
    o.io.user = &log;
    T_EQ_U64(hln_coreml_load_file(&o, dir, &m, &err), HLN_OK);
    T_EQ_U64(log.opens, 3);   /* Manifest.json, the model, weight.bin: each once */
    for (i = 0; i < log.opens && i < 16; i++) {
        T_CHECKF(strncmp(log.paths[i], dir, strlen(dir)) == 0, "%s", log.paths[i]);
        weights += strstr(log.paths[i], "weights/weight.bin") != NULL;
    }
    T_EQ_U64(weights, 1);
    if (m) {
        T_EQ_U64(m->n_tensors, 27);
        hln_model_free(m);
    }
    T_EQ_U64(log.closes, log.opens);
    /* a callback that refuses the weight file: the error names it */
    memset(&log, 0, sizeof log);
    o.io.open = log_open;
    {
        char missing[1100];
        snprintf(missing, sizeof missing, "%s/coreml/generated/mlprogram_inline_weights.mlmodel", t_corpus());
        T_EQ_U64(hln_coreml_load_file(&o, missing, &m, &err), HLN_OK);   /* a file: no Manifest.json inside */
        T_EQ_U64(log.opens, 2);
        if (m) hln_model_free(m);
        T_EQ_U64(log.closes, 1);
    }
}

/* ---- the corpus: good files against their expected facts, bad ones against their errors ---- */
static void check_expected(const char *model_path, const char *expected_path) {
    size_t n;
    char *text = (char *)t_read_file(expected_path, &n);
    hln_json j;
    hln_error err;
    hln_model *m = NULL;
    hln_coreml_options o;
    static const char *const keys[] = { "model_type", "specification_version", "weights.total_elements",
                                        "weights.total_bytes", "weights.quantization_params", "file_bytes",
                                        "container", "ml_program.param_bytes", "ml_program.constexpr_output_elements",
                                        "neural_network.layers", "package.root_model_identifier" };
    size_t k;
    T_CHECK(text != NULL);
    if (!text) return;
    memset(&o, 0, sizeof o);
    T_EQ_U64(hln_coreml_load_file(&o, model_path, &m, &err), HLN_OK);
    if (m && hln_json_parse(&j, NULL, text, n, n, 0, "expected", &err) == HLN_OK) {
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            char got[256], key[64];
            const char *p = keys[k];
            uint32_t t = 0;
            while (*p) {   /* the expected value by path */
                size_t len = strcspn(p, ".");
                memcpy(key, p, len);
                key[len] = 0;
                t = hln_json_find(&j, t, key);
                if (!t) break;
                p += len + (p[len] == '.');
            }
            if (!t) continue;   /* not in this file */
            T_CHECKF(facts_get(m, keys[k], got, sizeof got) && strlen(got) == j.tok[t].end - j.tok[t].start &&
                     memcmp(got, text + j.tok[t].start, strlen(got)) == 0, "%s: %s", model_path, keys[k]);
        }
        hln_json_free(&j);
    }
    if (m) hln_model_free(m);
    free(text);
}

static void test_corpus_good(void) {
    static const char *const files[] = { "generated/mlprogram_cnn_fp16.mlpackage", "generated/mlprogram_compressed_weights.mlpackage",
        "generated/mlprogram_inline_weights.mlmodel", "generated/nn_classifier_cnn.mlmodel", "generated/nn_quantized_lenet.mlmodel",
        "generated/pipeline_detector_nms.mlmodel", "real/swiftbrain/MNIST.mlmodel" };
    size_t i;
    char model[1024], expected[1100];
    snprintf(model, sizeof model, "%s/coreml", t_corpus());
    if (access(model, R_OK) != 0) { T_SKIP("no corpus"); return; }
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(model, sizeof model, "%s/coreml/%s", t_corpus(), files[i]);
        snprintf(expected, sizeof expected, "%s.expected.json", model);
        check_expected(model, expected);
    }
}

/* An allocator that tracks the peak of live bytes. */
typedef struct peak_alloc { size_t live, peak; } peak_alloc;
static void *pa_alloc(void *user, size_t n) {
    peak_alloc *a = (peak_alloc *)user;
    size_t *p = (size_t *)malloc(n + 16);
    if (!p) return NULL;
    *p = n;
    a->live += n;
    if (a->live > a->peak) a->peak = a->live;
    return (unsigned char *)p + 16;
}
static void pa_free(void *user, void *ptr) {
    peak_alloc *a = (peak_alloc *)user;
    size_t *p;
    if (!ptr) return;
    p = (size_t *)((unsigned char *)ptr - 16);
    a->live -= *p;
    free(p);
}

static void test_corpus_bad(void) {
    static const struct { const char *file; hln_result code; } bad[] = {
        {"empty.mlmodel", HLN_ERR_TYPE}, {"truncated_in_weights.mlmodel", HLN_ERR_TRUNCATED},
        {"varint_11_bytes.mlmodel", HLN_ERR_OVERFLOW}, {"varint_10byte_overflow.mlmodel", HLN_ERR_OVERFLOW},
        {"len_past_end.mlmodel", HLN_ERR_TRUNCATED}, {"len_near_2pow64.mlmodel", HLN_ERR_TRUNCATED},
        {"wire_type_mismatch.mlmodel", HLN_ERR_SYNTAX}, {"deep_pipeline_nesting_10k.mlmodel", HLN_ERR_LIMIT},
        {"deep_mil_block_nesting_20k.mlmodel", HLN_ERR_LIMIT}, {"empty_layers_400k.mlmodel", HLN_ERR_TYPE},
        {"shape_product_overflow.mlmodel", HLN_ERR_OVERFLOW}, {"negative_shape.mlmodel", HLN_ERR_RANGE},
        {"weight_count_mismatch.mlmodel", HLN_ERR_LAYOUT}, {"fp16_odd_length.mlmodel", HLN_ERR_LAYOUT},
        {"unknown_model_type.mlmodel", HLN_ERR_TYPE}, {"manifest_path_traversal.mlpackage", HLN_ERR_PATH},
        {"blob_offset_beyond_eof.mlpackage", HLN_ERR_RANGE}, {"blob_size_wraps.mlpackage", HLN_ERR_RANGE} };
    size_t i, listed = 0;
    char path[1024];
    DIR *d;
    struct dirent *e;
    snprintf(path, sizeof path, "%s/coreml/bad", t_corpus());
    if (!(d = opendir(path))) { T_SKIP("no corpus"); return; }
    while ((e = readdir(d)) != NULL)   /* every file of the folder is in the table */
        if (e->d_name[0] != '.' && strcmp(e->d_name, "README.md") != 0) {
            int found = 0;
            for (i = 0; i < sizeof bad / sizeof bad[0]; i++) found |= strcmp(bad[i].file, e->d_name) == 0;
            T_CHECKF(found, "%s is not in the test's table", e->d_name);
            listed++;
        }
    closedir(d);
    T_EQ_U64(listed, sizeof bad / sizeof bad[0]);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hln_model *m = NULL;
        hln_error err;
        hln_coreml_options o;
        peak_alloc pa = { 0, 0 };
        size_t size = 0;
        unsigned char *bytes;
        snprintf(path, sizeof path, "%s/coreml/bad/%s", t_corpus(), bad[i].file);
        memset(&o, 0, sizeof o);
        memset(&err, 0, sizeof err);
        o.allocator.alloc = pa_alloc;
        o.allocator.free = pa_free;
        o.allocator.user = &pa;
        T_CHECKF(hln_coreml_load_file(&o, path, &m, &err) == bad[i].code, "%s: %s (code %d)", bad[i].file, err.message, (int)err.code);
        T_CHECK(m == NULL);
        T_CHECKF(err.message[0] && err.file[0], "%s", bad[i].file);
        T_EQ_U64(pa.live, 0);   /* everything released */
        if (strstr(bad[i].file, ".mlpackage")) size = 1u << 17;   /* a folder of ~125 KB */
        else if ((bytes = t_read_file(path, &size)) != NULL) free(bytes);
        {   /* memory proportional to the file */
            T_CHECKF(pa.peak <= 4 * size + (1u << 18), "%s: peak %zu bytes for a %zu-byte file", bad[i].file, pa.peak, size);
        }
    }
}

/* Every prefix of small corpus models fails cleanly or reads (the sanitizers watch). */
static void test_truncations(void) {
    static const char *const files[] = { "generated/mlprogram_inline_weights.mlmodel", "generated/pipeline_detector_nms.mlmodel",
                                         "generated/mlprogram_compressed_weights.mlpackage/Data/com.apple.CoreML/model.mlmodel" };
    size_t i, cut, failed = 0;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        size_t n;
        unsigned char *data;
        snprintf(path, sizeof path, "%s/coreml/%s", t_corpus(), files[i]);
        if (!(data = t_read_file(path, &n))) { T_SKIP("no corpus"); return; }
        T_CHECK(hln_coreml_detect(data, n));
        for (cut = 0; cut < n; cut += 1 + cut / 64) {
            hln_model *m;
            hln_error err;
            unsigned char *copy = (unsigned char *)malloc(cut ? cut : 1);   /* exact size: ASan sees overreads */
            memcpy(copy, data, cut);
            if (parse(copy, cut, &m, &err) == HLN_OK) hln_model_free(m);
            else { failed++; T_CHECK(err.message[0] != 0); }
            free(copy);
        }
        free(data);
    }
    T_CHECK(failed > 0);
}

/* Content detection: Core ML models yes; ONNX, TFLite and GGUF files no. */
static void test_detect(void) {
    static const char *const no[] = { "onnx/generated/dcgan_convtranspose2d.onnx", "tflite/tflm_hello_world_float.tflite" };
    unsigned char buf[8192];
    size_t i, n = nn_conv_model(buf, 1, 4, 4, 1, 9);
    T_CHECK(hln_coreml_detect(buf, n));
    T_CHECK(!hln_coreml_detect(buf, 3));
    T_CHECK(!hln_coreml_detect("GGUF\3\0\0\0", 8));
    for (i = 0; i < sizeof no / sizeof no[0]; i++) {
        char path[1024];
        size_t sz;
        unsigned char *d;
        snprintf(path, sizeof path, "%s/%s", t_corpus(), no[i]);
        if (!(d = t_read_file(path, &sz))) continue;
        T_CHECKF(!hln_coreml_detect(d, sz), "%s", no[i]);
        free(d);
    }
}

int main(void) {
    snprintf(tmp_root, sizeof tmp_root, "/tmp/hln_coreml_test_XXXXXX");
    if (!mkdtemp(tmp_root)) { fprintf(stderr, "cannot make a temporary folder\n"); return 1; }
    T_RUN(test_wire_errors);
    T_RUN(test_nn_conv_costed);
    T_RUN(test_weight_precisions);
    T_RUN(test_nesting_caps);
    T_RUN(test_package_blobs);
    T_RUN(test_paths_stay_inside);
    T_RUN(test_file_callbacks);
    T_RUN(test_corpus_good);
    T_RUN(test_corpus_bad);
    T_RUN(test_truncations);
    T_RUN(test_detect);
    {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmp_root);
    }
    return t_finish("coreml");
}
