/* haoline_tflite.h - v0.1 - a verified TFLite (LiteRT) FlatBuffer reader for the HaoLine IR. MIT license.

   Reads a .tflite model from a memory buffer into an hln_model. The bytes are hostile: a
   FlatBuffer verifier of its own runs over every table the reader will touch before any of it
   is read (flatcc style: verify, then read without checks). It checks the root offset, the
   "TFL3" identifier when one is present, every vtable (inside the buffer, 2-aligned, even
   size >= 4, the table's inline size inside the buffer), every field (inside its table,
   aligned to its size), every table/vector/string offset (non-zero, < 2^31, so forward only,
   and inside the buffer), vector lengths (64-bit products against the bytes left), string
   NUL terminators, 4-byte alignment of tables, vectors and strings, a nesting-depth cap and a
   total-work budget, so that offsets shared by many parents cannot make it loop or explode.
   Alignment is relative to the buffer start: a model at an odd offset inside a bundle is read
   from a pointer to its first byte as well (all loads go through memcpy).

   Then the TFLite semantics: operator codes (op name = BuiltinOperator name of
   max(builtin_code, deprecated_builtin_code); custom_code for CUSTOM), every subgraph,
   tensor indices of operators and subgraph inputs/outputs (-1 = omitted optional input,
   nothing else below 0), tensor.buffer and opcode_index in range, buffers inline or in the
   offset/size form of models over 2 GB (bounds checked, never read), quantization
   (per-tensor, per-channel with quantized_dimension, block-wise), sparsity,
   shape_signature, signature defs, metadata, WHILE/IF/CALL_ONCE subgraph references (no
   cycles, nesting <= HLN_TFLITE_MAX_DEPTH, bounded expanded size).

   THE IR
     model->graph           subgraph 0; graph->functions[i - 1] is subgraph i (domain
                            "tflite.subgraph", so no op ever calls one by name)
     graph->values[i]       tensor i of the subgraph (value index = TFLite tensor index);
                            shape = Tensor.shape (what the interpreter allocates), dtype from
                            TensorType, info = quantization / sparsity / shape_signature
     graph->nodes[k]        operator k: op_type = op name, domain "tflite" (builtins) or
                            "tflite.custom" (custom codes); builtin options of the costed ops
                            become INT attributes named as in the schema (padding is a STRING
                            "SAME"/"VALID"); WHILE has GRAPH attributes "cond" and "body", IF
                            "then_branch" and "else_branch", CALL_ONCE "init"
     model->tensors         one per constant tensor (buffer 1..n-1 with data), over all
                            subgraphs, in subgraph then tensor order; data is a view
                            (HLN_TENSOR_PACKED_SPARSE when stored sparse: n_elements is dense)
     model->kv              "tflite.description" STRING, "tflite.operator_codes" ARRAY of
                            STRING, "tflite.operator_versions" ARRAY of I32 (each code's
                            version, 1 when absent), "tflite.signature.<i>.key" STRING, ".subgraph" U32,
                            ".inputs" / ".outputs" ARRAY of STRING, "tflite.metadata.<name>"
                            STRING (short UTF-8 text buffers) or U64 (the buffer's byte count)

   USAGE
       #define HAOLINE_IMPLEMENTATION
       #include "haoline_ir.h"
       #include "haoline_tflite.h"

       hln_tflite_options opts = {0};
       hln_model *m; hln_error err;
       if (hln_tflite_load_file(&opts, "model.tflite", &m, &err) == HLN_OK) {
           printf("%u constant tensors\n", m->n_tensors);   // passes: haoline_analysis.h
           hln_model_free(m);
       }

   LIMITS (override before including)
       HLN_TFLITE_MAX_DEPTH    subgraph nesting through WHILE/IF/CALL_ONCE (default 32)
       HLN_TFLITE_MAX_NODES    operators plus tensors of a subgraph with every call
                               expanded (default 4M), the bound of the analysis' work

   FUNCTIONS
     hln_tflite_verify / hln_tflite_detect   the FlatBuffer verifier alone / is this TFLite
     hln_tflite_parse     a verified model in memory -> hln_model; hln_tflite_load_file a file
     hln_tflite_builtin_name                 a builtin operator code's name
   DOES NOT
     read any table before the verifier has walked it, copy buffers, or include another format
     header.
*/
#ifndef HAOLINE_TFLITE_H
#define HAOLINE_TFLITE_H

#include "haoline_ir.h"

#define HAOLINE_TFLITE_VERSION_MAJOR 0
#define HAOLINE_TFLITE_VERSION_MINOR 1
#define HAOLINE_TFLITE_VERSION_PATCH 0

#ifndef HLN_TFLITE_MAX_DEPTH
#define HLN_TFLITE_MAX_DEPTH 32
#endif
#ifndef HLN_TFLITE_MAX_NODES
#define HLN_TFLITE_MAX_NODES ((uint64_t)4 << 20)
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hln_tflite_options {
    hln_allocator allocator;   /* zero: libc */
    hln_file_io   io;          /* hln_tflite_load_file's file access; zero: the platform's */
} hln_tflite_options;

/* Verifies data as a TFLite Model FlatBuffer (structure only, nothing allocated). */
HLN_DEF hln_result hln_tflite_verify(const void *data, uint64_t size, hln_error *err);
/* 1 when data holds a TFLite model: the "TFL3" identifier, or a root table that verifies. */
HLN_DEF int        hln_tflite_detect(const void *data, uint64_t size);
/* Parses a model held in memory; the buffer must outlive the model. */
HLN_DEF hln_result hln_tflite_parse(const hln_tflite_options *opts, const void *data, uint64_t size,
                                    hln_model **out, hln_error *err);
/* BuiltinOperator name of a code ("CONV_2D"), NULL when the schema has none. */
HLN_DEF const char *hln_tflite_builtin_name(int32_t code);
#ifndef HLN_NO_STDIO
/* Opens the file through opts->io (zero: maps it) and parses it; the model owns the mapping. */
HLN_DEF hln_result hln_tflite_load_file(const hln_tflite_options *opts, const char *path,
                                        hln_model **out, hln_error *err);
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_TFLITE_H */

/* ================================ IMPLEMENTATION ================================== */
#if (defined(HAOLINE_IMPLEMENTATION) || defined(HAOLINE_TFLITE_IMPLEMENTATION)) && !defined(HAOLINE_TFLITE_IMPLEMENTED)
#define HAOLINE_TFLITE_IMPLEMENTED

#include <string.h>
#include <stdio.h>   /* snprintf */

#ifdef __cplusplus
extern "C" {
#endif

/* BuiltinOperator, code -> name (tensorflow/compiler/mlir/lite/schema/schema.fbs, in
   ../shared/specs/tflite/schema.fbs; codes 0..209 are contiguous). */
static const char *const hln_tfl__op_names[] = {
    "ADD", "AVERAGE_POOL_2D", "CONCATENATION", "CONV_2D", "DEPTHWISE_CONV_2D", "DEPTH_TO_SPACE",
    "DEQUANTIZE", "EMBEDDING_LOOKUP", "FLOOR", "FULLY_CONNECTED", "HASHTABLE_LOOKUP",
    "L2_NORMALIZATION", "L2_POOL_2D", "LOCAL_RESPONSE_NORMALIZATION", "LOGISTIC", "LSH_PROJECTION",
    "LSTM", "MAX_POOL_2D", "MUL", "RELU", "RELU_N1_TO_1", "RELU6", "RESHAPE", "RESIZE_BILINEAR",
    "RNN", "SOFTMAX", "SPACE_TO_DEPTH", "SVDF", "TANH", "CONCAT_EMBEDDINGS", "SKIP_GRAM", "CALL",
    "CUSTOM", "EMBEDDING_LOOKUP_SPARSE", "PAD", "UNIDIRECTIONAL_SEQUENCE_RNN", "GATHER",
    "BATCH_TO_SPACE_ND", "SPACE_TO_BATCH_ND", "TRANSPOSE", "MEAN", "SUB", "DIV", "SQUEEZE",
    "UNIDIRECTIONAL_SEQUENCE_LSTM", "STRIDED_SLICE", "BIDIRECTIONAL_SEQUENCE_RNN", "EXP", "TOPK_V2",
    "SPLIT", "LOG_SOFTMAX", "DELEGATE", "BIDIRECTIONAL_SEQUENCE_LSTM", "CAST", "PRELU", "MAXIMUM",
    "ARG_MAX", "MINIMUM", "LESS", "NEG", "PADV2", "GREATER", "GREATER_EQUAL", "LESS_EQUAL",
    "SELECT", "SLICE", "SIN", "TRANSPOSE_CONV", "SPARSE_TO_DENSE", "TILE", "EXPAND_DIMS", "EQUAL",
    "NOT_EQUAL", "LOG", "SUM", "SQRT", "RSQRT", "SHAPE", "POW", "ARG_MIN", "FAKE_QUANT",
    "REDUCE_PROD", "REDUCE_MAX", "PACK", "LOGICAL_OR", "ONE_HOT", "LOGICAL_AND", "LOGICAL_NOT",
    "UNPACK", "REDUCE_MIN", "FLOOR_DIV", "REDUCE_ANY", "SQUARE", "ZEROS_LIKE", "FILL", "FLOOR_MOD",
    "RANGE", "RESIZE_NEAREST_NEIGHBOR", "LEAKY_RELU", "SQUARED_DIFFERENCE", "MIRROR_PAD", "ABS",
    "SPLIT_V", "UNIQUE", "CEIL", "REVERSE_V2", "ADD_N", "GATHER_ND", "COS", "WHERE", "RANK", "ELU",
    "REVERSE_SEQUENCE", "MATRIX_DIAG", "QUANTIZE", "MATRIX_SET_DIAG", "ROUND", "HARD_SWISH", "IF",
    "WHILE", "NON_MAX_SUPPRESSION_V4", "NON_MAX_SUPPRESSION_V5", "SCATTER_ND", "SELECT_V2",
    "DENSIFY", "SEGMENT_SUM", "BATCH_MATMUL", "PLACEHOLDER_FOR_GREATER_OP_CODES", "CUMSUM",
    "CALL_ONCE", "BROADCAST_TO", "RFFT2D", "CONV_3D", "IMAG", "REAL", "COMPLEX_ABS", "HASHTABLE",
    "HASHTABLE_FIND", "HASHTABLE_IMPORT", "HASHTABLE_SIZE", "REDUCE_ALL", "CONV_3D_TRANSPOSE",
    "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE", "BROADCAST_ARGS", "RANDOM_STANDARD_NORMAL",
    "BUCKETIZE", "RANDOM_UNIFORM", "MULTINOMIAL", "GELU", "DYNAMIC_UPDATE_SLICE", "RELU_0_TO_1",
    "UNSORTED_SEGMENT_PROD", "UNSORTED_SEGMENT_MAX", "UNSORTED_SEGMENT_SUM", "ATAN2",
    "UNSORTED_SEGMENT_MIN", "SIGN", "BITCAST", "BITWISE_XOR", "RIGHT_SHIFT", "STABLEHLO_LOGISTIC",
    "STABLEHLO_ADD", "STABLEHLO_DIVIDE", "STABLEHLO_MULTIPLY", "STABLEHLO_MAXIMUM",
    "STABLEHLO_RESHAPE", "STABLEHLO_CLAMP", "STABLEHLO_CONCATENATE", "STABLEHLO_BROADCAST_IN_DIM",
    "STABLEHLO_CONVOLUTION", "STABLEHLO_SLICE", "STABLEHLO_CUSTOM_CALL", "STABLEHLO_REDUCE",
    "STABLEHLO_ABS", "STABLEHLO_AND", "STABLEHLO_COSINE", "STABLEHLO_EXPONENTIAL",
    "STABLEHLO_FLOOR", "STABLEHLO_LOG", "STABLEHLO_MINIMUM", "STABLEHLO_NEGATE", "STABLEHLO_OR",
    "STABLEHLO_POWER", "STABLEHLO_REMAINDER", "STABLEHLO_RSQRT", "STABLEHLO_SELECT",
    "STABLEHLO_SUBTRACT", "STABLEHLO_TANH", "STABLEHLO_SCATTER", "STABLEHLO_COMPARE",
    "STABLEHLO_CONVERT", "STABLEHLO_DYNAMIC_SLICE", "STABLEHLO_DYNAMIC_UPDATE_SLICE",
    "STABLEHLO_PAD", "STABLEHLO_IOTA", "STABLEHLO_DOT_GENERAL", "STABLEHLO_REDUCE_WINDOW",
    "STABLEHLO_SORT", "STABLEHLO_WHILE", "STABLEHLO_GATHER", "STABLEHLO_TRANSPOSE", "DILATE",
    "STABLEHLO_RNG_BIT_GENERATOR", "REDUCE_WINDOW", "STABLEHLO_COMPOSITE", "STABLEHLO_SHIFT_LEFT",
    "STABLEHLO_CBRT", "STABLEHLO_CASE",
};
#define HLN_TFL__N_OPS (sizeof hln_tfl__op_names / sizeof hln_tfl__op_names[0])

HLN_DEF const char *hln_tflite_builtin_name(int32_t code) {
    return code >= 0 && (uint32_t)code < HLN_TFL__N_OPS ? hln_tfl__op_names[code] : NULL;
}

/* ---- the schema the verifier walks -------------------------------------------------------
   Field slots are declaration order in schema.fbs (a union takes two: its type, then its
   value). Only the fields this reader uses are listed; the verifier checks exactly those,
   and the reader touches nothing else. */
enum {   /* field kinds */
    HLN_TFL__U8 = 1, HLN_TFL__U32, HLN_TFL__U64, HLN_TFL__STR, HLN_TFL__VEC8, HLN_TFL__VEC16,
    HLN_TFL__VEC32, HLN_TFL__VEC64, HLN_TFL__TAB, HLN_TFL__VTAB, HLN_TFL__UNION
};
enum {   /* tables */
    HLN_TFL__T_MODEL, HLN_TFL__T_OPCODE, HLN_TFL__T_SUBGRAPH, HLN_TFL__T_TENSOR, HLN_TFL__T_QUANT,
    HLN_TFL__T_SPARSITY, HLN_TFL__T_DIMMETA, HLN_TFL__T_I32VEC, HLN_TFL__T_U16VEC, HLN_TFL__T_U8VEC,
    HLN_TFL__T_OPERATOR, HLN_TFL__T_BUFFER, HLN_TFL__T_METADATA, HLN_TFL__T_SIGDEF, HLN_TFL__T_TENSORMAP,
    HLN_TFL__T_BLOCKQ, HLN_TFL__T_CONV2D, HLN_TFL__T_DWCONV, HLN_TFL__T_POOL, HLN_TFL__T_FC,
    HLN_TFL__T_TCONV, HLN_TFL__T_IF, HLN_TFL__T_WHILE, HLN_TFL__T_BMM, HLN_TFL__T_CALLONCE,
    HLN_TFL__T_CONV3D, HLN_TFL__T_OPAQUE, HLN_TFL__T_COUNT
};
enum { HLN_TFL__U_QDETAILS, HLN_TFL__U_SPARSEVEC, HLN_TFL__U_BUILTIN, HLN_TFL__U_OPAQUE };

/* slot, kind, table or union id (TAB/VTAB/UNION), default (scalars) */
typedef struct hln_tfl__fd { const char *name; uint8_t slot, kind, sub; int8_t def; } hln_tfl__fd;
typedef struct hln_tfl__td { const char *name; const hln_tfl__fd *fields; uint8_t n_fields; } hln_tfl__td;

#define HLN_TFL__F(name, slot, kind, sub, def) { name, slot, HLN_TFL__##kind, sub, def }
static const hln_tfl__fd hln_tfl__f_model[] = {
    HLN_TFL__F("version", 0, U32, 0, 0), HLN_TFL__F("operator_codes", 1, VTAB, HLN_TFL__T_OPCODE, 0),
    HLN_TFL__F("subgraphs", 2, VTAB, HLN_TFL__T_SUBGRAPH, 0), HLN_TFL__F("description", 3, STR, 0, 0),
    HLN_TFL__F("buffers", 4, VTAB, HLN_TFL__T_BUFFER, 0), HLN_TFL__F("metadata", 6, VTAB, HLN_TFL__T_METADATA, 0),
    HLN_TFL__F("signature_defs", 7, VTAB, HLN_TFL__T_SIGDEF, 0) };
static const hln_tfl__fd hln_tfl__f_opcode[] = {
    HLN_TFL__F("deprecated_builtin_code", 0, U8, 0, 0), HLN_TFL__F("custom_code", 1, STR, 0, 0),
    HLN_TFL__F("version", 2, U32, 0, 1), HLN_TFL__F("builtin_code", 3, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_subgraph[] = {
    HLN_TFL__F("tensors", 0, VTAB, HLN_TFL__T_TENSOR, 0), HLN_TFL__F("inputs", 1, VEC32, 0, 0),
    HLN_TFL__F("outputs", 2, VEC32, 0, 0), HLN_TFL__F("operators", 3, VTAB, HLN_TFL__T_OPERATOR, 0),
    HLN_TFL__F("name", 4, STR, 0, 0) };
static const hln_tfl__fd hln_tfl__f_tensor[] = {
    HLN_TFL__F("shape", 0, VEC32, 0, 0), HLN_TFL__F("type", 1, U8, 0, 0), HLN_TFL__F("buffer", 2, U32, 0, 0),
    HLN_TFL__F("name", 3, STR, 0, 0), HLN_TFL__F("quantization", 4, TAB, HLN_TFL__T_QUANT, 0),
    HLN_TFL__F("sparsity", 6, TAB, HLN_TFL__T_SPARSITY, 0), HLN_TFL__F("shape_signature", 7, VEC32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_quant[] = {
    HLN_TFL__F("scale", 2, VEC32, 0, 0), HLN_TFL__F("zero_point", 3, VEC64, 0, 0),
    HLN_TFL__F("details_type", 4, U8, 0, 0), HLN_TFL__F("details", 5, UNION, HLN_TFL__U_QDETAILS, 0),
    HLN_TFL__F("quantized_dimension", 6, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_sparsity[] = {
    HLN_TFL__F("traversal_order", 0, VEC32, 0, 0), HLN_TFL__F("block_map", 1, VEC32, 0, 0),
    HLN_TFL__F("dim_metadata", 2, VTAB, HLN_TFL__T_DIMMETA, 0) };
static const hln_tfl__fd hln_tfl__f_dimmeta[] = {
    HLN_TFL__F("format", 0, U8, 0, 0), HLN_TFL__F("dense_size", 1, U32, 0, 0),
    HLN_TFL__F("array_segments_type", 2, U8, 0, 0), HLN_TFL__F("array_segments", 3, UNION, HLN_TFL__U_SPARSEVEC, 0),
    HLN_TFL__F("array_indices_type", 4, U8, 0, 0), HLN_TFL__F("array_indices", 5, UNION, HLN_TFL__U_SPARSEVEC, 0) };
static const hln_tfl__fd hln_tfl__f_i32vec[] = { HLN_TFL__F("values", 0, VEC32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_u16vec[] = { HLN_TFL__F("values", 0, VEC16, 0, 0) };
static const hln_tfl__fd hln_tfl__f_u8vec[] = { HLN_TFL__F("values", 0, VEC8, 0, 0) };
static const hln_tfl__fd hln_tfl__f_operator[] = {
    HLN_TFL__F("opcode_index", 0, U32, 0, 0), HLN_TFL__F("inputs", 1, VEC32, 0, 0),
    HLN_TFL__F("outputs", 2, VEC32, 0, 0), HLN_TFL__F("builtin_options_type", 3, U8, 0, 0),
    HLN_TFL__F("builtin_options", 4, UNION, HLN_TFL__U_BUILTIN, 0) };
static const hln_tfl__fd hln_tfl__f_buffer[] = {
    HLN_TFL__F("data", 0, VEC8, 0, 0), HLN_TFL__F("offset", 1, U64, 0, 0), HLN_TFL__F("size", 2, U64, 0, 0) };
static const hln_tfl__fd hln_tfl__f_metadata[] = {
    HLN_TFL__F("name", 0, STR, 0, 0), HLN_TFL__F("buffer", 1, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_sigdef[] = {
    HLN_TFL__F("inputs", 0, VTAB, HLN_TFL__T_TENSORMAP, 0), HLN_TFL__F("outputs", 1, VTAB, HLN_TFL__T_TENSORMAP, 0),
    HLN_TFL__F("signature_key", 2, STR, 0, 0), HLN_TFL__F("subgraph_index", 4, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_tensormap[] = {
    HLN_TFL__F("name", 0, STR, 0, 0), HLN_TFL__F("tensor_index", 1, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_blockq[] = {
    HLN_TFL__F("scales", 0, U32, 0, 0), HLN_TFL__F("zero_points", 1, U32, 0, 0), HLN_TFL__F("block_size", 2, U32, 0, 0) };
/* builtin options: every scalar becomes a node attribute of the same name */
static const hln_tfl__fd hln_tfl__f_conv2d[] = {
    HLN_TFL__F("padding", 0, U8, 0, 0), HLN_TFL__F("stride_w", 1, U32, 0, 0), HLN_TFL__F("stride_h", 2, U32, 0, 0),
    HLN_TFL__F("fused_activation_function", 3, U8, 0, 0), HLN_TFL__F("dilation_w_factor", 4, U32, 0, 1),
    HLN_TFL__F("dilation_h_factor", 5, U32, 0, 1) };
static const hln_tfl__fd hln_tfl__f_dwconv[] = {
    HLN_TFL__F("padding", 0, U8, 0, 0), HLN_TFL__F("stride_w", 1, U32, 0, 0), HLN_TFL__F("stride_h", 2, U32, 0, 0),
    HLN_TFL__F("depth_multiplier", 3, U32, 0, 0), HLN_TFL__F("fused_activation_function", 4, U8, 0, 0),
    HLN_TFL__F("dilation_w_factor", 5, U32, 0, 1), HLN_TFL__F("dilation_h_factor", 6, U32, 0, 1) };
static const hln_tfl__fd hln_tfl__f_pool[] = {
    HLN_TFL__F("padding", 0, U8, 0, 0), HLN_TFL__F("stride_w", 1, U32, 0, 0), HLN_TFL__F("stride_h", 2, U32, 0, 0),
    HLN_TFL__F("filter_width", 3, U32, 0, 0), HLN_TFL__F("filter_height", 4, U32, 0, 0),
    HLN_TFL__F("fused_activation_function", 5, U8, 0, 0) };
static const hln_tfl__fd hln_tfl__f_fc[] = {
    HLN_TFL__F("fused_activation_function", 0, U8, 0, 0), HLN_TFL__F("weights_format", 1, U8, 0, 0),
    HLN_TFL__F("keep_num_dims", 2, U8, 0, 0) };
static const hln_tfl__fd hln_tfl__f_tconv[] = {
    HLN_TFL__F("padding", 0, U8, 0, 0), HLN_TFL__F("stride_w", 1, U32, 0, 0), HLN_TFL__F("stride_h", 2, U32, 0, 0),
    HLN_TFL__F("fused_activation_function", 3, U8, 0, 0) };
static const hln_tfl__fd hln_tfl__f_if[] = {
    HLN_TFL__F("then_subgraph_index", 0, U32, 0, 0), HLN_TFL__F("else_subgraph_index", 1, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_while[] = {
    HLN_TFL__F("cond_subgraph_index", 0, U32, 0, 0), HLN_TFL__F("body_subgraph_index", 1, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_bmm[] = { HLN_TFL__F("adj_x", 0, U8, 0, 0), HLN_TFL__F("adj_y", 1, U8, 0, 0) };
static const hln_tfl__fd hln_tfl__f_callonce[] = { HLN_TFL__F("init_subgraph_index", 0, U32, 0, 0) };
static const hln_tfl__fd hln_tfl__f_conv3d[] = {
    HLN_TFL__F("padding", 0, U8, 0, 0), HLN_TFL__F("stride_d", 1, U32, 0, 0), HLN_TFL__F("stride_w", 2, U32, 0, 0),
    HLN_TFL__F("stride_h", 3, U32, 0, 0), HLN_TFL__F("fused_activation_function", 4, U8, 0, 0),
    HLN_TFL__F("dilation_d_factor", 5, U32, 0, 1), HLN_TFL__F("dilation_w_factor", 6, U32, 0, 1),
    HLN_TFL__F("dilation_h_factor", 7, U32, 0, 1) };
#undef HLN_TFL__F

#define HLN_TFL__T(name, f) { name, f, (uint8_t)(sizeof f / sizeof f[0]) }
static const hln_tfl__td hln_tfl__tables[HLN_TFL__T_COUNT] = {
    HLN_TFL__T("Model", hln_tfl__f_model), HLN_TFL__T("OperatorCode", hln_tfl__f_opcode),
    HLN_TFL__T("SubGraph", hln_tfl__f_subgraph), HLN_TFL__T("Tensor", hln_tfl__f_tensor),
    HLN_TFL__T("QuantizationParameters", hln_tfl__f_quant), HLN_TFL__T("SparsityParameters", hln_tfl__f_sparsity),
    HLN_TFL__T("DimensionMetadata", hln_tfl__f_dimmeta), HLN_TFL__T("Int32Vector", hln_tfl__f_i32vec),
    HLN_TFL__T("Uint16Vector", hln_tfl__f_u16vec), HLN_TFL__T("Uint8Vector", hln_tfl__f_u8vec),
    HLN_TFL__T("Operator", hln_tfl__f_operator), HLN_TFL__T("Buffer", hln_tfl__f_buffer),
    HLN_TFL__T("Metadata", hln_tfl__f_metadata), HLN_TFL__T("SignatureDef", hln_tfl__f_sigdef),
    HLN_TFL__T("TensorMap", hln_tfl__f_tensormap), HLN_TFL__T("BlockwiseQuantization", hln_tfl__f_blockq),
    HLN_TFL__T("Conv2DOptions", hln_tfl__f_conv2d), HLN_TFL__T("DepthwiseConv2DOptions", hln_tfl__f_dwconv),
    HLN_TFL__T("Pool2DOptions", hln_tfl__f_pool), HLN_TFL__T("FullyConnectedOptions", hln_tfl__f_fc),
    HLN_TFL__T("TransposeConvOptions", hln_tfl__f_tconv), HLN_TFL__T("IfOptions", hln_tfl__f_if),
    HLN_TFL__T("WhileOptions", hln_tfl__f_while), HLN_TFL__T("BatchMatMulOptions", hln_tfl__f_bmm),
    HLN_TFL__T("CallOnceOptions", hln_tfl__f_callonce), HLN_TFL__T("Conv3DOptions", hln_tfl__f_conv3d),
    { "table", NULL, 0 } };
#undef HLN_TFL__T

/* Union member -> table. BuiltinOptions members are numbered in schema.fbs order (NONE = 0). */
static int hln_tfl__union_table(uint8_t u, uint8_t type) {
    static const struct { uint8_t type, table; } builtin[] = {
        { 1, HLN_TFL__T_CONV2D }, { 2, HLN_TFL__T_DWCONV }, { 5, HLN_TFL__T_POOL }, { 8, HLN_TFL__T_FC },
        { 49, HLN_TFL__T_TCONV }, { 92, HLN_TFL__T_IF }, { 93, HLN_TFL__T_WHILE }, { 101, HLN_TFL__T_BMM },
        { 103, HLN_TFL__T_CALLONCE }, { 106, HLN_TFL__T_CONV3D } };
    size_t i;
    switch (u) {
    case HLN_TFL__U_QDETAILS: return type == 2 ? HLN_TFL__T_BLOCKQ : HLN_TFL__T_OPAQUE;
    case HLN_TFL__U_SPARSEVEC:
        return type == 1 ? HLN_TFL__T_I32VEC : type == 2 ? HLN_TFL__T_U16VEC : type == 3 ? HLN_TFL__T_U8VEC : HLN_TFL__T_OPAQUE;
    case HLN_TFL__U_BUILTIN:
        for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++) if (builtin[i].type == type) return builtin[i].table;
        return HLN_TFL__T_OPAQUE;
    default: return HLN_TFL__T_OPAQUE;
    }
}

/* ---- little-endian loads (the buffer is verified before any of these run unchecked) ---- */
static uint32_t hln_tfl__u16(const uint8_t *b, uint64_t p) { return (uint32_t)hln__load_uint(b + p, 2, 0); }
static uint32_t hln_tfl__u32(const uint8_t *b, uint64_t p) { return (uint32_t)hln__load_uint(b + p, 4, 0); }
static uint64_t hln_tfl__u64(const uint8_t *b, uint64_t p) { return hln__load_uint(b + p, 8, 0); }
static int32_t  hln_tfl__i32(const uint8_t *b, uint64_t p) { return (int32_t)hln_tfl__u32(b, p); }

static unsigned hln_tfl__scalar_size(int kind) {
    switch (kind) {
    case HLN_TFL__U8: return 1;
    case HLN_TFL__U64: return 8;
    default: return 4;   /* u32 and every offset */
    }
}

/* ---- the verifier ---- */
typedef struct hln_tfl__ver {
    const uint8_t *b;
    uint64_t       size;
    uint64_t       work;       /* objects still allowed */
    hln_error     *err;
} hln_tfl__ver;

static hln_result hln_tfl__vfail(hln_tfl__ver *v, uint64_t pos, int table, const char *field, const char *what) {
    char path[96];
    snprintf(path, sizeof path, "%s%s%s", hln_tfl__tables[table].name, field ? "." : "", field ? field : "");
    return hln_error_set(v->err, HLN_ERR_LAYOUT, pos, path, "%s", what);
}

/* The uoffset stored at p: non-zero, below 2^31 (forward only), landing inside the buffer. */
static hln_result hln_tfl__vref(hln_tfl__ver *v, uint64_t p, int table, const char *field, uint64_t *target) {
    uint32_t off = hln_tfl__u32(v->b, p);
    if (off == 0) return hln_tfl__vfail(v, p, table, field, "zero offset (points at itself)");
    if (off >= 0x80000000u) return hln_tfl__vfail(v, p, table, field, "offset >= 2^31 (would wrap backwards)");
    if (off > v->size - p) return hln_tfl__vfail(v, p, table, field, "offset points past the end of the buffer");
    *target = p + off;
    return HLN_OK;
}

/* A vector (or string, elem 1 + terminator) at p: 4-aligned length, elements inside. */
static hln_result hln_tfl__vvec(hln_tfl__ver *v, uint64_t p, uint64_t elem, int is_string, int table, const char *field,
                                uint64_t *count) {
    uint64_t n, bytes;
    if (p % 4 != 0) return hln_tfl__vfail(v, p, table, field, "vector or string not 4-byte aligned");
    if (v->size < 4 || p > v->size - 4) return hln_tfl__vfail(v, p, table, field, "vector length past the end of the buffer");
    n = hln_tfl__u32(v->b, p);
    bytes = n * elem + (is_string ? 1u : 0u);   /* n < 2^32, elem <= 8: no overflow in 64 bits */
    if (bytes > v->size - p - 4) return hln_tfl__vfail(v, p, table, field, "vector or string runs past the end of the buffer");
    if (is_string && v->b[p + 4 + n] != 0) return hln_tfl__vfail(v, p, table, field, "string is not NUL-terminated");
    if (!v->work) return hln_tfl__vfail(v, p, table, field, "work budget exhausted (offsets shared too often)");
    v->work--;
    *count = n;
    return HLN_OK;
}

static hln_result hln_tfl__vtable(hln_tfl__ver *v, uint64_t t, int table, unsigned depth);

static hln_result hln_tfl__vfield(hln_tfl__ver *v, uint64_t t, uint64_t fp, int table, const hln_tfl__fd *f,
                                  unsigned depth) {
    uint64_t target, n, i;
    hln_result r;
    if (f->kind == HLN_TFL__U8 || f->kind == HLN_TFL__U32 || f->kind == HLN_TFL__U64) return HLN_OK;
    if ((r = hln_tfl__vref(v, fp, table, f->name, &target)) != HLN_OK) return r;
    switch (f->kind) {
    case HLN_TFL__STR: return hln_tfl__vvec(v, target, 1, 1, table, f->name, &n);
    case HLN_TFL__VEC8: return hln_tfl__vvec(v, target, 1, 0, table, f->name, &n);
    case HLN_TFL__VEC16: return hln_tfl__vvec(v, target, 2, 0, table, f->name, &n);
    case HLN_TFL__VEC32: return hln_tfl__vvec(v, target, 4, 0, table, f->name, &n);
    case HLN_TFL__VEC64: return hln_tfl__vvec(v, target, 8, 0, table, f->name, &n);
    case HLN_TFL__TAB: return hln_tfl__vtable(v, target, f->sub, depth + 1);
    case HLN_TFL__VTAB:
        if ((r = hln_tfl__vvec(v, target, 4, 0, table, f->name, &n)) != HLN_OK) return r;
        for (i = 0; i < n; i++) {
            uint64_t e;
            if ((r = hln_tfl__vref(v, target + 4 + 4 * i, table, f->name, &e)) != HLN_OK) return r;
            if ((r = hln_tfl__vtable(v, e, f->sub, depth + 1)) != HLN_OK) return r;
        }
        return HLN_OK;
    case HLN_TFL__UNION: {   /* the type is the slot before; NONE (0) carries no value */
        uint64_t vt = (uint64_t)((int64_t)t - hln_tfl__i32(v->b, t));
        uint32_t vsize = hln_tfl__u16(v->b, vt), type_slot = 4u + 2u * ((uint32_t)f->slot - 1u), tvoff;
        uint8_t type = 0;
        tvoff = type_slot + 2 <= vsize ? hln_tfl__u16(v->b, vt + type_slot) : 0;
        if (tvoff) type = v->b[t + tvoff];
        if (!type) return hln_tfl__vfail(v, fp, table, f->name, "union value without a type");
        return hln_tfl__vtable(v, target, hln_tfl__union_table(f->sub, type), depth + 1);
    }
    default: return HLN_OK;
    }
}

/* A table at t: aligned, its vtable inside the buffer and well formed, every known field
   inside the table and aligned, and what the fields point to, recursively. */
static hln_result hln_tfl__vtable(hln_tfl__ver *v, uint64_t t, int table, unsigned depth) {
    const hln_tfl__td *td = &hln_tfl__tables[table];
    int64_t vt;
    uint32_t vsize, tsize, k;
    hln_result r;
    if (depth > 24) return hln_tfl__vfail(v, t, table, NULL, "tables nested too deeply");
    if (!v->work) return hln_tfl__vfail(v, t, table, NULL, "work budget exhausted (offsets shared too often)");
    v->work--;
    if (t % 4 != 0) return hln_tfl__vfail(v, t, table, NULL, "table not 4-byte aligned");
    if (v->size < 4 || t > v->size - 4) return hln_tfl__vfail(v, t, table, NULL, "table past the end of the buffer");
    vt = (int64_t)t - (int64_t)hln_tfl__i32(v->b, t);
    if (vt < 0 || (uint64_t)vt > v->size - 4) return hln_tfl__vfail(v, t, table, NULL, "vtable outside the buffer");
    if (vt % 2 != 0) return hln_tfl__vfail(v, t, table, NULL, "vtable not 2-byte aligned");
    vsize = hln_tfl__u16(v->b, (uint64_t)vt);
    tsize = hln_tfl__u16(v->b, (uint64_t)vt + 2);
    if (vsize < 4 || vsize % 2 != 0 || vsize > v->size - (uint64_t)vt)
        return hln_tfl__vfail(v, (uint64_t)vt, table, NULL, "vtable size is odd, below 4 or past the end of the buffer");
    if (tsize < 4 || tsize > v->size - t) return hln_tfl__vfail(v, (uint64_t)vt, table, NULL, "table size past the end of the buffer");
    for (k = 0; k < td->n_fields; k++) {
        const hln_tfl__fd *f = &td->fields[k];
        uint32_t at = 4u + 2u * f->slot, voff, sz = hln_tfl__scalar_size(f->kind);
        if (at + 2 > vsize) continue;                     /* older writer: field absent */
        voff = hln_tfl__u16(v->b, (uint64_t)vt + at);
        if (!voff) continue;                              /* default value */
        if (voff < 4 || sz > tsize || voff > tsize - sz) return hln_tfl__vfail(v, t, table, f->name, "field outside its table");
        if ((t + voff) % sz != 0) return hln_tfl__vfail(v, t + voff, table, f->name, "field not aligned to its size");
        if ((r = hln_tfl__vfield(v, t, t + voff, table, f, depth)) != HLN_OK) return r;
    }
    return HLN_OK;
}

/* A printable 4-character file identifier other than TFL3 marks another FlatBuffer schema;
   bytes that are not one (a file written without an identifier) are left to the root check. */
static int hln_tfl__foreign_identifier(const uint8_t *b, uint64_t size) {
    int k;
    if (size < 8 || memcmp(b + 4, "TFL3", 4) == 0) return 0;
    for (k = 4; k < 8; k++) if (b[k] < 0x20 || b[k] > 0x7e) return 0;
    return 1;
}

HLN_DEF hln_result hln_tflite_verify(const void *data, uint64_t size, hln_error *err) {
    hln_tfl__ver v;
    uint64_t root;
    hln_result r;
    v.b = (const uint8_t *)data;
    v.size = size;
    v.err = err;
    v.work = size / 4 + 64;   /* a file without shared offsets holds fewer objects than that */
    if (!data || size < 8) return hln_error_set(err, HLN_ERR_TRUNCATED, 0, "Model", "%llu bytes: too short for a FlatBuffer (root offset and identifier)", (unsigned long long)size);
    if (hln_tfl__foreign_identifier(v.b, size))
        return hln_error_set(err, HLN_ERR_MAGIC, 4, "Model", "file identifier '%c%c%c%c' is not 'TFL3'", v.b[4], v.b[5], v.b[6], v.b[7]);
    if ((r = hln_tfl__vref(&v, 0, HLN_TFL__T_MODEL, "root", &root)) != HLN_OK) return r;
    return hln_tfl__vtable(&v, root, HLN_TFL__T_MODEL, 0);
}

HLN_DEF int hln_tflite_detect(const void *data, uint64_t size) {
    if (data && size >= 8 && memcmp((const uint8_t *)data + 4, "TFL3", 4) == 0) return 1;
    return hln_tflite_verify(data, size, NULL) == HLN_OK;
}

/* ---- reading verified tables ---- */
/* Position of a field's inline bytes, 0 when absent (the table verified: no checks here). */
static uint64_t hln_tfl__fpos(const uint8_t *b, uint64_t t, unsigned slot) {
    uint64_t vt = (uint64_t)((int64_t)t - hln_tfl__i32(b, t));
    uint32_t at = 4u + 2u * slot, voff;
    if (at + 2 > hln_tfl__u16(b, vt)) return 0;
    voff = hln_tfl__u16(b, vt + at);
    return voff ? t + voff : 0;
}
static uint32_t hln_tfl__get_u32(const uint8_t *b, uint64_t t, unsigned slot, uint32_t def) {
    uint64_t p = hln_tfl__fpos(b, t, slot);
    return p ? hln_tfl__u32(b, p) : def;
}
static uint8_t hln_tfl__get_u8(const uint8_t *b, uint64_t t, unsigned slot) {
    uint64_t p = hln_tfl__fpos(b, t, slot);
    return p ? b[p] : 0;
}
static uint64_t hln_tfl__get_u64(const uint8_t *b, uint64_t t, unsigned slot) {
    uint64_t p = hln_tfl__fpos(b, t, slot);
    return p ? hln_tfl__u64(b, p) : 0;
}
static uint64_t hln_tfl__get_ref(const uint8_t *b, uint64_t t, unsigned slot) {   /* 0: absent */
    uint64_t p = hln_tfl__fpos(b, t, slot);
    return p ? p + hln_tfl__u32(b, p) : 0;
}
/* A vector field: its length, *elems at its first element (0 when absent). */
static uint32_t hln_tfl__get_vec(const uint8_t *b, uint64_t t, unsigned slot, uint64_t *elems) {
    uint64_t v = hln_tfl__get_ref(b, t, slot);
    *elems = v ? v + 4 : 0;
    return v ? hln_tfl__u32(b, v) : 0;
}
/* Element i of a vector of tables. */
static uint64_t hln_tfl__elem_table(const uint8_t *b, uint64_t elems, uint32_t i) {
    uint64_t p = elems + 4 * (uint64_t)i;
    return p + hln_tfl__u32(b, p);
}
/* A string field: a NUL-terminated view of the file (verified), NULL when absent. */
static const char *hln_tfl__get_str(const uint8_t *b, uint64_t t, unsigned slot, uint32_t *len) {
    uint64_t s = hln_tfl__get_ref(b, t, slot);
    if (len) *len = s ? hln_tfl__u32(b, s) : 0;
    return s ? (const char *)b + s + 4 : NULL;
}

/* ---- the reader ---- */
typedef struct hln_tfl__buf { const uint8_t *data; uint64_t len; } hln_tfl__buf;

typedef struct hln_tfl__rd {
    const uint8_t *b;
    uint64_t       size;
    hln_model     *m;
    hln_error     *err;
    uint64_t       root;
    uint32_t       n_opcodes, n_buffers, n_subgraphs;
    const char   **op_name, **op_domain;
    uint8_t       *op_version;        /* n_opcodes little-endian int32: OperatorCode.version */
    hln_tfl__buf  *buffers;
    hln_graph     *graphs;
    uint32_t       next_tensor;
} hln_tfl__rd;

static hln_result hln_tfl__nomem(hln_tfl__rd *r) { return hln_error_set(r->err, HLN_ERR_NOMEM, 0, "", "out of memory"); }

/* TensorType -> dtype (schema.fbs enum TensorType; RESOURCE and VARIANT have none) */
static hln_dtype hln_tfl__dtype(uint8_t type) {
    static const hln_dtype map[] = {
        HLN_DTYPE_F32, HLN_DTYPE_F16, HLN_DTYPE_I32, HLN_DTYPE_U8, HLN_DTYPE_I64, HLN_DTYPE_STRING,
        HLN_DTYPE_BOOL, HLN_DTYPE_I16, HLN_DTYPE_C64, HLN_DTYPE_I8, HLN_DTYPE_F64, HLN_DTYPE_C128,
        HLN_DTYPE_U64, HLN_DTYPE_UNKNOWN, HLN_DTYPE_UNKNOWN, HLN_DTYPE_U32, HLN_DTYPE_U16, HLN_DTYPE_I4,
        HLN_DTYPE_BF16, HLN_DTYPE_I2, HLN_DTYPE_U4, HLN_DTYPE_F8_E4M3, HLN_DTYPE_F8_E5M2 };
    return type < sizeof map / sizeof map[0] ? map[type] : HLN_DTYPE_UNKNOWN;
}

static hln_result hln_tfl__opcodes(hln_tfl__rd *r) {
    uint64_t elems;
    uint32_t i;
    r->n_opcodes = hln_tfl__get_vec(r->b, r->root, 1, &elems);
    r->op_name = (const char **)hln_arena_array(&r->m->arena, (uint64_t)r->n_opcodes + 1, sizeof(char *));
    r->op_domain = (const char **)hln_arena_array(&r->m->arena, (uint64_t)r->n_opcodes + 1, sizeof(char *));
    r->op_version = (uint8_t *)hln_arena_alloc(&r->m->arena, 4 * (size_t)r->n_opcodes + 1);
    if (!r->op_name || !r->op_domain || !r->op_version) return hln_tfl__nomem(r);
    for (i = 0; i < r->n_opcodes; i++) {
        uint64_t t = hln_tfl__elem_table(r->b, elems, i);
        int32_t dep = (int8_t)hln_tfl__get_u8(r->b, t, 0), code = (int32_t)hln_tfl__get_u32(r->b, t, 3, 0);
        uint32_t version = hln_tfl__get_u32(r->b, t, 2, 1), k;
        for (k = 0; k < 4; k++) r->op_version[4 * i + k] = (uint8_t)(version >> (8 * k));
        if (dep > code) code = dep;   /* schema v3a: the larger of the two is the operator */
        r->op_domain[i] = "tflite";
        if (code == 32) {             /* CUSTOM: the custom_code names it */
            const char *cc = hln_tfl__get_str(r->b, t, 1, NULL);
            r->op_name[i] = cc ? cc : "CUSTOM";
            r->op_domain[i] = "tflite.custom";
        } else if (hln_tflite_builtin_name(code)) r->op_name[i] = hln_tflite_builtin_name(code);
        else {
            char tmp[32];
            int n = snprintf(tmp, sizeof tmp, "BUILTIN_%d", (int)code);
            if (!(r->op_name[i] = hln_arena_strndup(&r->m->arena, tmp, (size_t)n))) return hln_tfl__nomem(r);
        }
    }
    return HLN_OK;
}

/* Buffers: inline data, or the offset/size form (relative to the model's first byte) that
   models over 2 GB use; either way a view that is bounds-checked and never read. */
static hln_result hln_tfl__buffers(hln_tfl__rd *r) {
    uint64_t elems;
    uint32_t i;
    r->n_buffers = hln_tfl__get_vec(r->b, r->root, 4, &elems);
    r->buffers = (hln_tfl__buf *)hln_arena_array(&r->m->arena, (uint64_t)r->n_buffers + 1, sizeof *r->buffers);
    if (!r->buffers) return hln_tfl__nomem(r);
    for (i = 0; i < r->n_buffers; i++) {
        uint64_t t = hln_tfl__elem_table(r->b, elems, i), data;
        uint32_t n = hln_tfl__get_vec(r->b, t, 0, &data);
        uint64_t off = hln_tfl__get_u64(r->b, t, 1), size = hln_tfl__get_u64(r->b, t, 2);
        if (n) { r->buffers[i].data = r->b + data; r->buffers[i].len = n; continue; }
        if (off > 1 && size > 0) {
            if (size > r->size || off > r->size - size)
                return hln_error_set(r->err, HLN_ERR_RANGE, t, "buffers", "buffer %" PRIu32 ": offset %llu + size %llu is outside the %llu-byte file",
                                     i, (unsigned long long)off, (unsigned long long)size, (unsigned long long)r->size);
            r->buffers[i].data = r->b + off;
            r->buffers[i].len = size;
        }
    }
    return HLN_OK;
}

/* A tensor index of subgraph s: 0 <= x < n, or -1 where an optional input may be omitted. */
static hln_result hln_tfl__index(hln_tfl__rd *r, int32_t x, uint32_t n, int optional_ok, uint64_t at, uint32_t s,
                                 const char *what, uint32_t k) {
    if ((x == -1 && optional_ok) || (x >= 0 && (uint32_t)x < n)) return HLN_OK;
    return hln_error_set(r->err, HLN_ERR_RANGE, at, "subgraphs", "subgraph %" PRIu32 ": %s %" PRIu32 " is tensor %d (%s%" PRIu32 " tensors)", s, what, k,
                         (int)x, optional_ok ? "-1 = omitted, else 0.." : "0..", n ? n - 1 : 0);
}

static hln_result hln_tfl__value_info(hln_tfl__rd *r, uint64_t t, uint32_t n_values, hln_value *v) {
    uint64_t q = hln_tfl__get_ref(r->b, t, 4), sig;
    uint32_t n_sig = hln_tfl__get_vec(r->b, t, 7, &sig);
    int sparse = hln_tfl__get_ref(r->b, t, 6) != 0;
    hln_value_info *info;
    if (!q && !sparse && !sig) return HLN_OK;
    if (!(info = (hln_value_info *)hln_arena_alloc(&r->m->arena, sizeof *info))) return hln_tfl__nomem(r);
    info->sparse = sparse;
    info->signature_rank = sig ? (int32_t)n_sig : -1;
    info->signature = sig ? r->b + sig : NULL;
    if (q) {
        uint64_t sc, zp, details;
        info->n_scales = hln_tfl__get_vec(r->b, q, 2, &sc);
        info->n_zero_points = hln_tfl__get_vec(r->b, q, 3, &zp);
        info->scales = sc ? r->b + sc : NULL;
        info->zero_points = zp ? r->b + zp : NULL;
        info->quantized_axis = (int32_t)hln_tfl__get_u32(r->b, q, 6, 0);
        details = hln_tfl__get_ref(r->b, q, 5);
        if (details && hln_tfl__get_u8(r->b, q, 4) == 2) {   /* BlockwiseQuantization {scales, zero_points: tensor indices; block_size} */
            int32_t sc_t = (int32_t)hln_tfl__get_u32(r->b, details, 0, 0), zp_t = (int32_t)hln_tfl__get_u32(r->b, details, 1, 0);
            if (sc_t < 0 || (uint32_t)sc_t >= n_values || zp_t < -1 || (zp_t >= 0 && (uint32_t)zp_t >= n_values))
                return hln_error_set(r->err, HLN_ERR_RANGE, details, "subgraphs", "block-wise quantization: scale tensor %d, zero-point tensor %d of %" PRIu32 " tensors",
                                     (int)sc_t, (int)zp_t, n_values);
            info->block_size = hln_tfl__get_u32(r->b, details, 2, 0);
            info->block_scales = sc_t;
            info->block_zero_points = zp_t;
        }
    }
    v->info = info;
    return HLN_OK;
}

/* Tensor i of subgraph s into value v, and into model->tensors when it is a constant. */
static hln_result hln_tfl__tensor(hln_tfl__rd *r, uint32_t s, uint32_t i, uint64_t t, hln_graph *g, hln_value *v) {
    uint64_t shape, n_el = 1;
    uint32_t rank = hln_tfl__get_vec(r->b, t, 0, &shape), k, bi = hln_tfl__get_u32(r->b, t, 2, 0);
    uint8_t type = hln_tfl__get_u8(r->b, t, 1);
    const char *name = hln_tfl__get_str(r->b, t, 3, NULL);
    int negative = 0;
    hln_result res;
    if (rank > HLN_MAX_DIMS) return hln_error_set(r->err, HLN_ERR_LIMIT, t, "subgraphs", "subgraph %" PRIu32 " tensor %" PRIu32 ": rank %" PRIu32 " > HLN_MAX_DIMS (%d)", s, i, rank, HLN_MAX_DIMS);
    if (bi && bi >= r->n_buffers)
        return hln_error_set(r->err, HLN_ERR_RANGE, t, "subgraphs", "subgraph %" PRIu32 " tensor %" PRIu32 ": buffer %" PRIu32 " of %" PRIu32 " buffers", s, i, bi, r->n_buffers);
    v->name = name ? name : "";
    v->dtype = hln_tfl__dtype(type);
    v->tensor = v->producer = v->outer = -1;
    v->shape.rank = (int32_t)rank;
    v->shape.dims = (hln_dim *)hln_arena_array(&r->m->arena, rank ? rank : 1, sizeof(hln_dim));
    if (!v->shape.dims) return hln_tfl__nomem(r);
    for (k = 0; k < rank; k++) {
        int32_t d = hln_tfl__i32(r->b, shape + 4 * (uint64_t)k);
        v->shape.dims[k].value = d >= 0 ? d : -1;
        if (d < 0) negative = 1;
        else if (hln_mul_overflow(n_el, (uint64_t)d, &n_el))
            return hln_error_set(r->err, HLN_ERR_OVERFLOW, t, "subgraphs", "subgraph %" PRIu32 " tensor %" PRIu32 ": element count overflows", s, i);
    }
    if ((res = hln_tfl__value_info(r, t, g->n_values, v)) != HLN_OK) return res;
    if (bi > 0 && r->buffers[bi].len) {   /* a constant: buffer 1..n-1 holding bytes */
        hln_tensor *ct = &r->m->tensors[r->next_tensor];
        if (negative) return hln_error_set(r->err, HLN_ERR_RANGE, t, "subgraphs", "subgraph %" PRIu32 " tensor %" PRIu32 ": constant with a negative dim", s, i);
        ct->name = v->name;
        ct->dtype = v->dtype;
        ct->native_type = type;
        ct->n_dims = rank;
        ct->dims = (int64_t *)hln_arena_array(&r->m->arena, rank ? rank : 1, sizeof(int64_t));
        if (!ct->dims) return hln_tfl__nomem(r);
        for (k = 0; k < rank; k++) ct->dims[k] = v->shape.dims[k].value;
        ct->n_elements = n_el;
        ct->n_bytes = r->buffers[bi].len;
        ct->data = r->buffers[bi].data;
        ct->file_offset = ct->offset = (uint64_t)(r->buffers[bi].data - r->b);
        if (v->info && v->info->sparse) ct->flags |= HLN_TENSOR_PACKED_SPARSE;
        v->tensor = (int32_t)r->next_tensor;
        g->initializers[g->n_initializers++] = (int32_t)r->next_tensor++;
    }
    return HLN_OK;
}

static hln_result hln_tfl__graph_attr(hln_tfl__rd *r, hln_attr *a, const char *name, uint32_t index, uint64_t at) {
    if (index >= r->n_subgraphs)
        return hln_error_set(r->err, HLN_ERR_RANGE, at, "subgraphs", "%s subgraph %" PRIu32 " of %" PRIu32 " subgraphs", name, index, r->n_subgraphs);
    a->name = name;
    a->type = HLN_ATTR_GRAPH;
    a->count = 1;
    if (!(a->graphs = (hln_graph **)hln_arena_alloc(&r->m->arena, sizeof(hln_graph *)))) return hln_tfl__nomem(r);
    a->graphs[0] = &r->graphs[index];
    return HLN_OK;
}

/* Builtin options into attributes: scalars by their schema names; the subgraph indices of
   WHILE / IF / CALL_ONCE as the GRAPH attributes the analysis walks. */
static hln_result hln_tfl__options(hln_tfl__rd *r, uint64_t op, hln_node *n) {
    uint64_t t = hln_tfl__get_ref(r->b, op, 4);
    int table = t ? hln_tfl__union_table(HLN_TFL__U_BUILTIN, hln_tfl__get_u8(r->b, op, 3)) : HLN_TFL__T_OPAQUE;
    const hln_tfl__td *td = &hln_tfl__tables[table];
    uint32_t k;
    if (table == HLN_TFL__T_OPAQUE || !td->n_fields) return HLN_OK;
    n->attrs = (hln_attr *)hln_arena_array(&r->m->arena, td->n_fields, sizeof(hln_attr));
    if (!n->attrs) return hln_tfl__nomem(r);
    n->n_attrs = td->n_fields;
    for (k = 0; k < td->n_fields; k++) {
        const hln_tfl__fd *f = &td->fields[k];
        hln_attr *a = &n->attrs[k];
        int64_t value = f->kind == HLN_TFL__U8 ? (int64_t)hln_tfl__get_u8(r->b, t, f->slot)
                                               : (int64_t)(int32_t)hln_tfl__get_u32(r->b, t, f->slot, (uint32_t)(int32_t)f->def);
        hln_result res = HLN_OK;
        if (table == HLN_TFL__T_IF) res = hln_tfl__graph_attr(r, a, k ? "else_branch" : "then_branch", (uint32_t)value, t);
        else if (table == HLN_TFL__T_WHILE) res = hln_tfl__graph_attr(r, a, k ? "body" : "cond", (uint32_t)value, t);
        else if (table == HLN_TFL__T_CALLONCE) res = hln_tfl__graph_attr(r, a, "init", (uint32_t)value, t);
        else if (strcmp(f->name, "padding") == 0) {
            a->name = f->name;
            a->type = HLN_ATTR_STRING;
            a->s.ptr = value == 1 ? "VALID" : "SAME";   /* enum Padding { SAME, VALID } */
            a->s.len = strlen(a->s.ptr);
        } else {
            a->name = f->name;
            a->type = HLN_ATTR_INT;
            a->i = value;
        }
        if (res != HLN_OK) return res;
    }
    return HLN_OK;
}

static hln_result hln_tfl__int_list(hln_tfl__rd *r, uint64_t t, unsigned slot, uint32_t n_tensors, int optional_ok,
                                    uint32_t s, const char *what, int32_t **out, uint32_t *count) {
    uint64_t elems;
    uint32_t n = hln_tfl__get_vec(r->b, t, slot, &elems), k;
    hln_result res;
    *count = n;
    if (!(*out = (int32_t *)hln_arena_array(&r->m->arena, n ? n : 1, sizeof(int32_t)))) return hln_tfl__nomem(r);
    for (k = 0; k < n; k++) {
        int32_t x = hln_tfl__i32(r->b, elems + 4 * (uint64_t)k);
        if ((res = hln_tfl__index(r, x, n_tensors, optional_ok, elems + 4 * (uint64_t)k, s, what, k)) != HLN_OK) return res;
        (*out)[k] = x;
    }
    return HLN_OK;
}

static hln_result hln_tfl__subgraph(hln_tfl__rd *r, uint32_t s, uint64_t t) {
    hln_graph *g = &r->graphs[s];
    uint64_t tensors, ops;
    uint32_t n_t = hln_tfl__get_vec(r->b, t, 0, &tensors), n_ops = hln_tfl__get_vec(r->b, t, 3, &ops), i, k;
    hln_result res;
    g->name = hln_tfl__get_str(r->b, t, 4, NULL);
    g->domain = s ? "tflite.subgraph" : "";
    g->n_values = n_t;
    g->values = (hln_value *)hln_arena_array(&r->m->arena, n_t ? n_t : 1, sizeof(hln_value));
    g->initializers = (int32_t *)hln_arena_array(&r->m->arena, n_t ? n_t : 1, sizeof(int32_t));
    g->n_nodes = n_ops;
    g->nodes = (hln_node *)hln_arena_array(&r->m->arena, n_ops ? n_ops : 1, sizeof(hln_node));
    if (!g->values || !g->initializers || !g->nodes) return hln_tfl__nomem(r);
    for (i = 0; i < n_t; i++)
        if ((res = hln_tfl__tensor(r, s, i, hln_tfl__elem_table(r->b, tensors, i), g, &g->values[i])) != HLN_OK) return res;
    if ((res = hln_tfl__int_list(r, t, 1, n_t, 0, s, "input", &g->inputs, &g->n_inputs)) != HLN_OK) return res;
    if ((res = hln_tfl__int_list(r, t, 2, n_t, 0, s, "output", &g->outputs, &g->n_outputs)) != HLN_OK) return res;
    for (k = 0; k < n_ops; k++) {
        uint64_t op = hln_tfl__elem_table(r->b, ops, k);
        hln_node *n = &g->nodes[k];
        uint32_t oc = hln_tfl__get_u32(r->b, op, 0, 0);
        char what[48];
        if (oc >= r->n_opcodes)
            return hln_error_set(r->err, HLN_ERR_RANGE, op, "subgraphs", "subgraph %" PRIu32 " operator %" PRIu32 ": opcode_index %" PRIu32 " of %" PRIu32 " operator codes",
                                 s, k, oc, r->n_opcodes);
        n->op_type = r->op_name[oc];
        n->domain = r->op_domain[oc];
        snprintf(what, sizeof what, "operator %" PRIu32 " input", k);
        if ((res = hln_tfl__int_list(r, op, 1, n_t, 1, s, what, &n->inputs, &n->n_inputs)) != HLN_OK) return res;
        snprintf(what, sizeof what, "operator %" PRIu32 " output", k);
        if ((res = hln_tfl__int_list(r, op, 2, n_t, 0, s, what, &n->outputs, &n->n_outputs)) != HLN_OK) return res;
        for (i = 0; i < n->n_outputs; i++)
            if (g->values[n->outputs[i]].producer < 0) g->values[n->outputs[i]].producer = (int32_t)k;
        if ((res = hln_tfl__options(r, op, n)) != HLN_OK) return res;
    }
    return HLN_OK;
}

/* Subgraph calls form a DAG no deeper than HLN_TFLITE_MAX_DEPTH whose expansion (what the
   analysis walks, once per call) stays under HLN_TFLITE_MAX_NODES operators and tensors.
   state: 0 new, 1 on the path, 2 done. Recursion is bounded by the depth cap. */
static hln_result hln_tfl__calls(hln_tfl__rd *r, uint32_t s, uint32_t depth, uint8_t *state, uint64_t *nodes, uint32_t *height) {
    hln_graph *g = &r->graphs[s];
    uint64_t total = (uint64_t)g->n_nodes + g->n_values;   /* the analysis' work and memory per visit */
    uint32_t k, a, h = 0;
    hln_result res;
    if (state[s] == 2) return HLN_OK;
    if (state[s] == 1) return hln_error_set(r->err, HLN_ERR_LAYOUT, 0, "subgraphs", "subgraph %" PRIu32 " calls itself (through WHILE/IF/CALL_ONCE)", s);
    if (depth > HLN_TFLITE_MAX_DEPTH)
        return hln_error_set(r->err, HLN_ERR_LIMIT, 0, "subgraphs", "subgraphs nest deeper than HLN_TFLITE_MAX_DEPTH (%d)", HLN_TFLITE_MAX_DEPTH);
    state[s] = 1;
    for (k = 0; k < g->n_nodes; k++)
        for (a = 0; a < g->nodes[k].n_attrs; a++) {
            const hln_attr *at = &g->nodes[k].attrs[a];
            uint32_t c;
            if (at->type != HLN_ATTR_GRAPH) continue;
            c = (uint32_t)(at->graphs[0] - r->graphs);
            if ((res = hln_tfl__calls(r, c, depth + 1, state, nodes, height)) != HLN_OK) return res;
            total = total + nodes[c] < total ? UINT64_MAX : total + nodes[c];
            if (height[c] + 1 > h) h = height[c] + 1;
        }
    if (depth + h > HLN_TFLITE_MAX_DEPTH)
        return hln_error_set(r->err, HLN_ERR_LIMIT, 0, "subgraphs", "subgraphs nest deeper than HLN_TFLITE_MAX_DEPTH (%d)", HLN_TFLITE_MAX_DEPTH);
    if (total > HLN_TFLITE_MAX_NODES)
        return hln_error_set(r->err, HLN_ERR_LIMIT, 0, "subgraphs", "subgraph %" PRIu32 " expands to more than HLN_TFLITE_MAX_NODES operators and tensors", s);
    state[s] = 2;
    nodes[s] = total;
    height[s] = h;
    return HLN_OK;
}

static hln_result hln_tfl__check_calls(hln_tfl__rd *r) {
    uint8_t *state = (uint8_t *)hln_arena_alloc(&r->m->arena, (size_t)r->n_subgraphs + 1);
    uint64_t *nodes = (uint64_t *)hln_arena_array(&r->m->arena, (uint64_t)r->n_subgraphs + 1, sizeof(uint64_t));
    uint32_t *height = (uint32_t *)hln_arena_array(&r->m->arena, (uint64_t)r->n_subgraphs + 1, sizeof(uint32_t));
    uint32_t s;
    hln_result res;
    if (!state || !nodes || !height) return hln_tfl__nomem(r);
    for (s = 0; s < r->n_subgraphs; s++)
        if ((res = hln_tfl__calls(r, s, 0, state, nodes, height)) != HLN_OK) return res;
    return HLN_OK;
}

/* ---- model facts as metadata ---- */
static hln_kv *hln_tfl__kv(hln_tfl__rd *r, const char *prefix, const char *name, hln_kv_type type) {
    hln_kv *kv = &r->m->kv[r->m->n_kv];
    size_t a = strlen(prefix), b = name ? strlen(name) : 0;
    char *key = (char *)hln_arena_alloc(&r->m->arena, a + b + 1);
    if (!key) return NULL;
    memcpy(key, prefix, a);
    if (b) memcpy(key + a, name, b);
    kv->key = key;
    kv->type = type;
    r->m->n_kv++;
    return kv;
}

/* An ARRAY of STRING kv in the IR's (GGUF) encoding: u64 length, bytes, per element. */
static hln_result hln_tfl__string_array(hln_tfl__rd *r, hln_kv *kv, const char *const *s, uint32_t n) {
    uint64_t total = 0, pos = 0;
    uint32_t i;
    uint8_t *p;
    for (i = 0; i < n; i++) total += 8 + strlen(s[i]);   /* each string lies inside the file */
    if (!(p = (uint8_t *)hln_arena_alloc(&r->m->arena, (size_t)total + 1))) return hln_tfl__nomem(r);
    for (i = 0; i < n; i++) {
        uint64_t len = strlen(s[i]);
        unsigned k;
        for (k = 0; k < 8; k++) p[pos + k] = (uint8_t)(len >> (8 * k));
        memcpy(p + pos + 8, s[i], (size_t)len);
        pos += 8 + len;
    }
    kv->v.a.type = HLN_KV_STRING;
    kv->v.a.count = n;
    kv->v.a.data = p;
    kv->v.a.n_bytes = total;
    kv->v.a.big_endian = 0;
    return HLN_OK;
}

/* TensorMap names of a signature; tensor indices must exist in its subgraph. */
static hln_result hln_tfl__tensor_maps(hln_tfl__rd *r, uint64_t sig, unsigned slot, uint32_t si, hln_kv *kv) {
    uint64_t elems;
    uint32_t n = hln_tfl__get_vec(r->b, sig, slot, &elems), k;
    const char **names = (const char **)hln_arena_array(&r->m->arena, n ? n : 1, sizeof(char *));
    if (!names) return hln_tfl__nomem(r);
    for (k = 0; k < n; k++) {
        uint64_t t = hln_tfl__elem_table(r->b, elems, k);
        const char *name = hln_tfl__get_str(r->b, t, 0, NULL);
        uint32_t ti = hln_tfl__get_u32(r->b, t, 1, 0);
        if (ti >= r->graphs[si].n_values)
            return hln_error_set(r->err, HLN_ERR_RANGE, t, "signature_defs", "tensor_index %" PRIu32 " of %" PRIu32 " tensors in subgraph %" PRIu32 "",
                                 ti, r->graphs[si].n_values, si);
        names[k] = name ? name : "";
    }
    return hln_tfl__string_array(r, kv, names, n);
}

/* A metadata buffer's value: short UTF-8 text as a STRING, anything else as its byte count. */
static hln_result hln_tfl__metadata_value(hln_tfl__rd *r, hln_kv *kv, const hln_tfl__buf *buf) {
    uint64_t n = buf->len, k;
    int text = n <= 256;
    while (n && buf->data[n - 1] == 0) n--;
    for (k = 0; text && k < n; k++) if (buf->data[k] < 0x20 && buf->data[k] != '\n' && buf->data[k] != '\t') text = 0;
    if (text && n && hln_utf8_valid(buf->data, n)) {
        char *s = hln_arena_strndup(&r->m->arena, (const char *)buf->data, (size_t)n);
        if (!s) return hln_tfl__nomem(r);
        kv->v.s.ptr = s;
        kv->v.s.len = n;
        return HLN_OK;
    }
    kv->type = HLN_KV_U64;
    kv->v.u = buf->len;
    return HLN_OK;
}

static hln_result hln_tfl__facts(hln_tfl__rd *r) {
    uint64_t sigs, metas;
    uint32_t n_sig = hln_tfl__get_vec(r->b, r->root, 7, &sigs), n_meta = hln_tfl__get_vec(r->b, r->root, 6, &metas), i;
    const char *desc = hln_tfl__get_str(r->b, r->root, 3, NULL);
    hln_kv *kv;
    hln_result res;
    char prefix[48];
    r->m->kv = (hln_kv *)hln_arena_array(&r->m->arena, 3 + 4 * (uint64_t)n_sig + n_meta, sizeof(hln_kv));
    if (!r->m->kv) return hln_tfl__nomem(r);
    if (desc) {
        if (!(kv = hln_tfl__kv(r, "tflite.description", NULL, HLN_KV_STRING))) return hln_tfl__nomem(r);
        kv->v.s.ptr = desc;
        kv->v.s.len = strlen(desc);
    }
    if (!(kv = hln_tfl__kv(r, "tflite.operator_codes", NULL, HLN_KV_ARRAY))) return hln_tfl__nomem(r);
    if ((res = hln_tfl__string_array(r, kv, r->op_name, r->n_opcodes)) != HLN_OK) return res;
    if (!(kv = hln_tfl__kv(r, "tflite.operator_versions", NULL, HLN_KV_ARRAY))) return hln_tfl__nomem(r);
    kv->v.a.type = HLN_KV_I32;
    kv->v.a.count = r->n_opcodes;
    kv->v.a.data = r->op_version;
    kv->v.a.n_bytes = 4 * (uint64_t)r->n_opcodes;
    for (i = 0; i < n_sig; i++) {
        uint64_t t = hln_tfl__elem_table(r->b, sigs, i);
        const char *key = hln_tfl__get_str(r->b, t, 2, NULL);
        uint32_t si = hln_tfl__get_u32(r->b, t, 4, 0);
        if (si >= r->n_subgraphs)
            return hln_error_set(r->err, HLN_ERR_RANGE, t, "signature_defs", "signature %" PRIu32 ": subgraph_index %" PRIu32 " of %" PRIu32 " subgraphs", i, si, r->n_subgraphs);
        snprintf(prefix, sizeof prefix, "tflite.signature.%" PRIu32 ".", i);
        if (!(kv = hln_tfl__kv(r, prefix, "key", HLN_KV_STRING))) return hln_tfl__nomem(r);
        kv->v.s.ptr = key ? key : "";
        kv->v.s.len = strlen(kv->v.s.ptr);
        if (!(kv = hln_tfl__kv(r, prefix, "subgraph", HLN_KV_U32))) return hln_tfl__nomem(r);
        kv->v.u = si;
        if (!(kv = hln_tfl__kv(r, prefix, "inputs", HLN_KV_ARRAY))) return hln_tfl__nomem(r);
        if ((res = hln_tfl__tensor_maps(r, t, 0, si, kv)) != HLN_OK) return res;
        if (!(kv = hln_tfl__kv(r, prefix, "outputs", HLN_KV_ARRAY))) return hln_tfl__nomem(r);
        if ((res = hln_tfl__tensor_maps(r, t, 1, si, kv)) != HLN_OK) return res;
    }
    for (i = 0; i < n_meta; i++) {
        uint64_t t = hln_tfl__elem_table(r->b, metas, i);
        const char *name = hln_tfl__get_str(r->b, t, 0, NULL);
        uint32_t bi = hln_tfl__get_u32(r->b, t, 1, 0);
        if (bi >= r->n_buffers)
            return hln_error_set(r->err, HLN_ERR_RANGE, t, "metadata", "metadata %" PRIu32 ": buffer %" PRIu32 " of %" PRIu32 " buffers", i, bi, r->n_buffers);
        if (!(kv = hln_tfl__kv(r, "tflite.metadata.", name ? name : "", HLN_KV_STRING))) return hln_tfl__nomem(r);
        if ((res = hln_tfl__metadata_value(r, kv, &r->buffers[bi])) != HLN_OK) return res;
    }
    return HLN_OK;
}

/* Constant tensors over every subgraph, so model->tensors is allocated once. */
static hln_result hln_tfl__count_constants(hln_tfl__rd *r, uint64_t subgraphs, uint32_t *count) {
    uint32_t s, i;
    *count = 0;
    for (s = 0; s < r->n_subgraphs; s++) {
        uint64_t sg = hln_tfl__elem_table(r->b, subgraphs, s), tensors;
        uint32_t n_t = hln_tfl__get_vec(r->b, sg, 0, &tensors);
        for (i = 0; i < n_t; i++) {
            uint32_t bi = hln_tfl__get_u32(r->b, hln_tfl__elem_table(r->b, tensors, i), 2, 0);
            if (bi && bi < r->n_buffers && r->buffers[bi].len) (*count)++;
        }
    }
    return HLN_OK;
}

static hln_result hln_tfl__parse_into(hln_model *m, uint32_t file, hln_error *err) {
    hln_tfl__rd r;
    uint64_t subgraphs;
    uint32_t s, n_const;
    hln_result res;
    memset(&r, 0, sizeof r);
    r.b = m->files[file].data;
    r.size = m->files[file].size;
    r.m = m;
    r.err = err;
    if ((res = hln_tflite_verify(r.b, r.size, err)) != HLN_OK) return res;
    r.root = hln_tfl__u32(r.b, 0);
    m->format = HLN_FORMAT_TFLITE;
    m->version = hln_tfl__get_u32(r.b, r.root, 0, 0);
    if ((res = hln_tfl__opcodes(&r)) != HLN_OK) return res;
    if ((res = hln_tfl__buffers(&r)) != HLN_OK) return res;
    r.n_subgraphs = hln_tfl__get_vec(r.b, r.root, 2, &subgraphs);
    r.graphs = (hln_graph *)hln_arena_array(&m->arena, (uint64_t)r.n_subgraphs + 1, sizeof(hln_graph));
    if (!r.graphs) return hln_tfl__nomem(&r);
    if ((res = hln_tfl__count_constants(&r, subgraphs, &n_const)) != HLN_OK) return res;
    m->tensors = (hln_tensor *)hln_arena_array(&m->arena, (uint64_t)n_const + 1, sizeof(hln_tensor));
    if (!m->tensors) return hln_tfl__nomem(&r);
    m->n_tensors = n_const;
    for (s = 0; s < r.n_subgraphs; s++)
        if ((res = hln_tfl__subgraph(&r, s, hln_tfl__elem_table(r.b, subgraphs, s))) != HLN_OK) return res;
    if ((res = hln_tfl__check_calls(&r)) != HLN_OK) return res;
    if (r.n_subgraphs) {
        m->graph = &r.graphs[0];
        if (r.n_subgraphs > 1) {
            m->graph->n_functions = r.n_subgraphs - 1;
            m->graph->functions = (hln_graph **)hln_arena_array(&m->arena, r.n_subgraphs - 1, sizeof(hln_graph *));
            if (!m->graph->functions) return hln_tfl__nomem(&r);
            for (s = 1; s < r.n_subgraphs; s++) m->graph->functions[s - 1] = &r.graphs[s];
        }
    }
    m->files[file].header_bytes = r.size;
    return hln_tfl__facts(&r);
}

static hln_result hln_tfl__new(const hln_tflite_options *opts, hln_model **out, hln_error *err) {
    if (hln_model_create(opts ? &opts->allocator : NULL, out) != HLN_OK)
        return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory");
    return HLN_OK;
}

HLN_DEF hln_result hln_tflite_parse(const hln_tflite_options *opts, const void *data, uint64_t size,
                                    hln_model **out, hln_error *err) {
    hln_model *m;
    hln_result r;
    *out = NULL;
    if (!data && size) return hln_error_set(err, HLN_ERR_ARG, 0, "", "no data");
    if ((r = hln_tfl__new(opts, &m, err)) != HLN_OK) return r;
    m->files = (hln_file *)hln_arena_alloc(&m->arena, sizeof(hln_file));
    if (!m->files) { hln_model_free(m); return hln_error_set(err, HLN_ERR_NOMEM, 0, "", "out of memory"); }
    m->n_files = 1;
    m->files[0].data = (const uint8_t *)data;
    m->files[0].size = size;
    if ((r = hln_tfl__parse_into(m, 0, err)) != HLN_OK) { hln_model_free(m); return r; }
    *out = m;
    return HLN_OK;
}

#ifndef HLN_NO_STDIO
HLN_DEF hln_result hln_tflite_load_file(const hln_tflite_options *opts, const char *path,
                                        hln_model **out, hln_error *err) {
    const hln_file_io *io = opts ? &opts->io : NULL;
    hln_model *m;
    hln_result r;
    uint32_t idx;
    *out = NULL;
    if ((r = hln_tfl__new(opts, &m, err)) != HLN_OK) return r;
    if ((r = hln_model_map_file(m, io, path, &idx, err)) != HLN_OK) { hln_model_free(m); return r; }
    if ((r = hln_tfl__parse_into(m, idx, err)) != HLN_OK) { hln_model_free(m); return r; }
    *out = m;
    return HLN_OK;
}
#endif

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_TFLITE_IMPLEMENTATION */

/*
   HISTORY
     0.1.0  first release: verifier, Model -> IR, quantization, sparsity, signatures, metadata

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
