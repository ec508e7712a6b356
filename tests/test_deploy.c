/* tests/test_deploy.c - hardware profiles, the memory planner, estimates and roofline
 * (haoline_analysis.h, deployment section) against hand-computed and published figures. */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_report.h"
#include "test.h"

/* ---- IR models from published hyperparameters (tensors without bytes, GGUF names) ---- */
typedef struct spec {
    const char *arch;
    int64_t n_layer, n_head, n_head_kv, n_embd, n_ff, n_vocab, ctx, experts, used, window, kv_lora, rope;
} spec;

static void add_tensor(hln_model *m, const char *name, int64_t d0, int64_t d1, int64_t d2) {
    hln_tensor *t = &m->tensors[m->n_tensors++];
    uint32_t n = d2 ? 3 : d1 ? 2 : 1;
    t->name = hln_arena_strndup(&m->arena, name, strlen(name));
    t->dtype = HLN_DTYPE_F16;
    t->n_dims = n;
    t->dims = (int64_t *)hln_arena_array(&m->arena, n, sizeof(int64_t));
    t->dims[0] = d0;
    if (n > 1) t->dims[1] = d1;
    if (n > 2) t->dims[2] = d2;
    t->n_elements = (uint64_t)d0 * (uint64_t)(d1 ? d1 : 1) * (uint64_t)(d2 ? d2 : 1);
    t->n_bytes = t->n_elements * 2;
}

static hln_model *make_llm(const spec *s) {
    hln_model *m = NULL;
    int64_t l, head_dim = s->n_embd / s->n_head;
    char name[64];
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->format = HLN_FORMAT_GGUF;
    m->hp.arch = s->arch;
    m->hp.n_layer = s->n_layer;
    m->hp.n_head = s->n_head;
    m->hp.n_head_kv = s->n_head_kv;
    m->hp.n_embd = s->n_embd;
    m->hp.n_ff = s->n_ff;
    m->hp.n_vocab = s->n_vocab;
    m->hp.context_length = s->ctx;
    if (s->experts) { m->hp.expert_count = s->experts; m->hp.expert_used_count = s->used; }
    if (s->window) m->hp.sliding_window = s->window;
    if (s->kv_lora) { m->hp.kv_lora_rank = s->kv_lora; m->hp.rope_dim = s->rope; }
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, (uint64_t)(3 + 10 * s->n_layer), sizeof(hln_tensor));
    add_tensor(m, "token_embd.weight", s->n_vocab, s->n_embd, 0);
    add_tensor(m, "output.weight", s->n_vocab, s->n_embd, 0);
    add_tensor(m, "output_norm.weight", s->n_embd, 0, 0);
    for (l = 0; l < s->n_layer; l++) {
#define LAYER(suffix, a, b, c) do { snprintf(name, sizeof name, "blk.%lld." suffix, (long long)l); add_tensor(m, name, a, b, c); } while (0)
        LAYER("attn_norm.weight", s->n_embd, 0, 0);
        LAYER("attn_q.weight", s->n_head * head_dim, s->n_embd, 0);
        LAYER("attn_k.weight", s->n_head_kv * head_dim, s->n_embd, 0);
        LAYER("attn_v.weight", s->n_head_kv * head_dim, s->n_embd, 0);
        LAYER("attn_output.weight", s->n_embd, s->n_head * head_dim, 0);
        LAYER("ffn_norm.weight", s->n_embd, 0, 0);
        if (s->experts) {
            LAYER("ffn_gate_inp.weight", s->experts, s->n_embd, 0);
            LAYER("ffn_gate_exps.weight", s->experts, s->n_ff, s->n_embd);
            LAYER("ffn_up_exps.weight", s->experts, s->n_ff, s->n_embd);
            LAYER("ffn_down_exps.weight", s->experts, s->n_embd, s->n_ff);
        } else {
            LAYER("ffn_gate.weight", s->n_ff, s->n_embd, 0);
            LAYER("ffn_up.weight", s->n_ff, s->n_embd, 0);
            LAYER("ffn_down.weight", s->n_embd, s->n_ff, 0);
        }
#undef LAYER
    }
    return m;
}

/* Published configurations (the models' config.json / papers). */
static const spec llama2_7b = { "llama", 32, 32, 32, 4096, 11008, 32000, 4096, 0, 0, 0, 0, 0 };
static const spec llama3_8b = { "llama", 32, 32, 8, 4096, 14336, 128256, 8192, 0, 0, 0, 0, 0 };
static const spec mistral_7b = { "llama", 32, 32, 8, 4096, 14336, 32000, 32768, 0, 0, 4096, 0, 0 };
static const spec mixtral_8x7b = { "llama", 32, 32, 8, 4096, 14336, 32000, 32768, 8, 2, 0, 0, 0 };

static void deploy_of(const spec *s, hln_deploy_model *d) {
    hln_model *m = make_llm(s);
    T_CHECK(m != NULL);
    if (!m) { memset(d, 0, sizeof *d); return; }
    hln_deploy_model_init(m, NULL, d);
    hln_model_free(m);
}

static void test_kv_llama2_7b(void) {
    hln_deploy_model d;
    deploy_of(&llama2_7b, &d);
    T_CHECK(d.llm);
    /* 2 (K,V) x 32 layers x 32 heads x 128 x 2 bytes: the published 0.5 MiB per token */
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_F16), 524288);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_BF16), 524288);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_F32), 1048576);
    /* a 4096-wide row: 128 blocks of 32; q8_0 34 B, q4_0 18 B; nf4 64 blocks of 64 at 36 B;
       u8 4096 B + 32 heads x (f16 scale + f16 zero) */
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_Q8_0), 2u * 32 * 128 * 34);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_Q4_0), 2u * 32 * 128 * 18);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_NF4), 2u * 32 * 64 * 36);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_U8), 2u * 32 * (4096 + 32 * 4));
    T_EQ_U64(d.params_total, 6738415616ull);   /* Llama-2-7B: 6.74 B */
}

static void test_kv_llama3_8b_gqa(void) {
    hln_deploy_model d;
    hln_plan_options o;
    hln_plan p;
    deploy_of(&llama3_8b, &d);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_F16), 131072);   /* 8 KV heads: a quarter of MHA */
    T_EQ_U64(d.params_total, 8030261248ull);   /* Llama-3-8B: 8.03 B */
    memset(&o, 0, sizeof o);
    o.page_tokens = 1;
    T_CHECK(hln_plan_memory(&d, &o, 8192, 1, &p));
    T_EQ_U64(p.kv_bytes, 131072ull * 8192);   /* 1 GiB at 8k */
    T_EQ_U64(p.kv_waste_bytes, 0);
    T_CHECK(hln_plan_memory(&d, &o, 8192, 4, &p));
    T_EQ_U64(p.kv_bytes, 4ull * 131072 * 8192);
}

static void test_mistral_sliding_window(void) {
    hln_deploy_model d;
    hln_plan_options o;
    hln_plan p;
    deploy_of(&mistral_7b, &d);
    T_EQ_U64(d.window, 4096);
    T_EQ_U64(d.n_window_layers, 32);
    memset(&o, 0, sizeof o);
    o.page_tokens = 1;
    T_CHECK(hln_plan_memory(&d, &o, 2048, 1, &p));
    T_EQ_U64(p.kv_bytes, 2048ull * 131072);     /* below the window: every token */
    T_CHECK(hln_plan_memory(&d, &o, 32768, 1, &p));
    T_EQ_U64(p.kv_bytes, 4096ull * 131072);     /* a windowed layer caches at most 4096 */
    /* the cache stops growing, so the whole trained context fits where 4096 tokens do */
    T_EQ_U64(hln_plan_max_context(&d, &o, p.per_device_bytes, 1), 32768);
}

static void test_gemma2_alternating_window(void) {
    static const spec gemma2 = { "gemma2", 42, 16, 8, 3584, 14336, 256000, 8192, 0, 0, 4096, 0, 0 };
    hln_deploy_model d;
    hln_plan_options o;
    hln_plan p;
    uint64_t per = 2ull * 8 * 224 * 2;   /* per layer per token: head_dim 3584/16 = 224 */
    deploy_of(&gemma2, &d);
    T_EQ_U64(d.n_window_layers, 21);    /* every second layer is global */
    memset(&o, 0, sizeof o);
    o.page_tokens = 1;
    T_CHECK(hln_plan_memory(&d, &o, 8192, 1, &p));
    T_EQ_U64(p.kv_bytes, per * (21 * 8192 + 21 * 4096));
}

static void test_mixtral_params(void) {
    hln_model *m = make_llm(&mixtral_8x7b);
    hln_llm l;
    hln_deploy_model d;
    T_CHECK(m != NULL);
    if (!m) return;
    hln_model_llm(m, &l);
    T_EQ_U64(l.params_total, 46702792704ull);    /* published: 46.7 B total */
    T_EQ_U64(l.params_active, 12879925248ull);   /* published: 12.9 B active */
    T_CHECK(l.params_total / 10000000 == 4670);  /* 46.70 B */
    T_CHECK((l.params_active + 5000000) / 10000000 == 1288);   /* 12.88 B */
    hln_deploy_model_init(m, NULL, &d);
    T_EQ_U64(d.expert_bytes, 2ull * 32 * 3 * 8 * 14336 * 4096);
    hln_model_free(m);
}

static void test_mla_cache(void) {
    /* DeepSeek-V2-Lite: 27 layers, kv_lora_rank 512, qk_rope_head_dim 64: the latent and the
       RoPE key, 576 elements per token and layer */
    static const spec dsv2 = { "deepseek2", 27, 16, 16, 2048, 10944, 102400, 32768, 0, 0, 0, 512, 64 };
    hln_deploy_model d;
    deploy_of(&dsv2, &d);
    T_CHECK(d.mla);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_F16), 27u * 576 * 2);
    T_EQ_U64(hln_kv_bytes_per_token(&d, HLN_CACHE_Q8_0), 27u * 18 * 34);
}

static void test_hostile_claims(void) {
    /* a file may claim 10^12 layers: no per-layer pass may try to walk them */
    hln_model *m = NULL;
    hln_deploy_model d;
    hln_roof_point pts[4];
    hln_hw_list l;
    hln_plan_options o;
    double ridge;
    memset(&o, 0, sizeof o);
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return;
    m->hp.n_layer = 1000000000000ll;
    m->hp.n_head = m->hp.n_head_kv = 8;
    m->hp.n_embd = 1024;
    hln_deploy_model_init(m, NULL, &d);
    T_CHECK(!d.llm);
    hln_hw_list_builtin(&l);
    T_EQ_U64(hln_roofline(m, &d, &l.items[0], HLN_CACHE_F16, 4096, 1, pts, 4, &ridge), 0);
    T_EQ_U64(hln_plan_max_context(&d, &o, 1000, 1), 0);
    hln_model_free(m);
}

static void test_moe_touched(void) {
    T_CHECK(hln_moe_experts_touched(8, 2, 1) > 1.999 && hln_moe_experts_touched(8, 2, 1) < 2.001);
    T_CHECK(hln_moe_experts_touched(8, 2, 2) > 3.499 && hln_moe_experts_touched(8, 2, 2) < 3.501);   /* 8 (1 - 0.75^2) */
    T_CHECK(hln_moe_experts_touched(8, 2, 64) > 7.99);
    T_CHECK(hln_moe_experts_touched(0, 0, 4) == 0);
}

/* A hand-made model for the planner formulas. */
static hln_deploy_model plain_model(void) {
    hln_deploy_model d;
    memset(&d, 0, sizeof d);
    d.llm = 1;
    d.n_layer = 4; d.n_head = 8; d.n_head_kv = 2; d.head_dim = 64; d.n_embd = 512; d.n_ff = 1024; d.n_vocab = 1000;
    d.context_length = 100000;
    d.k_width = d.v_width = 128;
    d.params_total = d.params_active = 1000000000;
    d.weight_bytes = 2000000000;
    d.layer_bytes_total = 1800000000;
    d.prec = HLN_PREC_FP16;
    return d;
}

static void test_planner_totals(void) {
    hln_deploy_model d = plain_model();
    hln_plan_options o;
    hln_plan p;
    uint64_t per_token = 4 * 2 * 128 * 2, ws = 512ull * 4 * (3 * 512 + 2 * 1024 + 1000);
    memset(&o, 0, sizeof o);
    o.page_tokens = 1;
    o.overhead_frac = -1;   /* none */
    T_CHECK(hln_plan_memory(&d, &o, 1000, 1, &p));
    T_EQ_U64(p.kv_bytes, per_token * 1000);
    T_EQ_U64(p.workspace_bytes, ws);
    T_EQ_U64(p.total_bytes, 2000000000 + per_token * 1000 + ws);
    /* the largest context of a budget that holds exactly 1000 tokens */
    T_EQ_U64(hln_plan_max_context(&d, &o, p.total_bytes, 1), 1000);
    T_EQ_U64(hln_plan_max_context(&d, &o, p.total_bytes - 1, 1), 999);
    T_EQ_U64(hln_plan_max_context(&d, &o, 1000, 1), 0);
    /* paged KV: 1000 tokens in pages of 16 take 63 pages, 8 tokens wasted */
    o.page_tokens = 16;
    T_CHECK(hln_plan_memory(&d, &o, 1000, 1, &p));
    T_EQ_U64(p.kv_bytes, per_token * 1008);
    T_EQ_U64(p.kv_waste_bytes, per_token * 8);
    /* the default overhead is 5% of the rest */
    o.page_tokens = 1;
    o.overhead_frac = 0;
    T_CHECK(hln_plan_memory(&d, &o, 1000, 1, &p));
    T_EQ_U64(p.overhead_bytes, (uint64_t)((double)(2000000000 + per_token * 1000 + ws) * 0.05));
    /* tensor parallelism: weights and KV split in two, workspace kept on each */
    o.overhead_frac = -1;
    o.n_devices = 2;
    T_CHECK(hln_plan_memory(&d, &o, 1000, 1, &p));
    T_EQ_U64(p.per_device_bytes, (2000000000 + per_token * 1000) / 2 + ws);
    /* overflow is refused, not wrapped */
    T_CHECK(!hln_plan_memory(&d, &o, UINT64_MAX / 2, UINT64_MAX / 2, &p));
}

static void test_offload_layers(void) {
    hln_deploy_model d = plain_model();
    hln_plan_options o;
    hln_plan p;
    uint64_t fixed, per_layer;
    memset(&o, 0, sizeof o);
    o.page_tokens = 1;
    o.overhead_frac = -1;
    T_CHECK(hln_plan_memory(&d, &o, 1000, 1, &p));
    fixed = d.weight_bytes - d.layer_bytes_total + p.workspace_bytes;
    per_layer = d.layer_bytes_total / 4 + p.kv_bytes / 4;
    T_EQ_U64(hln_plan_offload_layers(&d, &o, fixed + 2 * per_layer + 1, 1000, 1), 2);
    T_EQ_U64(hln_plan_offload_layers(&d, &o, p.total_bytes, 1000, 1), 4);
    T_EQ_U64(hln_plan_offload_layers(&d, &o, fixed, 1000, 1), 0);
}

static const hln_hw_profile test_device = {
    "test-1000", "a device of round numbers", HLN_HW_GPU, 100000000000ull, 1000, { 10, 0, 100, 100, 0, 0, 0 },
    100, 0, 0, { "tests/test_deploy.c", NULL, NULL }
};

static void test_estimates(void) {
    hln_deploy_model d = plain_model();
    hln_plan_options o;
    hln_estimate e;
    double kv1000 = 4.0 * 2 * 128 * 2 * 1000, bytes, flops, attn;
    memset(&o, 0, sizeof o);
    /* decode at batch 1, context 1000: the weights and one sequence's KV over 1000 GB/s */
    hln_estimate_run(&d, &test_device, &o, 1000, 1, &e);
    bytes = 2e9 + kv1000;
    T_CHECK(e.step_bytes == bytes);
    T_CHECK(!e.compute_bound);
    T_CHECK(e.decode_tokens_per_s_bound > 1e12 / bytes * 0.9999 && e.decode_tokens_per_s_bound < 1e12 / bytes * 1.0001);
    T_CHECK(e.decode_tokens_per_s > 0.6e12 / bytes * 0.9999 && e.decode_tokens_per_s < 0.6e12 / bytes * 1.0001);
    /* prefill of 512 tokens: 2 x 1e9 x 512 + attention 4 x 8 x 64 x 512 x 256 x 4 layers at 100 TFLOPS */
    attn = 4.0 * 8 * 64 * 512 * 256 * 4;
    flops = 2e9 * 512 + attn;
    T_CHECK(e.ttft_s_bound > flops / 1e14 * 0.9999 && e.ttft_s_bound < flops / 1e14 * 1.0001);
    T_CHECK(e.ttft_s > flops / 0.5e14 * 0.9999 && e.ttft_s < flops / 0.5e14 * 1.0001);
    /* a big batch turns compute-bound */
    hln_estimate_run(&d, &test_device, &o, 1000, 4096, &e);
    T_CHECK(e.compute_bound);
    /* efficiencies are overridable */
    o.efficiency_memory = 1;
    hln_estimate_run(&d, &test_device, &o, 1000, 1, &e);
    T_CHECK(e.decode_tokens_per_s > e.decode_tokens_per_s_bound * 0.9999);
    T_CHECK(e.fits);
}

/* tensor parallelism: weights and KV split N ways, two f16 all-reduces per layer over the link */
/* decode reads the KV cache of the type the run asks for (f16 unless --kv-type says otherwise) */
static void test_estimate_kv_type(void) {
    hln_deploy_model d = plain_model();
    hln_plan_options o;
    hln_estimate e;
    memset(&o, 0, sizeof o);
    hln_estimate_run(&d, &test_device, &o, 1000, 2, &e);
    T_CHECK(e.step_bytes == 2e9 + 2.0 * 4 * 2 * 128 * 2 * 1000);           /* f16: 2 B per element */
    o.kv_type = HLN_CACHE_Q4_0;
    hln_estimate_run(&d, &test_device, &o, 1000, 2, &e);
    T_CHECK(e.step_bytes == 2e9 + 2.0 * 4 * 2 * (128 / 32 * 18) * 1000);   /* q4_0: 18 B per 32 */
}

/* graph models: latency per batch, the batch that turns compute-bound, peak memory at batch N */
static void test_graph_estimates(void) {
    hln_deploy_model d;
    hln_plan_options o;
    hln_estimate e;
    memset(&d, 0, sizeof d);
    memset(&o, 0, sizeof o);
    d.prec = HLN_PREC_FP16;
    d.flops = 10000000000ull;              /* 1e10 FLOP per inference: 1e-4 s at 100 TFLOPS */
    d.weight_bytes = 1000000000;           /* 1e-3 s at 1000 GB/s */
    d.activation_bytes = 10000000;         /* 1e-5 s per inference */
    d.activation_peak_bytes = 5000000;
    /* B* = (W / BW) / (F / P - A / BW) = 1e-3 / 9e-5 = 11.1 -> 12 */
    T_EQ_U64(hln_estimate_compute_bound_batch(&d, &test_device), 12);
    hln_estimate_run(&d, &test_device, &o, 0, 11, &e);
    T_CHECK(!e.compute_bound);
    T_CHECK(e.latency_s_bound > (1e9 + 11 * 1e7) / 1e12 * 0.9999 && e.latency_s_bound < (1e9 + 11 * 1e7) / 1e12 * 1.0001);
    hln_estimate_run(&d, &test_device, &o, 0, 12, &e);
    T_CHECK(e.compute_bound);
    T_CHECK(e.latency_s_bound > 12e10 / 1e14 * 0.9999 && e.latency_s_bound < 12e10 / 1e14 * 1.0001);
    T_CHECK(e.latency_s > 12e10 / 0.5e14 * 0.9999 && e.latency_s < 12e10 / 0.5e14 * 1.0001);   /* expected: compute at 0.5 */
    T_CHECK(e.decode_tokens_per_s < 0 && e.ttft_s < 0);   /* decoder figures: none */
    /* peak memory at batch 4: weights + 4 x the liveness peak, + 5% */
    hln_estimate_run(&d, &test_device, &o, 0, 4, &e);
    T_EQ_U64(e.total_bytes, (uint64_t)((1e9 + 4 * 5e6) * 1.05));
    T_CHECK(e.fits);
    d.activation_bytes = 200000000;        /* 2e-4 s per inference > 1e-4 s of compute: never */
    T_EQ_U64(hln_estimate_compute_bound_batch(&d, &test_device), 0);
}

static int t_near(double got, double want) { return got > want * 0.9999 && got < want * 1.0001; }

static void test_tensor_parallel_comm(void) {
    hln_deploy_model d = plain_model();
    hln_plan_options o;
    hln_estimate one, two;
    double bytes1 = 2e9 + 4.0 * 2 * 128 * 2 * 1000, comm;
    memset(&o, 0, sizeof o);
    T_CHECK(hln_tp_allreduce_bytes(&d, 1, 1) == 0);
    T_CHECK(hln_tp_allreduce_messages(&d, 1) == 0);
    /* 2 all-reduces x 4 layers x 1 token x 512 x 2 B, ring: 2 (N - 1) / N = 1 at N = 2 */
    T_CHECK(hln_tp_allreduce_bytes(&d, 1, 2) == 2.0 * 4 * 512 * 2);
    T_CHECK(hln_tp_allreduce_bytes(&d, 8, 4) == 2.0 * 4 * 8 * 512 * 2 * 1.5);
    /* messages: 2 all-reduces x 4 layers x 2 (N - 1) ring steps: 16 at N = 2, 48 at N = 4 */
    T_CHECK(hln_tp_allreduce_messages(&d, 2) == 16);
    T_CHECK(hln_tp_allreduce_messages(&d, 4) == 48);
    hln_estimate_run(&d, &test_device, &o, 1000, 1, &one);
    T_CHECK(one.comm_s == 0 && one.comm_bytes == 0);
    o.n_devices = 2;
    o.link_gb_per_s = 100;
    o.link_latency_s = 2e-6;
    hln_estimate_run(&d, &test_device, &o, 1000, 1, &two);
    comm = 16 * 2e-6 + 2.0 * 4 * 512 * 2 / 100e9;   /* 32 us + 81.92 ns */
    T_CHECK(two.step_bytes == bytes1 / 2);
    T_CHECK(two.comm_bytes == 2.0 * 4 * 512 * 2 && t_near(two.comm_s, comm));
    T_CHECK(t_near(two.latency_s_bound, bytes1 / 2 / 1e12 + comm));
    T_CHECK(t_near(two.latency_s, bytes1 / 2 / 1e12 / 0.6 + comm));   /* the link time is not scaled by the efficiency */
    T_CHECK(t_near(two.decode_tokens_per_s_bound, 1 / (bytes1 / 2 / 1e12 + comm)));
    o.link_latency_s = 1e-12;   /* (almost) no latency: the bandwidth term alone */
    hln_estimate_run(&d, &test_device, &o, 1000, 1, &two);
    T_CHECK(t_near(two.comm_s, 2.0 * 4 * 512 * 2 / 100e9 + 16e-12));
    T_CHECK(two.decode_tokens_per_s_bound > one.decode_tokens_per_s_bound);   /* half the bytes, a little link time */
    o.link_gb_per_s = 0;   /* defaults: PCIe 4.0 x16, 31.5 GB/s; 5.7 us per message */
    o.link_latency_s = 0;
    hln_estimate_run(&d, &test_device, &o, 1000, 1, &two);
    comm = 16 * 5.7e-6 + 2.0 * 4 * 512 * 2 / 31.5e9;   /* 91.2 us + 260 ns */
    T_CHECK(t_near(two.comm_s, comm) && t_near(hln_tp_allreduce_seconds(&d, &o, 1), comm));
    /* prefill: 512 tokens cross the link in the same 16 messages */
    comm = 16 * 5.7e-6 + 2.0 * 4 * 512 * 512 * 2 / 31.5e9;
    T_CHECK(t_near(two.ttft_s_bound, one.ttft_s_bound / 2 + comm));
    /* 4 devices at batch 8: 48 messages, 8 tokens x 1.5 */
    o.n_devices = 4;
    o.link_gb_per_s = 450;
    o.link_latency_s = 5e-6;
    hln_estimate_run(&d, &test_device, &o, 1000, 8, &two);
    T_CHECK(t_near(two.comm_s, 48 * 5e-6 + 2.0 * 4 * 8 * 512 * 2 * 1.5 / 450e9));
}

static void test_roofline_blocks(void) {
    hln_model *m = make_llm(&llama3_8b);
    hln_deploy_model d;
    hln_roof_point pts[40];
    double ridge;
    uint32_t n, i;
    const hln_hw_profile *h100;
    hln_hw_list l;
    T_CHECK(m != NULL);
    if (!m) return;
    hln_hw_list_builtin(&l);
    h100 = hln_hw_find(&l, "h100-sxm5-80gb");
    T_CHECK(h100 != NULL);
    hln_deploy_model_init(m, NULL, &d);
    n = hln_roofline(m, &d, h100, HLN_CACHE_F16, 1024, 1, pts, 40, &ridge);
    T_EQ_U64(n, 32);
    T_CHECK(ridge > 295 && ridge < 296);   /* 989.5 TFLOPS / 3350 GB/s */
    for (i = 0; i < n; i++) {
        T_CHECK(!pts[i].compute_bound);       /* batch 1 decode is memory-bound */
        T_CHECK(pts[i].intensity > 0.5 && pts[i].intensity < 2);
    }
    hln_model_free(m);
}

/* graph models: a block instance sums its nodes' FLOPs and bytes and is put at the roof */
static void test_roofline_graph_blocks(void) {
    hln_deploy_model d;
    hln_analysis a;
    hln_block blocks[2];
    hln_block_instance inst[3] = { { 0, 0, 1 }, { 1, 2, 2 }, { 0, 3, 4 } };
    int32_t node_instance[6] = { 0, 0, 1, 2, 2, -1 };
    hln_roof_point nodes[6], out[4];
    uint32_t i;
    memset(&d, 0, sizeof d);
    d.prec = HLN_PREC_FP16;   /* test_device: 100 TFLOPS fp16, 1000 GB/s: ridge 100 FLOP/B */
    memset(&a, 0, sizeof a);
    memset(blocks, 0, sizeof blocks);
    blocks[0].name = "residual block";
    blocks[1].name = "stem";
    a.blocks = blocks;
    a.n_blocks = 2;
    a.instances = inst;
    a.n_instances = 3;
    a.node_instance = node_instance;
    memset(nodes, 0, sizeof nodes);
    for (i = 0; i < 6; i++) { nodes[i].index = i; nodes[i].flops = 1e9 * (i + 1); nodes[i].bytes = 1e6 * (i + 1); nodes[i].prec = HLN_PREC_FP16; }
    nodes[4].prec = HLN_PREC_FP32;   /* the node with the most FLOPs of instance 2 sets its roof: 10 TFLOPS */
    nodes[2].flops = 1e6;   /* the stem is memory-bound: 1e6 FLOP over 3e6 B */
    T_EQ_U64(hln_roofline_blocks(&a, &d, &test_device, nodes, 6, out, 4), 3);
    T_CHECK(out[0].block && out[0].index == 0 && strcmp(out[0].name, "residual block") == 0);
    T_CHECK(out[0].flops == 3e9 && out[0].bytes == 3e6 && out[0].intensity == 1000);
    T_CHECK(out[0].compute_bound && out[0].time_s > 3e9 / 1e14 * 0.9999 && out[0].time_s < 3e9 / 1e14 * 1.0001);
    T_CHECK(strcmp(out[1].name, "stem") == 0 && !out[1].compute_bound);
    T_CHECK(out[1].time_s > 3e6 / 1e12 * 0.9999 && out[1].time_s < 3e6 / 1e12 * 1.0001);
    T_CHECK(out[2].flops == 9e9 && out[2].bytes == 9e6);   /* nodes 3 and 4; node 5 is in no block */
    T_CHECK(out[2].prec == HLN_PREC_FP32 && out[2].time_s > 9e9 / 1e13 * 0.9999 && out[2].time_s < 9e9 / 1e13 * 1.0001);
    T_EQ_U64(hln_roofline_blocks(&a, &d, &test_device, nodes, 6, out, 1), 3);   /* cap: fills one, counts all */
    a.node_instance = NULL;   /* weight-only models have no graph blocks */
    T_EQ_U64(hln_roofline_blocks(&a, &d, &test_device, nodes, 6, out, 4), 0);
}

/* graph nodes: each at the roof of the precision its largest weight is stored in */
static void test_roofline_node_precision(void) {
    hln_model *m = NULL;
    hln_graph *g;
    hln_deploy_model d;
    hln_roof_point pts[2];
    const hln_hw_profile *h100;
    hln_hw_list l;
    double ridge;
    uint32_t i;
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return;
    hln_hw_list_builtin(&l);
    h100 = hln_hw_find(&l, "h100-sxm5-80gb");
    T_CHECK(h100 != NULL);
    if (!h100) { hln_model_free(m); return; }
    m->format = HLN_FORMAT_ONNX;
    m->n_tensors = 2;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, 2, sizeof(hln_tensor));
    m->tensors[0].name = "w_f32"; m->tensors[0].dtype = HLN_DTYPE_F32; m->tensors[0].n_bytes = 4000000;
    m->tensors[1].name = "w_i8"; m->tensors[1].dtype = HLN_DTYPE_I8; m->tensors[1].n_bytes = 1000000;
    g = m->graph = (hln_graph *)hln_arena_array(&m->arena, 1, sizeof(hln_graph));
    g->n_nodes = 2;
    g->n_values = 2;
    g->nodes = (hln_node *)hln_arena_array(&m->arena, 2, sizeof(hln_node));
    g->values = (hln_value *)hln_arena_array(&m->arena, 2, sizeof(hln_value));
    for (i = 0; i < 2; i++) {
        g->values[i].tensor = (int32_t)i;
        g->values[i].producer = -1;
        g->nodes[i].op_type = "MatMul";
        g->nodes[i].n_inputs = 1;
        g->nodes[i].inputs = (int32_t *)hln_arena_array(&m->arena, 1, sizeof(int32_t));
        g->nodes[i].inputs[0] = (int32_t)i;
        g->nodes[i].flops = 1000000000000ull;   /* 1e12: compute-bound on both */
    }
    memset(&d, 0, sizeof d);
    d.prec = HLN_PREC_FP32;    /* the model's: most bytes are F32 */
    T_EQ_U64(hln_roofline(m, &d, h100, HLN_CACHE_F16, 0, 1, pts, 2, &ridge), 2);
    T_CHECK(pts[0].prec == HLN_PREC_FP32 && pts[1].prec == HLN_PREC_INT8);
    T_CHECK(pts[0].compute_bound && pts[1].compute_bound);
    /* H100 SXM5 dense: 66.9 TFLOPS fp32, 1978.9 TOPS int8 (docs/hardware.md) */
    T_CHECK(pts[0].time_s > 1e12 / (h100->peak[HLN_PREC_FP32] * 1e12) * 0.9999 && pts[0].time_s < 1e12 / (h100->peak[HLN_PREC_FP32] * 1e12) * 1.0001);
    T_CHECK(pts[1].time_s > 1e12 / (h100->peak[HLN_PREC_INT8] * 1e12) * 0.9999 && pts[1].time_s < 1e12 / (h100->peak[HLN_PREC_INT8] * 1e12) * 1.0001);
    hln_model_free(m);
}

/* ---- the hardware table ---- */
static void test_profiles_valid(void) {
    hln_hw_list l;
    uint32_t i, j, kinds[HLN_HW_KIND_COUNT] = { 0 };
    char why[200];
    hln_hw_list_builtin(&l);
    T_CHECK(l.n >= 80);
    for (i = 0; i < l.n; i++) {
        const hln_hw_profile *p = &l.items[i];
        T_CHECKF(hln_hw_check(p, why, sizeof why), "%s", why);
        T_CHECKF(p->sources[0] && strlen(p->sources[0]) > 10, "%s has no source", p->name);
        kinds[p->kind]++;
        for (j = i + 1; j < l.n; j++) T_CHECKF(hln_hw_find(&l, p->name) == p && strcmp(p->name, l.items[j].name) != 0, "%s twice", p->name);
    }
    for (i = 0; i < HLN_HW_KIND_COUNT; i++) T_CHECK(kinds[i] > 0);
}

static void test_profile_units(void) {
    hln_hw_list l;
    hln_hw_profile p;
    char why[200];
    hln_hw_list_builtin(&l);
    /* H100 SXM5's datasheet prints FP16 1,979 TFLOPS "with sparsity": the table holds half */
    p = *hln_hw_find(&l, "h100-sxm5-80gb");
    T_CHECK(p.peak[HLN_PREC_FP16] == 989.5);
    p.peak[HLN_PREC_FP16] = p.peak[HLN_PREC_BF16] = 1979;   /* the sparse figure */
    T_CHECK(!hln_hw_check(&p, why, sizeof why));
    T_CHECK(strstr(why, "sparse") != NULL);
    p = *hln_hw_find(&l, "l40s");
    p.peak[HLN_PREC_FP8] = 1466;   /* the L40S datasheet's FP8 "with sparsity" */
    T_CHECK(!hln_hw_check(&p, why, sizeof why));
    p = *hln_hw_find(&l, "rtx-4090");
    p.peak[HLN_PREC_INT4] = 2642.4;   /* sparse INT4 */
    T_CHECK(!hln_hw_check(&p, why, sizeof why));
    /* 384 bits x 21000 MT/s = 1008 decimal GB/s; the same in binary (938.8 GiB/s) fails */
    p = *hln_hw_find(&l, "rtx-4090");
    T_CHECK(hln_hw_check(&p, why, sizeof why));
    p.bandwidth_gb_per_s = 1008e9 / 1073741824.0;
    T_CHECK(!hln_hw_check(&p, why, sizeof why));
    T_CHECK(strstr(why, "decimal") != NULL);
    p = *hln_hw_find(&l, "rtx-4090");
    p.name = "RTX-4090";
    T_CHECK(!hln_hw_check(&p, why, sizeof why));
    p.name = "rtx-4090";
    p.sources[0] = NULL;
    T_CHECK(!hln_hw_check(&p, why, sizeof why));
}

static void test_find_and_near(void) {
    hln_hw_list l;
    const hln_hw_profile *near[4];
    uint32_t n, i, found = 0;
    hln_hw_list_builtin(&l);
    T_CHECK(hln_hw_find(&l, "RTX-4090") == hln_hw_find(&l, "rtx-4090"));
    T_CHECK(hln_hw_find(&l, "apple-m2-ultra") != NULL);
    T_CHECK(hln_hw_find(&l, "rtx4090") == NULL);
    n = hln_hw_near(&l, "rtx4090", near, 4);
    for (i = 0; i < n; i++) found |= strcmp(near[i]->name, "rtx-4090") == 0;
    T_CHECK(n >= 1 && strcmp(near[0]->name, "rtx-4090") == 0 && found);
    T_EQ_U64(hln_hw_near(&l, "zzzzzzzzzzzz", near, 4), 0);
    T_CHECK(hln_hw_peak(hln_hw_find(&l, "t4"), HLN_PREC_BF16) == 65);   /* no bf16 path: fp16 */
    T_CHECK(hln_hw_peak(hln_hw_find(&l, "apple-m3"), HLN_PREC_FP16) == 0);
}

static hln_result load_text(hln_hw_list *l, const char *text, hln_error *err) {
    hln_hw_list_builtin(l);
    memset(err, 0, sizeof *err);
    return hln_hw_list_load(l, text, strlen(text), err);
}

static void test_hardware_file(void) {
    hln_hw_list l;
    hln_error err;
    const hln_hw_profile *p;
    uint32_t builtin;
    hln_hw_list_builtin(&l);
    builtin = l.n;
    T_CHECK(load_text(&l, "# my lab\n[my-npu]   # ours\nlabel = My NPU\nkind = soc # an SoC\nmemory = 8GiB\nbandwidth_gb_per_s = 51.2\n"
                          "int8 = 26\nfp16 = 13\ntdp_w = 5\nsource = lab sheet rev#2, 2026-11\n\n[RTX-4090]\ntdp_w = 400\n", &err) == HLN_OK);
    T_EQ_U64(l.n, builtin + 1);
    p = hln_hw_find(&l, "my-npu");
    T_CHECK(p && p->kind == HLN_HW_SOC && p->memory_bytes == 8589934592ull && p->bandwidth_gb_per_s == 51.2 && p->peak[HLN_PREC_INT8] == 26);
    T_CHECK(p && strcmp(p->sources[0], "lab sheet rev#2, 2026-11") == 0 && strcmp(p->label, "My NPU") == 0);
    p = hln_hw_find(&l, "rtx-4090");
    T_CHECK(p && p->tdp_w == 400 && p->bandwidth_gb_per_s == 1008);   /* overridden, the rest kept */
    hln_hw_list_free(&l);
    T_EQ_U64(l.n, builtin);

    T_CHECK(load_text(&l, "[a]\nsource = x\nbandwidth_gb_per_s = 1\n\n[b]\nfp16 = lots\n", &err) != HLN_OK);
    T_EQ_STR(err.path, "line 6");
    T_CHECK(strstr(err.message, "line 6") != NULL);
    T_CHECK(load_text(&l, "fp16 = 1\n", &err) != HLN_OK && strcmp(err.path, "line 1") == 0);
    T_CHECK(load_text(&l, "[x]\nsource = s\ncolour = red\n", &err) != HLN_OK && strstr(err.message, "unknown key") != NULL);
    T_CHECK(load_text(&l, "[x]\nsource = s\nmemory = -4GB\n", &err) != HLN_OK && strcmp(err.path, "line 3") == 0);
    T_CHECK(load_text(&l, "[bad name!]\n", &err) != HLN_OK);
    T_CHECK(load_text(&l, "[x\n", &err) != HLN_OK);
    T_CHECK(load_text(&l, "[x]\nkind = tpu\n", &err) != HLN_OK);
    T_CHECK(load_text(&l, "[x]\nfp16 = 5\n", &err) != HLN_OK && strstr(err.message, "no source") != NULL);
    T_CHECK(load_text(&l, "[x]\nsource = s\nfp16 = 1e999\n", &err) != HLN_OK);
    T_CHECK(load_text(&l, "[x]\nsource = s\ntf32 = 10\nfp16 = 40\n", &err) != HLN_OK && strstr(err.message, "sparse") != NULL);
    T_CHECK(load_text(&l, "[x]\nsource = a\nsource = b\nsource = c\nsource = d\n", &err) != HLN_OK);
    {
        const char bin[] = "[x]\nsource = s\0\n";
        hln_hw_list_builtin(&l);
        T_CHECK(hln_hw_list_load(&l, bin, sizeof bin - 1, &err) != HLN_OK);
    }
    {   /* larger than the cap: refused before it is read */
        size_t n = (size_t)HLN_HW_FILE_MAX_BYTES + 1;
        char *big = (char *)malloc(n);
        T_CHECK(big != NULL);
        if (big) {
            memset(big, '#', n);
            hln_hw_list_builtin(&l);
            T_CHECK(hln_hw_list_load(&l, big, n, &err) == HLN_ERR_RANGE);
            free(big);
        }
    }
    hln_hw_list_builtin(&l);
    T_CHECK(l.owned == NULL);   /* failed loads leave nothing allocated */
}

static void test_units(void) {
    uint64_t b;
    double s;
    T_CHECK(hln_parse_bytes("4GB", &b) && b == 4000000000ull);
    T_CHECK(hln_parse_bytes("4GiB", &b) && b == 4294967296ull);
    T_CHECK(hln_parse_bytes("4gib", &b) && b == 4294967296ull);
    T_CHECK(hln_parse_bytes("512MB", &b) && b == 512000000ull);
    T_CHECK(hln_parse_bytes("1.5GB", &b) && b == 1500000000ull);
    T_CHECK(hln_parse_bytes("800KiB", &b) && b == 819200ull);
    T_CHECK(hln_parse_bytes("1234", &b) && b == 1234);
    T_CHECK(hln_parse_bytes("phone-2gb", &b) && b == 800000000ull);
    T_CHECK(hln_parse_bytes("phone-4gb", &b) && b == 2500000000ull);
    T_CHECK(!hln_parse_bytes("0GB", &b));
    T_CHECK(!hln_parse_bytes("-4GB", &b));
    T_CHECK(!hln_parse_bytes("4XB", &b));
    T_CHECK(!hln_parse_bytes("", &b));
    T_CHECK(!hln_parse_bytes("GB", &b));
    T_CHECK(!hln_parse_bytes("99999999999TB", &b));
    T_CHECK(hln_parse_seconds("10ms", &s) && s > 0.00999 && s < 0.01001);
    T_CHECK(hln_parse_seconds("0.5s", &s) && s == 0.5);
    T_CHECK(hln_parse_seconds("2.5us", &s) && s == 2.5e-6);   /* the nearest double, as the literal */
    T_CHECK(hln_parse_seconds("5.7us", &s) && s == 5.7e-6);
    T_CHECK(hln_parse_seconds("250ns", &s) && s == 250e-9);
    T_CHECK(hln_parse_seconds("0.1s", &s) && s == 0.1);
    T_CHECK(hln_parse_seconds("12345.678901ms", &s) && s == 12345.678901e-3);
    T_CHECK(!hln_parse_seconds("5 us", &s) && !hln_parse_seconds("us", &s) && !hln_parse_seconds("5usec", &s));
    T_CHECK(!hln_parse_seconds("0ms", &s));
    T_CHECK(!hln_parse_seconds("10", &s));
    T_CHECK(!hln_parse_seconds("-1ms", &s));
    T_EQ_U64(hln_fits_budget(0), 2000000000ull);
    T_EQ_U64(hln_fits_budget(HLN_FITS_BUDGETS - 1), 192000000000ull);
    {
        hln_cache_type t;
        T_CHECK(hln_cache_type_parse("Q8_0", &t) && t == HLN_CACHE_Q8_0);
        T_CHECK(hln_cache_type_parse("nf4", &t) && t == HLN_CACHE_NF4);
        T_CHECK(!hln_cache_type_parse("q5_1", &t));
    }
}

static void test_serving(void) {
    hln_model *m = make_llm(&llama3_8b);
    hln_serving sv[HLN_SERVING_RUNTIMES];
    T_CHECK(m != NULL);
    if (!m) return;
    hln_serving_check(m, sv);
    T_EQ_STR(sv[0].runtime, "llama.cpp");
    T_CHECK(sv[0].supported == 1);
    T_CHECK(sv[3].supported == 0 && strstr(sv[3].note, "ONNX") != NULL);
    m->hp.arch = "frobnicator";   /* not in llama.cpp's list */
    hln_serving_check(m, sv);
    T_CHECK(sv[0].supported == 0 && strstr(sv[0].note, "frobnicator") != NULL);
    m->hp.arch = "gemma3";
    hln_serving_check(m, sv);
    T_CHECK(sv[0].supported == 1);
    m->format = HLN_FORMAT_SAFETENSORS;   /* llama.cpp reads GGUF only */
    hln_serving_check(m, sv);
    T_CHECK(sv[0].supported == 0 && strstr(sv[0].note, "GGUF") != NULL);
    hln_model_free(m);
}

/* llama.cpp: the newest type a GGUF holds decides the build it needs (PR numbers in docs/deploy.md) */
static void test_serving_llamacpp_types(void) {
    hln_model *m = make_llm(&llama3_8b);
    hln_serving sv[HLN_SERVING_RUNTIMES];
    T_CHECK(m != NULL);
    if (!m) return;
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_Q4_K) == 0 && hln_llamacpp_type_pr(HLN_DTYPE_IQ2_XXS) == 4773);
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_MXFP4) == 15091 && hln_llamacpp_type_pr(HLN_DTYPE_I2_S) == -2);
    /* Q1_0 and Q2_0 (ggml types 41, 42): PRs #21273 and #24448; their first release tags are not known here */
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_Q1_0) == 21273 && hln_llamacpp_type_tag(HLN_DTYPE_Q1_0) == 0);
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_Q2_0) == 24448 && hln_llamacpp_type_tag(HLN_DTYPE_Q2_0) == 0);
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_NVFP4) == 19769);
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_F8_E4M3) == -1);   /* not a ggml type: not known to llama.cpp here */
    /* release tags (docs/deploy.md, `git tag --contains` of each PR's commit) */
    T_CHECK(hln_llamacpp_type_tag(HLN_DTYPE_IQ2_XXS) == 1792 && hln_llamacpp_type_tag(HLN_DTYPE_IQ4_XS) == 2281);
    T_CHECK(hln_llamacpp_type_tag(HLN_DTYPE_IQ1_M) == 2540 && hln_llamacpp_type_tag(HLN_DTYPE_BF16) == 2808);
    T_CHECK(hln_llamacpp_type_tag(HLN_DTYPE_TQ2_0) == 3672 && hln_llamacpp_type_tag(HLN_DTYPE_Q4_K) == 1046);
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_I8) == 5747 && hln_llamacpp_type_tag(HLN_DTYPE_I32) == 2281);
    T_CHECK(hln_llamacpp_type_pr(HLN_DTYPE_F64) == 6062 && hln_llamacpp_type_tag(HLN_DTYPE_I64) == 2434);
    T_CHECK(hln_llamacpp_type_tag(HLN_DTYPE_MXFP4) == 0 && hln_llamacpp_type_tag(HLN_DTYPE_NVFP4) == 0);   /* not established */
    {   /* the newest PR names the build: PR order must be tag order wherever both are known */
        uint32_t a, b;
        for (a = 0; a < HLN_DTYPE_COUNT; a++)
            for (b = 0; b < HLN_DTYPE_COUNT; b++) {
                int32_t pa = hln_llamacpp_type_pr((hln_dtype)a), pb = hln_llamacpp_type_pr((hln_dtype)b);
                int32_t ta = hln_llamacpp_type_tag((hln_dtype)a), tb = hln_llamacpp_type_tag((hln_dtype)b);
                if (pa >= 0 && pb >= 0 && ta && tb && pa < pb) T_CHECK(ta <= tb);
                if (pa >= 0 && ta && pb > 0 && !tb) T_CHECK(pa < pb);   /* an untagged PR is the newer */
            }
    }
    hln_serving_check(m, sv);   /* every tensor F16 */
    T_EQ_STR(sv[0].min_version, "llama.cpp >= b1046 (any build that reads GGUF, PR #2398)");
    m->tensors[4].dtype = HLN_DTYPE_IQ2_XXS;
    hln_serving_check(m, sv);
    T_EQ_STR(sv[0].min_version, "llama.cpp >= b1792 (PR #4773, IQ2_XXS)");
    m->tensors[5].dtype = HLN_DTYPE_IQ4_XS;   /* the newer one wins */
    m->tensors[6].dtype = HLN_DTYPE_Q6_K;
    hln_serving_check(m, sv);
    T_EQ_STR(sv[0].min_version, "llama.cpp >= b2281 (PR #5747, IQ4_XS)");
    m->tensors[6].dtype = HLN_DTYPE_MXFP4;    /* its tag is not known here: the PR, and the note says so */
    hln_serving_check(m, sv);
    T_EQ_STR(sv[0].min_version, "a llama.cpp build with PR #15091 (MXFP4)");
    T_CHECK(sv[0].supported == 1 && strstr(sv[0].note, "first release tag with MXFP4 is not known here") != NULL);
    m->tensors[6].dtype = HLN_DTYPE_Q6_K;
    m->tensors[7].dtype = HLN_DTYPE_Q1_0;     /* PR known, first tag not: the PR names the build */
    hln_serving_check(m, sv);
    T_EQ_STR(sv[0].min_version, "a llama.cpp build with PR #21273 (Q1_0)");
    T_CHECK(sv[0].supported == 1 && strstr(sv[0].note, "first release tag with Q1_0 is not known here") != NULL);
    m->tensors[9].dtype = HLN_DTYPE_Q2_0;     /* the newer PR wins */
    hln_serving_check(m, sv);
    T_EQ_STR(sv[0].min_version, "a llama.cpp build with PR #24448 (Q2_0)");
    m->tensors[9].dtype = HLN_DTYPE_F8_E4M3;  /* a type with no llama.cpp row: unknown, said so */
    hln_serving_check(m, sv);
    T_CHECK(sv[0].supported == 1 && strstr(sv[0].note, "when F8_E4M3 was added is not known") != NULL);
    m->tensors[9].dtype = HLN_DTYPE_F16;
    m->tensors[8].dtype = HLN_DTYPE_I2_S;     /* bitnet.cpp's fork only */
    hln_serving_check(m, sv);
    T_CHECK(sv[0].supported == 0 && strstr(sv[0].note, "bitnet.cpp") != NULL && !sv[0].min_version[0]);
    /* GGUF for the Hugging Face runtimes: vLLM's GGUF loader runs its list of types, TensorRT-LLM needs the checkpoint */
    T_CHECK(sv[1].supported == 0 && strstr(sv[1].note, "Q1_0") != NULL);   /* the first type it lacks */
    T_CHECK(sv[2].supported == 0 && strstr(sv[2].note, "Hugging Face") != NULL);
    m->tensors[7].dtype = HLN_DTYPE_Q6_K;
    m->tensors[8].dtype = HLN_DTYPE_Q8_0;
    hln_serving_check(m, sv);   /* F16, IQ2_XXS, IQ4_XS, Q6_K, Q8_0: all in vLLM's GGUF type sets */
    T_CHECK(sv[1].supported == 1 && strstr(sv[1].note, "registry") != NULL);
    m->tensors[8].dtype = HLN_DTYPE_TQ2_0;
    hln_serving_check(m, sv);
    T_CHECK(sv[1].supported == 0 && strstr(sv[1].note, "TQ2_0") != NULL);
    m->split_count = 3;
    hln_serving_check(m, sv);
    T_CHECK(sv[1].supported == 0 && strstr(sv[1].note, "single-file") != NULL);
    hln_model_free(m);
}

/* vLLM / TensorRT-LLM from the model_type of a SafeTensors checkpoint and its dtypes */
static void test_serving_hf(void) {
    hln_model *m = make_llm(&llama3_8b);
    hln_serving sv[HLN_SERVING_RUNTIMES];
    uint32_t i;
    T_CHECK(m != NULL);
    if (!m) return;
    m->format = HLN_FORMAT_SAFETENSORS;
    hln_serving_check(m, sv);
    T_EQ_STR(sv[1].runtime, "vLLM");
    T_EQ_STR(sv[2].runtime, "TensorRT-LLM");
    T_CHECK(sv[1].supported == 1 && sv[2].supported == 1);
    m->hp.arch = "qwen3";          /* in vLLM's registry, not in TensorRT-LLM's support matrix */
    hln_serving_check(m, sv);
    T_CHECK(sv[1].supported == 1 && sv[2].supported == -1 && strstr(sv[2].note, "not listed") != NULL);
    m->hp.arch = "llama";
    for (i = 0; i < m->n_tensors; i++) m->tensors[i].dtype = HLN_DTYPE_F8_E4M3;
    hln_serving_check(m, sv);
    T_CHECK(sv[2].supported == 1 && strstr(sv[2].note, "SM89") != NULL);
    T_CHECK(sv[1].supported == -1);
    m->tensors[3].dtype = HLN_DTYPE_I32;   /* GPTQ/AWQ-style packed integers: the method is not checked */
    hln_serving_check(m, sv);
    T_CHECK(sv[2].supported == -1 && strstr(sv[2].note, "I32") != NULL);
    m->hp.arch = "frobnicator";
    hln_serving_check(m, sv);
    T_CHECK(sv[1].supported == -1 && sv[2].supported == -1 && strstr(sv[1].note, "frobnicator") != NULL);
    m->format = HLN_FORMAT_TFLITE;
    hln_serving_check(m, sv);
    T_CHECK(sv[1].supported == 0 && sv[2].supported == 0 && sv[4].supported == -1);
    hln_model_free(m);
}

/* ONNX Runtime: the first release implementing the file's opset and IR version */
static void test_serving_onnxruntime(void) {
    hln_model *m = NULL;
    hln_serving sv[HLN_SERVING_RUNTIMES];
    T_CHECK(hln_onnxruntime_for_opset(17) == 112 && hln_onnxruntime_for_opset(21) == 118 && hln_onnxruntime_for_opset(7) == 1);
    T_CHECK(hln_onnxruntime_for_opset(6) == -1 && hln_onnxruntime_for_opset(22) == 0);
    T_CHECK(hln_onnxruntime_for_ir(8) == 109 && hln_onnxruntime_for_ir(4) == 4 && hln_onnxruntime_for_ir(11) == 0);
    T_CHECK(hln_model_create(NULL, &m) == HLN_OK);
    if (!m) return;
    m->format = HLN_FORMAT_ONNX;
    m->version = 8;
    m->kv = (hln_kv *)hln_arena_array(&m->arena, 2, sizeof(hln_kv));
    m->n_kv = 2;
    m->kv[0].key = "onnx.opset";
    m->kv[0].type = HLN_KV_I64;
    m->kv[0].v.i = 17;
    m->kv[1].key = "onnx.opset_import.ai.onnx";
    m->kv[1].type = HLN_KV_I64;
    m->kv[1].v.i = 17;
    hln_serving_check(m, sv);
    T_CHECK(sv[3].supported == 1);
    T_EQ_STR(sv[3].min_version, "ONNX Runtime >= 1.12");
    m->version = 9;            /* IR 9 came with 1.16, after opset 17's 1.12 */
    hln_serving_check(m, sv);
    T_EQ_STR(sv[3].min_version, "ONNX Runtime >= 1.16");
    m->kv[0].v.i = 5;
    hln_serving_check(m, sv);
    T_CHECK(sv[3].supported == 0 && strstr(sv[3].note, "version_converter") != NULL);
    m->kv[0].v.i = 23;
    hln_serving_check(m, sv);
    T_CHECK(sv[3].supported == -1);
    m->kv[0].v.i = 17;
    m->kv[1].key = "onnx.opset_import.my.custom";
    hln_serving_check(m, sv);
    T_CHECK(sv[3].supported == -1 && strstr(sv[3].note, "my.custom") != NULL);
    T_CHECK(sv[0].supported == 0 && sv[1].supported == 0);
    T_CHECK(sv[5].supported == 0 && strstr(sv[5].note, "opset <= 10") != NULL);   /* Core ML: coremltools' ONNX path */
    hln_model_free(m);
}

/* ---- reports ---- */
typedef struct sink { char *p; size_t n, cap; } sink;
static int sink_write(void *user, const void *p, size_t n) {
    sink *s = (sink *)user;
    if (n + 1 > s->cap - s->n) {
        size_t cap = s->cap ? s->cap * 2 : 65536;
        char *q;
        while (n + 1 > cap - s->n) cap *= 2;
        q = (char *)realloc(s->p, cap);
        if (!q) return 0;
        s->p = q;
        s->cap = cap;
    }
    memcpy(s->p + s->n, p, n);
    s->n += n;
    s->p[s->n] = 0;
    return 1;
}

/* The system requirements of a report: the minimum meets the target at batch 1 and fits, no
   profile that does has a lower TDP (unknown TDP last), the recommended one meets half the target. */
static double tdp_or_last(const hln_hw_profile *p) { return p->tdp_w > 0 ? p->tdp_w : 1e12; }
/* ---- TFLite / Core ML serving on hand-built IR models (the corpus runs in tests/cli_deploy.sh) ---- */
/* A TFLite-like model: one operator per code, operator_codes / operator_versions as the reader
   writes them (strings: u64 length + bytes; versions: little-endian int32). */
static hln_model *make_tflite(const char *const *ops, const char *const *domains, const int32_t *versions, uint32_t n) {
    hln_model *m = NULL;
    uint8_t *names, *vers;
    uint64_t total = 0, pos = 0;
    uint32_t i, k;
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->format = HLN_FORMAT_TFLITE;
    for (i = 0; i < n; i++) total += 8 + strlen(ops[i]);
    names = (uint8_t *)hln_arena_alloc(&m->arena, (size_t)total + 1);
    vers = (uint8_t *)hln_arena_alloc(&m->arena, 4 * (size_t)n + 1);
    m->kv = (hln_kv *)hln_arena_array(&m->arena, 2, sizeof(hln_kv));
    m->graph = (hln_graph *)hln_arena_alloc(&m->arena, sizeof(hln_graph));
    if (!names || !vers || !m->kv || !m->graph || !(m->graph->nodes = (hln_node *)hln_arena_array(&m->arena, n, sizeof(hln_node)))) {
        hln_model_free(m);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        uint64_t len = strlen(ops[i]);
        for (k = 0; k < 8; k++) names[pos + k] = (uint8_t)(len >> (8 * k));
        memcpy(names + pos + 8, ops[i], (size_t)len);
        pos += 8 + len;
        for (k = 0; k < 4; k++) vers[4 * i + k] = (uint8_t)((uint32_t)versions[i] >> (8 * k));
        m->graph->nodes[i].op_type = ops[i];
        m->graph->nodes[i].domain = domains[i];
    }
    m->graph->n_nodes = n;
    m->kv[0].key = "tflite.operator_codes";
    m->kv[0].type = HLN_KV_ARRAY;
    m->kv[0].v.a.type = HLN_KV_STRING;
    m->kv[0].v.a.count = n;
    m->kv[0].v.a.data = names;
    m->kv[0].v.a.n_bytes = total;
    m->kv[1].key = "tflite.operator_versions";
    m->kv[1].type = HLN_KV_ARRAY;
    m->kv[1].v.a.type = HLN_KV_I32;
    m->kv[1].v.a.count = n;
    m->kv[1].v.a.data = vers;
    m->kv[1].v.a.n_bytes = 4 * (uint64_t)n;
    m->n_kv = 2;
    return m;
}

/* LiteRT (register.cc @ ba79eba): CONV_2D runs v1-8, FULLY_CONNECTED v1-13, BROADCAST_TO v2-3,
   RESHAPE v1 only; Mfcc is a custom op its resolver registers, Sinh is not. */
static void test_serving_tflite(void) {
    static const char *const ops[] = { "CONV_2D", "FULLY_CONNECTED", "BROADCAST_TO", "Mfcc" };
    static const char *const dom[] = { "tflite", "tflite", "tflite", "tflite.custom" };
    int32_t ver[] = { 8, 13, 2, 1 };
    hln_serving sv[HLN_SERVING_RUNTIMES];
    hln_model *m = make_tflite(ops, dom, ver, 4);
    T_CHECK(m != NULL);
    if (!m) return;
    hln_serving_check(m, sv);
    T_EQ_STR(sv[4].runtime, "TFLite/LiteRT");
    T_CHECK(sv[4].supported == 1 && !sv[4].min_version[0]);
    T_CHECK(sv[0].supported == 0 && sv[3].supported == 0 && sv[5].supported == 0);   /* the other runtimes: not this format */
    ver[0] = 9;   /* one past LiteRT's CONV_2D */
    hln_model_free(m);
    m = make_tflite(ops, dom, ver, 4);
    if (!m) return;
    hln_serving_check(m, sv);
    T_CHECK(sv[4].supported == 0 && strstr(sv[4].note, "CONV_2D v9 (runs v1-8)") != NULL);
    ver[0] = 1;
    ver[2] = 1;   /* BROADCAST_TO v1 was rolled back: LiteRT runs v2-3 */
    hln_model_free(m);
    m = make_tflite(ops, dom, ver, 4);
    if (!m) return;
    hln_serving_check(m, sv);
    T_CHECK(sv[4].supported == 0 && strstr(sv[4].note, "BROADCAST_TO v1 (runs v2-3)") != NULL && strstr(sv[4].note, "CONV_2D") == NULL);
    hln_model_free(m);
    {
        static const char *const ops2[] = { "Sinh", "CALL", "RESHAPE", "UNUSED_OP" };
        static const char *const dom2[] = { "tflite.custom", "tflite", "tflite", "tflite" };
        int32_t ver2[] = { 1, 1, 2, 1 };
        m = make_tflite(ops2, dom2, ver2, 4);
        if (!m) return;
        m->graph->n_nodes = 3;   /* the fourth code: no operator uses it, so it does not count */
        hln_serving_check(m, sv);
        T_CHECK(sv[4].supported == 0 && strstr(sv[4].note, "Sinh (custom), CALL (no builtin kernel), RESHAPE v2 (runs v1-1)") != NULL);
        T_CHECK(strstr(sv[4].note, "UNUSED_OP") == NULL);
        m->graph->nodes[0].op_type = "Sinh2";   /* a code's name must match an operator's whole op type */
        hln_serving_check(m, sv);
        T_CHECK(sv[4].supported == 0 && strstr(sv[4].note, "Sinh") == NULL && strstr(sv[4].note, "CALL (no builtin kernel)") != NULL);
        m->n_kv = 1;   /* no versions: not read, so not known */
        hln_serving_check(m, sv);
        T_CHECK(sv[4].supported == -1);
        hln_model_free(m);
    }
}

/* Past 16 failing codes the rest count unchecked; a long custom name is matched whole. */
static void test_serving_tflite_many(void) {
    static char names[20][100];
    const char *ops[20], *dom[20];
    int32_t ver[20];
    hln_serving sv[HLN_SERVING_RUNTIMES];
    hln_model *m;
    uint32_t i;
    for (i = 0; i < 20; i++) {
        snprintf(names[i], sizeof names[i], "custom_%02u_%s", i, i == 0 ? "with_a_name_longer_than_eighty_characters_to_check_that_it_is_matched_in_whole" : "op");
        ops[i] = names[i];
        dom[i] = "tflite.custom";
        ver[i] = 1;
    }
    m = make_tflite(ops, dom, ver, 20);
    T_CHECK(m != NULL);
    if (!m) return;
    hln_serving_check(m, sv);
    T_CHECK(sv[4].supported == 0 && strstr(sv[4].note, "custom_00_with_a_name") != NULL && strstr(sv[4].note, ", ...") != NULL);
    m->graph->n_nodes = 0;   /* no operator uses any of them: 16 checked unused, 4 past the cap still count */
    hln_serving_check(m, sv);
    T_CHECK(sv[4].supported == 0 && strstr(sv[4].note, "more than 16 operator codes") != NULL);
    hln_model_free(m);
}

/* A Core ML-like model: specification version and model type as the reader writes them (kv
   strings), one node per entry with its op_type and STRING attribute coreml_type. */
static hln_model *make_coreml(const char *spec, const char *type, const char *const *ops, const char *const *coreml_types, uint32_t n) {
    hln_model *m = NULL;
    hln_attr *at;
    uint32_t i;
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->format = HLN_FORMAT_COREML;
    m->kv = (hln_kv *)hln_arena_array(&m->arena, 2, sizeof(hln_kv));
    m->graph = (hln_graph *)hln_arena_alloc(&m->arena, sizeof(hln_graph));
    at = (hln_attr *)hln_arena_array(&m->arena, n, sizeof(hln_attr));
    if (!m->kv || !m->graph || !at || !(m->graph->nodes = (hln_node *)hln_arena_array(&m->arena, n, sizeof(hln_node)))) { hln_model_free(m); return NULL; }
    m->kv[0].key = "coreml.specification_version";
    m->kv[1].key = "coreml.model_type";
    m->kv[0].type = m->kv[1].type = HLN_KV_STRING;
    m->kv[0].v.s.ptr = spec;
    m->kv[0].v.s.len = strlen(spec);
    m->kv[1].v.s.ptr = type;
    m->kv[1].v.s.len = strlen(type);
    m->n_kv = 2;
    m->graph->n_nodes = n;
    for (i = 0; i < n; i++) {
        m->graph->nodes[i].name = m->graph->nodes[i].op_type = ops[i];
        m->graph->nodes[i].attrs = &at[i];
        m->graph->nodes[i].n_attrs = 1;
        at[i].name = "coreml_type";
        at[i].type = HLN_ATTR_STRING;
        at[i].s.ptr = coreml_types[i];
        at[i].s.len = strlen(coreml_types[i]);
    }
    return m;
}

/* Core ML: the specification version names the OS (Model.proto); a custom layer blocks. */
static void test_serving_coreml(void) {
    static const char *const ops[] = { "Conv" }, *const types[] = { "convolution" };
    hln_model *m = make_coreml("4", "neuralNetwork", ops, types, 1);
    hln_serving sv[HLN_SERVING_RUNTIMES];
    hln_attr *at;
    T_CHECK(m != NULL);
    if (!m) return;
    m->graph->nodes[0].name = "conv1";
    at = m->graph->nodes[0].attrs;
    hln_serving_check(m, sv);
    T_EQ_STR(sv[5].runtime, "Core ML");
    T_CHECK(sv[5].supported == 1);
    T_EQ_STR(sv[5].min_version, "iOS 13, macOS 10.15 (Core ML 3)");
    T_CHECK(sv[4].supported == 0);   /* TFLite: not this format */
    m->kv[0].v.s.ptr = "10";
    m->kv[0].v.s.len = 2;
    hln_serving_check(m, sv);
    T_EQ_STR(sv[5].min_version, "iOS 26, macOS 26 (Core ML 9)");
    m->kv[0].v.s.ptr = "11";   /* past Model.proto's table */
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == -1 && !sv[5].min_version[0]);
    m->kv[0].v.s.ptr = "2";
    m->kv[0].v.s.len = 1;
    m->graph->nodes[0].name = "my_swish";
    at->s.ptr = "custom";
    at->s.len = 6;
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 0 && strstr(sv[5].note, "'my_swish' is a custom layer") != NULL);
    T_EQ_STR(sv[5].min_version, "iOS 11.2, macOS 10.13.2 (Core ML 1.2)");
    at->s.ptr = "customModel";
    at->s.len = 11;
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 0 && strstr(sv[5].note, "custom model") != NULL);
    m->format = HLN_FORMAT_ONNX;
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 0 && strstr(sv[5].note, "opset <= 10") != NULL);
    hln_model_free(m);
}

/* Core ML mlProgram: each MIL op's first iOS (coremltools' MIL ops reference @ 5dcc230) against
   the file's specification version; an op the reference does not list blocks, named. */
static void test_serving_coreml_mil(void) {
    static const char *const ops[] = { "conv", "relu", "linear" };
    hln_model *m;
    hln_serving sv[HLN_SERVING_RUNTIMES];
    hln_attr *at;
    T_CHECK(hln_serving_mil_op_ios("abs") == 15 && hln_serving_mil_op_ios("while_loop") == 15);   /* the table's ends */
    T_CHECK(hln_serving_mil_op_ios("constexpr_lut_to_dense") == 16 && hln_serving_mil_op_ios("reshape_like") == 16);
    T_CHECK(hln_serving_mil_op_ios("quantize") == 17 && hln_serving_mil_op_ios("resize") == 17);
    T_CHECK(hln_serving_mil_op_ios("scaled_dot_product_attention") == 18 && hln_serving_mil_op_ios("read_state") == 18);
    T_CHECK(hln_serving_mil_op_ios("conv") == 15);   /* redefined in iOS17: keeps its first */
    T_CHECK(hln_serving_mil_op_ios("Conv") == 0 && hln_serving_mil_op_ios("coreml_update_state") == 0 && hln_serving_mil_op_ios(NULL) == 0);
    m = make_coreml("6", "mlProgram", ops, ops, 3);
    T_CHECK(m != NULL);
    if (!m) return;
    at = m->graph->nodes[0].attrs;   /* the three attributes are one array */
    hln_serving_check(m, sv);   /* iOS 15 ops in a spec-6 (iOS 15) program */
    T_CHECK(sv[5].supported == 1 && sv[5].convertible == -1 && strstr(sv[5].note, "its MIL ops need iOS 15") != NULL);
    T_EQ_STR(sv[5].min_version, "iOS 15, macOS 12 (Core ML 5)");
    at[1].s.ptr = "constexpr_lut_to_dense";   /* an iOS 16 op in an iOS 15 file */
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 0 && strstr(sv[5].note, "op 'constexpr_lut_to_dense' needs iOS 16") != NULL);
    T_CHECK(strstr(sv[5].note, "specification version 6 (iOS 15, macOS 12") != NULL);
    T_EQ_STR(sv[5].min_version, "iOS 16, macOS 13 (Core ML 6)");
    m->kv[0].v.s.ptr = "7";   /* the iOS 16 target: runs, and the note names the op that needs it */
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 1 && strstr(sv[5].note, "need iOS 16 (coremltools' MIL ops reference @ 5dcc230): constexpr_lut_to_dense") != NULL);
    T_EQ_STR(sv[5].min_version, "iOS 16, macOS 13 (Core ML 6)");
    at[2].s.ptr = "scaled_dot_product_attention";   /* the newest op decides: iOS 18 */
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 0 && strstr(sv[5].note, "'scaled_dot_product_attention' needs iOS 18") != NULL);
    T_EQ_STR(sv[5].min_version, "iOS 18, macOS 15 (Core ML 8)");
    m->kv[0].v.s.ptr = "10";
    m->kv[0].v.s.len = 2;
    hln_serving_check(m, sv);   /* iOS 26 runs every opset */
    T_CHECK(sv[5].supported == 1 && strstr(sv[5].note, "need iOS 18") != NULL);
    T_EQ_STR(sv[5].min_version, "iOS 26, macOS 26 (Core ML 9)");
    at[0].s.ptr = "frobnicate";   /* not in the reference: blocks, by name, even where everything else runs */
    at[1].s.ptr = "write_state";
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 0 && strstr(sv[5].note, "ops not in coremltools' MIL ops reference (@ 5dcc230): frobnicate, write_state") != NULL);
    m->kv[1].v.s.ptr = "neuralNetwork";   /* a neural network's coreml_type is a layer type: not MIL-checked */
    m->kv[1].v.s.len = 13;
    hln_serving_check(m, sv);
    T_CHECK(sv[5].supported == 1 && strstr(sv[5].note, "NeuralNetwork.proto") != NULL);
    hln_model_free(m);
}

/* An ONNX file on TFLite and Core ML: the documented lowerings of its ops (onnx2tf's table;
   coremltools' ONNX converter, which also needs opset <= 10); others are named as blocking. */
static void test_serving_onnx_lowering(void) {
    static const char *const ops[] = { "Conv", "Relu", "Gemm", "MatMul" };
    hln_model *m = NULL;
    hln_serving sv[HLN_SERVING_RUNTIMES];
    hln_graph *body;
    hln_attr *at;
    uint32_t i;
    T_CHECK(hln_serving_onnx_lowering("Abs") == 5 && hln_serving_onnx_lowering("Xor") == 5);   /* the table's ends */
    T_CHECK(hln_serving_onnx_lowering("Einsum") == 1 && hln_serving_onnx_lowering("GridSample") == 2);
    T_CHECK(hln_serving_onnx_lowering("Loop") == 0 && hln_serving_onnx_lowering("Scan") == 0 && hln_serving_onnx_lowering("GroupNormalization") == 0);
    T_CHECK(hln_serving_onnx_lowering("conv") == 0 && hln_serving_onnx_lowering(NULL) == 0);
    if (hln_model_create(NULL, &m) != HLN_OK) return;
    m->format = HLN_FORMAT_ONNX;
    m->version = 6;
    m->kv = (hln_kv *)hln_arena_array(&m->arena, 1, sizeof(hln_kv));
    m->graph = (hln_graph *)hln_arena_alloc(&m->arena, sizeof(hln_graph));
    body = (hln_graph *)hln_arena_alloc(&m->arena, sizeof(hln_graph));
    at = (hln_attr *)hln_arena_alloc(&m->arena, sizeof(hln_attr));
    if (!m->kv || !m->graph || !body || !at || !(m->graph->nodes = (hln_node *)hln_arena_array(&m->arena, 4, sizeof(hln_node))) ||
        !(body->nodes = (hln_node *)hln_arena_array(&m->arena, 1, sizeof(hln_node))) ||
        !(at->graphs = (hln_graph **)hln_arena_array(&m->arena, 1, sizeof(hln_graph *)))) { hln_model_free(m); return; }
    m->kv[0].key = "onnx.opset";
    m->kv[0].type = HLN_KV_I64;
    m->kv[0].v.i = 9;
    m->n_kv = 1;
    m->graph->n_nodes = 4;
    for (i = 0; i < 4; i++) { m->graph->nodes[i].op_type = ops[i]; m->graph->nodes[i].domain = ""; }
    hln_serving_check(m, sv);
    T_CHECK(sv[4].supported == 0 && sv[4].convertible == 1 && strstr(sv[4].note, "convert it with onnx2tf") != NULL);
    T_CHECK(sv[5].supported == 0 && sv[5].convertible == 1 && strstr(sv[5].note, "every op is one coremltools' ONNX converter maps") != NULL);
    T_CHECK(sv[3].convertible == -1 && sv[0].convertible == -1);   /* not conversions */
    m->kv[0].v.i = 13;   /* every op mapped, but coremltools' ONNX converter takes opset <= 10 */
    hln_serving_check(m, sv);
    T_CHECK(sv[4].convertible == 1);
    T_CHECK(sv[5].convertible == 0 && strstr(sv[5].note, "opset <= 10 (this file: 13)") != NULL);
    m->kv[0].v.i = 9;
    m->graph->nodes[1].op_type = "Einsum";   /* onnx2tf converts it; coremltools' ONNX converter does not */
    m->graph->nodes[2].op_type = "ScaledTanh";   /* a model-local function: not in either table */
    m->graph->nodes[2].domain = "local.fn";
    m->graph->nodes[3].op_type = "Loop";   /* neither; its body is walked too */
    m->graph->nodes[3].attrs = at;
    m->graph->nodes[3].n_attrs = 1;
    at->name = "body";
    at->type = HLN_ATTR_GRAPH;
    at->count = 1;
    at->graphs[0] = body;
    body->n_nodes = 1;
    body->nodes[0].op_type = "GroupNormalization";
    body->nodes[0].domain = "";
    hln_serving_check(m, sv);
    T_CHECK(sv[4].convertible == 0 && strstr(sv[4].note, "ops onnx2tf does not convert (its README @ 001faec): local.fn::ScaledTanh, Loop, GroupNormalization") != NULL);
    T_CHECK(sv[5].convertible == 0 && strstr(sv[5].note, "does not map (@ 989ef6b): Einsum, local.fn::ScaledTanh, Loop, GroupNormalization") != NULL);
    hln_model_free(m);
}

static void check_system_requirements(const hln_model *m, const hln_hw_list *l, const char *json, double target) {
    char mn[64] = "", rec[64] = "";
    const char *a = strstr(json, "\"minimum\": \""), *b = strstr(json, "\"recommended\": \"");
    const hln_hw_profile *pm, *pr;
    hln_deploy_model d;
    hln_plan_options o;
    hln_estimate e;
    uint32_t i;
    T_CHECK(a && b && sscanf(a, "\"minimum\": \"%63[^\"]", mn) == 1 && sscanf(b, "\"recommended\": \"%63[^\"]", rec) == 1);
    pm = hln_hw_find(l, mn);
    pr = hln_hw_find(l, rec);
    T_CHECK(pm != NULL && pr != NULL);
    if (!pm || !pr) return;
    memset(&o, 0, sizeof o);
    hln_deploy_model_init(m, NULL, &d);
    hln_estimate_run(&d, pm, &o, 4096, 1, &e);
    T_CHECK(e.fits && e.latency_s >= 0 && e.latency_s <= target);
    hln_estimate_run(&d, pr, &o, 4096, 1, &e);
    T_CHECK(e.fits && e.latency_s >= 0 && e.latency_s <= target / 2);
    for (i = 0; i < l->n; i++) {
        hln_estimate_run(&d, &l->items[i], &o, 4096, 1, &e);
        if (e.fits && e.latency_s >= 0 && e.latency_s <= target) T_CHECK(tdp_or_last(&l->items[i]) >= tdp_or_last(pm));
        if (e.fits && e.latency_s >= 0 && e.latency_s <= target / 2) T_CHECK(tdp_or_last(&l->items[i]) >= tdp_or_last(pr));
    }
}

static void test_report_sections(void) {
    hln_model *m = make_llm(&llama3_8b);
    hln_hw_list l;
    const hln_hw_profile *hw[2];
    const char *names[1] = { "16GB" };
    uint64_t bytes[1] = { 16000000000ull };
    hln_report_deploy dep;
    hln_report_options ro;
    sink s = { NULL, 0, 0 };
    T_CHECK(m != NULL);
    if (!m) return;
    hln_hw_list_builtin(&l);
    hw[0] = hln_hw_find(&l, "h100-sxm5-80gb");
    hw[1] = hln_hw_find(&l, "rtx-4090");
    memset(&dep, 0, sizeof dep);
    dep.hw = hw;
    dep.n_hw = 2;
    dep.all = &l;
    dep.n_budgets = 1;
    dep.budget_names = names;
    dep.budget_bytes = bytes;
    dep.target_latency_s = 0.02;
    memset(&ro, 0, sizeof ro);
    ro.file_name = "llama3.gguf";
    ro.summary_only = 1;
    ro.deploy = &dep;
    T_CHECK(hln_report_json(m, &ro, sink_write, &s) == HLN_OK);
    T_CHECK(s.p && strstr(s.p, "\"hardware\": [\n    {\"name\": \"h100-sxm5-80gb\", \"memory_bytes\": 85899345920, \"bandwidth_gb_per_s\": 3350"));
    T_CHECK(s.p && strstr(s.p, "\"kv_bytes_per_token\": {\"f32\": 262144, \"f16\": 131072, \"bf16\": 131072, \"q8_0\": 69632, \"q4_0\": 36864"));
    T_CHECK(s.p && strstr(s.p, "\"max_context\": {\"16GB\": "));
    T_CHECK(s.p && strstr(s.p, "\"estimates\": [\n    {\"hardware\": \"h100-sxm5-80gb\", \"precision\": \"fp16\", \"batch\": 1, \"context\": 4096"));
    T_CHECK(s.p && strstr(s.p, "\"roofline\": [\n    {\"hardware\": \"h100-sxm5-80gb\", \"node_or_block\": \"blk.0\""));
    T_CHECK(s.p && strstr(s.p, "\"system_requirements\": {\"target_latency_s\": 0.02, \"minimum\": \""));
    if (s.p && strstr(s.p, "\"system_requirements\""))
        check_system_requirements(m, &l, strstr(s.p, "\"system_requirements\""), 0.02);
    T_CHECK(s.p && strstr(s.p, "\"serving\": [\n    {\"runtime\": \"llama.cpp\", \"supported\": true"));
    s.n = 0;
    T_CHECK(hln_report_deploy_text(m, &ro, sink_write, &s) == HLN_OK);
    T_CHECK(s.p && strstr(s.p, "deployment on rtx-4090") && strstr(s.p, "KV bytes/token f16 131072"));
    s.n = 0;
    T_CHECK(hln_report_html(m, &ro, sink_write, &s) == HLN_OK);
    T_CHECK(s.p && strstr(s.p, "data-chart=\"deploy_memory\"") && strstr(s.p, "data-chart=\"deploy_roofline\"") &&
            strstr(s.p, "data-chart=\"deploy_decode\""));
    free(s.p);
    hln_model_free(m);
}

int main(void) {
    T_RUN(test_kv_llama2_7b);
    T_RUN(test_kv_llama3_8b_gqa);
    T_RUN(test_mistral_sliding_window);
    T_RUN(test_gemma2_alternating_window);
    T_RUN(test_mixtral_params);
    T_RUN(test_mla_cache);
    T_RUN(test_hostile_claims);
    T_RUN(test_moe_touched);
    T_RUN(test_planner_totals);
    T_RUN(test_offload_layers);
    T_RUN(test_estimates);
    T_RUN(test_estimate_kv_type);
    T_RUN(test_graph_estimates);
    T_RUN(test_tensor_parallel_comm);
    T_RUN(test_roofline_blocks);
    T_RUN(test_roofline_graph_blocks);
    T_RUN(test_roofline_node_precision);
    T_RUN(test_profiles_valid);
    T_RUN(test_profile_units);
    T_RUN(test_find_and_near);
    T_RUN(test_hardware_file);
    T_RUN(test_units);
    T_RUN(test_serving);
    T_RUN(test_serving_llamacpp_types);
    T_RUN(test_serving_hf);
    T_RUN(test_serving_onnxruntime);
    T_RUN(test_serving_tflite);
    T_RUN(test_serving_tflite_many);
    T_RUN(test_serving_coreml);
    T_RUN(test_serving_coreml_mil);
    T_RUN(test_serving_onnx_lowering);
    T_RUN(test_report_sections);
    return t_finish("test_deploy");
}
