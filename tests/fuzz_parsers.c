/* Fuzz target for every parser and the passes that follow a successful parse.
 *
 *   libFuzzer:  clang -fsanitize=fuzzer,address,undefined -DHLN_FUZZ_LIBFUZZER tests/fuzz_parsers.c tests/impl.c
 *               (./build.sh fuzz TARGET SECONDS runs one target, HLN_FUZZ_TARGET, with the corpus
 *               as seeds; the targets are listed in fz_targets and tests/fuzz/README.md)
 *   replay:     cc -fsanitize=address,undefined tests/fuzz_parsers.c tests/impl.c -lm && ./a.out [DIR...]
 *
 * The replay main (what CI runs) feeds every file under the corpus folders (good and bad)
 * and a fixed, seeded set of mutations of each small file: byte flips, truncations,
 * overwritten length fields, duplicated ranges. A crash, a sanitizer report or a leak ends
 * the run without its summary line, which the test runner counts as a failure. */
#define _DEFAULT_SOURCE
#include "../haoline_kernels.h"
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

/* Multi-file targets take one input cut into parts at this separator (seeds: ./build.sh fuzz
   joins a model's files with it); an input without it is part 0, the other parts empty. */
#define FZ_SEP "\n#HLN-PART#\n"
#define FZ_MAX_PARTS 4
typedef struct fz_parts { const uint8_t *p[FZ_MAX_PARTS]; size_t n[FZ_MAX_PARTS]; } fz_parts;
static void fz_split(const uint8_t *data, size_t size, fz_parts *fp) {
    size_t i = 0, k = 0, seplen = sizeof FZ_SEP - 1;
    memset(fp, 0, sizeof *fp);
    fp->p[0] = data;
    while (i + seplen <= size && k + 1 < FZ_MAX_PARTS) {
        if (memcmp(data + i, FZ_SEP, seplen) == 0) {
            fp->n[k] = (size_t)(data + i - fp->p[k]);
            fp->p[++k] = data + i + seplen;
            i += seplen;
        } else i++;
    }
    fp->n[k] = (size_t)(data + size - fp->p[k]);
}

/* hln_file_io over the parts: a path ending in one of names[i] is part i; anything else is
   `other` (when set). */
typedef struct fz_io { const fz_parts *parts; const char *const *names; int n_names; const uint8_t *other; size_t other_n; } fz_io;
static int fz_open(void *user, const char *path, hln_mapped *out) {
    const fz_io *io = (const fz_io *)user;
    size_t lp = strlen(path);
    int i;
    memset(out, 0, sizeof *out);
    for (i = 0; i < io->n_names; i++) {
        size_t ln = strlen(io->names[i]);
        if (lp >= ln && strcmp(path + lp - ln, io->names[i]) == 0) {
            if (!io->parts->p[i] || (i > 0 && !io->parts->n[i])) return 1;   /* an empty later part: missing */
            out->data = io->parts->p[i];
            out->size = io->parts->n[i];
            return 0;
        }
    }
    if (!io->other) return 1;
    out->data = io->other;
    out->size = io->other_n;
    return 0;
}
static void fz_close(void *user, hln_mapped *m) { (void)user; (void)m; }
static hln_file_io fz_file_io(fz_io *io) { hln_file_io f; f.open = fz_open; f.close = fz_close; f.user = io; return f; }

static void fz_gguf(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_gguf_options o;
    memset(&o, 0, sizeof o);
    if (hln_gguf_parse(&o, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

static void fz_onnx(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_onnx_options o;
    memset(&o, 0, sizeof o);
    if (hln_onnx_parse(&o, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

static void fz_tflite(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_tflite_options o;
    memset(&o, 0, sizeof o);
    if (hln_tflite_parse(&o, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

/* Core ML: the bytes as one .mlmodel message. */
static void fz_coreml(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_coreml_options o;
    memset(&o, 0, sizeof o);
    if (hln_coreml_parse(&o, data, size, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

/* Core ML package: parts Manifest.json, the model, and every blob file. */
static void fz_coreml_package(const uint8_t *data, size_t size) {
    static const char *const names[] = { "Manifest.json", ".mlmodel" };
    hln_model *m = NULL;
    hln_error err;
    hln_coreml_options o;
    fz_parts fp;
    fz_io io;
    fz_split(data, size, &fp);
    io.parts = &fp; io.names = names; io.n_names = 2; io.other = fp.p[2]; io.other_n = fp.n[2];
    memset(&o, 0, sizeof o);
    o.io = fz_file_io(&io);
    if (hln_coreml_load_file(&o, "f/x.mlpackage", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

/* OpenVINO IR: part 0 the .xml, part 1 the .bin; without a part 1, the graph alone and the
   bytes as their own .bin (Const bounds). */
static void fz_openvino(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_ov_options vo;
    fz_parts fp;
    fz_split(data, size, &fp);
    memset(&vo, 0, sizeof vo);
    if (fp.n[1]) {
        if (hln_ov_parse(&vo, fp.p[0], fp.n[0], fp.p[1], fp.n[1], "x.bin", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
        return;
    }
    vo.graph_only = 1;
    if (hln_ov_parse(&vo, data, size, NULL, 0, "x.bin", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    if (hln_ov_parse(&vo, data, size, data, size, "x.bin", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

/* TensorRT: part 0 an export, part 1 the file beside it (a profile or the graph). */
static void fz_trt(const uint8_t *data, size_t size) {
    hln_model *m = NULL;
    hln_error err;
    hln_trt_options ro;
    fz_parts fp;
    fz_split(data, size, &fp);
    memset(&ro, 0, sizeof ro);
    if (hln_trt_parse(&ro, fp.p[0], fp.n[0], NULL, 0, NULL, &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    if (hln_trt_parse(&ro, fp.p[0], fp.n[0], fp.n[1] ? fp.p[1] : data, fp.n[1] ? fp.n[1] : size, "x.json", &m, &err) == HLN_OK) {
        exercise(m);
        hln_model_free(m);
    }
}

/* The JSON tokenizer alone, and its accessors on the top-level object's members. */
static void fz_json(const uint8_t *data, size_t size) {
    hln_json j;
    hln_error err;
    hln_arena a;
    uint32_t t;
    memset(&a, 0, sizeof a);
    if (hln_json_parse(&j, NULL, (const char *)data, size, 1u << 24, 0, "fuzz", &err) != HLN_OK) return;
    for (t = 0; t < j.n; t++) {
        hln_str s;
        uint64_t v;
        hln_json_str(&j, t, &a, &s, "fuzz");
        hln_json_u64(&j, t, &v, "fuzz", "value");
        (void)hln_json_kind(&j, t);
    }
    (void)hln_json_find(&j, 0, "weight_map");
    hln_arena_free(&a);
    hln_json_free(&j);
}

/* SafeTensors side files: part 0 a model.safetensors.index.json naming shards (every shard is
   one fixed small file), part 1 the config.json / quantize_config.json beside the weights. */
static const uint8_t *fz_shard(size_t *n) {
    static uint8_t buf[512];
    static size_t len;
    if (!len) {
        const char *h = "{\"model.layers.0.mlp.down_proj.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                        "\"model.layers.0.mlp.up_proj.weight\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[16,24]}}";
        uint64_t hl = strlen(h);
        int k;
        for (k = 0; k < 8; k++) buf[k] = (uint8_t)(hl >> (8 * k));
        memcpy(buf + 8, h, hl);
        memset(buf + 8 + hl, 0x3c, 24);
        len = 8 + hl + 24;
    }
    *n = len;
    return buf;
}
static void fz_st_files(const uint8_t *data, size_t size) {
    static const char *const names[] = { ".index.json", "config.json" };
    hln_model *m = NULL;
    hln_error err;
    hln_st_options o;
    fz_parts fp;
    fz_io io;
    fz_split(data, size, &fp);
    io.parts = &fp; io.names = names; io.n_names = 2; io.other = fz_shard(&io.other_n);
    memset(&o, 0, sizeof o);
    o.io = fz_file_io(&io);
    if (hln_st_load_file(&o, "f/model.safetensors.index.json", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
    if (!fp.n[1]) { fp.p[1] = data; fp.n[1] = size; }   /* the same bytes as the config */
    if (hln_st_load_file(&o, "f/model.safetensors", &m, &err) == HLN_OK) { exercise(m); hln_model_free(m); }
}

/* SafeTensors -> GGUF with Hugging Face side files from the input: parts config.json,
   tokenizer.json, tokenizer_config.json, tokenizer.model (SentencePiece); the weights are a
   fixed two-layer llama-shaped model, written to a sink. */
static void fz_convert(const uint8_t *data, size_t size) {
    static hln_model *src;
    static char hdr[4096];
    hln_convert_options o;
    hln_convert *c = NULL;
    hln_error err;
    fz_parts fp;
    if (!src) {
        static uint8_t file[8192];
        static const char *const names[] = { "model.embed_tokens.weight", "model.norm.weight", "lm_head.weight",
            "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight",
            "model.layers.0.self_attn.v_proj.weight", "model.layers.0.self_attn.o_proj.weight",
            "model.layers.0.mlp.gate_proj.weight", "model.layers.0.mlp.up_proj.weight",
            "model.layers.0.mlp.down_proj.weight", "model.layers.0.input_layernorm.weight",
            "model.layers.0.post_attention_layernorm.weight" };
        size_t i, off = 0, hl = 1, body;
        hdr[0] = '{';
        for (i = 0; i < sizeof names / sizeof names[0]; i++) {
            int one_d = strstr(names[i], "norm") != NULL;
            size_t bytes = one_d ? 8 * 4 : 8 * 8 * 4;
            hl += (size_t)snprintf(hdr + hl, sizeof hdr - hl, "%s\"%s\":{\"dtype\":\"F32\",\"shape\":%s,\"data_offsets\":[%zu,%zu]}",
                                   i ? "," : "", names[i], one_d ? "[8]" : "[8,8]", off, off + bytes);
            off += bytes;
        }
        hdr[hl++] = '}';
        body = off;
        if (8 + hl + body > sizeof file) abort();
        for (i = 0; i < 8; i++) file[i] = (uint8_t)((uint64_t)hl >> (8 * i));
        memcpy(file + 8, hdr, hl);
        for (i = 0; i < body; i++) file[8 + hl + i] = (uint8_t)(i * 37);
        {
            hln_st_options so;
            memset(&so, 0, sizeof so);
            if (hln_st_parse(&so, file, 8 + hl + body, &src, &err) != HLN_OK) abort();
        }
    }
    fz_split(data, size, &fp);
    memset(&o, 0, sizeof o);
    o.to = HLN_FORMAT_GGUF;
    o.recipe = "Q8_0";
    o.config_json = (const char *)fp.p[0]; o.config_json_len = fp.n[0];
    if (fp.n[1]) { o.tokenizer_json = (const char *)fp.p[1]; o.tokenizer_json_len = fp.n[1]; }
    if (fp.n[2]) { o.tokenizer_config_json = (const char *)fp.p[2]; o.tokenizer_config_json_len = fp.n[2]; }
    if (fp.n[3]) { o.tokenizer_model = fp.p[3]; o.tokenizer_model_len = fp.n[3]; }
    if (!fp.n[1] && !fp.n[3]) { o.tokenizer_model = data; o.tokenizer_model_len = size; }   /* the same bytes as SentencePiece */
    if (hln_convert_plan(src, &o, &c, &err) == HLN_OK) {
        hln_gguf_write_from(c->out, hln_convert_tensor_bytes, c, null_sink, NULL, &err);
        hln_convert_free(c);
    }
}

/* The bytes as a --hardware-file. */
static void fz_hwfile(const uint8_t *data, size_t size) {
    hln_hw_list l;
    hln_error err;
    hln_hw_list_builtin(&l);
    if (hln_hw_list_load(&l, (const char *)data, size, &err) == HLN_OK) hln_hw_list_free(&l);
}

typedef void (*fz_fn)(const uint8_t *data, size_t size);
/* folder: in the replay, the corpus folder whose files (and their mutations) the target gets;
   NULL: every file. The multi-file targets run the whole analysis on most inputs (their
   other files are fixed), so they get their own format's files only. */
static const struct { const char *name; fz_fn fn; const char *folder; } fz_targets[] = {
    { "gguf", fz_gguf, NULL }, { "safetensors", safetensors_both, NULL }, { "st-files", fz_st_files, "safetensors" },
    { "onnx", fz_onnx, NULL }, { "tflite", fz_tflite, NULL }, { "coreml", fz_coreml, NULL },
    { "coreml-package", fz_coreml_package, "coreml" }, { "openvino", fz_openvino, "openvino" },
    { "trt", fz_trt, "tensorrt" }, { "json", fz_json, NULL }, { "convert", fz_convert, "safetensors" },
    { "hwfile", fz_hwfile, NULL },
};
#define FZ_N_TARGETS (int)(sizeof fz_targets / sizeof fz_targets[0])
static int fz_target = -1;            /* -1: every target (the replay) */
static const char *fz_folder;         /* the replay's current corpus folder */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    int i;
    for (i = 0; i < FZ_N_TARGETS; i++)
        if (fz_target >= 0 ? fz_target == i : !fz_targets[i].folder || !fz_folder || strcmp(fz_folder, fz_targets[i].folder) == 0)
            fz_targets[i].fn(data, size);
    return 0;
}

/* HLN_FUZZ_TARGET=NAME picks one target (./build.sh fuzz NAME SECONDS sets it); unset: all. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    const char *t = getenv("HLN_FUZZ_TARGET");
    int i;
    (void)argc; (void)argv;
    if (!t || !*t) return 0;
    for (i = 0; i < FZ_N_TARGETS; i++)
        if (strcmp(t, fz_targets[i].name) == 0) { fz_target = i; return 0; }
    fprintf(stderr, "HLN_FUZZ_TARGET=%s: no such target; the targets:", t);
    for (i = 0; i < FZ_N_TARGETS; i++) fprintf(stderr, " %s", fz_targets[i].name);
    fputc('\n', stderr);
    exit(2);
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
    LLVMFuzzerInitialize(&argc, &argv);
    if (argc > 1) {
        for (i = 1; i < argc; i++) walk(argv[i], 0);
    } else {
        const char *c = getenv("HAOLINE_CORPUS");
        char dir[4096];
        static const char *const formats[] = { "gguf", "safetensors", "onnx", "tflite", "coreml", "openvino", "tensorrt" };
        for (i = 0; i < (int)(sizeof formats / sizeof formats[0]); i++) {
            snprintf(dir, sizeof dir, "%s/%s", c && *c ? c : "../shared/corpus", formats[i]);
            fz_folder = formats[i];
            walk(dir, 0);
        }
        fz_folder = NULL;            /* hand-made seeds and regression inputs: every target */
        walk("tests/fuzz/seeds", 0);
        walk("tests/fuzz/regress", 0);
    }
    printf("  %lu files, %lu inputs run\n", files, runs);
    printf("fuzz: %lu passed, 0 failed\n", files);
    return files ? 0 : 1;
}
#endif
