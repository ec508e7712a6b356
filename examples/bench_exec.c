/* examples/bench_exec.c - the reference executor (haoline_exec.h) for `haoline bench`.
 *
 *   exec/resnet18-224    torchvision ResNet-18 from the corpus at 1x3x224x224, one
 *                        thread, best of 3 runs after a warm-up; the note gives GMAC/s and the
 *                        measured peak of live activations against the liveness pass' estimate,
 *                        the arena sized from it and the bytes that did not fit
 *
 * bytes = weight bytes. Skipped (a line on stderr) when the corpus is not at $HAOLINE_CORPUS or
 * ../shared/corpus. Declared in examples/bench.h as `void bench_exec(bench_ctx *ctx);`. */
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_onnx.h"
#include "../haoline_exec.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bench_exec_arg { hln_exec *x; int failed; } bench_exec_arg;
static void bench_exec_once(void *p) {
    bench_exec_arg *a = (bench_exec_arg *)p;
    hln_error err;
    if (hln_exec_run(a->x, &err) != HLN_OK) a->failed = 1;
}

void bench_exec(bench_ctx *ctx) {
    const char *root = getenv("HAOLINE_CORPUS");
    char path[1024], note[300];
    hln_model *m = NULL;
    hln_onnx_options oo;
    hln_error err;
    hln_exec_options xo;
    bench_exec_arg arg;
    int64_t dims[4] = {1, 3, 224, 224};
    float *input;
    uint64_t i, weights = 0, peak = 0, live = 0, arena = 0, spilled = 0;
    double secs, t0;
    if (!bench_want(ctx, "exec/resnet18-224")) return;
    snprintf(path, sizeof path, "%s/onnx/generated/tv_resnet18.onnx", root && *root ? root : "../shared/corpus");
    memset(&oo, 0, sizeof oo);
    if (hln_onnx_load_file(&oo, path, &m, &err) != HLN_OK) { fprintf(stderr, "exec/resnet18-224: skipped (%s: %s)\n", path, err.message); return; }
    memset(&xo, 0, sizeof xo);
    memset(&arg, 0, sizeof arg);
    input = (float *)malloc(3 * 224 * 224 * sizeof(float));
    if (!input || hln_exec_create(m, &xo, &arg.x, &err) != HLN_OK) { fprintf(stderr, "exec/resnet18-224: %s\n", input ? err.message : "out of memory"); free(input); hln_model_free(m); return; }
    for (i = 0; i < 3 * 224 * 224; i++) input[i] = (float)((i * 2654435761u) % 1000) / 500.0f - 1.0f;
    if (hln_exec_set_input(arg.x, "input.1", HLN_DTYPE_F32, 4, dims, input, &err) != HLN_OK) arg.failed = 1;
    for (i = 0; i < m->n_tensors; i++) weights += m->tensors[i].n_bytes;
    t0 = bench_now();
    if (!arg.failed) bench_exec_once(&arg);   /* warm-up: weights paged in */
    secs = bench_now() - t0;
    if (!arg.failed) secs = bench_time(bench_exec_once, &arg, secs * 2.5);
    hln_exec_peak_bytes(arg.x, &peak, &live);
    hln_exec_arena_bytes(arg.x, &arena, &spilled);
    if (arg.failed) fprintf(stderr, "exec/resnet18-224: the run failed\n");
    else {
        snprintf(note, sizeof note, "%.2f GMAC/s one thread; peak activations %.2f MB = %.2fx the liveness estimate %.2f MB; arena %.2f MB, %.2f MB spilled",
                 (double)m->graph->macs / secs / 1e9, (double)peak / 1e6, live ? (double)peak / (double)live : 0.0, (double)live / 1e6,
                 (double)arena / 1e6, (double)spilled / 1e6);
        bench_row(ctx, "exec/resnet18-224", (double)weights, secs, note);
    }
    hln_exec_free(arg.x);
    free(input);
    hln_model_free(m);
}
