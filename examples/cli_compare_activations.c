/* examples/cli_compare_activations.c - `haoline compare-activations A B`: runs two models (an
 * FP32 model and its QDQ/int8 variant, or one QDQ model against itself with --bypass-qdq) on
 * the same inputs with haoline_exec.h, aligns their values by name and then by op position,
 * and reports per layer RMSE, max abs error, cosine and SNR, the first layer that diverges past
 * a threshold, the layer that diverges most, and the int8 values that saturate. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ca_usage =
    "usage: haoline compare-activations A [B] [--input NAME=FILE.npy ...|--random SEED] [options]\n"
    "  runs A (the reference) and B on the same inputs and compares their values layer by layer\n"
    "\n"
    "  --input, --random, --bind, --max-memory, --mean, --std, --layout\n"
    "                        as for 'haoline run' (the same inputs go to both)\n"
    "  --bypass-qdq          run A with float activations (its QuantizeLinear/DequantizeLinear\n"
    "                        of computed values pass them through); B defaults to A: a QDQ\n"
    "                        model against its own float-activation counterpart\n"
    "  --threshold DB        a layer diverges when its SNR falls below DB (default 30)\n"
    "  --json [OUT]          the per-layer table, first divergence, worst layer, saturation as JSON\n"
    "  --md OUT              the same as a Markdown report\n"
    "  --html OUT            one HTML page: per-layer divergence bars, A and B histograms of\n"
    "                        chosen layers overlaid, a divergence heatmap on A's graph view\n"
    "  --hist NAME           a layer (A's value name) whose histograms the page overlays;\n"
    "                        repeatable (up to 16; default: the 3 lowest-SNR layers)\n"
    "Values are aligned by name, then the k-th unmatched node of an op type in A with the k-th\n"
    "of that op type in B (QuantizeLinear, DequantizeLinear, Identity and Cast skipped).\n"
    "Exit status: 0 ok, 1 a model could not be read or run, 2 bad usage.\n";

typedef struct ca_value {
    char           *name;
    const char     *op;
    uint32_t        pos;      /* execution position in the main graph */
    int32_t         node;     /* the main-graph node that produced it */
    hln_exec_tensor t;        /* a copy */
    int             matched;
} ca_value;

typedef struct ca_run { ca_value *v; uint32_t n, cap; int failed; } ca_run;

static int ca_on_node(void *user, const hln_graph *g, uint32_t node, uint32_t depth, const hln_exec_tensor *outs, uint32_t n_outs) {
    ca_run *r = (ca_run *)user;
    const hln_node *nd = &g->nodes[node];
    uint32_t q;
    if (depth) return 0;
    for (q = 0; q < n_outs; q++) {
        const hln_exec_tensor *t = &outs[q];
        ca_value *v;
        size_t bytes;
        if (nd->outputs[q] < 0 || !t->data) continue;
        if (t->dtype != HLN_DTYPE_F32 && t->dtype != HLN_DTYPE_I8 && t->dtype != HLN_DTYPE_U8) continue;
        if (r->n == r->cap) {
            uint32_t cap = r->cap ? r->cap * 2 : 64;
            ca_value *grown = (ca_value *)realloc(r->v, cap * sizeof *grown);
            if (!grown) { r->failed = 1; return 1; }
            r->v = grown;
            r->cap = cap;
        }
        v = &r->v[r->n];
        memset(v, 0, sizeof *v);
        v->name = strdup(g->values[nd->outputs[q]].name);
        v->op = nd->op_type;
        v->pos = r->n;
    v->node = (int32_t)node;
        v->t = *t;
        bytes = (size_t)t->n_elements * hln_dtype_get(t->dtype)->type_size;
        v->t.data = malloc(bytes ? bytes : 1);
        if (!v->name || !v->t.data) { free(v->name); free(v->t.data); r->failed = 1; return 1; }
        memcpy(v->t.data, t->data, bytes);
        r->n++;
    }
    return 0;
}

static void ca_run_free(ca_run *r) {
    uint32_t i;
    for (i = 0; i < r->n; i++) { free(r->v[i].name); free(r->v[i].t.data); }
    free(r->v);
}

/* Loads, runs and captures one model; 0 or the exit status. */
static int ca_run_model(const char *path, const cli_input_spec *in, int bypass, ca_run *r, hln_model **mp) {
    hln_error err;
    hln_exec *x = NULL;
    hln_exec_options xo;
    int rc;
    memset(&err, 0, sizeof err);
    if (cli_load_model(path, mp, &err) != HLN_OK) return cli_report_load_error(path, &err);
    if (!(*mp)->graph) { fprintf(stderr, "haoline: %s: a weight-only model has no graph to run\n", path); return EXIT_BAD_INPUT; }
    memset(&xo, 0, sizeof xo);
    xo.max_memory = in->max_memory;
    xo.on_node = ca_on_node;
    xo.user = r;
    xo.bypass_activation_qdq = bypass;
    if (hln_exec_create(*mp, &xo, &x, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: cannot run: %s\n", path, err.message);
        return EXIT_BAD_INPUT;
    }
    if ((rc = cli_exec_inputs(x, *mp, in)) == 0 && hln_exec_run(x, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: %s\n", path, r->failed ? "out of memory capturing values" : err.message);
        rc = EXIT_BAD_INPUT;
    }
    hln_exec_free(x);
    return rc;
}

static int ca_skipped_op(const char *op) {
    return strcmp(op, "QuantizeLinear") == 0 || strcmp(op, "DequantizeLinear") == 0 || strcmp(op, "Identity") == 0 || strcmp(op, "Cast") == 0;
}

typedef struct ca_pair { uint32_t a, b; int by_name; hln_exec_error e; } ca_pair;

/* Aligns A's float values with B's: by name, then by op type and occurrence. */
static uint32_t ca_align(ca_run *A, ca_run *B, ca_pair *pairs) {
    uint32_t i, j, n = 0;
    for (i = 0; i < A->n; i++) {
        if (A->v[i].t.dtype != HLN_DTYPE_F32) continue;
        for (j = 0; j < B->n; j++)
            if (!B->v[j].matched && B->v[j].t.dtype == HLN_DTYPE_F32 && strcmp(A->v[i].name, B->v[j].name) == 0 &&
                A->v[i].t.n_elements == B->v[j].t.n_elements) {
                A->v[i].matched = B->v[j].matched = 1;
                pairs[n].a = i; pairs[n].b = j; pairs[n].by_name = 1;
                n++;
                break;
            }
    }
    for (i = 0; i < A->n; i++) {
        if (A->v[i].matched || A->v[i].t.dtype != HLN_DTYPE_F32 || ca_skipped_op(A->v[i].op)) continue;
        for (j = 0; j < B->n; j++)
            if (!B->v[j].matched && B->v[j].t.dtype == HLN_DTYPE_F32 && strcmp(A->v[i].op, B->v[j].op) == 0) {
                if (A->v[i].t.n_elements == B->v[j].t.n_elements) {
                    A->v[i].matched = B->v[j].matched = 1;
                    pairs[n].a = i; pairs[n].b = j; pairs[n].by_name = 0;
                    n++;
                }
                break;   /* the next of this op type in B: aligned or not, positions stay in step */
            }
    }
    /* A's order */
    for (i = 1; i < n; i++) {
        ca_pair p = pairs[i];
        for (j = i; j > 0 && pairs[j - 1].a > p.a; j--) pairs[j] = pairs[j - 1];
        pairs[j] = p;
    }
    for (i = 0; i < n; i++) hln_exec_tensor_error(&A->v[pairs[i].a].t, &B->v[pairs[i].b].t, &pairs[i].e);
    return n;
}

#define CA_BINS 64
#define CA_MAX_HIST 16
/* Histograms of a and b (F32, same length) over their common finite range, CA_BINS bins. */
static void ca_hist(const hln_exec_tensor *a, const hln_exec_tensor *b, hln_report_act_hist *h, uint64_t *ca, uint64_t *cb) {
    const hln_exec_tensor *ts[2];
    uint64_t i;
    int k, any = 0;
    ts[0] = a; ts[1] = b;
    h->lo = h->hi = 0;
    for (k = 0; k < 2; k++)
        for (i = 0; i < ts[k]->n_elements; i++) {
            double v = ((const float *)ts[k]->data)[i];
            if (!isfinite(v)) continue;
            if (!any || v < h->lo) h->lo = v;
            if (!any || v > h->hi) h->hi = v;
            any = 1;
        }
    memset(ca, 0, CA_BINS * sizeof *ca);
    memset(cb, 0, CA_BINS * sizeof *cb);
    for (k = 0; k < 2; k++)
        for (i = 0; i < ts[k]->n_elements; i++) {
            double v = ((const float *)ts[k]->data)[i];
            int bin;
            if (!isfinite(v)) continue;
            bin = h->hi > h->lo ? (int)((v - h->lo) / (h->hi - h->lo) * CA_BINS) : 0;
            if (bin >= CA_BINS) bin = CA_BINS - 1;
            if (bin < 0) bin = 0;
            (k ? cb : ca)[bin]++;
        }
    h->n_bins = CA_BINS;
    h->a = ca;
    h->b = cb;
}

/* The HTML page (haoline_report.h) from the aligned pairs; 0 or the exit status. */
static int ca_html(const char *out, const char *pa, const char *pb, int bypass, double threshold, ca_run *A, ca_run *B, const hln_model *ma,
                   const ca_pair *pairs, uint32_t n, int32_t first, int32_t worst, const char *const *hist_names, uint32_t n_hist_names) {
    hln_report_act_layer *layers = (hln_report_act_layer *)calloc((size_t)n + 1, sizeof *layers);
    hln_report_act_hist hists[CA_MAX_HIST];
    uint64_t (*counts)[2][CA_BINS] = (uint64_t (*)[2][CA_BINS])calloc(CA_MAX_HIST, sizeof *counts);
    uint32_t k, q, nh = 0;
    hln_report_activations_input in;
    hln_result r;
    FILE *f;
    if (!layers || !counts) { free(layers); free(counts); fprintf(stderr, "haoline: out of memory\n"); return EXIT_BAD_INPUT; }
    for (k = 0; k < n; k++) {
        const ca_pair *p = &pairs[k];
        layers[k].name_a = A->v[p->a].name;
        layers[k].name_b = B->v[p->b].name;
        layers[k].op = A->v[p->a].op;
        layers[k].node = A->v[p->a].node;
        layers[k].by_name = p->by_name;
        layers[k].elements = A->v[p->a].t.n_elements;
        layers[k].rmse = p->e.rmse; layers[k].max_abs = p->e.max_abs; layers[k].cosine = p->e.cosine; layers[k].snr_db = p->e.snr_db;
    }
    if (n_hist_names) {
        for (q = 0; q < n_hist_names; q++)
            for (k = 0; k < n && nh < CA_MAX_HIST; k++)
                if (strcmp(layers[k].name_a, hist_names[q]) == 0) { hists[nh++].layer = k; break; }
    } else {   /* the 3 lowest SNRs, A's order kept */
        uint8_t *taken = (uint8_t *)calloc((size_t)n + 1, 1);
        if (taken)
            for (q = 0; q < 3 && q < n; q++) {
                int32_t best = -1;
                for (k = 0; k < n; k++) if (!taken[k] && (best < 0 || layers[k].snr_db < layers[best].snr_db)) best = (int32_t)k;
                taken[best] = 1;
            }
        for (k = 0; taken && k < n; k++) if (taken[k]) hists[nh++].layer = k;
        free(taken);
    }
    for (q = 0; q < nh; q++) ca_hist(&A->v[pairs[hists[q].layer].a].t, &B->v[pairs[hists[q].layer].b].t, &hists[q], counts[q][0], counts[q][1]);
    memset(&in, 0, sizeof in);
    in.a = ma;
    in.file_a = cli_base_name(pa);
    in.file_b = cli_base_name(pb);
    in.a_bypass_qdq = bypass;
    in.threshold_db = threshold;
    in.layers = layers;
    in.n_layers = n;
    in.first = first;
    in.worst = worst;
    in.hists = hists;
    in.n_hists = nh;
    f = cli_is_stdout(out) ? stdout : fopen(out, "wb");
    if (!f) { fprintf(stderr, "haoline: cannot write %s: %s\n", out, strerror(errno)); free(layers); free(counts); return EXIT_USAGE; }
    r = hln_report_activations_html(&in, cli_write_file, f);
    if (f != stdout && fclose(f) != 0 && r == HLN_OK) r = HLN_ERR_IO;
    free(layers);
    free(counts);
    if (r != HLN_OK) { fprintf(stderr, "haoline: writing %s failed: %s\n", out, hln_result_string(r)); return EXIT_USAGE; }
    return 0;
}

int cmd_compare_activations(int argc, char **argv) {
    const char *pa = NULL, *pb = NULL, *json_out = NULL, *md_out = NULL, *html_out = NULL, *hist_names[CA_MAX_HIST];
    uint32_t n_hist = 0;
    int want_json = 0, rc = 0, i;
    double threshold = 30;
    cli_input_spec in;
    ca_run A, B;
    hln_model *ma = NULL, *mb = NULL;
    ca_pair *pairs = NULL;
    uint32_t n = 0, k, unA = 0, unB = 0;
    int32_t first = -1, worst = -1;
    FILE *f;
    if (cli_wants_help(argc, argv)) { fputs(ca_usage, stdout); return 0; }
    memset(&in, 0, sizeof in);
    memset(&A, 0, sizeof A);
    memset(&B, 0, sizeof B);
    for (i = 0; i < argc; i++) {
        int took = cli_input_option(&in, argc, argv, &i);
        if (took == 1) continue;
        if (took) return took;
        if (strcmp(argv[i], "--threshold") == 0 && i + 1 < argc) {
            char *end;
            threshold = strtod(argv[++i], &end);
            if (*end || end == argv[i]) return cli_usage_error("bad --threshold '%s' (want decibels)", argv[i]);
        } else if (strcmp(argv[i], "--md") == 0 && i + 1 < argc) md_out = argv[++i];
        else if (strcmp(argv[i], "--html") == 0 && i + 1 < argc) html_out = argv[++i];
        else if (strcmp(argv[i], "--hist") == 0 && i + 1 < argc) {
            if (n_hist == CA_MAX_HIST) return cli_usage_error("%s", "more than 16 --hist layers");
            hist_names[n_hist++] = argv[++i];
        }
        else if (strcmp(argv[i], "--json") == 0) {
            want_json = 1;
            if (i + 1 < argc && (strcmp(argv[i + 1], "-") == 0 || (pa && argv[i + 1][0] != '-' && (pb || !strstr(argv[i + 1], ".onnx"))))) json_out = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("unknown compare-activations option '%s'", argv[i]);
        else if (!pa) pa = argv[i];
        else if (!pb) pb = argv[i];
        else return cli_usage_error("unexpected argument '%s'", argv[i]);
    }
    if (!pa) return cli_usage_error("%s", "compare-activations needs models A and B (or A with --bypass-qdq)");
    if ((rc = cli_input_check(&in)) != 0) return rc;
    if (!pb && !in.bypass_qdq) return cli_usage_error("%s", "compare-activations needs model B (or --bypass-qdq to compare A with itself)");
    if (!pb) pb = pa;
    if (want_json && (rc = cli_check_output("--json", json_out, 0)) != 0) return rc;
    if (md_out && (rc = cli_check_output("--md", md_out, 0)) != 0) return rc;
    if (html_out && (rc = cli_check_output("--html", html_out, 0)) != 0) return rc;
    if (n_hist && !html_out) return cli_usage_error("%s", "--hist chooses histograms of the --html page; give --html OUT");
    if ((json_out && cli_is_stdout(json_out)) + (md_out && cli_is_stdout(md_out)) + (html_out && cli_is_stdout(html_out)) > 1)
        return cli_usage_error("%s", "only one of --json, --md and --html can go to stdout");
    if ((rc = ca_run_model(pa, &in, in.bypass_qdq, &A, &ma)) != 0) goto done;
    if ((rc = ca_run_model(pb, &in, 0, &B, &mb)) != 0) goto done;
    pairs = (ca_pair *)calloc((size_t)(A.n < B.n ? A.n : B.n) + 1, sizeof *pairs);
    if (!pairs) { rc = EXIT_BAD_INPUT; goto done; }
    n = ca_align(&A, &B, pairs);
    for (k = 0; k < n_hist; k++) {   /* before any report is written */
        uint32_t q;
        for (q = 0; q < n && strcmp(A.v[pairs[q].a].name, hist_names[k]) != 0; q++) {}
        if (q == n) { fprintf(stderr, "haoline: --hist %s: no aligned value of A has that name\n", hist_names[k]); rc = EXIT_USAGE; goto done; }
    }
    for (k = 0; k < n; k++) {
        if (first < 0 && pairs[k].e.snr_db < threshold) first = (int32_t)k;
        if (worst < 0 || pairs[k].e.snr_db < pairs[worst].e.snr_db) worst = (int32_t)k;
    }
    for (k = 0; k < A.n; k++) if (!A.v[k].matched && A.v[k].t.dtype == HLN_DTYPE_F32) unA++;
    for (k = 0; k < B.n; k++) if (!B.v[k].matched && B.v[k].t.dtype == HLN_DTYPE_F32) unB++;
    if (want_json) {
        f = cli_is_stdout(json_out) ? stdout : fopen(json_out, "wb");
        if (!f) { fprintf(stderr, "haoline: cannot write %s: %s\n", json_out, strerror(errno)); rc = EXIT_USAGE; goto done; }
        fprintf(f, "{\"a\": ");
        cli_json_string(f, cli_base_name(pa));
        fprintf(f, ", \"b\": ");
        cli_json_string(f, cli_base_name(pb));
        fprintf(f, ", \"a_bypass_qdq\": %s, \"threshold_db\": %g, \"aligned\": %u, \"unaligned_a\": %u, \"unaligned_b\": %u, \"layers\": [",
                in.bypass_qdq ? "true" : "false", threshold, n, unA, unB);
        for (k = 0; k < n; k++) {
            const ca_pair *p = &pairs[k];
            fprintf(f, "%s{\"a\": ", k ? ", " : "");
            cli_json_string(f, A.v[p->a].name);
            fprintf(f, ", \"b\": ");
            cli_json_string(f, B.v[p->b].name);
            fprintf(f, ", \"op\": \"%s\", \"aligned_by\": \"%s\", \"elements\": %llu, \"rmse\": %.17g, \"max_abs\": %.17g, \"cosine\": %.17g, \"snr_db\": %.17g}",
                    A.v[p->a].op, p->by_name ? "name" : "position", (unsigned long long)A.v[p->a].t.n_elements, p->e.rmse, p->e.max_abs, p->e.cosine, p->e.snr_db);
        }
        fprintf(f, "], \"first_divergent\": ");
        if (first >= 0) cli_json_string(f, A.v[pairs[first].a].name); else fprintf(f, "null");
        fprintf(f, ", \"largest_divergence\": ");
        if (worst >= 0) cli_json_string(f, A.v[pairs[worst].a].name); else fprintf(f, "null");
        fprintf(f, ", \"saturation\": [");
        for (k = 0, i = 0; k < B.n; k++) {
            hln_exec_stats st;
            if (B.v[k].t.dtype == HLN_DTYPE_F32) continue;
            hln_exec_tensor_stats(&B.v[k].t, &st);
            fprintf(f, "%s{\"value\": ", i++ ? ", " : "");
            cli_json_string(f, B.v[k].name);
            fprintf(f, ", \"dtype\": \"%s\", \"low_pct\": %.6g, \"high_pct\": %.6g}", hln_dtype_get(B.v[k].t.dtype)->name,
                    st.n ? 100.0 * (double)st.sat_low / (double)st.n : 0.0, st.n ? 100.0 * (double)st.sat_high / (double)st.n : 0.0);
        }
        fprintf(f, "]}\n");
        if (f != stdout && fclose(f) != 0) rc = EXIT_USAGE;
    }
    if (md_out) {
        f = cli_is_stdout(md_out) ? stdout : fopen(md_out, "wb");
        if (!f) { fprintf(stderr, "haoline: cannot write %s: %s\n", md_out, strerror(errno)); rc = EXIT_USAGE; goto done; }
        fprintf(f, "# Activations: %s vs %s%s\n\n", cli_base_name(pa), cli_base_name(pb), in.bypass_qdq ? " (A with float activations)" : "");
        fprintf(f, "%u values aligned; first layer below %g dB SNR: %s; largest divergence: %s.\n\n", n, threshold,
                first >= 0 ? A.v[pairs[first].a].name : "none", worst >= 0 ? A.v[pairs[worst].a].name : "none");
        fprintf(f, "| # | value (A) | op | RMSE | max abs | cosine | SNR dB |\n|---:|---|---|---:|---:|---:|---:|\n");
        for (k = 0; k < n; k++)
            fprintf(f, "| %u | `%s` | %s | %.4g | %.4g | %.6f | %.2f |\n", k, A.v[pairs[k].a].name, A.v[pairs[k].a].op, pairs[k].e.rmse,
                    pairs[k].e.max_abs, pairs[k].e.cosine, pairs[k].e.snr_db);
        if (f != stdout && fclose(f) != 0) rc = EXIT_USAGE;
    }
    if (html_out) {
        if ((rc = ca_html(html_out, pa, pb, in.bypass_qdq, threshold, &A, &B, ma, pairs, n, first, worst, hist_names, n_hist)) != 0) goto done;
    }
    if ((!want_json || !cli_is_stdout(json_out)) && (!md_out || !cli_is_stdout(md_out)) && (!html_out || !cli_is_stdout(html_out))) {
        printf("%s vs %s%s: %u values aligned (%u of A, %u of B not)\n", cli_base_name(pa), cli_base_name(pb),
               in.bypass_qdq ? " (A with float activations)" : "", n, unA, unB);
        printf("  %-36s %-18s %11s %11s %9s %8s\n", "value (A)", "op", "RMSE", "max abs", "cosine", "SNR dB");
        for (k = 0; k < n; k++) {
            char shown[40];
            double snr = pairs[k].e.snr_db;
            printf("  %-36s %-18s %11.4g %11.4g %9.6f %8.2f%s\n", cli_show_name(shown, 36, A.v[pairs[k].a].name, 0, 'v', k), A.v[pairs[k].a].op,
                   pairs[k].e.rmse, pairs[k].e.max_abs, pairs[k].e.cosine, snr, snr < threshold ? "  <" : "");
        }
        printf("  first below %g dB: %s\n  largest divergence: %s (%.2f dB)\n", threshold, first >= 0 ? A.v[pairs[first].a].name : "none",
               worst >= 0 ? A.v[pairs[worst].a].name : "none", worst >= 0 ? pairs[worst].e.snr_db : 0.0);
    }
done:
    free(pairs);
    ca_run_free(&A);
    ca_run_free(&B);
    hln_model_free(ma);
    hln_model_free(mb);
    return rc;
}
