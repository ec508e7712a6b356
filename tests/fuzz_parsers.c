/* Fuzz target for every parser and the passes that follow a successful parse.
 *
 *   libFuzzer:  clang -fsanitize=fuzzer,address,undefined -DHLN_FUZZ_LIBFUZZER tests/fuzz_parsers.c tests/impl.c
 *               (./build.sh fuzz [SECONDS] runs it with the corpus as seeds)
 *   replay:     cc -fsanitize=address,undefined tests/fuzz_parsers.c tests/impl.c -lm && ./a.out [DIR...]
 *
 * The replay main (what CI runs) feeds every file under the corpus folders (good and bad)
 * and a fixed, seeded set of mutations of each small file: byte flips, truncations,
 * overwritten length fields, duplicated ranges. A crash, a sanitizer report or a leak ends
 * the run without its summary line, which the test runner counts as a failure. */
#define _DEFAULT_SOURCE
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int null_sink(void *user, const void *p, size_t n) { (void)user; (void)p; (void)n; return 1; }

static void exercise(hln_model *m) {
    hln_summary s;
    hln_llm l;
    hln_graph_summary gs;
    hln_error err;
    hln_report_options ro;
    hln_analysis an;
    hln_analysis_options ao;
    memset(&ro, 0, sizeof ro);
    hln_model_summarize(m, &s);
    hln_model_llm(m, &l);
    memset(&ao, 0, sizeof ao);
    if (m->graph && hln_graph_analyze(m, NULL, &gs, &err) == HLN_OK) ro.graph = &gs;
    ao.graph = ro.graph;
    if ((!m->graph || ro.graph) && hln_model_analyze(m, &ao, &an, &err) == HLN_OK) ro.analysis = &an;
    hln_report_json(m, &ro, null_sink, NULL);
    {   /* the deployment passes on the hostile model's claims */
        hln_hw_list l;
        const hln_hw_profile *hw[2];
        const char *name = "1GB";
        uint64_t budget = 1000000000u;
        hln_report_deploy dep;
        hln_hw_list_builtin(&l);
        hw[0] = hln_hw_find(&l, "h100-sxm5-80gb");
        hw[1] = hln_hw_find(&l, "esp32-s3-n16r8");
        memset(&dep, 0, sizeof dep);
        dep.hw = hw;
        dep.n_hw = 2;
        dep.all = &l;
        dep.batch = 4;
        dep.n_budgets = 1;
        dep.budget_names = &name;
        dep.budget_bytes = &budget;
        dep.target_latency_s = 0.01;
        ro.deploy = &dep;
        hln_report_json(m, &ro, null_sink, NULL);
        hln_report_deploy_text(m, &ro, null_sink, NULL);
    }
}

/* SafeTensors has two parsers (the one-pass fast path and the general tokenizer): every
   input must give both the same result, error message and tensors. */
static void safetensors_both(const uint8_t *data, size_t size) {
    hln_model *a = NULL, *b = NULL;
    hln_error ea, eb;
    hln_st_options so, ref;
    hln_result ra, rb;
    uint32_t i;
    memset(&so, 0, sizeof so);
    memset(&ref, 0, sizeof ref);
    ref.reference_parser = 1;
    memset(&ea, 0, sizeof ea);
    memset(&eb, 0, sizeof eb);
    ra = hln_st_parse(&so, data, size, &a, &ea);
    rb = hln_st_parse(&ref, data, size, &b, &eb);
    if (ra != rb || (ra != HLN_OK && strcmp(ea.message, eb.message) != 0)) abort();
    if (ra == HLN_OK) {
        if (a->n_tensors != b->n_tensors || a->n_kv != b->n_kv) abort();
        for (i = 0; i < a->n_tensors; i++)
            if (strcmp(a->tensors[i].name, b->tensors[i].name) != 0 || a->tensors[i].offset != b->tensors[i].offset ||
                a->tensors[i].n_bytes != b->tensors[i].n_bytes || a->tensors[i].dtype != b->tensors[i].dtype)
                abort();
        exercise(a);
    }
    hln_model_free(a);
    hln_model_free(b);
}

/* OpenVINO IR: the bytes as the .xml, without a .bin (graph alone) and with themselves as the
   .bin (Const bounds); TensorRT: the bytes as an export, alone and with themselves beside. */
static void openvino_and_trt(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_ov_options vo;
    hln_trt_options ro;
    memset(&vo, 0, sizeof vo);
    memset(&ro, 0, sizeof ro);
    vo.graph_only = 1;
    if (hln_ov_parse(&vo, data, size, NULL, 0, "x.bin", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    if (hln_ov_parse(&vo, data, size, data, size, "x.bin", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    if (hln_trt_parse(&ro, data, size, NULL, 0, NULL, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    if (hln_trt_parse(&ro, data, size, data, size, "x.json", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options go;
    hln_onnx_options oo;
    hln_tflite_options to;
#ifdef HLN_FUZZ_ONLY_OV_TRT   /* libFuzzer on these two parsers alone: their executions counted apart */
    openvino_and_trt(data, size);
    return 0;
#endif
    memset(&go, 0, sizeof go);
    memset(&to, 0, sizeof to);
    memset(&oo, 0, sizeof oo);
    if (hln_gguf_parse(&go, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    safetensors_both(data, size);
    if (hln_onnx_parse(&oo, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    if (hln_tflite_parse(&to, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    {   /* Core ML: the model message alone (packages: tests/test_coreml.c) */
        hln_coreml_options co;
        memset(&co, 0, sizeof co);
        if (hln_coreml_parse(&co, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    }
    openvino_and_trt(data, size);
    {   /* the same bytes as a --hardware-file */
        hln_hw_list l;
        hln_hw_list_builtin(&l);
        if (hln_hw_list_load(&l, (const char *)data, size, &err) == HLN_OK) hln_hw_list_free(&l);
    }
    return 0;
}

#ifndef HLN_FUZZ_LIBFUZZER
#include <dirent.h>
#include <sys/stat.h>

static unsigned long files, runs;
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_rand(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

/* Runs the target on an exact-size heap copy, so reads past the end are caught. */
static void run_on(const uint8_t *p, size_t n) {
    uint8_t *copy = (uint8_t *)malloc(n ? n : 1);
    if (!copy) return;
    memcpy(copy, p, n);
    LLVMFuzzerTestOneInput(copy, n);
    free(copy);
    runs++;
}

static void mutate_and_run(const uint8_t *data, size_t n, int rounds) {
    uint8_t *buf = (uint8_t *)malloc(n + 64);
    int r;
    if (!buf || n == 0) { free(buf); return; }
    for (r = 0; r < rounds; r++) {
        size_t len = n, k, at = (size_t)(next_rand() % n);
        memcpy(buf, data, n);
        switch (next_rand() % 5) {
        case 0:   /* a few random bytes */
            for (k = 0; k < 1 + next_rand() % 4; k++) buf[next_rand() % n] = (uint8_t)next_rand();
            break;
        case 1:   /* truncation */
            len = (size_t)(next_rand() % n);
            break;
        case 2: { /* an extreme 8-byte value (lengths, counts, offsets) */
            static const uint64_t extremes[] = { 0, 1, 0x7f, 0x80, 0xffffffffull, 0x100000000ull,
                                                 0x7fffffffffffffffull, 0xffffffffffffffffull };
            uint64_t v = extremes[next_rand() % 8];
            if (at + 8 <= n) for (k = 0; k < 8; k++) buf[at + k] = (uint8_t)(v >> (8 * k));
            break;
        }
        case 3:   /* a varint-shaped run of continuation bytes */
            for (k = 0; k < 11 && at + k < n; k++) buf[at + k] = 0xff;
            break;
        default: { /* duplicate a range over another place */
            size_t from = (size_t)(next_rand() % n), cnt = 1 + (size_t)(next_rand() % 32);
            if (from + cnt <= n && at + cnt <= n) memmove(buf + at, data + from, cnt);
            break;
        }
        }
        run_on(buf, len);
    }
    free(buf);
}

static void walk(const char *dir, int depth) {
    DIR *d;
    struct dirent *e;
    if (depth > 4 || !(d = opendir(dir))) return;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) { walk(path, depth + 1); continue; }
        if (strstr(e->d_name, ".expected.json") || strstr(e->d_name, ".md") || strstr(e->d_name, ".tsv") ||
            strstr(e->d_name, "LICENSE")) continue;
        if (st.st_size > 2 * 1024 * 1024) continue;   /* big real models: golden tests cover them */
        {
            FILE *f = fopen(path, "rb");
            uint8_t *buf = (uint8_t *)malloc((size_t)st.st_size + 1);
            size_t n = f && buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
            if (f) fclose(f);
            if (buf) {
                run_on(buf, n);
                mutate_and_run(buf, n, n < 64 * 1024 ? 400 : 40);
                files++;
            }
            free(buf);
        }
    }
    closedir(d);
}

int main(int argc, char **argv) {
    int i;
    if (argc > 1) {
        for (i = 1; i < argc; i++) walk(argv[i], 0);
    } else {
        const char *c = getenv("HAOLINE_CORPUS");
        char dir[4096];
        static const char *const formats[] = { "gguf", "safetensors", "onnx", "tflite", "coreml", "openvino", "tensorrt" };
        for (i = 0; i < (int)(sizeof formats / sizeof formats[0]); i++) {
            snprintf(dir, sizeof dir, "%s/%s", c && *c ? c : "../shared/corpus", formats[i]);
            walk(dir, 0);
        }
    }
    printf("  %lu files, %lu inputs run\n", files, runs);
    printf("fuzz: %lu passed, 0 failed\n", files);
    return files ? 0 : 1;
}
#endif
