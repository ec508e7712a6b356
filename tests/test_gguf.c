/* Unit tests of haoline_ir.h (dtypes, metadata, summary, LLM facts) and haoline_gguf.h
   (reader, writer, splits, hostile bytes). Corpus golden tests live in tests/golden.py. */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "test.h"

/* ---- a growable byte buffer, also the writer's sink ---- */
typedef struct bytes { uint8_t *p; size_t n, cap; } bytes;
static int bytes_write(void *user, const void *p, size_t n) {
    bytes *b = (bytes *)user;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->n + n) cap *= 2;
        b->p = (uint8_t *)realloc(b->p, cap);
        if (!b->p) return 0;
        b->cap = cap;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
    return 1;
}
static void put_u(bytes *b, uint64_t v, int n) { uint8_t t[8]; int i; for (i = 0; i < n; i++) t[i] = (uint8_t)(v >> (8 * i)); bytes_write(b, t, (size_t)n); }
static void put_s(bytes *b, const char *s, int lw) { put_u(b, strlen(s), lw); bytes_write(b, s, strlen(s)); }

static char path_buf[1024];
static const char *corpus_path(const char *rel) {
    snprintf(path_buf, sizeof path_buf, "%s/%s", t_corpus(), rel);
    return path_buf;
}

/* ---- dtypes: the facts of ggml-common.h / the quant README table ---- */
static void test_dtype_table(void) {
    static const struct { const char *name; int ggml; unsigned blck, bytes; double bpw; } facts[] = {
        { "F32", 0, 1, 4, 32 }, { "F16", 1, 1, 2, 16 }, { "BF16", 30, 1, 2, 16 }, { "Q4_0", 2, 32, 18, 4.5 },
        { "Q4_1", 3, 32, 20, 5 }, { "Q5_0", 6, 32, 22, 5.5 }, { "Q5_1", 7, 32, 24, 6 }, { "Q8_0", 8, 32, 34, 8.5 },
        { "Q8_1", 9, 32, 36, 9 }, { "Q2_K", 10, 256, 84, 2.625 }, { "Q3_K", 11, 256, 110, 3.4375 },
        { "Q4_K", 12, 256, 144, 4.5 }, { "Q5_K", 13, 256, 176, 5.5 }, { "Q6_K", 14, 256, 210, 6.5625 },
        { "Q8_K", 15, 256, 292, 9.125 }, { "IQ4_NL", 20, 32, 18, 4.5 }, { "IQ4_XS", 23, 256, 136, 4.25 },
        { "IQ2_XXS", 16, 256, 66, 2.0625 }, { "IQ2_XS", 17, 256, 74, 2.3125 }, { "IQ2_S", 22, 256, 82, 2.5625 },
        { "IQ3_XXS", 18, 256, 98, 3.0625 }, { "IQ3_S", 21, 256, 110, 3.4375 }, { "IQ1_S", 19, 256, 50, 1.5625 },
        { "IQ1_M", 29, 256, 56, 1.75 }, { "TQ1_0", 34, 256, 54, 1.6875 }, { "TQ2_0", 35, 256, 66, 2.0625 },
        { "MXFP4", 39, 32, 17, 4.25 }, { "NVFP4", 40, 64, 36, 4.5 }, { "Q1_0", 41, 128, 18, 1.125 },
        { "Q2_0", 42, 64, 18, 2.25 }, { "I2_S", 36, 128, 32, 2 }, { "I8", 24, 1, 1, 8 }, { "I16", 25, 1, 2, 16 }, { "I32", 26, 1, 4, 32 },
        { "I64", 27, 1, 8, 64 }, { "F64", 28, 1, 8, 64 } };
    size_t i;
    int id;
    for (i = 0; i < sizeof facts / sizeof facts[0]; i++) {
        hln_dtype t = hln_dtype_from_ggml((uint32_t)facts[i].ggml);
        const hln_dtype_info *d = hln_dtype_get(t);
        T_EQ_STR(d->name, facts[i].name);
        T_EQ_U64(d->block_size, facts[i].blck);
        T_EQ_U64(d->type_size, facts[i].bytes);
        T_CHECKF(hln_dtype_bits_per_weight(t) == facts[i].bpw, "%s bpw %g", facts[i].name, hln_dtype_bits_per_weight(t));
        T_CHECK(hln_dtype_from_name(facts[i].name) == t);
    }
    /* removed and unknown ggml ids map to nothing */
    for (id = 4; id <= 5; id++) T_CHECK(hln_dtype_from_ggml((uint32_t)id) == HLN_DTYPE_UNKNOWN);
    for (id = 31; id <= 33; id++) T_CHECK(hln_dtype_from_ggml((uint32_t)id) == HLN_DTYPE_UNKNOWN);
    for (id = 37; id <= 38; id++) T_CHECK(hln_dtype_from_ggml((uint32_t)id) == HLN_DTYPE_UNKNOWN);
    T_CHECK(hln_dtype_from_ggml(43) == HLN_DTYPE_UNKNOWN);
    /* every ONNX TensorProto type 1..26 has a row; SafeTensors names */
    for (id = 1; id <= 26; id++) T_CHECKF(hln_dtype_from_onnx(id) != HLN_DTYPE_UNKNOWN, "onnx type %d", id);
    T_CHECK(hln_dtype_from_onnx(0) == HLN_DTYPE_UNKNOWN && hln_dtype_from_onnx(27) == HLN_DTYPE_UNKNOWN);
    T_EQ_STR(hln_dtype_get(hln_dtype_from_onnx(17))->st_name, "F8_E4M3");
    T_CHECK(hln_dtype_from_st_name("F8_E5M2", 7) == HLN_DTYPE_F8_E5M2);
    T_CHECK(hln_dtype_from_st_name("F8_E5M", 6) == HLN_DTYPE_UNKNOWN);
    T_CHECK(hln_dtype_from_st_name("F128", 4) == HLN_DTYPE_UNKNOWN);
}

static void test_dtype_nbytes(void) {
    int ok;
    T_EQ_U64(hln_dtype_nbytes(HLN_DTYPE_Q4_K, 512, &ok), 288); T_CHECK(ok);
    hln_dtype_nbytes(HLN_DTYPE_Q4_0, 33, &ok); T_CHECK(!ok);           /* not whole blocks */
    T_EQ_U64(hln_dtype_nbytes(HLN_DTYPE_I4, 3, &ok), 2); T_CHECK(ok);  /* packed nibbles round up */
    T_EQ_U64(hln_dtype_nbytes(HLN_DTYPE_F6_E2M3, 5, &ok), 6); T_CHECK(ok);
    hln_dtype_nbytes(HLN_DTYPE_F64, UINT64_MAX / 4, &ok); T_CHECK(!ok); /* overflow */
    hln_dtype_nbytes(HLN_DTYPE_STRING, 4, &ok); T_CHECK(!ok);
    T_EQ_U64(hln_dtype_nbytes(HLN_DTYPE_I2_S, 2560 * 6912, &ok), 2560 * 6912 / 4 + 32); T_CHECK(ok);  /* + the scale */
}

/* A bitnet.cpp I2_S tensor (ggml id 36): n / 4 bytes of codes plus the 32-byte scale tail. */
static void test_i2s_tensor(void) {
    bytes b = { 0, 0, 0 };
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options opts;
    uint8_t data[256 / 4 + 32];
    memset(&opts, 0, sizeof opts);
    memset(data, 0x55, sizeof data);
    bytes_write(&b, "GGUF", 4); put_u(&b, 3, 4); put_u(&b, 1, 8); put_u(&b, 0, 8);
    put_s(&b, "blk.0.ffn_down.weight", 8); put_u(&b, 2, 4); put_u(&b, 128, 8); put_u(&b, 2, 8); put_u(&b, 36, 4); put_u(&b, 0, 8);
    while (b.n % 32) put_u(&b, 0, 1);
    bytes_write(&b, data, sizeof data);
    T_CHECKF(hln_gguf_parse(&opts, b.p, b.n, &m, &err) == HLN_OK, "%s", err.message);
    if (m) {
        T_CHECK(m->tensors[0].dtype == HLN_DTYPE_I2_S);
        T_EQ_U64(m->tensors[0].n_elements, 256);
        T_EQ_U64(m->tensors[0].n_bytes, 96);
        hln_model_free(m);
    }
    b.n -= 1;   /* one byte short of the scale tail */
    T_CHECK(hln_gguf_parse(&opts, b.p, b.n, &m, &err) != HLN_OK);
    free(b.p);
}

static void test_utf8(void) {
    T_CHECK(hln_utf8_valid((const uint8_t *)"plain ascii text, long enough for the fast path", 47));
    T_CHECK(hln_utf8_valid((const uint8_t *)"h\xc3\xa9llo \xe6\x97\xa5\xf0\x9f\x98\x80", 14));
    T_CHECK(!hln_utf8_valid((const uint8_t *)"\xff\xfe", 2));
    T_CHECK(!hln_utf8_valid((const uint8_t *)"\xc0\xaf", 2));            /* overlong */
    T_CHECK(!hln_utf8_valid((const uint8_t *)"\xed\xa0\x80", 3));        /* surrogate */
    T_CHECK(!hln_utf8_valid((const uint8_t *)"abc\xe6\x97", 5));         /* truncated */
    T_CHECK(!hln_utf8_valid((const uint8_t *)"\xf4\x90\x80\x80", 4));    /* > U+10FFFF */
}

/* ---- a model built in memory, written, read back ---- */
static void add_kv(hln_model *m, const char *key, hln_kv kv) {
    hln_kv *all = (hln_kv *)hln_arena_array(&m->arena, m->n_kv + 1, sizeof *all);
    if (m->n_kv) memcpy(all, m->kv, m->n_kv * sizeof *all);
    kv.key = key;
    all[m->n_kv++] = kv;
    m->kv = all;
}

static void test_write_read_roundtrip(void) {
    hln_model *m, *r;
    hln_error err;
    bytes out = { 0, 0, 0 };
    hln_kv kv;
    hln_gguf_options opts;
    float w[2 * 32];
    int64_t dims0[2] = { 2, 32 };
    uint8_t q[2 * 34];
    int64_t dims1[2] = { 2, 32 };
    static const uint8_t arr_u16[] = { 1, 0, 255, 255 };
    bytes strs = { 0, 0, 0 };
    uint32_t i;
    memset(&opts, 0, sizeof opts);
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    m->format = HLN_FORMAT_GGUF;
    for (i = 0; i < 64; i++) w[i] = (float)i * 0.5f;
    for (i = 0; i < sizeof q; i++) q[i] = (uint8_t)(i * 7);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_STRING; kv.v.s.ptr = "llama"; kv.v.s.len = 5; add_kv(m, "general.architecture", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_U32; kv.v.u = 2; add_kv(m, "llama.block_count", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_U32; kv.v.u = 8; add_kv(m, "llama.attention.head_count", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_U32; kv.v.u = 2; add_kv(m, "llama.attention.head_count_kv", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_U32; kv.v.u = 64; add_kv(m, "llama.embedding_length", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_I64; kv.v.i = -5; add_kv(m, "t.i64", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_F64; kv.v.f = 0.1; add_kv(m, "t.f64", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_BOOL; kv.v.u = 1; add_kv(m, "t.bool", kv);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_ARRAY; kv.v.a.type = HLN_KV_U16; kv.v.a.count = 2;
    kv.v.a.data = arr_u16; kv.v.a.n_bytes = 4; add_kv(m, "t.arr_u16", kv);
    put_s(&strs, "a", 8); put_s(&strs, "", 8); put_s(&strs, "\xc3\xa9t\xc3\xa9", 8);
    memset(&kv, 0, sizeof kv); kv.type = HLN_KV_ARRAY; kv.v.a.type = HLN_KV_STRING; kv.v.a.count = 3;
    kv.v.a.data = strs.p; kv.v.a.n_bytes = strs.n; add_kv(m, "t.arr_str", kv);
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, 2, sizeof(hln_tensor));
    m->n_tensors = 2;
    m->tensors[0].name = "w.f32"; m->tensors[0].dtype = HLN_DTYPE_F32; m->tensors[0].n_dims = 2; m->tensors[0].dims = dims0;
    m->tensors[0].n_elements = 64; m->tensors[0].n_bytes = sizeof w; m->tensors[0].data = w;
    m->tensors[1].name = "w.q8"; m->tensors[1].dtype = HLN_DTYPE_Q8_0; m->tensors[1].n_dims = 2; m->tensors[1].dims = dims1;
    m->tensors[1].n_elements = 64; m->tensors[1].n_bytes = sizeof q; m->tensors[1].data = q;

    T_CHECK(hln_gguf_write(m, bytes_write, &out, &err) == HLN_OK);
    T_CHECK(hln_gguf_parse(&opts, out.p, out.n, &r, &err) == HLN_OK);
    if (r) {
        hln_llm l;
        hln_kv_iter it;
        hln_kv e;
        const hln_kv *k = hln_model_find_kv(r, "t.arr_str");
        T_EQ_U64(r->n_kv, m->n_kv);
        T_EQ_U64(r->n_tensors, 2);
        T_EQ_STR(r->kv[0].v.s.ptr, "llama");
        T_EQ_I64(hln_model_find_kv(r, "t.i64")->v.i, -5);
        T_CHECK(hln_model_find_kv(r, "t.f64")->v.f == 0.1);
        T_CHECK(hln_model_find_kv(r, "t.bool")->v.u == 1);
        T_EQ_U64(hln_model_find_kv(r, "t.arr_u16")->v.a.count, 2);
        T_CHECK(k && k->v.a.count == 3);
        if (k) {
            hln_kv_iter_init(&it, &k->v.a);
            T_CHECK(hln_kv_iter_next(&it, &e) && e.v.s.len == 1 && e.v.s.ptr[0] == 'a');
            T_CHECK(hln_kv_iter_next(&it, &e) && e.v.s.len == 0);
            T_CHECK(hln_kv_iter_next(&it, &e) && e.v.s.len == 5 && memcmp(e.v.s.ptr, "\xc3\xa9t\xc3\xa9", 5) == 0);
            T_CHECK(!hln_kv_iter_next(&it, &e));
        }
        T_EQ_STR(r->tensors[1].name, "w.q8");
        T_CHECK(r->tensors[1].dtype == HLN_DTYPE_Q8_0);
        T_EQ_I64(r->tensors[1].dims[0], 2);
        T_EQ_I64(r->tensors[1].dims[1], 32);
        T_CHECK(memcmp(r->tensors[0].data, w, sizeof w) == 0);
        T_CHECK(memcmp(r->tensors[1].data, q, sizeof q) == 0);
        T_EQ_U64(r->tensors[1].offset % 32, 0);
        /* LLM facts from metadata + tensors: head_dim 64/8, KV 2*2*2*8*2 */
        hln_model_llm(r, &l);
        T_CHECK(l.valid);
        T_EQ_I64(l.hp.head_dim, 8);
        T_EQ_U64(l.kv_bytes_per_token_f16, 2ull * 2 * 2 * 8 * 2);
        T_EQ_U64(l.kv_bytes[7], l.kv_bytes_per_token_f16 * 131072);
        hln_model_free(r);
    }
    /* the writer refuses what GGUF cannot hold */
    m->tensors[0].data = NULL;
    T_CHECK(hln_gguf_write(m, bytes_write, &out, &err) == HLN_ERR_UNSUPPORTED);
    m->tensors = NULL; m->n_tensors = 0;   /* stack-owned; not the arena's to free */
    hln_model_free(m);
    free(out.p);
    free(strs.p);
}

/* The corpus' every-type file survives read -> write -> read with identical metadata. */
static void test_corpus_rewrite(void) {
    const char *files[] = { "gguf/generated/kvtypes-nested-array.gguf", "gguf/generated/tinyllama-Q4_K_M.gguf" };
    size_t f;
    for (f = 0; f < 2; f++) {
        hln_model *a = NULL, *b = NULL;
        hln_error err;
        hln_gguf_options opts;
        bytes out = { 0, 0, 0 };
        uint32_t i;
        memset(&opts, 0, sizeof opts);
        if (hln_gguf_load_file(&opts, corpus_path(files[f]), &a, &err) != HLN_OK) { T_SKIP("corpus missing"); continue; }
        T_CHECK(hln_gguf_write(a, bytes_write, &out, &err) == HLN_OK);
        T_CHECK(hln_gguf_parse(&opts, out.p, out.n, &b, &err) == HLN_OK);
        if (b) {
            T_EQ_U64(b->n_kv, a->n_kv);
            T_EQ_U64(b->n_tensors, a->n_tensors);
            for (i = 0; i < a->n_kv && i < b->n_kv; i++) {
                T_EQ_STR(b->kv[i].key, a->kv[i].key);
                T_CHECK(b->kv[i].type == a->kv[i].type);
                if (a->kv[i].type == HLN_KV_ARRAY)
                    T_CHECK(b->kv[i].v.a.n_bytes == a->kv[i].v.a.n_bytes && memcmp(b->kv[i].v.a.data, a->kv[i].v.a.data, a->kv[i].v.a.n_bytes) == 0);
                else if (a->kv[i].type == HLN_KV_STRING) T_EQ_STR(b->kv[i].v.s.ptr, a->kv[i].v.s.ptr);
                else T_CHECK(memcmp(&b->kv[i].v, &a->kv[i].v, sizeof(uint64_t)) == 0);
            }
            for (i = 0; i < a->n_tensors && i < b->n_tensors; i++) {
                T_EQ_STR(b->tensors[i].name, a->tensors[i].name);
                T_EQ_U64(b->tensors[i].n_bytes, a->tensors[i].n_bytes);
                T_CHECK(memcmp(b->tensors[i].data, a->tensors[i].data, (size_t)a->tensors[i].n_bytes) == 0);
            }
            hln_model_free(b);
        }
        hln_model_free(a);
        free(out.p);
    }
}

/* ---- hostile bytes ---- */
static void test_truncations_and_mutations(void) {
    size_t n = 0, len, pos;
    unsigned char *data = t_read_file(corpus_path("gguf/bad/control_valid.gguf"), &n);
    hln_gguf_options opts;
    memset(&opts, 0, sizeof opts);
    if (!data) { T_SKIP("corpus missing"); return; }
    for (len = 0; len < n; len++) {            /* every prefix fails cleanly */
        hln_model *m = NULL;
        hln_error err;
        unsigned char *copy = (unsigned char *)malloc(len ? len : 1);   /* exact size: ASan sees overreads */
        memcpy(copy, data, len);
        T_CHECKF(hln_gguf_parse(&opts, copy, len, &m, &err) != HLN_OK, "prefix %zu accepted", len);
        T_CHECK(m == NULL);
        T_CHECK(err.message[0] != 0);
        free(copy);
    }
    for (pos = 0; pos < n; pos++) {            /* every single-byte mutation: no crash, no leak */
        static const unsigned char vals[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
        size_t v;
        for (v = 0; v < sizeof vals; v++) {
            hln_model *m = NULL;
            hln_error err;
            unsigned char *copy = (unsigned char *)malloc(n);
            memcpy(copy, data, n);
            copy[pos] = vals[v];
            if (hln_gguf_parse(&opts, copy, n, &m, &err) == HLN_OK) {
                hln_summary s;
                hln_model_summarize(m, &s);
                T_CHECK(s.weight_bytes <= n);
                hln_model_free(m);
            }
            free(copy);
        }
    }
    free(data);
}

static void test_error_fields(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options opts;
    memset(&opts, 0, sizeof opts);
    T_CHECK(hln_gguf_load_file(&opts, corpus_path("gguf/bad/tensor_ndims_9.gguf"), &m, &err) == HLN_ERR_LIMIT);
    T_CHECK(m == NULL);
    T_EQ_U64(err.byte_offset, 120);
    T_EQ_STR(err.path, "tensor_info[0] 'w'.n_dims");
    T_CHECK(strstr(err.message, "n_dims 9") != NULL);
    T_CHECK(strstr(err.file, "tensor_ndims_9.gguf") != NULL);
    T_CHECK(hln_gguf_load_file(&opts, "/nonexistent/model.gguf", &m, &err) == HLN_ERR_IO);
}

/* v1 (32-bit counts and lengths) and v2 headers, built by hand. */
static void test_old_versions(void) {
    int v;
    for (v = 1; v <= 2; v++) {
        bytes b = { 0, 0, 0 };
        int lw = v == 1 ? 4 : 8;
        hln_model *m = NULL;
        hln_error err;
        hln_gguf_options opts;
        float data[4] = { 1, 2, 3, 4 };
        memset(&opts, 0, sizeof opts);
        bytes_write(&b, "GGUF", 4); put_u(&b, (uint64_t)v, 4); put_u(&b, 1, lw); put_u(&b, 1, lw);
        put_s(&b, "general.name", lw); put_u(&b, 8, 4); put_s(&b, "old", lw);
        put_s(&b, "w", lw); put_u(&b, 1, 4); put_u(&b, 4, lw); put_u(&b, 0, 4); put_u(&b, 0, 8);
        while (b.n % 32) put_u(&b, 0, 1);
        bytes_write(&b, data, sizeof data);
        T_CHECKF(hln_gguf_parse(&opts, b.p, b.n, &m, &err) == HLN_OK, "v%d: %s", v, err.message);
        if (m) {
            T_EQ_U64(m->version, (uint64_t)v);
            T_EQ_STR(m->kv[0].v.s.ptr, "old");
            T_EQ_U64(m->tensors[0].n_elements, 4);
            T_EQ_U64(m->tensors[0].file_offset, b.n - 16);
            hln_model_free(m);
        }
        free(b.p);
    }
}

static void test_split_and_moe(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options opts;
    hln_llm l;
    uint32_t i;
    uint64_t shared = 0, experts = 0;
    memset(&opts, 0, sizeof opts);
    if (hln_gguf_load_file(&opts, corpus_path("gguf/generated/tinyllama-split-Q8_0-00002-of-00002.gguf"), &m, &err) != HLN_OK) {
        T_SKIP("corpus missing");
        return;
    }
    T_EQ_U64(m->n_files, 2);
    T_EQ_U64(m->split_count, 2);
    T_EQ_U64(m->files[0].part, 1);               /* the named part first, its own KVs */
    T_EQ_U64(m->n_kv, 3);
    T_EQ_U64(m->n_tensors, 12);
    T_EQ_STR(m->tensors[0].name, "token_embd.weight");   /* tensors in part order */
    T_EQ_U64(m->files[m->tensors[0].file].part, 0);
    T_EQ_STR(m->hp.arch, "llama");               /* facts from part 1 */
    hln_model_free(m);
    opts.no_split = 1;
    T_CHECK(hln_gguf_load_file(&opts, corpus_path("gguf/generated/tinyllama-split-Q8_0-00002-of-00002.gguf"), &m, &err) == HLN_OK);
    if (m) { T_EQ_U64(m->n_tensors, 5); hln_model_free(m); }
    opts.no_split = 0;

    T_CHECK(hln_gguf_load_file(&opts, corpus_path("gguf/generated/tinymoe-Q4_K_M.gguf"), &m, &err) == HLN_OK);
    if (!m) return;
    for (i = 0; i < m->n_tensors; i++) {
        if (strstr(m->tensors[i].name, "_exps")) experts += m->tensors[i].n_elements;
        else shared += m->tensors[i].n_elements;
    }
    hln_model_llm(m, &l);
    T_EQ_I64(l.hp.expert_count, 4);
    T_EQ_I64(l.hp.expert_used_count, 2);
    T_CHECK(experts > 0);
    T_EQ_U64(l.params_experts, experts);
    T_EQ_U64(l.params_active, shared + experts / 4 * 2);
    T_EQ_U64(l.params_total, shared + experts);
    hln_model_free(m);
}

static void test_vocab_view(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options opts;
    const hln_kv *tok;
    hln_kv_iter it;
    hln_kv e;
    uint64_t n = 0;
    memset(&opts, 0, sizeof opts);
    if (hln_gguf_load_file(&opts, corpus_path("gguf/real/ggml-vocab-llama-spm.gguf"), &m, &err) != HLN_OK) { T_SKIP("corpus missing"); return; }
    tok = hln_model_find_kv(m, "tokenizer.ggml.tokens");
    T_CHECK(tok && tok->type == HLN_KV_ARRAY && tok->v.a.type == HLN_KV_STRING);
    if (tok) {
        hln_kv_iter_init(&it, &tok->v.a);
        while (hln_kv_iter_next(&it, &e)) n++;
        T_EQ_U64(n, 32000);
        T_EQ_U64(it.pos, tok->v.a.n_bytes);      /* the walk ends exactly at the view's end */
    }
    T_EQ_U64(m->n_tensors, 0);
    T_CHECK(m->files[0].data_offset > m->files[0].size);   /* valid: no tensors, no padding */
    hln_model_free(m);
}

/* No hyperparameters in the file: the facts come from Hugging Face tensor names and shapes. */
static void test_llm_from_tensor_names(void) {
    static const struct { const char *name; int64_t d0, d1; } ts[] = {
        { "model.embed_tokens.weight", 1000, 64 }, { "model.layers.0.self_attn.q_proj.weight", 64, 64 },
        { "model.layers.0.self_attn.k_proj.weight", 16, 64 }, { "model.layers.0.mlp.up_proj.weight", 176, 64 },
        { "model.layers.2.self_attn.k_proj.weight", 16, 64 }, { "lm_head.weight", 1000, 64 } };
    hln_model *m;
    hln_llm l;
    int64_t dims[6][2];
    uint32_t i;
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, 6, sizeof(hln_tensor));
    for (i = 0; i < 6; i++) {
        dims[i][0] = ts[i].d0;
        dims[i][1] = ts[i].d1;
        m->tensors[i].name = ts[i].name;
        m->tensors[i].dtype = HLN_DTYPE_BF16;
        m->tensors[i].n_dims = 2;
        m->tensors[i].dims = dims[i];
        m->tensors[i].n_elements = (uint64_t)(ts[i].d0 * ts[i].d1);
    }
    m->n_tensors = 6;
    hln_model_llm(m, &l);
    T_CHECK(l.valid);
    T_CHECK(l.hp.arch == NULL);
    T_EQ_I64(l.hp.n_layer, 3);
    T_EQ_I64(l.hp.n_embd, 64);
    T_EQ_I64(l.hp.n_vocab, 1000);
    T_EQ_I64(l.hp.n_ff, 176);
    T_EQ_I64(l.hp.n_head, -1);
    T_EQ_U64(l.kv_bytes_per_token_f16, 2ull * 3 * 16 * 2);   /* K width 16 stands for n_head_kv * head_dim */
    m->tensors = NULL;
    m->n_tensors = 0;
    hln_model_free(m);
}

static void test_summary(void) {
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options opts;
    hln_summary s;
    memset(&opts, 0, sizeof opts);
    if (hln_gguf_load_file(&opts, corpus_path("gguf/generated/tinyllama-Q4_K_M.gguf"), &m, &err) != HLN_OK) { T_SKIP("corpus missing"); return; }
    hln_model_summarize(m, &s);
    T_EQ_U64(s.n_dtypes, 3);
    T_EQ_STR(hln_dtype_get(s.dtypes[0].dtype)->name, "Q4_K");   /* largest share of bytes first */
    T_CHECK(s.dtypes[0].bytes >= s.dtypes[1].bytes && s.dtypes[1].bytes >= s.dtypes[2].bytes);
    T_CHECK(s.bits_per_weight == 8.0 * (double)s.weight_bytes / (double)s.params);
    hln_model_free(m);
}

int main(void) {
    T_RUN(test_dtype_table);
    T_RUN(test_dtype_nbytes);
    T_RUN(test_i2s_tensor);
    T_RUN(test_utf8);
    T_RUN(test_write_read_roundtrip);
    T_RUN(test_corpus_rewrite);
    T_RUN(test_truncations_and_mutations);
    T_RUN(test_error_fields);
    T_RUN(test_old_versions);
    T_RUN(test_split_and_moe);
    T_RUN(test_vocab_view);
    T_RUN(test_llm_from_tensor_names);
    T_RUN(test_summary);
    return t_finish("test_gguf");
}
