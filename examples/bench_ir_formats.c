/* examples/bench_ir_formats.c - OpenVINO IR and TensorRT JSON cases of `haoline bench`.
 *
 *   openvino/310-layer-ir     real/pointpillars/pointpillars_ov_nn.xml of $HAOLINE_CORPUS/openvino
 *                             (default ../shared/corpus; its .bin is absent, so the graph alone),
 *                             in memory: XML + graph checks + facts + full graph analysis
 *                             (shapes, MACs, liveness); target <= 2 ms
 *   tensorrt/largest-graph    the largest *.graph.json under $HAOLINE_CORPUS/tensorrt (bad/ left out), in memory:
 *                             tokenize + layers + facts + graph analysis; target <= 2 ms
 *
 * bytes = the text bytes parsed. Declared in examples/bench.h. */
#define _DEFAULT_SOURCE
#include "bench.h"
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_openvino.h"
#include "../haoline_trt.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct irf_arg { const void *data; uint64_t size; int trt, failed; uint64_t macs; uint32_t nodes; } irf_arg;

static void irf_run(void *p) {
    irf_arg *a = (irf_arg *)p;
    hln_model *m = NULL;
    hln_error err;
    hln_graph_summary gs;
    hln_result r;
    if (a->trt) {
        hln_trt_options o;
        memset(&o, 0, sizeof o);
        r = hln_trt_parse(&o, a->data, a->size, NULL, 0, NULL, &m, &err);
    } else {
        hln_ov_options o;
        memset(&o, 0, sizeof o);
        o.graph_only = 1;
        r = hln_ov_parse(&o, a->data, a->size, NULL, 0, NULL, &m, &err);
    }
    if (r != HLN_OK || !m->graph || hln_graph_analyze(m, NULL, &gs, &err) != HLN_OK) a->failed = 1;
    else { a->macs = gs.macs; a->nodes = m->graph->n_nodes; }
    hln_model_free(m);
}

static void irf_case(bench_ctx *ctx, const char *name, const char *path, int trt) {
    FILE *f = fopen(path, "rb");
    struct stat st;
    irf_arg a;
    char note[400];
    double t;
    if (!f || stat(path, &st) != 0) { if (f) fclose(f); fprintf(stderr, "bench: %s: no file %s\n", name, path); return; }
    memset(&a, 0, sizeof a);
    a.trt = trt;
    a.data = malloc((size_t)st.st_size + 1);
    a.size = a.data && fread((void *)a.data, 1, (size_t)st.st_size, f) == (size_t)st.st_size ? (uint64_t)st.st_size : 0;
    fclose(f);
    if (a.size) {
        t = bench_time(irf_run, &a, 0.3);
        snprintf(note, sizeof note, "%s; %s, %.1f kB, %u nodes, %.3f ms parse+analysis (target <= 2 ms), %llu MACs",
                 a.failed ? "FAILED" : "ok", strrchr(path, '/') + 1, (double)a.size / 1e3, a.nodes, t * 1e3, (unsigned long long)a.macs);
        bench_row(ctx, name, (double)a.size, t, note);
    }
    free((void *)a.data);
}

/* The largest *.graph.json in the folders under dir (bad/ left out: its files are malformed on
   purpose, and the deepest one fails fast), depth levels down. */
static void irf_largest_graph(const char *dir, int depth, char *best, size_t cap, long *best_size) {
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d) return;
    while ((e = readdir(d)) != NULL) {
        char path[1700];
        struct stat st;
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || strcmp(e->d_name, "bad") == 0) continue;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path || stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) { if (depth > 0) irf_largest_graph(path, depth - 1, best, cap, best_size); continue; }
        if (n >= 11 && strcmp(e->d_name + n - 11, ".graph.json") == 0 && st.st_size > *best_size) {
            *best_size = (long)st.st_size;
            snprintf(best, cap, "%s", path);
        }
    }
    closedir(d);
}

void bench_ir_formats(bench_ctx *ctx) {
    const char *c = getenv("HAOLINE_CORPUS");
    char path[1024];
    snprintf(path, sizeof path, "%s/openvino/real/pointpillars/pointpillars_ov_nn.xml", c && *c ? c : "../shared/corpus");
    if (bench_want(ctx, "openvino/310-layer-ir")) irf_case(ctx, "openvino/310-layer-ir", path, 0);
    snprintf(path, sizeof path, "%s/tensorrt", c && *c ? c : "../shared/corpus");
    if (bench_want(ctx, "tensorrt/largest-graph")) {
        char best[1700];
        long size = -1;
        best[0] = 0;
        irf_largest_graph(path, 3, best, sizeof best, &size);
        if (best[0]) irf_case(ctx, "tensorrt/largest-graph", best, 1);
    }
}
