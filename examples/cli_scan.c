/* examples/cli_scan.c - `haoline scan DIR|FILE...`: every model file under the folders (found
 * by content; split GGUF parts, SafeTensors shards, a Core ML package's files, an IR's .bin and
 * a TensorRT graph's companion exports grouped into one model), inspected on N
 * threads, one JSON line per model and one per file that failed, then a summary table.
 *
 * Memory stays bounded: folders are walked one at a time (one folder's listing in memory),
 * models are loaded in batches of SCAN_BATCH, and the summary keeps 8 bytes and one path per
 * distinct header (for the duplicates). The unit of work is one model (its first file), so a
 * scan spreads over machines by handing each a share of the files (docs: README, "scan"). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef _WIN32
#define lstat stat   /* Windows: no symbolic links to step over */
#endif

static const char *scan_usage =
    "usage: haoline scan DIR|FILE... [options]   every model under the folders, in parallel\n"
    "\n"
    "  files are recognised by content (GGUF, SafeTensors, ONNX, TFLite, Core ML, OpenVINO IR,\n"
    "  TensorRT graph JSON) or by a model file extension; the parts of a split GGUF\n"
    "  (NAME-0000N-of-0000M.gguf) and the shards named by a model.safetensors.index.json count as\n"
    "  one model, and so do a Core ML .mlpackage folder, an IR X.xml with its X.bin, and a TensorRT\n"
    "  X.graph.json with the X.profile/timing/metadata JSONs beside it\n"
    "\n"
    "  --jsonl OUT           one JSON line per model (as inspect --json --summary-only, \"file\" the\n"
    "                        path) and {\"file\", \"error\"} per file that failed, to OUT ('-': stdout)\n"
    "  --json [OUT]          the same lines (to OUT, or stdout)\n"
    "  --threads N           models inspected at once (default: the online CPUs)\n"
    "  --memory SIZE         say which models' weights fit SIZE bytes (K, M, G, T suffixes: 2^10...)\n"
    "  --summary OUT         where the summary table goes ('-': stdout)\n"
    "  --hardware NAME       each model's line carries the deployment estimates on NAME, as inspect\n"
    "                        --json does (repeatable; --hardware-file, --context, --batch, --kv-type,\n"
    "                        --devices, --efficiency, --prompt-tokens as for inspect)\n"
    "  --progress            models done/total and the rate on stderr (the default when stderr is\n"
    "                        a terminal; the folders are walked once more first, to count)\n"
    "\n"
    "The summary table (formats, totals, duplicate headers, --memory fit) goes to stdout, or to\n"
    "stderr when the JSON lines go to stdout. A file that vanishes or changes while it is read is\n"
    "an error line. Exit status: 0 the scan ran (even with error lines), 2 bad usage.\n";

#define SCAN_BATCH 256

typedef struct unit {
    char       *path;
    char       *line;        /* the JSON line, malloc'd, without the newline */
    int         failed;
    hln_format  format;
    uint64_t    params, weight_bytes, header_hash;
} unit;

typedef struct scan {
    unit    batch[SCAN_BATCH];
    int     n, next, threads;
    pthread_mutex_t lock;
    /* progress (stderr): counting walks the folders without inspecting anything */
    int     progress, counting, tty;
    uint64_t total, done;
    double   t0, last;
    cli_deploy dep;          /* --hardware NAME...: each line carries the estimates */
    FILE   *jsonl;
    /* summary */
    uint64_t models, errors, skipped, params, weight_bytes, memory, fit;
    uint64_t per_format[8], per_format_params[8], per_format_bytes[8];
    /* distinct headers: open addressing on the hash, first path and count */
    uint64_t *dup_hash, dup_cap, dup_n;
    char    **dup_path;
    uint32_t *dup_count;
} scan;

/* ---- a growable byte buffer as a hln_write_fn ---- */
typedef struct membuf { char *p; size_t n, cap; int squeeze, in_indent; } membuf;
static int mem_put(membuf *b, const char *s, size_t n) {
    if (!b->p || n >= b->cap - b->n) {   /* room for the bytes and the terminator */
        size_t cap = b->cap ? b->cap : 4096;
        char *q;
        while (cap - b->n <= n) cap *= 2;
        q = (char *)realloc(b->p, cap);
        if (!q) return 0;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
    return 1;
}
/* squeeze: the report's newlines and the indentation after them go (raw newlines only ever
   separate JSON tokens: inside strings they are escaped), so a report becomes one line */
static int mem_write(void *user, const void *bytes, size_t n) {
    membuf *b = (membuf *)user;
    const char *s = (const char *)bytes;
    size_t i, run = 0;
    if (!b->squeeze) return mem_put(b, s, n);
    for (i = 0; i < n; i++) {
        if (s[i] == '\n' || (b->in_indent && s[i] == ' ')) {
            if (run && !mem_put(b, s + i - run, run)) return 0;
            run = 0;
            b->in_indent = 1;
            continue;
        }
        b->in_indent = 0;
        run++;
    }
    return run ? mem_put(b, s + n - run, run) : 1;
}

static uint64_t fnv(const uint8_t *p, uint64_t n) {
    uint64_t h = 14695981039346656037ull, i;
    for (i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ull; }
    return h;
}

/* ---- one model ---- */
static void unit_error(unit *u, const char *what) {
    membuf b = { NULL, 0, 0, 0, 0 };
    u->failed = 1;
    if (mem_put(&b, "{\"file\": ", 9) && hln_report_json_string(u->path, mem_write, &b) == HLN_OK && mem_put(&b, ", \"error\": ", 11) &&
        hln_report_json_string(what, mem_write, &b) == HLN_OK && mem_put(&b, "}", 1)) u->line = b.p;
    else free(b.p);
}

static void unit_inspect(unit *u, const hln_report_deploy *deploy) {
    struct stat before, after;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary gs;
    hln_report_options ro;
    hln_summary s;
    membuf b = { NULL, 0, 0, 1, 0 };
    char msg[700];
    if (stat(u->path, &before) != 0) { unit_error(u, "the file vanished before it was read"); return; }
    memset(&err, 0, sizeof err);
    if (cli_load_model(u->path, &m, &err) != HLN_OK) {
        char why[200];
        if (cli_read_guard_tripped()) return;   /* unit_run says so */
        snprintf(msg, sizeof msg, "byte %llu: %s%s%s%s%s", (unsigned long long)err.byte_offset, err.path, err.path[0] ? ": " : "",
                 err.message[0] ? err.message : hln_result_string(err.code), err.os_error ? ": " : "",
                 cli_os_reason(err.os_error, why, sizeof why));
        unit_error(u, msg);
        return;
    }
    memset(&ro, 0, sizeof ro);
    ro.file_name = u->path;
    ro.summary_only = 1;
    ro.deploy = deploy;
    if (m->graph) {
        memset(&gs, 0, sizeof gs);
        if (hln_graph_analyze(m, NULL, &gs, &err) != HLN_OK) {
            snprintf(msg, sizeof msg, "analysis: %s%s%s", err.path, err.path[0] ? ": " : "", err.message);
            unit_error(u, msg);
            hln_model_free(m);
            return;
        }
        ro.graph = &gs;
    }
    {   /* the analysis inspect shows (architecture, blocks, risks, ...) */
        hln_analysis_options ao;
        hln_analysis an;
        memset(&ao, 0, sizeof ao);
        ao.graph = ro.graph;
        if (hln_model_analyze(m, &ao, &an, &err) != HLN_OK) {
            snprintf(msg, sizeof msg, "analysis: %s", err.message);
            unit_error(u, msg);
            hln_model_free(m);
            return;
        }
        ro.analysis = &an;
        if (hln_report_json(m, &ro, mem_write, &b) != HLN_OK) { free(b.p); unit_error(u, "out of memory"); hln_model_free(m); return; }
    }
    while (b.n && (b.p[b.n - 1] == '\n' || b.p[b.n - 1] == ' ')) b.p[--b.n] = 0;
    if (hln_model_summarize(m, &s) != HLN_OK) { free(b.p); unit_error(u, "out of memory"); hln_model_free(m); return; }
    u->format = m->format;
    u->params = s.params;
    u->weight_bytes = s.weight_bytes;
    if (m->n_files && m->files[0].data) {
        const hln_file *f = &m->files[0];
        uint64_t n = f->data_offset && f->data_offset <= f->size ? f->data_offset : f->size;
        u->header_hash = fnv(f->data, n) ^ n;
    }
    hln_model_free(m);
    if (stat(u->path, &after) != 0) { free(b.p); unit_error(u, "the file vanished while it was read"); return; }
    if (after.st_size != before.st_size || after.st_mtime != before.st_mtime || after.st_ino != before.st_ino) {
        free(b.p);
        unit_error(u, CLI_CHANGED_WHILE_READ);
        return;
    }
    u->line = b.p;
}

/* The model's line, or the error of a file that shrank under the mapping at any point (the
   readers, the analysis and the report read views into it). */
static void unit_run(unit *u, const hln_report_deploy *deploy) {
    cli_read_guard g;
    cli_read_guard_begin(&g);
    unit_inspect(u, deploy);
    if (cli_read_guard_end(&g)) {
        free(u->line);
        u->line = NULL;
        unit_error(u, CLI_CHANGED_WHILE_READ);
    }
}

/* "scan: 120/1000 models, 85.3/s": on a terminal rewritten in place at most 5 times a second,
   else a line a second; always the last one. Called with the lock held. */
static void progress_line(scan *sc) {
    double t = cli_now(), el = t - sc->t0;
    if (sc->done < sc->total && t - sc->last < (sc->tty ? 0.2 : 1.0)) return;
    sc->last = t;
    fprintf(stderr, "%sscan: %llu/%llu models, %.1f/s%s", sc->tty ? "\r" : "", (unsigned long long)sc->done,
            (unsigned long long)sc->total, el > 0 ? (double)sc->done / el : 0.0, sc->tty && sc->done < sc->total ? "" : "\n");
    fflush(stderr);
}

static void *worker(void *arg) {
    scan *sc = (scan *)arg;
    int i = -1;
    for (;;) {
        pthread_mutex_lock(&sc->lock);
        if (i >= 0 && sc->progress) { sc->done++; progress_line(sc); }
        i = sc->next < sc->n ? sc->next++ : -1;
        pthread_mutex_unlock(&sc->lock);
        if (i < 0) return NULL;
        unit_run(&sc->batch[i], sc->dep.active ? &sc->dep.rd : NULL);
    }
}

/* ---- the summary ---- */
static void dup_add(scan *sc, uint64_t h, const char *path) {
    uint64_t k;
    if (2 * (sc->dup_n + 1) > sc->dup_cap) {   /* grow and rehash */
        uint64_t cap = sc->dup_cap ? sc->dup_cap * 2 : 1024, j;
        uint64_t *nh = (uint64_t *)calloc(cap, sizeof *nh);
        char **np = (char **)calloc(cap, sizeof *np);
        uint32_t *nc = (uint32_t *)calloc(cap, sizeof *nc);
        if (!nh || !np || !nc) { free(nh); free(np); free(nc); return; }
        for (j = 0; j < sc->dup_cap; j++) {
            if (!sc->dup_path[j]) continue;
            for (k = sc->dup_hash[j] & (cap - 1); np[k]; k = (k + 1) & (cap - 1)) {}
            nh[k] = sc->dup_hash[j]; np[k] = sc->dup_path[j]; nc[k] = sc->dup_count[j];
        }
        free(sc->dup_hash); free(sc->dup_path); free(sc->dup_count);
        sc->dup_hash = nh; sc->dup_path = np; sc->dup_count = nc; sc->dup_cap = cap;
    }
    for (k = h & (sc->dup_cap - 1); sc->dup_path[k]; k = (k + 1) & (sc->dup_cap - 1))
        if (sc->dup_hash[k] == h) { sc->dup_count[k]++; return; }
    sc->dup_path[k] = (char *)malloc(strlen(path) + 1);
    if (!sc->dup_path[k]) return;
    strcpy(sc->dup_path[k], path);
    sc->dup_hash[k] = h;
    sc->dup_count[k] = 1;
    sc->dup_n++;
}

static void run_batch(scan *sc) {
    pthread_t tids[64];
    int i, started = 0;
    sc->next = 0;
    for (i = 1; i < sc->threads && i < sc->n; i++)
        if (pthread_create(&tids[started], NULL, worker, sc) == 0) started++;
    worker(sc);
    for (i = 0; i < started; i++) pthread_join(tids[i], NULL);
    for (i = 0; i < sc->n; i++) {
        unit *u = &sc->batch[i];
        if (sc->jsonl && u->line) { fputs(u->line, sc->jsonl); fputc('\n', sc->jsonl); }
        if (u->failed || !u->line) sc->errors++;
        else {
            unsigned f = (unsigned)u->format < 8 ? (unsigned)u->format : 0;
            sc->models++;
            sc->params += u->params;
            sc->weight_bytes += u->weight_bytes;
            sc->per_format[f]++;
            sc->per_format_params[f] += u->params;
            sc->per_format_bytes[f] += u->weight_bytes;
            if (sc->memory && u->weight_bytes <= sc->memory) sc->fit++;
            dup_add(sc, u->header_hash, u->path);
        }
        free(u->path);
        free(u->line);
        memset(u, 0, sizeof *u);
    }
    sc->n = 0;
}

static void add_unit(scan *sc, const char *path) {
    unit *u = &sc->batch[sc->n];
    if (sc->counting) { sc->total++; return; }
    memset(u, 0, sizeof *u);
    u->path = (char *)malloc(strlen(path) + 1);
    if (!u->path) return;
    strcpy(u->path, path);
    if (++sc->n == SCAN_BATCH) run_batch(sc);
}

/* ---- walking ---- */
static int name_cmp(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }
static int ends_with(const char *s, const char *suffix) {
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}
/* "NAME-0000N-of-0000M.gguf": N (1-based) and the length of NAME, or 0. */
static int split_part(const char *name, size_t *stem) {
    size_t n = strlen(name);
    int k;
    if (n < 20 || !ends_with(name, ".gguf")) return 0;
    for (k = 0; k < 5; k++) if (name[n - 19 + k] < '0' || name[n - 19 + k] > '9' || name[n - 10 + k] < '0' || name[n - 10 + k] > '9') return 0;
    if (name[n - 20] != '-' || strncmp(name + n - 14, "-of-", 4) != 0) return 0;
    *stem = n - 20;
    return atoi(name + n - 19);
}
static int has_name(char **names, int n, const char *name) {
    return bsearch(&name, names, (size_t)n, sizeof *names, name_cmp) != NULL;
}
/* name with its suffix replaced by `to` is in the (sorted) listing. */
static int sibling(char **names, int n, const char *name, const char *suffix, const char *to) {
    char buf[1024];
    size_t a = strlen(name), b = strlen(suffix);
    if (a < b || (size_t)snprintf(buf, sizeof buf, "%.*s%s", (int)(a - b), name, to) >= sizeof buf) return 0;
    return has_name(names, n, buf);
}
/* TensorRT's JSON exports beside a graph: X.profile.json, X.timing.json, X.metadata.json,
   X.build.metadata.json, X.profile.metadata.json. The suffix, or NULL. */
static const char *trt_companion_suffix(const char *name) {
    static const char *const sfx[] = { ".profile.metadata.json", ".build.metadata.json", ".metadata.json", ".profile.json", ".timing.json" };
    size_t k;
    for (k = 0; k < sizeof sfx / sizeof sfx[0]; k++) if (ends_with(name, sfx[k])) return sfx[k];
    return NULL;
}
/* Part of a model another file of the folder stands for: the .bin of an IR X.xml, an export
   beside TensorRT's X.graph.json. Neither a model nor a skipped file. */
static int grouped(char **names, int n, const char *name) {
    const char *sfx = trt_companion_suffix(name);
    if (ends_with(name, ".bin") && sibling(names, n, name, ".bin", ".xml")) return 1;
    return sfx && sibling(names, n, name, sfx, ".graph.json");
}
/* By content: an OpenVINO IR, a TensorRT graph JSON (an object with "Layers"), a Core ML Model. */
static int trt_graph(const char *s, uint64_t n) {
    uint64_t i = 0, k, lim;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
    if (i == n || s[i] != '{' || !hln_trt_detect(s, n)) return 0;
    lim = n - i < 4096 ? n : i + 4096;   /* the key comes within the first record, as for hln_trt_detect */
    for (k = i; k + 8 <= lim; k++) if (memcmp(s + k, "\"Layers\"", 8) == 0) return 1;
    return 0;
}
static int looks_like_model(const char *path) {
    hln_mapped map;
    cli_read_guard g;
    int yes;
    if (hln_file_map(path, &map, NULL) != HLN_OK) return 0;
    cli_read_guard_begin(&g);
    yes = hln_ov_detect(map.data, map.size) || trt_graph((const char *)map.data, map.size) || hln_coreml_detect(map.data, map.size);
    hln_file_unmap(&map);
    return cli_read_guard_end(&g) || yes;   /* shrank meanwhile: inspected, so that its line says so */
}
static int is_candidate(const char *path, char **names, int n_names, const char *name) {
    unsigned char head[16];
    size_t n = 0;
    FILE *f;
    if (ends_with(name, ".gguf") || ends_with(name, ".safetensors") || ends_with(name, ".onnx") || ends_with(name, ".tflite") ||
        ends_with(name, ".safetensors.index.json") || ends_with(name, ".mlmodel") || ends_with(name, ".graph.json") ||
        trt_companion_suffix(name) || (ends_with(name, ".xml") && sibling(names, n_names, name, ".xml", ".bin"))) return 1;
    f = fopen(path, "rb");
    if (!f) return 0;
    n = fread(head, 1, sizeof head, f);
    fclose(f);
    return cli_sniff_content(head, n) != HLN_FORMAT_UNKNOWN || (n && looks_like_model(path));
}
/* A Core ML package: a folder named X.mlpackage, or one whose Manifest.json names Core ML. */
static int is_package(const char *dir) {
    char path[4096], text[4096];
    FILE *f;
    size_t n;
    if (ends_with(dir, ".mlpackage")) return 1;
    if ((size_t)snprintf(path, sizeof path, "%s/Manifest.json", dir) >= sizeof path || !(f = fopen(path, "rb"))) return 0;
    n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    return strstr(text, "com.apple.CoreML") != NULL;
}
/* A shard named by a SafeTensors index in the same folder ("name" in its text). */
static int named_by_index(const char *dir, char **names, int n, const char *shard) {
    int i;
    char path[4096], quoted[1024];
    if ((size_t)snprintf(quoted, sizeof quoted, "\"%s\"", shard) >= sizeof quoted) return 0;
    for (i = 0; i < n; i++) {
        FILE *f;
        char *text;
        long len;
        int hit = 0;
        if (!ends_with(names[i], ".safetensors.index.json")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (!(f = fopen(path, "rb"))) continue;
        if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && len < (64L << 20) && fseek(f, 0, SEEK_SET) == 0 &&
            (text = (char *)malloc((size_t)len + 1)) != NULL) {
            if (fread(text, 1, (size_t)len, f) == (size_t)len) { text[len] = 0; hit = strstr(text, quoted) != NULL; }
            free(text);
        }
        fclose(f);
        if (hit) return 1;
    }
    return 0;
}
static void scan_dir(scan *sc, const char *dir, int depth) {
    DIR *d;
    struct dirent *e;
    char **names = NULL, path[4096];
    int n = 0, cap = 0, i;
    if (depth > 64 || !(d = opendir(dir))) { if (depth <= 64 && !sc->counting) fprintf(stderr, "haoline: scan: cannot open %s\n", dir); return; }
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (n == cap) {
            char **q = (char **)realloc(names, (size_t)(cap = cap ? cap * 2 : 64) * sizeof *names);
            if (!q) break;
            names = q;
        }
        if (!(names[n] = (char *)malloc(strlen(e->d_name) + 1))) break;
        strcpy(names[n++], e->d_name);
    }
    closedir(d);
    if (n) qsort(names, (size_t)n, sizeof *names, name_cmp);
    for (i = 0; i < n; i++) {   /* files first, in name order */
        struct stat st;
        size_t stem = 0;
        int part;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path || lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (grouped(names, n, names[i])) continue;
        if (!is_candidate(path, names, n, names[i])) { sc->skipped += !sc->counting; continue; }
        if ((part = split_part(names[i], &stem)) > 1) {   /* loaded with the lowest part present */
            int j, lower = 0;
            for (j = 0; j < n && !lower; j++) {
                size_t s2;
                int p2 = split_part(names[j], &s2);
                lower = p2 && p2 < part && s2 == stem && strncmp(names[j], names[i], stem) == 0 &&
                        strcmp(names[j] + stem + 6, names[i] + stem + 6) == 0;
            }
            if (lower) continue;
        }
        if (ends_with(names[i], ".safetensors") && named_by_index(dir, names, n, names[i])) continue;
        add_unit(sc, path);
    }
    for (i = 0; i < n; i++) {
        struct stat st;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) < sizeof path && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (is_package(path)) add_unit(sc, path);   /* one model: its files are not walked */
            else scan_dir(sc, path, depth + 1);
        }
        free(names[i]);
    }
    free(names);
}

static int parse_size(const char *s, uint64_t *out) {
    char *end;
    double v = strtod(s, &end);
    int shift = 0;
    if (end == s || v < 0) return 0;
    switch (*end) {
    case 'K': case 'k': shift = 10; end++; break;
    case 'M': case 'm': shift = 20; end++; break;
    case 'G': case 'g': shift = 30; end++; break;
    case 'T': case 't': shift = 40; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'i') end++;
    if (*end) return 0;
    *out = (uint64_t)(v * (double)((uint64_t)1 << shift));
    return 1;
}

static void print_summary(const scan *sc, FILE *f) {
    char a[32], b[32], c[32];
    unsigned k;
    uint64_t i, shown = 0;
    fprintf(f, "\nscan: %llu models, %llu files failed, %llu files skipped (not models)\n\n  %-12s %8s %16s %14s\n",
            (unsigned long long)sc->models, (unsigned long long)sc->errors, (unsigned long long)sc->skipped,
            "format", "models", "parameters", "weights");
    for (k = 0; k < 8; k++) {
        if (!sc->per_format[k]) continue;
        cli_commas(a, sizeof a, sc->per_format_params[k]);
        hln_report_fmt_bytes(b, sizeof b, (double)sc->per_format_bytes[k]);
        fprintf(f, "  %-12s %8llu %16s %14s\n", hln_format_name((hln_format)k), (unsigned long long)sc->per_format[k], a, b);
    }
    cli_commas(a, sizeof a, sc->params);
    hln_report_fmt_bytes(b, sizeof b, (double)sc->weight_bytes);
    fprintf(f, "  %-12s %8llu %16s %14s\n", "total", (unsigned long long)sc->models, a, b);
    for (i = 0; i < sc->dup_cap; i++) {
        if (!sc->dup_path[i] || sc->dup_count[i] < 2) continue;
        if (!shown++) fprintf(f, "\n  same header (content hash) as another model:\n");
        fprintf(f, "    %ux  %s\n", sc->dup_count[i], sc->dup_path[i]);
    }
    if (sc->memory) {
        hln_report_fmt_bytes(c, sizeof c, (double)sc->memory);
        fprintf(f, "\n  %llu of %llu models have weights that fit %s\n", (unsigned long long)sc->fit, (unsigned long long)sc->models, c);
    }
}

/* Walks the roots: folders in name order, files as given (scanned whatever they hold). */
static void scan_roots(scan *sc, char **roots, int n) {
    int i;
    for (i = 0; i < n; i++) {
        struct stat st;
        if (stat(roots[i], &st) == 0 && S_ISDIR(st.st_mode)) { if (!sc->counting) run_batch(sc); scan_dir(sc, roots[i], 0); }
        else add_unit(sc, roots[i]);
    }
}

static int scan_fail(scan *sc, char **roots, int rc) {
    cli_deploy_free(&sc->dep);
    free(roots);
    free(sc);
    return rc;
}

int cmd_scan(int argc, char **argv) {
    const char *jsonl_out = NULL, *summary_out = NULL;
    int i, n_roots = 0, want_json = 0, rc;
    int cpus = cli_cpu_count();
    scan *sc;
    char **roots;
    FILE *summary = stdout;
    if (cli_wants_help(argc, argv)) { fputs(scan_usage, stdout); return 0; }
    sc = (scan *)calloc(1, sizeof *sc);
    roots = (char **)calloc((size_t)argc + 1, sizeof *roots);
    if (!sc || !roots) { free(sc); free(roots); return EXIT_BAD_INPUT; }
    sc->threads = cpus > 64 ? 64 : cpus;
    sc->tty = cli_stderr_is_tty();
    sc->progress = sc->tty;
    for (i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--jsonl") == 0 || strcmp(a, "--threads") == 0 || strcmp(a, "--memory") == 0 || strcmp(a, "--summary") == 0) {
            if (i + 1 >= argc) return scan_fail(sc, roots, cli_usage_error("%s needs a value", a));
            if (a[2] == 'j') jsonl_out = argv[++i];
            else if (a[2] == 's') summary_out = argv[++i];
            else if (a[2] == 't') {
                char *end;
                long t = strtol(argv[++i], &end, 10);
                if (*end || t < 1 || t > 64) return scan_fail(sc, roots, cli_usage_error("--threads %s: want 1 to 64", argv[i]));
                sc->threads = (int)t;
            } else if (!parse_size(argv[++i], &sc->memory)) return scan_fail(sc, roots, cli_usage_error("--memory %s: want a size like 24G", argv[i]));
        } else if (strcmp(a, "--json") == 0) {
            want_json = 1;
            if (i + 1 < argc && (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0) && n_roots > 0) jsonl_out = argv[++i];
        } else if (strcmp(a, "--progress") == 0) sc->progress = 1;
        else if ((rc = cli_deploy_option(&sc->dep, argc, argv, &i)) != 0) { if (rc != 1) return scan_fail(sc, roots, rc); }
        else if (a[0] == '-' && a[1]) return scan_fail(sc, roots, cli_usage_error("unknown scan option '%s'", a));
        else roots[n_roots++] = argv[i];
    }
    if (!n_roots) return scan_fail(sc, roots, cli_usage_error("%s", "scan needs a folder or a file"));
    if ((rc = cli_deploy_finish(&sc->dep)) != 0) return scan_fail(sc, roots, rc);
    if (want_json && !jsonl_out) jsonl_out = "-";
    if (jsonl_out) {
        sc->jsonl = strcmp(jsonl_out, "-") == 0 ? stdout : fopen(jsonl_out, "w");
        if (!sc->jsonl) { fprintf(stderr, "haoline: cannot write %s\n", jsonl_out); return scan_fail(sc, roots, EXIT_BAD_INPUT); }
        if (sc->jsonl == stdout) summary = stderr;
    }
    if (summary_out && strcmp(summary_out, "-") != 0 && !(summary = fopen(summary_out, "w"))) {
        if (sc->jsonl && sc->jsonl != stdout) fclose(sc->jsonl);
        fprintf(stderr, "haoline: cannot write %s\n", summary_out);
        return scan_fail(sc, roots, EXIT_BAD_INPUT);
    }
    if (summary_out && strcmp(summary_out, "-") == 0) summary = stdout;
    pthread_mutex_init(&sc->lock, NULL);
    if (sc->progress) {   /* the total first: the same walk, nothing inspected */
        sc->counting = 1;
        scan_roots(sc, roots, n_roots);
        sc->counting = 0;
        sc->t0 = cli_now();
    }
    scan_roots(sc, roots, n_roots);
    run_batch(sc);
    pthread_mutex_destroy(&sc->lock);
    if (sc->jsonl && sc->jsonl != stdout) fclose(sc->jsonl);
    else if (sc->jsonl) fflush(stdout);
    print_summary(sc, summary);
    if (summary != stdout && summary != stderr) fclose(summary);
    {
        uint64_t k;
        for (k = 0; k < sc->dup_cap; k++) free(sc->dup_path[k]);
        free(sc->dup_hash); free(sc->dup_path); free(sc->dup_count);
    }
    return scan_fail(sc, roots, 0);
}
