/* tests/test_convert.c - the conversion planner (haoline_analysis.h) and the streaming writers:
   corpus round trips (GGUF and SafeTensors read -> written -> read give the same IR), Hugging
   Face SafeTensors -> GGUF -> SafeTensors bit for bit at F32/F16/BF16 with the RoPE row order,
   ONNX initializers -> SafeTensors, quantized bytes equal to the kernels', recipes per tensor,
   tokenizer arrays, and hostile config.json / tokenizer.json refused at planning time. */
#define _DEFAULT_SOURCE   /* opendir, mkdtemp in the test only */
#include "../haoline_kernels.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"
#include "../haoline_onnx.h"
#include "test.h"

#include <dirent.h>
#include <math.h>
#include <stdlib.h>     /* mkdtemp */
#include <sys/stat.h>   /* mkdir */
#include <unistd.h>     /* rmdir */

static hln_result write_as(hln_format f, const hln_convert *c, t_membuf *out, hln_error *err) {
    memset(out, 0, sizeof *out);
    return f == HLN_FORMAT_GGUF ? hln_gguf_write_from(c->out, hln_convert_tensor_bytes, (void *)c, t_mem_write, out, err)
                                : hln_st_write_from(c->out, hln_convert_tensor_bytes, (void *)c, t_mem_write, out, err);
}
static hln_result parse_as(hln_format f, const t_membuf *b, hln_model **m, hln_error *err) {
    if (f == HLN_FORMAT_GGUF) { hln_gguf_options o; memset(&o, 0, sizeof o); return hln_gguf_parse(&o, b->p, b->n, m, err); }
    { hln_st_options o; memset(&o, 0, sizeof o); return hln_st_parse(&o, b->p, b->n, m, err); }
}

/* Same names, dtypes, dims and bytes, tensor by tensor. */
static int same_tensors(const hln_model *a, const hln_model *b) {
    uint32_t i;
    if (a->n_tensors != b->n_tensors) { fprintf(stderr, "  tensors %u != %u\n", a->n_tensors, b->n_tensors); return 0; }
    for (i = 0; i < a->n_tensors; i++) {
        const hln_tensor *s = &a->tensors[i], *t = &b->tensors[i];
        if (strcmp(s->name, t->name) != 0 || s->dtype != t->dtype || s->n_dims != t->n_dims || s->n_bytes != t->n_bytes ||
            (s->n_dims && memcmp(s->dims, t->dims, s->n_dims * sizeof(int64_t)) != 0) ||
            (s->n_bytes && memcmp(s->data, t->data, (size_t)s->n_bytes) != 0)) {
            fprintf(stderr, "  tensor %u '%s' differs\n", i, s->name);
            return 0;
        }
    }
    return 1;
}
/* Same keys, types and values (arrays compared element by element through the iterator). */
static int same_kv(const hln_kv *x, const hln_kv *y) {
    if (x->type != y->type) return 0;
    switch (x->type) {
    case HLN_KV_STRING: return x->v.s.len == y->v.s.len && memcmp(x->v.s.ptr, y->v.s.ptr, (size_t)x->v.s.len) == 0;
    case HLN_KV_F32: case HLN_KV_F64: return memcmp(&x->v.f, &y->v.f, sizeof x->v.f) == 0;
    case HLN_KV_ARRAY: {
        hln_kv_iter i, j;
        hln_kv e, f;
        if (x->v.a.type != y->v.a.type || x->v.a.count != y->v.a.count) return 0;
        hln_kv_iter_init(&i, &x->v.a);
        hln_kv_iter_init(&j, &y->v.a);
        while (hln_kv_iter_next(&i, &e)) if (!hln_kv_iter_next(&j, &f) || !same_kv(&e, &f)) return 0;
        return !hln_kv_iter_next(&j, &f);
    }
    default: return x->v.u == y->v.u;
    }
}
static int same_metadata(const hln_model *a, const hln_model *b) {
    uint32_t i;
    if (a->n_kv != b->n_kv) { fprintf(stderr, "  kv %u != %u\n", a->n_kv, b->n_kv); return 0; }
    for (i = 0; i < a->n_kv; i++)
        if (strcmp(a->kv[i].key, b->kv[i].key) != 0 || !same_kv(&a->kv[i], &b->kv[i])) {
            fprintf(stderr, "  kv '%s' differs\n", a->kv[i].key);
            return 0;
        }
    return 1;
}

/* ---- corpus round trips: read -> (plan, stream) -> read ---- */
static int g_roundtrips, g_skipped_be;
static void roundtrip_file(const char *path, hln_format f) {
    hln_model *m = NULL, *back = NULL;
    hln_convert *c = NULL;
    hln_convert_options o;
    hln_error err;
    t_membuf buf, plain;
    hln_result r;
    memset(&err, 0, sizeof err);
    memset(&buf, 0, sizeof buf);
    memset(&plain, 0, sizeof plain);
    if (f == HLN_FORMAT_GGUF) { hln_gguf_options go; memset(&go, 0, sizeof go); go.no_split = 1; r = hln_gguf_load_file(&go, path, &m, &err); }
    else { hln_st_options so; memset(&so, 0, sizeof so); r = hln_st_load_file(&so, path, &m, &err); }
    if (r != HLN_OK) { T_CHECKF(0, "%s: %s", path, err.message); return; }
    if (m->big_endian) { g_skipped_be++; hln_model_free(m); return; }   /* the writers refuse big-endian bytes */
    memset(&o, 0, sizeof o);
    o.to = f;
    o.keep_names = 1;
    r = hln_convert_plan(m, &o, &c, &err);
    T_CHECKF(r == HLN_OK, "%s: plan: %s", path, err.message);
    if (r == HLN_OK) {
        T_CHECK(c->n_lossy == 0);
        r = write_as(f, c, &buf, &err);
        T_CHECKF(r == HLN_OK, "%s: write: %s", path, err.message);
        if (r == HLN_OK) r = parse_as(f, &buf, &back, &err);
        T_CHECKF(r == HLN_OK, "%s: read back: %s", path, err.message);
        if (r == HLN_OK) {
            T_CHECKF(same_tensors(m, back), "%s", path);
            T_CHECKF(same_metadata(m, back), "%s", path);
            g_roundtrips++;
        }
        /* the writer without the planner gives the same bytes */
        r = f == HLN_FORMAT_GGUF ? hln_gguf_write(m, t_mem_write, &plain, &err) : hln_st_write(m, t_mem_write, &plain, &err);
        T_CHECK(r == HLN_OK && plain.n == buf.n && memcmp(plain.p, buf.p, buf.n) == 0);
    }
    hln_model_free(back);
    hln_convert_free(c);
    hln_model_free(m);
    free(buf.p);
    free(plain.p);
}

static void roundtrip_dir(const char *sub, const char *ext, hln_format f) {
    char dir[1024], path[2048];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/%s", t_corpus(), sub);
    if (!(d = opendir(dir))) return;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), k = strlen(ext);
        if (n <= k || strcmp(e->d_name + n - k, ext) != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        roundtrip_file(path, f);
    }
    closedir(d);
}

static void test_corpus_roundtrips(void) {
    char idx[1024];
    g_roundtrips = g_skipped_be = 0;
    roundtrip_dir("gguf/generated", ".gguf", HLN_FORMAT_GGUF);
    if (!getenv("HAOLINE_TEST_QUICK")) roundtrip_dir("gguf/real", ".gguf", HLN_FORMAT_GGUF);   /* emulated runs: skip the vocabularies */
    roundtrip_dir("safetensors/generated", ".safetensors", HLN_FORMAT_SAFETENSORS);
    roundtrip_dir("safetensors/generated/sharded-gqa", ".safetensors", HLN_FORMAT_SAFETENSORS);
    snprintf(idx, sizeof idx, "%s/safetensors/generated/sharded-gqa/model.safetensors.index.json", t_corpus());
    roundtrip_file(idx, HLN_FORMAT_SAFETENSORS);   /* two shards written as one file */
    if (g_roundtrips == 0) { T_SKIP("no corpus"); return; }
    fprintf(stderr, "  %d corpus files round-tripped, %d big-endian skipped (not writable)\n", g_roundtrips, g_skipped_be);
    T_CHECK(g_roundtrips >= (getenv("HAOLINE_TEST_QUICK") ? 25 : 40));
}

/* ---- Hugging Face -> GGUF -> Hugging Face ---- */
static const char *llama_config =
    "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"hidden_size\":128,\"intermediate_size\":256,"
    "\"num_attention_heads\":4,\"num_key_value_heads\":4,\"num_hidden_layers\":2,\"max_position_embeddings\":2048,"
    "\"rms_norm_eps\":1e-05,\"rope_theta\":500000.0,\"vocab_size\":320,\"bos_token_id\":1,\"eos_token_id\":2}";

static hln_model *load_hf(const char *dtype) {
    char path[1024];
    hln_model *m = NULL;
    hln_st_options so;
    hln_error err;
    memset(&so, 0, sizeof so);
    snprintf(path, sizeof path, "%s/safetensors/generated/tinyllama-hf-%s.safetensors", t_corpus(), dtype);
    if (hln_st_load_file(&so, path, &m, &err) != HLN_OK) return NULL;
    return m;
}

static hln_result plan_text(const hln_model *m, hln_format to, const char *config, const char *tok, const char *tokcfg,
                            hln_convert **c, hln_error *err) {
    hln_convert_options o;
    memset(&o, 0, sizeof o);
    o.to = to;
    o.config_json = config; o.config_json_len = config ? strlen(config) : 0;
    o.tokenizer_json = tok; o.tokenizer_json_len = tok ? strlen(tok) : 0;
    o.tokenizer_config_json = tokcfg; o.tokenizer_config_json_len = tokcfg ? strlen(tokcfg) : 0;
    return hln_convert_plan(m, &o, c, err);
}

/* hln_convert_config_json of the GGUF made from llama_config (no tokenizer: no vocab_size from
   tokens; the config's vocab_size went into llama.vocab_size). */
static const char *hf_config_text =
    "{\n  \"architectures\": [\"LlamaForCausalLM\"],\n  \"model_type\": \"llama\",\n  \"num_hidden_layers\": 2,\n"
    "  \"hidden_size\": 128,\n  \"intermediate_size\": 256,\n  \"num_attention_heads\": 4,\n  \"num_key_value_heads\": 4,\n"
    "  \"max_position_embeddings\": 2048,\n  \"vocab_size\": 320,\n  \"rope_theta\": 500000.0,\n  \"rms_norm_eps\": 1e-05,\n"
    "  \"tie_word_embeddings\": false\n}\n";

/* The RoPE order, computed independently as numpy's reshape(heads, 2, hd/2, cols).swapaxes(1, 2):
   GGUF row index (h, i, j) in shape (heads, hd/2, 2) holds HF row index (h, j, i) in (heads, 2, hd/2). */
static int rope_rows_ok(const hln_tensor *hf, const hln_tensor *gg, int heads) {
    int64_t rows = hf->dims[0], cols = hf->dims[1], hd = rows / heads, half = hd / 2, h, i, j;
    size_t es = hln_dtype_get(hf->dtype)->type_size, rb = (size_t)cols * es;
    for (h = 0; h < heads; h++)
        for (i = 0; i < half; i++)
            for (j = 0; j < 2; j++) {
                const unsigned char *g = (const unsigned char *)gg->data + (size_t)((h * half + i) * 2 + j) * rb;
                const unsigned char *f = (const unsigned char *)hf->data + (size_t)((h * 2 + j) * half + i) * rb;
                if (memcmp(g, f, rb) != 0) return 0;
            }
    return 1;
}

static void hf_roundtrip(const char *dtype) {
    hln_model *hf = load_hf(dtype), *gguf = NULL, *back = NULL;
    hln_convert *c = NULL, *c2 = NULL;
    hln_error err;
    t_membuf g, s;
    int64_t q;
    memset(&g, 0, sizeof g);
    memset(&s, 0, sizeof s);
    if (!hf) { T_SKIP("no tinyllama-hf in the corpus"); return; }
    T_CHECK(plan_text(hf, HLN_FORMAT_GGUF, llama_config, NULL, NULL, &c, &err) == HLN_OK);
    if (!c) { hln_model_free(hf); return; }
    T_EQ_STR(c->arch, "llama");
    T_CHECK(c->n_lossy == 0);
    T_CHECK(write_as(HLN_FORMAT_GGUF, c, &g, &err) == HLN_OK);
    T_CHECK(parse_as(HLN_FORMAT_GGUF, &g, &gguf, &err) == HLN_OK);
    if (gguf) {
        const hln_kv *kv;
        double f;
        T_CHECK(hln_model_find_tensor(gguf, "blk.1.attn_q.weight") >= 0);
        T_CHECK(hln_model_find_tensor(gguf, "token_embd.weight") == 0);
        T_CHECK(hln_model_find_tensor(gguf, "output.weight") >= 0);
        T_EQ_I64(gguf->hp.n_layer, 2);
        T_EQ_I64(gguf->hp.n_head, 4);
        T_EQ_I64(gguf->hp.n_embd, 128);
        T_EQ_I64(gguf->hp.context_length, 2048);
        T_EQ_I64(gguf->hp.n_ff, 256);
        kv = hln_model_find_kv(gguf, "llama.rope.freq_base");
        T_CHECK(kv && kv->type == HLN_KV_F32 && hln_kv_as_f64(kv, &f) && f == 500000.0);
        kv = hln_model_find_kv(gguf, "llama.attention.layer_norm_rms_epsilon");
        /* casts, not a float constant: s390x evaluates float constants in double (FLT_EVAL_METHOD 1) */
        T_CHECKF(kv && kv->type == HLN_KV_F32 && (float)kv->v.f == (float)1e-5, "%a", kv ? kv->v.f : 0.0);
        q = hln_model_find_tensor(gguf, "blk.0.attn_q.weight");
        T_CHECK(q >= 0 && rope_rows_ok(&hf->tensors[hln_model_find_tensor(hf, "model.layers.0.self_attn.q_proj.weight")],
                                       &gguf->tensors[q], 4));
        q = hln_model_find_tensor(gguf, "blk.1.attn_k.weight");
        T_CHECK(q >= 0 && rope_rows_ok(&hf->tensors[hln_model_find_tensor(hf, "model.layers.1.self_attn.k_proj.weight")],
                                       &gguf->tensors[q], 4));
        /* and back: names, order, dtypes and bytes of the original */
        T_CHECK(plan_text(gguf, HLN_FORMAT_SAFETENSORS, NULL, NULL, NULL, &c2, &err) == HLN_OK);
        if (c2) {
            t_membuf cj;
            memset(&cj, 0, sizeof cj);
            T_CHECK(write_as(HLN_FORMAT_SAFETENSORS, c2, &s, &err) == HLN_OK);
            T_CHECK(parse_as(HLN_FORMAT_SAFETENSORS, &s, &back, &err) == HLN_OK);
            if (back) T_CHECKF(same_tensors(hf, back), "%s", dtype);
            /* config.json byte for byte (the layout transformers writes: two-space indent) */
            T_CHECK(hln_convert_config_json(c2, t_mem_write, &cj, &err) == HLN_OK);
            T_CHECKF(cj.n == strlen(hf_config_text) && memcmp(cj.p, hf_config_text, cj.n) == 0, "%.*s", (int)cj.n, (const char *)cj.p);
            free(cj.p);
        }
    }
    hln_model_free(back);
    hln_convert_free(c2);
    hln_model_free(gguf);
    hln_convert_free(c);
    hln_model_free(hf);
    free(g.p);
    free(s.p);
}
static void test_hf_roundtrip_f32(void) { hf_roundtrip("F32"); }
static void test_hf_roundtrip_f16(void) { hf_roundtrip("F16"); }
static void test_hf_roundtrip_bf16(void) { hf_roundtrip("BF16"); }

/* --type F16 on an F32 source keeps 1-D tensors F32; F16 source -> GGUF F16 -> SafeTensors F16 is exact. */
static void test_hf_type_f16(void) {
    hln_model *hf = load_hf("F16"), *gguf = NULL, *back = NULL;
    hln_convert *c = NULL, *c2 = NULL;
    hln_convert_options o;
    hln_error err;
    t_membuf g, s;
    uint32_t i, f32 = 0;
    memset(&g, 0, sizeof g);
    memset(&s, 0, sizeof s);
    if (!hf) { T_SKIP("no corpus"); return; }
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_GGUF;
    o.dtype = HLN_DTYPE_F16;
    o.config_json = llama_config; o.config_json_len = strlen(llama_config);
    T_CHECK(hln_convert_plan(hf, &o, &c, &err) == HLN_OK);
    if (c) {
        for (i = 0; i < c->out->n_tensors; i++) {
            T_CHECK(c->out->tensors[i].dtype == (c->out->tensors[i].n_dims < 2 ? HLN_DTYPE_F32 : HLN_DTYPE_F16));
            f32 += c->out->tensors[i].dtype == HLN_DTYPE_F32;
        }
        T_EQ_U64(f32, 5);   /* 2 layers x 2 norms + output_norm */
        T_CHECK(c->n_lossy == 0);
        T_CHECK(write_as(HLN_FORMAT_GGUF, c, &g, &err) == HLN_OK && parse_as(HLN_FORMAT_GGUF, &g, &gguf, &err) == HLN_OK);
    }
    if (gguf) {
        memset(&o, 0, sizeof o);
        o.to = HLN_FORMAT_SAFETENSORS;
        o.dtype = HLN_DTYPE_F16;
        T_CHECK(hln_convert_plan(gguf, &o, &c2, &err) == HLN_OK);
        if (c2) {
            T_CHECK(c2->n_lossy == 5);   /* F32 -> F16 narrows, though these values came from F16 */
            T_CHECK(write_as(HLN_FORMAT_SAFETENSORS, c2, &s, &err) == HLN_OK && parse_as(HLN_FORMAT_SAFETENSORS, &s, &back, &err) == HLN_OK);
            if (back) T_CHECK(same_tensors(hf, back));
        }
    }
    hln_model_free(back); hln_convert_free(c2); hln_model_free(gguf); hln_convert_free(c); hln_model_free(hf);
    free(g.p); free(s.p);
}

/* qwen2: names mapped, no RoPE permutation (neox order). */
static void test_qwen2_no_permute(void) {
    hln_model *hf = load_hf("F32");
    hln_convert *c = NULL;
    hln_error err;
    char cfg[1024];
    uint32_t i;
    if (!hf) { T_SKIP("no corpus"); return; }
    snprintf(cfg, sizeof cfg, "%s", llama_config);
    memcpy(strstr(cfg, "\"llama\""), "\"qwen2\"", 7);
    T_CHECK(plan_text(hf, HLN_FORMAT_GGUF, cfg, NULL, NULL, &c, &err) == HLN_OK);
    if (c) {
        T_EQ_STR(c->arch, "qwen2");
        T_CHECK(hln_model_find_kv(c->out, "qwen2.block_count") != NULL);
        for (i = 0; i < c->out->n_tensors; i++) T_CHECK(c->tensors[i].permute_heads == 0);
    }
    hln_convert_free(c);
    hln_model_free(hf);
}

/* ---- ONNX initializers -> SafeTensors ---- */
static void test_onnx_to_safetensors(void) {
    char path[1024];
    hln_model *m = NULL, *back = NULL;
    hln_onnx_options oo;
    hln_convert *c = NULL;
    hln_convert_options o;
    hln_error err;
    t_membuf s;
    uint32_t i, k = 0, compared = 0;
    memset(&oo, 0, sizeof oo);
    memset(&s, 0, sizeof s);
    snprintf(path, sizeof path, "%s/onnx/generated/mlp_external.onnx", t_corpus());
    if (hln_onnx_load_file(&oo, path, &m, &err) != HLN_OK) { T_SKIP("no ONNX corpus"); return; }
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_SAFETENSORS;
    T_CHECK(hln_convert_plan(m, &o, &c, &err) == HLN_OK);
    if (c) {
        T_CHECK(c->n_lost >= 1);   /* the graph */
        T_CHECK(write_as(HLN_FORMAT_SAFETENSORS, c, &s, &err) == HLN_OK);
        T_CHECK(parse_as(HLN_FORMAT_SAFETENSORS, &s, &back, &err) == HLN_OK);
    }
    if (back) {
        size_t ext_size = 0;
        unsigned char *ext;
        char ext_path[1100];
        snprintf(ext_path, sizeof ext_path, "%s.data", path);
        ext = t_read_file(ext_path, &ext_size);   /* read independently of the library's mapping */
        for (i = 0; i < m->n_tensors; i++) {
            const hln_tensor *t = &m->tensors[i];
            const unsigned char *want = (const unsigned char *)t->data;
            if (t->dtype == HLN_DTYPE_STRING || (t->flags & (HLN_TENSOR_SPARSE | HLN_TENSOR_NESTED | HLN_TENSOR_ATTRIBUTE))) continue;
            if (!want && ext && t->file_offset + t->n_bytes <= ext_size) want = ext + t->file_offset;
            T_CHECK(want != NULL);
            T_CHECK(k < back->n_tensors && strcmp(back->tensors[k].name, t->name) == 0 && back->tensors[k].dtype == t->dtype &&
                    back->tensors[k].n_bytes == t->n_bytes && want && memcmp(back->tensors[k].data, want, (size_t)t->n_bytes) == 0);
            k++;
            compared += (t->flags & HLN_TENSOR_EXTERNAL) != 0;
        }
        T_EQ_U64(k, back->n_tensors);
        T_CHECK(compared >= 2);   /* external data followed */
        free(ext);
    }
    hln_model_free(back); hln_convert_free(c); hln_model_free(m); free(s.p);
}

/* ---- quantization: the kernels' bytes ---- */
static int g_tasks_run;
static void reverse_for(void *user, int n_tasks, void (*task)(void *arg, int i), void *arg) {
    int i;
    (void)user;
    for (i = n_tasks - 1; i >= 0; i--) { task(arg, i); g_tasks_run++; }
}

static void quantized_bytes(const char *recipe, int threaded) {
    hln_model *hf = load_hf("F32"), *q = NULL;
    hln_convert *c = NULL;
    hln_convert_options o;
    hln_error err;
    t_membuf g;
    uint32_t i, checked = 0;
    memset(&g, 0, sizeof g);
    if (!hf) { T_SKIP("no corpus"); return; }
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_GGUF;
    o.recipe = recipe;
    o.measure_error = 1;
    o.config_json = llama_config; o.config_json_len = strlen(llama_config);
    if (threaded) { o.parallel_for = reverse_for; o.n_tasks = 3; }
    g_tasks_run = 0;
    T_CHECK(hln_convert_plan(hf, &o, &c, &err) == HLN_OK);
    if (c) T_CHECK(write_as(HLN_FORMAT_GGUF, c, &g, &err) == HLN_OK && parse_as(HLN_FORMAT_GGUF, &g, &q, &err) == HLN_OK);
    if (q) {
        T_CHECK(hln_model_find_kv(q, "general.quantization_version") != NULL);
        for (i = 0; i < q->n_tensors; i++) {
            const hln_tensor *t = &q->tensors[i], *s = &hf->tensors[c->tensors[i].source];
            const hln_dtype_info *d = hln_dtype_get(t->dtype);
            unsigned char *want;
            float *vals;
            if (t->dtype == HLN_DTYPE_F32) { T_CHECK(memcmp(t->data, s->data, (size_t)s->n_bytes) == 0); continue; }
            if (c->tensors[i].permute_heads) continue;   /* rows reordered: checked below */
            want = (unsigned char *)malloc((size_t)t->n_bytes);
            vals = t_le_f32_array(s->data, (size_t)s->n_elements);   /* the file's floats on any host */
            T_CHECK(want && vals && hln_k_quantize((hln_k_type)d->ggml_id, vals, want, (int64_t)s->n_elements) == HLN_K_OK);
            T_CHECKF(want && memcmp(want, t->data, (size_t)t->n_bytes) == 0, "%s %s", t->name, d->name);
            /* the error table is the kernels' error of that quantization */
            {
                hln_k_error e;
                hln_k_error_init(&e);
                T_CHECK(vals && hln_k_quant_error((hln_k_type)d->ggml_id, vals, (int64_t)s->n_elements, &e) == HLN_K_OK);
                hln_k_error_finish(&e);
                T_CHECKF(c->tensors[i].error.count == s->n_elements &&
                         fabs(c->tensors[i].error.rmse - e.rmse) <= 1e-9 * (e.rmse + 1e-30), "%s rmse %g vs %g", t->name,
                         c->tensors[i].error.rmse, e.rmse);
            }
            free(want);
            free(vals);
            checked++;
        }
        T_CHECK(checked >= 8);
        if (threaded) T_CHECK(g_tasks_run > 0);
    }
    hln_model_free(q); hln_convert_free(c); hln_model_free(hf); free(g.p);
}
static void test_quantize_q8_0_bytes(void) { quantized_bytes("Q8_0", 0); }
static void test_quantize_q4_k_m_bytes_threaded(void) { quantized_bytes("Q4_K_M", 1); }

/* ---- recipes: which tensor gets which type ---- */
static void test_recipes(void) {
    /* a 32-layer model with rows of 4096 */
#define RT(recipe, name, layer, gqa, dims, cols) hln_convert_recipe_type(recipe, name, layer, 32, gqa, dims, cols)
    T_CHECK(RT("Q4_K_M", "blk.0.attn_q.weight", 0, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q4_K_M", "blk.0.attn_v.weight", 0, 1, 2, 4096) == HLN_DTYPE_Q6_K);    /* first eighth */
    T_CHECK(RT("Q4_K_M", "blk.5.attn_v.weight", 5, 1, 2, 4096) == HLN_DTYPE_Q4_K);    /* (5-4) % 3 == 1 */
    T_CHECK(RT("Q4_K_M", "blk.6.attn_v.weight", 6, 1, 2, 4096) == HLN_DTYPE_Q6_K);    /* (6-4) % 3 == 2 */
    T_CHECK(RT("Q4_K_M", "blk.30.ffn_down.weight", 30, 1, 2, 4096) == HLN_DTYPE_Q6_K); /* last eighth */
    T_CHECK(RT("Q4_K_M", "blk.7.ffn_down.weight", 7, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q4_K_M", "blk.30.ffn_down_exps.weight", 30, 1, 3, 4096) == HLN_DTYPE_Q6_K);   /* stacked experts too */
    T_CHECK(RT("Q4_K_M", "blk.7.ffn_down_exps.weight", 7, 1, 3, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q4_K_M", "output.weight", -1, 1, 2, 4096) == HLN_DTYPE_Q6_K);
    T_CHECK(RT("Q4_K_M", "token_embd.weight", -1, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q4_K_M", "blk.3.attn_norm.weight", 3, 1, 1, 4096) == HLN_DTYPE_F32);
    T_CHECK(RT("Q4_K_M", "blk.3.attn_q.weight", 3, 1, 2, 4000) == HLN_DTYPE_Q8_0);     /* not whole 256-blocks */
    T_CHECK(RT("Q4_K_M", "blk.3.attn_q.weight", 3, 1, 2, 100) == HLN_DTYPE_F16);       /* not whole 32-blocks */
    T_CHECK(RT("Q4_K_S", "blk.3.attn_v.weight", 3, 1, 2, 4096) == HLN_DTYPE_Q5_K);
    T_CHECK(RT("Q4_K_S", "blk.4.attn_v.weight", 4, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q4_K_S", "blk.3.ffn_down.weight", 3, 1, 2, 4096) == HLN_DTYPE_Q5_K);
    T_CHECK(RT("Q4_K_S", "blk.4.ffn_down.weight", 4, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q5_K_M", "blk.0.attn_v.weight", 0, 1, 2, 4096) == HLN_DTYPE_Q6_K);
    T_CHECK(RT("Q5_K_M", "blk.9.attn_q.weight", 9, 1, 2, 4096) == HLN_DTYPE_Q5_K);
    T_CHECK(RT("Q3_K_M", "blk.1.attn_v.weight", 1, 1, 2, 4096) == HLN_DTYPE_Q5_K);
    T_CHECK(RT("Q3_K_M", "blk.2.attn_v.weight", 2, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q3_K_M", "blk.1.ffn_down.weight", 1, 1, 2, 4096) == HLN_DTYPE_Q5_K);
    T_CHECK(RT("Q3_K_M", "blk.2.ffn_down.weight", 2, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q3_K_M", "blk.2.attn_output.weight", 2, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q3_K_M", "blk.2.ffn_up.weight", 2, 1, 2, 4096) == HLN_DTYPE_Q3_K);
    T_CHECK(RT("Q2_K", "blk.2.attn_v.weight", 2, 1, 2, 4096) == HLN_DTYPE_Q3_K);
    T_CHECK(RT("Q2_K", "blk.2.attn_v.weight", 2, 4, 2, 4096) == HLN_DTYPE_Q4_K);      /* GQA 4 */
    T_CHECK(RT("Q2_K", "blk.2.ffn_down.weight", 2, 4, 2, 4096) == HLN_DTYPE_Q3_K);
    T_CHECK(RT("Q2_K", "blk.2.ffn_gate.weight", 2, 4, 2, 4096) == HLN_DTYPE_Q2_K);
    T_CHECK(RT("Q6_K", "blk.2.ffn_gate.weight", 2, 1, 2, 4096) == HLN_DTYPE_Q6_K);
    T_CHECK(RT("Q8_0", "output.weight", -1, 1, 2, 4096) == HLN_DTYPE_Q8_0);
    T_CHECK(RT("TQ2_0", "blk.2.ffn_gate.weight", 2, 1, 2, 4096) == HLN_DTYPE_TQ2_0);
    T_CHECK(RT("TQ2_0", "token_embd.weight", -1, 1, 2, 4096) == HLN_DTYPE_Q4_K);
    T_CHECK(RT("Q4_0", "blk.2.ffn_gate.weight", 2, 1, 2, 4096) == HLN_DTYPE_Q4_0);     /* a plain type */
    T_CHECK(RT("Q9_9", "blk.2.ffn_gate.weight", 2, 1, 2, 4096) == HLN_DTYPE_UNKNOWN);
    T_CHECK(!hln_convert_recipe_known("Q4_K_X") && hln_convert_recipe_known("Q4_K_M") && hln_convert_recipe_known("IQ4_NL"));
#undef RT
}

/* --keep GLOB=TYPE overrides the recipe on output names. */
static void test_keep_override(void) {
    hln_model *hf = load_hf("F32");
    hln_convert *c = NULL;
    hln_convert_options o;
    hln_error err;
    uint32_t i;
    if (!hf) { T_SKIP("no corpus"); return; }
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_GGUF;
    o.recipe = "Q8_0";
    o.keep[0] = "blk.*.ffn_*=F16";
    o.keep[1] = "output.weight=F32";
    o.n_keep = 2;
    o.config_json = llama_config; o.config_json_len = strlen(llama_config);
    T_CHECK(hln_convert_plan(hf, &o, &c, &err) == HLN_OK);
    for (i = 0; c && i < c->out->n_tensors; i++) {
        const hln_tensor *t = &c->out->tensors[i];
        if (strstr(t->name, ".ffn_") && t->n_dims == 2) T_CHECKF(t->dtype == HLN_DTYPE_F16, "%s", t->name);
        else if (strcmp(t->name, "output.weight") == 0) T_CHECK(t->dtype == HLN_DTYPE_F32);
        else if (t->n_dims == 2) T_CHECKF(t->dtype == HLN_DTYPE_Q8_0, "%s", t->name);
    }
    hln_convert_free(c);
    o.keep[0] = "blk.*=Q7_7";
    o.n_keep = 1;
    c = NULL;
    T_CHECK(hln_convert_plan(hf, &o, &c, &err) == HLN_ERR_ARG && !c);
    hln_model_free(hf);
}

/* ---- tokenizer.json -> GGUF arrays ---- */
static const char *tok_json =
    "{\"version\":\"1.0\",\"added_tokens\":[{\"id\":0,\"content\":\"<s>\",\"special\":true},"
    "{\"id\":1,\"content\":\"</s>\",\"special\":true},{\"id\":7,\"content\":\"<extra>\",\"special\":false}],"
    "\"model\":{\"type\":\"BPE\",\"vocab\":{\"<s>\":0,\"</s>\":1,\"a\":2,\"b\":3,\"ab\":4,\"\\u0120c\":5,\"abc\":6},"
    "\"merges\":[\"a b\",[\"ab\",\"\\u0120c\"]]}}";
static const char *tok_cfg = "{\"bos_token\":\"<s>\",\"eos_token\":{\"content\":\"</s>\"},\"add_bos_token\":true}";

static void test_tokenizer_arrays(void) {
    hln_model *hf = load_hf("F32"), *g = NULL;
    hln_convert *c = NULL;
    hln_error err;
    t_membuf b;
    memset(&b, 0, sizeof b);
    if (!hf) { T_SKIP("no corpus"); return; }
    T_CHECK(plan_text(hf, HLN_FORMAT_GGUF, llama_config, tok_json, tok_cfg, &c, &err) == HLN_OK);
    if (c) T_CHECK(write_as(HLN_FORMAT_GGUF, c, &b, &err) == HLN_OK && parse_as(HLN_FORMAT_GGUF, &b, &g, &err) == HLN_OK);
    if (g) {
        const hln_kv *tokens = hln_model_find_kv(g, "tokenizer.ggml.tokens"), *types = hln_model_find_kv(g, "tokenizer.ggml.token_type"),
                     *merges = hln_model_find_kv(g, "tokenizer.ggml.merges"), *kv;
        hln_kv_iter it;
        hln_kv e;
        int64_t v;
        T_CHECK(tokens && tokens->v.a.count == 320);   /* padded to the embedding's rows */
        T_CHECK(types && types->v.a.count == 320 && merges && merges->v.a.count == 2);
        if (tokens && types && merges) {
            int k = 0;
            hln_kv_iter_init(&it, &tokens->v.a);
            while (hln_kv_iter_next(&it, &e) && k < 9) {
                static const char *const want[] = { "<s>", "</s>", "a", "b", "ab", "\xc4\240c", "abc", "<extra>", "[PAD8]" };
                T_CHECKF(e.v.s.len == strlen(want[k]) && memcmp(e.v.s.ptr, want[k], (size_t)e.v.s.len) == 0, "token %d", k);
                k++;
            }
            k = 0;
            hln_kv_iter_init(&it, &types->v.a);
            while (hln_kv_iter_next(&it, &e) && k < 9) {
                static const int want[] = { 3, 3, 1, 1, 1, 1, 1, 4, 5 };
                T_CHECKF(e.v.i == want[k], "type %d: %lld", k, (long long)e.v.i);
                k++;
            }
            hln_kv_iter_init(&it, &merges->v.a);
            T_CHECK(hln_kv_iter_next(&it, &e) && e.v.s.len == 3 && memcmp(e.v.s.ptr, "a b", 3) == 0);
            T_CHECK(hln_kv_iter_next(&it, &e) && e.v.s.len == 6 && memcmp(e.v.s.ptr, "ab \xc4\240c", 6) == 0);
        }
        kv = hln_model_find_kv(g, "tokenizer.ggml.model");
        T_CHECK(kv && kv->v.s.len == 4 && memcmp(kv->v.s.ptr, "gpt2", 4) == 0);
        kv = hln_model_find_kv(g, "tokenizer.ggml.bos_token_id");
        T_CHECK(kv && hln_kv_as_i64(kv, &v) && v == 0);
        kv = hln_model_find_kv(g, "tokenizer.ggml.eos_token_id");
        T_CHECK(kv && hln_kv_as_i64(kv, &v) && v == 1);
        kv = hln_model_find_kv(g, "tokenizer.ggml.add_bos_token");
        T_CHECK(kv && kv->type == HLN_KV_BOOL && kv->v.u == 1);
    }
    hln_model_free(g); hln_convert_free(c); hln_model_free(hf); free(b.p);
}

/* ---- tokenizer.model (SentencePiece protobuf) -> GGUF arrays ---- */
typedef struct pbw { unsigned char b[512]; size_t n; } pbw;
static void pb_varint(pbw *w, uint64_t v) { do { w->b[w->n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)); v >>= 7; } while (v); }
static void pb_bytes(pbw *w, unsigned field, const void *p, size_t n) {
    pb_varint(w, (uint64_t)field << 3 | 2);
    pb_varint(w, n);
    memcpy(w->b + w->n, p, n);
    w->n += n;
}
/* One SentencePiece message: piece = 1, score = 2 (float), type = 3. */
static void pb_piece(pbw *w, const char *text, float score, int type) {
    pbw m;
    uint32_t u;
    memset(&m, 0, sizeof m);
    pb_bytes(&m, 1, text, strlen(text));
    memcpy(&u, &score, 4);
    pb_varint(&m, 2 << 3 | 5);
    m.b[m.n++] = (unsigned char)u; m.b[m.n++] = (unsigned char)(u >> 8); m.b[m.n++] = (unsigned char)(u >> 16); m.b[m.n++] = (unsigned char)(u >> 24);
    if (type != 1) { pb_varint(&m, 3 << 3); pb_varint(&m, (uint64_t)type); }
    pb_bytes(w, 1, m.b, m.n);
}
static void spm_model(pbw *w, int bad_type) {
    pbw t;
    memset(w, 0, sizeof *w);
    memset(&t, 0, sizeof t);
    pb_piece(w, "<unk>", 0.0f, 2);
    pb_piece(w, "<s>", 0.0f, 3);
    pb_piece(w, "</s>", 0.0f, 3);
    pb_piece(w, "\xe2\x96\201a", -1.5f, bad_type ? 9 : 1);
    pb_piece(w, "<0x0A>", 0.0f, 6);
    pb_varint(&t, 40 << 3); pb_varint(&t, 0);                       /* unk_id */
    pb_varint(&t, 41 << 3); pb_varint(&t, 1);                       /* bos_id */
    pb_varint(&t, 42 << 3); pb_varint(&t, 2);                       /* eos_id */
    pb_varint(&t, 43 << 3); pb_varint(&t, (uint64_t)(int64_t)-1);   /* pad_id: none */
    pb_bytes(w, 2, t.b, t.n);
}
static void test_sentencepiece_arrays(void) {
    hln_model *hf = load_hf("F32"), *g = NULL;
    hln_convert *c = NULL;
    hln_convert_options o;
    hln_error err;
    t_membuf b;
    pbw spm;
    memset(&b, 0, sizeof b);
    if (!hf) { T_SKIP("no corpus"); return; }
    spm_model(&spm, 0);
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_GGUF;
    o.config_json = llama_config; o.config_json_len = strlen(llama_config);
    o.tokenizer_model = spm.b; o.tokenizer_model_len = spm.n;
    T_CHECK(hln_convert_plan(hf, &o, &c, &err) == HLN_OK);
    if (c) T_CHECK(write_as(HLN_FORMAT_GGUF, c, &b, &err) == HLN_OK && parse_as(HLN_FORMAT_GGUF, &b, &g, &err) == HLN_OK);
    if (g) {
        const hln_kv *tokens = hln_model_find_kv(g, "tokenizer.ggml.tokens"), *scores = hln_model_find_kv(g, "tokenizer.ggml.scores"),
                     *types = hln_model_find_kv(g, "tokenizer.ggml.token_type"), *kv;
        hln_kv_iter it;
        hln_kv e;
        int64_t v;
        int k;
        T_CHECK(tokens && tokens->v.a.count == 5 && scores && scores->v.a.type == HLN_KV_F32 && types && types->v.a.count == 5);
        if (tokens && scores && types) {
            static const int want_type[] = { 2, 3, 3, 1, 6 };
            hln_kv_iter_init(&it, &tokens->v.a);
            for (k = 0; k < 4; k++) T_CHECK(hln_kv_iter_next(&it, &e));
            T_CHECK(e.v.s.len == 4 && memcmp(e.v.s.ptr, "\xe2\x96\201a", 4) == 0);
            hln_kv_iter_init(&it, &scores->v.a);
            for (k = 0; k < 4; k++) T_CHECK(hln_kv_iter_next(&it, &e));
            T_CHECK(e.v.f == -1.5);
            hln_kv_iter_init(&it, &types->v.a);
            for (k = 0; k < 5 && hln_kv_iter_next(&it, &e); k++) T_CHECKF(e.v.i == want_type[k], "type %d", k);
        }
        kv = hln_model_find_kv(g, "tokenizer.ggml.model");
        T_CHECK(kv && kv->v.s.len == 5 && memcmp(kv->v.s.ptr, "llama", 5) == 0);
        kv = hln_model_find_kv(g, "tokenizer.ggml.eos_token_id");
        T_CHECK(kv && hln_kv_as_i64(kv, &v) && v == 2);
        T_CHECK(hln_model_find_kv(g, "tokenizer.ggml.padding_token_id") == NULL);   /* -1: none */
    }
    hln_model_free(g); hln_convert_free(c); free(b.p);
    /* a piece type outside 1..6, and a truncated message: refused */
    spm_model(&spm, 1);
    o.tokenizer_model_len = spm.n;
    c = NULL;
    T_CHECK(hln_convert_plan(hf, &o, &c, &err) == HLN_ERR_RANGE && !c);
    spm_model(&spm, 0);
    o.tokenizer_model_len = spm.n - 3;
    T_CHECK(hln_convert_plan(hf, &o, &c, &err) != HLN_OK && !c);
    hln_model_free(hf);
}

/* ---- hostile side files: refused while planning (before any output) ---- */
static int verbose_errors(void) { const char *v = getenv("HLN_CONVERT_VERBOSE"); return v && *v == '1'; }
static void expect_refused(const hln_model *hf, const char *config, const char *tok, hln_result want, const char *what) {
    hln_convert *c = NULL;
    hln_error err;
    hln_result r;
    memset(&err, 0, sizeof err);
    r = plan_text(hf, HLN_FORMAT_GGUF, config, tok, NULL, &c, &err);
    T_CHECKF(r != HLN_OK && !c && (want == HLN_OK || r == want), "%s: got %d (%s)", what, (int)r, err.message);
    if (verbose_errors()) fprintf(stderr, "    %s: %s\n", what, err.message);
    hln_convert_free(c);
}

static void test_hostile_side_files(void) {
    hln_model *hf = load_hf("F16");
    char cfg[2048], deep[600];
    int k;
    if (!hf) { T_SKIP("no corpus"); return; }
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"hidden_size\":128,\"num_attention_heads\":4,\"num_key_value_heads\":3,\"num_hidden_layers\":2}");
    expect_refused(hf, cfg, NULL, HLN_ERR_RANGE, "KV heads that do not divide the heads");
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"hidden_size\":130,\"num_attention_heads\":4,\"num_hidden_layers\":2}");
    expect_refused(hf, cfg, NULL, HLN_ERR_RANGE, "hidden size not a multiple of the heads");
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"hidden_size\":128,\"num_attention_heads\":4,\"head_dim\":16,\"num_hidden_layers\":2}");
    expect_refused(hf, cfg, NULL, HLN_ERR_RANGE, "heads that disagree with the q_proj rows");
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"hidden_size\":10000000000,\"num_attention_heads\":4,\"num_hidden_layers\":2}");
    expect_refused(hf, cfg, NULL, HLN_ERR_LIMIT, "a 10 G hidden size");
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"hidden_size\":128,\"num_attention_heads\":4,\"num_hidden_layers\":2,\"vocab_size\":99999999999999999999999}");
    expect_refused(hf, cfg, NULL, HLN_ERR_OVERFLOW, "a vocabulary size beyond 64 bits");
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"hidden_size\":128,\"num_attention_heads\":4,\"num_hidden_layers\":2,\"rope_theta\":-1}");
    expect_refused(hf, cfg, NULL, HLN_ERR_RANGE, "a negative rope_theta");
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"gpt2\",\"hidden_size\":128,\"num_attention_heads\":4,\"num_hidden_layers\":2}");
    expect_refused(hf, cfg, NULL, HLN_ERR_UNSUPPORTED, "an architecture outside the llama family");
    for (k = 0; k < 200; k++) deep[k] = '[';
    deep[k] = 0;
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"llama\",\"x\":%s", deep);
    expect_refused(hf, cfg, NULL, HLN_ERR_LIMIT, "JSON nested 200 deep");
    expect_refused(hf, "{\"model_type\":\"llama\",", NULL, HLN_ERR_SYNTAX, "truncated JSON");
    expect_refused(hf, "{\"model_type\":\"llama\",\"hidden_size\":128,\"hidden_size\":128}", NULL, HLN_ERR_DUPLICATE, "a key twice");
    expect_refused(hf, llama_config,
                   "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1},\"merges\":[\"a zz\"]}}", HLN_ERR_RANGE,
                   "a merge naming a missing token");
    expect_refused(hf, llama_config, "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":10000000000}}}", HLN_ERR_LIMIT,
                   "a token id of 10 G");
    expect_refused(hf, llama_config, "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":400}}}", HLN_ERR_RANGE,
                   "more tokens than the embedding has rows");
    expect_refused(hf, llama_config, "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":0}}}", HLN_ERR_DUPLICATE,
                   "two tokens with one id");
    expect_refused(hf, llama_config, "{\"model\":{\"type\":\"Unigram\",\"vocab\":[]}}", HLN_ERR_UNSUPPORTED, "a Unigram tokenizer");
    hln_model_free(hf);
}

/* The writers check what a bytes callback wrote. */
static hln_result short_bytes(void *user, const hln_model *m, uint32_t i, hln_write_fn w, void *wu, hln_error *err) {
    (void)user; (void)err;
    return w(wu, m->tensors[i].data, (size_t)m->tensors[i].n_bytes - 1) ? HLN_OK : HLN_ERR_IO;
}
static void test_writers_check_callback_bytes(void) {
    hln_model *hf = load_hf("F32");
    hln_error err;
    t_membuf b;
    if (!hf) { T_SKIP("no corpus"); return; }
    memset(&b, 0, sizeof b);
    T_CHECK(hln_gguf_write_from(hf, short_bytes, NULL, t_mem_write, &b, &err) == HLN_ERR_ARG);
    free(b.p);
    memset(&b, 0, sizeof b);
    T_CHECK(hln_st_write_from(hf, short_bytes, NULL, t_mem_write, &b, &err) == HLN_ERR_ARG);
    free(b.p);
    hln_model_free(hf);
}

/* ---- MoE, phi3 and Gemma layouts (synthetic Hugging Face checkpoints) ---- */
typedef struct syn_t { const char *name; int64_t d0, d1; } syn_t;   /* d1 0: 1-D */

/* A SafeTensors file of dtype ("F32", "F16", "BF16") with pseudo-random values (norms near 0). */
static void st_build(t_membuf *b, const syn_t *ts, int n, const char *dtype, unsigned seed) {
    char *hdr = (char *)malloc(65536);
    size_t hl = 0, es = strcmp(dtype, "F32") == 0 ? 4 : 2, data = 0, at, k;
    int i;
    unsigned x = seed * 2654435761u + 1;
    hl += (size_t)snprintf(hdr + hl, 65536 - hl, "{");
    for (i = 0; i < n; i++) {
        size_t ne = (size_t)ts[i].d0 * (size_t)(ts[i].d1 ? ts[i].d1 : 1);
        if (ts[i].d1) hl += (size_t)snprintf(hdr + hl, 65536 - hl, "%s\"%s\":{\"dtype\":\"%s\",\"shape\":[%lld,%lld],\"data_offsets\":[%zu,%zu]}",
                                           i ? "," : "", ts[i].name, dtype, (long long)ts[i].d0, (long long)ts[i].d1, data, data + ne * es);
        else hl += (size_t)snprintf(hdr + hl, 65536 - hl, "%s\"%s\":{\"dtype\":\"%s\",\"shape\":[%lld],\"data_offsets\":[%zu,%zu]}",
                                    i ? "," : "", ts[i].name, dtype, (long long)ts[i].d0, data, data + ne * es);
        data += ne * es;
    }
    hl += (size_t)snprintf(hdr + hl, 65536 - hl, "}");
    while (hl % 8) hdr[hl++] = ' ';
    memset(b, 0, sizeof *b);
    b->n = b->cap = 8 + hl + data;
    b->p = (unsigned char *)malloc(b->n);
    for (k = 0; k < 8; k++) b->p[k] = (unsigned char)((uint64_t)hl >> (8 * k));
    memcpy(b->p + 8, hdr, hl);
    at = 8 + hl;
    for (i = 0; i < n; i++) {
        size_t ne = (size_t)ts[i].d0 * (size_t)(ts[i].d1 ? ts[i].d1 : 1);
        for (k = 0; k < ne; k++, at += es) {
            float v;
            uint32_t u;
            x = x * 1664525u + 1013904223u;
            v = ((float)(x >> 8) / 16777216.0f - 0.5f) * (ts[i].d1 ? 0.2f : 0.5f);
            memcpy(&u, &v, 4);
            if (es == 4) { b->p[at] = (unsigned char)u; b->p[at + 1] = (unsigned char)(u >> 8); b->p[at + 2] = (unsigned char)(u >> 16); b->p[at + 3] = (unsigned char)(u >> 24); }
            else {
                uint16_t h = strcmp(dtype, "F16") == 0 ? hln_k_fp32_to_fp16(v) : (uint16_t)(u >> 16);
                b->p[at] = (unsigned char)h; b->p[at + 1] = (unsigned char)(h >> 8);
            }
        }
    }
    free(hdr);
}

/* Same tensors by name (any order): dtype, dims and bytes. */
static int same_by_name(const hln_model *a, const hln_model *b) {
    uint32_t i;
    if (a->n_tensors != b->n_tensors) { fprintf(stderr, "  tensors %u != %u\n", a->n_tensors, b->n_tensors); return 0; }
    for (i = 0; i < a->n_tensors; i++) {
        const hln_tensor *s = &a->tensors[i], *t;
        int64_t j = hln_model_find_tensor(b, s->name);
        if (j < 0) { fprintf(stderr, "  '%s' missing\n", s->name); return 0; }
        t = &b->tensors[j];
        if (s->dtype != t->dtype || s->n_dims != t->n_dims || s->n_bytes != t->n_bytes ||
            memcmp(s->dims, t->dims, s->n_dims * sizeof(int64_t)) != 0 || memcmp(s->data, t->data, (size_t)s->n_bytes) != 0) {
            fprintf(stderr, "  '%s' differs\n", s->name);
            return 0;
        }
    }
    return 1;
}

static int has_dims(const hln_model *m, const char *name, uint32_t nd, int64_t d0, int64_t d1, int64_t d2) {
    int64_t i = hln_model_find_tensor(m, name);
    const hln_tensor *t;
    if (i < 0) { fprintf(stderr, "  no '%s'\n", name); return 0; }
    t = &m->tensors[i];
    if (t->n_dims != nd || t->dims[0] != d0 || (nd > 1 && t->dims[1] != d1) || (nd > 2 && t->dims[2] != d2)) {
        fprintf(stderr, "  '%s' has other dims\n", name);
        return 0;
    }
    return 1;
}
static int arch_is(const hln_model *m, const char *arch) {
    const hln_kv *a = hln_model_find_kv(m, "general.architecture");
    return a && a->type == HLN_KV_STRING && strcmp(a->v.s.ptr, arch) == 0;
}
static int64_t kv_int(const hln_model *m, const char *key) {
    const hln_kv *kv = hln_model_find_kv(m, key);
    int64_t v;
    return kv && hln_kv_as_i64(kv, &v) ? v : -1;
}

/* HF -> GGUF (checked by `check`) -> HF (back_dtype) -> the original tensors by name, and the
   config.json written for it contains `cfg_has`. */
static void hf_layout_roundtrip(const syn_t *ts, int n, const char *dtype, const char *config, hln_dtype back_dtype,
                                void (*check)(const hln_model *hf, const hln_model *gguf), const char *cfg_has) {
    t_membuf in, g, s, cj;
    hln_model *hf = NULL, *gguf = NULL, *back = NULL;
    hln_convert *c = NULL, *c2 = NULL;
    hln_convert_options o;
    hln_st_options so;
    hln_error err;
    memset(&g, 0, sizeof g); memset(&s, 0, sizeof s); memset(&cj, 0, sizeof cj);
    memset(&so, 0, sizeof so);
    st_build(&in, ts, n, dtype, 7);
    T_CHECK(hln_st_parse(&so, in.p, in.n, &hf, &err) == HLN_OK);
    if (hf) T_CHECKF(plan_text(hf, HLN_FORMAT_GGUF, config, NULL, NULL, &c, &err) == HLN_OK, "%s", err.message);
    if (c) {
        T_CHECK(write_as(HLN_FORMAT_GGUF, c, &g, &err) == HLN_OK);
        T_CHECK(parse_as(HLN_FORMAT_GGUF, &g, &gguf, &err) == HLN_OK);
    }
    if (gguf) {
        check(hf, gguf);
        memset(&o, 0, sizeof o);
        o.to = HLN_FORMAT_SAFETENSORS;
        o.dtype = back_dtype;
        T_CHECKF(hln_convert_plan(gguf, &o, &c2, &err) == HLN_OK, "%s", err.message);
    }
    if (c2) {
        T_CHECK(write_as(HLN_FORMAT_SAFETENSORS, c2, &s, &err) == HLN_OK);
        T_CHECK(parse_as(HLN_FORMAT_SAFETENSORS, &s, &back, &err) == HLN_OK);
        if (back) T_CHECK(same_by_name(hf, back));
        T_CHECK(hln_convert_config_json(c2, t_mem_write, &cj, &err) == HLN_OK);
        T_CHECKF(cj.n && t_mem_write(&cj, "", 1) && strstr((const char *)cj.p, cfg_has), "%s", cj.p ? (const char *)cj.p : "");
    }
    hln_model_free(back); hln_convert_free(c2); hln_model_free(gguf); hln_convert_free(c); hln_model_free(hf);
    free(in.p); free(g.p); free(s.p); free(cj.p);
}

/* Mixtral: 2 layers, 4 experts (written in reverse order), 64 wide, experts 128 wide. */
static syn_t mixtral_ts[64];
static int mixtral_n;
static void mixtral_tensors(int drop_expert) {
    static char names[64][96];
    int l, e, w, n = 0;
    static const char *const attn[] = { "input_layernorm", "post_attention_layernorm" };
    mixtral_ts[n++] = (syn_t){ "model.embed_tokens.weight", 32, 64 };
    mixtral_ts[n++] = (syn_t){ "model.norm.weight", 64, 0 };
    mixtral_ts[n++] = (syn_t){ "lm_head.weight", 32, 64 };
    for (l = 0; l < 2; l++) {
        for (w = 0; w < 2; w++) { snprintf(names[n], 96, "model.layers.%d.%s.weight", l, attn[w]); mixtral_ts[n] = (syn_t){ names[n], 64, 0 }; n++; }
        snprintf(names[n], 96, "model.layers.%d.self_attn.q_proj.weight", l); mixtral_ts[n] = (syn_t){ names[n], 64, 64 }; n++;
        snprintf(names[n], 96, "model.layers.%d.self_attn.k_proj.weight", l); mixtral_ts[n] = (syn_t){ names[n], 32, 64 }; n++;
        snprintf(names[n], 96, "model.layers.%d.self_attn.v_proj.weight", l); mixtral_ts[n] = (syn_t){ names[n], 32, 64 }; n++;
        snprintf(names[n], 96, "model.layers.%d.self_attn.o_proj.weight", l); mixtral_ts[n] = (syn_t){ names[n], 64, 64 }; n++;
        snprintf(names[n], 96, "model.layers.%d.block_sparse_moe.gate.weight", l); mixtral_ts[n] = (syn_t){ names[n], 4, 64 }; n++;
        for (e = 3; e >= 0; e--)
            for (w = 1; w <= 3; w++) {
                if (l == 1 && e == drop_expert && w == 2) continue;
                snprintf(names[n], 96, "model.layers.%d.block_sparse_moe.experts.%d.w%d.weight", l, e, w);
                mixtral_ts[n] = w == 2 ? (syn_t){ names[n], 64, 128 } : (syn_t){ names[n], 128, 64 };
                n++;
            }
    }
    mixtral_n = n;
}
static const char *mixtral_config =
    "{\"model_type\":\"mixtral\",\"hidden_size\":64,\"intermediate_size\":128,\"num_attention_heads\":4,"
    "\"num_key_value_heads\":2,\"num_hidden_layers\":2,\"num_local_experts\":4,\"num_experts_per_tok\":2,"
    "\"rms_norm_eps\":1e-05,\"rope_theta\":1000000.0,\"max_position_embeddings\":4096}";

static void check_mixtral(const hln_model *hf, const hln_model *g) {
    int64_t i, e;
    T_CHECK(arch_is(g, "llama"));
    T_EQ_I64(kv_int(g, "llama.expert_count"), 4);
    T_EQ_I64(kv_int(g, "llama.expert_used_count"), 2);
    T_EQ_U64(g->n_tensors, 3 + 2 * 10);   /* 24 expert matrices per layer became 3 */
    T_CHECK(has_dims(g, "blk.1.ffn_gate_exps.weight", 3, 4, 128, 64));
    T_CHECK(has_dims(g, "blk.1.ffn_down_exps.weight", 3, 4, 64, 128));
    T_CHECK(has_dims(g, "blk.0.ffn_up_exps.weight", 3, 4, 128, 64));
    T_CHECK(has_dims(g, "blk.0.ffn_gate_inp.weight", 2, 4, 64, 0));
    /* the stack is the experts' bytes in expert order */
    i = hln_model_find_tensor(g, "blk.1.ffn_down_exps.weight");
    for (e = 0; i >= 0 && e < 4; e++) {
        char n[96];
        int64_t j;
        snprintf(n, sizeof n, "model.layers.1.block_sparse_moe.experts.%d.w2.weight", (int)e);
        j = hln_model_find_tensor(hf, n);
        T_CHECK(j >= 0 && memcmp((const uint8_t *)g->tensors[i].data + e * hf->tensors[j].n_bytes, hf->tensors[j].data,
                                 (size_t)hf->tensors[j].n_bytes) == 0);
    }
}
static void test_mixtral_experts(void) {
    mixtral_tensors(-1);
    hf_layout_roundtrip(mixtral_ts, mixtral_n, "BF16", mixtral_config, HLN_DTYPE_UNKNOWN, check_mixtral, "\"num_local_experts\": 4");
}

/* Qwen2-MoE: experts under mlp.experts, a shared expert and its gate. */
static void check_qwen2moe(const hln_model *hf, const hln_model *g) {
    (void)hf;
    T_CHECK(arch_is(g, "qwen2moe"));
    T_EQ_I64(kv_int(g, "qwen2moe.expert_count"), 2);
    T_EQ_I64(kv_int(g, "qwen2moe.expert_feed_forward_length"), 32);
    T_EQ_I64(kv_int(g, "qwen2moe.expert_shared_feed_forward_length"), 96);
    T_CHECK(has_dims(g, "blk.0.ffn_gate_exps.weight", 3, 2, 32, 64));
    T_CHECK(has_dims(g, "blk.0.ffn_down_exps.weight", 3, 2, 64, 32));
    T_CHECK(has_dims(g, "blk.0.ffn_up_shexp.weight", 2, 96, 64, 0));
    T_CHECK(has_dims(g, "blk.0.ffn_gate_inp_shexp.weight", 2, 1, 64, 0));
    T_CHECK(has_dims(g, "blk.0.ffn_gate_inp.weight", 2, 2, 64, 0));
}
static void test_qwen2moe_experts(void) {
    static const syn_t ts[] = {
        { "model.embed_tokens.weight", 32, 64 }, { "model.norm.weight", 64, 0 }, { "lm_head.weight", 32, 64 },
        { "model.layers.0.input_layernorm.weight", 64, 0 }, { "model.layers.0.post_attention_layernorm.weight", 64, 0 },
        { "model.layers.0.self_attn.q_proj.weight", 64, 64 }, { "model.layers.0.self_attn.q_proj.bias", 64, 0 },
        { "model.layers.0.self_attn.k_proj.weight", 64, 64 }, { "model.layers.0.self_attn.v_proj.weight", 64, 64 },
        { "model.layers.0.self_attn.o_proj.weight", 64, 64 }, { "model.layers.0.mlp.gate.weight", 2, 64 },
        { "model.layers.0.mlp.experts.0.gate_proj.weight", 32, 64 }, { "model.layers.0.mlp.experts.0.up_proj.weight", 32, 64 },
        { "model.layers.0.mlp.experts.0.down_proj.weight", 64, 32 }, { "model.layers.0.mlp.experts.1.gate_proj.weight", 32, 64 },
        { "model.layers.0.mlp.experts.1.up_proj.weight", 32, 64 }, { "model.layers.0.mlp.experts.1.down_proj.weight", 64, 32 },
        { "model.layers.0.mlp.shared_expert.gate_proj.weight", 96, 64 }, { "model.layers.0.mlp.shared_expert.up_proj.weight", 96, 64 },
        { "model.layers.0.mlp.shared_expert.down_proj.weight", 64, 96 }, { "model.layers.0.mlp.shared_expert_gate.weight", 1, 64 },
    };
    hf_layout_roundtrip(ts, (int)(sizeof ts / sizeof ts[0]), "F32",
                        "{\"model_type\":\"qwen2_moe\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_key_value_heads\":4,"
                        "\"num_hidden_layers\":1,\"num_experts\":2,\"num_experts_per_tok\":1,\"moe_intermediate_size\":32,"
                        "\"shared_expert_intermediate_size\":96,\"intermediate_size\":96}",
                        HLN_DTYPE_UNKNOWN, check_qwen2moe, "\"model_type\": \"qwen2_moe\"");
}

/* phi3: qkv_proj and gate_up_proj stay fused (attn_qkv, ffn_up with 2 x intermediate rows). */
static void check_phi3(const hln_model *hf, const hln_model *g) {
    (void)hf;
    T_CHECK(arch_is(g, "phi3"));
    T_CHECK(has_dims(g, "blk.0.attn_qkv.weight", 2, 192, 64, 0));
    T_CHECK(has_dims(g, "blk.0.ffn_up.weight", 2, 256, 64, 0));
    T_CHECK(hln_model_find_tensor(g, "blk.0.ffn_gate.weight") < 0);
    T_EQ_I64(kv_int(g, "phi3.rope.scaling.original_context_length"), 4096);
    T_EQ_I64(kv_int(g, "phi3.feed_forward_length"), 128);
}
static const syn_t phi3_ts[] = {
    { "model.embed_tokens.weight", 32, 64 }, { "model.norm.weight", 64, 0 }, { "lm_head.weight", 32, 64 },
    { "model.layers.0.input_layernorm.weight", 64, 0 }, { "model.layers.0.post_attention_layernorm.weight", 64, 0 },
    { "model.layers.0.self_attn.qkv_proj.weight", 192, 64 }, { "model.layers.0.self_attn.o_proj.weight", 64, 64 },
    { "model.layers.0.mlp.gate_up_proj.weight", 256, 64 }, { "model.layers.0.mlp.down_proj.weight", 64, 128 },
};
static void test_phi3_fused(void) {
    hf_layout_roundtrip(phi3_ts, (int)(sizeof phi3_ts / sizeof phi3_ts[0]), "F16",
                        "{\"model_type\":\"phi3\",\"hidden_size\":64,\"intermediate_size\":128,\"num_attention_heads\":4,"
                        "\"num_key_value_heads\":4,\"num_hidden_layers\":1,\"max_position_embeddings\":4096,"
                        "\"original_max_position_embeddings\":4096,\"rope_scaling\":null}",
                        HLN_DTYPE_UNKNOWN, check_phi3, "\"Phi3ForCausalLM\"");
}

static double kv_f64(const hln_model *m, const char *key) {
    const hln_kv *kv = hln_model_find_kv(m, key);
    double v;
    return kv && hln_kv_as_f64(kv, &v) ? v : -1;
}
/* phi3 longrope (the 128k models): the factors become rope_factors_long/short (F32, first), the
   attention factor sqrt(1 + ln(131072/4096) / ln 4096); back in GGUF -> SafeTensors they go to
   config.json's rope_scaling, not to tensors. */
static const float phi3_long[8] = { 1.25f, 1.75f, 2.25f, 3.5f, 7.125f, 12.0f, 30.5f, 64.0f };
static void check_phi3_longrope(const hln_model *hf, const hln_model *g) {
    int f, k, ok = 1;
    check_phi3(hf, g);
    for (f = 0; f < 2; f++) {
        const hln_tensor *t = &g->tensors[f];
        T_CHECK(strcmp(t->name, f ? "rope_factors_short.weight" : "rope_factors_long.weight") == 0 &&
                t->dtype == HLN_DTYPE_F32 && t->n_dims == 1 && t->dims[0] == 8);
        for (k = 0; k < 8 && t->dims[0] == 8; k++)
            ok &= t_le_f32((const unsigned char *)t->data + 4 * k) == (f ? 1.0f + 0.125f * (float)k : phi3_long[k]);
    }
    T_CHECK(ok);
    T_CHECK(kv_f64(g, "phi3.rope.scaling.attn_factor") == (double)(float)sqrt(1.0 + log(131072.0 / 4096.0) / log(4096.0)));
    T_EQ_I64(kv_int(g, "phi3.attention.sliding_window"), 262144);
    T_EQ_I64(kv_int(g, "phi3.context_length"), 131072);
}
static void test_phi3_longrope(void) {
    hf_layout_roundtrip(phi3_ts, (int)(sizeof phi3_ts / sizeof phi3_ts[0]), "F16",
                        "{\"model_type\":\"phi3\",\"hidden_size\":64,\"intermediate_size\":128,\"num_attention_heads\":4,"
                        "\"num_key_value_heads\":4,\"num_hidden_layers\":1,\"max_position_embeddings\":131072,"
                        "\"original_max_position_embeddings\":4096,\"sliding_window\":262144,\"rope_scaling\":{\"type\":\"longrope\","
                        "\"long_factor\":[1.25,1.75,2.25,3.5,7.125,12.0,30.5,64.0],"
                        "\"short_factor\":[1.0,1.125,1.25,1.375,1.5,1.625,1.75,1.875]}}",
                        HLN_DTYPE_UNKNOWN, check_phi3_longrope,
                        "\"rope_scaling\": {\n    \"type\": \"longrope\",\n    \"long_factor\": [1.25,1.75,2.25,3.5,7.125,12,30.5,64],\n"
                        "    \"short_factor\": [1,1.125,1.25,1.375,1.5,1.625,1.75,1.875]\n  }");
}

/* Gemma: norms +1 into F32, no lm_head (tied), key/value length = head_dim. */
static void check_gemma(const hln_model *hf, const hln_model *g) {
    int64_t i = hln_model_find_tensor(g, "blk.0.attn_norm.weight"), j = hln_model_find_tensor(hf, "model.layers.0.input_layernorm.weight");
    int k, ok = 1;
    T_CHECK(arch_is(g, "gemma"));
    T_EQ_I64(kv_int(g, "gemma.attention.key_length"), 16);
    T_EQ_I64(kv_int(g, "gemma.attention.value_length"), 16);
    T_CHECK(hln_model_find_tensor(g, "output.weight") < 0);
    T_CHECK(i >= 0 && j >= 0 && g->tensors[i].dtype == HLN_DTYPE_F32);
    if (i < 0 || j < 0) return;
    for (k = 0; k < 64; k++) {   /* GGUF F32 = HF BF16 value + 1 */
        const unsigned char *b = (const unsigned char *)hf->tensors[j].data + 2 * k;
        uint32_t u = ((uint32_t)b[0] | (uint32_t)b[1] << 8) << 16;
        float h;
        memcpy(&h, &u, 4);
        ok &= t_le_f32((const unsigned char *)g->tensors[i].data + 4 * k) == (float)(h + 1.0f);
    }
    T_CHECK(ok);
}
static void test_gemma_norms(void) {
    static const syn_t ts[] = {
        { "model.embed_tokens.weight", 32, 64 }, { "model.norm.weight", 64, 0 },
        { "model.layers.0.input_layernorm.weight", 64, 0 }, { "model.layers.0.post_attention_layernorm.weight", 64, 0 },
        { "model.layers.0.self_attn.q_proj.weight", 64, 64 }, { "model.layers.0.self_attn.k_proj.weight", 16, 64 },
        { "model.layers.0.self_attn.v_proj.weight", 16, 64 }, { "model.layers.0.self_attn.o_proj.weight", 64, 64 },
        { "model.layers.0.mlp.gate_proj.weight", 128, 64 }, { "model.layers.0.mlp.up_proj.weight", 128, 64 },
        { "model.layers.0.mlp.down_proj.weight", 64, 128 },
    };
    hf_layout_roundtrip(ts, (int)(sizeof ts / sizeof ts[0]), "BF16",
                        "{\"model_type\":\"gemma\",\"hidden_size\":64,\"intermediate_size\":128,\"num_attention_heads\":4,"
                        "\"num_key_value_heads\":1,\"head_dim\":16,\"num_hidden_layers\":1,\"max_position_embeddings\":8192,"
                        "\"rms_norm_eps\":1e-06}",
                        HLN_DTYPE_BF16, check_gemma, "\"tie_word_embeddings\": true");
}

/* Gemma 2 and 3 (text): norms before and after attention and the MLP, each + 1; soft-capping,
   the sliding window and Gemma 3's linear RoPE scaling in the metadata. */
static int norm_plus_one(const hln_model *hf, const char *hf_name, const hln_model *g, const char *g_name) {
    int64_t i = hln_model_find_tensor(g, g_name), j = hln_model_find_tensor(hf, hf_name);
    int k, ok = i >= 0 && j >= 0 && g->tensors[i].dtype == HLN_DTYPE_F32 && g->tensors[i].n_elements == hf->tensors[j].n_elements;
    for (k = 0; ok && k < (int)hf->tensors[j].n_elements; k++) {   /* HF BF16 value + 1 */
        const unsigned char *b = (const unsigned char *)hf->tensors[j].data + 2 * k;
        uint32_t u = ((uint32_t)b[0] | (uint32_t)b[1] << 8) << 16;
        float h;
        memcpy(&h, &u, 4);
        ok = t_le_f32((const unsigned char *)g->tensors[i].data + 4 * k) == (float)(h + 1.0f);
    }
    return ok;
}
#define GEMMA_LAYER0                                                                                                       \
    { "model.embed_tokens.weight", 32, 64 }, { "model.norm.weight", 64, 0 },                                              \
    { "model.layers.0.input_layernorm.weight", 64, 0 }, { "model.layers.0.post_attention_layernorm.weight", 64, 0 },      \
    { "model.layers.0.pre_feedforward_layernorm.weight", 64, 0 },                                                         \
    { "model.layers.0.post_feedforward_layernorm.weight", 64, 0 },                                                        \
    { "model.layers.0.self_attn.q_proj.weight", 64, 64 }, { "model.layers.0.self_attn.k_proj.weight", 16, 64 },           \
    { "model.layers.0.self_attn.v_proj.weight", 16, 64 }, { "model.layers.0.self_attn.o_proj.weight", 64, 64 },           \
    { "model.layers.0.mlp.gate_proj.weight", 128, 64 }, { "model.layers.0.mlp.up_proj.weight", 128, 64 },                 \
    { "model.layers.0.mlp.down_proj.weight", 64, 128 }
static const syn_t gemma2_ts[] = { GEMMA_LAYER0 };
static const syn_t gemma3_ts[] = { GEMMA_LAYER0, { "model.layers.0.self_attn.q_norm.weight", 16, 0 },
                                   { "model.layers.0.self_attn.k_norm.weight", 16, 0 } };
static void check_gemma_norms(const hln_model *hf, const hln_model *g) {
    T_CHECK(norm_plus_one(hf, "model.layers.0.input_layernorm.weight", g, "blk.0.attn_norm.weight"));
    T_CHECK(norm_plus_one(hf, "model.layers.0.post_attention_layernorm.weight", g, "blk.0.post_attention_norm.weight"));
    T_CHECK(norm_plus_one(hf, "model.layers.0.pre_feedforward_layernorm.weight", g, "blk.0.ffn_norm.weight"));
    T_CHECK(norm_plus_one(hf, "model.layers.0.post_feedforward_layernorm.weight", g, "blk.0.post_ffw_norm.weight"));
    T_CHECK(norm_plus_one(hf, "model.norm.weight", g, "output_norm.weight"));
    T_CHECK(hln_model_find_tensor(g, "output.weight") < 0);
}
static void check_gemma2(const hln_model *hf, const hln_model *g) {
    T_CHECK(arch_is(g, "gemma2"));
    check_gemma_norms(hf, g);
    T_EQ_U64(g->n_tensors, 13);
    T_EQ_I64(kv_int(g, "gemma2.attention.key_length"), 16);
    T_EQ_I64(kv_int(g, "gemma2.attention.sliding_window"), 4096);
    T_CHECK(kv_f64(g, "gemma2.attn_logit_softcapping") == 50.0 && kv_f64(g, "gemma2.final_logit_softcapping") == 30.0);
    T_CHECK(hln_model_find_kv(g, "gemma2.rope.scaling.type") == NULL);
}
static void check_gemma3(const hln_model *hf, const hln_model *g) {
    T_CHECK(arch_is(g, "gemma3"));
    check_gemma_norms(hf, g);
    T_CHECK(norm_plus_one(hf, "model.layers.0.self_attn.q_norm.weight", g, "blk.0.attn_q_norm.weight"));
    T_CHECK(norm_plus_one(hf, "model.layers.0.self_attn.k_norm.weight", g, "blk.0.attn_k_norm.weight"));
    T_EQ_I64(kv_int(g, "gemma3.attention.sliding_window"), 512);
    T_EQ_I64(kv_int(g, "gemma3.context_length"), 131072);
    T_CHECK(kv_f64(g, "gemma3.rope.freq_base") == 1e6 && kv_f64(g, "gemma3.rope.scaling.factor") == 8.0);
    T_CHECK(hln_model_find_kv(g, "gemma3.attn_logit_softcapping") == NULL);
}
static void test_gemma2_gemma3(void) {
    hf_layout_roundtrip(gemma2_ts, (int)(sizeof gemma2_ts / sizeof gemma2_ts[0]), "BF16",
                        "{\"model_type\":\"gemma2\",\"hidden_size\":64,\"intermediate_size\":128,\"num_attention_heads\":4,"
                        "\"num_key_value_heads\":1,\"head_dim\":16,\"num_hidden_layers\":1,\"max_position_embeddings\":8192,"
                        "\"rms_norm_eps\":1e-06,\"attn_logit_softcapping\":50.0,\"final_logit_softcapping\":30.0,"
                        "\"sliding_window\":4096,\"query_pre_attn_scalar\":16}",
                        HLN_DTYPE_BF16, check_gemma2, "\"attn_logit_softcapping\": 50.0,\n  \"final_logit_softcapping\": 30.0,\n  \"sliding_window\": 4096");
    hf_layout_roundtrip(gemma3_ts, (int)(sizeof gemma3_ts / sizeof gemma3_ts[0]), "BF16",
                        "{\"model_type\":\"gemma3_text\",\"hidden_size\":64,\"intermediate_size\":128,\"num_attention_heads\":4,"
                        "\"num_key_value_heads\":1,\"head_dim\":16,\"num_hidden_layers\":1,\"rms_norm_eps\":1e-06,"
                        "\"sliding_window\":512,\"sliding_window_pattern\":6,\"final_logit_softcapping\":null,"
                        "\"rope_scaling\":{\"factor\":8.0,\"rope_type\":\"linear\"}}",
                        HLN_DTYPE_BF16, check_gemma3, "\"rope_scaling\": {\n    \"rope_type\": \"linear\",\n    \"factor\": 8.0\n  }");
}

/* A llama 3 rope_scaling is not converted: the plan says so (lost), it does not drop it silently. */
static void test_rope_scaling_reported(void) {
    static const syn_t ts[] = {
        { "model.embed_tokens.weight", 32, 64 }, { "model.norm.weight", 64, 0 }, { "lm_head.weight", 32, 64 },
        { "model.layers.0.input_layernorm.weight", 64, 0 }, { "model.layers.0.post_attention_layernorm.weight", 64, 0 },
        { "model.layers.0.self_attn.q_proj.weight", 64, 64 }, { "model.layers.0.self_attn.k_proj.weight", 64, 64 },
        { "model.layers.0.self_attn.v_proj.weight", 64, 64 }, { "model.layers.0.self_attn.o_proj.weight", 64, 64 },
        { "model.layers.0.mlp.gate_proj.weight", 128, 64 }, { "model.layers.0.mlp.up_proj.weight", 128, 64 },
        { "model.layers.0.mlp.down_proj.weight", 64, 128 },
    };
    static const char *const cfg[2] = {
        "{\"model_type\":\"llama\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,\"intermediate_size\":128}",
        "{\"model_type\":\"llama\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,\"intermediate_size\":128,"
        "\"rope_scaling\":{\"factor\":8.0,\"low_freq_factor\":1.0,\"high_freq_factor\":4.0,\"rope_type\":\"llama3\"}}" };
    t_membuf in;
    hln_model *hf = NULL;
    hln_st_options so;
    hln_error err;
    int k;
    memset(&so, 0, sizeof so);
    st_build(&in, ts, (int)(sizeof ts / sizeof ts[0]), "F32", 5);
    T_CHECK(hln_st_parse(&so, in.p, in.n, &hf, &err) == HLN_OK);
    for (k = 0; hf && k < 2; k++) {
        hln_convert *c = NULL;
        uint32_t i, lost = 0;
        T_CHECKF(plan_text(hf, HLN_FORMAT_GGUF, cfg[k], NULL, NULL, &c, &err) == HLN_OK, "%s", err.message);
        for (i = 0; c && i < c->n_lost; i++) lost += strstr(c->lost[i], "rope_scaling") != NULL;
        T_EQ_U64(lost, (uint64_t)k);
        hln_convert_free(c);
    }
    hln_model_free(hf);
    free(in.p);
}

/* Lying MoE checkpoints and configs: refused at planning, nothing written. */
static void expect_layout_refused(const syn_t *ts, int n, const char *config, const char *msg) {
    t_membuf in;
    hln_model *hf = NULL;
    hln_convert *c = NULL;
    hln_st_options so;
    hln_error err;
    memset(&so, 0, sizeof so);
    st_build(&in, ts, n, "F32", 3);
    T_CHECK(hln_st_parse(&so, in.p, in.n, &hf, &err) == HLN_OK);
    if (hf) {
        T_CHECKF(plan_text(hf, HLN_FORMAT_GGUF, config, NULL, NULL, &c, &err) != HLN_OK && !c, "%s", msg);
        T_CHECKF(strstr(err.message, msg) != NULL, "'%s' not in '%s'", msg, err.message);
    }
    hln_convert_free(c);
    hln_model_free(hf);
    free(in.p);
}
static void test_moe_hostile(void) {
    char cfg[1024];
    mixtral_tensors(2);   /* layer 1 lacks expert 2's w2 */
    expect_layout_refused(mixtral_ts, mixtral_n, mixtral_config, "3 of 4 experts");
    mixtral_tensors(-1);
    snprintf(cfg, sizeof cfg, "%s", mixtral_config);
    memcpy(strstr(cfg, "\"num_local_experts\":4"), "\"num_local_experts\":3", 21);
    expect_layout_refused(mixtral_ts, mixtral_n, cfg, "expert 3, but config.json says 3 experts");
    memcpy(strstr(cfg, "\"num_local_experts\":3"), "\"num_local_experts\":1", 21);
    expect_layout_refused(mixtral_ts, mixtral_n, cfg, "2 used per token");
    snprintf(cfg, sizeof cfg, "{\"model_type\":\"mixtral\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":2,"
             "\"num_local_experts\":99999,\"num_experts_per_tok\":2}");
    expect_layout_refused(mixtral_ts, mixtral_n, cfg, "at most 1024 experts");
    mixtral_ts[mixtral_n - 1].d0 = 96;   /* one expert narrower than the others */
    expect_layout_refused(mixtral_ts, mixtral_n, mixtral_config, "differ in dtype or shape");
    expect_layout_refused(gemma2_ts, (int)(sizeof gemma2_ts / sizeof gemma2_ts[0]),
                          "{\"model_type\":\"gemma2\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                          "\"head_dim\":16,\"num_key_value_heads\":1,\"rope_scaling\":{\"rope_type\":\"yarn\",\"factor\":4}}",
                          "gemma2 rope_scaling 'yarn' is not converted");
    expect_layout_refused(gemma3_ts, (int)(sizeof gemma3_ts / sizeof gemma3_ts[0]),
                          "{\"model_type\":\"gemma3_text\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                          "\"head_dim\":16,\"num_key_value_heads\":1,\"rope_scaling\":{\"rope_type\":\"linear\",\"factor\":-2}}",
                          "factor must be a positive number");
    expect_layout_refused(phi3_ts, (int)(sizeof phi3_ts / sizeof phi3_ts[0]),
                          "{\"model_type\":\"phi3\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                          "\"rope_scaling\":{\"type\":\"longrope\"}}", "phi3 longrope needs max_position_embeddings");
    expect_layout_refused(phi3_ts, (int)(sizeof phi3_ts / sizeof phi3_ts[0]),
                          "{\"model_type\":\"phi3\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                          "\"max_position_embeddings\":131072,\"original_max_position_embeddings\":4096,"
                          "\"rope_scaling\":{\"type\":\"longrope\",\"long_factor\":[1,2,3],\"short_factor\":[1,2,3]}}",
                          "long_factor and short_factor of 8 values");
    expect_layout_refused(phi3_ts, (int)(sizeof phi3_ts / sizeof phi3_ts[0]),
                          "{\"model_type\":\"phi3\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                          "\"max_position_embeddings\":131072,\"original_max_position_embeddings\":4096,"
                          "\"rope_scaling\":{\"type\":\"longrope\",\"long_factor\":[1,2],\"short_factor\":[1]}}",
                          "arrays of one length");
    expect_layout_refused(phi3_ts, (int)(sizeof phi3_ts / sizeof phi3_ts[0]),
                          "{\"model_type\":\"phi3\",\"hidden_size\":64,\"num_attention_heads\":4,\"num_hidden_layers\":1,"
                          "\"max_position_embeddings\":131072,\"original_max_position_embeddings\":4096,"
                          "\"rope_scaling\":{\"type\":\"yarn\",\"factor\":4}}", "phi3 rope_scaling 'yarn' is not converted");
}

/* ---- ONNX -> ONNX: the writer ---- */
static hln_result onnx_write(const hln_convert *c, t_membuf *out, hln_error *err) {
    memset(out, 0, sizeof *out);
    return hln_onnx_write_from(c->src, c->out, hln_convert_tensor_bytes, (void *)c, t_mem_write, out, err);
}
static hln_model *load_onnx(const char *name) {
    char path[1024];
    hln_model *m = NULL;
    hln_onnx_options oo;
    hln_error err;
    memset(&oo, 0, sizeof oo);
    snprintf(path, sizeof path, "%s/onnx/generated/%s", t_corpus(), name);
    if (hln_onnx_load_file(&oo, path, &m, &err) != HLN_OK) return NULL;
    return m;
}
static hln_result plan_onnx(const hln_model *m, hln_dtype dtype, const char *external, hln_convert **c, hln_error *err) {
    hln_convert_options o;
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_ONNX;
    o.dtype = dtype;
    o.external_data = external;
    return hln_convert_plan(m, &o, c, err);
}

/* Nothing asked: the model comes out byte for byte. */
static void test_onnx_copy_identical(void) {
    static const char *const names[] = { "tiny_gpt2.onnx", "transformer_encoder_2l.onnx", "nested_control_flow.onnx",
                                         "features_mix.onnx", "qdq_convnet.onnx" };
    size_t k;
    int seen = 0;
    for (k = 0; k < sizeof names / sizeof names[0]; k++) {
        hln_model *m = load_onnx(names[k]);
        hln_convert *c = NULL;
        hln_error err;
        t_membuf b;
        if (!m) continue;
        seen++;
        memset(&b, 0, sizeof b);
        T_CHECKF(plan_onnx(m, HLN_DTYPE_UNKNOWN, NULL, &c, &err) == HLN_OK, "%s: %s", names[k], err.message);
        if (c) {
            T_CHECK(c->n_lossy == 0 && c->total_bytes == 0);
            T_CHECK(onnx_write(c, &b, &err) == HLN_OK);
            T_CHECKF(b.n == m->files[0].size && memcmp(b.p, m->files[0].data, b.n) == 0, "%s", names[k]);
        }
        hln_convert_free(c);
        hln_model_free(m);
        free(b.p);
    }
    if (!seen) T_SKIP("no ONNX corpus");
}

/* --dtype F16: float32 initializers become float16 under a new name with a Cast back; the
   graph's nodes, inputs and outputs are otherwise the same; the values are the kernels' fp16. */
static void test_onnx_fp16_casts(void) {
    hln_model *m = load_onnx("transformer_encoder_2l.onnx"), *back = NULL;
    hln_convert *c = NULL;
    hln_onnx_options oo;
    hln_error err;
    t_membuf b;
    uint32_t i, casts = 0, f32 = 0;
    if (!m) { T_SKIP("no ONNX corpus"); return; }
    memset(&b, 0, sizeof b);
    memset(&oo, 0, sizeof oo);
    T_CHECKF(plan_onnx(m, HLN_DTYPE_F16, NULL, &c, &err) == HLN_OK, "%s", err.message);
    if (c) {
        T_CHECK(onnx_write(c, &b, &err) == HLN_OK);
        T_CHECK(hln_onnx_parse(&oo, b.p, b.n, &back, &err) == HLN_OK);
    }
    if (back) {
        const hln_graph *g = m->graph, *h = back->graph;
        for (i = 0; i < h->n_nodes; i++) casts += strcmp(h->nodes[i].op_type, "Cast") == 0 && strstr(h->nodes[i].name, "_hln_cast") != NULL;
        for (i = 0; i < m->n_tensors; i++) f32 += c->tensors[i].lossy;
        T_CHECK(f32 > 0);
        T_EQ_U64(casts, f32);
        T_EQ_U64(h->n_nodes, g->n_nodes + casts);
        T_EQ_U64(h->n_inputs, g->n_inputs);
        T_EQ_U64(h->n_outputs, g->n_outputs);
        for (i = 0; i < g->n_inputs && i < h->n_inputs; i++) {
            T_EQ_STR(h->values[h->inputs[i]].name, g->values[g->inputs[i]].name);
            T_CHECK(h->values[h->inputs[i]].dtype == g->values[g->inputs[i]].dtype);
        }
        for (i = 0; i < g->n_outputs && i < h->n_outputs; i++) {
            T_EQ_STR(h->values[h->outputs[i]].name, g->values[g->outputs[i]].name);
            T_CHECK(h->values[h->outputs[i]].dtype == g->values[g->outputs[i]].dtype);
        }
        T_EQ_U64(back->n_tensors, m->n_tensors);
        for (i = 0; i < m->n_tensors && i < back->n_tensors; i++) {
            const hln_tensor *s = &m->tensors[i], *t = &back->tensors[i];
            if (c->tensors[i].lossy) {
                uint64_t k;
                int ok = t->dtype == HLN_DTYPE_F16 && t->n_elements == s->n_elements;
                for (k = 0; ok && k < s->n_elements; k++) {
                    uint16_t h16 = hln_k_fp32_to_fp16(t_le_f32((const unsigned char *)s->data + 4 * k));
                    const unsigned char *p = (const unsigned char *)t->data + 2 * k;
                    ok = (uint16_t)(p[0] | p[1] << 8) == h16;
                }
                T_CHECKF(ok, "%s", s->name ? s->name : "");
                T_CHECK(t->name && s->name && strncmp(t->name, s->name, strlen(s->name)) == 0 && strstr(t->name, "_hln_fp16"));
            } else T_CHECK(s->dtype == t->dtype && s->n_bytes == t->n_bytes && (!s->n_bytes || memcmp(s->data, t->data, (size_t)s->n_bytes) == 0));
        }
    }
    hln_model_free(back);
    hln_convert_free(c);
    hln_model_free(m);
    free(b.p);
}

/* Inline -> external data -> inline gives the same bytes; the external file holds each
   tensor's bytes at its offset; a model with external data comes inline with the same values. */
static int write_file(const char *path, const t_membuf *b) {
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(b->p, 1, b->n, f) == b->n;
    if (f && fclose(f) != 0) ok = 0;
    return ok;
}
static void test_onnx_external_roundtrip(void) {
    hln_model *a = load_onnx("tiny_gpt2.onnx"), *b = NULL, *x = NULL, *xi = NULL;
    hln_convert *c = NULL, *c2 = NULL, *c3 = NULL;
    hln_onnx_options oo;
    hln_error err;
    t_membuf model, data, again, inl;
    char dir[] = "/tmp/hln_onnx_extXXXXXX", path[256];
    uint32_t i, external = 0;
    memset(&model, 0, sizeof model); memset(&data, 0, sizeof data); memset(&again, 0, sizeof again); memset(&inl, 0, sizeof inl);
    memset(&oo, 0, sizeof oo);
    if (!a) { T_SKIP("no ONNX corpus"); return; }
    T_CHECK(mkdtemp(dir) != NULL);
    T_CHECKF(plan_onnx(a, HLN_DTYPE_UNKNOWN, "weights/w.data", &c, &err) == HLN_OK, "%s", err.message);
    if (c) {
        T_CHECK(hln_convert_external_data(c, t_mem_write, &data, &err) == HLN_OK);
        T_CHECK(onnx_write(c, &model, &err) == HLN_OK);
        T_CHECK(model.n < a->files[0].size / 4);   /* the weights left the model */
        snprintf(path, sizeof path, "%s/weights", dir);
        T_CHECK(mkdir(path, 0700) == 0);
        snprintf(path, sizeof path, "%s/weights/w.data", dir);
        T_CHECK(write_file(path, &data));
        snprintf(path, sizeof path, "%s/m.onnx", dir);
        T_CHECK(write_file(path, &model));
        T_CHECKF(hln_onnx_load_file(&oo, path, &b, &err) == HLN_OK, "%s", err.message);
    }
    if (b) {
        T_EQ_U64(b->n_tensors, a->n_tensors);
        for (i = 0; i < a->n_tensors && i < b->n_tensors; i++) {
            const hln_tensor *s = &a->tensors[i], *t = &b->tensors[i];
            T_CHECK(s->dtype == t->dtype && s->n_bytes == t->n_bytes);
            if (t->flags & HLN_TENSOR_EXTERNAL) {
                external++;
                T_CHECK(t->file_offset % 64 == 0 && t->file_offset + t->n_bytes <= data.n &&
                        memcmp(data.p + t->file_offset, s->data, (size_t)s->n_bytes) == 0);
            }
        }
        T_CHECK(external > 0);
        T_CHECK(plan_onnx(b, HLN_DTYPE_UNKNOWN, NULL, &c2, &err) == HLN_OK);
        if (c2) {
            T_CHECK(onnx_write(c2, &again, &err) == HLN_OK);
            T_CHECKF(again.n == a->files[0].size && memcmp(again.p, a->files[0].data, again.n) == 0, "%zu vs %llu", again.n,
                     (unsigned long long)a->files[0].size);
        }
    }
    /* a corpus model with external data, brought inline */
    x = load_onnx("mlp_external.onnx");
    if (x && plan_onnx(x, HLN_DTYPE_UNKNOWN, NULL, &c3, &err) == HLN_OK) {
        T_CHECK(onnx_write(c3, &inl, &err) == HLN_OK);
        T_CHECK(hln_onnx_parse(&oo, inl.p, inl.n, &xi, &err) == HLN_OK);
        if (xi) {
            for (i = 0; i < x->n_tensors && i < xi->n_tensors; i++) {
                const hln_tensor *t = &xi->tensors[i];
                T_CHECK(!(t->flags & HLN_TENSOR_EXTERNAL) && t->n_bytes == c3->tensors[i].view.n_bytes &&
                        (!t->n_bytes || memcmp(t->data, c3->tensors[i].view.data, (size_t)t->n_bytes) == 0));
            }
        }
    } else T_CHECK(x == NULL);
    snprintf(path, sizeof path, "%s/weights/w.data", dir); remove(path);
    snprintf(path, sizeof path, "%s/weights", dir); rmdir(path);
    snprintf(path, sizeof path, "%s/m.onnx", dir); remove(path);
    rmdir(dir);
    hln_model_free(xi); hln_convert_free(c3); hln_model_free(x);
    hln_convert_free(c2); hln_model_free(b); hln_convert_free(c); hln_model_free(a);
    free(model.p); free(data.p); free(again.p); free(inl.p);
}

static void test_onnx_out_refused(void) {
    hln_model *a = load_onnx("tiny_gpt2.onnx"), *hf = load_hf("F32");
    hln_convert *c = NULL;
    hln_error err;
    if (!a || !hf) { T_SKIP("no corpus"); hln_model_free(a); hln_model_free(hf); return; }
    T_CHECK(plan_onnx(a, HLN_DTYPE_UNKNOWN, "../w.data", &c, &err) == HLN_ERR_PATH && !c);
    T_CHECK(plan_onnx(a, HLN_DTYPE_UNKNOWN, "/tmp/w.data", &c, &err) == HLN_ERR_PATH && !c);
    T_CHECK(plan_onnx(a, HLN_DTYPE_BF16, NULL, &c, &err) == HLN_ERR_ARG && !c);
    T_CHECK(plan_onnx(hf, HLN_DTYPE_UNKNOWN, NULL, &c, &err) == HLN_ERR_UNSUPPORTED && !c);
    hln_model_free(a);
    hln_model_free(hf);
}

/* ---- --imatrix: a hand-made legacy .dat and GGUF imatrix, checked against the plan ---- */
static void dat_put32(t_membuf *b, uint32_t v) { unsigned char x[4]; x[0] = (unsigned char)v; x[1] = (unsigned char)(v >> 8); x[2] = (unsigned char)(v >> 16); x[3] = (unsigned char)(v >> 24); t_mem_write(b, x, 4); }
static void dat_entry(t_membuf *b, const char *name, uint32_t ncall, uint32_t nval, float first) {
    uint32_t k;
    dat_put32(b, (uint32_t)strlen(name));
    t_mem_write(b, name, strlen(name));
    dat_put32(b, ncall);
    dat_put32(b, nval);
    for (k = 0; k < nval; k++) { float v = k ? 0.25f * (float)(k % 7) : first; uint32_t u; memcpy(&u, &v, 4); dat_put32(b, u); }
}
/* An imatrix for blk.0.attn_q (128 columns) and blk.1.ffn_down (256), with one entry changed. */
static void dat_build(t_membuf *b, const char *q_name, uint32_t q_cols, float q_first) {
    memset(b, 0, sizeof *b);
    dat_put32(b, 2);
    dat_entry(b, q_name, 10, q_cols, q_first);
    dat_entry(b, "blk.1.ffn_down.weight", 10, 256, 1.0f);
}
static hln_result plan_imatrix(const hln_model *hf, const hln_model *im, hln_convert **c, hln_error *err) {
    hln_convert_options o;
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_GGUF;
    o.recipe = "Q4_K_M";
    o.imatrix = im;
    o.config_json = llama_config; o.config_json_len = strlen(llama_config);
    return hln_convert_plan(hf, &o, c, err);
}
static void expect_imatrix(const hln_model *hf, const t_membuf *dat, hln_result want, const char *msg) {
    hln_model *im = NULL;
    hln_convert *c = NULL;
    hln_error err;
    hln_result r = hln_convert_imatrix_dat(NULL, dat->p, dat->n, &im, &err);
    if (r == HLN_OK) r = plan_imatrix(hf, im, &c, &err);
    T_CHECKF(r == want && !c, "%s: %d %s", msg, (int)r, err.message);
    T_CHECKF(strstr(err.message, msg) != NULL, "'%s' not in '%s'", msg, err.message);
    hln_convert_free(c);
    hln_model_free(im);
}
static void test_imatrix(void) {
    hln_model *hf = load_hf("F32"), *im = NULL, *gim = NULL, *gim2 = NULL;
    hln_convert *c = NULL, *c0 = NULL;
    hln_error err;
    t_membuf dat, g0, g1, gg;
    uint32_t k;
    int lost = 0;
    memset(&g0, 0, sizeof g0); memset(&g1, 0, sizeof g1); memset(&gg, 0, sizeof gg);
    if (!hf) { T_SKIP("no corpus"); return; }
    dat_build(&dat, "blk.0.attn_q.weight", 128, 0.5f);
    T_CHECK(hln_convert_imatrix_dat(NULL, dat.p, dat.n, &im, &err) == HLN_OK);
    if (im) {
        T_EQ_U64(im->n_tensors, 4);
        T_CHECKF(plan_imatrix(hf, im, &c, &err) == HLN_OK, "%s", err.message);
        T_CHECK(plan_imatrix(hf, NULL, &c0, &err) == HLN_OK);
    }
    if (c && c0) {
        int q = hln_model_find_tensor(c->out, "blk.0.attn_q.weight"), down = hln_model_find_tensor(c->out, "blk.1.ffn_down.weight");
        T_EQ_U64(c->n_imatrix, 2);
        /* attn_q's 128 columns are no whole Q4_K block: it falls back to Q8_0, which takes no weights */
        T_EQ_U64(c->n_imatrix_exact, 1);
        for (k = 0; k < c->n_lost; k++) {
            lost += strstr(c->lost[k], "imatrix") != NULL;
            T_CHECKF(!strstr(c->lost[k], "not used"), "%s", c->lost[k]);
        }
        T_CHECK(lost == 1);
        /* the weights are in_sum2 / ncall per column (ffn_down's sums: 1, then 0.25 (k % 7)), the
         * float quotients: the casts round the constants, which s390x (FLT_EVAL_METHOD 1) would
         * evaluate in double */
        T_CHECK(q >= 0 && c->out->tensors[q].dtype == HLN_DTYPE_Q8_0 && !c->tensors[q].importance);
        T_CHECK(down >= 0 && c->tensors[down].importance && c->tensors[down].importance[0] == (float)(1.0f / 10.0f) &&
                c->tensors[down].importance[3] == (float)(0.75f / 10.0f));
        /* the quantizer takes them: other bytes, the same size */
        T_CHECK(write_as(HLN_FORMAT_GGUF, c, &g1, &err) == HLN_OK && write_as(HLN_FORMAT_GGUF, c0, &g0, &err) == HLN_OK);
        T_CHECK(g0.n == g1.n && memcmp(g0.p, g1.p, g0.n) != 0);
    }
    /* the same imatrix as a GGUF (in_sum2 [1, cols], counts [1, 1]) */
    if (im) {
        im->format = HLN_FORMAT_GGUF;
        for (k = 0; k < im->n_tensors; k++) im->tensors[k].native_type = 0;
        T_CHECK(hln_gguf_write(im, t_mem_write, &gg, &err) == HLN_OK);
        T_CHECK(parse_as(HLN_FORMAT_GGUF, &gg, &gim, &err) == HLN_OK);
        if (gim) {
            hln_convert *c2 = NULL;
            T_CHECKF(plan_imatrix(hf, gim, &c2, &err) == HLN_OK, "%s", err.message);
            if (c2) T_EQ_U64(c2->n_imatrix, 2);
            hln_convert_free(c2);
            gim->n_tensors = 3;   /* the last entry's counts dropped */
            T_CHECK(plan_imatrix(hf, gim, &c2, &err) == HLN_ERR_RANGE && !c2 && strstr(err.message, "without counts"));
        }
    }
    free(dat.p);
    dat_build(&dat, "blk.0.attn_q.weight", 100, 0.5f);
    expect_imatrix(hf, &dat, HLN_ERR_RANGE, "100 sums");
    free(dat.p);
    dat_build(&dat, "blk.9.attn_q.weight", 128, 0.5f);
    expect_imatrix(hf, &dat, HLN_ERR_RANGE, "not a tensor of the output");
    free(dat.p);
    dat_build(&dat, "blk.0.attn_q.weight", 128, -1.0f);
    expect_imatrix(hf, &dat, HLN_ERR_RANGE, "finite and not negative");
    free(dat.p);
    {
        float nan_value;
        uint32_t nan_bits = 0x7fc00000u;
        memcpy(&nan_value, &nan_bits, 4);
        dat_build(&dat, "blk.0.attn_q.weight", 128, nan_value);
        expect_imatrix(hf, &dat, HLN_ERR_RANGE, "finite and not negative");
        free(dat.p);
    }
    dat_build(&dat, "blk.0.attn_q.weight", 128, 0.5f);
    dat.n -= 9;   /* truncated */
    expect_imatrix(hf, &dat, HLN_ERR_TRUNCATED, "past the end");
    free(dat.p);
    hln_model_free(gim2);
    hln_model_free(gim);
    hln_convert_free(c); hln_convert_free(c0);
    hln_model_free(im);
    hln_model_free(hf);
    free(g0.p); free(g1.p); free(gg.p);
}

int main(void) {
    T_RUN(test_corpus_roundtrips);
    T_RUN(test_hf_roundtrip_f32);
    T_RUN(test_hf_roundtrip_f16);
    T_RUN(test_hf_roundtrip_bf16);
    T_RUN(test_hf_type_f16);
    T_RUN(test_qwen2_no_permute);
    T_RUN(test_onnx_to_safetensors);
    T_RUN(test_quantize_q8_0_bytes);
    T_RUN(test_quantize_q4_k_m_bytes_threaded);
    T_RUN(test_recipes);
    T_RUN(test_keep_override);
    T_RUN(test_tokenizer_arrays);
    T_RUN(test_sentencepiece_arrays);
    T_RUN(test_hostile_side_files);
    T_RUN(test_writers_check_callback_bytes);
    T_RUN(test_mixtral_experts);
    T_RUN(test_qwen2moe_experts);
    T_RUN(test_phi3_fused);
    T_RUN(test_phi3_longrope);
    T_RUN(test_gemma_norms);
    T_RUN(test_gemma2_gemma3);
    T_RUN(test_rope_scaling_reported);
    T_RUN(test_moe_hostile);
    T_RUN(test_onnx_copy_identical);
    T_RUN(test_onnx_fp16_casts);
    T_RUN(test_onnx_external_roundtrip);
    T_RUN(test_onnx_out_refused);
    T_RUN(test_imatrix);
    return t_finish("test_convert");
}
