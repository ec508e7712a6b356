/* examples/cli_run.c - `haoline run MODEL`: runs a model with haoline_exec.h on inputs from
 * .npy files or a seeded random generator, writes its outputs as .npy, and captures every
 * intermediate value (files and/or a statistics table). Also the input, .npy and statistics
 * helpers that compare-activations shares (cli.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *run_usage =
    "usage: haoline run MODEL [--input NAME=FILE.npy ...|--random SEED] [options]\n"
    "  runs MODEL with HaoLine's reference executor (deterministic, one thread, f32)\n"
    "\n"
    "  --input NAME=FILE.npy  an input from a NumPy .npy file (format 1.0/2.0, C order, the\n"
    "                         input's dtype); repeat for every input\n"
    "  --random SEED          inputs not given by --input are drawn from SEED: floats uniform\n"
    "                         in [-1, 1), integers uniform in [0, 8), booleans 0/1\n"
    "  --bind NAME=N,...      values of the symbolic dims of random inputs (default: the\n"
    "                         values inspect picks: batch 1, sequence 128, image 224)\n"
    "  --output DIR           each graph output as DIR/<name>.npy (characters other than\n"
    "                         letters, digits, '.', '-', '_' become '_'; DIR is created)\n"
    "  --capture DIR          every intermediate value of the main graph as DIR/<name>.npy\n"
    "  --capture-stats        statistics of every intermediate value: min, max, mean, std,\n"
    "                         zeros %, int8 saturation; the JSON adds a 64-bin histogram\n"
    "  --capture-nodes GLOB   capture only values whose node or value name matches GLOB\n"
    "  --max-memory BYTES     cap on live activation bytes (default 4G; e.g. 512M)\n"
    "  --bypass-qdq           run a QDQ model with float activations: QuantizeLinear and\n"
    "                         DequantizeLinear of computed values pass them through\n"
    "  --json [OUT]           outputs, statistics and memory as JSON (to OUT, or stdout)\n"
    "Exit status: 0 ok, 1 the model could not be read or run (the reason on stderr),\n"
    "2 bad usage (a missing input, a bad .npy file).\n";

/* ---- .npy ---- */
static const struct { hln_dtype dt; const char *descr; } npy_types[] = {
    { HLN_DTYPE_F32, "<f4" }, { HLN_DTYPE_F64, "<f8" }, { HLN_DTYPE_I64, "<i8" }, { HLN_DTYPE_I32, "<i4" },
    { HLN_DTYPE_I16, "<i2" }, { HLN_DTYPE_I8, "|i1" }, { HLN_DTYPE_U8, "|u1" }, { HLN_DTYPE_U16, "<u2" },
    { HLN_DTYPE_U32, "<u4" }, { HLN_DTYPE_U64, "<u8" }, { HLN_DTYPE_BOOL, "|b1" },
};

int cli_npy_write(const char *path, const hln_exec_tensor *t) {
    char head[512];
    const char *descr = NULL;
    size_t n, i, pad;
    int len;
    FILE *f;
    for (i = 0; i < sizeof npy_types / sizeof npy_types[0]; i++) if (npy_types[i].dt == t->dtype) descr = npy_types[i].descr;
    if (!descr) { fprintf(stderr, "haoline: %s: dtype %s has no .npy form\n", path, hln_dtype_get(t->dtype)->name); return 0; }
    len = snprintf(head, sizeof head, "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
    for (i = 0; i < t->rank && len < 400; i++) len += snprintf(head + len, sizeof head - (size_t)len, "%lld%s", (long long)t->dims[i], t->rank == 1 ? "," : i + 1 < t->rank ? ", " : "");
    len += snprintf(head + len, sizeof head - (size_t)len, "), }");
    n = (size_t)len;
    pad = 64 - (10 + n + 1) % 64;
    if (pad == 64) pad = 0;
    f = fopen(path, "wb");
    if (!f) { fprintf(stderr, "haoline: cannot write %s: %s\n", path, strerror(errno)); return 0; }
    {
        unsigned char magic[10] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0 };
        size_t hl = n + pad + 1, bytes = (size_t)t->n_elements * hln_dtype_get(t->dtype)->type_size;
        magic[8] = (unsigned char)(hl & 0xff);
        magic[9] = (unsigned char)(hl >> 8);
        fwrite(magic, 1, 10, f);
        fwrite(head, 1, n, f);
        for (i = 0; i < pad; i++) fputc(' ', f);
        fputc('\n', f);
        if (bytes) fwrite(t->data, 1, bytes, f);
    }
    if (fclose(f) != 0) { fprintf(stderr, "haoline: cannot write %s: %s\n", path, strerror(errno)); return 0; }
    return 1;
}

/* Reads FILE.npy into t (data malloc'd). Prints why and returns 0 when it cannot. */
int cli_npy_read(const char *path, hln_exec_tensor *t) {
    FILE *f = fopen(path, "rb");
    unsigned char magic[12];
    char head[4096], *p, *q;
    size_t hl, i, bytes, esize;
    long size;
    uint64_t n = 1;
    memset(t, 0, sizeof *t);
    if (!f) { fprintf(stderr, "haoline: cannot read %s: %s\n", path, strerror(errno)); return 0; }
#define NPY_FAIL(msg) do { fprintf(stderr, "haoline: %s: %s\n", path, msg); fclose(f); free(t->data); t->data = NULL; return 0; } while (0)
    if (fread(magic, 1, 10, f) != 10 || memcmp(magic, "\x93NUMPY", 6) != 0) NPY_FAIL("not a .npy file");
    if (magic[6] == 1) hl = (size_t)magic[8] | (size_t)magic[9] << 8;
    else if (magic[6] == 2 || magic[6] == 3) {
        if (fread(magic + 10, 1, 2, f) != 2) NPY_FAIL("truncated header");
        hl = (size_t)magic[8] | (size_t)magic[9] << 8 | (size_t)magic[10] << 16 | (size_t)magic[11] << 24;
    } else NPY_FAIL("unknown .npy version");
    if (hl >= sizeof head) NPY_FAIL("header longer than 4095 bytes");
    if (fread(head, 1, hl, f) != hl) NPY_FAIL("truncated header");
    head[hl] = 0;
    if (!(p = strstr(head, "'descr'"))) NPY_FAIL("no 'descr' in the header");
    p = strchr(p + 7, '\'');
    if (!p || !(q = strchr(p + 1, '\''))) NPY_FAIL("bad 'descr'");
    *q = 0;
    t->dtype = HLN_DTYPE_UNKNOWN;
    for (i = 0; i < sizeof npy_types / sizeof npy_types[0]; i++)
        if (strcmp(p + 1, npy_types[i].descr) == 0 || (p[1] == '=' && strcmp(p + 2, npy_types[i].descr + 1) == 0) ||
            (npy_types[i].descr[0] == '|' && strcmp(p + 1 + (p[1] == '<' || p[1] == '='), npy_types[i].descr + 1) == 0)) t->dtype = npy_types[i].dt;
    if (t->dtype == HLN_DTYPE_UNKNOWN) NPY_FAIL("unsupported dtype (little-endian numbers and bools only)");
    *q = '\'';
    if (!(p = strstr(head, "'fortran_order'")) || !strstr(p, "False")) NPY_FAIL("Fortran order is not supported");
    if (!(p = strstr(head, "'shape'")) || !(p = strchr(p, '('))) NPY_FAIL("no 'shape' in the header");
    for (p++; *p && *p != ')';) {
        char *end;
        long long d;
        while (*p == ' ' || *p == ',') p++;
        if (*p == ')') break;
        d = strtoll(p, &end, 10);
        if (end == p || d < 0 || t->rank >= HLN_MAX_DIMS) NPY_FAIL("bad shape");
        t->dims[t->rank++] = d;
        if (hln_mul_overflow(n, (uint64_t)d, &n)) NPY_FAIL("shape overflows");
        p = end;
    }
    esize = hln_dtype_get(t->dtype)->type_size;
    t->n_elements = n;
    if (n > (uint64_t)(SIZE_MAX / esize)) NPY_FAIL("too large");
    bytes = (size_t)n * esize;
    {
        long at = ftell(f);
        if (at < 0 || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, at, SEEK_SET) != 0) NPY_FAIL("cannot size the file");
        if ((uint64_t)(size - at) != (uint64_t)bytes) NPY_FAIL("the data does not match the shape and dtype");
    }
    t->data = malloc(bytes ? bytes : 1);
    if (!t->data) NPY_FAIL("out of memory");
    if (bytes && fread(t->data, 1, bytes, f) != bytes) NPY_FAIL("truncated data");
#undef NPY_FAIL
    fclose(f);
    return 1;
}

/* ---- names and folders ---- */
void cli_sanitize_name(const char *name, char *out, size_t cap) {
    size_t i, n = 0;
    for (i = 0; name[i] && n + 1 < cap; i++) {
        char ch = name[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
        out[n++] = ok ? ch : '_';
    }
    if (!n && cap > 1) out[n++] = '_';
    out[n] = 0;
}

int cli_make_dir(const char *dir) {
    char buf[4096];
    size_t i, n = strlen(dir);
    struct stat st;
    if (n == 0 || n >= sizeof buf) { fprintf(stderr, "haoline: bad folder '%s'\n", dir); return 0; }
    memcpy(buf, dir, n + 1);
    for (i = 1; i <= n; i++)
        if (buf[i] == '/' || buf[i] == 0) {
            char keep = buf[i];
            buf[i] = 0;
            if (cli_mkdir(buf) != 0 && errno != EEXIST) { fprintf(stderr, "haoline: cannot create %s: %s\n", buf, strerror(errno)); return 0; }
            buf[i] = keep;
        }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) { fprintf(stderr, "haoline: %s is not a folder\n", dir); return 0; }
    return 1;
}

/* DIR/<sanitised name>.npy into out, made unique among the `used` names written so far;
   returns a malloc copy of the name part (NULL: no memory). */
static char *npy_path(char *out, size_t cap, const char *dir, const char *name, char **used, uint32_t n_used) {
    char clean[200], cand[240];
    uint32_t i, k = 1;
    int dup;
    cli_sanitize_name(name, clean, sizeof clean);
    snprintf(cand, sizeof cand, "%s", clean);
    do {
        dup = 0;
        for (i = 0; i < n_used; i++) if (strcmp(used[i], cand) == 0) dup = 1;
        if (dup) snprintf(cand, sizeof cand, "%s_%u", clean, ++k);
    } while (dup);
    snprintf(out, cap, "%s/%s.npy", dir, cand);
    return strdup(cand);
}

/* ---- inputs ---- */
static uint64_t rng_next(uint64_t *s) {   /* splitmix64 */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

int cli_exec_inputs(hln_exec *x, hln_model *m, const cli_input_spec *spec) {
    uint32_t i, k, j;
    uint64_t seed = spec->seed;
    hln_graph_summary gs;
    hln_graph_options go;
    hln_error err;
    memset(&go, 0, sizeof go);
    memset(&err, 0, sizeof err);
    go.bindings = spec->bindings;
    go.n_bindings = spec->n_bindings;
    go.no_formula = 1;
    if (hln_graph_analyze(m, &go, &gs, &err) != HLN_OK) { fprintf(stderr, "haoline: %s\n", err.message); return EXIT_USAGE; }
    for (j = 0; j < spec->n_files; j++) {
        for (i = 0; i < hln_exec_input_count(x) && strcmp(hln_exec_input(x, i)->name, spec->names[j]) != 0; i++) {}
        if (i == hln_exec_input_count(x)) {
            fprintf(stderr, "haoline: --input %s: the model has no such input (inputs:", spec->names[j]);
            for (i = 0; i < hln_exec_input_count(x); i++) fprintf(stderr, " %s", hln_exec_input(x, i)->name);
            fprintf(stderr, ")\n");
            return EXIT_USAGE;
        }
    }
    for (i = 0; i < hln_exec_input_count(x); i++) {
        const hln_value *v = hln_exec_input(x, i);
        hln_exec_tensor t;
        int from_file = 0;
        memset(&t, 0, sizeof t);
        for (j = 0; j < spec->n_files; j++)
            if (strcmp(spec->names[j], v->name) == 0) {
                if (!cli_npy_read(spec->files[j], &t)) return EXIT_USAGE;
                from_file = 1;
            }
        if (!from_file) {
            uint64_t n = 1, e;
            size_t es;
            if (!spec->random) {
                fprintf(stderr, "haoline: input '%s' needs --input %s=FILE.npy or --random SEED\n", v->name, v->name);
                return EXIT_USAGE;
            }
            t.dtype = v->dtype;
            t.rank = v->shape.rank > 0 ? (uint32_t)v->shape.rank : 0;
            for (k = 0; k < t.rank; k++) {
                int64_t d = v->shape.dims[k].value;
                uint32_t q;
                if (d < 0) {
                    d = 1;
                    for (q = 0; q < gs.n_dims; q++) if (v->shape.dims[k].param && strcmp(gs.dims[q].name, v->shape.dims[k].param) == 0) d = gs.dims[q].value;
                }
                t.dims[k] = d;
                if (hln_mul_overflow(n, (uint64_t)d, &n) || n > ((uint64_t)1 << 32)) { fprintf(stderr, "haoline: input '%s' is too large to draw\n", v->name); return EXIT_USAGE; }
            }
            es = hln_dtype_get(t.dtype)->type_size;
            if (!es || t.dtype == HLN_DTYPE_UNKNOWN) { fprintf(stderr, "haoline: input '%s' has no dtype to draw\n", v->name); return EXIT_USAGE; }
            t.n_elements = n;
            t.data = malloc((size_t)(n * es) + 1);
            if (!t.data) { fprintf(stderr, "haoline: out of memory\n"); return EXIT_BAD_INPUT; }
            for (e = 0; e < n; e++) {
                uint64_t r = rng_next(&seed);
                double u = (double)(r >> 11) * (1.0 / 9007199254740992.0);
                if (t.dtype == HLN_DTYPE_F32) ((float *)t.data)[e] = (float)(2 * u - 1);
                else if (t.dtype == HLN_DTYPE_F64) ((double *)t.data)[e] = 2 * u - 1;
                else if (t.dtype == HLN_DTYPE_BOOL) ((uint8_t *)t.data)[e] = (uint8_t)(r >> 63);
                else {
                    int64_t iv = (int64_t)(r >> 61);
                    memcpy((uint8_t *)t.data + e * es, &iv, es);   /* little-endian: the low bytes */
                }
            }
        }
        memset(&err, 0, sizeof err);
        if (hln_exec_set_input(x, v->name, t.dtype, t.rank, t.dims, t.data, &err) != HLN_OK) {
            fprintf(stderr, "haoline: %s\n", err.message);
            free(t.data);
            return EXIT_USAGE;
        }
        free(t.data);
    }
    return 0;
}

int cli_input_option(cli_input_spec *s, int argc, char **argv, int *i) {
    const char *a = argv[*i];
    if (strcmp(a, "--input") == 0 || strcmp(a, "--random") == 0 || strcmp(a, "--bind") == 0) {
        if (*i + 1 >= argc) return cli_usage_error("%s needs a value", a);
        ++*i;
        if (a[2] == 'i') {
            char *eq = strchr(argv[*i], '=');
            if (!eq || eq == argv[*i] || s->n_files >= CLI_MAX_INPUTS) return cli_usage_error("bad --input '%s' (want NAME=FILE.npy)", argv[*i]);
            *eq = 0;
            s->names[s->n_files] = argv[*i];
            s->files[s->n_files++] = eq + 1;
        } else if (a[2] == 'r') {
            char *end;
            s->seed = strtoull(argv[*i], &end, 10);
            if (*end || end == argv[*i]) return cli_usage_error("bad --random '%s' (want a whole number)", argv[*i]);
            s->random = 1;
        } else if (!cli_parse_bindings(argv[*i], s->bindings, 64, &s->n_bindings, s->bind_storage, sizeof s->bind_storage))
            return cli_usage_error("bad --bind '%s' (want NAME=N[,NAME=N...], each N a whole number >= 1)", argv[*i]);
        return 1;
    }
    if (strcmp(a, "--bypass-qdq") == 0) { s->bypass_qdq = 1; return 1; }
    if (strcmp(a, "--max-memory") == 0) {
        if (*i + 1 >= argc || !hln_parse_bytes(argv[*i + 1], &s->max_memory) || !s->max_memory)
            return cli_usage_error("bad --max-memory '%s' (want bytes: 512M, 4G, ...)", *i + 1 < argc ? argv[*i + 1] : "");
        ++*i;
        return 1;
    }
    return 0;
}

/* ---- statistics ---- */
void cli_json_stats(FILE *f, const hln_exec_stats *s) {
    uint32_t b;
    fprintf(f, "{\"n\": %llu, \"min\": %.9g, \"max\": %.9g, \"mean\": %.9g, \"std\": %.9g, \"zeros_pct\": %.6g, \"nonfinite\": %llu, "
               "\"sat_low\": %llu, \"sat_high\": %llu, \"histogram\": [",
            (unsigned long long)s->n, s->min, s->max, s->mean, s->std, s->n ? 100.0 * (double)s->zeros / (double)s->n : 0.0,
            (unsigned long long)s->nonfinite, (unsigned long long)s->sat_low, (unsigned long long)s->sat_high);
    for (b = 0; b < HLN_EXEC_HIST_BINS; b++) fprintf(f, "%s%llu", b ? ", " : "", (unsigned long long)s->hist[b]);
    fprintf(f, "]}");
}

void cli_json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

static void shape_text(const hln_exec_tensor *t, char *buf, size_t cap) {
    size_t n = 0;
    uint32_t i;
    n += (size_t)snprintf(buf, cap, "[");
    for (i = 0; i < t->rank && n < cap; i++) n += (size_t)snprintf(buf + n, cap - n, "%s%lld", i ? ", " : "", (long long)t->dims[i]);
    if (n < cap) snprintf(buf + n, cap - n, "]");
}

/* ---- the verb ---- */
typedef struct run_capture {
    const char *dir, *glob;
    int         stats;
    uint32_t    n, cap;
    char      **names;       /* value names (owned) */
    char      **files;       /* sanitised file stems written (owned) */
    hln_exec_stats *st;
    int         failed;
} run_capture;

static int run_on_node(void *user, const hln_graph *g, uint32_t node, uint32_t depth, const hln_exec_tensor *outs, uint32_t n_outs) {
    run_capture *c = (run_capture *)user;
    const hln_node *nd = &g->nodes[node];
    uint32_t q;
    if (depth) return 0;   /* the main graph's values; subgraph values repeat per iteration */
    for (q = 0; q < n_outs; q++) {
        const char *vname = nd->outputs[q] >= 0 ? g->values[nd->outputs[q]].name : NULL;
        if (!vname || !outs[q].data) continue;
        if (c->glob && !cli_glob_match(c->glob, vname) && (!nd->name || !cli_glob_match(c->glob, nd->name))) continue;
        if (c->n == c->cap) {
            uint32_t cap = c->cap ? c->cap * 2 : 64;
            char **nn = (char **)realloc(c->names, cap * sizeof *nn), **ff;
            hln_exec_stats *ss;
            if (!nn) return 1;
            c->names = nn;
            ff = (char **)realloc(c->files, cap * sizeof *ff);
            if (!ff) return 1;
            c->files = ff;
            ss = (hln_exec_stats *)realloc(c->st, cap * sizeof *ss);
            if (!ss) return 1;
            c->st = ss;
            c->cap = cap;
        }
        c->names[c->n] = strdup(vname);
        c->files[c->n] = NULL;
        if (!c->names[c->n]) return 1;
        hln_exec_tensor_stats(&outs[q], &c->st[c->n]);
        if (c->dir) {
            char path[4400];
            c->files[c->n] = npy_path(path, sizeof path, c->dir, vname, c->files, c->n);
            if (!c->files[c->n] || !cli_npy_write(path, &outs[q])) { c->n++; c->failed = 1; return 1; }
        }
        c->n++;
    }
    return 0;
}

static void run_capture_free(run_capture *c) {
    uint32_t i;
    for (i = 0; i < c->n; i++) { free(c->names[i]); free(c->files[i]); }
    free(c->names); free(c->files); free(c->st);
}

int cmd_run(int argc, char **argv) {
    const char *model_path = NULL, *out_dir = NULL, *json_out = NULL;
    int want_json = 0, rc = 0, i, j;
    cli_input_spec in;
    run_capture cap;
    hln_model *m = NULL;
    hln_exec *x = NULL;
    hln_exec_options xo;
    hln_error err;
    char **written = NULL;
    uint32_t n_out, k;
    uint64_t peak, live_peak, arena, spilled;
    double secs;
    double t0;
    FILE *jf = NULL;
    if (cli_wants_help(argc, argv)) { fputs(run_usage, stdout); return 0; }
    memset(&in, 0, sizeof in);
    memset(&cap, 0, sizeof cap);
    for (i = 0; i < argc; i++) {
        int took = cli_input_option(&in, argc, argv, &i);
        if (took == 1) continue;
        if (took) return took;
        if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) out_dir = argv[++i];
        else if (strcmp(argv[i], "--capture") == 0 && i + 1 < argc) cap.dir = argv[++i];
        else if (strcmp(argv[i], "--capture-nodes") == 0 && i + 1 < argc) cap.glob = argv[++i];
        else if (strcmp(argv[i], "--capture-stats") == 0) cap.stats = 1;
        else if (strcmp(argv[i], "--json") == 0) {
            want_json = 1;
            if (i + 1 < argc && (strcmp(argv[i + 1], "-") == 0 || (model_path && argv[i + 1][0] != '-'))) json_out = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("unknown run option '%s'", argv[i]);
        else if (!model_path) model_path = argv[i];
        else return cli_usage_error("unexpected argument '%s'", argv[i]);
    }
    if (!model_path) return cli_usage_error("%s", "run needs MODEL");
    if (cap.glob && !cap.dir) cap.stats = 1;
    if (want_json && (rc = cli_check_output("--json", json_out, 0)) != 0) return rc;
    if (out_dir && !cli_make_dir(out_dir)) return EXIT_USAGE;
    if (cap.dir && !cli_make_dir(cap.dir)) return EXIT_USAGE;
    memset(&err, 0, sizeof err);
    if (cli_load_model(model_path, &m, &err) != HLN_OK) return cli_report_load_error(model_path, &err);
    memset(&xo, 0, sizeof xo);
    xo.max_memory = in.max_memory;
    xo.bypass_activation_qdq = in.bypass_qdq;
    if (cap.dir || cap.stats) { xo.on_node = run_on_node; xo.user = &cap; }
    if (!m->graph) { fprintf(stderr, "haoline: %s: a weight-only model has no graph to run\n", model_path); hln_model_free(m); return EXIT_BAD_INPUT; }
    if (hln_exec_create(m, &xo, &x, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: cannot run: %s%s%s\n", model_path, err.path[0] ? err.path : "", err.path[0] ? ": " : "", err.message);
        hln_model_free(m);
        return EXIT_BAD_INPUT;
    }
    if ((rc = cli_exec_inputs(x, m, &in)) != 0) goto done;
    t0 = cli_now();
    memset(&err, 0, sizeof err);
    if (hln_exec_run(x, &err) != HLN_OK) {
        fprintf(stderr, "haoline: %s: %s%s%s\n", model_path, err.path[0] ? err.path : "", err.path[0] ? ": " : "", cap.failed ? "a capture file could not be written" : err.message);
        rc = EXIT_BAD_INPUT;
        goto done;
    }
    secs = cli_now() - t0;
    hln_exec_peak_bytes(x, &peak, &live_peak);
    hln_exec_arena_bytes(x, &arena, &spilled);
    n_out = hln_exec_output_count(x);
    written = (char **)calloc(n_out + 1, sizeof *written);
    if (!written) { rc = EXIT_BAD_INPUT; goto done; }
    if (want_json) {
        jf = cli_is_stdout(json_out) ? stdout : fopen(json_out, "wb");
        if (!jf) { fprintf(stderr, "haoline: cannot write %s: %s\n", json_out, strerror(errno)); rc = EXIT_USAGE; goto done; }
        fprintf(jf, "{\"model\": ");
        cli_json_string(jf, cli_base_name(model_path));
        fprintf(jf, ", \"seconds\": %.6f, \"peak_activation_bytes\": %llu, \"liveness_peak_bytes\": %llu, \"arena_bytes\": %llu, "
                    "\"spilled_bytes\": %llu, \"outputs\": [",
                secs, (unsigned long long)peak, (unsigned long long)live_peak, (unsigned long long)arena, (unsigned long long)spilled);
    } else
        printf("%s: ran in %.3f s, peak activations %llu bytes (liveness estimate %llu; arena %llu, %llu bytes outside it)\n",
               cli_base_name(model_path), secs, (unsigned long long)peak, (unsigned long long)live_peak, (unsigned long long)arena,
               (unsigned long long)spilled);
    for (k = 0; k < n_out; k++) {
        const char *name;
        const hln_exec_tensor *t = hln_exec_output(x, k, &name);
        hln_exec_stats st;
        char shape[256], path[4400];
        hln_exec_tensor_stats(t, &st);
        shape_text(t, shape, sizeof shape);
        path[0] = 0;
        if (out_dir) {
            written[k] = npy_path(path, sizeof path, out_dir, name, written, k);
            if (!written[k] || !cli_npy_write(path, t)) { rc = EXIT_USAGE; break; }
        }
        if (jf) {
            fprintf(jf, "%s{\"name\": ", k ? ", " : "");
            cli_json_string(jf, name);
            fprintf(jf, ", \"dtype\": \"%s\", \"shape\": %s, \"file\": ", hln_dtype_get(t->dtype)->name, shape);
            if (path[0]) cli_json_string(jf, path); else fprintf(jf, "null");
            fprintf(jf, ", \"stats\": ");
            cli_json_stats(jf, &st);
            fprintf(jf, "}");
        } else
            printf("  output %-24s %-5s %-18s min %-11.5g max %-11.5g mean %-11.5g%s%s\n", name, hln_dtype_get(t->dtype)->name, shape,
                   st.min, st.max, st.mean, path[0] ? " -> " : "", path);
    }
    if (jf) fprintf(jf, "], \"captured\": [");
    else if (cap.n) printf("\n  %-40s %11s %11s %11s %11s %7s %7s\n", "value", "min", "max", "mean", "std", "zeros%", "sat%");
    for (k = 0; k < cap.n; k++) {
        const hln_exec_stats *s = &cap.st[k];
        double sat = s->n ? 100.0 * (double)(s->sat_low + s->sat_high) / (double)s->n : 0;
        if (jf) {
            fprintf(jf, "%s{\"name\": ", k ? ", " : "");
            cli_json_string(jf, cap.names[k]);
            fprintf(jf, ", \"file\": ");
            if (cap.files[k]) cli_json_string(jf, cap.files[k]); else fprintf(jf, "null");
            fprintf(jf, ", \"stats\": ");
            cli_json_stats(jf, s);
            fprintf(jf, "}");
        } else {
            char shown[48];
            printf("  %-40s %11.4g %11.4g %11.4g %11.4g %7.2f %7.2f\n", cli_show_name(shown, 40, cap.names[k], 0, 'v', k), s->min, s->max, s->mean, s->std,
                   s->n ? 100.0 * (double)s->zeros / (double)s->n : 0.0, sat);
        }
    }
    if (jf) {
        fprintf(jf, "]}\n");
        if (jf != stdout && fclose(jf) != 0) rc = EXIT_USAGE;
        jf = NULL;
    }
done:
    if (jf && jf != stdout) fclose(jf);
    if (written) { for (k = 0; k < hln_exec_output_count(x); k++) free(written[k]); free(written); }
    run_capture_free(&cap);
    hln_exec_free(x);
    hln_model_free(m);
    (void)j;
    return rc;
}
