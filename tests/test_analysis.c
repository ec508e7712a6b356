/* hln_model_analyze on the corpus (architecture class, blocks, attention, patterns, risks,
   quantization and lint) and on hand-built IR graphs (risks the corpus does not trigger,
   cycles, 100k-deep chains, a 1M-node graph). Expected values come from the files' own
   metadata or from independent counts over the IR, never from the pass itself. */
#include "../haoline_kernels.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"
#include "../haoline_onnx.h"
#include "../haoline_tflite.h"
#include "../haoline_openvino.h"
#include "../haoline_trt.h"
#include "../haoline_report.h"
#include "test.h"
#include <math.h>

static char path_buf[1024];
static const char *corpus_path(const char *rel) {
    snprintf(path_buf, sizeof path_buf, "%s/%s", t_corpus(), rel);
    return path_buf;
}

typedef struct loaded { hln_model *m; hln_graph_summary gs; hln_analysis a; int ok; } loaded;

/* Loads a corpus file by extension, runs the graph passes and the analysis with options
   `base` (NULL: defaults). */
static int load_with(const char *rel, const hln_analysis_options *base, loaded *l) {
    const char *p = corpus_path(rel);
    size_t n = strlen(p);
    hln_error err;
    hln_analysis_options o;
    hln_result r;
    memset(l, 0, sizeof *l);
    memset(&err, 0, sizeof err);
    if (n > 5 && strcmp(p + n - 5, ".gguf") == 0) { hln_gguf_options go; memset(&go, 0, sizeof go); r = hln_gguf_load_file(&go, p, &l->m, &err); }
    else if (n > 5 && strcmp(p + n - 5, ".onnx") == 0) { hln_onnx_options oo; memset(&oo, 0, sizeof oo); r = hln_onnx_load_file(&oo, p, &l->m, &err); }
    else if (n > 7 && strcmp(p + n - 7, ".tflite") == 0) { hln_tflite_options to; memset(&to, 0, sizeof to); r = hln_tflite_load_file(&to, p, &l->m, &err); }
    else if (n > 11 && strcmp(p + n - 11, ".graph.json") == 0) { hln_trt_options ro; memset(&ro, 0, sizeof ro); r = hln_trt_load_file(&ro, p, &l->m, &err); }
    else if (n > 4 && strcmp(p + n - 4, ".xml") == 0) {   /* OpenVINO, the graph alone (shapes from the .xml) */
        hln_ov_options vo; memset(&vo, 0, sizeof vo); vo.graph_only = 1; r = hln_ov_load_file(&vo, p, &l->m, &err);
    }
    else { hln_st_options so; memset(&so, 0, sizeof so); r = hln_st_load_file(&so, p, &l->m, &err); }
    if (r != HLN_OK) { T_SKIP("corpus file missing or unreadable"); fprintf(stderr, "    %s: %s\n", p, err.message); return 0; }
    if (base) o = *base; else memset(&o, 0, sizeof o);
    if (l->m->graph) {
        T_CHECK(hln_graph_analyze(l->m, NULL, &l->gs, &err) == HLN_OK);
        o.graph = &l->gs;
    }
    T_CHECK(hln_model_analyze(l->m, &o, &l->a, &err) == HLN_OK);
    l->ok = 1;
    return 1;
}
static int load(const char *rel, int read_weights, loaded *l) {
    hln_analysis_options o;
    memset(&o, 0, sizeof o);
    o.read_weights = read_weights;
    return load_with(rel, &o, l);
}
static void unload(loaded *l) { hln_model_free(l->m); l->m = NULL; }

static uint32_t pattern_count(const hln_analysis *a, const char *kind, const char *detail) {
    uint32_t i, c = 0;
    for (i = 0; i < a->n_patterns; i++)
        if (strcmp(a->patterns[i].kind, kind) == 0 && (!detail || (a->patterns[i].detail && strcmp(a->patterns[i].detail, detail) == 0)))
            c += a->patterns[i].count;
    return c;
}
static uint32_t block_count(const hln_analysis *a, const char *name) {
    uint32_t i, c = 0;
    size_t n = strlen(name);
    for (i = 0; i < a->n_blocks; i++)   /* "name" and its structural variants "name (variant 2)" */
        if (strncmp(a->blocks[i].name, name, n) == 0 && (!a->blocks[i].name[n] || strncmp(a->blocks[i].name + n, " (variant", 9) == 0))
            c += a->blocks[i].count;
    return c;
}
static int has_risk(const hln_analysis *a, const char *id) {
    uint32_t i;
    for (i = 0; i < a->n_risks; i++) if (strcmp(a->risks[i].id, id) == 0) return 1;
    return 0;
}
static int has_deduction(const hln_analysis *a, const char *id) {
    uint32_t i;
    for (i = 0; i < a->quant.n_deductions; i++) if (strcmp(a->quant.deductions[i].id, id) == 0) return 1;
    return 0;
}
static int64_t kv_int(const hln_model *m, const char *key) {
    const hln_kv *kv = hln_model_find_kv(m, key);
    int64_t v;
    return kv && hln_kv_as_i64(kv, &v) ? v : -1;
}
/* The attention rule of the issue, applied to stated head counts. */
static const char *kind_for(int64_t n_head, int64_t n_head_kv) {
    return n_head_kv == 1 && n_head > 1 ? "MQA" : n_head_kv > 1 && n_head_kv < n_head ? "GQA" : "MHA";
}

/* ---- transformers ---- */
static void test_tiny_gpt2(void) {
    loaded l;
    uint32_t i;
    if (!load("onnx/generated/tiny_gpt2.onnx", 0, &l)) return;
    T_EQ_STR(hln_arch_class_name(l.a.arch), "decoder-only-llm");
    T_EQ_U64(block_count(&l.a, "transformer layer"), 2);   /* the file's two h.N blocks */
    T_EQ_U64(l.a.n_attention, 2);
    for (i = 0; i < l.a.n_attention; i++) {
        T_EQ_STR(l.a.attention[i].kind, "MHA");
        T_EQ_I64(l.a.attention[i].n_head, 4);      /* Reshape to [batch, seq, 4, 16] in the file */
        T_EQ_I64(l.a.attention[i].n_head_kv, 4);
        T_EQ_I64(l.a.attention[i].head_dim, 16);
        T_EQ_I64(l.a.attention[i].causal, 1);      /* the tril 'bias' buffer masks the scores */
        T_EQ_I64(l.a.attention[i].cross, 0);
        T_EQ_U64(l.a.attention[i].layer, i);
    }
    T_EQ_STR(l.a.mlp, "GELU");
    T_EQ_STR(l.a.norm, "LayerNorm");
    T_EQ_STR(l.a.norm_placement, "pre-norm");
    T_EQ_STR(l.a.position_encoding, "learned");   /* wpe gathered by position ids */
    T_EQ_U64(pattern_count(&l.a, "embedding", "512 x 64"), 1);
    T_CHECK(has_risk(&l.a, "unbound-dim"));       /* batch, sequence */
    T_CHECK(has_risk(&l.a, "fp16-overflow"));     /* LayerNorm written out with Pow + ReduceMean */
    T_EQ_STR(l.a.quant.scheme, "none");
    T_EQ_I64(l.a.quant.score, 100);
    unload(&l);
}

static void test_transformer_encoder(void) {
    loaded l;
    uint32_t i;
    if (!load("onnx/generated/transformer_encoder_2l.onnx", 0, &l)) return;
    T_EQ_STR(hln_arch_class_name(l.a.arch), "encoder-only-transformer");
    T_EQ_U64(block_count(&l.a, "transformer layer"), 2);
    T_EQ_U64(l.a.n_attention, 2);
    {   /* d_model: the input [1, 16, 64]; its in_proj is one [64, 192] MatMul (Q, K, V sliced apart) */
        const hln_value *x = &l.m->graph->values[l.m->graph->inputs[0]];
        int64_t d_model = x->shape.rank == 3 ? x->shape.dims[2].value : -1;
        T_EQ_I64(d_model, 64);
        for (i = 0; i < l.a.n_attention; i++) {
            T_EQ_STR(l.a.attention[i].kind, "MHA");
            T_EQ_I64(l.a.attention[i].n_head, 4);   /* nhead=4 (corpus MANIFEST), not the fused width 192 / head_dim */
            T_EQ_I64(l.a.attention[i].n_head_kv, 4);
            T_EQ_I64(l.a.attention[i].n_head * l.a.attention[i].head_dim, d_model);
            T_EQ_I64(l.a.attention[i].causal, 0);
        }
    }
    T_EQ_STR(l.a.mlp, "ReLU");
    T_EQ_STR(l.a.norm_placement, "post-norm");    /* nn.TransformerEncoderLayer default norm_first=False */
    unload(&l);
}

/* Every generated GGUF LLM: blocks and attention against the file's own metadata. */
static void gguf_llm_case(const char *rel) {
    loaded l;
    char arch_key[128];
    int64_t layers, heads, kv_heads, experts, used;
    uint32_t i;
    t_begin(rel);
    if (load(rel, 0, &l)) {
        const char *arch = l.m->hp.arch ? l.m->hp.arch : "llama";
        snprintf(arch_key, sizeof arch_key, "%s.block_count", arch);
        layers = kv_int(l.m, arch_key);
        snprintf(arch_key, sizeof arch_key, "%s.attention.head_count", arch);
        heads = kv_int(l.m, arch_key);
        snprintf(arch_key, sizeof arch_key, "%s.attention.head_count_kv", arch);
        kv_heads = kv_int(l.m, arch_key);
        if (kv_heads < 0) kv_heads = heads;
        snprintf(arch_key, sizeof arch_key, "%s.expert_count", arch);
        experts = kv_int(l.m, arch_key);
        snprintf(arch_key, sizeof arch_key, "%s.expert_used_count", arch);
        used = kv_int(l.m, arch_key);
        if (l.m->split_count <= 1 && l.m->files[0].part == 0 && strstr(rel, "split") == NULL) {
            T_EQ_STR(hln_arch_class_name(l.a.arch), experts > 0 ? "moe-llm" : "decoder-only-llm");
            T_EQ_U64(l.a.n_blocks, 1);
            T_EQ_I64(l.a.n_blocks ? l.a.blocks[0].count : 0, layers);
            T_EQ_U64(l.a.n_attention, (uint64_t)layers);
        }
        for (i = 0; i < l.a.n_attention; i++) {
            T_EQ_STR(l.a.attention[i].kind, kind_for(heads, kv_heads));
            T_EQ_I64(l.a.attention[i].n_head, heads);
            T_EQ_I64(l.a.attention[i].n_head_kv, kv_heads);   /* inferred from attn_k rows / head_dim */
            T_CHECK(fabs(l.a.attention[i].kv_saving_vs_mha - (1.0 - (double)kv_heads / (double)heads)) < 1e-9);
            T_EQ_I64(l.a.attention[i].causal, 1);
        }
        T_EQ_STR(l.a.mlp, "SwiGLU");        /* ffn_gate present */
        T_EQ_STR(l.a.norm, "RMSNorm");
        T_EQ_STR(l.a.position_encoding, "RoPE");
        if (experts > 0) { T_EQ_I64(l.a.moe_experts, experts); T_EQ_I64(l.a.moe_top_k, used); T_EQ_U64(pattern_count(&l.a, "moe_router", NULL), 1); }
        else T_EQ_I64(l.a.moe_experts, -1);
        unload(&l);
    }
    t_end();
}
static void test_gguf_llms(void) {
    static const char *const files[] = {
        "gguf/generated/tinyllama-F32.gguf", "gguf/generated/tinyllama-F16.gguf", "gguf/generated/tinyllama-BF16.gguf",
        "gguf/generated/tinyllama-Q8_0.gguf", "gguf/generated/tinyllama-Q6_K.gguf", "gguf/generated/tinyllama-Q4_0.gguf",
        "gguf/generated/tinyllama-Q4_K_M.gguf", "gguf/generated/tinyllama-IQ4_XS.gguf", "gguf/generated/tinyllama-TQ2_0.gguf",
        "gguf/generated/tinyllama-align64-F16.gguf", "gguf/generated/tinyllama-bigendian-F16.gguf",
        "gguf/generated/tinyllama-gqa-Q8_0.gguf", "gguf/generated/tinymoe-Q4_K_M.gguf",
        "gguf/generated/tinyllama-split-Q8_0-00001-of-00002.gguf"
    };
    size_t i;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) gguf_llm_case(files[i]);
}

/* SafeTensors without a config: layers and KV sharing from names and shapes alone. */
static void test_safetensors_llms(void) {
    static const char *const files[] = {
        "safetensors/generated/tinyllama-hf-F32.safetensors", "safetensors/generated/tinyllama-hf-F16.safetensors",
        "safetensors/generated/tinyllama-hf-BF16.safetensors", "safetensors/generated/sharded-gqa/model.safetensors.index.json"
    };
    size_t f;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        loaded l;
        t_begin(files[f]);
        if (load(files[f], 0, &l)) {
            int64_t q = -1, k = -1;
            uint32_t i;
            int64_t qi = hln_model_find_tensor(l.m, "model.layers.0.self_attn.q_proj.weight");
            int64_t ki = hln_model_find_tensor(l.m, "model.layers.0.self_attn.k_proj.weight");
            if (qi >= 0) q = l.m->tensors[qi].dims[0];
            if (ki >= 0) k = l.m->tensors[ki].dims[0];
            T_EQ_STR(hln_arch_class_name(l.a.arch), "decoder-only-llm");
            T_EQ_U64(block_count(&l.a, "transformer layer"), 2);
            T_EQ_U64(l.a.n_attention, 2);
            for (i = 0; i < l.a.n_attention; i++) {
                T_EQ_STR(l.a.attention[i].kind, k < q ? "GQA" : "MHA");   /* K narrower than Q: shared KV heads */
                T_CHECK(fabs(l.a.attention[i].kv_saving_vs_mha - (1.0 - (double)k / (double)q)) < 1e-9);
            }
            T_EQ_STR(l.a.mlp, "SwiGLU");
            T_EQ_I64(l.a.tied_embeddings, 0);   /* lm_head.weight is stored */
            unload(&l);
        }
        t_end();
    }
}

/* ---- RNNs ---- */
static void test_rnns(void) {
    static const char *const files[] = {
        "onnx/generated/lstm_gru.onnx", "onnx/real/silero/silero_vad_legacy.onnx", "onnx/real/silero/silero_vad_v5.onnx",
        "onnx/onnx-testdata/test_lstm_with_peepholes.onnx"
    };
    size_t f;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        loaded l;
        t_begin(files[f]);
        if (load(files[f], 0, &l)) {
            T_EQ_STR(hln_arch_class_name(l.a.arch), "rnn");
            T_EQ_U64(l.a.n_attention, 0);
            unload(&l);
        }
        t_end();
    }
}
static void test_lstm_gru_cells(void) {
    loaded l;
    if (!load("onnx/generated/lstm_gru.onnx", 0, &l)) return;
    T_EQ_U64(pattern_count(&l.a, "recurrent", "LSTM bidirectional"), 2);
    T_EQ_U64(pattern_count(&l.a, "recurrent", "GRU forward"), 1);
    T_EQ_U64(block_count(&l.a, "recurrent layer"), 2);
    unload(&l);
}

/* ---- CNNs ---- */
static uint32_t count_depthwise(const hln_model *m) {
    uint32_t i, a, c = 0;
    const hln_graph *g = m->graph;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        int64_t group = 1;
        int32_t w;
        if (strcmp(n->op_type, "Conv") || n->n_inputs < 2) continue;
        for (a = 0; a < n->n_attrs; a++) if (strcmp(n->attrs[a].name, "group") == 0) group = n->attrs[a].i;
        w = n->inputs[1] >= 0 ? g->values[n->inputs[1]].tensor : -1;
        if (group > 1 && w >= 0 && m->tensors[w].n_dims == 4 && m->tensors[w].dims[1] == 1) c++;
    }
    return c;
}
/* GlobalAveragePool nodes whose output feeds a Conv: the squeeze of a squeeze-and-excitation. */
static uint32_t count_se_pools(const hln_model *m) {
    uint32_t i, j, k, c = 0;
    const hln_graph *g = m->graph;
    for (i = 0; i < g->n_nodes; i++) {
        int found = 0;
        if (strcmp(g->nodes[i].op_type, "GlobalAveragePool")) continue;
        for (j = 0; j < g->n_nodes && !found; j++)
            if (strcmp(g->nodes[j].op_type, "Conv") == 0)
                for (k = 0; k < g->nodes[j].n_inputs; k++) if (g->nodes[j].inputs[k] == g->nodes[i].outputs[0]) found = 1;
        c += found;
    }
    return c;
}
static void test_resnet18(void) {
    loaded l;
    if (!load("onnx/generated/tv_resnet18.onnx", 0, &l)) return;
    T_EQ_STR(hln_arch_class_name(l.a.arch), "cnn");
    T_EQ_U64(block_count(&l.a, "basic residual block"), 8);   /* 2 per stage x 4 stages, 3 with a projection shortcut */
    T_EQ_U64(pattern_count(&l.a, "residual_add", NULL), 8);
    T_EQ_U64(l.a.n_attention, 0);
    unload(&l);
}
static void test_squeezenet(void) {
    loaded l;
    if (!load("onnx/generated/tv_squeezenet1_1.onnx", 0, &l)) return;
    T_EQ_STR(hln_arch_class_name(l.a.arch), "cnn");
    T_EQ_U64(block_count(&l.a, "fire module"), 8);           /* fire2..fire9 */
    T_EQ_U64(pattern_count(&l.a, "concat_merge", NULL), 8);
    T_CHECK(has_risk(&l.a, "deep-plain-stack"));            /* 26 convs, no norm, no residual */
    unload(&l);
}
static void test_ppocr(void) {
    static const char *const files[] = { "onnx/real/paddleocr/ch_ppocr_mobile_v2.0_cls_infer.onnx", "onnx/real/paddleocr/ch_PP-OCRv4_det_infer.onnx" };
    size_t f;
    for (f = 0; f < 2; f++) {
        loaded l;
        t_begin(files[f]);
        if (load(files[f], 0, &l)) {
            uint32_t dw = count_depthwise(l.m), se = count_se_pools(l.m);
            T_CHECK(dw > 0);
            T_EQ_U64(pattern_count(&l.a, "depthwise_separable", NULL), dw);   /* every depthwise conv meets its pointwise one */
            T_EQ_U64(pattern_count(&l.a, "squeeze_excitation", NULL), se);
            T_EQ_STR(hln_arch_class_name(l.a.arch), f == 0 ? "cnn" : "detection");
            T_EQ_U64(l.a.n_attention, 0);
            if (f == 0) {   /* a CNN with a Softmax head: a classifier, no attention, no KV cache */
                hln_llm llm;
                hln_model_llm(l.m, &llm);
                T_EQ_U64(pattern_count(&l.a, "softmax_head", NULL), 1);
                T_EQ_U64(llm.kv_bytes_per_token_f16, 0);
                T_CHECK(block_count(&l.a, "inverted residual block + SE") > 0);
            } else T_CHECK(pattern_count(&l.a, "fpn_merge", NULL) >= 2);
            unload(&l);
        }
        t_end();
    }
}
static void test_blazeface(void) {
    loaded l;
    if (!load("onnx/real/blazeface/face_detection_front_128x128_barracuda.onnx", 0, &l)) return;
    T_EQ_STR(hln_arch_class_name(l.a.arch), "detection");   /* 4 conv-fed outputs: boxes and scores */
    T_EQ_U64(pattern_count(&l.a, "depthwise_separable", NULL), count_depthwise(l.m));
    unload(&l);
}

/* ---- quantization ---- */
static void test_qdq(void) {
    loaded l;
    uint32_t i;
    uint64_t conv_macs = 0;
    if (!load("onnx/generated/qdq_convnet.onnx", 0, &l)) return;
    T_EQ_STR(l.a.quant.scheme, "qdq");
    for (i = 0; i < l.gs.n_ops; i++) {
        if (strcmp(l.gs.ops[i].op, "QuantizeLinear") == 0) T_EQ_U64(l.a.quant.quantize, l.gs.ops[i].count);
        if (strcmp(l.gs.ops[i].op, "DequantizeLinear") == 0) T_EQ_U64(l.a.quant.dequantize, l.gs.ops[i].count);
        if (strcmp(l.gs.ops[i].op, "Conv") == 0) conv_macs = l.gs.ops[i].macs;
    }
    /* both convs read QDQ activations and weights; the MatMul's activation stays float */
    T_CHECK(fabs(l.a.quant.int_mac_share - (double)conv_macs / (double)l.gs.macs) < 1e-12);
    T_CHECK(has_deduction(&l.a, "qdq-missing"));
    T_EQ_I64(l.a.quant.score, 95);
    {   /* every DequantizeLinear of an initializer is counted per tensor or per channel */
        uint32_t dq_w = 0;
        for (i = 0; i < l.m->graph->n_nodes; i++) {
            const hln_node *n = &l.m->graph->nodes[i];
            if (strcmp(n->op_type, "DequantizeLinear") == 0 && n->inputs[0] >= 0 && l.m->graph->values[n->inputs[0]].tensor >= 0) dq_w++;
        }
        T_CHECK(dq_w > 0);
        T_EQ_U64(l.a.quant.per_tensor + l.a.quant.per_channel, dq_w);
    }
    T_CHECK(has_risk(&l.a, "activation-heavy"));
    unload(&l);
}
static void test_gguf_quant(void) {
    loaded l;
    if (load("gguf/generated/tinyllama-Q4_K_M.gguf", 0, &l)) {
        T_EQ_STR(l.a.quant.scheme, "gguf Q4_K_M-like mix");   /* Q4_K body, Q6_K on some matrices */
        T_CHECK(has_deduction(&l.a, "sensitive-low-bits")); /* token_embd in Q4_K */
        unload(&l);
    }
    if (load("gguf/generated/tinyllama-Q8_0.gguf", 0, &l)) {
        T_EQ_STR(l.a.quant.scheme, "gguf Q8_0");
        T_EQ_I64(l.a.quant.score, 100);
        T_CHECK(l.a.quant.n_keep > 0);   /* embeddings, head, norms listed to keep */
        unload(&l);
    }
    if (load("gguf/generated/tinyllama-F16.gguf", 0, &l)) {
        T_EQ_STR(l.a.quant.scheme, "none");
        unload(&l);
    }
}

/* ---- TFLite: quantization the file declares per tensor (hln_value_info) ---- */
static double tfl_scale(const hln_value *v) {   /* the one scale of a per-tensor quantized value, else 0 */
    float f;
    uint32_t u;
    if (!v->info || v->info->n_scales != 1 || !v->info->scales) return 0;
    u = (uint32_t)v->info->scales[0] | (uint32_t)v->info->scales[1] << 8 | (uint32_t)v->info->scales[2] << 16 | (uint32_t)v->info->scales[3] << 24;
    memcpy(&f, &u, sizeof f);
    return f;
}
static uint32_t count_op(const hln_graph *g, const char *op) {
    uint32_t i, c = 0;
    for (i = 0; i < g->n_nodes; i++) c += strcmp(g->nodes[i].op_type, op) == 0;
    return c;
}
static int tfl_int8(const hln_graph *g, int32_t v) { return v >= 0 && g->values[v].info && g->values[v].info->n_scales && (g->values[v].dtype == HLN_DTYPE_I8 || g->values[v].dtype == HLN_DTYPE_I16); }
/* MACs of nodes whose data and weight inputs are both quantized integers, over all MACs. */
static double tfl_int_share(const hln_graph *g) {
    uint64_t all = 0, in = 0;
    uint32_t i;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        all += n->macs;
        if (n->n_inputs >= 2 && tfl_int8(g, n->inputs[0]) && tfl_int8(g, n->inputs[1])) in += n->macs;
    }
    return all ? (double)in / (double)all : 0;
}
/* ADD joins whose two activation inputs' scales are more than `ratio` apart. */
static uint32_t tfl_mismatches(const hln_graph *g, double ratio) {
    uint32_t i, c = 0;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        double a, b;
        if (strcmp(n->op_type, "ADD") != 0 || n->n_inputs != 2) continue;
        a = tfl_scale(&g->values[n->inputs[0]]);
        b = tfl_scale(&g->values[n->inputs[1]]);
        if (a > 0 && b > 0 && (a > b ? a / b : b / a) > ratio) c++;
    }
    return c;
}
static void test_tflite_quant(void) {
    loaded l;
    hln_analysis_options o;
    uint32_t i, pc = 0, pt = 0, n;
    if (load("tflite/litert_pc_conv.tflite", 0, &l)) {   /* QUANTIZE -> DEPTHWISE_CONV_2D (per-channel int8) -> DEQUANTIZE */
        T_EQ_STR(l.a.quant.scheme, "full-integer int8");
        T_EQ_U64(l.a.quant.per_channel, 1);
        T_EQ_U64(l.a.quant.per_tensor, 0);
        T_CHECK(l.gs.macs > 0 && fabs(l.a.quant.int_mac_share - tfl_int_share(l.m->graph)) < 1e-12 && l.a.quant.int_mac_share == 1.0);
        T_EQ_U64(l.a.quant.precision_changes, count_op(l.m->graph, "QUANTIZE") + count_op(l.m->graph, "DEQUANTIZE"));
        T_CHECK(!has_deduction(&l.a, "depthwise-per-tensor"));
        T_EQ_I64(l.a.quant.score, 100);
        unload(&l);
    }
    if (load("tflite/tflm_mobilenet_v2_quantized_1x3x224x224.tflite", 0, &l)) {
        const hln_graph *g = l.m->graph;
        T_EQ_STR(l.a.quant.scheme, "full-integer int8");
        for (i = 0; i < g->n_nodes; i++) {   /* weights: input 1 of the convs and the FC, each value once */
            const hln_node *nd = &g->nodes[i];
            const hln_value *w = nd->n_inputs >= 2 && nd->inputs[1] >= 0 ? &g->values[nd->inputs[1]] : NULL;
            if (!w || w->tensor < 0 || !w->info || (strcmp(nd->op_type, "CONV_2D") && strcmp(nd->op_type, "DEPTHWISE_CONV_2D") && strcmp(nd->op_type, "FULLY_CONNECTED"))) continue;
            if (w->info->n_scales > 1) pc++; else pt++;
        }
        T_CHECK(pc > 0);
        T_EQ_U64(l.a.quant.per_channel, pc);
        T_EQ_U64(l.a.quant.per_tensor, pt);
        T_CHECK(fabs(l.a.quant.int_mac_share - tfl_int_share(g)) < 1e-12 && l.a.quant.int_mac_share > 0.99);
        T_EQ_U64(l.a.quant.n_mismatch, tfl_mismatches(g, 2.0));   /* none at the default ratio: residual scales within 1.8x */
        n = tfl_mismatches(g, 1.5);
        unload(&l);
        memset(&o, 0, sizeof o);
        o.scale_ratio = 1.5;
        if (load_with("tflite/tflm_mobilenet_v2_quantized_1x3x224x224.tflite", &o, &l)) {
            T_CHECK(n > 0);
            T_EQ_U64(l.a.quant.n_mismatch, n);
            T_CHECK(has_deduction(&l.a, "scale-mismatch"));
            T_EQ_I64(l.a.quant.score, 100 - 5 * (int)n);
            unload(&l);
        }
    }
    if (load("tflite/tflm_trained_lstm_int8.tflite", 0, &l)) {   /* int8 data, int16 cell state: still an int8 model */
        T_EQ_STR(l.a.quant.scheme, "full-integer int8");
        T_CHECK(l.a.quant.int_mac_share == 1.0);
        unload(&l);
    }
    if (load("tflite/tflm_hello_world_float.tflite", 0, &l)) { T_EQ_STR(l.a.quant.scheme, "none"); T_EQ_U64(l.a.quant.per_tensor, 0); unload(&l); }
    if (load("tflite/litert_qwen_fc_blockwise_quantized.tflite", 0, &l)) {   /* int4 weight, block-wise scales, float activations */
        T_EQ_STR(l.a.quant.scheme, "block-wise integer weights");
        T_EQ_U64(l.a.quant.block_wise, 1);
        T_CHECK(l.a.quant.int_mac_share == 0.0);
        T_CHECK(!has_risk(&l.a, "unused-initializer"));   /* the scale tensor is read through the weight's quantization */
        unload(&l);
    }
    if (load("tflite/mp_hand_landmark_lite.tflite", 0, &l)) {   /* fp16 weights, each widened by a DEQUANTIZE */
        uint32_t f16 = 0;
        const hln_graph *g = l.m->graph;
        for (i = 0; i < g->n_nodes; i++)
            if (strcmp(g->nodes[i].op_type, "DEQUANTIZE") == 0 && g->values[g->nodes[i].inputs[0]].tensor >= 0 &&
                g->values[g->nodes[i].inputs[0]].dtype == HLN_DTYPE_F16) f16++;
        T_CHECK(f16 > 0);
        T_EQ_STR(l.a.quant.scheme, "fp16 weights");
        T_CHECK(l.a.quant.detail && (uint32_t)atoi(l.a.quant.detail) == f16);
        unload(&l);
    }
    /* builtins are the format's standard ops; custom codes are custom ops */
    if (load("tflite/tflm_person_detect.tflite", 0, &l)) { T_CHECK(!has_risk(&l.a, "custom-op")); T_EQ_STR(l.a.quant.scheme, "full-integer int8"); unload(&l); }
    if (load("tflite/litert_custom_sinh.tflite", 0, &l)) { T_CHECK(has_risk(&l.a, "custom-op")); unload(&l); }
    if (load("tflite/litert_sparse_tensor.tflite", 0, &l)) {   /* its input tensor has a data buffer */
        T_CHECK(l.m->graph->n_inputs == 1 && l.m->graph->values[l.m->graph->inputs[0]].tensor >= 0);
        T_CHECK(has_risk(&l.a, "initializer-shadows-input"));
        unload(&l);
    }
    if (load("tflite/tflm_hello_world_int8.tflite", 0, &l)) { T_CHECK(!has_risk(&l.a, "initializer-shadows-input")); unload(&l); }
}

/* --weights: the Q4_0 SNR of each float matrix, recomputed here with hln_tensor_quant_error;
   tensors more than `db` under the median are quant-sensitive. */
static int dbl_cmp(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return x < y ? -1 : x > y; }
static uint32_t sensitive_count(const hln_model *m, double db, uint32_t *measured) {
    double *snr = (double *)calloc(m->n_tensors + 1, sizeof(double)), *sorted = (double *)calloc(m->n_tensors + 1, sizeof(double)), med;
    uint32_t i, d, n = 0, c = 0;
    for (i = 0; snr && sorted && i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_k_error e;
        hln_error err;
        uint32_t wide = 0;
        for (d = 0; d < t->n_dims; d++) wide += t->dims[d] > 1;
        if (wide < 2 || t->dims[t->n_dims - 1] % 32 || hln_dtype_get(t->dtype)->kind != HLN_KIND_FLOAT || !t->data ||
            (t->flags & (HLN_TENSOR_CONSTANT | HLN_TENSOR_SPARSE | HLN_TENSOR_NESTED | HLN_TENSOR_ATTRIBUTE))) continue;
        if (hln_tensor_quant_error(m, i, HLN_K_Q4_0, &e, &err) != HLN_OK || !(e.snr_db > 0 && e.snr_db < 1e300)) continue;
        snr[i] = sorted[n++] = e.snr_db;
    }
    *measured = n;
    if (n >= 3) {
        qsort(sorted, n, sizeof *sorted, dbl_cmp);
        med = sorted[n / 2];
        for (i = 0; i < m->n_tensors; i++) c += snr[i] > 0 && snr[i] < med - db;
    }
    free(snr);
    free(sorted);
    return c;
}
static uint32_t deductions(const hln_analysis *a, const char *id) {
    uint32_t i, c = 0;
    for (i = 0; i < a->quant.n_deductions; i++) c += strcmp(a->quant.deductions[i].id, id) == 0;
    return c;
}
/* No corpus matrix is 6 dB under its model's median (the widest gap: about 5 dB, MediaPipe's
   fp16 detectors); at 3 dB the rule fires on a real file. */
static void test_quant_sensitivity(void) {
    loaded l;
    hln_analysis_options o;
    uint32_t n, measured;
    memset(&o, 0, sizeof o);
    o.read_weights = 1;
    if (!load_with("tflite/mp_face_detection_full_range_sparse.tflite", &o, &l)) return;
    T_EQ_U64(deductions(&l.a, "quant-sensitive"), sensitive_count(l.m, 6.0, &measured));
    T_EQ_U64(deductions(&l.a, "quant-sensitive"), 0);
    n = sensitive_count(l.m, 3.0, &measured);
    T_CHECK(measured >= 3 && n > 0);
    unload(&l);
    o.sensitive_db = 3.0;
    if (!load_with("tflite/mp_face_detection_full_range_sparse.tflite", &o, &l)) return;
    T_EQ_U64(deductions(&l.a, "quant-sensitive"), n);
    T_EQ_I64(l.a.quant.score, 100 - 5 * (int)n > 0 ? 100 - 5 * (int)n : 0);
    {   /* each one is in the keep-at-higher-precision list */
        uint32_t i, k, listed = 0;
        for (i = 0; i < l.m->n_tensors; i++)
            for (k = 0; k < l.a.quant.n_keep; k++) if (l.a.quant.keep[k] == i && l.a.quant_snr_db[i] > 0) { listed++; break; }
        T_CHECK(listed >= n);
    }
    unload(&l);
}

/* ---- risks the corpus triggers ---- */
static void test_corpus_risks(void) {
    loaded l;
    if (load("onnx/generated/features_mix.onnx", 0, &l)) {
        T_CHECK(has_risk(&l.a, "custom-op"));            /* local.fn::ScaledTanh */
        T_CHECK(has_risk(&l.a, "unused-initializer"));   /* 'unused_int16' */
        unload(&l);
    }
    if (load("onnx/real/silero/silero_vad_v5.onnx", 0, &l)) { T_CHECK(has_risk(&l.a, "op-portability")); T_CHECK(!has_risk(&l.a, "unused-initializer")); unload(&l); }
    if (load("onnx/onnx-testdata/test_operator_non_float_params.onnx", 0, &l)) { T_CHECK(has_risk(&l.a, "unusual-opset")); unload(&l); }
    if (load("onnx/onnx-testdata/test_sequence_model1.onnx", 0, &l)) { T_CHECK(has_risk(&l.a, "op-portability")); unload(&l); }
    if (load("onnx/real/silero/silero_vad_legacy.onnx", 1, &l)) {
        T_CHECK(has_risk(&l.a, "duplicate-weights"));    /* --weights: a tensor repeated byte for byte */
        T_CHECK(l.a.n_duplicates >= 1);
        T_CHECK(!has_risk(&l.a, "unused-initializer"));   /* the If branches read them */
        unload(&l);
    }
    if (load("onnx/generated/tv_resnet18.onnx", 0, &l)) { T_EQ_U64(l.a.n_risks, 0); unload(&l); }
    {   /* embedding-heavy: the corpus LLMs' tables are 11-25% of their parameters, under the 50%
           default; with a lower threshold the rule fires on a real file */
        hln_analysis_options o;
        uint64_t emb = 0, all = 0;
        uint32_t i;
        memset(&o, 0, sizeof o);
        o.embedding_share = 0.2;
        if (load("gguf/generated/tinyllama-align64-F16.gguf", 0, &l)) {
            for (i = 0; i < l.m->n_tensors; i++) {
                all += l.m->tensors[i].n_elements;
                if (strncmp(l.m->tensors[i].name, "token_embd.", 11) == 0 || strncmp(l.m->tensors[i].name, "output.", 7) == 0) emb += l.m->tensors[i].n_elements;
            }
            T_CHECK(all && (double)emb > 0.2 * (double)all && (double)emb < 0.5 * (double)all);
            T_CHECK(!has_risk(&l.a, "embedding-heavy"));
            unload(&l);
        }
        if (load_with("gguf/generated/tinyllama-align64-F16.gguf", &o, &l)) { T_CHECK(has_risk(&l.a, "embedding-heavy")); unload(&l); }
    }
}

/* ---- hand-built graphs ---- */
typedef struct tb { hln_model *m; hln_graph *g; uint32_t cap_n, cap_v, cap_t; } tb;
static int tb_init(tb *b, uint32_t cap_n, uint32_t cap_v, uint32_t cap_t) {
    memset(b, 0, sizeof *b);
    if (hln_model_create(NULL, &b->m) != HLN_OK) return 0;
    b->m->format = HLN_FORMAT_ONNX;
    b->g = (hln_graph *)hln_arena_alloc(&b->m->arena, sizeof *b->g);
    b->g->nodes = (hln_node *)hln_arena_array(&b->m->arena, cap_n, sizeof(hln_node));
    b->g->values = (hln_value *)hln_arena_array(&b->m->arena, cap_v, sizeof(hln_value));
    b->m->tensors = (hln_tensor *)hln_arena_array(&b->m->arena, cap_t, sizeof(hln_tensor));
    b->g->inputs = (int32_t *)hln_arena_array(&b->m->arena, 4, sizeof(int32_t));
    b->g->outputs = (int32_t *)hln_arena_array(&b->m->arena, 4, sizeof(int32_t));
    b->g->initializers = (int32_t *)hln_arena_array(&b->m->arena, cap_t, sizeof(int32_t));
    b->g->name = "t";
    b->m->graph = b->g;
    b->cap_n = cap_n; b->cap_v = cap_v; b->cap_t = cap_t;
    return b->g->nodes && b->g->values && b->m->tensors;
}
static int32_t tb_value(tb *b, const char *name, int rank, int64_t d0, int64_t d1) {
    hln_value *v = &b->g->values[b->g->n_values];
    v->name = name;
    v->dtype = HLN_DTYPE_F32;
    v->shape.rank = rank;
    v->tensor = -1;
    v->producer = -1;
    v->outer = -1;
    if (rank > 0) {
        v->shape.dims = (hln_dim *)hln_arena_array(&b->m->arena, (uint64_t)rank, sizeof(hln_dim));
        v->shape.dims[0].value = d0;
        if (rank > 1) v->shape.dims[1].value = d1;
    }
    return (int32_t)b->g->n_values++;
}
/* A weight: an initializer of dims [d0, d1] over `data` (NULL: no bytes in memory). */
static int32_t tb_weight(tb *b, const char *name, int64_t d0, int64_t d1, const float *data) {
    int32_t v = tb_value(b, name, 2, d0, d1);
    hln_tensor *t = &b->m->tensors[b->m->n_tensors];
    t->name = name;
    t->dtype = HLN_DTYPE_F32;
    t->n_dims = 2;
    t->dims = (int64_t *)hln_arena_array(&b->m->arena, 2, sizeof(int64_t));
    t->dims[0] = d0;
    t->dims[1] = d1;
    t->n_elements = (uint64_t)(d0 * d1);
    t->n_bytes = t->n_elements * 4;
    t->data = data;
    b->g->values[v].tensor = (int32_t)b->m->n_tensors;
    b->g->initializers[b->g->n_initializers++] = (int32_t)b->m->n_tensors;
    b->m->n_tensors++;
    return v;
}
static void tb_node(tb *b, const char *op, int32_t in0, int32_t in1, int32_t out) {
    hln_node *n = &b->g->nodes[b->g->n_nodes];
    n->name = op;
    n->op_type = op;
    n->domain = "";
    n->inputs = (int32_t *)hln_arena_array(&b->m->arena, 2, sizeof(int32_t));
    n->outputs = (int32_t *)hln_arena_array(&b->m->arena, 1, sizeof(int32_t));
    n->inputs[0] = in0;
    n->inputs[1] = in1;
    n->n_inputs = in1 >= 0 ? 2 : in0 >= 0 ? 1 : 0;
    n->outputs[0] = out;
    n->n_outputs = 1;
    if (out >= 0) b->g->values[out].producer = (int32_t)b->g->n_nodes;
    b->g->n_nodes++;
}
static int tb_analyze(tb *b, hln_graph_summary *gs, hln_analysis *a, int read_weights) {
    hln_error err;
    hln_analysis_options o;
    memset(&o, 0, sizeof o);
    o.graph = gs;
    o.read_weights = read_weights;
    if (hln_graph_analyze(b->m, NULL, gs, &err) != HLN_OK) return 0;
    return hln_model_analyze(b->m, &o, a, &err) == HLN_OK;
}

/* x -> Exp -> y, an initializer that is also an input, a dead node, two equal weights read
   by MatMuls (embedding-sized tables): the Exp branch of fp16-overflow and dead-node have no
   corpus trigger; the others are also checked on corpus files above. */
static void test_synthetic_risks(void) {
    static float w[64 * 64];
    tb b;
    hln_graph_summary gs;
    hln_analysis a;
    int32_t x, e, w1, w2, h1, h2, dead, shadow;
    int i;
    for (i = 0; i < 64 * 64; i++) w[i] = (float)(i % 13) - 6.0f;
    if (!tb_init(&b, 16, 32, 8)) { T_CHECK(0); return; }
    x = tb_value(&b, "x", 2, 4, 64);
    shadow = tb_weight(&b, "w_in", 1, 64, w);
    w1 = tb_weight(&b, "token_embd.weight", 64, 64, w);
    w2 = tb_weight(&b, "output.weight", 64, 64, w);   /* the same bytes as w1 */
    e = tb_value(&b, "e", -1, 0, 0);
    h1 = tb_value(&b, "h1", -1, 0, 0);
    h2 = tb_value(&b, "h2", -1, 0, 0);
    dead = tb_value(&b, "dead", -1, 0, 0);
    b.g->inputs[b.g->n_inputs++] = x;
    b.g->inputs[b.g->n_inputs++] = shadow;   /* an initializer listed as an input */
    tb_node(&b, "Exp", x, -1, e);
    tb_node(&b, "MatMul", e, w1, h1);
    tb_node(&b, "MatMul", h1, w2, h2);
    tb_node(&b, "Relu", h1, -1, dead);       /* nobody reads it */
    b.g->outputs[b.g->n_outputs++] = h2;
    T_CHECK(tb_analyze(&b, &gs, &a, 1));
    T_CHECK(has_risk(&a, "fp16-overflow"));              /* exp without max-subtraction */
    T_CHECK(has_risk(&a, "initializer-shadows-input"));
    T_CHECK(has_risk(&a, "dead-node"));
    T_CHECK(has_risk(&a, "duplicate-weights"));
    T_CHECK(has_risk(&a, "embedding-heavy"));            /* token_embd + output: 99% of the weights */
    hln_model_free(b.m);
}

/* Two branches quantized with different scales joined by an Add: a scale mismatch, and Q/DQ
   boundaries with no compute op between them. */
static void test_synthetic_lint(void) {
    static float scale_a, scale_b;   /* stored little-endian, as a model file holds them */
    const float fa = 0.02f, fb = 0.06f;
    uint32_t u;
    tb b;
    hln_graph_summary gs;
    hln_analysis a;
    int32_t x, qa, qb, da, db, sum, sa, sb;
    memcpy(&u, &fa, 4);
    t_put_le(&scale_a, u, 4);
    memcpy(&u, &fb, 4);
    t_put_le(&scale_b, u, 4);
    if (!tb_init(&b, 16, 32, 8)) { T_CHECK(0); return; }
    x = tb_value(&b, "x", 2, 1, 8);
    sa = tb_weight(&b, "sa", 1, 1, &scale_a);
    sb = tb_weight(&b, "sb", 1, 1, &scale_b);
    qa = tb_value(&b, "qa", -1, 0, 0);
    qb = tb_value(&b, "qb", -1, 0, 0);
    da = tb_value(&b, "da", -1, 0, 0);
    db = tb_value(&b, "db", -1, 0, 0);
    sum = tb_value(&b, "sum", -1, 0, 0);
    b.g->inputs[b.g->n_inputs++] = x;
    tb_node(&b, "QuantizeLinear", x, sa, qa);
    tb_node(&b, "QuantizeLinear", x, sb, qb);
    tb_node(&b, "DequantizeLinear", qa, sa, da);
    tb_node(&b, "DequantizeLinear", qb, sb, db);
    tb_node(&b, "Add", da, db, sum);      /* scales 3x apart */
    b.g->outputs[b.g->n_outputs++] = sum;
    T_CHECK(tb_analyze(&b, &gs, &a, 0));
    T_CHECK(has_deduction(&a, "scale-mismatch"));
    T_EQ_U64(a.quant.n_mismatch, 1);
    T_CHECK(a.quant.n_mismatch && fabs(a.quant.mismatch[0].ratio - 3.0) < 1e-5);
    T_EQ_STR(a.quant.scheme, "qdq");
    hln_model_free(b.m);
}

/* A depthwise conv whose weight comes through a per-tensor DequantizeLinear, and Q/DQ pairs
   around Relus before a MatMul: two lint deductions without a corpus trigger. */
static void test_synthetic_depthwise_churn(void) {
    static float scale = 0.05f, w[64 * 64];
    static int8_t dw[8 * 9];
    static int64_t dw_dims[4] = { 8, 1, 3, 3 };
    tb b;
    hln_graph_summary gs;
    hln_analysis a;
    hln_tensor *t;
    hln_attr *at;
    int32_t x, s, wv, wdq, y, v[8], mw, prev;
    int i;
    if (!tb_init(&b, 32, 48, 8)) { T_CHECK(0); return; }
    x = tb_value(&b, "x", 2, 4, 64);
    s = tb_weight(&b, "s", 1, 1, &scale);
    mw = tb_weight(&b, "mw", 64, 64, w);
    wv = tb_value(&b, "dw_q", 4, 8, 1);   /* int8 [8,1,3,3] */
    t = &b.m->tensors[b.m->n_tensors];
    t->name = "dw_q"; t->dtype = HLN_DTYPE_I8; t->n_dims = 4; t->dims = dw_dims; t->n_elements = 72; t->n_bytes = 72; t->data = dw;
    b.g->values[wv].tensor = (int32_t)b.m->n_tensors++;
    wdq = tb_value(&b, "dw", -1, 0, 0);
    y = tb_value(&b, "y", -1, 0, 0);
    b.g->inputs[b.g->n_inputs++] = x;
    tb_node(&b, "DequantizeLinear", wv, s, wdq);
    tb_node(&b, "Conv", x, wdq, y);
    at = (hln_attr *)hln_arena_alloc(&b.m->arena, sizeof *at);
    at->name = "group"; at->type = HLN_ATTR_INT; at->i = 8;
    b.g->nodes[1].attrs = at;
    b.g->nodes[1].n_attrs = 1;
    prev = x;   /* x -> (Q -> DQ -> Relu) x3 -> MatMul */
    for (i = 0; i < 3; i++) {
        v[0] = tb_value(&b, "q", -1, 0, 0); v[1] = tb_value(&b, "d", -1, 0, 0); v[2] = tb_value(&b, "r", -1, 0, 0);
        tb_node(&b, "QuantizeLinear", prev, s, v[0]);
        tb_node(&b, "DequantizeLinear", v[0], s, v[1]);
        tb_node(&b, "Relu", v[1], -1, v[2]);
        prev = v[2];
    }
    v[3] = tb_value(&b, "out", -1, 0, 0);
    tb_node(&b, "MatMul", prev, mw, v[3]);
    b.g->outputs[b.g->n_outputs++] = y;
    b.g->outputs[b.g->n_outputs++] = v[3];
    T_CHECK(tb_analyze(&b, &gs, &a, 0));
    T_CHECK(has_deduction(&a, "depthwise-per-tensor"));
    T_CHECK(has_deduction(&a, "precision-churn"));   /* 6 float/int boundaries for 1 compute op with MACs */
    T_EQ_U64(a.quant.per_tensor, 1);
    hln_model_free(b.m);
}

static void tb_node_n(tb *b, const char *op, const int32_t *in, uint32_t n_in, int32_t out) {
    uint32_t k;
    tb_node(b, op, -1, -1, out);
    b->g->nodes[b->g->n_nodes - 1].inputs = (int32_t *)hln_arena_array(&b->m->arena, n_in, sizeof(int32_t));
    for (k = 0; k < n_in; k++) b->g->nodes[b->g->n_nodes - 1].inputs[k] = in[k];
    b->g->nodes[b->g->n_nodes - 1].n_inputs = n_in;
}
/* QOperator: x -> QuantizeLinear -> QLinearMatMul (per-channel w_scale) -> QLinearConv (depthwise,
   one w_scale) -> DequantizeLinear. The corpus has no QOperator model (no QLinear*, ConvInteger
   or MatMulInteger node in any file), so the scheme, coverage and lint are checked here. */
static void test_synthetic_qoperator(void) {
    static float one = 0.05f, ch[64], w[64 * 64];
    static int64_t dw_dims[4] = { 8, 1, 3, 3 };
    static int8_t dw[72];
    tb b;
    hln_graph_summary gs;
    hln_analysis a;
    hln_tensor *t;
    hln_attr *at;
    int32_t x, s, zp, ws, wq, xq, yq, dq, cq, out, in[8];
    int i;
    for (i = 0; i < 64; i++) ch[i] = 0.01f * (float)(i + 1);
    if (!tb_init(&b, 8, 16, 8)) { T_CHECK(0); return; }
    x = tb_value(&b, "x", 2, 64, 64);
    s = tb_weight(&b, "s", 1, 1, &one);
    zp = tb_weight(&b, "zp", 1, 1, &one);
    ws = tb_weight(&b, "w_scale", 64, 1, ch);
    wq = tb_weight(&b, "w_q", 64, 64, w);
    xq = tb_value(&b, "xq", -1, 0, 0);
    yq = tb_value(&b, "yq", -1, 0, 0);
    cq = tb_value(&b, "cq", -1, 0, 0);
    out = tb_value(&b, "out", -1, 0, 0);
    dq = tb_value(&b, "dw_q", 4, 8, 1);   /* int8 [8,1,3,3] */
    t = &b.m->tensors[b.m->n_tensors];
    t->name = "dw_q"; t->dtype = HLN_DTYPE_I8; t->n_dims = 4; t->dims = dw_dims; t->n_elements = 72; t->n_bytes = 72; t->data = dw;
    b.g->values[dq].tensor = (int32_t)b.m->n_tensors++;
    b.g->inputs[b.g->n_inputs++] = x;
    in[0] = x; in[1] = s; in[2] = zp;
    tb_node_n(&b, "QuantizeLinear", in, 3, xq);
    in[0] = xq; in[1] = s; in[2] = zp; in[3] = wq; in[4] = ws; in[5] = zp; in[6] = s; in[7] = zp;
    tb_node_n(&b, "QLinearMatMul", in, 8, yq);
    in[0] = yq; in[3] = dq; in[4] = s;
    tb_node_n(&b, "QLinearConv", in, 8, cq);
    at = (hln_attr *)hln_arena_alloc(&b.m->arena, sizeof *at);
    at->name = "group"; at->type = HLN_ATTR_INT; at->i = 8;
    b.g->nodes[2].attrs = at;
    b.g->nodes[2].n_attrs = 1;
    in[0] = cq; in[1] = s; in[2] = zp;
    tb_node_n(&b, "DequantizeLinear", in, 3, out);
    b.g->outputs[b.g->n_outputs++] = out;
    T_CHECK(tb_analyze(&b, &gs, &a, 0));
    T_EQ_STR(a.quant.scheme, "qoperator");
    T_EQ_U64(a.quant.qoperator, 2);
    T_EQ_U64(a.quant.per_channel, 1);   /* the MatMul's 64 scales */
    T_EQ_U64(a.quant.per_tensor, 1);    /* the depthwise conv's one */
    T_CHECK(gs.macs > 0 && a.quant.int_mac_share == 1.0);   /* every MAC in a QLinear op */
    T_CHECK(has_deduction(&a, "depthwise-per-tensor"));
    T_CHECK(!has_deduction(&a, "qdq-missing"));
    T_EQ_U64(a.quant.precision_changes, 2);   /* QuantizeLinear in, DequantizeLinear out */
    hln_model_free(b.m);
}
/* The same lint rule on TFLite's vocabulary: a DEPTHWISE_CONV_2D whose int8 weight declares one
   scale (every depthwise conv in the corpus TFLite models is per-channel). */
static void test_synthetic_tflite_depthwise(void) {
    static int64_t dims[4] = { 1, 3, 3, 8 };
    static int8_t dw[72];
    static uint8_t sc[4];
    static hln_value_info qi;
    float f = 0.02f;
    uint32_t u;
    tb b;
    hln_graph_summary gs;
    hln_analysis a;
    hln_tensor *t;
    int32_t x, w, y;
    uint32_t i;
    memcpy(&u, &f, sizeof u);
    for (i = 0; i < 4; i++) sc[i] = (uint8_t)(u >> (8 * i));   /* float32 little-endian, as the file stores it */
    qi.n_scales = 1;
    qi.scales = sc;
    if (!tb_init(&b, 4, 8, 4)) { T_CHECK(0); return; }
    x = tb_value(&b, "x", 2, 1, 8);
    w = tb_value(&b, "dw", 4, 1, 3);
    y = tb_value(&b, "y", -1, 0, 0);
    t = &b.m->tensors[b.m->n_tensors];
    t->name = "dw"; t->dtype = HLN_DTYPE_I8; t->n_dims = 4; t->dims = dims; t->n_elements = 72; t->n_bytes = 72; t->data = dw;
    b.g->values[w].tensor = (int32_t)b.m->n_tensors++;
    for (i = 0; i < b.g->n_values; i++) { b.g->values[i].dtype = HLN_DTYPE_I8; b.g->values[i].info = &qi; }
    b.g->inputs[b.g->n_inputs++] = x;
    tb_node(&b, "DEPTHWISE_CONV_2D", x, w, y);
    b.g->nodes[0].domain = "tflite";
    b.g->outputs[b.g->n_outputs++] = y;
    T_CHECK(tb_analyze(&b, &gs, &a, 0));
    T_EQ_STR(a.quant.scheme, "full-integer int8");
    T_CHECK(has_deduction(&a, "depthwise-per-tensor"));
    T_EQ_U64(a.quant.per_tensor, 1);
    hln_model_free(b.m);
}

/* GPTQ act-order: a weight-only layer with qweight/qzeros/scales/g_idx (the corpus has no
   GPTQ model). g_idx in channel order is no act-order; a permuted one is (--weights); without
   --weights only the quantize config's desc_act tells. */
static void gptq_case(const int32_t *g_idx, int read_weights, int64_t desc_act, int want) {
    static int32_t qweight[8 * 64], qzeros[4 * 8];
    static uint16_t scales[4 * 64];
    static int64_t dims[4][2] = { { 8, 64 }, { 4, 8 }, { 4, 64 }, { 64, 1 } };
    static const char *const names[4] = { "model.layers.0.self_attn.q_proj.qweight", "model.layers.0.self_attn.q_proj.qzeros",
                                          "model.layers.0.self_attn.q_proj.scales", "model.layers.0.self_attn.q_proj.g_idx" };
    const void *data[4];
    hln_model *m;
    hln_analysis a;
    hln_analysis_options o;
    hln_error err;
    uint32_t i;
    data[0] = qweight; data[1] = qzeros; data[2] = scales; data[3] = g_idx;
    if (hln_model_create(NULL, &m) != HLN_OK) { T_CHECK(0); return; }
    m->format = HLN_FORMAT_SAFETENSORS;
    m->hp.quant_desc_act = desc_act;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, 4, sizeof(hln_tensor));
    for (i = 0; i < 4; i++) {
        hln_tensor *t = &m->tensors[i];
        t->name = names[i];
        t->dtype = i == 2 ? HLN_DTYPE_F16 : HLN_DTYPE_I32;
        t->n_dims = i == 3 ? 1 : 2;
        t->dims = dims[i];
        t->n_elements = (uint64_t)(dims[i][0] * dims[i][1]);
        t->n_bytes = t->n_elements * (i == 2 ? 2 : 4);
        t->data = data[i];
    }
    m->n_tensors = 4;
    memset(&o, 0, sizeof o);
    o.read_weights = read_weights;
    T_CHECK(hln_model_analyze(m, &o, &a, &err) == HLN_OK);
    T_EQ_STR(a.quant.scheme, "gptq");
    T_EQ_I64(a.quant.act_order, want);
    hln_model_free(m);
}
static void test_synthetic_gptq_act_order(void) {
    static int32_t in_order[64], permuted[64];
    int i;
    for (i = 0; i < 64; i++) { in_order[i] = i / 16; permuted[i] = (i * 7) % 64 / 16; }   /* groups of 16 channels */
    gptq_case(in_order, 1, -1, 0);
    gptq_case(permuted, 1, -1, 1);
    gptq_case(permuted, 1, 0, 1);     /* the values win over a config that says otherwise */
    gptq_case(permuted, 0, -1, -1);   /* no --weights, no config: unknown */
    gptq_case(in_order, 0, 1, 1);     /* desc_act from the config */
}

/* Hostile shapes: a 100k-deep chain, a 1M-node graph, a cycle. */
static void chain_case(uint32_t n, const char *name) {
    tb b;
    hln_graph_summary gs;
    hln_analysis a;
    uint32_t i;
    int32_t prev;
    t_begin(name);
    if (!tb_init(&b, n, n + 1, 1)) { T_CHECK(0); t_end(); return; }
    prev = tb_value(&b, "x", 2, 1, 4);
    b.g->inputs[b.g->n_inputs++] = prev;
    for (i = 0; i < n; i++) {
        int32_t v = tb_value(&b, "v", -1, 0, 0);
        tb_node(&b, "Relu", prev, -1, v);
        prev = v;
    }
    b.g->outputs[b.g->n_outputs++] = prev;
    T_CHECK(tb_analyze(&b, &gs, &a, 0));
    T_EQ_U64(a.n_critical, n);
    T_EQ_U64(a.n_timeline, n);
    T_CHECK(a.n_blocks <= 1);
    hln_model_free(b.m);
    t_end();
}
static void test_hostile(void) {
    tb b;
    hln_graph_summary gs;
    hln_analysis a;
    hln_error err;
    hln_analysis_options o;
    int32_t x, y, z;
    chain_case(100000, "chain_100k");
    chain_case(1000000, "graph_1m");
    t_begin("cycle");
    if (tb_init(&b, 4, 4, 1)) {
        x = tb_value(&b, "x", 2, 1, 4);
        y = tb_value(&b, "y", -1, 0, 0);
        z = tb_value(&b, "z", -1, 0, 0);
        b.g->inputs[b.g->n_inputs++] = x;
        tb_node(&b, "Add", x, z, y);
        tb_node(&b, "Relu", y, -1, z);
        b.g->outputs[b.g->n_outputs++] = z;
        T_CHECK(hln_graph_analyze(b.m, NULL, &gs, &err) != HLN_OK);   /* rejected */
        memset(&o, 0, sizeof o);
        T_EQ_I64(hln_model_analyze(b.m, &o, &a, &err), HLN_ERR_ARG);   /* no order: refused, not looped */
        hln_model_free(b.m);
    } else T_CHECK(0);
    t_end();
}

/* ---- reports ---- */
typedef struct sink { char *p; size_t n, cap; } sink;
static int sink_write(void *user, const void *bytes, size_t n) {
    sink *s = (sink *)user;
    if (s->n + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        char *q;
        while (cap < s->n + n + 1) cap *= 2;
        q = (char *)realloc(s->p, cap);
        if (!q) return 0;
        s->p = q;
        s->cap = cap;
    }
    memcpy(s->p + s->n, bytes, n);
    s->n += n;
    s->p[s->n] = 0;
    return 1;
}
/* Brackets balance outside strings and the document closes exactly at its end. */
static int json_balanced(const char *p) {
    int depth = 0, in_str = 0;
    for (; *p; p++) {
        if (in_str) { if (*p == '\\' && p[1]) p++; else if (*p == '"') in_str = 0; continue; }
        if (*p == '"') in_str = 1;
        else if (*p == '{' || *p == '[') depth++;
        else if (*p == '}' || *p == ']') { if (--depth < 0) return 0; if (!depth) return strcmp(p + 1, "\n") == 0; }
    }
    return 0;
}
static void test_reports(void) {
    loaded l;
    hln_report_options ro;
    sink js = { NULL, 0, 0 }, md = { NULL, 0, 0 }, red = { NULL, 0, 0 };
    char para[512];
    if (!load("onnx/generated/tiny_gpt2.onnx", 0, &l)) return;
    memset(&ro, 0, sizeof ro);
    ro.graph = &l.gs;
    ro.analysis = &l.a;
    T_CHECK(hln_report_json(l.m, &ro, sink_write, &js) == HLN_OK);
    T_CHECK(js.p && json_balanced(js.p));
    T_CHECK(js.p && strstr(js.p, "\n  \"analysis\": {\n    \"architecture\": {\"class\": \"decoder-only-llm\""));
    T_CHECK(js.p && strstr(js.p, "\n  \"risks\": [") && strstr(js.p, "\n  \"quantization\": {\"scheme\": \"none\"") &&
            strstr(js.p, "\n  \"efficiency\": {"));
    T_CHECK(js.p && strstr(js.p, "{\"kind\": \"MHA\", \"n_head\": 4, \"n_head_kv\": 4, \"head_dim\": 16"));
    T_CHECK(js.p && strstr(js.p, "{\"name\": \"transformer layer\", \"count\": 2"));
    T_CHECK(hln_report_markdown(l.m, &ro, sink_write, &md) == HLN_OK);
    hln_report_architecture_text(&l.a, para, sizeof para);
    T_CHECK(strncmp(para, "decoder-only-llm; transformer layer x2; attention MHA 4 heads", 61) == 0);
    T_CHECK(md.p && strstr(md.p, "## Model structure") && strstr(md.p, para) && strstr(md.p, "| `fp16-overflow` |"));
    ro.redact_names = 1;
    T_CHECK(hln_report_json(l.m, &ro, sink_write, &red) == HLN_OK);
    T_CHECK(red.p && !strstr(red.p, "ReduceMean_1") && !strstr(red.p, "wte.weight"));   /* node and tensor names stay out */
    free(js.p);
    free(md.p);
    free(red.p);
    unload(&l);
}

/* ---- fixtures: a committed file for every rule the corpus does not trigger at the defaults ----
   the .onnx files of tests/fixtures/analysis (written by make_fixtures.py there), each loaded through the
   ONNX reader with default options; each has a clean twin that must not trigger the rule. */
typedef struct fixture_case {
    const char *file;          /* under tests/fixtures/analysis/, without .onnx */
    int lint;                  /* 1: a lint deduction, 0: a risk */
    const char *id, *where;    /* exact id and where */
    int level;                 /* severity (risk) or points (deduction) */
    const char *fix_part;      /* a phrase the fix must contain */
    int weights;               /* read_weights */
} fixture_case;
static const hln_finding *fixture_find(const hln_analysis *a, int lint, const char *id, uint32_t *count) {
    const hln_finding *f = lint ? a->quant.deductions : a->risks, *hit = NULL;
    uint32_t i, n = lint ? a->quant.n_deductions : a->n_risks;
    *count = 0;
    for (i = 0; i < n; i++) if (strcmp(f[i].id, id) == 0) { if (!hit) hit = &f[i]; ++*count; }
    return hit;
}
static int fixture_load(const char *file, int weights, loaded *l) {
    char path[256];
    hln_error err;
    hln_analysis_options o;
    memset(l, 0, sizeof *l);
    memset(&err, 0, sizeof err);
    memset(&o, 0, sizeof o);
    snprintf(path, sizeof path, "tests/fixtures/analysis/%s.onnx", file);
    if (hln_onnx_load_file(NULL, path, &l->m, &err) != HLN_OK) { T_CHECKF(0, "%s: %s", path, err.message); return 0; }
    T_CHECK(hln_graph_analyze(l->m, NULL, &l->gs, &err) == HLN_OK);
    o.graph = &l->gs;
    o.read_weights = weights;
    T_CHECK(hln_model_analyze(l->m, &o, &l->a, &err) == HLN_OK);
    return 1;
}
static void test_fixtures(void) {
    static const fixture_case cases[] = {
        { "dead_node", 0, "dead-node", "1 nodes, first 'orphan_sigmoid' (Sigmoid)", HLN_SEV_INFO, "dead-code elimination", 0 },
        { "exp_no_max", 0, "fp16-overflow", "1 Exp nodes, first 'raw_exp'", HLN_SEV_WARN, "subtract ReduceMax first", 0 },
        { "embedding_heavy", 0, "embedding-heavy", "98% of the parameters", HLN_SEV_INFO, "keep the tables at 8 bits", 0 },
        { "scale_mismatch", 1, "scale-mismatch", "'residual_add' (Add)", 5, "shared scale at the join", 0 },
        { "depthwise_per_tensor", 1, "depthwise-per-tensor", "'dw_conv'", 10, "per channel (axis 0)", 0 },
        { "precision_churn", 1, "precision-churn", "6 float/int boundaries for 1 compute ops", 10, "quantize whole chains", 0 },
        { "quant_sensitive", 1, "quant-sensitive", "'w2'", 5, "keep this tensor at 8 bits", 1 },
    };
    size_t c;
    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const fixture_case *fc = &cases[c];
        char clean[64];
        loaded l;
        const hln_finding *f;
        uint32_t count;
        if (!fixture_load(fc->file, fc->weights, &l)) continue;
        f = fixture_find(&l.a, fc->lint, fc->id, &count);
        T_CHECK(f != NULL);
        T_EQ_U64(count, 1);
        if (f) {
            T_EQ_STR(f->where, fc->where);
            T_EQ_I64(f->level, fc->level);
            T_CHECK(f->why && f->why[0] && f->fix && f->fix[0]);
            if (fc->fix_part) T_CHECK(f->fix && strstr(f->fix, fc->fix_part) != NULL);
        }
        if (fc->lint) T_EQ_I64(l.a.quant.score, 100 - fc->level);   /* the one deduction of the file */
        if (strcmp(fc->id, "scale-mismatch") == 0) {   /* 0.1 / 0.03: the two DequantizeLinear scales */
            T_EQ_U64(l.a.quant.n_mismatch, 1);
            if (l.a.quant.n_mismatch) T_CHECK(fabs(l.a.quant.mismatch[0].ratio - 0.1f / 0.03f) < 1e-6);
        }
        if (strcmp(fc->id, "quant-sensitive") == 0 && l.a.quant_snr_db) {   /* the +-1 matrix: 9.7 dB, the Gaussian ones about 21 */
            uint32_t t, kept = 0;
            for (t = 0; t < l.m->n_tensors; t++) {
                if (strcmp(l.m->tensors[t].name, "w2") == 0) T_CHECK(l.a.quant_snr_db[t] > 9 && l.a.quant_snr_db[t] < 10.5);
                else if (l.m->tensors[t].name[0] == 'w') T_CHECK(l.a.quant_snr_db[t] > 18);
            }
            for (t = 0; t < l.a.quant.n_keep; t++) kept += strcmp(l.m->tensors[l.a.quant.keep[t]].name, "w2") == 0;
            T_EQ_U64(kept, 1);   /* it joins the keep-at-higher-precision list */
        }
        unload(&l);
        snprintf(clean, sizeof clean, "%s_clean", fc->file);
        if (!fixture_load(clean, fc->weights, &l)) continue;
        f = fixture_find(&l.a, fc->lint, fc->id, &count);
        T_CHECK(f == NULL);
        if (fc->lint) T_EQ_I64(l.a.quant.score, 100);
        unload(&l);
    }
}

/* The Q4_0 sensitivity array of --weights in the JSON report (quantization.sensitivity) and the
   Markdown card: the numbers of hln_analysis.quant_snr_db, the median the lint uses. */
static void test_sensitivity_report(void) {
    loaded l;
    hln_report_options ro;
    sink js = { NULL, 0, 0 }, md = { NULL, 0, 0 }, plain = { NULL, 0, 0 };
    uint32_t t, measured = 0;
    double snr[8], med;
    char want[160];
    if (!fixture_load("quant_sensitive", 1, &l)) return;
    memset(&ro, 0, sizeof ro);
    ro.graph = &l.gs;
    ro.analysis = &l.a;
    T_CHECK(l.a.quant_snr_db != NULL);
    T_CHECK(hln_report_json(l.m, &ro, sink_write, &js) == HLN_OK);
    T_CHECK(js.p && json_balanced(js.p));
    T_CHECK(js.p && strstr(js.p, "\"sensitivity\": {\"format\": \"Q4_0\", \"measured\": 4, \"median_db\": "));
    for (t = 0; l.a.quant_snr_db && js.p && t < l.m->n_tensors; t++) {   /* each measured matrix, with its own number */
        const char *at;
        if (!(l.a.quant_snr_db[t] > 0)) continue;
        if (measured < 8) snr[measured] = l.a.quant_snr_db[t];
        measured++;
        snprintf(want, sizeof want, "{\"tensor\": \"%s\", \"snr_db\": ", l.m->tensors[t].name);
        at = strstr(js.p, want);
        T_CHECKF(at != NULL, "%s missing", want);
        if (at) T_CHECK(fabs(strtod(at + strlen(want), NULL) - l.a.quant_snr_db[t]) <= 1e-9 * l.a.quant_snr_db[t]);
    }
    T_EQ_U64(measured, 4);   /* w0..w3: the four 16 x 64 float matrices */
    if (measured == 4) {
        const char *at = js.p ? strstr(js.p, "\"median_db\": ") : NULL;
        uint32_t i, j;
        for (i = 0; i < 4; i++) for (j = i + 1; j < 4; j++) if (snr[j] < snr[i]) { med = snr[i]; snr[i] = snr[j]; snr[j] = med; }
        med = snr[2];   /* sorted[n / 2], as the lint */
        T_CHECK(at && fabs(strtod(at + 13, NULL) - med) <= 1e-9 * med);
        T_CHECK(hln_report_markdown(l.m, &ro, sink_write, &md) == HLN_OK);
        snprintf(want, sizeof want, "- Q4_0 SNR (`--weights`): 4 matrices measured, median %.1f dB, lowest w2 %.1f dB\n", med, snr[0]);
        T_CHECKF(md.p && strstr(md.p, want), "markdown lacks: %s", want);
    }
    unload(&l);
    if (fixture_load("quant_sensitive", 0, &l)) {   /* without --weights: null */
        memset(&ro, 0, sizeof ro);
        ro.graph = &l.gs;
        ro.analysis = &l.a;
        T_CHECK(hln_report_json(l.m, &ro, sink_write, &plain) == HLN_OK);
        T_CHECK(plain.p && strstr(plain.p, "\"sensitivity\": null"));
        unload(&l);
    }
    free(js.p);
    free(md.p);
    free(plain.p);
}

/* ---- TFLite CNNs: blocks and patterns through the op-family view ----
   Expected counts come from the file's own operators, adjacent ops only: a DEPTHWISE_CONV_2D
   whose output goes straight to a 1x1 CONV_2D is depthwise-separable; with a 1x1 CONV_2D feeding
   it (through a PAD) that is wider than the project conv, an inverted residual (MobileNet v2's
   narrow -> wide -> narrow, not v1's widening chain); an ADD of two operator outputs can be a
   residual join. */
typedef struct tfl_counts { uint32_t dw, separable, inverted, adds, convs; } tfl_counts;
static int tfl_is(const hln_node *n, const char *op) { return strcmp(n->domain, "tflite") == 0 && strcmp(n->op_type, op) == 0; }
static const hln_tensor *tfl_weight(const hln_model *m, const hln_graph *g, const hln_node *n) {
    int32_t v = n->n_inputs > 1 ? n->inputs[1] : -1;
    if (v >= 0 && g->values[v].tensor < 0 && g->values[v].producer >= 0 && tfl_is(&g->nodes[g->values[v].producer], "DEQUANTIZE"))
        v = g->nodes[g->values[v].producer].inputs[0];   /* fp16 weights widened at load */
    return v >= 0 && g->values[v].tensor >= 0 ? &m->tensors[g->values[v].tensor] : NULL;
}
static int tfl_pointwise(const hln_model *m, const hln_graph *g, int32_t node) {
    const hln_tensor *t;
    if (node < 0 || !tfl_is(&g->nodes[node], "CONV_2D")) return 0;
    t = tfl_weight(m, g, &g->nodes[node]);
    return t && t->n_dims == 4 && t->dims[1] == 1 && t->dims[2] == 1;
}
static tfl_counts tfl_count(const hln_model *m) {
    const hln_graph *g = m->graph;
    tfl_counts c;
    uint32_t i, j, k;
    memset(&c, 0, sizeof c);
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        if (tfl_is(n, "CONV_2D") || tfl_is(n, "DEPTHWISE_CONV_2D")) c.convs++;
        if (tfl_is(n, "ADD") && n->n_inputs == 2 && g->values[n->inputs[0]].producer >= 0 && g->values[n->inputs[1]].producer >= 0 &&
            g->values[n->inputs[0]].tensor < 0 && g->values[n->inputs[1]].tensor < 0) c.adds++;
        if (!tfl_is(n, "DEPTHWISE_CONV_2D")) continue;
        c.dw++;
        for (j = 0; j < g->n_nodes; j++)   /* the readers of its output */
            for (k = 0; k < g->nodes[j].n_inputs; k++)
                if (g->nodes[j].inputs[k] == n->outputs[0] && tfl_pointwise(m, g, (int32_t)j)) {
                    int32_t e = g->values[n->inputs[0]].producer;
                    c.separable++;
                    if (e >= 0 && tfl_is(&g->nodes[e], "PAD")) e = g->values[g->nodes[e].inputs[0]].producer;   /* explicit padding */
                    if (tfl_pointwise(m, g, e) && tfl_weight(m, g, &g->nodes[j])->dims[0] < tfl_weight(m, g, &g->nodes[e])->dims[0]) c.inverted++;
                    j = g->n_nodes;
                    break;
                }
    }
    return c;
}
static void test_tflite_structure(void) {
    static const char *const files[] = { "tflite/tflm_mobilenet_v2_quantized_1x3x224x224.tflite", "tflite/tflm_person_detect.tflite",
                                         "tflite/mp_face_detection_short_range.tflite", "tflite/mp_hand_landmark_lite.tflite",
                                         "tflite/mp_palm_detection_lite.tflite" };
    size_t f;
    for (f = 0; f < sizeof files / sizeof files[0]; f++) {
        loaded l;
        tfl_counts c;
        if (!load(files[f], 0, &l)) continue;
        c = tfl_count(l.m);
        T_CHECKF(c.separable > 0, "%s: no depthwise conv feeds a 1x1 conv", files[f]);
        T_EQ_U64(pattern_count(&l.a, "depthwise_separable", NULL), c.separable);
        T_EQ_U64(pattern_count(&l.a, "inverted_residual", NULL), c.inverted);
        T_CHECK(pattern_count(&l.a, "residual_add", NULL) <= c.adds);
        T_EQ_U64(pattern_count(&l.a, "conv_bn_act", "conv-bn") + pattern_count(&l.a, "conv_bn_act", "conv-bn-act"), 0);   /* BN folded at conversion */
        T_CHECK(l.a.n_blocks >= 1);
        T_CHECK(l.a.arch == HLN_ARCH_CNN || l.a.arch == HLN_ARCH_DETECTION);
        T_CHECK(l.a.n_attention == 0);
        if (f == 0) {   /* MobileNet v2: 17 bottlenecks, 16 with an expand conv, 10 ADD shortcuts */
            T_EQ_U64(c.separable, 17);
            T_EQ_U64(c.inverted, 16);
            T_EQ_U64(pattern_count(&l.a, "residual_add", NULL), c.adds);
            T_CHECK(block_count(&l.a, "inverted residual block") >= 2);
        }
        if (f == 1) T_EQ_U64(c.inverted, 0);   /* MobileNet v1: pointwise convs widen, nothing is inverted */
        unload(&l);
    }
}

/* torchaudio Conformer (one layer) in TFLite: self-attention written out with BATCH_MATMUL,
   RESHAPE, TRANSPOSE, SLICE and SOFTMAX; expected figures from the file's own tensors. */
static void test_tflite_conformer(void) {
    loaded l;
    const hln_graph *g;
    uint32_t i, softmax = 0, bmm = 0, k;
    int64_t d_model = -1, head_dim = -1;
    if (!load("tflite/litert_torchaudio_conformer.tflite", 0, &l)) return;
    g = l.m->graph;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        if (tfl_is(n, "SOFTMAX")) softmax++;
        if (tfl_is(n, "BATCH_MATMUL") && bmm++ == 0) {   /* Q [B*H, S, head_dim] x K^T */
            const hln_value *q = &g->values[n->inputs[0]];
            if (q->inferred.rank == 3) head_dim = q->inferred.dims[2].value;
        }
        if (tfl_is(n, "FULLY_CONNECTED")) {   /* in_proj: one [3 d_model, d_model] weight for Q, K and V */
            const hln_tensor *w = tfl_weight(l.m, g, n);
            if (w && w->n_dims == 2 && w->dims[0] == 3 * w->dims[1]) d_model = w->dims[1];
        }
    }
    T_EQ_U64(softmax, 1);
    T_EQ_U64(bmm, 2);
    T_EQ_I64(d_model, 80);
    T_EQ_I64(head_dim, 20);
    T_EQ_STR(hln_arch_class_name(l.a.arch), "encoder-only-transformer");
    T_EQ_U64(l.a.n_attention, softmax);
    T_EQ_U64(pattern_count(&l.a, "attention", "scaled-dot-product"), softmax);
    T_EQ_U64(pattern_count(&l.a, "softmax_head", NULL), 0);
    if (l.a.n_attention == 1) {
        const hln_attention *at = &l.a.attention[0];
        T_EQ_STR(at->kind, "MHA");
        T_EQ_I64(at->head_dim, head_dim);
        T_EQ_I64(at->n_head, d_model / head_dim);
        T_EQ_I64(at->n_head_kv, d_model / head_dim);   /* K is a third of the fused projection */
        T_EQ_I64(at->causal, 0);                        /* a padding mask from the lengths input, no causal mask */
        T_EQ_I64(at->cross, 0);
        T_CHECK(at->layer < l.a.n_instances);
        if (at->layer < l.a.n_instances) T_EQ_STR(l.a.blocks[l.a.instances[at->layer].block].name, "conformer layer");
        T_EQ_I64(l.a.node_instance[at->node], (int64_t)at->layer);
    }
    T_EQ_U64(l.a.n_blocks, 1);
    T_EQ_U64(block_count(&l.a, "conformer layer"), softmax);   /* one layer per attention core */
    for (i = 0, k = 0; i < g->n_nodes; i++) k += tfl_is(&g->nodes[i], "DEPTHWISE_CONV_2D") && l.a.node_instance[i] >= 0;
    T_EQ_U64(k, 1);                                       /* the conv module's depthwise conv is in the layer */
    T_EQ_STR(l.a.mlp, "SiLU");                             /* two feed-forward modules (Linear, SiLU, Linear) */
    T_EQ_U64(pattern_count(&l.a, "mlp", "SiLU"), 2);
    for (i = 0, k = 0; i < g->n_nodes; i++) k += tfl_is(&g->nodes[i], "SQUARED_DIFFERENCE");   /* a written-out LayerNorm each */
    T_EQ_U64(k, 5);                                        /* ffn1, self-attention, conv module, ffn2, final */
    T_EQ_U64(pattern_count(&l.a, "norm", "LayerNorm"), k);
    T_EQ_STR(l.a.norm, "LayerNorm");
    T_EQ_STR(l.a.norm_placement, "pre-norm");              /* each module's residual add skips its norm */
    {
        hln_llm llm;
        T_EQ_U64(hln_model_llm(l.m, &llm), HLN_OK);
        T_EQ_U64(llm.kv_bytes_per_token_f16, 0);           /* bidirectional: no KV cache */
    }
    unload(&l);
}

/* MediaPipe selfie segmentation: a MobileNetV3-like encoder (inverted residuals with SE, the
   squeeze an AVERAGE_POOL_2D to 1x1) and three upsampling decoder stages, with U-Net skips
   from the encoder live across them. Expected counts from the file's operators. */
static int tfl_from(const hln_graph *g, int32_t v, const char *op) {
    return v >= 0 && g->values[v].producer >= 0 && tfl_is(&g->nodes[g->values[v].producer], op);
}
/* OpenVINO and TensorRT CNNs through the op-family view: the class, no attention, the
   convolutions counted from the graph, and (cnn_fp32) the one depthwise GroupConvolution as a
   depthwise-separable conv. */
static uint32_t op_count(const hln_graph *g, const char *op) {
    uint32_t i, c = 0;
    for (i = 0; i < g->n_nodes; i++) c += strcmp(g->nodes[i].op_type, op) == 0;
    return c;
}
static void test_graph_cnns(void) {
    static const char *const files[4] = { "openvino/generated/cnn_fp32.xml", "openvino/real/pointpillars/pointpillars_ov_nn.xml",
                                          "tensorrt/trex/pytorch_resnet18_A100_fp16/resnet.onnx.engine.graph.json",
                                          "tensorrt/trex/tests_mobilenet_qat/mobilenet.qat.onnx.engine.graph.json" };
    int f;
    for (f = 0; f < 4; f++) {
        loaded l;
        uint32_t convs;
        char want[64];
        if (!load(files[f], 0, &l)) continue;
        convs = op_count(l.m->graph, "Convolution") + op_count(l.m->graph, "GroupConvolution") +
                op_count(l.m->graph, "ConvolutionBackpropData") + op_count(l.m->graph, "Deconvolution");
        T_CHECKF(l.a.arch == HLN_ARCH_CNN, "%s: %s", files[f], hln_arch_class_name(l.a.arch));
        T_EQ_U64(l.a.n_attention, 0);
        snprintf(want, sizeof want, "%u convolutions, no attention", (unsigned)convs);
        T_CHECKF(l.a.n_evidence > 0 && strcmp(l.a.evidence[0], want) == 0, "%s: '%s'", files[f], l.a.n_evidence ? l.a.evidence[0] : "");
        if (f == 0) {
            T_EQ_U64(op_count(l.m->graph, "GroupConvolution"), 1);
            T_EQ_U64(pattern_count(&l.a, "depthwise_separable", NULL), 1);
            T_EQ_U64(pattern_count(&l.a, "softmax_head", NULL), 1);
        }
        unload(&l);
    }
}
/* An OpenVINO TensorIterator whose body steps an LSTMCell over the sequence: the cell is found
   inside the body (the op-family view covers the top graph only), so the model is an RNN. */
static void test_openvino_loop_lstm(void) {
    loaded l;
    const hln_graph *g;
    uint32_t i, a, cells = 0;
    int32_t ti = -1;
    if (!load("openvino/generated/lstm_tensor_iterator.xml", 0, &l)) return;
    g = l.m->graph;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        if (strcmp(n->op_type, "TensorIterator") != 0) continue;
        ti = (int32_t)i;
        for (a = 0; a < n->n_attrs; a++)
            if (n->attrs[a].type == HLN_ATTR_GRAPH && n->attrs[a].graphs && n->attrs[a].count == 1)
                cells += op_count(n->attrs[a].graphs[0], "LSTMCell");
    }
    T_CHECK(ti >= 0);
    T_EQ_U64(cells, 1);
    T_EQ_STR(hln_arch_class_name(l.a.arch), "rnn");
    T_EQ_U64(pattern_count(&l.a, "recurrent", "LSTM cell in TensorIterator"), cells);
    for (i = 0; i < l.a.n_patterns; i++)
        if (strcmp(l.a.patterns[i].kind, "recurrent") == 0) T_CHECK(l.a.patterns[i].n_where == 1 && l.a.patterns[i].where[0] == (uint32_t)ti);
    unload(&l);
}
static void test_tflite_selfie(void) {
    loaded l;
    const hln_graph *g;
    uint32_t i, j, k, se = 0, se_residual = 0, resize = 0;
    if (!load("tflite/mp_selfie_segmentation.tflite", 0, &l)) return;
    g = l.m->graph;
    for (i = 0; i < g->n_nodes; i++) {
        const hln_node *n = &g->nodes[i];
        if (tfl_is(n, "RESIZE_BILINEAR")) resize++;
        if (!tfl_is(n, "MUL") || n->n_inputs != 2) continue;
        for (k = 0; k < 2; k++) {   /* x * LOGISTIC(CONV(RELU(CONV(AVERAGE_POOL_2D(x))))) */
            int32_t v = n->inputs[k], p;
            if (!tfl_from(g, v, "LOGISTIC")) continue;
            v = g->nodes[g->values[v].producer].inputs[0];
            if (!tfl_from(g, v, "CONV_2D")) continue;
            v = g->nodes[g->values[v].producer].inputs[0];
            if (!tfl_from(g, v, "RELU")) continue;
            v = g->nodes[g->values[v].producer].inputs[0];
            if (!tfl_from(g, v, "CONV_2D")) continue;
            v = g->nodes[g->values[v].producer].inputs[0];
            if (!tfl_from(g, v, "AVERAGE_POOL_2D")) continue;
            p = g->values[v].producer;
            if (g->nodes[p].inputs[0] != n->inputs[1 - k]) continue;
            se++;
            {   /* the block input e: x = act(DEPTHWISE_CONV_2D(act(CONV_2D(e)))); residual when ADD(project(SE), e) */
                int32_t e = n->inputs[1 - k], step;
                for (step = 0; step < 4 && e >= 0 && g->values[e].producer >= 0; step++) e = g->nodes[g->values[e].producer].inputs[0];
                if (step < 4 || !tfl_from(g, g->nodes[g->values[n->inputs[1 - k]].producer].inputs[0], "DEPTHWISE_CONV_2D")) continue;
                for (j = 0; j < g->n_nodes; j++)   /* SE -> 1x1 project CONV_2D -> ADD with e */
                    if (tfl_is(&g->nodes[j], "CONV_2D") && g->nodes[j].inputs[0] == n->outputs[0]) {
                        uint32_t a2;
                        for (a2 = 0; a2 < g->n_nodes; a2++) {
                            const hln_node *ad = &g->nodes[a2];
                            if (tfl_is(ad, "ADD") && ad->n_inputs == 2 && ((ad->inputs[0] == g->nodes[j].outputs[0] && ad->inputs[1] == e) ||
                                                                         (ad->inputs[1] == g->nodes[j].outputs[0] && ad->inputs[0] == e))) se_residual++;
                        }
                    }
            }
        }
    }
    T_EQ_U64(se, 6);
    T_EQ_U64(se_residual, 4);
    T_EQ_U64(resize, 3);
    T_EQ_U64(pattern_count(&l.a, "squeeze_excitation", NULL), se);
    T_EQ_U64(block_count(&l.a, "inverted residual block + SE"), se_residual);   /* expand 1x1, dw 5x5, SE, project 1x1, add: four in a row */
    T_EQ_U64(block_count(&l.a, "upsampling block"), resize);                  /* resize, 1x1, gated skip merge, 1x1, dw 3x3 residual */
    T_EQ_U64(l.a.n_blocks, 2);
    T_EQ_U64(l.a.n_attention, 0);
    unload(&l);
}

int main(void) {
    T_RUN(test_tiny_gpt2);
    T_RUN(test_transformer_encoder);
    test_gguf_llms();
    test_safetensors_llms();
    test_rnns();
    T_RUN(test_lstm_gru_cells);
    T_RUN(test_resnet18);
    T_RUN(test_squeezenet);
    test_ppocr();
    T_RUN(test_blazeface);
    T_RUN(test_qdq);
    T_RUN(test_gguf_quant);
    T_RUN(test_tflite_quant);
    T_RUN(test_tflite_structure);
    T_RUN(test_tflite_conformer);
    T_RUN(test_tflite_selfie);
    T_RUN(test_graph_cnns);
    T_RUN(test_openvino_loop_lstm);
    T_RUN(test_quant_sensitivity);
    T_RUN(test_corpus_risks);
    T_RUN(test_fixtures);
    T_RUN(test_sensitivity_report);
    T_RUN(test_synthetic_risks);
    T_RUN(test_synthetic_lint);
    T_RUN(test_synthetic_depthwise_churn);
    T_RUN(test_synthetic_qoperator);
    T_RUN(test_synthetic_tflite_depthwise);
    T_RUN(test_synthetic_gptq_act_order);
    T_RUN(test_reports);
    test_hostile();
    return t_finish("test_analysis");
}
