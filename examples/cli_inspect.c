/* examples/cli_inspect.c - `haoline inspect MODEL`: the terminal summary and every report. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *inspect_usage =
    "usage: haoline inspect MODEL [options]   describe a model file (GGUF, SafeTensors, ONNX, TFLite,\n"
    "                                          Core ML, OpenVINO IR, TensorRT engine JSON)\n"
    "\n"
    "  --json [OUT]          write the JSON report (schema haoline/1) to OUT, or stdout\n"
    "  --md OUT              write a Markdown model card to OUT\n"
    "  --html OUT            write a self-contained HTML report (charts, tables, graph view)\n"
    "  --csv OUT             write one CSV row per tensor to OUT; graphs also get one row per\n"
    "                        node in OUT with .csv replaced by .nodes.csv (not with '-')\n"
    "  --png DIR             write the report's charts as PNG files into DIR (made if missing)\n"
    "  --redact-names        replace tensor, node and file names by ids (t12, n45) everywhere,\n"
    "                        the terminal included\n"
    "  --bind NAME=N,...     give symbolic dimensions a value (e.g. batch=1,seq=128)\n"
    "  --summary-only        leave the per-tensor and per-node lists (and the graph view) out,\n"
    "                        in the terminal, JSON, Markdown, CSV and HTML\n"
    "  --weights             read the weights: per-tensor min/max/mean/std, zeros, outliers\n"
    "                        (inspect never reads weights otherwise)\n"
    "  --graph-only          an OpenVINO IR whose .bin is missing: read the graph alone\n"
    "\n"
    "deployment (docs/deploy.md; any of these adds a \"deployment\" section to every report):\n"
    "  --hardware NAME       a device from 'haoline hardware' (repeatable): roofline, prefill\n"
    "                        and decode estimates, what fits\n"
    "  --hardware-file F     add or override hardware profiles (format in docs/hardware.md)\n"
    "  --memory SIZE         a memory budget (repeatable): 4GB, 4GiB, 512MB, phone-2gb, phone-4gb;\n"
    "                        gives the largest context that fits\n"
    "  --context N           context of the estimates and the plan (default: the model's, <= 4096)\n"
    "  --batch N             estimates at batch 1, 2, 4, ... N (default: up to 256, what fits)\n"
    "  --kv-type T           KV cache type: f16 (default), f32, bf16, q8_0, q4_0, u8, nf4\n"
    "  --prompt-tokens N     prompt length of the prefill (TTFT) estimate (default 512)\n"
    "  --devices N           tensor parallelism over N devices (weights and KV split N ways)\n"
    "  --link-bandwidth G    their link, decimal GB/s per direction (default 31.5, PCIe 4.0 x16)\n"
    "  --link-latency T      per all-reduce message (ring step) on that link (default 5.7us,\n"
    "                        NCCL's ring step over PCI); 5us, 0.5us\n"
    "  --efficiency M[,C]    expected fraction of peak bandwidth and compute (default 0.6,0.5)\n"
    "  --target-latency T    system requirements: the devices that meet T (10ms, 0.5s)\n"
    "\n"
    "OUT '-' is stdout (one output at most; the terminal summary is then left out). Every\n"
    "output is checked before anything is written: one that cannot be written is a usage error.\n"
    "MODEL may be a GGUF file (a split model's parts are loaded together), a SafeTensors file,\n"
    "a model.safetensors.index.json of a sharded model, an ONNX file, a TFLite model, a Core ML\n"
    ".mlmodel or an .mlpackage folder: the\n"
    "format is told by the content, not the name. Counts use SI prefixes (k, M, G), bytes binary ones (KiB, MiB).\n"
    "Exit status: 0 ok, 1 the model could not be read, 2 bad usage.\n";

/* ---- terminal summary ---- */
/* An architecture fact, or "?" when neither the file nor the tensors tell it. */
static const char *fact(char buf[24], int64_t v) {
    if (v < 0) return "?";
    snprintf(buf, 24, "%lld", (long long)v);
    return buf;
}

/* The inputs' symbolic dims with the values the costs used, and MACs as a formula in the
   dims --bind did not give. */
static void print_dims_and_formula(const hln_graph_summary *g) {
    char text[1024];
    hln_report_fmt_dims(text, sizeof text, g);
    if (text[0]) printf("  dims            %s%s\n", text, g->n_unresolved ? "; set with --bind NAME=N" : "");
    if (!g->n_formula_dims) return;
    hln_report_fmt_formula(text, sizeof text, g);
    printf("  MACs formula    %s\n", text[0] ? text : "none: no exact polynomial (sizes that round or clamp or stay unknown, "
                                                       "more than 4 free dims, or a saturated count)");
}

/* The architecture paragraph and the risks, high severity first. */
static void print_analysis(const hln_analysis *a, int redact) {
    char line[1024];
    uint32_t i, sev;
    hln_report_architecture_text(a, line, sizeof line);
    printf("\n  structure       %s\n", line);
    for (i = 0; i < a->n_evidence && !redact; i++) printf("                  - %s\n", a->evidence[i]);
    printf("  quantization    %s; readiness %d/100", a->quant.scheme, a->quant.score);
    for (i = 0; i < a->quant.n_deductions; i++) printf("%s-%d %s", i ? ", " : " (", a->quant.deductions[i].level, a->quant.deductions[i].id);
    printf("%s\n", a->quant.n_deductions ? ")" : "");
    if (!a->n_risks) return;
    printf("\n  risks\n");
    for (sev = 3; sev-- > 0;)
        for (i = 0; i < a->n_risks; i++)
            if ((uint32_t)(hln_severity)a->risks[i].level == sev)
                printf("  %-5s %-26s %s\n        why: %s\n        fix: %s\n", hln_severity_name((hln_severity)a->risks[i].level), a->risks[i].id,
                       redact ? "(redacted)" : a->risks[i].where, a->risks[i].why, a->risks[i].fix);
}


/* "96x96x1x1" (cut at 80 characters) */
static const char *shape_text(char *buf, size_t cap, const hln_tensor *t) {
    uint32_t j;
    int o = 0;
    buf[0] = 0;
    for (j = 0; j < t->n_dims && o < 80 && (size_t)o < cap; j++)
        o += snprintf(buf + o, cap - (size_t)o, j ? "x%lld" : "%lld", (long long)t->dims[j]);
    return buf;
}

/* The weights read by several nodes: each is counted once; the first few with their readers. */
static void print_shared(const hln_model *m, const hln_summary *s, int redact) {
    hln_tensor_role *roles;
    uint32_t i, shown = 0;
    if (!s->n_shared || !m->graph || !(roles = (hln_tensor_role *)calloc(m->n_tensors, sizeof *roles))) return;
    if (hln_model_tensor_roles(m, roles) != HLN_OK) { free(roles); return; }   /* out of memory: the list is left out */
    printf("  shared weights  %u tensors read by several nodes, each counted once\n", s->n_shared);
    for (i = 0; i < m->n_tensors && shown < 5; i++) {
        const hln_graph *g = m->graph;
        char name[48], node[48], shape[96];
        uint32_t k, q, listed = 0;
        if (!(roles[i].flags & HLN_ROLE_WEIGHT) || (roles[i].flags & HLN_ROLE_SHAPE_CONSTANT) || roles[i].users < 2) continue;
        printf("    %s", cli_show_name(name, 40, m->tensors[i].name, redact, 't', i));
        if (!redact) printf(" (t%u)", i);   /* names can repeat across subgraphs; the id cannot */
        printf(" %s%s: %u readers", shape_text(shape, sizeof shape, &m->tensors[i]),
               roles[i].flags & HLN_ROLE_MAIN ? "" : " in a subgraph", roles[i].users);
        for (k = 0; k < g->n_nodes && listed < 4; k++)
            for (q = 0; q < g->nodes[k].n_inputs; q++)
                if (g->nodes[k].inputs[q] >= 0 && g->values[g->nodes[k].inputs[q]].tensor == (int32_t)i) {
                    printf("%s%s", listed++ ? ", " : " (", cli_show_name(node, 40, g->nodes[k].name, redact, 'n', k));
                    break;
                }
        printf("%s\n", listed ? (listed < roles[i].users ? ", ...)" : ")") : "");
        shown++;
    }
    free(roles);
}

static int print_summary(const hln_model *m, const char *path, const hln_graph_summary *g, int redact, int summary_only) {
    hln_summary s;
    hln_llm l;
    char a[64], b[64], c[64];
    uint32_t i, k;
    uint64_t disk = 0;
    if (hln_model_summarize(m, &s) != HLN_OK || hln_model_llm(m, &l) != HLN_OK) {
        fprintf(stderr, "haoline: %s: out of memory\n", path);
        return EXIT_BAD_INPUT;
    }
    for (i = 0; i < m->n_files; i++) disk += m->files[i].size;
    hln_report_fmt_bytes(a, sizeof a, (double)disk);
    printf("%s\n", redact ? "model" : cli_base_name(path));
    printf("  format          %s", hln_format_name(m->format));
    if (m->version) printf(" v%u", m->version);
    if (m->format == HLN_FORMAT_GGUF) printf(", %s-endian, alignment %llu", m->big_endian ? "big" : "little", (unsigned long long)m->alignment);
    printf("\n  size on disk    %s", a);
    if (m->n_files > 1) printf(" in %u files", m->n_files);
    cli_commas(a, sizeof a, s.params);
    hln_report_fmt_count(b, sizeof b, (double)s.params);
    printf("\n  parameters      %s (%s)", a, b);
    if (s.params_buffers) {
        cli_commas(a, sizeof a, s.params_buffers);
        printf(", of which %s BatchNorm running statistics (not trainable)", a);
    }
    cli_commas(a, sizeof a, s.weight_bytes);
    hln_report_fmt_bytes(b, sizeof b, (double)s.weight_bytes);
    printf("\n  weights         %s bytes (%s), %.2f bits per weight\n", a, b, s.bits_per_weight);
    printf("  tensors         %u", s.n_tensors);
    if (s.n_weights != s.n_tensors) {
        printf(": %u weights", s.n_weights);
        if (s.n_shape_constants) {
            cli_commas(a, sizeof a, s.shape_constants);
            printf(", %u shape constants (%s elements, not parameters)", s.n_shape_constants, a);
        }
        if (s.n_tensors - s.n_weights - s.n_shape_constants)
            printf(", %u neither (node attributes, sparse, function bodies)", s.n_tensors - s.n_weights - s.n_shape_constants);
    }
    printf("\n");
    if (s.n_dtypes) {
        printf("  dtypes          ");
        for (i = 0; i < s.n_dtypes; i++) {
            const hln_dtype_info *d = hln_dtype_get(s.dtypes[i].dtype);
            printf("%s%s %u (%.1f%%)", i ? ", " : "", d->name, s.dtypes[i].tensors,
                   s.weight_bytes ? 100.0 * (double)s.dtypes[i].bytes / (double)s.weight_bytes : 0.0);
        }
        printf("\n");
    }
    if (s.n_batchnorm)
        printf("  BatchNorm       %u nodes, %u foldable into the Conv/Gemm before them (its only reader, inference\n"
               "                  mode, parameters stored in the file)\n", s.n_batchnorm, s.n_batchnorm_foldable);
    else if (g) {   /* a convolutional graph without BatchNorm: folded by the exporter, or never there */
        uint32_t k;
        for (k = 0; k < g->n_ops && strcmp(g->ops[k].op, "Conv") != 0; k++) {}
        if (k < g->n_ops) printf("  BatchNorm       none in the graph (folded into the convolutions by the exporter, or never used:\n"
                                 "                  the file cannot tell which)\n");
    }
    print_shared(m, &s, redact);
    if (g) {
        cli_commas(a, sizeof a, g->macs);
        hln_report_fmt_count(b, sizeof b, (double)g->macs);
        printf("  nodes           %u (%u including subgraphs)\n", g->nodes, g->nodes_all);
        if (g->saturated) printf("  MACs            saturated: more than 2^64 - 1, not a count\n");
        else printf("  MACs            %s (%s MACs)%s\n", a, b, g->macs_exact ? "" : ", lower bound: some sizes are unknown");
        print_dims_and_formula(g);
        hln_report_fmt_bytes(b, sizeof b, (double)g->activation_peak_bytes);
        printf("  activation peak %s\n", g->activation_peak_bytes == UINT64_MAX ? "saturated: 2^64 bytes or more" : b);
        if (g->n_ops) {
            printf("\n  %-24s %7s %14s %16s %7s\n", "op", "count", "params", "MACs", "share");
            for (i = 0; i < g->n_ops; i++) {
                if (g->ops[i].macs == UINT64_MAX || g->saturated)   /* a saturated count is no number */
                    printf("  %-24s %7u %14llu %16s\n", cli_show_name(a, 24, g->ops[i].op, 0, 0, 0), g->ops[i].count,
                           (unsigned long long)g->ops[i].params, g->ops[i].macs == UINT64_MAX ? "saturated" : "");
                else
                    printf("  %-24s %7u %14llu %16llu %6.1f%%\n", cli_show_name(a, 24, g->ops[i].op, 0, 0, 0), g->ops[i].count,
                           (unsigned long long)g->ops[i].params, (unsigned long long)g->ops[i].macs,
                           g->macs ? 100.0 * (double)g->ops[i].macs / (double)g->macs : 0.0);
            }
        }
    }
    if (l.valid) {
        char v[6][24];
        printf("\n  architecture    %s\n", l.hp.arch ? l.hp.arch : "(from tensor names)");
        printf("  layers %s, heads %s, KV heads %s, n_embd %s, head_dim %s\n", fact(v[0], l.hp.n_layer),
               fact(v[1], l.hp.n_head), fact(v[2], l.hp.n_head_kv), fact(v[3], l.hp.n_embd), fact(v[4], l.hp.head_dim));
        printf("  context %s, n_ff %s, vocabulary %s\n", fact(v[0], l.hp.context_length), fact(v[1], l.hp.n_ff),
               fact(v[2], l.hp.n_vocab));
        if (l.hp.expert_count > 0) {
            cli_commas(a, sizeof a, l.params_active);
            cli_commas(b, sizeof b, l.params_total);
            printf("  experts %lld, %lld used per token: %s of %s parameters active\n",
                   (long long)l.hp.expert_count, (long long)l.hp.expert_used_count, a, b);
        }
        if (!l.causal) printf("  no KV cache: no causal self-attention (an encoder)\n");
        if (l.kv_bytes_per_token_f16) {
            cli_commas(a, sizeof a, l.kv_bytes_per_token_f16);
            printf("\n  KV cache (f16)  %s bytes per token\n  ", a);
            for (k = 0; k < HLN_KV_CURVE_POINTS; k++) printf("%10lluk", (unsigned long long)(l.kv_context[k] / 1024));
            printf("\n  ");
            for (k = 0; k < HLN_KV_CURVE_POINTS; k++) {
                hln_report_fmt_bytes(c, sizeof c, (double)l.kv_bytes[k]);
                printf("%11s", c);
            }
            printf("\n");
        }
    }
    if (m->n_tensors && !summary_only) {
        /* five largest tensors by bytes */
        uint32_t top[5], n_top = 0, j;
        for (i = 0; i < m->n_tensors; i++) {
            for (j = n_top; j > 0 && m->tensors[top[j - 1]].n_bytes < m->tensors[i].n_bytes; j--)
                if (j < 5) top[j] = top[j - 1];
            if (j < 5) { top[j] = i; if (n_top < 5) n_top++; }
        }
        printf("\n  largest tensors\n");
        for (i = 0; i < n_top; i++) {
            const hln_tensor *t = &m->tensors[top[i]];
            char shape[96], name[48];
            hln_report_fmt_bytes(a, sizeof a, (double)t->n_bytes);
            printf("  %-40s %-8s %-20s %12s\n", cli_show_name(name, 40, t->name, redact, 't', top[i]), hln_dtype_get(t->dtype)->name,
                   shape_text(shape, sizeof shape, t), a);
        }
    }
    return 0;
}

/* ---- inspect ---- */
int cli_parse_bindings(const char *spec, hln_binding *out, uint32_t cap, uint32_t *n, char *storage, size_t storage_cap) {
    size_t len = strlen(spec);
    char *p, *save = NULL, *tok;
    if (len >= storage_cap) return 0;
    memcpy(storage, spec, len + 1);
    for (p = storage; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL) {
        char *eq = strchr(tok, '='), *end;
        long long v;
        if (!eq || eq == tok || *n >= cap) return 0;
        *eq = 0;
        errno = 0;
        v = strtoll(eq + 1, &end, 10);
        if (*end || end == eq + 1 || v < 1 || errno == ERANGE) return 0;   /* a dim is a number >= 1 */
        out[*n].name = tok;
        out[*n].value = v;
        (*n)++;
    }
    return 1;
}

/* ---- weights ---- */
/* Reads every tensor's values once (--weights); NULL when out of memory or a file changed
   under its mapping (the error printed). A tensor HaoLine cannot decode is left undecoded. */
static hln_weight_stats *compute_weight_stats(const hln_model *m, const char *path) {
    hln_weight_stats *w = (hln_weight_stats *)calloc(m->n_tensors ? m->n_tensors : 1, sizeof *w);
    uint32_t i;
    hln_error err;
    if (!w) { fprintf(stderr, "haoline: out of memory reading the weights\n"); return NULL; }
    for (i = 0; i < m->n_tensors; i++) {
        memset(&err, 0, sizeof err);
        if (hln_tensor_stats(m, i, &w[i], &err) == HLN_OK || (err.code != HLN_ERR_NOMEM && err.code != HLN_ERR_IO)) continue;
        if (err.code == HLN_ERR_IO) cli_report_load_error(path, &err);
        else fprintf(stderr, "haoline: out of memory reading the weights\n");
        free(w);
        return NULL;
    }
    return w;
}

static void print_weight_stats(const hln_model *m, const hln_weight_stats *w, int redact) {
    uint32_t i, skipped = 0;
    printf("\n  weights (%s kernels)\n  %-40s %-7s %11s %11s %11s %11s %7s %9s\n", hln_k_simd_name(),
           "tensor", "dtype", "min", "max", "mean", "std", "zeros", "outliers");
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        char name[48];
        if (!w[i].decoded) { skipped++; continue; }
        printf("  %-40s %-7s %11.4g %11.4g %11.4g %11.4g %6.2f%% %9llu\n", cli_show_name(name, 40, t->name, redact, 't', i), hln_dtype_get(t->dtype)->name,
               w[i].min, w[i].max, w[i].mean, w[i].std, w[i].count ? 100.0 * (double)w[i].zeros / (double)w[i].count : 0.0,
               (unsigned long long)w[i].outliers);
    }
    if (skipped) printf("  (%u tensors not decoded: no decoder for their type, or big-endian data)\n", skipped);
    printf("  outliers: |x - mean| > 3 std\n");
}

/* --csv OUT: tensors to OUT, nodes (graphs) to OUT with .csv replaced by .nodes.csv */
static int write_csv(const char *out_path, const hln_model *m, const hln_report_options *ro) {
    char nodes_path[4096];
    size_t n = strlen(out_path);
    int rc = cli_write_report("CSV", out_path, m, ro, hln_report_csv);
    if (rc || !m->graph || strcmp(out_path, "-") == 0) return rc;
    if (n >= 4 && strcmp(out_path + n - 4, ".csv") == 0) n -= 4;
    if (n + 11 > sizeof nodes_path) return cli_usage_error("--csv name too long: %s", out_path);
    memcpy(nodes_path, out_path, n);
    memcpy(nodes_path + n, ".nodes.csv", 11);
    return cli_write_report("CSV", nodes_path, m, ro, hln_report_csv_nodes);
}

#ifdef HLN_REPORT_PNG
#include <sys/stat.h>   /* mkdir */
#include <errno.h>
static int write_png_file(void *dir, const char *name, const void *bytes, size_t n) {
    char path[4096];
    FILE *f;
    int ok;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", (const char *)dir, name) >= sizeof path) return 0;
    f = fopen(path, "wb");
    if (!f) { fprintf(stderr, "haoline: cannot write %s: %s\n", path, strerror(errno)); return 0; }
    ok = fwrite(bytes, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

static int write_pngs(const char *dir, const hln_model *m, const hln_report_options *ro) {
    hln_result r;
    cli_mkdir(dir);   /* may exist already (cli_check_output saw that it can be written) */
    r = hln_report_png_charts(m, ro, 800, 420, write_png_file, (void *)dir);
    if (r) { fprintf(stderr, "haoline: writing PNG charts to %s failed: %s\n", dir, hln_result_string(r)); return EXIT_USAGE; }
    return 0;
}
#endif

/* --json/--md/--html/--csv [OUT]: "-" is stdout; --json alone is stdout too. */
static int take_output(int argc, char **argv, int *i, const char **out, int optional, int have_model) {
    const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (next && (strcmp(next, "-") == 0 || (next[0] != '-' && (!optional || have_model)))) { *out = argv[++*i]; return 1; }
    if (optional) { *out = "-"; return 1; }
    return 0;
}

/* The model file shrank while its mapping was read (the read guard tripped): exit 1. */
static int changed_while_read(const char *path) {
    fprintf(stderr, "haoline: %s: " CLI_CHANGED_WHILE_READ "\n", path);
    return EXIT_BAD_INPUT;
}

int cmd_inspect(int argc, char **argv) {
    const char *model_path = NULL, *json_out = NULL, *md_out = NULL, *bind_spec = NULL;
    const char *html_out = NULL, *csv_out = NULL, *png_dir = NULL;
    int summary_only = 0, want_weights = 0, redact = 0, i, rc = 0, to_stdout = 0;
    hln_binding binds[64];
    uint32_t n_binds = 0;
    char bind_storage[4096];
    hln_model *m = NULL;
    hln_weight_stats *weights = NULL;
    hln_error err;
    hln_graph_summary gs;
    hln_report_options ro;
    hln_analysis_options ao;
    hln_analysis an;
    hln_result r;
    cli_deploy dep;

    memset(&dep, 0, sizeof dep);
    if (cli_wants_help(argc, argv)) { fputs(inspect_usage, stdout); return 0; }
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) take_output(argc, argv, &i, &json_out, 1, model_path != NULL);
        else if (strncmp(a, "--json=", 7) == 0) json_out = a + 7;
        else if (strcmp(a, "--md") == 0 || strcmp(a, "--html") == 0 || strcmp(a, "--csv") == 0) {
            const char **out = a[2] == 'm' ? &md_out : a[2] == 'h' ? &html_out : &csv_out;
            if (!take_output(argc, argv, &i, out, 0, 1)) return cli_usage_error("%s needs a file name ('-' for stdout)", a);
        } else if (strcmp(a, "--png") == 0) {
            if (i + 1 >= argc || strcmp(argv[i + 1], "-") == 0) return cli_usage_error("%s needs a folder (PNG files do not go to stdout)", a);
            png_dir = argv[++i];
        } else if (strcmp(a, "--bind") == 0) {
            if (i + 1 >= argc) return cli_usage_error("%s needs NAME=VALUE[,...]", a);
            bind_spec = argv[++i];
        } else if (strcmp(a, "--summary-only") == 0) summary_only = 1;
        else if (strcmp(a, "--redact-names") == 0) redact = 1;
        else if (strcmp(a, "--weights") == 0) want_weights = 1;
        else if (strcmp(a, "--graph-only") == 0) cli_graph_only = 1;
        else if ((rc = cli_deploy_option(&dep, argc, argv, &i)) != 0) { if (rc != 1) return rc; rc = 0; }
        else if (a[0] == '-' && a[1]) return cli_usage_error("unknown option '%s'", a);
        else if (!model_path) model_path = a;
        else return cli_usage_error("unexpected argument '%s'", a);
    }
    /* every usage check before anything is read or written */
    if (!model_path) return cli_usage_error("%s", "inspect needs a MODEL file");
    if (bind_spec && !cli_parse_bindings(bind_spec, binds, 64, &n_binds, bind_storage, sizeof bind_storage))
        return cli_usage_error("bad --bind '%s' (want NAME=N[,NAME=N...], each N a whole number >= 1)", bind_spec);
    to_stdout = (json_out && cli_is_stdout(json_out)) + (md_out && cli_is_stdout(md_out)) +
                (html_out && cli_is_stdout(html_out)) + (csv_out && cli_is_stdout(csv_out));
    if (to_stdout > 1) return cli_usage_error("%s", "only one of --json, --md, --html, --csv can write to stdout");
#ifndef HLN_REPORT_PNG
    if (png_dir) return cli_usage_error("--png %s: this haoline was built without stb_image_write.h (PNG support)", png_dir);
#endif
    if ((json_out && (rc = cli_check_output("--json", json_out, 0)) != 0) || (md_out && (rc = cli_check_output("--md", md_out, 0)) != 0) ||
        (html_out && (rc = cli_check_output("--html", html_out, 0)) != 0) || (csv_out && (rc = cli_check_output("--csv", csv_out, 0)) != 0) ||
        (png_dir && (rc = cli_check_output("--png", png_dir, 1)) != 0))
        return rc;
    if ((rc = cli_deploy_finish(&dep)) != 0) { cli_deploy_free(&dep); return rc; }

    memset(&err, 0, sizeof err);
    r = cli_load_model(model_path, &m, &err);
    if (r != HLN_OK) { cli_deploy_free(&dep); return cli_report_load_error(model_path, &err); }
    memset(&ro, 0, sizeof ro);
    ro.file_name = cli_base_name(model_path);
    ro.summary_only = summary_only;
    ro.redact_names = redact;
    if (n_binds && !m->graph) {
        hln_model_free(m);
        return cli_usage_error("--bind %s: the model has no graph, so no dims to bind", bind_spec);
    }
    if (m->graph) {
        hln_graph_options go;
        memset(&go, 0, sizeof go);
        go.bindings = binds;
        go.n_bindings = n_binds;
        r = hln_graph_analyze(m, &go, &gs, &err);
        if (r == HLN_ERR_ARG) {   /* a binding the model refuses: usage */
            hln_model_free(m);
            return cli_usage_error("--bind: %s", err.message);
        }
        if (r != HLN_OK) {
            fprintf(stderr, "haoline: %s: analysis: %s%s%s\n", model_path, err.path, err.path[0] ? ": " : "", err.message);
            hln_model_free(m);
            cli_deploy_free(&dep);
            return EXIT_BAD_INPUT;
        }
        ro.graph = &gs;
    }
    if (want_weights && !(weights = compute_weight_stats(m, model_path))) {
        hln_model_free(m);
        cli_deploy_free(&dep);
        return EXIT_BAD_INPUT;
    }
    ro.weights = weights;
    memset(&ao, 0, sizeof ao);
    ao.graph = ro.graph;
    ao.read_weights = want_weights;
    if (hln_model_analyze(m, &ao, &an, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: analysis: %s\n", model_path, err.message);
        free(weights);
        hln_model_free(m);
        cli_deploy_free(&dep);
        return EXIT_BAD_INPUT;
    }
    ro.analysis = &an;
    ro.deploy = dep.active ? &dep.rd : NULL;
    if (cli_read_guard_tripped()) { rc = changed_while_read(model_path); goto done; }   /* before any output */
    if (json_out) rc = cli_write_report("JSON", json_out, m, &ro, hln_report_json);
    if (!rc && md_out) rc = cli_write_report("Markdown", md_out, m, &ro, hln_report_markdown);
    if (!rc && html_out) rc = cli_write_report("HTML", html_out, m, &ro, hln_report_html);
    if (!rc && csv_out) rc = write_csv(csv_out, m, &ro);
#ifdef HLN_REPORT_PNG
    if (!rc && png_dir) rc = write_pngs(png_dir, m, &ro);
#endif
    if (!rc && !to_stdout) {
        if ((rc = print_summary(m, model_path, ro.graph, redact, summary_only)) != 0) goto done;
        print_analysis(&an, redact);
        if (weights && !summary_only) print_weight_stats(m, weights, redact);
        if (ro.deploy) { fflush(stdout); hln_report_deploy_text(m, &ro, cli_write_file, stdout); }
    }
    if (!rc && cli_read_guard_tripped()) rc = changed_while_read(model_path);   /* during the output */
done:
    cli_deploy_free(&dep);
    free(weights);
    hln_model_free(m);
    return rc;
}
