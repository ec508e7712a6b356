/* haoline_safetensors.h - v0.1 - SafeTensors reader and writer for the HaoLine IR. MIT license.

   Reads a .safetensors file (8-byte little-endian header length, JSON header, byte buffer)
   from a memory buffer into an hln_model: every tensor of the header in file order, the
   free-form "__metadata__" string map as model KVs. Weights are never read or copied:
   tensors are views into the buffer. hln_st_load_file() maps a file; given a sharded
   index (model.safetensors.index.json) it loads every shard it names into one model, and
   it reads a Hugging Face config.json found beside the file for the hyperparameters.

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_safetensors.h"

       hln_st_options opts = {0};   // or: memset(&opts, 0, sizeof opts) in C++
       hln_model *m; hln_error err;
       if (hln_st_load_file(&opts, "model.safetensors", &m, &err) == HLN_OK) {
           printf("%u tensors, first %s\n", m->n_tensors, m->n_tensors ? m->tensors[0].name : "-");
           hln_model_free(m);
       } else fprintf(stderr, "%s: offset %llu: %s: %s\n", err.file,
                      (unsigned long long)err.byte_offset, err.path, err.message);

   THE HEADER IS UNTRUSTED. It is parsed by a bounded, non-recursive JSON tokenizer (jsmn
   style: one pass into a token array that grows with the input, never recursion):
     - the header must be valid UTF-8, begin with '{', be one JSON object, and may be
       followed by JSON whitespace only; duplicate keys are rejected in every object read;
     - strings: every escape incl. \uXXXX and surrogate pairs (lone surrogates rejected);
       U+0000 is rejected (names are C strings); raw control characters are rejected;
     - integers are read exactly as uint64 (no double anywhere, locale-independent): a
       sign, fraction, exponent or a value above 18446744073709551615 is an error;
     - each tensor entry has exactly "dtype" (a SafeTensors dtype), "shape" (array of
       integers, rank <= HLN_MAX_DIMS) and "data_offsets" ([begin, end], begin <= end);
       prod(shape) in that dtype must be end - begin bytes;
     - the tensors, sorted by offset, must tile the byte buffer exactly: no gap, no overlap,
       no trailing bytes (zero-size tensors may share an offset).
   Errors carry the absolute byte offset in the file (8 + position in the header), a path
   such as "header['model.embed_tokens.weight'].shape[1]" and a message.

   SHARDED MODELS: hln_st_load_file("dir/model.safetensors.index.json") reads
   {"metadata": {"total_size": N}, "weight_map": {tensor: shard}}. Shard names must be plain
   names (no '/', '\\', ':', no "..", not empty): they resolve inside the index's
   directory. The distinct shards are loaded in byte-wise sorted order of their names:
   model->files[k] is the k-th shard and tensor.file its index; tensors come shard by shard,
   each in header order. The model KVs are the first shard's __metadata__. Every tensor of
   the weight_map must be in the shard it names, every tensor of a shard must be listed,
   no name may appear twice, and metadata.total_size (when present) must equal the sum of
   tensor bytes. The index file itself is not kept in model->files.

   CONFIG.JSON: when loading from a file, a "config.json" in the same directory (if present
   and readable) fills model->hp: model_type, num_hidden_layers, num_attention_heads,
   num_key_value_heads, hidden_size, head_dim, max_position_embeddings, intermediate_size,
   vocab_size, num_local_experts / num_experts, num_experts_per_tok (looked up in
   "text_config" when absent at the top). A config.json that cannot be read or parsed is
   ignored: it is advice, not part of the model file.

   WRITER: hln_st_write() writes a model as one .safetensors file: STRING KVs become
   "__metadata__" (other KV types are skipped), tensors in model order with contiguous
   offsets, the header padded with spaces to a multiple of 8 bytes.

   LIMITS (override before including)
       (JSON nesting depth: HLN_JSON_MAX_DEPTH of haoline_ir.h, default 64)
       HLN_ST_MAX_HEADER   header / index / config bytes (default 100000000, the format's cap)
   SPEED: headers of the usual shape (ASCII, no escapes, tensor entries and a flat
   __metadata__) are read by a one-pass recognizer that builds the tensors straight from the
   bytes; any other header, and every error, goes through the general tokenizer, which gives
   the same model (hln_st_options.reference_parser forces it; the tests compare the two).
   Scratch memory while parsing is at most 20 bytes per JSON token (a token takes at least
   two header bytes), freed before the parse returns; names and shapes go to the model arena.
   Shard files are opened by name beside the index and may be symlinks (Hugging Face caches
   are made of them).

   FUNCTIONS
     hln_st_parse         a .safetensors in memory -> hln_model (tensors are views)
     hln_st_load_file     a file, or a sharded model through model.safetensors.index.json, with
                          config.json / quantize_config.json beside it, through hln_file_io
     hln_st_write         a model as one .safetensors; hln_st_write_from streams the bytes
   DOES NOT
     analyse, convert dtypes, follow paths that leave the model's folder, or include another
     format header.
*/
#ifndef HAOLINE_SAFETENSORS_H
#define HAOLINE_SAFETENSORS_H

#include "haoline_ir.h"

#define HAOLINE_SAFETENSORS_VERSION_MAJOR 0
#define HAOLINE_SAFETENSORS_VERSION_MINOR 1
#define HAOLINE_SAFETENSORS_VERSION_PATCH 0

#ifndef HLN_ST_MAX_HEADER
#define HLN_ST_MAX_HEADER 100000000u
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_st_options {
    hln_allocator allocator;   /* zero: libc */
    int reference_parser;      /* 1: skip the one-pass fast path and always run the general
                                  tokenizer (the tests compare the two; results are the same) */
    hln_file_io   io;          /* hln_st_load_file's file access (shards, index, config.json
                                  too); zero: the platform's */
} hln_st_options;

/* Parses one .safetensors file held in memory; the buffer must outlive the model. The model
   gets one files[] entry with path NULL. */
HLN_DEF hln_result hln_st_parse(const hln_st_options *opts, const void *data, uint64_t size,
                                hln_model **out, hln_error *err);

/* Writes m as one .safetensors file through write(user, bytes, n). */
HLN_DEF hln_result hln_st_write(const hln_model *m, hln_write_fn write, void *user, hln_error *err);
/* The same, streaming: tensor bytes come from bytes(bytes_user, m, i, ...) in tensor order
   (tensor.data is not read); header first, nothing buffered. bytes NULL: tensor.data. */
HLN_DEF hln_result hln_st_write_from(const hln_model *m, hln_tensor_bytes_fn bytes, void *bytes_user,
                                     hln_write_fn write, void *user, hln_error *err);

#ifndef HLN_NO_STDIO
/* Maps path; a name ending in ".json" is a sharded index (see above). */
HLN_DEF hln_result hln_st_load_file(const hln_st_options *opts, const char *path,
                                    hln_model **out, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_SAFETENSORS_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_SAFETENSORS_IMPLEMENTATION)) && !defined(HAOLINE_SAFETENSORS_IMPLEMENTED)
#define HAOLINE_SAFETENSORS_IMPLEMENTED

#include <string.h>
#include <stdio.h>    /* snprintf */
#include <stdlib.h>   /* qsort */
#if defined(__SSE2__)
#include <emmintrin.h> /* the header's string scan, 16 bytes a step */
#endif

#ifndef HLN_MALLOC
#define HLN_MALLOC(sz) malloc(sz)
#define HLN_FREE(p) free(p)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- scratch memory (freed before returning; the model arena keeps only results) ---- */
static void *hln_st__alloc(const hln_allocator *a, size_t n) {
    return a->alloc ? a->alloc(a->user, n) : HLN_MALLOC(n);
}
static void hln_st__free(const hln_allocator *a, void *p) {
    if (!p) return;
    if (a->free) a->free(a->user, p); else HLN_FREE(p);
}

/* ---- UTF-8: returns 1, or 0 with *bad = offset of the first byte of the bad sequence ---- */
static int hln_st__utf8(const uint8_t *s, uint64_t len, uint64_t *bad) {
    uint64_t i = 0;
    while (i < len) {
        uint8_t c;
        uint32_t cp;
        unsigned n, k;
        while (len - i >= 8) {   /* ASCII, 8 bytes at a time */
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i == len) break;
        c = s[i];
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1Fu; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0Fu; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07u; }
        else { *bad = i; return 0; }
        if (n > len - i - 1) { *bad = i; return 0; }
        for (k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) { *bad = i; return 0; }
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF)) { *bad = i; return 0; }
        i += n + 1;
    }
    return 1;
}

/* ---- name sets (duplicate detection by hashing) ---- */
/* Slots hold (hash << 32) | (index + 1): most probes are settled without touching a name. */
typedef struct hln_st__set { uint64_t *slots; uint32_t mask; uint64_t seed; const hln_str *names; } hln_st__set;

/* 8 bytes per step: names are long and share prefixes ("model.layers.N.").
   Each step is one xor and one multiply by an odd constant (a bijection: names of one length
   that differ anywhere still differ before the final mix, which brings high bits down). */
static uint32_t hln_st__hash(const char *s, uint64_t n, uint64_t seed) {
    uint64_t h = (0x9E3779B97F4A7C15ull ^ n) + seed, w = 0;
    uint32_t k;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    }
    for (w = 0, k = 0; k < n; k++) w |= (uint64_t)(uint8_t)s[k] << (8 * k);
    h = (h ^ w) * 0x94D049BB133111EBull;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    return (uint32_t)(h ^ (h >> 32));
}

static int hln_st__set_init(hln_st__set *set, const hln_allocator *a, const hln_str *names, uint64_t n) {
    uint64_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    set->names = names;
    set->mask = (uint32_t)(cap - 1);
    set->slots = cap <= SIZE_MAX / sizeof(uint64_t) ? (uint64_t *)hln_st__alloc(a, (size_t)cap * sizeof(uint64_t)) : NULL;
    if (set->slots) memset(set->slots, 0, (size_t)cap * sizeof(uint64_t));
    /* an address-dependent seed (ASLR) so that a header cannot be crafted to collide; results
       do not depend on it, only probe counts do */
    set->seed = (uint64_t)(uintptr_t)set->slots * 0x9E3779B97F4A7C15ull;
    return set->slots != NULL;
}

/* Index of an entry equal to s, or -1; with add, s is names[index] and is inserted when new. */
static int64_t hln_st__set_find(hln_st__set *set, const char *s, uint64_t len, int add, uint32_t index) {
    uint32_t h = hln_st__hash(s, len, set->seed), i = h & set->mask;
    uint64_t slot;
    while ((slot = set->slots[i]) != 0) {
        uint32_t e = (uint32_t)slot - 1;
        if ((uint32_t)(slot >> 32) == h && set->names[e].len == len && memcmp(set->names[e].ptr, s, (size_t)len) == 0)
            return e;
        i = (i + 1) & set->mask;
    }
    if (add) set->slots[i] = (uint64_t)h << 32 | (uint64_t)(index + 1);
    return -1;
}

/* Decodes the keys of object obj into the arena and rejects a key that appears twice.
   keys[i] / vals[i] (value token) are scratch arrays for the caller to free. */
static hln_result hln_st__object(hln_json *j, uint32_t obj, hln_arena *a, hln_str **keys_out, uint32_t **vals_out,
                                 const char *path, const char *what) {
    uint32_t n = j->tok[obj].size, k, c;
    hln_str *keys = NULL;
    uint32_t *vals = NULL;
    hln_st__set set;
    hln_result r = HLN_OK;
    *keys_out = NULL;
    *vals_out = NULL;
    set.slots = NULL;
    keys = (hln_str *)hln_st__alloc(&j->alloc, (size_t)(n ? n : 1) * sizeof *keys);
    vals = (uint32_t *)hln_st__alloc(&j->alloc, (size_t)(n ? n : 1) * sizeof *vals);
    if (!keys || !vals || !hln_st__set_init(&set, &j->alloc, keys, n)) {
        r = hln_error_set(j->err, HLN_ERR_NOMEM, j->base + j->tok[obj].start, path, "out of memory");
        goto done;
    }
    for (k = 0, c = obj + 1; k < n; k++, c = j->tok[c + 1].next) {
        int64_t first;
        if ((r = hln_json_str(j, c, a, &keys[k], path)) != HLN_OK) goto done;
        vals[k] = c + 1;
        first = hln_st__set_find(&set, keys[k].ptr, keys[k].len, 1, k);
        if (first >= 0) {
            r = hln_error_set(j->err, HLN_ERR_DUPLICATE, j->base + j->tok[c].start - 1, path,
                              "key '%.80s' appears twice in %s", keys[k].ptr, what);
            goto done;
        }
    }
done:
    hln_st__free(&j->alloc, set.slots);
    if (r != HLN_OK) {
        hln_st__free(&j->alloc, keys);
        hln_st__free(&j->alloc, vals);
        return r;
    }
    *keys_out = keys;
    *vals_out = vals;
    return HLN_OK;
}

/* ---- one .safetensors file ---- */
typedef struct hln_st__span { uint64_t begin, end, at; uint32_t index; } hln_st__span;

static int hln_st__span_cmp(const void *a, const void *b) {
    const hln_st__span *x = (const hln_st__span *)a, *y = (const hln_st__span *)b;
    if (x->begin != y->begin) return x->begin < y->begin ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void hln_st__shape_text(char *buf, size_t cap, const int64_t *dims, uint32_t n) {
    size_t o = 0;
    uint32_t d;
    o += (size_t)snprintf(buf, cap, "[");
    for (d = 0; d < n && o < cap; d++)
        o += (size_t)snprintf(buf + o, cap - o, "%s%lld", d ? ", " : "", (long long)dims[d]);
    if (o < cap) snprintf(buf + o, cap - o, "]");
}

static hln_result hln_st__metadata(hln_json *j, uint32_t v, hln_model *m, hln_kv **kv_out, uint32_t *n_out) {
    hln_str *keys;
    uint32_t *vals, k;
    hln_kv *kv;
    hln_result r;
    char path[160];
    if (j->tok[v].type != HLN_JSON_OBJECT)
        return hln_error_set(j->err, HLN_ERR_TYPE, j->base + j->tok[v].start, "header['__metadata__']",
                             "__metadata__ is %s, not an object of strings", hln_json_kind(j, v));
    if ((r = hln_st__object(j, v, &m->arena, &keys, &vals, "header['__metadata__']", "__metadata__")) != HLN_OK) return r;
    kv = (hln_kv *)hln_arena_array(&m->arena, j->tok[v].size ? j->tok[v].size : 1, sizeof *kv);
    if (!kv) {
        r = hln_error_set(j->err, HLN_ERR_NOMEM, j->base + j->tok[v].start, "header['__metadata__']", "out of memory");
        goto done;
    }
    for (k = 0; k < j->tok[v].size; k++) {
        if (j->tok[vals[k]].type != HLN_JSON_STRING) {
            snprintf(path, sizeof path, "header['__metadata__']['%.80s']", keys[k].ptr);
            r = hln_error_set(j->err, HLN_ERR_TYPE, j->base + j->tok[vals[k]].start, path,
                              "__metadata__ value of '%.80s' is %s, not a string", keys[k].ptr, hln_json_kind(j, vals[k]));
            goto done;
        }
        kv[k].key = keys[k].ptr;
        kv[k].type = HLN_KV_STRING;
        kv[k].byte_offset = j->base + j->tok[vals[k] - 1].start - 1;
        if ((r = hln_json_str(j, vals[k], &m->arena, &kv[k].v.s, "header['__metadata__']")) != HLN_OK) goto done;
    }
    *kv_out = kv;
    *n_out = j->tok[v].size;
done:
    hln_st__free(&j->alloc, keys);
    hln_st__free(&j->alloc, vals);
    return r;
}

/* Error paths are built only on failure (a header has thousands of entries): this fills
   err->path with "header['NAME']FIELD" after hln_error_set. */
static hln_result hln_st__tpath(hln_json *j, hln_result r, const char *name, const char *field) {
    if (j->err) snprintf(j->err->path, sizeof j->err->path, "header['%.80s']%s", name, field);
    return r;
}

/* One tensor entry {"dtype", "shape", "data_offsets"} -> t (offsets checked later). */
static hln_result hln_st__tensor(hln_json *j, uint32_t v, hln_model *m, hln_tensor *t, hln_st__span *span,
                                 uint64_t avail) {
    uint32_t c, k, tk[3] = { 0, 0, 0 }, d;
    static const char *const names[3] = { "dtype", "shape", "data_offsets" };
    char field[32], shape[96];
    uint64_t n = 1, begin, end, nbytes, x;
    uint64_t at = j->base + j->tok[v].start;
    hln_result r;
    int ok;
    if (j->tok[v].type != HLN_JSON_OBJECT)
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_TYPE, at, "", "tensor entry is %s, not an object",
                                              hln_json_kind(j, v)), t->name, "");
    for (k = 0, c = v + 1; k < j->tok[v].size; k++, c = j->tok[c + 1].next) {
        const char *kp = j->text + j->tok[c].start;
        uint32_t f, kn = j->tok[c].end - j->tok[c].start;
        if (!j->tok[c].escaped)   /* the common spelling, compared inline */
            f = kn == 5 && memcmp(kp, "dtype", 5) == 0 ? 0 : kn == 5 && memcmp(kp, "shape", 5) == 0 ? 1 :
                kn == 12 && memcmp(kp, "data_offsets", 12) == 0 ? 2 : 3;
        else
            for (f = 0; f < 3 && !hln_json_is(j, c, names[f]); f++) {}
        if (f == 3) {
            const hln_json_tok *kt = &j->tok[c];
            return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_SYNTAX, j->base + kt->start - 1, "",
                                 "unknown key \"%.*s\" in a tensor entry (only dtype, shape and data_offsets)",
                                 (int)(kt->end - kt->start > 40 ? 40 : kt->end - kt->start), j->text + kt->start),
                                 t->name, "");
        }
        if (tk[f])
            return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_DUPLICATE, j->base + j->tok[c].start - 1, "",
                                 "key '%s' appears twice in the tensor entry", names[f]), t->name, "");
        tk[f] = c + 1;
    }
    for (k = 0; k < 3; k++)
        if (!tk[k])
            return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_SYNTAX, at, "", "tensor entry has no '%s'", names[k]),
                                 t->name, "");

    /* dtype */
    {
        const hln_json_tok *dt = &j->tok[tk[0]];
        char buf[32];
        size_t len = dt->end - dt->start;
        const char *s = j->text + dt->start;
        if (dt->type != HLN_JSON_STRING)
            return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_TYPE, j->base + dt->start, "", "dtype is %s, not a string",
                                                  hln_json_kind(j, tk[0])), t->name, ".dtype");
        if (dt->escaped && len <= sizeof buf) { len = hln_json_unescape(s, len, buf); s = buf; }
        t->dtype = len <= sizeof buf ? hln_dtype_from_st_name(s, len) : HLN_DTYPE_UNKNOWN;
        t->native_type = -1;
        if (t->dtype == HLN_DTYPE_UNKNOWN)
            return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_TYPE, j->base + dt->start, "", "unknown dtype \"%.*s\"",
                                 (int)(dt->end - dt->start > 40 ? 40 : dt->end - dt->start), j->text + dt->start),
                                 t->name, ".dtype");
    }

    /* shape */
    c = tk[1];
    if (j->tok[c].type != HLN_JSON_ARRAY)
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_TYPE, j->base + j->tok[c].start, "", "shape is %s, not an array",
                                              hln_json_kind(j, c)), t->name, ".shape");
    if (j->tok[c].size > HLN_MAX_DIMS)
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_LIMIT, j->base + j->tok[c].start, "",
                             "shape has %" PRIu32 " dimensions, more than HLN_MAX_DIMS (%d)", j->tok[c].size, HLN_MAX_DIMS),
                             t->name, ".shape");
    t->n_dims = j->tok[c].size;
    t->dims = (int64_t *)hln_arena_array(&m->arena, t->n_dims ? t->n_dims : 1, sizeof(int64_t));
    if (!t->dims) return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_NOMEM, at, "", "out of memory"), t->name, "");
    for (d = 0, c = tk[1] + 1; d < t->n_dims; d++, c = j->tok[c].next) {
        if (hln_json_u64(j, c, &x, NULL, NULL) != HLN_OK) {
            snprintf(field, sizeof field, "shape[%" PRIu32 "]", d);
            r = hln_json_u64(j, c, &x, "", field);
            snprintf(field, sizeof field, ".shape[%" PRIu32 "]", d);
            return hln_st__tpath(j, r, t->name, field);
        }
        if (x > (uint64_t)INT64_MAX || hln_mul_overflow(n, x, &n)) {
            snprintf(field, sizeof field, ".shape[%" PRIu32 "]", d);
            if (x > (uint64_t)INT64_MAX)
                r = hln_error_set(j->err, HLN_ERR_RANGE, j->base + j->tok[c].start, "",
                                  "shape[%" PRIu32 "] is %llu, beyond the int64 range of a dimension", d, (unsigned long long)x);
            else
                r = hln_error_set(j->err, HLN_ERR_OVERFLOW, j->base + j->tok[c].start, "",
                                  "the product of the dimensions overflows 64 bits");
            return hln_st__tpath(j, r, t->name, field);
        }
        t->dims[d] = (int64_t)x;
    }
    t->n_elements = n;

    /* data_offsets */
    c = tk[2];
    at = j->base + j->tok[c].start;
    if (j->tok[c].type != HLN_JSON_ARRAY || j->tok[c].size != 2)
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_SYNTAX, at, "",
                             "data_offsets must be an array [begin, end], not %s%s", hln_json_kind(j, c),
                             j->tok[c].type == HLN_JSON_ARRAY ? (j->tok[c].size < 2 ? " of fewer than 2 elements"
                                                                                   : " of more than 2 elements") : ""),
                             t->name, ".data_offsets");
    if (hln_json_u64(j, c + 1, &begin, NULL, NULL) != HLN_OK)
        return hln_st__tpath(j, hln_json_u64(j, c + 1, &begin, "", "data_offsets begin"), t->name, ".data_offsets[0]");
    if (hln_json_u64(j, c + 2, &end, NULL, NULL) != HLN_OK)
        return hln_st__tpath(j, hln_json_u64(j, c + 2, &end, "", "data_offsets end"), t->name, ".data_offsets[1]");
    if (begin > end)
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_LAYOUT, at, "",
                             "data_offsets [%llu, %llu]: begin is greater than end",
                             (unsigned long long)begin, (unsigned long long)end), t->name, ".data_offsets");
    nbytes = hln_dtype_nbytes(t->dtype, n, &ok);
    if (!ok)
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_OVERFLOW, at, "",
                             "the byte size of %llu %s elements overflows 64 bits",
                             (unsigned long long)n, hln_dtype_get(t->dtype)->name), t->name, ".data_offsets");
    if (nbytes != end - begin) {
        hln_st__shape_text(shape, sizeof shape, t->dims, t->n_dims);
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_LAYOUT, at, "",
                             "shape %s of %s is %llu bytes but data_offsets [%llu, %llu] span %llu bytes", shape,
                             hln_dtype_get(t->dtype)->name, (unsigned long long)nbytes, (unsigned long long)begin,
                             (unsigned long long)end, (unsigned long long)(end - begin)), t->name, ".data_offsets");
    }
    if (end > avail)
        return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_TRUNCATED, at, "",
                             "data_offsets end %llu is past the end of the %llu-byte data section",
                             (unsigned long long)end, (unsigned long long)avail), t->name, ".data_offsets");
    t->n_bytes = nbytes;
    t->offset = begin;
    span->begin = begin;
    span->end = end;
    span->at = at;
    return HLN_OK;
}

/* The tensors sorted by offset must tile [0, avail) exactly. */
static hln_result hln_st__tiling(hln_json *j, const hln_tensor *ts, hln_st__span *spans, uint32_t n, uint64_t avail) {
    uint64_t pos = 0;
    uint32_t k;
    for (k = 1; k < n && hln_st__span_cmp(&spans[k - 1], &spans[k]) < 0; k++) {}
    if (k < n) qsort(spans, n, sizeof *spans, hln_st__span_cmp);   /* writers usually emit offset order */
    for (k = 0; k < n; k++) {
        const hln_st__span *s = &spans[k];
        if (s->begin > pos)
            return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_LAYOUT, s->at, "",
                                 "gap of %llu bytes in the data section before tensor '%.60s' (it begins at %llu, "
                                 "the data before it ends at %llu)", (unsigned long long)(s->begin - pos),
                                 ts[s->index].name, (unsigned long long)s->begin, (unsigned long long)pos),
                                 ts[s->index].name, ".data_offsets");
        if (s->begin < pos)
            return hln_st__tpath(j, hln_error_set(j->err, HLN_ERR_LAYOUT, s->at, "",
                                 "tensor '%.60s' [%llu, %llu] overlaps tensor '%.60s' [%llu, %llu]", ts[s->index].name,
                                 (unsigned long long)s->begin, (unsigned long long)s->end, ts[spans[k - 1].index].name,
                                 (unsigned long long)spans[k - 1].begin, (unsigned long long)spans[k - 1].end),
                                 ts[s->index].name, ".data_offsets");
        pos = s->end;
    }
    if (pos != avail)
        return hln_error_set(j->err, HLN_ERR_LAYOUT, j->base + j->len, "data",
                             "the last %llu bytes of the %llu-byte data section belong to no tensor (the tensors end at %llu)",
                             (unsigned long long)(avail - pos), (unsigned long long)avail, (unsigned long long)pos);
    return HLN_OK;
}

/* ---- fast path: the common header, in one pass -----------------------------------------
   Nearly every header is ASCII, has no escapes and holds only tensor entries and a flat
   __metadata__ object of strings. For those this recognizer builds the tensors straight from
   the bytes, with no token array and no separate UTF-8 pass. Anything else (an escape, a
   non-ASCII byte, a number that is not a plain unsigned integer, an unexpected key, any
   error at all) makes it give up, and the general tokenizer parses the header again and
   reports precisely what is wrong. It accepts only headers the general path accepts and
   builds the same model (tests/test_safetensors.c compares the two on every corpus file and
   on mutations). A header it gives up on leaves at most its own size of unused arena bytes. */
#define HLN_ST__FP_GIVE_UP HLN_ERR_UNSUPPORTED

typedef struct hln_st__fp {
    const char    *s;
    uint32_t       n, i;
    hln_model     *m;
    hln_allocator  alloc;
    hln_tensor    *ts;          /* in the arena; regrown (copied) when the estimate was short */
    uint32_t       nt, cap;
    hln_kv        *kv;
    uint32_t       nkv;
    hln_str       *names;       /* scratch: the tensors' names, for the duplicate check (cap of them) */
    uint64_t       pos;         /* end of the previous tensor's data, while they come in order */
    int            in_order;
    hln_dtype      dt;          /* the last dtype name read, at s + dt_at */
    uint32_t       dt_at, dt_len;
    uint32_t       dt_size;     /* its bytes per element, 0 where hln_dtype_nbytes must say */
    uint32_t       end_at, end_len;   /* the digits of the last compact entry's end offset (0: none) */
    uint64_t       dt_word;     /* the 8 bytes from the last compact dtype's first (0: none) */
} hln_st__fp;

/* JSON whitespace is rare in headers: one compare settles the usual case. */
static inline void hln_st__fp_ws(hln_st__fp *p) {
    while (p->i < p->n && (unsigned char)p->s[p->i] <= ' ') {
        char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        p->i++;
    }
}

static inline int hln_st__fp_char(hln_st__fp *p, char c) {
    hln_st__fp_ws(p);
    if (p->i < p->n && p->s[p->i] == c) { p->i++; return 1; }
    return 0;
}

/* The first byte from i on that is '"', '\\', a control or a non-ASCII byte; n if none. */
static uint32_t hln_st__plain_end(const char *s, uint32_t i, uint32_t n) {
#if defined(__SSE2__) && defined(HLN__CTZ64)
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    for (; n - i >= 16; i += 16) {   /* as signed bytes, controls and non-ASCII are below 0x20 */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned hit = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)), _mm_cmplt_epi8(v, space)));
        if (hit) return i + (uint32_t)HLN__CTZ64(hit);
    }
#endif
    for (; n - i >= 8; i += 8) {
        uint64_t w, q, b, hit;
        memcpy(&w, s + i, 8);
        q = w ^ 0x2222222222222222ull;
        b = w ^ 0x5C5C5C5C5C5C5C5Cull;
        hit = (((q - 0x0101010101010101ull) & ~q) | ((b - 0x0101010101010101ull) & ~b) |
               ((w - 0x2020202020202020ull) & ~w) | w) & 0x8080808080808080ull;
#ifdef HLN__CTZ64
        if (hit) return i + ((uint32_t)HLN__CTZ64(hit) >> 3);   /* the lowest flag is exact */
#else
        if (hit) break;
#endif
    }
    while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x80 && s[i] != '"' && s[i] != '\\') i++;
    return i;
}

/* A plain ASCII string without escapes or control bytes: its body [*start, *start + *len). */
static int hln_st__fp_string(hln_st__fp *p, uint32_t *start, uint32_t *len) {
    uint32_t i;
    if (!hln_st__fp_char(p, '"')) return 0;
    i = hln_st__plain_end(p->s, *start = p->i, p->n);
    if (i == p->n || p->s[i] != '"') return 0;
    *len = i - *start;
    p->i = i + 1;
    return 1;
}

#ifdef HLN__CTZ64
/* Eight ASCII digits less '0', the first in the lowest byte, as their value: pairwise
   multiply-adds, 8 digits in three steps. */
static uint64_t hln_st__digits8(uint64_t d) {
    d = (d * 10 + (d >> 8)) & 0x00FF00FF00FF00FFull;
    d = (d * 100 + (d >> 16)) & 0x0000FFFF0000FFFFull;
    return (d * 10000 + (d >> 32)) & 0xFFFFFFFFull;
}

/* Which of the 8 bytes of w are not ASCII digits (their top bits), and w less '0' per byte. */
static uint64_t hln_st__nondigits(uint64_t w, uint64_t *d) {
    *d = w - 0x3030303030303030ull;
    return (*d | (*d + 0x7676767676767676ull)) & 0x8080808080808080ull;   /* byte < '0' or > '9' */
}
#endif

/* A plain unsigned integer of at most 19 digits (below 10^19: no overflow), no leading zero,
   at c: the end of it, or NULL. Where 16 bytes are there, up to 15 digits come from two
   8-byte words without a loop (the usual offset of 8-11 digits and the usual dim of 1-5 each
   take one pass); longer numbers and the end of the header go digit by digit. */
static inline const char *hln_st__uint(const char *c, const char *e, uint64_t *v) {
    const char *first = c;
    uint64_t x = 0;
#ifdef HLN__CTZ64
    if (e - c >= 16) {
        static const uint64_t pow10[8] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000 };
        uint64_t w0, w1, d0, d1, m0, m1;
        unsigned k;
        memcpy(&w0, c, 8);
        memcpy(&w1, c + 8, 8);
        m0 = hln_st__nondigits(w0, &d0);
        m1 = hln_st__nondigits(w1, &d1);
        if (m0) {   /* k of 0-7 digits, right-aligned with zeros above */
            k = (unsigned)HLN__CTZ64(m0) >> 3;
            if (k) x = hln_st__digits8(d0 << (64 - 8 * k));
            c += k;
            goto end;
        }
        if (m1) {
            k = (unsigned)HLN__CTZ64(m1) >> 3;
            x = hln_st__digits8(d0) * pow10[k] + (k ? hln_st__digits8(d1 << (64 - 8 * k)) : 0);
            c += 8 + k;
            goto end;
        }
    }
#endif
    while (c < e && (unsigned)(*c - '0') < 10 && c - first <= 19) x = x * 10 + (uint64_t)(*c++ - '0');
#ifdef HLN__CTZ64
end:
#endif
    if (c == first || c - first > 19 || (*first == '0' && c - first > 1)) return NULL;
    if (c < e && (*c == '.' || *c == 'e' || *c == 'E')) return NULL;
    *v = x;
    return c;
}

static int hln_st__fp_uint(hln_st__fp *p, uint64_t *v) {
    const char *c;
    hln_st__fp_ws(p);
    if (!(c = hln_st__uint(p->s + p->i, p->s + p->n, v))) return 0;
    p->i = (uint32_t)(c - p->s);
    return 1;
}

static int hln_st__fp_key_is(const hln_st__fp *p, uint32_t start, uint32_t len, const char *lit, uint32_t lit_len) {
    return len == lit_len && memcmp(p->s + start, lit, lit_len) == 0;
}

/* Doubles the tensor array (in the arena) and the list of their names (scratch). */
static int hln_st__fp_grow(hln_st__fp *p) {
    uint64_t cap = (uint64_t)p->cap * 2 + 16;
    hln_tensor *ts = cap <= UINT32_MAX ? (hln_tensor *)hln_arena_array(&p->m->arena, cap, sizeof *ts) : NULL;
    hln_str *names = ts ? (hln_str *)hln_st__alloc(&p->alloc, (size_t)cap * sizeof *names) : NULL;
    if (!names) return 0;
    if (p->nt) memcpy(ts, p->ts, (size_t)p->nt * sizeof *ts);
    if (p->nt) memcpy(names, p->names, (size_t)p->nt * sizeof *names);
    hln_st__free(&p->alloc, p->names);
    p->ts = ts;
    p->names = names;
    p->cap = (uint32_t)cap;
    return 1;
}

/* HLN_OK when no two tensor names are equal, HLN_ST__FP_GIVE_UP when two are, HLN_ERR_NOMEM:
   one pass at the end, whose probes do not wait on one another as they would between the
   entries' parsing. */
static hln_result hln_st__fp_unique(hln_st__fp *p) {
    hln_st__set set;
    uint32_t k;
    int ok = 1;
    if (!hln_st__set_init(&set, &p->alloc, p->names, p->nt)) return HLN_ERR_NOMEM;
    for (k = 0; ok && k < p->nt; k++) ok = hln_st__set_find(&set, p->names[k].ptr, p->names[k].len, 1, k) < 0;
    hln_st__free(&p->alloc, set.slots);
    return ok ? HLN_OK : HLN_ST__FP_GIVE_UP;
}

/* "__metadata__": {"key": "value", ...} */
static int hln_st__fp_metadata(hln_st__fp *p, uint64_t base) {
    uint32_t cap = 8, ks, kl, vs, vl;
    hln_kv *kv;
    if (p->kv || !hln_st__fp_char(p, '{')) return 0;
    kv = (hln_kv *)hln_arena_array(&p->m->arena, cap, sizeof *kv);
    if (!kv) return 0;
    if (hln_st__fp_char(p, '}')) { p->kv = kv; return 1; }
    do {
        char *key, *val;
        uint32_t k;
        hln_st__fp_ws(p);
        if (!hln_st__fp_string(p, &ks, &kl) || !hln_st__fp_char(p, ':') || !hln_st__fp_string(p, &vs, &vl)) return 0;
        for (k = 0; k < p->nkv; k++)   /* metadata objects are small */
            if (strlen(kv[k].key) == kl && memcmp(kv[k].key, p->s + ks, kl) == 0) return 0;
        if (p->nkv == cap) {
            hln_kv *grown = (hln_kv *)hln_arena_array(&p->m->arena, (uint64_t)cap * 2, sizeof *kv);
            if (!grown) return 0;
            memcpy(grown, kv, (size_t)cap * sizeof *kv);
            kv = grown;
            cap *= 2;
        }
        key = hln_arena_strndup(&p->m->arena, p->s + ks, kl);
        val = hln_arena_strndup(&p->m->arena, p->s + vs, vl);
        if (!key || !val) return 0;
        kv[p->nkv].key = key;
        kv[p->nkv].type = HLN_KV_STRING;
        kv[p->nkv].v.s.ptr = val;
        kv[p->nkv].v.s.len = vl;
        kv[p->nkv].byte_offset = base + ks - 1;
        p->nkv++;
    } while (hln_st__fp_char(p, ','));
    p->kv = kv;
    return hln_st__fp_char(p, '}');
}


/* A tensor entry's fields, as read. */
typedef struct hln_st__fields {
    hln_dtype dtype;
    uint32_t  nd;
    uint64_t  dims[HLN_MAX_DIMS], n, begin, end;
} hln_st__fields;

/* dtype names repeat: the last one is compared before the table is searched. */
static hln_dtype hln_st__fp_dtype(hln_st__fp *p, uint32_t vs, uint32_t vl) {
    uint32_t k = 0;
    if (vl == p->dt_len)
        while (k < vl && p->s[vs + k] == p->s[p->dt_at + k]) k++;
    if (vl != p->dt_len || k < vl) {
        const hln_dtype_info *d;
        p->dt = hln_dtype_from_st_name(p->s + vs, vl);
        p->dt_at = vs;
        p->dt_len = vl;
        d = hln_dtype_get(p->dt);
        p->dt_size = d->block_size == 1 && p->dt != HLN_DTYPE_I2_S ? d->type_size : 0;
    }
    return p->dt;
}

/* [d, d, ...] after its '[': at most HLN_MAX_DIMS dims, the product checked. */
static int hln_st__fp_dims(hln_st__fp *p, hln_st__fields *f) {
    if (hln_st__fp_char(p, ']')) return 1;
    do {
        if (f->nd == HLN_MAX_DIMS || !hln_st__fp_uint(p, &f->dims[f->nd]) || hln_mul_overflow(f->n, f->dims[f->nd], &f->n))
            return 0;
        f->nd++;
    } while (hln_st__fp_char(p, ','));
    return hln_st__fp_char(p, ']');
}

/* Whether the literal LIT is at c (c < e); c moves past it. */
#define HLN_ST__LIT(c, e, lit) ((size_t)((e) - (c)) >= sizeof lit - 1 && memcmp((c), lit, sizeof lit - 1) == 0 && ((c) += sizeof lit - 1, 1))

/* The form every writer seen emits, {"dtype":"F16","shape":[..],"data_offsets":[b,e]}
   without whitespace, read with the cursor in a register; 0 sends the caller to the general
   reader. */
static int hln_st__fp_compact(hln_st__fp *p, hln_st__fields *f) {
    const char *c = p->s + p->i, *e = p->s + p->n, *vs;
    uint64_t w = 0;
    if (!HLN_ST__LIT(c, e, "{\"dtype\":\"")) return 0;
    if (e - c >= 8) memcpy(&w, c, 8);
    if (p->dt_word && w == p->dt_word) {   /* the 8 bytes of the last dtype, its quote among them */
        f->dtype = p->dt;
        c += p->dt_len + 1;
    } else {
        for (vs = c; c < e && *c != '"'; c++)
            if (c - vs == 16) return 0;   /* longer than any dtype name */
        if (c == e || (f->dtype = hln_st__fp_dtype(p, (uint32_t)(vs - p->s), (uint32_t)(c - vs))) == HLN_DTYPE_UNKNOWN) return 0;
        p->dt_word = c - vs < 8 ? w : 0;
        c++;
    }
    if (!HLN_ST__LIT(c, e, ",\"shape\":[")) return 0;
    if (c < e && *c == ']') c++;
    else
        for (;;) {
            if (f->nd == HLN_MAX_DIMS || !(c = hln_st__uint(c, e, &f->dims[f->nd])) || hln_mul_overflow(f->n, f->dims[f->nd], &f->n))
                return 0;
            f->nd++;
            if (c < e && *c == ',') { c++; continue; }
            if (c < e && *c == ']') { c++; break; }
            return 0;
        }
    if (!HLN_ST__LIT(c, e, ",\"data_offsets\":[")) return 0;
    if (p->end_len && (size_t)(e - c) > p->end_len && c[p->end_len] == ',' && memcmp(c, p->s + p->end_at, p->end_len) == 0) {
        f->begin = p->pos;   /* the previous entry's end, in the same digits: tensors in order */
        c += p->end_len;
    } else if (!(c = hln_st__uint(c, e, &f->begin)))
        return 0;
    if (!HLN_ST__LIT(c, e, ",")) return 0;
    vs = c;
    if (!(c = hln_st__uint(c, e, &f->end)) || !HLN_ST__LIT(c, e, "]}")) return 0;
    p->end_at = (uint32_t)(vs - p->s);
    p->end_len = (uint32_t)(c - 2 - vs);
    p->i = (uint32_t)(c - p->s);
    return 1;
}

/* {"dtype": "F16", "shape": [..], "data_offsets": [begin, end]}, keys in any order. */
static int hln_st__fp_fields(hln_st__fp *p, hln_st__fields *f) {
    uint32_t seen = 0, ks, kl;
    if (!hln_st__fp_char(p, '{')) return 0;
    do {
        uint32_t k;
        if (!hln_st__fp_string(p, &ks, &kl) || !hln_st__fp_char(p, ':')) return 0;
        k = hln_st__fp_key_is(p, ks, kl, "dtype", 5) ? 1u : hln_st__fp_key_is(p, ks, kl, "shape", 5) ? 2u :
            hln_st__fp_key_is(p, ks, kl, "data_offsets", 12) ? 4u : 0u;
        if (!k || (seen & k)) return 0;
        seen |= k;
        if (k == 1) {
            uint32_t vs, vl;
            if (!hln_st__fp_string(p, &vs, &vl)) return 0;
            f->dtype = hln_st__fp_dtype(p, vs, vl);
            if (f->dtype == HLN_DTYPE_UNKNOWN) return 0;
        } else if (k == 2) {
            if (!hln_st__fp_char(p, '[') || !hln_st__fp_dims(p, f)) return 0;
        } else {
            if (!hln_st__fp_char(p, '[') || !hln_st__fp_uint(p, &f->begin) || !hln_st__fp_char(p, ',') ||
                !hln_st__fp_uint(p, &f->end) || !hln_st__fp_char(p, ']'))
                return 0;
        }
    } while (hln_st__fp_char(p, ','));
    return seen == 7 && hln_st__fp_char(p, '}');
}

/* The entry of the name at [ks, ks + kl), into p->ts[p->nt]; its dims and name share one
   arena block. */
static int hln_st__fp_tensor(hln_st__fp *p, uint32_t ks, uint32_t kl, uint64_t avail) {
    hln_st__fields f;
    hln_tensor *t;
    uint32_t at = p->i, k;
    uint64_t nbytes = 0;
    char *name;
    int ok;
    if (kl > HLN_MAX_NAME || (p->nt == p->cap && !hln_st__fp_grow(p))) return 0;
    t = &p->ts[p->nt];
    f.nd = 0;
    f.n = 1;
    if (!hln_st__fp_compact(p, &f)) {
        p->i = at;
        p->end_len = 0;   /* the general reader keeps neither shortcut */
        p->dt_word = 0;
        f.nd = 0;
        f.n = 1;
        if (!hln_st__fp_fields(p, &f)) return 0;
    }
    if (p->dt_size) ok = !hln_mul_overflow(f.n, p->dt_size, &nbytes);
    else nbytes = hln_dtype_nbytes(f.dtype, f.n, &ok);
    if (!ok || f.begin > f.end || nbytes != f.end - f.begin || f.end > avail) return 0;
    t->dims = (int64_t *)hln_arena_alloc(&p->m->arena, (size_t)(f.nd ? f.nd : 1) * sizeof(int64_t) + kl + 1);
    if (!t->dims) return 0;
    for (k = 0; k < f.nd; k++) t->dims[k] = (int64_t)f.dims[k];   /* < 10^19 <= INT64_MAX */
    name = (char *)(t->dims + (f.nd ? f.nd : 1));
    memcpy(name, p->s + ks, kl);
    t->name = name;
    p->names[p->nt].ptr = name;
    p->names[p->nt].len = kl;
    t->dtype = f.dtype;
    t->native_type = -1;
    t->n_dims = f.nd;
    t->n_elements = f.n;
    t->n_bytes = nbytes;
    t->offset = f.begin;
    if (f.begin != p->pos) p->in_order = 0;
    p->pos = f.end;
    p->nt++;
    return 1;
}

/* Whether the tensors, taken by offset, tile [0, avail) exactly (as hln_st__tiling checks). */
static int hln_st__fp_tiles(hln_st__fp *p, uint64_t avail) {
    hln_st__span *spans;
    uint32_t k;
    uint64_t pos = 0;
    if (p->in_order) return p->pos == avail;
    spans = (hln_st__span *)hln_st__alloc(&p->alloc, (size_t)(p->nt ? p->nt : 1) * sizeof *spans);
    if (!spans) return 0;
    for (k = 0; k < p->nt; k++) {
        spans[k].begin = p->ts[k].offset;
        spans[k].end = p->ts[k].offset + p->ts[k].n_bytes;
        spans[k].at = 0;
        spans[k].index = k;
    }
    qsort(spans, p->nt, sizeof *spans, hln_st__span_cmp);
    for (k = 0; k < p->nt && spans[k].begin == pos; k++) pos = spans[k].end;
    hln_st__free(&p->alloc, spans);
    return k == p->nt && pos == avail;
}

static int hln_st__fp_header(hln_st__fp *p, uint32_t fi, uint64_t base, uint64_t avail) {
    uint32_t ks, kl;
    if (p->n == 0 || p->s[0] != '{') return 0;
    p->i = 1;
    if (hln_st__fp_char(p, '}')) goto end;
    do {
        hln_st__fp_ws(p);
        if (!hln_st__fp_string(p, &ks, &kl) || !hln_st__fp_char(p, ':')) return 0;
        if (hln_st__fp_key_is(p, ks, kl, "__metadata__", 12)) {
            if (!hln_st__fp_metadata(p, base)) return 0;
        } else {
            if (!hln_st__fp_tensor(p, ks, kl, avail)) return 0;
            p->ts[p->nt - 1].file = fi;
            p->ts[p->nt - 1].file_offset = base + p->n + p->ts[p->nt - 1].offset;
            p->ts[p->nt - 1].data = (const uint8_t *)p->s + p->n + p->ts[p->nt - 1].offset;
        }
    } while (hln_st__fp_char(p, ','));
    if (!hln_st__fp_char(p, '}')) return 0;
end:
    hln_st__fp_ws(p);
    return p->i == p->n && hln_st__fp_tiles(p, avail);
}

/* HLN_OK with the model's tensors and KVs, HLN_ERR_NOMEM, or HLN_ST__FP_GIVE_UP. */
static hln_result hln_st__fast_parse(hln_model *m, uint32_t fi, const hln_allocator *alloc, uint64_t hlen, uint64_t avail,
                                     hln_tensor **ts_out, uint32_t *nt_out, hln_kv **kv_out, uint32_t *nkv_out) {
    hln_st__fp p;
    hln_result r;
    int ok;
    memset(&p, 0, sizeof p);
    p.s = (const char *)m->files[fi].data + 8;
    p.n = (uint32_t)hlen;
    p.m = m;
    if (alloc) p.alloc = *alloc;
    p.in_order = 1;
    /* typical entries are 80-150 bytes: a guess from the header size, regrown when short */
    p.cap = (uint32_t)(hlen / 96 + 16);
    p.ts = (hln_tensor *)hln_arena_array(&m->arena, p.cap, sizeof *p.ts);
    p.names = (hln_str *)hln_st__alloc(&p.alloc, (size_t)p.cap * sizeof *p.names);
    if (!p.ts || !p.names) {
        hln_st__free(&p.alloc, p.names);
        return HLN_ERR_NOMEM;
    }
    ok = hln_st__fp_header(&p, fi, 8, avail);
    r = ok ? hln_st__fp_unique(&p) : HLN_ST__FP_GIVE_UP;
    hln_st__free(&p.alloc, p.names);
    if (r != HLN_OK) return r;
    *ts_out = p.ts;
    *nt_out = p.nt;
    *kv_out = p.kv;
    *nkv_out = p.nkv;
    return HLN_OK;
}

/* Parses files[fi] of m; the tensors and KVs live in the model arena. */
static hln_result hln_st__parse_file(hln_model *m, uint32_t fi, const hln_allocator *alloc, int reference, hln_error *err,
                                     hln_tensor **ts_out, uint32_t *nt_out, hln_kv **kv_out, uint32_t *nkv_out) {
    const uint8_t *base = m->files[fi].data;
    uint64_t size = m->files[fi].size, hlen, data_offset, avail, bad;
    hln_json j;
    hln_str *keys = NULL;
    uint32_t *vals = NULL, n_t, k, ti, meta = UINT32_MAX;
    hln_tensor *ts;
    hln_st__span *spans = NULL;
    hln_result r;

    *ts_out = NULL;
    *nt_out = 0;
    *kv_out = NULL;
    *nkv_out = 0;
    if (size < 8)
        return hln_error_set(err, HLN_ERR_TRUNCATED, 0, "header_length",
                             "file is %llu bytes, shorter than the 8-byte header length", (unsigned long long)size);
    hlen = 0;
    for (k = 0; k < 8; k++) hlen |= (uint64_t)base[k] << (8 * k);
    if (hlen > (uint64_t)INT64_MAX)
        return hln_error_set(err, HLN_ERR_RANGE, 0, "header_length",
                             "header length %llu has bit 63 set (negative as a signed 64-bit length)",
                             (unsigned long long)hlen);
    if (hlen > HLN_ST_MAX_HEADER)
        return hln_error_set(err, HLN_ERR_LIMIT, 0, "header_length",
                             "header length %llu exceeds the format's limit of %llu bytes (HLN_ST_MAX_HEADER)",
                             (unsigned long long)hlen, (unsigned long long)HLN_ST_MAX_HEADER);
    if (hlen > size - 8)
        return hln_error_set(err, HLN_ERR_TRUNCATED, 0, "header_length",
                             "header length %llu runs past the end of the file (%llu bytes follow the length)",
                             (unsigned long long)hlen, (unsigned long long)(size - 8));
    data_offset = 8 + hlen;
    avail = size - data_offset;
    m->files[fi].data_offset = data_offset;
    m->files[fi].header_bytes = data_offset;
    if (!reference) {
        r = hln_st__fast_parse(m, fi, alloc, hlen, avail, ts_out, nt_out, kv_out, nkv_out);
        if (r != HLN_ST__FP_GIVE_UP) return r == HLN_OK ? r : hln_error_set(err, r, 8, "header", "out of memory");
    }
    if (!hln_st__utf8(base + 8, hlen, &bad))
        return hln_error_set(err, HLN_ERR_UTF8, 8 + bad, "header", "header is not valid UTF-8 (byte 0x%02x)", base[8 + bad]);
    if ((r = hln_json_parse(&j, alloc, (const char *)base + 8, hlen, HLN_ST_MAX_HEADER, 8, "header", err)) != HLN_OK) return r;
    if (j.tok[0].type != HLN_JSON_OBJECT) {
        r = hln_error_set(err, HLN_ERR_SYNTAX, 8, "header", "header is %s, not a JSON object", hln_json_kind(&j, 0));
        goto done;
    }
    if (j.text[0] != '{') {
        r = hln_error_set(err, HLN_ERR_SYNTAX, 8, "header", "header must begin with '{' (it begins with whitespace)");
        goto done;
    }
    if ((r = hln_st__object(&j, 0, &m->arena, &keys, &vals, "header", "the header object")) != HLN_OK) goto done;
    n_t = j.tok[0].size;
    for (k = 0; k < j.tok[0].size; k++)
        if (keys[k].len == 12 && memcmp(keys[k].ptr, "__metadata__", 12) == 0) { meta = k; n_t--; }
    ts = (hln_tensor *)hln_arena_array(&m->arena, n_t ? n_t : 1, sizeof *ts);
    spans = (hln_st__span *)hln_st__alloc(&j.alloc, (size_t)(n_t ? n_t : 1) * sizeof *spans);
    if (!ts || !spans) { r = hln_error_set(err, HLN_ERR_NOMEM, 8, "header", "out of memory"); goto done; }
    if (meta != UINT32_MAX && (r = hln_st__metadata(&j, vals[meta], m, kv_out, nkv_out)) != HLN_OK) goto done;
    for (k = 0, ti = 0; k < j.tok[0].size; k++) {
        hln_tensor *t;
        if (k == meta) continue;
        t = &ts[ti];
        if (keys[k].len > HLN_MAX_NAME) {
            r = hln_error_set(err, HLN_ERR_LIMIT, 8 + j.tok[vals[k] - 1].start - 1, "header",
                              "tensor name of %llu bytes exceeds HLN_MAX_NAME (%d)", (unsigned long long)keys[k].len,
                              HLN_MAX_NAME);
            goto done;
        }
        t->name = keys[k].ptr;
        t->file = fi;
        spans[ti].index = ti;
        if ((r = hln_st__tensor(&j, vals[k], m, t, &spans[ti], avail)) != HLN_OK) goto done;
        t->file_offset = data_offset + t->offset;
        t->data = base + t->file_offset;
        ti++;
    }
    if ((r = hln_st__tiling(&j, ts, spans, n_t, avail)) != HLN_OK) goto done;
    *ts_out = ts;
    *nt_out = n_t;
done:
    hln_st__free(&j.alloc, keys);
    hln_st__free(&j.alloc, vals);
    hln_st__free(&j.alloc, spans);
    hln_json_free(&j);
    if (r != HLN_OK) { *kv_out = NULL; *nkv_out = 0; }
    return r;
}

static hln_result hln_st__new(const hln_st_options *opts, hln_model **out, hln_error *err) {
    hln_result r = hln_model_create(opts ? &opts->allocator : NULL, out);
    if (r) return hln_error_set(err, r, 0, "", "out of memory");
    (*out)->format = HLN_FORMAT_SAFETENSORS;
    (*out)->version = 0;
    return HLN_OK;
}

HLN_DEF hln_result hln_st_parse(const hln_st_options *opts, const void *data, uint64_t size,
                                hln_model **out, hln_error *err) {
    hln_model *m;
    hln_file *f;
    hln_result r;
    *out = NULL;
    if (!data && size) return hln_error_set(err, HLN_ERR_ARG, 0, "", "NULL buffer");
    if ((r = hln_st__new(opts, &m, err)) != HLN_OK) return r;
    f = (hln_file *)hln_arena_alloc(&m->arena, sizeof *f);
    if (!f) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    f->data = (const uint8_t *)(data ? data : "");
    f->size = size;
    m->files = f;
    m->n_files = 1;
    r = hln_st__parse_file(m, 0, &m->arena.allocator, opts && opts->reference_parser, err, &m->tensors, &m->n_tensors,
                           &m->kv, &m->n_kv);
    if (r != HLN_OK) { hln_model_free(m); return r; }
    m->kv_count_file = m->n_kv;
    m->split_count = 1;
    *out = m;
    return HLN_OK;
}

/* ---- files: single file, sharded index, config.json ---- */
#ifndef HLN_NO_STDIO
/* Length of the directory part of path, including the last separator. */
static int hln_st__is_sep(char c) {
#ifdef _WIN32
    if (c == '\\') return 1;
#endif
    return c == '/';
}
static size_t hln_st__dir_len(const char *path) {
    size_t n = strlen(path);
    while (n && !hln_st__is_sep(path[n - 1])) n--;
    return n;
}

static int hln_st__int_field(hln_json *j, uint32_t obj, uint32_t alt, const char *key, int64_t *out) {
    uint32_t v = hln_json_find(j, obj, key);
    uint64_t x;
    if (!v && alt) v = hln_json_find(j, alt, key);
    if (!v || hln_json_u64(j, v, &x, "", key) != HLN_OK || x > (uint64_t)INT64_MAX) return 0;
    *out = (int64_t)x;
    return 1;
}

/* A quantization config object ({"quant_method": "gptq", "bits": 4, "group_size": 128,
   "desc_act": true, "checkpoint_format": "gptq"} or AWQ's "version": "gemm", as config.json's "quantization_config" or AutoGPTQ's
   quantize_config.json): into model->hp.quant_*. */
static void hln_st__quant_config(hln_model *m, hln_json *j, uint32_t obj) {
    static const char *const keys[3] = { "quant_method", "checkpoint_format", "version" };
    uint32_t v;
    int k;
    if (j->tok[obj].type != HLN_JSON_OBJECT) return;
    for (k = 0; k < 3; k++) {
        v = hln_json_find(j, obj, keys[k]);
        if (v && j->tok[v].type == HLN_JSON_STRING) {
            hln_str s;
            if (hln_json_str(j, v, &m->arena, &s, "") != HLN_OK) continue;
            if (k == 0) m->hp.quant_method = s.ptr;
            else m->hp.quant_format = s.ptr;
        }
    }
    hln_st__int_field(j, obj, 0, "bits", &m->hp.quant_bits);
    hln_st__int_field(j, obj, 0, "group_size", &m->hp.quant_group_size);
    v = hln_json_find(j, obj, "desc_act");
    if (v && j->tok[v].type == HLN_JSON_LITERAL && j->text[j->tok[v].start] != 'n')
        m->hp.quant_desc_act = j->text[j->tok[v].start] == 't';
}

/* A JSON file `name` beside the model, parsed; 0 (nothing to free) when absent or invalid.
   quiet: the error record j keeps for its later calls (the caller's, so it outlives this call). */
static int hln_st__side_json(const char *model_path, const char *name, const hln_file_io *io, hln_allocator *alloc,
                             hln_mapped *map, hln_json *j, hln_error *quiet) {
    char path[4096];
    size_t dir = hln_st__dir_len(model_path), n = strlen(name) + 1;
    uint64_t bad;
    if (dir + n > sizeof path) return 0;
    memcpy(path, model_path, dir);
    memcpy(path + dir, name, n);
    if (hln_file_open(io, path, map, quiet) != HLN_OK) return 0;
    if (!hln_st__utf8(map->data, map->size, &bad) ||
        hln_json_parse(j, alloc, (const char *)map->data, map->size, HLN_ST_MAX_HEADER, 0, "config", quiet) != HLN_OK) {
        hln_file_close(io, map);
        return 0;
    }
    return 1;
}

/* Hyperparameters from a Hugging Face config.json beside the model, and AutoGPTQ's
   quantize_config.json; any failure: ignored. */
static void hln_st__read_config(hln_model *m, const char *model_path, const hln_file_io *io) {
    hln_mapped map;
    hln_json j;
    hln_error quiet;
    uint32_t root = 0, text = 0, v;
    if (hln_st__side_json(model_path, "quantize_config.json", io, &m->arena.allocator, &map, &j, &quiet)) {
        hln_st__quant_config(m, &j, root);
        hln_json_free(&j);
        hln_file_close(io, &map);
    }
    if (!hln_st__side_json(model_path, "config.json", io, &m->arena.allocator, &map, &j, &quiet)) return;
    if (j.tok[root].type == HLN_JSON_OBJECT) {
        text = hln_json_find(&j, root, "text_config");
        if (text && j.tok[text].type != HLN_JSON_OBJECT) text = 0;
        v = hln_json_find(&j, root, "model_type");
        if (v && j.tok[v].type == HLN_JSON_STRING) {
            hln_str s;
            if (hln_json_str(&j, v, &m->arena, &s, "") == HLN_OK) m->hp.arch = s.ptr;
        }
        hln_st__int_field(&j, root, text, "num_hidden_layers", &m->hp.n_layer);
        hln_st__int_field(&j, root, text, "num_attention_heads", &m->hp.n_head);
        hln_st__int_field(&j, root, text, "num_key_value_heads", &m->hp.n_head_kv);
        hln_st__int_field(&j, root, text, "hidden_size", &m->hp.n_embd);
        hln_st__int_field(&j, root, text, "head_dim", &m->hp.head_dim);
        hln_st__int_field(&j, root, text, "max_position_embeddings", &m->hp.context_length);
        hln_st__int_field(&j, root, text, "intermediate_size", &m->hp.n_ff);
        hln_st__int_field(&j, root, text, "vocab_size", &m->hp.n_vocab);
        if (!hln_st__int_field(&j, root, text, "num_local_experts", &m->hp.expert_count))
            hln_st__int_field(&j, root, text, "num_experts", &m->hp.expert_count);
        hln_st__int_field(&j, root, text, "num_experts_per_tok", &m->hp.expert_used_count);
        hln_st__int_field(&j, root, text, "sliding_window", &m->hp.sliding_window);
        hln_st__int_field(&j, root, text, "sliding_window_pattern", &m->hp.swa_pattern);
        hln_st__int_field(&j, root, text, "kv_lora_rank", &m->hp.kv_lora_rank);
        hln_st__int_field(&j, root, text, "qk_rope_head_dim", &m->hp.rope_dim);
        if ((v = hln_json_find(&j, root, "quantization_config")) != 0) hln_st__quant_config(m, &j, v);
    }
    hln_json_free(&j);
    hln_file_close(io, &map);
}

typedef struct hln_st__shard { const char *name; uint32_t entry; } hln_st__shard;

static int hln_st__shard_cmp(const void *a, const void *b) {
    const hln_st__shard *x = (const hln_st__shard *)a, *y = (const hln_st__shard *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->entry < y->entry ? -1 : x->entry > y->entry);
}

/* A shard name from an index: a plain file name in the index's directory. */
static const char *hln_st__bad_shard_name(const char *s) {
    if (!*s) return "is empty";
    if (strchr(s, '/') || strchr(s, '\\')) return "contains a path separator";
    if (strchr(s, ':')) return "contains ':' (a drive or stream name)";
    if (strstr(s, "..")) return "contains '..'";
    if (strcmp(s, ".") == 0) return "is '.'";
    return NULL;
}

static const char *hln_st__wm_path(char buf[160], const char *key) {
    snprintf(buf, 160, "index.weight_map['%.80s']", key);
    return buf;
}

/* Scratch state of an index load, released in one place. */
typedef struct hln_st__index {
    hln_mapped    map;
    hln_json  j;
    hln_str      *top_keys, *wm_keys, *meta_keys, *shard_of, *names;
    uint32_t     *top_vals, *wm_vals, *meta_vals, *shard_index, *file_of;
    hln_st__shard *order;
    hln_tensor  **part_ts;
    uint32_t     *part_n;
    uint8_t      *listed;
    hln_st__set   set;
} hln_st__index;

static void hln_st__index_free(hln_st__index *x, const hln_allocator *a, const hln_file_io *io) {
    hln_st__free(a, x->top_keys); hln_st__free(a, x->top_vals);
    hln_st__free(a, x->wm_keys); hln_st__free(a, x->wm_vals);
    hln_st__free(a, x->meta_keys); hln_st__free(a, x->meta_vals);
    hln_st__free(a, x->shard_of); hln_st__free(a, x->names); hln_st__free(a, x->shard_index);
    hln_st__free(a, x->file_of); hln_st__free(a, x->order); hln_st__free(a, x->part_ts);
    hln_st__free(a, x->part_n); hln_st__free(a, x->listed); hln_st__free(a, x->set.slots);
    hln_json_free(&x->j);
    hln_file_close(io, &x->map);
}

static hln_result hln_st__load_index(hln_model *m, const char *path, int reference, const hln_file_io *io,
                                     hln_error *err) {
    hln_st__index x;
    const hln_allocator *a = &m->arena.allocator;
    hln_json *j = &x.j;
    uint32_t wm, md, ts_tok = 0, n, k, n_shards = 0, f;
    uint64_t total_size = 0, sum = 0, bad, n_tensors = 0;
    int have_total = 0;
    size_t dir = hln_st__dir_len(path);
    hln_result r;
    hln_tensor *all;
    char msg_path[160];

    memset(&x, 0, sizeof x);
    if ((r = hln_file_open(io, path, &x.map, err)) != HLN_OK) return r;
    if (x.map.size > HLN_ST_MAX_HEADER) {
        r = hln_error_set(err, HLN_ERR_LIMIT, 0, "index", "index file is %llu bytes, more than HLN_ST_MAX_HEADER",
                          (unsigned long long)x.map.size);
        goto done;
    }
    if (!hln_st__utf8(x.map.data, x.map.size, &bad)) {
        r = hln_error_set(err, HLN_ERR_UTF8, bad, "index", "index is not valid UTF-8 (byte 0x%02x)", x.map.data[bad]);
        goto done;
    }
    if ((r = hln_json_parse(j, a, (const char *)x.map.data, x.map.size, HLN_ST_MAX_HEADER, 0, "index", err)) != HLN_OK) goto done;
    if (j->tok[0].type != HLN_JSON_OBJECT) {
        r = hln_error_set(err, HLN_ERR_SYNTAX, 0, "index", "index is %s, not a JSON object", hln_json_kind(j, 0));
        goto done;
    }
    if ((r = hln_st__object(j, 0, &m->arena, &x.top_keys, &x.top_vals, "index", "the index object")) != HLN_OK) goto done;
    md = hln_json_find(j, 0, "metadata");
    if (md) {
        if (j->tok[md].type != HLN_JSON_OBJECT) {
            r = hln_error_set(err, HLN_ERR_TYPE, j->tok[md].start, "index.metadata", "metadata is %s, not an object",
                              hln_json_kind(j, md));
            goto done;
        }
        if ((r = hln_st__object(j, md, &m->arena, &x.meta_keys, &x.meta_vals, "index.metadata", "metadata")) != HLN_OK)
            goto done;
        ts_tok = hln_json_find(j, md, "total_size");
        if (ts_tok) {
            if ((r = hln_json_u64(j, ts_tok, &total_size, "index.metadata.total_size", "total_size")) != HLN_OK) goto done;
            have_total = 1;
        }
    }
    wm = hln_json_find(j, 0, "weight_map");
    if (!wm || j->tok[wm].type != HLN_JSON_OBJECT) {
        r = hln_error_set(err, HLN_ERR_SYNTAX, wm ? j->tok[wm].start : 0, "index.weight_map",
                          wm ? "weight_map is %s, not an object" : "index has no weight_map%s", wm ? hln_json_kind(j, wm) : "");
        goto done;
    }
    if ((r = hln_st__object(j, wm, &m->arena, &x.wm_keys, &x.wm_vals, "index.weight_map", "weight_map")) != HLN_OK)
        goto done;
    n = j->tok[wm].size;
    x.shard_of = (hln_str *)hln_st__alloc(a, (size_t)(n ? n : 1) * sizeof *x.shard_of);
    x.order = (hln_st__shard *)hln_st__alloc(a, (size_t)(n ? n : 1) * sizeof *x.order);
    x.shard_index = (uint32_t *)hln_st__alloc(a, (size_t)(n ? n : 1) * sizeof *x.shard_index);
    if (!x.shard_of || !x.order || !x.shard_index) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "index", "out of memory"); goto done; }
    for (k = 0; k < n; k++) {
        const char *why;
        if (j->tok[x.wm_vals[k]].type != HLN_JSON_STRING) {
            r = hln_error_set(err, HLN_ERR_TYPE, j->tok[x.wm_vals[k]].start, hln_st__wm_path(msg_path, x.wm_keys[k].ptr), "shard name is %s, not a string",
                              hln_json_kind(j, x.wm_vals[k]));
            goto done;
        }
        if ((r = hln_json_str(j, x.wm_vals[k], &m->arena, &x.shard_of[k], "index.weight_map")) != HLN_OK) goto done;
        if ((why = hln_st__bad_shard_name(x.shard_of[k].ptr)) != NULL) {
            r = hln_error_set(err, HLN_ERR_PATH, j->tok[x.wm_vals[k]].start, hln_st__wm_path(msg_path, x.wm_keys[k].ptr),
                              "shard name '%.80s' %s: shards must be plain file names beside the index",
                              x.shard_of[k].ptr, why);
            goto done;
        }
        x.order[k].name = x.shard_of[k].ptr;
        x.order[k].entry = k;
    }
    if (n == 0) { r = hln_error_set(err, HLN_ERR_SYNTAX, j->tok[wm].start, "index.weight_map", "weight_map is empty"); goto done; }
    /* distinct shards in sorted order; shard_index[entry] = file index */
    qsort(x.order, n, sizeof *x.order, hln_st__shard_cmp);
    for (k = 0; k < n; k++) {
        if (k == 0 || strcmp(x.order[k].name, x.order[k - 1].name) != 0) x.order[n_shards++] = x.order[k];
        x.shard_index[x.order[k].entry] = n_shards - 1;
    }
    /* x.order[0..n_shards) now holds one entry per shard; shard_index maps each entry */
    x.part_ts = (hln_tensor **)hln_st__alloc(a, n_shards * sizeof *x.part_ts);
    x.part_n = (uint32_t *)hln_st__alloc(a, n_shards * sizeof *x.part_n);
    if (!x.part_ts || !x.part_n) { r = hln_error_set(err, HLN_ERR_NOMEM, 0, "index", "out of memory"); goto done; }
    for (f = 0; f < n_shards; f++) {
        char full[4096];
        const char *name = x.order[f].name;
        uint32_t fi;
        hln_kv *kv;
        uint32_t nkv;
        size_t len = strlen(name);
        if (dir + len + 1 > sizeof full) { r = hln_error_set(err, HLN_ERR_PATH, 0, "index", "shard path too long"); goto done; }
        memcpy(full, path, dir);
        memcpy(full + dir, name, len + 1);
        if ((r = hln_model_map_file(m, io, full, &fi, err)) != HLN_OK) {
            if (r != HLN_ERR_NOMEM && err)
                snprintf(err->message, sizeof err->message, "shard '%.120s' named by the index is missing or unreadable", name);
            goto done;
        }
        hln_error_file(err, full);
        if ((r = hln_st__parse_file(m, fi, a, reference, err, &x.part_ts[f], &x.part_n[f], &kv, &nkv)) != HLN_OK) goto done;
        if (f == 0) { m->kv = kv; m->n_kv = nkv; m->kv_count_file = nkv; }
        n_tensors += x.part_n[f];
    }
    hln_error_file(err, path);
    if (n_tensors > UINT32_MAX / 2) { r = hln_error_set(err, HLN_ERR_LIMIT, 0, "index", "too many tensors"); goto done; }
    all = (hln_tensor *)hln_arena_array(&m->arena, n_tensors ? n_tensors : 1, sizeof *all);
    x.names = (hln_str *)hln_st__alloc(a, (size_t)(n_tensors ? n_tensors : 1) * sizeof *x.names);
    x.listed = (uint8_t *)hln_st__alloc(a, (size_t)(n_tensors ? n_tensors : 1));
    if (!all || !x.names || !x.listed || !hln_st__set_init(&x.set, a, x.names, n_tensors)) {
        r = hln_error_set(err, HLN_ERR_NOMEM, 0, "index", "out of memory");
        goto done;
    }
    memset(x.listed, 0, (size_t)(n_tensors ? n_tensors : 1));
    m->n_tensors = 0;
    for (f = 0; f < n_shards; f++) {
        if (x.part_n[f]) memcpy(all + m->n_tensors, x.part_ts[f], x.part_n[f] * sizeof *all);
        m->n_tensors += x.part_n[f];
    }
    m->tensors = all;
    for (k = 0; k < m->n_tensors; k++) {
        int64_t first;
        x.names[k].ptr = all[k].name;
        x.names[k].len = strlen(all[k].name);
        first = hln_st__set_find(&x.set, x.names[k].ptr, x.names[k].len, 1, k);
        if (first >= 0) {
            r = hln_error_set(err, HLN_ERR_DUPLICATE, 0, "index",
                              "tensor '%.80s' is in shard '%.60s' and again in shard '%.60s'", all[k].name,
                              x.order[all[first].file].name, x.order[all[k].file].name);
            goto done;
        }
        if (hln_add_overflow(sum, all[k].n_bytes, &sum)) sum = UINT64_MAX;
    }
    for (k = 0; k < n; k++) {
        int64_t t = hln_st__set_find(&x.set, x.wm_keys[k].ptr, x.wm_keys[k].len, 0, 0);
        if (t < 0) {
            r = hln_error_set(err, HLN_ERR_LAYOUT, j->tok[x.wm_vals[k] - 1].start, hln_st__wm_path(msg_path, x.wm_keys[k].ptr),
                              "tensor '%.80s' is not in its shard '%.60s'", x.wm_keys[k].ptr, x.shard_of[k].ptr);
            goto done;
        }
        if (all[t].file != x.shard_index[k]) {
            r = hln_error_set(err, HLN_ERR_LAYOUT, j->tok[x.wm_vals[k] - 1].start, hln_st__wm_path(msg_path, x.wm_keys[k].ptr),
                              "weight_map puts tensor '%.80s' in '%.60s' but it is in '%.60s'", x.wm_keys[k].ptr,
                              x.shard_of[k].ptr, x.order[all[t].file].name);
            goto done;
        }
        x.listed[t] = 1;
    }
    for (k = 0; k < m->n_tensors; k++)
        if (!x.listed[k]) {
            r = hln_error_set(err, HLN_ERR_LAYOUT, j->tok[wm].start, "index.weight_map",
                              "tensor '%.80s' of shard '%.60s' is not listed in the weight_map", all[k].name,
                              x.order[all[k].file].name);
            goto done;
        }
    if (have_total && total_size != sum) {
        r = hln_error_set(err, HLN_ERR_LAYOUT, j->tok[ts_tok].start, "index.metadata.total_size",
                          "metadata.total_size is %llu but the shards' tensors hold %llu bytes",
                          (unsigned long long)total_size, (unsigned long long)sum);
        goto done;
    }
    m->split_count = n_shards;
    r = HLN_OK;
done:
    hln_st__index_free(&x, a, io);
    return r;
}

HLN_DEF hln_result hln_st_load_file(const hln_st_options *opts, const char *path,
                                    hln_model **out, hln_error *err) {
    hln_model *m;
    hln_result r;
    uint32_t idx;
    size_t n = strlen(path);
    const hln_file_io *io = opts ? &opts->io : NULL;
    *out = NULL;
    if ((r = hln_st__new(opts, &m, err)) != HLN_OK) return r;
    if (n >= 5 && strcmp(path + n - 5, ".json") == 0) {
        hln_error_file(err, path);
        r = hln_st__load_index(m, path, opts && opts->reference_parser, io, err);
    } else {
        if ((r = hln_model_map_file(m, io, path, &idx, err)) != HLN_OK) { hln_model_free(m); return r; }
        r = hln_st__parse_file(m, idx, &m->arena.allocator, opts && opts->reference_parser, err, &m->tensors,
                               &m->n_tensors, &m->kv, &m->n_kv);
        m->kv_count_file = m->n_kv;
        m->split_count = 1;
    }
    if (r != HLN_OK) { hln_model_free(m); return r; }
    hln_st__read_config(m, path, io);
    *out = m;
    return HLN_OK;
}
#endif /* HLN_NO_STDIO */

/* ---- writer ---- */
typedef struct hln_st__w { hln_write_fn write; void *user; uint64_t pos; int failed, counting; } hln_st__w;

static void hln_st__put(hln_st__w *w, const void *p, size_t n) {
    if (n == 0) return;
    if (!w->counting && !w->failed && !w->write(w->user, p, n)) w->failed = 1;
    w->pos += n;
}
static void hln_st__put_s(hln_st__w *w, const char *s) { hln_st__put(w, s, strlen(s)); }
static void hln_st__put_u64(hln_st__w *w, uint64_t v) {
    char b[24];
    int i = 24;
    do { b[--i] = (char)('0' + v % 10); v /= 10; } while (v);
    hln_st__put(w, b + i, (size_t)(24 - i));
}
static void hln_st__put_json_str(hln_st__w *w, const char *s, uint64_t n) {
    uint64_t i, run = 0;
    hln_st__put(w, "\"", 1);
    if (!s) n = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char e[8];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        hln_st__put(w, s + run, (size_t)(i - run));
        run = i + 1;
        if (c == '"') hln_st__put(w, "\\\"", 2);
        else if (c == '\\') hln_st__put(w, "\\\\", 2);
        else if (c == '\n') hln_st__put(w, "\\n", 2);
        else if (c == '\t') hln_st__put(w, "\\t", 2);
        else if (c == '\r') hln_st__put(w, "\\r", 2);
        else { snprintf(e, sizeof e, "\\u%04x", c); hln_st__put(w, e, 6); }
    }
    if (n) hln_st__put(w, s + run, (size_t)(n - run));
    hln_st__put(w, "\"", 1);
}

static void hln_st__put_header(hln_st__w *w, const hln_model *m) {
    uint32_t i, d, n_meta = 0;
    uint64_t offset = 0;
    hln_st__put(w, "{", 1);
    for (i = 0; i < m->n_kv; i++) {
        const hln_kv *kv = &m->kv[i];
        if (kv->type != HLN_KV_STRING) continue;
        hln_st__put_s(w, n_meta++ ? "," : "\"__metadata__\":{");
        hln_st__put_json_str(w, kv->key, strlen(kv->key));
        hln_st__put(w, ":", 1);
        hln_st__put_json_str(w, kv->v.s.ptr, kv->v.s.len);
    }
    if (n_meta) hln_st__put(w, "}", 1);
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        if (i || n_meta) hln_st__put(w, ",", 1);
        hln_st__put_json_str(w, t->name, strlen(t->name));
        hln_st__put_s(w, ":{\"dtype\":\"");
        hln_st__put_s(w, hln_dtype_get(t->dtype)->st_name);
        hln_st__put_s(w, "\",\"shape\":[");
        for (d = 0; d < t->n_dims; d++) {
            if (d) hln_st__put(w, ",", 1);
            hln_st__put_u64(w, (uint64_t)t->dims[d]);
        }
        hln_st__put_s(w, "],\"data_offsets\":[");
        hln_st__put_u64(w, offset);
        hln_st__put(w, ",", 1);
        offset += t->n_bytes;
        hln_st__put_u64(w, offset);
        hln_st__put_s(w, "]}");
    }
    hln_st__put(w, "}", 1);
}

static int hln_st__put_cb(void *user, const void *p, size_t n) {
    hln_st__w *w = (hln_st__w *)user;
    hln_st__put(w, p, n);
    return !w->failed;
}

HLN_DEF hln_result hln_st_write(const hln_model *m, hln_write_fn write, void *user, hln_error *err) {
    return hln_st_write_from(m, NULL, NULL, write, user, err);
}

HLN_DEF hln_result hln_st_write_from(const hln_model *m, hln_tensor_bytes_fn bytes, void *bytes_user,
                                     hln_write_fn write, void *user, hln_error *err) {
    hln_st__w w;
    uint64_t hlen, total = 0;
    uint32_t i, d;
    uint8_t le[8];
    static const char spaces[8] = { ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ' };
    for (i = 0; i < m->n_kv; i++)
        if (m->kv[i].type == HLN_KV_STRING &&
            (!m->kv[i].key || (!m->kv[i].v.s.ptr && m->kv[i].v.s.len) ||
             !hln_utf8_valid((const uint8_t *)m->kv[i].key, strlen(m->kv[i].key)) ||
             !hln_utf8_valid((const uint8_t *)m->kv[i].v.s.ptr, m->kv[i].v.s.len) ||
             (m->kv[i].v.s.len && memchr(m->kv[i].v.s.ptr, 0, (size_t)m->kv[i].v.s.len))))
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "metadata",
                                 "metadata '%.80s' is not valid UTF-8 text", m->kv[i].key ? m->kv[i].key : "(null)");
    for (i = 0; i < m->n_tensors; i++) {
        const hln_tensor *t = &m->tensors[i];
        uint64_t n = 1;
        int ok;
        if (!hln_dtype_get(t->dtype)->st_name)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "tensors", "tensor '%.80s': %s has no SafeTensors dtype",
                                 t->name, hln_dtype_get(t->dtype)->name);
        if (!t->name || strcmp(t->name, "__metadata__") == 0 || !hln_utf8_valid((const uint8_t *)t->name, strlen(t->name)))
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "tensors", "tensor name '%.80s' cannot be written",
                                 t->name ? t->name : "(null)");
        if (t->n_bytes && !t->data && !bytes)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "tensors", "tensor '%.80s' has no bytes in memory", t->name);
        for (d = 0; d < t->n_dims; d++)
            if (t->dims[d] < 0 || hln_mul_overflow(n, (uint64_t)t->dims[d], &n))
                return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "tensors", "tensor '%.80s' has an unknown or huge dimension",
                                     t->name);
        if (n != t->n_elements || hln_dtype_nbytes(t->dtype, n, &ok) != t->n_bytes || !ok)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, "tensors",
                                 "tensor '%.80s': n_elements / n_bytes do not match its shape and dtype", t->name);
        if (hln_add_overflow(total, t->n_bytes, &total))
            return hln_error_set(err, HLN_ERR_OVERFLOW, 0, "tensors", "total tensor bytes overflow 64 bits");
    }
    {   /* a file with a name twice could not be read back */
        hln_st__set set;
        hln_str *names = (hln_str *)hln_st__alloc(&m->arena.allocator, (size_t)(m->n_tensors ? m->n_tensors : 1) * sizeof *names);
        hln_result r = HLN_OK;
        set.slots = NULL;
        if (!names || !hln_st__set_init(&set, &m->arena.allocator, names, m->n_tensors))
            r = hln_error_set(err, HLN_ERR_NOMEM, 0, "tensors", "out of memory");
        for (i = 0; r == HLN_OK && i < m->n_tensors; i++) {
            names[i].ptr = m->tensors[i].name;
            names[i].len = strlen(m->tensors[i].name);
            if (hln_st__set_find(&set, names[i].ptr, names[i].len, 1, i) >= 0)
                r = hln_error_set(err, HLN_ERR_DUPLICATE, 0, "tensors", "tensor name '%.80s' appears twice", names[i].ptr);
        }
        hln_st__free(&m->arena.allocator, set.slots);
        hln_st__free(&m->arena.allocator, names);
        if (r != HLN_OK) return r;
    }
    memset(&w, 0, sizeof w);
    w.counting = 1;
    hln_st__put_header(&w, m);
    hlen = (w.pos + 7) & ~(uint64_t)7;
    if (hlen > HLN_ST_MAX_HEADER)
        return hln_error_set(err, HLN_ERR_LIMIT, 0, "header", "header of %llu bytes exceeds HLN_ST_MAX_HEADER",
                             (unsigned long long)hlen);
    memset(&w, 0, sizeof w);
    w.write = write;
    w.user = user;
    for (i = 0; i < 8; i++) le[i] = (uint8_t)(hlen >> (8 * i));
    hln_st__put(&w, le, 8);
    hln_st__put_header(&w, m);
    hln_st__put(&w, spaces, (size_t)(8 + hlen - w.pos));
    for (i = 0; i < m->n_tensors && !w.failed; i++) {
        uint64_t start = w.pos;
        hln_result r;
        if (!bytes) { hln_st__put(&w, m->tensors[i].data, (size_t)m->tensors[i].n_bytes); continue; }
        if ((r = bytes(bytes_user, m, i, hln_st__put_cb, &w, err)) != HLN_OK) return r;
        if (!w.failed && w.pos - start != m->tensors[i].n_bytes)
            return hln_error_set(err, HLN_ERR_ARG, w.pos, "tensors", "tensor '%.80s': %llu bytes were written, not %llu",
                                 m->tensors[i].name, (unsigned long long)(w.pos - start),
                                 (unsigned long long)m->tensors[i].n_bytes);
    }
    if (w.failed) return hln_error_set(err, HLN_ERR_IO, w.pos, "", "write failed");
    return HLN_OK;
}

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_SAFETENSORS_IMPLEMENTATION */

/*
   HISTORY
     0.1.x  hln_st_write_from (streaming writer); the JSON tokenizer moved to haoline_ir.h.
     0.1.0  reader (bounded JSON tokenizer, __metadata__, exact layout checks), sharded
            index, config.json hyperparameters, writer.

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
