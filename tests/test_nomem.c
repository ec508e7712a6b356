/* Allocation-failure injection: a full inspect (parse, graph analysis, model analysis and every
   report) of corpus models of each format, run once more for every k with the k-th allocation
   failing. Each run must end in HLN_ERR_NOMEM from the step whose allocation failed (never
   another error, never a silent success), return every block it allocated (the allocator counts
   the live ones), and never crash (the test runs under ASan/UBSan). */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"
#include "../haoline_onnx.h"
#include "../haoline_tflite.h"
#include "../haoline_coreml.h"
#include "../haoline_openvino.h"
#include "../haoline_trt.h"
#include "../haoline_report.h"
#include "test.h"
#include <dirent.h>
#include <sys/stat.h>

typedef struct failing {
    uint64_t calls, fail_at, live;   /* fail_at 0: never fail */
    int      failed;
} failing;

static void *failing_alloc(void *user, size_t n) {
    failing *f = (failing *)user;
    void *p;
    if (++f->calls == f->fail_at) { f->failed = 1; return NULL; }
    p = malloc(n ? n : 1);
    if (p) f->live++;
    return p;
}
static void failing_free(void *user, void *p) {
    failing *f = (failing *)user;
    if (!p) return;
    f->live--;
    free(p);
}
static int null_write(void *user, const void *p, size_t n) { (void)user; (void)p; (void)n; return 1; }

static int ends_with(const char *s, const char *end) {
    size_t a = strlen(s), b = strlen(end);
    return a >= b && strcmp(s + a - b, end) == 0;
}

/* TensorRT exports are named after their engine (X.engine.graph.json, ...) */
static int is_trt(const char *n) { return ends_with(n, ".json") && !ends_with(n, ".expected.json") && strstr(n, ".engine.") != NULL; }

static hln_result load(const char *path, const hln_allocator *a, hln_model **m, hln_error *err) {
    if (ends_with(path, ".xml")) {   /* graph_only: the 310-layer IR ships without its .bin */
        hln_ov_options o; memset(&o, 0, sizeof o); o.allocator = *a; o.graph_only = 1;
        return hln_ov_load_file(&o, path, m, err);
    }
    if (is_trt(path)) {
        hln_trt_options o; memset(&o, 0, sizeof o); o.allocator = *a;
        return hln_trt_load_file(&o, path, m, err);
    }
    if (ends_with(path, ".gguf")) {
        hln_gguf_options o; memset(&o, 0, sizeof o); o.allocator = *a;
        return hln_gguf_load_file(&o, path, m, err);
    }
    if (ends_with(path, ".safetensors") || ends_with(path, ".json")) {
        hln_st_options o; memset(&o, 0, sizeof o); o.allocator = *a;
        return hln_st_load_file(&o, path, m, err);
    }
    if (ends_with(path, ".onnx")) {
        hln_onnx_options o; memset(&o, 0, sizeof o); o.allocator = *a;
        return hln_onnx_load_file(&o, path, m, err);
    }
    if (ends_with(path, ".mlmodel") || ends_with(path, ".mlpackage")) {
        hln_coreml_options o; memset(&o, 0, sizeof o); o.allocator = *a;
        return hln_coreml_load_file(&o, path, m, err);
    }
    {
        hln_tflite_options o; memset(&o, 0, sizeof o); o.allocator = *a;
        return hln_tflite_load_file(&o, path, m, err);
    }
}

/* The whole of `haoline inspect --json --md --html --csv --hardware rtx-4090 --target-latency 10ms`
   and its terminal deployment section; the first failing step's result. */
static hln_result inspect(const char *path, failing *f) {
    typedef hln_result (*report_fn)(const hln_model *, const hln_report_options *, hln_write_fn, void *);
    static const report_fn reports[] = { hln_report_json, hln_report_markdown, hln_report_csv, hln_report_csv_nodes,
                                         hln_report_html, hln_report_deploy_text };
    hln_hw_list hw;
    const hln_hw_profile *dev;
    hln_report_deploy dep;
    hln_allocator a;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary gs;
    hln_analysis an;
    hln_analysis_options ao;
    hln_report_options ro;
    hln_result r;
    size_t i;
    a.alloc = failing_alloc; a.free = failing_free; a.user = f;
    memset(&err, 0, sizeof err);
    r = load(path, &a, &m, &err);
    if (r != HLN_OK) return r;
    hln_hw_list_builtin(&hw);
    dev = hln_hw_find(&hw, "rtx-4090");
    memset(&dep, 0, sizeof dep);
    dep.hw = &dev;
    dep.n_hw = dev ? 1 : 0;
    dep.all = &hw;
    dep.target_latency_s = 0.01;
    memset(&ro, 0, sizeof ro);
    ro.file_name = path;
    ro.deploy = &dep;
    if (m->graph) {
        hln_graph_options go;
        memset(&go, 0, sizeof go);
        r = hln_graph_analyze(m, &go, &gs, &err);
        ro.graph = &gs;
    }
    memset(&ao, 0, sizeof ao);
    ao.graph = ro.graph;
    if (r == HLN_OK) r = hln_model_analyze(m, &ao, &an, &err);
    ro.analysis = &an;
    for (i = 0; r == HLN_OK && i < sizeof reports / sizeof reports[0]; i++) r = reports[i](m, &ro, null_write, NULL);
    hln_model_free(m);
    return r;
}

static void check_model(const char *rel) {
    char path[1024];
    failing f;
    uint64_t k, n, bad = 0;
    hln_result r;
    snprintf(path, sizeof path, "%s/%s", t_corpus(), rel);
    t_begin(rel);
    memset(&f, 0, sizeof f);
    r = inspect(path, &f);
    if (r == HLN_ERR_IO || r == HLN_ERR_PATH) { T_SKIP("corpus missing"); t_end(); return; }
    T_EQ_U64(r, HLN_OK);
    T_EQ_U64(f.live, 0);
    n = f.calls;
    T_CHECK(n > 0);
    for (k = 1; k <= n; k++) {
        memset(&f, 0, sizeof f);
        f.fail_at = k;
        r = inspect(path, &f);
        if (r != HLN_ERR_NOMEM || !f.failed || f.live != 0) {
            if (bad++ < 5)
                T_CHECKF(0, "allocation %d of %d failing: result %d (%s), live blocks %d", (int)k, (int)n, (int)r,
                         hln_result_string(r), (int)f.live);
        }
    }
    T_EQ_U64(bad, 0);
    printf("  %s: %d allocations, each failed once\n", rel, (int)n);
    t_end();
}

/* every model file under the corpus' format folders, bad/ folders left out; sorted */
typedef struct names { char **v; size_t n, cap; } names;
static int has_model_ext(const char *n) {
    return ends_with(n, ".gguf") || ends_with(n, ".safetensors") || ends_with(n, ".onnx") || ends_with(n, ".tflite") ||
           ends_with(n, ".safetensors.index.json") || ends_with(n, ".mlmodel") || ends_with(n, ".mlpackage") || ends_with(n, ".xml") || is_trt(n);
}
static void walk(names *l, const char *root, const char *rel) {
    char dir[1200];
    DIR *d;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/%s", root, rel);
    if (!(d = opendir(dir))) return;
    while ((e = readdir(d)) != NULL) {
        char sub[512], full[1200];
        struct stat st;
        if (e->d_name[0] == '.' || strcmp(e->d_name, "bad") == 0) continue;
        if ((size_t)snprintf(sub, sizeof sub, "%s/%s", rel, e->d_name) >= sizeof sub) continue;
        snprintf(full, sizeof full, "%s/%s", root, sub);
        if (stat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode) && !ends_with(e->d_name, ".mlpackage")) walk(l, root, sub);   /* a package is one model */
        else if (has_model_ext(e->d_name) && l->n < 100000) {
            if (l->n == l->cap) { l->cap = l->cap ? 2 * l->cap : 64; l->v = (char **)realloc(l->v, l->cap * sizeof *l->v); }
            l->v[l->n] = (char *)malloc(strlen(sub) + 1);
            strcpy(l->v[l->n++], sub);
        }
    }
    closedir(d);
}
static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    static const char *const formats[] = { "gguf", "safetensors", "onnx", "tflite", "coreml", "openvino", "tensorrt" };
    names l;
    size_t i;
    memset(&l, 0, sizeof l);
    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) walk(&l, t_corpus(), formats[i]);
    qsort(l.v, l.n, sizeof *l.v, cmp_names);
    t_begin("corpus found");
    if (!l.n) T_SKIP("corpus missing (set HAOLINE_CORPUS)");
    t_end();
    for (i = 0; i < l.n; i++) { check_model(l.v[i]); free(l.v[i]); }
    free(l.v);
    return t_finish("test_nomem");
}
