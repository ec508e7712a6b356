/* haoline_kernels.h - v0.2 - quantized block formats and their kernels, C99, libc only. MIT license.
 *
 * Part of HaoLine (皓线). Standalone: includes no other HaoLine header.
 *
 * What it does
 *   - Packed block structs for every ggml/GGUF quantization type (Q4_0 ... Q2_0, K-quants,
 *     IQ, TQ, MXFP4, NVFP4) with size checks that hold in C, C++ and CUDA.
 *   - Dequantize any of them (plus F16, BF16, F32) to float, bit-identical to ggml.
 *   - Quantize from float: F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q8_1, Q8_K (byte-identical
 *     to ggml), Q2_K..Q6_K, IQ4_NL, IQ4_XS, TQ1_0, TQ2_0, MXFP4 (own error-minimising search).
 *     Also NF4, FP8 E4M3/E5M2 and GPTQ/AWQ-style int4 groups.
 *   - Dot products and GEMV y = W x with x quantized to ggml's activation type for W (every
 *     ggml weight type with a vec_dot: K, IQ1-4, TQ, MXFP4, NVFP4, Q1_0, Q2_0, F16, BF16...).
 *   - BitNet b1.58: bitnet.cpp's I2_S, int8 absmax activations, absmean ternary weights, W2A8
 *     GEMV, TL1/TL2 lookup-table GEMV, lossless TQ1_0/TQ2_0/I2_S/2-bit conversions.
 *   - A quantized KV cache (Q8_0, Q4_0, U8, NF4; per-token or per-channel groups) with the
 *     attention score and value kernels and its byte cost per token.
 *   - Streaming weight statistics and quantization-error metrics with bounded memory.
 *   Layering: scalar `_ref` functions are the exact oracle; AVX2, AVX-512 (VNNI+VBMI) and NEON paths
 *   are chosen at run time (CPUID on x86; on aarch64 NEON, with SDOT/SMMLA kernels where Linux's
 *   AT_HWCAP/AT_HWCAP2 report them).
 *
 * Usage
 *   #define HAOLINE_KERNELS_IMPLEMENTATION   // in ONE .c file (or HAOLINE_IMPLEMENTATION)
 *   #include "haoline_kernels.h"
 *
 *   float y[4096];
 *   hln_k_dequantize(HLN_K_Q4_K, weight_bytes, y, 4096);
 *
 *   // y = W x for a rows x cols Q4_K matrix:
 *   size_t xq_size = hln_k_row_size(hln_k_vec_dot_type(HLN_K_Q4_K), cols);
 *   void *xq = malloc(xq_size);
 *   hln_k_quantize(hln_k_vec_dot_type(HLN_K_Q4_K), x, xq, cols);
 *   hln_k_gemv(HLN_K_Q4_K, w, rows, cols, xq, y, NULL);   // NULL options: one thread, best path
 *
 * Customisation (define before the implementation)
 *   HLN_K_DEF      linkage of every public function (default extern; HLN_STATIC makes it static)
 *   HLN_STATIC     everything static, so two translation units may each embed a private copy
 *   HLN_API        hook in front of public declarations (e.g. __declspec(dllexport))
 *   HLN_NO_SIMD    scalar code only (no intrinsics headers are included)
 *
 * Limits
 *   Lengths are element counts (int64_t) and must be multiples of the type's block size.
 *   The library allocates nothing, creates no threads, keeps no global mutable state, never
 *   prints and never aborts; every call that can fail returns hln_k_result (0 = HLN_K_OK).
 *   Multithreading is opt-in through a caller-supplied parallel-for callback.
 *   Block pointers need no alignment; multi-byte fields are decoded as little endian.
 *
 * Sources: the block layouts, the reference dequantization arithmetic and the quantizers that
 *   are byte-identical to ggml follow the facts of ggml's reference implementation (ggml-quants.c,
 *   MIT, Copyright (c) 2023-2024 The ggml authors); I2_S/TL1/TL2 follow bitnet.cpp's layouts (MIT,
 *   Microsoft). No code was copied; every layout is checked against ../shared/corpus/quant.
 *
 * License: MIT (see the end of the file).
 */
#ifndef HAOLINE_KERNELS_H
#define HAOLINE_KERNELS_H

#define HAOLINE_KERNELS_VERSION_MAJOR 0
#define HAOLINE_KERNELS_VERSION_MINOR 1
#define HAOLINE_KERNELS_VERSION_PATCH 0

#include <stddef.h>
#include <stdint.h>

#ifndef HLN_API
#define HLN_API
#endif
#ifndef HLN_K_DEF
#ifdef HLN_STATIC
#define HLN_K_DEF static
#else
#define HLN_K_DEF extern HLN_API
#endif
#endif

/* ------------------------------------------------------------------------------------------
 * Block formats. This section compiles as C99, C11, C++ and CUDA; the .cu companion shares it.
 * fp16 fields are raw IEEE binary16 bits (hln_k_half); everything is little endian on disk.
 * ---------------------------------------------------------------------------------------- */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define HLN_K_STATIC_ASSERT(cond, name) static_assert(cond, #name)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define HLN_K_STATIC_ASSERT(cond, name) _Static_assert(cond, #name)
#else
/* C99: a negative array size breaks the build when cond is false. */
#define HLN_K_STATIC_ASSERT(cond, name) typedef char hln_k__assert_##name[(cond) ? 1 : -1]
#endif

typedef uint16_t hln_k_half;  /* IEEE binary16 bits */

#define HLN_K_QK_K 256        /* super-block size of the K, IQ (except IQ4_NL) and TQ types */

typedef struct { hln_k_half d; uint8_t qs[16]; } hln_k_block_q4_0;                       /* 32 */
typedef struct { hln_k_half d, m; uint8_t qs[16]; } hln_k_block_q4_1;                    /* 32 */
typedef struct { hln_k_half d; uint8_t qh[4]; uint8_t qs[16]; } hln_k_block_q5_0;        /* 32 */
typedef struct { hln_k_half d, m; uint8_t qh[4]; uint8_t qs[16]; } hln_k_block_q5_1;     /* 32 */
typedef struct { hln_k_half d; int8_t qs[32]; } hln_k_block_q8_0;                        /* 32 */
typedef struct { hln_k_half d, s; int8_t qs[32]; } hln_k_block_q8_1;    /* s = d * sum(qs)  32 */
typedef struct { uint8_t scales[16]; uint8_t qs[64]; hln_k_half d, dmin; } hln_k_block_q2_K;
typedef struct { uint8_t hmask[32]; uint8_t qs[64]; uint8_t scales[12]; hln_k_half d; } hln_k_block_q3_K;
typedef struct { hln_k_half d, dmin; uint8_t scales[12]; uint8_t qs[128]; } hln_k_block_q4_K;
typedef struct { hln_k_half d, dmin; uint8_t scales[12]; uint8_t qh[32]; uint8_t qs[128]; } hln_k_block_q5_K;
typedef struct { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; hln_k_half d; } hln_k_block_q6_K;
typedef struct { float d; int8_t qs[256]; int16_t bsums[16]; } hln_k_block_q8_K;
typedef struct { hln_k_half d; uint16_t qs[32]; } hln_k_block_iq2_xxs;
typedef struct { hln_k_half d; uint16_t qs[32]; uint8_t scales[8]; } hln_k_block_iq2_xs;
typedef struct { hln_k_half d; uint8_t qs[64]; uint8_t qh[8]; uint8_t scales[8]; } hln_k_block_iq2_s;
typedef struct { hln_k_half d; uint8_t qs[96]; } hln_k_block_iq3_xxs;
typedef struct { hln_k_half d; uint8_t qs[64]; uint8_t qh[8]; uint8_t signs[32]; uint8_t scales[4]; } hln_k_block_iq3_s;
typedef struct { hln_k_half d; uint8_t qs[32]; uint16_t qh[8]; } hln_k_block_iq1_s;
typedef struct { uint8_t qs[32]; uint8_t qh[16]; uint8_t scales[8]; } hln_k_block_iq1_m;    /* 256 */
typedef struct { hln_k_half d; uint8_t qs[16]; } hln_k_block_iq4_nl;                     /* 32 */
typedef struct { hln_k_half d; uint16_t scales_h; uint8_t scales_l[4]; uint8_t qs[128]; } hln_k_block_iq4_xs;
typedef struct { uint8_t qs[48]; uint8_t qh[4]; hln_k_half d; } hln_k_block_tq1_0;       /* 256 */
typedef struct { uint8_t qs[64]; hln_k_half d; } hln_k_block_tq2_0;                      /* 256 */
typedef struct { uint8_t e; uint8_t qs[16]; } hln_k_block_mxfp4;        /* E8M0 scale, 32 */
typedef struct { uint8_t d[4]; uint8_t qs[32]; } hln_k_block_nvfp4;     /* UE4M3 per 16, 64 */
typedef struct { hln_k_half d; uint8_t qs[16]; } hln_k_block_q1_0;                       /* 128 */
typedef struct { hln_k_half d; uint8_t qs[16]; } hln_k_block_q2_0;                       /* 64 */
/* Not ggml: NF4 (QLoRA) blocks of 64 with a float absmax, high nibble first. */
typedef struct { float absmax; uint8_t qs[32]; } hln_k_block_nf4;

HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q4_0) == 18, q4_0);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q4_1) == 20, q4_1);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q5_0) == 22, q5_0);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q5_1) == 24, q5_1);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q8_0) == 34, q8_0);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q8_1) == 36, q8_1);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q2_K) == 84, q2_K);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q3_K) == 110, q3_K);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q4_K) == 144, q4_K);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q5_K) == 176, q5_K);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q6_K) == 210, q6_K);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q8_K) == 292, q8_K);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq2_xxs) == 66, iq2_xxs);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq2_xs) == 74, iq2_xs);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq2_s) == 82, iq2_s);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq3_xxs) == 98, iq3_xxs);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq3_s) == 110, iq3_s);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq1_s) == 50, iq1_s);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq1_m) == 56, iq1_m);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq4_nl) == 18, iq4_nl);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_iq4_xs) == 136, iq4_xs);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_tq1_0) == 54, tq1_0);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_tq2_0) == 66, tq2_0);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_mxfp4) == 17, mxfp4);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_nvfp4) == 36, nvfp4);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q1_0) == 18, q1_0);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_q2_0) == 18, q2_0);
HLN_K_STATIC_ASSERT(sizeof(hln_k_block_nf4) == 36, nf4);

#ifdef __cplusplus
extern "C" {
#endif

/* Type ids are ggml's (and GGUF's) so a reader can pass the file's id straight through. */
typedef enum hln_k_type {
    HLN_K_F32 = 0, HLN_K_F16 = 1, HLN_K_Q4_0 = 2, HLN_K_Q4_1 = 3,
    HLN_K_Q5_0 = 6, HLN_K_Q5_1 = 7, HLN_K_Q8_0 = 8, HLN_K_Q8_1 = 9,
    HLN_K_Q2_K = 10, HLN_K_Q3_K = 11, HLN_K_Q4_K = 12, HLN_K_Q5_K = 13, HLN_K_Q6_K = 14,
    HLN_K_Q8_K = 15, HLN_K_IQ2_XXS = 16, HLN_K_IQ2_XS = 17, HLN_K_IQ3_XXS = 18,
    HLN_K_IQ1_S = 19, HLN_K_IQ4_NL = 20, HLN_K_IQ3_S = 21, HLN_K_IQ2_S = 22, HLN_K_IQ4_XS = 23,
    HLN_K_IQ1_M = 29, HLN_K_BF16 = 30, HLN_K_TQ1_0 = 34, HLN_K_TQ2_0 = 35,
    HLN_K_I2_S = 36, HLN_K_MXFP4 = 39, HLN_K_NVFP4 = 40, HLN_K_Q1_0 = 41, HLN_K_Q2_0 = 42,
    HLN_K_TYPE_COUNT = 43,
    HLN_K_TYPE_NONE = -1
} hln_k_type;

typedef enum hln_k_result {
    HLN_K_OK = 0,
    HLN_K_ERR_TYPE = 1,      /* type unknown, or the operation is not implemented for it */
    HLN_K_ERR_SIZE = 2,      /* length not a multiple of the block size, or negative */
    HLN_K_ERR_PATH = 3,      /* the requested SIMD path is not compiled in or not on this CPU */
    HLN_K_ERR_ARG = 4        /* NULL pointer or out-of-range parameter */
} hln_k_result;

/* Code paths. AUTO picks the best one this CPU runs. AVX512 needs AVX512F/BW/VL, VNNI and VBMI
 * (Ice Lake, Zen 4 and later); a CPU without VBMI (Skylake-X, Cascade Lake) gets AVX2. Forcing
 * a path (hln_k_gemv_options.path, *_path functions) is how a test or benchmark runs AVX2 on an
 * AVX-512 machine. */
typedef enum hln_k_path {
    HLN_K_PATH_AUTO = 0, HLN_K_PATH_REF = 1, HLN_K_PATH_AVX2 = 2, HLN_K_PATH_AVX512 = 3,
    HLN_K_PATH_NEON = 4, HLN_K_PATH_COUNT = 5
} hln_k_path;

typedef struct hln_k_type_traits {
    const char *name;        /* "Q4_K"; NULL for ids that are not a type */
    int block_size;          /* elements per block */
    int type_size;           /* bytes per block */
    int can_quantize;        /* hln_k_quantize supports it */
    hln_k_type vec_dot_type; /* activation type of its dot product, HLN_K_TYPE_NONE if none */
} hln_k_type_traits;

HLN_K_DEF const hln_k_type_traits *hln_k_traits(hln_k_type type);  /* NULL for unknown ids */
HLN_K_DEF const char *hln_k_type_name(hln_k_type type);             /* "?" for unknown ids */
HLN_K_DEF hln_k_type hln_k_type_from_name(const char *name);        /* HLN_K_TYPE_NONE if none */
HLN_K_DEF size_t hln_k_row_size(hln_k_type type, int64_t n);        /* 0 when n is not whole blocks */
HLN_K_DEF hln_k_type hln_k_vec_dot_type(hln_k_type type);
HLN_K_DEF const char *hln_k_result_string(hln_k_result r);

/* Paths. hln_k_path_available says whether this build and this CPU run it. */
HLN_K_DEF int hln_k_path_available(hln_k_path path);
HLN_K_DEF hln_k_path hln_k_best_path(void);
HLN_K_DEF const char *hln_k_path_name(hln_k_path path);  /* "ref", "avx2", "avx512", "neon" */
HLN_K_DEF const char *hln_k_simd_name(void);             /* name of hln_k_best_path() */
/* The path HLN_K_PATH_AUTO runs for the dots and GEMVs of `type` on this CPU: hln_k_best_path()
 * unless the per-CPU table (docs/kernels.md, "Dispatch") measured another one faster there;
 * always a path hln_k_path_available accepts. */
HLN_K_DEF hln_k_path hln_k_gemv_path(hln_k_type type);
/* The CPU class that table knows this CPU as ("zen4"), or "generic". */
HLN_K_DEF const char *hln_k_cpu_class(void);
/* Extensions the NEON path picks kernels by, on this CPU (Linux: AT_HWCAP / AT_HWCAP2; 0 on
 * x86 and where the build cannot target them): SDOT (FEAT_DotProd) for the int8 dots of Q8_0,
 * Q4_0, IQ4_NL, the IQ1-3/FP4/Q1_0/Q2_0 types and W2A8; SMMLA (FEAT_I8MM) for two rows of
 * Q8_0, Q4_0 and IQ4_NL at a time. */
#define HLN_K_CPU_DOTPROD 1u
#define HLN_K_CPU_I8MM 2u
HLN_K_DEF unsigned hln_k_cpu_features(void);

/* Scalars. fp16 and bf16 conversions are exact (subnormals, inf, nan) and round to nearest even. */
HLN_K_DEF float    hln_k_fp16_to_fp32(uint16_t h);
HLN_K_DEF uint16_t hln_k_fp32_to_fp16(float f);
HLN_K_DEF float    hln_k_bf16_to_fp32(uint16_t h);
HLN_K_DEF uint16_t hln_k_fp32_to_bf16(float f);
/* Rows of n floats from one of F32, F16, BF16 to another (little-endian bytes, any alignment,
 * src and dst must not overlap), rounding as the scalars above; every path gives _ref's bits
 * (NaN rules and the rest in docs/kernels.md). HLN_K_ERR_TYPE for any other type. */
HLN_K_DEF hln_k_result hln_k_convert(hln_k_type from, const void *src, hln_k_type to, void *dst, int64_t n);
HLN_K_DEF hln_k_result hln_k_convert_ref(hln_k_type from, const void *src, hln_k_type to, void *dst, int64_t n);
HLN_K_DEF hln_k_result hln_k_convert_path(hln_k_path path, hln_k_type from, const void *src, hln_k_type to, void *dst, int64_t n);
/* FP8 (OCP OFP8). E4M3: bias 7, no infinities, 0x7f/0xff NaN, max 448; encoding rounds to
 * nearest even and saturates to +-448. E5M2: bias 15, IEEE-like with inf; encoding rounds to
 * nearest even and overflows to inf. */
HLN_K_DEF float   hln_k_fp8_e4m3_to_fp32(uint8_t v);
HLN_K_DEF uint8_t hln_k_fp32_to_fp8_e4m3(float f);
HLN_K_DEF float   hln_k_fp8_e5m2_to_fp32(uint8_t v);
HLN_K_DEF uint8_t hln_k_fp32_to_fp8_e5m2(float f);

/* Dequantize n elements (whole blocks) of `type` at src (any alignment) to dst. */
HLN_K_DEF hln_k_result hln_k_dequantize(hln_k_type type, const void *src, float *dst, int64_t n);
HLN_K_DEF hln_k_result hln_k_dequantize_ref(hln_k_type type, const void *src, float *dst, int64_t n);
HLN_K_DEF hln_k_result hln_k_dequantize_path(hln_k_path path, hln_k_type type, const void *src, float *dst, int64_t n);

/* Quantize n floats (whole blocks) to `type`; dst holds hln_k_row_size(type, n) bytes.
 * F16/BF16/Q4_0/Q4_1/Q5_0/Q5_1/Q8_0/Q8_1/Q8_K give ggml's bytes exactly; the other types
 * (Q2_K..Q6_K, IQ4_NL, IQ4_XS, TQ1_0, TQ2_0, MXFP4) use a per-block search that minimises the
 * squared error, so their bytes differ from ggml's while the error is as low or lower. */
HLN_K_DEF hln_k_result hln_k_quantize(hln_k_type type, const float *src, void *dst, int64_t n);
/* The same on a given path (AUTO: the best). The search types run their candidate searches
 * in AVX-512 lanes on that path (the same bytes as REF, the scalar search: docs/kernels.md). */
HLN_K_DEF hln_k_result hln_k_quantize_path(hln_k_path path, hln_k_type type, const float *src, void *dst, int64_t n);
/* Importance-weighted quantization: the search types (Q2_K..Q6_K, IQ4_NL, IQ4_XS, TQ1_0,
 * TQ2_0, MXFP4) minimise sum_j weights[j] (x_j - q_j)^2 instead; weights has n finite, non-
 * negative entries (else HLN_K_ERR_ARG). NULL, or a block whose weights are all equal, gives
 * hln_k_quantize's bytes exactly; a block keeps the unweighted search's bytes when those have the
 * lower weighted error, so the result is never worse than ignoring the weights. The exact types (F16, BF16, Q4_0..Q8_K) ignore the weights:
 * their bytes are ggml's reference bytes. REF and AVX-512 give the same bytes. */
HLN_K_DEF hln_k_result hln_k_quantize_weighted(hln_k_type type, const float *src, const float *weights, void *dst, int64_t n);
HLN_K_DEF int hln_k_quantize_uses_weights(hln_k_type type);   /* 1 for the search types above */
HLN_K_DEF hln_k_result hln_k_quantize_weighted_path(hln_k_path path, hln_k_type type, const float *src, const float *weights,
                                                    void *dst, int64_t n);

/* Dot product of n elements: w in `type`, xq in hln_k_vec_dot_type(type) (Q8_0, Q8_1, Q8_K,
 * F16 or BF16). Supported: F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K..Q6_K, IQ4_NL,
 * IQ4_XS, TQ1_0, TQ2_0. The _ref result is exact integer arithmetic per block accumulated in
 * double; SIMD paths accumulate in float (see docs/kernels.md for the tolerance). */
HLN_K_DEF hln_k_result hln_k_vec_dot(hln_k_type type, int64_t n, const void *w, const void *xq, float *out);
HLN_K_DEF hln_k_result hln_k_vec_dot_ref(hln_k_type type, int64_t n, const void *w, const void *xq, float *out);
HLN_K_DEF hln_k_result hln_k_vec_dot_path(hln_k_path path, hln_k_type type, int64_t n, const void *w, const void *xq, float *out);

/* Optional multithreading: the caller runs task(arg, i) for i in [0, n_tasks), in any order,
 * on any threads, and returns when all are done. */
typedef void (*hln_k_parallel_for)(void *user, int n_tasks, void (*task)(void *arg, int i), void *arg);

typedef struct hln_k_gemv_options {
    hln_k_parallel_for parallel_for; /* NULL: run on the calling thread */
    void *user;                      /* passed to parallel_for */
    int n_tasks;                     /* tasks to split the rows into (0: 1 without callback, 8 with) */
    hln_k_path path;                 /* 0 = AUTO */
} hln_k_gemv_options;

/* y[r] = dot(row r of W, x) for r < rows. W is rows x cols of `type`, rows back to back
 * (row size hln_k_row_size(type, cols)); xq is x quantized with hln_k_quantize to
 * hln_k_vec_dot_type(type). opts may be NULL. */
HLN_K_DEF hln_k_result hln_k_gemv(hln_k_type type, const void *w, int64_t rows, int64_t cols,
                                  const void *xq, float *y, const hln_k_gemv_options *opts);
/* Small batches: Y = W X for n_vec >= 1 activation vectors (2-8 in speculative decoding or
 * small-batch serving), reading W from memory once. xq holds the n_vec vectors back to back,
 * each quantized as for hln_k_gemv (hln_k_row_size(hln_k_vec_dot_type(type), cols) bytes);
 * y[v * rows + r] = dot(row r, vector v), bit-identical to hln_k_gemv of vector v alone. */
HLN_K_DEF hln_k_result hln_k_gemv_multi(hln_k_type type, const void *w, int64_t rows, int64_t cols,
                                        const void *xq, int n_vec, float *y, const hln_k_gemv_options *opts);
/* Row-interleaved layout (Q4_0, IQ4_NL, Q8_0; docs/kernels.md): hln_k_repack rewrites rows x
 * cols of `type` from plain rows into it, hln_k_unpack back (lossless both ways, same size,
 * src and dst must not overlap); hln_k_gemv_repacked is hln_k_gemv on it (on AVX-512 the same
 * bits as hln_k_gemv of the plain rows). */
HLN_K_DEF hln_k_result hln_k_repack(hln_k_type type, const void *src, int64_t rows, int64_t cols, void *dst);
HLN_K_DEF hln_k_result hln_k_unpack(hln_k_type type, const void *src, int64_t rows, int64_t cols, void *dst);
HLN_K_DEF hln_k_result hln_k_gemv_repacked(hln_k_type type, const void *w, int64_t rows, int64_t cols,
                                           const void *xq, float *y, const hln_k_gemv_options *opts);

/* NF4: 64-element blocks, float absmax scale, the 16 NF4 levels (QLoRA). */
HLN_K_DEF hln_k_result hln_k_nf4_quantize(const float *src, hln_k_block_nf4 *dst, int64_t n);
HLN_K_DEF hln_k_result hln_k_nf4_dequantize(const hln_k_block_nf4 *src, float *dst, int64_t n);

/* GPTQ/AWQ-style int4 groups: every group_size elements (a multiple of 8) share a float scale
 * and a 4-bit zero point; q = clamp(round(x / scale) + zero, 0, 15), x' = (q - zero) * scale.
 * Packed 8 nibbles per uint32, element k of a word in bits 4k..4k+3 (GPTQ's qweight order).
 * packed: n/8 words, scales and zeros: n/group_size entries (one zero per byte). */
HLN_K_DEF hln_k_result hln_k_int4_quantize(const float *src, int64_t n, int group_size,
                                           uint32_t *packed, float *scales, uint8_t *zeros);
HLN_K_DEF hln_k_result hln_k_int4_dequantize(const uint32_t *packed, const float *scales,
                                             const uint8_t *zeros, int64_t n, int group_size, float *dst);

/* ---- BitNet b1.58 ternary weights, int8 activations (W2A8) ----
 * I2_S is bitnet.cpp's format (ggml type id 36 in its llama.cpp fork, HLN_K_I2_S): codes
 * 0, 1, 2 = -1, 0, +1, four per byte, in blocks of 128 values (32 bytes; value j of a block in
 * byte j % 32, bits 6 - 2 (j / 32)), then ONE float scale for the whole tensor at byte n / 4,
 * the tensor padded to n / 4 + 32 bytes. hln_k_dequantize(HLN_K_I2_S, ...) gives the trits
 * (scale 1); hln_k_i2s_scale reads the scale. A matrix is rows of cols / 4 bytes, then the scale.
 * Activations: int8 per token with an absmax scale, x ~ q * x_scale. */
#define HLN_K_I2S_TAIL 32
HLN_K_DEF size_t hln_k_i2s_size(int64_t n);                   /* n / 4 + 32; 0 unless whole blocks */
HLN_K_DEF float hln_k_i2s_scale(const void *i2s, int64_t n);  /* the float at byte n / 4 */
/* x_scale = max|x| / 127, q = round(x / x_scale) in [-127, 127] (all zero: scale 0). */
HLN_K_DEF hln_k_result hln_k_act_quantize_i8(const float *x, int64_t n, int8_t *q, float *x_scale);
/* BitNet absmean: scale = mean|w|, t = clamp(round(w / scale), -1, 1) (all zero: scale 0). */
HLN_K_DEF hln_k_result hln_k_absmean_ternary(const float *w, int64_t n, int8_t *t, float *scale);

/* Lossless conversions. n must be a multiple of 256. TQ1_0/TQ2_0 carry an fp16 scale per 256
 * values, I2_S one float per tensor (above), PACKED2 is the plain layout: code t + 1 of value i
 * at bits 2 (i % 4) of byte i / 4, then one float scale (n / 4 + 4 bytes). A conversion that
 * would lose information fails with HLN_K_ERR_ARG: TQ blocks with different scales into a
 * per-tensor format, a float scale that is not an exact fp16 into TQ, a code 3 (TQ2_0's "2",
 * or an invalid I2_S code) anywhere. */
typedef enum hln_k_ternary_format {
    HLN_K_TERNARY_TQ1_0 = 0, HLN_K_TERNARY_TQ2_0 = 1, HLN_K_TERNARY_I2_S = 2, HLN_K_TERNARY_PACKED2 = 3
} hln_k_ternary_format;
HLN_K_DEF size_t hln_k_ternary_size(hln_k_ternary_format f, int64_t n);
HLN_K_DEF hln_k_result hln_k_ternary_pack(hln_k_ternary_format f, const int8_t *trits, float scale, int64_t n, void *dst);
HLN_K_DEF hln_k_result hln_k_ternary_unpack(hln_k_ternary_format f, const void *src, int64_t n, int8_t *trits, float *scale);
HLN_K_DEF hln_k_result hln_k_ternary_convert(hln_k_ternary_format from, const void *src, hln_k_ternary_format to, void *dst, int64_t n);

/* y = (w_scale * x_scale) * W t for an I2_S matrix (w: hln_k_i2s_size(rows * cols) bytes,
 * cols a multiple of 128) and int8 activations: the integer sum per row is exact on every
 * path, so every path returns the same bits. cols < 2^24. */
HLN_K_DEF hln_k_result hln_k_i2s_gemv(const void *w, int64_t rows, int64_t cols, const int8_t *xq, float x_scale,
                                      float *y, const hln_k_gemv_options *opts);

/* Lookup-table GEMV (the method of bitnet.cpp's TL1/TL2 kernels; the byte layout is HaoLine's,
 * see docs/kernels.md). TL1 takes weights in pairs (9 combinations, a 4-bit index, 2 bits a
 * weight), TL2 in triples (27 combinations as a 4-bit index of 14 magnitudes and a sign bit,
 * 1.67 bits a weight). Rows are packed in tiles of 32. The activation tables (int16 sums of the
 * int8 activations for every combination, split in a low and a high byte plane) are built once
 * per activation vector with hln_k_tl_tables and serve every matrix that multiplies it. Results
 * equal hln_k_i2s_gemv's bits for the same trits and scales. cols (< 2^24) need not be a
 * multiple of 2 or 3. */
typedef enum hln_k_tl_kind { HLN_K_TL1 = 1, HLN_K_TL2 = 2 } hln_k_tl_kind;
HLN_K_DEF size_t hln_k_tl_weight_size(hln_k_tl_kind kind, int64_t rows, int64_t cols);
HLN_K_DEF size_t hln_k_tl_table_size(hln_k_tl_kind kind, int64_t cols);
HLN_K_DEF hln_k_result hln_k_tl_pack(hln_k_tl_kind kind, const int8_t *trits, int64_t rows, int64_t cols, void *dst);
HLN_K_DEF hln_k_result hln_k_tl_tables(hln_k_tl_kind kind, const int8_t *xq, int64_t cols, void *tables);
HLN_K_DEF hln_k_result hln_k_tl_gemv(hln_k_tl_kind kind, const void *w, float w_scale, int64_t rows, int64_t cols,
                                     const void *tables, float x_scale, float *y, const hln_k_gemv_options *opts);

/* ---- Quantized KV cache ----
 * One hln_k_kv holds the K (or the V) rows of one layer: `dim` values per token (one head or
 * all heads of the layer), appended one token at a time and quantized on append. Formats:
 * Q8_0 (int8, scale absmax / 127), Q4_0 (4-bit, ggml's signed scale max / -8, codes - 8), U8
 * (8-bit affine: scale and min), NF4 (the 16 QLoRA levels times absmax). Scales are fp16.
 * PER_TOKEN: each token's row is cut in groups of group_size channels, one scale each.
 * PER_CHANNEL (KIVI-style keys): each channel has one scale per group_size tokens; the tokens
 * of an unfinished group wait in float in a staging area and are quantized together when
 * the group fills. Scores and weighted sums read both. The library allocates nothing: the
 * caller gives hln_k_kv_size bytes to hln_k_kv_init. */
#define HLN_K_KV_MAX_GROUP 1024   /* the largest group_size */
typedef enum hln_k_kv_format { HLN_K_KV_Q8_0 = 0, HLN_K_KV_Q4_0 = 1, HLN_K_KV_U8 = 2, HLN_K_KV_NF4 = 3 } hln_k_kv_format;
typedef enum hln_k_kv_axis { HLN_K_KV_PER_TOKEN = 0, HLN_K_KV_PER_CHANNEL = 1 } hln_k_kv_axis;
typedef struct hln_k_kv_config {
    hln_k_kv_format format;
    hln_k_kv_axis axis;
    int dim;          /* values per token */
    int group_size;   /* PER_TOKEN: channels per scale (even, divides dim); PER_CHANNEL: tokens per scale (even) */
} hln_k_kv_config;
typedef struct hln_k_kv {
    hln_k_kv_config cfg;
    uint8_t *data;    /* quantized tokens (PER_CHANNEL: whole groups) */
    float *staging;   /* PER_CHANNEL: the group being filled, group_size x dim floats */
    int64_t max_tokens, n_tokens;
} hln_k_kv;
/* Bytes a token costs in the quantized store, scales included (PER_CHANNEL: amortised over the
 * group, as a double); 0 for an invalid config. This is what a deployment planner multiplies
 * by context length, layers and 2 (K and V). */
HLN_K_DEF double hln_k_kv_bytes_per_token(const hln_k_kv_config *c);
HLN_K_DEF size_t hln_k_kv_fixed_bytes(const hln_k_kv_config *c);   /* the PER_CHANNEL staging area; 0 per token */
HLN_K_DEF size_t hln_k_kv_size(const hln_k_kv_config *c, int64_t max_tokens);  /* 0: invalid or too large */
HLN_K_DEF hln_k_result hln_k_kv_init(hln_k_kv *kv, const hln_k_kv_config *c, void *buffer, size_t size, int64_t max_tokens);
HLN_K_DEF hln_k_result hln_k_kv_append(hln_k_kv *kv, const float *row);   /* HLN_K_ERR_SIZE when full */
HLN_K_DEF hln_k_result hln_k_kv_get(const hln_k_kv *kv, int64_t t, float *row);   /* token t as stored */
/* scores[t] = q . K_t for t < n_tokens (q has dim values) */
HLN_K_DEF hln_k_result hln_k_kv_scores(const hln_k_kv *kv, const float *q, float *scores);
/* out[c] = sum_t p[t] V_t[c] for t < n_tokens (p: softmax weights) */
HLN_K_DEF hln_k_result hln_k_kv_weighted_sum(const hln_k_kv *kv, const float *p, float *out);

/* ---- Statistics (streaming, bounded memory) ----
 * Pass 1: hln_k_stats_init, hln_k_stats_feed per chunk, hln_k_stats_finish: count, min, max,
 * mean, std (Welford, merged per chunk in double), nan/inf/zero counts.
 * Pass 2 (optional; needs pass 1's min/max/mean/std): hln_k_hist_init(&h, &stats, bins, k),
 * hln_k_hist_feed per chunk: a histogram of `bins` (<= HLN_K_HIST_MAX_BINS) equal bins over
 * [min, max] (max falls in the last bin) and the count of outliers |x - mean| > k * std
 * (k = 0 means 3). Non-finite values are skipped by both passes. */
#define HLN_K_HIST_MAX_BINS 256

typedef struct hln_k_stats {
    uint64_t count;           /* finite values seen */
    uint64_t nan_count, inf_count, zero_count;
    double min, max, mean, m2; /* m2: sum of squared deviations (Welford) */
    double std;               /* population std, set by hln_k_stats_finish */
    double abs_max;
} hln_k_stats;

typedef struct hln_k_hist {
    int bins;
    double min, max, mean, std, k;
    uint64_t counts[HLN_K_HIST_MAX_BINS];
    uint64_t outliers;
} hln_k_hist;

HLN_K_DEF void hln_k_stats_init(hln_k_stats *s);
HLN_K_DEF void hln_k_stats_feed(hln_k_stats *s, const float *x, int64_t n);
HLN_K_DEF void hln_k_stats_finish(hln_k_stats *s);
HLN_K_DEF hln_k_result hln_k_hist_init(hln_k_hist *h, const hln_k_stats *s, int bins, double k);
HLN_K_DEF void hln_k_hist_feed(hln_k_hist *h, const float *x, int64_t n);

/* Error of an approximation against a float source, streamed chunk by chunk. The sums are
 * kept in 8 lanes by element index (mod 8), each lane added in order, so the result does not
 * depend on how the stream is cut into chunks nor on the SIMD path; hln_k_error_finish folds
 * the lanes into the sum_* fields. */
#define HLN_K_ERROR_LANES 8
typedef struct hln_k_error {
    uint64_t count;
    double sum_sq_err, max_abs_err, sum_sq_ref, sum_sq_approx, sum_ref_approx;
    /* filled by hln_k_error_finish: */
    double rmse, snr_db, cosine;  /* snr_db: 10 log10(sum ref^2 / sum err^2), inf if no error */
    double lanes[4][HLN_K_ERROR_LANES];   /* err^2, ref^2, approx^2, ref*approx: not yet in sum_* */
} hln_k_error;

HLN_K_DEF void hln_k_error_init(hln_k_error *e);
HLN_K_DEF void hln_k_error_feed(hln_k_error *e, const float *ref, const float *approx, int64_t n);
HLN_K_DEF void hln_k_error_finish(hln_k_error *e);
/* Quantizes src to `type` and back in chunks of 256 (stack memory only) and feeds e.
 * n must be whole blocks; the type must be quantizable (or F32). */
HLN_K_DEF hln_k_result hln_k_quant_error(hln_k_type type, const float *src, int64_t n, hln_k_error *e);

/* Optional CUDA companion, defined in haoline_kernels.cu (link it to use these). Pointers are
 * device pointers, stream is a cudaStream_t (NULL: the default stream); the call is
 * asynchronous. Types: Q4_0, Q8_0, Q4_K, Q6_K, TQ2_0. Returns 0, HLN_K_ERR_* (as int), or
 * 1000 + the cudaError_t of a failed launch. Dequantization is bit-identical to the CPU. */
extern int hln_k_cuda_dequantize(hln_k_type type, const void *src, float *dst, int64_t n, void *stream);
extern int hln_k_cuda_gemv(hln_k_type type, const void *w, int64_t rows, int64_t cols, const void *xq, float *y, void *stream);

#ifdef __cplusplus
}
#endif
#endif /* HAOLINE_KERNELS_H */

/* ==========================================================================================
 * Implementation
 * ======================================================================================== */
#if (defined(HAOLINE_KERNELS_IMPLEMENTATION) || defined(HAOLINE_IMPLEMENTATION)) && !defined(HAOLINE_KERNELS_IMPLEMENTED)
#define HAOLINE_KERNELS_IMPLEMENTED

#include <string.h>

/* Bit-exactness with ggml needs a*b+c rounded twice: forbid fused multiply-add contraction
 * (GCC contracts across statements and even across intrinsics when FMA is enabled). */
#if defined(__GNUC__) && !defined(__clang__) && !defined(__CUDACC__)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
#define HLN_K__POP_OPTIONS 1
#endif
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#if !defined(HLN_NO_SIMD) && !defined(__CUDACC__)
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define HLN_K__X86 1
#include <immintrin.h>
#define HLN_K__AVX2 __attribute__((target("avx2,fma,f16c")))
#define HLN_K__AVX512 __attribute__((target("avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni,avx512vbmi")))
#if (defined(__clang__) && __clang_major__ >= 12) || (!defined(__clang__) && __GNUC__ >= 11)
#define HLN_K__AVXVNNI __attribute__((target("avx2,fma,f16c,avxvnni")))   /* 256-bit vpdpbusd, no AVX-512 */
#endif
#elif defined(__aarch64__) && defined(__ARM_NEON)
#define HLN_K__NEON 1
#include <arm_neon.h>
/* dotprod (SDOT) and i8mm (SMMLA) kernels, compiled with target attributes and chosen at run
 * time from the Linux auxiliary vector; elsewhere only when the build targets them anyway. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 10
#define HLN_K__NEON_DP __attribute__((target("arch=armv8.2-a+dotprod")))
#define HLN_K__NEON_MM __attribute__((target("arch=armv8.2-a+dotprod+i8mm")))
#if defined(__linux__)
#include <sys/auxv.h>
#define HLN_K__HWCAP 1
#endif
#elif defined(__ARM_FEATURE_DOTPROD)   /* clang's arm_neon.h needs the features at build time */
#define HLN_K__NEON_DP
#if defined(__ARM_FEATURE_MATMUL_INT8)
#define HLN_K__NEON_MM
#endif
#endif
#endif
#endif

#ifdef HLN_STATIC
#if defined(__GNUC__) || defined(__clang__)
#define HLN_K__UNUSED __attribute__((unused))
#endif
#endif
#ifndef HLN_K__UNUSED
#define HLN_K__UNUSED
#endif

typedef unsigned char hln_k__u8;

/* ---- little-endian loads and stores (any alignment, any host byte order) ---- */
static uint16_t hln_k__ld16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t hln_k__ld32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static float hln_k__ldf(const uint8_t *p) { uint32_t u = hln_k__ld32(p); float f; memcpy(&f, &u, 4); return f; }
static void hln_k__st16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void hln_k__st32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static void hln_k__stf(uint8_t *p, float f) { uint32_t u; memcpy(&u, &f, 4); hln_k__st32(p, u); }
static uint32_t hln_k__fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float hln_k__bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

#define HLN_K__OFF(T, field) offsetof(T, field)
#define HLN_K__H(p, T, field) hln_k_fp16_to_fp32(hln_k__ld16((p) + offsetof(T, field)))

/* ---- scalar math without libm (the static aarch64 test build links no -lm) ---- */
static float hln_k__fabsf(float x) { return hln_k__bitsf(hln_k__fbits(x) & 0x7fffffffu); }
static int hln_k__isfinite(float x) { return (hln_k__fbits(x) & 0x7f800000u) != 0x7f800000u; }
/* Round half away from zero, like roundf, for |x| < 2^31. */
static float hln_k__roundf(float x) {
    float t = (float)(int32_t)x, diff = x - t;
    if (diff >= 0.5f) t += 1.0f;
    else if (diff <= -0.5f) t -= 1.0f;
    return t;
}
/* Round half to even for |x| < 2^22 (the 1.5 * 2^23 trick). */
static int hln_k__nearest(float x) {
    float v = x + 12582912.0f;
    int32_t i; memcpy(&i, &v, 4);
    return (i & 0x007fffff) - 0x00400000;
}
static double hln_k__sqrt(double x) {
    double y; uint64_t u; int i;
    if (!(x > 0.0)) return 0.0;
    if (x > 1.7976931348623157e308) return x;
    memcpy(&u, &x, 8);
    u = (u >> 1) + ((uint64_t)0x1ff8 << 48);  /* halves the exponent: a close first guess */
    memcpy(&y, &u, 8);
    for (i = 0; i < 6; i++) y = 0.5 * (y + x / y);
    return y;
}
static double hln_k__log10(double x) {
    uint64_t u; int e; double m, t, t2, term, sum; int k;
    if (!(x > 0.0)) return -1.0 / 0.0 * (x == 0.0 ? 1.0 : 0.0);
    memcpy(&u, &x, 8);
    e = (int)((u >> 52) & 0x7ff);
    if (e == 0) { x *= 18014398509481984.0; memcpy(&u, &x, 8); e = (int)((u >> 52) & 0x7ff) - 54; }
    if (e == 0x7ff) return x;
    e -= 1023;
    u = (u & 0x000fffffffffffffull) | 0x3ff0000000000000ull;
    memcpy(&m, &u, 8);                       /* m in [1, 2) */
    t = (m - 1.0) / (m + 1.0); t2 = t * t;   /* ln m = 2 atanh t, t <= 1/3 */
    term = t; sum = 0.0;
    for (k = 1; k < 60; k += 2) { sum += term / k; term *= t2; }
    return (2.0 * sum + e * 0.69314718055994530942) * 0.43429448190325182765;
}

/* ---- fp16 / bf16 / fp8 ---- */
/* On bits, so a NaN never passes through a float register (x87 would quiet it). */
static uint32_t hln_k__fp16_bits(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
    if (exp == 0x1f) return sign | 0x7f800000u | (mant << 13);
    if (exp != 0) return sign | ((exp + 112u) << 23) | (mant << 13);
    if (mant == 0) return sign;
    {
        uint32_t e = 113;                   /* normalise the subnormal: value = mant * 2^-24 */
        while (!(mant & 0x400u)) { mant <<= 1; e--; }
        return sign | (e << 23) | ((mant & 0x3ffu) << 13);
    }
}
static uint16_t hln_k__fp16_from_bits(uint32_t u) {
    uint32_t sign = (u >> 16) & 0x8000u, au = u & 0x7fffffffu;
    if (au > 0x7f800000u) return (uint16_t)(sign | 0x7e00u);          /* NaN: canonical quiet */
    if (au >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u);         /* rounds to inf */
    if (au < 0x38800000u) {                                            /* fp16 subnormal or 0 */
        uint32_t mant, shift, q, rem, half;
        if (au <= 0x33000000u) return (uint16_t)sign;                  /* <= 2^-25: ties to 0 */
        mant = (au & 0x7fffffu) | 0x800000u;
        shift = 126u - (au >> 23);
        q = mant >> shift; rem = mant & ((1u << shift) - 1u); half = 1u << (shift - 1u);
        if (rem > half || (rem == half && (q & 1u))) q++;
        return (uint16_t)(sign | q);
    }
    return (uint16_t)(sign | ((au + 0xfffu + ((au >> 13) & 1u) - (112u << 23)) >> 13));
}
static uint16_t hln_k__bf16_from_bits(uint32_t u) {
    if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 64u);  /* quiet the NaN */
    return (uint16_t)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}
HLN_K_DEF HLN_K__UNUSED float hln_k_fp16_to_fp32(uint16_t h) { return hln_k__bitsf(hln_k__fp16_bits(h)); }
HLN_K_DEF HLN_K__UNUSED uint16_t hln_k_fp32_to_fp16(float f) { return hln_k__fp16_from_bits(hln_k__fbits(f)); }
HLN_K_DEF HLN_K__UNUSED float hln_k_bf16_to_fp32(uint16_t h) { return hln_k__bitsf((uint32_t)h << 16); }
HLN_K_DEF HLN_K__UNUSED uint16_t hln_k_fp32_to_bf16(float f) { return hln_k__bf16_from_bits(hln_k__fbits(f)); }
/* Generic small-float decode: e exponent bits, m mantissa bits, bias. */
static float hln_k__fp8_decode(uint8_t v, int ebits, int mbits, int bias) {
    int sign = v >> 7, exp = (v >> mbits) & ((1 << ebits) - 1), mant = v & ((1 << mbits) - 1);
    float r;
    if (exp == 0) r = (float)mant / (float)(1 << mbits) * hln_k__bitsf((uint32_t)(128 - bias) << 23);
    else r = (1.0f + (float)mant / (float)(1 << mbits)) * hln_k__bitsf((uint32_t)(127 + exp - bias) << 23);
    return sign ? -r : r;
}
HLN_K_DEF HLN_K__UNUSED float hln_k_fp8_e4m3_to_fp32(uint8_t v) {
    if ((v & 0x7f) == 0x7f) return hln_k__bitsf(0x7fc00000u | ((uint32_t)(v & 0x80) << 24));
    return hln_k__fp8_decode(v, 4, 3, 7);
}
HLN_K_DEF HLN_K__UNUSED float hln_k_fp8_e5m2_to_fp32(uint8_t v) {
    return hln_k_fp16_to_fp32((uint16_t)(v << 8));  /* E5M2 is the top byte of binary16 */
}
/* Round to nearest even onto a grid of `mbits` mantissa bits, min normal exponent emin. Returns
 * the magnitude code (exp << mbits | mant), possibly one past the largest finite code. */
static uint32_t hln_k__fp8_encode_mag(float a, int mbits, int bias) {
    uint32_t u = hln_k__fbits(a), q, rem, half, shift;
    int e = (int)(u >> 23) - 127;                  /* a is finite, > 0 */
    uint32_t mant = (u & 0x7fffffu) | 0x800000u;
    int emin = 1 - bias;
    if (e < emin) {                                 /* subnormal in the target */
        int s = 23 - mbits + (emin - e);
        if (s > 31) return 0;
        shift = (uint32_t)s;
        q = mant >> shift; rem = mant & ((1u << shift) - 1u); half = 1u << (shift - 1u);
        if (rem > half || (rem == half && (q & 1u))) q++;
        return q;                                   /* q == 1 << mbits is the min normal: fine */
    }
    shift = (uint32_t)(23 - mbits);
    q = mant >> shift; rem = mant & ((1u << shift) - 1u); half = 1u << (shift - 1u);
    if (rem > half || (rem == half && (q & 1u))) q++;
    /* q in [2^mbits, 2^(mbits+1)]; fold the implicit bit into the exponent field */
    return ((uint32_t)(e - emin + 1) << mbits) + (q - (1u << mbits));
}
HLN_K_DEF HLN_K__UNUSED uint8_t hln_k_fp32_to_fp8_e4m3(float f) {
    uint32_t u = hln_k__fbits(f), sign = (u >> 24) & 0x80u, code;
    float a = hln_k__fabsf(f);
    if (a != a) return (uint8_t)(sign | 0x7f);
    if (a >= 448.0f) return (uint8_t)(sign | 0x7e);      /* saturate (inf too) */
    if (a == 0.0f) return (uint8_t)sign;
    code = hln_k__fp8_encode_mag(a, 3, 7);
    if (code > 0x7e) code = 0x7e;
    return (uint8_t)(sign | code);
}
HLN_K_DEF HLN_K__UNUSED uint8_t hln_k_fp32_to_fp8_e5m2(float f) {
    uint32_t u = hln_k__fbits(f), sign = (u >> 24) & 0x80u, code;
    float a = hln_k__fabsf(f);
    if (a != a) return (uint8_t)(sign | 0x7e);
    if (a == 0.0f) return (uint8_t)sign;
    if (!hln_k__isfinite(a)) return (uint8_t)(sign | 0x7c);
    code = hln_k__fp8_encode_mag(a, 2, 15);
    if (code >= 0x7c) code = 0x7c;                         /* overflow: inf */
    return (uint8_t)(sign | code);
}
/* MXFP4 scale: E8M0, stored halved because the fp4 table is doubled: 2^(e - 128). */
static float hln_k__e8m0_half(uint8_t e) {
    return hln_k__bitsf(e >= 2 ? (uint32_t)(e - 1) << 23 : (e == 1 ? 0x00400000u : 0x00200000u));
}
/* NVFP4 scale: unsigned E4M3 (bias 7). */
static float hln_k__ue4m3(uint8_t v) {
    if (v == 0x7f || v == 0xff) return 0.0f;
    return hln_k__fp8_decode((uint8_t)(v & 0x7f), 4, 3, 7);
}
/* ksigns: 7 sign bits plus an 8th that makes the count of set bits even. */
static uint8_t hln_k__ksigns(uint32_t i) {
    uint32_t p = i ^ (i >> 4); p ^= p >> 2; p ^= p >> 1;
    return (uint8_t)((i & 127u) | ((p & 1u) << 7));
}

/* ---- lookup tables (static const data, figures taken from ggml-common.h) ---- */
static const int8_t hln_k__iq4nl_values[16] = { -127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113 };
static const int8_t hln_k__fp4_values[16] = { 0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12 }; /* e2m1 x 2 */
static const float hln_k__nf4_values[16] = {
    -1.0f, -0.6961928009986877f, -0.5250730514526367f, -0.39491748809814453f,
    -0.28444138169288635f, -0.18477343022823334f, -0.09105003625154495f, 0.0f,
    0.07958029955625534f, 0.16093020141124725f, 0.24611230194568634f, 0.33791524171829224f,
    0.44070982933044434f, 0.5626170039176941f, 0.7229568362236023f, 1.0f };
static const uint8_t hln_k__iq2_levels[3] = { 8, 25, 43 };
static const uint8_t hln_k__iq3xxs_levels[8] = { 4, 12, 20, 28, 36, 44, 52, 62 };
/* iq2xxs_grid: 8 magnitudes per entry, 2 bits each (element k at bits 2k) indexing {8, 25, 43} */
static const uint16_t hln_k__iq2xxs_grid[256] = {
    0x0000,0x0002,0x0005,0x0008,0x000a,0x0011,0x0014,0x0020,0x0022,0x0028,0x002a,0x0041,
    0x0044,0x0050,0x0058,0x0061,0x0064,0x0080,0x0082,0x008a,0x00a2,0x0101,0x0104,0x0110,
    0x0115,0x0140,0x0184,0x0198,0x0200,0x0202,0x0222,0x0282,0x0401,0x0404,0x0410,0x0421,
    0x0424,0x0440,0x0442,0x0448,0x0460,0x0481,0x0484,0x0490,0x04a4,0x0500,0x0502,0x0508,
    0x0520,0x0546,0x0569,0x0580,0x0591,0x0609,0x0610,0x0640,0x0684,0x06a4,0x0800,0x0805,
    0x0808,0x0814,0x0828,0x0841,0x0844,0x0850,0x0852,0x0888,0x0904,0x0940,0x0a02,0x0a14,
    0x1001,0x1004,0x1010,0x1021,0x1040,0x1060,0x1084,0x1090,0x1095,0x1100,0x1108,0x1120,
    0x1150,0x115a,0x1180,0x1224,0x1245,0x1400,0x1408,0x1420,0x1425,0x1449,0x1480,0x1518,
    0x1562,0x1600,0x1616,0x1801,0x1804,0x1810,0x1840,0x1881,0x1900,0x1905,0x19a0,0x1a51,
    0x2000,0x2002,0x200a,0x2044,0x2061,0x2080,0x2082,0x2129,0x2148,0x2200,0x2202,0x2401,
    0x2404,0x2410,0x2440,0x2456,0x2500,0x2541,0x2564,0x2690,0x2808,0x2820,0x2894,0x2a44,
    0x4001,0x4004,0x4010,0x4018,0x4021,0x4024,0x4040,0x4048,0x4056,0x4060,0x4081,0x4084,
    0x4090,0x4100,0x4120,0x4161,0x4180,0x4185,0x4201,0x4210,0x4248,0x4256,0x4268,0x4400,
    0x4408,0x4420,0x4480,0x4499,0x4512,0x4524,0x4600,0x4801,0x4804,0x4810,0x4840,0x4845,
    0x4900,0x4958,0x4961,0x4982,0x4a45,0x4a90,0x5000,0x5008,0x5011,0x5019,0x5020,0x5080,
    0x5088,0x5104,0x5142,0x51a4,0x5291,0x5490,0x5492,0x550a,0x5601,0x5654,0x5800,0x5811,
    0x5819,0x5864,0x5940,0x5a08,0x6004,0x6010,0x6040,0x6068,0x6100,0x6155,0x6218,0x6260,
    0x6400,0x6405,0x6510,0x6512,0x6584,0x6842,0x8000,0x8002,0x800a,0x8041,0x8082,0x8104,
    0x8118,0x8140,0x8211,0x8401,0x8404,0x8410,0x8415,0x8440,0x8460,0x8500,0x8546,0x8594,
    0x8609,0x8640,0x8660,0x8802,0x8904,0x8a11,0x9004,0x9010,0x9024,0x9040,0x90a1,0x9116,
    0x9180,0x9245,0x9400,0x9422,0x9444,0x9551,0x9881,0x9920,0xa002,0xa050,0xa085,0xa109,
    0xa200,0xa418,0xa850,0xa904,
};
/* iq2xs_grid: 8 magnitudes per entry, 2 bits each (element k at bits 2k) indexing {8, 25, 43} */
static const uint16_t hln_k__iq2xs_grid[512] = {
    0x0000,0x0002,0x0005,0x0008,0x000a,0x0011,0x0014,0x0016,0x0019,0x0020,0x0022,0x0025,
    0x0028,0x0041,0x0044,0x0046,0x0049,0x0050,0x0052,0x0055,0x0058,0x0061,0x0064,0x0080,
    0x0082,0x0085,0x0088,0x0091,0x0094,0x0099,0x00a0,0x0101,0x0104,0x0106,0x0109,0x0110,
    0x0112,0x0115,0x0118,0x011a,0x0121,0x0124,0x0140,0x0142,0x0145,0x0148,0x0151,0x0154,
    0x0160,0x0168,0x0181,0x0184,0x0190,0x0200,0x0202,0x0205,0x0208,0x0211,0x0214,0x0220,
    0x0241,0x0244,0x0250,0x0255,0x0280,0x028a,0x0401,0x0404,0x0406,0x0409,0x0410,0x0412,
    0x0415,0x0418,0x0421,0x0424,0x0440,0x0442,0x0445,0x0448,0x0451,0x0454,0x0456,0x0460,
    0x0481,0x0484,0x0490,0x0500,0x0502,0x0505,0x0508,0x0511,0x0514,0x0520,0x0541,0x0544,
    0x0550,0x0561,0x0580,0x0601,0x0604,0x0610,0x0626,0x0640,0x0642,0x0684,0x0800,0x0802,
    0x0805,0x0808,0x080a,0x0811,0x0814,0x0820,0x0825,0x0841,0x0844,0x0850,0x0858,0x0880,
    0x08a0,0x08aa,0x0901,0x0904,0x0910,0x0940,0x0981,0x0989,0x0a00,0x0a20,0x0a28,0x0a96,
    0x0aa0,0x1001,0x1004,0x1006,0x1009,0x1010,0x1012,0x1015,0x1018,0x1021,0x1024,0x1040,
    0x1042,0x1045,0x1048,0x1051,0x1054,0x1060,0x106a,0x1081,0x1084,0x1090,0x1100,0x1102,
    0x1105,0x1108,0x1111,0x1114,0x1120,0x1141,0x1144,0x1150,0x1180,0x1194,0x1196,0x1201,
    0x1204,0x1206,0x1210,0x1240,0x1260,0x1400,0x1402,0x1405,0x1408,0x1411,0x1414,0x1420,
    0x1441,0x1444,0x1449,0x1450,0x1464,0x1480,0x1501,0x1504,0x1510,0x1540,0x1600,0x1614,
    0x1649,0x1801,0x1804,0x1810,0x1812,0x1840,0x1854,0x1886,0x1900,0x1905,0x1966,0x1a51,
    0x1aa9,0x2000,0x2002,0x2005,0x2008,0x200a,0x2011,0x2014,0x2020,0x2041,0x2044,0x2050,
    0x2080,0x20a0,0x2101,0x2104,0x2110,0x2140,0x2148,0x2165,0x2200,0x2222,0x2280,0x22a8,
    0x2401,0x2404,0x2410,0x2429,0x2440,0x2500,0x2541,0x2552,0x2599,0x2601,0x261a,0x26a6,
    0x2800,0x2808,0x280a,0x2820,0x2855,0x2888,0x28a2,0x2968,0x2990,0x2a08,0x2a20,0x2a82,
    0x2a88,0x2a8a,0x4001,0x4004,0x4006,0x4009,0x4010,0x4012,0x4015,0x4018,0x4021,0x4024,
    0x4040,0x4042,0x4045,0x4048,0x404a,0x4051,0x4054,0x4060,0x4065,0x4081,0x4084,0x4090,
    0x4100,0x4102,0x4105,0x4108,0x4111,0x4114,0x4120,0x4141,0x4144,0x4150,0x4180,0x4185,
    0x41a2,0x4201,0x4204,0x4210,0x4212,0x4229,0x4240,0x4400,0x4402,0x4405,0x4408,0x4411,
    0x4414,0x4419,0x4420,0x4441,0x4444,0x4450,0x4480,0x4494,0x4501,0x4504,0x4510,0x4524,
    0x4540,0x459a,0x4600,0x460a,0x4644,0x4650,0x4801,0x4804,0x4810,0x4840,0x4845,0x4854,
    0x4862,0x4900,0x4911,0x4944,0x4950,0x4969,0x4a04,0x5000,0x5002,0x5005,0x5008,0x5011,
    0x5014,0x5020,0x5028,0x5041,0x5044,0x5050,0x5080,0x5101,0x5104,0x5110,0x5115,0x5140,
    0x5142,0x5200,0x5244,0x52aa,0x5401,0x5404,0x5410,0x5421,0x5440,0x5460,0x5481,0x54a1,
    0x5500,0x5508,0x5580,0x5588,0x5621,0x5668,0x56a1,0x5800,0x5814,0x5841,0x5850,0x5899,
    0x591a,0x5940,0x5942,0x5a85,0x6001,0x6004,0x6010,0x6040,0x6054,0x6062,0x6086,0x60a9,
    0x6100,0x6224,0x624a,0x6292,0x6400,0x6416,0x6510,0x6540,0x6545,0x65a4,0x6801,0x686a,
    0x6925,0x6a06,0x6a54,0x6a62,0x8000,0x8002,0x8005,0x8008,0x8011,0x8014,0x8020,0x802a,
    0x8041,0x8044,0x8050,0x8080,0x8082,0x80a8,0x80aa,0x8101,0x8104,0x8106,0x8110,0x8140,
    0x8151,0x8159,0x8200,0x8220,0x8280,0x8282,0x82a0,0x82a8,0x8401,0x8404,0x8410,0x8412,
    0x8415,0x8440,0x8460,0x8489,0x8500,0x8544,0x85a5,0x8618,0x866a,0x8800,0x8808,0x8825,
    0x885a,0x8880,0x8882,0x88a8,0x8906,0x8a22,0x8a80,0x8a88,0x8a96,0x8aa8,0x9001,0x9004,
    0x9010,0x9040,0x9056,0x9084,0x9100,0x9122,0x9164,0x9256,0x9289,0x9400,0x9405,0x9444,
    0x9450,0x9458,0x9529,0x9590,0x9592,0x9641,0x9851,0x98a6,0x9949,0x9a15,0x9a60,0xa000,
    0xa002,0xa008,0xa00a,0xa020,0xa02a,0xa0a0,0xa151,0xa159,0xa1a6,0xa200,0xa202,0xa208,
    0xa22a,0xa280,0xa2a0,0xa440,0xa495,0xa665,0xa698,0xa80a,0xa820,0xa822,0xa828,0xa8a0,
    0xa8a8,0xa904,0xa984,0xa986,0xaa28,0xaa2a,0xaa91,0xaaaa,
};
/* iq2s_grid: 8 magnitudes per entry, 2 bits each (element k at bits 2k) indexing {8, 25, 43} */
static const uint16_t hln_k__iq2s_grid[1024] = {
    0x0000,0x0002,0x0005,0x0008,0x000a,0x0011,0x0014,0x0016,0x0019,0x0020,0x0022,0x0025,
    0x0028,0x0041,0x0044,0x0046,0x0049,0x0050,0x0052,0x0055,0x0058,0x0061,0x0064,0x0066,
    0x0069,0x0080,0x0082,0x0085,0x0088,0x0091,0x0094,0x00a0,0x00a5,0x00aa,0x0101,0x0104,
    0x0106,0x0109,0x0110,0x0112,0x0115,0x0118,0x0121,0x0124,0x0140,0x0142,0x0145,0x0148,
    0x0151,0x0154,0x0156,0x0159,0x0160,0x0165,0x0168,0x0181,0x0184,0x0190,0x0192,0x0195,
    0x01a1,0x01a4,0x0200,0x0202,0x0205,0x0208,0x0211,0x0214,0x0220,0x022a,0x0241,0x0244,
    0x0246,0x0249,0x0250,0x0255,0x0280,0x0285,0x028a,0x0294,0x02a2,0x0401,0x0404,0x0406,
    0x0409,0x0410,0x0412,0x0415,0x0418,0x0421,0x0424,0x0426,0x0429,0x0440,0x0442,0x0445,
    0x0448,0x044a,0x0451,0x0454,0x0456,0x0459,0x0460,0x0462,0x0465,0x0481,0x0484,0x0486,
    0x0489,0x0490,0x0495,0x0498,0x04a1,0x04a4,0x0500,0x0502,0x0505,0x0508,0x050a,0x0511,
    0x0514,0x0516,0x0519,0x0520,0x0525,0x0528,0x0541,0x0544,0x0546,0x0549,0x0550,0x0552,
    0x0555,0x0558,0x0561,0x0564,0x0580,0x0582,0x0585,0x0588,0x0591,0x0594,0x05a0,0x0601,
    0x0604,0x0606,0x0609,0x0610,0x0615,0x0640,0x0645,0x0648,0x0651,0x0654,0x0660,0x0681,
    0x0684,0x0690,0x0800,0x0802,0x0805,0x0808,0x0811,0x0814,0x0816,0x0819,0x0820,0x0825,
    0x082a,0x0841,0x0844,0x0846,0x0849,0x0850,0x0852,0x0855,0x0858,0x0861,0x0864,0x0880,
    0x0885,0x0894,0x08aa,0x0901,0x0904,0x0910,0x0912,0x0915,0x0918,0x0921,0x0940,0x0945,
    0x0948,0x0951,0x0954,0x0960,0x0981,0x0990,0x0a00,0x0a11,0x0a14,0x0a22,0x0a28,0x0a2a,
    0x0a50,0x0a99,0x1001,0x1004,0x1006,0x1009,0x1010,0x1012,0x1015,0x1018,0x1021,0x1024,
    0x1026,0x1040,0x1042,0x1045,0x1048,0x1051,0x1054,0x1056,0x1059,0x1060,0x1062,0x1065,
    0x1068,0x1081,0x1084,0x1086,0x1090,0x1095,0x1098,0x10a1,0x10a4,0x1100,0x1102,0x1105,
    0x1108,0x110a,0x1111,0x1114,0x1116,0x1119,0x1120,0x1122,0x1125,0x1128,0x1141,0x1144,
    0x1146,0x1149,0x1150,0x1152,0x1155,0x1158,0x1161,0x1164,0x1180,0x1182,0x1185,0x1188,
    0x1191,0x1194,0x1201,0x1204,0x1209,0x1210,0x1215,0x1221,0x1224,0x1240,0x1245,0x1251,
    0x1254,0x1281,0x1284,0x1290,0x1400,0x1402,0x1405,0x1408,0x1411,0x1414,0x1416,0x1419,
    0x1420,0x1425,0x1428,0x1441,0x1444,0x1446,0x1449,0x1450,0x1452,0x1455,0x1458,0x1461,
    0x1464,0x1480,0x1482,0x1485,0x1488,0x1491,0x1494,0x14a0,0x1501,0x1504,0x1506,0x1509,
    0x1510,0x1512,0x1515,0x1518,0x1521,0x1524,0x1540,0x1542,0x1545,0x1548,0x1551,0x1554,
    0x1560,0x1581,0x1584,0x1590,0x1600,0x1605,0x1608,0x1611,0x1614,0x1620,0x1641,0x1644,
    0x1650,0x1680,0x16aa,0x1801,0x1804,0x1806,0x1809,0x1810,0x1815,0x1818,0x1821,0x1840,
    0x1842,0x1845,0x1848,0x1851,0x1854,0x1860,0x1881,0x1884,0x1900,0x1902,0x1905,0x1908,
    0x1911,0x1914,0x1920,0x1941,0x1944,0x1950,0x1969,0x19a2,0x1a04,0x1a10,0x1a40,0x1a56,
    0x2000,0x2002,0x2005,0x2008,0x2011,0x2014,0x2016,0x2019,0x2020,0x2025,0x202a,0x2041,
    0x2044,0x2050,0x2052,0x2055,0x2064,0x2080,0x208a,0x2094,0x20aa,0x2101,0x2104,0x2110,
    0x2112,0x2115,0x2121,0x2140,0x2142,0x2145,0x2151,0x2154,0x2160,0x2181,0x2184,0x2190,
    0x2200,0x220a,0x2222,0x2228,0x222a,0x2244,0x2250,0x2288,0x228a,0x22a8,0x2401,0x2404,
    0x2406,0x2409,0x2410,0x2415,0x2418,0x2421,0x2424,0x2440,0x2442,0x2445,0x2448,0x2451,
    0x2454,0x2460,0x2481,0x2484,0x2490,0x2500,0x2505,0x2508,0x2511,0x2514,0x2520,0x2541,
    0x2544,0x2550,0x2566,0x2580,0x2601,0x2604,0x2610,0x2640,0x2659,0x2800,0x2805,0x2811,
    0x2814,0x2841,0x2844,0x2850,0x288a,0x28aa,0x2901,0x2904,0x2910,0x2995,0x2a0a,0x2a22,
    0x2a64,0x2a88,0x2a8a,0x4001,0x4004,0x4006,0x4009,0x4010,0x4012,0x4015,0x4018,0x401a,
    0x4021,0x4024,0x4026,0x4040,0x4042,0x4045,0x4048,0x404a,0x4051,0x4054,0x4056,0x4059,
    0x4060,0x4062,0x4065,0x4081,0x4084,0x4090,0x4095,0x4098,0x40a1,0x40a4,0x4100,0x4102,
    0x4105,0x4108,0x4111,0x4114,0x4116,0x4119,0x4120,0x4122,0x4125,0x4141,0x4144,0x4146,
    0x4149,0x4150,0x4152,0x4155,0x4158,0x4161,0x4164,0x4180,0x4182,0x4185,0x4188,0x4191,
    0x4194,0x41a0,0x4201,0x4204,0x4210,0x4212,0x4215,0x4218,0x4224,0x4240,0x4245,0x4248,
    0x4251,0x4254,0x4260,0x4281,0x4284,0x4400,0x4402,0x4405,0x4408,0x440a,0x4411,0x4414,
    0x4416,0x4419,0x4420,0x4422,0x4425,0x4428,0x4441,0x4444,0x4446,0x4449,0x4450,0x4452,
    0x4455,0x4458,0x4461,0x4464,0x4480,0x4482,0x4485,0x4488,0x4491,0x4494,0x44a0,0x4501,
    0x4504,0x4506,0x4509,0x4510,0x4512,0x4515,0x4518,0x4521,0x4524,0x4540,0x4542,0x4545,
    0x4548,0x4551,0x4554,0x4560,0x456a,0x4581,0x4584,0x4590,0x4600,0x4602,0x4605,0x4608,
    0x4611,0x4614,0x4620,0x4641,0x4644,0x4650,0x4680,0x46a5,0x4801,0x4804,0x4809,0x4810,
    0x4812,0x4815,0x4818,0x4821,0x4824,0x4840,0x4842,0x4845,0x4848,0x4851,0x4854,0x4860,
    0x4884,0x4890,0x4900,0x4902,0x4905,0x4908,0x4911,0x4914,0x4920,0x4941,0x4944,0x4950,
    0x4980,0x4996,0x4a01,0x4a04,0x4a10,0x4a40,0x5000,0x5002,0x5005,0x5008,0x5011,0x5014,
    0x5016,0x5019,0x5020,0x5022,0x5025,0x5028,0x5041,0x5044,0x5046,0x5049,0x5050,0x5052,
    0x5055,0x5058,0x5061,0x5064,0x5080,0x5082,0x5085,0x5088,0x5091,0x5094,0x5101,0x5104,
    0x5106,0x5109,0x5110,0x5112,0x5115,0x5118,0x5121,0x5124,0x5140,0x5142,0x5145,0x5148,
    0x5151,0x5154,0x5160,0x5181,0x5184,0x5190,0x5200,0x5205,0x5208,0x5211,0x5214,0x5220,
    0x5241,0x5244,0x5250,0x5269,0x5280,0x5401,0x5404,0x5406,0x5409,0x5410,0x5412,0x5415,
    0x5418,0x5421,0x5424,0x5440,0x5442,0x5445,0x5448,0x5451,0x5454,0x5460,0x5481,0x5484,
    0x5490,0x5500,0x5502,0x5505,0x5508,0x5511,0x5514,0x5520,0x5541,0x5544,0x5550,0x5580,
    0x5601,0x5604,0x5610,0x5626,0x5640,0x5800,0x5802,0x5805,0x5808,0x5811,0x5814,0x5820,
    0x5841,0x5844,0x5850,0x585a,0x5880,0x5901,0x5904,0x5910,0x5940,0x5a00,0x5a19,0x5a85,
    0x5aa8,0x6001,0x6004,0x6006,0x6010,0x6012,0x6015,0x6018,0x6021,0x6024,0x6040,0x6045,
    0x6048,0x6051,0x6054,0x6060,0x6084,0x6090,0x6100,0x6102,0x6105,0x6108,0x6111,0x6114,
    0x6120,0x6141,0x6144,0x6150,0x6180,0x6199,0x6204,0x6210,0x6240,0x6256,0x62a1,0x6400,
    0x6405,0x6408,0x6411,0x6414,0x6420,0x6441,0x6444,0x6450,0x6480,0x6501,0x6504,0x6510,
    0x6540,0x654a,0x6568,0x6592,0x6600,0x6694,0x6801,0x6804,0x6810,0x6865,0x6898,0x6900,
    0x692a,0x6a42,0x6aa1,0x8000,0x8002,0x8005,0x8008,0x8011,0x8014,0x8019,0x8020,0x8025,
    0x8041,0x8044,0x8050,0x8052,0x8055,0x8058,0x8061,0x8080,0x8085,0x8091,0x8094,0x8101,
    0x8104,0x8109,0x8110,0x8112,0x8115,0x8118,0x8121,0x8124,0x8140,0x8142,0x8145,0x8148,
    0x8151,0x8154,0x8181,0x8184,0x8190,0x81a9,0x8200,0x8205,0x820a,0x8211,0x8214,0x8241,
    0x8244,0x8250,0x8401,0x8404,0x8406,0x8409,0x8410,0x8412,0x8415,0x8418,0x8421,0x8440,
    0x8442,0x8445,0x8448,0x8451,0x8454,0x8460,0x8481,0x8484,0x8490,0x8500,0x8502,0x8505,
    0x8508,0x8511,0x8514,0x8520,0x8541,0x8544,0x8550,0x8580,0x858a,0x8601,0x8604,0x8610,
    0x8629,0x8640,0x8800,0x8805,0x8811,0x8814,0x8841,0x8844,0x8850,0x88a2,0x8901,0x8904,
    0x8940,0x8965,0x8a22,0x8a58,0x8a5a,0x8a82,0x8aa2,0x9001,0x9004,0x9009,0x9010,0x9012,
    0x9015,0x9018,0x9024,0x9040,0x9042,0x9045,0x9048,0x9051,0x9054,0x9060,0x9081,0x9084,
    0x9090,0x9100,0x9105,0x9111,0x9114,0x9141,0x9144,0x9150,0x915a,0x9201,0x9204,0x9210,
    0x9240,0x92a6,0x9400,0x9402,0x9405,0x9408,0x9411,0x9414,0x9420,0x9441,0x9444,0x9450,
    0x9480,0x9496,0x9501,0x9504,0x9510,0x9540,0x9598,0x95a1,0x9600,0x9646,0x9664,0x9801,
    0x9804,0x9810,0x9826,0x9840,0x98a9,0x9900,0x9949,0x9952,0x9a90,0xa000,0xa005,0xa00a,
    0xa014,0xa022,0xa02a,0xa041,0xa044,0xa050,0xa0a2,0xa0aa,0xa140,0xa165,0xa202,0xa20a,
    0xa222,0xa228,0xa22a,0xa282,0xa288,0xa28a,0xa2a8,0xa401,0xa404,0xa410,0xa440,0xa489,
    0xa4a4,0xa500,0xa519,0xa651,0xa80a,0xa828,0xa8a2,0xa954,0xa986,0xaa08,0xaa0a,0xaa20,
    0xaa22,0xaa28,0xaa88,0xaaaa,
};
/* iq3xxs grid: 4 magnitudes per entry, 3 bits each indexing {4,12,20,28,36,44,52,62} */
static const uint16_t hln_k__iq3xxs_grid[256] = {
    0x0000,0x0002,0x0004,0x0009,0x000b,0x000f,0x0010,0x0012,0x0019,0x0022,0x003b,0x003d,
    0x0041,0x0043,0x0048,0x004a,0x0051,0x0055,0x0058,0x005a,0x0061,0x006c,0x0078,0x0080,
    0x0082,0x0084,0x0089,0x0090,0x0092,0x0099,0x009b,0x009f,0x00a9,0x00af,0x00bd,0x00c1,
    0x00c7,0x00c8,0x00ca,0x00d5,0x00f8,0x010b,0x011f,0x0124,0x012f,0x013b,0x013d,0x0141,
    0x0147,0x015a,0x016a,0x019d,0x01b4,0x01c8,0x01cc,0x01ce,0x01e3,0x01f1,0x0201,0x0203,
    0x0208,0x020a,0x0211,0x0213,0x0218,0x021a,0x021c,0x0227,0x0228,0x0240,0x0242,0x0249,
    0x0250,0x0252,0x0281,0x0283,0x0288,0x028a,0x0291,0x0298,0x02ba,0x02c0,0x02c2,0x02d0,
    0x02d9,0x02e6,0x02f6,0x0301,0x0305,0x0328,0x0350,0x0354,0x0366,0x0379,0x0385,0x03d2,
    0x03e0,0x0400,0x0402,0x0409,0x040b,0x0410,0x0412,0x0416,0x0419,0x0422,0x0441,0x0443,
    0x0445,0x0448,0x044a,0x0451,0x0458,0x0473,0x0477,0x0478,0x0480,0x0482,0x0489,0x048f,
    0x0490,0x0492,0x049f,0x04a0,0x04ad,0x04c1,0x04c8,0x04cc,0x04f8,0x04fc,0x051d,0x052b,
    0x0543,0x0557,0x0561,0x057c,0x05c1,0x05c3,0x05ce,0x05e5,0x0601,0x0608,0x060a,0x0611,
    0x0613,0x0628,0x0635,0x063a,0x0640,0x0642,0x0650,0x0659,0x0664,0x0666,0x0681,0x0683,
    0x0688,0x0695,0x06aa,0x06ba,0x06c9,0x06db,0x0718,0x0727,0x073a,0x0740,0x0746,0x0752,
    0x076d,0x078c,0x079e,0x07b3,0x07db,0x07f0,0x0804,0x080f,0x081d,0x081f,0x082b,0x082f,
    0x087c,0x0890,0x089f,0x08a0,0x08b0,0x08b6,0x08c7,0x08e5,0x0904,0x0929,0x0934,0x0955,
    0x0963,0x0978,0x09c5,0x09c8,0x09ca,0x09d8,0x0a0a,0x0a21,0x0a38,0x0a40,0x0a46,0x0a56,
    0x0a6d,0x0a8c,0x0a9a,0x0aba,0x0ac2,0x0aeb,0x0b08,0x0b13,0x0b17,0x0b3a,0x0b42,0x0b59,
    0x0ba8,0x0bd4,0x0be2,0x0c14,0x0c24,0x0c26,0x0c34,0x0c51,0x0c71,0x0c8f,0x0cb4,0x0cd8,
    0x0cde,0x0d24,0x0d45,0x0d6a,0x0d9b,0x0dc3,0x0dd1,0x0e03,0x0e05,0x0e07,0x0e08,0x0e1a,
    0x0e2a,0x0e56,0x0e60,0x0e8a,0x0ea5,0x0eaa,0x0ec0,0x0ecd,0x0edb,0x0ef0,0x0f11,0x0f21,
    0x0f40,0x0f42,0x0f54,0x0f98,
};
/* iq3s grid: 4 magnitudes per entry, 3 bits each: value = 2*code + 1 */
static const uint16_t hln_k__iq3s_grid[512] = {
    0x0000,0x0001,0x0002,0x0005,0x0007,0x0008,0x0009,0x000a,0x000c,0x000e,0x0010,0x0011,
    0x0015,0x001b,0x0020,0x0022,0x0025,0x0027,0x0029,0x002b,0x0030,0x0032,0x0039,0x003c,
    0x003f,0x0040,0x0041,0x0042,0x0044,0x0048,0x0049,0x004d,0x0050,0x0053,0x0057,0x0059,
    0x005d,0x0064,0x0071,0x0075,0x007a,0x0080,0x0081,0x0085,0x0087,0x0088,0x008b,0x008e,
    0x0091,0x0095,0x0098,0x009c,0x00a2,0x00a5,0x00a7,0x00a9,0x00ab,0x00b8,0x00bb,0x00c3,
    0x00c9,0x00cd,0x00d0,0x00d2,0x00d9,0x00db,0x00de,0x00e4,0x00e8,0x00ea,0x00f7,0x00f9,
    0x00fd,0x0100,0x010b,0x010f,0x0111,0x0114,0x011a,0x0120,0x0123,0x0129,0x0138,0x0142,
    0x0144,0x0150,0x0152,0x0156,0x015b,0x0161,0x0165,0x0167,0x0176,0x017b,0x0186,0x0189,
    0x018b,0x0199,0x01aa,0x01b9,0x01c0,0x01c2,0x01c4,0x01d0,0x01d2,0x01d6,0x01db,0x01e8,
    0x01ec,0x0200,0x0201,0x0202,0x0204,0x0208,0x0209,0x020b,0x020d,0x020f,0x0210,0x0212,
    0x0219,0x021c,0x021e,0x022c,0x022e,0x0231,0x023a,0x0240,0x0241,0x0243,0x0246,0x0248,
    0x024c,0x0251,0x0258,0x025b,0x0261,0x0268,0x026a,0x0278,0x027e,0x0280,0x028a,0x028d,
    0x028f,0x0290,0x0294,0x029a,0x02a0,0x02a3,0x02ad,0x02b0,0x02ba,0x02c1,0x02c4,0x02c7,
    0x02c8,0x02cb,0x02d1,0x02d7,0x02d8,0x02dc,0x02e1,0x02f2,0x02f8,0x0303,0x0305,0x030a,
    0x030c,0x0319,0x031b,0x0322,0x0326,0x0328,0x032c,0x0341,0x0348,0x034b,0x0351,0x0358,
    0x035a,0x0369,0x0390,0x0394,0x0397,0x03a4,0x03a6,0x03c1,0x03c3,0x03c8,0x03ca,0x03d1,
    0x03dd,0x03e1,0x03f2,0x03f8,0x0400,0x0401,0x0403,0x0405,0x0407,0x0408,0x040a,0x040c,
    0x040e,0x0411,0x0413,0x0417,0x0418,0x041a,0x0421,0x0423,0x0425,0x0428,0x042a,0x0437,
    0x0438,0x043b,0x043d,0x0440,0x0442,0x0448,0x044b,0x044f,0x0452,0x0455,0x0459,0x045c,
    0x0462,0x0469,0x0481,0x0484,0x0487,0x0491,0x0493,0x0498,0x049f,0x04a1,0x04ab,0x04af,
    0x04b9,0x04bc,0x04c0,0x04c2,0x04c5,0x04c9,0x04d2,0x04d4,0x04d9,0x04db,0x04e2,0x04e8,
    0x04f6,0x0501,0x0507,0x0510,0x0513,0x051a,0x051d,0x0521,0x053a,0x053d,0x0544,0x0549,
    0x0552,0x055f,0x0560,0x056b,0x0578,0x0580,0x0582,0x0587,0x0591,0x05ad,0x05b1,0x05c5,
    0x05c9,0x05d6,0x05d8,0x05e3,0x05e8,0x0602,0x0609,0x060b,0x060d,0x060f,0x0612,0x0619,
    0x061b,0x061d,0x0622,0x0624,0x0627,0x0629,0x0633,0x0639,0x0641,0x0643,0x0645,0x064c,
    0x0651,0x0653,0x0660,0x0670,0x067a,0x067e,0x0680,0x068a,0x0690,0x069a,0x069c,0x06a8,
    0x06c1,0x06c8,0x06cc,0x06d1,0x06d3,0x06d7,0x06d8,0x06e1,0x06e3,0x06e7,0x06ed,0x06fb,
    0x0703,0x0709,0x070e,0x0712,0x0719,0x072a,0x0730,0x0734,0x0741,0x0748,0x074a,0x0755,
    0x075a,0x0764,0x076e,0x077b,0x078e,0x07a1,0x07c1,0x07c3,0x07d0,0x07d2,0x07dd,0x0800,
    0x0804,0x080a,0x0810,0x0814,0x0817,0x081a,0x0821,0x0828,0x0838,0x0842,0x0847,0x0849,
    0x084b,0x0852,0x0858,0x085d,0x0863,0x0869,0x086d,0x0881,0x0883,0x0888,0x088d,0x0891,
    0x089b,0x08a0,0x08af,0x08b2,0x08b8,0x08c4,0x08c9,0x08cb,0x08d0,0x08d2,0x08d9,0x08dd,
    0x0900,0x0902,0x0914,0x091f,0x0920,0x0939,0x0945,0x0947,0x0951,0x0972,0x098b,0x099c,
    0x09b0,0x09c8,0x09cd,0x09d8,0x09e3,0x09e9,0x0a02,0x0a08,0x0a0c,0x0a12,0x0a20,0x0a24,
    0x0a27,0x0a2a,0x0a36,0x0a3c,0x0a41,0x0a43,0x0a45,0x0a4a,0x0a51,0x0a5a,0x0a7a,0x0a80,
    0x0a89,0x0a93,0x0a98,0x0a9e,0x0aab,0x0ac2,0x0ac7,0x0ac8,0x0ad7,0x0ae4,0x0ae9,0x0af5,
    0x0afb,0x0b01,0x0b04,0x0b10,0x0b1a,0x0b26,0x0b4a,0x0b56,0x0b69,0x0b6b,0x0ba2,0x0bc2,
    0x0bc4,0x0bd2,0x0c09,0x0c0b,0x0c0d,0x0c19,0x0c1b,0x0c30,0x0c40,0x0c50,0x0c57,0x0c74,
    0x0c8a,0x0c9c,0x0ca2,0x0cad,0x0cb2,0x0cb8,0x0cc0,0x0ccc,0x0cd1,0x0ce0,0x0d15,0x0d23,
    0x0d32,0x0d40,0x0d43,0x0d5c,0x0d70,0x0d85,0x0da0,0x0dc9,0x0dcb,0x0e00,0x0e04,0x0e07,
    0x0e10,0x0e12,0x0e1e,0x0e20,0x0e2c,0x0e32,0x0e42,0x0e49,0x0e54,0x0e63,0x0e65,0x0e81,
    0x0e84,0x0e88,0x0e8e,0x0e91,0x0e98,0x0ea9,0x0ec2,0x0eda,0x0edd,0x0eeb,0x0f01,0x0f05,
    0x0f0b,0x0f10,0x0f28,0x0f52,0x0f62,0x0f82,0x0f99,0x0fc0,
};
/* iq1s grid: 8 values per entry, 2 bits each: value = code - 1 (in {-1, 0, 1}) */
static const uint16_t hln_k__iq1s_grid[2048] = {
    0x0000,0x0002,0x0005,0x0008,0x000a,0x0011,0x0015,0x0020,0x0022,0x0028,0x002a,0x0045,
    0x0051,0x0054,0x0056,0x0065,0x0080,0x0082,0x0088,0x008a,0x0095,0x00a0,0x00a2,0x00a8,
    0x00aa,0x0104,0x0105,0x0111,0x0114,0x0116,0x0119,0x011a,0x0125,0x0141,0x0146,0x0149,
    0x0152,0x0155,0x015a,0x0161,0x0164,0x0166,0x0168,0x0185,0x0191,0x0194,0x0196,0x01a5,
    0x0200,0x0202,0x0208,0x020a,0x0215,0x0220,0x0222,0x0228,0x022a,0x0245,0x0251,0x0259,
    0x0264,0x0269,0x0280,0x0282,0x0288,0x028a,0x0291,0x0295,0x0299,0x02a0,0x02a2,0x02a8,
    0x02aa,0x0411,0x0414,0x0416,0x0425,0x0441,0x0449,0x0455,0x045a,0x0464,0x0465,0x0491,
    0x0499,0x04a5,0x0501,0x0504,0x0505,0x0506,0x0515,0x0518,0x051a,0x0529,0x0540,0x0545,
    0x054a,0x0550,0x0551,0x0554,0x0555,0x0556,0x0559,0x0560,0x0562,0x0565,0x0568,0x056a,
    0x0581,0x0591,0x0595,0x0598,0x059a,0x05a1,0x05a4,0x05a5,0x05a6,0x05a9,0x0614,0x0619,
    0x0641,0x0644,0x0650,0x0652,0x0655,0x0658,0x0660,0x0661,0x0666,0x0669,0x0685,0x0691,
    0x0694,0x0699,0x0800,0x0802,0x0808,0x080a,0x0815,0x0820,0x0822,0x0828,0x082a,0x0845,
    0x0851,0x0856,0x0865,0x0880,0x0882,0x0888,0x088a,0x0895,0x08a0,0x08a2,0x08a8,0x08aa,
    0x0905,0x0911,0x0914,0x0919,0x0924,0x0925,0x0941,0x0950,0x0951,0x0955,0x0961,0x0964,
    0x0969,0x0991,0x0994,0x0996,0x0999,0x09a5,0x0a00,0x0a02,0x0a08,0x0a0a,0x0a15,0x0a20,
    0x0a22,0x0a28,0x0a2a,0x0a45,0x0a51,0x0a59,0x0a61,0x0a65,0x0a80,0x0a82,0x0a85,0x0a88,
    0x0a8a,0x0a95,0x0aa0,0x0aa2,0x0aa8,0x0aaa,0x1010,0x1011,0x1014,0x1019,0x1024,0x1025,
    0x1041,0x1044,0x1050,0x1055,0x1058,0x1061,0x1064,0x1065,0x1069,0x1091,0x1094,0x1096,
    0x10a1,0x10a5,0x1101,0x1104,0x1106,0x1109,0x1110,0x1112,0x1115,0x1118,0x1121,0x1124,
    0x1129,0x1145,0x114a,0x1150,0x1151,0x1152,0x1154,0x1155,0x1156,0x1159,0x1160,0x1165,
    0x1184,0x1192,0x1195,0x11a1,0x11a4,0x1211,0x1214,0x1216,0x1225,0x1240,0x1246,0x1249,
    0x1252,0x1255,0x1258,0x125a,0x1264,0x1266,0x1285,0x1291,0x1294,0x1296,0x12a5,0x1401,
    0x1406,0x1409,0x1414,0x1415,0x1418,0x1419,0x1421,0x1426,0x1441,0x1445,0x1446,0x1448,
    0x144a,0x1451,0x1454,0x1455,0x1456,0x1459,0x1462,0x1465,0x1468,0x1484,0x1489,0x1490,
    0x1494,0x1495,0x1498,0x1499,0x149a,0x14a1,0x14a4,0x14a5,0x14a9,0x1502,0x1505,0x150a,
    0x1511,0x1514,0x1515,0x1516,0x1519,0x1520,0x1522,0x1525,0x1528,0x152a,0x1541,0x1544,
    0x1545,0x1546,0x1551,0x1552,0x1554,0x1555,0x1556,0x1559,0x155a,0x1561,0x1564,0x1565,
    0x1566,0x1569,0x1580,0x1582,0x1584,0x1585,0x1588,0x158a,0x1590,0x1591,0x1594,0x1595,
    0x1596,0x1599,0x159a,0x15a0,0x15a2,0x15a5,0x1601,0x1604,0x1605,0x1606,0x1615,0x1616,
    0x1618,0x161a,0x1621,0x1626,0x1640,0x1642,0x1644,0x1645,0x1648,0x164a,0x1651,0x1655,
    0x1656,0x1658,0x1659,0x1661,0x1664,0x1665,0x1668,0x1669,0x166a,0x1686,0x168a,0x1692,
    0x1695,0x16a4,0x16a9,0x1811,0x1816,0x1825,0x1841,0x1844,0x1846,0x1849,0x1850,0x1855,
    0x1858,0x185a,0x1860,0x1861,0x1864,0x1866,0x1869,0x1885,0x1891,0x1894,0x18a5,0x1910,
    0x1912,0x1915,0x191a,0x1921,0x1925,0x1942,0x1944,0x1945,0x1948,0x1951,0x1954,0x1955,
    0x1956,0x1959,0x195a,0x1960,0x1965,0x196a,0x1989,0x1991,0x1992,0x1995,0x1998,0x19a1,
    0x19a6,0x19a9,0x1a09,0x1a16,0x1a24,0x1a26,0x1a44,0x1a46,0x1a49,0x1a50,0x1a52,0x1a55,
    0x1a58,0x1a61,0x1a66,0x1a69,0x1a85,0x1a91,0x1a96,0x1a9a,0x2000,0x2002,0x2008,0x200a,
    0x2015,0x2020,0x2022,0x2025,0x2028,0x202a,0x2045,0x2051,0x2059,0x2061,0x2065,0x2080,
    0x2082,0x2088,0x208a,0x2095,0x20a0,0x20a2,0x20a5,0x20a8,0x20aa,0x2105,0x2111,0x2114,
    0x2119,0x2125,0x2142,0x2144,0x2149,0x2155,0x2158,0x215a,0x2161,0x2164,0x2165,0x2166,
    0x2185,0x2190,0x2196,0x2199,0x21a5,0x2201,0x2208,0x220a,0x2211,0x2215,0x2220,0x2222,
    0x2228,0x222a,0x2245,0x2251,0x2256,0x2259,0x2265,0x2281,0x2288,0x228a,0x2291,0x2295,
    0x22a0,0x22a2,0x22a8,0x22aa,0x2405,0x2414,0x2416,0x2419,0x2425,0x2444,0x2445,0x2446,
    0x2449,0x2452,0x2455,0x2458,0x245a,0x2466,0x2485,0x2491,0x2494,0x2499,0x24a1,0x24a5,
    0x2509,0x2515,0x2521,0x2529,0x2540,0x2545,0x2548,0x2551,0x2554,0x2555,0x2559,0x2562,
    0x2565,0x2568,0x2589,0x2590,0x2594,0x2595,0x2598,0x259a,0x25a1,0x25a4,0x25a6,0x25a9,
    0x2605,0x2610,0x2612,0x2619,0x2625,0x2641,0x2649,0x2655,0x2660,0x2661,0x2669,0x2684,
    0x2686,0x2690,0x269a,0x2800,0x2802,0x2808,0x280a,0x2815,0x2820,0x2822,0x2828,0x282a,
    0x2845,0x2851,0x2854,0x2865,0x2880,0x2882,0x2888,0x288a,0x28a0,0x28a2,0x28a8,0x28aa,
    0x2909,0x2911,0x2914,0x2919,0x2925,0x2946,0x2949,0x2952,0x2955,0x2961,0x2964,0x2966,
    0x2969,0x2985,0x2990,0x2996,0x2999,0x29a4,0x29a5,0x2a00,0x2a02,0x2a08,0x2a0a,0x2a20,
    0x2a22,0x2a28,0x2a2a,0x2a45,0x2a51,0x2a56,0x2a59,0x2a65,0x2a80,0x2a82,0x2a88,0x2a8a,
    0x2a95,0x2aa0,0x2aa2,0x2aa8,0x2aaa,0x4005,0x4011,0x4016,0x4025,0x4049,0x4052,0x4055,
    0x4058,0x405a,0x4061,0x4064,0x4066,0x4094,0x4099,0x40a1,0x40a6,0x4100,0x4101,0x4104,
    0x4106,0x4109,0x4112,0x4115,0x4116,0x4118,0x411a,0x4121,0x4126,0x4129,0x4145,0x4148,
    0x414a,0x4151,0x4154,0x4155,0x4156,0x4159,0x415a,0x4165,0x4168,0x416a,0x4181,0x4184,
    0x4186,0x4190,0x4192,0x4195,0x41a0,0x41a1,0x41a2,0x4205,0x4211,0x4214,0x4216,0x4225,
    0x4241,0x4252,0x4255,0x425a,0x4264,0x4269,0x4289,0x4294,0x42a5,0x4401,0x4415,0x4419,
    0x4429,0x4445,0x4448,0x444a,0x4451,0x4454,0x4455,0x4456,0x4461,0x4462,0x4465,0x4468,
    0x446a,0x4481,0x4486,0x4489,0x4490,0x4492,0x4495,0x44a0,0x44a1,0x44a9,0x4501,0x4502,
    0x4505,0x450a,0x4511,0x4514,0x4515,0x4516,0x4519,0x4520,0x4525,0x452a,0x4541,0x4544,
    0x4545,0x4546,0x4549,0x4550,0x4551,0x4554,0x4555,0x4556,0x4558,0x4559,0x4561,0x4564,
    0x4565,0x4566,0x4569,0x4582,0x4584,0x4585,0x4588,0x4591,0x4594,0x4595,0x4596,0x4599,
    0x459a,0x45a5,0x45a8,0x45aa,0x4601,0x4605,0x4609,0x4614,0x4615,0x4618,0x461a,0x4621,
    0x4624,0x4629,0x4640,0x4642,0x4645,0x4648,0x4650,0x4651,0x4652,0x4655,0x4656,0x4659,
    0x4662,0x4665,0x4668,0x4681,0x4685,0x468a,0x4694,0x4695,0x46a1,0x46a4,0x46a6,0x4805,
    0x4811,0x4815,0x481a,0x4825,0x4842,0x4849,0x4850,0x4855,0x4858,0x4861,0x4864,0x4866,
    0x4869,0x4885,0x4891,0x4894,0x4896,0x4899,0x48a5,0x4901,0x4905,0x4906,0x490a,0x4910,
    0x4914,0x4915,0x4918,0x4921,0x4924,0x4926,0x4940,0x4945,0x494a,0x4951,0x4952,0x4954,
    0x4955,0x4956,0x4959,0x4960,0x4962,0x4965,0x4966,0x496a,0x4986,0x4989,0x4992,0x4995,
    0x4996,0x4998,0x49a1,0x49a4,0x49a6,0x49a9,0x4a16,0x4a44,0x4a46,0x4a49,0x4a55,0x4a58,
    0x4a5a,0x4a64,0x4a69,0x4a94,0x4aa5,0x5001,0x5004,0x5005,0x5006,0x5009,0x5012,0x5015,
    0x501a,0x5021,0x5024,0x5029,0x5040,0x5045,0x5048,0x5051,0x5054,0x5055,0x5056,0x5059,
    0x5065,0x5068,0x5086,0x5089,0x5095,0x5098,0x50a0,0x50a1,0x50a6,0x50a9,0x5105,0x5108,
    0x5109,0x510a,0x5111,0x5114,0x5115,0x5116,0x5118,0x5119,0x5120,0x5125,0x5126,0x5128,
    0x512a,0x5141,0x5144,0x5145,0x5146,0x5149,0x5150,0x5151,0x5152,0x5154,0x5155,0x5156,
    0x5158,0x5159,0x515a,0x5161,0x5164,0x5165,0x5166,0x5169,0x5182,0x5185,0x5191,0x5194,
    0x5195,0x5196,0x5199,0x51a0,0x51a5,0x51aa,0x5201,0x5206,0x5212,0x5215,0x521a,0x5221,
    0x5224,0x5242,0x5245,0x524a,0x5251,0x5254,0x5255,0x5256,0x5259,0x5262,0x5265,0x5285,
    0x5290,0x5292,0x5295,0x5299,0x529a,0x52a4,0x5404,0x5405,0x5411,0x5414,0x5415,0x5416,
    0x5418,0x5419,0x5421,0x5425,0x5428,0x542a,0x5441,0x5444,0x5445,0x5446,0x5449,0x544a,
    0x5450,0x5451,0x5454,0x5455,0x5456,0x5458,0x5459,0x545a,0x5461,0x5462,0x5464,0x5465,
    0x5466,0x5469,0x5480,0x5488,0x548a,0x5491,0x5494,0x5495,0x5496,0x5499,0x54a1,0x54a4,
    0x54a5,0x54aa,0x5501,0x5502,0x5504,0x5505,0x5506,0x5509,0x5510,0x5511,0x5512,0x5514,
    0x5515,0x5516,0x5519,0x551a,0x5521,0x5524,0x5525,0x5526,0x5529,0x5540,0x5541,0x5542,
    0x5544,0x5545,0x5546,0x5548,0x5549,0x5550,0x5551,0x5552,0x5554,0x5555,0x5556,0x5558,
    0x5559,0x555a,0x5560,0x5561,0x5564,0x5565,0x5566,0x5568,0x5569,0x556a,0x5581,0x5584,
    0x5585,0x5589,0x558a,0x5590,0x5591,0x5594,0x5595,0x5596,0x5598,0x5599,0x55a1,0x55a4,
    0x55a5,0x55a6,0x55a9,0x5600,0x5601,0x5602,0x5604,0x5606,0x5608,0x5609,0x5611,0x5614,
    0x5615,0x5618,0x5619,0x5620,0x5621,0x5622,0x5624,0x5625,0x5626,0x5628,0x5629,0x5641,
    0x5645,0x5646,0x5648,0x5649,0x564a,0x5650,0x5651,0x5652,0x5654,0x5655,0x5656,0x5658,
    0x5659,0x565a,0x5661,0x5664,0x5665,0x5669,0x5682,0x5685,0x5686,0x5688,0x5689,0x568a,
    0x5691,0x5695,0x569a,0x56a2,0x56a5,0x56a6,0x56a8,0x56a9,0x5804,0x5805,0x5806,0x5809,
    0x5810,0x5815,0x5818,0x5821,0x582a,0x5845,0x5848,0x584a,0x5851,0x5854,0x5855,0x5856,
    0x5858,0x5859,0x5860,0x5862,0x5864,0x5865,0x5882,0x5889,0x5890,0x5892,0x5895,0x5898,
    0x58a1,0x58a9,0x5901,0x5902,0x5905,0x590a,0x5911,0x5914,0x5915,0x5916,0x5919,0x5925,
    0x5941,0x5944,0x5945,0x5946,0x5949,0x5950,0x5951,0x5952,0x5954,0x5955,0x5956,0x5958,
    0x5959,0x595a,0x5961,0x5964,0x5965,0x5966,0x5969,0x5981,0x5985,0x5989,0x5991,0x5994,
    0x5995,0x5996,0x5998,0x5999,0x59a5,0x5a04,0x5a08,0x5a15,0x5a1a,0x5a20,0x5a25,0x5a26,
    0x5a29,0x5a45,0x5a48,0x5a49,0x5a51,0x5a55,0x5a56,0x5a58,0x5a59,0x5a62,0x5a65,0x5a68,
    0x5a6a,0x5a81,0x5a8a,0x5a92,0x5a95,0x5a96,0x5a98,0x5a9a,0x5aa1,0x6005,0x6014,0x6016,
    0x6019,0x6025,0x6044,0x6050,0x6055,0x6056,0x6058,0x605a,0x6061,0x6064,0x6066,0x6069,
    0x6081,0x6096,0x60a5,0x6101,0x6104,0x6106,0x6109,0x6112,0x6115,0x6121,0x6122,0x6126,
    0x6129,0x6145,0x6149,0x6151,0x6155,0x6156,0x6159,0x6165,0x6166,0x616a,0x6184,0x618a,
    0x6192,0x6195,0x61a1,0x61a6,0x61a9,0x6211,0x6216,0x6219,0x6240,0x6241,0x6246,0x6255,
    0x6256,0x6258,0x6260,0x6285,0x6291,0x6296,0x62a5,0x6411,0x6412,0x6415,0x6416,0x641a,
    0x6421,0x6426,0x6429,0x6440,0x6442,0x6445,0x6448,0x644a,0x6451,0x6454,0x6455,0x6456,
    0x6459,0x645a,0x6460,0x6462,0x6465,0x6484,0x6485,0x6489,0x6490,0x6492,0x6494,0x6495,
    0x6496,0x6498,0x649a,0x64a1,0x64a4,0x64a9,0x6505,0x6508,0x650a,0x6511,0x6515,0x6516,
    0x6519,0x6544,0x6545,0x6546,0x6549,0x6550,0x6551,0x6554,0x6555,0x6556,0x6559,0x6561,
    0x6564,0x6565,0x6566,0x6569,0x6586,0x6589,0x658a,0x6591,0x6595,0x6596,0x6599,0x659a,
    0x65a2,0x65a5,0x65a6,0x65a8,0x6602,0x6609,0x6615,0x6620,0x6626,0x6628,0x6629,0x6640,
    0x6645,0x6648,0x664a,0x6651,0x6654,0x6655,0x6656,0x6658,0x665a,0x6660,0x6665,0x6668,
    0x6680,0x6682,0x6685,0x668a,0x6694,0x6696,0x6698,0x6699,0x66a0,0x66a4,0x66a6,0x66aa,
    0x6816,0x6819,0x6825,0x6841,0x6852,0x6855,0x685a,0x6861,0x6869,0x6885,0x6891,0x6898,
    0x68a6,0x6901,0x6904,0x6910,0x6915,0x6921,0x6924,0x6926,0x6929,0x6940,0x6941,0x6945,
    0x6946,0x6948,0x6951,0x6954,0x6955,0x6956,0x6959,0x6960,0x6965,0x696a,0x6982,0x6984,
    0x698a,0x6995,0x69a1,0x69a4,0x69a5,0x69a9,0x6a11,0x6a16,0x6a18,0x6a41,0x6a44,0x6a49,
    0x6a50,0x6a55,0x6a58,0x6a5a,0x6a64,0x6a65,0x6a69,0x6a86,0x6a94,0x6a98,0x6a9a,0x6aa6,
    0x8000,0x8002,0x8008,0x800a,0x8020,0x8022,0x8028,0x802a,0x8045,0x8050,0x8051,0x8054,
    0x8056,0x8059,0x8065,0x8080,0x8082,0x8088,0x808a,0x8095,0x80a0,0x80a2,0x80a8,0x80aa,
    0x8105,0x8111,0x8114,0x8116,0x8119,0x8125,0x8141,0x8144,0x8149,0x8150,0x8152,0x8155,
    0x8156,0x8158,0x8159,0x8164,0x8166,0x8169,0x8185,0x8189,0x8194,0x8196,0x8199,0x81a5,
    0x8200,0x8202,0x8208,0x820a,0x8215,0x8220,0x8222,0x8228,0x822a,0x8251,0x8254,0x8259,
    0x8265,0x8280,0x8282,0x8288,0x828a,0x8295,0x82a0,0x82a2,0x82a8,0x82aa,0x8414,0x8419,
    0x8441,0x8444,0x8451,0x8455,0x845a,0x8461,0x8464,0x8469,0x8494,0x8499,0x8501,0x8509,
    0x8512,0x8515,0x851a,0x8526,0x8529,0x8540,0x8541,0x8545,0x8548,0x8551,0x8554,0x8555,
    0x8556,0x8559,0x855a,0x8565,0x8566,0x8568,0x856a,0x8581,0x8584,0x8586,0x8589,0x8590,
    0x8592,0x8595,0x8598,0x85a6,0x8611,0x8616,0x8619,0x8625,0x8641,0x8644,0x8649,0x864a,
    0x8650,0x8655,0x8659,0x865a,0x8661,0x8666,0x866a,0x8685,0x8691,0x869a,0x86a4,0x8800,
    0x8802,0x8808,0x880a,0x8815,0x8820,0x8822,0x8828,0x882a,0x8841,0x8845,0x8851,0x8854,
    0x8859,0x8865,0x8869,0x8880,0x8882,0x8888,0x888a,0x8895,0x88a0,0x88a2,0x88a8,0x88aa,
    0x8905,0x8906,0x8911,0x8914,0x8916,0x8925,0x8941,0x8944,0x8946,0x8949,0x8950,0x8952,
    0x8955,0x895a,0x8961,0x8964,0x8985,0x8996,0x8999,0x89a5,0x8a00,0x8a02,0x8a08,0x8a0a,
    0x8a15,0x8a20,0x8a22,0x8a28,0x8a2a,0x8a45,0x8a51,0x8a54,0x8a56,0x8a80,0x8a82,0x8a88,
    0x8a8a,0x8a95,0x8aa0,0x8aa2,0x8aa8,0x8aaa,0x9005,0x9011,0x9016,0x9018,0x9019,0x9025,
    0x9041,0x9046,0x9049,0x9055,0x9058,0x905a,0x9069,0x906a,0x9085,0x9091,0x9094,0x9096,
    0x9099,0x90a5,0x9101,0x9104,0x9106,0x9109,0x9110,0x9115,0x9118,0x911a,0x9121,0x9124,
    0x9126,0x9129,0x9140,0x9145,0x9150,0x9151,0x9154,0x9155,0x9156,0x9159,0x9162,0x9165,
    0x9184,0x9186,0x9192,0x9195,0x9198,0x91a1,0x91a4,0x91a6,0x91a9,0x9205,0x9211,0x9214,
    0x9219,0x9225,0x9244,0x9246,0x9249,0x9250,0x9252,0x9255,0x9258,0x9266,0x9269,0x9285,
    0x9294,0x9296,0x92a9,0x9401,0x9404,0x9406,0x9410,0x9415,0x9418,0x9426,0x9440,0x944a,
    0x9451,0x9454,0x9455,0x9456,0x9458,0x9459,0x9460,0x9461,0x9462,0x9465,0x9484,0x9486,
    0x9492,0x9494,0x9495,0x9498,0x94a1,0x94a9,0x9500,0x9505,0x9508,0x950a,0x9510,0x9511,
    0x9514,0x9515,0x9516,0x9519,0x9521,0x9525,0x9529,0x952a,0x9541,0x9544,0x9545,0x9546,
    0x9549,0x9550,0x9551,0x9552,0x9554,0x9555,0x9556,0x9558,0x9559,0x955a,0x9561,0x9564,
    0x9565,0x9566,0x9569,0x9581,0x9585,0x9588,0x9591,0x9592,0x9594,0x9595,0x9596,0x9599,
    0x959a,0x95a0,0x95a2,0x95a5,0x95a8,0x95aa,0x9601,0x9604,0x9610,0x9615,0x9619,0x9620,
    0x9626,0x9629,0x9645,0x9648,0x9649,0x9651,0x9652,0x9655,0x9656,0x9659,0x9665,0x9668,
    0x9682,0x9684,0x9689,0x968a,0x9692,0x9694,0x9695,0x96a4,0x96a6,0x96a9,0x9805,0x9816,
    0x9819,0x9825,0x9841,0x9846,0x9850,0x9852,0x9855,0x9856,0x985a,0x9864,0x9865,0x9885,
    0x9891,0x9896,0x9899,0x98a5,0x9904,0x9906,0x9909,0x9910,0x9912,0x9915,0x9918,0x991a,
    0x9920,0x9921,0x9924,0x9926,0x9940,0x9942,0x9945,0x9948,0x994a,0x9951,0x9954,0x9955,
    0x9956,0x9959,0x9962,0x9965,0x9966,0x996a,0x9981,0x9984,0x9990,0x9992,0x9995,0x999a,
    0x99a1,0x99a6,0x9a05,0x9a15,0x9a25,0x9a44,0x9a46,0x9a49,0x9a50,0x9a55,0x9a58,0x9a61,
    0x9a85,0x9a91,0x9a94,0x9a95,0x9a96,0xa000,0xa002,0xa008,0xa00a,0xa015,0xa020,0xa022,
    0xa028,0xa02a,0xa045,0xa051,0xa054,0xa056,0xa059,0xa080,0xa082,0xa088,0xa08a,0xa095,
    0xa0a0,0xa0a2,0xa0a8,0xa0aa,0xa105,0xa109,0xa111,0xa114,0xa116,0xa119,0xa11a,0xa146,
    0xa149,0xa151,0xa155,0xa158,0xa15a,0xa161,0xa164,0xa185,0xa190,0xa192,0xa196,0xa199,
    0xa202,0xa208,0xa20a,0xa210,0xa219,0xa222,0xa228,0xa22a,0xa245,0xa251,0xa256,0xa259,
    0xa265,0xa280,0xa282,0xa288,0xa28a,0xa295,0xa2a0,0xa2a2,0xa2a8,0xa2aa,0xa419,0xa425,
    0xa441,0xa444,0xa450,0xa454,0xa455,0xa458,0xa45a,0xa461,0xa465,0xa466,0xa468,0xa469,
    0xa485,0xa506,0xa509,0xa510,0xa512,0xa515,0xa518,0xa526,0xa529,0xa542,0xa545,0xa551,
    0xa554,0xa555,0xa556,0xa559,0xa565,0xa56a,0xa581,0xa584,0xa585,0xa586,0xa589,0xa592,
    0xa595,0xa598,0xa605,0xa611,0xa616,0xa61a,0xa621,0xa625,0xa644,0xa646,0xa64a,0xa652,
    0xa655,0xa656,0xa658,0xa660,0xa662,0xa686,0xa690,0xa695,0xa696,0xa699,0xa6a1,0xa6a4,
    0xa6a6,0xa800,0xa802,0xa808,0xa80a,0xa820,0xa822,0xa828,0xa82a,0xa851,0xa854,0xa856,
    0xa859,0xa880,0xa882,0xa888,0xa88a,0xa895,0xa8a0,0xa8a2,0xa8a8,0xa8aa,0xa905,0xa914,
    0xa919,0xa921,0xa925,0xa941,0xa950,0xa955,0xa95a,0xa961,0xa966,0xa969,0xa990,0xa996,
    0xaa00,0xaa02,0xaa08,0xaa0a,0xaa20,0xaa22,0xaa28,0xaa2a,0xaa51,0xaa54,0xaa56,0xaa80,
    0xaa82,0xaa88,0xaa8a,0xaa95,0xaaa0,0xaaa2,0xaaa8,0xaaaa,
};

/* ---- type traits ---- */
#define HLN_K__T(name, bs, ts, q, vd) { name, bs, ts, q, vd }
static const hln_k_type_traits hln_k__traits[HLN_K_TYPE_COUNT] = {
    /*  0 */ HLN_K__T("F32", 1, 4, 1, HLN_K_TYPE_NONE),
    /*  1 */ HLN_K__T("F16", 1, 2, 1, HLN_K_F16),
    /*  2 */ HLN_K__T("Q4_0", 32, 18, 1, HLN_K_Q8_0),
    /*  3 */ HLN_K__T("Q4_1", 32, 20, 1, HLN_K_Q8_1),
    /*  4 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /*  5 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /*  6 */ HLN_K__T("Q5_0", 32, 22, 1, HLN_K_Q8_0),
    /*  7 */ HLN_K__T("Q5_1", 32, 24, 1, HLN_K_Q8_1),
    /*  8 */ HLN_K__T("Q8_0", 32, 34, 1, HLN_K_Q8_0),
    /*  9 */ HLN_K__T("Q8_1", 32, 36, 1, HLN_K_TYPE_NONE),
    /* 10 */ HLN_K__T("Q2_K", 256, 84, 1, HLN_K_Q8_K),
    /* 11 */ HLN_K__T("Q3_K", 256, 110, 1, HLN_K_Q8_K),
    /* 12 */ HLN_K__T("Q4_K", 256, 144, 1, HLN_K_Q8_K),
    /* 13 */ HLN_K__T("Q5_K", 256, 176, 1, HLN_K_Q8_K),
    /* 14 */ HLN_K__T("Q6_K", 256, 210, 1, HLN_K_Q8_K),
    /* 15 */ HLN_K__T("Q8_K", 256, 292, 1, HLN_K_TYPE_NONE),
    /* 16 */ HLN_K__T("IQ2_XXS", 256, 66, 0, HLN_K_Q8_K),
    /* 17 */ HLN_K__T("IQ2_XS", 256, 74, 0, HLN_K_Q8_K),
    /* 18 */ HLN_K__T("IQ3_XXS", 256, 98, 0, HLN_K_Q8_K),
    /* 19 */ HLN_K__T("IQ1_S", 256, 50, 0, HLN_K_Q8_K),
    /* 20 */ HLN_K__T("IQ4_NL", 32, 18, 1, HLN_K_Q8_0),
    /* 21 */ HLN_K__T("IQ3_S", 256, 110, 0, HLN_K_Q8_K),
    /* 22 */ HLN_K__T("IQ2_S", 256, 82, 0, HLN_K_Q8_K),
    /* 23 */ HLN_K__T("IQ4_XS", 256, 136, 1, HLN_K_Q8_K),
    /* 24 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 25 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 26 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 27 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 28 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 29 */ HLN_K__T("IQ1_M", 256, 56, 0, HLN_K_Q8_K),
    /* 30 */ HLN_K__T("BF16", 1, 2, 1, HLN_K_BF16),
    /* 31 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 32 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 33 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 34 */ HLN_K__T("TQ1_0", 256, 54, 1, HLN_K_Q8_K),
    /* 35 */ HLN_K__T("TQ2_0", 256, 66, 1, HLN_K_Q8_K),
    /* 36 */ HLN_K__T("I2_S", 128, 32, 0, HLN_K_TYPE_NONE),   /* bitnet.cpp; its scale is per tensor */
    /* 37 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 38 */ HLN_K__T(NULL, 0, 0, 0, HLN_K_TYPE_NONE),
    /* 39 */ HLN_K__T("MXFP4", 32, 17, 1, HLN_K_Q8_0),
    /* 40 */ HLN_K__T("NVFP4", 64, 36, 0, HLN_K_Q8_0),
    /* 41 */ HLN_K__T("Q1_0", 128, 18, 0, HLN_K_Q8_0),
    /* 42 */ HLN_K__T("Q2_0", 64, 18, 0, HLN_K_Q8_0)
};

HLN_K_DEF HLN_K__UNUSED const hln_k_type_traits *hln_k_traits(hln_k_type type) {
    if ((int)type < 0 || (int)type >= HLN_K_TYPE_COUNT || !hln_k__traits[type].name) return NULL;
    return &hln_k__traits[type];
}
HLN_K_DEF HLN_K__UNUSED const char *hln_k_type_name(hln_k_type type) {
    const hln_k_type_traits *t = hln_k_traits(type);
    return t ? t->name : "?";
}
HLN_K_DEF HLN_K__UNUSED hln_k_type hln_k_type_from_name(const char *name) {
    int i;
    if (!name) return HLN_K_TYPE_NONE;
    for (i = 0; i < HLN_K_TYPE_COUNT; i++) {
        const char *a = hln_k__traits[i].name, *b = name;
        if (!a) continue;
        while (*a && *b && (*a == *b || (*b >= 'a' && *b <= 'z' && *a == *b - 32))) { a++; b++; }
        if (!*a && !*b) return (hln_k_type)i;
    }
    return HLN_K_TYPE_NONE;
}
HLN_K_DEF HLN_K__UNUSED size_t hln_k_row_size(hln_k_type type, int64_t n) {
    const hln_k_type_traits *t = hln_k_traits(type);
    if (!t || n < 0 || n % t->block_size) return 0;
    if ((uint64_t)(n / t->block_size) > (uint64_t)SIZE_MAX / (uint64_t)t->type_size) return 0;
    return (size_t)(n / t->block_size) * (size_t)t->type_size;
}
HLN_K_DEF HLN_K__UNUSED hln_k_type hln_k_vec_dot_type(hln_k_type type) {
    const hln_k_type_traits *t = hln_k_traits(type);
    return t ? t->vec_dot_type : HLN_K_TYPE_NONE;
}
HLN_K_DEF HLN_K__UNUSED const char *hln_k_result_string(hln_k_result r) {
    switch (r) {
    case HLN_K_OK: return "ok";
    case HLN_K_ERR_TYPE: return "type not supported by this operation";
    case HLN_K_ERR_SIZE: return "length is not a whole number of blocks";
    case HLN_K_ERR_PATH: return "code path not available on this build or CPU";
    case HLN_K_ERR_ARG: return "invalid argument";
    }
    return "unknown result";
}

/* Common argument check: returns the block count in *nb. */
static hln_k_result hln_k__check(hln_k_type type, const void *a, const void *b, int64_t n, int64_t *nb) {
    const hln_k_type_traits *t = hln_k_traits(type);
    if (!t) return HLN_K_ERR_TYPE;
    if ((!a || !b) && n > 0) return HLN_K_ERR_ARG;
    if (n < 0 || n % t->block_size) return HLN_K_ERR_SIZE;
    *nb = n / t->block_size;
    return HLN_K_OK;
}

/* ==========================================================================================
 * Dequantization, scalar reference. Each function writes one block; arithmetic order follows
 * ggml's so results are bit-identical (two roundings for d*q - m, never fused).
 * ======================================================================================== */
static void hln_k__q4_K_scale_min(int j, const uint8_t *s, int *sc, int *m) {
    if (j < 4) { *sc = s[j] & 63; *m = s[j + 4] & 63; }
    else {
        *sc = (s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4);
        *m = (s[j + 4] >> 4) | ((s[j] >> 6) << 4);
    }
}
static int hln_k__q3_K_scale(int j, const uint8_t *s) {
    int lo = j < 8 ? (s[j] & 0xF) : (s[j - 8] >> 4);
    int hi = (s[8 + (j & 3)] >> (2 * (j >> 2))) & 3;
    return (lo | (hi << 4)) - 32;
}
static int hln_k__iq4_xs_scale(int ib, const uint8_t *b) {
    const uint8_t *sl = b + offsetof(hln_k_block_iq4_xs, scales_l);
    uint16_t sh = hln_k__ld16(b + offsetof(hln_k_block_iq4_xs, scales_h));
    return (((sl[ib / 2] >> (4 * (ib % 2))) & 0xF) | (((sh >> (2 * ib)) & 3) << 4)) - 32;
}

static void hln_k__deq_ref_block(hln_k_type type, const uint8_t *b, float *y) {
    int i, j, l;
    switch (type) {
    case HLN_K_F32: y[0] = hln_k__ldf(b); break;
    case HLN_K_F16: y[0] = hln_k_fp16_to_fp32(hln_k__ld16(b)); break;
    case HLN_K_BF16: y[0] = hln_k_bf16_to_fp32(hln_k__ld16(b)); break;
    case HLN_K_Q4_0: case HLN_K_IQ4_NL: {
        float d = HLN_K__H(b, hln_k_block_q4_0, d);
        const uint8_t *qs = b + offsetof(hln_k_block_q4_0, qs);
        for (j = 0; j < 16; j++) {
            if (type == HLN_K_Q4_0) {
                y[j] = (float)((qs[j] & 0xF) - 8) * d; y[j + 16] = (float)((qs[j] >> 4) - 8) * d;
            } else {
                y[j] = d * (float)hln_k__iq4nl_values[qs[j] & 0xF];
                y[j + 16] = d * (float)hln_k__iq4nl_values[qs[j] >> 4];
            }
        }
        break;
    }
    case HLN_K_Q4_1: {
        float d = HLN_K__H(b, hln_k_block_q4_1, d), m = HLN_K__H(b, hln_k_block_q4_1, m);
        const uint8_t *qs = b + offsetof(hln_k_block_q4_1, qs);
        for (j = 0; j < 16; j++) {
            float a = (float)(qs[j] & 0xF) * d, c = (float)(qs[j] >> 4) * d;
            y[j] = a + m; y[j + 16] = c + m;
        }
        break;
    }
    case HLN_K_Q5_0: case HLN_K_Q5_1: {
        int is1 = type == HLN_K_Q5_1;
        size_t oqh = is1 ? offsetof(hln_k_block_q5_1, qh) : offsetof(hln_k_block_q5_0, qh);
        float d = hln_k_fp16_to_fp32(hln_k__ld16(b));
        float m = is1 ? hln_k_fp16_to_fp32(hln_k__ld16(b + 2)) : 0.0f;
        uint32_t qh = hln_k__ld32(b + oqh);
        const uint8_t *qs = b + oqh + 4;
        for (j = 0; j < 16; j++) {
            int x0 = (qs[j] & 0xF) | (int)(((qh >> j) << 4) & 0x10);
            int x1 = (qs[j] >> 4) | (int)((qh >> (j + 12)) & 0x10);
            if (is1) { float a = (float)x0 * d, c = (float)x1 * d; y[j] = a + m; y[j + 16] = c + m; }
            else { y[j] = (float)(x0 - 16) * d; y[j + 16] = (float)(x1 - 16) * d; }
        }
        break;
    }
    case HLN_K_Q8_0: {
        float d = HLN_K__H(b, hln_k_block_q8_0, d);
        for (j = 0; j < 32; j++) y[j] = (float)(int8_t)b[2 + j] * d;
        break;
    }
    case HLN_K_Q8_1: {
        float d = HLN_K__H(b, hln_k_block_q8_1, d);
        for (j = 0; j < 32; j++) y[j] = (float)(int8_t)b[4 + j] * d;
        break;
    }
    case HLN_K_Q8_K: {
        float d = hln_k__ldf(b);
        for (j = 0; j < 256; j++) y[j] = d * (float)(int8_t)b[4 + j];
        break;
    }
    case HLN_K_Q2_K: {
        float d = HLN_K__H(b, hln_k_block_q2_K, d), dmin = HLN_K__H(b, hln_k_block_q2_K, dmin);
        const uint8_t *sc = b + offsetof(hln_k_block_q2_K, scales), *q = b + offsetof(hln_k_block_q2_K, qs);
        int is = 0;
        for (i = 0; i < 2; i++, q += 32) {
            int shift;
            for (shift = 0; shift < 8; shift += 2) {
                int half;
                for (half = 0; half < 2; half++) {
                    int s = sc[is++];
                    float dl = d * (float)(s & 0xF), ml = dmin * (float)(s >> 4);
                    for (l = 0; l < 16; l++) { float t = dl * (float)((q[l + 16 * half] >> shift) & 3); *y++ = t - ml; }
                }
            }
        }
        break;
    }
    case HLN_K_Q3_K: {
        float d = HLN_K__H(b, hln_k_block_q3_K, d);
        const uint8_t *sc = b + offsetof(hln_k_block_q3_K, scales), *q = b + offsetof(hln_k_block_q3_K, qs);
        const uint8_t *hm = b + offsetof(hln_k_block_q3_K, hmask);
        int is = 0, m = 1;
        for (i = 0; i < 2; i++, q += 32) {
            int shift;
            for (shift = 0; shift < 8; shift += 2, m <<= 1) {
                int half;
                for (half = 0; half < 2; half++) {
                    float dl = d * (float)hln_k__q3_K_scale(is++, sc);
                    for (l = 16 * half; l < 16 * half + 16; l++)
                        *y++ = dl * (float)(((q[l] >> shift) & 3) - ((hm[l] & m) ? 0 : 4));
                }
            }
        }
        break;
    }
    case HLN_K_Q4_K: case HLN_K_Q5_K: {
        int is5 = type == HLN_K_Q5_K;
        float d = hln_k_fp16_to_fp32(hln_k__ld16(b)), dmin = hln_k_fp16_to_fp32(hln_k__ld16(b + 2));
        const uint8_t *sc = b + 4, *qh = b + 16;
        const uint8_t *q = b + (is5 ? offsetof(hln_k_block_q5_K, qs) : offsetof(hln_k_block_q4_K, qs));
        int u1 = 1, u2 = 2;
        for (j = 0; j < 8; j += 2, q += 32, u1 <<= 2, u2 <<= 2) {
            int s, mm;
            float d1, m1, d2, m2;
            hln_k__q4_K_scale_min(j, sc, &s, &mm); d1 = d * (float)s; m1 = dmin * (float)mm;
            hln_k__q4_K_scale_min(j + 1, sc, &s, &mm); d2 = d * (float)s; m2 = dmin * (float)mm;
            for (l = 0; l < 32; l++) {
                int v = (q[l] & 0xF) + (is5 && (qh[l] & u1) ? 16 : 0);
                float t = d1 * (float)v; *y++ = t - m1;
            }
            for (l = 0; l < 32; l++) {
                int v = (q[l] >> 4) + (is5 && (qh[l] & u2) ? 16 : 0);
                float t = d2 * (float)v; *y++ = t - m2;
            }
        }
        break;
    }
    case HLN_K_Q6_K: {
        float d = HLN_K__H(b, hln_k_block_q6_K, d);
        const uint8_t *ql = b, *qh = b + 128;
        const int8_t *sc = (const int8_t *)(b + 192);
        for (i = 0; i < 2; i++, y += 128, ql += 64, qh += 32, sc += 8) {
            for (l = 0; l < 32; l++) {
                int is = l / 16;
                int q1 = ((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4)) - 32;
                int q2 = ((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4)) - 32;
                int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                float s1 = d * (float)sc[is], s2 = d * (float)sc[is + 2], s3 = d * (float)sc[is + 4], s4 = d * (float)sc[is + 6];
                y[l] = s1 * (float)q1; y[l + 32] = s2 * (float)q2; y[l + 64] = s3 * (float)q3; y[l + 96] = s4 * (float)q4;
            }
        }
        break;
    }
    case HLN_K_IQ2_XXS: case HLN_K_IQ2_XS: {
        float d = hln_k_fp16_to_fp32(hln_k__ld16(b));
        for (i = 0; i < 8; i++) {
            uint32_t a0 = hln_k__ld32(b + 2 + 8 * i), a1 = hln_k__ld32(b + 6 + 8 * i);
            for (l = 0; l < 4; l++) {
                uint32_t grid, signs; float db;
                if (type == HLN_K_IQ2_XXS) {
                    db = d * (0.5f + (float)(a1 >> 28)) * 0.25f;
                    grid = hln_k__iq2xxs_grid[(a0 >> (8 * l)) & 255];
                    signs = hln_k__ksigns((a1 >> (7 * l)) & 127);
                } else {
                    uint16_t qv = hln_k__ld16(b + 2 + 8 * i + 2 * l);
                    int s = b[66 + i];
                    db = d * (0.5f + (float)(l < 2 ? (s & 0xF) : (s >> 4))) * 0.25f;
                    grid = hln_k__iq2xs_grid[qv & 511];
                    signs = hln_k__ksigns(qv >> 9);
                }
                for (j = 0; j < 8; j++) {
                    float t = db * (float)hln_k__iq2_levels[(grid >> (2 * j)) & 3];
                    *y++ = (signs >> j) & 1 ? -t : t;
                }
            }
        }
        break;
    }
    case HLN_K_IQ2_S: {
        float d = HLN_K__H(b, hln_k_block_iq2_s, d);
        const uint8_t *qs = b + 2, *signs = b + 2 + 32, *qh = b + 66, *sc = b + 74;
        for (i = 0; i < 8; i++, qs += 4, signs += 4) {
            for (l = 0; l < 4; l++) {
                int s = l < 2 ? (sc[i] & 0xF) : (sc[i] >> 4);
                float db = d * (0.5f + (float)s) * 0.25f;
                uint32_t grid = hln_k__iq2s_grid[qs[l] | ((qh[i] << (8 - 2 * l)) & 0x300)];
                for (j = 0; j < 8; j++) {
                    float t = db * (float)hln_k__iq2_levels[(grid >> (2 * j)) & 3];
                    *y++ = (signs[l] >> j) & 1 ? -t : t;
                }
            }
        }
        break;
    }
    case HLN_K_IQ3_XXS: {
        float d = HLN_K__H(b, hln_k_block_iq3_xxs, d);
        const uint8_t *qs = b + 2, *ss = b + 2 + 64;
        for (i = 0; i < 8; i++, qs += 8) {
            uint32_t aux = hln_k__ld32(ss + 4 * i);
            float db = d * (0.5f + (float)(aux >> 28)) * 0.5f;
            for (l = 0; l < 4; l++) {
                uint32_t signs = hln_k__ksigns((aux >> (7 * l)) & 127);
                uint32_t g1 = hln_k__iq3xxs_grid[qs[2 * l]], g2 = hln_k__iq3xxs_grid[qs[2 * l + 1]];
                for (j = 0; j < 8; j++) {
                    uint32_t g = j < 4 ? g1 : g2;
                    float t = db * (float)hln_k__iq3xxs_levels[(g >> (3 * (j & 3))) & 7];
                    *y++ = (signs >> j) & 1 ? -t : t;
                }
            }
        }
        break;
    }
    case HLN_K_IQ3_S: {
        float d = HLN_K__H(b, hln_k_block_iq3_s, d);
        const uint8_t *qs = b + 2, *qh = b + 66, *signs = b + 74, *sc = b + 106;
        for (i = 0; i < 8; i++, qs += 8, signs += 4) {
            int s = (i & 1) ? (sc[i / 2] >> 4) : (sc[i / 2] & 0xF);
            float db = d * (float)(1 + 2 * s);
            for (l = 0; l < 4; l++) {
                uint32_t g1 = hln_k__iq3s_grid[qs[2 * l] | ((qh[i] << (8 - 2 * l)) & 256)];
                uint32_t g2 = hln_k__iq3s_grid[qs[2 * l + 1] | ((qh[i] << (7 - 2 * l)) & 256)];
                for (j = 0; j < 8; j++) {
                    uint32_t g = j < 4 ? g1 : g2;
                    float t = db * (float)(2 * ((g >> (3 * (j & 3))) & 7) + 1);
                    *y++ = (signs[l] >> j) & 1 ? -t : t;
                }
            }
        }
        break;
    }
    case HLN_K_IQ1_S: {
        float d = HLN_K__H(b, hln_k_block_iq1_s, d);
        const uint8_t *qs = b + 2;
        for (i = 0; i < 8; i++, qs += 4) {
            uint32_t qh = hln_k__ld16(b + 34 + 2 * i);
            float dl = d * (float)(2 * ((qh >> 12) & 7) + 1);
            float delta = (qh & 0x8000) ? -0.125f : 0.125f;
            for (l = 0; l < 4; l++) {
                uint32_t g = hln_k__iq1s_grid[qs[l] | (((qh >> (3 * l)) & 7) << 8)];
                for (j = 0; j < 8; j++) *y++ = dl * ((float)((int)((g >> (2 * j)) & 3) - 1) + delta);
            }
        }
        break;
    }
    case HLN_K_IQ1_M: {
        const uint8_t *qs = b, *qh = b + 32, *scb = b + 48;
        uint16_t sc[4]; float d;
        for (i = 0; i < 4; i++) sc[i] = hln_k__ld16(scb + 2 * i);
        d = hln_k_fp16_to_fp32((uint16_t)((sc[0] >> 12) | ((sc[1] >> 8) & 0x00f0) | ((sc[2] >> 4) & 0x0f00) | (sc[3] & 0xf000)));
        for (i = 0; i < 8; i++, qs += 4, qh += 2) {
            float dl1 = d * (float)(2 * ((sc[i / 2] >> (6 * (i % 2) + 0)) & 7) + 1);
            float dl2 = d * (float)(2 * ((sc[i / 2] >> (6 * (i % 2) + 3)) & 7) + 1);
            int idx[4]; float delta[4];
            idx[0] = qs[0] | ((qh[0] << 8) & 0x700); idx[1] = qs[1] | ((qh[0] << 4) & 0x700);
            idx[2] = qs[2] | ((qh[1] << 8) & 0x700); idx[3] = qs[3] | ((qh[1] << 4) & 0x700);
            delta[0] = (qh[0] & 0x08) ? -0.125f : 0.125f; delta[1] = (qh[0] & 0x80) ? -0.125f : 0.125f;
            delta[2] = (qh[1] & 0x08) ? -0.125f : 0.125f; delta[3] = (qh[1] & 0x80) ? -0.125f : 0.125f;
            for (l = 0; l < 4; l++) {
                uint32_t g = hln_k__iq1s_grid[idx[l]];
                float dl = l < 2 ? dl1 : dl2;
                for (j = 0; j < 8; j++) *y++ = dl * ((float)((int)((g >> (2 * j)) & 3) - 1) + delta[l]);
            }
        }
        break;
    }
    case HLN_K_IQ4_XS: {
        float d = HLN_K__H(b, hln_k_block_iq4_xs, d);
        const uint8_t *qs = b + 8;
        for (i = 0; i < 8; i++, qs += 16, y += 32) {
            float dl = d * (float)hln_k__iq4_xs_scale(i, b);
            for (j = 0; j < 16; j++) {
                y[j] = dl * (float)hln_k__iq4nl_values[qs[j] & 0xF];
                y[j + 16] = dl * (float)hln_k__iq4nl_values[qs[j] >> 4];
            }
        }
        break;
    }
    case HLN_K_TQ1_0: {
        static const uint8_t pow3[6] = { 1, 3, 9, 27, 81, 243 };
        float d = HLN_K__H(b, hln_k_block_tq1_0, d);
        const uint8_t *qs = b, *qh = b + 48;
        int n;
        for (n = 0; n < 5; n++)
            for (j = 0; j < 32; j++) { uint8_t q = (uint8_t)(qs[j] * pow3[n]); *y++ = (float)(((q * 3) >> 8) - 1) * d; }
        for (n = 0; n < 5; n++)
            for (j = 0; j < 16; j++) { uint8_t q = (uint8_t)(qs[32 + j] * pow3[n]); *y++ = (float)(((q * 3) >> 8) - 1) * d; }
        for (n = 0; n < 4; n++)
            for (j = 0; j < 4; j++) { uint8_t q = (uint8_t)(qh[j] * pow3[n]); *y++ = (float)(((q * 3) >> 8) - 1) * d; }
        break;
    }
    case HLN_K_TQ2_0: {
        float d = HLN_K__H(b, hln_k_block_tq2_0, d);
        for (i = 0; i < 64; i += 32)
            for (l = 0; l < 4; l++)
                for (j = 0; j < 32; j++) *y++ = (float)(((b[i + j] >> (2 * l)) & 3) - 1) * d;
        break;
    }
    case HLN_K_MXFP4: {
        float d = hln_k__e8m0_half(b[0]);
        for (j = 0; j < 16; j++) {
            y[j] = (float)hln_k__fp4_values[b[1 + j] & 0xF] * d;
            y[j + 16] = (float)hln_k__fp4_values[b[1 + j] >> 4] * d;
        }
        break;
    }
    case HLN_K_NVFP4: {
        for (i = 0; i < 4; i++, y += 16) {
            float d = hln_k__ue4m3(b[i]);
            const uint8_t *qs = b + 4 + 8 * i;
            for (j = 0; j < 8; j++) {
                y[j] = (float)hln_k__fp4_values[qs[j] & 0xF] * d * 0.5f;
                y[j + 8] = (float)hln_k__fp4_values[qs[j] >> 4] * d * 0.5f;
            }
        }
        break;
    }
    case HLN_K_Q1_0: {
        float d = HLN_K__H(b, hln_k_block_q1_0, d);
        for (j = 0; j < 128; j++) y[j] = (b[2 + j / 8] >> (j % 8)) & 1 ? d : -d;
        break;
    }
    case HLN_K_Q2_0: {
        float d = HLN_K__H(b, hln_k_block_q2_0, d);
        for (j = 0; j < 64; j++) y[j] = (float)(((b[2 + j / 4] >> (2 * (j % 4))) & 3) - 1) * d;
        break;
    }
    case HLN_K_I2_S:  /* the trits; the tensor's one float scale follows the blocks (hln_k_i2s_scale) */
        for (j = 0; j < 128; j++) y[j] = (float)(((b[j % 32] >> (6 - 2 * (j / 32))) & 3) - 1);
        break;
    default: break;
    }
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_dequantize_ref(hln_k_type type, const void *src, float *dst, int64_t n) {
    int64_t nb, i;
    hln_k_result r = hln_k__check(type, src, dst, n, &nb);
    const hln_k_type_traits *t;
    if (r) return r;
    t = hln_k_traits(type);
    for (i = 0; i < nb; i++)
        hln_k__deq_ref_block(type, (const uint8_t *)src + (size_t)i * (size_t)t->type_size, dst + i * t->block_size);
    return HLN_K_OK;
}

/* ==========================================================================================
 * Quantization. The ggml-compatible types follow ggml's arithmetic exactly (same bytes). The
 * others search per block: candidate scales, least-squares refits, then a neighbourhood search
 * over the stored (quantized) sub-block scales with the final super-block scale, keeping the
 * lowest squared error of the values as they will dequantize.
 * ======================================================================================== */
#define HLN_K__MAXB 256

static int hln_k__clampi(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }

/* Importance weight j of a block (w NULL: every weight 1). Each weighted sum below multiplies by
 * the weight first, so a weight of 1 gives the unweighted arithmetic bit for bit. */
#define HLN_K__W(w, j) ((w) ? (w)[j] : 1.0f)

/* x ~ s * q with integer q in [qmin, qmax], minimising sum w (x - s q)^2; returns s (0 for an
 * all-zero block). */
static float hln_k__fit_sym(const float *x, const float *w, int n, int qmin, int qmax) {
    float amax = 0.0f, m = 0.0f, best_s = 0.0f;
    double best_err = -1.0, sxx = 0.0;
    int j, side, k;
    for (j = 0; j < n; j++) { float a = hln_k__fabsf(x[j]); sxx += (double)HLN_K__W(w, j) * x[j] * x[j]; if (a > amax) { amax = a; m = x[j]; } }
    if (amax == 0.0f) return 0.0f;
    for (side = 0; side < 2; side++) {
        int end = side ? qmax : qmin;
        for (k = -6; k <= 6; k++) {
            double v = end + (end < 0 ? -0.1 : 0.1) * k, sxq = 0.0, sqq = 0.0, err;
            float s = (float)(m / v), is;
            int it;
            if (v == 0.0 || !(s == s) || s == 0.0f) continue;
            for (it = 0; it < 2; it++) {
                is = 1.0f / s; sxq = 0.0; sqq = 0.0;
                for (j = 0; j < n; j++) {
                    int q = hln_k__clampi(hln_k__nearest(x[j] * is), qmin, qmax);
                    sxq += (double)HLN_K__W(w, j) * x[j] * q; sqq += (double)HLN_K__W(w, j) * q * q;
                }
                if (sqq <= 0.0) break;
                err = sxx - sxq * sxq / sqq;
                if (best_err < 0.0 || err < best_err) { best_err = err; best_s = (float)(sxq / sqq); }
                s = (float)(sxq / sqq);
                if (s == 0.0f) break;
            }
        }
    }
    return best_s;
}

/* The least-squares fit y = s q + c (c <= 0: the stored min is subtracted) of x to one pass's
 * codes q, from that pass's weighted sums (sw = sum w, swx = sum w x, swxx = sum w x^2,
 * sq = sum w q, sqq = sum w q^2, sxq = sum w x q), and that fit's error sum w (y - x)^2 in
 * closed form. 0 when no positive scale fits. Both paths call it with the same sums. */
static int hln_k__affine_refit(double sw, double swx, double swxx, double sq, double sqq, double sxq, double *ns, double *nc, double *err) {
    const double det = sw * sqq - sq * sq;
    double a, c;
    if (det > 0.0) { a = (sw * sxq - swx * sq) / det; c = (swx - a * sq) / sw; }
    else { a = sqq > 0.0 ? sxq / sqq : 0.0; c = 0.0; }    /* every q equal: scale only */
    if (c > 0.0) { c = 0.0; a = sqq > 0.0 ? sxq / sqq : 0.0; }
    if (!(a > 0.0)) return 0;
    *err = ((((a * a * sqq + 2.0 * a * c * sq) + c * c * sw) - 2.0 * a * sxq) - 2.0 * c * swx) + swxx;   /* hln_k__q512_refit's order */
    *ns = a; *nc = c;
    return 1;
}
/* The code nearest v in [0, qmax], in float: adding 1.5 * 2^23 rounds v to an integer (ties to
 * even) while |v| < 2^22, and beyond that the clamp decides; NaN gives 0, as the AVX-512 max
 * (which returns its second operand then) does. The sum is stored before the subtraction: an
 * assignment rounds to float, while within one expression a host with FLT_EVAL_METHOD 1 or 2
 * (s390x and x87 in ISO C mode) keeps the sum in double or long double, which holds v + 1.5 *
 * 2^23 exactly, so (v + 1.5 * 2^23) - 1.5 * 2^23 is v unrounded. */
static float hln_k__code(float v, float qmax) {
    float t = v + 12582912.0f;
    t -= 12582912.0f;
    t = t > 0.0f ? t : 0.0f;
    return t < qmax ? t : qmax;
}
/* The float arithmetic of the affine search stores each operation's result (an initialiser,
 * an assignment or a cast to float rounds it), so a host that evaluates float expressions in
 * double (FLT_EVAL_METHOD 1: s390x in ISO C mode) rounds every operation to float as x86-64 and
 * aarch64 do: double holds a float sum, difference, product or quotient closely enough that
 * rounding it to float again gives the float result, and the search makes the same bytes. */

/* sum w, sum w x, sum w x^2 in float, in element order; 1 when every x and w is finite */
static int hln_k__affine_sums(const float *x, const float *w, int n, float *sw, float *swx, float *swxx) {
    int j, finite = 1;
    *sw = 0.0f; *swx = 0.0f; *swxx = 0.0f;
    for (j = 0; j < n; j++) {
        const float wj = HLN_K__W(w, j), wx = wj * x[j], wxx = wx * x[j];
        *sw += wj; *swx += wx; *swxx += wxx;
        finite &= hln_k__isfinite(x[j]) & hln_k__isfinite(wj);
    }
    return finite;
}

/* x ~ s * q - m with q in [0, qmax], s > 0, m >= 0, minimising sum w (s q - m - x)^2: 16
 * starting scales, 3 least-squares refits each (sw, swx, swxx: hln_k__affine_sums). A pass quantizes with the current (s, m) and
 * sums in float, element by element; the refit's error comes from those sums in closed form
 * (the error of the refit with the pass's codes, an upper bound of its own rounding's), so a
 * candidate costs one pass over the values. */
static void hln_k__fit_affine(const float *x, const float *w, int n, int qmax, float sw, float swx, float swxx, float *s_out, float *m_out) {
    float lo = 0.0f, hi = x[0], range;
    double best_err = -1.0;
    int j, k, it;
    for (j = 0; j < n; j++) { if (x[j] < lo) lo = x[j]; if (x[j] > hi) hi = x[j]; }
    *s_out = 0.0f; *m_out = -lo;
    if (hi <= lo) return;
    range = hi - lo;
    for (k = -5; k <= 10; k++) {
        const float step = 0.1f * (float)k, levels = (float)qmax + step;
        float s = range / levels, m = -lo;
        for (it = 0; it < 3; it++) {
            float sq = 0.0f, sqq = 0.0f, sxq = 0.0f, is = 1.0f / s;
            double ns, nc, err;
            for (j = 0; j < n; j++) {
                const float xm = x[j] + m, q = hln_k__code(xm * is, (float)qmax), wq = w ? w[j] * q : q, wqq = wq * q, wxq = wq * x[j];
                sq += wq; sqq += wqq; sxq += wxq;
            }
            if (!hln_k__affine_refit(sw, swx, swxx, sq, sqq, sxq, &ns, &nc, &err)) break;
            if (best_err < 0.0 || err < best_err) { best_err = err; *s_out = (float)ns; *m_out = (float)-nc; }
            s = (float)ns; m = (float)-nc;
        }
    }
}

/* sum w (y - x)^2 in float for stored scale d and min m, y = d q - m as the dequantizer
 * computes it, q the nearest code of (x + m) / d in [0, qmax] (into q unless NULL). */
static float hln_k__err_affine(const float *x, const float *w, int n, float d, float m, int qmax, int8_t *q) {
    float err = 0.0f, id = d != 0.0f ? 1.0f / d : 0.0f;
    int j;
    for (j = 0; j < n; j++) {
        const float xm = x[j] + m, v = hln_k__code(xm * id, (float)qmax), dv = d * v, y = dv - m, e = y - x[j], e2 = e * e;
        err += w ? (float)(w[j] * e2) : e2;
        if (q) q[j] = (int8_t)(int)v;
    }
    return err;
}

/* Squared error of x against stored scale d (and min m) as the dequantizer computes them;
 * q gets the best integer per element. levels: NULL for integers, else a table index. */
static double hln_k__err_int(const float *x, const float *w, int n, float d, float m, int qmin, int qmax, int8_t *q) {
    double err = 0.0;
    int j;
    float id = d != 0.0f ? 1.0f / d : 0.0f;
    for (j = 0; j < n; j++) {
        int v = hln_k__clampi(hln_k__nearest((x[j] + m) * id), qmin, qmax), best = v, t;
        float bt = 0.0f, be = -1.0f;
        for (t = v - 1; t <= v + 1; t++) {   /* the rounding above may be off by one after clamping */
            float y, e, p;
            if (t < qmin || t > qmax) continue;
            p = d * (float)t; y = p - m; e = hln_k__fabsf(y - x[j]);
            if (be < 0.0f || e < be) { be = e; best = t; bt = y; }
        }
        q[j] = (int8_t)best;
        err += (double)HLN_K__W(w, j) * (bt - x[j]) * (bt - x[j]);
    }
    return err;
}
static int hln_k__nearest_level(float v, const int8_t *lv) {
    int lo = 0, hi = 15;
    while (hi - lo > 1) { int mid = (lo + hi) / 2; if (v < (float)lv[mid]) hi = mid; else lo = mid; }
    return (v - (float)lv[lo] <= (float)lv[hi] - v) ? lo : hi;
}
static double hln_k__err_nl(const float *x, const float *w, int n, float d, const int8_t *lv, int8_t *q) {
    double err = 0.0;
    int j;
    float id = d != 0.0f ? 1.0f / d : 0.0f;
    for (j = 0; j < n; j++) {
        int k = hln_k__nearest_level(x[j] * id, lv), t, best = k;
        float be = -1.0f;
        for (t = k - 1; t <= k + 1; t++) {
            float e;
            if (t < 0 || t > 15) continue;
            e = hln_k__fabsf(d * (float)lv[t] - x[j]);
            if (be < 0.0f || e < be) { be = e; best = t; }
        }
        q[j] = (int8_t)best;
        err += (double)HLN_K__W(w, j) * be * be;
    }
    return err;
}
/* x ~ s * lv[q] for a 16-entry sorted table, minimising sum w (x - s lv[q])^2; returns s. */
static float hln_k__fit_nl(const float *x, const float *w, int n, const int8_t *lv) {
    float amax = 0.0f, m = 0.0f, best_s = 0.0f;
    double best_err = -1.0;
    int8_t q[HLN_K__MAXB];
    int j, side, k;
    for (j = 0; j < n; j++) { float a = hln_k__fabsf(x[j]); if (a > amax) { amax = a; m = x[j]; } }
    if (amax == 0.0f) return 0.0f;
    for (side = 0; side < 2; side++) {
        for (k = -8; k <= 8; k++) {
            float s = m / ((float)(side ? lv[15] : lv[0]) * (1.0f + 0.02f * (float)k));
            int it;
            for (it = 0; it < 2; it++) {
                double sxl = 0, sll = 0, err;
                hln_k__err_nl(x, w, n, s, lv, q);
                for (j = 0; j < n; j++) { double l = lv[q[j]]; sxl += (double)HLN_K__W(w, j) * x[j] * l; sll += (double)HLN_K__W(w, j) * l * l; }
                if (sll <= 0) break;
                s = (float)(sxl / sll);
                err = hln_k__err_nl(x, w, n, s, lv, q);
                if (best_err < 0 || err < best_err) { best_err = err; best_s = s; }
            }
        }
    }
    return best_s;
}

/* K-style super-block: nsub sub-blocks of size sub, stored sub-scales ls in [lmin, lmax]
 * (times d) and, if affine, mins lm in [0, lmax] (times dmin). Fills ls, lm, q; writes the
 * fp16 d/dmin bits. Sub-scales are searched in a +-2 neighbourhood with the final d. */
typedef struct hln_k__kfit {
    int nsub, sub, qmin, qmax, lmin, lmax, affine; const int8_t *levels;
    int ls[16], lm[16]; int8_t q[256]; uint16_t d, dmin;
    int simd;          /* 1: the AVX-512 searches (the same bytes) */
    const float *w;    /* the block's importance weights, or NULL */
} hln_k__kfit;

static double hln_k__kfit_sub(const hln_k__kfit *k, const float *x, const float *w, float d1, float m1, int8_t *q) {
    return k->levels ? hln_k__err_nl(x, w, k->sub, d1, k->levels, q)
                     : hln_k__err_int(x, w, k->sub, d1, m1, k->qmin, k->qmax, q);
}
/* The same searches on AVX-512, bit for bit: the candidates the scalar code tries one after
 * another (the 16 starting scales of hln_k__fit_affine, the 25 or 5 (sub-scale, min) pairs
 * around a sub-block's first guess) are independent, so each runs in a lane of its own with
 * the scalar arithmetic in the scalar order (floats as floats, doubles in 8-lane halves, every
 * element's terms added in element order); the winner is then picked in the scalar order with
 * the scalar comparison. */
#ifdef HLN_K__X86
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push   /* GCC 12's C++ AVX-512 headers; see the AVX-512 kernels */
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#define HLN_K__Q512 HLN_K__AVX512 static inline __attribute__((always_inline))
HLN_K__Q512 __m512i hln_k__q512_nearest(__m512 v) {   /* hln_k__nearest, 16 lanes */
    const __m512i b = _mm512_castps_si512(_mm512_add_ps(v, _mm512_set1_ps(12582912.0f)));
    return _mm512_sub_epi32(_mm512_and_si512(b, _mm512_set1_epi32(0x007fffff)), _mm512_set1_epi32(0x00400000));
}
HLN_K__Q512 __m256i hln_k__q512_nearest8(__m256 v) {
    const __m256i b = _mm256_castps_si256(_mm256_add_ps(v, _mm256_set1_ps(12582912.0f)));
    return _mm256_sub_epi32(_mm256_and_si256(b, _mm256_set1_epi32(0x007fffff)), _mm256_set1_epi32(0x00400000));
}
HLN_K__Q512 __m256i hln_k__q512_half(__m512i v, int h) { return h ? _mm512_extracti64x4_epi64(v, 1) : _mm512_castsi512_si256(v); }
HLN_K__Q512 __m512 hln_k__q512_join(__m256 lo, __m256 hi) {
    return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_castps_pd(lo)), _mm256_castps_pd(hi), 1));
}

/* hln_k__err_int's candidates for 16 lanes: v = its first rounding, |y - x| of v - 1, v, v + 1
 * (y = d t - m as the dequantizer computes it), and which of v - 1, v + 1 are in range */
typedef struct hln_k__q512_cand { __m512i v; __m512 e[3]; __mmask16 down, up; } hln_k__q512_cand;
HLN_K__Q512 hln_k__q512_cand hln_k__q512_candidates(__m512 xj, __m512 vd, __m512 vm, __m512 id, __m512i vqmin, __m512i vqmax) {
    const __m512i absmask = _mm512_set1_epi32(0x7fffffff);
    const __m512 one = _mm512_set1_ps(1.0f);
    hln_k__q512_cand c;
    __m512 t;
    int k;
    c.v = _mm512_min_epi32(_mm512_max_epi32(hln_k__q512_nearest(_mm512_mul_ps(_mm512_add_ps(xj, vm), id)), vqmin), vqmax);
    c.down = _mm512_cmpgt_epi32_mask(c.v, vqmin);
    c.up = _mm512_cmplt_epi32_mask(c.v, vqmax);
    t = _mm512_sub_ps(_mm512_cvtepi32_ps(c.v), one);
    for (k = 0; k < 3; k++, t = _mm512_add_ps(t, one))   /* exact: small integers */
        c.e[k] = _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(_mm512_sub_ps(_mm512_sub_ps(_mm512_mul_ps(vd, t), vm), xj)), absmask));
    return c;
}

/* hln_k__err_int's codes for n (a multiple of 16) finite values below 2^100 with finite d, m */
HLN_K__AVX512 static void hln_k__q512_codes(const float *x, int n, float d, float m, int qmin, int qmax, int8_t *q) {
    const __m512i vqmin = _mm512_set1_epi32(qmin), vqmax = _mm512_set1_epi32(qmax);
    const __m512 vd = _mm512_set1_ps(d), vm = _mm512_set1_ps(m), id = _mm512_set1_ps(d != 0.0f ? 1.0f / d : 0.0f);
    int j;
    for (j = 0; j < n; j += 16) {
        const __m512 xj = _mm512_loadu_ps(x + j);
        const hln_k__q512_cand c = hln_k__q512_candidates(xj, vd, vm, id, vqmin, vqmax);
        const __m512i q0 = c.v;
        const __mmask16 down = c.down, up = c.up;
        const __m512 e0 = c.e[0], e1 = c.e[1], e2 = c.e[2];
        const __mmask16 take1 = (__mmask16)(~down | _mm512_cmp_ps_mask(e1, e0, _CMP_LT_OQ));   /* v beats v - 1 */
        const __m512 be = _mm512_mask_mov_ps(e0, take1, e1);
        __m512i best = _mm512_mask_sub_epi32(q0, (__mmask16)~take1, q0, _mm512_set1_epi32(1));
        best = _mm512_mask_add_epi32(best, _mm512_mask_cmp_ps_mask(up, e2, be, _CMP_LT_OQ), q0, _mm512_set1_epi32(1));
        _mm_storeu_si128((__m128i *)(q + j), _mm512_cvtepi32_epi8(best));
    }
}

/* hln_k__code, 16 lanes */
/* hln_k__code, 16 lanes: rounding to the nearest integer (ties to even) is what adding and
   subtracting 1.5 * 2^23 does where that is exact, and beyond it the clamp decides either way
   (NaN: max returns its second operand, 0; a -0 becomes +0 there too). */
HLN_K__Q512 __m512 hln_k__q512_code(__m512 v, __m512 qmax) {
    return _mm512_min_ps(_mm512_max_ps(_mm512_roundscale_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC), _mm512_setzero_ps()), qmax);
}
/* hln_k__affine_refit for 8 lanes, its operations in its order (branches as blends); ok: its 1 */
HLN_K__Q512 __mmask8 hln_k__q512_refit(__m512d sw, __m512d swx, __m512d swxx, __m512d sq, __m512d sqq, __m512d sxq, __m512d *ns, __m512d *nc, __m512d *err) {
    const __m512d zero = _mm512_setzero_pd(), two = _mm512_set1_pd(2.0);
    const __m512d det = _mm512_sub_pd(_mm512_mul_pd(sw, sqq), _mm512_mul_pd(sq, sq));
    const __m512d a1 = _mm512_div_pd(_mm512_sub_pd(_mm512_mul_pd(sw, sxq), _mm512_mul_pd(swx, sq)), det);
    const __m512d c1 = _mm512_div_pd(_mm512_sub_pd(swx, _mm512_mul_pd(a1, sq)), sw);
    const __m512d a2 = _mm512_maskz_div_pd(_mm512_cmp_pd_mask(sqq, zero, _CMP_GT_OQ), sxq, sqq);
    const __mmask8 pos = _mm512_cmp_pd_mask(det, zero, _CMP_GT_OQ);
    __m512d a = _mm512_mask_blend_pd(pos, a2, a1), c = _mm512_maskz_mov_pd(pos, c1), t;
    const __mmask8 cpos = _mm512_cmp_pd_mask(c, zero, _CMP_GT_OQ);
    a = _mm512_mask_blend_pd(cpos, a, a2);
    c = _mm512_mask_blend_pd(cpos, c, zero);
    t = _mm512_add_pd(_mm512_mul_pd(_mm512_mul_pd(a, a), sqq), _mm512_mul_pd(_mm512_mul_pd(_mm512_mul_pd(two, a), c), sq));
    t = _mm512_add_pd(t, _mm512_mul_pd(_mm512_mul_pd(c, c), sw));
    t = _mm512_sub_pd(t, _mm512_mul_pd(_mm512_mul_pd(two, a), sxq));
    t = _mm512_sub_pd(t, _mm512_mul_pd(_mm512_mul_pd(two, c), swx));
    *err = _mm512_add_pd(t, swxx);
    *ns = a; *nc = c;
    return _mm512_cmp_pd_mask(a, zero, _CMP_GT_OQ);
}
HLN_K__Q512 __m512d hln_k__q512_lo_pd(__m512 v) { return _mm512_cvtps_pd(_mm512_castps512_ps256(v)); }
HLN_K__Q512 __m512d hln_k__q512_hi_pd(__m512 v) { return _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1))); }

/* hln_k__fit_affine with its 16 starting scales in lanes; each pass's three sums per lane are
 * the scalar's float sums in element order, and the refits hln_k__affine_refit's steps. For
 * finite x and w only (the caller checks): then every NaN a lane makes is the default NaN, as
 * the scalar's, so even the rounding of one has the scalar's bits. */
HLN_K__AVX512 static void hln_k__q512_fit_affine(const float *x, const float *w, int n, int qmax, float sw, float swx, float swxx,
                                                 float *s_out, float *m_out) {
    float lo = 0.0f, hi = x[0], s0[16];
    double best_err = -1.0, errs[3][16], nss[3][16], ncs[3][16];
    __mmask16 valid[3] = { 0, 0, 0 }, alive = 0xffff;
    int j, k, it;
    const __m512 vqmax = _mm512_set1_ps((float)qmax);
    const __m512d vsw = _mm512_set1_pd(sw), vswx = _mm512_set1_pd(swx), vswxx = _mm512_set1_pd(swxx);
    const __m512i sign = _mm512_set1_epi64((long long)0x8000000000000000ull);
    __m512 s, m;
    for (j = 0; j < n; j++) { if (x[j] < lo) lo = x[j]; if (x[j] > hi) hi = x[j]; }
    *s_out = 0.0f; *m_out = -lo;
    if (hi <= lo) return;
    for (k = 0; k < 16; k++) s0[k] = (hi - lo) / ((float)qmax + 0.1f * (float)(k - 5));
    s = _mm512_loadu_ps(s0);
    m = _mm512_set1_ps(-lo);
    for (it = 0; it < 3; it++) {
        const __m512 is = _mm512_div_ps(_mm512_set1_ps(1.0f), s);
        __m512 sq = _mm512_setzero_ps(), sqq = _mm512_setzero_ps(), sxq = _mm512_setzero_ps();
        for (j = 0; j < n; j++) {
            const __m512 xj = _mm512_set1_ps(x[j]);
            const __m512 q = hln_k__q512_code(_mm512_mul_ps(_mm512_add_ps(xj, m), is), vqmax);
            const __m512 wq = w ? _mm512_mul_ps(_mm512_set1_ps(w[j]), q) : q;
            sq = _mm512_add_ps(sq, wq);
            sqq = _mm512_add_ps(sqq, _mm512_mul_ps(wq, q));
            sxq = _mm512_add_ps(sxq, _mm512_mul_ps(wq, xj));
        }
        {
            __m512d ns0, ns1, nc0, nc1, e0, e1;
            const __mmask8 ok0 = hln_k__q512_refit(vsw, vswx, vswxx, hln_k__q512_lo_pd(sq), hln_k__q512_lo_pd(sqq), hln_k__q512_lo_pd(sxq), &ns0, &nc0, &e0);
            const __mmask8 ok1 = hln_k__q512_refit(vsw, vswx, vswxx, hln_k__q512_hi_pd(sq), hln_k__q512_hi_pd(sqq), hln_k__q512_hi_pd(sxq), &ns1, &nc1, &e1);
            _mm512_storeu_pd(nss[it], ns0); _mm512_storeu_pd(nss[it] + 8, ns1);
            _mm512_storeu_pd(ncs[it], nc0); _mm512_storeu_pd(ncs[it] + 8, nc1);
            _mm512_storeu_pd(errs[it], e0); _mm512_storeu_pd(errs[it] + 8, e1);
            alive = valid[it] = (__mmask16)(alive & (ok0 | ((unsigned)ok1 << 8)));
            if (!alive) break;
            s = hln_k__q512_join(_mm512_cvtpd_ps(ns0), _mm512_cvtpd_ps(ns1));   /* (float)ns, (float)-nc */
            m = hln_k__q512_join(_mm512_cvtpd_ps(_mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(nc0), sign))),
                                 _mm512_cvtpd_ps(_mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(nc1), sign))));
        }
    }
    for (k = 0; k < 16; k++)
        for (it = 0; it < 3 && ((valid[it] >> k) & 1); it++)
            if (best_err < 0.0 || errs[it][k] < best_err) { best_err = errs[it][k]; *s_out = (float)nss[it][k]; *m_out = (float)-ncs[it][k]; }
}

/* hln_k__err_affine of 32 (d1, m1) candidates in lanes (finite x, w, d1, m1) */
HLN_K__AVX512 static void hln_k__q512_err_affine(const float *x, const float *w, int n, const float *d1, const float *m1, int qmax, float *errs) {
    const __m512 vqmax = _mm512_set1_ps((float)qmax);
    int v, j;
    for (v = 0; v < 2; v++) {
        const __m512 vd = _mm512_loadu_ps(d1 + 16 * v), vm = _mm512_loadu_ps(m1 + 16 * v);
        const __m512 id = _mm512_maskz_div_ps(_mm512_cmp_ps_mask(vd, _mm512_setzero_ps(), _CMP_NEQ_UQ), _mm512_set1_ps(1.0f), vd);
        __m512 err = _mm512_setzero_ps();
        for (j = 0; j < n; j++) {
            const __m512 xj = _mm512_set1_ps(x[j]);
            const __m512 q = hln_k__q512_code(_mm512_mul_ps(_mm512_add_ps(xj, vm), id), vqmax);
            const __m512 e = _mm512_sub_ps(_mm512_sub_ps(_mm512_mul_ps(vd, q), vm), xj);
            const __m512 e2 = _mm512_mul_ps(e, e);
            err = _mm512_add_ps(err, w ? _mm512_mul_ps(_mm512_set1_ps(w[j]), e2) : e2);
        }
        _mm512_storeu_ps(errs + 16 * v, err);
    }
}
/* hln_k__err_affine's codes, 16 values at a time (n a multiple of 16) */
HLN_K__AVX512 static void hln_k__q512_codes_affine(const float *x, int n, float d, float m, int qmax, int8_t *q) {
    const __m512 vm = _mm512_set1_ps(m), id = _mm512_set1_ps(d != 0.0f ? 1.0f / d : 0.0f);
    int j;
    for (j = 0; j < n; j += 16) {
        const __m512 v = hln_k__q512_code(_mm512_mul_ps(_mm512_add_ps(_mm512_loadu_ps(x + j), vm), id), _mm512_set1_ps((float)qmax));
        _mm_storeu_si128((__m128i *)(q + j), _mm512_cvtepi32_epi8(_mm512_cvttps_epi32(v)));
    }
}

/* hln_k__fit_sym: its 26 (side, k) starting scales in two vectors of 16 lanes, 2 refits each */
HLN_K__AVX512 static float hln_k__q512_fit_sym(const float *x, int n, int qmin, int qmax) {
    float amax = 0.0f, m = 0.0f, best_s = 0.0f, s0[32], ss[2][32];
    double best_err = -1.0, sxx = 0.0, errs[2][32];
    int j, side, k, it, v, lane[32];
    __mmask16 valid[2][2];
    const __m512i vqmin = _mm512_set1_epi32(qmin), vqmax = _mm512_set1_epi32(qmax);
    for (j = 0; j < n; j++) { float a = hln_k__fabsf(x[j]); sxx += (double)x[j] * x[j]; if (a > amax) { amax = a; m = x[j]; } }
    if (amax == 0.0f) return 0.0f;
    for (k = 0; k < 32; k++) { s0[k] = 1.0f; lane[k] = 0; }
    for (side = 0; side < 2; side++) {
        int end = side ? qmax : qmin;
        for (k = -6; k <= 6; k++) {
            double vv = end + (end < 0 ? -0.1 : 0.1) * k;
            float s = (float)(m / vv);
            int l = side * 13 + k + 6;
            if (vv == 0.0 || !(s == s) || s == 0.0f) continue;
            s0[l] = s; lane[l] = 1;
        }
    }
    for (v = 0; v < 2; v++) {
        __m512 s = _mm512_loadu_ps(s0 + 16 * v);
        __mmask16 active = 0;
        for (k = 0; k < 16; k++) active = (__mmask16)(active | (lane[16 * v + k] << k));
        for (it = 0; it < 2; it++) {
            const __m512 is = _mm512_div_ps(_mm512_set1_ps(1.0f), s);
            __m512i sqq = _mm512_setzero_si512();
            __m512d sxq0 = _mm512_setzero_pd(), sxq1 = _mm512_setzero_pd(), e0, e1, r0, r1;
            __mmask16 pos;
            for (j = 0; j < n; j++) {
                const __m512i q = _mm512_min_epi32(_mm512_max_epi32(hln_k__q512_nearest(_mm512_mul_ps(_mm512_set1_ps(x[j]), is)), vqmin), vqmax);
                const __m512d xd = _mm512_set1_pd((double)x[j]);
                sqq = _mm512_add_epi32(sqq, _mm512_mullo_epi32(q, q));
                sxq0 = _mm512_add_pd(sxq0, _mm512_mul_pd(xd, _mm512_cvtepi32_pd(hln_k__q512_half(q, 0))));
                sxq1 = _mm512_add_pd(sxq1, _mm512_mul_pd(xd, _mm512_cvtepi32_pd(hln_k__q512_half(q, 1))));
            }
            pos = _mm512_cmpgt_epi32_mask(sqq, _mm512_setzero_si512());   /* else the scalar breaks */
            active = (__mmask16)(active & pos);
            valid[v][it] = active;
            {
                const __m512d q0 = _mm512_cvtepi32_pd(hln_k__q512_half(sqq, 0)), q1 = _mm512_cvtepi32_pd(hln_k__q512_half(sqq, 1));
                const __m512d vsxx = _mm512_set1_pd(sxx);
                e0 = _mm512_sub_pd(vsxx, _mm512_div_pd(_mm512_mul_pd(sxq0, sxq0), q0));
                e1 = _mm512_sub_pd(vsxx, _mm512_div_pd(_mm512_mul_pd(sxq1, sxq1), q1));
                r0 = _mm512_div_pd(sxq0, q0);
                r1 = _mm512_div_pd(sxq1, q1);
            }
            _mm512_storeu_pd(errs[it] + 16 * v, e0);
            _mm512_storeu_pd(errs[it] + 16 * v + 8, e1);
            s = hln_k__q512_join(_mm512_cvtpd_ps(r0), _mm512_cvtpd_ps(r1));
            _mm512_storeu_ps(ss[it] + 16 * v, s);
            active = (__mmask16)(active & _mm512_cmp_ps_mask(s, _mm512_setzero_ps(), _CMP_NEQ_UQ));   /* s == 0: the scalar breaks */
            if (!active) { if (it == 0) valid[v][1] = 0; break; }
        }
    }
    for (k = 0; k < 26; k++)
        for (it = 0; it < 2 && ((valid[k / 16][it] >> (k % 16)) & 1); it++)
            if (best_err < 0.0 || errs[it][k] < best_err) { best_err = errs[it][k]; best_s = ss[it][k]; }
    return best_s;
}

/* The sub-scale neighbourhood of hln_k__kfit_run for symmetric integer levels (Q3_K, Q6_K):
 * every candidate's hln_k__err_int in a lane; the winner into *ba. Only for finite values below
 * 2^100 and a finite d (returns 0 otherwise, for the scalar search): then every candidate's
 * error is finite, so "the first candidate, then any strictly smaller" is "strictly smaller than
 * the best so far, starting at +inf", and |y - x| squared is the scalar's (y - x)^2. */
HLN_K__AVX512 static int hln_k__q512_kfit_search(const hln_k__kfit *k, const float *xs, float d, int l0, int *ba) {
    float d1[32], m1[32];
    double errs[32], best = -1.0;
    int ok[32], lanes = 5, l, v, j;
    const __m512i vqmin = _mm512_set1_epi32(k->qmin), vqmax = _mm512_set1_epi32(k->qmax);
    const __m512 one = _mm512_set1_ps(1.0f), inf = _mm512_set1_ps(hln_k__bitsf(0x7f800000u));
    if (!hln_k__isfinite(d)) return 0;
    for (j = 0; j < k->sub; j++) if (!(hln_k__fabsf(xs[j]) < 1.2676506e30f)) return 0;   /* 2^100; NaN too */
    for (l = 0; l < 32; l++) {
        int a = l0 - 2 + l;
        ok[l] = l < lanes && a >= k->lmin && a <= k->lmax;
        d1[l] = ok[l] ? d * (float)a : 0.0f;
        m1[l] = 0.0f;
    }
    for (v = 0; v < (lanes + 15) / 16; v++) {
        const __m512 vd = _mm512_loadu_ps(d1 + 16 * v), vm = _mm512_loadu_ps(m1 + 16 * v);
        const __m512 id = _mm512_maskz_div_ps(_mm512_cmp_ps_mask(vd, _mm512_setzero_ps(), _CMP_NEQ_UQ), one, vd);
        __m512d err0 = _mm512_setzero_pd(), err1 = _mm512_setzero_pd();
        for (j = 0; j < k->sub; j++) {
            const __m512 xj = _mm512_set1_ps(xs[j]);
            const hln_k__q512_cand c = hln_k__q512_candidates(xj, vd, vm, id, vqmin, vqmax);   /* v - 1, v, v + 1 in that order, */
            const __mmask16 down = c.down, up = c.up;                                            /* a strictly smaller error wins */
            const __m512 e0 = c.e[0], e1 = c.e[1], e2 = c.e[2];
            __m512 be = _mm512_mask_mov_ps(inf, down, e0);
            be = _mm512_mask_mov_ps(be, _mm512_cmp_ps_mask(e1, be, _CMP_LT_OQ), e1);
            be = _mm512_mask_mov_ps(be, _mm512_mask_cmp_ps_mask(up, e2, be, _CMP_LT_OQ), e2);
            {
                const __m512d lo = _mm512_cvtps_pd(_mm512_castps512_ps256(be));
                const __m512d hi = _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(be), 1)));
                err0 = _mm512_add_pd(err0, _mm512_mul_pd(lo, lo));
                err1 = _mm512_add_pd(err1, _mm512_mul_pd(hi, hi));
            }
        }
        _mm512_storeu_pd(errs + 16 * v, err0);
        _mm512_storeu_pd(errs + 16 * v + 8, err1);
    }
    *ba = l0;
    for (l = 0; l < lanes; l++)
        if (ok[l] && (best < 0.0 || errs[l] < best)) { best = errs[l]; *ba = l0 - 2 + l; }
    return 1;
}
#undef HLN_K__Q512
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

/* The (sub-scale a, min b) pairs around (l0, m0) of an affine type in the scalar search's
 * order (a outer): lane 5 (a - l0 + 2) + (b - m0 + 2), ok when both are in range; (l0, m0),
 * lane 12, always is. */
static void hln_k__affine_cands(const hln_k__kfit *k, float d, float dmin, int l0, int m0, float *d1, float *m1, int *ok) {
    int l, a, b;
    for (l = 25; l < 32; l++) { ok[l] = 0; d1[l] = m1[l] = 0.0f; }
    for (a = l0 - 2, l = 0; a <= l0 + 2; a++)
        for (b = m0 - 2; b <= m0 + 2; b++, l++) {
            ok[l] = a >= k->lmin && a <= k->lmax && b >= 0 && b <= k->lmax;
            d1[l] = ok[l] ? d * (float)a : 0.0f;
            m1[l] = ok[l] ? dmin * (float)b : 0.0f;
        }
}
/* Sub-block i of an affine type (Q2_K, Q4_K, Q5_K): the pair of lowest hln_k__err_affine with
 * the final d and dmin, the first of equal ones; simd: its errors and codes in AVX-512 lanes. */
static void hln_k__kfit_affine_sub(hln_k__kfit *k, int i, const float *xs, const float *ws, float d, float dmin, int l0, int m0, int simd) {
    float d1[32], m1[32], errs[32], best = 0.0f;
    int ok[32], l, pick = 12, have = 0;
    int8_t *q = k->q + i * k->sub;
    (void)simd;   /* no AVX-512 code in this build */
    hln_k__affine_cands(k, d, dmin, l0, m0, d1, m1, ok);
#ifdef HLN_K__X86
    if (simd) hln_k__q512_err_affine(xs, ws, k->sub, d1, m1, k->qmax, errs);
    else
#endif
    for (l = 0; l < 25; l++) errs[l] = ok[l] ? hln_k__err_affine(xs, ws, k->sub, d1[l], m1[l], k->qmax, NULL) : 0.0f;
    for (l = 0; l < 25; l++)
        if (ok[l] && (!have || errs[l] < best)) { have = 1; best = errs[l]; pick = l; }
    k->ls[i] = l0 - 2 + pick / 5;
    k->lm[i] = m0 - 2 + pick % 5;
#ifdef HLN_K__X86
    if (simd) { hln_k__q512_codes_affine(xs, k->sub, d1[pick], m1[pick], k->qmax, q); return; }
#endif
    hln_k__err_affine(xs, ws, k->sub, d1[pick], m1[pick], k->qmax, q);
}

static void hln_k__kfit_run(hln_k__kfit *k, const float *x) {
    float s[16], m[16], smax = 0.0f, ssigned = 0.0f, mmax = 0.0f, d, dmin = 0.0f;
    int i, a, finite[16];
    const int simd_sym = k->simd && !k->w;   /* the symmetric SIMD searches are unweighted */
    (void)simd_sym;                           /* no AVX-512 code in this build */
    for (i = 0; i < k->nsub; i++) {
        const float *xs = x + i * k->sub, *ws = k->w ? k->w + i * k->sub : NULL;
        if (k->affine) {
            float sw, swx, swxx;
            finite[i] = hln_k__affine_sums(xs, ws, k->sub, &sw, &swx, &swxx);
#ifdef HLN_K__X86
            if (k->simd && finite[i]) hln_k__q512_fit_affine(xs, ws, k->sub, k->qmax, sw, swx, swxx, &s[i], &m[i]);
            else
#endif
            hln_k__fit_affine(xs, ws, k->sub, k->qmax, sw, swx, swxx, &s[i], &m[i]);
        }
#ifdef HLN_K__X86
        else if (simd_sym && !k->levels) { s[i] = hln_k__q512_fit_sym(xs, k->sub, k->qmin, k->qmax); m[i] = 0.0f; }
#endif
        else { s[i] = k->levels ? hln_k__fit_nl(xs, ws, k->sub, k->levels) : hln_k__fit_sym(xs, ws, k->sub, k->qmin, k->qmax); m[i] = 0.0f; }
        if (hln_k__fabsf(s[i]) > smax) { smax = hln_k__fabsf(s[i]); ssigned = s[i]; }
        if (m[i] > mmax) mmax = m[i];
    }
    /* a signed scale range maps the largest magnitude onto the longer (negative) end */
    d = k->lmin < 0 ? ssigned / (float)k->lmin : smax / (float)k->lmax;
    k->d = hln_k_fp32_to_fp16(d); d = hln_k_fp16_to_fp32(k->d);
    if (k->affine) { dmin = mmax / (float)k->lmax; k->dmin = hln_k_fp32_to_fp16(dmin); dmin = hln_k_fp16_to_fp32(k->dmin); }
    else k->dmin = 0;
    for (i = 0; i < k->nsub; i++) {
        const float *xs = x + i * k->sub, *ws = k->w ? k->w + i * k->sub : NULL;
        int8_t qt[256];
        int l0 = d != 0.0f ? hln_k__clampi(hln_k__nearest(s[i] / d), k->lmin, k->lmax) : 0;
        int m0 = (k->affine && dmin != 0.0f) ? hln_k__clampi(hln_k__nearest(m[i] / dmin), 0, k->lmax) : 0;
        double best = -1.0;
        if (k->affine) {
            hln_k__kfit_affine_sub(k, i, xs, ws, d, dmin, l0, m0, k->simd && finite[i] && hln_k__isfinite(d) && hln_k__isfinite(dmin));
            continue;
        }
#ifdef HLN_K__X86
        if (simd_sym && !k->levels && hln_k__q512_kfit_search(k, xs, d, l0, &k->ls[i])) {
            k->lm[i] = 0;
            hln_k__q512_codes(xs, k->sub, d * (float)k->ls[i], 0.0f, k->qmin, k->qmax, k->q + i * k->sub);
            continue;
        }
#endif
        for (a = l0 - 2; a <= l0 + 2; a++) {
            double e;
            if (a < k->lmin || a > k->lmax) continue;
            e = hln_k__kfit_sub(k, xs, ws, d * (float)a, 0.0f, qt);
            if (best < 0.0 || e < best) { best = e; k->ls[i] = a; k->lm[i] = 0; memcpy(k->q + i * k->sub, qt, (size_t)k->sub); }
        }
    }
}

/* TQ1_0 / TQ2_0 block from 256 values (-1..1, or -1..2 for TQ2_0) and the fp16 scale. */
static void hln_k__tq_pack(hln_k_type type, const int8_t *q, uint16_t dh, uint8_t *b) {
    int i, j;
    memset(b, 0, (size_t)hln_k__traits[type].type_size);
    if (type == HLN_K_TQ2_0) {
        for (j = 0; j < 256; j++) b[(j / 128) * 32 + j % 32] |= (uint8_t)((q[j] + 1) << (2 * ((j % 128) / 32)));
        hln_k__st16(b + 64, dh);
    } else {
        /* a byte holds 5 trits t0..t4 as ceil((81 t0 + 27 t1 + 9 t2 + 3 t3 + t4) * 256 / 243) */
        int v[52];
        for (i = 0; i < 52; i++) v[i] = 0;
        for (j = 0; j < 256; j++) {
            int t = q[j] + 1, byte, digit;
            if (j < 160) { byte = j % 32; digit = j / 32; }
            else if (j < 240) { byte = 32 + (j - 160) % 16; digit = (j - 160) / 16; }
            else { byte = 48 + (j - 240) % 4; digit = (j - 240) / 4; }
            v[byte] += t * (digit == 0 ? 81 : digit == 1 ? 27 : digit == 2 ? 9 : digit == 3 ? 3 : 1);
        }
        for (i = 0; i < 52; i++) b[i] = (uint8_t)((v[i] * 256 + 242) / 243);
        hln_k__st16(b + 52, dh);
    }
}

/* One block; w: its importance weights (NULL: none), used by the search types only. */
static void hln_k__quant_block(hln_k_type type, const float *x, const float *w, uint8_t *b, int simd) {
    int j, i;
    switch (type) {
    case HLN_K_F32: hln_k__stf(b, x[0]); break;
    case HLN_K_F16: hln_k__st16(b, hln_k_fp32_to_fp16(x[0])); break;
    case HLN_K_BF16: hln_k__st16(b, hln_k_fp32_to_bf16(x[0])); break;
    case HLN_K_Q4_0: case HLN_K_Q5_0: {
        int five = type == HLN_K_Q5_0;
        float amax = 0.0f, max = 0.0f, d, id;
        uint32_t qh = 0;
        uint8_t *qs = b + (five ? 6 : 2);
        for (j = 0; j < 32; j++) { float a = hln_k__fabsf(x[j]); if (amax < a) { amax = a; max = x[j]; } }
        d = max / (five ? -16.0f : -8.0f);
        id = d != 0.0f ? 1.0f / d : 0.0f;
        hln_k__st16(b, hln_k_fp32_to_fp16(d));
        for (j = 0; j < 16; j++) {
            float x0 = x[j] * id, x1 = x[16 + j] * id;
            int lim = five ? 31 : 15;
            float off = five ? 16.5f : 8.5f;
            int xi0 = (int8_t)(x0 + off), xi1 = (int8_t)(x1 + off);
            if (xi0 > lim) xi0 = lim;
            if (xi1 > lim) xi1 = lim;
            qs[j] = (uint8_t)((xi0 & 0xF) | ((xi1 & 0xF) << 4));
            qh |= (uint32_t)((xi0 & 0x10) >> 4) << j;
            qh |= (uint32_t)((xi1 & 0x10) >> 4) << (j + 16);
        }
        if (five) hln_k__st32(b + 2, qh);
        break;
    }
    case HLN_K_Q4_1: case HLN_K_Q5_1: {
        int five = type == HLN_K_Q5_1, lim = five ? 31 : 15;
        float min = x[0], max = x[0], d, id;
        uint32_t qh = 0;
        uint8_t *qs = b + (five ? 8 : 4);
        for (j = 1; j < 32; j++) { if (x[j] < min) min = x[j]; if (x[j] > max) max = x[j]; }
        d = (max - min) / (float)lim;
        id = d != 0.0f ? 1.0f / d : 0.0f;
        hln_k__st16(b, hln_k_fp32_to_fp16(d)); hln_k__st16(b + 2, hln_k_fp32_to_fp16(min));
        for (j = 0; j < 16; j++) {
            float x0 = (x[j] - min) * id, x1 = (x[16 + j] - min) * id;
            int xi0 = (int)(uint8_t)(int)(x0 + 0.5f), xi1 = (int)(uint8_t)(int)(x1 + 0.5f);
            if (xi0 > lim) xi0 = lim;
            if (xi1 > lim) xi1 = lim;
            qs[j] = (uint8_t)((xi0 & 0xF) | ((xi1 & 0xF) << 4));
            qh |= (uint32_t)((xi0 & 0x10) >> 4) << j;
            qh |= (uint32_t)((xi1 & 0x10) >> 4) << (j + 16);
        }
        if (five) hln_k__st32(b + 4, qh);
        break;
    }
    case HLN_K_Q8_0: case HLN_K_Q8_1: {
        int one = type == HLN_K_Q8_1, sum = 0;
        float amax = 0.0f, d, id;
        int8_t *qs = (int8_t *)(b + (one ? 4 : 2));
        for (j = 0; j < 32; j++) { float a = hln_k__fabsf(x[j]); if (a > amax) amax = a; }
        d = amax / 127.0f;
        id = d != 0.0f ? 1.0f / d : 0.0f;
        hln_k__st16(b, hln_k_fp32_to_fp16(d));
        for (j = 0; j < 32; j++) { qs[j] = (int8_t)hln_k__roundf(x[j] * id); sum += qs[j]; }
        if (one) hln_k__st16(b + 2, hln_k_fp32_to_fp16((float)sum * d));
        break;
    }
    case HLN_K_Q8_K: {
        float amax = 0.0f, max = 0.0f, iscale;
        int8_t *qs = (int8_t *)(b + 4);
        for (j = 0; j < 256; j++) { float a = hln_k__fabsf(x[j]); if (a > amax) { amax = a; max = x[j]; } }
        if (amax == 0.0f) { memset(b, 0, sizeof(hln_k_block_q8_K)); break; }
        iscale = -127.0f / max;
        for (j = 0; j < 256; j++) { int v = hln_k__nearest(iscale * x[j]); qs[j] = (int8_t)(v > 127 ? 127 : v); }
        for (i = 0; i < 16; i++) {
            int sum = 0;
            for (j = 0; j < 16; j++) sum += qs[16 * i + j];
            hln_k__st16(b + 260 + 2 * i, (uint16_t)(int16_t)sum);
        }
        hln_k__stf(b, 1.0f / iscale);
        break;
    }
    case HLN_K_Q2_K: case HLN_K_Q3_K: case HLN_K_Q4_K: case HLN_K_Q5_K: case HLN_K_Q6_K: case HLN_K_IQ4_XS: {
        hln_k__kfit k;
        memset(&k, 0, sizeof k);
        k.simd = simd;
        k.w = w;
        switch (type) {
        case HLN_K_Q2_K: k.nsub = 16; k.sub = 16; k.qmax = 3; k.lmax = 15; k.affine = 1; break;
        case HLN_K_Q3_K: k.nsub = 16; k.sub = 16; k.qmin = -4; k.qmax = 3; k.lmin = -32; k.lmax = 31; break;
        case HLN_K_Q4_K: k.nsub = 8; k.sub = 32; k.qmax = 15; k.lmax = 63; k.affine = 1; break;
        case HLN_K_Q5_K: k.nsub = 8; k.sub = 32; k.qmax = 31; k.lmax = 63; k.affine = 1; break;
        case HLN_K_Q6_K: k.nsub = 16; k.sub = 16; k.qmin = -32; k.qmax = 31; k.lmin = -128; k.lmax = 127; break;
        default: k.nsub = 8; k.sub = 32; k.lmin = -32; k.lmax = 31; k.levels = hln_k__iq4nl_values; break;
        }
        hln_k__kfit_run(&k, x);
        memset(b, 0, (size_t)hln_k__traits[type].type_size);
        if (type == HLN_K_Q2_K) {
            for (i = 0; i < 16; i++) b[i] = (uint8_t)(k.ls[i] | (k.lm[i] << 4));
            for (j = 0; j < 256; j++) b[16 + (j / 128) * 32 + j % 32] |= (uint8_t)(k.q[j] << (2 * ((j % 128) / 32)));
            hln_k__st16(b + 80, k.d); hln_k__st16(b + 82, k.dmin);
        } else if (type == HLN_K_Q3_K) {
            uint8_t *sc = b + 96;
            for (i = 0; i < 16; i++) {
                int v = k.ls[i] + 32;
                if (i < 8) sc[i] |= (uint8_t)(v & 0xF); else sc[i - 8] |= (uint8_t)((v & 0xF) << 4);
                sc[8 + (i & 3)] |= (uint8_t)((v >> 4) << (2 * (i >> 2)));
            }
            for (j = 0; j < 256; j++) {
                int v = k.q[j] + 4;
                b[32 + (j / 128) * 32 + j % 32] |= (uint8_t)((v & 3) << (2 * ((j % 128) / 32)));
                if (v & 4) b[j % 32] |= (uint8_t)(1 << (j / 32));
            }
            hln_k__st16(b + 108, k.d);
        } else if (type == HLN_K_Q4_K || type == HLN_K_Q5_K) {
            int five = type == HLN_K_Q5_K;
            uint8_t *sc = b + 4, *qs = b + (five ? 48 : 16), *qh = b + 16;
            hln_k__st16(b, k.d); hln_k__st16(b + 2, k.dmin);
            for (i = 0; i < 8; i++) {
                int s = k.ls[i], m = k.lm[i];
                if (i < 4) { sc[i] |= (uint8_t)s; sc[i + 4] |= (uint8_t)m; }
                else {
                    sc[i + 4] |= (uint8_t)((s & 0xF) | ((m & 0xF) << 4));
                    sc[i - 4] |= (uint8_t)((s >> 4) << 6);
                    sc[i] |= (uint8_t)((m >> 4) << 6);
                }
            }
            for (j = 0; j < 128; j++) {   /* codes 64p + l (low nibble) and 64p + 32 + l (high) in byte 32p + l */
                const int p = j / 32, l = j % 32, lo = k.q[64 * p + l], hi = k.q[64 * p + 32 + l];
                qs[j] = (uint8_t)((lo & 0xF) | ((hi & 0xF) << 4));
                if (five) qh[l] |= (uint8_t)((((lo >> 4) & 1) << (2 * p)) | (((hi >> 4) & 1) << (2 * p + 1)));
            }
        } else if (type == HLN_K_Q6_K) {
            for (i = 0; i < 16; i++) b[192 + i] = (uint8_t)(int8_t)k.ls[i];
            for (j = 0; j < 256; j++) {
                int h = j / 128, r = j % 128, kq = r / 32, l = r % 32, v = k.q[j] + 32;
                b[64 * h + 32 * (kq & 1) + l] |= (uint8_t)((v & 0xF) << (4 * (kq >> 1)));
                b[128 + 32 * h + l] |= (uint8_t)((v >> 4) << (2 * kq));
            }
            hln_k__st16(b + 208, k.d);
        } else { /* IQ4_XS */
            uint16_t sh = 0;
            hln_k__st16(b, k.d);
            for (i = 0; i < 8; i++) {
                int v = k.ls[i] + 32;
                b[4 + i / 2] |= (uint8_t)((v & 0xF) << (4 * (i % 2)));
                sh |= (uint16_t)((v >> 4) << (2 * i));
            }
            hln_k__st16(b + 2, sh);
            for (j = 0; j < 256; j++) b[8 + 16 * (j / 32) + (j % 16)] |= (uint8_t)(k.q[j] << (4 * ((j % 32) / 16)));
        }
        break;
    }
    case HLN_K_IQ4_NL: {
        int8_t q[32];
        float d = hln_k__fit_nl(x, w, 32, hln_k__iq4nl_values);
        uint16_t dh = hln_k_fp32_to_fp16(d);
        hln_k__err_nl(x, w, 32, hln_k_fp16_to_fp32(dh), hln_k__iq4nl_values, q);
        hln_k__st16(b, dh);
        for (j = 0; j < 16; j++) b[2 + j] = (uint8_t)(q[j] | (q[j + 16] << 4));
        break;
    }
    case HLN_K_TQ1_0: case HLN_K_TQ2_0: {
        int8_t q[256];
        int two = type == HLN_K_TQ2_0;
        float d = hln_k__fit_sym(x, w, 256, -1, two ? 2 : 1);
        uint16_t dh = hln_k_fp32_to_fp16(d);
        hln_k__err_int(x, w, 256, hln_k_fp16_to_fp32(dh), 0.0f, -1, two ? 2 : 1, q);
        hln_k__tq_pack(type, q, dh, b);
        break;
    }
    case HLN_K_MXFP4: {
        float amax = 0.0f;
        int e0, e, best_e = 0;
        double best = -1.0;
        for (j = 0; j < 32; j++) { float a = hln_k__fabsf(x[j]); if (a > amax) amax = a; }
        e0 = amax > 0.0f ? (int)((hln_k__fbits(amax) >> 23) & 0xff) - 2 : 0;
        for (e = e0 - 1; e <= e0 + 2; e++) {
            double err = 0.0;
            float d;
            if (e < 0 || e > 254) continue;
            d = hln_k__e8m0_half((uint8_t)e);
            for (j = 0; j < 32; j++) {
                int t; float be = -1.0f;
                for (t = 0; t < 16; t++) { float ev = hln_k__fabsf((float)hln_k__fp4_values[t] * d - x[j]); if (be < 0.0f || ev < be) be = ev; }
                err += (double)HLN_K__W(w, j) * be * be;
            }
            if (best < 0.0 || err < best) { best = err; best_e = e; }
        }
        b[0] = (uint8_t)best_e;
        {
            float d = hln_k__e8m0_half((uint8_t)best_e);
            int q[32];
            for (j = 0; j < 32; j++) {
                int t, bt = 0; float be = -1.0f;
                for (t = 0; t < 16; t++) { float ev = hln_k__fabsf((float)hln_k__fp4_values[t] * d - x[j]); if (be < 0.0f || ev < be) { be = ev; bt = t; } }
                q[j] = bt;
            }
            for (j = 0; j < 16; j++) b[1 + j] = (uint8_t)(q[j] | (q[j + 16] << 4));
        }
        break;
    }
    default: break;
    }
}

static hln_k_path hln_k__resolve(hln_k_path path);
HLN_K_DEF HLN_K__UNUSED int hln_k_quantize_uses_weights(hln_k_type t) {
    return t == HLN_K_Q2_K || t == HLN_K_Q3_K || t == HLN_K_Q4_K || t == HLN_K_Q5_K || t == HLN_K_Q6_K || t == HLN_K_IQ4_NL ||
           t == HLN_K_IQ4_XS || t == HLN_K_TQ1_0 || t == HLN_K_TQ2_0 || t == HLN_K_MXFP4;
}
/* Whether a block's weights change the search: not when they are all equal (minimising
 * c sum (x - q)^2 is minimising sum (x - q)^2, so those blocks take the unweighted bytes). */
static int hln_k__weights_differ(const float *w, int n) {
    int j;
    for (j = 1; j < n; j++) if (w[j] != w[0]) return 1;
    return 0;
}
/* sum w (x - y)^2 of a block as it dequantizes, in double, in element order */
static double hln_k__block_werr(hln_k_type type, const float *x, const float *w, const uint8_t *b, int n) {
    float y[HLN_K__MAXB];
    double e = 0.0;
    int j;
    hln_k__deq_ref_block(type, b, y);
    for (j = 0; j < n; j++) e += (double)w[j] * ((double)x[j] - y[j]) * ((double)x[j] - y[j]);
    return e;
}
/* A weighted block: the weighted search's bytes, unless the plain search's have a strictly
 * lower weighted error (the searches are heuristics, so either can win): never worse than
 * ignoring the weights. */
static void hln_k__quant_block_weighted(hln_k_type type, const float *x, const float *w, uint8_t *b, int simd) {
    uint8_t plain[512];
    const int n = hln_k__traits[type].block_size;
    hln_k__quant_block(type, x, w, b, simd);
    hln_k__quant_block(type, x, NULL, plain, simd);
    if (hln_k__block_werr(type, x, w, plain, n) < hln_k__block_werr(type, x, w, b, n))
        memcpy(b, plain, (size_t)hln_k__traits[type].type_size);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_quantize_weighted_path(hln_k_path path, hln_k_type type, const float *src, const float *weights,
                                                                   void *dst, int64_t n) {
    int64_t nb, i;
    hln_k_result r = hln_k__check(type, src, dst, n, &nb);
    const hln_k_type_traits *t;
    int simd;
    if (r) return r;
    t = hln_k_traits(type);
    if (!t->can_quantize) return HLN_K_ERR_TYPE;
    if ((path = hln_k__resolve(path)) == HLN_K_PATH_COUNT) return HLN_K_ERR_PATH;
    for (i = 0; weights && i < n; i++)
        if (!(weights[i] >= 0.0f) || !hln_k__isfinite(weights[i])) return HLN_K_ERR_ARG;
#ifdef HLN_K__X86
    if ((type == HLN_K_F16 || type == HLN_K_BF16) && path != HLN_K_PATH_REF)   /* the row converter (x86 is little endian) */
        return hln_k_convert_path(path, HLN_K_F32, src, type, dst, n);
#endif
    simd = path == HLN_K_PATH_AVX512;
    for (i = 0; i < nb; i++) {
        const float *w = weights ? weights + i * t->block_size : NULL;
        uint8_t *b = (uint8_t *)dst + (size_t)i * (size_t)t->type_size;
        if (w && hln_k__weights_differ(w, t->block_size) && hln_k_quantize_uses_weights(type)) hln_k__quant_block_weighted(type, src + i * t->block_size, w, b, simd);
        else hln_k__quant_block(type, src + i * t->block_size, NULL, b, simd);
    }
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_quantize_weighted(hln_k_type type, const float *src, const float *weights, void *dst, int64_t n) {
    return hln_k_quantize_weighted_path(HLN_K_PATH_AUTO, type, src, weights, dst, n);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_quantize_path(hln_k_path path, hln_k_type type, const float *src, void *dst, int64_t n) {
    return hln_k_quantize_weighted_path(path, type, src, NULL, dst, n);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_quantize(hln_k_type type, const float *src, void *dst, int64_t n) {
    return hln_k_quantize_path(HLN_K_PATH_AUTO, type, src, dst, n);
}

/* ==========================================================================================
 * Dot products, scalar reference. A weight block is decoded to integers: values qv[j], a
 * per-group integer scale gs[g] and min gm[g] (group size G), and float factors A (scale)
 * and B (min). The block's dot with activation ints xq and scale dx is
 *   A dx sum_g gs[g] sum_{j in g} qv[j] xq[j]  -  B dx sum_g gm[g] sum_{j in g} xq[j]
 * computed exactly in integers, then accumulated in double. Q4_1/Q5_1 instead add m * s,
 * where s is the Q8_1 block's stored d * sum(q), as ggml does.
 * ======================================================================================== */
typedef struct hln_k__ints {
    int8_t qv[256];          /* every type's integer values fit in [-127, 127] */
    int gs[16], gm[16], G, has_min, has_gf;
    float A, B, gf[16];      /* gf: a float factor per group (NVFP4's E4M3 scales), when has_gf */
} hln_k__ints;

/* IQ1/IQ2/IQ3 blocks to integers (see hln_k__decode_ints). */
static void hln_k__decode_iq(hln_k_type type, const uint8_t *b, hln_k__ints *o) {
    int i, l, j;
    int8_t *q = o->qv;
    float d = hln_k_fp16_to_fp32(hln_k__ld16(b));
    o->A = d * 0.125f; o->G = 32;
    switch (type) {
    case HLN_K_IQ2_XXS: case HLN_K_IQ2_XS: case HLN_K_IQ2_S:
        if (type != HLN_K_IQ2_XXS) o->G = 16;
        for (i = 0; i < 8; i++) {
            uint32_t a0 = hln_k__ld32(b + 2 + 8 * i), a1 = hln_k__ld32(b + 6 + 8 * i);
            if (type == HLN_K_IQ2_XXS) o->gs[i] = 2 * (int)(a1 >> 28) + 1;
            else {
                int s = b[(type == HLN_K_IQ2_XS ? 66 : 74) + i];
                o->gs[2 * i] = 2 * (s & 0xF) + 1; o->gs[2 * i + 1] = 2 * (s >> 4) + 1;
            }
            for (l = 0; l < 4; l++, q += 8) {
                uint32_t grid, signs;
                if (type == HLN_K_IQ2_XXS) {
                    grid = hln_k__iq2xxs_grid[(a0 >> (8 * l)) & 255]; signs = hln_k__ksigns((a1 >> (7 * l)) & 127);
                } else if (type == HLN_K_IQ2_XS) {
                    uint16_t v = hln_k__ld16(b + 2 + 8 * i + 2 * l);
                    grid = hln_k__iq2xs_grid[v & 511]; signs = hln_k__ksigns(v >> 9);
                } else {
                    grid = hln_k__iq2s_grid[b[2 + 4 * i + l] | ((b[66 + i] << (8 - 2 * l)) & 0x300)];
                    signs = b[34 + 4 * i + l];
                }
                for (j = 0; j < 8; j++) {
                    int v = hln_k__iq2_levels[(grid >> (2 * j)) & 3];
                    q[j] = (int8_t)((signs >> j) & 1 ? -v : v);
                }
            }
        }
        break;
    case HLN_K_IQ3_XXS: case HLN_K_IQ3_S:
        if (type == HLN_K_IQ3_S) o->A = d;
        else o->A = d * 0.25f;
        for (i = 0; i < 8; i++) {
            uint32_t aux = type == HLN_K_IQ3_XXS ? hln_k__ld32(b + 66 + 4 * i) : 0;
            if (type == HLN_K_IQ3_XXS) o->gs[i] = 2 * (int)(aux >> 28) + 1;
            else o->gs[i] = 1 + 2 * ((i & 1) ? (b[106 + i / 2] >> 4) : (b[106 + i / 2] & 0xF));
            for (l = 0; l < 4; l++, q += 8) {
                uint32_t g1, g2, signs;
                if (type == HLN_K_IQ3_XXS) {
                    g1 = hln_k__iq3xxs_grid[b[2 + 8 * i + 2 * l]]; g2 = hln_k__iq3xxs_grid[b[3 + 8 * i + 2 * l]];
                    signs = hln_k__ksigns((aux >> (7 * l)) & 127);
                } else {
                    int qh = b[66 + i];
                    g1 = hln_k__iq3s_grid[b[2 + 8 * i + 2 * l] | ((qh << (8 - 2 * l)) & 256)];
                    g2 = hln_k__iq3s_grid[b[3 + 8 * i + 2 * l] | ((qh << (7 - 2 * l)) & 256)];
                    signs = b[74 + 4 * i + l];
                }
                for (j = 0; j < 8; j++) {
                    int c = (int)(((j < 4 ? g1 : g2) >> (3 * (j & 3))) & 7);
                    int v = type == HLN_K_IQ3_XXS ? hln_k__iq3xxs_levels[c] : 2 * c + 1;
                    q[j] = (int8_t)((signs >> j) & 1 ? -v : v);
                }
            }
        }
        break;
    case HLN_K_IQ1_S:
        for (i = 0; i < 8; i++) {
            uint32_t qh = hln_k__ld16(b + 34 + 2 * i);
            int delta = (qh & 0x8000) ? -1 : 1;
            o->gs[i] = 2 * (int)((qh >> 12) & 7) + 1;
            for (l = 0; l < 4; l++, q += 8) {
                uint32_t g = hln_k__iq1s_grid[b[2 + 4 * i + l] | (((qh >> (3 * l)) & 7) << 8)];
                for (j = 0; j < 8; j++) q[j] = (int8_t)(8 * ((int)((g >> (2 * j)) & 3) - 1) + delta);
            }
        }
        break;
    default: {  /* IQ1_M */
        uint16_t sc[4];
        for (i = 0; i < 4; i++) sc[i] = hln_k__ld16(b + 48 + 2 * i);
        o->A = 0.125f * hln_k_fp16_to_fp32((uint16_t)((sc[0] >> 12) | ((sc[1] >> 8) & 0x00f0) | ((sc[2] >> 4) & 0x0f00) | (sc[3] & 0xf000)));
        o->G = 16;
        for (i = 0; i < 8; i++) {
            const uint8_t *qs = b + 4 * i, *qh = b + 32 + 2 * i;
            o->gs[2 * i] = 2 * ((sc[i / 2] >> (6 * (i % 2))) & 7) + 1;
            o->gs[2 * i + 1] = 2 * ((sc[i / 2] >> (6 * (i % 2) + 3)) & 7) + 1;
            for (l = 0; l < 4; l++, q += 8) {
                int h = qh[l / 2] >> (4 * (l & 1));
                uint32_t g = hln_k__iq1s_grid[qs[l] | ((h & 7) << 8)];
                int delta = (h & 8) ? -1 : 1;
                for (j = 0; j < 8; j++) q[j] = (int8_t)(8 * ((int)((g >> (2 * j)) & 3) - 1) + delta);
            }
        }
        break;
    }
    }
}

static void hln_k__decode_ints(hln_k_type type, const uint8_t *b, hln_k__ints *o) {
    int j, g;
    o->G = 256; o->has_min = 0; o->has_gf = 0; o->B = 0.0f;
    for (g = 0; g < 16; g++) { o->gs[g] = 1; o->gm[g] = 0; }
    switch (type) {
    case HLN_K_Q4_0: case HLN_K_IQ4_NL: case HLN_K_Q4_1: {
        int one = type == HLN_K_Q4_1;
        const uint8_t *qs = b + (one ? 4 : 2);
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b)); o->G = 32;
        for (j = 0; j < 16; j++) {
            int lo = qs[j] & 0xF, hi = qs[j] >> 4;
            if (type == HLN_K_IQ4_NL) { lo = hln_k__iq4nl_values[lo]; hi = hln_k__iq4nl_values[hi]; }
            else if (!one) { lo -= 8; hi -= 8; }
            o->qv[j] = (int8_t)lo; o->qv[j + 16] = (int8_t)hi;
        }
        break;
    }
    case HLN_K_Q5_0: case HLN_K_Q5_1: {
        int one = type == HLN_K_Q5_1;
        uint32_t qh = hln_k__ld32(b + (one ? 4 : 2));
        const uint8_t *qs = b + (one ? 8 : 6);
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b)); o->G = 32;
        for (j = 0; j < 16; j++) {
            o->qv[j] = (int8_t)(((qs[j] & 0xF) | (int)(((qh >> j) & 1) << 4)) - (one ? 0 : 16));
            o->qv[j + 16] = (int8_t)(((qs[j] >> 4) | (int)(((qh >> (j + 16)) & 1) << 4)) - (one ? 0 : 16));
        }
        break;
    }
    case HLN_K_Q8_0:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b)); o->G = 32;
        for (j = 0; j < 32; j++) o->qv[j] = (int8_t)b[2 + j];
        break;
    case HLN_K_Q2_K:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b + 80)); o->B = hln_k_fp16_to_fp32(hln_k__ld16(b + 82));
        o->G = 16; o->has_min = 1;
        for (g = 0; g < 16; g++) { o->gs[g] = b[g] & 0xF; o->gm[g] = b[g] >> 4; }
        for (j = 0; j < 256; j++) o->qv[j] = (int8_t)((b[16 + (j / 128) * 32 + j % 32] >> (2 * ((j % 128) / 32))) & 3);
        break;
    case HLN_K_Q3_K:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b + 108)); o->G = 16;
        for (g = 0; g < 16; g++) o->gs[g] = hln_k__q3_K_scale(g, b + 96);
        for (j = 0; j < 256; j++) {
            int lo = (b[32 + (j / 128) * 32 + j % 32] >> (2 * ((j % 128) / 32))) & 3;
            o->qv[j] = (int8_t)(lo - ((b[j % 32] >> (j / 32)) & 1 ? 0 : 4));
        }
        break;
    case HLN_K_Q4_K: case HLN_K_Q5_K: {
        int five = type == HLN_K_Q5_K;
        const uint8_t *qs = b + (five ? 48 : 16);
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b)); o->B = hln_k_fp16_to_fp32(hln_k__ld16(b + 2));
        o->G = 32; o->has_min = 1;
        for (g = 0; g < 8; g++) hln_k__q4_K_scale_min(g, b + 4, &o->gs[g], &o->gm[g]);
        for (j = 0; j < 256; j++) {
            int p = j / 64, hi = (j % 64) / 32, l = j % 32;
            o->qv[j] = (int8_t)(((qs[32 * p + l] >> (4 * hi)) & 0xF) | (five ? ((b[16 + l] >> (2 * p + hi)) & 1) << 4 : 0));
        }
        break;
    }
    case HLN_K_Q6_K:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b + 208)); o->G = 16;
        for (g = 0; g < 16; g++) o->gs[g] = (int8_t)b[192 + g];
        for (j = 0; j < 256; j++) {
            int h = j / 128, r = j % 128, k = r / 32, l = r % 32;
            int lo = (b[64 * h + 32 * (k & 1) + l] >> (4 * (k >> 1))) & 0xF;
            int hi = (b[128 + 32 * h + l] >> (2 * k)) & 3;
            o->qv[j] = (int8_t)((lo | (hi << 4)) - 32);
        }
        break;
    case HLN_K_IQ4_XS:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b)); o->G = 32;
        for (g = 0; g < 8; g++) o->gs[g] = hln_k__iq4_xs_scale(g, b);
        for (j = 0; j < 256; j++) o->qv[j] = hln_k__iq4nl_values[(b[8 + 16 * (j / 32) + j % 16] >> (4 * ((j % 32) / 16))) & 0xF];
        break;
    case HLN_K_TQ2_0:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b + 64));
        for (j = 0; j < 256; j++) o->qv[j] = (int8_t)(((b[(j / 128) * 32 + j % 32] >> (2 * ((j % 128) / 32))) & 3) - 1);
        break;
    case HLN_K_TQ1_0: {
        static const uint8_t pow3[5] = { 1, 3, 9, 27, 81 };
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b + 52));
        for (j = 0; j < 256; j++) {
            int byte, digit; uint8_t q;
            if (j < 160) { byte = j % 32; digit = j / 32; }
            else if (j < 240) { byte = 32 + (j - 160) % 16; digit = (j - 160) / 16; }
            else { byte = 48 + (j - 240) % 4; digit = (j - 240) / 4; }
            q = (uint8_t)(b[byte] * pow3[digit]);
            o->qv[j] = (int8_t)(((q * 3) >> 8) - 1);
        }
        break;
    }
    /* The IQ, FP4 and 1/2-bit types (ggml's dequantization order, integer form): IQ2/IQ1
     * sub-block scales (0.5 + s) / 4 become 2s + 1 with A = d / 8, IQ1's +-1/8 delta makes the
     * values 8 (g - 1) +- 1; IQ3_XXS's (0.5 + s) / 2 becomes 2s + 1 with A = d / 4. */
    case HLN_K_IQ2_XXS: case HLN_K_IQ2_XS: case HLN_K_IQ2_S: case HLN_K_IQ3_XXS: case HLN_K_IQ3_S:
    case HLN_K_IQ1_S: case HLN_K_IQ1_M:
        hln_k__decode_iq(type, b, o);
        break;
    case HLN_K_MXFP4:
        o->A = hln_k__e8m0_half(b[0]); o->G = 32;
        for (j = 0; j < 16; j++) { o->qv[j] = hln_k__fp4_values[b[1 + j] & 0xF]; o->qv[j + 16] = hln_k__fp4_values[b[1 + j] >> 4]; }
        break;
    case HLN_K_NVFP4:
        o->A = 0.5f; o->G = 16; o->has_gf = 1;
        for (g = 0; g < 4; g++) {
            o->gf[g] = hln_k__ue4m3(b[g]);
            for (j = 0; j < 8; j++) {
                o->qv[16 * g + j] = hln_k__fp4_values[b[4 + 8 * g + j] & 0xF];
                o->qv[16 * g + j + 8] = hln_k__fp4_values[b[4 + 8 * g + j] >> 4];
            }
        }
        break;
    case HLN_K_Q1_0:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b)); o->G = 32;
        for (j = 0; j < 128; j++) o->qv[j] = (int8_t)((b[2 + j / 8] >> (j % 8)) & 1 ? 1 : -1);
        break;
    case HLN_K_Q2_0:
        o->A = hln_k_fp16_to_fp32(hln_k__ld16(b)); o->G = 32;
        for (j = 0; j < 64; j++) o->qv[j] = (int8_t)(((b[2 + j / 4] >> (2 * (j % 4))) & 3) - 1);
        break;
    default: o->A = 0.0f; break;
    }
}

static int hln_k__dot_supported(hln_k_type type) {
    switch (type) {
    case HLN_K_F16: case HLN_K_BF16: case HLN_K_Q4_0: case HLN_K_Q4_1: case HLN_K_Q5_0: case HLN_K_Q5_1:
    case HLN_K_Q8_0: case HLN_K_Q2_K: case HLN_K_Q3_K: case HLN_K_Q4_K: case HLN_K_Q5_K: case HLN_K_Q6_K:
    case HLN_K_IQ4_NL: case HLN_K_IQ4_XS: case HLN_K_TQ1_0: case HLN_K_TQ2_0:
    case HLN_K_IQ2_XXS: case HLN_K_IQ2_XS: case HLN_K_IQ2_S: case HLN_K_IQ3_XXS: case HLN_K_IQ3_S:
    case HLN_K_IQ1_S: case HLN_K_IQ1_M: case HLN_K_MXFP4: case HLN_K_NVFP4: case HLN_K_Q1_0: case HLN_K_Q2_0: return 1;
    default: return 0;
    }
}

/* Activation block k of weight block i (nx activation blocks per weight block): its scale and
 * int8 values (Q8_K: float d first; Q8_0: fp16 d; Q8_1: fp16 d and s). */
static const int8_t *hln_k__xblock(const hln_k_type_traits *tx, const uint8_t *x, int64_t i, int nx, int k, float *dx) {
    const uint8_t *xb = x + ((size_t)i * (size_t)nx + (size_t)k) * (size_t)tx->type_size;
    if (tx->block_size == 256) { *dx = hln_k__ldf(xb); return (const int8_t *)(xb + 4); }
    *dx = hln_k_fp16_to_fp32(hln_k__ld16(xb));
    return (const int8_t *)(xb + (tx->type_size == 36 ? 4 : 2));
}

/* One row: nb weight blocks against the activation row. */
static float hln_k__dot_ref_row(hln_k_type type, int64_t nb, const uint8_t *w, const uint8_t *x) {
    double sum = 0.0;
    int64_t i;
    const hln_k_type_traits *tw = &hln_k__traits[type], *tx = &hln_k__traits[tw->vec_dot_type];
    if (type == HLN_K_F16 || type == HLN_K_BF16) {
        for (i = 0; i < nb; i++) {
            float a = type == HLN_K_F16 ? hln_k_fp16_to_fp32(hln_k__ld16(w + 2 * i)) : hln_k_bf16_to_fp32(hln_k__ld16(w + 2 * i));
            float c = type == HLN_K_F16 ? hln_k_fp16_to_fp32(hln_k__ld16(x + 2 * i)) : hln_k_bf16_to_fp32(hln_k__ld16(x + 2 * i));
            sum += (double)(a * c);
        }
        return (float)sum;
    }
    for (i = 0; i < nb; i++) {
        /* a weight block spans nx activation blocks (NVFP4, Q1_0, Q2_0 against Q8_0), each with its
         * own scale; groups never straddle two of them */
        const int nx = tw->block_size / tx->block_size, xbs = tx->block_size;
        hln_k__ints o;
        int g, j, k;
        hln_k__decode_ints(type, w + (size_t)i * (size_t)tw->type_size, &o);
        for (k = 0; k < nx; k++) {
            float dx;
            const int8_t *xq = hln_k__xblock(tx, x, i, nx, k, &dx);
            int64_t isum = 0, msum = 0;
            double fsum = 0.0;
            for (g = k * xbs / o.G; g < (k + 1) * xbs / o.G; g++) {
                int64_t s = 0, sx = 0;
                for (j = g * o.G; j < (g + 1) * o.G; j++) { s += (int64_t)o.qv[j] * xq[j - k * xbs]; sx += xq[j - k * xbs]; }
                if (o.has_gf) fsum += (double)o.gf[g] * (double)(s * o.gs[g]);
                else isum += s * o.gs[g];
                msum += sx * o.gm[g];
            }
            sum += (double)o.A * dx * (o.has_gf ? fsum : (double)isum);
            if (o.has_min) sum -= (double)o.B * dx * (double)msum;
        }
        if (type == HLN_K_Q4_1 || type == HLN_K_Q5_1)
            sum += (double)hln_k_fp16_to_fp32(hln_k__ld16(w + (size_t)i * (size_t)tw->type_size + 2)) *
                   (double)hln_k_fp16_to_fp32(hln_k__ld16(x + (size_t)i * (size_t)tx->type_size + 2));
    }
    return (float)sum;
}

/* Kernel shape shared by every path: nr (1..4) rows at w, row_bytes apart, nb blocks each. */
typedef void (*hln_k__dot_fn)(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t row_bytes, const uint8_t *x, float *out);

static void hln_k__dot_ref(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    int r;
    for (r = 0; r < nr; r++) out[r] = hln_k__dot_ref_row(type, nb, w + (size_t)r * rs, x);
}

/* ---- Row-interleaved ("x4") layout of Q4_0, IQ4_NL, Q8_0 (hln_k_repack) ----
 * Rows go in groups of 4; a group keeps its 4 * row_bytes bytes, the rows after the last whole
 * group stay as they are. In a group, each run of 4 blocks of the 4 rows (16 blocks) is a tile:
 * the 16 fp16 scales (row 0 blocks 0-3, row 1 blocks 0-3, ...), then the quants of row 0's 4
 * blocks back to back, then row 1's, row 2's, row 3's, so one 64-byte load holds a row's 4
 * blocks of Q4_0 nibbles, and one 32-byte load the scales of all 16 blocks. The last nb % 4
 * blocks of each row follow the tiles as plain blocks, row 0's first. */
static int hln_k__x4_type(hln_k_type type) { return type == HLN_K_Q4_0 || type == HLN_K_IQ4_NL || type == HLN_K_Q8_0; }
/* where block i of row r (r < 4) of a group of nb-block rows keeps its scale and its quants */
static void hln_k__x4_where(int ws, int64_t nb, int r, int64_t i, size_t *scale, size_t *quants) {
    const int64_t nu = nb / 4, t = nb % 4;
    if (i < 4 * nu) {
        size_t tile = (size_t)(i / 4) * 16 * (size_t)ws, k = (size_t)(4 * r + i % 4);
        *scale = tile + 2 * k;
        *quants = tile + 32 + k * (size_t)(ws - 2);
    } else {
        *scale = (size_t)nu * 16 * (size_t)ws + (size_t)(r * t + (i - 4 * nu)) * (size_t)ws;
        *quants = *scale + 2;
    }
}
/* one group from plain rows (rs apart) to the x4 layout (to_x4) or back */
static void hln_k__x4_group(int ws, int64_t nb, size_t rs, const uint8_t *src, uint8_t *dst, int to_x4) {
    int r;
    int64_t i;
    for (r = 0; r < 4; r++)
        for (i = 0; i < nb; i++) {
            const size_t po = (size_t)r * rs + (size_t)i * (size_t)ws;
            size_t so, qo;
            hln_k__x4_where(ws, nb, r, i, &so, &qo);
            if (to_x4) { memcpy(dst + so, src + po, 2); memcpy(dst + qo, src + po + 2, (size_t)ws - 2); }
            else { memcpy(dst + po, src + so, 2); memcpy(dst + po + 2, src + qo, (size_t)ws - 2); }
        }
}

/* ==========================================================================================
 * AVX2 (+FMA, F16C) kernels, compiled with target attributes and chosen at run time.
 * Integer dots use maddubs (u8 x s8 -> s16 pairs) then madd (-> s32); weights that are signed
 * go through the abs/sign trick, unsigned ones (nibbles, K-quant codes) are multiplied as is
 * and their offset is removed with the activation sums. Activation quants must lie in
 * [-127, 127], which is all hln_k_quantize produces.
 * ======================================================================================== */
#ifdef HLN_K__X86
#define HLN_K__AVX2_INLINE HLN_K__AVX2 static inline __attribute__((always_inline))

HLN_K__AVX2_INLINE float hln_k__hsum_ps(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
HLN_K__AVX2_INLINE int hln_k__hsum_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return _mm_cvtsi128_si32(s);
}
HLN_K__AVX2_INLINE float hln_k__avx2_h(const uint8_t *p) { return _cvtsh_ss(hln_k__ld16(p)); }
/* 16 bytes of nibbles -> 32 bytes: low nibbles then high nibbles (ggml's element order). */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_nibbles(const uint8_t *p) {
    __m128i t = _mm_loadu_si128((const __m128i *)p);
    __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(t), _mm_srli_epi16(t, 4), 1);
    return _mm256_and_si256(v, _mm256_set1_epi8(0x0F));
}
/* 32 bits -> 32 bytes, byte j = 0xFF when bit j is set. */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_bits(uint32_t bits) {
    const __m256i shuf = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
                                          2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3);
    const __m256i mask = _mm256_set1_epi64x((long long)0x8040201008040201ull);
    __m256i v = _mm256_shuffle_epi8(_mm256_set1_epi32((int)bits), shuf);
    return _mm256_cmpeq_epi8(_mm256_and_si256(v, mask), mask);
}
HLN_K__AVX2_INLINE __m256i hln_k__avx2_iq4(__m256i idx) {
    const __m256i tab = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hln_k__iq4nl_values));
    return _mm256_shuffle_epi8(tab, idx);
}
/* signed x signed 32-byte dot -> 16 s16 pair sums (w must not be -128 together with x). */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_dot_ss(__m256i w, __m256i x) {
    return _mm256_maddubs_epi16(_mm256_sign_epi8(w, w), _mm256_sign_epi8(x, w));
}
/* From 16 scale bytes (both 128-bit lanes hold them): int16 lanes 0-7 = byte g, 8-15 = byte
 * g+1, zero-extended (sign = 0) or sign-extended (sign = 1). */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_scale_pair(__m256i bytes2, int g, int sign) {
    __m256i ctl;
    if (sign) {  /* byte into the high half, then an arithmetic shift */
        ctl = _mm256_add_epi16(_mm256_setr_epi16(0x0080, 0x0080, 0x0080, 0x0080, 0x0080, 0x0080, 0x0080, 0x0080,
                                                 0x0180, 0x0180, 0x0180, 0x0180, 0x0180, 0x0180, 0x0180, 0x0180),
                               _mm256_set1_epi16((short)(g << 8)));
        return _mm256_srai_epi16(_mm256_shuffle_epi8(bytes2, ctl), 8);
    }
    ctl = _mm256_add_epi16(_mm256_setr_epi16(-32768, -32768, -32768, -32768, -32768, -32768, -32768, -32768,
                                             -32767, -32767, -32767, -32767, -32767, -32767, -32767, -32767),
                           _mm256_set1_epi16((short)g));
    return _mm256_shuffle_epi8(bytes2, ctl);
}

/* One block of the 32-element family against Q8_0 / Q8_1 as int16 pair sums (the tails of
 * the multi-row kernels). */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_q32_pairs(hln_k_type type, const uint8_t *b, __m256i xv) {
    if (type == HLN_K_Q8_0) return hln_k__avx2_dot_ss(_mm256_loadu_si256((const __m256i *)(b + 2)), xv);
    if (type == HLN_K_IQ4_NL) return hln_k__avx2_dot_ss(hln_k__avx2_iq4(hln_k__avx2_nibbles(b + 2)), xv);
    if (type == HLN_K_Q4_0)
        return _mm256_sub_epi16(_mm256_maddubs_epi16(hln_k__avx2_nibbles(b + 2), xv), _mm256_maddubs_epi16(_mm256_set1_epi8(8), xv));
    if (type == HLN_K_Q4_1) return _mm256_maddubs_epi16(hln_k__avx2_nibbles(b + 4), xv);
    {
        int o = type == HLN_K_Q5_1 ? 4 : 2;
        __m256i q = _mm256_or_si256(hln_k__avx2_nibbles(b + o + 4),
                                    _mm256_and_si256(hln_k__avx2_bits(hln_k__ld32(b + o)), _mm256_set1_epi8(0x10)));
        __m256i p = _mm256_maddubs_epi16(q, xv);
        return type == HLN_K_Q5_0 ? _mm256_sub_epi16(p, _mm256_maddubs_epi16(_mm256_set1_epi8(16), xv)) : p;
    }
}

/* Sum of activation block bsums weighted by 16 int16 group factors. */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_bsum_dot(const uint8_t *xb, __m256i factors16) {
    return _mm256_madd_epi16(_mm256_loadu_si256((const __m256i *)(xb + 260)), factors16);
}

/* The 256-element super-blocks against Q8_K, one row at a time. */
HLN_K__AVX2_INLINE float hln_k__avx2_k_row(hln_k_type type, int64_t nb, const uint8_t *w, const uint8_t *x) {
    __m256 acc = _mm256_setzero_ps();
    float macc = 0.0f;
    const __m256i m4 = _mm256_set1_epi8(0x0F), m3 = _mm256_set1_epi8(3), m1 = _mm256_set1_epi8(1);
    int wsize = hln_k__traits[type].type_size;
    int64_t i;
    for (i = 0; i < nb; i++) {
        const uint8_t *b = w + i * wsize, *xb = x + i * 292, *xq = xb + 4;
        /* one row is one sequential stream, which the hardware prefetchers still pick up late
         * beyond the LLC: 2 KiB ahead took Q5_K from 0.5 to 0.77 of bandwidth on the Xeon */
        { int o_; for (o_ = 0; o_ < wsize; o_ += 64) _mm_prefetch((const char *)b + 2048 + o_, _MM_HINT_T0); }
        float dx = hln_k__ldf(xb);
        __m256i ai = _mm256_setzero_si256();
        int p;
        if (type == HLN_K_Q4_K || type == HLN_K_Q5_K) {
            uint32_t u0 = hln_k__ld32(b + 4), u1 = hln_k__ld32(b + 8), u2 = hln_k__ld32(b + 12);
            uint32_t sw[2], mw[2];
            const uint8_t *sc = (const uint8_t *)sw, *mn = (const uint8_t *)mw;
            __m256i qh = _mm256_setzero_si256();
            __m128i bs, prod;
            int five = type == HLN_K_Q5_K;
            const uint8_t *qs = b + (five ? 48 : 16);
            sw[0] = u0 & 0x3f3f3f3fu; mw[0] = u1 & 0x3f3f3f3fu;
            sw[1] = (u2 & 0x0f0f0f0fu) | (((u0 >> 6) & 0x03030303u) << 4);
            mw[1] = ((u2 >> 4) & 0x0f0f0f0fu) | (((u1 >> 6) & 0x03030303u) << 4);
            bs = _mm_hadd_epi16(_mm_loadu_si128((const __m128i *)(xb + 260)), _mm_loadu_si128((const __m128i *)(xb + 276)));
            prod = _mm_madd_epi16(bs, _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)mn)));
            prod = _mm_add_epi32(prod, _mm_shuffle_epi32(prod, 0x4e));
            prod = _mm_add_epi32(prod, _mm_shuffle_epi32(prod, 0xb1));
            macc += hln_k__avx2_h(b + 2) * dx * (float)_mm_cvtsi128_si32(prod);
            if (five) qh = _mm256_loadu_si256((const __m256i *)(b + 16));
            for (p = 0; p < 4; p++) {
                __m256i q = _mm256_loadu_si256((const __m256i *)(qs + 32 * p));
                __m256i lo = _mm256_and_si256(q, m4), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
                if (five) {
                    __m256i h = _mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * p));
                    lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(h, m1), 4));
                    hi = _mm256_or_si256(hi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 1), m1), 4));
                }
                ai = _mm256_add_epi32(ai, _mm256_madd_epi16(_mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)(xq + 64 * p))),
                                                            _mm256_set1_epi16(sc[2 * p])));
                ai = _mm256_add_epi32(ai, _mm256_madd_epi16(_mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(xq + 64 * p + 32))),
                                                            _mm256_set1_epi16(sc[2 * p + 1])));
            }
            acc = _mm256_fmadd_ps(_mm256_set1_ps(hln_k__avx2_h(b) * dx), _mm256_cvtepi32_ps(ai), acc);
        } else if (type == HLN_K_Q6_K) {
            __m128i sc8 = _mm_loadu_si128((const __m128i *)(b + 192));
            __m256i s16 = _mm256_cvtepi8_epi16(sc8), sc2 = _mm256_broadcastsi128_si256(sc8);
            int h, k;
            ai = _mm256_sub_epi32(ai, _mm256_slli_epi32(hln_k__avx2_bsum_dot(xb, s16), 5));
            for (h = 0; h < 2; h++) {
                __m256i ql0 = _mm256_loadu_si256((const __m256i *)(b + 64 * h));
                __m256i ql1 = _mm256_loadu_si256((const __m256i *)(b + 64 * h + 32));
                __m256i qh = _mm256_loadu_si256((const __m256i *)(b + 128 + 32 * h));
                for (k = 0; k < 4; k++) {
                    __m256i lo = (k & 1) ? ql1 : ql0, q;
                    if (k >= 2) lo = _mm256_srli_epi16(lo, 4);
                    q = _mm256_or_si256(_mm256_and_si256(lo, m4),
                                        _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * k)), m3), 4));
                    ai = _mm256_add_epi32(ai, _mm256_madd_epi16(_mm256_maddubs_epi16(q, _mm256_loadu_si256((const __m256i *)(xq + 128 * h + 32 * k))),
                                                                hln_k__avx2_scale_pair(sc2, 8 * h + 2 * k, 1)));
                }
            }
            acc = _mm256_fmadd_ps(_mm256_set1_ps(hln_k__avx2_h(b + 208) * dx), _mm256_cvtepi32_ps(ai), acc);
        } else if (type == HLN_K_Q2_K || type == HLN_K_Q3_K) {
            int two = type == HLN_K_Q2_K, s, h;
            __m128i sc8;
            __m256i sc2, hm = _mm256_setzero_si256(), off = _mm256_setzero_si256();
            if (two) {
                __m128i raw = _mm_loadu_si128((const __m128i *)b);
                __m256i mins = _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(raw, 4), _mm_set1_epi8(0x0F)));
                macc += hln_k__avx2_h(b + 82) * dx * (float)hln_k__hsum_epi32(hln_k__avx2_bsum_dot(xb, mins));
                sc8 = _mm_and_si128(raw, _mm_set1_epi8(0x0F));
            } else {   /* the 6-bit scales: low nibbles in bytes 0-7, high pairs in bytes 8-11 */
                uint32_t u0 = hln_k__ld32(b + 96), u1 = hln_k__ld32(b + 100), u2 = hln_k__ld32(b + 104);
                sc8 = _mm_setr_epi32((int)((u0 & 0x0f0f0f0fu) | ((u2 & 0x03030303u) << 4)),
                                     (int)((u1 & 0x0f0f0f0fu) | (((u2 >> 2) & 0x03030303u) << 4)),
                                     (int)(((u0 >> 4) & 0x0f0f0f0fu) | (((u2 >> 4) & 0x03030303u) << 4)),
                                     (int)(((u1 >> 4) & 0x0f0f0f0fu) | (((u2 >> 6) & 0x03030303u) << 4)));
                off = _mm256_set1_epi16(32);
                ai = _mm256_sub_epi32(ai, _mm256_slli_epi32(hln_k__avx2_bsum_dot(xb, _mm256_sub_epi16(_mm256_cvtepu8_epi16(sc8), off)), 2));
                hm = _mm256_loadu_si256((const __m256i *)b);
            }
            sc2 = _mm256_broadcastsi128_si256(sc8);
            for (h = 0; h < 2; h++) {
                __m256i q = _mm256_loadu_si256((const __m256i *)(b + (two ? 16 : 32) + 32 * h));
                for (s = 0; s < 4; s++) {
                    __m256i v = _mm256_and_si256(_mm256_srl_epi16(q, _mm_cvtsi32_si128(2 * s)), m3);
                    if (!two) v = _mm256_or_si256(v, _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(hm, _mm_cvtsi32_si128(4 * h + s)), m1), 2));
                    ai = _mm256_add_epi32(ai, _mm256_madd_epi16(_mm256_maddubs_epi16(v, _mm256_loadu_si256((const __m256i *)(xq + 128 * h + 32 * s))),
                                                                _mm256_sub_epi16(hln_k__avx2_scale_pair(sc2, 8 * h + 2 * s, 0), off)));
                }
            }
            acc = _mm256_fmadd_ps(_mm256_set1_ps(hln_k__avx2_h(b + (two ? 80 : 108)) * dx), _mm256_cvtepi32_ps(ai), acc);
        } else if (type == HLN_K_IQ4_XS) {
            for (p = 0; p < 4; p++) {
                __m256i q = _mm256_loadu_si256((const __m256i *)(b + 8 + 32 * p));
                __m256i vlo = hln_k__avx2_iq4(_mm256_and_si256(q, m4));
                __m256i vhi = hln_k__avx2_iq4(_mm256_and_si256(_mm256_srli_epi16(q, 4), m4));
                __m256i va = _mm256_permute2x128_si256(vlo, vhi, 0x20), vb = _mm256_permute2x128_si256(vlo, vhi, 0x31);
                ai = _mm256_add_epi32(ai, _mm256_madd_epi16(hln_k__avx2_dot_ss(va, _mm256_loadu_si256((const __m256i *)(xq + 64 * p))),
                                                            _mm256_set1_epi16((short)hln_k__iq4_xs_scale(2 * p, b))));
                ai = _mm256_add_epi32(ai, _mm256_madd_epi16(hln_k__avx2_dot_ss(vb, _mm256_loadu_si256((const __m256i *)(xq + 64 * p + 32))),
                                                            _mm256_set1_epi16((short)hln_k__iq4_xs_scale(2 * p + 1, b))));
            }
            acc = _mm256_fmadd_ps(_mm256_set1_ps(hln_k__avx2_h(b) * dx), _mm256_cvtepi32_ps(ai), acc);
        } else if (type == HLN_K_TQ2_0) {
            /* codes 0..2 against x: int16 pair sums stay below 8 * 762, so they add up in
               int16 and widen once; the -1 comes off through the activation sums */
            const __m256i ones = _mm256_set1_epi16(1);
            __m256i p16 = _mm256_setzero_si256();
            int h;
            ai = _mm256_sub_epi32(ai, hln_k__avx2_bsum_dot(xb, ones));
            for (h = 0; h < 2; h++) {
                __m256i q = _mm256_loadu_si256((const __m256i *)(b + 32 * h));
                const uint8_t *xh = xq + 128 * h;
                p16 = _mm256_add_epi16(p16, _mm256_maddubs_epi16(_mm256_and_si256(q, m3), _mm256_loadu_si256((const __m256i *)xh)));
                p16 = _mm256_add_epi16(p16, _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(q, 2), m3), _mm256_loadu_si256((const __m256i *)(xh + 32))));
                p16 = _mm256_add_epi16(p16, _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(q, 4), m3), _mm256_loadu_si256((const __m256i *)(xh + 64))));
                p16 = _mm256_add_epi16(p16, _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(q, 6), m3), _mm256_loadu_si256((const __m256i *)(xh + 96))));
            }
            ai = _mm256_add_epi32(ai, _mm256_madd_epi16(p16, ones));
            acc = _mm256_fmadd_ps(_mm256_set1_ps(hln_k__avx2_h(b + 64) * dx), _mm256_cvtepi32_ps(ai), acc);
        } else { /* TQ1_0: trit n of byte v is ((v * 3^n mod 256) * 3) >> 8, in 16-bit lanes */
            const __m256i ones = _mm256_set1_epi16(1), lo8 = _mm256_set1_epi16(0xFF), k768 = _mm256_set1_epi16(768);
            static const int16_t pow3[5] = { 1, 3, 9, 27, 81 };
            __m256i qs0 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)b));
            __m256i qs1 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(b + 16)));
            __m256i qs2 = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(b + 32)));
            __m256i qh = _mm256_cvtepu8_epi16(_mm_set1_epi32((int)hln_k__ld32(b + 48)));
            int n;
            ai = _mm256_sub_epi32(ai, hln_k__avx2_bsum_dot(xb, ones));
#define HLN_K__TRIT(v, p) _mm256_mulhi_epu16(_mm256_and_si256(_mm256_mullo_epi16(v, p), lo8), k768)
#define HLN_K__X16(o) _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(xq + (o))))
            for (n = 0; n < 5; n++) {   /* bytes 0-31: elements 32n + k; bytes 32-47: 160 + 16n + k */
                const __m256i p = _mm256_set1_epi16(pow3[n]);
                ai = _mm256_add_epi32(ai, _mm256_madd_epi16(HLN_K__TRIT(qs0, p), HLN_K__X16(32 * n)));
                ai = _mm256_add_epi32(ai, _mm256_madd_epi16(HLN_K__TRIT(qs1, p), HLN_K__X16(32 * n + 16)));
                ai = _mm256_add_epi32(ai, _mm256_madd_epi16(HLN_K__TRIT(qs2, p), HLN_K__X16(160 + 16 * n)));
            }
            /* bytes 48-51, trits 0-3: elements 240 + 4n + k */
            ai = _mm256_add_epi32(ai, _mm256_madd_epi16(HLN_K__TRIT(qh, _mm256_setr_epi16(1, 1, 1, 1, 3, 3, 3, 3, 9, 9, 9, 9, 27, 27, 27, 27)), HLN_K__X16(240)));
#undef HLN_K__TRIT
#undef HLN_K__X16
            acc = _mm256_fmadd_ps(_mm256_set1_ps(hln_k__avx2_h(b + 52) * dx), _mm256_cvtepi32_ps(ai), acc);
        }
    }
    return hln_k__hsum_ps(acc) - macc;
}
#define HLN_K__AVX2_K(T, name) \
    HLN_K__AVX2 static void name(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) { \
        int r; (void)type; for (r = 0; r < nr; r++) out[r] = hln_k__avx2_k_row(T, nb, w + r * rs, x); }
HLN_K__AVX2_K(HLN_K_Q2_K, hln_k__avx2_dot_q2_K)
HLN_K__AVX2_K(HLN_K_Q3_K, hln_k__avx2_dot_q3_K)
HLN_K__AVX2_K(HLN_K_Q5_K, hln_k__avx2_dot_q5_K)
HLN_K__AVX2_K(HLN_K_TQ2_0, hln_k__avx2_dot_tq2_0)
HLN_K__AVX2_K(HLN_K_TQ1_0, hln_k__avx2_dot_tq1_0)

/* F16 x F16 and BF16 x BF16: products in float, four accumulators. */
/* ---- Multi-row GEMV kernels (AVX2) --------------------------------------------------------
 * Each pass handles up to 4 rows, so the activation side (scales, sums, reordering) is
 * prepared once per block for all of them. A row's arithmetic does not depend on how many
 * rows share the pass, so GEMV, threaded GEMV and vec_dot give identical bits. Integer sums
 * stay in vectors, scales are applied as whole vectors (int16 scales through madd, block
 * scales as a float vector), and nothing is summed horizontally before the end of the row. */
HLN_K__AVX2_INLINE uint16_t hln_k__u16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
/* 8 fp16 values, `stride` bytes apart, as floats: in order, or (evens_first) the values
 * 0 2 4 6 1 3 5 7. Packed on the integer side, which has ALUs to spare here. */
HLN_K__AVX2_INLINE uint64_t hln_k__pack4(const uint8_t *p, int step) {
    uint64_t a = hln_k__u16(p), b = hln_k__u16(p + step), c = hln_k__u16(p + 2 * step), d = hln_k__u16(p + 3 * step);
    /* keeps GCC's SLP vectorizer from moving this integer packing onto the vector ports */
    __asm__("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
    return a | b << 16 | c << 32 | d << 48;
}
/* Q4_K/Q5_K 6-bit scales (bytes 0-7) and mins (bytes 8-15), unpacked on the integer side. */
HLN_K__AVX2_INLINE __m128i hln_k__q4_K_scales(const uint8_t *p) {
    uint32_t u0 = hln_k__ld32(p), u1 = hln_k__ld32(p + 4), u2 = hln_k__ld32(p + 8);
    uint64_t sc = (uint64_t)(u0 & 0x3f3f3f3fu) | (uint64_t)((u2 & 0x0f0f0f0fu) | (((u0 >> 6) & 0x03030303u) << 4)) << 32;
    uint64_t mn = (uint64_t)(u1 & 0x3f3f3f3fu) | (uint64_t)(((u2 >> 4) & 0x0f0f0f0fu) | (((u1 >> 6) & 0x03030303u) << 4)) << 32;
    __asm__("" : "+r"(sc), "+r"(mn));
    return _mm_set_epi64x((long long)mn, (long long)sc);
}
/* IQ4_XS sub-block scales + 32 (0..63) as bytes in the order 0 2 4 6 1 3 5 7. */
HLN_K__AVX2_INLINE uint64_t hln_k__iq4_xs_scales(const uint8_t *b) {
    uint64_t l = hln_k__ld32(b + 4), h = hln_k__u16(b + 2), n;
    __asm__("" : "+r"(l), "+r"(h));
    n = (h & 0x000F) | ((h & 0x00F0) << 4) | ((h & 0x0F00) << 8) | ((h & 0xF000) << 12);   /* nibble k -> byte k */
    return ((l & 0x0f0f0f0f) | ((n & 0x03030303) << 4)) | (((l >> 4) & 0x0f0f0f0f) | (((n >> 2) & 0x03030303) << 4)) << 32;
}
HLN_K__AVX2_INLINE __m256 hln_k__avx2_h8(const uint8_t *p, int stride, int evens_first) {
    const int a = evens_first ? 2 : 1, o = evens_first ? 1 : 4;
    return _mm256_cvtph_ps(_mm_set_epi64x((long long)hln_k__pack4(p + o * stride, a * stride), (long long)hln_k__pack4(p, a * stride)));
}
/* Four vectors of int16 pair sums, [block 2j | block 2j+1] each, whose lanes may be added in
 * int16 (Q4_0's codes keep them small), to int32 lanes = blocks 0 2 4 6 1 3 5 7. */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_fold8(__m256i p0, __m256i p1, __m256i p2, __m256i p3) {
    const __m256i ones = _mm256_set1_epi16(1);
    __m256i a = _mm256_madd_epi16(_mm256_add_epi16(_mm256_unpacklo_epi64(p0, p1), _mm256_unpackhi_epi64(p0, p1)), ones);
    __m256i b = _mm256_madd_epi16(_mm256_add_epi16(_mm256_unpacklo_epi64(p2, p3), _mm256_unpackhi_epi64(p2, p3)), ones);
    __m256 fa = _mm256_castsi256_ps(a), fb = _mm256_castsi256_ps(b);
    return _mm256_add_epi32(_mm256_castps_si256(_mm256_shuffle_ps(fa, fb, 0x88)), _mm256_castps_si256(_mm256_shuffle_ps(fa, fb, 0xDD)));
}
/* The nibbles of blocks 2j and 2j+1 (18-byte blocks at p): two overlapping loads and a blend,
 * which runs on any vector ALU where an insert would need the shuffle port. Reads p+2..p+35. */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_q4_pair(const uint8_t *p) {
    return _mm256_blend_epi32(_mm256_loadu_si256((const __m256i *)(p + 2)), _mm256_loadu_si256((const __m256i *)(p + 4)), 0xF0);
}
#define HLN_K__LD(p) _mm256_loadu_si256((const __m256i *)(p))
/* Full unrolling keeps the per-row accumulators in registers. */
#if defined(__clang__)
#define HLN_K__UNROLL _Pragma("unroll")
#else
#define HLN_K__UNROLL _Pragma("GCC unroll 8")
#endif
/* Four rows interleaved are four short streams that restart at every row, which the hardware
 * prefetchers pick up late. The next four rows are one contiguous stretch of 4 rs bytes, so a
 * pass over the columns [c, c + n) of row r (of the group at w) prefetches bytes
 * 4 c + r n .. 4 c + (r + 1) n of that stretch: over the group's passes the whole next group
 * comes in as one sequential stream, in order, four times as fast as the group is read. Into
 * L1 when two groups fit in it with room to spare (4 rs <= 12 KiB), else into L2. Measured on
 * Zen 4 beyond the LLC (docs/kernels.md, "Dispatch"). */
#define HLN_K__PREFETCH(p, nbytes) do { int o_; for (o_ = 0; o_ < (nbytes); o_ += 64) _mm_prefetch((const char *)(p) + o_, _MM_HINT_T0); } while (0)
#define HLN_K__PREFETCH_NEXT(w, rs, r, b, nbytes) do { \
        const char *q_ = (const char *)(w) + 4 * (rs) + 4 * ((const char *)(b) - (const char *)(w) - (size_t)(r) * (rs)) + (size_t)(r) * (size_t)(nbytes); \
        int o_; \
        if (4 * (rs) <= 12288) for (o_ = 0; o_ < (nbytes); o_ += 64) _mm_prefetch(q_ + o_, _MM_HINT_T0); \
        else for (o_ = 0; o_ < (nbytes); o_ += 64) _mm_prefetch(q_ + o_, _MM_HINT_T1); } while (0)

/* IQ4_NL, Q8_0 against Q8_0, 8 blocks per step. IQ4_NL blocks go two to a vector (low nibbles
 * of blocks k and k+1, then the high nibbles) against the activation reordered once per step. */
HLN_K__AVX2_INLINE void hln_k__avx2_q32_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int ws = type == HLN_K_Q8_0 ? 34 : 18;
    const __m256i m4 = _mm256_set1_epi8(0x0F), ones = _mm256_set1_epi16(1);
    const __m256i tab = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hln_k__iq4nl_values));
    __m256 acc[4][2];
    float tail[4];
    __m256i xlo[4], xhi[4], xa[8];
    int64_t i = 0;
    int r, j;
    for (r = 0; r < nr; r++) { acc[r][0] = acc[r][1] = _mm256_setzero_ps(); tail[r] = 0.0f; }
    for (; i + 8 <= nb; i += 8) {
        const uint8_t *xb = x + i * 34;
        const __m256 dx = hln_k__avx2_h8(xb, 34, 0);
        if (type == HLN_K_Q8_0) {
            HLN_K__UNROLL for (j = 0; j < 8; j++) xa[j] = _mm256_abs_epi8(HLN_K__LD(xb + 34 * j + 2));
        } else {
            HLN_K__UNROLL for (j = 0; j < 4; j++) {
                __m256i x0 = HLN_K__LD(xb + 68 * j + 2), x1 = HLN_K__LD(xb + 68 * j + 36);
                xlo[j] = _mm256_permute2x128_si256(x0, x1, 0x20);
                xhi[j] = _mm256_permute2x128_si256(x0, x1, 0x31);
                xa[2 * j] = _mm256_abs_epi8(xlo[j]);
                xa[2 * j + 1] = _mm256_abs_epi8(xhi[j]);
            }
        }
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * ws;
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 8 * ws);
            const __m256 sc = _mm256_mul_ps(hln_k__avx2_h8(b, ws, 0), dx);
            if (type == HLN_K_Q8_0) {
                HLN_K__UNROLL for (j = 0; j < 8; j++) {
                    __m256i wv = HLN_K__LD(b + 34 * j + 2);
                    __m256i v = _mm256_madd_epi16(_mm256_maddubs_epi16(xa[j], _mm256_sign_epi8(wv, HLN_K__LD(xb + 34 * j + 2))), ones);
                    acc[r][j & 1] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(v), _mm256_permutevar8x32_ps(sc, _mm256_set1_epi32(j)), acc[r][j & 1]);
                }
            } else {
                HLN_K__UNROLL for (j = 0; j < 4; j++) {
                    __m256i q = hln_k__avx2_q4_pair(b + 36 * j), v;
                    __m256i lo = _mm256_and_si256(q, m4), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
                    __m256i wl = _mm256_shuffle_epi8(tab, lo), wh = _mm256_shuffle_epi8(tab, hi);
                    v = _mm256_add_epi32(_mm256_madd_epi16(_mm256_maddubs_epi16(xa[2 * j], _mm256_sign_epi8(wl, xlo[j])), ones),
                                         _mm256_madd_epi16(_mm256_maddubs_epi16(xa[2 * j + 1], _mm256_sign_epi8(wh, xhi[j])), ones));
                    /* lanes 0-3: block 2j, lanes 4-7: block 2j+1 */
                    acc[r][j & 1] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(v),
                                                    _mm256_permutevar8x32_ps(sc, _mm256_setr_epi32(2 * j, 2 * j, 2 * j, 2 * j, 2 * j + 1, 2 * j + 1, 2 * j + 1, 2 * j + 1)),
                                                    acc[r][j & 1]);
                }
            }
        }
    }
    for (; i < nb; i++) {   /* the last nb % 8 blocks, one at a time */
        const uint8_t *xb = x + i * 34;
        const __m256i xv = HLN_K__LD(xb + 2);
        for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * ws;
            __m256i wv = type == HLN_K_Q8_0 ? HLN_K__LD(b + 2) : hln_k__avx2_nibbles(b + 2);
            if (type == HLN_K_IQ4_NL) wv = _mm256_shuffle_epi8(tab, wv);
            tail[r] += (float)hln_k__hsum_epi32(_mm256_madd_epi16(hln_k__avx2_dot_ss(wv, xv), ones)) * (hln_k__avx2_h(b) * hln_k__avx2_h(xb));
        }
    }
    for (r = 0; r < nr; r++) out[r] = hln_k__hsum_ps(_mm256_add_ps(acc[r][0], acc[r][1])) + tail[r];
}

/* Q4_0 against Q8_0: the activation side of 8 blocks, prepared once per call for all the rows
 * (the quants reordered to the paired-block nibble layout, the 8 scales as floats in the order
 * 0 2 4 6 1 3 5 7, and 8 * sum(x) per block in that order), so that a row's work is loads,
 * nibble masks, maddubs and the fold; the x operands are memory operands. */
typedef struct hln_k__q4_0x { __m256i xlo[4], xhi[4], xs; __m256 dx; } hln_k__q4_0x;
#define HLN_K__Q4_0X_STEPS 64   /* 512 blocks (16384 columns) per chunk: 20 KiB of stack */
HLN_K__AVX2_INLINE void hln_k__avx2_q4_0_prep(hln_k__q4_0x *px, int64_t ns, const uint8_t *x) {
    const __m256i one8 = _mm256_set1_epi8(1);
    int64_t s;
    int j;
    for (s = 0; s < ns; s++) {
        const uint8_t *xb = x + s * 8 * 34;
        __m256i m8[4];
        HLN_K__UNROLL for (j = 0; j < 4; j++) {
            __m256i x0 = HLN_K__LD(xb + 68 * j + 2), x1 = HLN_K__LD(xb + 68 * j + 36);
            px[s].xlo[j] = _mm256_permute2x128_si256(x0, x1, 0x20);
            px[s].xhi[j] = _mm256_permute2x128_si256(x0, x1, 0x31);
            m8[j] = _mm256_add_epi16(_mm256_maddubs_epi16(one8, px[s].xlo[j]), _mm256_maddubs_epi16(one8, px[s].xhi[j]));
        }
        px[s].xs = _mm256_slli_epi32(hln_k__avx2_fold8(m8[0], m8[1], m8[2], m8[3]), 3);
        px[s].dx = hln_k__avx2_h8(xb, 34, 1);
    }
}
HLN_K__AVX2_INLINE void hln_k__avx2_q4_0_rows(int nr, int64_t ns, const uint8_t *w, size_t rs, const hln_k__q4_0x *px, float *out) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    __m256 acc[4];
    int64_t s;
    int r, j;
    for (r = 0; r < nr; r++) acc[r] = _mm256_setzero_ps();
    for (s = 0; s < ns; s++) {
        const hln_k__q4_0x *p = px + s;
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + s * 144;
            __m256i pp[4];
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 144);
            HLN_K__UNROLL for (j = 0; j < 4; j++) {
                __m256i q = hln_k__avx2_q4_pair(b + 36 * j);
                pp[j] = _mm256_add_epi16(_mm256_maddubs_epi16(_mm256_and_si256(q, m4), p->xlo[j]),
                                         _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(q, 4), m4), p->xhi[j]));
            }
            acc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(hln_k__avx2_fold8(pp[0], pp[1], pp[2], pp[3]), p->xs)),
                                     _mm256_mul_ps(hln_k__avx2_h8(b, 18, 1), p->dx), acc[r]);
        }
    }
    for (r = 0; r < nr; r++) out[r] = hln_k__hsum_ps(acc[r]);
}
HLN_K__AVX2_INLINE void hln_k__avx2_gemv_q4_0(int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    hln_k__q4_0x px[HLN_K__Q4_0X_STEPS];
    float part[4];
    const int64_t ns = nb / 8;
    int64_t s0, i;
    int r, k;
    for (r = 0; r < nr; r++) out[r] = 0.0f;
    for (s0 = 0; s0 < ns; s0 += HLN_K__Q4_0X_STEPS) {
        const int64_t n = ns - s0 < HLN_K__Q4_0X_STEPS ? ns - s0 : HLN_K__Q4_0X_STEPS;
        hln_k__avx2_q4_0_prep(px, n, x + s0 * 8 * 34);
        for (r = 0; r < nr; r += k) {   /* 4 rows per pass, the last nr % 4 one at a time */
            k = nr - r >= 4 ? 4 : 1;
            if (k == 4) hln_k__avx2_q4_0_rows(4, n, w + r * rs + s0 * 144, rs, px, part);
            else hln_k__avx2_q4_0_rows(1, n, w + r * rs + s0 * 144, rs, px, part);
            out[r] += part[0];
            if (k == 4) { out[r + 1] += part[1]; out[r + 2] += part[2]; out[r + 3] += part[3]; }
        }
    }
    for (i = ns * 8; i < nb; i++) {   /* the last nb % 8 blocks, one at a time */
        const uint8_t *xb = x + i * 34;
        const __m256i xv = HLN_K__LD(xb + 2);
        for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * 18;
            __m256i wv = _mm256_sub_epi8(hln_k__avx2_nibbles(b + 2), _mm256_set1_epi8(8));
            out[r] += (float)hln_k__hsum_epi32(_mm256_madd_epi16(hln_k__avx2_dot_ss(wv, xv), _mm256_set1_epi16(1))) * (hln_k__avx2_h(b) * hln_k__avx2_h(xb));
        }
    }
}

/* int16 lanes of both halves = word w of v (v holds 8 int16 scales in both 128-bit halves) */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_bcast16(__m256i v, int w) {
    return _mm256_shuffle_epi8(v, _mm256_set1_epi16((short)(0x0100 * (2 * w + 1) + 2 * w)));
}
/* word a in the low half, word b in the high half */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_bcast16x2(__m256i v, int a, int b) {
    const short ca = (short)(0x0100 * (2 * a + 1) + 2 * a), cb = (short)(0x0100 * (2 * b + 1) + 2 * b);
    return _mm256_shuffle_epi8(v, _mm256_setr_epi16(ca, ca, ca, ca, ca, ca, ca, ca, cb, cb, cb, cb, cb, cb, cb, cb));
}

/* Q6_K against Q8_K, one super-block per step. Sub-block scales multiply the int16 pair sums
 * through madd, so each super-block ends in one int32 vector. */
HLN_K__AVX2_INLINE void hln_k__avx2_k_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int ws = hln_k__traits[type].type_size;
    const __m256i m4 = _mm256_set1_epi8(0x0F), m30 = _mm256_set1_epi8(0x30);
    __m256 acc[4];
    int64_t i;
    int r;
    for (r = 0; r < nr; r++) acc[r] = _mm256_setzero_ps();
    for (i = 0; i < nb; i++) {
        const uint8_t *xb = x + i * 292, *xq = xb + 4;
        const float dx = hln_k__ldf(xb);
        {   /* Q6_K */
            const __m256i bsums = HLN_K__LD(xb + 260);
            HLN_K__UNROLL for (r = 0; r < nr; r++) {
                const uint8_t *b = w + r * rs + i * ws;
                HLN_K__PREFETCH_NEXT(w, rs, r, b, ws);
                __m128i sc8 = _mm_loadu_si128((const __m128i *)(b + 192));
                __m256i s16 = _mm256_cvtepi8_epi16(sc8);
                __m256i e = _mm256_permute2x128_si256(s16, s16, 0x00), f = _mm256_permute2x128_si256(s16, s16, 0x11);
                __m256i ai = _mm256_slli_epi32(_mm256_madd_epi16(bsums, s16), 5), aj = _mm256_setzero_si256();
                int h;
                ai = _mm256_sub_epi32(_mm256_setzero_si256(), ai);
                HLN_K__UNROLL for (h = 0; h < 2; h++) {
                    __m256i ql0 = HLN_K__LD(b + 64 * h), ql1 = HLN_K__LD(b + 64 * h + 32), qh = HLN_K__LD(b + 128 + 32 * h);
                    const uint8_t *xh = xq + 128 * h;
                    const __m256i sv = h ? f : e;   /* scales 8h .. 8h+7 */
                    __m256i q0 = _mm256_or_si256(_mm256_and_si256(ql0, m4), _mm256_and_si256(_mm256_slli_epi16(qh, 4), m30));
                    __m256i q1 = _mm256_or_si256(_mm256_and_si256(ql1, m4), _mm256_and_si256(_mm256_slli_epi16(qh, 2), m30));
                    __m256i q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), m4), _mm256_and_si256(qh, m30));
                    __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), m4), _mm256_and_si256(_mm256_srli_epi16(qh, 2), m30));
                    ai = _mm256_add_epi32(ai, _mm256_madd_epi16(_mm256_maddubs_epi16(q0, HLN_K__LD(xh)), hln_k__avx2_bcast16x2(sv, 0, 1)));
                    aj = _mm256_add_epi32(aj, _mm256_madd_epi16(_mm256_maddubs_epi16(q1, HLN_K__LD(xh + 32)), hln_k__avx2_bcast16x2(sv, 2, 3)));
                    ai = _mm256_add_epi32(ai, _mm256_madd_epi16(_mm256_maddubs_epi16(q2, HLN_K__LD(xh + 64)), hln_k__avx2_bcast16x2(sv, 4, 5)));
                    aj = _mm256_add_epi32(aj, _mm256_madd_epi16(_mm256_maddubs_epi16(q3, HLN_K__LD(xh + 96)), hln_k__avx2_bcast16x2(sv, 6, 7)));
                }
                acc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_add_epi32(ai, aj)), _mm256_set1_ps(hln_k__avx2_h(b + 208) * dx), acc[r]);
            }
        }
    }
    for (r = 0; r < nr; r++) out[r] = hln_k__hsum_ps(acc[r]);
}

/* Q4_K against Q8_K, two rows per vector: the low 128-bit half holds 16 bytes of row a, the high
 * half the same 16 bytes of row b (one blend of two overlapping loads), against the activation
 * with each 16-byte half duplicated (prepared once per call). The two halves of a sub-block's
 * codes then land in the same lanes, so their maddubs results add in int16 (|sum| <= 2*2*15*127)
 * and one madd by a broadcast scale serves 16 products of each row: half the madds and scale
 * shuffles of one row per vector. Lanes 0-3 belong to row a, 4-7 to row b, so a row's
 * arithmetic is the same whichever row shares its vectors. */
typedef struct hln_k__q4_Kx { __m256i x[16], bs; } hln_k__q4_Kx;
#define HLN_K__Q4_KX_STEPS 32   /* 32 super-blocks (8192 columns) per chunk: 17 KiB of stack */
HLN_K__AVX2_INLINE void hln_k__q4_K_scales2(const uint8_t *p, uint64_t *sc, uint64_t *mn) {
    uint32_t u0 = hln_k__ld32(p), u1 = hln_k__ld32(p + 4), u2 = hln_k__ld32(p + 8);
    uint64_t s = (uint64_t)(u0 & 0x3f3f3f3fu) | (uint64_t)((u2 & 0x0f0f0f0fu) | (((u0 >> 6) & 0x03030303u) << 4)) << 32;
    uint64_t m = (uint64_t)(u1 & 0x3f3f3f3fu) | (uint64_t)(((u2 >> 4) & 0x0f0f0f0fu) | (((u1 >> 6) & 0x03030303u) << 4)) << 32;
    __asm__("" : "+r"(s), "+r"(m));
    *sc = s; *mn = m;
}
HLN_K__AVX2_INLINE void hln_k__avx2_q4_K_rows(int nr, int64_t ns, const uint8_t *w, size_t rs, const hln_k__q4_Kx *px,
                                              const float *dxs, float *out) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    const int np = nr == 4 ? 2 : 1;
    __m256 acc[2], macc[2];
    int64_t s;
    int k, p;
    for (k = 0; k < np; k++) acc[k] = macc[k] = _mm256_setzero_ps();
    for (s = 0; s < ns; s++) {
        const hln_k__q4_Kx *xp = px + s;
        const uint8_t *b0 = w + s * 144;
        __m256 dd;   /* lanes 2r, 2r+1: d, dmin of row r, times dx */
        if (nr == 4) {
            uint64_t lo = hln_k__ld32(b0) | (uint64_t)hln_k__ld32(b0 + rs) << 32, hi = hln_k__ld32(b0 + 2 * rs) | (uint64_t)hln_k__ld32(b0 + 3 * rs) << 32;
            dd = _mm256_cvtph_ps(_mm_set_epi64x((long long)hi, (long long)lo));
        } else {
            dd = _mm256_cvtph_ps(_mm_cvtsi32_si128((int)hln_k__ld32(b0)));
        }
        dd = _mm256_mul_ps(dd, _mm256_set1_ps(dxs[s]));
        HLN_K__UNROLL for (k = 0; k < np; k++) {
            const int ra = 2 * k, rb = nr == 4 ? 2 * k + 1 : 0;
            const uint8_t *ba = b0 + ra * rs, *bb = b0 + rb * rs;
            uint64_t sca, mna, scb, mnb;
            __m256i sv, mv, ai = _mm256_setzero_si256();
            HLN_K__PREFETCH_NEXT(w, rs, ra, ba, 144);
            if (nr == 4) HLN_K__PREFETCH_NEXT(w, rs, rb, bb, 144);
            hln_k__q4_K_scales2(ba + 4, &sca, &mna);
            hln_k__q4_K_scales2(bb + 4, &scb, &mnb);
            sv = _mm256_cvtepu8_epi16(_mm_set_epi64x((long long)scb, (long long)sca));   /* [scales a | scales b] */
            mv = _mm256_cvtepu8_epi16(_mm_set_epi64x((long long)mnb, (long long)mna));
            HLN_K__UNROLL for (p = 0; p < 4; p++) {
                /* bytes 0-15 and 16-31 of chunk p; the second load of row a reads 16 bytes past its
                 * super-block, which row b follows; a lone row duplicates its halves instead */
                const __m256i qa = HLN_K__LD(ba + 16 + 32 * p);
                const __m256i v0 = nr == 4 ? _mm256_blend_epi32(qa, HLN_K__LD(bb + 32 * p), 0xF0) : _mm256_permute2x128_si256(qa, qa, 0x00);
                const __m256i v1 = nr == 4 ? _mm256_blend_epi32(HLN_K__LD(ba + 32 + 32 * p), HLN_K__LD(bb + 16 + 32 * p), 0xF0)
                                           : _mm256_permute2x128_si256(qa, qa, 0x11);
                const __m256i lo = _mm256_add_epi16(_mm256_maddubs_epi16(_mm256_and_si256(v0, m4), xp->x[4 * p]),
                                                    _mm256_maddubs_epi16(_mm256_and_si256(v1, m4), xp->x[4 * p + 1]));
                const __m256i hi = _mm256_add_epi16(_mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(v0, 4), m4), xp->x[4 * p + 2]),
                                                    _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(v1, 4), m4), xp->x[4 * p + 3]));
                ai = _mm256_add_epi32(ai, _mm256_add_epi32(_mm256_madd_epi16(lo, hln_k__avx2_bcast16(sv, 2 * p)),
                                                           _mm256_madd_epi16(hi, hln_k__avx2_bcast16(sv, 2 * p + 1))));
            }
            acc[k] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(ai), _mm256_permutevar8x32_ps(dd, _mm256_setr_epi32(2 * ra, 2 * ra, 2 * ra, 2 * ra, 2 * rb, 2 * rb, 2 * rb, 2 * rb)), acc[k]);
            macc[k] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_madd_epi16(xp->bs, mv)),
                                      _mm256_permutevar8x32_ps(dd, _mm256_setr_epi32(2 * ra + 1, 2 * ra + 1, 2 * ra + 1, 2 * ra + 1, 2 * rb + 1, 2 * rb + 1, 2 * rb + 1, 2 * rb + 1)), macc[k]);
        }
    }
    for (k = 0; k < nr; k++) {   /* row k: half k & 1 of pair k / 2 */
        __m128 a = (k & 1) ? _mm256_extractf128_ps(acc[k / 2], 1) : _mm256_castps256_ps128(acc[k / 2]);
        __m128 m = (k & 1) ? _mm256_extractf128_ps(macc[k / 2], 1) : _mm256_castps256_ps128(macc[k / 2]);
        a = _mm_add_ps(a, _mm_movehl_ps(a, a));
        a = _mm_add_ss(a, _mm_movehdup_ps(a));
        m = _mm_add_ps(m, _mm_movehl_ps(m, m));
        m = _mm_add_ss(m, _mm_movehdup_ps(m));
        out[k] = _mm_cvtss_f32(a) - _mm_cvtss_f32(m);
    }
}
HLN_K__AVX2_INLINE void hln_k__avx2_gemv_q4_K(int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    hln_k__q4_Kx px[HLN_K__Q4_KX_STEPS];
    float dx[HLN_K__Q4_KX_STEPS], part[4];
    int64_t s0, s;
    int r, k, p;
    for (r = 0; r < nr; r++) out[r] = 0.0f;
    for (s0 = 0; s0 < nb; s0 += HLN_K__Q4_KX_STEPS) {
        const int64_t n = nb - s0 < HLN_K__Q4_KX_STEPS ? nb - s0 : HLN_K__Q4_KX_STEPS;
        for (s = 0; s < n; s++) {
            const uint8_t *xb = x + (s0 + s) * 292, *xq = xb + 4;
            dx[s] = hln_k__ldf(xb);
            HLN_K__UNROLL for (p = 0; p < 8; p++) {   /* sub-block p, each 16-byte half in both lanes */
                __m256i v = HLN_K__LD(xq + 32 * p);
                px[s].x[2 * p] = _mm256_permute2x128_si256(v, v, 0x00);
                px[s].x[2 * p + 1] = _mm256_permute2x128_si256(v, v, 0x11);
            }
            px[s].bs = _mm256_broadcastsi128_si256(_mm_hadd_epi16(_mm_loadu_si128((const __m128i *)(xb + 260)), _mm_loadu_si128((const __m128i *)(xb + 276))));
        }
        for (r = 0; r < nr; r += k) {   /* 4 rows per pass, the last nr % 4 one at a time */
            k = nr - r >= 4 ? 4 : 1;
            if (k == 4) hln_k__avx2_q4_K_rows(4, n, w + r * rs + s0 * 144, rs, px, dx, part);
            else hln_k__avx2_q4_K_rows(1, n, w + r * rs + s0 * 144, rs, px, dx, part);
            out[r] += part[0];
            if (k == 4) { out[r + 1] += part[1]; out[r + 2] += part[2]; out[r + 3] += part[3]; }
        }
    }
}

/* IQ4_XS against Q8_K: the activation side of a super-block prepared once per call for all the
 * rows (reordered to the nibble layout, and its absolute values for the sign trick). */
typedef struct hln_k__iq4_xsx { __m256i xr[8], xa[8]; } hln_k__iq4_xsx;
#define HLN_K__IQ4_XSX_STEPS 32   /* 32 super-blocks (8192 columns) per chunk: 16 KiB of stack */
HLN_K__AVX2_INLINE void hln_k__avx2_iq4_xs_rows(int nr, int64_t ns, const uint8_t *w, size_t rs, const hln_k__iq4_xsx *px,
                                                const float *dx, float *out) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    const __m256i tab = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hln_k__iq4nl_values));
    __m256 acc[4];
    int64_t s;
    int r, p;
    for (r = 0; r < nr; r++) acc[r] = _mm256_setzero_ps();
    for (s = 0; s < ns; s++) {
        const hln_k__iq4_xsx *px1 = px + s;
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + s * 136;
            __m256i sc, ai = _mm256_setzero_si256();
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 136);
            /* int16 scales in the order 0 2 4 6 1 3 5 7, in both halves */
            sc = _mm256_broadcastsi128_si256(_mm_sub_epi16(_mm_cvtepu8_epi16(_mm_set_epi64x(0, (long long)hln_k__iq4_xs_scales(b))), _mm_set1_epi16(32)));
            HLN_K__UNROLL for (p = 0; p < 4; p++) {
                __m256i q = HLN_K__LD(b + 8 + 32 * p);
                __m256i wl = _mm256_shuffle_epi8(tab, _mm256_and_si256(q, m4));
                __m256i wh = _mm256_shuffle_epi8(tab, _mm256_and_si256(_mm256_srli_epi16(q, 4), m4));
                const __m256i sv = hln_k__avx2_bcast16x2(sc, p, 4 + p);   /* low half: sub-block 2p, high half: 2p+1 */
                __m256i u = _mm256_madd_epi16(_mm256_maddubs_epi16(px1->xa[2 * p], _mm256_sign_epi8(wl, px1->xr[2 * p])), sv);
                __m256i v = _mm256_madd_epi16(_mm256_maddubs_epi16(px1->xa[2 * p + 1], _mm256_sign_epi8(wh, px1->xr[2 * p + 1])), sv);
                ai = _mm256_add_epi32(ai, _mm256_add_epi32(u, v));
            }
            acc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(ai), _mm256_set1_ps(hln_k__avx2_h(b) * dx[s]), acc[r]);
        }
    }
    for (r = 0; r < nr; r++) out[r] = hln_k__hsum_ps(acc[r]);
}
HLN_K__AVX2_INLINE void hln_k__avx2_gemv_iq4_xs(int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    hln_k__iq4_xsx px[HLN_K__IQ4_XSX_STEPS];
    float dx[HLN_K__IQ4_XSX_STEPS], part[4];
    int64_t s0, s;
    int r, k, p;
    for (r = 0; r < nr; r++) out[r] = 0.0f;
    for (s0 = 0; s0 < nb; s0 += HLN_K__IQ4_XSX_STEPS) {
        const int64_t n = nb - s0 < HLN_K__IQ4_XSX_STEPS ? nb - s0 : HLN_K__IQ4_XSX_STEPS;
        for (s = 0; s < n; s++) {
            const uint8_t *xb = x + (s0 + s) * 292, *xq = xb + 4;
            dx[s] = hln_k__ldf(xb);
            HLN_K__UNROLL for (p = 0; p < 4; p++) {
                __m256i x0 = HLN_K__LD(xq + 64 * p), x1 = HLN_K__LD(xq + 64 * p + 32);
                px[s].xr[2 * p] = _mm256_permute2x128_si256(x0, x1, 0x20);
                px[s].xr[2 * p + 1] = _mm256_permute2x128_si256(x0, x1, 0x31);
                px[s].xa[2 * p] = _mm256_abs_epi8(px[s].xr[2 * p]);
                px[s].xa[2 * p + 1] = _mm256_abs_epi8(px[s].xr[2 * p + 1]);
            }
        }
        for (r = 0; r < nr; r += k) {   /* 4 rows per pass, the last nr % 4 one at a time */
            k = nr - r >= 4 ? 4 : 1;
            if (k == 4) hln_k__avx2_iq4_xs_rows(4, n, w + r * rs + s0 * 136, rs, px, dx, part);
            else hln_k__avx2_iq4_xs_rows(1, n, w + r * rs + s0 * 136, rs, px, dx, part);
            out[r] += part[0];
            if (k == 4) { out[r + 1] += part[1]; out[r + 2] += part[2]; out[r + 3] += part[3]; }
        }
    }
}

#ifdef HLN_K__AVXVNNI
/* IQ4_XS on AVX2 CPUs that also have AVX-VNNI (Zen 5, Alder Lake and later; not Zen 3), chosen
 * inside the AVX2 path: vpdpbusd takes the table biased by +128 as unsigned bytes, with the
 * 128 * sum(x) of each lane's 8 activations as the accumulator's starting value (prepared
 * once per call), so the sign trick and the int16 madd step go away. Lanes 0-3 of the
 * accumulator of chunk p hold sub-block 2p, lanes 4-7 sub-block 2p+1; the scales enter through
 * vpmulld by an in-lane vpshufd broadcast. Exact integers per super-block, like the plain one. */
typedef struct hln_k__iq4_xsv { __m256i xr[8], bias[4]; } hln_k__iq4_xsv;
HLN_K__AVXVNNI static inline __attribute__((always_inline))
void hln_k__avxvnni_iq4_xs_rows(int nr, int64_t ns, const uint8_t *w, size_t rs, const hln_k__iq4_xsv *px, const float *dx, float *out) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    const __m256i tab = _mm256_add_epi8(_mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)hln_k__iq4nl_values)), _mm256_set1_epi8(-128));
    __m256 acc[4];
    int64_t s;
    int r, p;
    for (r = 0; r < nr; r++) acc[r] = _mm256_setzero_ps();
    for (s = 0; s < ns; s++) {
        const hln_k__iq4_xsv *px1 = px + s;
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + s * 136;
            __m256i sc, ai = _mm256_setzero_si256();
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 136);
            /* int32 scales: low half sub-blocks 0 2 4 6, high half 1 3 5 7 */
            sc = _mm256_sub_epi32(_mm256_cvtepu8_epi32(_mm_set_epi64x(0, (long long)hln_k__iq4_xs_scales(b))), _mm256_set1_epi32(32));
            HLN_K__UNROLL for (p = 0; p < 4; p++) {
                __m256i q = HLN_K__LD(b + 8 + 32 * p), t;
                t = _mm256_dpbusd_avx_epi32(px1->bias[p], _mm256_shuffle_epi8(tab, _mm256_and_si256(q, m4)), px1->xr[2 * p]);
                t = _mm256_dpbusd_avx_epi32(t, _mm256_shuffle_epi8(tab, _mm256_and_si256(_mm256_srli_epi16(q, 4), m4)), px1->xr[2 * p + 1]);
                t = _mm256_mullo_epi32(t, p == 0 ? _mm256_shuffle_epi32(sc, 0x00) : p == 1 ? _mm256_shuffle_epi32(sc, 0x55)
                                          : p == 2 ? _mm256_shuffle_epi32(sc, 0xAA) : _mm256_shuffle_epi32(sc, 0xFF));
                ai = _mm256_add_epi32(ai, t);
            }
            acc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(ai), _mm256_set1_ps(hln_k__avx2_h(b) * dx[s]), acc[r]);
        }
    }
    for (r = 0; r < nr; r++) out[r] = hln_k__hsum_ps(acc[r]);
}
HLN_K__AVXVNNI static void hln_k__avxvnni_gemv_iq4_xs(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    hln_k__iq4_xsv px[HLN_K__IQ4_XSX_STEPS];
    float dx[HLN_K__IQ4_XSX_STEPS], part[4];
    const __m256i b128 = _mm256_set1_epi8(-128);
    int64_t s0, s;
    int r, k, p;
    (void)type;
    for (r = 0; r < nr; r++) out[r] = 0.0f;
    for (s0 = 0; s0 < nb; s0 += HLN_K__IQ4_XSX_STEPS) {
        const int64_t n = nb - s0 < HLN_K__IQ4_XSX_STEPS ? nb - s0 : HLN_K__IQ4_XSX_STEPS;
        for (s = 0; s < n; s++) {
            const uint8_t *xb = x + (s0 + s) * 292, *xq = xb + 4;
            dx[s] = hln_k__ldf(xb);
            HLN_K__UNROLL for (p = 0; p < 4; p++) {
                __m256i x0 = HLN_K__LD(xq + 64 * p), x1 = HLN_K__LD(xq + 64 * p + 32), t;
                px[s].xr[2 * p] = _mm256_permute2x128_si256(x0, x1, 0x20);
                px[s].xr[2 * p + 1] = _mm256_permute2x128_si256(x0, x1, 0x31);
                t = _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), b128, px[s].xr[2 * p]);
                t = _mm256_dpbusd_avx_epi32(t, b128, px[s].xr[2 * p + 1]);
                px[s].bias[p] = _mm256_sub_epi32(_mm256_setzero_si256(), t);   /* -128 * sum(x) per lane */
            }
        }
        for (r = 0; r < nr; r += k) {   /* 4 rows per pass, the last nr % 4 one at a time */
            k = nr - r >= 4 ? 4 : 1;
            if (k == 4) hln_k__avxvnni_iq4_xs_rows(4, n, w + r * rs + s0 * 136, rs, px, dx, part);
            else hln_k__avxvnni_iq4_xs_rows(1, n, w + r * rs + s0 * 136, rs, px, dx, part);
            out[r] += part[0];
            if (k == 4) { out[r + 1] += part[1]; out[r + 2] += part[2]; out[r + 3] += part[3]; }
        }
    }
}
/* CPUID.(EAX=7, ECX=1):EAX bit 4. Leaf 7 exists on every AVX2 CPU; an unsupported sub-leaf reads 0.
 * GCC's runtime has the bit already (a CPUID instruction costs ~10 us in a VM); clang 14's
 * __builtin_cpu_supports does not know "avxvnni". */
static int hln_k__has_avxvnni(void) {
#if !defined(__clang__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avxvnni");
#else
    unsigned a = 7, b, c = 1, d;
    __asm__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    (void)b; (void)d;
    return (int)((a >> 4) & 1);
#endif
}
#endif

#define HLN_K__ROWS4(T, fn) do { int r_ = 0; \
        for (; r_ + 4 <= nr; r_ += 4) fn(T, 4, nb, w + r_ * rs, rs, x, out + r_); \
        for (; r_ < nr; r_++) fn(T, 1, nb, w + r_ * rs, rs, x, out + r_); } while (0)
HLN_K__AVX2 static void hln_k__avx2_gemv_q32(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    if (type == HLN_K_Q4_0) hln_k__avx2_gemv_q4_0(nr, nb, w, rs, x, out);
    else if (type == HLN_K_Q8_0) HLN_K__ROWS4(HLN_K_Q8_0, hln_k__avx2_q32_rows);
    else HLN_K__ROWS4(HLN_K_IQ4_NL, hln_k__avx2_q32_rows);
}
HLN_K__AVX2 static void hln_k__avx2_gemv_k(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    if (type == HLN_K_Q4_K) hln_k__avx2_gemv_q4_K(nr, nb, w, rs, x, out);
    else if (type == HLN_K_Q6_K) HLN_K__ROWS4(HLN_K_Q6_K, hln_k__avx2_k_rows);
    else hln_k__avx2_gemv_iq4_xs(nr, nb, w, rs, x, out);
}

/* ---- AVX2, second round (issue 15): 4-row kernels for types that took one row per pass ---- */

/* Q4_1, Q5_0, Q5_1 against Q8_1 / Q8_0, 8 blocks per step as hln_k__avx2_q4_0_rows: two blocks
 * per vector ([block 2j | block 2j+1], a blend of two overlapping loads), the activation in the
 * same pair layout and Q5_0's 16 * sum(x) prepared once per step for the rows; the fifth bits of
 * two blocks (16 of each) expand to bytes in one hln_k__avx2_bits. int16 sums stay below
 * 4 * 31 * 127 through the fold. Q4_1/Q5_1's m * s goes to a second accumulator. */
/* blocks i0..nb-1 of Q4_1/Q5_0/Q5_1 rows one at a time, added to tail[r] (the multi-block
 * kernels' last blocks) */
HLN_K__AVX2_INLINE void hln_k__q5_tail(hln_k_type type, int nr, int64_t i0, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *tail) {
    const int ws = hln_k__traits[type].type_size, one = type != HLN_K_Q5_0, xs = one ? 36 : 34;
    int64_t i;
    int r;
    for (i = i0; i < nb; i++) {
        const uint8_t *xb = x + i * xs;
        const __m256i xv = HLN_K__LD(xb + (one ? 4 : 2));
        for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * ws;
            tail[r] += (float)hln_k__hsum_epi32(_mm256_madd_epi16(hln_k__avx2_q32_pairs(type, b, xv), _mm256_set1_epi16(1))) *
                       (hln_k__avx2_h(b) * hln_k__avx2_h(xb));
            if (one) tail[r] += hln_k__avx2_h(b + 2) * hln_k__avx2_h(xb + 2);
        }
    }
}
HLN_K__AVX2_INLINE void hln_k__avx2_q5_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int ws = hln_k__traits[type].type_size, one = type != HLN_K_Q5_0, five = type != HLN_K_Q4_1;
    const int xs = one ? 36 : 34, xo = one ? 4 : 2, qo = ws - 16, ho = type == HLN_K_Q5_1 ? 4 : 2;
    const __m256i m4 = _mm256_set1_epi8(0x0F), b10 = _mm256_set1_epi8(0x10), one8 = _mm256_set1_epi8(1);
    __m256 acc[4], macc[4];
    float tail[4];
    int64_t i = 0;
    int r, j;
    for (r = 0; r < nr; r++) { acc[r] = macc[r] = _mm256_setzero_ps(); tail[r] = 0.0f; }
    for (; i + 8 <= nb; i += 8) {
        const uint8_t *xb = x + i * xs;
        __m256i xlo[4], xhi[4], bias = _mm256_setzero_si256();
        const __m256 dx = hln_k__avx2_h8(xb, xs, 1), sx = one ? hln_k__avx2_h8(xb + 2, xs, 1) : _mm256_setzero_ps();
        HLN_K__UNROLL for (j = 0; j < 4; j++) {
            const __m256i x0 = HLN_K__LD(xb + 2 * j * xs + xo), x1 = HLN_K__LD(xb + (2 * j + 1) * xs + xo);
            xlo[j] = _mm256_permute2x128_si256(x0, x1, 0x20);
            xhi[j] = _mm256_permute2x128_si256(x0, x1, 0x31);
        }
        if (!one)   /* 16 * sum(x) per block, in the fold's order 0 2 4 6 1 3 5 7 */
            bias = _mm256_slli_epi32(hln_k__avx2_fold8(
                _mm256_add_epi16(_mm256_maddubs_epi16(one8, xlo[0]), _mm256_maddubs_epi16(one8, xhi[0])),
                _mm256_add_epi16(_mm256_maddubs_epi16(one8, xlo[1]), _mm256_maddubs_epi16(one8, xhi[1])),
                _mm256_add_epi16(_mm256_maddubs_epi16(one8, xlo[2]), _mm256_maddubs_epi16(one8, xhi[2])),
                _mm256_add_epi16(_mm256_maddubs_epi16(one8, xlo[3]), _mm256_maddubs_epi16(one8, xhi[3]))), 4);
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * ws;
            __m256i pp[4];
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 8 * ws);
            HLN_K__UNROLL for (j = 0; j < 4; j++) {
                const uint8_t *b0 = b + 2 * j * ws, *b1 = b0 + ws;
                const __m256i q = _mm256_blend_epi32(HLN_K__LD(b0 + qo), HLN_K__LD(b1 + qo - 16), 0xF0);
                __m256i lo = _mm256_and_si256(q, m4), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
                if (five) {
                    const uint32_t h0 = hln_k__ld32(b0 + ho), h1 = hln_k__ld32(b1 + ho);
                    lo = _mm256_or_si256(lo, _mm256_and_si256(hln_k__avx2_bits((h0 & 0xFFFFu) | (h1 << 16)), b10));
                    hi = _mm256_or_si256(hi, _mm256_and_si256(hln_k__avx2_bits((h0 >> 16) | (h1 & 0xFFFF0000u)), b10));
                }
                pp[j] = _mm256_add_epi16(_mm256_maddubs_epi16(lo, xlo[j]), _mm256_maddubs_epi16(hi, xhi[j]));
            }
            acc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(hln_k__avx2_fold8(pp[0], pp[1], pp[2], pp[3]), bias)),
                                     _mm256_mul_ps(hln_k__avx2_h8(b, ws, 1), dx), acc[r]);
            if (one) macc[r] = _mm256_fmadd_ps(hln_k__avx2_h8(b + 2, ws, 1), sx, macc[r]);
        }
    }
    hln_k__q5_tail(type, nr, i, nb, w, rs, x, tail);   /* the last nb % 8 blocks */
    for (r = 0; r < nr; r++) out[r] = hln_k__hsum_ps(acc[r]) + hln_k__hsum_ps(macc[r]) + tail[r];
}
HLN_K__AVX2 static void hln_k__avx2_gemv_q5(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    if (type == HLN_K_Q4_1) HLN_K__ROWS4(HLN_K_Q4_1, hln_k__avx2_q5_rows);
    else if (type == HLN_K_Q5_0) HLN_K__ROWS4(HLN_K_Q5_0, hln_k__avx2_q5_rows);
    else HLN_K__ROWS4(HLN_K_Q5_1, hln_k__avx2_q5_rows);
}

/* F16 / BF16, 4 rows per pass: the activation converted once per 16 columns for all of them
 * (BF16: zero-extend to 32 bits and shift into the high half, exact). The AVX-512 path runs
 * it too: a 512-bit version was no faster with the weights in L2 on the Xeon (F16 40.9 vs
 * 41.9 GB/s, BF16 41.7 vs 34.9) and both are memory bound beyond the LLC. */
HLN_K__AVX2_INLINE __m256 hln_k__avx2_half8(hln_k_type type, const uint8_t *p) {
    const __m128i v = _mm_loadu_si128((const __m128i *)p);
    return type == HLN_K_F16 ? _mm256_cvtph_ps(v) : _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(v), 16));
}
HLN_K__AVX2_INLINE void hln_k__avx2_half_rows(hln_k_type type, int nr, int64_t n, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    __m256 acc[4][2];
    float tail[4];
    int64_t j = 0;
    int r;
    for (r = 0; r < nr; r++) { acc[r][0] = acc[r][1] = _mm256_setzero_ps(); tail[r] = 0.0f; }
    for (; j + 16 <= n; j += 16) {
        const __m256 x0 = hln_k__avx2_half8(type, x + 2 * j), x1 = hln_k__avx2_half8(type, x + 2 * j + 16);
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + 2 * j;
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 32);
            acc[r][0] = _mm256_fmadd_ps(hln_k__avx2_half8(type, b), x0, acc[r][0]);
            acc[r][1] = _mm256_fmadd_ps(hln_k__avx2_half8(type, b + 16), x1, acc[r][1]);
        }
    }
    for (; j < n; j++) {
        const float c = type == HLN_K_F16 ? hln_k_fp16_to_fp32(hln_k__ld16(x + 2 * j)) : hln_k_bf16_to_fp32(hln_k__ld16(x + 2 * j));
        for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + 2 * j;
            tail[r] += (type == HLN_K_F16 ? hln_k_fp16_to_fp32(hln_k__ld16(b)) : hln_k_bf16_to_fp32(hln_k__ld16(b))) * c;
        }
    }
    for (r = 0; r < nr; r++) out[r] = hln_k__hsum_ps(_mm256_add_ps(acc[r][0], acc[r][1])) + tail[r];
}
HLN_K__AVX2 static void hln_k__avx2_gemv_half(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    if (type == HLN_K_F16) HLN_K__ROWS4(HLN_K_F16, hln_k__avx2_half_rows);
    else HLN_K__ROWS4(HLN_K_BF16, hln_k__avx2_half_rows);
}

/* ---- AVX2 dequantization: decode 32 codes to bytes, then y = d * q - m per 8 lanes ---- */
HLN_K__AVX2_INLINE void hln_k__avx2_store16(float *y, __m128i q8, float d, float m) {
    __m256 vd = _mm256_set1_ps(d), vm = _mm256_set1_ps(m);
    __m256 a = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q8)), c = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_srli_si128(q8, 8)));
    _mm256_storeu_ps(y, _mm256_sub_ps(_mm256_mul_ps(vd, a), vm));
    _mm256_storeu_ps(y + 8, _mm256_sub_ps(_mm256_mul_ps(vd, c), vm));
}
HLN_K__AVX2_INLINE void hln_k__avx2_store32(float *y, __m256i q8, float d0, float m0, float d1, float m1) {
    hln_k__avx2_store16(y, _mm256_castsi256_si128(q8), d0, m0);
    hln_k__avx2_store16(y + 16, _mm256_extracti128_si256(q8, 1), d1, m1);
}

HLN_K__AVX2 static void hln_k__avx2_dequant(hln_k_type type, int64_t nb, const uint8_t *src, float *y) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m3 = _mm256_set1_epi8(3), m1 = _mm256_set1_epi8(1);
    int wsize = hln_k__traits[type].type_size;
    int64_t i;
    for (i = 0; i < nb; i++) {
        const uint8_t *b = src + i * wsize;
        int p;
        switch (type) {
        case HLN_K_Q4_0: {
            float d = hln_k__avx2_h(b);
            hln_k__avx2_store32(y, _mm256_sub_epi8(hln_k__avx2_nibbles(b + 2), _mm256_set1_epi8(8)), d, 0.0f, d, 0.0f);
            y += 32; break;
        }
        case HLN_K_IQ4_NL: {
            float d = hln_k__avx2_h(b);
            hln_k__avx2_store32(y, hln_k__avx2_iq4(hln_k__avx2_nibbles(b + 2)), d, 0.0f, d, 0.0f);
            y += 32; break;
        }
        case HLN_K_Q8_0: {
            float d = hln_k__avx2_h(b);
            hln_k__avx2_store32(y, _mm256_loadu_si256((const __m256i *)(b + 2)), d, 0.0f, d, 0.0f);
            y += 32; break;
        }
        case HLN_K_Q4_K: case HLN_K_Q5_K: {
            int five = type == HLN_K_Q5_K;
            float d = hln_k__avx2_h(b), dmin = hln_k__avx2_h(b + 2);
            const uint8_t *qs = b + (five ? 48 : 16);
            __m256i qh = five ? _mm256_loadu_si256((const __m256i *)(b + 16)) : _mm256_setzero_si256();
            for (p = 0; p < 4; p++) {
                int s0, n0, s1, n1;
                __m256i q = _mm256_loadu_si256((const __m256i *)(qs + 32 * p));
                __m256i lo = _mm256_and_si256(q, m4), hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), m4);
                float d0, d1, mm0, mm1;
                if (five) {
                    __m256i h = _mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * p));
                    lo = _mm256_or_si256(lo, _mm256_slli_epi16(_mm256_and_si256(h, m1), 4));
                    hi = _mm256_or_si256(hi, _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 1), m1), 4));
                }
                hln_k__q4_K_scale_min(2 * p, b + 4, &s0, &n0); hln_k__q4_K_scale_min(2 * p + 1, b + 4, &s1, &n1);
                d0 = d * (float)s0; mm0 = dmin * (float)n0; d1 = d * (float)s1; mm1 = dmin * (float)n1;
                hln_k__avx2_store32(y, lo, d0, mm0, d0, mm0);
                hln_k__avx2_store32(y + 32, hi, d1, mm1, d1, mm1);
                y += 64;
            }
            break;
        }
        case HLN_K_Q6_K: {
            float d = hln_k__avx2_h(b + 208);
            const int8_t *sc = (const int8_t *)(b + 192);
            int h, k;
            for (h = 0; h < 2; h++) {
                __m256i ql0 = _mm256_loadu_si256((const __m256i *)(b + 64 * h)), ql1 = _mm256_loadu_si256((const __m256i *)(b + 64 * h + 32));
                __m256i qh = _mm256_loadu_si256((const __m256i *)(b + 128 + 32 * h));
                for (k = 0; k < 4; k++) {
                    __m256i lo = (k & 1) ? ql1 : ql0, q;
                    if (k >= 2) lo = _mm256_srli_epi16(lo, 4);
                    q = _mm256_or_si256(_mm256_and_si256(lo, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srl_epi16(qh, _mm_cvtsi32_si128(2 * k)), m3), 4));
                    q = _mm256_sub_epi8(q, _mm256_set1_epi8(32));
                    hln_k__avx2_store32(y, q, d * (float)sc[8 * h + 2 * k], 0.0f, d * (float)sc[8 * h + 2 * k + 1], 0.0f);
                    y += 32;
                }
            }
            break;
        }
        case HLN_K_Q2_K: case HLN_K_Q3_K: {
            int two = type == HLN_K_Q2_K, h, s, g;
            float d = hln_k__avx2_h(b + (two ? 80 : 108)), dmin = two ? hln_k__avx2_h(b + 82) : 0.0f;
            float dl[16], ml[16];
            __m256i hm = two ? _mm256_setzero_si256() : _mm256_loadu_si256((const __m256i *)b);
            for (g = 0; g < 16; g++) {
                if (two) { dl[g] = d * (float)(b[g] & 0xF); ml[g] = dmin * (float)(b[g] >> 4); }
                else { dl[g] = d * (float)hln_k__q3_K_scale(g, b + 96); ml[g] = 0.0f; }
            }
            for (h = 0; h < 2; h++) {
                __m256i q = _mm256_loadu_si256((const __m256i *)(b + (two ? 16 : 32) + 32 * h));
                for (s = 0; s < 4; s++) {
                    __m256i v = _mm256_and_si256(_mm256_srl_epi16(q, _mm_cvtsi32_si128(2 * s)), m3);
                    int gi = 8 * h + 2 * s;
                    if (!two) {
                        __m256i hb = _mm256_and_si256(_mm256_srl_epi16(hm, _mm_cvtsi32_si128(4 * h + s)), m1);
                        v = _mm256_sub_epi8(_mm256_or_si256(v, _mm256_slli_epi16(hb, 2)), _mm256_set1_epi8(4));
                    }
                    hln_k__avx2_store32(y, v, dl[gi], ml[gi], dl[gi + 1], ml[gi + 1]);
                    y += 32;
                }
            }
            break;
        }
        case HLN_K_Q8_K: {
            float d = hln_k__ldf(b);
            for (p = 0; p < 8; p++) { hln_k__avx2_store32(y, _mm256_loadu_si256((const __m256i *)(b + 4 + 32 * p)), d, 0.0f, d, 0.0f); y += 32; }
            break;
        }
        case HLN_K_TQ2_0: {
            float d = hln_k__avx2_h(b + 64);
            int h, l;
            for (h = 0; h < 2; h++) {
                __m256i q = _mm256_loadu_si256((const __m256i *)(b + 32 * h));
                for (l = 0; l < 4; l++) {
                    __m256i v = _mm256_sub_epi8(_mm256_and_si256(_mm256_srl_epi16(q, _mm_cvtsi32_si128(2 * l)), m3), m1);
                    hln_k__avx2_store32(y, v, d, 0.0f, d, 0.0f);
                    y += 32;
                }
            }
            break;
        }
        case HLN_K_IQ4_XS: {
            float d = hln_k__avx2_h(b);
            for (p = 0; p < 8; p++) {
                float dl = d * (float)hln_k__iq4_xs_scale(p, b);
                hln_k__avx2_store32(y, hln_k__avx2_iq4(hln_k__avx2_nibbles(b + 8 + 16 * p)), dl, 0.0f, dl, 0.0f);
                y += 32;
            }
            break;
        }
        default:
            hln_k__deq_ref_block(type, b, y);
            y += hln_k__traits[type].block_size;
            break;
        }
    }
}
#endif /* HLN_K__X86 */

/* ==========================================================================================
 * AVX-512 kernels (needs AVX512F/BW/VL + VNNI + VBMI) for Q4_0, Q8_0, IQ4_NL, Q4_K, Q6_K and
 * IQ4_XS; the other types on this path run the AVX2 kernels.
 * ======================================================================================== */
#ifdef HLN_K__X86
/* Multi-row 512-bit kernels. vpdpbusd takes unsigned codes as they are and signed weights as
 * w + 128 (w ^ 0x80), the bias coming off through the activation sums, which are folded
 * into the accumulator's starting value once per block for all rows. Q4_0/IQ4_NL put four
 * blocks in a register (vpermt2b gathers their nibbles, vpermb their scales), Q8_0 two.
 * As on AVX2, a row's arithmetic does not depend on how many rows share the pass. */
/* GCC 12's own AVX-512 headers (_mm512_undefined_epi32 inside zext/cast/reduce helpers) trip
 * -Wmaybe-uninitialized in C++; the values in question are never read. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"   /* the same self-initialised __Y, seen through _mm512_broadcast_i32x4 */
#define HLN_K__POP_DIAGNOSTIC 1
#endif
#define HLN_K__AVX512_INLINE HLN_K__AVX512 static inline __attribute__((always_inline))
#define HLN_K__LD5(p) _mm512_loadu_si512((const void *)(p))

/* vpermb / vpermt2b byte indices (bit 6 picks the second source) for 4 blocks in a register */
static const uint8_t hln_k__vnni_perm[6][64] = {
    /* q4_0 nibbles of blocks 0-3, from b and b+8 */
    { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
      38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 56, 57, 58, 59, 60, 61, 62, 63, 120, 121, 122, 123, 124, 125, 126, 127 },
    /* q4_0 scales, 4 halves per block, from b */
    { 0, 1, 0, 1, 0, 1, 0, 1, 18, 19, 18, 19, 18, 19, 18, 19, 36, 37, 36, 37, 36, 37, 36, 37, 54, 55, 54, 55, 54, 55, 54, 55,
      0, 1, 0, 1, 0, 1, 0, 1, 18, 19, 18, 19, 18, 19, 18, 19, 36, 37, 36, 37, 36, 37, 36, 37, 54, 55, 54, 55, 54, 55, 54, 55 },
    /* x low 16 bytes of blocks 0-3, from xb and xb+64 */
    { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51,
      70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119 },
    /* x high 16 bytes of blocks 0-3, from xb+8 and xb+72 */
    { 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
      78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127 },
    /* x scales, 4 halves per block, from xb and xb+64 */
    { 0, 1, 0, 1, 0, 1, 0, 1, 34, 35, 34, 35, 34, 35, 34, 35, 68, 69, 68, 69, 68, 69, 68, 69, 102, 103, 102, 103, 102, 103, 102, 103,
      0, 1, 0, 1, 0, 1, 0, 1, 34, 35, 34, 35, 34, 35, 34, 35, 68, 69, 68, 69, 68, 69, 68, 69, 102, 103, 102, 103, 102, 103, 102, 103 },
    /* Q8_0 scales, 8 halves per block, from b and b+64 */
    { 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 34, 35, 34, 35, 34, 35, 34, 35, 34, 35, 34, 35, 34, 35, 34, 35,
      68, 69, 68, 69, 68, 69, 68, 69, 68, 69, 68, 69, 68, 69, 68, 69, 102, 103, 102, 103, 102, 103, 102, 103, 102, 103, 102, 103, 102, 103, 102, 103 } };
#define HLN_K__PERM(k) _mm512_loadu_si512((const void *)hln_k__vnni_perm[k])
/* 32 bytes at lo, then 32 bytes at hi */
HLN_K__AVX512_INLINE __m512i hln_k__vnni_pair(const uint8_t *lo, const uint8_t *hi) {
    return _mm512_mask_broadcast_i64x4(_mm512_zextsi256_si512(_mm256_loadu_si256((const __m256i *)lo)), 0xF0, _mm256_loadu_si256((const __m256i *)hi));
}

/* One Q4_0 / IQ4_NL / Q8_0 block against its Q8_0 block, as the 4-block kernels add their
 * last nb % 4 blocks. */
HLN_K__AVX2_INLINE float hln_k__q32_block(hln_k_type type, const uint8_t *b, const uint8_t *xb) {
    __m256i wv = type == HLN_K_Q8_0 ? _mm256_loadu_si256((const __m256i *)(b + 2)) : hln_k__avx2_nibbles(b + 2);
    if (type == HLN_K_Q4_0) wv = _mm256_sub_epi8(wv, _mm256_set1_epi8(8));
    else if (type == HLN_K_IQ4_NL) wv = hln_k__avx2_iq4(wv);
    return (float)hln_k__hsum_epi32(_mm256_madd_epi16(hln_k__avx2_dot_ss(wv, _mm256_loadu_si256((const __m256i *)(xb + 2))), _mm256_set1_epi16(1))) *
           (hln_k__avx2_h(b) * hln_k__avx2_h(xb));
}
/* The activation side of 4 Q8_0 blocks for Q4_0 / IQ4_NL (the nibble lanes xl/xh and the
 * bias of the unsigned codes) or for Q8_0 (block pairs xa/xc, their -128 * sums), shared by
 * the plain and the x4 kernels. */
typedef struct hln_k__q32x { __m512 dx, dxa, dxc; __m512i xl, xh, nbias, xa, xc, na, nc; } hln_k__q32x;
HLN_K__AVX512_INLINE void hln_k__vnni_q32_prep(hln_k_type type, const uint8_t *xb, hln_k__q32x *p) {
    const __m512i b80 = _mm512_set1_epi8((char)0x80), z = _mm512_setzero_si512();
    const __m512i x0 = HLN_K__LD5(xb), x1 = HLN_K__LD5(xb + 64);
    p->dx = _mm512_cvtph_ps(_mm512_castsi512_si256(_mm512_permutex2var_epi8(x0, HLN_K__PERM(4), x1)));
    if (type == HLN_K_Q8_0) {
        p->xa = hln_k__vnni_pair(xb + 2, xb + 36); p->xc = hln_k__vnni_pair(xb + 70, xb + 104);
        p->na = _mm512_sub_epi32(z, _mm512_dpbusd_epi32(z, b80, p->xa));
        p->nc = _mm512_sub_epi32(z, _mm512_dpbusd_epi32(z, b80, p->xc));
        p->dxa = _mm512_permutexvar_ps(_mm512_setr_epi32(0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4), p->dx);
        p->dxc = _mm512_permutexvar_ps(_mm512_setr_epi32(8, 8, 8, 8, 8, 8, 8, 8, 12, 12, 12, 12, 12, 12, 12, 12), p->dx);
        p->xl = p->xh = p->nbias = z;
    } else {
        const __m512i ub = type == HLN_K_Q4_0 ? _mm512_set1_epi8(8) : b80;
        p->xl = _mm512_permutex2var_epi8(x0, HLN_K__PERM(2), x1);
        p->xh = _mm512_permutex2var_epi8(HLN_K__LD5(xb + 8), HLN_K__PERM(3), HLN_K__LD5(xb + 72));
        p->nbias = _mm512_sub_epi32(z, _mm512_dpbusd_epi32(_mm512_dpbusd_epi32(z, ub, p->xl), ub, p->xh));
        p->xa = p->xc = p->na = p->nc = z;
        p->dxa = p->dxc = _mm512_setzero_ps();
    }
}

HLN_K__AVX512_INLINE void hln_k__vnni_q32_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int ws = type == HLN_K_Q8_0 ? 34 : 18;
    const __m512i m4 = _mm512_set1_epi8(0x0F), b80 = _mm512_set1_epi8((char)0x80);
    const __m512i tab = _mm512_xor_si512(_mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)hln_k__iq4nl_values)), b80);
    const __m512i iq = HLN_K__PERM(0), idw = HLN_K__PERM(1), id8 = HLN_K__PERM(5);
    __m512 acc[4];
    float tail[4];
    int64_t i = 0;
    int r;
    for (r = 0; r < nr; r++) { acc[r] = _mm512_setzero_ps(); tail[r] = 0.0f; }
    for (; i + 4 <= nb; i += 4) {
        const uint8_t *xb = x + i * 34;
        hln_k__q32x p;
        hln_k__vnni_q32_prep(type, xb, &p);
        if (type == HLN_K_Q8_0) {
            /* two blocks per register: [block k | block k+1], scales 8 lanes each */
            const __m512i xa = p.xa, xc = p.xc, na = p.na, nc = p.nc;
            const __m512 dxa = p.dxa, dxc = p.dxc;
            HLN_K__UNROLL for (r = 0; r < nr; r++) {
                const uint8_t *b = w + r * rs + i * ws;
                const __m512i wa = hln_k__vnni_pair(b + 2, b + 36), wc = hln_k__vnni_pair(b + 70, b + 104);
                const __m512i dq = _mm512_permutex2var_epi8(HLN_K__LD5(b), id8, HLN_K__LD5(b + 64));
                const __m512 da = _mm512_cvtph_ps(_mm512_castsi512_si256(dq)), dc = _mm512_cvtph_ps(_mm512_extracti64x4_epi64(dq, 1));
                HLN_K__PREFETCH_NEXT(w, rs, r, b, 136);
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(na, _mm512_xor_si512(wa, b80), xa)), _mm512_mul_ps(da, dxa), acc[r]);
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(nc, _mm512_xor_si512(wc, b80), xc)), _mm512_mul_ps(dc, dxc), acc[r]);
            }
        } else {
            /* four blocks per register: lane k = block k's low nibbles (then high) */
            const __m512i xl = p.xl, xh = p.xh, nbias = p.nbias;
            const __m512 dx = p.dx;
            HLN_K__UNROLL for (r = 0; r < nr; r++) {
                const uint8_t *b = w + r * rs + i * ws;
                const __m512i a = HLN_K__LD5(b);
                const __m512i q = _mm512_permutex2var_epi8(a, iq, HLN_K__LD5(b + 8));
                __m512i lo = _mm512_and_si512(q, m4), hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), m4);
                __m512 dw = _mm512_cvtph_ps(_mm512_castsi512_si256(_mm512_permutexvar_epi8(idw, a)));
                HLN_K__PREFETCH_NEXT(w, rs, r, b, 72);
                if (type == HLN_K_IQ4_NL) { lo = _mm512_shuffle_epi8(tab, lo); hi = _mm512_shuffle_epi8(tab, hi); }
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(_mm512_dpbusd_epi32(nbias, lo, xl), hi, xh)),
                                         _mm512_mul_ps(dw, dx), acc[r]);
            }
        }
    }
    for (; i < nb; i++)   /* the last nb % 4 blocks, one at a time */
        for (r = 0; r < nr; r++) tail[r] += hln_k__q32_block(type, w + r * rs + i * ws, x + i * 34);
    for (r = 0; r < nr; r++) out[r] = _mm512_reduce_add_ps(acc[r]) + tail[r];
}

HLN_K__AVX512_INLINE __m512i hln_k__vnni_dp(__m512i acc, __m512i u, __m512i s) { return _mm512_dpbusd_epi32(acc, u, s); }
/* bytes 1 << a in the low 256 bits, 1 << b in the high 256 bits */
HLN_K__AVX512_INLINE __m512i hln_k__vnni_bits2(int a, int b) {
    return _mm512_inserti64x4(_mm512_set1_epi8((char)(1 << a)), _mm256_set1_epi8((char)(1 << b)), 1);
}

/* vpermb indices putting scale byte j0 + (k < 2 ? 0 : 2) + (q >= 4) in int16 q of 128-bit lane
 * k (low bytes; the caller zeroes the high ones) */
HLN_K__AVX512_INLINE __m512i hln_k__vnni_scale_idx(int j0) {
    const uint64_t r = 0x0001000100010001ull, j = (uint64_t)j0;   /* 64-bit element e: 4 int16 of lane e / 2 */
    return _mm512_set_epi64((long long)((j + 3) * r), (long long)((j + 2) * r), (long long)((j + 3) * r), (long long)((j + 2) * r),
                            (long long)((j + 1) * r), (long long)(j * r), (long long)((j + 1) * r), (long long)(j * r));
}
/* vpermw indices putting int16 j0 + k + 4 (q >= 4) in int16 q of 128-bit lane k */
HLN_K__AVX512_INLINE __m512i hln_k__vnni_q6_idx(int j0) {
    const uint64_t r = 0x0001000100010001ull, j = (uint64_t)j0;
    return _mm512_set_epi64((long long)((j + 7) * r), (long long)((j + 3) * r), (long long)((j + 6) * r), (long long)((j + 2) * r),
                            (long long)((j + 5) * r), (long long)((j + 1) * r), (long long)((j + 4) * r), (long long)(j * r));
}
/* Q4_K, Q6_K, IQ4_XS against Q8_K: int32 sums per sub-block, multiplied by the sub-block
 * scales as whole vectors, one float conversion per super-block. */
HLN_K__AVX512_INLINE void hln_k__vnni_k_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int ws = hln_k__traits[type].type_size;
    const __m512i m4 = _mm512_set1_epi8(0x0F), m30 = _mm512_set1_epi8(0x30), b80 = _mm512_set1_epi8((char)0x80), z = _mm512_setzero_si512();
    const __m512i tab = _mm512_xor_si512(_mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)hln_k__iq4nl_values)), b80);
    __m512 acc[4];
    __m128 macc[4];
    int64_t i;
    int r;
    for (r = 0; r < nr; r++) { acc[r] = _mm512_setzero_ps(); macc[r] = _mm_setzero_ps(); }
    for (i = 0; i < nb; i++) {
        const uint8_t *xb = x + i * 292, *xq = xb + 4;
        const float dx = hln_k__ldf(xb);
        if (type == HLN_K_Q4_K || type == HLN_K_Q5_K) {
            /* activation pairs matching [sub-block j | sub-block j+2]; Q5_K's fifth bit of
             * sub-block j is bit j of its qh bytes (tested per half, added as 0x10) */
            const __m512i x02 = hln_k__vnni_pair(xq, xq + 64), x13 = hln_k__vnni_pair(xq + 32, xq + 96);
            const __m512i x46 = hln_k__vnni_pair(xq + 128, xq + 192), x57 = hln_k__vnni_pair(xq + 160, xq + 224);
            const __m128i bs = _mm_hadd_epi16(_mm_loadu_si128((const __m128i *)(xb + 260)), _mm_loadu_si128((const __m128i *)(xb + 276)));
            const __m512i ik01 = hln_k__vnni_scale_idx(0), ik23 = hln_k__vnni_scale_idx(4);
            HLN_K__UNROLL for (r = 0; r < nr; r++) {
                const uint8_t *b = w + r * rs + i * ws;
                HLN_K__PREFETCH_NEXT(w, rs, r, b, ws);
                __m128i sm = hln_k__q4_K_scales(b + 4);
                const __m512i smz = _mm512_castsi128_si512(sm);
                __m512i ai;
                __m128 dd = _mm_mul_ps(_mm_cvtph_ps(_mm_cvtsi32_si128((int)hln_k__ld32(b))), _mm_set1_ps(dx));
                const int qo = type == HLN_K_Q5_K ? 48 : 16;
                __m512i q0 = HLN_K__LD5(b + qo), q1 = HLN_K__LD5(b + qo + 64);
                __m512i l0 = _mm512_and_si512(q0, m4), h0 = _mm512_and_si512(_mm512_srli_epi16(q0, 4), m4);
                __m512i l1 = _mm512_and_si512(q1, m4), h1 = _mm512_and_si512(_mm512_srli_epi16(q1, 4), m4);
                if (type == HLN_K_Q5_K) {
                    const __m512i qh = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(b + 16))), b10 = _mm512_set1_epi8(0x10);
                    l0 = _mm512_mask_add_epi8(l0, _mm512_test_epi8_mask(qh, hln_k__vnni_bits2(0, 2)), l0, b10);
                    h0 = _mm512_mask_add_epi8(h0, _mm512_test_epi8_mask(qh, hln_k__vnni_bits2(1, 3)), h0, b10);
                    l1 = _mm512_mask_add_epi8(l1, _mm512_test_epi8_mask(qh, hln_k__vnni_bits2(4, 6)), l1, b10);
                    h1 = _mm512_mask_add_epi8(h1, _mm512_test_epi8_mask(qh, hln_k__vnni_bits2(5, 7)), h1, b10);
                }
                /* each dword of a vpdpbusd sum is 4 products, |sum| <= 4 * 31 * 127, so two sums
                 * pack to int16 exactly and one vpmaddwd applies their sub-block scales:
                 * 128-bit lane k of packs(d_j, d_j+1) holds sub-blocks j, j+1 (k < 2) or j+2,
                 * j+3 (k >= 2), 4 int16 each, against scales spread the same way (vpermb,
                 * high bytes zero) */
                ai = _mm512_add_epi32(
                    _mm512_madd_epi16(_mm512_packs_epi32(hln_k__vnni_dp(z, l0, x02), hln_k__vnni_dp(z, h0, x13)),
                                      _mm512_maskz_permutexvar_epi8(0x5555555555555555ull, ik01, smz)),
                    _mm512_madd_epi16(_mm512_packs_epi32(hln_k__vnni_dp(z, l1, x46), hln_k__vnni_dp(z, h1, x57)),
                                      _mm512_maskz_permutexvar_epi8(0x5555555555555555ull, ik23, smz)));
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(ai), _mm512_broadcastss_ps(dd), acc[r]);
                macc[r] = _mm_fmadd_ps(_mm_cvtepi32_ps(_mm_madd_epi16(bs, _mm_cvtepu8_epi16(_mm_srli_si128(sm, 8)))),
                                       _mm_shuffle_ps(dd, dd, 0x55), macc[r]);
            }
        } else if (type == HLN_K_Q6_K) {
            const __m256i bsums = _mm256_loadu_si256((const __m256i *)(xb + 260));
            const __m512i ih0 = hln_k__vnni_q6_idx(0), ih1 = hln_k__vnni_q6_idx(8);
            const __m512i x0 = HLN_K__LD5(xq), x1 = HLN_K__LD5(xq + 64), x2 = HLN_K__LD5(xq + 128), x3 = HLN_K__LD5(xq + 192);
            HLN_K__UNROLL for (r = 0; r < nr; r++) {
                const uint8_t *b = w + r * rs + i * ws;
                HLN_K__PREFETCH_NEXT(w, rs, r, b, ws);
                const __m128i sc8 = _mm_loadu_si128((const __m128i *)(b + 192));
                const __m512i s16 = _mm512_zextsi256_si512(_mm256_cvtepi8_epi16(sc8));
                /* the -32 offset: 32 * sum_j scale_j * bsum_j */
                __m512i ai = _mm512_zextsi256_si512(_mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(_mm256_madd_epi16(bsums, _mm256_cvtepi8_epi16(sc8)), 5)));
                int h;
                ai = _mm512_maskz_mov_epi32(0x00FF, ai);
                HLN_K__UNROLL for (h = 0; h < 2; h++) {
                    const __m512i ql = HLN_K__LD5(b + 64 * h);
                    const __m512i qh = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(b + 128 + 32 * h)));
                    /* [k = 0 | k = 1] and [k = 2 | k = 3] of this half */
                    __m512i q01 = _mm512_or_si512(_mm512_and_si512(ql, m4), _mm512_and_si512(_mm512_sllv_epi16(qh, _mm512_mask_broadcast_i64x4(_mm512_set1_epi16(4), 0xF0, _mm256_set1_epi16(2))), m30));
                    __m512i q23 = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), m4), _mm512_and_si512(_mm512_srlv_epi16(qh, _mm512_mask_broadcast_i64x4(_mm512_setzero_si512(), 0xF0, _mm256_set1_epi16(2))), m30));
                    __m512i d01 = hln_k__vnni_dp(z, q01, h ? x2 : x0), d23 = hln_k__vnni_dp(z, q23, h ? x3 : x1);
                    /* 4 lanes per 16-element sub-block: d01 holds sub-blocks 8h..8h+3, d23 8h+4..8h+7;
                     * a dword is 4 products, |sum| <= 4 * 63 * 127 < 2^15, so packs(d01, d23) is
                     * exact: 128-bit lane k = sub-block 8h+k (4 int16), then 8h+4+k, and one
                     * vpmaddwd applies the int16 scales spread the same way */
                    ai = _mm512_add_epi32(ai, _mm512_madd_epi16(_mm512_packs_epi32(d01, d23), _mm512_permutexvar_epi16(h ? ih1 : ih0, s16)));
                }
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(ai), _mm512_set1_ps(hln_k__avx2_h(b + 208) * dx), acc[r]);
            }
        } else {   /* IQ4_XS: the activation in the nibble layout, its 128 * sums in the start value */
            const __m512i xa = HLN_K__LD5(xq), xc = HLN_K__LD5(xq + 64), xe = HLN_K__LD5(xq + 128), xg = HLN_K__LD5(xq + 192);
            const __m512i xl0 = _mm512_shuffle_i64x2(xa, xc, 0x88), xh0 = _mm512_shuffle_i64x2(xa, xc, 0xDD);
            const __m512i xl1 = _mm512_shuffle_i64x2(xe, xg, 0x88), xh1 = _mm512_shuffle_i64x2(xe, xg, 0xDD);
            const __m512i n0 = _mm512_sub_epi32(z, hln_k__vnni_dp(hln_k__vnni_dp(z, b80, xl0), b80, xh0));
            const __m512i n1 = _mm512_sub_epi32(z, hln_k__vnni_dp(hln_k__vnni_dp(z, b80, xl1), b80, xh1));
            HLN_K__UNROLL for (r = 0; r < nr; r++) {
                const uint8_t *b = w + r * rs + i * ws;
                HLN_K__PREFETCH_NEXT(w, rs, r, b, ws);
                /* scales in the order 0 2 4 6 1 3 5 7 */
                const __m512i sc = _mm512_zextsi256_si512(_mm256_sub_epi32(_mm256_cvtepu8_epi32(_mm_set_epi64x(0, (long long)hln_k__iq4_xs_scales(b))), _mm256_set1_epi32(32)));
                const __m512i q0 = HLN_K__LD5(b + 8), q1 = HLN_K__LD5(b + 72);
                __m512i d0 = hln_k__vnni_dp(hln_k__vnni_dp(n0, _mm512_shuffle_epi8(tab, _mm512_and_si512(q0, m4)), xl0),
                                            _mm512_shuffle_epi8(tab, _mm512_and_si512(_mm512_srli_epi16(q0, 4), m4)), xh0);
                __m512i d1 = hln_k__vnni_dp(hln_k__vnni_dp(n1, _mm512_shuffle_epi8(tab, _mm512_and_si512(q1, m4)), xl1),
                                            _mm512_shuffle_epi8(tab, _mm512_and_si512(_mm512_srli_epi16(q1, 4), m4)), xh1);
                __m512i ai = _mm512_add_epi32(
                    _mm512_mullo_epi32(d0, _mm512_permutexvar_epi32(_mm512_setr_epi32(0, 0, 0, 0, 4, 4, 4, 4, 1, 1, 1, 1, 5, 5, 5, 5), sc)),
                    _mm512_mullo_epi32(d1, _mm512_permutexvar_epi32(_mm512_setr_epi32(2, 2, 2, 2, 6, 6, 6, 6, 3, 3, 3, 3, 7, 7, 7, 7), sc)));
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(ai), _mm512_set1_ps(hln_k__avx2_h(b) * dx), acc[r]);
            }
        }
    }
    for (r = 0; r < nr; r++) {
        __m128 m = macc[r];
        m = _mm_add_ps(m, _mm_movehl_ps(m, m));
        m = _mm_add_ss(m, _mm_movehdup_ps(m));
        out[r] = _mm512_reduce_add_ps(acc[r]) - _mm_cvtss_f32(m);
    }
}

HLN_K__AVX512 static void hln_k__vnni_gemv_q32(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    if (type == HLN_K_Q4_0) HLN_K__ROWS4(HLN_K_Q4_0, hln_k__vnni_q32_rows);
    else if (type == HLN_K_Q8_0) HLN_K__ROWS4(HLN_K_Q8_0, hln_k__vnni_q32_rows);
    else HLN_K__ROWS4(HLN_K_IQ4_NL, hln_k__vnni_q32_rows);
}
HLN_K__AVX512 static void hln_k__vnni_gemv_k(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    if (type == HLN_K_Q4_K) HLN_K__ROWS4(HLN_K_Q4_K, hln_k__vnni_k_rows);
    else if (type == HLN_K_Q5_K) HLN_K__ROWS4(HLN_K_Q5_K, hln_k__vnni_k_rows);
    else if (type == HLN_K_Q6_K) HLN_K__ROWS4(HLN_K_Q6_K, hln_k__vnni_k_rows);
    else HLN_K__ROWS4(HLN_K_IQ4_XS, hln_k__vnni_k_rows);
}
/* ---- AVX-512, second round (issue 15): 4-row kernels for the types that took one row per pass ---- */

/* Q4_1, Q5_0, Q5_1 against Q8_1 / Q8_0, four blocks per register as in hln_k__vnni_q32_rows
 * (128-bit lane k = block k's low nibbles, then its high nibbles), codes unsigned (0..15 or
 * 0..31) straight into vpdpbusd. The fifth bit: the qh bytes of each block spread over its
 * lane by a vpermt2b, tested against 1 2 4 .. 128 (vptestmb) and or-ed in as 0x10 under that
 * mask. Q5_0's -16 is -16 * sum(x) in the accumulator's start, once per 4 blocks for the 4
 * rows; Q4_1/Q5_1's m * s goes to a second float accumulator (lane 4k holds block k's product,
 * the other lanes 0). The byte indices depend on the block sizes, so they are built per call:
 * weight bytes come from loads at b and b + 4 ws - 64, activation low halves from xb and xb + 64,
 * high halves from xb + 4 xs - 128 and xb + 4 xs - 64 (no load passes the 4 blocks). */
typedef struct hln_k__q5_idx { uint8_t q[64], d[64], m[64], hl[64], hh[64], xl[64], xh[64], xd[64], xs[64]; } hln_k__q5_idx;
static void hln_k__q5_idx_init(hln_k_type type, hln_k__q5_idx *ix) {
    const int ws = hln_k__traits[type].type_size, one = type != HLN_K_Q5_0, xs = one ? 36 : 34, xo = one ? 4 : 2;
    const int qo = ws - 16, ho = type == HLN_K_Q5_1 ? 4 : 2, w2 = 4 * ws - 64, x2 = 4 * xs - 128;
    int j;
#define HLN_K__WIDX(p) (uint8_t)((p) < 64 ? (p) : 64 + (p) - w2)
    for (j = 0; j < 64; j++) {
        const int k = (j >> 4) & 3, t = j & 15, f = (j >> 1) & 15, fb = f >> 2, lo = j & 1;
        ix->q[j] = HLN_K__WIDX(qo + ws * k + t);
        ix->d[j] = HLN_K__WIDX(ws * fb + lo);
        ix->m[j] = HLN_K__WIDX(ws * fb + 2 + lo);
        ix->hl[j] = HLN_K__WIDX(ho + ws * k + (t >> 3));
        ix->hh[j] = HLN_K__WIDX(ho + ws * k + 2 + (t >> 3));
        ix->xl[j] = (uint8_t)(xo + xs * k + t);
        ix->xh[j] = (uint8_t)(xo + xs * k + 16 + t - x2);
        ix->xd[j] = (uint8_t)(xs * fb + lo);
        ix->xs[j] = (uint8_t)(xs * fb + 2 + lo);
    }
#undef HLN_K__WIDX
}
HLN_K__AVX512_INLINE void hln_k__vnni_q5_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x,
                                              const hln_k__q5_idx *ix, float *out) {
    const int ws = hln_k__traits[type].type_size, one = type != HLN_K_Q5_0, five = type != HLN_K_Q4_1, xs = one ? 36 : 34;
    const __m512i m4 = _mm512_set1_epi8(0x0F), b10 = _mm512_set1_epi8(0x10), z = _mm512_setzero_si512();
    const __m512i bits = _mm512_set1_epi64((long long)0x8040201008040201ull);
    const __m512i iq = HLN_K__LD5(ix->q), id = HLN_K__LD5(ix->d), im = HLN_K__LD5(ix->m), ihl = HLN_K__LD5(ix->hl), ihh = HLN_K__LD5(ix->hh);
    const __m512i ixl = HLN_K__LD5(ix->xl), ixh = HLN_K__LD5(ix->xh), ixd = HLN_K__LD5(ix->xd), ixs = HLN_K__LD5(ix->xs);
    const __mmask64 first = (__mmask64)0x0303030303030303ull;   /* the fp16 of lane 4k */
    __m512 acc[4], macc[4];
    float tail[4];
    int64_t i = 0;
    int r;
    for (r = 0; r < nr; r++) { acc[r] = macc[r] = _mm512_setzero_ps(); tail[r] = 0.0f; }
    for (; i + 4 <= nb; i += 4) {
        const uint8_t *xb = x + i * xs;
        const __m512i x0 = HLN_K__LD5(xb), x1 = HLN_K__LD5(xb + 64);
        const __m512i xl = _mm512_permutex2var_epi8(x0, ixl, x1);
        const __m512i xh = _mm512_permutex2var_epi8(HLN_K__LD5(xb + 4 * xs - 128), ixh, HLN_K__LD5(xb + 4 * xs - 64));
        const __m512 dx = _mm512_cvtph_ps(_mm512_castsi512_si256(_mm512_permutex2var_epi8(x0, ixd, x1)));
        const __m512 sx = _mm512_cvtph_ps(_mm512_castsi512_si256(_mm512_maskz_permutex2var_epi8(first, x0, ixs, x1)));
        const __m512i start = type == HLN_K_Q5_0 ? _mm512_sub_epi32(z, _mm512_dpbusd_epi32(_mm512_dpbusd_epi32(z, b10, xl), b10, xh)) : z;
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * ws;
            const __m512i a = HLN_K__LD5(b), c = HLN_K__LD5(b + 4 * ws - 64);
            const __m512i q = _mm512_permutex2var_epi8(a, iq, c);
            __m512i lo = _mm512_and_si512(q, m4), hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), m4);
            const __m512 dw = _mm512_cvtph_ps(_mm512_castsi512_si256(_mm512_permutex2var_epi8(a, id, c)));
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 4 * ws);
            if (five) {
                lo = _mm512_mask_add_epi8(lo, _mm512_test_epi8_mask(_mm512_permutex2var_epi8(a, ihl, c), bits), lo, b10);
                hi = _mm512_mask_add_epi8(hi, _mm512_test_epi8_mask(_mm512_permutex2var_epi8(a, ihh, c), bits), hi, b10);
            }
            acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(_mm512_dpbusd_epi32(start, lo, xl), hi, xh)),
                                     _mm512_mul_ps(dw, dx), acc[r]);
            if (one) macc[r] = _mm512_fmadd_ps(_mm512_cvtph_ps(_mm512_castsi512_si256(_mm512_maskz_permutex2var_epi8(first, a, im, c))), sx, macc[r]);
        }
    }
    hln_k__q5_tail(type, nr, i, nb, w, rs, x, tail);   /* the last nb % 4 blocks */
    for (r = 0; r < nr; r++) out[r] = _mm512_reduce_add_ps(acc[r]) + _mm512_reduce_add_ps(macc[r]) + tail[r];
}
/* TQ2_0, Q2_K, Q3_K against Q8_K: the 2-bit codes of a super-block in one register (the two
 * 32-byte halves of qs), shifted by 2k and masked for k = 0..3, straight into vpdpbusd against
 * the activation pairs [32k.. | 128 + 32k..] prepared once per super-block for the 4 rows.
 * Lane t of such a dot covers sub-block (of 16) 2k + t/4 (t < 8) or 8 + 2k + (t - 8)/4.
 * TQ2_0's -1 is -sum(x) in the start value; Q2_K's scales (and mins, through the bsums) and
 * Q3_K's signed 6-bit scales multiply the int32 sums by vpmulld; Q3_K's third bit (hmask bit
 * 4h + k of byte l) is added as 4 under a vptestmb mask and its -4 is -4 * sum_g s_g bsum_g. */
HLN_K__AVX512_INLINE __m512i hln_k__vnni_sub16(__m512i s32, int k) {
    return _mm512_permutexvar_epi32(_mm512_setr_epi32(2 * k, 2 * k, 2 * k, 2 * k, 2 * k + 1, 2 * k + 1, 2 * k + 1, 2 * k + 1,
                                                      8 + 2 * k, 8 + 2 * k, 8 + 2 * k, 8 + 2 * k, 9 + 2 * k, 9 + 2 * k, 9 + 2 * k, 9 + 2 * k), s32);
}
/* Q3_K's 16 scales (s - 32, signed) from its 12 scale bytes */
HLN_K__AVX512_INLINE __m128i hln_k__q3_K_scales16(const uint8_t *s) {
    const __m128i m4 = _mm_set1_epi8(0x0F), l = _mm_loadl_epi64((const __m128i *)s);
    const __m128i lo = _mm_unpacklo_epi64(_mm_and_si128(l, m4), _mm_and_si128(_mm_srli_epi16(l, 4), m4));
    const __m128i hi = _mm_and_si128(_mm_srlv_epi32(_mm_set1_epi32((int)hln_k__ld32(s + 8)), _mm_setr_epi32(0, 2, 4, 6)), _mm_set1_epi8(3));
    return _mm_sub_epi8(_mm_or_si128(lo, _mm_slli_epi16(hi, 4)), _mm_set1_epi8(32));
}
HLN_K__AVX512_INLINE void hln_k__vnni_q2_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int ws = hln_k__traits[type].type_size, qo = type == HLN_K_TQ2_0 ? 0 : type == HLN_K_Q2_K ? 16 : 32;
    const int dof = type == HLN_K_TQ2_0 ? 64 : type == HLN_K_Q2_K ? 80 : 108;
    const __m512i m3 = _mm512_set1_epi8(3), z = _mm512_setzero_si512();
    __m512 acc[4];
    __m256 macc[4];
    int64_t i;
    int r, k;
    for (r = 0; r < nr; r++) { acc[r] = _mm512_setzero_ps(); macc[r] = _mm256_setzero_ps(); }
    for (i = 0; i < nb; i++) {
        const uint8_t *xb = x + i * 292, *xq = xb + 4;
        const float dx = hln_k__ldf(xb);
        const __m256i bs = _mm256_loadu_si256((const __m256i *)(xb + 260));
        __m512i xk[4], nsum = z;
        HLN_K__UNROLL for (k = 0; k < 4; k++) xk[k] = hln_k__vnni_pair(xq + 32 * k, xq + 128 + 32 * k);
        if (type == HLN_K_TQ2_0) {
            HLN_K__UNROLL for (k = 0; k < 4; k++) nsum = _mm512_dpbusd_epi32(nsum, _mm512_set1_epi8(1), xk[k]);
            nsum = _mm512_sub_epi32(z, nsum);
        }
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * ws;
            const __m512i q = HLN_K__LD5(b + qo);
            __m512i ai = nsum, s32 = z, hm = z;
            __m128i s8 = _mm_setzero_si128();
            HLN_K__PREFETCH_NEXT(w, rs, r, b, ws);
            if (type == HLN_K_Q2_K) {
                s8 = _mm_loadu_si128((const __m128i *)b);
                s32 = _mm512_cvtepu8_epi32(_mm_and_si128(s8, _mm_set1_epi8(0x0F)));
            } else if (type == HLN_K_Q3_K) {
                s8 = hln_k__q3_K_scales16(b + 96);
                s32 = _mm512_cvtepi8_epi32(s8);
                hm = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)b));
                /* -4 * sum_g s_g bsum_g in lanes 0-7 */
                ai = _mm512_zextsi256_si512(_mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(_mm256_madd_epi16(bs, _mm256_cvtepi8_epi16(s8)), 2)));
            }
            HLN_K__UNROLL for (k = 0; k < 4; k++) {
                __m512i c = _mm512_and_si512(k ? _mm512_srli_epi16(q, 2 * k) : q, m3);
                if (type == HLN_K_TQ2_0) { ai = _mm512_dpbusd_epi32(ai, c, xk[k]); continue; }
                if (type == HLN_K_Q3_K) c = _mm512_mask_add_epi8(c, _mm512_test_epi8_mask(hm, hln_k__vnni_bits2(k, 4 + k)), c, _mm512_set1_epi8(4));
                ai = _mm512_add_epi32(ai, _mm512_mullo_epi32(_mm512_dpbusd_epi32(z, c, xk[k]), hln_k__vnni_sub16(s32, k)));
            }
            acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(ai), _mm512_set1_ps(hln_k__avx2_h(b + dof) * dx), acc[r]);
            if (type == HLN_K_Q2_K)   /* dmin * sum_g m_g bsum_g */
                macc[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_madd_epi16(bs, _mm256_cvtepu8_epi16(_mm_and_si128(_mm_srli_epi16(s8, 4), _mm_set1_epi8(0x0F))))),
                                          _mm256_set1_ps(hln_k__avx2_h(b + 82) * dx), macc[r]);
        }
    }
    for (r = 0; r < nr; r++) out[r] = _mm512_reduce_add_ps(acc[r]) - hln_k__hsum_ps(macc[r]);
}
HLN_K__AVX512 static void hln_k__vnni_gemv_q2(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    if (type == HLN_K_TQ2_0) HLN_K__ROWS4(HLN_K_TQ2_0, hln_k__vnni_q2_rows);
    else if (type == HLN_K_Q2_K) HLN_K__ROWS4(HLN_K_Q2_K, hln_k__vnni_q2_rows);
    else HLN_K__ROWS4(HLN_K_Q3_K, hln_k__vnni_q2_rows);
}

/* TQ1_0 against Q8_K: the 48 trit bytes and 4 qh bytes are bytes 0-51 of one (masked) load;
 * digit n of every byte at once is q_n = byte * 3^n mod 256 (q_{n+1} = q_n + q_n + q_n in byte
 * lanes), its trit floor(3 q_n / 256) = (q_n > 85) + (q_n > 170) by two compares into masks.
 * Digit n's bytes are elements 32n + p (p < 32), 160 + 16n + p - 32 (p < 48) and 240 + 4n +
 * p - 48 (p < 52): the activation in that order is built once per super-block for the 4 rows,
 * with the -1 as -sum(x) in the start value. */
HLN_K__AVX512_INLINE void hln_k__vnni_tq1_rows(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const __m512i one = _mm512_set1_epi8(1), t1 = _mm512_set1_epi8(85), t2 = _mm512_set1_epi8((char)170), z = _mm512_setzero_si512();
    const __mmask64 bytes52 = (__mmask64)0x000FFFFFFFFFFFFFull;
    __m512 acc[4];
    int64_t i;
    int r, n;
    (void)type;
    for (r = 0; r < nr; r++) acc[r] = _mm512_setzero_ps();
    for (i = 0; i < nb; i++) {
        const uint8_t *xb = x + i * 292, *xq = xb + 4;
        const float dx = hln_k__ldf(xb);
        __m512i xn[5], nsum = z;
        HLN_K__UNROLL for (n = 0; n < 5; n++) {
            /* the qh bytes hold 4 digits: their fifth is no element */
            const __m256i hi = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(xq + 160 + 16 * n))),
                                                       _mm_cvtsi32_si128(n < 4 ? (int)hln_k__ld32(xq + 240 + 4 * n) : 0), 1);
            xn[n] = _mm512_inserti64x4(_mm512_zextsi256_si512(_mm256_loadu_si256((const __m256i *)(xq + 32 * n))), hi, 1);
            nsum = _mm512_dpbusd_epi32(nsum, one, xn[n]);
        }
        nsum = _mm512_sub_epi32(z, nsum);
        HLN_K__UNROLL for (r = 0; r < nr; r++) {
            const uint8_t *b = w + r * rs + i * 54;
            __m512i q = _mm512_maskz_loadu_epi8(bytes52, b), ai = nsum;
            HLN_K__PREFETCH_NEXT(w, rs, r, b, 54);
            HLN_K__UNROLL for (n = 0; n < 5; n++) {
                __m512i t;
                if (n) q = _mm512_add_epi8(q, _mm512_add_epi8(q, q));
                t = _mm512_maskz_mov_epi8(_mm512_cmpgt_epu8_mask(q, t1), one);
                t = _mm512_mask_add_epi8(t, _mm512_cmpgt_epu8_mask(q, t2), t, one);
                ai = _mm512_dpbusd_epi32(ai, t, xn[n]);
            }
            acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(ai), _mm512_set1_ps(hln_k__avx2_h(b + 52) * dx), acc[r]);
        }
    }
    for (r = 0; r < nr; r++) out[r] = _mm512_reduce_add_ps(acc[r]);
}
HLN_K__AVX512 static void hln_k__vnni_gemv_tq1(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    (void)type;
    HLN_K__ROWS4(HLN_K_TQ1_0, hln_k__vnni_tq1_rows);
}

HLN_K__AVX512 static void hln_k__vnni_gemv_q5(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    hln_k__q5_idx ix;
    int r = 0;
    hln_k__q5_idx_init(type, &ix);
#define HLN_K__Q5_ROWS(T) do { \
        for (; r + 4 <= nr; r += 4) hln_k__vnni_q5_rows(T, 4, nb, w + r * rs, rs, x, &ix, out + r); \
        for (; r < nr; r++) hln_k__vnni_q5_rows(T, 1, nb, w + r * rs, rs, x, &ix, out + r); } while (0)
    if (type == HLN_K_Q4_1) HLN_K__Q5_ROWS(HLN_K_Q4_1);
    else if (type == HLN_K_Q5_0) HLN_K__Q5_ROWS(HLN_K_Q5_0);
    else HLN_K__Q5_ROWS(HLN_K_Q5_1);
#undef HLN_K__Q5_ROWS
}

/* the IQ4_NL values + 128 in every 128-bit lane (built from four dwords: g++ 12 rejects the
 * undefined upper lanes of _mm512_broadcast_i32x4 at -Werror in the small-batch kernel) */
HLN_K__AVX512_INLINE __m512i hln_k__vnni_iq4_tab(void) {
    const uint8_t *v = (const uint8_t *)hln_k__iq4nl_values;
    return _mm512_xor_si512(_mm512_set4_epi32((int)hln_k__ld32(v + 12), (int)hln_k__ld32(v + 8), (int)hln_k__ld32(v + 4), (int)hln_k__ld32(v)),
                            _mm512_set1_epi8((char)0x80));
}
/* GEMV on the x4 layout (Q4_0, IQ4_NL, Q8_0): nr rows from a group start, whole groups then
 * nr % 4 plain rows. The arithmetic is hln_k__vnni_q32_rows' step for step (the same lanes,
 * scales and order), only the loads differ, so the results are the plain layout's bits. */
HLN_K__AVX512_INLINE void hln_k__vnni_x4_group(hln_k_type type, int64_t nb, const uint8_t *g, const uint8_t *x, float *out) {
    const int ws = type == HLN_K_Q8_0 ? 34 : 18;
    const __m512i m4 = _mm512_set1_epi8(0x0F), b80 = _mm512_set1_epi8((char)0x80);
    const __m512i tab = hln_k__vnni_iq4_tab();
    const size_t tile = 16 * (size_t)ws;
    __m512 acc[4];
    float tail[4];
    int64_t i = 0;
    int r;
    for (r = 0; r < 4; r++) { acc[r] = _mm512_setzero_ps(); tail[r] = 0.0f; }
    for (; i + 4 <= nb; i += 4) {
        const uint8_t *xb = x + i * 34, *t = g + (size_t)(i / 4) * tile;
        const __m512 dsc = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)t));   /* 16 block scales */
        hln_k__q32x p;
        hln_k__vnni_q32_prep(type, xb, &p);
        _mm_prefetch((const char *)t + 8 * tile, _MM_HINT_T0);   /* groups follow each other: one stream */
        if (type == HLN_K_Q8_0) {
            HLN_K__UNROLL for (r = 0; r < 4; r++) {
                const uint8_t *q = t + 32 + 128 * r;
                const __m512 da = _mm512_permutexvar_ps(_mm512_add_epi32(_mm512_set1_epi32(4 * r), _mm512_setr_epi32(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1)), dsc);
                const __m512 dc = _mm512_permutexvar_ps(_mm512_add_epi32(_mm512_set1_epi32(4 * r), _mm512_setr_epi32(2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3)), dsc);
                _mm_prefetch((const char *)q + 8 * tile, _MM_HINT_T0);
                _mm_prefetch((const char *)q + 8 * tile + 64, _MM_HINT_T0);
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(p.na, _mm512_xor_si512(HLN_K__LD5(q), b80), p.xa)), _mm512_mul_ps(da, p.dxa), acc[r]);
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(p.nc, _mm512_xor_si512(HLN_K__LD5(q + 64), b80), p.xc)), _mm512_mul_ps(dc, p.dxc), acc[r]);
            }
        } else {
            HLN_K__UNROLL for (r = 0; r < 4; r++) {
                const __m512i q = HLN_K__LD5(t + 32 + 64 * r);
                __m512i lo = _mm512_and_si512(q, m4), hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), m4);
                const __m512 dw = _mm512_permutexvar_ps(_mm512_add_epi32(_mm512_set1_epi32(4 * r), _mm512_setr_epi32(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3)), dsc);
                _mm_prefetch((const char *)t + 32 + 64 * r + 8 * tile, _MM_HINT_T0);
                if (type == HLN_K_IQ4_NL) { lo = _mm512_shuffle_epi8(tab, lo); hi = _mm512_shuffle_epi8(tab, hi); }
                acc[r] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(_mm512_dpbusd_epi32(p.nbias, lo, p.xl), hi, p.xh)),
                                         _mm512_mul_ps(dw, p.dx), acc[r]);
            }
        }
    }
    for (; i < nb; i++)   /* the last nb % 4 blocks, plain, as hln_k__vnni_q32_rows does them */
        for (r = 0; r < 4; r++) {
            size_t so, qo;
            hln_k__x4_where(ws, nb, r, i, &so, &qo);
            tail[r] += hln_k__q32_block(type, g + so, x + i * 34);
        }
    for (r = 0; r < 4; r++) out[r] = _mm512_reduce_add_ps(acc[r]) + tail[r];
}
HLN_K__AVX512 static void hln_k__vnni_gemv_x4(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    int r = 0;
    for (; r + 4 <= nr; r += 4) hln_k__vnni_x4_group(type, nb, w + r * rs, x, out + r);
    if (r < nr) hln_k__vnni_gemv_q32(type, nr - r, nb, w + r * rs, rs, x, out + r);
}

/* Small batches of Q4_0 / IQ4_NL: up to 4 vectors per pass over up to 32 rows. A row's 4 blocks
 * are decoded once (nibbles, scales) for all the vectors; the vectors' activation sides are
 * prepared once per 16 steps (64 blocks) for all the rows, on the stack (16 KiB), and the
 * per-(row, vector) accumulators wait in memory between those chunks. Each (row, vector)
 * takes hln_k__vnni_q32_rows' steps in its order, so the bits are hln_k_gemv's. */
typedef struct hln_k__q4v { __m512i xl, xh, nbias; __m512 dx; } hln_k__q4v;
#define HLN_K__MV_STEPS 16
#define HLN_K__MV_ROWS 32
HLN_K__AVX512 static void hln_k__vnni_multi_q4(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs,
                                               const uint8_t *x, size_t xs, int nv, float *y, int64_t ys) {
    const __m512i m4 = _mm512_set1_epi8(0x0F);
    const __m512i tab = hln_k__vnni_iq4_tab();
    const __m512i iq = HLN_K__PERM(0), idw = HLN_K__PERM(1);
    const int64_t ns = nb / 4;
    hln_k__q4v px[4][HLN_K__MV_STEPS];
    __m512 acc[HLN_K__MV_ROWS][4];
    int v0, r0, r, v;
    for (v0 = 0; v0 < nv; v0 += 4)
        for (r0 = 0; r0 < nr; r0 += HLN_K__MV_ROWS) {
            const int nvv = nv - v0 < 4 ? nv - v0 : 4, nrr = nr - r0 < HLN_K__MV_ROWS ? nr - r0 : HLN_K__MV_ROWS;
            int64_t s0, i;
            for (r = 0; r < nrr; r++) for (v = 0; v < 4; v++) acc[r][v] = _mm512_setzero_ps();
            for (s0 = 0; s0 < ns; s0 += HLN_K__MV_STEPS) {
                const int n = ns - s0 < HLN_K__MV_STEPS ? (int)(ns - s0) : HLN_K__MV_STEPS;
                int k;
                for (v = 0; v < nvv; v++)
                    for (k = 0; k < n; k++) {
                        hln_k__q32x p;
                        hln_k__vnni_q32_prep(type, x + (size_t)(v0 + v) * xs + (size_t)(s0 + k) * 4 * 34, &p);
                        px[v][k].xl = p.xl; px[v][k].xh = p.xh; px[v][k].nbias = p.nbias; px[v][k].dx = p.dx;
                    }
                for (r = 0; r < nrr; r++) {
                    const uint8_t *row = w + (size_t)(r0 + r) * rs;
                    __m512 a0 = acc[r][0], a1 = acc[r][1], a2 = acc[r][2], a3 = acc[r][3];
                    for (k = 0; k < n; k++) {
                        const uint8_t *b = row + (size_t)(s0 + k) * 72;
                        const __m512i a = HLN_K__LD5(b);
                        const __m512i q = _mm512_permutex2var_epi8(a, iq, HLN_K__LD5(b + 8));
                        __m512i lo = _mm512_and_si512(q, m4), hi = _mm512_and_si512(_mm512_srli_epi16(q, 4), m4);
                        const __m512 dw = _mm512_cvtph_ps(_mm512_castsi512_si256(_mm512_permutexvar_epi8(idw, a)));
                        HLN_K__PREFETCH(b + 2 * rs, 72);
                        if (type == HLN_K_IQ4_NL) { lo = _mm512_shuffle_epi8(tab, lo); hi = _mm512_shuffle_epi8(tab, hi); }
#define HLN_K__MV_ACC(A, V) A = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_dpbusd_epi32(_mm512_dpbusd_epi32(px[V][k].nbias, lo, px[V][k].xl), hi, px[V][k].xh)), \
                                                _mm512_mul_ps(dw, px[V][k].dx), A)
                        HLN_K__MV_ACC(a0, 0);
                        if (nvv > 1) HLN_K__MV_ACC(a1, 1);
                        if (nvv > 2) HLN_K__MV_ACC(a2, 2);
                        if (nvv > 3) HLN_K__MV_ACC(a3, 3);
#undef HLN_K__MV_ACC
                    }
                    acc[r][0] = a0; acc[r][1] = a1; acc[r][2] = a2; acc[r][3] = a3;
                }
            }
            for (r = 0; r < nrr; r++)
                for (v = 0; v < nvv; v++) {
                    const uint8_t *xv = x + (size_t)(v0 + v) * xs;
                    float tail = 0.0f;
                    for (i = ns * 4; i < nb; i++) tail += hln_k__q32_block(type, w + (size_t)(r0 + r) * rs + (size_t)i * 18, xv + (size_t)i * 34);
                    y[(size_t)(v0 + v) * (size_t)ys + (size_t)(r0 + r)] = _mm512_reduce_add_ps(acc[r][v]) + tail;
                }
        }
}

#ifdef HLN_K__POP_DIAGNOSTIC
#pragma GCC diagnostic pop
#endif
#endif

/* ==========================================================================================
 * NEON kernels (baseline ARMv8-A: widening multiplies, no dotprod extension needed).
 * ======================================================================================== */
#ifdef HLN_K__NEON
/* sum of a[j] * x[j], j < 16; |a| <= 128 and |x| <= 127 keep the int16 pairs exact */
static inline int32_t hln_k__neon_dot16(int8x16_t a, int8x16_t x) {
    int16x8_t p = vmull_s8(vget_low_s8(a), vget_low_s8(x));
    p = vmlal_s8(p, vget_high_s8(a), vget_high_s8(x));
    return vaddvq_s32(vpaddlq_s16(p));
}
static void hln_k__neon_dot(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int8x16_t kv = vld1q_s8(hln_k__iq4nl_values);
    const uint8x16_t m4 = vdupq_n_u8(0x0F);
    int wsize = hln_k__traits[type].type_size, r;
    for (r = 0; r < nr; r++) {
        const uint8_t *wr = w + (size_t)r * rs;
        float sum = 0.0f;
        int64_t i;
        for (i = 0; i < nb; i++) {
            const uint8_t *b = wr + i * wsize;
            if (type == HLN_K_Q8_0 || type == HLN_K_Q4_0 || type == HLN_K_IQ4_NL) {
                const uint8_t *xb = x + i * 34;
                int8x16_t x0 = vld1q_s8((const int8_t *)xb + 2), x1 = vld1q_s8((const int8_t *)xb + 18), w0, w1;
                if (type == HLN_K_Q8_0) { w0 = vld1q_s8((const int8_t *)b + 2); w1 = vld1q_s8((const int8_t *)b + 18); }
                else {
                    uint8x16_t q = vld1q_u8(b + 2), lo = vandq_u8(q, m4), hi = vshrq_n_u8(q, 4);
                    if (type == HLN_K_Q4_0) {
                        w0 = vsubq_s8(vreinterpretq_s8_u8(lo), vdupq_n_s8(8)); w1 = vsubq_s8(vreinterpretq_s8_u8(hi), vdupq_n_s8(8));
                    } else { w0 = vqtbl1q_s8(kv, lo); w1 = vqtbl1q_s8(kv, hi); }
                }
                sum += (float)(hln_k__neon_dot16(w0, x0) + hln_k__neon_dot16(w1, x1)) *
                       (hln_k_fp16_to_fp32(hln_k__ld16(b)) * hln_k_fp16_to_fp32(hln_k__ld16(xb)));
            } else if (type == HLN_K_Q4_K) {
                const uint8_t *xb = x + i * 292;
                const int8_t *xq = (const int8_t *)xb + 4;
                float dx = hln_k__ldf(xb);
                int32_t isum = 0, msum = 0;
                int p, s0, m0, s1, m1;
                for (p = 0; p < 4; p++) {
                    uint8x16_t qa = vld1q_u8(b + 16 + 32 * p), qb = vld1q_u8(b + 32 + 32 * p);
                    int32_t lo = hln_k__neon_dot16(vreinterpretq_s8_u8(vandq_u8(qa, m4)), vld1q_s8(xq + 64 * p)) +
                                 hln_k__neon_dot16(vreinterpretq_s8_u8(vandq_u8(qb, m4)), vld1q_s8(xq + 64 * p + 16));
                    int32_t hi = hln_k__neon_dot16(vreinterpretq_s8_u8(vshrq_n_u8(qa, 4)), vld1q_s8(xq + 64 * p + 32)) +
                                 hln_k__neon_dot16(vreinterpretq_s8_u8(vshrq_n_u8(qb, 4)), vld1q_s8(xq + 64 * p + 48));
                    hln_k__q4_K_scale_min(2 * p, b + 4, &s0, &m0); hln_k__q4_K_scale_min(2 * p + 1, b + 4, &s1, &m1);
                    isum += lo * s0 + hi * s1;
                    msum += m0 * ((int16_t)hln_k__ld16(xb + 260 + 8 * p) + (int16_t)hln_k__ld16(xb + 262 + 8 * p)) +
                            m1 * ((int16_t)hln_k__ld16(xb + 264 + 8 * p) + (int16_t)hln_k__ld16(xb + 266 + 8 * p));
                }
                sum += hln_k_fp16_to_fp32(hln_k__ld16(b)) * dx * (float)isum - hln_k_fp16_to_fp32(hln_k__ld16(b + 2)) * dx * (float)msum;
            } else if (type == HLN_K_TQ2_0 || type == HLN_K_TQ1_0) {
                /* ternary codes 0..2, minus one, against x; TQ1_0's trit n of byte v is
                   ((v * 3^n mod 256) * 3) >> 8 (vmul wraps mod 256, vmull widens) */
                const uint8_t *xb = x + i * 292;
                const int8_t *xq = (const int8_t *)xb + 4;
                const int8x16_t one = vdupq_n_s8(1);
                int32_t isum = 0;
                int h, l;
                if (type == HLN_K_TQ2_0) {
                    for (h = 0; h < 4; h++) {   /* 16-byte quarter h of qs: bytes 16h.. */
                        uint8x16_t q = vld1q_u8(b + 16 * h);
                        for (l = 0; l < 4; l++) {
                            int8x16_t v = vsubq_s8(vreinterpretq_s8_u8(vandq_u8(l == 0 ? q : l == 1 ? vshrq_n_u8(q, 2) : l == 2 ? vshrq_n_u8(q, 4) : vshrq_n_u8(q, 6), vdupq_n_u8(3))), one);
                            isum += hln_k__neon_dot16(v, vld1q_s8(xq + 128 * (h >> 1) + 32 * l + 16 * (h & 1)));
                        }
                    }
                    sum += hln_k_fp16_to_fp32(hln_k__ld16(b + 64)) * hln_k__ldf(xb) * (float)isum;
                } else {
                    static const uint8_t pow3[5] = { 1, 3, 9, 27, 81 };
                    uint8x16_t q0 = vld1q_u8(b), q1 = vld1q_u8(b + 16), q2 = vld1q_u8(b + 32);
                    uint8_t hb[16];
                    for (l = 0; l < 16; l++) hb[l] = (uint8_t)(b[48 + (l & 3)] * pow3[l >> 2]);   /* elements 240 + 4n + k */
#define HLN_K__NTRIT(v) vsubq_s8(vreinterpretq_s8_u8(vcombine_u8(vshrn_n_u16(vmull_u8(vget_low_u8(v), vdup_n_u8(3)), 8), \
                                                                 vshrn_n_u16(vmull_u8(vget_high_u8(v), vdup_n_u8(3)), 8))), one)
                    for (h = 0; h < 5; h++) {
                        uint8x16_t p = vdupq_n_u8(pow3[h]);
                        isum += hln_k__neon_dot16(HLN_K__NTRIT(vmulq_u8(q0, p)), vld1q_s8(xq + 32 * h));
                        isum += hln_k__neon_dot16(HLN_K__NTRIT(vmulq_u8(q1, p)), vld1q_s8(xq + 32 * h + 16));
                        isum += hln_k__neon_dot16(HLN_K__NTRIT(vmulq_u8(q2, p)), vld1q_s8(xq + 160 + 16 * h));
                    }
                    isum += hln_k__neon_dot16(HLN_K__NTRIT(vld1q_u8(hb)), vld1q_s8(xq + 240));
#undef HLN_K__NTRIT
                    sum += hln_k_fp16_to_fp32(hln_k__ld16(b + 52)) * hln_k__ldf(xb) * (float)isum;
                }
            } else { /* Q6_K */
                const uint8_t *xb = x + i * 292;
                const int8_t *xq = (const int8_t *)xb + 4, *sc = (const int8_t *)b + 192;
                int32_t isum = 0;
                int h, k, half;
                for (h = 0; h < 2; h++)
                    for (half = 0; half < 2; half++) {
                        uint8x16_t ql0 = vld1q_u8(b + 64 * h + 16 * half), ql1 = vld1q_u8(b + 64 * h + 32 + 16 * half);
                        uint8x16_t qh = vld1q_u8(b + 128 + 32 * h + 16 * half);
                        for (k = 0; k < 4; k++) {
                            uint8x16_t lo = (k & 1) ? ql1 : ql0, hb;
                            int8x16_t q;
                            lo = (k >= 2) ? vshrq_n_u8(lo, 4) : vandq_u8(lo, m4);
                            hb = vandq_u8(k == 0 ? qh : k == 1 ? vshrq_n_u8(qh, 2) : k == 2 ? vshrq_n_u8(qh, 4) : vshrq_n_u8(qh, 6), vdupq_n_u8(3));
                            q = vsubq_s8(vreinterpretq_s8_u8(vorrq_u8(lo, vshlq_n_u8(hb, 4))), vdupq_n_s8(32));
                            isum += sc[8 * h + 2 * k + half] * hln_k__neon_dot16(q, vld1q_s8(xq + 128 * h + 32 * k + 16 * half));
                        }
                    }
                sum += hln_k_fp16_to_fp32(hln_k__ld16(b + 208)) * hln_k__ldf(xb) * (float)isum;
            }
        }
        out[r] = sum;
    }
}
#endif

/* ==========================================================================================
 * Dots for the IQ1/IQ2/IQ3, FP4 and 1/2-bit types (IQ1_S, IQ1_M, IQ2_XXS, IQ2_XS, IQ2_S,
 * IQ3_XXS, IQ3_S, MXFP4, NVFP4, Q1_0, Q2_0). Their codebooks (grids of packed level indices,
 * sign words, E4M3 sub-scales) cost more to decode than to multiply, so every path decodes a
 * block to int8 values and integer group scales with the scalar hln_k__decode_ints (the _ref
 * decoder) and the SIMD part is the int8 dot of each group with the activation. Groups are
 * 16 or 32 values and never straddle an activation block.
 * ======================================================================================== */
static int hln_k__dot_decoded(hln_k_type type) {
    switch (type) {
    case HLN_K_IQ2_XXS: case HLN_K_IQ2_XS: case HLN_K_IQ2_S: case HLN_K_IQ3_XXS: case HLN_K_IQ3_S:
    case HLN_K_IQ1_S: case HLN_K_IQ1_M: case HLN_K_MXFP4: case HLN_K_NVFP4: case HLN_K_Q1_0: case HLN_K_Q2_0: return 1;
    default: return 0;
    }
}

#ifdef HLN_K__X86
HLN_K__AVX2 static void hln_k__avx2_dot_decoded(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const hln_k_type_traits *tw = &hln_k__traits[type], *tx = &hln_k__traits[tw->vec_dot_type];
    const int nx = tw->block_size / tx->block_size, xbs = tx->block_size;
    const __m256i ones = _mm256_set1_epi16(1);
    int r;
    for (r = 0; r < nr; r++) {
        const uint8_t *wr = w + (size_t)r * rs;
        __m256 acc = _mm256_setzero_ps();
        int64_t i;
        for (i = 0; i < nb; i++) {
            hln_k__ints o;
            int k, c;
            hln_k__decode_ints(type, wr + (size_t)i * (size_t)tw->type_size, &o);
            for (k = 0; k < nx; k++) {
                float dx;
                const int8_t *xq = hln_k__xblock(tx, x, i, nx, k, &dx);
                __m256i iacc = _mm256_setzero_si256();
                __m256 facc = _mm256_setzero_ps();
                for (c = 0; c < xbs; c += 32) {
                    int e = k * xbs + c;
                    __m256i p = _mm256_madd_epi16(hln_k__avx2_dot_ss(_mm256_loadu_si256((const __m256i *)(o.qv + e)),
                                                                     _mm256_loadu_si256((const __m256i *)(xq + c))), ones);
                    /* int32 lanes 0-3 hold values e..e+15, lanes 4-7 e+16..e+31 */
                    int g0 = e / o.G, g1 = (e + 16) / o.G;
                    p = _mm256_mullo_epi32(p, _mm256_setr_epi32(o.gs[g0], o.gs[g0], o.gs[g0], o.gs[g0], o.gs[g1], o.gs[g1], o.gs[g1], o.gs[g1]));
                    if (o.has_gf) facc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(p), _mm256_setr_ps(o.gf[g0], o.gf[g0], o.gf[g0], o.gf[g0], o.gf[g1], o.gf[g1], o.gf[g1], o.gf[g1]), facc);
                    else iacc = _mm256_add_epi32(iacc, p);
                }
                acc = _mm256_fmadd_ps(_mm256_set1_ps(o.A * dx), o.has_gf ? facc : _mm256_cvtepi32_ps(iacc), acc);
            }
        }
        out[r] = hln_k__hsum_ps(acc);
    }
}
#endif

#ifdef HLN_K__NEON
/* One kernel body, compiled for baseline NEON (vmull widening dots) and for SDOT. */
#define HLN_K__NEON_DECODED(ATTR, NAME, DOT16) \
ATTR static void NAME(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) { \
    const hln_k_type_traits *tw = &hln_k__traits[type], *tx = &hln_k__traits[tw->vec_dot_type]; \
    const int nx = tw->block_size / tx->block_size, xbs = tx->block_size; \
    int r; \
    for (r = 0; r < nr; r++) { \
        const uint8_t *wr = w + (size_t)r * rs; \
        float sum = 0.0f; \
        int64_t i; \
        for (i = 0; i < nb; i++) { \
            hln_k__ints o; \
            int k, c; \
            hln_k__decode_ints(type, wr + (size_t)i * (size_t)tw->type_size, &o); \
            for (k = 0; k < nx; k++) { \
                float dx, fsum = 0.0f; \
                const int8_t *xq = hln_k__xblock(tx, x, i, nx, k, &dx); \
                int32_t isum = 0; \
                for (c = 0; c < xbs; c += 16) { \
                    int e = k * xbs + c, g = e / o.G; \
                    int32_t s = DOT16(vld1q_s8(o.qv + e), vld1q_s8(xq + c)) * o.gs[g]; \
                    if (o.has_gf) fsum += (float)s * o.gf[g]; \
                    else isum += s; \
                } \
                sum += o.A * dx * (o.has_gf ? fsum : (float)isum); \
            } \
        } \
        out[r] = sum; \
    } \
}
HLN_K__NEON_DECODED(, hln_k__neon_dot_decoded, hln_k__neon_dot16)
#ifdef HLN_K__NEON_DP
HLN_K__NEON_DP static inline int32_t hln_k__neon_sdot16(int8x16_t a, int8x16_t x) { return vaddvq_s32(vdotq_s32(vdupq_n_s32(0), a, x)); }
HLN_K__NEON_DECODED(HLN_K__NEON_DP, hln_k__neon_dp_dot_decoded, hln_k__neon_sdot16)
#endif
#endif

/* ==========================================================================================
 * BitNet b1.58 kernels: I2_S x int8 (W2A8) and the TL1/TL2 lookup tables. Every kernel
 * computes the exact integer sum of t_j * x_j per row (codes c = t + 1 against x, minus
 * sum(x)); the caller scales it once, so all paths return the same bits. Kernel outputs are
 * (float) of the integer sum.
 * ======================================================================================== */
static int32_t hln_k__sum_i8(const int8_t *x, int64_t n) {
    int64_t i; int32_t s = 0;
    for (i = 0; i < n; i++) s += x[i];
    return s;
}
/* W2A8, scalar: nb blocks of 128 per row */
static void hln_k__i2s_ref(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int8_t *xq = (const int8_t *)x;
    const int32_t xsum = hln_k__sum_i8(xq, nb * 128);
    int r, j;
    (void)type;
    for (r = 0; r < nr; r++) {
        const uint8_t *b = w + (size_t)r * rs;
        int64_t s = 0, i;
        for (i = 0; i < nb; i++, b += 32)
            for (j = 0; j < 128; j++) s += (int64_t)((b[j % 32] >> (6 - 2 * (j / 32))) & 3) * xq[128 * i + j];
        out[r] = (float)(s - xsum);
    }
}

/* TL layouts: per tile of 32 rows, per group of 2 (TL1) or 3 (TL2) columns, 16 bytes of 4-bit
 * indices (byte b: row b in the low nibble, row b + 16 in the high one), TL2 then 4 bytes of
 * sign bits (bit j: row j negated). Tables: per group 16 int16 entries as a low-byte plane
 * then a high-byte plane (32 bytes). TL1 index = 3 (t0 + 1) + (t1 + 1); TL2 v = 9 (t0 + 1) +
 * 3 (t1 + 1) + (t2 + 1), index v (v <= 13) or 26 - v with the sign set (combination 26 - v
 * is the negation of v). Entries past 9 / 14 are zero; so are the padding rows and columns. */
#define HLN_K__TL_ROWS 32
static int hln_k__tl_width(hln_k_tl_kind kind) { return kind == HLN_K_TL1 ? 2 : 3; }
static int hln_k__tl_group_bytes(hln_k_tl_kind kind) { return kind == HLN_K_TL1 ? 16 : 20; }
static int hln_k__tl_entry(const uint8_t *table, int idx) { return (int16_t)(uint16_t)(table[idx] | (table[16 + idx] << 8)); }

/* one tile (32 rows): out[32] = (float) integer sums */
static void hln_k__tl_tile_ref(hln_k_tl_kind kind, int64_t groups, const uint8_t *w, const uint8_t *tables, float *out) {
    int64_t s[HLN_K__TL_ROWS], k;
    int r, gb = hln_k__tl_group_bytes(kind);
    for (r = 0; r < HLN_K__TL_ROWS; r++) s[r] = 0;
    for (k = 0; k < groups; k++, w += gb, tables += 32) {
        uint32_t sign = kind == HLN_K_TL2 ? hln_k__ld32(w + 16) : 0;
        for (r = 0; r < HLN_K__TL_ROWS; r++) {
            int v = hln_k__tl_entry(tables, (w[r & 15] >> (4 * (r >> 4))) & 15);
            s[r] += (sign >> r) & 1 ? -v : v;
        }
    }
    for (r = 0; r < HLN_K__TL_ROWS; r++) out[r] = (float)s[r];
}

#ifdef HLN_K__X86
HLN_K__AVX2 static void hln_k__avx2_i2s(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int8_t *xq = (const int8_t *)x;
    const __m256i m3 = _mm256_set1_epi8(3), ones = _mm256_set1_epi16(1);
    const int32_t xsum = hln_k__sum_i8(xq, nb * 128);
    int r = 0, q;
    (void)type;
    for (; r < nr; r += 4) {
        const int n4 = nr - r < 4 ? nr - r : 4;
        __m256i acc[4], a16[4];
        int64_t i;
        for (q = 0; q < 4; q++) { acc[q] = _mm256_setzero_si256(); a16[q] = _mm256_setzero_si256(); }
        for (i = 0; i < nb; i++) {
            const __m256i x0 = HLN_K__LD(xq + 128 * i), x1 = HLN_K__LD(xq + 128 * i + 32);
            const __m256i x2 = HLN_K__LD(xq + 128 * i + 64), x3 = HLN_K__LD(xq + 128 * i + 96);
            for (q = 0; q < n4; q++) {
                const __m256i v = HLN_K__LD(w + (size_t)(r + q) * rs + 32 * i);
                __m256i p = _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(v, 6), m3), x0);
                p = _mm256_add_epi16(p, _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(v, 4), m3), x1));
                p = _mm256_add_epi16(p, _mm256_maddubs_epi16(_mm256_and_si256(_mm256_srli_epi16(v, 2), m3), x2));
                p = _mm256_add_epi16(p, _mm256_maddubs_epi16(_mm256_and_si256(v, m3), x3));
                a16[q] = _mm256_add_epi16(a16[q], p);   /* <= 4 * 2 * 2 * 127 per block and lane */
            }
            if ((i & 15) == 15 || i == nb - 1)
                for (q = 0; q < n4; q++) { acc[q] = _mm256_add_epi32(acc[q], _mm256_madd_epi16(a16[q], ones)); a16[q] = _mm256_setzero_si256(); }
        }
        for (q = 0; q < n4; q++) out[r + q] = (float)(hln_k__hsum_epi32(acc[q]) - xsum);
    }
}

/* 32 rows' table lookups for one group, accumulated in int16 (flushed by the caller). */
HLN_K__AVX2_INLINE void hln_k__avx2_tl_step(hln_k_tl_kind kind, const uint8_t *g, const uint8_t *t, __m256i *a, __m256i *b) {
    const __m256i idx = hln_k__avx2_nibbles(g);
    const __m256i tlo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)t));
    const __m256i thi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(t + 16)));
    __m256i lo = _mm256_shuffle_epi8(tlo, idx), hi = _mm256_shuffle_epi8(thi, idx);
    if (kind == HLN_K_TL2) {   /* negate: ~v + 1 (the xor works byte by byte on both planes) */
        const __m256i m = hln_k__avx2_bits(hln_k__ld32(g + 16));
        lo = _mm256_xor_si256(lo, m); hi = _mm256_xor_si256(hi, m);
        *a = _mm256_sub_epi16(*a, _mm256_unpacklo_epi8(m, m));
        *b = _mm256_sub_epi16(*b, _mm256_unpackhi_epi8(m, m));
    }
    *a = _mm256_add_epi16(*a, _mm256_unpacklo_epi8(lo, hi));   /* rows 0-7 | 16-23 */
    *b = _mm256_add_epi16(*b, _mm256_unpackhi_epi8(lo, hi));   /* rows 8-15 | 24-31 */
}
HLN_K__AVX2 static void hln_k__avx2_tl_tile(hln_k_tl_kind kind, int64_t groups, const uint8_t *w, const uint8_t *tables, float *out) {
    /* |entry| <= 3 * 127 (+1 for the negation step): 64 groups fit in int16 */
    const int gb = hln_k__tl_group_bytes(kind);
    __m256i s0 = _mm256_setzero_si256(), s1 = s0, s2 = s0, s3 = s0;
    int32_t tmp[32];
    int64_t k = 0;
    int r;
    while (k < groups) {
        int64_t end = k + 64 < groups ? k + 64 : groups;
        __m256i a = _mm256_setzero_si256(), b = a;
        for (; k < end; k++) hln_k__avx2_tl_step(kind, w + k * gb, tables + 32 * k, &a, &b);
        s0 = _mm256_add_epi32(s0, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(a)));
        s1 = _mm256_add_epi32(s1, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(b)));
        s2 = _mm256_add_epi32(s2, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(a, 1)));
        s3 = _mm256_add_epi32(s3, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(b, 1)));
    }
    _mm256_storeu_si256((__m256i *)tmp, s0); _mm256_storeu_si256((__m256i *)(tmp + 8), s1);
    _mm256_storeu_si256((__m256i *)(tmp + 16), s2); _mm256_storeu_si256((__m256i *)(tmp + 24), s3);
    for (r = 0; r < 32; r++) out[r] = (float)tmp[r];
}

/* W2A8 on AVX-512 VNNI: vpdpbusd takes the codes as the unsigned operand, each 2-bit field
 * masked in place (v & 0xC0 = 64 c for values 0-31 of a block, v & 0x30 = 16 c, ...) so no
 * shifts are needed: one accumulator per field, scaled back by exact shifts every 64 steps.
 * Two blocks per 512-bit register, the activation halves gathered once per step for 4 rows. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"   /* GCC's _mm512_undefined_* in C++, as above */
#endif
HLN_K__AVX512 static void hln_k__vnni_i2s(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int8_t *xq = (const int8_t *)x;
    const __m512i m0 = _mm512_set1_epi8((char)0xC0), m1 = _mm512_set1_epi8(0x30), m2 = _mm512_set1_epi8(0x0C), m3 = _mm512_set1_epi8(0x03);
    const int32_t xsum = hln_k__sum_i8(xq, nb * 128);
    int r = 0, q;
    (void)type;
    for (; r < nr; r += 4) {
        const int n4 = nr - r < 4 ? nr - r : 4;
        __m512i tot[4];
        int64_t i = 0;
        for (q = 0; q < 4; q++) tot[q] = _mm512_setzero_si512();
        while (i + 2 <= nb) {
            const int64_t end = i + 128 < nb ? i + 128 : nb;
            __m512i a[4][4];
            for (q = 0; q < 4; q++) a[q][0] = a[q][1] = a[q][2] = a[q][3] = _mm512_setzero_si512();
            for (; i + 2 <= end; i += 2) {
                __m512i xv[4];
                int g;
                for (g = 0; g < 4; g++)
                    xv[g] = _mm512_inserti64x4(_mm512_castsi256_si512(HLN_K__LD(xq + 128 * i + 32 * g)), HLN_K__LD(xq + 128 * i + 128 + 32 * g), 1);
                for (q = 0; q < n4; q++) {
                    const __m512i v = _mm512_loadu_si512((const void *)(w + (size_t)(r + q) * rs + 32 * i));
                    a[q][0] = _mm512_dpbusd_epi32(a[q][0], _mm512_and_si512(v, m0), xv[0]);
                    a[q][1] = _mm512_dpbusd_epi32(a[q][1], _mm512_and_si512(v, m1), xv[1]);
                    a[q][2] = _mm512_dpbusd_epi32(a[q][2], _mm512_and_si512(v, m2), xv[2]);
                    a[q][3] = _mm512_dpbusd_epi32(a[q][3], _mm512_and_si512(v, m3), xv[3]);
                }
            }
            for (q = 0; q < n4; q++)   /* lanes hold multiples of 64, 16, 4: the shifts are exact */
                tot[q] = _mm512_add_epi32(_mm512_add_epi32(tot[q], _mm512_srai_epi32(a[q][0], 6)),
                                          _mm512_add_epi32(_mm512_srai_epi32(a[q][1], 4), _mm512_add_epi32(_mm512_srai_epi32(a[q][2], 2), a[q][3])));
        }
        for (q = 0; q < n4; q++) {
            __m256i t = _mm256_add_epi32(_mm512_castsi512_si256(tot[q]), _mm512_extracti64x4_epi64(tot[q], 1));
            if (i < nb) {   /* odd block count: the last block in 256 bits */
                const __m256i v = HLN_K__LD(w + (size_t)(r + q) * rs + 32 * i), m = _mm256_set1_epi8(3);
                t = _mm256_dpbusd_epi32(t, _mm256_and_si256(_mm256_srli_epi16(v, 6), m), HLN_K__LD(xq + 128 * i));
                t = _mm256_dpbusd_epi32(t, _mm256_and_si256(_mm256_srli_epi16(v, 4), m), HLN_K__LD(xq + 128 * i + 32));
                t = _mm256_dpbusd_epi32(t, _mm256_and_si256(_mm256_srli_epi16(v, 2), m), HLN_K__LD(xq + 128 * i + 64));
                t = _mm256_dpbusd_epi32(t, _mm256_and_si256(v, m), HLN_K__LD(xq + 128 * i + 96));
            }
            out[r + q] = (float)(hln_k__hsum_epi32(t) - xsum);
        }
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

#ifdef HLN_K__NEON
#define HLN_K__NEON_I2S(ATTR, NAME, DOT16) \
ATTR static void NAME(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) { \
    const int8_t *xq = (const int8_t *)x; \
    const uint8x16_t m3 = vdupq_n_u8(3); \
    const int32_t xsum = hln_k__sum_i8(xq, nb * 128); \
    int r, h; \
    (void)type; \
    for (r = 0; r < nr; r++) { \
        const uint8_t *b = w + (size_t)r * rs; \
        int32_t s = 0; \
        int64_t i; \
        for (i = 0; i < nb; i++, b += 32) \
            for (h = 0; h < 2; h++) { \
                const uint8x16_t v = vld1q_u8(b + 16 * h); \
                const int8_t *xb = xq + 128 * i + 16 * h; \
                s += DOT16(vreinterpretq_s8_u8(vshrq_n_u8(v, 6)), vld1q_s8(xb)); \
                s += DOT16(vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(v, 4), m3)), vld1q_s8(xb + 32)); \
                s += DOT16(vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(v, 2), m3)), vld1q_s8(xb + 64)); \
                s += DOT16(vreinterpretq_s8_u8(vandq_u8(v, m3)), vld1q_s8(xb + 96)); \
            } \
        out[r] = (float)(s - xsum); \
    } \
}
HLN_K__NEON_I2S(, hln_k__neon_i2s, hln_k__neon_dot16)
#ifdef HLN_K__NEON_DP
HLN_K__NEON_I2S(HLN_K__NEON_DP, hln_k__neon_dp_i2s, hln_k__neon_sdot16)
#endif
/* 16 rows (one nibble half of a tile) per vqtbl1q_u8, int16 accumulation flushed every 64 groups */
static void hln_k__neon_tl_tile(hln_k_tl_kind kind, int64_t groups, const uint8_t *w, const uint8_t *tables, float *out) {
    static const uint8_t bitsel[16] = { 1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128 };
    const uint8x16_t m4 = vdupq_n_u8(15), sel = vld1q_u8(bitsel);
    const int gb = hln_k__tl_group_bytes(kind);
    int32x4_t s[8];
    int64_t k = 0;
    int r, h;
    for (r = 0; r < 8; r++) s[r] = vdupq_n_s32(0);
    while (k < groups) {
        int64_t end = k + 64 < groups ? k + 64 : groups;
        int16x8_t a[4];
        for (r = 0; r < 4; r++) a[r] = vdupq_n_s16(0);
        for (; k < end; k++) {
            const uint8_t *g = w + k * gb, *t = tables + 32 * k;
            const uint8x16_t q = vld1q_u8(g), tlo = vld1q_u8(t), thi = vld1q_u8(t + 16);
            for (h = 0; h < 2; h++) {
                uint8x16_t idx = h ? vshrq_n_u8(q, 4) : vandq_u8(q, m4);
                uint8x16_t lo = vqtbl1q_u8(tlo, idx), hi = vqtbl1q_u8(thi, idx);
                if (kind == HLN_K_TL2) {
                    uint8x16_t m = vtstq_u8(vcombine_u8(vdup_n_u8(g[16 + 2 * h]), vdup_n_u8(g[17 + 2 * h])), sel);
                    lo = veorq_u8(lo, m); hi = veorq_u8(hi, m);
                    a[2 * h] = vsubq_s16(a[2 * h], vreinterpretq_s16_u8(vzip1q_u8(m, m)));
                    a[2 * h + 1] = vsubq_s16(a[2 * h + 1], vreinterpretq_s16_u8(vzip2q_u8(m, m)));
                }
                a[2 * h] = vaddq_s16(a[2 * h], vreinterpretq_s16_u8(vzip1q_u8(lo, hi)));       /* rows 16h + 0..7 */
                a[2 * h + 1] = vaddq_s16(a[2 * h + 1], vreinterpretq_s16_u8(vzip2q_u8(lo, hi))); /* rows 16h + 8..15 */
            }
        }
        for (r = 0; r < 4; r++) {
            s[2 * r] = vaddq_s32(s[2 * r], vmovl_s16(vget_low_s16(a[r])));
            s[2 * r + 1] = vaddq_s32(s[2 * r + 1], vmovl_high_s16(a[r]));
        }
    }
    for (r = 0; r < 8; r++) {
        int32_t tmp[4];
        vst1q_s32(tmp, s[r]);
        for (h = 0; h < 4; h++) out[4 * r + h] = (float)tmp[h];
    }
}
#endif

/* ==========================================================================================
 * NEON with SDOT / SMMLA: Q8_0, Q4_0 and IQ4_NL against Q8_0. SMMLA multiplies a 2x8 by an
 * 8x2 int8 matrix; with one activation vector its two columns are the same 8 activations, so
 * one instruction gives 8 values of two rows (lanes 0 and 2 of the 2x2 result).
 * ======================================================================================== */
#ifdef HLN_K__NEON_DP
static int hln_k__neon_q32(hln_k_type type) { return type == HLN_K_Q8_0 || type == HLN_K_Q4_0 || type == HLN_K_IQ4_NL; }
static unsigned hln_k__neon_features(void) {
#ifdef HLN_K__HWCAP
    /* Linux arch/arm64/include/uapi/asm/hwcap.h: HWCAP_ASIMDDP = 1 << 20, HWCAP2_I8MM = 1 << 13 */
    unsigned long hw = getauxval(AT_HWCAP), hw2 = getauxval(AT_HWCAP2);
    unsigned f = (hw >> 20) & 1 ? HLN_K_CPU_DOTPROD : 0u;
    return f | ((f && ((hw2 >> 13) & 1)) ? HLN_K_CPU_I8MM : 0u);
#else
    unsigned f = 0;
#ifdef __ARM_FEATURE_DOTPROD
    f |= HLN_K_CPU_DOTPROD;
#endif
#if defined(__ARM_FEATURE_MATMUL_INT8) && defined(HLN_K__NEON_MM)
    f |= HLN_K_CPU_I8MM;
#endif
    return f;
#endif
}
/* a Q8_0 / Q4_0 / IQ4_NL block as int8: values 0-15 and 16-31 */
static inline void hln_k__neon_q32_values(hln_k_type type, const uint8_t *b, int8x16_t *w0, int8x16_t *w1) {
    if (type == HLN_K_Q8_0) { *w0 = vld1q_s8((const int8_t *)b + 2); *w1 = vld1q_s8((const int8_t *)b + 18); }
    else {
        const uint8x16_t q = vld1q_u8(b + 2), lo = vandq_u8(q, vdupq_n_u8(0x0F)), hi = vshrq_n_u8(q, 4);
        if (type == HLN_K_Q4_0) { *w0 = vsubq_s8(vreinterpretq_s8_u8(lo), vdupq_n_s8(8)); *w1 = vsubq_s8(vreinterpretq_s8_u8(hi), vdupq_n_s8(8)); }
        else { const int8x16_t kv = vld1q_s8(hln_k__iq4nl_values); *w0 = vqtbl1q_s8(kv, lo); *w1 = vqtbl1q_s8(kv, hi); }
    }
}
HLN_K__NEON_DP static void hln_k__neon_dp_q32(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int wsize = hln_k__traits[type].type_size;
    int r;
    for (r = 0; r < nr; r++) {
        const uint8_t *wr = w + (size_t)r * rs;
        float sum = 0.0f;
        int64_t i;
        for (i = 0; i < nb; i++) {
            const uint8_t *b = wr + i * wsize, *xb = x + i * 34;
            int8x16_t w0, w1;
            int32x4_t a;
            hln_k__neon_q32_values(type, b, &w0, &w1);
            a = vdotq_s32(vdotq_s32(vdupq_n_s32(0), w0, vld1q_s8((const int8_t *)xb + 2)), w1, vld1q_s8((const int8_t *)xb + 18));
            sum += (float)vaddvq_s32(a) * (hln_k_fp16_to_fp32(hln_k__ld16(b)) * hln_k_fp16_to_fp32(hln_k__ld16(xb)));
        }
        out[r] = sum;
    }
}
#ifdef HLN_K__NEON_MM
HLN_K__NEON_MM static void hln_k__neon_mm_q32(hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    const int wsize = hln_k__traits[type].type_size;
    int r;
    for (r = 0; r < nr; r += 2) {
        /* a lone last row pairs with itself: the same integers, so the same bits */
        const uint8_t *wa = w + (size_t)r * rs, *wb = r + 1 < nr ? wa + rs : wa;
        float sa = 0.0f, sb = 0.0f;
        int64_t i;
        for (i = 0; i < nb; i++) {
            const uint8_t *ba = wa + i * wsize, *bb = wb + i * wsize, *xb = x + i * 34;
            const int8x16_t x0 = vld1q_s8((const int8_t *)xb + 2), x1 = vld1q_s8((const int8_t *)xb + 18);
            int8x16_t a0, a1, b0, b1;
            int32x4_t acc = vdupq_n_s32(0);
            float dx = hln_k_fp16_to_fp32(hln_k__ld16(xb));
            hln_k__neon_q32_values(type, ba, &a0, &a1);
            hln_k__neon_q32_values(type, bb, &b0, &b1);
            acc = vmmlaq_s32(acc, vcombine_s8(vget_low_s8(a0), vget_low_s8(b0)), vcombine_s8(vget_low_s8(x0), vget_low_s8(x0)));
            acc = vmmlaq_s32(acc, vcombine_s8(vget_high_s8(a0), vget_high_s8(b0)), vcombine_s8(vget_high_s8(x0), vget_high_s8(x0)));
            acc = vmmlaq_s32(acc, vcombine_s8(vget_low_s8(a1), vget_low_s8(b1)), vcombine_s8(vget_low_s8(x1), vget_low_s8(x1)));
            acc = vmmlaq_s32(acc, vcombine_s8(vget_high_s8(a1), vget_high_s8(b1)), vcombine_s8(vget_high_s8(x1), vget_high_s8(x1)));
            sa += (float)vgetq_lane_s32(acc, 0) * (hln_k_fp16_to_fp32(hln_k__ld16(ba)) * dx);
            sb += (float)vgetq_lane_s32(acc, 2) * (hln_k_fp16_to_fp32(hln_k__ld16(bb)) * dx);
        }
        out[r] = sa;
        if (r + 1 < nr) out[r + 1] = sb;
    }
}
#endif
#endif

/* ==========================================================================================
 * Float row conversions: F32, F16 and BF16, any direction (hln_k_convert). The reference is
 * the scalar conversions, element by element, on bits (no float register sees a NaN):
 *   F16 -> F32   exact; a NaN keeps its payload and stays signalling if it was
 *   BF16 -> F32  exact (the top half)
 *   F32 -> F16   round to nearest even, fp16 subnormals kept, overflow to inf; NaN -> sign | 0x7e00
 *   F32 -> BF16  round to nearest even (subnormals kept); NaN -> its top 16 bits | 0x0040
 *   F16 <-> BF16 through F32 (exact), so one rounding
 * The SIMD paths give the same bits for every input: F16C's vcvtph2ps quiets signalling NaNs
 * and vcvtps2ph keeps payloads (AArch64's fcvt does both too), so NaN lanes are patched;
 * BF16 is rounded with integer arithmetic (AVX512_BF16's vcvtneps2bf16 flushes subnormals).
 * The hardware conversions are used with the default rounding mode (MXCSR / FPCR: nearest,
 * no flush-to-zero), which is what a C program starts with.
 * ======================================================================================== */
static int hln_k__float_type(hln_k_type t) { return t == HLN_K_F32 || t == HLN_K_F16 || t == HLN_K_BF16; }
static int hln_k__float_size(hln_k_type t) { return t == HLN_K_F32 ? 4 : 2; }

static void hln_k__convert_ref(hln_k_type from, const uint8_t *s, hln_k_type to, uint8_t *d, int64_t i, int64_t n) {
    for (; i < n; i++) {
        uint32_t u = from == HLN_K_F32 ? hln_k__ld32(s + 4 * i)
                   : from == HLN_K_F16 ? hln_k__fp16_bits(hln_k__ld16(s + 2 * i)) : (uint32_t)hln_k__ld16(s + 2 * i) << 16;
        if (to == HLN_K_F32) hln_k__st32(d + 4 * i, u);
        else hln_k__st16(d + 2 * i, to == HLN_K_F16 ? hln_k__fp16_from_bits(u) : hln_k__bf16_from_bits(u));
    }
}

/* The row loop of each path: two independent vectors of W elements per pass, then one; i ends
 * at the elements left for the reference. */
#define HLN_K__CONVERT_ROWS(W, V, load, store) do { \
        const int ss_ = hln_k__float_size(from), ds_ = hln_k__float_size(to); \
        for (; i + 2 * (W) <= n; i += 2 * (W)) { \
            const V a_ = load(from, s + i * ss_), b_ = load(from, s + (i + (W)) * ss_); \
            store(to, d + i * ds_, a_); \
            store(to, d + (i + (W)) * ds_, b_); \
        } \
        for (; i + (W) <= n; i += (W)) store(to, d + i * ds_, load(from, s + i * ss_)); \
    } while (0)

#ifdef HLN_K__X86
/* 8 elements to float bits */
HLN_K__AVX2_INLINE __m256i hln_k__avx2_cvt_load(hln_k_type from, const uint8_t *s) {
    __m128i h;
    __m256 f;
    int nan;
    if (from == HLN_K_F32) return _mm256_loadu_si256((const __m256i *)s);
    h = _mm_loadu_si128((const __m128i *)s);
    if (from == HLN_K_BF16) return _mm256_slli_epi32(_mm256_cvtepu16_epi32(h), 16);
    f = _mm256_cvtph_ps(h);
    nan = _mm256_movemask_ps(_mm256_cmp_ps(f, f, _CMP_UNORD_Q));
    if (nan) {   /* rare: the NaN as the reference builds it (not quieted) */
        const __m256i w = _mm256_cvtepu16_epi32(h);
        const __m256i bits = _mm256_or_si256(_mm256_or_si256(_mm256_slli_epi32(_mm256_and_si256(w, _mm256_set1_epi32(0x8000)), 16),
                                                              _mm256_set1_epi32(0x7f800000)),
                                             _mm256_slli_epi32(_mm256_and_si256(w, _mm256_set1_epi32(0x3ff)), 13));
        f = _mm256_blendv_ps(f, _mm256_castsi256_ps(bits), _mm256_cmp_ps(f, f, _CMP_UNORD_Q));
    }
    return _mm256_castps_si256(f);
}
HLN_K__AVX2_INLINE void hln_k__avx2_cvt_store(hln_k_type to, uint8_t *d, __m256i u) {
    const __m256 f = _mm256_castsi256_ps(u);
    const __m256 isnan = _mm256_cmp_ps(f, f, _CMP_UNORD_Q);
    __m128i h;
    if (to == HLN_K_F32) { _mm256_storeu_si256((__m256i *)d, u); return; }
    if (to == HLN_K_F16) {
        h = _mm256_cvtps_ph(f, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        if (_mm256_movemask_ps(isnan)) {
            const __m256i nh = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(0x8000)), _mm256_set1_epi32(0x7e00));
            const __m256i m = _mm256_castps_si256(isnan);
            h = _mm_blendv_epi8(h, _mm_packus_epi32(_mm256_castsi256_si128(nh), _mm256_extracti128_si256(nh, 1)),
                                _mm_packs_epi32(_mm256_castsi256_si128(m), _mm256_extracti128_si256(m, 1)));
        }
    } else {
        const __m256i hi = _mm256_srli_epi32(u, 16);
        __m256i r = _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(u, _mm256_set1_epi32(0x7fff)), _mm256_and_si256(hi, _mm256_set1_epi32(1))), 16);
        r = _mm256_blendv_epi8(r, _mm256_or_si256(hi, _mm256_set1_epi32(0x40)), _mm256_castps_si256(isnan));
        h = _mm_packus_epi32(_mm256_castsi256_si128(r), _mm256_extracti128_si256(r, 1));
    }
    _mm_storeu_si128((__m128i *)d, h);
}
HLN_K__AVX2 static int64_t hln_k__avx2_convert(hln_k_type from, const uint8_t *s, hln_k_type to, uint8_t *d, int64_t n) {
    int64_t i = 0;
    HLN_K__CONVERT_ROWS(8, __m256i, hln_k__avx2_cvt_load, hln_k__avx2_cvt_store);
    return i;
}

/* 16 elements at a time (GCC 12's C++ AVX-512 headers: see the note on the AVX-512 kernels) */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
HLN_K__AVX512 static inline __attribute__((always_inline)) __m512i hln_k__avx512_cvt_load(hln_k_type from, const uint8_t *s) {
    __m256i h;
    __m512 f;
    __mmask16 nan;
    if (from == HLN_K_F32) return _mm512_loadu_si512((const void *)s);
    h = _mm256_loadu_si256((const __m256i *)s);
    if (from == HLN_K_BF16) return _mm512_slli_epi32(_mm512_cvtepu16_epi32(h), 16);
    f = _mm512_cvtph_ps(h);
    nan = _mm512_cmp_ps_mask(f, f, _CMP_UNORD_Q);
    if (nan) {
        const __m512i w = _mm512_cvtepu16_epi32(h);
        const __m512i bits = _mm512_or_si512(_mm512_or_si512(_mm512_slli_epi32(_mm512_and_si512(w, _mm512_set1_epi32(0x8000)), 16),
                                                              _mm512_set1_epi32(0x7f800000)),
                                             _mm512_slli_epi32(_mm512_and_si512(w, _mm512_set1_epi32(0x3ff)), 13));
        return _mm512_mask_mov_epi32(_mm512_castps_si512(f), nan, bits);
    }
    return _mm512_castps_si512(f);
}
HLN_K__AVX512 static inline __attribute__((always_inline)) void hln_k__avx512_cvt_store(hln_k_type to, uint8_t *d, __m512i u) {
    const __m512 f = _mm512_castsi512_ps(u);
    const __mmask16 nan = _mm512_cmp_ps_mask(f, f, _CMP_UNORD_Q);
    __m256i h;
    if (to == HLN_K_F32) { _mm512_storeu_si512((void *)d, u); return; }
    if (to == HLN_K_F16) {
        h = _mm512_cvtps_ph(f, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
        if (nan) h = _mm256_mask_blend_epi16(nan, h, _mm512_cvtepi32_epi16(_mm512_or_si512(
                         _mm512_and_si512(_mm512_srli_epi32(u, 16), _mm512_set1_epi32(0x8000)), _mm512_set1_epi32(0x7e00))));
    } else {
        const __m512i hi = _mm512_srli_epi32(u, 16);
        __m512i r = _mm512_srli_epi32(_mm512_add_epi32(_mm512_add_epi32(u, _mm512_set1_epi32(0x7fff)), _mm512_and_si512(hi, _mm512_set1_epi32(1))), 16);
        r = _mm512_mask_mov_epi32(r, nan, _mm512_or_si512(hi, _mm512_set1_epi32(0x40)));
        h = _mm512_cvtepi32_epi16(r);
    }
    _mm256_storeu_si256((__m256i *)d, h);
}
HLN_K__AVX512 static int64_t hln_k__avx512_convert(hln_k_type from, const uint8_t *s, hln_k_type to, uint8_t *d, int64_t n) {
    int64_t i = 0;
    HLN_K__CONVERT_ROWS(16, __m512i, hln_k__avx512_cvt_load, hln_k__avx512_cvt_store);
    return i;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

#ifdef HLN_K__NEON
/* 4 elements to float bits */
static inline uint32x4_t hln_k__neon_cvt_load(hln_k_type from, const uint8_t *s) {
    uint16x4_t h;
    uint32x4_t f, ok;
    if (from == HLN_K_F32) return vreinterpretq_u32_u8(vld1q_u8(s));
    h = vreinterpret_u16_u8(vld1_u8(s));
    if (from == HLN_K_BF16) return vshll_n_u16(h, 16);
    f = vreinterpretq_u32_f32(vcvt_f32_f16(vreinterpret_f16_u16(h)));
    ok = vceqq_f32(vreinterpretq_f32_u32(f), vreinterpretq_f32_u32(f));
    if (vminvq_u32(ok) == 0) {   /* a NaN lane: the reference's bits (payload kept, not quieted) */
        const uint32x4_t w = vmovl_u16(h);
        const uint32x4_t bits = vorrq_u32(vorrq_u32(vshlq_n_u32(vandq_u32(w, vdupq_n_u32(0x8000)), 16), vdupq_n_u32(0x7f800000)),
                                          vshlq_n_u32(vandq_u32(w, vdupq_n_u32(0x3ff)), 13));
        f = vbslq_u32(ok, f, bits);
    }
    return f;
}
static inline void hln_k__neon_cvt_store(hln_k_type to, uint8_t *d, uint32x4_t u) {
    const float32x4_t f = vreinterpretq_f32_u32(u);
    const uint32x4_t ok = vceqq_f32(f, f);
    uint16x4_t h;
    if (to == HLN_K_F32) { vst1q_u8(d, vreinterpretq_u8_u32(u)); return; }
    if (to == HLN_K_F16) {
        h = vreinterpret_u16_f16(vcvt_f16_f32(f));
        h = vbsl_u16(vmovn_u32(ok), h, vmovn_u32(vorrq_u32(vandq_u32(vshrq_n_u32(u, 16), vdupq_n_u32(0x8000)), vdupq_n_u32(0x7e00))));
    } else {
        const uint32x4_t hi = vshrq_n_u32(u, 16);
        uint32x4_t r = vshrq_n_u32(vaddq_u32(vaddq_u32(u, vdupq_n_u32(0x7fff)), vandq_u32(hi, vdupq_n_u32(1))), 16);
        r = vbslq_u32(ok, r, vorrq_u32(hi, vdupq_n_u32(0x40)));
        h = vmovn_u32(r);
    }
    vst1_u8(d, vreinterpret_u8_u16(h));
}
static int64_t hln_k__neon_convert(hln_k_type from, const uint8_t *s, hln_k_type to, uint8_t *d, int64_t n) {
    int64_t i = 0;
    HLN_K__CONVERT_ROWS(4, uint32x4_t, hln_k__neon_cvt_load, hln_k__neon_cvt_store);
    return i;
}
#endif

/* ==========================================================================================
 * Dispatch. No state is cached: the CPU is asked on each call (a load and a test).
 * ======================================================================================== */
HLN_K_DEF HLN_K__UNUSED int hln_k_path_available(hln_k_path path) {
    switch (path) {
    case HLN_K_PATH_AUTO: case HLN_K_PATH_REF: return 1;
#ifdef HLN_K__X86
    case HLN_K_PATH_AVX2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case HLN_K_PATH_AVX512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni") &&
               __builtin_cpu_supports("avx512vbmi");
#endif
#ifdef HLN_K__NEON
    case HLN_K_PATH_NEON: return 1;
#endif
    default: return 0;
    }
}
HLN_K_DEF HLN_K__UNUSED hln_k_path hln_k_best_path(void) {
    if (hln_k_path_available(HLN_K_PATH_AVX512)) return HLN_K_PATH_AVX512;
    if (hln_k_path_available(HLN_K_PATH_AVX2)) return HLN_K_PATH_AVX2;
    if (hln_k_path_available(HLN_K_PATH_NEON)) return HLN_K_PATH_NEON;
    return HLN_K_PATH_REF;
}
HLN_K_DEF HLN_K__UNUSED const char *hln_k_path_name(hln_k_path path) {
    static const char *const names[HLN_K_PATH_COUNT] = { "auto", "ref", "avx2", "avx512", "neon" };
    return (unsigned)path < (unsigned)HLN_K_PATH_COUNT ? names[path] : "?";
}
HLN_K_DEF HLN_K__UNUSED const char *hln_k_simd_name(void) { return hln_k_path_name(hln_k_best_path()); }

/* Per-CPU choices for AUTO dots and GEMVs: where a CPU class runs a type faster on a narrower
 * path than the widest it has (measured, docs/kernels.md "Dispatch"). The class comes from
 * CPUID through the compiler's CPU model (__builtin_cpu_is: vendor and family, read once by
 * the runtime), never from a CPUID instruction per call, which costs ~10 us in a VM.
 * Each class lists its (type, path) choices up to HLN_K_TYPE_NONE. Zen 4 has none: TQ2_0 ran
 * 1.75x faster on AVX2 there until the 4-row kernels prefetched the next group as one stream;
 * since then AVX-512 is as fast or faster for every type (docs/kernels.md). */
enum { HLN_K__CPU_GENERIC = 0, HLN_K__CPU_ZEN4 = 1, HLN_K__CPU_CLASSES = 2 };
typedef struct hln_k__cpu_pick { hln_k_type type; hln_k_path path; } hln_k__cpu_pick;
static const hln_k__cpu_pick hln_k__zen4_picks[] = { { HLN_K_TYPE_NONE, HLN_K_PATH_AUTO } };
static int hln_k__cpu_id(void) {
#ifdef HLN_K__X86
    __builtin_cpu_init();
    /* family 19h is Zen 3 and Zen 4; only Zen 4 has AVX-512 (Zen 5 is family 1Ah) */
    if (__builtin_cpu_is("amd") && __builtin_cpu_is("amdfam19h") && __builtin_cpu_supports("avx512f")) return HLN_K__CPU_ZEN4;
#endif
    return HLN_K__CPU_GENERIC;
}
HLN_K_DEF HLN_K__UNUSED const char *hln_k_cpu_class(void) { return hln_k__cpu_id() == HLN_K__CPU_ZEN4 ? "zen4" : "generic"; }
HLN_K_DEF HLN_K__UNUSED hln_k_path hln_k_gemv_path(hln_k_type type) {
    static const hln_k__cpu_pick *const picks[HLN_K__CPU_CLASSES] = { NULL, hln_k__zen4_picks };
    const hln_k__cpu_pick *p = picks[hln_k__cpu_id()];
    for (; p && p->type != HLN_K_TYPE_NONE; p++)
        if (p->type == type && hln_k_path_available(p->path)) return p->path;
    return hln_k_best_path();
}
HLN_K_DEF HLN_K__UNUSED unsigned hln_k_cpu_features(void) {
#ifdef HLN_K__NEON_DP
    return hln_k__neon_features();
#else
    return 0u;
#endif
}

/* Resolves AUTO and checks availability; HLN_K_PATH_COUNT on failure. */
static hln_k_path hln_k__resolve(hln_k_path path) {
    if (path == HLN_K_PATH_AUTO) return hln_k_best_path();
    return hln_k_path_available(path) ? path : HLN_K_PATH_COUNT;
}
/* the same for a dot or GEMV of `type`: AUTO takes the per-CPU table's choice */
static hln_k_path hln_k__resolve_dot(hln_k_path path, hln_k_type type) {
    return path == HLN_K_PATH_AUTO ? hln_k_gemv_path(type) : hln_k__resolve(path);
}
static hln_k__dot_fn hln_k__dot_decoded_kernel(hln_k_path path) {
#ifdef HLN_K__X86
    if (path == HLN_K_PATH_AVX2 || path == HLN_K_PATH_AVX512) return hln_k__avx2_dot_decoded;
#endif
#ifdef HLN_K__NEON_DP
    if (path == HLN_K_PATH_NEON && (hln_k__neon_features() & HLN_K_CPU_DOTPROD)) return hln_k__neon_dp_dot_decoded;
#endif
#ifdef HLN_K__NEON
    if (path == HLN_K_PATH_NEON) return hln_k__neon_dot_decoded;
#endif
    (void)path;
    return hln_k__dot_ref;
}
static hln_k__dot_fn hln_k__dot_kernel(hln_k_path path, hln_k_type type) {
    if (hln_k__dot_decoded(type)) return hln_k__dot_decoded_kernel(path);
#ifdef HLN_K__NEON_DP
    if (path == HLN_K_PATH_NEON && hln_k__neon_q32(type) && (hln_k__neon_features() & HLN_K_CPU_DOTPROD))
#ifdef HLN_K__NEON_MM
        return (hln_k__neon_features() & HLN_K_CPU_I8MM) ? hln_k__neon_mm_q32 : hln_k__neon_dp_q32;
#else
        return hln_k__neon_dp_q32;
#endif
#endif
#ifdef HLN_K__X86
    if (path == HLN_K_PATH_AVX512) {
        switch (type) {
        case HLN_K_Q4_0: case HLN_K_Q8_0: case HLN_K_IQ4_NL: return hln_k__vnni_gemv_q32;
        case HLN_K_Q4_K: case HLN_K_Q5_K: case HLN_K_Q6_K: case HLN_K_IQ4_XS: return hln_k__vnni_gemv_k;
        case HLN_K_Q4_1: case HLN_K_Q5_0: case HLN_K_Q5_1: return hln_k__vnni_gemv_q5;
        case HLN_K_TQ2_0: case HLN_K_Q2_K: case HLN_K_Q3_K: return hln_k__vnni_gemv_q2;
        case HLN_K_TQ1_0: return hln_k__vnni_gemv_tq1;
        default: path = HLN_K_PATH_AVX2; break;
        }
    }
    if (path == HLN_K_PATH_AVX2) {
        switch (type) {
        case HLN_K_F16: case HLN_K_BF16: return hln_k__avx2_gemv_half;
        case HLN_K_Q4_0: case HLN_K_Q8_0: case HLN_K_IQ4_NL: return hln_k__avx2_gemv_q32;
#ifdef HLN_K__AVXVNNI
        case HLN_K_IQ4_XS: return hln_k__has_avxvnni() ? hln_k__avxvnni_gemv_iq4_xs : hln_k__avx2_gemv_k;
#else
        case HLN_K_IQ4_XS:
#endif
        case HLN_K_Q4_K: case HLN_K_Q6_K: return hln_k__avx2_gemv_k;
        case HLN_K_Q4_1: case HLN_K_Q5_0: case HLN_K_Q5_1: return hln_k__avx2_gemv_q5;
        case HLN_K_Q2_K: return hln_k__avx2_dot_q2_K;
        case HLN_K_Q3_K: return hln_k__avx2_dot_q3_K;
        case HLN_K_Q5_K: return hln_k__avx2_dot_q5_K;
        case HLN_K_TQ2_0: return hln_k__avx2_dot_tq2_0;
        case HLN_K_TQ1_0: return hln_k__avx2_dot_tq1_0;
        default: break;
        }
    }
#endif
#ifdef HLN_K__NEON
    if (path == HLN_K_PATH_NEON &&
        (type == HLN_K_Q8_0 || type == HLN_K_Q4_0 || type == HLN_K_IQ4_NL || type == HLN_K_Q4_K || type == HLN_K_Q6_K ||
         type == HLN_K_TQ1_0 || type == HLN_K_TQ2_0))
        return hln_k__neon_dot;
#endif
    (void)path; (void)type;
    return hln_k__dot_ref;
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_convert_path(hln_k_path path, hln_k_type from, const void *src, hln_k_type to, void *dst, int64_t n) {
    const uint8_t *s = (const uint8_t *)src;
    uint8_t *d = (uint8_t *)dst;
    int64_t done = 0;
    if (!hln_k__float_type(from) || !hln_k__float_type(to)) return HLN_K_ERR_TYPE;
    if (n < 0 || (uint64_t)n > (uint64_t)(SIZE_MAX / 4)) return HLN_K_ERR_SIZE;
    if ((!src || !dst) && n > 0) return HLN_K_ERR_ARG;
    path = hln_k__resolve(path);
    if (path == HLN_K_PATH_COUNT) return HLN_K_ERR_PATH;
    if (from == to) {
        if (n) memcpy(d, s, (size_t)n * (size_t)hln_k__float_size(from));
        return HLN_K_OK;
    }
#ifdef HLN_K__X86
    if (path == HLN_K_PATH_AVX512) done = hln_k__avx512_convert(from, s, to, d, n);
    else if (path == HLN_K_PATH_AVX2) done = hln_k__avx2_convert(from, s, to, d, n);
#endif
#ifdef HLN_K__NEON
    if (path == HLN_K_PATH_NEON) done = hln_k__neon_convert(from, s, to, d, n);
#endif
    hln_k__convert_ref(from, s, to, d, done, n);
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_convert(hln_k_type from, const void *src, hln_k_type to, void *dst, int64_t n) {
    return hln_k_convert_path(HLN_K_PATH_AUTO, from, src, to, dst, n);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_convert_ref(hln_k_type from, const void *src, hln_k_type to, void *dst, int64_t n) {
    return hln_k_convert_path(HLN_K_PATH_REF, from, src, to, dst, n);
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_dequantize_path(hln_k_path path, hln_k_type type, const void *src, float *dst, int64_t n) {
    int64_t nb;
    hln_k_result r = hln_k__check(type, src, dst, n, &nb);
    if (r) return r;
    path = hln_k__resolve(path);
    if (path == HLN_K_PATH_COUNT) return HLN_K_ERR_PATH;
#ifdef HLN_K__X86
    if (path == HLN_K_PATH_AVX2 || path == HLN_K_PATH_AVX512) {
        if (type == HLN_K_F16 || type == HLN_K_BF16 || type == HLN_K_F32)   /* the row converter (x86 is little endian; F32 a copy) */
            return hln_k_convert_path(path, type, src, HLN_K_F32, dst, n);
        hln_k__avx2_dequant(type, nb, (const uint8_t *)src, dst);
        return HLN_K_OK;
    }
#endif
    return hln_k_dequantize_ref(type, src, dst, n);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_dequantize(hln_k_type type, const void *src, float *dst, int64_t n) {
    return hln_k_dequantize_path(HLN_K_PATH_AUTO, type, src, dst, n);
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_vec_dot_path(hln_k_path path, hln_k_type type, int64_t n, const void *w, const void *xq, float *out) {
    int64_t nb;
    hln_k_result r = hln_k__check(type, w, xq, n, &nb);
    if (r) return r;
    if (!out || !hln_k__dot_supported(type)) return out ? HLN_K_ERR_TYPE : HLN_K_ERR_ARG;
    path = hln_k__resolve_dot(path, type);
    if (path == HLN_K_PATH_COUNT) return HLN_K_ERR_PATH;
    hln_k__dot_kernel(path, type)(type, 1, nb, (const uint8_t *)w, 0, (const uint8_t *)xq, out);
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_vec_dot(hln_k_type type, int64_t n, const void *w, const void *xq, float *out) {
    return hln_k_vec_dot_path(HLN_K_PATH_AUTO, type, n, w, xq, out);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_vec_dot_ref(hln_k_type type, int64_t n, const void *w, const void *xq, float *out) {
    return hln_k_vec_dot_path(HLN_K_PATH_REF, type, n, w, xq, out);
}

typedef struct hln_k__gemv_job {
    hln_k__dot_fn fn;
    hln_k_type type;
    const uint8_t *w, *x;
    size_t row_bytes, x_bytes;   /* x_bytes: one activation vector */
    float *y;
    int64_t nb, rows, chunk, tile;
    int n_vec;
    int x4_plain;                /* x4 layout through fn, a plain-layout kernel (hln_k__x4_plain) */
    int multi;                   /* n_vec > 1 through hln_k__vnni_multi_q4 */
} hln_k__gemv_job;

/* GEMV on the x4 layout through a path's plain kernel: each group goes back to plain rows on
 * the stack, 256 blocks of its 4 rows at a time (rows up to 8192 columns in one piece, so their
 * bits are the plain layout's), then fn; the rows after the last group are plain already. */
static void hln_k__x4_plain(hln_k__dot_fn fn, hln_k_type type, int nr, int64_t nb, const uint8_t *w, size_t rs, const uint8_t *x, float *out) {
    uint8_t buf[4 * 256 * 34];
    const int ws = hln_k__traits[type].type_size;
    int r = 0, k;
    for (; r + 4 <= nr; r += 4) {
        const uint8_t *g = w + (size_t)r * rs;
        int64_t c0, i;
        for (k = 0; k < 4; k++) out[r + k] = 0.0f;
        for (c0 = 0; c0 < nb; c0 += 256) {
            const int64_t n = nb - c0 < 256 ? nb - c0 : 256;
            float part[4];
            for (k = 0; k < 4; k++)
                for (i = 0; i < n; i++) {
                    uint8_t *b = buf + (size_t)(k * n + i) * (size_t)ws;
                    size_t so, qo;
                    hln_k__x4_where(ws, nb, k, c0 + i, &so, &qo);
                    memcpy(b, g + so, 2);
                    memcpy(b + 2, g + qo, (size_t)ws - 2);
                }
            fn(type, 4, n, buf, (size_t)n * (size_t)ws, x + (size_t)c0 * 34, part);
            for (k = 0; k < 4; k++) out[r + k] += part[k];
        }
    }
    if (r < nr) fn(type, nr - r, nb, w + (size_t)r * rs, rs, x, out + r);
}

static void hln_k__gemv_task(void *arg, int t) {
    const hln_k__gemv_job *j = (const hln_k__gemv_job *)arg;
    int64_t r = (int64_t)t * j->chunk, end = r + j->chunk;
    if (end > j->rows) end = j->rows;
    if (j->n_vec == 1) {
        /* whole task at once (in pieces of at most 2^16 rows, a multiple of 4): kernels that
         * prepare the activation side do it once per call */
        for (; r < end; r += 65536) {
            int nr = end - r < 65536 ? (int)(end - r) : 65536;
            if (j->x4_plain) hln_k__x4_plain(j->fn, j->type, nr, j->nb, j->w + (size_t)r * j->row_bytes, j->row_bytes, j->x, j->y + r);
            else j->fn(j->type, nr, j->nb, j->w + (size_t)r * j->row_bytes, j->row_bytes, j->x, j->y + r);
        }
        return;
    }
    /* several vectors: a tile of rows (whole groups of 4, about 64 KiB) goes through the kernel
     * once per vector, so it comes from memory once and from the L2 for the other vectors */
    for (; r < end; r += j->tile) {
        int nr = end - r < j->tile ? (int)(end - r) : (int)j->tile, v;
#ifdef HLN_K__X86
        if (j->multi) {
            hln_k__vnni_multi_q4(j->type, nr, j->nb, j->w + (size_t)r * j->row_bytes, j->row_bytes, j->x, j->x_bytes, j->n_vec, j->y + r, j->rows);
            continue;
        }
#endif
        for (v = 0; v < j->n_vec; v++)
            j->fn(j->type, nr, j->nb, j->w + (size_t)r * j->row_bytes, j->row_bytes, j->x + (size_t)v * j->x_bytes,
                  j->y + (size_t)v * (size_t)j->rows + r);
    }
}

static hln_k_result hln_k__gemv_run(hln_k_type type, const void *w, int64_t rows, int64_t cols, const void *xq, int n_vec,
                                    int x4, float *y, const hln_k_gemv_options *opts) {
    hln_k_gemv_options o;
    hln_k__gemv_job job;
    int64_t nb, n_tasks;
    hln_k_path path;
    hln_k_result r = hln_k__check(type, w, xq, cols, &nb);
    if (r) return r;
    if (rows < 0 || n_vec < 1 || (!y && rows > 0)) return HLN_K_ERR_ARG;
    if (!hln_k__dot_supported(type) || (x4 && !hln_k__x4_type(type))) return HLN_K_ERR_TYPE;
    if (opts) o = *opts; else memset(&o, 0, sizeof o);
    path = hln_k__resolve_dot(o.path, type);
    if (path == HLN_K_PATH_COUNT) return HLN_K_ERR_PATH;
    if (rows == 0) return HLN_K_OK;
    job.fn = hln_k__dot_kernel(path, type); job.type = type; job.x4_plain = 0; job.multi = 0;
#ifdef HLN_K__X86
    job.multi = n_vec > 1 && !x4 && path == HLN_K_PATH_AVX512 && (type == HLN_K_Q4_0 || type == HLN_K_IQ4_NL);
#endif
    if (x4) {
#ifdef HLN_K__X86
        if (path == HLN_K_PATH_AVX512) job.fn = hln_k__vnni_gemv_x4;
        else
#endif
            job.x4_plain = 1;
    }
    job.w = (const uint8_t *)w; job.x = (const uint8_t *)xq; job.y = y;
    job.row_bytes = hln_k_row_size(type, cols); job.nb = nb; job.rows = rows;
    job.x_bytes = hln_k_row_size(hln_k__traits[type].vec_dot_type, cols); job.n_vec = n_vec;
    job.tile = job.row_bytes ? (int64_t)((65536 / job.row_bytes) & ~(size_t)3) : 4;
    if (job.tile < 4) job.tile = 4;
    n_tasks = o.n_tasks > 0 ? o.n_tasks : (o.parallel_for ? 16 : 1);
    if (n_tasks > (rows + 3) / 4) n_tasks = (rows + 3) / 4;
    job.chunk = ((rows + n_tasks - 1) / n_tasks + 3) / 4 * 4;     /* whole groups of 4 rows */
    n_tasks = (rows + job.chunk - 1) / job.chunk;
    if (o.parallel_for && n_tasks > 1) o.parallel_for(o.user, (int)n_tasks, hln_k__gemv_task, &job);
    else { int t; for (t = 0; t < (int)n_tasks; t++) hln_k__gemv_task(&job, t); }
    return HLN_K_OK;
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_gemv(hln_k_type type, const void *w, int64_t rows, int64_t cols,
                                                const void *xq, float *y, const hln_k_gemv_options *opts) {
    return hln_k__gemv_run(type, w, rows, cols, xq, 1, 0, y, opts);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_gemv_multi(hln_k_type type, const void *w, int64_t rows, int64_t cols,
                                                      const void *xq, int n_vec, float *y, const hln_k_gemv_options *opts) {
    return hln_k__gemv_run(type, w, rows, cols, xq, n_vec, 0, y, opts);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_gemv_repacked(hln_k_type type, const void *w, int64_t rows, int64_t cols,
                                                         const void *xq, float *y, const hln_k_gemv_options *opts) {
    return hln_k__gemv_run(type, w, rows, cols, xq, 1, 1, y, opts);
}
static hln_k_result hln_k__x4_convert(hln_k_type type, const void *src, int64_t rows, int64_t cols, void *dst, int to_x4) {
    size_t rs;
    int64_t g;
    if (!hln_k__x4_type(type)) return HLN_K_ERR_TYPE;
    if (rows < 0 || cols < 0 || cols % 32) return HLN_K_ERR_SIZE;
    rs = hln_k_row_size(type, cols);
    if (rs && (uint64_t)rows > (uint64_t)SIZE_MAX / rs) return HLN_K_ERR_SIZE;
    if ((!src || !dst) && rows && rs) return HLN_K_ERR_ARG;
    if (!rows || !rs) return HLN_K_OK;
    for (g = 0; g + 4 <= rows; g += 4)
        hln_k__x4_group(hln_k__traits[type].type_size, cols / 32, rs, (const uint8_t *)src + (size_t)g * rs, (uint8_t *)dst + (size_t)g * rs, to_x4);
    if (g < rows) memcpy((uint8_t *)dst + (size_t)g * rs, (const uint8_t *)src + (size_t)g * rs, (size_t)(rows - g) * rs);
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_repack(hln_k_type type, const void *src, int64_t rows, int64_t cols, void *dst) {
    return hln_k__x4_convert(type, src, rows, cols, dst, 1);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_unpack(hln_k_type type, const void *src, int64_t rows, int64_t cols, void *dst) {
    return hln_k__x4_convert(type, src, rows, cols, dst, 0);
}

/* ==========================================================================================
 * BitNet b1.58: activation and weight quantizers, ternary conversions, W2A8 and TL GEMV.
 * ======================================================================================== */
HLN_K_DEF HLN_K__UNUSED size_t hln_k_i2s_size(int64_t n) {
    if (n < 0 || n % 128 || (uint64_t)n / 4 > (uint64_t)(SIZE_MAX - HLN_K_I2S_TAIL)) return 0;
    return (size_t)(n / 4) + HLN_K_I2S_TAIL;
}
HLN_K_DEF HLN_K__UNUSED float hln_k_i2s_scale(const void *i2s, int64_t n) {
    return (i2s && hln_k_i2s_size(n)) ? hln_k__ldf((const uint8_t *)i2s + n / 4) : 0.0f;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_act_quantize_i8(const float *x, int64_t n, int8_t *q, float *x_scale) {
    float amax = 0.0f, inv;
    int64_t i;
    if (n < 0) return HLN_K_ERR_SIZE;
    if (!x_scale || ((!x || !q) && n > 0)) return HLN_K_ERR_ARG;
    for (i = 0; i < n; i++) { float a = hln_k__fabsf(x[i]); if (a > amax) amax = a; }
    if (!hln_k__isfinite(amax)) return HLN_K_ERR_ARG;
    *x_scale = amax / 127.0f;
    inv = amax > 0.0f ? 127.0f / amax : 0.0f;
    for (i = 0; i < n; i++) q[i] = (int8_t)hln_k__clampi(hln_k__nearest(x[i] * inv), -127, 127);
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_absmean_ternary(const float *w, int64_t n, int8_t *t, float *scale) {
    double sum = 0.0;
    float inv;
    int64_t i;
    if (n < 0) return HLN_K_ERR_SIZE;
    if (!scale || ((!w || !t) && n > 0)) return HLN_K_ERR_ARG;
    for (i = 0; i < n; i++) sum += hln_k__fabsf(w[i]);
    if (!(sum <= 3.4e38)) return HLN_K_ERR_ARG;   /* also NaN */
    *scale = n > 0 ? (float)(sum / (double)n) : 0.0f;
    inv = *scale > 0.0f ? 1.0f / *scale : 0.0f;
    for (i = 0; i < n; i++) {
        float v = w[i] * inv;
        t[i] = (int8_t)(v > 1.0f ? 1 : v < -1.0f ? -1 : hln_k__nearest(v));   /* clamp first: v may be huge */
    }
    return HLN_K_OK;
}

static int hln_k__tern_is_tq(hln_k_ternary_format f) { return f == HLN_K_TERNARY_TQ1_0 || f == HLN_K_TERNARY_TQ2_0; }
HLN_K_DEF HLN_K__UNUSED size_t hln_k_ternary_size(hln_k_ternary_format f, int64_t n) {
    if (n < 0 || n % (hln_k__tern_is_tq(f) ? 256 : 128)) return 0;
    switch (f) {
    case HLN_K_TERNARY_TQ1_0: return hln_k_row_size(HLN_K_TQ1_0, n);
    case HLN_K_TERNARY_TQ2_0: return hln_k_row_size(HLN_K_TQ2_0, n);
    case HLN_K_TERNARY_I2_S: return hln_k_i2s_size(n);
    case HLN_K_TERNARY_PACKED2: return hln_k_i2s_size(n) ? (size_t)(n / 4) + 4 : 0;
    }
    return 0;
}
/* Chunk c (cs values: 256 when a TQ format is involved, else 128) of a ternary tensor to
 * trits; *scale gets the chunk's scale (the tensor's for I2_S and PACKED2). 0, or -1 for a code 3. */
static int hln_k__tern_get(hln_k_ternary_format f, const uint8_t *src, int64_t n, int64_t c, int cs, int8_t *t, float *scale) {
    int j;
    if (f == HLN_K_TERNARY_TQ1_0 || f == HLN_K_TERNARY_TQ2_0) {
        hln_k_type type = f == HLN_K_TERNARY_TQ1_0 ? HLN_K_TQ1_0 : HLN_K_TQ2_0;
        hln_k__ints o;
        hln_k__decode_ints(type, src + (size_t)c * (size_t)hln_k__traits[type].type_size, &o);
        for (j = 0; j < 256; j++) { if (o.qv[j] > 1) return -1; t[j] = o.qv[j]; }
        *scale = o.A;
        return 0;
    }
    *scale = hln_k__ldf(src + n / 4);
    src += (size_t)c * (size_t)(cs / 4);
    for (j = 0; j < cs; j++) {
        int code = f == HLN_K_TERNARY_I2_S ? (src[32 * (j / 128) + j % 32] >> (6 - 2 * ((j % 128) / 32))) & 3
                                           : (src[j / 4] >> (2 * (j % 4))) & 3;
        if (code == 3) return -1;
        t[j] = (int8_t)(code - 1);
    }
    return 0;
}
static void hln_k__tern_put(hln_k_ternary_format f, const int8_t *t, float scale, int64_t n, int64_t c, int cs, uint8_t *dst) {
    int j;
    uint8_t *d = dst + (size_t)c * (size_t)(cs / 4);
    if (f == HLN_K_TERNARY_TQ1_0 || f == HLN_K_TERNARY_TQ2_0) {
        hln_k_type type = f == HLN_K_TERNARY_TQ1_0 ? HLN_K_TQ1_0 : HLN_K_TQ2_0;
        hln_k__tq_pack(type, t, hln_k_fp32_to_fp16(scale), dst + (size_t)c * (size_t)hln_k__traits[type].type_size);
        return;
    }
    memset(d, 0, (size_t)(cs / 4));
    for (j = 0; j < cs; j++) {
        uint8_t code = (uint8_t)(t[j] + 1);
        if (f == HLN_K_TERNARY_I2_S) d[32 * (j / 128) + j % 32] |= (uint8_t)(code << (6 - 2 * ((j % 128) / 32)));
        else d[j / 4] |= (uint8_t)(code << (2 * (j % 4)));
    }
    if (c == n / cs - 1) {   /* the scale after the codes (and I2_S's zero padding) */
        memset(dst + n / 4, 0, f == HLN_K_TERNARY_I2_S ? HLN_K_I2S_TAIL : 4);
        hln_k__stf(dst + n / 4, scale);
    }
}
static int hln_k__fp16_exact(float s) { return hln_k__fbits(hln_k_fp16_to_fp32(hln_k_fp32_to_fp16(s))) == hln_k__fbits(s); }
static hln_k_result hln_k__tern_args(hln_k_ternary_format f, int64_t n, const void *a, const void *b) {
    if ((unsigned)f > (unsigned)HLN_K_TERNARY_PACKED2) return HLN_K_ERR_ARG;
    if (!hln_k_ternary_size(f, n) && n != 0) return HLN_K_ERR_SIZE;
    return (n > 0 && (!a || !b)) ? HLN_K_ERR_ARG : HLN_K_OK;
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_ternary_pack(hln_k_ternary_format f, const int8_t *trits, float scale, int64_t n, void *dst) {
    const int cs = hln_k__tern_is_tq(f) ? 256 : 128;
    int64_t c;
    hln_k_result r = hln_k__tern_args(f, n, trits, dst);
    if (r) return r;
    if (hln_k__tern_is_tq(f) && !hln_k__fp16_exact(scale)) return HLN_K_ERR_ARG;
    for (c = 0; c < n; c++) if (trits[c] < -1 || trits[c] > 1) return HLN_K_ERR_ARG;
    for (c = 0; c < n / cs; c++) hln_k__tern_put(f, trits + cs * c, scale, n, c, cs, (uint8_t *)dst);
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_ternary_unpack(hln_k_ternary_format f, const void *src, int64_t n, int8_t *trits, float *scale) {
    const int cs = hln_k__tern_is_tq(f) ? 256 : 128;
    int64_t c;
    hln_k_result r = hln_k__tern_args(f, n, src, trits);
    if (r) return r;
    if (!scale) return HLN_K_ERR_ARG;
    *scale = 0.0f;
    for (c = 0; c < n / cs; c++) {
        float s;
        if (hln_k__tern_get(f, (const uint8_t *)src, n, c, cs, trits + cs * c, &s)) return HLN_K_ERR_ARG;
        if (c == 0) *scale = s;
        else if (hln_k__fbits(s) != hln_k__fbits(*scale)) return HLN_K_ERR_ARG;   /* no single scale */
    }
    return HLN_K_OK;
}
/* Validates the whole source first, so a failed conversion writes nothing. */
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_ternary_convert(hln_k_ternary_format from, const void *src, hln_k_ternary_format to, void *dst, int64_t n) {
    const int cs = hln_k__tern_is_tq(from) || hln_k__tern_is_tq(to) ? 256 : 128;
    int8_t t[256];
    float s0 = 0.0f, s;
    int64_t c;
    int pass;
    hln_k_result r = hln_k__tern_args(from, n, src, dst);
    if (r || (r = hln_k__tern_args(to, n, src, dst))) return r;
    for (pass = 0; pass < 2; pass++)
        for (c = 0; c < n / cs; c++) {
            if (hln_k__tern_get(from, (const uint8_t *)src, n, c, cs, t, &s)) return HLN_K_ERR_ARG;
            if (c == 0) s0 = s;
            if (pass == 1) hln_k__tern_put(to, t, s, n, c, cs, (uint8_t *)dst);
            else if (hln_k__tern_is_tq(to) ? !hln_k__fp16_exact(s) : hln_k__fbits(s) != hln_k__fbits(s0)) return HLN_K_ERR_ARG;
        }
    return HLN_K_OK;
}

/* Threads for the ternary GEMVs: tasks own whole groups of `unit` rows (4, or a 32-row tile). */
typedef struct hln_k__tern_job {
    hln_k__dot_fn i2s;                                               /* W2A8 kernel, or NULL for TL */
    void (*tile)(hln_k_tl_kind, int64_t, const uint8_t *, const uint8_t *, float *);
    hln_k_tl_kind kind;
    const uint8_t *w, *x;
    float *y, scale;
    int64_t rows, cols, chunk;
} hln_k__tern_job;
static void hln_k__tern_task(void *arg, int t) {
    const hln_k__tern_job *j = (const hln_k__tern_job *)arg;
    int64_t r = (int64_t)t * j->chunk, end = r + j->chunk, i;
    if (end > j->rows) end = j->rows;
    if (r >= end) return;
    if (j->i2s) j->i2s(HLN_K_I2_S, (int)(end - r), j->cols / 128, j->w + (size_t)r * (size_t)(j->cols / 4), (size_t)(j->cols / 4), j->x, j->y + r);
    else {
        const int64_t groups = (j->cols + hln_k__tl_width(j->kind) - 1) / hln_k__tl_width(j->kind);
        const size_t tile_bytes = (size_t)groups * (size_t)hln_k__tl_group_bytes(j->kind);
        for (; r < end; r += HLN_K__TL_ROWS) {
            float tmp[HLN_K__TL_ROWS];
            int64_t nr = end - r < HLN_K__TL_ROWS ? end - r : HLN_K__TL_ROWS;
            j->tile(j->kind, groups, j->w + (size_t)(r / HLN_K__TL_ROWS) * tile_bytes, j->x, tmp);
            for (i = 0; i < nr; i++) j->y[r + i] = tmp[i];
        }
    }
    for (i = (int64_t)t * j->chunk; i < end; i++) j->y[i] *= j->scale;
}
static hln_k_result hln_k__tern_run(hln_k__tern_job *job, int unit, const hln_k_gemv_options *opts) {
    hln_k_gemv_options o;
    int64_t n_tasks, units = (job->rows + unit - 1) / unit;
    if (opts) o = *opts; else memset(&o, 0, sizeof o);
    n_tasks = o.n_tasks > 0 ? o.n_tasks : (o.parallel_for ? 16 : 1);
    if (n_tasks > units) n_tasks = units;
    if (n_tasks < 1) return HLN_K_OK;
    job->chunk = (units + n_tasks - 1) / n_tasks * unit;
    n_tasks = (job->rows + job->chunk - 1) / job->chunk;
    if (o.parallel_for && n_tasks > 1) o.parallel_for(o.user, (int)n_tasks, hln_k__tern_task, job);
    else { int t; for (t = 0; t < (int)n_tasks; t++) hln_k__tern_task(job, t); }
    return HLN_K_OK;
}
static int hln_k__tern_dims_ok(int64_t rows, int64_t cols) {
    return rows >= 0 && cols >= 0 && (rows == 0 || cols <= (int64_t)(((uint64_t)SIZE_MAX / 4) / (uint64_t)rows)) && cols < ((int64_t)1 << 24);
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_i2s_gemv(const void *w, int64_t rows, int64_t cols, const int8_t *xq, float x_scale,
                                                    float *y, const hln_k_gemv_options *opts) {
    hln_k__tern_job job;
    hln_k_path path = hln_k__resolve(opts ? opts->path : HLN_K_PATH_AUTO);
    if (!hln_k__tern_dims_ok(rows, cols) || cols % 128) return HLN_K_ERR_SIZE;
    if (rows > 0 && (!w || !xq || !y)) return HLN_K_ERR_ARG;
    if (path == HLN_K_PATH_COUNT) return HLN_K_ERR_PATH;
    if (rows == 0) return HLN_K_OK;
    memset(&job, 0, sizeof job);
    job.i2s = hln_k__i2s_ref;
#ifdef HLN_K__X86
    if (path == HLN_K_PATH_AVX2) job.i2s = hln_k__avx2_i2s;
    if (path == HLN_K_PATH_AVX512) job.i2s = hln_k__vnni_i2s;
#endif
#ifdef HLN_K__NEON
    if (path == HLN_K_PATH_NEON) job.i2s = hln_k__neon_i2s;
#endif
#ifdef HLN_K__NEON_DP
    if (path == HLN_K_PATH_NEON && (hln_k__neon_features() & HLN_K_CPU_DOTPROD)) job.i2s = hln_k__neon_dp_i2s;
#endif
    job.w = (const uint8_t *)w; job.x = (const uint8_t *)xq; job.y = y;
    job.rows = rows; job.cols = cols;
    job.scale = hln_k_i2s_scale(w, rows * cols) * x_scale;
    return hln_k__tern_run(&job, 4, opts);
}

HLN_K_DEF HLN_K__UNUSED size_t hln_k_tl_weight_size(hln_k_tl_kind kind, int64_t rows, int64_t cols) {
    int64_t tiles, groups;
    if ((kind != HLN_K_TL1 && kind != HLN_K_TL2) || !hln_k__tern_dims_ok(rows, cols)) return 0;
    tiles = (rows + HLN_K__TL_ROWS - 1) / HLN_K__TL_ROWS;
    groups = (cols + hln_k__tl_width(kind) - 1) / hln_k__tl_width(kind);
    if (tiles > 0 && (uint64_t)groups > (uint64_t)SIZE_MAX / 20 / (uint64_t)tiles) return 0;
    return (size_t)tiles * (size_t)groups * (size_t)hln_k__tl_group_bytes(kind);
}
HLN_K_DEF HLN_K__UNUSED size_t hln_k_tl_table_size(hln_k_tl_kind kind, int64_t cols) {
    if ((kind != HLN_K_TL1 && kind != HLN_K_TL2) || !hln_k__tern_dims_ok(1, cols)) return 0;
    return (size_t)((cols + hln_k__tl_width(kind) - 1) / hln_k__tl_width(kind)) * 32;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_tl_pack(hln_k_tl_kind kind, const int8_t *trits, int64_t rows, int64_t cols, void *dst) {
    const int wd = hln_k__tl_width(kind), gb = hln_k__tl_group_bytes(kind);
    const int64_t groups = (cols + wd - 1) / wd;
    size_t size = hln_k_tl_weight_size(kind, rows, cols);
    uint8_t *d = (uint8_t *)dst;
    int64_t r, k;
    int e;
    if (kind != HLN_K_TL1 && kind != HLN_K_TL2) return HLN_K_ERR_ARG;
    if (!hln_k__tern_dims_ok(rows, cols)) return HLN_K_ERR_SIZE;
    if (rows > 0 && cols > 0 && (!trits || !dst)) return HLN_K_ERR_ARG;
    for (r = 0; r < rows * cols; r++) if (trits[r] < -1 || trits[r] > 1) return HLN_K_ERR_ARG;
    if (size) memset(d, 0, size);
    for (r = 0; r < (rows + HLN_K__TL_ROWS - 1) / HLN_K__TL_ROWS * HLN_K__TL_ROWS; r++)
        for (k = 0; k < groups; k++) {
            uint8_t *g = d + ((size_t)(r / HLN_K__TL_ROWS) * (size_t)groups + (size_t)k) * (size_t)gb;
            int v = 0, rr = (int)(r % HLN_K__TL_ROWS), idx, neg = 0;
            for (e = 0; e < wd; e++) {
                int64_t c = k * wd + e;
                v = 3 * v + ((r < rows && c < cols) ? trits[r * cols + c] : 0) + 1;
            }
            idx = v;
            if (kind == HLN_K_TL2 && v > 13) { idx = 26 - v; neg = 1; }
            g[rr & 15] |= (uint8_t)(idx << (4 * (rr >> 4)));
            if (neg) g[16 + rr / 8] |= (uint8_t)(1u << (rr % 8));
        }
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_tl_tables(hln_k_tl_kind kind, const int8_t *xq, int64_t cols, void *tables) {
    const int wd = hln_k__tl_width(kind), n_idx = kind == HLN_K_TL1 ? 9 : 14;
    uint8_t *t = (uint8_t *)tables;
    int64_t k;
    int i, e;
    if (kind != HLN_K_TL1 && kind != HLN_K_TL2) return HLN_K_ERR_ARG;
    if (!hln_k__tern_dims_ok(1, cols)) return HLN_K_ERR_SIZE;
    if (cols > 0 && (!xq || !tables)) return HLN_K_ERR_ARG;
    for (k = 0; k < (cols + wd - 1) / wd; k++, t += 32) {
        memset(t, 0, 32);
        for (i = 0; i < n_idx; i++) {
            int v = 0, p = i, digit[3];
            for (e = wd - 1; e >= 0; e--) { digit[e] = p % 3; p /= 3; }   /* digit e: weight e + 1 */
            for (e = 0; e < wd; e++) {
                int64_t c = k * wd + e;
                if (c < cols) v += (digit[e] - 1) * xq[c];
            }
            t[i] = (uint8_t)(v & 0xFF); t[16 + i] = (uint8_t)(((unsigned)v >> 8) & 0xFF);
        }
    }
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_tl_gemv(hln_k_tl_kind kind, const void *w, float w_scale, int64_t rows, int64_t cols,
                                                   const void *tables, float x_scale, float *y, const hln_k_gemv_options *opts) {
    hln_k__tern_job job;
    hln_k_path path = hln_k__resolve(opts ? opts->path : HLN_K_PATH_AUTO);
    if (kind != HLN_K_TL1 && kind != HLN_K_TL2) return HLN_K_ERR_ARG;
    if (!hln_k__tern_dims_ok(rows, cols)) return HLN_K_ERR_SIZE;
    if (rows > 0 && (!w || !tables || !y)) return HLN_K_ERR_ARG;
    if (path == HLN_K_PATH_COUNT) return HLN_K_ERR_PATH;
    if (rows == 0) return HLN_K_OK;
    memset(&job, 0, sizeof job);
    job.tile = hln_k__tl_tile_ref;
#ifdef HLN_K__X86
    if (path == HLN_K_PATH_AVX2 || path == HLN_K_PATH_AVX512) job.tile = hln_k__avx2_tl_tile;
#endif
#ifdef HLN_K__NEON
    if (path == HLN_K_PATH_NEON) job.tile = hln_k__neon_tl_tile;
#endif
    job.kind = kind; job.w = (const uint8_t *)w; job.x = (const uint8_t *)tables; job.y = y;
    job.rows = rows; job.cols = cols; job.scale = w_scale * x_scale;
    return hln_k__tern_run(&job, HLN_K__TL_ROWS, opts);
}

/* ==========================================================================================
 * NF4, int4 groups.
 * ======================================================================================== */
static int hln_k__nf4_code(float v) {  /* nearest of the 16 sorted levels */
    int lo = 0, hi = 15;
    while (hi - lo > 1) { int mid = (lo + hi) / 2; if (v < hln_k__nf4_values[mid]) hi = mid; else lo = mid; }
    return (v - hln_k__nf4_values[lo] <= hln_k__nf4_values[hi] - v) ? lo : hi;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_nf4_quantize(const float *src, hln_k_block_nf4 *dst, int64_t n) {
    int64_t i;
    int j;
    if (n < 0 || n % 64) return HLN_K_ERR_SIZE;
    if (n && (!src || !dst)) return HLN_K_ERR_ARG;
    for (i = 0; i < n / 64; i++) {
        const float *x = src + 64 * i;
        uint8_t *b = (uint8_t *)(dst + i);
        float amax = 0.0f, inv;
        for (j = 0; j < 64; j++) { float a = hln_k__fabsf(x[j]); if (a > amax) amax = a; }
        inv = amax > 0.0f ? 1.0f / amax : 0.0f;
        hln_k__stf(b, amax);
        for (j = 0; j < 32; j++)
            b[4 + j] = (uint8_t)((hln_k__nf4_code(x[2 * j] * inv) << 4) | hln_k__nf4_code(x[2 * j + 1] * inv));
    }
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_nf4_dequantize(const hln_k_block_nf4 *src, float *dst, int64_t n) {
    int64_t i;
    int j;
    if (n < 0 || n % 64) return HLN_K_ERR_SIZE;
    if (n && (!src || !dst)) return HLN_K_ERR_ARG;
    for (i = 0; i < n / 64; i++) {
        const uint8_t *b = (const uint8_t *)(src + i);
        float amax = hln_k__ldf(b);
        for (j = 0; j < 32; j++) {
            dst[64 * i + 2 * j] = hln_k__nf4_values[b[4 + j] >> 4] * amax;
            dst[64 * i + 2 * j + 1] = hln_k__nf4_values[b[4 + j] & 0xF] * amax;
        }
    }
    return HLN_K_OK;
}

HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_int4_quantize(const float *src, int64_t n, int group_size,
                                                         uint32_t *packed, float *scales, uint8_t *zeros) {
    int64_t g, j;
    if (group_size <= 0 || group_size % 8) return HLN_K_ERR_ARG;
    if (n < 0 || n % group_size) return HLN_K_ERR_SIZE;
    if (n && (!src || !packed || !scales || !zeros)) return HLN_K_ERR_ARG;
    for (j = 0; j < n / 8; j++) packed[j] = 0;
    for (g = 0; g < n / group_size; g++) {
        const float *x = src + g * group_size;
        float lo = 0.0f, hi = 0.0f, s, is;
        int zero;
        for (j = 0; j < group_size; j++) { if (x[j] < lo) lo = x[j]; if (x[j] > hi) hi = x[j]; }
        s = (hi - lo) / 15.0f;
        if (!(s > 0.0f)) s = 1.0f;
        is = 1.0f / s;
        zero = hln_k__clampi((int)hln_k__roundf(-lo * is), 0, 15);
        scales[g] = s; zeros[g] = (uint8_t)zero;
        for (j = 0; j < group_size; j++) {
            int64_t e = g * group_size + j;
            int q = hln_k__clampi((int)hln_k__roundf(x[j] * is) + zero, 0, 15);
            packed[e / 8] |= (uint32_t)q << (4 * (e % 8));
        }
    }
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_int4_dequantize(const uint32_t *packed, const float *scales,
                                                           const uint8_t *zeros, int64_t n, int group_size, float *dst) {
    int64_t e;
    if (group_size <= 0 || group_size % 8) return HLN_K_ERR_ARG;
    if (n < 0 || n % group_size) return HLN_K_ERR_SIZE;
    if (n && (!packed || !scales || !zeros || !dst)) return HLN_K_ERR_ARG;
    for (e = 0; e < n; e++) {
        int q = (int)((packed[e / 8] >> (4 * (e % 8))) & 0xF);
        dst[e] = (float)(q - (int)zeros[e / group_size]) * scales[e / group_size];
    }
    return HLN_K_OK;
}

/* ==========================================================================================
 * Quantized KV cache. A stored value is val * d + m: val is the code as a signed int8 (Q8_0),
 * code - 8 (Q4_0), the code (U8) or the NF4 level; d and m (U8 only, else 0) are fp16. 4-bit
 * codes go two a byte, channel or value 2i in the low nibble.
 * PER_TOKEN token row: dim / G groups of [d (, m)] [G codes]. PER_CHANNEL group block (G
 * tokens): dim scales [d (, m)] per channel, then the G token rows of dim codes.
 * ======================================================================================== */
#define HLN_K__KV_CHUNK 256
static int hln_k__kv_bits(hln_k_kv_format f) { return f == HLN_K_KV_Q4_0 || f == HLN_K_KV_NF4 ? 4 : 8; }
static int hln_k__kv_sbytes(hln_k_kv_format f) { return f == HLN_K_KV_U8 ? 4 : 2; }
static int hln_k__kv_valid(const hln_k_kv_config *c) {
    if (!c || (unsigned)c->format > (unsigned)HLN_K_KV_NF4 || (c->axis != HLN_K_KV_PER_TOKEN && c->axis != HLN_K_KV_PER_CHANNEL)) return 0;
    if (c->dim <= 0 || c->dim > (1 << 20) || c->group_size <= 0 || c->group_size > HLN_K_KV_MAX_GROUP || c->group_size % 2) return 0;
    if (c->axis == HLN_K_KV_PER_TOKEN) return c->dim % c->group_size == 0;
    return c->dim % 2 == 0;
}
/* bytes of one stored unit: a token row (PER_TOKEN) or a group block of G tokens (PER_CHANNEL) */
static size_t hln_k__kv_unit(const hln_k_kv_config *c) {
    size_t codes = (size_t)c->dim * (size_t)hln_k__kv_bits(c->format) / 8;
    if (c->axis == HLN_K_KV_PER_TOKEN) return (size_t)(c->dim / c->group_size) * (size_t)hln_k__kv_sbytes(c->format) + codes;
    return (size_t)c->dim * (size_t)hln_k__kv_sbytes(c->format) + (size_t)c->group_size * codes;
}
static float hln_k__kv_val(hln_k_kv_format f, const uint8_t *codes, int i) {
    switch (f) {
    case HLN_K_KV_Q8_0: return (float)(int8_t)codes[i];
    case HLN_K_KV_Q4_0: return (float)(((codes[i / 2] >> (4 * (i & 1))) & 15) - 8);
    case HLN_K_KV_U8: return (float)codes[i];
    default: return hln_k__nf4_values[(codes[i / 2] >> (4 * (i & 1))) & 15];
    }
}
static void hln_k__kv_set(hln_k_kv_format f, uint8_t *codes, int i, int q) {
    if (hln_k__kv_bits(f) == 8) codes[i] = (uint8_t)q;
    else codes[i / 2] = (uint8_t)((codes[i / 2] & (i & 1 ? 0x0F : 0xF0)) | (q << (4 * (i & 1))));
}
/* n values x[k * stride] (n <= HLN_K_KV_MAX_GROUP): their fp16 scales into sc (d, then m for
 * U8) and their codes into q[k]; the codes are computed against the rounded scales. */
static void hln_k__kv_quant(hln_k_kv_format f, const float *x, int n, int stride, uint8_t *sc, uint8_t *q) {
    float amax = 0.0f, vmax = 0.0f, lo = 0.0f, hi = 0.0f, d, id, m = 0.0f;
    int k;
    for (k = 0; k < n; k++) {
        float v = x[(size_t)k * (size_t)stride], a = hln_k__fabsf(v);
        if (a > amax) { amax = a; vmax = v; }
        if (k == 0 || v < lo) lo = v;
        if (k == 0 || v > hi) hi = v;
    }
    switch (f) {
    case HLN_K_KV_Q8_0: d = amax / 127.0f; break;
    case HLN_K_KV_Q4_0: d = vmax / -8.0f; break;
    case HLN_K_KV_U8: d = (hi - lo) / 255.0f; break;
    default: d = amax; break;
    }
    hln_k__st16(sc, hln_k_fp32_to_fp16(d));
    d = hln_k_fp16_to_fp32(hln_k__ld16(sc));
    if (f == HLN_K_KV_U8) { hln_k__st16(sc + 2, hln_k_fp32_to_fp16(lo)); m = hln_k_fp16_to_fp32(hln_k__ld16(sc + 2)); }
    id = d != 0.0f ? 1.0f / d : 0.0f;
    for (k = 0; k < n; k++) {
        float v = (x[(size_t)k * (size_t)stride] - m) * id;
        if (!(hln_k__fabsf(v) < 1e6f)) v = 0.0f;   /* NaN, or an inf scale: nearest() needs |v| < 2^22 */
        switch (f) {
        case HLN_K_KV_Q8_0: q[k] = (uint8_t)(int8_t)hln_k__clampi(hln_k__nearest(v), -127, 127); break;
        case HLN_K_KV_Q4_0: q[k] = (uint8_t)hln_k__clampi(hln_k__nearest(v) + 8, 0, 15); break;
        case HLN_K_KV_U8: q[k] = (uint8_t)hln_k__clampi(hln_k__nearest(v), 0, 255); break;
        default: q[k] = (uint8_t)hln_k__nf4_code(v); break;
        }
    }
}
static void hln_k__kv_scales(hln_k_kv_format f, const uint8_t *sc, float *d, float *m) {
    *d = hln_k_fp16_to_fp32(hln_k__ld16(sc));
    *m = f == HLN_K_KV_U8 ? hln_k_fp16_to_fp32(hln_k__ld16(sc + 2)) : 0.0f;
}
/* the PER_CHANNEL staging area fills up: quantize its G tokens as one group block */
static void hln_k__kv_flush(hln_k_kv *kv) {
    const hln_k_kv_config *c = &kv->cfg;
    const int sb = hln_k__kv_sbytes(c->format), G = c->group_size;
    const size_t row = (size_t)c->dim * (size_t)hln_k__kv_bits(c->format) / 8;
    uint8_t *blk = kv->data + (size_t)(kv->n_tokens / G - 1) * hln_k__kv_unit(c), q[HLN_K_KV_MAX_GROUP];
    int ch, t;
    memset(blk + (size_t)c->dim * (size_t)sb, 0, (size_t)G * row);
    for (ch = 0; ch < c->dim; ch++) {
        hln_k__kv_quant(c->format, kv->staging + ch, G, c->dim, blk + (size_t)ch * (size_t)sb, q);
        for (t = 0; t < G; t++) hln_k__kv_set(c->format, blk + (size_t)c->dim * (size_t)sb + (size_t)t * row, ch, q[t]);
    }
}

HLN_K_DEF HLN_K__UNUSED double hln_k_kv_bytes_per_token(const hln_k_kv_config *c) {
    if (!hln_k__kv_valid(c)) return 0.0;
    return c->axis == HLN_K_KV_PER_TOKEN ? (double)hln_k__kv_unit(c) : (double)hln_k__kv_unit(c) / (double)c->group_size;
}
HLN_K_DEF HLN_K__UNUSED size_t hln_k_kv_fixed_bytes(const hln_k_kv_config *c) {
    if (!hln_k__kv_valid(c) || c->axis == HLN_K_KV_PER_TOKEN) return 0;
    return (size_t)c->group_size * (size_t)c->dim * sizeof(float);
}
HLN_K_DEF HLN_K__UNUSED size_t hln_k_kv_size(const hln_k_kv_config *c, int64_t max_tokens) {
    uint64_t units, bytes;
    if (!hln_k__kv_valid(c) || max_tokens < 0) return 0;
    units = c->axis == HLN_K_KV_PER_TOKEN ? (uint64_t)max_tokens : ((uint64_t)max_tokens + (uint64_t)c->group_size - 1) / (uint64_t)c->group_size;
    if (units > ((uint64_t)SIZE_MAX - 64) / hln_k__kv_unit(c)) return 0;
    bytes = units * hln_k__kv_unit(c);
    bytes = (bytes + 3) / 4 * 4;   /* the float staging area follows, 4-aligned within the buffer */
    if (bytes > (uint64_t)SIZE_MAX - hln_k_kv_fixed_bytes(c)) return 0;
    return (size_t)(bytes + hln_k_kv_fixed_bytes(c));
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_kv_init(hln_k_kv *kv, const hln_k_kv_config *c, void *buffer, size_t size, int64_t max_tokens) {
    size_t need = hln_k_kv_size(c, max_tokens);
    if (!kv || !hln_k__kv_valid(c)) return HLN_K_ERR_ARG;
    if (!need || size < need) return HLN_K_ERR_SIZE;
    if (!buffer || ((uintptr_t)buffer & 3)) return HLN_K_ERR_ARG;   /* the staging floats need 4-byte alignment */
    memset(kv, 0, sizeof *kv);
    kv->cfg = *c; kv->max_tokens = max_tokens;
    kv->data = (uint8_t *)buffer;
    kv->staging = hln_k_kv_fixed_bytes(c) ? (float *)(void *)((uint8_t *)buffer + (need - hln_k_kv_fixed_bytes(c))) : NULL;
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_kv_append(hln_k_kv *kv, const float *row) {
    const hln_k_kv_config *c;
    if (!kv || !row || !kv->data) return HLN_K_ERR_ARG;
    c = &kv->cfg;
    if (kv->n_tokens >= kv->max_tokens) return HLN_K_ERR_SIZE;
    if (c->axis == HLN_K_KV_PER_TOKEN) {
        const int sb = hln_k__kv_sbytes(c->format), G = c->group_size;
        const size_t gbytes = (size_t)sb + (size_t)G * (size_t)hln_k__kv_bits(c->format) / 8;
        uint8_t *r = kv->data + (size_t)kv->n_tokens * hln_k__kv_unit(c), q[HLN_K_KV_MAX_GROUP];
        int g, k;
        memset(r, 0, hln_k__kv_unit(c));
        for (g = 0; g < c->dim / G; g++) {
            hln_k__kv_quant(c->format, row + (size_t)g * (size_t)G, G, 1, r + (size_t)g * gbytes, q);
            for (k = 0; k < G; k++) hln_k__kv_set(c->format, r + (size_t)g * gbytes + sb, k, q[k]);
        }
        kv->n_tokens++;
        return HLN_K_OK;
    }
    memcpy(kv->staging + (size_t)(kv->n_tokens % c->group_size) * (size_t)c->dim, row, sizeof(float) * (size_t)c->dim);
    kv->n_tokens++;
    if (kv->n_tokens % c->group_size == 0) hln_k__kv_flush(kv);
    return HLN_K_OK;
}

/* Token t's code row, scale pointer and scale stride (channel ch's scales are at
 * sc + (ch / per) * sstride), or NULL when t waits in the staging area. */
static const uint8_t *hln_k__kv_row(const hln_k_kv *kv, int64_t t, const uint8_t **sc, int *per) {
    const hln_k_kv_config *c = &kv->cfg;
    const int sb = hln_k__kv_sbytes(c->format);
    if (c->axis == HLN_K_KV_PER_TOKEN) {
        *sc = kv->data + (size_t)t * hln_k__kv_unit(c); *per = c->group_size;
        return *sc;   /* codes of group g at sc + g * (sb + G * bits / 8) + sb */
    }
    if (t >= kv->n_tokens / c->group_size * c->group_size) return NULL;
    *sc = kv->data + (size_t)(t / c->group_size) * hln_k__kv_unit(c); *per = 1;
    return *sc + (size_t)c->dim * (size_t)sb + (size_t)(t % c->group_size) * ((size_t)c->dim * (size_t)hln_k__kv_bits(c->format) / 8);
}
/* value of channel ch of a stored token */
static float hln_k__kv_at(const hln_k_kv_config *c, const uint8_t *codes, const uint8_t *sc, int ch) {
    const int sb = hln_k__kv_sbytes(c->format);
    float d, m;
    if (c->axis == HLN_K_KV_PER_TOKEN) {
        const size_t gbytes = (size_t)sb + (size_t)c->group_size * (size_t)hln_k__kv_bits(c->format) / 8;
        const uint8_t *g = sc + (size_t)(ch / c->group_size) * gbytes;
        hln_k__kv_scales(c->format, g, &d, &m);
        return hln_k__kv_val(c->format, g + sb, ch % c->group_size) * d + m;
    }
    hln_k__kv_scales(c->format, sc + (size_t)ch * (size_t)sb, &d, &m);
    return hln_k__kv_val(c->format, codes, ch) * d + m;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_kv_get(const hln_k_kv *kv, int64_t t, float *row) {
    const uint8_t *sc, *codes;
    int per, ch;
    if (!kv || !row || !kv->data) return HLN_K_ERR_ARG;
    if (t < 0 || t >= kv->n_tokens) return HLN_K_ERR_ARG;
    codes = hln_k__kv_row(kv, t, &sc, &per);
    (void)per;
    if (!codes) { memcpy(row, kv->staging + (size_t)(t % kv->cfg.group_size) * (size_t)kv->cfg.dim, sizeof(float) * (size_t)kv->cfg.dim); return HLN_K_OK; }
    for (ch = 0; ch < kv->cfg.dim; ch++) row[ch] = hln_k__kv_at(&kv->cfg, codes, sc, ch);
    return HLN_K_OK;
}

/* Per-token rows: per group, d * sum q_j val_j + m * sum q_j. */
static float hln_k__kv_dot_token(const hln_k_kv_config *c, const uint8_t *r, const float *q) {
    const int sb = hln_k__kv_sbytes(c->format), G = c->group_size;
    const size_t gbytes = (size_t)sb + (size_t)G * (size_t)hln_k__kv_bits(c->format) / 8;
    float s = 0.0f;
    int g, k;
    for (g = 0; g < c->dim / G; g++) {
        const uint8_t *gp = r + (size_t)g * gbytes;
        const float *qg = q + (size_t)g * (size_t)G;
        float d, m, a = 0.0f, qs = 0.0f;
        hln_k__kv_scales(c->format, gp, &d, &m);
        for (k = 0; k < G; k++) { a += qg[k] * hln_k__kv_val(c->format, gp + sb, k); qs += qg[k]; }
        s += d * a + m * qs;
    }
    return s;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_kv_scores(const hln_k_kv *kv, const float *q, float *scores) {
    const hln_k_kv_config *c;
    int64_t t, full;
    int ch, k;
    if (!kv || !kv->data || !q || (!scores && kv->n_tokens > 0)) return HLN_K_ERR_ARG;
    c = &kv->cfg;
    if (c->axis == HLN_K_KV_PER_TOKEN) {
        for (t = 0; t < kv->n_tokens; t++) scores[t] = hln_k__kv_dot_token(c, kv->data + (size_t)t * hln_k__kv_unit(c), q);
        return HLN_K_OK;
    }
    /* per channel: q_c * d_c folded once per group block, channels in chunks on the stack */
    full = kv->n_tokens / c->group_size * c->group_size;
    for (t = 0; t < full; t++) scores[t] = 0.0f;
    for (t = 0; t < full; t += c->group_size) {
        const uint8_t *sc;
        int per, c0;
        const uint8_t *row0 = hln_k__kv_row(kv, t, &sc, &per);
        const size_t row = (size_t)c->dim * (size_t)hln_k__kv_bits(c->format) / 8;
        for (c0 = 0; c0 < c->dim; c0 += HLN_K__KV_CHUNK) {
            float qd[HLN_K__KV_CHUNK], qm = 0.0f;
            int nc = c->dim - c0 < HLN_K__KV_CHUNK ? c->dim - c0 : HLN_K__KV_CHUNK;
            for (ch = 0; ch < nc; ch++) {
                float d, m;
                hln_k__kv_scales(c->format, sc + (size_t)(c0 + ch) * (size_t)hln_k__kv_sbytes(c->format), &d, &m);
                qd[ch] = q[c0 + ch] * d; qm += q[c0 + ch] * m;
            }
            for (k = 0; k < c->group_size; k++) {
                const uint8_t *codes = row0 + (size_t)k * row;
                float a = 0.0f;
                for (ch = 0; ch < nc; ch++) a += qd[ch] * hln_k__kv_val(c->format, codes, c0 + ch);
                scores[t + k] += a + qm;
            }
        }
    }
    for (t = full; t < kv->n_tokens; t++) {
        const float *r = kv->staging + (size_t)(t - full) * (size_t)c->dim;
        float a = 0.0f;
        for (ch = 0; ch < c->dim; ch++) a += q[ch] * r[ch];
        scores[t] = a;
    }
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_kv_weighted_sum(const hln_k_kv *kv, const float *p, float *out) {
    const hln_k_kv_config *c;
    int64_t t, full;
    int ch, k;
    if (!kv || !kv->data || !out || (!p && kv->n_tokens > 0)) return HLN_K_ERR_ARG;
    c = &kv->cfg;
    for (ch = 0; ch < c->dim; ch++) out[ch] = 0.0f;
    if (c->axis == HLN_K_KV_PER_TOKEN) {
        const int sb = hln_k__kv_sbytes(c->format), G = c->group_size;
        const size_t gbytes = (size_t)sb + (size_t)G * (size_t)hln_k__kv_bits(c->format) / 8;
        for (t = 0; t < kv->n_tokens; t++) {
            const uint8_t *r = kv->data + (size_t)t * hln_k__kv_unit(c);
            int g;
            for (g = 0; g < c->dim / G; g++) {
                float d, m, pd, pm;
                hln_k__kv_scales(c->format, r + (size_t)g * gbytes, &d, &m);
                pd = p[t] * d; pm = p[t] * m;
                for (k = 0; k < G; k++) out[g * G + k] += pd * hln_k__kv_val(c->format, r + (size_t)g * gbytes + sb, k) + pm;
            }
        }
        return HLN_K_OK;
    }
    full = kv->n_tokens / c->group_size * c->group_size;
    for (t = 0; t < full; t += c->group_size) {
        const uint8_t *sc;
        int per, c0;
        const uint8_t *row0 = hln_k__kv_row(kv, t, &sc, &per);
        const size_t row = (size_t)c->dim * (size_t)hln_k__kv_bits(c->format) / 8;
        float ps = 0.0f;
        for (k = 0; k < c->group_size; k++) ps += p[t + k];
        for (c0 = 0; c0 < c->dim; c0 += HLN_K__KV_CHUNK) {
            float acc[HLN_K__KV_CHUNK];
            int nc = c->dim - c0 < HLN_K__KV_CHUNK ? c->dim - c0 : HLN_K__KV_CHUNK;
            for (ch = 0; ch < nc; ch++) acc[ch] = 0.0f;
            for (k = 0; k < c->group_size; k++) {
                const uint8_t *codes = row0 + (size_t)k * row;
                for (ch = 0; ch < nc; ch++) acc[ch] += p[t + k] * hln_k__kv_val(c->format, codes, c0 + ch);
            }
            for (ch = 0; ch < nc; ch++) {
                float d, m;
                hln_k__kv_scales(c->format, sc + (size_t)(c0 + ch) * (size_t)hln_k__kv_sbytes(c->format), &d, &m);
                out[c0 + ch] += d * acc[ch] + m * ps;
            }
        }
    }
    for (t = full; t < kv->n_tokens; t++) {
        const float *r = kv->staging + (size_t)(t - full) * (size_t)c->dim;
        for (ch = 0; ch < c->dim; ch++) out[ch] += p[t] * r[ch];
    }
    return HLN_K_OK;
}

/* ==========================================================================================
 * Statistics and quantization error.
 * ======================================================================================== */
HLN_K_DEF HLN_K__UNUSED void hln_k_stats_init(hln_k_stats *s) {
    memset(s, 0, sizeof *s);
    s->min = 1.0 / 0.0; s->max = -1.0 / 0.0;
}
HLN_K_DEF HLN_K__UNUSED void hln_k_stats_feed(hln_k_stats *s, const float *x, int64_t n) {
    /* chunk mean and squared deviations in double, merged with Chan et al.'s update */
    double sum = 0.0, m2 = 0.0, mean, delta, tot;
    uint64_t cnt = 0;
    int64_t j;
    for (j = 0; j < n; j++) {
        float v = x[j];
        if (v != v) { s->nan_count++; continue; }
        if (!hln_k__isfinite(v)) { s->inf_count++; continue; }
        if (v == 0.0f) s->zero_count++;
        if (v < s->min) s->min = v;
        if (v > s->max) s->max = v;
        if (hln_k__fabsf(v) > s->abs_max) s->abs_max = hln_k__fabsf(v);
        sum += v; cnt++;
    }
    if (!cnt) return;
    mean = sum / (double)cnt;
    for (j = 0; j < n; j++) {
        float v = x[j];
        if (v == v && hln_k__isfinite(v)) m2 += (v - mean) * (v - mean);
    }
    tot = (double)(s->count + cnt);
    delta = mean - s->mean;
    s->m2 += m2 + delta * delta * (double)s->count * (double)cnt / tot;
    s->mean += delta * (double)cnt / tot;
    s->count += cnt;
}
HLN_K_DEF HLN_K__UNUSED void hln_k_stats_finish(hln_k_stats *s) {
    s->std = s->count ? hln_k__sqrt(s->m2 / (double)s->count) : 0.0;
    if (!s->count) { s->min = 0.0; s->max = 0.0; }
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_hist_init(hln_k_hist *h, const hln_k_stats *s, int bins, double k) {
    if (!h || !s || bins < 1 || bins > HLN_K_HIST_MAX_BINS || k < 0.0) return HLN_K_ERR_ARG;
    memset(h, 0, sizeof *h);
    h->bins = bins; h->min = s->min; h->max = s->max; h->mean = s->mean; h->std = s->std;
    h->k = k > 0.0 ? k : 3.0;
    return HLN_K_OK;
}
HLN_K_DEF HLN_K__UNUSED void hln_k_hist_feed(hln_k_hist *h, const float *x, int64_t n) {
    double width = (h->max - h->min) / h->bins, lim = h->k * h->std;
    int64_t j;
    for (j = 0; j < n; j++) {
        double v = x[j], dev;
        int bin;
        if (v != v || !hln_k__isfinite(x[j])) continue;
        bin = width > 0.0 ? (int)((v - h->min) / width) : 0;
        if (bin < 0) bin = 0;
        if (bin >= h->bins) bin = h->bins - 1;
        h->counts[bin]++;
        dev = v - h->mean;
        if ((dev < 0 ? -dev : dev) > lim) h->outliers++;
    }
}

HLN_K_DEF HLN_K__UNUSED void hln_k_error_init(hln_k_error *e) { memset(e, 0, sizeof *e); }
/* One element into its lane (the scalar path and the edges of the AVX2 one). */
static void hln_k__error_one(hln_k_error *e, int lane, float ref, float approx) {
    double r = ref, a = approx, d = a - r, ad = d < 0 ? -d : d;
    e->lanes[0][lane] += d * d; e->lanes[1][lane] += r * r; e->lanes[2][lane] += a * a; e->lanes[3][lane] += r * a;
    if (ad > e->max_abs_err || ad != ad) e->max_abs_err = ad;   /* a NaN stays: it is the worst error */
}
#ifdef HLN_K__X86
/* Whole groups of 8 elements starting at a lane-0 index: lanes 0-3 in one vector, 4-7 in another,
   the same operations as hln_k__error_one (mul then add, no fusing). */
HLN_K__AVX2 static void hln_k__avx2_error_feed(hln_k_error *e, const float *ref, const float *approx, int64_t groups) {
    __m256d acc[4][2], mx0 = _mm256_setzero_pd(), mx1 = mx0, nan = mx0, sign = _mm256_set1_pd(-0.0);
    double lanes[4];
    int64_t g;
    int k, l;
    for (k = 0; k < 4; k++) { acc[k][0] = _mm256_loadu_pd(&e->lanes[k][0]); acc[k][1] = _mm256_loadu_pd(&e->lanes[k][4]); }
    for (g = 0; g < groups; g++, ref += 8, approx += 8) {
        __m256d r0 = _mm256_cvtps_pd(_mm_loadu_ps(ref)), r1 = _mm256_cvtps_pd(_mm_loadu_ps(ref + 4));
        __m256d a0 = _mm256_cvtps_pd(_mm_loadu_ps(approx)), a1 = _mm256_cvtps_pd(_mm_loadu_ps(approx + 4));
        __m256d d0 = _mm256_sub_pd(a0, r0), d1 = _mm256_sub_pd(a1, r1);
        acc[0][0] = _mm256_add_pd(acc[0][0], _mm256_mul_pd(d0, d0)); acc[0][1] = _mm256_add_pd(acc[0][1], _mm256_mul_pd(d1, d1));
        acc[1][0] = _mm256_add_pd(acc[1][0], _mm256_mul_pd(r0, r0)); acc[1][1] = _mm256_add_pd(acc[1][1], _mm256_mul_pd(r1, r1));
        acc[2][0] = _mm256_add_pd(acc[2][0], _mm256_mul_pd(a0, a0)); acc[2][1] = _mm256_add_pd(acc[2][1], _mm256_mul_pd(a1, a1));
        acc[3][0] = _mm256_add_pd(acc[3][0], _mm256_mul_pd(r0, a0)); acc[3][1] = _mm256_add_pd(acc[3][1], _mm256_mul_pd(r1, a1));
        d0 = _mm256_andnot_pd(sign, d0);
        d1 = _mm256_andnot_pd(sign, d1);
        nan = _mm256_or_pd(nan, _mm256_or_pd(_mm256_cmp_pd(d0, d0, _CMP_UNORD_Q), _mm256_cmp_pd(d1, d1, _CMP_UNORD_Q)));
        mx0 = _mm256_max_pd(mx0, d0);
        mx1 = _mm256_max_pd(mx1, d1);
    }
    for (k = 0; k < 4; k++) { _mm256_storeu_pd(&e->lanes[k][0], acc[k][0]); _mm256_storeu_pd(&e->lanes[k][4], acc[k][1]); }
    _mm256_storeu_pd(lanes, _mm256_max_pd(mx0, mx1));
    for (l = 0; l < 4; l++) if (lanes[l] > e->max_abs_err) e->max_abs_err = lanes[l];
    _mm256_storeu_pd(lanes, nan);
    for (l = 0; l < 4; l++) if (lanes[l] != 0) e->max_abs_err = 0.0 / 0.0;
}
/* The same with the 8 lanes in one 512-bit vector: each lane sees the same operations in the
   same order as in hln_k__avx2_error_feed and hln_k__error_one, so the sums are bit-identical;
   half the instructions (diff --weights spends most of its time here). */
HLN_K__AVX512 static void hln_k__avx512_error_feed(hln_k_error *e, const float *ref, const float *approx, int64_t groups) {
    __m512d acc[4], mx = _mm512_setzero_pd();
    __mmask8 nan = 0;
    double lanes[8];
    int64_t g;
    int k, l;
    for (k = 0; k < 4; k++) acc[k] = _mm512_loadu_pd(&e->lanes[k][0]);
    for (g = 0; g < groups; g++, ref += 8, approx += 8) {
        __m512d r = _mm512_cvtps_pd(_mm256_loadu_ps(ref)), a = _mm512_cvtps_pd(_mm256_loadu_ps(approx));
        __m512d d = _mm512_sub_pd(a, r);
        acc[0] = _mm512_add_pd(acc[0], _mm512_mul_pd(d, d));
        acc[1] = _mm512_add_pd(acc[1], _mm512_mul_pd(r, r));
        acc[2] = _mm512_add_pd(acc[2], _mm512_mul_pd(a, a));
        acc[3] = _mm512_add_pd(acc[3], _mm512_mul_pd(r, a));
        d = _mm512_abs_pd(d);
        nan = (__mmask8)(nan | _mm512_cmp_pd_mask(d, d, _CMP_UNORD_Q));
        mx = _mm512_max_pd(mx, d);
    }
    for (k = 0; k < 4; k++) _mm512_storeu_pd(&e->lanes[k][0], acc[k]);
    _mm512_storeu_pd(lanes, mx);
    for (l = 0; l < 8; l++) if (lanes[l] > e->max_abs_err) e->max_abs_err = lanes[l];
    if (nan) e->max_abs_err = 0.0 / 0.0;
}
#endif
HLN_K_DEF HLN_K__UNUSED void hln_k_error_feed(hln_k_error *e, const float *ref, const float *approx, int64_t n) {
    int64_t j = 0;
    if (n <= 0) return;
    for (; j < n && (e->count + (uint64_t)j) % HLN_K_ERROR_LANES; j++)
        hln_k__error_one(e, (int)((e->count + (uint64_t)j) % HLN_K_ERROR_LANES), ref[j], approx[j]);
#ifdef HLN_K__X86
    if (n - j >= 64 && e->max_abs_err == e->max_abs_err && hln_k_path_available(HLN_K_PATH_AVX2)) {
        int64_t groups = (n - j) / HLN_K_ERROR_LANES;
        if (hln_k_path_available(HLN_K_PATH_AVX512)) hln_k__avx512_error_feed(e, ref + j, approx + j, groups);
        else hln_k__avx2_error_feed(e, ref + j, approx + j, groups);
        j += groups * HLN_K_ERROR_LANES;
    }
#endif
    for (; j < n; j++) hln_k__error_one(e, (int)((e->count + (uint64_t)j) % HLN_K_ERROR_LANES), ref[j], approx[j]);
    e->count += (uint64_t)n;
}
HLN_K_DEF HLN_K__UNUSED void hln_k_error_finish(hln_k_error *e) {
    double den;
    int l;
    for (l = 0; l < HLN_K_ERROR_LANES; l++) {
        e->sum_sq_err += e->lanes[0][l]; e->sum_sq_ref += e->lanes[1][l];
        e->sum_sq_approx += e->lanes[2][l]; e->sum_ref_approx += e->lanes[3][l];
    }
    memset(e->lanes, 0, sizeof e->lanes);
    den = hln_k__sqrt(e->sum_sq_ref) * hln_k__sqrt(e->sum_sq_approx);
    e->rmse = e->count ? hln_k__sqrt(e->sum_sq_err / (double)e->count) : 0.0;
    e->snr_db = e->sum_sq_err > 0.0 ? 10.0 * hln_k__log10(e->sum_sq_ref / e->sum_sq_err) : 1.0 / 0.0;
    e->cosine = den > 0.0 ? e->sum_ref_approx / den : (e->sum_sq_ref == e->sum_sq_approx ? 1.0 : 0.0);
}
HLN_K_DEF HLN_K__UNUSED hln_k_result hln_k_quant_error(hln_k_type type, const float *src, int64_t n, hln_k_error *e) {
    uint8_t qbuf[1024];
    float back[256];
    int64_t nb, off;
    hln_k_result r = hln_k__check(type, src, e, n, &nb);
    if (r) return r;
    if (!hln_k__traits[type].can_quantize) return HLN_K_ERR_TYPE;
    for (off = 0; off < n; off += 256) {
        int64_t len = n - off < 256 ? n - off : 256;
        hln_k_quantize(type, src + off, qbuf, len);
        hln_k_dequantize(type, qbuf, back, len);
        hln_k_error_feed(e, src + off, back, len);
    }
    return HLN_K_OK;
}

#ifdef HLN_K__POP_OPTIONS
#pragma GCC pop_options
#endif
#endif /* HAOLINE_KERNELS_IMPLEMENTATION */

/*
 * History
 *   0.2.0  ternary kernels (I2_S, TL1, TL2), KV-cache quantization, every ggml type with a
 *          dot product, 4-row AVX-512/AVX2 GEMV, repacked layouts; hln_k_quantize_ref (an alias
 *          of hln_k_quantize: quantization has one implementation) is gone
 *   0.1.0  first release: every ggml block format, dequantize/quantize, dot/GEMV with AVX2,
 *          AVX-512 VNNI and NEON paths, NF4, FP8, int4 groups, streaming statistics.
 *
 * ------------------------------------------------------------------------------------------
 * LICENSE (MIT)
 * Copyright (c) 2026 the HaoLine authors
 * Permission is hereby granted, free of charge, to any person obtaining a copy of this
 * software and associated documentation files (the "Software"), to deal in the Software
 * without restriction, including without limitation the rights to use, copy, modify, merge,
 * publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
 * to whom the Software is furnished to do so, subject to the following conditions:
 * The above copyright notice and this permission notice shall be included in all copies or
 * substantial portions of the Software.
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
 */
