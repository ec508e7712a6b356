/* examples/cli_convert.c - `haoline convert IN OUT` and `haoline quantize IN OUT.gguf --type T`:
 * one file format into another through the library's conversion planner (haoline_analysis.h)
 * and the streaming writers of haoline_gguf.h / haoline_safetensors.h / haoline_onnx.h. The output is written to
 * OUT.tmp and renamed only when complete; tensor bytes stream through a bounded buffer. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <pthread.h>

static const char *convert_usage =
    "usage: haoline convert IN OUT [options]\n"
    "       haoline convert --matrix\n"
    "  IN: .safetensors (or a sharded model.safetensors.index.json), .gguf, .onnx, .tflite\n"
    "  OUT: .gguf, .safetensors or .onnx (or --to); written to OUT.tmp, renamed when complete\n"
    "\n"
    "  --to gguf|safetensors|onnx  the output format when OUT's extension does not say it\n"
    "  --type T               GGUF out: F32 F16 BF16 (matrices; 1-D stay F32), a quantization\n"
    "                         type or recipe (see 'haoline quantize --help')\n"
    "  --dtype F32|F16|BF16   SafeTensors out: float and quantized tensors become this dtype;\n"
    "                         ONNX out (from ONNX): F16 stores float32 weights as float16 with\n"
    "                         a Cast back to float32 before use\n"
    "  --external-data FILE   ONNX out: initializers of 1 KiB or more go to FILE (a path\n"
    "                         relative to OUT's folder); without it external data comes inline\n"
    "  --keep-names           no Hugging Face <-> GGUF renaming, no RoPE row order change, no\n"
    "                         architecture metadata\n"
    "  --keep GLOB=TYPE       tensors whose output name matches GLOB (* ?) get TYPE\n"
    "  --threads N            encoding threads (default 1)\n"
    "  --progress             progress on stderr even when it is not a terminal\n"
    "  --json [OUT]           the per-tensor table as JSON (to OUT, or stdout)\n"
    "  --matrix               every IN -> OUT pair: FULL, LOSSY or NONE and what is lost\n"
    "SafeTensors -> GGUF reads config.json, tokenizer.json (or a SentencePiece tokenizer.model)\n"
    "and tokenizer_config.json beside IN (llama, mistral, mixtral, qwen2, qwen3, qwen2_moe,\n"
    "phi3, gemma); GGUF -> SafeTensors writes a config.json beside OUT when none is there.\n"
    "docs/convert.md has the details.\n"
    "Exit status: 0 ok, 1 the input could not be read or converted, 2 bad usage.\n";

static const char *quantize_usage =
    "usage: haoline quantize IN OUT.gguf --type T [options]\n"
    "  IN: .gguf or .safetensors (sharded index too); every float matrix is quantized\n"
    "\n"
    "  --type T               a recipe: Q4_K_M Q4_K_S Q5_K_M Q3_K_M Q2_K Q6_K Q8_0 TQ2_0\n"
    "                         (attn_v, ffn_down, output, token_embd may get more bits: see\n"
    "                         docs/convert.md), or one type for every matrix: Q4_0 Q4_1 Q5_0\n"
    "                         Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K IQ4_NL IQ4_XS TQ1_0 TQ2_0\n"
    "                         MXFP4 F16 BF16 F32; 1-D tensors stay F32\n"
    "  --keep GLOB=TYPE       override: tensors whose GGUF name matches GLOB get TYPE\n"
    "  --imatrix FILE         llama.cpp importance matrix (GGUF or legacy .dat): checked against\n"
    "                         the tensors (names, sizes, values) before anything is written; the\n"
    "                         K/IQ4/TQ/MXFP4 searches weigh each column's error by in_sum2/counts\n"
    "  --keep-names           SafeTensors in: keep the tensor names (no llama-family mapping)\n"
    "  --threads N            quantization threads (default 1)\n"
    "  --progress             progress on stderr even when it is not a terminal\n"
    "  --json [OUT]           the per-tensor error table (RMSE, SNR, cosine) as JSON\n"
    "Exit status: 0 ok, 1 the input could not be read or quantized, 2 bad usage.\n";

/* ---- threads: the caller and n - 1 helpers take tasks in turn ---- */
typedef struct cv_pool { void (*task)(void *, int); void *arg; int n_tasks, next; pthread_mutex_t lock; } cv_pool;
static void *cv_pool_run(void *p) {
    cv_pool *pool = (cv_pool *)p;
    for (;;) {
        int i;
        pthread_mutex_lock(&pool->lock);
        i = pool->next++;
        pthread_mutex_unlock(&pool->lock);
        if (i >= pool->n_tasks) return NULL;
        pool->task(pool->arg, i);
    }
}
void cli_parallel_for(void *user, int n_tasks, void (*task)(void *arg, int i), void *arg) {
    int threads = *(const int *)user, k, started = 0;
    pthread_t th[64];
    cv_pool pool;
    pool.task = task; pool.arg = arg; pool.n_tasks = n_tasks; pool.next = 0;
    pthread_mutex_init(&pool.lock, NULL);
    for (k = 1; k < threads && k < 64; k++)
        if (pthread_create(&th[started], NULL, cv_pool_run, &pool) == 0) started++;
    cv_pool_run(&pool);
    for (k = 0; k < started; k++) pthread_join(th[k], NULL);
    pthread_mutex_destroy(&pool.lock);
}

/* ---- progress: tensor i/N, bytes, rate, ETA ---- */
typedef struct cv_progress { double start, last; uint32_t tensor, n_tensors; int shown; } cv_progress;
static void cv_show_progress(void *user, uint64_t done, uint64_t total) {
    cv_progress *p = (cv_progress *)user;
    double t = cli_now(), rate;
    char a[32], b[32];
    p->tensor++;
    if (done < total && t - p->last < 0.2) return;
    p->last = t;
    p->shown = 1;
    rate = t > p->start ? (double)done / (t - p->start) : 0;
    hln_report_fmt_bytes(a, sizeof a, (double)done);
    hln_report_fmt_bytes(b, sizeof b, (double)total);
    fprintf(stderr, "\r  tensor %u/%u  %s of %s  %.1f MB/s  ETA %.0f s   ", p->tensor, p->n_tensors, a, b, rate / 1e6,
            rate > 0 ? (double)(total - done) / rate : 0.0);
}

/* ---- side files ---- */
typedef struct cv_side { hln_mapped map; int open; } cv_side;
static void cv_side_open(cv_side *s, const char *model_path, const char *name) {
    char path[4096];
    const char *slash = strrchr(model_path, '/');
    size_t dir = slash ? (size_t)(slash - model_path) + 1 : 0;
    memset(s, 0, sizeof *s);
    if (dir + strlen(name) + 1 > sizeof path) return;
    memcpy(path, model_path, dir);
    strcpy(path + dir, name);
    s->open = hln_file_map(path, &s->map, NULL) == HLN_OK;
}
static void cv_side_close(cv_side *s) { if (s->open) hln_file_unmap(&s->map); }

static int cv_ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void cv_print_matrix(void) {
    uint32_t n, i;
    const hln_convert_path *p = hln_convert_paths(&n);
    static const char *const level[] = { "NONE", "LOSSY", "FULL" };
    printf("  %-12s %-12s %-6s what is kept / what is lost\n", "from", "to", "level");
    for (i = 0; i < n; i++) {
        printf("  %-12s %-12s %-6s %s\n", hln_format_name(p[i].from), hln_format_name(p[i].to), level[p[i].level],
               p[i].kept[0] ? p[i].kept : "-");
        if (p[i].lost[0]) printf("  %-12s %-12s %-6s lost: %s\n", "", "", "", p[i].lost);
    }
}

/* Writes the out model to path.tmp and renames it; removes the tmp on failure. */
typedef hln_result (*cv_writer)(const hln_model *, hln_tensor_bytes_fn, void *, hln_write_fn, void *, hln_error *);
static int cv_write(const char *path, cv_writer writer, hln_convert *c, hln_error *err) {
    char tmp[4096];
    FILE *f;
    hln_result r;
    if (strlen(path) + 5 > sizeof tmp) { fprintf(stderr, "haoline: %s: path too long\n", path); return EXIT_USAGE; }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "wb");
    if (!f) { fprintf(stderr, "haoline: cannot write %s: %s\n", tmp, strerror(errno)); return EXIT_USAGE; }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    r = writer(c->out, hln_convert_tensor_bytes, c, cli_write_file, f, err);
    if (fclose(f) != 0 && r == HLN_OK) r = hln_error_set(err, HLN_ERR_IO, 0, "", "%s", strerror(errno));
    if (r == HLN_OK && cli_rename_over(tmp, path) != 0) r = hln_error_set(err, HLN_ERR_IO, 0, "", "rename: %s", strerror(errno));
    if (r != HLN_OK) {
        remove(tmp);
        fprintf(stderr, "\nhaoline: writing %s failed: %s%s%s\n", path, err->path, err->path[0] ? ": " : "", err->message);
        return r == HLN_ERR_IO ? EXIT_USAGE : EXIT_BAD_INPUT;
    }
    return 0;
}

static hln_result cv_config_writer(const hln_model *m, hln_tensor_bytes_fn fn, void *c, hln_write_fn w, void *u, hln_error *err) {
    (void)m; (void)fn;
    return hln_convert_config_json((const hln_convert *)c, w, u, err);
}

static hln_result cv_onnx_writer(const hln_model *m, hln_tensor_bytes_fn fn, void *c, hln_write_fn w, void *u, hln_error *err) {
    return hln_onnx_write_from(((const hln_convert *)c)->src, m, fn, c, w, u, err);
}
static hln_result cv_external_writer(const hln_model *m, hln_tensor_bytes_fn fn, void *c, hln_write_fn w, void *u, hln_error *err) {
    (void)m; (void)fn;
    return hln_convert_external_data((hln_convert *)c, w, u, err);
}

/* ONNX out: the external data file (OUT's folder / location) first, then the model. */
static int cv_write_onnx(const char *out_path, hln_convert *c, const char *location, hln_error *err) {
    char path[4096];
    const char *slash = strrchr(out_path, '/');
    size_t dir = slash ? (size_t)(slash - out_path) + 1 : 0;
    int rc;
    if (location) {
        if (dir + strlen(location) + 1 > sizeof path) { fprintf(stderr, "haoline: %s: path too long\n", location); return EXIT_USAGE; }
        memcpy(path, out_path, dir);
        strcpy(path + dir, location);
        if ((rc = cv_write(path, cv_external_writer, c, err)) != 0) return rc;
        fprintf(stderr, "haoline: wrote %s\n", path);
    }
    return cv_write(out_path, cv_onnx_writer, c, err);
}

/* config.json beside OUT (GGUF -> SafeTensors), unless one is there already. */
static void cv_write_config(const char *out_path, hln_convert *c) {
    char path[4096];
    const char *slash = strrchr(out_path, '/');
    size_t dir = slash ? (size_t)(slash - out_path) + 1 : 0;
    FILE *f;
    hln_error err;
    if (!c->arch || dir + sizeof "config.json" > sizeof path) return;
    memcpy(path, out_path, dir);
    strcpy(path + dir, "config.json");
    if ((f = fopen(path, "rb")) != NULL) {
        fclose(f);
        fprintf(stderr, "haoline: note: %s exists; not replaced\n", path);
        return;
    }
    memset(&err, 0, sizeof err);
    if (cv_write(path, cv_config_writer, c, &err) == 0) fprintf(stderr, "haoline: wrote %s\n", path);
}

static int cv_json_str(FILE *f, const char *s) { return hln_report_json_string(s, cli_write_file, f) == HLN_OK; }

static int cv_write_json(const char *path, const hln_convert *c, const char *in_path, const char *out_path, double seconds) {
    FILE *f = cli_is_stdout(path) ? stdout : fopen(path, "wb");
    uint32_t i;
    if (!f) { fprintf(stderr, "haoline: cannot write %s: %s\n", path, strerror(errno)); return EXIT_USAGE; }
    fputs("{\"input\":", f); cv_json_str(f, in_path);
    fputs(",\"output\":", f); cv_json_str(f, out_path);
    fprintf(f, ",\"format\":\"%s\",\"tensors\":%u,\"bytes\":%llu,\"seconds\":%.3f,\"lost\":[", hln_format_name(c->out->format),
            c->out->n_tensors, (unsigned long long)c->total_bytes, seconds);
    for (i = 0; i < c->n_lost; i++) { if (i) fputc(',', f); cv_json_str(f, c->lost[i]); }
    fputs("],\"rows\":[", f);
    for (i = 0; i < c->out->n_tensors; i++) {
        const hln_convert_tensor *t = &c->tensors[i];
        fputs(i ? ",\n{\"name\":" : "\n{\"name\":", f);
        cv_json_str(f, c->out->tensors[i].name);
        fputs(",\"source\":", f);
        if (t->source == HLN_CONVERT_NO_SOURCE) fputs("null", f);   /* made by the conversion */
        else cv_json_str(f, c->src->tensors[t->source].name);
        fprintf(f, ",\"from\":\"%s\",\"to\":\"%s\",\"bytes\":%llu,\"lossy\":%s", hln_dtype_get(t->from)->name,
                hln_dtype_get(t->to)->name, (unsigned long long)c->out->tensors[i].n_bytes, t->lossy ? "true" : "false");
        if (t->lossy && t->error.count)
            fprintf(f, ",\"rmse\":%.9g,\"max_abs_err\":%.9g,\"snr_db\":%.6g,\"cosine\":%.9g", t->error.rmse, t->error.max_abs_err,
                    t->error.snr_db > 1e300 ? 999.0 : t->error.snr_db, t->error.cosine);
        fputc('}', f);
    }
    fputs("]}\n", f);
    if (f != stdout && fclose(f) != 0) { fprintf(stderr, "haoline: cannot write %s: %s\n", path, strerror(errno)); return EXIT_USAGE; }
    return 0;
}

static void cv_print_table(const hln_convert *c) {
    uint32_t i, shown = 0;
    hln_k_error all;
    hln_k_error_init(&all);
    for (i = 0; i < c->out->n_tensors; i++) {
        const hln_convert_tensor *t = &c->tensors[i];
        char name[48];
        if (!t->lossy) continue;
        if (!shown++) printf("\n  %-40s %-6s %-6s %12s %9s %10s\n", "tensor", "from", "to", "rmse", "snr dB", "cosine");
        if (t->error.count)
            printf("  %-40s %-6s %-6s %12.4g %9.2f %10.6f\n", cli_show_name(name, 40, c->out->tensors[i].name, 0, 't', i),
                   hln_dtype_get(t->from)->name, hln_dtype_get(t->to)->name, t->error.rmse, t->error.snr_db, t->error.cosine);
        else
            printf("  %-40s %-6s %-6s\n", cli_show_name(name, 40, c->out->tensors[i].name, 0, 't', i),
                   hln_dtype_get(t->from)->name, hln_dtype_get(t->to)->name);
        all.count += t->error.count;
        all.sum_sq_err += t->error.sum_sq_err;
        all.sum_sq_ref += t->error.sum_sq_ref;
        all.sum_sq_approx += t->error.sum_sq_approx;
        all.sum_ref_approx += t->error.sum_ref_approx;
    }
    hln_k_error_finish(&all);
    if (all.count) printf("\n  %-40s %-6s %-6s %12.4g %9.2f %10.6f\n", "all lossy tensors", "", "", all.rmse, all.snr_db, all.cosine);
}

static int cv_run(int argc, char **argv, int quantize) {
    const char *in = NULL, *out = NULL, *to_name = NULL, *type = NULL, *dtype = NULL, *json_out = NULL, *external = NULL;
    const char *imatrix = NULL;
    hln_model *im = NULL;
    hln_mapped im_map;
    int want_json = 0, progress = 0, threads = 1, j, rc = 0;
    hln_convert_options o;
    hln_model *m = NULL;
    hln_convert *c = NULL;
    hln_error err;
    cv_side side[4];
    cv_progress prog;
    double t0;
    memset(&o, 0, sizeof o);
    memset(side, 0, sizeof side);
    memset(&im_map, 0, sizeof im_map);
    if (cli_wants_help(argc, argv)) { fputs(quantize ? quantize_usage : convert_usage, stdout); return 0; }
    for (j = 0; j < argc; j++) {
        const char *a = argv[j];
        if (strcmp(a, "--matrix") == 0 && !quantize) { cv_print_matrix(); return 0; }
        else if (strcmp(a, "--to") == 0 && j + 1 < argc && !quantize) to_name = argv[++j];
        else if (strcmp(a, "--type") == 0 && j + 1 < argc) type = argv[++j];
        else if (strcmp(a, "--dtype") == 0 && j + 1 < argc && !quantize) dtype = argv[++j];
        else if (strcmp(a, "--external-data") == 0 && j + 1 < argc && !quantize) external = argv[++j];
        else if (strcmp(a, "--imatrix") == 0 && j + 1 < argc) imatrix = argv[++j];
        else if (strcmp(a, "--keep-names") == 0) o.keep_names = 1;
        else if (strcmp(a, "--keep") == 0 && j + 1 < argc) {
            if (o.n_keep == HLN_CONVERT_MAX_KEEP) return cli_usage_error("at most %s --keep options", "32");
            if (!strchr(argv[j + 1], '=')) return cli_usage_error("--keep wants GLOB=TYPE, not '%s'", argv[j + 1]);
            o.keep[o.n_keep++] = argv[++j];
        } else if (strcmp(a, "--threads") == 0 && j + 1 < argc) {
            char *end;
            long v = strtol(argv[++j], &end, 10);
            if (*end || v < 1 || v > 64) return cli_usage_error("--threads wants 1..64, not '%s'", argv[j]);
            threads = (int)v;
        } else if (strcmp(a, "--progress") == 0) progress = 1;
        else if (strcmp(a, "--json") == 0) {
            want_json = 1;
            if (j + 1 < argc && (strcmp(argv[j + 1], "-") == 0 || (out && argv[j + 1][0] != '-'))) json_out = argv[++j];
        } else if (a[0] == '-' && a[1]) return cli_usage_error(quantize ? "unknown quantize option '%s'" : "unknown convert option '%s'", a);
        else if (!in) in = a;
        else if (!out) out = a;
        else return cli_usage_error("unexpected argument '%s'", a);
    }
    if (!in || !out) return cli_usage_error("%s", quantize ? "quantize needs IN, OUT.gguf and --type T" : "convert needs IN and OUT");
    if (quantize && !type) return cli_usage_error("%s", "quantize needs --type T");
    if (to_name) {
        if (strcmp(to_name, "gguf") == 0) o.to = HLN_FORMAT_GGUF;
        else if (strcmp(to_name, "safetensors") == 0) o.to = HLN_FORMAT_SAFETENSORS;
        else if (strcmp(to_name, "onnx") == 0) o.to = HLN_FORMAT_ONNX;
        else return cli_usage_error("--to wants gguf, safetensors or onnx, not '%s'", to_name);
    } else if (cv_ends_with(out, ".gguf")) o.to = HLN_FORMAT_GGUF;
    else if (cv_ends_with(out, ".safetensors")) o.to = HLN_FORMAT_SAFETENSORS;
    else if (cv_ends_with(out, ".onnx")) o.to = HLN_FORMAT_ONNX;
    else return cli_usage_error("cannot tell the output format of '%s': use --to gguf|safetensors|onnx", out);
    if (external && o.to != HLN_FORMAT_ONNX) return cli_usage_error("--external-data %s is for ONNX output", external);
    o.external_data = external;
    if (quantize && o.to != HLN_FORMAT_GGUF) return cli_usage_error("quantize writes GGUF, not '%s'", out);
    if (type) {
        if (o.to != HLN_FORMAT_GGUF) return cli_usage_error("--type %s is for GGUF output (SafeTensors: --dtype)", type);
        if (!hln_convert_recipe_known(type)) return cli_usage_error("cannot quantize to '%s' (see 'haoline quantize --help')", type);
        if (!quantize && (strcmp(type, "F32") == 0 || strcmp(type, "F16") == 0 || strcmp(type, "BF16") == 0)) o.dtype = hln_dtype_from_name(type);
        else o.recipe = type;
    }
    if (dtype) {
        o.dtype = hln_dtype_from_name(dtype);
        if (o.dtype != HLN_DTYPE_F32 && o.dtype != HLN_DTYPE_F16 && o.dtype != HLN_DTYPE_BF16)
            return cli_usage_error("--dtype wants F32, F16 or BF16, not '%s'", dtype);
        if (o.to == HLN_FORMAT_ONNX && o.dtype == HLN_DTYPE_BF16) return cli_usage_error("%s", "ONNX out: --dtype F16 or F32");
    }
    if (strcmp(in, out) == 0) return cli_usage_error("%s: IN and OUT are the same file", in);
    if (imatrix && !o.recipe) return cli_usage_error("--imatrix %s needs a quantization --type", imatrix);
    if (want_json && (rc = cli_check_output("--json", json_out, 0)) != 0) return rc;
    memset(&err, 0, sizeof err);
    if (cv_ends_with(in, ".json")) {
        hln_st_options so;
        memset(&so, 0, sizeof so);
        if (hln_st_load_file(&so, in, &m, &err) != HLN_OK) return cli_report_load_error(in, &err);
    } else if (cli_load_model(in, &m, &err) != HLN_OK) return cli_report_load_error(in, &err);
    if (quantize && m->format != HLN_FORMAT_GGUF && m->format != HLN_FORMAT_SAFETENSORS) {
        fprintf(stderr, "haoline: %s: quantize reads GGUF and SafeTensors (this is %s)\n", in, hln_format_name(m->format));
        hln_model_free(m);
        return EXIT_BAD_INPUT;
    }
    if (m->format == HLN_FORMAT_SAFETENSORS && o.to == HLN_FORMAT_GGUF) {
        cv_side_open(&side[0], in, "config.json");
        cv_side_open(&side[1], in, "tokenizer.json");
        cv_side_open(&side[2], in, "tokenizer_config.json");
        if (side[0].open) { o.config_json = (const char *)side[0].map.data; o.config_json_len = side[0].map.size; }
        if (side[1].open) { o.tokenizer_json = (const char *)side[1].map.data; o.tokenizer_json_len = side[1].map.size; }
        if (side[2].open) { o.tokenizer_config_json = (const char *)side[2].map.data; o.tokenizer_config_json_len = side[2].map.size; }
        if (!side[1].open) cv_side_open(&side[3], in, "tokenizer.model");
        if (side[3].open) { o.tokenizer_model = side[3].map.data; o.tokenizer_model_len = side[3].map.size; }
    }
    if (imatrix) {   /* GGUF imatrix, or the legacy binary one */
        hln_result ir = hln_file_map(imatrix, &im_map, &err);
        if (ir == HLN_OK && im_map.size >= 4 && memcmp(im_map.data, "GGUF", 4) == 0) {
            hln_gguf_options go;
            memset(&go, 0, sizeof go);
            ir = hln_gguf_parse(&go, im_map.data, im_map.size, &im, &err);
        } else if (ir == HLN_OK) ir = hln_convert_imatrix_dat(NULL, im_map.data, im_map.size, &im, &err);
        if (ir != HLN_OK) {
            fprintf(stderr, "haoline: %s: not an imatrix: %s%s%s\n", imatrix, err.path, err.path[0] ? ": " : "", err.message);
            rc = EXIT_BAD_INPUT;
            goto done;
        }
        o.imatrix = im;
    }
    o.measure_error = 1;
    o.release_input = 1;
    if (threads > 1) { o.parallel_for = cli_parallel_for; o.parallel_user = &threads; o.n_tasks = threads * 2; }
    memset(&prog, 0, sizeof prog);
    if (progress || cli_stderr_is_tty()) { o.progress = cv_show_progress; o.progress_user = &prog; }
    if (hln_convert_plan(m, &o, &c, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: cannot convert: %s%s%s\n", in, err.path, err.path[0] ? ": " : "", err.message);
        rc = EXIT_BAD_INPUT;
        goto done;
    }
    {
        uint32_t i, listed = 0;
        for (i = 0; i < c->n_lost; i++) fprintf(stderr, "haoline: warning: %s\n", c->lost[i]);
        if (c->n_lossy) {
            fprintf(stderr, "haoline: warning: lossy: %u of %u tensors change value:", c->n_lossy, c->out->n_tensors);
            for (i = 0; i < c->out->n_tensors && listed < 8; i++)
                if (c->tensors[i].lossy) fprintf(stderr, "%s %s (%s -> %s)", listed++ ? "," : "", c->out->tensors[i].name,
                                                 hln_dtype_get(c->tensors[i].from)->name, hln_dtype_get(c->tensors[i].to)->name);
            fprintf(stderr, "%s\n", c->n_lossy > listed ? ", ..." : "");
        }
    }
    prog.n_tensors = c->out->n_tensors;
    prog.start = prog.last = t0 = cli_now();
    if (o.to == HLN_FORMAT_ONNX) rc = cv_write_onnx(out, c, external, &err);
    else rc = cv_write(out, o.to == HLN_FORMAT_GGUF ? hln_gguf_write_from : hln_st_write_from, c, &err);
    if (prog.shown) fputc('\n', stderr);
    if (rc) goto done;
    t0 = cli_now() - t0;
    if (o.to == HLN_FORMAT_SAFETENSORS && m->format == HLN_FORMAT_GGUF && !o.keep_names) cv_write_config(out, c);
    if (want_json) rc = cv_write_json(json_out, c, in, out, t0);
    if (!rc && !(want_json && cli_is_stdout(json_out))) {
        char b[32];
        hln_report_fmt_bytes(b, sizeof b, (double)c->total_bytes);
        printf("wrote %s: %u tensors, %s of tensor data (%s), %u metadata keys, in %.2f s\n", out, c->out->n_tensors, b,
               hln_format_name(o.to), c->out->n_kv, t0);
        if (c->n_lossy) cv_print_table(c);
    }
done:
    hln_convert_free(c);
    hln_model_free(im);
    if (im_map.data) hln_file_unmap(&im_map);
    hln_model_free(m);
    for (j = 0; j < 4; j++) cv_side_close(&side[j]);
    return rc;
}

int cmd_convert(int argc, char **argv) { return cv_run(argc, argv, 0); }
int cmd_quantize(int argc, char **argv) { return cv_run(argc, argv, 1); }
