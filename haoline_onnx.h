/* haoline_onnx.h - v0.1 - ONNX ModelProto reader for the HaoLine IR. MIT license.

   Reads an ONNX model (protobuf ModelProto) from a memory buffer into an hln_model with a
   hand-written pull-style protobuf wire decoder: no generated code, no libprotobuf. Weights are
   never copied: raw_data initializers are views into the buffer; external data is recorded
   (file index, offset, length) and checked against the external file's size, never read.

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_onnx.h"

       hln_onnx_options opts = {0};
       hln_model *m; hln_error err;
       if (hln_onnx_load_file(&opts, "model.onnx", &m, &err) == HLN_OK) {
           printf("%u nodes\n", m->graph->n_nodes);
           hln_model_free(m);
       }

   WHAT GOES WHERE IN THE IR
       m->format = HLN_FORMAT_ONNX, m->version = ir_version, m->graph = the main graph.
       m->files[0] = the model buffer; external data files follow (data NULL: not mapped; size
       from stat). Model kvs (hln_model_find_kv):
           "onnx.ir_version"            I64
           "onnx.opset"                 I64, version of the default domain (absent if none)
           "onnx.opset_import.<domain>" I64 per OperatorSetIdProto; "" is written "ai.onnx"
           "onnx.producer_name", "onnx.producer_version", "onnx.graph_name"   STRING
           "onnx.functions", "onnx.sparse_initializers", "onnx.external_initializers"  I64
           "<key>"                      STRING, one per metadata_props entry
       m->tensors: the top-level graph's initializers come first, in file order (indices
       0..graph->n_initializers-1); then, as they are met, every other tensor, flagged:
           HLN_TENSOR_CONSTANT   the value of a Constant node (value, value_float(s),
                                 value_int(s), value_string(s), sparse_value)
           HLN_TENSOR_NESTED     owned by a nested subgraph or a model-local function
           HLN_TENSOR_ATTRIBUTE  a TENSOR(S) attribute of a node other than Constant
           HLN_TENSOR_SPARSE     a sparse initializer / sparse attribute (dense dims; bytes and
                                 data are those of its values)
           HLN_TENSOR_EXTERNAL   bytes in m->files[file] at file_offset (data NULL)
       hln_model_summarize() counts the initializers and Constant values of every graph (not
       function bodies, attributes or sparse tensors; see docs/json.md "Weights"). Typed-field tensors (float_data, int64_data, ...) are
       views when the field is a packed fixed-width span, otherwise decoded once into the
       arena in little-endian element layout; STRING tensors have data NULL and n_bytes = the
       sum of the string lengths.
       Graphs: hln_graph per GraphProto (attribute graphs get parent set). graph->inputs are
       the declared inputs that are not initializers; values carry the declared dtype/shape
       (dim_param names kept as hln_dim.param; a dim with neither value nor param is value -1,
       param NULL); non-tensor types are described in hln_value.container ("sequence(FLOAT)").
       A name used in a subgraph but defined in an enclosing graph becomes a value with
       outer = its index in graph->parent. Domains "" and "ai.onnx" are stored as "".
       Model-local functions are graphs in m->graph->functions (parent NULL, domain set).

   LIMITS (override before including)
       HLN_ONNX_MAX_DEPTH   protobuf message nesting (default 96: about 25 levels of
                            subgraphs); deeper input is rejected, never recursed into
   Deprecated protobuf groups (wire types 3/4) are rejected. Varints longer than 10 bytes or
   above 2^64-1 are rejected. Every length is checked against its parent message's end.
   External data locations must be relative, without '..', and resolve (symlinks included)
   inside the model's directory; otherwise HLN_ERR_PATH.

   FUNCTIONS
     hln_onnx_parse       an ONNX ModelProto in memory -> hln_model (graph, subgraphs, functions)
     hln_onnx_load_file   a file and its external data (paths checked) through hln_file_io
     hln_onnx_write_from  the ModelProto again with changed tensors (dtype + Cast, external data)
   DOES NOT
     infer shapes or count costs (haoline_analysis.h), run the model (haoline_exec.h), accept
     protobuf groups, or include another format header.
*/
#ifndef HAOLINE_ONNX_H
#define HAOLINE_ONNX_H

#include "haoline_ir.h"

#define HAOLINE_ONNX_VERSION_MAJOR 0
#define HAOLINE_ONNX_VERSION_MINOR 1
#define HAOLINE_ONNX_VERSION_PATCH 0

#ifndef HLN_ONNX_MAX_DEPTH
#define HLN_ONNX_MAX_DEPTH 96
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_onnx_options {
    hln_allocator allocator;   /* zero: libc */
    const char   *base_dir;    /* hln_onnx_parse only: folder for external data (NULL: record,
                                  do not resolve); hln_onnx_load_file uses the model's folder */
    hln_file_io   io;          /* hln_onnx_load_file's file access, external data included;
                                  zero: the platform's (then symbolic links may not leave the
                                  model's folder either) */
} hln_onnx_options;

/* Parses a ModelProto held in memory; the buffer must outlive the model. */
HLN_DEF hln_result hln_onnx_parse(const hln_onnx_options *opts, const void *data, uint64_t size,
                                  hln_model **out, hln_error *err);
#ifndef HLN_NO_STDIO
/* Maps the file and parses it; external data is resolved beside it. */
HLN_DEF hln_result hln_onnx_load_file(const hln_onnx_options *opts, const char *path,
                                      hln_model **out, hln_error *err);
#endif

/* The writer: src's ModelProto again (src from hln_onnx_parse / _load_file: files[0] holds
   it), with the tensors of `out`, one per source tensor in the same order:
     - out tensor i equal to source tensor i (name, dtype, inline) is copied byte for byte;
     - a changed one is written anew: data_type and name from out; its bytes from
       bytes(bytes_user, out, i, ...) (NULL: out->tensors[i].data) as raw_data, or, with
       HLN_TENSOR_EXTERNAL set, as external-data entries (location = out->files[file].path,
       offset = file_offset, length = n_bytes; the caller writes that file);
     - a changed dtype needs a new name: a Cast node (to = the source dtype) makes the old
       name again, so the graph reads what it read (initializers: Casts at the head of the
       node list; Constant nodes: the node's output is renamed, its Cast follows it).
   Everything else (nodes, subgraphs, functions, metadata, unknown fields) is copied as it is.
   Only the main graph's initializers and Constant "value" tensors can change; another
   changed tensor is an error. Streaming: nothing is buffered, every length is measured by
   running the same emitter without writing. */
HLN_DEF hln_result hln_onnx_write_from(const hln_model *src, const hln_model *out, hln_tensor_bytes_fn bytes,
                                       void *bytes_user, hln_write_fn write, void *user, hln_error *err);

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_ONNX_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_ONNX_IMPLEMENTATION)) && !defined(HAOLINE_ONNX_IMPLEMENTED)
#define HAOLINE_ONNX_IMPLEMENTED

#include <string.h>
#include <stdio.h>
#include <stdarg.h>
#ifndef HLN_NO_STDIO
#include <stdlib.h>
#include <sys/stat.h>
#if defined(__unix__) || defined(__APPLE__)
#define HLN_ONNX__POSIX 1
#include <limits.h>
#ifndef __cplusplus
/* realpath is POSIX, hidden by strict -std=c99; this declaration is compatible with libc's. */
extern char *realpath(const char *path, char *resolved);
#endif
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif


/* ---- parser state ---- */
#define HLN_ONNX__PATH_MAX (HLN_ONNX_MAX_DEPTH + 8)

typedef struct hln_onnx__seg { const char *field; int64_t index; } hln_onnx__seg;

typedef struct hln_onnx__gb hln_onnx__gb;

typedef struct hln_onnx__p {
    const uint8_t *base;
    uint64_t       size;
    hln_model     *m;
    hln_error     *err;
    const char    *base_dir;
    hln_file_io    io;          /* the caller's file callbacks, or zero */
    hln_onnx__seg  path[HLN_ONNX__PATH_MAX];
    uint32_t       sp, depth;
    hln_tensor    *ts;
    uint32_t       nt, cap_t;
    hln_kv        *kv;
    uint32_t       nkv, cap_kv;
    uint64_t       n_sparse, n_external;
    hln_graph    **functions;
    uint32_t       n_functions, cap_functions;
    const char   **ext_loc;     /* external locations met so far and their file indices */
    uint32_t      *ext_file;
    uint32_t       n_ext, cap_ext, cap_ext2;
    hln_attr      *no_attrs;    /* one zeroed entry that every node without attributes points at */
} hln_onnx__p;

static void hln_onnx__path_str(const hln_onnx__p *p, char *out, size_t cap) {
    size_t n = 0;
    uint32_t i;
    out[0] = 0;
    for (i = 0; i < p->sp && i < HLN_ONNX__PATH_MAX && n + 1 < cap; i++) {
        int w;
        if (p->path[i].index >= 0)
            w = snprintf(out + n, cap - n, "%s%s[%lld]", i ? "." : "", p->path[i].field, (long long)p->path[i].index);
        else
            w = snprintf(out + n, cap - n, "%s%s", i ? "." : "", p->path[i].field);
        if (w < 0) break;
        n += (size_t)w;
        if (n >= cap) { n = cap - 1; break; }
    }
}

static hln_result hln_onnx__fail(hln_onnx__p *p, hln_result code, uint64_t at, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static hln_result hln_onnx__fail(hln_onnx__p *p, hln_result code, uint64_t at, const char *fmt, ...) {
    char path[160], msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    hln_onnx__path_str(p, path, sizeof path);
    return hln_error_set(p->err, code, at, path, "%s", msg);
}

/* Wire-level errors come back with an empty path; add ours. */
static hln_result hln_onnx__wire(hln_onnx__p *p, hln_result r) {
    if (r != HLN_OK && p->err && p->err->path[0] == 0) hln_onnx__path_str(p, p->err->path, sizeof p->err->path);
    return r;
}

static hln_result hln_onnx__nomem(hln_onnx__p *p) { return hln_onnx__fail(p, HLN_ERR_NOMEM, 0, "out of memory"); }

static void hln_onnx__push(hln_onnx__p *p, const char *field, int64_t index) {
    if (p->sp < HLN_ONNX__PATH_MAX) { p->path[p->sp].field = field; p->path[p->sp].index = index; }
    p->sp++;
}
static void hln_onnx__pop(hln_onnx__p *p) { p->sp--; }

static hln_result hln_onnx__enter(hln_onnx__p *p, uint64_t at) {
    if (++p->depth > HLN_ONNX_MAX_DEPTH)
        return hln_onnx__fail(p, HLN_ERR_LIMIT, at, "messages nested deeper than HLN_ONNX_MAX_DEPTH (%d)", HLN_ONNX_MAX_DEPTH);
    return HLN_OK;
}

static hln_result hln_onnx__next(hln_onnx__p *p, hln_pb *r, hln_pb_field *f) {
    return hln_onnx__wire(p, hln_pb_next(r, f, p->err));
}

static hln_result hln_onnx__want(hln_onnx__p *p, const hln_pb_field *f, uint32_t wire, const char *what) {
    if (f->wire_type != wire)
        return hln_onnx__fail(p, HLN_ERR_SYNTAX, f->offset, "%s (field %" PRIu32 ") has wire type %" PRIu32 ", expected %" PRIu32 "",
                              what, f->number, f->wire_type, wire);
    return HLN_OK;
}

/* A StringStringEntryProto (field f of r): its key (1) and value (2) fields, zero when absent. */
static hln_result hln_onnx__string_entry(hln_onnx__p *p, const hln_pb *r, const hln_pb_field *f,
                                         hln_pb_field *key, hln_pb_field *value) {
    hln_pb e = hln_pb_sub(r, f);
    hln_pb_field x;
    hln_result res;
    memset(key, 0, sizeof *key);
    memset(value, 0, sizeof *value);
    for (;;) {
        if ((res = hln_onnx__next(p, &e, &x)) != HLN_OK) return res;
        if (!x.number) return HLN_OK;
        if (x.number == 1 && x.wire_type == HLN_PB_LEN) *key = x;
        if (x.number == 2 && x.wire_type == HLN_PB_LEN) *value = x;
    }
}

/* Grows an arena array to hold at least need elements (doubling; the old block stays in the
   arena, so total waste is bounded by the final size). */
static int hln_onnx__grow(hln_arena *a, void **arr, uint32_t *cap, uint32_t used, uint64_t need, size_t elem) {
    uint64_t c = *cap ? *cap : 8;
    void *n;
    if (need <= *cap) return 1;
    while (c < need) c *= 2;
    if (c > UINT32_MAX) return 0;
    n = hln_arena_array(a, c, elem);
    if (!n) return 0;
    if (used) memcpy(n, *arr, (size_t)used * elem);
    *arr = n;
    *cap = (uint32_t)c;
    return 1;
}

static char *hln_onnx__str(hln_onnx__p *p, const hln_pb_field *f) {
    return hln_arena_strndup(&p->m->arena, (const char *)p->base + f->data_offset, (size_t)f->len);
}

static int hln_onnx__is_default_domain(const uint8_t *s, uint64_t n) {
    return n == 0 || (n == 7 && memcmp(s, "ai.onnx", 7) == 0);
}

static hln_result hln_onnx__add_kv(hln_onnx__p *p, const char *key, hln_kv_type type, int64_t i, const char *s, uint64_t slen) {
    hln_kv *kv;
    if (!hln_onnx__grow(&p->m->arena, (void **)&p->kv, &p->cap_kv, p->nkv, (uint64_t)p->nkv + 1, sizeof *p->kv))
        return hln_onnx__nomem(p);
    kv = &p->kv[p->nkv++];
    memset(kv, 0, sizeof *kv);
    kv->key = hln_arena_strndup(&p->m->arena, key, strlen(key));
    kv->type = type;
    if (type == HLN_KV_STRING) {
        kv->v.s.ptr = hln_arena_strndup(&p->m->arena, s ? s : "", (size_t)slen);
        kv->v.s.len = slen;
        if (!kv->v.s.ptr) return hln_onnx__nomem(p);
    } else {
        kv->v.i = i;
    }
    if (!kv->key) return hln_onnx__nomem(p);
    return HLN_OK;
}

static hln_tensor *hln_onnx__new_tensor(hln_onnx__p *p, int32_t *index) {
    hln_tensor *t;
    if (!hln_onnx__grow(&p->m->arena, (void **)&p->ts, &p->cap_t, p->nt, (uint64_t)p->nt + 1, sizeof *p->ts)) return NULL;
    t = &p->ts[p->nt];
    memset(t, 0, sizeof *t);
    *index = (int32_t)p->nt++;
    return t;
}

/* ---- external data ---- */
static int hln_onnx__parse_u64(const uint8_t *s, uint64_t n, uint64_t *out) {
    uint64_t v = 0, i;
    if (n == 0) return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        if (v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10) return 0;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 1;
}

/* A location is safe when it is relative and no component is "..". */
static const char *hln_onnx__unsafe_location(const char *loc) {
    const char *c = loc;
    if (!*loc) return "is empty";
    if (loc[0] == '/' || loc[0] == '\\') return "is an absolute path";
    if (((loc[0] >= 'A' && loc[0] <= 'Z') || (loc[0] >= 'a' && loc[0] <= 'z')) && loc[1] == ':') return "is an absolute path";
    while (*c) {
        const char *e = c;
        while (*e && *e != '/' && *e != '\\') e++;
        if (e - c == 2 && c[0] == '.' && c[1] == '.') return "has a '..' component";
        c = *e ? e + 1 : e;
    }
    return NULL;
}

#ifndef HLN_NO_STDIO
/* Resolves dir/loc; the real path must stay inside the real dir. Returns 0 (and the reason)
   when it does not, or when the file is missing. */
static const char *hln_onnx__resolve(hln_onnx__p *p, const char *loc, char **full_out, uint64_t *size_out) {
    size_t dl = strlen(p->base_dir), ll = strlen(loc);
    char *full = (char *)hln_arena_alloc(&p->m->arena, dl + ll + 2);
    struct stat st;
    if (!full) return "out of memory";
    memcpy(full, p->base_dir, dl);
    full[dl] = '/';
    memcpy(full + dl + 1, loc, ll + 1);
    if (p->io.open) {   /* the caller's file system: its own rules for links; the size from it */
        hln_mapped map;
        if (p->io.open(p->io.user, full, &map) != 0) return "is not found";
        *size_out = map.size;
        if (p->io.close) p->io.close(p->io.user, &map);
        *full_out = full;
        return NULL;
    }
#ifdef HLN_ONNX__POSIX
    {
        char *rdir = realpath(p->base_dir, NULL), *rfile;
        size_t n;
        int inside;
        if (!rdir) return "the model's folder cannot be resolved";
        rfile = realpath(full, NULL);
        if (!rfile) { free(rdir); return "is not found"; }
        n = strlen(rdir);
        inside = strncmp(rfile, rdir, n) == 0 && (rfile[n] == '/' || (n == 1 && rdir[0] == '/'));
        free(rdir);
        free(rfile);
        if (!inside) return "resolves (through a symbolic link) outside the model's folder";
    }
#endif
    if (stat(full, &st) != 0) return "is not found";
    if (!S_ISREG(st.st_mode)) return "is not a regular file";
    *full_out = full;
    *size_out = (uint64_t)st.st_size;
    return NULL;
}
#endif

static hln_result hln_onnx__add_file(hln_onnx__p *p, const char *path, const uint8_t *data, uint64_t size, uint32_t *index) {
    hln_model *m = p->m;
    hln_file *files = (hln_file *)hln_arena_array(&m->arena, (uint64_t)m->n_files + 1, sizeof *files);
    if (!files) return hln_onnx__nomem(p);
    if (m->n_files) memcpy(files, m->files, m->n_files * sizeof *files);
    memset(&files[m->n_files], 0, sizeof *files);
    files[m->n_files].path = path;
    files[m->n_files].data = data;
    files[m->n_files].size = size;
    m->files = files;
    *index = m->n_files++;
    return HLN_OK;
}

/* Records a tensor's external data: file index (one per distinct location), offset, bytes. */
static hln_result hln_onnx__external(hln_onnx__p *p, hln_tensor *t, const char *loc, uint64_t offset,
                                     int has_length, uint64_t length, uint64_t at) {
    const char *why = hln_onnx__unsafe_location(loc);
    uint32_t i, file = 0;
    int found = 0;
    hln_result r;
    if (why) return hln_onnx__fail(p, HLN_ERR_PATH, at, "external data location '%.100s' %s", loc, why);
    if (has_length && length != t->n_bytes)
        return hln_onnx__fail(p, HLN_ERR_LAYOUT, at, "external data length %llu != %llu bytes of tensor '%.100s'",
                              (unsigned long long)length, (unsigned long long)t->n_bytes, t->name);
    for (i = 0; i < p->n_ext; i++)
        if (strcmp(p->ext_loc[i], loc) == 0) { file = p->ext_file[i]; found = 1; break; }
    if (!found) {
        char *full = NULL;
        uint64_t size = 0;
#ifndef HLN_NO_STDIO
        if (p->base_dir) {
            why = hln_onnx__resolve(p, loc, &full, &size);
            if (why) return hln_onnx__fail(p, HLN_ERR_PATH, at, "external data file '%.100s' %s", loc, why);
        }
#endif
        if (!full) full = hln_arena_strndup(&p->m->arena, loc, strlen(loc));
        if (!full) return hln_onnx__nomem(p);
        if ((r = hln_onnx__add_file(p, full, NULL, size, &file)) != HLN_OK) return r;
        if (!hln_onnx__grow(&p->m->arena, (void **)&p->ext_loc, &p->cap_ext, p->n_ext, (uint64_t)p->n_ext + 1, sizeof *p->ext_loc) ||
            !hln_onnx__grow(&p->m->arena, (void **)&p->ext_file, &p->cap_ext2, p->n_ext, (uint64_t)p->n_ext + 1, sizeof *p->ext_file))
            return hln_onnx__nomem(p);
        p->ext_loc[p->n_ext] = hln_arena_strndup(&p->m->arena, loc, strlen(loc));
        p->ext_file[p->n_ext++] = file;
        if (!p->ext_loc[p->n_ext - 1]) return hln_onnx__nomem(p);
    }
    if (p->base_dir) {
        uint64_t fsize = p->m->files[file].size;
        if (offset > fsize || t->n_bytes > fsize - offset)
            return hln_onnx__fail(p, HLN_ERR_TRUNCATED, at,
                                  "external data of '%.100s' (offset %llu, %llu bytes) extends past the end of '%.100s' (%llu bytes)",
                                  t->name, (unsigned long long)offset, (unsigned long long)t->n_bytes, loc,
                                  (unsigned long long)fsize);
    }
    t->flags |= HLN_TENSOR_EXTERNAL;
    t->file = file;
    t->offset = offset;
    t->file_offset = offset;
    t->data = NULL;
    p->n_external++;
    return HLN_OK;
}

/* ---- TensorProto ---- */
/* Which typed field holds the elements of an ONNX data type, and its wire form. */
static uint32_t hln_onnx__typed_field(hln_dtype t) {
    switch (t) {
    case HLN_DTYPE_F32: case HLN_DTYPE_C64: return 4;
    case HLN_DTYPE_STRING: return 6;
    case HLN_DTYPE_I64: return 7;
    case HLN_DTYPE_F64: case HLN_DTYPE_C128: return 10;
    case HLN_DTYPE_U32: case HLN_DTYPE_U64: return 11;
    default: return 5;
    }
}

static void hln_onnx__put_le(uint8_t *d, uint64_t v, unsigned n) {
    unsigned i;
    for (i = 0; i < n; i++) d[i] = (uint8_t)(v >> (8 * i));
}

/* Parses one TensorProto into *t (not appended anywhere). */
static hln_result hln_onnx__tensor(hln_onnx__p *p, hln_pb msg, hln_tensor *t, uint64_t at) {
    hln_pb r = msg;
    hln_pb_field f;
    hln_result res;
    int64_t dims[HLN_MAX_DIMS];
    uint32_t n_dims = 0, want_field, d;
    uint64_t data_type = 0, n = 1, typed_count[12], typed_spans[12], first_span[12], location = 0;
    uint64_t ext_offset = 0, ext_length = 0, string_bytes = 0;
    int has_raw = 0, has_type = 0, has_ext_length = 0, ok;
    hln_pb_field raw;
    const char *ext_loc = NULL;
    uint64_t ext_at = at;
    const hln_dtype_info *info;

    memset(typed_count, 0, sizeof typed_count);
    memset(typed_spans, 0, sizeof typed_spans);
    memset(first_span, 0, sizeof first_span);
    memset(&raw, 0, sizeof raw);
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        switch (f.number) {
        case 1: {   /* dims */
            hln_pb sub = f.wire_type == HLN_PB_LEN ? hln_pb_sub(&r, &f) : r;
            uint64_t cnt, k;
            if ((res = hln_onnx__wire(p, hln_pb_count(&r, &f, HLN_PB_VARINT, &cnt, p->err))) != HLN_OK) return res;
            for (k = 0; k < cnt; k++) {
                uint64_t v;
                if (f.wire_type == HLN_PB_LEN) {
                    if ((res = hln_onnx__wire(p, hln__pb_varint_at(&sub, &v, p->err, "dim"))) != HLN_OK) return res;
                } else {
                    v = f.value;
                }
                if (n_dims >= HLN_MAX_DIMS)
                    return hln_onnx__fail(p, HLN_ERR_LIMIT, f.offset, "tensor rank exceeds HLN_MAX_DIMS (%d)", HLN_MAX_DIMS);
                if ((int64_t)v < 0)
                    return hln_onnx__fail(p, HLN_ERR_RANGE, f.offset, "dimension %" PRIu32 " is negative (%lld)", n_dims, (long long)(int64_t)v);
                dims[n_dims++] = (int64_t)v;
            }
            break;
        }
        case 2:
            if ((res = hln_onnx__want(p, &f, HLN_PB_VARINT, "data_type")) != HLN_OK) return res;
            data_type = f.value;
            has_type = 1;
            break;
        case 4: case 5: case 7: case 10: case 11: {
            uint32_t ew = f.number == 4 ? HLN_PB_I32 : f.number == 10 ? HLN_PB_I64 : HLN_PB_VARINT;
            uint64_t cnt;
            if ((res = hln_onnx__wire(p, hln_pb_count(&r, &f, ew, &cnt, p->err))) != HLN_OK) return res;
            typed_count[f.number] += cnt;
            if (typed_spans[f.number]++ == 0) first_span[f.number] = f.wire_type == HLN_PB_LEN ? f.data_offset : UINT64_MAX;
            break;
        }
        case 6:
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "string_data")) != HLN_OK) return res;
            typed_count[6]++;
            string_bytes += f.len;
            break;
        case 8:
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "name")) != HLN_OK) return res;
            t->name = hln_onnx__str(p, &f);
            if (!t->name) return hln_onnx__nomem(p);
            break;
        case 9:
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "raw_data")) != HLN_OK) return res;
            raw = f;
            has_raw = 1;
            break;
        case 13: {  /* external_data: StringStringEntryProto */
            hln_pb_field key, val;
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "external_data")) != HLN_OK) return res;
            if ((res = hln_onnx__string_entry(p, &r, &f, &key, &val)) != HLN_OK) return res;
            {
                const uint8_t *ks = p->base + key.data_offset, *vs = p->base + val.data_offset;
                if (key.len == 8 && memcmp(ks, "location", 8) == 0) {
                    ext_loc = hln_arena_strndup(&p->m->arena, (const char *)vs, (size_t)val.len);
                    if (!ext_loc) return hln_onnx__nomem(p);
                    if (strlen(ext_loc) != val.len)
                        return hln_onnx__fail(p, HLN_ERR_PATH, f.offset, "external data location contains a NUL byte");
                    ext_at = f.offset;
                } else if (key.len == 6 && memcmp(ks, "offset", 6) == 0) {
                    if (!hln_onnx__parse_u64(vs, val.len, &ext_offset))
                        return hln_onnx__fail(p, HLN_ERR_SYNTAX, f.offset, "external data offset is not a decimal integer");
                } else if (key.len == 6 && memcmp(ks, "length", 6) == 0) {
                    if (!hln_onnx__parse_u64(vs, val.len, &ext_length))
                        return hln_onnx__fail(p, HLN_ERR_SYNTAX, f.offset, "external data length is not a decimal integer");
                    has_ext_length = 1;
                }
            }
            break;
        }
        case 14:
            if ((res = hln_onnx__want(p, &f, HLN_PB_VARINT, "data_location")) != HLN_OK) return res;
            location = f.value;
            break;
        default: break;   /* segment, doc_string, metadata_props, unknown */
        }
    }
    p->depth--;
    if (!t->name) t->name = "";
    if (!has_type || data_type == 0)
        return hln_onnx__fail(p, HLN_ERR_TYPE, at, "tensor '%.100s' has no data_type", t->name);
    t->native_type = data_type > INT32_MAX ? -1 : (int32_t)data_type;
    t->dtype = data_type > INT32_MAX ? HLN_DTYPE_UNKNOWN : hln_dtype_from_onnx((int32_t)data_type);
    if (t->dtype == HLN_DTYPE_UNKNOWN)
        return hln_onnx__fail(p, HLN_ERR_TYPE, at, "tensor '%.100s' has unknown data_type %llu", t->name,
                              (unsigned long long)data_type);
    for (d = 0; d < n_dims; d++)
        if (hln_mul_overflow(n, (uint64_t)dims[d], &n))
            return hln_onnx__fail(p, HLN_ERR_OVERFLOW, at, "tensor '%.100s': the element count overflows 64 bits", t->name);
    t->n_dims = n_dims;
    t->dims = (int64_t *)hln_arena_array(&p->m->arena, n_dims ? n_dims : 1, sizeof(int64_t));
    if (!t->dims) return hln_onnx__nomem(p);
    memcpy(t->dims, dims, n_dims * sizeof(int64_t));
    t->n_elements = n;
    info = hln_dtype_get(t->dtype);
    if (t->dtype == HLN_DTYPE_STRING) {
        t->n_bytes = string_bytes;
    } else {
        t->n_bytes = hln_dtype_nbytes(t->dtype, n, &ok);
        if (!ok)
            return hln_onnx__fail(p, HLN_ERR_OVERFLOW, at, "tensor '%.100s': %llu %s elements overflow a 64-bit byte size",
                                  t->name, (unsigned long long)n, info->onnx_name);
    }
    if (location == 1 || ext_loc) {
        if (!ext_loc) return hln_onnx__fail(p, HLN_ERR_PATH, at, "tensor '%.100s' is EXTERNAL without a location", t->name);
        if (t->dtype == HLN_DTYPE_STRING)
            return hln_onnx__fail(p, HLN_ERR_UNSUPPORTED, at, "STRING tensor '%.100s' cannot be external", t->name);
        return hln_onnx__external(p, t, ext_loc, ext_offset, has_ext_length, ext_length, ext_at);
    }
    t->file = 0;
    if (has_raw) {
        if (raw.len != t->n_bytes)
            return hln_onnx__fail(p, HLN_ERR_LAYOUT, raw.offset,
                                  "tensor '%.100s': raw_data has %llu bytes, %llu %s elements need %llu", t->name,
                                  (unsigned long long)raw.len, (unsigned long long)n, info->onnx_name,
                                  (unsigned long long)t->n_bytes);
        t->offset = t->file_offset = raw.data_offset;
        t->data = p->base + raw.data_offset;
        return HLN_OK;
    }
    want_field = hln_onnx__typed_field(t->dtype);
    {
        uint64_t have = typed_count[want_field], need = n, k;
        if (t->dtype == HLN_DTYPE_C64 || t->dtype == HLN_DTYPE_C128) need = n * 2;   /* n*2 cannot overflow: n*8 did not */
        if (info->block_size > 1 && info->kind != HLN_KIND_QUANT) need = t->n_bytes;  /* sub-byte: packed per int32 */
        for (k = 4; k < 12; k++)
            if (k != want_field && k != 6 && typed_count[k])
                return hln_onnx__fail(p, HLN_ERR_LAYOUT, at, "tensor '%.100s' (%s) carries data in the wrong typed field %llu",
                                      t->name, info->onnx_name, (unsigned long long)k);
        if (have != need)
            return hln_onnx__fail(p, HLN_ERR_LAYOUT, at, "tensor '%.100s': %llu elements in its typed data field, dims need %llu",
                                  t->name, (unsigned long long)have, (unsigned long long)need);
        if (t->dtype == HLN_DTYPE_STRING || n == 0) return HLN_OK;
        /* packed fixed-width little-endian span: a view; otherwise decode once */
        if ((want_field == 4 || want_field == 10) && typed_spans[want_field] == 1 && first_span[want_field] != UINT64_MAX) {
            t->offset = t->file_offset = first_span[want_field];
            t->data = p->base + first_span[want_field];
            return HLN_OK;
        }
        {
            unsigned es = info->block_size > 1 ? 1 : info->type_size;
            uint8_t *buf;
            uint64_t w = 0, bytes;
            if (t->dtype == HLN_DTYPE_C64) es = 4;
            if (t->dtype == HLN_DTYPE_C128) es = 8;
            if (hln_mul_overflow(need, es, &bytes) || bytes > SIZE_MAX) return hln_onnx__nomem(p);
            buf = (uint8_t *)hln_arena_alloc(&p->m->arena, (size_t)bytes);
            if (!buf) return hln_onnx__nomem(p);
            r = msg;
            for (;;) {
                if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
                if (!f.number) break;
                if (f.number != want_field) continue;
                if (f.wire_type != HLN_PB_LEN) {
                    hln_onnx__put_le(buf + w * es, f.value, es);
                    w++;
                } else {
                    hln_pb sub = hln_pb_sub(&r, &f);
                    while (sub.pos < sub.end) {
                        uint64_t v = 0;
                        if (want_field == 4 || want_field == 10) {
                            unsigned b;
                            for (b = 0; b < es; b++) v |= (uint64_t)p->base[sub.pos + b] << (8 * b);
                            sub.pos += es;
                        } else if ((res = hln_onnx__wire(p, hln__pb_varint_at(&sub, &v, p->err, "element"))) != HLN_OK) {
                            return res;
                        }
                        hln_onnx__put_le(buf + w * es, v, es);
                        w++;
                    }
                }
            }
            t->data = buf;
            t->offset = t->file_offset = 0;
        }
    }
    return HLN_OK;
}

/* Appends a TensorProto to the model's tensors. */
static hln_result hln_onnx__add_tensor(hln_onnx__p *p, hln_pb msg, uint64_t at, uint32_t flags, int32_t *index) {
    hln_tensor tmp, *t;
    hln_result r;
    memset(&tmp, 0, sizeof tmp);
    if ((r = hln_onnx__tensor(p, msg, &tmp, at)) != HLN_OK) return r;
    t = hln_onnx__new_tensor(p, index);
    if (!t) return hln_onnx__nomem(p);
    *t = tmp;
    t->flags |= flags;
    return HLN_OK;
}

/* SparseTensorProto -> one tensor: dense dims, the values' dtype, bytes and data. */
static hln_result hln_onnx__add_sparse(hln_onnx__p *p, hln_pb msg, uint64_t at, uint32_t flags, int32_t *index) {
    hln_pb r = msg;
    hln_pb_field f;
    hln_tensor values, *t;
    int64_t dims[HLN_MAX_DIMS];
    uint32_t n_dims = 0, d;
    uint64_t n = 1;
    int has_values = 0;
    hln_result res;
    memset(&values, 0, sizeof values);
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number == 1) {
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "values")) != HLN_OK) return res;
            if ((res = hln_onnx__tensor(p, hln_pb_sub(&r, &f), &values, f.offset)) != HLN_OK) return res;
            has_values = 1;
        } else if (f.number == 2) {
            hln_tensor idx;
            memset(&idx, 0, sizeof idx);
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "indices")) != HLN_OK) return res;
            if ((res = hln_onnx__tensor(p, hln_pb_sub(&r, &f), &idx, f.offset)) != HLN_OK) return res;
        } else if (f.number == 3) {
            hln_pb sub = f.wire_type == HLN_PB_LEN ? hln_pb_sub(&r, &f) : r;
            uint64_t cnt, k, v;
            if ((res = hln_onnx__wire(p, hln_pb_count(&r, &f, HLN_PB_VARINT, &cnt, p->err))) != HLN_OK) return res;
            for (k = 0; k < cnt; k++) {
                if (f.wire_type == HLN_PB_LEN) {
                    if ((res = hln_onnx__wire(p, hln__pb_varint_at(&sub, &v, p->err, "dim"))) != HLN_OK) return res;
                } else {
                    v = f.value;
                }
                if (n_dims >= HLN_MAX_DIMS) return hln_onnx__fail(p, HLN_ERR_LIMIT, f.offset, "sparse tensor rank exceeds HLN_MAX_DIMS");
                if ((int64_t)v < 0) return hln_onnx__fail(p, HLN_ERR_RANGE, f.offset, "sparse tensor dimension is negative");
                dims[n_dims++] = (int64_t)v;
            }
        }
    }
    p->depth--;
    if (!has_values) return hln_onnx__fail(p, HLN_ERR_LAYOUT, at, "sparse tensor has no values");
    for (d = 0; d < n_dims; d++)
        if (hln_mul_overflow(n, (uint64_t)dims[d], &n))
            return hln_onnx__fail(p, HLN_ERR_OVERFLOW, at, "sparse tensor element count overflows 64 bits");
    t = hln_onnx__new_tensor(p, index);
    if (!t) return hln_onnx__nomem(p);
    *t = values;
    t->dims = (int64_t *)hln_arena_array(&p->m->arena, n_dims ? n_dims : 1, sizeof(int64_t));
    if (!t->dims) return hln_onnx__nomem(p);
    memcpy(t->dims, dims, n_dims * sizeof(int64_t));
    t->n_dims = n_dims;
    t->n_elements = n;
    t->flags |= flags | HLN_TENSOR_SPARSE;
    return HLN_OK;
}

/* ---- TypeProto ---- */
typedef struct hln_onnx__type {
    hln_dtype dtype;
    int       has_shape;
    uint32_t  rank;
    hln_dim   dims[HLN_MAX_DIMS];
    char      text[128];   /* "FLOAT", "sequence(FLOAT)", ... */
    int       container;   /* 1 when not a plain tensor */
} hln_onnx__type;

static void hln_onnx__cat(char *dst, size_t cap, const char *s) {
    size_t n = strlen(dst);
    if (n + 1 < cap) snprintf(dst + n, cap - n, "%s", s);
}

static hln_result hln_onnx__typeproto(hln_onnx__p *p, hln_pb msg, uint64_t at, hln_onnx__type *ty);

/* TypeProto.Tensor / SparseTensor: elem_type and shape. */
static hln_result hln_onnx__tensor_type(hln_onnx__p *p, hln_pb msg, uint64_t at, hln_onnx__type *ty) {
    hln_pb r = msg;
    hln_pb_field f;
    hln_result res;
    uint64_t elem = 0;
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number == 1) {
            if ((res = hln_onnx__want(p, &f, HLN_PB_VARINT, "elem_type")) != HLN_OK) return res;
            elem = f.value;
        } else if (f.number == 2) {
            hln_pb s = hln_pb_sub(&r, &f), dm;
            hln_pb_field df, vf;
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "shape")) != HLN_OK) return res;
            ty->has_shape = 1;
            ty->rank = 0;
            for (;;) {
                hln_dim *d;
                if ((res = hln_onnx__next(p, &s, &df)) != HLN_OK) return res;
                if (!df.number) break;
                if (df.number != 1) continue;
                if ((res = hln_onnx__want(p, &df, HLN_PB_LEN, "dim")) != HLN_OK) return res;
                if (ty->rank >= HLN_MAX_DIMS)
                    return hln_onnx__fail(p, HLN_ERR_LIMIT, df.offset, "shape rank exceeds HLN_MAX_DIMS (%d)", HLN_MAX_DIMS);
                d = &ty->dims[ty->rank++];
                d->value = -1;
                d->param = NULL;
                dm = hln_pb_sub(&s, &df);
                for (;;) {
                    if ((res = hln_onnx__next(p, &dm, &vf)) != HLN_OK) return res;
                    if (!vf.number) break;
                    if (vf.number == 1 && vf.wire_type == HLN_PB_VARINT) {
                        if ((int64_t)vf.value < 0) {   /* the spec's dims are >= 0; unknown is dim_param or nothing */
                            hln_onnx__push(p, "shape.dim", ty->rank - 1);
                            return hln_onnx__fail(p, HLN_ERR_RANGE, vf.offset, "dim_value is negative (%lld)",
                                                  (long long)(int64_t)vf.value);
                        }
                        d->value = (int64_t)vf.value;
                        d->param = NULL;
                    } else if (vf.number == 2 && vf.wire_type == HLN_PB_LEN) {
                        d->param = hln_onnx__str(p, &vf);
                        d->value = -1;
                        if (!d->param) return hln_onnx__nomem(p);
                    }
                }
            }
        }
    }
    p->depth--;
    ty->dtype = elem > 0 && elem <= INT32_MAX ? hln_dtype_from_onnx((int32_t)elem) : HLN_DTYPE_UNKNOWN;
    hln_onnx__cat(ty->text, sizeof ty->text, hln_dtype_get(ty->dtype)->onnx_name ? hln_dtype_get(ty->dtype)->onnx_name : "UNDEFINED");
    return HLN_OK;
}

/* A wrapper type (sequence/optional): one TypeProto inside at field 1. */
static hln_result hln_onnx__wrapped(hln_onnx__p *p, hln_pb msg, uint64_t at, hln_onnx__type *ty, const char *name, int map) {
    hln_pb r = msg;
    hln_pb_field f;
    hln_result res;
    int first = 1;
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    ty->container = 1;
    hln_onnx__cat(ty->text, sizeof ty->text, name);
    hln_onnx__cat(ty->text, sizeof ty->text, "(");
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (map && f.number == 1 && f.wire_type == HLN_PB_VARINT) {   /* map key_type */
            hln_dtype k = f.value <= INT32_MAX ? hln_dtype_from_onnx((int32_t)f.value) : HLN_DTYPE_UNKNOWN;
            hln_onnx__cat(ty->text, sizeof ty->text, hln_dtype_get(k)->onnx_name ? hln_dtype_get(k)->onnx_name : "UNDEFINED");
            hln_onnx__cat(ty->text, sizeof ty->text, ",");
            continue;
        }
        if (f.number == (map ? 2u : 1u) && f.wire_type == HLN_PB_LEN && first) {
            first = 0;
            if ((res = hln_onnx__typeproto(p, hln_pb_sub(&r, &f), f.offset, ty)) != HLN_OK) return res;
        }
    }
    hln_onnx__cat(ty->text, sizeof ty->text, ")");
    p->depth--;
    return HLN_OK;
}

static hln_result hln_onnx__typeproto(hln_onnx__p *p, hln_pb msg, uint64_t at, hln_onnx__type *ty) {
    hln_pb r = msg;
    hln_pb_field f;
    hln_result res;
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.wire_type != HLN_PB_LEN) continue;
        switch (f.number) {
        case 1: res = hln_onnx__tensor_type(p, hln_pb_sub(&r, &f), f.offset, ty); break;
        case 8:
            ty->container = 1;
            hln_onnx__cat(ty->text, sizeof ty->text, "sparse_tensor(");
            res = hln_onnx__tensor_type(p, hln_pb_sub(&r, &f), f.offset, ty);
            hln_onnx__cat(ty->text, sizeof ty->text, ")");
            break;
        case 4: res = hln_onnx__wrapped(p, hln_pb_sub(&r, &f), f.offset, ty, "sequence", 0); break;
        case 9: res = hln_onnx__wrapped(p, hln_pb_sub(&r, &f), f.offset, ty, "optional", 0); break;
        case 5: res = hln_onnx__wrapped(p, hln_pb_sub(&r, &f), f.offset, ty, "map", 1); break;
        case 7: ty->container = 1; hln_onnx__cat(ty->text, sizeof ty->text, "opaque"); break;
        default: break;
        }
        if (res != HLN_OK) return res;
    }
    p->depth--;
    return HLN_OK;
}

/* ---- graph builder: values by name ---- */
struct hln_onnx__gb {
    hln_graph   *g;
    hln_value   *values;
    uint32_t     nv, cap_v;
    uint32_t    *hashes, cap_h;
    uint32_t    *slots, mask;    /* open addressing: value index + 1 */
    hln_node    *nodes;
    uint32_t     nn;
    hln_graph  **children;
    uint32_t     nc, cap_c;
    uint32_t     tensor_flags;   /* HLN_TENSOR_NESTED inside subgraphs and functions */
};

#define HLN_ONNX__VALUE_GUESS (1u << 22)   /* most values sized up front per graph (more grow by doubling) */
static uint32_t hln_onnx__hash(const uint8_t *s, uint64_t n) {
    uint32_t h = 2166136261u;
    uint64_t i;
    for (i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
    return h;
}

static int hln_onnx__rehash(hln_onnx__p *p, hln_onnx__gb *b, uint32_t cap) {
    uint32_t i;
    b->slots = (uint32_t *)hln_arena_array(&p->m->arena, cap, sizeof(uint32_t));
    if (!b->slots) return 0;
    b->mask = cap - 1;
    for (i = 0; i < b->nv; i++) {
        uint32_t s = b->hashes[i] & b->mask;
        while (b->slots[s]) s = (s + 1) & b->mask;
        b->slots[s] = i + 1;
    }
    return 1;
}

/* Index of the value named s[0,n) in the graph under construction, created when absent; -1 on
   out-of-memory. */
static int32_t hln_onnx__value(hln_onnx__p *p, hln_onnx__gb *b, const uint8_t *s, uint64_t n, int *created) {
    uint32_t h = hln_onnx__hash(s, n), slot;
    hln_value *v;
    *created = 0;
    if (b->slots) {
        slot = h & b->mask;
        while (b->slots[slot]) {
            uint32_t i = b->slots[slot] - 1;
            if (b->hashes[i] == h && strncmp(b->values[i].name, (const char *)s, (size_t)n) == 0 && b->values[i].name[n] == 0)
                return (int32_t)i;
            slot = (slot + 1) & b->mask;
        }
    }
    if (b->nv >= INT32_MAX - 1) return -1;
    if (!hln_onnx__grow(&p->m->arena, (void **)&b->values, &b->cap_v, b->nv, (uint64_t)b->nv + 1, sizeof *b->values) ||
        !hln_onnx__grow(&p->m->arena, (void **)&b->hashes, &b->cap_h, b->nv, (uint64_t)b->nv + 1, sizeof *b->hashes))
        return -1;
    v = &b->values[b->nv];
    memset(v, 0, sizeof *v);
    v->name = hln_arena_strndup(&p->m->arena, (const char *)s, (size_t)n);
    if (!v->name) return -1;
    v->dtype = HLN_DTYPE_UNKNOWN;
    v->shape.rank = -1;
    v->inferred.rank = -1;
    v->tensor = v->producer = v->outer = -1;
    b->hashes[b->nv] = h;
    b->nv++;
    *created = 1;
    if (!b->slots || (uint64_t)b->nv * 2 > (uint64_t)b->mask + 1) {
        uint32_t cap = b->slots ? (b->mask + 1) * 2 : 64;
        if (!hln_onnx__rehash(p, b, cap)) return -1;
    } else {
        slot = h & b->mask;
        while (b->slots[slot]) slot = (slot + 1) & b->mask;
        b->slots[slot] = b->nv;
    }
    return (int32_t)(b->nv - 1);
}

static hln_result hln_onnx__set_type(hln_onnx__p *p, hln_value *v, const hln_onnx__type *ty) {
    if (ty->dtype != HLN_DTYPE_UNKNOWN || v->dtype == HLN_DTYPE_UNKNOWN) v->dtype = ty->dtype;
    if (ty->container) {
        v->container = hln_arena_strndup(&p->m->arena, ty->text, strlen(ty->text));
        if (!v->container) return hln_onnx__nomem(p);
    }
    if (ty->has_shape) {
        v->shape.rank = (int32_t)ty->rank;
        v->shape.dims = (hln_dim *)hln_arena_array(&p->m->arena, ty->rank ? ty->rank : 1, sizeof(hln_dim));
        if (!v->shape.dims) return hln_onnx__nomem(p);
        memcpy(v->shape.dims, ty->dims, ty->rank * sizeof(hln_dim));
    }
    return HLN_OK;
}

/* ValueInfoProto -> the named value (created when absent) with its declared type. */
static hln_result hln_onnx__value_info(hln_onnx__p *p, hln_onnx__gb *b, hln_pb msg, uint64_t at, int32_t *index) {
    hln_pb r = msg;
    hln_pb_field f, name, type;
    hln_result res;
    hln_onnx__type ty;
    int created;
    memset(&name, 0, sizeof name);
    memset(&type, 0, sizeof type);
    memset(&ty, 0, sizeof ty);
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number == 1 && f.wire_type == HLN_PB_LEN) name = f;
        if (f.number == 2 && f.wire_type == HLN_PB_LEN) type = f;
    }
    *index = hln_onnx__value(p, b, p->base + name.data_offset, name.len, &created);
    if (*index < 0) return hln_onnx__nomem(p);
    if (type.number) {
        if ((res = hln_onnx__typeproto(p, hln_pb_sub(&r, &type), type.offset, &ty)) != HLN_OK) return res;
        return hln_onnx__set_type(p, &b->values[*index], &ty);
    }
    (void)at;
    return HLN_OK;
}

/* ---- AttributeProto / NodeProto / GraphProto ---- */
static hln_result hln_onnx__graph(hln_onnx__p *p, hln_pb msg, uint64_t at, hln_graph *parent,
                                  uint32_t tensor_flags, hln_graph **out);

static int hln_onnx__name_is(const hln_attr *a, const char *s) { return a->name && strcmp(a->name, s) == 0; }

/* A Constant node's value_* scalar/list attribute as a tensor. */
static hln_result hln_onnx__constant_list(hln_onnx__p *p, hln_attr *a, const char *name, uint32_t flags, uint64_t at) {
    hln_tensor *t;
    int32_t index;
    uint32_t k;
    int list = a->type == HLN_ATTR_FLOATS || a->type == HLN_ATTR_INTS || a->type == HLN_ATTR_STRINGS;
    uint64_t n = list ? a->count : 1;
    t = hln_onnx__new_tensor(p, &index);
    if (!t) return hln_onnx__nomem(p);
    t->name = name;
    t->flags = flags;
    t->n_dims = list ? 1 : 0;
    t->dims = (int64_t *)hln_arena_alloc(&p->m->arena, sizeof(int64_t));
    if (!t->dims) return hln_onnx__nomem(p);
    t->dims[0] = (int64_t)n;
    t->n_elements = n;
    if (a->type == HLN_ATTR_FLOAT || a->type == HLN_ATTR_FLOATS) {
        uint8_t *d = (uint8_t *)hln_arena_alloc(&p->m->arena, (size_t)n * 4);
        if (!d) return hln_onnx__nomem(p);
        for (k = 0; k < n; k++) {
            float fv = list ? a->floats[k] : a->f;
            uint32_t u;
            memcpy(&u, &fv, 4);
            hln_onnx__put_le(d + 4 * k, u, 4);
        }
        t->dtype = HLN_DTYPE_F32;
        t->n_bytes = n * 4;
        t->data = d;
    } else if (a->type == HLN_ATTR_INT || a->type == HLN_ATTR_INTS) {
        uint8_t *d = (uint8_t *)hln_arena_alloc(&p->m->arena, (size_t)n * 8);
        if (!d) return hln_onnx__nomem(p);
        for (k = 0; k < n; k++) hln_onnx__put_le(d + 8 * k, (uint64_t)(list ? a->ints[k] : a->i), 8);
        t->dtype = HLN_DTYPE_I64;
        t->n_bytes = n * 8;
        t->data = d;
    } else {
        t->dtype = HLN_DTYPE_STRING;
        t->n_bytes = 0;
        if (list) for (k = 0; k < n; k++) t->n_bytes += a->strings[k].len;
        else t->n_bytes = a->s.len;
    }
    t->native_type = hln_dtype_get(t->dtype)->onnx_id;
    a->tensors = (int32_t *)hln_arena_alloc(&p->m->arena, sizeof(int32_t));
    if (!a->tensors) return hln_onnx__nomem(p);
    a->tensors[0] = index;
    (void)at;
    return HLN_OK;
}

static hln_result hln_onnx__attribute(hln_onnx__p *p, hln_onnx__gb *b, hln_pb msg, uint64_t at, hln_attr *a,
                                      int is_constant, const char *const_name) {
    hln_pb r = msg;
    hln_pb_field f;
    hln_result res;
    uint64_t n_floats = 0, n_ints = 0, n_strings = 0, n_tensors = 0, n_graphs = 0, type = 0, cnt;
    int has_f = 0, has_i = 0, has_s = 0, has_t = 0, has_g = 0, has_sp = 0;
    uint32_t tflags;
    hln_arena *ar = &p->m->arena;
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    for (;;) {   /* pass 1: name, type, counts */
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        switch (f.number) {
        case 1:
            if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "name")) != HLN_OK) return res;
            a->name = hln_onnx__str(p, &f);
            if (!a->name) return hln_onnx__nomem(p);
            break;
        case 20:
            if ((res = hln_onnx__want(p, &f, HLN_PB_VARINT, "type")) != HLN_OK) return res;
            type = f.value;
            break;
        case 2: if ((res = hln_onnx__want(p, &f, HLN_PB_I32, "f")) != HLN_OK) return res; has_f = 1; break;
        case 3: if ((res = hln_onnx__want(p, &f, HLN_PB_VARINT, "i")) != HLN_OK) return res; has_i = 1; break;
        case 4: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "s")) != HLN_OK) return res; has_s = 1; break;
        case 5: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "t")) != HLN_OK) return res; has_t = 1; break;
        case 6: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "g")) != HLN_OK) return res; has_g = 1; break;
        case 22: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "sparse_tensor")) != HLN_OK) return res; has_sp = 1; break;
        case 7:
            if ((res = hln_onnx__wire(p, hln_pb_count(&r, &f, HLN_PB_I32, &cnt, p->err))) != HLN_OK) return res;
            n_floats += cnt;
            break;
        case 8:
            if ((res = hln_onnx__wire(p, hln_pb_count(&r, &f, HLN_PB_VARINT, &cnt, p->err))) != HLN_OK) return res;
            n_ints += cnt;
            break;
        case 9: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "strings")) != HLN_OK) return res; n_strings++; break;
        case 10: case 23: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "tensors")) != HLN_OK) return res; n_tensors++; break;
        case 11: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "graphs")) != HLN_OK) return res; n_graphs++; break;
        default: break;
        }
    }
    if (!a->name) a->name = "";
    if (type == 0) {   /* IR < 0.0.2 files may omit the discriminator */
        type = has_f ? HLN_ATTR_FLOAT : has_i ? HLN_ATTR_INT : has_s ? HLN_ATTR_STRING : has_t ? HLN_ATTR_TENSOR :
               has_g ? HLN_ATTR_GRAPH : has_sp ? HLN_ATTR_SPARSE_TENSOR : n_floats ? HLN_ATTR_FLOATS :
               n_ints ? HLN_ATTR_INTS : n_strings ? HLN_ATTR_STRINGS : n_graphs ? HLN_ATTR_GRAPHS :
               n_tensors ? HLN_ATTR_TENSORS : HLN_ATTR_UNDEFINED;
    }
    if (type > HLN_ATTR_TYPE_PROTOS)
        return hln_onnx__fail(p, HLN_ERR_TYPE, at, "attribute '%.80s' has unknown type %llu", a->name, (unsigned long long)type);
    a->type = (hln_attr_type)type;
    if (n_floats > UINT32_MAX || n_ints > UINT32_MAX || n_strings > UINT32_MAX || n_tensors > UINT32_MAX || n_graphs > UINT32_MAX)
        return hln_onnx__fail(p, HLN_ERR_LIMIT, at, "attribute list too long");
    if (n_floats && !(a->floats = (float *)hln_arena_array(ar, n_floats, sizeof(float)))) return hln_onnx__nomem(p);
    if (n_ints && !(a->ints = (int64_t *)hln_arena_array(ar, n_ints, sizeof(int64_t)))) return hln_onnx__nomem(p);
    if (n_strings && !(a->strings = (hln_str *)hln_arena_array(ar, n_strings, sizeof(hln_str)))) return hln_onnx__nomem(p);
    if ((n_tensors || has_t || has_sp) &&
        !(a->tensors = (int32_t *)hln_arena_array(ar, n_tensors + 1, sizeof(int32_t)))) return hln_onnx__nomem(p);
    if ((n_graphs || has_g) &&
        !(a->graphs = (hln_graph **)hln_arena_array(ar, n_graphs + 1, sizeof(hln_graph *)))) return hln_onnx__nomem(p);
    tflags = b->tensor_flags | (is_constant ? HLN_TENSOR_CONSTANT : HLN_TENSOR_ATTRIBUTE);
    {   /* pass 2: values */
        uint32_t nf = 0, ni = 0, ns = 0, ntn = 0, ng = 0;
        r = msg;
        for (;;) {
            if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
            if (!f.number) break;
            switch (f.number) {
            case 2: { uint32_t u = (uint32_t)f.value; memcpy(&a->f, &u, 4); break; }
            case 3: a->i = (int64_t)f.value; break;
            case 4:
                a->s.ptr = hln_onnx__str(p, &f);
                a->s.len = f.len;
                if (!a->s.ptr) return hln_onnx__nomem(p);
                break;
            case 5: case 22: {
                int32_t ti;
                int want = (f.number == 5 && a->type == HLN_ATTR_TENSOR) || (f.number == 22 && a->type == HLN_ATTR_SPARSE_TENSOR);
                if (!want) break;
                hln_onnx__push(p, f.number == 5 ? "t" : "sparse_tensor", -1);
                res = f.number == 5 ? hln_onnx__add_tensor(p, hln_pb_sub(&r, &f), f.offset, tflags, &ti)
                                    : hln_onnx__add_sparse(p, hln_pb_sub(&r, &f), f.offset, tflags, &ti);
                if (res != HLN_OK) return res;
                hln_onnx__pop(p);
                if (is_constant && const_name && !p->ts[ti].name[0]) p->ts[ti].name = const_name;
                a->tensors[0] = ti;
                a->count = 1;
                break;
            }
            case 6:
                if (a->type != HLN_ATTR_GRAPH) break;
                hln_onnx__push(p, "g", -1);
                if ((res = hln_onnx__graph(p, hln_pb_sub(&r, &f), f.offset, b->g, HLN_TENSOR_NESTED, &a->graphs[0])) != HLN_OK) return res;
                hln_onnx__pop(p);
                a->count = 1;
                goto add_child;
            case 7:
                if (f.wire_type == HLN_PB_LEN) {
                    uint64_t k;
                    for (k = 0; k < f.len; k += 4) {
                        uint32_t u = (uint32_t)p->base[f.data_offset + k] | (uint32_t)p->base[f.data_offset + k + 1] << 8 |
                                     (uint32_t)p->base[f.data_offset + k + 2] << 16 | (uint32_t)p->base[f.data_offset + k + 3] << 24;
                        memcpy(&a->floats[nf++], &u, 4);
                    }
                } else {
                    uint32_t u = (uint32_t)f.value;
                    memcpy(&a->floats[nf++], &u, 4);
                }
                break;
            case 8:
                if (f.wire_type == HLN_PB_LEN) {
                    hln_pb sub = hln_pb_sub(&r, &f);
                    while (sub.pos < sub.end) {
                        uint64_t v;
                        if ((res = hln_onnx__wire(p, hln__pb_varint_at(&sub, &v, p->err, "ints"))) != HLN_OK) return res;
                        a->ints[ni++] = (int64_t)v;
                    }
                } else {
                    a->ints[ni++] = (int64_t)f.value;
                }
                break;
            case 9:
                a->strings[ns].ptr = hln_onnx__str(p, &f);
                a->strings[ns].len = f.len;
                if (!a->strings[ns++].ptr) return hln_onnx__nomem(p);
                break;
            case 10: case 23: {
                int32_t ti;
                int want = (f.number == 10 && a->type == HLN_ATTR_TENSORS) || (f.number == 23 && a->type == HLN_ATTR_SPARSE_TENSORS);
                if (!want) break;
                hln_onnx__push(p, "tensors", ntn);
                res = f.number == 10 ? hln_onnx__add_tensor(p, hln_pb_sub(&r, &f), f.offset, tflags, &ti)
                                     : hln_onnx__add_sparse(p, hln_pb_sub(&r, &f), f.offset, tflags, &ti);
                if (res != HLN_OK) return res;
                hln_onnx__pop(p);
                a->tensors[ntn++] = ti;
                break;
            }
            case 11:
                if (a->type != HLN_ATTR_GRAPHS) break;
                hln_onnx__push(p, "graphs", ng);
                if ((res = hln_onnx__graph(p, hln_pb_sub(&r, &f), f.offset, b->g, HLN_TENSOR_NESTED, &a->graphs[ng])) != HLN_OK) return res;
                hln_onnx__pop(p);
                ng++;
            add_child:
                if (!hln_onnx__grow(ar, (void **)&b->children, &b->cap_c, b->nc, (uint64_t)b->nc + 1, sizeof *b->children))
                    return hln_onnx__nomem(p);
                b->children[b->nc++] = a->graphs[a->type == HLN_ATTR_GRAPH ? 0 : ng - 1];
                break;
            default: break;
            }
        }
        switch (a->type) {
        case HLN_ATTR_FLOATS: a->count = nf; break;
        case HLN_ATTR_INTS: a->count = ni; break;
        case HLN_ATTR_STRINGS: a->count = ns; break;
        case HLN_ATTR_TENSORS: case HLN_ATTR_SPARSE_TENSORS: a->count = ntn; break;
        case HLN_ATTR_GRAPHS: a->count = ng; break;
        default: break;
        }
    }
    p->depth--;
    if (is_constant && (hln_onnx__name_is(a, "value_float") || hln_onnx__name_is(a, "value_floats") ||
                        hln_onnx__name_is(a, "value_int") || hln_onnx__name_is(a, "value_ints") ||
                        hln_onnx__name_is(a, "value_string") || hln_onnx__name_is(a, "value_strings")))
        return hln_onnx__constant_list(p, a, const_name ? const_name : "", tflags, at);
    return HLN_OK;
}

static hln_result hln_onnx__node(hln_onnx__p *p, hln_onnx__gb *b, hln_pb msg, uint64_t at, uint32_t index) {
    hln_node *nd = &b->nodes[index];
    hln_pb r = msg;
    hln_pb_field f, op = {0, 0, 0, 0, 0, 0}, dom = {0, 0, 0, 0, 0, 0}, out0 = {0, 0, 0, 0, 0, 0};
    uint64_t ni = 0, no = 0, na = 0;
    uint32_t ki = 0, ko = 0, ka = 0;
    hln_result res;
    int is_constant, created;
    const char *const_name = NULL;
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number <= 7 && f.number != 6 && f.wire_type != HLN_PB_LEN)
            return hln_onnx__fail(p, HLN_ERR_SYNTAX, f.offset, "NodeProto field %" PRIu32 " has wire type %" PRIu32 ", expected 2", f.number, f.wire_type);
        switch (f.number) {
        case 1: ni++; break;
        case 2: if (!no) out0 = f; no++; break;
        case 3: nd->name = hln_onnx__str(p, &f); if (!nd->name) return hln_onnx__nomem(p); break;
        case 4: op = f; break;
        case 5: na++; break;
        case 7: dom = f; break;
        default: break;
        }
    }
    if (ni > UINT32_MAX / 2 || no > UINT32_MAX / 2 || na > UINT32_MAX / 2) return hln_onnx__fail(p, HLN_ERR_LIMIT, at, "node has too many fields");
    nd->op_type = op.number ? hln_onnx__str(p, &op) : "";
    nd->domain = dom.number && !hln_onnx__is_default_domain(p->base + dom.data_offset, dom.len) ? hln_onnx__str(p, &dom) : "";
    if (!nd->name) nd->name = "";
    if (!nd->op_type || !nd->domain) return hln_onnx__nomem(p);
    is_constant = nd->domain[0] == 0 && strcmp(nd->op_type, "Constant") == 0;
    nd->n_inputs = (uint32_t)ni;
    nd->n_outputs = (uint32_t)no;
    nd->n_attrs = (uint32_t)na;
    nd->inputs = (int32_t *)hln_arena_array(&p->m->arena, ni + no + 1, sizeof(int32_t));
    if (!na && !p->no_attrs) p->no_attrs = (hln_attr *)hln_arena_alloc(&p->m->arena, sizeof(hln_attr));
    nd->attrs = na ? (hln_attr *)hln_arena_array(&p->m->arena, na, sizeof(hln_attr)) : p->no_attrs;
    if (!nd->inputs || !nd->attrs) return hln_onnx__nomem(p);
    nd->outputs = nd->inputs + ni;
    if (is_constant && out0.number) {
        const_name = hln_onnx__str(p, &out0);
        if (!const_name) return hln_onnx__nomem(p);
    }
    r = msg;
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number == 1 || f.number == 2) {
            int32_t v = -1;
            if (f.len) {
                v = hln_onnx__value(p, b, p->base + f.data_offset, f.len, &created);
                if (v < 0) return hln_onnx__nomem(p);
            }
            if (f.number == 1) nd->inputs[ki++] = v;
            else {
                nd->outputs[ko++] = v;
                if (v >= 0 && b->values[v].producer < 0) b->values[v].producer = (int32_t)index;
            }
        } else if (f.number == 5) {
            hln_onnx__push(p, "attribute", ka);
            if ((res = hln_onnx__attribute(p, b, hln_pb_sub(&r, &f), f.offset, &nd->attrs[ka], is_constant, const_name)) != HLN_OK)
                return res;
            hln_onnx__pop(p);
            ka++;
        }
    }
    if (is_constant) {   /* the Constant's output value holds its tensor */
        uint32_t k;
        for (k = 0; k < nd->n_attrs; k++)
            if (nd->attrs[k].tensors && nd->n_outputs && nd->outputs[0] >= 0) b->values[nd->outputs[0]].tensor = nd->attrs[k].tensors[0];
    }
    p->depth--;
    return HLN_OK;
}

/* Names a subgraph uses but does not define are captured from this graph (created here when
   absent, so that this graph's own parent can resolve them in turn). */
static hln_result hln_onnx__resolve_captures(hln_onnx__p *p, hln_onnx__gb *b) {
    uint32_t c, i;
    for (c = 0; c < b->nc; c++) {
        hln_graph *ch = b->children[c];
        uint8_t *is_input;
        if (!ch->n_values) continue;
        is_input = (uint8_t *)hln_arena_alloc(&p->m->arena, ch->n_values);
        if (!is_input) return hln_onnx__nomem(p);
        for (i = 0; i < ch->n_inputs; i++) if (ch->inputs[i] >= 0) is_input[ch->inputs[i]] = 1;
        for (i = 0; i < ch->n_values; i++) {
            hln_value *v = &ch->values[i];
            int created;
            int32_t o;
            if (v->producer >= 0 || v->tensor >= 0 || is_input[i] || v->outer >= 0) continue;
            o = hln_onnx__value(p, b, (const uint8_t *)v->name, strlen(v->name), &created);
            if (o < 0) return hln_onnx__nomem(p);
            v->outer = o;
        }
    }
    return HLN_OK;
}

/* Enters one nesting level and starts an empty graph with its builder (graphs and functions). */
static hln_result hln_onnx__graph_begin(hln_onnx__p *p, uint64_t at, hln_graph *parent, uint32_t tensor_flags,
                                        hln_onnx__gb *b, hln_graph **g) {
    hln_result res;
    if ((res = hln_onnx__enter(p, at)) != HLN_OK) return res;
    *g = (hln_graph *)hln_arena_alloc(&p->m->arena, sizeof **g);
    if (!*g) return hln_onnx__nomem(p);
    memset(b, 0, sizeof *b);
    b->g = *g;
    b->tensor_flags = tensor_flags;
    (*g)->parent = parent;
    (*g)->name = (*g)->domain = "";
    return HLN_OK;
}

static hln_result hln_onnx__graph(hln_onnx__p *p, hln_pb msg, uint64_t at, hln_graph *parent,
                                  uint32_t tensor_flags, hln_graph **out) {
    hln_onnx__gb b;
    hln_pb r = msg;
    hln_pb_field f;
    hln_result res;
    uint64_t n_nodes = 0, n_in = 0, n_out = 0, n_init = 0;
    uint32_t kn = 0, ki = 0, ko = 0, kinit = 0, kvi = 0;
    hln_graph *g;
    int32_t *inits;
    int pass;
    if ((res = hln_onnx__graph_begin(p, at, parent, tensor_flags, &b, &g)) != HLN_OK) return res;
    for (;;) {   /* pass 1: counts; initializers first so that top-level ones lead m->tensors */
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number == 1) n_nodes++;
        else if (f.number == 5) n_init++;
        else if (f.number == 15) n_init++;
        else if (f.number == 11) n_in++;
        else if (f.number == 12) n_out++;
    }
    if (n_nodes > INT32_MAX || n_init > INT32_MAX) return hln_onnx__fail(p, HLN_ERR_LIMIT, at, "graph too large");
    b.nodes = (hln_node *)hln_arena_array(&p->m->arena, n_nodes ? n_nodes : 1, sizeof(hln_node));
    inits = (int32_t *)hln_arena_array(&p->m->arena, n_init ? n_init : 1, sizeof(int32_t));
    g->inputs = (int32_t *)hln_arena_array(&p->m->arena, n_in + n_out + 1, sizeof(int32_t));
    if (!b.nodes || !inits || !g->inputs) return hln_onnx__nomem(p);
    {   /* values: about one per node output, initializer and graph input; sized once here, because
           growing from 8 by doubling leaves every smaller copy (zeroed, then copied) in the arena */
        uint64_t guess = n_nodes + n_init + n_in + n_out, slots = 64;
        if (guess > HLN_ONNX__VALUE_GUESS) guess = HLN_ONNX__VALUE_GUESS;
        while (slots < 2 * guess) slots *= 2;
        if (guess > 8 && (!hln_onnx__grow(&p->m->arena, (void **)&b.values, &b.cap_v, 0, guess, sizeof *b.values) ||
                          !hln_onnx__grow(&p->m->arena, (void **)&b.hashes, &b.cap_h, 0, guess, sizeof *b.hashes) ||
                          !hln_onnx__rehash(p, &b, (uint32_t)slots)))
            return hln_onnx__nomem(p);
    }
    g->outputs = g->inputs + n_in;
    for (pass = 0; pass < 2; pass++) {
        r = msg;
        for (;;) {
            int32_t ti, v;
            int created;
            if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
            if (!f.number) break;
            if (pass == 0 ? (f.number != 5 && f.number != 15) : (f.number == 5 || f.number == 15)) continue;
            if (f.wire_type != HLN_PB_LEN && (f.number == 1 || f.number == 2 || f.number == 5 || (f.number >= 11 && f.number <= 13) || f.number == 15))
                return hln_onnx__fail(p, HLN_ERR_SYNTAX, f.offset, "GraphProto field %" PRIu32 " has wire type %" PRIu32 ", expected 2", f.number, f.wire_type);
            switch (f.number) {
            case 2:
                g->name = hln_onnx__str(p, &f);
                if (!g->name) return hln_onnx__nomem(p);
                break;
            case 5: case 15: {
                hln_tensor *t;
                hln_onnx__push(p, f.number == 5 ? "initializer" : "sparse_initializer", kinit);
                res = f.number == 5 ? hln_onnx__add_tensor(p, hln_pb_sub(&r, &f), f.offset, tensor_flags, &ti)
                                    : hln_onnx__add_sparse(p, hln_pb_sub(&r, &f), f.offset, tensor_flags, &ti);
                if (res != HLN_OK) return res;
                t = &p->ts[ti];
                v = hln_onnx__value(p, &b, (const uint8_t *)t->name, strlen(t->name), &created);
                if (v < 0) return hln_onnx__nomem(p);
                if (!created && b.values[v].tensor >= 0)
                    return hln_onnx__fail(p, HLN_ERR_DUPLICATE, f.offset, "initializer '%.100s' appears twice", t->name);
                hln_onnx__pop(p);
                b.values[v].tensor = ti;
                b.values[v].dtype = t->dtype;
                b.values[v].shape.rank = (int32_t)t->n_dims;
                b.values[v].shape.dims = (hln_dim *)hln_arena_array(&p->m->arena, t->n_dims ? t->n_dims : 1, sizeof(hln_dim));
                if (!b.values[v].shape.dims) return hln_onnx__nomem(p);
                {
                    uint32_t d;
                    for (d = 0; d < t->n_dims; d++) b.values[v].shape.dims[d].value = t->dims[d];
                }
                if (f.number == 5) inits[kinit++] = ti;
                else if (!parent && !tensor_flags) p->n_sparse++;
                break;
            }
            case 1:
                hln_onnx__push(p, "node", kn);
                if ((res = hln_onnx__node(p, &b, hln_pb_sub(&r, &f), f.offset, kn)) != HLN_OK) return res;
                hln_onnx__pop(p);
                kn++;
                break;
            case 11: case 12: case 13:
                hln_onnx__push(p, f.number == 11 ? "input" : f.number == 12 ? "output" : "value_info",
                               f.number == 11 ? (int64_t)ki : f.number == 12 ? (int64_t)ko : (int64_t)kvi++);
                if ((res = hln_onnx__value_info(p, &b, hln_pb_sub(&r, &f), f.offset, &v)) != HLN_OK) return res;
                hln_onnx__pop(p);
                if (f.number == 11) {
                    if (b.values[v].tensor < 0) g->inputs[ki++] = v;
                } else if (f.number == 12) {
                    g->outputs[ko++] = v;
                }
                break;
            default: break;
            }
        }
    }
    /* inputs that name an initializer defined after them in the file */
    {
        uint32_t i, w = 0;
        for (i = 0; i < ki; i++) if (b.values[g->inputs[i]].tensor < 0) g->inputs[w++] = g->inputs[i];
        ki = w;
    }
    if ((res = hln_onnx__resolve_captures(p, &b)) != HLN_OK) return res;
    g->n_nodes = kn;
    g->nodes = b.nodes;
    g->n_values = b.nv;
    g->values = b.values;
    g->n_inputs = ki;
    g->n_outputs = ko;
    g->n_initializers = kinit;
    g->initializers = inits;
    p->depth--;
    *out = g;
    return HLN_OK;
}

/* FunctionProto -> a graph (parent NULL) whose inputs/outputs are values named by the
   function's formal parameters. */
static hln_result hln_onnx__function(hln_onnx__p *p, hln_pb msg, uint64_t at, hln_graph **out) {
    hln_onnx__gb b;
    hln_pb r = msg;
    hln_pb_field f;
    hln_result res;
    uint64_t n_nodes = 0, n_in = 0, n_out = 0;
    uint32_t kn = 0, ki = 0, ko = 0, kvi = 0;
    hln_graph *g;
    int created;
    if ((res = hln_onnx__graph_begin(p, at, NULL, HLN_TENSOR_NESTED, &b, &g)) != HLN_OK) return res;
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number == 7) n_nodes++;
        else if (f.number == 4) n_in++;
        else if (f.number == 5) n_out++;
    }
    if (n_nodes > INT32_MAX) return hln_onnx__fail(p, HLN_ERR_LIMIT, at, "function too large");
    b.nodes = (hln_node *)hln_arena_array(&p->m->arena, n_nodes ? n_nodes : 1, sizeof(hln_node));
    g->inputs = (int32_t *)hln_arena_array(&p->m->arena, n_in + n_out + 1, sizeof(int32_t));
    if (!b.nodes || !g->inputs) return hln_onnx__nomem(p);
    g->outputs = g->inputs + n_in;
    r = msg;
    for (;;) {
        int32_t v;
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.wire_type != HLN_PB_LEN) continue;
        switch (f.number) {
        case 1: if (!(g->name = hln_onnx__str(p, &f))) return hln_onnx__nomem(p); break;
        case 10:
            if (!(g->domain = hln_onnx__is_default_domain(p->base + f.data_offset, f.len) ? "" : hln_onnx__str(p, &f)))
                return hln_onnx__nomem(p);
            break;
        case 4: case 5:
            v = hln_onnx__value(p, &b, p->base + f.data_offset, f.len, &created);
            if (v < 0) return hln_onnx__nomem(p);
            if (f.number == 4) g->inputs[ki++] = v; else g->outputs[ko++] = v;
            break;
        case 7:
            hln_onnx__push(p, "node", kn);
            if ((res = hln_onnx__node(p, &b, hln_pb_sub(&r, &f), f.offset, kn)) != HLN_OK) return res;
            hln_onnx__pop(p);
            kn++;
            break;
        case 12:
            hln_onnx__push(p, "value_info", kvi++);
            if ((res = hln_onnx__value_info(p, &b, hln_pb_sub(&r, &f), f.offset, &v)) != HLN_OK) return res;
            hln_onnx__pop(p);
            break;
        default: break;
        }
    }
    if ((res = hln_onnx__resolve_captures(p, &b)) != HLN_OK) return res;
    g->n_nodes = kn;
    g->nodes = b.nodes;
    g->n_values = b.nv;
    g->values = b.values;
    g->n_inputs = ki;
    g->n_outputs = ko;
    g->initializers = g->inputs;
    p->depth--;
    *out = g;
    return HLN_OK;
}

/* ---- ModelProto ---- */
static hln_result hln_onnx__model(hln_onnx__p *p) {
    hln_pb r, top;
    hln_pb_field f, graph, producer, producer_version;
    uint64_t ir_version = 0, n_opsets = 0, n_meta = 0, n_funcs = 0;
    int has_ir = 0;
    hln_result res;
    hln_model *m = p->m;
    char key[320];

    memset(&graph, 0, sizeof graph);
    memset(&producer, 0, sizeof producer);
    memset(&producer_version, 0, sizeof producer_version);
    top.data = p->base;
    top.pos = 0;
    top.end = p->size;
    if (p->size == 0) return hln_onnx__fail(p, HLN_ERR_TRUNCATED, 0, "empty file: an ONNX model needs at least a graph");
    r = top;
    hln_onnx__push(p, "model", -1);
    for (;;) {
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        switch (f.number) {
        case 1:
            if ((res = hln_onnx__want(p, &f, HLN_PB_VARINT, "ir_version")) != HLN_OK) return res;
            ir_version = f.value;
            has_ir = 1;
            break;
        case 2: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "producer_name")) != HLN_OK) return res; producer = f; break;
        case 3: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "producer_version")) != HLN_OK) return res; producer_version = f; break;
        case 7: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "graph")) != HLN_OK) return res; graph = f; break;
        case 8: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "opset_import")) != HLN_OK) return res; n_opsets++; break;
        case 14: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "metadata_props")) != HLN_OK) return res; n_meta++; break;
        case 25: if ((res = hln_onnx__want(p, &f, HLN_PB_LEN, "functions")) != HLN_OK) return res; n_funcs++; break;
        default: break;
        }
    }
    if (!graph.number) return hln_onnx__fail(p, HLN_ERR_LAYOUT, 0, "the model has no graph");
    if (ir_version > INT64_MAX) return hln_onnx__fail(p, HLN_ERR_RANGE, 0, "ir_version out of range");
    m->version = ir_version > UINT32_MAX ? UINT32_MAX : (uint32_t)ir_version;
    if (has_ir && (res = hln_onnx__add_kv(p, "onnx.ir_version", HLN_KV_I64, (int64_t)ir_version, NULL, 0)) != HLN_OK) return res;

    /* opset imports: the default domain first as "onnx.opset" */
    r = top;
    for (;;) {
        hln_pb s;
        hln_pb_field e, dom;
        uint64_t version = 0;
        if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
        if (!f.number) break;
        if (f.number != 8) continue;
        s = hln_pb_sub(&r, &f);
        memset(&dom, 0, sizeof dom);
        for (;;) {
            if ((res = hln_onnx__next(p, &s, &e)) != HLN_OK) return res;
            if (!e.number) break;
            if (e.number == 1 && e.wire_type == HLN_PB_LEN) dom = e;
            if (e.number == 2 && e.wire_type == HLN_PB_VARINT) version = e.value;
        }
        if (hln_onnx__is_default_domain(p->base + dom.data_offset, dom.len)) {
            if (!hln_model_find_kv(m, "onnx.opset") &&
                (res = hln_onnx__add_kv(p, "onnx.opset", HLN_KV_I64, (int64_t)version, NULL, 0)) != HLN_OK) return res;
            m->kv = p->kv;   /* find_kv reads the model's list */
            m->n_kv = p->nkv;
            snprintf(key, sizeof key, "onnx.opset_import.ai.onnx");
        } else {
            snprintf(key, sizeof key, "onnx.opset_import.%.*s", (int)(dom.len > 256 ? 256 : dom.len),
                     (const char *)p->base + dom.data_offset);
        }
        if ((res = hln_onnx__add_kv(p, key, HLN_KV_I64, (int64_t)version, NULL, 0)) != HLN_OK) return res;
        m->kv = p->kv;
        m->n_kv = p->nkv;
    }
    if ((res = hln_onnx__add_kv(p, "onnx.producer_name", HLN_KV_STRING, 0, (const char *)p->base + producer.data_offset, producer.len)) != HLN_OK ||
        (res = hln_onnx__add_kv(p, "onnx.producer_version", HLN_KV_STRING, 0, (const char *)p->base + producer_version.data_offset,
                                producer_version.len)) != HLN_OK)
        return res;

    hln_onnx__pop(p);
    hln_onnx__push(p, "graph", -1);
    if ((res = hln_onnx__graph(p, hln_pb_sub(&top, &graph), graph.offset, NULL, 0, &m->graph)) != HLN_OK) return res;
    hln_onnx__pop(p);
    if ((res = hln_onnx__add_kv(p, "onnx.graph_name", HLN_KV_STRING, 0, m->graph->name, strlen(m->graph->name))) != HLN_OK) return res;

    if (n_funcs) {
        uint32_t k = 0;
        m->graph->functions = (hln_graph **)hln_arena_array(&m->arena, n_funcs, sizeof(hln_graph *));
        if (!m->graph->functions) return hln_onnx__nomem(p);
        r = top;
        for (;;) {
            if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
            if (!f.number) break;
            if (f.number != 25) continue;
            hln_onnx__push(p, "functions", k);
            if ((res = hln_onnx__function(p, hln_pb_sub(&r, &f), f.offset, &m->graph->functions[k])) != HLN_OK) return res;
            hln_onnx__pop(p);
            k++;
        }
        m->graph->n_functions = k;
    }
    if ((res = hln_onnx__add_kv(p, "onnx.functions", HLN_KV_I64, (int64_t)n_funcs, NULL, 0)) != HLN_OK ||
        (res = hln_onnx__add_kv(p, "onnx.sparse_initializers", HLN_KV_I64, (int64_t)p->n_sparse, NULL, 0)) != HLN_OK ||
        (res = hln_onnx__add_kv(p, "onnx.external_initializers", HLN_KV_I64, (int64_t)p->n_external, NULL, 0)) != HLN_OK)
        return res;
    if (n_meta) {
        r = top;
        for (;;) {
            hln_pb_field k, v;
            if ((res = hln_onnx__next(p, &r, &f)) != HLN_OK) return res;
            if (!f.number) break;
            if (f.number != 14) continue;
            if ((res = hln_onnx__string_entry(p, &r, &f, &k, &v)) != HLN_OK) return res;
            {
                char *ks = hln_onnx__str(p, &k);
                if (!ks) return hln_onnx__nomem(p);
                if ((res = hln_onnx__add_kv(p, ks, HLN_KV_STRING, 0, (const char *)p->base + v.data_offset, v.len)) != HLN_OK) return res;
            }
        }
    }
    m->kv = p->kv;
    m->n_kv = p->nkv;
    m->kv_count_file = p->nkv;
    m->tensors = p->ts;
    m->n_tensors = p->nt;
    (void)n_opsets;
    return HLN_OK;
}

static hln_result hln_onnx__run(const hln_onnx_options *opts, const void *data, uint64_t size, const char *path,
                                const char *base_dir, hln_model *m, hln_error *err) {
    hln_onnx__p *p;
    hln_result r;
    p = (hln_onnx__p *)hln_arena_alloc(&m->arena, sizeof *p);
    if (!p) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    p->base = (const uint8_t *)data;
    p->size = size;
    p->m = m;
    p->err = err;
    p->base_dir = base_dir;
    if (opts) p->io = opts->io;
    (void)path;
    m->format = HLN_FORMAT_ONNX;
    r = hln_onnx__model(p);
    if (r == HLN_OK && m->n_files) m->files[0].header_bytes = size;
    return r;
}

HLN_DEF hln_result hln_onnx_parse(const hln_onnx_options *opts, const void *data, uint64_t size,
                                  hln_model **out, hln_error *err) {
    hln_model *m;
    hln_result r;
    hln_onnx__p dummy;
    uint32_t idx;
    *out = NULL;
    if (!data && size) return hln_error_set(err, HLN_ERR_ARG, 0, "", "NULL buffer");
    if (err) err->path[0] = 0;
    r = hln_model_create(opts ? &opts->allocator : NULL, &m);
    if (r) return hln_error_set(err, r, 0, "", "out of memory");
    memset(&dummy, 0, sizeof dummy);
    dummy.m = m;
    dummy.err = err;
    if ((r = hln_onnx__add_file(&dummy, NULL, (const uint8_t *)(data ? data : ""), size, &idx)) != HLN_OK) {
        hln_model_free(m);
        return r;
    }
    r = hln_onnx__run(opts, data ? data : "", size, NULL, opts ? opts->base_dir : NULL, m, err);
    if (r != HLN_OK) { hln_model_free(m); return r; }
    *out = m;
    return HLN_OK;
}

#ifndef HLN_NO_STDIO
HLN_DEF hln_result hln_onnx_load_file(const hln_onnx_options *opts, const char *path,
                                      hln_model **out, hln_error *err) {
    hln_model *m;
    hln_result r;
    uint32_t idx;
    char *dir;
    const char *slash;
    const hln_file_io *io = opts ? &opts->io : NULL;
    *out = NULL;
    if (!path) return hln_error_set(err, HLN_ERR_ARG, 0, "", "NULL path");
    if (err) err->path[0] = 0;
    r = hln_model_create(opts ? &opts->allocator : NULL, &m);
    if (r) return hln_error_set(err, r, 0, "", "out of memory");
    if ((r = hln_model_map_file(m, io, path, &idx, err)) != HLN_OK) { hln_model_free(m); return r; }
    slash = strrchr(path, '/');
#ifdef _WIN32
    { const char *bs = strrchr(path, '\\'); if (bs && (!slash || bs > slash)) slash = bs; }
#endif
    dir = slash ? hln_arena_strndup(&m->arena, path, slash == path ? 1 : (size_t)(slash - path))
                : hln_arena_strndup(&m->arena, ".", 1);
    if (!dir) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    r = hln_onnx__run(opts, m->files[idx].data, m->files[idx].size, path, dir, m, err);
    if (r != HLN_OK) { hln_model_free(m); return r; }
    *out = m;
    return HLN_OK;
}
#endif

/* ---- writer ----
   Re-emits the source ModelProto field by field. A LEN field whose content changes is
   measured first (the same emit code with measure set counts bytes and writes nothing), then
   written: protobuf needs a message's length before it. */
typedef struct hln_onnx__w {
    hln_write_fn        write;
    void               *user;
    uint64_t            n;          /* bytes emitted (or counted) */
    int                 measure, failed;
    const hln_model    *src, *out;
    const uint8_t      *buf;
    hln_tensor_bytes_fn bytes;
    void               *bytes_user;
    hln_error          *err;
    hln_result          res;        /* first error of a bytes() call */
    uint8_t            *done;       /* per tensor: its change was written */
} hln_onnx__w;

static void hln_onnx__put(hln_onnx__w *w, const void *p, uint64_t n) {
    w->n += n;
    if (!w->measure && !w->failed && n && !w->write(w->user, p, (size_t)n)) w->failed = 1;
}
static void hln_onnx__put_varint(hln_onnx__w *w, uint64_t v) {
    uint8_t b[10];
    unsigned k = 0;
    do { b[k++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)); v >>= 7; } while (v);
    hln_onnx__put(w, b, k);
}
static void hln_onnx__put_tag(hln_onnx__w *w, uint32_t field, uint32_t wire) { hln_onnx__put_varint(w, (uint64_t)field << 3 | wire); }
static void hln_onnx__put_varint_field(hln_onnx__w *w, uint32_t field, uint64_t v) {
    hln_onnx__put_tag(w, field, HLN_PB_VARINT);
    hln_onnx__put_varint(w, v);
}
static void hln_onnx__put_str(hln_onnx__w *w, uint32_t field, const char *s) {
    uint64_t n = s ? strlen(s) : 0;
    hln_onnx__put_tag(w, field, HLN_PB_LEN);
    hln_onnx__put_varint(w, n);
    hln_onnx__put(w, s, n);
}
static int hln_onnx__streq(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

/* Whether out tensor i differs from source tensor i (it is then written anew). */
static int hln_onnx__changed(const hln_onnx__w *w, uint32_t i) {
    const hln_tensor *s = &w->src->tensors[i], *o = &w->out->tensors[i];
    return s->dtype != o->dtype || !hln_onnx__streq(s->name, o->name) || ((s->flags | o->flags) & HLN_TENSOR_EXTERNAL);
}

/* What one nested message is (the emit dispatcher's cases). */
enum { HLN_ONNX__GRAPH, HLN_ONNX__TENSOR, HLN_ONNX__CONST_NODE, HLN_ONNX__CONST_ATTR, HLN_ONNX__CAST_NODE,
       HLN_ONNX__CAST_ATTR, HLN_ONNX__ENTRY };
typedef struct hln_onnx__job { int kind; hln_pb msg; uint32_t tensor; const char *a, *b; uint64_t v; } hln_onnx__job;
static void hln_onnx__emit(hln_onnx__w *w, const hln_onnx__job *j);

/* A LEN field holding job's message: measured, then written. */
static void hln_onnx__nested(hln_onnx__w *w, uint32_t field, const hln_onnx__job *j) {
    uint64_t n0 = w->n, size;
    int m0 = w->measure;
    w->measure = 1;
    hln_onnx__emit(w, j);
    size = w->n - n0;
    w->n = n0;
    w->measure = m0;
    hln_onnx__put_tag(w, field, HLN_PB_LEN);
    hln_onnx__put_varint(w, size);
    hln_onnx__emit(w, j);
}
/* The bytes of field f (tag to end) as they are. */
static void hln_onnx__copy(hln_onnx__w *w, const hln_pb_field *f, const hln_pb *r) { hln_onnx__put(w, w->buf + f->offset, r->pos - f->offset); }

typedef struct hln_onnx__cw { hln_onnx__w *w; uint64_t n; } hln_onnx__cw;
static int hln_onnx__cw_write(void *user, const void *bytes, size_t n) {
    hln_onnx__cw *c = (hln_onnx__cw *)user;
    c->n += n;
    hln_onnx__put(c->w, bytes, n);
    return !c->w->failed;
}

/* The new fields of a rewritten TensorProto with numbers below `upto` not yet written:
   data_type (2), name (8), raw_data (9) or external_data (13) + data_location (14). */
static void hln_onnx__tensor_new_fields(hln_onnx__w *w, uint32_t i, uint32_t upto, uint32_t *next) {
    const hln_tensor *o = &w->out->tensors[i];
    if (*next <= 2 && upto > 2) hln_onnx__put_varint_field(w, 2, (uint64_t)hln_dtype_get(o->dtype)->onnx_id);
    if (*next <= 8 && upto > 8 && o->name && o->name[0]) hln_onnx__put_str(w, 8, o->name);
    if (*next <= 9 && upto > 9 && !(o->flags & HLN_TENSOR_EXTERNAL)) {
        hln_onnx__put_tag(w, 9, HLN_PB_LEN);
        hln_onnx__put_varint(w, o->n_bytes);
        if (w->measure) w->n += o->n_bytes;
        else if (!w->failed && w->res == HLN_OK) {
            hln_onnx__cw c;
            c.w = w;
            c.n = 0;
            if (!w->bytes) hln_onnx__put(w, o->data, o->n_bytes);
            else if ((w->res = w->bytes(w->bytes_user, w->out, i, hln_onnx__cw_write, &c, w->err)) == HLN_OK && c.n != o->n_bytes)
                w->res = hln_error_set(w->err, HLN_ERR_ARG, 0, o->name, "the tensor callback gave %llu bytes, not %llu",
                                       (unsigned long long)c.n, (unsigned long long)o->n_bytes);
        }
    }
    if (*next <= 13 && upto > 14 && (o->flags & HLN_TENSOR_EXTERNAL)) {
        char num[24];
        hln_onnx__job j;
        memset(&j, 0, sizeof j);
        j.kind = HLN_ONNX__ENTRY;
        j.a = "location"; j.b = w->out->files[o->file].path;
        hln_onnx__nested(w, 13, &j);
        snprintf(num, sizeof num, "%llu", (unsigned long long)o->file_offset);
        j.a = "offset"; j.b = num;
        hln_onnx__nested(w, 13, &j);
        snprintf(num, sizeof num, "%llu", (unsigned long long)o->n_bytes);
        j.a = "length"; j.b = num;
        hln_onnx__nested(w, 13, &j);
        hln_onnx__put_varint_field(w, 14, 1);   /* EXTERNAL */
    }
    if (upto > *next) *next = upto;
}

/* A TensorProto anew, fields in number order as protobuf serializers write them (so a model
   moved out to external data and back is the same bytes): the source's other fields as they
   are, data_type and name from the out tensor, the bytes inline (raw_data, from bytes()) or
   as external-data entries. */
static void hln_onnx__tensor_emit(hln_onnx__w *w, hln_pb r, uint32_t i) {
    hln_pb_field f;
    hln_error e;
    uint32_t next = 0;
    for (;;) {
        if (hln_pb_next(&r, &f, &e) != HLN_OK || !f.number) break;   /* the reader checked this message */
        switch (f.number) {
        case 2: case 4: case 5: case 6: case 7: case 8: case 9: case 10: case 11: case 13: case 14: break;
        default:
            hln_onnx__tensor_new_fields(w, i, f.number, &next);
            hln_onnx__copy(w, &f, &r);
            break;
        }
    }
    hln_onnx__tensor_new_fields(w, i, UINT32_MAX, &next);
    if (!w->measure) w->done[i] = 1;
}

/* The main graph's tensor that a Constant node (NodeProto r) holds, or -1: its "value"
   attribute's TensorProto, matched through its data span (raw_data or packed float_data). */
static int64_t hln_onnx__constant_tensor(const hln_onnx__w *w, hln_pb r) {
    hln_pb_field f, g, h;
    hln_error e;
    int is_constant = 0;
    const uint8_t *span = NULL;
    uint32_t i;
    hln_pb node = r;
    while (hln_pb_next(&r, &f, &e) == HLN_OK && f.number)
        if (f.number == 4 && f.wire_type == HLN_PB_LEN) is_constant = f.len == 8 && memcmp(w->buf + f.data_offset, "Constant", 8) == 0;
        else if (f.number == 7 && f.wire_type == HLN_PB_LEN && f.len && !(f.len == 7 && memcmp(w->buf + f.data_offset, "ai.onnx", 7) == 0))
            return -1;
    if (!is_constant) return -1;
    r = node;
    while (hln_pb_next(&r, &f, &e) == HLN_OK && f.number) {
        hln_pb a;
        int value = 0;
        if (f.number != 5 || f.wire_type != HLN_PB_LEN) continue;
        a = hln_pb_sub(&r, &f);
        while (hln_pb_next(&a, &g, &e) == HLN_OK && g.number) {
            if (g.number == 1 && g.wire_type == HLN_PB_LEN) value = g.len == 5 && memcmp(w->buf + g.data_offset, "value", 5) == 0;
            if (g.number == 5 && g.wire_type == HLN_PB_LEN) {
                hln_pb t = hln_pb_sub(&a, &g);
                while (hln_pb_next(&t, &h, &e) == HLN_OK && h.number)
                    if ((h.number == 9 || h.number == 4) && h.wire_type == HLN_PB_LEN && h.len) span = w->buf + h.data_offset;
            }
        }
        if (value && span) break;
        span = NULL;
    }
    if (!span) return -1;
    for (i = 0; i < w->src->n_tensors; i++) {
        const hln_tensor *t = &w->src->tensors[i];
        if ((t->flags & HLN_TENSOR_CONSTANT) && !(t->flags & HLN_TENSOR_NESTED) && t->data == span) return i;
    }
    return -1;
}

/* The first output name of a NodeProto (a view, not terminated: copied into buf). */
static const char *hln_onnx__first_output(const hln_onnx__w *w, hln_pb r, char *buf, size_t cap) {
    hln_pb_field f;
    hln_error e;
    while (hln_pb_next(&r, &f, &e) == HLN_OK && f.number)
        if (f.number == 2 && f.wire_type == HLN_PB_LEN) {
            size_t n = f.len < cap - 1 ? (size_t)f.len : cap - 1;
            memcpy(buf, w->buf + f.data_offset, n);
            buf[n] = 0;
            return buf;
        }
    return NULL;
}

/* Message r's fields as they are, except each LEN field `field` (0: none), nested anew as
   `kind` for tensor t, and, with rename_output, the first output (NodeProto field 2) renamed
   to tensor t's out name. */
static void hln_onnx__copy_but(hln_onnx__w *w, hln_pb r, uint32_t field, int kind, uint32_t t, int rename_output) {
    hln_pb_field f;
    hln_error e;
    hln_onnx__job sub;
    memset(&sub, 0, sizeof sub);
    while (hln_pb_next(&r, &f, &e) == HLN_OK && f.number) {
        if (rename_output && f.number == 2 && f.wire_type == HLN_PB_LEN) {
            hln_onnx__put_str(w, 2, w->out->tensors[t].name);
            rename_output = 0;
        } else if (field && f.number == field && f.wire_type == HLN_PB_LEN) {
            sub.kind = kind;
            sub.msg = hln_pb_sub(&r, &f);
            sub.tensor = t;
            hln_onnx__nested(w, field, &sub);
        } else hln_onnx__copy(w, &f, &r);
    }
}

static void hln_onnx__emit(hln_onnx__w *w, const hln_onnx__job *j) {
    hln_pb r = j->msg;
    hln_pb_field f;
    hln_error e;
    hln_onnx__job sub;
    memset(&sub, 0, sizeof sub);
    switch (j->kind) {
    case HLN_ONNX__TENSOR: hln_onnx__tensor_emit(w, r, j->tensor); return;
    case HLN_ONNX__ENTRY:   /* StringStringEntryProto */
        hln_onnx__put_str(w, 1, j->a);
        hln_onnx__put_str(w, 2, j->b);
        return;
    case HLN_ONNX__CAST_ATTR:   /* to = INT */
        hln_onnx__put_str(w, 1, "to");
        hln_onnx__put_varint_field(w, 3, j->v);
        hln_onnx__put_varint_field(w, 20, 2);
        return;
    case HLN_ONNX__CAST_NODE:   /* a (new name) -> b (the name the graph reads) */
        hln_onnx__put_str(w, 1, j->a);
        hln_onnx__put_str(w, 2, j->b);
        {
            char name[600];
            snprintf(name, sizeof name, "%.500s_hln_cast", j->b);
            hln_onnx__put_str(w, 3, name);
        }
        hln_onnx__put_str(w, 4, "Cast");
        sub.kind = HLN_ONNX__CAST_ATTR;
        sub.v = j->v;
        hln_onnx__nested(w, 5, &sub);
        return;
    case HLN_ONNX__CONST_NODE:   /* output renamed, the attributes through CONST_ATTR */
        hln_onnx__copy_but(w, r, 5, HLN_ONNX__CONST_ATTR, j->tensor, 1);
        return;
    case HLN_ONNX__CONST_ATTR: {   /* the tensor of the "value" attribute anew, other attributes as they are */
        int value = 0;
        hln_pb scan = r;
        while (hln_pb_next(&scan, &f, &e) == HLN_OK && f.number)
            if (f.number == 1 && f.wire_type == HLN_PB_LEN) value = f.len == 5 && memcmp(w->buf + f.data_offset, "value", 5) == 0;
        hln_onnx__copy_but(w, r, value ? 5 : 0, HLN_ONNX__TENSOR, j->tensor, 0);
        return;
    }
    case HLN_ONNX__GRAPH: {
        uint32_t k = 0;
        hln_pb scan = r;
        /* Casts of changed-dtype initializers first: they read nothing the graph makes */
        while (hln_pb_next(&scan, &f, &e) == HLN_OK && f.number) {
            if (f.number == 11 && f.wire_type == HLN_PB_LEN && !w->measure && w->res == HLN_OK && w->src->graph) {
                hln_pb vi = hln_pb_sub(&scan, &f);   /* an initializer that is also a graph input keeps its type */
                hln_pb_field n;
                uint32_t t;
                while (hln_pb_next(&vi, &n, &e) == HLN_OK && n.number)
                    if (n.number == 1 && n.wire_type == HLN_PB_LEN)
                        for (t = 0; t < w->src->graph->n_initializers && t < w->src->n_tensors; t++) {
                            const char *nm = w->src->tensors[t].name;
                            if (w->src->tensors[t].dtype != w->out->tensors[t].dtype && nm && strlen(nm) == n.len &&
                                memcmp(nm, w->buf + n.data_offset, (size_t)n.len) == 0)
                                w->res = hln_error_set(w->err, HLN_ERR_UNSUPPORTED, n.offset, nm,
                                                       "an initializer that is also a graph input cannot change its dtype");
                        }
            }
            if (f.number != 5 || f.wire_type != HLN_PB_LEN) continue;
            if (k < w->src->n_tensors && w->src->tensors[k].dtype != w->out->tensors[k].dtype) {
                sub.kind = HLN_ONNX__CAST_NODE;
                sub.a = w->out->tensors[k].name;
                sub.b = w->src->tensors[k].name;
                sub.v = (uint64_t)hln_dtype_get(w->src->tensors[k].dtype)->onnx_id;
                hln_onnx__nested(w, 1, &sub);
            }
            k++;
        }
        k = 0;
        while (hln_pb_next(&r, &f, &e) == HLN_OK && f.number) {
            if (f.number == 5 && f.wire_type == HLN_PB_LEN) {
                if (k < w->src->n_tensors && hln_onnx__changed(w, k)) {
                    sub.kind = HLN_ONNX__TENSOR;
                    sub.msg = hln_pb_sub(&r, &f);
                    sub.tensor = k;
                    hln_onnx__nested(w, 5, &sub);
                } else hln_onnx__copy(w, &f, &r);
                k++;
            } else if (f.number == 1 && f.wire_type == HLN_PB_LEN) {
                int64_t t = hln_onnx__constant_tensor(w, hln_pb_sub(&r, &f));
                char out_name[512];
                if (t >= 0 && hln_onnx__changed(w, (uint32_t)t)) {
                    sub.kind = HLN_ONNX__CONST_NODE;
                    sub.msg = hln_pb_sub(&r, &f);
                    sub.tensor = (uint32_t)t;
                    hln_onnx__nested(w, 1, &sub);
                    if (w->src->tensors[t].dtype != w->out->tensors[t].dtype &&
                        hln_onnx__first_output(w, hln_pb_sub(&r, &f), out_name, sizeof out_name)) {
                        sub.kind = HLN_ONNX__CAST_NODE;
                        sub.a = w->out->tensors[t].name;
                        sub.b = out_name;
                        sub.v = (uint64_t)hln_dtype_get(w->src->tensors[t].dtype)->onnx_id;
                        hln_onnx__nested(w, 1, &sub);
                    }
                } else hln_onnx__copy(w, &f, &r);
            } else hln_onnx__copy(w, &f, &r);
        }
        return;
    }
    default: return;
    }
}

HLN_DEF hln_result hln_onnx_write_from(const hln_model *src, const hln_model *out, hln_tensor_bytes_fn bytes, void *bytes_user,
                                       hln_write_fn write, void *user, hln_error *err) {
    hln_onnx__w w;
    hln_pb r;
    hln_pb_field f;
    hln_result res;
    uint32_t i, graphs = 0;
    if (!src || src->format != HLN_FORMAT_ONNX || !src->n_files || !src->files[0].data)
        return hln_error_set(err, HLN_ERR_ARG, 0, "", "the source is not an ONNX model held in memory");
    if (!out || out->n_tensors != src->n_tensors)
        return hln_error_set(err, HLN_ERR_ARG, 0, "", "the out model must have one tensor per source tensor");
    for (i = 0; i < out->n_tensors; i++) {
        const hln_tensor *o = &out->tensors[i];
        if (hln_dtype_get(o->dtype)->onnx_id < 0)
            return hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, o->name, "%s has no ONNX type", hln_dtype_get(o->dtype)->name);
        if ((o->flags & HLN_TENSOR_EXTERNAL) && (o->file >= out->n_files || !out->files[o->file].path))
            return hln_error_set(err, HLN_ERR_ARG, 0, o->name, "external tensor without a location");
        if (src->tensors[i].dtype != o->dtype && (!o->name || !o->name[0] || hln_onnx__streq(o->name, src->tensors[i].name)))
            return hln_error_set(err, HLN_ERR_ARG, 0, o->name, "a tensor whose dtype changes needs a new name (for its Cast)");
    }
    memset(&w, 0, sizeof w);
    w.write = write; w.user = user; w.src = src; w.out = out; w.buf = src->files[0].data;
    w.bytes = bytes; w.bytes_user = bytes_user; w.err = err;
    w.done = (uint8_t *)hln_allocator_alloc(&src->arena.allocator, src->n_tensors ? src->n_tensors : 1);
    if (!w.done) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    memset(w.done, 0, src->n_tensors ? src->n_tensors : 1);
    r.data = w.buf; r.pos = 0; r.end = src->files[0].size;
    for (;;) {
        if ((res = hln_pb_next(&r, &f, err)) != HLN_OK) goto done;
        if (!f.number) break;
        if (f.number == 7 && f.wire_type == HLN_PB_LEN && graphs++ == 0) {
            hln_onnx__job j;
            memset(&j, 0, sizeof j);
            j.kind = HLN_ONNX__GRAPH;
            j.msg = hln_pb_sub(&r, &f);
            hln_onnx__nested(&w, 7, &j);
        } else if (f.number == 7) {
            res = hln_error_set(err, HLN_ERR_UNSUPPORTED, f.offset, "model.graph", "more than one graph field");
            goto done;
        } else hln_onnx__copy(&w, &f, &r);
        if (w.res != HLN_OK || w.failed) break;
    }
    res = w.res;
    if (res == HLN_OK && w.failed) res = hln_error_set(err, HLN_ERR_IO, w.n, "", "write failed");
    for (i = 0; res == HLN_OK && i < src->n_tensors; i++)
        if (hln_onnx__changed(&w, i) && !w.done[i])
            res = hln_error_set(err, HLN_ERR_UNSUPPORTED, 0, out->tensors[i].name,
                                "only the main graph's initializers and Constant values can change");
done:
    hln_allocator_free(&src->arena.allocator, w.done);
    return res;
}

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_ONNX_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  ONNX ModelProto reader: protobuf pull decoder, graphs and subgraphs, attributes,
            initializers (raw, typed, external, sparse), Constant tensors, functions.

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
