/* examples/bench_deploy.c - the deployment passes for one model on every hardware profile.
 *
 * The model is a Llama-3-8B-shaped IR built in memory (published hyperparameters, tensors
 * without bytes). One run: hln_deploy_model_init, then on each built-in profile the estimates
 * at batch 1, 2, 4, ... 256 (and batch 1 over 2 devices), the largest context that fits its
 * memory, the -ngl layer count and the fits table of 11 budgets. Target: under 5 ms for all
 * profiles. */
#include "bench.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"

#include <stdio.h>
#include <string.h>

static hln_model *make_llama3_8b(void) {
    static const struct { const char *suffix; int64_t rows, cols; } layer[] = {
        { "attn_norm.weight", 4096, 0 }, { "attn_q.weight", 4096, 4096 }, { "attn_k.weight", 1024, 4096 },
        { "attn_v.weight", 1024, 4096 }, { "attn_output.weight", 4096, 4096 }, { "ffn_norm.weight", 4096, 0 },
        { "ffn_gate.weight", 14336, 4096 }, { "ffn_up.weight", 14336, 4096 }, { "ffn_down.weight", 4096, 14336 },
    };
    const uint32_t n_layer = 32, per = sizeof layer / sizeof layer[0];
    hln_model *m = NULL;
    uint32_t l, k, n = 0;
    char name[64];
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->hp.arch = "llama";
    m->hp.n_layer = n_layer; m->hp.n_head = 32; m->hp.n_head_kv = 8; m->hp.n_embd = 4096;
    m->hp.n_ff = 14336; m->hp.n_vocab = 128256; m->hp.context_length = 8192;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, 2 + n_layer * per, sizeof(hln_tensor));
    for (l = 0; l <= n_layer; l++)
        for (k = 0; k < (l < n_layer ? per : 2); k++) {
            hln_tensor *t = &m->tensors[n++];
            int64_t rows = l < n_layer ? layer[k].rows : 128256, cols = l < n_layer ? layer[k].cols : 4096;
            if (l < n_layer) snprintf(name, sizeof name, "blk.%u.%s", l, layer[k].suffix);
            else snprintf(name, sizeof name, "%s", k ? "output.weight" : "token_embd.weight");
            t->name = hln_arena_strndup(&m->arena, name, strlen(name));
            t->dtype = HLN_DTYPE_F16;
            t->n_dims = cols ? 2 : 1;
            t->dims = (int64_t *)hln_arena_array(&m->arena, 2, sizeof(int64_t));
            t->dims[0] = rows;
            t->dims[1] = cols;
            t->n_elements = (uint64_t)rows * (uint64_t)(cols ? cols : 1);
            t->n_bytes = 2 * t->n_elements;
        }
    m->n_tensors = n;
    return m;
}

typedef struct deploy_case { hln_model *m; double sink; } deploy_case;

static void run_all_profiles(void *arg) {
    deploy_case *c = (deploy_case *)arg;
    hln_deploy_model d;
    hln_plan_options o;
    hln_hw_list l;
    uint32_t i, k;
    uint64_t b;
    memset(&o, 0, sizeof o);
    hln_hw_list_builtin(&l);
    hln_deploy_model_init(c->m, NULL, &d);
    for (i = 0; i < l.n; i++) {
        const hln_hw_profile *hw = &l.items[i];
        hln_estimate e;
        hln_plan p;
        for (b = 1; b <= 256; b *= 2) {
            hln_estimate_run(&d, hw, &o, 4096, b, &e);
            c->sink += e.decode_tokens_per_s;
        }
        o.n_devices = 2;   /* tensor parallelism: the all-reduce latency and bytes too */
        hln_estimate_run(&d, hw, &o, 4096, 1, &e);
        c->sink += e.comm_s;
        o.n_devices = 0;
        c->sink += (double)hln_plan_max_context(&d, &o, hw->memory_bytes, 1);
        c->sink += (double)hln_plan_offload_layers(&d, &o, hw->memory_bytes, 4096, 1);
        for (k = 0; k < HLN_FITS_BUDGETS; k++)
            if (hln_plan_memory(&d, &o, 4096, 1, &p)) c->sink += p.per_device_bytes <= hln_fits_budget(k);
    }
}

void bench_deploy(bench_ctx *ctx) {
    deploy_case c;
    double t;
    char note[96];
    hln_hw_list l;
    if (!bench_want(ctx, "deploy: plan+estimates, all profiles")) return;
    c.m = make_llama3_8b();
    c.sink = 0;
    if (!c.m) return;
    hln_hw_list_builtin(&l);
    t = bench_time(run_all_profiles, &c, 0.5);
    snprintf(note, sizeof note, "%u profiles, Llama-3-8B shape; target < 5 ms", l.n);
    bench_row(ctx, "deploy: plan+estimates, all profiles", 0, t, note);
    hln_model_free(c.m);
}
