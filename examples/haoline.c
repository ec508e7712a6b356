/* haoline - what is really inside this model file?
 *
 *   haoline inspect MODEL [options]        describe a model (GGUF, SafeTensors, ONNX, TFLite, Core ML)
 *   haoline quant-error MODEL --type TYPE  the error quantizing each float matrix would cost
 *   haoline compare A B [C ...]            models side by side, deltas against a baseline
 *   haoline diff A B [--weights]           what changed between two models
 *   haoline scan DIR|FILE... [--jsonl OUT] every model under folders, one JSON line each
 *   haoline convert IN OUT [--type T]      SafeTensors <-> GGUF, ONNX weights -> SafeTensors
 *   haoline quantize IN OUT.gguf --type T  quantize with a recipe, with the error table
 *   haoline bench [--json] [FILTER]        the benchmarks
 *   haoline hardware [NAME] [--json]       the hardware profiles
 *   haoline run MODEL [--random SEED]      run a model (reference executor), capture activations
 *   haoline compare-activations A B        two models on the same inputs, layer by layer
 *   haoline VERB --help | --help | --version
 *
 * The only place that composes the HaoLine headers: this file compiles their implementations
 * and dispatches to the verbs in examples/cli_*.c. Results go to stdout, errors to stderr;
 * exit 0 ok, 1 bad input, 2 bad usage. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* madvise(MADV_DONTNEED): convert keeps its resident set bounded */
#define HAOLINE_IMPLEMENTATION
#ifdef HLN_REPORT_PNG   /* build.sh defines it when stb_image_write.h is installed */
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include "stb_image_write.h"
#endif
#ifdef HLN_EXEC_IMAGE   /* build.sh defines it when stb_image.h is installed: run --input x=FILE.png */
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_BMP
#define STBI_ONLY_PNM
#define STBI_ONLY_TGA
#include "stb_image.h"
#endif
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef _WIN32
#define CLI_DIR_WRITABLE W_OK   /* Windows' access() refuses X_OK */
#else
#define CLI_DIR_WRITABLE (W_OK | X_OK)
#endif

typedef struct cli_verb { const char *name; int (*run)(int argc, char **argv); const char *summary; } cli_verb;
static const cli_verb verbs[] = {
    { "inspect",     cmd_inspect,     "describe a model file (GGUF, SafeTensors, ONNX, TFLite, Core ML, OpenVINO IR, TensorRT JSON)" },
    { "quant-error", cmd_quant_error, "the error quantizing each float matrix to a type would cost" },
    { "compare",     cmd_compare,     "models side by side: size, precision, compute, memory, deltas" },
    { "diff",        cmd_diff,        "what changed between two models (tensors, metadata, nodes, weights)" },
    { "scan",        cmd_scan,        "every model under folders: one JSON line each, a summary table" },
    { "convert",     cmd_convert,     "one format into another: SafeTensors <-> GGUF, ONNX weights out" },
    { "quantize",    cmd_quantize,    "a GGUF with quantized matrices (recipes Q4_K_M ...) and its error table" },
    { "bench",       cmd_bench,       "run the benchmarks" },
    { "hardware",    cmd_hardware,    "the hardware profiles: memory, bandwidth, dense peaks, sources" },
    { "run",         cmd_run,         "run a model with the reference executor; outputs and activations as .npy" },
    { "compare-activations", cmd_compare_activations, "two models on the same inputs, layer by layer (FP32 vs int8)" },
};
#define N_VERBS (sizeof verbs / sizeof verbs[0])

static void print_usage(FILE *f) {
    size_t i;
    fprintf(f, "usage: haoline VERB [options]   ('haoline VERB --help' for a verb's options)\n\n");
    for (i = 0; i < N_VERBS; i++) fprintf(f, "  %-20s %s\n", verbs[i].name, verbs[i].summary);
    fprintf(f, "\n  haoline --help | --version\n"
               "Exit status: 0 ok, 1 the model could not be read, 2 bad usage.\n");
}

int cli_usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, "haoline: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'haoline --help'.\n");
    return EXIT_USAGE;
}

int cli_wants_help(int argc, char **argv) {
    int i;
    for (i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
    return 0;
}

int cli_write_file(void *user, const void *p, size_t n) {
    return fwrite(p, 1, n, (FILE *)user) == n;
}

const char *cli_base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- loading ---- */
/* The format by content: GGUF magic; SafeTensors' 8-byte header length then '{'; a JSON
   object (a sharded SafeTensors index); TFLite's "TFL3" identifier; else ONNX when the first
   byte is the tag of a ModelProto field (protobuf has no magic). cli_load_model then looks
   into JSON and unknown text for an OpenVINO IR .xml or a TensorRT export (sniff_text). */
static hln_format sniff(const unsigned char *head, size_t n) {
    static const unsigned char model_proto_tags[] = { 0x08, 0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72, 0xa2, 0xca };
    size_t i = 0;
    if (n >= 4 && memcmp(head, "GGUF", 4) == 0) return HLN_FORMAT_GGUF;
    if (n >= 9 && head[8] == '{') return HLN_FORMAT_SAFETENSORS;
    if (n >= 8 && memcmp(head + 4, "TFL3", 4) == 0) return HLN_FORMAT_TFLITE;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
    if (i < n && head[i] == '{') return HLN_FORMAT_SAFETENSORS;
    if (n && memchr(model_proto_tags, head[0], sizeof model_proto_tags)) return HLN_FORMAT_ONNX;
    return HLN_FORMAT_UNKNOWN;
}

/* The format the first bytes say, for scan: sniff's answer, except that SafeTensors must be the
   binary file (not a JSON index or any JSON document) and ONNX must look like a ModelProto:
   ir_version (field 1, a small varint) then a known field, producer_name being text (CoreML's
   Model also starts 08 nn 12, with a sub-message there). UNKNOWN when they say none. */
hln_format cli_sniff_content(const unsigned char *head, size_t n) {
    hln_format f = sniff(head, n);
    if (f == HLN_FORMAT_SAFETENSORS && !(n >= 9 && head[8] == '{' && head[6] == 0 && head[7] == 0)) return HLN_FORMAT_UNKNOWN;
    if (f == HLN_FORMAT_ONNX &&
        !(n >= 5 && head[0] == 0x08 && head[1] >= 1 && head[1] <= 20 &&
          ((head[2] == 0x12 && head[3] < 0x80 && head[4] >= 0x20 && head[4] < 0x7f) || head[2] == 0x1a || head[2] == 0x22 ||
           head[2] == 0x28 || head[2] == 0x32 || head[2] == 0x3a || head[2] == 0x42 || head[2] == 0x72 || head[2] == 0x7a)))
        return HLN_FORMAT_UNKNOWN;
    return f;
}

int cli_graph_only;

/* Text formats: an OpenVINO IR .xml (<net> after the XML declaration), a TensorRT JSON export
   (a JSON document naming their keys; a SafeTensors file starts with its binary length). */
static hln_format sniff_text(const char *path, const unsigned char *head, size_t n, hln_format fmt) {
    hln_mapped map;
    if (n >= 9 && head[8] == '{' && head[6] == 0 && head[7] == 0) return fmt;
    if (hln_file_map(path, &map, NULL) != HLN_OK) return fmt;
    if (hln_ov_detect(map.data, map.size)) fmt = HLN_FORMAT_OPENVINO;
    else if (hln_trt_detect(map.data, map.size)) fmt = HLN_FORMAT_TENSORRT;
    hln_file_unmap(&map);
    return fmt;
}

static int has_suffix(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static hln_result load_model(const char *path, hln_model **m, hln_error *err) {
    unsigned char head[16] = { 0 };
    size_t n, i;
    char hex[64];
    hln_format fmt;
    FILE *f;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {   /* a folder: a Core ML package has a Manifest.json */
        hln_coreml_options o;
        memset(&o, 0, sizeof o);
        return hln_coreml_load_file(&o, path, m, err);
    }
    f = fopen(path, "rb");
    if (!f) { int e = errno; hln_error_file(err, path); hln_error_set(err, HLN_ERR_IO, 0, "", "cannot open"); err->os_error = e; return HLN_ERR_IO; }
    n = fread(head, 1, sizeof head, f);
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        hln_error_file(err, path);
        hln_error_set(err, HLN_ERR_IO, 0, "", "cannot read");
        err->os_error = e;
        return HLN_ERR_IO;
    }
    fclose(f);
    fmt = sniff(head, n);
    if (n && (fmt == HLN_FORMAT_UNKNOWN || fmt == HLN_FORMAT_SAFETENSORS)) fmt = sniff_text(path, head, n, fmt);
    if (fmt == HLN_FORMAT_ONNX || fmt == HLN_FORMAT_UNKNOWN) {   /* a FlatBuffer without its identifier: a root table that verifies */
        hln_mapped map;
        if (hln_file_map(path, &map, NULL) == HLN_OK) {
            if (hln_tflite_detect(map.data, map.size)) fmt = HLN_FORMAT_TFLITE;
            else if (hln_coreml_detect(map.data, map.size)) fmt = HLN_FORMAT_COREML;   /* a Core ML Model message */
            hln_file_unmap(&map);
        }
    }
    {   /* content says nothing (or a JSON object that is no SafeTensors index by its name): the
           name decides, so a broken Core ML, IR or TensorRT export gets its reader's reason */
        static const char *const trt_names[] = { ".graph.json", ".profile.json", ".timing.json", ".metadata.json" };
        size_t k, j = 0;
        while (j < n && (head[j] == ' ' || head[j] == '\t' || head[j] == '\r' || head[j] == '\n')) j++;
        for (k = 0; k < 4 && (fmt == HLN_FORMAT_UNKNOWN || fmt == HLN_FORMAT_SAFETENSORS); k++)
            if (has_suffix(path, trt_names[k]) && (n == 0 || (j < n && (head[j] == '{' || head[j] == '[')))) fmt = HLN_FORMAT_TENSORRT;
        if (fmt == HLN_FORMAT_UNKNOWN && has_suffix(path, ".mlmodel")) fmt = HLN_FORMAT_COREML;
        if (fmt == HLN_FORMAT_UNKNOWN && has_suffix(path, ".xml")) fmt = HLN_FORMAT_OPENVINO;
    }
    switch (fmt) {
    case HLN_FORMAT_GGUF: { hln_gguf_options o; memset(&o, 0, sizeof o); return hln_gguf_load_file(&o, path, m, err); }
    case HLN_FORMAT_SAFETENSORS: { hln_st_options o; memset(&o, 0, sizeof o); return hln_st_load_file(&o, path, m, err); }
    case HLN_FORMAT_ONNX: { hln_onnx_options o; memset(&o, 0, sizeof o); return hln_onnx_load_file(&o, path, m, err); }
    case HLN_FORMAT_TFLITE: { hln_tflite_options o; memset(&o, 0, sizeof o); return hln_tflite_load_file(&o, path, m, err); }
    case HLN_FORMAT_COREML: { hln_coreml_options o; memset(&o, 0, sizeof o); return hln_coreml_load_file(&o, path, m, err); }
    case HLN_FORMAT_OPENVINO: {
        hln_ov_options o;
        memset(&o, 0, sizeof o);
        o.graph_only = cli_graph_only;
        return hln_ov_load_file(&o, path, m, err);
    }
    case HLN_FORMAT_TENSORRT: { hln_trt_options o; memset(&o, 0, sizeof o); return hln_trt_load_file(&o, path, m, err); }
    default:
        if (has_suffix(path, ".engine") || has_suffix(path, ".plan")) {
            hln_error_file(err, path);
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "a serialized TensorRT engine is out of scope (an undocumented binary "
                                 "only the TensorRT build and GPU that made it can read): inspect its JSON export instead "
                                 "(trtexec --exportLayerInfo=X.graph.json --profilingVerbosity=detailed)");
        }
        for (i = 0; i < n && i < 8; i++) snprintf(hex + 3 * i, sizeof hex - 3 * i, "%02x ", head[i]);
        if (n) hex[3 * (n < 8 ? n : 8) - 1] = 0;
        hln_error_file(err, path);
        return hln_error_set(err, HLN_ERR_MAGIC, 0, "", "not a GGUF, SafeTensors, ONNX, TFLite, Core ML, OpenVINO IR or TensorRT JSON file (%s%s)",
                             n ? "starts with " : "empty", n ? hex : "");
    }
}

/* A load during which the calling thread's read guard tripped read zeros for bytes the file no
   longer has: whatever the reader made of them, the answer is that the file changed. */
hln_result cli_load_model(const char *path, hln_model **m, hln_error *err) {
    hln_result r = load_model(path, m, err);
    if (!cli_read_guard_tripped()) return r;
    if (r == HLN_OK) { hln_model_free(*m); *m = NULL; }
    hln_error_file(err, path);
    hln_error_set(err, HLN_ERR_IO, 0, "", CLI_CHANGED_WHILE_READ);
    err->os_error = 0;
    return HLN_ERR_IO;
}

/* The one-line error of a model that could not be read: file, byte offset, field, what. */
int cli_report_load_error(const char *path, const hln_error *err) {
    char why[256];
    fprintf(stderr, "haoline: %s: byte %llu: %s%s%s%s%s\n", err->file[0] ? err->file : path,
            (unsigned long long)err->byte_offset, err->path, err->path[0] ? ": " : "",
            err->message[0] ? err->message : hln_result_string(err->code), err->os_error ? ": " : "",
            cli_os_reason(err->os_error, why, sizeof why));
    return EXIT_BAD_INPUT;
}

void cli_commas(char *buf, size_t cap, uint64_t v) {
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)v), i, o = 0;
    for (i = 0; i < n && (size_t)o + 2 < cap; i++) {
        if (i && (n - i) % 3 == 0) buf[o++] = ',';
        buf[o++] = tmp[i];
    }
    buf[o] = 0;
}

/* A name as the terminal shows it: its id when redacted, elided in the middle to `width`
   bytes otherwise (the start and the distinguishing end stay, so rows stay distinct). */
const char *cli_show_name(char *buf, size_t width, const char *name, int redact, char kind, uint32_t index) {
    size_t n = name ? strlen(name) : 0, head, tail;
    if (redact) { snprintf(buf, width + 1, "%c%u", kind, index); return buf; }
    if (n <= width) return name ? name : "";
    head = (width - 3) / 3;
    tail = width - 3 - head;
    while (tail && ((unsigned char)name[n - tail] & 0xC0) == 0x80) tail--;   /* whole UTF-8 characters */
    while (head && ((unsigned char)name[head] & 0xC0) == 0x80) head--;
    memcpy(buf, name, head);
    memcpy(buf + head, "...", 3);
    memcpy(buf + head + 3, name + n - tail, tail + 1);
    return buf;
}

/* "-" and NULL are stdout. */
int cli_is_stdout(const char *out_path) { return !out_path || strcmp(out_path, "-") == 0; }

/* Whether out_path can be written, checked before anything is written: an existing file must
   be writable, a new one needs a writable folder. A usage error (exit 2) with the reason. */
int cli_check_output(const char *flag, const char *out_path, int is_dir) {
    char dir[4096];
    const char *slash;
    struct stat st;
    size_t n;
    if (cli_is_stdout(out_path)) return 0;
    if (stat(out_path, &st) == 0) {
        if (is_dir ? !S_ISDIR(st.st_mode) : S_ISDIR(st.st_mode)) {
            fprintf(stderr, "haoline: %s %s: %s\n", flag, out_path, is_dir ? "not a folder" : "is a folder");
            return EXIT_USAGE;
        }
        if (access(out_path, W_OK) != 0) { fprintf(stderr, "haoline: %s %s: %s\n", flag, out_path, strerror(errno)); return EXIT_USAGE; }
        return 0;
    }
    if (errno != ENOENT) { fprintf(stderr, "haoline: %s %s: %s\n", flag, out_path, strerror(errno)); return EXIT_USAGE; }
    slash = strrchr(out_path, '/');
    n = slash ? (size_t)(slash - out_path) + (slash == out_path) : 1;
    if (n >= sizeof dir) { fprintf(stderr, "haoline: %s: path too long\n", flag); return EXIT_USAGE; }
    memcpy(dir, slash ? out_path : ".", n);
    dir[n] = 0;
    if (access(dir, CLI_DIR_WRITABLE) != 0) { fprintf(stderr, "haoline: %s %s: %s: %s\n", flag, out_path, dir, strerror(errno)); return EXIT_USAGE; }
    return 0;
}

int cli_write_report(const char *what, const char *out_path, const hln_model *m, const hln_report_options *ro,
                        hln_result (*fn)(const hln_model *, const hln_report_options *, hln_write_fn, void *)) {
    FILE *f = cli_is_stdout(out_path) ? stdout : fopen(out_path, "wb");
    hln_result r;
    if (!f) { fprintf(stderr, "haoline: cannot write the %s report to %s: %s\n", what, out_path, strerror(errno)); return EXIT_USAGE; }
    r = fn(m, ro, cli_write_file, f);
    if ((f == stdout ? fflush(f) : fclose(f)) != 0) r = HLN_ERR_IO;
    if (r == HLN_ERR_IO) { fprintf(stderr, "haoline: writing the %s report to %s failed: %s\n", what, out_path ? out_path : "stdout", strerror(errno)); return EXIT_USAGE; }
    if (r) { fprintf(stderr, "haoline: writing the %s report failed: %s\n", what, hln_result_string(r)); return EXIT_BAD_INPUT; }
    return 0;
}

/* Every verb runs under the read guard: a model file truncated while a verb parses it through
   its mapping is an error (exit 1), not a SIGBUS. cli_load_model reports a trip during a load
   with the file's name; one later than that (a verb reading the mapping after the load) is
   reported here, and a verb that already failed keeps its own exit status. */
static int run_guarded(const cli_verb *v, int argc, char **argv) {
    cli_read_guard g;
    int rc;
    cli_read_guard_begin(&g);
    rc = v->run(argc, argv);
    if (cli_read_guard_end(&g) && rc == 0) {
        fprintf(stderr, "haoline: %s: a model file: %s\n", v->name, CLI_CHANGED_WHILE_READ);
        rc = EXIT_BAD_INPUT;
    }
    return rc;
}

int main(int argc, char **argv) {
    size_t i;
    if (argc < 2) { print_usage(stderr); return EXIT_USAGE; }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) { printf("haoline %s\n", HAOLINE_VERSION_STRING); return 0; }
    for (i = 0; i < N_VERBS; i++)
        if (strcmp(argv[1], verbs[i].name) == 0) return run_guarded(&verbs[i], argc - 2, argv + 2);
    return cli_usage_error("unknown command '%s'", argv[1]);
}
