/* examples/bench_report.c - report writers on a synthetic 20,000-node graph.
 *
 * The model is built in memory: a chain of 6,667 blocks "block.N/{MatMul,Add,Relu}" (20,000
 * nodes), one [256, 256] F32 weight and one [256] bias per block, value shapes [1, 256] and
 * per-node MACs filled in. The HTML page (layout, charts, data, script) and the JSON report are
 * written to a memory sink; each row gives the output size and the time of one write. Targets
 * of the HTML page: under 200 ms and under 10 MB. */
#include "bench.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BENCH_REPORT_NODES 20000

typedef struct report_sink { char *p; size_t n, cap; } report_sink;
static int report_sink_write(void *user, const void *p, size_t n) {
    report_sink *s = (report_sink *)user;
    if (n > s->cap - s->n) {
        size_t cap = s->cap ? s->cap : (size_t)1 << 20;
        char *q;
        while (n > cap - s->n) cap *= 2;
        q = (char *)realloc(s->p, cap);
        if (!q) return 0;
        s->p = q;
        s->cap = cap;
    }
    memcpy(s->p + s->n, p, n);
    s->n += n;
    return 1;
}

static char *arena_printf(hln_model *m, const char *fmt, int a, const char *b) {
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, fmt, a, b);
    return hln_arena_strndup(&m->arena, tmp, (size_t)n);
}

static hln_model *make_chain(uint32_t n_nodes) {
    static const char *const ops[3] = { "MatMul", "Add", "Relu" };
    hln_model *m = NULL;
    hln_graph *g;
    hln_dim *act, *wdim;
    int64_t *wshape, *bshape;
    uint32_t i, n_blocks = (n_nodes + 2) / 3, n_tensors = 2 * n_blocks, v_act;
    if (hln_model_create(NULL, &m) != HLN_OK) return NULL;
    m->format = HLN_FORMAT_ONNX;
    m->version = 8;
    act = (hln_dim *)hln_arena_array(&m->arena, 2, sizeof(hln_dim));
    wdim = (hln_dim *)hln_arena_array(&m->arena, 2, sizeof(hln_dim));
    wshape = (int64_t *)hln_arena_array(&m->arena, 2, sizeof(int64_t));
    bshape = (int64_t *)hln_arena_array(&m->arena, 1, sizeof(int64_t));
    act[0].value = 1; act[1].value = 256;
    wdim[0].value = 256; wdim[1].value = 256;
    wshape[0] = 256; wshape[1] = 256; bshape[0] = 256;
    m->n_tensors = n_tensors;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, n_tensors, sizeof(hln_tensor));
    for (i = 0; i < n_tensors; i++) {
        hln_tensor *t = &m->tensors[i];
        int bias = i & 1;
        t->name = arena_printf(m, bias ? "block.%d.bias%s" : "block.%d.weight%s", (int)(i / 2), "");
        t->dtype = HLN_DTYPE_F32;
        t->n_dims = bias ? 1 : 2;
        t->dims = bias ? bshape : wshape;
        t->n_elements = bias ? 256 : 65536;
        t->n_bytes = t->n_elements * 4;
        t->offset = (uint64_t)i * 262144;
        t->native_type = 1;
    }
    g = (hln_graph *)hln_arena_alloc(&m->arena, sizeof *g);
    m->graph = g;
    /* values: input, then one output per node, then one value per tensor */
    g->n_values = 1 + n_nodes + n_tensors;
    g->values = (hln_value *)hln_arena_array(&m->arena, g->n_values, sizeof(hln_value));
    for (i = 0; i < g->n_values; i++) {
        hln_value *v = &g->values[i];
        v->dtype = HLN_DTYPE_F32;
        v->producer = v->tensor = v->outer = -1;
        v->inferred.rank = -1;
        v->shape.rank = 2;
        v->shape.dims = act;
        if (i == 0) v->name = "input";
        else if (i <= n_nodes) { v->name = arena_printf(m, "block.%d/%s_output", (int)((i - 1) / 3), ops[(i - 1) % 3]); v->producer = (int32_t)i - 1; }
        else {
            uint32_t t = i - 1 - n_nodes;
            v->name = m->tensors[t].name;
            v->tensor = (int32_t)t;
            v->shape.rank = (int32_t)m->tensors[t].n_dims;
            v->shape.dims = wdim;
        }
    }
    g->n_nodes = n_nodes;
    g->nodes = (hln_node *)hln_arena_array(&m->arena, n_nodes, sizeof(hln_node));
    v_act = 0;
    for (i = 0; i < n_nodes; i++) {
        hln_node *nd = &g->nodes[i];
        uint32_t block = i / 3, k = i % 3;
        nd->name = arena_printf(m, "block.%d/%s", (int)block, ops[k]);
        nd->op_type = ops[k];
        nd->domain = "";
        nd->inputs = (int32_t *)hln_arena_array(&m->arena, 2, sizeof(int32_t));
        nd->outputs = (int32_t *)hln_arena_array(&m->arena, 1, sizeof(int32_t));
        nd->inputs[0] = (int32_t)v_act;
        nd->n_inputs = 1;
        if (k < 2) { nd->inputs[1] = (int32_t)(1 + n_nodes + 2 * block + k); nd->n_inputs = 2; }
        nd->outputs[0] = (int32_t)(i + 1);
        nd->n_outputs = 1;
        v_act = i + 1;
        nd->macs = k == 0 ? 65536 : 0;
        nd->flops = k == 0 ? 131072 : 256;
        nd->params = k == 0 ? 65536 : k == 1 ? 256 : 0;
        nd->exact = 1;
    }
    g->n_inputs = 1;
    g->inputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
    g->n_outputs = 1;
    g->outputs = (int32_t *)hln_arena_alloc(&m->arena, sizeof(int32_t));
    g->outputs[0] = (int32_t)n_nodes;
    return m;
}

typedef struct report_arg {
    const hln_model *m;
    hln_result (*fn)(const hln_model *, const hln_report_options *, hln_write_fn, void *);
    report_sink sink;
    hln_result r;
} report_arg;

static void report_once(void *p) {
    report_arg *a = (report_arg *)p;
    hln_report_options ro;
    memset(&ro, 0, sizeof ro);
    ro.file_name = "synthetic-20000.onnx";
    a->sink.n = 0;
    a->r = a->fn(a->m, &ro, report_sink_write, &a->sink);
}

void bench_report(bench_ctx *ctx) {
    struct { const char *name; hln_result (*fn)(const hln_model *, const hln_report_options *, hln_write_fn, void *); } cases[2];
    hln_model *m;
    int c;
    cases[0].name = "report/html-20000-nodes"; cases[0].fn = hln_report_html;
    cases[1].name = "report/json-20000-nodes"; cases[1].fn = hln_report_json;
    if (!bench_want(ctx, "report/")) return;
    m = make_chain(BENCH_REPORT_NODES);
    if (!m) { fprintf(stderr, "bench: cannot build the synthetic graph\n"); return; }
    for (c = 0; c < 2; c++) {
        report_arg a;
        double t;
        char note[160];
        if (!bench_want(ctx, cases[c].name)) continue;
        memset(&a, 0, sizeof a);
        a.m = m;
        a.fn = cases[c].fn;
        t = bench_time(report_once, &a, 0.5);
        if (c == 0)
            snprintf(note, sizeof note, "%s; %.2f MB page, 20000 nodes (targets: < 200 ms, < 10 MB: %s)",
                     a.r == HLN_OK ? "ok" : "FAILED", (double)a.sink.n / 1e6,
                     t < 0.2 && a.sink.n < 10u * 1000 * 1000 ? "met" : "MISSED");
        else
            snprintf(note, sizeof note, "%s; %.2f MB", a.r == HLN_OK ? "ok" : "FAILED", (double)a.sink.n / 1e6);
        bench_row(ctx, cases[c].name, (double)a.sink.n, t, note);
        free(a.sink.p);
    }
    hln_model_free(m);
}
