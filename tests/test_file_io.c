/* Tests of the engine file callbacks (hln_file_io): every loader reaches every file it
   reads through them — a split GGUF's other part, a sharded SafeTensors index, its shards
   and config.json, ONNX external data — and each file opened is closed exactly once. The
   callbacks serve corpus files from memory under names that exist on no disk. */
#define _POSIX_C_SOURCE 200809L
#include "../haoline_ir.h"
#include "../haoline_analysis.h"
#include "../haoline_gguf.h"
#include "../haoline_safetensors.h"
#include "../haoline_onnx.h"
#include "test.h"

#define PAK "/no-such-disk/pak"   /* the prefix of every name the callbacks serve */
#define MAX_FILES 8

typedef struct pak_file { char name[256]; unsigned char *bytes; size_t size; } pak_file;
typedef struct pak { pak_file files[MAX_FILES]; int n, opens, closes; char asked[MAX_FILES * 4][256]; int n_asked; } pak;

static int pak_open(void *user, const char *path, hln_mapped *out) {
    pak *p = (pak *)user;
    int i;
    if (p->n_asked < MAX_FILES * 4) snprintf(p->asked[p->n_asked++], 256, "%s", path);
    for (i = 0; i < p->n; i++)
        if (strcmp(p->files[i].name, path) == 0) {
            out->data = p->files[i].bytes;
            out->size = p->files[i].size;
            out->handle = &p->files[i];
            p->opens++;
            return 0;
        }
    return 1;
}
static void pak_close(void *user, hln_mapped *m) {
    pak *p = (pak *)user;
    if (m->handle) p->closes++;
}

/* Serves corpus file REL (under the corpus root) as PAK/NAME. */
static int pak_add(pak *p, const char *rel, const char *name) {
    char path[1024];
    pak_file *f = &p->files[p->n];
    snprintf(path, sizeof path, "%s/%s", t_corpus(), rel);
    f->bytes = t_read_file(path, &f->size);
    if (!f->bytes) return 0;
    snprintf(f->name, sizeof f->name, "%s/%s", PAK, name);
    p->n++;
    return 1;
}
static void pak_free(pak *p) {
    int i;
    for (i = 0; i < p->n; i++) free(p->files[i].bytes);
    memset(p, 0, sizeof *p);
}
static hln_file_io pak_io(pak *p) {
    hln_file_io io;
    io.open = pak_open;
    io.close = pak_close;
    io.user = p;
    return io;
}

/* The same tensors (names, dtypes, bytes) as the disk load. */
static void same_tensors(const hln_model *a, const hln_model *b) {
    uint32_t i;
    T_EQ_U64(a->n_tensors, b->n_tensors);
    T_EQ_U64(a->n_files, b->n_files);
    for (i = 0; i < a->n_tensors && i < b->n_tensors; i++) {
        const hln_tensor *x = &a->tensors[i], *y = &b->tensors[i];
        T_CHECKF(strcmp(x->name, y->name) == 0 && x->dtype == y->dtype && x->n_bytes == y->n_bytes &&
                 x->file_offset == y->file_offset && (x->data == NULL) == (y->data == NULL) &&
                 (!x->data || memcmp(x->data, y->data, (size_t)x->n_bytes) == 0), "tensor %u '%s'", i, x->name);
    }
}

static void test_gguf_split(void) {
    static const char *const parts[2] = { "gguf/generated/tinyllama-split-Q8_0-00001-of-00002.gguf",
                                          "gguf/generated/tinyllama-split-Q8_0-00002-of-00002.gguf" };
    pak p;
    hln_gguf_options o;
    hln_model *disk = NULL, *m = NULL;
    hln_error err;
    char path[1024];
    memset(&p, 0, sizeof p);
    memset(&o, 0, sizeof o);
    if (!pak_add(&p, parts[0], "m-00001-of-00002.gguf") || !pak_add(&p, parts[1], "m-00002-of-00002.gguf")) {
        T_SKIP("corpus not found");
        pak_free(&p);
        return;
    }
    snprintf(path, sizeof path, "%s/%s", t_corpus(), parts[1]);
    T_EQ_U64(hln_gguf_load_file(&o, path, &disk, &err), HLN_OK);
    o.io = pak_io(&p);
    T_EQ_U64(hln_gguf_load_file(&o, PAK "/m-00002-of-00002.gguf", &m, &err), HLN_OK);
    T_EQ_U64(p.opens, 2);   /* the part named, then the other through the callbacks */
    if (m && disk) { T_EQ_U64(m->split_count, 2); same_tensors(disk, m); }
    hln_model_free(m);
    hln_model_free(disk);
    T_EQ_U64(p.closes, p.opens);
    pak_free(&p);
}

static void test_safetensors_index(void) {
    static const char *const dir = "safetensors/generated/sharded-gqa/";
    static const char *const names[3] = { "model.safetensors.index.json", "model-00001-of-00002.safetensors",
                                          "model-00002-of-00002.safetensors" };
    static const char config[] = "{\"model_type\": \"llama\", \"num_hidden_layers\": 7, \"num_attention_heads\": 8}";
    pak p;
    hln_st_options o;
    hln_model *disk = NULL, *m = NULL;
    hln_error err;
    char rel[512];
    int i, ok = 1;
    memset(&p, 0, sizeof p);
    memset(&o, 0, sizeof o);
    for (i = 0; i < 3; i++) {
        snprintf(rel, sizeof rel, "%s%s", dir, names[i]);
        ok &= pak_add(&p, rel, names[i]);
    }
    if (!ok) { T_SKIP("corpus not found"); pak_free(&p); return; }
    {   /* a config.json that exists only in the pak */
        pak_file *f = &p.files[p.n++];
        f->size = strlen(config);
        f->bytes = (unsigned char *)malloc(f->size);
        memcpy(f->bytes, config, f->size);
        snprintf(f->name, sizeof f->name, "%s/config.json", PAK);
    }
    snprintf(rel, sizeof rel, "%s/%s%s", t_corpus(), dir, names[0]);
    T_EQ_U64(hln_st_load_file(&o, rel, &disk, &err), HLN_OK);
    o.io = pak_io(&p);
    T_EQ_U64(hln_st_load_file(&o, PAK "/model.safetensors.index.json", &m, &err), HLN_OK);
    T_EQ_U64(p.opens, 4);   /* index, two shards, config.json */
    if (m && disk) {
        same_tensors(disk, m);
        T_EQ_I64(m->hp.n_layer, 7);   /* from the pak's config.json, not the disk's */
        T_EQ_STR(m->hp.arch, "llama");
    }
    hln_model_free(m);
    hln_model_free(disk);
    T_EQ_U64(p.closes, p.opens);
    pak_free(&p);
}

static void test_onnx_external(void) {
    pak p;
    hln_onnx_options o;
    hln_model *disk = NULL, *m = NULL;
    hln_error err;
    char path[1024];
    memset(&p, 0, sizeof p);
    memset(&o, 0, sizeof o);
    if (!pak_add(&p, "onnx/generated/mlp_external.onnx", "mlp_external.onnx") ||
        !pak_add(&p, "onnx/generated/mlp_external.onnx.data", "mlp_external.onnx.data")) {
        T_SKIP("corpus not found");
        pak_free(&p);
        return;
    }
    snprintf(path, sizeof path, "%s/onnx/generated/mlp_external.onnx", t_corpus());
    T_EQ_U64(hln_onnx_load_file(&o, path, &disk, &err), HLN_OK);
    o.io = pak_io(&p);
    T_EQ_U64(hln_onnx_load_file(&o, PAK "/mlp_external.onnx", &m, &err), HLN_OK);
    T_EQ_U64(p.opens, 2);   /* the model, and its external data (to check sizes) */
    if (m && disk) same_tensors(disk, m);
    hln_model_free(m);
    hln_model_free(disk);
    T_EQ_U64(p.closes, p.opens);
    /* the external data file missing from the pak: the same error as on disk */
    p.files[1].name[0] = 0;
    m = NULL;
    T_EQ_U64(hln_onnx_load_file(&o, PAK "/mlp_external.onnx", &m, &err), HLN_ERR_PATH);
    T_CHECKF(strstr(err.message, "is not found") != NULL, "%s", err.message);
    T_EQ_U64(p.closes, p.opens);
    pak_free(&p);
}

static void test_refusals(void) {
    pak p;
    hln_gguf_options o;
    hln_model *m = NULL;
    hln_error err;
    memset(&p, 0, sizeof p);
    memset(&o, 0, sizeof o);
    o.io = pak_io(&p);
    T_EQ_U64(hln_gguf_load_file(&o, PAK "/absent.gguf", &m, &err), HLN_ERR_IO);
    T_CHECK(m == NULL && strstr(err.file, "absent.gguf") != NULL && err.message[0] != 0);
    T_EQ_U64(p.opens, 0);
    /* a split part the callbacks do not have */
    if (pak_add(&p, "gguf/generated/tinyllama-split-Q8_0-00001-of-00002.gguf", "m-00001-of-00002.gguf")) {
        T_EQ_U64(hln_gguf_load_file(&o, PAK "/m-00001-of-00002.gguf", &m, &err), HLN_ERR_IO);
        T_CHECKF(strstr(err.message, "split part 2 of 2") != NULL, "%s", err.message);
        T_CHECK(strcmp(p.asked[p.n_asked - 1], PAK "/m-00002-of-00002.gguf") == 0);
        T_EQ_U64(p.closes, p.opens);
    }
    pak_free(&p);
}

int main(void) {
    T_RUN(test_gguf_split);
    T_RUN(test_safetensors_index);
    T_RUN(test_onnx_external);
    T_RUN(test_refusals);
    return t_finish("test_file_io");
}
