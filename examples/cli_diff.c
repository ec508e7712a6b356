/* examples/cli_diff.c - `haoline diff A B`: what changed between two models (tensors aligned by
 * name, role and shape; metadata; graph nodes), and with --weights the error of B against A. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *diff_usage =
    "usage: haoline diff A B [options]   what changed between two models (any formats)\n"
    "\n"
    "  tensors align by name, then by role (the layer and what the tensor is: Hugging Face\n"
    "  model.layers.3.self_attn.q_proj.weight is GGUF blk.3.attn_q.weight), then by shape and\n"
    "  position; metadata by key; graph nodes by name, then by op type and position\n"
    "\n"
    "  --weights             read both sides of every aligned tensor pair and measure B against A:\n"
    "                        RMSE, max abs error, SNR dB, cosine (progress on stderr on a terminal)\n"
    "  --all                 list every changed, added and removed item (default: the first 20)\n"
    "  --json [OUT]          the diff as JSON (\"report\": \"diff\", docs/json.md) to OUT, or stdout\n"
    "  --md OUT              Markdown ('-' for stdout)\n"
    "  --html OUT            a page with both tensor lists side by side (added green, removed red,\n"
    "                        changed yellow) and a bar chart of the tensors that moved most\n"
    "  --csv OUT             one row per tensor pair\n"
    "\n"
    "Exit status: 0 ok (whether or not the models differ), 1 a model could not be read, 2 bad usage.\n";

int cli_outputs_option(cli_outputs *o, int argc, char **argv, int *i, int json_path_ok) {
    static const char *const names[4] = { "--json", "--md", "--html", "--csv" };
    int k;
    for (k = 0; k < 4 && strcmp(argv[*i], names[k]) != 0; k++) {}
    if (k == 4) return 0;
    if (k == 0) {
        o->want_json = 1;
        if (json_path_ok && *i + 1 < argc && argv[*i + 1][0] != '-') o->path[0] = argv[++*i];
        return 1;
    }
    if (*i + 1 >= argc) { cli_usage_error("%s needs a file name", names[k]); return -1; }
    o->path[k] = argv[++*i];
    return 1;
}

int cli_outputs_write(const cli_outputs *o, const void *ctx, int *terminal) {
    static const char *const what[4] = { "JSON", "Markdown", "HTML", "CSV" };
    int k;
    *terminal = 1;
    for (k = 0; k < 4; k++) {
        const char *path = o->path[k];
        FILE *f;
        hln_result r;
        if (k == 0 ? !o->want_json : !path) continue;
        f = (!path || strcmp(path, "-") == 0) ? stdout : fopen(path, "wb");
        if (!f) { fprintf(stderr, "haoline: cannot write %s report to %s\n", what[k], path); return EXIT_BAD_INPUT; }
        if (f == stdout) *terminal = 0;
        r = o->fn[k](ctx, cli_write_file, f);
        if (f != stdout && fclose(f) != 0) r = HLN_ERR_IO;
        if (r) { fprintf(stderr, "haoline: writing the %s report failed: %s\n", what[k], hln_result_string(r)); return EXIT_BAD_INPUT; }
    }
    return 0;
}

static hln_result diff_json(const void *x, hln_write_fn w, void *u) { return hln_report_diff_json((const hln_report_diff_input *)x, w, u); }
static hln_result diff_md(const void *x, hln_write_fn w, void *u) { return hln_report_diff_markdown((const hln_report_diff_input *)x, w, u); }
static hln_result diff_html(const void *x, hln_write_fn w, void *u) { return hln_report_diff_html((const hln_report_diff_input *)x, w, u); }
static hln_result diff_csv(const void *x, hln_write_fn w, void *u) { return hln_report_diff_csv((const hln_report_diff_input *)x, w, u); }

/* ---- progress (stderr, a terminal only, at most ten updates a second) ---- */
typedef struct progress { double last; int shown; } progress;
static void show_progress(void *user, uint64_t done, uint64_t total) {
    progress *p = (progress *)user;
    double t = cli_now();
    char a[32], b[32];
    if (done < total && t - p->last < 0.1) return;
    p->last = t;
    p->shown = 1;
    hln_report_fmt_bytes(a, sizeof a, (double)done);
    hln_report_fmt_bytes(b, sizeof b, (double)total);
    fprintf(stderr, "\r  comparing weights: %5.1f%% (%s of %s)   ", total ? 100.0 * (double)done / (double)total : 100.0, a, b);
}

/* ---- terminal ---- */
static void print_wrapped(const char *text, int indent, int width) {
    const char *p = text;
    while (*p) {
        const char *end = p, *brk = NULL;
        while (*end && end - p < width - indent) { if (*end == ' ') brk = end; end++; }
        if (*end && brk) end = brk;
        printf("%*s%.*s\n", indent, "", (int)(end - p), p);
        p = *end == ' ' ? end + 1 : end;
    }
}

static void tensor_line(const hln_model *a, const hln_model *b, const hln_pair *p) {
    char sa[96], sb[96], ba[32], bb[32];
    const hln_tensor *s = p->a >= 0 ? &a->tensors[p->a] : NULL, *t = p->b >= 0 ? &b->tensors[p->b] : NULL;
    const hln_tensor *one = s ? s : t;
    uint32_t j;
    int o = 0;
    sa[0] = sb[0] = 0;
    for (j = 0; s && j < s->n_dims && o < 80; j++) o += snprintf(sa + o, sizeof sa - (size_t)o, j ? "x%lld" : "%lld", (long long)s->dims[j]);
    for (j = 0, o = 0; t && j < t->n_dims && o < 80; j++) o += snprintf(sb + o, sizeof sb - (size_t)o, j ? "x%lld" : "%lld", (long long)t->dims[j]);
    if (s) hln_report_fmt_bytes(ba, sizeof ba, (double)s->n_bytes);
    if (t) hln_report_fmt_bytes(bb, sizeof bb, (double)t->n_bytes);
    if (s && t) {
        printf("    %-44.44s %-7s -> %-7s %s%s%s  %s -> %s", s->name, hln_dtype_get(s->dtype)->name, hln_dtype_get(t->dtype)->name,
               sa, strcmp(sa, sb) ? " -> " : "", strcmp(sa, sb) ? sb : "", ba, bb);
        if (strcmp(s->name, t->name)) printf("  (B: %s)", t->name);
        printf("\n");
    } else printf("    %-44.44s %-7s %s  %s\n", one->name, hln_dtype_get(one->dtype)->name, s ? sa : sb, s ? ba : bb);
}

static void print_list(const char *title, const hln_model *a, const hln_model *b, const hln_diff *d, int which, uint32_t count, int all) {
    uint32_t i, shown = 0;
    if (!count) return;
    printf("\n  %s (%u)\n", title, count);
    for (i = 0; i < d->n_tensors; i++) {
        const hln_pair *p = &d->tensors[i];
        int is = which == 0 ? (p->a >= 0 && p->b >= 0 && p->changed) : which == 1 ? p->b < 0 : p->a < 0;
        if (!is) continue;
        if (!all && shown == 20) { printf("    ... %u more (--all lists every one)\n", count - shown); return; }
        tensor_line(a, b, p);
        shown++;
    }
}

static void print_diff(const hln_report_diff_input *x, int all) {
    const hln_diff *d = x->diff;
    char text[4096];
    uint32_t i, renamed = 0;
    hln_report_diff_summary(x, text, sizeof text);
    printf("diff %s -> %s\n\n", x->file_a, x->file_b);
    print_wrapped(text, 2, 100);
    printf("\n  tensors   %u aligned (%u by name, %u by role, %u by shape), %u changed, %u removed, %u added\n",
           d->tensor_counts.aligned, d->tensor_counts.by_name, d->tensor_counts.by_role, d->tensor_counts.by_shape,
           d->tensor_counts.changed, d->tensor_counts.removed, d->tensor_counts.added);
    printf("  metadata  %u keys aligned, %u changed, %u removed, %u added\n", d->kv_counts.aligned, d->kv_counts.changed,
           d->kv_counts.removed, d->kv_counts.added);
    if (x->a->graph && x->b->graph)
        printf("  nodes     %u aligned (%u by name, %u by op and position), %u changed, %u removed, %u added\n",
               d->node_counts.aligned, d->node_counts.by_name, d->node_counts.by_position, d->node_counts.changed,
               d->node_counts.removed, d->node_counts.added);
    print_list("changed tensors", x->a, x->b, d, 0, d->tensor_counts.changed, all);
    print_list("removed tensors (only in A)", x->a, x->b, d, 1, d->tensor_counts.removed, all);
    print_list("added tensors (only in B)", x->a, x->b, d, 2, d->tensor_counts.added, all);
    for (i = 0; i < d->tensor_counts.aligned; i++) renamed += d->tensors[i].match != HLN_MATCH_NAME && !d->tensors[i].changed;
    if (renamed) printf("\n  %u more tensors aligned under other names with nothing changed (--json lists them as \"renamed\")\n", renamed);
    if (d->kv_counts.changed + d->kv_counts.removed + d->kv_counts.added) {
        uint32_t shown = 0;
        printf("\n  metadata keys\n");
        for (i = 0; i < d->n_kv && (all || shown < 20); i++) {
            const hln_pair *p = &d->kv[i];
            if (p->a >= 0 && p->b >= 0 && !p->changed) continue;
            printf("    %-8s %s\n", p->a < 0 ? "added" : p->b < 0 ? "removed" : "changed", p->a >= 0 ? x->a->kv[p->a].key : x->b->kv[p->b].key);
            shown++;
        }
    }
    if (d->weights) {
        uint32_t n = 0, k;
        /* the ten lowest SNRs, by selection (n is small) */
        uint32_t pick[10];
        for (i = 0; i < d->n_tensors; i++) {
            if (!d->weights[i].measured) continue;
            for (k = n < 10 ? n : 10; k > 0 && d->weights[pick[k - 1]].snr_db > d->weights[i].snr_db; k--) if (k < 10) pick[k] = pick[k - 1];
            if (k < 10) { pick[k] = i; if (n < 10) n++; }
        }
        printf("\n  weights moved most (B against A)\n    %-44s %12s %12s %9s %10s\n", "tensor", "rmse", "max abs", "snr dB", "cosine");
        for (k = 0; k < n; k++) {
            const hln_quant_error *w = &d->weights[pick[k]];
            printf("    %-44.44s %12.4g %12.4g %9.2f %10.6f\n", x->a->tensors[d->tensors[pick[k]].a].name, w->rmse, w->max_abs_err,
                   w->snr_db, w->cosine);
        }
        if (d->weights_total.measured)
            printf("    %-44s %12.4g %12.4g %9.2f %10.6f\n", "all compared tensors", d->weights_total.rmse,
                   d->weights_total.max_abs_err, d->weights_total.snr_db, d->weights_total.cosine);
    }
}

int cmd_diff(int argc, char **argv) {
    const char *path[2] = { NULL, NULL };
    int want_weights = 0, all = 0, i, rc = 0, n_paths = 0, terminal = 1;
    hln_model *m[2] = { NULL, NULL };
    hln_error err;
    hln_diff d;
    hln_report_diff_input x;
    cli_outputs out;
    if (cli_wants_help(argc, argv)) { fputs(diff_usage, stdout); return 0; }
    memset(&out, 0, sizeof out);
    out.fn[0] = diff_json; out.fn[1] = diff_md; out.fn[2] = diff_html; out.fn[3] = diff_csv;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        int k = cli_outputs_option(&out, argc, argv, &i, n_paths == 2);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if (strcmp(a, "--weights") == 0) want_weights = 1;
        else if (strcmp(a, "--all") == 0) all = 1;
        else if (a[0] == '-' && a[1]) return cli_usage_error("unknown diff option '%s'", a);
        else if (n_paths < 2) path[n_paths++] = a;
        else return cli_usage_error("unexpected argument '%s' (diff takes two models)", a);
    }
    if (n_paths != 2) return cli_usage_error("%s", "diff needs two models: haoline diff A B");
    for (i = 0; i < 2; i++) {
        memset(&err, 0, sizeof err);
        if (cli_load_model(path[i], &m[i], &err) != HLN_OK) { hln_model_free(m[0]); return cli_report_load_error(path[i], &err); }
    }
    memset(&err, 0, sizeof err);
    if (hln_model_diff(m[0], m[1], &d, &err) != HLN_OK) {
        fprintf(stderr, "haoline: diff: %s\n", err.message);
        hln_model_free(m[0]);
        hln_model_free(m[1]);
        return EXIT_BAD_INPUT;
    }
    if (want_weights) {
        progress p;
        hln_result r;
        memset(&p, 0, sizeof p);
        r = hln_diff_weights(&d, m[0], m[1], cli_stderr_is_tty() ? show_progress : NULL, &p, &err);
        if (p.shown) fprintf(stderr, "\n");
        if (r == HLN_ERR_IO) rc = cli_report_load_error(err.file, &err);   /* a file changed under its mapping */
        else if (r != HLN_OK) { fprintf(stderr, "haoline: diff --weights: %s\n", err.message); rc = EXIT_BAD_INPUT; }
    }
    x.a = m[0];
    x.b = m[1];
    x.diff = &d;
    x.file_a = cli_base_name(path[0]);
    x.file_b = cli_base_name(path[1]);
    if (!rc) rc = cli_outputs_write(&out, &x, &terminal);
    if (!rc && terminal) print_diff(&x, all);
    hln_diff_free(&d);
    hln_model_free(m[0]);
    hln_model_free(m[1]);
    return rc;
}
