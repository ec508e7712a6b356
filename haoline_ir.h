/* haoline_ir.h - v0.2 - the HaoLine model IR, the hub of the suite. MIT license.

   HaoLine answers "what is really inside this model file?". This header is the hub: a
   universal model IR (dtypes incl. every ggml block type, shapes with symbolic dims, tensors
   as zero-copy views, graphs, metadata), the arena, errors, file mapping, and the small
   bounded readers every format header shares (the protobuf wire decoder hln_pb_*, the JSON
   tokenizer hln_json_*, UTF-8 checks, overflow-checked size arithmetic). Format headers (haoline_gguf.h, haoline_safetensors.h,
   haoline_onnx.h) translate bytes into this IR; haoline_analysis.h holds every pass over it.

   USAGE
       #define HAOLINE_IMPLEMENTATION        // in exactly one C/C++ file
       #include "haoline_ir.h"
       #include "haoline_gguf.h"

       hln_model *model = NULL;
       hln_error err;
       hln_gguf_options opts = {0};
       if (hln_gguf_load_file(&opts, "model.gguf", &model, &err) != HLN_OK) {
           fprintf(stderr, "%s: offset %llu: %s: %s\n", err.file,
                   (unsigned long long)err.byte_offset, err.path, err.message);
       } else {
           printf("%u tensors\n", model->n_tensors);   // passes: haoline_analysis.h
           hln_model_free(model);
       }

   CUSTOMISATION (define before including; all-or-none where they come in groups)
       HLN_MALLOC(sz) / HLN_FREE(p)   default allocator (libc); both or neither (#error)
       HLN_ASSERT(x)      internal invariants only, never input (default: no-op)
       HLN_NO_STDIO       buffer-only build: no file or mmap loaders
       HLN_STATIC         every function static (private copy per translation unit)
       HLN_API            decoration for exported symbols (e.g. __declspec(dllexport))

   LIMITS (macros, override before including)
       HLN_MAX_DIMS       max tensor rank accepted from a file (default 16)
       HLN_MAX_NAME       max length of a tensor or key name in bytes (default 65536)
       HLN_JSON_MAX_DEPTH JSON nesting depth (default 64)

   FUNCTIONS
     models      hln_model_create / hln_model_free, hln_model_find_kv, hln_model_find_tensor,
                 hln_format_name; hln_kv_iter_init / _next, hln_kv_as_i64 / _f64, hln_kv_type_name
     dtypes      hln_dtype_get, hln_dtype_bits_per_weight, hln_dtype_nbytes, hln_dtype_from_ggml /
                 _onnx / _st_name / _name
     memory      hln_arena_alloc / _array / _strndup / _free; hln_allocator_alloc / _free
     errors      hln_result_string
     files       hln_file_map / hln_file_unmap, hln_file_open / hln_file_close (through an
                 hln_file_io), hln_model_file_check (SIGBUS guard), hln_file_reader_open / _read / _close
                 (model file bytes copied out, never faulting), hln_model_release (drop pages)
   For format readers (public on purpose, so that a reader for a new format needs nothing else):
                 hln_error_set, hln_error_file; hln_mul_overflow, hln_add_overflow;
                 hln_utf8_valid; hln_model_add_mapped_file; the protobuf wire decoder
                 hln_pb_varint / _next / _sub / _count; the JSON tokenizer hln_json_parse / _free /
                 _find / _str / _u64 / _is / _kind / _unescape; hln_strmap_* (bounded string map);
                 hln_jw_* (a JSON writer for model->format_facts and, pretty, config.json).

   DOES NOT
     analyse (haoline_analysis.h), parse any format (one header each), print, exit, abort,
     keep global state, or read a file other than through hln_file_io / hln_file_map.

   THREADS: no global mutable state; distinct models may be used from distinct threads.
   ERRORS: every fallible call returns hln_result and fills hln_error {code, byte_offset,
   file, path, message}. The library never prints, exits or aborts.
*/
#ifndef HAOLINE_IR_H
#define HAOLINE_IR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>   /* memcpy in the inline byte helpers */
#include <inttypes.h> /* PRIu32: uint32_t is unsigned long on some targets (Cortex-M) */

#define HAOLINE_IR_VERSION_MAJOR 0
#define HAOLINE_IR_VERSION_MINOR 2
#define HAOLINE_IR_VERSION_PATCH 0
#define HAOLINE_VERSION_STRING "0.2.0"

#ifndef HLN_API
#define HLN_API
#endif
#ifndef HLN_DEF
#ifdef HLN_STATIC
#if defined(__GNUC__) || defined(__clang__)
#define HLN_DEF static __attribute__((unused))
#else
#define HLN_DEF static
#endif
#else
#define HLN_DEF HLN_API extern
#endif
#endif

#if defined(HLN_MALLOC) != defined(HLN_FREE)
#error "HaoLine: define both HLN_MALLOC and HLN_FREE, or neither"
#endif

#ifndef HLN_MAX_DIMS
#define HLN_MAX_DIMS 16
#endif
#ifndef HLN_MAX_NAME
#define HLN_MAX_NAME 65536
#endif
#ifndef HLN_JSON_MAX_DEPTH
#define HLN_JSON_MAX_DEPTH 64
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- results and errors ------------------------------------------------------------ */
#define HLN_RESULTS(X)                                                   \
    X(HLN_OK,              "ok")                                         \
    X(HLN_ERR_ARG,         "invalid argument")                           \
    X(HLN_ERR_IO,          "cannot read file")                           \
    X(HLN_ERR_NOMEM,       "out of memory")                              \
    X(HLN_ERR_TRUNCATED,   "unexpected end of data")                     \
    X(HLN_ERR_MAGIC,       "not a file of this format")                  \
    X(HLN_ERR_VERSION,     "unsupported version")                        \
    X(HLN_ERR_LIMIT,       "a limit was exceeded")                       \
    X(HLN_ERR_OVERFLOW,    "size arithmetic overflows")                  \
    X(HLN_ERR_RANGE,       "value out of range")                         \
    X(HLN_ERR_DUPLICATE,   "duplicate name")                             \
    X(HLN_ERR_TYPE,        "unknown or unsupported type")                \
    X(HLN_ERR_SYNTAX,      "malformed syntax")                           \
    X(HLN_ERR_UTF8,        "invalid UTF-8")                              \
    X(HLN_ERR_LAYOUT,      "inconsistent data layout")                   \
    X(HLN_ERR_PATH,        "unsafe or missing path")                     \
    X(HLN_ERR_UNSUPPORTED, "unsupported feature")

typedef enum hln_result {
#define HLN__X(id, text) id,
    HLN_RESULTS(HLN__X)
#undef HLN__X
    HLN_RESULT_COUNT
} hln_result;

typedef struct hln_error {
    hln_result code;
    uint64_t   byte_offset;   /* where in `file` parsing stopped */
    char       file[256];     /* the file (or buffer name) being read */
    char       path[160];     /* field path, e.g. "tensor_info[12].n_dims" */
    char       message[256];  /* what was wrong, for a person */
    int        os_error;      /* errno of the system call that failed (HLN_ERR_IO), else 0. The
                                 library stores it and never formats it: strerror is not
                                 thread-safe, and HLN_NO_STDIO builds have none; a caller
                                 formats it (strerror_r, strerror_s) after `message` */
} hln_error;

HLN_DEF const char *hln_result_string(hln_result r);

/* ---- allocation ---------------------------------------------------------------------- */
/* cgltf-style allocator callbacks; zero = libc (or HLN_MALLOC/HLN_FREE). */
typedef struct hln_allocator {
    void *(*alloc)(void *user, size_t size);
    void  (*free)(void *user, void *ptr);
    void  *user;
} hln_allocator;

typedef struct hln_arena_block hln_arena_block;
typedef struct hln_arena {
    hln_allocator    allocator;
    hln_arena_block *head;
    size_t           used_bytes;   /* payload bytes handed out, for reports and limits */
} hln_arena;

HLN_DEF void *hln_arena_alloc(hln_arena *a, size_t size);             /* 16-aligned, zeroed */
HLN_DEF void *hln_arena_array(hln_arena *a, uint64_t count, size_t elem); /* NULL on overflow */
HLN_DEF char *hln_arena_strndup(hln_arena *a, const char *s, size_t len); /* NUL-terminated copy */
HLN_DEF void  hln_arena_free(hln_arena *a);
/* One allocation through an allocator (NULL or zeroed = libc), for scratch buffers outside an arena. */
HLN_DEF void *hln_allocator_alloc(const hln_allocator *a, size_t size);
HLN_DEF void  hln_allocator_free(const hln_allocator *a, void *ptr);

/* ---- dtypes ------------------------------------------------------------------------------
   One table for every element type HaoLine meets: ONNX TensorProto types, SafeTensors dtypes
   and ggml types. Columns: id, canonical name, block size (elements), bytes per block, ggml
   type id (-1 none), ONNX TensorProto id (-1 none), ONNX name, SafeTensors name (NULL none),
   TFLite TensorType name (NULL none), kind.
   Sub-byte types are blocks too: INT4 is 2 elements in 1 byte, F6 is 4 elements in 3 bytes. */
#define HLN_KIND_FLOAT 1
#define HLN_KIND_INT   2
#define HLN_KIND_BOOL  3
#define HLN_KIND_QUANT 4
#define HLN_KIND_OTHER 5

#define HLN_DTYPES(X) \
    X(UNKNOWN,     "UNKNOWN",     1,   0,  -1,  0, "UNDEFINED",      NULL,      NULL,        HLN_KIND_OTHER) \
    X(F32,         "F32",         1,   4,   0,  1, "FLOAT",          "F32",     "FLOAT32",   HLN_KIND_FLOAT) \
    X(F16,         "F16",         1,   2,   1, 10, "FLOAT16",        "F16",     "FLOAT16",   HLN_KIND_FLOAT) \
    X(BF16,        "BF16",        1,   2,  30, 16, "BFLOAT16",       "BF16",    "BFLOAT16",  HLN_KIND_FLOAT) \
    X(F64,         "F64",         1,   8,  28, 11, "DOUBLE",         "F64",     "FLOAT64",   HLN_KIND_FLOAT) \
    X(I8,          "I8",          1,   1,  24,  3, "INT8",           "I8",      "INT8",      HLN_KIND_INT)   \
    X(I16,         "I16",         1,   2,  25,  5, "INT16",          "I16",     "INT16",     HLN_KIND_INT)   \
    X(I32,         "I32",         1,   4,  26,  6, "INT32",          "I32",     "INT32",     HLN_KIND_INT)   \
    X(I64,         "I64",         1,   8,  27,  7, "INT64",          "I64",     "INT64",     HLN_KIND_INT)   \
    X(U8,          "U8",          1,   1,  -1,  2, "UINT8",          "U8",      "UINT8",     HLN_KIND_INT)   \
    X(U16,         "U16",         1,   2,  -1,  4, "UINT16",         "U16",     "UINT16",    HLN_KIND_INT)   \
    X(U32,         "U32",         1,   4,  -1, 12, "UINT32",         "U32",     "UINT32",    HLN_KIND_INT)   \
    X(U64,         "U64",         1,   8,  -1, 13, "UINT64",         "U64",     "UINT64",    HLN_KIND_INT)   \
    X(BOOL,        "BOOL",        1,   1,  -1,  9, "BOOL",           "BOOL",    "BOOL",      HLN_KIND_BOOL)  \
    X(STRING,      "STRING",      1,   0,  -1,  8, "STRING",         NULL,      "STRING",    HLN_KIND_OTHER) \
    X(C64,         "C64",         1,   8,  -1, 14, "COMPLEX64",      "C64",     "COMPLEX64", HLN_KIND_FLOAT) \
    X(C128,        "C128",        1,  16,  -1, 15, "COMPLEX128",     NULL,      "COMPLEX128",HLN_KIND_FLOAT) \
    X(F8_E4M3,     "F8_E4M3",     1,   1,  -1, 17, "FLOAT8E4M3FN",   "F8_E4M3", NULL,        HLN_KIND_FLOAT) \
    X(F8_E4M3FNUZ, "F8_E4M3FNUZ", 1,   1,  -1, 18, "FLOAT8E4M3FNUZ", NULL,      NULL,        HLN_KIND_FLOAT) \
    X(F8_E5M2,     "F8_E5M2",     1,   1,  -1, 19, "FLOAT8E5M2",     "F8_E5M2", NULL,        HLN_KIND_FLOAT) \
    X(F8_E5M2FNUZ, "F8_E5M2FNUZ", 1,   1,  -1, 20, "FLOAT8E5M2FNUZ", NULL,      NULL,        HLN_KIND_FLOAT) \
    X(F8_E8M0,     "F8_E8M0",     1,   1,  -1, 24, "FLOAT8E8M0",     "F8_E8M0", NULL,        HLN_KIND_FLOAT) \
    X(U4,          "U4",          2,   1,  -1, 21, "UINT4",          NULL,      "UINT4",     HLN_KIND_INT)   \
    X(I4,          "I4",          2,   1,  -1, 22, "INT4",           NULL,      "INT4",      HLN_KIND_INT)   \
    X(F4_E2M1,     "F4",          2,   1,  -1, 23, "FLOAT4E2M1",     "F4",      NULL,        HLN_KIND_FLOAT) \
    X(U2,          "U2",          4,   1,  -1, 25, "UINT2",          NULL,      NULL,        HLN_KIND_INT)   \
    X(I2,          "I2",          4,   1,  -1, 26, "INT2",           NULL,      NULL,        HLN_KIND_INT)   \
    X(F6_E2M3,     "F6_E2M3",     4,   3,  -1, -1, NULL,             "F6_E2M3", NULL,        HLN_KIND_FLOAT) \
    X(F6_E3M2,     "F6_E3M2",     4,   3,  -1, -1, NULL,             "F6_E3M2", NULL,        HLN_KIND_FLOAT) \
    X(Q4_0,        "Q4_0",       32,  18,   2, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q4_1,        "Q4_1",       32,  20,   3, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q5_0,        "Q5_0",       32,  22,   6, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q5_1,        "Q5_1",       32,  24,   7, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q8_0,        "Q8_0",       32,  34,   8, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q8_1,        "Q8_1",       32,  36,   9, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q2_K,        "Q2_K",      256,  84,  10, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q3_K,        "Q3_K",      256, 110,  11, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q4_K,        "Q4_K",      256, 144,  12, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q5_K,        "Q5_K",      256, 176,  13, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q6_K,        "Q6_K",      256, 210,  14, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q8_K,        "Q8_K",      256, 292,  15, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ2_XXS,     "IQ2_XXS",   256,  66,  16, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ2_XS,      "IQ2_XS",    256,  74,  17, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ3_XXS,     "IQ3_XXS",   256,  98,  18, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ1_S,       "IQ1_S",     256,  50,  19, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ4_NL,      "IQ4_NL",     32,  18,  20, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ3_S,       "IQ3_S",     256, 110,  21, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ2_S,       "IQ2_S",     256,  82,  22, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ4_XS,      "IQ4_XS",    256, 136,  23, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(IQ1_M,       "IQ1_M",     256,  56,  29, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(TQ1_0,       "TQ1_0",     256,  54,  34, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(TQ2_0,       "TQ2_0",     256,  66,  35, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(MXFP4,       "MXFP4",      32,  17,  39, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(NVFP4,       "NVFP4",      64,  36,  40, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q1_0,        "Q1_0",      128,  18,  41, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(Q2_0,        "Q2_0",       64,  18,  42, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(I2_S,        "I2_S",      128,  32,  36, -1, NULL,             NULL,      NULL,        HLN_KIND_QUANT) \
    X(U1,          "U1",          8,   1,  -1, -1, NULL,             NULL,      NULL,        HLN_KIND_INT)   \
    X(NF4,         "NF4",         2,   1,  -1, -1, NULL,             NULL,      NULL,        HLN_KIND_FLOAT)

typedef enum hln_dtype {
#define HLN__X(id, name, blck, tsize, ggml, onnx, onnx_name, st_name, tfl_name, kind) HLN_DTYPE_##id,
    HLN_DTYPES(HLN__X)
#undef HLN__X
    HLN_DTYPE_COUNT
} hln_dtype;

typedef struct hln_dtype_info {
    const char *name;          /* canonical (ggml / SafeTensors spelling) */
    uint32_t    block_size;    /* elements per block */
    uint32_t    type_size;     /* bytes per block; 0 for variable-size (STRING) */
    int32_t     ggml_id;       /* ggml_type id, -1 when ggml has none */
    int32_t     onnx_id;       /* TensorProto.DataType, -1 when ONNX has none */
    const char *onnx_name;
    const char *st_name;
    const char *tflite_name;
    int         kind;          /* HLN_KIND_* */
} hln_dtype_info;

HLN_DEF const hln_dtype_info *hln_dtype_get(hln_dtype t);   /* never NULL (UNKNOWN row) */
HLN_DEF double      hln_dtype_bits_per_weight(hln_dtype t);  /* 8 * type_size / block_size */
HLN_DEF hln_dtype   hln_dtype_from_ggml(uint32_t ggml_id);   /* UNKNOWN when none */
HLN_DEF hln_dtype   hln_dtype_from_onnx(int32_t onnx_id);
HLN_DEF hln_dtype   hln_dtype_from_st_name(const char *s, size_t len);
HLN_DEF hln_dtype   hln_dtype_from_name(const char *s);      /* canonical name */
/* Bytes of n elements: n must be a whole number of blocks for ggml block types; packed
   sub-byte types round up. Returns 0 (and *ok = 0) when not representable. */
HLN_DEF uint64_t    hln_dtype_nbytes(hln_dtype t, uint64_t n_elements, int *ok);

/* ---- metadata --------------------------------------------------------------------------- */
/* Value types use GGUF's numbering; other formats map into them (SafeTensors __metadata__
   is all STRING, ONNX metadata_props too). */
typedef enum hln_kv_type {
    HLN_KV_U8 = 0, HLN_KV_I8 = 1, HLN_KV_U16 = 2, HLN_KV_I16 = 3, HLN_KV_U32 = 4,
    HLN_KV_I32 = 5, HLN_KV_F32 = 6, HLN_KV_BOOL = 7, HLN_KV_STRING = 8, HLN_KV_ARRAY = 9,
    HLN_KV_U64 = 10, HLN_KV_I64 = 11, HLN_KV_F64 = 12, HLN_KV_TYPE_COUNT
} hln_kv_type;

HLN_DEF const char *hln_kv_type_name(hln_kv_type t);  /* "UINT8" ... "FLOAT64" (gguf-py names) */

typedef struct hln_str { const char *ptr; uint64_t len; } hln_str;

/* An array stays a view of the file bytes (validated at parse time): a 128k-token vocabulary
   costs nothing until someone walks it. Walk with hln_kv_iter. */
typedef struct hln_kv_array {
    hln_kv_type    type;        /* element type; ARRAY for arrays of arrays */
    uint64_t       count;
    const uint8_t *data;
    uint64_t       n_bytes;
    int            big_endian;
} hln_kv_array;

typedef struct hln_kv {
    const char  *key;          /* NUL-terminated */
    hln_kv_type  type;
    union {
        uint64_t     u;         /* U8..U64, BOOL */
        int64_t      i;         /* I8..I64 */
        double       f;         /* F32, F64 */
        hln_str      s;         /* STRING (NUL-terminated in the arena or the file view) */
        hln_kv_array a;         /* ARRAY */
    } v;
    uint64_t byte_offset;       /* where the key/value starts in its file */
} hln_kv;

typedef struct hln_kv_iter { hln_kv_array array; uint64_t index, pos; } hln_kv_iter;
HLN_DEF void hln_kv_iter_init(hln_kv_iter *it, const hln_kv_array *a);
/* Next element as a value kv (key NULL); 0 at the end. Strings are views (not NUL-terminated). */
HLN_DEF int  hln_kv_iter_next(hln_kv_iter *it, hln_kv *out);
/* Numeric value of a scalar kv as int64 / double; 0 when the kv is not numeric. */
HLN_DEF int  hln_kv_as_i64(const hln_kv *kv, int64_t *out);
HLN_DEF int  hln_kv_as_f64(const hln_kv *kv, double *out);

/* ---- shapes, tensors, graphs -------------------------------------------------------------- */
/* A dimension: value >= 0 when known; otherwise value = -1 and param names it (or NULL). */
typedef struct hln_dim { int64_t value; const char *param; } hln_dim;
typedef struct hln_shape { int32_t rank; hln_dim *dims; } hln_shape;  /* rank -1: unknown */

#define HLN_TENSOR_CONSTANT 1u   /* from a Constant node rather than an initializer */
#define HLN_TENSOR_EXTERNAL 2u   /* bytes live in an external file */
#define HLN_TENSOR_SPARSE   4u
#define HLN_TENSOR_NESTED   8u   /* owned by a nested subgraph or a function, not the main graph */
#define HLN_TENSOR_ATTRIBUTE 16u /* a node attribute's value (not a Constant node's) */
/* Which tensors are weights is the analysis' call (hln_model_tensor_roles, haoline_analysis.h). */
#define HLN_TENSOR_PACKED_SPARSE 32u /* a weight stored in a sparse layout (TFLite sparsity):
                                        n_elements is the dense count, n_bytes the stored bytes */

/* A tensor is a view: its bytes are at files[file].data + file_offset when that file is in
   memory, or at file_offset of files[file].path otherwise. Dims are outermost first (numpy
   order) for every format; GGUF's ne[] order is the reverse. */
typedef struct hln_tensor {
    const char *name;
    hln_dtype   dtype;
    int32_t     native_type;   /* the format's own type id (ggml id, ONNX data_type, ...) */
    uint32_t    n_dims;
    int64_t    *dims;
    uint64_t    n_elements;
    uint64_t    n_bytes;
    uint32_t    file;          /* index into model->files */
    uint64_t    offset;        /* as stored in the file (relative to its data section) */
    uint64_t    file_offset;   /* absolute byte offset in its file */
    const void *data;          /* view of the bytes, NULL when not in memory */
    uint32_t    flags;         /* HLN_TENSOR_* */
} hln_tensor;

typedef enum hln_attr_type {   /* ONNX AttributeProto numbering */
    HLN_ATTR_UNDEFINED = 0, HLN_ATTR_FLOAT = 1, HLN_ATTR_INT = 2, HLN_ATTR_STRING = 3,
    HLN_ATTR_TENSOR = 4, HLN_ATTR_GRAPH = 5, HLN_ATTR_FLOATS = 6, HLN_ATTR_INTS = 7,
    HLN_ATTR_STRINGS = 8, HLN_ATTR_TENSORS = 9, HLN_ATTR_GRAPHS = 10,
    HLN_ATTR_SPARSE_TENSOR = 11, HLN_ATTR_SPARSE_TENSORS = 12, HLN_ATTR_TYPE_PROTO = 13,
    HLN_ATTR_TYPE_PROTOS = 14
} hln_attr_type;

struct hln_graph;
typedef struct hln_attr {
    const char      *name;
    hln_attr_type    type;
    int64_t          i;
    float            f;
    hln_str          s;
    uint32_t         count;    /* elements of ints/floats/strings/graphs/tensors */
    int64_t         *ints;
    float           *floats;
    hln_str         *strings;
    int32_t         *tensors;  /* indices into model->tensors */
    struct hln_graph **graphs; /* GRAPH: graphs[0] */
} hln_attr;

/* What a file declares about a value beyond its dtype and shape (TFLite quantization,
   sparsity, shape_signature). Arrays are views of the file bytes, little-endian: scales are
   float32, zero points int64, signature dims int32 (-1 = dynamic). */
typedef struct hln_value_info {
    uint32_t       n_scales, n_zero_points;   /* n_scales > 1: per-channel */
    const uint8_t *scales, *zero_points;
    int32_t        quantized_axis;            /* the channel axis of per-channel scales */
    uint32_t       block_size;                /* block-wise quantization: elements per scale, else 0 */
    int32_t        block_scales, block_zero_points; /* block-wise: value indices (same graph) of the
                                                 scale / zero-point tensors, -1 none; only when block_size > 0 */
    int            sparse;                    /* stored in a sparse layout; shape is the dense one */
    int32_t        signature_rank;            /* shape_signature rank, -1 when the file has none */
    const uint8_t *signature;
} hln_value_info;

typedef struct hln_value {     /* a named edge of a graph */
    const char *name;
    hln_dtype   dtype;
    hln_shape   shape;         /* as declared by the file (rank -1: not declared) */
    int32_t     tensor;        /* index into model->tensors holding its bytes (an initializer, or
                                  a Constant node's value: see the tensor's flags), else -1 */
    int32_t     producer;      /* index of the producing node in its graph, else -1 */
    int32_t     outer;         /* captured from an enclosing scope: value index in graph->parent */
    const char *container;     /* non-tensor type as text ("sequence(FLOAT)"); NULL for a tensor;
                                  dtype/shape then describe the innermost tensor */
    const hln_value_info *info; /* NULL when the file declares nothing more */
    /* filled by hln_graph_analyze */
    hln_shape   inferred;      /* best known shape, bindings applied (rank -1: unknown) */
    uint64_t    bytes;         /* activation bytes (unknown dims count as 1) */
} hln_value;

typedef struct hln_node {
    const char *name, *op_type, *domain;
    uint32_t    n_inputs, n_outputs, n_attrs;
    int32_t    *inputs, *outputs;   /* value indices in the graph; -1 = omitted optional */
    hln_attr   *attrs;
    /* filled by analysis passes */
    uint64_t    macs, flops, params;  /* nested subgraphs included (MACs: If's larger branch; params:
                                         every branch's weights, owned by the control-flow node) */
    int32_t     trip_count;    /* Loop/Scan: known trip count, -1 unknown; 0 otherwise */
    uint8_t     exact;         /* 1 when macs/shapes of this node are fully known */
} hln_node;

typedef struct hln_graph {
    const char       *name;
    struct hln_graph *parent;
    uint32_t          n_nodes, n_values, n_inputs, n_outputs, n_initializers;
    hln_node         *nodes;
    hln_value        *values;
    int32_t          *inputs, *outputs, *initializers; /* value / value / tensor indices */
    const char       *domain;          /* functions: the function's domain ("" default) */
    uint32_t          n_functions;     /* main graph: model-local functions (ONNX FunctionProto) */
    struct hln_graph **functions;
    /* filled by hln_graph_analyze */
    uint32_t         *order;           /* nodes in topological order */
    uint32_t          depth;           /* 0 main graph, 1 its attribute graphs, ... */
    uint64_t          macs, flops;     /* this graph, nested graphs included */
    uint64_t          activation_peak_bytes;
    int               macs_exact;
} hln_graph;

/* ---- the model ------------------------------------------------------------------------------ */
typedef enum hln_format {
    HLN_FORMAT_UNKNOWN = 0, HLN_FORMAT_GGUF, HLN_FORMAT_SAFETENSORS, HLN_FORMAT_ONNX,
    HLN_FORMAT_TFLITE, HLN_FORMAT_COREML,
    HLN_FORMAT_OPENVINO, HLN_FORMAT_TENSORRT
} hln_format;
HLN_DEF const char *hln_format_name(hln_format f);   /* "gguf", "safetensors", ... */

/* A file the model was read from. Loaders that map files own the mapping; hln_model_free
   releases it. */
typedef struct hln_file {
    const char    *path;        /* as given or derived; NULL for a caller's buffer */
    const uint8_t *data;        /* NULL when the bytes are not in memory */
    uint64_t       size;
    uint64_t       data_offset; /* start of the tensor data section, when the format has one */
    uint64_t       header_bytes;/* bytes of structure before the data (parse cost) */
    uint32_t       part;        /* 0-based part number of a split or sharded model */
    void          *mapping;     /* loader-private, released by hln_model_free */
} hln_file;

/* Architecture facts as stored by the file (-1 / NULL when absent). Format readers fill them
   from their own vocabulary; hln_model_llm() derives the rest. */
typedef struct hln_hparams {
    const char *arch;
    int64_t n_layer, n_head, n_head_kv, n_embd, head_dim, context_length, n_ff, n_vocab,
            expert_count, expert_used_count;
    int64_t sliding_window;       /* tokens a windowed attention layer sees (-1: none given) */
    int64_t swa_pattern;          /* every swa_pattern-th layer attends globally (-1: all windowed) */
    int64_t kv_lora_rank, rope_dim; /* MLA latent width and its RoPE part (DeepSeek-V2/V3) */
    const char *quant_method;     /* a quantization config's method ("gptq", "awq", ...), or NULL */
    const char *quant_format;     /* its checkpoint_format (GPTQ "gptq", "gptq_v2") or version (AWQ
                                     "gemm", "gemv"), or NULL */
    int64_t quant_bits, quant_group_size;
    int64_t quant_desc_act;       /* GPTQ act-order (desc_act): 1 / 0, -1 not stated */
} hln_hparams;

typedef struct hln_model {
    hln_arena    arena;
    hln_format   format;
    uint32_t     version;       /* format version (GGUF 1..3, ONNX ir_version, ...) */
    int          big_endian;
    uint64_t     alignment;     /* tensor data alignment (GGUF) or 0 */
    uint32_t     n_files;
    hln_file    *files;
    uint32_t     n_tensors;
    hln_tensor  *tensors;
    uint32_t     n_kv;
    hln_kv      *kv;
    hln_hparams  hp;
    hln_graph   *graph;         /* NULL for weight-only formats */
    uint32_t     split_count;   /* parts of a split model that were loaded (GGUF split, shards) */
    uint32_t     kv_count_file; /* KV count declared by the first file (a split part may add split.*) */
    /* Facts only the format's own vocabulary can state (layer histograms, rt_info, bindings...),
       as the text of one JSON object in the arena, written by the reader; reports embed it
       under the format's JSON name (docs/json.md). NULL when the reader writes none. */
    const char  *format_facts;
    uint64_t     format_facts_len;
    const char  *format_facts_redacted;   /* the same with the model's names as "name<k>" (hln_jw_name) */
} hln_model;

HLN_DEF hln_result hln_model_create(const hln_allocator *allocator, hln_model **out);
HLN_DEF void       hln_model_free(hln_model *m);
HLN_DEF const hln_kv *hln_model_find_kv(const hln_model *m, const char *key);
HLN_DEF int64_t    hln_model_find_tensor(const hln_model *m, const char *name); /* -1 none */


/* ---- helpers shared by the format headers ------------------------------------------------ */
HLN_DEF hln_result hln_error_set(hln_error *e, hln_result code, uint64_t offset,
                                 const char *path, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
HLN_DEF void hln_error_file(hln_error *e, const char *file);

/* Output sink of every writer and report: returns 0 on failure. */
typedef int (*hln_write_fn)(void *user, const void *bytes, size_t n);
/* Where a writer takes tensor `index`'s bytes from when they are made on the fly (conversion,
   quantization): the callback writes exactly m->tensors[index].n_bytes through
   write(wuser, ...) in as many calls as it likes; the writers check the count. */
typedef hln_result (*hln_tensor_bytes_fn)(void *user, const hln_model *m, uint32_t index, hln_write_fn write,
                                          void *wuser, hln_error *err);
HLN_DEF int  hln_utf8_valid(const uint8_t *s, uint64_t len);

static inline int hln_mul_overflow(uint64_t a, uint64_t b, uint64_t *out) {
    if (a != 0 && b > UINT64_MAX / a) return 1;
    *out = a * b;
    return 0;
}
static inline int hln_add_overflow(uint64_t a, uint64_t b, uint64_t *out) {
    if (b > UINT64_MAX - a) return 1;
    *out = a + b;
    return 0;
}
/* An n-byte unsigned integer (n <= 8) in either byte order; float bits without aliasing. */
static inline uint64_t hln__load_uint(const uint8_t *p, unsigned n, int big_endian) {
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < n; i++) v |= (uint64_t)p[big_endian ? n - 1 - i : i] << (8 * i);
    return v;
}
static inline double hln__f32_bits(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline double hln__f64_bits(uint64_t u) { double f; memcpy(&f, &u, 8); return f; }

/* ---- the protobuf wire decoder (ONNX, and every other protobuf format) ------------------
   A pull reader: tags, varints of at most 10 bytes, length-delimited sub-readers, packed and
   unpacked repeated scalars; groups are refused. Spans stay views of the buffer. */
enum { HLN_PB_VARINT = 0, HLN_PB_I64 = 1, HLN_PB_LEN = 2, HLN_PB_SGROUP = 3, HLN_PB_EGROUP = 4, HLN_PB_I32 = 5 };

typedef struct hln_pb {   /* a reader over data[pos, end) */
    const uint8_t *data;
    uint64_t       pos, end;
} hln_pb;

typedef struct hln_pb_field {
    uint32_t number;            /* 0 at the end of the message */
    uint32_t wire_type;
    uint64_t value;             /* VARINT, I64, I32 */
    uint64_t offset;            /* of the tag */
    uint64_t data_offset, len;  /* LEN payload */
} hln_pb_field;

/* Decodes one varint of at most 10 bytes from p[0, avail); rejects an 11th byte and values
   above 2^64-1. */
HLN_DEF hln_result hln_pb_varint(const uint8_t *p, uint64_t avail, uint64_t *value, uint32_t *n_bytes);
/* Next field; f->number == 0 at the end of the reader. Errors name the byte offset. */
HLN_DEF hln_result hln_pb_next(hln_pb *r, hln_pb_field *f, hln_error *err);
/* A reader over a LEN field's payload. */
HLN_DEF hln_pb hln_pb_sub(const hln_pb *r, const hln_pb_field *f);
/* Elements of a repeated scalar field occurrence: a packed LEN payload (elem_wire VARINT, I32
   or I64) or one unpacked element. */
HLN_DEF hln_result hln_pb_count(const hln_pb *r, const hln_pb_field *f, uint32_t elem_wire,
                                     uint64_t *count, hln_error *err);


/* ---- the JSON tokenizer (SafeTensors headers, config.json, tokenizer.json, ...) ----------
   jsmn style: one non-recursive pass into a token array that grows with the input (at most
   len/2 + 2 tokens), nesting capped at HLN_JSON_MAX_DEPTH, strict RFC 8259 syntax (every
   escape checked, lone surrogates and raw control characters rejected, only whitespace after
   the value). The text must be valid UTF-8 already (the caller checks). Tokens in document
   order; a container's children follow it and `next` is the index of the token after its
   whole subtree, so a value is skipped in O(1). An object's children are key, value, key,
   value ...; `size` counts pairs (objects) or elements (arrays). Strings span the bytes
   between the quotes. Token 0 is the root. */
enum { HLN_JSON_OBJECT = 1, HLN_JSON_ARRAY, HLN_JSON_STRING, HLN_JSON_NUMBER, HLN_JSON_LITERAL };

typedef struct hln_json_tok {
    uint32_t start, end, next, size;
    uint8_t  type, escaped;
} hln_json_tok;

typedef struct hln_json {
    const char   *text;
    uint32_t      len;
    uint64_t      base;     /* absolute file offset of text[0], for errors */
    const char   *label;    /* "header", "index", ...: error path of syntax errors */
    hln_json_tok  *tok;
    uint32_t      n, cap;
    hln_allocator alloc;
    hln_error    *err;
} hln_json;

/* Tokenizes text[0, len) (len <= max_len, else HLN_ERR_LIMIT); base is the absolute offset of
   text[0] for errors, label the error path ("header", "config"). Free with hln_json_free. */
HLN_DEF hln_result hln_json_parse(hln_json *j, const hln_allocator *alloc, const char *text, uint64_t len,
                                  uint64_t max_len, uint64_t base, const char *label, hln_error *err);
HLN_DEF void       hln_json_free(hln_json *j);
HLN_DEF const char *hln_json_kind(const hln_json *j, uint32_t t);   /* "an object", ..., "true" */
/* Decodes a validated string body s[0, n) into d (capacity >= n); returns the decoded length. */
HLN_DEF size_t     hln_json_unescape(const char *s, size_t n, char *d);
HLN_DEF int        hln_json_is(const hln_json *j, uint32_t t, const char *lit);  /* string t decodes to lit */
/* Value token of key in object obj, 0 when absent or obj is not an object. */
HLN_DEF uint32_t   hln_json_find(const hln_json *j, uint32_t obj, const char *key);
/* String token -> NUL-terminated arena copy (\u0000 refused). */
HLN_DEF hln_result hln_json_str(hln_json *j, uint32_t t, hln_arena *a, hln_str *out, const char *path);
/* Number token -> exact uint64 (no sign, fraction or exponent). `what` names the value in
   messages; NULL: quiet (no message, the code only). */
HLN_DEF hln_result hln_json_u64(hln_json *j, uint32_t t, uint64_t *v, const char *path, const char *what);

/* ---- file access ----------------------------------------------------------------------
   How the *_load_file functions reach every file they read: the model, the other parts of
   a split GGUF, SafeTensors shards and config.json, ONNX external data. Zero (all fields
   NULL) = the platform's: mmap on POSIX, a file mapping view on Windows, a whole-file read
   elsewhere. An engine passes its
   own pair to read from an archive, a pack file or a virtual file system (cgltf style). */
typedef struct hln_mapped {
    const uint8_t *data; uint64_t size; void *handle;
    uint64_t file_id[2];   /* hln_file_map on POSIX: the file's device and inode (0 otherwise) */
} hln_mapped;
typedef struct hln_file_io {
    /* Makes the whole of path readable: out->data (may be NULL only when out->size is 0),
       out->size, and out->handle for your own use. Returns 0, or nonzero when the file is
       missing or unreadable. */
    int  (*open)(void *user, const char *path, hln_mapped *out);
    void (*close)(void *user, hln_mapped *m);   /* releases what open gave */
    void  *user;
} hln_file_io;

/* Before reading bytes [0, end) of model file `file` through the mapping the platform made:
   HLN_ERR_IO when the file on disk is now shorter than end (it was truncated while mapped;
   touching those pages would kill the process with SIGBUS) or is gone. HLN_OK for a caller's
   buffer or file callbacks and where nothing is mapped. A truncation racing the read itself
   can still fault: the weight passes call this once per tensor, just before reading it. */
HLN_DEF hln_result hln_model_file_check(const hln_model *m, uint32_t file, uint64_t end, hln_error *err);

/* Bytes of a model file copied out without touching a mapping the platform made: for such a
   file (POSIX mmap) the reader opens the path again, checks it is the file that was mapped
   (same device and inode: not replaced by a rename) and reads with lseek/read, so a file
   truncated, replaced or gone meanwhile is HLN_ERR_IO, never SIGBUS. A caller's buffer, file
   callbacks, a whole-file read and a Windows view (a mapped file cannot be truncated there)
   are memory that stays, and so are the tensors of a model without files (built in memory):
   in_memory is 1 and reads copy from the file's bytes, or use hln_tensor.data. */
typedef struct hln_file_reader { const hln_model *m; uint32_t file; int fd; int in_memory; } hln_file_reader;
HLN_DEF hln_result hln_file_reader_open(hln_file_reader *r, const hln_model *m, uint32_t file, hln_error *err);
/* Bytes [offset, offset + len) of the file into dst; a short file is HLN_ERR_IO. */
HLN_DEF hln_result hln_file_reader_read(hln_file_reader *r, uint64_t offset, void *dst, size_t len, hln_error *err);
HLN_DEF void       hln_file_reader_close(hln_file_reader *r);

/* ---- a string -> index map (duplicate checks and name lookups of the format readers) -------
   Open addressing over at most `capacity` keys given at init (no growth): keys are views (the
   caller keeps them alive), compared byte for byte. */
typedef struct hln_strmap_entry { const char *key; uint32_t len, value; uint64_t hash; } hln_strmap_entry;
typedef struct hln_strmap { hln_strmap_entry *e; uint32_t mask, n, capacity; hln_allocator alloc; } hln_strmap;
HLN_DEF int      hln_strmap_init(hln_strmap *m, const hln_allocator *a, uint32_t capacity);  /* 0: no memory */
/* The value of key, or -1. */
HLN_DEF int64_t  hln_strmap_get(const hln_strmap *m, const char *key, size_t len);
/* Adds key -> value: 1 added, 0 present already (its value kept), -1 the map is full. */
HLN_DEF int      hln_strmap_put(hln_strmap *m, const char *key, size_t len, uint32_t value);
HLN_DEF void     hln_strmap_free(hln_strmap *m);

/* ---- a small JSON writer (the format readers' model->format_facts) ---------------------
   Appends to a growable buffer; separators are automatic: a value or key after another one
   gets its ','. Any failure (memory) sticks in `failed`; hln_jw_finish then reports it.
   `pretty` set: each object member on its own line, indented two spaces per object level, with
   ": " after the key (arrays stay on one line), the layout of a Hugging Face config.json.
   From the first name on it also writes a second copy, in which every name from the model a
   reader writes with hln_jw_name / hln_jw_name_raw (tensor, layer, input, file names, free-text
   metadata) is "name<k>" (k counts the names written): model->format_facts_redacted, what
   reports show with redact_names (the text itself when no name was written). */
typedef struct hln_jw {
    char *buf; size_t len, cap; hln_allocator alloc; int failed, pretty, depth;
    char *rbuf; size_t rlen, rcap; uint32_t names; int only, redacting;   /* the redacted copy (internal) */
} hln_jw;
HLN_DEF void hln_jw_open(hln_jw *w, char c);                 /* '{' or '[' */
HLN_DEF void hln_jw_close(hln_jw *w, char c);                /* '}' or ']' */
HLN_DEF void hln_jw_key(hln_jw *w, const char *key);         /* "key": */
HLN_DEF void hln_jw_keyn(hln_jw *w, const char *key, size_t n); /* the same, a key of n bytes */
HLN_DEF void hln_jw_str(hln_jw *w, const char *s, size_t n); /* a string, escaped; s NULL: null */
HLN_DEF void hln_jw_raw(hln_jw *w, const char *text);        /* a value as is: null, true, a number's text */
HLN_DEF void hln_jw_u64(hln_jw *w, uint64_t v);
HLN_DEF void hln_jw_i64(hln_jw *w, int64_t v);
HLN_DEF void hln_jw_f64(hln_jw *w, double v, int decimals);  /* rounded; trailing zeros dropped */
HLN_DEF void hln_jw_name(hln_jw *w, const char *s, size_t n); /* a name from the model: a string; s NULL: null */
HLN_DEF void hln_jw_name_raw(hln_jw *w, const char *text);   /* JSON as is whose string values (not keys) are names */
HLN_DEF void hln_jw_name_keyn(hln_jw *w, const char *key, size_t n); /* a key that is a name */
/* Copies the text into m's arena as m->format_facts (and format_facts_redacted) and frees the
   buffers; hln_jw_free frees them without a model (a reader that failed). */
HLN_DEF hln_result hln_jw_finish(hln_jw *w, hln_model *m, hln_error *err);
HLN_DEF void       hln_jw_free(hln_jw *w);

#ifndef HLN_NO_STDIO
/* Maps (or reads) a whole file read-only: the platform's way, used when no hln_file_io is
   given. Thin wrapper used by every *_load_file. */
HLN_DEF hln_result hln_file_map(const char *path, hln_mapped *out, hln_error *err);
HLN_DEF void       hln_file_unmap(hln_mapped *m);
/* Through io when it has callbacks (io may be NULL), else hln_file_map; and its undo. */
HLN_DEF hln_result hln_file_open(const hln_file_io *io, const char *path, hln_mapped *out, hln_error *err);
HLN_DEF void       hln_file_close(const hln_file_io *io, hln_mapped *m);
/* Done with bytes [offset, offset + len) of model file `file`: pages of a file the platform
   mapped (a *_load_file without io callbacks) leave the process's resident set (touching them
   again re-reads the file), so streaming a model larger than RAM stays bounded in memory.
   Needs madvise(MADV_DONTNEED) (define _DEFAULT_SOURCE on glibc); else posix_madvise's
   advice. A no-op for caller buffers, callback files and whole-file reads. */
HLN_DEF void       hln_model_release(const hln_model *m, uint32_t file, uint64_t offset, uint64_t len);
/* Stores the mapping in a new model->files entry; the model then owns it and releases it
   through io (NULL: the platform's way) when it is freed. */
HLN_DEF hln_result hln_model_add_mapped_file(hln_model *m, const char *path, hln_mapped *map,
                                             const hln_file_io *io, uint32_t *index_out);
/* Opens path through io (NULL: the platform's way) and adds it to m->files (*index_out): the
   open / add-mapped-file step of the *_load_file readers, the mapping closed again when it
   cannot be added (HLN_ERR_NOMEM). err NULL: quiet (a companion file that may be absent). */
HLN_DEF hln_result hln_model_map_file(hln_model *m, const hln_file_io *io, const char *path, uint32_t *index_out, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_IR_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_IR_IMPLEMENTATION)) && !defined(HAOLINE_IR_IMPLEMENTED)
#define HAOLINE_IR_IMPLEMENTED

#include <string.h>
#include <stdarg.h>
#include <stdio.h>   /* vsnprintf; file I/O only without HLN_NO_STDIO */
#ifndef HLN_NO_STDIO
#include <errno.h>
#endif

#ifndef HLN_MALLOC
#include <stdlib.h>
#define HLN_MALLOC(sz) malloc(sz)
#define HLN_FREE(p) free(p)
#endif
#ifndef HLN_ASSERT
#define HLN_ASSERT(x) ((void)0)
#endif

#if !defined(HLN_NO_STDIO) && (defined(__unix__) || defined(__APPLE__))
#define HLN__HAVE_MMAP 1
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#elif !defined(HLN_NO_STDIO) && defined(_WIN32)
#define HLN__HAVE_WIN32_MAP 1
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

HLN_DEF const char *hln_result_string(hln_result r) {
    static const char *const names[] = {
#define HLN__X(id, text) text,
        HLN_RESULTS(HLN__X)
#undef HLN__X
    };
    return (unsigned)r < HLN_RESULT_COUNT ? names[r] : "unknown error";
}

static void hln__copy_str(char *dst, size_t cap, const char *src) {
    size_t n = src ? strlen(src) : 0;
    if (n >= cap) n = cap - 1;
    if (n) memcpy(dst, src, n);
    dst[n] = 0;
}

HLN_DEF hln_result hln_error_set(hln_error *e, hln_result code, uint64_t offset,
                                 const char *path, const char *fmt, ...) {
    if (e) {
        va_list ap;
        e->code = code;
        e->byte_offset = offset;
        e->os_error = 0;
        hln__copy_str(e->path, sizeof e->path, path);
        va_start(ap, fmt);
        vsnprintf(e->message, sizeof e->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

HLN_DEF void hln_error_file(hln_error *e, const char *file) {
    if (e) hln__copy_str(e->file, sizeof e->file, file);
}
#if defined(HLN__HAVE_MMAP) || (!defined(HLN_NO_STDIO) && !defined(HLN__HAVE_WIN32_MAP))
/* An I/O error with the system's errno kept for the caller (hln_error.os_error). */
static hln_result hln__io_error(hln_error *e, int os_error, const char *what) {
    hln_error_set(e, HLN_ERR_IO, 0, "", "%s", what);
    if (e) e->os_error = os_error;
    return HLN_ERR_IO;
}
#endif

/* A file the model owns: its bytes and how to release them. */
typedef struct hln__owned_map { hln_mapped map; hln_file_io io; } hln__owned_map;

/* ---- arena ---- */
struct hln_arena_block { hln_arena_block *next; size_t cap, used; };
#define HLN__ARENA_ALIGN 16
#define HLN__ARENA_HDR ((sizeof(hln_arena_block) + HLN__ARENA_ALIGN - 1) & ~(size_t)(HLN__ARENA_ALIGN - 1))

static void *hln__raw_alloc(const hln_allocator *a, size_t n) {
    return a->alloc ? a->alloc(a->user, n) : HLN_MALLOC(n);
}
static void hln__raw_free(const hln_allocator *a, void *p) {
    if (a->free) a->free(a->user, p); else HLN_FREE(p);
}
HLN_DEF void *hln_allocator_alloc(const hln_allocator *a, size_t size) { return a ? hln__raw_alloc(a, size) : HLN_MALLOC(size); }
HLN_DEF void  hln_allocator_free(const hln_allocator *a, void *ptr) { if (a) hln__raw_free(a, ptr); else HLN_FREE(ptr); }

HLN_DEF void *hln_arena_alloc(hln_arena *a, size_t size) {
    hln_arena_block *b = a->head;
    size_t need = (size + HLN__ARENA_ALIGN - 1) & ~(size_t)(HLN__ARENA_ALIGN - 1);
    uint8_t *p;
    if (size == 0) need = HLN__ARENA_ALIGN;
    if (need < size) return NULL;
    if (!b || b->cap - b->used < need) {
        size_t cap = 64 * 1024;
        if (b && b->cap < 16u * 1024 * 1024) cap = b->cap * 2;   /* geometric growth */
        if (cap < need) cap = need;
        if (cap > SIZE_MAX - HLN__ARENA_HDR) return NULL;
        b = (hln_arena_block *)hln__raw_alloc(&a->allocator, HLN__ARENA_HDR + cap);
        if (!b) return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    p = (uint8_t *)b + HLN__ARENA_HDR + b->used;
    b->used += need;
    a->used_bytes += need;
    memset(p, 0, size);
    return p;
}

HLN_DEF void *hln_arena_array(hln_arena *a, uint64_t count, size_t elem) {
    uint64_t bytes;
    if (hln_mul_overflow(count, (uint64_t)elem, &bytes) || bytes > (uint64_t)SIZE_MAX) return NULL;
    return hln_arena_alloc(a, (size_t)bytes);
}

HLN_DEF char *hln_arena_strndup(hln_arena *a, const char *s, size_t len) {
    char *d;
    if (len == SIZE_MAX) return NULL;
    d = (char *)hln_arena_alloc(a, len + 1);
    if (d && len) memcpy(d, s, len);
    return d;
}

HLN_DEF void hln_arena_free(hln_arena *a) {
    hln_arena_block *b = a->head;
    while (b) {
        hln_arena_block *next = b->next;
        hln__raw_free(&a->allocator, b);
        b = next;
    }
    a->head = NULL;
    a->used_bytes = 0;
}

/* ---- dtypes ---- */
static const hln_dtype_info hln__dtypes[HLN_DTYPE_COUNT] = {
#define HLN__X(id, name, blck, tsize, ggml, onnx, onnx_name, st_name, tfl_name, kind) \
    { name, blck, tsize, ggml, onnx, onnx_name, st_name, tfl_name, kind },
    HLN_DTYPES(HLN__X)
#undef HLN__X
};

HLN_DEF const hln_dtype_info *hln_dtype_get(hln_dtype t) {
    return &hln__dtypes[(unsigned)t < HLN_DTYPE_COUNT ? t : HLN_DTYPE_UNKNOWN];
}

HLN_DEF double hln_dtype_bits_per_weight(hln_dtype t) {
    const hln_dtype_info *d = hln_dtype_get(t);
    return 8.0 * (double)d->type_size / (double)d->block_size;
}

HLN_DEF hln_dtype hln_dtype_from_ggml(uint32_t ggml_id) {
    int i;
    for (i = 1; i < HLN_DTYPE_COUNT; i++)
        if (hln__dtypes[i].ggml_id >= 0 && (uint32_t)hln__dtypes[i].ggml_id == ggml_id) return (hln_dtype)i;
    return HLN_DTYPE_UNKNOWN;
}

HLN_DEF hln_dtype hln_dtype_from_onnx(int32_t onnx_id) {
    int i;
    for (i = 1; i < HLN_DTYPE_COUNT; i++)
        if (onnx_id > 0 && hln__dtypes[i].onnx_id == onnx_id) return (hln_dtype)i;
    return HLN_DTYPE_UNKNOWN;
}

HLN_DEF hln_dtype hln_dtype_from_st_name(const char *s, size_t len) {
    int i;
    for (i = 1; i < HLN_DTYPE_COUNT; i++) {
        const char *n = hln__dtypes[i].st_name;
        if (n && strlen(n) == len && memcmp(n, s, len) == 0) return (hln_dtype)i;
    }
    return HLN_DTYPE_UNKNOWN;
}

HLN_DEF hln_dtype hln_dtype_from_name(const char *s) {
    int i;
    for (i = 1; i < HLN_DTYPE_COUNT; i++)
        if (strcmp(hln__dtypes[i].name, s) == 0) return (hln_dtype)i;
    return HLN_DTYPE_UNKNOWN;
}

HLN_DEF uint64_t hln_dtype_nbytes(hln_dtype t, uint64_t n, int *ok) {
    const hln_dtype_info *d = hln_dtype_get(t);
    uint64_t blocks, bytes;
    int quant = d->kind == HLN_KIND_QUANT;
    if (ok) *ok = 0;
    if (t == HLN_DTYPE_UNKNOWN || d->type_size == 0) return 0;
    if (quant && n % d->block_size) return 0;
    blocks = n / d->block_size + (n % d->block_size ? 1 : 0);
    if (hln_mul_overflow(blocks, d->type_size, &bytes)) return 0;
    /* bitnet.cpp's I2_S: one float scale for the whole tensor after the codes, padded to 32 */
    if (t == HLN_DTYPE_I2_S && hln_add_overflow(bytes, 32, &bytes)) return 0;
    if (ok) *ok = 1;
    return bytes;
}

/* ---- metadata ---- */
HLN_DEF const char *hln_kv_type_name(hln_kv_type t) {
    static const char *const names[HLN_KV_TYPE_COUNT] = {
        "UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "BOOL",
        "STRING", "ARRAY", "UINT64", "INT64", "FLOAT64" };
    return (unsigned)t < HLN_KV_TYPE_COUNT ? names[t] : "UNKNOWN";
}


HLN_DEF void hln_kv_iter_init(hln_kv_iter *it, const hln_kv_array *a) {
    it->array = *a;
    it->index = 0;
    it->pos = 0;
}

static const uint8_t hln__kv_scalar_size[HLN_KV_TYPE_COUNT] = { 1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8 };

/* Decodes one element at p of a validated array; returns its byte length. */
static uint64_t hln__kv_decode(hln_kv_type t, const uint8_t *p, int be, hln_kv *out) {
    uint64_t sz = (unsigned)t < HLN_KV_TYPE_COUNT ? hln__kv_scalar_size[t] : 0;
    out->type = t;
    switch (t) {
    case HLN_KV_U8: case HLN_KV_U16: case HLN_KV_U32: case HLN_KV_U64: case HLN_KV_BOOL:
        out->v.u = hln__load_uint(p, (unsigned)sz, be); return sz;
    case HLN_KV_I8:  out->v.i = (int8_t)p[0]; return 1;
    case HLN_KV_I16: out->v.i = (int16_t)(uint16_t)hln__load_uint(p, 2, be); return 2;
    case HLN_KV_I32: out->v.i = (int32_t)(uint32_t)hln__load_uint(p, 4, be); return 4;
    case HLN_KV_I64: out->v.i = (int64_t)hln__load_uint(p, 8, be); return 8;
    case HLN_KV_F32: out->v.f = hln__f32_bits((uint32_t)hln__load_uint(p, 4, be)); return 4;
    case HLN_KV_F64: out->v.f = hln__f64_bits(hln__load_uint(p, 8, be)); return 8;
    case HLN_KV_STRING:
        out->v.s.len = hln__load_uint(p, 8, be);
        out->v.s.ptr = (const char *)p + 8;
        return 8 + out->v.s.len;
    case HLN_KV_ARRAY: {
        /* nested array: element type u32, count u64, elements; the parser validated it, so
           walking it here needs no bounds checks */
        hln_kv tmp;
        uint64_t i, pos = 12;
        out->v.a.type = (hln_kv_type)hln__load_uint(p, 4, be);
        out->v.a.count = hln__load_uint(p + 4, 8, be);
        out->v.a.big_endian = be;
        out->v.a.data = p + 12;
        for (i = 0; i < out->v.a.count; i++) {
            uint64_t fixed = hln__kv_scalar_size[out->v.a.type];
            if (fixed) { pos += fixed * (out->v.a.count - i); break; }
            pos += hln__kv_decode(out->v.a.type, p + pos, be, &tmp);
        }
        out->v.a.n_bytes = pos - 12;
        return pos;
    }
    default: return 0;
    }
}

HLN_DEF int hln_kv_iter_next(hln_kv_iter *it, hln_kv *out) {
    if (it->index >= it->array.count) return 0;
    out->key = NULL;
    out->byte_offset = 0;
    it->pos += hln__kv_decode(it->array.type, it->array.data + it->pos, it->array.big_endian, out);
    it->index++;
    return 1;
}

HLN_DEF int hln_kv_as_i64(const hln_kv *kv, int64_t *out) {
    switch (kv->type) {
    case HLN_KV_U8: case HLN_KV_U16: case HLN_KV_U32: case HLN_KV_BOOL:
        *out = (int64_t)kv->v.u; return 1;
    case HLN_KV_U64:
        if (kv->v.u > (uint64_t)INT64_MAX) return 0;
        *out = (int64_t)kv->v.u; return 1;
    case HLN_KV_I8: case HLN_KV_I16: case HLN_KV_I32: case HLN_KV_I64:
        *out = kv->v.i; return 1;
    default: return 0;
    }
}

HLN_DEF int hln_kv_as_f64(const hln_kv *kv, double *out) {
    int64_t i;
    if (kv->type == HLN_KV_F32 || kv->type == HLN_KV_F64) { *out = kv->v.f; return 1; }
    if (kv->type == HLN_KV_U64) { *out = (double)kv->v.u; return 1; }
    if (hln_kv_as_i64(kv, &i)) { *out = (double)i; return 1; }
    return 0;
}

/* ---- UTF-8 ---- */
HLN_DEF int hln_utf8_valid(const uint8_t *s, uint64_t len) {
    uint64_t i = 0;
    while (i < len) {
        /* ASCII fast path: 8 bytes at a time */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= len) break;
        if (s[i] < 0x80) { i++; continue; }
        {
            uint8_t c = s[i];
            uint32_t cp;
            unsigned n, k;
            if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1Fu; }
            else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0Fu; }
            else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07u; }
            else return 0;
            if (n > len - i - 1) return 0;
            for (k = 1; k <= n; k++) {
                if ((s[i + k] & 0xC0) != 0x80) return 0;
                cp = (cp << 6) | (s[i + k] & 0x3Fu);
            }
            if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
            i += n + 1;
        }
    }
    return 1;
}

/* ---- model ---- */
HLN_DEF const char *hln_format_name(hln_format f) {
    switch (f) {
    case HLN_FORMAT_GGUF: return "gguf";
    case HLN_FORMAT_SAFETENSORS: return "safetensors";
    case HLN_FORMAT_ONNX: return "onnx";
    case HLN_FORMAT_TFLITE: return "tflite";
    case HLN_FORMAT_COREML: return "coreml";
    case HLN_FORMAT_OPENVINO: return "openvino-ir";
    case HLN_FORMAT_TENSORRT: return "tensorrt";
    default: return "unknown";
    }
}

HLN_DEF hln_result hln_model_create(const hln_allocator *allocator, hln_model **out) {
    hln_allocator a;
    hln_model *m;
    memset(&a, 0, sizeof a);
    if (allocator) a = *allocator;
    *out = NULL;
    m = (hln_model *)hln__raw_alloc(&a, sizeof *m);
    if (!m) return HLN_ERR_NOMEM;
    memset(m, 0, sizeof *m);
    m->arena.allocator = a;
    m->hp.n_layer = m->hp.n_head = m->hp.n_head_kv = m->hp.n_embd = m->hp.head_dim = -1;
    m->hp.context_length = m->hp.n_ff = m->hp.n_vocab = -1;
    m->hp.expert_count = m->hp.expert_used_count = -1;
    m->hp.sliding_window = m->hp.swa_pattern = m->hp.kv_lora_rank = m->hp.rope_dim = -1;
    m->hp.quant_bits = m->hp.quant_group_size = m->hp.quant_desc_act = -1;
    *out = m;
    return HLN_OK;
}

HLN_DEF void hln_model_free(hln_model *m) {
    hln_allocator a;
    if (!m) return;
#ifndef HLN_NO_STDIO
    {
        uint32_t i;
        for (i = 0; i < m->n_files; i++) {
            hln__owned_map *mp = (hln__owned_map *)m->files[i].mapping;
            if (mp) hln_file_close(&mp->io, &mp->map);
        }
    }
#endif
    a = m->arena.allocator;
    hln_arena_free(&m->arena);
    hln__raw_free(&a, m);
}

HLN_DEF const hln_kv *hln_model_find_kv(const hln_model *m, const char *key) {
    uint32_t i;
    for (i = 0; i < m->n_kv; i++)
        if (m->kv[i].key && strcmp(m->kv[i].key, key) == 0) return &m->kv[i];
    return NULL;
}

HLN_DEF int64_t hln_model_find_tensor(const hln_model *m, const char *name) {
    uint32_t i;
    for (i = 0; i < m->n_tensors; i++)
        if (strcmp(m->tensors[i].name, name) == 0) return i;
    return -1;
}

/* ---- JSON tokenizer (declarations above) -------------------------------------------------------------------- */
HLN_DEF void hln_json_free(hln_json *j) {
    if (j->tok) hln__raw_free(&j->alloc, j->tok);
    j->tok = NULL;
    j->n = j->cap = 0;
}

static hln_result hln__json_syntax(hln_json *j, uint32_t at, const char *what) {
    return hln_error_set(j->err, HLN_ERR_SYNTAX, j->base + at, j->label, "invalid JSON: %s", what);
}

/* Printable rendering of the byte at i for messages. */
static const char *hln__json_show(const hln_json *j, uint32_t i, char buf[8]) {
    unsigned char c = (unsigned char)j->text[i];
    if (c >= 0x20 && c < 0x7F) snprintf(buf, 8, "'%c'", c);
    else snprintf(buf, 8, "0x%02x", c);
    return buf;
}

static hln_result hln__json_grow(hln_json *j, uint32_t start) {
    uint64_t cap = j->cap ? (uint64_t)j->cap * 2 : (uint64_t)j->len / 4 + 16;
    hln_json_tok *grown;
    if (cap > UINT32_MAX - 1) cap = UINT32_MAX - 1;
    if (cap <= j->n || cap > SIZE_MAX / sizeof *grown)
        return hln_error_set(j->err, HLN_ERR_LIMIT, j->base + start, j->label, "too many JSON tokens");
    grown = (hln_json_tok *)hln__raw_alloc(&j->alloc, (size_t)cap * sizeof *grown);
    if (!grown) return hln_error_set(j->err, HLN_ERR_NOMEM, j->base + start, j->label, "out of memory for JSON tokens");
    if (j->n) memcpy(grown, j->tok, j->n * sizeof *grown);
    if (j->tok) hln__raw_free(&j->alloc, j->tok);
    j->tok = grown;
    j->cap = (uint32_t)cap;
    return HLN_OK;
}

static inline hln_result hln__json_push(hln_json *j, uint8_t type, uint32_t start, uint32_t *index) {
    hln_json_tok *t;
    if (j->n == j->cap) {
        hln_result r = hln__json_grow(j, start);
        if (r != HLN_OK) return r;
    }
    t = &j->tok[j->n];
    t->start = start;
    t->end = start;
    t->next = j->n + 1;
    t->size = 0;
    t->type = type;
    t->escaped = 0;
    *index = j->n++;
    return HLN_OK;
}

static int hln__json_hex4(const char *p, uint32_t *v) {
    uint32_t r = 0;
    int k;
    for (k = 0; k < 4; k++) {
        char c = p[k];
        r <<= 4;
        if (c >= '0' && c <= '9') r |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') r |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') r |= (uint32_t)(c - 'A' + 10);
        else return 0;
    }
    *v = r;
    return 1;
}

/* Little-endian hosts with a count-trailing-zeros builtin jump straight to the byte that
   stopped the 8-byte scan; others finish it byte by byte. */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define HLN__CTZ64(x) __builtin_ctzll(x)
#endif

/* *pos is the opening quote; on success it is the closing quote. */
static inline hln_result hln__json_scan_string(hln_json *j, uint32_t *pos, uint8_t *escaped) {
    const char *s = j->text;
    uint32_t n = j->len, i = *pos + 1;
    char msg[96];
    while (i < n) {
        unsigned char c;
        while (n - i >= 8) {   /* 8 bytes at a time up to the first '"', '\\' or control byte */
            uint64_t w, q, b, hit;
            memcpy(&w, s + i, 8);
            q = w ^ 0x2222222222222222ull;
            b = w ^ 0x5C5C5C5C5C5C5C5Cull;
            hit = (((q - 0x0101010101010101ull) & ~q) | ((b - 0x0101010101010101ull) & ~b) |
                   ((w - 0x2020202020202020ull) & ~w)) & 0x8080808080808080ull;
            if (hit) {
#ifdef HLN__CTZ64
                i += (uint32_t)HLN__CTZ64(hit) >> 3;   /* the lowest flag is exact */
#endif
                break;
            }
            i += 8;
        }
        if (i == n) break;
        c = (unsigned char)s[i];
        if (c == '"') { *pos = i; return HLN_OK; }
        if (c < 0x20) {
            snprintf(msg, sizeof msg, "control character 0x%02x inside a string must be escaped", c);
            return hln__json_syntax(j, i, msg);
        }
        if (c != '\\') { i++; continue; }
        *escaped = 1;
        if (n - i < 2) break;
        c = (unsigned char)s[i + 1];
        if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') {
            i += 2;
            continue;
        }
        if (c == 'u') {
            uint32_t cp, lo;
            if (n - i < 6 || !hln__json_hex4(s + i + 2, &cp))
                return hln__json_syntax(j, i, "\\u escape needs four hex digits");
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                snprintf(msg, sizeof msg, "lone low surrogate \\u%04X", (unsigned)cp);
                return hln__json_syntax(j, i, msg);
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (n - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' || !hln__json_hex4(s + i + 8, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF) {
                    snprintf(msg, sizeof msg, "high surrogate \\u%04X is not followed by a low surrogate", (unsigned)cp);
                    return hln__json_syntax(j, i, msg);
                }
                i += 12;
                continue;
            }
            i += 6;
            continue;
        }
        {
            char b[8];
            snprintf(msg, sizeof msg, "invalid escape '\\' followed by %s", hln__json_show(j, i + 1, b));
            return hln__json_syntax(j, i, msg);
        }
    }
    return hln__json_syntax(j, *pos, "unterminated string");
}

static int hln__json_digit(char c) { return c >= '0' && c <= '9'; }

/* JSON number grammar; on success *pos is one past the number. */
static hln_result hln__json_scan_number(hln_json *j, uint32_t *pos) {
    const char *s = j->text;
    uint32_t n = j->len, i = *pos;
    if (s[i] == '-') i++;
    if (i == n || !hln__json_digit(s[i])) return hln__json_syntax(j, i, "'-' must be followed by a digit");
    if (s[i] == '0') {
        i++;
        if (i < n && hln__json_digit(s[i])) return hln__json_syntax(j, *pos, "numbers must not have leading zeros");
    } else {
        while (i < n && hln__json_digit(s[i])) i++;
    }
    if (i < n && s[i] == '.') {
        i++;
        if (i == n || !hln__json_digit(s[i])) return hln__json_syntax(j, i, "expected a digit after '.'");
        while (i < n && hln__json_digit(s[i])) i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        if (i == n || !hln__json_digit(s[i])) return hln__json_syntax(j, i, "expected a digit in the exponent");
        while (i < n && hln__json_digit(s[i])) i++;
    }
    *pos = i;
    return HLN_OK;
}

enum { HLN__JSON_S_VALUE, HLN__JSON_S_VALUE_OR_CLOSE, HLN__JSON_S_KEY_OR_CLOSE, HLN__JSON_S_KEY,
       HLN__JSON_S_COLON, HLN__JSON_S_COMMA_OR_CLOSE, HLN__JSON_S_DONE };

/* Tokenizes j->text; the token array grows with the input (at most len/2 + 2 tokens). */
static hln_result hln__json_tokenize(hln_json *j) {
    const char *s = j->text;
    uint32_t n = j->len, i = 0, t, stack[HLN_JSON_MAX_DEPTH];
    unsigned depth = 0;
    int state = HLN__JSON_S_VALUE;
    hln_result r;
    char b[8], msg[96];
    for (;;) {
        unsigned char c;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        if (i == n) break;
        c = (unsigned char)s[i];
        switch (state) {
        case HLN__JSON_S_DONE:
            snprintf(msg, sizeof msg, "unexpected %s after the end of the top-level value (only whitespace may follow)",
                     hln__json_show(j, i, b));
            return hln__json_syntax(j, i, msg);
        case HLN__JSON_S_COLON:
            if (c != ':') return hln__json_syntax(j, i, "expected ':' after an object key");
            i++;
            state = HLN__JSON_S_VALUE;
            continue;
        case HLN__JSON_S_COMMA_OR_CLOSE: {
            int obj = j->tok[stack[depth - 1]].type == HLN_JSON_OBJECT;
            if (c == ',') { i++; state = obj ? HLN__JSON_S_KEY : HLN__JSON_S_VALUE; continue; }
            if (c != (obj ? '}' : ']'))
                return hln__json_syntax(j, i, obj ? "expected ',' or '}' after an object member" :
                                                  "expected ',' or ']' after an array element");
            goto close;
        }
        case HLN__JSON_S_KEY_OR_CLOSE:
            if (c == '}') goto close;
            /* fall through */
        case HLN__JSON_S_KEY:
            if (c != '"')
                return hln__json_syntax(j, i, state == HLN__JSON_S_KEY ? "expected a string key after ','"
                                                                   : "expected a string key or '}'");
            if ((r = hln__json_push(j, HLN_JSON_STRING, i + 1, &t)) != HLN_OK) return r;
            if ((r = hln__json_scan_string(j, &i, &j->tok[t].escaped)) != HLN_OK) return r;
            j->tok[t].end = i;
            i++;
            j->tok[stack[depth - 1]].size++;
            state = HLN__JSON_S_COLON;
            continue;
        case HLN__JSON_S_VALUE_OR_CLOSE:
            if (c == ']') goto close;
            break;
        default:
            break;
        }
        /* a value */
        if (depth && j->tok[stack[depth - 1]].type == HLN_JSON_ARRAY) j->tok[stack[depth - 1]].size++;
        if (c == '{' || c == '[') {
            if (depth >= HLN_JSON_MAX_DEPTH)
                return hln_error_set(j->err, HLN_ERR_LIMIT, j->base + i, j->label,
                                     "JSON nested deeper than HLN_JSON_MAX_DEPTH (%d)", HLN_JSON_MAX_DEPTH);
            if ((r = hln__json_push(j, c == '{' ? HLN_JSON_OBJECT : HLN_JSON_ARRAY, i, &t)) != HLN_OK) return r;
            stack[depth++] = t;
            i++;
            state = c == '{' ? HLN__JSON_S_KEY_OR_CLOSE : HLN__JSON_S_VALUE_OR_CLOSE;
            continue;
        }
        if (c == '"') {
            if ((r = hln__json_push(j, HLN_JSON_STRING, i + 1, &t)) != HLN_OK) return r;
            if ((r = hln__json_scan_string(j, &i, &j->tok[t].escaped)) != HLN_OK) return r;
            j->tok[t].end = i;
            i++;
        } else if (c == '-' || hln__json_digit((char)c)) {
            if ((r = hln__json_push(j, HLN_JSON_NUMBER, i, &t)) != HLN_OK) return r;
            if ((r = hln__json_scan_number(j, &i)) != HLN_OK) return r;
            j->tok[t].end = i;
        } else if ((c == 't' && n - i >= 4 && memcmp(s + i, "true", 4) == 0) ||
                   (c == 'n' && n - i >= 4 && memcmp(s + i, "null", 4) == 0) ||
                   (c == 'f' && n - i >= 5 && memcmp(s + i, "false", 5) == 0)) {
            if ((r = hln__json_push(j, HLN_JSON_LITERAL, i, &t)) != HLN_OK) return r;
            i += c == 'f' ? 5 : 4;
            j->tok[t].end = i;
        } else {
            snprintf(msg, sizeof msg, "unexpected %s where a value was expected", hln__json_show(j, i, b));
            return hln__json_syntax(j, i, msg);
        }
        state = depth ? HLN__JSON_S_COMMA_OR_CLOSE : HLN__JSON_S_DONE;
        continue;
    close:
        t = stack[--depth];
        j->tok[t].end = i + 1;
        j->tok[t].next = j->n;
        i++;
        state = depth ? HLN__JSON_S_COMMA_OR_CLOSE : HLN__JSON_S_DONE;
    }
    if (state != HLN__JSON_S_DONE) {
        if (j->n == 0) return hln_error_set(j->err, HLN_ERR_SYNTAX, j->base + i, j->label, "%s is empty", j->label);
        snprintf(msg, sizeof msg, "unexpected end of text inside %u open object(s)/array(s)", depth);
        return hln__json_syntax(j, i, msg);
    }
    return HLN_OK;
}

HLN_DEF hln_result hln_json_parse(hln_json *j, const hln_allocator *alloc, const char *text, uint64_t len,
                                  uint64_t max_len, uint64_t base, const char *label, hln_error *err) {
    hln_result r;
    memset(j, 0, sizeof *j);
    if (alloc) j->alloc = *alloc;
    j->err = err;
    j->text = text;
    j->base = base;
    j->label = label;
    if (max_len > UINT32_MAX - 1) max_len = UINT32_MAX - 1;   /* token offsets are 32-bit */
    if (len > max_len)
        return hln_error_set(err, HLN_ERR_LIMIT, base, label, "%s is %llu bytes, more than the limit (%llu)",
                             label, (unsigned long long)len, (unsigned long long)max_len);
    j->len = (uint32_t)len;
    r = hln__json_tokenize(j);
    if (r != HLN_OK) hln_json_free(j);
    return r;
}

/* ---- token accessors ---- */
HLN_DEF const char *hln_json_kind(const hln_json *j, uint32_t t) {
    switch (j->tok[t].type) {
    case HLN_JSON_OBJECT: return "an object";
    case HLN_JSON_ARRAY: return "an array";
    case HLN_JSON_STRING: return "a string";
    case HLN_JSON_NUMBER: return "a number";
    default: return j->text[j->tok[t].start] == 't' ? "true" : j->text[j->tok[t].start] == 'f' ? "false" : "null";
    }
}

/* Decodes a validated JSON string body into d (capacity >= n); returns the decoded length. */
HLN_DEF size_t hln_json_unescape(const char *s, size_t n, char *d) {
    size_t i = 0, o = 0;
    while (i < n) {
        uint32_t cp, lo;
        if (s[i] != '\\') { d[o++] = s[i++]; continue; }
        switch (s[i + 1]) {
        case 'b': d[o++] = '\b'; i += 2; continue;
        case 'f': d[o++] = '\f'; i += 2; continue;
        case 'n': d[o++] = '\n'; i += 2; continue;
        case 'r': d[o++] = '\r'; i += 2; continue;
        case 't': d[o++] = '\t'; i += 2; continue;
        case 'u': break;
        default: d[o++] = s[i + 1]; i += 2; continue;
        }
        hln__json_hex4(s + i + 2, &cp);
        i += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            hln__json_hex4(s + i + 2, &lo);
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
        }
        if (cp < 0x80) d[o++] = (char)cp;
        else if (cp < 0x800) { d[o++] = (char)(0xC0 | cp >> 6); d[o++] = (char)(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            d[o++] = (char)(0xE0 | cp >> 12); d[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            d[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            d[o++] = (char)(0xF0 | cp >> 18); d[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            d[o++] = (char)(0x80 | ((cp >> 6) & 0x3F)); d[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    return o;
}

/* Whether string token t decodes to lit (no allocation). */
HLN_DEF int hln_json_is(const hln_json *j, uint32_t t, const char *lit) {
    const hln_json_tok *k = &j->tok[t];
    size_t n = k->end - k->start, len = strlen(lit);
    char buf[256];
    if (k->type != HLN_JSON_STRING) return 0;
    if (!k->escaped) return n == len && memcmp(j->text + k->start, lit, len) == 0;
    if (n > sizeof buf || n > 12 * len + 12) return 0;   /* decodes to more than len bytes */
    return hln_json_unescape(j->text + k->start, n, buf) == len && memcmp(buf, lit, len) == 0;
}

/* Value token of key in object obj, 0 when absent (token 0 is the root, never a member). */
HLN_DEF uint32_t hln_json_find(const hln_json *j, uint32_t obj, const char *key) {
    uint32_t k, c;
    if (j->tok[obj].type != HLN_JSON_OBJECT) return 0;
    for (k = 0, c = obj + 1; k < j->tok[obj].size; k++, c = j->tok[c + 1].next)
        if (hln_json_is(j, c, key)) return c + 1;
    return 0;
}

/* String token -> NUL-terminated arena copy. */
HLN_DEF hln_result hln_json_str(hln_json *j, uint32_t t, hln_arena *a, hln_str *out, const char *path) {
    const hln_json_tok *k = &j->tok[t];
    size_t n = k->end - k->start;
    char *d = (char *)hln_arena_alloc(a, n + 1);
    if (!d) return hln_error_set(j->err, HLN_ERR_NOMEM, j->base + k->start, path, "out of memory");
    if (k->escaped) {
        n = hln_json_unescape(j->text + k->start, n, d);
        d[n] = 0;
        if (memchr(d, 0, n))
            return hln_error_set(j->err, HLN_ERR_RANGE, j->base + k->start, path,
                                 "string contains \\u0000, which names and keys cannot hold");
    } else if (n) {
        memcpy(d, j->text + k->start, n);
    }
    out->ptr = d;
    out->len = n;
    return HLN_OK;
}

/* Number token -> exact uint64. `what` names the value in messages; NULL: no message. */
HLN_DEF hln_result hln_json_u64(hln_json *j, uint32_t t, uint64_t *v, const char *path, const char *what) {
    const hln_json_tok *k = &j->tok[t];
    const char *p = j->text + k->start;
    uint32_t n = k->end - k->start, i;
    uint64_t x = 0;
    int shown = n > 40 ? 40 : (int)n;
    if (!what) {   /* quiet: the caller builds a message only when this fails */
        if (k->type != HLN_JSON_NUMBER) return HLN_ERR_TYPE;
        if (n <= 19) {   /* cannot overflow */
            for (i = 0; i < n; i++) {
                unsigned d = (unsigned)(p[i] - '0');
                if (d > 9) return HLN_ERR_RANGE;
                x = x * 10 + d;
            }
            *v = x;
            return HLN_OK;
        }
        for (i = 0; i < n; i++) {
            unsigned d = (unsigned)(p[i] - '0');
            if (d > 9 || x > (UINT64_MAX - d) / 10) return HLN_ERR_RANGE;
            x = x * 10 + d;
        }
        *v = x;
        return HLN_OK;
    }
    if (k->type != HLN_JSON_NUMBER)
        return hln_error_set(j->err, HLN_ERR_TYPE, j->base + k->start, path, "%s is %s, not an integer",
                             what, hln_json_kind(j, t));
    if (p[0] == '-')
        return hln_error_set(j->err, HLN_ERR_RANGE, j->base + k->start, path,
                             "%s is %.*s: negative values are not allowed", what, shown, p);
    for (i = 0; i < n; i++) {
        if (p[i] == '.')
            return hln_error_set(j->err, HLN_ERR_TYPE, j->base + k->start, path, "%s is %.*s: not an integer",
                                 what, shown, p);
        if (p[i] == 'e' || p[i] == 'E')
            return hln_error_set(j->err, HLN_ERR_TYPE, j->base + k->start, path,
                                 "%s is %.*s: exponent notation is not accepted for integers", what, shown, p);
    }
    for (i = 0; i < n; i++) {
        unsigned d = (unsigned)(p[i] - '0');
        if (x > (UINT64_MAX - d) / 10)
            return hln_error_set(j->err, HLN_ERR_OVERFLOW, j->base + k->start, path,
                                 "%s %.*s does not fit in 64 bits", what, shown, p);
        x = x * 10 + d;
    }
    *v = x;
    return HLN_OK;
}

/* ---- protobuf wire decoder ---- */
HLN_DEF hln_result hln_pb_varint(const uint8_t *p, uint64_t avail, uint64_t *value, uint32_t *n_bytes) {
    uint64_t v = 0;
    uint32_t i;
    for (i = 0; i < 10; i++) {
        uint8_t b;
        if (i >= avail) return HLN_ERR_TRUNCATED;
        b = p[i];
        if (i == 9 && b > 1) return HLN_ERR_OVERFLOW;   /* bits beyond 2^64, or an 11th byte */
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80)) {
            *value = v;
            *n_bytes = i + 1;
            return HLN_OK;
        }
    }
    return HLN_ERR_OVERFLOW;   /* unreachable: byte 9 > 1 when its continuation bit is set */
}

static hln_result hln__pb_varint_at(const hln_pb *r, uint64_t *v, hln_error *err, const char *what) {
    uint32_t n;
    hln_result res;
    if (r->pos < r->end && r->data[r->pos] < 0x80) {   /* one byte: most tags and lengths */
        *v = r->data[r->pos];
        ((hln_pb *)r)->pos++;
        return HLN_OK;
    }
    res = hln_pb_varint(r->data + r->pos, r->end - r->pos, v, &n);
    if (res == HLN_ERR_TRUNCATED)
        return hln_error_set(err, res, r->pos, "", "%s varint runs past the end of its message", what);
    if (res != HLN_OK)
        return hln_error_set(err, res, r->pos, "", "%s varint is longer than 10 bytes or exceeds 64 bits", what);
    ((hln_pb *)r)->pos += n;
    return HLN_OK;
}

HLN_DEF hln_result hln_pb_next(hln_pb *r, hln_pb_field *f, hln_error *err) {
    uint64_t tag;
    hln_result res;
    memset(f, 0, sizeof *f);
    if (r->pos >= r->end) return HLN_OK;
    f->offset = r->pos;
    if ((res = hln__pb_varint_at(r, &tag, err, "tag")) != HLN_OK) return res;
    if ((tag >> 3) == 0 || (tag >> 3) > 0x1fffffffu)
        return hln_error_set(err, HLN_ERR_SYNTAX, f->offset, "", "invalid field number %llu", (unsigned long long)(tag >> 3));
    f->wire_type = (uint32_t)(tag & 7);
    switch (f->wire_type) {
    case HLN_PB_VARINT:
        if ((res = hln__pb_varint_at(r, &f->value, err, "field")) != HLN_OK) return res;
        break;
    case HLN_PB_I64:
    case HLN_PB_I32: {
        unsigned n = f->wire_type == HLN_PB_I64 ? 8 : 4, k;
        if (n > r->end - r->pos)
            return hln_error_set(err, HLN_ERR_TRUNCATED, r->pos, "", "%u-byte fixed field runs past the end of its message", n);
        for (k = 0; k < n; k++) f->value |= (uint64_t)r->data[r->pos + k] << (8 * k);
        r->pos += n;
        break;
    }
    case HLN_PB_LEN:
        if ((res = hln__pb_varint_at(r, &f->len, err, "length")) != HLN_OK) return res;
        if (f->len > r->end - r->pos)
            return hln_error_set(err, HLN_ERR_TRUNCATED, f->offset, "",
                                 "field %u claims %llu bytes but its message has %llu left", (unsigned)(tag >> 3),
                                 (unsigned long long)f->len, (unsigned long long)(r->end - r->pos));
        f->data_offset = r->pos;
        r->pos += f->len;
        break;
    case HLN_PB_SGROUP:
    case HLN_PB_EGROUP:
        return hln_error_set(err, HLN_ERR_UNSUPPORTED, f->offset, "",
                             "field %u uses a deprecated protobuf group (wire type %" PRIu32 ")", (unsigned)(tag >> 3), f->wire_type);
    default:
        return hln_error_set(err, HLN_ERR_SYNTAX, f->offset, "", "invalid wire type %" PRIu32 "", f->wire_type);
    }
    f->number = (uint32_t)(tag >> 3);
    return HLN_OK;
}

HLN_DEF hln_pb hln_pb_sub(const hln_pb *r, const hln_pb_field *f) {
    hln_pb s;
    s.data = r->data;
    s.pos = f->data_offset;
    s.end = f->data_offset + f->len;
    return s;
}

HLN_DEF hln_result hln_pb_count(const hln_pb *r, const hln_pb_field *f, uint32_t elem_wire,
                                     uint64_t *count, hln_error *err) {
    *count = 0;
    if (f->wire_type == elem_wire) { *count = 1; return HLN_OK; }
    if (f->wire_type != HLN_PB_LEN)
        return hln_error_set(err, HLN_ERR_SYNTAX, f->offset, "", "field %" PRIu32 " has wire type %" PRIu32 ", expected %" PRIu32 " or a packed list",
                             f->number, f->wire_type, elem_wire);
    if (elem_wire == HLN_PB_I32 || elem_wire == HLN_PB_I64) {
        uint64_t w = elem_wire == HLN_PB_I32 ? 4 : 8;
        if (f->len % w)
            return hln_error_set(err, HLN_ERR_LAYOUT, f->data_offset, "", "packed field %" PRIu32 ": %llu bytes is not a multiple of %llu",
                                 f->number, (unsigned long long)f->len, (unsigned long long)w);
        *count = f->len / w;
        return HLN_OK;
    }
    {   /* varints: every byte without the continuation bit ends one; the last must end one */
        const uint8_t *p = r->data + f->data_offset;
        uint64_t i, n = 0, run = 0;
        for (i = 0; i < f->len; i++) {
            if (p[i] & 0x80) {
                if (++run >= 10) break;
            } else {
                if (run == 9 && p[i] > 1) break;
                run = 0;
                n++;
            }
        }
        if (i < f->len || run)
            return hln_error_set(err, HLN_ERR_SYNTAX, f->data_offset + (i < f->len ? i : f->len), "",
                                 "packed field %" PRIu32 " holds a malformed varint", f->number);
        *count = n;
    }
    return HLN_OK;
}

/* ---- files ---- */
HLN_DEF hln_result hln_model_file_check(const hln_model *m, uint32_t file, uint64_t end, hln_error *err) {
#ifdef HLN__HAVE_MMAP
    const hln_file *f;
    const hln__owned_map *keep;
    struct stat st;
    if (!m || file >= m->n_files) return HLN_OK;
    f = &m->files[file];
    keep = (const hln__owned_map *)f->mapping;
    if (!f->path || !keep || keep->io.open || !keep->map.handle) return HLN_OK;   /* not our mapping */
    if (stat(f->path, &st) != 0) {
        hln_error_file(err, f->path);
        return hln__io_error(err, errno, "the file is gone while it is mapped");
    }
    if ((uint64_t)st.st_size < end) {
        hln_error_file(err, f->path);
        return hln_error_set(err, HLN_ERR_IO, end, "", "the file shrank to %llu bytes while mapped (%llu were read from it)",
                             (unsigned long long)st.st_size, (unsigned long long)end);
    }
#else
    (void)m; (void)file; (void)end; (void)err;
#endif
    return HLN_OK;
}

HLN_DEF hln_result hln_file_reader_open(hln_file_reader *r, const hln_model *m, uint32_t file, hln_error *err) {
    const hln_file *f;
#ifdef HLN__HAVE_MMAP
    const hln__owned_map *keep;
    struct stat st;
#endif
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->m = m;
    r->file = file;
    r->in_memory = 1;
    if (!m) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no model");
    if (file >= m->n_files) return HLN_OK;   /* a model built in memory: its tensors' data are the bytes */
    f = &m->files[file];
#ifdef HLN__HAVE_MMAP
    keep = (const hln__owned_map *)f->mapping;
    if (!f->path || !keep || keep->io.open || !keep->map.handle) return HLN_OK;   /* not our mapping */
    r->in_memory = 0;
    r->fd = open(f->path, O_RDONLY);
    if (r->fd < 0) {
        hln_error_file(err, f->path);
        return hln__io_error(err, errno, "the file is gone while it is mapped");
    }
    if (fstat(r->fd, &st) != 0 || (uint64_t)st.st_dev != keep->map.file_id[0] || (uint64_t)st.st_ino != keep->map.file_id[1]) {
        hln_file_reader_close(r);
        hln_error_file(err, f->path);
        return hln_error_set(err, HLN_ERR_IO, 0, "", "the file was replaced while it is mapped");
    }
#else
    (void)f; (void)err;
#endif
    return HLN_OK;
}

HLN_DEF hln_result hln_file_reader_read(hln_file_reader *r, uint64_t offset, void *dst, size_t len, hln_error *err) {
    const hln_file *f;
    if (!r->m || r->file >= r->m->n_files) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no model file %u to read", (unsigned)r->file);
    f = &r->m->files[r->file];
    if (r->in_memory) {
        if (!f->data || offset > f->size || len > f->size - offset)
            return hln_error_set(err, HLN_ERR_TRUNCATED, offset, "", "bytes %llu + %llu are past the file's %llu",
                                 (unsigned long long)offset, (unsigned long long)len, (unsigned long long)f->size);
        if (len) memcpy(dst, f->data + offset, len);
        return HLN_OK;
    }
#ifdef HLN__HAVE_MMAP
    {
        uint8_t *d = (uint8_t *)dst;
        size_t done = 0;
        off_t at = (off_t)offset;
        if (at < 0 || (uint64_t)at != offset || lseek(r->fd, at, SEEK_SET) != at) {
            hln_error_file(err, f->path);
            return hln__io_error(err, errno, "cannot seek in the file");
        }
        while (done < len) {
            ssize_t got = read(r->fd, d + done, len - done);
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) { hln_error_file(err, f->path); return hln__io_error(err, errno, "read failed"); }
            if (got == 0) {
                hln_error_file(err, f->path);
                return hln_error_set(err, HLN_ERR_IO, offset + done, "", "the file shrank while it was read (%llu bytes short at offset %llu)",
                                     (unsigned long long)(len - done), (unsigned long long)(offset + done));
            }
            done += (size_t)got;
        }
    }
#endif
    return HLN_OK;
}

HLN_DEF void hln_file_reader_close(hln_file_reader *r) {
#ifdef HLN__HAVE_MMAP
    if (r->fd >= 0) close(r->fd);
#endif
    r->fd = -1;
    r->m = NULL;
}

#ifndef HLN_NO_STDIO
HLN_DEF hln_result hln_file_map(const char *path, hln_mapped *out, hln_error *err) {
    memset(out, 0, sizeof *out);
    hln_error_file(err, path);
#ifdef HLN__HAVE_MMAP
    {
        struct stat st;
        int fd = open(path, O_RDONLY);
        void *p;
        if (fd < 0) return hln__io_error(err, errno, "cannot open file");
        if (fstat(fd, &st) != 0) { int e = errno; close(fd); return hln__io_error(err, e, "cannot size file"); }
        if (!S_ISREG(st.st_mode)) {
            close(fd);
            return hln_error_set(err, HLN_ERR_IO, 0, "", "not a regular file");
        }
        out->size = (uint64_t)st.st_size;
        if (out->size == 0) { close(fd); out->data = (const uint8_t *)""; return HLN_OK; }
        if (out->size > (uint64_t)SIZE_MAX) {
            close(fd);
            return hln_error_set(err, HLN_ERR_IO, 0, "", "file is larger than this process can map");
        }
        p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) { int e = errno; close(fd); return hln__io_error(err, e, "cannot map file"); }
        close(fd);
#ifdef POSIX_MADV_RANDOM
        /* parsers touch headers, not weights: no read-around of pages nobody asked for */
        posix_madvise(p, (size_t)st.st_size, POSIX_MADV_RANDOM);
#endif
        out->data = (const uint8_t *)p;
        out->handle = p;
        out->file_id[0] = (uint64_t)st.st_dev;
        out->file_id[1] = (uint64_t)st.st_ino;
        return HLN_OK;
    }
#elif defined(HLN__HAVE_WIN32_MAP)
    {   /* UTF-8 name -> UTF-16; a read-only view of the whole file (no whole-file read) */
        wchar_t wpath[4096];
        HANDLE f, mapping;
        LARGE_INTEGER size;
        void *p;
        if (!MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, wpath, (int)(sizeof wpath / sizeof wpath[0])))
            return hln_error_set(err, HLN_ERR_IO, 0, "", "file name is not valid UTF-8 or is too long");
        f = CreateFileW(wpath, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
        if (f == INVALID_HANDLE_VALUE) return hln_error_set(err, HLN_ERR_IO, 0, "", "cannot open file");
        if (!GetFileSizeEx(f, &size) || size.QuadPart < 0) {
            CloseHandle(f);
            return hln_error_set(err, HLN_ERR_IO, 0, "", "cannot size file");
        }
        out->size = (uint64_t)size.QuadPart;
        if (out->size == 0) { CloseHandle(f); out->data = (const uint8_t *)""; return HLN_OK; }
        if (out->size > (uint64_t)SIZE_MAX) {
            CloseHandle(f);
            return hln_error_set(err, HLN_ERR_IO, 0, "", "file is larger than this process can map");
        }
        mapping = CreateFileMappingW(f, NULL, PAGE_READONLY, 0, 0, NULL);
        CloseHandle(f);   /* the mapping keeps the file open */
        if (!mapping) return hln_error_set(err, HLN_ERR_IO, 0, "", "cannot map file");
        p = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
        CloseHandle(mapping);   /* the view keeps the mapping */
        if (!p) return hln_error_set(err, HLN_ERR_IO, 0, "", "cannot map file");
        out->data = (const uint8_t *)p;
        out->handle = p;
        return HLN_OK;
    }
#else
    {
        FILE *f = fopen(path, "rb");
        long n;
        uint8_t *buf;
        if (!f) return hln__io_error(err, errno, "cannot open file");
        if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
            fclose(f);
            return hln_error_set(err, HLN_ERR_IO, 0, "", "cannot size file");
        }
        buf = (uint8_t *)HLN_MALLOC((size_t)n + 1);
        if (!buf) { fclose(f); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory reading file"); }
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            fclose(f); HLN_FREE(buf);
            return hln_error_set(err, HLN_ERR_IO, 0, "", "read failed");
        }
        fclose(f);
        out->data = buf;
        out->size = (uint64_t)n;
        out->handle = buf;
        return HLN_OK;
    }
#endif
}

HLN_DEF void hln_file_unmap(hln_mapped *m) {
    if (m->handle) {
#if defined(HLN__HAVE_MMAP)
        munmap(m->handle, (size_t)m->size);
#elif defined(HLN__HAVE_WIN32_MAP)
        UnmapViewOfFile(m->handle);
#else
        HLN_FREE(m->handle);
#endif
    }
    memset(m, 0, sizeof *m);
}

HLN_DEF void hln_model_release(const hln_model *m, uint32_t file, uint64_t offset, uint64_t len) {
#if defined(HLN__HAVE_MMAP)
    const hln__owned_map *mp;
    uint64_t page = 4096, begin, end;
    long ps = sysconf(_SC_PAGESIZE);
    if (file >= m->n_files || !(mp = (const hln__owned_map *)m->files[file].mapping) || mp->io.open ||
        !mp->map.handle || offset > mp->map.size || len > mp->map.size - offset) return;
    if (ps > 0) page = (uint64_t)ps;
    begin = (offset + page - 1) / page * page;   /* whole pages inside the range only */
    end = (offset + len) / page * page;
    if (end <= begin) return;
#if defined(MADV_DONTNEED)
    madvise((char *)mp->map.handle + begin, (size_t)(end - begin), MADV_DONTNEED);
#elif defined(POSIX_MADV_DONTNEED)
    posix_madvise((char *)mp->map.handle + begin, (size_t)(end - begin), POSIX_MADV_DONTNEED);
#endif
#else
    (void)m; (void)file; (void)offset; (void)len;
#endif
}

HLN_DEF hln_result hln_file_open(const hln_file_io *io, const char *path, hln_mapped *out, hln_error *err) {
    if (!io || !io->open) return hln_file_map(path, out, err);
    memset(out, 0, sizeof *out);
    hln_error_file(err, path);
    if (io->open(io->user, path, out) != 0) {
        memset(out, 0, sizeof *out);
        return hln_error_set(err, HLN_ERR_IO, 0, "", "cannot open file (the caller's file callbacks refused it)");
    }
    if (!out->data && out->size) {
        if (io->close) io->close(io->user, out);
        memset(out, 0, sizeof *out);
        return hln_error_set(err, HLN_ERR_IO, 0, "", "the caller's file callbacks gave no bytes");
    }
    if (!out->data) out->data = (const uint8_t *)"";
    return HLN_OK;
}

HLN_DEF void hln_file_close(const hln_file_io *io, hln_mapped *m) {
    if (!io || !io->open) hln_file_unmap(m);
    else if (io->close) io->close(io->user, m);
    memset(m, 0, sizeof *m);
}

HLN_DEF hln_result hln_model_add_mapped_file(hln_model *m, const char *path, hln_mapped *map,
                                             const hln_file_io *io, uint32_t *index_out) {
    hln_file *files = (hln_file *)hln_arena_array(&m->arena, (uint64_t)m->n_files + 1, sizeof *files);
    hln__owned_map *keep = (hln__owned_map *)hln_arena_alloc(&m->arena, sizeof *keep);
    if (!files || !keep) return HLN_ERR_NOMEM;
    if (m->n_files) memcpy(files, m->files, m->n_files * sizeof *files);
    keep->map = *map;
    if (io) keep->io = *io;
    memset(map, 0, sizeof *map);
    files[m->n_files].path = path ? hln_arena_strndup(&m->arena, path, strlen(path)) : NULL;
    files[m->n_files].data = keep->map.data;
    files[m->n_files].size = keep->map.size;
    files[m->n_files].mapping = keep;
    m->files = files;
    if (index_out) *index_out = m->n_files;
    m->n_files++;
    return HLN_OK;
}
HLN_DEF hln_result hln_model_map_file(hln_model *m, const hln_file_io *io, const char *path, uint32_t *index_out, hln_error *err) {
    hln_mapped map;
    hln_result r = hln_file_open(io, path, &map, err);
    if (r != HLN_OK) return r;
    if (hln_model_add_mapped_file(m, path, &map, io, index_out) != HLN_OK) {
        hln_file_close(io, &map);
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    }
    return HLN_OK;
}
#endif

/* ---- string map ---- */
static uint64_t hln__strmap_hash(const char *s, size_t n) {   /* FNV-1a, 64-bit */
    uint64_t h = 0xcbf29ce484222325ull;
    size_t i;
    for (i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 0x100000001b3ull; }
    return h;
}
HLN_DEF int hln_strmap_init(hln_strmap *m, const hln_allocator *a, uint32_t capacity) {
    uint64_t slots = 16;
    memset(m, 0, sizeof *m);
    if (a) m->alloc = *a;
    while (slots < 2 * (uint64_t)capacity) slots *= 2;
    if (slots > (uint64_t)SIZE_MAX / sizeof(hln_strmap_entry) || slots > 0x80000000ull) return 0;
    m->e = (hln_strmap_entry *)hln__raw_alloc(&m->alloc, (size_t)slots * sizeof(hln_strmap_entry));
    if (!m->e) return 0;
    memset(m->e, 0, (size_t)slots * sizeof(hln_strmap_entry));
    m->mask = (uint32_t)(slots - 1);
    m->capacity = capacity;
    return 1;
}
static hln_strmap_entry *hln__strmap_slot(const hln_strmap *m, const char *key, size_t len, uint64_t h) {
    uint32_t s = (uint32_t)h & m->mask;
    for (;;) {
        hln_strmap_entry *e = &m->e[s];
        if (!e->key || (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)) return e;
        s = (s + 1) & m->mask;
    }
}
HLN_DEF int64_t hln_strmap_get(const hln_strmap *m, const char *key, size_t len) {
    hln_strmap_entry *e;
    if (!key) key = "";
    if (!m->e || len > UINT32_MAX) return -1;
    e = hln__strmap_slot(m, key, len, hln__strmap_hash(key, len));
    return e->key ? (int64_t)e->value : -1;
}
HLN_DEF int hln_strmap_put(hln_strmap *m, const char *key, size_t len, uint32_t value) {
    uint64_t h;
    hln_strmap_entry *e;
    if (!key) key = "";
    if (!m->e || len > UINT32_MAX) return -1;
    h = hln__strmap_hash(key, len);
    e = hln__strmap_slot(m, key, len, h);
    if (e->key) return 0;
    if (m->n >= m->capacity) return -1;
    e->key = key;
    e->len = (uint32_t)len;
    e->value = value;
    e->hash = h;
    m->n++;
    return 1;
}
HLN_DEF void hln_strmap_free(hln_strmap *m) {
    if (m->e) hln__raw_free(&m->alloc, m->e);
    m->e = NULL;
    m->n = m->capacity = 0;
}

/* ---- JSON writer ---- */
static void hln__jw_append(hln_jw *w, char **buf, size_t *len, size_t *cap_io, const char *s, size_t n) {
    if (n > *cap_io - *len) {
        size_t cap = *cap_io ? *cap_io : 1024;
        char *grown;
        while (cap - *len < n) {
            if (cap > SIZE_MAX / 2) { w->failed = 1; return; }
            cap *= 2;
        }
        grown = (char *)hln__raw_alloc(&w->alloc, cap);
        if (!grown) { w->failed = 1; return; }
        if (*len) memcpy(grown, *buf, *len);
        if (*buf) hln__raw_free(&w->alloc, *buf);
        *buf = grown;
        *cap_io = cap;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
}
/* Into both copies; only 1: the real one, 2: the redacted one. */
static void hln__jw_put(hln_jw *w, const char *s, size_t n) {
    if (w->failed) return;
    if (w->only != 2) hln__jw_append(w, &w->buf, &w->len, &w->cap, s, n);
    if (w->only != 1 && w->redacting && !w->failed) hln__jw_append(w, &w->rbuf, &w->rlen, &w->rcap, s, n);
}
/* The redacted copy starts at the first name: until then it equals buf. */
static void hln__jw_redact_begin(hln_jw *w) {
    if (w->redacting || w->failed) return;
    w->redacting = 1;
    if (w->len) hln__jw_append(w, &w->rbuf, &w->rlen, &w->rcap, w->buf, w->len);
}
static void hln__jw_name_id(hln_jw *w) {
    char id[24];
    w->only = 2;
    hln__jw_put(w, id, (size_t)snprintf(id, sizeof id, "\"name%u\"", (unsigned)w->names++));
    w->only = 0;
}
static void hln__jw_sep(hln_jw *w) {
    char last = w->len ? w->buf[w->len - 1] : '{';
    if (last != '{' && last != '[' && last != ':' && last != ' ') hln__jw_put(w, ",", 1);   /* ' ': pretty's ": " */
}
static void hln__jw_quoted(hln_jw *w, const char *s, size_t n) {
    size_t i, from = 0;
    hln__jw_put(w, "\"", 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        hln__jw_put(w, s + from, i - from);
        if (c == '"' || c == '\\') { esc[0] = '\\'; esc[1] = (char)c; hln__jw_put(w, esc, 2); }
        else { snprintf(esc, sizeof esc, "\\u%04x", c); hln__jw_put(w, esc, 6); }
        from = i + 1;
    }
    hln__jw_put(w, s + from, n - from);
    hln__jw_put(w, "\"", 1);
}
/* pretty: a line break and the indent of the current object level */
static void hln__jw_newline(hln_jw *w, int depth) {
    int k;
    hln__jw_put(w, "\n", 1);
    for (k = 0; k < depth; k++) hln__jw_put(w, "  ", 2);
}
HLN_DEF void hln_jw_open(hln_jw *w, char c) {
    hln__jw_sep(w);
    hln__jw_put(w, &c, 1);
    if (c == '{') w->depth++;
}
HLN_DEF void hln_jw_close(hln_jw *w, char c) {
    if (c == '}') {
        w->depth--;
        if (w->pretty && w->len && w->buf[w->len - 1] != '{') hln__jw_newline(w, w->depth);
    }
    hln__jw_put(w, &c, 1);
}
HLN_DEF void hln_jw_raw(hln_jw *w, const char *text) { hln__jw_sep(w); hln__jw_put(w, text, strlen(text)); }
HLN_DEF void hln_jw_keyn(hln_jw *w, const char *key, size_t n) {
    hln__jw_sep(w);
    if (w->pretty) hln__jw_newline(w, w->depth);
    hln__jw_quoted(w, key, n);
    hln__jw_put(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
}
HLN_DEF void hln_jw_key(hln_jw *w, const char *key) { hln_jw_keyn(w, key, strlen(key)); }
HLN_DEF void hln_jw_str(hln_jw *w, const char *s, size_t n) {
    if (!s) { hln_jw_raw(w, "null"); return; }
    hln__jw_sep(w);
    hln__jw_quoted(w, s, n);
}
HLN_DEF void hln_jw_u64(hln_jw *w, uint64_t v) {
    char b[24];
    snprintf(b, sizeof b, "%llu", (unsigned long long)v);
    hln_jw_raw(w, b);
}
HLN_DEF void hln_jw_i64(hln_jw *w, int64_t v) {
    char b[24];
    snprintf(b, sizeof b, "%lld", (long long)v);
    hln_jw_raw(w, b);
}
HLN_DEF void hln_jw_f64(hln_jw *w, double v, int decimals) {
    char b[64];
    size_t n;
    if (v != v || v > 1e300 || v < -1e300) { hln_jw_raw(w, "null"); return; }
    n = (size_t)snprintf(b, sizeof b, "%.*f", decimals, v);
    if (n >= sizeof b) { hln_jw_raw(w, "null"); return; }
    if (memchr(b, '.', n)) {
        while (n > 1 && b[n - 1] == '0') n--;
        if (b[n - 1] == '.') n++;   /* keep one zero: 100.0 stays a float */
        b[n] = 0;
    }
    hln_jw_raw(w, b);
}
HLN_DEF void hln_jw_name(hln_jw *w, const char *s, size_t n) {
    if (!s) { hln_jw_raw(w, "null"); return; }
    hln__jw_redact_begin(w);
    hln__jw_sep(w);
    w->only = 1;
    hln__jw_quoted(w, s, n);
    hln__jw_name_id(w);
}
HLN_DEF void hln_jw_name_keyn(hln_jw *w, const char *key, size_t n) {
    hln__jw_redact_begin(w);
    hln__jw_sep(w);
    w->only = 1;
    hln__jw_quoted(w, key, n);
    hln__jw_name_id(w);
    hln__jw_put(w, ":", 1);
}
HLN_DEF void hln_jw_name_raw(hln_jw *w, const char *text) {
    size_t i = 0, n = strlen(text), e, k;
    hln__jw_redact_begin(w);
    hln__jw_sep(w);
    w->only = 1;
    hln__jw_put(w, text, n);
    while (i < n && !w->failed) {   /* the redacted copy: strings that are not keys become ids */
        if (text[i] != '"') {
            for (e = i; e < n && text[e] != '"'; e++) {}
            w->only = 2;
            hln__jw_put(w, text + i, e - i);
            i = e;
            continue;
        }
        for (e = i + 1; e < n && text[e] != '"'; e++) if (text[e] == '\\' && e + 1 < n) e++;
        if (e < n) e++;
        for (k = e; k < n && (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r'); k++) {}
        if (k < n && text[k] == ':') { w->only = 2; hln__jw_put(w, text + i, e - i); }
        else hln__jw_name_id(w);
        i = e;
    }
    w->only = 0;
}
HLN_DEF void hln_jw_free(hln_jw *w) {
    if (w->buf) hln__raw_free(&w->alloc, w->buf);
    if (w->rbuf) hln__raw_free(&w->alloc, w->rbuf);
    w->buf = w->rbuf = NULL;
    w->len = w->cap = w->rlen = w->rcap = 0;
}
HLN_DEF hln_result hln_jw_finish(hln_jw *w, hln_model *m, hln_error *err) {
    char *text = w->failed ? NULL : hln_arena_strndup(&m->arena, w->buf ? w->buf : "", w->len);
    char *red = !text || !w->names ? text : hln_arena_strndup(&m->arena, w->rbuf ? w->rbuf : "", w->rlen);
    hln_jw_free(w);
    if (!text || !red) return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory for the format's facts");
    m->format_facts = text;
    m->format_facts_len = strlen(text);
    m->format_facts_redacted = red;
    return HLN_OK;
}


#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_IR_IMPLEMENTATION */

/*
   HISTORY
     0.2.x  hln_file_reader_* (bytes copied out with read(2): truncation is an error, not SIGBUS);
            hln_mapped.file_id
     0.2.x  the JSON tokenizer moves here from haoline_safetensors.h (hln_json_*);
            hln_tensor_bytes_fn for streaming writers; hln_model_release
     0.2.0  the analysis passes move to haoline_analysis.h; hln_allocator_alloc/free; the
            protobuf wire decoder moves here from haoline_onnx.h (hln_onnx_pb_* -> hln_pb_*)
     0.1.0  first release: IR, dtypes, metadata, summary, LLM facts, graph analysis, weight
            statistics and quantization error.

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
