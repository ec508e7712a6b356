/* haoline_gguf.h - v0.1 - GGUF v1/v2/v3 reader and writer for the HaoLine IR. MIT license.

   Reads a GGUF file (little- or big-endian, versions 1-3) from a memory buffer into an
   hln_model: every metadata value type including arrays of arrays, tensor infos,
   general.alignment, tensor data offsets. Weights are never read or copied: tensors are
   views into the buffer. hln_gguf_load_file() maps the file and, for a split model
   (split.count > 1, files named *-0000N-of-0000M.gguf), loads every part found beside it.

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_gguf.h"

       hln_gguf_options opts = {0};
       hln_model *m; hln_error err;
       if (hln_gguf_load_file(&opts, "model.gguf", &m, &err) == HLN_OK) {
           printf("%u tensors, arch %s\n", m->n_tensors, m->hp.arch ? m->hp.arch : "?");
           hln_model_free(m);
       }

   LIMITS (override before including)
       HLN_GGUF_MAX_DEPTH   nesting of arrays of arrays (default 8)
       HLN_GGUF_MAX_DIMS    tensor rank (default 4, as GGML_MAX_DIMS)

   Every count, length and offset is checked against the bytes that remain before it is used;
   a count that the rest of the file cannot hold is rejected before any allocation.
   Strings in arrays (vocabularies) are bounds-checked, not UTF-8 validated: real tokenizers
   carry byte fragments. Keys, tensor names and scalar strings must be valid UTF-8.

   FUNCTIONS
     hln_gguf_parse       a GGUF in memory -> hln_model (tensors are views of the buffer)
     hln_gguf_load_file   a file (and the other parts of a split model) through hln_file_io
     hln_gguf_write       a model as one GGUF; hln_gguf_write_from streams the tensor bytes
                          from a callback, header first
   DOES NOT
     compute anything about the model (haoline_analysis.h), dequantize (haoline_kernels.h),
     copy tensor bytes, write big-endian files, or include another format header.
*/
#ifndef HAOLINE_GGUF_H
#define HAOLINE_GGUF_H

#include "haoline_ir.h"

#define HAOLINE_GGUF_VERSION_MAJOR 0
#define HAOLINE_GGUF_VERSION_MINOR 1
#define HAOLINE_GGUF_VERSION_PATCH 0

#ifndef HLN_GGUF_MAX_DEPTH
#define HLN_GGUF_MAX_DEPTH 8
#endif
#ifndef HLN_GGUF_MAX_DIMS
#define HLN_GGUF_MAX_DIMS 4
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_gguf_options {
    hln_allocator allocator;   /* zero: libc */
    int           no_split;    /* 1: load only the named part of a split model */
    hln_file_io   io;          /* hln_gguf_load_file's file access (parts too); zero: the platform's */
} hln_gguf_options;

/* Parses one GGUF file held in memory; the buffer must outlive the model. */
HLN_DEF hln_result hln_gguf_parse(const hln_gguf_options *opts, const void *data, uint64_t size,
                                  hln_model **out, hln_error *err);

/* Writes model as GGUF v3 (little-endian) through write(user, bytes, n) (returns 0 on
   failure). Metadata arrays are written from their views; tensor bytes from tensor.data. */
HLN_DEF hln_result hln_gguf_write(const hln_model *m, hln_write_fn write, void *user, hln_error *err);
/* The same, streaming: tensor bytes come from bytes(bytes_user, m, i, ...) in tensor order
   (tensor.data is not read), so a converter makes them on the fly through a bounded buffer.
   The header goes out first; nothing is buffered here. bytes NULL: tensor.data. */
HLN_DEF hln_result hln_gguf_write_from(const hln_model *m, hln_tensor_bytes_fn bytes, void *bytes_user,
                                       hln_write_fn write, void *user, hln_error *err);

#ifndef HLN_NO_STDIO
HLN_DEF hln_result hln_gguf_load_file(const hln_gguf_options *opts, const char *path,
                                      hln_model **out, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_GGUF_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_GGUF_IMPLEMENTATION)) && !defined(HAOLINE_GGUF_IMPLEMENTED)
#define HAOLINE_GGUF_IMPLEMENTED

#include <string.h>
#include <stdio.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln__gguf {
    const uint8_t *base;
    uint64_t       size, pos;
    int            be;          /* big-endian file */
    uint32_t       version;
    hln_model     *m;
    hln_error     *err;
    /* where we are, formatted into a path only when an error is reported */
    const char    *section;     /* "header", "metadata", "tensor_info" */
    uint64_t       index;       /* entry index, or UINT64_MAX */
    const char    *name;        /* key or tensor name once known */
    const char    *field;       /* field within the entry */
} hln__gguf;

static void hln_gguf__at(hln__gguf *g, const char *section, uint64_t index, const char *name, const char *field) {
    g->section = section;
    g->index = index;
    g->name = name;
    g->field = field;
}

static hln_result hln_gguf__err(hln__gguf *g, hln_result code, uint64_t at, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static hln_result hln_gguf__err(hln__gguf *g, hln_result code, uint64_t at, const char *fmt, ...) {
    char path[160];
    va_list ap;
    int n = 0;
    if (g->index != UINT64_MAX) n = snprintf(path, sizeof path, "%s[%llu]", g->section, (unsigned long long)g->index);
    else n = snprintf(path, sizeof path, "%s", g->section ? g->section : "");
    if (g->name && n >= 0 && (size_t)n < sizeof path) n += snprintf(path + n, sizeof path - (size_t)n, " '%.80s'", g->name);
    if (g->field && n >= 0 && (size_t)n < sizeof path) snprintf(path + n, sizeof path - (size_t)n, ".%s", g->field);
    hln_error_set(g->err, code, at, path, "%s", "");
    va_start(ap, fmt);
    vsnprintf(g->err ? g->err->message : path, g->err ? sizeof g->err->message : sizeof path, fmt, ap);
    va_end(ap);
    return code;
}


static hln_result hln_gguf__need(hln__gguf *g, uint64_t n, const char *what) {
    if (n > g->size - g->pos)
        return hln_gguf__err(g, HLN_ERR_TRUNCATED, g->pos, "%s needs %llu bytes but only %llu remain", what,
                             (unsigned long long)n, (unsigned long long)(g->size - g->pos));
    return HLN_OK;
}

/* A little-endian u64 loaded with memcpy into host order. */
static uint64_t hln__le64(uint64_t v) {
    const uint8_t *b = (const uint8_t *)&v;
    return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 | (uint64_t)b[3] << 24 |
           (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 | (uint64_t)b[6] << 48 | (uint64_t)b[7] << 56;
}

static uint64_t hln_gguf__uint(const hln__gguf *g, uint64_t at, unsigned n) {
    const uint8_t *p = g->base + at;
    uint64_t v = 0;
    unsigned i;
    if (!g->be) {
        for (i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
    } else {
        for (i = 0; i < n; i++) v = (v << 8) | p[i];
    }
    return v;
}

static hln_result hln_gguf__u32(hln__gguf *g, uint32_t *v, const char *what) {
    hln_result r = hln_gguf__need(g, 4, what);
    if (r) return r;
    *v = (uint32_t)hln_gguf__uint(g, g->pos, 4);
    g->pos += 4;
    return HLN_OK;
}

/* Lengths and counts: u32 in GGUF v1, u64 from v2 on. */
static hln_result hln_gguf__count(hln__gguf *g, uint64_t *v, const char *what) {
    unsigned n = g->version == 1 ? 4 : 8;
    hln_result r = hln_gguf__need(g, n, what);
    if (r) return r;
    *v = hln_gguf__uint(g, g->pos, n);
    g->pos += n;
    return HLN_OK;
}

/* A string: length then bytes. Returns a view; validates UTF-8 when asked. */
static hln_result hln_gguf__str(hln__gguf *g, hln_str *s, int check_utf8, uint64_t max_len, const char *what) {
    uint64_t at = g->pos, len;
    hln_result r = hln_gguf__count(g, &len, what);
    if (r) return r;
    if (len > g->size - g->pos)
        return hln_gguf__err(g, HLN_ERR_TRUNCATED, at, "%s length %llu runs past the end of the file (%llu bytes remain)",
                             what, (unsigned long long)len, (unsigned long long)(g->size - g->pos));
    if (len > max_len)
        return hln_gguf__err(g, HLN_ERR_LIMIT, at, "%s length %llu exceeds the limit %llu",
                             what, (unsigned long long)len, (unsigned long long)max_len);
    s->ptr = (const char *)g->base + g->pos;
    s->len = len;
    if (check_utf8 && !hln_utf8_valid(g->base + g->pos, len))
        return hln_gguf__err(g, HLN_ERR_UTF8, g->pos, "%s is not valid UTF-8", what);
    g->pos += len;
    return HLN_OK;
}

static const uint8_t hln_gguf__scalar_size[HLN_KV_TYPE_COUNT] = { 1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8 };

/* Skips over an array's elements after its header, validating every length. */
static hln_result hln_gguf__array_body(hln__gguf *g, hln_kv_type type, uint64_t count, int depth) {
    uint64_t i, fixed = hln_gguf__scalar_size[type], bytes;
    hln_result r;
    if (fixed) {
        if (hln_mul_overflow(count, fixed, &bytes) || bytes > g->size - g->pos)
            return hln_gguf__err(g, HLN_ERR_TRUNCATED, g->pos, "array of %llu %s elements runs past the end of the file",
                                 (unsigned long long)count, hln_kv_type_name(type));
        if (type == HLN_KV_BOOL)
            for (i = 0; i < count; i++)
                if (g->base[g->pos + i] > 1)
                    return hln_gguf__err(g, HLN_ERR_RANGE, g->pos + i, "BOOL array element %llu is %u, not 0 or 1",
                                         (unsigned long long)i, g->base[g->pos + i]);
        g->pos += bytes;
        return HLN_OK;
    }
    if (type == HLN_KV_STRING) {
        unsigned lw = g->version == 1 ? 4 : 8;
        if (count > (g->size - g->pos) / lw)
            return hln_gguf__err(g, HLN_ERR_TRUNCATED, g->pos, "array of %llu strings cannot fit in the %llu bytes that remain",
                                 (unsigned long long)count, (unsigned long long)(g->size - g->pos));
        for (i = 0; i < count; i++) {
            uint64_t len;
            if (lw > g->size - g->pos) return hln_gguf__need(g, lw, "string length");
            if (lw == 8 && !g->be) { memcpy(&len, g->base + g->pos, 8); len = hln__le64(len); }
            else len = hln_gguf__uint(g, g->pos, lw);
            g->pos += lw;
            if (len > g->size - g->pos)
                return hln_gguf__err(g, HLN_ERR_TRUNCATED, g->pos - lw,
                                     "string %llu of the array has length %llu, past the end of the file",
                                     (unsigned long long)i, (unsigned long long)len);
            g->pos += len;
        }
        return HLN_OK;
    }
    /* arrays of arrays */
    if (depth >= HLN_GGUF_MAX_DEPTH)
        return hln_gguf__err(g, HLN_ERR_LIMIT, g->pos, "arrays nested deeper than HLN_GGUF_MAX_DEPTH (%d)", HLN_GGUF_MAX_DEPTH);
    if (count > (g->size - g->pos) / 12)
        return hln_gguf__err(g, HLN_ERR_TRUNCATED, g->pos, "array of %llu arrays cannot fit in the bytes that remain", (unsigned long long)count);
    for (i = 0; i < count; i++) {
        uint32_t et;
        uint64_t n;
        if ((r = hln_gguf__u32(g, &et, "nested array type")) != HLN_OK) return r;
        if (et >= HLN_KV_TYPE_COUNT)
            return hln_gguf__err(g, HLN_ERR_TYPE, g->pos - 4, "unknown array element type %" PRIu32 "", et);
        if ((r = hln_gguf__count(g, &n, "nested array count")) != HLN_OK) return r;
        if ((r = hln_gguf__array_body(g, (hln_kv_type)et, n, depth + 1)) != HLN_OK) return r;
    }
    return HLN_OK;
}

static hln_result hln_gguf__value(hln__gguf *g, hln_kv *kv) {
    hln_result r;
    uint32_t type;
    uint64_t at = g->pos;
    if ((r = hln_gguf__u32(g, &type, "value type")) != HLN_OK) return r;
    if (type >= HLN_KV_TYPE_COUNT)
        return hln_gguf__err(g, HLN_ERR_TYPE, at, "unknown metadata value type %" PRIu32 "", type);
    kv->type = (hln_kv_type)type;
    if (type == HLN_KV_STRING) {
        hln_str s;
        if ((r = hln_gguf__str(g, &s, 1, UINT64_MAX, "string value")) != HLN_OK) return r;
        kv->v.s.ptr = hln_arena_strndup(&g->m->arena, s.ptr, (size_t)s.len);
        kv->v.s.len = s.len;
        if (!kv->v.s.ptr) return hln_gguf__err(g, HLN_ERR_NOMEM, at, "%s", "out of memory");
        return HLN_OK;
    }
    if (type == HLN_KV_ARRAY) {
        uint32_t et;
        uint64_t count, start;
        if ((r = hln_gguf__u32(g, &et, "array element type")) != HLN_OK) return r;
        if (et >= HLN_KV_TYPE_COUNT)
            return hln_gguf__err(g, HLN_ERR_TYPE, g->pos - 4, "unknown array element type %" PRIu32 "", et);
        if ((r = hln_gguf__count(g, &count, "array count")) != HLN_OK) return r;
        if (g->version == 1 && (et == HLN_KV_STRING || et == HLN_KV_ARRAY))
            return hln_gguf__err(g, HLN_ERR_UNSUPPORTED, at, "%s", "arrays of strings or arrays in GGUF v1 are not supported");
        start = g->pos;
        if ((r = hln_gguf__array_body(g, (hln_kv_type)et, count, 1)) != HLN_OK) return r;
        kv->v.a.type = (hln_kv_type)et;
        kv->v.a.count = count;
        kv->v.a.data = g->base + start;
        kv->v.a.n_bytes = g->pos - start;
        kv->v.a.big_endian = g->be;
        return HLN_OK;
    }
    if ((r = hln_gguf__need(g, hln_gguf__scalar_size[type], "scalar value")) != HLN_OK) return r;
    {
        hln_kv_iter it;
        hln_kv_array one;
        one.type = (hln_kv_type)type;
        one.count = 1;
        one.data = g->base + g->pos;
        one.n_bytes = hln_gguf__scalar_size[type];
        one.big_endian = g->be;
        const char *key = kv->key;
        uint64_t key_at = kv->byte_offset;
        hln_kv_iter_init(&it, &one);
        hln_kv_iter_next(&it, kv);
        kv->key = key;
        kv->byte_offset = key_at;
    }
    if (type == HLN_KV_BOOL && kv->v.u > 1)
        return hln_gguf__err(g, HLN_ERR_RANGE, g->pos, "BOOL value is %u, not 0 or 1", (unsigned)kv->v.u);
    g->pos += hln_gguf__scalar_size[type];
    return HLN_OK;
}

/* Open-addressing set of names for duplicate detection: O(n) expected. */
typedef struct hln__nameset { uint32_t *slots; uint32_t mask; } hln__nameset;

static uint64_t hln__hash(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
    return h;
}

static int hln_gguf__nameset_init(hln__nameset *set, hln_arena *a, uint64_t n) {
    uint64_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    set->slots = (uint32_t *)hln_arena_array(a, cap, sizeof(uint32_t));
    set->mask = (uint32_t)(cap - 1);
    return set->slots != NULL;
}

/* Inserts index+1 for names[index]; returns 0 when an equal name is already present. */
static int hln_gguf__nameset_add(hln__nameset *set, const char *const *names, uint32_t index) {
    const char *s = names[index];
    size_t n = strlen(s);
    uint32_t i = (uint32_t)hln__hash(s, n) & set->mask;
    while (set->slots[i]) {
        if (strcmp(names[set->slots[i] - 1], s) == 0) return 0;
        i = (i + 1) & set->mask;
    }
    set->slots[i] = index + 1;
    return 1;
}

static const hln_kv *hln_gguf__arch_kv(const hln_kv *kv, uint32_t n, const char *arch, const char *suffix) {
    char key[256];
    uint32_t i;
    if ((size_t)snprintf(key, sizeof key, "%s.%s", arch, suffix) >= sizeof key) return NULL;
    for (i = 0; i < n; i++)
        if (strcmp(kv[i].key, key) == 0) return &kv[i];
    return NULL;
}

static int64_t hln_gguf__arch_int(const hln_kv *kv, uint32_t n, const char *arch, const char *suffix) {
    const hln_kv *k = hln_gguf__arch_kv(kv, n, arch, suffix);
    int64_t v;
    if (k && k->type == HLN_KV_ARRAY) {   /* per-layer values: the largest one */
        hln_kv_iter it;
        hln_kv e;
        int64_t best = -1;
        hln_kv_iter_init(&it, &k->v.a);
        while (hln_kv_iter_next(&it, &e))
            if (hln_kv_as_i64(&e, &v) && v > best) best = v;
        return best;
    }
    return k && hln_kv_as_i64(k, &v) && v >= 0 ? v : -1;
}

/* GGUF vocabulary -> format-neutral hyperparameters. */
static void hln_gguf__hparams(hln_model *m, const hln_kv *kv, uint32_t n) {
    uint32_t i;
    const char *arch = NULL;
    for (i = 0; i < n; i++)
        if (kv[i].type == HLN_KV_STRING && strcmp(kv[i].key, "general.architecture") == 0) arch = kv[i].v.s.ptr;
    if (!arch || m->hp.arch) return;
    m->hp.arch = arch;
    m->hp.n_layer = hln_gguf__arch_int(kv, n, arch, "block_count");
    m->hp.n_head = hln_gguf__arch_int(kv, n, arch, "attention.head_count");
    m->hp.n_head_kv = hln_gguf__arch_int(kv, n, arch, "attention.head_count_kv");
    m->hp.n_embd = hln_gguf__arch_int(kv, n, arch, "embedding_length");
    m->hp.head_dim = hln_gguf__arch_int(kv, n, arch, "attention.key_length");
    m->hp.context_length = hln_gguf__arch_int(kv, n, arch, "context_length");
    m->hp.n_ff = hln_gguf__arch_int(kv, n, arch, "feed_forward_length");
    m->hp.n_vocab = hln_gguf__arch_int(kv, n, arch, "vocab_size");
    m->hp.expert_count = hln_gguf__arch_int(kv, n, arch, "expert_count");
    m->hp.expert_used_count = hln_gguf__arch_int(kv, n, arch, "expert_used_count");
    m->hp.sliding_window = hln_gguf__arch_int(kv, n, arch, "attention.sliding_window");
    m->hp.kv_lora_rank = hln_gguf__arch_int(kv, n, arch, "attention.kv_lora_rank");
    m->hp.rope_dim = hln_gguf__arch_int(kv, n, arch, "rope.dimension_count");
}

/* One part: header, metadata, tensor infos. Tensors are appended to *tensors. */
static hln_result hln_gguf__parse_part(hln__gguf *g, uint32_t file_index, int primary,
                                       hln_tensor **tensors, uint32_t *n_tensors_out,
                                       hln_kv **kvs, uint32_t *n_kv_out) {
    hln_model *m = g->m;
    uint64_t n_tensors, n_kv, i, alignment = 32;
    uint32_t version_le;
    hln_kv *kv;
    hln_tensor *ts;
    hln__nameset set;
    hln_result r;

    if (g->size < 4 || memcmp(g->base, "GGUF", 4) != 0) {
        hln_gguf__at(g, "header", UINT64_MAX, NULL, "magic");
        if (g->size < 4) return hln_gguf__err(g, HLN_ERR_TRUNCATED, 0, "%s", "file is shorter than the 4-byte magic");
        return hln_gguf__err(g, HLN_ERR_MAGIC, 0, "%s", "magic is not 'GGUF'");
    }
    g->pos = 4;
    hln_gguf__at(g, "header", UINT64_MAX, NULL, "version");
    if ((r = hln_gguf__need(g, 4, "version")) != HLN_OK) return r;
    version_le = (uint32_t)(g->base[4] | g->base[5] << 8 | g->base[6] << 16 | (uint32_t)g->base[7] << 24);
    g->be = 0;
    g->version = version_le;
    if (version_le < 1 || version_le > 3) {
        uint32_t swapped = (version_le >> 24) | ((version_le >> 8) & 0xff00u) | ((version_le << 8) & 0xff0000u) | (version_le << 24);
        if (swapped >= 1 && swapped <= 3) { g->be = 1; g->version = swapped; }
        else return hln_gguf__err(g, HLN_ERR_VERSION, 4, "GGUF version %" PRIu32 " is not supported (1, 2 and 3 are)", version_le);
    }
    g->pos = 8;
    g->field = "tensor_count";
    if ((r = hln_gguf__count(g, &n_tensors, "tensor count")) != HLN_OK) return r;
    g->field = "metadata_kv_count";
    if ((r = hln_gguf__count(g, &n_kv, "metadata count")) != HLN_OK) return r;
    /* smallest possible entries: a kv is a key length, a type and one byte; a tensor info is
       a name length, n_dims, type and offset (lengths are 4 bytes in v1, 8 after) */
    if (n_kv > (g->size - g->pos) / (g->version == 1 ? 9 : 13))
        return hln_gguf__err(g, HLN_ERR_LIMIT, 16, "metadata_kv_count %llu cannot fit in a %llu-byte file",
                             (unsigned long long)n_kv, (unsigned long long)g->size);
    if (n_tensors > (g->size - g->pos) / (g->version == 1 ? 20 : 24) || n_tensors > UINT32_MAX / 2)
        return hln_error_set(g->err, HLN_ERR_LIMIT, 8, "header.tensor_count",
                             "tensor_count %llu cannot fit in a %llu-byte file",
                             (unsigned long long)n_tensors, (unsigned long long)g->size);

    kv = (hln_kv *)hln_arena_array(&m->arena, n_kv ? n_kv : 1, sizeof *kv);
    if (!kv || !hln_gguf__nameset_init(&set, &m->arena, n_kv)) return hln_gguf__err(g, HLN_ERR_NOMEM, g->pos, "%s", "out of memory");
    for (i = 0; i < n_kv; i++) {
        hln_str key;
        uint64_t at = g->pos;
        hln_gguf__at(g, "metadata", i, NULL, "key");
        if ((r = hln_gguf__str(g, &key, 1, HLN_MAX_NAME, "key")) != HLN_OK) return r;
        kv[i].key = hln_arena_strndup(&m->arena, key.ptr, (size_t)key.len);
        kv[i].byte_offset = at;
        if (!kv[i].key) return hln_gguf__err(g, HLN_ERR_NOMEM, at, "%s", "out of memory");
        hln_gguf__at(g, "metadata", i, kv[i].key, "value");
        if ((r = hln_gguf__value(g, &kv[i])) != HLN_OK) return r;
    }
    /* duplicate keys */
    {
        const char **names = (const char **)hln_arena_array(&m->arena, n_kv ? n_kv : 1, sizeof(char *));
        if (!names) return hln_gguf__err(g, HLN_ERR_NOMEM, g->pos, "%s", "out of memory");
        for (i = 0; i < n_kv; i++) {
            names[i] = kv[i].key;
            if (!hln_gguf__nameset_add(&set, names, (uint32_t)i))
                return hln_error_set(g->err, HLN_ERR_DUPLICATE, kv[i].byte_offset, "metadata",
                                     "metadata key '%.100s' appears twice", kv[i].key);
        }
    }
    for (i = 0; i < n_kv; i++) {
        if (strcmp(kv[i].key, "general.alignment") != 0) continue;
        {
            int64_t a;
            if (!hln_kv_as_i64(&kv[i], &a) || a <= 0 || (a & (a - 1)) != 0)
                return hln_error_set(g->err, HLN_ERR_RANGE, kv[i].byte_offset, "metadata 'general.alignment'",
                                     "general.alignment must be a power of two, got %lld",
                                     (long long)(hln_kv_as_i64(&kv[i], &a) ? a : -1));
            alignment = (uint64_t)a;
        }
    }

    ts = (hln_tensor *)hln_arena_array(&m->arena, n_tensors ? n_tensors : 1, sizeof *ts);
    if (!ts) return hln_gguf__err(g, HLN_ERR_NOMEM, g->pos, "%s", "out of memory");
    for (i = 0; i < n_tensors; i++) {
        hln_tensor *t = &ts[i];
        hln_str name;
        uint32_t n_dims, type, d;
        uint64_t ne[HLN_GGUF_MAX_DIMS], n = 1, at = g->pos;
        const hln_dtype_info *info;
        int ok;
        hln_gguf__at(g, "tensor_info", i, NULL, "name");
        if ((r = hln_gguf__str(g, &name, 1, HLN_MAX_NAME, "tensor name")) != HLN_OK) return r;
        t->name = hln_arena_strndup(&m->arena, name.ptr, (size_t)name.len);
        if (!t->name) return hln_gguf__err(g, HLN_ERR_NOMEM, at, "%s", "out of memory");
        hln_gguf__at(g, "tensor_info", i, t->name, "n_dims");
        if ((r = hln_gguf__u32(g, &n_dims, "n_dims")) != HLN_OK) return r;
        if (n_dims > HLN_GGUF_MAX_DIMS)
            return hln_gguf__err(g, HLN_ERR_LIMIT, g->pos - 4, "n_dims %" PRIu32 " exceeds the maximum of %d", n_dims, HLN_GGUF_MAX_DIMS);
        g->field = "dims";
        for (d = 0; d < n_dims; d++) {
            uint64_t dat = g->pos;
            if ((r = hln_gguf__count(g, &ne[d], "dimension")) != HLN_OK) return r;
            if (ne[d] > (uint64_t)INT64_MAX)
                return hln_gguf__err(g, HLN_ERR_RANGE, dat, "dimension %" PRIu32 " is %llu, beyond int64",
                                     d, (unsigned long long)ne[d]);
            if (hln_mul_overflow(n, ne[d], &n))
                return hln_gguf__err(g, HLN_ERR_OVERFLOW, dat, "the product of the dimensions overflows 64 bits (at dimension %" PRIu32 ")", d);
        }
        g->field = "type";
        if ((r = hln_gguf__u32(g, &type, "type")) != HLN_OK) return r;
        t->dtype = hln_dtype_from_ggml(type);
        t->native_type = (int32_t)type;
        if (t->dtype == HLN_DTYPE_UNKNOWN)
            return hln_gguf__err(g, HLN_ERR_TYPE, g->pos - 4, "ggml type %" PRIu32 " is %s", type,
                                 type == 4 || type == 5 ? "Q4_2/Q4_3, removed from ggml" :
                                 (type >= 31 && type <= 33) || type == 37 || type == 38 ? "a removed repacked type (or a bitnet.cpp activation/TL type), never valid in a file" :
                                 "unknown");
        info = hln_dtype_get(t->dtype);
        if (n_dims > 0 && ne[0] % info->block_size != 0)
            return hln_gguf__err(g, HLN_ERR_LAYOUT, g->pos - 4, "row length %llu is not a multiple of the %s block size %" PRIu32 "",
                                 (unsigned long long)ne[0], info->name, info->block_size);
        t->n_elements = n;
        t->n_bytes = hln_dtype_nbytes(t->dtype, n, &ok);
        if (!ok) return hln_gguf__err(g, HLN_ERR_OVERFLOW, g->pos - 4, "tensor byte size overflows");
        g->field = "offset";
        if ((r = hln_gguf__need(g, 8, "offset")) != HLN_OK) return r;   /* u64 in every version */
        t->offset = hln_gguf__uint(g, g->pos, 8);
        g->pos += 8;
        if (t->offset % alignment)
            return hln_gguf__err(g, HLN_ERR_LAYOUT, g->pos - 8, "data offset %llu is not a multiple of the alignment %llu",
                                 (unsigned long long)t->offset, (unsigned long long)alignment);
        t->n_dims = n_dims;
        t->dims = (int64_t *)hln_arena_array(&m->arena, n_dims ? n_dims : 1, sizeof(int64_t));
        if (!t->dims) return hln_gguf__err(g, HLN_ERR_NOMEM, at, "%s", "out of memory");
        for (d = 0; d < n_dims; d++) t->dims[d] = (int64_t)ne[n_dims - 1 - d];   /* outermost first */
        t->file = file_index;
    }
    {
        uint64_t data_offset = g->pos + (alignment - g->pos % alignment) % alignment;
        m->files[file_index].data_offset = data_offset;
        m->files[file_index].header_bytes = g->pos;
        for (i = 0; i < n_tensors; i++) {
            hln_tensor *t = &ts[i];
            uint64_t avail = g->size > data_offset ? g->size - data_offset : 0;
            if (t->offset > avail || t->n_bytes > avail - t->offset) {
                hln_gguf__at(g, "tensor_info", i, t->name, "offset");
                return hln_gguf__err(g, HLN_ERR_TRUNCATED, data_offset + t->offset,
                                     "tensor data (offset %llu, %llu bytes) extends past the end of the file (data section has %llu bytes)",
                                     (unsigned long long)t->offset, (unsigned long long)t->n_bytes, (unsigned long long)avail);
            }
            t->file_offset = data_offset + t->offset;
            t->data = g->base + t->file_offset;
        }
        if (primary) {
            m->alignment = alignment;
            m->version = g->version;
            m->big_endian = g->be;
        }
    }
    hln_gguf__hparams(m, kv, (uint32_t)n_kv);
    *tensors = ts;
    *n_tensors_out = (uint32_t)n_tensors;
    *kvs = kv;
    *n_kv_out = (uint32_t)n_kv;
    return HLN_OK;
}

static hln_result hln_gguf__check_names(hln_model *m, hln_error *err) {
    hln__nameset set;
    const char **names = (const char **)hln_arena_array(&m->arena, m->n_tensors ? m->n_tensors : 1, sizeof(char *));
    uint32_t i;
    if (!names || !hln_gguf__nameset_init(&set, &m->arena, m->n_tensors))
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    for (i = 0; i < m->n_tensors; i++) {
        names[i] = m->tensors[i].name;
        if (!hln_gguf__nameset_add(&set, names, i))
            return hln_error_set(err, HLN_ERR_DUPLICATE, m->files[m->tensors[i].file].header_bytes, "tensor_info",
                                 "tensor name '%.100s' appears twice", m->tensors[i].name);
    }
    return HLN_OK;
}

static hln_result hln_gguf__new(const hln_gguf_options *opts, hln_model **out, hln_error *err) {
    hln_result r = hln_model_create(opts ? &opts->allocator : NULL, out);
    if (r) return hln_error_set(err, r, 0, "", "out of memory");
    (*out)->format = HLN_FORMAT_GGUF;
    return HLN_OK;
}

static hln_result hln_gguf__add_buffer(hln_model *m, const void *data, uint64_t size, uint32_t *index) {
    hln_file *files = (hln_file *)hln_arena_array(&m->arena, (uint64_t)m->n_files + 1, sizeof *files);
    if (!files) return HLN_ERR_NOMEM;
    if (m->n_files) memcpy(files, m->files, m->n_files * sizeof *files);
    files[m->n_files].data = (const uint8_t *)data;
    files[m->n_files].size = size;
    m->files = files;
    *index = m->n_files++;
    return HLN_OK;
}

static hln_result hln_gguf__parse_file(hln_model *m, uint32_t file_index, int primary, hln_error *err,
                                       hln_tensor **ts, uint32_t *nt) {
    hln__gguf g;
    hln_kv *kv = NULL;
    uint32_t nkv = 0;
    hln_result r;
    memset(&g, 0, sizeof g);
    g.base = m->files[file_index].data;
    g.size = m->files[file_index].size;
    g.m = m;
    g.err = err;
    r = hln_gguf__parse_part(&g, file_index, primary, ts, nt, &kv, &nkv);
    if (r == HLN_OK && primary) {
        m->kv = kv;
        m->n_kv = nkv;
        m->kv_count_file = nkv;
    }
    return r;
}

HLN_DEF hln_result hln_gguf_parse(const hln_gguf_options *opts, const void *data, uint64_t size,
                                  hln_model **out, hln_error *err) {
    hln_model *m;
    uint32_t idx;
    hln_result r;
    *out = NULL;
    if (!data && size) return hln_error_set(err, HLN_ERR_ARG, 0, "", "NULL buffer");
    if ((r = hln_gguf__new(opts, &m, err)) != HLN_OK) return r;
    if (hln_gguf__add_buffer(m, data ? data : "", size, &idx) != HLN_OK) {
        hln_model_free(m);
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    r = hln_gguf__parse_file(m, idx, 1, err, &m->tensors, &m->n_tensors);
    if (r == HLN_OK) r = hln_gguf__check_names(m, err);
    if (r != HLN_OK) { hln_model_free(m); return r; }
    m->split_count = 1;
    *out = m;
    return HLN_OK;
}

#ifndef HLN_NO_STDIO
/* "dir/name-00002-of-00005.gguf" -> prefix length of "dir/name-", count, number (1-based). */
static int hln_gguf__split_name(const char *path, size_t *prefix, unsigned *no, unsigned *count) {
    size_t n = strlen(path);
    const char *s;
    unsigned a = 0, b = 0, k;
    if (n < 20 || strcmp(path + n - 5, ".gguf") != 0) return 0;
    s = path + n - 5 - 15;               /* "-00001-of-00002" */
    if (s[0] != '-' || memcmp(s + 6, "-of-", 4) != 0) return 0;
    for (k = 1; k <= 5; k++) {
        if (s[k] < '0' || s[k] > '9' || s[k + 9] < '0' || s[k + 9] > '9') return 0;
        a = a * 10 + (unsigned)(s[k] - '0');
        b = b * 10 + (unsigned)(s[k + 9] - '0');
    }
    *prefix = (size_t)(s - path);
    *no = a;
    *count = b;
    return 1;
}

HLN_DEF hln_result hln_gguf_load_file(const hln_gguf_options *opts, const char *path,
                                      hln_model **out, hln_error *err) {
    hln_model *m;
    hln_result r;
    uint32_t idx, k, split_count = 1, split_no = 0;
    const hln_kv *kc, *kn;
    hln_tensor **part_ts = NULL;
    uint32_t *part_n = NULL;
    const hln_file_io *io = opts ? &opts->io : NULL;
    *out = NULL;
    if ((r = hln_gguf__new(opts, &m, err)) != HLN_OK) return r;
    if ((r = hln_model_map_file(m, io, path, &idx, err)) != HLN_OK) { hln_model_free(m); return r; }
    r = hln_gguf__parse_file(m, idx, 1, err, &m->tensors, &m->n_tensors);
    if (r != HLN_OK) goto fail;
    kc = hln_model_find_kv(m, "split.count");
    kn = hln_model_find_kv(m, "split.no");
    if (kc && kn && !(opts && opts->no_split)) {
        int64_t c, no;
        if (!hln_kv_as_i64(kc, &c) || !hln_kv_as_i64(kn, &no) || c < 1 || c > 99999 || no < 0 || no >= c) {
            r = hln_error_set(err, HLN_ERR_RANGE, kc->byte_offset, "metadata 'split.count'",
                              "split.no / split.count out of range");
            goto fail;
        }
        split_count = (uint32_t)c;
        split_no = (uint32_t)no;
    }
    if (split_count > 1) {
        size_t prefix;
        unsigned no1, cnt;
        if (!hln_gguf__split_name(path, &prefix, &no1, &cnt) || cnt != split_count || no1 != split_no + 1) {
            r = hln_error_set(err, HLN_ERR_PATH, kc->byte_offset, "metadata 'split.count'",
                              "split part %" PRIu32 " of %" PRIu32 ", but the file name is not NAME-%05" PRIu32 "-of-%05" PRIu32 ".gguf",
                              split_no + 1, split_count, split_no + 1, split_count);
            goto fail;
        }
        part_ts = (hln_tensor **)hln_arena_array(&m->arena, split_count, sizeof *part_ts);
        part_n = (uint32_t *)hln_arena_array(&m->arena, split_count, sizeof *part_n);
        if (!part_ts || !part_n) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto fail; }
        m->files[0].part = split_no;
        part_ts[split_no] = m->tensors;
        part_n[split_no] = m->n_tensors;
        for (k = 0; k < split_count; k++) {
            char sib[4096];
            uint32_t fi;
            if (k == split_no) continue;
            if (prefix + 22 >= sizeof sib) { r = hln_error_set(err, HLN_ERR_PATH, 0, "", "path too long"); goto fail; }
            memcpy(sib, path, prefix);
            snprintf(sib + prefix, sizeof sib - prefix, "-%05" PRIu32 "-of-%05" PRIu32 ".gguf", k + 1, split_count);
            if ((r = hln_model_map_file(m, io, sib, &fi, err)) != HLN_OK) {
                if (r != HLN_ERR_NOMEM && err)
                    snprintf(err->message, sizeof err->message, "split part %" PRIu32 " of %" PRIu32 " is missing or unreadable", k + 1, split_count);
                goto fail;
            }
            m->files[fi].part = k;
            hln_error_file(err, sib);
            if ((r = hln_gguf__parse_file(m, fi, 0, err, &part_ts[k], &part_n[k])) != HLN_OK) goto fail;
        }
        {   /* tensors in part order */
            uint64_t total = 0;
            hln_tensor *all;
            for (k = 0; k < split_count; k++) total += part_n[k];
            all = (hln_tensor *)hln_arena_array(&m->arena, total ? total : 1, sizeof *all);
            if (!all || total > UINT32_MAX) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); goto fail; }
            total = 0;
            for (k = 0; k < split_count; k++) {
                memcpy(all + total, part_ts[k], part_n[k] * sizeof *all);
                total += part_n[k];
            }
            m->tensors = all;
            m->n_tensors = (uint32_t)total;
        }
        hln_error_file(err, path);
    }
    if ((r = hln_gguf__check_names(m, err)) != HLN_OK) goto fail;
    m->split_count = split_count;
    *out = m;
    return HLN_OK;
fail:
    hln_model_free(m);
    return r;
}
#endif

/* ---- writer ---- */
typedef struct hln_gguf__w { hln_write_fn write; void *user; uint64_t pos; int failed; } hln_gguf__w;

static void hln_gguf__put(hln_gguf__w *w, const void *p, size_t n) {
    if (w->failed || n == 0) return;
    if (!w->write(w->user, p, n)) w->failed = 1;
    w->pos += n;
}
static void hln_gguf__put_u(hln_gguf__w *w, uint64_t v, unsigned n) {
    uint8_t b[8];
    unsigned i;
    for (i = 0; i < n; i++) b[i] = (uint8_t)(v >> (8 * i));
    hln_gguf__put(w, b, n);
}
static void hln_gguf__put_str(hln_gguf__w *w, const char *s, uint64_t len) {
    hln_gguf__put_u(w, len, 8);
    hln_gguf__put(w, s, (size_t)len);
}

/* Re-encodes one array element little-endian (views of big-endian files are swapped). */
static void hln_gguf__put_elem(hln_gguf__w *w, const hln_kv *e) {
    switch (e->type) {
    case HLN_KV_U8: case HLN_KV_BOOL: case HLN_KV_I8: hln_gguf__put_u(w, e->type == HLN_KV_I8 ? (uint64_t)e->v.i : e->v.u, 1); break;
    case HLN_KV_U16: hln_gguf__put_u(w, e->v.u, 2); break;
    case HLN_KV_I16: hln_gguf__put_u(w, (uint64_t)e->v.i, 2); break;
    case HLN_KV_U32: hln_gguf__put_u(w, e->v.u, 4); break;
    case HLN_KV_I32: hln_gguf__put_u(w, (uint64_t)e->v.i, 4); break;
    case HLN_KV_U64: hln_gguf__put_u(w, e->v.u, 8); break;
    case HLN_KV_I64: hln_gguf__put_u(w, (uint64_t)e->v.i, 8); break;
    case HLN_KV_F32: { float f = (float)e->v.f; uint32_t u; memcpy(&u, &f, 4); hln_gguf__put_u(w, u, 4); break; }
    case HLN_KV_F64: { uint64_t u; memcpy(&u, &e->v.f, 8); hln_gguf__put_u(w, u, 8); break; }
    case HLN_KV_STRING: hln_gguf__put_str(w, e->v.s.ptr, e->v.s.len); break;
    case HLN_KV_ARRAY: {
        hln_kv_iter it;
        hln_kv sub;
        hln_gguf__put_u(w, e->v.a.type, 4);
        hln_gguf__put_u(w, e->v.a.count, 8);
        if (!e->v.a.big_endian && e->v.a.type != HLN_KV_ARRAY) { hln_gguf__put(w, e->v.a.data, (size_t)e->v.a.n_bytes); break; }
        hln_kv_iter_init(&it, &e->v.a);
        while (hln_kv_iter_next(&it, &sub)) hln_gguf__put_elem(w, &sub);
        break;
    }
    default: w->failed = 1;
    }
}

/* Counts what a bytes callback writes, so the writer can check it wrote n_bytes. */
static int hln_gguf__put_cb(void *user, const void *p, size_t n) {
    hln_gguf__w *w = (hln_gguf__w *)user;
    hln_gguf__put(w, p, n);
    return !w->failed;
}

HLN_DEF hln_result hln_gguf_write(const hln_model *m, hln_write_fn write, void *user, hln_error *err) {
    return hln_gguf_write_from(m, NULL, NULL, write, user, err);
}

HLN_DEF hln_result hln_gguf_write_from(const hln_model *m, hln_tensor_bytes_fn bytes, void *bytes_user,
                                       hln_write_fn write, void *user, hln_error *err) {
    hln_gguf__w w;
    uint64_t alignment = m->alignment ? m->alignment : 32, offset = 0;
    uint32_t i, d;
    static const uint8_t zeros[64] = { 0 };
    memset(&w, 0, sizeof w);
    w.write = write;
    w.user = user;
    if (m->big_endian)   /* tensor bytes would need swapping element by element */
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "", "writing a big-endian model is not supported");
    for (i = 0; i < m->n_tensors; i++)
        if ((!bytes && !m->tensors[i].data) || hln_dtype_get(m->tensors[i].dtype)->ggml_id < 0 || m->tensors[i].n_dims > HLN_GGUF_MAX_DIMS)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "tensors", "tensor '%.100s' cannot be written as GGUF",
                                 m->tensors[i].name);
    hln_gguf__put(&w, "GGUF", 4);
    hln_gguf__put_u(&w, 3, 4);
    hln_gguf__put_u(&w, m->n_tensors, 8);
    hln_gguf__put_u(&w, m->n_kv, 8);
    for (i = 0; i < m->n_kv; i++) {
        hln_gguf__put_str(&w, m->kv[i].key, strlen(m->kv[i].key));
        hln_gguf__put_u(&w, m->kv[i].type, 4);
        hln_gguf__put_elem(&w, &m->kv[i]);
    }
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        hln_gguf__put_str(&w, t->name, strlen(t->name));
        hln_gguf__put_u(&w, t->n_dims, 4);
        for (d = 0; d < t->n_dims; d++) hln_gguf__put_u(&w, (uint64_t)t->dims[t->n_dims - 1 - d], 8);
        hln_gguf__put_u(&w, (uint64_t)hln_dtype_get(t->dtype)->ggml_id, 4);
        hln_gguf__put_u(&w, offset, 8);
        offset += t->n_bytes + (alignment - t->n_bytes % alignment) % alignment;
    }
    for (i = 0; i <= m->n_tensors && !w.failed; i++) {
        uint64_t pad = (alignment - w.pos % alignment) % alignment;
        while (pad) {
            size_t n = pad > sizeof zeros ? sizeof zeros : (size_t)pad;
            hln_gguf__put(&w, zeros, n);
            pad -= n;
        }
        if (i == m->n_tensors) break;
        if (!bytes) { hln_gguf__put(&w, m->tensors[i].data, (size_t)m->tensors[i].n_bytes); continue; }
        {
            uint64_t start = w.pos;
            hln_result r = bytes(bytes_user, m, i, hln_gguf__put_cb, &w, err);
            if (r != HLN_OK) return r;
            if (!w.failed && w.pos - start != m->tensors[i].n_bytes)
                return hln_error_set(err, HLN_ERR_ARG, w.pos, "tensors", "tensor '%.100s': %llu bytes were written, not %llu",
                                     m->tensors[i].name, (unsigned long long)(w.pos - start),
                                     (unsigned long long)m->tensors[i].n_bytes);
        }
    }
    if (w.failed) return hln_error_set(err, HLN_ERR_IO, w.pos, "", "write failed");
    return HLN_OK;
}

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_GGUF_IMPLEMENTATION */

/*
   HISTORY
     0.1.x  hln_gguf_write_from: the writer streams tensor bytes from a callback.
     0.1.0  GGUF v1-v3 reader (LE and BE), split models, writer.

   LICENSE (MIT)
   Copyright (c) 2026 the HaoLine authors
   Permission is hereby granted, free of charge, to any person obtaining a copy of this
   software and associated documentation files (the "Software"), to deal in the Software
   without restriction, including without limitation the rights to use, copy, modify, merge,
   publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
   to whom the Software is furnished to do so, subject to the following conditions:
   The above copyright notice and this permission notice shall be included in all copies or
   substantial portions of the Software.
   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
*/
